// The scanner's contract, checked: for tests and fuzzers (no N-API). check_scan() compares one
// scan() result with scan_scalar() and with a brute-force reading of the bytes, and returns a
// description of the first broken invariant, or nullptr.
//   out, ref: the outputs of scan() and scan_scalar() for the same arguments, each `cap` long
//             (slots past the entries are scratch: not compared).
#ifndef ECELOG_SCAN_CHECK_H
#define ECELOG_SCAN_CHECK_H

#include <cstring>

#include "scanner.h"

namespace ecelog {

inline const char* check_scan(const uint8_t* buf, size_t start, size_t end, size_t cap,
                              const uint32_t* out, size_t n, const ScanInfo& info,
                              const uint32_t* ref, size_t nref, const ScanInfo& iref) {
  if (n != nref || info.entries != iref.entries || info.lines != iref.lines ||
      info.next != iref.next || info.flags != iref.flags)
    return "scan() and scan_scalar() disagree on the counts";
  if (n > 0 && std::memcmp(out, ref, n * sizeof(uint32_t)) != 0)
    return "scan() and scan_scalar() disagree on the entries";
  if (info.entries != n || n > cap) return "entry count";
  if (info.next < start || info.next > end) return "next outside [start, end]";
  if (cap == 0 && (info.next != start || info.flags != 0)) return "cap 0 must scan nothing";
  if (cap > 0 && info.next != end && !(n == cap && (out[n - 1] & OFFSET_MASK) + 1 == info.next))
    return "stopped early without a full output";
  size_t k = 0;
  uint32_t lines = 0, flags = 0;
  for (size_t p = start; p < info.next; p++) {
    const uint8_t c = buf[p];
    if (c >= 0x80) flags |= FLAG_NON_ASCII;
    if (c == 0) flags |= FLAG_NUL;
    if (c == '@' || c == '\n') {
      const uint32_t want = static_cast<uint32_t>(p) | (c == '\n' ? NEWLINE_BIT : 0u);
      if (k >= n || out[k] != want) return "a delimiter missed or misreported";
      k++;
      lines += (c == '\n');
    }
  }
  if (k != n) return "an entry that is not a delimiter";
  if (lines != info.lines) return "line count";
  if (flags != info.flags) return "flags";
  return nullptr;
}

}  // namespace ecelog

#endif
