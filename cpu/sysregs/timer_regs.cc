// Generic timer registers (Arm ARM D11 "The Generic Timer"). The counter is
// derived from the core's modelled cycle count, never from the host clock.
#include "cpu/cpu.h"
#include "cpu/sysregs/field.h"
#include "cpu/sysregs/rules.h"

namespace el2 {

namespace {

constexpr uint64_t kCntkctlEl0pcten = 1ull << 0;
constexpr uint64_t kCntkctlEl0vcten = 1ull << 1;
constexpr uint64_t kCnthctlEl1pcten = 1ull << 0;

// EL0 counter reads are enabled by CNTKCTL_EL1.EL0PCTEN/EL0VCTEN, else they
// trap to EL1 (D11.2.2). EL0/EL1 physical counter reads trap to EL2 when
// CNTHCTL_EL2.EL1PCTEN is 0 (E2H=0).
SysAccess cntpct_access(const Cpu& c, bool) {
  const CpuState& s = c.state();
  if (s.pstate.el == 0 && !(s.sys.cntkctl_el1 & kCntkctlEl0pcten)) return SysAccess::kTrapEl1;
  if (s.pstate.el <= 1 && el2_enabled(s, c.model()) && !(s.sys.cnthctl_el2 & kCnthctlEl1pcten))
    return SysAccess::kTrapEl2;
  return SysAccess::kOk;
}
SysAccess cntvct_access(const Cpu& c, bool) {
  const CpuState& s = c.state();
  if (s.pstate.el == 0 && !(s.sys.cntkctl_el1 & kCntkctlEl0vcten)) return SysAccess::kTrapEl1;
  return SysAccess::kOk;
}

// CNTFRQ_EL0 is writable only at the highest implemented EL.
SysAccess cntfrq_access(const Cpu& c, bool is_read) {
  if (is_read) return SysAccess::kOk;
  const unsigned highest = c.model().has_el3 ? 3 : c.model().has_el2 ? 2 : 1;
  return c.state().pstate.el == highest ? SysAccess::kOk : SysAccess::kUndefined;
}

const SysRegDef kRegs[] = {
    {.name = "CNTFRQ_EL0", .id = {3, 3, 14, 0, 0}, .min_el = 0, .field = EL2_FIELD(sys.cntfrq_el0),
     .access = cntfrq_access, .reset = 62'500'000, .writable = 0xFFFF'FFFF},
    {.name = "CNTPCT_EL0", .id = {3, 3, 14, 0, 1}, .min_el = 0, .rw = kRead,
     .read = [](const Cpu& c) { return c.physical_count(); }, .access = cntpct_access},
    {.name = "CNTVCT_EL0", .id = {3, 3, 14, 0, 2}, .min_el = 0, .rw = kRead,
     .read = [](const Cpu& c) { return c.physical_count() - c.state().sys.cntvoff_el2; },
     .access = cntvct_access},
    {.name = "CNTKCTL_EL1", .id = {3, 0, 14, 1, 0}, .field = EL2_FIELD(sys.cntkctl_el1),
     .writable = 0x3FF},
    {.name = "CNTHCTL_EL2", .id = {3, 4, 14, 1, 0}, .min_el = 2,
     .field = EL2_FIELD(sys.cnthctl_el2), .reset = 0x3, .writable = 0xFF, .needs_el = 2},
    {.name = "CNTVOFF_EL2", .id = {3, 4, 14, 0, 3}, .min_el = 2,
     .field = EL2_FIELD(sys.cntvoff_el2), .needs_el = 2},
};

}  // namespace

std::span<const SysRegDef> timer_sysregs() { return kRegs; }

}  // namespace el2
