// System events: `mmu` (SCTLR_ELx.M changes and TTBR writes, per regime),
// `tlbi` (every TLB maintenance instruction) and the `irq` kind's
// acknowledgements (ICC_IAR0/1_EL1 reads: the INTID the guest took).
#include <fmt/format.h>

#include <cstring>
#include <string_view>

#include "tools/trace/json_line.h"
#include "tools/trace/tracer.h"

namespace el2 {

namespace {

constexpr uint64_t kSctlrM = 1;

// The translation regime a register controls, from its name's suffix.
std::string regime_of(const Cpu& cpu, std::string_view reg) {
  if (reg.ends_with("_EL1")) return "EL1&0";
  if (reg.ends_with("_EL3")) return "EL3";
  constexpr uint64_t kHcrE2h = uint64_t{1} << 34;
  return cpu.state().sys.hcr_el2 & kHcrE2h ? "EL2&0" : "EL2";
}

bool starts_with(const char* s, std::string_view prefix) {
  return std::string_view(s).starts_with(prefix);
}

}  // namespace

void Tracer::attach_gic_taps() {
  for (unsigned i = 0; i < machine_.core_count(); ++i)
    if (machine_.cpu(i).gic())
      taps_.push_back(std::make_unique<GicTap>(
          machine_.cpu(i),
          [this](Cpu& cpu, bool group1, uint64_t iar) { on_irq_ack(cpu, group1, iar); }));
}

void Tracer::detach_gic_taps() { taps_.clear(); }

void Tracer::on_irq_ack(Cpu& cpu, bool group1, uint64_t value) {
  const uint64_t pc = cpu.state().pc;
  if (!selected(cpu, pc)) return;
  const unsigned intid = static_cast<unsigned>(value & 0xFFFFFF);
  const bool spurious = intid >= 1020 && intid <= 1023;
  const char* reg = group1 ? "ICC_IAR1_EL1" : "ICC_IAR0_EL1";
  if (options_.jsonl) {
    JsonLine j("irq-ack");
    j.num("core", cpu.core_index()).str("reg", reg).num("intid", intid).flag("spurious", spurious);
    j.hex("pc", pc).str("sym", symbol(pc));
    emit(j.num("count", cpu.insn_count()).line());
  } else {
    emit(fmt::format("[{}] irq-ack {} INTID {}{} at {:#x}{}\n", cpu.core_index(), reg, intid,
                     spurious ? " (spurious)" : "", pc, sym_text(pc)));
  }
}

void Tracer::on_sysreg_write(Cpu& cpu, const char* name, uint64_t before, uint64_t after) {
  if (!options_.mmu) return;
  std::string change;
  if (starts_with(name, "SCTLR_EL")) {
    if (!((before ^ after) & kSctlrM)) return;
    change = after & kSctlrM ? "enable" : "disable";
  } else if (starts_with(name, "TTBR0_EL")) {
    change = "ttbr0";
  } else if (starts_with(name, "TTBR1_EL")) {
    change = "ttbr1";
  } else {
    return;
  }
  const uint64_t pc = cpu.state().pc;
  if (!selected(cpu, pc)) return;
  const std::string regime = regime_of(cpu, name);
  if (options_.jsonl) {
    JsonLine j("mmu");
    j.num("core", cpu.core_index()).str("regime", regime).str("change", change).str("reg", name);
    j.hex("old", before).hex("new", after).hex("pc", pc).str("sym", symbol(pc));
    emit(j.num("count", cpu.insn_count()).line());
  } else if (change == "enable" || change == "disable") {
    emit(fmt::format("[{}] mmu {} stage 1 {} ({} {:#x} -> {:#x}) at {:#x}{}\n", cpu.core_index(),
                     regime, change == "enable" ? "on" : "off", name, before, after, pc,
                     sym_text(pc)));
  } else {
    emit(fmt::format("[{}] mmu {} {} {:#x} -> {:#x} at {:#x}{}\n", cpu.core_index(), regime, name,
                     before, after, pc, sym_text(pc)));
  }
}

void Tracer::on_sys_op(Cpu& cpu, const char* name, uint64_t xt) {
  if (!options_.tlbi || !starts_with(name, "TLBI ")) return;
  const uint64_t pc = cpu.state().pc;
  if (!selected(cpu, pc)) return;
  const std::string_view op = std::string_view(name).substr(5);
  // Operand fields (Arm ARM C5.5): VA[55:12] or IPA[47:12] in Xt[43:0]/[35:0],
  // the ASID in Xt[63:48] for the by-ASID EL1&0 forms.
  std::string text;
  const bool by_ipa = op.starts_with("IPA");
  const bool by_va = op.starts_with("VA");
  const bool by_asid = op.starts_with("ASID") ||
                       (by_va && !op.starts_with("VAA") && op.find("E1") != std::string_view::npos);
  uint64_t addr = 0;
  if (by_va) {
    addr = (xt & ((uint64_t{1} << 44) - 1)) << 12;
    if ((addr >> 55) & 1) addr |= uint64_t{0xFF} << 56;
  } else if (by_ipa) {
    addr = (xt & ((uint64_t{1} << 36) - 1)) << 12;
  }
  const uint64_t asid = xt >> 48;
  if (options_.jsonl) {
    JsonLine j("tlbi");
    j.num("core", cpu.core_index()).num("el", cpu.state().pstate.el).str("op", op).hex("xt", xt);
    if (by_va) j.hex("va", addr);
    if (by_ipa) j.hex("ipa", addr);
    if (by_asid) j.hex("asid", asid);
    j.hex("pc", pc).str("sym", symbol(pc));
    emit(j.num("count", cpu.insn_count()).line());
  } else {
    if (by_va) text += fmt::format(" va={:#x}", addr);
    if (by_ipa) text += fmt::format(" ipa={:#x}", addr);
    if (by_asid) text += fmt::format(" asid={:#x}", asid);
    emit(fmt::format("[{}] tlbi {}{} at {:#x}{}\n", cpu.core_index(), op, text, pc, sym_text(pc)));
  }
}

}  // namespace el2
