// The --trace* options of `run`, turned into a Tracer attached to every core.
#pragma once

#include <cstdio>
#include <memory>
#include <vector>

#include "tools/cli/args.h"
#include "tools/trace/tracer.h"

namespace el2::cli {

std::vector<OptionSpec> trace_option_specs();
extern const char* const kTraceOptionsHelp;

// Does nothing when --trace was not given. The tracer writes to --trace-file
// (opened here and closed with the session) or stdout. With `abi` (--check-abi)
// the `hvc` events carry the checker's verdict per call; the checker must
// already observe the cores, so that it judges an ERET before the tracer
// prints it.
class TraceSession {
 public:
  TraceSession(const Args& args, Machine& machine, stubs::Checker* abi = nullptr);
  ~TraceSession();
  TraceSession(const TraceSession&) = delete;
  TraceSession& operator=(const TraceSession&) = delete;

 private:
  std::FILE* file_ = nullptr;
  std::unique_ptr<Tracer> tracer_;
  stubs::Checker* abi_ = nullptr;
};

}  // namespace el2::cli
