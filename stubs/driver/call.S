// uint64_t drv_call(const struct drv_call *c): makes one `hvc #0` with every
// general-purpose register, SP_EL1, SP_EL0, NZCV and DAIF taken from *c (the
// randomised state the checker compares against), then restores the C
// caller's registers from drv_save. x0 is the stub's answer.
  .text
  .balign 4
  .global drv_call
drv_call:
  adrp x9, drv_save
  add x9, x9, :lo12:drv_save
  stp x19, x20, [x9, #0]
  stp x21, x22, [x9, #16]
  stp x23, x24, [x9, #32]
  stp x25, x26, [x9, #48]
  stp x27, x28, [x9, #64]
  stp x29, x30, [x9, #80]
  mov x10, sp
  mrs x11, sp_el0
  stp x10, x11, [x9, #96]
  ldp x10, x11, [x0, #248]   // sp_el1, sp_el0
  mov sp, x10
  msr sp_el0, x11
  ldp x10, x11, [x0, #264]   // nzcv, daif
  msr nzcv, x10
  msr daif, x11
  ldp x2, x3, [x0, #16]
  ldp x4, x5, [x0, #32]
  ldp x6, x7, [x0, #48]
  ldp x8, x9, [x0, #64]
  ldp x10, x11, [x0, #80]
  ldp x12, x13, [x0, #96]
  ldp x14, x15, [x0, #112]
  ldp x16, x17, [x0, #128]
  ldp x18, x19, [x0, #144]
  ldp x20, x21, [x0, #160]
  ldp x22, x23, [x0, #176]
  ldp x24, x25, [x0, #192]
  ldp x26, x27, [x0, #208]
  ldp x28, x29, [x0, #224]
  ldr x30, [x0, #240]
  ldp x0, x1, [x0]
  hvc #0
  msr daifset, #0xf
  adrp x9, drv_save
  add x9, x9, :lo12:drv_save
  ldp x19, x20, [x9, #0]
  ldp x21, x22, [x9, #16]
  ldp x23, x24, [x9, #32]
  ldp x25, x26, [x9, #48]
  ldp x27, x28, [x9, #64]
  ldp x29, x30, [x9, #80]
  ldp x10, x11, [x9, #96]
  mov sp, x10
  msr sp_el0, x11
  ret

  .bss
  .balign 16
drv_save:
  .space 112
