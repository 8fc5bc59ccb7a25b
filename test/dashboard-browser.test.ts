// The dashboard in a real browser (headless Chromium from Debian, driven by playwright-core): the
// page loads under its strict CSP with no error, and its counts follow lines appended to the
// followed files within seconds; a response with <script> arriving live stays text.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from './fixtures/run-cli';
import { browserMissing, drawn, launchBrowser, pageTotals, tableCells, watchPage } from './fixtures/browser';
import { startDashboardProcess, type RunningDashboard } from './fixtures/dashboard-process';
import { HOSTILE_RESPONSE, hostileBounce } from './fixtures/report-inputs';

const missing = browserMissing();
if (missing !== null) console.warn(missing);

describe.skipIf(missing !== null)('ecelog dashboard in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecelog-dashboard-browser-'));
  const mainlog = join(dir, 'mainlog.ec');
  const bouncelog = join(dir, 'bouncelog.ec');
  const lines = readFileSync(join(ROOT, 'sample/mainlog.ec'), 'utf8').split('\n');
  const bounces = readFileSync(join(ROOT, 'sample/bouncelog.ec'), 'utf8').split('\n');
  writeFileSync(mainlog, `${lines.slice(0, 100).join('\n')}\n`);
  writeFileSync(bouncelog, `${bounces.slice(0, 10).join('\n')}\n`);
  let d: RunningDashboard;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let problems: string[];

  const events = async () => Number((await pageTotals(page)).events);
  /**
   * Waits (up to 10 s) for the page to show this many events. Polled from here: the page's CSP
   * forbids the string evaluation waitForFunction does in the page.
   */
  const showsEvents = async (n: number) => {
    for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100)))
      if ((await events()) === n) return;
    expect(await events()).toBe(n);
  };

  beforeAll(async () => {
    d = await startDashboardProcess(['--follow', '--from', 'start', mainlog, bouncelog]);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    problems = watchPage(page);
    await page.goto(d.url);
    await page.waitForSelector('body[data-rendered]');
  });
  afterAll(async () => {
    await browser?.close();
    expect(await d?.stop()).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  test('loads under its CSP with no console error or failed request, and draws', async () => {
    await showsEvents(110);
    expect(problems).toEqual([]);
    const charts = await drawn(page);
    expect(charts.filter((c) => c.kind === 'canvas').map((c) => c.id)).toEqual(['events', 'queue-time', 'bounce-categories']);
    for (const c of charts) expect(c.ink, c.id).toBeGreaterThan(0);
  });

  test('appended lines show within seconds, without a reload', async () => {
    await showsEvents(110);
    await page.evaluate('window.__sameDocument = true');
    appendFileSync(mainlog, `${lines.slice(100, 250).join('\n')}\n`);
    await showsEvents(260);
    appendFileSync(bouncelog, `${bounces.slice(10, 30).join('\n')}\n`);
    await showsEvents(280);
    expect(await events()).toBe(280);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    const shots = process.env.ECELOG_SCREENSHOTS;
    if (shots !== undefined) await page.screenshot({ path: join(shots, 'dashboard.png') });
    expect(problems).toEqual([]);
  });

  test('a response with <script> arriving live shows as text and runs nothing', async () => {
    const before = await events();
    appendFileSync(bouncelog, `${Array.from({ length: 40 }, (_, i) => hostileBounce(1717221700 + i)).join('\n')}\n`);
    await showsEvents(before + 40);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect((await tableCells(page, 'failure-responses')).map((r) => r[0])).toContain(HOSTILE_RESPONSE);
    expect(await page.evaluate('document.querySelectorAll("script").length')).toBe(3);
    expect(problems).toEqual([]);
  });
});
