// The redistributors (GICR): per core an RD_base frame (identification,
// GICR_TYPER, GICR_WAKER) followed by an SGI_base frame holding the SGI and PPI
// configuration. Without LPIs, GICR_CTLR and the LPI registers are RAZ/WI; with
// GICD_CTLR.DS = 1, GICR_IGRPMODR0 and GICR_NSACR are RAZ/WI (IHI 0069: RES0
// in that configuration).
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

// The SGI_base frame's registers, which mirror the distributor's bank 0.
constexpr uint64_t kIsenabler0 = 0x0100, kIcenabler0 = 0x0180, kIspendr0 = 0x0200,
                   kIcpendr0 = 0x0280, kIsactiver0 = 0x0300, kIcactiver0 = 0x0380,
                   kIpriorityr0 = 0x0400;

// Byte accesses reach GICR_IPRIORITYR<n> (SGI_base), 64-bit ones GICR_TYPER
// and the (absent) 64-bit LPI registers of RD_base.
MmioAccess classify_gicr(uint64_t offset, unsigned size) {
  const uint64_t in_frame = offset % gic::kFrameSize;
  const bool sgi_frame = (offset / gic::kFrameSize) % 2;
  const bool dword = in_frame == gic::kGicrTyper || in_range(in_frame, 0x40, 0xC0);
  return gic::classify_access(offset, size, sgi_frame && in_range(in_frame, kIpriorityr0, 0x20),
                              !sgi_frame && dword);
}

}  // namespace

bool GicV3::redist_read(uint64_t offset, unsigned size, uint64_t& value) {
  const MmioAccess a = classify_gicr(offset, size);
  if (!a.ok) return false;
  value = 0;
  const unsigned index = static_cast<unsigned>(offset / gic::kRedistStride);
  if (index >= cores_.size()) return true;  // Past the last redistributor: reserved.
  Core& c = cores_[index];
  for (unsigned w = 0; w < a.words; ++w) {
    const uint64_t off = (a.word_offset + 4 * w) % gic::kRedistStride;
    const uint32_t word =
        off >= gic::kFrameSize ? sgi_read32(c, off - gic::kFrameSize) : rd_read32(c, index, off);
    value |= uint64_t{word} << (32 * w);
  }
  value = a.extract(value);
  return true;
}

bool GicV3::redist_write(uint64_t offset, unsigned size, uint64_t value) {
  const MmioAccess a = classify_gicr(offset, size);
  if (!a.ok) return false;
  const unsigned index = static_cast<unsigned>(offset / gic::kRedistStride);
  if (index >= cores_.size()) return true;
  Core& c = cores_[index];
  const uint64_t off = a.word_offset % gic::kRedistStride;
  const bool sgi_frame = off >= gic::kFrameSize;
  if (a.size == 1) value = a.merge_byte(sgi_read32(c, off - gic::kFrameSize), value);
  for (unsigned w = 0; w < a.words; ++w) {
    const auto word = static_cast<uint32_t>(value >> (32 * w));
    if (sgi_frame)
      sgi_write32(c, off - gic::kFrameSize + 4 * w, word);
    else
      rd_write32(c, off + 4 * w, word);
  }
  update();
  return true;
}

// GICR_TYPER (IHI 0069, GICR_TYPER): Affinity_Value [63:32], Processor_Number
// [23:8], Last [4] on the highest-numbered redistributor (software walks the
// frames until it sees it); PLPIS, VLPIS, DirectLPI, DPGS all 0.
uint32_t GicV3::rd_read32(Core& c, unsigned index, uint64_t off) {
  switch (off) {
    case gic::kGicrIidr:
      return gic::kIidr;
    case gic::kGicrTyper:
      return (index << 8) |
             (index + 1 == cores_.size() ? static_cast<uint32_t>(gic::kTyperLast) : 0);
    case gic::kGicrTyper + 4:
      return c.affinity;
    // ChildrenAsleep follows ProcessorSleep at once: the CPU interface has no
    // traffic to quiesce, so the handshake software polls for completes
    // immediately.
    case gic::kGicrWaker:
      return c.processor_sleep ? gic::kWakerProcessorSleep | gic::kWakerChildrenAsleep : 0;
    default:
      break;
  }
  if (off >= gic::kIdRegsBase) return gic::kIdRegs[(off - gic::kIdRegsBase) / 4];
  return 0;  // GICR_CTLR, GICR_STATUSR, LPI registers, reserved.
}

void GicV3::rd_write32(Core& c, uint64_t off, uint32_t v) {
  if (off == gic::kGicrWaker) c.processor_sleep = v & gic::kWakerProcessorSleep;
}

uint32_t GicV3::sgi_read32(Core& c, uint64_t off) {
  const IrqBank& b = c.priv;
  switch (off) {
    case gic::kGicrIgroupr0:
      return b.group;
    case kIsenabler0:
    case kIcenabler0:
      return b.enabled;
    case kIspendr0:
    case kIcpendr0:
      return b.pending();
    case kIsactiver0:
    case kIcactiver0:
      return b.active;
    // SGIs are always edge-triggered: Int_config[1] RAO (IHI 0069, GICR_ICFGR0).
    case gic::kGicrIcfgr0:
      return 0xAAAA'AAAA;
    case gic::kGicrIcfgr1: {
      uint32_t v = 0;
      for (unsigned k = 0; k < 16; ++k) v |= ((b.edge >> (16 + k)) & 1) << (2 * k + 1);
      return v;
    }
    default:
      break;
  }
  if (in_range(off, kIpriorityr0, 0x20)) {
    const unsigned first = static_cast<unsigned>(off - kIpriorityr0);
    uint32_t v = 0;
    for (unsigned k = 0; k < 4; ++k) v |= uint32_t{b.priority[first + k]} << (8 * k);
    return v;
  }
  return 0;
}

void GicV3::sgi_write32(Core& c, uint64_t off, uint32_t v) {
  IrqBank& b = c.priv;
  switch (off) {
    case gic::kGicrIgroupr0:
      b.group = v;
      return;
    case kIsenabler0:
      b.enabled |= v;
      return;
    case kIcenabler0:
      b.enabled &= ~v;
      return;
    case kIspendr0:
      b.latch |= v;
      return;
    case kIcpendr0:
      b.latch &= ~v;
      return;
    case kIsactiver0:
      b.active |= v;
      return;
    case kIcactiver0:
      b.active &= ~v;
      return;
    case gic::kGicrIcfgr1: {  // PPIs: el2emu lets software choose edge or level.
      uint32_t edges = 0;
      for (unsigned k = 0; k < 16; ++k) edges |= ((v >> (2 * k + 1)) & 1) << k;
      b.edge = (b.edge & 0xFFFF) | (edges << 16);
      return;
    }
    default:
      break;
  }
  if (in_range(off, kIpriorityr0, 0x20)) {
    const unsigned first = static_cast<unsigned>(off - kIpriorityr0);
    for (unsigned k = 0; k < 4; ++k)
      b.priority[first + k] = static_cast<uint8_t>(v >> (8 * k)) & gic::kPriorityMask;
  }
}

}  // namespace el2
