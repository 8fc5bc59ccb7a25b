/**
 * The typed events. Field names are the specification's snake_case names (as in SparkPost's own
 * events), so an event serialised as JSON is the NDJSON output. `switch (ev.type)` narrows.
 */

/**
 * Log kinds this version decodes. Each has a decoder module that declares its events; the map from
 * kind to events (`EventsByLog`) is in `decoders/index.ts`, which checks that it covers this list.
 */
export type LogKind =
  | 'mainlog'
  | 'bouncelog'
  | 'bouncelog_cl'
  | 'fbllog'
  | 'rejectlog'
  | 'paniclog'
  | 'acctlog'
  | 'importlog'
  | 'httplog'
  | 'adaptive'
  | 'eventlog'
  | 'policylog'
  | 'custom';

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

/**
 * What a decoder returns for a line: an event of its kind. The registry (`decoders/index.ts`) says
 * which events each kind yields; this is the shape every one of them has.
 */
export interface DecodedEvent extends EventBase {
  readonly type: string;
}
