// Interrupts on the virt board, at EL2 with HCR_EL2.IMO set so physical IRQs
// are taken at EL2: the EL2 physical timer's PPI through the GICv3
// redistributor, PMR masking, WFI waking with PSTATE.I set, an SGI to self,
// and the PL011's TX interrupt as an SPI through the distributor. Prints one
// line per check and exits 0; run under QEMU too (tests/board), whose output
// must be the same.
#include <stdint.h>

#include "tests/runtime/rt.h"

#define GICD 0x08000000ul
#define GICR 0x080A0000ul  // Core 0: RD_base; SGI_base at +0x10000.
#define SGI_BASE (GICR + 0x10000)
#define UART 0x09000000ul

#define PPI_HYP_TIMER 26
#define SGI_TEST 3
#define SPI_UART 33

static inline void w32(uint64_t a, uint32_t v) { *(volatile uint32_t*)a = v; }
static inline uint32_t r32(uint64_t a) { return *(volatile uint32_t*)a; }
static inline void w64(uint64_t a, uint64_t v) { *(volatile uint64_t*)a = v; }
static inline void w8(uint64_t a, uint8_t v) { *(volatile uint8_t*)a = v; }

#define SYSREG_READ(name)                          \
  ({                                               \
    uint64_t v_;                                   \
    __asm__ volatile("mrs %0, " #name : "=r"(v_)); \
    v_;                                            \
  })
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" ::"r"((uint64_t)(v)) : "memory")
#define ISB() __asm__ volatile("isb" ::: "memory")

extern char board_vectors[];

static volatile unsigned irqs;
static volatile unsigned last_intid;

// Called from the vectors: acknowledge, quiet the source, end.
void board_irq(uint64_t is_fiq) {
  RT_CHECK(!is_fiq);
  const uint32_t intid = (uint32_t)SYSREG_READ(S3_0_C12_C12_0);  // ICC_IAR1_EL1
  if (intid == PPI_HYP_TIMER) SYSREG_WRITE(CNTHP_CTL_EL2, 2);    // Mask the timer output.
  if (intid == SPI_UART) w32(UART + 0x38, 0);                    // UARTIMSC: TXIM off.
  last_intid = intid;
  ++irqs;
  SYSREG_WRITE(S3_0_C12_C12_1, intid);  // ICC_EOIR1_EL1
  ISB();
}

static void gic_init(void) {
  w32(GICD + 0x0, (1u << 4) | (1u << 1));  // GICD_CTLR: ARE, EnableGrp1.
  uint32_t waker = r32(GICR + 0x14);
  w32(GICR + 0x14, waker & ~2u);  // GICR_WAKER.ProcessorSleep = 0...
  while (r32(GICR + 0x14) & 4u) {
  }                                   // ...then wait for ChildrenAsleep to clear.
  w32(SGI_BASE + 0x80, 0xFFFFFFFFu);  // GICR_IGROUPR0: SGIs/PPIs in group 1.
  w8(SGI_BASE + 0x400 + PPI_HYP_TIMER, 0x80);
  w8(SGI_BASE + 0x400 + SGI_TEST, 0x80);
  w32(SGI_BASE + 0x100, (1u << PPI_HYP_TIMER) | (1u << SGI_TEST));  // GICR_ISENABLER0
  SYSREG_WRITE(S3_4_C12_C9_5, 0x9);                                 // ICC_SRE_EL2: SRE, Enable.
  ISB();
  SYSREG_WRITE(S3_0_C4_C6_0, 0xF0);  // ICC_PMR_EL1
  SYSREG_WRITE(S3_0_C12_C12_7, 1);   // ICC_IGRPEN1_EL1
  ISB();
}

static void check_timer_wakes_wfi(void) {
  const unsigned before = irqs;
  SYSREG_WRITE(CNTHP_TVAL_EL2, 1000);
  SYSREG_WRITE(CNTHP_CTL_EL2, 1);
  const uint64_t armed = SYSREG_READ(CNTPCT_EL0);
  while (irqs == before) __asm__ volatile("wfi");
  RT_CHECK(last_intid == PPI_HYP_TIMER);
  RT_CHECK(SYSREG_READ(CNTPCT_EL0) - armed >= 1000 - 1);
  rt_puts("timer PPI 26 woke WFI and was taken at EL2\n");
}

static void check_spurious_when_idle(void) {
  const uint64_t intid = SYSREG_READ(S3_0_C12_C8_0) & 0xFFFFFF;  // ICC_IAR0_EL1: no group 0
  RT_CHECK(intid == 1023);
  rt_puts("IAR reads 1023 with nothing pending\n");
}

static void check_pmr_masks(void) {
  const unsigned before = irqs;
  SYSREG_WRITE(S3_0_C4_C6_0, 0x80);  // PMR = priority 0x80: masks priority 0x80.
  SYSREG_WRITE(CNTHP_TVAL_EL2, 10);
  SYSREG_WRITE(CNTHP_CTL_EL2, 1);
  while (!(SYSREG_READ(CNTHP_CTL_EL2) & 4)) {
  }  // ISTATUS: the timer condition is met.
  for (volatile int i = 0; i < 100; ++i) {
  }
  RT_CHECK(irqs == before);
  // HPPIR1 names the highest-priority pending interrupt whatever the PMR
  // (GICv3 spec 12.2.x, ICC_HPPIR1_EL1).
  RT_CHECK((SYSREG_READ(S3_0_C12_C12_2) & 0xFFFFFF) == PPI_HYP_TIMER);
  SYSREG_WRITE(S3_0_C4_C6_0, 0xF0);
  ISB();
  while (irqs == before) {
  }
  RT_CHECK(last_intid == PPI_HYP_TIMER);
  rt_puts("PMR held the timer back until it was raised\n");
}

static void check_wfi_wakes_with_irqs_masked(void) {
  const unsigned before = irqs;
  __asm__ volatile("msr daifset, #2" ::: "memory");
  SYSREG_WRITE(CNTHP_TVAL_EL2, 500);
  SYSREG_WRITE(CNTHP_CTL_EL2, 1);
  __asm__ volatile("wfi");
  RT_CHECK(SYSREG_READ(CNTHP_CTL_EL2) & 4);
  RT_CHECK(irqs == before);
  __asm__ volatile("msr daifclr, #2" ::: "memory");
  ISB();
  RT_CHECK(irqs == before + 1);
  rt_puts("WFI woke with PSTATE.I set; the IRQ came on unmasking\n");
}

static void check_sgi_to_self(void) {
  const unsigned before = irqs;
  // ICC_SGI1R_EL1: INTID [27:24], TargetList [15:0] (Aff0 = 0 -> bit 0).
  SYSREG_WRITE(S3_0_C12_C11_5, ((uint64_t)SGI_TEST << 24) | 1);
  ISB();
  while (irqs == before) {
  }
  RT_CHECK(last_intid == SGI_TEST);
  rt_puts("SGI 3 to self taken\n");
}

static void check_uart_spi(void) {
  const unsigned before = irqs;
  w8(GICD + 0x400 + SPI_UART, 0x80);                               // GICD_IPRIORITYR
  w32(GICD + 0x80 + 4 * (SPI_UART / 32), 1u << (SPI_UART % 32));   // GICD_IGROUPR: group 1
  w64(GICD + 0x6000 + 8 * SPI_UART, 0);                            // GICD_IROUTER: Aff 0.0.0.0
  w32(GICD + 0x100 + 4 * (SPI_UART / 32), 1u << (SPI_UART % 32));  // GICD_ISENABLER
  w32(UART + 0x30, 0x301);                                         // UARTCR: UARTEN, TXE, RXE.
  w32(UART + 0x38, 1u << 5);                                       // UARTIMSC: TXIM.
  // The TX interrupt fires on the FIFO draining through its trigger level
  // after a write (PL011 TRM 3.4.x, UARTTXINTR), not merely on being enabled.
  RT_CHECK(irqs == before);
  for (const char* p = "uart: hello from the PL011\n"; *p; ++p) {
    while (r32(UART + 0x18) & (1u << 5)) {
    }  // UARTFR.TXFF
    w32(UART, (uint8_t)*p);
  }
  while (irqs == before) {
  }
  RT_CHECK(last_intid == SPI_UART);
  rt_puts("PL011 TX interrupt arrived as SPI 33\n");
}

int main(void) {
  RT_CHECK(rt_current_el() == 2);
  SYSREG_WRITE(VBAR_EL2, (uint64_t)board_vectors);
  SYSREG_WRITE(HCR_EL2, SYSREG_READ(HCR_EL2) | (1u << 4));  // IMO: IRQs to EL2.
  ISB();
  gic_init();
  __asm__ volatile("msr daifclr, #2" ::: "memory");
  check_timer_wakes_wfi();
  check_spurious_when_idle();
  check_pmr_masks();
  check_wfi_wakes_with_irqs_masked();
  check_sgi_to_self();
  check_uart_spi();
  rt_puts("gic_timer: all checks passed\n");
  return 0;
}
