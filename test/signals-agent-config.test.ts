import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { EVENTLOG_ONLY_TYPES, eventBody, type IngestEvent, type MessageEvent } from '../src/signals/convert/index';
import { agentScope, exited, KEY, sleep } from './fixtures/agent-process';
import { agentConfigText } from './fixtures/agent-config';
import { copyFixture, JLOG_FIXTURES } from './fixtures/jlog';
import { startIngestServer } from './ingest-server';

/**
 * `ecelog signals --agent-config signals-agent-config.lua`: the Signals Agent's file drives the
 * conversion as the equivalent --header-map and --own-tracking do, offline and in the agent
 * against the local Ingest server; its unknown keys are told once; its mistakes stop the command.
 */

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ecelog.js');
const dir = mkdtempSync(join(tmpdir(), 'ecelog-agent-config-cli-'));
const scope = agentScope();
scope.dirs.push(dir);

function ecelog(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The agent's example, with a variant's changes. */
const config = agentConfigText;
/** Ten minutes ago: within the 24 hours Ingest takes; the same in every log written, so their ids agree. */
const T0 = Math.floor(Date.now() / 1000) - 600;
const HEADER_MAP = { 'X-SP-SUBACCOUNT-ID': 'subaccount_id', 'X-Job': 'campaign_id' };

/**
 * A custom_logger stanza whose receptions carry X-SP-SUBACCOUNT-ID and deliveries X-Job (a
 * header may hold any byte, so only the last field of a format can be one), and a log of three
 * messages written by it.
 */
function customLog(where: string): string[] {
  const conf = join(where, 'ecelerity.conf');
  writeFileSync(
    conf,
    [
      'custom_logger "signals" {',
      '  reception_logfile = "/var/log/ecelerity/signals.ec"',
      '  reception_format = "%t@%i@R@%r@%R@%m@%M@%B@%p@%g@%b@%h{X-SP-SUBACCOUNT-ID}"',
      '  delivery_format = "%t@%i@D@%d@%B@%g@%b@%N@%T@%H@%h{X-Job}"',
      '}',
      '',
    ].join('\n'),
  );
  const t = T0;
  const id = (n: number) => `AA/00-00001-0000000${n}`;
  const lines = [1, 2, 3].flatMap((n) => [
    `${t + n}@${id(n)}@R@user${n}@example.com@info@sender.example@1234@esmtp@group-a@binding-a@ 0${100 + n}`,
    `${t + n + 5}@${id(n)}@D@example.com@1234@group-a@binding-a@0@5.0@192.0.2.5@job-${n}`,
  ]);
  writeFileSync(join(where, 'signals.ec'), lines.map((l) => `${l}\n`).join(''));
  return ['--custom', join(where, 'signals.ec'), '--custom-conf', `${conf}:signals`];
}

/** The events of the batch files in `out`, in order. */
function batchEvents(out: string): IngestEvent[] {
  return readdirSync(out)
    .filter((n) => n.endsWith('.ndjson.gz'))
    .sort()
    .flatMap((n) =>
      gunzipSync(readFileSync(join(out, n)))
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as IngestEvent),
    );
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('ecelog signals --agent-config (offline)', () => {
  const custom = customLog(dir);
  const map = write('map.json', JSON.stringify(HEADER_MAP));
  const cfg = write('signals-agent-config.lua', config());

  test("the agent's example gives what the equivalent --header-map gives: subaccount, campaign and facets on every event", () => {
    const a = ecelog(['signals', ...custom, '--agent-config', cfg, '--out', join(dir, 'out-config')]);
    const b = ecelog(['signals', ...custom, '--header-map', map, '--out', join(dir, 'out-map')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stderr).toBe(b.stderr); // the summary, and nothing else: no key of the example is unknown
    const events = batchEvents(join(dir, 'out-config'));
    expect(events).toEqual(batchEvents(join(dir, 'out-map')));
    const bodies = events.map((e) => eventBody(e) as MessageEvent);
    expect(bodies.map((e) => [e.type, e.subaccount_id, e.campaign_id, e.binding, e.ip_pool])).toEqual(
      [1, 2, 3].flatMap((n) => [
        ['reception', String(100 + n), undefined, 'binding-a', 'group-a'],
        ['delivery', String(100 + n), `job-${n}`, 'binding-a', 'group-a'],
      ]),
    );
  });

  test('click = true leaves out the eventlog clicks as --own-tracking click does; --own-tracking none overrides the file', () => {
    const jlog = join(JLOG_FIXTURES, 'eventlog-2x');
    const clicking = write('click.lua', config(true));
    const run = (name: string, ...args: string[]) => {
      const r = ecelog(['signals', jlog, '--max-event-age', '0', ...args, '--out', join(dir, name)]);
      expect(r.code).toBe(0);
      return batchEvents(join(dir, name)).map((e) => eventBody(e));
    };
    const all = run('jlog-all');
    const byConfig = run('jlog-config', '--agent-config', clicking);
    expect(byConfig).toEqual(all.filter((e) => e.type !== 'click'));
    expect(all.length - byConfig.length).toBe(7);
    expect(run('jlog-flag', '--own-tracking', 'click')).toEqual(byConfig);
    expect(run('jlog-none', '--agent-config', clicking, '--own-tracking', 'none')).toEqual(all);
  });

  test('keys ecelog does not use are told once each on stderr, escaped, and the run goes on', () => {
    const odd = write(
      'odd.lua',
      config(false, 'cfg.spool_dir = "/var/spool/signals"\ncfg.batch = { size = 100 }\ncfg["x\\u{9B}31m"] = 1\n'),
    );
    const r = ecelog(['signals', ...custom, '--agent-config', odd, '--out', join(dir, 'out-odd')]);
    expect(r.code).toBe(0);
    const told = r.stderr.split('\n').filter((l) => l.startsWith('ecelog signals: '));
    expect(told).toEqual([
      `ecelog signals: ${odd}: "spool_dir" is not a setting ecelog uses (ignored)`,
      `ecelog signals: ${odd}: "batch" is not a setting ecelog uses (ignored)`,
      `ecelog signals: ${odd}: "x\\x9b31m" is not a setting ecelog uses (ignored)`,
    ]);
    expect(batchEvents(join(dir, 'out-odd'))).toEqual(batchEvents(join(dir, 'out-map')));
  });

  test('what is refused: Lua beyond the subset (with line and column), both header tables, a bad --own-tracking', () => {
    const getenv = write('getenv.lua', 'local cfg = {}\ncfg.key = os.getenv("KEY")\nreturn cfg\n');
    expect(ecelog(['signals', ...custom, '--agent-config', getenv, '--out', join(dir, 'x')])).toEqual({
      code: 2,
      stdout: '',
      stderr: `ecelog: ${getenv}:2:11: function call os.getenv(…) is not supported: the file is read, never run\n`,
    });
    const both = ecelog(['signals', ...custom, '--agent-config', cfg, '--header-map', map, '--out', join(dir, 'x')]);
    expect([both.code, both.stderr]).toEqual([
      2,
      'ecelog: give the header table once: --header-map, or custom_header in --agent-config, not both\n',
    ]);
    // Without custom_header in the file, --header-map is the table.
    const noHeaders = write('no-headers.lua', 'return { open = false, click = false }');
    expect(ecelog(['signals', ...custom, '--agent-config', noHeaders, '--header-map', map, '--out', join(dir, 'out-nh')]).code).toBe(0);
    expect(batchEvents(join(dir, 'out-nh'))).toEqual(batchEvents(join(dir, 'out-map')));
    const bad = ecelog(['signals', ...custom, '--own-tracking', 'opens', '--out', join(dir, 'x')]);
    expect([bad.code, bad.stderr]).toEqual([2, 'ecelog: --own-tracking: opens: give open, click, both, or none\n']);
    const missing = ecelog(['signals', ...custom, '--agent-config', join(dir, 'none.lua'), '--out', join(dir, 'x')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^ecelog: --agent-config .*none\.lua: ENOENT/);
  });
});

describe('ecelog signals --follow --agent-config against the local Ingest server', () => {
  /** Follows a copy of the eventlog fixture (engagement) and the custom log (messages) until `count` events arrived. */
  async function run(args: (where: string) => string[], count: number): Promise<Array<Record<string, unknown>>> {
    const where = mkdtempSync(join(tmpdir(), 'ecelog-agent-config-e2e-'));
    const jlog = copyFixture('eventlog-2x');
    scope.dirs.push(where, dirname(jlog));
    mkdirSync(join(where, 'ck'));
    const custom = customLog(where);
    const server = (scope.server = await startIngestServer({ apiKey: KEY }));
    const argv = [BIN, 'signals', '--follow', jlog, ...custom, '--url', server.url, '--checkpoint', join(where, 'ck')];
    argv.push('--spool', join(where, 'spool'), '--from', 'start', '--max-event-age', '0', '--batch-age', '0.1');
    argv.push('--pair-window', '0.1', '--status-interval', '0.2', '--drain-timeout', '2', '--jlog-subscriber', 'signals');
    argv.push('--eventlog-types', EVENTLOG_ONLY_TYPES.join(','), ...args(where));
    const child = spawn(process.execPath, argv, { cwd: ROOT, env: { ...process.env, ECELOG_SPARKPOST_API_KEY: KEY }, stdio: 'ignore' });
    scope.children.push(child);
    const end = Date.now() + 20_000;
    while (server.events.size < count && Date.now() < end) await sleep(20);
    await sleep(500); // anything more would have come by now
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(server.errors).toEqual([]);
    const events = [...server.events.values()].sort((a, b) => String(a.event_id).localeCompare(String(b.event_id)));
    await server.close();
    scope.server = undefined;
    return events;
  }

  test('the example with click = true sends what --header-map with --own-tracking click sends', async () => {
    // The fixture's engagement (opens, generation failures, an unsubscribe; not its 7 clicks) and 3 injections + 3 deliveries.
    const count = 21 + 4 + 1 + 6;
    const byConfig = await run((where) => {
      const cfg = join(where, 'signals-agent-config.lua');
      writeFileSync(cfg, config(true));
      return ['--agent-config', cfg];
    }, count);
    const byFlags = await run((where) => {
      const map = join(where, 'map.json');
      writeFileSync(map, JSON.stringify(HEADER_MAP));
      return ['--header-map', map, '--own-tracking', 'click'];
    }, count);
    expect(byConfig).toHaveLength(count);
    expect(byConfig).toEqual(byFlags);
    const types = byConfig.map((e) => e.type);
    expect(types).not.toContain('click');
    expect(types.filter((t) => t === 'open')).toHaveLength(21);
    const messages = byConfig.filter((e) => e.type === 'reception' || e.type === 'delivery');
    expect(messages.map((e) => [e.type, e.subaccount_id, e.campaign_id, e.binding, e.ip_pool]).sort()).toEqual(
      [1, 2, 3]
        .flatMap((n) => [
          ['delivery', String(100 + n), `job-${n}`, 'binding-a', 'group-a'],
          ['reception', String(100 + n), undefined, 'binding-a', 'group-a'],
        ])
        .sort(),
    );
  });
});
