// Never stops: for --max-insns tests.
  .text
  .global main
main:
  b main
