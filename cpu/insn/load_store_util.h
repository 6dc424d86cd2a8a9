// Helpers shared by the load/store sources (not part of the decode table).
#pragma once

#include <cstdint>
#include <cstring>

#include "cpu/cpu.h"
#include "cpu/insn/common.h"

namespace el2::insn::ldst {

// Reads 1 << size bytes (size 0..3), zero-extended. False if the access faulted
// (the exception has been taken).
inline bool load_uint(Cpu& cpu, uint64_t addr, unsigned size, uint64_t& out,
                      uint8_t flags = kAccNormal) {
  switch (size) {
    case 0: {
      uint8_t v = 0;
      if (!cpu.load(addr, v, flags)) return false;
      out = v;
      return true;
    }
    case 1: {
      uint16_t v = 0;
      if (!cpu.load(addr, v, flags)) return false;
      out = v;
      return true;
    }
    case 2: {
      uint32_t v = 0;
      if (!cpu.load(addr, v, flags)) return false;
      out = v;
      return true;
    }
    default:
      return cpu.load(addr, out, flags);
  }
}

// Writes the low 1 << size bytes (size 0..3) of `v`.
inline bool store_uint(Cpu& cpu, uint64_t addr, unsigned size, uint64_t v,
                       uint8_t flags = kAccNormal) {
  switch (size) {
    case 0:
      return cpu.store(addr, static_cast<uint8_t>(v), flags);
    case 1:
      return cpu.store(addr, static_cast<uint16_t>(v), flags);
    case 2:
      return cpu.store(addr, static_cast<uint32_t>(v), flags);
    default:
      return cpu.store(addr, v, flags);
  }
}

// A 128-bit value as two little-endian halves (a V register, or a pair).
struct U128 {
  uint64_t lo = 0, hi = 0;
};

// Reads 1 << size bytes (size 0..4) into the low bytes of a zeroed U128: sizes
// up to 8 go through one access of that size (so MMIO sees the real width).
inline bool load_wide(Cpu& cpu, uint64_t addr, unsigned size, U128& out,
                      uint8_t flags = kAccNormal) {
  out = {};
  if (size <= 3) return load_uint(cpu, addr, size, out.lo, flags);
  uint8_t buf[16];
  if (!cpu.load_bytes(addr, buf, 16, flags, 16)) return false;
  std::memcpy(&out.lo, buf, 8);
  std::memcpy(&out.hi, buf + 8, 8);
  return true;
}

inline bool store_wide(Cpu& cpu, uint64_t addr, unsigned size, const U128& v,
                       uint8_t flags = kAccNormal) {
  if (size <= 3) return store_uint(cpu, addr, size, v.lo, flags);
  uint8_t buf[16];
  std::memcpy(buf, &v.lo, 8);
  std::memcpy(buf + 8, &v.hi, 8);
  return cpu.store_bytes(addr, buf, 16, flags, 16);
}

// Packs two elements of 1 << esize bytes (esize 2 or 3) into one 2 << esize
// byte little-endian value: the first element at the lower address.
inline U128 pack_pair(uint64_t a, uint64_t b, unsigned esize) {
  if (esize == 3) return {a, b};
  return {(a & 0xFFFF'FFFF) | (b << 32), 0};
}
inline void unpack_pair(const U128& v, unsigned esize, uint64_t& a, uint64_t& b) {
  if (esize == 3) {
    a = v.lo;
    b = v.hi;
  } else {
    a = v.lo & 0xFFFF'FFFF;
    b = v.lo >> 32;
  }
}

// Reads the base register Xn|SP, after the SP alignment check the Arm ARM
// makes whenever the base is SP ("if n == 31 then CheckSPAlignment()").
// Returns false if that check took an SP alignment fault.
inline bool read_base(Cpu& cpu, unsigned n, uint64_t& base) {
  base = cpu.x_or_sp(n);
  // Only an unaligned SP needs the full SP alignment rule.
  return n != 31 || (base & 0xF) == 0 || cpu.check_sp_alignment(n);
}

// The register-offset addressing mode's offset: ExtendReg(Rm, option, shift),
// Arm ARM "Load/store register (register offset)". option<1> == 0 is
// unallocated (the caller checks).
inline uint64_t reg_offset(Cpu& cpu, unsigned m, unsigned option, unsigned shift) {
  return extend_reg(cpu.x(m), option, shift, 64);
}

// Index modes of the imm9 and pair forms (bits [11:10] resp. [24:23]).
enum ImmMode : unsigned {
  kUnscaledOrNoAlloc = 0,
  kPostIndex = 1,
  kUnprivOrOffset = 2,
  kPreIndex = 3
};

}  // namespace el2::insn::ldst
