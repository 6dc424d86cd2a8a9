// Random test cases: an instruction word and an input state. Each case is a
// pure function of (class, seed, iteration), so any case can be regenerated
// from the numbers printed with a mismatch.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "tests/diff/arch_state.h"

namespace el2::diff {

// The instruction classes of cpu/insn_def.h plus a stream of random words,
// then focused subsets the whole SIMD&FP class dilutes: kSimdInt draws only
// from the Advanced SIMD integer rows of cpu/insn/simd_int.h and the structure
// loads/stores (LD2-LD4, ST2-ST4, single structures, LD1R-LD4R); kFpScalar
// from the floating-point rows of cpu/insn/fp_scalar.h.
enum class GenClass : uint8_t {
  kDataProcImm,
  kDataProcReg,
  kBranchSystem,
  kLoadStore,
  kSimdFp,
  kRandomWords,
  kSimdInt,
  kFpScalar,
};
constexpr unsigned kNumGenClasses = 8;

const char* gen_class_name(GenClass c);
std::optional<GenClass> parse_gen_class(std::string_view name);

struct TestCase {
  uint32_t insn = 0;
  ArchState in;
};

// A small, fast PRNG (xoshiro256**), seeded through splitmix64.
class Rng {
 public:
  explicit Rng(uint64_t seed);
  uint64_t next();
  uint64_t below(uint64_t n) { return n ? next() % n : 0; }
  bool chance(unsigned percent) { return below(100) < percent; }

 private:
  uint64_t s_[4];
};

// A fresh random input state (pc in the code region, a mix of pointers into
// the data window, small numbers, edge values and random bits).
ArchState random_state(Rng& rng);

// Points the base register (bits 9:5) of a load/store at the data window and
// makes the index register (bits 20:16) small.
void aim_memory_operands(uint32_t insn, ArchState& st, Rng& rng);

// The case for iteration `iter` of class `c` under `seed`.
TestCase generate(GenClass c, uint64_t seed, uint64_t iter);

// The same input state generate() would build, for a given instruction word
// (diff_tool --insn).
TestCase case_for_insn(uint32_t insn, uint64_t seed, uint64_t iter);

// Instructions whose result depends on state outside the compared set (system
// registers, the exception model, WFx): not compared. Returns the reason.
const char* state_dependent_reason(uint32_t insn);

// CONSTRAINED UNPREDICTABLE register combinations (Arm ARM K1.2), where the
// engines may legitimately differ: load pairs with Rt == Rt2, writeback with
// Rn == Rt, store-exclusive status register overlapping Rt/Rt2/Rn. Not run.
const char* unpredictable_reason(uint32_t insn);

// The per-class default seed (printed by the test).
uint64_t default_seed(GenClass c);

}  // namespace el2::diff
