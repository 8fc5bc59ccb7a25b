import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { SignalsConverter, mergeByTime, type ConvertOptions, type SparkPostEvent } from '../src/signals/convert/index';
import { eventsWithIds } from '../src/signals/agent/index';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ecelog.js');
const dir = mkdtempSync(join(tmpdir(), 'ecelog-signals-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SAMPLE = ['sample/mainlog.ec', 'sample/bouncelog.ec'];

function ecelog(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The events of every batch file in `out`, in order. */
function batchEvents(out: string): SparkPostEvent[] {
  const names = readdirSync(out)
    .filter((n) => n.endsWith('.ndjson.gz'))
    .sort();
  return names.flatMap((n) =>
    gunzipSync(readFileSync(join(out, n)))
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as SparkPostEvent),
  );
}

/** What the library makes of the same files. */
async function libraryEvents(files: string[], options?: ConvertOptions): Promise<SparkPostEvent[]> {
  const conv = new SignalsConverter(options);
  const out: SparkPostEvent[] = [];
  for await (const ev of mergeByTime(...files.map((f) => eventsWithIds(join(ROOT, f))))) out.push(...(conv.push(ev) as SparkPostEvent[])); // no eventlog: message events only
  out.push(...(conv.flush() as SparkPostEvent[]));
  return out;
}

describe('ecelog signals (offline)', () => {
  test('writes the library conversion of the files as Ingest batches; a summary on stderr', async () => {
    const out = join(dir, 'out');
    const r = ecelog(['signals', ...SAMPLE, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const got = batchEvents(out);
    const want = await libraryEvents(SAMPLE);
    expect(got.length).toBeGreaterThan(100);
    expect(got).toEqual(JSON.parse(JSON.stringify(want)));
    const summary = JSON.parse(r.stderr.slice(r.stderr.indexOf('{')));
    expect(summary).toMatchObject({ batches: 1, events: want.length, dropped_old: 0 });
    const counts: Record<string, number> = {};
    for (const e of want) counts[e.msys.message_event.type] = (counts[e.msys.message_event.type] ?? 0) + 1;
    expect(summary.converter.emitted).toEqual(counts);
  });

  test('--types webhook, --privacy and --header-map reach the converter', async () => {
    const out = join(dir, 'out-webhook');
    const map = join(dir, 'map.json');
    writeFileSync(map, JSON.stringify({ 'X-Job': 'campaign_id' }));
    const r = ecelog(['signals', ...SAMPLE, '--out', out, '--types', 'webhook', '--privacy', '--header-map', map]);
    expect(r.code).toBe(0);
    const want = await libraryEvents(SAMPLE, { types: 'webhook', privacy: true, headerFields: { 'X-Job': 'campaign_id' } });
    expect(batchEvents(out)).toEqual(JSON.parse(JSON.stringify(want)));
    expect(want.some((e) => e.msys.message_event.type === 'injection' && e.msys.message_event.rcpt_hash !== undefined)).toBe(true);
  });

  test('--batch-bytes splits into batches of at most that many compressed bytes, nothing lost', async () => {
    const out = join(dir, 'out-small');
    expect(ecelog(['signals', ...SAMPLE, '--out', out, '--batch-bytes', '4096']).code).toBe(0);
    const sizes = readdirSync(out).map((n) => readFileSync(join(out, n)).length);
    expect(sizes.length).toBeGreaterThan(3);
    for (const s of sizes) expect(s).toBeLessThanOrEqual(4096);
    expect(batchEvents(out)).toEqual(JSON.parse(JSON.stringify(await libraryEvents(SAMPLE))));
  });
});

describe('ecelog signals: tracking defaults, eventlog types, resend', () => {
  test('--open-tracking / --click-tracking reach the converter; bad values are usage errors', async () => {
    const out = join(dir, 'out-tracking');
    expect(ecelog(['signals', ...SAMPLE, '--out', out, '--open-tracking', 'on', '--click-tracking', 'off']).code).toBe(0);
    const want = await libraryEvents(SAMPLE, { openTracking: true, clickTracking: false });
    expect(batchEvents(out)).toEqual(JSON.parse(JSON.stringify(want)));
    expect(want[0]!.msys.message_event).toMatchObject({ open_tracking: '1', click_tracking: '0' });
    const bad = ecelog(['signals', ...SAMPLE, '--out', out, '--open-tracking', 'yes']);
    expect([bad.code, bad.stderr]).toEqual([2, 'ecelog: --open-tracking must be on or off\n']);
  });

  test("--eventlog-types takes Momentum's type names only", () => {
    const r = ecelog(['signals', ...SAMPLE, '--out', join(dir, 'x'), '--eventlog-types', 'open,opens']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ecelog: --eventlog-types: opens: not an eventlog type \(reception, .*, list\)\n$/);
  });

  test('resend DIR: the set-aside batches back in the send queue; a DIR that is none is a usage error', () => {
    const spool = join(dir, 'spool-resend');
    mkdirSync(join(spool, 'rejected'), { recursive: true });
    writeFileSync(join(spool, 'rejected', '1796000000000-000000-7.ndjson.gz'), 'x');
    writeFileSync(join(spool, 'rejected', '1796000000000-000000-7.ndjson.gz.why.txt'), 'HTTP 400\n');
    const r = ecelog(['signals', 'resend', spool]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^ecelog signals resend: 1 batches \(7 events\) back in the send queue of .* \(1 from rejected\/, 0 from unconfirmed\/\); the agent sends them\n$/,
    );
    expect(readdirSync(spool).filter((n) => n.endsWith('.ndjson.gz'))).toHaveLength(1);
    expect(readdirSync(join(spool, 'rejected'))).toEqual([]);
    const none = ecelog(['signals', 'resend', join(dir, 'no-such-spool')]);
    expect([none.code, none.stderr]).toEqual([2, `ecelog: ${join(dir, 'no-such-spool')} is not a spool directory\n`]);
  });
});

describe('ecelog signals: custom_logger attribution', () => {
  test('--custom files read with --custom-conf: their X-MSYS-API campaign reaches the injection and the delivery', async () => {
    const conf = join(dir, 'ecelerity.conf');
    writeFileSync(
      conf,
      'custom_logger "signals" {\n  reception_logfile = "/var/log/ecelerity/attribution.ec"\n  reception_format = "%t@%i@R@%h{X-MSYS-API}"\n}\n',
    );
    const receptions = readFileSync(join(ROOT, SAMPLE[0]!), 'latin1')
      .split('\n')
      .map((l) => l.split('@'))
      .filter((f) => f[4] === 'R')
      .slice(0, 3);
    const api = (i: number) => JSON.stringify({ campaign_id: `spring-${i}`, tags: ['t@1'] });
    writeFileSync(join(dir, 'attribution.ec'), receptions.map((f, i) => `${f[0]}@${f[1]}@R@${api(i)}\n`).join(''));
    const out = join(dir, 'out-custom');
    const r = ecelog(['signals', ...SAMPLE, '--custom', join(dir, 'attribution.ec'), '--custom-conf', `${conf}:signals`, '--out', out]);
    expect(r.code).toBe(0);
    const events = batchEvents(out).map((e) => e.msys.message_event);
    receptions.forEach((f, i) => {
      const mine = events.filter((e) => e.message_id === f[1]);
      expect(mine.find((e) => e.type === 'reception')).toMatchObject({
        campaign_id: `spring-${i}`,
        rcpt_tags: ['t@1'],
        rcpt_to: expect.any(String),
      });
      for (const e of mine) expect(e.campaign_id).toBe(`spring-${i}`);
    });
    expect(events.filter((e) => e.campaign_id !== undefined).length).toBeGreaterThan(3);
    expect(JSON.parse(r.stderr.slice(r.stderr.indexOf('{'))).converter.attribution_only).toBe(3);
  });

  test('--custom without --custom-conf, or a stanza that is not there: exit 2', () => {
    expect(ecelog(['signals', '--custom', 'x.ec', '--out', join(dir, 'o')]).stderr).toMatch(/needs --custom-conf/);
    const conf = join(dir, 'empty.conf');
    writeFileSync(conf, '# nothing\n');
    const r = ecelog(['signals', '--custom', 'x.ec', '--custom-conf', conf, '--out', join(dir, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no custom_logger stanza/);
  });
});

describe('ecelog signals: usage', () => {
  test('an API key is never taken from the command line', () => {
    const r = ecelog(['signals', '--follow', 'sample/mainlog.ec', '--api-key', 'secret-123']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--api-key'/);
  });

  test('missing options and bad values: exit 2, one line', () => {
    for (const [args, message] of [
      [['signals', ...SAMPLE], /needs --out DIR/],
      [['signals'], /no FILE given/],
      [['signals', '--follow', 'sample/mainlog.ec'], /needs --url URL, --checkpoint F and --spool DIR/],
      [['signals', ...SAMPLE, '--out', join(dir, 'x'), '--types', 'other'], /--types must be ingest or webhook/],
      [
        ['signals', '--follow', 'sample/mainlog.ec', '--url', 'https://h', '--checkpoint', 'c', '--spool', 's', '--types', 'webhook'],
        /--types webhook is for files only: the Ingest API takes the ingest names/,
      ],
      [
        ['signals', '--follow', 'sample/mainlog.ec', '--url', 'https://h', '--checkpoint', 'c', '--spool', 's', '--status-interval', '0'],
        /--status-interval must be more than 0 seconds/,
      ],
      [
        ['signals', '--follow', 'sample/mainlog.ec', '--url', 'http://api.example.com', '--checkpoint', 'c', '--spool', 's'],
        /--url: plain http would send the API key unencrypted; use https, or --insecure-http/,
      ],
      [
        ['signals', ...SAMPLE, '--out', join(dir, 'x'), '--batch-bytes', '6000000'],
        /--batch-bytes must be an integer from 1024 to 5000000/,
      ],
      [['signals', ...SAMPLE, '--out', join(dir, 'x'), '--batch-age=-1'], /--batch-age must be a number of seconds/],
    ] as const) {
      const r = ecelog([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  test('the agent without an API key says where it looked, and stops', () => {
    const spool = join(dir, 'spool');
    const r = ecelog(
      ['signals', '--follow', 'sample/mainlog.ec', '--url', 'http://127.0.0.1:9', '--checkpoint', join(dir, 'ck'), '--spool', spool],
      { ECELOG_SPARKPOST_API_KEY: '', ECELOG_SPARKPOST_API_KEY_FILE: '' },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ECELOG_SPARKPOST_API_KEY/);
  });

  test('a key file with the key: the key never shows in what the agent prints', () => {
    const keyFile = join(dir, 'key');
    writeFileSync(keyFile, 'bad key with spaces\n');
    const r = ecelog([
      'signals',
      '--follow',
      'sample/mainlog.ec',
      '--url',
      'http://127.0.0.1:9',
      '--checkpoint',
      join(dir, 'ck2'),
      '--spool',
      join(dir, 'spool2'),
      '--api-key-file',
      keyFile,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('bad key');
  });
});
