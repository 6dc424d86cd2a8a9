// Instructions that are UNDEFINED in the state they execute in (EC 0x00,
// ESR = 0x02000000, ELR = the instruction, taken to the current EL or to EL1
// from EL0): Arm ARM pseudocode for HVC, SMC (AArch64.CheckForSMCUndefOrTrap),
// ERET, and the MRS/MSR access checks of EL2/EL3 registers; unallocated
// system-register encodings are UNDEFINED (D17.1).
#include "tests/exceptions/xv.h"

extern char u_hvc[], u_hvc_at[], u_smc[], u_smc_at[], u_eret[], u_eret_at[], u_mrs_hcr_el2[],
    u_mrs_hcr_el2_at[], u_msr_vbar_el2[], u_msr_vbar_el2_at[], u_mrs_scr_el3[], u_mrs_scr_el3_at[],
    u_mrs_unknown[], u_mrs_unknown_at[];

typedef void (*snippet)(void);

static const uint64_t kEl0 = XV_SPSR(XV_EL0T, 0x2, XV_DAIF);
static const uint64_t kEl1 = XV_SPSR(XV_EL1H, 0x4, XV_DAIF);
static const uint64_t kEl2 = XV_SPSR(XV_EL2H, 0x8, XV_DAIF);

// Runs `fn` at the EL of `spsr` and expects one UNDEFINED exception at `at`.
#define EXPECT_UNDEF(spsr, fn, at, el, off)              \
  do {                                                   \
    xv_run(spsr, (snippet)fn, 0);                        \
    XV_COUNT(1);                                         \
    XV_REC(0, el, off, XV_ESR_UNDEF, XV_ADDR(at), spsr); \
  } while (0)

int main(void) {
  xv_init();
  // HVC at EL0 is UNDEFINED.
  EXPECT_UNDEF(kEl0, u_hvc, u_hvc_at, 1, XV_LOWER);
  // SCR_EL3.HCE = 0: HVC at EL1 and EL2 is UNDEFINED.
  xv_reset();
  xv_set_scr(XV_SCR_BASE & ~XV_SCR_HCE);
  EXPECT_UNDEF(kEl1, u_hvc, u_hvc_at, 1, XV_CUR);
  xv_reset();
  xv_set_scr(XV_SCR_BASE & ~XV_SCR_HCE);
  EXPECT_UNDEF(kEl2, u_hvc, u_hvc_at, 2, XV_CUR);
  // SCR_EL3.SMD = 1: SMC at EL1 and EL2 is UNDEFINED (the run ends at the
  // WFI of xv_done, trapped by SCR_EL3.TWI).
  xv_reset();
  xv_set_scr(XV_SCR_BASE | XV_SCR_SMD);
  EXPECT_UNDEF(kEl1, u_smc, u_smc_at, 1, XV_CUR);
  xv_reset();
  xv_set_scr(XV_SCR_BASE | XV_SCR_SMD);
  EXPECT_UNDEF(kEl2, u_smc, u_smc_at, 2, XV_CUR);
  // SMC at EL0 is UNDEFINED.
  xv_reset();
  EXPECT_UNDEF(kEl0, u_smc, u_smc_at, 1, XV_LOWER);
  // ERET at EL0 is UNDEFINED.
  xv_reset();
  EXPECT_UNDEF(kEl0, u_eret, u_eret_at, 1, XV_LOWER);
  // EL2 registers from EL1, EL3 registers from EL2.
  xv_reset();
  EXPECT_UNDEF(kEl1, u_mrs_hcr_el2, u_mrs_hcr_el2_at, 1, XV_CUR);
  xv_reset();
  EXPECT_UNDEF(kEl1, u_msr_vbar_el2, u_msr_vbar_el2_at, 1, XV_CUR);
  xv_reset();
  EXPECT_UNDEF(kEl2, u_mrs_scr_el3, u_mrs_scr_el3_at, 2, XV_CUR);
  // EL1 registers from EL0.
  xv_reset();
  EXPECT_UNDEF(kEl0, u_mrs_hcr_el2, u_mrs_hcr_el2_at, 1, XV_LOWER);
  // An unallocated system register, at EL1 and at EL3.
  xv_reset();
  EXPECT_UNDEF(kEl1, u_mrs_unknown, u_mrs_unknown_at, 1, XV_CUR);
  xv_reset();
  ((snippet)u_mrs_unknown)();
  XV_COUNT(1);
  XV_EQ(xv_records[0].el, 3);
  XV_EQ(xv_records[0].esr, XV_ESR_UNDEF);
  XV_EQ(xv_records[0].elr, XV_ADDR(u_mrs_unknown_at));
  xv_pass("undefined_cases");
}
