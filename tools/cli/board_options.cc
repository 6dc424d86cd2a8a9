#include "tools/cli/board_options.h"

#include <fmt/format.h>

#include "platform/image_loader.h"

namespace el2::cli {

const char* const kBoardOptionsHelp =
    "Board options:\n"
    "  --board B         bare (RAM and semihosting only; the default for ELFs) or\n"
    "                    virt (QEMU's virt machine: GICv3, PL011, PL031, flash,\n"
    "                    virtio-mmio slots; EL2 without EL3, PSCI over SMC)\n"
    "  --bios FILE       firmware in flash at 0 (DTB at the start of RAM); implies virt\n"
    "  --dtb FILE        use this device tree instead of the generated one\n"
    "  --append ARGS     kernel command line (/chosen/bootargs)\n"
    "  --initrd FILE     initramfs for a Linux Image\n"
    "  --serial DEST     the UART: stdio (default; input from stdin), FILE, or none\n";

std::vector<OptionSpec> board_option_specs() {
  return {{"--board", true},  {"--bios", true},   {"--dtb", true},
          {"--append", true}, {"--initrd", true}, {"--serial", true}};
}

namespace {

bool is_linux_image_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  uint8_t header[64] = {};
  const size_t n = std::fread(header, 1, sizeof header, f);
  std::fclose(f);
  return is_linux_image(std::span<const uint8_t>(header, n));
}

}  // namespace

bool wants_virt_board(const Args& args) {
  if (const auto b = args.value("--board")) {
    if (*b != "virt" && *b != "bare")
      throw UsageError(fmt::format("--board '{}': expected bare or virt", *b));
    if (*b == "bare") {
      for (const char* o : {"--bios", "--dtb", "--initrd", "--append"})
        if (args.value(o)) throw UsageError(fmt::format("{} needs --board virt", o));
      return false;
    }
    return true;
  }
  if (args.value("--bios") || args.value("--dtb") || args.value("--initrd")) return true;
  for (const auto& p : args.positionals())
    if (is_linux_image_file(p)) return true;
  return false;
}

void configure_for_virt(const Args& args, MachineConfig& c) {
  if (args.u64("--entry-el", 0) != 3) c.has_el3 = false;
  if (!args.value("--psci-conduit"))
    c.psci_config.conduit = c.has_el3 || !c.has_el2 ? PsciConduit::kHvc : PsciConduit::kSmc;
  if (c.has_el3 && c.psci_config.conduit == PsciConduit::kSmc)
    throw UsageError(
        "with EL3 on the virt board the built-in PSCI firmware needs --psci-conduit hvc");
}

SerialOutput::SerialOutput(const Args& args) {
  const std::string dest = args.value("--serial").value_or("stdio");
  if (dest == "stdio") return;
  stdin_ = false;
  if (dest == "none") {
    file_ = nullptr;
    return;
  }
  file_ = std::fopen(dest.c_str(), "wb");
  if (!file_) throw UsageError(fmt::format("--serial '{}': cannot open for writing", dest));
  owned_ = true;
}

SerialOutput::~SerialOutput() {
  if (owned_) std::fclose(file_);
}

VirtBoard& attach_virt_board(Machine& machine, const SerialOutput& serial) {
  return VirtBoard::attach(machine, VirtBoardOptions{serial.file(), serial.takes_stdin() ? 0 : -1});
}

VirtBootInfo boot_virt_board(const Args& args, Machine& machine, VirtBoard& board) {
  VirtBootSpec spec;
  spec.bios = args.value("--bios").value_or("");
  spec.dtb_file = args.value("--dtb").value_or("");
  spec.bootargs = args.value("--append").value_or("");
  spec.initrd = args.value("--initrd").value_or("");
  for (const auto& p : args.positionals()) {
    if (is_linux_image_file(p)) {
      if (!spec.kernel.empty()) throw UsageError("only one Linux Image can run");
      spec.kernel = p;
    } else {
      spec.elves.push_back(p);
    }
  }
  return boot_virt(machine, board, spec);
}

}  // namespace el2::cli
