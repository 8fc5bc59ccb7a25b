import type { EventsByLog, LogKind } from './events';
import { Session, type ParseOptions } from './session';

/** Events of a whole buffer, as a sync iterable. A last line without `\n` is included. */
export function* parse<L extends LogKind>(input: Uint8Array, options: ParseOptions<L>): Generator<EventsByLog[L]> {
  const session = new Session(options);
  yield* session.push(input) as Generator<EventsByLog[L]>;
  yield* session.end() as Generator<EventsByLog[L]>;
}
