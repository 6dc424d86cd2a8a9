// libFuzzer harness: validate_dtb (platform/fdt/virt_dtb.h), which checks a
// user's --dtb blob, on any bytes. It must answer, never crash; a refusal
// must say why.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "platform/fdt/virt_dtb.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string error;
  if (!el2::validate_dtb({data, size}, error) && error.empty()) std::abort();
  return 0;
}
