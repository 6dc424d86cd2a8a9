// rt_vectors: a vector table for any EL in which every entry reports an
// unexpected exception (offset, ESR, ELR) and exits with code 99.
  .section .text.vectors, "ax"
// rt_vectors: every entry reports "unexpected exception" with its offset and
// the ESR of the current EL, then exits with code 99.
  .balign 2048
  .global rt_vectors
rt_vectors:
  .irp off, 0x000,0x080,0x100,0x180,0x200,0x280,0x300,0x380,0x400,0x480,0x500,0x580,0x600,0x680,0x700,0x780
  .org rt_vectors + \off
  mov x0, #\off
  b rt_unexpected_exception
  .endr
  .org rt_vectors + 0x800
