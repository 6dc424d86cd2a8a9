// Debug and PMU registers that boot code and KVM touch (Arm ARM D2, D13, D17.3,
// D17.5). Self-hosted debug is not modelled beyond holding the values; the PMU
// has the cycle counter and no event counters (PMCR_EL0.N = 0).
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "cpu/cpu.h"
#include "cpu/sysregs/field.h"
#include "cpu/sysregs/rules.h"

namespace el2 {

namespace {

constexpr uint64_t kMdcrTpmcr = 1ull << 5;
constexpr uint64_t kMdcrTpm = 1ull << 6;
constexpr uint64_t kMdcrTda = 1ull << 9;
constexpr uint64_t kMdcrTdosa = 1ull << 10;
constexpr uint64_t kPmcrE = 1ull << 0;
constexpr uint64_t kPmcrC = 1ull << 2;
constexpr uint64_t kPmcntenC = 1ull << 31;
constexpr uint64_t kPmuserenEn = 1ull << 0;
// PMCR_EL0 reset: IMP/IDCODE as on Cortex-A57 (0x41, 0x03), N = 0 counters.
constexpr uint64_t kPmcrReset = 0x4103'0000;
constexpr uint64_t kPmcrWritable = 0x7F & ~(1ull << 1) & ~kPmcrC;  // E, D, X, DP, LC; P/C write-only.

bool el2_traps(const Cpu& c, uint64_t mdcr_bit) {
  const CpuState& s = c.state();
  return s.pstate.el <= 1 && el2_enabled(s, c.model()) && (s.sys.mdcr_el2 & mdcr_bit);
}
bool el3_traps(const Cpu& c, uint64_t mdcr_bit) {
  return c.state().pstate.el <= 2 && c.model().has_el3 && (c.state().sys.mdcr_el3 & mdcr_bit);
}

// Debug registers: MDCR_EL2.TDA / MDCR_EL3.TDA; OS lock registers: TDOSA.
SysAccess debug_access(const Cpu& c, bool) {
  if (el2_traps(c, kMdcrTda)) return SysAccess::kTrapEl2;
  if (el3_traps(c, kMdcrTda)) return SysAccess::kTrapEl3;
  return SysAccess::kOk;
}
SysAccess os_access(const Cpu& c, bool) {
  if (el2_traps(c, kMdcrTdosa)) return SysAccess::kTrapEl2;
  if (el3_traps(c, kMdcrTdosa)) return SysAccess::kTrapEl3;
  return SysAccess::kOk;
}

// PMU: EL0 needs PMUSERENR_EL0.EN; MDCR_EL2.TPM (and TPMCR for PMCR) and
// MDCR_EL3.TPM trap.
SysAccess pmu_access_common(const Cpu& c, bool is_pmcr) {
  const CpuState& s = c.state();
  if (s.pstate.el == 0 && !(s.sys.pmuserenr_el0 & kPmuserenEn)) return SysAccess::kTrapEl1;
  if (el2_traps(c, kMdcrTpm | (is_pmcr ? kMdcrTpmcr : 0))) return SysAccess::kTrapEl2;
  if (el3_traps(c, kMdcrTpm)) return SysAccess::kTrapEl3;
  return SysAccess::kOk;
}
SysAccess pmu_access(const Cpu& c, bool) { return pmu_access_common(c, false); }
SysAccess pmcr_access(const Cpu& c, bool) { return pmu_access_common(c, true); }
SysAccess pmu_el1_access(const Cpu& c, bool) {
  if (el2_traps(c, kMdcrTpm)) return SysAccess::kTrapEl2;
  if (el3_traps(c, kMdcrTpm)) return SysAccess::kTrapEl3;
  return SysAccess::kOk;
}

// The cycle counter runs while PMCR_EL0.E and PMCNTENSET_EL0.C are both set.
bool cycle_counter_running(const CpuState& s) {
  return (s.sys.pmcr_el0 & kPmcrE) && (s.sys.pmcntenset_el0 & kPmcntenC);
}
uint64_t read_pmccntr(const Cpu& c) {
  const CpuState& s = c.state();
  return s.sys.pmccntr_value + (cycle_counter_running(s) ? c.cycles() - s.sys.pmccntr_since : 0);
}
// Folds the running count into pmccntr_value before the enables change.
void fold_pmccntr(Cpu& c) {
  c.state().sys.pmccntr_value = read_pmccntr(c);
  c.state().sys.pmccntr_since = c.cycles();
}
void write_pmccntr(Cpu& c, uint64_t v) {
  c.state().sys.pmccntr_value = v;
  c.state().sys.pmccntr_since = c.cycles();
}
void write_pmcr(Cpu& c, uint64_t v) {
  fold_pmccntr(c);
  if (v & kPmcrC) c.state().sys.pmccntr_value = 0;  // C: reset the cycle counter.
  c.state().sys.pmcr_el0 = (kPmcrReset & ~kPmcrWritable) | (v & kPmcrWritable);
}
void write_pmcntenset(Cpu& c, uint64_t v) {
  fold_pmccntr(c);
  c.state().sys.pmcntenset_el0 |= v & kPmcntenC;
}
void write_pmcntenclr(Cpu& c, uint64_t v) {
  fold_pmccntr(c);
  c.state().sys.pmcntenset_el0 &= ~(v & kPmcntenC);
}

// Breakpoint and watchpoint registers: as many as ID_AA64DFR0_EL1 reports
// (BRPs [15:12] + 1, WRPs [23:20] + 1); higher-numbered ones are UNDEFINED.
std::array<uint64_t, 16>& bank(CpuState& s, unsigned kind) {
  switch (kind) {
    case 0: return s.sys.dbgbvr;
    case 1: return s.sys.dbgbcr;
    case 2: return s.sys.dbgwvr;
    default: return s.sys.dbgwcr;
  }
}

template <unsigned Kind, unsigned N>
uint64_t* bp_field(CpuState& s) {
  return &bank(s, Kind)[N];
}

template <unsigned Kind, unsigned N>
SysAccess bp_access(const Cpu& c, bool is_read) {
  const uint64_t dfr0 = c.model().id_aa64dfr0;
  const unsigned count = Kind < 2 ? ((dfr0 >> 12) & 0xF) + 1 : ((dfr0 >> 20) & 0xF) + 1;
  if (N >= count) return SysAccess::kUndefined;
  return debug_access(c, is_read);
}

const std::string& bp_name(unsigned kind, unsigned n) {
  static const auto names = [] {
    std::array<std::string, 64> out;
    const char* kinds[] = {"DBGBVR", "DBGBCR", "DBGWVR", "DBGWCR"};
    for (unsigned k = 0; k < 4; ++k)
      for (unsigned i = 0; i < 16; ++i) out[k * 16 + i] = kinds[k] + std::to_string(i) + "_EL1";
    return out;
  }();
  return names[kind * 16 + n];
}

template <unsigned Kind, size_t... N>
void add_bank(std::vector<SysRegDef>& rows, std::index_sequence<N...>) {
  (rows.push_back(SysRegDef{.name = bp_name(Kind, N).c_str(),
                            .id = {2, 0, 0, N, 4 + Kind},
                            .field = bp_field<Kind, N>,
                            .access = bp_access<Kind, N>}),
   ...);
}

template <size_t... N>
void add_watch_break_rows(std::vector<SysRegDef>& rows, std::index_sequence<N...> seq) {
  add_bank<0>(rows, seq);
  add_bank<1>(rows, seq);
  add_bank<2>(rows, seq);
  add_bank<3>(rows, seq);
}

std::vector<SysRegDef> make_rows() {
  std::vector<SysRegDef> rows = {
      {.name = "MDSCR_EL1", .id = {2, 0, 0, 2, 2}, .field = EL2_FIELD(sys.mdscr_el1),
       .access = debug_access},
      {.name = "MDCCINT_EL1", .id = {2, 0, 0, 2, 0}, .field = EL2_FIELD(sys.mdccint_el1),
       .access = debug_access},
      {.name = "MDCCSR_EL0", .id = {2, 3, 0, 1, 0}, .min_el = 0, .rw = kRead,
       .read = [](const Cpu&) -> uint64_t { return 0; }, .access = debug_access},
      {.name = "MDRAR_EL1", .id = {2, 0, 1, 0, 0}, .rw = kRead,
       .read = [](const Cpu&) -> uint64_t { return 0; }, .access = debug_access},
      {.name = "OSLAR_EL1", .id = {2, 0, 1, 0, 4}, .rw = kWrite,
       .write = [](Cpu& c, uint64_t v) { c.state().sys.oslsr_el1 = ((v & 1) << 1) | 0x8; },
       .access = os_access},
      {.name = "OSLSR_EL1", .id = {2, 0, 1, 1, 4}, .rw = kRead, .field = EL2_FIELD(sys.oslsr_el1),
       .access = os_access, .reset = 0xA},
      {.name = "OSDLR_EL1", .id = {2, 0, 1, 3, 4}, .field = EL2_FIELD(sys.osdlr_el1),
       .access = os_access, .writable = 1},
      {.name = "DBGPRCR_EL1", .id = {2, 0, 1, 4, 4}, .field = EL2_FIELD(sys.dbgprcr_el1),
       .access = os_access, .writable = 1},
      {.name = "DBGCLAIMSET_EL1", .id = {2, 0, 7, 8, 6},
       .read = [](const Cpu&) -> uint64_t { return 0xFF; },
       .write = [](Cpu& c, uint64_t v) { c.state().sys.dbgclaim |= v & 0xFF; },
       .access = debug_access},
      {.name = "DBGCLAIMCLR_EL1", .id = {2, 0, 7, 9, 6},
       .read = [](const Cpu& c) { return c.state().sys.dbgclaim; },
       .write = [](Cpu& c, uint64_t v) { c.state().sys.dbgclaim &= ~(v & 0xFF); },
       .access = debug_access},
      {.name = "DBGAUTHSTATUS_EL1", .id = {2, 0, 7, 14, 6}, .rw = kRead,
       .read = [](const Cpu&) -> uint64_t { return 0xFF; }, .access = debug_access},
      // PMU.
      {.name = "PMCR_EL0", .id = {3, 3, 9, 12, 0}, .min_el = 0, .field = EL2_FIELD(sys.pmcr_el0),
       .write = write_pmcr, .access = pmcr_access, .reset = kPmcrReset},
      {.name = "PMCNTENSET_EL0", .id = {3, 3, 9, 12, 1}, .min_el = 0,
       .read = [](const Cpu& c) { return c.state().sys.pmcntenset_el0; },
       .write = write_pmcntenset, .access = pmu_access},
      {.name = "PMCNTENCLR_EL0", .id = {3, 3, 9, 12, 2}, .min_el = 0,
       .read = [](const Cpu& c) { return c.state().sys.pmcntenset_el0; },
       .write = write_pmcntenclr, .access = pmu_access},
      {.name = "PMOVSCLR_EL0", .id = {3, 3, 9, 12, 3}, .min_el = 0,
       .read = [](const Cpu& c) { return c.state().sys.pmovsset_el0; },
       .write = [](Cpu& c, uint64_t v) { c.state().sys.pmovsset_el0 &= ~(v & kPmcntenC); },
       .access = pmu_access},
      {.name = "PMSELR_EL0", .id = {3, 3, 9, 12, 5}, .min_el = 0,
       .field = EL2_FIELD(sys.pmselr_el0), .access = pmu_access, .writable = 0x1F},
      {.name = "PMCEID0_EL0", .id = {3, 3, 9, 12, 6}, .min_el = 0, .rw = kRead,
       .read = [](const Cpu&) -> uint64_t { return 0; }, .access = pmu_access},
      {.name = "PMCEID1_EL0", .id = {3, 3, 9, 12, 7}, .min_el = 0, .rw = kRead,
       .read = [](const Cpu&) -> uint64_t { return 0; }, .access = pmu_access},
      {.name = "PMCCNTR_EL0", .id = {3, 3, 9, 13, 0}, .min_el = 0, .read = read_pmccntr,
       .write = write_pmccntr, .access = pmu_access},
      {.name = "PMUSERENR_EL0", .id = {3, 3, 9, 14, 0}, .min_el = 0,
       .field = EL2_FIELD(sys.pmuserenr_el0), .access = pmu_el1_access, .writable = 0xF},
      {.name = "PMINTENSET_EL1", .id = {3, 0, 9, 14, 1},
       .read = [](const Cpu& c) { return c.state().sys.pmintenset_el1; },
       .write = [](Cpu& c, uint64_t v) { c.state().sys.pmintenset_el1 |= v & kPmcntenC; },
       .access = pmu_el1_access},
      {.name = "PMINTENCLR_EL1", .id = {3, 0, 9, 14, 2},
       .read = [](const Cpu& c) { return c.state().sys.pmintenset_el1; },
       .write = [](Cpu& c, uint64_t v) { c.state().sys.pmintenset_el1 &= ~(v & kPmcntenC); },
       .access = pmu_el1_access},
      {.name = "PMOVSSET_EL0", .id = {3, 3, 9, 14, 3}, .min_el = 0,
       .read = [](const Cpu& c) { return c.state().sys.pmovsset_el0; },
       .write = [](Cpu& c, uint64_t v) { c.state().sys.pmovsset_el0 |= v & kPmcntenC; },
       .access = pmu_access},
      {.name = "PMCCFILTR_EL0", .id = {3, 3, 14, 15, 7}, .min_el = 0,
       .field = EL2_FIELD(sys.pmccfiltr_el0), .access = pmu_access, .writable = 0xFC00'0000},
  };
  add_watch_break_rows(rows, std::make_index_sequence<16>{});
  return rows;
}

}  // namespace

std::span<const SysRegDef> debug_pmu_sysregs() {
  static const std::vector<SysRegDef> rows = make_rows();
  return rows;
}

}  // namespace el2
