#include "cpu/insn/branch_system.h"

#include "cpu/cpu.h"
#include "cpu/insn/common.h"
#include "cpu/sysregs/sys_insn.h"
#include "exceptions/routing.h"

namespace el2::insn {

namespace {

constexpr uint64_t kScrSmd = 1ull << 7;
constexpr uint64_t kScrHce = 1ull << 8;
constexpr uint64_t kHcrTsc = 1ull << 19;
constexpr uint64_t kHcrHcd = 1ull << 29;
constexpr uint64_t kHcrTwi = 1ull << 13;
constexpr uint64_t kHcrTwe = 1ull << 14;
constexpr uint64_t kScrTwi = 1ull << 12;
constexpr uint64_t kScrTwe = 1ull << 13;
constexpr uint64_t kSctlrNtwi = 1ull << 16;
constexpr uint64_t kSctlrNtwe = 1ull << 18;

// Without the EL an HVC/SMC targets, the instruction is UNDEFINED unless the
// machine's built-in firmware answers it (psci/, issue F6).
void firmware_or_undefined(Cpu& cpu, bool is_smc, uint16_t imm) {
  HostServices* host = cpu.host_services();
  if (host && host->firmware_call(cpu, is_smc, imm)) return;
  cpu.undefined();
}

}  // namespace

namespace {

// B.cond for one condition (bits 3:0).
template <unsigned kCond>
struct BCondForm {
  static void run(Cpu& cpu, uint32_t i) {
    if (condition_holds(kCond, cpu.state().pstate))
      cpu.branch_to(cpu.pc() + BCond::sget<'i'>(i) * 4);
  }
};
constexpr auto kBCondForms = form_table<BCondForm, 16>();

}  // namespace

Handler b_cond_specialized(uint32_t i) { return kBCondForms[BCond::get<'c'>(i)]; }
void b_cond(Cpu& cpu, uint32_t i) { kBCondForms[BCond::get<'c'>(i)](cpu, i); }

void b(Cpu& cpu, uint32_t i) { cpu.branch_to(cpu.pc() + B::sget<'i'>(i) * 4); }

void bl(Cpu& cpu, uint32_t i) {
  cpu.set_x(30, cpu.pc() + 4);
  cpu.branch_to(cpu.pc() + Bl::sget<'i'>(i) * 4);
}

void cbz_cbnz(Cpu& cpu, uint32_t i) {
  using E = CbzCbnz;
  const uint64_t v = truncate(cpu.x(E::get<'t'>(i)), E::get<'f'>(i) ? 64 : 32);
  if ((v == 0) != static_cast<bool>(E::get<'o'>(i))) cpu.branch_to(cpu.pc() + E::sget<'i'>(i) * 4);
}

void tbz_tbnz(Cpu& cpu, uint32_t i) {
  using E = TbzTbnz;
  const unsigned pos = (E::get<'B'>(i) << 5) | E::get<'b'>(i);
  if (bit(cpu.x(E::get<'t'>(i)), pos) == static_cast<bool>(E::get<'o'>(i)))
    cpu.branch_to(cpu.pc() + E::sget<'i'>(i) * 4);
}

void br(Cpu& cpu, uint32_t i) { cpu.branch_to(cpu.x(Br::get<'n'>(i))); }

void blr(Cpu& cpu, uint32_t i) {
  const uint64_t target = cpu.x(Blr::get<'n'>(i));  // Read before X30 is written (BLR X30).
  cpu.set_x(30, cpu.pc() + 4);
  cpu.branch_to(target);
}

void ret(Cpu& cpu, uint32_t i) { cpu.branch_to(cpu.x(Ret::get<'n'>(i))); }

void svc(Cpu& cpu, uint32_t i) {
  cpu.raise_sync(syn::svc(static_cast<uint16_t>(Svc::get<'i'>(i))), 0, /*return_to_next=*/true);
}

// HVC pseudocode (Arm ARM C6.2.x "HVC"): UNDEFINED at EL0, without EL2, at EL1
// when EL2 is not enabled, or when disabled by SCR_EL3.HCE (with EL3) or
// HCR_EL2.HCD (without EL3). Taken to EL3 from EL3, otherwise to EL2.
void hvc(Cpu& cpu, uint32_t i) {
  const CpuState& s = cpu.state();
  const CpuModel& m = cpu.model();
  const unsigned el = s.pstate.el;
  const auto imm = static_cast<uint16_t>(Hvc::get<'i'>(i));
  if (!m.has_el2 && el == 1) return firmware_or_undefined(cpu, false, imm);
  if (!m.has_el2 || el == 0 || (el == 1 && !el2_enabled(s, m))) return cpu.undefined();
  const bool enabled = m.has_el3 ? (s.sys.scr_el3 & kScrHce) : !(s.sys.hcr_el2 & kHcrHcd);
  if (!enabled) return cpu.undefined();
  cpu.raise_sync(syn::hvc(imm), el == 3 ? 3 : 2, true);
}

// SMC pseudocode: UNDEFINED at EL0; trapped to EL2 from EL1 by HCR_EL2.TSC
// (preferred return is the SMC itself); UNDEFINED without EL3 or with
// SCR_EL3.SMD; otherwise taken to EL3.
void smc(Cpu& cpu, uint32_t i) {
  const CpuState& s = cpu.state();
  const CpuModel& m = cpu.model();
  const unsigned el = s.pstate.el;
  const auto esr = syn::smc(static_cast<uint16_t>(Smc::get<'i'>(i)));
  if (el == 0) return cpu.undefined();
  if (el == 1 && el2_enabled(s, m) && (s.sys.hcr_el2 & kHcrTsc)) return cpu.raise_sync(esr, 2);
  if (!m.has_el3) return firmware_or_undefined(cpu, true, static_cast<uint16_t>(Smc::get<'i'>(i)));
  if (s.sys.scr_el3 & kScrSmd) return cpu.undefined();
  cpu.raise_sync(esr, 3, true);
}

void brk(Cpu& cpu, uint32_t i) { cpu.raise_sync(syn::brk(static_cast<uint16_t>(Brk::get<'i'>(i)))); }

// HLT is UNDEFINED unless halting debug is enabled, which el2emu does not model;
// HLT #0xF000 is the A64 semihosting trap when the machine provides semihosting.
void hlt(Cpu& cpu, uint32_t i) {
  constexpr uint32_t kSemihostingImm = 0xF000;
  HostServices* host = cpu.host_services();
  if (Hlt::get<'i'>(i) == kSemihostingImm && host && host->semihosting(cpu)) return;
  cpu.undefined();
}

// WFI/WFE traps (Arm ARM D1.11, "Trapping WFI and WFE"; pseudocode
// AArch64.CheckForWFxTrap): SCTLR_EL1.nTWI/nTWE at EL0 to EL1 (EL2 with TGE),
// HCR_EL2.TWI/TWE at EL0/EL1 to EL2, SCR_EL3.TWI/TWE below EL3 to EL3, in that
// order of precedence. The preferred return address is the WFx itself.
namespace {
bool wfx_trapped(Cpu& cpu, bool is_wfe) {
  const CpuState& s = cpu.state();
  const CpuModel& m = cpu.model();
  const unsigned el = s.pstate.el;
  const bool tge = el2_enabled(s, m) && (s.sys.hcr_el2 & kHcrTge);
  const uint64_t sctlr_enable = is_wfe ? kSctlrNtwe : kSctlrNtwi;
  unsigned target = 0;
  if (el == 0 && !tge && !(s.sys.sctlr[1] & sctlr_enable))
    target = 1;
  else if (el <= 1 && el2_enabled(s, m) && (s.sys.hcr_el2 & (is_wfe ? kHcrTwe : kHcrTwi)))
    target = 2;
  else if (el <= 2 && m.has_el3 && (s.sys.scr_el3 & (is_wfe ? kScrTwe : kScrTwi)))
    target = 3;
  if (!target) return false;
  cpu.raise_sync(syn::wfx(is_wfe), target);
  return true;
}
}  // namespace

// Hints (Arm ARM C6.2.x "HINT"): NOP, YIELD and unallocated hint encodings
// execute as NOP. WFE returns at once, clearing the event register, if it was
// set; otherwise the core waits (D1.6.1). WFI waits unless an interrupt is
// already pending. SEV signals all cores; SEVL only this one.
void hint(Cpu& cpu, uint32_t i) {
  const unsigned op = (Hint::get<'m'>(i) << 3) | Hint::get<'o'>(i);
  switch (op) {
    case 2:  // WFE
      // The Event Register is checked first: the traps apply only when WFE
      // would wait (Arm ARM C6.2 WFE pseudocode: "if IsEventRegisterSet() then
      // ClearEventRegister(); else ... AArch64.CheckForWFxTrap ...").
      if (cpu.event_register()) return cpu.set_event_register(false);
      if (wfx_trapped(cpu, true)) return;
      cpu.set_activity(Cpu::Activity::kWfe);
      if (cpu.wake_condition()) cpu.set_activity(Cpu::Activity::kRunning);
      return;
    case 3:  // WFI
      if (wfx_trapped(cpu, false)) return;
      cpu.set_activity(Cpu::Activity::kWfi);
      if (cpu.wake_condition()) cpu.set_activity(Cpu::Activity::kRunning);
      return;
    case 4:  // SEV
      if (HostServices* host = cpu.host_services())
        host->send_event(cpu);
      else
        cpu.set_event_register(true);
      return;
    case 5:  // SEVL
      cpu.set_event_register(true);
      return;
    default:
      return;
  }
}

// NOP, YIELD, and the hints this model executes as NOPs (BTI, PACIASP and
// AUTIASP without FEAT_PAuth, ESB...): Linux runs one every 15 instructions.
void no_op_hint(Cpu&, uint32_t) {}
Handler hint_specialized(uint32_t i) {
  const unsigned op = (Hint::get<'m'>(i) << 3) | Hint::get<'o'>(i);
  return op >= 2 && op <= 5 ? hint : no_op_hint;
}

void clrex(Cpu& cpu, uint32_t) { cpu.state().monitor.armed = false; }

// Barriers order memory for other observers; a single interpreter thread
// already sees every access in program order.
void barrier(Cpu&, uint32_t) {}

void eret(Cpu& cpu, uint32_t) {
  if (cpu.state().pstate.el == 0) return cpu.undefined();
  cpu.exception_return_now();
  cpu.set_event_register(true);  // An exception return sets the Event Register (D1.16.1).
}

void msr_imm(Cpu& cpu, uint32_t i) {
  execute_msr_imm(cpu, MsrImm::get<'o'>(i), MsrImm::get<'m'>(i), MsrImm::get<'p'>(i));
}

void sys(Cpu& cpu, uint32_t i) {
  using E = Sys;
  execute_sys(cpu, E::get<'l'>(i), E::get<'o'>(i), E::get<'n'>(i), E::get<'m'>(i), E::get<'p'>(i),
              E::get<'t'>(i));
}

// MRS or MSR, chosen when the word is decoded.
Handler msr_mrs_specialized(uint32_t i) {
  return MsrMrs::get<'l'>(i) ? execute_mrs : execute_msr;
}
void msr_mrs(Cpu& cpu, uint32_t i) { msr_mrs_specialized(i)(cpu, i); }

}  // namespace el2::insn
