// Helpers shared by the Arm PrimeCell (APB) peripherals: how a byte, halfword
// or word access lands on a bank of 32-bit registers, and the identification
// registers every PrimeCell has at the top of its 4 KiB window.
#pragma once

#include <cstdint>

namespace el2 {

// One guest access decoded against 32-bit registers: which register, and where
// the accessed bytes sit in it.
struct ApbAccess {
  uint64_t reg = 0;    // Register offset (4-byte aligned).
  unsigned shift = 0;  // Bit position of the accessed bytes within the register.
  uint32_t mask = 0;   // Mask of the accessed bytes, before shifting.
};

// Byte and halfword accesses are accepted because real drivers use them (Linux
// drives an Arm PL011 with 16-bit accesses, its earlycon with byte writes to
// the data register). Misaligned accesses, 64-bit accesses and accesses past
// the window are not decoded (bus error).
inline bool decode_apb_access(uint64_t offset, unsigned size, uint64_t window, ApbAccess& out) {
  if (size != 1 && size != 2 && size != 4) return false;
  if (offset % size != 0 || offset >= window || window - offset < size) return false;
  out.reg = offset & ~uint64_t{3};
  out.shift = static_cast<unsigned>(offset & 3) * 8;
  out.mask = size == 4 ? 0xFFFF'FFFFu : (1u << (8 * size)) - 1;
  return true;
}

// Merges a partial write into a register's previous value.
inline uint32_t merge_apb_write(uint32_t old, const ApbAccess& a, uint64_t value) {
  const uint32_t bits = a.mask << a.shift;
  return (old & ~bits) | ((static_cast<uint32_t>(value) & a.mask) << a.shift);
}

// PrimeCell identification registers at 0xFE0-0xFFC: the low bytes of
// PeriphID0-3 then PCellID0-3. `periph_id` packs PeriphID3..0 as one value:
// part number [11:0], designer [19:12] (0x41 = Arm), revision [23:20],
// configuration [31:24]. The cell id is the fixed 0xB105F00D that Linux's AMBA
// bus checks before it matches the peripheral id against its drivers' tables.
inline constexpr uint64_t kPrimeCellIdFirst = 0xFE0;
inline constexpr uint64_t kPrimeCellIdLast = 0xFFC;
inline constexpr uint32_t kPrimeCellCid = 0xB105'F00D;

inline bool primecell_id_register(uint64_t reg, uint32_t periph_id, uint32_t& value) {
  if (reg < kPrimeCellIdFirst || reg > kPrimeCellIdLast) return false;
  const unsigned index = static_cast<unsigned>(reg - kPrimeCellIdFirst) / 4;
  const uint32_t id = index < 4 ? periph_id : kPrimeCellCid;
  value = (id >> (8 * (index % 4))) & 0xFF;
  return true;
}

}  // namespace el2
