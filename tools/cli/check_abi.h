// `el2emu run --check-abi CONTRACT`: the hyp-stub ABI checker
// (stubs/checker.h) watching any run, e.g. a kernel booting at EL2.
#pragma once

#include <memory>
#include <string>

#include "platform/machine.h"
#include "stubs/checker.h"

namespace el2::cli {

class AbiCheck {
 public:
  // Throws UsageError for an unknown or non-AArch64 contract. The stub's
  // vectors are __hyp_stub_vectors in a loaded image, else VBAR_EL2 at the
  // first HVC from EL1.
  AbiCheck(Machine& machine, const std::string& contract);
  // Prints the verdict on stderr; returns 73 instead of a successful `code`
  // when a rule failed.
  int finish(int code);
  stubs::Checker& checker() { return *checker_; }

 private:
  Machine& machine_;
  std::unique_ptr<stubs::Checker> checker_;
};

}  // namespace el2::cli
