// One emulated core: architectural state, the fetch/decode/execute loop, and the
// memory-access and exception helpers instruction bodies use.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "cpu/cpu_model.h"
#include "cpu/decoder.h"
#include "cpu/gic_cpu_interface.h"
#include "cpu/timing/core_timing.h"
#include "cpu/state.h"
#include "exceptions/exception.h"
#include "exceptions/syndrome.h"
#include "mmu/tlb.h"
#include "mmu/walk_cache.h"
#include "platform/memory_map.h"

namespace el2 {

struct SysRegDef;

enum class StopReason : uint8_t {
  kNone,
  kInsnLimit,   // --max-insns reached.
  kGuestExit,   // Semihosting SYS_EXIT / SYS_EXIT_EXTENDED.
  kSystemOff,   // PSCI SYSTEM_OFF.
  kSystemReset, // PSCI SYSTEM_RESET / SYSTEM_RESET2.
  kFatal,       // Unsupported guest state el2emu cannot continue from.
};

const char* stop_reason_name(StopReason r);

enum class AccessKind : uint8_t { kRead, kWrite, kFetch };

// How a data access is made. Unprivileged accesses (LDTR/STTR) are checked
// against EL0 permissions by the MMU; exclusive, atomic and acquire/release
// accesses must be naturally aligned (else an Alignment fault, DFSC 0x21).
enum AccessFlags : uint8_t {
  kAccNormal = 0,
  kAccUnprivileged = 1 << 0,
  kAccAcquire = 1 << 1,
  kAccRelease = 1 << 2,
  kAccExclusive = 1 << 3,
  kAccAtomic = 1 << 4,
};
constexpr uint8_t kAccMustAlign = kAccAcquire | kAccRelease | kAccExclusive | kAccAtomic;

// Requests that a core answers outside the architecture: semihosting and
// built-in firmware. Implemented by the machine; null means "none".
class HostServices {
 public:
  virtual ~HostServices() = default;
  // HLT #0xF000. Returns true if handled (the core continues after the HLT).
  virtual bool semihosting(class Cpu& cpu) = 0;
  // An HVC or SMC that would be UNDEFINED because the EL it targets is not
  // implemented (EL2 for HVC, EL3 for SMC): built-in firmware (PSCI) may answer
  // it, as firmware at that EL would. Returns true if handled; the core then
  // continues after the instruction with the results in its registers.
  virtual bool firmware_call(class Cpu& cpu, bool is_smc, uint16_t imm) = 0;
  // SEV: signal an event to every core (Arm ARM D1.6.1 "Wait for Event").
  virtual void send_event(class Cpu& cpu) = 0;
  // A timer register (CTL, CVAL, TVAL, CNTVOFF) was written: the timers'
  // interrupt outputs may have changed and must be re-evaluated now, so that
  // an interrupt a handler just cleared is not taken again.
  virtual void timers_changed(class Cpu& cpu) { (void)cpu; }
};

class CoreGroup;

// Watches exception entries and returns (tracer, ABI checker, statistics).
// Observers see the state after the architectural update.
// Sees every instruction that executed (tracer): its PC and encoding, after
// it retired. Null when tracing is off, so the step loop pays one test.
class InsnObserver {
 public:
  virtual ~InsnObserver() = default;
  virtual void on_insn(Cpu& cpu, uint64_t pc, uint32_t insn) = 0;
};

class ExceptionObserver {
 public:
  virtual ~ExceptionObserver() = default;
  virtual void on_exception(Cpu& cpu, const Exception& e, const ExceptionEntry& entry) = 0;
  virtual void on_exception_return(Cpu& cpu, const ExceptionReturn& ret) = 0;
};

// One data access an instruction made: its VA, the PA when stage 1 translated
// it (else pa == va), size, direction and the bytes moved, as in memory.
struct DataAccess {
  uint64_t va = 0, pa = 0;
  bool translated = false;
  bool write = false;
  unsigned size = 0;
  const uint8_t* data = nullptr;
};

// Sees data accesses (the tracer's memory column, the debugger's
// watchpoints). While one is attached the data fast array stays empty, so
// every access takes the slow path, which reports it; with none attached the
// fast path in load/store is exactly what it is without observers.
class AccessObserver {
 public:
  virtual ~AccessObserver() = default;
  // Before any translation: false abandons the instruction with no effect
  // (Cpu::abandon_insn), as a watchpoint stops before the access.
  virtual bool before_access(Cpu& cpu, uint64_t va, unsigned size, bool write) {
    (void)cpu, (void)va, (void)size, (void)write;
    return true;
  }
  virtual void on_access(Cpu& cpu, const DataAccess& access) { (void)cpu, (void)access; }
  // The accesses reported since the instruction began did not happen.
  virtual void on_insn_abandoned(Cpu& cpu) { (void)cpu; }
};

// Sees MSR writes to system registers (name, value before and after) and SYS
// operations (DC/IC/AT/TLBI, with Xt) once they took effect: the tracer's MMU
// and TLBI events. Null when unused: MSR and SYS pay one test.
class SystemObserver {
 public:
  virtual ~SystemObserver() = default;
  virtual void on_sysreg_write(Cpu& cpu, const char* name, uint64_t before, uint64_t after) = 0;
  virtual void on_sys_op(Cpu& cpu, const char* name, uint64_t xt) = 0;
};

class Cpu {
 public:
  Cpu(const CpuModel& model, MemoryMap& mem, unsigned core_index = 0);
  ~Cpu();
  Cpu(const Cpu&) = delete;
  Cpu& operator=(const Cpu&) = delete;

  CpuState& state() { return s_; }
  const CpuState& state() const { return s_; }
  const CpuModel& model() const { return model_; }
  MemoryMap& memory() { return mem_; }
  void set_host_services(HostServices* h) { host_ = h; }
  HostServices* host_services() const { return host_; }
  // The GICv3 CPU interface (ICC_*/ICH_* registers); null without a GIC.
  void set_gic(GicCpuInterface* g) { gic_ = g; }
  GicCpuInterface* gic() const { return gic_; }

  unsigned core_index() const { return core_index_; }
  // MPIDR_EL1: Aff0 = core number, bit 31 RES1 (Arm ARM D17.2.101).
  uint64_t mpidr() const { return (uint64_t{1} << 31) | core_index_; }

  // Modelled cycles: one per instruction until the timing model (issue F9)
  // exists, plus the cycles spent waiting (WFI/WFE/off), which the machine
  // adds so every core's clock keeps up with the others'.
  uint64_t cycles() const { return (timing_ ? timing_->now() : insn_count_) + idle_cycles_; }
  // The timing model (issue F9): with one, each retired instruction, memory
  // access, exception and barrier is reported to it and cycles() follows its
  // clock; without one (--timing off) an instruction is one cycle.
  void set_timing(std::unique_ptr<CoreTiming> timing) { timing_ = std::move(timing); }
  const CoreTiming* timing() const { return timing_.get(); }
  void idle_until(uint64_t cycle) {
    if (cycle <= cycles()) return;
    if (timing_)
      timing_->idle_until(cycle);  // The model counts idle cycles itself.
    else
      idle_cycles_ += cycle - cycles();
    batch_end_ = 0;  // run(): recompute how far it may go unchecked.
  }
  // The system counter (CNTPCT_EL0), derived from modelled cycles at a 1 GHz
  // core clock and a fixed 62.5 MHz counter (the value firmware programs into
  // CNTFRQ_EL0, as on QEMU's virt board); never from the host clock. Writing
  // CNTFRQ_EL0 does not change the counter's rate (Arm ARM D11.1.2).
  uint64_t physical_count() const;
  static constexpr uint64_t kCoreHz = 1'000'000'000;
  static constexpr uint64_t kCounterHz = 62'500'000;

  // The one invalidation point for state derived from PSTATE, SCTLR_ELx,
  // HCR_EL2, SCR_EL3, TCR/TTBR/MAIR: every write to those registers calls it.
  void control_state_changed();

  // Interrupt request lines from the interrupt controller (level-sensitive).
  enum InterruptLine : uint8_t { kLineIrq = 1, kLineFiq = 2, kLineSError = 4 };
  void set_interrupt_line(InterruptLine line, bool asserted);
  uint8_t interrupt_lines() const { return lines_; }

  // Low-power and power states. A core in WFI/WFE does not execute until its
  // wake-up condition holds (Arm ARM D1.6 "Mechanisms for entering a low-power
  // state"); an Off core until it is started (PSCI CPU_ON).
  enum class Activity : uint8_t { kRunning, kWfi, kWfe, kOff };
  Activity activity() const { return activity_; }
  void set_activity(Activity a) {
    activity_ = a;
    if (a != Activity::kRunning) {
      yield_ = true;
      batch_end_ = 0;
    }
  }
  // True when a waiting core would wake now: any interrupt is pending (whether
  // or not PSTATE masks it), or, for WFE, the event register is set.
  bool wake_condition() const;
  bool event_register() const { return event_; }
  void set_event_register(bool v) { event_ = v; }

  // Runs until a stop is requested (returns its reason), `max_insns` more
  // instructions retire or the clock reaches `cycle_limit` (kInsnLimit), or
  // the core stops running because it waits or powered off (kNone).
  StopReason run(uint64_t max_insns, uint64_t cycle_limit = ~uint64_t{0});
  // Ends the current run() once the core's clock reaches `cycle` (a timer
  // the guest just armed fires before the time slice would end).
  void end_run_at(uint64_t cycle) {
    if (cycle < run_cycle_limit_) run_cycle_limit_ = cycle;
    batch_end_ = 0;
  }
  // Executes exactly one instruction (or takes one exception instead).
  void step();

  uint64_t insn_count() const { return insn_count_; }
  uint64_t external_aborts() const { return external_aborts_; }
  StopReason stop_reason() const { return stop_reason_; }
  int exit_code() const { return exit_code_; }
  const std::string& stop_message() const { return stop_message_; }
  void request_stop(StopReason r, int exit_code, std::string message = {});

  // ---- Used by instruction bodies -------------------------------------------
  uint64_t pc() const { return s_.pc; }
  void branch_to(uint64_t target) { next_pc_ = target; }

  uint64_t x(unsigned n) const { return n == 31 ? 0 : s_.x[n]; }  // Rn == 31 is XZR.
  uint32_t w(unsigned n) const { return static_cast<uint32_t>(x(n)); }
  void set_x(unsigned n, uint64_t v) {
    if (n != 31) s_.x[n] = v;
  }
  void set_w(unsigned n, uint32_t v) { set_x(n, v); }
  uint64_t x_or_sp(unsigned n) const { return n == 31 ? s_.sp() : s_.x[n]; }
  void set_x_or_sp(unsigned n, uint64_t v) {
    if (n == 31)
      s_.sp() = v;
    else
      s_.x[n] = v;
  }

  // Memory accesses through the current translation regime. On a fault they take
  // the exception and return false; the instruction must then stop. The hit
  // path is the fast array (see FastEntry): one compare and one add. Its tag
  // includes the low address bits an aligned access has clear, so unaligned
  // accesses always take the slow path, which applies the alignment rules.
  template <typename T>
  bool load(uint64_t va, T& out, uint8_t flags = kAccNormal) {
    if (retiring_) [[unlikely]] note_access(va, sizeof(T), false);
    if ((flags & kAccMustAlign) && (va & (sizeof(T) - 1))) return alignment_fault(va, false);
    if (!(flags & kAccUnprivileged)) {
      const FastEntry& e = fast_entry(va);
      if (e.read == (va & (kFastPageMask | (sizeof(T) - 1)))) [[likely]] {
        std::memcpy(&out, reinterpret_cast<const uint8_t*>(va + e.addend), sizeof(T));
        return true;
      }
    }
    uint64_t v = 0;
    if (!access_slow(va, sizeof(T), AccessKind::kRead, v, flags)) return false;
    out = static_cast<T>(v);
    return true;
  }
  template <typename T>
  bool store(uint64_t va, T value, uint8_t flags = kAccNormal) {
    if (retiring_) [[unlikely]] note_access(va, sizeof(T), true);
    if ((flags & kAccMustAlign) && (va & (sizeof(T) - 1))) return alignment_fault(va, true);
    if (!(flags & kAccUnprivileged)) {
      const FastEntry& e = fast_entry(va);
      if (e.write == (va & (kFastPageMask | (sizeof(T) - 1)))) [[likely]] {
        auto* host = reinterpret_cast<uint8_t*>(va + e.addend);
        std::memcpy(host, &value, sizeof(T));
        if (group_) [[unlikely]] note_store(host, sizeof(T));
        return true;
      }
    }
    uint64_t v = value;
    return access_slow(va, sizeof(T), AccessKind::kWrite, v, flags);
  }
  // Byte-array accesses (pairs, vectors, DC ZVA). With kAccMustAlign flags the
  // address must be aligned to `len` (exclusive and acquire pairs). `elem` is
  // the size of one element: Device memory (and all data with the MMU off)
  // needs the address aligned to it (Arm ARM B2.5.2); 1 = no requirement.
  bool load_bytes(uint64_t va, void* dst, unsigned len, uint8_t flags = kAccNormal,
                  unsigned elem = 1);
  // load_bytes/store_bytes (kAccNormal) of a length known at compile time:
  // the fast-array hit is inline with a fixed-size copy (pairs).
  template <unsigned kLen>
  bool load_fixed(uint64_t va, void* dst, unsigned elem) {
    if (!retiring_ && (va & 0xFFF) + kLen <= 0x1000) {
      const FastEntry& e = fast_entry(va);
      if (e.read == (va & kFastPageMask) && (e.normal || (va & (elem - 1)) == 0)) [[likely]] {
        std::memcpy(dst, reinterpret_cast<const uint8_t*>(va + e.addend), kLen);
        return true;
      }
    }
    return load_bytes(va, dst, kLen, kAccNormal, elem);
  }
  template <unsigned kLen>
  bool store_fixed(uint64_t va, const void* src, unsigned elem) {
    if (!retiring_ && (va & 0xFFF) + kLen <= 0x1000) {
      const FastEntry& e = fast_entry(va);
      if (e.write == (va & kFastPageMask) && (e.normal || (va & (elem - 1)) == 0)) [[likely]] {
        auto* host = reinterpret_cast<uint8_t*>(va + e.addend);
        std::memcpy(host, src, kLen);
        if (group_) [[unlikely]] note_store(host, kLen);
        return true;
      }
    }
    return store_bytes(va, src, kLen, kAccNormal, elem);
  }
  bool store_bytes(uint64_t va, const void* src, unsigned len, uint8_t flags = kAccNormal,
                   unsigned elem = 1);

  // SP alignment check (Arm ARM D1.8.2 "SP alignment checking"): a load or
  // store whose base register is SP (rn == 31) with SP not 16-byte aligned and
  // SCTLR_ELx.SA (SA0 at EL0) set takes an SP alignment fault (EC 0x26).
  // Returns false after taking it; call before computing the address.
  bool check_sp_alignment(unsigned rn);

  // ---- Sharing with the machine's other cores ----------------------------------
  void set_core_group(CoreGroup* g) { group_ = g; }
  // Load-exclusive: marks `bytes` at `va` (just read, so mapped) in the local
  // monitor and, for RAM, in the global one.
  void arm_exclusive_monitor(uint64_t va, unsigned bytes);
  // TLB maintenance from a TLBI ... IS instruction reaches every core.
  void set_tlbi_broadcast(bool on) { tlbi_broadcast_ = on; }

  // ---- Stage-1 MMU (mmu/) ---------------------------------------------------
  // AT: translates `va` as stage 1 of the regime for `el` (0: EL0 permissions
  // in EL1&0) would for a read or write, honouring PSTATE.PAN when `pan`, and
  // writes PAR_EL1 (success or fault format). Takes no exception.
  void address_translate(uint64_t va, unsigned el, bool write, bool pan);
  // TLBI: invalidates the TLB precisely and flushes the fast array.
  void tlb_invalidate(const mmu::TlbiScope& scope);
  const mmu::Tlb& tlb() const { return tlb_; }
  uint64_t table_walks() const { return walks_; }

  // Takes an Alignment fault data abort for `va`; returns false.
  bool alignment_fault(uint64_t va, bool is_write);

  // Reads guest virtual memory for the host (semihosting, debugger, tracer):
  // takes no exception and changes no state. False if any byte maps to nothing.
  bool debug_read(uint64_t va, void* dst, uint64_t len) const;

  void add_observer(ExceptionObserver* o) { observers_.push_back(o); }
  void set_insn_observer(InsnObserver* o) { insn_observer_ = o; }
  // Attaching the first access observer empties the data fast array, and it
  // stays empty until the last one is removed.
  void add_access_observer(AccessObserver* o);
  void remove_access_observer(AccessObserver* o);
  void set_system_observer(SystemObserver* o) { system_observer_ = o; }
  SystemObserver* system_observer() const { return system_observer_; }
  // MRS/MSR (sys_insn.cc): the register table rows of recently executed
  // encodings, by the instruction word without Rt. A row is a function of
  // the word and the model alone, so nothing ever invalidates an entry.
  struct SysRegRowMemo {
    uint32_t key = 0;  // 0: empty (no MRS/MSR encoding has it).
    const SysRegDef* def = nullptr;
  };
  std::array<SysRegRowMemo, 8>& sysreg_rows() { return sysreg_rows_; }
  // From an AccessObserver's before_access (a debugger watchpoint): the
  // instruction being executed stops with no effect. The PC stays on it, it
  // does not count as executed, the InsnObserver does not see it, and run()
  // returns after this step.
  void abandon_insn();

  // ERET from the current EL (the instruction body checks EL0).
  void exception_return_now();

  // Raise exceptions for the instruction being executed.
  void undefined();  // EC 0x00, to the default target.
  void raise(const Exception& e);
  void raise_sync(uint32_t esr, unsigned target_el = 0, bool return_to_next = false);
  void raise_data_abort(uint64_t va, const syn::DataAbortInfo& info);

 private:
  void update_attention();
  bool service_attention();
  bool access_slow(uint64_t va, unsigned size, AccessKind kind, uint64_t& value, uint8_t flags);
  bool finish_through_fast(uint64_t va, unsigned size, AccessKind kind, uint8_t flags,
                           uint64_t& value);
  // Translates one access for the current EL: SCTLR.A and Device alignment,
  // stage 1 (TLB, then a walk), permissions. Refills the fast array. On a
  // fault takes the exception and returns false.
  bool translate(uint64_t va, AccessKind kind, uint8_t flags, bool aligned, uint64_t& pa);
  // Reads or writes physical memory for an access at `va`: RAM, MMIO or a
  // synchronous external abort (taken; returns false).
  bool phys_access(uint64_t va, uint64_t pa, unsigned size, AccessKind kind, uint64_t& value);
  void take_mmu_fault(uint64_t va, const mmu::Fault& f);
  void flush_fast();
  // Access observers: false when the access must not happen (abandoned).
  bool access_allowed(uint64_t va, unsigned size, bool write);
  void report_access(uint64_t va, uint64_t pa, unsigned size, bool write, const void* data);
  bool fetch(uint32_t& insn);

  // The host-pointer fast path: direct-mapped arrays on the 4 KiB VA page
  // (data, and instruction fetch apart so code never evicts data), one set
  // per EL so that exception entry and return keep them (a hypercall round
  // trip finds both ELs' pages still there). A set holds translations for its
  // EL under the current regime controls and ASID, so all sets are flushed by
  // control_state_changed() and every TLBI. PSTATE.PAN- and UAO-dependent
  // permissions are never cached (translate()). A tag is the page-aligned VA
  // when that access kind is allowed to RAM there, else kFastInvalid, which
  // no masked address matches.
  static constexpr unsigned kFastEntries = 256;
  static constexpr unsigned kFetchEntries = 64;
  static constexpr uint64_t kFastPageMask = ~uint64_t{0xFFF};
  // Bit 11 alone: an address masked with kFastPageMask plus low alignment bits
  // (at most bits 3:0) never has it, whatever the address.
  static constexpr uint64_t kFastInvalid = uint64_t{1} << 11;
  struct FastEntry {
    uint64_t read = kFastInvalid, write = kFastInvalid;
    uint64_t addend = 0;  // Host address minus VA.
    bool normal = false;  // Normal memory: unaligned byte-array accesses allowed.
  };
  struct FetchEntry {
    uint64_t tag = kFastInvalid;
    uint64_t addend = 0;
  };
  struct FastSet {
    std::array<FastEntry, kFastEntries> data{};
    std::array<FetchEntry, kFetchEntries> fetch{};
  };
  std::array<FastSet, 4> fast_{};
  uint8_t fast_used_ = 0;  // Bit per EL: sets refilled since the last flush.
  FastEntry& fast_entry(uint64_t va) {
    return fast_[s_.pstate.el & 3].data[(va >> 12) & (kFastEntries - 1)];
  }
  FetchEntry& fetch_entry(uint64_t va) {
    return fast_[s_.pstate.el & 3].fetch[(va >> 12) & (kFetchEntries - 1)];
  }
  // mmu::regime_controls() per EL, computed on first use: its inputs are the
  // control registers, whose writes all call control_state_changed(), which
  // empties it.
  std::array<mmu::RegimeControls, 4> regime_{};
  uint8_t regime_valid_ = 0;  // Bit per EL.
  const mmu::RegimeControls& regime(unsigned el) {
    if (!(regime_valid_ & (1u << el))) {
      regime_[el] = mmu::regime_controls(s_, model_, el);
      regime_valid_ |= 1u << el;
    }
    return regime_[el];
  }
  // run_batch()'s view of the fetch array of the current EL: set by run() and
  // by exception entry and return, the only EL changes within a batch.
  const FetchEntry* batch_fetch_ = nullptr;
  void select_batch_fetch() { batch_fetch_ = fast_[s_.pstate.el & 3].fetch.data(); }
  // Stores into RAM report here when other cores may hold reservations.
  void note_store(const uint8_t* host, unsigned len);
  CoreGroup* group_ = nullptr;
  bool tlbi_broadcast_ = false;
  mmu::Tlb tlb_;
  mmu::WalkCache walk_cache_;  // Emptied by every TLBI and control_state_changed().
  uint64_t walks_ = 0;

  CpuState s_;
  const CpuModel& model_;
  MemoryMap& mem_;
  HostServices* host_ = nullptr;
  GicCpuInterface* gic_ = nullptr;
  unsigned core_index_ = 0;
  Decoder decoder_;
  std::vector<ExceptionObserver*> observers_;
  InsnObserver* insn_observer_ = nullptr;
  std::vector<AccessObserver*> access_observers_;
  SystemObserver* system_observer_ = nullptr;
  std::array<SysRegRowMemo, 8> sysreg_rows_{};
  bool last_translated_ = false;  // translate(): stage 1 was on.
  bool insn_abandoned_ = false;   // Set by abandon_insn() for step()'s observer call.
  uint64_t external_aborts_ = 0;
  uint8_t lines_ = 0;
  // Set while anything needs a look before the next instruction (an asserted
  // interrupt line, a virtual interrupt, stage 2 enabled): keeps the step fast.
  bool attention_ = false;
  Activity activity_ = Activity::kRunning;
  bool yield_ = false;  // Leave run() after this instruction.
  bool event_ = false;  // The WFE event register.
  // Exceptions taken since the last ERET; past the limit the run stops with an
  // "exception storm" report instead of spinning until --max-insns.
  static constexpr uint64_t kExceptionStormLimit = 10000;
  uint64_t exceptions_since_eret_ = 0;
  uint64_t exceptions_taken_ = 0;
  uint64_t next_pc_ = 0;
  uint64_t insn_count_ = 0;
  uint64_t idle_cycles_ = 0;
  uint64_t run_limit_ = 0;  // run() returns when insn_count_ reaches it...
  uint64_t run_cycle_limit_ = 0;  // ... or cycles() reaches this.
  // run_batch() executes while insn_count_ is below this: the instruction
  // count at which a limit is due. Anything that moves a limit or the clock,
  // or sets yield_, stop_requested_ or attention_, zeroes it, so run()
  // looks again.
  uint64_t batch_end_ = 0;
  template <bool kTimed>
  void run_batch();
  std::unique_ptr<CoreTiming> timing_;
  // The instruction being executed, while the timing model is on: data
  // accesses are added to it (note_access) for the model's caches.
  RetiredInsn* retiring_ = nullptr;
  RetiredInsn retired_;
  void note_access(uint64_t va, unsigned size, bool is_store) {
    if (retiring_->n_mem < 2) retiring_->mem[retiring_->n_mem++] = {va, uint8_t(size), is_store};
  }
  // Executes one decoded instruction and reports it to the timing model.
  void execute_timed(uint64_t pc, uint32_t insn);
  bool stop_requested_ = false;
  StopReason stop_reason_ = StopReason::kNone;
  int exit_code_ = 0;
  std::string stop_message_;
};

}  // namespace el2
