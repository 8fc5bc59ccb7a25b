import { readFile, stat } from 'node:fs/promises';
import type { OwnTracking } from '../convert/eventlog';
import { LUA_LIMITS, LuaTableError, readLuaChunk, tooLarge, typeName, type LuaChunk, type LuaTable } from './lua-table';

/**
 * The configuration file of SparkPost's Signals Agent for Momentum, `signals-agent-config.lua`
 * (next to `ecelerity.conf`): a Lua file returning a table, read by the Lua subset reader
 * (never run). What it says, in the converter's terms:
 *
 * - `custom_header = { ["Header-Name"] = "event_field", … }` → the header table (`headerFields`);
 * - `open = true` / `click = true` (the site tracks opens / clicks itself, not Momentum) → Momentum's
 *   engagement events of that kind from the eventlog are not sent (`ownTracking`);
 * - any other key is returned in `unknownKeys`, to be reported; it is not an error.
 */

export interface AgentConfig {
  /** `custom_header`: header name → event field; absent when the file has none. */
  headerFields?: Record<string, string>;
  /** The engagement kinds whose `open` / `click` key is true. */
  ownTracking: OwnTracking[];
  /** Keys of the returned table that ecelog does not use, in file order. */
  unknownKeys: string[];
}

const TRACKING_KEYS: Record<string, OwnTracking> = { open: 'open', click: 'click' };

/** Reads the agent's configuration file (at most LUA_LIMITS.bytes). Throws a LuaTableError. */
export async function readAgentConfig(path: string): Promise<AgentConfig> {
  // Its size first: a file that is not a configuration (a log, a device) is not read whole.
  if ((await stat(path)).size > LUA_LIMITS.bytes) throw tooLarge(path);
  return agentConfigFrom(await readFile(path), path);
}

/** The agent configuration in `source` (the file's bytes or text), named `file` in errors. */
export function agentConfigFrom(source: Uint8Array | string, file: string): AgentConfig {
  const chunk = readLuaChunk(source, file);
  const cfg = chunk.value;
  if (!(cfg instanceof Map)) throw new LuaTableError(file, chunk.at, `the file returns ${typeName(cfg)}; expected the configuration table`);
  const out: AgentConfig = { ownTracking: [], unknownKeys: [] };
  for (const [key, value] of cfg) {
    const at = chunk.positionOf(cfg, key) ?? chunk.at;
    if (key === 'custom_header') out.headerFields = headerTable(value, chunk, file, at);
    else if (typeof key === 'string' && key in TRACKING_KEYS) {
      if (typeof value !== 'boolean') throw new LuaTableError(file, at, `${key} must be true or false, not ${typeName(value)}`);
      if (value) out.ownTracking.push(TRACKING_KEYS[key]!);
    } else out.unknownKeys.push(String(key));
  }
  return out;
}

function headerTable(value: unknown, chunk: LuaChunk, file: string, at: { line: number; column: number }): Record<string, string> {
  if (!(value instanceof Map))
    throw new LuaTableError(file, at, `custom_header must be a table of ["Header-Name"] = "event_field", not ${typeName(value as null)}`);
  const table = value as LuaTable;
  const out: Array<[string, string]> = [];
  for (const [name, field] of table) {
    const where = chunk.positionOf(table, name) ?? at;
    if (typeof name !== 'string')
      throw new LuaTableError(file, where, `custom_header: a header name must be a string, not the number ${name}`);
    if (typeof field !== 'string' || field === '')
      throw new LuaTableError(
        file,
        where,
        `custom_header: the field of ${JSON.stringify(name)} must be a field name, not ${typeName(field)}`,
      );
    out.push([name, field]);
  }
  return Object.fromEntries(out); // own properties, "__proto__" included
}
