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

// Null when --trace was not given. The returned tracer writes to --trace-file
// (opened here and closed with the session) or stdout.
class TraceSession {
 public:
  TraceSession(const Args& args, Machine& machine);
  ~TraceSession();
  TraceSession(const TraceSession&) = delete;
  TraceSession& operator=(const TraceSession&) = delete;

 private:
  std::FILE* file_ = nullptr;
  std::unique_ptr<Tracer> tracer_;
};

}  // namespace el2::cli
