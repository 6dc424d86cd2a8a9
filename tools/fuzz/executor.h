// Runs one call sequence on the fuzz machine and judges it.
//
// Design: the host drives the core directly. For each step it sets the
// caller's registers in CpuState (x0-x30, SP_EL0/SP_EL1, NZCV, DAIF, SPSel,
// V0-V31, FPCR, FPSR), points the PC at the driver's `hvc`, `smc` or `msr`
// gadget at EL1 and steps the core until the call is over: the ERET that
// answers it, the arrival at SOFT_RESTART's target, the SMC's return, or a
// budget of instructions (a hang). No guest loop reads a call list, so a
// step costs only the instructions the stub (or firmware) executes, and a
// sequence is plain host data that minimises and replays exactly.
//
// After every step: the ABI checker (stubs/checker.h, fed by CallWatch) must
// have no new violation, and the emulator invariants (invariants.h) must
// hold. A SOFT_RESTART that arrives, or a FINALISE_EL2 that left the caller
// at EL2, boots the driver again (fz_el2_boot) before the next step; PSCI
// CPU_OFF, SYSTEM_OFF and SYSTEM_RESET restore the booted snapshot, as a
// power cycle would; a CPU_SUSPEND standby is woken at once.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "stubs/checker.h"
#include "stubs/contract.h"
#include "tools/fuzz/call_watch.h"
#include "tools/fuzz/fuzz_machine.h"
#include "tools/fuzz/sequence.h"

namespace el2::fuzz {

struct Finding {
  enum class Kind : uint8_t {
    kAbi,        // The stub broke the contract (exit code 73).
    kInvariant,  // el2emu broke an invariant of its own (exit code 70).
  };
  Kind kind = Kind::kAbi;
  std::string id;      // A contract rule id, "call.*" or "invariant.*".
  std::string detail;  // One line of evidence.
  int step = -1;       // The step it showed in; -1: before the first.
};

struct RunOutcome {
  std::optional<Finding> finding;
  uint64_t digest = 0;  // Of the state after each step: equal runs, equal digests.
  uint64_t steps = 0;   // Steps executed.
};

struct ExecutorOptions {
  uint64_t call_budget = 20000;  // Instructions one step may take before it is a hang.
  std::FILE* trace = nullptr;    // A line per step and the checker's lines per call.
};

class Executor {
 public:
  Executor(FuzzMachine& fm, const stubs::Contract& contract, ExecutorOptions options = {});

  // Runs `seq` from the booted snapshot (`fresh`: on a newly built machine)
  // and stops at the first finding. Throws std::invalid_argument for a step
  // naming a register without a gadget.
  RunOutcome run(const Sequence& seq, bool fresh = false);

  uint64_t calls() const { return calls_; }

 private:
  enum class End : uint8_t { kOver, kHung };
  std::optional<Finding> hvc(const Step& step);
  std::optional<Finding> smc(const Step& step);
  std::optional<Finding> msr(const Step& step);
  // Sets x0..x30 (args over the fill), SPs, flags, V, FP; returns the
  // caller's PSTATE.
  Pstate prepare(Cpu& cpu, const Step& step, unsigned nargs);
  void patch(uint64_t addr, uint32_t insn);
  End step_until_over(Cpu& cpu);
  // Runs fz_el2_boot: from EL2 back to the driver's EL1 park.
  std::optional<Finding> reboot(Cpu& cpu);
  std::optional<Finding> invariant_finding() const;
  std::optional<Finding> new_violation();
  std::string where(const Cpu& cpu) const;

  FuzzMachine& fm_;
  const stubs::Contract& contract_;
  ExecutorOptions options_;
  CallWatch watch_;
  std::optional<stubs::Checker> checker_;
  std::vector<size_t> seen_;  // Violations per rule already reported.
  uint64_t calls_ = 0;
};

}  // namespace el2::fuzz
