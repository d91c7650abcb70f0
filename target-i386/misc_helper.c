/*
 * The i386 system CPU's control registers (MOV CR, CLTS/LMSW's CR0 side),
 * debug registers (stored: no breakpoints yet), MSRs (the ones Linux
 * touches; others #GP(0) as rdmsr_safe expects), INVLPG, RDPMC and the
 * CR4.TSD check of RDTSC. Helpers of generated code; the decoding is in
 * translate-sys.c.
 */
#include <inttypes.h>
#include <time.h>
#include <x86intrin.h>
#include "exec/softmmu.h"
#include "target-i386/cpu-models.h"
#include "target-i386/misc_helper.h"
#include "target-i386/mmu.h"
#include "util/log.h"

/* Every helper takes GETPC() first thing: once GCC splits a helper (its
 * cold part becomes a function of its own), __builtin_return_address
 * there no longer points into generated code. */
static _Noreturn void x86_misc_raise(CPUX86State *env, int vector, uintptr_t ra)
{
    env->cs.error_code = 0;
    env->exception_is_int = false;
    cpu_raise_exception(&env->cs, vector, ra);
}

/* ---- control registers ---- */

/* The CR0 bits a P6 keeps; ET is hardwired to 1 (SDM 2.5). */
#define CR0_DEFINED (CR0_PE_MASK | CR0_MP_MASK | CR0_EM_MASK | CR0_TS_MASK | \
                     CR0_ET_MASK | CR0_NE_MASK | CR0_WP_MASK | CR0_AM_MASK |  \
                     CR0_NW_MASK | CR0_CD_MASK | CR0_PG_MASK)

/* The CR4 bits this CPU model has (others are reserved: #GP). */
static uint32_t x86_cr4_valid_mask(const CPUX86State *env)
{
    static const struct { uint32_t feature, bits; } map[] = {
        { X86_CPUID_VME, CR4_VME_MASK | CR4_PVI_MASK },
        { X86_CPUID_TSC, CR4_TSD_MASK },
        { X86_CPUID_DE, CR4_DE_MASK },
        { X86_CPUID_PSE, CR4_PSE_MASK },
        { X86_CPUID_PAE, CR4_PAE_MASK },
        { X86_CPUID_MCE, CR4_MCE_MASK },
        { X86_CPUID_PGE, CR4_PGE_MASK },
        { X86_CPUID_FXSR, CR4_OSFXSR_MASK },
        { X86_CPUID_SSE, CR4_OSXMMEXCPT_MASK },
    };
    uint32_t mask = CR4_PCE_MASK;   /* every P6 has RDPMC */
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (x86_cpu_advertises(env, X86_FEAT_1_EDX, map[i].feature)) {
            mask |= map[i].bits;
        }
    }
    return mask;
}

const X86AccelNotify *x86_accel_notify;

static void x86_notify_paging_changed(CPUX86State *env)
{
    if (x86_accel_notify) {
        x86_accel_notify->paging_changed(env);
    }
}

static bool x86_pae_paging(uint32_t cr0, uint32_t cr4)
{
    return (cr0 & CR0_PG_MASK) && (cr4 & CR4_PAE_MASK);
}

static void x86_write_cr0(CPUX86State *env, uint32_t val, uintptr_t ra)
{
    uint32_t old = env->cr[0];
    val = (val & CR0_DEFINED) | CR0_ET_MASK;
    /* SDM vol. 2B MOV CR: PG without PE, or NW without CD, is #GP(0). */
    if (((val & CR0_PG_MASK) && !(val & CR0_PE_MASK)) ||
        ((val & CR0_NW_MASK) && !(val & CR0_CD_MASK))) {
        x86_misc_raise(env, EXCP0D_GPF, ra);
    }
    /* A change of PG, CD or NW that leaves PAE paging on loads the
     * PDPTEs (SDM 4.4.1). */
    if (x86_pae_paging(val, env->cr[4]) &&
        ((old ^ val) & (CR0_PG_MASK | CR0_CD_MASK | CR0_NW_MASK)) &&
        !x86_mmu_load_pdptes(env, env->cr[3])) {
        x86_misc_raise(env, EXCP0D_GPF, ra);
    }
    env->cr[0] = val;
    /* PG, WP and PE change what a translation means (SDM 4.10.4.1). */
    if ((old ^ val) & (CR0_PG_MASK | CR0_WP_MASK | CR0_PE_MASK)) {
        tlb_flush(&env->cs);
        x86_notify_paging_changed(env);
    }
    x86_update_hflags(env);
}

static void x86_write_cr3(CPUX86State *env, uint32_t val, uintptr_t ra)
{
    if (x86_pae_paging(env->cr[0], env->cr[4]) && !x86_mmu_load_pdptes(env, val)) {
        x86_misc_raise(env, EXCP0D_GPF, ra);
    }
    env->cr[3] = val;
    /* SDM 4.10.4.1: all non-global entries; global ones too if PGE = 0. */
    if (env->cr[4] & CR4_PGE_MASK) {
        tlb_flush_nonglobal(&env->cs);
    } else {
        tlb_flush(&env->cs);
    }
    if (x86_accel_notify) {
        x86_accel_notify->cr3_loaded(env);
    }
}

static void x86_write_cr4(CPUX86State *env, uint32_t val, uintptr_t ra)
{
    uint32_t old = env->cr[4];
    if (val & ~x86_cr4_valid_mask(env)) {
        x86_misc_raise(env, EXCP0D_GPF, ra);
    }
    /* With paging on, a change of PAE, PSE or PGE reloads the PDPTEs
     * (PAE paging after the write: SDM 4.4.1). */
    if (((old ^ val) & (CR4_PAE_MASK | CR4_PSE_MASK | CR4_PGE_MASK)) &&
        x86_pae_paging(env->cr[0], val) && !x86_mmu_load_pdptes(env, env->cr[3])) {
        x86_misc_raise(env, EXCP0D_GPF, ra);
    }
    env->cr[4] = val;
    /* SDM 4.10.4.1: changing PGE, PAE or PSE flushes everything, globals too. */
    if ((old ^ val) & (CR4_PAE_MASK | CR4_PSE_MASK | CR4_PGE_MASK)) {
        tlb_flush(&env->cs);
        x86_notify_paging_changed(env);
    }
    x86_update_hflags(env);
}

void x86_cpu_write_cr(CPUX86State *env, int reg, uint32_t val, uintptr_t ra)
{
    if (mimic_log_enabled(LOG_MMU) && reg != 2) {
        mimic_log("mmu: cr%d %08x -> %08x\n", reg, reg <= 4 ? env->cr[reg] : 0, val);
    }
    switch (reg) {
    case 0:
        x86_write_cr0(env, val, ra);
        break;
    case 2:
        env->cr[2] = val;
        break;
    case 3:
        x86_write_cr3(env, val, ra);
        break;
    case 4:
        x86_write_cr4(env, val, ra);
        break;
    default:
        x86_misc_raise(env, EXCP06_ILLOP, ra);
    }
}

uint32_t x86_helper_read_cr(CPUX86State *env, uint32_t reg)
{
    uintptr_t ra = GETPC();
    if (reg == 1 || reg > 4) {
        x86_misc_raise(env, EXCP06_ILLOP, ra);
    }
    return env->cr[reg];
}

void x86_helper_write_cr(CPUX86State *env, uint32_t reg, uint32_t val)
{
    uintptr_t ra = GETPC();
    x86_cpu_write_cr(env, (int)reg, val, ra);
}

void x86_helper_clts(CPUX86State *env)
{
    env->cr[0] &= ~(uint32_t)CR0_TS_MASK;
    x86_update_hflags(env);
}

void x86_helper_lmsw(CPUX86State *env, uint32_t val)
{
    uintptr_t ra = GETPC();
    /* SDM vol. 2A LMSW: loads PE, MP, EM, TS; PE can be set, not cleared. */
    uint32_t keep = env->cr[0] & ~(uint32_t)(CR0_MP_MASK | CR0_EM_MASK | CR0_TS_MASK);
    uint32_t v = keep | (val & (CR0_PE_MASK | CR0_MP_MASK | CR0_EM_MASK | CR0_TS_MASK));
    x86_cpu_write_cr(env, 0, v, ra);
}

/* ---- debug registers ---- */

enum { DR6_BD = 1u << 13, DR7_GD = 1u << 13 };

static int x86_dr_index(CPUX86State *env, uint32_t reg, uintptr_t ra)
{
    if (reg == 4 || reg == 5) {
        /* SDM 17.2.2: DR4/DR5 alias DR6/DR7 unless CR4.DE, then #UD. */
        if (env->cr[4] & CR4_DE_MASK) {
            x86_misc_raise(env, EXCP06_ILLOP, ra);
        }
        reg += 2;
    }
    /* SDM 17.2.4: with DR7.GD set, any MOV DR is a #DB fault with DR6.BD
     * set; GD is cleared so the handler can use the debug registers. */
    if (env->dr[7] & DR7_GD) {
        env->dr[6] |= DR6_BD;
        env->dr[7] &= ~(uint32_t)DR7_GD;
        x86_misc_raise(env, EXCP01_DB, ra);
    }
    return (int)reg;
}

uint32_t x86_helper_read_dr(CPUX86State *env, uint32_t reg)
{
    uintptr_t ra = GETPC();
    return env->dr[x86_dr_index(env, reg & 7, ra)];
}

void x86_helper_write_dr(CPUX86State *env, uint32_t reg, uint32_t val)
{
    uintptr_t ra = GETPC();
    int i = x86_dr_index(env, reg & 7, ra);
    if (i == 6) {
        /* P6 DR6: B0-B3, BD, BS, BT; bits 4-11 and 16-31 read as 1. */
        val = (val & 0x0000e00fu) | 0xffff0ff0u;
    } else if (i == 7) {
        /* DR7: bit 10 reads as 1; bits 11, 12, 14, 15 as 0. */
        val = (val & ~0x0000d800u) | 0x00000400u;
    }
    env->dr[i] = val;
}

/* ---- MSRs ---- */

static bool x86_mem_type_ok(uint64_t t)
{
    /* UC, WC, WT, WP, WB (SDM 11.11.1); 2 and 3 are reserved. */
    return t == 0 || t == 1 || t == 4 || t == 5 || t == 6;
}

static bool x86_mtrr_fixed_ok(uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        if (!x86_mem_type_ok((v >> (8 * i)) & 0xff)) {
            return false;
        }
    }
    return true;
}

static bool x86_pat_ok(uint64_t v)
{
    /* SDM 11.12.2: each entry is UC, WC, WT, WP, WB or UC- (7). */
    for (int i = 0; i < 8; i++) {
        uint64_t t = (v >> (8 * i)) & 0xff;
        if (t != 7 && !x86_mem_type_ok(t)) {
            return false;
        }
    }
    return true;
}

static int x86_mtrr_fixed_index(uint32_t msr)
{
    if (msr == MSR_MTRR_FIX64K_00000) {
        return 0;
    }
    if (msr == MSR_MTRR_FIX16K_80000 || msr == MSR_MTRR_FIX16K_A0000) {
        return 1 + (int)(msr - MSR_MTRR_FIX16K_80000);
    }
    if (msr >= MSR_MTRR_FIX4K_C0000 && msr <= MSR_MTRR_FIX4K_F8000) {
        return 3 + (int)(msr - MSR_MTRR_FIX4K_C0000);
    }
    return -1;
}

static bool x86_has(const CPUX86State *env, uint32_t bit)
{
    return x86_cpu_has_feature(env, X86_FEAT_1_EDX, bit);
}

static bool x86_has_efer(const CPUX86State *env)
{
    return x86_cpu_has_feature(env, X86_FEAT_8000_0001_EDX, X86_CPUID_EXT_NX);
}

/* The physical-address bits of MTRR bases and masks (35:12). */
#define X86_MTRR_ADDR_MASK (((1ull << X86_PHYS_BITS) - 1) & ~0xfffull)

bool x86_cpu_rdmsr(CPUX86State *env, uint32_t msr, uint64_t *val)
{
    int fix = x86_mtrr_fixed_index(msr);
    if (x86_has(env, X86_CPUID_MTRR)) {
        if (msr >= MSR_MTRR_PHYSBASE0 && msr < MSR_MTRR_PHYSBASE0 + 16) {
            *val = env->mtrr_var[msr - MSR_MTRR_PHYSBASE0];
            return true;
        }
        if (fix >= 0) {
            *val = env->mtrr_fixed[fix];
            return true;
        }
    }
    switch (msr) {
    case MSR_IA32_TSC:
        *val = x86_tsc_clock(env) + env->tsc_offset;
        return x86_has(env, X86_CPUID_TSC);
    case MSR_IA32_PLATFORM_ID:
        *val = 0;
        return true;
    case MSR_IA32_ARCH_CAPABILITIES:
        *val = X86_ARCH_CAPABILITIES_NOT_VULNERABLE;
        return x86_cpu_has_feature(env, X86_FEAT_7_0_EDX, X86_CPUID_7_ARCH_CAPABILITIES);
    case MSR_IA32_APIC_BASE:
        *val = env->apic_base_msr;
        return x86_has(env, X86_CPUID_APIC);
    case MSR_IA32_BIOS_SIGN_ID:
        *val = (uint64_t)x86_cpu_model_of(env)->ucode_rev << 32;
        return true;
    case MSR_P6_PERFCTR0:
    case MSR_P6_PERFCTR1:
        *val = env->perf_ctr[msr - MSR_P6_PERFCTR0] & 0xffffffffffull;
        return true;
    case MSR_P6_EVNTSEL0:
    case MSR_P6_EVNTSEL1:
        *val = env->perf_evtsel[msr - MSR_P6_EVNTSEL0];
        return true;
    case MSR_MTRRCAP:
        /* 8 variable ranges, fixed ranges, write-combining (SDM 11.11.1). */
        *val = 8 | (1u << 8) | (1u << 10);
        return x86_has(env, X86_CPUID_MTRR);
    case MSR_MTRR_DEF_TYPE:
        *val = env->mtrr_deftype;
        return x86_has(env, X86_CPUID_MTRR);
    case MSR_IA32_SYSENTER_CS:
        *val = env->sysenter_cs;
        return x86_has(env, X86_CPUID_SEP);
    case MSR_IA32_SYSENTER_ESP:
        *val = env->sysenter_esp;
        return x86_has(env, X86_CPUID_SEP);
    case MSR_IA32_SYSENTER_EIP:
        *val = env->sysenter_eip;
        return x86_has(env, X86_CPUID_SEP);
    case MSR_IA32_MCG_CAP:
        *val = 0;                 /* no banks, no MCG_CTL */
        return x86_has(env, X86_CPUID_MCE);
    case MSR_IA32_MCG_STATUS:
        *val = env->mcg_status;
        return x86_has(env, X86_CPUID_MCE);
    case MSR_IA32_MISC_ENABLE:
        *val = env->misc_enable;
        return true;
    case MSR_IA32_PAT:
        *val = env->pat;
        return x86_has(env, X86_CPUID_PAT);
    case MSR_EFER:
        *val = env->efer;
        return x86_has_efer(env);
    default:
        return false;
    }
}

static bool x86_wrmsr_mtrr(CPUX86State *env, uint32_t msr, uint64_t val)
{
    int fix = x86_mtrr_fixed_index(msr);
    if (fix >= 0) {
        if (!x86_mtrr_fixed_ok(val)) {
            return false;
        }
        env->mtrr_fixed[fix] = val;
        return true;
    }
    unsigned i = msr - MSR_MTRR_PHYSBASE0;
    if (i & 1) {
        /* PHYSMASKn: bit 11 valid, 35:12 mask (SDM 11.11.2.3). */
        if (val & ~(X86_MTRR_ADDR_MASK | (1u << 11))) {
            return false;
        }
    } else if ((val & ~(X86_MTRR_ADDR_MASK | 0xff)) || !x86_mem_type_ok(val & 0xff)) {
        return false;
    }
    env->mtrr_var[i] = val;
    return true;
}

static bool x86_wrmsr_apic_base(CPUX86State *env, uint64_t val)
{
    /* P6: bit 8 BSP (read-only here), bit 11 enable, 35:12 base. */
    uint64_t writable = (1u << 11) | X86_MTRR_ADDR_MASK;
    if (val & ~(writable | (1u << 8))) {
        return false;
    }
    env->apic_base_msr = (val & writable) | (env->apic_base_msr & (1u << 8));
    if (env->apic_base_write) {
        env->apic_base_write(env->apic_opaque, env->apic_base_msr);
    }
    return true;
}

static bool x86_wrmsr_efer(CPUX86State *env, uint64_t val)
{
    /* Only NXE: no long mode (LME), no SYSCALL (SCE) on this CPU. */
    if (val & ~(uint64_t)EFER_NXE_MASK) {
        return false;
    }
    uint64_t old = env->efer;
    env->efer = val;
    if ((old ^ val) & EFER_NXE_MASK) {
        tlb_flush(&env->cs);    /* XD bits change meaning (reserved <-> NX) */
        x86_notify_paging_changed(env);
    }
    return true;
}

bool x86_cpu_wrmsr(CPUX86State *env, uint32_t msr, uint64_t val)
{
    if (x86_has(env, X86_CPUID_MTRR) &&
        ((msr >= MSR_MTRR_PHYSBASE0 && msr < MSR_MTRR_PHYSBASE0 + 16) ||
         x86_mtrr_fixed_index(msr) >= 0)) {
        return x86_wrmsr_mtrr(env, msr, val);
    }
    switch (msr) {
    case MSR_IA32_TSC:
        env->tsc_offset = val - x86_tsc_clock(env);
        return x86_has(env, X86_CPUID_TSC);
    case MSR_IA32_APIC_BASE:
        return x86_has(env, X86_CPUID_APIC) && x86_wrmsr_apic_base(env, val);
    case MSR_IA32_BIOS_UPDT_TRIG:
    case MSR_IA32_BIOS_SIGN_ID:
        return true;    /* no microcode update is ever applied */
    case MSR_P6_PERFCTR0:
    case MSR_P6_PERFCTR1:
        /* P6: the low 32 bits, sign-extended to the 40-bit counter. */
        env->perf_ctr[msr - MSR_P6_PERFCTR0] =
            (uint64_t)(int64_t)(int32_t)val & 0xffffffffffull;
        return true;
    case MSR_P6_EVNTSEL0:
    case MSR_P6_EVNTSEL1:
        env->perf_evtsel[msr - MSR_P6_EVNTSEL0] = val & 0xffffffffu;
        return true;
    case MSR_MTRR_DEF_TYPE:
        if (!x86_has(env, X86_CPUID_MTRR) || (val & ~0xcffull) ||
            !x86_mem_type_ok(val & 0xff)) {
            return false;
        }
        env->mtrr_deftype = val;
        return true;
    case MSR_IA32_SYSENTER_CS:
        env->sysenter_cs = (uint32_t)val;
        return x86_has(env, X86_CPUID_SEP);
    case MSR_IA32_SYSENTER_ESP:
        env->sysenter_esp = (uint32_t)val;
        return x86_has(env, X86_CPUID_SEP);
    case MSR_IA32_SYSENTER_EIP:
        env->sysenter_eip = (uint32_t)val;
        return x86_has(env, X86_CPUID_SEP);
    case MSR_IA32_MCG_STATUS:
        if (!x86_has(env, X86_CPUID_MCE) || (val & ~7ull)) {
            return false;
        }
        env->mcg_status = val;
        return true;
    case MSR_IA32_MISC_ENABLE:
        env->misc_enable = val;
        return true;
    case MSR_IA32_PAT:
        if (!x86_has(env, X86_CPUID_PAT) || !x86_pat_ok(val)) {
            return false;
        }
        env->pat = val;
        return true;
    case MSR_EFER:
        return x86_has_efer(env) && x86_wrmsr_efer(env, val);
    default:
        return false;   /* MTRRcap, MCG_CAP, PLATFORM_ID: read-only */
    }
}

void x86_helper_rdmsr(CPUX86State *env)
{
    uintptr_t ra = GETPC();
    uint64_t v;
    if (!x86_cpu_rdmsr(env, env->regs[R_ECX], &v)) {
        if (mimic_log_enabled(LOG_UNIMP)) {
            mimic_log("rdmsr %#x: no such MSR on this CPU (#GP)\n", env->regs[R_ECX]);
        }
        x86_misc_raise(env, EXCP0D_GPF, ra);
    }
    env->regs[R_EAX] = (uint32_t)v;
    env->regs[R_EDX] = (uint32_t)(v >> 32);
}

void x86_helper_wrmsr(CPUX86State *env)
{
    uintptr_t ra = GETPC();
    uint64_t v = ((uint64_t)env->regs[R_EDX] << 32) | env->regs[R_EAX];
    if (!x86_cpu_wrmsr(env, env->regs[R_ECX], v)) {
        if (mimic_log_enabled(LOG_UNIMP)) {
            mimic_log("wrmsr %#x <- %#" PRIx64 ": no such MSR or reserved bits (#GP)\n",
                      env->regs[R_ECX], v);
        }
        x86_misc_raise(env, EXCP0D_GPF, ra);
    }
}

/* ---- counters, INVLPG ---- */

uint64_t x86_helper_rdpmc(CPUX86State *env, uint32_t cpl)
{
    uintptr_t ra = GETPC();
    uint32_t i = env->regs[R_ECX];
    if ((cpl > 0 && !(env->cr[4] & CR4_PCE_MASK)) || i > 1) {
        x86_misc_raise(env, EXCP0D_GPF, ra);
    }
    /* The counters hold what was written: no events are counted. */
    return env->perf_ctr[i] & 0xffffffffffull;
}

uint64_t x86_tsc_clock(const CPUX86State *env)
{
    struct timespec ts;

    if (!env->cs.tlb) {
        return __rdtsc();
    }
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void x86_helper_check_rdtsc(CPUX86State *env, uint32_t cpl)
{
    uintptr_t ra = GETPC();
    if (cpl > 0 && (env->cr[4] & CR4_TSD_MASK)) {
        x86_misc_raise(env, EXCP0D_GPF, ra);
    }
}

void x86_helper_invlpg(CPUX86State *env, uint32_t addr)
{
    if (mimic_log_enabled(LOG_MMU)) {
        mimic_log("mmu: invlpg %08x\n", addr);
    }
    tlb_flush_page(&env->cs, addr);
    if (x86_accel_notify) {
        x86_accel_notify->invlpg(env, addr);
    }
}

TCGHelperInfo x86_helper_info_read_cr =
    TCG_HELPER(x86_helper_read_cr, TCG_CALL_MAY_RAISE, TCG_HT_I32, TCG_HT_PTR,
               TCG_HT_I32);
TCGHelperInfo x86_helper_info_write_cr =
    TCG_HELPER(x86_helper_write_cr, TCG_CALL_MAY_RAISE | TCG_CALL_WRITES_GLOBALS,
               TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_read_dr =
    TCG_HELPER(x86_helper_read_dr, TCG_CALL_MAY_RAISE, TCG_HT_I32, TCG_HT_PTR,
               TCG_HT_I32);
TCGHelperInfo x86_helper_info_write_dr =
    TCG_HELPER(x86_helper_write_dr, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR,
               TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_rdmsr =
    TCG_HELPER(x86_helper_rdmsr, TCG_CALL_MAY_RAISE | TCG_CALL_WRITES_GLOBALS,
               TCG_HT_VOID, TCG_HT_PTR);
TCGHelperInfo x86_helper_info_wrmsr =
    TCG_HELPER(x86_helper_wrmsr, TCG_CALL_MAY_RAISE | TCG_CALL_WRITES_GLOBALS,
               TCG_HT_VOID, TCG_HT_PTR);
TCGHelperInfo x86_helper_info_rdpmc =
    TCG_HELPER(x86_helper_rdpmc, TCG_CALL_MAY_RAISE, TCG_HT_I64, TCG_HT_PTR,
               TCG_HT_I32);
TCGHelperInfo x86_helper_info_check_rdtsc =
    TCG_HELPER(x86_helper_check_rdtsc, TCG_CALL_MAY_RAISE, TCG_HT_VOID,
               TCG_HT_PTR, TCG_HT_I32);
TCGHelperInfo x86_helper_info_invlpg =
    TCG_HELPER(x86_helper_invlpg, TCG_CALL_SIDE_EFFECTS, TCG_HT_VOID,
               TCG_HT_PTR, TCG_HT_I32);
TCGHelperInfo x86_helper_info_clts =
    TCG_HELPER(x86_helper_clts, TCG_CALL_WRITES_GLOBALS | TCG_CALL_SIDE_EFFECTS,
               TCG_HT_VOID, TCG_HT_PTR);
TCGHelperInfo x86_helper_info_lmsw =
    TCG_HELPER(x86_helper_lmsw, TCG_CALL_MAY_RAISE | TCG_CALL_WRITES_GLOBALS,
               TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32);
