import type { MalformedEvent } from '../decoders/event';

/** Thrown under `strict: true` at the first malformed line; carries the same facts as the event. */
export class ParseError extends Error {
  readonly event: MalformedEvent;
  readonly line: number;
  readonly offset: number;
  readonly reason: string;
  readonly raw: string;

  constructor(event: MalformedEvent) {
    super(`${event.log} line ${event.line} (byte ${event.offset}): ${event.reason}`);
    this.name = 'ParseError';
    this.event = event;
    this.line = event.line;
    this.offset = event.offset;
    this.reason = event.reason;
    this.raw = event.raw;
  }
}
