// Handlers named by the function table (function_table.cc). Each writes the
// caller's result registers itself (facts file C.4 step 5, C.5, C.6).
#pragma once

#include "psci/function_table.h"

namespace el2::psci {

// power.cc: CPU and system power (C.5).
void psci_version(const PsciCall& c);
void cpu_suspend(const PsciCall& c);
void cpu_off(const PsciCall& c);
void cpu_on(const PsciCall& c);
void affinity_info(const PsciCall& c);
void migrate_info_type(const PsciCall& c);
void system_off(const PsciCall& c);
void system_reset(const PsciCall& c);
void system_reset2(const PsciCall& c);
void system_off2(const PsciCall& c);
void system_suspend(const PsciCall& c);

// features.cc: discovery (C.3 PSCI_FEATURES, C.6).
void psci_features(const PsciCall& c);
void smccc_version(const PsciCall& c);
void smccc_arch_features(const PsciCall& c);
void kvm_features(const PsciCall& c);
void vendor_hyp_call_uid(const PsciCall& c);
void pv_time_features(const PsciCall& c);
void pv_time_st(const PsciCall& c);

}  // namespace el2::psci
