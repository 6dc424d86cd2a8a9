// Illegal exception returns (Arm ARM D1.4.4 "Illegal return events from
// AArch64 state", pseudocode IllegalExceptionReturn / SetPSTATEFromPSR): the
// ERET keeps PSTATE.{EL,SP,nRW}, sets PSTATE.IL, restores NZCV and DAIF from
// the SPSR and branches to ELR; the next instruction then takes an Illegal
// Execution state exception (EC 0x0E) to the current EL, with ELR = that
// instruction and SPSR.IL = 1.
#include "tests/exceptions/xv.h"

extern char i_eret_el1[], i_eret_el1_at[], i_eret_el2[], i_eret_el2_at[], i_eret_el3[],
    i_eret_el3_at[];

typedef void (*snippet)(void);
typedef void (*eret_el3_fn)(uint64_t spsr, uint64_t scr);

// Runs the EL1 (or EL2) snippet entered with `entry`, whose ERET uses `bad`;
// expects the Illegal State exception with M from `entry`, NZCV/DAIF from `bad`.
static void expect_illegal(uint64_t entry, snippet fn, uint64_t bad, const char* at, uint64_t el) {
  xv_reset();
  xv_run(entry, fn, bad);
  XV_COUNT(1);
  XV_REC(0, el, XV_CUR, XV_ESR_ILLEGAL, XV_ADDR(at),
         (bad & 0xF00003C0u) | XV_SPSR_IL | (entry & 0xF));
}

int main(void) {
  xv_init();
  const uint64_t el1 = XV_SPSR(XV_EL1H, 0x0, XV_DAIF);
  const uint64_t el2 = XV_SPSR(XV_EL2H, 0x0, XV_DAIF);
  // To a higher EL: EL1 -> EL2h, EL2 -> EL3h.
  expect_illegal(el1, (snippet)i_eret_el1, XV_SPSR(XV_EL2H, 0x5, XV_DAIF), i_eret_el1_at, 1);
  expect_illegal(el2, (snippet)i_eret_el2, XV_SPSR(XV_EL3H, 0xA, 0x2C0), i_eret_el2_at, 2);
  // To AArch32 (M[4] = 1, SVC mode) while EL1 uses AArch64 (HCR_EL2.RW = 1).
  expect_illegal(el1, (snippet)i_eret_el1, XV_SPSR(0x13, 0x9, 0x1C0), i_eret_el1_at, 1);
  // To AArch32 Hyp mode while EL2 uses AArch64 (SCR_EL3.RW = 1).
  expect_illegal(el2, (snippet)i_eret_el2, XV_SPSR(0x1A, 0x3, XV_DAIF), i_eret_el2_at, 2);
  // Reserved M encodings: M[1] = 1, and EL0 with SP_EL1 (M = 0b0001).
  expect_illegal(el1, (snippet)i_eret_el1, XV_SPSR(0x7, 0x6, XV_DAIF), i_eret_el1_at, 1);
  expect_illegal(el1, (snippet)i_eret_el1, XV_SPSR(0x1, 0xC, XV_DAIF), i_eret_el1_at, 1);
  // From EL3 to EL2 while SCR_EL3.NS = 0: EL2 is not enabled in Secure state.
  xv_reset();
  ((eret_el3_fn)i_eret_el3)(XV_SPSR(XV_EL2H, 0x8, XV_DAIF), XV_SCR_BASE & ~XV_SCR_NS);
  XV_COUNT(1);
  XV_REC(0, 3, XV_CUR, XV_ESR_ILLEGAL, XV_ADDR(i_eret_el3_at),
         XV_SPSR(XV_EL3H, 0x8, XV_DAIF) | XV_SPSR_IL);
  xv_pass("illegal_state");
}
