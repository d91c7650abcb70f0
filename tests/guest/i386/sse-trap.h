/*
 * Unmasked SIMD exceptions, shared by sse-except.c and sse-sigframe.c:
 * each SseOp swept over the edge-value pairs under every exception mask
 * (alone, several, with RC/FTZ/DAZ), the traps' signal, si_code and
 * instruction bytes hashed with the results, and the readable cases.
 * A test that also looks at the signal frame sets sse_trap_frame: it is
 * called with each fault's ucontext and fills sse_trap_extra, which is
 * hashed and printed with every trap.
 */
#ifndef SSE_TRAP_H
#define SSE_TRAP_H

#include <setjmp.h>
#include <signal.h>
#include <ucontext.h>
#include "sse-common.h"

typedef struct SseOp {
    const char *name;
    SseFn *r;
    int single;
} SseOp;

#define SSE_TRAP_EXTRA 5

/* What the last signal showed. */
static sigjmp_buf sse_jb;
static volatile int got_sig, got_code;
static volatile uint32_t got_insn;
static void (*sse_trap_frame)(ucontext_t *uc);
static volatile uint32_t sse_trap_extra[SSE_TRAP_EXTRA];

/* The instructions of the readable cases (sse_trap_show_cases). */
#pragma GCC push_options
#pragma GCC target("sse3")
SSE_RR(addss_r, "addss %%xmm1, %%xmm0")
SSE_RR(mulss_r, "mulss %%xmm1, %%xmm0")
SSE_RR(divss_r, "divss %%xmm1, %%xmm0")
SSE_RR(sqrtss_r, "sqrtss %%xmm1, %%xmm0")
SSE_RR(comiss_r, "comiss %%xmm1, %%xmm0\n\tsetc %%al\n\tmovd %%eax, %%xmm0")
SSE_RR(ucomiss_r, "ucomiss %%xmm1, %%xmm0\n\tsetc %%al\n\tmovd %%eax, %%xmm0")
SSE_RR(cvtss2si_r, "cvtss2si %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
#pragma GCC pop_options

static void sse_trap_on_fault(int sig, siginfo_t *si, void *uc)
{
    got_sig = sig;
    got_code = si->si_code;
    got_insn = 0;
    if (sig == SIGFPE) {
        memcpy((void *)&got_insn, si->si_addr, 4);
    }
    if (sse_trap_frame) {
        sse_trap_frame(uc);
    }
    siglongjmp(sse_jb, 1);
}

static void sse_trap_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = sse_trap_on_fault;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
}

/* Runs fn; returns 1 if it raised a signal. */
static int sse_try(SseFn *fn, Xmm *d, const Xmm *s, uint32_t *mx)
{
    got_sig = got_code = 0;
    if (sigsetjmp(sse_jb, 1) == 0) {
        fn(d, s, mx);
        return 0;
    }
    sse_set_mxcsr(0x1f80);
    return 1;
}

static void sse_sweep(const SseOp *op, uint32_t mode)
{
    Xmm d, s;
    uint32_t mx;
    int n = op->single ? SSE_NF32 : SSE_NF64, traps = 0;
    sse_hash_start();
    sse_rand_state = 11;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            sse_edge_pair(op->single, n, i, j, &d, &s);
            mx = mode;
            int t = sse_try(op->r, &d, &s, &mx);
            traps += t;
            sse_hash_bytes(&d, sizeof(d));
            sse_hash_bytes(&mx, sizeof(mx));
            if (t) {
                uint32_t rec[3] = { got_sig, got_code, got_insn };
                sse_hash_bytes(rec, sizeof(rec));
                if (sse_trap_frame) {
                    sse_hash_bytes((const void *)sse_trap_extra, sizeof(sse_trap_extra));
                }
            }
        }
    }
    printf("%-9s mxcsr %04x: %4d traps %016llx\n", op->name, mode, traps,
           (unsigned long long)sse_hash);
}

/* Every op under each exception unmasked alone, several, and with
 * RC/FTZ/DAZ. */
static void sse_sweep_all(const SseOp *ops, unsigned n_ops)
{
    static const uint32_t modes[] = {
        0x1f00, 0x1e80, 0x1d80, 0x1b80, 0x1780, 0x0f80, 0x0000,
        0x0780, 0x6780, 0x9780, 0x1740, 0x3b80, 0x5f00,
    };
    for (unsigned k = 0; k < n_ops; k++) {
        for (unsigned m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
            sse_sweep(&ops[k], modes[m]);
        }
    }
}

/* One readable case. */
static void sse_show(const char *what, SseFn *fn, uint32_t a, uint32_t b,
                     uint32_t mode)
{
    Xmm d = { .l = { a, 0x11111111, 0x22222222, 0x33333333 } };
    Xmm s = { .l = { b, 0x3f800000, 0x3f800000, 0x3f800000 } };
    uint32_t mx = mode;
    if (!sse_try(fn, &d, &s, &mx)) {
        printf("%s: no signal, %08x mxcsr %04x\n", what, d.l[0], mx);
        return;
    }
    printf("%s: signal %d code %d insn %08x, d %08x %08x", what, got_sig,
           got_code, got_insn, d.l[0], d.l[1]);
    if (sse_trap_frame) {
        printf(", frame");
        for (int i = 0; i < SSE_TRAP_EXTRA; i++) {
            printf(" %08x", sse_trap_extra[i]);
        }
    }
    printf("\n");
}

/* One exception of each kind, and the boundary cases of each. */
static void sse_trap_show_cases(void)
{
    sse_show("divss 1/0, ZM clear", divss_r, 0x3f800000, 0, 0x1d80);
    sse_show("sqrtss -1, IM clear", sqrtss_r, 0, 0xbf800000, 0x1f00);
    sse_show("mulss max*2, OM clear", mulss_r, 0x7f7fffff, 0x40000000, 0x1b80);
    sse_show("mulss 2^127*2, OM clear", mulss_r, 0x7f000000, 0x40000000, 0x1b80);
    sse_show("mulss 2^-100*2^-30, UM clear", mulss_r, 0x0d800000, 0x30800000, 0x1780);
    sse_show("mulss (1+2^-23)*2^-114*2^-24, UM clear", mulss_r, 0x06800001, 0x33800000, 0x1780);
    sse_show("addss denormal, DM clear", addss_r, 0x00000001, 0x3f800000, 0x1e80);
    sse_show("addss 1+2^-30, PM clear", addss_r, 0x3f800000, 0x30800000, 0x0f80);
    sse_show("addss 1+1, PM clear", addss_r, 0x3f800000, 0x3f800000, 0x0f80);
    sse_show("comiss qnan, IM clear", comiss_r, 0x7fc00000, 0, 0x1f00);
    sse_show("ucomiss qnan, IM clear", ucomiss_r, 0x7fc00000, 0, 0x1f00);
    sse_show("cvtss2si 3e9, IM clear", cvtss2si_r, 0, 0x4f32d05e, 0x1f00);
}

#endif
