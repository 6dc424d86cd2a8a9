// Advanced SIMD three same (integer), shifts by register, pairwise and
// across-lanes long sums (simd_three_same.cc, simd_shift_reg.cc,
// simd_pairwise.cc, simd_across_lanes.cc), with the scalar compares of
// simd_fp_vector_int.cc. Expected values worked out by hand from the Arm ARM.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "cpu/insn/simd_test_rig.h"

namespace el2 {
namespace {

using namespace simd_test;

TEST_CASE("halving and saturating add/subtract") {
  run_cases({
      // shadd v0.16b: bytes (5,6)->5, (4,5)->4, (3,4)->3, (2,3)->2, (1,2)->1,
      // (-1,1)->0, (-128,-128)->-128, (127,127)->127; high half (0,-1)->-1.
      {0x4e220420, 0x7F80FF0102030405, 0, 0x7F80010203040506, kOnes, 0x7F80000102030405, kOnes},
      // urhadd v0.8h: (3+4+1)>>1=4, (2+3+1)>>1=3, (1+0+1)>>1=1, (FFFF+FFFF+1)>>1=FFFF; 0x8000+1+1.
      {0x6e621420, 0xFFFF000100020003, 0x8000, 0xFFFF000000030004, 1, 0xFFFF000100030004, 0x4001},
      // uhsub v0.4s: (5-3)>>1=1, (0-1)>>1=-1, 0, (FFFFFFFF-0)>>1.
      {0x6ea22420, 5, 0xFFFFFFFF00000000, 0x0000000100000003, 0, 0xFFFFFFFF00000001,
       0x7FFFFFFF00000000},
      // sqadd v0.16b: 127+1, -128-1, 1+127, 64+64 saturate; -1-127 and -64-64 are -128.
      {0x4e220c20, 0x0000C040FF01807F, 0, 0x0000C040817FFF01, 0, 0x0000807F807F807F, 0, true},
      // uqadd v0.8h: 0x1234+1; 1+0xFFFF, 0x8000+0x8000, 0xFFFF+1 saturate to 0xFFFF.
      {0x6e620c20, 0xFFFF800000011234, 0, 0x00018000FFFF0001, 0, 0xFFFFFFFFFFFF1235, 0, true},
      // sqsub v0.4s: 5-7=-2; -2^31-1, 0-(-2^31), 0x7FFFFFFF-(-1) saturate.
      {0x4ea22c20, 0x8000000000000005, 0x7FFFFFFF00000000, 0x0000000100000007, 0xFFFFFFFF80000000,
       0x80000000FFFFFFFE, 0x7FFFFFFF7FFFFFFF, true},
      // uqsub v0.2d: 5-7 saturates to 0; ~0-1.
      {0x6ee22c20, 5, kOnes, 7, 1, 0, 0xFFFFFFFFFFFFFFFE, true},
      // sqadd b0, b1, b2: only the low bytes; the rest of V0 is zeroed.
      {0x5e220c20, 0x123456789ABCDE7F, kOnes, 0xFFFFFFFFFFFFFF01, kOnes, 0x7F, 0, true},
      // uqsub d0, d1, d2: 10-3.
      {0x7ee22c20, 10, kOnes, 3, kOnes, 7, 0},
  });
}

TEST_CASE("MAX/MIN, ABD/ABA, MUL/MLA/MLS/PMUL, SQDMULH/SQRDMULH") {
  run_cases({
      // smax v0.4s: [5,-1,-2^31,0x7FFFFFFF] vs [7,1,-2^31+1,0].
      {0x4ea26420, 0xFFFFFFFF00000005, 0x7FFFFFFF80000000, 0x0000000100000007, 0x0000000080000001,
       0x0000000100000007, 0x7FFFFFFF80000001},
      // umin v0.16b
      {0x6e226c20, 0x0102030405060708, 0x80, 0x0807060504030201, 0x7F, 0x0102030404030201, 0x7F},
      // sabd v0.8h: |-1-1|=2, |5+5|=10, |32767+32768|=0xFFFF, |-32768-32767|=0xFFFF.
      {0x4e627420, 0x80007FFF0005FFFF, 0, 0x7FFF8000FFFB0001, 0, 0xFFFFFFFF000A0002, 0},
      // uabd v0.16b
      {0x6e227420, 0x00FF, 0, 0xFF00, 0, 0xFFFF, 0},
      // saba v0.4s: |(-2^31) - (2^31-1)| = 0xFFFFFFFF plus 0xFFFFFFFF wraps to
      // 0xFFFFFFFE; |3-7| + 1 = 5; lane 3 keeps 0x10.
      {0x4ea27c20, 0x0000000380000000, 0, 0x000000077FFFFFFF, 0, 0x00000005FFFFFFFE,
       0x0000001000000000, false, 0x00000001FFFFFFFF, 0x0000001000000000},
      // uaba v0.8b: 0xFF + 1 wraps to 0.
      {0x2e227c20, 0xFF, kOnes, 0, 0, 0x0101010101010100, 0, false, 0x0101010101010101, kOnes},
      // mul v0.8h: 3*5, 0xFFFF*0xFFFF = 0xFFFE0001, 0x100*0x100, 2*0x8000.
      {0x4e629c20, 0x00020100FFFF0003, 0, 0x80000100FFFF0005, 0, 0x000000000001000F, 0},
      // mla v0.4s: 0x10 + 3*4; 1 + 2*0xFFFFFFFF wraps to 0xFFFFFFFF.
      {0x4ea29420, 0x0000000200000003, 0, 0xFFFFFFFF00000004, 0, 0xFFFFFFFF0000001C, 0, false,
       0x0000000100000010, 0},
      // mls v0.16b: 0x10 - 2*3, 0 - 3*2.
      {0x6e229420, 0x0302, 0, 0x0203, 0, 0xFA0A, 0, false, 0x10, 0},
      // pmul v0.16b: 3*3 = 5, 0x80*2 = 0x100, 0xFF*0xFF = 0x5555, 0x0F*0x11 = 0xFF
      // (carry-less), low bytes.
      {0x6e229c20, 0x0FFF8003, 0, 0x11FF0203, 0, 0xFF550005, 0},
      // sqdmulh v0.8h: 2*(-32768)^2 >> 16 saturates; 2*2^28 >> 16; 2*32767*-1 >> 16
      // = -1; 2*3*5 >> 16 = 0.
      {0x4e62b420, 0x00037FFF40008000, 0, 0x0005FFFF40008000, 0, 0x0000FFFF20007FFF, 0, true},
      // sqrdmulh v0.4s: (2*2^30 + 2^31) >> 32 = 1; (30 + 2^31) >> 32 = 0.
      {0x6ea2b420, 0x0000000340000000, 0, 0x0000000500000001, 0, 1, 0},
      // sqdmulh h0, h1, h2: 2*0x4000*0x4000 >> 16 = 0x2000.
      {0x5e62b420, 0xFFFF4000, kOnes, 0x4000, 0, 0x2000, 0},
  });
}

TEST_CASE("scalar compares and ABS/NEG (D)") {
  run_cases({
      {0x7ee23420, 0x8000000000000000, 7, 1, 9, kOnes, 0},  // cmhi d0: unsigned 2^63 > 1
      {0x5ee23c20, 0x8000000000000000, 7, 1, 9, 0, 0},      // cmge d0: signed min >= 1 is false
      {0x7ee28c20, 5, 1, 5, 2, kOnes, 0},                   // cmeq d0, d1, d2
      {0x5ee28c20, 0xF0, 0, 0x0F, 0, 0, 0},                 // cmtst d0, d1, d2
      {0x5ee09820, 0, kOnes, 0, 0, kOnes, 0},               // cmeq d0, d1, #0
      {0x7ee08820, 0x8000000000000000, 0, 0, 0, 0, 0},      // cmge d0, d1, #0
      {0x5ee0a820, kOnes, 0, 0, 0, kOnes, 0},               // cmlt d0, d1, #0
      {0x5ee0b820, kOnes, 0, 0, 0, 1, 0},                   // abs d0, d1
      {0x7ee0b820, 1, 0, 0, 0, kOnes, 0},                   // neg d0, d1
  });
}

TEST_CASE("shifts by register") {
  run_cases({
      // sshl v0.4s: 1<<31; -2^31>>1; -16>>2 (only the low byte 0xFE of the
      // shift counts); 0x40000000<<2 loses the bit.
      {0x4ea24420, 0x8000000000000001, 0x40000000FFFFFFF0, 0x000000FF0000001F, 0x00000002123456FE,
       0xC000000080000000, 0x00000000FFFFFFFC},
      // ushl v0.16b: 0x81>>1, 0x81<<1 = 0x02, 1<<8 = 0, 0x80>>8 = 0, 0x80>>128 = 0,
      // 1<<127 = 0.
      {0x6e224420, 0x0000018080018181, 0, 0x00007F80F80801FF, 0, 0x0240, 0},
      // srshl v0.8h: (3+1)>>1, (-3+1)>>1 = -1, (5+2)>>2 = 1, 1<<1.
      {0x4e625420, 0x00010005FFFD0003, 0, 0x000100FE00FFFFFF, 0, 0x00020001FFFF0002, 0},
      // urshl v0.2d: (2^64-1+1)>>1 = 2^63; (2^63+2^63)>>64 = 1.
      {0x6ee25420, kOnes, 0x8000000000000000, 0xFF, 0xC0, 0x8000000000000000, 1},
      // sqshl v0.16b: 0x40<<1 and 1<<32 saturate to 0x7F; -64<<1 = -128; -127>>1 = -64.
      {0x4e224c20, 0x8101C040, 0, 0xFF200101, 0, 0xC07F807F, 0, true},
      // uqrshl v0.4s: (2^32-1+1)>>1; 2^31<<1 saturates; (7+2)>>2; 0<<127.
      {0x6ea25c20, 0x80000000FFFFFFFF, 7, 0x00000001000000FF, 0x0000007F000000FE,
       0xFFFFFFFF80000000, 2, true},
      // ushl d0, d1, d2
      {0x7ee24420, 0xFF00, kOnes, 4, kOnes, 0xFF000, 0},
      // sqshl s0, s1, s2: 0x7FFFFFFF<<1 saturates.
      {0x5ea24c20, 0xDEADBEEF7FFFFFFF, 0, 1, 0, 0x7FFFFFFF, 0, true},
  });
}

TEST_CASE("pairwise: ADDP, SMAXP/SMINP/UMAXP/UMINP, [SU]ADDLP, [SU]ADALP") {
  run_cases({
      // addp v0.16b: the low half from Vn's pairs, the high half from Vm's.
      {0x4e22bc20, 0x0807060504030201, 0x100F0E0D0C0B0A09, 0x80808080FF01FF01, 0x7F01,
       0x1F1B17130F0B0703, 0x0000008000000000},
      // addp v0.4s: [1+2, 3+4, 0xFFFFFFFF+1, 5+6].
      {0x4ea2bc20, 0x0000000200000001, 0x0000000400000003, 0x00000001FFFFFFFF, 0x0000000600000005,
       0x0000000700000003, 0x0000000B00000000},
      // addp d0, v1.2d
      {0x5ef1b820, kOnes, 2, 0, 0, 1, 0},
      // umaxp v0.16b
      {0x6e22a420, 0x0807060504030201, 0x8000FF0000000000, 0, 0x0100000000000000,
       0x80FF000008060402, 0x0100000000000000},
      // sminp v0.4h: min(-1,1), min(0x7FFF,-32768) | min(4,5), min(3,2).
      {0x0e62ac20, 0x80007FFF0001FFFF, kOnes, 0x0002000300050004, kOnes, 0x000200048000FFFF, 0},
      // uminp v0.8h
      {0x6e62ac20, 0x80007FFF0001FFFF, 0, 0x0002000300050004, kOnes, 0x000000007FFF0001,
       0xFFFFFFFF00020004},
      // smaxp v0.2s
      {0x0ea2a420, 0x800000007FFFFFFF, 0, 0xFFFFFFFFFFFFFFFE, 0, 0xFFFFFFFF7FFFFFFF, 0},
      // uaddlp v0.8h, v1.16b
      {0x6e202820, 0x0807060504030201, kOnes, 0, 0, 0x000F000B00070003, 0x01FE01FE01FE01FE},
      // saddlp v0.1d, v1.2s: -1 + -2^31.
      {0x0ea02820, 0xFFFFFFFF80000000, kOnes, 0, 0, 0xFFFFFFFF7FFFFFFF, 0},
      // uadalp v0.4s, v1.8h: Vd [1,2,3,0xFFFFFFFF] + [0x1FFFE, 2, 0, 1].
      {0x6e606820, 0x00010001FFFFFFFF, 0x0000000100000000, 0, 0, 0x000000040001FFFF, 3, false,
       0x0000000200000001, 0xFFFFFFFF00000003},
      // sadalp v0.2d, v1.4s: 10 + (-1 + -2); 0 + (-2^31 + -2^31).
      {0x4ea06820, 0xFFFFFFFEFFFFFFFF, 0x8000000080000000, 0, 0, 7, 0xFFFFFFFF00000000, false, 10,
       0},
  });
}

TEST_CASE("across lanes: SADDLV, UADDLV") {
  run_cases({
      {0x6e303820, kOnes, kOnes, 0, 0, 0x0FF0, 0},  // uaddlv h0, v1.16b: 16 * 255
      // saddlv s0, v1.8h: 4 * -32768 + 2 + 1 - 1 - 1 = -131071.
      {0x4e703820, 0x8000800080008000, 0xFFFFFFFF00010002, 0, 0, 0xFFFE0001, 0},
      {0x6eb03820, kOnes, kOnes, 0, 0, 0x3FFFFFFFC, 0},  // uaddlv d0, v1.4s
  });
}

TEST_CASE("reserved sizes and unallocated opcodes are UNDEFINED") {
  check_undefined({
      0x4ee20420,  // shadd with size 11
      0x0ee20c20,  // sqadd v0.1d
      0x5e224420,  // sshl b0 (scalar SSHL is D only)
      0x4ee26420,  // smax with size 11
      0x6e629c20,  // pmul with size 01
      0x4e22b420,  // sqdmulh with size 00
      0x4ee2b420,  // sqdmulh with size 11
      0x5e22b420,  // sqdmulh b0 (scalar)
      0x7ea23420,  // cmhi s0 (scalar compares are D only)
      0x5ea09820,  // cmeq s0, s1, #0
      0x5eb1b820,  // addp with size 10 (scalar)
      0x0ee2bc20,  // addp v0.1d
      0x6e22bc20,  // U=1, opcode 10111 (three same) is unallocated
      0x2eb03820,  // uaddlv from 2s
      0x6ef03820,  // uaddlv with size 11
      0x6ee02820,  // uaddlp with size 11
  });
}

}  // namespace
}  // namespace el2
