// Vector tables for the timing probes: at EL2 an HVC returns at once; at EL1
// an SVC returns at once. Everything else is unexpected (rt_vectors' report).
  .section .text.vectors, "ax"

  .balign 2048
  .global probe_el2_vectors
probe_el2_vectors:
  .irp off, 0x000,0x080,0x100,0x180,0x200,0x280,0x300,0x380
  .org probe_el2_vectors + \off
  mov x0, #\off
  b rt_unexpected_exception
  .endr
  .org probe_el2_vectors + 0x400  // Lower EL, AArch64, synchronous: the HVC.
  eret
  .irp off, 0x480,0x500,0x580,0x600,0x680,0x700,0x780
  .org probe_el2_vectors + \off
  mov x0, #\off
  b rt_unexpected_exception
  .endr
  .org probe_el2_vectors + 0x800

  .balign 2048
  .global probe_el1_vectors
probe_el1_vectors:
  .irp off, 0x000,0x080,0x100,0x180,0x200,0x280,0x300,0x380
  .org probe_el1_vectors + \off
  mov x0, #\off
  b rt_unexpected_exception
  .endr
  .org probe_el1_vectors + 0x400  // Lower EL, AArch64, synchronous: the SVC.
  eret
  .irp off, 0x480,0x500,0x580,0x600,0x680,0x700,0x780
  .org probe_el1_vectors + \off
  mov x0, #\off
  b rt_unexpected_exception
  .endr
  .org probe_el1_vectors + 0x800
