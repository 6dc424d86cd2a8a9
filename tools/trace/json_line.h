// One JSON-lines trace event, built field by field in the order added. Hex
// values are strings ("0x40001038") so 64-bit values survive JSON parsers
// that use doubles (docs/TRACE_FORMAT.md).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace el2 {

std::string json_escape(std::string_view s);

class JsonLine {
 public:
  explicit JsonLine(std::string_view type);
  JsonLine& num(std::string_view key, uint64_t v);
  JsonLine& hex(std::string_view key, uint64_t v);
  JsonLine& str(std::string_view key, std::string_view v);
  JsonLine& flag(std::string_view key, bool v);
  JsonLine& hex_list(std::string_view key, std::span<const uint64_t> values);
  // `json` must already be valid JSON (an object or array).
  JsonLine& raw(std::string_view key, std::string_view json);
  // The object and a newline.
  std::string line() const { return text_ + "}\n"; }

 private:
  JsonLine& key(std::string_view k);
  std::string text_;
};

}  // namespace el2
