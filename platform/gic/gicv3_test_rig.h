// Shared set-up for the GIC tests: real cores (Cortex-A57 model) with a GICv3
// attached, and helpers that drive the distributor and redistributors through
// their MMIO interfaces and the CPU interface through GicCpuInterface, as the
// system-register table would.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "cpu/cpu.h"
#include "platform/gic/gicv3.h"
#include "platform/gic/gicv3_regs.h"

namespace el2::gic {

struct GicRig {
  MemoryMap mem;
  std::vector<std::unique_ptr<Cpu>> cores;
  std::unique_ptr<GicV3> gic;

  explicit GicRig(unsigned ncores = 1, unsigned num_spis = 256) {
    mem.add_ram("ram", 0x4000'0000, 1 << 20);
    const CpuModel& m = *find_cpu_model("cortex-a57");
    std::vector<Cpu*> raw;
    for (unsigned i = 0; i < ncores; ++i) {
      cores.push_back(std::make_unique<Cpu>(m, mem, i));
      cores.back()->state().pstate.el = 1;
      raw.push_back(cores.back().get());
    }
    gic = std::make_unique<GicV3>(raw, num_spis);
  }

  Cpu& cpu(unsigned i = 0) { return *cores[i]; }
  bool irq(unsigned i = 0) { return cores[i]->interrupt_lines() & Cpu::kLineIrq; }
  bool fiq(unsigned i = 0) { return cores[i]->interrupt_lines() & Cpu::kLineFiq; }

  // MMIO, 32-bit unless a size is given. CHECKs that the access is decoded.
  uint64_t gicd_read(uint64_t off, unsigned size = 4) {
    uint64_t v = 0;
    CHECK(gic->distributor().read(off, size, v));
    return v;
  }
  void gicd_write(uint64_t off, uint64_t v, unsigned size = 4) {
    CHECK(gic->distributor().write(off, size, v));
  }
  // Redistributor of core `i`: RD_base frame, and SGI_base frame.
  uint64_t rd_read(unsigned i, uint64_t off, unsigned size = 4) {
    uint64_t v = 0;
    CHECK(gic->redistributors().read(i * kRedistStride + off, size, v));
    return v;
  }
  void rd_write(unsigned i, uint64_t off, uint64_t v) {
    CHECK(gic->redistributors().write(i * kRedistStride + off, 4, v));
  }
  uint64_t sgi_read(unsigned i, uint64_t off) { return rd_read(i, kFrameSize + off); }
  void sgi_write(unsigned i, uint64_t off, uint64_t v) { rd_write(i, kFrameSize + off, v); }

  // The CPU interface of core `i`.
  uint64_t icc(unsigned i, GicReg r) { return gic->read(cpu(i), r); }
  void icc(unsigned i, GicReg r, uint64_t v) { gic->write(cpu(i), r, v); }

  // The usual bring-up, as Linux does it: distributor groups on, every
  // redistributor awake, every CPU interface with both groups enabled and the
  // priority mask fully open.
  void bring_up() {
    gicd_write(kGicdCtlr, kCtlrEnableGrp0 | kCtlrEnableGrp1 | kCtlrAre);
    for (unsigned i = 0; i < cores.size(); ++i) {
      rd_write(i, kGicrWaker, 0);
      icc(i, GicReg::kIccPmrEl1, 0xFF);
      icc(i, GicReg::kIccIgrpen0El1, 1);
      icc(i, GicReg::kIccIgrpen1El1, 1);
    }
  }

  // SPI `intid`: Group 1, enabled, priority `prio`, routed to core `core`.
  void setup_spi(unsigned intid, uint8_t prio, unsigned core = 0, bool group1 = true) {
    const uint64_t word = 4 * (intid / 32);
    const uint32_t bit = 1u << (intid % 32);
    const uint32_t groups = static_cast<uint32_t>(gicd_read(kGicdIgroupr + word));
    gicd_write(kGicdIgroupr + word, group1 ? groups | bit : groups & ~bit);
    gicd_write(kGicdIpriorityr + intid, prio, 1);
    gicd_write(kGicdIrouter + 8 * intid, core, 8);
    gicd_write(kGicdIsenabler + word, bit);
  }
  // SGI/PPI `intid` of core `core`: group, enabled, priority.
  void setup_private(unsigned core, unsigned intid, uint8_t prio, bool group1 = true) {
    const uint32_t bit = 1u << intid;
    const uint32_t groups = static_cast<uint32_t>(sgi_read(core, kGicrIgroupr0));
    sgi_write(core, kGicrIgroupr0, group1 ? groups | bit : groups & ~bit);
    uint64_t v = 0;
    CHECK(gic->redistributors().read(core * kRedistStride + kFrameSize + 0x400 + (intid & ~3u), 4,
                                     v));
    v &= ~(0xFFull << (8 * (intid % 4)));
    v |= uint64_t{prio} << (8 * (intid % 4));
    sgi_write(core, 0x400 + (intid & ~3u), v);
    sgi_write(core, 0x100, bit);  // GICR_ISENABLER0
  }
};

}  // namespace el2::gic
