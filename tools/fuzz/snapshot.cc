#include "tools/fuzz/snapshot.h"

#include <cstring>
#include <stdexcept>

namespace el2::fuzz {

Snapshot::Snapshot(Machine& m) {
  for (unsigned i = 0; i < m.core_count(); ++i) {
    const Cpu& c = m.cpu(i);
    Core core{c.state(), c.activity(), c.event_register()};
    core.state.monitor = ExclusiveMonitor{};
    cores_.push_back(core);
    walks_.push_back(~uint64_t{0});  // Unknown: the first restore empties the TLB.
  }
  for (const RamRegion& r : m.memory().ram_regions()) ram_.emplace_back(r.host, r.host + r.size);
}

void Snapshot::restore(Machine& m) {
  const auto& regions = m.memory().ram_regions();
  if (regions.size() != ram_.size() || m.core_count() != cores_.size())
    throw std::logic_error("snapshot restored into a machine of another shape");
  for (size_t i = 0; i < regions.size(); ++i) {
    if (regions[i].size != ram_[i].size())
      throw std::logic_error("snapshot restored into a machine of another shape");
    std::memcpy(regions[i].host, ram_[i].data(), ram_[i].size());
  }
  for (unsigned i = 0; i < cores_.size(); ++i) {
    Cpu& c = m.cpu(i);
    c.state() = cores_[i].state;
    c.set_activity(cores_[i].activity);
    c.set_event_register(cores_[i].event);
    // TLB entries only come from walks: with none since the last restore,
    // there is nothing to invalidate (and a full TLBI costs more than a run).
    if (c.table_walks() != walks_[i]) {
      for (mmu::Regime r :
           {mmu::Regime::kEl10, mmu::Regime::kEl20, mmu::Regime::kEl2, mmu::Regime::kEl3})
        c.tlb_invalidate(mmu::TlbiScope{.regime = r, .all_vmids = true});
      walks_[i] = c.table_walks();
    }
    c.control_state_changed();
  }
}

}  // namespace el2::fuzz
