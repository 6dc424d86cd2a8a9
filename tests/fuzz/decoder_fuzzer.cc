// libFuzzer harness: the decoder and executor on random instruction words
// from random CPU state at each EL. The input picks a machine (CPU model,
// with or without EL2 and EL3), system register values (written as an MSR
// would: only the writable bits), general-purpose, SIMD and stack registers
// (half of them pointing into RAM so loads and stores land), PSTATE with the
// EL, and the instruction words at the PC; then up to 256 instructions run.
// Besides the sanitizers: no C++ exception may escape a step, and the core
// must never reach an EL the machine does not implement.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>

#include "cpu/sysregs/registry.h"
#include "platform/machine.h"
#include "tests/fuzz/fuzz_input.h"
#include "tools/fuzz/snapshot.h"

namespace {

using el2::Cpu;
using el2::CpuState;
using el2::Machine;

constexpr uint64_t kRamBase = 0x4000'0000;
constexpr uint64_t kRamSize = 0x10000;
constexpr unsigned kMaxSteps = 256;
constexpr const char* kModels[] = {"cortex-a53", "cortex-a57", "cortex-a72", "max"};

struct Rig {
  std::unique_ptr<Machine> machine;
  std::optional<el2::fuzz::Snapshot> reset_state;
};

std::FILE* null_console() {
  static std::FILE* f = std::fopen("/dev/null", "w");
  return f;
}

// One machine per variant, rebuilt only when a core has stopped for good
// (semihosting exit, exception storm): a core's stop is final.
Machine& machine_for(unsigned variant) {
  static std::array<Rig, 16> rigs;
  Rig& rig = rigs[variant];
  if (rig.machine && rig.machine->cpu().stop_reason() != el2::StopReason::kNone)
    rig.machine.reset();
  if (!rig.machine) {
    el2::MachineConfig c;
    c.cpu = kModels[variant % 4];
    c.has_el2 = variant & 4;
    c.has_el3 = variant & 8;
    c.ram_base = kRamBase;
    c.ram_size = kRamSize;
    c.console = null_console();
    rig.machine = std::make_unique<Machine>(c);
    rig.reset_state.emplace(*rig.machine);
  }
  rig.reset_state->restore(*rig.machine);
  return *rig.machine;
}

uint64_t pointer_or_value(el2::fuzz_input::Reader& r, bool into_ram) {
  const uint64_t v = r.u64();
  return into_ram ? kRamBase + (v & (kRamSize - 1) & ~uint64_t{7}) : v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  el2::fuzz_input::Reader r(data, size);
  const unsigned variant = r.u8() % 16;
  Machine& m = machine_for(variant);
  Cpu& cpu = m.cpu();
  CpuState& s = cpu.state();
  const el2::CpuModel& model = m.model();
  const unsigned highest = model.has_el3 ? 3 : model.has_el2 ? 2 : 1;

  // System registers, as MSR leaves them (reserved bits keep their values).
  const auto& rows = el2::SysRegTable::instance().rows();
  for (unsigned n = r.u8() % 24; n; --n) {
    const el2::SysRegDef& def = *rows[r.u32() % rows.size()];
    const uint64_t v = r.u64();
    if (!def.field || !(def.rw & el2::kWrite) || !el2::sysreg_present(def, model)) continue;
    uint64_t& field = *def.field(s);
    field = (field & ~def.writable) | (v & def.writable);
  }
  s.sys.hcr_el2 &= ~uint64_t{1};  // Stage 2 (HCR_EL2.VM) stops the run: not the decoder's business.
  const uint8_t flags = r.u8();
  if (flags & 1)  // Vectors in RAM: exceptions run the input's words too.
    for (unsigned el = 1; el < 4; ++el) s.sys.vbar[el] = kRamBase + (r.u16() & 0xf800);

  for (uint64_t& x : s.x) x = pointer_or_value(r, flags & 2);
  for (uint64_t& sp : s.sp_el) sp = pointer_or_value(r, flags & 4);
  for (unsigned i = 0; i < 4; ++i) s.v[r.u8() % 32] = {r.u64(), r.u64()};

  const uint8_t p = r.u8();
  s.pstate.el = static_cast<uint8_t>(std::min<unsigned>(p & 3, highest));
  if (s.pstate.el == 2 && !model.has_el2) s.pstate.el = 1;
  s.pstate.sp = s.pstate.el ? (p >> 2) & 1 : 0;
  s.pstate.n = p & 0x10, s.pstate.z = p & 0x20, s.pstate.c = p & 0x40, s.pstate.v = p & 0x80;
  const uint8_t daif = r.u8();
  s.pstate.d = daif & 1, s.pstate.a = daif & 2, s.pstate.i = daif & 4, s.pstate.f = daif & 8;
  s.pc = kRamBase;

  const auto code = r.rest();
  m.memory().write_phys(kRamBase, code.data(), std::min<uint64_t>(code.size(), kRamSize));
  cpu.control_state_changed();

  for (unsigned n = 0; n < kMaxSteps; ++n) {
    cpu.step();
    const unsigned el = s.pstate.el;
    if (el > highest || (el == 2 && !model.has_el2) || (el == 3 && !model.has_el3)) {
      std::fprintf(stderr, "decoder_fuzzer: the core reached EL%u, which the machine lacks\n", el);
      std::abort();
    }
    if (cpu.stop_reason() != el2::StopReason::kNone || cpu.activity() != Cpu::Activity::kRunning)
      break;
  }
  return 0;
}
