// Load/store register pair, general-purpose registers: LDP, STP, LDPSW, LDNP,
// STNP (Arm ARM C4.1.88 "Load/store no-allocate pair (offset)", "Load/store
// register pair (post-indexed / offset / pre-indexed)").
#include "cpu/insn/load_store.h"
#include "cpu/insn/load_store_util.h"

namespace el2::insn {

using namespace ldst;

// CONSTRAINED UNPREDICTABLE cases, resolved as QEMU/Unicorn do:
//  - LDP with Rt == Rt2: Constraint_UNKNOWN, the register gets the first
//    (lower-address) element;
//  - load with writeback and Rn == Rt or Rt2 (Rn != SP): Constraint_UNKNOWN,
//    the register ends up holding the written-back address;
//  - store with writeback and Rn == Rt or Rt2: Constraint_NONE, the stored
//    values are the registers before the writeback.
namespace {

// LDP/LDPSW/LDNP/STP/STNP for one form, opc:L (bits 31:30 and 22).
template <unsigned kForm>
struct PairForm {
  static void run(Cpu& cpu, uint32_t i) {
    using E = LdStPair;
    constexpr unsigned opc = kForm >> 1;
    constexpr bool load = kForm & 1;
    const unsigned mode = E::get<'p'>(i);
    // opc 11 is unallocated; opc 01 is LDPSW only (L = 1, not the no-allocate
    // form); STGP (opc 01, L = 0) belongs to FEAT_MTE, which el2emu lacks.
    if (opc == 3 || (opc == 1 && (!load || mode == kUnscaledOrNoAlloc))) return cpu.undefined();
    constexpr unsigned esize = opc == 2 ? 3 : 2;  // log2 of the element size in bytes.
    const unsigned n = E::get<'n'>(i), t = E::get<'t'>(i), t2 = E::get<'m'>(i);
    const int64_t offset = E::sget<'i'>(i) * (int64_t{1} << esize);
    uint64_t base;
    if (!read_base(cpu, n, base)) return;
    const uint64_t addr = mode == kPostIndex ? base : base + offset;
    // Two accesses of `bytes` each (Device memory needs each aligned to that).
    constexpr unsigned bytes = 1u << esize;
    uint8_t buf[2 * bytes];
    if constexpr (load) {
      if (!cpu.load_fixed<2 * bytes>(addr, buf, bytes)) return;
      uint64_t a = 0, b = 0;
      std::memcpy(&a, buf, bytes);
      std::memcpy(&b, buf + bytes, bytes);
      if constexpr (opc == 1) {  // LDPSW.
        a = static_cast<uint64_t>(sign_extend(a, 32));
        b = static_cast<uint64_t>(sign_extend(b, 32));
      }
      cpu.set_x(t2, b);
      cpu.set_x(t, a);  // Rt == Rt2: the first element (see above).
    } else {
      const uint64_t a = cpu.x(t), b = cpu.x(t2);
      std::memcpy(buf, &a, bytes);
      std::memcpy(buf + bytes, &b, bytes);
      if (!cpu.store_fixed<2 * bytes>(addr, buf, bytes)) return;
    }
    if (mode == kPostIndex || mode == kPreIndex) cpu.set_x_or_sp(n, base + offset);
  }
};
constexpr auto kPairForms = form_table<PairForm, 8>();
unsigned pair_form(uint32_t i) { return (LdStPair::get<'o'>(i) << 1) | LdStPair::get<'L'>(i); }

}  // namespace

Handler ldst_pair_specialized(uint32_t i) { return kPairForms[pair_form(i)]; }
void ldst_pair(Cpu& cpu, uint32_t i) { kPairForms[pair_form(i)](cpu, i); }

}  // namespace el2::insn
