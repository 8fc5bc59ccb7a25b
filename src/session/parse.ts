import type { EventsByLog } from '../decoders/index';
import type { LogKind } from '../decoders/event';
import { Session, type ParseOptions } from './session';

/** Events of a whole buffer, as a sync iterable. A last line without `\n` is included. */
export function* parse<L extends LogKind>(input: Uint8Array, options: ParseOptions<L>): Generator<EventsByLog[L]> {
  const session = new Session(options);
  session.write(input);
  session.end();
  for (let batch = session.read(); batch !== null; batch = session.read()) {
    for (let i = 0; i < batch.length; i++) yield batch[i] as EventsByLog[L];
  }
}
