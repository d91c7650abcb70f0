/*
 * Control registers, debug registers, MSRs, INVLPG and the performance /
 * time-stamp counters of the i386 system CPU (target-i386/misc_helper.c).
 * The x86_helper_* functions are called from generated code (their
 * TCGHelperInfo descriptors are declared here too); the x86_cpu_* ones
 * from other helpers (task switch, CLTS/LMSW, the board).
 */
#ifndef TARGET_I386_MISC_HELPER_H
#define TARGET_I386_MISC_HELPER_H

#include <stdbool.h>
#include <stdint.h>
#include "target-i386/cpu.h"
#include "tcg/tcg.h"

/* MSR numbers (SDM vol. 4). */
enum {
    MSR_IA32_TSC = 0x10, MSR_IA32_PLATFORM_ID = 0x17, MSR_IA32_APIC_BASE = 0x1b,
    MSR_IA32_BIOS_UPDT_TRIG = 0x79, MSR_IA32_BIOS_SIGN_ID = 0x8b,
    MSR_IA32_ARCH_CAPABILITIES = 0x10a,
    MSR_P6_PERFCTR0 = 0xc1, MSR_P6_PERFCTR1 = 0xc2, MSR_MTRRCAP = 0xfe,
    MSR_IA32_SYSENTER_CS = 0x174, MSR_IA32_SYSENTER_ESP = 0x175,
    MSR_IA32_SYSENTER_EIP = 0x176, MSR_IA32_MCG_CAP = 0x179,
    MSR_IA32_MCG_STATUS = 0x17a, MSR_P6_EVNTSEL0 = 0x186, MSR_P6_EVNTSEL1 = 0x187,
    MSR_IA32_MISC_ENABLE = 0x1a0, MSR_MTRR_PHYSBASE0 = 0x200,
    MSR_MTRR_FIX64K_00000 = 0x250, MSR_MTRR_FIX16K_80000 = 0x258,
    MSR_MTRR_FIX16K_A0000 = 0x259, MSR_MTRR_FIX4K_C0000 = 0x268,
    MSR_MTRR_FIX4K_F8000 = 0x26f, MSR_IA32_PAT = 0x277, MSR_MTRR_DEF_TYPE = 0x2ff,
    MSR_EFER = 0xc0000080u,
};

/*
 * MOV to CRn (0, 2, 3, 4) with the checks and side effects of SDM vol. 2B
 * "MOV - Move to/from Control Registers" and vol. 3A 4.4.1 / 4.10.4:
 * #GP(0) for invalid CR0 combinations or CR4 reserved bits or bad PAE
 * PDPTEs (raised at host pc ra); TLB flushes; hflags recomputed. The
 * caller ends the block. x86sys' task switch calls it for CR3.
 */
void x86_cpu_write_cr(CPUX86State *env, int reg, uint32_t val, uintptr_t ra);
/* MSR access by number: false if the MSR does not exist on this CPU or
 * (write) the value sets reserved bits: the caller raises #GP(0). */
bool x86_cpu_rdmsr(CPUX86State *env, uint32_t msr, uint64_t *val);
bool x86_cpu_wrmsr(CPUX86State *env, uint32_t msr, uint64_t val);

/* ---- called from generated code (privilege already checked) ---- */
uint32_t x86_helper_read_cr(CPUX86State *env, uint32_t reg);
void x86_helper_write_cr(CPUX86State *env, uint32_t reg, uint32_t val);
/* DR4/DR5 are DR6/DR7 unless CR4.DE (#UD then). No breakpoints yet. */
uint32_t x86_helper_read_dr(CPUX86State *env, uint32_t reg);
void x86_helper_write_dr(CPUX86State *env, uint32_t reg, uint32_t val);
void x86_helper_rdmsr(CPUX86State *env);   /* EDX:EAX = MSR[ECX] */
void x86_helper_wrmsr(CPUX86State *env);   /* MSR[ECX] = EDX:EAX */
/* RDPMC: #GP(0) if cpl > 0 and CR4.PCE = 0, or ECX is not 0 or 1. */
uint64_t x86_helper_rdpmc(CPUX86State *env, uint32_t cpl);
/* The time-stamp counter before env->tsc_offset. System mode: 1 GHz from
 * the host's CLOCK_MONOTONIC, the clock of the board's timers (8254, local
 * APIC, RTC), so a guest calibrating the TSC against them finds one steady
 * rate; inside a virtual machine the host's own TSC need not agree with
 * that clock over short intervals (measured: 46 MHz to 6.7 GHz over 10 ms
 * windows on the CI machines, when the host TSC nominally runs at 2.6
 * GHz). linux-user (no soft TLB): the host's TSC, as a native program
 * reads it. */
uint64_t x86_tsc_clock(const CPUX86State *env);
/* RDTSC at cpl > 0: #GP(0) if CR4.TSD. */
void x86_helper_check_rdtsc(CPUX86State *env, uint32_t cpl);
/* INVLPG m (0F 01 /7): drops the TLB entries of the page of addr. */
void x86_helper_invlpg(CPUX86State *env, uint32_t addr);
/* CLTS (0F 06) and LMSW (0F 01 /6): the CR0 side. LMSW changes only
 * PE (which it can set but not clear), MP, EM, TS. */
void x86_helper_clts(CPUX86State *env);
void x86_helper_lmsw(CPUX86State *env, uint32_t val);

extern TCGHelperInfo x86_helper_info_read_cr, x86_helper_info_write_cr,
    x86_helper_info_read_dr, x86_helper_info_write_dr, x86_helper_info_rdmsr,
    x86_helper_info_wrmsr, x86_helper_info_rdpmc, x86_helper_info_check_rdtsc,
    x86_helper_info_invlpg, x86_helper_info_clts, x86_helper_info_lmsw;

#endif
