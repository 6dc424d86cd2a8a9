// HCR_EL2 trap bits (Arm ARM D17.2.48 HCR_EL2, D1.11 "Traps and enables"):
// each traps its instructions from EL1 (and EL0 where they are executable
// there) to EL2 with ELR = the trapped instruction. MSR/MRS/SYS traps report
// EC 0x18 with Op0, Op1, CRn, CRm, Op2, Rt and the direction; WFx EC 0x01;
// TSC reports the SMC (EC 0x17, imm16). The trapped instruction is skipped on
// return.
#include "tests/exceptions/xv.h"

extern char h_smc[], h_smc_at[], h_wfi[], h_wfi_at[], h_msr_sctlr[], h_msr_sctlr_at[],
    h_mrs_sctlr[], h_mrs_sctlr_at[], h_mrs_pfr0[], h_mrs_pfr0_at[], h_mrs_aidr[], h_mrs_aidr_at[],
    h_mrs_revidr[], h_mrs_revidr_at[], h_mrs_ctr[], h_mrs_ctr_at[], h_msr_csselr[],
    h_msr_csselr_at[], h_mrs_actlr[], h_mrs_actlr_at[], h_dc_isw[], h_dc_isw_at[], h_dc_cvac[],
    h_dc_cvac_at[], h_ic_iallu[], h_ic_iallu_at[], h_tlbi[], h_tlbi_at[], h_dc_zva[], h_dc_zva_at[];

typedef void (*snippet)(void);

static const uint64_t kEl0 = XV_SPSR(XV_EL0T, 0x8, XV_DAIF);
static const uint64_t kEl1 = XV_SPSR(XV_EL1H, 0x6, XV_DAIF);
static uint64_t zva_block[64] __attribute__((aligned(256)));

// With HCR_EL2 = base | `hcr`, runs `fn` at the EL of `spsr`: one trap to EL2.
#define expect_trap(hcr, spsr, fn, at, esr, arg)    \
  do {                                              \
    xv_reset();                                     \
    xv_set_hcr(XV_HCR_BASE | (hcr));                \
    xv_run(spsr, fn, arg);                          \
    XV_COUNT(1);                                    \
    XV_REC(0, 2, XV_LOWER, esr, XV_ADDR(at), spsr); \
  } while (0)

// Without the trap bit the same instruction runs at EL1 without exception.
#define expect_no_trap(fn, arg) \
  do {                          \
    xv_reset();                 \
    xv_run(kEl1, fn, arg);      \
    XV_COUNT(0);                \
  } while (0)

int main(void) {
  xv_init();
  // TSC: SMC from EL1 traps to EL2 (even with SCR_EL3.SMD = 1, which it
  // takes priority over); preferred return is the SMC itself.
  expect_trap(XV_HCR_TSC, kEl1, (snippet)h_smc, h_smc_at, XV_ESR_SMC(0x33), 0);
  xv_reset();
  xv_set_scr(XV_SCR_BASE | XV_SCR_SMD);
  xv_set_hcr(XV_HCR_BASE | XV_HCR_TSC);
  xv_run(kEl1, (snippet)h_smc, 0);
  XV_COUNT(1);
  XV_REC(0, 2, XV_LOWER, XV_ESR_SMC(0x33), XV_ADDR(h_smc_at), kEl1);
  // TWI from EL1 and EL0 (SCTLR_EL1.nTWI = 1). TWE: wfe_traps.c.
  expect_trap(XV_HCR_TWI, kEl1, (snippet)h_wfi, h_wfi_at, XV_ESR_WFI, 0);
  expect_trap(XV_HCR_TWI, kEl0, (snippet)h_wfi, h_wfi_at, XV_ESR_WFI, 0);
  // TVM: EL1 writes of SCTLR_EL1; TRVM: reads.
  expect_trap(XV_HCR_TVM, kEl1, (snippet)h_msr_sctlr, h_msr_sctlr_at,
              XV_ESR_SYS(3, 0, 1, 0, 0, 5, 0), 0);
  expect_trap(XV_HCR_TRVM, kEl1, (snippet)h_mrs_sctlr, h_mrs_sctlr_at,
              XV_ESR_SYS(3, 0, 1, 0, 0, 7, 1), 0);
  expect_no_trap((snippet)h_mrs_sctlr, 0);
  // TID1: AIDR_EL1, REVIDR_EL1. TID2: CTR_EL0, CSSELR_EL1 (CTR_EL0 from EL0:
  // el1_traps.c). TID3: ID_AA64PFR0_EL1.
  expect_trap(XV_HCR_TID1, kEl1, (snippet)h_mrs_aidr, h_mrs_aidr_at,
              XV_ESR_SYS(3, 1, 0, 0, 7, 2, 1), 0);
  expect_trap(XV_HCR_TID1, kEl1, (snippet)h_mrs_revidr, h_mrs_revidr_at,
              XV_ESR_SYS(3, 0, 0, 0, 6, 8, 1), 0);
  expect_trap(XV_HCR_TID2, kEl1, (snippet)h_mrs_ctr, h_mrs_ctr_at, XV_ESR_SYS(3, 3, 0, 0, 1, 4, 1),
              0);
  expect_trap(XV_HCR_TID2, kEl1, (snippet)h_msr_csselr, h_msr_csselr_at,
              XV_ESR_SYS(3, 2, 0, 0, 0, 31, 0), 0);
  expect_trap(XV_HCR_TID3, kEl1, (snippet)h_mrs_pfr0, h_mrs_pfr0_at,
              XV_ESR_SYS(3, 0, 0, 4, 0, 3, 1), 0);
  expect_no_trap((snippet)h_mrs_pfr0, 0);
  // TACR: ACTLR_EL1.
  expect_trap(XV_HCR_TACR, kEl1, (snippet)h_mrs_actlr, h_mrs_actlr_at,
              XV_ESR_SYS(3, 0, 1, 0, 1, 1, 1), 0);
  // TSW: DC ISW. TPC: DC CVAC. TPU: IC IALLU. TTLB: TLBI VMALLE1. TDZ: DC ZVA.
  expect_trap(XV_HCR_TSW, kEl1, (snippet)h_dc_isw, h_dc_isw_at, XV_ESR_SYS(1, 0, 7, 6, 2, 6, 0), 0);
  expect_trap(XV_HCR_TPC, kEl1, (snippet)h_dc_cvac, h_dc_cvac_at, XV_ESR_SYS(1, 3, 7, 10, 1, 6, 0),
              XV_ADDR(zva_block));
  expect_trap(XV_HCR_TPU, kEl1, (snippet)h_ic_iallu, h_ic_iallu_at,
              XV_ESR_SYS(1, 0, 7, 5, 0, 31, 0), 0);
  expect_trap(XV_HCR_TTLB, kEl1, (snippet)h_tlbi, h_tlbi_at, XV_ESR_SYS(1, 0, 8, 7, 0, 31, 0), 0);
  expect_trap(XV_HCR_TDZ, kEl1, (snippet)h_dc_zva, h_dc_zva_at, XV_ESR_SYS(1, 3, 7, 4, 1, 6, 0),
              XV_ADDR(zva_block));
  expect_no_trap((snippet)h_tlbi, 0);
  xv_pass("hcr_traps");
}
