import type { MalformedEvent, RecordBase } from './event';
import type { LogFormat } from './log-format';
import type { RecordDecoder } from './record';
import { singleLayoutLog, singleLayoutRecord } from './single-layout';

/**
 * importlog (ec_logger, `importlog.ec`, off by default): one `I` record per message imported
 * into the spool, spec §7: `ts@orig_msgid@I@new_msgid@result@spool_dir`.
 */

/** The import result codes of spec §7; any other code is `unknown`. */
export type ImportResultName = 'success' | 'metadata read failure' | 'message read failure' | 'write failure' | 'unknown';

const RESULT_NAMES: readonly ImportResultName[] = ['unknown', 'success', 'metadata read failure', 'message read failure', 'write failure'];

/** The name of an import result code (1 to 4); `unknown` for any other. */
export function importResultName(code: number): ImportResultName {
  return RESULT_NAMES[code] ?? 'unknown';
}

/** importlog `I`: a spool import. */
export interface ImportEvent extends RecordBase {
  type: 'import';
  record: 'I';
  log: 'importlog';
  /** The message's ID before the import. */
  orig_message_id: string;
  /** Its new ID. */
  message_id: string;
  /** 1 success, 2 metadata read failure, 3 message read failure, 4 write failure; other codes kept. */
  result: number;
  result_name: ImportResultName;
  /** Free text to the end of the line (a path may contain `@`). */
  spool_dir: string;
}

export type ImportlogEvent = ImportEvent | MalformedEvent;

const record = singleLayoutRecord({
  type: 'import',
  record: 'I',
  log: 'importlog',
  fields: 6,
  freeText: true,
  columns: [
    ['orig_message_id', 1],
    ['message_id', 3],
    ['result', 4, 'int'],
    ['result_name', null],
    ['spool_dir', 5],
  ],
});

// record.ts has no lookup column: the literal holds `result_name: null` in its place (same keys,
// same order), and the name is filled in before the event leaves.
const I: RecordDecoder = {
  ...record,
  build(c, ts, us) {
    const ev = record.build(c, ts, us) as ImportEvent | null;
    if (ev !== null) ev.result_name = importResultName(ev.result);
    return ev;
  },
};

/** The importlog format: pass as `log` to any iterator. */
export const importlog: LogFormat<'importlog'> = singleLayoutLog('importlog', [['I', I]]);
