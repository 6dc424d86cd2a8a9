#include "tools/cli/args.h"

#include <cerrno>
#include <cstdlib>

#include <fmt/format.h>

namespace el2::cli {

std::optional<uint64_t> parse_u64(const std::string& s) {
  if (s.empty() || s[0] == '-' || s[0] == '+') return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(s.c_str(), &end, 0);
  if (errno != 0 || end == s.c_str() || *end != '\0') return std::nullopt;
  return v;
}

std::optional<uint64_t> parse_size(const std::string& s) {
  if (s.empty()) return std::nullopt;
  unsigned shift = 0;
  std::string digits = s;
  switch (s.back()) {
    case 'K': case 'k': shift = 10; break;
    case 'M': case 'm': shift = 20; break;
    case 'G': case 'g': shift = 30; break;
    default: break;
  }
  if (shift) digits.pop_back();
  const auto v = parse_u64(digits);
  if (!v || (shift && *v > (~uint64_t{0} >> shift))) return std::nullopt;
  return *v << shift;
}

Args::Args(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 2 || a[0] != '-') {
      positionals_.push_back(a);
      continue;
    }
    std::string name = a, inline_value;
    bool has_inline = false;
    if (const auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      inline_value = a.substr(eq + 1);
      has_inline = true;
    }
    const OptionSpec* spec = nullptr;
    for (const auto& s : specs)
      if (s.name == name) spec = &s;
    if (!spec) throw UsageError(fmt::format("unknown option '{}'", name));
    if (!spec->takes_value) {
      if (has_inline) throw UsageError(fmt::format("option '{}' takes no value", name));
      flags_.insert(name);
      continue;
    }
    std::string v;
    if (has_inline) {
      v = inline_value;
    } else {
      if (i + 1 >= argv.size()) throw UsageError(fmt::format("option '{}' needs a value", name));
      v = argv[++i];
    }
    auto& slot = values_[name];
    if (!slot.empty() && !spec->repeatable)
      throw UsageError(fmt::format("option '{}' given more than once", name));
    slot.push_back(v);
  }
}

std::optional<std::string> Args::value(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::values(const std::string& name) const {
  const auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

uint64_t Args::u64(const std::string& name, uint64_t fallback) const {
  const auto v = value(name);
  if (!v) return fallback;
  const auto n = parse_u64(*v);
  if (!n) throw UsageError(fmt::format("option '{}': '{}' is not a number", name, *v));
  return *n;
}

uint64_t Args::size(const std::string& name, uint64_t fallback) const {
  const auto v = value(name);
  if (!v) return fallback;
  const auto n = parse_size(*v);
  if (!n || *n == 0) throw UsageError(fmt::format("option '{}': '{}' is not a size", name, *v));
  return *n;
}

}  // namespace el2::cli
