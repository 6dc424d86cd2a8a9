#include "tools/fuzz/fuzz_machine.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <stdexcept>

#include "tools/fuzz/driver/layout.h"
#include "tools/fuzz/el1_registers.h"

namespace el2 {
extern const unsigned char kFuzzDriverImage[];
extern const unsigned long kFuzzDriverImage_size;
}  // namespace el2

namespace el2::fuzz {

namespace {

// Where stubs are linked: the RAM window of `el2emu run`'s default machine.
constexpr uint64_t kStubWindowBase = 0x4000'0000;
constexpr uint64_t kStubWindowSize = 1ull << 30;
constexpr uint64_t kRamGranule = 0x10000;
constexpr uint64_t kBootBudget = 1000;

std::optional<uint64_t> parse_address(const std::string& s) {
  if (s.empty() || s[0] == '-') return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const uint64_t v = std::strtoull(s.c_str(), &end, 0);
  if (errno || *end) return std::nullopt;
  return v;
}

uint64_t symbol(const LoadedImage& img, const std::string& name) {
  const Symbol* s = img.find_symbol(name);
  if (!s) throw std::logic_error("the fuzz driver has no symbol " + name);
  return s->addr;
}

}  // namespace

FuzzMachine::FuzzMachine(TargetConfig config)
    : config_(std::move(config)), sink_(nullptr, &std::fclose) {
  stub_bytes_ = read_file(config_.stub_path);

  // The stub's extent, from a load into the usual RAM window; the fuzz
  // machine's RAM covers only that, so a snapshot restore copies little.
  MemoryMap probe;
  probe.add_ram("ram", kStubWindowBase, kStubWindowSize);
  const LoadedImage img = load_elf(stub_bytes_, config_.stub_path, probe);
  uint64_t lo = ~uint64_t{0}, hi = 0;
  for (const LoadedSegment& seg : img.segments) {
    lo = std::min(lo, seg.base);
    hi = std::max(hi, seg.base + seg.size);
  }
  if (lo >= hi) throw LoadError(kExitBadImage, config_.stub_path + ": no loadable segments");
  const uint64_t base = lo & ~(kRamGranule - 1);
  const uint64_t need = ((hi + kRamGranule - 1) & ~(kRamGranule - 1)) - base;

  machine_config_.cpu = config_.cpu;
  machine_config_.has_el2 = true;
  machine_config_.has_el3 = false;  // SMCs from EL1 go to the built-in PSCI firmware.
  machine_config_.entry_el = 2;
  machine_config_.ram_base = base;
  machine_config_.ram_size = config_.ram_size ? config_.ram_size : need;
  machine_config_.psci = true;
  // The ABI checks need function, not cycles: the timing model would be the
  // biggest cost per run.
  machine_config_.timing = false;
  machine_config_.psci_config.conduit = PsciConduit::kSmc;
  if (!config_.console) {
    sink_.reset(std::fopen("/dev/null", "w"));
    if (!sink_) throw std::runtime_error("cannot open /dev/null");
  }
  machine_config_.console = config_.console ? config_.console : sink_.get();
  machine_ = build();

  const LoadedImage& stub = machine_->images().at(0);
  if (const Symbol* s = stub.find_symbol(config_.vectors))
    stub_vectors_ = s->addr;
  else if (auto a = parse_address(config_.vectors))
    stub_vectors_ = *a;
  else
    throw LoadError(kExitBadImage,
                    fmt::format("{}: no symbol '{}' (name the stub's vector table with --vectors)",
                                config_.stub_path, config_.vectors));

  const LoadedImage& drv = machine_->images().at(1);
  driver_.el2_boot = symbol(drv, "fz_el2_boot");
  driver_.el1_park = symbol(drv, "fz_el1_park");
  driver_.el1_hvc = symbol(drv, "fz_el1_hvc");
  driver_.el1_smc = symbol(drv, "fz_el1_smc");
  driver_.restart_target = symbol(drv, "fz_restart_target");
  driver_.hyp_vectors = symbol(drv, "fz_hyp_vectors");
  driver_.stub_vectors_word = symbol(drv, "fz_stub_vectors");
  for (std::string_view reg : el1_registers())
    driver_.msr_gadgets[std::string(reg)] = symbol(drv, "fz_msr_" + std::string(reg));

  // Boot once, as a kernel entered at EL2 would: install the stub, drop to EL1.
  machine_->memory().write_phys(driver_.stub_vectors_word, &stub_vectors_, sizeof stub_vectors_);
  machine_->reset(driver_.el2_boot);
  Cpu& cpu = machine_->cpu();
  for (uint64_t n = 0;
       n < kBootBudget && !(cpu.state().pstate.el == 1 && cpu.pc() == driver_.el1_park); ++n)
    cpu.step();
  if (cpu.state().pstate.el != 1 || cpu.pc() != driver_.el1_park)
    throw std::logic_error(fmt::format("the fuzz driver did not reach EL1 (PC {:#x} at EL{})",
                                       cpu.pc(), cpu.state().pstate.el));
  snapshot_.emplace(*machine_);
}

FuzzMachine::~FuzzMachine() = default;

std::unique_ptr<PowerCycledMachine> FuzzMachine::build() {
  auto m = std::make_unique<PowerCycledMachine>(machine_config_);
  m->memory().add_ram("fuzz-driver", FZ_DRIVER_BASE, FZ_DRIVER_SIZE);
  m->load_elf_bytes(stub_bytes_, config_.stub_path);
  m->load_elf_bytes({kFuzzDriverImage, kFuzzDriverImage_size}, "fuzz driver");
  for (auto& hook : hooks_) hook(*m);
  return m;
}

bool FuzzMachine::stopped() const {
  for (unsigned i = 0; i < machine_->core_count(); ++i)
    if (machine_->cpu(i).stop_reason() != StopReason::kNone) return true;
  return false;
}

void FuzzMachine::restore(bool fresh) {
  if (fresh || stopped()) {
    machine_.reset();  // Observers see the old machine go before the new one comes.
    machine_ = build();
    ++rebuilds_;
  }
  snapshot_->restore(*machine_);
  machine_->take_system_event();
}

void FuzzMachine::on_build(std::function<void(Machine&)> hook) {
  hook(*machine_);
  hooks_.push_back(std::move(hook));
}

}  // namespace el2::fuzz
