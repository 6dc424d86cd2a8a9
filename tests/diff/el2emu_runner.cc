#include "tests/diff/el2emu_runner.h"

#include <fmt/format.h>

#include "exceptions/syndrome.h"

namespace el2::diff {

Trap trap_of_esr(uint32_t esr) {
  switch (esr >> 26) {
    case 0x00:
    case 0x07:
    case 0x0E:
    case 0x18:
      return Trap::kUndef;
    case 0x15:
      return Trap::kSvc;
    case 0x16:
      return Trap::kHvc;
    case 0x17:
      return Trap::kSmc;
    case 0x3C:
      return Trap::kBrk;
    case 0x20:
    case 0x21:
    case 0x22:
      return Trap::kInsnAbort;
    case 0x24:
    case 0x25:
    case 0x26:
      return Trap::kDataAbort;
    default:
      return Trap::kOther;
  }
}

El2emuRunner::El2emuRunner() {
  const CpuModel* model = find_cpu_model("max");
  code_ = mem_.add_ram("code", kCodeBase, kCodeSize).host;
  data_ = mem_.add_ram("data", kDataBase, kDataSize).host;
  cpu_ = std::make_unique<Cpu>(*model, mem_);
  decoder_ = std::make_unique<Decoder>(*model);
  cpu_->add_observer(this);
}

El2emuRunner::~El2emuRunner() = default;

void El2emuRunner::on_exception(Cpu&, const Exception& e, const ExceptionEntry&) {
  if (trapped_) return;  // Keep the first.
  trapped_ = true;
  esr_ = e.esr;
  far_valid_ = e.far_valid;
  far_ = e.far;
}

void El2emuRunner::on_exception_return(Cpu&, const ExceptionReturn&) {}

RunResult El2emuRunner::run(const ArchState& in, unsigned count) {
  CpuState& s = cpu_->state();
  s.x = in.x;
  s.pc = in.pc;
  Pstate& p = s.pstate;
  p = Pstate{};
  p.el = 1;
  p.sp = true;
  p.n = (in.nzcv >> 31) & 1;
  p.z = (in.nzcv >> 30) & 1;
  p.c = (in.nzcv >> 29) & 1;
  p.v = (in.nzcv >> 28) & 1;
  s.sp_el[1] = in.sp;
  for (unsigned i = 0; i < 32; ++i) s.v[i] = VReg{in.v[i].lo, in.v[i].hi};
  s.fpcr = in.fpcr;
  s.fpsr = in.fpsr;
  s.monitor = ExclusiveMonitor{};
  // SIMD&FP enabled at every level (CPACR_EL1.FPEN, CPTR_EL2.TFP, CPTR_EL3.TFP).
  s.sys.cpacr_el1 = 3u << 20;
  s.sys.cptr_el2 &= ~(uint64_t{1} << 10);
  s.sys.cptr_el3 &= ~(uint64_t{1} << 10);
  s.sys.vbar[1] = kVbar;
  s.sys.sctlr[1] &= ~uint64_t{0xF};  // M, A, C, SA off: flat, unaligned accesses allowed.
  trapped_ = false;

  for (unsigned i = 0; i < count && !trapped_; ++i) cpu_->step();

  RunResult r;
  if (trapped_) {
    r.trap = trap_of_esr(esr_);
    r.esr = esr_;
    r.detail = fmt::format("ESR 0x{:08x} (EC 0x{:02x} {}) to EL{}", esr_, esr_ >> 26,
                           exception_class_name(syn::ec_of(esr_)), s.pstate.el);
    if (far_valid_) r.detail += fmt::format(", FAR 0x{:x}", far_);
    return r;
  }
  ArchState& o = r.state;
  o.x = s.x;
  o.pc = s.pc;
  o.sp = s.sp_el[1];
  o.nzcv =
      (uint32_t{p.n} << 31) | (uint32_t{p.z} << 30) | (uint32_t{p.c} << 29) | (uint32_t{p.v} << 28);
  for (unsigned i = 0; i < 32; ++i) o.v[i] = V128{s.v[i].lo, s.v[i].hi};
  o.fpcr = s.fpcr;
  o.fpsr = s.fpsr;
  return r;
}

}  // namespace el2::diff
