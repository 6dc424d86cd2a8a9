// Loads and stores of one general-purpose register (Arm ARM C4.1.88: "Load
// register (literal)", "Load/store register (unscaled immediate / immediate
// post-indexed / unprivileged / immediate pre-indexed / register offset /
// unsigned immediate)").
#include "cpu/insn/load_store.h"

#include "cpu/insn/load_store_util.h"

namespace el2::insn {

using namespace ldst;

namespace {

// size:opc of the single-register forms: a store, a load (zero- or
// sign-extended to 32 or 64 bits), PRFM (a hint: executes as a NOP) or
// unallocated (size 10 and 11 with opc 11).
enum class Kind { kAccess, kPrefetch, kUnallocated };
constexpr Kind classify(unsigned size, unsigned opc) {
  if (size == 3 && opc == 2) return Kind::kPrefetch;
  if (size >= 2 && opc == 3) return Kind::kUnallocated;
  return Kind::kAccess;
}

// One general-purpose load or store of 1 << size bytes. opc 00 store, 01 load
// zero-extended, 10 load sign-extended to 64 bits, 11 sign-extended to 32 bits
// (then zero-extended to X). Returns false if the access faulted; the register
// is written only after the access succeeded.
[[gnu::always_inline]] inline bool int_access(Cpu& cpu, unsigned size, unsigned opc,
                                              uint64_t addr, unsigned rt,
                                              uint8_t flags = kAccNormal) {
  if (opc == 0) return store_uint(cpu, addr, size, cpu.x(rt), flags);
  uint64_t v = 0;
  if (!load_uint(cpu, addr, size, v, flags)) return false;
  if (opc >= 2) {
    const unsigned regsize = opc == 3 ? 32 : 64;
    v = truncate(static_cast<uint64_t>(sign_extend(v, 8u << size)), regsize);
  }
  cpu.set_x(rt, v);
  return true;
}

}  // namespace

namespace {

// LDR/STR (unsigned offset) for one form, size:opc (bits 31:30 and 23:22).
template <unsigned kForm>
struct LdStUImmForm {
  static void run(Cpu& cpu, uint32_t i) {
    using E = LdStUImm;
    constexpr unsigned size = kForm >> 2, opc = kForm & 3;
    constexpr Kind kind = classify(size, opc);
    if constexpr (kind == Kind::kUnallocated) {
      cpu.undefined();
    } else if constexpr (kind == Kind::kAccess) {  // PRFM (immediate) is a NOP.
      uint64_t base;
      if (!read_base(cpu, E::get<'n'>(i), base)) return;
      const uint64_t addr = base + (uint64_t{E::get<'i'>(i)} << size);
      int_access(cpu, size, opc, addr, E::get<'t'>(i));
    }
  }
};
constexpr auto kLdStUImmForms = form_table<LdStUImmForm, 16>();
unsigned ldst_uimm_form(uint32_t i) {
  return (LdStUImm::get<'s'>(i) << 2) | LdStUImm::get<'o'>(i);
}

}  // namespace

Handler ldst_uimm_specialized(uint32_t i) { return kLdStUImmForms[ldst_uimm_form(i)]; }
void ldst_uimm(Cpu& cpu, uint32_t i) { kLdStUImmForms[ldst_uimm_form(i)](cpu, i); }

namespace {

// Writeback with Rn == Rt (Rn != SP) is CONSTRAINED UNPREDICTABLE (Arm ARM
// LDR/STR (immediate) pseudocode, "if wback && n == t && n != 31"). el2emu
// picks, like QEMU/Unicorn:
//  - loads: Constraint_UNKNOWN, the register ends up holding the written-back
//    address (the writeback is done after the load writes Rt);
//  - stores: Constraint_NONE, the value stored is Rt before the writeback.
// One body per form, size:opc:mode (bits 31:30, 23:22, 11:10).
template <unsigned kForm>
struct LdStImm9Form {
  static void run(Cpu& cpu, uint32_t i) {
    using E = LdStImm9;
    constexpr unsigned size = kForm >> 4, opc = (kForm >> 2) & 3, mode = kForm & 3;
    constexpr Kind kind = classify(size, opc);
    // PRFM exists only as PRFUM (unscaled); LDTR has no prefetch form.
    if constexpr (kind == Kind::kUnallocated ||
                  (kind == Kind::kPrefetch && mode != kUnscaledOrNoAlloc)) {
      cpu.undefined();
    } else if constexpr (kind == Kind::kAccess) {  // PRFUM is a NOP.
      const unsigned n = E::get<'n'>(i);
      const int64_t offset = E::sget<'i'>(i);
      uint64_t base;
      if (!read_base(cpu, n, base)) return;
      const uint64_t addr = mode == kPostIndex ? base : base + offset;  // Post-index: the base.
      // LDTR/STTR*: checked against EL0 permissions by the MMU (where it applies).
      constexpr uint8_t flags = mode == kUnprivOrOffset ? kAccUnprivileged : kAccNormal;
      if (!int_access(cpu, size, opc, addr, E::get<'t'>(i), flags)) return;
      if constexpr (mode == kPostIndex || mode == kPreIndex) cpu.set_x_or_sp(n, base + offset);
    }
  }
};
constexpr auto kLdStImm9Forms = form_table<LdStImm9Form, 64>();
unsigned ldst_imm9_form(uint32_t i) {
  using E = LdStImm9;
  return (E::get<'s'>(i) << 4) | (E::get<'o'>(i) << 2) | E::get<'w'>(i);
}

// LDR/STR/PRFM (register offset) for one form, size:opc.
template <unsigned kForm>
struct LdStRegForm {
  static void run(Cpu& cpu, uint32_t i) {
    using E = LdStReg;
    constexpr unsigned size = kForm >> 2, opc = kForm & 3;
    constexpr Kind kind = classify(size, opc);
    const unsigned option = E::get<'x'>(i);
    if (kind == Kind::kUnallocated || (option & 2) == 0) return cpu.undefined();
    if constexpr (kind == Kind::kAccess) {  // PRFM (register) is a NOP.
      uint64_t base;
      if (!read_base(cpu, E::get<'n'>(i), base)) return;
      const unsigned shift = E::get<'S'>(i) ? size : 0;
      const uint64_t addr = base + reg_offset(cpu, E::get<'m'>(i), option, shift);
      int_access(cpu, size, opc, addr, E::get<'t'>(i));
    }
  }
};
constexpr auto kLdStRegForms = form_table<LdStRegForm, 16>();
unsigned ldst_reg_form(uint32_t i) { return (LdStReg::get<'s'>(i) << 2) | LdStReg::get<'o'>(i); }

}  // namespace

Handler ldst_imm9_specialized(uint32_t i) { return kLdStImm9Forms[ldst_imm9_form(i)]; }
void ldst_imm9(Cpu& cpu, uint32_t i) { kLdStImm9Forms[ldst_imm9_form(i)](cpu, i); }
Handler ldst_reg_specialized(uint32_t i) { return kLdStRegForms[ldst_reg_form(i)]; }
void ldst_reg(Cpu& cpu, uint32_t i) { kLdStRegForms[ldst_reg_form(i)](cpu, i); }

void ldr_literal(Cpu& cpu, uint32_t i) {
  using E = LdrLiteral;
  const unsigned opc = E::get<'o'>(i);
  if (opc == 3) return;  // PRFM (literal): a hint.
  const uint64_t addr = cpu.pc() + E::sget<'i'>(i) * 4;
  // opc 0: LDR Wt, 1: LDR Xt, 2: LDRSW Xt (size 2, sign-extended to 64 bits).
  int_access(cpu, opc == 1 ? 3 : 2, opc == 2 ? 2 : 1, addr, E::get<'t'>(i));
}

}  // namespace el2::insn
