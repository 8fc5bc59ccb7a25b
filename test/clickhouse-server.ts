import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real ClickHouse server for the tests (Debian's clickhouse-server, 18.16: `apt-get install
 * clickhouse-server`), started as a plain process on 127.0.0.1 with its configuration, data and
 * logs in a temporary directory, and stopped by its PID.
 */

const BINARIES = ['/usr/bin/clickhouse-server', '/usr/sbin/clickhouse-server'];
export const CLICKHOUSE_PASSWORD = 'test-password';

export interface ClickhouseServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** Runs a query with the test password; resolves to the response's text. */
  query(sql: string): Promise<string>;
  stop(): Promise<void>;
}

export function clickhouseBinary(): string {
  const found = BINARIES.find((b) => existsSync(b));
  if (found === undefined) throw new Error(`no ClickHouse server (${BINARIES.join(', ')}): apt-get install clickhouse-server`);
  return found;
}

/** A port nobody listens on (the kernel's choice, closed again). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function config(dir: string, http: number, tcp: number): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><console>0</console></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
</yandex>
`;
}

const USERS = `<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users>
    <default>
      <password>${CLICKHOUSE_PASSWORD}</password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default></default></quotas>
</yandex>
`;

/** Starts a server and waits (up to 30 s) until `GET /ping` answers `Ok.`. */
export async function startClickhouse(): Promise<ClickhouseServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ecelog-clickhouse-'));
  const [http, tcp] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'config.xml'), config(dir, http, tcp));
  writeFileSync(join(dir, 'users.xml'), USERS);
  const child: ChildProcess = spawn(clickhouseBinary(), [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${http}`;
  const auth = `Basic ${Buffer.from(`default:${CLICKHOUSE_PASSWORD}`).toString('base64')}`;
  const query = async (sql: string): Promise<string> => {
    const r = await fetch(`${url}/`, { method: 'POST', body: sql, headers: { authorization: auth } });
    const text = await r.text();
    if (!r.ok) throw new Error(`ClickHouse ${r.status}: ${text}`);
    return text;
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.exitCode === null && child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`${url}/ping`)
      .then((r) => r.text())
      .catch(() => '');
    if (ok.startsWith('Ok.')) return { url, port: http, query, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`ClickHouse did not start on port ${http}`);
}
