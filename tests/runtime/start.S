// Entry point of a test image: stack, BSS, rt_vectors (vectors.S) at the
// current EL, then main(); its return value becomes the semihosting exit code.
#include "tests/runtime/asm.h"

  .section .text.boot, "ax"
  .global _start
_start:
  ldr x0, =__stack_top
  mov sp, x0
  ldr x0, =__bss_start
  ldr x1, =__bss_end
1:
  cmp x0, x1
  b.hs 2f
  str xzr, [x0], #8
  b 1b
2:
  // Install rt_vectors at the current EL (EL1, EL2 or EL3).
  adr x0, rt_vectors
  mrs x1, CurrentEL
  cmp x1, #(3 << 2)
  b.eq 3f
  cmp x1, #(2 << 2)
  b.eq 4f
  msr VBAR_EL1, x0
  b 5f
3:
  msr VBAR_EL3, x0
  b 5f
4:
  msr VBAR_EL2, x0
5:
  isb
  bl main
  b rt_exit

