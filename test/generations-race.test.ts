import { mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import type * as Tail from '../src/files/tail';

/**
 * openGenerations lists a rotated set, then opens each path in turn. A rotation between the
 * opens must not give a set that lacks a generation: here the writer rotates right before the
 * live path is opened for the first time (mainlog.ec → mainlog.ec.1, a new mainlog.ec).
 */

const dir = mkdtempSync(join(tmpdir(), 'ecelog-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const live = join(dir, 'mainlog.ec');
let rotateBeforeOpening: string | null = null;

vi.mock('../src/files/tail', async (original) => {
  const mod = await original<typeof Tail>();
  return {
    ...mod,
    openFile: async (path: string) => {
      if (path === rotateBeforeOpening) {
        rotateBeforeOpening = null;
        renameSync(join(dir, 'mainlog.ec.1'), join(dir, 'mainlog.ec.2'));
        renameSync(live, join(dir, 'mainlog.ec.1'));
        writeFileSync(live, 'g3\n');
      }
      return mod.openFile(path);
    },
  };
});

test('a rotation while the set is opened: the set is taken again, whole and in order', async () => {
  const { openGenerations, closeRest } = await import('../src/files/generations');
  writeFileSync(join(dir, 'mainlog.ec.1'), 'g1\n');
  writeFileSync(live, 'g2\n');
  rotateBeforeOpening = live;
  const set = await openGenerations(live);
  try {
    expect(rotateBeforeOpening).toBeNull(); // the rotation did happen during the first opening
    // Every generation, each opened file the one its path names: g1 (.2), g2 (.1), g3 (live).
    expect(set.gens.map((g) => g.path)).toEqual([join(dir, 'mainlog.ec.2'), join(dir, 'mainlog.ec.1'), live]);
    expect(set.opened.map((f) => String(f!.ino))).toEqual(set.gens.map((g) => String(statSync(g.path).ino)));
  } finally {
    await closeRest(set);
  }
});
