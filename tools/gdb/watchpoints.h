// GDB watchpoints (Z2 write, Z3 read, Z4 access) on guest virtual addresses:
// each data access a core makes is compared, before any translation, with
// the watched ranges. A hit abandons the instruction (Cpu::abandon_insn), so
// the core stops before the access, as an AArch64 watchpoint does, and GDB
// steps over it itself (AArch64 watchpoints are "non-steppable" to GDB).
// While any watchpoint is set this is an AccessObserver on every core, so
// every access takes the slow path; with none it is detached and costs
// nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "platform/machine.h"

namespace el2::gdb {

class Watchpoints final : public AccessObserver {
 public:
  enum Kind : uint8_t { kWrite = 2, kRead = 3, kAccess = 4 };  // As in Z2/Z3/Z4.
  struct Hit {
    Kind kind;
    uint64_t addr;  // The data address inside the watched range (the stop reply's).
    unsigned core;
  };

  explicit Watchpoints(Machine& machine);
  ~Watchpoints() override;
  Watchpoints(const Watchpoints&) = delete;
  Watchpoints& operator=(const Watchpoints&) = delete;

  // False for an empty range. Setting the same watchpoint twice keeps one.
  bool insert(Kind kind, uint64_t addr, uint64_t len);
  bool remove(Kind kind, uint64_t addr, uint64_t len);
  void clear();
  bool empty() const { return set_.empty(); }

  // The hit that stopped a core since the last call, if any.
  std::optional<Hit> take_hit();
  // Lets `core`'s instruction number `insn_count` (the one that hit) make its
  // accesses once: a client that continues from a watchpoint stop without
  // stepping over it still makes progress.
  void pass_once(unsigned core, uint64_t insn_count);

  bool before_access(Cpu& cpu, uint64_t va, unsigned size, bool write) override;

 private:
  struct Range {
    Kind kind;
    uint64_t addr, len;
    bool operator==(const Range&) const = default;
  };
  void attach(bool on);

  Machine& machine_;
  std::vector<Range> set_;
  std::optional<Hit> hit_;
  std::vector<uint64_t> pass_;  // Per core: insn_count + 1 of the passed instruction, or 0.
};

}  // namespace el2::gdb
