import { readFile } from 'node:fs/promises';
import type { ClickhouseTarget } from '../sinks/clickhouse-sink';
import { UsageError } from './usage-error';
import { isLoopback } from './loopback';

/** The environment variables of the ClickHouse user and password (never given on the command line). */
export const USER_ENV = 'ECELOG_CLICKHOUSE_USER';
export const PASSWORD_ENV = 'ECELOG_CLICKHOUSE_PASSWORD';

/**
 * `--to clickhouse://HOST[:PORT]/DB` (HTTPS, or HTTP to a loopback host; port 8443 or 8123 by
 * default), or `https://HOST:PORT/DB` / `http://HOST:PORT/DB`; plain HTTP to another host only with
 * `insecureHttp`. The user and password come from the environment (ECELOG_CLICKHOUSE_USER,
 * default `default`; ECELOG_CLICKHOUSE_PASSWORD) or the first line of `passwordFile`: a URL
 * carrying them (visible in `ps`) is refused.
 */
export async function clickhouseTarget(to: string, passwordFile: string | undefined, insecureHttp: boolean): Promise<ClickhouseTarget> {
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    throw new UsageError(`--to must be a URL such as clickhouse://HOST:8123/DB, not ${JSON.stringify(to)}`);
  }
  if (!['clickhouse:', 'http:', 'https:'].includes(url.protocol))
    throw new UsageError('--to must be a clickhouse://, https:// or http:// URL');
  if (url.username !== '' || url.password !== '')
    throw new UsageError(
      `--to must not carry a user or password (any user of this machine can read a command line): set ${USER_ENV} and ${PASSWORD_ENV}, or --password-file`,
    );
  const loopback = isLoopback(url.hostname);
  const https = url.protocol === 'https:' || (url.protocol === 'clickhouse:' && !loopback);
  if (!https && !loopback && !insecureHttp)
    throw new UsageError('--to: plain http would send the password unencrypted; use https (or clickhouse://), or --insecure-http');
  const database = decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, '')) || 'ecelog';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database))
    throw new UsageError(`--to: the database name must be letters, digits and _, not ${JSON.stringify(database)}`);
  const port = url.port !== '' ? url.port : https ? '8443' : '8123';
  const password = passwordFile !== undefined ? firstLine(await readFile(passwordFile, 'utf8')) : (process.env[PASSWORD_ENV] ?? '');
  return { url: `${https ? 'https' : 'http'}://${url.hostname}:${port}`, database, username: process.env[USER_ENV] ?? 'default', password };
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0]!;
}
