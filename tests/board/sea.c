// Accesses to addresses where the virt board has nothing (between devices,
// below RAM) are synchronous external aborts (DFSC 0b010000) taken to the
// current EL, on both el2emu and QEMU; the emulator itself carries on.
#include <stdint.h>

#include "tests/runtime/rt.h"

extern char board_vectors[];

static volatile uint64_t last_esr, last_far;
static volatile unsigned aborts;

// Called from board_vectors' synchronous entry: record, skip the access.
uint64_t board_sync(uint64_t esr, uint64_t far, uint64_t elr) {
  last_esr = esr;
  last_far = far;
  ++aborts;
  return elr + 4;
}

static void check_abort(uint64_t addr, int is_write) {
  const unsigned before = aborts;
  if (is_write)
    *(volatile uint32_t*)addr = 0x1234;
  else
    (void)*(volatile uint32_t*)addr;
  RT_CHECK(aborts == before + 1);
  RT_CHECK((last_esr >> 26) == 0x25);           // Data Abort, same EL.
  RT_CHECK((last_esr & 0x3F) == 0x10);          // Synchronous external abort.
  RT_CHECK(((last_esr >> 6) & 1) == (uint64_t)is_write);  // WnR.
  rt_puts(is_write ? "write to " : "read from ");
  rt_put_hex(addr);
  rt_puts(": synchronous external abort\n");
}

int main(void) {
  __asm__ volatile("msr VBAR_EL2, %0; isb" ::"r"(board_vectors) : "memory");
  check_abort(0x0E000000ul, 0);  // Between the virtio slots and RAM.
  check_abort(0x0E000000ul, 1);
  check_abort(0x09100000ul, 0);  // Past the RTC.
  check_abort(0x0B000000ul, 1);  // Past the virtio-mmio slots.
  rt_puts("sea: all checks passed\n");
  return 0;
}
