#include "cpu/insn/fp_access.h"

#include "cpu/cpu.h"
#include "exceptions/routing.h"

namespace el2 {

namespace {
constexpr uint64_t kCptrTfp = 1ull << 10;
constexpr uint64_t kHcrE2h = 1ull << 34;
}  // namespace

bool fp_access_enabled(Cpu& cpu) {
  const CpuState& s = cpu.state();
  const CpuModel& m = cpu.model();
  const unsigned el = s.pstate.el;
  const bool tge = el2_enabled(s, m) && (s.sys.hcr_el2 & kHcrTge);
  // CPACR_EL1.FPEN: 0b11 enables both EL0 and EL1, 0b01 only EL1; otherwise
  // trapped. It does not apply to EL0 when HCR_EL2.TGE routes EL0 to EL2 (E2H=0).
  if (el <= 1 && !(el == 0 && tge && !(s.sys.hcr_el2 & kHcrE2h))) {
    const unsigned fpen = (s.sys.cpacr_el1 >> 20) & 3;
    const bool trapped = el == 0 ? fpen != 3 : (fpen & 1) == 0;
    if (trapped) {
      cpu.raise_sync(syn::fp_access(), tge ? 2 : 1);
      return false;
    }
  }
  if (el <= 2 && el2_enabled(s, m) && (s.sys.cptr_el2 & kCptrTfp)) {
    cpu.raise_sync(syn::fp_access(), 2);
    return false;
  }
  if (m.has_el3 && (s.sys.cptr_el3 & kCptrTfp)) {
    cpu.raise_sync(syn::fp_access(), 3);
    return false;
  }
  return true;
}

}  // namespace el2
