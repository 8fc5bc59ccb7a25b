import { constants } from 'node:os';
import { getSystemErrorMap } from 'node:util';
import { nativeAddon } from './backend';

/**
 * A small file's bytes read and written under libjlog's POSIX `fcntl` lock (F_SETLKW, F_WRLCK,
 * the whole file), as libjlog reads and writes a subscriber's checkpoint `cp.<hex>` (jlog spec
 * §6.2, §7). Node cannot take `fcntl` locks: these are the native addon's functions
 * (native/file_lock.h). Both are synchronous and block until the lock is granted; they return a
 * negated errno instead of throwing for system errors (see {@link errnoException}) and throw a
 * TypeError for arguments of the wrong type (or a path with a NUL byte). Plain functions, no
 * `this`: they may be taken off the object.
 */
export interface FileLocks {
  /**
   * Reads up to `out.length` bytes at offset 0 of the existing file `path` (stopping at its end)
   * into `out`, under the lock. Returns the number of bytes read, or -errno. A file this process
   * may not open for writing (EACCES, EPERM, EROFS) is read under a shared read lock instead,
   * which a writer's lock still excludes.
   */
  read: (path: string, out: Uint8Array) => number;
  /**
   * Writes all of `data` at offset 0 of the existing file `path` (never created, never
   * truncated) under the lock, then syncs its data when `sync` is true. Returns 0 or -errno.
   */
  write: (path: string, data: Uint8Array, sync: boolean) => number;
}

/**
 * The lock functions of the loaded addon, or null where the addon did not load or the TS backend
 * is forced (`ECELOG_FORCE_JS=1`): callers then read and write the bytes without the lock. Within
 * this process the addon serialises every call (worker threads included) and holds one descriptor
 * of the file per call; a file read or written through them must not be opened by other means
 * while a call runs, since closing any descriptor of a file drops the process's locks on it.
 */
export const fileLocks: Readonly<FileLocks> | null =
  typeof nativeAddon?.lockedRead === 'function' && typeof nativeAddon.lockedWrite === 'function'
    ? Object.freeze({ read: nativeAddon.lockedRead, write: nativeAddon.lockedWrite })
    : null;

let errnoNames: Map<number, string> | undefined;
let errnoMessages: Map<string, string> | undefined;

/** The name of an errno value (`2` → `'ENOENT'`), as libuv names it where names are aliases. */
function errnoName(errno: number): string | undefined {
  if (!errnoNames) {
    errnoNames = new Map();
    errnoMessages = new Map();
    // libuv's table: its name for each code first (EAGAIN, not EWOULDBLOCK), and the messages.
    for (const [name, message] of getSystemErrorMap().values()) {
      errnoMessages.set(name, message);
      const value = (constants.errno as Record<string, number | undefined>)[name];
      if (value !== undefined && !errnoNames.has(value)) errnoNames.set(value, name);
    }
    for (const [name, value] of Object.entries(constants.errno)) {
      if (!errnoNames.has(value)) errnoNames.set(value, name);
    }
  }
  return errnoNames.get(errno);
}

/**
 * A Node-style system error for a negative result of {@link FileLocks} (`-2` → an Error with
 * `code: 'ENOENT'`, `errno: -2`, `syscall`, `path` and the message node:fs would give:
 * `ENOENT: no such file or directory, open '/x'`).
 */
export function errnoException(result: number, path: string, syscall: string): NodeJS.ErrnoException {
  if (!Number.isInteger(result) || result >= 0) throw new RangeError(`not a negated errno: ${result}`);
  const code = errnoName(-result) ?? 'UNKNOWN';
  const message = errnoMessages?.get(code) ?? `unknown system error ${-result}`;
  const error: NodeJS.ErrnoException = new Error(`${code}: ${message}, ${syscall} '${path}'`);
  error.errno = result;
  error.code = code;
  error.syscall = syscall;
  error.path = path;
  return error;
}
