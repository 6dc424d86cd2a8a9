// The data accesses of each traced instruction: collected as the core makes
// them (the tracer is an AccessObserver while `insn` is traced) and printed
// with the instruction.
#include <fmt/format.h>

#include "tools/trace/json_line.h"
#include "tools/trace/tracer.h"

namespace el2 {

namespace {

// The bytes as one little-endian number: "0x1122" for up to 8 bytes, all
// digits (leading zeros kept) for pairs, vectors and DC ZVA blocks.
std::string value_hex(const uint8_t* p, unsigned size) {
  if (size <= 8) {
    uint64_t v = 0;
    for (unsigned i = size; i-- > 0;) v = (v << 8) | p[i];
    return fmt::format("{:#x}", v);
  }
  std::string s = "0x";
  for (unsigned i = size; i-- > 0;) s += fmt::format("{:02x}", p[i]);
  return s;
}

}  // namespace

void Tracer::on_access(Cpu& cpu, const DataAccess& a) {
  CoreTrace& c = core(cpu);
  DataAccess copy = a;
  copy.data = nullptr;  // The bytes live in c.bytes, in order.
  c.accesses.push_back(copy);
  c.bytes.insert(c.bytes.end(), a.data, a.data + a.size);
}

void Tracer::on_insn_abandoned(Cpu& cpu) {
  CoreTrace& c = core(cpu);
  c.accesses.clear();
  c.bytes.clear();
}

std::string Tracer::accesses_json(const CoreTrace& c) const {
  std::string out = "[";
  size_t off = 0;
  for (const DataAccess& a : c.accesses) {
    out += fmt::format("{}{{\"rw\":\"{}\",\"va\":\"{:#x}\",", out.size() > 1 ? "," : "",
                       a.write ? "w" : "r", a.va);
    if (a.translated) out += fmt::format("\"pa\":\"{:#x}\",", a.pa);
    out += fmt::format("\"size\":{},\"value\":\"{}\"}}", a.size, value_hex(&c.bytes[off], a.size));
    off += a.size;
  }
  return out + "]";
}

std::string Tracer::accesses_text(const CoreTrace& c) const {
  std::string out;
  size_t off = 0;
  for (const DataAccess& a : c.accesses) {
    out += fmt::format(" [{}{} {:#x}{} = {}]", a.write ? 'w' : 'r', a.size, a.va,
                       a.translated ? fmt::format(" pa {:#x}", a.pa) : "",
                       value_hex(&c.bytes[off], a.size));
    off += a.size;
  }
  return out;
}

}  // namespace el2
