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

namespace el2 {

enum class AsyncKind : uint8_t { kIrq, kFiq, kSError };

// Where a physical asynchronous exception is taken, and whether it is taken
// now (Arm ARM D1.3.6 "Asynchronous exception routing" and the masking table
// "Asynchronous exception masking", R_MYBPL): routed to EL3 by
// SCR_EL3.{IRQ,FIQ,EA}; else to EL2 by HCR_EL2.{IMO,FMO,AMO} or HCR_EL2.TGE
// when EL2 is enabled; else to EL1. An exception whose target is below the
// current EL stays pending. At the target EL it is masked by PSTATE.{I,F,A};
// from a lower EL it is taken regardless of PSTATE, except that an EL1 target
// is masked at EL0 too.
struct AsyncDecision {
  unsigned target_el = 0;
  bool taken = false;
};

AsyncDecision route_physical_async(AsyncKind kind, const CpuState& s, const CpuModel& m);

// A virtual interrupt (HCR_EL2.VI/VF/VSE with IMO/FMO/AMO set and TGE clear)
// is taken to EL1 from EL0 or EL1, masked by PSTATE there.
bool virtual_async_taken(AsyncKind kind, const CpuState& s, const CpuModel& m);

}  // namespace el2
