import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse, Session, DetectError, type DetectResult } from '../src/index';
import { BACKENDS } from './backends';

const MAINLOG = readFileSync('sample/mainlog.ec');
const BOUNCELOG = readFileSync('sample/bouncelog.ec');
const lineCount = (buf: Buffer) =>
  buf
    .toString('latin1')
    .split('\n')
    .filter((l) => l !== '').length;

describe.each(BACKENDS)('parse() without log, %s backend', (backend) => {
  test('detects a bouncelog from the buffer, as the explicit kind reads it', () => {
    let detected: DetectResult | undefined;
    const auto = [...parse(BOUNCELOG, { backend, onDetect: (d) => (detected = d) })];
    const named = [...parse(BOUNCELOG, { backend, log: 'bouncelog' })];
    expect(detected?.log).toBe('bouncelog');
    expect(auto).toEqual(named);
    expect(auto.length).toBe(lineCount(BOUNCELOG));
    expect(auto.filter((e) => e.type === 'malformed')).toEqual([]);
  });

  test("log: 'auto' detects a mainlog", () => {
    const auto = [...parse(MAINLOG, { backend, log: 'auto' })];
    expect(auto).toEqual([...parse(MAINLOG, { backend, log: 'mainlog' })]);
    expect(auto[0]!.log).toBe('mainlog');
  });

  test('an empty buffer yields nothing; text no kind fits throws a DetectError', () => {
    expect([...parse(Buffer.alloc(0), { backend })]).toEqual([]);
    expect(() => [...parse(Buffer.from('hello\nworld\n'), { backend })]).toThrow(DetectError);
  });
});

describe('option values are checked first', () => {
  test('an unknown backend is a RangeError naming the valid values', () => {
    const gpu = { log: 'mainlog', backend: 'gpu' } as unknown as { log: 'mainlog' };
    expect(() => [...parse(MAINLOG, gpu)]).toThrow(new RangeError(`ecelog: unknown backend "gpu" (expected 'native' or 'js')`));
    expect(() => new Session(gpu)).toThrow(RangeError);
  });

  test('a Session without log says the option is missing', () => {
    expect(() => new Session({} as unknown as { log: 'mainlog' })).toThrow(
      /^ecelog: the log option is missing \(expected mainlog, .*, or a LogFormat; detection \('auto'\) is done by parse\(\), parseFile\(\) and detectLog\(\), not by a Session\)$/,
    );
  });

  test('an unknown kind is still a TypeError', () => {
    expect(() => new Session({ log: 'nolog' } as unknown as { log: 'mainlog' })).toThrow(TypeError);
    expect(() => new Session({ log: 'nolog' } as unknown as { log: 'mainlog' })).toThrow(
      /^ecelog: unknown log kind "nolog" \(expected mainlog/,
    );
  });
});
