// Snippets for sync_classes.c: one exception-generating instruction each.
#include "tests/exceptions/snippets.h"

  .text
// Called at EL3 from C: set NZCV, then the instruction under test.
SNIPPET(s_udf_el3)
  SET_NZCV(0x9)
AT(s_udf_el3)
  udf #0x1234
  ret

SNIPPET(s_svc_el3)
  SET_NZCV(0x5)
AT(s_svc_el3)
  svc #0x1111
  ret

SNIPPET(s_smc_el3)
  SET_NZCV(0x3)
AT(s_smc_el3)
  smc #0x4444
  ret

SNIPPET(s_brk_el3)
  SET_NZCV(0xC)
AT(s_brk_el3)
  brk #0x5555
  ret

// Run below EL3 by xv_run, with NZCV and DAIF from the SPSR.
SNIPPET(s_udf)
AT(s_udf)
  udf #0
  ret

SNIPPET(s_svc)
AT(s_svc)
  svc #0x12
  ret

SNIPPET(s_hvc)
AT(s_hvc)
  hvc #0x2345
  ret

SNIPPET(s_smc)
AT(s_smc)
  smc #0x5678
  ret

SNIPPET(s_brk)
AT(s_brk)
  brk #0x77
  ret
