import { parseDecimal, parseUint, type Cursor } from '../../core/cursor';
import type { EventBase, MalformedEvent } from '../event';
import { compileBuilder, headerProperties, objectLiteral, type Property } from '../builder';
import { checkLine, finish, malformed, parseTimestamp, Stamp, type DecodeOptions, type LineDecoder, type LogFormat } from '../log-format';
import { CustomFormatError, parseFormat, type FormatToken } from './format';
import {
  atPlan,
  countLiteral,
  matchAt,
  matchGeneric,
  matchReadings,
  Miss,
  MatchMiss,
  WHOLE_AFTER,
  WHOLE_BEFORE,
  type FormatPlan,
} from './match';
import { commonLine } from './overlap';
import { fieldOf, type FieldSpec, type Group } from './specifiers';
import { strftimeParser, type StrftimeParser } from './strftime';

/**
 * custom_logger formats (spec §10) compiled into a LogFormat: `compileFormats({ delivery_format:
 * '%t@%i@…', … })` reads a file written with those formats. Each line is matched against the
 * stages' formats (their literals select the stage); every specifier becomes a named, typed
 * field. Formats that could make lines ambiguous are refused here, at compile time, with a
 * CustomFormatError naming the specifiers or stages — never guessed while parsing. The one
 * exception: several fields that may contain a separator longer than a byte (` @ `), where
 * each line is counted and one that reads several ways is malformed (match.ts).
 */

/** The stage of a custom_logger line: the event's `type`. */
export type CustomStage = 'reception' | 'delivery' | 'transient_failure' | 'permanent_failure' | 'transfer' | 'rejection';

/** The custom_logger options holding formats, as in ecelerity.conf. */
export interface CustomFormats {
  reception_format?: string;
  delivery_format?: string;
  transient_failure_format?: string;
  permanent_failure_format?: string;
  xfer_format?: string;
  rejection_format?: string;
}
export type FormatKey = keyof CustomFormats;

/** Each format option and the stage (event type) it logs, in the order stages are tried. */
export const FORMAT_STAGES: ReadonlyArray<readonly [FormatKey, CustomStage]> = [
  ['reception_format', 'reception'],
  ['delivery_format', 'delivery'],
  ['transient_failure_format', 'transient_failure'],
  ['permanent_failure_format', 'permanent_failure'],
  ['xfer_format', 'transfer'],
  ['rejection_format', 'rejection'],
];

export interface CompileOptions {
  /**
   * The names of the macros of other namespaces in use (e.g. `['dkim']`). Needed only when a
   * format holds a run such as `%dkim` that could also be a known specifier followed by text.
   */
  macros?: readonly string[];
  /**
   * Minutes east of UTC of the times `%t{…}` prints without `%z` (strftime writes the logging
   * host's local time). When given, simple patterns such as `%Y-%m-%d %H:%M:%S` also yield
   * `timestamp`; only right for hosts without daylight saving time changes (e.g. on UTC: 0).
   */
  utcOffsetMinutes?: number;
  /** `'generic'` turns the `@` fast path off (for tests and comparisons). Default `'auto'`. */
  matcher?: 'auto' | 'generic';
}

export interface SingleFormatOptions extends CompileOptions {
  /** The stage the format logs (its events' `type`): a single format cannot tell. */
  stage: CustomStage;
}

/**
 * A custom_logger line. Which fields are present depends on the format; within one stage of one
 * compiled format every event has the same fields. Names are mainlog's where the meaning is the
 * same; `timestamp`/`timestamp_us` come from `%t` (or from a `%t{…}` that gives the instant exactly).
 */
export interface CustomEvent extends EventBase {
  type: CustomStage;
  /** The format's record letter (e.g. `R` from `…@R@…`), or null when it has none. */
  record: string | null;
  log: 'custom';
  timestamp?: number;
  timestamp_us?: number;
  /** `%t{strftime}` as logged. */
  time_text?: string;
  /** `%us{N}` as logged (the spec says only "time with N decimals", so it is kept as text). */
  time_us_text?: string;
  message_id?: string;
  batch_id?: string;
  /** `%CI`, the inbound connection. */
  connection_id?: string;
  /** `%OC`. */
  outbound_connection_id?: string;
  rcpt_localpart?: string;
  rcpt_domain?: string;
  mailfrom_localpart?: string;
  mailfrom_domain?: string;
  remote_ip?: string;
  size?: number;
  protocol?: string;
  binding_group?: string;
  binding?: string;
  domain?: string;
  /** `%N` (tries). */
  retries?: number;
  queue_time?: number;
  /** `%S`. */
  stage?: number;
  /** `%s`. */
  stage_text?: string;
  /** `%n`. */
  response?: string;
  /** `%c` as logged. */
  bounce_class_name?: string;
  /** `%C`. */
  bounce_class?: number;
  auth_method?: string;
  auth_user?: string;
  pathway?: string;
  pathway_group?: string;
  mx?: string;
  /** `%h{Name}` by header name. */
  headers?: Record<string, string>;
  /** `%vctx_conn{key}` by key. */
  vctx_conn?: Record<string, string>;
  /** `%vctx_mess{key}` by key. */
  vctx_mess?: Record<string, string>;
  /** Macros of other namespaces by name as written (`foo`, `foo{bar}`). */
  macros?: Record<string, string>;
}

type Builder = (c: Cursor, S: Int32Array, E: Int32Array, ts: number, us: number) => CustomEvent | null;

/** One stage's compiled format. */
interface Stage {
  readonly key: FormatKey;
  readonly stage: CustomStage;
  readonly record: string | null;
  readonly fields: readonly FieldSpec[];
  /** Literal texts (for messages); the plan holds their bytes. */
  readonly literals: readonly string[];
  readonly plan: FormatPlan;
  /** With several free fields: why a line that reads more than one way is malformed. */
  readonly ambiguity: string | null;
  /** The `%t` field, or -1. */
  readonly tsField: number;
  /** The `%t{…}` field whose text gives the timestamp (when there is no `%t`), or -1. */
  readonly timeField: number;
  readonly timeParser: StrftimeParser | null;
  readonly build: Builder;
}

const J = JSON.stringify;

function showByte(b: number): string {
  return b < 0x80 ? J(String.fromCharCode(b)) : `byte 0x${b.toString(16)}`;
}

/** A literal for a message: its one byte as showByte shows it, or its text. */
function showLiteral(lit: Buffer): string {
  return lit.length === 1 ? showByte(lit[0]!) : J(lit.toString('utf8'));
}

/** Whether every byte of `lit` is in `alphabet`: a field of that alphabet may contain the literal. */
function holdsAll(alphabet: Uint8Array, lit: Uint8Array): boolean {
  for (const b of lit) if (alphabet[b] !== 1) return false;
  return true;
}

function isAlnum(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9]/.test(ch);
}

/** The record letter: the first uppercase letter of the literal text that stands alone (not next to a letter, digit or specifier). */
function recordLetter(tokens: readonly FormatToken[]): string | null {
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t]!;
    if (tok.kind !== 'literal') continue;
    const text = tok.text;
    for (let j = 0; j < text.length; j++) {
      if (!/[A-Z]/.test(text[j]!)) continue;
      const before = j > 0 ? !isAlnum(text[j - 1]) : t === 0;
      const after = j < text.length - 1 ? !isAlnum(text[j + 1]) : t === tokens.length - 1;
      if (before && after) return text[j]!;
    }
  }
  return null;
}

/** Splits a format at `@` into pieces (a field index or literal text), or null when a piece mixes them. */
function atPieces(literals: readonly string[], n: number): Array<number | string> | null {
  if (!literals.some((l) => l.includes('@'))) return null;
  const pieces: Array<number | string> = [];
  let text = '';
  let field = -1;
  const close = (): boolean => {
    if (field >= 0 && text !== '') return false;
    pieces.push(field >= 0 ? field : text);
    text = '';
    field = -1;
    return true;
  };
  for (let i = 0; i <= n; i++) {
    const parts = literals[i]!.split('@');
    text += parts[0]!;
    for (let k = 1; k < parts.length; k++) {
      if (!close()) return null;
      text = parts[k]!;
    }
    if (i < n) {
      if (field >= 0 || text !== '') return null;
      field = i;
    }
  }
  return close() ? pieces : null;
}

function compileStage(key: FormatKey, stage: CustomStage, format: string, options: CompileOptions): Stage {
  const fail = (msg: string): never => {
    throw new CustomFormatError(`${key}: ${msg}`);
  };
  const tokens = parseFormat(format, key, options.macros);
  const fields: FieldSpec[] = [];
  const literals: string[] = [''];
  const writers = new Map<string, string>();
  for (const tok of tokens) {
    if (tok.kind === 'literal') {
      if (/[\r\n]/.test(tok.text)) fail('a line break in the format would split its lines');
      literals[literals.length - 1] += tok.text;
      continue;
    }
    if (fields.length > 0 && literals[literals.length - 1] === '') {
      fail(`${fields[fields.length - 1]!.source} and ${tok.source} have no literal between them`);
    }
    const f = fieldOf(tok.name, tok.arg, tok.source, tok.macro);
    const name = f.group === null ? f.key : `${f.group}.${f.key}`;
    const first = writers.get(name);
    if (first !== undefined) fail(`${first} and ${tok.source} both write ${name}`);
    writers.set(name, tok.source);
    fields.push(f);
    literals.push('');
  }
  const n = fields.length;
  const bytes = literals.map((l) => Buffer.from(l, 'utf8'));

  // The fields that may contain the literal next to them (every byte of it is in their alphabet).
  // One can be read: it takes what the others leave. Several only when no one-byte literal makes
  // any of them free: a one-byte delimiter inside a text (a space, an "@") is routine, so such
  // lines would rarely read one way; a longer separator (" @ ") is not, so each line is counted
  // (matchReadings) and one that reads several ways is reported, never guessed.
  const free: number[] = [];
  const contains: string[] = [];
  let byOneByte = false;
  const whole = new Uint8Array(n);
  fields.forEach((f, i) => {
    const before = bytes[i]!;
    const after = bytes[i + 1]!;
    if (after.length > 0 && f.alphabet[after[0]!] === 1) whole[i]! |= WHOLE_AFTER;
    if (before.length > 0 && f.alphabet[before[before.length - 1]!] === 1) whole[i]! |= WHOLE_BEFORE;
    const found: Buffer[] = [];
    if (before.length > 0 && holdsAll(f.alphabet, before)) found.push(before);
    if (after.length > 0 && holdsAll(f.alphabet, after) && !after.equals(before)) found.push(after);
    if (found.length === 0) return;
    free.push(i);
    if (found.some((lit) => lit.length === 1)) byOneByte = true;
    contains.push(`${f.source} may contain ${found.map(showLiteral).join(' and ')}`);
  });
  if (free.length > 1 && byOneByte) fail(`more than one field may contain its delimiter: ${contains.join(', ')}`);

  const quoted = Uint8Array.from(fields, (f) => (f.quoted ? 1 : 0));
  const several = free.length > 1;
  const freeField = free.length === 1 ? free[0]! : -1;
  const pieces = options.matcher === 'generic' || several ? null : atPieces(literals, n);
  const plan: FormatPlan = {
    n,
    literals: bytes,
    quoted,
    free: freeField,
    frees: Uint8Array.from(fields, (_, i) => (free.includes(i) ? 1 : 0)),
    several,
    whole,
    at: pieces === null ? null : atPlan(pieces, freeField, quoted),
  };
  const ambiguity = several ? `the line reads more than one way: ${contains.join(', ')}` : null;

  const tsField = fields.findIndex((f) => f.kind === 'timestamp');
  let timeField = -1;
  let timeParser: StrftimeParser | null = null;
  if (tsField < 0) {
    timeField = fields.findIndex((f) => f.strftime !== null);
    if (timeField >= 0) timeParser = strftimeParser(fields[timeField]!.strftime!, options.utcOffsetMinutes);
    if (timeParser === null) timeField = -1;
  }
  const record = recordLetter(tokens);
  const build = builder(key, stage, record, fields, tsField >= 0 || timeParser !== null);
  return { key, stage, record, fields, literals, plan, ambiguity, tsField, timeField, timeParser, build };
}

/**
 * The event builder of one stage: one object literal with a fixed key order (every event of a
 * stage shares one hidden class), made by builder.ts. Top-level names are ours (the specifier
 * table); the keys of `headers`, `vctx_conn`, `vctx_mess` and `macros` are the user's, each an own
 * data property (`%h{__proto__}` included). Returns null when a number field is not a number.
 */
function builder(key: FormatKey, stage: CustomStage, record: string | null, fields: readonly FieldSpec[], hasTime: boolean): Builder {
  const props = headerProperties({
    type: J(stage),
    record: J(record),
    log: J('custom'),
    line: 'c.line',
    offset: 'c.base + c.start',
    time: hasTime ? ['ts', 'us'] : null,
  });
  const numbers: string[] = [];
  const checks: string[] = [];
  const groups = new Map<Group, Property[]>();
  fields.forEach((f, i) => {
    if (f.kind === 'timestamp') return;
    let expr = `c.text(S[${i}], E[${i}])`;
    if (f.kind === 'int' || f.kind === 'dec') {
      numbers.push(`const v${i} = h.${f.kind === 'int' ? 'parseUint' : 'parseDecimal'}(c.buf, S[${i}], E[${i}]);`);
      checks.push(f.kind === 'int' ? `v${i} < 0` : `v${i} !== v${i}`);
      expr = `v${i}`;
    }
    if (f.group === null) props.push([f.key, expr]);
    else {
      if (!groups.has(f.group)) groups.set(f.group, []);
      groups.get(f.group)!.push([f.key, expr]);
    }
  });
  for (const [group, entries] of groups) props.push([group, objectLiteral(entries, 'user', `${key}: ${group}`)]);
  const body = [
    'return function build(c, S, E, ts, us) {',
    ...numbers,
    checks.length > 0 ? `  if (${checks.join(' || ')}) return null;` : '',
    `  return ${objectLiteral(props, 'ours', key)};`,
    '};',
  ].join('\n');
  return compileBuilder<Builder>(body, { parseUint, parseDecimal });
}

/** The event of a line that matched `st` (or why its timestamp or a number field is bad); `time`: the decoder's scratch. */
function emit(c: Cursor, st: Stage, S: Int32Array, E: Int32Array, opts: DecodeOptions, time: Stamp): CustomEvent | MalformedEvent {
  let ts = 0;
  let us = 0;
  if (st.tsField >= 0) {
    const why = parseTimestamp(c, S[st.tsField]!, E[st.tsField]!, time);
    if (why !== null) return malformed(c, 'custom', st.record, `${st.key}: ${why}`, opts);
    ts = time.seconds;
    us = time.micros;
  } else if (st.timeParser !== null) {
    const text = c.text(S[st.timeField]!, E[st.timeField]!);
    ts = st.timeParser(text);
    if (ts < 0) {
      const src = st.fields[st.timeField]!.source;
      const why = `${st.key}: time_text (${src}) is not a time its pattern writes: ${J(text.slice(0, 64))}`;
      return malformed(c, 'custom', st.record, why, opts);
    }
    us = ts * 1e6;
  }
  const ev = st.build(c, S, E, ts, us);
  if (ev !== null) return finish(ev, c, opts);
  return malformed(c, 'custom', st.record, numberError(c, st, S, E), opts);
}

function numberError(c: Cursor, st: Stage, S: Int32Array, E: Int32Array): string {
  for (let i = 0; i < st.fields.length; i++) {
    const f = st.fields[i]!;
    const bad = f.kind === 'int' ? parseUint(c.buf, S[i]!, E[i]!) < 0 : f.kind === 'dec' && Number.isNaN(parseDecimal(c.buf, S[i]!, E[i]!));
    if (!bad) continue;
    const value = c.text(S[i]!, Math.min(E[i]!, S[i]! + 64));
    return `${st.key}: ${f.key} (${f.source}) is not ${f.kind === 'int' ? 'an integer' : 'a number'}: ${J(value)}`;
  }
  throw new Error('ecelog: custom builder failed without a bad number'); // unreachable
}

/** Why the line does not match `st` (from `miss`, filled by matchGeneric). */
function explainMiss(c: Cursor, st: Stage, miss: MatchMiss): string {
  const column = miss.at - c.start + 1;
  const lit = J(st.literals[miss.lit]);
  const source = miss.field >= 0 ? st.fields[miss.field]!.source : '';
  switch (miss.code) {
    case Miss.Start:
      return `does not start with ${lit}`;
    case Miss.NoLiteralAfter:
      return `no ${lit} after ${source}`;
    case Miss.WrongLiteral:
      return `expected ${lit} at column ${column}`;
    case Miss.LastContains: {
      const whole = (st.plan.whole[miss.field]! & WHOLE_BEFORE) !== 0;
      return `${source} (the last field) contains ${whole ? lit : showByte(c.buf[miss.at]!)} at column ${column}`;
    }
    case Miss.Trailing:
      return `text after the end of the format at column ${column}`;
    case Miss.End:
      return `does not end with ${lit}`;
    case Miss.NoLiteralBefore:
      return `no ${lit} before ${source}`;
  }
}

/** For a format with several free fields: a literal the line holds fewer times than the format writes it, or null. */
function tooFew(c: Cursor, st: Stage): string | null {
  const written = new Map<string, number>();
  for (const lit of st.literals) if (lit !== '') written.set(lit, (written.get(lit) ?? 0) + 1);
  for (const [lit, times] of written) {
    const held = countLiteral(c.buf, Buffer.from(lit, 'utf8'), c.start, c.stop);
    if (held < times) return `the line holds ${J(lit)} ${held} times, the format writes it ${times} times`;
  }
  return null;
}

function noMatch(c: Cursor, stages: readonly Stage[]): string {
  const miss = new MatchMiss();
  const why = stages.map((st) => {
    const few = st.plan.several ? tooFew(c, st) : null;
    if (few !== null) return `${st.key}: ${few}`;
    // A format with several free fields is otherwise explained as if only its first one were free.
    const plan = st.plan.several ? { ...st.plan, free: st.plan.frees.indexOf(1), several: false } : st.plan;
    const fits = matchGeneric(c, plan, new Int32Array(plan.n), new Int32Array(plan.n), miss);
    return `${st.key}: ${fits ? 'no reading of the line fits the format' : explainMiss(c, st, miss)}`;
  });
  return why.length === 1 ? why[0]! : `matches none of ${why.length} formats: ${why.join('; ')}`;
}

function decoder(stages: readonly Stage[], opts: DecodeOptions): LineDecoder {
  const width = Math.max(1, ...stages.map((st) => st.plan.n));
  // Scratch of the line being read: field spans, the timestamp, why a stage did not match.
  const S = new Int32Array(width);
  const E = new Int32Array(width);
  const time = new Stamp();
  const miss = new MatchMiss();
  return {
    line(c) {
      const bad = checkLine(c, 'custom', opts);
      if (bad !== null) return bad;
      for (let k = 0; k < stages.length; k++) {
        const at = stages[k]!.plan.at;
        if (at !== null && matchAt(c, at, S, E)) return emit(c, stages[k]!, S, E, opts, time);
      }
      for (let k = 0; k < stages.length; k++) {
        const st = stages[k]!;
        if (!st.plan.several) {
          if (matchGeneric(c, st.plan, S, E, miss)) return emit(c, st, S, E, opts, time);
          continue;
        }
        const readings = matchReadings(c, st.plan, S, E);
        if (readings === 1) return emit(c, st, S, E, opts, time);
        if (readings > 1) return malformed(c, 'custom', st.record, `${st.key}: ${st.ambiguity}`, opts);
      }
      return malformed(c, 'custom', null, noMatch(c, stages), opts);
    },
    end: () => null,
  };
}

/**
 * Compiles a custom_logger stanza's formats into a LogFormat: `parse(buf, { log:
 * compileFormats({ reception_format, delivery_format, … }) })`. Throws a CustomFormatError when a
 * format is not valid, could read lines two ways (two fields that may contain a one-byte
 * delimiter, two fields with no literal between them, one field written twice), or when two stages'
 * formats cannot be told apart by their literals (the message names them and gives such a line).
 */
export function compileFormats(formats: CustomFormats, options: CompileOptions = {}): LogFormat<'custom'> {
  const known = new Set<string>(FORMAT_STAGES.map(([key]) => key));
  for (const key of Object.keys(formats)) {
    if (!known.has(key)) throw new CustomFormatError(`unknown format option ${J(key)} (expected ${[...known].join(', ')})`);
  }
  const stages: Stage[] = [];
  for (const [key, stage] of FORMAT_STAGES) {
    const format = formats[key];
    if (format !== undefined) stages.push(compileStage(key, stage, format, options));
  }
  if (stages.length === 0) throw new CustomFormatError('no format given');
  for (let a = 0; a < stages.length; a++) {
    for (let b = a + 1; b < stages.length; b++) {
      const line = commonLine(stages[a]!.plan, stages[b]!.plan);
      if (line !== null) {
        throw new CustomFormatError(
          `${stages[a]!.key} and ${stages[b]!.key} cannot be told apart by their literals: both match the line ${J(line)}`,
        );
      }
    }
  }
  return { log: 'custom', create: (opts) => decoder(stages, opts) };
}

/** Compiles one format that logs one stage (e.g. a `delivery_logfile` written with `delivery_format`). */
export function compileFormat(format: string, options: SingleFormatOptions): LogFormat<'custom'> {
  const entry = FORMAT_STAGES.find(([, stage]) => stage === options.stage);
  if (entry === undefined) throw new CustomFormatError(`unknown stage ${J(options.stage)}`);
  return compileFormats({ [entry[0]]: format }, options);
}
