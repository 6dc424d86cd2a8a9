// Presents a Checker's results: the per-rule PASS/FAIL table with evidence,
// and JUnit XML for CI.
#pragma once

#include <cstdio>
#include <string>

#include "stubs/checker.h"

namespace el2::stubs {

// The table and, under it, each violation (at most `max_evidence` per rule).
void print_report(std::FILE* out, const Checker& checker, const std::string& subject,
                  unsigned max_evidence = 5);

// One <testcase> per rule; failures carry the evidence. Throws on I/O errors.
void write_junit(const std::string& path, const Checker& checker, const std::string& subject);

std::string describe(const Violation& v);

}  // namespace el2::stubs
