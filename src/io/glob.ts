import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** True when the last path component holds a `*` or `?` wildcard. */
export function isGlob(pattern: string): boolean {
  return /[*?]/.test(basename(pattern));
}

/** A wildcard pattern (`*`: any run of characters, `?`: one character) as an anchored RegExp. */
export function globRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

/**
 * The paths matching a pattern with `*` / `?` wildcards in its last component only
 * (`/var/log/ecelerity/mainlog.ec*`), sorted by name; directories are not descended. Names
 * starting with a dot match only a pattern starting with a dot. No dependencies.
 */
export async function expandGlob(pattern: string): Promise<string[]> {
  const dir = dirname(pattern);
  if (/[*?]/.test(dir)) throw new TypeError(`ecelog: wildcards are supported in the last path component only: ${pattern}`);
  const name = basename(pattern);
  const re = globRegExp(name);
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory() && re.test(e.name) && (name.startsWith('.') || !e.name.startsWith('.')))
    .map((e) => join(dir, e.name))
    .sort();
}
