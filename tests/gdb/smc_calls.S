// For the smc trace test: starts at EL3, installs el3_vectors, drops to EL2
// with an ERET and makes two SMC #0 calls: PSCI_VERSION (x0 = 0x84000000)
// and an unknown function (x0 = 0xc2000042). The EL3 handler (el3_smc)
// answers x0 = 0x10001 and x1 = 0x7 and returns; EL2 then exits with code 0
// through semihosting.
#include "tests/runtime/asm.h"

#define SCR_NS_HCE_RW ((1 << 0) | (1 << 8) | (1 << 10))
#define SPSR_EL2H_DAIF 0x3c9

  .section .text.boot, "ax"
  .global _start
_start:
  ldr x0, =__stack_top
  mov sp, x0
  adr x0, el3_vectors
  msr vbar_el3, x0
  mov x0, #SCR_NS_HCE_RW
  msr scr_el3, x0
  mov x0, #SPSR_EL2H_DAIF
  msr spsr_el3, x0
  adr x0, el2_entry
  msr elr_el3, x0
  ldr x0, =__stack_top
  msr sp_el2, x0
  isb
  eret

  .global el2_entry
el2_entry:
  ldr x0, =0x84000000
  smc #0
  ldr x0, =0xc2000042
  smc #0
  mov x0, #SYS_EXIT
  adr x1, exit_block
  SEMIHOST
1:
  b 1b

  .balign 2048
  .global el3_vectors
el3_vectors:
  .rept 8
  .balign 128
  b .
  .endr
  .balign 128
  b el3_smc  // Lower EL, AArch64, synchronous.
  .rept 7
  .balign 128
  b .
  .endr

  .global el3_smc
el3_smc:
  ldr x0, =0x10001
  mov x1, #7
  eret

  .data
  .balign 8
exit_block:
  .quad ADP_STOPPED_APPLICATION_EXIT, 0
