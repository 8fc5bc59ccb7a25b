'use strict';
// Writes dist/index.mjs and dist/index.d.mts: the ESM entry re-exports the CommonJS build's named
// exports, so `import` and `require` share one module instance (one loaded addon).
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const names = Object.keys(require(join(dist, 'index.js'))).filter((n) => n !== 'default' && n !== '__esModule');
const js = [
  "import cjs from './index.js';",
  `export const { ${names.join(', ')} } = cjs;`,
  'export default cjs;',
  '',
].join('\n');
writeFileSync(join(dist, 'index.mjs'), js);
writeFileSync(
  join(dist, 'index.d.mts'),
  "export * from './index.js';\nimport * as ecelog from './index.js';\nexport default ecelog;\n",
);
