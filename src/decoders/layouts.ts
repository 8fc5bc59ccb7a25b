import type { LogKind } from './event';
import { heartbeat, recordTable, type LetterPosition } from './at-log';
import type { Column, RecordDecoder } from './record';

/** The message, batch and connection IDs of the 3.x/4.x layout (fields 1-3) of mainlog and bouncelog. */
export const ids4: Column[] = [
  ['message_id', 1],
  ['batch_id', 2],
  ['connection_id', 3],
];
/** The same in the 2.x layouts, which log the message ID alone. */
export const ids2: Column[] = [
  ['message_id', 1],
  ['batch_id', null],
  ['connection_id', null],
];

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
