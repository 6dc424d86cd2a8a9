// el2emu's guest EL3 firmware: reset entry, EL3 -> EL2 drop, holding pen and
// exception vectors. Every core enters at _start at EL3 (real hardware, or
// el2emu with --secondaries at-entry); core 0 boots the payload at EL2, the
// others wait in the pen until PSCI CPU_ON (psci.c) releases them.
#include "psci/firmware/layout.h"

// SCR_EL3 (Arm ARM D17.2.117): NS (bit 0), RES1 bits 5:4, HCE (bit 8, HVC
// enabled), RW (bit 10, EL2 is AArch64); SMD (bit 7) = 0 so SMC is enabled.
#define SCR_EL3_VALUE 0x531
// SCTLR_EL2 RES1 bits with HCR_EL2.E2H == 0 (D17.2.119): MMU and caches off.
#define SCTLR_EL2_RES1 0x30C50830
// CPTR_EL2 RES1 bits (E2H == 0, D17.2.30); nothing trapped.
#define CPTR_EL2_RES1 0x33FF
#define HCR_EL2_RW (1 << 31)
// SPSR_EL3 for the target: EL2h or EL1h with D, A, I, F masked.
#define SPSR_EL2H_DAIF 0x3C9

  .section .text.boot, "ax"
  .global _start
_start:
  mrs x19, mpidr_el1
  and x19, x19, #0xff          // Core index = Aff0 (one cluster).
  cmp x19, #FW_MAX_CORES
  b.hs fw_dead
  bl fw_set_stack
  adr x0, fw_vectors
  msr vbar_el3, x0
  mov x0, #SCR_EL3_VALUE
  msr scr_el3, x0
  msr cptr_el3, xzr            // No FP/SIMD or trace traps to EL3.
  ldr x0, =SCTLR_EL2_RES1
  msr sctlr_el2, x0
  mov x0, #HCR_EL2_RW          // EL1 AArch64, nothing trapped to EL2.
  msr hcr_el2, x0
  ldr x0, =CPTR_EL2_RES1
  msr cptr_el2, x0
  isb
  mov x0, x19
  mrs x1, mpidr_el1
  bl fw_core_init              // Records this core's MPIDR (psci.c).
  cbnz x19, fw_pen
  bl fw_wait_for_secondaries   // Core 0: every core is parked, then boot.
  ldr x0, =PAYLOAD_ENTRY
  mov x1, #0                   // x0 for the payload (no device tree).
  mov x2, #2
  b fw_enter

// Sets SP_EL3 to the top of core x19's stack.
fw_set_stack:
  ldr x0, =fw_stacks
  add x1, x19, #1
  mov x2, #FW_STACK_SIZE
  madd x0, x1, x2, x0
  mov sp, x0
  ret

// The holding pen: core x19 waits (WFE) until CPU_ON writes its slot.
  .global fw_pen
fw_pen:
  bl fw_set_stack
  mov x0, x19
  bl fw_pen_wait               // Returns the pen slot: entry, context, EL.
  ldp x1, x2, [x0, #8]
  ldr x0, [x0]
  // Fall through.

// Enters x0 at EL(x2) (2 or 1), AArch64, MMU off, DAIF masked, with x0 = x1
// and every other general-purpose register zero (the CPU_ON target state).
fw_enter:
  msr elr_el3, x0
  mov x0, #SPSR_EL2H_DAIF
  cmp x2, #2
  mov x3, #(SPSR_EL2H_DAIF - 4)  // EL1h.
  csel x0, x0, x3, eq
  msr spsr_el3, x0
  ldr x0, =SCTLR_EL2_RES1
  msr sctlr_el2, x0
  mov x0, x1
  .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
  mov x\r, #0
  .endr
  isb
  eret

// CPU_OFF: the calling core (x0 = index) goes back to the pen. Never returns.
  .global fw_park
fw_park:
  mov x19, x0
  b fw_pen

fw_dead:
  wfe
  b fw_dead

// EL3 vectors (Arm ARM D1.10.2). Only the lower-EL AArch64 synchronous entry
// (SMC from EL2/EL1) is expected; the others report and exit (psci.c).
  .balign 2048
fw_vectors:
  .irp off, 0x000,0x080,0x100,0x180,0x200,0x280,0x300,0x380
  .org fw_vectors + \off
  mov x0, #\off
  b fw_unexpected
  .endr
  .org fw_vectors + 0x400
  b fw_lower_sync
  .irp off, 0x480,0x500,0x580,0x600,0x680,0x700,0x780
  .org fw_vectors + \off
  mov x0, #\off
  b fw_unexpected
  .endr
  .org fw_vectors + 0x800

// Saves x0..x30 in a frame on SP_EL3, calls fw_smc(frame) and returns with
// the frame's registers (x0..x3 hold the results).
fw_lower_sync:
  sub sp, sp, #256
  stp x0, x1, [sp, #0]
  stp x2, x3, [sp, #16]
  stp x4, x5, [sp, #32]
  stp x6, x7, [sp, #48]
  stp x8, x9, [sp, #64]
  stp x10, x11, [sp, #80]
  stp x12, x13, [sp, #96]
  stp x14, x15, [sp, #112]
  stp x16, x17, [sp, #128]
  stp x18, x19, [sp, #144]
  stp x20, x21, [sp, #160]
  stp x22, x23, [sp, #176]
  stp x24, x25, [sp, #192]
  stp x26, x27, [sp, #208]
  stp x28, x29, [sp, #224]
  str x30, [sp, #240]
  mov x0, sp
  bl fw_smc
  ldp x0, x1, [sp, #0]
  ldp x2, x3, [sp, #16]
  ldp x4, x5, [sp, #32]
  ldp x6, x7, [sp, #48]
  ldp x8, x9, [sp, #64]
  ldp x10, x11, [sp, #80]
  ldp x12, x13, [sp, #96]
  ldp x14, x15, [sp, #112]
  ldp x16, x17, [sp, #128]
  ldp x18, x19, [sp, #144]
  ldp x20, x21, [sp, #160]
  ldp x22, x23, [sp, #176]
  ldp x24, x25, [sp, #192]
  ldp x26, x27, [sp, #208]
  ldp x28, x29, [sp, #224]
  ldr x30, [sp, #240]
  add sp, sp, #256
  eret

  .bss
  .balign 16
fw_stacks:
  .space FW_MAX_CORES * FW_STACK_SIZE
