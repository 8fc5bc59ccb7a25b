import { SPECIFIERS, SPECIFIER_BY_NAME } from './specifiers';

/**
 * A custom_logger format string as tokens: literal text and `%` specifiers (spec §10).
 *
 * After `%` comes a name — the longest run of letters, digits and `_` — and, for the specifiers
 * that take one, a `{…}` argument (up to the first `}`). `%%` is a literal `%`. A name that is not
 * in the table is a macro of another namespace (`%foo`, `%foo{bar}`), kept under `macros`.
 *
 * A run that starts with a known name but is longer (`%dkim`) reads either as the specifier and
 * literal text (`%d` + `kim`) or as a macro (`%dkim`): the format string alone cannot tell, so it
 * is refused unless `macros` lists the macro names in use — then a listed run is a macro and any
 * other is the longest known specifier followed by literal text.
 */

export interface LiteralToken {
  readonly kind: 'literal';
  readonly text: string;
  /** 1-based column of its first character in the format string. */
  readonly column: number;
}

export interface SpecifierToken {
  readonly kind: 'specifier';
  /** As written, e.g. `%h{X-Job}`. */
  readonly source: string;
  /** The name after `%`, e.g. `h`. */
  readonly name: string;
  /** The `{…}` argument, or null. */
  readonly arg: string | null;
  /** A name not in the specifier table. */
  readonly macro: boolean;
  readonly column: number;
}

export type FormatToken = LiteralToken | SpecifierToken;

/** A format string that cannot be read unambiguously (thrown at compile time, never while parsing a log). */
export class CustomFormatError extends Error {
  override name = 'CustomFormatError';
}

const NAME_RUN = /[A-Za-z_][A-Za-z0-9_]*/y;
const KNOWN_NAMES = SPECIFIERS.map((s) => s.name).sort((a, b) => b.length - a.length);

/**
 * The tokens of `format`; adjacent literal text is one token. `label` prefixes error messages
 * (e.g. `delivery_format`); `macros` lists the macro names in use (see above).
 */
export function parseFormat(format: string, label: string, macros?: readonly string[]): FormatToken[] {
  const fail = (msg: string): never => {
    throw new CustomFormatError(`${label}: ${msg}`);
  };
  if (format === '') fail('empty format');
  const tokens: FormatToken[] = [];
  let lit = '';
  let litColumn = 1;
  const flush = () => {
    if (lit !== '') tokens.push({ kind: 'literal', text: lit, column: litColumn });
    lit = '';
  };
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== '%' || format[i + 1] === '%') {
      if (lit === '') litColumn = i + 1;
      lit += ch;
      if (ch === '%') i++;
      continue;
    }
    NAME_RUN.lastIndex = i + 1;
    const run = NAME_RUN.exec(format)?.[0];
    if (run === undefined) return fail(`"%" at column ${i + 1} is not followed by a specifier name`);
    let name = run;
    let macro = !SPECIFIER_BY_NAME.has(run);
    if (macro) {
      const prefix = KNOWN_NAMES.find((k) => run.startsWith(k));
      if (prefix !== undefined) {
        if (macros === undefined) {
          fail(
            `ambiguous "%${run}" at column ${i + 1}: %${prefix} followed by "${run.slice(prefix.length)}", ` +
              `or a macro named "${run}" (list the macro names in options.macros)`,
          );
        }
        if (!macros!.includes(run)) {
          name = prefix;
          macro = false;
        }
      }
    }
    let end = i + 1 + name.length;
    let arg: string | null = null;
    if (format[end] === '{') {
      const close = format.indexOf('}', end + 1);
      if (close < 0) fail(`unterminated "{" of %${name} at column ${end + 1}`);
      arg = format.slice(end + 1, close);
      end = close + 1;
    }
    const def = SPECIFIER_BY_NAME.get(name);
    if (!macro && def !== undefined) {
      if (arg !== null && def.arg === 'none') fail(`%${name} at column ${i + 1} takes no {argument}`);
      if (arg === null && def.arg === 'required') fail(`%${name} at column ${i + 1} needs a {…} argument`);
      if (arg === '') fail(`%${name}{} at column ${i + 1} has an empty argument`);
      if (def.argIsDigits && arg !== null && !/^[0-9]+$/.test(arg)) {
        fail(`%${name}{${arg}} at column ${i + 1}: the argument must be a number of decimals`);
      }
    }
    flush();
    tokens.push({ kind: 'specifier', source: format.slice(i, end), name, arg, macro, column: i + 1 });
    i = end - 1;
  }
  flush();
  return tokens;
}
