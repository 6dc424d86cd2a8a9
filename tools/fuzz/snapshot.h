// A machine's state at one point, to put a machine back there quickly: each
// core's CpuState, power state and event register, and every RAM region's
// contents. Restoring needs no reload from disk, so a fuzz run starts from a
// freshly booted machine for the cost of a few memcpys.
//
// What a snapshot does not hold: the cores' instruction counters (so CNTPCT
// keeps counting across restores), the decode cache (keyed by encoding, so
// always valid) and devices (the fuzz machine has none).
#pragma once

#include <cstdint>
#include <vector>

#include "platform/machine.h"

namespace el2::fuzz {

class Snapshot {
 public:
  explicit Snapshot(Machine& m);

  // `m` must have the RAM regions and cores the snapshot was taken from (the
  // same machine, or one built the same way). Recomputes every core's
  // derived state (Cpu::control_state_changed) and empties its TLB when the
  // core has walked page tables since; the local exclusive monitors are
  // cleared, as by an exception return.
  void restore(Machine& m);

 private:
  struct Core {
    CpuState state;
    Cpu::Activity activity;
    bool event;
  };
  std::vector<Core> cores_;
  std::vector<std::vector<uint8_t>> ram_;
  std::vector<uint64_t> walks_;  // Table walks per core when last restored.
};

}  // namespace el2::fuzz
