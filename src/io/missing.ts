/**
 * Files that may not exist: `orNull(fs.promises.readFile(p))` is the content, or null when there
 * is no such file (ENOENT); any other failure is thrown.
 */
export async function orNull<T>(pending: Promise<T>): Promise<T | null> {
  try {
    return await pending;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
