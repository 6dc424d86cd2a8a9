#include "stubs/report.h"

#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

namespace el2::stubs {

namespace {

std::string status(const RuleResult& r) {
  if (!r.passed()) return "FAIL";
  if (r.probed) return "PROBED";
  if (r.checked == 0) return "n/a";
  return "PASS";
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

}  // namespace

std::string describe(const Violation& v) {
  std::string s = v.call ? fmt::format("call #{} {}", v.call, v.what) : std::string("static");
  if (v.pc) s += fmt::format(" at {:#x}", v.pc);
  if (!v.symbol.empty()) s += fmt::format(" <{}>", v.symbol);
  if (!v.disasm.empty()) s += fmt::format(" `{}`", v.disasm);
  if (!v.reg.empty()) s += ": " + v.reg;
  if (v.has_values) s += fmt::format(" expected {:#x}, got {:#x}", v.expected, v.actual);
  if (!v.note.empty()) s += " (" + v.note + ")";
  return s;
}

void print_report(std::FILE* out, const Checker& checker, const std::string& subject,
                  unsigned max_evidence) {
  const Contract& c = checker.contract();
  fmt::print(out, "check-stub: {} against contract '{}' ({})\n", subject, c.name, c.summary);
  fmt::print(out, "  {} stub calls observed, {} answered by the stub's own vectors\n\n",
             checker.calls(), checker.calls_to_stub());
  fmt::print(out, "  {:<6} {:<24} {:>7}  {}\n", "result", "rule", "checked", "requirement");
  for (const RuleResult& r : checker.results())
    fmt::print(out, "  {:<6} {:<24} {:>7}  {}\n", status(r), r.rule->id, r.checked, r.rule->text);
  bool any = false;
  for (const RuleResult& r : checker.results()) {
    if (r.passed()) continue;
    if (!any) fmt::print(out, "\nviolations:\n");
    any = true;
    fmt::print(out, "  {} ({} violation{}; source: {})\n", r.rule->id, r.violations.size(),
               r.violations.size() == 1 ? "" : "s", r.rule->source);
    for (size_t i = 0; i < r.violations.size() && i < max_evidence; ++i)
      fmt::print(out, "    - {}\n", describe(r.violations[i]));
    if (r.violations.size() > max_evidence)
      fmt::print(out, "    - ... {} more\n", r.violations.size() - max_evidence);
  }
  for (const RuleResult& r : checker.results())
    if (r.probed)
      fmt::print(out, "\nnote: {} is a caller rule; the driver broke it on purpose in {} call{} "
                      "to probe the stub.\n",
                 r.rule->id, r.probed, r.probed == 1 ? "" : "s");
  fmt::print(out, "\nresult: {}\n", checker.all_passed() ? "PASS" : "FAIL");
}

void write_junit(const std::string& path, const Checker& checker, const std::string& subject) {
  std::ofstream f(path);
  if (!f) throw std::runtime_error(fmt::format("cannot write {}", path));
  const Contract& c = checker.contract();
  unsigned failures = 0, skipped = 0;
  for (const RuleResult& r : checker.results()) {
    failures += !r.passed();
    skipped += r.passed() && r.checked == 0;
  }
  f << fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<testsuites>\n"
                   "<testsuite name=\"check-stub.{}\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">\n",
                   xml_escape(std::string(c.name)), checker.results().size(), failures, skipped);
  for (const RuleResult& r : checker.results()) {
    f << fmt::format("  <testcase classname=\"{}\" name=\"{}\">\n", xml_escape(subject),
                     xml_escape(std::string(r.rule->id)));
    if (!r.passed()) {
      std::string body;
      for (const Violation& v : r.violations) body += describe(v) + "\n";
      f << fmt::format("    <failure message=\"{}\">{}</failure>\n",
                       xml_escape(std::string(r.rule->text)), xml_escape(body));
    } else if (r.checked == 0) {
      f << "    <skipped message=\"not exercised in this run\"/>\n";
    }
    f << "  </testcase>\n";
  }
  f << "</testsuite>\n</testsuites>\n";
}

}  // namespace el2::stubs
