import type { RejectionEvent, RejectlogContext } from '../../decoders/rejectlog';
import type { Rec } from './fields';

/**
 * Which rejectlog lines are SparkPost policy rejections. The rejectlog holds every inbound
 * refusal: connections refused at connect (blocklists, relay probes), protocol errors, throttles
 * and the refusals of a message. SparkPost counts a policy rejection as mail that was meant to be
 * sent, so only the refusal of a message is one: in a phase where a message is being given
 * (MAIL FROM, RCPT TO, DATA) and with its sender or a recipient known from the message's
 * validation context (`CTXMESS`). The rest is skipped and counted by reason.
 *
 * Momentum's manuals name the context keys only by example (`mailfrom_domain`, `mailfrom_string`,
 * `mailfrom_localpart`); the `rcptto_` keys are read the same way, and a `…_string` holding the SMTP
 * command (`MAIL FROM:<a@b>`, `RCPT TO:<a@b>`) stands in for missing parts.
 */

/** Phases in which a message is being given: `awaiting mailfrom`, `awaiting rcptto`, `awaiting data`, `data`, …. */
const MESSAGE_PHASE = /mailfrom|rcptto|data|each_rcpt|body/i;

/** Why a rejectlog line is not a policy rejection, for `stats.ignored`. */
export type SkippedRejection = 'rejection_not_message_phase' | 'rejection_no_message';

/** The addresses of a message rejection (a Rec for setAddresses), or why the line is not one. */
export function messageRejection(ev: RejectionEvent): Rec | SkippedRejection {
  if (ev.phase === null || !MESSAGE_PHASE.test(ev.phase)) return 'rejection_not_message_phase';
  const ctx = ev.ctx_mess;
  const from = ctx === null ? null : address(ctx, 'mailfrom');
  const rcpt = ctx === null ? null : address(ctx, 'rcptto');
  if (from === null && (rcpt === null || rcpt.domain === '')) return 'rejection_no_message';
  const rec: Rec = {};
  if (from !== null) {
    rec.mailfrom_localpart = from.localpart;
    rec.mailfrom_domain = from.domain;
  }
  if (rcpt !== null && rcpt.domain !== '') {
    rec.rcpt_localpart = rcpt.localpart;
    rec.rcpt_domain = rcpt.domain;
  }
  return rec;
}

interface Address {
  localpart: string;
  domain: string;
}

/**
 * The address `<prefix>_localpart` / `<prefix>_domain` name, else the one in `<prefix>_string`
 * (`MAIL FROM:<>` is the null sender: both parts empty). Null when the context names none.
 */
function address(ctx: RejectlogContext, prefix: string): Address | null {
  const lp = ctx[`${prefix}_localpart`] ?? '';
  const dom = ctx[`${prefix}_domain`] ?? '';
  if (lp !== '' || dom !== '') return { localpart: lp, domain: dom };
  const command = ctx[`${prefix}_string`];
  if (command === undefined || command === '') return null;
  const m = /<([^<>]*)>/.exec(command);
  if (m === null) return null;
  const at = m[1]!.lastIndexOf('@');
  return at < 0 ? { localpart: m[1]!, domain: '' } : { localpart: m[1]!.slice(0, at), domain: m[1]!.slice(at + 1) };
}
