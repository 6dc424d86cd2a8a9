// A small EL2 -> EL1 image for the GDB-stub and trace_report tests. It starts
// at EL2, installs hyp_vectors in VBAR_EL2, drops to EL1 with an ERET (at
// el2_eret) and makes six HVC #0 calls: three with x0 = 0x10, two with
// x0 = 0x20, one with x0 = 0x30. The EL2 handler (hyp_hvc_handler) loops
// x0 >> 4 times (two instructions per iteration) so each call's round trip
// differs by a known amount, adds 1 to x0 and returns. EL1 then reads
// gdb_magic and exits with code 5 through semihosting.
#include "tests/runtime/asm.h"

#define HCR_RW (1 << 31)
#define SPSR_EL1H_DAIF 0x3c5
#define SCTLR_EL1_RES1 0x30d00800

  .section .text.boot, "ax"
  .global _start
_start:
  ldr x0, =__stack_top
  mov sp, x0
  mov x0, #HCR_RW
  msr hcr_el2, x0
  adr x0, hyp_vectors
  msr vbar_el2, x0
  ldr x0, =SCTLR_EL1_RES1
  msr sctlr_el1, x0
  mov x0, #SPSR_EL1H_DAIF
  msr spsr_el2, x0
  adr x0, el1_entry
  msr elr_el2, x0
  ldr x0, =__stack_top
  msr sp_el1, x0
  isb
  .global el2_eret
el2_eret:
  eret

  .global el1_entry
el1_entry:
  mov x0, #0x10
  hvc #0
  mov x0, #0x10
  hvc #0
  mov x0, #0x10
  hvc #0
  mov x0, #0x20
  hvc #0
  mov x0, #0x20
  hvc #0
  mov x0, #0x30
  hvc #0
  adr x1, gdb_magic
  ldr x2, [x1]
  .global el1_done
el1_done:
  mov x0, #SYS_EXIT
  adr x1, exit_block
  SEMIHOST
1:
  b 1b

  .balign 2048
  .global hyp_vectors
hyp_vectors:
  .rept 8
  .balign 128
  b .
  .endr
  .balign 128
  b hyp_hvc_handler  // Lower EL, AArch64, synchronous.
  .rept 7
  .balign 128
  b .
  .endr

  .global hyp_hvc_handler
hyp_hvc_handler:
  lsr x9, x0, #4
1:
  subs x9, x9, #1
  b.ne 1b
  add x0, x0, #1
  eret

  .data
  .balign 8
  .global gdb_magic
gdb_magic:
  .quad 0x1122334455667788
exit_block:
  .quad ADP_STOPPED_APPLICATION_EXIT, 5
