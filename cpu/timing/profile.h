// A core's timing parameters (issue F9): issue width, per-op-class latencies,
// execution units, branch predictor, caches, TLBs, exception and barrier
// costs. Profiles are data: cpu/timing/profiles/<core>.profile holds one per
// core as `key = value  # source` lines, and docs/TIMING.md cites every value.
//
// The built-in profiles (builtin_profile) are C++ copies of those files, so a
// binary needs no data files at run time; profile_test parses the files and
// checks they equal the built-ins, so the two cannot drift apart. A user may
// still load an edited file with load_profile_file.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cpu/insn_def.h"

namespace el2 {

constexpr size_t kOpClassCount = static_cast<size_t>(OpClass::kNop) + 1;

// The profile key suffix of an op class: "int_alu", "fp_simd_load", ...
std::string_view op_class_key(OpClass op);

struct CacheGeometry {
  uint32_t size = 0;  // Bytes.
  uint32_t ways = 0;
  uint32_t line = 0;  // Bytes.
  // Extra cycles when this level misses (the next level's hit time, or main
  // memory's for the last level), on top of the op's L1-hit latency.
  uint32_t miss_penalty = 0;
  bool operator==(const CacheGeometry&) const = default;
};

struct CoreProfile {
  std::string name;
  // Out of order: instructions wait for operands in a window of rob_entries
  // and execute when ready; in order: they also issue in program order.
  bool out_of_order = false;
  uint32_t issue_width = 1;  // Instructions dispatched (and committed) per cycle.
  uint32_t rob_entries = 0;  // Unused in order.

  // Result latency in cycles, by op class: the cycles from issue until a
  // dependent instruction can issue (forwarding included). For loads, stores
  // and atomics it is the L1-hit case; cache misses add their penalties.
  std::array<uint32_t, kOpClassCount> latency{};
  // 64-bit (X-form) multiply and divide, when slower than the 32-bit forms
  // `latency` holds for kIntMul and kIntDiv.
  uint32_t int_mul_64 = 0;
  uint32_t int_div_64 = 0;

  // Execution units: how many instructions of a kind can start per cycle.
  // Loads use load+mem, stores store+mem, atomics load+store+mem; the divider
  // is not pipelined (busy until its result is ready).
  struct Units {
    uint32_t alu = 1, mul = 1, div = 1, load = 1, store = 1, mem = 1, branch = 1, fp = 1;
    bool operator==(const Units&) const = default;
  } units;

  struct Branch {
    uint32_t mispredict_penalty = 0;  // Cycles lost beyond a predicted branch.
    uint32_t predictor_bits = 0;      // log2 of the 2-bit counter table size.
    uint32_t history_bits = 0;        // Global history XORed into the index (0: bimodal).
    uint32_t btb_entries = 0;         // Indirect-branch target buffer (direct-mapped).
    uint32_t ras_entries = 0;         // Return address stack.
    bool operator==(const Branch&) const = default;
  } branch;

  CacheGeometry l1i, l1d, l2;
  uint32_t store_buffer_entries = 0;

  struct Tlb {
    uint32_t itlb_entries = 0;        // Instruction micro-TLB (fully associative, LRU).
    uint32_t dtlb_entries = 0;        // Data micro-TLB.
    uint32_t micro_miss_penalty = 0;  // Cycles to refill a micro-TLB from the main TLB.
    bool operator==(const Tlb&) const = default;
  } tlb;

  uint32_t exception_entry = 0;        // Taking an exception, to the first handler instruction.
  uint32_t exception_return = 0;       // ERET, to the first instruction after it.
  uint32_t dmb = 0, dsb = 0, isb = 0;  // Fixed cost after the barrier's wait.

  uint32_t latency_of(OpClass op) const { return latency[static_cast<size_t>(op)]; }
  bool operator==(const CoreProfile&) const = default;
};

class ProfileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses profile text; `origin` names it in errors ("file:line: message").
// Throws ProfileError on a malformed line, an unknown or repeated key, a bad
// value, or a missing key (every key, including a latency per op class, is
// required).
CoreProfile parse_profile(std::string_view text, std::string_view origin);
CoreProfile load_profile_file(const std::string& path);

// The profiles compiled in: "cortex-a53", "cortex-a57"; nullptr otherwise.
const CoreProfile* builtin_profile(std::string_view name);
std::vector<std::string> builtin_profile_names();

}  // namespace el2
