// The hyp-stub ABI checker: an ExceptionObserver that pairs each HVC taken from
// EL1 to EL2 with what follows (the ERET back, or for SOFT_RESTART the arrival
// at the restart address) and evaluates the active contract's rules
// (stubs/contract.h), recording every violation with evidence.
#pragma once

#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cpu/cpu.h"
#include "stubs/contract.h"

namespace el2::stubs {

struct Violation {
  uint64_t call = 0;  // 1-based call number (0: not tied to a call).
  std::string what;   // "SET_VECTORS(x1=0x...)"
  std::string reg;    // Register or field at fault; empty if none.
  bool has_values = false;
  uint64_t expected = 0, actual = 0;
  uint64_t pc = 0;  // The HVC (or, for hangs, where the core is).
  std::string symbol, disasm;
  std::string note;
};

struct RuleResult {
  const Rule* rule = nullptr;
  uint64_t checked = 0;  // Evaluations (calls the rule applied to).
  uint64_t probed = 0;   // Caller rules broken on purpose by check-stub's driver.
  std::vector<Violation> violations;
  bool passed() const { return violations.empty(); }
};

struct CheckerOptions {
  // check-stub's driver breaks caller rules on purpose (misaligned vectors):
  // count them as probes instead of violations.
  bool probing_driver = false;
  // The driver's restart target traps on its first instruction, so a
  // SOFT_RESTART that never arrives is a failure (not merely unobserved).
  bool restart_target_traps = false;
  std::FILE* trace = nullptr;  // One line per call, if set.
};

// One call's verdict, reported as soon as the checker has evaluated it (the
// tracer prints it with the hypercall's return).
struct CallVerdict {
  uint64_t call = 0;                  // 1-based call number.
  std::string what;                   // "SET_VECTORS(x1=0x...)"
  const char* outcome = "";           // "returned", "arrived" (SOFT_RESTART) or "lost".
  unsigned rules = 0;                 // Rules evaluated for this call.
  std::vector<std::string> failures;  // "rule-id: x19 expected 0x1, got 0x2", per violation.
  bool passed() const { return failures.empty(); }
};

class Checker : public ExceptionObserver {
 public:
  using Symbolizer = std::function<std::string(uint64_t)>;
  using CallListener = std::function<void(const Cpu&, const CallVerdict&)>;
  Checker(const Contract& contract, Symbolizer symbolize, CheckerOptions options = {});

  // The stub's vector table. Without it, VBAR_EL2 at the first HVC from EL1
  // is taken as the stub's.
  void set_stub_vectors(uint64_t addr);
  // Called with every call's verdict; empty for none.
  void set_call_listener(CallListener listener) { listener_ = std::move(listener); }
  std::optional<uint64_t> stub_vectors() const { return stub_vectors_; }

  void on_exception(Cpu& cpu, const Exception& e, const ExceptionEntry& entry) override;
  void on_exception_return(Cpu& cpu, const ExceptionReturn& ret) override;
  // Call when the run has stopped: resolves a call still in progress.
  void finish(const Cpu& cpu);

  const Contract& contract() const { return contract_; }
  const std::vector<RuleResult>& results() const { return results_; }
  uint64_t calls() const { return calls_; }
  uint64_t calls_to_stub() const { return calls_to_stub_; }
  bool all_passed() const;

 private:
  enum class Event : uint8_t { kReturned, kArrived, kNeverBack };
  struct Call {
    uint64_t seq = 0;
    Fn fn = Fn::kOther;
    bool stub_answered = false;
    bool caller_ok = true;  // The caller's preconditions held.
    uint64_t hvc_pc = 0;
    uint64_t caller_spsr = 0;
    CpuState before;
    std::string what;
    std::vector<std::string> inside;  // Exceptions taken inside the handler.
    CallVerdict verdict;              // Caller rules fill it at the call, stub rules at the end.
  };
  struct Ctx;  // Evaluation context (checker.cc).

  void begin_call(Cpu& cpu);
  void evaluate(const Cpu& cpu, Event ev, const CpuState& now, uint64_t now_spsr);
  Violation evidence(const Cpu& cpu, const Call& c) const;
  RuleResult& result_for(const Rule& r);

  const Contract& contract_;
  Symbolizer symbolize_;
  CheckerOptions options_;
  std::optional<uint64_t> stub_vectors_;
  std::optional<Call> pending_;
  std::vector<RuleResult> results_;
  CallListener listener_;
  uint64_t calls_ = 0, calls_to_stub_ = 0;
};

}  // namespace el2::stubs
