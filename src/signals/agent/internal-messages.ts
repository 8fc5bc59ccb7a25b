import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../io/atomic';

/**
 * The messages Momentum generated itself (its DSNs: reception protocol `internal`), kept beside
 * the spool across restarts. The converter skips every event of such a message, but it learns
 * which they are from their receptions; after a restart the followers begin at their checkpoints,
 * past those receptions, so the list is saved before any checkpoint moves past one and read back
 * at start. Without it a restarted agent would send the deliveries of DSNs it never injected.
 */

const FILE = 'internal-messages.json';

/** The saved list (`[message_id, reception µs]`), or none when there is no file yet. */
export async function loadInternalMessages(spoolDir: string): Promise<[string, number][]> {
  let text: string;
  try {
    text = await readFile(join(spoolDir, FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const parsed = JSON.parse(text) as { messages?: unknown };
  const list = Array.isArray(parsed.messages) ? parsed.messages : [];
  return list.filter(
    (m): m is [string, number] => Array.isArray(m) && m.length === 2 && typeof m[0] === 'string' && typeof m[1] === 'number',
  );
}

/** Saves the list atomically (owner-only: message IDs are not secret, but the directory holds batches that are). */
export function saveInternalMessages(spoolDir: string, messages: readonly (readonly [string, number])[]): Promise<void> {
  return writeFileAtomic(join(spoolDir, FILE), JSON.stringify({ version: 1, messages }), { mode: 0o600 });
}
