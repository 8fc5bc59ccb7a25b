import type { EventsByLog } from '../decoders/index';
import type { LogKind } from '../decoders/event';
import { Session, type ParseOptions } from './session';

/** Events of a whole buffer, as a sync iterable. A last line without `\n` is included. */
export function* parse<L extends LogKind>(input: Uint8Array, options: ParseOptions<L>): Generator<EventsByLog[L]> {
  const session = new Session(options);
  session.write(input);
  session.end();
  for (let batch = session.read(); batch !== null; batch = session.read()) {
    // Needed (tsc rejects the line without it). The lint rule's check of it overflows: for a
    // generic L, EventsByLog[L] as a target is the intersection of every kind's events, whose
    // expansion (the product of the kinds' union sizes) passes tsc's limit of 100 000 members.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    for (let i = 0; i < batch.length; i++) yield batch[i] as EventsByLog[L];
  }
}
