/*
 * The SSE floating-point helpers against the host CPU as the oracle:
 * each case runs one instruction natively (built at run time, with the
 * guest's MXCSR loaded, unmasked exceptions trapping as SIGFPE) and
 * through the helper, from the same registers and MXCSR, and compares
 * the destination, the MXCSR and whether #XM was raised. Covers the
 * unmasked-exception paths that guest programs reach rarely.
 */
#include <criterion/criterion.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include "target-i386/mmu.h"
#include "target-i386/sse.h"

/* The helper side raises through this (sse_helper.c is built in). */
static sigjmp_buf raise_jb;
_Noreturn void x86_raise_exception_err(CPUX86State *env, int vector,
                                       uint32_t error_code, uintptr_t ra)
{
    (void)env; (void)error_code; (void)ra;
    siglongjmp(raise_jb, vector);
}

typedef struct SseCase {
    const char *name;
    uint8_t code[5];
    int len;
    X86SseHelper *helper;
    X86SseHelperImm *helper_imm;
    int imm;
    bool dbl;
} SseCase;

#define H(name, dbl, ...) { #name, { __VA_ARGS__ }, sizeof((uint8_t[]){ __VA_ARGS__ }), x86_helper_##name, NULL, 0, dbl }
#define HI(name, dbl, imm, ...) { #name, { __VA_ARGS__, imm }, sizeof((uint8_t[]){ __VA_ARGS__ }) + 1, NULL, x86_helper_##name, imm, dbl }
static const SseCase cases[] = {
    H(addps, 0, 0x0f, 0x58, 0xc1), H(addpd, 1, 0x66, 0x0f, 0x58, 0xc1),
    H(addss, 0, 0xf3, 0x0f, 0x58, 0xc1), H(addsd, 1, 0xf2, 0x0f, 0x58, 0xc1),
    H(subps, 0, 0x0f, 0x5c, 0xc1), H(subpd, 1, 0x66, 0x0f, 0x5c, 0xc1),
    H(subss, 0, 0xf3, 0x0f, 0x5c, 0xc1), H(subsd, 1, 0xf2, 0x0f, 0x5c, 0xc1),
    H(mulps, 0, 0x0f, 0x59, 0xc1), H(mulpd, 1, 0x66, 0x0f, 0x59, 0xc1),
    H(mulss, 0, 0xf3, 0x0f, 0x59, 0xc1), H(mulsd, 1, 0xf2, 0x0f, 0x59, 0xc1),
    H(divps, 0, 0x0f, 0x5e, 0xc1), H(divpd, 1, 0x66, 0x0f, 0x5e, 0xc1),
    H(divss, 0, 0xf3, 0x0f, 0x5e, 0xc1), H(divsd, 1, 0xf2, 0x0f, 0x5e, 0xc1),
    H(minps, 0, 0x0f, 0x5d, 0xc1), H(maxpd, 1, 0x66, 0x0f, 0x5f, 0xc1),
    H(minss, 0, 0xf3, 0x0f, 0x5d, 0xc1), H(maxsd, 1, 0xf2, 0x0f, 0x5f, 0xc1),
    H(sqrtps, 0, 0x0f, 0x51, 0xc1), H(sqrtpd, 1, 0x66, 0x0f, 0x51, 0xc1),
    H(sqrtss, 0, 0xf3, 0x0f, 0x51, 0xc1), H(sqrtsd, 1, 0xf2, 0x0f, 0x51, 0xc1),
    H(rcpps, 0, 0x0f, 0x53, 0xc1), H(rsqrtss, 0, 0xf3, 0x0f, 0x52, 0xc1),
    H(addsubps, 0, 0xf2, 0x0f, 0xd0, 0xc1), H(addsubpd, 1, 0x66, 0x0f, 0xd0, 0xc1),
    H(haddps, 0, 0xf2, 0x0f, 0x7c, 0xc1), H(haddpd, 1, 0x66, 0x0f, 0x7c, 0xc1),
    H(hsubps, 0, 0xf2, 0x0f, 0x7d, 0xc1), H(hsubpd, 1, 0x66, 0x0f, 0x7d, 0xc1),
    H(cvtsd2ss, 1, 0xf2, 0x0f, 0x5a, 0xc1), H(cvtpd2ps, 1, 0x66, 0x0f, 0x5a, 0xc1),
    H(cvtps2pd, 0, 0x0f, 0x5a, 0xc1), H(cvtss2sd, 0, 0xf3, 0x0f, 0x5a, 0xc1),
    H(cvtdq2ps, 0, 0x0f, 0x5b, 0xc1), H(cvtps2dq, 0, 0x66, 0x0f, 0x5b, 0xc1),
    H(cvttps2dq, 0, 0xf3, 0x0f, 0x5b, 0xc1), H(cvtpd2dq, 1, 0xf2, 0x0f, 0xe6, 0xc1),
    H(cvttpd2dq, 1, 0x66, 0x0f, 0xe6, 0xc1),
    HI(cmpps, 0, 1, 0x0f, 0xc2, 0xc1), HI(cmppd, 1, 6, 0x66, 0x0f, 0xc2, 0xc1),
    HI(cmpss, 0, 3, 0xf3, 0x0f, 0xc2, 0xc1), HI(cmpsd, 1, 5, 0xf2, 0x0f, 0xc2, 0xc1),
};
#define NCASES (int)(sizeof(cases) / sizeof(cases[0]))

/* Native: ldmxcsr [rdi]; movups xmm0,[rsi]; movups xmm1,[rdx]; insn;
 * stmxcsr [rdi]; movups [rsi],xmm0; ret. */
typedef void NativeFn(uint32_t *mx, XMMReg *d, const XMMReg *s);
static uint8_t *code_buf;

static NativeFn *native_build(const SseCase *c)
{
    static const uint8_t pre[] = { 0x0f, 0xae, 0x17, 0x0f, 0x10, 0x06, 0x0f, 0x10, 0x0a };
    static const uint8_t post[] = { 0x0f, 0xae, 0x1f, 0x0f, 0x11, 0x06, 0xc3 };
    uint8_t *p = code_buf;
    memcpy(p, pre, sizeof(pre));
    p += sizeof(pre);
    memcpy(p, c->code, c->len);
    p += c->len;
    memcpy(p, post, sizeof(post));
    __builtin___clear_cache((char *)code_buf, (char *)p + sizeof(post));
    return (NativeFn *)code_buf;
}

static sigjmp_buf native_jb;
static volatile uint32_t native_fault_mxcsr;
static void on_fpe(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    (void)sig; (void)si;
    native_fault_mxcsr = uc->uc_mcontext.fpregs->mxcsr;
    siglongjmp(native_jb, 1);
}

/* Runs natively; returns 1 on #XM (mx = MXCSR at the fault). */
static int native_run(NativeFn *fn, uint32_t *mx, XMMReg *d, const XMMReg *s)
{
    uint32_t host;
    __asm__ volatile("stmxcsr %0" : "=m"(host));
    if (sigsetjmp(native_jb, 1) == 0) {
        fn(mx, d, s);
        __asm__ volatile("ldmxcsr %0" : : "m"(host));
        return 0;
    }
    __asm__ volatile("ldmxcsr %0" : : "m"(host));
    *mx = native_fault_mxcsr;
    return 1;
}

static int helper_run(const SseCase *c, CPUX86State *env, XMMReg *d, const XMMReg *s)
{
    int v = sigsetjmp(raise_jb, 0);
    if (v == 0) {
        if (c->helper) {
            c->helper(env, d, s);
        } else {
            c->helper_imm(env, d, s, c->imm);
        }
        return 0;
    }
    cr_assert_eq(v, EXCP13_XMM, "%s: raised %d", c->name, v);
    return 1;
}

static const uint32_t f32_edge[] = {
    0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x00800000, 0x00800001,
    0x3f800000, 0xbf7fffff, 0x3f7ffffe, 0x7f7fffff, 0x7f000000, 0x40000000,
    0x0d800000, 0x30800000, 0x06800001, 0x3a800000, 0x7f800000, 0xff800000,
    0x7fc00000, 0x7f800001, 0x3eaaaaab, 0x1f800000, 0x5f800000, 0x4f000000,
};
static const uint64_t f64_edge[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x0000000000000001ull,
    0x0010000000000000ull, 0x0010000000000001ull, 0x3ff0000000000000ull,
    0xbfefffffffffffffull, 0x7fefffffffffffffull, 0x7fe0000000000000ull,
    0x4000000000000000ull, 0x7ff0000000000000ull, 0x7ff8000000000000ull,
    0x7ff0000000000001ull, 0x47efffffe0000000ull, 0x47effffff0000000ull,
    0x3810000000000000ull, 0x380fffffffffffffull, 0x36a0000000000001ull,
    0x3fd5555555555555ull, 0x1ff0000000000000ull, 0x5ff0000000000000ull,
    0x0350000000000000ull, 0x3ca0000000000000ull, 0x41e0000000000000ull,
};

static uint32_t rnd_state = 1;
static uint32_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 17;
    rnd_state ^= rnd_state << 5;
    return rnd_state;
}

static void fill(XMMReg *x, bool dbl, int k, bool random)
{
    for (int i = 0; i < 4; i++) {
        x->l[i] = rnd();
    }
    if (random) {
        /* Random exponents near the edges, random mantissas. */
        for (int i = 0; i < (dbl ? 2 : 4); i++) {
            if (rnd() & 1) {
                if (dbl) {
                    x->q[i] = (x->q[i] & 0x800fffffffffffffull) |
                              (uint64_t)(rnd() % 3 ? rnd() % 0x7ff : (rnd() & 1) * 0x7fe) << 52;
                } else {
                    x->l[i] = (x->l[i] & 0x807fffff) | (rnd() % 3 ? rnd() % 0xff : (rnd() & 1) * 0xfe) << 23;
                }
            }
        }
        return;
    }
    for (int i = 0; i < (dbl ? 2 : 4); i++) {
        if (dbl) {
            x->q[i] = f64_edge[(k + 7 * i) % 24];
        } else {
            x->l[i] = f32_edge[(k + 7 * i) % 24];
        }
    }
}

/* MXCSR settings: masked in every mode with FTZ/DAZ, each exception
 * unmasked alone, overflow+underflow+precision unmasked, all unmasked. */
static uint32_t mode_of(int i)
{
    static const uint32_t unmask[] = { 0x0100, 0x0200, 0x0400, 0x0800, 0x1000,
                                       0x0080, 0x1c00, 0x1f80 };
    if (i < 16) {
        return 0x1f80 | (i & 3) << 13 | (i & 4 ? MXCSR_FTZ : 0) | (i & 8 ? MXCSR_DAZ : 0);
    }
    i -= 16;
    return (0x1f80 & ~unmask[i % 8]) | ((i / 8) & 3) << 13 | ((i / 32) ? MXCSR_FTZ : 0);
}
#define NMODES (16 + 64)

Test(sse_oracle, helpers_match_host)
{
    code_buf = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(code_buf != MAP_FAILED);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    static CPUX86State env;
    env.lu_descriptors = true;
    long n = 0, bad = 0;
    for (int ci = 0; ci < NCASES; ci++) {
        const SseCase *c = &cases[ci];
        NativeFn *fn = native_build(c);
        for (int m = 0; m < NMODES; m++) {
            for (int k = 0; k < 24 * 24 + 600; k++) {
                XMMReg d, s, dn, dh;
                bool random = k >= 24 * 24;
                fill(&d, c->dbl, k / 24, random);
                fill(&s, c->dbl, k % 24, random);
                uint32_t mxn = mode_of(m) | (k & 1 ? MXCSR_PE : 0);
                dn = d;
                dh = d;
                env.mxcsr = mxn;
                int tn = native_run(fn, &mxn, &dn, &s);
                int th = helper_run(c, &env, &dh, &s);
                n++;
                if (tn != th || mxn != env.mxcsr || memcmp(&dn, &dh, 16) != 0) {
                    if (bad++ < 20) {
                        cr_log_error("%s mxcsr %04x d %016llx%016llx s %016llx%016llx: "
                                     "host trap %d mxcsr %04x r %016llx%016llx, "
                                     "helper trap %d mxcsr %04x r %016llx%016llx",
                                     c->name, mode_of(m) | (k & 1 ? MXCSR_PE : 0),
                                     (unsigned long long)d.q[1], (unsigned long long)d.q[0],
                                     (unsigned long long)s.q[1], (unsigned long long)s.q[0],
                                     tn, mxn, (unsigned long long)dn.q[1], (unsigned long long)dn.q[0],
                                     th, env.mxcsr, (unsigned long long)dh.q[1], (unsigned long long)dh.q[0]);
                    }
                }
            }
        }
    }
    cr_log_info("%ld cases, %ld mismatches", n, bad);
    cr_assert_eq(bad, 0, "%ld of %ld cases differ from the host", bad, n);
}

Test(sse_oracle, ldmxcsr_reserved_bits)
{
    static CPUX86State env;
    env.mxcsr = MXCSR_DEFAULT;
    int v = sigsetjmp(raise_jb, 0);
    if (v == 0) {
        x86_helper_ldmxcsr(&env, 0xffff);
        cr_assert_eq(env.mxcsr, 0xffff);
        x86_helper_ldmxcsr(&env, 0x10000);
        cr_assert_fail("no #GP");
    }
    cr_assert_eq(v, EXCP0D_GPF);
    cr_assert_eq(env.mxcsr, 0xffff);
}

/* System mode: #XM needs CR4.OSXMMEXCPT, else the unmasked exception is
 * #UD (SDM vol. 1, 11.5.3.2 step 2); linux-user behaves as Linux sets it. */
Test(sse_oracle, xm_or_ud_by_cr4)
{
    static CPUX86State env;
    XMMReg d = { .f = { 1.0f } }, s = { .f = { 0.0f } };
    static const struct { bool lu; uint32_t cr4; int vector; } cases[] = {
        { false, 0, EXCP06_ILLOP },
        { false, CR4_OSXMMEXCPT_MASK, EXCP13_XMM },
        { true, 0, EXCP13_XMM },
    };
    for (volatile int i = 0; i < 3; i++) {
        env.lu_descriptors = cases[i].lu;
        env.cr[4] = cases[i].cr4;
        env.mxcsr = MXCSR_DEFAULT & ~(MXCSR_ZE << 7);
        int v = sigsetjmp(raise_jb, 0);
        if (v == 0) {
            x86_helper_divss(&env, &d, &s);
            cr_assert_fail("1/0 with ZM clear raised nothing");
        }
        cr_assert_eq(v, cases[i].vector, "case %d: vector %d", i, v);
        cr_assert_eq(env.mxcsr & MXCSR_FLAGS, MXCSR_ZE);
        cr_assert_eq(d.f[0], 1.0f, "destination written");
    }
}
