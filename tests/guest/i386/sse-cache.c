// mimic-test: mimic-opts -cpu max
/*
 * SSE state the JIT keeps in host registers inside a block (XMM values in
 * host xmm0-13, the guest MXCSR in the host's; tcg/x86_64/x86-sse.c),
 * against the CPU: a SIGSEGV on a later memory operand (an SSE load, an
 * integer load, an SSE store, a load in the next block) of a hot block
 * must show in the signal frame the XMM registers and MXCSR flags of the
 * instructions before it, and the code after the handler must go on with
 * them; COMISS/COMISD/UCOMISS/
 * UCOMISD with every flag outcome (QNaN, SNaN, infinities, zeros,
 * denormals) in the default MXCSR, under DAZ/FTZ, and with #I unmasked
 * (SIGFPE); and a loop of moves, logic, loads and stores of each size.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#pragma GCC target("sse2")

static double src[8] __attribute__((aligned(16))) = {
    1.0, 3.0, 1e300, 1e-300, 2.5, -7.25, 0.1, 1e-310,
};
static double dst[8] __attribute__((aligned(16)));
static uint32_t mx_default = 0x1f80;

/* What the last SIGSEGV frame held; the handler skips the 4-byte
 * faulting instruction. */
static uint32_t frame_mxcsr, frame_xmm[8][4];
static int segvs;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    const uint8_t *fp = (const uint8_t *)uc->uc_mcontext.fpregs;
    (void)sig;
    (void)si;
    segvs++;
    if (fp) {
        memcpy(&frame_mxcsr, fp + 136, 4);
        memcpy(frame_xmm, fp + 272, sizeof(frame_xmm));
    }
    uc->uc_mcontext.gregs[REG_EIP] += 4;
}

/* Computes in xmm0-7 from src (every value live in a host register by
 * then), then `fault` with ecx = p, then stores xmm0-7 to out and the
 * MXCSR to *mx. The faulting forms are 4 bytes long. */
#define SSE_BLOCK(fname, fault)                                               \
    static __attribute__((noinline)) void fname(const double *p, double *out, \
                                                uint32_t *mx)                 \
    {                                                                         \
        __asm__ volatile("ldmxcsr %[mxd]\n\t"                                 \
                         "jmp 1f\n1:\n\t"                                     \
                         "movupd (%[s]), %%xmm0\n\t"                          \
                         "movsd 16(%[s]), %%xmm1\n\t"                         \
                         "movapd %%xmm0, %%xmm2\n\t"                          \
                         "divsd %%xmm1, %%xmm2\n\t"                           \
                         "movapd %%xmm2, %%xmm3\n\t"                          \
                         "mulpd %%xmm0, %%xmm3\n\t"                           \
                         "movsd 24(%[s]), %%xmm4\n\t"                         \
                         "mulsd %%xmm4, %%xmm4\n\t"                           \
                         "pxor %%xmm5, %%xmm5\n\t"                            \
                         "addsd 32(%[s]), %%xmm5\n\t"                         \
                         "sqrtsd %%xmm5, %%xmm6\n\t"                          \
                         "movss 40(%[s]), %%xmm7\n\t"                         \
                         "unpcklpd %%xmm6, %%xmm7\n\t"                        \
                         "ucomisd %%xmm1, %%xmm0\n\t"                         \
                         "xorps %%xmm6, %%xmm7\n\t"                           \
                         "movl %[p], %%ecx\n\t"                               \
                         fault "\n\t"                                         \
                         "movupd %%xmm0, 0(%[o])\n\t"                         \
                         "movupd %%xmm1, 16(%[o])\n\t"                        \
                         "movupd %%xmm2, 32(%[o])\n\t"                        \
                         "movupd %%xmm3, 48(%[o])\n\t"                        \
                         "movupd %%xmm4, 64(%[o])\n\t"                        \
                         "movupd %%xmm5, 80(%[o])\n\t"                        \
                         "movupd %%xmm6, 96(%[o])\n\t"                        \
                         "movupd %%xmm7, 112(%[o])\n\t"                       \
                         "stmxcsr %[mxo]"                                     \
                         : [mxo] "=m"(*mx)                                    \
                         : [s] "r"(src), [o] "r"(out), [p] "m"(p),            \
                           [mxd] "m"(mx_default)                              \
                         : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5",    \
                           "xmm6", "xmm7", "eax", "ecx", "memory", "cc");     \
    }

/* addsd (%ecx),%xmm0: f2 0f 58 01; movsd %xmm1,(%ecx): f2 0f 11 09;
 * movl (%ecx),%eax padded to 4 bytes: 8b 01 66 90 (a 2-byte nop after). */
SSE_BLOCK(block_sse_load, "addsd (%%ecx), %%xmm0")
SSE_BLOCK(block_sse_store, "movsd %%xmm1, (%%ecx)")
SSE_BLOCK(block_int_load, "movl (%%ecx), %%eax\n\txchg %%ax, %%ax")
/* The fault in the next block (chained: the MXCSR flags stay in the host). */
SSE_BLOCK(block_next_load, "jmp 2f\n2:\n\tmovl (%%ecx), %%eax\n\txchg %%ax, %%ax")

static void show_regs(const char *what, const uint32_t (*x)[4], uint32_t mx)
{
    printf("%-22s mxcsr %08x", what, mx);
    for (int i = 0; i < 8; i++) {
        printf(" %08x%08x%08x%08x", x[i][3], x[i][2], x[i][1], x[i][0]);
    }
    printf("\n");
}

static void run_block(const char *name, void (*fn)(const double *, double *, uint32_t *))
{
    double out[16], scratch[2] = { 0.5, 0.25 };
    uint32_t mx = 0, regs[8][4];
    /* Hot first (the optimizer re-translates), then the fault. */
    for (int i = 0; i < 3000; i++) {
        fn(scratch, out, &mx);
    }
    memcpy(regs, out, sizeof(regs));
    show_regs(name, (const uint32_t (*)[4])regs, mx);
    segvs = 0;
    fn(NULL, out, &mx);
    printf("%-22s %d SIGSEGV\n", name, segvs);
    show_regs("  frame", (const uint32_t (*)[4])frame_xmm, frame_mxcsr);
    memcpy(regs, out, sizeof(regs));
    show_regs("  after", (const uint32_t (*)[4])regs, mx);
}

/* ---- COMIS / UCOMIS ---- */

static const uint64_t cmp_d[] = {
    0x3ff0000000000000ull, 0x4000000000000000ull, 0x0000000000000000ull,
    0x8000000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000000000ull, 0x7ff4000000000000ull, 0x0000000000000001ull,
    0x800fffffffffffffull,
};
static const uint32_t cmp_s[] = {
    0x3f800000, 0x40000000, 0x00000000, 0x80000000, 0x7f800000, 0xff800000,
    0x7fc00000, 0x7fa00000, 0x00000001, 0x807fffff,
};
#define NCMP (sizeof(cmp_d) / sizeof(cmp_d[0]))

/* EFLAGS (CF PF ZF SF OF AF) and MXCSR after one compare from mode. */
#define COMI(fname, insn, type)                                               \
    static __attribute__((noinline)) void fname(type a, type b, uint32_t mode, \
                                                uint32_t *fl, uint32_t *mx)   \
    {                                                                         \
        __asm__ volatile("ldmxcsr %[m]\n\t"                                   \
                         "jmp 1f\n1:\n\t"                                     \
                         "movsd %[a], %%xmm0\n\t"                             \
                         "movsd %[b], %%xmm1\n\t"                             \
                         "cmp %%eax, %%eax\n\t"                               \
                         insn " %%xmm1, %%xmm0\n\t"                           \
                         "pushf\n\t"                                          \
                         "popl %[f]\n\t"                                      \
                         "stmxcsr %[x]"                                       \
                         : [f] "=m"(*fl), [x] "=m"(*mx)                       \
                         : [a] "m"(a), [b] "m"(b), [m] "m"(mode)              \
                         : "xmm0", "xmm1", "memory", "cc");                   \
    }
COMI(do_comisd, "comisd", double)
COMI(do_ucomisd, "ucomisd", double)
COMI(do_comiss, "comiss", double)
COMI(do_ucomiss, "ucomiss", double)

static volatile int fpes;
static volatile int fpe_code;
static void on_fpe(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    (void)sig;
    fpes++;
    fpe_code = si->si_code;
    uc->uc_mcontext.gregs[REG_EIP] += 4;   /* [u]comisd: 66 0f 2x c1 */
}

static void run_comi(void)
{
    static const struct {
        const char *name;
        void (*fn)(double, double, uint32_t, uint32_t *, uint32_t *);
        int single;
    } ops[] = {
        { "comisd", do_comisd, 0 }, { "ucomisd", do_ucomisd, 0 },
        { "comiss", do_comiss, 1 }, { "ucomiss", do_ucomiss, 1 },
    };
    /* default; DAZ+FTZ; #I unmasked (3-byte comiss skipped: REG_EIP + 4
     * fits only the 66-prefixed forms, so the single forms run masked). */
    static const uint32_t modes[] = { 0x1f80, 0x9fc0, 0x1f00 };
    for (size_t o = 0; o < 4; o++) {
        for (size_t m = 0; m < 3; m++) {
            if (m == 2 && ops[o].single) {
                continue;
            }
            uint32_t hash = 0, last_fl = 0, last_mx = 0;
            int traps = 0;
            for (size_t i = 0; i < NCMP; i++) {
                for (size_t j = 0; j < NCMP; j++) {
                    double a, b;
                    uint32_t fl = 0, mx = 0;
                    memset(&a, 0, sizeof(a));
                    memset(&b, 0, sizeof(b));
                    if (ops[o].single) {
                        memcpy(&a, &cmp_s[i], 4);
                        memcpy(&b, &cmp_s[j], 4);
                    } else {
                        memcpy(&a, &cmp_d[i], 8);
                        memcpy(&b, &cmp_d[j], 8);
                    }
                    /* Hot: the same compare many times. */
                    fpes = 0;
                    for (int k = 0; k < 40; k++) {
                        ops[o].fn(a, b, modes[m], &fl, &mx);
                    }
                    traps += fpes ? 1 : 0;
                    last_fl = fl & 0x8d5;
                    last_mx = mx;
                    printf("%-7s mode %04x %zu,%zu: flags %03x mxcsr %04x%s\n",
                           ops[o].name, modes[m], i, j, last_fl, last_mx,
                           fpes ? (fpe_code == FPE_FLTINV ? " SIGFPE FLTINV" : " SIGFPE ?") : "");
                    hash = hash * 31 + last_fl * 7 + last_mx;
                }
            }
            printf("%-7s mode %04x: %d traps, hash %08x\n", ops[o].name, modes[m],
                   traps, hash);
        }
    }
}

/* ---- moves, logic, loads and stores in a hot loop ---- */

static __attribute__((noinline)) void mix(int n, double *io, uint32_t *ints)
{
    for (int i = 0; i < n; i++) {
        __asm__ volatile("movupd (%[io]), %%xmm0\n\t"
                         "movss 16(%[io]), %%xmm1\n\t"
                         "movlpd 24(%[io]), %%xmm1\n\t"
                         "movhpd 32(%[io]), %%xmm2\n\t"
                         "movq 40(%[io]), %%xmm3\n\t"
                         "andpd %%xmm0, %%xmm3\n\t"
                         "orpd 48(%[io]), %%xmm3\n\t"
                         "andnpd %%xmm0, %%xmm2\n\t"
                         "movsd %%xmm1, %%xmm0\n\t"
                         "movss %%xmm3, %%xmm2\n\t"
                         "movd %[k], %%xmm4\n\t"
                         "cvtsi2sd %[k], %%xmm5\n\t"
                         "addsd %%xmm5, %%xmm0\n\t"
                         "cvttsd2si %%xmm0, %%eax\n\t"
                         "movl %%eax, (%[ints])\n\t"
                         "movq %%xmm2, %%xmm6\n\t"
                         "paddq %%xmm4, %%xmm6\n\t"
                         "movdqa %%xmm6, %%xmm7\n\t"
                         "mulpd %%xmm1, %%xmm7\n\t"
                         "movupd %%xmm0, (%[io])\n\t"
                         "movss %%xmm1, 16(%[io])\n\t"
                         "movlpd %%xmm2, 56(%[io])\n\t"
                         "movhpd %%xmm3, 64(%[io])\n\t"
                         "movq %%xmm7, 72(%[io])\n\t"
                         "movd %%xmm6, 4(%[ints])\n\t"
                         "movmskpd %%xmm7, %%eax\n\t"
                         "addl %%eax, 8(%[ints])\n\t"
                         :
                         : [io] "r"(io), [ints] "r"(ints), [k] "r"(i)
                         : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5",
                           "xmm6", "xmm7", "eax", "memory", "cc");
    }
}

static void run_mix(void)
{
    double io[10] __attribute__((aligned(16))) = {
        1.5, -2.25, 3.0, 0.1, 7.0, 1e-3, -0.0, 5.5, 9.0, 11.0,
    };
    uint32_t ints[3] = { 0, 0, 0 };
    mix(5000, io, ints);
    const uint32_t *w = (const uint32_t *)io;
    printf("mix:");
    for (int i = 0; i < 20; i++) {
        printf(" %08x", w[i]);
    }
    printf(" | %08x %08x %08x\n", ints[0], ints[1], ints[2]);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sa.sa_sigaction = on_fpe;
    sigaction(SIGFPE, &sa, NULL);

    run_block("fault sse load", block_sse_load);
    run_block("fault sse store", block_sse_store);
    run_block("fault int load", block_int_load);
    run_block("fault next block", block_next_load);
    run_comi();
    run_mix();
    return 0;
}
