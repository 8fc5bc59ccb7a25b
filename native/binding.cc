// ecelog native addon: a thin Node-API binding over native/scanner.h.
//
// Exports
//   scan(buf, start, end, out, info) -> entries   (contract: src/scanner/contract.ts), with the
//                best flavour this CPU runs
//   simd         the name of that flavour: "avx512" | "avx2" | "sse2" | "neon" | "scalar"
//   flavours     { [name]: scan } for every flavour this build and CPU run (tests, benchmarks,
//                and ECELOG_SIMD in src/backend.ts)
//   buildSystem  "gyp" | "cmake"
//   lockedRead(path, out) -> bytes read (>= 0) | -errno
//   lockedWrite(path, data, sync) -> 0 | -errno
//                a file's bytes at offset 0 read or written under libjlog's fcntl lock
//                (native/file_lock.h; src/core/file-lock.ts)
//
// Zero-copy: reads and writes the typed arrays' memory in place. Arguments are validated
// exactly like checkScanArgs() in contract.ts, with the same error classes and messages.
// No C++ exceptions: errors are thrown as pending JS exceptions.
#ifndef NAPI_VERSION
#define NAPI_VERSION 8
#endif
#ifndef NODE_ADDON_API_DISABLE_DEPRECATED
#define NODE_ADDON_API_DISABLE_DEPRECATED
#endif
#ifndef NAPI_DISABLE_CPP_EXCEPTIONS
#define NAPI_DISABLE_CPP_EXCEPTIONS
#endif
#ifndef NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED
#define NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED
#endif

#include <napi.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "file_lock.h"
#include "scanner.h"

#ifndef ECELOG_BUILD_SYSTEM
#define ECELOG_BUILD_SYSTEM unknown
#endif
#define ECELOG_STR2(x) #x
#define ECELOG_STR(x) ECELOG_STR2(x)

namespace {

constexpr size_t kInfoLength = 4;

// Number.isInteger(v)
bool IsInteger(const Napi::Value& v, double& out) {
  if (!v.IsNumber()) return false;
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d) || std::trunc(d) != d) return false;
  out = d;
  return true;
}

// `v` is a typed array of element type `type` (one napi_get_typedarray_info call; `data`
// already includes the view's byteOffset).
template <typename T>
bool GetTypedArray(napi_env env, napi_value v, napi_typedarray_type type, T*& data,
                   size_t& length) {
  bool is = false;
  if (v == nullptr || napi_is_typedarray(env, v, &is) != napi_ok || !is) return false;
  napi_typedarray_type actual;
  void* ptr = nullptr;
  if (napi_get_typedarray_info(env, v, &actual, &length, &ptr, nullptr, nullptr) != napi_ok)
    return false;
  data = static_cast<T*>(ptr);
  return actual == type;
}

Napi::Value Throw(Napi::Env env, Napi::Error error) {
  error.ThrowAsJavaScriptException();
  return env.Undefined();
}

// scan() with the flavour in the function's data (see Init).
Napi::Value Scan(const Napi::CallbackInfo& args) {
  Napi::Env env = args.Env();
  const auto flavour = static_cast<ecelog::Flavour>(reinterpret_cast<intptr_t>(args.Data()));

  // Same checks, order, classes and messages as checkScanArgs() in src/scanner/contract.ts.
  uint8_t* buf = nullptr;
  uint32_t* out = nullptr;
  uint32_t* info = nullptr;
  size_t len = 0, cap = 0, info_len = 0;
  if (!GetTypedArray(env, args[0], napi_uint8_array, buf, len))
    return Throw(env, Napi::TypeError::New(env, "scan: buf must be a Uint8Array"));
  if (!GetTypedArray(env, args[3], napi_uint32_array, out, cap))
    return Throw(env, Napi::TypeError::New(env, "scan: out must be a Uint32Array"));
  if (!GetTypedArray(env, args[4], napi_uint32_array, info, info_len) || info_len < kInfoLength)
    return Throw(env, Napi::TypeError::New(env, "scan: info must be a Uint32Array of length >= 4"));
  double start = 0, end = 0;
  if (!IsInteger(args[1], start) || !IsInteger(args[2], end) || start < 0 || end < start ||
      end > static_cast<double>(len))
    return Throw(env, Napi::RangeError::New(env, "scan: need 0 <= start <= end <= buf.length"));
  if (end > static_cast<double>(ecelog::MAX_SCAN_END))
    return Throw(env, Napi::RangeError::New(env, "scan: end must be <= 2147483647"));
  if (cap == 0) return Throw(env, Napi::RangeError::New(env, "scan: out must not be empty"));

  ecelog::ScanInfo si;
  const size_t n = ecelog::scan_with(flavour, buf, static_cast<size_t>(start),
                                     static_cast<size_t>(end), out, cap, si);
  info[0] = si.entries;
  info[1] = si.lines;
  info[2] = si.next;
  info[3] = si.flags;
  return Napi::Number::New(env, static_cast<double>(n));
}

// The (path: string, bytes: Uint8Array) arguments of lockedRead / lockedWrite. The path is copied
// NUL-terminated as UTF-8 (node:fs encodes paths as UTF-8 too); `too_long` is set instead when it
// cannot fit (no system call could take it either: the result is then -ENAMETOOLONG).
constexpr size_t kPathBuffer = 4096;
struct FileArgs {
  char path[kPathBuffer];
  bool too_long = false;
  uint8_t* bytes = nullptr;
  size_t length = 0;
};

// Throws a TypeError "<fn>: <what>" and returns false.
bool ThrowType(Napi::Env env, const char* fn, const char* what) {
  Napi::TypeError::New(env, std::string(fn) + ": " + what).ThrowAsJavaScriptException();
  return false;
}

// Checks args[0] (a string without NUL bytes) and args[1] (a Uint8Array named `bytes_name`), in
// that order; false after throwing a TypeError.
bool GetFileArgs(const Napi::CallbackInfo& args, const char* fn, const char* bytes_name,
                 FileArgs& a) {
  napi_env env = args.Env();
  napi_value v = args[0];
  napi_valuetype type;
  if (napi_typeof(env, v, &type) != napi_ok || type != napi_string)
    return ThrowType(args.Env(), fn, "path must be a string");
  size_t len = 0;
  if (napi_get_value_string_utf8(env, v, nullptr, 0, &len) != napi_ok) return false;
  a.too_long = len >= kPathBuffer;
  if (!a.too_long) {
    size_t copied = 0;
    if (napi_get_value_string_utf8(env, v, a.path, kPathBuffer, &copied) != napi_ok) return false;
    if (copied != len || std::memchr(a.path, 0, len) != nullptr)
      return ThrowType(args.Env(), fn, "path must not contain NUL bytes");
  }
  if (!GetTypedArray(env, args[1], napi_uint8_array, a.bytes, a.length))
    return ThrowType(args.Env(), fn, bytes_name);
  return true;
}

// lockedRead(path: string, out: Uint8Array) -> bytes read | -errno
Napi::Value LockedRead(const Napi::CallbackInfo& args) {
  Napi::Env env = args.Env();
  FileArgs a;
  if (!GetFileArgs(args, "lockedRead", "out must be a Uint8Array", a)) return env.Undefined();
  if (a.too_long) return Napi::Number::New(env, -ENAMETOOLONG);
  size_t got = 0;
  const int r = ecelog::locked_read(a.path, a.bytes, a.length, &got);
  return Napi::Number::New(env, r < 0 ? static_cast<double>(r) : static_cast<double>(got));
}

// lockedWrite(path: string, data: Uint8Array, sync: boolean) -> 0 | -errno
Napi::Value LockedWrite(const Napi::CallbackInfo& args) {
  Napi::Env env = args.Env();
  FileArgs a;
  if (!GetFileArgs(args, "lockedWrite", "data must be a Uint8Array", a)) return env.Undefined();
  if (!args[2].IsBoolean())
    return Throw(env, Napi::TypeError::New(env, "lockedWrite: sync must be a boolean"));
  if (a.too_long) return Napi::Number::New(env, -ENAMETOOLONG);
  const bool sync = args[2].As<Napi::Boolean>().Value();
  return Napi::Number::New(env, ecelog::locked_write(a.path, a.bytes, a.length, sync));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  const auto scan_as = [env](ecelog::Flavour f) {
    return Napi::Function::New(env, Scan, "scan",
                               reinterpret_cast<void*>(static_cast<intptr_t>(f)));
  };
  exports.Set("scan", scan_as(ecelog::best_flavour()));
  exports.Set("simd", Napi::String::New(env, ecelog::simd_flavour()));
  Napi::Object flavours = Napi::Object::New(env);
  for (int f = 0; f < ecelog::kFlavours; f++) {
    const auto flavour = static_cast<ecelog::Flavour>(f);
    if (ecelog::flavour_supported(flavour))
      flavours.Set(ecelog::flavour_name(flavour), scan_as(flavour));
  }
  exports.Set("flavours", flavours);
  exports.Set("buildSystem", Napi::String::New(env, ECELOG_STR(ECELOG_BUILD_SYSTEM)));
  exports.Set("lockedRead", Napi::Function::New(env, LockedRead, "lockedRead"));
  exports.Set("lockedWrite", Napi::Function::New(env, LockedWrite, "lockedWrite"));
  return exports;
}

}  // namespace

NODE_API_MODULE(ecelog, Init)
