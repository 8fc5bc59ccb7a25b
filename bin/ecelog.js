#!/usr/bin/env node
'use strict';
// A closed pipe (`ecelog parse … | head`) ends the output, quietly: not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
require('../dist/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
