import { readFile } from 'node:fs/promises';

/**
 * The SparkPost API key: from `opts.file`, else the file named by ECELOG_SPARKPOST_API_KEY_FILE,
 * else ECELOG_SPARKPOST_API_KEY; trimmed. Never from the command line (argv is visible to every
 * user of the machine). Errors say where the key was looked for, never the key.
 */

export const API_KEY_ENV = 'ECELOG_SPARKPOST_API_KEY';
export const API_KEY_FILE_ENV = 'ECELOG_SPARKPOST_API_KEY_FILE';

export async function readApiKey(opts: { env?: NodeJS.ProcessEnv; file?: string } = {}): Promise<string> {
  const env = opts.env ?? process.env;
  const file = opts.file || env[API_KEY_FILE_ENV];
  if (file) {
    const where = opts.file ? `the API key file ${file}` : `the API key file ${file} (${API_KEY_FILE_ENV})`;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new Error(`ecelog: cannot read ${where}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    return checked(text, where);
  }
  const value = env[API_KEY_ENV];
  if (value === undefined) {
    throw new Error(`ecelog: no SparkPost API key: neither ${API_KEY_FILE_ENV} nor ${API_KEY_ENV} is set (or use --api-key-file)`);
  }
  return checked(value, API_KEY_ENV);
}

function checked(raw: string, where: string): string {
  const key = raw.trim();
  if (key === '') throw new Error(`ecelog: ${where} is empty`);
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f]/.test(key)) throw new Error(`ecelog: ${where} holds more than one word or a control character`);
  return key;
}
