import type { BatchStatus, IngestClient } from './ingest-client';
import { spooledEvents, type SentRecord, type SetAside, type Spool } from './spool';
import { Wakeup } from './wakeup';

/**
 * Follows the batches SparkPost acknowledged until their outcome is known. A 2xx from the Ingest
 * API only says a batch arrived: SparkPost validates it later and lists the outcome per batch id
 * in the Events API (`GET /api/v1/events/ingest?batch_ids=…`). Until then the batch waits in the
 * spool's `sent/`. Outcomes:
 * - success with no failed event, or an error saying the batch is a duplicate or empty: removed
 *   (`confirmed`);
 * - an error that is `retryable` or of type "system" (SparkPost: "your application should retry"):
 *   back to the send queue (`resent`);
 * - any other error, or a success with failed events (validation dropped them; SparkPost's
 *   answer does not say which, and sending them again would fail the same way): moved to
 *   `rejected/` with the answer (`rejected_after_accept`, `failed_events`);
 * - no outcome `maxStatusWaitMs` after the send: sent again (`resent`; SparkPost drops the events
 *   it has by event_id, so this cannot duplicate).
 * A batch sent more than `maxResends` times again is set aside instead: `rejected/` after an
 * error, `unconfirmed/` after no outcome — never deleted.
 */

export interface BatchStatusOptions {
  /** First status request this long after a batch's 2xx (default 30 000 ms; SparkPost validates within moments). */
  statusDelayMs?: number;
  /** Then every (default 60 000 ms). */
  statusPollMs?: number;
  /** Batch ids per status request (default 50: SparkPost takes URLs of up to 4096 characters). */
  statusBatchIds?: number;
  /** A batch without an outcome this long after its latest send is sent again (default 3 600 000 ms). */
  maxStatusWaitMs?: number;
  /** How often one batch is sent again (errors SparkPost calls retryable, no outcome) before it is set aside (default 3). */
  maxResends?: number;
  /** Millisecond clock (tests). */
  now?: () => number;
}

/** The counters the poller keeps (in the uploader's stats). */
export interface BatchStatusCounters {
  confirmed: number;
  events_confirmed: number;
  resent: number;
  rejected_after_accept: number;
  failed_events: number;
  unconfirmed: number;
  status_retries: number;
  last_error: string | null;
}

export interface BatchStatusHooks {
  counters: BatchStatusCounters;
  /** A batch went back to the send queue. */
  requeued(): void;
  /** Batches left sent/. */
  changed(): void;
  /** Whether someone waits for sent/ to empty (a drain): batches not asked about yet are asked about at once. */
  urgent(): boolean;
}

/** When a batch is next asked about; `sentAt` tells a record that changed (the batch was sent again). */
interface Check {
  sentAt: number;
  at: number;
  asked: boolean;
}

type Verdict = 'confirm' | 'resend' | 'reject';

/** How `last_error` starts for a failed status request (cleared by the next answer). */
const STATUS_ERROR = 'batch status: ';

export class BatchStatusPoller {
  private readonly wakeup = new Wakeup();
  private readonly checks = new Map<string, Check>();
  private readonly delayMs: number;
  private readonly pollMs: number;
  private readonly idsPerRequest: number;
  private readonly maxWaitMs: number;
  private readonly maxResends: number;
  private readonly now: () => number;
  /** Failed status requests in a row, and when the next may go. */
  private failures = 0;
  private retryAt = 0;

  constructor(
    private readonly spool: Spool,
    private readonly client: IngestClient,
    private readonly hooks: BatchStatusHooks,
    options: BatchStatusOptions = {},
  ) {
    this.delayMs = options.statusDelayMs ?? 30_000;
    this.pollMs = options.statusPollMs ?? 60_000;
    this.idsPerRequest = Math.max(1, options.statusBatchIds ?? 50);
    this.maxWaitMs = options.maxStatusWaitMs ?? 3_600_000;
    this.maxResends = options.maxResends ?? 3;
    this.now = options.now ?? Date.now;
  }

  /** A batch was sent, or someone waits: look again now. */
  hurry(): void {
    this.wakeup.wake();
  }

  /** Asks about what sent/ holds until the signal aborts; throws IngestConfigError when the Events API refuses the key or the URL. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.step(signal);
      await this.wakeup.wait(signal, this.nextAt() - this.now());
    }
  }

  private async step(signal: AbortSignal): Promise<void> {
    const now = this.now();
    const urgent = this.hooks.urgent();
    const due: Array<{ name: string; record: SentRecord }> = [];
    let changed = false;
    for (const b of this.spool.awaitingBatches()) {
      if (now - b.record.sent_at >= this.maxWaitMs) {
        await this.sendAgain(
          b.name,
          b.record,
          `no outcome for batch ${b.record.batch_id} within ${this.maxWaitMs} ms of its send`,
          'unconfirmed',
        );
        changed = true;
        continue;
      }
      const check = this.check(b.name, b.record);
      if (check.at <= now || (urgent && !check.asked)) due.push(b);
    }
    if (due.length > 0 && now >= this.retryAt) {
      for (let i = 0; i < due.length && !signal.aborted; i += this.idsPerRequest) {
        const chunk = due.slice(i, i + this.idsPerRequest);
        const answer = await this.client.batchStatus(
          chunk.map((b) => b.record.batch_id),
          { signal },
        );
        if (answer.kind === 'retry') {
          this.failures++;
          this.hooks.counters.status_retries++;
          this.hooks.counters.last_error = `${STATUS_ERROR}${answer.reason}`;
          this.retryAt = this.now() + this.client.backoff(this.failures, answer.retryAfterMs);
          break;
        }
        this.failures = 0;
        this.retryAt = 0;
        if (this.hooks.counters.last_error?.startsWith(STATUS_ERROR)) this.hooks.counters.last_error = null;
        for (const b of chunk) changed = (await this.apply(b.name, b.record, answer.statuses.get(b.record.batch_id))) || changed;
      }
    }
    if (changed) this.hooks.changed();
  }

  /** Acts on one batch's status; true when it left sent/. */
  private async apply(name: string, record: SentRecord, status: BatchStatus | undefined): Promise<boolean> {
    const check = this.check(name, record);
    const verdict = status && judge(status);
    if (!status || !verdict) {
      check.at = this.now() + this.pollMs;
      check.asked = true;
      return false;
    }
    const c = this.hooks.counters;
    const why = describe(status, record);
    if (verdict === 'confirm') {
      await this.spool.confirm(name);
      c.confirmed++;
      c.events_confirmed += spooledEvents(name);
    } else if (verdict === 'resend') {
      await this.sendAgain(name, record, why, 'rejected', status);
    } else {
      await this.spool.reject(name, why);
      c.rejected_after_accept++;
      c.failed_events += status.failed ?? spooledEvents(name);
    }
    return true;
  }

  /** Back to the send queue, or, after `maxResends` sends again, set aside in `where`. */
  private async sendAgain(name: string, record: SentRecord, why: string, where: SetAside, status?: BatchStatus): Promise<void> {
    this.checks.delete(name);
    const c = this.hooks.counters;
    if (record.sends > this.maxResends) {
      const text = `${why}\nset aside after ${record.sends} sends (at most ${this.maxResends} again): ecelog signals resend DIR sends it again`;
      if (where === 'rejected') {
        await this.spool.reject(name, text);
        c.rejected_after_accept++;
        c.failed_events += status?.failed ?? spooledEvents(name);
      } else {
        await this.spool.unconfirm(name, text);
        c.unconfirmed++;
      }
      return;
    }
    await this.spool.requeue(name);
    c.resent++;
    this.hooks.requeued();
  }

  private check(name: string, record: SentRecord): Check {
    let check = this.checks.get(name);
    if (!check || check.sentAt !== record.sent_at) {
      check = { sentAt: record.sent_at, at: record.sent_at + this.delayMs, asked: false };
      this.checks.set(name, check);
    }
    return check;
  }

  /** When there is next something to do: a batch to ask about (not before a failed request's backoff) or one waited for too long. */
  private nextAt(): number {
    const now = this.now();
    const urgent = this.hooks.urgent();
    let next = Infinity;
    for (const { name, record } of this.spool.awaitingBatches()) {
      const check = this.check(name, record);
      const ask = urgent && !check.asked ? now : check.at;
      next = Math.min(next, record.sent_at + this.maxWaitMs, Math.max(ask, this.retryAt));
    }
    return next;
  }
}

/** What a status means for its batch; undefined while it is not final (a type this code does not know). */
function judge(s: BatchStatus): Verdict | undefined {
  if (s.type === 'success') return (s.failed ?? 0) > 0 ? 'reject' : 'confirm';
  if (s.type !== 'error') return undefined;
  const type = (s.errorType ?? '').toLowerCase();
  // SparkPost drops duplicate batches and reports empty ones: the events are there, or there were none.
  if (type.includes('duplicate') || type === 'empty') return 'confirm';
  return s.retryable === true || type === 'system' ? 'resend' : 'reject';
}

/** The `.why.txt` text: what SparkPost answered about the batch. */
function describe(s: BatchStatus, record: SentRecord): string {
  const fields = [
    `type=${s.type}`,
    s.errorType !== undefined && `error_type=${s.errorType}`,
    s.retryable !== undefined && `retryable=${s.retryable}`,
    s.succeeded !== undefined && `number_succeeded=${s.succeeded}`,
    s.failed !== undefined && `number_failed=${s.failed}`,
    s.duplicates !== undefined && `number_duplicates=${s.duplicates}`,
  ].filter(Boolean);
  const head =
    s.type === 'success'
      ? `SparkPost accepted batch ${s.batchId} but dropped ${s.failed} of its events in validation`
      : `SparkPost reported an error for batch ${s.batchId}`;
  const sent = `sent ${record.sends} time(s), last at ${new Date(record.sent_at).toISOString()}`;
  return `${head} (${sent}): ${fields.join(' ')}${s.href ? `\nfailed events: ${s.href}` : ''}`;
}
