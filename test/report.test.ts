// ecelog report: the aggregate beside stats (the same totals, bounded series), the page's
// embedded data (JSON that no log text can break out of), and the command through the real CLI.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse, type EcelogEvent } from '../src/index';
import { MAX_BUCKETS, ReportAggregate } from '../src/cli/report-data';
import { reportPage, scriptJson } from '../src/cli/report-page';
import { Stats } from '../src/cli/stats';
import { QuantileSketch } from '../src/cli/quantile-sketch';
import { ecelog, ROOT } from './fixtures/run-cli';
import { JLOG_FIXTURES } from './fixtures/jlog';
import {
  HOSTILE_BINDING,
  HOSTILE_LINES,
  HOSTILE_PHASE,
  HOSTILE_RESPONSE,
  otherLogs,
  SAMPLES,
  embeddedData,
  hostileBouncelog,
  statsJson,
} from './fixtures/report-inputs';

const dir = mkdtempSync(join(tmpdir(), 'ecelog-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sampleEvents(): EcelogEvent[] {
  return SAMPLES.flatMap((f) => [...parse(readFileSync(join(ROOT, f)))]);
}

/** Receptions (the sample's first line) at these times. */
function receptions(times: number[]): EcelogEvent[] {
  const line = readFileSync(join(ROOT, SAMPLES[0]!), 'utf8').split('\n')[0]!;
  return [...parse(Buffer.from(times.map((t) => line.replace(/^\d+/, String(t))).join('\n')))];
}

const META = { files: ['x'], backend: 'js', generated: 0, since: null, until: null, where: [] };
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('ReportAggregate', () => {
  test('its stats are those of Stats; its series add up to the counts of timestamped events', () => {
    const events = sampleEvents();
    const agg = new ReportAggregate(60);
    const stats = new Stats();
    for (const ev of events) {
      agg.add(ev);
      stats.add(ev);
    }
    const r = agg.report(META);
    expect(r.stats).toEqual(stats.report());
    expect(r.meta.bucket).toBe(60);
    // Every bucket of the period, empty ones too: 06:00:00 .. 08:02:30 is 123 minutes.
    expect(r.events.t).toHaveLength(123);
    expect(r.events.t[1]! - r.events.t[0]!).toBe(60);
    const series = r.events.series;
    expect(sum(series.reception!)).toBe(r.stats.by_type.reception);
    expect(sum(series.delivery!)).toBe(r.stats.by_type.delivery);
    const bounces = Object.keys(series).filter((k) => k.startsWith('bounce ('));
    expect(bounces.sort()).toEqual(['bounce (Block)', 'bounce (Hard)', 'bounce (Soft)']);
    expect(sum(bounces.map((k) => sum(series[k]!)))).toBe(r.stats.by_type.bounce);
    expect(series.heartbeat).toBeUndefined();
    // Stacking order: receptions at the bottom.
    expect(Object.keys(series).slice(0, 2)).toEqual(['reception', 'delivery']);
    expect(sum(r.queue_time.count)).toBe(r.stats.queue_time!.count);
    // Every bouncelog event but heartbeats has a class.
    expect(sum(Object.values(r.bounce_categories.series).map(sum))).toBe(sum(r.stats.bounce_classes.map((c) => c.count)));
    expect(r.bindings.length).toBeGreaterThan(0);
    expect(sum(r.bindings.map((b) => b.delivery))).toBeLessThanOrEqual(r.stats.by_type.delivery!);
  });

  test('a period longer than MAX_BUCKETS widens the bucket; the counts stay', () => {
    const agg = new ReportAggregate(60);
    const minutes = MAX_BUCKETS + 10;
    for (const ev of receptions(Array.from({ length: minutes }, (_, i) => 1_717_200_000 + i * 60))) agg.add(ev);
    const r = agg.report(META);
    expect(r.meta.bucket).toBe(300);
    expect(r.events.t.length).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(sum(r.events.series.reception!)).toBe(minutes);
    expect(r.events.series.reception![0]).toBe(5);
  });

  test('a live window keeps the latest buckets only; the totals count everything', () => {
    const agg = new ReportAggregate(60, 10);
    // The last one older than the window: counted in the totals, not in the series.
    const times = [...Array.from({ length: 30 }, (_, i) => 1_717_200_000 + i * 60), 1_717_200_000];
    for (const ev of receptions(times)) agg.add(ev);
    const r = agg.report(META);
    expect(r.events.t).toHaveLength(10);
    expect(r.events.t[0]).toBe(1_717_200_000 + 20 * 60);
    expect(sum(r.events.series.reception!)).toBe(10);
    expect(r.stats.events).toBe(31);
  });
});

describe('the compact QuantileSketch of a bucket', () => {
  test('gives the quantiles of the dense one, and merges with it both ways', () => {
    const values = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? 0 : ((i * 7919) % 100_003) / 7 + 1e-5 * i));
    const dense = new QuantileSketch();
    const compact = new QuantileSketch(true);
    for (const v of values) {
      dense.add(v);
      compact.add(v);
    }
    const qs = [0, 0.01, 0.5, 0.9, 0.99, 1];
    expect(qs.map((q) => compact.quantile(q))).toEqual(qs.map((q) => dense.quantile(q)));
    const intoDense = new QuantileSketch();
    intoDense.merge(compact);
    intoDense.merge(dense);
    const intoCompact = new QuantileSketch(true);
    intoCompact.merge(dense);
    intoCompact.merge(compact);
    expect(intoDense.count).toBe(10_000);
    expect(qs.map((q) => intoCompact.quantile(q))).toEqual(qs.map((q) => intoDense.quantile(q)));
    expect(qs.map((q) => intoDense.quantile(q))).toEqual(qs.map((q) => dense.quantile(q)));
  });
});

describe('the page', () => {
  test('scriptJson: no <, > or & in the text, and JSON.parse gives the value back', () => {
    const value = { a: '</script><script>alert(1)</script>', b: '<!-- & \u2028\u2029 -->' };
    const text = scriptJson(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  test('log text cannot add an element: the page has its own three scripts only', () => {
    const agg = new ReportAggregate(60);
    for (const ev of parse(readFileSync(hostileBouncelog(dir)))) agg.add(ev);
    const html = reportPage(agg.report(META), 'NONCE');
    expect(html.match(/<script/g)).toHaveLength(3);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).not.toContain('__pwned=1</script>');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-NONCE'; style-src 'nonce-NONCE';`,
    );
    const data = embeddedData(html);
    expect(data.bindings).toEqual([expect.objectContaining({ name: HOSTILE_BINDING, bounce: HOSTILE_LINES })]);
    expect((data.stats as { failure_responses: unknown }).failure_responses).toEqual([{ name: HOSTILE_RESPONSE, count: HOSTILE_LINES }]);
  });
});

describe('ecelog report (CLI)', () => {
  test('writes one page whose stats are `ecelog stats --json` of the same files, filters too', () => {
    const out = join(dir, 'r.html');
    const r = ecelog(['report', ...SAMPLES, '-o', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(r.stderr).toBe(
      `ecelog: sample/mainlog.ec: mainlog\necelog: sample/bouncelog.ec: bouncelog\necelog: ${out}: 839 events, ${Buffer.byteLength(html)} bytes\n`,
    );
    const data = embeddedData(html);
    expect(data.stats).toEqual(statsJson(SAMPLES));
    expect(data.meta).toMatchObject({ bucket: 60, files: SAMPLES });
    // No network: nothing the page loads (every script and style is inline).
    expect(html).not.toMatch(/\b(src|href)="(?!data:)/);

    const where = ['--since', '2024-06-01T06:30:00Z', '--where', 'domain=gmail.com'];
    expect(ecelog(['report', ...SAMPLES, '--bucket', '5m', '-o', out, ...where]).code).toBe(0);
    const filtered = embeddedData(readFileSync(out, 'utf8'));
    expect(filtered.stats).toEqual(statsJson([...SAMPLES, ...where]));
    expect(filtered.meta).toMatchObject({ bucket: 300, since: '2024-06-01T06:30:00Z', where: ['domain=gmail.com'] });
  });

  test('complaints by domain, rejections by phase, malformed lines by reason, events per file', () => {
    const out = join(dir, 'other.html');
    const inputs = [...otherLogs(dir), hostileBouncelog(dir)];
    const r = ecelog(['report', ...inputs, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const data = embeddedData(readFileSync(out, 'utf8'));
    expect(data.stats).toEqual(statsJson(inputs));
    expect(data.complaints).toEqual([
      { name: 'yahoo.com', count: 2 },
      { name: 'aol.com', count: 1 },
    ]);
    expect(data.rejections).toEqual([
      { name: HOSTILE_PHASE, count: 1 },
      { name: 'awaiting mailfrom', count: 1 },
    ]);
    expect(data.malformed).toEqual([{ name: 'bad timestamp "…": is not a number', count: 1 }]);
    expect(data.files).toEqual([
      { name: inputs[2], count: HOSTILE_LINES + 1 },
      { name: inputs[0], count: 3 },
      { name: inputs[1], count: 2 },
    ]);
  });

  test('a jlog directory and a rotated set are read as stats reads them', () => {
    const out = join(dir, 'jlog.html');
    const jlog = join(JLOG_FIXTURES, 'mainlog-jlog');
    expect(ecelog(['report', jlog, '-o', out]).code).toBe(0);
    expect(embeddedData(readFileSync(out, 'utf8')).stats).toEqual(statsJson([jlog]));
    const rotated = join(dir, 'rotated');
    mkdirSync(rotated);
    const lines = readFileSync(join(ROOT, SAMPLES[0]!), 'utf8').split('\n');
    writeFileSync(join(rotated, 'mainlog.ec.1'), gzipSync(`${lines.slice(0, 300).join('\n')}\n`));
    writeFileSync(join(rotated, 'mainlog.ec'), lines.slice(300).join('\n'));
    expect(ecelog(['report', '--rotated', join(rotated, 'mainlog.ec'), '-o', out]).code).toBe(0);
    const data = embeddedData(readFileSync(out, 'utf8'));
    expect(data.stats).toEqual(statsJson([SAMPLES[0]!]));
    expect(data.files).toEqual([
      { name: join(rotated, 'mainlog.ec'), count: 378 },
      { name: join(rotated, 'mainlog.ec.1'), count: 300 },
    ]);
  });

  test('usage errors: a bucket it does not know, no FILE', () => {
    const bad = ecelog(['report', '--bucket', '2m', SAMPLES[0]!]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('ecelog: --bucket must be one of 1m, 5m, 15m, 1h, 6h, 1d\n');
    expect(ecelog(['report']).stderr).toContain('ecelog: report: no FILE given (see ecelog report --help)\n');
  });
});
