// The GICv3 CPU interface system registers (ICC_*) and hypervisor control
// registers (ICH_*). Values live in the interrupt controller: every row
// forwards to the core's GicCpuInterface (Cpu::gic()). A core without one has
// no GIC system-register interface: the registers are UNDEFINED, and
// ID_AA64PFR0_EL1.GIC reads 0.
//
// Access rules follow the register pseudocode of the Arm ARM (D17, "GIC
// system registers") as far as el2emu models the controls: ICH_HCR_EL2.TC/
// TALL0/TALL1 and HCR_EL2.IMO/FMO for EL1, SCR_EL3.IRQ/FIQ for EL1 and EL2,
// ICC_SRE_EL2/EL3.Enable for ICC_SRE_EL1/EL2. ICC_SRE_ELx.SRE is RAO, so the
// "SRE == 0" checks never fire; fine-grained traps (FEAT_FGT) do not exist on
// the modelled cores.
#include <iterator>
#include <string>

#include "cpu/cpu.h"
#include "cpu/sysregs/rules.h"

namespace el2 {

namespace {

constexpr uint64_t kHcrFmo = 1ull << 3;
constexpr uint64_t kHcrImo = 1ull << 4;
constexpr uint64_t kScrIrq = 1ull << 1;
constexpr uint64_t kScrFiq = 1ull << 2;
constexpr uint64_t kIchHcrTc = 1ull << 10;
constexpr uint64_t kIchHcrTall0 = 1ull << 11;
constexpr uint64_t kIchHcrTall1 = 1ull << 12;
constexpr uint64_t kSreEnable = 1ull << 3;

// Which controls apply to a register.
enum class Cls : uint8_t {
  kGroup0,  // Group 0 registers: ICH_HCR_EL2.TALL0, HCR_EL2.FMO, SCR_EL3.FIQ.
  kGroup1,  // Group 1 registers: ICH_HCR_EL2.TALL1, HCR_EL2.IMO, SCR_EL3.IRQ.
  kCommon,  // Common to both groups: ICH_HCR_EL2.TC, IMO or FMO, SCR_EL3.IRQ and FIQ.
  kSgi,     // As kCommon, but IMO or FMO trap to EL2: there is no ICV_SGI*R.
  kSreEl1,  // ICC_SRE_EL1: ICC_SRE_EL2.Enable, ICC_SRE_EL3.Enable.
  kSreEl2,  // ICC_SRE_EL2: ICC_SRE_EL3.Enable.
  kPlain,   // EL2/EL3 registers: the EL checks of the table only.
};

// Reads controller state for an access check. Only registers without read
// side effects (ICH_HCR_EL2, ICC_SRE_ELx) are peeked at.
uint64_t peek(const Cpu& c, GicReg r) { return c.gic()->read(const_cast<Cpu&>(c), r); }

bool el1_under_el2(const Cpu& c) {
  return c.state().pstate.el == 1 && el2_enabled(c.state(), c.model());
}

// HCR_EL2.IMO/FMO redirect EL1 accesses to the virtual CPU interface (ICV_*).
bool to_virtual(const Cpu& c, Cls k) {
  if (!el1_under_el2(c)) return false;
  const uint64_t hcr = c.state().sys.hcr_el2;
  switch (k) {
    case Cls::kGroup0:
      return hcr & kHcrFmo;
    case Cls::kGroup1:
      return hcr & kHcrImo;
    case Cls::kCommon:
      return hcr & (kHcrImo | kHcrFmo);
    default:
      return false;
  }
}

template <Cls K>
SysAccess gic_access(const Cpu& c, bool) {
  if (!c.gic()) return SysAccess::kUndefined;
  const CpuState& s = c.state();
  const unsigned el = s.pstate.el;
  const bool el3 = c.model().has_el3;
  const uint64_t scr = s.sys.scr_el3;
  const bool under_el2 = el1_under_el2(c);
  switch (K) {
    case Cls::kSreEl1:
      if (under_el2 && !(peek(c, GicReg::kIccSreEl2) & kSreEnable)) return SysAccess::kTrapEl2;
      if (el <= 2 && el3 && !(peek(c, GicReg::kIccSreEl3) & kSreEnable)) return SysAccess::kTrapEl3;
      return SysAccess::kOk;
    case Cls::kSreEl2:
      if (el == 2 && el3 && !(peek(c, GicReg::kIccSreEl3) & kSreEnable)) return SysAccess::kTrapEl3;
      return SysAccess::kOk;
    case Cls::kPlain:
      return SysAccess::kOk;
    default:
      break;
  }
  const uint64_t ich_trap = K == Cls::kGroup0   ? kIchHcrTall0
                            : K == Cls::kGroup1 ? kIchHcrTall1
                                                : kIchHcrTc;
  if (under_el2 && (peek(c, GicReg::kIchHcrEl2) & ich_trap)) return SysAccess::kTrapEl2;
  if (K == Cls::kSgi && under_el2 && (s.sys.hcr_el2 & (kHcrImo | kHcrFmo)))
    return SysAccess::kTrapEl2;
  if (to_virtual(c, K)) return SysAccess::kOk;  // The read/write below stops the run.
  const uint64_t scr_trap = K == Cls::kGroup0   ? kScrFiq
                            : K == Cls::kGroup1 ? kScrIrq
                                                : kScrIrq | kScrFiq;
  if (el <= 2 && el3 && (scr & scr_trap) == scr_trap) return SysAccess::kTrapEl3;
  return SysAccess::kOk;
}

// ICC register names in GicReg order, for the stop message below.
constexpr const char* kIccNames[] = {
    "ICC_PMR_EL1",     "ICC_IAR0_EL1",    "ICC_IAR1_EL1",    "ICC_EOIR0_EL1", "ICC_EOIR1_EL1",
    "ICC_DIR_EL1",     "ICC_HPPIR0_EL1",  "ICC_HPPIR1_EL1",  "ICC_BPR0_EL1",  "ICC_BPR1_EL1",
    "ICC_CTLR_EL1",    "ICC_CTLR_EL3",    "ICC_SRE_EL1",     "ICC_SRE_EL2",   "ICC_SRE_EL3",
    "ICC_IGRPEN0_EL1", "ICC_IGRPEN1_EL1", "ICC_IGRPEN1_EL3", "ICC_RPR_EL1",   "ICC_SGI0R_EL1",
    "ICC_SGI1R_EL1",   "ICC_ASGI1R_EL1",  "ICC_AP0R0_EL1",   "ICC_AP1R0_EL1",
};
static_assert(std::size(kIccNames) == static_cast<unsigned>(GicReg::kIchHcrEl2));

// An EL1 access that the architecture sends to ICV_* would need the virtual
// CPU interface; using the physical one instead would be silently wrong.
void stop_virtual(Cpu& c, GicReg r, bool is_read) {
  c.request_stop(StopReason::kFatal, 0,
                 std::string(is_read ? "MRS " : "MSR ") + kIccNames[static_cast<unsigned>(r)] +
                     " at EL1 with HCR_EL2.IMO/FMO set accesses the virtual GIC CPU interface "
                     "(ICV_*), which is not modelled");
}

// The table hands reads a const core, but acknowledging an interrupt (ICC_IAR*)
// changes the controller and the core's interrupt lines; every caller owns the
// core mutably, so dropping const here is sound. A debugger reading
// ICC_IAR0/1_EL1 through the table acknowledges, exactly as an MRS would.
template <GicReg R, Cls K>
uint64_t gic_read(const Cpu& c) {
  Cpu& cpu = const_cast<Cpu&>(c);
  if (!cpu.gic()) return 0;  // Only reachable by a debugger; MRS is UNDEFINED.
  if (to_virtual(c, K)) {
    stop_virtual(cpu, R, true);
    return 0;
  }
  return cpu.gic()->read(cpu, R);
}

template <GicReg R, Cls K>
void gic_write(Cpu& c, uint64_t v) {
  if (!c.gic()) return;
  if (to_virtual(c, K)) return stop_virtual(c, R, false);
  c.gic()->write(c, R, v);
}

constexpr GicReg lr(unsigned n) {
  return static_cast<GicReg>(static_cast<unsigned>(GicReg::kIchLr0El2) + n);
}

#define GIC_ROW(nm, o1, crm, o2, reg, cls, rw_, min, need)              \
  SysRegDef {                                                           \
    .name = nm, .id = {3, o1, 12, crm, o2}, .min_el = min, .rw = rw_,   \
    .read = gic_read<reg, Cls::cls>, .write = gic_write<reg, Cls::cls>, \
    .access = gic_access<Cls::cls>, .needs_el = need                    \
  }
#define ICC(nm, crm, o2, reg, cls, rw_) GIC_ROW(nm, 0, crm, o2, GicReg::reg, cls, rw_, 1, 0)
#define ICH(nm, crm, o2, reg, rw_) GIC_ROW(nm, 4, crm, o2, reg, kPlain, rw_, 2, 2)
#define ICC_EL3(nm, o2, reg) GIC_ROW(nm, 6, 12, o2, GicReg::reg, kPlain, kRW, 3, 3)

// Encodings: Arm ARM D17 (e.g. ICC_PMR_EL1 = S3_0_C4_C6_0, the only one
// outside CRn = 12; ICC_SRE_EL2 = S3_4_C12_C9_5).
const SysRegDef kRegs[] = {
    {.name = "ICC_PMR_EL1",
     .id = {3, 0, 4, 6, 0},
     .read = gic_read<GicReg::kIccPmrEl1, Cls::kCommon>,
     .write = gic_write<GicReg::kIccPmrEl1, Cls::kCommon>,
     .access = gic_access<Cls::kCommon>},
    ICC("ICC_IAR0_EL1", 8, 0, kIccIar0El1, kGroup0, kRead),
    ICC("ICC_EOIR0_EL1", 8, 1, kIccEoir0El1, kGroup0, kWrite),
    ICC("ICC_HPPIR0_EL1", 8, 2, kIccHppir0El1, kGroup0, kRead),
    ICC("ICC_BPR0_EL1", 8, 3, kIccBpr0El1, kGroup0, kRW),
    ICC("ICC_AP0R0_EL1", 8, 4, kIccAp0r0El1, kGroup0, kRW),
    ICC("ICC_AP1R0_EL1", 9, 0, kIccAp1r0El1, kGroup1, kRW),
    ICC("ICC_DIR_EL1", 11, 1, kIccDirEl1, kCommon, kWrite),
    ICC("ICC_RPR_EL1", 11, 3, kIccRprEl1, kCommon, kRead),
    ICC("ICC_SGI1R_EL1", 11, 5, kIccSgi1rEl1, kSgi, kWrite),
    ICC("ICC_ASGI1R_EL1", 11, 6, kIccAsgi1rEl1, kSgi, kWrite),
    ICC("ICC_SGI0R_EL1", 11, 7, kIccSgi0rEl1, kSgi, kWrite),
    ICC("ICC_IAR1_EL1", 12, 0, kIccIar1El1, kGroup1, kRead),
    ICC("ICC_EOIR1_EL1", 12, 1, kIccEoir1El1, kGroup1, kWrite),
    ICC("ICC_HPPIR1_EL1", 12, 2, kIccHppir1El1, kGroup1, kRead),
    ICC("ICC_BPR1_EL1", 12, 3, kIccBpr1El1, kGroup1, kRW),
    ICC("ICC_CTLR_EL1", 12, 4, kIccCtlrEl1, kCommon, kRW),
    ICC("ICC_SRE_EL1", 12, 5, kIccSreEl1, kSreEl1, kRW),
    ICC("ICC_IGRPEN0_EL1", 12, 6, kIccIgrpen0El1, kGroup0, kRW),
    ICC("ICC_IGRPEN1_EL1", 12, 7, kIccIgrpen1El1, kGroup1, kRW),
    GIC_ROW("ICC_SRE_EL2", 4, 9, 5, GicReg::kIccSreEl2, kSreEl2, kRW, 2, 2),
    ICC_EL3("ICC_CTLR_EL3", 4, kIccCtlrEl3),
    ICC_EL3("ICC_SRE_EL3", 5, kIccSreEl3),
    ICC_EL3("ICC_IGRPEN1_EL3", 7, kIccIgrpen1El3),
    ICH("ICH_AP0R0_EL2", 8, 0, GicReg::kIchAp0r0El2, kRW),
    ICH("ICH_AP1R0_EL2", 9, 0, GicReg::kIchAp1r0El2, kRW),
    ICH("ICH_HCR_EL2", 11, 0, GicReg::kIchHcrEl2, kRW),
    ICH("ICH_VTR_EL2", 11, 1, GicReg::kIchVtrEl2, kRead),
    ICH("ICH_MISR_EL2", 11, 2, GicReg::kIchMisrEl2, kRead),
    ICH("ICH_EISR_EL2", 11, 3, GicReg::kIchEisrEl2, kRead),
    ICH("ICH_ELRSR_EL2", 11, 5, GicReg::kIchElrsrEl2, kRead),
    ICH("ICH_VMCR_EL2", 11, 7, GicReg::kIchVmcrEl2, kRW),
    // ICH_LR<n>_EL2 = S3_4_C12_C12_<n> for n < 8 (kIchListRegs = 4 exist).
    ICH("ICH_LR0_EL2", 12, 0, lr(0), kRW),
    ICH("ICH_LR1_EL2", 12, 1, lr(1), kRW),
    ICH("ICH_LR2_EL2", 12, 2, lr(2), kRW),
    ICH("ICH_LR3_EL2", 12, 3, lr(3), kRW),
};
static_assert(kIchListRegs == 4, "one ICH_LR<n>_EL2 row per list register");

#undef ICC_EL3
#undef ICH
#undef ICC
#undef GIC_ROW

}  // namespace

std::span<const SysRegDef> gic_sysregs() { return kRegs; }

}  // namespace el2
