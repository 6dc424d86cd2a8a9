// The distributor and redistributor register files through MMIO: discovery
// (TYPER, PIDR2), the GICR_WAKER handshake, access sizes, and how SPI inputs
// become pending for edge-triggered and level-sensitive configurations.
// Expected values follow Arm IHI 0069 (GICv3).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <stdexcept>

#include "platform/gic/gicv3_test_rig.h"

namespace el2::gic {
namespace {

TEST_CASE("GICD_TYPER.ITLinesNumber matches the configured number of SPIs") {
  CHECK((GicRig(1, 256).gicd_read(kGicdTyper) & 0x1F) == 8);  // 288 INTIDs = 32 * (8 + 1).
  CHECK((GicRig(1, 64).gicd_read(kGicdTyper) & 0x1F) == 2);
  CHECK((GicRig(1, 0).gicd_read(kGicdTyper) & 0x1F) == 0);
  CHECK((GicRig(1, 988).gicd_read(kGicdTyper) & 0x1F) == 31);
  GicRig r;
  const uint64_t typer = r.gicd_read(kGicdTyper);
  CHECK(((typer >> 17) & 1) == 0);      // LPIS: no LPIs.
  CHECK(((typer >> 10) & 1) == 0);      // SecurityExtn: single Security state.
  CHECK(((typer >> 19) & 0x1F) == 15);  // IDbits: 16-bit INTIDs.
  CHECK_THROWS_AS(GicV3({r.cores[0].get()}, 989), std::invalid_argument);
}

TEST_CASE("GICD_CTLR: DS and ARE read as one, the group enables are writable") {
  GicRig r;
  CHECK(r.gicd_read(kGicdCtlr) == (kCtlrAre | kCtlrDs));
  r.gicd_write(kGicdCtlr, 0);  // ARE and DS cannot be cleared.
  CHECK(r.gicd_read(kGicdCtlr) == (kCtlrAre | kCtlrDs));
  r.gicd_write(kGicdCtlr, kCtlrEnableGrp1);
  CHECK(r.gicd_read(kGicdCtlr) == (kCtlrAre | kCtlrDs | kCtlrEnableGrp1));
  CHECK((r.gicd_read(kGicdCtlr) >> 31) == 0);  // RWP: writes take effect at once.
}

TEST_CASE("PIDR2.ArchRev reads 3 in the distributor and every RD_base frame") {
  GicRig r(2);
  CHECK(((r.gicd_read(kGicPidr2) >> 4) & 0xF) == 3);
  CHECK(((r.rd_read(0, kGicPidr2) >> 4) & 0xF) == 3);
  CHECK(((r.rd_read(1, kGicPidr2) >> 4) & 0xF) == 3);
  CHECK(r.gicd_read(kGicdIidr) == r.rd_read(1, kGicrIidr));
}

TEST_CASE("GICR_TYPER: processor number, affinity, and Last on the last core only") {
  GicRig r(3);
  for (unsigned i = 0; i < 3; ++i) {
    const uint64_t typer = r.rd_read(i, kGicrTyper, 8);
    CHECK(((typer >> 8) & 0xFFFF) == i);                       // Processor_Number.
    CHECK((typer >> 32) == i);                                 // Affinity: Aff0 = core index.
    CHECK(((typer >> 4) & 1) == (i == 2));                     // Last.
    CHECK((typer & 1) == 0);                                   // PLPIS.
    CHECK(r.rd_read(i, kGicrTyper) == (typer & 0xFFFF'FFFF));  // 32-bit halves.
    CHECK(r.rd_read(i, kGicrTyper + 4) == (typer >> 32));
  }
  // Past the last redistributor the region reads as zero (no PIDR2 ArchRev).
  CHECK(r.rd_read(3, kGicPidr2) == 0);
}

TEST_CASE(
    "GICR_WAKER: ChildrenAsleep follows ProcessorSleep; a sleeping redistributor holds "
    "its interrupts") {
  GicRig r;
  CHECK(r.rd_read(0, kGicrWaker) == (kWakerProcessorSleep | kWakerChildrenAsleep));
  r.gicd_write(kGicdCtlr, kCtlrEnableGrp1);
  r.icc(0, GicReg::kIccPmrEl1, 0xFF);
  r.icc(0, GicReg::kIccIgrpen1El1, 1);
  r.setup_spi(40, 0x80);
  r.gic->set_spi(40, true);
  CHECK_FALSE(r.irq());  // Held pending at the redistributor.
  CHECK(r.icc(0, GicReg::kIccHppir1El1) == kSpurious);
  // Linux: clear ProcessorSleep, poll until ChildrenAsleep reads 0.
  r.rd_write(0, kGicrWaker, 0);
  CHECK(r.rd_read(0, kGicrWaker) == 0);
  CHECK(r.irq());
  CHECK(r.icc(0, GicReg::kIccHppir1El1) == 40);
  r.rd_write(0, kGicrWaker, kWakerProcessorSleep);
  CHECK(r.rd_read(0, kGicrWaker) == (kWakerProcessorSleep | kWakerChildrenAsleep));
  CHECK_FALSE(r.irq());
}

TEST_CASE("access sizes: bytes only for IPRIORITYR, 64 bits for IROUTER and GICR_TYPER") {
  GicRig r;
  uint64_t v = 0;
  CHECK_FALSE(r.gic->distributor().read(kGicdCtlr, 1, v));  // Byte of a 32-bit register.
  CHECK_FALSE(r.gic->distributor().read(kGicdCtlr, 2, v));
  CHECK_FALSE(r.gic->distributor().write(kGicdTyper, 8, 0));
  CHECK_FALSE(r.gic->distributor().read(kGicdIpriorityr + 34, 4, v));  // Unaligned.
  CHECK_FALSE(r.gic->distributor().read(GicV3::kDistributorSize, 4, v));
  CHECK_FALSE(r.gic->redistributors().read(kGicrWaker, 1, v));
  // IPRIORITYR: a byte write changes one byte; 5 priority bits are implemented.
  r.gicd_write(kGicdIpriorityr + 32, 0x4030'2010);
  r.gicd_write(kGicdIpriorityr + 34, 0xFF, 1);
  CHECK(r.gicd_read(kGicdIpriorityr + 32) == 0x40F8'2010);
  CHECK(r.gicd_read(kGicdIpriorityr + 35, 1) == 0x40);
  // IROUTER: 64-bit, and 32-bit halves; Aff3 [39:32] and IRM [31] kept.
  r.gicd_write(kGicdIrouter + 8 * 33, 0xFFFF'FFFF'FFFF'FFFFull, 8);
  CHECK(r.gicd_read(kGicdIrouter + 8 * 33, 8) == 0xFF'80FF'FFFFull);
  r.gicd_write(kGicdIrouter + 8 * 33 + 4, 0);
  CHECK(r.gicd_read(kGicdIrouter + 8 * 33, 8) == 0x80FF'FFFFull);
}

TEST_CASE("reserved and RAZ/WI distributor space reads as zero and ignores writes") {
  GicRig r;
  for (uint64_t off :
       {uint64_t{0x0010}, kGicdIgroupr, kGicdIsenabler, kGicdIpriorityr, kGicdItargetsr + 32,
        kGicdIcfgr, kGicdIgrpmodr + 4, uint64_t{0x0E04}, kGicdIrouter, uint64_t{0x8000}}) {
    CAPTURE(off);
    r.gicd_write(off, 0xFFFF'FFFF);  // Bank 0 (SGIs/PPIs) lives in the redistributor.
    CHECK(r.gicd_read(off) == 0);
  }
  // SPIs past the configured number are not implemented.
  GicRig small(1, 32);
  small.gicd_write(kGicdIsenabler + 8, 0xFFFF'FFFF);  // INTIDs 64-95.
  CHECK(small.gicd_read(kGicdIsenabler + 8) == 0);
}

TEST_CASE("the SGI_base frame: ICFGR0 is fixed edge, ICFGR1 and priorities are per core") {
  GicRig r(2);
  CHECK(r.sgi_read(0, kGicrIcfgr0) == 0xAAAA'AAAA);
  r.sgi_write(0, kGicrIcfgr0, 0);
  CHECK(r.sgi_read(0, kGicrIcfgr0) == 0xAAAA'AAAA);
  r.sgi_write(0, kGicrIcfgr1, 0x0800'0000);  // PPI 29 edge-triggered.
  CHECK(r.sgi_read(0, kGicrIcfgr1) == 0x0800'0000);
  CHECK(r.sgi_read(1, kGicrIcfgr1) == 0);
  r.setup_private(1, 27, 0xA0);
  CHECK(((r.sgi_read(1, 0x418) >> 24) & 0xFF) == 0xA0);
  CHECK(r.sgi_read(0, 0x418) == 0);
  CHECK(r.sgi_read(1, 0x100) == (1u << 27));
  CHECK(r.sgi_read(1, 0x180) == (1u << 27));  // ICENABLER0 reads the enables too.
  r.sgi_write(1, 0x180, 1u << 27);
  CHECK(r.sgi_read(1, 0x100) == 0);
}

TEST_CASE("a level-sensitive SPI is pending while its input is high") {
  GicRig r;
  r.bring_up();
  r.setup_spi(48, 0x80);
  r.gic->set_spi(48, true);
  CHECK(r.gicd_read(kGicdIspendr + 4) == (1u << 16));
  CHECK(r.irq());
  CHECK(r.icc(0, GicReg::kIccIar1El1) == 48);
  // Active, and still pending because the input is high: not signalled again.
  CHECK(r.gicd_read(kGicdIsactiver + 4) == (1u << 16));
  CHECK(r.gicd_read(kGicdIspendr + 4) == (1u << 16));
  CHECK_FALSE(r.irq());
  // ICPENDR cannot clear a pending state the input holds.
  r.gicd_write(kGicdIcpendr + 4, 1u << 16);
  CHECK(r.gicd_read(kGicdIspendr + 4) == (1u << 16));
  r.icc(0, GicReg::kIccEoir1El1, 48);
  CHECK(r.irq());  // Deactivated, input still high.
  r.gic->set_spi(48, false);
  CHECK(r.gicd_read(kGicdIspendr + 4) == 0);
  CHECK_FALSE(r.irq());
  // ISPENDR latches a level-sensitive interrupt until acknowledged or cleared.
  r.gicd_write(kGicdIspendr + 4, 1u << 16);
  CHECK(r.irq());
  r.gicd_write(kGicdIcpendr + 4, 1u << 16);
  CHECK_FALSE(r.irq());
}

TEST_CASE("an edge-triggered SPI latches pending on the rising edge") {
  GicRig r;
  r.bring_up();
  r.setup_spi(50, 0x80);
  r.gicd_write(kGicdIcfgr + 4 * (50 / 16), 2u << (2 * (50 % 16)));
  CHECK(r.gicd_read(kGicdIcfgr + 4 * (50 / 16)) == 2u << (2 * (50 % 16)));
  r.gic->set_spi(50, true);
  r.gic->set_spi(50, false);
  CHECK(r.gicd_read(kGicdIspendr + 4) == (1u << 18));  // Stays pending after the pulse.
  CHECK(r.irq());
  r.gic->set_spi(50, true);  // A second edge before acknowledge merges with the first.
  CHECK(r.icc(0, GicReg::kIccIar1El1) == 50);
  CHECK(r.gicd_read(kGicdIspendr + 4) == 0);  // Not pending although the input is high.
  r.gic->set_spi(50, false);
  r.gic->set_spi(50, true);  // A second edge while active: active and pending.
  CHECK(r.gicd_read(kGicdIspendr + 4) == (1u << 18));
  CHECK_FALSE(r.irq());
  r.gicd_write(kGicdIcpendr + 4, 1u << 18);  // ICPENDR clears a latched edge.
  CHECK(r.gicd_read(kGicdIspendr + 4) == 0);
  r.icc(0, GicReg::kIccEoir1El1, 50);
  CHECK(r.gicd_read(kGicdIsactiver + 4) == 0);
  CHECK_FALSE(r.irq());
}

TEST_CASE("Group 0 signals FIQ, Group 1 IRQ; each needs its distributor enable") {
  GicRig r;
  r.bring_up();
  r.setup_spi(33, 0x80, 0, /*group1=*/false);
  r.gic->set_spi(33, true);
  CHECK(r.fiq());
  CHECK_FALSE(r.irq());
  CHECK(r.icc(0, GicReg::kIccIar1El1) == kSpurious);  // Not a Group 1 interrupt.
  r.gicd_write(kGicdCtlr, kCtlrEnableGrp1);           // Group 0 off.
  CHECK_FALSE(r.fiq());
  r.setup_spi(34, 0x80);
  r.gic->set_spi(34, true);
  CHECK(r.irq());
  r.gicd_write(kGicdIcenabler + 4, 1u << 2);  // Disable SPI 34.
  CHECK_FALSE(r.irq());
}

TEST_CASE("SPI routing: by affinity, nowhere for an absent core, 1-of-N to a core awake") {
  GicRig r(2);
  r.bring_up();
  r.setup_spi(60, 0x80, 1);
  r.gic->set_spi(60, true);
  CHECK_FALSE(r.irq(0));
  CHECK(r.irq(1));
  r.gicd_write(kGicdIrouter + 8 * 60, 5, 8);  // Aff0 = 5: no such core.
  CHECK_FALSE(r.irq(0));
  CHECK_FALSE(r.irq(1));
  CHECK(r.gicd_read(kGicdIspendr + 4) == (1u << 28));
  r.gicd_write(kGicdIrouter + 8 * 60, kIrouterIrm, 8);  // 1 of N.
  CHECK(r.irq(0));
  CHECK_FALSE(r.irq(1));
  r.rd_write(0, kGicrWaker, kWakerProcessorSleep);  // Core 0 asleep: core 1 gets it.
  CHECK_FALSE(r.irq(0));
  CHECK(r.irq(1));
  CHECK(r.icc(1, GicReg::kIccIar1El1) == 60);
}

TEST_CASE("PPIs are per core inputs") {
  GicRig r(2);
  r.bring_up();
  r.setup_private(1, 27, 0x80);
  r.gic->set_ppi(1, 27, true);
  CHECK(r.irq(1));
  CHECK_FALSE(r.irq(0));
  CHECK(r.sgi_read(1, 0x200) == (1u << 27));  // GICR_ISPENDR0.
  r.gic->set_ppi(1, 27, false);
  CHECK_FALSE(r.irq(1));
  r.gic->set_ppi(1, 40, true);  // Not a PPI: ignored.
  r.gic->set_ppi(7, 27, true);  // No such core: ignored.
  CHECK(r.gicd_read(kGicdIspendr + 4) == 0);
}

}  // namespace
}  // namespace el2::gic
