// Debug and PMU registers that boot code touches. Self-hosted debug is not
// modelled: these hold their values and have no effect (Arm ARM D2, D13).
#include "cpu/cpu.h"
#include "cpu/sysregs/field.h"
#include "cpu/sysregs/rules.h"

namespace el2 {

namespace {

const SysRegDef kRegs[] = {
    {.name = "MDSCR_EL1", .id = {2, 0, 0, 2, 2}, .field = EL2_FIELD(sys.mdscr_el1)},
    {.name = "OSLAR_EL1", .id = {2, 0, 1, 0, 4}, .rw = kWrite,
     .write = [](Cpu& c, uint64_t v) { c.state().sys.oslsr_el1 = (v & 1) << 1 | 0x8; }},
    {.name = "OSLSR_EL1", .id = {2, 0, 1, 1, 4}, .rw = kRead, .field = EL2_FIELD(sys.oslsr_el1),
     .reset = 0xA},
    {.name = "OSDLR_EL1", .id = {2, 0, 1, 3, 4}, .field = EL2_FIELD(sys.osdlr_el1), .writable = 1},
};

}  // namespace

std::span<const SysRegDef> debug_pmu_sysregs() { return kRegs; }

}  // namespace el2
