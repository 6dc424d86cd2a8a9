// The rig shared by the Advanced SIMD integer unit tests: one core at EL1 with
// SIMD&FP enabled, an instruction executed at a fixed address. Encodings are
// from `llvm-mc --triple=aarch64 --show-encoding`; expected values are worked
// out by hand from the Arm ARM pseudocode of each instruction.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <initializer_list>
#include <memory>

#include "cpu/cpu.h"
#include "platform/memory_map.h"

namespace el2::simd_test {

constexpr uint64_t kRam = 0x4000'0000;
constexpr uint64_t kVbar = 0x4000'8000;
constexpr uint64_t kOnes = ~uint64_t{0};
constexpr uint32_t kQc = 1u << 27;  // FPSR.QC

struct Rig {
  MemoryMap mem;
  std::unique_ptr<Cpu> cpu;

  Rig() {
    mem.add_ram("ram", kRam, 1 << 20);
    cpu = std::make_unique<Cpu>(*find_cpu_model("max"), mem);
    CpuState& s = cpu->state();
    s.pstate.el = 1;
    s.sys.cpacr_el1 = 3ull << 20;  // FPEN = 0b11: no trap.
    s.sys.vbar[1] = kVbar;
    s.pc = kRam;
  }

  CpuState& st() { return cpu->state(); }
  void setv(unsigned n, uint64_t lo, uint64_t hi) { st().v[n] = VReg{lo, hi}; }
  VReg v(unsigned n) { return st().v[n]; }

  // Executes one instruction at kRam.
  void exec(uint32_t insn) {
    st().pc = kRam;
    st().pstate.el = 1;
    mem.write_phys(kRam, &insn, 4);
    cpu->step();
  }
  bool took_exception() const { return cpu->state().pc != kRam + 4; }
  unsigned ec() const { return static_cast<unsigned>(cpu->state().sys.esr[1] >> 26); }
};

// One instruction with V1 = n, V2 = m and V0 = d before it; V0 after it, and
// whether it must set FPSR.QC (cleared before).
struct Case {
  uint32_t insn;
  uint64_t n_lo, n_hi, m_lo, m_hi, lo, hi;
  bool qc = false;
  uint64_t d_lo = 0x5A5A'5A5A'5A5A'5A5A, d_hi = 0xA5A5'A5A5'A5A5'A5A5;
};

inline void run_cases(std::initializer_list<Case> cases) {
  Rig r;
  for (const Case& c : cases) {
    CAPTURE(c.insn);
    r.st().fpsr = 0;
    r.setv(0, c.d_lo, c.d_hi);
    r.setv(1, c.n_lo, c.n_hi);
    r.setv(2, c.m_lo, c.m_hi);
    r.exec(c.insn);
    CHECK_FALSE(r.took_exception());
    CHECK(r.v(0).lo == c.lo);
    CHECK(r.v(0).hi == c.hi);
    CHECK((r.st().fpsr == kQc) == c.qc);
  }
}

// Each instruction must be UNDEFINED and leave V0 alone.
inline void check_undefined(std::initializer_list<uint32_t> insns) {
  Rig r;
  for (uint32_t insn : insns) {
    CAPTURE(insn);
    r.setv(0, 0x1234, 0x5678);
    r.exec(insn);
    CHECK(r.took_exception());
    CHECK(r.ec() == 0x00);
    CHECK(r.v(0).lo == 0x1234);
    CHECK(r.v(0).hi == 0x5678);
  }
}

}  // namespace el2::simd_test
