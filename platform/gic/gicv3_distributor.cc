// The distributor (GICD) register file: global enables, SPI configuration and
// routing. With affinity routing on, the SGI/PPI copies (bank 0 of the
// set/clear registers, IPRIORITYR0-7, ICFGR0-1) live in the redistributors and
// read as zero here, as do ITARGETSR (IHI 0069, GICD_ITARGETSR<n>: RES0 when
// ARE = 1), IGRPMODR and NSACR (RES0, RAZ/WI chosen, when GICD_CTLR.DS = 1).
#include "platform/gic/gicv3.h"
#include "platform/gic/gicv3_mmio_access.h"
#include "platform/gic/gicv3_regs.h"

namespace el2 {

using gic::IrqBank;
using gic::MmioAccess;

namespace {

bool in_range(uint64_t off, uint64_t base, uint64_t bytes) {
  return off >= base && off < base + bytes;
}

// GICD_TYPER (IHI 0069, GICD_TYPER): ITLinesNumber [4:0] = INTIDs / 32 - 1,
// CPUNumber [7:5] = 0 (ARE cannot be 0), SecurityExtn [10] = 0, MBIS [16] = 0,
// LPIS [17] = 0, IDbits [23:19] = 15 (16-bit INTIDs), A3V [24] = 1, No1N [25]
// = 0 (1-of-N supported), RSS [26] = 0.
uint32_t typer(unsigned num_spis) {
  const uint32_t lines = (gic::kFirstSpi + num_spis + 31) / 32 - 1;
  return lines | (15u << 19) | (1u << 24);
}

// Byte accesses reach IPRIORITYR/ITARGETSR, 64-bit ones IROUTER.
MmioAccess classify_gicd(uint64_t offset, unsigned size) {
  if (offset >= GicV3::kDistributorSize) return {};
  return gic::classify_access(offset, size, in_range(offset, gic::kGicdIpriorityr, 0x800),
                              in_range(offset, gic::kGicdIrouter, 0x2000));
}

}  // namespace

bool GicV3::dist_read(uint64_t offset, unsigned size, uint64_t& value) {
  const MmioAccess a = classify_gicd(offset, size);
  if (!a.ok) return false;
  value = 0;
  for (unsigned w = 0; w < a.words; ++w)
    value |= uint64_t{dist_read32(a.word_offset + 4 * w)} << (32 * w);
  value = a.extract(value);
  return true;
}

bool GicV3::dist_write(uint64_t offset, unsigned size, uint64_t value) {
  const MmioAccess a = classify_gicd(offset, size);
  if (!a.ok) return false;
  if (a.size == 1) value = a.merge_byte(dist_read32(a.word_offset), value);
  for (unsigned w = 0; w < a.words; ++w)
    dist_write32(a.word_offset + 4 * w, static_cast<uint32_t>(value >> (32 * w)));
  update();
  return true;
}

uint32_t GicV3::dist_read32(uint64_t off) {
  if (off == gic::kGicdCtlr)
    return (grp0_enabled_ ? gic::kCtlrEnableGrp0 : 0) | (grp1_enabled_ ? gic::kCtlrEnableGrp1 : 0) |
           gic::kCtlrAre | gic::kCtlrDs;
  if (off == gic::kGicdTyper) return typer(num_spis_);
  if (off == gic::kGicdIidr) return gic::kIidr;
  if (off >= gic::kIdRegsBase) return gic::kIdRegs[(off - gic::kIdRegsBase) / 4];

  const unsigned n = static_cast<unsigned>((off & 0x7F) / 4);  // Word index in an array.
  const IrqBank* b = spi_bank(n);
  const uint32_t impl = spi_implemented(n);
  if (in_range(off, gic::kGicdIgroupr, 0x80)) return b ? b->group & impl : 0;
  if (in_range(off, gic::kGicdIsenabler, 0x100)) return b ? b->enabled & impl : 0;
  if (in_range(off, gic::kGicdIspendr, 0x100)) return b ? b->pending() & impl : 0;
  if (in_range(off, gic::kGicdIsactiver, 0x100)) return b ? b->active & impl : 0;
  if (in_range(off, gic::kGicdIpriorityr, 0x400)) {
    const unsigned first = static_cast<unsigned>(off - gic::kGicdIpriorityr);  // 4 INTIDs a word.
    uint32_t v = 0;
    for (unsigned k = 0; k < 4; ++k) {
      const unsigned intid = first + k;
      if (const IrqBank* pb = spi_bank(intid / 32);
          pb && (spi_implemented(intid / 32) >> (intid % 32) & 1))
        v |= uint32_t{pb->priority[intid % 32]} << (8 * k);
    }
    return v;
  }
  if (in_range(off, gic::kGicdIcfgr, 0x100)) {
    const unsigned first = static_cast<unsigned>(off - gic::kGicdIcfgr) * 4;  // 16 INTIDs a word.
    const IrqBank* cb = spi_bank(first / 32);
    if (!cb) return 0;
    const uint32_t edges = (cb->edge & spi_implemented(first / 32)) >> (first % 32);
    uint32_t v = 0;
    for (unsigned k = 0; k < 16; ++k) v |= ((edges >> k) & 1) << (2 * k + 1);
    return v;
  }
  if (in_range(off, gic::kGicdIrouter, 0x2000)) {
    const unsigned intid = static_cast<unsigned>(off - gic::kGicdIrouter) / 8;
    if (intid < gic::kFirstSpi || intid >= gic::kFirstSpi + num_spis_) return 0;
    const uint64_t r = irouter_[intid - gic::kFirstSpi];
    return static_cast<uint32_t>(off & 4 ? r >> 32 : r);
  }
  return 0;  // Reserved, or RAZ/WI in this configuration.
}

void GicV3::dist_write32(uint64_t off, uint32_t v) {
  if (off == gic::kGicdCtlr) {
    grp0_enabled_ = v & gic::kCtlrEnableGrp0;
    grp1_enabled_ = v & gic::kCtlrEnableGrp1;
    return;
  }
  const unsigned n = static_cast<unsigned>((off & 0x7F) / 4);
  IrqBank* b = spi_bank(n);
  const uint32_t impl = spi_implemented(n);
  if (b && in_range(off, gic::kGicdIgroupr, 0x80)) {
    b->group = (b->group & ~impl) | (v & impl);
  } else if (b && in_range(off, gic::kGicdIsenabler, 0x80)) {
    b->enabled |= v & impl;
  } else if (b && in_range(off, gic::kGicdIcenabler, 0x80)) {
    b->enabled &= ~v;
  } else if (b && in_range(off, gic::kGicdIspendr, 0x80)) {
    b->latch |= v & impl;
  } else if (b && in_range(off, gic::kGicdIcpendr, 0x80)) {
    b->latch &= ~v;  // A level-sensitive input that is still high keeps it pending.
  } else if (b && in_range(off, gic::kGicdIsactiver, 0x80)) {
    b->active |= v & impl;
  } else if (b && in_range(off, gic::kGicdIcactiver, 0x80)) {
    b->active &= ~v;
  } else if (in_range(off, gic::kGicdIpriorityr, 0x400)) {
    const unsigned first = static_cast<unsigned>(off - gic::kGicdIpriorityr);
    for (unsigned k = 0; k < 4; ++k) {
      const unsigned intid = first + k;
      if (IrqBank* pb = spi_bank(intid / 32);
          pb && (spi_implemented(intid / 32) >> (intid % 32) & 1))
        pb->priority[intid % 32] = static_cast<uint8_t>(v >> (8 * k)) & gic::kPriorityMask;
    }
  } else if (in_range(off, gic::kGicdIcfgr, 0x100)) {
    // Int_config[1] of each 2-bit field selects edge; Int_config[0] is RES0.
    const unsigned first = static_cast<unsigned>(off - gic::kGicdIcfgr) * 4;
    IrqBank* cb = spi_bank(first / 32);
    if (!cb) return;
    uint32_t edges = 0;
    for (unsigned k = 0; k < 16; ++k) edges |= ((v >> (2 * k + 1)) & 1) << k;
    const uint32_t mask = (0xFFFFu << (first % 32)) & spi_implemented(first / 32);
    cb->edge = (cb->edge & ~mask) | ((edges << (first % 32)) & mask);
  } else if (in_range(off, gic::kGicdIrouter, 0x2000)) {
    const unsigned intid = static_cast<unsigned>(off - gic::kGicdIrouter) / 8;
    if (intid < gic::kFirstSpi || intid >= gic::kFirstSpi + num_spis_) return;
    uint64_t& r = irouter_[intid - gic::kFirstSpi];
    const uint64_t half = off & 4 ? uint64_t{v} << 32 : v;
    const uint64_t half_mask = off & 4 ? ~uint64_t{0} << 32 : 0xFFFF'FFFFull;
    r = ((r & ~half_mask) | (half & half_mask)) & gic::kIrouterMask;
  }
}

}  // namespace el2
