// `npm run lint:package`: packs the package once (without lifecycle scripts: dist/ must already be
// built, as by `npm run build:ts`) and runs publint and @arethetypeswrong/cli (attw) on that
// tarball, so both look at exactly what `npm publish` would upload. Exit code: non-zero when either
// reports anything (publint --strict turns warnings into errors; suggestions are printed and also fail).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const out = mkdtempSync(join(tmpdir(), 'ecelog-lint-'));
let failed = false;
try {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd: root, encoding: 'utf8' }),
  );
  const tarball = join(out, packed[0].filename);
  console.log(`packed ${packed[0].filename}: ${packed[0].entryCount} files, ${packed[0].size} bytes`);

  const publint = spawnSync(bin('publint'), ['run', tarball, '--strict', '--level', 'suggestion'], { cwd: root, encoding: 'utf8' });
  const publintOut = `${publint.stdout}${publint.stderr}`.trim();
  console.log(`\n== publint\n${publintOut}`);
  // publint exits 0 on suggestions; "nothing reported" is the bar, so any suggestion fails too.
  if (publint.status !== 0 || !/All good!/.test(publintOut)) failed = true;

  const attw = spawnSync(bin('attw'), [tarball, '--format', 'table', '--no-emoji', '--no-color', '--no-definitely-typed'], {
    cwd: root,
    encoding: 'utf8',
  });
  console.log(`\n== attw\n${`${attw.stdout}${attw.stderr}`.trim()}`);
  if (attw.status !== 0) failed = true;
} finally {
  rmSync(out, { recursive: true, force: true });
}
console.log(failed ? '\nlint:package: problems reported' : '\nlint:package: publint and attw report nothing');
process.exit(failed ? 1 : 0);
