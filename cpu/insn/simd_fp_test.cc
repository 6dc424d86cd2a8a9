// SIMD&FP data processing (cpu/insn/simd_fp*.cc). Encodings are from
// `llvm-mc --triple=aarch64 --show-encoding`; expected values are worked out by
// hand from the Arm ARM pseudocode for each instruction.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstdint>
#include <initializer_list>

#include "cpu/cpu.h"
#include "platform/memory_map.h"

namespace el2 {
namespace {

constexpr uint64_t kRam = 0x4000'0000;
constexpr uint64_t kVbar = 0x4000'8000;
constexpr uint64_t kOnes = ~uint64_t{0};

struct Rig {
  MemoryMap mem;
  Cpu* cpu = nullptr;

  Rig() {
    mem.add_ram("ram", kRam, 1 << 20);
    cpu = new Cpu(*find_cpu_model("max"), mem);
    CpuState& s = cpu->state();
    s.pstate.el = 1;
    s.sys.cpacr_el1 = 3ull << 20;  // FPEN = 0b11: no trap.
    s.sys.vbar[1] = kVbar;
    s.pc = kRam;
  }
  ~Rig() { delete cpu; }
  Rig(const Rig&) = delete;
  Rig& operator=(const Rig&) = delete;

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

#define CHECK_V(rig, n, LO, HI)          \
  do {                                   \
    CHECK((rig).v(n).lo == (LO));        \
    CHECK((rig).v(n).hi == (HI));        \
    CHECK_FALSE((rig).took_exception()); \
  } while (0)

TEST_CASE("FMOV (register)") {
  Rig r;
  r.setv(2, 0x0123456789ABCDEF, 0xFEDCBA9876543210);
  r.setv(1, kOnes, kOnes);
  r.exec(0x1e204041);  // fmov s1, s2
  CHECK_V(r, 1, 0x89ABCDEF, 0);
  r.setv(1, kOnes, kOnes);
  r.exec(0x1e604041);  // fmov d1, d2
  CHECK_V(r, 1, 0x0123456789ABCDEF, 0);
  r.setv(1, kOnes, kOnes);
  r.exec(0x1ee04041);  // fmov h1, h2: FEAT_FP16 is not implemented.
  CHECK(r.took_exception());
  CHECK(r.ec() == 0x00);
  CHECK(r.v(1).lo == kOnes);
}

TEST_CASE("FMOV (general)") {
  Rig r;
  r.setv(4, 0x1122334455667788, 0x99);
  r.st().x[3] = kOnes;
  r.exec(0x1e260083);  // fmov w3, s4
  CHECK(r.st().x[3] == 0x55667788);

  r.setv(5, kOnes, kOnes);
  r.st().x[6] = 0xFFFFFFFF12345678;
  r.exec(0x1e2700c5);  // fmov s5, w6
  CHECK_V(r, 5, 0x12345678, 0);

  r.setv(8, 0xCAFEF00DDEADBEEF, 0x1);
  r.exec(0x9e660107);  // fmov x7, d8
  CHECK(r.st().x[7] == 0xCAFEF00DDEADBEEF);

  r.setv(9, kOnes, kOnes);
  r.st().x[10] = 0x8000000000000001;
  r.exec(0x9e670149);  // fmov d9, x10
  CHECK_V(r, 9, 0x8000000000000001, 0);

  r.setv(12, 0x1111, 0xABCDEF0123456789);
  r.exec(0x9eae018b);  // fmov x11, v12.d[1]
  CHECK(r.st().x[11] == 0xABCDEF0123456789);

  r.setv(13, 0x5555, 0x6666);
  r.st().x[14] = 0x0F0E0D0C0B0A0908;
  r.exec(0x9eaf01cd);  // fmov v13.d[1], x14: the low half is kept.
  CHECK_V(r, 13, 0x5555, 0x0F0E0D0C0B0A0908);

  // sf=0, ftype=01 (fmov w, d) is unallocated.
  r.exec(0x1e660107);
  CHECK(r.took_exception());
  CHECK(r.ec() == 0x00);
}

TEST_CASE("FMOV (scalar, immediate): VFPExpandImm") {
  Rig r;
  r.setv(0, kOnes, kOnes);
  r.exec(0x1e2e1000);  // fmov s0, #1.0
  CHECK_V(r, 0, 0x3F800000, 0);
  r.setv(0, kOnes, kOnes);
  r.exec(0x1e709000);  // fmov d0, #-2.5
  CHECK_V(r, 0, 0xC004000000000000, 0);
  r.exec(0x1e281000);  // fmov s0, #0.125
  CHECK_V(r, 0, 0x3E000000, 0);
}

TEST_CASE("MOVI/MVNI/ORR/BIC/FMOV (vector, immediate): AdvSIMDExpandImm") {
  Rig r;
  struct Case {
    uint32_t insn;
    uint64_t lo, hi;
  };
  // Destination holds lo 0x1111.., hi 0x2222.. before each instruction.
  const Case cases[] = {
      {0x4f03f600, 0x3F8000003F800000, 0x3F8000003F800000},  // fmov v0.4s, #1.0
      {0x6f04f480, 0xC004000000000000, 0xC004000000000000},  // fmov v0.2d, #-2.5
      {0x0f01f7e0, 0x41F8000041F80000, 0},                   // fmov v0.2s, #31.0
      {0x4f05e560, 0xABABABABABABABAB, 0xABABABABABABABAB},  // movi v0.16b, #0xab
      {0x0f05e560, 0xABABABABABABABAB, 0},                   // movi v0.8b, #0xab
      {0x4f002640, 0x0000120000001200, 0x0000120000001200},  // movi v0.4s, #0x12, lsl #8
      {0x0f00d640, 0x0012FFFF0012FFFF, 0},                   // movi v0.2s, #0x12, msl #16
      {0x0f01a680, 0x3400340034003400, 0},                   // movi v0.4h, #0x34, lsl #8
      {0x2f05e4c0, 0xFF00FF0000FFFF00, 0},                   // movi d0, #0xff00ff0000ffff00
      {0x6f04e400, 0xFF00000000000000, 0xFF00000000000000},  // movi v0.2d, #0xff00..
      {0x6f006640, 0xEDFFFFFFEDFFFFFF, 0xEDFFFFFFEDFFFFFF},  // mvni v0.4s, #0x12, lsl #24
      {0x6f0084a0, 0xFFFAFFFAFFFAFFFA, 0xFFFAFFFAFFFAFFFA},  // mvni v0.8h, #5
      {0x6f00c640, 0xFFFFED00FFFFED00, 0xFFFFED00FFFFED00},  // mvni v0.4s, #0x12, msl #8
      {0x4f005640, 0x1113111111131111, 0x2232222222322222},  // orr v0.4s, #0x12, lsl #16
      {0x0f049400, 0x1191119111911191, 0},                   // orr v0.4h, #0x80
      {0x6f07b7e0, 0x0011001100110011, 0x0022002200220022},  // bic v0.8h, #0xff, lsl #8
      {0x2f001420, 0x1111111011111110, 0},                   // bic v0.2s, #1
  };
  for (const Case& c : cases) {
    CAPTURE(c.insn);
    r.setv(0, 0x1111111111111111, 0x2222222222222222);
    r.exec(c.insn);
    CHECK_V(r, 0, c.lo, c.hi);
  }
  // op=1, cmode=1111 with Q=0 (a "1D" FMOV) is UNDEFINED.
  r.setv(0, 0x1111111111111111, 0x2222222222222222);
  r.exec(0x2f04f480);
  CHECK(r.took_exception());
  CHECK(r.ec() == 0x00);
  CHECK(r.v(0).lo == 0x1111111111111111);
  // o2=1 (FMOV v.8h, half precision) needs FEAT_FP16.
  r.exec(0x4f03fe00);
  CHECK(r.took_exception());
  CHECK(r.ec() == 0x00);
}

// v1 bytes, lowest first: 11 22 33 44 55 66 77 88 80 90 A0 B0 C0 D0 E0 F0.
constexpr uint64_t kV1Lo = 0x8877665544332211, kV1Hi = 0xF0E0D0C0B0A09080;
// v2 bytes: EF CD AB 89 67 45 23 01 10 32 54 76 98 BA DC FE.
constexpr uint64_t kV2Lo = 0x0123456789ABCDEF, kV2Hi = 0xFEDCBA9876543210;

TEST_CASE("DUP, INS, UMOV, SMOV, scalar DUP") {
  Rig r;
  struct Case {
    uint32_t insn;
    uint64_t lo, hi;
  };
  const Case vcases[] = {
      {0x4e1f0420, 0xF0F0F0F0F0F0F0F0, 0xF0F0F0F0F0F0F0F0},  // dup v0.16b, v1.b[15]
      {0x0e160420, 0xB0A0B0A0B0A0B0A0, 0},                   // dup v0.4h, v1.h[5]
      {0x4e180420, kV1Hi, kV1Hi},                            // dup v0.2d, v1.d[1]
      {0x0e040c40, 0x5566778855667788, 0},                   // dup v0.2s, w2
      {0x4e080c40, 0x1122334455667788, 0x1122334455667788},  // dup v0.2d, x2
      {0x0e010c40, 0x8888888888888888, 0},                   // dup v0.8b, w2
      {0x4e1c1c40, 0x1111111111111111, 0x5566778822222222},  // mov v0.s[3], w2
      {0x4e081c40, 0x1122334455667788, 0x2222222222222222},  // mov v0.d[0], x2
      {0x6e0f4c20, 0x9011111111111111, 0x2222222222222222},  // mov v0.b[7], v1.b[9]
      {0x6e180420, 0x1111111111111111, kV1Lo},               // mov v0.d[1], v1.d[0]
      {0x5e070420, 0x44, 0},                                 // mov b0, v1.b[3]
      {0x5e180420, kV1Hi, 0},                                // mov d0, v1.d[1]
  };
  for (const Case& c : vcases) {
    CAPTURE(c.insn);
    r.setv(0, 0x1111111111111111, 0x2222222222222222);
    r.setv(1, kV1Lo, kV1Hi);
    r.st().x[2] = 0x1122334455667788;
    r.exec(c.insn);
    CHECK_V(r, 0, c.lo, c.hi);
  }
  struct GCase {
    uint32_t insn;
    uint64_t x0;
  };
  const GCase gcases[] = {
      {0x0e1f3c20, 0xF0},                // umov w0, v1.b[15]
      {0x0e0e3c20, 0x8877},              // umov w0, v1.h[3]
      {0x0e0c3c20, 0x88776655},          // mov w0, v1.s[1]
      {0x4e183c20, kV1Hi},               // mov x0, v1.d[1]
      {0x0e1f2c20, 0xFFFFFFF0},          // smov w0, v1.b[15]: bits 63:32 zero.
      {0x4e0e2c20, 0xFFFFFFFFFFFF8877},  // smov x0, v1.h[3]
      {0x4e142c20, 0xFFFFFFFFB0A09080},  // smov x0, v1.s[2]
  };
  for (const GCase& c : gcases) {
    CAPTURE(c.insn);
    r.setv(1, kV1Lo, kV1Hi);
    r.st().x[0] = 0x5A5A5A5A5A5A5A5A;
    r.exec(c.insn);
    CHECK_FALSE(r.took_exception());
    CHECK(r.st().x[0] == c.x0);
  }
  const uint32_t undef[] = {
      0x0e080c40,  // dup v0.1d, x2 (size 3, Q=0)
      0x0e180420,  // dup v0.1d, v1.d[1]
      0x4e100420,  // dup with imm5 = 10000 (reserved size)
      0x0e083c20,  // umov with Q=0 and a D element
      0x4e0c3c20,  // umov with Q=1 and an S element
      0x0e042c20,  // smov w0, v1.s[0] (Q=0)
      0x4e182c20,  // smov with a D element
      0x0e081c40,  // INS (general) with Q=0 is unallocated
      0x2e180420,  // INS (element) with Q=0 is unallocated
  };
  for (uint32_t insn : undef) {
    CAPTURE(insn);
    r.exec(insn);
    CHECK(r.took_exception());
    CHECK(r.ec() == 0x00);
  }
}

TEST_CASE("EXT") {
  Rig r;
  r.setv(1, kV1Lo, kV1Hi);
  r.setv(2, kV2Lo, kV2Hi);
  r.exec(0x6e021820);  // ext v0.16b, v1.16b, v2.16b, #3
  CHECK_V(r, 0, 0xA090808877665544, 0xABCDEFF0E0D0C0B0);
  r.setv(0, kOnes, kOnes);
  r.exec(0x2e022820);  // ext v0.8b, v1.8b, v2.8b, #5
  CHECK_V(r, 0, 0x6789ABCDEF887766, 0);
  r.exec(0x2e024020);  // ext v0.8b, ..., #8: imm4<3> set with Q=0 is UNDEFINED.
  CHECK(r.took_exception());
  CHECK(r.ec() == 0x00);
}

TEST_CASE("vector logical") {
  Rig r;
  const uint64_t d_lo = 0xFFFF0000FFFF0000, d_hi = 0x00FF00FF00FF00FF;
  struct Case {
    uint32_t insn;
    uint64_t lo, hi;
  };
  // BSL: each result bit is Vn where Vd is 1, Vm where Vd is 0; BIT inserts Vn
  // where Vm is 1; BIF inserts Vn where Vm is 0.
  const Case cases[] = {
      {0x4e221c20, kV1Lo & kV2Lo, kV1Hi & kV2Hi},     // and
      {0x0e621c20, kV1Lo & ~kV2Lo, 0},                // bic (8b)
      {0x4ea21c20, kV1Lo | kV2Lo, kV1Hi | kV2Hi},     // orr
      {0x4ea11c20, kV1Lo, kV1Hi},                     // mov v0.16b, v1.16b
      {0x4ee21c20, kV1Lo | ~kV2Lo, kV1Hi | ~kV2Hi},   // orn
      {0x6e221c20, kV1Lo ^ kV2Lo, kV1Hi ^ kV2Hi},     // eor
      {0x6e621c20, (d_lo & kV1Lo) | (~d_lo & kV2Lo),  // bsl
       (d_hi & kV1Hi) | (~d_hi & kV2Hi)},
      {0x6ea21c20, (kV2Lo & kV1Lo) | (~kV2Lo & d_lo),  // bit
       (kV2Hi & kV1Hi) | (~kV2Hi & d_hi)},
      {0x6ee21c20, (~kV2Lo & kV1Lo) | (kV2Lo & d_lo),  // bif
       (~kV2Hi & kV1Hi) | (kV2Hi & d_hi)},
  };
  for (const Case& c : cases) {
    CAPTURE(c.insn);
    r.setv(0, d_lo, d_hi);
    r.setv(1, kV1Lo, kV1Hi);
    r.setv(2, kV2Lo, kV2Hi);
    r.exec(c.insn);
    CHECK_V(r, 0, c.lo, c.hi);
  }
}

struct BinCase {
  uint32_t insn;
  uint64_t n_lo, n_hi, m_lo, m_hi, lo, hi;
};

void run_binary(std::initializer_list<BinCase> cases) {
  Rig r;
  for (const BinCase& c : cases) {
    CAPTURE(c.insn);
    r.setv(0, 0x5A5A5A5A5A5A5A5A, 0xA5A5A5A5A5A5A5A5);
    r.setv(1, c.n_lo, c.n_hi);
    r.setv(2, c.m_lo, c.m_hi);
    r.exec(c.insn);
    CHECK_V(r, 0, c.lo, c.hi);
  }
}

TEST_CASE("ADD/SUB (vector and scalar)") {
  run_binary({
      // add v0.16b: FF+01 = 00 with no carry into the next byte; 80+80 = 00.
      {0x4e228420, 0x01020304050607FF, 0x80808080808080FF, 0x0101010101010101, 0x80808080808080FF,
       0x0203040506070800, 0x00000000000000FE},
      // add v0.4h
      {0x0e628420, 0xFFFF000180007FFF, 7, 0x0001FFFF80000001, 9, 0x0000000000008000, 0},
      // add v0.2d
      {0x4ee28420, kOnes, 5, 1, 7, 0, 12},
      // sub v0.4s: [5,0,0x10,0x80000000] - [6,1,0x10,1]
      {0x6ea28420, 5, 0x8000000000000010, 0x0000000100000006, 0x0000000100000010, kOnes,
       0x7FFFFFFF00000000},
      // add d0, d1, d2 / sub d0, d1, d2: the upper half is zeroed.
      {0x5ee28420, kOnes, 3, 2, 4, 1, 0},
      {0x7ee28420, 0, 3, 1, 4, kOnes, 0},
  });
}

TEST_CASE("integer compares (register)") {
  // Words n = [1, 0xFFFFFFFF, 5, 0x80000000], m = [1, 1, 4, 0x7FFFFFFF].
  const uint64_t nl = 0xFFFFFFFF00000001, nh = 0x8000000000000005;
  const uint64_t ml = 0x0000000100000001, mh = 0x7FFFFFFF00000004;
  run_binary({
      {0x4ea23420, nl, nh, ml, mh, 0, 0x00000000FFFFFFFF},                   // cmgt
      {0x4ea23c20, nl, nh, ml, mh, 0x00000000FFFFFFFF, 0x00000000FFFFFFFF},  // cmge
      {0x6ea23420, nl, nh, ml, mh, 0xFFFFFFFF00000000, kOnes},               // cmhi
      {0x6ea23c20, nl, nh, ml, mh, kOnes, kOnes},                            // cmhs
      // cmeq v0.8h
      {0x6e628c20, 0x123456780000FFFF, 0xAAAAAAAAAAAAAAAA, 0x123456790000FFFE, 0xAAAAAAAAAAAAAAAA,
       0xFFFF0000FFFF0000, kOnes},
      // cmtst v0.16b
      {0x4e228c20, 0x0102040810204080, 0, 0x01FD040000000080, kOnes, 0xFF00FF00000000FF, 0},
  });
}

TEST_CASE("compare with zero, ABS, NEG, CNT, NOT, RBIT") {
  const uint64_t b = 0x00FF000100800000;  // Bytes from the top: 00 FF 00 01 00 80 00 00.
  run_binary({
      {0x4e209820, b, 0, 0, 0, 0xFF00FF00FF00FFFF, kOnes},                   // cmeq v0.16b, #0
      {0x0e208820, b, 0, 0, 0, 0x000000FF00000000, 0},                       // cmgt v0.8b, #0
      {0x6e208820, b, 0, 0, 0, 0xFF00FFFFFF00FFFF, kOnes},                   // cmge v0.16b, #0
      {0x6e209820, b, 0, 0, 0, 0xFFFFFF00FFFFFFFF, kOnes},                   // cmle v0.16b, #0
      {0x4ee0a820, 0x8000000000000000, 0x7FFFFFFFFFFFFFFF, 0, 0, kOnes, 0},  // cmlt v0.2d, #0
      // abs v0.8h: ABS(0x8000) wraps to 0x8000.
      {0x4e60b820, 0x8000FFFF00057FFF, 0xFFFE000000018001, 0, 0, 0x8000000100057FFF,
       0x0002000000017FFF},
      // neg v0.4s: [1, 0, 0x80000000, 0xFFFFFFFF]
      {0x6ea0b820, 1, 0xFFFFFFFF80000000, 0, 0, 0x00000000FFFFFFFF, 0x0000000180000000},
      // cnt v0.8b
      {0x0e205820, 0x00FF0F0103070180, kOnes, 0, 0, 0x0008040102030101, 0},
      // mvn v0.16b
      {0x6e205820, kV1Lo, kV1Hi, 0, 0, ~kV1Lo, ~kV1Hi},
      // rbit v0.16b
      {0x6e605820, 0x0102040810204080, 0x00FF0F01F0E1C3A5, 0, 0, 0x8040201008040201,
       0x00FFF0800F87C3A5},
  });
}

TEST_CASE("ADDV, UMAXV, UMINV, SMAXV, SMINV") {
  run_binary({
      // addv b0, v1.8b: 7*0x80 + 0xFF = 0x47F, modulo 2^8.
      {0x0e31b820, 0x80808080808080FF, kOnes, 0, 0, 0x7F, 0},
      // addv h0, v1.8h: 0xFFFF+1+2+3+4+5+6+0x8000 = 0x18014.
      {0x4e71b820, 0xFFFF000100020003, 0x0004000500068000, 0, 0, 0x8014, 0},
      // addv s0, v1.4s: 2 + 0xFFFFFFFF + 4 + 3.
      {0x4eb1b820, 0xFFFFFFFF00000002, 0x0000000300000004, 0, 0, 8, 0},
      {0x6e30a820, 0x0102030405060708, 0x7F80FE0011223344, 0, 0, 0xFE, 0},  // umaxv b0, v1.16b
      {0x2e71a820, 0x80000005FFFF0004, 0, 0, 0, 0x0004, 0},                 // uminv h0, v1.4h
      {0x4eb0a820, 0xFFFFFFFF80000000, 0x7FFFFFF000000005, 0, 0, 0x7FFFFFF0, 0},  // smaxv s0
      {0x4e31a820, 0x0102030405060708, 0x7F80FE0011223344, 0, 0, 0x80, 0},        // sminv b0
  });
}

TEST_CASE("reserved size/Q combinations are UNDEFINED") {
  Rig r;
  for (uint32_t insn : {
           0x0ee28420u,  // add v0.1d
           0x0ee23420u,  // cmgt v0.1d
           0x0ee0a820u,  // cmlt v0.1d, #0
           0x0eb1b820u,  // addv s0, v1.2s
           0x4ef1b820u,  // addv with size 11
           0x5ea28420u,  // add s0, s1, s2 (scalar ADD is D only)
           0x0e605820u,  // cnt with size 01
           0x6ea05820u,  // rbit/not with size 10
           0x6e20a820u,  // U=1, opcode 01010 (two-register misc) is unallocated
       }) {
    CAPTURE(insn);
    r.setv(0, 0x1234, 0x5678);
    r.exec(insn);
    CHECK(r.took_exception());
    CHECK(r.ec() == 0x00);
    CHECK(r.v(0).lo == 0x1234);
  }
}

TEST_CASE("unimplemented SIMD&FP encodings are UNDEFINED") {
  Rig r;
  for (uint32_t insn : {
           0x1ee22820u,  // fadd h0, h1, h2 (FEAT_FP16)
           0x4e284820u,  // aese v0.16b, v1.16b
           0x4e22d420u,  // fadd v0.4s, v1.4s, v2.4s
           0x1e684020u,  // frint32z d0, d1 (FEAT_FRINTTS)
       }) {
    CAPTURE(insn);
    r.exec(insn);
    CHECK(r.took_exception());
    CHECK(r.ec() == 0x00);
    CHECK(r.st().pc == kVbar + 0x200);  // Current EL with SP_ELx, synchronous.
  }
}

TEST_CASE("SIMD&FP trap: CPACR_EL1.FPEN = 0 gives EC 0x07, after the UNDEFINED checks") {
  Rig r;
  r.st().sys.cpacr_el1 = 0;
  for (uint32_t insn : {0x1e204041u, 0x9e670149u, 0x4f05e560u, 0x4e228420u, 0x4e1f0420u,
                        0x0e31b820u, 0x6e021820u}) {
    CAPTURE(insn);
    r.setv(0, 0x1234, 0x5678);
    r.exec(insn);
    CHECK(r.took_exception());
    CHECK(r.ec() == 0x07);
    CHECK(r.v(0).lo == 0x1234);
  }
  // Decode comes first: a reserved encoding is UNDEFINED even when FP is disabled.
  r.exec(0x0ee28420);  // add v0.1d
  CHECK(r.ec() == 0x00);
  // FPEN = 0b01 traps EL0 but not EL1.
  r.st().sys.cpacr_el1 = 1ull << 20;
  r.setv(1, kV1Lo, kV1Hi);
  r.exec(0x4ea11c20);  // mov v0.16b, v1.16b
  CHECK_V(r, 0, kV1Lo, kV1Hi);
}

}  // namespace
}  // namespace el2
