// A small command-line parser: long options with values, flags, positionals.
// Unknown options and malformed values are UsageErrors (exit code 64).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace el2::cli {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;       // "--max-insns"
  bool takes_value;       // false: a flag
  bool repeatable = false;
};

class Args {
 public:
  // Parses argv[first..]; throws UsageError.
  Args(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs);

  bool flag(const std::string& name) const { return flags_.count(name) != 0; }
  std::optional<std::string> value(const std::string& name) const;
  std::vector<std::string> values(const std::string& name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

  // Typed getters; throw UsageError naming the option on a bad value.
  uint64_t u64(const std::string& name, uint64_t fallback) const;
  uint64_t size(const std::string& name, uint64_t fallback) const;  // 512M, 1G, 4096...

 private:
  std::set<std::string> flags_;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positionals_;
};

// Parses a number in decimal, 0x-hex, or with a K/M/G suffix (sizes).
std::optional<uint64_t> parse_u64(const std::string& s);
std::optional<uint64_t> parse_size(const std::string& s);

}  // namespace el2::cli
