import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, test } from 'vitest';
import { JLOG_FIXTURES } from './fixtures/jlog';
import { ROOT } from './fixtures/run-cli';

/**
 * Every ```ts and ```js block of README.md and docs/*.md runs. Each is transpiled (TypeScript's
 * transpileModule, to CommonJS) and run in a child process, its body inside an async function
 * (for top-level `for await`), `ecelog` and `ecelog/*` resolving to this package's dist/ (build
 * it first). Offline stand-ins:
 * - paths under /var/log/ and /var/lib/ are rooted in a temporary directory that holds the sample
 *   logs under the names the blocks use (mainlog.ec, bouncelog.ec, a bzip2 rotation, a jlog);
 *   the child's working directory is that directory too (for relative names such as mainlog.ec);
 * - the names a block uses without defining them are given: `buffer` and `buf` (the sample
 *   mainlog), `sink` (an object whose `write` does nothing), `suppress`, `dir` (the jlog),
 *   `confText` (a custom_logger stanza);
 * - a block still running after 2 s (a follower waiting for new lines) is stopped, and passes.
 * A block that cannot run offline at all is preceded by `<!-- no-run: REASON -->`; those are
 * listed in NO_RUN below, so that a new one is a decision, not an accident.
 */

const NO_RUN = ['docs/jlog-lz4.md:37 (signatures, not code)'];

interface Block {
  where: string;
  code: string;
  skip: string | null;
}

function blocks(): Block[] {
  const files = [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const out: Block[] = [];
  for (const file of files.sort()) {
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/^```(ts|js)\s*$/.test(lines[i]!)) {
        if (lines[i]!.startsWith('```')) for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++);
        continue;
      }
      let before = i - 1;
      while (before >= 0 && lines[before]!.trim() === '') before--;
      const marker = /^<!-- no-run: (.+) -->$/.exec(lines[before] ?? '');
      const start = i + 1;
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++);
      out.push({ where: `${file}:${start}`, code: lines.slice(start, i).join('\n'), skip: marker === null ? null : marker[1]! });
    }
  }
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), 'ecelog-doc-blocks-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const MAINLOG = join(ROOT, 'sample/mainlog.ec');
const BOUNCELOG = join(ROOT, 'sample/bouncelog.ec');
const logs = join(tmp, 'var/log/ecelerity');
mkdirSync(logs, { recursive: true });
mkdirSync(join(tmp, 'var/log/eccluster'), { recursive: true });
mkdirSync(join(tmp, 'var/lib/agent'), { recursive: true });
for (const d of [logs, tmp]) {
  cpSync(MAINLOG, join(d, 'mainlog.ec'));
  cpSync(BOUNCELOG, join(d, 'bouncelog.ec'));
  writeFileSync(join(d, 'fbllog.ec'), '');
}
writeFileSync(join(logs, 'mainlog.ec.3.bz2'), execFileSync('bzip2', ['-c'], { input: readFileSync(MAINLOG) }));
writeFileSync(join(logs, 'custom.ec'), '');
cpSync(join(JLOG_FIXTURES, 'eventlog-2x'), join(logs, 'event_hydrant.rt'), { recursive: true });

const PRELUDE = `
const Module = require('node:module');
const selfRequire = Module.createRequire(${JSON.stringify(join(ROOT, 'package.json'))});
const resolve = Module._resolveFilename;
let inside = false;
Module._resolveFilename = function (request, ...rest) {
  if (inside || (request !== 'ecelog' && !request.startsWith('ecelog/'))) return resolve.call(this, request, ...rest);
  inside = true;
  try {
    return selfRequire.resolve(request);
  } finally {
    inside = false;
  }
};
const buffer = require('node:fs').readFileSync(${JSON.stringify(MAINLOG)});
const buf = buffer;
const sink = { write: async () => {} };
const suppress = () => {};
const dir = ${JSON.stringify(join(logs, 'event_hydrant.rt'))};
const confText = 'custom_logger "custom_logger1" { delivery_format = "%t@%i@%BI@%CI@D@%d@%B@%g@%b@%N@%T@%H" }';
setTimeout(() => process.exit(0), 2000).unref();
`;

function run(block: Block): { status: number | null; stderr: string } {
  const code = block.code.replace(/(['"`])\/var\/(log|lib)\//g, `$1${tmp}/var/$2/`);
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    reportDiagnostics: false,
  }).outputText;
  const file = join(tmp, 'block.js');
  writeFileSync(file, `${PRELUDE}\n(async () => {\n${js}\n})().catch((err) => { console.error(err); process.exit(1); });\n`);
  const r = spawnSync(process.execPath, [file], { cwd: tmp, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stderr: r.stderr };
}

describe('README.md and docs/*.md code blocks run', () => {
  const all = blocks();

  test('the blocks that do not run are the listed ones', () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.filter((b) => b.skip !== null).map((b) => `${b.where} (${b.skip})`)).toEqual(NO_RUN);
  });

  test.each(all.filter((b) => b.skip === null).map((b) => [b.where, b] as const))('%s', (_where, block) => {
    expect(run(block)).toEqual({ status: 0, stderr: '' });
  });
});
