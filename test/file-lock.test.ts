import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backend } from '../src/core/backend';
import { errnoException, fileLocks, type FileLocks } from '../src/core/file-lock';

const ROOT = join(__dirname, '..');
const { ENOENT, EISDIR, EAGAIN, ENAMETOOLONG } = constants.errno;

/**
 * The addon's lock functions: `fileLocks`, or, when the TS backend is forced (ECELOG_FORCE_JS=1,
 * where `fileLocks` is null by design), the built addon loaded directly, so that the lock tests
 * run in every CI pass. Null only where no addon was built at all.
 */
function addonLocks(): FileLocks | null {
  if (fileLocks) return fileLocks;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const addon = (require('node-gyp-build') as (dir: string) => Record<string, unknown>)(ROOT);
    return { read: addon.lockedRead as FileLocks['read'], write: addon.lockedWrite as FileLocks['write'] };
  } catch {
    return null;
  }
}
const locks = addonLocks();

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecelog-file-lock-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A new file `name` in the test directory holding `content`. */
function file(name: string, content: string | Uint8Array = ''): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('fileLocks and the backend', () => {
  test('the lock functions are there exactly when the addon is the backend', () => {
    expect(fileLocks === null).toBe(backend === 'js');
    if (process.env.ECELOG_EXPECT_BACKEND?.startsWith('native')) expect(fileLocks).not.toBeNull();
    if (process.env.ECELOG_FORCE_JS === '1') expect(fileLocks).toBeNull();
  });

  test('the addon that CI built offers them even when the TS backend is forced', () => {
    // CI builds the addon before every test pass: the lock tests below must run in each.
    if (process.env.ECELOG_EXPECT_BACKEND !== undefined) expect(locks).not.toBeNull();
    if (fileLocks) expect(locks).toBe(fileLocks);
    if (locks) {
      expect(typeof locks.read).toBe('function');
      expect(typeof locks.write).toBe('function');
    }
  });

  test('ECELOG_FORCE_JS=1 makes fileLocks null; without it, they follow the backend', () => {
    const probe = `const b = require('./dist/core/backend.js'), f = require('./dist/core/file-lock.js');
      console.log(b.backend + ' ' + (f.fileLocks === null ? 'null' : typeof f.fileLocks.write));`;
    const run = (force: string) =>
      execFileSync(process.execPath, ['-e', probe], { cwd: ROOT, env: { ...process.env, ECELOG_FORCE_JS: force } })
        .toString()
        .trim();
    expect(run('1')).toBe('js null');
    expect(['native function', 'js null']).toContain(run(''));
    if (locks) expect(run('')).toBe('native function');
  });
});

describe('errnoException', () => {
  test('gives the error node:fs gives for the same errno', () => {
    const missing = join(tmpdir(), 'ecelog-no-such-dir', 'cp.6d6173746572');
    let fsError: NodeJS.ErrnoException | undefined;
    try {
      openSync(missing, 'r+');
    } catch (e) {
      fsError = e as NodeJS.ErrnoException;
    }
    const error = errnoException(-ENOENT, missing, 'open');
    expect(error).toBeInstanceOf(Error);
    expect(fsError).toBeDefined();
    expect({ ...error, message: error.message }).toEqual({
      errno: fsError!.errno,
      code: 'ENOENT',
      syscall: 'open',
      path: missing,
      message: fsError!.message,
    });
    const isDir = errnoException(-EISDIR, '/tmp', 'open');
    expect([isDir.code, isDir.errno, isDir.message]).toEqual(['EISDIR', -EISDIR, "EISDIR: illegal operation on a directory, open '/tmp'"]);
  });

  test("aliases get libuv's name, and only negated errnos are accepted", () => {
    expect(errnoException(-EAGAIN, 'x', 'read').code).toBe('EAGAIN');
    expect(errnoException(-ENAMETOOLONG, 'x', 'open').code).toBe('ENAMETOOLONG');
    expect(errnoException(-99999, 'x', 'open')).toMatchObject({ code: 'UNKNOWN', errno: -99999 });
    for (const bad of [0, 8, 1.5, NaN]) expect(() => errnoException(bad, 'x', 'open')).toThrow(RangeError);
  });
});

/** A program that takes libjlog's lock on a file from another process (see `holdLock`). */
function lockHolder(): string[] | null {
  // Python's fcntl.lockf(fd, LOCK_EX) is fcntl(F_SETLKW) with F_WRLCK over the whole file.
  const py = `import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.lockf(fd, fcntl.LOCK_EX)
sys.stdout.write("locked\\n"); sys.stdout.flush()
time.sleep(int(sys.argv[3]) / 1000)
os.pwrite(fd, sys.argv[2].encode(), 0)
fcntl.lockf(fd, fcntl.LOCK_UN)
`;
  if (spawnSync('python3', ['-c', 'import fcntl, os; os.pwrite']).status === 0) return ['python3', '-c', py];
  // Otherwise the same in C, compiled here.
  const c = `#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
int main(int argc, char** argv) {
  struct flock fl = {0};
  int fd = open(argv[1], O_RDWR);
  fl.l_type = F_WRLCK; fl.l_whence = SEEK_SET;
  if (argc < 4 || fd < 0 || fcntl(fd, F_SETLKW, &fl) != 0) return 3;
  printf("locked\\n"); fflush(stdout);
  usleep(atoi(argv[3]) * 1000);
  if (pwrite(fd, argv[2], strlen(argv[2]), 0) != (ssize_t)strlen(argv[2])) return 3;
  return 0;
}
`;
  const src = file('holder.c', c);
  const exe = join(dir, 'holder');
  for (const cc of ['cc', 'clang', 'gcc']) {
    if (spawnSync(cc, ['-o', exe, src]).status === 0) return [exe];
  }
  return null;
}

/**
 * Starts another process that takes the lock on `path`, holds it `ms` milliseconds, writes
 * `bytes` at offset 0 and releases it. Resolves once it holds the lock, with its exit.
 */
async function holdLock(command: string[], path: string, bytes: string, ms: number) {
  const child = spawn(command[0]!, [...command.slice(1), path, bytes, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  let out = '';
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
      if (out.includes('\n')) resolve();
    });
    void exited.then(() => resolve());
  });
  expect(out).toBe('locked\n');
  return { exited };
}

describe.runIf(locks)('the addon lock functions', () => {
  const { read, write } = locks!;

  test('write then read: the exact bytes at offset 0', () => {
    const cp = file('cp.6d6173746572');
    const bytes = Uint8Array.of(3, 0, 0, 0, 0x2a, 0, 0, 0x80);
    expect(write(cp, bytes, true)).toBe(0);
    expect([...readFileSync(cp)]).toEqual([...bytes]);
    const out = new Uint8Array(8);
    expect(read(cp, out)).toBe(8);
    expect(out).toEqual(bytes);
    // A shorter write replaces the first bytes only: no truncation.
    expect(write(cp, Uint8Array.of(9, 9), false)).toBe(0);
    expect([...readFileSync(cp)]).toEqual([9, 9, ...bytes.subarray(2)]);
  });

  test('read stops at the end of the file or of out, and never writes past out', () => {
    const cp = file('cp.6f6e65', Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    const backing = new Uint8Array(32).fill(0xee);
    expect(read(cp, backing.subarray(4, 20))).toBe(8);
    expect([...backing]).toEqual([...new Array<number>(4).fill(0xee), 1, 2, 3, 4, 5, 6, 7, 8, ...new Array<number>(20).fill(0xee)]);
    backing.fill(0xee);
    expect(read(cp, backing.subarray(4, 7))).toBe(3);
    expect([...backing.subarray(0, 8)]).toEqual([0xee, 0xee, 0xee, 0xee, 1, 2, 3, 0xee]);
    expect(read(cp, new Uint8Array(0))).toBe(0);
    expect(read(file('cp.656d707479'), new Uint8Array(8))).toBe(0); // a cp file being created
  });

  test('writes only data, from its view', () => {
    const cp = file('cp.74776f', '........');
    const backing = Uint8Array.from({ length: 16 }, (_, i) => 0x41 + i);
    expect(write(cp, backing.subarray(2, 6), false)).toBe(0);
    expect(readFileSync(cp, 'latin1')).toBe('CDEF....');
  });

  test('errors are -errno: a missing file is -ENOENT and is never created', () => {
    const missing = join(dir, 'cp.6e6f6e65');
    expect(read(missing, new Uint8Array(8))).toBe(-ENOENT);
    expect(write(missing, new Uint8Array(8), true)).toBe(-ENOENT);
    expect(() => readFileSync(missing)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(write(dir, Uint8Array.of(1), false)).toBe(-EISDIR);
    expect(read('x'.repeat(5000), new Uint8Array(8))).toBe(-ENAMETOOLONG);
    expect(errnoException(read(missing, new Uint8Array(8)), missing, 'open')).toMatchObject({ code: 'ENOENT', path: missing });
  });

  test('a file this process cannot write is still read', () => {
    const cp = file('cp.726f', Uint8Array.of(4, 0, 0, 0, 2, 0, 0, 0));
    chmodSync(cp, 0o444);
    const out = new Uint8Array(8);
    expect(read(cp, out)).toBe(8);
    expect([...out]).toEqual([4, 0, 0, 0, 2, 0, 0, 0]);
  });

  test('wrong argument types are TypeErrors, and nothing is written', () => {
    const cp = file('cp.626164', 'original');
    const u8 = new Uint8Array(8);
    const cases: [() => unknown, string][] = [
      [() => read(Buffer.from(cp) as unknown as string, u8), 'lockedRead: path must be a string'],
      [() => read(undefined as unknown as string, u8), 'lockedRead: path must be a string'],
      [() => read(`${cp}\0.x`, u8), 'lockedRead: path must not contain NUL bytes'],
      [() => read(cp, new Uint8ClampedArray(8) as unknown as Uint8Array), 'lockedRead: out must be a Uint8Array'],
      [() => read(cp, new Int8Array(8) as unknown as Uint8Array), 'lockedRead: out must be a Uint8Array'],
      [() => read(cp, [0, 0] as unknown as Uint8Array), 'lockedRead: out must be a Uint8Array'],
      [() => (read as (...a: unknown[]) => number)(cp), 'lockedRead: out must be a Uint8Array'],
      [() => write(new URL(`file://${cp}`) as unknown as string, u8, false), 'lockedWrite: path must be a string'],
      [() => write(`${cp}\0`, u8, false), 'lockedWrite: path must not contain NUL bytes'],
      [() => write(cp, new DataView(u8.buffer) as unknown as Uint8Array, false), 'lockedWrite: data must be a Uint8Array'],
      [() => write(cp, 'bytes' as unknown as Uint8Array, false), 'lockedWrite: data must be a Uint8Array'],
      [() => write(cp, u8, 1 as unknown as boolean), 'lockedWrite: sync must be a boolean'],
      [() => (write as (...a: unknown[]) => number)(cp, u8), 'lockedWrite: sync must be a boolean'],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrow(TypeError);
      expect(call).toThrow(message);
    }
    expect(readFileSync(cp, 'latin1')).toBe('original');
  });

  describe('against another process holding the lock', () => {
    let holder: string[] | null = null;
    beforeAll(() => {
      holder = lockHolder();
    });

    test('a lock-holding program is available (python3 or a C compiler)', () => {
      expect(holder).not.toBeNull();
    });

    // The holder writes its bytes just before it releases the lock. A call that waited for the
    // lock comes after that write; one that did not runs during the holder's sleep. The order is
    // read from the file's content once the holder has exited, never from timings.
    test('write waits for the lock: its bytes land after the holder’s', async () => {
      const cp = file('cp.7772697465', '00000000');
      const { exited } = await holdLock(holder!, cp, 'holder!!', 300);
      expect(write(cp, Buffer.from('ourbytes'), true)).toBe(0);
      expect(await exited).toEqual([0, null]);
      expect(readFileSync(cp, 'latin1')).toBe('ourbytes');
    });

    test('read waits for the lock: it sees the holder’s bytes', async () => {
      const cp = file('cp.72656164', '00000000');
      const { exited } = await holdLock(holder!, cp, 'holder!!', 300);
      const out = new Uint8Array(8);
      expect(read(cp, out)).toBe(8);
      expect(await exited).toEqual([0, null]);
      expect(Buffer.from(out).toString('latin1')).toBe('holder!!');
    });
  });
});
