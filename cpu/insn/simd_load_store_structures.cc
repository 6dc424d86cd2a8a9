// Advanced SIMD structure loads and stores (Arm ARM C4.1.94.x, C7.2 LD2, LD3,
// LD4, ST2, ST3, ST4 (multiple structures), LD1-LD4 and ST1-ST4 (single
// structure), LD1R-LD4R), with and without post-index. LD1/ST1 (multiple
// structures) are in load_store_simd.cc.
//
// The elements an instruction transfers are consecutive in memory, so each
// instruction makes one access of the whole span through load_bytes/
// store_bytes with the element size as the Device-memory alignment unit
// (every element aligned, Arm ARM B2.5.2). A load writes no register if any
// element faults. Little-endian only, as the rest of el2emu.
#include "cpu/insn/fp_access.h"
#include "cpu/insn/load_store.h"
#include "cpu/insn/load_store_util.h"
#include "cpu/insn/simd_fp_vreg.h"

namespace el2::insn {

using namespace ldst;

namespace {

// Writeback after a post-indexed form: Rm = 31 means "by the bytes
// transferred", else by X[m] (read after the access: loads write only V
// registers).
void post_index(Cpu& cpu, uint32_t i, uint64_t base, unsigned bytes) {
  if (!bit(i, 23)) return;
  const unsigned m = bits(i, 20, 16), n = bits(i, 9, 5);
  cpu.set_x_or_sp(n, base + (m == 31 ? bytes : cpu.x(m)));
}

}  // namespace

// LD2/LD3/LD4, ST2/ST3/ST4 (multiple structures): element e of registers t,
// t+1, ... (modulo 32) interleaved, structure by structure. opcode 1000 is
// LD2/ST2, 0100 LD3/ST3, 0000 LD4/ST4; the 1D arrangement (size:Q = 110) is
// reserved for them. Q = 0 loads zero the upper halves.
void ldst_multi_n(Cpu& cpu, uint32_t i) {
  using E = Ld1Multi;  // The same fields.
  unsigned selem;
  switch (E::get<'c'>(i)) {
    case 0b0000:
      selem = 4;
      break;
    case 0b0100:
      selem = 3;
      break;
    case 0b1000:
      selem = 2;
      break;
    default:
      return cpu.undefined();  // The LD1/ST1 opcodes have their own rows.
  }
  const unsigned size = E::get<'z'>(i);
  const bool q = E::get<'q'>(i);
  if (size == 3 && !q) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned esize = 8u << size, ebytes = esize / 8, datasize = q ? 128 : 64;
  const unsigned elements = datasize / esize, total = selem * datasize / 8, t = E::get<'t'>(i);
  uint64_t base;
  if (!read_base(cpu, E::get<'n'>(i), base)) return;
  uint8_t buf[64];
  if (E::get<'L'>(i)) {
    if (!cpu.load_bytes(base, buf, total, kAccNormal, ebytes)) return;
    for (unsigned s = 0; s < selem; ++s) {
      u128 r = 0;
      for (unsigned e = 0; e < elements; ++e) {
        uint64_t v = 0;
        std::memcpy(&v, buf + (e * selem + s) * ebytes, ebytes);
        r = with_elem(r, e, esize, v);
      }
      set_vreg(cpu, (t + s) % 32, r, datasize);
    }
  } else {
    for (unsigned s = 0; s < selem; ++s) {
      const u128 r = vreg(cpu, (t + s) % 32);
      for (unsigned e = 0; e < elements; ++e) {
        const uint64_t v = elem(r, e, esize);
        std::memcpy(buf + (e * selem + s) * ebytes, &v, ebytes);
      }
    }
    if (!cpu.store_bytes(base, buf, total, kAccNormal, ebytes)) return;
  }
  post_index(cpu, i, base, total);
}

// LD1-LD4/ST1-ST4 (single structure) and LD1R-LD4R: selem = opcode<0>:R + 1
// consecutive registers; scale = opcode<2:1> picks B/H/S/D (Arm ARM decode):
//   scale 0 (B): index = Q:S:size        scale 1 (H): size<0> = 1 UNDEFINED, index = Q:S:size<1>
//   scale 2: size = 00 (S), index = Q:S; size = 01 and S = 0 (D), index = Q; else UNDEFINED
//   scale 3: replicate (loads only, S = 0), esize from size.
// A single-lane load keeps the register's other lanes (all 128 bits); the
// replicating load writes datasize bits (Q = 0 zeroes the upper half).
void ldst_single(Cpu& cpu, uint32_t i) {
  using E = LdStSingle;
  const unsigned opcode = E::get<'o'>(i), size = E::get<'z'>(i), s_bit = E::get<'S'>(i);
  const bool q = E::get<'q'>(i), load = E::get<'L'>(i);
  const unsigned selem = ((opcode & 1) << 1 | E::get<'r'>(i)) + 1;
  unsigned scale = opcode >> 1, index = 0;
  const bool is_replicate = scale == 3;
  switch (scale) {
    case 3:
      if (!load || s_bit) return cpu.undefined();
      scale = size;
      break;
    case 0:
      index = (q << 3) | (s_bit << 2) | size;
      break;
    case 1:
      if (size & 1) return cpu.undefined();
      index = (q << 2) | (s_bit << 1) | (size >> 1);
      break;
    default:
      if (size & 2) return cpu.undefined();
      if (size == 0) {
        index = (q << 1) | s_bit;
      } else {
        if (s_bit) return cpu.undefined();
        index = q;
        scale = 3;
      }
  }
  if (!fp_access_enabled(cpu)) return;
  const unsigned esize = 8u << scale, ebytes = esize / 8, total = selem * ebytes;
  const unsigned t = E::get<'t'>(i), datasize = q ? 128 : 64;
  uint64_t base;
  if (!read_base(cpu, E::get<'n'>(i), base)) return;
  uint8_t buf[32];
  if (load) {
    if (!cpu.load_bytes(base, buf, total, kAccNormal, ebytes)) return;
    for (unsigned s = 0; s < selem; ++s) {
      uint64_t v = 0;
      std::memcpy(&v, buf + s * ebytes, ebytes);
      const unsigned tt = (t + s) % 32;
      if (is_replicate)
        set_vreg(cpu, tt, replicate(v, esize), datasize);
      else
        set_vreg(cpu, tt, with_elem(vreg(cpu, tt), index, esize, v));
    }
  } else {
    for (unsigned s = 0; s < selem; ++s) {
      const uint64_t v = elem(vreg(cpu, (t + s) % 32), index, esize);
      std::memcpy(buf + s * ebytes, &v, ebytes);
    }
    if (!cpu.store_bytes(base, buf, total, kAccNormal, ebytes)) return;
  }
  post_index(cpu, i, base, total);
}

}  // namespace el2::insn
