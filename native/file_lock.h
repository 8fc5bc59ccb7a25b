// ecelog native file locks: a small file's bytes read or written under a POSIX fcntl record
// lock, the way libjlog reads and writes a subscriber's checkpoint file cp.<hex> (jlog spec §6.2,
// §7). Node cannot take fcntl locks; the addon (binding.cc) exposes these two functions.
//
// Plain C++17, no Node-API, no exceptions, no allocation: shared by the addon and the unit test
// (test_file_lock.cc).
//
//   locked_read(path, out, cap, &got) -> 0 | -errno
//     open O_RDWR, F_SETLKW F_WRLCK over the whole file, pread up to `cap` bytes at offset 0
//     (short reads continued until `cap` bytes or end of file), unlock, close. *got = bytes read.
//   locked_write(path, data, len, sync) -> 0 | -errno
//     open O_RDWR (never O_CREAT: the file must exist), F_SETLKW F_WRLCK over the whole file,
//     pwrite all `len` bytes at offset 0 (short writes continued), fdatasync when `sync`, unlock,
//     close.
//
// The lock is libjlog's: fcntl F_SETLKW, F_WRLCK, l_whence SEEK_SET, l_start 0, l_len 0 (the
// whole file, however it grows), retried on EINTR (and EAGAIN, as libjlog does). A process that
// holds it (libjlog, jlogctl, Perl JLog, Python fcntl.lockf) makes us wait, and we make it wait.
//
// Read-only files: libjlog opens every file O_RDWR because F_WRLCK needs a writable descriptor.
// locked_read does the same, and only when that open fails with EACCES, EPERM or EROFS (a jlog
// we may not write: another user's, a read-only fixture, a read-only mount) falls back to
// O_RDONLY and a shared F_RDLCK over the whole file. A read lock and libjlog's write lock exclude
// each other, so the 8 bytes are still never read while a libjlog process writes them; the
// fallback only lets two readers overlap, which is harmless. locked_write never falls back: it
// returns the error of the O_RDWR open.
//
// Within a process: POSIX drops all of a process's fcntl locks on a file when ANY descriptor of
// that file in the process is closed, and locks never exclude the process's own threads. So every
// call runs under one process-wide mutex (worker threads load the same addon image and share it)
// and holds exactly one descriptor of the file, opened and closed inside the call. The lock is
// held only for the duration of a call. Code of this process that opens and closes the same file
// by other means (node:fs in a worker thread) during a call would silently drop the lock: the
// checkpoint files must be read and written through these functions only.
//
// Return values are 0 or a negated errno of the first failing step (open, fcntl, pread, pwrite,
// fdatasync, close after a write). On Windows both functions return -ENOSYS.
#ifndef ECELOG_FILE_LOCK_H
#define ECELOG_FILE_LOCK_H

#include <cerrno>
#include <cstddef>
#include <cstdint>

#if defined(_WIN32)

namespace ecelog {

inline int locked_read(const char*, uint8_t*, size_t, size_t* got) {
  if (got) *got = 0;
  return -ENOSYS;
}
inline int locked_write(const char*, const uint8_t*, size_t, bool) { return -ENOSYS; }

}  // namespace ecelog

#else

#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

#include <mutex>

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

namespace ecelog {

namespace file_lock_detail {

// The process-wide mutex around every locked operation (a function-local static: one instance
// in the process however many translation units include this header).
inline std::mutex& process_mutex() {
  static std::mutex m;
  return m;
}

inline int open_retry(const char* path, int flags) {
  for (;;) {
    const int fd = ::open(path, flags | O_CLOEXEC);
    if (fd >= 0 || errno != EINTR) return fd;
  }
}

// F_SETLKW over the whole file with `type` (F_WRLCK, F_RDLCK or F_UNLCK); 0 or -errno.
inline int lock_whole(int fd, short type) {
  struct flock fl {};
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = 0;
  fl.l_len = 0;
  for (;;) {
    if (::fcntl(fd, F_SETLKW, &fl) == 0) return 0;
    if (errno != EINTR && errno != EAGAIN) return -errno;
  }
}

inline int sync_data(int fd) {
#if defined(__APPLE__)
  const int r = ::fsync(fd);
#else
  const int r = ::fdatasync(fd);
#endif
  return r == 0 ? 0 : -errno;
}

// Unlock (closing would drop the lock too; unlocking first makes the order explicit) and close.
// Returns the close error, if any (EINTR from close is not an error: the descriptor is gone).
inline int unlock_close(int fd) {
  lock_whole(fd, F_UNLCK);
  if (::close(fd) != 0 && errno != EINTR) return -errno;
  return 0;
}

}  // namespace file_lock_detail

inline int locked_read(const char* path, uint8_t* out, size_t cap, size_t* got) {
  namespace d = file_lock_detail;
  if (got) *got = 0;
  std::lock_guard<std::mutex> guard(d::process_mutex());
  short type = F_WRLCK;
  int fd = d::open_retry(path, O_RDWR);
  if (fd < 0 && (errno == EACCES || errno == EPERM || errno == EROFS)) {
    type = F_RDLCK;
    fd = d::open_retry(path, O_RDONLY);
  }
  if (fd < 0) return -errno;
  int err = d::lock_whole(fd, type);
  size_t done = 0;
  while (err == 0 && done < cap) {
    const ssize_t n = ::pread(fd, out + done, cap - done, static_cast<off_t>(done));
    if (n > 0) {
      done += static_cast<size_t>(n);
    } else if (n == 0) {
      break;  // end of file
    } else if (errno != EINTR) {
      err = -errno;
    }
  }
  d::unlock_close(fd);  // a close error after a read changes nothing that was read
  if (err != 0) return err;
  if (got) *got = done;
  return 0;
}

inline int locked_write(const char* path, const uint8_t* data, size_t len, bool sync) {
  namespace d = file_lock_detail;
  std::lock_guard<std::mutex> guard(d::process_mutex());
  const int fd = d::open_retry(path, O_RDWR);
  if (fd < 0) return -errno;
  int err = d::lock_whole(fd, F_WRLCK);
  size_t done = 0;
  while (err == 0 && done < len) {
    const ssize_t n = ::pwrite(fd, data + done, len - done, static_cast<off_t>(done));
    if (n > 0) {
      done += static_cast<size_t>(n);
    } else if (n == 0) {
      err = -EIO;  // no progress and no error: do not spin
    } else if (errno != EINTR) {
      err = -errno;
    }
  }
  if (err == 0 && sync) err = d::sync_data(fd);
  const int closed = d::unlock_close(fd);
  return err != 0 ? err : closed;
}

}  // namespace ecelog

#endif  // _WIN32

#endif  // ECELOG_FILE_LOCK_H
