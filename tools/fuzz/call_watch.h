// The executor's eyes on one call: an ExceptionObserver that forwards every
// event to the run's ABI checker, notices when the call is over (the same
// events the checker pairs a call with), and checks the exception invariants
// (tools/fuzz/invariants.h) on every entry and return.
#pragma once

#include <cstdint>
#include <string>

#include "cpu/cpu.h"
#include "stubs/checker.h"

namespace el2::fuzz {

class CallWatch : public ExceptionObserver {
 public:
  // The run's checker (null between runs).
  void set_checker(stubs::Checker* c) { checker_ = c; }

  // Before a step: what the core is about to do. `restart_target` is x1 of a
  // SOFT_RESTART (else 0): arriving there ends the call.
  void begin(bool is_hvc, uint64_t pc, const Pstate& caller, uint16_t imm, uint64_t restart_target);

  bool over() const { return over_; }            // The call came back, or arrived.
  bool arrived() const { return arrived_; }      // ... at the restart target.
  bool hvc_taken() const { return hvc_taken_; }  // The HVC reached EL2.
  bool entered_el2() const { return entered_el2_; }
  uint64_t exceptions() const { return exceptions_; }  // Entries since begin().
  // The first broken invariant since begin(): "invariant.NAME", and what broke.
  const std::string& invariant() const { return invariant_; }
  const std::string& invariant_detail() const { return invariant_detail_; }

  void on_exception(Cpu& cpu, const Exception& e, const ExceptionEntry& entry) override;
  void on_exception_return(Cpu& cpu, const ExceptionReturn& ret) override;

 private:
  void fail(const char* name, std::string detail);

  stubs::Checker* checker_ = nullptr;
  bool is_hvc_ = false;
  uint64_t pc_ = 0, restart_target_ = 0;
  Pstate caller_;
  uint16_t imm_ = 0;
  bool over_ = false, arrived_ = false, hvc_taken_ = false, entered_el2_ = false;
  uint64_t exceptions_ = 0;
  std::string invariant_, invariant_detail_;
};

}  // namespace el2::fuzz
