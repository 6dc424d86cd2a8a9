// A machine: RAM, devices, cores and loaded images, and the run loop that
// reports why it stopped. The `virt` board (issue F7) builds on this.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cpu/cpu.h"
#include "platform/elf_loader.h"
#include "platform/memory_map.h"

namespace el2 {

struct MachineConfig {
  std::string cpu = "cortex-a57";
  bool has_el2 = true;
  bool has_el3 = true;
  unsigned entry_el = 0;  // 0: the highest implemented EL.
  uint64_t ram_base = 0x4000'0000;
  uint64_t ram_size = 1ull << 30;
  bool semihosting = true;
  std::FILE* console = stdout;
};

struct RunResult {
  StopReason reason = StopReason::kNone;
  int exit_code = 0;  // Guest exit code for kGuestExit.
  uint64_t insns = 0;
  std::string message;
};

class Machine : public HostServices {
 public:
  explicit Machine(const MachineConfig& config);  // Throws std::invalid_argument.
  ~Machine() override;

  MemoryMap& memory() { return mem_; }
  Cpu& cpu() { return *cpu_; }
  const Cpu& cpu() const { return *cpu_; }
  const CpuModel& model() const { return model_; }
  const MachineConfig& config() const { return config_; }
  const std::vector<LoadedImage>& images() const { return images_; }

  // Load images (throw LoadError). The first ELF loaded sets the entry point.
  const LoadedImage& load_elf(const std::string& path);
  const LoadedImage& load_elf_bytes(std::span<const uint8_t> bytes, const std::string& name);
  const LoadedImage& load_raw(const std::string& path, uint64_t addr);

  // Puts the boot core at `pc` in `entry_el` (AArch64, SP_ELx selected,
  // interrupts masked) with the higher ELs' controls set as firmware would
  // leave them (see docs/ARCHITECTURE.md, "Reset state").
  void reset(uint64_t pc);

  RunResult run(uint64_t max_insns);

  // The symbol for an address across all loaded images, as "name+0x10".
  std::string symbolize(uint64_t addr) const;

  bool semihosting(Cpu& cpu) override;
  bool firmware_call(Cpu& cpu, bool is_smc, uint16_t imm) override;

 private:
  MachineConfig config_;
  CpuModel model_;
  MemoryMap mem_;
  std::unique_ptr<Cpu> cpu_;
  std::vector<LoadedImage> images_;
};

}  // namespace el2
