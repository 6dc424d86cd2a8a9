#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <elf.h>

#include <cstring>
#include <vector>

#include "platform/elf_loader.h"

namespace el2 {
namespace {

constexpr uint64_t kRam = 0x4000'0000;

struct Segment {
  uint64_t paddr;
  std::vector<uint8_t> data;
  uint64_t memsz;
};

// Builds a minimal AArch64 ELF64 executable: header, program headers, payloads.
std::vector<uint8_t> make_elf(const std::vector<Segment>& segs, uint64_t entry) {
  std::vector<uint8_t> out(sizeof(Elf64_Ehdr) + segs.size() * sizeof(Elf64_Phdr));
  Elf64_Ehdr eh{};
  std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
  eh.e_ident[EI_CLASS] = ELFCLASS64;
  eh.e_ident[EI_DATA] = ELFDATA2LSB;
  eh.e_ident[EI_VERSION] = EV_CURRENT;
  eh.e_type = ET_EXEC;
  eh.e_machine = EM_AARCH64;
  eh.e_version = EV_CURRENT;
  eh.e_entry = entry;
  eh.e_phoff = sizeof(Elf64_Ehdr);
  eh.e_ehsize = sizeof(Elf64_Ehdr);
  eh.e_phentsize = sizeof(Elf64_Phdr);
  eh.e_phnum = static_cast<uint16_t>(segs.size());
  std::memcpy(out.data(), &eh, sizeof(eh));
  for (size_t i = 0; i < segs.size(); ++i) {
    Elf64_Phdr ph{};
    ph.p_type = PT_LOAD;
    ph.p_offset = out.size();
    ph.p_vaddr = ph.p_paddr = segs[i].paddr;
    ph.p_filesz = segs[i].data.size();
    ph.p_memsz = segs[i].memsz;
    std::memcpy(out.data() + sizeof(Elf64_Ehdr) + i * sizeof(Elf64_Phdr), &ph, sizeof(ph));
    out.insert(out.end(), segs[i].data.begin(), segs[i].data.end());
  }
  return out;
}

std::vector<uint8_t> good_elf() {
  return make_elf({{kRam, {1, 2, 3, 4, 5, 6, 7, 8}, 16}}, kRam);
}

ExitCode load_error_code(const std::vector<uint8_t>& bytes, MemoryMap& mem) {
  try {
    load_elf(bytes, "test.elf", mem);
  } catch (const LoadError& e) {
    return e.code();
  }
  return kExitOk;
}

TEST_CASE("a good ELF loads its bytes, zeroes BSS and reports the entry") {
  MemoryMap mem;
  mem.add_ram("ram", kRam, 0x10000);
  uint64_t junk = ~uint64_t{0};
  mem.write_phys(kRam + 8, &junk, 8);  // BSS must be cleared even over old data.
  const LoadedImage img = load_elf(good_elf(), "good.elf", mem);
  CHECK(img.entry == kRam);
  REQUIRE(img.segments.size() == 1);
  CHECK(img.segments[0].size == 16);
  uint8_t back[16];
  mem.read_phys(kRam, back, 16);
  for (int i = 0; i < 8; ++i) CHECK(back[i] == i + 1);
  for (int i = 8; i < 16; ++i) CHECK(back[i] == 0);
}

TEST_CASE("malformed headers are rejected with the bad-image code") {
  MemoryMap mem;
  mem.add_ram("ram", kRam, 0x10000);
  auto elf = good_elf();
  SUBCASE("not ELF") { elf[0] = 'X'; }
  SUBCASE("32-bit") { elf[EI_CLASS] = ELFCLASS32; }
  SUBCASE("big-endian") { elf[EI_DATA] = ELFDATA2MSB; }
  SUBCASE("x86-64") {
    const uint16_t machine = EM_X86_64;
    std::memcpy(elf.data() + offsetof(Elf64_Ehdr, e_machine), &machine, 2);
  }
  SUBCASE("relocatable object") {
    const uint16_t type = ET_REL;
    std::memcpy(elf.data() + offsetof(Elf64_Ehdr, e_type), &type, 2);
  }
  SUBCASE("program headers past the end") {
    const uint64_t phoff = 1 << 20;
    std::memcpy(elf.data() + offsetof(Elf64_Ehdr, e_phoff), &phoff, 8);
  }
  SUBCASE("filesz larger than memsz") {
    const uint64_t memsz = 4;
    std::memcpy(elf.data() + sizeof(Elf64_Ehdr) + offsetof(Elf64_Phdr, p_memsz), &memsz, 8);
  }
  SUBCASE("segment data past the end of the file") {
    const uint64_t off = 1 << 20;
    std::memcpy(elf.data() + sizeof(Elf64_Ehdr) + offsetof(Elf64_Phdr, p_offset), &off, 8);
  }
  CHECK(load_error_code(elf, mem) == kExitBadImage);
}

TEST_CASE("placement errors: outside RAM, overlapping, entry outside memory") {
  MemoryMap mem;
  mem.add_ram("ram", kRam, 0x10000);
  CHECK(load_error_code(make_elf({{0x1000, {1}, 1}}, kRam), mem) == kExitBadImage);
  CHECK(load_error_code(make_elf({{kRam + 0xFFFF, {1, 2}, 2}}, kRam), mem) == kExitBadImage);
  CHECK(load_error_code(make_elf({{kRam, {1, 2}, 0x100}, {kRam + 0x80, {3}, 1}}, kRam), mem) ==
        kExitBadImage);
  CHECK(load_error_code(make_elf({{kRam, {1, 2, 3, 4}, 4}}, 0x10), mem) == kExitBadImage);
  CHECK(load_error_code(make_elf({}, kRam), mem) == kExitBadImage);
}

TEST_CASE("every truncation of a real image fails cleanly or loads") {
  MemoryMap mem;
  mem.add_ram("ram", kRam, 1 << 20);
  const auto full = read_file("tests/images/hello.elf");
  REQUIRE(full.size() > 64);
  for (size_t len = 0; len < full.size(); len += (len < 256 ? 1 : 97)) {
    const std::vector<uint8_t> part(full.begin(), full.begin() + static_cast<long>(len));
    const ExitCode code = load_error_code(part, mem);
    CHECK((code == kExitBadImage || code == kExitOk));
  }
}

TEST_CASE("symbols of a real image are read and looked up by address") {
  MemoryMap mem;
  mem.add_ram("ram", kRam, 1 << 20);
  const LoadedImage img = load_elf_file("tests/images/hello.elf", mem);
  const Symbol* start = img.find_symbol("_start");
  const Symbol* main_sym = img.find_symbol("main");
  REQUIRE(start != nullptr);
  REQUIRE(main_sym != nullptr);
  CHECK(start->addr == img.entry);
  CHECK(main_sym->is_function);
  CHECK(img.symbol_at(main_sym->addr + 4) == main_sym);
  CHECK(img.find_symbol("IMAGE_BASE") == nullptr);  // Absolute symbols are not code.
}

TEST_CASE("a missing file is a no-input error") {
  MemoryMap mem;
  try {
    load_elf_file("/nonexistent/image.elf", mem);
    FAIL("expected LoadError");
  } catch (const LoadError& e) {
    CHECK(e.code() == kExitNoInput);
  }
}

}  // namespace
}  // namespace el2
