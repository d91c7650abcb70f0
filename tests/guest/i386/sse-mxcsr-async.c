/*
 * The guest MXCSR at an asynchronous exit: a timer signal interrupts a
 * hot SSE loop whose MXCSR (flags raised since the last LDMXCSR) may be
 * held in the host across chained blocks (docs/sse.md). The signal frame
 * must show those flags, and a flag the handler sets in the frame must be
 * there after sigreturn. Compared with a native run.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>

#pragma GCC target("sse2")

static volatile int done;
static uint32_t frame_flags;

/* The fxsave image follows the 112-byte legacy frame; MXCSR at byte 24. */
#define FRAME_MXCSR 136

static void on_alarm(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    uint8_t *fp = (uint8_t *)uc->uc_mcontext.fpregs;
    uint32_t mx = 0;
    (void)sig;
    (void)si;
    if (fp) {
        memcpy(&mx, fp + FRAME_MXCSR, 4);
        frame_flags = mx & 0x3f;
        mx |= 0x4;                  /* ZE, which the loop never raises */
        memcpy(fp + FRAME_MXCSR, &mx, 4);
    }
    done = 1;
}

/* Runs a / b (and a * b, which a tiny b makes underflow) until the
 * timer fires; returns the MXCSR flags after the loop. */
static uint32_t spin(double a, double b)
{
    uint32_t mx_clear = 0x1f80, mx_after;
    double q;

    done = 0;
    struct itimerval it = { .it_value = { 0, 30000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    __asm__ volatile("ldmxcsr %[clear]\n\t"
                     "1:\n\t"
                     "movsd %[a], %%xmm0\n\t"
                     "divsd %[b], %%xmm0\n\t"
                     "mulsd %[b], %%xmm0\n\t"
                     "cmpl $0, %[done]\n\t"
                     "je 1b\n\t"
                     "movsd %%xmm0, %[q]\n\t"
                     "stmxcsr %[after]"
                     : [q] "=m"(q), [after] "=m"(mx_after)
                     : [clear] "m"(mx_clear), [a] "m"(a), [b] "m"(b), [done] "m"(done)
                     : "xmm0", "cc", "memory");
    return mx_after & 0x3f;
}

int main(void)
{
    static const struct { const char *what; double a, b; } cases[] = {
        { "exact (no flag)", 6.0, 2.0 },
        { "inexact", 1.0, 3.0 },
        { "underflow", 1e-300, 1e200 },
        { "overflow", 1e300, 1e-200 },
    };
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_alarm;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGALRM, &sa, NULL);
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint32_t after = spin(cases[i].a, cases[i].b);
        printf("%-16s flags in the signal frame %02x, after sigreturn %02x\n",
               cases[i].what, frame_flags, after);
    }
    return 0;
}
