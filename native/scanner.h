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
// Flavours (see scan_with()):
//   "avx512" x86-64 with AVX-512 F+BW+VL: one compare per class into mask registers, entries
//            written with vpcompressd (no per-entry loop)
//   "avx2"   x86-64 with AVX2: 32-byte compares, the count-trailing-zeros loop below
//   "sse2"   x86-64 (SSE2 is baseline) or 32-bit x86 compiled with SSE2
//   "neon"   AArch64
//   "scalar" everything else, or when ECELOG_FORCE_SCALAR is defined
// SSE2 and NEON are chosen at compile time. AVX2 and AVX-512 are compiled into the same binary
// inside GCC/Clang target regions and chosen at run time from CPUID (best_flavour();
// ECELOG_NO_DISPATCH leaves them out). Every flavour gives byte-for-byte the same result.
// The classifier works on 64-byte blocks in the simdjson stage-1 style: one 64-bit mask per
// character class, then a count-trailing-zeros loop (or a compress) over the delimiter mask.
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
#if (defined(__x86_64__) || defined(_M_X64)) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(ECELOG_NO_DISPATCH)
#define ECELOG_X86_DISPATCH 1
#include <immintrin.h>
#endif
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

/// The scanner implementations. scan_with() runs any of them; scan() the best one this CPU has.
enum class Flavour : int { scalar = 0, sse2 = 1, neon = 2, avx2 = 3, avx512 = 4 };
constexpr int kFlavours = 5;

/// "scalar", "sse2", "neon", "avx2" or "avx512".
inline const char* flavour_name(Flavour f) {
  static const char* const names[kFlavours] = {"scalar", "sse2", "neon", "avx2", "avx512"};
  const int i = static_cast<int>(f);
  return i >= 0 && i < kFlavours ? names[i] : "?";
}

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

// The emit() of the block types that write their entries with the ctz loop (all but AVX-512).
struct CtzEmit {
  static ECELOG_INLINE void emit(const Classes& c, uint32_t base, uint32_t* out, size_t& n) {
    emit_all(c.delims, c.newlines, c.count, base, out, n);
  }
};

#endif

#if defined(ECELOG_SIMD_SSE2)

// 64 bytes as four SSE2 registers.
struct Block : CtzEmit {
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

struct Block : CtzEmit {
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
// The block loop for the compile-time flavour.
namespace baseline {
#include "scan_loop.inc"
}  // namespace baseline

#if defined(ECELOG_SIMD_SSE2)
inline size_t scan_sse2(const uint8_t* buf, size_t start, size_t end, uint32_t* out, size_t cap,
                        ScanInfo& info) {
  return baseline::scan_blocks<Block, FlagAcc>(buf, start, end, out, cap, info);
}
#else
inline size_t scan_neon(const uint8_t* buf, size_t start, size_t end, uint32_t* out, size_t cap,
                        ScanInfo& info) {
  return baseline::scan_blocks<Block, FlagAcc>(buf, start, end, out, cap, info);
}
#endif

#endif  // SSE2 || NEON

#if defined(ECELOG_X86_DISPATCH)

// Flavours for newer x86-64 levels than the baseline, each compiled inside a target region
// (every function defined in it may use the region's instructions) and called only after
// flavour_supported() found the instructions on this CPU.
#if defined(__clang__)
#define ECELOG_TARGET_BEGIN_AVX2 \
  _Pragma("clang attribute push(__attribute__((target(\"avx2,bmi,popcnt\"))), apply_to = function)")
#define ECELOG_TARGET_BEGIN_AVX512 \
  _Pragma("clang attribute push(__attribute__((target(\"avx512f,avx512bw,avx512vl,avx2,bmi,popcnt\"))), apply_to = function)")
#define ECELOG_TARGET_END _Pragma("clang attribute pop")
#else
#define ECELOG_TARGET_BEGIN_AVX2 _Pragma("GCC push_options") _Pragma("GCC target(\"avx2,bmi,popcnt\")")
#define ECELOG_TARGET_BEGIN_AVX512 \
  _Pragma("GCC push_options") _Pragma("GCC target(\"avx512f,avx512bw,avx512vl,avx2,bmi,popcnt\")")
#define ECELOG_TARGET_END _Pragma("GCC pop_options")
#endif

ECELOG_TARGET_BEGIN_AVX2

// 64 bytes as two AVX2 registers; the ctz loop writes the entries.
struct Avx2Block : CtzEmit {
  __m256i lo, hi;

  ECELOG_INLINE explicit Avx2Block(const uint8_t* p)
      : lo(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p))),
        hi(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32))) {}

  static ECELOG_INLINE uint64_t bits(__m256i a, __m256i b) {
    return static_cast<uint32_t>(_mm256_movemask_epi8(a)) |
           (uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(b))} << 32);
  }
  ECELOG_INLINE Classes classify() const {
    const __m256i at = _mm256_set1_epi8('@');
    const __m256i nl = _mm256_set1_epi8('\n');
    const __m256i n0 = _mm256_cmpeq_epi8(lo, nl), n1 = _mm256_cmpeq_epi8(hi, nl);
    Classes c;
    c.newlines = bits(n0, n1);
    c.delims = bits(_mm256_or_si256(n0, _mm256_cmpeq_epi8(lo, at)),
                    _mm256_or_si256(n1, _mm256_cmpeq_epi8(hi, at)));
    c.lines = static_cast<uint32_t>(_mm_popcnt_u64(c.newlines));
    c.count = static_cast<uint32_t>(_mm_popcnt_u64(c.delims));
    return c;
  }
  ECELOG_INLINE uint64_t high() const { return bits(lo, hi); }
  ECELOG_INLINE uint64_t zero() const {
    const __m256i z = _mm256_setzero_si256();
    return bits(_mm256_cmpeq_epi8(lo, z), _mm256_cmpeq_epi8(hi, z));
  }
};

struct Avx2FlagAcc {
  __m256i orr, mn;
  ECELOG_INLINE Avx2FlagAcc()
      : orr(_mm256_setzero_si256()), mn(_mm256_set1_epi8(static_cast<char>(0xff))) {}
  ECELOG_INLINE void add(const Avx2Block& b) {
    orr = _mm256_or_si256(orr, _mm256_or_si256(b.lo, b.hi));
    mn = _mm256_min_epu8(mn, _mm256_min_epu8(b.lo, b.hi));
  }
  ECELOG_INLINE uint32_t flags() const {
    uint32_t f = 0;
    if (_mm256_movemask_epi8(orr) != 0) f |= FLAG_NON_ASCII;
    if (_mm256_movemask_epi8(_mm256_cmpeq_epi8(mn, _mm256_setzero_si256())) != 0) f |= FLAG_NUL;
    return f;
  }
};

namespace avx2 {
#include "scan_loop.inc"
}  // namespace avx2

inline size_t scan_avx2(const uint8_t* buf, size_t start, size_t end, uint32_t* out, size_t cap,
                        ScanInfo& info) {
  return avx2::scan_blocks<Avx2Block, Avx2FlagAcc>(buf, start, end, out, cap, info);
}

ECELOG_TARGET_END

ECELOG_TARGET_BEGIN_AVX512

// 64 bytes in one AVX-512 register: each class is one compare into a mask register.
struct Avx512Block {
  __m512i v;

  ECELOG_INLINE explicit Avx512Block(const uint8_t* p) : v(_mm512_loadu_si512(p)) {}

  ECELOG_INLINE Classes classify() const {
    Classes c;
    c.newlines = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n'));
    c.delims = c.newlines | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('@'));
    c.lines = static_cast<uint32_t>(_mm_popcnt_u64(c.newlines));
    c.count = static_cast<uint32_t>(_mm_popcnt_u64(c.delims));
    return c;
  }
  ECELOG_INLINE uint64_t high() const { return _mm512_movepi8_mask(v); }
  ECELOG_INLINE uint64_t zero() const { return _mm512_testn_epi8_mask(v, v); }

  // All entries of the block without a per-entry loop: for each 16-byte quarter, the 16
  // candidate entries (base + lane, newline bit set where the byte is '\n') are compressed to
  // the delimiter lanes and stored whole; the next quarter's store starts after the last entry.
  // Each store writes 16 slots, so up to 15 scratch slots past the block's last entry (the
  // caller guarantees room for more than 64 entries). The register form of vpcompressd is
  // used: its memory form is microcoded and slow on AMD Zen 4.
  static ECELOG_INLINE void emit(const Classes& c, uint32_t base, uint32_t* out, size_t& n) {
    const __m512i nl_bit = _mm512_set1_epi32(static_cast<int>(NEWLINE_BIT));
    __m512i lane = _mm512_add_epi32(_mm512_set1_epi32(static_cast<int>(base)),
                                    _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                                                      13, 14, 15));
    uint32_t* o = out + n;
    uint64_t delims = c.delims, newlines = c.newlines;
#if defined(__clang__)
    // Keeps the masks in general registers: Clang otherwise slices them as a vector, through a
    // store to the stack and a narrower reload (a store-forwarding stall per block: 3x slower).
    __asm__("" : "+r"(delims), "+r"(newlines));
#endif
    for (int q = 0; q < 4; q++, delims >>= 16, newlines >>= 16) {
      const uint32_t d = static_cast<uint32_t>(delims) & 0xffffu;
      const __m512i entries =
          _mm512_mask_or_epi32(lane, _cvtu32_mask16(static_cast<uint32_t>(newlines) & 0xffffu), lane, nl_bit);
      _mm512_storeu_si512(o, _mm512_maskz_compress_epi32(_cvtu32_mask16(d), entries));
      o += _mm_popcnt_u32(d);
      lane = _mm512_add_epi32(lane, _mm512_set1_epi32(16));
    }
    n += c.count;
  }
};

struct Avx512FlagAcc {
  __m512i orr, mn;
  ECELOG_INLINE Avx512FlagAcc()
      : orr(_mm512_setzero_si512()), mn(_mm512_set1_epi8(static_cast<char>(0xff))) {}
  ECELOG_INLINE void add(const Avx512Block& b) {
    orr = _mm512_or_si512(orr, b.v);
    mn = _mm512_min_epu8(mn, b.v);
  }
  ECELOG_INLINE uint32_t flags() const {
    uint32_t f = 0;
    if (_mm512_movepi8_mask(orr) != 0) f |= FLAG_NON_ASCII;
    if (_mm512_testn_epi8_mask(mn, mn) != 0) f |= FLAG_NUL;
    return f;
  }
};

namespace avx512 {
#include "scan_loop.inc"
}  // namespace avx512

inline size_t scan_avx512(const uint8_t* buf, size_t start, size_t end, uint32_t* out, size_t cap,
                          ScanInfo& info) {
  return avx512::scan_blocks<Avx512Block, Avx512FlagAcc>(buf, start, end, out, cap, info);
}

ECELOG_TARGET_END

#endif  // ECELOG_X86_DISPATCH


}  // namespace detail

/// Whether this build and this CPU can run `f` (scalar always can).
inline bool flavour_supported(Flavour f) {
  switch (f) {
    case Flavour::scalar:
      return true;
#if defined(ECELOG_SIMD_SSE2)
    case Flavour::sse2:
      return true;
#endif
#if defined(ECELOG_SIMD_NEON)
    case Flavour::neon:
      return true;
#endif
#if defined(ECELOG_X86_DISPATCH)
    // __builtin_cpu_supports also checks that the OS saves the AVX / AVX-512 registers.
    case Flavour::avx2:
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") &&
             __builtin_cpu_supports("popcnt");
    case Flavour::avx512:
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx2") &&
             __builtin_cpu_supports("bmi") && __builtin_cpu_supports("popcnt");
#endif
    default:
      return false;
  }
}

/// The fastest flavour this build and CPU support (detected once).
inline Flavour best_flavour() {
  static const Flavour best = [] {
    const Flavour order[] = {Flavour::avx512, Flavour::avx2, Flavour::sse2, Flavour::neon};
    for (Flavour f : order)
      if (flavour_supported(f)) return f;
    return Flavour::scalar;
  }();
  return best;
}

/// Name of the flavour scan() uses: "avx512", "avx2", "sse2", "neon" or "scalar".
inline const char* simd_flavour() { return flavour_name(best_flavour()); }

/// scan() with a given flavour; one that flavour_supported() denies runs scan_scalar instead, so
/// no instruction the CPU lacks is ever executed.
inline size_t scan_with(Flavour f, const uint8_t* buf, size_t start, size_t end, uint32_t* out,
                        size_t cap, ScanInfo& info) {
  if (flavour_supported(f)) {
    switch (f) {
#if defined(ECELOG_SIMD_SSE2)
      case Flavour::sse2:
        return detail::scan_sse2(buf, start, end, out, cap, info);
#endif
#if defined(ECELOG_SIMD_NEON)
      case Flavour::neon:
        return detail::scan_neon(buf, start, end, out, cap, info);
#endif
#if defined(ECELOG_X86_DISPATCH)
      case Flavour::avx2:
        return detail::scan_avx2(buf, start, end, out, cap, info);
      case Flavour::avx512:
        return detail::scan_avx512(buf, start, end, out, cap, info);
#endif
      default:
        break;
    }
  }
  return scan_scalar(buf, start, end, out, cap, info);
}

/// The fastest implementation this CPU supports (see best_flavour()).
inline size_t scan(const uint8_t* buf, size_t start, size_t end, uint32_t* out, size_t cap,
                   ScanInfo& info) {
  return scan_with(best_flavour(), buf, start, end, out, cap, info);
}

}  // namespace ecelog

#endif  // ECELOG_SCANNER_H
