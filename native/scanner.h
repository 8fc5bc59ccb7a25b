// ecelog native scanner: finds '@' and '\n' delimiters in Momentum MTA log bytes.
//
// Plain C++17, no Node-API: shared by the addon (binding.cc), the unit test
// (test_scanner.cc) and the fuzzers (fuzz/). It implements the contract of
// src/scanner/contract.ts exactly:
//
//   scan(buf, start, end, out, cap, info) -> entries
//
// Writes, in increasing order, one entry per delimiter in buf[start, end):
//   '@'  at offset p  ->  p
//   '\n' at offset p  ->  p | NEWLINE_BIT
// and stops at `end` or as soon as `cap` entries have been written. `info` receives
//   entries  number of entries written (also the return value)
//   lines    how many of them are newlines
//   next     `end` if the range was scanned completely, else the offset just after the
//            last entry written (where to resume)
//   flags    FLAG_NON_ASCII if a byte >= 0x80 is in [start, next),
//            FLAG_NUL       if a 0x00 byte is in [start, next)
//
// Preconditions (checked by the binding, not here): start <= end <= MAX_SCAN_END and
// buf[0, end) readable. Bytes at or after `end` are never read. cap == 0 is tolerated
// (nothing is written, next = start, flags = 0) although the JS API rejects it.
// Slots past out[entries - 1] are scratch: the SIMD scan may overwrite some of them (never at or
// past `cap`); their content is unspecified.
//
// SIMD flavours (chosen at compile time, no runtime dispatch):
//   "sse2"   x86-64 (SSE2 is baseline) or 32-bit x86 compiled with SSE2
//   "neon"   AArch64
//   "scalar" everything else, or when ECELOG_FORCE_SCALAR is defined
// The classifier works on 64-byte blocks in the simdjson stage-1 style: one 64-bit mask per
// character class, then a count-trailing-zeros loop over the delimiter mask.
#ifndef ECELOG_SCANNER_H
#define ECELOG_SCANNER_H

#include <cstddef>
#include <cstdint>
#include <cstring>

#if !defined(ECELOG_FORCE_SCALAR) &&                                                  \
    (defined(__x86_64__) || defined(_M_X64) || defined(__SSE2__) ||                   \
     (defined(_M_IX86_FP) && _M_IX86_FP >= 2))
#define ECELOG_SIMD_SSE2 1
#include <emmintrin.h>
#elif !defined(ECELOG_FORCE_SCALAR) && (defined(__aarch64__) || defined(_M_ARM64)) && \
    !defined(__AARCH64EB__)
#define ECELOG_SIMD_NEON 1
#include <arm_neon.h>
#endif

#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#define ECELOG_INLINE __forceinline
#else
#define ECELOG_INLINE inline __attribute__((always_inline))
#endif

namespace ecelog {

constexpr uint32_t NEWLINE_BIT = 0x80000000u;
constexpr uint32_t OFFSET_MASK = 0x7fffffffu;
constexpr size_t MAX_SCAN_END = 0x7fffffffu;
constexpr uint32_t FLAG_NON_ASCII = 1;
constexpr uint32_t FLAG_NUL = 2;

struct ScanInfo {
  uint32_t entries;
  uint32_t lines;
  uint32_t next;
  uint32_t flags;
};

#if defined(ECELOG_SIMD_SSE2)
constexpr const char* kSimd = "sse2";
#elif defined(ECELOG_SIMD_NEON)
constexpr const char* kSimd = "neon";
#else
constexpr const char* kSimd = "scalar";
#endif

/// Name of the compiled-in SIMD flavour: "sse2", "neon" or "scalar".
inline const char* simd_flavour() { return kSimd; }

/// Reference implementation, byte at a time (the same algorithm as src/scanner/js.ts).
inline size_t scan_scalar(const uint8_t* buf, size_t start, size_t end, uint32_t* out,
                          size_t cap, ScanInfo& info) {
  size_t n = 0;
  uint32_t lines = 0;
  unsigned orr = 0;   // OR of all bytes seen: bit 7 set <=> a byte >= 0x80
  bool nul = false;
  size_t i = start;
  if (cap != 0) {
    for (; i < end; i++) {
      const uint8_t c = buf[i];
      orr |= c;
      nul |= (c == 0);
      if (c == '@') {
        out[n++] = static_cast<uint32_t>(i);
        if (n == cap) { i++; break; }
      } else if (c == '\n') {
        out[n++] = static_cast<uint32_t>(i) | NEWLINE_BIT;
        lines++;
        if (n == cap) { i++; break; }
      }
    }
  }
  info.entries = static_cast<uint32_t>(n);
  info.lines = lines;
  info.next = static_cast<uint32_t>(i);
  info.flags = ((orr & 0x80u) ? FLAG_NON_ASCII : 0u) | (nul ? FLAG_NUL : 0u);
  return n;
}

namespace detail {

ECELOG_INLINE unsigned ctz64(uint64_t x) {  // x != 0
#if defined(_MSC_VER) && !defined(__clang__)
#if defined(_M_X64) || defined(_M_ARM64)
  unsigned long r;
  _BitScanForward64(&r, x);
  return static_cast<unsigned>(r);
#else
  unsigned long r;
  if (static_cast<uint32_t>(x) != 0) {
    _BitScanForward(&r, static_cast<uint32_t>(x));
    return static_cast<unsigned>(r);
  }
  _BitScanForward(&r, static_cast<uint32_t>(x >> 32));
  return static_cast<unsigned>(r) + 32;
#endif
#else
  return static_cast<unsigned>(__builtin_ctzll(x));
#endif
}

// Mask of bits [0, k] (k in 0..63). Unsigned shift wraps: k = 63 gives all ones.
ECELOG_INLINE uint64_t upto_inclusive(unsigned k) { return (uint64_t{2} << k) - 1; }

// Character classes of a 64-byte block, one bit per byte (byte 0 in bit 0).
struct Classes {
  uint64_t delims;    // '@' or '\n'
  uint64_t newlines;  // '\n'
  uint32_t lines;     // popcount(newlines)
  uint32_t count;     // popcount(delims)
};

#if defined(ECELOG_SIMD_SSE2)

// 64 bytes as four SSE2 registers.
struct Block {
  __m128i v0, v1, v2, v3;

  ECELOG_INLINE explicit Block(const uint8_t* p)
      : v0(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))),
        v1(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16))),
        v2(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 32))),
        v3(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 48))) {}

  static ECELOG_INLINE uint64_t bits(__m128i a, __m128i b, __m128i c, __m128i d) {
    const uint64_t m0 = static_cast<uint32_t>(_mm_movemask_epi8(a));
    const uint64_t m1 = static_cast<uint32_t>(_mm_movemask_epi8(b));
    const uint64_t m2 = static_cast<uint32_t>(_mm_movemask_epi8(c));
    const uint64_t m3 = static_cast<uint32_t>(_mm_movemask_epi8(d));
    return m0 | (m1 << 16) | (m2 << 32) | (m3 << 48);
  }

  // delims: '@' or '\n'; newlines: '\n' only; lines: popcount(newlines).
  ECELOG_INLINE Classes classify() const {
    const __m128i at = _mm_set1_epi8('@');
    const __m128i nl = _mm_set1_epi8('\n');
    const __m128i n0 = _mm_cmpeq_epi8(v0, nl), n1 = _mm_cmpeq_epi8(v1, nl);
    const __m128i n2 = _mm_cmpeq_epi8(v2, nl), n3 = _mm_cmpeq_epi8(v3, nl);
    Classes c;
    c.newlines = bits(n0, n1, n2, n3);
    const __m128i d0 = _mm_or_si128(n0, _mm_cmpeq_epi8(v0, at));
    const __m128i d1 = _mm_or_si128(n1, _mm_cmpeq_epi8(v1, at));
    const __m128i d2 = _mm_or_si128(n2, _mm_cmpeq_epi8(v2, at));
    const __m128i d3 = _mm_or_si128(n3, _mm_cmpeq_epi8(v3, at));
    c.delims = bits(d0, d1, d2, d3);
    c.lines = count_lanes(n0, n1, n2, n3);
    c.count = count_lanes(d0, d1, d2, d3);
    return c;
  }
  // No popcnt instruction in baseline x86-64: count the 0xff lanes of four comparison results
  // instead (each lane of the sum is 0..4 after negation, psadbw adds the 16 lanes into two
  // 64-bit halves).
  static ECELOG_INLINE uint32_t count_lanes(__m128i a, __m128i b, __m128i c, __m128i d) {
    const __m128i sum = _mm_sub_epi8(_mm_setzero_si128(), _mm_add_epi8(_mm_add_epi8(a, b), _mm_add_epi8(c, d)));
    const __m128i sad = _mm_sad_epu8(sum, _mm_setzero_si128());
    return static_cast<uint32_t>(_mm_cvtsi128_si32(sad) + _mm_extract_epi16(sad, 4));
  }
  ECELOG_INLINE uint64_t high() const { return bits(v0, v1, v2, v3); }
  ECELOG_INLINE uint64_t zero() const {
    const __m128i z = _mm_setzero_si128();
    return bits(_mm_cmpeq_epi8(v0, z), _mm_cmpeq_epi8(v1, z), _mm_cmpeq_epi8(v2, z),
                _mm_cmpeq_epi8(v3, z));
  }
};

// Flags of whole blocks, accumulated in registers: OR for the high bit, unsigned min for NUL.
struct FlagAcc {
  __m128i orr = _mm_setzero_si128();
  __m128i mn = _mm_set1_epi8(static_cast<char>(0xff));
  ECELOG_INLINE void add(const Block& b) {
    orr = _mm_or_si128(orr, _mm_or_si128(_mm_or_si128(b.v0, b.v1), _mm_or_si128(b.v2, b.v3)));
    mn = _mm_min_epu8(mn, _mm_min_epu8(_mm_min_epu8(b.v0, b.v1), _mm_min_epu8(b.v2, b.v3)));
  }
  ECELOG_INLINE uint32_t flags() const {
    uint32_t f = 0;
    if (_mm_movemask_epi8(orr) != 0) f |= FLAG_NON_ASCII;
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(mn, _mm_setzero_si128())) != 0) f |= FLAG_NUL;
    return f;
  }
};

#elif defined(ECELOG_SIMD_NEON)

struct Block {
  uint8x16_t v0, v1, v2, v3;

  ECELOG_INLINE explicit Block(const uint8_t* p)
      : v0(vld1q_u8(p)), v1(vld1q_u8(p + 16)), v2(vld1q_u8(p + 32)), v3(vld1q_u8(p + 48)) {}

  // movemask emulation for four 0x00/0xff comparison results (simdjson's to_bitmask):
  // keep one distinct bit per byte lane, then three pairwise-add rounds fold 64 lanes
  // into 8 bytes = one 64-bit mask, byte 0 of `a` in bit 0.
  static ECELOG_INLINE uint64_t bits(uint8x16_t a, uint8x16_t b, uint8x16_t c, uint8x16_t d) {
    static const uint8_t kBit[16] = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80,
                                     0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80};
    const uint8x16_t bit = vld1q_u8(kBit);
    uint8x16_t s0 = vpaddq_u8(vandq_u8(a, bit), vandq_u8(b, bit));
    uint8x16_t s1 = vpaddq_u8(vandq_u8(c, bit), vandq_u8(d, bit));
    s0 = vpaddq_u8(s0, s1);
    s0 = vpaddq_u8(s0, s0);
    return vgetq_lane_u64(vreinterpretq_u64_u8(s0), 0);
  }

  ECELOG_INLINE Classes classify() const {
    const uint8x16_t at = vdupq_n_u8('@');
    const uint8x16_t nl = vdupq_n_u8('\n');
    const uint8x16_t n0 = vceqq_u8(v0, nl), n1 = vceqq_u8(v1, nl);
    const uint8x16_t n2 = vceqq_u8(v2, nl), n3 = vceqq_u8(v3, nl);
    Classes c;
    c.newlines = bits(n0, n1, n2, n3);
    c.delims = bits(vorrq_u8(n0, vceqq_u8(v0, at)), vorrq_u8(n1, vceqq_u8(v1, at)),
                    vorrq_u8(n2, vceqq_u8(v2, at)), vorrq_u8(n3, vceqq_u8(v3, at)));
    c.lines = vaddv_u8(vcnt_u8(vcreate_u8(c.newlines)));
    c.count = vaddv_u8(vcnt_u8(vcreate_u8(c.delims)));
    return c;
  }
  ECELOG_INLINE uint64_t high() const {
    const uint8x16_t h = vdupq_n_u8(0x80);
    return bits(vcgeq_u8(v0, h), vcgeq_u8(v1, h), vcgeq_u8(v2, h), vcgeq_u8(v3, h));
  }
  ECELOG_INLINE uint64_t zero() const {
    return bits(vceqzq_u8(v0), vceqzq_u8(v1), vceqzq_u8(v2), vceqzq_u8(v3));
  }
};

struct FlagAcc {
  uint8x16_t mx = vdupq_n_u8(0);
  uint8x16_t mn = vdupq_n_u8(0xff);
  ECELOG_INLINE void add(const Block& b) {
    mx = vmaxq_u8(mx, vmaxq_u8(vmaxq_u8(b.v0, b.v1), vmaxq_u8(b.v2, b.v3)));
    mn = vminq_u8(mn, vminq_u8(vminq_u8(b.v0, b.v1), vminq_u8(b.v2, b.v3)));
  }
  ECELOG_INLINE uint32_t flags() const {
    uint32_t f = 0;
    if (vmaxvq_u8(mx) >= 0x80) f |= FLAG_NON_ASCII;
    if (vminvq_u8(mn) == 0) f |= FLAG_NUL;
    return f;
  }
};

#endif  // flavours

#if defined(ECELOG_SIMD_SSE2) || defined(ECELOG_SIMD_NEON)

// Entries written unconditionally per round in emit_all (see there). Measured on mainlog text
// (~5 delimiters per 64-byte block): 6 beat 4, 5, 7, 8 and 10.
constexpr int kRound = 6;

// One entry: the lowest delimiter of `delims`, its newline bit moved to bit 31 (truncating
// shift). Bit 63 is or-ed in so that ctz stays defined once `delims` is exhausted.
ECELOG_INLINE uint32_t lowest_entry(uint64_t delims, uint64_t newlines, uint32_t base) {
  const unsigned tz = ctz64(delims | (uint64_t{1} << 63));
  return (base + tz) | static_cast<uint32_t>((newlines >> tz) << 31);
}

// Writes all `count` entries of one block (simdjson's flatten_bits idea): the first kRound
// entries are written unconditionally, a second round only when the block holds more, then a
// loop for the rare rest, so the branch on the entry count is taken rarely instead of
// mispredicted per block. Unconditional writes past the last entry land in scratch slots (at
// most 2 * kRound - 1 after n): the caller guarantees room for more than 64 entries.
ECELOG_INLINE void emit_all(uint64_t delims, uint64_t newlines, uint32_t count, uint32_t base,
                            uint32_t* out, size_t& n) {
  uint32_t* o = out + n;
  for (int k = 0; k < kRound; k++, delims &= delims - 1) o[k] = lowest_entry(delims, newlines, base);
  if (count > static_cast<uint32_t>(kRound)) {
    for (int k = kRound; k < 2 * kRound; k++, delims &= delims - 1) o[k] = lowest_entry(delims, newlines, base);
    for (int k = 2 * kRound; delims != 0; k++, delims &= delims - 1) o[k] = lowest_entry(delims, newlines, base);
  }
  n += count;
}

// Writes the entries of one block until `cap` is reached. Returns the bit index of the entry
// that filled `out`, or -1 if the block was consumed without filling it.
ECELOG_INLINE int emit_checked(uint64_t delims, uint64_t newlines, uint32_t base, uint32_t* out,
                               size_t& n, size_t cap, uint32_t& lines) {
  while (delims != 0) {
    const unsigned tz = ctz64(delims);
    const uint32_t nlb = static_cast<uint32_t>(newlines >> tz) & 1u;
    out[n++] = (base + tz) | (nlb << 31);
    lines += nlb;
    if (n == cap) return static_cast<int>(tz);
    delims &= delims - 1;
  }
  return -1;
}

// Flags of the first bits of a block selected by `mask`.
ECELOG_INLINE uint32_t block_flags(const Block& b, uint64_t mask) {
  return ((b.high() & mask) ? FLAG_NON_ASCII : 0u) | ((b.zero() & mask) ? FLAG_NUL : 0u);
}

inline size_t scan_simd(const uint8_t* buf, size_t start, size_t end, uint32_t* out, size_t cap,
                        ScanInfo& info) {
  size_t n = 0;
  uint32_t lines = 0;
  uint32_t flags = 0;  // flags of a partially consumed (last) block
  FlagAcc acc;         // flags of fully consumed blocks
  size_t i = start;
  size_t next = end;

  if (cap == 0) {
    info.entries = 0;
    info.lines = 0;
    info.next = static_cast<uint32_t>(start);
    info.flags = 0;
    return 0;
  }

  // Fast loop: more room in out than any block can take (a block has <= 64 entries), so no
  // capacity checks. Blocks are always consumed whole here.
  for (; end - i >= 64 && cap - n > 64; i += 64) {
    const Block b(buf + i);
    const Classes c = b.classify();
    acc.add(b);
    lines += c.lines;
    emit_all(c.delims, c.newlines, c.count, static_cast<uint32_t>(i), out, n);
  }

  // Near capacity: check after every entry (emit_checked relies on n < cap on entry).
  bool full = false;
  for (; end - i >= 64; i += 64) {
    const Block b(buf + i);
    const Classes c = b.classify();
    const int stop = emit_checked(c.delims, c.newlines, static_cast<uint32_t>(i), out, n, cap, lines);
    if (stop < 0) {
      acc.add(b);
      continue;
    }
    // out is full: the block counts only up to and including the last entry written.
    next = i + static_cast<size_t>(stop) + 1;
    flags = block_flags(b, upto_inclusive(static_cast<unsigned>(stop)));
    full = true;
    break;
  }

  if (!full && i < end) {
    // Tail of 1..63 bytes, copied into a zero-padded block: never reads past `end`.
    // (Padding zeros are not delimiters; the mask keeps them out of the flags.)
    const size_t len = end - i;
    alignas(16) uint8_t tmp[64] = {};
    std::memcpy(tmp, buf + i, len);
    const Block b(tmp);
    uint64_t mask = (uint64_t{1} << len) - 1;
    const Classes c = b.classify();
    const int stop =
        emit_checked(c.delims & mask, c.newlines, static_cast<uint32_t>(i), out, n, cap, lines);
    if (stop >= 0) {
      next = i + static_cast<size_t>(stop) + 1;
      mask = upto_inclusive(static_cast<unsigned>(stop));
    }
    flags = block_flags(b, mask);
  }

  info.entries = static_cast<uint32_t>(n);
  info.lines = lines;
  info.next = static_cast<uint32_t>(next);
  info.flags = flags | acc.flags();
  return n;
}

#endif  // SIMD

}  // namespace detail

/// The fastest compiled-in implementation (the SIMD one, or scan_scalar).
inline size_t scan(const uint8_t* buf, size_t start, size_t end, uint32_t* out, size_t cap,
                   ScanInfo& info) {
#if defined(ECELOG_SIMD_SSE2) || defined(ECELOG_SIMD_NEON)
  return detail::scan_simd(buf, start, end, out, cap, info);
#else
  return scan_scalar(buf, start, end, out, cap, info);
#endif
}

}  // namespace ecelog

#endif  // ECELOG_SCANNER_H
