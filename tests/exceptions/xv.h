// The exception-test harness: a recording vector table for EL1-EL3
// (xv_vectors.S), runs of snippets at a lower EL (xv_run.S) and checks that
// name the failed expectation. Images start at EL3 (QEMU's virt with
// secure=on,virtualization=on does too) and call xv_init() first.
#pragma once

#include <stdint.h>

#include "tests/exceptions/xv_layout.h"

struct xv_record {
  uint64_t el;      // CurrentEL.EL of the handler.
  uint64_t offset;  // Vector offset taken (0x000 ... 0x780).
  uint64_t esr, elr, spsr, far;
};

extern volatile struct xv_record xv_records[XV_MAX_RECORDS];
extern volatile uint64_t xv_count;
// When non-zero, the next exception taken below the run's end resumes here.
extern volatile uint64_t xv_resume_pc;

// The baseline every test starts from (xv_reset): VBAR_EL1/2/3 = xv_vectors;
// SCR_EL3 = NS, RW, HCE, TWI; HCR_EL2 = RW; SCTLR_EL1 with nTWI/nTWE set;
// SCTLR_EL2/EL3 at their RES1 values; FP enabled at every EL.
void xv_init(void);
void xv_reset(void);
void xv_set_scr(uint64_t v);
void xv_set_hcr(uint64_t v);
void xv_set_sctlr_el1(uint64_t v);
void xv_set_cpacr(uint64_t v);
void xv_set_cptr_el2(uint64_t v);
void xv_set_cptr_el3(uint64_t v);

// Runs fn at the EL in spsr (M[3:0], with NZCV and DAIF) until EL3 takes an
// exception from below.
void xv_run(uint64_t spsr, void (*fn)(void), uint64_t arg);

// Baseline register values.
#define XV_SCR_NS (1u << 0)
#define XV_SCR_EA (1u << 3)
#define XV_SCR_SMD (1u << 7)
#define XV_SCR_HCE (1u << 8)
#define XV_SCR_RW (1u << 10)
#define XV_SCR_TWI (1u << 12)
#define XV_SCR_TWE (1u << 13)
#define XV_SCR_BASE (0x30u | XV_SCR_NS | XV_SCR_RW | XV_SCR_HCE | XV_SCR_TWI)

#define XV_HCR_TID1 (1ull << 16)
#define XV_HCR_TID2 (1ull << 17)
#define XV_HCR_TID3 (1ull << 18)
#define XV_HCR_TSC (1ull << 19)
#define XV_HCR_TWI (1ull << 13)
#define XV_HCR_TWE (1ull << 14)
#define XV_HCR_TACR (1ull << 21)
#define XV_HCR_TSW (1ull << 22)
#define XV_HCR_TPC (1ull << 23)
#define XV_HCR_TPU (1ull << 24)
#define XV_HCR_TTLB (1ull << 25)
#define XV_HCR_TVM (1ull << 26)
#define XV_HCR_TDZ (1ull << 28)
#define XV_HCR_TRVM (1ull << 30)
#define XV_HCR_RW (1ull << 31)
#define XV_HCR_BASE XV_HCR_RW

// SCTLR_EL1: ARMv8.0 RES1 bits plus nTWI (16) and nTWE (18); UCT (15) lets EL0
// read CTR_EL0.
#define XV_SCTLR_NTWI (1u << 16)
#define XV_SCTLR_NTWE (1u << 18)
#define XV_SCTLR_UCT (1u << 15)
#define XV_SCTLR_EL1_BASE (0x30D00800u | XV_SCTLR_NTWI | XV_SCTLR_NTWE)

#define XV_CPTR_TFP (1u << 10)
#define XV_CPTR_EL2_RES1 0x33FFu

// ESR values (Arm ARM D17.2.37 ESR_EL1): EC[31:26], IL[25] = 1 for every
// exception class here (32-bit instructions, aborts, Illegal State), ISS.
#define XV_ESR(ec, iss) (((uint64_t)(ec) << 26) | (1u << 25) | (uint64_t)(iss))
#define XV_ESR_UNDEF XV_ESR(0x00, 0)
#define XV_ESR_SVC(imm) XV_ESR(0x15, imm)
#define XV_ESR_HVC(imm) XV_ESR(0x16, imm)
#define XV_ESR_SMC(imm) XV_ESR(0x17, imm)
#define XV_ESR_BRK(imm) XV_ESR(0x3C, imm)
#define XV_ESR_ILLEGAL XV_ESR(0x0E, 0)
#define XV_ESR_PC_ALIGN XV_ESR(0x22, 0)
// Trapped WFx and SIMD&FP from AArch64: CV = 1, COND = 0b1110; TI = 1 for WFE.
#define XV_ESR_WFI XV_ESR(0x01, (1u << 24) | (0xEu << 20))
#define XV_ESR_WFE XV_ESR(0x01, (1u << 24) | (0xEu << 20) | 1)
#define XV_ESR_FP XV_ESR(0x07, (1u << 24) | (0xEu << 20))
// Trapped MSR/MRS/SYS (EC 0x18): Op0, Op2, Op1, CRn, Rt, CRm, Direction (1 = read).
#define XV_ESR_SYS(op0, op1, crn, crm, op2, rt, rd)                                          \
  XV_ESR(0x18, ((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | ((rt) << 5) | \
                   ((crm) << 1) | (rd))

#define XV_SPSR(m, nzcv, daif) (((uint64_t)(nzcv) << 28) | (daif) | (m))
#define XV_SPSR_IL (1u << 20)

// Checks; a failure prints the expression, both values and the line, and
// exits with code 1.
void xv_fail(const char* what, uint64_t got, uint64_t want, const char* file, int line)
    __attribute__((noreturn));
#define XV_EQ(got, want)                                                              \
  do {                                                                                \
    uint64_t xv_g_ = (uint64_t)(got), xv_w_ = (uint64_t)(want);                       \
    if (xv_g_ != xv_w_) xv_fail(#got " == " #want, xv_g_, xv_w_, __FILE__, __LINE__); \
  } while (0)

// Exactly `n` exceptions were recorded.
#define XV_COUNT(n) XV_EQ(xv_count, n)
// Record i: the EL and vector offset it was taken to, ESR, ELR and SPSR.
#define XV_REC(i, el_, off_, esr_, elr_, spsr_) \
  do {                                          \
    XV_EQ(xv_records[i].el, el_);               \
    XV_EQ(xv_records[i].offset, off_);          \
    XV_EQ(xv_records[i].esr, esr_);             \
    XV_EQ(xv_records[i].elr, elr_);             \
    XV_EQ(xv_records[i].spsr, spsr_);           \
  } while (0)
#define XV_FAR(i, far_) XV_EQ(xv_records[i].far, far_)

// Vector offsets: synchronous, current EL with SP_ELx / lower EL (AArch64).
#define XV_CUR 0x200
#define XV_LOWER 0x400

// Address of an assembly label.
#define XV_ADDR(sym) ((uint64_t)(sym))

// Ends the image: prints "PASS <name>" and exits with 0.
void xv_pass(const char* name) __attribute__((noreturn));
