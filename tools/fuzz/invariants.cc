#include "tools/fuzz/invariants.h"

#include <fmt/format.h>

#include <cctype>
#include <vector>

#include "cpu/sysregs/registry.h"
#include "psci/ids.h"
#include "tools/fuzz/el1_registers.h"

namespace el2::fuzz {

namespace {

constexpr uint64_t kEcHvc64 = 0x16;
constexpr uint64_t kEsrIl = 1ull << 25;

uint64_t bits(uint64_t v, unsigned hi, unsigned lo) {
  return (v >> lo) & ((2ull << (hi - lo)) - 1);
}

std::string mismatch(const char* what, uint64_t expected, uint64_t actual) {
  return fmt::format("{} is {:#x}, expected {:#x}", what, actual, expected);
}

uint64_t nzcv(const Pstate& p) { return (p.n << 3) | (p.z << 2) | (p.c << 1) | p.v; }
uint64_t daif(const Pstate& p) { return (p.d << 3) | (p.a << 2) | (p.i << 1) | p.f; }

// The table rows of the EL1 registers a call must leave alone (those with storage).
const std::vector<const SysRegDef*>& el1_register_defs() {
  static const std::vector<const SysRegDef*> defs = [] {
    std::vector<const SysRegDef*> v;
    for (std::string_view reg : el1_registers()) {
      std::string name(reg);
      for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (const SysRegDef* def = SysRegTable::instance().find(name); def && def->field)
        v.push_back(def);
    }
    return v;
  }();
  return defs;
}

}  // namespace

std::string check_exception_entry(const CpuState& s, const Exception& e,
                                  const ExceptionEntry& entry) {
  const Pstate& p = s.pstate;
  const unsigned to = entry.to_el;
  if (to < entry.from_el || to > 3)
    return fmt::format("taken from EL{} to EL{}", entry.from_el, to);
  if (p.el != to) return mismatch("PSTATE.EL after entry", to, p.el);
  if (!p.sp || daif(p) != 0xf || p.il || p.ss)
    return fmt::format("PSTATE after entry to EL{}: SPSel {} DAIF {:#x} IL {} SS {}", to, p.sp,
                       daif(p), p.il, p.ss);
  const uint64_t spsr = s.spsr_el[to];
  if (bits(spsr, 4, 2) != entry.from_el)
    return mismatch("SPSR.M[4:2] after entry", entry.from_el, bits(spsr, 4, 2));
  const uint64_t offset = (to > entry.from_el ? 0x400
                           : (spsr & 1)       ? 0x200
                                              : 0) +
                          0x80 * static_cast<uint64_t>(e.kind);
  const uint64_t vector = (s.sys.vbar[to] & ~uint64_t{0x7ff}) + offset;
  if (entry.vector != vector || s.pc != vector) return mismatch("the vector", vector, s.pc);
  if (s.elr_el[to] != e.preferred_return)
    return mismatch("ELR after entry", e.preferred_return, s.elr_el[to]);
  if ((e.kind == ExceptionKind::kSync || e.kind == ExceptionKind::kSError) &&
      s.sys.esr[to] != e.esr)
    return mismatch("ESR after entry", e.esr, s.sys.esr[to]);
  return {};
}

std::string check_exception_return(const CpuState& s, const ExceptionReturn& r) {
  const Pstate& p = s.pstate;
  const uint64_t spsr = s.spsr_el[r.from_el];
  const uint64_t elr = s.elr_el[r.from_el];
  if (s.pc != elr) return mismatch("PC after ERET", elr, s.pc);
  if (r.illegal) {
    if (!p.il || p.el != r.from_el)
      return fmt::format("illegal ERET left IL {} and EL{} (expected IL 1 at EL{})", p.il, p.el,
                         r.from_el);
    return {};
  }
  if (r.to_el > r.from_el) return fmt::format("ERET rose from EL{} to EL{}", r.from_el, r.to_el);
  if (p.el != bits(spsr, 3, 2) || p.el != r.to_el)
    return mismatch("PSTATE.EL after ERET", bits(spsr, 3, 2), p.el);
  if (p.sp != (spsr & 1)) return mismatch("PSTATE.SP after ERET", spsr & 1, p.sp);
  if (nzcv(p) != bits(spsr, 31, 28))
    return mismatch("PSTATE.NZCV after ERET", bits(spsr, 31, 28), nzcv(p));
  if (daif(p) != bits(spsr, 9, 6))
    return mismatch("PSTATE.DAIF after ERET", bits(spsr, 9, 6), daif(p));
  if (p.il != bits(spsr, 20, 20)) return mismatch("PSTATE.IL after ERET", bits(spsr, 20, 20), p.il);
  return {};
}

std::string check_hvc_entry(const CpuState& s, uint64_t pc, const Pstate& caller, uint16_t imm) {
  const uint64_t esr = (kEcHvc64 << 26) | kEsrIl | imm;
  if (s.sys.esr[2] != esr) return mismatch("ESR_EL2 for the HVC", esr, s.sys.esr[2]);
  if (s.elr_el[2] != pc + 4) return mismatch("ELR_EL2 for the HVC", pc + 4, s.elr_el[2]);
  if (s.spsr_el[2] != pack_spsr(caller))
    return mismatch("SPSR_EL2 for the HVC", pack_spsr(caller), s.spsr_el[2]);
  return {};
}

std::string check_smc_return(const Cpu& after, const CpuState& before, uint64_t pc, uint16_t imm) {
  const CpuState& s = after.state();
  if (s.pc != pc + 4 || s.pstate.el != 1)
    return fmt::format("SMC came back at EL{} {:#x}", s.pstate.el, s.pc);
  Pstate want = before.pstate;
  if (pack_spsr(s.pstate) != pack_spsr(want))
    return mismatch("PSTATE after the SMC", pack_spsr(want), pack_spsr(s.pstate));
  for (unsigned i = 4; i < 31; ++i)
    if (s.x[i] != before.x[i])
      return mismatch(fmt::format("x{} after the SMC", i).c_str(), before.x[i], s.x[i]);
  if (s.sp_el[0] != before.sp_el[0])
    return mismatch("SP_EL0 after the SMC", before.sp_el[0], s.sp_el[0]);
  if (s.sp_el[1] != before.sp_el[1])
    return mismatch("SP_EL1 after the SMC", before.sp_el[1], s.sp_el[1]);
  for (unsigned i = 0; i < 32; ++i)
    if (s.v[i].lo != before.v[i].lo || s.v[i].hi != before.v[i].hi)
      return fmt::format("V{} changed by the SMC", i);
  if (s.fpcr != before.fpcr || s.fpsr != before.fpsr) return "FPCR/FPSR changed by the SMC";
  if (s.elr_el[1] != before.elr_el[1] || s.spsr_el[1] != before.spsr_el[1])
    return "ELR_EL1/SPSR_EL1 changed by the SMC";
  for (const SysRegDef* def : el1_register_defs()) {
    const uint64_t was = *def->field(const_cast<CpuState&>(before));
    const uint64_t now = *def->field(const_cast<CpuState&>(s));
    if (now != was) return mismatch(fmt::format("{} after the SMC", def->name).c_str(), was, now);
  }
  if (imm != 0) {
    if (s.x[0] != ~uint64_t{0})
      return mismatch("x0 for an SMC with a non-zero immediate", ~uint64_t{0}, s.x[0]);
    for (unsigned i = 1; i < 4; ++i)
      if (s.x[i] != before.x[i])
        return fmt::format("x{} changed by an SMC with a non-zero immediate", i);
    return {};
  }
  if (static_cast<uint32_t>(before.x[0]) == psci::kVendorHypCallUid) return {};  // x0..x3: the UID.
  for (unsigned i = 1; i < 4; ++i) {
    const uint64_t was = before.x[i], now = s.x[i];
    if (now != was && now != 0 && now != (was & 0xffffffff))
      return fmt::format(
          "x{} after the SMC is {:#x}: neither the {:#x} passed, 0, nor its low 32 bits", i, now,
          was);
  }
  return {};
}

}  // namespace el2::fuzz
