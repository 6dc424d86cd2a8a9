#include "platform/machine.h"

#include <stdexcept>

#include <fmt/format.h>

#include "platform/semihosting.h"

namespace el2 {

namespace {

constexpr uint64_t kScrNs = 1ull << 0;
constexpr uint64_t kScrHce = 1ull << 8;
constexpr uint64_t kScrRw = 1ull << 10;
constexpr uint64_t kHcrRw = 1ull << 31;

CpuModel configured_model(const MachineConfig& c) {
  const CpuModel* base = find_cpu_model(c.cpu);
  if (!base) throw std::invalid_argument(fmt::format("unknown CPU model '{}'", c.cpu));
  CpuModel m = *base;
  m.has_el2 = c.has_el2;
  m.has_el3 = c.has_el3;
  return m;
}

}  // namespace

Machine::Machine(const MachineConfig& config) : config_(config), model_(configured_model(config)) {
  const unsigned highest = model_.has_el3 ? 3 : model_.has_el2 ? 2 : 1;
  if (config_.entry_el == 0) config_.entry_el = highest;
  if (config_.entry_el > highest || (config_.entry_el == 2 && !model_.has_el2))
    throw std::invalid_argument(fmt::format("EL{} is not implemented on this machine", config_.entry_el));
  if (config_.entry_el < 1)
    throw std::invalid_argument("the entry EL must be 1, 2 or 3");
  mem_.add_ram("ram", config_.ram_base, config_.ram_size);
  cpu_ = std::make_unique<Cpu>(model_, mem_, 0);
  if (config_.semihosting) cpu_->set_host_services(this);
}

Machine::~Machine() = default;

const LoadedImage& Machine::load_elf(const std::string& path) {
  images_.push_back(load_elf_file(path, mem_));
  return images_.back();
}

const LoadedImage& Machine::load_elf_bytes(std::span<const uint8_t> bytes, const std::string& name) {
  images_.push_back(el2::load_elf(bytes, name, mem_));
  return images_.back();
}

const LoadedImage& Machine::load_raw(const std::string& path, uint64_t addr) {
  images_.push_back(load_raw_file(path, addr, mem_));
  return images_.back();
}

void Machine::reset(uint64_t pc) {
  CpuState& s = cpu_->state();
  s.pc = pc;
  s.pstate = Pstate{};
  s.pstate.el = static_cast<uint8_t>(config_.entry_el);
  // Entering below EL3 means firmware has already configured the higher ELs
  // for a Non-secure AArch64 world with HVC enabled (as TF-A leaves them).
  if (model_.has_el3 && config_.entry_el < 3) s.sys.scr_el3 |= kScrNs | kScrRw | kScrHce;
  if (model_.has_el2 && config_.entry_el < 2) s.sys.hcr_el2 |= kHcrRw;
  cpu_->control_state_changed();
}

RunResult Machine::run(uint64_t max_insns) {
  RunResult r;
  r.reason = cpu_->run(max_insns);
  r.exit_code = cpu_->exit_code();
  r.insns = cpu_->insn_count();
  r.message = cpu_->stop_message();
  return r;
}

std::string Machine::symbolize(uint64_t addr) const {
  for (const auto& img : images_) {
    const Symbol* s = img.symbol_at(addr);
    if (!s) continue;
    if (s->size && addr >= s->addr + s->size) continue;
    return addr == s->addr ? s->name : fmt::format("{}+{:#x}", s->name, addr - s->addr);
  }
  return {};
}

bool Machine::firmware_call(Cpu&, bool, uint16_t) { return false; }

bool Machine::semihosting(Cpu& cpu) {
  semihosting::handle(cpu, config_.console);
  return true;
}

}  // namespace el2
