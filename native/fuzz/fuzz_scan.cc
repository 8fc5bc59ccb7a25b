// libFuzzer target: the SIMD scan() against scan_scalar() plus the contract's invariants.
// Input: 2 bytes start-ish, 2 bytes end-ish, 1 byte cap, then the buffer. The buffer and out
// are exact-size heap copies so ASan flags any read past `end` or write past `cap`.
//   build/fuzz/fuzz/fuzz_scan -max_len=4096 -artifact_prefix=build/fuzz/ build/fuzz/corpus
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "../scanner.h"

#define FUZZ_CHECK(c) \
  do {                \
    if (!(c)) std::abort(); \
  } while (0)

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 5) return 0;
  const size_t a = data[0] | (size_t{data[1]} << 8);
  const size_t b = data[2] | (size_t{data[3]} << 8);
  const size_t cap = data[4];  // 0 is allowed by the C++ API (nothing written)
  data += 5;
  size -= 5;
  const size_t end = size ? b % (size + 1) : 0;
  const size_t start = end ? a % (end + 1) : 0;

  std::unique_ptr<uint8_t[]> buf(new uint8_t[end ? end : 1]);
  if (end) std::memcpy(buf.get(), data, end);
  std::unique_ptr<uint32_t[]> o1(new uint32_t[cap ? cap : 1]);
  std::unique_ptr<uint32_t[]> o2(new uint32_t[cap ? cap : 1]);
  for (size_t k = 0; k < cap; k++) o1[k] = o2[k] = 0xdeadbeefu;

  ecelog::ScanInfo i1{}, i2{};
  const size_t n1 = ecelog::scan(buf.get(), start, end, o1.get(), cap, i1);
  const size_t n2 = ecelog::scan_scalar(buf.get(), start, end, o2.get(), cap, i2);
  FUZZ_CHECK(n1 == n2 && i1.entries == n1 && i2.entries == n2);
  FUZZ_CHECK(i1.lines == i2.lines && i1.next == i2.next && i1.flags == i2.flags);
  FUZZ_CHECK(cap == 0 || std::memcmp(o1.get(), o2.get(), cap * sizeof(uint32_t)) == 0);

  // Invariants against the bytes.
  FUZZ_CHECK(n1 <= cap && i1.next >= start && i1.next <= end);
  if (cap == 0)
    FUZZ_CHECK(n1 == 0 && i1.next == start && i1.flags == 0);
  else
    FUZZ_CHECK(i1.next == end || (n1 == cap && (o1[n1 - 1] & ecelog::OFFSET_MASK) + 1 == i1.next));
  size_t k = 0;
  uint32_t lines = 0, flags = 0;
  for (size_t p = start; p < i1.next; p++) {
    const uint8_t c = buf[p];
    if (c >= 0x80) flags |= ecelog::FLAG_NON_ASCII;
    if (c == 0) flags |= ecelog::FLAG_NUL;
    if (c == '@' || c == '\n') {
      FUZZ_CHECK(k < n1);
      FUZZ_CHECK(o1[k] == (static_cast<uint32_t>(p) | (c == '\n' ? ecelog::NEWLINE_BIT : 0u)));
      k++;
      lines += (c == '\n');
    }
  }
  FUZZ_CHECK(k == n1 && lines == i1.lines && flags == i1.flags);
  for (size_t q = n1; q < cap; q++) FUZZ_CHECK(o1[q] == 0xdeadbeefu);
  return 0;
}
