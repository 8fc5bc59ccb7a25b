// libFuzzer target: every flavour this CPU runs (scan_with) against scan_scalar() plus the
// contract's invariants.
// Input: 2 bytes start-ish, 2 bytes end-ish, 1 byte cap, then the buffer. The buffer and out
// are exact-size heap copies so ASan flags any read past `end` or write past `cap`.
//   scripts/fuzz.sh [SECONDS]   builds it into build-fuzz/ and runs it on a copy of the seeds in
//   native/fuzz/corpus/ (spec examples and sample lines; regenerate: native/fuzz/make_corpus.py)
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "../scan_check.h"

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
  for (size_t k = 0; k < cap; k++) o2[k] = 0xdeadbeefu;
  ecelog::ScanInfo i2{};
  const size_t n2 = ecelog::scan_scalar(buf.get(), start, end, o2.get(), cap, i2);

  for (int f = 1; f < ecelog::kFlavours; f++) {
    const auto flavour = static_cast<ecelog::Flavour>(f);
    if (!ecelog::flavour_supported(flavour)) continue;
    for (size_t k = 0; k < cap; k++) o1[k] = 0xdeadbeefu;
    ecelog::ScanInfo i1{};
    const size_t n1 = ecelog::scan_with(flavour, buf.get(), start, end, o1.get(), cap, i1);
    FUZZ_CHECK(ecelog::check_scan(buf.get(), start, end, cap, o1.get(), n1, i1, o2.get(), n2, i2) == nullptr);
  }
  return 0;
}
