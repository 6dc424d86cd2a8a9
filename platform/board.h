// The devices around the cores that the machine's run loop must drive: the
// timers' interrupt outputs go to an interrupt controller, and host input
// (a UART's stdin) is polled between time slices. A bare machine has none.
#pragma once

#include "cpu/generic_timer.h"

namespace el2 {

class Cpu;

class Board {
 public:
  virtual ~Board() = default;
  // The core's timer outputs, as just evaluated (levels; called often, so
  // cheap when nothing changed).
  virtual void set_timer_outputs(Cpu& cpu, const TimerOutputs& outputs) = 0;
  // Takes in whatever host input is ready now, without blocking.
  virtual void poll_host_input() = 0;
  // Every core waits and no timer will fire: blocks until host input arrives
  // and takes it in. Returns false when no input can ever come (no source, or
  // it reached end of file).
  virtual bool wait_for_host_input() = 0;
};

}  // namespace el2
