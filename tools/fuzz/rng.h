// The fuzzer's random numbers: SplitMix64 (small, fast, and a fixed
// algorithm, so a seed means the same sequence on every host and build).
#pragma once

#include <cstdint>
#include <span>

namespace el2::fuzz {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n > 0 (the modulo bias is irrelevant here).
  uint64_t below(uint64_t n) { return next() % n; }
  bool chance(unsigned percent) { return below(100) < percent; }
  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }

  // Half random 64-bit values, half values at the edges of the usual ranges
  // (zero, all ones, sign bits, 32-bit boundaries, small numbers).
  uint64_t interesting() {
    static constexpr uint64_t kEdges[] = {0,
                                          1,
                                          2,
                                          3,
                                          4,
                                          0x7f,
                                          0x80,
                                          0xff,
                                          0xfff,
                                          0x1000,
                                          0x7fffffff,
                                          0x80000000,
                                          0xffffffff,
                                          0x100000000ull,
                                          0x7fffffffffffffffull,
                                          0x8000000000000000ull,
                                          ~0ull,
                                          ~0ull - 1,
                                          0xfffffffffffff000ull};
    if (chance(50)) return next();
    return pick<uint64_t>(kEdges);
  }

 private:
  uint64_t state_;
};

// The seed of run `run` of a fuzz session with seed `seed`: runs are
// independent, so run N can be regenerated without running 0..N-1.
inline uint64_t run_seed(uint64_t seed, uint64_t run) {
  Rng r(seed ^ (run * 0xd1b54a32d192ed03ull));
  return r.next();
}

}  // namespace el2::fuzz
