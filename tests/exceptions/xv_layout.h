// Constants shared by the exception-test harness's C and assembly.
#pragma once

#define XV_MAX_RECORDS 8

// SPSR/PSTATE M[3:0] values (Arm ARM C5.2.18, SPSR_EL3.M).
#define XV_EL0T 0x0
#define XV_EL1H 0x5
#define XV_EL2H 0x9
#define XV_EL3H 0xD
#define XV_DAIF 0x3C0
