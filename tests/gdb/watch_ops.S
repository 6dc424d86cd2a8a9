// The accesses watch_target.c makes, one instruction each at a known place:
// the store (load) is the first instruction of store64 (load64).
  .text
  .global store64
  .type store64, %function
store64:
  str x1, [x0]
  ret
  .size store64, . - store64

  .global load64
  .type load64, %function
load64:
  ldr x0, [x0]
  ret
  .size load64, . - load64
