#include "tools/fuzz/minimize.h"

#include <algorithm>

namespace el2::fuzz {

namespace {

// The steps of `seq` in chunk `i` of `n` (or all but that chunk).
Sequence chunk(const Sequence& seq, size_t n, size_t i, bool complement) {
  const size_t lo = seq.size() * i / n, hi = seq.size() * (i + 1) / n;
  Sequence out;
  for (size_t k = 0; k < seq.size(); ++k)
    if ((k >= lo && k < hi) != complement) out.push_back(seq[k]);
  return out;
}

}  // namespace

Sequence minimize(const Sequence& seq, const std::function<bool(const Sequence&)>& fails,
                  uint64_t max_tests, MinimizeStats* stats) {
  MinimizeStats local;
  MinimizeStats& st = stats ? *stats : local;
  const auto test = [&](const Sequence& s) {
    ++st.tests;
    return fails(s);
  };
  Sequence cur = seq;
  if (!cur.empty() && test({})) return {};  // Fails with no step at all (a static rule).
  size_t n = 2;
  while (cur.size() >= 2 && st.tests < max_tests) {
    n = std::min(n, cur.size());
    bool reduced = false;
    for (size_t i = 0; i < n && !reduced && st.tests < max_tests; ++i) {
      Sequence c = chunk(cur, n, i, false);
      if (test(c)) {
        cur = std::move(c);
        n = 2;
        reduced = true;
      }
    }
    for (size_t i = 0; i < n && !reduced && n > 2 && st.tests < max_tests; ++i) {
      Sequence c = chunk(cur, n, i, true);
      if (test(c)) {
        cur = std::move(c);
        n = std::max<size_t>(n - 1, 2);
        reduced = true;
      }
    }
    if (reduced) continue;
    if (n >= cur.size()) break;
    n = std::min(cur.size(), n * 2);
  }
  return cur;
}

}  // namespace el2::fuzz
