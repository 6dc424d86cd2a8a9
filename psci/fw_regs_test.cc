// Firmware pseudo-registers: one test per rule of
// ../shared/spec/STUB_AND_PSCI_FACTS.md C.7 (values from there).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "psci/fw_regs.h"

#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "psci/ids.h"
#include "psci/test_support.h"

namespace el2 {
namespace {

using testing::Rig;

constexpr uint64_t kVersionReg = 0x6030'0000'0014'0000;
constexpr uint64_t kWa1 = 0x6030'0000'0014'0001;
constexpr uint64_t kWa2 = 0x6030'0000'0014'0002;
constexpr uint64_t kWa3 = 0x6030'0000'0014'0003;
constexpr uint64_t kStd = 0x6030'0000'0016'0000;
constexpr uint64_t kStdHyp = 0x6030'0000'0016'0001;
constexpr uint64_t kVendorHyp = 0x6030'0000'0016'0002;

uint64_t get(const PsciFirmware& fw, uint64_t id, unsigned core = 0) {
  uint64_t v = 0xBAD;
  REQUIRE(fw_reg_get(fw, core, id, v) == 0);
  return v;
}

TEST_CASE("the register IDs use KVM's encoding") {
  CHECK(fwreg::kPsciVersion == kVersionReg);
  CHECK(fwreg::kWorkaround1 == kWa1);
  CHECK(fwreg::kWorkaround2 == kWa2);
  CHECK(fwreg::kWorkaround3 == kWa3);
  CHECK(fwreg::kStdBmap == kStd);
  CHECK(fwreg::kStdHypBmap == kStdHyp);
  CHECK(fwreg::kVendorHypBmap == kVendorHyp);
  CHECK(kFwRegENOENT == -2);
  CHECK(kFwRegEINVAL == -22);
  CHECK(kFwRegEBUSY == -16);
}

TEST_CASE("PSCI_VERSION GET defaults to LATEST (1.1 for 6.1/6.12, 1.3 for 6.13+)") {
  Rig rig;
  CHECK(get(rig.fw, kVersionReg) == 0x10001);
  PsciConfig c;
  c.latest = PsciVersion::k1_3;
  Rig next(c);
  CHECK(get(next.fw, kVersionReg) == 0x10003);
}

TEST_CASE("PSCI_VERSION GET is 0x1 for a core without PSCI_0_2 (the doc says invalid)") {
  PsciConfig c;
  c.psci_0_2 = {true, false};
  Rig rig(c);
  CHECK(get(rig.fw, kVersionReg, 1) == 0x1);
  CHECK(get(rig.fw, kVersionReg, 0) == 0x10001);
}

TEST_CASE("PSCI_VERSION SET accepts 0.2, 1.0, 1.1 for a PSCI_0_2 core; VM-wide effect") {
  for (uint64_t v : {uint64_t{0x2}, uint64_t{0x10000}, uint64_t{0x10001}}) {
    Rig rig;
    CHECK(fw_reg_set(rig.fw, 1, kVersionReg, v) == 0);
    CHECK(get(rig.fw, kVersionReg, 0) == v);  // Set through core 1, read through core 0.
    CHECK(rig.call(psci::kPsciVersion, 0, 0, 0, /*core=*/2) == static_cast<int64_t>(v));
  }
}

TEST_CASE("PSCI_VERSION SET of 1.2/1.3 needs a 6.13+ KVM (LATEST 1.3)") {
  Rig rig;
  CHECK(fw_reg_set(rig.fw, 0, kVersionReg, 0x10002) == kFwRegEINVAL);
  CHECK(fw_reg_set(rig.fw, 0, kVersionReg, 0x10003) == kFwRegEINVAL);
  PsciConfig c;
  c.latest = PsciVersion::k1_3;
  Rig next(c);
  CHECK(fw_reg_set(next.fw, 0, kVersionReg, 0x10002) == 0);
  CHECK(fw_reg_set(next.fw, 0, kVersionReg, 0x10003) == 0);
  CHECK(next.call(psci::kPsciVersion) == 0x10003);
}

TEST_CASE("PSCI_VERSION SET 0x1 only for a core without PSCI_0_2") {
  PsciConfig c;
  c.psci_0_2 = {true, false};
  Rig rig(c);
  CHECK(fw_reg_set(rig.fw, 0, kVersionReg, 0x1) == kFwRegEINVAL);
  CHECK(fw_reg_set(rig.fw, 1, kVersionReg, 0x10000) == kFwRegEINVAL);
  CHECK(fw_reg_set(rig.fw, 1, kVersionReg, 0x1) == 0);
  // Stored VM-wide: the PSCI_0_2 core now sees 0.1 as well.
  CHECK(get(rig.fw, kVersionReg, 0) == 0x1);
}

TEST_CASE("PSCI_VERSION SET of anything else -> -EINVAL") {
  Rig rig;
  for (uint64_t v : {uint64_t{0}, uint64_t{0x3}, uint64_t{0x10004}, uint64_t{0x20000},
                     uint64_t{0x1'0001'0001}}) {
    CAPTURE(v);
    CHECK(fw_reg_set(rig.fw, 0, kVersionReg, v) == kFwRegEINVAL);
  }
  CHECK(get(rig.fw, kVersionReg) == 0x10001);
}

TEST_CASE("PSCI_VERSION has no 'has run' check") {
  Rig rig;
  rig.fw.mark_ran();
  CHECK(fw_reg_set(rig.fw, 0, kVersionReg, 0x10000) == 0);
  rig.call(psci::kPsciVersion);  // A core has run.
  CHECK(fw_reg_set(rig.fw, 0, kVersionReg, 0x2) == 0);
  CHECK(rig.call(psci::kPsciVersion) == 0x2);
}

TEST_CASE("unknown index -> -ENOENT for GET and SET") {
  Rig rig;
  uint64_t v = 0;
  for (uint64_t id : {uint64_t{0x6030'0000'0014'0004}, uint64_t{0x6030'0000'0016'0003},
                      uint64_t{0x6030'0000'0015'0000}, uint64_t{0}}) {
    CAPTURE(id);
    CHECK(fw_reg_get(rig.fw, 0, id, v) == kFwRegENOENT);
    CHECK(fw_reg_set(rig.fw, 0, id, 0) == kFwRegENOENT);
  }
}

TEST_CASE("SET requires a 64-bit size -> -ENOENT") {
  Rig rig;
  CHECK(fw_reg_set(rig.fw, 0, 0x6020'0000'0014'0000, 0x10000) == kFwRegENOENT);  // U32.
  CHECK(fw_reg_set(rig.fw, 0, 0x6040'0000'0016'0000, 0) == kFwRegENOENT);        // U128.
  CHECK(get(rig.fw, kVersionReg) == 0x10001);
}

TEST_CASE("WA1/WA3 GET report the host level (unaffected -> NOT_REQUIRED 2)") {
  Rig rig;
  CHECK(get(rig.fw, kWa1) == 2);
  CHECK(get(rig.fw, kWa3) == 2);
  PsciConfig c;
  c.spectre_v2 = HostMitigation::kMitigated;
  c.spectre_bhb = HostMitigation::kVulnerable;
  Rig m(c);
  CHECK(get(m.fw, kWa1) == 1);
  CHECK(get(m.fw, kWa3) == 0);
}

TEST_CASE("WA1/WA3 SET: bits outside [3:0] -> -EINVAL") {
  Rig rig;
  CHECK(fw_reg_set(rig.fw, 0, kWa1, 0x10) == kFwRegEINVAL);
  CHECK(fw_reg_set(rig.fw, 0, kWa3, 0x100) == kFwRegEINVAL);
}

TEST_CASE("WA1/WA3 SET: a level above the host's -> -EINVAL; else 0, nothing stored") {
  Rig rig;  // Host level 2.
  for (uint64_t id : {kWa1, kWa3}) {
    CHECK(fw_reg_set(rig.fw, 0, id, 0) == 0);
    CHECK(fw_reg_set(rig.fw, 0, id, 1) == 0);
    CHECK(fw_reg_set(rig.fw, 0, id, 2) == 0);
    CHECK(fw_reg_set(rig.fw, 0, id, 3) == kFwRegEINVAL);
    CHECK(get(rig.fw, id) == 2);  // SET 0 stored nothing.
  }
  PsciConfig c;
  c.spectre_v2 = HostMitigation::kMitigated;  // Level 1.
  Rig m(c);
  CHECK(fw_reg_set(m.fw, 0, kWa1, 2) == kFwRegEINVAL);
  CHECK(fw_reg_set(m.fw, 0, kWa1, 1) == 0);
}

TEST_CASE("WA2 GET: only NOT_AVAIL 0 or NOT_REQUIRED 3") {
  Rig rig;
  CHECK(get(rig.fw, kWa2) == 3);
  PsciConfig v;
  v.spectre_v4 = HostMitigation::kVulnerable;
  CHECK(get(Rig(v).fw, kWa2) == 0);
  PsciConfig s;
  s.spectre_v4 = HostMitigation::kMitigated;
  s.host_ssbs = true;
  CHECK(get(Rig(s).fw, kWa2) == 0);
  s.host_ssbs = false;
  CHECK(get(Rig(s).fw, kWa2) == 3);
}

TEST_CASE("WA2 SET: only bits [3:0] and ENABLED (bit 4)") {
  Rig rig;
  CHECK(fw_reg_set(rig.fw, 0, kWa2, 0x20) == kFwRegEINVAL);
  CHECK(fw_reg_set(rig.fw, 0, kWa2, 0x1'0000'0003) == kFwRegEINVAL);
}

TEST_CASE("WA2 SET: ENABLED only with level 2 (AVAIL)") {
  Rig rig;
  CHECK(fw_reg_set(rig.fw, 0, kWa2, 0x12) == 0);
  CHECK(fw_reg_set(rig.fw, 0, kWa2, 0x13) == kFwRegEINVAL);
  CHECK(fw_reg_set(rig.fw, 0, kWa2, 0x10) == kFwRegEINVAL);
}

TEST_CASE("WA2 SET: levels 0/1 NOT_AVAIL, 2/3 NOT_REQUIRED, others -EINVAL; nothing stored") {
  Rig rig;  // Host NOT_REQUIRED.
  for (uint64_t v : {0, 1, 2, 3}) CHECK(fw_reg_set(rig.fw, 0, kWa2, v) == 0);
  for (uint64_t v : {4, 5, 0xF}) CHECK(fw_reg_set(rig.fw, 0, kWa2, v) == kFwRegEINVAL);
  CHECK(get(rig.fw, kWa2) == 3);
  PsciConfig c;
  c.spectre_v4 = HostMitigation::kVulnerable;  // Host NOT_AVAIL.
  Rig vul(c);
  CHECK(fw_reg_set(vul.fw, 0, kWa2, 0) == 0);
  CHECK(fw_reg_set(vul.fw, 0, kWa2, 1) == 0);
  CHECK(fw_reg_set(vul.fw, 0, kWa2, 2) == kFwRegEINVAL);
  CHECK(fw_reg_set(vul.fw, 0, kWa2, 3) == kFwRegEINVAL);
}

TEST_CASE("bitmap defaults: STD 0x1, STD_HYP 0x1, VENDOR_HYP 0x3") {
  Rig rig;
  CHECK(get(rig.fw, kStd) == 0x1);
  CHECK(get(rig.fw, kStdHyp) == 0x1);
  CHECK(get(rig.fw, kVendorHyp) == 0x3);
}

TEST_CASE("bitmap SET: bits outside the supported mask -> -EINVAL") {
  Rig rig;
  CHECK(fw_reg_set(rig.fw, 0, kStd, 0x2) == kFwRegEINVAL);
  CHECK(fw_reg_set(rig.fw, 0, kStdHyp, 0x3) == kFwRegEINVAL);
  CHECK(fw_reg_set(rig.fw, 0, kVendorHyp, 0x4) == kFwRegEINVAL);
  CHECK(get(rig.fw, kVendorHyp) == 0x3);
}

TEST_CASE("bitmap SET after a core has run: a different value -> -EBUSY, the same is fine") {
  Rig rig;
  CHECK(fw_reg_set(rig.fw, 0, kVendorHyp, 0x1) == 0);  // Before running: fine.
  rig.call(psci::kPsciVersion);                        // Now a core has run.
  CHECK(rig.fw.has_run());
  CHECK(fw_reg_set(rig.fw, 0, kVendorHyp, 0x3) == kFwRegEBUSY);
  CHECK(fw_reg_set(rig.fw, 0, kVendorHyp, 0x1) == 0);
  CHECK(fw_reg_set(rig.fw, 0, kStd, 0x0) == kFwRegEBUSY);
  CHECK(fw_reg_set(rig.fw, 0, kStd, 0x2) == kFwRegEINVAL);  // The mask check comes first.
  CHECK(get(rig.fw, kVendorHyp) == 0x1);
}

TEST_CASE("bitmaps are VM-wide, and a cleared bit makes the call -1 with x1..x3 = 0") {
  Rig rig;
  CHECK(fw_reg_set(rig.fw, 3, kVendorHyp, 0x2) == 0);
  CHECK(fw_reg_set(rig.fw, 0, kStdHyp, 0) == 0);
  CHECK(get(rig.fw, kVendorHyp, 0) == 0x2);
  CHECK(rig.call(psci::kVendorHypCallUid) == psci::kNotSupported);
  CHECK(rig.x(1) == 0);
  CHECK(rig.x(2) == 0);
  CHECK(rig.x(3) == 0);
  CHECK(rig.call(psci::kSmcccArchFeatures, psci::kPvTimeFeatures) == psci::kNotSupported);
}

TEST_CASE("the register list is KVM_GET_REG_LIST's order, with values") {
  Rig rig;
  const std::vector<FwRegValue> list = fw_reg_list(rig.fw, 0);
  const uint64_t ids[] = {kVersionReg, kWa1, kWa2, kWa3, kStd, kStdHyp, kVendorHyp};
  const uint64_t values[] = {0x10001, 2, 3, 2, 1, 1, 3};
  const char* names[] = {"psci-version", "smccc-wa1",    "smccc-wa2",      "smccc-wa3",
                         "std-bmap",     "std-hyp-bmap", "vendor-hyp-bmap"};
  REQUIRE(list.size() == 7);
  for (size_t i = 0; i < 7; ++i) {
    CHECK(list[i].id == ids[i]);
    CHECK(list[i].value == values[i]);
    CHECK(std::strcmp(list[i].name, names[i]) == 0);
    CHECK(std::strcmp(fw_reg_name(ids[i]), names[i]) == 0);
  }
  CHECK(fw_reg_name(0x6030'0000'0016'0003) == nullptr);
}

TEST_CASE("CLI spec parser") {
  std::string err;
  auto s = parse_fw_reg_setting("psci-version=1.0", &err);
  REQUIRE(s);
  CHECK(s->id == kVersionReg);
  CHECK(s->value == 0x10000);
  const std::pair<const char*, uint64_t> versions[] = {
      {"0.1", 0x1},     {"0.2", 0x2},       {"1.1", 0x10001},    {"1.2", 0x10002},
      {"1.3", 0x10003}, {"65536", 0x10000}, {"0x10001", 0x10001}};
  for (auto [text, code] : versions) {
    s = parse_fw_reg_setting(std::string("psci-version=") + text, &err);
    REQUIRE(s);
    CHECK(s->value == code);
  }
  s = parse_fw_reg_setting("smccc-wa2=0x12", &err);
  REQUIRE(s);
  CHECK(s->id == kWa2);
  CHECK(s->value == 0x12);
  s = parse_fw_reg_setting("vendor-hyp-bmap=1", &err);
  REQUIRE(s);
  CHECK(s->id == kVendorHyp);
  CHECK(parse_fw_reg_setting("std-hyp-bmap=0", nullptr)->id == kStdHyp);
  CHECK(parse_fw_reg_setting("std-bmap=0", nullptr)->id == kStd);
  CHECK(parse_fw_reg_setting("smccc-wa1=2", nullptr)->id == kWa1);
  CHECK(parse_fw_reg_setting("smccc-wa3=2", nullptr)->id == kWa3);
  CHECK_FALSE(parse_fw_reg_setting("psci-version=1.4", &err));
  CHECK(err.find("1.4") != std::string::npos);
  CHECK_FALSE(parse_fw_reg_setting("psci-version", &err));
  CHECK_FALSE(parse_fw_reg_setting("bogus=1", &err));
  CHECK(err.find("bogus") != std::string::npos);
  CHECK_FALSE(parse_fw_reg_setting("std-bmap=", &err));
  CHECK_FALSE(parse_fw_reg_setting("std-bmap=0x", &err));
  CHECK_FALSE(parse_fw_reg_setting("smccc-wa1=1.0", &err));
}

TEST_CASE("apply_fw_reg_setting parses and SETs with the rules") {
  Rig rig;
  std::string err;
  CHECK(apply_fw_reg_setting(rig.fw, 0, "psci-version=1.0", &err) == 0);
  CHECK(rig.call(psci::kPsciVersion) == 0x10000);
  CHECK(apply_fw_reg_setting(rig.fw, 0, "psci-version=0.1", &err) == kFwRegEINVAL);
  CHECK(err.find("EINVAL") != std::string::npos);
  CHECK(apply_fw_reg_setting(rig.fw, 0, "nope=1", &err) == kFwRegEINVAL);
}

}  // namespace
}  // namespace el2
