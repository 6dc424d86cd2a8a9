// Comparing the two engines' results and describing a mismatch for a human:
// the instruction (hex and Capstone disassembly), the registers that differ
// with their inputs and both results, differing memory, and a reproducer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tests/diff/arch_state.h"

namespace el2::diff {

enum class Verdict : uint8_t {
  kMatch,
  kBothTrapped,
  kSkipped,           // State-dependent system instruction: not run.
  kEl2Unimplemented,  // el2emu has a row without a handler: UNDEFINED by design.
  kOracleCrashed,     // Unicorn aborted (a QEMU assertion): nothing to compare.
  kStateDiffers,      // Both executed; registers differ.
  kMemoryDiffers,     // Both executed; registers agree, memory differs.
  kEl2TrapsOnly,      // el2emu took an exception, Unicorn executed.
  kUcTrapsOnly,       // Unicorn trapped, el2emu executed.
  kTrapKindDiffers,   // Both trapped, different exception classes.
};
constexpr unsigned kNumVerdicts = 10;

const char* verdict_name(Verdict v);
constexpr bool is_mismatch(Verdict v) { return v >= Verdict::kStateDiffers; }

// "ldr x0, [x1, #8]" or ".inst 0x... (capstone: unknown)".
std::string disassemble(uint32_t insn, uint64_t pc);

// One line per differing register: "X3: in=... el2emu=... unicorn=...".
std::vector<std::string> register_diffs(const ArchState& in, const ArchState& el2,
                                        const ArchState& uc);

// Up to `limit` lines describing differing bytes of two copies of a region.
std::vector<std::string> memory_diffs(const uint8_t* el2, const uint8_t* uc, uint64_t base,
                                      uint64_t size, unsigned limit);

struct MismatchReport {
  uint32_t insn = 0;
  Verdict verdict = Verdict::kMatch;
  const ArchState* in = nullptr;
  const RunResult* el2 = nullptr;
  const RunResult* uc = nullptr;
  std::vector<std::string> diffs;
  std::string el2_row;     // Name of el2emu's decode row (or "no row").
  std::string reproducer;  // A command line.
};

std::string format_report(const MismatchReport& r);

}  // namespace el2::diff
