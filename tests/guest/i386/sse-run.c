/*
 * MXCSR flags of a run of SSE floating-point instructions on registers,
 * as the JIT runs them (one LDMXCSR before the run, one STMXCSR after;
 * translate-sse-host.c), seen after each way a run can end: STMXCSR, a
 * jump to another block, an x87 instruction, an integer instruction, a
 * faulting load (SIGSEGV, the handler returns past it: the kernel restores
 * MXCSR from the frame), FXSAVE; and under a rounding mode set by LDMXCSR
 * in the same block. Compared with the native run.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static const double one = 1.0, three = 3.0, huge = 1e300, tiny = 1e-300;
static const uint32_t mx_default = 0x1f80, mx_up = 0x5f80;
static uint8_t fx_area[512] __attribute__((aligned(16)));

/* Loads the operands (memory: before the run), then the run on registers:
 * 1/3 (PE), huge*huge (OE PE), tiny*tiny (UE PE) and integer SSE/moves
 * in between, then `end` and STMXCSR. */
#define SSE_RUN(fname, end)                                                   \
    static __attribute__((target("sse2"))) void fname(uint32_t mx_in,         \
                                                      uint32_t *mx, double *q) \
    {                                                                         \
    __asm__ volatile("ldmxcsr %[in]\n\t"                                      \
                     "movsd %[one], %%xmm0\n\t"                               \
                     "movsd %[three], %%xmm1\n\t"                             \
                     "movsd %[huge], %%xmm2\n\t"                              \
                     "movsd %[tiny], %%xmm3\n\t"                              \
                     "divsd %%xmm1, %%xmm0\n\t"                               \
                     "pxor %%xmm5, %%xmm5\n\t"                                \
                     "movapd %%xmm2, %%xmm4\n\t"                              \
                     "mulsd %%xmm4, %%xmm2\n\t"                               \
                     "pcmpeqb %%xmm0, %%xmm5\n\t"                             \
                     "mulsd %%xmm3, %%xmm3\n\t"                               \
                     "addpd %%xmm0, %%xmm1\n\t"                               \
                     end "\n\t"                                               \
                     "stmxcsr %[out]\n\t"                                     \
                     "movsd %%xmm0, %[q0]\n\t"                                \
                     "movsd %%xmm1, %[q1]\n\t"                                \
                     "movsd %%xmm2, %[q2]\n\t"                                \
                     "movsd %%xmm3, %[q3]"                                    \
                     : [out] "=m"(*mx), [q0] "=m"((q)[0]),                 \
                       [q1] "=m"((q)[1]), [q2] "=m"((q)[2]), [q3] "=m"((q)[3]) \
                     : [in] "m"(mx_in), [one] "m"(one), [three] "m"(three),   \
                       [huge] "m"(huge), [tiny] "m"(tiny), [fx] "m"(fx_area)  \
                     : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "eax", \
                       "ecx", "memory", "cc");                                \
    }

SSE_RUN(run_stmxcsr, "")
SSE_RUN(run_jmp, "jmp 1f\n1:")
SSE_RUN(run_x87, "fld1\n\tfstp %%st(0)")
SSE_RUN(run_integer, "addl $1, %%eax")
SSE_RUN(run_fxsave, "fxsave %[fx]")
SSE_RUN(run_fault, "xorl %%ecx, %%ecx\n\tmovl (%%ecx), %%eax")
SSE_RUN(run_ldmxcsr, "ldmxcsr %[in]")

static void show(const char *what, uint32_t mx, const double *q)
{
    uint64_t b[4];
    memcpy(b, q, sizeof(b));
    printf("%-18s mxcsr %08x  %016llx %016llx %016llx %016llx\n", what, mx,
           (unsigned long long)b[0], (unsigned long long)b[1],
           (unsigned long long)b[2], (unsigned long long)b[3]);
}

/* The faulting load is `movl (%ecx), %eax` (2 bytes) with ecx = 0. */
static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    (void)sig;
    (void)si;
    uc->uc_mcontext.gregs[REG_EIP] += 2;
}

int main(void)
{
    double q[4];
    uint32_t mx;

    run_stmxcsr(mx_default, &mx, q);
    show("stmxcsr", mx, q);
    run_jmp(mx_default, &mx, q);
    show("block end", mx, q);
    run_x87(mx_default, &mx, q);
    show("x87", mx, q);
    run_integer(mx_default, &mx, q);
    show("integer", mx, q);
    run_fxsave(mx_default, &mx, q);
    show("fxsave", mx, q);
    memcpy(&mx, fx_area + 24, 4);
    printf("fxsave image mxcsr %08x\n", mx);

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    run_fault(mx_default, &mx, q);
    show("fault", mx, q);

    run_stmxcsr(mx_up, &mx, q);
    show("round up", mx, q);
    run_ldmxcsr(mx_default, &mx, q);
    show("ldmxcsr", mx, q);
    for (int i = 0; i < 3; i++) {
        run_jmp(i & 1 ? mx_up : mx_default, &mx, q);
        show(i & 1 ? "loop up" : "loop default", mx, q);
    }
    return 0;
}
