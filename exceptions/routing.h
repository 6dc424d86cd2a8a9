// Which EL an exception goes to (Arm ARM D1.3.4 "Exception routing" and
// R_FQXBX for synchronous exceptions; asynchronous routing arrives with F3).
#pragma once

#include "cpu/cpu_model.h"
#include "cpu/state.h"

namespace el2 {

constexpr uint64_t kHcrTge = 1ull << 27;
constexpr uint64_t kScrNs = 1ull << 0;

// EL2 is enabled in the current Security state: implemented, and either there is
// no EL3 or SCR_EL3.NS is 1 (Secure EL2 is not modelled). Arm ARM EL2Enabled().
inline bool el2_enabled(const CpuState& s, const CpuModel& m) {
  return m.has_el2 && (!m.has_el3 || (s.sys.scr_el3 & kScrNs));
}

// The default target of a synchronous exception taken from the current EL:
// EL0 goes to EL1 (or EL2 when HCR_EL2.TGE is 1); higher ELs stay where they are.
inline unsigned default_sync_target(const CpuState& s, const CpuModel& m) {
  const unsigned el = s.pstate.el;
  if (el == 0) return (el2_enabled(s, m) && (s.sys.hcr_el2 & kHcrTge)) ? 2 : 1;
  return el;
}

}  // namespace el2
