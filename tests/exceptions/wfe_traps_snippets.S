// Snippets for wfe_traps.c.
#include "tests/exceptions/snippets.h"

  .text
// SEVL sets the Event Register, the first WFE clears it (and is not trapped),
// the second would wait: that one is trapped.
SNIPPET(w_wfe)
  sevl
  wfe
AT(w_wfe)
  wfe
  ret

SNIPPET(w_wfi)
AT(w_wfi)
  wfi
  ret
