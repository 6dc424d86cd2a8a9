// Exercises each semihosting call el2emu provides, then exits with code 42
// through SYS_EXIT_EXTENDED.
#include "tests/runtime/asm.h"

  .text
  .global main
main:
  mov x0, #0x03          // SYS_WRITEC 'A'
  adr x1, char_a
  SEMIHOST
  mov x0, #SYS_WRITE0    // SYS_WRITE0 "B\n"
  adr x1, str_b
  SEMIHOST
  mov x0, #0x05          // SYS_WRITE {1, "CD\n", 3}: returns bytes not written (0)
  adr x1, write_block
  SEMIHOST
  cbnz x0, fail
  mov x0, #0x99          // An unsupported operation returns -1.
  SEMIHOST
  cmn x0, #1
  b.ne fail
  mov x0, #0x20          // SYS_EXIT_EXTENDED {ApplicationExit, 42}
  adr x1, exit_block
  SEMIHOST
fail:
  mov x0, #1
  ret

  .data
  .balign 8
char_a: .byte 'A'
str_b: .asciz "B\n"
str_cd: .ascii "CD\n"
  .balign 8
write_block: .quad 1, str_cd, 3
exit_block: .quad ADP_STOPPED_APPLICATION_EXIT, 42
