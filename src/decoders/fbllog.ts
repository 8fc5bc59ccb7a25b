import type { MalformedEvent, RecordBase } from './event';
import type { LogFormat } from './log-format';
import { singleLayoutLog, singleLayoutRecord } from './single-layout';

/**
 * fbllog (fbl module, `fbllog.ec`): one `F` record per feedback-loop (spam complaint) report,
 * spec §7. 10 fields, the letter in field 2; binding comes BEFORE binding group; the user string
 * is free text to the end of the line.
 */

/** fbllog `F`: a feedback-loop report. */
export interface FeedbackEvent extends RecordBase {
  type: 'feedback';
  record: 'F';
  log: 'fbllog';
  /** As logged (for reports, probably the ID of the inbound report message). */
  message_id: string;
  /** Recipient of the original message; quote-aware. */
  orig_rcpt_localpart: string;
  orig_rcpt_domain: string;
  binding: string;
  binding_group: string;
  /** The ARF Feedback-Type (`abuse`, …); empty for JMR reports. */
  feedback_type: string;
  /** The domain the report was sent to (e.g. `yahoo.com`). */
  fbl_domain: string;
  /** Free text to the end of the line: may contain `@`, may be empty. */
  user_string: string;
}

export type FbllogEvent = FeedbackEvent | MalformedEvent;

const F = singleLayoutRecord({
  type: 'feedback',
  record: 'F',
  log: 'fbllog',
  fields: 10,
  freeText: true,
  columns: [
    ['message_id', 1],
    ['orig_rcpt_localpart', 3, 'quoted'],
    ['orig_rcpt_domain', 4],
    ['binding', 5],
    ['binding_group', 6],
    ['feedback_type', 7],
    ['fbl_domain', 8],
    ['user_string', 9],
  ],
});

/** The fbllog format: pass as `log` to any iterator. */
export const fbllog: LogFormat<'fbllog'> = singleLayoutLog('fbllog', [['F', F]]);
