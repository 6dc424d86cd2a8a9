// Profiles: the data files parse, equal the compiled copies, give every op
// class a latency, and bad files fail with the file and line.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "cpu/timing/profile.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace el2 {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), path << " is missing");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string profile_path(const std::string& name) {
  return "cpu/timing/profiles/" + name + ".profile";
}

// The parse error for `text`, or "" when it parses.
std::string error_of(const std::string& text) {
  try {
    parse_profile(text, "t.profile");
  } catch (const ProfileError& e) {
    return e.what();
  }
  return "";
}

// The A53 file with `key`'s line replaced by `replacement` (removed if empty).
std::string a53_with(const std::string& key, const std::string& replacement) {
  std::istringstream in(read_file(profile_path("cortex-a53")));
  std::string out, line;
  bool found = false;
  while (std::getline(in, line)) {
    if (line.rfind(key + " ", 0) == 0) {
      found = true;
      if (!replacement.empty()) out += replacement + "\n";
      continue;
    }
    out += line + "\n";
  }
  REQUIRE_MESSAGE(found, key);
  return out;
}

TEST_CASE("each profile file parses and equals its compiled copy") {
  const auto names = builtin_profile_names();
  REQUIRE(names.size() == 2);
  for (const std::string& name : names) {
    CAPTURE(name);
    const CoreProfile parsed = load_profile_file(profile_path(name));
    const CoreProfile* builtin = builtin_profile(name);
    REQUIRE(builtin != nullptr);
    CHECK(parsed.name == name);
    CHECK_MESSAGE(parsed == *builtin,
                  "cpu/timing/profile.cc's copy differs from " << profile_path(name));
  }
  CHECK(builtin_profile("cortex-a72") == nullptr);
}

TEST_CASE("every op class has a non-zero latency in every profile") {
  for (const std::string& name : builtin_profile_names()) {
    const CoreProfile& p = *builtin_profile(name);
    for (size_t i = 0; i < kOpClassCount; ++i) {
      const auto op = static_cast<OpClass>(i);
      CAPTURE(op_class_key(op));
      CHECK(p.latency_of(op) > 0);
    }
    CHECK(p.int_mul_64 >= p.latency_of(OpClass::kIntMul));
    CHECK(p.int_div_64 >= p.latency_of(OpClass::kIntDiv));
  }
}

TEST_CASE("the two cores differ where the sources say they do") {
  const CoreProfile& a53 = *builtin_profile("cortex-a53");
  const CoreProfile& a57 = *builtin_profile("cortex-a57");
  CHECK_FALSE(a53.out_of_order);
  CHECK(a57.out_of_order);
  CHECK(a53.issue_width == 2);
  CHECK(a57.issue_width == 3);
  CHECK(a53.latency_of(OpClass::kLoad) == 3);
  CHECK(a57.latency_of(OpClass::kLoad) == 4);
  CHECK(a53.branch.mispredict_penalty == 9);
  CHECK(a57.branch.mispredict_penalty == 14);
  CHECK(a57.int_div_64 == 35);
}

TEST_CASE("a missing op class latency is an error naming the key") {
  const std::string err = error_of(a53_with("latency.fp_simd_load", ""));
  CHECK(err.find("t.profile: missing key latency.fp_simd_load") != std::string::npos);
}

TEST_CASE("bad lines fail with file:line") {
  const std::string good = read_file(profile_path("cortex-a53"));
  CHECK(error_of(good) == "");
  CHECK(error_of("name = x\nthis is not a pair\n") == "t.profile:2: expected `key = value`");
  CHECK(error_of("\n\nbogus.key = 3  # comment\n") == "t.profile:3: unknown key 'bogus.key'");
  CHECK(error_of("issue_width = two\n") ==
        "t.profile:1: 'issue_width' needs an unsigned integer, not 'two'");
  CHECK(error_of("issue_width = -1\n") ==
        "t.profile:1: 'issue_width' needs an unsigned integer, not '-1'");
  CHECK(error_of("pipeline = sideways\n") ==
        "t.profile:1: pipeline must be in_order or out_of_order, not 'sideways'");
  CHECK(error_of("issue_width = 2\nissue_width = 3\n") ==
        "t.profile:2: 'issue_width' repeats line 1");
  CHECK(error_of("key =\n") == "t.profile:1: expected `key = value`");
}

TEST_CASE("inconsistent values are rejected") {
  CHECK(error_of(a53_with("l1d.ways", "l1d.ways = 3")).find("l1d: size / (ways * line)") !=
        std::string::npos);
  CHECK(error_of(a53_with("issue_width", "issue_width = 0")) ==
        "t.profile: issue_width must be at least 1");
  CHECK(error_of(a53_with("pipeline", "pipeline = out_of_order")) ==
        "t.profile: an out_of_order pipeline needs rob_entries");
}

TEST_CASE("a missing file is an error") {
  CHECK_THROWS_AS(load_profile_file("cpu/timing/profiles/nonexistent.profile"), ProfileError);
}

}  // namespace
}  // namespace el2
