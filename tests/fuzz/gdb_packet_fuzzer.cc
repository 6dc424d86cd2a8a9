// libFuzzer harness: the GDB remote-protocol packet parser (tools/gdb/packet.h)
// on any bytes, fed in pieces as a socket would deliver them. Beyond not
// crashing: every packet decoded, framed again and fed to a new decoder comes
// back as the same payload.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "tools/gdb/packet.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using el2::gdb::Event;
  if (size == 0) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t piece = 1 + data[0] % 32;
  el2::gdb::PacketDecoder dec;
  std::vector<Event> events;
  for (size_t i = 0; i < in.size(); i += piece) dec.feed(in.substr(i, piece), events);
  for (const Event& e : events) {
    if (e.kind != Event::kPacket) continue;
    el2::gdb::PacketDecoder again;
    std::vector<Event> back;
    again.feed(el2::gdb::frame(e.payload), back);
    if (back.size() != 1 || back[0].kind != Event::kPacket || back[0].payload != e.payload)
      std::abort();
  }
  el2::gdb::decode_body(in);
  if (auto bytes = el2::gdb::hex_decode(in))
    if (el2::gdb::hex_encode(bytes->data(), bytes->size()).size() != in.size()) std::abort();
  el2::gdb::parse_hex(in);
  el2::gdb::parse_le_hex(in, 8);
  el2::gdb::parse_le_hex(in, 4);
  return 0;
}
