#!/usr/bin/env node
'use strict';
// A closed pipe (`ecelog parse … | head`) ends the output, quietly: not an error. Any other write
// error (a full disk: ENOSPC) is one line on stderr and exit code 2, as for any I/O error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  try {
    process.stderr.write(`ecelog: cannot write to standard output: ${err.message}\n`);
  } finally {
    process.exit(2);
  }
});
// A stderr whose reader is gone: the messages are lost, but the command goes on as it would.
process.stderr.on('error', () => {});
require('../dist/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
