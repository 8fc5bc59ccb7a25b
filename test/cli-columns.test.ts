import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { PARSE_KINDS, columnPlan, kindFields } from '../src/cli/columns';
import type * as RecordModule from '../src/decoders/record';
import type * as LogFormatModule from '../src/decoders/log-format';
import type { RecordDef } from '../src/decoders/record';
import { ecelog, ROOT } from './fixtures/run-cli';
import { JLOG_FIXTURES } from './fixtures/jlog';
import { SPEC } from './fixtures';

/**
 * CSV/TSV columns are the fields of the kinds being read, known before the first event: the
 * lists in src/cli/columns.ts against the record tables the decoders are built from, then the
 * real CLI's output.
 */

// Every record table (defineRecord) and hand-built event (eventMaker) the decoders define as they load.
const made = vi.hoisted(() => ({ records: [] as RecordDef[], makers: [] as Array<{ log: string; fields: string[] }> }));
vi.mock('../src/decoders/record', async (original) => {
  const mod = await original<typeof RecordModule>();
  return {
    ...mod,
    defineRecord: (def: RecordDef) => {
      made.records.push(def);
      return mod.defineRecord(def);
    },
  };
});
vi.mock('../src/decoders/log-format', async (original) => {
  const mod = await original<typeof LogFormatModule>();
  return {
    ...mod,
    eventMaker: ((type, record, log, order) => {
      made.makers.push({ log, fields: Object.keys(order) });
      return mod.eventMaker(type, record, log, order);
    }) as typeof mod.eventMaker,
  };
});

const dir = mkdtempSync(join(tmpdir(), 'ecelog-columns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the fields of each kind are the decoders’ own', () => {
  test('in the order the record tables first name them', async () => {
    await import('../src/decoders/index');
    for (const kind of PARSE_KINDS) {
      if (kind === 'eventlog') continue; // no table: a JSON record's own fields (its types are checked by tsc)
      const named = new Set<string>();
      for (const def of made.records.filter((d) => d.log === kind))
        for (const name of ['layout', ...def.columns.map((c) => c[0])]) named.add(name);
      for (const m of made.makers.filter((d) => d.log === kind)) for (const name of m.fields) named.add(name);
      expect(kindFields(kind), kind).toEqual([...named]);
    }
  });

  test('the column order of a run: head, each kind’s fields, jlog, malformed', () => {
    expect(columnPlan([{ kind: 'httplog', jlog: false }])).toEqual({
      columns: [
        ...['type', 'record', 'log', 'line', 'offset', 'timestamp', 'timestamp_us'],
        ...['remote_ip', 'remote_port', 'local_ip', 'local_port', 'request', 'method', 'path', 'protocol', 'status'],
        ...['response_bytes', 'duration_ms', 'reason', 'raw', 'invalid_utf8'],
      ],
      open: false,
    });
    const both = columnPlan([
      { kind: 'paniclog', jlog: false },
      { kind: 'adaptive', jlog: true },
    ]);
    expect(both.columns.slice(7)).toEqual([
      ...['end_line', 'module', 'message', 'truncated', 'remote_ip', 'remote_port', 'request', 'method', 'path', 'protocol'],
      ...['status', 'response_bytes', 'duration_ms', 'layout', 'version', 'binding', 'domain', 'level'],
      ...['id', 'jlog_timestamp', 'jlog_timestamp_us', 'from', 'to', 'segment', 'reason', 'raw', 'invalid_utf8'],
    ]);
    expect(columnPlan([{ kind: 'eventlog', jlog: false }]).open).toBe(true);
  });

  test('docs/cli.md lists them', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
    for (const kind of PARSE_KINDS) expect(doc).toContain(`| ${kind} | ${kindFields(kind).join(', ')} |`);
  });
});

const HEAD = 'type,record,log,line,offset,timestamp,timestamp_us';
const MAINLOG =
  'layout,message_id,batch_id,connection_id,rcpt_localpart,rcpt_domain,mailfrom_localpart,mailfrom_domain,remote_ip,size,' +
  'protocol,binding_group,binding,domain,retries,queue_time,bytes_transferred,stage,response';
const BOUNCELOG =
  'layout,message_id,batch_id,connection_id,rcpt_localpart,rcpt_domain,mailfrom_localpart,mailfrom_domain,binding_group,' +
  'binding,stage,bounce_class,bounce_class_name,bounce_category,size,remote_ip,response,out_of_band';
const TAIL = 'reason,raw,invalid_utf8';

/** A row of these columns (a comma-separated header) holding `cells` by column, the others empty. */
function row(header: string, cells: Record<string, string | number>, sep = ','): string {
  const columns = header.split(',');
  for (const c of Object.keys(cells)) expect(columns).toContain(c);
  return columns.map((c) => String(cells[c] ?? '')).join(sep);
}

describe('ecelog parse --format csv/tsv: the columns of the kinds read', () => {
  // 1001 deliveries, a malformed line, then (another file) a bounce: past the first 1000 events.
  const mainlog = join(dir, 'mainlog.ec');
  const bouncelog = join(dir, 'bouncelog.ec');
  writeFileSync(mainlog, `${`${SPEC.mainlogD}\n`.repeat(1001)}1064871280@junk@line\n`);
  writeFileSync(bouncelog, `${SPEC.bouncelogB}\n`);
  const ids = { batch_id: '00/00-03736-F4101B54', connection_id: '00/00-04532-A3456B54' };

  test('a later kind keeps its fields, a malformed line its reason and raw (CSV)', () => {
    const r = ecelog(['parse', '--format', 'csv', mainlog, bouncelog]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`ecelog: ${mainlog}: mainlog\necelog: ${bouncelog}: bouncelog\n`);
    const header = `${HEAD},${MAINLOG},bounce_class,bounce_class_name,bounce_category,out_of_band,${TAIL}`;
    const d = SPEC.mainlogD.length + 1;
    const delivery = (n: number) =>
      row(header, {
        ...{ type: 'delivery', record: 'D', log: 'mainlog', line: n, offset: (n - 1) * d, timestamp: 1064871280 },
        ...{ timestamp_us: 1064871280000000, layout: 4, message_id: '20/00-25593-945A87F3', ...ids, domain: 'postalengine.com' },
        ...{ size: 266, binding_group: 'group-a', binding: 'binding-a', retries: 0, queue_time: 0.393, remote_ip: '10.0.0.1' },
      });
    const rows = [
      header,
      ...Array.from({ length: 1001 }, (_, i) => delivery(i + 1)),
      row(header, {
        ...{ type: 'malformed', log: 'mainlog', line: 1002, offset: 1001 * d, raw: '1064871280@junk@line' },
        reason: 'no mainlog record type in field 4 (3.x/4.x layout) or field 2 (2.x layouts)',
      }),
      row(header, {
        ...{ type: 'bounce', record: 'B', log: 'bouncelog', line: 1, offset: 0, timestamp: 1064868656, timestamp_us: 1064868656000000 },
        ...{ layout: 4, message_id: '91/6D-07914-E67BC044', ...ids, rcpt_localpart: 'johndoe', rcpt_domain: 'example.fict' },
        ...{ mailfrom_localpart: 'info', mailfrom_domain: 'postalengine.com', binding_group: 'group-a', binding: 'binding-a' },
        ...{ stage: 21, bounce_class: 24, bounce_class_name: 'Timeout', bounce_category: 'Soft', size: 1223, remote_ip: '10.0.0.1' },
        ...{ response: '554 5.4.7 [internal] exceeded max time without delivery', out_of_band: 'true' },
      }),
      '',
    ];
    expect(r.stdout).toBe(rows.join('\n'));
  });

  test('the order follows the FILEs, never the data (TSV, bouncelog first)', () => {
    const r = ecelog(['parse', '--format', 'tsv', '--type', 'bounce', bouncelog, mainlog]);
    expect(r.code).toBe(0);
    const header = `${HEAD},${BOUNCELOG},protocol,domain,retries,queue_time,bytes_transferred,${TAIL}`;
    expect(r.stdout.split('\n')[0]).toBe(header.replace(/,/g, '\t'));
    expect(r.stdout.split('\n').length).toBe(3);
  });

  test('with --log: that kind’s columns, whatever the lines are', () => {
    const r = ecelog(['parse', '--log', 'bouncelog', '--format', 'tsv', '-'], 'junk\n1717221600@@@@M\n');
    const header = `${HEAD},${BOUNCELOG},${TAIL}`;
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        header.replace(/,/g, '\t'),
        row(
          header,
          { type: 'malformed', log: 'bouncelog', line: 1, offset: 0, reason: 'bad timestamp "junk": is not a number', raw: 'junk' },
          '\t',
        ),
        row(
          header,
          {
            type: 'heartbeat',
            record: 'M',
            log: 'bouncelog',
            line: 2,
            offset: 5,
            timestamp: 1717221600,
            timestamp_us: 1717221600000000,
            layout: 4,
          },
          '\t',
        ),
        '',
      ].join('\n'),
    });
  });

  test('eventlog: its declared fields, then the others of the first 1000 events; later ones are left out', () => {
    const file = join(dir, 'eventlog.json');
    const record = (fields: object) =>
      JSON.stringify({ msys: { message_event: { type: 'delivery', timestamp: '1717221603', ...fields } } });
    writeFileSync(
      file,
      [record({ custom_x: 'a', routing_domain: 'x.com' }), ...Array(999).fill(record({})), record({ late_y: 'b' }), ''].join('\n'),
    );
    const r = ecelog(['parse', '--log', 'eventlog', '--format', 'csv', file]);
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    const declared = kindFields('eventlog').join(',');
    expect(out[0]).toBe(`${HEAD},${declared},${TAIL},custom_x`);
    const empty = (n: number) => ','.repeat(n);
    const routing = kindFields('eventlog').indexOf('routing_domain');
    const fields = kindFields('eventlog').length;
    expect(out[1]).toBe(
      `delivery,,eventlog,1,0,1717221603,1717221603000000,message_event${empty(routing)}x.com${empty(fields - routing - 1)}${empty(3)},a`,
    );
    expect(out.length).toBe(1003);
    expect(out[1001]).not.toContain('b');
  });

  test('a jlog directory adds its coordinates and notes', () => {
    const r = ecelog(['parse', '--format', 'csv', '--limit', '1', join(JLOG_FIXTURES, 'mainlog-jlog')]);
    expect(r.code).toBe(0);
    const [header, row, end] = r.stdout.split('\n');
    expect(header).toBe(`${HEAD},${MAINLOG},id,jlog_timestamp,jlog_timestamp_us,from,to,segment,${TAIL}`);
    expect(row!.split(',').length).toBe(header!.split(',').length);
    expect(end).toBe('');
  });

  test('--help says so', () => {
    const help = ecelog(['parse', '--help']).stdout;
    expect(help).toContain(`CSV/TSV columns without --fields, known before the first line is read (each file's kind is
detected first): type, record, log, line, offset, timestamp, timestamp_us; then the fields
of each kind read (kinds in the order of the FILEs, each field where it first appears, in
the order the kind's records lay them out); for a jlog directory id, jlog_timestamp,
jlog_timestamp_us, from, to, segment; last reason, raw, invalid_utf8 (malformed lines).
An eventlog record may carry fields no kind declares: those of the first 1000 events
follow, in the order first seen; one first met later is left out (name it in --fields).`);
  });
});
