/*
 * SSE/SSE2/SSE3 floating-point helpers of the i386 guest. Each runs the
 * same instruction on the host's SSE unit with the guest's rounding, DAZ
 * and FTZ and every exception masked, reads the flags back, and applies
 * the guest's masks in C (exact by construction; docs/sse.md). The host
 * MXCSR is back in the SysV default mode (round to nearest, all masked)
 * when a helper returns; only its sticky flags may differ.
 */
#include <string.h>
#include "target-i386/sse.h"
#include "target-i386/mmu.h"
#include "target-i386/cc.h"

/* One host instruction: d in xmm0, s in xmm1 (or as the memory operand
 * %[s]), the result from xmm0 back to d, *mx = the MXCSR to run under on
 * entry, the MXCSR after the instruction on return. The ways (SseWay):
 *  - SW_GUEST: *mx (a default-mode MXCSR) is left loaded after;
 *  - SW_EXACT: the host MXCSR is set back to the SysV default after.
 * On the development host STMXCSR costs about 4 ns of CPU time, LDMXCSR
 * less, the instruction 1: one of each is the least that gives exact
 * flags, and the plain copy in and out of a helper costs the rest. */
typedef enum SseWay { SW_GUEST = 1, SW_EXACT } SseWay;
typedef void SseHostFn(XMMReg *d, const XMMReg *s, uint32_t *mx, SseWay way);

static const uint32_t sse_host_default = MXCSR_DEFAULT;

/* The template of a host function (insn: a string literal that uses only
 * xmm0, xmm1, eax and the operand %[s]). */
#define SSE_HOST(name, insn)                                               \
    static void name(XMMReg *d, const XMMReg *s, uint32_t *mx, SseWay way) \
    {                                                                      \
        __asm__ volatile("movups %[d], %%xmm0\n\t"                         \
                         "movups %[s], %%xmm1\n\t"                         \
                         "ldmxcsr %[mx]\n\t"                               \
                         insn "\n\t"                                       \
                         "stmxcsr %[mx]\n\t"                               \
                         "cmpl $1, %[way]\n\t"                             \
                         "je 1f\n\t"                                       \
                         "ldmxcsr %[host]\n"                               \
                         "1:\tmovups %%xmm0, %[d]"                          \
                         : [d] "+m"(*d), [mx] "+m"(*mx)                    \
                         : [s] "m"(*s), [way] "r"((uint32_t)way),          \
                           [host] "m"(sse_host_default)                    \
                         : "xmm0", "xmm1", "eax", "cc");                   \
    }

SSE_HOST(sse_host_addps, "addps %%xmm1, %%xmm0")
SSE_HOST(sse_host_addpd, "addpd %%xmm1, %%xmm0")
SSE_HOST(sse_host_addss, "addss %%xmm1, %%xmm0")
SSE_HOST(sse_host_addsd, "addsd %%xmm1, %%xmm0")
SSE_HOST(sse_host_subps, "subps %%xmm1, %%xmm0")
SSE_HOST(sse_host_subpd, "subpd %%xmm1, %%xmm0")
SSE_HOST(sse_host_subss, "subss %%xmm1, %%xmm0")
SSE_HOST(sse_host_subsd, "subsd %%xmm1, %%xmm0")
SSE_HOST(sse_host_mulps, "mulps %%xmm1, %%xmm0")
SSE_HOST(sse_host_mulpd, "mulpd %%xmm1, %%xmm0")
SSE_HOST(sse_host_mulss, "mulss %%xmm1, %%xmm0")
SSE_HOST(sse_host_mulsd, "mulsd %%xmm1, %%xmm0")
SSE_HOST(sse_host_divps, "divps %%xmm1, %%xmm0")
SSE_HOST(sse_host_divpd, "divpd %%xmm1, %%xmm0")
SSE_HOST(sse_host_divss, "divss %%xmm1, %%xmm0")
SSE_HOST(sse_host_divsd, "divsd %%xmm1, %%xmm0")
SSE_HOST(sse_host_minps, "minps %%xmm1, %%xmm0")
SSE_HOST(sse_host_minpd, "minpd %%xmm1, %%xmm0")
SSE_HOST(sse_host_minss, "minss %%xmm1, %%xmm0")
SSE_HOST(sse_host_minsd, "minsd %%xmm1, %%xmm0")
SSE_HOST(sse_host_maxps, "maxps %%xmm1, %%xmm0")
SSE_HOST(sse_host_maxpd, "maxpd %%xmm1, %%xmm0")
SSE_HOST(sse_host_maxss, "maxss %%xmm1, %%xmm0")
SSE_HOST(sse_host_maxsd, "maxsd %%xmm1, %%xmm0")
SSE_HOST(sse_host_sqrtps, "sqrtps %%xmm1, %%xmm0")
SSE_HOST(sse_host_sqrtpd, "sqrtpd %%xmm1, %%xmm0")
SSE_HOST(sse_host_sqrtss, "sqrtss %%xmm1, %%xmm0")
SSE_HOST(sse_host_sqrtsd, "sqrtsd %%xmm1, %%xmm0")
SSE_HOST(sse_host_rcpps, "rcpps %%xmm1, %%xmm0")
SSE_HOST(sse_host_rcpss, "rcpss %%xmm1, %%xmm0")
SSE_HOST(sse_host_rsqrtps, "rsqrtps %%xmm1, %%xmm0")
SSE_HOST(sse_host_rsqrtss, "rsqrtss %%xmm1, %%xmm0")
SSE_HOST(sse_host_addsubps, "addsubps %%xmm1, %%xmm0")
SSE_HOST(sse_host_addsubpd, "addsubpd %%xmm1, %%xmm0")
SSE_HOST(sse_host_haddps, "haddps %%xmm1, %%xmm0")
SSE_HOST(sse_host_haddpd, "haddpd %%xmm1, %%xmm0")
SSE_HOST(sse_host_hsubps, "hsubps %%xmm1, %%xmm0")
SSE_HOST(sse_host_hsubpd, "hsubpd %%xmm1, %%xmm0")
SSE_HOST(sse_host_cvtsi2ss, "cvtsi2ssl %[s], %%xmm0")
SSE_HOST(sse_host_cvtsi2sd, "cvtsi2sdl %[s], %%xmm0")
SSE_HOST(sse_host_cvtss2si, "cvtss2si %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
SSE_HOST(sse_host_cvttss2si, "cvttss2si %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
SSE_HOST(sse_host_cvtsd2si, "cvtsd2si %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
SSE_HOST(sse_host_cvttsd2si, "cvttsd2si %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
SSE_HOST(sse_host_cvtps2pd, "cvtps2pd %%xmm1, %%xmm0")
SSE_HOST(sse_host_cvtpd2ps, "cvtpd2ps %%xmm1, %%xmm0")
SSE_HOST(sse_host_cvtss2sd, "cvtss2sd %%xmm1, %%xmm0")
SSE_HOST(sse_host_cvtsd2ss, "cvtsd2ss %%xmm1, %%xmm0")
SSE_HOST(sse_host_cvtdq2ps, "cvtdq2ps %%xmm1, %%xmm0")
SSE_HOST(sse_host_cvtps2dq, "cvtps2dq %%xmm1, %%xmm0")
SSE_HOST(sse_host_cvttps2dq, "cvttps2dq %%xmm1, %%xmm0")
SSE_HOST(sse_host_cvtdq2pd, "cvtdq2pd %%xmm1, %%xmm0")
SSE_HOST(sse_host_cvtpd2dq, "cvtpd2dq %%xmm1, %%xmm0")
SSE_HOST(sse_host_cvttpd2dq, "cvttpd2dq %%xmm1, %%xmm0")
/* The MMX forms without touching the host's MMX/x87 state: the memory
 * form of CVTPI2PS makes no MMX transition; the others are the XMM forms
 * on the low 64 bits (the upper lanes zeroed, so they raise nothing). */
SSE_HOST(sse_host_cvtpi2ps, "cvtpi2ps %[s], %%xmm0")
SSE_HOST(sse_host_cvtpi2pd, "cvtdq2pd %%xmm1, %%xmm0")
SSE_HOST(sse_host_cvtps2pi, "movq %%xmm1, %%xmm1\n\tcvtps2dq %%xmm1, %%xmm0")
SSE_HOST(sse_host_cvttps2pi, "movq %%xmm1, %%xmm1\n\tcvttps2dq %%xmm1, %%xmm0")
SSE_HOST(sse_host_cvtpd2pi, "cvtpd2dq %%xmm1, %%xmm0")
SSE_HOST(sse_host_cvttpd2pi, "cvttpd2dq %%xmm1, %%xmm0")
/* COMIS: EFLAGS through LAHF (SF ZF AF PF CF) into d->l[0]. */
SSE_HOST(sse_host_comiss, "comiss %%xmm1, %%xmm0\n\tlahf\n\tshrl $8, %%eax\n\tmovd %%eax, %%xmm0")
SSE_HOST(sse_host_ucomiss, "ucomiss %%xmm1, %%xmm0\n\tlahf\n\tshrl $8, %%eax\n\tmovd %%eax, %%xmm0")
SSE_HOST(sse_host_comisd, "comisd %%xmm1, %%xmm0\n\tlahf\n\tshrl $8, %%eax\n\tmovd %%eax, %%xmm0")
SSE_HOST(sse_host_ucomisd, "ucomisd %%xmm1, %%xmm0\n\tlahf\n\tshrl $8, %%eax\n\tmovd %%eax, %%xmm0")

/* CMPxx with each predicate (EQ LT LE UNORD NEQ NLT NLE ORD). */
SSE_HOST(sse_host_cmpps0, "cmpps $0, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpps1, "cmpps $1, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpps2, "cmpps $2, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpps3, "cmpps $3, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpps4, "cmpps $4, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpps5, "cmpps $5, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpps6, "cmpps $6, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpps7, "cmpps $7, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmppd0, "cmppd $0, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmppd1, "cmppd $1, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmppd2, "cmppd $2, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmppd3, "cmppd $3, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmppd4, "cmppd $4, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmppd5, "cmppd $5, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmppd6, "cmppd $6, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmppd7, "cmppd $7, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpss0, "cmpss $0, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpss1, "cmpss $1, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpss2, "cmpss $2, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpss3, "cmpss $3, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpss4, "cmpss $4, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpss5, "cmpss $5, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpss6, "cmpss $6, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpss7, "cmpss $7, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpsd0, "cmpsd $0, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpsd1, "cmpsd $1, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpsd2, "cmpsd $2, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpsd3, "cmpsd $3, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpsd4, "cmpsd $4, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpsd5, "cmpsd $5, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpsd6, "cmpsd $6, %%xmm1, %%xmm0")
SSE_HOST(sse_host_cmpsd7, "cmpsd $7, %%xmm1, %%xmm0")

static SseHostFn *const sse_host_cmpps[8] = {
    sse_host_cmpps0, sse_host_cmpps1, sse_host_cmpps2, sse_host_cmpps3,
    sse_host_cmpps4, sse_host_cmpps5, sse_host_cmpps6, sse_host_cmpps7,
};
static SseHostFn *const sse_host_cmppd[8] = {
    sse_host_cmppd0, sse_host_cmppd1, sse_host_cmppd2, sse_host_cmppd3,
    sse_host_cmppd4, sse_host_cmppd5, sse_host_cmppd6, sse_host_cmppd7,
};
static SseHostFn *const sse_host_cmpss[8] = {
    sse_host_cmpss0, sse_host_cmpss1, sse_host_cmpss2, sse_host_cmpss3,
    sse_host_cmpss4, sse_host_cmpss5, sse_host_cmpss6, sse_host_cmpss7,
};
static SseHostFn *const sse_host_cmpsd[8] = {
    sse_host_cmpsd0, sse_host_cmpsd1, sse_host_cmpsd2, sse_host_cmpsd3,
    sse_host_cmpsd4, sse_host_cmpsd5, sse_host_cmpsd6, sse_host_cmpsd7,
};

/* ---- exceptions ---- */

_Noreturn void x86_sse_raise(CPUX86State *env, uintptr_t ra)
{
    /* linux-user (flat user descriptors, no CR4) runs as Linux sets up
     * the CPU: CR4.OSXMMEXCPT = 1. */
    bool xm = (env->cr[4] & CR4_OSXMMEXCPT_MASK) || env->lu_descriptors;
    x86_raise_exception_err(env, xm ? EXCP13_XMM : EXCP06_ILLOP, 0, ra);
}

void x86_sse_set_flags(CPUX86State *env, uint32_t flags, uintptr_t ra)
{
    env->mxcsr |= flags & MXCSR_FLAGS;
    if (flags & ~(env->mxcsr >> 7) & MXCSR_FLAGS) {
        x86_sse_raise(env, ra);
    }
}

void x86_helper_ldmxcsr(CPUX86State *env, uint32_t value)
{
    if (value & ~(uint32_t)MXCSR_WRITABLE) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, GETPC());
    }
    env->mxcsr = value;
}

/* The host MXCSR a guest instruction runs under: its rounding, DAZ and
 * FTZ, every exception masked, no flag up. */
static inline uint32_t sse_host_mode(const CPUX86State *env)
{
    return (env->mxcsr & (MXCSR_RC | MXCSR_DAZ | MXCSR_FTZ)) | MXCSR_MASKS;
}

/*
 * Lanes of the arithmetic instructions: each result lane is a op b (or
 * the conversion of a) with a, b = element indexes into d (0-3) and s
 * (4-7), for the unmasked OE/UE case (sse_post_unmasked).
 */
enum { SL_ADD, SL_SUB, SL_MUL, SL_DIV, SL_CVT };
typedef struct SseLane {
    uint8_t op, a, b;
} SseLane;
typedef struct SseLanes {
    uint8_t n;
    bool dbl;                   /* operands are doubles */
    bool out_dbl;               /* results are doubles */
    SseLane lane[4];
} SseLanes;

/* The element a lane reads, as a long double, DAZ applied. */
static long double sse_lane_in(const CPUX86State *env, const XMMReg *d,
                               const XMMReg *s, bool dbl, int i)
{
    const XMMReg *r = i < 4 ? d : s;
    i &= 3;
    if (dbl) {
        bool denormal = (r->q[i] & 0x7ff0000000000000ull) == 0 &&
                        (r->q[i] << 1) != 0;
        if (denormal && (env->mxcsr & MXCSR_DAZ)) {
            return (r->q[i] >> 63) ? -0.0L : 0.0L;
        }
        return r->d[i];
    }
    bool denormal = (r->l[i] & 0x7f800000u) == 0 && (r->l[i] << 1) != 0;
    if (denormal && (env->mxcsr & MXCSR_DAZ)) {
        return (r->l[i] >> 31) ? -0.0L : 0.0L;
    }
    return r->f[i];
}

/* One lane with an unbounded exponent: the host x87 at the result's
 * precision and the guest's rounding (one rounding, so the result is the
 * correctly rounded one); *inexact from its PE flag. The x87 is left
 * with no flag up and the SysV control word. */
static long double sse_lane_wide(const SseLane *l, long double a,
                                 long double b, bool out_dbl, uint32_t mxcsr,
                                 bool *inexact)
{
    uint16_t cw = 0x3f | (out_dbl ? 0x200 : 0) | ((mxcsr >> 13) & 3) << 10;
    uint16_t host_cw = 0x37f, sw;
    long double r;
    if (l->op == SL_CVT) {
        b = 0;          /* a + 0 rounds a to the precision */
    }
    __asm__ volatile("fnclex\n\t"
                     "fldcw %[cw]\n\t"
                     "fldt %[b]\n\t"
                     "fldt %[a]\n\t"
                     "cmpl $1, %[op]\n\t"
                     "jb 1f\n\t"
                     "je 2f\n\t"
                     "cmpl $3, %[op]\n\t"
                     "jb 3f\n\t"
                     "je 4f\n\t"
                     "1:\tfadd %%st(1), %%st\n\t"
                     "jmp 5f\n"
                     "2:\tfsub %%st(1), %%st\n\t"
                     "jmp 5f\n"
                     "3:\tfmul %%st(1), %%st\n\t"
                     "jmp 5f\n"
                     "4:\tfdiv %%st(1), %%st\n"
                     "5:\tfstpt %[r]\n\t"
                     "fstp %%st(0)\n\t"
                     "fnstsw %[sw]\n\t"
                     "fnclex\n\t"
                     "fldcw %[hcw]"
                     : [r] "=m"(r), [sw] "=m"(sw)
                     : [a] "m"(a), [b] "m"(b), [op] "r"((uint32_t)l->op),
                       [cw] "m"(cw), [hcw] "m"(host_cw)
                     : "cc", "memory");
    *inexact = (sw & 0x20) != 0;
    return r;
}

/* The post-computation flags of an instruction whose OE or UE is
 * unmasked, lane by lane: an unmasked overflow or underflow reports the
 * inexactness of the result rounded with an unbounded exponent (not of
 * the masked result), and an unmasked underflow any tiny result, exact
 * or not (tininess after rounding, as the host detects it). Lanes with
 * the exception masked keep what the masked run (flags f) reported. */
static uint32_t sse_post_unmasked(const CPUX86State *env, const XMMReg *d,
                                  const XMMReg *s, const SseLanes *ls,
                                  uint32_t f)
{
    uint32_t unmasked = ~(env->mxcsr >> 7) & MXCSR_FLAGS, post = 0;
    long double max = ls->out_dbl ? 0x1.fffffffffffffp1023L : 0x1.fffffep127L;
    long double min = ls->out_dbl ? 0x1p-1022L : 0x1p-126L;
    if (!(unmasked & MXCSR_OE) && (f & MXCSR_OE)) {
        post |= MXCSR_OE | MXCSR_PE;
    }
    if (!(unmasked & MXCSR_UE) && (f & MXCSR_UE)) {
        post |= MXCSR_UE | MXCSR_PE;
    }
    for (int i = 0; i < ls->n; i++) {
        const SseLane *l = &ls->lane[i];
        bool pe;
        long double a = sse_lane_in(env, d, s, ls->dbl, l->a);
        long double b = l->op == SL_CVT ? 0 : sse_lane_in(env, d, s, ls->dbl, l->b);
        long double r = sse_lane_wide(l, a, b, ls->out_dbl, env->mxcsr, &pe);
        long double m = r < 0 ? -r : r;
        if (m != m || m == __builtin_infl()) {
            continue;               /* NaN or infinite: no post flag */
        }
        if (m > max) {
            post |= (unmasked & MXCSR_OE) ? MXCSR_OE | (pe ? MXCSR_PE : 0) : 0;
        } else if (m != 0 && m < min) {
            post |= (unmasked & MXCSR_UE) ? MXCSR_UE | (pe ? MXCSR_PE : 0) : 0;
        } else if (pe) {
            post |= MXCSR_PE;
        }
    }
    return post;
}

/*
 * Some exception is unmasked (rare). The masked run gave the flags of
 * every element; the CPU (SDM vol. 1, 11.5.3.2) first reports the
 * pre-computation exceptions (IE, DE, ZE) of all elements if one of them
 * is unmasked, and only them; otherwise the post-computation ones (OE,
 * UE, PE) with the pre-computation flags. No destination is written when
 * the instruction faults. Returns whether it does (MXCSR then updated).
 */
static bool sse_unmasked_fault(CPUX86State *env, const XMMReg *d,
                               const XMMReg *s, const SseLanes *ls,
                               uint32_t flags)
{
    uint32_t unmasked = ~(env->mxcsr >> 7) & MXCSR_FLAGS;
    uint32_t pre = flags & (MXCSR_IE | MXCSR_DE | MXCSR_ZE);
    uint32_t post = flags & (MXCSR_OE | MXCSR_UE | MXCSR_PE);
    if (pre & unmasked) {
        env->mxcsr |= pre;
        return true;
    }
    if (ls && (unmasked & (MXCSR_OE | MXCSR_UE))) {
        post = sse_post_unmasked(env, d, s, ls, flags);
    }
    if (post & unmasked) {
        env->mxcsr |= pre | post;
        return true;
    }
    return false;
}

/* Runs fn for the guest: d = result, flags merged, #XM when unmasked.
 * ls: the lanes of an instruction that can overflow or underflow. */
static inline void sse_run(CPUX86State *env, XMMReg *d, const XMMReg *s,
                           SseHostFn *fn, const SseLanes *ls, uintptr_t ra)
{
    XMMReg r = *d;
    uint32_t mx = env->mxcsr;
    /* The common case: the guest in the default mode (nearest, no DAZ or
     * FTZ, all masked), which is the host's mode outside helpers. The
     * host runs under the guest's MXCSR itself, so the MXCSR after is the
     * guest's, and it stays loaded. */
    if (__builtin_expect((mx & ~MXCSR_FLAGS) == MXCSR_DEFAULT, 1)) {
        fn(&r, s, &mx, SW_GUEST);
        *d = r;
        env->mxcsr = mx;
        return;
    }
    mx = sse_host_mode(env);
    fn(&r, s, &mx, SW_EXACT);
    if (__builtin_expect((env->mxcsr & MXCSR_MASKS) != MXCSR_MASKS, 0) &&
        sse_unmasked_fault(env, d, s, ls, mx & MXCSR_FLAGS)) {
        x86_sse_raise(env, ra);
    }
    *d = r;
    env->mxcsr |= mx & MXCSR_FLAGS;
}

/* Lane tables of the instructions that can overflow or underflow. */
#define SL4(op) { { op, 0, 4 }, { op, 1, 5 }, { op, 2, 6 }, { op, 3, 7 } }
#define SL2(op) { { op, 0, 4 }, { op, 1, 5 } }
#define SL1(op) { { op, 0, 4 } }
static const SseLanes sl_addps = { 4, false, false, SL4(SL_ADD) };
static const SseLanes sl_addpd = { 2, true, true, SL2(SL_ADD) };
static const SseLanes sl_addss = { 1, false, false, SL1(SL_ADD) };
static const SseLanes sl_addsd = { 1, true, true, SL1(SL_ADD) };
static const SseLanes sl_subps = { 4, false, false, SL4(SL_SUB) };
static const SseLanes sl_subpd = { 2, true, true, SL2(SL_SUB) };
static const SseLanes sl_subss = { 1, false, false, SL1(SL_SUB) };
static const SseLanes sl_subsd = { 1, true, true, SL1(SL_SUB) };
static const SseLanes sl_mulps = { 4, false, false, SL4(SL_MUL) };
static const SseLanes sl_mulpd = { 2, true, true, SL2(SL_MUL) };
static const SseLanes sl_mulss = { 1, false, false, SL1(SL_MUL) };
static const SseLanes sl_mulsd = { 1, true, true, SL1(SL_MUL) };
static const SseLanes sl_divps = { 4, false, false, SL4(SL_DIV) };
static const SseLanes sl_divpd = { 2, true, true, SL2(SL_DIV) };
static const SseLanes sl_divss = { 1, false, false, SL1(SL_DIV) };
static const SseLanes sl_divsd = { 1, true, true, SL1(SL_DIV) };
static const SseLanes sl_addsubps = { 4, false, false, {
    { SL_SUB, 0, 4 }, { SL_ADD, 1, 5 }, { SL_SUB, 2, 6 }, { SL_ADD, 3, 7 } } };
static const SseLanes sl_addsubpd = { 2, true, true, {
    { SL_SUB, 0, 4 }, { SL_ADD, 1, 5 } } };
static const SseLanes sl_haddps = { 4, false, false, {
    { SL_ADD, 0, 1 }, { SL_ADD, 2, 3 }, { SL_ADD, 4, 5 }, { SL_ADD, 6, 7 } } };
static const SseLanes sl_hsubps = { 4, false, false, {
    { SL_SUB, 0, 1 }, { SL_SUB, 2, 3 }, { SL_SUB, 4, 5 }, { SL_SUB, 6, 7 } } };
static const SseLanes sl_haddpd = { 2, true, true, {
    { SL_ADD, 0, 1 }, { SL_ADD, 4, 5 } } };
static const SseLanes sl_hsubpd = { 2, true, true, {
    { SL_SUB, 0, 1 }, { SL_SUB, 4, 5 } } };
static const SseLanes sl_cvtsd2ss = { 1, true, false, { { SL_CVT, 4, 0 } } };
static const SseLanes sl_cvtpd2ps = { 2, true, false, {
    { SL_CVT, 4, 0 }, { SL_CVT, 5, 0 } } };

/* ---- the helpers ---- */

#define SSE_HELPER(name, host, lanes)                                      \
    void name(CPUX86State *env, XMMReg *d, const XMMReg *s)                \
    {                                                                      \
        sse_run(env, d, s, host, lanes, GETPC());                          \
    }

SSE_HELPER(x86_helper_addps, sse_host_addps, &sl_addps)
SSE_HELPER(x86_helper_addpd, sse_host_addpd, &sl_addpd)
SSE_HELPER(x86_helper_addss, sse_host_addss, &sl_addss)
SSE_HELPER(x86_helper_addsd, sse_host_addsd, &sl_addsd)
SSE_HELPER(x86_helper_subps, sse_host_subps, &sl_subps)
SSE_HELPER(x86_helper_subpd, sse_host_subpd, &sl_subpd)
SSE_HELPER(x86_helper_subss, sse_host_subss, &sl_subss)
SSE_HELPER(x86_helper_subsd, sse_host_subsd, &sl_subsd)
SSE_HELPER(x86_helper_mulps, sse_host_mulps, &sl_mulps)
SSE_HELPER(x86_helper_mulpd, sse_host_mulpd, &sl_mulpd)
SSE_HELPER(x86_helper_mulss, sse_host_mulss, &sl_mulss)
SSE_HELPER(x86_helper_mulsd, sse_host_mulsd, &sl_mulsd)
SSE_HELPER(x86_helper_divps, sse_host_divps, &sl_divps)
SSE_HELPER(x86_helper_divpd, sse_host_divpd, &sl_divpd)
SSE_HELPER(x86_helper_divss, sse_host_divss, &sl_divss)
SSE_HELPER(x86_helper_divsd, sse_host_divsd, &sl_divsd)
SSE_HELPER(x86_helper_minps, sse_host_minps, NULL)
SSE_HELPER(x86_helper_minpd, sse_host_minpd, NULL)
SSE_HELPER(x86_helper_minss, sse_host_minss, NULL)
SSE_HELPER(x86_helper_minsd, sse_host_minsd, NULL)
SSE_HELPER(x86_helper_maxps, sse_host_maxps, NULL)
SSE_HELPER(x86_helper_maxpd, sse_host_maxpd, NULL)
SSE_HELPER(x86_helper_maxss, sse_host_maxss, NULL)
SSE_HELPER(x86_helper_maxsd, sse_host_maxsd, NULL)
SSE_HELPER(x86_helper_sqrtps, sse_host_sqrtps, NULL)
SSE_HELPER(x86_helper_sqrtpd, sse_host_sqrtpd, NULL)
SSE_HELPER(x86_helper_sqrtss, sse_host_sqrtss, NULL)
SSE_HELPER(x86_helper_sqrtsd, sse_host_sqrtsd, NULL)
SSE_HELPER(x86_helper_rcpps, sse_host_rcpps, NULL)
SSE_HELPER(x86_helper_rcpss, sse_host_rcpss, NULL)
SSE_HELPER(x86_helper_rsqrtps, sse_host_rsqrtps, NULL)
SSE_HELPER(x86_helper_rsqrtss, sse_host_rsqrtss, NULL)
SSE_HELPER(x86_helper_addsubps, sse_host_addsubps, &sl_addsubps)
SSE_HELPER(x86_helper_addsubpd, sse_host_addsubpd, &sl_addsubpd)
SSE_HELPER(x86_helper_haddps, sse_host_haddps, &sl_haddps)
SSE_HELPER(x86_helper_haddpd, sse_host_haddpd, &sl_haddpd)
SSE_HELPER(x86_helper_hsubps, sse_host_hsubps, &sl_hsubps)
SSE_HELPER(x86_helper_hsubpd, sse_host_hsubpd, &sl_hsubpd)
SSE_HELPER(x86_helper_cvtsi2ss, sse_host_cvtsi2ss, NULL)
SSE_HELPER(x86_helper_cvtsi2sd, sse_host_cvtsi2sd, NULL)
SSE_HELPER(x86_helper_cvtss2si, sse_host_cvtss2si, NULL)
SSE_HELPER(x86_helper_cvttss2si, sse_host_cvttss2si, NULL)
SSE_HELPER(x86_helper_cvtsd2si, sse_host_cvtsd2si, NULL)
SSE_HELPER(x86_helper_cvttsd2si, sse_host_cvttsd2si, NULL)
SSE_HELPER(x86_helper_cvtps2pd, sse_host_cvtps2pd, NULL)
SSE_HELPER(x86_helper_cvtpd2ps, sse_host_cvtpd2ps, &sl_cvtpd2ps)
SSE_HELPER(x86_helper_cvtss2sd, sse_host_cvtss2sd, NULL)
SSE_HELPER(x86_helper_cvtsd2ss, sse_host_cvtsd2ss, &sl_cvtsd2ss)
SSE_HELPER(x86_helper_cvtdq2ps, sse_host_cvtdq2ps, NULL)
SSE_HELPER(x86_helper_cvtps2dq, sse_host_cvtps2dq, NULL)
SSE_HELPER(x86_helper_cvttps2dq, sse_host_cvttps2dq, NULL)
SSE_HELPER(x86_helper_cvtdq2pd, sse_host_cvtdq2pd, NULL)
SSE_HELPER(x86_helper_cvtpd2dq, sse_host_cvtpd2dq, NULL)
SSE_HELPER(x86_helper_cvttpd2dq, sse_host_cvttpd2dq, NULL)
SSE_HELPER(x86_helper_cvtpi2ps, sse_host_cvtpi2ps, NULL)
SSE_HELPER(x86_helper_cvtpi2pd, sse_host_cvtpi2pd, NULL)

/* The MMX-destination forms write the 64-bit MMX register only. */
static inline void sse_run_mmx(CPUX86State *env, XMMReg *d, const XMMReg *s,
                               SseHostFn *fn, uintptr_t ra)
{
    XMMReg r = { .q = { d->q[0], 0 } };
    sse_run(env, &r, s, fn, NULL, ra);
    d->q[0] = r.q[0];
}

void x86_helper_cvtps2pi(CPUX86State *env, XMMReg *d, const XMMReg *s)
{
    sse_run_mmx(env, d, s, sse_host_cvtps2pi, GETPC());
}

void x86_helper_cvttps2pi(CPUX86State *env, XMMReg *d, const XMMReg *s)
{
    sse_run_mmx(env, d, s, sse_host_cvttps2pi, GETPC());
}

void x86_helper_cvtpd2pi(CPUX86State *env, XMMReg *d, const XMMReg *s)
{
    sse_run_mmx(env, d, s, sse_host_cvtpd2pi, GETPC());
}

void x86_helper_cvttpd2pi(CPUX86State *env, XMMReg *d, const XMMReg *s)
{
    sse_run_mmx(env, d, s, sse_host_cvttpd2pi, GETPC());
}

void x86_helper_cmpps(CPUX86State *env, XMMReg *d, const XMMReg *s,
                      uint32_t imm8)
{
    sse_run(env, d, s, sse_host_cmpps[imm8 & 7], NULL, GETPC());
}

void x86_helper_cmppd(CPUX86State *env, XMMReg *d, const XMMReg *s,
                      uint32_t imm8)
{
    sse_run(env, d, s, sse_host_cmppd[imm8 & 7], NULL, GETPC());
}

void x86_helper_cmpss(CPUX86State *env, XMMReg *d, const XMMReg *s,
                      uint32_t imm8)
{
    sse_run(env, d, s, sse_host_cmpss[imm8 & 7], NULL, GETPC());
}

void x86_helper_cmpsd(CPUX86State *env, XMMReg *d, const XMMReg *s,
                      uint32_t imm8)
{
    sse_run(env, d, s, sse_host_cmpsd[imm8 & 7], NULL, GETPC());
}

/* COMIS: the flags land in a local; EFLAGS bits ZF PF CF returned. */
static inline uint32_t sse_comi(CPUX86State *env, const XMMReg *a,
                                const XMMReg *b, SseHostFn *fn, uintptr_t ra)
{
    XMMReg r = *a;
    sse_run(env, &r, b, fn, NULL, ra);
    return r.l[0] & (CC_Z | CC_P | CC_C);
}

void x86_sse_recover_mxcsr(CPUX86State *env, const void *host_fpu)
{
    if (env->mxcsr_in_host && host_fpu) {
        uint32_t mxcsr;     /* at byte 24 of the FXSAVE image */
        memcpy(&mxcsr, (const uint8_t *)host_fpu + 24, sizeof(mxcsr));
        env->mxcsr = mxcsr;
    }
    env->mxcsr_in_host = 0;
}

uint32_t x86_helper_comiss(CPUX86State *env, const XMMReg *a, const XMMReg *b)
{
    return sse_comi(env, a, b, sse_host_comiss, GETPC());
}

uint32_t x86_helper_ucomiss(CPUX86State *env, const XMMReg *a, const XMMReg *b)
{
    return sse_comi(env, a, b, sse_host_ucomiss, GETPC());
}

uint32_t x86_helper_comisd(CPUX86State *env, const XMMReg *a, const XMMReg *b)
{
    return sse_comi(env, a, b, sse_host_comisd, GETPC());
}

uint32_t x86_helper_ucomisd(CPUX86State *env, const XMMReg *a, const XMMReg *b)
{
    return sse_comi(env, a, b, sse_host_ucomisd, GETPC());
}
