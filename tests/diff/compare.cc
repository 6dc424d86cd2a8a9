#include "tests/diff/compare.h"

#include <capstone/capstone.h>
#include <fmt/format.h>

#include <cstring>

namespace el2::diff {

namespace {

constexpr const char* kVerdictNames[kNumVerdicts] = {
    "match",
    "both trapped",
    "skipped",
    "el2emu unimplemented row",
    "unicorn crashed",
    "register state differs",
    "memory differs",
    "el2emu traps, unicorn executes",
    "unicorn traps, el2emu executes",
    "exception class differs",
};

struct Capstone {
  csh handle = 0;
  bool ok = false;
  Capstone() { ok = cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &handle) == CS_ERR_OK; }
  ~Capstone() {
    if (ok) cs_close(&handle);
  }
};

std::string nzcv_str(uint32_t nzcv) {
  std::string s;
  s += (nzcv >> 31) & 1 ? 'N' : 'n';
  s += (nzcv >> 30) & 1 ? 'Z' : 'z';
  s += (nzcv >> 29) & 1 ? 'C' : 'c';
  s += (nzcv >> 28) & 1 ? 'V' : 'v';
  return s;
}

std::string v128_str(const V128& v) { return fmt::format("{:016x}:{:016x}", v.hi, v.lo); }

}  // namespace

const char* trap_name(Trap t) {
  switch (t) {
    case Trap::kNone:
      return "none";
    case Trap::kUndef:
      return "UNDEFINED/trap";
    case Trap::kSvc:
      return "SVC";
    case Trap::kHvc:
      return "HVC";
    case Trap::kSmc:
      return "SMC";
    case Trap::kBrk:
      return "BRK";
    case Trap::kInsnAbort:
      return "instruction abort";
    case Trap::kDataAbort:
      return "data abort";
    case Trap::kOther:
      return "other";
  }
  return "?";
}

const char* verdict_name(Verdict v) { return kVerdictNames[static_cast<unsigned>(v)]; }

std::string disassemble(uint32_t insn, uint64_t pc) {
  thread_local Capstone cs;
  if (cs.ok) {
    cs_insn* out = nullptr;
    uint8_t bytes[4];
    std::memcpy(bytes, &insn, 4);
    const size_t n = cs_disasm(cs.handle, bytes, 4, pc, 1, &out);
    if (n == 1) {
      std::string s = fmt::format("{} {}", out->mnemonic, out->op_str);
      cs_free(out, n);
      return s;
    }
  }
  return fmt::format(".inst 0x{:08x} (capstone: unknown)", insn);
}

std::vector<std::string> register_diffs(const ArchState& in, const ArchState& el2,
                                        const ArchState& uc) {
  std::vector<std::string> out;
  for (unsigned i = 0; i < 31; ++i)
    if (el2.x[i] != uc.x[i])
      out.push_back(fmt::format("X{:<2}  in={:016x} el2emu={:016x} unicorn={:016x}", i, in.x[i],
                                el2.x[i], uc.x[i]));
  if (el2.sp != uc.sp)
    out.push_back(
        fmt::format("SP   in={:016x} el2emu={:016x} unicorn={:016x}", in.sp, el2.sp, uc.sp));
  if (el2.pc != uc.pc)
    out.push_back(
        fmt::format("PC   in={:016x} el2emu={:016x} unicorn={:016x}", in.pc, el2.pc, uc.pc));
  if (el2.nzcv != uc.nzcv)
    out.push_back(fmt::format("NZCV in={} el2emu={} unicorn={}", nzcv_str(in.nzcv),
                              nzcv_str(el2.nzcv), nzcv_str(uc.nzcv)));
  for (unsigned i = 0; i < 32; ++i)
    if (!(el2.v[i] == uc.v[i]))
      out.push_back(fmt::format("V{:<2}  in={} el2emu={} unicorn={}", i, v128_str(in.v[i]),
                                v128_str(el2.v[i]), v128_str(uc.v[i])));
  if (el2.fpsr != uc.fpsr)
    out.push_back(
        fmt::format("FPSR in={:08x} el2emu={:08x} unicorn={:08x}", in.fpsr, el2.fpsr, uc.fpsr));
  if (el2.fpcr != uc.fpcr)
    out.push_back(
        fmt::format("FPCR in={:08x} el2emu={:08x} unicorn={:08x}", in.fpcr, el2.fpcr, uc.fpcr));
  return out;
}

std::vector<std::string> memory_diffs(const uint8_t* el2, const uint8_t* uc, uint64_t base,
                                      uint64_t size, unsigned limit) {
  std::vector<std::string> out;
  if (std::memcmp(el2, uc, size) == 0) return out;
  unsigned shown = 0;
  uint64_t total = 0;
  for (uint64_t off = 0; off < size; off += 8) {
    const uint64_t n = std::min<uint64_t>(8, size - off);
    if (std::memcmp(el2 + off, uc + off, n) == 0) continue;
    ++total;
    if (shown++ >= limit) continue;
    uint64_t a = 0, b = 0;
    std::memcpy(&a, el2 + off, n);
    std::memcpy(&b, uc + off, n);
    out.push_back(
        fmt::format("MEM[{:#x}] (8 bytes, LE) el2emu={:016x} unicorn={:016x}", base + off, a, b));
  }
  if (total > limit) out.push_back(fmt::format("... {} differing doublewords in all", total));
  return out;
}

std::string format_report(const MismatchReport& r) {
  const ArchState& in = *r.in;
  std::string s = fmt::format("MISMATCH ({}): {:08x}  {}\n", verdict_name(r.verdict), r.insn,
                              disassemble(r.insn, in.pc));
  s += fmt::format("  el2emu row: {}\n", r.el2_row);
  s += fmt::format("  pc={:#x} nzcv={} fpcr={:08x} fpsr={:08x}\n", in.pc, nzcv_str(in.nzcv),
                   in.fpcr, in.fpsr);
  // The operand registers at their usual places (Rd/Rt, Rn, Rm/Rs, Ra/Rt2).
  const unsigned fields[] = {r.insn & 31, (r.insn >> 5) & 31, (r.insn >> 16) & 31,
                             (r.insn >> 10) & 31};
  s += "  inputs:";
  for (unsigned f : fields)
    s += f == 31 ? fmt::format(" r31(sp)={:#x}", in.sp) : fmt::format(" X{}={:#x}", f, in.x[f]);
  s += fmt::format("\n  inputs: V{}={} V{}={} V{}={}\n", fields[0], v128_str(in.v[fields[0]]),
                   fields[1], v128_str(in.v[fields[1]]), fields[2], v128_str(in.v[fields[2]]));
  s += fmt::format("  el2emu:  {}\n",
                   r.el2->trap == Trap::kNone
                       ? std::string("executed")
                       : fmt::format("trapped: {} [{}]", trap_name(r.el2->trap), r.el2->detail));
  s += fmt::format("  unicorn: {}\n",
                   r.uc->trap == Trap::kNone
                       ? std::string("executed")
                       : fmt::format("trapped: {} [{}]", trap_name(r.uc->trap), r.uc->detail));
  for (const auto& d : r.diffs) s += "  " + d + "\n";
  s += "  reproduce: " + r.reproducer + "\n";
  return s;
}

}  // namespace el2::diff
