#include "tools/fuzz/el1_registers.h"

#include <algorithm>

namespace el2::fuzz {

namespace {

constexpr std::string_view kRegisters[] = {
    "vbar_el1",  "sctlr_el1",  "tcr_el1",        "ttbr0_el1", "ttbr1_el1", "mair_el1",
    "amair_el1", "cpacr_el1",  "contextidr_el1", "tpidr_el1", "tpidr_el0", "tpidrro_el0",
    "elr_el1",   "spsr_el1",   "esr_el1",        "far_el1",   "afsr0_el1", "afsr1_el1",
    "par_el1",   "csselr_el1", "cntkctl_el1",
};

constexpr uint64_t kSctlrEl1Res1 = 0x30d00800;
// A, C, SA, SA0, I, DZE, UCT, nTWI, nTWE, WXN, SPAN, E0E, UCI.
constexpr uint64_t kSctlrEl1Safe = (1ull << 1) | (1ull << 2) | (1ull << 3) | (1ull << 4) |
                                   (1ull << 12) | (1ull << 14) | (1ull << 15) | (1ull << 16) |
                                   (1ull << 18) | (1ull << 19) | (1ull << 23) | (1ull << 24) |
                                   (1ull << 26);

}  // namespace

std::span<const std::string_view> el1_registers() { return kRegisters; }

bool is_el1_register(std::string_view name) {
  return std::find(std::begin(kRegisters), std::end(kRegisters), name) != std::end(kRegisters);
}

uint64_t safe_sctlr_el1(uint64_t random_bits) {
  return kSctlrEl1Res1 | (random_bits & kSctlrEl1Safe);
}

}  // namespace el2::fuzz
