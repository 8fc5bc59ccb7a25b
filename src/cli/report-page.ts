import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CLIENT_SCRIPT, CLIENT_STYLE } from './report-client';
import type { ReportData } from './report-data';

/** uPlot's script and style (the npm package `uplot`), read once, to be inlined into each page. */
let uplot: { script: string; style: string } | undefined;

function uplotFiles(): { script: string; style: string } {
  if (uplot === undefined) {
    const dist = join(dirname(require.resolve('uplot/package.json')), 'dist');
    uplot = {
      script: readFileSync(join(dist, 'uPlot.iife.min.js'), 'utf8'),
      style: readFileSync(join(dist, 'uPlot.min.css'), 'utf8'),
    };
  }
  return uplot;
}

/**
 * JSON that is safe inside a `<script>` element: `<`, `>` and `&` (so no `</script>` or `<!--`
 * can end or change it) and the line separators U+2028/9 as \u escapes; JSON.parse reads it back
 * unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text of a trusted script or style, guarded anyway against ending its element early. */
function inlineText(text: string, tag: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

/** A fresh nonce for a page's scripts and styles. */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The Content-Security-Policy of a page with this nonce: its own scripts and styles only (no
 * eval, nothing from the network but Server-Sent Events from where the page came from).
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The report's page, self-contained: uPlot and its style inlined, the data as JSON in a
 * `<script type="application/json">`, nothing loaded from the network. The same page is the
 * dashboard's (data with a `window`: it then listens to /events for new data).
 */
export function reportPage(data: ReportData, nonce: string = newNonce()): string {
  const u = uplotFiles();
  const title = data.meta.window === null ? 'ecelog report' : 'ecelog dashboard';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>
<style nonce="${nonce}">${inlineText(u.style, 'style')}</style>
<style nonce="${nonce}">${CLIENT_STYLE}</style>
</head>
<body>
<main id="app"></main>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script nonce="${nonce}">${inlineText(u.script, 'script')}</script>
<script nonce="${nonce}">${inlineText(CLIENT_SCRIPT, 'script')}</script>
</body>
</html>
`;
}
