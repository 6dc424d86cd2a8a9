// mmu_vectors: a vector table for EL1, EL2 or EL3 whose every entry records
// ESR/FAR of the current EL in mmu_last and returns past the faulting
// instruction (for instruction aborts: to the probe's caller, x30), so a test
// can probe an access and then read what it raised.
  .section .text.mmuvec, "ax"
  .balign 2048
  .global mmu_vectors
mmu_vectors:
  .irp off, 0x000,0x080,0x100,0x180,0x200,0x280,0x300,0x380,0x400,0x480,0x500,0x580,0x600,0x680,0x700,0x780
  .org mmu_vectors + \off
  b mmu_trap
  .endr
  .org mmu_vectors + 0x800

// x0 = ESR, x1 = FAR; ELR = ELR + 4, or x30 for an instruction abort (EC 0x20/0x21).
.macro RECORD esr, far, elr
  mrs x0, \esr
  mrs x1, \far
  lsr x3, x0, #26
  cmp x3, #0x20
  b.eq 7f
  cmp x3, #0x21
  b.eq 7f
  mrs x3, \elr
  add x3, x3, #4
  b 8f
7:
  mov x3, x30
8:
  msr \elr, x3
.endm

mmu_trap:
  stp x0, x1, [sp, #-32]!
  stp x2, x3, [sp, #16]
  mrs x0, CurrentEL
  cmp x0, #(2 << 2)
  b.eq 2f
  b.hi 3f
  RECORD esr_el1, far_el1, elr_el1
  b 4f
2:
  RECORD esr_el2, far_el2, elr_el2
  b 4f
3:
  RECORD esr_el3, far_el3, elr_el3
4:
  adrp x2, mmu_last
  add x2, x2, :lo12:mmu_last
  stp x0, x1, [x2]
  ldr x3, [x2, #16]
  add x3, x3, #1
  str x3, [x2, #16]
  ldp x2, x3, [sp, #16]
  ldp x0, x1, [sp], #32
  eret

// void mmu_drop_to(unsigned el, void (*fn)(void), uint64_t sp): from EL3,
// enter EL2h or EL1h (AArch64, Non-secure, interrupts masked) at fn with sp.
  .text
  .global mmu_drop_to
mmu_drop_to:
  mov x3, #0x501           // SCR_EL3: NS, RES1 bits 4-5 (0x30), HCE, RW.
  orr x3, x3, #0x30
  msr scr_el3, x3
  mov x3, #(1 << 31)       // HCR_EL2.RW: EL1 is AArch64.
  msr hcr_el2, x3
  cmp x0, #2
  b.ne 1f
  msr sp_el2, x2
  mov x3, #0x3C9           // SPSR: DAIF masked, EL2h.
  b 2f
1:
  msr sp_el1, x2
  mov x3, #0x3C5           // EL1h.
2:
  msr spsr_el3, x3
  msr elr_el3, x1
  isb
  eret
