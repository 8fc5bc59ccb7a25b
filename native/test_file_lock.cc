// Unit test for native/file_lock.h (POSIX; on Windows it only checks the -ENOSYS stubs).
//  - exact bytes: what locked_write writes, locked_read reads back; reads stop at end of file
//    or at `cap`; a write never truncates or creates the file; a missing file is -ENOENT;
//  - exclusion between processes: a forked child holds libjlog's lock (F_SETLKW F_WRLCK, whole
//    file) and writes its own bytes just before releasing it; the parent's locked_write /
//    locked_read, called while the child holds the lock, must come after that write. The order
//    is read from the file's content, never from timings: a call that does not wait runs during
//    the child's sleep and is then overwritten (write) or sees the old bytes (read);
//  - the read-only fallback: a process that may not open the file for writing still reads it,
//    under a read lock that a writer's lock excludes (run as an unprivileged user when root).
// Exit status 0 = pass.
#include "file_lock.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#if defined(_WIN32)

int main() {
  uint8_t b[8];
  size_t got = 1;
  if (ecelog::locked_read("x", b, sizeof b, &got) != -ENOSYS || got != 0) return 1;
  if (ecelog::locked_write("x", b, sizeof b, false) != -ENOSYS) return 1;
  std::puts("test_file_lock: Windows stubs ok");
  return 0;
}

#else

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

namespace {

int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      failures++;                                                              \
      std::fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);     \
    }                                                                          \
  } while (0)

std::string dir;

std::string make_file(const char* name, const char* content, mode_t mode = 0644) {
  const std::string path = dir + "/" + name;
  unlink(path.c_str());
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const ssize_t len = static_cast<ssize_t>(std::strlen(content));
  if (fd < 0 || write(fd, content, static_cast<size_t>(len)) != len) {
    std::perror(path.c_str());
    std::exit(2);
  }
  close(fd);
  chmod(path.c_str(), mode);
  return path;
}

std::string content(const std::string& path) {
  char buf[256];
  const int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) return "<missing>";
  const ssize_t n = read(fd, buf, sizeof buf);
  close(fd);
  return n < 0 ? "<error>" : std::string(buf, static_cast<size_t>(n));
}

std::string read_str(const std::string& path, size_t cap, int* result = nullptr) {
  uint8_t buf[256];
  size_t got = 12345;
  const int r = ecelog::locked_read(path.c_str(), buf, cap, &got);
  if (result) *result = r;
  return r == 0 ? std::string(reinterpret_cast<char*>(buf), got) : "<error>";
}

int write_str(const std::string& path, const char* s, bool sync = false) {
  return ecelog::locked_write(path.c_str(), reinterpret_cast<const uint8_t*>(s), std::strlen(s),
                              sync);
}

// libjlog's lock, taken directly (not through file_lock.h).
bool raw_lock(int fd, short type) {
  struct flock fl {};
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  return fcntl(fd, F_SETLKW, &fl) == 0;
}

// A child that takes the lock, tells the parent (one byte on a pipe), sleeps, writes `bytes` at
// offset 0 and releases the lock by exiting. Returns its pid once it holds the lock.
pid_t child_holding_lock(const std::string& path, const char* bytes, unsigned ms) {
  int p[2];
  if (pipe(p) != 0) std::exit(2);
  const pid_t pid = fork();
  if (pid < 0) std::exit(2);
  if (pid == 0) {
    close(p[0]);
    const int fd = open(path.c_str(), O_RDWR);
    if (fd < 0 || !raw_lock(fd, F_WRLCK)) _exit(3);
    if (write(p[1], "L", 1) != 1) _exit(3);
    usleep(ms * 1000);
    if (pwrite(fd, bytes, std::strlen(bytes), 0) != static_cast<ssize_t>(std::strlen(bytes)))
      _exit(3);
    _exit(0);
  }
  close(p[1]);
  char c = 0;
  if (read(p[0], &c, 1) != 1 || c != 'L') {
    std::fprintf(stderr, "child could not take the lock\n");
    std::exit(2);
  }
  close(p[0]);
  return pid;
}

bool child_ok(pid_t pid) {
  int status = 0;
  return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void test_bytes() {
  const std::string cp = make_file("cp.6d6173746572", "");
  CHECK(write_str(cp, "\x01\x02\x03\x04") == 0);
  CHECK(content(cp) == std::string("\x01\x02\x03\x04", 4));
  const uint8_t eight[8] = {1, 0, 0, 0, 0xff, 0xfe, 0, 0x80};
  CHECK(ecelog::locked_write(cp.c_str(), eight, 8, true) == 0);
  CHECK(content(cp) == std::string(reinterpret_cast<const char*>(eight), 8));
  int r = -1;
  CHECK(read_str(cp, 8, &r) == std::string(reinterpret_cast<const char*>(eight), 8) && r == 0);
  CHECK(read_str(cp, 200) == std::string(reinterpret_cast<const char*>(eight), 8));  // EOF
  CHECK(read_str(cp, 3) == std::string(reinterpret_cast<const char*>(eight), 3));    // cap
  CHECK(read_str(cp, 0) == "");
  // A shorter write replaces the first bytes only (pwrite at 0, no truncation).
  CHECK(write_str(cp, "ab") == 0);
  const std::string rest(reinterpret_cast<const char*>(eight) + 2, 6);
  CHECK(content(cp) == "ab" + rest);
  CHECK(write_str(cp, "") == 0);
  CHECK(content(cp).size() == 8);
  // An empty file (a cp file being created) reads as 0 bytes.
  const std::string empty = make_file("cp.656d707479", "");
  CHECK(read_str(empty, 8, &r) == "" && r == 0);
}

void test_errors() {
  const std::string missing = dir + "/cp.6e6f6e65";
  unlink(missing.c_str());
  int r = 0;
  uint8_t buf[8];
  size_t got = 99;
  CHECK(ecelog::locked_read(missing.c_str(), buf, 8, &got) == -ENOENT && got == 0);
  CHECK(write_str(missing, "12345678") == -ENOENT);
  CHECK(content(missing) == "<missing>");  // never created
  read_str(dir, 8, &r);
  CHECK(r == -EISDIR);
  CHECK(write_str(dir, "x") == -EISDIR);
  CHECK(write_str(dir + "/no/such/dir", "x") == -ENOENT);
}

void test_exclusion() {
  // The parent's write is called while the child holds the lock: it must land after the
  // child's write, so the file ends with the parent's bytes.
  const std::string cp = make_file("cp.6c6f636b", "00000000");
  pid_t pid = child_holding_lock(cp, "childwr!", 300);
  CHECK(write_str(cp, "parentwr", true) == 0);
  CHECK(child_ok(pid));  // the child has written and exited: its bytes are in the file by now
  CHECK(content(cp) == "parentwr");

  // The parent's read, called while the child holds the lock, must see the child's bytes.
  pid = child_holding_lock(cp, "childrd!", 300);
  int r = -1;
  CHECK(read_str(cp, 8, &r) == "childrd!" && r == 0);
  CHECK(child_ok(pid));
}

// locked_read of a file this process may not open for writing: O_RDONLY + F_RDLCK, which still
// waits for a writer's lock. Run in a child that is not root (root may open anything O_RDWR).
void test_read_only() {
  const std::string cp = make_file("cp.726f", "oldbytes", 0444);
  chmod(dir.c_str(), 0755);
  const int fd = open(cp.c_str(), O_RDWR);  // the parent (owner or root) holds the write lock
  if (fd < 0 || !raw_lock(fd, F_WRLCK)) {
    std::perror("lock");
    std::exit(2);
  }
  int p[2];
  if (pipe(p) != 0) std::exit(2);
  const pid_t pid = fork();
  if (pid == 0) {
    close(p[0]);
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(4);
    if (open(cp.c_str(), O_RDWR) >= 0 || errno != EACCES) _exit(5);  // really read-only to us
    if (write_str(cp, "nope") != -EACCES) _exit(6);
    if (write(p[1], "R", 1) != 1) _exit(3);
    int r = -1;
    const std::string got = read_str(cp, 8, &r);  // waits for the parent's lock
    _exit(r == 0 && got == "newbytes" ? 0 : 7);
  }
  close(p[1]);
  char c = 0;
  CHECK(read(p[0], &c, 1) == 1 && c == 'R');
  close(p[0]);
  usleep(300 * 1000);
  CHECK(pwrite(fd, "newbytes", 8, 0) == 8);
  close(fd);  // releases the lock
  int status = 0;
  CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status));
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    std::fprintf(stderr, "read-only child exited with %d\n", WEXITSTATUS(status));
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  chmod(cp.c_str(), 0644);
  chmod(dir.c_str(), 0700);
}

}  // namespace

int main() {
  char tmpl[] = "/tmp/ecelog-file-lock.XXXXXX";
  if (!mkdtemp(tmpl)) {
    std::perror("mkdtemp");
    return 2;
  }
  dir = tmpl;
  test_bytes();
  test_errors();
  test_exclusion();
  test_read_only();
  const std::string rm = "rm -rf '" + dir + "'";
  if (std::system(rm.c_str()) != 0) std::fprintf(stderr, "could not remove %s\n", dir.c_str());
  if (failures) {
    std::fprintf(stderr, "test_file_lock: %d failure(s)\n", failures);
    return 1;
  }
  std::puts("test_file_lock: ok");
  return 0;
}

#endif  // _WIN32
