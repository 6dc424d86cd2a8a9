// Prints exception entries and returns as they happen, with symbols: the
// demo's "what happened" (the full tracer is issue F8).
#pragma once

#include <cstdio>
#include <map>

#include "platform/machine.h"

namespace el2::cli {

class EventLog : public ExceptionObserver {
 public:
  EventLog(const Machine& machine, std::FILE* out) : machine_(machine), out_(out) {}

  void on_exception(Cpu& cpu, const Exception& e, const ExceptionEntry& entry) override;
  void on_exception_return(Cpu& cpu, const ExceptionReturn& ret) override;

  // Exceptions taken, by exception class name.
  const std::map<std::string, uint64_t>& counts() const { return counts_; }

 private:
  const Machine& machine_;
  std::FILE* out_;
  std::map<std::string, uint64_t> counts_;
};

}  // namespace el2::cli
