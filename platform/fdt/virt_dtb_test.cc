#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "platform/fdt/virt_dtb.h"

#include <doctest/doctest.h>
#include <libfdt.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace el2 {
namespace {

// The tree as QEMU's virt machine describes it for -smp 2 at EL2 with GICv3
// (../shared/spec/qemu-virt-el2-gicv3-smp2.dts).
VirtBoardDesc qemu_like() {
  VirtBoardDesc d;
  d.cpus = 2;
  d.psci_method = "smc";
  d.bootargs = "console=ttyAMA0 earlycon";
  return d;
}

struct Tree {
  explicit Tree(std::vector<uint8_t> b) : blob(std::move(b)) {
    REQUIRE(fdt_check_full(blob.data(), blob.size()) == 0);
  }
  int node(const char* path) const {
    const int off = fdt_path_offset(blob.data(), path);
    INFO(path);
    REQUIRE(off >= 0);
    return off;
  }
  bool has_node(const char* path) const { return fdt_path_offset(blob.data(), path) >= 0; }
  std::string raw(const char* path, const char* prop) const {
    int len = 0;
    const void* p = fdt_getprop(blob.data(), node(path), prop, &len);
    INFO(path << " " << prop);
    REQUIRE(p != nullptr);
    return std::string(static_cast<const char*>(p), len);
  }
  bool has_prop(const char* path, const char* prop) const {
    return fdt_getprop(blob.data(), node(path), prop, nullptr) != nullptr;
  }
  std::string str(const char* path, const char* prop) const {
    std::string s = raw(path, prop);
    REQUIRE(!s.empty());
    s.pop_back();  // The terminating NUL.
    return s;
  }
  std::vector<uint32_t> cells(const char* path, const char* prop) const {
    const std::string r = raw(path, prop);
    REQUIRE(r.size() % 4 == 0);
    std::vector<uint32_t> out(r.size() / 4);
    for (size_t i = 0; i < out.size(); ++i) {
      fdt32_t be;
      std::memcpy(&be, r.data() + 4 * i, 4);
      out[i] = fdt32_to_cpu(be);
    }
    return out;
  }
  std::vector<uint8_t> blob;
};

using Cells = std::vector<uint32_t>;

TEST_CASE("root, memory and PSCI as on QEMU's virt board") {
  Tree t(build_virt_dtb(qemu_like()));
  CHECK(t.str("/", "compatible") == "linux,dummy-virt");
  CHECK(t.cells("/", "#address-cells") == Cells{2});
  CHECK(t.cells("/", "#size-cells") == Cells{2});
  CHECK(t.cells("/memory@40000000", "reg") == Cells{0, 0x40000000, 0, 0x40000000});
  CHECK(t.str("/memory@40000000", "device_type") == "memory");
  CHECK(t.raw("/psci", "compatible") == std::string("arm,psci-1.0\0arm,psci-0.2\0arm,psci\0", 35));
  CHECK(t.str("/psci", "method") == "smc");
  CHECK(t.cells("/psci", "cpu_on") == Cells{0xc4000003});
  CHECK(t.cells("/psci", "cpu_off") == Cells{0x84000002});
  CHECK(t.cells("/psci", "cpu_suspend") == Cells{0xc4000001});
  CHECK(t.cells("/psci", "migrate") == Cells{0xc4000005});
}

TEST_CASE("CPUs: one node per core, reg = MPIDR.Aff0, enabled by PSCI, in the cpu-map") {
  Tree t(build_virt_dtb(qemu_like()));
  CHECK(t.cells("/cpus", "#address-cells") == Cells{1});
  CHECK(t.cells("/cpus", "#size-cells") == Cells{0});
  for (unsigned i = 0; i < 2; ++i) {
    const std::string path = "/cpus/cpu@" + std::to_string(i);
    CHECK(t.cells(path.c_str(), "reg") == Cells{i});
    CHECK(t.str(path.c_str(), "enable-method") == "psci");
    CHECK(t.str(path.c_str(), "compatible") == "arm,cortex-a57");
    CHECK(t.str(path.c_str(), "device_type") == "cpu");
    const std::string core = "/cpus/cpu-map/socket0/cluster0/core" + std::to_string(i);
    CHECK(t.cells(core.c_str(), "cpu") == t.cells(path.c_str(), "phandle"));
  }
  CHECK_FALSE(t.has_node("/cpus/cpu@2"));
}

TEST_CASE("GICv3, timer and the interrupt specifiers of each device") {
  Tree t(build_virt_dtb(qemu_like()));
  const char* gic = "/intc@8000000";
  CHECK(t.str(gic, "compatible") == "arm,gic-v3");
  CHECK(t.cells(gic, "#interrupt-cells") == Cells{3});
  CHECK(t.has_prop(gic, "interrupt-controller"));
  // Distributor, then one 128 KiB redistributor frame pair per CPU.
  CHECK(t.cells(gic, "reg") == Cells{0, 0x8000000, 0, 0x10000, 0, 0x80a0000, 0, 2 * 0x20000});
  CHECK(t.cells(gic, "interrupts") == Cells{1, 9, 4});  // Maintenance: PPI 9.
  CHECK(t.cells("/", "interrupt-parent") == t.cells(gic, "phandle"));
  CHECK(t.raw("/timer", "compatible") == std::string("arm,armv8-timer\0arm,armv7-timer\0", 32));
  CHECK(t.cells("/timer", "interrupts") == Cells{1, 13, 4, 1, 14, 4, 1, 11, 4, 1, 10, 4});
  CHECK(t.has_prop("/timer", "always-on"));

  CHECK(t.cells("/pl011@9000000", "reg") == Cells{0, 0x9000000, 0, 0x1000});
  CHECK(t.cells("/pl011@9000000", "interrupts") == Cells{0, 1, 4});
  CHECK(t.raw("/pl011@9000000", "clock-names") == std::string("uartclk\0apb_pclk\0", 17));
  const Cells clk = t.cells("/apb-pclk", "phandle");
  CHECK(t.cells("/pl011@9000000", "clocks") == Cells{clk[0], clk[0]});
  CHECK(t.cells("/apb-pclk", "clock-frequency") == Cells{24000000});
  CHECK(t.cells("/apb-pclk", "#clock-cells") == Cells{0});
  CHECK(t.cells("/pl031@9010000", "interrupts") == Cells{0, 2, 4});
  CHECK(t.cells("/pl031@9010000", "clocks") == clk);

  CHECK(t.cells("/virtio_mmio@a000000", "interrupts") == Cells{0, 16, 1});
  CHECK(t.cells("/virtio_mmio@a003e00", "reg") == Cells{0, 0xa003e00, 0, 0x200});
  CHECK(t.cells("/virtio_mmio@a003e00", "interrupts") == Cells{0, 16 + 31, 1});
  CHECK_FALSE(t.has_node("/virtio_mmio@a004000"));

  CHECK(t.str("/flash@0", "compatible") == "cfi-flash");
  CHECK(t.cells("/flash@0", "bank-width") == Cells{4});
  CHECK(t.cells("/flash@0", "reg") == Cells{0, 0, 0, 0x4000000, 0, 0x4000000, 0, 0x4000000});
}

TEST_CASE("only the devices the board has: no fw-cfg, PCIe, ITS, GPIO or PMU by default") {
  Tree t(build_virt_dtb(qemu_like()));
  for (const char* absent : {"/fw-cfg@9020000", "/pcie@10000000", "/intc@8000000/its@8080000",
                             "/pl061@9030000", "/gpio-keys", "/pmu", "/platform-bus@c000000"})
    CHECK_FALSE(t.has_node(absent));
  VirtBoardDesc d = qemu_like();
  d.pl031 = false;
  d.flash = false;
  d.virtio_slots = 0;
  d.pmu = true;
  Tree u(build_virt_dtb(d));
  CHECK_FALSE(u.has_node("/pl031@9010000"));
  CHECK_FALSE(u.has_node("/flash@0"));
  CHECK_FALSE(u.has_node("/virtio_mmio@a000000"));
  CHECK(u.cells("/pmu", "interrupts") == Cells{1, 7, 4});
}

TEST_CASE("chosen: console, bootargs, initrd and seeds") {
  VirtBoardDesc d = qemu_like();
  Tree plain(build_virt_dtb(d));
  CHECK(plain.str("/chosen", "stdout-path") == "/pl011@9000000");
  CHECK(plain.str("/chosen", "bootargs") == "console=ttyAMA0 earlycon");
  CHECK_FALSE(plain.has_prop("/chosen", "linux,initrd-start"));
  CHECK_FALSE(plain.has_prop("/chosen", "kaslr-seed"));
  // The stdout path names a node that exists.
  CHECK(plain.has_node(plain.str("/chosen", "stdout-path").c_str()));

  d.initrd_start = 0x48000000;
  d.initrd_end = 0x48123456;
  d.kaslr_seed = 0x0123456789abcdef;
  d.rng_seed = {1, 2, 3, 4, 5, 6, 7, 8};
  d.bootargs.clear();
  Tree t(build_virt_dtb(d));
  CHECK_FALSE(t.has_prop("/chosen", "bootargs"));
  CHECK(t.cells("/chosen", "linux,initrd-start") == Cells{0, 0x48000000});
  CHECK(t.cells("/chosen", "linux,initrd-end") == Cells{0, 0x48123456});
  CHECK(t.cells("/chosen", "kaslr-seed") == Cells{0x01234567, 0x89abcdef});
  CHECK(t.raw("/chosen", "rng-seed") == std::string("\1\2\3\4\5\6\7\10", 8));
}

TEST_CASE("GICv2 variant, PSCI 0.2 over HVC, more redistributors, big bootargs") {
  VirtBoardDesc d;
  d.cpus = 3;
  d.gic_v3 = false;
  d.psci_method = "hvc";
  d.psci_1_0 = false;
  d.bootargs.assign(100000, 'x');  // Bigger than the first buffer guess.
  Tree t(build_virt_dtb(d));
  const char* gic = "/intc@8000000";
  CHECK(t.str(gic, "compatible") == "arm,cortex-a15-gic");
  CHECK(t.cells(gic, "reg") == Cells{0, 0x8000000, 0, 0x10000, 0, 0x8010000, 0, 0x10000, 0,
                                     0x8030000, 0, 0x10000, 0, 0x8040000, 0, 0x10000});
  // GICv2 PPIs carry a CPU mask in flags bits [15:8]: 3 CPUs -> 0x7.
  CHECK(t.cells("/timer", "interrupts")[2] == 0x704);
  CHECK(t.raw("/psci", "compatible") == std::string("arm,psci-0.2\0arm,psci\0", 22));
  CHECK(t.str("/psci", "method") == "hvc");
  CHECK(t.str("/chosen", "bootargs").size() == 100000);

  VirtBoardDesc e = qemu_like();
  e.gic_redist_count = 4;
  Tree u(build_virt_dtb(e));
  CHECK(u.cells("/intc@8000000", "reg")[7] == 4 * 0x20000);
}

TEST_CASE("the blob keeps spare room for in-place edits and stays well under 2 MiB") {
  VirtBoardDesc d = qemu_like();
  d.extra_space = 0x4000;
  std::vector<uint8_t> blob = build_virt_dtb(d);
  CHECK(blob.size() == fdt_totalsize(blob.data()));
  CHECK(blob.size() < (2u << 20));
  // A firmware-style edit in place: room enough for a new property.
  CHECK(fdt_setprop_string(blob.data(), fdt_path_offset(blob.data(), "/chosen"), "bootargs",
                           std::string(0x3000, 'y').c_str()) == 0);
}

TEST_CASE("descriptions that are not a virt board are refused") {
  VirtBoardDesc d;
  d.cpus = 0;
  CHECK_THROWS_AS(build_virt_dtb(d), std::invalid_argument);
  d = VirtBoardDesc{};
  d.psci_method = "spin-table";
  CHECK_THROWS_AS(build_virt_dtb(d), std::invalid_argument);
  d = VirtBoardDesc{};
  d.ram_base = 0x8000000;  // Over the GIC.
  CHECK_THROWS_AS(build_virt_dtb(d), std::invalid_argument);
  d = VirtBoardDesc{};
  d.virtio_slots = 33;
  CHECK_THROWS_AS(build_virt_dtb(d), std::invalid_argument);
  d = VirtBoardDesc{};
  d.cpus = 2;
  d.gic_redist_count = 1;
  CHECK_THROWS_AS(build_virt_dtb(d), std::invalid_argument);
}

TEST_CASE("validate_dtb accepts our blobs and rejects damaged ones with one line") {
  const std::vector<uint8_t> good = build_virt_dtb(qemu_like());
  std::string err;
  CHECK(validate_dtb(good, err));

  auto rejects = [](std::span<const uint8_t> blob) {
    std::string e;
    const bool ok = validate_dtb(blob, e);
    INFO(e);
    CHECK_FALSE(ok);
    CHECK_FALSE(e.empty());
    CHECK(e.find('\n') == std::string::npos);
    return e;
  };
  CHECK(rejects({}).find("too short") != std::string::npos);
  CHECK(rejects(std::span(good).first(20)).find("too short") != std::string::npos);
  CHECK(rejects(std::span(good).first(good.size() / 2)).find("truncated") != std::string::npos);

  std::vector<uint8_t> bad = good;
  bad[0] ^= 0xFF;  // Magic.
  CHECK(rejects(bad).find("not a device tree") != std::string::npos);

  bad = good;  // Structure block offset beyond the blob.
  const uint32_t off = fdt_off_dt_struct(good.data());
  fdt_set_off_dt_struct(bad.data(), static_cast<uint32_t>(good.size()) + 16);
  rejects(bad);
  (void)off;

  bad = good;  // Garbage inside the structure block: an invalid tag.
  const uint32_t s = fdt_off_dt_struct(good.data());
  std::memset(bad.data() + s + 8, 0xEE, 16);
  rejects(bad);

  // A property length that wraps libfdt's int offset backwards: libfdt 1.6's
  // fdt_check_full() never returns on it, so validate_dtb must refuse first.
  for (uint32_t len : {0xFFFFFFF4u, 0x7FFFFFF0u}) {
    bad = good;
    const int prop = fdt_first_property_offset(bad.data(), fdt_path_offset(bad.data(), "/"));
    REQUIRE(prop >= 0);
    fdt32_st(bad.data() + fdt_off_dt_struct(bad.data()) + prop + FDT_TAGSIZE, len);
    CHECK(rejects(bad).find("past the block's end") != std::string::npos);
  }

  bad = good;  // Unsupported version.
  fdt_set_version(bad.data(), 99);
  fdt_set_last_comp_version(bad.data(), 99);
  rejects(bad);

  // Random bytes behind a valid magic never crash the check.
  std::vector<uint8_t> noise(4096);
  uint32_t x = 12345;
  for (int round = 0; round < 200; ++round) {
    for (auto& b : noise) b = static_cast<uint8_t>((x = x * 1103515245 + 12345) >> 16);
    std::memcpy(noise.data(), good.data(), 8);  // Magic and a plausible size.
    std::string e;
    validate_dtb(noise, e);
  }
}

// Runs the device tree compiler on our blob: it must decompile with no errors
// and no warnings (dtc runs its semantic checks on dtb input too).
TEST_CASE("dtc decompiles the blob without errors or warnings") {
  if (std::system("command -v dtc >/dev/null 2>&1") != 0) {
    MESSAGE("dtc not installed: skipped");
    return;
  }
  const char* tmp = std::getenv("TEST_TMPDIR");
  for (bool v3 : {true, false}) {
    VirtBoardDesc d = qemu_like();
    d.gic_v3 = v3;
    d.pmu = true;
    d.initrd_start = 0x48000000;
    d.initrd_end = 0x48100000;
    d.kaslr_seed = 1;
    d.rng_seed = {9, 9, 9, 9};
    const std::vector<uint8_t> blob = build_virt_dtb(d);
    const std::string path = std::string(tmp ? tmp : "/tmp") + "/virt-" +
                             std::to_string(::getpid()) + (v3 ? "-v3" : "-v2") + ".dtb";
    std::FILE* f = std::fopen(path.c_str(), "wb");
    REQUIRE(f != nullptr);
    REQUIRE(std::fwrite(blob.data(), 1, blob.size(), f) == blob.size());
    std::fclose(f);
    const std::string cmd = "dtc -I dtb -O dts -o /dev/null '" + path + "' 2>&1";
    std::FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    std::string out;
    char buf[512];
    while (size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    const int status = ::pclose(p);
    std::remove(path.c_str());
    INFO("gic v3: " << v3 << "\n" << out);
    CHECK(status == 0);
    CHECK(out.empty());
  }
}

}  // namespace
}  // namespace el2
