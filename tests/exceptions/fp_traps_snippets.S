// Snippets for fp_traps.c: FPCR/FPSR accesses, which the SIMD&FP enables
// trap like any SIMD&FP instruction.
#include "tests/exceptions/snippets.h"

  .text
SNIPPET(p_mrs_fpcr)
AT(p_mrs_fpcr)
  mrs x0, FPCR
  ret

SNIPPET(p_msr_fpsr)
  mov x1, #0
AT(p_msr_fpsr)
  msr FPSR, x1
  ret
