// EL1 (and EL0) control registers (Arm ARM D17.2).
#include "cpu/cpu.h"
#include "cpu/sysregs/field.h"
#include "cpu/sysregs/rules.h"

namespace el2 {

namespace {

// SCTLR_EL1 bits that are RES1 in ARMv8.0 (Arm ARM D17.2.118): 29, 28, 23 (SPAN
// with FEAT_PAN), 22, 20, 11. Reset value: RES1 bits set, MMU and caches off.
constexpr uint64_t kSctlrEl1Res1 = 0x30D0'0800;

void write_sctlr_el1(Cpu& c, uint64_t v) {
  c.state().sys.sctlr[1] = v;
  c.control_state_changed();
}
void write_tcr_el1(Cpu& c, uint64_t v) {
  c.state().sys.tcr[1] = v;
  c.control_state_changed();
}
void write_ttbr0_el1(Cpu& c, uint64_t v) {
  c.state().sys.ttbr0[1] = v;
  c.control_state_changed();
}
void write_ttbr1_el1(Cpu& c, uint64_t v) {
  c.state().sys.ttbr1_el1 = v;
  c.control_state_changed();
}
void write_mair_el1(Cpu& c, uint64_t v) {
  c.state().sys.mair[1] = v;
  c.control_state_changed();
}

// TPIDRRO_EL0 is read-only at EL0 and read/write at EL1 and above.
SysAccess tpidrro_access(const Cpu& c, bool is_read) {
  return c.state().pstate.el == 0 && !is_read ? SysAccess::kUndefined : SysAccess::kOk;
}

const SysRegDef kRegs[] = {
    {.name = "SCTLR_EL1", .id = {3, 0, 1, 0, 0}, .field = EL2_FIELD(sys.sctlr[1]),
     .write = write_sctlr_el1, .access = rules::vm_control, .reset = kSctlrEl1Res1,
     .writable = ~kSctlrEl1Res1 | (1ull << 23)},
    {.name = "ACTLR_EL1", .id = {3, 0, 1, 0, 1}, .field = EL2_FIELD(sys.actlr[1]),
     .access = rules::actlr, .writable = 0},
    {.name = "CPACR_EL1", .id = {3, 0, 1, 0, 2}, .field = EL2_FIELD(sys.cpacr_el1),
     .writable = 0x3ull << 20},
    {.name = "TTBR0_EL1", .id = {3, 0, 2, 0, 0}, .field = EL2_FIELD(sys.ttbr0[1]),
     .write = write_ttbr0_el1, .access = rules::vm_control},
    {.name = "TTBR1_EL1", .id = {3, 0, 2, 0, 1}, .field = EL2_FIELD(sys.ttbr1_el1),
     .write = write_ttbr1_el1, .access = rules::vm_control},
    {.name = "TCR_EL1", .id = {3, 0, 2, 0, 2}, .field = EL2_FIELD(sys.tcr[1]),
     .write = write_tcr_el1, .access = rules::vm_control, .writable = 0x0000'007F'FFFF'FFBFull},
    {.name = "AFSR0_EL1", .id = {3, 0, 5, 1, 0}, .field = EL2_FIELD(sys.afsr0[1]),
     .access = rules::vm_control},
    {.name = "AFSR1_EL1", .id = {3, 0, 5, 1, 1}, .field = EL2_FIELD(sys.afsr1[1]),
     .access = rules::vm_control},
    {.name = "ESR_EL1", .id = {3, 0, 5, 2, 0}, .field = EL2_FIELD(sys.esr[1]),
     .access = rules::vm_control, .writable = 0xFFFF'FFFF},
    {.name = "FAR_EL1", .id = {3, 0, 6, 0, 0}, .field = EL2_FIELD(sys.far[1]),
     .access = rules::vm_control},
    {.name = "PAR_EL1", .id = {3, 0, 7, 4, 0}, .field = EL2_FIELD(sys.par_el1)},
    {.name = "MAIR_EL1", .id = {3, 0, 10, 2, 0}, .field = EL2_FIELD(sys.mair[1]),
     .write = write_mair_el1, .access = rules::vm_control},
    {.name = "AMAIR_EL1", .id = {3, 0, 10, 3, 0}, .field = EL2_FIELD(sys.amair[1]),
     .access = rules::vm_control},
    {.name = "VBAR_EL1", .id = {3, 0, 12, 0, 0}, .field = EL2_FIELD(sys.vbar[1]),
     .writable = ~uint64_t{0x7FF}},
    {.name = "CONTEXTIDR_EL1", .id = {3, 0, 13, 0, 1}, .field = EL2_FIELD(sys.contextidr_el1),
     .access = rules::vm_control, .writable = 0xFFFF'FFFF},
    {.name = "TPIDR_EL1", .id = {3, 0, 13, 0, 4}, .field = EL2_FIELD(sys.tpidr[1])},
    {.name = "TPIDR_EL0", .id = {3, 3, 13, 0, 2}, .min_el = 0, .field = EL2_FIELD(sys.tpidr[0])},
    {.name = "TPIDRRO_EL0", .id = {3, 3, 13, 0, 3}, .min_el = 0,
     .field = EL2_FIELD(sys.tpidrro_el0), .access = tpidrro_access},
    {.name = "CSSELR_EL1", .id = {3, 2, 0, 0, 0}, .field = EL2_FIELD(sys.csselr_el1),
     .access = rules::id_group2, .writable = 0xF},
};

}  // namespace

std::span<const SysRegDef> el1_sysregs() { return kRegs; }

}  // namespace el2
