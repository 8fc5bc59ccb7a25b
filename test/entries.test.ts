import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ENTRIES_BY_SUBPATH } = require('../scripts/entries.js') as { ENTRIES_BY_SUBPATH: Record<string, string> };
const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  typesVersions: Record<string, Record<string, string[]>>;
};

test('package.json exports each entry of scripts/entries.js as CJS, ESM and types, and nothing else', () => {
  const expected: Record<string, unknown> = { './package.json': './package.json' };
  for (const [subpath, module] of Object.entries(ENTRIES_BY_SUBPATH)) {
    expected[subpath] = {
      import: { types: `./dist/${module}.d.mts`, default: `./dist/${module}.mjs` },
      require: { types: `./dist/${module}.d.ts`, default: `./dist/${module}.js` },
    };
  }
  expect(pkg.exports).toEqual(expected);
});

test('typesVersions gives node10 resolution the types of every subpath entry', () => {
  const expected: Record<string, string[]> = {};
  for (const [subpath, module] of Object.entries(ENTRIES_BY_SUBPATH)) {
    if (subpath !== '.') expected[subpath.slice(2)] = [`./dist/${module}.d.ts`];
  }
  expect(pkg.typesVersions).toEqual({ '*': expected });
});
