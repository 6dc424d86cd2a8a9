#include "tests/runtime/rt.h"

static uint64_t semihost(uint64_t op, uint64_t arg) {
  register uint64_t x0 __asm__("x0") = op;
  register uint64_t x1 __asm__("x1") = arg;
  __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
  return x0;
}

void rt_puts(const char* s) { semihost(0x04, (uint64_t)s); }

void rt_put_hex(uint64_t v) {
  char buf[19];
  buf[0] = '0';
  buf[1] = 'x';
  for (int i = 0; i < 16; ++i) buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xF];
  buf[18] = 0;
  rt_puts(buf);
}

void rt_put_dec(uint64_t v) {
  char buf[21];
  int i = 20;
  buf[i] = 0;
  do {
    buf[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  rt_puts(&buf[i]);
}

void rt_exit(int code) {
  static uint64_t block[2];
  block[0] = 0x20026;  // ADP_Stopped_ApplicationExit.
  block[1] = (uint64_t)code;
  semihost(0x18, (uint64_t)block);
  for (;;) {
  }
}

unsigned rt_current_el(void) {
  uint64_t el;
  __asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
  return (unsigned)(el >> 2);
}

void rt_check_failed(const char* what, const char* file, int line) {
  rt_puts("CHECK failed: ");
  rt_puts(what);
  rt_puts(" at ");
  rt_puts(file);
  rt_puts(":");
  rt_put_dec((uint64_t)line);
  rt_puts("\n");
  rt_exit(1);
}

// Called from rt_vectors with x0 = vector offset.
void rt_unexpected_exception(uint64_t offset) {
  uint64_t esr, elr;
  switch (rt_current_el()) {
    case 3:
      __asm__ volatile("mrs %0, ESR_EL3\n mrs %1, ELR_EL3" : "=r"(esr), "=r"(elr));
      break;
    case 2:
      __asm__ volatile("mrs %0, ESR_EL2\n mrs %1, ELR_EL2" : "=r"(esr), "=r"(elr));
      break;
    default:
      __asm__ volatile("mrs %0, ESR_EL1\n mrs %1, ELR_EL1" : "=r"(esr), "=r"(elr));
      break;
  }
  rt_puts("unexpected exception: vector offset ");
  rt_put_hex(offset);
  rt_puts(" ESR ");
  rt_put_hex(esr);
  rt_puts(" ELR ");
  rt_put_hex(elr);
  rt_puts("\n");
  rt_exit(99);
}
