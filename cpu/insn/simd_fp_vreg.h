// SIMD&FP register access for instruction bodies: the Arm ARM's V[], Vpart[]
// and Elem[] accessors over the 128-bit registers in CpuState::v.
#pragma once

#include <cstdint>

#include "cpu/bits.h"
#include "cpu/cpu.h"

namespace el2::insn {

using u128 = unsigned __int128;

inline u128 vreg(const Cpu& cpu, unsigned n) {
  const VReg& r = cpu.state().v[n];
  return (u128{r.hi} << 64) | r.lo;
}

// V[n] = value<datasize-1:0>. Writes of fewer than 128 bits (a 64-bit vector, a
// scalar) zero the rest of the register (Arm ARM aarch64/functions/V).
inline void set_vreg(Cpu& cpu, unsigned n, u128 value, unsigned datasize = 128) {
  if (datasize < 128) value &= (u128{1} << datasize) - 1;
  VReg& r = cpu.state().v[n];
  r.lo = static_cast<uint64_t>(value);
  r.hi = static_cast<uint64_t>(value >> 64);
}

// Elem[vector, e, esize] for esize 8..64.
inline uint64_t elem(u128 v, unsigned e, unsigned esize) {
  return static_cast<uint64_t>(v >> (e * esize)) & ones(esize);
}

inline u128 with_elem(u128 v, unsigned e, unsigned esize, uint64_t value) {
  const u128 mask = u128{ones(esize)} << (e * esize);
  return (v & ~mask) | ((u128{value & ones(esize)} << (e * esize)) & mask);
}

// Replicate(value<esize-1:0>, 128 / esize).
inline u128 replicate(uint64_t value, unsigned esize) {
  u128 out = 0;
  for (unsigned i = 0; i < 128; i += esize) out |= u128{value & ones(esize)} << i;
  return out;
}

// LowestSetBit(imm5) for the copy instructions' size field; 4 (reserved) if
// imm5<3:0> is zero.
inline unsigned imm5_size(unsigned imm5) {
  for (unsigned s = 0; s < 4; ++s)
    if (bit(imm5, s)) return s;
  return 4;
}

}  // namespace el2::insn
