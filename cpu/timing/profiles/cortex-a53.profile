# Cortex-A53 timing profile for el2emu's timing model (cpu/timing/profile.h).
# One `key = value` per line; `#` starts a comment. Every value cites its source;
# the tags are expanded in docs/TIMING.md ("Sources"). EST marks an estimate
# with no published figure behind it. Cycles are core cycles (el2emu's core
# clock is 1 GHz, so a nanosecond is a cycle).
# cpu/timing/profile.cc holds a compiled copy; profile_test checks they match.

name = cortex-a53
pipeline = in_order               # A53-TRM: in-order, dual-issue pipeline
issue_width = 2                   # LLVM-A53: IssueWidth = 2
rob_entries = 0                   # in order: no reorder window

# Result latencies: cycles until a dependent instruction can issue. LLVM-A53
# gives write latencies and per-reader advances (ReadAdvance); we store the
# difference, the latency a typical consumer sees.
latency.int_alu = 1               # LLVM-A53: WriteI 3 - ReadI advance 2; GCC-A53: alu->alu bypass 1
latency.int_mul = 3               # LLVM-A53: WriteIM32 4 - ReadIM advance 1; GCC-A53: mul 3
latency.int_mul_64 = 3            # LLVM-A53: WriteIM64 = WriteIM32
latency.int_div = 9               # GCC-A53: sdiv 9 (udiv 8), which GCC calls a punt; LLVM-A53 says 4. EST
latency.int_div_64 = 9            # as int_div: no published 64-bit figure. EST
latency.load = 3                  # LLVM-A53: LoadLatency 3; GCC-A53: load1 3
latency.store = 1                 # only base write-back is a result; LLVM-A53: WriteAdr 0 (folded into AGU), next cycle here
latency.atomic = 3                # exclusives (A53 has no LSE): a load's L1 hit, as latency.load
latency.branch = 1                # LLVM-A53: WriteBr (default latency 1)
latency.system = 1                # LLVM-A53: WriteSys (default latency 1)
latency.barrier = 1               # LLVM-A53: WriteBarrier (default latency 1); drains are barrier.*
latency.fp_simd = 4               # LLVM-A53: WriteF 4, WriteFMul 4; GCC-A53: fpalu 4
latency.fp_simd_load = 4          # LLVM-A53: A53WriteVLD1 4 (one-register vector load)
latency.fp_simd_store = 1         # stores write the store buffer, as latency.store
latency.nop = 1                   # occupies an issue slot only

# Execution units (instructions of a kind starting per cycle).
units.alu = 2                     # LLVM-A53: A53UnitALU ProcResource<2>
units.mul = 1                     # LLVM-A53: A53UnitMAC ProcResource<1>
units.div = 1                     # LLVM-A53: A53UnitDiv ProcResource<1>
units.load = 1                    # LLVM-A53: A53UnitLdSt ProcResource<1>, shared with stores
units.store = 1                   # LLVM-A53: A53UnitLdSt
units.mem = 1                     # LLVM-A53: one A53UnitLdSt; GCC-A53: two load/stores cannot issue together
units.branch = 1                  # LLVM-A53: A53UnitB ProcResource<1>
units.fp = 1                      # LLVM-A53: A53UnitFPALU ProcResource<1>

# Branch prediction.
branch.mispredict_penalty = 9     # LLVM-A53: MispredictPenalty 9 (from Arm's A53 instruction timing spreadsheet)
branch.predictor_bits = 11        # A53-PRODUCT: 4 Kbit conditional predictor = 2048 2-bit counters
branch.history_bits = 6           # organisation unpublished; a short global history. EST
branch.btb_entries = 256          # A53-PRODUCT: 256-entry indirect predictor
branch.ras_entries = 8            # return stack depth unpublished. EST

# Caches (64-byte lines throughout: A53-TRM).
l1i.size = 32768                  # A53-TRM: 8-64 KiB configurable; 32 KiB chosen
l1i.ways = 2                      # A53-TRM / CAQA: 2-way
l1i.line = 64                     # A53-TRM: 64-byte lines
l1i.miss_penalty = 13             # CAQA: L1 miss penalty 13 cycles (from L2)
l1d.size = 32768                  # A53-TRM: 8-64 KiB configurable; 32 KiB chosen
l1d.ways = 4                      # A53-TRM / CAQA: 4-way
l1d.line = 64                     # A53-TRM: 64-byte lines
l1d.miss_penalty = 13             # CAQA: L1 miss penalty 13 cycles (from L2)
l2.size = 524288                  # A53-TRM 2.1.7: 128 KiB-2 MiB; 512 KiB chosen
l2.ways = 16                      # A53-TRM 2.1.7: 16-way
l2.line = 64                      # A53-TRM 2.1.7: 64-byte lines
l2.miss_penalty = 124             # CAQA: L2 miss penalty 124 cycles (about 124 ns at 1 GHz)
store_buffer.entries = 4          # depth unpublished. EST

# TLBs.
tlb.itlb_entries = 10             # A53-TRM 5.1: 10-entry fully associative instruction micro TLB
tlb.dtlb_entries = 10             # A53-TRM 5.1: 10-entry fully associative data micro TLB
tlb.micro_miss_penalty = 2        # CAQA: micro TLB miss penalty 2 cycles

# Exceptions and barriers: no published A53 figures. A taken exception and an
# ERET both redirect fetch unpredicted, like a mispredicted branch; the
# Cortex-A15 round trip of 27 cycles (KVM-ARM) is two such refills.
exception.entry = 9               # = branch.mispredict_penalty. EST
exception.return = 9              # = branch.mispredict_penalty. EST
barrier.dmb = 1                   # after waiting for the store buffer to drain. EST
barrier.dsb = 1                   # after waiting for all loads and stores to complete. EST
barrier.isb = 9                   # pipeline refill = branch.mispredict_penalty. EST
