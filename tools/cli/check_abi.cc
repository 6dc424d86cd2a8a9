#include "tools/cli/check_abi.h"

#include <cstdio>

#include <fmt/format.h>

#include "platform/exit_codes.h"
#include "stubs/report.h"
#include "tools/cli/args.h"

namespace el2::cli {

AbiCheck::AbiCheck(Machine& machine, const std::string& contract) : machine_(machine) {
  const stubs::Contract* c = stubs::find_contract(contract);
  if (!c || c->isa != stubs::Isa::kAArch64)
    throw UsageError(fmt::format("--check-abi '{}': expected doc, linux-6.1 or linux-6.12", contract));
  checker_ = std::make_unique<stubs::Checker>(
      *c, [&m = machine_](uint64_t a) { return m.symbolize(a); }, stubs::CheckerOptions{});
  for (const LoadedImage& img : machine_.images())
    if (const Symbol* s = img.find_symbol("__hyp_stub_vectors")) {
      checker_->set_stub_vectors(s->addr);
      break;
    }
  machine_.cpu().add_observer(checker_.get());
}

int AbiCheck::finish(int code) {
  checker_->finish(machine_.cpu());
  std::fflush(stdout);
  const std::string subject =
      machine_.images().empty() ? std::string("the run") : machine_.images().front().name;
  stubs::print_report(stderr, *checker_, subject);
  return code == kExitOk && !checker_->all_passed() ? kExitCheckFailed : code;
}

}  // namespace el2::cli
