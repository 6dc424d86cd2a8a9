// Identification registers (Arm ARM D17.2, "Identification registers"). Values
// come from the CPU model; reads from EL1 may be trapped by HCR_EL2.TID*.
#include "cpu/cpu.h"
#include "cpu/sysregs/rules.h"

namespace el2 {

namespace {

constexpr uint64_t kSctlrUct = 1ull << 15;

// MIDR_EL1/MPIDR_EL1 read at EL1 with EL2 enabled return VPIDR_EL2/VMPIDR_EL2
// (Arm ARM D17.2.100, "MIDR_EL1": "reads ... at EL1 return VPIDR_EL2").
uint64_t read_midr(const Cpu& c) {
  const CpuState& s = c.state();
  if (s.pstate.el == 1 && el2_enabled(s, c.model())) return s.sys.vpidr_el2;
  return c.model().midr;
}
uint64_t read_mpidr(const Cpu& c) {
  const CpuState& s = c.state();
  if (s.pstate.el == 1 && el2_enabled(s, c.model())) return s.sys.vmpidr_el2;
  return c.mpidr();
}

// ID_AA64PFR0_EL1: EL2 [11:8] and EL3 [15:12] read 0 when the EL is absent.
// GIC [27:24] is 1 (GICv3/v4.0 system-register interface) only when the core
// has a GIC CPU interface attached, else 0: software such as Linux reads it
// before touching ICC_SRE_EL2, which is UNDEFINED without one.
uint64_t read_pfr0(const Cpu& c) {
  uint64_t v = c.model().id_aa64pfr0;
  if (!c.model().has_el2) v &= ~(0xFull << 8);
  if (!c.model().has_el3) v &= ~(0xFull << 12);
  v = (v & ~(0xFull << 24)) | (c.gic() ? 1ull << 24 : 0);
  return v;
}

// CCSIDR_EL1 for the cache CSSELR_EL1 selects (layout without FEAT_CCIDX:
// WT/WB/RA/WA [31:28], NumSets-1 [27:13], Associativity-1 [12:3], LineSize
// [2:0] = log2(bytes) - 4). Geometry of the Cortex-A57 TRM: L1D 32 KiB 2-way,
// L1I 48 KiB 3-way, L2 1 MiB 16-way, 64-byte lines. CSSELR values naming no
// cache read as 0.
uint64_t read_ccsidr(const Cpu& c) {
  switch (c.state().sys.csselr_el1 & 0xF) {
    case 0: return 0x701F'E00A;  // L1D: 256 sets, 2 ways.
    case 1: return 0x201F'E012;  // L1I: 256 sets, 3 ways.
    case 2: return 0x707F'E07A;  // L2: 1024 sets, 16 ways.
    default: return 0;
  }
}

// CTR_EL0 and DCZID_EL0 at EL0 need SCTLR_EL1.UCT (CTR) / are always readable
// (DCZID); CTR also falls under HCR_EL2.TID2. Without UCT an EL0 read is trapped
// (EC 0x18) to EL1, or to EL2 when HCR_EL2.TGE routes EL0 there (Arm ARM
// D17.2.34 CTR_EL0 accessibility: AArch64.SystemAccessTrap(EL1, 0x18)).
SysAccess ctr_access(const Cpu& c, bool read) {
  const CpuState& s = c.state();
  if (s.pstate.el == 0 && !(s.sys.sctlr[1] & kSctlrUct)) return SysAccess::kTrapEl1;
  return rules::id_group2(c, read);
}

#define ID_CONST(nm, o1, m, o2, expr, rule)                                                    \
  SysRegDef {                                                                                  \
    .name = nm, .id = {3, o1, 0, m, o2}, .rw = kRead, .read = [](const Cpu& c) -> uint64_t { \
      (void)c;                                                                                 \
      return expr;                                                                             \
    },                                                                                         \
    .access = rule                                                                             \
  }

const SysRegDef kRegs[] = {
    {.name = "MIDR_EL1", .id = {3, 0, 0, 0, 0}, .rw = kRead, .read = read_midr},
    {.name = "MPIDR_EL1", .id = {3, 0, 0, 0, 5}, .rw = kRead, .read = read_mpidr},
    ID_CONST("REVIDR_EL1", 0, 0, 6, c.model().revidr, rules::id_group1),
    ID_CONST("ID_AA64PFR1_EL1", 0, 4, 1, c.model().id_aa64pfr1, rules::id_group3),
    {.name = "ID_AA64PFR0_EL1", .id = {3, 0, 0, 4, 0}, .rw = kRead, .read = read_pfr0,
     .access = rules::id_group3},
    ID_CONST("ID_AA64DFR0_EL1", 0, 5, 0, c.model().id_aa64dfr0, rules::id_group3),
    ID_CONST("ID_AA64ISAR0_EL1", 0, 6, 0, c.model().id_aa64isar0, rules::id_group3),
    ID_CONST("ID_AA64ISAR1_EL1", 0, 6, 1, c.model().id_aa64isar1, rules::id_group3),
    ID_CONST("ID_AA64MMFR0_EL1", 0, 7, 0, c.model().id_aa64mmfr0, rules::id_group3),
    ID_CONST("ID_AA64MMFR1_EL1", 0, 7, 1, c.model().id_aa64mmfr1, rules::id_group3),
    ID_CONST("ID_AA64MMFR2_EL1", 0, 7, 2, c.model().id_aa64mmfr2, rules::id_group3),
    ID_CONST("CLIDR_EL1", 1, 0, 1, c.model().clidr, rules::id_group2),
    ID_CONST("AIDR_EL1", 1, 0, 7, c.model().aidr, rules::id_group1),
    // AArch32 ID registers, readable from AArch64 EL1 (values of the Cortex-A57
    // TRM, which the A53/A72 match in every field el2emu's guests probe;
    // ID_ISAR5 without the Cryptography Extension).
    ID_CONST("ID_PFR0_EL1", 0, 1, 0, 0x00000131, rules::id_group3),
    ID_CONST("ID_PFR1_EL1", 0, 1, 1, 0x00011011, rules::id_group3),
    ID_CONST("ID_DFR0_EL1", 0, 1, 2, 0x03010066, rules::id_group3),
    ID_CONST("ID_AFR0_EL1", 0, 1, 3, 0x00000000, rules::id_group3),
    ID_CONST("ID_MMFR0_EL1", 0, 1, 4, 0x10101105, rules::id_group3),
    ID_CONST("ID_MMFR1_EL1", 0, 1, 5, 0x40000000, rules::id_group3),
    ID_CONST("ID_MMFR2_EL1", 0, 1, 6, 0x01260000, rules::id_group3),
    ID_CONST("ID_MMFR3_EL1", 0, 1, 7, 0x02102211, rules::id_group3),
    ID_CONST("ID_ISAR0_EL1", 0, 2, 0, 0x02101110, rules::id_group3),
    ID_CONST("ID_ISAR1_EL1", 0, 2, 1, 0x13112111, rules::id_group3),
    ID_CONST("ID_ISAR2_EL1", 0, 2, 2, 0x21232042, rules::id_group3),
    ID_CONST("ID_ISAR3_EL1", 0, 2, 3, 0x01112131, rules::id_group3),
    ID_CONST("ID_ISAR4_EL1", 0, 2, 4, 0x00011142, rules::id_group3),
    ID_CONST("ID_ISAR5_EL1", 0, 2, 5, 0x00010001, rules::id_group3),
    ID_CONST("MVFR0_EL1", 0, 3, 0, 0x10110222, rules::id_group3),
    ID_CONST("MVFR1_EL1", 0, 3, 1, 0x12111111, rules::id_group3),
    ID_CONST("MVFR2_EL1", 0, 3, 2, 0x00000043, rules::id_group3),
    {.name = "CCSIDR_EL1", .id = {3, 1, 0, 0, 0}, .rw = kRead, .read = read_ccsidr,
     .access = rules::id_group2},
    {.name = "CTR_EL0", .id = {3, 3, 0, 0, 1}, .min_el = 0, .rw = kRead,
     .read = [](const Cpu& c) { return c.model().ctr; }, .access = ctr_access},
    {.name = "DCZID_EL0", .id = {3, 3, 0, 0, 7}, .min_el = 0, .rw = kRead,
     .read = [](const Cpu& c) { return c.model().dczid; }},
};

#undef ID_CONST

}  // namespace

std::span<const SysRegDef> id_sysregs() { return kRegs; }

}  // namespace el2
