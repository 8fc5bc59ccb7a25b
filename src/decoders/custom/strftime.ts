import { ALPHABETS, alphabet, union, type Alphabet } from './alphabet';

/**
 * `%t{strftime}`: which bytes the formatted time can contain (for the ambiguity checks), and —
 * for the simple patterns whose text gives an exact instant — a parser back to epoch seconds.
 */

const DIGITS_ONLY = 'CdgGHIjmMsSuUVwWyY';
const DIGITS_SPACE = 'ekl';
const WORDS = 'aAbBhpP';

function conversionAlphabet(conv: string): Alphabet {
  if (DIGITS_ONLY.includes(conv)) return ALPHABETS.digits;
  if (DIGITS_SPACE.includes(conv)) return alphabet('0123456789 ');
  if (WORDS.includes(conv)) return union(ALPHABETS.letters, alphabet('.'));
  switch (conv) {
    case 'Z':
      return union(ALPHABETS.letters, alphabet('0123456789+-'));
    case 'z':
      return alphabet('0123456789+-');
    case 'F':
      return alphabet('0123456789-');
    case 'T':
    case 'R':
      return alphabet('0123456789:');
    case 'D':
      return alphabet('0123456789/');
    case 'r':
      return union(ALPHABETS.letters, alphabet('0123456789: .'));
    case 'n':
      return alphabet('\n');
    case 't':
      return alphabet('\t');
    case '%':
      return alphabet('%');
    default:
      return ALPHABETS.any; // %c %x %X (locale), %E… %O… modifiers, flags, widths, unknown conversions
  }
}

/** A pattern's pieces: literal text, or a conversion character (`'?'` for one with flags, width or modifier). */
function pieces(pattern: string): Array<{ literal: string } | { conv: string }> {
  const out: Array<{ literal: string } | { conv: string }> = [];
  let lit = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch !== '%') {
      lit += ch;
      continue;
    }
    if (lit !== '') out.push({ literal: lit });
    lit = '';
    const next = pattern[i + 1];
    if (next === undefined) {
      out.push({ literal: '%' }); // a trailing `%` is printed as is
      break;
    }
    if (/[-_0^#1-9EO]/.test(next)) {
      // Flags, widths and E/O modifiers: skip to the conversion character.
      let j = i + 1;
      while (j < pattern.length && /[-_0^#0-9EO]/.test(pattern[j]!)) j++;
      out.push({ conv: '?' });
      i = j;
      continue;
    }
    out.push({ conv: next });
    i++;
  }
  if (lit !== '') out.push({ literal: lit });
  return out;
}

/** The bytes `%t{pattern}` can print: the pattern's literal bytes and what each conversion prints. */
export function strftimeAlphabet(pattern: string): Alphabet {
  const sets: Alphabet[] = [];
  for (const p of pieces(pattern)) {
    if ('literal' in p) sets.push(alphabet(Buffer.from(p.literal, 'utf8').toString('latin1')));
    else sets.push(conversionAlphabet(p.conv));
  }
  return union(...sets);
}

type Component = 'Y' | 'm' | 'd' | 'H' | 'M' | 'S' | 'z' | 's';
/** Each conversion as the components and literal text it prints (a Component is one letter). */
const EXPANSIONS: Record<string, string[]> = {
  Y: ['Y'],
  m: ['m'],
  d: ['d'],
  H: ['H'],
  M: ['M'],
  S: ['S'],
  z: ['z'],
  s: ['s'],
  F: ['Y', '-', 'm', '-', 'd'],
  T: ['H', ':', 'M', ':', 'S'],
};
const GROUPS: Record<Component, string> = {
  Y: '(\\d{4})',
  m: '(\\d{2})',
  d: '(\\d{2})',
  H: '(\\d{2})',
  M: '(\\d{2})',
  S: '(\\d{2})',
  z: '([+-]\\d{4})',
  s: '(\\d{1,12})',
};

/** Epoch seconds of a formatted time, or -1 when the text does not match the pattern or is no valid time. */
export type StrftimeParser = (text: string) => number;

/**
 * A parser of `%t{pattern}` texts back to epoch seconds, or null when the text does not give the
 * instant exactly. Supported: patterns made of literal text and `%Y %m %d %H %M %S %F %T %z %s %%`
 * (each component at most once) that contain `%s`, or all of year, month, day, hour, minute and
 * second plus either `%z` or a known `utcOffsetMinutes` (strftime prints the writing host's local
 * time; a fixed offset is only right for hosts on UTC or without daylight saving time).
 */
export function strftimeParser(pattern: string, utcOffsetMinutes: number | undefined): StrftimeParser | null {
  let source = '^';
  const order: Component[] = [];
  for (const p of pieces(pattern)) {
    if ('literal' in p) {
      source += escape(p.literal);
      continue;
    }
    if (p.conv === '%') {
      source += '%';
      continue;
    }
    const expansion = EXPANSIONS[p.conv];
    if (expansion === undefined) return null;
    for (const part of expansion) {
      if (part in GROUPS) {
        const comp = part as Component;
        if (order.includes(comp)) return null;
        order.push(comp);
        source += GROUPS[comp];
      } else {
        source += escape(part);
      }
    }
  }
  const has = (c: Component) => order.includes(c);
  const epoch = has('s');
  const calendar = (['Y', 'm', 'd', 'H', 'M', 'S'] as const).every(has);
  if (!epoch && !(calendar && (has('z') || utcOffsetMinutes !== undefined))) return null;
  const re = new RegExp(`${source}$`);
  return (text) => {
    const m = re.exec(text);
    if (m === null) return -1;
    const value = (c: Component) => m[order.indexOf(c) + 1]!;
    if (epoch) return Number(value('s'));
    const [Y, mo, d, H, M, S] = (['Y', 'm', 'd', 'H', 'M', 'S'] as const).map((c) => Number(value(c))) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    let offset = utcOffsetMinutes ?? 0;
    if (has('z')) {
      const z = value('z');
      const minutes = Number(z.slice(3, 5));
      if (minutes > 59) return -1;
      offset = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + minutes);
    }
    if (mo < 1 || mo > 12 || d < 1 || H > 23 || M > 59 || S > 60) return -1;
    const date = new Date(0);
    date.setUTCFullYear(Y, mo - 1, d); // not Date.UTC, which reads years 0-99 as 1900-1999
    if (date.getUTCDate() !== d) return -1; // e.g. 31 April
    const day = date.getTime();
    // A leap second (:60) counts as the next second, as POSIX time (and mktime) does.
    return day / 1000 + H * 3600 + M * 60 + S - offset * 60;
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
