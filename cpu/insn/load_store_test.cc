// Unit tests for the load/store class. Encodings from llvm-mc
// (--triple=aarch64 -mattr=+lse --show-encoding); expected values worked out by
// hand from the Arm ARM pseudocode.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstring>
#include <memory>

#include "cpu/cpu.h"
#include "platform/memory_map.h"

namespace el2 {
namespace {

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

TEST_CASE("unsigned offset loads: sizes and sign extension") {
  Core c;
  c.x(2) = kData;
  c.exec(0xF9400441);  // ldr x1, [x2, #8]
  CHECK(c.x(1) == word_at(8));
  c.exec(0xB9400441);  // ldr w1, [x2, #4]
  CHECK(c.x(1) == 0x07060504);
  c.exec(0x39400C41);  // ldrb w1, [x2, #3]
  CHECK(c.x(1) == 3);
  c.exec(0x79400441);  // ldrh w1, [x2, #2]
  CHECK(c.x(1) == 0x0302);
  c.put64(kData + 0x20, 0x8000'0000'8081'80F0ull);
  c.x(2) = kData + 0x20;
  c.exec(0x39C00041);  // ldrsb w1, [x2]
  CHECK(c.x(1) == 0xFFFF'FFF0ull);
  c.exec(0x39800041);  // ldrsb x1, [x2]
  CHECK(c.x(1) == 0xFFFF'FFFF'FFFF'FFF0ull);
  c.exec(0x79C00041);  // ldrsh w1, [x2]
  CHECK(c.x(1) == 0xFFFF'80F0ull);
  c.exec(0x79800041);  // ldrsh x1, [x2]
  CHECK(c.x(1) == 0xFFFF'FFFF'FFFF'80F0ull);
  c.exec(0xB9800041);  // ldrsw x1, [x2]
  CHECK(c.x(1) == 0xFFFF'FFFF'8081'80F0ull);
}

TEST_CASE("unsigned offset stores") {
  Core c;
  c.x(2) = kData + 0x40;
  c.x(1) = 0x1122'3344'5566'7788ull;
  c.exec(0xF9000841);  // str x1, [x2, #16]
  CHECK(c.get64(kData + 0x50) == 0x1122'3344'5566'7788ull);
  c.put64(kData + 0x40, 0);
  c.exec(0x39000441);  // strb w1, [x2, #1]
  c.exec(0x79000441);  // strh w1, [x2, #2]
  c.exec(0xB9000441);  // str w1, [x2, #4]
  CHECK(c.get64(kData + 0x40) == 0x5566'7788'7788'8800ull);
}

TEST_CASE("unscaled, pre/post-index and writeback") {
  Core c;
  c.x(2) = kData + 16;
  c.exec(0xF85F8041);  // ldur x1, [x2, #-8]
  CHECK(c.x(1) == word_at(8));
  CHECK(c.x(2) == kData + 16);
  c.x(1) = 0xAABBCCDD;
  c.x(2) = kData + 0x113;
  c.exec(0xB81FD041);  // stur w1, [x2, #-3]
  CHECK(c.get32(kData + 0x110) == 0xAABBCCDD);

  c.x(2) = kData;
  c.exec(0xF8410441);  // ldr x1, [x2], #16: post-index loads from the base.
  CHECK(c.x(1) == word_at(0));
  CHECK(c.x(2) == kData + 16);
  c.x(2) = kData + 32;
  c.exec(0xF85F0C41);  // ldr x1, [x2, #-16]!
  CHECK(c.x(1) == word_at(16));
  CHECK(c.x(2) == kData + 16);
  c.x(1) = 0x55;
  c.x(2) = kData + 0x100;
  c.exec(0xF81F8441);  // str x1, [x2], #-8
  CHECK(c.get64(kData + 0x100) == 0x55);
  CHECK(c.x(2) == kData + 0xF8);
  c.s().sp() = kData + 0x200;
  c.exec(0xF81F0FE1);  // str x1, [sp, #-16]!
  CHECK(c.get64(kData + 0x1F0) == 0x55);
  CHECK(c.s().sp() == kData + 0x1F0);
}

TEST_CASE("writeback with Rn == Rt (CONSTRAINED UNPREDICTABLE choices)") {
  Core c;
  c.x(1) = kData;
  c.exec(0xF8408421);  // ldr x1, [x1], #8: the writeback wins.
  CHECK(c.ok());
  CHECK(c.x(1) == kData + 8);
  c.x(1) = kData + 0x100;
  c.exec(0xF8008C21);  // str x1, [x1, #8]!: stores the original Rt.
  CHECK(c.get64(kData + 0x108) == kData + 0x100);
  CHECK(c.x(1) == kData + 0x108);
}

TEST_CASE("unprivileged LDTR/STTR") {
  Core c;
  c.x(2) = kData;
  c.exec(0xF8408841);  // ldtr x1, [x2, #8]
  CHECK(c.x(1) == word_at(8));
  CHECK(c.x(2) == kData);  // No writeback.
  c.x(1) = 0xEE;
  c.exec(0x38001841);  // sttrb w1, [x2, #1]
  CHECK(c.get32(kData) == 0x0302EE00);
  c.put32(kData + 0x20, 0x8001);
  c.x(2) = kData + 0x20;
  c.exec(0x78800841);  // ldtrsh x1, [x2]
  CHECK(c.x(1) == 0xFFFF'FFFF'FFFF'8001ull);
  // PRFM has no unprivileged form: size 11, opc 10, mode 10.
  c.exec(0xF8808841);
  CHECK(c.trapped());
  CHECK(c.ec() == 0);
}

TEST_CASE("register offset: LSL, UXTW, SXTW, SXTX") {
  Core c;
  c.x(2) = kData;
  c.x(3) = 8;
  c.exec(0xF8636841);  // ldr x1, [x2, x3]
  CHECK(c.x(1) == word_at(8));
  c.x(3) = 2;
  c.exec(0xF8637841);  // ldr x1, [x2, x3, lsl #3]
  CHECK(c.x(1) == word_at(16));
  c.x(3) = 0xFFFF'FFFF'0000'0003ull;  // UXTW ignores the top half.
  c.exec(0xB8635841);                 // ldr w1, [x2, w3, uxtw #2]
  CHECK(c.x(1) == 0x0F0E0D0C);
  c.x(2) = kData + 0x10;
  c.x(3) = 0xFFFF'FFFC;  // SXTW: -4.
  c.exec(0xB863C841);    // ldr w1, [x2, w3, sxtw]
  CHECK(c.x(1) == 0x0F0E0D0C);
  c.x(3) = ~uint64_t{0};  // SXTX #1: -2.
  c.exec(0x7863F841);     // ldrh w1, [x2, x3, sxtx #1]
  CHECK(c.x(1) == 0x0F0E);
  c.put32(kData + 0x30, 0x8000'0000);
  c.x(2) = kData + 0x20;
  c.x(3) = 4;
  c.exec(0xB8A3D841);  // ldrsw x1, [x2, w3, sxtw #2]
  CHECK(c.x(1) == 0xFFFF'FFFF'8000'0000ull);
  c.x(1) = 0x99;
  c.x(3) = 0x21;
  c.exec(0x38236841);  // strb w1, [x2, x3]
  CHECK((c.get32(kData + 0x41) & 0xFF) == 0x99);
  // option<1> == 0 (here option 000, UXTB) is unallocated.
  c.exec(0xF8630841);
  CHECK(c.trapped());
  CHECK(c.ec() == 0);
}

TEST_CASE("literal loads and prefetch hints") {
  Core c;
  c.put64(kCode + 8, 0x8877'6655'8433'2211ull);
  c.exec(0x58000041);  // ldr x1, #8
  CHECK(c.x(1) == 0x8877'6655'8433'2211ull);
  c.exec(0x98000041);  // ldrsw x1, #8
  CHECK(c.x(1) == 0xFFFF'FFFF'8433'2211ull);
  c.put32(kCode - 4, 0xCAFEF00D);
  c.exec(0x18FFFFE1);  // ldr w1, #-4
  CHECK(c.x(1) == 0xCAFEF00D);
  // Prefetches are NOPs, even to unmapped addresses.
  c.x(1) = 7;
  c.x(2) = 0x1000;
  c.x(3) = 0;
  for (uint32_t insn : {0xF9800440u, 0xF8A36840u, 0xF8801040u, 0xD8000040u}) {
    c.exec(insn);
    CHECK(c.ok());
  }
  CHECK(c.x(1) == 7);
}

TEST_CASE("unallocated single-register encodings") {
  Core c;
  c.x(2) = kData;
  // size 11 opc 11 and size 10 opc 11 (unsigned offset): unallocated.
  for (uint32_t insn : {0xF9C00041u, 0xB9C00041u, 0xF8C00441u /* imm9 post, size 11 opc 11 */,
                        0xF8810441u /* PRFM post-index */}) {
    c.exec(insn);
    CHECK(c.trapped());
    CHECK(c.ec() == 0);
  }
}

// ---- Faults -----------------------------------------------------------------

TEST_CASE("external abort on unmapped addresses, registers unchanged") {
  Core c;
  c.x(1) = 123;
  c.x(2) = 0x1000;
  c.exec(0xF8410441);  // ldr x1, [x2], #16
  CHECK(c.trapped());
  CHECK(c.ec() == 0x25);
  CHECK(c.dfsc() == 0x10);
  CHECK(c.far() == 0x1000);
  CHECK(!c.wnr());
  CHECK(c.x(1) == 123);
  CHECK(c.x(2) == 0x1000);  // No writeback.
  c.exec(0xF9000841);       // str x1, [x2, #16]
  CHECK(c.trapped());
  CHECK(c.dfsc() == 0x10);
  CHECK(c.wnr());
  CHECK(c.far() == 0x1010);
  c.x(3) = 0x2000;
  c.exec(0xA8C10861);  // ldp x1, x2, [x3], #16
  CHECK(c.trapped());
  CHECK(c.x(3) == 0x2000);
  CHECK(c.x(1) == 123);
}

// ---- Pairs --------------------------------------------------------------------

TEST_CASE("LDP/STP/LDPSW/LDNP/STNP") {
  Core c;
  c.x(3) = kData;
  c.exec(0xA9400861);  // ldp x1, x2, [x3]
  CHECK(c.x(1) == word_at(0));
  CHECK(c.x(2) == word_at(8));
  c.exec(0x29410861);  // ldp w1, w2, [x3, #8]
  CHECK(c.x(1) == 0x0B0A0908);
  CHECK(c.x(2) == 0x0F0E0D0C);
  c.exec(0xA8C10861);  // ldp x1, x2, [x3], #16
  CHECK(c.x(1) == word_at(0));
  CHECK(c.x(3) == kData + 16);
  c.x(3) = kData + 32;
  c.exec(0xA9FF0861);  // ldp x1, x2, [x3, #-16]!
  CHECK(c.x(1) == word_at(16));
  CHECK(c.x(2) == word_at(24));
  CHECK(c.x(3) == kData + 16);
  c.exec(0xA8410861);  // ldnp x1, x2, [x3, #16]
  CHECK(c.x(1) == word_at(32));
  CHECK(c.x(3) == kData + 16);

  c.x(1) = 0x1111'2222'3333'4444ull;
  c.x(2) = 0x5555'6666'7777'8888ull;
  c.x(3) = kData + 0x100;
  c.exec(0xA9010861);  // stp x1, x2, [x3, #16]
  CHECK(c.get64(kData + 0x110) == 0x1111'2222'3333'4444ull);
  CHECK(c.get64(kData + 0x118) == 0x5555'6666'7777'8888ull);
  c.exec(0x28810861);  // stp w1, w2, [x3], #8
  CHECK(c.get64(kData + 0x100) == 0x7777'8888'3333'4444ull);
  CHECK(c.x(3) == kData + 0x108);
  c.exec(0x28000861);  // stnp w1, w2, [x3]
  CHECK(c.get64(kData + 0x108) == 0x7777'8888'3333'4444ull);

  c.put64(kData + 0x200, 0x7FFF'FFFF'8000'0001ull);
  c.x(3) = kData + 0x200;
  c.exec(0x69400861);  // ldpsw x1, x2, [x3]
  CHECK(c.x(1) == 0xFFFF'FFFF'8000'0001ull);
  CHECK(c.x(2) == 0x7FFF'FFFFull);

  // Unallocated: opc 11; LDPSW no-allocate (opc 01 L 1 mode 00); opc 01 L 0 (STGP).
  for (uint32_t insn : {0xE9400861u, 0x68400861u, 0x69000861u}) {
    c.exec(insn);
    CHECK(c.trapped());
    CHECK(c.ec() == 0);
  }
}

TEST_CASE("LDP Rt == Rt2 and writeback overlap (CONSTRAINED UNPREDICTABLE choices)") {
  Core c;
  c.x(2) = kData;
  c.exec(0xA9400441);  // ldp x1, x1, [x2]: the first element.
  CHECK(c.x(1) == word_at(0));
  c.x(1) = kData;
  c.exec(0xA8C10821);  // ldp x1, x2, [x1], #16: the writeback wins.
  CHECK(c.x(1) == kData + 16);
  CHECK(c.x(2) == word_at(8));
}

// ---- Exclusives and ordered ---------------------------------------------------

TEST_CASE("LDXR/STXR success, failure and monitor clearing") {
  Core c;
  c.x(2) = kData + 0x100;
  c.put64(kData + 0x100, 42);
  c.exec(0xC85F7C41);  // ldxr x1, [x2]
  CHECK(c.x(1) == 42);
  CHECK(c.s().monitor.armed);
  CHECK(c.s().monitor.addr == kData + 0x100);
  CHECK(c.s().monitor.size == 8);
  c.x(1) = 43;
  c.exec(0xC8037C41);  // stxr w3, x1, [x2]
  CHECK(c.x(3) == 0);
  CHECK(c.get64(kData + 0x100) == 43);
  CHECK(!c.s().monitor.armed);
  // Again, without a load-exclusive: fails, memory untouched.
  c.x(1) = 44;
  c.exec(0xC8037C41);
  CHECK(c.x(3) == 1);
  CHECK(c.get64(kData + 0x100) == 43);
  // Armed for another address: fails and disarms.
  c.x(2) = kData + 0x108;
  c.exec(0xC85F7C41);  // ldxr x1, [x2]
  c.x(2) = kData + 0x100;
  c.exec(0xC8037C41);
  CHECK(c.x(3) == 1);
  CHECK(!c.s().monitor.armed);
  CHECK(c.get64(kData + 0x100) == 43);
  // CLREX in between: fails.
  c.exec(0xC85F7C41);
  c.exec(0xD503305F);  // clrex
  c.exec(0xC8037C41);
  CHECK(c.x(3) == 1);
}

TEST_CASE("exclusive byte/half/word and acquire/release forms") {
  Core c;
  c.x(2) = kData + 5;
  c.exec(0x085F7C41);  // ldxrb w1, [x2]
  CHECK(c.x(1) == 5);
  c.x(1) = 0xABC;
  c.exec(0x08037C41);  // stxrb w3, w1, [x2]
  CHECK(c.x(3) == 0);
  CHECK(c.get32(kData + 4) == 0x0706BC04);
  c.x(2) = kData + 6;
  c.exec(0x485F7C41);  // ldxrh w1, [x2]
  CHECK(c.x(1) == 0x0706);
  c.x(2) = kData + 8;
  c.exec(0x885F7C41);  // ldxr w1, [x2]
  CHECK(c.x(1) == 0x0B0A0908);
  CHECK(c.s().monitor.size == 4);
  c.x(1) = 0xFFFF'FFFF'1234'5678ull;
  c.exec(0x8803FC41);  // stlxr w3, w1, [x2]
  CHECK(c.x(3) == 0);
  CHECK(c.get64(kData + 8) == 0x0F0E0D0C'12345678ull);
  c.exec(0xC85FFC41);  // ldaxr x1, [x2]
  CHECK(c.x(1) == 0x0F0E0D0C'12345678ull);
  CHECK(c.s().monitor.armed);
}

TEST_CASE("store-exclusive with Rs == Rt stores the original value") {
  Core c;
  c.x(2) = kData + 0x100;
  c.exec(0xC85F7C40);  // ldxr x0, [x2]
  c.x(1) = 0x1122'3344'5566'7788ull;
  c.exec(0xC8017C41);  // stxr w1, x1, [x2]
  CHECK(c.ok());
  CHECK(c.x(1) == 0);
  CHECK(c.get64(kData + 0x100) == 0x1122'3344'5566'7788ull);
}

TEST_CASE("exclusive pairs") {
  Core c;
  c.x(2) = kData + 0x10;
  c.exec(0xC87F1041);  // ldxp x1, x4, [x2]
  CHECK(c.x(1) == word_at(16));
  CHECK(c.x(4) == word_at(24));
  CHECK(c.s().monitor.size == 16);
  c.x(1) = 1;
  c.x(4) = 2;
  c.exec(0xC8231041);  // stxp w3, x1, x4, [x2]
  CHECK(c.x(3) == 0);
  CHECK(c.get64(kData + 0x10) == 1);
  CHECK(c.get64(kData + 0x18) == 2);
  c.x(2) = kData + 0x20;
  c.exec(0x887F1041);  // ldxp w1, w4, [x2]
  CHECK(c.x(1) == 0x23222120);
  CHECK(c.x(4) == 0x27262524);
  c.x(1) = 0xAAAA'0000'0000'0001ull;
  c.x(4) = 0xBBBB'0000'0000'0002ull;
  c.exec(0x88239041);  // stlxp w3, w1, w4, [x2]
  CHECK(c.x(3) == 0);
  CHECK(c.get64(kData + 0x20) == 0x0000'0002'0000'0001ull);
  // 64-bit pairs must be 16-byte aligned, 32-bit pairs 8-byte aligned.
  c.x(2) = kData + 0x28;
  c.exec(0xC87F9041);  // ldaxp x1, x4, [x2]
  CHECK(c.trapped());
  CHECK(c.ec() == 0x25);
  CHECK(c.dfsc() == 0x21);
  CHECK(c.far() == kData + 0x28);
  c.x(2) = kData + 0x24;
  c.exec(0x887F1041);  // ldxp w1, w4, [x2]
  CHECK(c.trapped());
  CHECK(c.dfsc() == 0x21);
}

TEST_CASE("alignment faults on exclusive, acquire and release accesses") {
  Core c;
  c.x(1) = 5;
  c.x(2) = kData + 4;
  c.exec(0xC85F7C41);  // ldxr x1, [x2]
  CHECK(c.trapped());
  CHECK(c.ec() == 0x25);
  CHECK(c.dfsc() == 0x21);
  CHECK(!c.wnr());
  CHECK(c.far() == kData + 4);
  CHECK(c.x(1) == 5);
  CHECK(!c.s().monitor.armed);
  c.x(2) = kData + 2;
  c.exec(0x885F7C41);  // ldxr w1, [x2]
  CHECK(c.trapped());
  c.x(2) = kData + 1;
  c.exec(0x485F7C41);  // ldxrh w1, [x2]
  CHECK(c.trapped());
  c.exec(0x085F7C41);  // ldxrb w1, [x2]: bytes are always aligned.
  CHECK(c.ok());
  // A misaligned store-exclusive faults even with the monitor open.
  c.x(2) = kData + 4;
  c.x(3) = 77;
  c.exec(0xC8037C41);  // stxr w3, x1, [x2]
  CHECK(c.trapped());
  CHECK(c.dfsc() == 0x21);
  CHECK(c.wnr());
  CHECK(c.x(3) == 77);
  c.exec(0xC8DFFC41);  // ldar x1, [x2]
  CHECK(c.trapped());
  CHECK(c.dfsc() == 0x21);
  c.x(2) = kData + 2;
  c.exec(0x889FFC41);  // stlr w1, [x2]
  CHECK(c.trapped());
  CHECK(c.wnr());
  c.x(2) = kData + 1;
  c.exec(0x489FFC41);  // stlrh w1, [x2]
  CHECK(c.trapped());
  // With the MMU off data accesses are Device-nGnRnE, where ordinary
  // unaligned accesses fault too (Arm ARM B2.5.2); aligned ones do not.
  c.x(2) = kData + 4;
  c.exec(0xF9400041);  // ldr x1, [x2]
  CHECK(c.trapped());
  CHECK(c.dfsc() == 0x21);
  c.exec(0xB9400041);  // ldr w1, [x2]
  CHECK(c.ok());
  CHECK(c.x(1) == 0x07060504);
}

TEST_CASE("SP alignment check for SP-based accesses (SCTLR_EL1.SA)") {
  Core c;
  c.s().sys.sctlr[1] |= 1u << 3;  // SA
  c.s().sp() = kData + 8;
  c.x(1) = 5;
  c.exec(0xF94003E1);  // ldr x1, [sp]
  CHECK(c.trapped());
  CHECK(c.ec() == 0x26);
  CHECK(c.x(1) == 5);
  c.exec(0xF81F0FE1);  // str x1, [sp, #-16]!
  CHECK(c.trapped());
  CHECK(c.ec() == 0x26);
  CHECK(c.s().sp() == kData + 8);
  c.s().sp() = kData + 16;
  c.exec(0xF94007E1);  // ldr x1, [sp, #8]: only SP itself must be aligned.
  CHECK(c.ok());
  CHECK(c.x(1) == word_at(24));
}

TEST_CASE("LDAR/STLR") {
  Core c;
  c.x(2) = kData + 8;
  c.exec(0xC8DFFC41);  // ldar x1, [x2]
  CHECK(c.x(1) == word_at(8));
  c.exec(0x08DFFC41);  // ldarb w1, [x2]
  CHECK(c.x(1) == 8);
  c.x(1) = 0xFFFF'FFFF'DEAD'BEEFull;
  c.exec(0x889FFC41);  // stlr w1, [x2]
  CHECK(c.get64(kData + 8) == 0x0F0E0D0C'DEADBEEFull);
  c.exec(0x489FFC41);  // stlrh w1, [x2]
  CHECK(c.get32(kData + 8) == 0xDEADBEEF);
  CHECK(!c.s().monitor.armed);
  // LDLAR/STLLR (FEAT_LOR): not implemented, UNDEFINED.
  c.exec(0xC8DF7C41);  // ldlar x1, [x2]
  CHECK(c.trapped());
  CHECK(c.ec() == 0);
}

// ---- LSE -----------------------------------------------------------------------

struct AtomicCase {
  uint32_t insn;
  const char* text;
  uint64_t mem_before, rs, mem_after, rt_after;
  unsigned bytes;
};

TEST_CASE("LSE atomic operations") {
  const AtomicCase cases[] = {
      // ldadd x1, x4, [x2]
      {0xF8210044, "ldadd", 0xFFFF'FFFF'FFFF'FFFFull, 2, 1, 0xFFFF'FFFF'FFFF'FFFFull, 8},
      // ldaddal w1, w4, [x2]: 32-bit wrap, old zero-extended into X4.
      {0xB8E10044, "ldaddal", 0xFFFF'FFF0, 0x1'0000'0020ull, 0x10, 0xFFFF'FFF0, 4},
      // ldaddb w1, w4, [x2]
      {0x38210044, "ldaddb", 0xF0, 0x20, 0x10, 0xF0, 1},
      // ldclr x1, x4, [x2]: mem AND NOT Xs.
      {0xF8211044, "ldclr", 0xFF00, 0x0F0F, 0xF000, 0xFF00, 8},
      // ldeorh w1, w4, [x2]
      {0x78212044, "ldeorh", 0xFFFF, 0x0FF0, 0xF00F, 0xFFFF, 2},
      // ldset x1, x4, [x2]
      {0xF8213044, "ldset", 0x0101, 0x1010, 0x1111, 0x0101, 8},
      // ldsmax w1, w4, [x2]: signed, -1 < 5.
      {0xB8214044, "ldsmax", 0xFFFF'FFFF, 5, 5, 0xFFFF'FFFF, 4},
      // ldsmin x1, x4, [x2]
      {0xF8215044, "ldsmin", 3, 0x8000'0000'0000'0000ull, 0x8000'0000'0000'0000ull, 3, 8},
      // ldumax w1, w4, [x2]: unsigned, 0xFFFFFFFF > 5.
      {0xB8216044, "ldumax", 0xFFFF'FFFF, 5, 0xFFFF'FFFF, 0xFFFF'FFFF, 4},
      // lduminb w1, w4, [x2]
      {0x38217044, "lduminb", 0x80, 0x7F, 0x7F, 0x80, 1},
      // ldumaxb w1, w4, [x2]: only the low byte of Ws counts (0x7F < 0x80).
      {0x38216044, "ldumaxb", 0x80, 0x17F, 0x80, 0x80, 1},
      // lduminh w1, w4, [x2]
      {0x78217044, "lduminh", 0x0002, 0x1'0001, 0x0001, 0x0002, 2},
      // ldsmaxb w1, w4, [x2]: 0x80 = -128 < 0x7F.
      {0x38214044, "ldsmaxb", 0x80, 0x7F, 0x7F, 0x80, 1},
      // swp x1, x4, [x2]
      {0xF8218044, "swp", 0x1234, 0x5678, 0x5678, 0x1234, 8},
      // swpal w1, w4, [x2]
      {0xB8E18044, "swpal", 0x1234, 0xFFFF'FFFF'0000'5678ull, 0x5678, 0x1234, 4},
      // swph w1, w4, [x2]
      {0x78218044, "swph", 0xABCD, 0x1'5678, 0x5678, 0xABCD, 2},
  };
  for (const AtomicCase& t : cases) {
    CAPTURE(t.text);
    Core c;
    const uint64_t addr = kData + 0x100;
    c.put64(addr, 0x5A5A'5A5A'5A5A'5A5Aull);
    c.mem.write_phys(addr, &t.mem_before, t.bytes);
    c.x(1) = t.rs;
    c.x(2) = addr;
    c.x(4) = 0xDEAD;
    c.exec(t.insn);
    REQUIRE(c.ok());
    uint64_t after = 0;
    c.mem.read_phys(addr, &after, t.bytes);
    CHECK(after == t.mem_after);
    CHECK(c.x(4) == t.rt_after);
    // Bytes beyond the access are untouched.
    if (t.bytes < 8) CHECK(c.mem.read_phys(addr + t.bytes, &after, 1));
    if (t.bytes < 8) CHECK((after & 0xFF) == 0x5A);
  }
}

TEST_CASE("STADD alias (Rt = 31) and atomics alignment") {
  Core c;
  c.x(2) = kData + 0x100;
  c.put64(kData + 0x100, 10);
  c.x(1) = 5;
  c.exec(0xF821005F);  // stadd x1, [x2]
  CHECK(c.get64(kData + 0x100) == 15);
  c.x(2) = kData + 0x104;
  c.x(4) = 9;
  c.exec(0xF8210044);  // ldadd x1, x4, [x2]: misaligned.
  CHECK(c.trapped());
  CHECK(c.ec() == 0x25);
  CHECK(c.dfsc() == 0x21);
  CHECK(c.far() == kData + 0x104);
  CHECK(c.x(4) == 9);
  c.x(2) = kData + 0x102;
  c.exec(0x78218044);  // swph w1, w4, [x2]: aligned to 2.
  CHECK(c.ok());
  c.x(2) = kData + 0x101;
  c.exec(0x78218044);
  CHECK(c.trapped());
}

TEST_CASE("CAS success and failure") {
  Core c;
  const uint64_t addr = kData + 0x100;
  c.x(2) = addr;
  c.put64(addr, 100);
  c.x(1) = 100;
  c.x(4) = 200;
  c.exec(0xC8A17C44);  // cas x1, x4, [x2]
  CHECK(c.get64(addr) == 200);
  CHECK(c.x(1) == 100);
  c.x(1) = 100;  // Compare fails: memory unchanged, Xs = old.
  c.x(4) = 300;
  c.exec(0xC8A17C44);
  CHECK(c.get64(addr) == 200);
  CHECK(c.x(1) == 200);
  // casal w1, w4, [x2]: compares 32 bits only.
  c.put64(addr, 0x1111'1111'0000'0007ull);
  c.x(1) = 0xFFFF'FFFF'0000'0007ull;
  c.x(4) = 0x9;
  c.exec(0x88E1FC44);
  CHECK(c.get64(addr) == 0x1111'1111'0000'0009ull);
  CHECK(c.x(1) == 7);
  // casb w1, w4, [x2]
  c.x(1) = 0x09;
  c.x(4) = 0x1FF;
  c.exec(0x08A17C44);
  CHECK(c.get64(addr) == 0x1111'1111'0000'00FFull);
  CHECK(c.x(1) == 0x09);
  // casb w17, wzr, [x16]: stores zero on a match; Ws is compared as a byte.
  c.put64(addr, 0x1111'1111'2222'33C3ull);
  c.x(16) = addr;
  c.x(17) = 0xFFFF'FFFF'FFFF'FFC3ull;
  c.exec(0x08B17E1F);
  CHECK(c.ok());
  CHECK(c.get64(addr) == 0x1111'1111'2222'3300ull);
  CHECK(c.x(17) == 0xC3);
  // Misaligned CAS: alignment fault.
  c.x(2) = addr + 4;
  c.exec(0xC8A17C44);
  CHECK(c.trapped());
  CHECK(c.dfsc() == 0x21);
}

TEST_CASE("CASP") {
  Core c;
  const uint64_t addr = kData + 0x100;
  c.x(2) = addr;
  c.put64(addr, 1);
  c.put64(addr + 8, 2);
  c.x(0) = 1;
  c.x(1) = 2;
  c.x(4) = 3;
  c.x(5) = 4;
  c.exec(0x48207C44);  // casp x0, x1, x4, x5, [x2]
  CHECK(c.get64(addr) == 3);
  CHECK(c.get64(addr + 8) == 4);
  CHECK(c.x(0) == 1);
  CHECK(c.x(1) == 2);
  c.exec(0x48207C44);  // Fails: x0:x1 = old.
  CHECK(c.x(0) == 3);
  CHECK(c.x(1) == 4);
  CHECK(c.get64(addr) == 3);
  // caspal w0, w1, w4, w5, [x2]
  c.x(0) = 3;
  c.x(1) = 0;
  c.x(4) = 0xAAAA;
  c.x(5) = 0xBBBB;
  c.exec(0x0860FC44);
  CHECK(c.get64(addr) == 0x0000'BBBB'0000'AAAAull);
  CHECK(c.x(0) == 3);
  CHECK(c.x(1) == 0);
  // Alignment to the total size: 16 bytes for X pairs.
  c.x(2) = addr + 8;
  c.exec(0x48207C44);
  CHECK(c.trapped());
  CHECK(c.dfsc() == 0x21);
  // Odd Rs or Rt: UNDEFINED.
  c.x(2) = addr;
  c.exec(0x48217C44);  // Rs = 1
  CHECK(c.trapped());
  CHECK(c.ec() == 0);
  c.exec(0x48207C45);  // Rt = 5
  CHECK(c.trapped());
  CHECK(c.ec() == 0);
}

TEST_CASE("LSE is UNDEFINED without FEAT_LSE (cortex-a57)") {
  Core c("cortex-a57");
  c.x(2) = kData;
  for (uint32_t insn : {0xF8210044u, 0xF8218044u, 0xC8A17C44u, 0x48207C44u, 0xF821005Fu}) {
    c.exec(insn);
    CHECK(c.trapped());
    CHECK(c.ec() == 0);
  }
  c.exec(0xC85F7C41);  // ldxr still works.
  CHECK(c.ok());
}

TEST_CASE("unimplemented encodings are UNDEFINED") {
  Core c;
  c.x(2) = kData;
  for (uint32_t insn :
       {0xF8BFC041u /* ldapr x1, [x2] */, 0x4C408841u /* ld2 */, 0x4CDF4841u /* ld3 post */,
        0x4C400841u /* ld4 */, 0x0D409041u /* ld1 single */, 0x4D40C841u /* ld1r */,
        0x4C401041u /* multiple, opcode 0001: unallocated */,
        0xC8A17841u /* CAS with Rt2 != 31 */}) {
    CAPTURE(insn);
    c.exec(insn);
    CHECK(c.trapped());
    CHECK(c.ec() == 0);
  }
}

// ---- SIMD&FP ----------------------------------------------------------------------

TEST_CASE("SIMD&FP single-register loads zero the rest of the register") {
  Core c;
  c.x(2) = kData;
  auto fill = [&] { c.v(1) = VReg{~uint64_t{0}, ~uint64_t{0}}; };
  fill();
  c.exec(0x3D400441);  // ldr b1, [x2, #1]
  CHECK(c.v(1).lo == 1);
  CHECK(c.v(1).hi == 0);
  fill();
  c.exec(0x7D400441);  // ldr h1, [x2, #2]
  CHECK(c.v(1).lo == 0x0302);
  fill();
  c.exec(0xBD400441);  // ldr s1, [x2, #4]
  CHECK(c.v(1).lo == 0x07060504);
  CHECK(c.v(1).hi == 0);
  fill();
  c.exec(0xFD400441);  // ldr d1, [x2, #8]
  CHECK(c.v(1).lo == word_at(8));
  CHECK(c.v(1).hi == 0);
  c.exec(0x3DC00441);  // ldr q1, [x2, #16]
  CHECK(c.v(1).lo == word_at(16));
  CHECK(c.v(1).hi == word_at(24));
  c.x(2) = kData + 1;
  c.exec(0x3CDFF041);  // ldur q1, [x2, #-1]
  CHECK(c.v(1).lo == word_at(0));
  CHECK(c.v(1).hi == word_at(8));
}

TEST_CASE("SIMD&FP stores, writeback and register offset") {
  Core c;
  c.v(1) = VReg{0x1122'3344'5566'7788ull, 0x99AA'BBCC'DDEE'FF00ull};
  c.x(2) = kData + 0x100;
  c.exec(0x3D800841);  // str q1, [x2, #32]
  CHECK(c.get64(kData + 0x120) == 0x1122'3344'5566'7788ull);
  CHECK(c.get64(kData + 0x128) == 0x99AA'BBCC'DDEE'FF00ull);
  c.put64(kData + 0x100, 0);
  c.exec(0xBD000041);  // str s1, [x2]
  CHECK(c.get64(kData + 0x100) == 0x5566'7788ull);
  c.exec(0x3D000C41);  // str b1, [x2, #3]
  CHECK(c.get64(kData + 0x100) == 0x8866'7788ull);
  c.exec(0xFC1F8041);  // stur d1, [x2, #-8]
  CHECK(c.get64(kData + 0xF8) == 0x1122'3344'5566'7788ull);
  c.x(2) = kData;
  c.exec(0x3CC10441);  // ldr q1, [x2], #16
  CHECK(c.v(1).lo == word_at(0));
  CHECK(c.x(2) == kData + 16);
  c.x(2) = kData + 0x208;
  c.exec(0xFC1F8C41);  // str d1, [x2, #-8]!
  CHECK(c.get64(kData + 0x200) == word_at(0));
  CHECK(c.x(2) == kData + 0x200);
  c.x(2) = kData;
  c.x(3) = 2;
  c.exec(0x3CE37841);  // ldr q1, [x2, x3, lsl #4]
  CHECK(c.v(1).lo == word_at(32));
  CHECK(c.v(1).hi == word_at(40));
  c.x(2) = kData + 8;
  c.x(3) = 0xFFFF'FFFF;  // SXTW #1: -2.
  c.exec(0x7C63D841);    // ldr h1, [x2, w3, sxtw #1]
  CHECK(c.v(1).lo == 0x0706);
  CHECK(c.v(1).hi == 0);
}

TEST_CASE("SIMD&FP literal and unallocated forms") {
  Core c;
  c.put64(kCode + 8, word_at(0));
  c.put64(kCode + 16, 0x1111'2222'3333'4444ull);
  c.put64(kCode + 24, 0x5555'6666'7777'8888ull);
  c.exec(0x1C000041);  // ldr s1, #8
  CHECK(c.v(1).lo == 0x03020100);
  c.exec(0x5C000041);  // ldr d1, #8
  CHECK(c.v(1).lo == word_at(0));
  CHECK(c.v(1).hi == 0);
  c.exec(0x9C000081);  // ldr q1, #16
  CHECK(c.v(1).lo == 0x1111'2222'3333'4444ull);
  CHECK(c.v(1).hi == 0x5555'6666'7777'8888ull);
  c.x(2) = kData;
  for (uint32_t insn : {0xDC000041u /* literal opc 11 */, 0x7DC00441u /* size 01, opc 1x */,
                        0x3C400841u /* ldtr-like SIMD (mode 10) */, 0xEC400861u /* ldp opc 11 */}) {
    CAPTURE(insn);
    c.exec(insn);
    CHECK(c.trapped());
    CHECK(c.ec() == 0);
  }
}

TEST_CASE("SIMD&FP pairs") {
  Core c;
  c.x(3) = kData;
  c.exec(0x2D400861);  // ldp s1, s2, [x3]
  CHECK(c.v(1).lo == 0x03020100);
  CHECK(c.v(2).lo == 0x07060504);
  CHECK(c.v(2).hi == 0);
  c.exec(0x6D410861);  // ldp d1, d2, [x3, #16]
  CHECK(c.v(1).lo == word_at(16));
  CHECK(c.v(2).lo == word_at(24));
  c.exec(0xACC10861);  // ldp q1, q2, [x3], #32
  CHECK(c.v(1).lo == word_at(0));
  CHECK(c.v(1).hi == word_at(8));
  CHECK(c.v(2).lo == word_at(16));
  CHECK(c.v(2).hi == word_at(24));
  CHECK(c.x(3) == kData + 32);
  c.x(3) = kData + 0x120;
  c.exec(0xADBF0861);  // stp q1, q2, [x3, #-32]!
  CHECK(c.x(3) == kData + 0x100);
  CHECK(c.get64(kData + 0x100) == word_at(0));
  CHECK(c.get64(kData + 0x118) == word_at(24));
  c.exec(0x6C000861);  // stnp d1, d2, [x3]
  CHECK(c.get64(kData + 0x100) == word_at(0));
  CHECK(c.get64(kData + 0x108) == word_at(16));
  c.x(3) = kData;
  c.exec(0xAC400861);  // ldnp q1, q2, [x3]
  CHECK(c.v(2).hi == word_at(24));
}

TEST_CASE("LD1/ST1 multiple structures") {
  Core c;
  c.x(2) = kData;
  c.v(1) = VReg{1, 1};
  c.exec(0x0C407041);  // ld1 {v1.8b}, [x2]
  CHECK(c.v(1).lo == word_at(0));
  CHECK(c.v(1).hi == 0);
  c.exec(0x4C407041);  // ld1 {v1.16b}, [x2]
  CHECK(c.v(1).hi == word_at(8));
  c.exec(0x4C40A841);  // ld1 {v1.4s, v2.4s}, [x2]
  CHECK(c.v(2).lo == word_at(16));
  CHECK(c.v(2).hi == word_at(24));
  c.exec(0x4C406C5F);  // ld1 {v31.2d, v0.2d, v1.2d}, [x2]: registers wrap.
  CHECK(c.v(31).lo == word_at(0));
  CHECK(c.v(0).lo == word_at(16));
  CHECK(c.v(1).hi == word_at(40));
  c.exec(0x0C402C41);  // ld1 {v1.1d-v4.1d}, [x2]
  CHECK(c.v(4).lo == word_at(24));
  CHECK(c.v(4).hi == 0);
  for (unsigned r = 1; r <= 4; ++r) c.v(r) = VReg{r * 0x101, r * 0x10001};
  c.x(2) = kData + 0x100;
  c.exec(0x4C002041);  // st1 {v1.16b-v4.16b}, [x2]
  for (unsigned r = 1; r <= 4; ++r) {
    CHECK(c.get64(kData + 0x100 + (r - 1) * 16) == r * 0x101);
    CHECK(c.get64(kData + 0x108 + (r - 1) * 16) == r * 0x10001);
  }
  c.exec(0x4C007441);  // st1 {v1.8h}, [x2]
  CHECK(c.get64(kData + 0x108) == 0x10001);
  // Post-index: immediate (Rm = 31) and register.
  c.x(2) = kData;
  c.exec(0x4CDFA041);  // ld1 {v1.16b, v2.16b}, [x2], #32
  CHECK(c.x(2) == kData + 32);
  CHECK(c.v(2).hi == word_at(24));
  c.x(3) = 3;
  c.exec(0x0CC37041);  // ld1 {v1.8b}, [x2], x3
  CHECK(c.v(1).lo == word_at(32));
  CHECK(c.x(2) == kData + 35);
  c.x(2) = kData + 0x200;
  c.exec(0x4C9F6841);  // st1 {v1.4s, v2.4s, v3.4s}, [x2], #48
  CHECK(c.x(2) == kData + 0x230);
  CHECK(c.get64(kData + 0x200) == word_at(32));
  CHECK(c.get64(kData + 0x228) == 3 * 0x10001);
}

TEST_CASE("SIMD&FP accesses trap when FP is disabled") {
  Core c;
  c.s().sys.cpacr_el1 = 0;
  c.x(2) = kData;
  c.v(1) = VReg{5, 6};
  for (uint32_t insn : {0x3DC00441u, 0x3CC10441u, 0x3CE37841u, 0x9C000081u, 0xAC400861u,
                        0x4C407041u, 0x4CDFA041u, 0x3D800841u}) {
    CAPTURE(insn);
    c.exec(insn);
    CHECK(c.trapped());
    CHECK(c.ec() == 0x07);
    CHECK(c.x(2) == kData);
    CHECK(c.v(1).lo == 5);
  }
}

}  // namespace
}  // namespace el2
