#include "tools/fuzz/session.h"

#include <fmt/format.h>

#include <chrono>

#include "tools/fuzz/minimize.h"
#include "tools/fuzz/rng.h"

namespace el2::fuzz {

namespace {

Finding unfaithful(const std::string& what) {
  return {Finding::Kind::kInvariant, "invariant.restore-faithful",
          "a run on the restored snapshot and on a newly built machine differ: " + what};
}

}  // namespace

SessionResult run_session(FuzzMachine& fm, Executor& ex, const SessionOptions& options,
                          std::FILE* log) {
  SessionResult res;
  const Targets targets = fm.targets();
  const auto t0 = std::chrono::steady_clock::now();
  const uint64_t calls0 = ex.calls(), rebuilds0 = fm.rebuilds();
  for (uint64_t run = 0; run < options.runs; ++run) {
    const Sequence seq = generate(run_seed(options.seed, run), targets, options.generator);
    RunOutcome out = ex.run(seq);
    ++res.runs;
    if (!out.finding && options.verify_every && run % options.verify_every == 0) {
      const RunOutcome fresh = ex.run(seq, /*fresh=*/true);
      if (fresh.finding || fresh.digest != out.digest)
        out.finding = unfaithful(fresh.finding ? "only the new machine found " + fresh.finding->id
                                               : "the final states differ");
    }
    if (out.finding) {
      res.finding = out.finding;
      res.finding_run = run;
      res.original = seq;
      break;
    }
  }
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  res.calls = ex.calls() - calls0;
  res.rebuilds = fm.rebuilds() - rebuilds0;
  if (!res.finding) return res;

  if (log)
    fmt::print(log, "el2emu fuzz: run {} of seed {}: {} at step {} of {}: {}\n", res.finding_run,
               options.seed, res.finding->id, res.finding->step + 1, res.original.size(),
               res.finding->detail);
  const std::string id = res.finding->id;
  if (id == "invariant.restore-faithful") {
    res.minimized = res.original;  // Minimising compares two machines: keep it whole.
    return res;
  }
  MinimizeStats st;
  res.minimized = minimize(
      res.original,
      [&](const Sequence& s) {
        const RunOutcome o = ex.run(s);
        return o.finding && o.finding->id == id;
      },
      5000, &st);
  res.minimize_tests = st.tests;
  // What the reproducer will show: the minimised run on a newly built
  // machine, exactly as `el2emu replay` runs it.
  const RunOutcome confirm = ex.run(res.minimized, /*fresh=*/true);
  if (confirm.finding && confirm.finding->id == id) {
    res.finding = confirm.finding;
    return res;
  }
  // A smaller sequence that fails only after earlier runs: keep the whole one
  // if that shows on a new machine, else the difference is the finding.
  res.minimized = res.original;
  const RunOutcome whole = ex.run(res.original, /*fresh=*/true);
  res.finding = whole.finding && whole.finding->id == id
                    ? whole.finding
                    : unfaithful(fmt::format("{} does not show on a newly built machine", id));
  return res;
}

}  // namespace el2::fuzz
