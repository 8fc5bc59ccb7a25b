import type { Cursor } from '../core/cursor';
import type { DecodedEvent, HeartbeatEvent, MalformedEvent } from './event';
import { decodeAtLine, heartbeat, recordTable, type AtLogSpec } from './at-log';
import { records, type BounceEvent, type BouncelogTransientFailureEvent } from './bouncelog';
import { Stamp, type LogFormat } from './log-format';
import { defineRecord, type RecordDecoder } from './record';

/**
 * custom_bounce_logger (`bouncelog.cl`), spec §1 and §6: bouncelog's 3.x/4.x `B` and `T` records
 * plus one trailing `@`-field, a user string. The response before it may contain `@`, so the user
 * string is the last raw field (split off from the right; it cannot itself contain `@`) and the
 * response runs from field 15 to the `@` before it. Heartbeats are bouncelog's (`ts@@@@M1`).
 */

/** bouncelog.cl `B`: a bouncelog `B` plus the user string. */
export interface BouncelogClBounceEvent extends Omit<BounceEvent, 'log'> {
  log: 'bouncelog_cl';
  /** The trailing user string (the last `@`-field of the line). */
  user_string: string;
}

/** bouncelog.cl `T`: a bouncelog `T` plus the user string. */
export interface BouncelogClTransientFailureEvent extends Omit<BouncelogTransientFailureEvent, 'log'> {
  log: 'bouncelog_cl';
  /** The trailing user string (the last `@`-field of the line). */
  user_string: string;
}

export type BouncelogClEvent = BouncelogClBounceEvent | BouncelogClTransientFailureEvent | HeartbeatEvent | MalformedEvent;

/** Logical field of the response in bouncelog's 3.x/4.x layout (the first free-text field). */
const RESPONSE = 15;

/**
 * bouncelog's 3.x/4.x record, one field longer: the free text (field 16) then holds the user
 * string, or the response's tail and the user string, which `splitUserString` separates.
 */
function withUserString(rd: RecordDecoder): RecordDecoder {
  const { def } = rd;
  return defineRecord({ ...def, log: 'bouncelog_cl', fields: def.fields + 1, columns: [...def.columns, ['user_string', def.fields]] });
}

const spec: AtLogSpec = {
  log: 'bouncelog_cl',
  positions: [
    {
      field: 4,
      name: '3.x/4.x layout',
      records: recordTable([
        ['B', [withUserString(records('bounce', 'B')[0]!)]],
        ['T', [withUserString(records('transient_failure', 'T')[0]!)]],
      ]),
      heartbeat: heartbeat('bouncelog_cl', '4', 5),
    },
  ],
};

/**
 * Where the response holds `@`, the record built it from its first piece and put the rest into
 * the user string: take the user string from the right instead. Reads the logical fields the
 * winning record left resolved on the cursor.
 */
function splitUserString(c: Cursor, ev: DecodedEvent): DecodedEvent {
  if (ev.log !== 'bouncelog_cl' || (ev.type !== 'bounce' && ev.type !== 'transient_failure')) return ev;
  const userStart = c.rawStart(c.rawFields - 1);
  if (c.fieldStart(RESPONSE + 1) !== userStart) {
    const record = ev as BouncelogClBounceEvent | BouncelogClTransientFailureEvent;
    record.response = c.text(c.fieldStart(RESPONSE), userStart - 1);
    record.user_string = c.text(userStart, c.stop);
  }
  return ev;
}

/** The custom_bounce_logger format (`bouncelog.cl`): pass as `log` to any iterator. */
export const bouncelogCl: LogFormat<'bouncelog_cl'> = {
  log: 'bouncelog_cl',
  create: (opts) => {
    const time = new Stamp();
    return { line: (c) => splitUserString(c, decodeAtLine(c, spec, opts, time)), end: () => null };
  },
};
