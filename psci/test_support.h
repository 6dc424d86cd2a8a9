// Test fixtures for the PSCI firmware: a fake PsciHost with N cores that
// records what the firmware asks of it, and a real Cpu to make calls from.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "cpu/cpu.h"
#include "platform/memory_map.h"
#include "psci/firmware.h"
#include "psci/psci_host.h"

namespace el2::testing {

class FakeHost : public PsciHost {
 public:
  struct OnCall {
    unsigned core;
    uint64_t entry, context;
    unsigned el;
  };
  struct Event {
    SystemEvent event;
    uint64_t type;
    uint64_t x[4];  // The caller's x0..x3 when the event was raised.
  };

  // Cores 0..n-1 with MPIDR = bit 31 | core (as Cpu::mpidr()); core 0 on.
  explicit FakeHost(unsigned n = 4) {
    for (unsigned i = 0; i < n; ++i) {
      mpidr.push_back((uint64_t{1} << 31) | i);
      power.push_back(i == 0 ? PowerState::kOn : PowerState::kOff);
    }
  }

  unsigned core_count() const override { return static_cast<unsigned>(mpidr.size()); }
  uint64_t core_mpidr(unsigned core) const override { return mpidr.at(core); }
  PowerState core_power(unsigned core) const override { return power.at(core); }
  void core_on(unsigned core, uint64_t entry, uint64_t context, unsigned el) override {
    ons.push_back({core, entry, context, el});
    power.at(core) = PowerState::kOnPending;
  }
  void core_off(unsigned core) override {
    offs.push_back(core);
    power.at(core) = PowerState::kOff;
  }
  void core_standby(unsigned core) override { standbys.push_back(core); }
  void system_event(SystemEvent event, uint64_t type) override {
    Event e{event, type, {}};
    for (unsigned n = 0; n < 4; ++n) e.x[n] = caller ? caller->x(n) : 0;
    events.push_back(e);
  }

  std::vector<uint64_t> mpidr;
  std::vector<PowerState> power;
  std::vector<OnCall> ons;
  std::vector<unsigned> offs, standbys;
  std::vector<Event> events;
  const Cpu* caller = nullptr;
};

// A firmware, a fake host and one real core (Cortex-A57 at EL2) whose
// registers carry the calls; `core` says which core number makes a call.
struct Rig {
  explicit Rig(PsciConfig config = {}, unsigned cores = 4) : host(cores), fw(std::move(config)) {
    mem.add_ram("ram", 0x4000'0000, 1 << 16);
    cpu = std::make_unique<Cpu>(*find_cpu_model("cortex-a57"), mem);
    cpu->state().pstate.el = 2;
    host.caller = cpu.get();
  }

  // Sets x0..x3, makes the call, returns whether the firmware took it.
  bool call_raw(uint64_t x0, uint64_t x1 = 0, uint64_t x2 = 0, uint64_t x3 = 0, unsigned core = 0,
                bool is_smc = false, uint16_t imm = 0) {
    cpu->set_x(0, x0);
    cpu->set_x(1, x1);
    cpu->set_x(2, x2);
    cpu->set_x(3, x3);
    return fw.handle(*cpu, core, host, is_smc, imm);
  }
  // The same on the configured conduit; returns x0 as a signed value.
  int64_t call(uint64_t x0, uint64_t x1 = 0, uint64_t x2 = 0, uint64_t x3 = 0, unsigned core = 0) {
    call_raw(x0, x1, x2, x3, core, fw.config().conduit == PsciConduit::kSmc, 0);
    return static_cast<int64_t>(cpu->x(0));
  }
  uint64_t x(unsigned n) const { return cpu->x(n); }

  MemoryMap mem;
  std::unique_ptr<Cpu> cpu;
  FakeHost host;
  PsciFirmware fw;
};

}  // namespace el2::testing
