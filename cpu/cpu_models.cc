#include "cpu/cpu_model.h"

namespace el2 {

namespace {

// Values from the Cortex-A53 (r0p4), Cortex-A57 (r1p0) and Cortex-A72 (r0p3)
// Technical Reference Manuals, "AArch64 identification registers", for the
// configuration without the optional Cryptography Extension (el2emu does not
// implement AES/SHA), and with the GICv3 system-register interface
// (ID_AA64PFR0_EL1.GIC = 1) because the virt board has a GICv3.
//   PFR0 0x01002222: EL0-EL3 support AArch64 and AArch32, FP and AdvSIMD present.
//   ISAR0 0x00010000: CRC32 only.
//   MMFR0: PARange 40 bits (A53: 0x2) or 44 bits (A57/A72: 0x4), 16-bit ASIDs,
//   4 KiB and 64 KiB granules; TGran16 = 0 (16 KiB granule not supported).
const CpuModel kModels[] = {
    {.name = "cortex-a53",
     .pa_bits = 40,
     .midr = 0x410FD034,
     .ctr = 0x84448004,
     .clidr = 0x0A200023,
     .id_aa64pfr0 = 0x01002222,
     .id_aa64dfr0 = 0x10305106,
     .id_aa64isar0 = 0x00010000,
     .id_aa64mmfr0 = 0x00001122},
    {.name = "cortex-a57",
     .pa_bits = 44,
     .midr = 0x411FD070,
     .ctr = 0x8444C004,
     .clidr = 0x0A200023,
     .id_aa64pfr0 = 0x01002222,
     .id_aa64dfr0 = 0x10305106,
     .id_aa64isar0 = 0x00010000,
     .id_aa64mmfr0 = 0x00001124},
    {.name = "cortex-a72",
     .pa_bits = 44,
     .midr = 0x410FD083,
     .ctr = 0x8444C004,
     .clidr = 0x0A200023,
     .id_aa64pfr0 = 0x01002222,
     .id_aa64dfr0 = 0x10305106,
     .id_aa64isar0 = 0x00010000,
     .id_aa64mmfr0 = 0x00001124},
    // Everything el2emu implements: AArch64-only ELs, LSE atomics, CRC32, PAN,
    // 48-bit PA, 4/16/64 KiB granules. (VHE is advertised once the EL2&0
    // regime and the _EL12/_EL02 redirection exist: issue F4.)
    {.name = "max",
     .lse = true,
     .pan = true,
     .pa_bits = 48,
     .midr = 0x411FD070,
     .ctr = 0x8444C004,
     .clidr = 0x0A200023,
     .id_aa64pfr0 = 0x01001111,
     .id_aa64dfr0 = 0x10305106,
     .id_aa64isar0 = 0x00210000,
     .id_aa64mmfr0 = 0x00100025,
     .id_aa64mmfr1 = 0x00100000},
};

}  // namespace

const CpuModel* find_cpu_model(std::string_view name) {
  for (const auto& m : kModels)
    if (m.name == name) return &m;
  return nullptr;
}

std::vector<std::string> cpu_model_names() {
  std::vector<std::string> names;
  for (const auto& m : kModels) names.push_back(m.name);
  return names;
}

}  // namespace el2
