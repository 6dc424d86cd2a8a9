// The machine a fuzz run executes on: one core with EL2 (the stub under
// test) and no EL3, so SMCs from EL1 reach the built-in PSCI firmware; RAM
// just large enough for the stub; and the fuzz driver (driver/fuzz_driver.S)
// in a small RAM region of its own. Built and booted to EL1 once; every run
// then starts from a snapshot of that booted state.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/machine.h"
#include "tools/fuzz/generator.h"
#include "tools/fuzz/snapshot.h"

namespace el2::fuzz {

struct TargetConfig {
  std::string stub_path;
  std::string vectors = "__hyp_stub_vectors";  // Symbol or address of the stub's table.
  std::string cpu = "cortex-a57";
  uint64_t ram_size = 0;         // 0: the stub's extent rounded up to 64 KiB.
  std::FILE* console = nullptr;  // Guest semihosting output; null: discarded.
};

// Entry points and ends in the driver, from its symbol table.
struct DriverLayout {
  uint64_t el2_boot = 0, el1_park = 0, el1_hvc = 0, el1_smc = 0;
  uint64_t restart_target = 0, hyp_vectors = 0, stub_vectors_word = 0;
  std::map<std::string, uint64_t, std::less<>> msr_gadgets;  // "vbar_el1" -> fz_msr_vbar_el1.
};

// The Machine under a fuzz run. PSCI SYSTEM_OFF and SYSTEM_RESET are noted
// for the executor, which power-cycles by restoring the snapshot, instead of
// stopping the core: a core's stop is final, and a new machine costs more
// than many runs.
class PowerCycledMachine : public Machine {
 public:
  using Machine::Machine;
  void system_event(SystemEvent, uint64_t) override { system_event_ = true; }
  bool take_system_event() { return std::exchange(system_event_, false); }

 private:
  bool system_event_ = false;
};

class FuzzMachine {
 public:
  // Reads and loads the stub (LoadError: exit codes 65/66), boots the driver
  // to EL1 and takes the snapshot runs start from.
  explicit FuzzMachine(TargetConfig config);
  ~FuzzMachine();

  Machine& machine() { return *machine_; }
  // True once after the guest asked for PSCI SYSTEM_OFF or SYSTEM_RESET.
  bool take_system_event() { return machine_->take_system_event(); }
  const TargetConfig& config() const { return config_; }
  const DriverLayout& driver() const { return driver_; }
  uint64_t stub_vectors() const { return stub_vectors_; }
  Targets targets() const { return {stub_vectors_, driver_.hyp_vectors, driver_.restart_target}; }

  // Back to the booted state. A machine that stopped for good (a semihosting
  // exit, a fatal stop: a core's stop is final) is replaced by a new one
  // first, as is every machine when `fresh` is set.
  void restore(bool fresh = false);
  uint64_t rebuilds() const { return rebuilds_; }

  // Called with every machine this builds, the current one first: attaches
  // observers (the checker, the invariants, a tracer).
  void on_build(std::function<void(Machine&)> hook);

  // The symbol for `addr` in the stub or the driver.
  std::string symbolize(uint64_t addr) const { return machine_->symbolize(addr); }

 private:
  std::unique_ptr<PowerCycledMachine> build();
  bool stopped() const;

  TargetConfig config_;
  std::vector<uint8_t> stub_bytes_;
  MachineConfig machine_config_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> sink_;
  std::unique_ptr<PowerCycledMachine> machine_;
  DriverLayout driver_;
  uint64_t stub_vectors_ = 0;
  std::optional<Snapshot> snapshot_;
  std::vector<std::function<void(Machine&)>> hooks_;
  uint64_t rebuilds_ = 0;
};

}  // namespace el2::fuzz
