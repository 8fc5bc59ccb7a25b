import type { EcelogEvent } from '../../decoders/index';
import type { FeedbackEvent } from '../../decoders/fbllog';
import type { RejectionEvent } from '../../decoders/rejectlog';
import { AttributionTable, TRACKING, type Attribution } from './attribution';
import { messageRejection } from './rejection';
import { derivedMessageId, eventId } from './event-id';
import {
  defaultSourceId,
  F,
  hide,
  learnReception,
  noReceptionFields,
  numeric,
  ORDER,
  outboundQueueTime,
  owned,
  PLACED,
  setAddresses,
  setBinding,
  setFailure,
  setOutbound,
  setReception,
  timeOf,
  timestamp,
  US,
  makeEvent,
  type ReceptionFields,
  type Rec,
  type Slots,
} from './fields';
import { eventBody, WEBHOOK_TYPE, type IngestEvent, type IngestType } from './types';
import type { EventlogRecordEvent } from '../../decoders/eventlog-types';
import { eventlogEvent, OWN_TRACKING_TYPES, type OwnTracking } from './eventlog';

export { milliseconds } from './fields';

/**
 * Momentum log events → SparkPost message events (sparkpost-events.md §3). Stateful: receptions
 * are remembered by message ID (D/T/P carry no addresses), a mainlog `P` waits for the bouncelog
 * `B` of the same message (one bounce, with the B's class), and a mainlog `T` for a bouncelog `T`
 * of the same attempt (one delay). Time is event time: the largest timestamp seen (the watermark)
 * releases what waited longer than `pairWindow` and expires receptions older than
 * `maxReceptionAge`, so converting the same input always gives the same output; `advance()` does
 * the same from a wall clock for live use.
 */

export interface ConvertOptions {
  /** Type names: `'ingest'` (Momentum's: reception, delivery, …; default) or `'webhook'` (injection, delivery, …). */
  types?: 'ingest' | 'webhook';
  /** Header name or vctx_mess key (case-insensitive) → event field, e.g. `{"X-Job": "campaign_id"}`. */
  headerFields?: Record<string, string>;
  /** X-MSYS-API header → campaign_id, rcpt_meta (metadata), rcpt_tags (tags). Default true. */
  msysApi?: boolean;
  /** Send `rcpt_hash` (base64 SHA-1 of rcpt_to) and `rcpt_domain` instead of rcpt_to/raw_rcpt_to; raw_reason is masked like reason. */
  privacy?: boolean;
  /** Receptions remembered at most (oldest evicted first). Default 500,000. */
  maxReceptions?: number;
  /** Seconds of event time a reception is remembered. Default 604,800 (7 days). */
  maxReceptionAge?: number;
  /** Seconds a P / B (and a mainlog T / bouncelog T) waits for its partner. Default 30. */
  pairWindow?: number;
  /** Events waiting for a partner at most (over it, the oldest is released unpaired). Default 100,000. */
  maxHeld?: number;
  /**
   * `open_tracking` / `click_tracking` of a message whose X-MSYS-API header does not set them
   * (sent as `"1"` / `"0"`; Signals' Health Score reads them). Default: left out.
   */
  openTracking?: boolean;
  clickTracking?: boolean;
  /**
   * Messages Momentum generated itself (reception protocol `internal`: its DSNs) remembered from an
   * earlier run, `[message_id, reception µs]` (see `internalMessages`): their events are skipped.
   */
  internalMessages?: Iterable<readonly [string, number]>;
  /**
   * With Momentum's eventlog among the inputs (its records are SparkPost events already, and the
   * only source of opens, clicks, generation failures and unsubscribes): the types (Momentum's
   * names) taken from it. The eventlog's events of other types are skipped, and so are the logs'
   * events of these types — each event is sent once. Default: every eventlog event is sent, and
   * every log event (right when no eventlog is read).
   */
  eventlogTypes?: readonly string[];
  /**
   * Engagement the site tracks itself, not through Momentum's engagement tracking (the Signals
   * Agent's `open` / `click` keys): the eventlog's events of that kind (`OWN_TRACKING_TYPES`:
   * open → open, initial_open, amp_open, amp_initial_open; click → click, amp_click) are not
   * sent (`ignored.tracked_by_site`). Default: none.
   */
  ownTracking?: readonly OwnTracking[];
  /** delv_method of outbound events. Default `'esmtp'`. */
  delvMethod?: string;
  /** Stable ID of an event's line; default `ev.id` (set by follow) or `<file or log>:<offset>`. */
  sourceId?: (ev: EcelogEvent) => string;
  /**
   * What releases held events and expires receptions: `'event'` (default) the largest timestamp
   * pushed — deterministic, right for one time-ordered stream (see mergeByTime) — or `'wall'`:
   * only `advance(now)`, for live logs read side by side, where one log's lines may be read well
   * ahead of another's (a follower catching up) and event time would part a P from its B.
   */
  clock?: 'event' | 'wall';
}

export interface ConvertStats {
  /** Events pushed. */
  inputs: number;
  /** Events returned, by output type name. */
  emitted: Record<string, number>;
  /**
   * Inputs that yield nothing, by reason: transfer, xfer_reception, internal_reception,
   * internal_message (any later event of a message Momentum generated: its own DSNs), heartbeat,
   * malformed, no_timestamp, no_message_id, rejection_not_message_phase and rejection_no_message
   * (rejectlog lines that refuse no message), eventlog_type_from_logs (eventlog records of a type
   * not in eventlogTypes), left_to_eventlog (log events of a type in eventlogTypes), tracked_by_site
   * (eventlog engagement of a kind in ownTracking), other.
   */
  ignored: Record<string, number>;
  /** Events converted without the reception of their message (so without rcpt_to / msg_from unless their own record has them). */
  missing_reception: number;
  /** Receptions dropped because more than maxReceptions were remembered. */
  evicted_receptions: number;
  /** Receptions dropped because older than maxReceptionAge. */
  evicted_by_age: number;
  /** Receptions remembered now. */
  receptions_held: number;
  /** Events waiting for a partner now. */
  held: number;
  /** mainlog P + bouncelog B made into one bounce. */
  paired_bounces: number;
  /** P without a B within pairWindow (bounce_class "1"). */
  unpaired_permanent_failures: number;
  /** In-band B without a P within pairWindow. */
  unpaired_bounces: number;
  /** mainlog T + bouncelog T made into one delay. */
  paired_delays: number;
  /** X-MSYS-API values that were not valid (ignored). */
  bad_msys_api: number;
  /** Feedback reports without a feedback type (JMR), sent as "abuse". */
  defaulted_fbtype: number;
  /**
   * A second reception of a message already injected (a custom_logger line besides the mainlog R, a
   * repeated line): no second injection.
   */
  duplicate_receptions: number;
  /** Events released unpaired because more than maxHeld were waiting. */
  held_overflow: number;
  /** custom_logger receptions without a recipient: their attribution joined the message, no injection of their own. */
  attribution_only: number;
  /** Attribution values over their bounds (ATTRIBUTION_LIMITS), dropped. */
  attribution_dropped: number;
  /** Header values mapped to sending_domain without an address domain (ignored). */
  bad_from_header: number;
  /** Header values mapped to subaccount_id that are not a decimal number (ignored). */
  bad_subaccount_id: number;
  /** Events sent from the eventlog's records (counted in `emitted` too). */
  from_eventlog: number;
}

/** What is remembered of a reception: strings only, never the event (its strings would pin input blocks). */
interface Facts {
  /** Event time of the reception, µs. */
  at: number;
  /** An injection was emitted for the message. */
  injected: boolean;
  fields: ReceptionFields;
  attribution: Attribution | null;
}

/**
 * An event waiting for its partner: mainlog T / bouncelog T, or P / in-band B; or (clock 'wall') a
 * complaint `F` waiting for its message's reception, in case that is an internal one (a DSN).
 */
interface Held {
  key: string;
  kind: 'mainT' | 'bounceT' | 'P' | 'B' | 'F';
  /** Input sequence number. */
  seq: number;
  us: number;
  messageId: string;
  rec: Rec;
  /** The message's reception, when it was known on arrival. */
  facts: Facts | undefined;
  /** The event's own attribution (custom_logger lines). */
  attribution: Attribution | null;
  /** From a mainlog-like record (needs the reception for addresses). */
  outbound: boolean;
  /** The complaint of an `F`. */
  complaint?: FeedbackEvent;
}

const PARTNER = { mainT: 'bounceT', bounceT: 'mainT', P: 'B', B: 'P' } as const;
/** Input types that can yield an event (on the logs handled below). */
const CONVERTED = new Set<string>(['reception', 'delivery', 'transient_failure', 'permanent_failure', 'bounce', 'feedback', 'rejection']);

export class SignalsConverter {
  readonly stats: ConvertStats = {
    inputs: 0,
    emitted: {},
    ignored: {},
    missing_reception: 0,
    evicted_receptions: 0,
    evicted_by_age: 0,
    receptions_held: 0,
    held: 0,
    paired_bounces: 0,
    unpaired_permanent_failures: 0,
    unpaired_bounces: 0,
    paired_delays: 0,
    bad_msys_api: 0,
    defaulted_fbtype: 0,
    duplicate_receptions: 0,
    held_overflow: 0,
    attribution_only: 0,
    attribution_dropped: 0,
    bad_from_header: 0,
    bad_subaccount_id: 0,
    from_eventlog: 0,
  };
  private readonly webhook: boolean;
  private readonly privacy: boolean;
  private readonly maxReceptions: number;
  private readonly maxAge: number;
  private readonly window: number;
  private readonly maxHeld: number;
  private readonly delvMethod: string;
  private readonly sourceIdOf: (ev: EcelogEvent) => string;
  private readonly table: AttributionTable;
  private readonly join = new Map<string, Facts>();
  /** Messages received with protocol `internal` (Momentum's DSNs), by ID → reception µs, oldest first. */
  private readonly internal = new Map<string, number>();
  /** Changes of `internal` so far (a reader saves the list when it changed). */
  internalChanges = 0;
  /** ConvertOptions.eventlogTypes. */
  private readonly eventlogTypes: ReadonlySet<string> | null;
  /** The eventlog types of ConvertOptions.ownTracking. */
  private readonly siteTracked: ReadonlySet<string>;
  /** The tracking defaults, `"1"` / `"0"` or undefined, in TRACKING order. */
  private readonly tracking: (string | undefined)[];
  /** Records waiting for a partner, oldest first. */
  private readonly held = new Set<Held>();
  /** The same, by message (`T <id>` for delays, `F <id>` for bounces). */
  private readonly waiting = new Map<string, Held[]>();
  private seq = 0;
  private watermark = -Infinity;
  private readonly eventClock: boolean;
  /** Fields the header table names beyond the standard ones (ORDER): they follow, in table order. */
  private readonly extra: string[];
  /** The slot of every field an event may send: ORDER's, then `extra`'s. */
  private readonly slotOf: Map<string, number>;
  /** The fields of the event being made (see Slots); cleared by emit. */
  private readonly s: Slots;

  constructor(options: ConvertOptions = {}) {
    this.webhook = options.types === 'webhook';
    this.privacy = options.privacy ?? false;
    this.maxReceptions = options.maxReceptions ?? 500_000;
    this.maxAge = (options.maxReceptionAge ?? 604_800) * US;
    this.window = (options.pairWindow ?? 30) * US;
    this.maxHeld = options.maxHeld ?? 100_000;
    this.delvMethod = options.delvMethod ?? 'esmtp';
    this.sourceIdOf = options.sourceId ?? defaultSourceId;
    this.eventClock = options.clock !== 'wall';
    this.table = new AttributionTable(options.headerFields, options.msysApi ?? true);
    this.extra = [...new Set(Object.values(options.headerFields ?? {}))].filter((f) => !PLACED.has(f));
    this.slotOf = new Map([...ORDER, ...this.extra].map((f, i) => [f, i]));
    this.s = new Array<unknown>(this.slotOf.size).fill(undefined);
    this.tracking = [options.openTracking, options.clickTracking].map((on) => (on === undefined ? undefined : on ? '1' : '0'));
    for (const [id, us] of options.internalMessages ?? []) this.internal.set(id, us);
    this.eventlogTypes = options.eventlogTypes === undefined ? null : new Set(options.eventlogTypes);
    this.siteTracked = new Set((options.ownTracking ?? []).flatMap((kind) => OWN_TRACKING_TYPES[kind]));
  }

  /**
   * The messages Momentum generated itself (DSNs) still remembered, `[message_id, reception µs]`
   * oldest first: a live reader saves them with its positions and passes them back
   * (`internalMessages`) after a restart, since their receptions lie before the positions.
   */
  internalMessages(): [string, number][] {
    return [...this.internal];
  }

  /** How many events were pushed (the 1-based sequence number of the last one). */
  get inputs(): number {
    return this.seq;
  }

  /** The smallest sequence number of an input whose output has not been returned yet; Infinity when none. */
  get oldestHeld(): number {
    for (const h of this.held) return h.seq;
    return Infinity;
  }

  /** Converts one event; returns the events it completes (held ones released by its time included). */
  push(ev: EcelogEvent): IngestEvent[] {
    this.seq++;
    this.stats.inputs = this.seq;
    const out: IngestEvent[] = [];
    const us = timeOf(ev);
    this.convert(ev, us, out);
    if (this.eventClock && us !== undefined && us > this.watermark) {
      this.watermark = us;
      this.expire(us, out);
    }
    return this.done(out);
  }

  /** Live use: releases held events older than `nowSeconds - pairWindow`, expires receptions older than `nowSeconds - maxReceptionAge`. */
  advance(nowSeconds: number): IngestEvent[] {
    const out: IngestEvent[] = [];
    this.expire(nowSeconds * US, out);
    return this.done(out);
  }

  /** End of input: releases every held event. */
  flush(): IngestEvent[] {
    const out: IngestEvent[] = [];
    for (const h of this.held) this.release(h, out);
    return this.done(out);
  }

  private done(out: IngestEvent[]): IngestEvent[] {
    this.stats.receptions_held = this.join.size;
    this.stats.held = this.held.size;
    this.stats.bad_msys_api = this.table.badMsysApi;
    this.stats.attribution_dropped = this.table.dropped;
    this.stats.bad_from_header = this.table.invalid.sending_domain;
    this.stats.bad_subaccount_id = this.table.invalid.subaccount_id;
    return out;
  }

  private expire(nowUs: number, out: IngestEvent[]): void {
    const heldCutoff = nowUs - this.window;
    for (const h of this.held) {
      if (h.us >= heldCutoff) break;
      this.release(h, out);
    }
    const joinCutoff = nowUs - this.maxAge;
    for (const [id, facts] of this.join) {
      if (facts.at >= joinCutoff) break;
      this.join.delete(id);
      this.stats.evicted_by_age++;
    }
    for (const [id, at] of this.internal) {
      if (at >= joinCutoff) break;
      this.internal.delete(id);
      this.internalChanges++;
    }
  }

  private ignore(reason: string): void {
    this.stats.ignored[reason] = (this.stats.ignored[reason] ?? 0) + 1;
  }

  private convert(ev: EcelogEvent, us: number | undefined, out: IngestEvent[]): void {
    if (ev.type === 'transfer' && ev.message_id !== undefined) this.lookup(ev.message_id, true); // it leaves this node
    if (ev.type === 'malformed' || ev.type === 'heartbeat' || ev.type === 'transfer') return this.ignore(ev.type);
    if (ev.log === 'eventlog') return this.fromEventlog(ev, out);
    if (!CONVERTED.has(ev.type)) return this.ignore('other');
    if (us === undefined) return this.ignore('no_timestamp');
    switch (ev.log) {
      case 'fbllog':
        if (this.internal.has(ev.message_id)) return this.ignore('internal_message');
        // Live logs are read side by side: the fbllog may be read before the mainlog R that
        // tells the message is a DSN. The complaint waits pairWindow for it, as a P for its B.
        if (!this.eventClock)
          return this.hold(this.waiter('F', `C ${ev.message_id}`, ev.message_id, us, {}, undefined, null, false, ev), out);
        return this.feedback(ev, us, out);
      case 'rejectlog': {
        const addresses = messageRejection(ev);
        if (typeof addresses === 'string') return this.ignore(addresses);
        setAddresses(this.s, addresses);
        return this.rejection(ev, ev, us, String(ev.error_code ?? ''), ev.message, null, out);
      }
      case 'mainlog':
      case 'bouncelog':
      case 'bouncelog_cl':
      case 'custom':
        break;
      default:
        return this.ignore('other');
    }
    const rec = ev as Rec;
    const attribution = ev.log === 'custom' ? this.table.of(ev) : null;
    if (ev.type === 'rejection') return this.rejection(ev, rec, us, '', rec.response ?? '', attribution, out);
    const id = rec.message_id;
    if (id === undefined || id === '') return this.ignore('no_message_id');
    const outbound = ev.log === 'mainlog' || ev.log === 'custom';
    if (ev.type !== 'reception' && this.internal.has(id)) return this.ignore('internal_message');
    switch (ev.type) {
      case 'reception':
        return this.reception(ev, rec, id, us, attribution, out);
      case 'delivery':
        return this.delivery(ev, rec, id, us, attribution, out);
      case 'transient_failure':
        return this.pair(outbound ? 'mainT' : 'bounceT', rec, id, us, attribution, outbound, out);
      case 'permanent_failure':
        return this.pair('P', rec, id, us, attribution, true, out);
      case 'bounce':
        if (ev.out_of_band) return this.outOfBand(ev, rec, id, us, out);
        return this.pair('B', rec, id, us, attribution, false, out);
      default:
        return this.ignore('other');
    }
  }

  // ---- receptions and the join

  private reception(ev: EcelogEvent, rec: Rec, id: string, us: number, attribution: Attribution | null, out: IngestEvent[]): void {
    const protocol = rec.protocol ?? 'esmtp';
    const known = this.join.get(id);
    const facts: Facts = known ?? { at: us, injected: false, fields: noReceptionFields(), attribution: null };
    if (attribution !== null) facts.attribution = { ...facts.attribution, ...owned(attribution) };
    if (known === undefined) this.remember(id, facts);
    if (ev.log === 'custom' && rec.rcpt_domain === undefined) {
      // A custom line with no recipient (e.g. `%t@%i@R@%h{X-MSYS-API}`) only attributes the
      // message: the injection comes from the line that names the recipient (the mainlog R).
      this.stats.attribution_only++;
      return;
    }
    learnReception(facts.fields, rec, protocol);
    if (protocol === 'xfer' || protocol === 'xfr') return this.ignore('xfer_reception');
    if (protocol === 'internal') {
      this.join.delete(id); // none of its events is sent: nothing to join
      this.internal.delete(id); // re-inserted: the map stays in reception order
      this.internal.set(id, us);
      this.internalChanges++;
      if (this.internal.size > this.maxReceptions) this.internal.delete(this.internal.keys().next().value!);
      return this.ignore('internal_reception');
    }
    if (facts.injected) {
      this.stats.duplicate_receptions++;
      return;
    }
    facts.injected = true;
    const s = this.s;
    setAddresses(s, rec);
    s[F.routing_domain] = rec.rcpt_domain;
    setBinding(s, rec.binding, rec.binding_group);
    s[F.msg_size] = numeric(rec.size);
    s[F.recv_method] = protocol;
    this.attribute(facts.attribution);
    this.emit('reception', eventId('reception', this.sourceIdOf(ev)), us, id, out);
  }

  private remember(id: string, facts: Facts): void {
    this.join.set(id, facts);
    if (this.join.size <= this.maxReceptions) return;
    for (const oldest of this.join.keys()) {
      this.join.delete(oldest);
      this.stats.evicted_receptions++;
      break;
    }
  }

  /**
   * The reception facts of a message. When the message `ends` (delivered, bounced, transferred)
   * they are dropped — unless they carry attribution: a spam complaint may come days later and
   * should still name its campaign and subaccount, so those stay until the bounds evict them.
   */
  private lookup(id: string, ends: boolean): Facts | undefined {
    const facts = this.join.get(id);
    if (ends && facts !== undefined && facts.attribution === null) this.join.delete(id);
    return facts;
  }

  /** Writes the attribution's fields (those an event may send). */
  private attribute(attribution: Attribution | null | undefined): void {
    if (attribution === null || attribution === undefined) return;
    for (const k in attribution) {
      const i = this.slotOf.get(k);
      if (i !== undefined) this.s[i] = attribution[k];
    }
  }

  /** Writes the reception's fields, then its attribution. */
  private received(facts: Facts | undefined): void {
    if (facts === undefined) return;
    setReception(this.s, facts.fields);
    this.attribute(facts.attribution);
  }

  /** Fields from the reception plus the event's own attribution (which wins); counts a missing reception. */
  private joined(facts: Facts | undefined, attr: Attribution | null): void {
    if (facts === undefined) this.stats.missing_reception++;
    this.received(facts);
    this.attribute(attr);
    this.s[F.recv_method] = undefined;
    this.s[F.msg_size] = undefined;
  }

  // ---- outbound events

  private delivery(ev: EcelogEvent, rec: Rec, id: string, us: number, attr: Attribution | null, out: IngestEvent[]): void {
    this.joined(this.lookup(id, true), attr);
    setOutbound(this.s, rec, this.delvMethod);
    this.s[F.msg_size] = numeric(rec.size);
    this.emit('delivery', eventId('delivery', this.sourceIdOf(ev)), us, id, out);
  }

  /**
   * A failure record: paired with its partner if one waits, else held until it comes or the
   * window passes. Several records of one message may wait at once (a message's delays, when one
   * log is read ahead of the other): each pairs with the first waiting partner within the window.
   */
  private pair(
    kind: keyof typeof PARTNER,
    rec: Rec,
    id: string,
    us: number,
    attribution: Attribution | null,
    outbound: boolean,
    out: IngestEvent[],
  ): void {
    const key = `${kind === 'mainT' || kind === 'bounceT' ? 'T' : 'F'} ${id}`;
    const ends = kind === 'P' || kind === 'B';
    const h = this.waiter(kind, key, id, us, rec, this.lookup(id, ends), attribution, outbound);
    const waiting = this.waiting.get(key);
    const other = waiting?.find((w) => w.kind === PARTNER[kind] && Math.abs(w.us - us) <= this.window);
    if (other !== undefined) {
      this.unhold(other);
      return this.build(kind === 'mainT' || kind === 'P' ? h : other, kind === 'mainT' || kind === 'P' ? other : h, out);
    }
    this.hold(h, out);
  }

  /** A record that is to wait (see Held). */
  private waiter(
    kind: Held['kind'],
    key: string,
    messageId: string,
    us: number,
    rec: Rec,
    facts: Facts | undefined,
    attribution: Attribution | null,
    outbound: boolean,
    complaint?: FeedbackEvent,
  ): Held {
    return { key, kind, seq: this.seq, us, messageId, rec, facts, attribution, outbound, complaint };
  }

  /** Makes `h` wait (releasing the oldest waiting event when more than maxHeld wait). */
  private hold(h: Held, out: IngestEvent[]): void {
    this.held.add(h);
    const waiting = this.waiting.get(h.key);
    if (waiting === undefined) this.waiting.set(h.key, [h]);
    else waiting.push(h);
    if (this.held.size > this.maxHeld) {
      this.stats.held_overflow++;
      for (const oldest of this.held) {
        this.release(oldest, out);
        break;
      }
    }
  }

  private unhold(h: Held): void {
    this.held.delete(h);
    const list = this.waiting.get(h.key)!;
    if (list.length === 1) this.waiting.delete(h.key);
    else list.splice(list.indexOf(h), 1);
  }

  /** Emits a held event without a partner. */
  private release(h: Held, out: IngestEvent[]): void {
    this.unhold(h);
    if (h.complaint !== undefined) {
      if (this.internal.has(h.messageId)) return this.ignore('internal_message');
      return this.feedback(h.complaint, h.us, out);
    }
    // An internal message's (its R came while it waited) is no event at all: build() ignores it, and it is not counted unpaired.
    if (!this.internal.has(h.messageId)) {
      if (h.kind === 'P') this.stats.unpaired_permanent_failures++;
      else if (h.kind === 'B') this.stats.unpaired_bounces++;
    }
    if (h.kind === 'mainT' || h.kind === 'P') this.build(h, undefined, out);
    else this.build(undefined, h, out);
  }

  /**
   * One delay (mainlog T and/or bouncelog T) or one bounce (P and/or B). Addresses come from the
   * bouncelog record when there is one, else from the reception; attempt facts (retries, queue
   * time, remote IP, response) from the mainlog record when there is one.
   */
  private build(main: Held | undefined, bounce: Held | undefined, out: IngestEvent[]): void {
    const first = (main ?? bounce)!;
    if (this.internal.has(first.messageId)) {
      // Its internal reception came while it waited (the logs are read side by side).
      if (main !== undefined) this.ignore('internal_message');
      if (bounce !== undefined) this.ignore('internal_message');
      return;
    }
    const delay = first.kind === 'mainT' || first.kind === 'bounceT';
    if (main !== undefined && bounce !== undefined) {
      if (delay) this.stats.paired_delays++;
      else this.stats.paired_bounces++;
    }
    const facts = main?.facts ?? bounce?.facts;
    if (main?.outbound === true) this.joined(facts, null);
    else this.received(facts);
    const b = bounce?.rec;
    const m = main?.rec;
    const cls = b?.bounce_class ?? m?.bounce_class;
    const s = this.s;
    this.attribute(main?.attribution);
    this.attribute(bounce?.attribution);
    if (b !== undefined) setAddresses(s, b);
    setOutbound(s, attempt(m, b), this.delvMethod);
    s[F.recv_method] = undefined;
    s[F.msg_size] = delay ? undefined : (numeric(b?.size) ?? facts?.fields.msg_size);
    s[F.queue_time] = delay ? outboundQueueTime(m) : undefined; // a bounce has none (sparkpost-events.md §2)
    s[F.bounce_class] = cls !== undefined ? String(cls) : delay ? '70' : '1';
    setFailure(s, (m ?? b)!.response);
    if (delay) {
      const id = eventId('tempfail', first.messageId, String(Math.floor(first.us / US)));
      this.emit('tempfail', id, first.us, first.messageId, out);
    } else {
      this.emit('inband', eventId('inband', first.messageId), first.us, first.messageId, out);
    }
  }

  // ---- bouncelog out-of-band, fbllog, rejectlog

  private outOfBand(ev: EcelogEvent, rec: Rec, id: string, us: number, out: IngestEvent[]): void {
    const s = this.s;
    this.attribute(this.join.get(id)?.attribution);
    setAddresses(s, rec);
    s[F.routing_domain] = rec.rcpt_domain;
    setBinding(s, rec.binding, rec.binding_group);
    s[F.bounce_class] = numeric(rec.bounce_class);
    setFailure(s, rec.response);
    s[F.delv_method] = this.delvMethod;
    s[F.recv_method] = 'esmtp';
    this.emit('outofband', eventId('outofband', this.sourceIdOf(ev)), us, id, out);
  }

  private feedback(ev: FeedbackEvent, us: number, out: IngestEvent[]): void {
    let fbtype = ev.feedback_type;
    if (fbtype === '') {
      fbtype = 'abuse';
      this.stats.defaulted_fbtype++;
    }
    const s = this.s;
    this.attribute(this.join.get(ev.message_id)?.attribution);
    setAddresses(s, { rcpt_localpart: ev.orig_rcpt_localpart, rcpt_domain: ev.orig_rcpt_domain });
    setBinding(s, ev.binding, ev.binding_group);
    s[F.delv_method] = this.delvMethod;
    s[F.fbtype] = fbtype;
    s[F.report_to] = ev.fbl_domain;
    s[F.user_str] = ev.user_string;
    this.emit('feedback', eventId('feedback', this.sourceIdOf(ev)), us, ev.message_id, out);
  }

  /**
   * A rejected SMTP transaction. The log has no message ID, so one is derived from the line's
   * source ID: 20 hex digits of its SHA-256 (a custom_logger rejection with `%i` keeps its own).
   */
  private rejection(
    ev: EcelogEvent,
    rec: Rec | RejectionEvent,
    us: number,
    code: string,
    text: string,
    attr: Attribution | null,
    out: IngestEvent[],
  ): void {
    const source = this.sourceIdOf(ev);
    const logged = 'message_id' in rec ? rec.message_id : undefined;
    const id = logged !== undefined && logged !== '' ? logged : derivedMessageId('rejection', source);
    const s = this.s;
    this.attribute(attr);
    setFailure(s, text);
    s[F.remote_addr] = rec.remote_ip;
    s[F.recv_method] = 'esmtp';
    if (code !== '') s[F.error_code] = code;
    this.emit('rejection', eventId('rejection', source), us, id, out);
  }

  // ---- the eventlog

  /** An eventlog record: SparkPost's event already, sent as it is (see eventlogEvent). */
  private fromEventlog(ev: EventlogRecordEvent, out: IngestEvent[]): void {
    if (this.eventlogTypes !== null && !this.eventlogTypes.has(ev.type)) return this.ignore('eventlog_type_from_logs');
    if (this.siteTracked.has(ev.type)) return this.ignore('tracked_by_site');
    const e = eventlogEvent(ev, {
      webhook: this.webhook,
      privacy: this.privacy,
      sourceId: this.sourceIdOf(ev),
      delvMethod: this.delvMethod,
    });
    const name = eventBody(e).type;
    this.stats.emitted[name] = (this.stats.emitted[name] ?? 0) + 1;
    this.stats.from_eventlog++;
    out.push(e);
  }

  // ---- output

  /** Makes the event from the fields written (this.s), and clears them. */
  private emit(type: IngestType, id: string, us: number, messageId: string, out: IngestEvent[]): void {
    if (this.eventlogTypes?.has(type) === true) {
      this.s.fill(undefined);
      return this.ignore('left_to_eventlog');
    }
    const name = this.webhook ? WEBHOOK_TYPE[type] : type;
    if (this.privacy) hide(this.s);
    if (type !== 'rejection') {
      for (let i = 0; i < TRACKING.length; i++) this.s[F[TRACKING[i]!]] ??= this.tracking[i];
    }
    const event = makeEvent(name, id, timestamp(us), messageId, this.s, this.extra);
    this.s.fill(undefined);
    this.stats.emitted[name] = (this.stats.emitted[name] ?? 0) + 1;
    out.push({ msys: { message_event: event } });
  }
}

/**
 * The record outbound() reads for a delay or bounce: the mainlog record's fields where it has
 * them, else the bouncelog record's (its rcpt_domain as the domain) — `{ ...b, domain:
 * b?.rcpt_domain, ...m }` without copying either.
 */
function attempt(m: Rec | undefined, b: Rec | undefined): Rec {
  if (b === undefined) return m ?? {};
  const pick = <K extends keyof Rec>(k: K): Rec[K] => (m !== undefined && k in m ? m[k] : b[k]);
  return {
    domain: m !== undefined && 'domain' in m ? m.domain : b.rcpt_domain,
    binding: pick('binding'),
    binding_group: pick('binding_group'),
    remote_ip: pick('remote_ip'),
    retries: pick('retries'),
    queue_time: pick('queue_time'),
  };
}

/** Converts a stream of events (any logs, e.g. merged with mergeByTime) and flushes at the end; `onStats` gets the final stats. */
export async function* toSparkPostEvents(
  events: AsyncIterable<EcelogEvent> | Iterable<EcelogEvent>,
  options: ConvertOptions & { onStats?: (s: ConvertStats) => void } = {},
): AsyncGenerator<IngestEvent> {
  const { onStats, ...rest } = options;
  const converter = new SignalsConverter(rest);
  try {
    for await (const ev of events) for (const out of converter.push(ev)) yield out;
    for (const out of converter.flush()) yield out;
  } finally {
    onStats?.(converter.stats);
  }
}
