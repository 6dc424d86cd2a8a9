// Instruction decode: the table of all rows (decode_table.cc), bucketed for
// lookup, with a direct-mapped cache keyed by the instruction word. Keying by
// the word (not the address) means self-modifying code needs no invalidation.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "cpu/cpu_model.h"
#include "cpu/insn_def.h"

namespace el2 {

// The whole decode table, most specific rows first.
std::span<const InsnDef> decode_table();

class Decoder {
 public:
  explicit Decoder(const CpuModel& model);

  // The row that executes `insn`, or nullptr when it is UNDEFINED on this model.
  const InsnDef* decode(uint32_t insn) const;

  struct CacheEntry {
    uint32_t insn;
    OpClass op;  // For the timing model.
    Handler fn;
  };
  // The handler to call (an UNDEFINED-raising handler when there is none) and
  // the instruction's op class, for the word `insn` fetched from `pc`. The
  // slot is chosen by the PC, so straight-line code fills consecutive slots
  // (a host cache line holds four) and a hot loop stays in the host's L1;
  // the entry is checked against the word itself, so any stale or aliased
  // slot, including after self-modifying code, simply decodes again.
  const CacheEntry& lookup(uint64_t pc, uint32_t insn) {
    CacheEntry& e = cache_[(pc >> 2) & (kCacheSize - 1)];
    if (e.insn != insn) [[unlikely]]
      e = resolve(insn);
    return e;
  }

 private:
  static constexpr unsigned kCacheSize = 1u << 16;
  static unsigned bucket_of(uint32_t insn);
  CacheEntry resolve(uint32_t insn) const;

  std::vector<const InsnDef*> rows_;          // Rows enabled on this model, in table order.
  std::array<uint32_t, 4097> bucket_start_{};  // Into bucket_rows_.
  std::vector<const InsnDef*> bucket_rows_;
  std::vector<CacheEntry> cache_;
};

// The handler for encodings with no implemented row.
void undefined_instruction(Cpu& cpu, uint32_t insn);

}  // namespace el2
