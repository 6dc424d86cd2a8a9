# Cortex-A57 timing profile for el2emu's timing model (cpu/timing/profile.h).
# One `key = value` per line; `#` starts a comment. Every value cites its source;
# the tags are expanded in docs/TIMING.md ("Sources"). EST marks an estimate
# with no published figure behind it. Cycles are core cycles (el2emu's core
# clock is 1 GHz, so a nanosecond is a cycle).
# cpu/timing/profile.cc holds a compiled copy; profile_test checks they match.

name = cortex-a57
pipeline = out_of_order           # A57-TRM: out-of-order, 3-wide decode
issue_width = 3                   # LLVM-A57: IssueWidth = 3 (decode/dispatch width)
rob_entries = 128                 # LLVM-A57: MicroOpBufferSize = 128

# Result latencies: cycles until a dependent instruction can issue.
latency.int_alu = 1               # LLVM-A57: WriteI = A57Write_1cyc_1I
latency.int_mul = 3               # LLVM-A57: WriteIM32 3; A57-SWOG: MUL/MADD W-form 3
latency.int_mul_64 = 5            # LLVM-A57: WriteIM64 5; A57-SWOG: X-form 5
latency.int_div = 19              # LLVM-A57: WriteID32 = A57Write_19cyc_1M; A57-SWOG: 4-20 by operands
latency.int_div_64 = 35           # LLVM-A57: WriteID64 = A57Write_35cyc_1M; A57-SWOG: 4-36 by operands
latency.load = 4                  # LLVM-A57: LoadLatency 4, WriteLD = A57Write_4cyc_1L
latency.store = 1                 # LLVM-A57: WriteST = A57Write_1cyc_1S
latency.atomic = 4                # LLVM-A57: WriteAtomic unsupported; a load's L1 hit, as latency.load. EST
latency.branch = 1                # LLVM-A57: WriteBr = A57Write_1cyc_1B
latency.system = 1                # LLVM-A57: WriteSys latency 1
latency.barrier = 1               # LLVM-A57: WriteBarrier latency 1; drains are barrier.*
latency.fp_simd = 3               # LLVM-A57: WriteF, WriteVd, WriteVq = 3 cycles (FMUL 5, FDIV 17 not told apart)
latency.fp_simd_load = 5          # LLVM-A57: WriteVLD = A57Write_5cyc_1L
latency.fp_simd_store = 1         # LLVM-A57: WriteVST = A57Write_1cyc_1S
latency.nop = 1                   # occupies a dispatch slot only

# Execution units (instructions of a kind starting per cycle).
units.alu = 2                     # LLVM-A57: A57UnitI ProcResource<2>
units.mul = 1                     # LLVM-A57: A57UnitM ProcResource<1>
units.div = 1                     # LLVM-A57: divides also run on A57UnitM (not modelled: see docs/TIMING.md)
units.load = 1                    # LLVM-A57: A57UnitL ProcResource<1>
units.store = 1                   # LLVM-A57: A57UnitS ProcResource<1>
units.mem = 2                     # one load and one store per cycle (A57UnitL + A57UnitS)
units.branch = 1                  # LLVM-A57: A57UnitB ProcResource<1>
units.fp = 2                      # LLVM-A57: A57UnitV = A57UnitX + A57UnitW

# Branch prediction.
branch.mispredict_penalty = 14    # LLVM-A57: MispredictPenalty 14
branch.predictor_bits = 12        # "2-level dynamic predictor" (A57-TRM); table size unpublished. EST
branch.history_bits = 10          # global history length unpublished. EST
branch.btb_entries = 2048         # GOTO-A57: BTB 2K-4K entries; lower bound
branch.ras_entries = 8            # return stack depth unpublished. EST

# Caches (64-byte lines throughout: A57-TRM). Sizes match the CCSIDR_EL1
# values cpu/sysregs/id_regs.cc reports.
l1i.size = 49152                  # A57-TRM: 48 KiB
l1i.ways = 3                      # A57-TRM: 3-way
l1i.line = 64                     # A57-TRM: 64-byte lines
l1i.miss_penalty = 17             # 7CPU-A15: A15 L2 latency 21 - L1 4 (the A57's closest measured relative). EST
l1d.size = 32768                  # A57-TRM: 32 KiB
l1d.ways = 2                      # A57-TRM: 2-way
l1d.line = 64                     # A57-TRM: 64-byte lines
l1d.miss_penalty = 17             # as l1i.miss_penalty. EST
l2.size = 1048576                 # A57-TRM: 512 KiB, 1 MiB or 2 MiB; 1 MiB as CCSIDR_EL1 says
l2.ways = 16                      # A57-TRM: 16-way
l2.line = 64                      # A57-TRM: 64-byte lines
l2.miss_penalty = 110             # 7CPU-A15: RAM latency = L2 + 110 ns; 110 cycles at 1 GHz. EST
store_buffer.entries = 8          # depth unpublished. EST

# TLBs.
tlb.itlb_entries = 48             # A57-TRM: 48-entry fully associative L1 instruction TLB
tlb.dtlb_entries = 32             # A57-TRM: 32-entry fully associative L1 data TLB
tlb.micro_miss_penalty = 12       # 7CPU-A15: L1 TLB miss penalty 12 cycles (A15). EST

# Exceptions and barriers: no published A57 figures. A taken exception and an
# ERET both redirect fetch unpredicted, like a mispredicted branch; the
# Cortex-A15 round trip of 27 cycles (KVM-ARM) is two such refills.
exception.entry = 14              # = branch.mispredict_penalty. EST
exception.return = 14             # = branch.mispredict_penalty. EST
barrier.dmb = 1                   # after waiting for the store buffer to drain. EST
barrier.dsb = 1                   # after waiting for all loads and stores to complete. EST
barrier.isb = 14                  # pipeline refill = branch.mispredict_penalty. EST
