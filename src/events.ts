/**
 * The typed events. Field names are the specification's snake_case names (as in SparkPost's own
 * events), so an event serialised as JSON is the NDJSON output. `switch (ev.type)` narrows.
 */

/**
 * The events each log kind yields. Every decoder module adds its kind to this interface
 * (declaration merging: `declare module '../events' { interface EventsByLog { fbllog: … } }`),
 * so `LogKind` and `EcelogEvent` cover every log the package decodes.
 */
export interface EventsByLog {
  mainlog: MainlogEvent;
  bouncelog: BouncelogEvent;
}

/** Log kinds this version decodes. */
export type LogKind = keyof EventsByLog;

/**
 * Which line layout a record was written in, detected per line: `'4'` for Momentum 3.x/4.x,
 * `'2.2'` / `'2.1'` for the 2.x layouts, `'2'` for a 2.x heartbeat (the two are identical there).
 */
export type Layout = '4' | '2.2' | '2.1' | '2';

/** What every event has. */
export interface EventBase {
  /** The log the line came from. */
  log: LogKind;
  /** 1-based line number within the input. */
  line: number;
  /** Byte offset of the line's first byte within the input. */
  offset: number;
  /** The line's bytes, only with the `rawBytes` option (a copy, without the line end). */
  bytes?: Uint8Array;
  /** Present (true) when the line was not valid UTF-8; its text was decoded with U+FFFD replacements. */
  invalid_utf8?: true;
}

/** What every record of an `@` log with a timestamp has. */
export interface RecordBase extends EventBase {
  /** Unix time in whole seconds. */
  timestamp: number;
  /** Unix time in microseconds (`timestamp * 1e6` for lines logged with second resolution). */
  timestamp_us: number;
  layout: Layout;
}

/** IDs of the form `HH/HH-DDDDD-HHHHHHHH`, kept as logged. `null` where the layout has no such field (2.x). */
export interface MessageIds {
  message_id: string;
  batch_id: string | null;
  connection_id: string | null;
}

/** mainlog `R`. */
export interface ReceptionEvent extends RecordBase, MessageIds {
  type: 'reception';
  record: 'R';
  log: 'mainlog';
  rcpt_localpart: string;
  rcpt_domain: string;
  /** Empty for the null sender `<>`. */
  mailfrom_localpart: string;
  mailfrom_domain: string;
  /** Client IP (v4 or v6), or `unknown` for HTTP (REST) injections. */
  remote_ip: string;
  size: number;
  /** `esmtp`, `ecstream`, `rest`, `xfer`, `internal`, `xfr` or any other value as logged. */
  protocol: string;
  /** `null` in the 2.1 layout. */
  binding_group: string | null;
  binding: string;
}

/** mainlog `D` (delivery) and `X` (transfer to a cluster peer): the same layout. */
export interface DeliveryFields extends RecordBase, MessageIds {
  log: 'mainlog';
  /** Destination (routing) domain. */
  domain: string;
  size: number;
  /** `null` in the 2.1 layout. */
  binding_group: string | null;
  binding: string;
  retries: number;
  /** Decimal seconds from reception. */
  queue_time: number;
  /** `null` in the 2.1 layout. */
  remote_ip: string | null;
}
export interface DeliveryEvent extends DeliveryFields {
  type: 'delivery';
  record: 'D';
}
export interface TransferEvent extends DeliveryFields {
  type: 'transfer';
  record: 'X';
}

/** mainlog `T` and `P`. */
export interface MainlogFailureFields extends RecordBase, MessageIds {
  log: 'mainlog';
  domain: string;
  /** 0 when no connection could be made. */
  bytes_transferred: number;
  /** `null` in the 2.1 layout. */
  binding_group: string | null;
  binding: string;
  /** Connection stage code (spec §9). */
  stage: number;
  retries: number;
  queue_time: number;
  /** May be empty when no connection was made; `null` in the 2.1 layout. */
  remote_ip: string | null;
  /** Free text to the end of the line (may contain `@`). */
  response: string;
}

/** bouncelog `B` and `T`. */
export interface BouncelogFields extends RecordBase, MessageIds {
  log: 'bouncelog';
  rcpt_localpart: string;
  rcpt_domain: string;
  mailfrom_localpart: string;
  mailfrom_domain: string;
  /** May be empty; `null` in the 2.1 layout. */
  binding_group: string | null;
  binding: string;
  stage: number;
  bounce_class: number;
  /** Name of the bounce class (spec §8); `Unknown` for a code outside the table. */
  bounce_class_name: string;
  /** Hard, Soft, Block, Admin or Undetermined (also for unknown codes). */
  bounce_category: BounceCategory;
  /** `null` in the 2.x layouts. */
  size: number | null;
  /** `null` in the 2.1 layout. */
  remote_ip: string | null;
  response: string;
}

export type BounceCategory = 'Hard' | 'Soft' | 'Block' | 'Admin' | 'Undetermined';

export interface MainlogTransientFailureEvent extends MainlogFailureFields {
  type: 'transient_failure';
  record: 'T';
}
export interface BouncelogTransientFailureEvent extends BouncelogFields {
  type: 'transient_failure';
  record: 'T';
}
export type TransientFailureEvent = MainlogTransientFailureEvent | BouncelogTransientFailureEvent;

export interface PermanentFailureEvent extends MainlogFailureFields {
  type: 'permanent_failure';
  record: 'P';
}

/** bouncelog `B`: in-band, or out-of-band when `stage` is 21. */
export interface BounceEvent extends BouncelogFields {
  type: 'bounce';
  record: 'B';
  out_of_band: boolean;
}

/** `M`, `M1`, … written every 60 s by each logger instance. */
export interface HeartbeatEvent extends RecordBase {
  type: 'heartbeat';
  /** The letter as logged: `M`, `M1`, … */
  record: string;
}

/** A line that could not be decoded. Parsing goes on with the next line. */
export interface MalformedEvent extends EventBase {
  type: 'malformed';
  /** The record letter if one could be found, else null. */
  record: string | null;
  /** Why the line was rejected, e.g. `expected 12 fields, found 11`. */
  reason: string;
  /** The line's text (decoded as UTF-8 with U+FFFD for invalid bytes; `bytes` with `rawBytes`). */
  raw: string;
}

export type MainlogEvent =
  | ReceptionEvent
  | DeliveryEvent
  | TransferEvent
  | MainlogTransientFailureEvent
  | PermanentFailureEvent
  | HeartbeatEvent
  | MalformedEvent;

export type BouncelogEvent = BounceEvent | BouncelogTransientFailureEvent | HeartbeatEvent | MalformedEvent;

/** Every event of every log kind. */
export type EcelogEvent = EventsByLog[LogKind];

export type EventType = EcelogEvent['type'];
