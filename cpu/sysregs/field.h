// Shorthand for a table row's backing storage: FIELD(sys.sctlr[1]) is a
// function returning &state.sys.sctlr[1].
#pragma once

#define EL2_FIELD(member) [](::el2::CpuState& s) -> uint64_t* { return &s.member; }
