// Waits for an interrupt that nothing will ever raise (no timer armed, no
// device input): el2emu must stop with a deadlock report, not hang.
  .text
  .global main
main:
  wfi
  b main
