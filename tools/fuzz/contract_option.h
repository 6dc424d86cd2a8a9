// --contract for fuzz and replay: an AArch64 hyp-stub contract by name.
#pragma once

#include <string>

#include "stubs/contract.h"

namespace el2::fuzz {

// Throws cli::UsageError for an unknown or AArch32 contract.
const stubs::Contract& contract_option(const std::string& name);

}  // namespace el2::fuzz
