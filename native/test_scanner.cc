// Unit test for native/scanner.h: the compiled-in SIMD scan() against scan_scalar() on random
// buffers of every length 0..300 with random start/end/cap, plus the contract's invariants
// checked against a brute-force reading of the bytes. Exit status 0 = pass.
// Each call gets its own exact-size copies of buf[0, end) and out[0, cap), so ASan builds
// (ECELOG_SANITIZE=ON) catch any read past `end` or write past `cap`.
#include "scan_check.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

int failures = 0;

#define CHECK(cond)                                                                       \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      if (++failures <= 20)                                                               \
        std::fprintf(stderr, "FAIL %s:%d: %s (len=%zu start=%zu end=%zu cap=%zu)\n",       \
                     __FILE__, __LINE__, #cond, ctx_len, ctx_start, ctx_end, ctx_cap);    \
    }                                                                                     \
  } while (0)

size_t ctx_len, ctx_start, ctx_end, ctx_cap;
std::vector<ecelog::Flavour> flavours;  // every flavour this build and CPU can run
constexpr uint32_t kSentinel = 0xdeadbeefu;

uint8_t random_byte(std::mt19937_64& rng, unsigned profile) {
  const unsigned r = static_cast<unsigned>(rng() % 100);
  switch (profile) {
    case 0:  // log-like: mostly ASCII text, some '@' and '\n'
      if (r < 7) return '@';
      if (r < 9) return '\n';
      if (r == 9) return 0;
      if (r == 10) return static_cast<uint8_t>(0x80 | (rng() & 0x7f));
      return static_cast<uint8_t>(0x20 + rng() % 0x5f);
    case 1:  // dense delimiters
      if (r < 40) return '@';
      if (r < 80) return '\n';
      return static_cast<uint8_t>(rng());
    case 2:  // uniform random bytes
      return static_cast<uint8_t>(rng());
    case 3:  // delimiters only: blocks with 64 entries
      return (rng() & 1) ? '@' : '\n';
    default:  // no delimiters at all, rare flags
      if (r == 0) return 0;
      if (r == 1) return 0xff;
      return 'a' + static_cast<uint8_t>(rng() % 26);
  }
}

void check_one(const std::vector<uint8_t>& data, size_t start, size_t end, size_t cap) {
  ctx_len = data.size();
  ctx_start = start;
  ctx_end = end;
  ctx_cap = cap;

  // Exact-size copies of what the callee may touch.
  std::unique_ptr<uint8_t[]> buf(new uint8_t[end ? end : 1]);
  if (end) std::memcpy(buf.get(), data.data(), end);
  std::unique_ptr<uint32_t[]> out_simd(new uint32_t[cap ? cap : 1]);
  std::unique_ptr<uint32_t[]> out_ref(new uint32_t[cap ? cap : 1]);
  for (size_t k = 0; k < cap; k++) out_simd[k] = out_ref[k] = kSentinel;

  ecelog::ScanInfo ir{~0u, ~0u, ~0u, ~0u};
  const size_t nr = ecelog::scan_scalar(buf.get(), start, end, out_ref.get(), cap, ir);
  // Every flavour this CPU runs == scalar, and the contract's invariants (native/scan_check.h).
  for (ecelog::Flavour f : flavours) {
    for (size_t k = 0; k < cap; k++) out_simd[k] = kSentinel;
    ecelog::ScanInfo is{~0u, ~0u, ~0u, ~0u};
    const size_t ns = ecelog::scan_with(f, buf.get(), start, end, out_simd.get(), cap, is);
    const char* broken = ecelog::check_scan(buf.get(), start, end, cap, out_simd.get(), ns, is,
                                            out_ref.get(), nr, ir);
    if (broken != nullptr && ++failures <= 20)
      std::fprintf(stderr, "FAIL %s: %s (len=%zu start=%zu end=%zu cap=%zu)\n",
                   ecelog::flavour_name(f), broken, ctx_len, start, end, cap);
  }
  // Full range and out not full: every delimiter in [start, end) was reported.
  if (nr < cap) CHECK(ir.next == end);
}

// Scanning all of `data` with an out of `cap` entries, resumed at info.next, must reproduce one
// scalar scan of the whole buffer.
void resume_loop(const std::vector<uint8_t>& data, size_t cap, ecelog::Flavour f) {
  const size_t len = data.size();
  size_t pos = 0, total = 0;
  std::vector<uint32_t> all;
  std::unique_ptr<uint32_t[]> out(new uint32_t[cap]);
  ecelog::ScanInfo info{};
  uint32_t flags = 0;
  for (size_t guard = 0; guard <= len; guard++) {
    ecelog::scan_with(f, data.data(), pos, len, out.get(), cap, info);
    all.insert(all.end(), out.get(), out.get() + info.entries);
    total += info.entries;
    flags |= info.flags;
    CHECK(info.next > pos || info.next == len);
    pos = info.next;
    if (pos == len) break;
  }
  std::vector<uint32_t> big(len + 1);
  ecelog::ScanInfo bi{};
  ecelog::scan_scalar(data.data(), 0, len, big.data(), len + 1, bi);
  ctx_len = len;
  ctx_start = 0;
  ctx_end = len;
  ctx_cap = cap;
  CHECK(pos == len);
  CHECK(total == bi.entries);
  CHECK(total == 0 || std::memcmp(all.data(), big.data(), total * sizeof(uint32_t)) == 0);
  CHECK(flags == bi.flags);
}

}  // namespace

int main(int argc, char** argv) {
  const uint64_t seed = argc > 1 ? std::strtoull(argv[1], nullptr, 0) : 0x5eed;
  std::mt19937_64 rng(seed);
  for (int f = 0; f < ecelog::kFlavours; f++)
    if (ecelog::flavour_supported(static_cast<ecelog::Flavour>(f)))
      flavours.push_back(static_cast<ecelog::Flavour>(f));
  std::string names;
  for (ecelog::Flavour f : flavours) names += std::string(names.empty() ? "" : ",") + ecelog::flavour_name(f);
  std::printf("test_scanner: best=%s flavours=%s seed=%llu\n", ecelog::simd_flavour(),
              names.c_str(), static_cast<unsigned long long>(seed));
  size_t calls = 0;

  for (size_t len = 0; len <= 300; len++) {
    for (unsigned profile = 0; profile < 5; profile++) {
      std::vector<uint8_t> data(len);
      for (auto& c : data) c = random_byte(rng, profile);
      // Whole buffer, large and exact-ish caps.
      const size_t caps[] = {1, 2, 3, 7, 63, 64, 65, 66, 129, 1000};
      for (size_t cap : caps) {
        check_one(data, 0, len, cap);
        calls++;
      }
      // Random sub-ranges and caps.
      for (int t = 0; t < 40; t++) {
        size_t a = len ? rng() % (len + 1) : 0, b = len ? rng() % (len + 1) : 0;
        if (a > b) std::swap(a, b);
        const size_t cap = (rng() % 4 == 0) ? 1 + rng() % 200 : 1 + rng() % 8;
        check_one(data, a, b, cap);
        calls++;
      }
      // Resume loop: scanning with a small out in chunks must reproduce one big scan.
      if (len > 0) {
        const size_t cap = 1 + rng() % 5;
        for (ecelog::Flavour f : flavours) resume_loop(data, cap, f);
      }
    }
  }

  // Long buffers (the unchecked fast loop over many blocks), whole and resumed with outs of
  // every size around the 64-entry margin of the fast loop.
  for (unsigned profile = 0; profile < 5; profile++) {
    for (size_t len : {size_t{4096}, size_t{20011}}) {
      std::vector<uint8_t> data(len);
      for (auto& c : data) c = random_byte(rng, profile);
      for (size_t cap : {size_t{len + 1}, size_t{4096}, size_t{129}, size_t{66}, size_t{65}}) {
        check_one(data, 0, len, cap);
        check_one(data, rng() % 64, len - rng() % 64, cap);
        calls += 2;
      }
      for (ecelog::Flavour f : flavours)
        for (size_t cap : {size_t{65}, size_t{66}, size_t{127}, size_t{1000}}) resume_loop(data, cap, f);
    }
  }

  for (ecelog::Flavour f : flavours) {
    // cap == 0 is tolerated; start == end with a null buffer reads nothing.
    ecelog::ScanInfo info{9, 9, 9, 9};
    uint32_t dummy = kSentinel;
    ctx_len = ctx_start = ctx_end = ctx_cap = 0;
    CHECK(ecelog::scan_with(f, nullptr, 0, 0, &dummy, 1, info) == 0);
    CHECK(info.entries == 0 && info.lines == 0 && info.next == 0 && info.flags == 0);
    const uint8_t txt[] = "a@b\n";
    CHECK(ecelog::scan_with(f, txt, 1, 4, &dummy, 0, info) == 0);
    CHECK(info.next == 1 && info.flags == 0 && dummy == kSentinel);

    // Hand-computed example: "ab@c\n@\r\nx".
    const char* s = "ab@c\n@\r\nx";
    uint32_t out[8];
    const size_t n = ecelog::scan_with(f, reinterpret_cast<const uint8_t*>(s), 0, 9, out, 8, info);
    ctx_len = ctx_end = 9;
    ctx_start = 0;
    ctx_cap = 8;
    CHECK(n == 4 && out[0] == 2 && out[1] == (4 | ecelog::NEWLINE_BIT) && out[2] == 5 &&
          out[3] == (7 | ecelog::NEWLINE_BIT));
    CHECK(info.entries == 4 && info.lines == 2 && info.next == 9 && info.flags == 0);
  }
  // scan() is the best flavour.
  CHECK(!flavours.empty() && flavours.back() == ecelog::best_flavour());

  std::printf("test_scanner: %zu calls, %d failures\n", calls, failures);
  return failures == 0 ? 0 : 1;
}
