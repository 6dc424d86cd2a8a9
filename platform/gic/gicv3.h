// A GICv3 interrupt controller (Arm IHI 0069) as on QEMU's `virt` board
// without security: one distributor, one redistributor per core and the
// system-register CPU interface of every core.
//
// Modelled: a single Security state (GICD_CTLR.DS = 1, GICD_TYPER.SecurityExtn
// = 0): Group 0 interrupts signal FIQ, Group 1 interrupts IRQ. Affinity routing
// is always on (ARE = 1). SGIs, PPIs, up to 988 SPIs; edge and level inputs;
// priorities with 5 bits (32 levels), the binary points, active priorities,
// EOImode 0/1; GICR_WAKER gates delivery; SGIs from ICC_SGI0R/SGI1R/ASGI1R.
// The hypervisor registers (ICH_*) store and compute their values but no
// virtual interrupt is ever delivered.
//
// Not modelled: LPIs and ITS (GICD_TYPER.LPIS = 0), the memory-mapped CPU
// interface (GICC), message-based SPIs, extended SPI/PPI ranges, the Secure
// copies of the banked ICC_*_EL1 registers (one copy, the Non-secure one),
// maintenance interrupts, and the virtual CPU interface (ICV_*: an EL1 access
// that would reach it stops the run, see cpu/sysregs/gic_regs.cc).
//
// Every change that can alter what a core sees recomputes that core's highest
// priority pending interrupt and drives its IRQ/FIQ inputs at once.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "cpu/cpu.h"
#include "cpu/gic_cpu_interface.h"
#include "platform/gic/gicv3_regs.h"
#include "platform/gic/irq_bank.h"
#include "platform/memory_map.h"

namespace el2 {

class GicV3 : public GicCpuInterface {
 public:
  static constexpr uint64_t kDistributorSize = 0x10000;
  static constexpr uint64_t kRedistributorStride = 0x20000;  // RD_base + SGI_base.
  static constexpr unsigned kMaxSpis = 988;                  // INTIDs 32..1019.

  // Attaches itself as the CPU interface of every core (Cpu::set_gic) and
  // detaches on destruction, so it must not outlive the cores. Core i's
  // redistributor is frame pair i; its affinity is the core's MPIDR. Throws
  // std::invalid_argument for no cores or more than kMaxSpis SPIs.
  explicit GicV3(std::vector<Cpu*> cores, unsigned num_spis = 256);
  ~GicV3() override;
  GicV3(const GicV3&) = delete;
  GicV3& operator=(const GicV3&) = delete;

  // The GICD frame (map kDistributorSize bytes; on virt at 0x08000000) and the
  // redistributor region (map at least redistributors_size(); on virt at
  // 0x080A0000). Offsets past the last core's frames read as zero.
  MmioDevice& distributor() { return *dist_dev_; }
  MmioDevice& redistributors() { return *redist_dev_; }
  uint64_t redistributors_size() const { return cores_.size() * kRedistributorStride; }

  // Interrupt inputs (level-sensitive wires; an edge-triggered interrupt
  // latches on the rising edge). INTIDs outside the implemented range, and
  // cores that do not exist, are ignored.
  void set_spi(unsigned intid, bool level);                 // 32 .. 31 + num_spis
  void set_ppi(unsigned core, unsigned intid, bool level);  // 16 .. 31

  unsigned num_spis() const { return num_spis_; }
  unsigned num_cores() const { return static_cast<unsigned>(cores_.size()); }
  // Back to the reset state (every interrupt disabled, redistributors asleep).
  void reset();

  // GicCpuInterface: the ICC_* and ICH_* registers of `cpu`.
  uint64_t read(Cpu& cpu, GicReg reg) override;
  void write(Cpu& cpu, GicReg reg, uint64_t value) override;

 private:
  class DistributorWindow;  // The MmioDevices (gicv3.cc).
  class RedistributorWindow;

  struct Hppi {
    unsigned intid = gic::kSpurious;
    uint8_t priority = 0xFF;
    bool group1 = false;
    bool valid() const { return intid != gic::kSpurious; }
  };
  struct Ich {  // The hypervisor control registers (stored, not acted on).
    uint64_t hcr = 0, vmcr = 0, ap0r = 0, ap1r = 0;
    std::array<uint64_t, kIchListRegs> lr{};
  };
  struct Core {
    Cpu* cpu = nullptr;
    uint32_t affinity = 0;  // Aff3.Aff2.Aff1.Aff0, the GICR_TYPER[63:32] layout.
    gic::IrqBank priv;      // SGIs and PPIs.
    bool processor_sleep = true;
    // CPU interface.
    uint8_t pmr = 0;
    uint8_t bpr0 = 0, bpr1 = 0;
    bool igrpen0 = false, igrpen1 = false;
    bool cbpr = false, eoimode = false, pmhe = false;  // ICC_CTLR_EL1.
    bool eoimode_el3 = false;
    uint32_t ctlr_el3_secure = 0;  // ICC_CTLR_EL3.{CBPR,EOImode}_EL1S: stored only.
    bool igrpen1_secure = false;   // ICC_IGRPEN1_EL3.EnableGrp1S: stored only.
    bool sre_el2_enable = true, sre_el3_enable = true;
    uint32_t ap0r = 0, ap1r = 0;  // Active priorities, one bit per group priority.
    Ich ich;
    Hppi hppi;
  };

  // gicv3.cc: routing, highest priority pending interrupt, output lines.
  Core* core_of(const Cpu& cpu);
  gic::IrqBank* spi_bank(unsigned n);  // Bank n covers INTIDs 32n..32n+31 (n >= 1).
  uint32_t spi_implemented(unsigned n) const;
  unsigned spi_target(unsigned intid, bool group1) const;
  void update();  // Recomputes every core's HPPI and drives its IRQ/FIQ lines.
  Hppi compute_hppi(unsigned core) const;
  bool group_enabled(const Core& c, bool group1) const;
  void send_sgi(Core& from, uint64_t value, bool any_group);

  // gicv3_cpu_interface.cc: priorities and the acknowledge/EOI flow.
  uint8_t running_priority(const Core& c) const;
  uint8_t group_priority(const Core& c, uint8_t priority, bool group1) const;
  bool can_signal(const Core& c) const;
  uint64_t acknowledge(Core& c, bool group1);
  void end_of_interrupt(Core& c, uint64_t value, bool group1);
  void deactivate(Core& c, unsigned intid);
  bool eoimode_now(const Core& c) const;
  uint64_t read_icc(Core& c, GicReg reg);
  void write_icc(Core& c, GicReg reg, uint64_t value);

  // gicv3_hyp.cc: ICH_* registers.
  uint64_t read_ich(const Core& c, GicReg reg) const;
  void write_ich(Core& c, GicReg reg, uint64_t value);

  // gicv3_distributor.cc / gicv3_redistributor.cc: the register files.
  bool dist_read(uint64_t offset, unsigned size, uint64_t& value);
  bool dist_write(uint64_t offset, unsigned size, uint64_t value);
  bool redist_read(uint64_t offset, unsigned size, uint64_t& value);
  bool redist_write(uint64_t offset, unsigned size, uint64_t value);
  uint32_t dist_read32(uint64_t offset);
  void dist_write32(uint64_t offset, uint32_t value);
  uint32_t rd_read32(Core& c, unsigned index, uint64_t offset);
  void rd_write32(Core& c, uint64_t offset, uint32_t value);
  uint32_t sgi_read32(Core& c, uint64_t offset);
  void sgi_write32(Core& c, uint64_t offset, uint32_t value);

  std::vector<Core> cores_;
  unsigned num_spis_ = 0;
  bool grp0_enabled_ = false, grp1_enabled_ = false;  // GICD_CTLR.EnableGrp0/1.
  std::vector<gic::IrqBank> spis_;                    // spis_[n - 1] is bank n.
  std::vector<uint64_t> irouter_;                     // Indexed by INTID - 32.
  std::unique_ptr<MmioDevice> dist_dev_, redist_dev_;
};

}  // namespace el2
