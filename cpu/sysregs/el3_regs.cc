// EL3 registers (Arm ARM D17.2). UNDEFINED below EL3 and without EL3.
#include "cpu/cpu.h"
#include "cpu/sysregs/field.h"
#include "cpu/sysregs/rules.h"

namespace el2 {

namespace {

constexpr uint64_t kSctlrEl3Res1 = 0x30C5'0830;
// SCR_EL3 (D17.2.117), ARMv8.0 fields: NS, IRQ, FIQ, EA, SMD, HCE, SIF, RW, ST,
// TWI, TWE; bits 5:4 are RES1.
constexpr uint64_t kScrRes1 = 0x30;
constexpr uint64_t kScrWritable = 0x3F8F;

void write_control(Cpu& c, uint64_t* field, uint64_t v) {
  *field = v;
  c.control_state_changed();
}

#define EL3REG(nm, n, m, o2, member, ...)                                            \
  SysRegDef {                                                                       \
    .name = nm, .id = {3, 6, n, m, o2}, .min_el = 3, .field = EL2_FIELD(member), \
    __VA_ARGS__ __VA_OPT__(, ) .needs_el = 3                                       \
  }

const SysRegDef kRegs[] = {
    EL3REG("SCTLR_EL3", 1, 0, 0, sys.sctlr[3],
           .write = [](Cpu& c, uint64_t v) { write_control(c, &c.state().sys.sctlr[3], v); },
           .reset = kSctlrEl3Res1, .writable = ~kSctlrEl3Res1),
    EL3REG("ACTLR_EL3", 1, 0, 1, sys.actlr[3], .writable = 0),
    EL3REG("SCR_EL3", 1, 1, 0, sys.scr_el3,
           .write = [](Cpu& c, uint64_t v) { write_control(c, &c.state().sys.scr_el3, v); },
           .reset = kScrRes1, .writable = kScrWritable),
    EL3REG("SDER32_EL3", 1, 1, 1, sys.sder32_el3, .writable = 0x3),
    EL3REG("CPTR_EL3", 1, 1, 2, sys.cptr_el3, .writable = (1ull << 31) | (1ull << 20) | (1ull << 10)),
    EL3REG("MDCR_EL3", 1, 3, 1, sys.mdcr_el3, .writable = 0x001B'C6C0),
    EL3REG("TTBR0_EL3", 2, 0, 0, sys.ttbr0[3],
           .write = [](Cpu& c, uint64_t v) { write_control(c, &c.state().sys.ttbr0[3], v); }),
    EL3REG("TCR_EL3", 2, 0, 2, sys.tcr[3],
           .write = [](Cpu& c, uint64_t v) { write_control(c, &c.state().sys.tcr[3], v); },
           .reset = 0x8080'0000, .writable = 0x0000'0000'7F7F'FFBFull),
    EL3REG("AFSR0_EL3", 5, 1, 0, sys.afsr0[3]),
    EL3REG("AFSR1_EL3", 5, 1, 1, sys.afsr1[3]),
    EL3REG("ESR_EL3", 5, 2, 0, sys.esr[3], .writable = 0xFFFF'FFFF),
    EL3REG("FAR_EL3", 6, 0, 0, sys.far[3]),
    EL3REG("MAIR_EL3", 10, 2, 0, sys.mair[3],
           .write = [](Cpu& c, uint64_t v) { write_control(c, &c.state().sys.mair[3], v); }),
    EL3REG("AMAIR_EL3", 10, 3, 0, sys.amair[3]),
    EL3REG("VBAR_EL3", 12, 0, 0, sys.vbar[3], .writable = ~uint64_t{0x7FF}),
    EL3REG("RMR_EL3", 12, 0, 2, sys.rmr_el3, .reset = 1, .writable = 0),
    EL3REG("TPIDR_EL3", 13, 0, 2, sys.tpidr[3]),
};

#undef EL3REG

}  // namespace

std::span<const SysRegDef> el3_sysregs() { return kRegs; }

}  // namespace el2
