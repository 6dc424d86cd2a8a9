// Snippets for faults.c. x0 = the address to branch to or access.
#include "tests/exceptions/snippets.h"

  .text
// BR to x0 (misaligned); resumes at f_br_back through xv_resume_pc.
SNIPPET(f_br)
AT(f_br)
  br x0
  .global f_br_back
f_br_back:
  ret

SNIPPET(f_ldr)
AT(f_ldr)
  ldr x1, [x0]
  ret

SNIPPET(f_str)
AT(f_str)
  str w1, [x0]
  ret

SNIPPET(f_ldxr)
AT(f_ldxr)
  ldxr x1, [x0]
  ret

SNIPPET(f_ldaxr)
AT(f_ldaxr)
  ldaxr w1, [x0]
  ret
