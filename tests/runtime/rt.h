// The test-image runtime: console output and exit through semihosting.
#pragma once

#include <stdint.h>

void rt_puts(const char* s);           // No newline added.
void rt_put_hex(uint64_t v);           // 0x-prefixed, 16 digits.
void rt_put_dec(uint64_t v);
void rt_exit(int code) __attribute__((noreturn));
unsigned rt_current_el(void);

// Checks `cond`; on failure prints the message and exits with code 1.
#define RT_CHECK(cond)                                        \
  do {                                                        \
    if (!(cond)) rt_check_failed(#cond, __FILE__, __LINE__);  \
  } while (0)
void rt_check_failed(const char* what, const char* file, int line) __attribute__((noreturn));
