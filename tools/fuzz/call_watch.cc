#include "tools/fuzz/call_watch.h"

#include "exceptions/syndrome.h"
#include "tools/fuzz/invariants.h"

namespace el2::fuzz {

void CallWatch::begin(bool is_hvc, uint64_t pc, const Pstate& caller, uint16_t imm,
                      uint64_t restart_target) {
  is_hvc_ = is_hvc;
  pc_ = pc;
  caller_ = caller;
  imm_ = imm;
  restart_target_ = restart_target;
  over_ = arrived_ = hvc_taken_ = entered_el2_ = false;
  exceptions_ = 0;
  invariant_.clear();
  invariant_detail_.clear();
}

void CallWatch::fail(const char* name, std::string detail) {
  if (!invariant_.empty()) return;  // The first one explains the rest.
  invariant_ = std::string("invariant.") + name;
  invariant_detail_ = std::move(detail);
}

void CallWatch::on_exception(Cpu& cpu, const Exception& e, const ExceptionEntry& entry) {
  if (checker_) checker_->on_exception(cpu, e, entry);
  const CpuState& s = cpu.state();
  if (std::string why = check_exception_entry(s, e, entry); !why.empty())
    fail("exception-entry", why);
  ++exceptions_;
  if (entry.to_el == 2) entered_el2_ = true;
  if (is_hvc_ && !hvc_taken_ && entry.from_el == 1 && entry.to_el == 2 &&
      e.kind == ExceptionKind::kSync && syn::ec_of(e.esr) == ExceptionClass::kHvc64) {
    hvc_taken_ = true;
    if (std::string why = check_hvc_entry(s, pc_, caller_, imm_); !why.empty())
      fail("hvc-entry", why);
  }
  // The restart target's first instruction traps (driver/fuzz_driver.S).
  if (restart_target_ && entry.from_el >= 2 &&
      (e.preferred_return == restart_target_ || e.preferred_return == restart_target_ + 4))
    over_ = arrived_ = true;
}

void CallWatch::on_exception_return(Cpu& cpu, const ExceptionReturn& ret) {
  if (checker_) checker_->on_exception_return(cpu, ret);
  const CpuState& s = cpu.state();
  if (std::string why = check_exception_return(s, ret); !why.empty()) fail("exception-return", why);
  if (!is_hvc_ || !hvc_taken_ || ret.from_el != 2) return;
  // As the checker pairs them: the first ERET from EL2 ends a call, except
  // for SOFT_RESTART, which ends where it arrives (or back at the caller).
  if (restart_target_) {
    if (s.pc == restart_target_) over_ = arrived_ = true;
    if (ret.to_el < 2 && s.pc == pc_ + 4) over_ = true;
    return;
  }
  over_ = true;
}

}  // namespace el2::fuzz
