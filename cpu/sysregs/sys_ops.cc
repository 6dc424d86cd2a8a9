#include "cpu/sysregs/sys_ops.h"

#include <cstring>

#include "cpu/cpu.h"
#include "cpu/sysregs/rules.h"
#include "mmu/regime.h"
#include "mmu/tlb.h"

namespace el2 {

namespace {

constexpr uint64_t kSctlrDze = 1ull << 14;
constexpr uint64_t kSctlrUci = 1ull << 26;
constexpr uint64_t kHcrTdz = 1ull << 28;

// Cache maintenance is functionally a no-op: el2emu's memory is coherent.
void no_effect(Cpu&, uint64_t) {}

// DC ZVA zeroes the naturally aligned block DCZID_EL0.BS describes.
void dc_zva(Cpu& cpu, uint64_t xt) {
  const unsigned bytes = 4u << (cpu.model().dczid & 0xF);
  uint8_t zeros[2048] = {};
  cpu.store_bytes(xt & ~uint64_t{bytes - 1}, zeros, bytes);
}

// TLB maintenance (Arm ARM D8.13.5, C5.5 "A64 TLB maintenance instructions").
// The TLB is invalidated precisely; the fast array is flushed by any TLBI.
// The Xt operand of the VA forms holds VA[55:12] in [43:0] and, for EL1&0,
// the ASID in [63:48]. Inner Shareable forms (is<F>) apply the scope this core
// computes to every core of the machine.
using mmu::Regime;
using mmu::TlbiScope;

uint64_t tlbi_va(uint64_t xt) {
  const uint64_t va = (xt & ((1ull << 44) - 1)) << 12;
  return (va >> 55) & 1 ? va | (0xFFull << 56) : va;
}
TlbiScope el10(const Cpu& c) {
  const mmu::RegimeControls rc = mmu::regime_controls(c.state(), c.model(), 1);
  return {.regime = Regime::kEl10, .vmid = rc.vmid, .asid_mask = uint16_t(rc.asid16 ? 0xFFFF : 0xFF)};
}
void vmalle1(Cpu& c, uint64_t) { c.tlb_invalidate(el10(c)); }
void vae1(Cpu& c, uint64_t xt) {
  TlbiScope s = el10(c);
  s.by_va = true;
  s.va = tlbi_va(xt);
  s.by_asid = true;
  s.asid = static_cast<uint16_t>(xt >> 48);
  c.tlb_invalidate(s);
}
void vale1(Cpu& c, uint64_t xt) {  // Leaf-only: every TLB entry is a leaf.
  vae1(c, xt);
}
void aside1(Cpu& c, uint64_t xt) {
  TlbiScope s = el10(c);
  s.by_asid = true;
  s.keep_global = true;
  s.asid = static_cast<uint16_t>(xt >> 48);
  c.tlb_invalidate(s);
}
void vaae1(Cpu& c, uint64_t xt) {
  TlbiScope s = el10(c);
  s.by_va = true;
  s.va = tlbi_va(xt);
  c.tlb_invalidate(s);
}
void alle1(Cpu& c, uint64_t) {
  c.tlb_invalidate({.regime = Regime::kEl10, .all_vmids = true});
}
template <void (*F)(Cpu&, uint64_t)>
void is(Cpu& c, uint64_t xt) {
  c.set_tlbi_broadcast(true);
  F(c, xt);
  c.set_tlbi_broadcast(false);
}
// Stage-2 forms: there is no stage-2 or combined entry to drop.
void ipas2(Cpu&, uint64_t) {}
void alle2(Cpu& c, uint64_t) {
  c.tlb_invalidate({.regime = Regime::kEl2});
  c.tlb_invalidate({.regime = Regime::kEl20});
}
void vae2(Cpu& c, uint64_t xt) {
  c.tlb_invalidate({.regime = Regime::kEl2, .by_va = true, .va = tlbi_va(xt)});
  c.tlb_invalidate({.regime = Regime::kEl20, .by_va = true, .va = tlbi_va(xt)});
}
void alle3(Cpu& c, uint64_t) { c.tlb_invalidate({.regime = Regime::kEl3}); }
void vae3(Cpu& c, uint64_t xt) {
  c.tlb_invalidate({.regime = Regime::kEl3, .by_va = true, .va = tlbi_va(xt)});
}

// Address translation (C5.4 "A64 address translation instructions"), results
// in PAR_EL1. S1E1R/W ignore PSTATE.PAN; S1E1RP/WP honour it (architecturally
// FEAT_PAN2; el2emu offers them on models with FEAT_PAN).
void at_s1e1r(Cpu& c, uint64_t va) { c.address_translate(va, 1, false, false); }
void at_s1e1w(Cpu& c, uint64_t va) { c.address_translate(va, 1, true, false); }
void at_s1e0r(Cpu& c, uint64_t va) { c.address_translate(va, 0, false, false); }
void at_s1e0w(Cpu& c, uint64_t va) { c.address_translate(va, 0, true, false); }
void at_s1e1rp(Cpu& c, uint64_t va) { c.address_translate(va, 1, false, c.state().pstate.pan); }
void at_s1e1wp(Cpu& c, uint64_t va) { c.address_translate(va, 1, true, c.state().pstate.pan); }
void at_s1e2r(Cpu& c, uint64_t va) { c.address_translate(va, 2, false, false); }
void at_s1e2w(Cpu& c, uint64_t va) { c.address_translate(va, 2, true, false); }
void at_s1e3r(Cpu& c, uint64_t va) { c.address_translate(va, 3, false, false); }
void at_s1e3w(Cpu& c, uint64_t va) { c.address_translate(va, 3, true, false); }
// S12E1*/S12E0*: with HCR_EL2.VM clear stage 2 is off and they are exactly
// the stage-1 operations (C5.4.4). With VM set a stage-2 walk would be needed,
// which el2emu does not implement: the run stops.
template <unsigned El, bool Write>
void at_s12(Cpu& c, uint64_t va) {
  if (c.state().sys.hcr_el2 & 1) {
    c.request_stop(StopReason::kFatal, 0, "AT S12E*: stage-2 translation is not supported");
    return;
  }
  c.address_translate(va, El, Write, false);
}
SysAccess needs_pan(const Cpu& c) {
  return c.model().pan ? SysAccess::kOk : SysAccess::kUndefined;
}

SysAccess el0_needs(const Cpu& c, uint64_t sctlr_bit) {
  if (c.state().pstate.el == 0 && !(c.state().sys.sctlr[1] & sctlr_bit)) return SysAccess::kTrapEl1;
  return SysAccess::kOk;
}
SysAccess trap_if(const Cpu& c, uint64_t hcr_bit) {
  return rules::hcr_traps(c, hcr_bit) ? SysAccess::kTrapEl2 : SysAccess::kOk;
}

SysAccess set_way(const Cpu& c) { return trap_if(c, rules::kHcrTsw); }
SysAccess poc(const Cpu& c) {
  const SysAccess r = el0_needs(c, kSctlrUci);
  return r != SysAccess::kOk ? r : trap_if(c, rules::kHcrTpc);
}
SysAccess pou(const Cpu& c) {
  const SysAccess r = el0_needs(c, kSctlrUci);
  return r != SysAccess::kOk ? r : trap_if(c, rules::kHcrTpu);
}
SysAccess zva(const Cpu& c) {
  const SysAccess r = el0_needs(c, kSctlrDze);
  return r != SysAccess::kOk ? r : trap_if(c, kHcrTdz);
}
SysAccess tlb_el1(const Cpu& c) { return trap_if(c, rules::kHcrTtlb); }

const SysOpDef kOps[] = {
    // Data cache.
    {"DC IVAC", {1, 0, 7, 6, 1}, 1, no_effect, poc},
    {"DC ISW", {1, 0, 7, 6, 2}, 1, no_effect, set_way},
    {"DC CSW", {1, 0, 7, 10, 2}, 1, no_effect, set_way},
    {"DC CISW", {1, 0, 7, 14, 2}, 1, no_effect, set_way},
    {"DC ZVA", {1, 3, 7, 4, 1}, 0, dc_zva, zva},
    {"DC CVAC", {1, 3, 7, 10, 1}, 0, no_effect, poc},
    {"DC CVAU", {1, 3, 7, 11, 1}, 0, no_effect, pou},
    {"DC CIVAC", {1, 3, 7, 14, 1}, 0, no_effect, poc},
    // Instruction cache. Decoded instructions are cached by encoding, not by
    // address, so invalidation has nothing to drop.
    {"IC IALLUIS", {1, 0, 7, 1, 0}, 1, no_effect, pou},
    {"IC IALLU", {1, 0, 7, 5, 0}, 1, no_effect, pou},
    {"IC IVAU", {1, 3, 7, 5, 1}, 0, no_effect, pou},
    // TLB maintenance, EL1&0 regime.
    {"TLBI VMALLE1IS", {1, 0, 8, 3, 0}, 1, is<vmalle1>, tlb_el1},
    {"TLBI VAE1IS", {1, 0, 8, 3, 1}, 1, is<vae1>, tlb_el1},
    {"TLBI ASIDE1IS", {1, 0, 8, 3, 2}, 1, is<aside1>, tlb_el1},
    {"TLBI VAAE1IS", {1, 0, 8, 3, 3}, 1, is<vaae1>, tlb_el1},
    {"TLBI VALE1IS", {1, 0, 8, 3, 5}, 1, is<vale1>, tlb_el1},
    {"TLBI VAALE1IS", {1, 0, 8, 3, 7}, 1, is<vaae1>, tlb_el1},
    {"TLBI VMALLE1", {1, 0, 8, 7, 0}, 1, vmalle1, tlb_el1},
    {"TLBI VAE1", {1, 0, 8, 7, 1}, 1, vae1, tlb_el1},
    {"TLBI ASIDE1", {1, 0, 8, 7, 2}, 1, aside1, tlb_el1},
    {"TLBI VAAE1", {1, 0, 8, 7, 3}, 1, vaae1, tlb_el1},
    {"TLBI VALE1", {1, 0, 8, 7, 5}, 1, vale1, tlb_el1},
    {"TLBI VAALE1", {1, 0, 8, 7, 7}, 1, vaae1, tlb_el1},
    // EL2 regime (and stage-2 forms, which have nothing to drop without stage 2).
    {"TLBI IPAS2E1IS", {1, 4, 8, 0, 1}, 2, ipas2, nullptr, 2},
    {"TLBI IPAS2LE1IS", {1, 4, 8, 0, 5}, 2, ipas2, nullptr, 2},
    {"TLBI IPAS2E1", {1, 4, 8, 4, 1}, 2, ipas2, nullptr, 2},
    {"TLBI IPAS2LE1", {1, 4, 8, 4, 5}, 2, ipas2, nullptr, 2},
    {"TLBI ALLE2IS", {1, 4, 8, 3, 0}, 2, is<alle2>, nullptr, 2},
    {"TLBI VAE2IS", {1, 4, 8, 3, 1}, 2, is<vae2>, nullptr, 2},
    {"TLBI ALLE1IS", {1, 4, 8, 3, 4}, 2, is<alle1>, nullptr, 2},
    {"TLBI VALE2IS", {1, 4, 8, 3, 5}, 2, is<vae2>, nullptr, 2},
    {"TLBI VMALLS12E1IS", {1, 4, 8, 3, 6}, 2, is<vmalle1>, nullptr, 2},
    {"TLBI ALLE2", {1, 4, 8, 7, 0}, 2, alle2, nullptr, 2},
    {"TLBI VAE2", {1, 4, 8, 7, 1}, 2, vae2, nullptr, 2},
    {"TLBI ALLE1", {1, 4, 8, 7, 4}, 2, alle1, nullptr, 2},
    {"TLBI VALE2", {1, 4, 8, 7, 5}, 2, vae2, nullptr, 2},
    {"TLBI VMALLS12E1", {1, 4, 8, 7, 6}, 2, vmalle1, nullptr, 2},
    // EL3 regime.
    {"TLBI ALLE3IS", {1, 6, 8, 3, 0}, 3, is<alle3>, nullptr, 3},
    {"TLBI VAE3IS", {1, 6, 8, 3, 1}, 3, is<vae3>, nullptr, 3},
    {"TLBI VALE3IS", {1, 6, 8, 3, 5}, 3, is<vae3>, nullptr, 3},
    {"TLBI ALLE3", {1, 6, 8, 7, 0}, 3, alle3, nullptr, 3},
    {"TLBI VAE3", {1, 6, 8, 7, 1}, 3, vae3, nullptr, 3},
    {"TLBI VALE3", {1, 6, 8, 7, 5}, 3, vae3, nullptr, 3},
    // Address translation.
    {"AT S1E1R", {1, 0, 7, 8, 0}, 1, at_s1e1r},
    {"AT S1E1W", {1, 0, 7, 8, 1}, 1, at_s1e1w},
    {"AT S1E0R", {1, 0, 7, 8, 2}, 1, at_s1e0r},
    {"AT S1E0W", {1, 0, 7, 8, 3}, 1, at_s1e0w},
    {"AT S1E1RP", {1, 0, 7, 9, 0}, 1, at_s1e1rp, needs_pan},
    {"AT S1E1WP", {1, 0, 7, 9, 1}, 1, at_s1e1wp, needs_pan},
    {"AT S1E2R", {1, 4, 7, 8, 0}, 2, at_s1e2r, nullptr, 2},
    {"AT S1E2W", {1, 4, 7, 8, 1}, 2, at_s1e2w, nullptr, 2},
    {"AT S12E1R", {1, 4, 7, 8, 4}, 2, at_s12<1, false>, nullptr, 2},
    {"AT S12E1W", {1, 4, 7, 8, 5}, 2, at_s12<1, true>, nullptr, 2},
    {"AT S12E0R", {1, 4, 7, 8, 6}, 2, at_s12<0, false>, nullptr, 2},
    {"AT S12E0W", {1, 4, 7, 8, 7}, 2, at_s12<0, true>, nullptr, 2},
    {"AT S1E3R", {1, 6, 7, 8, 0}, 3, at_s1e3r, nullptr, 3},
    {"AT S1E3W", {1, 6, 7, 8, 1}, 3, at_s1e3w, nullptr, 3},
};

}  // namespace

std::span<const SysOpDef> sys_ops() { return kOps; }

const SysOpDef* find_sys_op(SysRegId id) {
  for (const SysOpDef& op : kOps)
    if (op.id == id) return &op;
  return nullptr;
}

SysAccess check_sys_op(const Cpu& cpu, const SysOpDef& op) {
  if (op.needs_el == 2 && !cpu.model().has_el2) return SysAccess::kUndefined;
  if (op.needs_el == 3 && !cpu.model().has_el3) return SysAccess::kUndefined;
  if (cpu.state().pstate.el < op.min_el) return SysAccess::kUndefined;
  return op.access ? op.access(cpu) : SysAccess::kOk;
}

}  // namespace el2
