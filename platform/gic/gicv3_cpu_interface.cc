// The physical CPU interface (the ICC_* system registers): priority masking,
// preemption through the binary points and active priorities, acknowledge,
// priority drop and deactivation (IHI 0069, "Interrupt prioritization" and
// "Interrupt lifecycle"). Access checks and traps are made beforehand by the
// system-register table (cpu/sysregs/gic_regs.cc).
#include <algorithm>
#include <bit>

#include "platform/gic/gicv3.h"
#include "platform/gic/gicv3_regs.h"

namespace el2 {

namespace {

// ICC_CTLR_EL1/EL3 read-only fields: PRIbits [10:8] = priority bits - 1,
// IDbits [13:11] = 0 (16-bit INTIDs), SEIS [14] = 0, A3V [15] = 1, RSS [18] =
// 0 (SGI targets Aff0 0..15 only); ICC_CTLR_EL3.nDS [17] = 0.
constexpr uint64_t kCtlrFixed = (uint64_t{gic::kPriBits - 1} << 8) | (1ull << 15);

unsigned intid_of(uint64_t value) { return static_cast<unsigned>(value & 0xFF'FFFF); }

}  // namespace

// The running priority is the group priority of the highest active priority
// bit (lowest set bit of AP0R|AP1R); idle is 0xFF. With 5 preemption bits APR
// bit n stands for group priority n << 3.
uint8_t GicV3::running_priority(const Core& c) const {
  const uint32_t bits = c.ap0r | c.ap1r;
  if (!bits) return gic::kIdlePriority;
  return static_cast<uint8_t>(std::countr_zero(bits) << (8 - gic::kPriBits));
}

// The group priority field is [7:BPR0+1] for Group 0 (and for Group 1 when
// ICC_CTLR_EL1.CBPR = 1) and [7:BPR1] for Group 1 (IHI 0069, "Priority
// grouping").
uint8_t GicV3::group_priority(const Core& c, uint8_t priority, bool group1) const {
  const unsigned shift = (!group1 || c.cbpr) ? c.bpr0 + 1u : c.bpr1;
  return static_cast<uint8_t>(priority & (0xFFu << shift));
}

// The HPPI is signalled when its priority is higher (numerically lower) than
// the priority mask and its group priority higher than the running priority,
// i.e. it may preempt whatever the core is handling.
bool GicV3::can_signal(const Core& c) const {
  return c.hppi.valid() && c.hppi.priority < c.pmr &&
         group_priority(c, c.hppi.priority, c.hppi.group1) < running_priority(c);
}

// ICC_IAR0/1_EL1: acknowledges the signalled interrupt if it belongs to the
// register's group; otherwise returns 1023. The interrupt becomes active (a
// level-sensitive one whose input is still high stays pending as well) and
// its group priority is marked in the active priority registers.
uint64_t GicV3::acknowledge(Core& c, bool group1) {
  if (!can_signal(c) || c.hppi.group1 != group1) return gic::kSpurious;
  const unsigned intid = c.hppi.intid;
  gic::IrqBank& b = intid < gic::kFirstSpi ? c.priv : *spi_bank(intid / 32);
  const uint32_t m = 1u << (intid % 32);
  b.active |= m;
  b.latch &= ~m;
  const unsigned level = group_priority(c, c.hppi.priority, group1) >> (8 - gic::kPriBits);
  (group1 ? c.ap1r : c.ap0r) |= 1u << level;
  update();
  return intid;
}

// EOImode applies per EL: ICC_CTLR_EL3.EOImode_EL3 at EL3, the (Non-secure)
// ICC_CTLR_EL1.EOImode at EL2 and EL1.
bool GicV3::eoimode_now(const Core& c) const {
  return c.cpu->state().pstate.el == 3 ? c.eoimode_el3 : c.eoimode;
}

// ICC_EOIR0/1_EL1: priority drop of the highest active priority, and with
// EOImode = 0 deactivation of the INTID written. Software must EOI in
// acknowledge order (IHI 0069: otherwise UNPREDICTABLE); el2emu ignores a
// write whose group does not hold the highest active priority, and writes of
// the special INTIDs 1020-1023.
void GicV3::end_of_interrupt(Core& c, uint64_t value, bool group1) {
  const unsigned intid = intid_of(value);
  if (intid >= gic::kFirstSpecial && intid <= gic::kSpurious) return;
  const uint32_t highest = (c.ap0r | c.ap1r) & -(c.ap0r | c.ap1r);
  if (!highest) return;
  uint32_t& apr = (c.ap0r & highest) ? c.ap0r : c.ap1r;
  if ((&apr == &c.ap1r) != group1) return;
  apr &= ~highest;
  if (!eoimode_now(c)) deactivate(c, intid);
}

void GicV3::deactivate(Core& c, unsigned intid) {
  const uint32_t m = 1u << (intid % 32);
  if (intid < gic::kFirstSpi)
    c.priv.active &= ~m;
  else if (gic::IrqBank* b = spi_bank(intid / 32))
    b->active &= ~(m & spi_implemented(intid / 32));
}

uint64_t GicV3::read_icc(Core& c, GicReg reg) {
  switch (reg) {
    case GicReg::kIccPmrEl1:
      return c.pmr;
    case GicReg::kIccIar0El1:
      return acknowledge(c, false);
    case GicReg::kIccIar1El1:
      return acknowledge(c, true);
    case GicReg::kIccHppir0El1:
      return c.hppi.valid() && !c.hppi.group1 ? c.hppi.intid : gic::kSpurious;
    case GicReg::kIccHppir1El1:
      return c.hppi.valid() && c.hppi.group1 ? c.hppi.intid : gic::kSpurious;
    case GicReg::kIccBpr0El1:
      return c.bpr0;
    // With CBPR, BPR1 reads BPR0 + 1 saturated at 7 (IHI 0069, ICC_BPR1_EL1).
    case GicReg::kIccBpr1El1:
      return c.cbpr ? std::min(c.bpr0 + 1, 7) : c.bpr1;
    case GicReg::kIccCtlrEl1:
      return kCtlrFixed | uint64_t{c.cbpr} | uint64_t{c.eoimode} << 1 | uint64_t{c.pmhe} << 6;
    // CBPR_EL1NS [1] and EOImode_EL1NS [4] alias ICC_CTLR_EL1; the _EL1S bits
    // [0] and [3] name the Secure copy, which is not modelled (stored only).
    case GicReg::kIccCtlrEl3:
      return kCtlrFixed | c.ctlr_el3_secure | uint64_t{c.cbpr} << 1 | uint64_t{c.eoimode_el3} << 2 |
             uint64_t{c.eoimode} << 4 | uint64_t{c.pmhe} << 6;
    // SRE, DFB, DIB are RAO/WI: only the system-register interface exists
    // (IHI 0069, ICC_SRE_EL1: RAO/WI when the memory-mapped interface is not
    // supported). Enable [3] of ICC_SRE_EL2/EL3 gates lower-EL access.
    case GicReg::kIccSreEl1:
      return 0x7;
    case GicReg::kIccSreEl2:
      return 0x7 | uint64_t{c.sre_el2_enable} << 3;
    case GicReg::kIccSreEl3:
      return 0x7 | uint64_t{c.sre_el3_enable} << 3;
    case GicReg::kIccIgrpen0El1:
      return c.igrpen0;
    case GicReg::kIccIgrpen1El1:
      return c.igrpen1;
    case GicReg::kIccIgrpen1El3:
      return uint64_t{c.igrpen1} | uint64_t{c.igrpen1_secure} << 1;
    case GicReg::kIccRprEl1:
      return running_priority(c);
    case GicReg::kIccAp0r0El1:
      return c.ap0r;
    case GicReg::kIccAp1r0El1:
      return c.ap1r;
    default:
      return 0;  // Write-only registers (the table makes MRS UNDEFINED).
  }
}

void GicV3::write_icc(Core& c, GicReg reg, uint64_t v) {
  switch (reg) {
    case GicReg::kIccPmrEl1:
      c.pmr = static_cast<uint8_t>(v) & gic::kPriorityMask;
      break;
    case GicReg::kIccEoir0El1:
      end_of_interrupt(c, v, false);
      break;
    case GicReg::kIccEoir1El1:
      end_of_interrupt(c, v, true);
      break;
    // With EOImode = 0 a DIR write is UNPREDICTABLE (IHI 0069, ICC_DIR_EL1);
    // el2emu ignores it.
    case GicReg::kIccDirEl1:
      if (eoimode_now(c) && intid_of(v) < gic::kFirstSpecial) deactivate(c, intid_of(v));
      break;
    case GicReg::kIccBpr0El1:
      c.bpr0 = std::max<uint8_t>(v & 7, gic::kMinBpr0);
      break;
    case GicReg::kIccBpr1El1:
      if (!c.cbpr) c.bpr1 = std::max<uint8_t>(v & 7, gic::kMinBpr1);
      break;
    case GicReg::kIccCtlrEl1:
      c.cbpr = v & 1;
      c.eoimode = (v >> 1) & 1;
      c.pmhe = (v >> 6) & 1;
      break;
    case GicReg::kIccCtlrEl3:
      c.ctlr_el3_secure = static_cast<uint32_t>(v & 0x9);
      c.cbpr = (v >> 1) & 1;
      c.eoimode_el3 = (v >> 2) & 1;
      c.eoimode = (v >> 4) & 1;
      c.pmhe = (v >> 6) & 1;
      break;
    case GicReg::kIccSreEl2:
      c.sre_el2_enable = (v >> 3) & 1;
      break;
    case GicReg::kIccSreEl3:
      c.sre_el3_enable = (v >> 3) & 1;
      break;
    case GicReg::kIccIgrpen0El1:
      c.igrpen0 = v & 1;
      break;
    case GicReg::kIccIgrpen1El1:
      c.igrpen1 = v & 1;
      break;
    case GicReg::kIccIgrpen1El3:
      c.igrpen1 = v & 1;
      c.igrpen1_secure = (v >> 1) & 1;
      break;
    case GicReg::kIccSgi1rEl1:
      send_sgi(c, v, /*any_group=*/true);
      break;
    case GicReg::kIccSgi0rEl1:
    case GicReg::kIccAsgi1rEl1:
      send_sgi(c, v, /*any_group=*/false);
      break;
    case GicReg::kIccAp0r0El1:
      c.ap0r = static_cast<uint32_t>(v);
      break;
    case GicReg::kIccAp1r0El1:
      c.ap1r = static_cast<uint32_t>(v);
      break;
    default:
      break;  // Read-only registers, ICC_SRE_EL1 (WI).
  }
  update();
}

uint64_t GicV3::read(Cpu& cpu, GicReg reg) {
  Core* c = core_of(cpu);
  if (!c) return 0;
  return reg >= GicReg::kIchHcrEl2 ? read_ich(*c, reg) : read_icc(*c, reg);
}

void GicV3::write(Cpu& cpu, GicReg reg, uint64_t value) {
  Core* c = core_of(cpu);
  if (!c) return;
  if (reg >= GicReg::kIchHcrEl2)
    write_ich(*c, reg, value);
  else
    write_icc(*c, reg, value);
}

}  // namespace el2
