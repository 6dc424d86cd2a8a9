// What the cores of one machine share beyond memory: the global exclusive
// monitor (a store by one core clears other cores' reservations on that
// granule, Arm ARM B2.9.3) and Inner Shareable TLB maintenance, which acts on
// every core (D8.13 "TLB maintenance"). A machine with one core needs none.
#pragma once

#include <cstdint>
#include <vector>

namespace el2 {

class Cpu;

class CoreGroup {
 public:
  // The exclusives reservation granule: 64 bytes, as CTR_EL0.ERG = 4 reports
  // on the modelled cores.
  static constexpr uint64_t kGranule = 64;

  void add(Cpu* cpu) { cores_.push_back(cpu); }
  const std::vector<Cpu*>& cores() const { return cores_; }

  // A core armed its monitor: stores must now be checked against it.
  void monitor_armed() { monitors_may_be_armed_ = true; }
  bool monitors_may_be_armed() const { return monitors_may_be_armed_; }
  // `writer` stored `len` bytes at host address `host`: other cores whose
  // reservation covers any of those bytes' granules lose it.
  void store_hit(const Cpu* writer, const uint8_t* host, unsigned len);

 private:
  std::vector<Cpu*> cores_;
  bool monitors_may_be_armed_ = false;
};

}  // namespace el2
