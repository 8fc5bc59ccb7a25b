import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Permissions of a new file (default 0o644). */
  mode?: number;
  /** The temporary file's name, in the same directory (default `.<name>.<pid>.tmp`). */
  tmpName?: string;
}

/**
 * Writes a file atomically: a temporary file beside it is written and fsynced, renamed over it,
 * and the directory is fsynced, so after a crash the path holds the old content or the new one,
 * whole (and perhaps a leftover temporary file).
 */
export async function writeFileAtomic(path: string, data: Buffer | string, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, options.tmpName ?? `.${basename(path)}.${process.pid}.tmp`);
  const file = await open(tmp, 'w', options.mode ?? 0o644);
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, path);
  await syncDir(dir);
}

/** fsyncs a directory, so that renames and unlinks in it are durable. */
export async function syncDir(dir: string): Promise<void> {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } catch (err) {
    // Some platforms and file systems cannot fsync a directory; the rename is all they offer.
    if (!['EISDIR', 'EPERM', 'EINVAL', 'ENOTSUP'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await d.close();
  }
}
