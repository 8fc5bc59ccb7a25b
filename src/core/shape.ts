/**
 * Record shapes: the declarative description of one record layout (field count, which fields are
 * quote-aware, whether the last field is free text), shared by every decoder. The cursor resolves
 * a line's logical fields against a shape; the decoders only say what the fields mean.
 */
export interface Shape {
  /** Logical field count (for a free-text shape, the minimum). */
  readonly fields: number;
  /** The last field runs to the end of the line and may contain `@`. */
  readonly freeText: boolean;
  /** Bit i set: field i is an address local part, read quote-aware (`"a@b"@example.com`). */
  readonly quoted: number;
  /** Bit i set: field i must be an unsigned integer (used to choose between layouts). */
  readonly ints: number;
  /** Bit i set: field i must be a decimal number. */
  readonly decimals: number;
}

export function bits(...indexes: number[]): number {
  let m = 0;
  for (const i of indexes) m |= 1 << i;
  return m;
}
