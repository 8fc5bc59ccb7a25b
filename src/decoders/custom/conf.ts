import { FORMAT_STAGES, type CustomFormats, type FormatKey } from './compile';

/**
 * Reading the custom_logger stanzas of an ecelerity.conf:
 *
 * ```
 * custom_logger "custom_logger1" {
 *   delivery_logfile = "/var/log/ecelerity/delivery_log"   # comment
 *   delivery_format = "%t@%i@%r@%R"
 * }
 * ```
 *
 * The file is read as tokens — `"strings"` on one line (escapes `\"`, `\\`, `\n`, `\t`, `\r`;
 * any other `\x` is kept as written), bare words, `{ } = ( )` — with `#` comments to the end of the line.
 * Other stanzas are only checked for balanced braces. Option names are case-insensitive (returned
 * lower-case); a `( … )` list value is returned as its items joined by single spaces.
 */

/** One custom_logger stanza. */
export interface CustomLoggerStanza {
  /** The instance name (`custom_logger1`), or null when the stanza has none. */
  name: string | null;
  /** 1-based line of the `custom_logger` keyword. */
  line: number;
  /** Every option that is not a format (`delivery_logfile`, `mainlog`, `concurrency`, …), un-escaped. */
  options: Record<string, string>;
  /** The `*_format` options, un-escaped: pass to `compileFormats`. */
  formats: CustomFormats;
}

/** An ecelerity.conf that cannot be read; the message starts with `line N:`. */
export class CustomConfigError extends Error {
  override name = 'CustomConfigError';
}

type TokenKind = 'word' | 'string' | '{' | '}' | '=' | '(' | ')';
interface Token {
  kind: TokenKind;
  text: string;
  line: number;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r' };
const PUNCT = '{}=()';

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v') {
      i++;
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '"') {
      const start = line;
      let value = '';
      i++;
      for (;;) {
        const c = text[i];
        // A string ends on its line: a missing quote is reported where it is missing.
        if (c === undefined || c === '\n') throw new CustomConfigError(`line ${start}: unterminated string`);
        if (c === '"') break;
        if (c === '\\' && i + 1 < text.length && text[i + 1] !== '\n') {
          const next = text[i + 1]!;
          value += ESCAPES[next] ?? `\\${next}`;
          i += 2;
          continue;
        }
        value += c;
        i++;
      }
      i++;
      tokens.push({ kind: 'string', text: value, line: start });
    } else if (PUNCT.includes(ch)) {
      tokens.push({ kind: ch as TokenKind, text: ch, line });
      i++;
    } else {
      let j = i;
      while (j < text.length && !/[\s"#{}=()]/.test(text[j]!)) j++;
      tokens.push({ kind: 'word', text: text.slice(i, j), line });
      i = j;
    }
  }
  return tokens;
}

const FORMAT_KEYS = new Set<string>(FORMAT_STAGES.map(([key]) => key));

/**
 * The custom_logger stanzas of an ecelerity.conf text, in file order. Throws a CustomConfigError (with
 * the line number) for an unterminated string, an unclosed or unexpected brace, or a malformed
 * custom_logger stanza (an entry that is not `key = value`, an option given twice).
 */
export function readCustomLoggerConfig(text: string): CustomLoggerStanza[] {
  const tokens = tokenize(text);
  const stanzas: CustomLoggerStanza[] = [];
  const open: number[] = []; // lines of the braces still open
  let k = 0;
  const at = (j: number): Token | undefined => tokens[j];
  while (k < tokens.length) {
    const tok = tokens[k]!;
    if (tok.kind === 'word' && tok.text.toLowerCase() === 'custom_logger' && at(k - 1)?.kind !== '=') {
      const named = at(k + 1)?.kind === 'string' || at(k + 1)?.kind === 'word';
      const brace = at(named ? k + 2 : k + 1);
      if (brace?.kind === '{') {
        const [stanza, next] = readStanza(tokens, named ? tokens[k + 1]!.text : null, tok.line, (named ? k + 2 : k + 1) + 1);
        stanzas.push(stanza);
        k = next;
        continue;
      }
    }
    if (tok.kind === '{') open.push(tok.line);
    else if (tok.kind === '}' && open.pop() === undefined) throw new CustomConfigError(`line ${tok.line}: unexpected "}"`);
    k++;
  }
  if (open.length > 0) throw new CustomConfigError(`line ${open[open.length - 1]}: "{" is never closed`);
  return stanzas;
}

/** Reads the body of a stanza from token k (after its `{`): the stanza and the index after its `}`. */
function readStanza(tokens: Token[], name: string | null, line: number, k: number): [CustomLoggerStanza, number] {
  const label = name === null ? 'custom_logger' : `custom_logger ${JSON.stringify(name)}`;
  const options: Record<string, string> = {};
  const formats: CustomFormats = {};
  const seen = new Set<string>();
  for (;;) {
    const keyTok = tokens[k];
    if (keyTok === undefined) throw new CustomConfigError(`line ${line}: "{" of ${label} is never closed`);
    if (keyTok.kind === '}') return [{ name, line, options, formats }, k + 1];
    if (keyTok.kind !== 'word' && keyTok.kind !== 'string') {
      throw new CustomConfigError(`line ${keyTok.line}: expected an option name in ${label}, found "${keyTok.text}"`);
    }
    const key = keyTok.text.toLowerCase();
    const eq = tokens[k + 1];
    if (eq?.kind !== '=') {
      const found = eq === undefined ? 'the end of the file' : `"${eq.text}"`;
      throw new CustomConfigError(`line ${eq?.line ?? keyTok.line}: expected "=" after ${key} in ${label}, found ${found}`);
    }
    const [value, next] = readValue(tokens, k + 2, key, label, keyTok.line);
    if (seen.has(key)) throw new CustomConfigError(`line ${keyTok.line}: ${key} is given twice in ${label}`);
    seen.add(key);
    if (FORMAT_KEYS.has(key)) {
      formats[key as FormatKey] = value;
    } else {
      options[key] = value;
    }
    k = next;
  }
}

function readValue(tokens: Token[], k: number, key: string, label: string, line: number): [string, number] {
  const tok = tokens[k];
  if (tok?.kind === 'string' || tok?.kind === 'word') return [tok.text, k + 1];
  if (tok?.kind === '(') {
    const items: string[] = [];
    for (let j = k + 1; ; j++) {
      const item = tokens[j];
      if (item === undefined) throw new CustomConfigError(`line ${tok.line}: "(" of ${key} is never closed`);
      if (item.kind === ')') return [items.join(' '), j + 1];
      if (item.kind !== 'string' && item.kind !== 'word')
        throw new CustomConfigError(`line ${item.line}: unexpected "${item.text}" in the list of ${key}`);
      items.push(item.text);
    }
  }
  const found = tok === undefined ? 'the end of the file' : `"${tok.text}"`;
  throw new CustomConfigError(`line ${tok?.line ?? line}: expected a value for ${key} in ${label}, found ${found}`);
}
