// Runs an MMU test image in-process and captures its console output.
#pragma once

#include <cstdio>
#include <string>

#include "platform/machine.h"

namespace el2::mmutest {

struct Run {
  RunResult result;
  std::string output;
};

inline Run run_image(const std::string& path, MachineConfig config = {}) {
  std::FILE* out = std::tmpfile();
  config.console = out;
  Run run;
  {
    Machine m(config);
    m.reset(m.load_elf(path).entry);
    run.result = m.run(50'000'000);
  }
  std::fflush(out);
  std::rewind(out);
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, out)) > 0) run.output.append(buf, n);
  std::fclose(out);
  return run;
}

}  // namespace el2::mmutest
