// `hvc`: the cost of a guest-to-hypervisor round trip. EL2's vector table
// answers a lower-EL synchronous exception with a bare ERET; EL1 makes
// HVC_CALLS hypercalls in a loop (HVC, SUBS, B.NE, then the ERET).
#define HVC_CALLS 2000000

  .section .text.hvcvec, "ax"
  .balign 2048
hvc_vectors:
  .irp off, 0x000,0x080,0x100,0x180,0x200,0x280,0x300,0x380
  .org hvc_vectors + \off
  mov x0, #\off
  b rt_unexpected_exception
  .endr
  .org hvc_vectors + 0x400  // Lower EL, AArch64, synchronous: the HVC.
  eret
  .irp off, 0x480,0x500,0x580,0x600,0x680,0x700,0x780
  .org hvc_vectors + \off
  mov x0, #\off
  b rt_unexpected_exception
  .endr
  .org hvc_vectors + 0x800

  .text
  // Called at EL2 by _start.
  .global main
main:
  adr x0, hvc_vectors
  msr vbar_el2, x0
  isb
  adr x0, hvc_el1
  ldr x1, =__stack_top  // EL2 never returns here: EL1 may have the stack.
  b bench_enter_el1

hvc_el1:
  ldr x19, =HVC_CALLS
1:
  hvc #0
  subs x19, x19, #1
  b.ne 1b
  mov x0, #0
  b rt_exit
