// Snippets for undefined_cases.c.
#include "tests/exceptions/snippets.h"

  .text
SNIPPET(u_hvc)
AT(u_hvc)
  hvc #1
  ret

SNIPPET(u_smc)
AT(u_smc)
  smc #2
  ret

SNIPPET(u_eret)
AT(u_eret)
  eret
  ret

SNIPPET(u_mrs_hcr_el2)
AT(u_mrs_hcr_el2)
  mrs x0, HCR_EL2
  ret

SNIPPET(u_msr_vbar_el2)
AT(u_msr_vbar_el2)
  msr VBAR_EL2, xzr
  ret

SNIPPET(u_mrs_scr_el3)
AT(u_mrs_scr_el3)
  mrs x0, SCR_EL3
  ret

// op0=3, op1=0, CRn=5, CRm=7, op2=7: no register is allocated there.
SNIPPET(u_mrs_unknown)
AT(u_mrs_unknown)
  mrs x0, S3_0_C5_C7_7
  ret
