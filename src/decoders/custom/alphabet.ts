/** Byte sets: which bytes a field's value may contain (see specifiers.ts for how they are used). */

/** A set of bytes: `set[b] === 1` when byte b may occur. */
export type Alphabet = Uint8Array;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGIT_CHARS = '0123456789';
const ALNUM = LETTERS + DIGIT_CHARS;

/** An alphabet of the given ASCII characters, plus every byte >= 0x80 when `nonAscii`. */
export function alphabet(chars: string, nonAscii = false): Alphabet {
  const set = new Uint8Array(256);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  if (nonAscii) set.fill(1, 0x80);
  return set;
}

/** The union of alphabets. */
export function union(...sets: Alphabet[]): Alphabet {
  const out = new Uint8Array(256);
  for (const s of sets) for (let b = 0; b < 256; b++) out[b] = out[b]! | s[b]!;
  return out;
}

export const ALPHABETS = {
  digits: alphabet(DIGIT_CHARS),
  decimal: alphabet(DIGIT_CHARS + '.'),
  id: alphabet(ALNUM + '/-'),
  host: alphabet(ALNUM + '.-_:[]', true),
  name: alphabet(ALNUM + '._-:/+', true),
  localPart: alphabet(ALNUM + "!#$%&'*+-/=?^_`{|}~.", true),
  bounceClassName: alphabet(ALNUM + ' -:'),
  stageText: alphabet(ALNUM + ' -_'),
  letters: alphabet(LETTERS, true),
  any: new Uint8Array(256).fill(1),
} as const;
