#include "exceptions/syndrome.h"

namespace el2 {

const char* exception_class_name(ExceptionClass ec) {
  switch (ec) {
    case ExceptionClass::kUnknown: return "Unknown";
    case ExceptionClass::kWfx: return "WFx";
    case ExceptionClass::kFpAccess: return "FP access";
    case ExceptionClass::kIllegalState: return "Illegal state";
    case ExceptionClass::kSvc64: return "SVC64";
    case ExceptionClass::kHvc64: return "HVC64";
    case ExceptionClass::kSmc64: return "SMC64";
    case ExceptionClass::kSysReg: return "MSR/MRS/SYS trap";
    case ExceptionClass::kInsnAbortLower: return "Instruction abort (lower EL)";
    case ExceptionClass::kInsnAbortSame: return "Instruction abort (same EL)";
    case ExceptionClass::kPcAlignment: return "PC alignment";
    case ExceptionClass::kDataAbortLower: return "Data abort (lower EL)";
    case ExceptionClass::kDataAbortSame: return "Data abort (same EL)";
    case ExceptionClass::kSpAlignment: return "SP alignment";
    case ExceptionClass::kSError: return "SError";
    case ExceptionClass::kBrk64: return "BRK64";
  }
  return "Reserved";
}

}  // namespace el2
