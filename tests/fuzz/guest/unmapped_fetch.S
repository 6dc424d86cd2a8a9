// Branches to 0x1000, where the bare machine has nothing: the fetch must
// reach the guest as an Instruction Abort (EC 0x21, exit code 33).
  .text
  .global main
main:
  adr x0, ec_exit_vectors
  msr vbar_el1, x0
  isb
  mov x1, #0x1000
  br x1
