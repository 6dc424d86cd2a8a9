// Snippets for hcr_traps.c: one trappable instruction each, with the Rt the
// expected ISS names.
#include "tests/exceptions/snippets.h"

  .text
SNIPPET(h_smc)
AT(h_smc)
  smc #0x33
  ret

SNIPPET(h_wfi)
AT(h_wfi)
  wfi
  ret

SNIPPET(h_msr_sctlr)
  mrs x5, SCTLR_EL1
AT(h_msr_sctlr)
  msr SCTLR_EL1, x5
  ret

SNIPPET(h_mrs_sctlr)
AT(h_mrs_sctlr)
  mrs x7, SCTLR_EL1
  ret

SNIPPET(h_mrs_pfr0)
AT(h_mrs_pfr0)
  mrs x3, ID_AA64PFR0_EL1
  ret

SNIPPET(h_mrs_aidr)
AT(h_mrs_aidr)
  mrs x2, AIDR_EL1
  ret

SNIPPET(h_mrs_revidr)
AT(h_mrs_revidr)
  mrs x8, REVIDR_EL1
  ret

SNIPPET(h_mrs_ctr)
AT(h_mrs_ctr)
  mrs x4, CTR_EL0
  ret

SNIPPET(h_msr_csselr)
AT(h_msr_csselr)
  msr CSSELR_EL1, xzr
  ret

SNIPPET(h_mrs_actlr)
AT(h_mrs_actlr)
  mrs x1, ACTLR_EL1
  ret

SNIPPET(h_dc_isw)
  mov x6, #0
AT(h_dc_isw)
  dc isw, x6
  ret

SNIPPET(h_dc_cvac)
  mov x6, x0
AT(h_dc_cvac)
  dc cvac, x6
  ret

SNIPPET(h_ic_iallu)
AT(h_ic_iallu)
  ic iallu
  ret

SNIPPET(h_tlbi)
AT(h_tlbi)
  tlbi vmalle1
  ret

SNIPPET(h_dc_zva)
  mov x6, x0
AT(h_dc_zva)
  dc zva, x6
  ret
