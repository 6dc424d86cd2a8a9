// The smallest useful image: prints a line and exits with code 7, so a test
// can tell a real guest exit from a default one.
#include "tests/runtime/rt.h"

int main(void) {
  rt_puts("hello from EL");
  rt_put_dec(rt_current_el());
  rt_puts("\n");
  return 7;
}
