// Instruction encodings as data (after dynarmic's bit-string decoder).
//
// A pattern is a 32-character string, most significant bit first:
//   '0' / '1'  fixed bits that must match,
//   '-'        a bit the encoding ignores,
//   a letter   a named operand field (each letter one contiguous run).
// Enc<"..."> computes mask and value at compile time; Enc::get<'n'>(insn)
// extracts field 'n', and naming a letter the pattern lacks is a compile error.
#pragma once

#include <cstddef>
#include <cstdint>

#include "cpu/bits.h"

namespace el2 {

template <size_t N>
struct FixedString {
  char s[N]{};
  consteval FixedString(const char (&str)[N]) {  // NOLINT: implicit by design.
    for (size_t i = 0; i < N; ++i) s[i] = str[i];
  }
};

struct FieldSpan {
  unsigned shift = 0;
  unsigned width = 0;
};

namespace enc_detail {

consteval bool is_field_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

template <size_t N>
consteval uint32_t compute(const FixedString<N>& p, bool want_value) {
  uint32_t mask = 0, value = 0;
  for (unsigned i = 0; i < 32; ++i) {
    const char c = p.s[i];
    const uint32_t b = 1u << (31 - i);
    if (c == '0' || c == '1') {
      mask |= b;
      if (c == '1') value |= b;
    } else if (c != '-' && !is_field_letter(c)) {
      throw "pattern characters are 0, 1, - or a field letter";
    }
  }
  return want_value ? value : mask;
}

template <size_t N>
consteval FieldSpan field(const FixedString<N>& p, char letter) {
  int first = -1, last = -1;
  for (int i = 0; i < 32; ++i) {
    if (p.s[i] != letter) continue;
    if (first < 0) first = i;
    if (last >= 0 && last != i - 1) throw "a field's letters must be contiguous";
    last = i;
  }
  if (first < 0) throw "this field letter is not in the pattern";
  return FieldSpan{static_cast<unsigned>(31 - last), static_cast<unsigned>(last - first + 1)};
}

}  // namespace enc_detail

template <FixedString P>
struct Enc {
  static_assert(sizeof(P.s) == 33, "an encoding pattern has exactly 32 characters");

  static constexpr uint32_t mask = enc_detail::compute(P, false);
  static constexpr uint32_t value = enc_detail::compute(P, true);

  static constexpr bool matches(uint32_t insn) { return (insn & mask) == value; }

  template <char L>
  static constexpr uint32_t get(uint32_t insn) {
    constexpr FieldSpan f = enc_detail::field(P, L);
    return static_cast<uint32_t>(bits(insn, f.shift + f.width - 1, f.shift));
  }

  template <char L>
  static constexpr int64_t sget(uint32_t insn) {
    constexpr FieldSpan f = enc_detail::field(P, L);
    return sign_extend(get<L>(insn), f.width);
  }
};

}  // namespace el2
