/**
 * A copy of a string that shares no memory with the text it was cut from. Field strings are
 * slices of a decoded block of the input (V8 sliced strings); a map that keeps one as a key for
 * the whole run would keep the block alive with it.
 */
export function own(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
