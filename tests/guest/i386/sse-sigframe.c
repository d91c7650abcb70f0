// mimic-test: mimic-opts -cpu max
/*
 * The SSE state in the i386 signal frame, against Linux: after an
 * unmasked SIMD exception the frame's fpstate has the FXSR part (magic 0)
 * with the MXCSR at the fault (the flags the faulting instruction set)
 * and the unchanged destination register; a handler starts with the
 * default MXCSR and sigreturn restores the interrupted one.
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
SSE_RR(mulss_r, "mulss %%xmm1, %%xmm0")
SSE_RR(mulps_r, "mulps %%xmm1, %%xmm0")
SSE_RR(divss_r, "divss %%xmm1, %%xmm0")
SSE_RR(sqrtss_r, "sqrtss %%xmm1, %%xmm0")
SSE_RR(sqrtpd_r, "sqrtpd %%xmm1, %%xmm0")
SSE_RR(haddps_r, "haddps %%xmm1, %%xmm0")
SSE_RR(cvtpd2ps_r, "cvtpd2ps %%xmm1, %%xmm0")
SSE_RR(comiss_r, "comiss %%xmm1, %%xmm0\n\tsetc %%al\n\tmovd %%eax, %%xmm0")
SSE_RR(ucomiss_r, "ucomiss %%xmm1, %%xmm0\n\tsetc %%al\n\tmovd %%eax, %%xmm0")
SSE_RR(cvtss2si_r, "cvtss2si %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
#pragma GCC pop_options

static const SseOp ops[] = {
    { "addss", addss_r, 1 },
    { "mulps", mulps_r, 1 },
    { "sqrtpd", sqrtpd_r, 0 },
    { "haddps", haddps_r, 1 },
    { "cvtpd2ps", cvtpd2ps_r, 0 },
    { "comiss", comiss_r, 1 },
    { "cvtss2si", cvtss2si_r, 1 },
};

/* What the last signal showed. */
static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile uint32_t got_insn, frame_mxcsr, frame_magic;
static volatile uint32_t frame_xmm0[4];

/* The i386 fpstate after the FNSAVE part: status, magic (0 = FXSR data
 * follows), the FXSR environment with MXCSR at 136, XMM0 at 272. */
static void sse_read_frame(ucontext_t *uc)
{
    const uint8_t *fp = (const uint8_t *)uc->uc_mcontext.fpregs;
    frame_magic = 0xdead;
    frame_mxcsr = 0;
    if (fp) {
        uint16_t magic;
        memcpy(&magic, fp + 110, 2);
        frame_magic = magic;
        if (magic == 0) {
            uint32_t v[4];
            memcpy((void *)&frame_mxcsr, fp + 136, 4);
            memcpy(v, fp + 272, 16);
            for (int i = 0; i < 4; i++) {
                frame_xmm0[i] = v[i];
            }
        }
    }
}

static void on_fault(int sig, siginfo_t *si, void *uc_)
{
    got_sig = sig;
    got_code = si->si_code;
    got_insn = 0;
    if (sig == SIGFPE) {
        memcpy((void *)&got_insn, si->si_addr, 4);
    }
    sse_read_frame(uc_);
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
                uint32_t rec[8] = { got_sig, got_code, got_insn, frame_magic,
                                    frame_mxcsr, frame_xmm0[0], frame_xmm0[1],
                                    frame_xmm0[2] ^ frame_xmm0[3] };
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
        printf("%s: signal %d code %d insn %08x magic %04x frame mxcsr %04x "
               "xmm0 %08x %08x\n", what, got_sig, got_code, got_insn,
               frame_magic, frame_mxcsr, frame_xmm0[0], frame_xmm0[1]);
    } else {
        printf("%s: no signal, %08x mxcsr %04x\n", what, d.l[0], mx);
    }
}

static volatile uint32_t in_handler_mxcsr;
static void on_usr1(int sig, siginfo_t *si, void *uc_)
{
    in_handler_mxcsr = sse_get_mxcsr();
    sse_read_frame(uc_);
    sse_set_mxcsr(0x7f80);
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

    /* A handler runs with the default MXCSR; sigreturn restores ours. */
    sa.sa_sigaction = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sse_set_mxcsr(0x3fa1 | 0x8000);
    raise(SIGUSR1);
    uint32_t after = sse_get_mxcsr();
    sse_set_mxcsr(0x1f80);
    printf("signal: handler mxcsr %04x, frame magic %04x mxcsr %04x, after "
           "return %04x\n", in_handler_mxcsr, frame_magic, frame_mxcsr, after);
    return 0;
}
