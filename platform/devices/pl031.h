// Arm PrimeCell Real Time Clock (PL031), at 0x09010000 on the virt board.
// Arm DDI 0224 ("PrimeCell Real Time Clock (PL031) Technical Reference Manual").
//
// Determinism: the clock never reads the host's time. It counts whole seconds
// from a fixed epoch given at construction plus the guest time since boot that
// the board supplies, so every run of the same guest sees the same dates. The
// guest can move it with RTCLR, as on hardware.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "platform/memory_map.h"

namespace el2 {

class Pl031 : public MmioDevice {
 public:
  using IrqLine = std::function<void(bool level)>;  // RTCINTR.
  using Clock = std::function<uint64_t()>;          // Guest seconds since boot.

  static constexpr uint64_t kWindowSize = 0x1000;

  // Register offsets (DDI 0224, register summary).
  static constexpr uint64_t kDR = 0x00;    // Data: the counter (read-only).
  static constexpr uint64_t kMR = 0x04;    // Match.
  static constexpr uint64_t kLR = 0x08;    // Load: writes set the counter.
  static constexpr uint64_t kCR = 0x0C;    // Control: bit 0 starts the RTC.
  static constexpr uint64_t kIMSC = 0x10;  // Interrupt mask set/clear.
  static constexpr uint64_t kRIS = 0x14;   // Raw interrupt status.
  static constexpr uint64_t kMIS = 0x18;   // Masked interrupt status.
  static constexpr uint64_t kICR = 0x1C;   // Interrupt clear.

  // PeriphID = 0x00141031: part 0x031, designer 0x41 (Arm), revision 1.
  // Linux matches 0x00041031 under mask 0x000FFFFF.
  static constexpr uint32_t kPeriphId = 0x0014'1031;

  // `epoch`: the counter's value at boot (seconds since 1970 by convention).
  Pl031(uint32_t epoch, Clock seconds_since_boot, IrqLine irq = {});

  std::string name() const override { return "pl031"; }
  bool read(uint64_t offset, unsigned size, uint64_t& value) override;
  bool write(uint64_t offset, unsigned size, uint64_t value) override;

  // Notices the counter passing the match value without a guest access; the
  // board calls it periodically (e.g. with the UART poll).
  void poll();
  uint32_t counter() const;
  bool irq_level() const { return irq_level_; }

 private:
  // Raises RIS if the counter reached MR since the last check (the interrupt
  // is set when the counter equals the match register). Checks happen
  // at guest accesses and polls, so a passed match is caught late, never lost.
  void check_match();
  void update_irq();

  Clock clock_;
  IrqLine irq_;
  uint32_t offset_;  // counter = seconds_since_boot + offset_ (mod 2^32).
  uint32_t last_;    // Counter value at the last check.
  uint32_t mr_ = 0, lr_ = 0, imsc_ = 0, ris_ = 0;
  bool irq_level_ = false;
};

}  // namespace el2
