// Prints docs/ISA_COVERAGE.md from the decode table.
#include <cstdio>

#include "cpu/isa_coverage.h"

int main() {
  std::fputs(el2::isa_coverage_markdown().c_str(), stdout);
  return 0;
}
