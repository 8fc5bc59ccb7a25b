'use strict';
// The package's entry points: subpath → module under dist/ (without extension). package.json's
// `exports` lists the same (test/entries.test.ts checks that they agree).
const ENTRIES_BY_SUBPATH = {
  '.': 'index',
  './files': 'files/index',
  './jlog': 'jlog/index',
  './signals': 'signals/convert/index',
  './signals/agent': 'signals/agent/index',
};
module.exports = { ENTRIES_BY_SUBPATH, ENTRIES: Object.values(ENTRIES_BY_SUBPATH) };
