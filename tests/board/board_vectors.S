// board_vectors: a vector table for the current EL (SP_ELx) whose IRQ and FIQ
// entries call board_irq(is_fiq) in C with the caller-saved registers kept,
// then ERET; the synchronous entry calls board_sync(esr, far, elr), which
// returns where to resume (a weak default reports an unexpected exception);
// every other entry reports an unexpected exception (rt_vectors' behaviour),
// so a test never continues past one.
  .section .text.vectors, "ax"
  .balign 2048
  .global board_vectors
board_vectors:
  .irp off, 0x000,0x080,0x100,0x180
  .org board_vectors + \off
  mov x0, #\off
  b rt_unexpected_exception
  .endr
  .org board_vectors + 0x200
  b sync_common
  .org board_vectors + 0x280
  mov x16, #0
  b irq_common
  .org board_vectors + 0x300
  mov x16, #1
  b irq_common
  .irp off, 0x380,0x400,0x480,0x500,0x580,0x600,0x680,0x700,0x780
  .org board_vectors + \off
  mov x0, #\off
  b rt_unexpected_exception
  .endr
  .org board_vectors + 0x800

// x16 holds is_fiq; the interrupted code's x16/x17 are lost, which AAPCS64
// allows across any branch (IP0/IP1), and the tests' loops never hold
// values there across WFI.
irq_common:
  stp x29, x30, [sp, #-176]!
  stp x0, x1, [sp, #16]
  stp x2, x3, [sp, #32]
  stp x4, x5, [sp, #48]
  stp x6, x7, [sp, #64]
  stp x8, x9, [sp, #80]
  stp x10, x11, [sp, #96]
  stp x12, x13, [sp, #112]
  stp x14, x15, [sp, #128]
  stp x18, xzr, [sp, #144]
  mov x0, x16
  bl board_irq
  ldp x18, xzr, [sp, #144]
  ldp x14, x15, [sp, #128]
  ldp x12, x13, [sp, #112]
  ldp x10, x11, [sp, #96]
  ldp x8, x9, [sp, #80]
  ldp x6, x7, [sp, #64]
  ldp x4, x5, [sp, #48]
  ldp x2, x3, [sp, #32]
  ldp x0, x1, [sp, #16]
  ldp x29, x30, [sp], #176
  eret

// Only EL2 images use it: ESR/FAR/ELR of EL2.
sync_common:
  stp x29, x30, [sp, #-176]!
  stp x0, x1, [sp, #16]
  stp x2, x3, [sp, #32]
  stp x4, x5, [sp, #48]
  stp x6, x7, [sp, #64]
  stp x8, x9, [sp, #80]
  stp x10, x11, [sp, #96]
  stp x12, x13, [sp, #112]
  stp x14, x15, [sp, #128]
  stp x16, x17, [sp, #144]
  str x18, [sp, #160]
  mrs x0, esr_el2
  mrs x1, far_el2
  mrs x2, elr_el2
  bl board_sync
  msr elr_el2, x0
  ldr x18, [sp, #160]
  ldp x16, x17, [sp, #144]
  ldp x14, x15, [sp, #128]
  ldp x12, x13, [sp, #112]
  ldp x10, x11, [sp, #96]
  ldp x8, x9, [sp, #80]
  ldp x6, x7, [sp, #64]
  ldp x4, x5, [sp, #48]
  ldp x2, x3, [sp, #32]
  ldp x0, x1, [sp, #16]
  ldp x29, x30, [sp], #176
  eret

  .weak board_sync
board_sync:
  mov x0, #0x200
  b rt_unexpected_exception

  .weak board_irq
board_irq:
  mov x0, #0x280
  b rt_unexpected_exception
