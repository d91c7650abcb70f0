/*
 * The classic PowerPC FPU on the host's SSE unit: each op runs under the
 * guest's rounding mode with host exception flags read back into FPSCR.
 * FR (fraction rounded) comes from a second evaluation toward zero; single
 * precision rounds once, exactly, through round-to-odd in double. NaN
 * propagation, invalid-operation classes and FPRF follow the PowerPC rules.
 * What an enabled exception changes (VE, OE, UE, ZE, XE, and the program
 * interrupt with MSR[FE0,FE1]) is in fpu_exc.c.
 */
#include <math.h>

#include "target-ppc/fpu_internal.h"

static const uint64_t ppc_default_nan = 0x7ff8000000000000ull;

static uint64_t quiet(uint64_t u) { return u | 0x0008000000000000ull; }

static int ppc_host_round(const CPUPPCState *env)
{
    static const int modes[4] = { FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD };
    return modes[env->fpscr & 3];
}

/* The hot path drives the host's SSE unit directly through MXCSR
 * (fpu_internal.h). */
static const uint32_t mxcsr_toward_zero = MXCSR_TOWARD_ZERO;

/* Fused multiply-add under the current MXCSR: the host instruction when
 * the CPU has FMA, else libm's fma (which then needs the x87 mode too). */
static bool host_has_fma, host_has_evex_rounding;

static void __attribute__((constructor)) ppc_fpu_probe(void)
{
    host_has_fma = __builtin_cpu_supports("fma");
    host_has_evex_rounding = __builtin_cpu_supports("avx512f");
}

static double host_fma(double a, double b, double c)
{
    if (host_has_fma) {
        asm volatile("vfmadd231sd %2, %1, %0" : "+x"(c) : "x"(a), "x"(b));
        return c;
    }
    int saved = fegetround();
    static const int modes[4] = { FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO };
    fesetround(modes[(mxcsr_read() >> MXCSR_RC_SHIFT) & 3]);
    double r = fma(a, b, c);
    fesetround(saved);
    return r;
}

/* Sets exception bits in FPSCR, with FX for each 0 -> 1 transition. */
void ppc_fpscr_raise(CPUPPCState *env, uint32_t bits)
{
    if (bits & ~env->fpscr & FPSCR_EXC_ALL) {
        env->fpscr |= BIT(FPSCR_FX);
    }
    env->fpscr |= bits;
}

void ppc_fpscr_update_summary(CPUPPCState *env)
{
    uint32_t f = env->fpscr;
    f &= ~(BIT(FPSCR_VX) | BIT(FPSCR_FEX));
    if (f & FPSCR_VX_ALL) {
        f |= BIT(FPSCR_VX);
    }
    uint32_t enabled = ((f >> FPSCR_VX) & 1 & (f >> FPSCR_VE)) |
                       ((f >> FPSCR_OX) & 1 & (f >> FPSCR_OE)) |
                       ((f >> FPSCR_UX) & 1 & (f >> FPSCR_UE)) |
                       ((f >> FPSCR_ZX) & 1 & (f >> FPSCR_ZE)) |
                       ((f >> FPSCR_XX) & 1 & (f >> FPSCR_XE));
    if (enabled & 1) {
        f |= BIT(FPSCR_FEX);
    }
    env->fpscr = f;
}

/* FPRF (C FL FG FE FU) for a double result. */
static uint32_t fprf_of(uint64_t u)
{
    bool neg = sign_of(u);
    if (is_nan(u)) {
        return 0x11;                          /* C + FU: quiet NaN */
    }
    if (is_inf(u)) {
        return neg ? 0x09 : 0x05;
    }
    if (is_zero(u)) {
        return neg ? 0x12 : 0x02;
    }
    if (((u >> 52) & 0x7ff) == 0) {           /* denormal */
        return neg ? 0x18 : 0x14;
    }
    return neg ? 0x08 : 0x04;
}

void ppc_set_fprf(CPUPPCState *env, uint64_t result)
{
    env->fpscr = (env->fpscr & ~(0x1fu << FPSCR_FPRF)) | (fprf_of(result) << FPSCR_FPRF);
}

static double fp_eval(FpKind k, double a, double b, double c)
{
    volatile double x = a, y = b, z = c;
    switch (k) {
    case OP_ADD: return x + y;
    case OP_SUB: return x - y;
    case OP_MUL: return x * y;
    case OP_DIV: return x / y;
    case OP_SQRT: return __builtin_sqrt(x);
    case OP_FMA: return host_fma(x, y, z);
    case OP_RECIP: return 1.0 / x;
    case OP_RSQRT: return 1.0 / __builtin_sqrt(x);
    case OP_FRSP: return x;
    }
    return 0;
}

/* Evaluates in the guest mode; the value toward zero (for FR) only when
 * the result is inexact, since otherwise it is the same. */
static FpOut fp_run_mode(uint32_t mode, FpKind k, double a, double b, double c)
{
    FpOut o;
    uint32_t saved = mxcsr_read();
    mxcsr_write(mode);
    o.r = d2u(fp_eval(k, a, b, c));
    o.flags = mxcsr_read() & MXCSR_FLAGS;
    o.rz = o.r;
    if (o.flags & FE_INEXACT) {
        mxcsr_write(mxcsr_toward_zero);
        o.rz = d2u(fp_eval(k, a, b, c));
    }
    mxcsr_write(saved);
    return o;
}

static FpOut fp_run(const CPUPPCState *env, FpKind k, double a, double b, double c)
{
    return fp_run_mode(ppc_mxcsr_mode(env), k, a, b, c);
}

/* Rounds a double result to single precision exactly once: evaluates
 * toward zero, marks inexactness in the lowest bit (round to odd), then
 * converts in the guest mode. Returns the single as a double pattern. */
static FpOut fp_run_single(const CPUPPCState *env, FpKind k, double a, double b, double c)
{
    FpOut o;
    uint32_t saved = mxcsr_read();
    mxcsr_write(mxcsr_toward_zero);
    double t = fp_eval(k, a, b, c);
    int f1 = mxcsr_read() & MXCSR_FLAGS;
    uint64_t tu = d2u(t);
    if ((f1 & FE_INEXACT) && !is_nan(tu) && !is_inf(tu)) {
        tu |= 1;
    } else if (is_zero(tu)) {
        /* an exact zero: its sign depends on the guest rounding mode */
        mxcsr_write(ppc_mxcsr_mode(env));
        tu = d2u(fp_eval(k, a, b, c));
    }
    volatile double odd = u2d(tu);
    mxcsr_write(ppc_mxcsr_mode(env));
    volatile float r = (float)odd;
    int f2 = mxcsr_read() & MXCSR_FLAGS;
    mxcsr_write(mxcsr_toward_zero);
    volatile float rz = (float)odd;
    mxcsr_write(saved);
    o.r = d2u((double)r);
    o.rz = d2u((double)rz);
    o.flags = (f1 & (FE_INVALID | FE_DIVBYZERO | FE_INEXACT)) | f2;
    return o;
}

/* Finishes an arithmetic op: invalid classes, NaN propagation, flags,
 * FPRF. nans[] lists the operands in PowerPC propagation order. An
 * enabled exception (only possible in blocks with PPC_TBF_FPEXC) goes
 * to fpu_exc.c; ra is the helper's return address, for the interrupt. */
static uint64_t fp_finish(CPUPPCState *env, const FpOp *op, FpOut o, uint32_t vx,
                          const uint64_t *nans, int n_nans, uintptr_t ra)
{
    bool single = op->single;
    for (int i = 0; i < n_nans; i++) {
        if (is_snan(nans[i])) {
            vx |= BIT(FPSCR_VXSNAN);
        }
    }
    uint64_t result = o.r;
    bool have_nan = false;
    for (int i = 0; i < n_nans; i++) {
        if (is_nan(nans[i])) {
            result = quiet(nans[i]);
            if (single) {
                result &= 0xffffffffe0000000ull;
            }
            have_nan = true;
            break;
        }
    }
    if (!have_nan && vx) {
        result = ppc_default_nan;
    }
    env->fpscr &= ~(BIT(FPSCR_FR) | BIT(FPSCR_FI));
    if (vx) {
        ppc_fpscr_raise(env, vx);
        if (env->fpscr & BIT(FPSCR_VE)) {
            return ppc_fp_invalid_enabled(env, ra);
        }
    } else if (!have_nan) {
        uint32_t bits = 0;
        if (o.flags & FE_DIVBYZERO) {
            bits |= BIT(FPSCR_ZX);
        }
        if (o.flags & FE_OVERFLOW) {
            bits |= BIT(FPSCR_OX) | BIT(FPSCR_XX);
        }
        if (o.flags & FE_UNDERFLOW) {
            bits |= BIT(FPSCR_UX);
        }
        /* PowerPC detects tininess before rounding, the host after: an
         * inexact result that rounded up to the smallest normal was tiny
         * if its value rounded toward zero is below it. */
        uint64_t min_normal = single ? 0x3810000000000000ull : 0x0010000000000000ull;
        uint64_t mag = o.r & ~(1ull << 63), mag_rz = o.rz & ~(1ull << 63);
        if ((o.flags & FE_INEXACT) && mag == min_normal && mag_rz < min_normal) {
            bits |= BIT(FPSCR_UX);
        }
        if (env->fpscr & FPSCR_ENABLES) {
            return ppc_fp_enabled_result(env, op, o, bits, ra);
        }
        if (o.flags & FE_INEXACT) {   /* overflow is inexact too */
            bits |= BIT(FPSCR_XX);
            env->fpscr |= BIT(FPSCR_FI);
            if (o.r != o.rz) {
                env->fpscr |= BIT(FPSCR_FR);
            }
        }
        ppc_fpscr_raise(env, bits);
    }
    ppc_set_fprf(env, result);
    ppc_fpscr_update_summary(env);
    return result;
}

static uint32_t vx_addsub(uint64_t a, uint64_t b, bool sub)
{
    if (is_inf(a) && is_inf(b) && (sign_of(a) ^ sign_of(b) ^ sub)) {
        return BIT(FPSCR_VXISI);
    }
    return 0;
}

static uint32_t vx_mul(uint64_t a, uint64_t c)
{
    if ((is_inf(a) && is_zero(c)) || (is_zero(a) && is_inf(c))) {
        return BIT(FPSCR_VXIMZ);
    }
    return 0;
}

static uint32_t vx_div(uint64_t a, uint64_t b)
{
    if (is_inf(a) && is_inf(b)) {
        return BIT(FPSCR_VXIDI);
    }
    if (is_zero(a) && is_zero(b)) {
        return BIT(FPSCR_VXZDZ);
    }
    return 0;
}

static uint32_t vx_sqrt(uint64_t b)
{
    return (sign_of(b) && !is_zero(b) && !is_nan(b)) ? BIT(FPSCR_VXSQRT) : 0;
}

/*
 * The fast path. In round-to-nearest with XX already set and every
 * exception disabled, an op whose operands and result are normal finite
 * numbers can raise nothing new but XX (already set), and its FI/FR only
 * matter once FPSCR is read: the host computes it with no MXCSR access,
 * FPRF is set from the result, and the op is recorded for ppc_fpscr_get.
 */
static bool is_normal(uint64_t u)
{
    uint32_t e = (u >> 52) & 0x7ff;
    return e != 0 && e != 0x7ff;
}

/* A result safe for the fast path: normal, and not the smallest normal
 * (which may come from a tiny value rounded up: UX before rounding). */
static bool is_fast_result(uint64_t r)
{
    return is_normal(r) && (r & ~(1ull << 63)) != 0x0010000000000000ull;
}

static bool fp_fast_ok(const CPUPPCState *env)
{
    return (env->fpscr & (3 | FPSCR_ENABLES | BIT(FPSCR_XX))) == BIT(FPSCR_XX);
}

static void fp_fast_done(CPUPPCState *env, FpKind k, uint64_t a, uint64_t b,
                         uint64_t c, uint64_t r)
{
    env->fp_last.pending = 1 + k;
    env->fp_last.a = a;
    env->fp_last.b = b;
    env->fp_last.c = c;
    env->fp_last.r = r;
    env->fpscr = (env->fpscr & ~(0x1fu << FPSCR_FPRF)) |
                 ((sign_of(r) ? 0x08u : 0x04u) << FPSCR_FPRF);
}

/* A slow-path op sets FI/FR itself: the recorded op is no longer last. */
static void fp_lazy_drop(CPUPPCState *env)
{
    env->fp_last.pending = 0;
}

/* FI and FR of a recorded op (add, sub, mul, div, fma) whose result r in
 * round-to-nearest is normal. One evaluation toward zero under MXCSR:
 * inexact from the host flag, FR when the two roundings differ. The host
 * MXCSR is the masked round-to-nearest state between helpers (the inline
 * ops rely on it), so it is restored to that rather than saved. */
uint32_t ppc_fp_fi_fr_mxcsr(FpKind k, uint64_t a, uint64_t b, uint64_t c, uint64_t r)
{
    volatile double x = u2d(a), y = u2d(b), z = u2d(c);
    mxcsr_write(mxcsr_toward_zero);
    uint64_t rz = d2u(fp_eval(k, x, y, z));
    uint32_t flags = mxcsr_read() & MXCSR_FLAGS;
    mxcsr_write(MXCSR_MASKED);
    if (!(flags & FE_INEXACT)) {
        return 0;
    }
    return BIT(FPSCR_FI) | (rz != r ? BIT(FPSCR_FR) : 0);
}

/* The op rounded toward -inf or +inf by AVX-512 embedded rounding: no
 * MXCSR access (and no flags). */
static uint64_t fp_eval_down(FpKind k, double a, double b, double c)
{
    double r = c;
    switch (k) {
    case OP_ADD: asm("vaddsd %{rd-sae%}, %2, %1, %0" : "=x"(r) : "x"(a), "x"(b)); break;
    case OP_SUB: asm("vsubsd %{rd-sae%}, %2, %1, %0" : "=x"(r) : "x"(a), "x"(b)); break;
    case OP_MUL: asm("vmulsd %{rd-sae%}, %2, %1, %0" : "=x"(r) : "x"(a), "x"(b)); break;
    case OP_DIV: asm("vdivsd %{rd-sae%}, %2, %1, %0" : "=x"(r) : "x"(a), "x"(b)); break;
    default: asm("vfmadd231sd %{rd-sae%}, %2, %1, %0" : "+x"(r) : "x"(a), "x"(b)); break;
    }
    return d2u(r);
}

static uint64_t fp_eval_up(FpKind k, double a, double b, double c)
{
    double r = c;
    switch (k) {
    case OP_ADD: asm("vaddsd %{ru-sae%}, %2, %1, %0" : "=x"(r) : "x"(a), "x"(b)); break;
    case OP_SUB: asm("vsubsd %{ru-sae%}, %2, %1, %0" : "=x"(r) : "x"(a), "x"(b)); break;
    case OP_MUL: asm("vmulsd %{ru-sae%}, %2, %1, %0" : "=x"(r) : "x"(a), "x"(b)); break;
    case OP_DIV: asm("vdivsd %{ru-sae%}, %2, %1, %0" : "=x"(r) : "x"(a), "x"(b)); break;
    default: asm("vfmadd231sd %{ru-sae%}, %2, %1, %0" : "+x"(r) : "x"(a), "x"(b)); break;
    }
    return d2u(r);
}

/* The same without MXCSR, on a host with AVX-512: the exact result lies
 * between its roundings down and up, which are equal when it is exact;
 * its truncation is the one nearer zero (r's sign is the exact value's). */
uint32_t ppc_fp_fi_fr_evex(FpKind k, uint64_t a, uint64_t b, uint64_t c, uint64_t r)
{
    uint64_t rd = fp_eval_down(k, u2d(a), u2d(b), u2d(c));
    uint64_t ru = fp_eval_up(k, u2d(a), u2d(b), u2d(c));
    if (rd == ru) {
        return 0;
    }
    uint64_t rz = sign_of(r) ? ru : rd;
    return BIT(FPSCR_FI) | (rz != r ? BIT(FPSCR_FR) : 0);
}

bool ppc_fp_host_has_evex_rounding(void)
{
    return host_has_evex_rounding;
}

/* The fast path's other case, XX still clear (a program whose FP results
 * have all been exact so far, or that clears XX): on a host with AVX-512
 * the op's FI/FR come cheaply, so they are set at once, with XX (and FX)
 * if it was inexact; nothing else can change for a normal result. */
static bool fp_exact_ok(const CPUPPCState *env)
{
    return host_has_evex_rounding &&
           (env->fpscr & (3 | FPSCR_ENABLES | BIT(FPSCR_XX))) == 0;
}

static void fp_eager_done(CPUPPCState *env, FpKind k, uint64_t a, uint64_t b, uint64_t c,
                          uint64_t r)
{
    uint32_t fi_fr = ppc_fp_fi_fr_evex(k, a, b, c, r);
    env->fp_last.pending = 0;
    env->fpscr = (env->fpscr & ~(BIT(FPSCR_FR) | BIT(FPSCR_FI))) | fi_fr;
    if (fi_fr) {
        ppc_fpscr_raise(env, BIT(FPSCR_XX));
    }
    ppc_set_fprf(env, r);
}

static uint32_t fp_last_fi_fr(const CPUPPCState *env, FpKind k)
{
    if (host_has_evex_rounding) {
        return ppc_fp_fi_fr_evex(k, env->fp_last.a, env->fp_last.b, env->fp_last.c,
                                 env->fp_last.r);
    }
    return ppc_fp_fi_fr_mxcsr(k, env->fp_last.a, env->fp_last.b, env->fp_last.c,
                              env->fp_last.r);
}

uint32_t ppc_fpscr_get(CPUPPCState *env)
{
    if (env->fp_last.pending) {
        uint32_t p = env->fp_last.pending;
        FpKind k = (FpKind)((p & 0xff) - 1);
        env->fp_last.pending = 0;
        if (p & PPC_FP_LAST_FPRF) {
            ppc_set_fprf(env, env->fp_last.r);
        }
        env->fpscr = (env->fpscr & ~(BIT(FPSCR_FR) | BIT(FPSCR_FI))) | fp_last_fi_fr(env, k);
    }
    return env->fpscr;
}

uint32_t ppc_helper_mffs(CPUPPCState *env)
{
    return ppc_fpscr_get(env);
}

static uint64_t fp_binary(CPUPPCState *env, FpKind k, uint64_t a, uint64_t b, bool single,
                          uintptr_t ra)
{
    if (!single && (fp_fast_ok(env) || fp_exact_ok(env)) && is_normal(a) && is_normal(b)) {
        uint64_t r = d2u(fp_eval(k, u2d(a), u2d(b), 0));
        if (is_fast_result(r)) {
            if (fp_fast_ok(env)) {
                fp_fast_done(env, k, a, b, 0, r);
            } else {
                fp_eager_done(env, k, a, b, 0, r);
            }
            return r;
        }
    }
    fp_lazy_drop(env);
    uint32_t vx = 0;
    switch (k) {
    case OP_ADD: vx = vx_addsub(a, b, false); break;
    case OP_SUB: vx = vx_addsub(a, b, true); break;
    case OP_MUL: vx = vx_mul(a, b); break;
    case OP_DIV: vx = vx_div(a, b); break;
    default: break;
    }
    FpOut o = single ? fp_run_single(env, k, u2d(a), u2d(b), 0)
                     : fp_run(env, k, u2d(a), u2d(b), 0);
    uint64_t nans[2] = { a, b };
    FpOp op = { k, single, a, b, 0 };
    return fp_finish(env, &op, o, vx, nans, 2, ra);
}

uint64_t ppc_helper_fadd(CPUPPCState *env, uint64_t a, uint64_t b) { return fp_binary(env, OP_ADD, a, b, false, PPC_FP_RA()); }
uint64_t ppc_helper_fsub(CPUPPCState *env, uint64_t a, uint64_t b) { return fp_binary(env, OP_SUB, a, b, false, PPC_FP_RA()); }
uint64_t ppc_helper_fmul(CPUPPCState *env, uint64_t a, uint64_t c) { return fp_binary(env, OP_MUL, a, c, false, PPC_FP_RA()); }
uint64_t ppc_helper_fdiv(CPUPPCState *env, uint64_t a, uint64_t b) { return fp_binary(env, OP_DIV, a, b, false, PPC_FP_RA()); }
uint64_t ppc_helper_fadds(CPUPPCState *env, uint64_t a, uint64_t b) { return fp_binary(env, OP_ADD, a, b, true, PPC_FP_RA()); }
uint64_t ppc_helper_fsubs(CPUPPCState *env, uint64_t a, uint64_t b) { return fp_binary(env, OP_SUB, a, b, true, PPC_FP_RA()); }
uint64_t ppc_helper_fmuls(CPUPPCState *env, uint64_t a, uint64_t c) { return fp_binary(env, OP_MUL, a, c, true, PPC_FP_RA()); }
uint64_t ppc_helper_fdivs(CPUPPCState *env, uint64_t a, uint64_t b) { return fp_binary(env, OP_DIV, a, b, true, PPC_FP_RA()); }

static uint64_t fp_unary(CPUPPCState *env, FpKind k, uint64_t b, bool single, uintptr_t ra)
{
    fp_lazy_drop(env);
    uint32_t vx = 0;
    if (k == OP_SQRT || k == OP_RSQRT) {
        vx = vx_sqrt(b);
    }
    FpOut o = single ? fp_run_single(env, k, u2d(b), 0, 0) : fp_run(env, k, u2d(b), 0, 0);
    FpOp op = { k, single, b, 0, 0 };
    return fp_finish(env, &op, o, vx, &b, 1, ra);
}

uint64_t ppc_helper_fsqrt(CPUPPCState *env, uint64_t b) { return fp_unary(env, OP_SQRT, b, false, PPC_FP_RA()); }
uint64_t ppc_helper_fsqrts(CPUPPCState *env, uint64_t b) { return fp_unary(env, OP_SQRT, b, true, PPC_FP_RA()); }
uint64_t ppc_helper_fre(CPUPPCState *env, uint64_t b) { return fp_unary(env, OP_RECIP, b, false, PPC_FP_RA()); }
uint64_t ppc_helper_fres(CPUPPCState *env, uint64_t b) { return fp_unary(env, OP_RECIP, b, true, PPC_FP_RA()); }
uint64_t ppc_helper_frsqrte(CPUPPCState *env, uint64_t b) { return fp_unary(env, OP_RSQRT, b, false, PPC_FP_RA()); }

/* fmadd family. The negated forms round the negated exact result (so a
 * directed rounding mode applies to the final sign), computed as
 * fma(-a, c, -b'); an exact zero is the negation of the un-negated zero. */
static uint64_t fp_madd(CPUPPCState *env, uint64_t a, uint64_t c, uint64_t b,
                        uint32_t op, bool single, uintptr_t ra)
{
    bool sub = op & 1, negate = op & 2;
    uint64_t nb = sub ? b ^ (1ull << 63) : b;
    uint32_t vx = vx_mul(a, c);
    if (!vx && !is_nan(a) && !is_nan(c) && is_inf(b) && (is_inf(a) || is_inf(c)) &&
        (sign_of(a) ^ sign_of(c)) != sign_of(nb)) {
        vx = BIT(FPSCR_VXISI);
    }
    uint64_t sa = negate ? a ^ (1ull << 63) : a;
    uint64_t sb = negate ? nb ^ (1ull << 63) : nb;
    if (!single && (fp_fast_ok(env) || fp_exact_ok(env)) && is_normal(a) && is_normal(b) &&
        is_normal(c)) {
        uint64_t r = d2u(fp_eval(OP_FMA, u2d(sa), u2d(c), u2d(sb)));
        if (is_fast_result(r)) {
            if (fp_fast_ok(env)) {
                fp_fast_done(env, OP_FMA, sa, c, sb, r);
            } else {
                fp_eager_done(env, OP_FMA, sa, c, sb, r);
            }
            return r;
        }
    }
    fp_lazy_drop(env);
    FpOut o = single ? fp_run_single(env, OP_FMA, u2d(sa), u2d(c), u2d(sb))
                     : fp_run(env, OP_FMA, u2d(sa), u2d(c), u2d(sb));
    if (negate && is_zero(o.r) && !(o.flags & FE_INEXACT)) {
        FpOut z = fp_run(env, OP_FMA, u2d(a), u2d(c), u2d(nb));
        o.r = o.rz = z.r ^ (1ull << 63);
    }
    uint64_t nans[3] = { a, b, c };
    FpOp fop = { OP_FMA, single, sa, c, sb };
    return fp_finish(env, &fop, o, vx, nans, 3, ra);
}

uint64_t ppc_helper_fmadd(CPUPPCState *env, uint64_t a, uint64_t c, uint64_t b, uint32_t op)
{
    return fp_madd(env, a, c, b, op, false, PPC_FP_RA());
}

uint64_t ppc_helper_fmadds(CPUPPCState *env, uint64_t a, uint64_t c, uint64_t b, uint32_t op)
{
    return fp_madd(env, a, c, b, op, true, PPC_FP_RA());
}

uint64_t ppc_helper_frsp(CPUPPCState *env, uint64_t b)
{
    ppc_fpscr_get(env);
    uint32_t vx = is_snan(b) ? BIT(FPSCR_VXSNAN) : 0;
    FpOut o;
    uint32_t saved = mxcsr_read();
    volatile double x = u2d(b);
    mxcsr_write(ppc_mxcsr_mode(env));
    volatile float r = (float)x;
    o.flags = mxcsr_read() & MXCSR_FLAGS;
    mxcsr_write(mxcsr_toward_zero);
    volatile float rz = (float)x;
    mxcsr_write(saved);
    o.r = d2u((double)r);
    o.rz = d2u((double)rz);
    FpOp op = { OP_FRSP, true, b, 0, 0 };
    return fp_finish(env, &op, o, vx, &b, 1, PPC_FP_RA());
}

uint64_t ppc_helper_fsel(CPUPPCState *env, uint64_t a, uint64_t c, uint64_t b)
{
    return (!is_nan(a) && (is_zero(a) || !sign_of(a))) ? c : b;
}

/* fctiw/fctiwz. The upper word of frD is undefined by the architecture;
 * like Debian's qemu-ppc we sign-extend the result, except for NaN inputs
 * (0x80000000 zero-extended), and an invalid conversion sets FPRF to the
 * quiet-NaN class. */
uint64_t ppc_helper_fctiw(CPUPPCState *env, uint64_t b, uint32_t round_to_zero)
{
    ppc_fpscr_get(env);
    uint32_t vx = 0;
    int32_t r;
    env->fpscr &= ~(BIT(FPSCR_FR) | BIT(FPSCR_FI));
    if (is_nan(b)) {
        vx = BIT(FPSCR_VXCVI) | (is_snan(b) ? BIT(FPSCR_VXSNAN) : 0);
        r = INT32_MIN;
    } else {
        int saved = fegetround();
        fesetround(round_to_zero ? FE_TOWARDZERO : ppc_host_round(env));
        volatile double x = u2d(b);
        double ri = nearbyint(x);
        fesetround(saved);
        if (ri >= 2147483648.0) {
            vx = BIT(FPSCR_VXCVI);
            r = INT32_MAX;
        } else if (ri < -2147483648.0) {
            vx = BIT(FPSCR_VXCVI);
            r = INT32_MIN;
        } else {
            r = (int32_t)ri;
            if (ri != x) {
                env->fpscr |= BIT(FPSCR_FI);
                if (fabs(ri) > fabs(x)) {
                    env->fpscr |= BIT(FPSCR_FR);
                }
                ppc_fpscr_raise(env, BIT(FPSCR_XX));
            }
        }
    }
    if (vx) {
        ppc_fpscr_raise(env, vx);
        if (env->fpscr & BIT(FPSCR_VE)) {
            return ppc_fp_invalid_enabled(env, PPC_FP_RA());
        }
        ppc_set_fprf(env, ppc_default_nan);
    }
    ppc_fpscr_update_summary(env);
    uint64_t result = is_nan(b) ? (uint32_t)r : (uint64_t)(int64_t)r;
    if (env->fpscr & FPSCR_ENABLES) {
        uint32_t occurred = vx ? BIT(FPSCR_VX) : (env->fpscr & BIT(FPSCR_FI)) ? BIT(FPSCR_XX) : 0;
        ppc_fp_check_interrupt(env, occurred, result, true, PPC_FP_RA());
    }
    return result;
}

uint32_t ppc_helper_fcmp(CPUPPCState *env, uint64_t a, uint64_t b, uint32_t crf, uint32_t ordered)
{
    uint32_t c, vx = 0;
    if (env->fp_last.pending & PPC_FP_LAST_FPRF) {
        /* the recorded op's result is normal: FPRF's C bit is 0; its
         * FI/FR stay lazy (a compare does not change them) */
        env->fp_last.pending &= ~PPC_FP_LAST_FPRF;
        env->fpscr &= ~(0x10u << FPSCR_FPRF);
    }
    if (is_nan(a) || is_nan(b)) {
        ppc_fpscr_get(env);
        c = 1;
        bool snan = is_snan(a) || is_snan(b);
        if (snan) {
            vx |= BIT(FPSCR_VXSNAN);
        }
        if (ordered && (!snan || !(env->fpscr & BIT(FPSCR_VE)))) {
            vx |= BIT(FPSCR_VXVC);
        }
        if (vx) {
            ppc_fpscr_raise(env, vx);
        }
        if (vx & BIT(FPSCR_VXVC)) {
            c |= 0x10;   /* as qemu-ppc: FPRF = quiet-NaN class + unordered */
        }
    } else {
        double x = u2d(a), y = u2d(b);
        c = x < y ? 8 : x > y ? 4 : 2;
    }
    /* FPCC only: the C bit of FPRF keeps the class of the last result
     * (Book I, fcmpu/fcmpo alter FPCC), except after VXVC */
    uint32_t fprf_mask = (c & 0x10 ? 0x1fu : 0xfu) << FPSCR_FPRF;
    env->fpscr = (env->fpscr & ~fprf_mask) | (c << FPSCR_FPRF);
    env->crf[crf] = c & 15;
    if (vx) {
        ppc_fpscr_update_summary(env);
        if (env->fpscr & BIT(FPSCR_VE)) {
            ppc_fp_check_interrupt(env, BIT(FPSCR_VX), 0, false, PPC_FP_RA());
        }
    }
    return c & 15;
}

void ppc_helper_mtfsf(CPUPPCState *env, uint64_t val, uint32_t mask)
{
    /* Fields 3 and 4 hold FR, FI and FPRF, the lazy part of FPSCR: both
     * written, nothing of the last op remains; neither, it stays lazy. */
    if ((mask & 0x18) == 0x18) {
        fp_lazy_drop(env);
    } else if (mask & 0x18) {
        ppc_fpscr_get(env);
    }
    uint32_t v = (uint32_t)val, m = 0;
    for (int f = 0; f < 8; f++) {
        if (mask & (0x80 >> f)) {
            m |= 0xfu << (28 - 4 * f);
        }
    }
    /* FEX and VX are summaries and cannot be set directly. */
    m &= ~(BIT(FPSCR_FEX) | BIT(FPSCR_VX));
    uint32_t old = env->fpscr;
    env->fpscr = (env->fpscr & ~m) | (v & m);
    ppc_fpscr_update_summary(env);
    ppc_fp_check_fex_set(env, old, PPC_FP_RA());
}

void ppc_helper_mtfsb(CPUPPCState *env, uint32_t bit, uint32_t set)
{
    ppc_fpscr_get(env);
    uint32_t b = BIT(31 - bit);
    if (b & (BIT(FPSCR_FEX) | BIT(FPSCR_VX))) {
        return;
    }
    uint32_t old = env->fpscr;
    if (set) {
        /* sets only the bit: FX is not raised (as on Debian's qemu-ppc) */
        env->fpscr |= b;
    } else {
        env->fpscr &= ~b;
    }
    ppc_fpscr_update_summary(env);
    ppc_fp_check_fex_set(env, old, PPC_FP_RA());
}

void ppc_helper_mcrfs(CPUPPCState *env, uint32_t crfd, uint32_t crfs)
{
    ppc_fpscr_get(env);
    int shift = 28 - 4 * crfs;
    env->crf[crfd] = (env->fpscr >> shift) & 0xf;
    /* the exception bits copied are cleared (not FEX, VX) */
    uint32_t clear = (0xfu << shift) & (FPSCR_EXC_ALL | BIT(FPSCR_FX));
    env->fpscr &= ~clear;
    ppc_fpscr_update_summary(env);
}

/* lfs: the single is widened bit by bit (SNaNs stay signalling). */
uint64_t ppc_helper_lfs(uint32_t bits)
{
    uint32_t exp = (bits >> 23) & 0xff;
    uint64_t sign = (uint64_t)(bits >> 31) << 63;
    uint64_t frac = bits & 0x7fffff;
    if (exp == 0xff) {
        return sign | 0x7ff0000000000000ull | (frac << 29);
    }
    if (exp == 0 && frac == 0) {
        return sign;
    }
    return d2u((double)u2f(bits)); /* normal or denormal: exact */
}

/* stfs: the double is narrowed bit by bit, without rounding. Below the
 * single denormal range the result is undefined; like Debian's qemu-ppc
 * we store a zero of the same sign. */
uint32_t ppc_helper_stfs(uint64_t bits)
{
    uint32_t exp = (bits >> 52) & 0x7ff;
    uint32_t sign = (uint32_t)(bits >> 63) << 31;
    if (exp > 896 || (bits & 0x7fffffffffffffffull) == 0) {
        return sign | ((uint32_t)(bits >> 32) & 0x40000000) |
               ((uint32_t)(bits >> 29) & 0x3fffffff);
    }
    if (exp >= 874) {
        /* a single denormal: shift the implicit-one mantissa right */
        uint64_t mant = (bits & 0x000fffffffffffffull) | 0x0010000000000000ull;
        return sign | (uint32_t)(mant >> (29 + 897 - exp));
    }
    return sign;
}

#define FP_HELPER(fn, nargs_desc...) TCG_HELPER(fn, TCG_CALL_SIDE_EFFECTS, TCG_HT_I64, nargs_desc)
TCGHelperInfo ppc_helper_fadd_info = FP_HELPER(ppc_helper_fadd, TCG_HT_PTR, TCG_HT_I64, TCG_HT_I64);
TCGHelperInfo ppc_helper_fsub_info = FP_HELPER(ppc_helper_fsub, TCG_HT_PTR, TCG_HT_I64, TCG_HT_I64);
TCGHelperInfo ppc_helper_fmul_info = FP_HELPER(ppc_helper_fmul, TCG_HT_PTR, TCG_HT_I64, TCG_HT_I64);
TCGHelperInfo ppc_helper_fdiv_info = FP_HELPER(ppc_helper_fdiv, TCG_HT_PTR, TCG_HT_I64, TCG_HT_I64);
TCGHelperInfo ppc_helper_fadds_info = FP_HELPER(ppc_helper_fadds, TCG_HT_PTR, TCG_HT_I64, TCG_HT_I64);
TCGHelperInfo ppc_helper_fsubs_info = FP_HELPER(ppc_helper_fsubs, TCG_HT_PTR, TCG_HT_I64, TCG_HT_I64);
TCGHelperInfo ppc_helper_fmuls_info = FP_HELPER(ppc_helper_fmuls, TCG_HT_PTR, TCG_HT_I64, TCG_HT_I64);
TCGHelperInfo ppc_helper_fdivs_info = FP_HELPER(ppc_helper_fdivs, TCG_HT_PTR, TCG_HT_I64, TCG_HT_I64);
TCGHelperInfo ppc_helper_fsqrt_info = FP_HELPER(ppc_helper_fsqrt, TCG_HT_PTR, TCG_HT_I64);
TCGHelperInfo ppc_helper_fsqrts_info = FP_HELPER(ppc_helper_fsqrts, TCG_HT_PTR, TCG_HT_I64);
TCGHelperInfo ppc_helper_fre_info = FP_HELPER(ppc_helper_fre, TCG_HT_PTR, TCG_HT_I64);
TCGHelperInfo ppc_helper_fres_info = FP_HELPER(ppc_helper_fres, TCG_HT_PTR, TCG_HT_I64);
TCGHelperInfo ppc_helper_frsqrte_info = FP_HELPER(ppc_helper_frsqrte, TCG_HT_PTR, TCG_HT_I64);
TCGHelperInfo ppc_helper_frsp_info = FP_HELPER(ppc_helper_frsp, TCG_HT_PTR, TCG_HT_I64);
TCGHelperInfo ppc_helper_fsel_info = TCG_HELPER(ppc_helper_fsel, TCG_CALL_PURE, TCG_HT_I64, TCG_HT_PTR, TCG_HT_I64, TCG_HT_I64, TCG_HT_I64);
TCGHelperInfo ppc_helper_fmadd_info = FP_HELPER(ppc_helper_fmadd, TCG_HT_PTR, TCG_HT_I64, TCG_HT_I64, TCG_HT_I64, TCG_HT_I32);
TCGHelperInfo ppc_helper_fmadds_info = FP_HELPER(ppc_helper_fmadds, TCG_HT_PTR, TCG_HT_I64, TCG_HT_I64, TCG_HT_I64, TCG_HT_I32);
TCGHelperInfo ppc_helper_fctiw_info = FP_HELPER(ppc_helper_fctiw, TCG_HT_PTR, TCG_HT_I64, TCG_HT_I32);
/* fcmp returns the CR field's value; the generated code writes it. */
TCGHelperInfo ppc_helper_fcmp_info = TCG_HELPER(ppc_helper_fcmp, TCG_CALL_SIDE_EFFECTS, TCG_HT_I32, TCG_HT_PTR, TCG_HT_I64, TCG_HT_I64, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo ppc_helper_mtfsf_info = TCG_HELPER(ppc_helper_mtfsf, TCG_CALL_SIDE_EFFECTS, TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I64, TCG_HT_I32);
TCGHelperInfo ppc_helper_mtfsb_info = TCG_HELPER(ppc_helper_mtfsb, TCG_CALL_SIDE_EFFECTS, TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo ppc_helper_mcrfs_info = TCG_HELPER(ppc_helper_mcrfs, TCG_CALL_WRITES_GLOBALS | TCG_CALL_SIDE_EFFECTS, TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo ppc_helper_mffs_info = TCG_HELPER(ppc_helper_mffs, TCG_CALL_SIDE_EFFECTS, TCG_HT_I32, TCG_HT_PTR);
TCGHelperInfo ppc_helper_lfs_info = TCG_HELPER(ppc_helper_lfs, TCG_CALL_PURE, TCG_HT_I64, TCG_HT_I32);
TCGHelperInfo ppc_helper_stfs_info = TCG_HELPER(ppc_helper_stfs, TCG_CALL_PURE, TCG_HT_I32, TCG_HT_I64);

/* The helpers that may raise the FP program interrupt, and their raising
 * copies (same function, flags | TCG_CALL_MAY_RAISE). */
static TCGHelperInfo *const ppc_fp_raising_src[] = {
    &ppc_helper_fadd_info, &ppc_helper_fsub_info, &ppc_helper_fmul_info,
    &ppc_helper_fdiv_info, &ppc_helper_fadds_info, &ppc_helper_fsubs_info,
    &ppc_helper_fmuls_info, &ppc_helper_fdivs_info, &ppc_helper_fsqrt_info,
    &ppc_helper_fsqrts_info, &ppc_helper_fre_info, &ppc_helper_fres_info,
    &ppc_helper_frsqrte_info, &ppc_helper_frsp_info, &ppc_helper_fmadd_info,
    &ppc_helper_fmadds_info, &ppc_helper_fctiw_info, &ppc_helper_fcmp_info,
    &ppc_helper_mtfsf_info, &ppc_helper_mtfsb_info,
};
enum { PPC_FP_NB_RAISING = sizeof(ppc_fp_raising_src) / sizeof(ppc_fp_raising_src[0]) };
static TCGHelperInfo ppc_fp_raising[PPC_FP_NB_RAISING];

void ppc_fp_init_raising_helpers(void)
{
    for (int i = 0; i < PPC_FP_NB_RAISING; i++) {
        ppc_fp_raising[i] = *ppc_fp_raising_src[i];
        ppc_fp_raising[i].flags |= TCG_CALL_MAY_RAISE;
        ppc_fp_raising[i].cif = NULL;
    }
}

TCGHelperInfo *ppc_fp_raising_helper(TCGHelperInfo *info)
{
    for (int i = 0; i < PPC_FP_NB_RAISING; i++) {
        if (ppc_fp_raising_src[i] == info) {
            return &ppc_fp_raising[i];
        }
    }
    return info;
}
