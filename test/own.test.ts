import v8 from 'node:v8';
import vm from 'node:vm';
import { expect, test } from 'vitest';
import { own } from '../src/core/own';

/** own(): a copy that keeps nothing of the text it was cut from alive. */

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapAfter(keep: (text: string) => string[]): { used: number; kept: string[] } {
  let text: string | null = `${'0123456789abcdef'.repeat(4 << 20)}${Math.random()}`; // 64 MiB, not a constant
  const kept = keep(text);
  text = null;
  gc();
  gc();
  return { used: v8.getHeapStatistics().used_heap_size, kept };
}

test('strings cut from a large text and owned let the text be collected; cut only, they keep it', () => {
  gc();
  const base = v8.getHeapStatistics().used_heap_size;
  const owned = heapAfter((t) => [own(t.slice(100, 140)), own(t.slice(5000, 5013)), own(t.slice(7, 12))]);
  expect(owned.used - base).toBeLessThan(8 << 20);
  expect(owned.kept).toEqual(['456789abcdef0123456789abcdef0123456789ab', '89abcdef01234', '789ab']);
  const sliced = heapAfter((t) => [t.slice(100, 140)]);
  expect(sliced.used - base).toBeGreaterThan(32 << 20); // the control: a plain slice keeps all 64 MiB
  expect(sliced.kept[0]).toBe(owned.kept[0]);
});
