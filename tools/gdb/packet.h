// The GDB remote serial protocol's framing ("$payload#xx"), as a pure,
// incremental parser: bytes from the socket go in, packets, acks and Ctrl-C
// come out. It never throws or crashes on any input (fuzz-friendly), bounds
// its buffer, and reports malformed packets so the server can NACK them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace el2::gdb {

struct Event {
  enum Kind : uint8_t {
    kPacket,     // A packet with a valid checksum; `payload` is decoded.
    kBadPacket,  // Checksum mismatch, bad hex digits, bad escape/RLE, too long: NACK it.
    kAck,        // '+'
    kNack,       // '-': resend the last packet.
    kInterrupt,  // 0x03 outside a packet (Ctrl-C).
  };
  Kind kind;
  std::string payload;
};

class PacketDecoder {
 public:
  static constexpr size_t kMaxPacket = 64 * 1024;

  // Consumes `bytes` and appends the events they complete. Bytes outside a
  // packet other than '+', '-', 0x03 and '$' are ignored (line noise).
  void feed(std::string_view bytes, std::vector<Event>& out);
  void reset() { state_ = State::kIdle; }

 private:
  enum class State : uint8_t { kIdle, kBody, kCsum1, kCsum2 };
  State state_ = State::kIdle;
  std::string raw_;
  uint8_t sum_ = 0;
  int csum_hi_ = 0;
  bool overflow_ = false;
};

// Undoes '}' escaping and '*' run-length encoding in a packet body. Returns
// nullopt if an escape or run is malformed (at the end, '*' first, or a
// count outside the protocol's printable range).
std::optional<std::string> decode_body(std::string_view raw);

// Frames `payload` as "$...#xx", escaping '$', '#', '}' and '*'.
std::string frame(std::string_view payload);

// Hex helpers (lower case). hex_decode fails on odd length or a non-hex digit.
std::string hex_encode(const void* data, size_t len);
std::optional<std::vector<uint8_t>> hex_decode(std::string_view hex);
// A big-endian hex number as gdb writes addresses and lengths ("4000a0").
// Fails on empty input, a non-hex digit or more than 16 digits.
std::optional<uint64_t> parse_hex(std::string_view hex);
int hex_digit(char c);  // -1 if not a hex digit.

// Register values travel in target (little-endian) byte order.
std::string le_hex(uint64_t value, unsigned bytes);
std::optional<uint64_t> parse_le_hex(std::string_view hex, unsigned bytes);

}  // namespace el2::gdb
