// main() for a libFuzzer harness built without libFuzzer (gcc, the default
// build and --config=asan): runs each file of the given corpus directories,
// then a fixed number of deterministic mutations of them (truncations, bit
// flips, byte runs, splices), so `bazel test` exercises every harness on
// every build. Exit code 0, or the crash the sanitizers report.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

using Bytes = std::vector<uint8_t>;

uint64_t next(uint64_t& s) {  // SplitMix64.
  uint64_t z = (s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

Bytes mutate(const std::vector<Bytes>& corpus, uint64_t& rng) {
  Bytes b = corpus[next(rng) % corpus.size()];
  const unsigned edits = 1 + next(rng) % 8;
  for (unsigned e = 0; e < edits; ++e) {
    const uint64_t r = next(rng);
    switch (r % 5) {
      case 0:  // Truncate.
        b.resize(b.empty() ? 0 : next(rng) % b.size());
        break;
      case 1:  // Flip a bit.
        if (!b.empty()) b[next(rng) % b.size()] ^= uint8_t(1u << (r >> 8) % 8);
        break;
      case 2:  // Overwrite a byte with an edge value.
        if (!b.empty())
          b[next(rng) % b.size()] = std::array<uint8_t, 5>{0, 1, 0x7f, 0x80, 0xff}[(r >> 8) % 5];
        break;
      case 3:  // Insert a run of random bytes.
        for (unsigned i = 0, n = (r >> 8) % 16; i < n; ++i)
          b.insert(b.begin() + (b.empty() ? 0 : next(rng) % b.size()), uint8_t(next(rng)));
        break;
      case 4: {  // Splice in part of another input.
        const Bytes& o = corpus[next(rng) % corpus.size()];
        if (!o.empty() && !b.empty()) {
          const size_t from = next(rng) % o.size(), to = next(rng) % b.size();
          const size_t n = std::min(o.size() - from, b.size() - to);
          std::copy_n(o.begin() + from, n, b.begin() + to);
        }
        break;
      }
    }
  }
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<Bytes> corpus;
  unsigned mutations = 2000;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--mutations=", 0) == 0) {
      mutations = static_cast<unsigned>(std::strtoul(a.c_str() + 12, nullptr, 10));
      continue;
    }
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(a)) {
      for (const auto& e : std::filesystem::directory_iterator(a)) files.push_back(e.path());
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(a);
    }
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "corpus_main: cannot read %s\n", f.c_str());
        return 66;
      }
      corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  if (corpus.empty()) corpus.emplace_back();
  for (const Bytes& b : corpus) LLVMFuzzerTestOneInput(b.data(), b.size());
  uint64_t rng = 1;
  for (unsigned i = 0; i < mutations; ++i) {
    const Bytes b = mutate(corpus, rng);
    LLVMFuzzerTestOneInput(b.data(), b.size());
  }
  std::printf("corpus_main: %zu corpus inputs and %u mutations ran clean\n", corpus.size(),
              mutations);
  return 0;
}
