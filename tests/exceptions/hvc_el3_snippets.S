// Snippets for hvc_el3.c.
#include "tests/exceptions/snippets.h"

  .text
SNIPPET(s_hvc_el3)
  SET_NZCV(0x6)
AT(s_hvc_el3)
  hvc #0x3333
  ret
