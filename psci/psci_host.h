// What the built-in PSCI firmware needs from the machine it serves: the cores,
// their power states, and the ability to start, stop and end the run. The
// firmware (psci/firmware.h) implements the calls; Machine implements this.
#pragma once

#include <cstdint>

namespace el2 {

class Cpu;

enum class PowerState : uint8_t {
  kOff,        // Never started, or after CPU_OFF.
  kOn,         // Running (or in WFI/WFE).
  kOnPending,  // CPU_ON accepted, not yet running (el2emu starts it at the next
               // scheduling point; KVM never reports ON_PENDING to the guest).
};

enum class SystemEvent : uint8_t { kOff, kReset };

class PsciHost {
 public:
  virtual ~PsciHost() = default;
  virtual unsigned core_count() const = 0;
  virtual uint64_t core_mpidr(unsigned core) const = 0;
  virtual PowerState core_power(unsigned core) const = 0;
  // Starts `core` (which is off) at `entry` in `el` (the caller's EL), AArch64,
  // MMU off, DAIF masked, with x0 = context and every other GPR zero.
  virtual void core_on(unsigned core, uint64_t entry, uint64_t context, unsigned el) = 0;
  // The calling core powers down (CPU_OFF): it stops executing at once.
  virtual void core_off(unsigned core) = 0;
  // The calling core waits for an interrupt (CPU_SUSPEND treated as WFI).
  virtual void core_standby(unsigned core) = 0;
  // SYSTEM_OFF / SYSTEM_RESET(2): ends the run with that reason.
  virtual void system_event(SystemEvent event, uint64_t type) = 0;
};

}  // namespace el2
