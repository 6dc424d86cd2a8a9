#include "cpu/decoder.h"

#include "cpu/cpu.h"

namespace el2 {

namespace {

// Bits that select a bucket: [29:22] and [13:10] (the split dynarmic found to
// spread the A64 table evenly).
constexpr uint32_t kBucketMask = (0xFFu << 22) | (0xFu << 10);

uint32_t bucket_pattern(unsigned bucket) { return ((bucket >> 4) << 22) | ((bucket & 0xF) << 10); }

}  // namespace

void undefined_instruction(Cpu& cpu, uint32_t) { cpu.undefined(); }

unsigned Decoder::bucket_of(uint32_t insn) {
  return (((insn >> 22) & 0xFF) << 4) | ((insn >> 10) & 0xF);
}

Decoder::Decoder(const CpuModel& model) : cache_(kCacheSize) {
  for (const InsnDef& row : decode_table())
    if (has_feature(model, row.feature)) rows_.push_back(&row);
  for (unsigned b = 0; b < 4096; ++b) {
    bucket_start_[b] = static_cast<uint32_t>(bucket_rows_.size());
    const uint32_t pattern = bucket_pattern(b);
    for (const InsnDef* row : rows_)
      if (((pattern ^ row->value) & row->mask & kBucketMask) == 0) bucket_rows_.push_back(row);
  }
  bucket_start_[4096] = static_cast<uint32_t>(bucket_rows_.size());
  // Seed every cache slot with a valid entry so lookups never see garbage.
  const CacheEntry zero = resolve(0);
  for (auto& e : cache_) e = zero;
}

const InsnDef* Decoder::decode(uint32_t insn) const {
  const unsigned b = bucket_of(insn);
  for (uint32_t i = bucket_start_[b]; i < bucket_start_[b + 1]; ++i)
    if (bucket_rows_[i]->matches(insn)) return bucket_rows_[i];
  return nullptr;
}

Decoder::CacheEntry Decoder::resolve(uint32_t insn) const {
  const InsnDef* row = decode(insn);
  if (!row || !row->fn) return CacheEntry{insn, OpClass::kNop, &undefined_instruction};
  return CacheEntry{insn, row->op, row->specialize ? row->specialize(insn) : row->fn};
}

}  // namespace el2
