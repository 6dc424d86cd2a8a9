// libFuzzer harness: the ELF loader (platform/elf_loader.h) on any bytes.
// Malformed input must end in a LoadError, never a crash, a hang or another
// exception; a loaded image's symbol lookups must work.
#include <cstddef>
#include <cstdint>

#include "platform/elf_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // RAM where test images are linked; segments elsewhere are load errors.
  static el2::MemoryMap* mem = [] {
    auto* m = new el2::MemoryMap;
    m->add_ram("ram", 0x4000'0000, 1 << 20);
    return m;
  }();
  try {
    const el2::LoadedImage img = el2::load_elf({data, size}, "fuzz.elf", *mem);
    for (const el2::Symbol& s : img.symbols) {
      img.symbol_at(s.addr + s.size / 2);
      img.find_symbol(s.name);
    }
    img.symbol_at(img.entry);
  } catch (const el2::LoadError&) {
  }
  return 0;
}
