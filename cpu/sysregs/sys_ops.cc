#include "cpu/sysregs/sys_ops.h"

#include <cstring>

#include "cpu/cpu.h"
#include "cpu/sysregs/rules.h"

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

// TLB maintenance: until the TLB of issue F4 exists there is nothing cached
// but derived state, which control_state_changed() recomputes.
void tlbi(Cpu& cpu, uint64_t) { cpu.control_state_changed(); }

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
    {"TLBI VMALLE1IS", {1, 0, 8, 3, 0}, 1, tlbi, tlb_el1},
    {"TLBI VAE1IS", {1, 0, 8, 3, 1}, 1, tlbi, tlb_el1},
    {"TLBI ASIDE1IS", {1, 0, 8, 3, 2}, 1, tlbi, tlb_el1},
    {"TLBI VAAE1IS", {1, 0, 8, 3, 3}, 1, tlbi, tlb_el1},
    {"TLBI VALE1IS", {1, 0, 8, 3, 5}, 1, tlbi, tlb_el1},
    {"TLBI VAALE1IS", {1, 0, 8, 3, 7}, 1, tlbi, tlb_el1},
    {"TLBI VMALLE1", {1, 0, 8, 7, 0}, 1, tlbi, tlb_el1},
    {"TLBI VAE1", {1, 0, 8, 7, 1}, 1, tlbi, tlb_el1},
    {"TLBI ASIDE1", {1, 0, 8, 7, 2}, 1, tlbi, tlb_el1},
    {"TLBI VAAE1", {1, 0, 8, 7, 3}, 1, tlbi, tlb_el1},
    {"TLBI VALE1", {1, 0, 8, 7, 5}, 1, tlbi, tlb_el1},
    {"TLBI VAALE1", {1, 0, 8, 7, 7}, 1, tlbi, tlb_el1},
    // EL2 regime (and stage-2 forms, which have nothing to drop without stage 2).
    {"TLBI IPAS2E1IS", {1, 4, 8, 0, 1}, 2, tlbi, nullptr, 2},
    {"TLBI IPAS2LE1IS", {1, 4, 8, 0, 5}, 2, tlbi, nullptr, 2},
    {"TLBI IPAS2E1", {1, 4, 8, 4, 1}, 2, tlbi, nullptr, 2},
    {"TLBI IPAS2LE1", {1, 4, 8, 4, 5}, 2, tlbi, nullptr, 2},
    {"TLBI ALLE2IS", {1, 4, 8, 3, 0}, 2, tlbi, nullptr, 2},
    {"TLBI VAE2IS", {1, 4, 8, 3, 1}, 2, tlbi, nullptr, 2},
    {"TLBI ALLE1IS", {1, 4, 8, 3, 4}, 2, tlbi, nullptr, 2},
    {"TLBI VALE2IS", {1, 4, 8, 3, 5}, 2, tlbi, nullptr, 2},
    {"TLBI VMALLS12E1IS", {1, 4, 8, 3, 6}, 2, tlbi, nullptr, 2},
    {"TLBI ALLE2", {1, 4, 8, 7, 0}, 2, tlbi, nullptr, 2},
    {"TLBI VAE2", {1, 4, 8, 7, 1}, 2, tlbi, nullptr, 2},
    {"TLBI ALLE1", {1, 4, 8, 7, 4}, 2, tlbi, nullptr, 2},
    {"TLBI VALE2", {1, 4, 8, 7, 5}, 2, tlbi, nullptr, 2},
    {"TLBI VMALLS12E1", {1, 4, 8, 7, 6}, 2, tlbi, nullptr, 2},
    // EL3 regime.
    {"TLBI ALLE3IS", {1, 6, 8, 3, 0}, 3, tlbi, nullptr, 3},
    {"TLBI VAE3IS", {1, 6, 8, 3, 1}, 3, tlbi, nullptr, 3},
    {"TLBI VALE3IS", {1, 6, 8, 3, 5}, 3, tlbi, nullptr, 3},
    {"TLBI ALLE3", {1, 6, 8, 7, 0}, 3, tlbi, nullptr, 3},
    {"TLBI VAE3", {1, 6, 8, 7, 1}, 3, tlbi, nullptr, 3},
    {"TLBI VALE3", {1, 6, 8, 7, 5}, 3, tlbi, nullptr, 3},
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
