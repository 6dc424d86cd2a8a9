// `exceptions`: the cost of taking and returning from an exception within
// EL1. UNDEF_COUNT permanently UNDEFINED instructions (UDF) at EL1, each
// taken to EL1's current-EL synchronous vector, which steps ELR_EL1 past it,
// counts it in x17 and ERETs. The count is checked at the end (exit code 1 if
// any UDF was not seen, or something else was taken).
#define UNDEF_COUNT 1000000

  .section .text.undefvec, "ax"
  .balign 2048
undef_vectors:
  .irp off, 0x000,0x080,0x100,0x180
  .org undef_vectors + \off
  mov x0, #\off
  b rt_unexpected_exception
  .endr
  .org undef_vectors + 0x200  // Current EL with SP_EL1, synchronous: the UDF.
  mrs x16, elr_el1
  add x16, x16, #4
  msr elr_el1, x16
  add x17, x17, #1
  eret
  .irp off, 0x280,0x300,0x380,0x400,0x480,0x500,0x580,0x600,0x680,0x700,0x780
  .org undef_vectors + \off
  mov x0, #\off
  b rt_unexpected_exception
  .endr
  .org undef_vectors + 0x800

  .text
  // Called at EL2 by _start.
  .global main
main:
  adr x0, undef_el1
  ldr x1, =__stack_top  // EL2 never returns here: EL1 may have the stack.
  b bench_enter_el1

undef_el1:
  adr x0, undef_vectors
  msr vbar_el1, x0
  isb
  mov x17, #0
  ldr x19, =UNDEF_COUNT
  mov x20, x19
1:
  udf #0
  subs x19, x19, #1
  b.ne 1b
  cmp x17, x20
  cset w0, ne
  b rt_exit
