// WFI traps by SCTLR_EL1.nTWI (EL0 to EL1), HCR_EL2.TWI (EL0/EL1 to EL2) and
// SCR_EL3.TWI (below EL3 to EL3) with their priority (Arm ARM D1.11,
// AArch64.CheckForWFxTrap; EC 0x01, TI = 0, ELR = the WFI); CTR_EL0 at EL0
// (SCTLR_EL1.UCT = 0 traps to EL1, HCR_EL2.TID2 to EL2); SMC at EL3 with
// SCR_EL3.SMD = 1 is UNDEFINED.
#include "tests/exceptions/xv.h"

extern char e_wfi[], e_wfi_at[], e_mrs_ctr[], e_mrs_ctr_at[], e_smc[], e_smc_at[];

typedef void (*snippet)(void);

#define EXPECT(spsr, fn, at, el, off, esr)      \
  do {                                          \
    xv_run(spsr, (snippet)fn, 0);               \
    XV_COUNT(1);                                \
    XV_REC(0, el, off, esr, XV_ADDR(at), spsr); \
  } while (0)

int main(void) {
  xv_init();
  const uint64_t el0 = XV_SPSR(XV_EL0T, 0x3, XV_DAIF);
  const uint64_t el1 = XV_SPSR(XV_EL1H, 0x5, XV_DAIF);
  const uint64_t el2 = XV_SPSR(XV_EL2H, 0x7, XV_DAIF);

  // SCR_EL3.TWI (in the baseline) from EL2, EL1 and EL0.
  xv_reset();
  EXPECT(el2, e_wfi, e_wfi_at, 3, XV_LOWER, XV_ESR_WFI);
  xv_reset();
  EXPECT(el1, e_wfi, e_wfi_at, 3, XV_LOWER, XV_ESR_WFI);
  xv_reset();
  EXPECT(el0, e_wfi, e_wfi_at, 3, XV_LOWER, XV_ESR_WFI);
  // HCR_EL2.TWI wins over SCR_EL3.TWI.
  xv_reset();
  xv_set_hcr(XV_HCR_BASE | XV_HCR_TWI);
  EXPECT(el1, e_wfi, e_wfi_at, 2, XV_LOWER, XV_ESR_WFI);
  // SCTLR_EL1.nTWI = 0 traps EL0 to EL1, before HCR_EL2.TWI.
  xv_reset();
  xv_set_sctlr_el1(XV_SCTLR_EL1_BASE & ~XV_SCTLR_NTWI);
  EXPECT(el0, e_wfi, e_wfi_at, 1, XV_LOWER, XV_ESR_WFI);
  xv_reset();
  xv_set_sctlr_el1(XV_SCTLR_EL1_BASE & ~XV_SCTLR_NTWI);
  xv_set_hcr(XV_HCR_BASE | XV_HCR_TWI);
  EXPECT(el0, e_wfi, e_wfi_at, 1, XV_LOWER, XV_ESR_WFI);

  // CTR_EL0 at EL0: SCTLR_EL1.UCT = 0 traps to EL1; with UCT = 1, HCR_EL2.TID2
  // traps to EL2; with neither it reads.
  xv_reset();
  EXPECT(el0, e_mrs_ctr, e_mrs_ctr_at, 1, XV_LOWER, XV_ESR_SYS(3, 3, 0, 0, 1, 4, 1));
  xv_reset();
  xv_set_sctlr_el1(XV_SCTLR_EL1_BASE | XV_SCTLR_UCT);
  xv_set_hcr(XV_HCR_BASE | XV_HCR_TID2);
  EXPECT(el0, e_mrs_ctr, e_mrs_ctr_at, 2, XV_LOWER, XV_ESR_SYS(3, 3, 0, 0, 1, 4, 1));
  xv_reset();
  xv_set_sctlr_el1(XV_SCTLR_EL1_BASE | XV_SCTLR_UCT);
  xv_run(el0, (snippet)e_mrs_ctr, 0);
  XV_COUNT(0);

  // SCR_EL3.SMD = 1: SMC at EL3 is UNDEFINED too.
  xv_reset();
  xv_set_scr(XV_SCR_BASE | XV_SCR_SMD);
  ((snippet)e_smc)();
  XV_COUNT(1);
  XV_EQ(xv_records[0].el, 3);
  XV_EQ(xv_records[0].esr, XV_ESR_UNDEF);
  XV_EQ(xv_records[0].elr, XV_ADDR(e_smc_at));
  xv_pass("el1_traps");
}
