// Encodings where el2emu and Unicorn are known to disagree for a documented
// reason (see KNOWN_DIVERGENCES.md): a Unicorn/QEMU 5 deviation from the Arm
// ARM, or a feature Unicorn's "max" CPU has and el2emu's "max" model lacks.
// A mismatch matching an entry is counted as "known", never dropped silently.
#pragma once

#include <cstdint>
#include <span>

#include "tests/diff/compare.h"

namespace el2::diff {

struct KnownDivergence {
  uint32_t mask;
  uint32_t value;
  uint32_t verdicts;  // Bit (1 << Verdict) for each kind of mismatch covered.
  const char* id;     // Short name, as in KNOWN_DIVERGENCES.md.
  const char* reason;
  // Optional: the entry applies only when this holds for the input state.
  bool (*applies)(uint32_t insn, const ArchState& in) = nullptr;
};

std::span<const KnownDivergence> known_divergences();

// The first entry covering this mismatch, or nullptr.
const KnownDivergence* find_known_divergence(uint32_t insn, const ArchState& in, Verdict v);

// el2emu took an Alignment fault (DFSC 0x21) on an access Unicorn performed:
// with the MMU off, data accesses are Device-nGnRnE and must be aligned (Arm
// ARM D8.2.11, B2.5.2); QEMU 5 does not model that. Not encoding-based, so it
// is checked from el2emu's syndrome.
extern const KnownDivergence kMmuOffDeviceAlignment;

constexpr uint32_t verdict_bit(Verdict v) { return 1u << static_cast<unsigned>(v); }

}  // namespace el2::diff
