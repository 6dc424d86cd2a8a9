// `loop`: the interpreter's best case, a tight integer loop of two
// instructions (SUBS, B.NE) run LOOP_ITERS times at EL2 with the MMU off:
// no memory accesses, no exceptions, one decoded page.
#define LOOP_ITERS 1000000000  // 2e9 instructions.

  .text
  .global main
main:
  ldr x0, =LOOP_ITERS
1:
  subs x0, x0, #1
  b.ne 1b
  ret  // x0 = 0: the exit code.
