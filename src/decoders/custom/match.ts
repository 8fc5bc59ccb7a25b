import type { Cursor } from '../../core/cursor';
import type { Shape } from '../../core/shape';
import { closingQuote } from '../../core/cursor';

/**
 * Matching one line against one compiled format: where each field's value lies.
 *
 * A format is literals and fields: `L0 f0 L1 f1 … f(n-1) Ln` (inner literals are never empty).
 * Every field is *bounded* — it cannot contain the literal after it nor the literal before it —
 * except the *free* fields. Bounded fields left of the free one end at the first occurrence of the
 * next literal; those right of it start after the last occurrence of the previous literal; the
 * free field takes what lies between. Where a bounded field cannot hold the literal's edge byte
 * (the first byte of the literal after it, the last of the one before), that byte is looked for
 * and the literal must stand there; otherwise (` @ ` next to a field that holds spaces) the whole
 * literal is looked for.
 * A quote-aware field (`%r`, `%m`) that starts with `"` skips its quoted string first (`\"`
 * escapes), exactly as `Cursor.resolve` does; right of the free field it is read from the right
 * (a value ending in `"` skips back over the quoted string). Without a free field, the last
 * field runs to the end of the line and must not contain the byte that delimits it on the left.
 *
 * Two implementations give the same spans: `matchGeneric`, a literal-driven matcher over the
 * line's bytes, and `matchAt`, for formats that are a plain `@`-separated sequence, which takes
 * the spans from the scanner's `@` offsets (and from `Cursor.resolve` for quoted local parts).
 *
 * A format with several free fields (possible only next to literals longer than a byte, see
 * compile.ts) is read by `matchReadings`: every bounded field ends at the first occurrence of the
 * literal after it, a free field at any occurrence; the line's readings are counted, and only a
 * line that reads exactly one way is decoded.
 */

/** The compiled shape of one format, as the matchers and the overlap check see it. */
export interface FormatPlan {
  /** Number of fields. */
  readonly n: number;
  /** n + 1 literals: literals[i] precedes field i, literals[n] ends the line. */
  readonly literals: readonly Buffer[];
  /** 1 for a quote-aware field. */
  readonly quoted: Uint8Array;
  /** The free field when there is exactly one, else -1. */
  readonly free: number;
  /** 1 for every free field: a field that may contain the literal next to it. */
  readonly frees: Uint8Array;
  /** More than one free field: only `matchReadings` reads the format. */
  readonly several: boolean;
  /**
   * Per field, how its bounds are looked for: `WHOLE_AFTER` set when it may hold the first byte of
   * the literal after it (the whole literal is looked for instead), `WHOLE_BEFORE` likewise for
   * the last byte of the literal before it.
   */
  readonly whole: Uint8Array;
  /** The `@` plan, when the format is a plain `@`-separated sequence. */
  readonly at: AtPlan | null;
}

/** A format whose `@`-separated pieces are each one field or only literal text. */
export interface AtPlan {
  /** Number of `@`-separated pieces. */
  readonly pieces: number;
  /** The piece of each field. */
  readonly fieldPiece: Int32Array;
  /** The piece of the free field, or -1. */
  readonly freePiece: number;
  /** Literal pieces and their bytes. */
  readonly literalPieces: Int32Array;
  readonly literalBytes: readonly Buffer[];
  /** Quote-aware pieces left of the free field (all of them without one), and right of it. */
  readonly leftQuoted: Int32Array;
  readonly rightQuoted: Int32Array;
  /** For `Cursor.resolve` when a quoted local part starts with `"`: null when the free field is not last. */
  readonly shape: Shape | null;
}

const QUOTE = 34;
const BACKSLASH = 92;

/** Bits of `FormatPlan.whole`. */
export const WHOLE_AFTER = 1;
export const WHOLE_BEFORE = 2;

/** Why a line does not match a format (for the malformed reason). */
export enum Miss {
  Start = 1, // does not start with literals[0]
  NoLiteralAfter, // no first byte of literals[field + 1] after the field
  WrongLiteral, // literals[lit] does not stand at `at`
  LastContains, // the last field holds the byte that delimits it
  Trailing, // text after the format's end
  End, // does not end with literals[n]
  NoLiteralBefore, // no last byte of literals[field] before the field
}

/** Why matchGeneric did not match: filled on failure. Each decoder owns one. */
export class MatchMiss {
  code = Miss.Start;
  /** Where in the line's bytes. */
  at = 0;
  /** The field being read, or -1. */
  field = 0;
  /** The literal expected. */
  lit = 0;
}

function fail(miss: MatchMiss, code: Miss, at: number, field: number, lit: number): false {
  miss.code = code;
  miss.at = at;
  miss.field = field;
  miss.lit = lit;
  return false;
}

function indexOfByte(buf: Uint8Array, b: number, from: number, stop: number): number {
  for (let i = from; i < stop; i++) if (buf[i] === b) return i;
  return -1;
}

function lastIndexOfByte(buf: Uint8Array, b: number, lo: number, to: number): number {
  for (let i = to - 1; i >= lo; i--) if (buf[i] === b) return i;
  return -1;
}

/** The first occurrence of `lit` starting in `[from, stop)` and ending by `stop`, or -1. */
function indexOfBytes(buf: Uint8Array, lit: Uint8Array, from: number, stop: number): number {
  const first = lit[0]!;
  for (let i = from; i + lit.length <= stop; i++) if (buf[i] === first && bytesAt(buf, i, stop, lit)) return i;
  return -1;
}

/** The last occurrence of `lit` starting at or after `lo` and ending by `to`, or -1. */
function lastIndexOfBytes(buf: Uint8Array, lit: Uint8Array, lo: number, to: number): number {
  const first = lit[0]!;
  for (let i = to - lit.length; i >= lo; i--) if (buf[i] === first && bytesAt(buf, i, to, lit)) return i;
  return -1;
}

/**
 * Where bounded field `i`, whose text starts at `from`, ends: at the first occurrence of the
 * literal after it (`lit`), or of that literal's first byte when the field cannot hold it (the
 * literal must then stand there: the caller checks). -1 when there is none.
 */
function fieldEnd(p: FormatPlan, i: number, buf: Uint8Array, lit: Uint8Array, from: number, stop: number): number {
  return (p.whole[i]! & WHOLE_AFTER) !== 0 ? indexOfBytes(buf, lit, from, stop) : indexOfByte(buf, lit[0]!, from, stop);
}

/** Where the last field, `[from, stop)`, holds the literal before it (`lit`), or its last byte when it cannot hold that; else -1. */
function lastFieldHolds(p: FormatPlan, i: number, buf: Uint8Array, lit: Uint8Array, from: number, stop: number): number {
  return (p.whole[i]! & WHOLE_BEFORE) !== 0 ? indexOfBytes(buf, lit, from, stop) : indexOfByte(buf, lit[lit.length - 1]!, from, stop);
}

function bytesAt(buf: Uint8Array, at: number, stop: number, lit: Uint8Array): boolean {
  if (at < 0 || at + lit.length > stop) return false;
  for (let k = 0; k < lit.length; k++) if (buf[at + k] !== lit[k]) return false;
  return true;
}

function escaped(buf: Uint8Array, at: number, lo: number): boolean {
  let k = at - 1;
  while (k >= lo && buf[k] === BACKSLASH) k--;
  return ((at - 1 - k) & 1) === 1;
}

/** The opening `"` of the quoted string closed at `close` (scanning back to `lo`), or -1. */
export function openingQuote(buf: Uint8Array, close: number, lo: number): number {
  if (escaped(buf, close, lo)) return -1;
  for (let k = close - 1; k >= lo; k--) if (buf[k] === QUOTE && !escaped(buf, k, lo)) return k;
  return -1;
}

/** Matches the cursor's line against `p`; fills spans S/E per field. On failure fills `miss`. */
export function matchGeneric(c: Cursor, p: FormatPlan, S: Int32Array, E: Int32Array, miss: MatchMiss): boolean {
  const buf = c.buf;
  const stop = c.stop;
  const L = p.literals;
  const n = p.n;
  const free = p.free;
  let pos = c.start;
  if (!bytesAt(buf, pos, stop, L[0]!)) return fail(miss, Miss.Start, pos, -1, 0);
  pos += L[0]!.length;
  const leftEnd = free < 0 ? n : free;
  for (let i = 0; i < leftEnd; i++) {
    let from = pos;
    if (p.quoted[i] === 1 && pos < stop && buf[pos] === QUOTE) {
      const q = closingQuote(buf, pos + 1, stop);
      if (q >= 0) from = q + 1;
    }
    const lit = L[i + 1]!;
    if (lit.length === 0) {
      // The last field, no free one: the rest of the line, without the byte that delimits it.
      const before = L[i]!;
      if (before.length > 0) {
        const x = lastFieldHolds(p, i, buf, before, from, stop);
        if (x >= 0) return fail(miss, Miss.LastContains, x, i, i);
      }
      S[i] = pos;
      E[i] = stop;
      return true;
    }
    const e = fieldEnd(p, i, buf, lit, from, stop);
    if (e < 0) return fail(miss, Miss.NoLiteralAfter, from, i, i + 1);
    if (!bytesAt(buf, e, stop, lit)) return fail(miss, Miss.WrongLiteral, e, i, i + 1);
    S[i] = pos;
    E[i] = e;
    pos = e + lit.length;
  }
  if (free < 0) return pos === stop || fail(miss, Miss.Trailing, pos, n - 1, n);
  let end = stop;
  const last = L[n]!;
  if (last.length > 0) {
    if (stop - last.length < pos || !bytesAt(buf, stop - last.length, stop, last)) return fail(miss, Miss.End, stop, n - 1, n);
    end -= last.length;
  }
  for (let j = n - 1; j > free; j--) {
    const lit = L[j]!;
    let to = end;
    if (p.quoted[j] === 1 && end > pos && buf[end - 1] === QUOTE) {
      const o = openingQuote(buf, end - 1, pos);
      if (o >= 0) to = o;
    }
    let s: number;
    if ((p.whole[j]! & WHOLE_BEFORE) !== 0) {
      const o = lastIndexOfBytes(buf, lit, pos, to);
      s = o < 0 ? -1 : o + lit.length - 1;
    } else s = lastIndexOfByte(buf, lit[lit.length - 1]!, pos + lit.length - 1, to);
    if (s < 0) return fail(miss, Miss.NoLiteralBefore, end, j, j);
    const ls = s - lit.length + 1;
    if (!bytesAt(buf, ls, stop, lit)) return fail(miss, Miss.WrongLiteral, ls, j - 1, j);
    S[j] = s + 1;
    E[j] = end;
    end = ls;
  }
  S[free] = pos;
  E[free] = end;
  return true;
}

function quotedTrouble(c: Cursor, a: AtPlan, raw: number): boolean {
  const buf = c.buf;
  for (let k = 0; k < a.leftQuoted.length; k++) {
    const q = a.leftQuoted[k]!;
    if (q < raw && buf[c.rawStart(q)] === QUOTE && c.rawStart(q) < c.stop) return true;
  }
  const shift = raw - a.pieces;
  for (let k = 0; k < a.rightQuoted.length; k++) {
    const r = a.rightQuoted[k]! + shift;
    if (r < 0 || r >= raw) continue;
    const e = c.rawEnd(r);
    if (e > c.rawStart(r) && buf[e - 1] === QUOTE) return true;
  }
  return false;
}

/**
 * The `@` fast path: the same spans as matchGeneric, from the scanner's offsets. Returns false
 * when the line does not fit or needs the generic matcher (a quoted string right of a free field
 * in the middle); the caller then runs matchGeneric, which decides.
 */
export function matchAt(c: Cursor, a: AtPlan, S: Int32Array, E: Int32Array): boolean {
  const raw = c.rawFields;
  const P = a.pieces;
  const free = a.freePiece;
  if (quotedTrouble(c, a, raw)) {
    if (a.shape === null || !c.resolve(a.shape)) return false;
    const fp = a.fieldPiece;
    for (let f = 0; f < fp.length; f++) {
      S[f] = c.fieldStart(fp[f]!);
      E[f] = c.fieldEnd(fp[f]!);
    }
    const lp = a.literalPieces;
    for (let k = 0; k < lp.length; k++) {
      const s = c.fieldStart(lp[k]!);
      if (c.fieldEnd(lp[k]!) - s !== a.literalBytes[k]!.length || !bytesAt(c.buf, s, c.stop, a.literalBytes[k]!)) return false;
    }
    return true;
  }
  if (free < 0 ? raw !== P : raw < P) return false;
  const shift = raw - P;
  const lp = a.literalPieces;
  for (let k = 0; k < lp.length; k++) {
    const piece = lp[k]!;
    const r = free >= 0 && piece > free ? piece + shift : piece;
    const s = c.rawStart(r);
    const bytes = a.literalBytes[k]!;
    if (c.rawEnd(r) - s !== bytes.length || !bytesAt(c.buf, s, c.stop, bytes)) return false;
  }
  const fp = a.fieldPiece;
  for (let f = 0; f < fp.length; f++) {
    const piece = fp[f]!;
    if (free < 0 || piece < free) {
      S[f] = c.rawStart(piece);
      E[f] = c.rawEnd(piece);
    } else if (piece > free) {
      S[f] = c.rawStart(piece + shift);
      E[f] = c.rawEnd(piece + shift);
    } else {
      S[f] = c.rawStart(piece);
      E[f] = c.rawEnd(piece + shift);
    }
  }
  return true;
}

/** The `@` plan of a format given as pieces (each a field index or literal text), or null. */
export function atPlan(pieces: ReadonlyArray<number | string>, free: number, quoted: Uint8Array): AtPlan | null {
  const P = pieces.length;
  const fieldPiece: number[] = [];
  const literalPieces: number[] = [];
  const literalBytes: Buffer[] = [];
  pieces.forEach((piece, i) => {
    if (typeof piece === 'number') fieldPiece[piece] = i;
    else {
      literalPieces.push(i);
      literalBytes.push(Buffer.from(piece, 'utf8'));
    }
  });
  const freePiece = free < 0 ? -1 : fieldPiece[free]!;
  const leftQuoted: number[] = [];
  const rightQuoted: number[] = [];
  let quotedBits = 0;
  let bitsFit = true;
  fieldPiece.forEach((piece, f) => {
    if (quoted[f] !== 1) return;
    if (freePiece < 0 || piece < freePiece) leftQuoted.push(piece);
    else rightQuoted.push(piece);
    if (piece >= 31) bitsFit = false;
    else quotedBits |= 1 << piece;
  });
  const shape: Shape | null =
    (freePiece < 0 || freePiece === P - 1) && bitsFit
      ? { fields: P, freeText: freePiece === P - 1, quoted: quotedBits, ints: 0, decimals: 0 }
      : null;
  return {
    pieces: P,
    fieldPiece: Int32Array.from(fieldPiece),
    freePiece,
    literalPieces: Int32Array.from(literalPieces),
    literalBytes,
    leftQuoted: Int32Array.from(leftQuoted),
    rightQuoted: Int32Array.from(rightQuoted),
    shape,
  };
}

/** Every start of `lit` in `[from, to - lit.length]`, ascending (occurrences may overlap). */
function occurrences(buf: Uint8Array, lit: Uint8Array, from: number, to: number): Int32Array {
  const out: number[] = [];
  for (let i = indexOfBytes(buf, lit, from, to); i >= 0; i = indexOfBytes(buf, lit, i + 1, to)) out.push(i);
  return Int32Array.from(out);
}

/** How many times `lit` stands in `[from, stop)`, occurrences not overlapping. */
export function countLiteral(buf: Uint8Array, lit: Uint8Array, from: number, stop: number): number {
  let n = 0;
  for (let i = indexOfBytes(buf, lit, from, stop); i >= 0; i = indexOfBytes(buf, lit, i + lit.length, stop)) n++;
  return n;
}

/** The first index of ascending `a` whose value is >= v (a.length when none). */
function lowerBound(a: Int32Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The inner literals of a plan grouped by text: each literal's group, each group's text and uses. */
interface Separators {
  /** Per literal index 1..n-1 (0 unused): its group. */
  readonly group: Int32Array;
  readonly texts: readonly Buffer[];
  /** How many of the inner literals each group's text is. */
  readonly uses: Int32Array;
}

const SEPARATORS = new WeakMap<FormatPlan, Separators>();

function separatorsOf(p: FormatPlan): Separators {
  let sep = SEPARATORS.get(p);
  if (sep !== undefined) return sep;
  const group = new Int32Array(p.n);
  const texts: Buffer[] = [];
  const uses: number[] = [];
  for (let i = 1; i < p.n; i++) {
    let g = texts.findIndex((t) => t.equals(p.literals[i]!));
    if (g < 0) {
      g = texts.push(p.literals[i]!) - 1;
      uses.push(0);
    }
    group[i] = g;
    uses[g]!++;
  }
  sep = { group, texts, uses: Int32Array.from(uses) };
  SEPARATORS.set(p, sep);
  return sep;
}

/**
 * Where bounded field `i`, starting at `s`, ends when the line's last field ends at `endLast`
 * (a quoted string it starts with skipped): the first occurrence of the literal after it, or
 * `endLast` for the last field (which then must not hold the literal before it). -1 when nothing fits.
 */
function boundedEnd(c: Cursor, p: FormatPlan, i: number, s: number, endLast: number): number {
  const buf = c.buf;
  const stop = c.stop;
  let from = s;
  if (p.quoted[i] === 1 && s < stop && buf[s] === QUOTE) {
    const q = closingQuote(buf, s + 1, stop);
    if (q >= 0) from = q + 1;
  }
  if (i === p.n - 1) {
    if (from > endLast) return -1;
    const tail = p.literals[p.n]!;
    if (tail.length > 0) return fieldEnd(p, i, buf, tail, from, stop) === endLast ? endLast : -1;
    const before = p.literals[i]!;
    return before.length > 0 && lastFieldHolds(p, i, buf, before, from, stop) >= 0 ? -1 : endLast;
  }
  const lit = p.literals[i + 1]!;
  const e = fieldEnd(p, i, buf, lit, from, stop);
  return e >= 0 && e + lit.length <= endLast && bytesAt(buf, e, stop, lit) ? e : -1;
}

/**
 * Reads a format with several free fields (see the module comment): returns how many ways the
 * cursor's line reads — 0, 1, or 2 for two or more — and, when it reads exactly one way, fills the
 * spans S/E. When each separator stands in the line as many times as the format writes it (the
 * usual line), the one possible reading is checked; otherwise the readings are counted backwards
 * over the separators' occurrences, so the work is linear in their number, whatever the number
 * of readings.
 */
export function matchReadings(c: Cursor, p: FormatPlan, S: Int32Array, E: Int32Array): number {
  const buf = c.buf;
  const stop = c.stop;
  const L = p.literals;
  const n = p.n;
  if (!bytesAt(buf, c.start, stop, L[0]!)) return 0;
  const pos0 = c.start + L[0]!.length;
  const endLast = stop - L[n]!.length;
  if (endLast < pos0 || !bytesAt(buf, endLast, stop, L[n]!)) return 0;

  const sep = separatorsOf(p);
  let exact = true;
  for (let g = 0; g < sep.texts.length; g++) {
    const lit = sep.texts[g]!;
    let count = 0;
    for (let at = indexOfBytes(buf, lit, pos0, endLast); at >= 0 && count <= sep.uses[g]!; at = indexOfBytes(buf, lit, at + 1, endLast))
      count++;
    if (count < sep.uses[g]!) return 0;
    if (count > sep.uses[g]!) exact = false;
  }
  return exact ? oneReading(c, p, S, E, pos0, endLast) : countReadings(c, p, S, E, pos0, endLast, sep);
}

/** The line's one possible reading, each field ending at the next occurrence of the literal after it: 1 when it fits, else 0. */
function oneReading(c: Cursor, p: FormatPlan, S: Int32Array, E: Int32Array, pos0: number, endLast: number): number {
  let s = pos0;
  for (let i = 0; i < p.n; i++) {
    const lit = p.literals[i + 1]!;
    const last = i === p.n - 1;
    const e = last ? endLast : indexOfBytes(c.buf, lit, s, endLast);
    if (e < 0 || (p.frees[i] === 0 && boundedEnd(c, p, i, s, endLast) !== e)) return 0;
    S[i] = s;
    E[i] = e;
    s = e + lit.length;
  }
  return 1;
}

/** Counts the readings backwards over the occurrences of the separators (see matchReadings). */
function countReadings(c: Cursor, p: FormatPlan, S: Int32Array, E: Int32Array, pos0: number, endLast: number, sep: Separators): number {
  const buf = c.buf;
  const L = p.literals;
  const n = p.n;
  const byGroup = sep.texts.map((lit) => occurrences(buf, lit, pos0, endLast));
  // occ(i): where literal i (1..n-1) may stand, so that field i starts after it.
  const occ = (i: number): Int32Array => byGroup[sep.group[i]!]!;
  const startOf = (i: number, k: number): number => (i === 0 ? pos0 : occ(i)[k]! + L[i]!.length);

  // f[i][k]: readings (capped at 2) of fields i… when field i starts at startOf(i, k).
  const f: Uint8Array[] = new Array<Uint8Array>(n);
  for (let i = n - 1; i >= 0; i--) {
    const fi = new Uint8Array(i === 0 ? 1 : occ(i).length);
    let suffix: Uint8Array | null = null;
    if (i < n - 1 && p.frees[i] === 1) {
      const next = f[i + 1]!;
      suffix = new Uint8Array(next.length + 1);
      for (let k = next.length - 1; k >= 0; k--) suffix[k] = Math.min(2, suffix[k + 1]! + next[k]!);
    }
    for (let k = 0; k < fi.length; k++) {
      const s = startOf(i, k);
      if (i === n - 1) fi[k] = s <= endLast && (p.frees[i] === 1 || boundedEnd(c, p, i, s, endLast) >= 0) ? 1 : 0;
      else if (suffix !== null) fi[k] = suffix[lowerBound(occ(i + 1), s)]!;
      else {
        const e = boundedEnd(c, p, i, s, endLast);
        const at = e < 0 ? -1 : lowerBound(occ(i + 1), e);
        fi[k] = at >= 0 && occ(i + 1)[at] === e ? f[i + 1]![at]! : 0;
      }
    }
    f[i] = fi;
  }
  const readings = f[0]![0]!;
  if (readings !== 1) return readings;

  let s = pos0;
  for (let i = 0; i < n; i++) {
    S[i] = s;
    if (i === n - 1) {
      E[i] = endLast;
      break;
    }
    let e: number;
    if (p.frees[i] === 1) {
      const next = f[i + 1]!;
      let k = lowerBound(occ(i + 1), s);
      while (next[k] === 0) k++;
      e = occ(i + 1)[k]!;
    } else e = boundedEnd(c, p, i, s, endLast);
    E[i] = e;
    s = e + L[i + 1]!.length;
  }
  return 1;
}
