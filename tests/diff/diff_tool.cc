// Reproduces differential-test cases from the command line:
//   diff_tool --class=load_store --seed=0xe12e0003 --iter=1234
//   diff_tool --insn=0xf8410c20 [--seed=S] [--iter=N]
//   diff_tool --class=data_proc_reg [--seed=S] --iters=100000   (a whole run)
// Prints the case and, on a mismatch, the full report. Exit status 1 on an
// unexpected mismatch.
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "tests/diff/harness.h"
#include "tests/diff/known_divergences.h"

using namespace el2::diff;

namespace {

bool flag(std::string_view arg, std::string_view name, std::string& value) {
  if (arg.substr(0, name.size()) != name || arg.size() <= name.size() || arg[name.size()] != '=')
    return false;
  value = std::string(arg.substr(name.size() + 1));
  return true;
}

int usage() {
  std::fputs(
      "usage: diff_tool (--class=NAME | --insn=0xWORD) [--seed=S] [--iter=N | --iters=N]\n"
      "classes: data_proc_imm data_proc_reg branch_system load_store simd_fp random_words\n"
      "         simd_int fp_scalar\n"
      "         --list-known prints the known-divergence table\n",
      stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<GenClass> cls;
  std::optional<uint32_t> insn;
  std::optional<uint64_t> seed;
  uint64_t iter = 0, iters = 0;
  for (int i = 1; i < argc; ++i) {
    std::string v;
    const std::string_view a = argv[i];
    if (a == "--list-known") {
      fmt::print("{:<18} (from el2emu's syndrome)  {}\n", kMmuOffDeviceAlignment.id,
                 kMmuOffDeviceAlignment.reason);
      for (const auto& k : known_divergences())
        fmt::print("{:<18} mask={:08x} value={:08x}  {}\n", k.id, k.mask, k.value, k.reason);
      return 0;
    } else if (flag(a, "--class", v)) {
      cls = parse_gen_class(v);
      if (!cls) return usage();
    } else if (flag(a, "--insn", v)) {
      insn = static_cast<uint32_t>(std::strtoull(v.c_str(), nullptr, 0));
    } else if (flag(a, "--seed", v)) {
      seed = std::strtoull(v.c_str(), nullptr, 0);
    } else if (flag(a, "--iter", v)) {
      iter = std::strtoull(v.c_str(), nullptr, 0);
    } else if (flag(a, "--iters", v)) {
      iters = std::strtoull(v.c_str(), nullptr, 0);
    } else {
      return usage();
    }
  }
  if (!cls && !insn) return usage();
  Harness h;
  if (iters && cls) {
    const uint64_t s = seed.value_or(default_seed(*cls));
    const ClassStats st = h.run_class(*cls, s, iters, 20);
    fmt::print("{} seed={:#x} iters={}\n  {}", gen_class_name(*cls), s, iters, st.summary());
    for (const auto& r : st.reports) std::fputs(r.c_str(), stdout);
    return st.unexpected ? 1 : 0;
  }
  const uint64_t s = seed.value_or(cls ? default_seed(*cls) : 1);
  const TestCase tc = insn ? case_for_insn(*insn, s, iter) : generate(*cls, s, iter);
  const std::string repro =
      insn ? fmt::format("bazel-bin/tests/diff/diff_tool --insn={:#010x} --seed={:#x} --iter={}",
                         tc.insn, s, iter)
           : fmt::format("bazel-bin/tests/diff/diff_tool --class={} --seed={:#x} --iter={}",
                         gen_class_name(*cls), s, iter);
  const CaseOutcome o = h.run_case(tc, repro);
  fmt::print("{:08x}  {}  pc={:#x}: {}\n", tc.insn, disassemble(tc.insn, tc.in.pc), tc.in.pc,
             verdict_name(o.verdict));
  if (!o.report.empty()) std::fputs(o.report.c_str(), stdout);
  return is_mismatch(o.verdict) && !o.known ? 1 : 0;
}
