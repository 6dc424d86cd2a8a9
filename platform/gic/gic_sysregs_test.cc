// The ICC_*/ICH_* registers through the real system-register table: MRS and
// MSR instructions executed by a core, with and without a GIC attached, and
// the traps and the virtual-interface stop of cpu/sysregs/gic_regs.cc.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <memory>

#include "cpu/cpu.h"
#include "cpu/sysregs/registry.h"
#include "platform/gic/gicv3.h"
#include "platform/gic/gicv3_regs.h"

namespace el2 {
namespace {

constexpr uint64_t kCode = 0x4000'0000;
constexpr uint64_t kVbar = 0x4000'8000;
constexpr uint32_t kUndefinedEsr = 0x0200'0000;  // EC 0, IL 1.

struct Enc {
  unsigned op1, crn, crm, op2;
};
constexpr Enc kPmr{0, 4, 6, 0}, kIar1{0, 12, 12, 0}, kEoir1{0, 12, 12, 1}, kIgrpen1{0, 12, 12, 7},
    kSreEl1{0, 12, 12, 5}, kSreEl2{4, 12, 9, 5}, kSreEl3{6, 12, 12, 5}, kSgi1r{0, 12, 11, 5},
    kIchVtr{4, 12, 11, 1}, kIchHcr{4, 12, 11, 0}, kIchLr3{4, 12, 12, 3};

uint32_t sysreg_insn(bool read, Enc e, unsigned rt) {
  return 0xD5180000u | (uint32_t{read} << 21) | (e.op1 << 16) | (e.crn << 12) | (e.crm << 8) |
         (e.op2 << 5) | rt;
}

// One core with the Non-secure world below EL3 (as sysregs_test.cc sets it
// up), optionally with a GIC.
struct Rig {
  MemoryMap mem;
  std::unique_ptr<Cpu> cpu;
  std::unique_ptr<GicV3> gic;
  explicit Rig(bool with_gic = true) {
    mem.add_ram("ram", kCode, 1 << 20);
    cpu = std::make_unique<Cpu>(*find_cpu_model("cortex-a57"), mem, 0);
    CpuState& s = cpu->state();
    s.sys.scr_el3 = 0x531;  // NS, RW, HCE.
    s.sys.hcr_el2 = 1ull << 31;
    for (unsigned el = 1; el <= 3; ++el) s.sys.vbar[el] = kVbar;
    if (with_gic) gic = std::make_unique<GicV3>(std::vector<Cpu*>{cpu.get()}, 64);
  }
  // Executes one instruction at `el` (interrupts masked); returns the EL after it.
  unsigned exec(uint32_t insn, unsigned el) {
    CpuState& s = cpu->state();
    s.pstate.el = static_cast<uint8_t>(el);
    s.pc = kCode;
    mem.write_phys(kCode, &insn, 4);
    cpu->step();
    return s.pstate.el;
  }
  uint64_t mrs(unsigned el, Enc e) {
    exec(sysreg_insn(true, e, 0), el);
    return cpu->state().x[0];
  }
  void msr(unsigned el, Enc e, uint64_t v) {
    cpu->state().x[1] = v;
    exec(sysreg_insn(false, e, 1), el);
  }
  uint32_t esr(unsigned el) const { return static_cast<uint32_t>(cpu->state().sys.esr[el]); }
};

TEST_CASE("the table holds the ICC and ICH registers") {
  const auto& t = SysRegTable::instance();
  for (const char* name :
       {"ICC_PMR_EL1",     "ICC_IAR0_EL1",    "ICC_IAR1_EL1",    "ICC_EOIR0_EL1", "ICC_EOIR1_EL1",
        "ICC_DIR_EL1",     "ICC_HPPIR0_EL1",  "ICC_HPPIR1_EL1",  "ICC_BPR0_EL1",  "ICC_BPR1_EL1",
        "ICC_CTLR_EL1",    "ICC_CTLR_EL3",    "ICC_SRE_EL1",     "ICC_SRE_EL2",   "ICC_SRE_EL3",
        "ICC_IGRPEN0_EL1", "ICC_IGRPEN1_EL1", "ICC_IGRPEN1_EL3", "ICC_RPR_EL1",   "ICC_SGI0R_EL1",
        "ICC_SGI1R_EL1",   "ICC_ASGI1R_EL1",  "ICC_AP0R0_EL1",   "ICC_AP1R0_EL1", "ICH_HCR_EL2",
        "ICH_VTR_EL2",     "ICH_VMCR_EL2",    "ICH_MISR_EL2",    "ICH_EISR_EL2",  "ICH_ELRSR_EL2",
        "ICH_AP0R0_EL2",   "ICH_AP1R0_EL2",   "ICH_LR0_EL2",     "ICH_LR3_EL2"})
    CHECK_MESSAGE(t.find(name) != nullptr, name);
  CHECK(t.find(SysRegId{3, 4, 12, 9, 5}) == t.find("ICC_SRE_EL2"));
  CHECK(t.find(SysRegId{3, 0, 4, 6, 0}) == t.find("ICC_PMR_EL1"));
}

TEST_CASE("without a GIC the ICC and ICH registers are UNDEFINED") {
  Rig r(/*with_gic=*/false);
  CHECK(r.exec(sysreg_insn(true, kPmr, 0), 1) == 1);
  CHECK(r.esr(1) == kUndefinedEsr);
  CHECK(r.exec(sysreg_insn(false, kSreEl2, 0), 2) == 2);
  CHECK(r.esr(2) == kUndefinedEsr);
  CHECK(r.exec(sysreg_insn(true, kIchVtr, 0), 2) == 2);
  CHECK(r.esr(2) == kUndefinedEsr);
  CHECK(r.exec(sysreg_insn(true, kSreEl3, 0), 3) == 3);
  CHECK(r.esr(3) == kUndefinedEsr);
}

TEST_CASE("ID_AA64PFR0_EL1.GIC reads 1 with the system-register interface") {
  Rig r;
  CHECK(((r.mrs(2, {0, 0, 4, 0}) >> 24) & 0xF) == 1);
}

TEST_CASE("MRS/MSR reach the CPU interface: PMR, IAR1, EOIR1") {
  Rig r;
  GicV3& g = *r.gic;
  uint64_t ok = 0;
  g.distributor().write(gic::kGicdCtlr, 4, gic::kCtlrEnableGrp1);
  g.redistributors().write(gic::kGicrWaker, 4, 0);
  g.distributor().write(gic::kGicdIgroupr + 4, 4, 1u << 8);    // SPI 40: Group 1,
  g.distributor().write(gic::kGicdIpriorityr + 40, 1, 0x80);   // priority 0x80,
  g.distributor().write(gic::kGicdIsenabler + 4, 4, 1u << 8);  // enabled.
  g.set_spi(40, true);
  r.msr(1, kPmr, 0xF0);
  CHECK(r.mrs(1, kPmr) == 0xF0);
  r.msr(1, kIgrpen1, 1);
  CHECK(r.mrs(1, kIgrpen1) == 1);
  CHECK((r.cpu->interrupt_lines() & Cpu::kLineIrq) != 0);
  CHECK(r.mrs(1, kIar1) == 40);
  CHECK((r.cpu->interrupt_lines() & Cpu::kLineIrq) == 0);
  g.set_spi(40, false);
  r.msr(1, kEoir1, 40);
  CHECK(g.distributor().read(gic::kGicdIsactiver + 4, 4, ok));
  CHECK(ok == 0);
  // Write-only and read-only registers: the wrong direction is UNDEFINED.
  CHECK(r.exec(sysreg_insn(true, kEoir1, 0), 1) == 1);
  CHECK(r.esr(1) == kUndefinedEsr);
  CHECK(r.exec(sysreg_insn(false, kIar1, 0), 1) == 1);
  CHECK(r.esr(1) == kUndefinedEsr);
  CHECK(r.cpu->state().pstate.el == 1);
}

TEST_CASE("ICC_SRE_EL2.Enable = 0 traps EL1 accesses to ICC_SRE_EL1 to EL2") {
  Rig r;
  CHECK(r.mrs(1, kSreEl1) == 7);
  r.msr(2, kSreEl2, 0x7);  // Enable = 0.
  CHECK(r.mrs(2, kSreEl2) == 0x7);
  CHECK(r.exec(sysreg_insn(true, kSreEl1, 4), 1) == 2);
  // EC 0x18, IL, Op0 3, Op2 5, Op1 0, CRn 12, Rt 4, CRm 12, read.
  CHECK(r.esr(2) == ((0x18u << 26) | (1u << 25) | (3u << 20) | (5u << 17) | (12u << 10) |
                     (4u << 5) | (12u << 1) | 1));
  CHECK(r.mrs(2, kSreEl1) == 7);  // EL2 itself is not affected.
}

TEST_CASE("ICC_SRE_EL3.Enable = 0 traps EL2 and EL1 accesses to ICC_SRE_EL2/EL1 to EL3") {
  Rig r;
  r.msr(3, kSreEl3, 0x7);
  CHECK(r.mrs(3, kSreEl3) == 0x7);
  CHECK(r.exec(sysreg_insn(true, kSreEl2, 0), 2) == 3);
  CHECK((r.esr(3) >> 26) == 0x18);
  CHECK(r.exec(sysreg_insn(true, kSreEl1, 0), 1) == 3);
  CHECK((r.esr(3) >> 26) == 0x18);
}

TEST_CASE("ICH registers: UNDEFINED at EL1, accessible at EL2") {
  Rig r;
  CHECK(r.exec(sysreg_insn(true, kIchVtr, 0), 1) == 1);
  CHECK(r.esr(1) == kUndefinedEsr);
  CHECK((r.mrs(2, kIchVtr) & 0x1F) == 3);
  r.msr(2, kIchLr3, (1ull << 62) | 33);
  CHECK(r.mrs(2, kIchLr3) == ((1ull << 62) | 33));
  CHECK(r.mrs(3, kIchLr3) == ((1ull << 62) | 33));
}

TEST_CASE("EL1 traps to EL2: ICH_HCR_EL2.TALL1, and HCR_EL2.IMO for SGI registers") {
  Rig r;
  r.msr(2, kIchHcr, 1u << 12);  // TALL1.
  CHECK(r.exec(sysreg_insn(true, kIar1, 0), 1) == 2);
  CHECK((r.esr(2) >> 26) == 0x18);
  CHECK(r.exec(sysreg_insn(true, kPmr, 0), 1) == 1);  // A common register: not TALL1's.
  r.msr(2, kIchHcr, 1u << 10);                        // TC.
  CHECK(r.exec(sysreg_insn(true, kPmr, 0), 1) == 2);
  r.msr(2, kIchHcr, 0);
  r.cpu->state().sys.hcr_el2 |= 1ull << 4;  // IMO.
  CHECK(r.exec(sysreg_insn(false, kSgi1r, 0), 1) == 2);
  CHECK((r.esr(2) >> 26) == 0x18);
}

TEST_CASE("an EL1 access with HCR_EL2.IMO set stops the run: ICV_* is not modelled") {
  Rig r;
  r.cpu->state().sys.hcr_el2 |= 1ull << 4;  // IMO.
  CHECK(r.exec(sysreg_insn(true, kIar1, 0), 1) == 1);
  CHECK(r.cpu->stop_reason() == StopReason::kFatal);
  CHECK(r.cpu->stop_message().find("MRS ICC_IAR1_EL1") != std::string::npos);
  CHECK(r.cpu->stop_message().find("(ICV_*), which is not modelled") != std::string::npos);
}

TEST_CASE("an EL1 access to a Group 0 register with only IMO set is not virtual") {
  Rig r;
  r.cpu->state().sys.hcr_el2 |= 1ull << 4;  // IMO, not FMO.
  CHECK(r.mrs(1, {0, 12, 12, 6}) == 0);     // ICC_IGRPEN0_EL1.
  CHECK(r.cpu->stop_reason() == StopReason::kNone);
}

TEST_CASE("SCR_EL3.IRQ traps EL1 and EL2 accesses to Group 1 registers to EL3") {
  Rig r;
  r.cpu->state().sys.scr_el3 |= 1ull << 1;  // IRQ.
  CHECK(r.exec(sysreg_insn(true, kIgrpen1, 0), 2) == 3);
  CHECK((r.esr(3) >> 26) == 0x18);
  CHECK(r.exec(sysreg_insn(true, kIgrpen1, 0), 1) == 3);
  CHECK(r.exec(sysreg_insn(true, kPmr, 0), 2) == 2);  // Common: needs IRQ and FIQ.
  CHECK(r.mrs(3, kIgrpen1) == 0);                     // EL3 is never trapped.
  CHECK(r.cpu->state().pstate.el == 3);
}

}  // namespace
}  // namespace el2
