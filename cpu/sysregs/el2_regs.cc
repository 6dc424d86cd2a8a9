// EL2 registers (Arm ARM D17.2). All are UNDEFINED below EL2 and when EL2 is
// not implemented.
#include "cpu/cpu.h"
#include "cpu/sysregs/field.h"
#include "cpu/sysregs/rules.h"

namespace el2 {

namespace {

// SCTLR_EL2 / SCTLR_EL3 RES1 bits with HCR_EL2.E2H == 0 (D17.2.119): 29, 28,
// 23, 22, 18, 16, 11, 5, 4.
constexpr uint64_t kSctlrEl2Res1 = 0x30C5'0830;

void write_control(Cpu& c, uint64_t* field, uint64_t v) {
  *field = v;
  c.control_state_changed();
}

// HCR_EL2: E2H is writable only with FEAT_VHE; the other ARMv8.0 bits (0..33)
// are writable. HCR_EL2.VM is accepted here; stage 2 is refused when it takes
// effect (mmu/, issue F4).
uint64_t hcr_writable(const Cpu& c) {
  uint64_t mask = (1ull << 34) - 1;
  if (c.model().vhe) mask |= 1ull << 34;
  return mask;
}
void write_hcr(Cpu& c, uint64_t v) {
  const uint64_t mask = hcr_writable(c);
  write_control(c, &c.state().sys.hcr_el2, (c.state().sys.hcr_el2 & ~mask) | (v & mask));
}

#define EL2REG(nm, o1, n, m, o2, member, ...)                                        \
  SysRegDef {                                                                       \
    .name = nm, .id = {3, o1, n, m, o2}, .min_el = 2, .field = EL2_FIELD(member), \
    __VA_ARGS__ __VA_OPT__(, ) .needs_el = 2                                       \
  }

const SysRegDef kRegs[] = {
    EL2REG("VPIDR_EL2", 4, 0, 0, 0, sys.vpidr_el2, .writable = 0xFFFF'FFFF),
    EL2REG("VMPIDR_EL2", 4, 0, 0, 5, sys.vmpidr_el2),
    EL2REG("SCTLR_EL2", 4, 1, 0, 0, sys.sctlr[2],
           .write = [](Cpu& c, uint64_t v) { write_control(c, &c.state().sys.sctlr[2], v); },
           .reset = kSctlrEl2Res1, .writable = ~kSctlrEl2Res1),
    EL2REG("ACTLR_EL2", 4, 1, 0, 1, sys.actlr[2], .writable = 0),
    EL2REG("HCR_EL2", 4, 1, 1, 0, sys.hcr_el2, .write = write_hcr),
    EL2REG("MDCR_EL2", 4, 1, 1, 1, sys.mdcr_el2, .writable = 0x0003'FFFF),
    EL2REG("CPTR_EL2", 4, 1, 1, 2, sys.cptr_el2, .reset = 0x33FF, .writable = (1ull << 31) | (1ull << 20) | (1ull << 10)),
    EL2REG("HSTR_EL2", 4, 1, 1, 3, sys.hstr_el2, .writable = 0xFFFF),
    EL2REG("HACR_EL2", 4, 1, 1, 7, sys.hacr_el2, .writable = 0),
    EL2REG("TTBR0_EL2", 4, 2, 0, 0, sys.ttbr0[2],
           .write = [](Cpu& c, uint64_t v) { write_control(c, &c.state().sys.ttbr0[2], v); }),
    EL2REG("TCR_EL2", 4, 2, 0, 2, sys.tcr[2],
           .write = [](Cpu& c, uint64_t v) { write_control(c, &c.state().sys.tcr[2], v); },
           .reset = 0x8080'0000, .writable = 0x0000'007F'7F7F'FFBFull),
    // The VMID in VTTBR_EL2 tags EL1&0 translations (mmu::TlbContext).
    EL2REG("VTTBR_EL2", 4, 2, 1, 0, sys.vttbr_el2,
           .write = [](Cpu& c, uint64_t v) { write_control(c, &c.state().sys.vttbr_el2, v); }),
    EL2REG("VTCR_EL2", 4, 2, 1, 2, sys.vtcr_el2, .reset = 0x8000'0000),
    EL2REG("DACR32_EL2", 4, 3, 0, 0, sys.dacr32_el2, .writable = 0xFFFF'FFFF),
    EL2REG("IFSR32_EL2", 4, 5, 0, 1, sys.ifsr32_el2, .writable = 0xFFFF'FFFF),
    EL2REG("AFSR0_EL2", 4, 5, 1, 0, sys.afsr0[2]),
    EL2REG("AFSR1_EL2", 4, 5, 1, 1, sys.afsr1[2]),
    EL2REG("ESR_EL2", 4, 5, 2, 0, sys.esr[2], .writable = 0xFFFF'FFFF),
    EL2REG("FPEXC32_EL2", 4, 5, 3, 0, sys.fpexc32_el2, .writable = 0xFFFF'FFFF),
    EL2REG("FAR_EL2", 4, 6, 0, 0, sys.far[2]),
    EL2REG("HPFAR_EL2", 4, 6, 0, 4, sys.hpfar_el2),
    EL2REG("MAIR_EL2", 4, 10, 2, 0, sys.mair[2],
           .write = [](Cpu& c, uint64_t v) { write_control(c, &c.state().sys.mair[2], v); }),
    EL2REG("AMAIR_EL2", 4, 10, 3, 0, sys.amair[2]),
    EL2REG("VBAR_EL2", 4, 12, 0, 0, sys.vbar[2], .writable = ~uint64_t{0x7FF}),
    EL2REG("TPIDR_EL2", 4, 13, 0, 2, sys.tpidr[2]),
};

#undef EL2REG

}  // namespace

std::span<const SysRegDef> el2_sysregs() { return kRegs; }

}  // namespace el2
