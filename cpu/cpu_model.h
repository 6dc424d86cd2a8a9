// What a CPU model implements. Models are data (cpu/cpu_models.cc); the rest of
// the emulator asks these fields instead of hard-coding a core.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace el2 {

struct CpuModel {
  std::string name;
  // Exception levels implemented (EL0 and EL1 always are).
  bool has_el2 = true;
  bool has_el3 = true;
  // Architecture features.
  bool lse = false;    // FEAT_LSE: ARMv8.1 atomics.
  bool pan = false;    // FEAT_PAN.
  bool vhe = false;    // FEAT_VHE: HCR_EL2.E2H.
  bool crc32 = true;   // FEAT_CRC32.
  bool fp = true;      // FP and AdvSIMD.
  unsigned pa_bits = 40;
  // Identification registers (values from each core's Technical Reference
  // Manual). ID_AA64PFR0_EL1's EL2/EL3 fields are overridden at read time when
  // the machine is configured without those ELs.
  uint64_t midr = 0;
  uint64_t revidr = 0;
  uint64_t ctr = 0;
  uint64_t dczid = 0x4;  // DC ZVA block: 4 << 4 words = 64 bytes.
  uint64_t clidr = 0;
  uint64_t aidr = 0;
  uint64_t id_aa64pfr0 = 0;
  uint64_t id_aa64pfr1 = 0;
  uint64_t id_aa64dfr0 = 0;
  uint64_t id_aa64isar0 = 0;
  uint64_t id_aa64isar1 = 0;
  uint64_t id_aa64mmfr0 = 0;
  uint64_t id_aa64mmfr1 = 0;
  uint64_t id_aa64mmfr2 = 0;
};

// The built-in models: cortex-a53, cortex-a57, cortex-a72, max.
const CpuModel* find_cpu_model(std::string_view name);
std::vector<std::string> cpu_model_names();

}  // namespace el2
