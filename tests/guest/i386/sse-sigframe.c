// mimic-test: mimic-opts -cpu max
/*
 * The SSE state in the i386 signal frame, against Linux: after an
 * unmasked SIMD exception the frame's fpstate has the FXSR part (magic 0)
 * with the MXCSR at the fault (the flags the faulting instruction set)
 * and the unchanged destination register; a handler starts with the
 * default MXCSR and sigreturn restores the interrupted one.
 */
#include "sse-trap.h"

#pragma GCC push_options
#pragma GCC target("sse3")
SSE_RR(mulps_r, "mulps %%xmm1, %%xmm0")
SSE_RR(sqrtpd_r, "sqrtpd %%xmm1, %%xmm0")
SSE_RR(haddps_r, "haddps %%xmm1, %%xmm0")
SSE_RR(cvtpd2ps_r, "cvtpd2ps %%xmm1, %%xmm0")
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

/* What the last frame held (also sse_trap_extra, for the sweeps). */
static volatile uint32_t frame_mxcsr, frame_magic;
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
    sse_trap_extra[0] = frame_magic;
    sse_trap_extra[1] = frame_mxcsr;
    sse_trap_extra[2] = frame_xmm0[0];
    sse_trap_extra[3] = frame_xmm0[1];
    sse_trap_extra[4] = frame_xmm0[2] ^ frame_xmm0[3];
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
    sse_trap_frame = sse_read_frame;
    sse_trap_install();
    sse_sweep_all(ops, sizeof(ops) / sizeof(ops[0]));
    sse_trap_show_cases();

    /* A handler runs with the default MXCSR; sigreturn restores ours. */
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sse_set_mxcsr(0x3fa1 | 0x8000);
    raise(SIGUSR1);
    uint32_t after = sse_get_mxcsr();
    sse_set_mxcsr(0x1f80);
    printf("signal: handler mxcsr %04x, frame magic %04x mxcsr %04x, after "
           "return %04x\n", in_handler_mxcsr, frame_magic, frame_mxcsr, after);
    return 0;
}
