#include <algorithm>

#include "cpu/bits.h"
#include "exceptions/exception.h"
#include "exceptions/routing.h"

namespace el2 {

namespace {

constexpr uint64_t kSctlrSpan = 1ull << 23;   // SCTLR_ELx.SPAN (PAN on entry when 0).
constexpr uint64_t kSctlrDssbs = 1ull << 44;  // SCTLR_ELx.DSSBS (PSTATE.SSBS on entry).
constexpr uint64_t kHcrE2h = 1ull << 34;

bool el_implemented(const CpuModel& m, unsigned el) {
  return el <= 1 || (el == 2 && m.has_el2) || (el == 3 && m.has_el3);
}

// Arm ARM C5.2.18 (SPSR_EL1): the AArch64 layout is shared by all ELs.
void unpack_spsr_flags(Pstate& p, uint64_t spsr) {
  p.n = bit(spsr, 31);
  p.z = bit(spsr, 30);
  p.c = bit(spsr, 29);
  p.v = bit(spsr, 28);
  p.uao = bit(spsr, 23);
  p.pan = bit(spsr, 22);
  p.ss = bit(spsr, 21);
  p.ssbs = bit(spsr, 12);
  p.d = bit(spsr, 9);
  p.a = bit(spsr, 8);
  p.i = bit(spsr, 7);
  p.f = bit(spsr, 6);
}

// AArch64 IllegalExceptionReturn(), from the Arm ARM pseudocode: returns true
// when the SPSR's mode field cannot be returned to from the current EL.
bool illegal_return(const CpuState& s, const CpuModel& m, uint64_t spsr) {
  if (bit(spsr, 4)) return true;  // AArch32 is not supported by el2emu (docs/ARCHITECTURE.md).
  const unsigned target = bits(spsr, 3, 2);
  if (bit(spsr, 1)) return true;  // M[1] is reserved.
  if (!el_implemented(m, target)) return true;
  if (target > s.pstate.el) return true;
  if (target == 0 && bit(spsr, 0)) return true;  // EL0 has only SP_EL0.
  if (target == 2 && !el2_enabled(s, m)) return true;
  // Returning to EL1 while HCR_EL2.{E2H,TGE} = {1,1} is illegal; with E2H=0 and
  // TGE=1 it is also illegal (EL1 cannot be entered when TGE routes EL0 to EL2).
  if (target == 1 && el2_enabled(s, m) && (s.sys.hcr_el2 & kHcrTge)) return true;
  return false;
}

}  // namespace

uint64_t pack_spsr(const Pstate& p) {
  return (uint64_t{p.n} << 31) | (uint64_t{p.z} << 30) | (uint64_t{p.c} << 29) |
         (uint64_t{p.v} << 28) | (uint64_t{p.uao} << 23) | (uint64_t{p.pan} << 22) |
         (uint64_t{p.ss} << 21) | (uint64_t{p.il} << 20) | (uint64_t{p.ssbs} << 12) |
         (uint64_t{p.d} << 9) | (uint64_t{p.a} << 8) | (uint64_t{p.i} << 7) |
         (uint64_t{p.f} << 6) | (uint64_t{p.el} << 2) | uint64_t{p.sp};
}

ExceptionEntry take_exception(CpuState& s, const CpuModel& m, const Exception& e) {
  const unsigned from = s.pstate.el;
  unsigned target = e.target_el ? e.target_el : default_sync_target(s, m);
  target = std::max(target, from);  // An exception is never taken to a lower EL.

  // Vector offset: Arm ARM D1.3.2 "Exception vectors", Table D1-7.
  uint64_t offset;
  if (target > from)
    offset = 0x400;  // Lower EL using AArch64.
  else
    offset = s.pstate.sp ? 0x200 : 0x000;
  offset += static_cast<uint64_t>(e.kind) * 0x80;

  s.spsr_el[target] = pack_spsr(s.pstate);
  s.elr_el[target] = e.preferred_return;
  if (e.kind == ExceptionKind::kSync || e.kind == ExceptionKind::kSError) s.sys.esr[target] = e.esr;
  if (e.far_valid) s.sys.far[target] = e.far;

  Pstate& p = s.pstate;
  p.el = static_cast<uint8_t>(target);
  p.sp = true;
  p.d = p.a = p.i = p.f = true;
  p.il = false;
  p.ss = false;
  p.uao = false;
  const uint64_t sctlr = s.sys.sctlr[target];
  // PAN is set on entry to EL1 (and to EL2 in the EL2&0 regime) when SCTLR.SPAN
  // is 0 (Arm ARM D5.4.2, "About PSTATE.PAN").
  const bool el2_host = target == 2 && (s.sys.hcr_el2 & kHcrE2h) && (s.sys.hcr_el2 & kHcrTge);
  if (m.pan && (target == 1 || el2_host) && !(sctlr & kSctlrSpan)) p.pan = true;
  p.ssbs = sctlr & kSctlrDssbs;

  const uint64_t vector = (s.sys.vbar[target] & ~uint64_t{0x7FF}) + offset;
  s.pc = vector;
  return ExceptionEntry{from, target, vector};
}

ExceptionReturn exception_return(CpuState& s, const CpuModel& m) {
  const unsigned from = s.pstate.el;
  const uint64_t spsr = s.spsr_el[from];
  const uint64_t elr = s.elr_el[from];
  Pstate& p = s.pstate;
  s.monitor.armed = false;  // ClearExclusiveLocal() on exception return.

  if (illegal_return(s, m, spsr)) {
    // Illegal return: PSTATE.{EL,SP} keep their values, IL is set, the rest of
    // PSTATE comes from SPSR (Arm ARM D1.4.4 "Illegal return events from AArch64 state").
    unpack_spsr_flags(p, spsr);
    p.il = true;
    s.pc = elr;
    return ExceptionReturn{from, from, true};
  }
  unpack_spsr_flags(p, spsr);
  if (!m.pan) p.pan = false;  // SPSR.PAN is RES0 without FEAT_PAN.
  if (!m.vhe) p.uao = false;
  p.il = bit(spsr, 20);
  p.el = static_cast<uint8_t>(bits(spsr, 3, 2));
  p.sp = bit(spsr, 0);
  s.pc = elr;
  return ExceptionReturn{from, p.el, false};
}

}  // namespace el2
