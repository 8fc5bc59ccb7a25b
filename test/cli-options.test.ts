import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/** Each command owns its options; the CLI loads only the module of the command that runs. */

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ecelog.js');
const SAMPLE = join(ROOT, 'sample', 'mainlog.ec');

function ecelog(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('options belong to their command', () => {
  test('parse --batch-age exits 2, names the option and its command, and shows the usage of parse', () => {
    const r = ecelog(['parse', '--batch-age', '5', SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe("ecelog: parse: Unknown option '--batch-age' (an option of ecelog signals)");
    expect(r.stderr).toContain('Usage: ecelog parse [options] FILE...');
  });

  test.each([
    ['parse', '--privacy'],
    ['parse', '--threads=2'],
    ['stats', '--format=csv'],
    ['follow', '--where=type=delivery'],
    ['generate', '--strict'],
    ['bench', '--log=mainlog'],
    ['signals', '--rotated'],
    ['stats', '--no-such-option'],
  ])('%s %s: exit 2 with the usage of that command', (cmd, option) => {
    const r = ecelog([cmd, option, SAMPLE]);
    const name = option.replace(/=.*/, '');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(new RegExp(`^ecelog: ${cmd}: Unknown option '${name}'`));
    expect(r.stderr).toContain(`Usage: ecelog ${cmd}`);
  });

  test('an option the command owns but given a wrong form is a usage error too', () => {
    const r = ecelog(['parse', '--strict=yes', SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("ecelog: parse: Option '--strict' does not take an argument");
  });

  test('an option before the command is refused, not taken for the command', () => {
    expect(ecelog(['--log', 'mainlog', 'parse', SAMPLE])).toMatchObject({
      code: 2,
      stderr: 'ecelog: unknown --log before a command (see ecelog --help)\n',
    });
  });

  test('--log names a kind, not a name of Object.prototype', () => {
    for (const args of [
      ['parse', '--log', 'constructor', SAMPLE],
      ['stats', '--log', 'toString', SAMPLE],
      ['signals', '--log', 'toString', '--out', join(ROOT, 'no-such-dir'), SAMPLE],
    ]) {
      const r = ecelog(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^ecelog: --log must be auto or one of mainlog, bouncelog/);
    }
  });

  test('--rotate-wait (follow, signals --follow) takes seconds >= 0', () => {
    for (const args of [
      ['follow', '--rotate-wait=-1', SAMPLE],
      ['follow', '--rotate-wait', 'soon', SAMPLE],
      ['signals', '--follow', SAMPLE, '--url', 'http://127.0.0.1:9', '--checkpoint', 'ck', '--spool', 'sp', '--rotate-wait', ''],
    ]) {
      const r = ecelog(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0], args.join(' ')).toBe('ecelog: --rotate-wait must be a number of seconds >= 0');
    }
    expect(ecelog(['help', 'follow']).stdout).toContain(
      '--rotate-wait S   seconds a rotated file is still read for late lines (default 5)',
    );
    expect(ecelog(['help', 'signals']).stdout).toContain(
      '--rotate-wait S       seconds a rotated file is still read for late lines (default 5)',
    );
  });

  test("help COMMAND prints that command's usage", () => {
    expect(ecelog(['help', 'stats'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: ecelog stats/) });
  });
});

describe('what a command loads', () => {
  // The CLI in this process, then what it required: parse needs neither the HTTP client, the
  // Signals code, the generator nor the stats workers.
  const probe = (args: string[]) => {
    const code = `require(${JSON.stringify(join(ROOT, 'dist', 'cli', 'main.js'))}).main(${JSON.stringify(args)}).then((rc) => {
      const loaded = Object.keys(require.cache).map((f) => f.slice(${JSON.stringify(ROOT.length)}));
      process.stderr.write(JSON.stringify({ rc, loaded }));
    });`;
    const r = spawnSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' });
    return JSON.parse(r.stderr.slice(r.stderr.indexOf('{"rc"'))) as { rc: number; loaded: string[] };
  };

  test('parse loads only the parse command, not signals, undici, the generator or the workers', () => {
    const r = probe(['parse', '--log', 'mainlog', SAMPLE]);
    expect(r.rc).toBe(0);
    expect(r.loaded.filter((f) => /node_modules\/undici|dist\/signals|dist\/generator|stats-worker|-command\.js$/.test(f))).toEqual([
      '/dist/cli/parse-command.js',
    ]);
  });

  test('offline signals conversion does not load the agent or its HTTP client', () => {
    const r = probe(['signals', '--help']);
    expect(r.rc).toBe(0);
    expect(r.loaded.filter((f) => /node_modules\/undici|dist\/signals\/agent\/agent\.js/.test(f))).toEqual([]);
  });

  test('ecelog parse works under an address-space limit of 1.5 GB (ulimit -v 1500000)', () => {
    const r = spawnSync('bash', ['-c', `ulimit -v 1500000 && exec "${process.execPath}" "${BIN}" parse --log mainlog "${SAMPLE}"`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(678);
  });
});
