// Snippets for illegal_state.c: ERET with an SPSR that cannot be returned to.
// x0 = the SPSR to use; ELR is the label after the ERET.
#include "tests/exceptions/snippets.h"

  .text
SNIPPET(i_eret_el1)
  msr SPSR_EL1, x0
  adr x1, i_eret_el1_at
  msr ELR_EL1, x1
  eret
AT(i_eret_el1)
  nop
  ret

SNIPPET(i_eret_el2)
  msr SPSR_EL2, x0
  adr x1, i_eret_el2_at
  msr ELR_EL2, x1
  eret
AT(i_eret_el2)
  nop
  ret

// Called from C at EL3: x0 = SPSR, x1 = SCR_EL3 for the ERET (restored after).
SNIPPET(i_eret_el3)
  mrs x2, SCR_EL3
  msr SCR_EL3, x1
  isb
  msr SPSR_EL3, x0
  adr x1, i_eret_el3_at
  msr ELR_EL3, x1
  eret
AT(i_eret_el3)
  msr SCR_EL3, x2
  isb
  ret
