// mimic-test: mimic-opts -cpu max
/*
 * SSE exceptions against the CPU and Linux: unmasked SIMD exceptions
 * (each mask bit alone, and several) raise #XM, delivered as SIGFPE with
 * si_code from the unmasked flags and si_addr at the instruction (its
 * bytes are printed); the destination and the MXCSR after the handler
 * are compared with the CPU's. LDMXCSR with reserved bits is #GP
 * (SIGSEGV). What the signal frame holds is sse-sigframe.c's.
 */
#include <setjmp.h>
#include <signal.h>
#include <ucontext.h>
#include "sse-common.h"

typedef struct SseOp {
    const char *name;
    SseFn *r;
    int single;
} SseOp;

#pragma GCC push_options
#pragma GCC target("sse3")
SSE_RR(addss_r, "addss %%xmm1, %%xmm0")
SSE_RR(subps_r, "subps %%xmm1, %%xmm0")
SSE_RR(mulss_r, "mulss %%xmm1, %%xmm0")
SSE_RR(mulps_r, "mulps %%xmm1, %%xmm0")
SSE_RR(mulsd_r, "mulsd %%xmm1, %%xmm0")
SSE_RR(divss_r, "divss %%xmm1, %%xmm0")
SSE_RR(divpd_r, "divpd %%xmm1, %%xmm0")
SSE_RR(sqrtss_r, "sqrtss %%xmm1, %%xmm0")
SSE_RR(sqrtpd_r, "sqrtpd %%xmm1, %%xmm0")
SSE_RR(minps_r, "minps %%xmm1, %%xmm0")
SSE_RR(maxsd_r, "maxsd %%xmm1, %%xmm0")
SSE_RR(addpd_r, "addpd %%xmm1, %%xmm0")
SSE_RR(haddps_r, "haddps %%xmm1, %%xmm0")
SSE_RR(addsubpd_r, "addsubpd %%xmm1, %%xmm0")
SSE_RR(cvtsd2ss_r, "cvtsd2ss %%xmm1, %%xmm0")
SSE_RR(cvtpd2ps_r, "cvtpd2ps %%xmm1, %%xmm0")
SSE_RR(cvtps2pd_r, "cvtps2pd %%xmm1, %%xmm0")
SSE_RR(cvtss2sd_r, "cvtss2sd %%xmm1, %%xmm0")
SSE_RR(cvtdq2ps_r, "cvtdq2ps %%xmm1, %%xmm0")
SSE_RR(cvttps2dq_r, "cvttps2dq %%xmm1, %%xmm0")
SSE_RR(rcpps_r, "rcpps %%xmm1, %%xmm0")
SSE_RR(cmpps1_r, "cmpps $1, %%xmm1, %%xmm0")
SSE_RR(cmpss0_r, "cmpss $0, %%xmm1, %%xmm0")
SSE_RR(cmppd3_r, "cmppd $3, %%xmm1, %%xmm0")
SSE_RR(comiss_r, "comiss %%xmm1, %%xmm0\n\tsetc %%al\n\tmovd %%eax, %%xmm0")
SSE_RR(ucomiss_r, "ucomiss %%xmm1, %%xmm0\n\tsetc %%al\n\tmovd %%eax, %%xmm0")
SSE_RR(comisd_r, "comisd %%xmm1, %%xmm0\n\tsetc %%al\n\tmovd %%eax, %%xmm0")
SSE_RR(ucomisd_r, "ucomisd %%xmm1, %%xmm0\n\tsetc %%al\n\tmovd %%eax, %%xmm0")
SSE_RR(cvtss2si_r, "cvtss2si %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
SSE_RR(cvttsd2si_r, "cvttsd2si %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
static void sse_ldmxcsr(uint32_t v)
{
    __asm__ volatile("ldmxcsr %0" : : "m"(v));
}
#pragma GCC pop_options

static const SseOp ops[] = {
    { "addss", addss_r, 1 },
    { "subps", subps_r, 1 },
    { "mulss", mulss_r, 1 },
    { "mulps", mulps_r, 1 },
    { "mulsd", mulsd_r, 0 },
    { "divss", divss_r, 1 },
    { "divpd", divpd_r, 0 },
    { "sqrtss", sqrtss_r, 1 },
    { "sqrtpd", sqrtpd_r, 0 },
    { "minps", minps_r, 1 },
    { "maxsd", maxsd_r, 0 },
    { "addpd", addpd_r, 0 },
    { "haddps", haddps_r, 1 },
    { "addsubpd", addsubpd_r, 0 },
    { "cvtsd2ss", cvtsd2ss_r, 0 },
    { "cvtpd2ps", cvtpd2ps_r, 0 },
    { "cvtps2pd", cvtps2pd_r, 1 },
    { "cvtss2sd", cvtss2sd_r, 1 },
    { "cvtdq2ps", cvtdq2ps_r, 1 },
    { "cvttps2dq", cvttps2dq_r, 1 },
    { "rcpps", rcpps_r, 1 },
    { "cmpps $1", cmpps1_r, 1 },
    { "cmpss $0", cmpss0_r, 1 },
    { "cmppd $3", cmppd3_r, 0 },
    { "comiss", comiss_r, 1 },
    { "ucomiss", ucomiss_r, 1 },
    { "comisd", comisd_r, 0 },
    { "ucomisd", ucomisd_r, 0 },
    { "cvtss2si", cvtss2si_r, 1 },
    { "cvttsd2si", cvttsd2si_r, 0 },
};

/* What the last signal showed. */
static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile uint32_t got_insn;

static void on_fault(int sig, siginfo_t *si, void *uc_)
{
    (void)uc_;
    got_sig = sig;
    got_code = si->si_code;
    got_insn = 0;
    if (sig == SIGFPE) {
        memcpy((void *)&got_insn, si->si_addr, 4);
    }
    siglongjmp(jb, 1);
}

/* Runs fn; returns 1 if it raised a signal. */
static int sse_try(SseFn *fn, Xmm *d, const Xmm *s, uint32_t *mx)
{
    got_sig = got_code = 0;
    if (sigsetjmp(jb, 1) == 0) {
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
            }
        }
    }
    printf("%-9s mxcsr %04x: %4d traps %016llx\n", op->name, mode, traps,
           (unsigned long long)sse_hash);
}

/* One readable case. */
static void sse_show(const char *what, SseFn *fn, uint32_t a, uint32_t b,
                     uint32_t mode)
{
    Xmm d = { .l = { a, 0x11111111, 0x22222222, 0x33333333 } };
    Xmm s = { .l = { b, 0x3f800000, 0x3f800000, 0x3f800000 } };
    uint32_t mx = mode;
    if (sse_try(fn, &d, &s, &mx)) {
        printf("%s: signal %d code %d insn %08x, d %08x %08x\n", what,
               got_sig, got_code, got_insn, d.l[0], d.l[1]);
    } else {
        printf("%s: no signal, %08x mxcsr %04x\n", what, d.l[0], mx);
    }
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);

    /* Each exception unmasked alone, several, and with RC/FTZ/DAZ. */
    static const uint32_t modes[] = {
        0x1f00, 0x1e80, 0x1d80, 0x1b80, 0x1780, 0x0f80, 0x0000,
        0x0780, 0x6780, 0x9780, 0x1740, 0x3b80, 0x5f00,
    };
    for (unsigned k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
        for (unsigned m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
            sse_sweep(&ops[k], modes[m]);
        }
    }

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

    /* LDMXCSR: reserved bits fault; DAZ is accepted; flags already up
     * with their exception unmasked raise nothing until an instruction
     * raises again. */
    sse_ldmxcsr(0x1f80);
    static const uint32_t loads[] = { 0x10000, 0x80000000, 0xffff, 0x1fc0, 0x1f01 };
    for (unsigned k = 0; k < 5; k++) {
        got_sig = got_code = 0;
        if (sigsetjmp(jb, 1) == 0) {
            sse_ldmxcsr(loads[k]);
        }
        uint32_t now = sse_get_mxcsr();
        sse_set_mxcsr(0x1f80);
        printf("ldmxcsr %08x: signal %d code %d mxcsr %04x\n", loads[k],
               got_sig, got_code, now);
    }
    sse_show("addss 1+1 with IE up and IM clear", addss_r, 0x3f800000,
             0x3f800000, 0x1f01);

    return 0;
}
