#include "platform/machine.h"

#include <stdexcept>

#include <fmt/format.h>

#include "cpu/sysregs/registry.h"
#include "cpu/timing/profile.h"
#include "platform/semihosting.h"

namespace el2 {

namespace {

constexpr uint64_t kScrNs = 1ull << 0;
constexpr uint64_t kScrHce = 1ull << 8;
constexpr uint64_t kScrRw = 1ull << 10;
constexpr uint64_t kHcrRw = 1ull << 31;

CpuModel configured_model(const MachineConfig& c) {
  const CpuModel* base = find_cpu_model(c.cpu);
  if (!base) throw std::invalid_argument(fmt::format("unknown CPU model '{}'", c.cpu));
  CpuModel m = *base;
  m.has_el2 = c.has_el2;
  m.has_el3 = c.has_el3;
  return m;
}

// The A57 profile stands for the A72 and `max` too (issue F9: no better
// published data was found for them).
const CoreProfile& timing_profile_for(const CpuModel& m) {
  return *builtin_profile(m.name == "cortex-a53" ? "cortex-a53" : "cortex-a57");
}

}  // namespace

Machine::Machine(const MachineConfig& config)
    : config_(config), model_(configured_model(config)), psci_(config.psci_config) {
  const unsigned highest = model_.has_el3 ? 3 : model_.has_el2 ? 2 : 1;
  if (config_.entry_el == 0) config_.entry_el = highest;
  if (config_.entry_el > highest || (config_.entry_el == 2 && !model_.has_el2))
    throw std::invalid_argument(fmt::format("EL{} is not implemented on this machine", config_.entry_el));
  if (config_.entry_el < 1)
    throw std::invalid_argument("the entry EL must be 1, 2 or 3");
  if (config_.smp < 1 || config_.smp > kMaxCores)
    throw std::invalid_argument(fmt::format("--smp must be 1..{}", kMaxCores));
  mem_.add_ram("ram", config_.ram_base, config_.ram_size);
  for (unsigned i = 0; i < config_.smp; ++i) {
    cores_.push_back(std::make_unique<Cpu>(model_, mem_, i));
    cores_.back()->set_host_services(this);
    if (config_.smp > 1) {
      group_.add(cores_.back().get());
      cores_.back()->set_core_group(&group_);
    }
    if (i > 0) cores_.back()->set_activity(Cpu::Activity::kOff);
    if (config_.timing)
      cores_.back()->set_timing(std::make_unique<CoreTiming>(timing_profile_for(model_)));
  }
}

Machine::~Machine() = default;

const LoadedImage& Machine::load_elf(const std::string& path) {
  images_.push_back(load_elf_file(path, mem_));
  return images_.back();
}

const LoadedImage& Machine::load_elf_bytes(std::span<const uint8_t> bytes, const std::string& name) {
  images_.push_back(el2::load_elf(bytes, name, mem_));
  return images_.back();
}

const LoadedImage& Machine::load_raw(const std::string& path, uint64_t addr) {
  images_.push_back(load_raw_file(path, addr, mem_));
  return images_.back();
}

// Entering below EL3 means firmware has already configured the higher ELs
// for a Non-secure AArch64 world with HVC enabled (as TF-A leaves them).
void Machine::set_reset_controls(CpuState& s, unsigned el) const {
  if (model_.has_el3 && el < 3) s.sys.scr_el3 |= kScrNs | kScrRw | kScrHce;
  if (model_.has_el2 && el < 2) s.sys.hcr_el2 |= kHcrRw;
}

void Machine::reset(uint64_t pc) {
  const bool all = config_.secondaries == SecondaryStart::kAtEntry;
  for (unsigned i = 0; i < (all ? cores_.size() : size_t{1}); ++i) {
    Cpu& core = *cores_[i];
    CpuState& s = core.state();
    s.pc = pc;
    s.pstate = Pstate{};
    s.pstate.el = static_cast<uint8_t>(config_.entry_el);
    set_reset_controls(s, config_.entry_el);
    core.set_activity(Cpu::Activity::kRunning);
    core.control_state_changed();
  }
}

void Machine::start_core(unsigned core, uint64_t pc, unsigned el, uint64_t context) {
  Cpu& c = *cores_.at(core);
  CpuState& s = c.state();
  s = CpuState{};  // Architectural reset values.
  SysRegTable::instance().reset(s);
  s.pc = pc;
  s.pstate.el = static_cast<uint8_t>(el);
  s.x[0] = context;
  set_reset_controls(s, el);
  c.set_activity(Cpu::Activity::kRunning);
  c.control_state_changed();
}

uint64_t Machine::total_insns() const {
  uint64_t n = 0;
  for (const auto& c : cores_) n += c->insn_count();
  return n;
}

const Cpu* Machine::stopped_core() const {
  for (const auto& c : cores_)
    if (c->stop_reason() != StopReason::kNone) return c.get();
  return nullptr;
}

uint64_t Machine::sync_timers(Cpu& core) {
  if (!board_) return TimerOutputs::kNever;
  const TimerOutputs t = evaluate_timers(core);
  board_->set_timer_outputs(core, t);
  return t.next_deadline;
}

void Machine::timers_changed(Cpu& cpu) {
  const uint64_t deadline = sync_timers(cpu);
  if (deadline != TimerOutputs::kNever) cpu.end_run_at(deadline);
}

bool Machine::run_slice(Cpu& core, uint64_t slice_end, uint64_t limit) {
  bool ran = false;
  while (core.cycles() < slice_end) {
    const uint64_t deadline = sync_timers(core);
    if (core.activity() != Cpu::Activity::kRunning) {
      if (!core.wake_condition()) break;
      core.set_activity(Cpu::Activity::kRunning);
    }
    const uint64_t done = total_insns();
    if (done >= limit) break;
    const uint64_t until = std::min(slice_end, std::max(deadline, core.cycles() + 1));
    ran = true;
    core.run(limit - done, until);
    if (core.stop_reason() != StopReason::kNone) break;
  }
  return ran;
}

bool Machine::skip_idle_time() {
  uint64_t next = TimerOutputs::kNever;
  for (auto& core : cores_)
    if (core->activity() != Cpu::Activity::kOff) next = std::min(next, sync_timers(*core));
  if (next == TimerOutputs::kNever) return board_ && board_->wait_for_host_input();
  // Input that is already there comes first (it is what a user waits on).
  if (board_) board_->poll_host_input();
  now_ = std::max(now_, next);
  for (auto& core : cores_) core->idle_until(now_);
  return true;
}

// Time advances in slices of kQuantum cycles: each core in turn runs to the
// end of the slice (stopping early at its timer deadlines so an interrupt is
// taken on time), and cores that wait or are off idle to it, so all guest
// clocks agree at slice ends. The order is fixed, so runs are deterministic.
RunResult Machine::run(uint64_t max_insns) {
  RunResult r;
  const uint64_t limit = total_insns() + max_insns;
  // Host input is polled every this many slices (a system call per slice
  // would cost more than the guest's own work).
  constexpr uint64_t kInputPollSlices = 16;
  for (;;) {
    const uint64_t slice_end = now_ + kQuantum;
    bool ran = false;
    for (auto& core : cores_) {
      ran |= run_slice(*core, slice_end, limit);
      if (const Cpu* stopped = stopped_core()) {
        r.reason = stopped->stop_reason();
        r.exit_code = stopped->exit_code();
        r.message = stopped->stop_message();
        r.insns = total_insns();
        return r;
      }
    }
    if (total_insns() >= limit) {
      r.reason = StopReason::kInsnLimit;
      r.insns = total_insns();
      return r;
    }
    if (board_ && ++slices_ % kInputPollSlices == 0) board_->poll_host_input();
    if (!ran && !skip_idle_time()) {
      r.reason = StopReason::kFatal;
      r.message = board_ ? "deadlock: every core is off or waiting (WFI/WFE), no timer is "
                           "armed and no input can arrive"
                         : "deadlock: every core is off or waiting (WFI/WFE) with nothing to "
                           "wake it";
      r.insns = total_insns();
      return r;
    }
    if (ran) {
      now_ = slice_end;
      for (auto& core : cores_) core->idle_until(now_);
    }
  }
}

std::string Machine::symbolize(uint64_t addr) const {
  for (const auto& img : images_) {
    const Symbol* s = img.symbol_at(addr);
    if (!s) continue;
    if (s->size && addr >= s->addr + s->size) continue;
    return addr == s->addr ? s->name : fmt::format("{}+{:#x}", s->name, addr - s->addr);
  }
  return {};
}

bool Machine::firmware_call(Cpu& cpu, bool is_smc, uint16_t imm) {
  if (!config_.psci) return false;
  calling_core_ = &cpu;
  const bool handled = psci_.handle(cpu, cpu.core_index(), *this, is_smc, imm);
  calling_core_ = nullptr;
  return handled;
}

PowerState Machine::core_power(unsigned core) const {
  return cores_.at(core)->activity() == Cpu::Activity::kOff ? PowerState::kOff : PowerState::kOn;
}

// Answering SMC, the built-in firmware stands in for EL3 firmware, which
// starts a core in the highest Non-secure EL (TF-A, and QEMU's virt with
// virtualization=on, enter EL2 when it exists: Linux checks that every CPU
// started at EL2). Answering HVC it stands in for a hypervisor (KVM), whose
// guests' cores start at the caller's EL.
void Machine::core_on(unsigned core, uint64_t entry, uint64_t context, unsigned el) {
  if (config_.psci_config.conduit == PsciConduit::kSmc && model_.has_el2 && !model_.has_el3)
    el = 2;
  start_core(core, entry, el, context);
}

void Machine::core_off(unsigned core) { cores_.at(core)->set_activity(Cpu::Activity::kOff); }

void Machine::core_standby(unsigned core) {
  Cpu& c = *cores_.at(core);
  c.set_activity(Cpu::Activity::kWfi);
  if (c.wake_condition()) c.set_activity(Cpu::Activity::kRunning);
}

void Machine::system_event(SystemEvent event, uint64_t type) {
  Cpu& c = calling_core_ ? *calling_core_ : *cores_[0];
  const bool off = event == SystemEvent::kOff;
  c.request_stop(off ? StopReason::kSystemOff : StopReason::kSystemReset, 0,
                 type ? fmt::format("type {:#x}", type) : std::string{});
}

void Machine::send_event(Cpu&) {
  for (auto& c : cores_) c->set_event_register(true);
}

bool Machine::semihosting(Cpu& cpu) {
  semihosting::handle(cpu, config_.console);
  return true;
}

}  // namespace el2
