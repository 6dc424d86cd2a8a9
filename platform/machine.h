// A machine: RAM, devices, cores and loaded images, and the run loop that
// schedules the cores and reports why it stopped. The `virt` board (issue F7)
// builds on this.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cpu/core_group.h"
#include "cpu/cpu.h"
#include "platform/board.h"
#include "platform/elf_loader.h"
#include "platform/memory_map.h"
#include "psci/firmware.h"
#include "psci/psci_host.h"

namespace el2 {

// How the secondary cores (1..smp-1) come out of reset.
enum class SecondaryStart : uint8_t {
  kOff,      // Powered off until PSCI CPU_ON from the built-in firmware (as
             // under KVM or QEMU's built-in PSCI). The default.
  kAtEntry,  // Like real hardware releasing every core from reset: all cores
             // start at the image entry point in the entry EL, and guest
             // firmware (e.g. psci/firmware/) parks the secondaries itself.
};

struct MachineConfig {
  std::string cpu = "cortex-a57";
  bool has_el2 = true;
  bool has_el3 = true;
  unsigned entry_el = 0;  // 0: the highest implemented EL.
  unsigned smp = 1;       // Cores; core 0 boots, the others per `secondaries`.
  SecondaryStart secondaries = SecondaryStart::kOff;
  uint64_t ram_base = 0x4000'0000;
  uint64_t ram_size = 1ull << 30;
  bool semihosting = true;
  std::FILE* console = stdout;
  // Built-in PSCI firmware (KVM semantics) answering HVC or SMC where the EL
  // the conduit targets is absent (EL2 for hvc, EL3 for smc).
  bool psci = true;
  PsciConfig psci_config;
  // The timing model (issue F9): true = the core profile matching `cpu`
  // (--timing approx), false = one cycle per instruction (--timing off).
  bool timing = true;
};

struct RunResult {
  StopReason reason = StopReason::kNone;
  int exit_code = 0;   // Guest exit code for kGuestExit.
  uint64_t insns = 0;  // Summed over all cores.
  std::string message;
};

class Machine : public HostServices, public PsciHost {
 public:
  // Instructions a core runs before the next core gets its turn. Fixed, so
  // every run interleaves the same way.
  static constexpr uint64_t kQuantum = 1000;
  static constexpr unsigned kMaxCores = 8;

  explicit Machine(const MachineConfig& config);  // Throws std::invalid_argument.
  ~Machine() override;

  MemoryMap& memory() { return mem_; }
  Cpu& cpu(unsigned core = 0) { return *cores_.at(core); }
  const Cpu& cpu(unsigned core = 0) const { return *cores_.at(core); }
  const CpuModel& model() const { return model_; }
  const MachineConfig& config() const { return config_; }
  const std::vector<LoadedImage>& images() const { return images_; }

  // Load images (throw LoadError). The first ELF loaded sets the entry point.
  const LoadedImage& load_elf(const std::string& path);
  const LoadedImage& load_elf_bytes(std::span<const uint8_t> bytes, const std::string& name);
  const LoadedImage& load_raw(const std::string& path, uint64_t addr);

  // Puts the boot core at `pc` in `entry_el` (AArch64, SP_ELx selected,
  // interrupts masked) with the higher ELs' controls set as firmware would
  // leave them (see docs/ARCHITECTURE.md, "Reset state"). Other cores stay Off,
  // or with SecondaryStart::kAtEntry start there too, in the same state.
  void reset(uint64_t pc);

  // Starts an Off core at `pc` in `el` with x0 = `context` (PSCI CPU_ON).
  void start_core(unsigned core, uint64_t pc, unsigned el, uint64_t context);

  // Runs the cores round-robin until a stop, or until `max_insns` instructions
  // have retired in total.
  RunResult run(uint64_t max_insns);
  uint64_t total_insns() const;

  // The symbol for an address across all loaded images, as "name+0x10".
  std::string symbolize(uint64_t addr) const;

  PsciFirmware& psci() { return psci_; }
  const PsciFirmware& psci() const { return psci_; }

  // The devices the run loop drives (the virt board); null for a bare machine.
  void set_board(std::unique_ptr<Board> board) { board_ = std::move(board); }
  Board* board() const { return board_.get(); }
  // Machine time: the cycle every core has reached at the end of the last
  // time slice (cores that wait catch up to it, see run()).
  uint64_t now() const { return now_; }

  // HostServices.
  bool semihosting(Cpu& cpu) override;
  bool firmware_call(Cpu& cpu, bool is_smc, uint16_t imm) override;
  void send_event(Cpu& cpu) override;
  void timers_changed(Cpu& cpu) override;

  // PsciHost.
  unsigned core_count() const override { return static_cast<unsigned>(cores_.size()); }
  uint64_t core_mpidr(unsigned core) const override { return cores_.at(core)->mpidr(); }
  PowerState core_power(unsigned core) const override;
  void core_on(unsigned core, uint64_t entry, uint64_t context, unsigned el) override;
  void core_off(unsigned core) override;
  void core_standby(unsigned core) override;
  void system_event(SystemEvent event, uint64_t type) override;

 private:
  void set_reset_controls(CpuState& s, unsigned el) const;
  // The stop recorded by any core, if one has stopped.
  const Cpu* stopped_core() const;
  // Re-evaluates the core's timers, drives their outputs to the board, and
  // returns the cycle of the next timer deadline (TimerOutputs::kNever).
  uint64_t sync_timers(Cpu& core);
  // Runs one core up to `slice_end` cycles (or `limit` total instructions),
  // stopping at each timer deadline to deliver it. True if it executed.
  bool run_slice(Cpu& core, uint64_t slice_end, uint64_t limit);
  // Every core waits: moves time forward to the next timer deadline, or
  // waits for host input. False when nothing can ever wake a core.
  bool skip_idle_time();

  MachineConfig config_;
  CpuModel model_;
  MemoryMap mem_;
  std::vector<std::unique_ptr<Cpu>> cores_;
  CoreGroup group_;  // Global exclusive monitor and TLBI broadcast (2+ cores).
  std::vector<LoadedImage> images_;
  PsciFirmware psci_;
  Cpu* calling_core_ = nullptr;  // The core inside firmware_call(), for system_event().
  std::unique_ptr<Board> board_;
  uint64_t now_ = 0;
  uint64_t slices_ = 0;
};

}  // namespace el2
