// ESR encodings, field by field, against the layouts in the Arm ARM
// (D17.2.37 ESR_EL1 and the ISS encoding for each exception class).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "exceptions/syndrome.h"

namespace el2 {
namespace {

uint32_t field(uint32_t v, unsigned hi, unsigned lo) { return (v >> lo) & ((1u << (hi - lo + 1)) - 1); }

TEST_CASE("EC, IL and ISS positions") {
  const uint32_t esr = syn::make(ExceptionClass::kHvc64, 0x1234, true);
  CHECK(field(esr, 31, 26) == 0x16);
  CHECK(field(esr, 25, 25) == 1);
  CHECK(field(esr, 24, 0) == 0x1234);
  CHECK(syn::make(ExceptionClass::kSvc64, 0, false) == 0x15u << 26);
}

TEST_CASE("each class has its architectural EC value") {
  CHECK(syn::unknown() == 0x0200'0000);
  CHECK(field(syn::wfx(false), 31, 26) == 0x01);
  CHECK(field(syn::fp_access(), 31, 26) == 0x07);
  CHECK(field(syn::illegal_state(), 31, 26) == 0x0E);
  CHECK(field(syn::svc(0), 31, 26) == 0x15);
  CHECK(field(syn::hvc(0), 31, 26) == 0x16);
  CHECK(field(syn::smc(0), 31, 26) == 0x17);
  CHECK(field(syn::sysreg_trap(3, 0, 1, 0, 0, 0, true), 31, 26) == 0x18);
  CHECK(field(syn::insn_abort(false, 0), 31, 26) == 0x20);
  CHECK(field(syn::insn_abort(true, 0), 31, 26) == 0x21);
  CHECK(field(syn::pc_alignment(), 31, 26) == 0x22);
  CHECK(field(syn::data_abort(false, {}), 31, 26) == 0x24);
  CHECK(field(syn::data_abort(true, {}), 31, 26) == 0x25);
  CHECK(field(syn::sp_alignment(), 31, 26) == 0x26);
  CHECK(field(syn::serror(), 31, 26) == 0x2F);
  CHECK(field(syn::brk(0), 31, 26) == 0x3C);
}

TEST_CASE("SVC/HVC/SMC/BRK carry imm16 in ISS[15:0]") {
  CHECK(field(syn::svc(0xBEEF), 15, 0) == 0xBEEF);
  CHECK(field(syn::hvc(0xFFFF), 24, 0) == 0xFFFF);
  CHECK(field(syn::smc(1), 15, 0) == 1);
  CHECK(field(syn::brk(0x3E8), 15, 0) == 0x3E8);
}

TEST_CASE("WFx ISS: CV=1, COND=0xE, TI") {
  const uint32_t wfi = syn::wfx(false), wfe = syn::wfx(true);
  CHECK(field(wfi, 24, 24) == 1);
  CHECK(field(wfi, 23, 20) == 0xE);
  CHECK(field(wfi, 1, 0) == 0);
  CHECK(field(wfe, 1, 0) == 1);
}

TEST_CASE("MSR/MRS trap ISS: Op0, Op2, Op1, CRn, Rt, CRm, Direction") {
  // MRS x5, HCR_EL2-like encoding op0=3 op1=4 CRn=1 CRm=1 op2=0.
  const uint32_t esr = syn::sysreg_trap(3, 4, 1, 1, 0, 5, true);
  CHECK(field(esr, 21, 20) == 3);
  CHECK(field(esr, 19, 17) == 0);
  CHECK(field(esr, 16, 14) == 4);
  CHECK(field(esr, 13, 10) == 1);
  CHECK(field(esr, 9, 5) == 5);
  CHECK(field(esr, 4, 1) == 1);
  CHECK(field(esr, 0, 0) == 1);
  const uint32_t w = syn::sysreg_trap(2, 7, 15, 14, 6, 30, false);
  CHECK(field(w, 21, 20) == 2);
  CHECK(field(w, 19, 17) == 6);
  CHECK(field(w, 16, 14) == 7);
  CHECK(field(w, 13, 10) == 15);
  CHECK(field(w, 9, 5) == 30);
  CHECK(field(w, 4, 1) == 14);
  CHECK(field(w, 0, 0) == 0);
}

TEST_CASE("abort ISS: DFSC/IFSC, WnR, S1PTW, and the ISV group") {
  const uint32_t ia = syn::insn_abort(true, syn::fsc::translation(3), true);
  CHECK(field(ia, 5, 0) == 0x07);
  CHECK(field(ia, 7, 7) == 1);
  CHECK(field(ia, 24, 24) == 0);
  syn::DataAbortInfo d{.dfsc = syn::fsc::permission(2), .write = true};
  uint32_t da = syn::data_abort(false, d);
  CHECK(field(da, 5, 0) == 0x0E);
  CHECK(field(da, 6, 6) == 1);
  CHECK(field(da, 24, 24) == 0);
  CHECK(field(da, 23, 14) == 0);  // No ISV: SAS..AR are RES0.
  d = {.dfsc = syn::fsc::kSyncExternal, .isv = true, .sas = 3, .sse = true, .srt = 17, .sf = true,
       .ar = true};
  da = syn::data_abort(true, d);
  CHECK(field(da, 24, 24) == 1);
  CHECK(field(da, 23, 22) == 3);
  CHECK(field(da, 21, 21) == 1);
  CHECK(field(da, 20, 16) == 17);
  CHECK(field(da, 15, 15) == 1);
  CHECK(field(da, 14, 14) == 1);
  CHECK(field(da, 5, 0) == 0x10);
}

TEST_CASE("fault status codes") {
  CHECK(syn::fsc::address_size(0) == 0x00);
  CHECK(syn::fsc::translation(1) == 0x05);
  CHECK(syn::fsc::access_flag(2) == 0x0A);
  CHECK(syn::fsc::permission(3) == 0x0F);
  CHECK(syn::fsc::kSyncExternal == 0x10);
  CHECK(syn::fsc::kAlignment == 0x21);
}

TEST_CASE("decoding helpers invert make()") {
  const uint32_t esr = syn::brk(7);
  CHECK(syn::ec_of(esr) == ExceptionClass::kBrk64);
  CHECK(syn::iss_of(esr) == 7);
  CHECK(syn::il_of(esr));
  CHECK(std::string(exception_class_name(ExceptionClass::kHvc64)) == "HVC64");
}

}  // namespace
}  // namespace el2
