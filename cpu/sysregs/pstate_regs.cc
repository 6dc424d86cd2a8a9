// Special-purpose registers: views of PSTATE, the banked SP/ELR/SPSR, FPCR/FPSR
// (Arm ARM C5.2 "Special-purpose registers").
#include "cpu/cpu.h"
#include "cpu/sysregs/field.h"
#include "cpu/sysregs/sysreg_def.h"

namespace el2 {

namespace {

constexpr uint64_t kSctlrUma = 1ull << 9;

uint64_t read_nzcv(const Cpu& c) {
  const Pstate& p = c.state().pstate;
  return (uint64_t{p.n} << 31) | (uint64_t{p.z} << 30) | (uint64_t{p.c} << 29) |
         (uint64_t{p.v} << 28);
}
void write_nzcv(Cpu& c, uint64_t v) {
  Pstate& p = c.state().pstate;
  p.n = (v >> 31) & 1;
  p.z = (v >> 30) & 1;
  p.c = (v >> 29) & 1;
  p.v = (v >> 28) & 1;
}

uint64_t read_daif(const Cpu& c) {
  const Pstate& p = c.state().pstate;
  return (uint64_t{p.d} << 9) | (uint64_t{p.a} << 8) | (uint64_t{p.i} << 7) |
         (uint64_t{p.f} << 6);
}
void write_daif(Cpu& c, uint64_t v) {
  Pstate& p = c.state().pstate;
  p.d = (v >> 9) & 1;
  p.a = (v >> 8) & 1;
  p.i = (v >> 7) & 1;
  p.f = (v >> 6) & 1;
}

// DAIF at EL0 needs SCTLR_EL1.UMA, else it traps to EL1 (Arm ARM C5.2.2).
SysAccess daif_access(const Cpu& c, bool) {
  const CpuState& s = c.state();
  if (s.pstate.el == 0 && !(s.sys.sctlr[1] & kSctlrUma)) return SysAccess::kUndefined;
  return SysAccess::kOk;
}

uint64_t read_current_el(const Cpu& c) { return uint64_t{c.state().pstate.el} << 2; }

uint64_t read_spsel(const Cpu& c) { return c.state().pstate.sp; }
void write_spsel(Cpu& c, uint64_t v) { c.state().pstate.sp = v & 1; }

uint64_t read_pan(const Cpu& c) { return uint64_t{c.state().pstate.pan} << 22; }
void write_pan(Cpu& c, uint64_t v) { c.state().pstate.pan = (v >> 22) & 1; }
uint64_t read_uao(const Cpu& c) { return uint64_t{c.state().pstate.uao} << 23; }
void write_uao(Cpu& c, uint64_t v) { c.state().pstate.uao = (v >> 23) & 1; }

// SP_EL0 may not be accessed through MRS/MSR while it is the current stack
// pointer (PSTATE.SPSel == 0): UNDEFINED (Arm ARM C5.2.15).
SysAccess sp_el0_access(const Cpu& c, bool) {
  return c.state().pstate.sp ? SysAccess::kOk : SysAccess::kUndefined;
}

uint64_t read_fpcr(const Cpu& c) { return c.state().fpcr; }
void write_fpcr(Cpu& c, uint64_t v) { c.state().fpcr = static_cast<uint32_t>(v & 0x07FF'9F00); }
uint64_t read_fpsr(const Cpu& c) { return c.state().fpsr; }
void write_fpsr(Cpu& c, uint64_t v) { c.state().fpsr = static_cast<uint32_t>(v & 0xF800'009F); }

const SysRegDef kRegs[] = {
    {.name = "NZCV", .id = {3, 3, 4, 2, 0}, .min_el = 0, .read = read_nzcv, .write = write_nzcv},
    {.name = "DAIF",
     .id = {3, 3, 4, 2, 1},
     .min_el = 0,
     .read = read_daif,
     .write = write_daif,
     .access = daif_access},
    {.name = "CurrentEL", .id = {3, 0, 4, 2, 2}, .rw = kRead, .read = read_current_el},
    {.name = "SPSel", .id = {3, 0, 4, 2, 0}, .read = read_spsel, .write = write_spsel},
    {.name = "PAN",
     .id = {3, 0, 4, 2, 3},
     .read = read_pan,
     .write = write_pan,
     .feature = Feature::kPan},
    {.name = "UAO",
     .id = {3, 0, 4, 2, 4},
     .read = read_uao,
     .write = write_uao,
     .feature = Feature::kVhe},
    // Arm ARM D17.2 FPCR/FPSR accessibility: CPACR_EL1.FPEN, CPTR_EL2.TFP and
    // CPTR_EL3.TFP trap them like any SIMD&FP instruction (EC 0x07).
    {.name = "FPCR", .id = {3, 3, 4, 4, 0}, .min_el = 0, .read = read_fpcr, .write = write_fpcr,
     .fp = true},
    {.name = "FPSR", .id = {3, 3, 4, 4, 1}, .min_el = 0, .read = read_fpsr, .write = write_fpsr,
     .fp = true},
    {.name = "SP_EL0", .id = {3, 0, 4, 1, 0}, .field = EL2_FIELD(sp_el[0]), .access = sp_el0_access},
    {.name = "SP_EL1", .id = {3, 4, 4, 1, 0}, .min_el = 2, .field = EL2_FIELD(sp_el[1])},
    {.name = "SP_EL2", .id = {3, 6, 4, 1, 0}, .min_el = 3, .field = EL2_FIELD(sp_el[2])},
    {.name = "ELR_EL1", .id = {3, 0, 4, 0, 1}, .field = EL2_FIELD(elr_el[1])},
    {.name = "SPSR_EL1", .id = {3, 0, 4, 0, 0}, .field = EL2_FIELD(spsr_el[1]),
     .writable = 0xF0F0'13FF},
    {.name = "ELR_EL2", .id = {3, 4, 4, 0, 1}, .min_el = 2, .field = EL2_FIELD(elr_el[2]),
     .needs_el = 2},
    {.name = "SPSR_EL2", .id = {3, 4, 4, 0, 0}, .min_el = 2, .field = EL2_FIELD(spsr_el[2]),
     .writable = 0xF0F0'13FF, .needs_el = 2},
    {.name = "ELR_EL3", .id = {3, 6, 4, 0, 1}, .min_el = 3, .field = EL2_FIELD(elr_el[3]),
     .needs_el = 3},
    {.name = "SPSR_EL3", .id = {3, 6, 4, 0, 0}, .min_el = 3, .field = EL2_FIELD(spsr_el[3]),
     .writable = 0xF0F0'13FF, .needs_el = 3},
};

}  // namespace

std::span<const SysRegDef> pstate_sysregs() { return kRegs; }

}  // namespace el2
