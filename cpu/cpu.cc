#include "cpu/cpu.h"

#include "cpu/timing/retired_insn.h"

#include <fmt/format.h>

#include "cpu/decoder.h"
#include "cpu/sysregs/registry.h"
#include "exceptions/routing.h"

namespace el2 {

const char* stop_reason_name(StopReason r) {
  switch (r) {
    case StopReason::kNone: return "running";
    case StopReason::kInsnLimit: return "instruction limit reached";
    case StopReason::kGuestExit: return "guest exit";
    case StopReason::kSystemOff: return "PSCI SYSTEM_OFF";
    case StopReason::kSystemReset: return "PSCI SYSTEM_RESET";
    case StopReason::kFatal: return "fatal guest state";
  }
  return "?";
}

Cpu::Cpu(const CpuModel& model, MemoryMap& mem, unsigned core_index)
    : model_(model), mem_(mem), core_index_(core_index), decoder_(model) {
  SysRegTable::instance().reset(s_);
}

uint64_t Cpu::physical_count() const {
  // 1 GHz / 62.5 MHz: a whole 16 cycles per tick, so no 128-bit division
  // (guests poll the counter in delay loops).
  if constexpr (kCoreHz % kCounterHz == 0) return cycles() / (kCoreHz / kCounterHz);
  const unsigned __int128 ticks = static_cast<unsigned __int128>(cycles()) * kCounterHz;
  return static_cast<uint64_t>(ticks / kCoreHz);
}

// The decode cache is keyed by encoding, so it does not depend on control
// state. The TLB is tagged by regime, VMID and ASID and needs no flush here
// (TLBI maintains it, as the architecture requires); the fast arrays hold
// permissions for each EL under the current controls, so they are flushed,
// and the regime controls computed from those registers are dropped, with
// the walk cache (a new TTBR or granule changes every walk).
void Cpu::control_state_changed() {
  flush_fast();
  regime_valid_ = 0;
  walk_cache_.invalidate_all();
  update_attention();
}

namespace {
constexpr uint64_t kHcrVm = 1ull << 0;
constexpr uint64_t kHcrVirtualLines = (1ull << 6) | (1ull << 7) | (1ull << 8);  // VF, VI, VSE
constexpr uint64_t kHcrVse = 1ull << 8;
}  // namespace

void Cpu::update_attention() {
  attention_ = lines_ != 0 || (s_.sys.hcr_el2 & (kHcrVm | kHcrVirtualLines)) != 0 || s_.pstate.il;
  if (attention_) batch_end_ = 0;
}

void Cpu::set_interrupt_line(InterruptLine line, bool asserted) {
  lines_ = asserted ? (lines_ | line) : (lines_ & ~line);
  update_attention();
}

// Runs before an instruction while attention_ is set. Returns true when the
// instruction must not execute (an exception was taken or the run stops).
bool Cpu::service_attention() {
  if ((s_.sys.hcr_el2 & kHcrVm) && s_.pstate.el <= 1 && el2_enabled(s_, model_)) {
    request_stop(StopReason::kFatal, 0,
                 "stage-2 translation is not supported (HCR_EL2.VM=1 with the core at EL1/EL0)");
    return true;
  }
  struct Source {
    AsyncKind kind;
    InterruptLine line;
    ExceptionKind exc;
  };
  // SError first, then FIQ, then IRQ: the architecture leaves the order among
  // pending asynchronous exceptions IMPLEMENTATION DEFINED.
  static constexpr Source kSources[] = {
      {AsyncKind::kSError, kLineSError, ExceptionKind::kSError},
      {AsyncKind::kFiq, kLineFiq, ExceptionKind::kFiq},
      {AsyncKind::kIrq, kLineIrq, ExceptionKind::kIrq},
  };
  for (const Source& src : kSources) {
    const uint32_t esr = src.kind == AsyncKind::kSError ? syn::serror() : 0;
    if (lines_ & src.line) {
      const AsyncDecision d = route_physical_async(src.kind, s_, model_);
      if (d.taken) {
        raise(Exception{.kind = src.exc, .esr = esr, .preferred_return = s_.pc,
                        .target_el = static_cast<uint8_t>(d.target_el)});
        return true;
      }
    }
    if (virtual_async_taken(src.kind, s_, model_)) {
      if (src.kind == AsyncKind::kSError) s_.sys.hcr_el2 &= ~kHcrVse;  // Cleared when taken.
      raise(Exception{.kind = src.exc, .esr = esr, .preferred_return = s_.pc, .target_el = 1});
      update_attention();
      return true;
    }
  }
  return false;
}

Cpu::~Cpu() = default;

void Cpu::request_stop(StopReason r, int exit_code, std::string message) {
  if (stop_requested_) return;  // The first reason wins.
  stop_requested_ = true;
  batch_end_ = 0;
  stop_reason_ = r;
  exit_code_ = exit_code;
  stop_message_ = std::move(message);
}

bool Cpu::fetch(uint32_t& insn) {
  if (s_.pc & 3) {
    Exception e{.esr = syn::pc_alignment(), .preferred_return = s_.pc, .far_valid = true, .far = s_.pc};
    raise(e);
    return false;
  }
  const FetchEntry& e = fetch_entry(s_.pc);
  if (e.tag == (s_.pc & kFastPageMask)) [[likely]] {
    std::memcpy(&insn, reinterpret_cast<const uint8_t*>(s_.pc + e.addend), 4);
    return true;
  }
  uint64_t v = 0;
  if (!access_slow(s_.pc, 4, AccessKind::kFetch, v, kAccNormal)) return false;
  insn = static_cast<uint32_t>(v);
  return true;
}

void Cpu::step() {
  if (attention_) [[unlikely]] {
    next_pc_ = s_.pc;
    if (service_attention()) {
      s_.pc = next_pc_;
      return;
    }
  }
  next_pc_ = s_.pc + 4;
  if (s_.pstate.il) [[unlikely]] {
    // Arm ARM D1.4.4: any instruction executed with PSTATE.IL set is an Illegal
    // Execution state exception.
    raise_sync(syn::illegal_state());
  } else {
    uint32_t insn;
    if (fetch(insn)) {
      const uint64_t pc = s_.pc;
      if (timing_) [[unlikely]]
        execute_timed(pc, insn);
      else
        decoder_.lookup(pc, insn).fn(*this, insn);
      if (insn_observer_) [[unlikely]] {
        s_.pc = next_pc_;
        if (insn_abandoned_)
          insn_abandoned_ = false;
        else
          insn_observer_->on_insn(*this, pc, insn);
      }
    }
  }
  s_.pc = next_pc_;
  ++insn_count_;
}

StopReason Cpu::run(uint64_t max_insns, uint64_t cycle_limit) {
  run_limit_ = insn_count_ + max_insns;
  run_cycle_limit_ = cycle_limit;
  yield_ = activity_ != Activity::kRunning;
  while (!stop_requested_ && !yield_) {
    const uint64_t now = cycles();
    if (insn_count_ >= run_limit_ || now >= run_cycle_limit_) return StopReason::kInsnLimit;
    if (insn_observer_ || attention_) {
      step();
      continue;
    }
    select_batch_fetch();
    if (timing_) {
      batch_end_ = run_limit_;  // The model's clock is checked as it goes.
      run_batch<true>();
    } else {
      // Without a timing model one instruction is one cycle, so both limits
      // are an instruction count.
      batch_end_ = std::min(run_limit_, insn_count_ + (run_cycle_limit_ - now));
      run_batch<false>();
    }
  }
  return stop_requested_ ? stop_reason_ : StopReason::kNone;
}

// step() for the common case, without its per-instruction tests: no
// observer, nothing needing attention (which includes PSTATE.IL, see
// update_attention()), no yield or stop (run() checked; setting any of them
// ends the batch), the fetch hitting the fast array (whose tag also rules out
// a misaligned PC). Anything else goes through step(). With the timing model
// (kTimed) the cycle limit is the model's clock, checked per instruction.
template <bool kTimed>
void Cpu::run_batch() {
  while (insn_count_ < batch_end_) {
    if constexpr (kTimed)
      if (timing_->now() + idle_cycles_ >= run_cycle_limit_) return;
    const uint64_t pc = s_.pc;
    const FetchEntry& f = batch_fetch_[(pc >> 12) & (kFetchEntries - 1)];
    if (f.tag != (pc & (kFastPageMask | 3))) [[unlikely]] {
      step();
      continue;
    }
    uint32_t insn;
    std::memcpy(&insn, reinterpret_cast<const uint8_t*>(pc + f.addend), 4);
    next_pc_ = pc + 4;
    if constexpr (kTimed)
      execute_timed(pc, insn);
    else
      decoder_.lookup(pc, insn).fn(*this, insn);
    s_.pc = next_pc_;
    ++insn_count_;
  }
}

bool Cpu::wake_condition() const {
  constexpr uint64_t kHcrVirtualLines = (1ull << 6) | (1ull << 7) | (1ull << 8);
  const bool interrupt = lines_ != 0 || (s_.pstate.el <= 1 && (s_.sys.hcr_el2 & kHcrVirtualLines));
  switch (activity_) {
    case Activity::kRunning: return true;
    case Activity::kWfi: return interrupt;
    case Activity::kWfe: return interrupt || event_;
    case Activity::kOff: return false;
  }
  return false;
}

void Cpu::raise(const Exception& e) {
  ++exceptions_taken_;
  if (timing_) timing_->exception_entry();
  const ExceptionEntry entry = take_exception(s_, model_, e);
  update_attention();  // PSTATE.IL is now clear.
  select_batch_fetch();
  next_pc_ = s_.pc;
  for (ExceptionObserver* o : observers_) o->on_exception(*this, e, entry);
  // Real handlers return (ERET) long before this many exceptions nest; a
  // guest whose vectors fault again is stuck for good.
  if (++exceptions_since_eret_ > kExceptionStormLimit)
    request_stop(StopReason::kFatal, 0,
                 fmt::format("exception storm: {} exceptions without an ERET, the last {} "
                             "(ESR {:#x}) from PC {:#x} to vector {:#x} at EL{}",
                             exceptions_since_eret_ - 1,
                             exception_class_name(syn::ec_of(e.esr)), e.esr,
                             e.preferred_return, entry.vector, entry.to_el));
}

// An instruction that takes an exception (a fault, SVC/HVC/SMC) does not
// retire; the model charges the exception entry instead.
void Cpu::execute_timed(uint64_t pc, uint32_t insn) {
  const Decoder::CacheEntry& e = decoder_.lookup(pc, insn);
  timing_->describe(pc, insn, e.op, retired_);
  const uint64_t exceptions = exceptions_taken_;
  retiring_ = &retired_;
  e.fn(*this, insn);
  retiring_ = nullptr;
  if (exceptions_taken_ != exceptions) return;
  if (retired_.is_branch) {
    retired_.taken = next_pc_ != pc + 4;
    retired_.target = next_pc_;
  }
  timing_->retire(retired_);
  if (e.op == OpClass::kBarrier)
    if (const auto kind = barrier_kind(insn)) timing_->barrier(*kind);
}

void Cpu::add_access_observer(AccessObserver* o) {
  access_observers_.push_back(o);
  flush_fast();  // translate() does not refill it while observers are attached.
}

void Cpu::remove_access_observer(AccessObserver* o) { std::erase(access_observers_, o); }

void Cpu::abandon_insn() {
  next_pc_ = s_.pc;
  --insn_count_;  // step() counts every instruction it starts; this one never ran.
  yield_ = true;
  batch_end_ = 0;
  insn_abandoned_ = insn_observer_ != nullptr;
  for (AccessObserver* o : access_observers_) o->on_insn_abandoned(*this);
}

void Cpu::exception_return_now() {
  if (timing_) timing_->exception_return();
  const ExceptionReturn r = exception_return(s_, model_);
  update_attention();  // An illegal return sets PSTATE.IL.
  select_batch_fetch();
  next_pc_ = s_.pc;
  event_ = true;  // An exception return sets the event register (Arm ARM D1.6.1).
  exceptions_since_eret_ = 0;
  for (ExceptionObserver* o : observers_) o->on_exception_return(*this, r);
}

void Cpu::raise_sync(uint32_t esr, unsigned target_el, bool return_to_next) {
  Exception e{.esr = esr,
              .preferred_return = return_to_next ? s_.pc + 4 : s_.pc,
              .target_el = static_cast<uint8_t>(target_el)};
  raise(e);
}

void Cpu::undefined() { raise_sync(syn::unknown()); }

void Cpu::raise_data_abort(uint64_t va, const syn::DataAbortInfo& info) {
  const unsigned target = std::max<unsigned>(default_sync_target(s_, model_), s_.pstate.el);
  Exception e{.esr = syn::data_abort(target == s_.pstate.el, info),
              .preferred_return = s_.pc,
              .target_el = static_cast<uint8_t>(target),
              .far_valid = true,
              .far = va};
  raise(e);
}

bool Cpu::alignment_fault(uint64_t va, bool is_write) {
  raise_data_abort(va, syn::DataAbortInfo{.dfsc = syn::fsc::kAlignment, .write = is_write});
  return false;
}

}  // namespace el2
