import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import {
  FORMATS,
  INFO_LENGTH,
  compileFormats,
  parse,
  scanners,
  type EcelogEvent,
  type LogFormat,
  type LogKind,
  type ScanFunction,
} from '../src/index';
import { generate, mulberry32, type Rng } from '../src/generator/generate';
import { chunkedEvents } from './property';
import { BACKENDS } from './backends';
import { SPEC } from './fixtures';

/**
 * Differential at scale (issue 7): native vs TS, whole vs chunked, on generated and mutated input
 * for every decoder. A seeded loop rather than fast-check so that a CI run covers >= 100 000
 * inputs within about a minute; ECELOG_SCALE multiplies every count for long local runs
 * (ECELOG_SCALE_SEED changes the seed). Each input is parsed whole on the TS backend (the
 * reference), then whole on every other backend and in random chunkings on every backend: all
 * must be deep-equal, with `rawBytes` on (so every line's bytes are compared too) and a random
 * `maxLineLength` on a share of the inputs.
 */

const SCALE = Number(process.env.ECELOG_SCALE ?? 1);
const SEED = Number(process.env.ECELOG_SCALE_SEED ?? 7);
/** Inputs per decoder: 15 decoders x 8 400 = 126 000 inputs (each parsed 3 or 5 times). */
const PER_DECODER = Math.round(8_400 * SCALE);
/** Scanner-level comparisons (native vs TS scan, random range and output capacity). */
const SCANS = Math.round(100_000 * SCALE);

// ---------------------------------------------------------------------------------------------
// Seed lines: generated (mainlog, bouncelog, 2.x layouts, hires, quoted local parts) + examples.

function generated(log: 'mainlog' | 'bouncelog'): string[] {
  const out: string[] = [];
  const runs = [
    { seed: 1, messages: 600 },
    { seed: 2, messages: 300, legacy: 0.5, quoted: 0.1 },
    { seed: 3, messages: 300, hires: true, backlog: 50 },
  ];
  for (const opts of runs) for (const l of generate(opts)) if (l.log === log) out.push(l.text);
  return out;
}
const MAIN = generated('mainlog');
const BOUNCE = generated('bouncelog');

const EC_LOGGER = compileFormats({
  reception_format: '%t@%i@%BI@%CI@R@%r@%R@%m@%M@%H@%B@%p@%g@%b',
  delivery_format: '%t@%i@%BI@%CI@D@%d@%B@%g@%b@%N@%T@%H',
  transient_failure_format: '%t@%i@%BI@%CI@T@%d@0@%g@%b@%S@%N@%T@%H@%n',
  permanent_failure_format: '%t@%i@%BI@%CI@P@%d@0@%g@%b@%S@%N@%T@%H@%n',
});
const LITERAL_DRIVEN = compileFormats({ reception_format: '%t R %i %r@%R', delivery_format: '%t D %i "%n"' });
/** The custom_logger manual's rejection format: three fields that may hold its ` @ ` separator. */
const SEVERAL_FREE = compileFormats({
  rejection_format: '%p @ %s @ %BI @ %A @ %U @ %n @ %h{Subject} @ %r @ %R @ %m @ %M @ %i @ %t @ %t{%Y-%m-%d} @ %H @ %mx @ %S',
});
const SEVERAL_FREE_LINE =
  'unknown @  @ 00/00-00000-00000000 @  @  @ relaying denied @  @  @  @  @  @ 00/00-00000-00000000 @ 1339007869 @ 2012-06-06 @ 10.79.11.157 @  @ 22';

interface Case {
  name: string;
  log: LogKind | LogFormat;
  seeds: string[];
  multiLine?: boolean;
  /** A line may hold several events (an eventlog array): at least one event a line. */
  manyPerLine?: boolean;
}

const G = (rest: string) => `1398088802@1@G@${rest}`;
const I = (result: string, spool = '/var/spool/ecelerity') => `1236672125@4B/03-01988-6E2F0BD5@I@4C/03-01990-7E2F0BD5@${result}@${spool}`;
const F = (fields: string) => `1224699438@18/00-02937-E2E6FF84@F@${fields}`;

const CASES: Case[] = [
  { name: 'mainlog', log: 'mainlog', seeds: [...MAIN, ...Object.values(SPEC)] },
  { name: 'bouncelog', log: 'bouncelog', seeds: [...BOUNCE, SPEC.bouncelogB, SPEC.heartbeatM1] },
  {
    name: 'bouncelog_cl',
    log: 'bouncelog_cl',
    seeds: BOUNCE.map((l, i) => (l.endsWith('M1') ? l : `${l}@${['campaign-7', '', 'u@x', '=1+1'][i % 4]}`)),
  },
  {
    name: 'fbllog',
    log: 'fbllog',
    seeds: [
      '1224699438@18/00-02937-E2E6FF84@F@someone@test.com@default@default@abuse@yahoo.com@true',
      F('someone@test.com@default@default@@hotmail.com@'),
      F('"a@b"@test.com@b@g@abuse@yahoo.com@x@y'),
    ],
  },
  {
    name: 'rejectlog',
    log: 'rejectlog',
    seeds: [
      '1236672125: R="10.79.25.142:42601" L="10.79.25.142:25" C="18/00-07149-D7E16B94" PATH="default" PATH_GRP="default" P="awaiting mailfrom" E=550 M=scriptlet CTXCONN=[pathway=default,ehlo_string="EHLO rh52-node1",ehlo_domain=rh52-node1] CTXMESS=[mailfrom_domain=,mailfrom_string="MAIL FROM:<>",mailfrom_localpart=] relaying denied',
      '1252064908: Marker 1',
      '1236672125: R="[2001:db8::1]:42601" L="2001:db8::25:25" E=550 M=scriptlet CTXCONN=[a="x ] y, z",b=] relaying denied',
      '1126558766: R="10.0.0.1:1234" L="10.0.0.2:25" C="00/00-01234-ABCDEF01" P="awaiting rcptto" E=550 M=scriptlet relaying denied',
      '1236672125123456: E=421 X_NEW="v" temporary failure',
    ],
  },
  {
    name: 'paniclog',
    log: 'paniclog',
    multiLine: true,
    seeds: [
      '1251382104:datasource: failed to prepare',
      '1251382104:scriptlet: set_binding: error querying binding:',
      'prepare: 1: no such column: bindings',
      'failed to prepare:     SELECT bindings FROM customer_binding WHERE',
      'customer_id = ? LIMIT 1',
      '1251390180:scriptlet: return { recipient="no-reply@mydomain.com",',
      '  note="No email received at this address", code="550"}',
      '1251382104123456:core: x',
      '',
      '12: in function',
      '1307461172:192.168.0.197 "POST api/v1/transmissions HTTP/1.1" 200 224 5.000',
      '1307461172:[2001:db8::1]:51216 "POST /v1.0/inject/ HTTP/1.1" 200 224 5.000',
    ],
  },
  {
    name: 'policylog',
    log: 'policylog',
    seeds: [
      '1356769421: received after 0.040929 s (scanned in 0.000519 s) size=1005 src=127.0.0.1:37656 dst=127.0.0.1:8710 pathway=default ID=00/00-10012-D88AED05 batch-ID=00/00-10012-D88AED05 Message-ID=""',
      '1356769436: rejected after 0.000000 s (scanned in 0.000000 s) size=0??? src=127.0.0.1:40587 dst=127.0.0.1:8879 pathway=default ID=00/00-10822-C98AED05 batch-ID=00/00-10822-C98AED05 Message-ID="" phase=4 (awaiting mailfrom)',
      '1356769476: unexpected disconnect after 1.001713 s (scanned in 0.000000 s) size=0??? src=[::1]:43877 dst=::1:9192 pathway=default ID=x batch-ID=y Message-ID="<a \\"b\\"@c>" x-new=1 phase=6 (awaiting rcptto)',
    ],
  },
  {
    name: 'acctlog',
    log: 'acctlog',
    multiLine: true,
    seeds: [
      '1160172232@N@*:2025@10.80.116.126:37164@ec_user@1',
      String.raw`1160172232@N@*:2025@10.0.0.1:25@us\@er\\x\n@1`,
      '1160172232@N@*:2025@10.0.0.1:25@a\\',
      '\\',
      'b@1',
      '1160172241@?@x',
      '1160172235@Z@*:2025@10.0.0.1:25@admin@1@shutdown@admin',
      '1160172236@T@*:2025@10.0.0.1:25@user@0',
    ],
  },
  { name: 'importlog', log: 'importlog', seeds: [I('1'), I('2', '/a@b'), I('9', '')] },
  {
    name: 'httplog',
    log: 'httplog',
    seeds: [
      '1398088802 10.77.0.158:18906 *:2081 "POST api/v1/transmissions HTTP/1.0" 500 332 1045.000',
      '1398088803 10.77.0.159:40112 10.77.0.1:2081 "GET /api/v1/metrics/deliverability?from=2014-04-21T00:00 HTTP/1.1" 200 18734 12.5',
      '1398088802 [2001:db8::7]:18906 [::]:2081 "GET / HTTP/1.1" 200 1 0.1',
      '1398088802123456 2001:db8::7:18906 *:2081 "DELETE /api/v1/templates/\\"x\\" HTTP/1.1" 404 0 3.250',
    ],
  },
  {
    name: 'adaptive',
    log: 'adaptive',
    seeds: ['12345679@1@G@default@hotmail.com@NOTICE@ retry_interval from -> to', G('@@ERR@a@b'), G('x@y@INFO@')],
  },
  {
    name: 'eventlog',
    log: 'eventlog',
    manyPerLine: true,
    seeds: [
      '{"msys":{"message_event":{"type":"delivery","timestamp":"1717221603.131","message_id":"00068e726d5491f8d90b","msg_size":"5120","queue_time":"1344","num_retries":"0","rcpt_to":"user0@outlook.com","event_id":"48224394133260015"}}}',
      '{"msys":{"track_event":{"type":"click","timestamp":"1717221611.951","rcpt_to":"user3@yahoo.com","target_link_url":"https://shop.example.com/?utm=mail","geo_ip":{"country":"US","latitude":"37.33"}}}}',
      '[{"msys":{"gen_event":{"type":"gen_fail","timestamp":1717221600,"error_code":"554"}}},{"msys":{"unsubscribe_event":{"type":"list","timestamp":"1"}}}]',
      '{"msys":{"message_event":{"type":"tempfail","timestamp":"1717221605.804","bounce_class":"22","error_code":"452","raw_reason":"452 4.2.2 <a@b>... Over quota"}}}',
    ],
  },
  { name: 'custom (ec_logger formats)', log: EC_LOGGER, seeds: MAIN.filter((l) => /@[RDTP]@/.test(l)) },
  {
    name: 'custom (literal-driven)',
    log: LITERAL_DRIVEN,
    seeds: ['1064868656 R ID "a b"@example.com', '1064868656 D ID "550 "x" @ y"', '1 R a b@c', '1 D a ""'],
  },
  {
    name: 'custom (several free fields)',
    log: SEVERAL_FREE,
    seeds: [
      SEVERAL_FREE_LINE,
      SEVERAL_FREE_LINE.replace('relaying denied', 'a @ b'),
      SEVERAL_FREE_LINE.replace(' @  @ 00/00', ' @ "q @ x"@d @ 00/00'),
    ],
  },
];

// Every built-in decoder is covered (a new one must be added here).
const covered = new Set(CASES.map((c) => c.log).filter((l): l is LogKind => typeof l === 'string'));

// ---------------------------------------------------------------------------------------------
// Inputs: several lines, mutated; or random bytes biased towards the bytes that matter.

const INTERESTING = [
  0x40, 0x0a, 0x0d, 0x22, 0x5c, 0x00, 0x80, 0xff, 0xc3, 0xa9, 0x2e, 0x30, 0x35, 0x4d, 0x44, 0x52, 0x3a, 0x20, 0x3d, 0x5b, 0x5d, 0x2c,
];

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const byte = (rng: Rng) => (rng() < 0.6 ? INTERESTING[int(rng, INTERESTING.length)]! : int(rng, 256));

function input(rng: Rng, seeds: readonly string[]): Uint8Array {
  if (rng() < 0.08) {
    const out = new Uint8Array(int(rng, 400));
    for (let i = 0; i < out.length; i++) out[i] = rng() < 0.5 ? int(rng, 256) : byte(rng);
    return out;
  }
  const lines: string[] = [];
  const n = 1 + int(rng, 12);
  for (let i = 0; i < n; i++) lines.push(seeds[int(rng, seeds.length)]!);
  const eol = rng() < 0.8 ? '\n' : '\r\n';
  const bytes = [...Buffer.from(lines.join(eol) + (rng() < 0.8 ? eol : ''), 'utf8')];
  const edits = rng() < 0.25 ? 0 : int(rng, 10);
  for (let e = 0; e < edits; e++) {
    const i = bytes.length === 0 ? 0 : int(rng, bytes.length);
    switch (int(rng, 7)) {
      case 0:
        bytes[i] = byte(rng);
        break;
      case 1:
        bytes.splice(i, 0, byte(rng));
        break;
      case 2:
        bytes.splice(i, 1);
        break;
      case 3:
        bytes.splice(i, 0, 0x40, 0x40);
        break; // a doubled delimiter
      case 4:
        bytes.splice(i, 0, 0x0a);
        break; // a line cut in two
      case 5:
        bytes.splice(i, 1 + int(rng, 40));
        break; // a run deleted (fields lost, lines joined)
      default:
        bytes.splice(i, 0, ...bytes.slice(int(rng, bytes.length), int(rng, bytes.length))); // a piece repeated
    }
  }
  return Uint8Array.from(bytes);
}

function cutsFor(rng: Rng, length: number): number[] {
  const r = rng();
  if (r < 0.05) return Array.from({ length }, (_, i) => i); // one byte at a time
  const cuts: number[] = [];
  const n = r < 0.15 ? 0 : 1 + int(rng, 8);
  for (let i = 0; i < n; i++) cuts.push(int(rng, length + 1));
  return cuts;
}

function lineCount(buf: Uint8Array): number {
  if (buf.length === 0) return 0;
  let n = 1;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n++;
  return buf[buf.length - 1] === 10 ? n - 1 : n;
}

const totals = { inputs: 0, bytes: 0, events: 0, malformed: 0, parses: 0, scans: 0, ms: 0 };
afterAll(() => {
  // The counts the issue asks for, on stderr so they show in a CI log.
  process.stderr.write(
    `scale: ${totals.inputs} inputs (${totals.bytes} bytes, ${totals.events} events, ${totals.malformed} malformed), ` +
      `${totals.parses} parses, ${totals.scans} scanner comparisons, backends ${BACKENDS.join('+')}, ${(totals.ms / 1000).toFixed(1)} s\n`,
  );
});

describe('differential at scale', () => {
  test('every built-in decoder is covered', () => {
    expect([...covered].sort()).toEqual(Object.keys(FORMATS).sort());
  });

  test.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, index) => {
    const t0 = performance.now();
    const rng = mulberry32(SEED * 1000 + index);
    for (let k = 0; k < PER_DECODER; k++) {
      const buf = input(rng, c.seeds);
      const cuts = cutsFor(rng, buf.length);
      const max = rng() < 0.3 ? 1 + int(rng, 300) : undefined;
      const reference = [...parse(buf, { log: c.log, backend: 'js', rawBytes: true, maxLineLength: max })] as EcelogEvent[];
      totals.parses++;
      for (const backend of BACKENDS) {
        const variants: EcelogEvent[][] = [chunkedEvents(buf, cuts, c.log, backend, max)];
        if (backend !== 'js') variants.push([...parse(buf, { log: c.log, backend, rawBytes: true, maxLineLength: max })]);
        totals.parses += variants.length;
        for (const got of variants) {
          if (!isDeepStrictEqual(got, reference)) {
            // The diff, with what reproduces it.
            const where = `${c.name} input #${k}: ${Buffer.from(buf).toString('base64')} cuts ${JSON.stringify(cuts)} max ${max} backend ${backend}`;
            expect(got, where).toEqual(reference);
          }
        }
      }
      const lines = lineCount(buf);
      if (c.manyPerLine) {
        const seen = new Set(reference.map((ev) => ev.line)).size;
        if (seen !== lines) expect(seen, `${c.name} input #${k}: lines with events, ${Buffer.from(buf).toString('base64')}`).toBe(lines);
      } else if (c.multiLine ? reference.length > lines : reference.length !== lines) {
        expect(reference.length, `${c.name} input #${k}: ${Buffer.from(buf).toString('base64')}`).toBe(lines);
      }
      totals.inputs++;
      totals.bytes += buf.length;
      totals.events += reference.length;
      for (const ev of reference) if (ev.type === 'malformed') totals.malformed++;
    }
    totals.ms += performance.now() - t0;
  });

  // Defined only where the addon loaded (under ECELOG_FORCE_JS=1 there is nothing to compare).
  if (scanners.native)
    test('native and TS scanners: identical entries and info on mutated input, any range and capacity', () => {
      const t0 = performance.now();
      const rng = mulberry32(SEED);
      const seeds = [...MAIN, ...BOUNCE];
      const out = [new Uint32Array(80), new Uint32Array(80)];
      const info = [new Uint32Array(INFO_LENGTH), new Uint32Array(INFO_LENGTH)];
      const scans: ScanFunction[] = [scanners.native!, scanners.js];
      for (let k = 0; k < SCANS; k++) {
        const buf = input(rng, seeds);
        let start = int(rng, buf.length + 1);
        let end = int(rng, buf.length + 1);
        if (start > end) [start, end] = [end, start];
        if (rng() < 0.5) [start, end] = [0, buf.length];
        const cap = 1 + int(rng, 70);
        let from = [start, start];
        for (let guard = 0; guard <= end - start + 1; guard++) {
          const n = scans.map((scan, s) => scan(buf, from[s]!, end, out[s]!.subarray(0, cap), info[s]!));
          if (
            n[0] !== n[1] ||
            !isDeepStrictEqual(out[0]!.subarray(0, n[0]), out[1]!.subarray(0, n[1])) ||
            !isDeepStrictEqual(info[0], info[1])
          ) {
            expect(
              [...out[0]!.subarray(0, n[0]), ...info[0]!],
              `scan #${k}: ${Buffer.from(buf).toString('base64')} [${start}, ${end}) cap ${cap}`,
            ).toEqual([...out[1]!.subarray(0, n[1]), ...info[1]!]);
          }
          if (info[0]![2] === end) break;
          from = [info[0]![2]!, info[1]![2]!];
        }
        totals.scans++;
      }
      totals.ms += performance.now() - t0;
    });
});
