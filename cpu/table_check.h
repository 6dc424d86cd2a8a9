// Compile-time checks and ordering for the decode table.
#pragma once

#include <array>
#include <cstddef>

#include "cpu/insn_def.h"

namespace el2 {

// Concatenates the per-class row arrays into one table.
template <size_t... N>
consteval auto concat_rows(const std::array<InsnDef, N>&... parts) {
  std::array<InsnDef, (N + ...)> out{};
  size_t i = 0;
  ((std::copy(parts.begin(), parts.end(), out.begin() + i), i += parts.size()), ...);
  return out;
}

// Stable sort: highest priority first, then most fixed bits first.
template <size_t N>
consteval std::array<InsnDef, N> sort_rows(std::array<InsnDef, N> t) {
  for (size_t i = 1; i < N; ++i) {
    InsnDef row = t[i];
    size_t j = i;
    auto before = [](const InsnDef& a, const InsnDef& b) {
      return a.priority != b.priority ? a.priority > b.priority : a.specificity() > b.specificity();
    };
    while (j > 0 && before(row, t[j - 1])) {
      t[j] = t[j - 1];
      --j;
    }
    t[j] = row;
  }
  return t;
}

struct TableConflict {
  int first = -1;
  int second = -1;
};

// Two rows that can match the same word are ambiguous unless one's fixed bits
// strictly include the other's (the more specific row wins), or their
// priorities differ. Returns the first ambiguous pair, or {-1, -1}.
template <size_t N>
constexpr TableConflict find_table_conflict(const std::array<InsnDef, N>& t) {
  for (size_t i = 0; i < N; ++i) {
    for (size_t j = i + 1; j < N; ++j) {
      const InsnDef& a = t[i];
      const InsnDef& b = t[j];
      if ((a.value ^ b.value) & a.mask & b.mask) continue;  // Never match the same word.
      if (a.priority != b.priority) continue;
      const bool a_narrower = (a.mask & b.mask) == b.mask && a.mask != b.mask;
      const bool b_narrower = (a.mask & b.mask) == a.mask && a.mask != b.mask;
      if (!a_narrower && !b_narrower) return TableConflict{static_cast<int>(i), static_cast<int>(j)};
    }
  }
  return {};
}

}  // namespace el2
