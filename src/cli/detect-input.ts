import type { DetectResult } from '../session/detect';
import { parseFile } from '../session/stream';

/**
 * Detection on a file's (decompressed) first 64 KiB, as parseFile does it; null for a file with
 * no content (a live log just rotated), which has no lines to detect from. Throws a DetectError
 * when no kind fits.
 */
export async function detectFileContent(file: string): Promise<DetectResult | null> {
  let found: DetectResult | null = null;
  const it = parseFile(file, { onDetect: (d) => (found = d) });
  await it.next();
  await it.return(undefined);
  return found;
}
