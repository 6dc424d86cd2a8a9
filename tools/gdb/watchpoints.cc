#include "tools/gdb/watchpoints.h"

#include <algorithm>

namespace el2::gdb {

Watchpoints::Watchpoints(Machine& machine) : machine_(machine), pass_(machine.core_count(), 0) {}

Watchpoints::~Watchpoints() { clear(); }

void Watchpoints::attach(bool on) {
  for (unsigned i = 0; i < machine_.core_count(); ++i) {
    if (on)
      machine_.cpu(i).add_access_observer(this);
    else
      machine_.cpu(i).remove_access_observer(this);
  }
}

bool Watchpoints::insert(Kind kind, uint64_t addr, uint64_t len) {
  if (len == 0) return false;
  const Range r{kind, addr, len};
  if (std::find(set_.begin(), set_.end(), r) != set_.end()) return true;
  if (set_.empty()) attach(true);
  set_.push_back(r);
  return true;
}

bool Watchpoints::remove(Kind kind, uint64_t addr, uint64_t len) {
  const auto it = std::find(set_.begin(), set_.end(), Range{kind, addr, len});
  if (it == set_.end()) return false;
  set_.erase(it);
  if (set_.empty()) attach(false);
  return true;
}

void Watchpoints::clear() {
  if (!set_.empty()) attach(false);
  set_.clear();
  hit_.reset();
}

std::optional<Watchpoints::Hit> Watchpoints::take_hit() {
  std::optional<Hit> h;
  h.swap(hit_);
  return h;
}

void Watchpoints::pass_once(unsigned core, uint64_t insn_count) { pass_.at(core) = insn_count + 1; }

bool Watchpoints::before_access(Cpu& cpu, uint64_t va, unsigned size, bool write) {
  const unsigned core = cpu.core_index();
  if (pass_[core] == cpu.insn_count() + 1) return true;
  for (const Range& r : set_) {
    if (r.kind == kWrite && !write) continue;
    if (r.kind == kRead && write) continue;
    // Overlap of [va, va + size) and [addr, addr + len), without overflow.
    if (va - r.addr >= r.len && r.addr - va >= size) continue;
    hit_ = Hit{r.kind, std::max(va, r.addr), core};
    return false;
  }
  return true;
}

}  // namespace el2::gdb
