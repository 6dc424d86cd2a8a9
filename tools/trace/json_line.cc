#include "tools/trace/json_line.h"

#include <fmt/format.h>

namespace el2 {

std::string json_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out += c;
    }
  }
  return out;
}

JsonLine::JsonLine(std::string_view type) : text_(fmt::format("{{\"type\":\"{}\"", type)) {}

JsonLine& JsonLine::key(std::string_view k) {
  text_ += fmt::format(",\"{}\":", k);
  return *this;
}

JsonLine& JsonLine::num(std::string_view k, uint64_t v) {
  key(k);
  text_ += fmt::format("{}", v);
  return *this;
}

JsonLine& JsonLine::hex(std::string_view k, uint64_t v) {
  key(k);
  text_ += fmt::format("\"{:#x}\"", v);
  return *this;
}

JsonLine& JsonLine::str(std::string_view k, std::string_view v) {
  key(k);
  text_ += '"' + json_escape(v) + '"';
  return *this;
}

JsonLine& JsonLine::flag(std::string_view k, bool v) {
  key(k);
  text_ += v ? "true" : "false";
  return *this;
}

JsonLine& JsonLine::hex_list(std::string_view k, std::span<const uint64_t> values) {
  key(k);
  text_ += '[';
  for (size_t i = 0; i < values.size(); ++i)
    text_ += fmt::format("{}\"{:#x}\"", i ? "," : "", values[i]);
  text_ += ']';
  return *this;
}

JsonLine& JsonLine::raw(std::string_view k, std::string_view json) {
  key(k);
  text_ += json;
  return *this;
}

}  // namespace el2
