// The rig shared by the load/store unit tests: one core on RAM with helpers to
// run an instruction and read memory. Encodings from llvm-mc (--triple=aarch64
// -mattr=+lse --show-encoding); expected values worked out by hand from the Arm
// ARM pseudocode.
#pragma once

#include <doctest/doctest.h>

#include <cstring>
#include <memory>

#include "cpu/cpu.h"
#include "platform/memory_map.h"

namespace el2::ldst_test {

constexpr uint64_t kRam = 0x40000000;
constexpr uint64_t kCode = 0x40001000;
constexpr uint64_t kData = 0x40010000;
constexpr uint64_t kVbar = 0x40080000;
constexpr uint64_t kSyncSameElSpx = kVbar + 0x200;

struct Core {
  MemoryMap mem;
  CpuModel model;
  std::unique_ptr<Cpu> cpu;

  explicit Core(const char* name = "max") {
    mem.add_ram("ram", kRam, 1 << 20);
    model = *find_cpu_model(name);
    model.fp = true;
    cpu = std::make_unique<Cpu>(model, mem);
    s().pstate.el = 1;
    s().sys.cpacr_el1 = 3ull << 20;  // FP enabled.
    s().sys.vbar[1] = kVbar;
    for (unsigned i = 0; i < 64; ++i) put8(kData + i, static_cast<uint8_t>(i));
  }
  CpuState& s() { return cpu->state(); }
  uint64_t& x(unsigned n) { return s().x[n]; }
  VReg& v(unsigned n) { return s().v[n]; }

  void exec(uint32_t insn) {
    mem.write_phys(kCode, &insn, 4);
    s().pc = kCode;
    cpu->step();
  }
  bool ok() const { return cpu->state().pc == kCode + 4; }
  bool trapped() const { return cpu->state().pc == kSyncSameElSpx; }
  uint32_t esr() const { return static_cast<uint32_t>(cpu->state().sys.esr[1]); }
  unsigned ec() const { return esr() >> 26; }
  unsigned dfsc() const { return esr() & 0x3F; }
  bool wnr() const { return (esr() >> 6) & 1; }
  uint64_t far() const { return cpu->state().sys.far[1]; }

  uint64_t get64(uint64_t a) {
    uint64_t v = 0;
    mem.read_phys(a, &v, 8);
    return v;
  }
  uint32_t get32(uint64_t a) {
    uint32_t v = 0;
    mem.read_phys(a, &v, 4);
    return v;
  }
  void put64(uint64_t a, uint64_t v) { mem.write_phys(a, &v, 8); }
  void put32(uint64_t a, uint32_t v) { mem.write_phys(a, &v, 4); }
  void put8(uint64_t a, uint8_t v) { mem.write_phys(a, &v, 1); }
};

// Bytes kData + k are k (0..63) initially: the little-endian 64-bit word at
// kData + k is therefore this.
constexpr uint64_t word_at(unsigned k) {
  uint64_t v = 0;
  for (unsigned b = 0; b < 8; ++b) v |= uint64_t{k + b} << (8 * b);
  return v;
}

// ---- Single register ------------------------------------------------------

}  // namespace el2::ldst_test
