// Replays fuzz inputs through fuzz_scan.cc's LLVMFuzzerTestOneInput without libFuzzer: for a
// compiler or a target where libFuzzer is not available (the aarch64 cross build, run under qemu
// by scripts/arm64.sh). Every argument is a file or a directory of files (not recursive).
//   replay DIR_OR_FILE...    exit 0 when every input passed (a broken invariant aborts)
#include <dirent.h>
#include <sys/stat.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "../scanner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

bool replay_file(const std::string& path, size_t& inputs, size_t& bytes) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  std::vector<uint8_t> data;
  uint8_t chunk[65536];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) data.insert(data.end(), chunk, chunk + n);
  const bool ok = !std::ferror(f);
  std::fclose(f);
  if (!ok) return false;
  LLVMFuzzerTestOneInput(data.data(), data.size());
  inputs++;
  bytes += data.size();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  size_t inputs = 0, bytes = 0;
  for (int i = 1; i < argc; i++) {
    const std::string arg = argv[i];
    struct stat st{};
    if (stat(arg.c_str(), &st) != 0) {
      std::fprintf(stderr, "replay: cannot read %s\n", arg.c_str());
      return 2;
    }
    if (!S_ISDIR(st.st_mode)) {
      if (!replay_file(arg, inputs, bytes)) return 2;
      continue;
    }
    DIR* dir = opendir(arg.c_str());
    if (dir == nullptr) return 2;
    while (const dirent* e = readdir(dir)) {
      const std::string path = arg + "/" + e->d_name;
      if (stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && !replay_file(path, inputs, bytes)) {
        closedir(dir);
        std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
        return 2;
      }
    }
    closedir(dir);
  }
  std::string flavours;
  for (int f = 1; f < ecelog::kFlavours; f++) {
    const auto flavour = static_cast<ecelog::Flavour>(f);
    if (ecelog::flavour_supported(flavour)) flavours += std::string(" ") + ecelog::flavour_name(flavour);
  }
  std::printf("replay: %zu inputs (%zu bytes); flavours checked against scan_scalar and the contract:%s\n", inputs,
              bytes, flavours.empty() ? " none" : flavours.c_str());
  return inputs > 0 ? 0 : 1;
}
