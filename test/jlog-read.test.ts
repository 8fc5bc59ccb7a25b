import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse } from '../src/index';
import { followJlog, parseJlog, parseJlogBatches, readMetastore, readSubscriber, type JlogMessage } from '../src/jlog/index';
import { BACKENDS } from './backends';
import { FIXTURE_NAMES, JLOG_FIXTURES, bigEndianCopy, copyFixture, expectedPayloads, refJlog, snapshot } from './fixtures/jlog';

const BIN = join(__dirname, '..', 'bin', 'ecelog.js');
const ecelog = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'buffer' });

async function rawPayloads(dir: string, opts: Parameters<typeof parseJlog>[1] = {}): Promise<JlogMessage[]> {
  const out: JlogMessage[] = [];
  for await (const m of parseJlog(dir, { ...opts, log: 'raw' })) out.push(m);
  return out;
}

describe('jlog fixtures written by the reference library', () => {
  test.each(FIXTURE_NAMES)('%s: the payloads the reference reader returns, in order', async (name) => {
    const got = await rawPayloads(join(JLOG_FIXTURES, name), { identity: 'x' });
    expect(got.map((m) => m.payload.toString('utf8'))).toEqual(expectedPayloads(name));
    // ids are the jlog's own (segment, marker), in order; header times grow by 1 ms from .500000
    // (mainlog-jlog: whole seconds)
    const ids = got.map((m) => m.id);
    expect(ids[0]).toBe('x:00000000:00000001');
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    if (name !== 'mainlog-jlog') {
      expect(got[0]!.timestamp_us).toBe(1717221600_500000);
      expect(got[1]!.timestamp_us - got[0]!.timestamp_us).toBe(1000);
      expect(got[0]!.timestamp).toBe(1717221600);
    }
  });

  test.each(FIXTURE_NAMES)('%s: `ecelog jlog cat` prints the same payloads, one a line', (name) => {
    const r = ecelog(['jlog', 'cat', join(JLOG_FIXTURES, name)]);
    expect(r.status).toBe(0);
    expect(r.stdout.toString('utf8')).toBe(
      expectedPayloads(name)
        .map((p) => p + '\n')
        .join(''),
    );
  });

  test.each(FIXTURE_NAMES)('%s, converted to big-endian: the same payloads and subscriber positions', async (name) => {
    const dir = bigEndianCopy(join(JLOG_FIXTURES, name));
    const meta = await readMetastore(dir);
    expect(meta.littleEndian).toBe(false);
    expect(meta).toEqual({ ...(await readMetastore(join(JLOG_FIXTURES, name))), littleEndian: false });
    expect((await rawPayloads(dir)).map((m) => m.payload.toString('utf8'))).toEqual(expectedPayloads(name));
    expect(await readSubscriber(dir, 'ecelog', meta).catch(() => null)).toEqual(
      await readSubscriber(join(JLOG_FIXTURES, name), 'ecelog', await readMetastore(join(JLOG_FIXTURES, name))).catch(() => null),
    );
  });

  test('the metastores: 2.x, legacy 12-byte, LZ4', async () => {
    expect(await readMetastore(join(JLOG_FIXTURES, 'eventlog-legacy'))).toMatchObject({
      legacy: true,
      magic: 0,
      littleEndian: true,
      storageLog: 11,
    });
    expect(await readMetastore(join(JLOG_FIXTURES, 'eventlog-2x'))).toMatchObject({ legacy: false, magic: 0x663a7318, storageLog: 27 });
    expect(await readMetastore(join(JLOG_FIXTURES, 'eventlog-lz4'))).toMatchObject({ magic: 0x15106a01 });
  });

  test('a subscriber position is read, not moved: ecelog at 00000006:00000003 has read 37 messages', async () => {
    const dir = join(JLOG_FIXTURES, 'eventlog-2x');
    const got = await rawPayloads(dir, { subscriber: 'ecelog' });
    expect(got.map((m) => m.payload.toString())).toEqual(expectedPayloads('eventlog-2x').slice(37));
    expect(got[0]!.segment).toBe(6);
    expect(got[0]!.marker).toBe(4);
  });

  test('reading and following the legacy jlog changes no byte of it (no .idx, no metastore rewrite)', async () => {
    const dir = copyFixture('eventlog-legacy');
    const before = snapshot(dir);
    expect((await rawPayloads(dir)).length).toBe(60);
    const ac = new AbortController();
    let n = 0;
    for await (const b of followJlog(dir, { log: 'raw', from: 'begin', signal: ac.signal, pollInterval: 10 })) {
      n += b.events.length;
      await b.commit();
      if (n === 60) ac.abort();
    }
    expect(n).toBe(60);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe.each(BACKENDS)('jlog messages decoded as log lines, %s backend', (backend) => {
  test.each(FIXTURE_NAMES)(
    '%s: the events parse() gives for the same lines, with the jlog coordinates; the CLI prints them',
    async (name) => {
      const dir = join(JLOG_FIXTURES, name);
      const log = name === 'mainlog-jlog' ? 'mainlog' : 'eventlog';
      const lines = expectedPayloads(name);
      const plain = [...parse(Buffer.from(lines.join('\n') + '\n'), { log, backend })];
      expect(plain.length).toBeGreaterThanOrEqual(lines.length);
      expect(plain.filter((e) => e.type === 'malformed')).toEqual([]);
      const events = [];
      for await (const ev of parseJlog(dir, { log, backend, identity: 'n1' })) events.push(ev);
      expect(events.length).toBe(plain.length);
      const raw = await rawPayloads(dir, { identity: 'n1' });
      events.forEach((ev, i) => {
        const { id, jlog_timestamp, jlog_timestamp_us, line, offset, ...rest } = ev as unknown as Record<string, unknown>;
        const { line: _l, offset: _o, ...want } = plain[i] as unknown as Record<string, unknown>;
        expect(rest).toEqual(want);
        expect(id).toBe(raw[i]!.id);
        expect(jlog_timestamp_us).toBe(raw[i]!.timestamp_us);
        expect(jlog_timestamp).toBe(raw[i]!.timestamp);
        expect(line).toBe(raw[i]!.marker);
        expect(typeof offset).toBe('number');
      });
      // the CLI: the same events (ids carry this host's identity there)
      const r = ecelog(['parse', dir]);
      expect(r.status).toBe(0);
      expect(r.stderr.toString()).toBe(`ecelog: ${dir}: ${log}\n`);
      const cli = r.stdout
        .toString()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(cli.map(({ id, ...e }) => [String(id).slice(String(id).indexOf(':')), e])).toEqual(
        (events as unknown as Array<Record<string, unknown>>).map(({ id, ...e }) => [
          String(id).slice(String(id).indexOf(':')),
          JSON.parse(JSON.stringify(e)),
        ]),
      );
    },
  );

  test('auto detection names the kind of the messages; the CLI parses a jlog directory like a file', async () => {
    const dir = join(JLOG_FIXTURES, 'mainlog-jlog');
    const detected: string[] = [];
    let n = 0;
    for await (const b of parseJlogBatches(dir, { backend, onDetect: (d) => detected.push(d.log) })) n += b.length;
    expect(detected).toEqual(['mainlog']);
    expect(n).toBe(200);
    const r = ecelog(['parse', dir]);
    expect(r.status).toBe(0);
    expect(r.stderr.toString()).toContain('mainlog');
    const cli = r.stdout
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(cli.map((e) => e.type)).toEqual(
      expectedPayloads('mainlog-jlog').map(
        (l) => ({ R: 'reception', D: 'delivery', T: 'transient_failure', P: 'permanent_failure' })[l.split('@')[4]!],
      ),
    );
  });

  test('an empty payload and one ending in a newline: a malformed empty line, and the line without its newline', async () => {
    const dir = refJlog(['', '1571877606@@@@M1\n', '1571877606@@@@M']);
    const evs = [];
    for await (const ev of parseJlog(dir, { log: 'mainlog', backend, identity: 'i' })) evs.push(ev);
    expect(evs.map((e) => [e.type, (e as { id: string }).id])).toEqual([
      ['malformed', 'i:00000000:00000001'],
      ['heartbeat', 'i:00000000:00000002'],
      ['heartbeat', 'i:00000000:00000003'],
    ]);
    expect((evs[0] as { reason: string }).reason).toBe('empty line');
  });
});

describe('the partial tail of the segment being written', () => {
  test('a record cut in its first half is not returned; once complete it is, exactly once', async () => {
    const msgs = Array.from({ length: 20 }, (_, i) => `message ${i} ${'x'.repeat(i * 7)}`);
    const whole = refJlog(msgs);
    const seg = join(whole, '00000000');
    const bytes = readFileSync(seg);
    const cut = bytes.length - 40; // inside the last record (16-byte header + 159 bytes)
    truncateSync(seg, cut);
    expect((await rawPayloads(whole)).map((m) => m.payload.toString())).toEqual(msgs.slice(0, 19));
    const ac = new AbortController();
    const seen: string[] = [];
    let appended = false;
    for await (const b of followJlog(whole, { log: 'raw', from: 'begin', signal: ac.signal, pollInterval: 5 })) {
      seen.push(...b.events.map((m) => m.payload.toString()));
      if (!appended) {
        appendFileSync(seg, bytes.subarray(cut, cut + 30)); // still not complete
        await new Promise((r) => setTimeout(r, 30));
        appendFileSync(seg, bytes.subarray(cut + 30));
        appended = true;
      }
      if (seen.length >= 20) ac.abort();
    }
    expect(seen).toEqual(msgs);
    expect(statSync(seg).size).toBe(bytes.length);
  });

  test('the partial-tail fixture: 28 messages, the cut record not among them', async () => {
    const got = await rawPayloads(join(JLOG_FIXTURES, 'partial-tail'));
    expect(got.length).toBe(28);
    writeFileSync('/dev/null', '');
  });
});

describe('batches of any size over records of any size', () => {
  test('parseJlogBatches returns every message once, in order, whatever the batch size (plain and LZ4)', async () => {
    const big = 'B'.repeat(1_500_000); // larger than a read: the reader grows its buffer for it
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ weight: 20, arbitrary: fc.string({ maxLength: 3000 }) }, { weight: 1, arbitrary: fc.constant(big) }), {
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 50 }),
        fc.boolean(),
        fc.integer({ min: 200, max: 20_000 }),
        async (texts, batchSize, lz4, unitLimit) => {
          const msgs = texts.map((t) => t.replace(/[\n\r\0\\\t]/g, '_'));
          const dir = refJlog(msgs, { lz4, unitLimit });
          const got: string[] = [];
          for await (const b of parseJlogBatches(dir, { log: 'raw', batchSize })) {
            expect(b.length).toBeLessThanOrEqual(batchSize);
            got.push(...b.map((m) => m.payload.toString()));
          }
          expect(got).toEqual(msgs);
        },
      ),
      { numRuns: 25 },
    );
  });
});
