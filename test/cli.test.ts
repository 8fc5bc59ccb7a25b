import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse, scanners } from '../src/index';
import { safeText } from '../src/core/safe-text';
import { SPEC } from './fixtures';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ecelog.js');
const dir = mkdtempSync(join(tmpdir(), 'ecelog-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ecelog(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ecelog CLI', () => {
  test('parse writes exactly the library events as NDJSON; the log kind is detected and reported', () => {
    const r = ecelog(['parse', 'sample/mainlog.ec']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('ecelog: sample/mainlog.ec: mainlog\n');
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const expected = [...parse(readFileSync(join(ROOT, 'sample/mainlog.ec')), { log: 'mainlog' })];
    expect(lines).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  test('parse reads stdin with --log', () => {
    const r = ecelog(['parse', '--log', 'bouncelog', '-'], `${SPEC.bouncelogB}\n`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'bounce', out_of_band: true, bounce_class_name: 'Timeout' });
  });

  test('stats counts by type and by domain', () => {
    const file = join(dir, 'mainlog.ec');
    writeFileSync(file, [SPEC.mainlogR, SPEC.mainlogD, SPEC.mainlogT, SPEC.mainlogP, SPEC.heartbeatM, 'junk', ''].join('\n'));
    const r = ecelog(['stats', '--log', 'mainlog', '--json', file]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.by_type).toEqual({
      reception: 1,
      delivery: 1,
      transient_failure: 1,
      permanent_failure: 1,
      heartbeat: 1,
      malformed: 1,
    });
    expect(report.domains).toEqual(
      [
        {
          domain: 'postalengine.com',
          total: 2,
          reception: 0,
          delivery: 1,
          transfer: 0,
          transient_failure: 0,
          permanent_failure: 1,
          bounce: 0,
        },
        { domain: 'example.fict', total: 2, reception: 1, delivery: 0, transfer: 0, transient_failure: 1, permanent_failure: 0, bounce: 0 },
      ].sort((a, b) => (a.domain < b.domain ? -1 : 1)),
    );
    const human = ecelog(['stats', '--log', 'mainlog', file]);
    expect(human.stdout).toMatch(/^6 events \(mainlog 6\)/);
    expect(human.stdout).toMatch(/malformed\s+1/);
  });

  test('--strict exits 1 on a malformed line with one clear line on stderr', () => {
    const file = join(dir, 'bad-mainlog.ec');
    writeFileSync(file, `${SPEC.mainlogR}\nbroken\n`);
    const r = ecelog(['parse', '--log', 'mainlog', '--strict', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('ecelog: mainlog line 2 (byte 150): bad timestamp "broken": is not a number\n');
  });

  test('usage and I/O errors exit 2 with one line, no stack trace', () => {
    expect(ecelog(['frobnicate', 'x'])).toMatchObject({ code: 2, stderr: 'ecelog: unknown command "frobnicate" (see ecelog --help)\n' });
    const missing = ecelog(['parse', join(dir, 'nope-mainlog.ec')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^ecelog: ENOENT: no such file or directory, open '.*nope-mainlog\.ec'\n$/);
    const readme = ecelog(['parse', 'README.md']);
    expect(readme.code).toBe(2);
    expect(readme.stderr).toMatch(/^ecelog: README\.md: cannot detect the log kind: /);
    const stdin = ecelog(['parse', '-'], 'x');
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toMatch(/^ecelog: standard input: cannot detect the log kind: no candidate \(mainlog, .*\) fits the first line\n/);
    expect(ecelog(['parse', '--log', 'nosuch', 'x'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--log must be auto or one of mainlog, bouncelog'),
    });
    expect(ecelog([]).code).toBe(2);
  });

  test('--help and --version', () => {
    expect(ecelog(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: ecelog') });
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(ecelog(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  test('human output escapes terminal control characters from log text', () => {
    expect(safeText('a\x1b[2Jb\x07\\c\u009bd')).toBe('a\\x1b[2Jb\\x07\\\\c\\x9bd');
    const file = join(dir, 'evil-mainlog.ec');
    writeFileSync(file, `${SPEC.mainlogD.replace('postalengine.com', 'evil\x1b]0;pwned\x07.com')}\n`);
    const r = ecelog(['stats', file]);
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout).toContain('evil\\x1b]0;pwned\\x07.com');
  });
});

describe('ecelog CLI: formats, filters and the other commands', () => {
  const file = join(dir, 'fmt-mainlog.ec');
  const evil = SPEC.mainlogP.replace('552 No such account', '=HYPERLINK("http://x","y") @SUM(1) \t tab');
  writeFileSync(file, [SPEC.mainlogR, SPEC.mainlogD, SPEC.mainlogT, evil, SPEC.heartbeatM1, ''].join('\n'));

  test('--format csv: a header, quoted cells, formula prefixes neutralised', () => {
    const r = ecelog(['parse', '--log', 'mainlog', '--format', 'csv', '--fields', 'type,domain,queue_time,response', file]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'type,domain,queue_time,response',
      'reception,,,',
      'delivery,postalengine.com,0.393,',
      'transient_failure,example.fict,18.53,421 no adequate servers',
      `permanent_failure,postalengine.com,3.89,"'=HYPERLINK(""http://x"",""y"") @SUM(1) \t tab"`,
      'heartbeat,,,',
      '',
    ]);
  });

  test('--format tsv escapes tabs; json is an array; --type, --since/--until and --where filter', () => {
    const tsv = ecelog([
      'parse',
      '--log',
      'mainlog',
      '--format',
      'tsv',
      '--fields',
      'record,response',
      '--type',
      'permanent_failure',
      file,
    ]);
    expect(tsv.stdout).toBe(`record\tresponse\nP\t'=HYPERLINK("http://x","y") @SUM(1) \\t tab\n`);
    const json = ecelog(['parse', '--log', 'mainlog', '--format', 'json', '--type', 'delivery,reception', file]);
    expect(JSON.parse(json.stdout).map((e: { type: string }) => e.type)).toEqual(['reception', 'delivery']);
    const timed = ecelog([
      'parse',
      '--log',
      'mainlog',
      '--fields',
      'timestamp',
      '--since',
      '1064869000',
      '--until',
      '2003-09-29T21:30:00Z',
      file,
    ]);
    expect(
      timed.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).timestamp),
    ).toEqual([1064869327, 1064870847]);
    const where = ecelog(['parse', '--log', 'mainlog', '--fields', 'domain', '--where', 'domain=postal*', '--where', 'size=266', file]);
    expect(where.stdout).toBe('{"domain":"postalengine.com"}\n');
    expect(ecelog(['parse', '--where', 'nofield', file])).toMatchObject({
      code: 2,
      stderr:
        'ecelog: --where "nofield": expected FIELD=VALUE (* and ? globs), FIELD!=VALUE, FIELD<N, <=, >, >= or FIELD~REGEX, FIELD!~REGEX\n',
    });
    expect(ecelog(['parse', '--since', 'yesterday-ish', file]).code).toBe(2);
  });

  test('stats --json: bindings, bounce classes, delivery rate, queue-time percentiles, masked failure responses', () => {
    const r = ecelog(['stats', '--json', 'sample/mainlog.ec', 'sample/bouncelog.ec']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(report.by_type)).toBe(report.events);
    expect(report.delivery_rate).toBeCloseTo(report.by_type.delivery / (report.by_type.delivery + report.by_type.permanent_failure), 10);
    expect(report.queue_time.count).toBe(report.by_type.delivery);
    expect(report.queue_time.p50).toBeLessThanOrEqual(report.queue_time.p90);
    expect(report.bounce_classes[0]).toEqual({ class: 10, name: 'Invalid Recipient', category: 'Hard', count: expect.any(Number) });
    expect(report.failure_responses.every((f: { name: string }) => !/\d+\.\d+\.\d+\.\d+|\w@\w/.test(f.name))).toBe(true);
    expect(report.bindings.length).toBeGreaterThan(0);
  });

  test('generate writes deterministic lines that parse without a malformed one', () => {
    const a = ecelog(['generate', '--messages', '20']);
    expect(a.code).toBe(0);
    expect(ecelog(['generate', '--messages', '20']).stdout).toBe(a.stdout);
    const events = [...parse(Buffer.from(a.stdout), { log: 'mainlog' })];
    expect(events.filter((e) => e.type === 'reception')).toHaveLength(20);
    expect(events.filter((e) => e.type === 'malformed')).toEqual([]);
  });

  test('every command has --help', () => {
    for (const c of ['parse', 'stats', 'follow', 'generate']) {
      expect(ecelog([c, '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining(`Usage: ecelog ${c}`) });
    }
  });

  test('follow writes NDJSON with ids and stores its checkpoint; a restart goes on after it', async () => {
    const live = join(dir, 'live-mainlog.ec');
    const ck = join(dir, 'live.ckpt');
    writeFileSync(live, `${SPEC.mainlogR}\n${SPEC.mainlogD}\n`);
    const run = async (expectLines: number) => {
      const child = spawn(process.execPath, [BIN, 'follow', '--log', 'mainlog', '--from', 'start', '--checkpoint', ck, live], {
        cwd: ROOT,
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      for (let i = 0; i < 200 && out.split('\n').length <= expectLines; i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300)); // let the commit land
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      return out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    };
    const first = await run(2);
    expect(first.map((e) => [e.type, typeof e.id])).toEqual([
      ['reception', 'string'],
      ['delivery', 'string'],
    ]);
    appendFileSync(live, `${SPEC.mainlogT}\n`);
    const second = await run(1);
    expect(second.map((e) => e.type)).toEqual(['transient_failure']);
  });
});

describe('ecelog bench and progress', () => {
  test('bench on a file: every backend against readline + split, as a table', () => {
    const r = ecelog(['bench', 'sample/mainlog.ec']);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^(readline|scan|full events)/.test(l));
    const backends = scanners.native ? ['native', 'js'] : ['js'];
    expect(
      rows.map((l) =>
        l
          .split(/\s{2,}/)
          .slice(0, 2)
          .join('|'),
      ),
    ).toEqual(["readline + split('@')|-", ...backends.map((b) => `scan (offsets)|${b}`), ...backends.map((b) => `full events|${b}`)]);
    expect(rows[0]).toMatch(/1\.00x$/);
  });

  test('no progress bar when stderr is not a terminal', () => {
    const r = ecelog(['stats', 'sample/mainlog.ec']);
    expect(r.stderr).toBe('ecelog: sample/mainlog.ec: mainlog\n');
  });
});

describe('ecelog stats on several cores', () => {
  test('a large plain file split over worker threads gives the report of one thread', () => {
    const big = join(dir, 'big-mainlog.ec');
    const sample = readFileSync(join(ROOT, 'sample', 'mainlog.ec'));
    writeFileSync(big, Buffer.concat(Array.from({ length: 720 }, () => sample))); // ~69 MB: above the split threshold
    const one = JSON.parse(ecelog(['stats', '--json', '--threads', '1', big]).stdout);
    const split = ecelog(['stats', '--json', '--threads', '2', big]);
    expect(split.stderr).toBe(`ecelog: ${big}: mainlog\necelog: ${big}: split over 2 worker threads\n`);
    const two = JSON.parse(split.stdout);
    expect(one.events).toBe(sample.toString('latin1').split('\n').length * 720 - 720);
    // Queue-time percentiles too: the workers' sketches merge exactly.
    expect(two).toEqual(one);
  });
});

describe('ecelog parse --rotated', () => {
  test('a rotated set is read oldest first, compressed generations included', () => {
    const rot = join(dir, 'rot');
    mkdirSync(rot);
    const live = join(rot, 'mainlog.ec');
    writeFileSync(`${live}.2`, `${SPEC.mainlogR}\n`);
    writeFileSync(`${live}.1`, `${SPEC.mainlogD}\n`);
    writeFileSync(live, `${SPEC.mainlogP}\n`);
    execFileSync('bzip2', [`${live}.2`]);
    const r = ecelog(['parse', '--rotated', '--log', 'mainlog', '--fields', 'type', live]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"type":"reception"}\n{"type":"delivery"}\n{"type":"permanent_failure"}\n');
  });
});

describe('ecelog CLI: crafted log text cannot drive a terminal or a spreadsheet', () => {
  // Any C0 control but the line feed, DEL, or a C1 control (U+0080..U+009F, e.g. CSI U+009B).
  // eslint-disable-next-line no-control-regex
  const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

  test('stats, detection notes and --strict errors: C0, C1 and DEL escaped everywhere', () => {
    const evil = join(dir, 'evil\x1b[2J\u009b31mname-mainlog.ec');
    const r = SPEC.mainlogR.replace('@default@default', '@grp\u009b2Jx@bind\x1b[31mred\x7f');
    const d = SPEC.mainlogD.replace('postalengine.com', 'x\u009d0;title\u009c.com');
    const p = SPEC.mainlogP.replace('552 No such account', '552 \x1b]8;;http://evil/\x07click\x1b]8;;\x07 \x1bP+q\x1b\\');
    writeFileSync(evil, [r, d, p, ''].join('\n'));
    const stats = ecelog(['stats', evil]);
    expect(stats.code).toBe(0);
    expect(stats.stdout).not.toMatch(CONTROL);
    expect(stats.stderr).not.toMatch(CONTROL);
    expect(stats.stderr).toContain('evil\\x1b[2J\\x9b31mname-mainlog.ec: mainlog');
    expect(stats.stdout).toMatch(/^grp\\x9b2Jx +1$/m);
    expect(stats.stdout).toMatch(/^bind\\x1b\[31mred\\x7f +1$/m);
    expect(stats.stdout).toContain('x\\x9d0;title\\x9c.com');
    expect(stats.stdout).toContain('552 \\x1b]8;;http://evil/\\x07click\\x1b]8;;\\x07 \\x1bP+q\\x1b\\\\');

    // A malformed line under --strict: its reason quotes log text (a C1 CSI here) on stderr.
    const bad = join(dir, 'evil-strict.ec');
    writeFileSync(bad, `\u009b2J\u009b31m@x\n`);
    const strict = ecelog(['parse', '--log', 'mainlog', '--strict', bad]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('ecelog: mainlog line 1 (byte 0): bad timestamp "\\x9b2J\\x9b31m": is not a number\n');
  });

  test('CSV and TSV: every formula prefix (= + - @ tab CR) neutralised in every text column', () => {
    const file = join(dir, 'formula-mainlog.ec');
    const r = SPEC.mainlogR
      .replace('@R@bob@example.fict@info@postalengine.com@', "@R@+cmd|' /C calc'!A0@=evil.fict@-2+3@\tx.com@")
      .replace('@default@default', '@\r=1+1@-1');
    const p = SPEC.mainlogP.replace('552 No such account', '@SUM(1+1)*cmd|" /C calc"!A0, "x"');
    writeFileSync(file, [r, p, ''].join('\n'));
    const fields = 'rcpt_localpart,rcpt_domain,mailfrom_localpart,mailfrom_domain,binding_group,binding,size,response';
    const csv = ecelog(['parse', '--log', 'mainlog', '--format', 'csv', '--fields', fields, file]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(
      [
        fields,
        `'+cmd|' /C calc'!A0,'=evil.fict,'-2+3,'\tx.com,"'\r=1+1",'-1,201,`,
        `,,,,group-a,binding-a,,"'@SUM(1+1)*cmd|"" /C calc""!A0, ""x"""`,
        '',
      ].join('\n'),
    );
    const tsv = ecelog(['parse', '--log', 'mainlog', '--format', 'tsv', '--fields', fields, file]);
    expect(tsv.code).toBe(0);
    expect(tsv.stdout).toBe(
      [
        fields.replace(/,/g, '\t'),
        `'+cmd|' /C calc'!A0\t'=evil.fict\t'-2+3\t'\\tx.com\t'\\r=1+1\t'-1\t201\t`,
        `\t\t\t\tgroup-a\tbinding-a\t\t'@SUM(1+1)*cmd|" /C calc"!A0, "x"`,
        '',
      ].join('\n'),
    );
    // Every cell of both, once unquoted, starts with a byte a spreadsheet does not evaluate.
    for (const line of tsv.stdout.split('\n').slice(1)) {
      for (const cell of line.split('\t')) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});

describe('CLI bounds and pipes', () => {
  test('stats maps are bounded: long keys are cut, new keys past the limit count as (other)', async () => {
    const { Stats, MAX_KEYS, MAX_KEY_LENGTH, OTHER } = await import('../src/cli/stats');
    const s = new Stats();
    const [d] = [...parse(Buffer.from(SPEC.mainlogD), { log: 'mainlog' })];
    if (d?.type !== 'delivery') throw new Error('fixture');
    for (let i = 0; i < MAX_KEYS + 5; i++) s.add({ ...d, domain: `d${i}.example`, binding: 'x'.repeat(1000) });
    const r = s.report();
    expect(r.domains[0]).toMatchObject({ domain: OTHER, delivery: 5 });
    expect(r.bindings).toEqual([{ name: `${'x'.repeat(MAX_KEY_LENGTH)}…`, count: MAX_KEYS + 5 }]);
  });

  test('C1 controls and DEL in NDJSON are escaped; a closed pipe ends quietly (no stack trace)', () => {
    const file = join(dir, 'c1-mainlog.ec');
    writeFileSync(file, `${SPEC.mainlogP.replace('552 No such account', '552 \u009b2J\u007f')}\n`);
    const r = ecelog(['parse', '--log', 'mainlog', '--fields', 'response', file]);
    expect(r.stdout).toBe('{"response":"552 \\u009b2J\\u007f"}\n');
    const piped = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${BIN}" parse sample/mainlog.ec | head -c 10 > /dev/null; echo "\${PIPESTATUS[0]}"`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(piped.stdout).toBe('0\n');
    expect(piped.stderr).toBe('ecelog: sample/mainlog.ec: mainlog\n');
  });
});
