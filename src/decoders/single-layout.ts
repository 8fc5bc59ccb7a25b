import type { LogKind } from './event';
import { atLogFormat, recordTable } from './at-log';
import type { LogFormat } from './log-format';
import { defineRecord, type RecordDecoder, type RecordDef } from './record';

/**
 * The `@`-logs with a single layout whose record letter stands in field 2: fbllog (`F`),
 * importlog (`I`) and the adaptive log (`G`). Their manuals are the 3.x/4.x ones, so events carry
 * `layout: '4'`; there is no 2.x variant to tell apart and no heartbeat (spec §1 lists none).
 */

/** Raw field index of the record letter in these logs. */
export const LETTER_FIELD = 2;

/** How error messages name the letter's position. */
const POSITION_NAME = '3.x/4.x layout';

/** A record definition of such a log: `layout` is implied. */
export type SingleLayoutDef = Omit<RecordDef, 'layout'>;

/**
 * `defineRecord` for a record whose letter is in field 2. record.ts names field 4 `record` in
 * every layout-'4' record (the letter's place in mainlog and bouncelog); here field 4 is data, so
 * the field names used in error messages are corrected.
 */
export function singleLayoutRecord(def: SingleLayoutDef): RecordDecoder {
  const rd = defineRecord({ ...def, layout: '4' });
  const names = rd.names.slice();
  names[4] = columnName(def, 4) ?? 'field 4';
  names[LETTER_FIELD] = 'record';
  return { ...rd, names };
}

/** The name of the column read from field i, if any (derived columns do not name a field). */
function columnName(def: SingleLayoutDef, i: number): string | undefined {
  for (const col of def.columns) {
    const kind = col[2] ?? 'str';
    if (col[1] === i && (kind === 'str' || kind === 'quoted' || kind === 'int' || kind === 'dec')) return col[0];
  }
  return undefined;
}

/** The LogFormat of such a log: its records by letter, found in field 2. */
export function singleLayoutLog<K extends LogKind>(log: K, records: ReadonlyArray<readonly [string, RecordDecoder]>): LogFormat<K> {
  return atLogFormat({
    log,
    positions: [
      {
        field: LETTER_FIELD,
        name: POSITION_NAME,
        records: recordTable(records.map(([letter, rd]) => [letter, [rd]] as const)),
      },
    ],
  });
}
