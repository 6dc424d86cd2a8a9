// Cpu memory accesses through stage 1: the slow path behind load/store/fetch
// (translation, alignment, permissions, physical access), the fast-array
// refill, AT, TLBI, SP alignment and debugger reads. The walker, TLB and
// permission rules live in mmu/; this file applies them to the current EL.
#include <algorithm>
#include <vector>

#include "cpu/cpu.h"
#include "cpu/core_group.h"
#include "exceptions/routing.h"
#include "mmu/at.h"
#include "mmu/walk.h"

namespace el2 {

namespace {

struct PhysReader final : mmu::DescriptorReader {
  const MemoryMap& mem;
  // With the timing model on: the descriptors' addresses, for its caches. A
  // walk reads at most one descriptor per level (0-3); a fixed array, since a
  // vector's allocation per walk showed up in walk-heavy runs.
  struct Trail {
    std::array<uint64_t, 4> pa{};
    size_t n = 0;
  };
  Trail* trail = nullptr;
  explicit PhysReader(const MemoryMap& m) : mem(m) {}
  bool read64(uint64_t pa, uint64_t& out) const override {
    if (trail && trail->n < trail->pa.size()) trail->pa[trail->n++] = pa;
    const uint8_t* host = mem.ram_ptr(pa, 8);  // Descriptors are aligned: never split.
    if (!host) return false;
    std::memcpy(&out, host, 8);
    return true;
  }
};

mmu::Access to_mmu(AccessKind k) {
  return k == AccessKind::kRead ? mmu::Access::kRead
         : k == AccessKind::kWrite ? mmu::Access::kWrite
                                   : mmu::Access::kFetch;
}

mmu::Fault fault_of(mmu::FaultType type, unsigned level, AccessKind kind) {
  return mmu::Fault{.type = type,
                    .level = static_cast<uint8_t>(level),
                    .write = kind == AccessKind::kWrite,
                    .fetch = kind == AccessKind::kFetch};
}

// With stage 1 disabled the VA is the PA; address bits [AddrTop:PARange] must
// be zero, else an Address size fault at level 0 (pseudocode
// AArch64.TranslateAddressS1Off).
bool flat_pa(const mmu::RegimeControls& rc, uint64_t va, uint64_t& pa) {
  const unsigned top = mmu::addr_top(rc, va);
  const uint64_t above = top >= 63 ? va >> rc.pa_bits : (va & ((1ull << (top + 1)) - 1)) >> rc.pa_bits;
  pa = va & ((1ull << rc.pa_bits) - 1);
  return above == 0;
}

// log2 of the VA range one last-level table covers in the range `va` is in:
// the page size times the entries per table (2 MiB with 4 KiB pages).
unsigned leaf_table_cover(const mmu::RegimeControls& rc, uint64_t va) {
  const unsigned sel = rc.two_ranges ? (va >> 55) & 1 : 0;
  const unsigned g = static_cast<unsigned>(rc.range[sel].granule);
  return g + (g - 3);
}

// PSTATE.PAN applies to privileged data accesses in the EL1&0 (and EL2&0)
// regimes (Arm ARM D8.4.2 "About PSTATE.PAN").
bool pan_applies(const CpuState& s, const mmu::RegimeControls& rc) {
  return s.pstate.pan && rc.two_ranges && s.pstate.el != 0;
}

}  // namespace

void Cpu::flush_fast() {
  for (unsigned el = 0; el < fast_.size(); ++el)
    if (fast_used_ & (1u << el)) fast_[el] = FastSet{};
  fast_used_ = 0;
}

void Cpu::take_mmu_fault(uint64_t va, const mmu::Fault& f) {
  if (f.fetch) {
    const unsigned target = std::max<unsigned>(default_sync_target(s_, model_), s_.pstate.el);
    raise(Exception{.esr = syn::insn_abort(target == s_.pstate.el, f.fsc(), f.s1ptw),
                    .preferred_return = s_.pc,
                    .target_el = static_cast<uint8_t>(target),
                    .far_valid = true,
                    .far = va});
  } else {
    raise_data_abort(va, syn::DataAbortInfo{.dfsc = f.fsc(), .write = f.write, .s1ptw = f.s1ptw});
  }
}

bool Cpu::translate(uint64_t va, AccessKind kind, uint8_t flags, bool aligned, uint64_t& pa) {
  const unsigned el = s_.pstate.el;
  const mmu::RegimeControls& rc = regime(el);
  const bool data = kind != AccessKind::kFetch;
  last_translated_ = rc.enabled;
  // LDTR/STTR at EL1 are checked as EL0 unless PSTATE.UAO (C6.2 LDTR); at
  // EL2/EL3 without EL2&0 they are ordinary accesses.
  const bool unpriv = (flags & kAccUnprivileged) && el == 1 && !s_.pstate.uao;
  const bool el0 = el == 0 || unpriv;
  // SCTLR_ELx.A: every unaligned data access faults, before translation.
  if (data && !aligned && (rc.sctlr & mmu::kSctlrA)) {
    take_mmu_fault(va, fault_of(mmu::FaultType::kAlignment, 0, kind));
    return false;
  }
  mmu::Permissions perms{.read = true, .write = true, .exec = true};
  bool device_memory;  // The memory type data accesses to this page see.
  bool cacheable_perms = true;  // The permissions hold whatever PSTATE.PAN is.
  if (!rc.enabled) {
    // Stage 1 off (D8.2.11): flat; data accesses are Device-nGnRnE, fetches Normal.
    if (!flat_pa(rc, va, pa)) {
      take_mmu_fault(va, fault_of(mmu::FaultType::kAddressSize, 0, kind));
      return false;
    }
    device_memory = true;
  } else {
    const uint64_t cva = mmu::canonical_va(rc, va);
    const mmu::TlbContext ctx = mmu::TlbContext::of(rc);
    const mmu::Translation* t = tlb_.lookup(ctx, cva);
    // The timing model hears of translations the fast arrays did not answer
    // (they stand in for the micro-TLBs) and of every walk.
    if (timing_) timing_->tlb_access(va, !data, t != nullptr);
    if (!t) {
      ++walks_;
      PhysReader reader(mem_);
      PhysReader::Trail trail;
      reader.trail = &trail;
      // A last-level table that covers the VA (the walk cache) saves reading
      // the levels above it; the trail still lists their descriptors.
      const unsigned cover = leaf_table_cover(rc, va);
      const mmu::WalkCache::Entry* cached = walk_cache_.lookup(ctx, cva, cover);
      mmu::LeafTable leaf;
      if (cached) {
        for (const uint64_t d : cached->upper_descriptors()) trail.pa[trail.n++] = d;
      }
      const mmu::WalkResult w =
          mmu::walk_from(rc, va, to_mmu(kind), reader, cached ? &cached->table : nullptr, &leaf);
      if (timing_) timing_->page_walk(std::span(trail.pa.data(), trail.n));
      if (!w.ok()) {
        take_mmu_fault(va, w.fault);
        return false;
      }
      if (!cached && leaf.level == 3)
        walk_cache_.insert(ctx, cva, cover, leaf, std::span(trail.pa.data(), trail.n));
      t = &tlb_.insert(ctx, cva, w.t);
    }
    pa = t->pa_of(cva);
    device_memory = t->device();
    const bool pan = pan_applies(s_, rc);
    perms = mmu::permissions(rc, *t, el0, pan);
    cacheable_perms = !(rc.two_ranges && t->ap1 && !el0);
    // Device memory: unaligned data accesses fault (B2.5.2), before the
    // permission check (AArch64.FirstStageTranslate).
    if (data && device_memory && !aligned) {
      take_mmu_fault(va, fault_of(mmu::FaultType::kAlignment, 0, kind));
      return false;
    }
    if (!perms.allows(to_mmu(kind))) {
      take_mmu_fault(va, fault_of(mmu::FaultType::kPermission, t->level, kind));
      return false;
    }
  }
  if (data && device_memory && !aligned) {
    take_mmu_fault(va, fault_of(mmu::FaultType::kAlignment, 0, kind));
    return false;
  }
  // Refill the fast array for this 4 KiB page if it is RAM. Unprivileged
  // accesses never use it; privileged permissions that depend on PSTATE.PAN
  // (EL0-accessible pages) are not cached for data, so MSR PAN needs no flush.
  if (flags & kAccUnprivileged) return true;
  if (data && !access_observers_.empty()) return true;  // They see every data access.
  const uint64_t ppage = pa & kFastPageMask;
  const RamRegion* ram = mem_.find_ram(ppage, 4096);
  if (!ram || ram->overlay_active) return true;
  const uint64_t vpage = va & kFastPageMask;
  fast_used_ |= 1u << (el & 3);
  const uint64_t addend = reinterpret_cast<uint64_t>(ram->host + (ppage - ram->base)) - vpage;
  if (!data) {
    FetchEntry& f = fetch_entry(va);
    f.tag = perms.exec ? vpage : kFastInvalid;
    f.addend = addend;
    return true;
  }
  FastEntry& e = fast_entry(va);
  e.addend = addend;
  e.read = perms.read && cacheable_perms ? vpage : kFastInvalid;
  e.write = perms.write && cacheable_perms && !ram->read_only ? vpage : kFastInvalid;
  e.normal = !device_memory;
  return true;
}

bool Cpu::phys_access(uint64_t va, uint64_t pa, unsigned size, AccessKind kind, uint64_t& value) {
  // RAM first: it is what nearly every slow-path access reaches (a TLB miss),
  // and RAM and MMIO windows never overlap (MemoryMap refuses it).
  if (const RamRegion* r = mem_.find_ram(pa, size)) {
    if (r->overlay && (kind == AccessKind::kWrite || r->overlay_active)) {
      const uint64_t off = pa - r->base;
      const bool ok = kind == AccessKind::kWrite ? r->overlay->write(off, size, value)
                                                 : r->overlay->read(off, size, value);
      if (ok) return true;
    } else if (kind != AccessKind::kWrite) {
      value = 0;
      std::memcpy(&value, r->host + (pa - r->base), size);
      return true;
    } else if (!r->read_only) {
      std::memcpy(r->host + (pa - r->base), &value, size);
      if (group_) note_store(r->host + (pa - r->base), size);
      return true;
    }
  } else if (const MmioWindow* w =
                 kind != AccessKind::kFetch ? mem_.find_mmio(pa, size) : nullptr) {
    const uint64_t off = pa - w->base;
    const bool ok = kind == AccessKind::kWrite ? w->device->write(off, size, value)
                                               : w->device->read(off, size, value);
    if (ok) return true;
  } else if (kind != AccessKind::kWrite) {
    value = 0;  // Straddles two RAM regions.
    if (mem_.read_phys(pa, &value, size)) return true;
  }
  // Nothing answered (or read-only memory was written): a synchronous external
  // abort (DFSC/IFSC 0x10).
  ++external_aborts_;
  take_mmu_fault(va, mmu::Fault{.type = mmu::FaultType::kExternal,
                                .write = kind == AccessKind::kWrite,
                                .fetch = kind == AccessKind::kFetch});
  return false;
}

// After translate() refilled the fast array for `va`'s page: does the access
// through it (what the next access to the page will do), else returns false.
bool Cpu::finish_through_fast(uint64_t va, unsigned size, AccessKind kind, uint8_t flags,
                              uint64_t& value) {
  if (kind == AccessKind::kFetch || (flags & kAccUnprivileged)) return false;
  const FastEntry& e = fast_entry(va);
  const uint64_t tag = va & (kFastPageMask | (size - 1));
  auto* host = reinterpret_cast<uint8_t*>(va + e.addend);
  if ((kind == AccessKind::kWrite ? e.write : e.read) != tag) return false;
  // Fixed-size copies (a variable length would be a library call).
  const auto copy = [&]<typename T>(T) {
    if (kind == AccessKind::kWrite) {
      const T v = static_cast<T>(value);
      std::memcpy(host, &v, sizeof(T));
      if (group_) note_store(host, sizeof(T));
    } else {
      T v;
      std::memcpy(&v, host, sizeof(T));
      value = v;
    }
    return true;
  };
  switch (size) {
    case 1: return copy(uint8_t{});
    case 2: return copy(uint16_t{});
    case 4: return copy(uint32_t{});
    case 8: return copy(uint64_t{});
    default: return false;
  }
}

bool Cpu::access_slow(uint64_t va, unsigned size, AccessKind kind, uint64_t& value, uint8_t flags) {
  const bool observed = !access_observers_.empty() && kind != AccessKind::kFetch;
  const bool write = kind == AccessKind::kWrite;
  if (observed && !access_allowed(va, size, write)) return false;
  const bool aligned = (va & (size - 1)) == 0;
  const unsigned first = 0x1000 - (va & 0xFFF);
  if (first >= size) {
    uint64_t pa;
    if (!translate(va, kind, flags, aligned, pa)) return false;
    if (!observed && finish_through_fast(va, size, kind, flags, value)) return true;
    if (!phys_access(va, pa, size, kind, value)) return false;
    if (observed) report_access(va, pa, size, write, &value);
    return true;
  }
  // An unaligned access across a 4 KiB boundary: both pages are translated
  // (and may fault) before any byte is transferred.
  uint64_t pa0, pa1;
  if (!translate(va, kind, flags, false, pa0)) return false;
  if (!translate(va + first, kind, flags, false, pa1)) return false;
  uint8_t bytes[8];
  std::memcpy(bytes, &value, 8);
  for (unsigned i = 0; i < size; ++i) {
    uint64_t b = bytes[i];
    const uint64_t pa = i < first ? pa0 + i : pa1 + (i - first);
    if (!phys_access(va + i, pa, 1, kind, b)) return false;
    bytes[i] = static_cast<uint8_t>(b);
  }
  if (kind != AccessKind::kWrite) std::memcpy(&value, bytes, 8);
  if (observed) report_access(va, pa0, size, write, bytes);
  return true;
}

bool Cpu::load_bytes(uint64_t va, void* dst, unsigned len, uint8_t flags, unsigned elem) {
  if (retiring_) [[unlikely]] note_access(va, std::min(len, 255u), false);
  if ((flags & kAccMustAlign) && (va & (len - 1))) return alignment_fault(va, false);
  const bool aligned = (va & (elem - 1)) == 0;
  if (!(flags & kAccUnprivileged) && (va & 0xFFF) + len <= 0x1000) {
    const FastEntry& e = fast_entry(va);
    if (e.read == (va & kFastPageMask) && (e.normal || aligned)) {
      std::memcpy(dst, reinterpret_cast<const uint8_t*>(va + e.addend), len);
      return true;
    }
  }
  const bool observed = !access_observers_.empty();
  if (observed && !access_allowed(va, len, false)) return false;
  uint64_t first_pa = 0;
  auto* out = static_cast<uint8_t*>(dst);
  for (unsigned done = 0; done < len;) {
    const uint64_t a = va + done;
    const unsigned chunk = std::min<unsigned>(len - done, 0x1000 - (a & 0xFFF));
    uint64_t pa;
    if (!translate(a, AccessKind::kRead, flags, aligned, pa)) return false;
    if (done == 0) first_pa = pa;
    const RamRegion* r = mem_.find_ram(pa, chunk);
    if (r && !r->overlay_active) {
      std::memcpy(out + done, r->host + (pa - r->base), chunk);
    } else {
      // MMIO or nothing: element by element where possible, else bytes.
      const unsigned step = aligned && elem <= 8 && chunk % elem == 0 ? elem : 1;
      for (unsigned i = 0; i < chunk; i += step) {
        uint64_t v = 0;
        if (!phys_access(a + i, pa + i, step, AccessKind::kRead, v)) return false;
        std::memcpy(out + done + i, &v, step);
      }
    }
    done += chunk;
  }
  if (observed) report_access(va, first_pa, len, false, dst);
  return true;
}

bool Cpu::store_bytes(uint64_t va, const void* src, unsigned len, uint8_t flags, unsigned elem) {
  if (retiring_) [[unlikely]] note_access(va, std::min(len, 255u), true);
  if ((flags & kAccMustAlign) && (va & (len - 1))) return alignment_fault(va, true);
  const bool aligned = (va & (elem - 1)) == 0;
  if (!(flags & kAccUnprivileged) && (va & 0xFFF) + len <= 0x1000) {
    const FastEntry& e = fast_entry(va);
    if (e.write == (va & kFastPageMask) && (e.normal || aligned)) {
      std::memcpy(reinterpret_cast<uint8_t*>(va + e.addend), src, len);
      if (group_) note_store(reinterpret_cast<uint8_t*>(va + e.addend), len);
      return true;
    }
  }
  const bool observed = !access_observers_.empty();
  if (observed && !access_allowed(va, len, true)) return false;
  // Translate every page first so a fault on a later page leaves memory as it was.
  const auto* in = static_cast<const uint8_t*>(src);
  uint64_t pas[2] = {0, 0};
  unsigned pages = 0;
  for (unsigned done = 0; done < len && pages < 2; ++pages) {
    const uint64_t a = va + done;
    if (!translate(a, AccessKind::kWrite, flags, aligned, pas[pages])) return false;
    done += std::min<unsigned>(len - done, 0x1000 - (a & 0xFFF));
  }
  for (unsigned done = 0, p = 0; done < len; ++p) {
    const uint64_t a = va + done;
    const unsigned chunk = std::min<unsigned>(len - done, 0x1000 - (a & 0xFFF));
    uint64_t pa = pas[p];
    if (p >= 2 && !translate(a, AccessKind::kWrite, flags, aligned, pa)) return false;
    const RamRegion* r = mem_.find_ram(pa, chunk);
    if (r && !r->read_only) {
      std::memcpy(r->host + (pa - r->base), in + done, chunk);
      if (group_) note_store(r->host + (pa - r->base), chunk);
    } else {
      const unsigned step = aligned && elem <= 8 && chunk % elem == 0 ? elem : 1;
      for (unsigned i = 0; i < chunk; i += step) {
        uint64_t v = 0;
        std::memcpy(&v, in + done + i, step);
        if (!phys_access(a + i, pa + i, step, AccessKind::kWrite, v)) return false;
      }
    }
    done += chunk;
  }
  if (observed) report_access(va, pas[0], len, true, src);
  return true;
}

// Access observers (tracer, watchpoints): only reached on the slow path.
bool Cpu::access_allowed(uint64_t va, unsigned size, bool write) {
  for (AccessObserver* o : access_observers_)
    if (!o->before_access(*this, va, size, write)) {
      abandon_insn();
      return false;
    }
  return true;
}

void Cpu::report_access(uint64_t va, uint64_t pa, unsigned size, bool write, const void* data) {
  const DataAccess a{.va = va,
                     .pa = pa,
                     .translated = last_translated_,
                     .write = write,
                     .size = size,
                     .data = static_cast<const uint8_t*>(data)};
  for (AccessObserver* o : access_observers_) o->on_access(*this, a);
}

bool Cpu::check_sp_alignment(unsigned rn) {
  if (rn != 31 || (s_.sp() & 0xF) == 0) return true;
  const mmu::RegimeControls& rc = regime(s_.pstate.el);
  if (!(rc.sctlr & (s_.pstate.el == 0 ? mmu::kSctlrSa0 : mmu::kSctlrSa))) return true;
  raise_sync(syn::sp_alignment());
  return false;
}

void Cpu::tlb_invalidate(const mmu::TlbiScope& scope) {
  if (tlbi_broadcast_ && group_) {
    for (Cpu* c : group_->cores()) {
      c->tlb_.invalidate(scope);
      c->walk_cache_.invalidate_all();
      c->flush_fast();
    }
    return;
  }
  tlb_.invalidate(scope);
  walk_cache_.invalidate_all();  // Any TLBI may remove walk cache entries.
  flush_fast();
}

void Cpu::note_store(const uint8_t* host, unsigned len) {
  if (group_->monitors_may_be_armed()) group_->store_hit(this, host, len);
}

void Cpu::arm_exclusive_monitor(uint64_t va, unsigned bytes) {
  const uint8_t* host = nullptr;
  uint64_t pa;
  // Just read by the load-exclusive, so this translation cannot fault.
  if (translate(va, AccessKind::kRead, kAccNormal, true, pa)) host = mem_.ram_ptr(pa, bytes);
  s_.monitor = ExclusiveMonitor{.armed = true, .addr = va, .size = bytes, .host = host};
  if (group_ && host) group_->monitor_armed();
}

void Cpu::address_translate(uint64_t va, unsigned el, bool write, bool pan) {
  const mmu::RegimeControls rc = mmu::regime_controls(s_, model_, el);
  const AccessKind kind = write ? AccessKind::kWrite : AccessKind::kRead;
  // Secure state: EL3, or below it with SCR_EL3.NS clear.
  const bool secure = model_.has_el3 && (el == 3 || !(s_.sys.scr_el3 & kScrNs));
  uint64_t& par = s_.sys.par_el1;
  if (!rc.enabled) {
    uint64_t pa;
    if (!flat_pa(rc, va, pa))
      par = mmu::par_fault(fault_of(mmu::FaultType::kAddressSize, 0, kind));
    else
      par = mmu::par_success(pa, 0x00, 2, !secure);  // Device-nGnRnE.
    return;
  }
  const mmu::WalkResult w = mmu::walk(rc, va, to_mmu(kind), PhysReader(mem_));
  if (!w.ok()) {
    par = mmu::par_fault(w.fault);
    return;
  }
  const mmu::Permissions p = mmu::permissions(rc, w.t, el == 0, pan && rc.two_ranges && el != 0);
  if (!p.allows(to_mmu(kind))) {
    par = mmu::par_fault(fault_of(mmu::FaultType::kPermission, w.t.level, kind));
    return;
  }
  par = mmu::par_success(w.t.pa_of(mmu::canonical_va(rc, va)), w.t.attr, w.t.sh, !secure);
}

bool Cpu::debug_read(uint64_t va, void* dst, uint64_t len) const {
  const mmu::RegimeControls rc = mmu::regime_controls(s_, model_, s_.pstate.el);
  auto* out = static_cast<uint8_t*>(dst);
  for (uint64_t done = 0; done < len;) {
    const uint64_t a = va + done;
    const uint64_t chunk = std::min<uint64_t>(len - done, 0x1000 - (a & 0xFFF));
    uint64_t pa;
    if (!rc.enabled) {
      if (!flat_pa(rc, a, pa)) return false;
    } else {
      const mmu::WalkResult w = mmu::walk(rc, a, mmu::Access::kRead, PhysReader(mem_));
      if (!w.ok()) return false;
      pa = w.t.pa_of(mmu::canonical_va(rc, a));
    }
    if (!mem_.read_phys(pa, out + done, chunk)) return false;
    done += chunk;
  }
  return true;
}

}  // namespace el2
