import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse } from '../src/index';
import { NULL_MESSAGE_ID, decodeMessageId } from '../src/decoders/ids';
import { CONNECTION_STAGES, OUT_OF_BAND_STAGE, isOutOfBandStage, stageName } from '../src/decoders/stages';
import { formatId } from '../src/generator/generate';
import { BACKENDS } from './backends';
import { RUNS } from './property';

describe('decodeMessageId', () => {
  test('spec §3 example: creation second from the reversed nibbles, PID, prefix', () => {
    expect(decodeMessageId('4B/03-01988-6E2F0BD5')).toEqual({
      id: '4B/03-01988-6E2F0BD5',
      null: false,
      prefix: '4B/03',
      pid: 1988,
      created_hex: '6E2F0BD5',
      created: 1571877606,
    });
  });

  test('the IDs of the spec examples', () => {
    expect(decodeMessageId('00/00-25004-31B987F3')).toMatchObject({ pid: 25004, created: 0x3f789b13 });
    expect(decodeMessageId('91/6D-07914-E67BC044')).toMatchObject({ prefix: '91/6D', pid: 7914, created: 0x440cb76e });
  });

  test('the null ID is well formed and stands for none: no creation time, no PID', () => {
    expect(decodeMessageId(NULL_MESSAGE_ID)).toEqual({
      id: '00/00-00000-00000000',
      null: true,
      prefix: '00/00',
      pid: null,
      created_hex: '00000000',
      created: null,
    });
  });

  test('an ID with a zero time but a PID is not the null ID', () => {
    expect(decodeMessageId('00/00-00042-00000000')).toMatchObject({ null: false, pid: 42, created: 0 });
  });

  test('the largest creation second', () => {
    expect(decodeMessageId('FF/FF-99999-FFFFFFFF')).toMatchObject({ pid: 99999, created: 0xffffffff });
  });

  test.each([
    ['', 'empty'],
    ['4b/03-01988-6E2F0BD5', 'lower-case prefix'],
    ['4B/03-01988-6e2f0bd5', 'lower-case time'],
    ['4B/03-1988-6E2F0BD5', 'PID of 4 digits'],
    ['4B/03-0198A-6E2F0BD5', 'hex in the PID'],
    ['4B/03-01988-6E2F0BD', 'time of 7 digits'],
    ['4B/03-01988-6E2F0BD5F', 'time of 9 digits'],
    ['4B-03-01988-6E2F0BD5', 'dash for slash'],
    ['4B/03/01988/6E2F0BD5', 'slashes for dashes'],
    [' 4B/03-01988-6E2F0BD5', 'leading space'],
    ['4B/03-01988-6E2F0BD5\n', 'trailing newline'],
    ['4G/03-01988-6E2F0BD5', 'not hex'],
    ['４B/03-01988-6E2F0BD5', 'full-width digit'],
  ])('malformed: %j (%s) → null', (id) => {
    expect(decodeMessageId(id)).toBeNull();
  });

  test('round trip with the generator: any PID and second', () => {
    fc.assert(
      fc.property(fc.nat(99999), fc.nat(0xffffffff), fc.nat(0xffff), (pid, epoch, seq) => {
        const id = formatId(pid, epoch, seq);
        const d = decodeMessageId(id);
        if (id === NULL_MESSAGE_ID) return d !== null && d.null;
        return d !== null && !d.null && d.pid === pid && d.created === epoch && d.id === id;
      }),
      { numRuns: RUNS },
    );
  });
});

describe.each(BACKENDS)('decodeMessageId over sample/mainlog.ec, %s backend', (backend) => {
  const events = [...parse(readFileSync('sample/mainlog.ec'), { log: 'mainlog', backend })];

  test('every R line: the message ID was created at the line timestamp', () => {
    const receptions = events.filter((ev) => ev.type === 'reception');
    expect(receptions.length).toBeGreaterThanOrEqual(250);
    const mismatches = receptions.filter((ev) => decodeMessageId(ev.message_id)?.created !== ev.timestamp);
    expect(mismatches).toEqual([]);
  });

  test('every ID of every record decodes; one ecelerity PID; none created after its line', () => {
    const pids = new Set<number | null>();
    let ids = 0;
    for (const ev of events) {
      if (ev.type === 'heartbeat' || ev.type === 'malformed') continue;
      for (const id of [ev.message_id, ev.batch_id, ev.connection_id]) {
        const d = decodeMessageId(id!);
        expect(d, id!).not.toBeNull();
        ids++;
        if (d!.null) continue;
        pids.add(d!.pid);
        expect(d!.created, id!).toBeLessThanOrEqual(ev.timestamp);
      }
    }
    expect(ids).toBeGreaterThan(1000);
    expect(pids).toEqual(new Set([6690]));
  });
});

describe('connection stages (spec §9)', () => {
  test('the table: 23 codes, 0 to 22, in the manual wording', () => {
    expect([...CONNECTION_STAGES.keys()]).toEqual([...Array(23).keys()]);
    expect(stageName(0)).toBe('while not connected');
    expect(stageName(4)).toBe('during RCPT TO');
    expect(stageName(9)).toBe('reading confirmation');
    expect(stageName(17)).toBe('handshaking TLS');
    expect(stageName(20)).toBe('after XCLIENT');
    expect(stageName(22)).toBe('in unknown state');
  });

  test('21 is the out-of-band bounce, shared with the bouncelog decoder', () => {
    expect(OUT_OF_BAND_STAGE).toBe(21);
    expect(stageName(21)).toBe('out of band bounce');
    expect([...CONNECTION_STAGES.keys()].filter(isOutOfBandStage)).toEqual([21]);
  });

  test('codes outside the table have no name (nothing made up)', () => {
    expect(stageName(23)).toBeUndefined();
    expect(stageName(-1)).toBeUndefined();
    expect(stageName(1.5)).toBeUndefined();
  });
});
