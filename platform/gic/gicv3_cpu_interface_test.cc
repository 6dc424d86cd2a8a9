// The CPU interface through GicCpuInterface, as the ICC_*/ICH_* system
// registers reach it: priority masking, acknowledge and end of interrupt in
// both EOI modes, preemption and binary points, SGIs between cores, and the
// hypervisor registers' read-back. Expected behaviour: Arm IHI 0069.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "platform/gic/gicv3_test_rig.h"

namespace el2::gic {
namespace {

TEST_CASE("PMR masks interrupts of equal or lower priority") {
  GicRig r;
  r.bring_up();
  r.setup_spi(40, 0x80);
  r.icc(0, GicReg::kIccPmrEl1, 0x80);
  r.gic->set_spi(40, true);
  CHECK_FALSE(r.irq());                               // 0x80 is not higher than 0x80.
  CHECK(r.icc(0, GicReg::kIccHppir1El1) == 40);       // Pending all the same...
  CHECK(r.icc(0, GicReg::kIccIar1El1) == kSpurious);  // ...but not acknowledgeable.
  r.icc(0, GicReg::kIccPmrEl1, 0x88);
  CHECK(r.irq());
  r.icc(0, GicReg::kIccPmrEl1, 0x07);  // Low bits are RAZ/WI.
  CHECK(r.icc(0, GicReg::kIccPmrEl1) == 0);
  CHECK_FALSE(r.irq());
}

TEST_CASE("IAR acknowledges, EOI drops the priority and deactivates (EOImode 0)") {
  GicRig r;
  r.bring_up();
  r.setup_spi(40, 0x80);
  r.gic->set_spi(40, true);
  r.gic->set_spi(40, false);  // Level-sensitive: gone again...
  CHECK_FALSE(r.irq());
  r.gicd_write(kGicdIspendr + 4, 1u << 8);  // ...so pend it by software.
  CHECK(r.irq());
  CHECK(r.icc(0, GicReg::kIccRprEl1) == 0xFF);  // Idle.
  CHECK(r.icc(0, GicReg::kIccIar1El1) == 40);
  CHECK_FALSE(r.irq());
  CHECK(r.icc(0, GicReg::kIccRprEl1) == 0x80);
  CHECK(r.icc(0, GicReg::kIccAp1r0El1) == (1u << (0x80 >> 3)));
  CHECK(r.gicd_read(kGicdIsactiver + 4) == (1u << 8));
  CHECK(r.icc(0, GicReg::kIccIar1El1) == kSpurious);  // Nothing else pending.
  r.icc(0, GicReg::kIccEoir1El1, 40);
  CHECK(r.icc(0, GicReg::kIccRprEl1) == 0xFF);
  CHECK(r.icc(0, GicReg::kIccAp1r0El1) == 0);
  CHECK(r.gicd_read(kGicdIsactiver + 4) == 0);
}

TEST_CASE("EOImode 1: EOIR only drops the priority, DIR deactivates") {
  GicRig r;
  r.bring_up();
  r.icc(0, GicReg::kIccCtlrEl1, 2);  // EOImode.
  CHECK((r.icc(0, GicReg::kIccCtlrEl1) & 2) == 2);
  r.setup_spi(45, 0x90);
  r.gic->set_spi(45, true);
  CHECK(r.icc(0, GicReg::kIccIar1El1) == 45);
  r.icc(0, GicReg::kIccEoir1El1, 45);
  CHECK(r.icc(0, GicReg::kIccRprEl1) == 0xFF);           // Priority dropped...
  CHECK(r.gicd_read(kGicdIsactiver + 4) == (1u << 13));  // ...still active...
  CHECK_FALSE(r.irq());                                  // ...so not signalled again.
  r.icc(0, GicReg::kIccDirEl1, 45);
  CHECK(r.gicd_read(kGicdIsactiver + 4) == 0);
  CHECK(r.irq());  // Input still high: pending again once inactive.
  // With EOImode 0, DIR is ignored (UNPREDICTABLE in the architecture).
  r.icc(0, GicReg::kIccCtlrEl1, 0);
  CHECK(r.icc(0, GicReg::kIccIar1El1) == 45);
  r.icc(0, GicReg::kIccDirEl1, 45);
  CHECK(r.gicd_read(kGicdIsactiver + 4) == (1u << 13));
}

TEST_CASE("preemption: a higher group priority preempts; the binary point groups priorities") {
  GicRig r;
  r.bring_up();
  r.setup_spi(40, 0x88);
  r.setup_spi(41, 0x80);
  r.gic->set_spi(40, true);
  CHECK(r.icc(0, GicReg::kIccIar1El1) == 40);
  r.gic->set_spi(41, true);
  CHECK(r.irq());  // 0x80 preempts a running priority of 0x88 (BPR1 = 3: [7:3] all count).
  CHECK(r.icc(0, GicReg::kIccIar1El1) == 41);
  CHECK(r.icc(0, GicReg::kIccRprEl1) == 0x80);
  r.icc(0, GicReg::kIccEoir1El1, 41);
  CHECK(r.icc(0, GicReg::kIccRprEl1) == 0x88);  // Back to the preempted handler's priority.
  r.icc(0, GicReg::kIccEoir1El1, 40);
  CHECK(r.icc(0, GicReg::kIccRprEl1) == 0xFF);

  // BPR1 = 4: group priority [7:4], so 0x88 and 0x80 are one group and the
  // second cannot preempt the first; it is taken after the first's EOI.
  r.gic->set_spi(40, false);
  r.gic->set_spi(41, false);
  r.icc(0, GicReg::kIccBpr1El1, 4);
  r.gic->set_spi(40, true);
  CHECK(r.icc(0, GicReg::kIccIar1El1) == 40);
  CHECK(r.icc(0, GicReg::kIccRprEl1) == 0x80);  // The running priority is the group priority.
  r.gic->set_spi(41, true);
  CHECK_FALSE(r.irq());
  CHECK(r.icc(0, GicReg::kIccIar1El1) == kSpurious);
  r.icc(0, GicReg::kIccEoir1El1, 40);
  CHECK(r.irq());
  CHECK(r.icc(0, GicReg::kIccIar1El1) == 41);
}

TEST_CASE("binary points: minimum values, and CBPR makes BPR0 govern Group 1") {
  GicRig r;
  CHECK(r.icc(0, GicReg::kIccBpr0El1) == kMinBpr0);
  CHECK(r.icc(0, GicReg::kIccBpr1El1) == kMinBpr1);
  r.icc(0, GicReg::kIccBpr0El1, 0);
  r.icc(0, GicReg::kIccBpr1El1, 0);
  CHECK(r.icc(0, GicReg::kIccBpr0El1) == 2);  // Writes below the minimum set the minimum.
  CHECK(r.icc(0, GicReg::kIccBpr1El1) == 3);
  r.icc(0, GicReg::kIccBpr0El1, 7);
  r.icc(0, GicReg::kIccCtlrEl1, 1);           // CBPR.
  CHECK(r.icc(0, GicReg::kIccBpr1El1) == 7);  // BPR0 + 1, saturated.
  r.icc(0, GicReg::kIccBpr1El1, 5);           // Ignored while CBPR is set.
  r.icc(0, GicReg::kIccCtlrEl1, 0);
  CHECK(r.icc(0, GicReg::kIccBpr1El1) == 3);
}

TEST_CASE("Group 0 and Group 1 have separate acknowledge and EOI registers") {
  GicRig r;
  r.bring_up();
  r.setup_spi(36, 0x40, 0, /*group1=*/false);
  r.setup_spi(37, 0x60);
  r.gic->set_spi(36, true);
  r.gic->set_spi(37, true);
  CHECK(r.fiq());
  CHECK(r.icc(0, GicReg::kIccHppir0El1) == 36);
  CHECK(r.icc(0, GicReg::kIccHppir1El1) == kSpurious);  // The HPPI is Group 0.
  CHECK(r.icc(0, GicReg::kIccIar0El1) == 36);
  CHECK(r.icc(0, GicReg::kIccAp0r0El1) == (1u << (0x40 >> 3)));
  CHECK_FALSE(r.irq());                // 0x60 cannot preempt the running priority 0x40.
  r.icc(0, GicReg::kIccEoir1El1, 36);  // Wrong group: ignored.
  CHECK(r.icc(0, GicReg::kIccRprEl1) == 0x40);
  r.gic->set_spi(36, false);
  r.icc(0, GicReg::kIccEoir0El1, 36);
  CHECK(r.irq());
  CHECK_FALSE(r.fiq());
  // ICC_IGRPEN1_EL1 = 0 stops Group 1 at the CPU interface.
  r.icc(0, GicReg::kIccIgrpen1El1, 0);
  CHECK_FALSE(r.irq());
  CHECK(r.icc(0, GicReg::kIccHppir1El1) == kSpurious);
}

TEST_CASE("SGI from core 0 to core 1 through ICC_SGI1R_EL1") {
  GicRig r(3);
  r.bring_up();
  for (unsigned i = 0; i < 3; ++i) r.setup_private(i, 3, 0x40);
  // INTID [27:24] = 3, Aff1 = 0, TargetList [15:0] = core 1.
  r.icc(0, GicReg::kIccSgi1rEl1, (3ull << 24) | (1u << 1));
  CHECK_FALSE(r.irq(0));
  CHECK(r.irq(1));
  CHECK_FALSE(r.irq(2));
  // GICv3 with affinity routing: IAR holds the INTID only, no source core.
  CHECK(r.icc(1, GicReg::kIccIar1El1) == 3);
  CHECK_FALSE(r.irq(1));
  r.icc(1, GicReg::kIccEoir1El1, 3);
  CHECK(r.sgi_read(1, 0x300) == 0);  // GICR_ISACTIVER0.
  // IRM = 1: every core but the sender.
  r.icc(1, GicReg::kIccSgi1rEl1, (3ull << 24) | (1ull << 40));
  CHECK(r.irq(0));
  CHECK_FALSE(r.irq(1));
  CHECK(r.irq(2));
  // A target list in another cluster (Aff1 = 1) reaches nobody here.
  r.icc(0, GicReg::kIccIar1El1);
  r.icc(0, GicReg::kIccEoir1El1, 3);
  r.icc(2, GicReg::kIccSgi1rEl1, (3ull << 24) | (1ull << 16) | 1);
  CHECK_FALSE(r.irq(0));
}

TEST_CASE("SGI groups with GICD_CTLR.DS = 1: SGI0R only reaches Group 0 SGIs") {
  GicRig r(2);
  r.bring_up();
  r.setup_private(1, 5, 0x40, /*group1=*/true);
  r.setup_private(1, 6, 0x40, /*group1=*/false);
  r.icc(0, GicReg::kIccSgi0rEl1, (5ull << 24) | 2);   // Group 1 SGI: not forwarded.
  r.icc(0, GicReg::kIccAsgi1rEl1, (5ull << 24) | 2);  // Nor by the alias register.
  CHECK(r.sgi_read(1, 0x200) == 0);
  r.icc(0, GicReg::kIccSgi0rEl1, (6ull << 24) | 2);
  CHECK(r.fiq(1));
  CHECK(r.icc(1, GicReg::kIccIar0El1) == 6);
  r.icc(1, GicReg::kIccEoir0El1, 6);
  r.icc(0, GicReg::kIccSgi1rEl1, (6ull << 24) | 2);  // SGI1R reaches either group.
  CHECK(r.fiq(1));
  r.icc(0, GicReg::kIccSgi1rEl1, (5ull << 24) | 2);
  CHECK(r.sgi_read(1, 0x200) == ((1u << 5) | (1u << 6)));
}

TEST_CASE("ICC_CTLR_EL1/EL3 read-only fields and the SRE registers") {
  GicRig r;
  const uint64_t ctlr = r.icc(0, GicReg::kIccCtlrEl1);
  CHECK(((ctlr >> 8) & 7) == 4);   // PRIbits: 5 bits.
  CHECK(((ctlr >> 11) & 7) == 0);  // IDbits: 16 bits.
  CHECK(((ctlr >> 14) & 1) == 0);  // SEIS.
  CHECK(((ctlr >> 15) & 1) == 1);  // A3V.
  CHECK(((ctlr >> 18) & 1) == 0);  // RSS.
  r.icc(0, GicReg::kIccCtlrEl1, ~uint64_t{0});
  CHECK(r.icc(0, GicReg::kIccCtlrEl1) == (ctlr | 0x43));  // Only CBPR, EOImode, PMHE.
  // ICC_CTLR_EL3.EOImode_EL1NS [4] is ICC_CTLR_EL1.EOImode.
  r.icc(0, GicReg::kIccCtlrEl3, 1u << 4);
  CHECK(r.icc(0, GicReg::kIccCtlrEl1) == (ctlr | 2));
  CHECK(r.icc(0, GicReg::kIccSreEl1) == 7);
  r.icc(0, GicReg::kIccSreEl1, 0);
  CHECK(r.icc(0, GicReg::kIccSreEl1) == 7);  // SRE/DFB/DIB RAO/WI.
  CHECK(r.icc(0, GicReg::kIccSreEl2) == 0xF);
  r.icc(0, GicReg::kIccSreEl2, 0);
  CHECK(r.icc(0, GicReg::kIccSreEl2) == 7);  // Enable cleared.
}

TEST_CASE("ICH registers read back; VTR is fixed; EISR, ELRSR, MISR follow the LRs") {
  GicRig r;
  const uint64_t vtr = r.icc(0, GicReg::kIchVtrEl2);
  CHECK((vtr & 0x1F) == 3);       // ListRegs: 4.
  CHECK(((vtr >> 29) & 7) == 4);  // PRIbits.
  CHECK(((vtr >> 26) & 7) == 4);  // PREbits.
  CHECK(((vtr >> 23) & 7) == 0);  // IDbits.
  CHECK(((vtr >> 22) & 1) == 0);  // SEIS.
  CHECK(((vtr >> 21) & 1) == 1);  // A3V.
  CHECK(((vtr >> 19) & 1) == 0);  // TDS.
  r.icc(0, GicReg::kIchVtrEl2, 0);
  CHECK(r.icc(0, GicReg::kIchVtrEl2) == vtr);

  const auto lr = [](unsigned n) {
    return static_cast<GicReg>(static_cast<unsigned>(GicReg::kIchLr0El2) + n);
  };
  // Empty LRs: all free, no EOI maintenance.
  CHECK(r.icc(0, GicReg::kIchElrsrEl2) == 0xF);
  CHECK(r.icc(0, GicReg::kIchEisrEl2) == 0);
  // LR0: pending (State 01), Group 1, priority 0xA0, vINTID 27.
  const uint64_t lr0 = (1ull << 62) | (1ull << 60) | (0xA0ull << 48) | 27;
  r.icc(0, lr(0), lr0 | (0x7ull << 48) | (0xFFull << 16));  // Unimplemented bits dropped.
  CHECK(r.icc(0, lr(0)) == lr0);
  // LR1: invalid, HW = 0, EOI = 1: an outstanding EOI maintenance interrupt.
  r.icc(0, lr(1), (1ull << 41) | 40);
  // LR2: invalid, HW = 1 with pINTID 40: free.
  r.icc(0, lr(2), (1ull << 61) | (40ull << 32) | 40);
  CHECK(r.icc(0, lr(2)) == ((1ull << 61) | (40ull << 32) | 40));
  CHECK(r.icc(0, GicReg::kIchEisrEl2) == 0b0010);
  CHECK(r.icc(0, GicReg::kIchElrsrEl2) == 0b1100);
  // MISR: EOI (EISR != 0); U (UIE, at most one valid LR); NP off (LR0 pending).
  r.icc(0, GicReg::kIchHcrEl2, 0x1 | 0x2 | 0x8);
  CHECK(r.icc(0, GicReg::kIchMisrEl2) == 0b0011);
  r.icc(0, lr(0), 0);
  CHECK(r.icc(0, GicReg::kIchMisrEl2) == 0b1011);  // NP: no LR pending now.
  // VMCR: VFIQEn reads 1, binary points have their minima, VPMR keeps 5 bits.
  r.icc(0, GicReg::kIchVmcrEl2, 0xFF00'0003);
  CHECK(r.icc(0, GicReg::kIchVmcrEl2) == (0xF800'0003 | (2u << 21) | (3u << 18) | 8));
  r.icc(0, GicReg::kIchAp1r0El2, 0x8000'0001);
  CHECK(r.icc(0, GicReg::kIchAp1r0El2) == 0x8000'0001);
  CHECK(r.icc(0, GicReg::kIchHcrEl2) == 0xB);
}

TEST_CASE("reset returns to the reset state; destruction detaches the cores") {
  MemoryMap mem;
  Cpu cpu(*find_cpu_model("cortex-a57"), mem, 0);
  {
    GicV3 gic({&cpu}, 64);
    CHECK(cpu.gic() == &gic);
    gic.write(cpu, GicReg::kIccPmrEl1, 0xF0);
    gic.reset();
    CHECK(gic.read(cpu, GicReg::kIccPmrEl1) == 0);
  }
  CHECK(cpu.gic() == nullptr);
}

}  // namespace
}  // namespace el2::gic
