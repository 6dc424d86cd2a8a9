// WFE traps (Arm ARM D1.11 "Trapping WFI and WFE", WFE pseudocode): WFE is
// trapped only when it would wait, i.e. with the Event Register clear, by
// SCTLR_EL1.nTWE = 0 (EL0 to EL1), HCR_EL2.TWE (EL0/EL1 to EL2) and
// SCR_EL3.TWE (EL0-EL2 to EL3), in that priority; EC 0x01 with TI = 1.
// QEMU 7.2 never traps WFE (QEMU_DIVERGENCES.md).
#include "tests/exceptions/xv.h"

extern char w_wfe[], w_wfe_at[];

typedef void (*snippet)(void);

#define EXPECT_WFE(spsr, el, off)                            \
  do {                                                       \
    xv_run(spsr, (snippet)w_wfe, 0);                         \
    XV_COUNT(1);                                             \
    XV_REC(0, el, off, XV_ESR_WFE, XV_ADDR(w_wfe_at), spsr); \
  } while (0)

int main(void) {
  xv_init();
  const uint64_t el0 = XV_SPSR(XV_EL0T, 0x4, XV_DAIF);
  const uint64_t el1 = XV_SPSR(XV_EL1H, 0x2, XV_DAIF);
  const uint64_t el2 = XV_SPSR(XV_EL2H, 0x1, XV_DAIF);

  xv_reset();
  xv_set_sctlr_el1(XV_SCTLR_EL1_BASE & ~XV_SCTLR_NTWE);
  EXPECT_WFE(el0, 1, XV_LOWER);
  xv_reset();  // nTWE = 0 wins over HCR_EL2.TWE.
  xv_set_sctlr_el1(XV_SCTLR_EL1_BASE & ~XV_SCTLR_NTWE);
  xv_set_hcr(XV_HCR_BASE | XV_HCR_TWE);
  EXPECT_WFE(el0, 1, XV_LOWER);

  xv_reset();
  xv_set_hcr(XV_HCR_BASE | XV_HCR_TWE);
  EXPECT_WFE(el0, 2, XV_LOWER);
  xv_reset();
  xv_set_hcr(XV_HCR_BASE | XV_HCR_TWE);
  EXPECT_WFE(el1, 2, XV_LOWER);
  xv_reset();  // HCR_EL2.TWE wins over SCR_EL3.TWE.
  xv_set_hcr(XV_HCR_BASE | XV_HCR_TWE);
  xv_set_scr(XV_SCR_BASE | XV_SCR_TWE);
  EXPECT_WFE(el1, 2, XV_LOWER);

  xv_reset();
  xv_set_scr(XV_SCR_BASE | XV_SCR_TWE);
  EXPECT_WFE(el1, 3, XV_LOWER);
  xv_reset();
  xv_set_scr(XV_SCR_BASE | XV_SCR_TWE);
  EXPECT_WFE(el2, 3, XV_LOWER);
  xv_pass("wfe_traps");
}
