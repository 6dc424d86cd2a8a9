// The register state the differential harness sets up in both engines and
// compares afterwards, the memory layout both engines share, and how a run
// ended. Shared by the el2emu runner, the Unicorn oracle and the comparator.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace el2::diff {

// Memory: a data window that load/store bases point into, and a code region
// whose last 2 KiB hold el2emu's VBAR_EL1 (never executed: each case runs
// until the first exception entry and stops). Both hold identical random bytes.
// The two regions are far apart so that offsets from a base in one never reach
// the other.
constexpr uint64_t kDataBase = 0x4001'0000;
constexpr uint64_t kDataSize = 0x1'0000;
constexpr uint64_t kCodeBase = 0x8000'0000;
constexpr uint64_t kCodeSize = 0x1'0000;
constexpr uint64_t kVbar = kCodeBase + kCodeSize - 0x800;
// Generated instructions live in [kCodeBase, kCodeLimit); the last slot before
// the vectors is reserved for the oracle's CLREX.
constexpr uint64_t kScratchPc = kVbar - 4;
constexpr uint64_t kCodeLimit = kScratchPc;

struct V128 {
  uint64_t lo = 0, hi = 0;
  bool operator==(const V128&) const = default;
};

struct ArchState {
  std::array<uint64_t, 31> x{};
  uint64_t sp = 0;  // SP_EL1 (both engines run at EL1h).
  uint64_t pc = 0;
  uint32_t nzcv = 0;  // Bits [31:28].
  std::array<V128, 32> v{};
  uint32_t fpcr = 0;
  uint32_t fpsr = 0;
};

// Writable FPCR/FPSR bits both engines implement (FPCR trap enables and the
// AArch32 Len/Stride fields are left at zero).
constexpr uint32_t kFpcrMask = 0x07C8'0000;  // AHP, DN, FZ, RMode, FZ16.
constexpr uint32_t kFpsrMask = 0xF800'009F;  // NZCV (AArch32), QC, IDC, IXC..IOC.

// A coarse exception class, the finest both engines report: Unicorn only says
// which QEMU exception number was raised (ESR_EL1 is not written), so el2emu's
// EC is mapped onto the same buckets.
enum class Trap : uint8_t {
  kNone,
  kUndef,  // EC 0x00 (and 0x07/0x0E/0x18, which QEMU also raises as EXCP_UDEF).
  kSvc,
  kHvc,
  kSmc,
  kBrk,
  kInsnAbort,  // Including PC alignment.
  kDataAbort,  // Including alignment faults and accesses to unmapped memory.
  kOther,
};

const char* trap_name(Trap t);

struct RunResult {
  ArchState state;  // Meaningful only when trap == kNone.
  Trap trap = Trap::kNone;
  std::string detail;  // Engine-specific description of the trap.
  uint32_t esr = 0;    // el2emu only: the syndrome.
};

}  // namespace el2::diff
