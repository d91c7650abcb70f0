/*
 * The decoding of MOV CR/DR, RDMSR/WRMSR, RDPMC, RDTSC's CR4.TSD check
 * and INVD/WBINVD (target-i386/translate-cr.c) run through cpu_exec on
 * both backends: protected mode with paging off, code in user pages, at
 * CPL 0 and CPL 3. Expected faults from SDM vol. 2 (each instruction's
 * "Protected Mode Exceptions").
 */
#include <criterion/criterion.h>
#include <string.h>
#include <sys/mman.h>
#include "exec/cpu.h"
#include "exec/user-pages.h"
#include "target-i386/cpu-models.h"
#include "target-i386/misc_helper.h"
#include "target-i386/mmu.h"
#include "target-i386/translate-int.h"

#define CODE 0x10000u

static const char *const backends[] = { "jit", "interp" };

/* Flat 32-bit segments at CPL cpl, paging off, a Pentium III. */
static CPUX86State *setup(const char *backend, int cpl, const uint8_t *code,
                          size_t len)
{
    cr_assert(guest_space_reserve());
    cr_assert(mmap(g2h(CODE), 0x10000, PROT_READ | PROT_WRITE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED);
    page_set_flags(CODE, CODE + 0x10000, PAGE_VALID | PAGE_READ | PAGE_EXEC | PAGE_WRITE);
    memcpy(g2h(CODE), code, len);
    tcg_exec_init(&x86_guest_arch, backend, 8 << 20);
    CPUX86State *env = (CPUX86State *)cpu_create(&x86_guest_arch);
    x86_mmu_reset(env);
    env->cpu_model = x86_cpu_model_find("pentium3");
    env->cr[0] = CR0_PE_MASK | CR0_ET_MASK;
    env->old_exception = -1;
    env->eflags = 0x202;
    env->df = 1;
    env->cc_op = CC_OP_EFLAGS;
    for (int s = 0; s < NB_SEGS; s++) {
        SegmentCache *sc = &env->segs[s];
        sc->selector = s == R_CS ? (cpl == 3 ? 0x1b : 0x08) : (cpl == 3 ? 0x23 : 0x10);
        sc->base = 0;
        sc->limit = 0xffffffffu;
        sc->flags = X86_DESC_P | X86_DESC_S | X86_DESC_B | (1u << 23) |
                    ((uint32_t)cpl << 13) |
                    (s == R_CS ? X86_DESC_CODE | (1u << 9) : (1u << 9));
    }
    env->hflags = (uint32_t)cpl;
    x86_update_hflags(env);
    env->eip = CODE;
    return env;
}

static int run(CPUX86State *env)
{
    for (;;) {
        int e = cpu_exec(&env->cs);
        if (e != EXCP_INTERRUPT && e != EXCP_NONE) {
            return e;
        }
    }
}

/* mov eax,cr0; or eax,8; mov cr0,eax; mov ebx,cr0; hlt */
static const uint8_t set_ts[] = {
    0x0f, 0x20, 0xc0, 0x83, 0xc8, 0x08, 0x0f, 0x22, 0xc0, 0x0f, 0x20, 0xc3, 0xf4,
};

Test(x86_cr, mov_cr0_at_cpl0)
{
    for (int b = 0; b < 2; b++) {
        CPUX86State *env = setup(backends[b], 0, set_ts, sizeof(set_ts));
        cr_assert_eq(run(env), EXCP_HLT, "%s", backends[b]);
        cr_assert_eq(env->regs[R_EBX], CR0_PE_MASK | CR0_ET_MASK | CR0_TS_MASK);
        cr_assert_eq(env->cr[0], CR0_PE_MASK | CR0_ET_MASK | CR0_TS_MASK);
        cr_assert(env->hflags & HF_TS_MASK, "hflags follow CR0.TS");
        cpu_destroy(&env->cs);
    }
}

/* mov eax,0x800 (bit 11: reserved); mov cr4,eax */
static const uint8_t cr4_rsvd[] = { 0xb8, 0x00, 0x08, 0x00, 0x00, 0x0f, 0x22, 0xe0, 0xf4 };
/* mov eax,cr1 */
static const uint8_t cr1[] = { 0x0f, 0x20, 0xc8, 0xf4 };

Test(x86_cr, mov_cr_faults)
{
    for (int b = 0; b < 2; b++) {
        CPUX86State *env = setup(backends[b], 0, cr4_rsvd, sizeof(cr4_rsvd));
        cr_assert_eq(run(env), EXCP0D_GPF, "%s: CR4 reserved bit", backends[b]);
        cr_assert_eq(env->cs.error_code, 0);
        cr_assert_eq(env->eip, CODE + 5, "at the MOV");
        cpu_destroy(&env->cs);
        env = setup(backends[b], 0, cr1, sizeof(cr1));
        cr_assert_eq(run(env), EXCP06_ILLOP, "CR1 is #UD");
        cr_assert_eq(env->eip, CODE);
        cpu_destroy(&env->cs);
        /* At CPL 3: #GP(0) before anything else. */
        env = setup(backends[b], 3, set_ts, sizeof(set_ts));
        cr_assert_eq(run(env), EXCP0D_GPF);
        cr_assert_eq(env->eip, CODE);
        cpu_destroy(&env->cs);
    }
}

/*
 * mov ecx,0x174; mov eax,0x60; xor edx,edx; wrmsr; xor eax,eax; rdmsr;
 * mov ebx,eax; mov eax,0x403; mov dr7,eax; mov esi,dr7; wbinvd; invd;
 * xor ecx,ecx; rdpmc; mov ecx,0x3a; rdmsr (#GP)
 */
static const uint8_t msrs[] = {
    0xb9, 0x74, 0x01, 0x00, 0x00, 0xb8, 0x60, 0x00, 0x00, 0x00, 0x31, 0xd2,
    0x0f, 0x30, 0x31, 0xc0, 0x0f, 0x32, 0x89, 0xc3,
    0xb8, 0x03, 0x04, 0x00, 0x00, 0x0f, 0x23, 0xf8, 0x0f, 0x21, 0xfe,
    0x0f, 0x09, 0x0f, 0x08, 0x31, 0xc9, 0x0f, 0x33,
    0xb9, 0x3a, 0x00, 0x00, 0x00, 0x0f, 0x32, 0xf4,
};

Test(x86_cr, msr_dr_counters_at_cpl0)
{
    for (int b = 0; b < 2; b++) {
        CPUX86State *env = setup(backends[b], 0, msrs, sizeof(msrs));
        env->perf_ctr[0] = 0x1234;
        cr_assert_eq(run(env), EXCP0D_GPF, "%s: unknown MSR", backends[b]);
        cr_assert_eq(env->eip, CODE + sizeof(msrs) - 3, "at the RDMSR");
        cr_assert_eq(env->sysenter_cs, 0x60);
        cr_assert_eq(env->regs[R_EBX], 0x60, "RDMSR read it back");
        cr_assert_eq(env->regs[R_ESI], 0x403, "DR7");
        cr_assert_eq(env->regs[R_EAX], 0x1234, "RDPMC counter 0");
        cr_assert_eq(env->regs[R_EDX], 0);
        cpu_destroy(&env->cs);
    }
}

/* rdtsc; hlt (hlt is #GP at CPL 3, which ends the run too) */
static const uint8_t rdtsc[] = { 0x0f, 0x31, 0xf4 };
static const uint8_t wbinvd[] = { 0x0f, 0x09, 0xf4 };
static const uint8_t rdmsr[] = { 0x0f, 0x32, 0xf4 };
static const uint8_t rdpmc[] = { 0x0f, 0x33, 0xf4 };

Test(x86_cr, cpl3_privilege)
{
    for (int b = 0; b < 2; b++) {
        CPUX86State *env = setup(backends[b], 3, rdtsc, sizeof(rdtsc));
        cr_assert_eq(run(env), EXCP0D_GPF);
        cr_assert_eq(env->eip, CODE + 2, "%s: RDTSC ran, HLT faulted", backends[b]);
        cpu_destroy(&env->cs);
        env = setup(backends[b], 3, rdtsc, sizeof(rdtsc));
        env->cr[4] = CR4_TSD_MASK;
        cr_assert_eq(run(env), EXCP0D_GPF);
        cr_assert_eq(env->eip, CODE, "CR4.TSD: RDTSC faults");
        cpu_destroy(&env->cs);
        const uint8_t *progs[] = { wbinvd, rdmsr, rdpmc };
        for (int i = 0; i < 3; i++) {
            env = setup(backends[b], 3, progs[i], 3);
            cr_assert_eq(run(env), EXCP0D_GPF, "program %d", i);
            cr_assert_eq(env->eip, CODE);
            cpu_destroy(&env->cs);
        }
        /* RDPMC at CPL 3 with CR4.PCE is allowed. */
        env = setup(backends[b], 3, rdpmc, sizeof(rdpmc));
        env->cr[4] = CR4_PCE_MASK;
        env->regs[R_ECX] = 1;
        env->perf_ctr[1] = 77;
        cr_assert_eq(run(env), EXCP0D_GPF);
        cr_assert_eq(env->eip, CODE + 2, "RDPMC ran, HLT faulted");
        cr_assert_eq(env->regs[R_EAX], 77);
        cpu_destroy(&env->cs);
    }
}

