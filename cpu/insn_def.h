// One row of the decode table: an encoding, the function that executes it, and
// the facts other layers need about it (class, op class for timing, feature).
#pragma once

#include <bit>
#include <cstdint>

#include "cpu/cpu_model.h"
#include "cpu/encoding.h"

namespace el2 {

class Cpu;
using Handler = void (*)(Cpu&, uint32_t insn);
// Picks, for one encoding, a body specialised on its fixed fields (register
// width, flag setting, condition...), so the hot forms run without testing
// them on every execution. Same behaviour as the row's generic `fn`.
using Specializer = Handler (*)(uint32_t insn);

// Instruction classes: one source file each under cpu/insn/.
enum class Iclass : uint8_t { kDataProcImm, kDataProcReg, kBranchSystem, kLoadStore, kSimdFp };

// What the timing model needs to know about an instruction (F9).
enum class OpClass : uint8_t {
  kIntAlu,
  kIntMul,
  kIntDiv,
  kLoad,
  kStore,
  kAtomic,
  kBranch,
  kSystem,
  kBarrier,
  kFpSimd,
  kFpSimdLoad,
  kFpSimdStore,
  kNop,
};

// Optional architecture features a CPU model may lack; their rows decode as
// UNDEFINED on models without them.
enum class Feature : uint8_t { kBase, kLse, kCrc32, kFp, kPan, kVhe };

// Whether the CPU model implements a feature (decode rows, system registers).
constexpr bool has_feature(const CpuModel& m, Feature f) {
  switch (f) {
    case Feature::kBase: return true;
    case Feature::kLse: return m.lse;
    case Feature::kCrc32: return m.crc32;
    case Feature::kFp: return m.fp;
    case Feature::kPan: return m.pan;
    case Feature::kVhe: return m.vhe;
  }
  return false;
}

struct InsnDef {
  uint32_t mask = 0;
  uint32_t value = 0;
  Handler fn = nullptr;  // nullptr: a known encoding el2emu does not implement (UNDEFINED).
  const char* name = "";
  Iclass iclass = Iclass::kDataProcImm;
  OpClass op = OpClass::kIntAlu;
  Feature feature = Feature::kBase;
  // Rows are tried from the highest priority down, then from the most fixed bits
  // down. Two rows may overlap only if one's fixed bits include the other's, or
  // their priorities differ (checked at compile time in decode_table.cc).
  int8_t priority = 0;
  Specializer specialize = nullptr;  // Optional; the decode cache uses it.

  constexpr bool matches(uint32_t insn) const { return (insn & mask) == value; }
  constexpr int specificity() const { return std::popcount(mask); }
};

template <class E>
consteval InsnDef def(const char* name, Handler fn, Iclass iclass, OpClass op,
                      Feature feature = Feature::kBase, int8_t priority = 0) {
  return InsnDef{E::mask, E::value, fn, name, iclass, op, feature, priority};
}

// A row whose decoded instructions run specialised bodies (see Specializer).
consteval InsnDef specialized(InsnDef row, Specializer specialize) {
  row.specialize = specialize;
  return row;
}

}  // namespace el2
