// Small bit-manipulation helpers shared by the decoder and instruction bodies.
#pragma once

#include <bit>
#include <cstdint>

namespace el2 {

// Bits [hi:lo] of v, as in the Arm ARM's v<hi:lo>.
constexpr uint64_t bits(uint64_t v, unsigned hi, unsigned lo) {
  const unsigned width = hi - lo + 1;
  return width >= 64 ? v >> lo : (v >> lo) & ((uint64_t{1} << width) - 1);
}

constexpr bool bit(uint64_t v, unsigned n) { return (v >> n) & 1; }

constexpr uint64_t ones(unsigned n) { return n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1; }

// SignExtend(v<width-1:0>, 64).
constexpr int64_t sign_extend(uint64_t v, unsigned width) {
  const unsigned shift = 64 - width;
  return static_cast<int64_t>(v << shift) >> shift;
}

// Keeps the low `datasize` bits (32 or 64).
constexpr uint64_t truncate(uint64_t v, unsigned datasize) {
  return datasize == 64 ? v : v & 0xFFFF'FFFFu;
}

constexpr uint64_t ror(uint64_t v, unsigned amount, unsigned datasize) {
  amount %= datasize;
  if (amount == 0) return v;
  return truncate((v >> amount) | (v << (datasize - amount)), datasize);
}

}  // namespace el2
