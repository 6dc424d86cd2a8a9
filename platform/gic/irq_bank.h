// The state of 32 consecutive interrupts (one GIC register's worth), kept as
// bitmaps so that "pending, enabled and not active" is a few word operations.
// The distributor holds one bank per 32 SPIs; each redistributor holds one for
// its SGIs (0-15) and PPIs (16-31).
#pragma once

#include <array>
#include <cstdint>

namespace el2::gic {

struct IrqBank {
  uint32_t group = 0;    // GICx_IGROUPR: 1 = Group 1 (IRQ), 0 = Group 0 (FIQ).
  uint32_t enabled = 0;  // GICx_ISENABLER.
  uint32_t latch = 0;    // Pending state latched by an edge or a write to GICx_ISPENDR.
  uint32_t level = 0;    // The input wire as last driven.
  uint32_t active = 0;   // GICx_ISACTIVER.
  uint32_t edge = 0;     // GICx_ICFGR Int_config[1]: 1 = edge-triggered.
  std::array<uint8_t, 32> priority{};

  // A level-sensitive interrupt is pending while its input is high, or while a
  // write to ISPENDR holds it; an edge-triggered one only while latched, from
  // its rising edge until acknowledged or cleared (IHI 0069, the interrupt
  // life cycle for edge-triggered and level-sensitive interrupts).
  uint32_t pending() const { return latch | (level & ~edge); }

  // Drives the input wire of bit `bit`; a rising edge latches pending for an
  // edge-triggered interrupt.
  void drive(unsigned bit, bool high) {
    const uint32_t m = 1u << bit;
    if (high && !(level & m) && (edge & m)) latch |= m;
    level = high ? (level | m) : (level & ~m);
  }
};

}  // namespace el2::gic
