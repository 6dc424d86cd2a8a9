// The hypervisor control interface (ICH_*_EL2). A hypervisor can program and
// read back every register, and the status registers are computed from the
// list registers as the architecture defines them; but no virtual interrupt
// is delivered from the list registers and no maintenance interrupt is raised
// (the virtual CPU interface, ICV_*, is not modelled).
#include <algorithm>

#include "platform/gic/gicv3.h"
#include "platform/gic/gicv3_regs.h"

namespace el2 {

namespace {

// ICH_HCR_EL2: En [0], UIE [1], LRENPIE [2], NPIE [3], VGrp0EIE [4], VGrp0DIE
// [5], VGrp1EIE [6], VGrp1DIE [7], TC [10], TALL0 [11], TALL1 [12], EOIcount
// [31:27]. TSEI and TDIR are RES0 (ICH_VTR_EL2.SEIS = 0, TDS = 0).
constexpr uint64_t kHcrWritable = 0xFF | (0x7ull << 10) | (0x1Full << 27);
constexpr uint64_t kHcrUie = 1ull << 1, kHcrLrenpie = 1ull << 2, kHcrNpie = 1ull << 3;
constexpr uint64_t kHcrVgrp0eie = 1ull << 4, kHcrVgrp0die = 1ull << 5;
constexpr uint64_t kHcrVgrp1eie = 1ull << 6, kHcrVgrp1die = 1ull << 7;

// ICH_VTR_EL2: ListRegs [4:0] = list registers - 1, TDS [19] = 0, nV4 [20] =
// 1 (no direct virtual injection, this is not a GICv4), A3V [21] = 1, SEIS
// [22] = 0, IDbits [25:23] = 0 (16 bits), PREbits [28:26] and PRIbits [31:29]
// = 5 - 1.
constexpr uint64_t kVtr = (kIchListRegs - 1) | (1ull << 20) | (1ull << 21) |
                          (uint64_t{gic::kPriBits - 1} << 26) | (uint64_t{gic::kPriBits - 1} << 29);

// ICH_VMCR_EL2: VENG0 [0], VENG1 [1], VAckCtl [2] RES0, VFIQEn [3] RES1 in
// AArch64, VCBPR [4], VEOIM [9], VBPR1 [20:18], VBPR0 [23:21], VPMR [31:24]
// with the unimplemented low priority bits RAZ.
constexpr uint64_t kVmcrVfiqen = 1ull << 3;
constexpr uint64_t kVmcrWritable =
    0x3 | (1ull << 4) | (1ull << 9) | (0x3Full << 18) | (uint64_t{gic::kPriorityMask} << 24);

uint64_t vmcr_value(uint64_t v) {
  // Binary points below the minimum for 5 preemption bits read as the minimum.
  const uint64_t vbpr1 = std::max<uint64_t>((v >> 18) & 7, gic::kMinBpr1);
  const uint64_t vbpr0 = std::max<uint64_t>((v >> 21) & 7, gic::kMinBpr0);
  v = (v & kVmcrWritable & ~(0x3Full << 18)) | vbpr1 << 18 | vbpr0 << 21;
  return v | kVmcrVfiqen;
}

// ICH_LR<n>_EL2: vINTID [31:0] (16 bits implemented), pINTID [41:32] when HW =
// 1, else EOI [41] with [40:32] RES0; Priority [55:48] (5 bits); Group [60];
// HW [61]; State [63:62].
constexpr uint64_t kLrHw = 1ull << 61;
constexpr uint64_t kLrEoi = 1ull << 41;
constexpr uint64_t kLrPendingBit = 1ull << 62;
constexpr uint64_t kLrWritable = 0xFFFF | (0x3FFull << 32) | (uint64_t{gic::kPriorityMask} << 48) |
                                 (1ull << 60) | kLrHw | (3ull << 62);

uint64_t lr_value(uint64_t v) {
  v &= kLrWritable;
  if (!(v & kLrHw)) v &= ~(0x1FFull << 32);
  return v;
}
unsigned lr_state(uint64_t lr) { return static_cast<unsigned>(lr >> 62); }

}  // namespace

// ICH_EISR_EL2: an LR with State 0, HW 0 and EOI 1 has an EOI maintenance
// interrupt outstanding. ICH_ELRSR_EL2: an LR with State 0 and either HW 1 or
// EOI 0 is free. ICH_MISR_EL2: the maintenance conditions enabled in ICH_HCR
// (IHI 0069, the ICH_EISR_EL2, ICH_ELRSR_EL2 and ICH_MISR_EL2 descriptions).
uint64_t GicV3::read_ich(const Core& c, GicReg reg) const {
  const Ich& h = c.ich;
  uint64_t eisr = 0, elrsr = 0;
  unsigned valid = 0;
  bool any_pending = false;
  for (unsigned n = 0; n < kIchListRegs; ++n) {
    const uint64_t lr = h.lr[n];
    if (lr_state(lr) == 0) {
      if (!(lr & kLrHw) && (lr & kLrEoi)) eisr |= 1ull << n;
      if ((lr & kLrHw) || !(lr & kLrEoi)) elrsr |= 1ull << n;
    } else {
      ++valid;
    }
    any_pending |= (lr & kLrPendingBit) != 0;  // Pending, or active and pending.
  }
  switch (reg) {
    case GicReg::kIchHcrEl2:
      return h.hcr;
    case GicReg::kIchVtrEl2:
      return kVtr;
    case GicReg::kIchVmcrEl2:
      return vmcr_value(h.vmcr);  // RES1 and minima from reset on.
    case GicReg::kIchEisrEl2:
      return eisr;
    case GicReg::kIchElrsrEl2:
      return elrsr;
    case GicReg::kIchAp0r0El2:
      return h.ap0r;
    case GicReg::kIchAp1r0El2:
      return h.ap1r;
    case GicReg::kIchMisrEl2: {
      const bool veng0 = h.vmcr & 1, veng1 = (h.vmcr >> 1) & 1;
      uint64_t misr = eisr ? 1 : 0;                                   // EOI
      if ((h.hcr & kHcrUie) && valid <= 1) misr |= 1ull << 1;         // U
      if ((h.hcr & kHcrLrenpie) && (h.hcr >> 27)) misr |= 1ull << 2;  // LRENP
      if ((h.hcr & kHcrNpie) && !any_pending) misr |= 1ull << 3;      // NP
      if ((h.hcr & kHcrVgrp0eie) && veng0) misr |= 1ull << 4;         // VGrp0E
      if ((h.hcr & kHcrVgrp0die) && !veng0) misr |= 1ull << 5;        // VGrp0D
      if ((h.hcr & kHcrVgrp1eie) && veng1) misr |= 1ull << 6;         // VGrp1E
      if ((h.hcr & kHcrVgrp1die) && !veng1) misr |= 1ull << 7;        // VGrp1D
      return misr;
    }
    default:
      break;
  }
  const unsigned n = static_cast<unsigned>(reg) - static_cast<unsigned>(GicReg::kIchLr0El2);
  return n < kIchListRegs ? h.lr[n] : 0;
}

void GicV3::write_ich(Core& c, GicReg reg, uint64_t v) {
  Ich& h = c.ich;
  switch (reg) {
    case GicReg::kIchHcrEl2:
      h.hcr = v & kHcrWritable;
      return;
    case GicReg::kIchVmcrEl2:
      h.vmcr = vmcr_value(v);
      return;
    case GicReg::kIchAp0r0El2:
      h.ap0r = v & 0xFFFF'FFFF;
      return;
    case GicReg::kIchAp1r0El2:
      h.ap1r = v & 0xFFFF'FFFF;
      return;
    case GicReg::kIchVtrEl2:
    case GicReg::kIchMisrEl2:
    case GicReg::kIchEisrEl2:
    case GicReg::kIchElrsrEl2:
      return;  // Read-only.
    default:
      break;
  }
  const unsigned n = static_cast<unsigned>(reg) - static_cast<unsigned>(GicReg::kIchLr0El2);
  if (n < kIchListRegs) h.lr[n] = lr_value(v);
}

}  // namespace el2
