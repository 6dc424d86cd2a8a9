// Every logical immediate and every bitfield encoding, both register widths,
// run through the core and compared with references written here from the
// Arm ARM: DecodeBitMasks bit by bit (shared/functions/bitmasks), and SBFM/
// BFM/UBFM through what their aliases do (C6.2 UBFX, UBFIZ, SBFX, SBFIZ,
// BFXIL, BFI) rather than through masks.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <set>

#include "cpu/insn/load_store_test_rig.h"

namespace el2 {
namespace {

using ldst_test::Core;

uint64_t low_ones(unsigned n) { return n >= 64 ? ~0ull : (1ull << n) - 1; }

// DecodeBitMasks(immN, imms, immr, TRUE, M).wmask, or nothing when reserved.
std::optional<uint64_t> reference_logical_imm(unsigned n, unsigned imms, unsigned immr,
                                              unsigned m) {
  const unsigned v = (n << 6) | (~imms & 0x3F);
  int len = -1;
  for (int b = 6; b >= 0; --b)
    if ((v >> b) & 1) {
      len = b;
      break;
    }
  if (len < 1) return std::nullopt;
  const unsigned esize = 1u << len;
  if (esize > m) return std::nullopt;
  const unsigned levels = esize - 1;
  if ((imms & levels) == levels) return std::nullopt;  // An all-ones element.
  const unsigned s = imms & levels, r = immr & levels;
  uint64_t elem = 0;  // Ones(S+1), rotated right by R within the element.
  for (unsigned b = 0; b <= s; ++b) elem |= 1ull << ((b + esize - r) % esize);
  uint64_t mask = 0;
  for (unsigned at = 0; at < m; at += esize) mask |= elem << at;
  return mask;
}

uint64_t sign_extend_from(uint64_t v, unsigned bits, unsigned m) {
  const uint64_t field = v & low_ones(bits);
  const uint64_t result = (field >> (bits - 1)) & 1 ? field | ~low_ones(bits) : field;
  return result & low_ones(m);
}

// SBFM (opc 0), BFM (1), UBFM (2) with immr, imms < M, by their aliases.
uint64_t reference_bitfield(unsigned opc, unsigned immr, unsigned imms, uint64_t src, uint64_t dst,
                            unsigned m) {
  src &= low_ones(m);
  dst &= low_ones(m);
  if (imms >= immr) {  // Extract bits [imms:immr] to the bottom (UBFX, SBFX, BFXIL).
    const unsigned width = imms - immr + 1;
    const uint64_t field = (src >> immr) & low_ones(width);
    if (opc == 0) return sign_extend_from(field, width, m);
    if (opc == 2) return field;
    return (dst & ~low_ones(width)) | field;
  }
  // Insert bits [imms:0] at bit M - immr (UBFIZ, SBFIZ, BFI).
  const unsigned width = imms + 1, lsb = m - immr;
  const uint64_t field = src & low_ones(width);
  if (opc == 0) return sign_extend_from(field, width, m) << lsb & low_ones(m);
  if (opc == 2) return field << lsb;
  return (dst & ~(low_ones(width) << lsb)) | (field << lsb);
}

TEST_CASE("logical immediates: every N:immr:imms, 32 and 64 bits, all four operations") {
  Core c;
  const uint64_t operand = 0x8123'4567'89AB'CDEFull;
  std::set<uint64_t> values[2];
  for (unsigned sf = 0; sf < 2; ++sf) {
    const unsigned m = sf ? 64 : 32;
    for (unsigned k = 0; k < (1u << 13); ++k) {
      const unsigned n = k >> 12, immr = (k >> 6) & 0x3F, imms = k & 0x3F;
      const std::optional<uint64_t> imm =
          sf || !n ? reference_logical_imm(n, imms, immr, m) : std::nullopt;
      if (imm) values[sf].insert(*imm);
      for (unsigned opc = 0; opc < 4; ++opc) {
        // AND/ORR/EOR/ANDS X1, X2, #imm.
        const uint32_t insn = sf << 31 | opc << 29 | 0x24u << 23 | k << 10 | 2 << 5 | 1;
        c.x(2) = operand;
        c.x(1) = 0x5555;
        c.exec(insn);
        INFO("sf " << sf << " N:immr:imms " << k << " opc " << opc);
        if (!imm) {
          CHECK(c.trapped());
          CHECK(c.ec() == 0);
          continue;
        }
        REQUIRE(c.ok());
        const uint64_t a = operand & low_ones(m);
        const uint64_t want = opc == 1 ? a | *imm : opc == 2 ? a ^ *imm : a & *imm;
        CHECK(c.x(1) == want);
        if (opc == 3) {
          CHECK(c.s().pstate.n == (((want >> (m - 1)) & 1) != 0));
          CHECK(c.s().pstate.z == (want == 0));
          CHECK(!c.s().pstate.c);
          CHECK(!c.s().pstate.v);
        }
      }
    }
  }
  // The reference itself: 5334 distinct 64-bit and 1302 distinct 32-bit
  // logical immediates exist.
  CHECK(values[1].size() == 5334);
  CHECK(values[0].size() == 1302);
}

TEST_CASE("SBFM, BFM, UBFM: every immr and imms, 32 and 64 bits, against their aliases") {
  Core c;
  const uint64_t sources[] = {0x8123'4567'89AB'CDEFull, 0x7FED'CBA9'8765'4321ull};
  for (unsigned sf = 0; sf < 2; ++sf) {
    const unsigned m = sf ? 64 : 32;
    for (unsigned opc = 0; opc < 4; ++opc)
      for (unsigned immr = 0; immr < 64; ++immr)
        for (unsigned imms = 0; imms < 64; ++imms)
          for (unsigned n = 0; n < 2; ++n) {
            const uint32_t insn =
                sf << 31 | opc << 29 | 0x26u << 23 | n << 22 | immr << 16 | imms << 10 | 2 << 5 | 1;
            const uint64_t src = sources[(immr + imms) & 1];
            const uint64_t dst = 0xA5A5'5A5A'0F0F'F0F0ull;
            c.x(2) = src;
            c.x(1) = dst;
            c.exec(insn);
            INFO("sf " << sf << " opc " << opc << " N " << n << " immr " << immr << " imms "
                       << imms);
            if (opc == 3 || n != sf || immr >= m || imms >= m) {
              CHECK(c.trapped());
              CHECK(c.ec() == 0);
              continue;
            }
            REQUIRE(c.ok());
            CHECK(c.x(1) == reference_bitfield(opc, immr, imms, src, dst, m));
          }
  }
}

}  // namespace
}  // namespace el2
