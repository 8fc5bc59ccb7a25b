import type { MalformedEvent, RecordBase } from './event';
import type { LogFormat } from './log-format';
import { singleLayoutLog, singleLayoutRecord } from './single-layout';

/**
 * The adaptive module's log (`adaptive/*.log`): `G` (generic) records, spec §7:
 * `ts@1@G@binding@domain@LEVEL@free text`. Field 1 is, per the 4.x manual's adaptive log page,
 * the version of the log format (currently 1).
 */

/** adaptive `G`: a generic adaptive-delivery record (typically an option that changed). */
export interface AdaptiveEvent extends RecordBase {
  type: 'adaptive';
  record: 'G';
  log: 'adaptive';
  /** Field 1: the log format's version (1 in every documented example). */
  version: number;
  /** May be empty. */
  binding: string;
  /** May be empty. */
  domain: string;
  /** Log level name as logged (`NOTICE`, …). */
  level: string;
  /** Free text to the end of the line, as logged (may start with a space, may contain `@`). */
  message: string;
}

export type AdaptiveLogEvent = AdaptiveEvent | MalformedEvent;

const G = singleLayoutRecord({
  type: 'adaptive',
  record: 'G',
  log: 'adaptive',
  fields: 7,
  freeText: true,
  columns: [
    ['version', 1, 'int'],
    ['binding', 3],
    ['domain', 4],
    ['level', 5],
    ['message', 6],
  ],
});

/** The adaptive log format: pass as `log` to any iterator. */
export const adaptive: LogFormat<'adaptive'> = singleLayoutLog('adaptive', [['G', G]]);
