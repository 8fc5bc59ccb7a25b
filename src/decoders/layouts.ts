import type { LogKind } from './event';
import { heartbeat, recordTable, type LetterPosition } from './at-log';
import type { RecordDecoder } from './record';

/**
 * The letter positions of ec_logger's and bounce_logger's logs: field 2 in the 2.x layouts
 * (2.2 tried before 2.1), field 4 in 3.x/4.x. A 3.x/4.x field 2 is a batch ID, never a letter,
 * so field 2 is tried first. Each record lists its decoders as [3.x/4.x, 2.2, 2.1].
 */
export function layoutPositions(log: LogKind, records: ReadonlyArray<readonly [string, RecordDecoder[]]>): LetterPosition[] {
  return [
    {
      field: 2,
      name: '2.x layouts',
      records: recordTable(records.map(([letter, [, ...legacy]]) => [letter, legacy] as const)),
      heartbeat: heartbeat(log, '2', 3),
    },
    {
      field: 4,
      name: '3.x/4.x layout',
      records: recordTable(records.map(([letter, [current]]) => [letter, [current!]] as const)),
      heartbeat: heartbeat(log, '4', 5),
    },
  ];
}
