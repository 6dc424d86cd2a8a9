// A fuzz run's input: a list of steps made from EL1 (stub hypercalls, PSCI
// calls, EL1 register writes), and the reproducer file that stores one with
// the target it was found on. Every value a step needs is in the step itself
// (the registers it does not name derive from its `fill` seed), so steps can
// be dropped one by one when minimising and the rest still mean the same.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace el2::fuzz {

enum class StepKind : uint8_t {
  kHvc,  // `hvc #imm` from EL1: x0..x4 as given, the rest from `fill`.
  kSmc,  // `smc #imm` from EL1 (PSCI/SMCCC to the built-in firmware).
  kMsr,  // `msr <reg>, value` at EL1.
};

struct Step {
  StepKind kind = StepKind::kHvc;
  uint16_t imm = 0;
  uint64_t x[5] = {};  // x0..x4 (SMC uses x0..x3; x4 comes from fill).
  uint64_t fill = 0;   // Seed of x5..x30, SP_EL0/EL1, NZCV, DAIF, SPSel, V0-V31, FPCR, FPSR.
  std::string reg;     // kMsr: register name, lower case ("vbar_el1").
  uint64_t value = 0;  // kMsr.

  bool operator==(const Step&) const = default;
};

using Sequence = std::vector<Step>;

// One line per step: "hvc #0 x0=0x0 x1=0x... x2=... x3=... x4=... fill=0x...",
// "smc #0 x0=... x1=... x2=... x3=... fill=...", "msr vbar_el1 0x...".
std::string format_step(const Step& s);
// Parses format_step's output; nullopt with a reason in `error`.
std::optional<Step> parse_step(const std::string& line, std::string& error);

// What a reproducer records besides the steps.
struct Reproducer {
  std::string stub;                // Path of the stub ELF.
  uint64_t vectors = 0;            // Its vector table.
  std::string contract;            // doc, linux-6.1, linux-6.12.
  std::string cpu;                 // CPU model.
  std::string expect;              // The finding's id (a rule id, or "invariant.NAME").
  std::vector<std::string> notes;  // Comment lines (how it was found).
  Sequence steps;
};

std::string format_reproducer(const Reproducer& r);
// Throws std::runtime_error("LINE: reason") on a malformed file.
Reproducer parse_reproducer(const std::string& text);

}  // namespace el2::fuzz
