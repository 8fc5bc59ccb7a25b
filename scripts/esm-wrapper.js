'use strict';
// Writes an ESM wrapper (.mjs) and its types (.d.mts) beside each CommonJS entry in dist/: the
// wrapper re-exports the CommonJS build's named exports, so `import` and `require` share one
// module instance (one loaded addon, one set of classes for instanceof).
const { writeFileSync } = require('node:fs');
const { basename, join } = require('node:path');
const { ENTRIES } = require('./entries');

const dist = join(__dirname, '..', 'dist');
for (const entry of ENTRIES) {
  const cjs = join(dist, `${entry}.js`);
  const names = Object.keys(require(cjs)).filter((n) => n !== 'default' && n !== '__esModule');
  const base = `./${basename(entry)}.js`;
  const js = [`import cjs from '${base}';`, `export const { ${names.join(', ')} } = cjs;`, 'export default cjs;', ''];
  writeFileSync(join(dist, `${entry}.mjs`), js.join('\n'));
  const types = [`export * from '${base}';`, `import * as entry from '${base}';`, 'export default entry;', ''];
  writeFileSync(join(dist, `${entry}.d.mts`), types.join('\n'));
}
