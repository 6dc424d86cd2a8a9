// Scalar floating point and FP/integer conversions (fp_data_proc.cc,
// fp_compare_select.cc, fp_convert.cc, simd_fp_convert.cc, fp_ops.cc).
// Expected values and FPSR bits worked out by hand from the Arm ARM
// pseudocode (FPRound, FPProcessNaNs, FPToFixed...).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "cpu/insn/simd_test_rig.h"

namespace el2 {
namespace {

using namespace simd_test;

// FPCR fields and FPSR bits.
constexpr uint32_t kRp = 1u << 22, kRm = 2u << 22, kRz = 3u << 22;
constexpr uint32_t kFz = 1u << 24, kDn = 1u << 25, kAhp = 1u << 26;
constexpr uint32_t kIoc = 1, kDzc = 2, kOfc = 4, kUfc = 8, kIxc = 16, kIdc = 128;

// Single and double precision constants.
constexpr uint64_t kS1 = 0x3F800000, kS2 = 0x40000000;
constexpr uint64_t kD1 = 0x3FF0000000000000, kD2 = 0x4000000000000000, kD3 = 0x4008000000000000;
constexpr uint64_t kD2p5 = 0x4004000000000000, kDm2p5 = 0xC004000000000000;

struct FpCase {
  uint32_t insn;
  uint64_t n, m;      // V1, V2 (low 64 bits; the high halves hold junk).
  uint64_t result;    // V0 (low 64 bits; the high half must be zero).
  uint32_t fpsr = 0;  // Expected FPSR (cleared before).
  uint32_t fpcr = 0;
  uint64_t a = 0;  // V3 (the FMADD family's addend).
};

void run_fp(std::initializer_list<FpCase> cases) {
  Rig r;
  for (const FpCase& c : cases) {
    CAPTURE(c.insn);
    CAPTURE(c.fpcr);
    r.st().fpcr = c.fpcr;
    r.st().fpsr = 0;
    r.setv(0, kOnes, kOnes);
    r.setv(1, c.n, 0x1111);
    r.setv(2, c.m, 0x2222);
    r.setv(3, c.a, 0x3333);
    r.exec(c.insn);
    CHECK_FALSE(r.took_exception());
    CHECK(r.v(0).lo == c.result);
    CHECK(r.v(0).hi == 0);
    CHECK(r.st().fpsr == c.fpsr);
  }
}

TEST_CASE("FADD/FSUB/FMUL/FDIV: rounding modes, exceptions, NaNs") {
  run_fp({
      {0x1e222820, 0x3FC00000, 0x40100000, 0x40700000},  // fadd s: 1.5 + 2.25 = 3.75
      // 1 + 2^-24 is a tie between 1 and 1 + 2^-23: even (RN), up (RP), down (RZ).
      {0x1e222820, kS1, 0x33800000, kS1, kIxc},
      {0x1e222820, kS1, 0x33800000, 0x3F800001, kIxc, kRp},
      {0x1e222820, kS1, 0x33800000, kS1, kIxc, kRz},
      {0x1e623820, kD1, 0x3FD0000000000000, 0x3FE8000000000000},  // fsub d: 1 - 0.25
      {0x1e621820, kD1, kD3, 0x3FD5555555555555, kIxc},           // fdiv d: 1/3
      {0x1e621820, kD1, kD3, 0x3FD5555555555556, kIxc, kRp},
      {0x1e221820, kS1, 0, 0x7F800000, kDzc},         // 1/0
      {0x1e221820, 0xBF800000, 0, 0xFF800000, kDzc},  // -1/+0
      {0x1e221820, 0, 0, 0x7FC00000, kIoc},           // 0/0: the default NaN
      // fadd s: a signalling NaN in op2 wins over a quiet NaN in op1, quietened.
      {0x1e222820, 0x7FC00001, 0x7F800002, 0x7FC00002, kIoc},
      {0x1e222820, 0x7FC00001, 0x7F800002, 0x7FC00000, kIoc, kDn},  // FPCR.DN
      {0x1e222820, kS1, 0xFFC00005, 0xFFC00005},                    // A quiet NaN propagates.
  });
}

TEST_CASE("FZ and underflow: flushed inputs, tininess before rounding") {
  run_fp({
      // fmul s: a denormal input under FZ is +0 (IDC).
      {0x1e220820, 0x00000001, kS1, 0, kIdc, kFz},
      {0x1e220820, 0x00000001, kS1, 0x00000001},
      // (1 - 2^-24) * 2^-126 is below the smallest normal and rounds up to it:
      // tiny before rounding, so UFC and IXC; under FZ it becomes +0 with UFC only.
      {0x1e220820, 0x3F7FFFFF, 0x00800000, 0x00800000, kUfc | kIxc},
      {0x1e220820, 0x3F7FFFFF, 0x00800000, 0, kUfc, kFz},
      // 2^-100 * 2^-30 = 2^-130 is an exact denormal: no flag; FZ flushes it.
      {0x1e220820, 0x0D800000, 0x30800000, 0x00080000},
      {0x1e220820, 0x0D800000, 0x30800000, 0, kUfc, kFz},
  });
}

TEST_CASE("FMAX/FMIN/FMAXNM/FMINNM, FNMUL, FABS/FNEG/FSQRT") {
  run_fp({
      {0x1e224820, 0x80000000, 0, 0},                                   // fmax s: max(-0, +0) = +0
      {0x1e225820, 0x80000000, 0, 0x80000000},                          // fmin s: min(-0, +0) = -0
      {0x1e224820, 0x7FC00000, kS1, 0x7FC00000},                        // fmax s: a quiet NaN wins
      {0x1e626820, 0x7FF8000000000000, kD1, kD1},                       // fmaxnm d: the number wins
      {0x1e627820, kD2, 0x7FF0000000000001, 0x7FF8000000000001, kIoc},  // fminnm d: SNaN
      {0x1e628820, kD2, kD3, 0xC018000000000000},                       // fnmul d: -(2*3)
      {0x1e60c020, 0xFFF0000000000001, 0, 0x7FF0000000000001},          // fabs d: NaN, no IOC
      {0x1e214020, kS1, 0, 0xBF800000},                                 // fneg s
      {0x1e61c020, 0x4002000000000000, 0, 0x3FF8000000000000},          // fsqrt d: sqrt(2.25)
      {0x1e61c020, 0xBFF0000000000000, 0, 0x7FF8000000000000, kIoc},    // fsqrt d: sqrt(-1)
  });
}

TEST_CASE("FMADD/FMSUB/FNMADD/FNMSUB") {
  run_fp({
      {0x1f420c20, kD2, kD3, 0x401C000000000000, 0, 0, kD1},  // fmadd: 1 + 2*3
      {0x1f428c20, kD2, kD3, 0xC014000000000000, 0, 0, kD1},  // fmsub: 1 - 2*3
      {0x1f620c20, kD2, kD3, 0xC01C000000000000, 0, 0, kD1},  // fnmadd: -1 - 2*3
      {0x1f628c20, kD2, kD3, 0x4014000000000000, 0, 0, kD1},  // fnmsub: -1 + 2*3
      // A quiet NaN addend with infinity * 0 gives the default NaN (IOC).
      {0x1f420c20, 0x7FF0000000000000, 0, 0x7FF8000000000000, kIoc, 0, 0x7FF8000000000123},
      // fmsub negates op1 first: a NaN in Rn comes out with its sign flipped.
      {0x1f428c20, 0x7FF8000000000042, kD1, 0xFFF8000000000042, 0, 0, kD1},
      // Fused: -1 + (1 + 2^-52)(1 - 2^-52) = -2^-104 exactly (a rounded product
      // would give 0).
      {0x1f420c20, 0x3FF0000000000001, 0x3FEFFFFFFFFFFFFE, 0xB970000000000000, 0, 0,
       0xBFF0000000000000},
  });
}

TEST_CASE("FCVT between precisions, including half") {
  run_fp({
      {0x1e624020, 0x3FF0000000000001, 0, kS1, kIxc},              // fcvt s, d: RN
      {0x1e624020, 0x3FF0000000000001, 0, 0x3F800001, kIxc, kRp},  // RP
      {0x1e22c020, 0x3FC00000, 0, 0x3FF8000000000000},             // fcvt d, s: 1.5
      // A signalling NaN keeps its sign and top fraction bits, quietened.
      {0x1e22c020, 0x7F800001, 0, 0x7FF8000020000000, kIoc},
      {0x1e23c020, kS1, 0, 0x3C00},  // fcvt h, s: 1.0
      // 65520 is a tie between 65504 (odd) and 65536: RN overflows to infinity,
      // RZ gives 65504 with no overflow.
      {0x1e23c020, 0x477FF000, 0, 0x7C00, kOfc | kIxc},
      {0x1e23c020, 0x477FF000, 0, 0x7BFF, kIxc, kRz},
      {0x1ee2c020, 0x7C00, 0, 0x7FF0000000000000},              // fcvt d, h: +infinity
      {0x1ee2c020, 0x7C00, 0, 0x40F0000000000000, 0, kAhp},     // AHP: 2^16
      {0x1e63c020, 0x7FF0000000000000, 0, 0x7FFF, kIoc, kAhp},  // fcvt h, d: AHP inf
      {0x1e63c020, 0x7FF8000000000000, 0, 0, kIoc, kAhp},       // AHP NaN: +0
      {0x1ee24020, 0x0001, 0, 0x33800000},                      // fcvt s, h: 2^-24
  });
}

TEST_CASE("FRINTN/A/P/M/Z/X/I") {
  run_fp({
      {0x1e644020, kD2p5, 0, kD2},                              // frintn: ties to even
      {0x1e664020, kD2p5, 0, kD3},                              // frinta: ties away
      {0x1e64c020, 0xBFE0000000000000, 0, 0x8000000000000000},  // frintp -0.5 = -0
      {0x1e654020, 0xBFE0000000000000, 0, 0xBFF0000000000000},  // frintm -0.5 = -1
      {0x1e65c020, 0xBFFC000000000000, 0, 0xBFF0000000000000},  // frintz -1.75 = -1
      {0x1e674020, 0x3FF8000000000000, 0, kD2, kIxc},           // frintx 1.5: IXC
      {0x1e67c020, 0x3FF8000000000000, 0, kD2, 0, kRp},         // frinti: FPCR, no IXC
      {0x1e67c020, 0x3FF8000000000000, 0, kD1, 0, kRz},
  });
}

// Conversions to general-purpose registers: X0 after the instruction.
struct GprCase {
  uint32_t insn;
  uint64_t n;
  uint64_t x0;
  uint32_t fpsr = 0;
  uint32_t fpcr = 0;
};

TEST_CASE("FCVT[NPMZA][SU] to general registers") {
  Rig r;
  const GprCase cases[] = {
      {0x1e380020, 0xBFC00000, 0xFFFFFFFF, kIxc},      // fcvtzs w0, s1: -1.5 -> -1
      {0x1e380020, 0x4F32D05E, 0x7FFFFFFF, kIoc},      // 3e9 saturates
      {0x1e380020, 0x7FC00000, 0, kIoc},               // NaN -> 0
      {0x1e390020, 0xBF800000, 0, kIoc},               // fcvtzu w0, s1: -1 saturates to 0
      {0x1e390020, 0xBF000000, 0, kIxc},               // -0.5 rounds to 0: inexact only
      {0x9e600020, kD2p5, 2, kIxc},                    // fcvtns x0, d1: ties to even
      {0x9e600020, kDm2p5, 0xFFFFFFFFFFFFFFFE, kIxc},  // -2.5 -> -2
      {0x9e640020, kD2p5, 3, kIxc},                    // fcvtas x0, d1: ties away
      {0x1e650020, kD2p5, 3, kIxc},                    // fcvtau w0, d1
      {0x9e700020, kDm2p5, 0xFFFFFFFFFFFFFFFD, kIxc},  // fcvtms x0, d1: -3
      {0x9e680020, 0x4000CCCCCCCCCCCD, 3, kIxc},       // fcvtps x0, d1: 2.1 -> 3
      {0x1e58e020, 0x3FF8000000000000, 0x180},         // fcvtzs w0, d1, #8: 1.5 * 256
  };
  for (const GprCase& c : cases) {
    CAPTURE(c.insn);
    r.st().fpcr = c.fpcr;
    r.st().fpsr = 0;
    r.setv(1, c.n, 0x1111);
    r.st().x[0] = 0x5A5A5A5A5A5A5A5A;
    r.exec(c.insn);
    CHECK_FALSE(r.took_exception());
    CHECK(r.st().x[0] == c.x0);
    CHECK(r.st().fpsr == c.fpsr);
  }
}

TEST_CASE("SCVTF/UCVTF from general registers") {
  Rig r;
  struct Case {
    uint32_t insn;
    uint64_t x1, result;
    uint32_t fpsr, fpcr;
  };
  const Case cases[] = {
      {0x1e620020, 0x12345678FFFFFFFF, 0xBFF0000000000000, 0, 0},  // scvtf d0, w1: -1
      {0x9e230020, kOnes, 0x5F800000, kIxc, 0},                    // ucvtf s0, x1: 2^64 (RN)
      {0x9e230020, kOnes, 0x5F7FFFFF, kIxc, kRz},                  // RZ
      {0x9e42f020, 24, 0x3FF8000000000000, 0, 0},                  // scvtf d0, x1, #4: 1.5
      {0x1e038020, 0x80000000, 0x3F000000, 0, 0},                  // ucvtf s0, w1, #32: 0.5
  };
  for (const Case& c : cases) {
    CAPTURE(c.insn);
    r.st().fpcr = c.fpcr;
    r.st().fpsr = 0;
    r.setv(0, kOnes, kOnes);
    r.st().x[1] = c.x1;
    r.exec(c.insn);
    CHECK_FALSE(r.took_exception());
    CHECK(r.v(0).lo == c.result);
    CHECK(r.v(0).hi == 0);
    CHECK(r.st().fpsr == c.fpsr);
  }
}

TEST_CASE("FCMP/FCMPE, FCCMP/FCCMPE, FCSEL") {
  Rig r;
  auto nzcv = [&] {
    const Pstate& p = r.st().pstate;
    return (p.n << 3) | (p.z << 2) | (p.c << 1) | unsigned{p.v};
  };
  auto run = [&](uint32_t insn, uint64_t n, uint64_t m) {
    r.st().fpsr = 0;
    r.setv(1, n, 0);
    r.setv(2, m, 0);
    r.exec(insn);
    CHECK_FALSE(r.took_exception());
  };
  run(0x1e222020, kS1, kS2);  // fcmp s1, s2: less
  CHECK(nzcv() == 0b1000);
  run(0x1e222020, kS2, kS1);  // greater
  CHECK(nzcv() == 0b0010);
  run(0x1e222020, 0x7FC00000, kS1);  // unordered; a quiet NaN does not signal
  CHECK(nzcv() == 0b0011);
  CHECK(r.st().fpsr == 0);
  run(0x1e222030, 0x7FC00000, kS1);  // fcmpe: it does
  CHECK(nzcv() == 0b0011);
  CHECK(r.st().fpsr == kIoc);
  run(0x1e602028, 0x8000000000000000, kD3);  // fcmp d1, #0.0: -0 == 0
  CHECK(nzcv() == 0b0110);

  r.st().pstate.z = false;
  run(0x1e620425, kD1, kD1);  // fccmp d1, d2, #5, eq: cond fails, NZCV = 0101
  CHECK(nzcv() == 0b0101);
  r.st().pstate.z = true;
  run(0x1e620425, kD1, kD1);  // cond holds: equal
  CHECK(nzcv() == 0b0110);
  r.st().pstate.z = true;
  run(0x1e221433, 0x7FC00000, kS1);  // fccmpe s1, s2, #3, ne: cond fails, no IOC
  CHECK(nzcv() == 0b0011);
  CHECK(r.st().fpsr == 0);

  r.st().pstate.z = true;
  r.setv(0, kOnes, kOnes);
  run(0x1e620c20, kD1, kD2);  // fcsel d0, d1, d2, eq
  CHECK(r.v(0).lo == kD1);
  CHECK(r.v(0).hi == 0);
  run(0x1e221c20, 0x1122334455667788, 0x99AABBCCDDEEFF00);  // fcsel s0, s1, s2, ne
  CHECK(r.v(0).lo == 0xDDEEFF00);
}

TEST_CASE("Advanced SIMD FP/integer conversions (vector and scalar)") {
  run_cases({
      // scvtf d0, d1: -2 -> -2.0
      {0x5e61d820, 0xFFFFFFFFFFFFFFFE, kOnes, 0, 0, 0xC000000000000000, 0},
      // ucvtf s0, s1: 3 -> 3.0f
      {0x7e21d820, 3, kOnes, 0, 0, 0x40400000, 0},
      // scvtf s0, s1, #16: 0x10000 / 2^16 = 1.0
      {0x5f30e420, 0x00010000, 0, 0, 0, kS1, 0},
      // fcvtnu v0.2d, v1.2d: 2.5 -> 2; -1 -> 0 (IOC).
      {0x6e61a820, kD2p5, 0xBFF0000000000000, 0, 0, 2, 0},
      // fcvtzs v0.2d, v1.2d, #1: 1.25 * 2 = 2.5 -> 2; -1 * 2 = -2.
      {0x4f7ffc20, 0x3FF4000000000000, 0xBFF0000000000000, 0, 0, 2, 0xFFFFFFFFFFFFFFFE},
  });
  Rig r;
  auto run = [&](uint32_t insn, uint64_t lo, uint64_t hi) {
    r.st().fpsr = 0;
    r.setv(1, lo, hi);
    r.exec(insn);
    CHECK_FALSE(r.took_exception());
  };
  // fcvtzs v0.4s, v1.4s: [1.5, -2.5, 1e10 (saturates), NaN (0)].
  run(0x4ea1b820, 0xC02000003FC00000, 0x7FC00000501502F9);
  CHECK(r.v(0).lo == 0xFFFFFFFE00000001);
  CHECK(r.v(0).hi == 0x000000007FFFFFFF);
  CHECK(r.st().fpsr == (kIoc | kIxc));
  // ucvtf v0.2s, v1.2s: [1, 0xFFFFFFFF -> 2^32 (inexact)].
  run(0x2e21d820, 0xFFFFFFFF00000001, kOnes);
  CHECK(r.v(0).lo == 0x4F8000003F800000);
  CHECK(r.v(0).hi == 0);
  CHECK(r.st().fpsr == kIxc);
  // fcvtzs d0, d1: -3.7 -> -3; fcvtas s0, s1: -2.5 -> -3.
  run(0x5ee1b820, 0xC00D99999999999A, 0);
  CHECK(r.v(0).lo == 0xFFFFFFFFFFFFFFFD);
  run(0x5e21c820, 0xC0200000, 0);
  CHECK(r.v(0).lo == 0xFFFFFFFD);
  CHECK(r.st().fpsr == kIxc);
}

TEST_CASE("floating point: unallocated and FEAT_FP16 encodings are UNDEFINED") {
  check_undefined({
      0x1ea22820,  // fadd with ftype = 10
      0x1ee22820,  // fadd h0, h1, h2 (FEAT_FP16)
      0x1e224020,  // fcvt with ftype == opc
      0x1ee3c020,  // fcvt h, h
      0x1e66c020,  // frint opcode 001101
      0x1e629820,  // 2-source opcode 1001
      0x1ee20c20,  // fcsel h (FEAT_FP16)
      0x1fc20c20,  // fmadd h (FEAT_FP16)
      0x1e037c20,  // ucvtf s0, w1, #33: 32-bit with scale<5> = 0
      0x1e6a0020,  // scvtf with rmode 01
      0x0ee1b820,  // fcvtzs v0.1d... (2D with Q = 0)
      0x5f08e420,  // scvtf (fixed, scalar) with immh = 0001
  });
}

}  // namespace
}  // namespace el2
