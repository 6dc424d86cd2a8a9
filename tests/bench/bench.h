// Shared by the benchmark images (tools/bench): fixed amounts of work, so every
// run of an image executes the same instructions; the data region they use,
// and the helpers to reach EL1 and to turn the EL2 MMU on.
#pragma once

// Free RAM for the benchmarks' data, 128 MiB into RAM: far above the image
// (linked at 0x40000000, well under 1 MiB with its BSS) and below the end of
// the 1 GiB that both el2emu and QEMU (-m 1G) give the guest. Not zeroed by
// the runtime (it is not BSS), so a benchmark pays only for what it touches.
#define BENCH_DATA 0x48000000ull

#ifndef __ASSEMBLER__
#include <stdint.h>

// From EL2: EL1 AArch64 (HCR_EL2.RW, nothing trapped), MMU and caches off,
// VBAR_EL1 = rt_vectors, then enter EL1h at fn with sp and DAIF masked.
void bench_enter_el1(void (*fn)(void), uint64_t sp) __attribute__((noreturn));

// At EL2: identity-maps the guest's 1 GiB of RAM (0x40000000) as Normal
// write-back memory with 2 MiB blocks, except [paged, paged + paged_bytes),
// which gets 4 KiB pages (2 MiB aligned, at most 64 MiB); then enables the
// EL2 stage-1 MMU and the caches.
void bench_mmu_on(uint64_t paged, uint64_t paged_bytes);
#endif
