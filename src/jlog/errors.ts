/** Why a jlog cannot be read: `code` says which case (see docs/jlog.md). */
export type JlogErrorCode =
  | 'JLOG_NOT_A_JLOG'
  | 'JLOG_BAD_METASTORE'
  | 'JLOG_CORRUPT'
  | 'JLOG_NO_SUBSCRIBER'
  | 'JLOG_SUBSCRIBER_EXISTS'
  | 'JLOG_BAD_CHECKPOINT'
  | 'JLOG_TOO_LARGE';

export class JlogError extends Error {
  override readonly name = 'JlogError';
  constructor(
    readonly code: JlogErrorCode,
    message: string,
    /** For JLOG_CORRUPT: the segment number and the byte offset in it where reading stopped. */
    readonly segment: number | null = null,
    readonly offset: number | null = null,
  ) {
    super(`ecelog: ${message}`);
  }
}
