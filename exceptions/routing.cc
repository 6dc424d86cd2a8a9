#include "exceptions/routing.h"

namespace el2 {

namespace {

constexpr uint64_t kScrIrq = 1ull << 1;
constexpr uint64_t kScrFiq = 1ull << 2;
constexpr uint64_t kScrEa = 1ull << 3;
constexpr uint64_t kHcrFmo = 1ull << 3;
constexpr uint64_t kHcrImo = 1ull << 4;
constexpr uint64_t kHcrAmo = 1ull << 5;
constexpr uint64_t kHcrVf = 1ull << 6;
constexpr uint64_t kHcrVi = 1ull << 7;
constexpr uint64_t kHcrVse = 1ull << 8;

uint64_t scr_bit(AsyncKind k) {
  return k == AsyncKind::kIrq ? kScrIrq : k == AsyncKind::kFiq ? kScrFiq : kScrEa;
}
uint64_t hcr_route_bit(AsyncKind k) {
  return k == AsyncKind::kIrq ? kHcrImo : k == AsyncKind::kFiq ? kHcrFmo : kHcrAmo;
}
uint64_t hcr_virtual_bit(AsyncKind k) {
  return k == AsyncKind::kIrq ? kHcrVi : k == AsyncKind::kFiq ? kHcrVf : kHcrVse;
}
bool pstate_mask(AsyncKind k, const Pstate& p) {
  return k == AsyncKind::kIrq ? p.i : k == AsyncKind::kFiq ? p.f : p.a;
}

}  // namespace

AsyncDecision route_physical_async(AsyncKind kind, const CpuState& s, const CpuModel& m) {
  const unsigned el = s.pstate.el;
  unsigned target = 1;
  if (m.has_el3 && (s.sys.scr_el3 & scr_bit(kind)))
    target = 3;
  else if (el2_enabled(s, m) && (s.sys.hcr_el2 & (hcr_route_bit(kind) | kHcrTge)))
    target = 2;
  AsyncDecision d{target, false};
  if (target < el) return d;
  const bool masked = (target == el || target == 1) && pstate_mask(kind, s.pstate);
  d.taken = !masked;
  return d;
}

bool virtual_async_taken(AsyncKind kind, const CpuState& s, const CpuModel& m) {
  const uint64_t hcr = s.sys.hcr_el2;
  if (s.pstate.el > 1 || !el2_enabled(s, m)) return false;
  if (!(hcr & hcr_route_bit(kind)) || (hcr & kHcrTge) || !(hcr & hcr_virtual_bit(kind)))
    return false;
  return !pstate_mask(kind, s.pstate);
}

}  // namespace el2
