#include "platform/fdt/virt_dtb.h"

#include <fmt/format.h>
#include <libfdt.h>

#include <cstring>
#include <stdexcept>

#include "platform/fdt/virt_memmap.h"

namespace el2 {

namespace {

// GIC binding interrupt specifier: <type number flags>.
constexpr uint32_t kGicSpi = 0;
constexpr uint32_t kGicPpi = 1;
constexpr uint32_t kIrqEdgeRising = 1;
constexpr uint32_t kIrqLevelHigh = 4;

// Phandles. Any distinct non-zero values do; CPUs take kPhandleCpu0 + n.
constexpr uint32_t kPhandleGic = 1;
constexpr uint32_t kPhandleClock = 2;
constexpr uint32_t kPhandleCpu0 = 0x10;

// PSCI 0.1 function ids in the psci node: the SMC64 forms where the call
// takes an address, as QEMU lists them. PSCI 0.2+ guests use the standard ids
// and ignore these.
constexpr uint32_t kPsciCpuSuspend = 0xC400'0001;
constexpr uint32_t kPsciCpuOff = 0x8400'0002;
constexpr uint32_t kPsciCpuOn = 0xC400'0003;
constexpr uint32_t kPsciMigrate = 0xC400'0005;

struct NoSpace {};

// Thin wrapper over libfdt's sequential-write API; failures throw.
class Writer {
 public:
  explicit Writer(size_t capacity) : buf_(capacity) {
    check(fdt_create(fdt(), static_cast<int>(buf_.size())));
    check(fdt_finish_reservemap(fdt()));
  }
  void begin(const std::string& name) { check(fdt_begin_node(fdt(), name.c_str())); }
  void end() { check(fdt_end_node(fdt())); }
  void empty(const char* name) { check(fdt_property(fdt(), name, nullptr, 0)); }
  void u32(const char* name, uint32_t v) { check(fdt_property_u32(fdt(), name, v)); }
  void u64(const char* name, uint64_t v) { check(fdt_property_u64(fdt(), name, v)); }
  void string(const char* name, const std::string& v) {
    check(fdt_property_string(fdt(), name, v.c_str()));
  }
  // A string list: each entry NUL-terminated, back to back.
  void strings(const char* name, std::initializer_list<const char*> list) {
    std::string joined;
    for (const char* s : list) joined.append(s, std::strlen(s) + 1);
    bytes(name, joined.data(), joined.size());
  }
  void cells(const char* name, const std::vector<uint32_t>& v) {
    std::vector<fdt32_t> be;
    for (uint32_t c : v) be.push_back(cpu_to_fdt32(c));
    bytes(name, be.data(), be.size() * sizeof(fdt32_t));
  }
  void bytes(const char* name, const void* data, size_t len) {
    check(fdt_property(fdt(), name, data, static_cast<int>(len)));
  }
  std::vector<uint8_t> finish(uint32_t extra_space) {
    check(fdt_finish(fdt()));
    // fdt_finish leaves totalsize at the used size; open_into moves the blob
    // into a buffer with room to spare and records that as its size.
    std::vector<uint8_t> out(fdt_totalsize(fdt()) + extra_space);
    check(fdt_open_into(fdt(), out.data(), static_cast<int>(out.size())));
    out.resize(fdt_totalsize(out.data()));
    return out;
  }

 private:
  void* fdt() { return buf_.data(); }
  static void check(int err) {
    if (err == -FDT_ERR_NOSPACE) throw NoSpace{};
    if (err < 0) throw std::logic_error(fmt::format("libfdt: {}", fdt_strerror(err)));
  }
  std::vector<uint8_t> buf_;
};

// reg / ranges entries with #address-cells = #size-cells = 2.
void push_reg(std::vector<uint32_t>& cells, uint64_t base, uint64_t size) {
  cells.insert(cells.end(), {static_cast<uint32_t>(base >> 32), static_cast<uint32_t>(base),
                             static_cast<uint32_t>(size >> 32), static_cast<uint32_t>(size)});
}
std::vector<uint32_t> reg(uint64_t base, uint64_t size) {
  std::vector<uint32_t> cells;
  push_reg(cells, base, size);
  return cells;
}

std::string node_name(const char* name, uint64_t addr) {
  return fmt::format("{}@{:x}", name, addr);
}

void check_desc(const VirtBoardDesc& d) {
  if (d.cpus == 0 || d.cpus > 8) throw std::invalid_argument("virt dtb: cpus must be 1..8");
  if (d.psci_method != "smc" && d.psci_method != "hvc")
    throw std::invalid_argument("virt dtb: psci method must be \"smc\" or \"hvc\"");
  if (d.ram_size == 0 || d.ram_base < virt::kRamBase || d.ram_base + d.ram_size < d.ram_base)
    throw std::invalid_argument("virt dtb: RAM must be non-empty and start at or above 0x40000000");
  if (d.virtio_slots > virt::kVirtioMaxSlots)
    throw std::invalid_argument("virt dtb: at most 32 virtio-mmio slots");
  if (d.gic_v3 && d.gic_redist_count != 0 && d.gic_redist_count < d.cpus)
    throw std::invalid_argument("virt dtb: fewer GICv3 redistributors than CPUs");
  if (d.initrd_end < d.initrd_start)
    throw std::invalid_argument("virt dtb: initrd ends before it starts");
}

void emit_psci(Writer& w, const VirtBoardDesc& d) {
  w.begin("psci");
  if (d.psci_1_0)
    w.strings("compatible", {"arm,psci-1.0", "arm,psci-0.2", "arm,psci"});
  else
    w.strings("compatible", {"arm,psci-0.2", "arm,psci"});
  w.string("method", d.psci_method);
  w.u32("cpu_suspend", kPsciCpuSuspend);
  w.u32("cpu_off", kPsciCpuOff);
  w.u32("cpu_on", kPsciCpuOn);
  w.u32("migrate", kPsciMigrate);
  w.end();
}

void emit_cpus(Writer& w, const VirtBoardDesc& d) {
  w.begin("cpus");
  w.u32("#address-cells", 1);
  w.u32("#size-cells", 0);
  for (unsigned i = 0; i < d.cpus; ++i) {
    w.begin(node_name("cpu", i));
    w.string("device_type", "cpu");
    w.string("compatible", d.cpu_compatible);
    w.u32("reg", i);
    w.string("enable-method", "psci");
    w.u32("phandle", kPhandleCpu0 + i);
    w.end();
  }
  // One socket, one cluster, as QEMU describes -smp N.
  w.begin("cpu-map");
  w.begin("socket0");
  w.begin("cluster0");
  for (unsigned i = 0; i < d.cpus; ++i) {
    w.begin(fmt::format("core{}", i));
    w.u32("cpu", kPhandleCpu0 + i);
    w.end();
  }
  w.end();
  w.end();
  w.end();
  w.end();
}

// PPI flags: with GICv2 the binding adds a mask of the CPUs the PPI goes to
// in bits [15:8]; GICv3 has no such mask.
uint32_t ppi_flags(const VirtBoardDesc& d) {
  return d.gic_v3 ? kIrqLevelHigh : kIrqLevelHigh | (((1u << d.cpus) - 1) << 8);
}

void emit_gic(Writer& w, const VirtBoardDesc& d) {
  w.begin(node_name("intc", virt::kGicDistBase));
  w.u32("phandle", kPhandleGic);
  w.empty("interrupt-controller");
  w.u32("#interrupt-cells", 3);
  // Address cells as QEMU gives them: interrupt-map users read #address-cells
  // of the provider, and dtc warns when it is missing.
  w.u32("#address-cells", 2);
  w.u32("#size-cells", 2);
  w.empty("ranges");
  std::vector<uint32_t> regs = reg(virt::kGicDistBase, virt::kGicDistSize);
  if (d.gic_v3) {
    w.string("compatible", "arm,gic-v3");
    const unsigned redists = d.gic_redist_count ? d.gic_redist_count : d.cpus;
    push_reg(regs, virt::kGicRedistBase, uint64_t{redists} * virt::kGicRedistStride);
    w.u32("#redistributor-regions", 1);
  } else {
    w.string("compatible", "arm,cortex-a15-gic");
    push_reg(regs, virt::kGicCpuBase, virt::kGicCpuSize);
    if (d.gic_virtualization) {
      push_reg(regs, virt::kGicHypBase, virt::kGicV2VirtSize);
      push_reg(regs, virt::kGicVcpuBase, virt::kGicV2VirtSize);
    }
  }
  w.cells("reg", regs);
  if (d.gic_virtualization)
    w.cells("interrupts", {kGicPpi, virt::kGicMaintenancePpi, ppi_flags(d)});
  w.end();
}

void emit_timer(Writer& w, const VirtBoardDesc& d) {
  w.begin("timer");
  w.strings("compatible", {"arm,armv8-timer", "arm,armv7-timer"});
  // Binding order: secure physical, non-secure physical, virtual, hypervisor.
  const uint32_t f = ppi_flags(d);
  w.cells("interrupts", {kGicPpi, virt::kTimerSecurePhysPpi, f, kGicPpi, virt::kTimerPhysPpi, f,
                         kGicPpi, virt::kTimerVirtPpi, f, kGicPpi, virt::kTimerHypPhysPpi, f});
  w.empty("always-on");
  w.end();
}

void emit_clock(Writer& w) {
  w.begin("apb-pclk");
  w.string("compatible", "fixed-clock");
  w.u32("#clock-cells", 0);
  w.u32("clock-frequency", virt::kApbClockHz);
  w.string("clock-output-names", "clk24mhz");
  w.u32("phandle", kPhandleClock);
  w.end();
}

void emit_primecells(Writer& w, const VirtBoardDesc& d) {
  w.begin(node_name("pl011", virt::kUartBase));
  w.strings("compatible", {"arm,pl011", "arm,primecell"});
  w.cells("reg", reg(virt::kUartBase, virt::kPrimeCellSize));
  w.cells("interrupts", {kGicSpi, virt::kUartSpi, kIrqLevelHigh});
  w.cells("clocks", {kPhandleClock, kPhandleClock});
  w.strings("clock-names", {"uartclk", "apb_pclk"});
  w.end();
  if (d.pl031) {
    w.begin(node_name("pl031", virt::kRtcBase));
    w.strings("compatible", {"arm,pl031", "arm,primecell"});
    w.cells("reg", reg(virt::kRtcBase, virt::kPrimeCellSize));
    w.cells("interrupts", {kGicSpi, virt::kRtcSpi, kIrqLevelHigh});
    w.cells("clocks", {kPhandleClock});
    w.string("clock-names", "apb_pclk");
    w.end();
  }
}

void emit_virtio(Writer& w, const VirtBoardDesc& d) {
  for (unsigned n = 0; n < d.virtio_slots; ++n) {
    const uint64_t base = virt::kVirtioBase + n * virt::kVirtioStride;
    w.begin(node_name("virtio_mmio", base));
    w.string("compatible", "virtio,mmio");
    w.cells("reg", reg(base, virt::kVirtioStride));
    // Edge-triggered, as QEMU describes its virtio-mmio interrupts.
    w.cells("interrupts", {kGicSpi, virt::kVirtioFirstSpi + n, kIrqEdgeRising});
    w.empty("dma-coherent");
    w.end();
  }
}

void emit_flash(Writer& w) {
  w.begin(node_name("flash", virt::kFlashBase));
  w.string("compatible", "cfi-flash");
  std::vector<uint32_t> regs;
  for (unsigned b = 0; b < virt::kFlashBanks; ++b)
    push_reg(regs, virt::kFlashBase + b * virt::kFlashBankSize, virt::kFlashBankSize);
  w.cells("reg", regs);
  w.u32("bank-width", virt::kFlashBankWidth);
  w.end();
}

void emit_chosen(Writer& w, const VirtBoardDesc& d) {
  w.begin("chosen");
  w.string("stdout-path", node_name("/pl011", virt::kUartBase));
  if (!d.bootargs.empty()) w.string("bootargs", d.bootargs);
  if (d.initrd_end > d.initrd_start) {
    w.u64("linux,initrd-start", d.initrd_start);
    w.u64("linux,initrd-end", d.initrd_end);
  }
  if (d.kaslr_seed) w.u64("kaslr-seed", *d.kaslr_seed);
  if (!d.rng_seed.empty()) w.bytes("rng-seed", d.rng_seed.data(), d.rng_seed.size());
  w.end();
}

std::vector<uint8_t> build(const VirtBoardDesc& d, size_t capacity) {
  Writer w(capacity);
  w.begin("");
  w.string("compatible", "linux,dummy-virt");
  w.string("model", "linux,dummy-virt");
  w.u32("#address-cells", 2);
  w.u32("#size-cells", 2);
  w.u32("interrupt-parent", kPhandleGic);

  emit_psci(w, d);
  w.begin(node_name("memory", d.ram_base));
  w.string("device_type", "memory");
  w.cells("reg", reg(d.ram_base, d.ram_size));
  w.end();
  emit_cpus(w, d);
  emit_gic(w, d);
  emit_timer(w, d);
  if (d.pmu) {
    w.begin("pmu");
    w.string("compatible", "arm,armv8-pmuv3");
    w.cells("interrupts", {kGicPpi, virt::kPmuPpi, ppi_flags(d)});
    w.end();
  }
  emit_clock(w);
  emit_primecells(w, d);
  emit_virtio(w, d);
  if (d.flash) emit_flash(w);
  emit_chosen(w, d);
  w.end();
  return w.finish(d.extra_space);
}

// Walks the structure block token by token and refuses a property whose
// value would run past the block's end. libfdt 1.6 (Debian 12) adds a
// property's 32-bit length to an int offset: a length such as 0xFFFFFFF4
// moves the offset backwards and fdt_check_full() loops for ever (found by
// tests/fuzz's dtb fuzzer). Every step here advances by at least 4 bytes, so
// the walk ends. Token layout: Devicetree Specification v0.4, section 5.4.
std::string struct_block_error(const void* fdt) {
  const auto* bytes = static_cast<const uint8_t*>(fdt);
  const uint64_t start = fdt_off_dt_struct(fdt);
  // Version 16 has no structure block size; the blob's end bounds it then.
  const uint64_t end =
      fdt_version(fdt) >= 17 ? start + fdt_size_dt_struct(fdt) : uint64_t{fdt_totalsize(fdt)};
  auto word = [&](uint64_t at) { return fdt32_ld(reinterpret_cast<const fdt32_t*>(bytes + at)); };
  auto align = [](uint64_t at) { return (at + FDT_TAGSIZE - 1) & ~uint64_t{FDT_TAGSIZE - 1}; };
  for (uint64_t at = start; at + FDT_TAGSIZE <= end;) {
    const uint32_t tag = word(at);
    switch (tag) {
      case FDT_BEGIN_NODE: {
        const auto* name = bytes + at + FDT_TAGSIZE;
        const auto* nul = static_cast<const uint8_t*>(std::memchr(name, 0, end - at - FDT_TAGSIZE));
        if (nul == nullptr)
          return fmt::format("node name at structure offset {} runs past the block", at - start);
        at = align(static_cast<uint64_t>(nul - bytes) + 1);
        break;
      }
      case FDT_PROP: {
        const uint64_t value = at + sizeof(struct fdt_property);
        if (value > end)
          return fmt::format("property at structure offset {} runs past the block", at - start);
        const uint32_t len = word(at + FDT_TAGSIZE);
        if (len > end - value)
          return fmt::format(
              "property at structure offset {} has length {:#x}, past the block's end", at - start,
              len);
        at = align(value + len);
        break;
      }
      case FDT_END_NODE:
      case FDT_NOP:
        at += FDT_TAGSIZE;
        break;
      case FDT_END:
        return {};
      default:
        return fmt::format("unknown token {:#010x} at structure offset {}", tag, at - start);
    }
  }
  return "structure block has no end token";
}

}  // namespace

std::vector<uint8_t> build_virt_dtb(const VirtBoardDesc& desc) {
  check_desc(desc);
  // Large bootargs or seeds may not fit a first guess; grow until they do.
  for (size_t capacity = 64 << 10;; capacity *= 2) {
    try {
      return build(desc, capacity + desc.bootargs.size() + desc.rng_seed.size());
    } catch (const NoSpace&) {
      if (capacity > (64u << 20)) throw std::invalid_argument("virt dtb: too large");
    }
  }
}

bool validate_dtb(std::span<const uint8_t> blob, std::string& error) {
  if (blob.size() < sizeof(fdt_header)) {
    error = fmt::format("too short for a device tree ({} bytes; the header alone is {})",
                        blob.size(), sizeof(fdt_header));
    return false;
  }
  // libfdt reads 32-bit fields in place: give it an aligned copy (operator
  // new aligns for any fundamental type) when the caller's bytes are not.
  std::vector<uint8_t> copy;
  const void* fdt = blob.data();
  if (reinterpret_cast<uintptr_t>(fdt) % alignof(uint64_t) != 0) {
    copy.assign(blob.begin(), blob.end());
    fdt = copy.data();
  }
  if (fdt_magic(fdt) != FDT_MAGIC) {
    error = fmt::format("not a device tree blob (magic {:#010x}, expected {:#010x})",
                        fdt_magic(fdt), FDT_MAGIC);
    return false;
  }
  if (int err = fdt_check_header(fdt); err != 0) {
    error = fmt::format("bad device tree header: {}", fdt_strerror(err));
    return false;
  }
  // Before version 16 a blob has no size for its strings block, and libfdt
  // 1.6's fdt_check_full() dereferences NULL on such a tree (found by
  // tests/fuzz's dtb fuzzer). Firmware has produced version 17 for over a
  // decade: refuse older ones here.
  if (fdt_version(fdt) < 16 || fdt_last_comp_version(fdt) > 17) {
    error = fmt::format("unsupported device tree version {} (compatible with {}); need 16 or 17",
                        fdt_version(fdt), fdt_last_comp_version(fdt));
    return false;
  }
  if (fdt_totalsize(fdt) > blob.size()) {
    error = fmt::format("truncated device tree: header says {} bytes, only {} present",
                        fdt_totalsize(fdt), blob.size());
    return false;
  }
  if (std::string why = struct_block_error(fdt); !why.empty()) {
    error = "malformed device tree: " + why;
    return false;
  }
  if (int err = fdt_check_full(fdt, blob.size()); err != 0) {
    error = fmt::format("malformed device tree: {}", fdt_strerror(err));
    return false;
  }
  if (fdt_path_offset(fdt, "/") < 0) {
    error = "device tree has no root node";
    return false;
  }
  return true;
}

}  // namespace el2
