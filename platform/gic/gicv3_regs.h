// Register offsets and fixed field values of the GICv3 model (Arm IHI 0069,
// the register descriptions of the Programmers' model chapter). Shared by the
// distributor, redistributor and CPU-interface files and by the tests.
#pragma once

#include <cstdint>

namespace el2::gic {

// Special INTIDs (IHI 0069, "Special INTIDs"): 1023 = no pending interrupt of
// sufficient priority; 1020-1023 are never real interrupts.
constexpr unsigned kSpurious = 1023;
constexpr unsigned kFirstSpecial = 1020;
constexpr unsigned kFirstPpi = 16;
constexpr unsigned kFirstSpi = 32;

// Priority: 5 implemented bits (32 levels, ICC_CTLR_EL1.PRIbits = 4), all of
// them preemption bits (PREbits = 5), so the low three bits are RAZ/WI
// (IHI 0069, "Interrupt prioritization").
constexpr unsigned kPriBits = 5;
constexpr uint8_t kPriorityMask = static_cast<uint8_t>(0xFF << (8 - kPriBits));
constexpr uint8_t kIdlePriority = 0xFF;
// Minimum binary points for 5 preemption bits (IHI 0069, "Priority grouping"):
// BPR0 = 7 - PREbits, BPR1 one more; a write below the minimum sets the
// minimum.
constexpr uint8_t kMinBpr0 = 7 - kPriBits;
constexpr uint8_t kMinBpr1 = kMinBpr0 + 1;

// ---- Distributor (GICD), 64 KiB -------------------------------------------
constexpr uint64_t kGicdCtlr = 0x0000;
constexpr uint64_t kGicdTyper = 0x0004;
constexpr uint64_t kGicdIidr = 0x0008;
constexpr uint64_t kGicdIgroupr = 0x0080;
constexpr uint64_t kGicdIsenabler = 0x0100;
constexpr uint64_t kGicdIcenabler = 0x0180;
constexpr uint64_t kGicdIspendr = 0x0200;
constexpr uint64_t kGicdIcpendr = 0x0280;
constexpr uint64_t kGicdIsactiver = 0x0300;
constexpr uint64_t kGicdIcactiver = 0x0380;
constexpr uint64_t kGicdIpriorityr = 0x0400;
constexpr uint64_t kGicdItargetsr = 0x0800;
constexpr uint64_t kGicdIcfgr = 0x0C00;
constexpr uint64_t kGicdIgrpmodr = 0x0D00;
constexpr uint64_t kGicdIrouter = 0x6000;  // + 8 * INTID, INTIDs 32..1019.

// GICD_CTLR as seen with GICD_CTLR.DS == 1 (single Security state).
constexpr uint32_t kCtlrEnableGrp0 = 1u << 0;
constexpr uint32_t kCtlrEnableGrp1 = 1u << 1;
constexpr uint32_t kCtlrAre = 1u << 4;
constexpr uint32_t kCtlrDs = 1u << 6;

// GICD_IROUTER<n>: Aff0-2 [23:0], IRM [31], Aff3 [39:32].
constexpr uint64_t kIrouterIrm = 1ull << 31;
constexpr uint64_t kIrouterMask = 0xFF'80FF'FFFFull;

// GICD_IIDR/GICR_IIDR: Implementer = Arm's JEP106 code 0x43B, product and
// revision 0.
constexpr uint32_t kIidr = 0x0000'043B;

// ---- Redistributor (GICR): RD_base then SGI_base, 64 KiB each, per core ----
constexpr uint64_t kFrameSize = 0x10000;
constexpr uint64_t kRedistStride = 2 * kFrameSize;
// RD_base frame.
constexpr uint64_t kGicrCtlr = 0x0000;
constexpr uint64_t kGicrIidr = 0x0004;
constexpr uint64_t kGicrTyper = 0x0008;
constexpr uint64_t kGicrWaker = 0x0014;
constexpr uint32_t kWakerProcessorSleep = 1u << 1;
constexpr uint32_t kWakerChildrenAsleep = 1u << 2;
constexpr uint64_t kTyperLast = 1ull << 4;
// SGI_base frame: the same layout as the distributor's first bank.
constexpr uint64_t kGicrIgroupr0 = 0x0080;
constexpr uint64_t kGicrIcfgr0 = 0x0C00;
constexpr uint64_t kGicrIcfgr1 = 0x0C04;

// ---- Identification registers, in GICD and in each RD_base frame ----------
// PIDR4..7, PIDR0..3, CIDR0..3 at 0xFFD0..0xFFFC (IHI 0069, "Identification
// registers"). Only PIDR2.ArchRev [7:4] = 3 (GICv3) is architected; software
// (Linux) checks it in GICD and in every RD_base frame. The rest follow the
// usual CoreSight layout: JEDEC [3] = 1 and DES_1 [2:0] = 3, DES_0 in PIDR1
// [7:4] = 0xB (Arm's JEP106 identity code 0x3B), PIDR4.DES_2 = 4 (its
// continuation count), part number 0; CIDR0..3 the component preamble.
constexpr uint64_t kIdRegsBase = 0xFFD0;
constexpr uint64_t kGicPidr2 = 0xFFE8;
constexpr uint8_t kIdRegs[12] = {0x04, 0x00, 0x00, 0x00,   // PIDR4..7
                                 0x00, 0xB0, 0x3B, 0x00,   // PIDR0..3
                                 0x0D, 0xF0, 0x05, 0xB1};  // CIDR0..3

}  // namespace el2::gic
