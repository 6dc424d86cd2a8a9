#include "tools/gdb/packet.h"

namespace el2::gdb {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void PacketDecoder::feed(std::string_view bytes, std::vector<Event>& out) {
  for (const char ch : bytes) {
    const auto c = static_cast<uint8_t>(ch);
    switch (state_) {
      case State::kIdle:
        if (c == '$') {
          state_ = State::kBody;
          raw_.clear();
          sum_ = 0;
          overflow_ = false;
        } else if (c == '+') {
          out.push_back({Event::kAck, {}});
        } else if (c == '-') {
          out.push_back({Event::kNack, {}});
        } else if (c == 0x03) {
          out.push_back({Event::kInterrupt, {}});
        }
        break;
      case State::kBody:
        if (c == '#') {
          state_ = State::kCsum1;
        } else if (c == '$') {
          // A new packet starts before this one ended: the old one is lost.
          out.push_back({Event::kBadPacket, {}});
          raw_.clear();
          sum_ = 0;
          overflow_ = false;
        } else {
          sum_ = static_cast<uint8_t>(sum_ + c);
          if (raw_.size() < kMaxPacket)
            raw_.push_back(ch);
          else
            overflow_ = true;
        }
        break;
      case State::kCsum1:
        csum_hi_ = hex_digit(ch);
        state_ = State::kCsum2;
        break;
      case State::kCsum2: {
        const int lo = hex_digit(ch);
        state_ = State::kIdle;
        const bool ok = csum_hi_ >= 0 && lo >= 0 && ((csum_hi_ << 4) | lo) == sum_ && !overflow_;
        std::optional<std::string> body;
        if (ok) body = decode_body(raw_);
        if (body)
          out.push_back({Event::kPacket, std::move(*body)});
        else
          out.push_back({Event::kBadPacket, {}});
        raw_.clear();
        break;
      }
    }
  }
}

std::optional<std::string> decode_body(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '}') {
      if (i + 1 >= raw.size()) return std::nullopt;
      out.push_back(static_cast<char>(raw[++i] ^ 0x20));
    } else if (c == '*') {
      // Run-length encoding: the previous character repeats (count - 29) more times.
      if (out.empty() || i + 1 >= raw.size()) return std::nullopt;
      const int n = static_cast<uint8_t>(raw[++i]) - 29;
      if (n < 3 || n > 97) return std::nullopt;  // Printable counts ' '+3 .. '~'.
      out.append(static_cast<size_t>(n), out.back());
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string frame(std::string_view payload) {
  std::string out = "$";
  uint8_t sum = 0;
  for (const char c : payload) {
    if (c == '$' || c == '#' || c == '}' || c == '*') {
      out.push_back('}');
      sum = static_cast<uint8_t>(sum + '}');
      const char e = static_cast<char>(c ^ 0x20);
      out.push_back(e);
      sum = static_cast<uint8_t>(sum + static_cast<uint8_t>(e));
    } else {
      out.push_back(c);
      sum = static_cast<uint8_t>(sum + static_cast<uint8_t>(c));
    }
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('#');
  out.push_back(kHex[sum >> 4]);
  out.push_back(kHex[sum & 15]);
  return out;
}

std::string hex_encode(const void* data, size_t len) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* p = static_cast<const uint8_t*>(data);
  std::string out;
  out.reserve(len * 2);
  for (size_t i = 0; i < len; ++i) {
    out.push_back(kHex[p[i] >> 4]);
    out.push_back(kHex[p[i] & 15]);
  }
  return out;
}

std::optional<std::vector<uint8_t>> hex_decode(std::string_view hex) {
  if (hex.size() % 2) return std::nullopt;
  std::vector<uint8_t> out(hex.size() / 2);
  for (size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<uint8_t>((hi << 4) | lo);
  }
  return out;
}

std::optional<uint64_t> parse_hex(std::string_view hex) {
  if (hex.empty() || hex.size() > 16) return std::nullopt;
  uint64_t v = 0;
  for (const char c : hex) {
    const int d = hex_digit(c);
    if (d < 0) return std::nullopt;
    v = (v << 4) | static_cast<uint64_t>(d);
  }
  return v;
}

std::string le_hex(uint64_t value, unsigned bytes) {
  uint8_t b[8] = {};
  for (unsigned i = 0; i < 8; ++i) b[i] = static_cast<uint8_t>(value >> (8 * i));
  return hex_encode(b, bytes > 8 ? 8 : bytes);
}

std::optional<uint64_t> parse_le_hex(std::string_view hex, unsigned bytes) {
  if (bytes > 8 || hex.size() != 2 * size_t{bytes}) return std::nullopt;
  const auto b = hex_decode(hex);
  if (!b) return std::nullopt;
  uint64_t v = 0;
  for (unsigned i = 0; i < bytes; ++i) v |= uint64_t{(*b)[i]} << (8 * i);
  return v;
}

}  // namespace el2::gdb
