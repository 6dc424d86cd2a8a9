#include "tools/gdb/target_xml.h"

#include <fmt/format.h>

#include <set>

#include "cpu/sysregs/registry.h"
#include "exceptions/exception.h"
#include "tools/gdb/packet.h"

namespace el2::gdb {

namespace {

// GDB's own AArch64 vector view (gdb/features/aarch64-fpu.xml), so that
// `p $v0` and the q/d/s pseudo registers print as usual.
const char* const kFpuTypes = R"(  <vector id="v2d" type="ieee_double" count="2"/>
  <vector id="v2u" type="uint64" count="2"/>
  <vector id="v2i" type="int64" count="2"/>
  <vector id="v4f" type="ieee_single" count="4"/>
  <vector id="v4u" type="uint32" count="4"/>
  <vector id="v4i" type="int32" count="4"/>
  <vector id="v8u" type="uint16" count="8"/>
  <vector id="v8i" type="int16" count="8"/>
  <vector id="v16u" type="uint8" count="16"/>
  <vector id="v16i" type="int8" count="16"/>
  <vector id="v1u" type="uint128" count="1"/>
  <vector id="v1i" type="int128" count="1"/>
  <union id="vnd"><field name="f" type="v2d"/><field name="u" type="v2u"/><field name="s" type="v2i"/></union>
  <union id="vns"><field name="f" type="v4f"/><field name="u" type="v4u"/><field name="s" type="v4i"/></union>
  <union id="vnh"><field name="u" type="v8u"/><field name="s" type="v8i"/></union>
  <union id="vnb"><field name="u" type="v16u"/><field name="s" type="v16i"/></union>
  <union id="vnq"><field name="u" type="v1u"/><field name="s" type="v1i"/></union>
  <union id="aarch64v"><field name="d" type="vnd"/><field name="s" type="vns"/><field name="h" type="vnh"/><field name="b" type="vnb"/><field name="q" type="vnq"/></union>
)";

bool gdb_name_ok(const char* name) {
  if (!*name) return false;
  for (const char* p = name; *p; ++p) {
    const char c = *p;
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  }
  return true;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

uint32_t cpsr_of(const Cpu& cpu) { return static_cast<uint32_t>(pack_spsr(cpu.state().pstate)); }

// Only the flags and DAIF: EL and SP selection change through ERET, not a debugger.
void set_cpsr(Cpu& cpu, uint32_t v) {
  Pstate& p = cpu.state().pstate;
  p.n = v >> 31 & 1;
  p.z = v >> 30 & 1;
  p.c = v >> 29 & 1;
  p.v = v >> 28 & 1;
  p.d = v >> 9 & 1;
  p.a = v >> 8 & 1;
  p.i = v >> 7 & 1;
  p.f = v >> 6 & 1;
}

}  // namespace

uint64_t read_sysreg(const Cpu& cpu, const SysRegDef& def) {
  if (def.read) return def.read(cpu);
  if (def.field) return *def.field(const_cast<CpuState&>(cpu.state()));
  return 0;
}

bool write_sysreg(Cpu& cpu, const SysRegDef& def, uint64_t value) {
  if (!(def.rw & kWrite) || (!def.field && !def.write)) return false;
  if (def.field) {
    const uint64_t old = *def.field(cpu.state());
    value = (old & ~def.writable) | (value & def.writable);
    if (!def.write) {
      *def.field(cpu.state()) = value;
      cpu.control_state_changed();
      return true;
    }
  }
  def.write(cpu, value);
  cpu.control_state_changed();
  return true;
}

RegisterMap::RegisterMap(const CpuModel& model) {
  for (unsigned i = 0; i < 31; ++i) regs_.push_back({fmt::format("x{}", i), RegInfo::kX, i});
  regs_.push_back({"sp", RegInfo::kSp});
  regs_.push_back({"pc", RegInfo::kPc});
  regs_.push_back({"cpsr", RegInfo::kCpsr, 0, 32});
  for (unsigned i = 0; i < 32; ++i) regs_.push_back({fmt::format("v{}", i), RegInfo::kV, i, 128});
  regs_.push_back({"fpsr", RegInfo::kFpsr, 0, 32});
  regs_.push_back({"fpcr", RegInfo::kFpcr, 0, 32});
  std::set<std::string> taken;
  for (const auto& r : regs_) taken.insert(r.name);
  for (const SysRegDef* def : SysRegTable::instance().rows()) {
    if (!(def->rw & kRead) || (!def->read && !def->field) || def->fp) continue;
    if (!sysreg_present(*def, model) || !gdb_name_ok(def->name)) continue;
    if (!taken.insert(lower(def->name)).second || !taken.insert(def->name).second) continue;
    regs_.push_back({def->name, RegInfo::kSys, 0, 64, def});
  }

  std::string x =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target>\n";
  x += "<architecture>aarch64</architecture>\n";
  x += "<feature name=\"org.gnu.gdb.aarch64.core\">\n";
  for (unsigned n = 0; n < regs_.size(); ++n) {
    const RegInfo& r = regs_[n];
    if (n == 34)
      x += "</feature>\n<feature name=\"org.gnu.gdb.aarch64.fpu\">\n" + std::string(kFpuTypes);
    if (n == kFirstSysReg) x += "</feature>\n<feature name=\"org.el2emu.sysregs\">\n";
    const char* type = r.kind == RegInfo::kSp   ? "data_ptr"
                       : r.kind == RegInfo::kPc ? "code_ptr"
                       : r.kind == RegInfo::kV  ? "aarch64v"
                       : r.bits == 32           ? "int"
                                                : "uint64";
    const char* group = r.kind == RegInfo::kSys ? " group=\"system\"" : "";
    x += fmt::format("  <reg name=\"{}\" bitsize=\"{}\" type=\"{}\" regnum=\"{}\"{}/>\n", r.name,
                     r.bits, type, n, group);
  }
  x += "</feature>\n</target>\n";
  xml_ = std::move(x);
}

std::optional<unsigned> RegisterMap::find(const std::string& name) const {
  for (unsigned n = 0; n < regs_.size(); ++n)
    if (regs_[n].name == name || lower(regs_[n].name) == lower(name)) return n;
  return std::nullopt;
}

std::string RegisterMap::read_hex(const Cpu& cpu, unsigned regno) const {
  if (regno >= regs_.size()) return {};
  const RegInfo& r = regs_[regno];
  const CpuState& s = cpu.state();
  switch (r.kind) {
    case RegInfo::kX:
      return le_hex(s.x[r.index], 8);
    case RegInfo::kSp:
      return le_hex(s.sp(), 8);
    case RegInfo::kPc:
      return le_hex(s.pc, 8);
    case RegInfo::kCpsr:
      return le_hex(cpsr_of(cpu), 4);
    case RegInfo::kV:
      return le_hex(s.v[r.index].lo, 8) + le_hex(s.v[r.index].hi, 8);
    case RegInfo::kFpsr:
      return le_hex(s.fpsr, 4);
    case RegInfo::kFpcr:
      return le_hex(s.fpcr, 4);
    case RegInfo::kSys:
      return le_hex(read_sysreg(cpu, *r.def), 8);
  }
  return {};
}

bool RegisterMap::write_hex(Cpu& cpu, unsigned regno, std::string_view hex) const {
  if (regno >= regs_.size()) return false;
  const RegInfo& r = regs_[regno];
  CpuState& s = cpu.state();
  if (r.kind == RegInfo::kV) {
    if (hex.size() != 32) return false;
    const auto lo = parse_le_hex(hex.substr(0, 16), 8), hi = parse_le_hex(hex.substr(16), 8);
    if (!lo || !hi) return false;
    s.v[r.index] = {*lo, *hi};
    return true;
  }
  const auto v = parse_le_hex(hex, r.bits / 8);
  if (!v) return false;
  switch (r.kind) {
    case RegInfo::kX:
      s.x[r.index] = *v;
      return true;
    case RegInfo::kSp:
      s.sp() = *v;
      return true;
    case RegInfo::kPc:
      s.pc = *v;
      return true;
    case RegInfo::kCpsr:
      set_cpsr(cpu, static_cast<uint32_t>(*v));
      return true;
    case RegInfo::kFpsr:
      s.fpsr = static_cast<uint32_t>(*v);
      return true;
    case RegInfo::kFpcr:
      s.fpcr = static_cast<uint32_t>(*v);
      return true;
    case RegInfo::kSys:
      return write_sysreg(cpu, *r.def, *v);
    case RegInfo::kV:
      break;
  }
  return false;
}

std::string RegisterMap::read_all(const Cpu& cpu) const {
  std::string out;
  for (unsigned n = 0; n < regs_.size(); ++n) out += read_hex(cpu, n);
  return out;
}

bool RegisterMap::write_all(Cpu& cpu, std::string_view hex) const {
  size_t at = 0;
  for (unsigned n = 0; n < regs_.size(); ++n) {
    const size_t len = regs_[n].bits / 4;
    if (at + len > hex.size()) return at == hex.size();  // GDB may send a prefix.
    const std::string_view part = hex.substr(at, len);
    at += len;
    // System registers only when changed: rewriting one can have side effects.
    if (regs_[n].kind == RegInfo::kSys && part == read_hex(cpu, n)) continue;
    if (part.find('x') != std::string_view::npos) continue;  // Unavailable value.
    if (!write_hex(cpu, n, part) && regs_[n].kind != RegInfo::kSys) return false;
  }
  return true;
}

}  // namespace el2::gdb
