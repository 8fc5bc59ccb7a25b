// The report's page in a real browser (headless Chromium from Debian, driven by playwright-core):
// it loads from disk with no error and no request, every chart draws, the totals shown are those of
// `ecelog stats --json`, tables sort, and log text holding <script> stays text.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ecelog } from './fixtures/run-cli';
import { browserMissing, drawn, launchBrowser, pageTotals, tableCells, watchPage } from './fixtures/browser';
import {
  HOSTILE_BINDING,
  HOSTILE_LINES,
  HOSTILE_PHASE,
  HOSTILE_RESPONSE,
  otherLogs,
  SAMPLES,
  hostileBouncelog,
  statsJson,
} from './fixtures/report-inputs';

const missing = browserMissing();
if (missing !== null) console.warn(missing);

/** The totals the page shows for a `stats --json` report. */
export function expectedTotals(s: {
  events: number;
  by_type: Record<string, number>;
  by_log: Record<string, number>;
  malformed: number;
  delivery_rate: number | null;
}): Record<string, string> {
  const out: Record<string, string> = { events: String(s.events) };
  for (const [k, n] of Object.entries(s.by_type)) out[`type:${k}`] = String(n);
  for (const [k, n] of Object.entries(s.by_log)) out[`log:${k}`] = String(n);
  out.malformed = String(s.malformed);
  out.delivery_rate = s.delivery_rate === null ? '-' : `${(s.delivery_rate * 100).toFixed(1)}%`;
  return out;
}

describe.skipIf(missing !== null)('ecelog report in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecelog-report-browser-'));
  const inputs = [...SAMPLES, ...otherLogs(dir), hostileBouncelog(dir)];
  const out = join(dir, 'report.html');
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const r = ecelog(['report', ...inputs, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    problems = watchPage(page);
    // Any request but the page itself is a failure: the page must need no network.
    const requests: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(`file://${out}`);
    await page.waitForSelector('body[data-rendered]');
    expect(requests).toEqual([`file://${out}`]);
    const shots = process.env.ECELOG_SCREENSHOTS;
    if (shots !== undefined) await page.screenshot({ path: join(shots, 'report.png') });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('loads with no console error, page error or failed request', () => {
    expect(problems).toEqual([]);
  });

  test('every chart drew: canvas pixels, SVG bars', async () => {
    const charts = await drawn(page);
    // A row (domain, binding) with neither deliveries nor permanent failures has no delivery rate: no bar.
    const RATES = ['domains', 'binding-groups', 'bindings'];
    const bars = async (id: string) => (await tableCells(page, id)).filter((r) => !RATES.includes(id) || r[1] !== '-').length;
    expect(charts.map((c) => `${c.id}:${c.kind}`)).toEqual([
      'events:canvas',
      'queue-time:canvas',
      'bounce-categories:canvas',
      'domains:svg',
      'binding-groups:svg',
      'bindings:svg',
      'failure-responses:svg',
      'complaints:svg',
      'rejections:svg',
      'files:svg',
      'malformed:svg',
    ]);
    // Thousands of pixels of each time chart are drawn; each bar chart has a bar per row.
    for (const c of charts) {
      if (c.kind === 'canvas') expect(c.ink, c.id).toBeGreaterThan(5000);
      else expect(c.ink, c.id).toBe(await bars(c.id));
    }
  });

  test('the totals shown are those of `ecelog stats --json` on the same files', async () => {
    const stats = statsJson(inputs) as Parameters<typeof expectedTotals>[0];
    expect(await pageTotals(page)).toEqual(expectedTotals(stats));
  });

  test('clicking a column header sorts its table, again the other way', async () => {
    const column = 3; // deliveries
    const numbers = async () => (await tableCells(page, 'domains')).map((r) => Number(r[column]));
    const before = await numbers();
    expect(before.length).toBeGreaterThan(5);
    await page.click('#domains th:nth-child(4)');
    expect(await numbers()).toEqual([...before].sort((a, b) => a - b));
    await page.click('#domains th:nth-child(4)');
    expect(await numbers()).toEqual([...before].sort((a, b) => b - a));
    expect(await page.getAttribute('#domains th:nth-child(4)', 'aria-sort')).toBe('descending');
  });

  test('log text with <script> shows as text and runs nothing', async () => {
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    const responses = await tableCells(page, 'failure-responses');
    expect(responses).toContainEqual([HOSTILE_RESPONSE, String(HOSTILE_LINES)]);
    expect((await tableCells(page, 'bindings')).map((r) => r[0])).toContain(HOSTILE_BINDING);
    expect(await tableCells(page, 'rejections')).toContainEqual([HOSTILE_PHASE, '1']);
    expect(await page.evaluate('[...document.querySelectorAll("#rejections svg text")].map((t) => t.textContent)')).toContain(
      HOSTILE_PHASE,
    );
    expect(await page.evaluate('document.querySelectorAll("script").length')).toBe(3);
    expect(await page.evaluate('document.querySelectorAll("img").length')).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toContain('<script>window.__pwned');
  });
});
