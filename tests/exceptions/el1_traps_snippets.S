// Snippets for el1_traps.c.
#include "tests/exceptions/snippets.h"

  .text
SNIPPET(e_wfi)
AT(e_wfi)
  wfi
  ret

SNIPPET(e_mrs_ctr)
AT(e_mrs_ctr)
  mrs x4, CTR_EL0
  ret

SNIPPET(e_smc)
AT(e_smc)
  smc #0
  ret
