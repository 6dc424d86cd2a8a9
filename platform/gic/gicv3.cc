// The GIC's core: construction, the interrupt wires, routing of SPIs and SGIs,
// and the per-core highest priority pending interrupt (HPPI) that drives the
// IRQ/FIQ inputs of each core.
#include "platform/gic/gicv3.h"

#include <bit>
#include <stdexcept>
#include <string>

#include "platform/gic/gicv3_regs.h"

namespace el2 {

using gic::IrqBank;

// The two MMIO windows forward to the GIC, which decodes the offsets.
class GicV3::DistributorWindow : public MmioDevice {
 public:
  explicit DistributorWindow(GicV3& g) : gic_(g) {}
  std::string name() const override { return "gicv3-distributor"; }
  bool read(uint64_t offset, unsigned size, uint64_t& value) override {
    return gic_.dist_read(offset, size, value);
  }
  bool write(uint64_t offset, unsigned size, uint64_t value) override {
    return gic_.dist_write(offset, size, value);
  }

 private:
  GicV3& gic_;
};

class GicV3::RedistributorWindow : public MmioDevice {
 public:
  explicit RedistributorWindow(GicV3& g) : gic_(g) {}
  std::string name() const override { return "gicv3-redistributors"; }
  bool read(uint64_t offset, unsigned size, uint64_t& value) override {
    return gic_.redist_read(offset, size, value);
  }
  bool write(uint64_t offset, unsigned size, uint64_t value) override {
    return gic_.redist_write(offset, size, value);
  }

 private:
  GicV3& gic_;
};

namespace {

// Aff3.Aff2.Aff1.Aff0 from MPIDR_EL1 (Aff0-2 in [23:0], Aff3 in [39:32]).
uint32_t affinity_of(uint64_t mpidr) {
  return static_cast<uint32_t>((mpidr & 0xFF'FFFF) | ((mpidr >> 32) & 0xFF) << 24);
}

}  // namespace

GicV3::GicV3(std::vector<Cpu*> cores, unsigned num_spis) : num_spis_(num_spis) {
  if (cores.empty()) throw std::invalid_argument("GICv3: no cores");
  if (num_spis > kMaxSpis) throw std::invalid_argument("GICv3: more than 988 SPIs");
  for (Cpu* cpu : cores) {
    if (!cpu) throw std::invalid_argument("GICv3: null core");
    Core c;
    c.cpu = cpu;
    c.affinity = affinity_of(cpu->mpidr());
    cores_.push_back(c);
  }
  spis_.resize((num_spis + 31) / 32);
  irouter_.resize(num_spis);
  dist_dev_ = std::make_unique<DistributorWindow>(*this);
  redist_dev_ = std::make_unique<RedistributorWindow>(*this);
  reset();
  for (Core& c : cores_) c.cpu->set_gic(this);
}

GicV3::~GicV3() {
  for (Core& c : cores_) {
    if (c.cpu->gic() != this) continue;
    c.cpu->set_gic(nullptr);
    c.cpu->set_interrupt_line(Cpu::kLineIrq, false);
    c.cpu->set_interrupt_line(Cpu::kLineFiq, false);
  }
}

// Reset values (IHI 0069 register descriptions): everything disabled, Group 0,
// priority 0, level-sensitive, routed to affinity 0.0.0.0; SGIs are always
// edge-triggered. Redistributors come out of reset asleep
// (GICR_WAKER.ProcessorSleep = 1). ICC_SRE_EL2/EL3.Enable reset to an UNKNOWN
// value; 1 is chosen so that lower ELs may use the system-register interface
// without EL3 firmware having set it.
void GicV3::reset() {
  grp0_enabled_ = grp1_enabled_ = false;
  for (IrqBank& b : spis_) {
    const uint32_t level = b.level;  // Wires keep their state across a reset.
    b = IrqBank{};
    b.level = level;
  }
  for (uint64_t& r : irouter_) r = 0;
  for (Core& c : cores_) {
    Cpu* cpu = c.cpu;
    const uint32_t affinity = c.affinity;
    const uint32_t level = c.priv.level;
    c = Core{};
    c.cpu = cpu;
    c.affinity = affinity;
    c.priv.level = level;
    c.priv.edge = 0xFFFF;  // SGIs.
    c.bpr0 = gic::kMinBpr0;
    c.bpr1 = gic::kMinBpr1;
  }
  update();
}

GicV3::Core* GicV3::core_of(const Cpu& cpu) {
  for (Core& c : cores_)
    if (c.cpu == &cpu) return &c;
  return nullptr;
}

IrqBank* GicV3::spi_bank(unsigned n) {
  return n >= 1 && n - 1 < spis_.size() ? &spis_[n - 1] : nullptr;
}

// Bits of bank n that are implemented SPIs (the last bank may be partial).
uint32_t GicV3::spi_implemented(unsigned n) const {
  if (n < 1 || n - 1 >= spis_.size()) return 0;
  const unsigned first = 32 * n, end = gic::kFirstSpi + num_spis_;
  if (end >= first + 32) return ~0u;
  return (1u << (end - first)) - 1;
}

void GicV3::set_spi(unsigned intid, bool level) {
  if (intid < gic::kFirstSpi || intid >= gic::kFirstSpi + num_spis_) return;
  spis_[intid / 32 - 1].drive(intid % 32, level);
  update();
}

void GicV3::set_ppi(unsigned core, unsigned intid, bool level) {
  if (core >= cores_.size() || intid < gic::kFirstPpi || intid >= gic::kFirstSpi) return;
  cores_[core].priv.drive(intid, level);
  update();
}

// A group is forwarded to a core only while enabled both in GICD_CTLR and in
// the core's ICC_IGRPEN<n>_EL1: the CPU interface reports its enables to the
// redistributor, which then picks the HPPI among enabled groups only.
bool GicV3::group_enabled(const Core& c, bool group1) const {
  return group1 ? grp1_enabled_ && c.igrpen1 : grp0_enabled_ && c.igrpen0;
}

// The core an SPI is delivered to, or cores_.size() for none. IRM = 0 names
// one core by affinity (no match: the SPI stays pending). IRM = 1 asks for
// 1-of-N distribution, where the GIC may pick any participating core (IHI
// 0069, "Routing SPIs and SGIs by PE affinity"): el2emu picks the lowest-
// numbered core that is awake and has the SPI's group enabled, so that runs
// are deterministic.
unsigned GicV3::spi_target(unsigned intid, bool group1) const {
  const uint64_t r = irouter_[intid - gic::kFirstSpi];
  const unsigned n = static_cast<unsigned>(cores_.size());
  if (r & gic::kIrouterIrm) {
    for (unsigned i = 0; i < n; ++i)
      if (!cores_[i].processor_sleep && group_enabled(cores_[i], group1)) return i;
    return n;
  }
  const uint32_t aff = static_cast<uint32_t>((r & 0xFF'FFFF) | ((r >> 32) & 0xFF) << 24);
  for (unsigned i = 0; i < n; ++i)
    if (cores_[i].affinity == aff) return i;
  return n;
}

// The highest priority pending interrupt a core's redistributor forwards:
// pending, enabled, not active, of an enabled group and (for SPIs) routed to
// the core; the lowest priority value wins, then the lowest INTID. Nothing is
// forwarded while the redistributor is asleep (IHI 0069, GICR_WAKER.
// ProcessorSleep: interrupts "are held in the pending state" there).
GicV3::Hppi GicV3::compute_hppi(unsigned index) const {
  const Core& c = cores_[index];
  Hppi best;
  if (c.processor_sleep) return best;
  const uint32_t g1 = group_enabled(c, true) ? ~0u : 0;
  const uint32_t g0 = group_enabled(c, false) ? ~0u : 0;
  auto consider = [&](const IrqBank& b, unsigned base, bool spi) {
    uint32_t cand = b.pending() & b.enabled & ~b.active & ((b.group & g1) | (~b.group & g0));
    while (cand) {
      const unsigned bit = static_cast<unsigned>(std::countr_zero(cand));
      cand &= cand - 1;
      const bool group1 = (b.group >> bit) & 1;
      if (spi && spi_target(base + bit, group1) != index) continue;
      // Ascending INTID order: on equal priority the lower INTID stays.
      if (!best.valid() || b.priority[bit] < best.priority)
        best = {base + bit, b.priority[bit], group1};
    }
  };
  consider(c.priv, 0, false);
  for (unsigned n = 1; n <= spis_.size(); ++n) consider(spis_[n - 1], 32 * n, true);
  return best;
}

void GicV3::update() {
  for (unsigned i = 0; i < cores_.size(); ++i) {
    Core& c = cores_[i];
    c.hppi = compute_hppi(i);
    const bool signal = can_signal(c);
    c.cpu->set_interrupt_line(Cpu::kLineIrq, signal && c.hppi.group1);
    c.cpu->set_interrupt_line(Cpu::kLineFiq, signal && !c.hppi.group1);
  }
}

// A write to ICC_SGI0R_EL1, ICC_SGI1R_EL1 or ICC_ASGI1R_EL1: TargetList
// [15:0], Aff1 [23:16], INTID [27:24], Aff2 [39:32], IRM [40], RS [47:44], Aff3
// [55:48]; RS is RES0 because ICC_CTLR_EL1.RSS = 0. `any_group`: whether the
// SGI is set pending at a target whatever its group there. With GICD_CTLR.DS =
// 1 (IHI 0069, "Forwarding an SGI to a target PE") that holds for SGI1R; SGI0R,
// and ASGI1R (there is no other Security state), only reach a Group 0 SGI. The
// caller updates the outputs.
void GicV3::send_sgi(Core& from, uint64_t value, bool any_group) {
  const unsigned intid = (value >> 24) & 0xF;
  const bool irm = (value >> 40) & 1;
  const uint32_t cluster = static_cast<uint32_t>(
      ((value >> 16) & 0xFF) << 8 | ((value >> 32) & 0xFF) << 16 | ((value >> 48) & 0xFF) << 24);
  const uint32_t targets = value & 0xFFFF;
  for (Core& c : cores_) {
    if (irm) {
      if (&c == &from) continue;
    } else {
      const uint32_t aff0 = c.affinity & 0xFF;
      if ((c.affinity & ~0xFFu) != cluster || aff0 >= 16 || !((targets >> aff0) & 1)) continue;
    }
    if (!any_group && ((c.priv.group >> intid) & 1)) continue;
    c.priv.latch |= 1u << intid;
  }
}

}  // namespace el2
