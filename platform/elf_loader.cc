#include "platform/elf_loader.h"

#include <elf.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

namespace el2 {

namespace {

// Reads a T at `offset` of `bytes`, or throws when it would run past the end.
template <typename T>
T read_at(std::span<const uint8_t> bytes, uint64_t offset, const std::string& name,
          const char* what) {
  if (offset > bytes.size() || bytes.size() - offset < sizeof(T))
    throw LoadError(kExitBadImage, fmt::format("{}: truncated ELF ({} at offset {:#x})", name, what, offset));
  T v;
  std::memcpy(&v, bytes.data() + offset, sizeof(T));
  return v;
}

bool fits(uint64_t offset, uint64_t size, uint64_t total) {
  return offset <= total && size <= total - offset;
}

void check_header(const Elf64_Ehdr& eh, const std::string& name) {
  if (std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0)
    throw LoadError(kExitBadImage, fmt::format("{}: not an ELF file", name));
  if (eh.e_ident[EI_CLASS] != ELFCLASS64)
    throw LoadError(kExitBadImage, fmt::format("{}: not a 64-bit ELF file", name));
  if (eh.e_ident[EI_DATA] != ELFDATA2LSB)
    throw LoadError(kExitBadImage, fmt::format("{}: not a little-endian ELF file", name));
  if (eh.e_machine != EM_AARCH64)
    throw LoadError(kExitBadImage,
                    fmt::format("{}: ELF machine is {}, not AArch64 ({})", name, eh.e_machine, EM_AARCH64));
  if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
    throw LoadError(kExitBadImage, fmt::format("{}: ELF type {} is not an executable", name, eh.e_type));
  if (eh.e_phentsize != sizeof(Elf64_Phdr))
    throw LoadError(kExitBadImage, fmt::format("{}: bad program header size {}", name, eh.e_phentsize));
}

std::vector<Symbol> read_symbols(std::span<const uint8_t> bytes, const Elf64_Ehdr& eh,
                                 const std::string& name) {
  std::vector<Symbol> out;
  if (eh.e_shoff == 0 || eh.e_shnum == 0) return out;
  if (eh.e_shentsize != sizeof(Elf64_Shdr) ||
      !fits(eh.e_shoff, uint64_t{eh.e_shnum} * sizeof(Elf64_Shdr), bytes.size()))
    throw LoadError(kExitBadImage, fmt::format("{}: section headers out of bounds", name));
  for (unsigned i = 0; i < eh.e_shnum; ++i) {
    const auto sh = read_at<Elf64_Shdr>(bytes, eh.e_shoff + i * sizeof(Elf64_Shdr), name, "section");
    if (sh.sh_type != SHT_SYMTAB) continue;
    if (sh.sh_entsize != sizeof(Elf64_Sym) || !fits(sh.sh_offset, sh.sh_size, bytes.size()) ||
        sh.sh_link >= eh.e_shnum)
      throw LoadError(kExitBadImage, fmt::format("{}: malformed symbol table", name));
    const auto strtab =
        read_at<Elf64_Shdr>(bytes, eh.e_shoff + sh.sh_link * sizeof(Elf64_Shdr), name, "strtab");
    if (!fits(strtab.sh_offset, strtab.sh_size, bytes.size()))
      throw LoadError(kExitBadImage, fmt::format("{}: string table out of bounds", name));
    const char* strings = reinterpret_cast<const char*>(bytes.data() + strtab.sh_offset);
    for (uint64_t off = 0; off + sizeof(Elf64_Sym) <= sh.sh_size; off += sizeof(Elf64_Sym)) {
      const auto sym = read_at<Elf64_Sym>(bytes, sh.sh_offset + off, name, "symbol");
      const unsigned type = ELF64_ST_TYPE(sym.st_info);
      if (sym.st_name == 0 || sym.st_name >= strtab.sh_size) continue;
      if (sym.st_shndx == SHN_UNDEF || sym.st_shndx == SHN_ABS) continue;  // No address in the image.
      if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE) continue;
      const char* s = strings + sym.st_name;
      const size_t len = strnlen(s, strtab.sh_size - sym.st_name);
      std::string sym_name(s, len);
      // Mapping symbols ($x, $d) and local labels say nothing to a reader.
      if (sym_name.empty() || sym_name[0] == '$' || sym_name.starts_with(".L")) continue;
      out.push_back(Symbol{std::move(sym_name), sym.st_value, sym.st_size, type == STT_FUNC});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Symbol& a, const Symbol& b) { return a.addr < b.addr; });
  return out;
}

}  // namespace

const Symbol* LoadedImage::symbol_at(uint64_t addr) const {
  auto it = std::upper_bound(symbols.begin(), symbols.end(), addr,
                             [](uint64_t a, const Symbol& s) { return a < s.addr; });
  if (it == symbols.begin()) return nullptr;
  return &*std::prev(it);
}

const Symbol* LoadedImage::find_symbol(const std::string& sym) const {
  for (const auto& s : symbols)
    if (s.name == sym) return &s;
  return nullptr;
}

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw LoadError(kExitNoInput, fmt::format("{}: cannot open file", path));
  // One read of the whole file: a kernel Image is tens of MiB, and reading
  // it a character at a time cost a tenth of a second per boot.
  const std::streamoff size = in.tellg();
  if (size < 0) throw LoadError(kExitNoInput, fmt::format("{}: not a regular file", path));
  std::vector<uint8_t> data(static_cast<size_t>(size));
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(data.data()), size))
    throw LoadError(kExitNoInput, fmt::format("{}: read error", path));
  return data;
}

LoadedImage load_elf(std::span<const uint8_t> bytes, const std::string& name, MemoryMap& mem) {
  const auto eh = read_at<Elf64_Ehdr>(bytes, 0, name, "ELF header");
  check_header(eh, name);
  if (eh.e_phnum == 0) throw LoadError(kExitBadImage, fmt::format("{}: no program headers", name));
  if (!fits(eh.e_phoff, uint64_t{eh.e_phnum} * sizeof(Elf64_Phdr), bytes.size()))
    throw LoadError(kExitBadImage, fmt::format("{}: program headers out of bounds", name));

  LoadedImage image;
  image.name = name;
  image.entry = eh.e_entry;
  std::vector<Elf64_Phdr> loads;
  for (unsigned i = 0; i < eh.e_phnum; ++i) {
    const auto ph = read_at<Elf64_Phdr>(bytes, eh.e_phoff + i * sizeof(Elf64_Phdr), name, "phdr");
    if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
    if (ph.p_filesz > ph.p_memsz || !fits(ph.p_offset, ph.p_filesz, bytes.size()))
      throw LoadError(kExitBadImage, fmt::format("{}: segment {} has bad file extent", name, i));
    if (!mem.is_ram(ph.p_paddr, ph.p_memsz))
      throw LoadError(kExitBadImage,
                      fmt::format("{}: segment {} at {:#x}+{:#x} is outside RAM", name, i,
                                  ph.p_paddr, ph.p_memsz));
    for (const auto& other : loads)
      if (ph.p_paddr < other.p_paddr + other.p_memsz && other.p_paddr < ph.p_paddr + ph.p_memsz)
        throw LoadError(kExitBadImage,
                        fmt::format("{}: segment {} at {:#x} overlaps another segment", name, i,
                                    ph.p_paddr));
    loads.push_back(ph);
  }
  if (loads.empty()) throw LoadError(kExitBadImage, fmt::format("{}: no loadable segments", name));
  if (!mem.is_ram(eh.e_entry, 4))
    throw LoadError(kExitBadImage,
                    fmt::format("{}: entry point {:#x} is outside memory", name, eh.e_entry));

  for (const auto& ph : loads) {
    mem.write_phys(ph.p_paddr, bytes.data() + ph.p_offset, ph.p_filesz);
    const std::vector<uint8_t> zeros(ph.p_memsz - ph.p_filesz);
    mem.write_phys(ph.p_paddr + ph.p_filesz, zeros.data(), zeros.size());
    image.segments.push_back(LoadedSegment{ph.p_paddr, ph.p_memsz});
  }
  image.symbols = read_symbols(bytes, eh, name);
  return image;
}

LoadedImage load_elf_file(const std::string& path, MemoryMap& mem) {
  const auto bytes = read_file(path);
  return load_elf(bytes, path, mem);
}

LoadedImage load_raw_file(const std::string& path, uint64_t addr, MemoryMap& mem) {
  const auto bytes = read_file(path);
  if (bytes.empty()) throw LoadError(kExitBadImage, fmt::format("{}: empty file", path));
  if (!mem.is_ram(addr, bytes.size()))
    throw LoadError(kExitBadImage, fmt::format("{}: {:#x}+{:#x} is outside RAM", path, addr,
                                               bytes.size()));
  mem.write_phys(addr, bytes.data(), bytes.size());
  LoadedImage image;
  image.name = path;
  image.entry = addr;
  image.segments.push_back(LoadedSegment{addr, bytes.size()});
  return image;
}

}  // namespace el2
