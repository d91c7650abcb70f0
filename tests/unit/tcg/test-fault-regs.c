/*
 * Guest globals at a fault on both backends: a block adds a constant to
 * some globals (i32 and i64), then a guest load faults on a PROT_NONE
 * page, then the block overwrites those globals. Nothing writes the sums
 * back before the load (docs/tcg.md, "Instruction start and state
 * restore"), so the test's SIGSEGV handler restores them as linux-user
 * does: the signal frame's registers, tcg_fault_regs_apply with the
 * block's restore data. Every global must then hold its sum; the others
 * their start value. Reference: the sums computed in C.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "tt-harness.h"

#define FR_PAGE 0x00700000u         /* guest page made PROT_NONE */

typedef struct FrUnit {
    int n32, n64;
    bool optimize;
} FrUnit;

typedef struct FrResults {
    int nunits;
    FrUnit units[32];
    int bad[TT_NB_BACKENDS][32];        /* globals with a wrong value, or -1 */
} FrResults;

static sigjmp_buf fr_jmp;
static const void *fr_code;
static volatile int fr_applied;

static void fr_segv(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    uint64_t regs[TCG_HOST_NB_REGS];
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];

    (void)sig;
    (void)si;
    tcg_host_regs_from_ucontext(uc, regs);
    fr_applied = tcg_fault_regs_apply(tcg_ctx->gen_fault_regs, tcg_ctx->gen_fault_regs_len,
                                      (uint32_t)(pc - (uintptr_t)fr_code), regs, tt_env);
    siglongjmp(fr_jmp, 1);
}

static uint32_t fr_start32(int i) { return 0x01010101u * (uint32_t)(i + 1); }
static uint64_t fr_start64(int i) { return 0x0102030405060708ull * (uint64_t)(i + 3); }
static uint32_t fr_add32(int i) { return 0x1000u + 0x10001u * (uint32_t)i; }
static uint64_t fr_add64(int i) { return 0x100000001ull * (uint64_t)(i + 5); }

static void fr_unit(int u, void *arg)
{
    FrResults *r = arg;
    const FrUnit *fu = &r->units[u];
    struct sigaction sa, old;
    volatile int bad = 0;

    tt_env_reset();
    for (int i = 0; i < TT_N32; i++) {
        tt_env->g32[2 * i] = fr_start32(i);
    }
    for (int i = 0; i < TT_N64; i++) {
        tt_env->g64[i] = fr_start64(i);
    }
    tt_begin();
    for (int i = 0; i < fu->n32; i++) {
        tcg_gen_addi_i32(tt_g32(i), tt_g32(i), fr_add32(i));
    }
    for (int i = 0; i < fu->n64; i++) {
        tcg_gen_addi_i64(tt_g64(i), tt_g64(i), fr_add64(i));
    }
    TCGv_i32 v = tcg_temp_new_i32();
    tcg_gen_guest_ld_i32(v, tcg_constant_i32(FR_PAGE + 0x10), 0, MO_UL);
    for (int i = 0; i < fu->n32; i++) {
        tcg_gen_mov_i32(tt_g32(i), v);
    }
    for (int i = 0; i < fu->n64; i++) {
        tcg_gen_extu_i32_i64(tt_g64(i), v);
    }
    fr_code = tt_finish(fu->optimize);

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fr_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, &old);
    mprotect(tt_guest + FR_PAGE, 4096, PROT_NONE);
    fr_applied = -1;
    if (sigsetjmp(fr_jmp, 1) == 0) {
        tt_exec(fr_code);
    }
    tcg_interp_pc = 0;          /* the interpreter was left by the fault */
    mprotect(tt_guest + FR_PAGE, 4096, PROT_READ | PROT_WRITE);
    sigaction(SIGSEGV, &old, NULL);
    if (fr_applied < 0) {
        bad = -1;               /* no fault */
    } else {
        for (int i = 0; i < TT_N32; i++) {
            uint32_t want = fr_start32(i) + (i < fu->n32 ? fr_add32(i) : 0);
            bad += tt_env->g32[2 * i] != want;
        }
        for (int i = 0; i < TT_N64; i++) {
            uint64_t want = fr_start64(i) + (i < fu->n64 ? fr_add64(i) : 0);
            bad += tt_env->g64[i] != want;
        }
    }
    r->bad[tt_backend_index][u] = bad;
}

static void fr_describe(int u, void *arg, char *buf, size_t n)
{
    const FrUnit *fu = &((FrResults *)arg)->units[u];
    snprintf(buf, n, "%d i32 + %d i64 globals dirty at the fault%s", fu->n32, fu->n64,
             fu->optimize ? ", optimized" : "");
}

Test(tcg_fault_regs, globals_restored_from_the_fault_context)
{
    static const int n32s[] = { 1, 5, 10, 16 }, n64s[] = { 0, 3, 8 };
    FrResults *r = tt_shared_alloc(sizeof(*r));
    uint8_t *crashed[TT_NB_BACKENDS];
    int fails = 0;

    memset(r, 0, sizeof(*r));
    for (int a = 0; a < 4; a++) {
        for (int b = 0; b < 3; b++) {
            for (int o = 0; o < 2; o++) {
                r->units[r->nunits++] = (FrUnit){ n32s[a], n64s[b], o != 0 };
            }
        }
    }
    for (int be = 0; be < TT_NB_BACKENDS; be++) {
        crashed[be] = tt_shared_alloc((size_t)r->nunits);
    }
    tt_run_units_all(r->nunits, fr_unit, fr_describe, r, crashed);
    for (int u = 0; u < r->nunits; u++) {
        char what[96];
        fr_describe(u, r, what, sizeof(what));
        printf("  %-45s", what);
        for (int be = 0; be < TT_NB_BACKENDS; be++) {
            int b = crashed[be][u] ? -2 : r->bad[be][u];
            printf(" %s: %s", tt_backend_names[be],
                   b == 0 ? "all globals = C" : b == -1 ? "NO FAULT" : b == -2 ? "CRASHED" : "WRONG");
            fails += b != 0;
        }
        printf("\n");
    }
    printf("[fault restore] %d blocks on jit and interp, each global vs C: %d failures\n",
           r->nunits, fails);
    cr_assert_eq(fails, 0, "fault restore: %d failures", fails);
}
