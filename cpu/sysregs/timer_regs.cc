// Generic timer registers (Arm ARM D11 "The Generic Timer"). The counter is
// derived from the core's modelled cycle count, never from the host clock.
#include "cpu/cpu.h"
#include "cpu/sysregs/field.h"
#include "cpu/sysregs/rules.h"

namespace el2 {

namespace {

constexpr uint64_t kScrNs = 1ull << 0;
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

// Timer control (CNTx_CTL): ENABLE[0], IMASK[1] writable, ISTATUS[2] read-only
// and computed: the timer condition is met when the counter >= CVAL (D11.2.4).
constexpr uint64_t kCtlWritable = 0x3;

uint64_t virtual_count(const Cpu& c) { return c.physical_count() - c.state().sys.cntvoff_el2; }

uint64_t ctl_value(uint64_t ctl, uint64_t cval, uint64_t count) {
  const bool met = (ctl & 1) && count >= cval;
  return (ctl & kCtlWritable) | (uint64_t{met} << 2);
}

// TVAL is the signed 32-bit distance to CVAL; writing it sets CVAL = count + TVAL.
uint64_t tval_value(uint64_t cval, uint64_t count) {
  return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(cval - count))) &
         0xFFFF'FFFF;
}
uint64_t cval_from_tval(uint64_t tval, uint64_t count) {
  return count + static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(tval)));
}

constexpr uint64_t kCntkctlEl0vten = 1ull << 8;
constexpr uint64_t kCntkctlEl0pten = 1ull << 9;
constexpr uint64_t kCnthctlEl1pcen = 1ull << 1;
constexpr uint64_t kScrSt = 1ull << 11;

// EL1 physical timer: EL0 needs CNTKCTL_EL1.EL0PTEN; EL0/EL1 trap to EL2 when
// CNTHCTL_EL2.EL1PCEN is 0 (E2H=0).
SysAccess cntp_access(const Cpu& c, bool) {
  const CpuState& s = c.state();
  if (s.pstate.el == 0 && !(s.sys.cntkctl_el1 & kCntkctlEl0pten)) return SysAccess::kTrapEl1;
  if (s.pstate.el <= 1 && el2_enabled(s, c.model()) && !(s.sys.cnthctl_el2 & kCnthctlEl1pcen))
    return SysAccess::kTrapEl2;
  return SysAccess::kOk;
}
SysAccess cntv_access(const Cpu& c, bool) {
  const CpuState& s = c.state();
  if (s.pstate.el == 0 && !(s.sys.cntkctl_el1 & kCntkctlEl0vten)) return SysAccess::kTrapEl1;
  return SysAccess::kOk;
}
// Secure physical timer: at EL1 only in Secure state with SCR_EL3.ST (D17.2,
// CNTPS_CTL_EL1); Non-secure EL1 accesses are UNDEFINED.
SysAccess cntps_access(const Cpu& c, bool) {
  const CpuState& s = c.state();
  if (s.pstate.el == 3) return SysAccess::kOk;
  if (!c.model().has_el3 || (s.sys.scr_el3 & kScrNs)) return SysAccess::kUndefined;
  return (s.sys.scr_el3 & kScrSt) ? SysAccess::kOk : SysAccess::kTrapEl3;
}

void notify(Cpu& c) {
  if (c.host_services()) c.host_services()->timers_changed(c);
}

#define TIMER_REGS(prefix, el, o1, crm, min, ctl, cval, count, rule, need)                          \
  SysRegDef{.name = prefix "_TVAL_" el, .id = {3, o1, 14, crm, 0}, .min_el = min,                  \
            .read = [](const Cpu& c) { return tval_value(c.state().sys.cval, count(c)); },      \
            .write =                                                                                    \
                [](Cpu& c, uint64_t v) {                                                        \
                  c.state().sys.cval = cval_from_tval(v, count(c));                             \
                  notify(c);                                                                    \
                },                                                                              \
            .access = rule, .needs_el = need},                                                  \
      SysRegDef{.name = prefix "_CTL_" el, .id = {3, o1, 14, crm, 1}, .min_el = min,                \
                .read = [](const Cpu& c) {                                                      \
                  return ctl_value(c.state().sys.ctl, c.state().sys.cval, count(c));            \
                },                                                                              \
                .write =                                                                        \
                    [](Cpu& c, uint64_t v) {                                                    \
                      c.state().sys.ctl = v & kCtlWritable;                                     \
                      notify(c);                                                                \
                    },                                                                          \
                .access = rule, .needs_el = need},                                              \
      SysRegDef {                                                                               \
    .name = prefix "_CVAL_" el, .id = {3, o1, 14, crm, 2}, .min_el = min,                           \
    .field = EL2_FIELD(sys.cval),                                                                \
    .write = [](Cpu& c, uint64_t v) {                                                           \
      c.state().sys.cval = v;                                                                   \
      notify(c);                                                                                \
    },                                                                                          \
    .access = rule, .needs_el = need                                                            \
  }

uint64_t phys(const Cpu& c) { return c.physical_count(); }

const SysRegDef kRegs[] = {
    TIMER_REGS("CNTP", "EL0", 3, 2, 0, cntp_ctl_el0, cntp_cval_el0, phys, cntp_access, 0),
    TIMER_REGS("CNTV", "EL0", 3, 3, 0, cntv_ctl_el0, cntv_cval_el0, virtual_count, cntv_access, 0),
    TIMER_REGS("CNTHP", "EL2", 4, 2, 2, cnthp_ctl_el2, cnthp_cval_el2, phys, nullptr, 2),
    TIMER_REGS("CNTPS", "EL1", 7, 2, 1, cntps_ctl_el1, cntps_cval_el1, phys, cntps_access, 3),
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
     .field = EL2_FIELD(sys.cntvoff_el2),
     .write =
         [](Cpu& c, uint64_t v) {
           c.state().sys.cntvoff_el2 = v;
           notify(c);
         },
     .needs_el = 2},
};

#undef TIMER_REGS

}  // namespace

std::span<const SysRegDef> timer_sysregs() { return kRegs; }

}  // namespace el2
