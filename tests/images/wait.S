// WFE after SEVL returns at once (SEVL set the event register; WFE clears it).
// When the test sets `mode` to 1, main then waits in WFI with nothing that
// could ever wake the core.
  .text
  .global main
main:
  sevl
  wfe             // Consumes the event set by SEVL: no wait.
  adr x1, mode
  ldr x1, [x1]
  cbz x1, 1f
  wfi             // Nothing will ever interrupt this core.
1:
  mov x0, #0
  ret

  .data
  .balign 8
  .global mode
mode: .quad 0
