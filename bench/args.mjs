// The command-line options of the bench scripts: node:util parseArgs, plus conversions.
import { parseArgs } from 'node:util';

/** A non-negative number option. */
export const nonNegative = (name) => (v) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a non-negative number`);
  return n;
};

/** A positive integer option. */
export const positiveInt = (name) => (v) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive integer`);
  return n;
};

/**
 * Parses `argv` with `spec` ({ name: { type: 'string' | 'boolean', short?, convert?, key? } }):
 * strict (unknown options are errors), each string value passed through `convert`, stored under
 * `key` (default: the name).
 */
export function readOptions(argv, spec) {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, s]) => [name, { type: s.type, ...(s.short ? { short: s.short } : {}) }]),
  );
  const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  const out = {};
  for (const [name, s] of Object.entries(spec)) {
    const v = values[name];
    if (v === undefined) continue;
    out[s.key ?? name] = s.convert ? s.convert(v) : v;
  }
  return out;
}
