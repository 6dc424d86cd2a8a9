// docs/ISA_COVERAGE.md, generated from the decode table.
#pragma once

#include <string>

namespace el2 {

std::string isa_coverage_markdown();

}  // namespace el2
