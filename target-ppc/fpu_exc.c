/*
 * Enabled floating-point exceptions of the PowerPC FPU (Book I, 4.4):
 * with VE or ZE set the target FPR keeps its value; with OE or UE set it
 * gets the result scaled by 2^-/+1536 (single: 192) and rounded; with XE
 * the usual result. When MSR[FE0,FE1] is set too (prctl PR_SET_FPEXC),
 * an op that causes an enabled exception raises the FP program interrupt
 * at its own address after it completes. Only blocks with PPC_TBF_FPEXC
 * get here (translate-fp.c), so the usual path pays nothing.
 */
#include "exec/exec-all.h"
#include "target-ppc/fpu_internal.h"

/* The destination FPR of the op being run (set by translate-fp.c). */
static uint64_t *fp_dest_reg(CPUPPCState *env)
{
    return &env->fpr[env->fp_dest & 31];
}

/* The FP program interrupt at the current instruction, after it. */
static _Noreturn void fp_interrupt(CPUPPCState *env, uintptr_t ra)
{
    if (env->fp_dest & 0x100) {
        env->crf[1] = env->fpscr >> 28;     /* record form: CR1 */
    }
    env->cs.exception_index = POWERPC_EXCP_PROGRAM;
    env->cs.error_code = POWERPC_PROG_FP;
    cpu_loop_exit_restore(&env->cs, tcg_interp_pc ? tcg_interp_pc : ra - 1);
}

void ppc_fp_check_fex_set(CPUPPCState *env, uint32_t old_fpscr, uintptr_t ra)
{
    if ((env->fpscr & ~old_fpscr & BIT(FPSCR_FEX)) && (env->msr & (MSR_FE0 | MSR_FE1))) {
        fp_interrupt(env, ra);
    }
}

void ppc_fp_check_interrupt(CPUPPCState *env, uint32_t occurred, uint64_t result,
                            bool writes_frd, uintptr_t ra)
{
    if (!(env->msr & (MSR_FE0 | MSR_FE1))) {
        return;
    }
    uint32_t f = env->fpscr;
    bool hit = ((occurred & BIT(FPSCR_VX)) && (f & BIT(FPSCR_VE))) ||
               ((occurred & BIT(FPSCR_OX)) && (f & BIT(FPSCR_OE))) ||
               ((occurred & BIT(FPSCR_UX)) && (f & BIT(FPSCR_UE))) ||
               ((occurred & BIT(FPSCR_ZX)) && (f & BIT(FPSCR_ZE))) ||
               ((occurred & BIT(FPSCR_XX)) && (f & BIT(FPSCR_XE)));
    if (!hit) {
        return;
    }
    /* The instruction completes: frD and, for a record form, CR1. */
    if (writes_frd) {
        *fp_dest_reg(env) = result;
    }
    fp_interrupt(env, ra);
}

/* VE or ZE: frD, FPRF unchanged; FR, FI cleared (by the caller). */
static uint64_t fp_suppressed(CPUPPCState *env, uint32_t occurred, uintptr_t ra)
{
    uint64_t old = *fp_dest_reg(env);
    ppc_fpscr_update_summary(env);
    ppc_fp_check_interrupt(env, occurred, old, false, ra);
    return old;
}

uint64_t ppc_fp_invalid_enabled(CPUPPCState *env, uintptr_t ra)
{
    return fp_suppressed(env, BIT(FPSCR_VX), ra);
}

/*
 * The exact result of op, rounded to odd in binary128: toward zero, with
 * the lowest of its 113 significand bits set when inexact. A double or
 * single rounding of it (after an exact scaling by a power of two) is
 * then the correct rounding of the exact result, since 113 >= 53 + 2.
 * Products of doubles are exact in binary128; the host's binary128
 * arithmetic (libgcc) follows MXCSR's rounding mode and inexact flag.
 */
/* binary128 through __float128, which GCC and clang (the fuzz build)
 * both know on x86-64; the arithmetic is libgcc's. */
typedef __float128 ppc_f128;

static ppc_f128 fp_exact_odd(const FpOp *op)
{
    volatile ppc_f128 a = u2d(op->a), b = u2d(op->b), c = u2d(op->c);
    volatile ppc_f128 x;
    uint32_t saved = mxcsr_read();
    mxcsr_write(MXCSR_TOWARD_ZERO);
    switch (op->k) {
    case OP_ADD: x = a + b; break;
    case OP_SUB: x = a - b; break;
    case OP_MUL: x = a * b; break;
    case OP_DIV: x = a / b; break;
    case OP_FMA: x = a * b; x = x + c; break;
    case OP_RECIP: x = 1 / a; break;
    default: x = a; break;   /* frsp; sqrt forms never overflow or underflow */
    }
    bool inexact = (mxcsr_read() & FE_INEXACT) != 0;
    mxcsr_write(saved);
    ppc_f128 r = x;
    if (inexact) {
        uint64_t w[2];
        memcpy(w, &r, 16);
        w[0] |= 1;                  /* the low half (little-endian host) */
        memcpy(&r, w, 16);
    }
    return r;
}

/* OE/UE: the exact result times 2^-e (overflow) or 2^e (underflow),
 * e = 1536 for double and 192 for single results, rounded in the guest
 * mode to the op's precision. */
static FpOut fp_scaled(CPUPPCState *env, const FpOp *op, bool underflow)
{
    /* 2^±1536 is outside double's range: a product of two exact halves. */
    ppc_f128 scale = op->single ? (underflow ? (ppc_f128)0x1p192 : (ppc_f128)0x1p-192)
                                : (underflow ? (ppc_f128)0x1p768 * 0x1p768
                                             : (ppc_f128)0x1p-768 * 0x1p-768);
    volatile ppc_f128 y = fp_exact_odd(op) * scale;
    FpOut o;
    uint32_t saved = mxcsr_read();
    mxcsr_write(ppc_mxcsr_mode(env));
    if (op->single) {
        volatile float r = (float)y;
        o.flags = mxcsr_read() & MXCSR_FLAGS;
        mxcsr_write(MXCSR_TOWARD_ZERO);
        volatile float rz = (float)y;
        o.r = d2u((double)r);
        o.rz = d2u((double)rz);
    } else {
        volatile double r = (double)y;
        o.flags = mxcsr_read() & MXCSR_FLAGS;
        mxcsr_write(MXCSR_TOWARD_ZERO);
        volatile double rz = (double)y;
        o.r = d2u(r);
        o.rz = d2u(rz);
    }
    mxcsr_write(saved);
    return o;
}

/* Tiny before rounding (the enabled underflow condition, which does not
 * need loss of accuracy), judged from the rounded results. */
static bool fp_tiny(FpOut o, bool single)
{
    uint64_t min = single ? 0x3810000000000000ull : 0x0010000000000000ull;
    uint64_t mag = o.r & ~(1ull << 63), mag_rz = o.rz & ~(1ull << 63);
    bool inexact = (o.flags & FE_INEXACT) != 0;
    if (mag == 0) {
        return inexact;             /* a nonzero value rounded to zero */
    }
    if (mag < min) {
        return true;
    }
    return mag == min && inexact && mag_rz < min;
}

uint64_t ppc_fp_enabled_result(CPUPPCState *env, const FpOp *op, FpOut o,
                               uint32_t bits, uintptr_t ra)
{
    uint32_t en = env->fpscr;
    if ((bits & BIT(FPSCR_ZX)) && (en & BIT(FPSCR_ZE))) {
        ppc_fpscr_raise(env, BIT(FPSCR_ZX));
        return fp_suppressed(env, BIT(FPSCR_ZX), ra);
    }
    if ((bits & BIT(FPSCR_OX)) && (en & BIT(FPSCR_OE))) {
        o = fp_scaled(env, op, false);
        bits = BIT(FPSCR_OX);
    } else if ((en & BIT(FPSCR_UE)) && fp_tiny(o, op->single)) {
        o = fp_scaled(env, op, true);
        bits = BIT(FPSCR_UX);
    }
    if (o.flags & FE_INEXACT) {
        bits |= BIT(FPSCR_XX);
        env->fpscr |= BIT(FPSCR_FI);
        if (o.r != o.rz) {
            env->fpscr |= BIT(FPSCR_FR);
        }
    }
    ppc_fpscr_raise(env, bits);
    ppc_set_fprf(env, o.r);
    ppc_fpscr_update_summary(env);
    ppc_fp_check_interrupt(env, bits, o.r, true, ra);
    return o.r;
}
