#include "tools/fuzz/contract_option.h"

#include <fmt/format.h>

#include "tools/cli/args.h"

namespace el2::fuzz {

const stubs::Contract& contract_option(const std::string& name) {
  const stubs::Contract* c = stubs::find_contract(name);
  if (!c || c->isa != stubs::Isa::kAArch64)
    throw cli::UsageError(fmt::format("unknown contract '{}' (doc, linux-6.1, linux-6.12)", name));
  return *c;
}

}  // namespace el2::fuzz
