#include "tests/diff/oracle_unicorn.h"

#include <fmt/format.h>
#include <unicorn/unicorn.h>

#include <csetjmp>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace el2::diff {

namespace {

// QEMU 5.0 exception numbers (target/arm/cpu.h) as reported to UC_HOOK_INTR.
constexpr uint32_t kExcpUdef = 1, kExcpSwi = 2, kExcpPrefetchAbort = 3, kExcpDataAbort = 4,
                   kExcpBkpt = 7, kExcpHvc = 11, kExcpHypTrap = 12, kExcpSmc = 13,
                   kExcpUnaligned = 22;

// PSTATE for EL1h with DAIF masked (what el2emu uses too).
constexpr uint64_t kPstateEl1h = 0x3C5;

void check(uc_err e, const char* what) {
  if (e != UC_ERR_OK)
    throw std::runtime_error(fmt::format("unicorn: {}: {}", what, uc_strerror(e)));
}

void hook_intr(uc_engine*, uint32_t intno, void* user) {
  static_cast<UnicornOracle*>(user)->on_interrupt(intno);
}

Trap trap_of_intno(uint32_t intno) {
  switch (intno) {
    case kExcpUdef:
    case kExcpHypTrap:
      return Trap::kUndef;
    case kExcpSwi:
      return Trap::kSvc;
    case kExcpHvc:
      return Trap::kHvc;
    case kExcpSmc:
      return Trap::kSmc;
    case kExcpBkpt:
      return Trap::kBrk;
    case kExcpPrefetchAbort:
      return Trap::kInsnAbort;
    case kExcpDataAbort:
    case kExcpUnaligned:
      return Trap::kDataAbort;
    default:
      return Trap::kOther;
  }
}

// QEMU 5's A64 translator calls g_assert_not_reached() (abort) on a few
// encodings it should treat as unallocated. SIGABRT during uc_emu_start jumps
// back to run(), which rebuilds the engine.
thread_local sigjmp_buf* g_abort_jmp = nullptr;

void on_sigabrt(int) {
  if (g_abort_jmp) siglongjmp(*g_abort_jmp, 1);
  std::signal(SIGABRT, SIG_DFL);
  std::raise(SIGABRT);
}

// Installed around each uc_emu_start (test frameworks install their own
// SIGABRT handlers at any time); returns the previous action.
struct sigaction install_abort_handler() {
  struct sigaction sa {
  }, old{};
  sa.sa_handler = on_sigabrt;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_NODEFER;
  sigaction(SIGABRT, &sa, &old);
  return old;
}

uint8_t* alloc_region(uint64_t size) {
  void* p = std::aligned_alloc(4096, size);
  if (!p) throw std::bad_alloc();
  return static_cast<uint8_t*>(p);
}

}  // namespace

UnicornOracle::UnicornOracle() {
  code_ = alloc_region(kCodeSize);
  data_ = alloc_region(kDataSize);
  std::memset(code_, 0, kCodeSize);
  std::memset(data_, 0, kDataSize);
  open_engine();
}

void UnicornOracle::open_engine() {
  check(uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &uc_), "uc_open");
  check(uc_ctl_set_cpu_model(uc_, UC_CPU_ARM64_MAX), "set cpu model");
  check(uc_mem_map_ptr(uc_, kCodeBase, kCodeSize, UC_PROT_ALL, code_), "map code");
  check(uc_mem_map_ptr(uc_, kDataBase, kDataSize, UC_PROT_ALL, data_), "map data");
  uc_hook h;
  check(uc_hook_add(uc_, &h, UC_HOOK_INTR, reinterpret_cast<void*>(&hook_intr), this, 1, 0),
        "hook intr");
  const uint64_t cpacr = 3u << 20;
  check(uc_reg_write(uc_, UC_ARM64_REG_CPACR_EL1, &cpacr), "CPACR_EL1");
  uint64_t pstate = 0;
  check(uc_reg_read(uc_, UC_ARM64_REG_PSTATE, &pstate), "PSTATE");
  // CurrentEL must be EL1 and SPSel 1: the harness compares SP as SP_EL1.
  if ((pstate & 0xF) != 0x5)
    throw std::runtime_error(fmt::format("unicorn: unexpected reset PSTATE 0x{:x}", pstate));
}

UnicornOracle::~UnicornOracle() {
  uc_close(uc_);
  std::free(code_);
  std::free(data_);
}

void UnicornOracle::invalidate_code(uint64_t addr, uint64_t len) {
  uc_ctl_remove_cache(uc_, addr, addr + len);
}

void UnicornOracle::on_interrupt(uint32_t intno) {
  if (!interrupted_) {
    interrupted_ = true;
    intno_ = intno;
  }
  uc_emu_stop(uc_);
}

void UnicornOracle::clear_monitor() {
  const uint32_t clrex = 0xD503305F;
  std::memcpy(code_ + (kScratchPc - kCodeBase), &clrex, 4);
  invalidate_code(kScratchPc, 4);
  interrupted_ = false;
  uc_emu_start(uc_, kScratchPc, 0, 0, 1);
}

RunResult UnicornOracle::run(const ArchState& in, unsigned count) {
  int regs[31];
  const void* vals[31];
  for (int i = 0; i < 31; ++i) {
    regs[i] = UC_ARM64_REG_X0 + i;
    vals[i] = &in.x[i];
  }
  // X29/X30 are not contiguous with X0..X28 in Unicorn's enum.
  regs[29] = UC_ARM64_REG_X29;
  regs[30] = UC_ARM64_REG_X30;
  uc_reg_write_batch(uc_, regs, const_cast<void* const*>(vals), 31);
  const uint64_t pstate = kPstateEl1h | in.nzcv;
  uc_reg_write(uc_, UC_ARM64_REG_PSTATE, &pstate);
  uc_reg_write(uc_, UC_ARM64_REG_SP, &in.sp);
  uc_reg_write(uc_, UC_ARM64_REG_PC, &in.pc);
  for (int i = 0; i < 32; ++i) {
    uint64_t q[2] = {in.v[i].lo, in.v[i].hi};
    uc_reg_write(uc_, UC_ARM64_REG_Q0 + i, q);
  }
  uc_reg_write(uc_, UC_ARM64_REG_FPCR, &in.fpcr);
  uc_reg_write(uc_, UC_ARM64_REG_FPSR, &in.fpsr);

  interrupted_ = false;
  crashed_ = false;
  sigjmp_buf jmp;
  RunResult r;
  const struct sigaction previous = install_abort_handler();
  if (sigsetjmp(jmp, 1)) {
    g_abort_jmp = nullptr;
    sigaction(SIGABRT, &previous, nullptr);
    crashed_ = true;
    ++rebuilds_;
    open_engine();  // The aborted engine is abandoned, not closed.
    r.trap = Trap::kOther;
    r.detail = "unicorn aborted (QEMU assertion in the translator)";
    return r;
  }
  g_abort_jmp = &jmp;
  const uc_err err = uc_emu_start(uc_, in.pc, 0, 0, count);
  g_abort_jmp = nullptr;
  sigaction(SIGABRT, &previous, nullptr);

  if (interrupted_) {
    r.trap = trap_of_intno(intno_);
    r.detail = fmt::format("QEMU exception {} (via UC_HOOK_INTR)", intno_);
    return r;
  }
  uint64_t pc = 0;
  uc_reg_read(uc_, UC_ARM64_REG_PC, &pc);
  switch (err) {
    case UC_ERR_OK:
      break;
    // The instruction retired and the next fetch failed (a branch out of the
    // mapped code): the branch itself completed.
    case UC_ERR_FETCH_UNMAPPED:
    case UC_ERR_FETCH_PROT:
    case UC_ERR_FETCH_UNALIGNED:
      if (pc != in.pc || count > 1) break;
      r.trap = Trap::kInsnAbort;
      r.detail = fmt::format("uc_emu_start: {}", uc_strerror(err));
      return r;
    case UC_ERR_READ_UNMAPPED:
    case UC_ERR_WRITE_UNMAPPED:
    case UC_ERR_READ_PROT:
    case UC_ERR_WRITE_PROT:
    case UC_ERR_READ_UNALIGNED:
    case UC_ERR_WRITE_UNALIGNED:
      r.trap = Trap::kDataAbort;
      r.detail = fmt::format("uc_emu_start: {}", uc_strerror(err));
      return r;
    case UC_ERR_INSN_INVALID:
      r.trap = Trap::kUndef;
      r.detail = fmt::format("uc_emu_start: {}", uc_strerror(err));
      return r;
    default:
      r.trap = Trap::kOther;
      r.detail = fmt::format("uc_emu_start: {}", uc_strerror(err));
      return r;
  }

  ArchState& o = r.state;
  int rregs[31];
  void* rvals[31];
  for (int i = 0; i < 31; ++i) {
    rregs[i] = regs[i];
    rvals[i] = &o.x[i];
  }
  uc_reg_read_batch(uc_, rregs, rvals, 31);
  uc_reg_read(uc_, UC_ARM64_REG_SP, &o.sp);
  o.pc = pc;
  uint64_t ps = 0;
  uc_reg_read(uc_, UC_ARM64_REG_PSTATE, &ps);
  o.nzcv = static_cast<uint32_t>(ps) & 0xF000'0000u;
  for (int i = 0; i < 32; ++i) {
    uint64_t q[2] = {0, 0};
    uc_reg_read(uc_, UC_ARM64_REG_Q0 + i, q);
    o.v[i] = V128{q[0], q[1]};
  }
  uc_reg_read(uc_, UC_ARM64_REG_FPCR, &o.fpcr);
  uc_reg_read(uc_, UC_ARM64_REG_FPSR, &o.fpsr);
  // Unicorn stops without taking the exception architecturally, but keep the
  // EL check honest: a run that left EL1h is reported.
  if ((ps & 0xF) != 0x5) {
    r.trap = Trap::kOther;
    r.detail = fmt::format("PSTATE left EL1h: 0x{:x}", ps);
  }
  return r;
}

}  // namespace el2::diff
