#include "tests/diff/harness.h"

#include <fmt/format.h>

#include <cstring>

#include "tests/diff/known_divergences.h"

namespace el2::diff {

uint64_t ClassStats::compared() const {
  uint64_t n = 0;
  for (unsigned v = 0; v < kNumVerdicts; ++v)
    if (static_cast<Verdict>(v) != Verdict::kSkipped) n += by_verdict[v];
  return n;
}

std::string ClassStats::summary() const {
  std::string s = fmt::format(
      "compared={} matched={} both-trapped={} skipped={} el2emu-unimplemented={} "
      "unicorn-crashed={} known-divergences={} MISMATCHES={}\n",
      compared(), by_verdict[static_cast<unsigned>(Verdict::kMatch)],
      by_verdict[static_cast<unsigned>(Verdict::kBothTrapped)],
      by_verdict[static_cast<unsigned>(Verdict::kSkipped)],
      by_verdict[static_cast<unsigned>(Verdict::kEl2Unimplemented)],
      by_verdict[static_cast<unsigned>(Verdict::kOracleCrashed)], known, unexpected);
  for (unsigned v = static_cast<unsigned>(Verdict::kStateDiffers); v < kNumVerdicts; ++v)
    if (by_verdict[v])
      s += fmt::format("    {}: {}\n", verdict_name(static_cast<Verdict>(v)), by_verdict[v]);
  for (const auto& [row, n] : mismatch_by_row) s += fmt::format("    mismatch {}: {}\n", row, n);
  for (const auto& [id, n] : known_by_id) s += fmt::format("    known {}: {}\n", id, n);
  for (const auto& c : crash_examples) s += "    " + c;
  for (const auto& [row, n] : unimplemented_by_row)
    s += fmt::format("    unimplemented {}: {}\n", row, n);
  return s;
}

Harness::Harness(uint64_t memory_seed) {
  Rng rng(memory_seed);
  auto fill = [&](uint8_t* p, uint64_t n) {
    for (uint64_t i = 0; i < n; i += 8) {
      const uint64_t v = rng.next();
      std::memcpy(p + i, &v, 8);
    }
  };
  // Code: random B instructions. QEMU translates ahead of the instruction
  // under test until a branch, so what follows must be harmless to decode;
  // literal loads still read varied bits.
  for (uint64_t i = 0; i < kCodeSize; i += 4) {
    const uint32_t b = 0x1400'0000u | (static_cast<uint32_t>(rng.next()) & 0x03FF'FFFFu);
    std::memcpy(el2_.code() + i, &b, 4);
  }
  const uint32_t clrex = 0xD503'305F;  // UnicornOracle::clear_monitor() runs this.
  std::memcpy(el2_.code() + (kScratchPc - kCodeBase), &clrex, 4);
  fill(el2_.data(), kDataSize);
  pristine_code_.assign(el2_.code(), el2_.code() + kCodeSize);
  pristine_data_.assign(el2_.data(), el2_.data() + kDataSize);
  sync_memory();
}

void Harness::restore_memory() {
  if (std::memcmp(el2_.data(), pristine_data_.data(), kDataSize) != 0 ||
      std::memcmp(uc_.data(), pristine_data_.data(), kDataSize) != 0) {
    std::memcpy(el2_.data(), pristine_data_.data(), kDataSize);
    std::memcpy(uc_.data(), pristine_data_.data(), kDataSize);
  }
  if (std::memcmp(el2_.code(), pristine_code_.data(), kCodeSize) != 0 ||
      std::memcmp(uc_.code(), pristine_code_.data(), kCodeSize) != 0) {
    std::memcpy(el2_.code(), pristine_code_.data(), kCodeSize);
    std::memcpy(uc_.code(), pristine_code_.data(), kCodeSize);
    uc_.invalidate_code(kCodeBase, kCodeSize);
  }
}

void Harness::sync_memory() {
  std::memcpy(uc_.code(), el2_.code(), kCodeSize);
  std::memcpy(uc_.data(), el2_.data(), kDataSize);
  uc_.invalidate_code(kCodeBase, kCodeSize);
}

CaseOutcome Harness::run_case(const TestCase& tc, const std::string& reproducer) {
  CaseOutcome out;
  if (state_dependent_reason(tc.insn) || unpredictable_reason(tc.insn)) {
    out.verdict = Verdict::kSkipped;
    return out;
  }
  const uint64_t off = tc.in.pc - kCodeBase;
  uint32_t old_word;
  std::memcpy(&old_word, el2_.code() + off, 4);
  std::memcpy(el2_.code() + off, &tc.insn, 4);
  std::memcpy(uc_.code() + off, &tc.insn, 4);
  uc_.invalidate_code(tc.in.pc, 4);

  const RunResult a = el2_.run(tc.in, 1);
  const bool el2_monitor = el2_.monitor_armed();
  const RunResult b = uc_.run(tc.in, 1);
  // Any load-exclusive may have armed Unicorn's monitor too: clear it so every
  // case starts from an open monitor, as el2emu's does.
  if (el2_monitor || ((tc.insn >> 24) & 0x3F) == 0x08) uc_.clear_monitor();

  std::vector<std::string> diffs;
  const InsnDef* row = el2_.decode(tc.insn);
  if (a.trap == Trap::kUndef && row && !row->fn) {
    out.row = row->name;
    out.verdict = Verdict::kEl2Unimplemented;
  } else if (uc_.crashed()) {
    out.verdict = Verdict::kOracleCrashed;
    out.report =
        fmt::format("unicorn crashed on {:08x} ({}); el2emu: {}\n", tc.insn,
                    disassemble(tc.insn, tc.in.pc), a.trap == Trap::kNone ? "executed" : a.detail);
  } else if (a.trap != Trap::kNone && b.trap != Trap::kNone) {
    out.verdict = a.trap == b.trap ? Verdict::kBothTrapped : Verdict::kTrapKindDiffers;
  } else if (a.trap != Trap::kNone) {
    out.verdict = Verdict::kEl2TrapsOnly;
  } else if (b.trap != Trap::kNone) {
    out.verdict = Verdict::kUcTrapsOnly;
  } else {
    diffs = register_diffs(tc.in, a.state, b.state);
    const size_t nregs = diffs.size();
    auto mem = memory_diffs(el2_.data(), uc_.data(), kDataBase, kDataSize, 8);
    auto cmem = memory_diffs(el2_.code(), uc_.code(), kCodeBase, kCodeSize, 8);
    const bool mem_differs = !mem.empty() || !cmem.empty();
    diffs.insert(diffs.end(), mem.begin(), mem.end());
    diffs.insert(diffs.end(), cmem.begin(), cmem.end());
    const bool regs_differ = nregs > 0;
    out.verdict = regs_differ   ? Verdict::kStateDiffers
                  : mem_differs ? Verdict::kMemoryDiffers
                                : Verdict::kMatch;
  }

  if (is_mismatch(out.verdict)) {
    out.known = find_known_divergence(tc.insn, tc.in, out.verdict);
    const bool el2_alignment_fault = a.trap == Trap::kDataAbort && (a.esr & 0x3F) == 0x21;
    if (!out.known && out.verdict == Verdict::kEl2TrapsOnly && el2_alignment_fault)
      out.known = &kMmuOffDeviceAlignment;
    out.row = row ? row->name : "no row (UNDEFINED)";
    MismatchReport r{.insn = tc.insn,
                     .verdict = out.verdict,
                     .in = &tc.in,
                     .el2 = &a,
                     .uc = &b,
                     .diffs = std::move(diffs),
                     .el2_row = out.row,
                     .reproducer = reproducer};
    out.report = format_report(r);
    if (out.known) out.report += fmt::format("  known divergence: {}\n", out.known->id);
  }

  // Restore the code word and the memory both engines started from.
  std::memcpy(el2_.code() + off, &old_word, 4);
  std::memcpy(uc_.code() + off, &old_word, 4);
  uc_.invalidate_code(tc.in.pc, 4);
  restore_memory();
  return out;
}

ClassStats Harness::run_class(GenClass c, uint64_t seed, uint64_t iters, unsigned max_reports) {
  ClassStats st;
  for (uint64_t i = 0; i < iters; ++i) {
    const TestCase tc = generate(c, seed, i);
    const std::string repro =
        fmt::format("bazel-bin/tests/diff/diff_tool --class={} --seed={:#x} --iter={}",
                    gen_class_name(c), seed, i);
    const CaseOutcome o = run_case(tc, repro);
    ++st.by_verdict[static_cast<unsigned>(o.verdict)];
    if (o.verdict == Verdict::kEl2Unimplemented) ++st.unimplemented_by_row[o.row];
    if (o.verdict == Verdict::kOracleCrashed && st.crash_examples.size() < 5)
      st.crash_examples.push_back(o.report);
    if (!is_mismatch(o.verdict)) continue;
    if (o.known) {
      ++st.known;
      ++st.known_by_id[o.known->id];
      continue;
    }
    ++st.unexpected;
    // The first two examples of each kind, up to max_reports in all.
    const uint64_t n = ++st.mismatch_by_row[fmt::format("{} | {}", verdict_name(o.verdict), o.row)];
    if (n <= 2 && st.reports.size() < max_reports) st.reports.push_back(o.report);
  }
  return st;
}

}  // namespace el2::diff
