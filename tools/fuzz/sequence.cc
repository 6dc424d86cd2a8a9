#include "tools/fuzz/sequence.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace el2::fuzz {

namespace {

constexpr const char* kFormat = "el2emu-fuzz-1";

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::optional<uint64_t> number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const uint64_t v = std::strtoull(s.c_str(), &end, 0);
  if (errno || *end || s[0] == '-') return std::nullopt;
  return v;
}

}  // namespace

std::string format_step(const Step& s) {
  switch (s.kind) {
    case StepKind::kMsr:
      return fmt::format("msr {} {:#x}", s.reg, s.value);
    case StepKind::kHvc:
      return fmt::format("hvc #{:#x} x0={:#x} x1={:#x} x2={:#x} x3={:#x} x4={:#x} fill={:#x}",
                         s.imm, s.x[0], s.x[1], s.x[2], s.x[3], s.x[4], s.fill);
    case StepKind::kSmc:
      return fmt::format("smc #{:#x} x0={:#x} x1={:#x} x2={:#x} x3={:#x} fill={:#x}", s.imm, s.x[0],
                         s.x[1], s.x[2], s.x[3], s.fill);
  }
  return {};
}

std::optional<Step> parse_step(const std::string& line, std::string& error) {
  const std::vector<std::string> w = split(line);
  Step s;
  if (w.empty()) {
    error = "empty step";
    return std::nullopt;
  }
  if (w[0] == "msr") {
    s.kind = StepKind::kMsr;
    if (w.size() != 3) {
      error = "expected 'msr REGISTER VALUE'";
      return std::nullopt;
    }
    const auto v = number(w[2]);
    if (!v) {
      error = fmt::format("bad value '{}'", w[2]);
      return std::nullopt;
    }
    s.reg = w[1];
    s.value = *v;
    return s;
  }
  if (w[0] != "hvc" && w[0] != "smc") {
    error = fmt::format("unknown step '{}' (hvc, smc or msr)", w[0]);
    return std::nullopt;
  }
  s.kind = w[0] == "hvc" ? StepKind::kHvc : StepKind::kSmc;
  const unsigned nargs = s.kind == StepKind::kHvc ? 5 : 4;
  if (w.size() < 2 || w[1].size() < 2 || w[1][0] != '#') {
    error = fmt::format("expected '{} #IMM'", w[0]);
    return std::nullopt;
  }
  const auto imm = number(w[1].substr(1));
  if (!imm || *imm > 0xffff) {
    error = fmt::format("bad immediate '{}'", w[1]);
    return std::nullopt;
  }
  s.imm = static_cast<uint16_t>(*imm);
  bool seen[6] = {};
  for (size_t i = 2; i < w.size(); ++i) {
    const size_t eq = w[i].find('=');
    const std::string key = eq == std::string::npos ? w[i] : w[i].substr(0, eq);
    const auto v = eq == std::string::npos ? std::nullopt : number(w[i].substr(eq + 1));
    if (!v) {
      error = fmt::format("expected KEY=NUMBER, got '{}'", w[i]);
      return std::nullopt;
    }
    unsigned slot;
    if (key == "fill") {
      slot = 5;
      s.fill = *v;
    } else if (key.size() == 2 && key[0] == 'x' && key[1] >= '0' && key[1] < '0' + char(nargs)) {
      slot = key[1] - '0';
      s.x[slot] = *v;
    } else {
      error = fmt::format("unknown field '{}'", key);
      return std::nullopt;
    }
    if (seen[slot]) {
      error = fmt::format("'{}' given twice", key);
      return std::nullopt;
    }
    seen[slot] = true;
  }
  return s;
}

std::string format_reproducer(const Reproducer& r) {
  std::string out = "# el2emu fuzz reproducer: 'el2emu replay FILE' runs it again with a trace.\n";
  for (const std::string& n : r.notes) out += "# " + n + "\n";
  out += fmt::format("format {}\nstub {}\nvectors {:#x}\ncontract {}\ncpu {}\nexpect {}\n", kFormat,
                     r.stub, r.vectors, r.contract, r.cpu, r.expect.empty() ? "-" : r.expect);
  for (const Step& s : r.steps) out += format_step(s) + "\n";
  return out;
}

Reproducer parse_reproducer(const std::string& text) {
  Reproducer r;
  std::istringstream in(text);
  std::string line;
  bool format_seen = false, vectors_seen = false;
  for (unsigned n = 1; std::getline(in, line); ++n) {
    const auto fail = [&](const std::string& why) {
      throw std::runtime_error(fmt::format("line {}: {}", n, why));
    };
    const size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '#') continue;
    const std::vector<std::string> w = split(line);
    const std::string& key = w[0];
    if (!format_seen && key != "format")
      throw std::runtime_error("not an el2emu fuzz reproducer (it must start with 'format')");
    if (key == "hvc" || key == "smc" || key == "msr") {
      std::string error;
      auto step = parse_step(line, error);
      if (!step) fail(error);
      r.steps.push_back(std::move(*step));
      continue;
    }
    if (w.size() != 2) fail(fmt::format("expected '{} VALUE'", key));
    if (key == "format") {
      if (w[1] != kFormat) fail(fmt::format("unknown format '{}' (expected {})", w[1], kFormat));
      format_seen = true;
    } else if (key == "stub") {
      r.stub = w[1];
    } else if (key == "vectors") {
      const auto v = number(w[1]);
      if (!v) fail(fmt::format("bad address '{}'", w[1]));
      r.vectors = *v;
      vectors_seen = true;
    } else if (key == "contract") {
      r.contract = w[1];
    } else if (key == "cpu") {
      r.cpu = w[1];
    } else if (key == "expect") {
      r.expect = w[1] == "-" ? "" : w[1];
    } else {
      fail(fmt::format("unknown key '{}'", key));
    }
  }
  if (!format_seen) throw std::runtime_error("not an el2emu fuzz reproducer (no 'format' line)");
  if (r.stub.empty()) throw std::runtime_error("no 'stub' line");
  if (!vectors_seen) throw std::runtime_error("no 'vectors' line");
  if (r.contract.empty()) r.contract = "doc";
  if (r.cpu.empty()) r.cpu = "cortex-a57";
  return r;
}

}  // namespace el2::fuzz
