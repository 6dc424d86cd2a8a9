// MRS/MSR through the decoder: access checks, traps with their syndromes, write
// masks and computed registers. Expected values follow the Arm ARM register
// descriptions (D17.2) and trap rules (D1.11).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "cpu/cpu.h"
#include "cpu/sysregs/registry.h"

namespace el2 {
namespace {

constexpr uint64_t kCode = 0x4000'0000;
constexpr uint64_t kVbar = 0x4000'8000;

uint32_t sysreg_insn(bool read, unsigned op0, unsigned op1, unsigned crn, unsigned crm,
                     unsigned op2, unsigned rt) {
  return 0xD5000000u | (uint32_t{read} << 21) | (1u << 20) | ((op0 - 2) << 19) | (op1 << 16) |
         (crn << 12) | (crm << 8) | (op2 << 5) | rt;
}

struct Rig {
  MemoryMap mem;
  CpuModel model;
  std::unique_ptr<Cpu> cpu;
  explicit Rig(const char* name = "cortex-a57") : model(*find_cpu_model(name)) {
    mem.add_ram("ram", kCode, 1 << 20);
    cpu = std::make_unique<Cpu>(model, mem);
    CpuState& s = cpu->state();
    s.sys.scr_el3 = 0x531;  // NS, RW, HCE, RES1 bits: a Non-secure world below EL3.
    s.sys.hcr_el2 = 1ull << 31;
    for (unsigned el = 1; el <= 3; ++el) s.sys.vbar[el] = kVbar;
  }
  // Executes one instruction at `el`; returns the EL the core is in after it.
  unsigned exec(uint32_t insn, unsigned el) {
    CpuState& s = cpu->state();
    s.pstate.el = static_cast<uint8_t>(el);
    s.pc = kCode;
    mem.write_phys(kCode, &insn, 4);
    cpu->step();
    return s.pstate.el;
  }
  uint64_t mrs(unsigned el, unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2) {
    exec(sysreg_insn(true, op0, op1, crn, crm, op2, 0), el);
    return cpu->state().x[0];
  }
  void msr(unsigned el, unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2,
           uint64_t v) {
    cpu->state().x[1] = v;
    exec(sysreg_insn(false, op0, op1, crn, crm, op2, 1), el);
  }
  uint32_t esr(unsigned el) const { return static_cast<uint32_t>(cpu->state().sys.esr[el]); }
};

TEST_CASE("the table has unique encodings and names the registers boot code needs") {
  const auto& t = SysRegTable::instance();
  for (const char* name : {"SCTLR_EL1", "SCTLR_EL2", "SCTLR_EL3", "HCR_EL2", "SCR_EL3", "VBAR_EL2",
                           "ESR_EL2", "ELR_EL2", "SPSR_EL2", "CNTHCTL_EL2", "CNTVOFF_EL2",
                           "ID_AA64MMFR1_EL1", "MPIDR_EL1", "PMCR_EL0", "MDCR_EL2", "CPTR_EL2",
                           "VTTBR_EL2", "TCR_EL2", "MAIR_EL2", "TTBR0_EL2", "CNTP_CTL_EL0"})
    CHECK_MESSAGE(t.find(name) != nullptr, name);
}

TEST_CASE("CurrentEL reads EL << 2; it is not readable at EL0") {
  Rig r;
  CHECK(r.mrs(2, 3, 0, 4, 2, 2) == 8);
  CHECK(r.mrs(1, 3, 0, 4, 2, 2) == 4);
  CHECK(r.exec(sysreg_insn(true, 3, 0, 4, 2, 2, 0), 0) == 1);  // UNDEFINED -> EL1.
  CHECK(r.esr(1) == 0x0200'0000);
}

TEST_CASE("VBAR_EL1 bits [10:0] are RES0") {
  Rig r;
  r.msr(1, 3, 0, 12, 0, 0, 0x4000'1FFF);
  CHECK(r.cpu->state().sys.vbar[1] == 0x4000'1800);
}

TEST_CASE("EL2 registers are UNDEFINED at EL1, and absent without EL2") {
  Rig r;
  CHECK(r.exec(sysreg_insn(true, 3, 4, 1, 1, 0, 0), 1) == 1);  // MRS HCR_EL2 at EL1.
  CHECK(r.esr(1) == 0x0200'0000);
  Rig noel2;
  noel2.model.has_el2 = false;
  noel2.cpu = std::make_unique<Cpu>(noel2.model, noel2.mem);
  noel2.cpu->state().sys.vbar[3] = kVbar;
  CHECK(noel2.exec(sysreg_insn(true, 3, 4, 1, 1, 0, 0), 3) == 3);
  CHECK(noel2.esr(3) == 0x0200'0000);
}

TEST_CASE("an unknown system register is UNDEFINED, not read-as-zero") {
  Rig r;
  r.cpu->state().x[0] = 0x1234;
  CHECK(r.exec(sysreg_insn(true, 3, 0, 15, 15, 7, 0), 1) == 1);
  CHECK(r.esr(1) == 0x0200'0000);
  CHECK(r.cpu->state().elr_el[1] == kCode);
}

TEST_CASE("the reserved ID space reads as zero (Arm ARM D17.1.3)") {
  Rig r;
  r.cpu->state().x[0] = 0x1234;
  CHECK(r.mrs(1, 3, 0, 0, 4, 7) == 0);
  CHECK(r.cpu->state().pstate.el == 1);
}

TEST_CASE("HCR_EL2.TVM traps EL1 writes of SCTLR_EL1 to EL2 with an EC 0x18 syndrome") {
  Rig r;
  r.cpu->state().sys.hcr_el2 |= 1ull << 26;
  CHECK(r.exec(sysreg_insn(false, 3, 0, 1, 0, 0, 7), 1) == 2);
  // ISS: Op0=3 [21:20], Op2=0, Op1=0, CRn=1 [13:10], Rt=7 [9:5], CRm=0, Direction=0 (write).
  CHECK(r.esr(2) == ((0x18u << 26) | (1u << 25) | (3u << 20) | (1u << 10) | (7u << 5)));
  CHECK(r.cpu->state().elr_el[2] == kCode);  // Preferred return: the trapped MSR.
  // Reads are not trapped by TVM...
  CHECK(r.exec(sysreg_insn(true, 3, 0, 1, 0, 0, 0), 1) == 1);
  // ...but by TRVM.
  r.cpu->state().sys.hcr_el2 |= 1ull << 30;
  CHECK(r.exec(sysreg_insn(true, 3, 0, 1, 0, 0, 0), 1) == 2);
  CHECK((r.esr(2) & 1) == 1);
}

TEST_CASE("HCR_EL2.TID3 traps ID_AA64PFR0_EL1 reads at EL1, not at EL2") {
  Rig r;
  r.cpu->state().sys.hcr_el2 |= 1ull << 18;
  CHECK(r.exec(sysreg_insn(true, 3, 0, 0, 4, 0, 0), 1) == 2);
  CHECK(r.exec(sysreg_insn(true, 3, 0, 0, 4, 0, 0), 2) == 2);
  // Cortex-A57 TRM value 0x01002222 with GIC [27:24] = 0: this core has no GIC.
  CHECK(r.cpu->state().x[0] == 0x00002222);
}

TEST_CASE("ID_AA64PFR0_EL1 reports absent ELs as 0") {
  Rig r;
  r.model.has_el3 = false;
  r.cpu = std::make_unique<Cpu>(r.model, r.mem);
  CHECK(((r.mrs(2, 3, 0, 0, 4, 0) >> 12) & 0xF) == 0);
  CHECK(((r.mrs(2, 3, 0, 0, 4, 0) >> 8) & 0xF) == 2);
}

TEST_CASE("MIDR_EL1/MPIDR_EL1 at EL1 return VPIDR_EL2/VMPIDR_EL2") {
  Rig r;
  r.cpu->state().sys.vpidr_el2 = 0x41AB'CDEF;
  r.cpu->state().sys.vmpidr_el2 = 0x8000'0101;
  CHECK(r.mrs(1, 3, 0, 0, 0, 0) == 0x41AB'CDEF);
  CHECK(r.mrs(1, 3, 0, 0, 0, 5) == 0x8000'0101);
  CHECK(r.mrs(2, 3, 0, 0, 0, 0) == 0x411F'D070);
  CHECK(r.mrs(2, 3, 0, 0, 0, 5) == 0x8000'0000);
}

TEST_CASE("SCTLR_EL2 keeps its RES1 bits") {
  Rig r;
  r.msr(2, 3, 4, 1, 0, 0, 0);
  CHECK(r.cpu->state().sys.sctlr[2] == 0x30C5'0830);
}

TEST_CASE("SP_EL0 cannot be accessed while it is the current SP") {
  Rig r;
  r.cpu->state().pstate.sp = false;
  CHECK(r.exec(sysreg_insn(true, 3, 0, 4, 1, 0, 0), 1) == 1);
  CHECK(r.esr(1) == 0x0200'0000);
}

TEST_CASE("virtual counter = physical counter - CNTVOFF_EL2; timer TVAL/CVAL/ISTATUS") {
  Rig r;
  r.cpu->state().sys.cnthctl_el2 = 3;
  // A negative offset puts the virtual count 1000 ticks ahead of the physical one.
  r.cpu->state().sys.cntvoff_el2 = ~uint64_t{999};
  const uint64_t pct = r.mrs(2, 3, 3, 14, 0, 1);
  const uint64_t vct = r.mrs(2, 3, 3, 14, 0, 2);
  CHECK(vct >= pct + 1000);
  CHECK(vct <= pct + 1001);  // One instruction later at most one more tick.
  // CNTV_CVAL = 0 is in the past; with ENABLE the condition is met: ISTATUS (bit 2).
  r.msr(1, 3, 3, 14, 3, 2, 0);
  r.msr(1, 3, 3, 14, 3, 1, 1);
  CHECK(r.mrs(1, 3, 3, 14, 3, 1) == 0x5);
  // TVAL = CVAL - count, as a signed 32-bit value: about -1000.
  const auto tval = static_cast<int32_t>(r.mrs(1, 3, 3, 14, 3, 0));
  CHECK(tval <= -1000);
  CHECK(tval >= -1002);
  // Writing TVAL sets CVAL = count + TVAL: 5000 ticks ahead, condition not met.
  r.msr(1, 3, 3, 14, 3, 0, 5000);
  CHECK(r.cpu->state().sys.cntv_cval_el0 >= vct + 5000);
  CHECK(r.mrs(1, 3, 3, 14, 3, 1) == 0x1);
}

TEST_CASE("EL0 counter access needs CNTKCTL_EL1.EL0VCTEN, else it traps to EL1") {
  Rig r;
  r.cpu->state().sys.cntkctl_el1 = 0;
  CHECK(r.exec(sysreg_insn(true, 3, 3, 14, 0, 2, 0), 0) == 1);
  CHECK((r.esr(1) >> 26) == 0x18);
  r.cpu->state().sys.cntkctl_el1 = 2;
  CHECK(r.exec(sysreg_insn(true, 3, 3, 14, 0, 2, 0), 0) == 0);
}

TEST_CASE("breakpoint registers exist up to ID_AA64DFR0_EL1.BRPs") {
  Rig r;  // Cortex-A57: 6 breakpoints, 4 watchpoints.
  r.msr(1, 2, 0, 0, 5, 4, 0x1234);  // DBGBVR5_EL1
  CHECK(r.cpu->state().pstate.el == 1);
  CHECK(r.cpu->state().sys.dbgbvr[5] == 0x1234);
  CHECK(r.exec(sysreg_insn(true, 2, 0, 0, 6, 4, 0), 1) == 1);  // DBGBVR6_EL1: UNDEFINED.
  CHECK(r.esr(1) == 0x0200'0000);
  CHECK(r.exec(sysreg_insn(true, 2, 0, 0, 4, 6, 0), 1) == 1);  // DBGWVR4_EL1: UNDEFINED.
  CHECK(r.esr(1) == 0x0200'0000);
}

TEST_CASE("PMCCNTR_EL0 counts only while PMCR_EL0.E and PMCNTENSET_EL0.C are set") {
  Rig r;
  const uint64_t stopped1 = r.mrs(1, 3, 3, 9, 13, 0);
  const uint64_t stopped2 = r.mrs(1, 3, 3, 9, 13, 0);
  CHECK(stopped1 == stopped2);
  r.msr(1, 3, 3, 9, 12, 0, 1);           // PMCR_EL0.E
  r.msr(1, 3, 3, 9, 12, 1, 1ull << 31);  // PMCNTENSET_EL0.C
  const uint64_t a = r.mrs(1, 3, 3, 9, 13, 0);
  const uint64_t b = r.mrs(1, 3, 3, 9, 13, 0);
  CHECK(b > a);
  CHECK(((r.mrs(1, 3, 3, 9, 12, 0) >> 11) & 0x1F) == 0);  // PMCR_EL0.N = 0.
}

TEST_CASE("MSR DAIFSet/DAIFClr and SPSel") {
  Rig r;
  r.exec(0xD50340DF | (0xF << 8) | (1 << 5), 1);  // MSR DAIFClr, #0xf
  CHECK_FALSE(r.cpu->state().pstate.i);
  r.exec(0xD50340DF | (0x2 << 8), 1);  // MSR DAIFSet, #2
  CHECK(r.cpu->state().pstate.i);
  CHECK_FALSE(r.cpu->state().pstate.d);
  r.exec(0xD50040BF, 1);  // MSR SPSel, #0
  CHECK_FALSE(r.cpu->state().pstate.sp);
}

}  // namespace
}  // namespace el2
