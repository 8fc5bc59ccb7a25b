import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LUA_KEYWORDS, LUA_LIMITS, LuaTableError, readLuaChunk, type LuaTable, type LuaValue } from '../src/signals/config/lua-table';
import { RUNS, randomBytes } from './property';
import { agentConfigText, luaRefusal } from './fixtures/agent-config';

/** The value a text returns. */
const read = (text: string): LuaValue => readLuaChunk(text, 'cfg.lua').value;
/** A table from entries (positional ones under 1, 2, …). */
const T = (...entries: Array<[string | number, Exclude<LuaValue, null>]>): LuaTable => new Map(entries);
/** The message of the error reading `text` throws. */
const refusal = (text: string | Uint8Array): string => luaRefusal(() => readLuaChunk(text, 'cfg.lua'));

const EXAMPLE = agentConfigText();

describe('the Lua subset: what is read', () => {
  test("the Signals Agent's example: a local table, assignments to it, comments, return", () => {
    const chunk = readLuaChunk(EXAMPLE, 'cfg.lua');
    expect(chunk.value).toEqual(
      T(['custom_header', T(['X-SP-SUBACCOUNT-ID', 'subaccount_id'], ['X-Job', 'campaign_id'])], ['click', false], ['open', false]),
    );
    const cfg = chunk.value as LuaTable;
    expect(chunk.at).toEqual({ line: 8, column: 8 });
    expect(chunk.positionOf(cfg, 'open')).toEqual({ line: 7, column: 12 });
    expect(chunk.positionOf(cfg.get('custom_header') as LuaTable, 'X-Job')).toEqual({ line: 3, column: 65 });
  });

  test('the same as one constructor: bare names, [..] keys, trailing separators, ; and , mixed, nesting', () => {
    const text = `return {
      custom_header = {
        ["X-SP-SUBACCOUNT-ID"] = 'subaccount_id';
        ["X-Job"] = "campaign_id",
      },
      click = false, open = true;
      nested = { a = { b = { c = { 1, 2, 3, }, }, }, },
    };`;
    expect(read(text)).toEqual(
      T(
        ['custom_header', T(['X-SP-SUBACCOUNT-ID', 'subaccount_id'], ['X-Job', 'campaign_id'])],
        ['click', false],
        ['open', true],
        ['nested', T(['a', T(['b', T(['c', T([1, 1], [2, 2], [3, 3])])])])],
      ),
    );
  });

  test('comments: to the end of a line, long ones of any level, at any place between tokens', () => {
    const text = `--[[ a long comment
      with cfg.x = 1 inside ]] local cfg = { --[==[ ]] still inside ]==] a = 1 -- the end
      , b = --[[x]] 2 }
      --[=[
      return 5
      ]=]
      return cfg -- done`;
    expect(read(text)).toEqual(T(['a', 1], ['b', 2]));
  });

  test('strings: both quotes, every escape, long strings of any level (first newline dropped)', () => {
    expect(read(String.raw`return { "a\n\t\r\\\"\'b", 'it''s'  }`.replace("'it''s'", `'it\\'s'`))).toEqual(
      T([1, 'a\n\t\r\\"\'b'], [2, "it's"]),
    );
    expect(read(String.raw`return "\65\066\x43\u{E9}\u{1F600}\a\b\f\v"`)).toEqual('ABCé😀\x07\b\f\v');
    expect(read('return "one\\\ntwo \\z   \n  three"')).toEqual('one\ntwo three');
    expect(read('return [[\nfirst\n]] ')).toEqual('first\n');
    expect(read('return [==[a]]b]=]c]==]')).toEqual('a]]b]=]c');
    expect(read('return { [ [[k]] ] = [=[v]=] }')).toEqual(T(['k', 'v']));
    expect(read('return "é ü 😀"')).toBe('é ü 😀');
  });

  test('numbers: integers, floats, exponents, hexadecimal, a leading minus; an integral float key is the integer', () => {
    expect(read('return { 0, 42, 3.5, .5, 5., 1e3, 2.5E-2, 0x1F, 0XfF, -7, - 0.25, [2.0] = "two", [-0] = "zero" }')).toEqual(
      T([1, 0], [2, 'two'], [3, 3.5], [4, 0.5], [5, 5], [6, 1000], [7, 0.025], [8, 31], [9, 255], [10, -7], [11, -0.25], [0, 'zero']),
    );
  });

  test('true, false, nil: nil leaves no entry, and assigning nil removes one', () => {
    expect(read('return { a = true, b = false, c = nil, nil, 5 }')).toEqual(T(['a', true], ['b', false], [2, 5]));
    expect(read('local t = { a = 1, b = 2 } t.a = nil return t')).toEqual(T(['b', 2]));
    expect(read('return nil')).toBeNull();
    expect(read('return')).toBeNull();
  });

  test('names: locals and globals defined earlier, paths into tables, tables shared as in Lua', () => {
    const text = `
      local headers = { ["X-Job"] = "campaign_id" }
      cfg = { custom_header = headers }
      headers["X-SP-SUBACCOUNT-ID"] = "subaccount_id"
      cfg.custom_header.extra = cfg.custom_header["X-Job"]
      cfg['deep'] = { a = {} }
      cfg.deep.a[1] = true
      local unset
      cfg.unset = unset
      return cfg;`;
    expect(read(text)).toEqual(
      T(
        ['custom_header', T(['X-Job', 'campaign_id'], ['X-SP-SUBACCOUNT-ID', 'subaccount_id'], ['extra', 'campaign_id'])],
        ['deep', T(['a', T([1, true])])],
      ),
    );
  });

  test('a UTF-8 byte order mark is skipped; Windows line ends are fine', () => {
    expect(readLuaChunk(Buffer.from(`\ufefflocal c = {}\r\nc.open = true\r\nreturn c\r\n`), 'cfg.lua').value).toEqual(T(['open', true]));
  });
});

describe('the Lua subset: what is refused, with file, line and column', () => {
  test.each([
    ['local cfg = require("x")\nreturn cfg', 'cfg.lua:1:13: function call require(…) is not supported: the file is read, never run'],
    [
      'local cfg = {}\ncfg.key = os.getenv("KEY")\nreturn cfg',
      'cfg.lua:2:11: function call os.getenv(…) is not supported: the file is read, never run',
    ],
    ['print "hello"\nreturn {}', 'cfg.lua:1:1: function call print(…) is not supported: the file is read, never run'],
    ['local t = { a = f{} }\nreturn t', 'cfg.lua:1:17: function call f(…) is not supported: the file is read, never run'],
    ['local cfg = {}\ncfg.x = "a" .. "b"\nreturn cfg', "cfg.lua:2:13: the operator '..' is not supported: no expressions are evaluated"],
    ['return { n = 1 + 2 }', "cfg.lua:1:16: the operator '+' is not supported: no expressions are evaluated"],
    ['return { n = 1 == 2 }', "cfg.lua:1:16: the operator '==' is not supported: no expressions are evaluated"],
    ['return { a = x or 2 }', "cfg.lua:1:14: unknown name 'x': only names defined earlier in the file can be used"],
    ['return { a = true and 1 }', "cfg.lua:1:19: the operator 'and' is not supported: no expressions are evaluated"],
    ['return { a = not true }', "cfg.lua:1:14: 'not' is not supported: only literal values and tables are read"],
    ['return { a = #t }', "cfg.lua:1:14: '#' is not supported: only literal values and tables are read"],
    ['return { a = -x }', "cfg.lua:1:14: the operator '-' is supported before a number only: no expressions are evaluated"],
    ['return { a = (1) }', "cfg.lua:1:14: '(' is not supported: only literal values and tables are read"],
    ['return { f = function() end }', 'cfg.lua:1:14: functions are not supported: the file is read, never run'],
    ['local function f() end\nreturn {}', 'cfg.lua:1:7: functions are not supported: the file is read, never run'],
    ['if true then end\nreturn {}', "cfg.lua:1:1: 'if' is not supported: only tables and assignments are read, never run"],
    ['for i = 1, 2 do end', "cfg.lua:1:1: 'for' is not supported: only tables and assignments are read, never run"],
    ['local a, b = 1, 2\nreturn {}', 'cfg.lua:1:8: several names in one local are not supported'],
    ['local a <const> = 1\nreturn {}', 'cfg.lua:1:9: attributes (<const>, <close>) are not supported'],
    ['a, b = 1, 2', 'cfg.lua:1:2: several targets in one assignment are not supported'],
    ['cfg.open = true\nreturn cfg', "cfg.lua:1:1: unknown name 'cfg': only names defined earlier in the file can be used"],
    ['local cfg = {}\ncfg.a.b = 1\nreturn cfg', 'cfg.lua:2:5: cfg.a is not a table (it is nil)'],
    ['local s = "x"\ns.a = 1', 'cfg.lua:2:1: s is not a table (it is a string)'],
    ['local cfg = {}\nreturn cfg\ncfg.x = 1', "cfg.lua:3:1: the name 'cfg' after the return: the return must come last"],
    ['local cfg = {}\n-- no return', 'cfg.lua:2:13: the file returns nothing: it must end with `return` and its table'],
    ['return { a = 1 b = 2 }', "cfg.lua:1:16: expected ',' or '}' in the table opened at line 1, found the name 'b'"],
    ['return {\n a = 1', "cfg.lua:2:7: expected ',' or '}' in the table opened at line 1, found the end of the file"],
    ['return { [true] = 1 }', 'cfg.lua:1:10: a table key must be a string or a number, not a boolean'],
    ['return { end = 1 }', `cfg.lua:1:10: 'end' is a reserved word: write ["end"] = …`],
    ['return { a = "open\n" }', 'cfg.lua:1:14: unfinished string'],
    ['return { a = "\\q" }', 'cfg.lua:1:15: invalid escape \\q'],
    ['return "\\300"', 'cfg.lua:1:9: byte escapes above 127 are not supported (write the character itself)'],
    ['return "\\x4"', 'cfg.lua:1:9: \\x needs two hexadecimal digits'],
    ['return "\\u{D800}"', 'cfg.lua:1:9: bad \\u{…} escape'],
    ['return [==[ never closed ]=]', 'cfg.lua:1:8: unfinished long string'],
    ['--[[ never closed\nreturn {}', 'cfg.lua:1:1: unfinished long comment'],
    ['return 0x1p4', 'cfg.lua:1:8: hexadecimal fractions are not supported'],
    ['return 0x20000000000000', 'cfg.lua:1:8: a hexadecimal number above 2^53'],
    ['return 12abc', 'cfg.lua:1:8: malformed number'],
    ['return 1e999', 'cfg.lua:1:8: a number out of range'],
    ['return { a = $ }', 'cfg.lua:1:14: unexpected character "$"'],
    ['return { a = 1 } }', "cfg.lua:1:18: '}' after the return: the return must come last"],
    ['goto x', "cfg.lua:1:1: 'goto' is not supported: only tables and assignments are read, never run"],
    ['x = ...', "cfg.lua:1:5: '...' is not supported: only literal values and tables are read"],
  ])('%j', (text, message) => {
    expect(refusal(text)).toBe(message);
  });

  test('limits: tables nested deeper than 16, paths longer than 16 keys, files over 64 KiB, bytes that are not UTF-8', () => {
    const nest = (n: number) => `return ${'{'.repeat(n)}${'}'.repeat(n)}`;
    expect(read(nest(LUA_LIMITS.depth))).toBeInstanceOf(Map);
    expect(refusal(nest(LUA_LIMITS.depth + 1))).toBe('cfg.lua:1:24: tables nested deeper than 16');
    expect(refusal(`local t = {}\nt${'.a'.repeat(LUA_LIMITS.depth + 1)} = 1`)).toBe('cfg.lua:2:35: a path deeper than 16 keys');
    // Keys that are values again, tables in keys: bounded alike, however long the file.
    expect(read(`local a = { a = "a" }\nreturn ${'a['.repeat(LUA_LIMITS.depth)}"a"${']'.repeat(LUA_LIMITS.depth)}`)).toBe('a');
    expect(refusal(`local a = {}\nreturn a${'[a'.repeat(20_000)}${']'.repeat(20_000)}`)).toBe('cfg.lua:2:42: values nested deeper than 16');
    expect(refusal(`local c = {}\nreturn ${'{ c[ '.repeat(8_000)}`)).toBe('cfg.lua:2:48: tables nested deeper than 16');
    const big = `return "${'x'.repeat(LUA_LIMITS.bytes)}"`;
    expect(refusal(big)).toBe('cfg.lua:1:1: larger than 65536 bytes');
    expect(refusal(Buffer.from(big))).toBe('cfg.lua:1:1: larger than 65536 bytes');
    expect(read(`return "${'x'.repeat(LUA_LIMITS.bytes - 9)}"`)).toHaveLength(LUA_LIMITS.bytes - 9);
    expect(refusal(Buffer.from([0x72, 0x65, 0x74, 0xff]))).toBe('cfg.lua:1:1: not UTF-8 text');
  });

  test('the error carries its parts', () => {
    const err = (() => {
      try {
        readLuaChunk('return {\n  a = b }', 'x.lua');
      } catch (e) {
        return e as LuaTableError;
      }
    })()!;
    expect([err.name, err.file, err.line, err.column, err.reason]).toEqual([
      'LuaTableError',
      'x.lua',
      2,
      7,
      "unknown name 'b': only names defined earlier in the file can be used",
    ]);
  });
});

// ---- properties

/** Lua source for a value, in one of several spellings. */
function printLua(v: Exclude<LuaValue, null>, style: number): string {
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return style % 3 === 0 && Number.isSafeInteger(v) && v >= 0 ? `0x${v.toString(16)}` : String(v);
  if (typeof v === 'string') return style % 2 === 0 ? quoted(v) : longString(v);
  const sep = style % 2 === 0 ? ',' : ';';
  const fields = [...v].map(([k, x], i) => {
    const value = printLua(x, style + i + 1);
    if (typeof k === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !LUA_KEYWORDS.has(k) && (style + i) % 2 === 0)
      return `${k} = ${value}`;
    return `[ ${printLua(k, style + i)} ] = ${value}`;
  });
  const comment = style % 4 === 1 ? ' --[==[ a comment ]] ]==]\n' : ' ';
  return `{${comment}${fields.join(`${sep}${comment}`)}${style % 5 === 0 && fields.length > 0 ? sep : ''} }`;
}

/** A quoted string: backslash escapes, control characters as \\u{…}. */
function quoted(s: string): string {
  // eslint-disable-next-line no-control-regex
  const body = s.replace(/[\\"\x00-\x1f\x7f]/g, (c) => (c === '\\' || c === '"' ? `\\${c}` : `\\u{${c.charCodeAt(0).toString(16)}}`));
  return `"${body}"`;
}

/** A long string that does not close early. */
function longString(s: string): string {
  let level = 0;
  while (s.includes(`]${'='.repeat(level)}]`) || s.endsWith(`]${'='.repeat(level)}`)) level++;
  const eq = '='.repeat(level);
  // The first newline of a long string is dropped: one is added before a text that starts with one.
  return `[${eq}[${/^[\r\n]/.test(s) ? '\n' : ''}${s}]${eq}]`;
}

const key = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('custom_header', 'open', 'click', 'X-SP-SUBACCOUNT-ID', 'end', '__proto__', 'a]]b', '\n'),
  fc.integer({ min: -1000, max: 1000 }),
);
// Long strings keep CR and CRLF only as Lua would not: text values are free of CR.
const text = fc
  .string({
    maxLength: 20,
    unit: fc.oneof(
      fc.constantFrom('a', ']', '=', '[', '"', "'", '\\', '\n', '\t', 'é', '😀'),
      fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
    ),
  })
  .map((s) => s.replace(/\r/g, ''));
const scalar = fc.oneof(
  text,
  fc.boolean(),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }).map((n) => (Object.is(n, -0) ? 0 : n)),
);
const { value: luaValue } = fc.letrec<{ value: Exclude<LuaValue, null>; table: LuaTable }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('table')),
  table: fc
    .array(
      fc.tuple(
        key.map((k) => (typeof k === 'string' ? k.replace(/\r/g, '') : k)),
        tie('value'),
      ),
      { maxLength: 5 },
    )
    .map((entries) => new Map(entries)),
}));
const table = luaValue.filter((v): v is LuaTable => v instanceof Map && depth(v) <= LUA_LIMITS.depth);

function depth(v: Exclude<LuaValue, null>): number {
  return v instanceof Map ? 1 + Math.max(0, ...[...v.values()].map(depth)) : 0;
}

/** Reads `input`, which must either succeed or fail with the reader's own error. */
function readsOrRefuses(input: Uint8Array | string): void {
  try {
    readLuaChunk(input, 'fuzz.lua');
  } catch (err) {
    if (!(err instanceof LuaTableError)) throw err;
    expect(err.message).toMatch(/^fuzz\.lua:\d+:\d+: ./);
  }
}

describe('the Lua subset: properties', () => {
  test('any table printed as Lua (in varied spellings) reads back equal', () => {
    fc.assert(
      fc.property(table, fc.nat(20), fc.boolean(), (t, style, viaLocal) => {
        const printed = printLua(t, style);
        const source = viaLocal ? `local cfg = ${printed}\nreturn cfg\n` : `return ${printed};`;
        expect(read(source)).toEqual(t);
      }),
      { numRuns: RUNS },
    );
  });

  test('random bytes: read, or refused with a LuaTableError naming a position; nothing else is thrown', () => {
    fc.assert(
      fc.property(randomBytes, (bytes) => readsOrRefuses(bytes)),
      { numRuns: RUNS },
    );
  });

  test('random sequences of Lua tokens: the same', () => {
    const tokens = fc.constantFrom(
      ...['local', 'return', 'a', 'cfg', '=', '==', '{', '}', '[', ']', '[[x]]', '.', ',', ';', '(', ')', '..', '-', '+', 'not'],
      ...['"s"', "'\\n'", '1', '0x1F', '1e3', 'nil', 'true', 'function', 'end', '--[[ c ]]', '-- c\n', '\n', '#', '<const>'],
    );
    fc.assert(
      fc.property(fc.array(tokens, { maxLength: 60 }), fc.constantFrom(' ', ''), (list, sep) => readsOrRefuses(list.join(sep))),
      { numRuns: RUNS },
    );
  });

  test("the agent's example with bytes replaced, inserted and deleted: the same", () => {
    const units = fc.constantFrom(...'{}[]=,;."\'-\n \\()+.x0', '--[[', ']]', '[==[', 'nil', 'return', 'local', 'function', '..', '0x');
    const edits = fc.array(fc.tuple(fc.nat(EXAMPLE.length), fc.nat(3), units), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(edits, (list) => {
        let s = EXAMPLE;
        for (const [at, len, unit] of list) s = s.slice(0, at % (s.length + 1)) + unit + s.slice((at % (s.length + 1)) + len);
        readsOrRefuses(s);
      }),
      { numRuns: RUNS },
    );
  });
});
