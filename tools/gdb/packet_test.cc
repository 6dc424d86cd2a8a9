// The remote-protocol framing on good and malformed input: checksums, acks,
// Ctrl-C, escapes, run-length encoding, split reads, and random bytes.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "tools/gdb/packet.h"

#include <doctest/doctest.h>

#include <random>

namespace el2::gdb {
namespace {

using namespace std::string_literals;

std::vector<Event> decode(std::string_view bytes) {
  PacketDecoder d;
  std::vector<Event> out;
  d.feed(bytes, out);
  return out;
}

TEST_CASE("a packet with a good checksum") {
  const auto ev = decode("$qSupported#37");
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].kind == Event::kPacket);
  CHECK(ev[0].payload == "qSupported");
  CHECK(decode("$g#67")[0].payload == "g");
  CHECK(decode("$?#3F")[0].payload == "?");  // Upper-case checksum digits.
}

TEST_CASE("bad checksums and bad digits are NACKable") {
  CHECK(decode("$g#68")[0].kind == Event::kBadPacket);
  CHECK(decode("$g#zz")[0].kind == Event::kBadPacket);
  CHECK(decode("$g#6").empty());  // Incomplete: nothing yet.
}

TEST_CASE("acks, nacks, Ctrl-C and noise between packets") {
  const auto ev = decode("+-\x03xyz$g#67+");
  REQUIRE(ev.size() == 5);
  CHECK(ev[0].kind == Event::kAck);
  CHECK(ev[1].kind == Event::kNack);
  CHECK(ev[2].kind == Event::kInterrupt);
  CHECK(ev[3].kind == Event::kPacket);
  CHECK(ev[4].kind == Event::kAck);
}

TEST_CASE("a packet split across reads") {
  PacketDecoder d;
  std::vector<Event> out;
  d.feed("$qSup", out);
  CHECK(out.empty());
  d.feed("ported#", out);
  d.feed("3", out);
  CHECK(out.empty());
  d.feed("7", out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].payload == "qSupported");
}

TEST_CASE("0x03 inside a packet is data, a second '$' restarts") {
  const std::string body = "a\x03";
  const auto ev = decode(frame(body));
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].payload == body);
  const auto ev2 = decode("$abc$g#67");
  REQUIRE(ev2.size() == 2);
  CHECK(ev2[0].kind == Event::kBadPacket);
  CHECK(ev2[1].payload == "g");
}

TEST_CASE("frame escapes the special characters and round-trips") {
  const std::string payload = "X$#}*\x7f\x00z"s;
  CHECK(frame("OK") == "$OK#9a");
  const std::string framed = frame(payload);
  CHECK(framed.find('*') == std::string::npos);
  const auto ev = decode(framed);
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].payload == payload);
}

TEST_CASE("run-length decoding") {
  CHECK(decode_body("0* ") == "0000");       // ' ' = 32: 3 more.
  CHECK(decode_body("ab*\"") == "abbbbbb");  // '"' = 34: 5 more.
  CHECK(!decode_body("*a"));                 // Nothing to repeat.
  CHECK(!decode_body("a*"));                 // Count missing.
  CHECK(!decode_body("a*\x01"));             // Count out of range.
  CHECK(!decode_body("}"));                  // Escape at the end.
  CHECK(decode_body("}\x03") == "#");
}

TEST_CASE("hex helpers") {
  CHECK(parse_hex("4000a0") == 0x4000a0);
  CHECK(parse_hex("ffffffffffffffff") == ~uint64_t{0});
  CHECK(!parse_hex(""));
  CHECK(!parse_hex("12345678123456781"));
  CHECK(!parse_hex("12g"));
  CHECK(le_hex(0x1122334455667788, 8) == "8877665544332211");
  CHECK(le_hex(0x3c5, 4) == "c5030000");
  CHECK(parse_le_hex("8877665544332211", 8) == 0x1122334455667788);
  CHECK(!parse_le_hex("887766", 8));
  CHECK(!parse_le_hex("zz", 1));
  CHECK(hex_decode("0aff") == std::vector<uint8_t>{0x0a, 0xff});
  CHECK(!hex_decode("0af"));
  CHECK(hex_encode("\x01\xab", 2) == "01ab");
}

TEST_CASE("an overlong packet is rejected and the decoder recovers") {
  std::string big = "$" + std::string(PacketDecoder::kMaxPacket + 10, 'a') + "#00";
  auto ev = decode(big + "$g#67");
  REQUIRE(ev.size() == 2);
  CHECK(ev[0].kind == Event::kBadPacket);
  CHECK(ev[1].payload == "g");
}

TEST_CASE("random bytes never crash and the decoder resynchronises") {
  std::mt19937 rng(1234);
  PacketDecoder d;
  for (int round = 0; round < 2000; ++round) {
    std::string junk(rng() % 64, '\0');
    for (char& c : junk) {
      const char pick[] = {'$', '#', '}', '*', '+', '-', '\x03', 'a', '0', 'f'};
      c = (rng() % 2) ? pick[rng() % sizeof(pick)] : static_cast<char>(rng());
    }
    std::vector<Event> out;
    d.feed(junk, out);
    for (const auto& e : out) CHECK(e.payload.size() <= 100 * PacketDecoder::kMaxPacket);
    (void)decode_body(junk);
    (void)parse_hex(junk);
    (void)hex_decode(junk);
  }
  // After "#xx" completes any open packet, a good packet decodes.
  std::vector<Event> out;
  d.feed("#00", out);
  d.reset();
  out.clear();
  d.feed("$m40000000,4#51", out);
  REQUIRE(!out.empty());
  CHECK(out.back().kind == Event::kPacket);
}

}  // namespace
}  // namespace el2::gdb
