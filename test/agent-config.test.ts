import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { agentConfigFrom, readAgentConfig } from '../src/signals/config/agent-config';
import { LUA_LIMITS } from '../src/signals/config/lua-table';
import { agentConfigText, luaRefusal } from './fixtures/agent-config';

/** The Signals Agent's signals-agent-config.lua, in the converter's terms. */

const EXAMPLE = agentConfigText();

const dir = mkdtempSync(join(tmpdir(), 'ecelog-agent-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusal = (text: string): string => luaRefusal(() => agentConfigFrom(text, 'signals-agent-config.lua'));

describe("the Signals Agent's configuration", () => {
  test('the example: custom_header is the header table, open / click false track nothing themselves', async () => {
    const path = join(dir, 'signals-agent-config.lua');
    writeFileSync(path, EXAMPLE);
    expect(await readAgentConfig(path)).toEqual({
      headerFields: { 'X-SP-SUBACCOUNT-ID': 'subaccount_id', 'X-Job': 'campaign_id' },
      ownTracking: [],
      unknownKeys: [],
    });
  });

  test('variants: one constructor, open / click true, no custom_header, unknown keys (nested tables too) listed in order', () => {
    const text = `return {
      open = true; click = true,
      spool_dir = "/var/spool/signals", -- not ecelog's business
      batch = { size = 100, ["max-age"] = 30, },
      [1] = "positional",
    }`;
    expect(agentConfigFrom(text, 'x.lua')).toEqual({ ownTracking: ['open', 'click'], unknownKeys: ['spool_dir', 'batch', '1'] });
    expect(agentConfigFrom('local c = {}\nc.click = true\nreturn c', 'x.lua')).toEqual({ ownTracking: ['click'], unknownKeys: [] });
    expect(agentConfigFrom('return {}', 'x.lua')).toEqual({ ownTracking: [], unknownKeys: [] });
  });

  test('header names are kept as written (matched case-insensitively later), "__proto__" an ordinary one', () => {
    const cfg = agentConfigFrom('return { custom_header = { ["__proto__"] = "custom1", ["x-job"] = "campaign_id" } }', 'x.lua');
    expect(Object.keys(cfg.headerFields!)).toEqual(['__proto__', 'x-job']);
    expect(cfg.headerFields!['__proto__']).toBe('custom1');
    expect(Object.getPrototypeOf(cfg.headerFields)).toBe(Object.prototype);
  });

  test.each([
    ['return "cfg"', 'signals-agent-config.lua:1:8: the file returns a string; expected the configuration table'],
    ['local cfg = {}\nreturn', 'signals-agent-config.lua:2:7: the file returns nil; expected the configuration table'],
    ['local cfg = {}\ncfg.open = "yes"\nreturn cfg', 'signals-agent-config.lua:2:12: open must be true or false, not a string'],
    ['return { click = 1 }', 'signals-agent-config.lua:1:10: click must be true or false, not a number'],
    [
      'return { custom_header = "X-Job" }',
      'signals-agent-config.lua:1:10: custom_header must be a table of ["Header-Name"] = "event_field", not a string',
    ],
    [
      'return { custom_header = { "subaccount_id" } }',
      'signals-agent-config.lua:1:28: custom_header: a header name must be a string, not the number 1',
    ],
    [
      'local cfg = {}\ncfg.custom_header = {}\ncfg.custom_header["X-Job"] = true\nreturn cfg',
      'signals-agent-config.lua:3:30: custom_header: the field of "X-Job" must be a field name, not a boolean',
    ],
    [
      'return { custom_header = { ["X-Job"] = "" } }',
      'signals-agent-config.lua:1:28: custom_header: the field of "X-Job" must be a field name, not a string',
    ],
    [
      'local key = os.getenv("SPARKPOST_API_KEY")\nreturn {}',
      'signals-agent-config.lua:1:13: function call os.getenv(…) is not supported: the file is read, never run',
    ],
  ])('%j is refused with its position', (text, message) => {
    expect(refusal(text)).toBe(message);
  });

  test('a file over 64 KiB is refused before it is read; a missing one with the system error', async () => {
    const big = join(dir, 'big.lua');
    writeFileSync(big, `return {} --${'x'.repeat(LUA_LIMITS.bytes)}`);
    await expect(readAgentConfig(big)).rejects.toThrow(`${big}:1:1: larger than 65536 bytes`);
    await expect(readAgentConfig(join(dir, 'none.lua'))).rejects.toThrow(/ENOENT/);
  });
});
