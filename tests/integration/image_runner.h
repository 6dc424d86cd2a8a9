// Runs a test image in-process and captures its console output.
#pragma once

#include <cstdio>
#include <string>

#include "platform/machine.h"

namespace el2::testing {

struct ImageRun {
  RunResult result;
  std::string output;
  CpuState final_state;
};

inline ImageRun run_image(const std::string& path, MachineConfig config = {},
                          uint64_t max_insns = 10'000'000) {
  std::FILE* out = std::tmpfile();
  config.console = out;
  Machine m(config);
  const LoadedImage& img = m.load_elf(path);
  m.reset(img.entry);
  ImageRun run;
  run.result = m.run(max_insns);
  run.final_state = m.cpu().state();
  std::fflush(out);
  std::rewind(out);
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, out)) > 0) run.output.append(buf, n);
  std::fclose(out);
  return run;
}

}  // namespace el2::testing
