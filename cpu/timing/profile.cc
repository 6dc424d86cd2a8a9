#include "cpu/timing/profile.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

namespace el2 {
namespace {

constexpr std::array<std::string_view, kOpClassCount> kOpKeys = {
    "int_alu", "int_mul", "int_div", "load",         "store",         "atomic", "branch",
    "system",  "barrier", "fp_simd", "fp_simd_load", "fp_simd_store", "nop",
};
// Indexed by OpClass: an enumerator added without a key leaves an empty slot.
constexpr bool every_op_class_named() {
  for (std::string_view k : kOpKeys) {
    if (k.empty()) return false;
  }
  return true;
}
static_assert(every_op_class_named(), "each OpClass needs a profile key in kOpKeys");

// Every numeric key and the field of `p` it sets: the one list the parser and
// the missing-key check share.
std::vector<std::pair<std::string, uint32_t*>> numeric_fields(CoreProfile& p) {
  std::vector<std::pair<std::string, uint32_t*>> f = {
      {"issue_width", &p.issue_width},
      {"rob_entries", &p.rob_entries},
      {"latency.int_mul_64", &p.int_mul_64},
      {"latency.int_div_64", &p.int_div_64},
      {"units.alu", &p.units.alu},
      {"units.mul", &p.units.mul},
      {"units.div", &p.units.div},
      {"units.load", &p.units.load},
      {"units.store", &p.units.store},
      {"units.mem", &p.units.mem},
      {"units.branch", &p.units.branch},
      {"units.fp", &p.units.fp},
      {"branch.mispredict_penalty", &p.branch.mispredict_penalty},
      {"branch.predictor_bits", &p.branch.predictor_bits},
      {"branch.history_bits", &p.branch.history_bits},
      {"branch.btb_entries", &p.branch.btb_entries},
      {"branch.ras_entries", &p.branch.ras_entries},
      {"l1i.size", &p.l1i.size},
      {"l1i.ways", &p.l1i.ways},
      {"l1i.line", &p.l1i.line},
      {"l1i.miss_penalty", &p.l1i.miss_penalty},
      {"l1d.size", &p.l1d.size},
      {"l1d.ways", &p.l1d.ways},
      {"l1d.line", &p.l1d.line},
      {"l1d.miss_penalty", &p.l1d.miss_penalty},
      {"l2.size", &p.l2.size},
      {"l2.ways", &p.l2.ways},
      {"l2.line", &p.l2.line},
      {"l2.miss_penalty", &p.l2.miss_penalty},
      {"store_buffer.entries", &p.store_buffer_entries},
      {"tlb.itlb_entries", &p.tlb.itlb_entries},
      {"tlb.dtlb_entries", &p.tlb.dtlb_entries},
      {"tlb.micro_miss_penalty", &p.tlb.micro_miss_penalty},
      {"exception.entry", &p.exception_entry},
      {"exception.return", &p.exception_return},
      {"barrier.dmb", &p.dmb},
      {"barrier.dsb", &p.dsb},
      {"barrier.isb", &p.isb},
  };
  // One latency per op class (kOpKeys names them all: see its static_assert).
  for (size_t i = 0; i < kOpClassCount; ++i) {
    f.emplace_back("latency." + std::string(kOpKeys[i]), &p.latency[i]);
  }
  return f;
}

std::string_view trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

bool is_pow2(uint32_t v) { return v != 0 && (v & (v - 1)) == 0; }

// Checks that hold across keys (cache geometry, non-zero widths), reported
// against the file as a whole since no single line is at fault.
void validate(const CoreProfile& p, std::string_view origin) {
  auto fail = [&](const std::string& what) {
    throw ProfileError(fmt::format("{}: {}", origin, what));
  };
  if (p.issue_width == 0) fail("issue_width must be at least 1");
  if (p.out_of_order && p.rob_entries == 0) fail("an out_of_order pipeline needs rob_entries");
  const auto& u = p.units;
  for (uint32_t n : {u.alu, u.mul, u.div, u.load, u.store, u.mem, u.branch, u.fp}) {
    if (n == 0) fail("every units.* count must be at least 1");
  }
  auto cache = [&](const CacheGeometry& c, std::string_view name) {
    if (!is_pow2(c.line) || c.ways == 0 || c.size % (c.line * c.ways) != 0 ||
        !is_pow2(c.size / (c.line * c.ways))) {
      fail(
          fmt::format("{}: size / (ways * line) must be a power of two number of sets, and "
                      "line a power of two",
                      name));
    }
  };
  cache(p.l1i, "l1i");
  cache(p.l1d, "l1d");
  cache(p.l2, "l2");
  if (p.branch.predictor_bits == 0 || p.branch.predictor_bits > 24) {
    fail("branch.predictor_bits must be 1..24");
  }
  if (p.branch.history_bits > 32) fail("branch.history_bits must be at most 32");
  if (!is_pow2(p.branch.btb_entries)) fail("branch.btb_entries must be a power of two");
  if (p.branch.ras_entries == 0) fail("branch.ras_entries must be at least 1");
  if (p.store_buffer_entries == 0) fail("store_buffer.entries must be at least 1");
  if (p.tlb.itlb_entries == 0 || p.tlb.dtlb_entries == 0) fail("TLB entries must be at least 1");
}

}  // namespace

std::string_view op_class_key(OpClass op) { return kOpKeys[static_cast<size_t>(op)]; }

CoreProfile parse_profile(std::string_view text, std::string_view origin) {
  CoreProfile p;
  const auto fields = numeric_fields(p);
  std::map<std::string, int, std::less<>> seen;  // Key -> line.
  int line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    auto fail = [&](const std::string& what) {
      throw ProfileError(fmt::format("{}:{}: {}", origin, line_no, what));
    };
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    line = trim(line);
    if (line.empty()) continue;
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) fail("expected `key = value`");
    const std::string_view key = trim(line.substr(0, eq));
    const std::string_view value = trim(line.substr(eq + 1));
    if (key.empty() || value.empty()) fail("expected `key = value`");
    if (auto [it, fresh] = seen.emplace(std::string(key), line_no); !fresh) {
      fail(fmt::format("'{}' repeats line {}", key, it->second));
    }
    if (key == "name") {
      p.name = std::string(value);
      continue;
    }
    if (key == "pipeline") {
      if (value == "in_order") {
        p.out_of_order = false;
      } else if (value == "out_of_order") {
        p.out_of_order = true;
      } else {
        fail(fmt::format("pipeline must be in_order or out_of_order, not '{}'", value));
      }
      continue;
    }
    const auto k =
        std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == key; });
    if (k == fields.end()) fail(fmt::format("unknown key '{}'", key));
    uint32_t v = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc{} || end != value.data() + value.size()) {
      fail(fmt::format("'{}' needs an unsigned integer, not '{}'", key, value));
    }
    *k->second = v;
  }
  std::vector<std::string_view> missing;
  for (std::string_view k : {std::string_view("name"), std::string_view("pipeline")}) {
    if (!seen.contains(k)) missing.push_back(k);
  }
  for (const auto& [k, field] : fields) {
    if (!seen.contains(k)) missing.push_back(k);
  }
  if (!missing.empty()) {
    throw ProfileError(fmt::format("{}: missing key{} {}", origin, missing.size() > 1 ? "s" : "",
                                   fmt::join(missing, ", ")));
  }
  validate(p, origin);
  return p;
}

CoreProfile load_profile_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ProfileError(fmt::format("{}: cannot open", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_profile(ss.str(), path);
}

namespace {

// Compiled copies of cpu/timing/profiles/*.profile (sources cited there and in
// docs/TIMING.md). profile_test fails if a file and its copy differ.
CoreProfile cortex_a53() {
  CoreProfile p;
  p.name = "cortex-a53";
  p.out_of_order = false;
  p.issue_width = 2;
  p.rob_entries = 0;
  p.latency = {/*int_alu*/ 1, /*int_mul*/ 3, /*int_div*/ 9,      /*load*/ 3,
               /*store*/ 1,   /*atomic*/ 3,  /*branch*/ 1,       /*system*/ 1,
               /*barrier*/ 1, /*fp_simd*/ 4, /*fp_simd_load*/ 4, /*fp_simd_store*/ 1,
               /*nop*/ 1};
  p.int_mul_64 = 3;
  p.int_div_64 = 9;
  p.units = {.alu = 2, .mul = 1, .div = 1, .load = 1, .store = 1, .mem = 1, .branch = 1, .fp = 1};
  p.branch = {.mispredict_penalty = 9,
              .predictor_bits = 11,
              .history_bits = 6,
              .btb_entries = 256,
              .ras_entries = 8};
  p.l1i = {.size = 32768, .ways = 2, .line = 64, .miss_penalty = 13};
  p.l1d = {.size = 32768, .ways = 4, .line = 64, .miss_penalty = 13};
  p.l2 = {.size = 524288, .ways = 16, .line = 64, .miss_penalty = 124};
  p.store_buffer_entries = 4;
  p.tlb = {.itlb_entries = 10, .dtlb_entries = 10, .micro_miss_penalty = 2};
  p.exception_entry = 9;
  p.exception_return = 9;
  p.dmb = 1;
  p.dsb = 1;
  p.isb = 9;
  return p;
}

CoreProfile cortex_a57() {
  CoreProfile p;
  p.name = "cortex-a57";
  p.out_of_order = true;
  p.issue_width = 3;
  p.rob_entries = 128;
  p.latency = {/*int_alu*/ 1, /*int_mul*/ 3, /*int_div*/ 19,     /*load*/ 4,
               /*store*/ 1,   /*atomic*/ 4,  /*branch*/ 1,       /*system*/ 1,
               /*barrier*/ 1, /*fp_simd*/ 3, /*fp_simd_load*/ 5, /*fp_simd_store*/ 1,
               /*nop*/ 1};
  p.int_mul_64 = 5;
  p.int_div_64 = 35;
  p.units = {.alu = 2, .mul = 1, .div = 1, .load = 1, .store = 1, .mem = 2, .branch = 1, .fp = 2};
  p.branch = {.mispredict_penalty = 14,
              .predictor_bits = 12,
              .history_bits = 10,
              .btb_entries = 2048,
              .ras_entries = 8};
  p.l1i = {.size = 49152, .ways = 3, .line = 64, .miss_penalty = 17};
  p.l1d = {.size = 32768, .ways = 2, .line = 64, .miss_penalty = 17};
  p.l2 = {.size = 1048576, .ways = 16, .line = 64, .miss_penalty = 110};
  p.store_buffer_entries = 8;
  p.tlb = {.itlb_entries = 48, .dtlb_entries = 32, .micro_miss_penalty = 12};
  p.exception_entry = 14;
  p.exception_return = 14;
  p.dmb = 1;
  p.dsb = 1;
  p.isb = 14;
  return p;
}

}  // namespace

const CoreProfile* builtin_profile(std::string_view name) {
  static const CoreProfile a53 = cortex_a53(), a57 = cortex_a57();
  if (name == a53.name) return &a53;
  if (name == a57.name) return &a57;
  return nullptr;
}

std::vector<std::string> builtin_profile_names() { return {"cortex-a53", "cortex-a57"}; }

}  // namespace el2
