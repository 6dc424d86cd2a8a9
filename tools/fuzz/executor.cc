#include "tools/fuzz/executor.h"

#include <fmt/format.h>

#include <cctype>
#include <stdexcept>

#include "cpu/sysregs/registry.h"
#include "tools/fuzz/invariants.h"
#include "tools/fuzz/rng.h"

namespace el2::fuzz {

namespace {

constexpr uint32_t kHvc = 0xd4000002;  // HVC #imm16: imm16 at [20:5].
constexpr uint32_t kSmc = 0xd4000003;
constexpr uint64_t kBootBudget = 1000;
constexpr uint64_t kFnvBasis = 0xcbf29ce484222325ull;

uint64_t fold(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001b3ull; }

uint64_t digest_state(uint64_t h, const CpuState& s) {
  for (uint64_t x : s.x) h = fold(h, x);
  for (uint64_t sp : s.sp_el) h = fold(h, sp);
  h = fold(h, s.pc);
  h = fold(h, pack_spsr(s.pstate));
  for (unsigned el = 1; el < 4; ++el) {
    h = fold(h, s.elr_el[el]);
    h = fold(h, s.spsr_el[el]);
    h = fold(h, s.sys.vbar[el]);
  }
  for (const VReg& v : s.v) h = fold(fold(h, v.lo), v.hi);
  h = fold(h, (uint64_t{s.fpcr} << 32) | s.fpsr);
  h = fold(h, s.sys.sctlr[1]);
  h = fold(h, s.sys.sctlr[2]);
  return fold(h, s.sys.hcr_el2);
}

const SysRegDef& sysreg(const char* name) {
  const SysRegDef* def = SysRegTable::instance().find(name);
  if (!def) throw std::logic_error(std::string("no system register ") + name);
  return *def;
}

const SysRegDef* sysreg_named(const std::string& lower) {
  std::string name = lower;
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return SysRegTable::instance().find(name);
}

Finding abi(std::string id, std::string detail) {
  return {Finding::Kind::kAbi, std::move(id), std::move(detail)};
}

std::string describe(const stubs::Rule& rule, const stubs::Violation& v) {
  std::string d = v.call ? fmt::format("call #{} {}", v.call, v.what) : std::string(rule.text);
  if (v.has_values)
    d += fmt::format(": {} is {:#x}, expected {:#x}", v.reg, v.actual, v.expected);
  else if (!v.reg.empty())
    d += ": " + v.reg;
  if (!v.note.empty()) d += " (" + v.note + ")";
  if (v.pc) d += fmt::format(" at {:#x}{}", v.pc, v.symbol.empty() ? "" : " <" + v.symbol + ">");
  return d;
}

}  // namespace

Executor::Executor(FuzzMachine& fm, const stubs::Contract& contract, ExecutorOptions options)
    : fm_(fm), contract_(contract), options_(options) {
  fm_.on_build([this](Machine& m) { m.cpu().add_observer(&watch_); });
}

std::string Executor::where(const Cpu& cpu) const {
  const uint64_t pc = cpu.pc();
  const std::string sym = fm_.symbolize(pc);
  std::string w =
      fmt::format("EL{} {:#x}{}", cpu.state().pstate.el, pc, sym.empty() ? "" : " <" + sym + ">");
  if (cpu.stop_reason() != StopReason::kNone)
    w += fmt::format(", stopped: {}{}", stop_reason_name(cpu.stop_reason()),
                     cpu.stop_message().empty() ? "" : " (" + cpu.stop_message() + ")");
  else if (cpu.activity() != Cpu::Activity::kRunning)
    w += ", waiting with nothing to wake it";
  return w;
}

void Executor::patch(uint64_t addr, uint32_t insn) {
  uint32_t now = 0;
  MemoryMap& mem = fm_.machine().memory();
  if (!mem.read_phys(addr, &now, 4) || now != insn) mem.write_phys(addr, &insn, 4);
}

Pstate Executor::prepare(Cpu& cpu, const Step& step, unsigned nargs) {
  // FPCR and FPSR through their MSR write functions (which apply the
  // reserved bits) without the control-state flush a debugger write does.
  static const auto fpcr = sysreg("FPCR").write;
  static const auto fpsr = sysreg("FPSR").write;
  Rng r(step.fill);
  CpuState& s = cpu.state();
  for (uint64_t& x : s.x) x = r.interesting();
  for (unsigned i = 0; i < nargs; ++i) s.x[i] = step.x[i];
  s.sp_el[0] = r.interesting();
  s.sp_el[1] = r.chance(90) ? r.next() & ~uint64_t{0xf} : r.interesting();
  Pstate p = s.pstate;
  p.el = 1;
  p.il = p.ss = false;
  p.sp = r.chance(85);  // Mostly EL1h; sometimes a caller on SP_EL0 (EL1t).
  const uint64_t flags = r.next();
  p.n = flags & 1, p.z = flags & 2, p.c = flags & 4, p.v = flags & 8;
  p.d = flags & 16, p.a = flags & 32, p.i = flags & 64, p.f = flags & 128;
  for (VReg& v : s.v) v = {r.next(), r.next()};
  fpcr(cpu, r.next());
  fpsr(cpu, r.next());
  s.pstate = p;
  cpu.control_state_changed();
  return p;
}

Executor::End Executor::step_until_over(Cpu& cpu) {
  for (uint64_t n = 0; n < options_.call_budget; ++n) {
    cpu.step();
    if (watch_.over()) return End::kOver;
    if (cpu.stop_reason() != StopReason::kNone || cpu.activity() != Cpu::Activity::kRunning) break;
  }
  return End::kHung;
}

std::optional<Finding> Executor::invariant_finding() const {
  if (watch_.invariant().empty()) return std::nullopt;
  return Finding{Finding::Kind::kInvariant, watch_.invariant(), watch_.invariant_detail()};
}

std::optional<Finding> Executor::new_violation() {
  const auto& results = checker_->results();
  for (size_t i = 0; i < results.size(); ++i) {
    if (results[i].violations.size() <= seen_[i]) continue;
    const stubs::Violation& v = results[i].violations[seen_[i]];
    seen_[i] = results[i].violations.size();
    return abi(std::string(results[i].rule->id), describe(*results[i].rule, v));
  }
  return std::nullopt;
}

std::optional<Finding> Executor::reboot(Cpu& cpu) {
  CpuState& s = cpu.state();
  s.pstate = Pstate{};  // EL2h, D, A, I, F masked: where a restarted payload starts.
  s.pstate.el = 2;
  s.pc = fm_.driver().el2_boot;
  cpu.control_state_changed();
  watch_.begin(false, s.pc, s.pstate, 0, 0);
  const uint64_t park = fm_.driver().el1_park;
  for (uint64_t n = 0; n < kBootBudget && !(cpu.state().pstate.el == 1 && cpu.pc() == park); ++n) {
    cpu.step();
    if (cpu.stop_reason() != StopReason::kNone) break;
  }
  if (auto f = invariant_finding()) return f;
  if (cpu.state().pstate.el != 1 || cpu.pc() != park)
    return Finding{Finding::Kind::kInvariant, "invariant.driver-boots",
                   "the driver's EL2 boot did not reach EL1: " + where(cpu)};
  if (options_.trace) fmt::print(options_.trace, "  -> the driver booted again to EL1\n");
  return std::nullopt;
}

std::optional<Finding> Executor::hvc(const Step& step) {
  Cpu& cpu = fm_.machine().cpu();
  const DriverLayout& d = fm_.driver();
  patch(d.el1_hvc, kHvc | (uint32_t{step.imm} << 5));
  const Pstate caller = prepare(cpu, step, 5);
  cpu.state().pc = d.el1_hvc;
  const bool restart = contract_.classify(step.x[0]) == stubs::Fn::kSoftRestart;
  watch_.begin(true, d.el1_hvc, caller, step.imm, restart ? step.x[1] : 0);
  ++calls_;
  const End end = step_until_over(cpu);
  if (auto f = invariant_finding()) return f;
  if (end == End::kHung) {
    checker_->finish(cpu);  // The call still pending never came back.
    if (auto f = new_violation()) return f;
    if (!watch_.hvc_taken())
      return abi("call.reaches-el2",
                 fmt::format("the HVC from EL1 did not reach EL2 (HCR_EL2 {:#x}): {}",
                             cpu.state().sys.hcr_el2, where(cpu)));
    return abi("call.completes",
               fmt::format("the call did not come back within {} instructions: {}",
                           options_.call_budget, where(cpu)));
  }
  if (auto f = new_violation()) return f;
  if (watch_.arrived() || cpu.state().pstate.el != 1) return reboot(cpu);
  return std::nullopt;
}

std::optional<Finding> Executor::smc(const Step& step) {
  Cpu& cpu = fm_.machine().cpu();
  const DriverLayout& d = fm_.driver();
  patch(d.el1_smc, kSmc | (uint32_t{step.imm} << 5));
  const Pstate caller = prepare(cpu, step, 4);
  cpu.state().pc = d.el1_smc;
  const CpuState before = cpu.state();
  watch_.begin(false, d.el1_smc, caller, step.imm, 0);
  ++calls_;
  cpu.step();  // The firmware answers within the instruction.
  if (auto f = invariant_finding()) return f;
  if (watch_.exceptions()) {
    if (watch_.entered_el2())
      return abi(
          "call.reaches-firmware",
          fmt::format("the SMC from EL1 trapped to EL2 (HCR_EL2 {:#x})", cpu.state().sys.hcr_el2));
    return Finding{Finding::Kind::kInvariant, "invariant.smc-answered",
                   "the built-in firmware did not answer the SMC: " + where(cpu)};
  }
  const bool off = fm_.take_system_event() || cpu.activity() == Cpu::Activity::kOff;
  if (cpu.stop_reason() != StopReason::kNone)
    return Finding{Finding::Kind::kInvariant, "invariant.smc-stop",
                   "the SMC stopped the machine: " + where(cpu)};
  // CPU_SUSPEND is a standby (WFI) here: with no interrupt source nothing
  // would wake it, so a wake-up event is assumed at once.
  if (!off && cpu.activity() != Cpu::Activity::kRunning) cpu.set_activity(Cpu::Activity::kRunning);
  if (std::string why = check_smc_return(cpu, before, d.el1_smc, step.imm); !why.empty())
    return Finding{Finding::Kind::kInvariant, "invariant.smc-return", why};
  if (options_.trace)
    fmt::print(options_.trace, "  -> x0={:#x} x1={:#x} x2={:#x} x3={:#x}{}\n", cpu.state().x[0],
               cpu.state().x[1], cpu.state().x[2], cpu.state().x[3], off ? "; power cycle" : "");
  if (off) fm_.restore();  // CPU_OFF, SYSTEM_OFF, SYSTEM_RESET: the machine boots again.
  return std::nullopt;
}

std::optional<Finding> Executor::msr(const Step& step) {
  Cpu& cpu = fm_.machine().cpu();
  const DriverLayout& d = fm_.driver();
  const uint64_t gadget = d.msr_gadgets.at(step.reg);
  const SysRegDef* def = sysreg_named(step.reg);
  CpuState& s = cpu.state();
  const uint64_t old = def && def->field ? *def->field(s) : 0;
  s.x[0] = step.value;
  s.pc = gadget;
  watch_.begin(false, gadget, s.pstate, 0, 0);
  for (uint64_t n = 0; n < options_.call_budget; ++n) {
    cpu.step();
    if (cpu.state().pstate.el == 1 && cpu.pc() == d.el1_park) break;
    if (cpu.stop_reason() != StopReason::kNone || cpu.activity() != Cpu::Activity::kRunning) break;
  }
  if (auto f = invariant_finding()) return f;
  if (cpu.state().pstate.el != 1 || cpu.pc() != d.el1_park) {
    if (watch_.entered_el2())
      return abi("call.el1-runs", fmt::format("MSR {} at EL1 trapped to EL2 (HCR_EL2 {:#x}): {}",
                                              step.reg, cpu.state().sys.hcr_el2, where(cpu)));
    return Finding{Finding::Kind::kInvariant, "invariant.msr-completes",
                   fmt::format("MSR {} at EL1 did not complete: {}", step.reg, where(cpu))};
  }
  if (def && def->field && !def->read) {
    // Without a write function an MSR changes exactly the writable bits.
    const uint64_t stored = *def->field(cpu.state());
    const uint64_t want =
        def->write ? stored : (old & ~def->writable) | (step.value & def->writable);
    if (cpu.state().x[1] != want || stored != want)
      return Finding{Finding::Kind::kInvariant, "invariant.msr-readback",
                     fmt::format("MSR {} = {:#x} then MRS gave {:#x} (holds {:#x}, expected {:#x})",
                                 step.reg, step.value, cpu.state().x[1], stored, want)};
  }
  return std::nullopt;
}

RunOutcome Executor::run(const Sequence& seq, bool fresh) {
  for (const Step& s : seq)
    if (s.kind == StepKind::kMsr && !fm_.driver().msr_gadgets.count(s.reg))
      throw std::invalid_argument(
          fmt::format("no EL1 register '{}' to write (see docs/FUZZING.md)", s.reg));
  fm_.restore(fresh);
  stubs::CheckerOptions co;
  co.probing_driver = true;  // Misaligned SET_VECTORS arguments are probes, not caller bugs.
  co.restart_target_traps = true;
  co.trace = options_.trace;
  checker_.emplace(
      contract_, [this](uint64_t a) { return fm_.symbolize(a); }, co);
  checker_->set_stub_vectors(fm_.stub_vectors());
  seen_.assign(checker_->results().size(), 0);
  watch_.set_checker(&*checker_);

  RunOutcome out;
  out.digest = kFnvBasis;
  out.finding = new_violation();  // Static rules (the table's alignment).
  for (size_t i = 0; i < seq.size() && !out.finding; ++i) {
    const Step& step = seq[i];
    if (options_.trace) fmt::print(options_.trace, "step {}: {}\n", i + 1, format_step(step));
    std::optional<Finding> f;
    try {
      f = step.kind == StepKind::kHvc   ? hvc(step)
          : step.kind == StepKind::kSmc ? smc(step)
                                        : msr(step);
    } catch (const std::exception& e) {
      f = Finding{Finding::Kind::kInvariant, "invariant.no-throw",
                  fmt::format("el2emu threw: {}", e.what())};
    }
    ++out.steps;
    if (f) {
      f->step = static_cast<int>(i);
      out.finding = std::move(f);
    }
    out.digest = digest_state(out.digest, fm_.machine().cpu().state());
  }
  watch_.set_checker(nullptr);
  return out;
}

}  // namespace el2::fuzz
