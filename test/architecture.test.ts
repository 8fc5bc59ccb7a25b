// The architecture of src/, checked on its import graph (every .ts file; static, type-only,
// re-exported, dynamic and require()d imports alike): the layers, no import cycle, what the parser
// entry may pull in, and who may import undici. The graph and the checks are in
// test/fixtures/import-graph.ts; the second half of this file runs the same checks on small
// synthetic file sets, to show that each of them can fail.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  buildImportGraph,
  cycles,
  forbiddenReach,
  layerViolations,
  packageImportersOutside,
  readSourceTree,
  rootOffenders,
  unknownFolders,
  type FileSet,
  type Layer,
} from './fixtures/import-graph';

// THE LAYER TABLE: the one place that says which folder of src/ is which layer (ARCHITECTURE.md
// describes them). Bottom to top: a file may import files of its own layer and of layers of lower
// rank only; layers of equal rank (core, io, generator) may not import each other. A folder not
// listed here (a subfolder too, unless its layer `includes` it) fails the test: a new folder must
// be given a rank here. At src/ root, only the files listed here may exist.
const LAYERS: readonly Layer[] = [
  { folder: 'core', rank: 0 },
  { folder: 'io', rank: 0 },
  { folder: 'generator', rank: 0 },
  { folder: 'decoders', rank: 1, includes: ['decoders/custom'] },
  { folder: 'session', rank: 2 },
  { folder: 'files', rank: 3 },
  { folder: 'jlog', rank: 3 },
  // The parser entry (package "."): between files and signals by rank, but by an explicit rule it
  // may import the parser's layers only (not files, signals, cli, nor generator, though rank 0).
  { file: 'index.ts', rank: 3.5, mayImport: ['core', 'io', 'decoders', 'session'] },
  { folder: 'signals/convert', rank: 4 },
  // The Signals Agent's configuration file: read into the converter's options (above convert).
  { folder: 'signals/config', rank: 4.5 },
  // The SQL sinks (DuckDB, ClickHouse): beside the Signals converter, used by the cli only.
  { folder: 'sinks', rank: 4 },
  { folder: 'signals/transport', rank: 5 },
  { folder: 'signals/agent', rank: 6 },
  { folder: 'cli', rank: 7 },
];

/** The parser entry, and what it may not reach, transitively. */
const PARSER_ENTRY = 'index.ts';
const NOT_FROM_PARSER_FOLDERS = ['signals', 'files', 'jlog', 'cli', 'generator'];
const NOT_FROM_PARSER_PACKAGES = ['undici', 'node:worker_threads', 'worker_threads'];
/** undici (the HTTP client) is the transport's business alone. */
const UNDICI_FOLDERS = ['signals/transport'];

const SRC = join(__dirname, '..', 'src');
const graph = buildImportGraph(readSourceTree(SRC));
const P = 'src/';
const report = (title: string, lines: readonly string[]): string => `${title} (${lines.length}):\n  ${lines.join('\n  ')}\n`;

describe('src/ import graph', () => {
  test('it is read whole: files found, every relative import resolves', () => {
    expect(graph.files.length).toBeGreaterThan(50);
    expect(graph.files).toContain(PARSER_ENTRY);
    expect(graph.unresolved, report('relative imports that resolve to no file of src/', graph.unresolved)).toEqual([]);
  });

  test('every folder is a layer of the table', () => {
    const folders = unknownFolders(graph, LAYERS, P);
    expect(folders, report('folders of src/ that are no layer (give them a rank in LAYERS)', folders)).toEqual([]);
  });

  test('src/ root holds the entry only', () => {
    const root = rootOffenders(graph, LAYERS).map((f) => P + f);
    expect(root, report('files at src/ root other than the entry', root)).toEqual([]);
  });

  test('layers: imports go to the same layer or down only', () => {
    const bad = layerViolations(graph, LAYERS, P);
    expect(bad, report('imports against the layers', bad)).toEqual([]);
  });

  test('no import cycle (type-only imports included)', () => {
    const found = cycles(graph, P);
    expect(found, report('import cycles', found)).toEqual([]);
  });

  test('the parser entry reaches no signals/files/cli/generator file, no undici, no worker_threads', () => {
    const bad = forbiddenReach(graph, PARSER_ENTRY, NOT_FROM_PARSER_FOLDERS, NOT_FROM_PARSER_PACKAGES, P);
    expect(bad, report(`what ${P}${PARSER_ENTRY} reaches and must not`, bad)).toEqual([]);
  });

  test('only src/signals/transport imports undici', () => {
    const bad = packageImportersOutside(graph, 'undici', UNDICI_FOLDERS, P);
    expect(bad, report('undici imported outside src/signals/transport', bad)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The checks themselves, on synthetic trees: a clean one passes, each breach is reported.

const tree = (files: Record<string, string>): FileSet => new Map(Object.entries(files));

/** A small tree shaped like src/, that breaks no rule. */
const CLEAN: Record<string, string> = {
  'index.ts': `export { parse } from './session/parse';\nexport type { Cursor } from './core/cursor';\nexport * from './decoders/custom/index';`,
  'core/cursor.ts': `import { x } from './shape';\nexport const Cursor = x;`,
  'core/shape.ts': `export const x = 1;`,
  'io/glob.ts': `import { readdir } from 'node:fs/promises';\nexport const glob = readdir;`,
  'generator/generate.ts': `import { randomBytes } from 'node:crypto';\nexport const g = randomBytes;`,
  'decoders/custom/index.ts': `import { Cursor } from '../../core/cursor';\nimport { m } from '../mainlog';\nexport const c = [Cursor, m];`,
  'decoders/mainlog.ts': `import type { Cursor } from '../core/cursor';\nexport const m: typeof Cursor = 1;`,
  'session/parse.ts': `import { m } from '../decoders/mainlog';\nimport { glob } from '../io/glob';\nexport const parse = [m, glob];`,
  'files/index.ts': `export { parse } from '../session/parse';\nexport * from '../../package.json';`,
  'signals/convert/index.ts': `import { parse } from '../../index';\nexport const conv = parse;`,
  'signals/transport/client.ts': `import { request } from 'undici';\nimport type { conv } from '../convert/index';\nexport const up: typeof conv = request;`,
  'signals/agent/index.ts': `import { Worker } from 'node:worker_threads';\nexport const a = () => import('../transport/client');\nexport const w = Worker;`,
  'cli/main.ts': `const files = require('../files/index');\nimport '../signals/agent/index';\nexport default files;`,
};

const check = (files: FileSet) => {
  const g = buildImportGraph(files);
  return {
    unresolved: g.unresolved,
    external: g.external,
    folders: unknownFolders(g, LAYERS),
    root: rootOffenders(g, LAYERS),
    layers: layerViolations(g, LAYERS),
    cycles: cycles(g),
    reach: forbiddenReach(g, PARSER_ENTRY, NOT_FROM_PARSER_FOLDERS, NOT_FROM_PARSER_PACKAGES),
    undici: packageImportersOutside(g, 'undici', UNDICI_FOLDERS),
  };
};

describe('the checks, on synthetic trees', () => {
  test('a clean tree passes every check', () => {
    expect(check(tree(CLEAN))).toEqual({
      unresolved: [],
      external: ["files/index.ts: '../../package.json'"],
      folders: [],
      root: [],
      layers: [],
      cycles: [],
      reach: [],
      undici: [],
    });
  });

  test('an unresolved relative import is reported', () => {
    expect(check(tree({ ...CLEAN, 'core/shape.ts': `export * from './gone';` })).unresolved).toEqual(["core/shape.ts: './gone'"]);
  });

  test('unknown folders (a new one, an unlisted subfolder, src/signals itself) and stray root files fail', () => {
    const r = check(tree({ ...CLEAN, 'misc/a.ts': '', 'core/simd/b.ts': '', 'signals/c.ts': '', 'util.ts': '', 'index2.ts': '' }));
    expect(r.folders).toEqual(['core/simd/ (core/simd/b.ts)', 'misc/ (misc/a.ts)', 'signals/ (signals/c.ts)']);
    expect(r.root).toEqual(['index2.ts', 'util.ts']);
  });

  test('layers: an import upwards, between rank-0 siblings, and from the entry to files or generator fail', () => {
    const r = check(
      tree({
        ...CLEAN,
        'index.ts': `${CLEAN['index.ts']}\nexport * from './files/index';\nexport type { g } from './generator/generate';`,
        'core/shape.ts': `import type { glob } from '../io/glob';\nexport const x: typeof glob = 1;`,
        'decoders/mainlog.ts': `export const m = () => import('../session/parse');`,
        'signals/convert/index.ts': `export const conv = require('../transport/client');`,
        'generator/generate.ts': `export * from '../core/cursor';\nexport * from '../decoders/mainlog';`,
      }),
    );
    expect(r.layers).toEqual([
      'core/shape.ts -> io/glob.ts (core -> io)',
      'decoders/mainlog.ts -> session/parse.ts (decoders -> session)',
      'generator/generate.ts -> core/cursor.ts (generator -> core)',
      'generator/generate.ts -> decoders/mainlog.ts (generator -> decoders)',
      'index.ts -> files/index.ts (index.ts -> files)',
      'index.ts -> generator/generate.ts (index.ts -> generator)',
      'signals/convert/index.ts -> signals/transport/client.ts (signals/convert -> signals/transport)',
    ]);
  });

  test('a cycle fails, a type-only one too, and each is printed', () => {
    const r = check(
      tree({
        ...CLEAN,
        'core/shape.ts': `import type { Cursor } from './cursor';\nexport const x = 1 as unknown as typeof Cursor;`,
        'decoders/a.ts': `import { b } from './b';\nexport const a = b;`,
        'decoders/b.ts': `import { c } from './custom/c';\nexport const b = c;`,
        'decoders/custom/c.ts': `export const c = () => require('../a');`,
        'io/self.ts': `export * from './self';`,
      }),
    );
    expect(r.layers).toEqual([]);
    expect(r.cycles).toEqual([
      'core/cursor.ts -> core/shape.ts -> core/cursor.ts',
      'decoders/a.ts -> decoders/b.ts -> decoders/custom/c.ts -> decoders/a.ts  [component of 3 files: decoders/a.ts, decoders/b.ts, decoders/custom/c.ts]',
      'io/self.ts -> io/self.ts',
    ]);
  });

  test('the parser entry reaching signals, files, cli, generator, undici or worker_threads fails, with the chain', () => {
    const r = check(
      tree({
        ...CLEAN,
        'session/parse.ts': `${CLEAN['session/parse.ts']}\nimport type { conv } from '../signals/convert/index';\nexport const w = () => import('worker_threads');`,
        'core/shape.ts': `export const x = 1;\nexport type D = typeof import('undici');`,
        'io/glob.ts': `import { Worker } from 'node:worker_threads';\nexport const glob = Worker;`,
      }),
    );
    expect(r.reach).toEqual([
      "index.ts -> core/cursor.ts -> core/shape.ts -> 'undici'",
      "index.ts -> session/parse.ts -> 'worker_threads'",
      "index.ts -> session/parse.ts -> io/glob.ts -> 'node:worker_threads'",
      'index.ts -> session/parse.ts -> signals/convert/index.ts  (in signals/)',
    ]);
    // The layer check sees the same breach (session -> signals/convert) and the cycle it closes.
    expect(r.layers).toEqual(['session/parse.ts -> signals/convert/index.ts (session -> signals/convert)']);
    expect(r.cycles).toHaveLength(1);
    // Through a file of an allowed layer that does a forbidden import.
    const viaDecoder = check(tree({ ...CLEAN, 'decoders/mainlog.ts': `export const m = require('../files/index');` }));
    expect(viaDecoder.reach).toEqual(['index.ts -> decoders/custom/index.ts -> decoders/mainlog.ts -> files/index.ts  (in files/)']);
    const viaGenerator = check(tree({ ...CLEAN, 'core/shape.ts': `export * from '../generator/generate';` }));
    expect(viaGenerator.reach).toEqual(['index.ts -> core/cursor.ts -> core/shape.ts -> generator/generate.ts  (in generator/)']);
    const viaCli = check(tree({ ...CLEAN, 'io/glob.ts': `export * from '../cli/main';` }));
    expect(viaCli.reach).toContain('index.ts -> session/parse.ts -> io/glob.ts -> cli/main.ts  (in cli/)');
  });

  test('undici imported outside signals/transport fails (type-only and subpaths too)', () => {
    const r = check(
      tree({
        ...CLEAN,
        'signals/agent/index.ts': `${CLEAN['signals/agent/index.ts']}\nimport type { Dispatcher } from 'undici/types/dispatcher';`,
        'files/index.ts': `export const f = require('undici');`,
        'cli/main.ts': `import 'undici-types';\n${CLEAN['cli/main.ts']}`,
      }),
    );
    expect(r.undici).toEqual(["files/index.ts -> 'undici'", "signals/agent/index.ts -> 'undici/types/dispatcher'"]);
  });
});
