// Which access sizes a GIC register accepts (IHI 0069, "GIC memory-mapped
// register access"): 32-bit accesses everywhere, byte accesses to the byte
// arrays (IPRIORITYR, ITARGETSR), 64-bit accesses to the 64-bit registers
// (IROUTER, GICR_TYPER). Anything else, and unaligned accesses, are bus errors.
// The register files themselves only ever see aligned 32-bit words.
#pragma once

#include <cstdint>

namespace el2::gic {

struct MmioAccess {
  bool ok = false;
  uint64_t word_offset = 0;  // The first 32-bit word touched.
  unsigned words = 1;        // 2 for a 64-bit access.
  unsigned size = 4;
  unsigned byte_shift = 0;  // Byte accesses: bit position inside the word.

  // The accessed bytes out of the word(s) read.
  uint64_t extract(uint64_t words_value) const {
    return size == 1 ? (words_value >> byte_shift) & 0xFF : words_value;
  }
  // The word to write for a byte write into `old_word`.
  uint32_t merge_byte(uint32_t old_word, uint64_t value) const {
    return (old_word & ~(0xFFu << byte_shift)) |
           static_cast<uint32_t>((value & 0xFF) << byte_shift);
  }
};

inline MmioAccess classify_access(uint64_t offset, unsigned size, bool byte_ok, bool dword_ok) {
  MmioAccess a;
  const bool size_ok = size == 4 || (size == 1 && byte_ok) || (size == 8 && dword_ok);
  if (!size_ok || (offset & (size - 1))) return a;
  a.ok = true;
  a.size = size;
  a.words = size == 8 ? 2 : 1;
  a.word_offset = offset & ~uint64_t{3};
  a.byte_shift = static_cast<unsigned>(offset & 3) * 8;
  return a;
}

}  // namespace el2::gic
