import type { Cursor } from '../../core/cursor';
import type { Shape } from '../../core/shape';
import { closingQuote } from '../../core/cursor';

/**
 * Matching one line against one compiled format: where each field's value lies.
 *
 * A format is literals and fields: `L0 f0 L1 f1 … f(n-1) Ln` (inner literals are never empty).
 * Every field is *bounded* — it cannot contain the first byte of the literal after it nor the last
 * byte of the literal before it — except at most one *free* field. Bounded fields left of the free
 * one end at the first occurrence of the next literal's first byte; those right of it start after
 * the last occurrence of the previous literal's last byte; the free field takes what lies between.
 * A quote-aware field (`%r`, `%m`) that starts with `"` skips its quoted string first (`\"`
 * escapes), exactly as `Cursor.resolve` does; right of the free field it is read from the right
 * (a value ending in `"` skips back over the quoted string). Without a free field, the last
 * field runs to the end of the line and must not contain the byte that delimits it on the left.
 *
 * Two implementations give the same spans: `matchGeneric`, a literal-driven matcher over the
 * line's bytes, and `matchAt`, for formats that are a plain `@`-separated sequence, which takes
 * the spans from the scanner's `@` offsets (and from `Cursor.resolve` for quoted local parts).
 */

/** The compiled shape of one format, as the matchers and the overlap check see it. */
export interface FormatPlan {
  /** Number of fields. */
  readonly n: number;
  /** n + 1 literals: literals[i] precedes field i, literals[n] ends the line. */
  readonly literals: readonly Buffer[];
  /** 1 for a quote-aware field. */
  readonly quoted: Uint8Array;
  /** The free field, or -1. */
  readonly free: number;
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
        const x = indexOfByte(buf, before[before.length - 1]!, from, stop);
        if (x >= 0) return fail(miss, Miss.LastContains, x, i, i);
      }
      S[i] = pos;
      E[i] = stop;
      return true;
    }
    const e = indexOfByte(buf, lit[0]!, from, stop);
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
    const s = lastIndexOfByte(buf, lit[lit.length - 1]!, pos + lit.length - 1, to);
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
