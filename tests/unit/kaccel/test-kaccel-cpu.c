/* accel/kmod/kaccel-cpu.c without the module: which CPU states may run
 * natively, CPUX86State <-> the module's registers and FXSAVE image
 * (layout from the Intel SDM, FXSAVE), and the exit -> CPU-loop mapping
 * of docs/kaccel.md. */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>
#include "kaccel-cpu.h"

static CPUX86State env;

static void flat_user(void)
{
    static const uint32_t sel[NB_SEGS] = { 0x7b, 0x73, 0x7b, 0x7b, 0, 0x33 };

    memset(&env, 0, sizeof(env));
    env.cr[0] = CR0_PE_MASK | CR0_PG_MASK | CR0_ET_MASK | CR0_NE_MASK;
    env.cr[3] = 0x1000;
    for (int i = 0; i < NB_SEGS; i++) {
        env.segs[i].selector = sel[i];
        env.segs[i].limit = sel[i] ? 0xffffffff : 0;
        env.segs[i].flags = sel[i] ? (i == R_CS ? 0x00c0fb00 : 0x00c0f300) : 0;
    }
    env.fpuc = 0x37f;
    env.mxcsr = 0x1f80;
    for (int i = 0; i < 8; i++)
        env.fptags[i] = 1;
    x86_cpu_set_eflags(&env, 0x202, ~0u);
    x86_update_hflags(&env);
}

Test(kaccel_cpu, can_run_only_user_code_with_if_and_iopl0)
{
    flat_user();
    cr_expect(kaccel_cpu_can_run(&env));
    env.segs[R_CS].selector = 0x60;
    cr_expect(!kaccel_cpu_can_run(&env), "CPL 0");
    flat_user();
    x86_cpu_set_eflags(&env, 0x002, ~0u);
    cr_expect(!kaccel_cpu_can_run(&env), "IF = 0");
    x86_cpu_set_eflags(&env, 0x3202, ~0u);
    cr_expect(!kaccel_cpu_can_run(&env), "IOPL 3");
    x86_cpu_set_eflags(&env, 0x20202, ~0u);
    cr_expect(!kaccel_cpu_can_run(&env), "virtual-8086");
    flat_user();
    env.cr[0] &= ~CR0_PG_MASK;
    cr_expect(!kaccel_cpu_can_run(&env), "paging off");
}

Test(kaccel_cpu, registers_and_segments_round_trip)
{
    struct kaccel_regs r;
    struct kaccel_fpu f;

    flat_user();
    for (int i = 0; i < 8; i++)
        env.regs[i] = 0x1000 * i + 7;
    env.eip = 0x8048000;
    x86_cpu_set_eflags(&env, 0x202 | CC_C | CC_Z | DF_MASK | AC_MASK, ~0u);
    env.cr[2] = 0x1234;
    env.cr[4] = 0x30;
    env.efer = 0x800;
    kaccel_cpu_get(&env, &r, &f);
    cr_expect_eq(r.gpr[R_EBX], 0x3007);
    cr_expect_eq(r.eip, 0x8048000);
    cr_expect_eq(r.eflags, 0x202 | CC_C | CC_Z | DF_MASK | AC_MASK);
    cr_expect_eq(r.cr3, 0x1000);
    cr_expect_eq(r.cr4, 0x30);
    cr_expect_eq(r.efer, 0x800);
    cr_expect_eq(r.seg[KACCEL_CS].selector, 0x73);
    cr_expect_eq(r.seg[KACCEL_GS].flags, 0x00c0f300);
    cr_expect_eq(r.pdpte[0], 0, "no PDPTEs without PAE");
    env.cr[4] = 0x20;
    env.pdpte[2] = 0x5001;
    kaccel_cpu_get(&env, &r, &f);
    cr_expect_eq(r.pdpte[2], 0x5001, "PAE: the PDPTE registers");
    /* what a native stretch changes comes back */
    r.gpr[R_EAX] = 0xdeadbeef;
    r.eip = 0x8048010;
    r.eflags = 0x202 | CC_O | CC_S;
    r.seg[KACCEL_FS].selector = 0;
    r.cr2 = 0x5678;
    kaccel_cpu_put(&env, &r, &f);
    cr_expect_eq(env.regs[R_EAX], 0xdeadbeef);
    cr_expect_eq(env.eip, 0x8048010);
    cr_expect_eq(x86_cpu_get_eflags(&env), 0x202 | CC_O | CC_S);
    cr_expect_eq(env.cr[2], 0x5678);
    cr_expect_eq(env.regs[R_EBX], 0x3007);
}

Test(kaccel_cpu, fxsave_image_layout)
{
    struct kaccel_regs r;
    struct kaccel_fpu f, g;
    float x[4] = { 1.5f, -2, 3, 4 };

    flat_user();
    kaccel_cpu_get(&env, &r, &f);
    /* SDM FXSAVE: FCW at 0, FSW at 2, abridged FTW at 4, MXCSR at 24,
     * ST0 at 32 (80 bits in 16), XMM0 at 160. Load ST0 = 1.0, TOP = 7. */
    *(uint16_t *)(f.fxsave + 0) = 0x27f;
    *(uint16_t *)(f.fxsave + 2) = 7 << 11;
    f.fxsave[4] = 0x80;
    *(uint64_t *)(f.fxsave + 32) = 0x8000000000000000ull;
    *(uint16_t *)(f.fxsave + 40) = 0x3fff;
    *(uint32_t *)(f.fxsave + 24) = 0x1fa0;
    memcpy(f.fxsave + 160, x, 16);
    kaccel_cpu_put(&env, &r, &f);
    cr_expect_eq(env.fpuc & 0x1f3f, 0x27f & 0x1f3f);
    cr_expect_eq(env.fpstt, 7);
    cr_expect(!env.fptags[7], "ST0 valid");
    cr_expect(env.fpregs[7].d == 1.0L);
    cr_expect_eq(env.mxcsr, 0x1fa0);
    cr_expect(env.xmm[0].f[0] == 1.5f && env.xmm[0].f[1] == -2.0f);
    kaccel_cpu_get(&env, &r, &g);
    cr_expect_eq(memcmp(g.fxsave, f.fxsave, 28), 0, "header back");
    cr_expect_eq(memcmp(g.fxsave + 32, f.fxsave + 32, 288 - 32), 0, "registers back");
}

static KaccelAction act(uint32_t reason, uint32_t vector, int *v, uint32_t *e)
{
    struct kaccel_run run;

    memset(&run, 0, sizeof(run));
    run.reason = reason;
    run.vector = vector;
    run.error_code = 7;
    run.addr = 0xbffff000;
    run.gpa = 0x4001;
    return kaccel_cpu_action(&env, &run, v, e);
}

Test(kaccel_cpu, exits_map_onto_the_cpu_loop)
{
    int v = -1;
    uint32_t e = 0;

    flat_user();
    cr_expect_eq(act(KACCEL_EXIT_EXCEPTION, 14, &v, &e), KACCEL_DO_EXCEPTION);
    cr_expect(v == 14 && e == 7 && env.cr[2] == 0xbffff000);
    cr_expect_eq(act(KACCEL_EXIT_EXCEPTION, 1, &v, &e), KACCEL_DO_EXCEPTION);
    cr_expect(v == 1 && env.dr[6] == 0x4001);
    cr_expect_eq(act(KACCEL_EXIT_EXCEPTION, 0, &v, &e), KACCEL_DO_EXCEPTION);
    cr_expect_eq(act(KACCEL_EXIT_EXCEPTION, 16, &v, &e), KACCEL_DO_EXCEPTION);
    for (int vec = 6; vec <= 13; vec++)
        if (vec == 6 || vec >= 10)
            cr_expect_eq(act(KACCEL_EXIT_EXCEPTION, vec, &v, &e), KACCEL_DO_TRANSLATE,
                         "vector %d", vec);
    cr_expect_eq(act(KACCEL_EXIT_SOFTINT, 0x80, &v, &e), KACCEL_DO_TRANSLATE);
    cr_expect_eq(act(KACCEL_EXIT_INSN, 13, &v, &e), KACCEL_DO_TRANSLATE);
    cr_expect_eq(act(KACCEL_EXIT_MMIO, 0, &v, &e), KACCEL_DO_TRANSLATE);
    cr_expect_eq(act(KACCEL_EXIT_WATCH, 0, &v, &e), KACCEL_DO_TRANSLATE);
    cr_expect_eq(act(KACCEL_EXIT_SIGNAL, 0, &v, &e), KACCEL_DO_MAINLOOP);
    cr_expect_eq(act(KACCEL_EXIT_SLICE, 0, &v, &e), KACCEL_DO_MAINLOOP);
    cr_expect_eq(act(KACCEL_EXIT_RESCHED, 0, &v, &e), KACCEL_DO_RUN_AGAIN);
}

Test(kaccel_cpu, run_without_the_device_reports_the_error)
{
    KaccelVM vm = { -1 };
    int v;
    uint32_t e;

    flat_user();
    cr_expect(kaccel_cpu_run(&vm, &env, 0, &v, &e) < 0);
    cr_expect(kaccel_open(&vm, "/nonexistent/kaccel") < 0);
}

/* One KACCEL_RUN carries the state: regs always, the FXSAVE image only
 * when it differs from what the module holds; a run's results come back
 * into env (the FPU only with KACCEL_RUN_FPU_OUT). */
Test(kaccel_cpu, run_carries_regs_always_and_fpu_when_changed)
{
    KaccelVM vm = { .fd = -1 };
    struct kaccel_run run;
    int v;
    uint32_t e;

    flat_user();
    env.regs[R_EAX] = 5;
    kaccel_cpu_enter(&vm, &env, &run);
    cr_expect_eq(run.flags, KACCEL_RUN_REGS_IN | KACCEL_RUN_FPU_IN, "first run: fpu unknown");
    cr_expect_eq(run.regs.gpr[R_EAX], 5);
    cr_expect_eq(run.nr_inv, 0);
    /* the module ran: EAX changed, FPU untouched, a guest #PF */
    run.regs.gpr[R_EAX] = 6;
    run.reason = KACCEL_EXIT_EXCEPTION;
    run.vector = 14;
    run.addr = 0x5000;
    cr_expect_eq(kaccel_cpu_leave(&vm, &env, &run, 0, &v, &e), KACCEL_DO_EXCEPTION);
    cr_expect(env.regs[R_EAX] == 6 && env.cr[2] == 0x5000 && v == 14);
    kaccel_cpu_enter(&vm, &env, &run);
    cr_expect_eq(run.flags, KACCEL_RUN_REGS_IN, "fpu unchanged: not sent");
    /* the module reports a changed FPU: MXCSR and xmm0 reach env */
    *(uint32_t *)(run.fpu.fxsave + 24) = 0x1fc0;
    run.fpu.fxsave[160] = 0x42;
    run.out_flags = KACCEL_RUN_FPU_OUT;
    run.reason = KACCEL_EXIT_SLICE;
    cr_expect_eq(kaccel_cpu_leave(&vm, &env, &run, 0, &v, &e), KACCEL_DO_MAINLOOP);
    cr_expect(env.mxcsr == 0x1fc0 && env.xmm[0].b[0] == 0x42);
    kaccel_cpu_enter(&vm, &env, &run);
    cr_expect_eq(run.flags, KACCEL_RUN_REGS_IN, "fpu as the module has it: not sent");
    /* the translator changes the FPU: sent again */
    env.fpuc = 0x27f;
    kaccel_cpu_enter(&vm, &env, &run);
    cr_expect_eq(run.flags, KACCEL_RUN_REGS_IN | KACCEL_RUN_FPU_IN);
    /* a failed run leaves env alone and forgets what the module holds */
    env.regs[R_EAX] = 9;
    run.regs.gpr[R_EAX] = 1;
    cr_expect_eq(kaccel_cpu_leave(&vm, &env, &run, -EINTR, &v, &e), KACCEL_DO_MAINLOOP);
    cr_expect_eq(env.regs[R_EAX], 9);
    env.fpuc = 0x37f;
    kaccel_cpu_enter(&vm, &env, &run);
    cr_expect(run.flags & KACCEL_RUN_FPU_IN, "after an error: fpu sent");
}
