// Storage for the system registers that hold state. What each register means,
// who may access it and how writes are masked lives in the system-register
// table (cpu/sysregs/); this struct is only the backing store. Arrays indexed
// by EL use entries [1..3] (or [0..3] where an EL0 register exists).
#pragma once

#include <array>
#include <cstdint>

namespace el2 {

using PerEl = std::array<uint64_t, 4>;

struct SysRegFile {
  // Exception handling and control.
  PerEl sctlr{}, actlr{}, vbar{}, esr{}, far{}, afsr0{}, afsr1{}, tpidr{};
  PerEl tcr{}, ttbr0{}, mair{}, amair{};
  uint64_t ttbr1_el1 = 0, ttbr1_el2 = 0;
  uint64_t hcr_el2 = 0, scr_el3 = 0;
  uint64_t cpacr_el1 = 0, cptr_el2 = 0, cptr_el3 = 0;
  uint64_t hpfar_el2 = 0, hstr_el2 = 0, hacr_el2 = 0;
  uint64_t vttbr_el2 = 0, vtcr_el2 = 0, vpidr_el2 = 0, vmpidr_el2 = 0;
  uint64_t mdcr_el2 = 0, mdcr_el3 = 0, mdscr_el1 = 0;
  uint64_t par_el1 = 0, contextidr_el1 = 0, contextidr_el2 = 0;
  uint64_t tpidrro_el0 = 0, csselr_el1 = 0;
  uint64_t rmr_el3 = 0, sder32_el3 = 0;
  uint64_t disr_el1 = 0, vdisr_el2 = 0, vsesr_el2 = 0;
  uint64_t dacr32_el2 = 0, ifsr32_el2 = 0, fpexc32_el2 = 0;
  uint64_t oslsr_el1 = 0, osdlr_el1 = 0;

  // Generic timer (F7 gives these behaviour).
  uint64_t cntfrq_el0 = 62'500'000;
  uint64_t cntkctl_el1 = 0, cnthctl_el2 = 0, cntvoff_el2 = 0;
  uint64_t cntp_ctl_el0 = 0, cntp_cval_el0 = 0, cntv_ctl_el0 = 0, cntv_cval_el0 = 0;
  uint64_t cnthp_ctl_el2 = 0, cnthp_cval_el2 = 0;
  uint64_t cntps_ctl_el1 = 0, cntps_cval_el1 = 0;

  // Self-hosted debug (values held, no breakpoints or watchpoints fire yet).
  std::array<uint64_t, 16> dbgbvr{}, dbgbcr{}, dbgwvr{}, dbgwcr{};
  uint64_t mdccint_el1 = 0, dbgclaim = 0, dbgprcr_el1 = 0;

  // PMU: the cycle counter only (PMCR_EL0.N = 0 event counters).
  uint64_t pmcr_el0 = 0, pmcntenset_el0 = 0, pmuserenr_el0 = 0, pmccfiltr_el0 = 0;
  uint64_t pmintenset_el1 = 0, pmovsset_el0 = 0, pmselr_el0 = 0;
  uint64_t pmccntr_value = 0;   // PMCCNTR_EL0 when it last stopped or was written...
  uint64_t pmccntr_since = 0;   // ... and the cycle count at that moment.
};

}  // namespace el2
