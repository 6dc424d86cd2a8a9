// Loads AArch64 ELF64 executables into physical memory and keeps their symbol
// tables for symbolisation. Every malformed input is a LoadError with one line
// of explanation, never a crash.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "platform/exit_codes.h"
#include "platform/memory_map.h"

namespace el2 {

class LoadError : public std::runtime_error {
 public:
  LoadError(ExitCode code, const std::string& what) : std::runtime_error(what), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

struct Symbol {
  std::string name;
  uint64_t addr = 0;
  uint64_t size = 0;
  bool is_function = false;
};

struct LoadedSegment {
  uint64_t base = 0;  // Physical (load) address.
  uint64_t size = 0;  // Bytes in memory (p_memsz).
};

struct LoadedImage {
  std::string name;
  uint64_t entry = 0;
  std::vector<LoadedSegment> segments;
  std::vector<Symbol> symbols;  // Sorted by address.

  // The symbol covering `addr` (or the nearest one before it), or nullptr.
  const Symbol* symbol_at(uint64_t addr) const;
  const Symbol* find_symbol(const std::string& name) const;
};

std::vector<uint8_t> read_file(const std::string& path);  // Throws LoadError.

// Parses and loads an ELF image given as bytes. `name` is used in messages.
LoadedImage load_elf(std::span<const uint8_t> bytes, const std::string& name, MemoryMap& mem);
LoadedImage load_elf_file(const std::string& path, MemoryMap& mem);

// Copies a raw binary to `addr` (--load FILE@ADDR).
LoadedImage load_raw_file(const std::string& path, uint64_t addr, MemoryMap& mem);

}  // namespace el2
