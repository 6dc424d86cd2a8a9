#include "tests/diff/generators.h"

#include <span>
#include <vector>

#include "cpu/decoder.h"
#include "cpu/insn/fp_scalar.h"
#include "cpu/insn/load_store.h"
#include "cpu/insn/simd_int.h"

namespace el2::diff {

namespace {

uint64_t splitmix(uint64_t& x) {
  uint64_t z = (x += 0x9E37'79B9'7F4A'7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58'476D'1CE4'E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D0'49BB'1331'11EBull;
  return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

constexpr const char* kClassNames[kNumGenClasses] = {
    "data_proc_imm", "data_proc_reg", "branch_system", "load_store",
    "simd_fp",       "random_words",  "simd_int",      "fp_scalar",
};

uint64_t data_pointer(Rng& rng) {
  // Mostly well inside the window so immediate offsets stay mapped; sometimes
  // near its edges so accesses straddle into unmapped memory.
  uint64_t off = rng.chance(90) ? 0x1000 + rng.below(kDataSize - 0x2000) : rng.below(kDataSize);
  const unsigned r = static_cast<unsigned>(rng.below(10));
  if (r < 6)
    off &= ~uint64_t{15};
  else if (r < 8)
    off &= ~uint64_t{7};
  return kDataBase + off;
}

uint64_t edge_value(Rng& rng) {
  static constexpr uint64_t kEdges[] = {
      0,
      1,
      2,
      ~uint64_t{0},
      0x7FFF'FFFF,
      0x8000'0000,
      0xFFFF'FFFF,
      0x1'0000'0000,
      0x7FFF'FFFF'FFFF'FFFF,
      0x8000'0000'0000'0000,
      0xFFFF'FFFF'8000'0000,
      0x8000'0000'7FFF'FFFF,
      0x0000'0000'0000'00FF,
      0x0000'0000'0000'FFFF,
      0xFFFF'FFFF'FFFF'FF80,
      0x5555'5555'5555'5555,
  };
  return kEdges[rng.below(std::size(kEdges))];
}

uint64_t random_gpr(Rng& rng) {
  const unsigned r = static_cast<unsigned>(rng.below(100));
  if (r < 40) return rng.next();
  if (r < 55) return rng.below(130) - 65;  // Small, possibly negative.
  if (r < 70) return edge_value(rng);
  if (r < 90) return data_pointer(rng);
  return kCodeBase + (rng.below(kCodeLimit - kCodeBase) & ~uint64_t{3});
}

// An FP-flavoured 32- or 64-bit lane: zeros, infinities, NaNs, denormals, ones.
uint64_t fp_lane64(Rng& rng) {
  static constexpr uint64_t kF64[] = {
      0x0000'0000'0000'0000, 0x8000'0000'0000'0000, 0x7FF0'0000'0000'0000, 0xFFF0'0000'0000'0000,
      0x7FF8'0000'0000'0000, 0x7FF4'0000'0000'0000, 0x0000'0000'0000'0001, 0x000F'FFFF'FFFF'FFFF,
      0x3FF0'0000'0000'0000, 0xBFF0'0000'0000'0000, 0x7FEF'FFFF'FFFF'FFFF, 0x4330'0000'0000'0000,
      0x43E0'0000'0000'0000, 0xC3E0'0000'0000'0000, 0x41E0'0000'0000'0000, 0x3FE0'0000'0000'0000,
  };
  static constexpr uint32_t kF32[] = {
      0x0000'0000, 0x8000'0000, 0x7F80'0000, 0xFF80'0000, 0x7FC0'0000, 0x7FA0'0000,
      0x0000'0001, 0x007F'FFFF, 0x3F80'0000, 0xBF80'0000, 0x7F7F'FFFF, 0x4B00'0000,
      0x4F00'0000, 0xCF00'0000, 0x5F00'0000, 0x3F00'0000,
  };
  switch (rng.below(4)) {
    case 0:
      return kF64[rng.below(16)];
    case 1:
      return kF32[rng.below(16)] | (uint64_t{kF32[rng.below(16)]} << 32);
    default:
      return rng.next();
  }
}

struct ClassRows {
  std::vector<const InsnDef*> implemented;
  std::vector<const InsnDef*> all;
};

// The rows of GenClass::kSimdInt: those of insn::kSimdIntRows and the
// structure load/store rows; GenClass::kFpScalar: insn::kFpScalarRows.
template <size_t N>
bool in_rows(const InsnDef& row, const std::array<InsnDef, N>& rows) {
  for (const InsnDef& r : rows)
    if (r.mask == row.mask && r.value == row.value && r.fn == row.fn) return true;
  return false;
}

bool is_simd_int_row(const InsnDef& row) {
  return row.fn == &insn::ldst_multi_n || row.fn == &insn::ldst_single ||
         in_rows(row, insn::kSimdIntRows);
}

const ClassRows& rows_of(GenClass c) {
  static const auto* table = [] {
    auto* t = new std::array<ClassRows, kNumGenClasses>();
    auto add = [](ClassRows& cr, const InsnDef& row) {
      cr.all.push_back(&row);
      if (row.fn) cr.implemented.push_back(&row);
    };
    for (const InsnDef& row : decode_table()) {
      add((*t)[static_cast<unsigned>(row.iclass)], row);
      if (is_simd_int_row(row)) add((*t)[static_cast<unsigned>(GenClass::kSimdInt)], row);
      if (in_rows(row, insn::kFpScalarRows))
        add((*t)[static_cast<unsigned>(GenClass::kFpScalar)], row);
    }
    return t;
  }();
  return (*table)[static_cast<unsigned>(c)];
}

const Decoder& max_decoder() {
  static const Decoder* d = new Decoder(*find_cpu_model("max"));
  return *d;
}

uint32_t word_for_class(GenClass c, Rng& rng) {
  if (c == GenClass::kRandomWords) return static_cast<uint32_t>(rng.next());
  const ClassRows& cr = rows_of(c);
  const auto& rows = cr.implemented.empty() ? cr.all : cr.implemented;
  if (rows.empty()) return static_cast<uint32_t>(rng.next());
  const InsnDef* row = rows[rng.below(rows.size())];
  uint32_t insn = 0;
  // Prefer words that really decode to the chosen row (a more specific row
  // may claim part of its space).
  for (int tries = 0; tries < 8; ++tries) {
    insn = row->value | (static_cast<uint32_t>(rng.next()) & ~row->mask);
    if (max_decoder().decode(insn) == row) break;
  }
  return insn;
}

bool is_load_store_space(uint32_t insn) { return (insn & 0x0A00'0000) == 0x0800'0000; }

}  // namespace

Rng::Rng(uint64_t seed) {
  for (auto& s : s_) s = splitmix(seed);
}

uint64_t Rng::next() {
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

const char* gen_class_name(GenClass c) { return kClassNames[static_cast<unsigned>(c)]; }

std::optional<GenClass> parse_gen_class(std::string_view name) {
  for (unsigned i = 0; i < kNumGenClasses; ++i)
    if (name == kClassNames[i]) return static_cast<GenClass>(i);
  return std::nullopt;
}

uint64_t default_seed(GenClass c) { return 0xE12E'0000 + static_cast<unsigned>(c); }

ArchState random_state(Rng& rng) {
  ArchState st;
  for (auto& x : st.x) x = random_gpr(rng);
  st.sp = rng.chance(80) ? data_pointer(rng) : random_gpr(rng);
  st.pc = kCodeBase + (rng.below(kCodeLimit - kCodeBase) & ~uint64_t{3});
  st.nzcv = static_cast<uint32_t>(rng.below(16)) << 28;
  for (auto& v : st.v) {
    if (rng.chance(70)) {
      v.lo = fp_lane64(rng);
      v.hi = fp_lane64(rng);
    } else {
      v.lo = rng.next();
      v.hi = rng.next();
    }
  }
  st.fpcr = rng.chance(50) ? 0 : static_cast<uint32_t>(rng.next()) & kFpcrMask;
  st.fpsr = rng.chance(50) ? 0 : static_cast<uint32_t>(rng.next()) & kFpsrMask;
  return st;
}

void aim_memory_operands(uint32_t insn, ArchState& st, Rng& rng) {
  const unsigned rn = (insn >> 5) & 31;
  const unsigned rm = (insn >> 16) & 31;
  if (rm != 31) st.x[rm] = rng.chance(70) ? rng.below(512) - 256 : rng.below(16);
  const uint64_t p = data_pointer(rng);
  if (rn == 31)
    st.sp = p;
  else
    st.x[rn] = p;
}

TestCase case_for_insn(uint32_t insn, uint64_t seed, uint64_t iter) {
  uint64_t mix = seed ^ (iter * 0xD605'BBB5'8C8A'BBB9ull);
  Rng rng(splitmix(mix));
  rng.next();  // Keep the stream aligned with generate(), which draws the word first.
  TestCase tc;
  tc.insn = insn;
  tc.in = random_state(rng);
  if (is_load_store_space(insn) && rng.chance(90)) aim_memory_operands(insn, tc.in, rng);
  return tc;
}

TestCase generate(GenClass c, uint64_t seed, uint64_t iter) {
  uint64_t mix = seed ^ (iter * 0xD605'BBB5'8C8A'BBB9ull);
  Rng rng(splitmix(mix));
  Rng word_rng(rng.next());
  const uint32_t insn = word_for_class(c, word_rng);
  TestCase tc;
  tc.insn = insn;
  tc.in = random_state(rng);
  if (is_load_store_space(insn) && rng.chance(90)) aim_memory_operands(insn, tc.in, rng);
  return tc;
}

const char* state_dependent_reason(uint32_t insn) {
  // Exception generation: SVC, HVC, SMC, BRK, HLT, DCPS.
  if ((insn & 0xFF00'0000) == 0xD400'0000) return "exception generation";
  // ERET, ERETAA/AB, DRPS.
  if ((insn & 0xFFFF'F000) == 0xD69F'0000 || (insn & 0xFFFF'F000) == 0xD6BF'0000)
    return "exception return";
  if ((insn & 0xFFC0'0000) == 0xD500'0000) {
    // System space: hints, barriers, CLREX, MSR (immediate), SYS, MRS/MSR.
    const bool hint = (insn & 0xFFFF'F01F) == 0xD503'201F;
    if (hint) {
      const unsigned op = (insn >> 5) & 0x7F;  // CRm:op2
      if (op >= 1 && op <= 5) return "YIELD/WFE/WFI/SEV/SEVL";
      return nullptr;
    }
    if ((insn & 0xFFFF'F01F) == 0xD503'301F) return nullptr;  // CLREX, DSB, DMB, ISB, SB...
    return "system register / SYS / MSR (immediate)";
  }
  return nullptr;
}

}  // namespace el2::diff

namespace el2::diff {

const char* unpredictable_reason(uint32_t insn) {
  const unsigned rt = insn & 31, rn = (insn >> 5) & 31, rt2 = (insn >> 10) & 31,
                 rs = (insn >> 16) & 31;
  const bool simd = (insn >> 26) & 1;
  // Load/store pair: bits 29:27 = 101; bits 25:23 = 001 post, 011 pre.
  if ((insn & 0x3800'0000) == 0x2800'0000) {
    const bool load = (insn >> 22) & 1;
    const unsigned idx = (insn >> 23) & 7;
    if (load && rt == rt2) return "load pair with Rt == Rt2";
    if (!simd && (idx == 1 || idx == 3) && rn != 31 && (rn == rt || rn == rt2))
      return "pair writeback with Rn == Rt/Rt2";
    return nullptr;
  }
  // Load/store register (imm9): bits 29:27 = 111, 25:24 = 00, 21 = 0; 11:10 = 01 post, 11 pre.
  if ((insn & 0x3B20'0000) == 0x3800'0000 && !simd) {
    const unsigned idx = (insn >> 10) & 3;
    if ((idx == 1 || idx == 3) && rn != 31 && rn == rt) return "writeback with Rn == Rt";
    return nullptr;
  }
  // Exclusives: bits 29:24 = 001000; o2 = bit 23, L = bit 22, o1 = bit 21.
  if ((insn & 0x3F00'0000) == 0x0800'0000) {
    const bool o2 = (insn >> 23) & 1, l = (insn >> 22) & 1, o1 = (insn >> 21) & 1;
    if (o2) return nullptr;  // LDAR/STLR/CAS.
    if (!l && (rs == rt || (rs == rn && rn != 31) || (o1 && rs == rt2)))
      return "store-exclusive status register overlaps Rt/Rt2/Rn";
    if (l && o1 && rt == rt2) return "load-exclusive pair with Rt == Rt2";
  }
  return nullptr;
}

}  // namespace el2::diff
