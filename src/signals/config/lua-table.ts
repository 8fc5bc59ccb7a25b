/**
 * A reader of the Lua subset that configuration files written as Lua use: a file of local tables
 * and assignments to them that returns a table. It is read, never run: no function is called, no
 * global looked up, no expression evaluated. What it reads:
 *
 * - statements `local NAME = VALUE`, `NAME = VALUE`, `NAME.KEY = VALUE`, `NAME["KEY"] = VALUE`
 *   (paths of any length into tables defined in the file), each optionally ended by `;`, and a
 *   final `return VALUE`;
 * - values: strings (`'…'`, `"…"` with the escapes `\n \t \r \a \b \f \v \\ \" \' \ddd \xXX
 *   \u{XXX} \z` and an escaped newline; long strings `[[…]]`, `[==[…]==]`), numbers (decimal,
 *   float with an exponent, hexadecimal; a leading `-`), `true`, `false`, `nil`, a name defined
 *   earlier in the file (tables are shared, as in Lua), and table constructors with `[KEY] = v`,
 *   `name = v` and positional fields, separated by `,` or `;`, a trailing separator allowed;
 * - comments `--…` to the end of the line and `--[[…]]`, `--[==[…]==]`.
 *
 * Anything else — a function call (`require(…)`, `os.getenv(…)`), an operator (`..`, `+`, `not`),
 * a function, a control statement — is refused with a `LuaTableError` naming the file, line and
 * column and what is not supported. Bounded: at most `LUA_LIMITS.bytes` bytes of UTF-8, tables
 * nested at most `LUA_LIMITS.depth` deep.
 */

/** A Lua value as read: nil is `null`. */
export type LuaValue = string | number | boolean | LuaTable | null;
/** A Lua table: keys are strings or numbers (an integral float key is the integer, as in Lua). */
export type LuaTable = Map<string | number, Exclude<LuaValue, null>>;

export const LUA_LIMITS = {
  /** The file's size at most. */
  bytes: 64 * 1024,
  /** Tables nested in a constructor, and keys in an assignment's path, at most. */
  depth: 16,
} as const;

/** Where a key of a table was last set (1-based line and column). */
export interface LuaPosition {
  line: number;
  column: number;
}

/** What the reader refuses: `FILE:LINE:COL: reason`. */
export class LuaTableError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
  constructor(file: string, position: LuaPosition, reason: string) {
    super(`${file}:${position.line}:${position.column}: ${reason}`);
    this.name = 'LuaTableError';
    this.file = file;
    this.line = position.line;
    this.column = position.column;
    this.reason = reason;
  }
}

/** The value the file returns, and where each key of its tables was set. */
export interface LuaChunk {
  value: LuaValue;
  /** The position of the `return`'s value. */
  at: LuaPosition;
  /** Where `key` of `table` was last set (for messages about a value). */
  positionOf(table: LuaTable, key: string | number): LuaPosition | undefined;
}

/** Lua's reserved words. */
export const LUA_KEYWORDS: ReadonlySet<string> = new Set([
  'and',
  'break',
  'do',
  'else',
  'elseif',
  'end',
  'false',
  'for',
  'function',
  'goto',
  'if',
  'in',
  'local',
  'nil',
  'not',
  'or',
  'repeat',
  'return',
  'then',
  'true',
  'until',
  'while',
]);
/** Symbols, longest first (operators are tokens only to be named when refused). */
const SYMBOLS = ['...', '..', '==', '~=', '<=', '>=', '<<', '>>', '//', '::', ...'+-*/%^#&~|<>=(){}[];:,.'];
const BINARY = new Set([
  '+',
  '-',
  '*',
  '/',
  '//',
  '%',
  '^',
  '..',
  '==',
  '~=',
  '<',
  '<=',
  '>',
  '>=',
  '&',
  '|',
  '~',
  '<<',
  '>>',
  'and',
  'or',
]);

type TokenKind = 'name' | 'keyword' | 'string' | 'number' | 'symbol' | 'eof';
interface Token {
  kind: TokenKind;
  /** The name, keyword or symbol; the string's value; the number's text. */
  text: string;
  number: number;
  offset: number;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** Reads `source` (the file's bytes, or its text) and returns what it returns. */
export function readLuaChunk(source: Uint8Array | string, file: string): LuaChunk {
  let text: string;
  if (typeof source === 'string') {
    if (Buffer.byteLength(source, 'utf8') > LUA_LIMITS.bytes) throw tooLarge(file);
    text = source;
  } else {
    if (source.length > LUA_LIMITS.bytes) throw tooLarge(file);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(source);
    } catch {
      throw new LuaTableError(file, { line: 1, column: 1 }, 'not UTF-8 text');
    }
  }
  return new Reader(text.startsWith('\ufeff') ? text.slice(1) : text, file).chunk();
}

/** The error for a file over LUA_LIMITS.bytes. */
export function tooLarge(file: string): LuaTableError {
  return new LuaTableError(file, { line: 1, column: 1 }, `larger than ${LUA_LIMITS.bytes} bytes`);
}

class Reader {
  private pos = 0;
  private token: Token;
  /** Offsets at which lines start. */
  private readonly lines: number[] = [0];
  private readonly env = new Map<string, LuaValue>();
  private readonly positions = new WeakMap<LuaTable, Map<string | number, LuaPosition>>();

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lines.push(i + 1);
    this.token = this.lex();
  }

  chunk(): LuaChunk {
    for (;;) {
      const t = this.token;
      if (t.kind === 'eof') throw this.error(t, 'the file returns nothing: it must end with `return` and its table');
      if (this.isSymbol(';')) this.next();
      else if (t.kind === 'keyword' && t.text === 'return') {
        this.next();
        const at = this.where(this.token.offset);
        const value = this.isSymbol(';') || this.token.kind === 'eof' ? null : this.value(0);
        if (this.isSymbol(';')) this.next();
        if (this.token.kind !== 'eof') throw this.error(this.token, `${describe(this.token)} after the return: the return must come last`);
        const positions = this.positions;
        return { value, at, positionOf: (table, key) => positions.get(table)?.get(key) };
      } else this.statement();
    }
  }

  // ---- statements

  private statement(): void {
    const t = this.token;
    if (t.kind === 'keyword' && t.text === 'local') {
      this.next();
      const name = this.token;
      if (name.kind === 'keyword' && name.text === 'function')
        throw this.error(name, 'functions are not supported: the file is read, never run');
      if (name.kind !== 'name') throw this.error(name, `expected a name after local, found ${describe(name)}`);
      this.next();
      if (this.isSymbol(',')) throw this.error(this.token, 'several names in one local are not supported');
      if (this.isSymbol('<')) throw this.error(this.token, 'attributes (<const>, <close>) are not supported');
      if (!this.isSymbol('=')) {
        this.env.set(name.text, null);
        return;
      }
      this.next();
      this.env.set(name.text, this.value(0));
      return;
    }
    if (t.kind === 'keyword') throw this.error(t, `${describe(t)} is not supported: only tables and assignments are read, never run`);
    if (t.kind !== 'name') throw this.error(t, `expected a statement, found ${describe(t)}`);
    const path = this.path(0);
    if (!this.isSymbol('=')) {
      if (this.isSymbol(',')) throw this.error(this.token, 'several targets in one assignment are not supported');
      throw this.error(this.token, `expected = after ${path.shown}, found ${describe(this.token)}`);
    }
    this.next();
    const at = this.token;
    const value = this.value(0);
    if (path.keys.length === 0) {
      this.env.set(path.name, value);
      return;
    }
    let table = this.variable(path.name, t);
    const last = path.keys.length - 1;
    for (let i = 0; i <= last; i++) {
      if (!(table instanceof Map))
        throw this.error(i === 0 ? t : path.keys[i - 1]!.token, `${path.prefix(i)} is not a table (it is ${typeName(table)})`);
      if (i === last) this.set(table, path.keys[i]!.key, value, at);
      else table = table.get(path.keys[i]!.key) ?? null;
    }
  }

  /** `NAME { .NAME | [KEY] }`, refusing a call; a KEY is a value nested one deeper than `depth`. */
  private path(depth: number): {
    name: string;
    keys: Array<{ key: string | number; token: Token }>;
    shown: string;
    prefix(n: number): string;
  } {
    const first = this.token;
    this.next();
    const keys: Array<{ key: string | number; token: Token }> = [];
    let shown = first.text;
    const shownAt: string[] = [shown];
    for (;;) {
      if (this.isSymbol('.')) {
        this.next();
        const name = this.token;
        if (name.kind !== 'name') throw this.error(name, `expected a name after '.', found ${describe(name)}`);
        this.next();
        keys.push({ key: name.text, token: name });
        shown += `.${name.text}`;
      } else if (this.isSymbol('[')) {
        const open = this.token;
        this.next();
        const key = this.key(this.value(depth + 1), open);
        this.expect(']');
        keys.push({ key, token: open });
        shown += `[${JSON.stringify(key)}]`;
      } else if (this.isSymbol('(') || this.isSymbol(':') || this.token.kind === 'string' || this.isSymbol('{')) {
        throw this.error(first, `function call ${shown}(…) is not supported: the file is read, never run`);
      } else break;
      if (keys.length > LUA_LIMITS.depth) throw this.error(keys[keys.length - 1]!.token, `a path deeper than ${LUA_LIMITS.depth} keys`);
      shownAt.push(shown);
    }
    return { name: first.text, keys, shown, prefix: (n) => shownAt[n]! };
  }

  private variable(name: string, at: Token): LuaValue {
    if (!this.env.has(name)) throw this.error(at, `unknown name '${name}': only names defined earlier in the file can be used`);
    return this.env.get(name)!;
  }

  private set(table: LuaTable, key: string | number, value: LuaValue, at: Token): void {
    if (value === null) table.delete(key);
    else table.set(key, value);
    let positions = this.positions.get(table);
    if (positions === undefined) this.positions.set(table, (positions = new Map<string | number, LuaPosition>()));
    positions.set(key, this.where(at.offset));
  }

  // ---- values

  private value(depth: number): LuaValue {
    const t = this.token;
    if (depth > LUA_LIMITS.depth) throw this.error(t, `values nested deeper than ${LUA_LIMITS.depth}`);
    let v: LuaValue;
    if (t.kind === 'string') {
      this.next();
      v = t.text;
    } else if (t.kind === 'number') {
      this.next();
      v = t.number;
    } else if (t.kind === 'keyword' && (t.text === 'true' || t.text === 'false' || t.text === 'nil')) {
      this.next();
      v = t.text === 'nil' ? null : t.text === 'true';
    } else if (this.isSymbol('-')) {
      this.next();
      const n = this.token;
      if (n.kind !== 'number') throw this.error(t, "the operator '-' is supported before a number only: no expressions are evaluated");
      this.next();
      v = -n.number;
    } else if (this.isSymbol('{')) {
      v = this.table(depth + 1);
    } else if (t.kind === 'name') {
      const path = this.path(depth);
      v = this.variable(path.name, t);
      for (const { key } of path.keys) v = v instanceof Map ? (v.get(key) ?? null) : null;
    } else if (t.kind === 'keyword' && t.text === 'function') {
      throw this.error(t, 'functions are not supported: the file is read, never run');
    } else if (t.kind === 'symbol' || (t.kind === 'keyword' && t.text === 'not')) {
      throw this.error(t, `${describe(t)} is not supported: only literal values and tables are read`);
    } else {
      throw this.error(t, `expected a value, found ${describe(t)}`);
    }
    const after = this.token;
    if ((after.kind === 'symbol' || after.kind === 'keyword') && BINARY.has(after.text))
      throw this.error(after, `the operator '${after.text}' is not supported: no expressions are evaluated`);
    return v;
  }

  private table(depth: number): LuaTable {
    const open = this.token;
    if (depth > LUA_LIMITS.depth) throw this.error(open, `tables nested deeper than ${LUA_LIMITS.depth}`);
    this.next();
    const table: LuaTable = new Map();
    let index = 1;
    while (!this.isSymbol('}')) {
      const at = this.token;
      if (this.isSymbol('[')) {
        this.next();
        const key = this.key(this.value(depth), at);
        this.expect(']');
        this.expect('=');
        this.set(table, key, this.value(depth), at);
      } else if ((at.kind === 'name' || at.kind === 'keyword') && this.peekIsAssign()) {
        if (at.kind === 'keyword') throw this.error(at, `'${at.text}' is a reserved word: write ["${at.text}"] = …`);
        this.next();
        this.expect('=');
        this.set(table, at.text, this.value(depth), at);
      } else {
        this.set(table, index++, this.value(depth), at);
      }
      if (this.isSymbol(',') || this.isSymbol(';')) this.next();
      else if (!this.isSymbol('}'))
        throw this.error(
          this.token,
          `expected ',' or '}' in the table opened at line ${this.where(open.offset).line}, found ${describe(this.token)}`,
        );
    }
    this.next();
    return table;
  }

  /** A table key: a string, or a number (an integral float is the integer, as in Lua). */
  private key(v: LuaValue, at: Token): string | number {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && !Number.isNaN(v)) return Object.is(v, -0) ? 0 : v;
    throw this.error(at, `a table key must be a string or a number, not ${typeName(v)}`);
  }

  // ---- tokens

  private isSymbol(s: string): boolean {
    return this.token.kind === 'symbol' && this.token.text === s;
  }

  private expect(s: string): void {
    if (!this.isSymbol(s)) throw this.error(this.token, `expected '${s}', found ${describe(this.token)}`);
    this.next();
  }

  private next(): void {
    this.token = this.lex();
  }

  /** Whether the text after the current name token is `=` (not `==`). */
  private peekIsAssign(): boolean {
    let i = this.pos;
    for (;;) {
      while (i < this.text.length && isSpace(this.text.charCodeAt(i))) i++;
      if (!this.text.startsWith('--', i)) break;
      const save = this.pos;
      this.pos = i;
      this.comment();
      i = this.pos;
      this.pos = save;
    }
    return this.text[i] === '=' && this.text[i + 1] !== '=';
  }

  private lex(): Token {
    const s = this.text;
    for (;;) {
      while (this.pos < s.length && isSpace(s.charCodeAt(this.pos))) this.pos++;
      if (!s.startsWith('--', this.pos)) break;
      this.comment();
    }
    const start = this.pos;
    if (start >= s.length) return { kind: 'eof', text: '', number: 0, offset: start };
    const c = s[start]!;
    if (/[A-Za-z_]/.test(c)) {
      let end = start + 1;
      while (end < s.length && /[A-Za-z0-9_]/.test(s[end]!)) end++;
      this.pos = end;
      const word = s.slice(start, end);
      return { kind: LUA_KEYWORDS.has(word) ? 'keyword' : 'name', text: word, number: 0, offset: start };
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(s[start + 1] ?? ''))) return this.numberToken(start);
    if (c === '"' || c === "'") return this.quoted(start);
    if (c === '[') {
      const level = this.longBracket(start);
      if (level >= 0) return { kind: 'string', text: this.longString(start, level, 'string'), number: 0, offset: start };
    }
    for (const sym of SYMBOLS) {
      if (s.startsWith(sym, start)) {
        this.pos = start + sym.length;
        return { kind: 'symbol', text: sym, number: 0, offset: start };
      }
    }
    throw this.error({ offset: start }, `unexpected character ${JSON.stringify(c)}`);
  }

  /** At `--`: skips a comment (short, or long `--[==[ … ]==]`). */
  private comment(): void {
    const start = this.pos;
    this.pos += 2;
    const level = this.longBracket(this.pos);
    if (level >= 0) {
      this.longString(this.pos, level, 'comment', start);
      return;
    }
    const nl = this.text.indexOf('\n', this.pos);
    this.pos = nl < 0 ? this.text.length : nl + 1;
  }

  /** The level of a long bracket `[=*[` at `at`, or -1 when there is none. */
  private longBracket(at: number): number {
    if (this.text[at] !== '[') return -1;
    let i = at + 1;
    while (this.text[i] === '=') i++;
    return this.text[i] === '[' ? i - at - 1 : -1;
  }

  /** The text of the long bracket at `at` (its first newline skipped, as Lua does); moves past it. */
  private longString(at: number, level: number, what: 'string' | 'comment', reportAt = at): string {
    const open = at + level + 2;
    const close = `]${'='.repeat(level)}]`;
    const end = this.text.indexOf(close, open);
    if (end < 0) throw this.error({ offset: reportAt }, `unfinished long ${what}`);
    this.pos = end + close.length;
    let body = this.text.slice(open, end);
    if (body.startsWith('\r\n')) body = body.slice(2);
    else if (body.startsWith('\n') || body.startsWith('\r')) body = body.slice(1);
    return body;
  }

  private numberToken(start: number): Token {
    const s = this.text;
    const hex = /^0[xX]([0-9a-fA-F]+)/.exec(s.slice(start, start + 40));
    let end: number;
    let value: number;
    if (hex !== null) {
      end = start + hex[0].length;
      if (s[end] === '.' || s[end] === 'p' || s[end] === 'P')
        throw this.error({ offset: start }, 'hexadecimal fractions are not supported');
      value = Number.parseInt(hex[1]!, 16);
      if (!Number.isSafeInteger(value)) throw this.error({ offset: start }, 'a hexadecimal number above 2^53');
    } else {
      const dec = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(s.slice(start, start + 400))!;
      end = start + dec[0].length;
      value = Number(dec[0]);
      if (!Number.isFinite(value)) throw this.error({ offset: start }, 'a number out of range');
    }
    if (end < s.length && /[A-Za-z0-9_.]/.test(s[end]!)) throw this.error({ offset: start }, 'malformed number');
    this.pos = end;
    return { kind: 'number', text: s.slice(start, end), number: value, offset: start };
  }

  private quoted(start: number): Token {
    const s = this.text;
    const quote = s[start];
    let out = '';
    let i = start + 1;
    for (;;) {
      if (i >= s.length || s[i] === '\n' || s[i] === '\r') throw this.error({ offset: start }, 'unfinished string');
      const c = s[i]!;
      if (c === quote) break;
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const e = s[i + 1] ?? '';
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (e === '\n' || e === '\r') {
        out += '\n';
        i += s[i + 2] !== e && (s[i + 2] === '\n' || s[i + 2] === '\r') ? 3 : 2;
      } else if (e === 'z') {
        i += 2;
        while (i < s.length && isSpace(s.charCodeAt(i))) i++;
      } else if (/[0-9]/.test(e)) {
        const digits = /^[0-9]{1,3}/.exec(s.slice(i + 1, i + 4))![0];
        out += this.byte(Number(digits), i);
        i += 1 + digits.length;
      } else if (e === 'x') {
        const hex = /^[0-9a-fA-F]{2}/.exec(s.slice(i + 2, i + 4));
        if (hex === null) throw this.error({ offset: i }, '\\x needs two hexadecimal digits');
        out += this.byte(Number.parseInt(hex[0], 16), i);
        i += 4;
      } else if (e === 'u') {
        const u = /^\{([0-9a-fA-F]{1,6})\}/.exec(s.slice(i + 2, i + 12));
        const code = u === null ? -1 : Number.parseInt(u[1]!, 16);
        if (u === null || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw this.error({ offset: i }, 'bad \\u{…} escape');
        out += String.fromCodePoint(code);
        i += 2 + u[0].length;
      } else {
        throw this.error({ offset: i }, `invalid escape \\${e === '' ? '' : JSON.stringify(e).slice(1, -1)}`);
      }
    }
    this.pos = i + 1;
    return { kind: 'string', text: out, number: 0, offset: start };
  }

  /** A byte escape: ASCII only (a byte above 127 would be half a UTF-8 character). */
  private byte(n: number, at: number): string {
    if (n > 127) throw this.error({ offset: at }, 'byte escapes above 127 are not supported (write the character itself)');
    return String.fromCharCode(n);
  }

  // ---- errors

  private where(offset: number): LuaPosition {
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lines[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lines[lo]! + 1 };
  }

  private error(at: { offset: number }, reason: string): LuaTableError {
    return new LuaTableError(this.file, this.where(at.offset), reason);
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'the end of the file';
    case 'string':
      return 'a string';
    case 'number':
      return `the number ${t.text}`;
    case 'keyword':
      return `'${t.text}'`;
    case 'name':
      return `the name '${t.text}'`;
    default:
      return `'${t.text}'`;
  }
}

/** `nil`, `a string`, … for messages. */
export function typeName(v: LuaValue | undefined): string {
  if (v === null || v === undefined) return 'nil';
  if (v instanceof Map) return 'a table';
  return typeof v === 'string' ? 'a string' : typeof v === 'number' ? 'a number' : 'a boolean';
}
