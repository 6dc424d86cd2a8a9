// The EL1 (and EL0) system registers a fuzz step may write with MSR at EL1:
// those the ABI checker compares across a stub call. The driver has one
// gadget per register (fz_msr_<name> in driver/fuzz_driver.S).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace el2::fuzz {

std::span<const std::string_view> el1_registers();
bool is_el1_register(std::string_view name);

// SCTLR_EL1 values the generator writes: the RES1 bits plus any of the
// controls that cannot stop the EL1 gadgets from running (never M, whose
// random translation tables would fault every fetch, nor EE).
uint64_t safe_sctlr_el1(uint64_t random_bits);

}  // namespace el2::fuzz
