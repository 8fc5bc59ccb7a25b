import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Whether `path` is a jlog directory (a directory holding a `metastore`). */
export async function isJlogDir(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isDirectory()) return false;
    return (await stat(join(path, 'metastore'))).isFile();
  } catch {
    return false;
  }
}
