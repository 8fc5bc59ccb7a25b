import { safeText } from '../core/safe-text';
import type { LogFormat } from '../decoders/log-format';
import type { EcelogEvent } from '../decoders/index';
import type { LogKind } from '../decoders/event';
import { Session } from './session';
import type { Backend } from '../core/backend';
import { detectCompression } from '../io/compression';

/**
 * Which log a file is, from its first lines: every candidate format's decoder reads them, and
 * the format under which every line decodes wins (blank and NUL-bearing lines, evidence of
 * nothing, are left out). The file name is only a hint: it decides between formats the content
 * cannot tell apart (a file of heartbeats only reads the same as a mainlog and as a bouncelog),
 * and a name that disagrees with the content is reported in `note`, not obeyed.
 */

/** Bytes `detectFile` reads from the start of a file. */
export const DETECT_HEAD_BYTES = 64 * 1024;
/** Lines sniffed by default. */
export const DETECT_MAX_LINES = 50;

/** Log names of spec §1, recognised in file names even when no candidate format has that name. */
export const LOG_FILE_NAMES: readonly string[] = [
  'mainlog',
  'bouncelog',
  'fbllog',
  'rejectlog',
  'paniclog',
  'acctlog',
  'importlog',
  'httplog',
  'adaptive',
];

export interface DetectOptions {
  /** The file's name or path: a hint, used when the content fits several formats equally. */
  fileName?: string;
  /**
   * Complete lines to sniff (default 50). When they fit several formats alike (e.g. heartbeats
   * only), every complete line of `head` is read before the file name is asked.
   */
  maxLines?: number;
  /** `head` is the whole input: its last line counts even without a newline. Default false. */
  eof?: boolean;
  /** Scanner used to decode the sniffed lines (default: the loaded one). */
  backend?: Backend;
}

/** A sniffed line that a format did not decode. */
export interface DetectMisfit {
  /** 1-based line number. */
  line: number;
  /** The line's text, escaped for terminals and shortened. */
  text: string;
  /** The decoder's reason, escaped for terminals. */
  reason: string;
}

/** How one candidate format read the sniffed lines. Blank and NUL-bearing lines are not counted. */
export interface DetectScore {
  log: LogKind;
  /** Lines decoded: records, heartbeats and the continuation lines of multi-line entries. */
  fit: number;
  /** Of those, lines of records other than heartbeats. */
  records: number;
  heartbeats: number;
  /** The first line that did not decode, or null. */
  misfit: DetectMisfit | null;
}

export interface DetectResult {
  log: LogKind;
  format: LogFormat;
  /** Lines sniffed. */
  lines: number;
  /** Of those, blank or NUL-bearing lines, which fit no format and were not counted. */
  ignored: number;
  scores: DetectScore[];
  /** The log name the file name suggests, or null. */
  hint: string | null;
  /** What the caller should know: the name disagrees with the content, the name decided, lines ignored. */
  note: string | null;
}

/** The log could not be told: the message lists what each candidate made of the lines. */
export class DetectError extends Error {
  readonly scores: DetectScore[];
  readonly lines: number;
  readonly hint: string | null;
  constructor(message: string, scores: DetectScore[] = [], lines = 0, hint: string | null = null) {
    super(message);
    this.name = 'DetectError';
    this.scores = scores;
    this.lines = lines;
    this.hint = hint;
  }
}

/**
 * Detects the log kind of `head`, the first bytes of an input (the first 64 KiB of a file), among
 * `formats`. Throws a DetectError when the input is empty or compressed, when no format decodes
 * every sniffed line (lines of several kinds, or none fits), or when several fit equally and the
 * file name does not decide.
 */
export function detectLog(head: Uint8Array, formats: readonly LogFormat[], options: DetectOptions = {}): DetectResult {
  const where = options.fileName === undefined ? '' : `${safeText(options.fileName)}: `;
  const fail = (why: string, scores: DetectScore[] = [], lines = 0, hint: string | null = null) =>
    new DetectError(`${where}cannot detect the log kind: ${why}`, scores, lines, hint);
  if (formats.length === 0) throw fail('no candidate formats were given');
  const buf = Buffer.isBuffer(head) ? head : Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (buf.length === 0) throw fail('the input is empty');
  const compression = detectCompression(buf);
  if (compression !== null) throw fail(`the input is ${compression}-compressed (a rotated log?): decompress it first`);

  const maxLines = options.maxLines ?? DETECT_MAX_LINES;
  const sniff = splitLines(buf, maxLines, options.eof ?? false);
  const n = sniff.lines.length;
  if (n === 0) throw fail(`no complete line in the first ${buf.length} bytes`);
  const ignored = sniff.lines.filter((l) => l.ignored).length;
  if (ignored === n)
    throw fail(n === 1 ? 'the first line is blank or holds NUL bytes' : `the first ${n} lines are blank or hold NUL bytes`);
  const evidence = n - ignored;

  const readings = formats.map((format) => read(format, buf.subarray(0, sniff.end), n, options.backend));
  const scores = readings.map((r) => score(r, sniff, buf));
  const hint = hintFromFileName(
    options.fileName,
    formats.map((f) => f.log),
  );
  let fits = formats.filter((_, i) => scores[i]!.fit === evidence);
  const notes: string[] = [];
  if (ignored > 0) notes.push(`${count(ignored, 'blank or NUL-bearing line')} ignored`);
  const specific = fits.filter((f) => !f.catchAll);
  if (specific.length > 0 && specific.length < fits.length) {
    const loose = fits
      .filter((f) => f.catchAll)
      .map((f) => f.log)
      .join(', ');
    notes.push(`the lines also fit ${loose}, which accepts any text after a timestamp: the more specific kind is preferred`);
    fits = specific;
  }

  let chosen: LogFormat;
  if (fits.length === 1) {
    chosen = fits[0]!;
    if (hint !== null && hint !== chosen.log) notes.push(`the file name suggests ${hint}, but the content is ${chosen.log}`);
  } else if (fits.length > 1) {
    if (n === maxLines && sniff.end < buf.length) {
      // The first lines do not tell (heartbeats of a quiet server?): read every line of the head.
      const wider = detectLog(buf, fits, { ...options, maxLines: Number.MAX_SAFE_INTEGER });
      const why = `${firstLines(n)} fit ${fits.map((f) => f.log).join(', ')} alike: read ${wider.lines} lines`;
      return { ...wider, note: wider.note === null ? why : `${why}; ${wider.note}` };
    }
    const named = fits.find((f) => f.log === hint);
    const kinds = fits.map((f) => f.log).join(', ');
    const only = scores.every((s) => s.fit < evidence || s.records === 0) ? ` (heartbeats only)` : '';
    if (named === undefined) {
      const hinted =
        options.fileName === undefined
          ? 'and no file name was given'
          : hint === null
            ? 'and the file name names none of them'
            : `and the file name suggests ${hint}`;
      throw fail(
        `${firstLines(n)} fit ${kinds} alike${only}, ${hinted}: name the log explicitly\n${list(scores, evidence)}`,
        scores,
        n,
        hint,
      );
    }
    chosen = named;
    notes.push(`the lines fit ${kinds} alike${only}: ${chosen.log} chosen from the file name`);
  } else {
    throw fail(`${explain(readings, scores, sniff.lines)}\n${list(scores, evidence)}`, scores, n, hint);
  }
  return {
    log: chosen.log,
    format: chosen,
    lines: n,
    ignored,
    scores,
    hint,
    note: notes.length > 0 ? notes.join('; ') : null,
  };
}

/** Reads the first 64 KiB of a file and detects its log kind, with the path as the name hint. */
export async function detectFile(path: string, formats: readonly LogFormat[], options: DetectOptions = {}): Promise<DetectResult> {
  const file = await (await import('node:fs/promises')).open(path, 'r'); // fs/promises loads on first use
  try {
    const head = Buffer.alloc(DETECT_HEAD_BYTES);
    let length = 0;
    while (length < head.length) {
      const { bytesRead } = await file.read(head, length, head.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    const stat = length < head.length ? null : await file.stat();
    const eof = stat === null || (stat.isFile() && stat.size <= length);
    return detectLog(head.subarray(0, length), formats, { fileName: path, eof, ...options });
  } finally {
    await file.close();
  }
}

/**
 * The log name a file name or path suggests: the first of the file name and the three
 * directories above it (clusters store `…/<logname>/<subcluster>/<node>`) that holds exactly one
 * known log name (`kinds` and the names of spec §1; the longest one when one contains another).
 * Case-insensitive. Null when none does.
 */
export function hintFromFileName(fileName: string | undefined, kinds: readonly string[] = []): string | null {
  if (fileName === undefined) return null;
  const names = [...new Set([...kinds, ...LOG_FILE_NAMES])];
  const parts = fileName
    .toLowerCase()
    .split(/[/\\]/)
    .filter((p) => p !== '');
  for (const part of parts.reverse().slice(0, 4)) {
    const found = names.filter((name) => part.includes(name.toLowerCase()));
    const longest = found.filter((a) => !found.some((b) => b !== a && b.includes(a)));
    if (longest.length === 1) return longest[0]!;
  }
  return null;
}

// --- lines -----------------------------------------------------------------------------------

interface Line {
  start: number;
  /** Excludes the `\n` and a `\r` before it. */
  end: number;
  /** Blank (spaces and tabs only) or holding a NUL byte: evidence of nothing. */
  ignored: boolean;
}

/** The first `max` complete lines, and where they end (the bytes the decoders read). */
function splitLines(buf: Buffer, max: number, eof: boolean): { lines: Line[]; end: number } {
  const lines: Line[] = [];
  let start = 0;
  while (lines.length < max && start < buf.length) {
    const nl = buf.indexOf(10, start);
    if (nl < 0 && !eof) break;
    const stop = nl < 0 ? buf.length : nl;
    const end = stop > start && buf[stop - 1] === 13 ? stop - 1 : stop;
    lines.push({ start, end, ignored: isBlank(buf, start, end) || buf.subarray(start, end).includes(0) });
    start = stop + 1;
  }
  return { lines, end: Math.min(start, buf.length) };
}

function isBlank(buf: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (buf[i] !== 32 && buf[i] !== 9) return false;
  return true;
}

/** A line for a message: escaped for terminals, at most 120 characters. */
function shown(buf: Buffer, line: Line): string {
  const text = buf.toString('utf8', line.start, Math.min(line.end, line.start + 480));
  return safeText(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}

// --- reading and scoring ----------------------------------------------------------------------

const RECORD = 1;
const HEARTBEAT = 2;
const MISFIT = 3; // malformed, or no event covers the line

/** What one format made of each sniffed line (index = line number), and its reasons. */
interface Reading {
  format: LogFormat;
  kinds: Uint8Array;
  reasons: Map<number, string>;
}

/** Decodes the sniffed bytes with `format`; a multi-line entry's class covers its continuation lines. */
function read(format: LogFormat, bytes: Buffer, n: number, backend: Backend | undefined): Reading {
  const session = new Session({ log: format, backend });
  session.write(bytes);
  session.end();
  const events: EcelogEvent[] = [];
  for (let batch = session.read(); batch !== null; batch = session.read()) events.push(...batch);

  const kinds = new Uint8Array(n + 1);
  const reasons = new Map<number, string>();
  for (const ev of events) {
    if (ev.line < 1 || ev.line > n) continue;
    const kind = ev.type === 'malformed' ? MISFIT : ev.type === 'heartbeat' ? HEARTBEAT : RECORD;
    if (kind > kinds[ev.line]!) kinds[ev.line] = kind; // the worst event of a line counts
    if (ev.type === 'malformed' && !reasons.has(ev.line)) reasons.set(ev.line, ev.reason);
  }
  let entry = 0; // lines without an event of their own belong to the entry above them
  for (let i = 1; i <= n; i++) {
    if (kinds[i] !== 0) entry = kinds[i]!;
    else if (entry !== 0) kinds[i] = entry;
    else {
      kinds[i] = MISFIT;
      reasons.set(i, `no ${format.log} event for this line`);
    }
  }
  return { format, kinds, reasons };
}

function score(r: Reading, sniff: { lines: Line[] }, buf: Buffer): DetectScore {
  let records = 0;
  let heartbeats = 0;
  let misfit: DetectMisfit | null = null;
  sniff.lines.forEach((line, i) => {
    if (line.ignored) return;
    const kind = r.kinds[i + 1];
    if (kind === RECORD) records++;
    else if (kind === HEARTBEAT) heartbeats++;
    else if (misfit === null) misfit = { line: i + 1, text: shown(buf, line), reason: safeText(r.reasons.get(i + 1) ?? '') };
  });
  return { log: r.format.log, fit: records + heartbeats, records, heartbeats, misfit };
}

/** Why no format fits: lines of several kinds, or lines no candidate reads. */
function explain(readings: Reading[], scores: DetectScore[], lines: Line[]): string {
  const n = lines.length;
  const some = scores.filter((s) => s.fit > 0).map((s) => s.log);
  const names = scores.map((s) => s.log).join(', ');
  if (some.length === 0)
    return n === 1 ? `no candidate (${names}) fits the first line` : `no candidate (${names}) fits any of the first ${n} lines`;
  const unread = lines.filter((line, i) => !line.ignored && readings.every((r) => r.kinds[i + 1] === MISFIT)).length;
  if (some.length > 1 && unread === 0) return `the first ${n} lines are of several kinds (${some.join(' and ')} mixed)`;
  return `no candidate fits every one of ${firstLines(n)}`;
}

/** One line per candidate: how many lines fit, and the first that did not. */
function list(scores: DetectScore[], evidence: number): string {
  return scores
    .map((s) => {
      const counts = `${s.fit} of ${evidence} lines fit (${count(s.records, 'record')}, ${count(s.heartbeats, 'heartbeat')})`;
      const m = s.misfit;
      return m === null ? `  ${s.log}: ${counts}` : `  ${s.log}: ${counts}; line ${m.line} does not (${m.reason}): ${m.text}`;
    })
    .join('\n');
}

function firstLines(n: number): string {
  return n === 1 ? 'the first line' : `the first ${n} lines`;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
