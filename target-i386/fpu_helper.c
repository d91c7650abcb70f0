/*
 * The x87 helpers of the i386 guest. Every rounding step runs on the host's
 * own x87 under the guest's control word, so results, flags and C0-C3 are
 * those of real hardware; this file keeps the stack, tags and images.
 * The policy is written down in docs/x87.md.
 */
#include <assert.h>
#include <string.h>
#include "target-i386/x87.h"

/* ---------------------------------------------------------------------
 * The host x87 runner. One template, two ways in:
 *  - fast (guest exceptions all masked, the common case): empty the host
 *    stack (EMMS; the helper has synced the live FPU, x87_sync, so it is
 *    empty already unless something broke the rule),
 *    load the guest control word, push in1 then in0, run the instruction, read the status
 *    word, restore the host control word and pop what the instruction left
 *    (its stack effect is fixed when exceptions are masked). The host's
 *    exception flags are not cleared: they are tracked (fp_host_flags)
 *    and cleared only when they are not a subset of the guest's.
 *  - exact (an exception unmasked, or an instruction whose stack effect or
 *    untouched condition bits depend on the data: FPREM, FPREM1, FPTAN,
 *    FSINCOS): fldenv the guest control word and C0..C3 with no exception
 *    pending, run, fnclex so nothing is delivered on the host, fninit.
 * FLDENV, FNINIT and FNCLEX cost 60-140 ns each and FNSTSW 18 ns on the
 * hosts measured, hence the fast way and its single FNSTSW.
 * The host control word outside helpers is the SysV default 0x037F.
 * ------------------------------------------------------------------- */

typedef struct X87Host {
    uint16_t fenv[14];          /* 28-byte fldenv image (exact way) */
    FPReg in0, in1;             /* host ST(0) and ST(1) before the op */
    FPReg out0, out1;           /* host ST(0) and ST(1) after it */
    uint8_t mem[16];            /* memory operand or memory result */
    uint16_t sw;                /* host status word after the op */
    uint16_t cw;                /* control word of the fast way */
    uint8_t exact;              /* which way */
    uint8_t zf, pf, cf;         /* EFLAGS after the op (FCOMI) */
} X87Host;

static const uint16_t x87_host_default_cw = 0x037f;

/* env->fp_host_flags: exception flags the host x87 may have up (the fast
 * way leaves them); unknown (all) after x87_reset, none after a sync of
 * the live FPU (FNSAVE initialises it). */

/* Host operations. The five groups of eight follow the reg field of
 * D8 (add mul com com sub subr div divr) for ST(1), m32fp, m64fp, m16int
 * and m32int operands. */
enum {
    XH_REG = 0, XH_M32 = 8, XH_M64 = 16, XH_I16 = 24, XH_I32 = 32,
    XH_FUCOM = 40, XH_FCOMI, XH_FUCOMI, XH_FTST, XH_FXAM,
    XH_FLDS, XH_FLDL, XH_FILDS, XH_FILDL, XH_FILDQ, XH_FBLD,
    XH_FLD1, XH_FLDL2T, XH_FLDL2E, XH_FLDPI, XH_FLDLG2, XH_FLDLN2, XH_FLDZ,
    XH_FSTPS, XH_FSTPL, XH_FISTPS, XH_FISTPL, XH_FISTPQ, XH_FBSTP,
    XH_FISTTPS, XH_FISTTPL, XH_FISTTPQ,
    XH_F2XM1, XH_FYL2X, XH_FPTAN, XH_FPATAN, XH_FXTRACT, XH_FPREM1,
    XH_FPREM, XH_FYL2XP1, XH_FSQRT, XH_FSINCOS, XH_FRNDINT, XH_FSCALE,
    XH_FSIN, XH_FCOS,
};

/* What the instruction leaves on the host stack (exceptions masked): its
 * two operands (or one result over in1), one value, or three. The tail
 * pops exactly that, so no store ever touches an empty register. */
#define X87_KEEP2 "fstpt %[out0]\n\tfstpt %[out1]"
#define X87_KEEP1 "fstpt %[out0]"
#define X87_KEEP3 "fstpt %[out0]\n\tfstpt %[out1]\n\tfstp %%st(0)"

/* The template around one host instruction (insn and tail are string
 * literals; the operands named here are the only ones they may use). */
#define X87_HOST_ASM(h, insn, tail)                                        \
    __asm__ volatile("cmpb $0, %[exact]\n\t"                               \
                     "jne 1f\n\t"                                          \
                     "emms\n\t"                                            \
                     "fldcw %[cw]\n\t"                                     \
                     "jmp 2f\n"                                             \
                     "1:\tfldenv %[fenv]\n"                                \
                     "2:\tfldt %[in1]\n\t"                                 \
                     "fldt %[in0]\n\t"                                     \
                     insn "\n\t"                                           \
                     "setz %[zf]\n\t"                                      \
                     "setp %[pf]\n\t"                                      \
                     "setc %[cf]\n\t"                                      \
                     "fnstsw %[sw]\n\t"                                    \
                     "cmpb $0, %[exact]\n\t"                               \
                     "je 3f\n\t"                                           \
                     "fnclex\n"                                            \
                     "3:\tfldcw %[hcw]\n\t"                                \
                     tail "\n\t"                                           \
                     "cmpb $0, %[exact]\n\t"                               \
                     "je 4f\n\t"                                           \
                     "fninit\n\t"                                          \
                     "fldcw %[hcw]\n"                                      \
                     "4:"                                                  \
                     : [sw] "=m"((h)->sw),                                 \
                       [out0] "=m"((h)->out0), [out1] "=m"((h)->out1),     \
                       [zf] "=m"((h)->zf), [pf] "=m"((h)->pf),             \
                       [cf] "=m"((h)->cf), [mem] "+m"((h)->mem)            \
                     : [fenv] "m"((h)->fenv), [in0] "m"((h)->in0),         \
                       [in1] "m"((h)->in1), [cw] "m"((h)->cw),             \
                       [exact] "m"((h)->exact),                            \
                       [hcw] "m"(x87_host_default_cw)                      \
                     : "cc", "memory")

static void x87_host_exec(X87Host *h, int op)
{
    switch (op) {
    case XH_REG + 0: X87_HOST_ASM(h, "fadd %%st(1), %%st", X87_KEEP2); break;
    case XH_REG + 1: X87_HOST_ASM(h, "fmul %%st(1), %%st", X87_KEEP2); break;
    case XH_REG + 2: X87_HOST_ASM(h, "fcom %%st(1)", X87_KEEP2); break;
    case XH_REG + 3: X87_HOST_ASM(h, "fcom %%st(1)", X87_KEEP2); break;
    case XH_REG + 4: X87_HOST_ASM(h, "fsub %%st(1), %%st", X87_KEEP2); break;
    case XH_REG + 5: X87_HOST_ASM(h, "fsubr %%st(1), %%st", X87_KEEP2); break;
    case XH_REG + 6: X87_HOST_ASM(h, "fdiv %%st(1), %%st", X87_KEEP2); break;
    case XH_REG + 7: X87_HOST_ASM(h, "fdivr %%st(1), %%st", X87_KEEP2); break;
    case XH_M32 + 0: X87_HOST_ASM(h, "fadds %[mem]", X87_KEEP2); break;
    case XH_M32 + 1: X87_HOST_ASM(h, "fmuls %[mem]", X87_KEEP2); break;
    case XH_M32 + 2: X87_HOST_ASM(h, "fcoms %[mem]", X87_KEEP2); break;
    case XH_M32 + 3: X87_HOST_ASM(h, "fcoms %[mem]", X87_KEEP2); break;
    case XH_M32 + 4: X87_HOST_ASM(h, "fsubs %[mem]", X87_KEEP2); break;
    case XH_M32 + 5: X87_HOST_ASM(h, "fsubrs %[mem]", X87_KEEP2); break;
    case XH_M32 + 6: X87_HOST_ASM(h, "fdivs %[mem]", X87_KEEP2); break;
    case XH_M32 + 7: X87_HOST_ASM(h, "fdivrs %[mem]", X87_KEEP2); break;
    case XH_M64 + 0: X87_HOST_ASM(h, "faddl %[mem]", X87_KEEP2); break;
    case XH_M64 + 1: X87_HOST_ASM(h, "fmull %[mem]", X87_KEEP2); break;
    case XH_M64 + 2: X87_HOST_ASM(h, "fcoml %[mem]", X87_KEEP2); break;
    case XH_M64 + 3: X87_HOST_ASM(h, "fcoml %[mem]", X87_KEEP2); break;
    case XH_M64 + 4: X87_HOST_ASM(h, "fsubl %[mem]", X87_KEEP2); break;
    case XH_M64 + 5: X87_HOST_ASM(h, "fsubrl %[mem]", X87_KEEP2); break;
    case XH_M64 + 6: X87_HOST_ASM(h, "fdivl %[mem]", X87_KEEP2); break;
    case XH_M64 + 7: X87_HOST_ASM(h, "fdivrl %[mem]", X87_KEEP2); break;
    case XH_I16 + 0: X87_HOST_ASM(h, "fiadds %[mem]", X87_KEEP2); break;
    case XH_I16 + 1: X87_HOST_ASM(h, "fimuls %[mem]", X87_KEEP2); break;
    case XH_I16 + 2: X87_HOST_ASM(h, "ficoms %[mem]", X87_KEEP2); break;
    case XH_I16 + 3: X87_HOST_ASM(h, "ficoms %[mem]", X87_KEEP2); break;
    case XH_I16 + 4: X87_HOST_ASM(h, "fisubs %[mem]", X87_KEEP2); break;
    case XH_I16 + 5: X87_HOST_ASM(h, "fisubrs %[mem]", X87_KEEP2); break;
    case XH_I16 + 6: X87_HOST_ASM(h, "fidivs %[mem]", X87_KEEP2); break;
    case XH_I16 + 7: X87_HOST_ASM(h, "fidivrs %[mem]", X87_KEEP2); break;
    case XH_I32 + 0: X87_HOST_ASM(h, "fiaddl %[mem]", X87_KEEP2); break;
    case XH_I32 + 1: X87_HOST_ASM(h, "fimull %[mem]", X87_KEEP2); break;
    case XH_I32 + 2: X87_HOST_ASM(h, "ficoml %[mem]", X87_KEEP2); break;
    case XH_I32 + 3: X87_HOST_ASM(h, "ficoml %[mem]", X87_KEEP2); break;
    case XH_I32 + 4: X87_HOST_ASM(h, "fisubl %[mem]", X87_KEEP2); break;
    case XH_I32 + 5: X87_HOST_ASM(h, "fisubrl %[mem]", X87_KEEP2); break;
    case XH_I32 + 6: X87_HOST_ASM(h, "fidivl %[mem]", X87_KEEP2); break;
    case XH_I32 + 7: X87_HOST_ASM(h, "fidivrl %[mem]", X87_KEEP2); break;
    case XH_FUCOM: X87_HOST_ASM(h, "fucom %%st(1)", X87_KEEP2); break;
    case XH_FCOMI: X87_HOST_ASM(h, "fcomi %%st(1), %%st", X87_KEEP2); break;
    case XH_FUCOMI: X87_HOST_ASM(h, "fucomi %%st(1), %%st", X87_KEEP2); break;
    case XH_FTST: X87_HOST_ASM(h, "ftst", X87_KEEP2); break;
    case XH_FXAM: X87_HOST_ASM(h, "fxam", X87_KEEP2); break;
    case XH_FLDS: X87_HOST_ASM(h, "flds %[mem]", X87_KEEP3); break;
    case XH_FLDL: X87_HOST_ASM(h, "fldl %[mem]", X87_KEEP3); break;
    case XH_FILDS: X87_HOST_ASM(h, "filds %[mem]", X87_KEEP3); break;
    case XH_FILDL: X87_HOST_ASM(h, "fildl %[mem]", X87_KEEP3); break;
    case XH_FILDQ: X87_HOST_ASM(h, "fildll %[mem]", X87_KEEP3); break;
    case XH_FBLD: X87_HOST_ASM(h, "fbld %[mem]", X87_KEEP3); break;
    case XH_FLD1: X87_HOST_ASM(h, "fld1", X87_KEEP3); break;
    case XH_FLDL2T: X87_HOST_ASM(h, "fldl2t", X87_KEEP3); break;
    case XH_FLDL2E: X87_HOST_ASM(h, "fldl2e", X87_KEEP3); break;
    case XH_FLDPI: X87_HOST_ASM(h, "fldpi", X87_KEEP3); break;
    case XH_FLDLG2: X87_HOST_ASM(h, "fldlg2", X87_KEEP3); break;
    case XH_FLDLN2: X87_HOST_ASM(h, "fldln2", X87_KEEP3); break;
    case XH_FLDZ: X87_HOST_ASM(h, "fldz", X87_KEEP3); break;
    case XH_FSTPS: X87_HOST_ASM(h, "fstps %[mem]", X87_KEEP1); break;
    case XH_FSTPL: X87_HOST_ASM(h, "fstpl %[mem]", X87_KEEP1); break;
    case XH_FISTPS: X87_HOST_ASM(h, "fistps %[mem]", X87_KEEP1); break;
    case XH_FISTPL: X87_HOST_ASM(h, "fistpl %[mem]", X87_KEEP1); break;
    case XH_FISTPQ: X87_HOST_ASM(h, "fistpll %[mem]", X87_KEEP1); break;
    case XH_FBSTP: X87_HOST_ASM(h, "fbstp %[mem]", X87_KEEP1); break;
    case XH_FISTTPS: X87_HOST_ASM(h, "fisttps %[mem]", X87_KEEP1); break;
    case XH_FISTTPL: X87_HOST_ASM(h, "fisttpl %[mem]", X87_KEEP1); break;
    case XH_FISTTPQ: X87_HOST_ASM(h, "fisttpll %[mem]", X87_KEEP1); break;
    case XH_F2XM1: X87_HOST_ASM(h, "f2xm1", X87_KEEP2); break;
    case XH_FYL2X: X87_HOST_ASM(h, "fyl2x", X87_KEEP1); break;
    case XH_FPTAN: X87_HOST_ASM(h, "fptan", X87_KEEP3); break;
    case XH_FPATAN: X87_HOST_ASM(h, "fpatan", X87_KEEP1); break;
    case XH_FXTRACT: X87_HOST_ASM(h, "fxtract", X87_KEEP3); break;
    case XH_FPREM1: X87_HOST_ASM(h, "fprem1", X87_KEEP2); break;
    case XH_FPREM: X87_HOST_ASM(h, "fprem", X87_KEEP2); break;
    case XH_FYL2XP1: X87_HOST_ASM(h, "fyl2xp1", X87_KEEP1); break;
    case XH_FSQRT: X87_HOST_ASM(h, "fsqrt", X87_KEEP2); break;
    case XH_FSINCOS: X87_HOST_ASM(h, "fsincos", X87_KEEP3); break;
    case XH_FRNDINT: X87_HOST_ASM(h, "frndint", X87_KEEP2); break;
    case XH_FSCALE: X87_HOST_ASM(h, "fscale", X87_KEEP2); break;
    case XH_FSIN: X87_HOST_ASM(h, "fsin", X87_KEEP2); break;
    case XH_FCOS: X87_HOST_ASM(h, "fcos", X87_KEEP2); break;
    default: break;
    }
}

/* ---------------------------------------------------------------------
 * Guest stack, tags and status word.
 * ------------------------------------------------------------------- */

static const FPReg x87_indefinite = { .x = { 0xc000000000000000ull, 0xffff } };
static const FPReg x87_zero = { .x = { 0, 0 } };

static int x87_phys(const CPUX86State *env, int i)
{
    return (env->fpstt + i) & 7;
}

static bool x87_empty(const CPUX86State *env, int i)
{
    return env->fptags[x87_phys(env, i)] != 0;
}

static FPReg *x87_st(CPUX86State *env, int i)
{
    return &env->fpregs[x87_phys(env, i)];
}

static void x87_set_st(CPUX86State *env, int i, const FPReg *v)
{
    int p = x87_phys(env, i);
    env->fpregs[p].x.mant = v->x.mant;
    env->fpregs[p].x.sign_exp = v->x.sign_exp;
    env->fptags[p] = 0;
}

static void x87_push(CPUX86State *env, const FPReg *v)
{
    env->fpstt = (env->fpstt - 1) & 7;
    x87_set_st(env, 0, v);
}

static void x87_pop(CPUX86State *env)
{
    env->fptags[env->fpstt & 7] = 1;
    env->fpstt = (env->fpstt + 1) & 7;
}

/* ES and B follow the unmasked exception flags. */
static void x87_update_es(CPUX86State *env)
{
    if (env->fpus & ~env->fpuc & X87_SW_EXC) {
        env->fpus |= X87_SW_ES | X87_SW_B;
    } else {
        env->fpus &= ~(X87_SW_ES | X87_SW_B);
    }
}

static void x87_set_cond(CPUX86State *env, uint16_t mask, uint16_t bits)
{
    env->fpus = (env->fpus & ~mask) | bits;
}

/*
 * A stack overflow (push onto a full register) or underflow (read of an
 * empty one): IE and SF, C1 = overflow. Returns true when IE is masked, so
 * the caller writes the default result (real indefinite).
 */
static bool x87_stack_fault(CPUX86State *env, bool overflow)
{
    x87_set_cond(env, X87_SW_C1, overflow ? X87_SW_C1 : 0);
    env->fpus |= X87_SW_IE | X87_SW_SF;
    x87_update_es(env);
    return (env->fpuc & X87_SW_IE) != 0;
}

/* True when the push slot is free; otherwise records the overflow and,
 * if masked, pushes the indefinite. */
static bool x87_push_ok(CPUX86State *env)
{
    if (!env->fptags[(env->fpstt - 1) & 7]) {
        if (x87_stack_fault(env, true)) {
            x87_push(env, &x87_indefinite);
        }
        return false;
    }
    return true;
}

/* An underflow of an operand; returns true when masked. */
static bool x87_underflow(CPUX86State *env)
{
    return x87_stack_fault(env, false);
}

static void x87_host_prepare(const CPUX86State *env, X87Host *h)
{
    memset(h->mem, 0, sizeof(h->mem));
    h->cw = env->fpuc;
}

/* The condition bits each host operation writes; it leaves the others as
 * they were (measured over the oracle's states: compares write all four,
 * FCOMI none (the loads' C1 is put back by its helper), FSIN and FCOS
 * C1 and C2, the rest C1). */
static uint16_t x87_host_cond_mask(int op)
{
    if (op < XH_FUCOM) {
        return (op & 7) == 2 || (op & 7) == 3 ? X87_SW_COND : X87_SW_C1;
    }
    switch (op) {
    case XH_FUCOM:
    case XH_FTST:
    case XH_FXAM:
        return X87_SW_COND;
    case XH_FCOMI:
    case XH_FUCOMI:
        return 0;
    case XH_FSIN:
    case XH_FCOS:
        return X87_SW_C1 | X87_SW_C2;
    default:
        return X87_SW_C1;
    }
}

/* The exact way: some exception unmasked, or an operation whose stack
 * effect or untouched condition bits depend on its data. */
static bool x87_host_needs_exact(const CPUX86State *env, int op)
{
    return (env->fpuc & X87_SW_EXC) != X87_SW_EXC || op == XH_FPREM ||
           op == XH_FPREM1 || op == XH_FPTAN || op == XH_FSINCOS;
}

/* Runs op on the host and merges its condition bits and flags. */
static void x87_host_run(CPUX86State *env, X87Host *h, int op)
{
    uint16_t mask;

    h->exact = x87_host_needs_exact(env, op);
    if (h->exact) {
        memset(h->fenv, 0, sizeof(h->fenv));
        h->fenv[0] = env->fpuc;
        h->fenv[2] = env->fpus & X87_SW_COND;
        h->fenv[4] = 0xffff;
    } else if (env->fp_host_flags & ~env->fpus & X87_SW_EXC) {
        /* A host flag the guest has not would hide whether the op raised
         * it: clear (after the guest cleared its flags, mostly). */
        __asm__ volatile("fnclex");
    }
    x87_host_exec(h, op);
    env->fp_host_flags = h->exact ? 0 : h->sw & X87_SW_EXC;
    mask = h->exact ? X87_SW_COND : x87_host_cond_mask(op);
    env->fpus = (env->fpus & ~mask) | (h->sw & mask) | (h->sw & X87_SW_EXC);
    x87_update_es(env);
}

/* An unmasked invalid, denormal or divide-by-zero exception: the
 * destination and the stack stay as they were. */
static bool x87_host_pre_fault(const CPUX86State *env, const X87Host *h)
{
    return (h->sw & ~env->fpuc & (X87_SW_IE | X87_SW_DE | X87_SW_ZE)) != 0;
}

/* Values the instruction leaves on the host stack with exceptions masked
 * (the tails of x87_host_exec follow this). */
static int x87_host_nominal_depth(int op)
{
    switch (op) {
    case XH_FYL2X: case XH_FPATAN: case XH_FYL2XP1: case XH_FSTPS:
    case XH_FSTPL: case XH_FISTPS: case XH_FISTPL: case XH_FISTPQ:
    case XH_FBSTP: case XH_FISTTPS: case XH_FISTTPL: case XH_FISTTPQ:
        return 1;
    case XH_FLDS: case XH_FLDL: case XH_FILDS: case XH_FILDL: case XH_FILDQ:
    case XH_FBLD: case XH_FLD1: case XH_FLDL2T: case XH_FLDL2E:
    case XH_FLDPI: case XH_FLDLG2: case XH_FLDLN2: case XH_FLDZ:
    case XH_FXTRACT: case XH_FPTAN: case XH_FSINCOS:
        return 3;
    default:
        return 2;
    }
}

/* Values on the host stack after the op: 2 = as after the two loads. The
 * exact way starts from TOP = 0 (fldenv), so the host TOP tells; the fast
 * way is only used where the effect is fixed. */
static int x87_host_depth(const X87Host *h, int op)
{
    return h->exact ? (8 - (h->sw >> 11)) & 7 : x87_host_nominal_depth(op);
}

/* ---------------------------------------------------------------------
 * Loads.
 * ------------------------------------------------------------------- */

static void x87_load_via_host(CPUX86State *env, int op, const void *mem,
                              size_t size)
{
    X87Host h;

    if (!x87_push_ok(env)) {
        return;
    }
    x87_host_prepare(env, &h);
    h.in0 = h.in1 = x87_zero;              /* loads have no operand */
    if (size) {
        memcpy(h.mem, mem, size);
    }
    x87_host_run(env, &h, op);
    if (x87_host_depth(&h, op) == 3) {
        x87_push(env, &h.out0);
    }
}

void x87_helper_fld_m32(CPUX86State *env, uint32_t bits)
{
    x87_sync(env);
    x87_load_via_host(env, XH_FLDS, &bits, 4);
}

void x87_helper_fld_m64(CPUX86State *env, uint64_t bits)
{
    x87_sync(env);
    x87_load_via_host(env, XH_FLDL, &bits, 8);
}

void x87_helper_fld_m80(CPUX86State *env, uint64_t mant, uint32_t sign_exp)
{
    x87_sync(env);
    FPReg v = { .x = { mant, (uint16_t)sign_exp } };

    if (!x87_push_ok(env)) {
        return;
    }
    x87_set_cond(env, X87_SW_C1, 0);
    x87_push(env, &v);
}

void x87_helper_fild(CPUX86State *env, uint64_t bits, uint32_t kind)
{
    x87_sync(env);
    switch (kind) {
    case X87_M16INT: x87_load_via_host(env, XH_FILDS, &bits, 2); break;
    case X87_M32INT: x87_load_via_host(env, XH_FILDL, &bits, 4); break;
    default: x87_load_via_host(env, XH_FILDQ, &bits, 8); break;
    }
}

void x87_helper_fbld(CPUX86State *env, uint64_t lo, uint32_t hi)
{
    x87_sync(env);
    uint8_t m[10];

    memcpy(m, &lo, 8);
    m[8] = hi & 0xff;
    m[9] = (hi >> 8) & 0xff;
    x87_load_via_host(env, XH_FBLD, m, 10);
}

void x87_helper_fld_const(CPUX86State *env, uint32_t which)
{
    x87_sync(env);
    x87_load_via_host(env, XH_FLD1 + (int)(which & 7), NULL, 0);
}

void x87_helper_fld_sti(CPUX86State *env, uint32_t i)
{
    x87_sync(env);
    FPReg v;

    if (x87_empty(env, i)) {
        /* The source's underflow is the fault the CPU reports (C1 = 0),
         * even with ST(7) full: the indefinite is pushed either way. */
        if (x87_underflow(env)) {
            x87_push(env, &x87_indefinite);
        }
        return;
    }
    v = *x87_st(env, i);
    x87_set_cond(env, X87_SW_C1, 0);
    if (!x87_push_ok(env)) {
        return;
    }
    x87_push(env, &v);
}

/* ---------------------------------------------------------------------
 * Arithmetic and compares.
 * ------------------------------------------------------------------- */

void x87_helper_arith(CPUX86State *env, uint32_t op, uint32_t dst,
                      uint32_t src, uint32_t pop)
{
    x87_sync(env);
    X87Host h;

    if (x87_empty(env, dst) || x87_empty(env, src)) {
        if (!x87_underflow(env)) {
            return;
        }
        x87_set_st(env, dst, &x87_indefinite);
    } else {
        x87_host_prepare(env, &h);
        h.in0 = *x87_st(env, dst);
        h.in1 = *x87_st(env, src);
        x87_host_run(env, &h, XH_REG + (int)(op & 7));
        if (x87_host_pre_fault(env, &h)) {
            return;
        }
        x87_set_st(env, dst, &h.out0);
    }
    if (pop) {
        x87_pop(env);
    }
}

static int x87_mem_group(uint32_t kind)
{
    switch (kind) {
    case X87_M32FP: return XH_M32;
    case X87_M64FP: return XH_M64;
    case X87_M16INT: return XH_I16;
    default: return XH_I32;
    }
}

void x87_helper_arith_mem(CPUX86State *env, uint32_t op, uint64_t bits,
                          uint32_t kind)
{
    x87_sync(env);
    X87Host h;

    if (x87_empty(env, 0)) {
        if (x87_underflow(env)) {
            x87_set_st(env, 0, &x87_indefinite);
        }
        return;
    }
    x87_host_prepare(env, &h);
    h.in0 = *x87_st(env, 0);
    memcpy(h.mem, &bits, 8);
    x87_host_run(env, &h, x87_mem_group(kind) + (int)(op & 7));
    if (!x87_host_pre_fault(env, &h)) {
        x87_set_st(env, 0, &h.out0);
    }
}

/* Masked underflow of a compare: unordered. */
static void x87_compare_unordered(CPUX86State *env)
{
    x87_set_cond(env, X87_SW_C0 | X87_SW_C2 | X87_SW_C3,
                 X87_SW_C0 | X87_SW_C2 | X87_SW_C3);
}

void x87_helper_fcom(CPUX86State *env, uint32_t i, uint32_t unordered,
                     uint32_t pops)
{
    x87_sync(env);
    X87Host h;

    if (x87_empty(env, 0) || x87_empty(env, i)) {
        x87_compare_unordered(env);
        if (!x87_underflow(env)) {
            return;
        }
    } else {
        x87_host_prepare(env, &h);
        h.in0 = *x87_st(env, 0);
        h.in1 = *x87_st(env, i);
        x87_host_run(env, &h, unordered ? XH_FUCOM : XH_REG + 2);
        if (x87_host_pre_fault(env, &h)) {
            return;
        }
    }
    while (pops--) {
        x87_pop(env);
    }
}

void x87_helper_fcom_mem(CPUX86State *env, uint64_t bits, uint32_t kind,
                         uint32_t pop)
{
    x87_sync(env);
    X87Host h;

    if (x87_empty(env, 0)) {
        x87_compare_unordered(env);
        if (!x87_underflow(env)) {
            return;
        }
    } else {
        x87_host_prepare(env, &h);
        h.in0 = *x87_st(env, 0);
        memcpy(h.mem, &bits, 8);
        x87_host_run(env, &h, x87_mem_group(kind) + 2);
        if (x87_host_pre_fault(env, &h)) {
            return;
        }
    }
    if (pop) {
        x87_pop(env);
    }
}

/* FCOMI and friends. The flags are set (to unordered on a stack fault)
 * even when the invalid exception is unmasked; only the pop is skipped. */
uint32_t x87_helper_fcomi(CPUX86State *env, uint32_t i, uint32_t unordered,
                          uint32_t pop)
{
    x87_sync(env);
    X87Host h;
    uint32_t flags;
    uint16_t c1 = env->fpus & X87_SW_C1;

    if (x87_empty(env, 0) || x87_empty(env, i)) {
        flags = CC_Z | CC_P | CC_C;
        if (!x87_underflow(env)) {
            return flags;
        }
    } else {
        x87_host_prepare(env, &h);
        h.in0 = *x87_st(env, 0);
        h.in1 = *x87_st(env, i);
        x87_host_run(env, &h, unordered ? XH_FUCOMI : XH_FCOMI);
        /* FCOMI keeps C1; the host's loads cleared it. */
        x87_set_cond(env, X87_SW_C1, c1);
        flags = (h.zf ? CC_Z : 0) | (h.pf ? CC_P : 0) | (h.cf ? CC_C : 0);
        if (x87_host_pre_fault(env, &h)) {
            return flags;
        }
    }
    if (pop) {
        x87_pop(env);
    }
    return flags;
}

/* ---------------------------------------------------------------------
 * D9 E0..FF: sign, tests, constants, transcendentals, stack pointer.
 * ------------------------------------------------------------------- */

/* The operations that report an incomplete result in C2 clear it when
 * they fault on an empty register. */
static bool x87_stack_fault_clears_c2(int op)
{
    return op == XH_FSIN || op == XH_FCOS || op == XH_FSINCOS ||
           op == XH_FPTAN || op == XH_FPREM || op == XH_FPREM1;
}

/* An underflow of a D9 misc op; returns true when masked. */
static bool x87_misc_underflow(CPUX86State *env, int op)
{
    if (x87_stack_fault_clears_c2(op)) {
        x87_set_cond(env, X87_SW_C2, 0);
    }
    return x87_underflow(env);
}

/* ST(0) <- op(ST(0)). */
static void x87_unary(CPUX86State *env, int op)
{
    X87Host h;

    if (x87_empty(env, 0)) {
        if (x87_misc_underflow(env, op)) {
            x87_set_st(env, 0, &x87_indefinite);
        }
        return;
    }
    x87_host_prepare(env, &h);
    h.in0 = *x87_st(env, 0);
    x87_host_run(env, &h, op);
    if (!x87_host_pre_fault(env, &h)) {
        x87_set_st(env, 0, &h.out0);
    }
}

/* ST(0) <- op(ST(0), ST(1)) (FPREM, FPREM1, FSCALE). */
static void x87_binary_st0(CPUX86State *env, int op)
{
    X87Host h;

    if (x87_empty(env, 0) || x87_empty(env, 1)) {
        if (x87_misc_underflow(env, op)) {
            x87_set_st(env, 0, &x87_indefinite);
        }
        return;
    }
    x87_host_prepare(env, &h);
    h.in0 = *x87_st(env, 0);
    h.in1 = *x87_st(env, 1);
    x87_host_run(env, &h, op);
    if (!x87_host_pre_fault(env, &h)) {
        x87_set_st(env, 0, &h.out0);
    }
}

/* ST(1) <- op(ST(1), ST(0)), pop (FYL2X, FYL2XP1, FPATAN). */
static void x87_binary_pop(CPUX86State *env, int op)
{
    X87Host h;

    if (x87_empty(env, 0) || x87_empty(env, 1)) {
        if (!x87_underflow(env)) {
            return;
        }
        x87_set_st(env, 1, &x87_indefinite);
    } else {
        x87_host_prepare(env, &h);
        h.in0 = *x87_st(env, 0);
        h.in1 = *x87_st(env, 1);
        x87_host_run(env, &h, op);
        if (x87_host_depth(&h, op) != 1) {
            return;
        }
        x87_set_st(env, 1, &h.out0);
    }
    x87_pop(env);
}

/* ST(0) <- first result, push the second (FPTAN, FSINCOS, FXTRACT). */
static void x87_unary_push(CPUX86State *env, int op)
{
    X87Host h;

    if (x87_empty(env, 0)) {
        if (!x87_misc_underflow(env, op)) {
            return;
        }
        x87_set_st(env, 0, &x87_indefinite);
        if (x87_push_ok(env)) {
            x87_push(env, &x87_indefinite);
        }
        return;
    }
    if (!env->fptags[(env->fpstt - 1) & 7]) {
        if (x87_stack_fault_clears_c2(op)) {
            x87_set_cond(env, X87_SW_C2, 0);
        }
        if (x87_stack_fault(env, true)) {
            x87_set_st(env, 0, &x87_indefinite);
            x87_push(env, &x87_indefinite);
        }
        return;
    }
    x87_host_prepare(env, &h);
    h.in0 = *x87_st(env, 0);
    x87_host_run(env, &h, op);
    if (x87_host_depth(&h, op) == 3) {
        x87_set_st(env, 0, &h.out1);
        x87_push(env, &h.out0);
    } else if (!x87_host_pre_fault(env, &h)) {
        x87_set_st(env, 0, &h.out0);
    }
}

static void x87_fxam(CPUX86State *env)
{
    X87Host h;
    FPReg *r = x87_st(env, 0);

    if (x87_empty(env, 0)) {
        x87_set_cond(env, X87_SW_COND,
                     X87_SW_C3 | X87_SW_C0 |
                     ((r->x.sign_exp & 0x8000) ? X87_SW_C1 : 0));
        return;
    }
    x87_host_prepare(env, &h);
    h.in0 = *r;
    x87_host_run(env, &h, XH_FXAM);
}

static void x87_ftst(CPUX86State *env)
{
    X87Host h;

    if (x87_empty(env, 0)) {
        x87_compare_unordered(env);
        x87_underflow(env);
        return;
    }
    x87_host_prepare(env, &h);
    h.in0 = *x87_st(env, 0);
    x87_host_run(env, &h, XH_FTST);
}

static void x87_sign_op(CPUX86State *env, bool abs)
{
    FPReg v;

    if (x87_empty(env, 0)) {
        if (x87_underflow(env)) {
            x87_set_st(env, 0, &x87_indefinite);
        }
        return;
    }
    v = *x87_st(env, 0);
    v.x.sign_exp = abs ? (v.x.sign_exp & 0x7fff) : (v.x.sign_exp ^ 0x8000);
    x87_set_st(env, 0, &v);
    x87_set_cond(env, X87_SW_C1, 0);
}

void x87_helper_d9_misc(CPUX86State *env, uint32_t op)
{
    x87_sync(env);
    switch (op & 0xff) {
    case 0xe0: x87_sign_op(env, false); break;
    case 0xe1: x87_sign_op(env, true); break;
    case 0xe4: x87_ftst(env); break;
    case 0xe5: x87_fxam(env); break;
    case 0xf0: x87_unary(env, XH_F2XM1); break;
    case 0xf1: x87_binary_pop(env, XH_FYL2X); break;
    case 0xf2: x87_unary_push(env, XH_FPTAN); break;
    case 0xf3: x87_binary_pop(env, XH_FPATAN); break;
    case 0xf4: x87_unary_push(env, XH_FXTRACT); break;
    case 0xf5: x87_binary_st0(env, XH_FPREM1); break;
    case 0xf6:
        env->fpstt = (env->fpstt - 1) & 7;
        x87_set_cond(env, X87_SW_C1, 0);
        break;
    case 0xf7:
        env->fpstt = (env->fpstt + 1) & 7;
        x87_set_cond(env, X87_SW_C1, 0);
        break;
    case 0xf8: x87_binary_st0(env, XH_FPREM); break;
    case 0xf9: x87_binary_pop(env, XH_FYL2XP1); break;
    case 0xfa: x87_unary(env, XH_FSQRT); break;
    case 0xfb: x87_unary_push(env, XH_FSINCOS); break;
    case 0xfc: x87_unary(env, XH_FRNDINT); break;
    case 0xfd: x87_binary_st0(env, XH_FSCALE); break;
    case 0xfe: x87_unary(env, XH_FSIN); break;
    case 0xff: x87_unary(env, XH_FCOS); break;
    default:
        if (op >= 0xe8 && op <= 0xee) {
            x87_helper_fld_const(env, op - 0xe8);
        }
        break;
    }
}

/* ---------------------------------------------------------------------
 * Stores and register moves.
 * ------------------------------------------------------------------- */

static void x87_image_put(CPUX86State *env, const void *bytes, size_t size)
{
    uint8_t m[16] = { 0 };

    memcpy(m, bytes, size);
    memcpy(&env->ft0.x.mant, m, 8);
    memcpy(&env->ft0.x.sign_exp, m + 8, 2);
}

/* The masked-underflow value each store kind writes. */
static void x87_store_indefinite(CPUX86State *env, uint32_t kind)
{
    uint32_t v32;
    uint64_t v64;
    uint16_t v16;

    switch (kind) {
    case X87_M32FP: v32 = 0xffc00000u; x87_image_put(env, &v32, 4); break;
    case X87_M64FP: v64 = 0xfff8000000000000ull; x87_image_put(env, &v64, 8); break;
    case X87_M16INT:
    case X87_M16INT_TRUNC: v16 = 0x8000; x87_image_put(env, &v16, 2); break;
    case X87_M32INT:
    case X87_M32INT_TRUNC: v32 = 0x80000000u; x87_image_put(env, &v32, 4); break;
    case X87_M64INT:
    case X87_M64INT_TRUNC: v64 = 1ull << 63; x87_image_put(env, &v64, 8); break;
    default:
        env->ft0.x.mant = x87_indefinite.x.mant;
        env->ft0.x.sign_exp = x87_indefinite.x.sign_exp;
        break;
    }
}

static int x87_store_op(uint32_t kind)
{
    switch (kind) {
    case X87_M32FP: return XH_FSTPS;
    case X87_M64FP: return XH_FSTPL;
    case X87_M16INT: return XH_FISTPS;
    case X87_M32INT: return XH_FISTPL;
    case X87_M64INT: return XH_FISTPQ;
    case X87_M16INT_TRUNC: return XH_FISTTPS;
    case X87_M32INT_TRUNC: return XH_FISTTPL;
    case X87_M64INT_TRUNC: return XH_FISTTPQ;
    default: return XH_FBSTP;
    }
}

/* Computes the store; leaves env->fpus as it was on entry. */
static uint32_t x87_fst_compute(CPUX86State *env, uint32_t kind)
{
    X87Host h;

    if (x87_empty(env, 0)) {
        if (!x87_underflow(env)) {
            return 0;
        }
        x87_store_indefinite(env, kind);
        return 1;
    }
    if (kind == X87_M80FP) {
        env->ft0.x.mant = x87_st(env, 0)->x.mant;
        env->ft0.x.sign_exp = x87_st(env, 0)->x.sign_exp;
        x87_set_cond(env, X87_SW_C1, 0);
        return 1;
    }
    x87_host_prepare(env, &h);
    h.in0 = *x87_st(env, 0);
    x87_host_run(env, &h, x87_store_op(kind));
    if (x87_host_depth(&h, x87_store_op(kind)) != 1) {
        return 0;              /* unmasked exception: nothing stored */
    }
    x87_image_put(env, h.mem, 10);
    return 1;
}

uint32_t x87_helper_fst_mem(CPUX86State *env, uint32_t kind)
{
    x87_sync(env);
    uint16_t saved = env->fpus;
    uint32_t store = x87_fst_compute(env, kind);

    env->fp_pending_sw = env->fpus;
    env->fpus = saved;
    return store;
}

void x87_helper_fst_commit(CPUX86State *env, uint32_t pop)
{
    x87_sync(env);
    env->fpus = env->fp_pending_sw;
    if (pop) {
        x87_pop(env);
    }
}

void x87_helper_fst_sti(CPUX86State *env, uint32_t i, uint32_t pop)
{
    x87_sync(env);
    if (x87_empty(env, 0)) {
        if (!x87_underflow(env)) {
            return;
        }
        x87_set_st(env, i, &x87_indefinite);
    } else {
        FPReg v = *x87_st(env, 0);
        x87_set_st(env, i, &v);
        x87_set_cond(env, X87_SW_C1, 0);
    }
    if (pop) {
        x87_pop(env);
    }
}

void x87_helper_fxch(CPUX86State *env, uint32_t i)
{
    x87_sync(env);
    FPReg a, b;

    if (x87_empty(env, 0) || x87_empty(env, i)) {
        if (!x87_underflow(env)) {
            return;
        }
        if (x87_empty(env, 0)) {
            x87_set_st(env, 0, &x87_indefinite);
        }
        if (x87_empty(env, i)) {
            x87_set_st(env, i, &x87_indefinite);
        }
    } else {
        x87_set_cond(env, X87_SW_C1, 0);
    }
    a = *x87_st(env, 0);
    b = *x87_st(env, i);
    x87_set_st(env, 0, &b);
    x87_set_st(env, i, &a);
}

void x87_helper_ffree(CPUX86State *env, uint32_t i, uint32_t pop)
{
    x87_sync(env);
    x87_set_cond(env, X87_SW_C1, 0);
    env->fptags[x87_phys(env, i)] = 1;
    if (pop) {
        x87_pop(env);
    }
}

void x87_helper_fcmov(CPUX86State *env, uint32_t i, uint32_t cond)
{
    x87_sync(env);
    if (x87_empty(env, 0) || x87_empty(env, i)) {
        /* Masked: ST0 becomes the indefinite even when the condition
         * is false (measured). */
        if (x87_underflow(env)) {
            x87_set_st(env, 0, &x87_indefinite);
        }
        return;
    }
    if (cond) {
        FPReg v = *x87_st(env, i);
        x87_set_st(env, 0, &v);
    }
}

/* ---------------------------------------------------------------------
 * Control: control word, status word, init, exceptions.
 * ------------------------------------------------------------------- */

void x87_helper_fldcw(CPUX86State *env, uint32_t cw)
{
    x87_sync(env);
    env->fpuc = (cw & 0x1f3f) | 0x40;
    x87_update_es(env);
}

uint16_t x87_get_sw(const CPUX86State *env)
{
    return (env->fpus & ~X87_SW_TOP) | ((env->fpstt & 7) << 11);
}

uint32_t x87_helper_fnstsw(CPUX86State *env)
{
    x87_sync(env);
    return x87_get_sw(env);
}

void x87_helper_fnclex(CPUX86State *env)
{
    x87_sync(env);
    env->fpus &= ~(X87_SW_EXC | X87_SW_SF | X87_SW_ES | X87_SW_B);
}

void x87_reset(CPUX86State *env)
{
    x87_sync(env);
    env->fpuc = 0x37f;
    env->fpus = 0;
    env->fpstt = 0;
    memset(env->fptags, 1, sizeof(env->fptags));
    env->fpop = 0;
    env->fpip = env->fpdp = 0;
    env->fpcs = env->fpds = 0;
    env->fp_host_flags = X87_SW_EXC;
}

/* ---------------------------------------------------------------------
 * The live host FPU (docs/x87.md): between x87_helper_live_enter and
 * x87_live_save the host x87 holds the guest's whole x87 state (control
 * and status word, TOP, tags, the eight registers); env keeps the
 * pointer fields, which the generated code records.
 * ------------------------------------------------------------------- */

typedef struct X87Image {
    uint8_t b[108];             /* FNSAVE/FRSTOR, 32-bit protected mode */
} X87Image;

void x87_helper_live_enter(CPUX86State *env)
{
    X87Image img;

    /* Only blocks with HF_X87_MASKED_MASK call it (with an exception
     * unmasked the host would deliver it), and only when not live. */
    assert(!env->fp_live && (env->fpuc & X87_SW_EXC) == X87_SW_EXC &&
           !(env->fpus & X87_SW_ES));
    x87_save_image(env, img.b, true);
    __asm__ volatile("frstor %0" : : "m"(img) : "memory");
    env->fp_live = 1;
}

void x87_live_save(CPUX86State *env)
{
    X87Image img;
    uint32_t ip = env->fpip, dp = env->fpdp;
    uint16_t op = env->fpop, cs = env->fpcs, ds = env->fpds;

    /* FNSAVE also leaves the host FPU initialised (037F, empty, no flags),
     * the state C code expects. */
    __asm__ volatile("fnsave %0" : "=m"(img) : : "memory");
    env->fp_live = 0;
    env->fp_host_flags = 0;
    x87_restore_image(env, img.b, true);
    env->fpip = ip;
    env->fpdp = dp;
    env->fpop = op;
    env->fpcs = cs;
    env->fpds = ds;
}

void x87_live_recover(CPUX86State *env, uint32_t data0)
{
    int ds = (data0 >> X87R_DS_SHIFT) & 7;

    if (data0 & X87R_REC) {
        env->fpip = env->eip - (data0 >> X87R_IP_DELTA_SHIFT);
        env->fpop = (data0 >> X87R_FOP_SHIFT) & 0x7ff;
        env->fpcs = env->segs[R_CS].selector;
    }
    if (ds) {
        env->fpds = env->segs[ds - 1].selector;
    }
    if (!env->fp_live) {
        return;
    }
    x87_live_save(env);
    if (data0 & X87R_STORE) {
        /* The host store ran before the guest store that faulted: the
         * status word from before it, and the popped register back. */
        uint16_t sw = env->fp_host_sw;
        env->fpstt = (sw >> 11) & 7;
        env->fpus = sw & ~X87_SW_TOP;
        if (data0 & X87R_POPPED) {
            env->fptags[env->fpstt] = 0;
        }
        x87_update_es(env);
    }
}

void x87_helper_fninit(CPUX86State *env)
{
    x87_sync(env);
    x87_reset(env);
}

void x87_helper_raise(CPUX86State *env, uint32_t excp)
{
    cpu_raise_exception(&env->cs, (int)excp, GETPC());
}

int x87_sigfpe_code(const CPUX86State *env)
{
    uint16_t err = env->fpus & ~env->fpuc & X87_SW_EXC;

    if (err & X87_SW_IE) {
        return 7;               /* FPE_FLTINV */
    }
    if (err & X87_SW_ZE) {
        return 3;               /* FPE_FLTDIV */
    }
    if (err & X87_SW_OE) {
        return 4;               /* FPE_FLTOVF */
    }
    if (err & (X87_SW_UE | X87_SW_DE)) {
        return 5;               /* FPE_FLTUND */
    }
    if (err & X87_SW_PE) {
        return 6;               /* FPE_FLTRES */
    }
    return 0;
}

/* ---------------------------------------------------------------------
 * State images: FNSTENV/FLDENV, FNSAVE/FRSTOR, FXSAVE/FXRSTOR.
 * ------------------------------------------------------------------- */

static void put16(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v); put16(p + 2, v >> 16); }
static uint16_t get16(const uint8_t *p) { return p[0] | (p[1] << 8); }
static uint32_t get32(const uint8_t *p) { return get16(p) | ((uint32_t)get16(p + 2) << 16); }

/* Tag of one physical register: 0 valid, 1 zero, 2 special, 3 empty. */
static int x87_tag_of(const CPUX86State *env, int phys)
{
    const FPReg *r = &env->fpregs[phys];
    int exp = r->x.sign_exp & 0x7fff;

    if (env->fptags[phys]) {
        return 3;
    }
    if (exp == 0x7fff) {
        return 2;
    }
    if (exp == 0) {
        return r->x.mant == 0 ? 1 : 2;
    }
    return (r->x.mant >> 63) ? 0 : 2;
}

uint16_t x87_get_full_tags(const CPUX86State *env)
{
    uint16_t tw = 0;

    for (int i = 0; i < 8; i++) {
        tw |= x87_tag_of(env, i) << (2 * i);
    }
    return tw;
}

static uint16_t x87_cs_selector(const CPUX86State *env)
{
    return env->fpcs;
}

static uint16_t x87_ds_selector(const CPUX86State *env)
{
    return env->fpds;
}

/* The environment part; returns its size (28 or 14). */
static int x87_store_env(const CPUX86State *env, uint8_t *buf, bool data32)
{
    if (data32) {
        put32(buf + 0, 0xffff0000u | env->fpuc);
        put32(buf + 4, 0xffff0000u | x87_get_sw(env));
        put32(buf + 8, 0xffff0000u | x87_get_full_tags(env));
        put32(buf + 12, env->fpip);
        put32(buf + 16, x87_cs_selector(env) |
                        ((uint32_t)(env->fpop & 0x7ff) << 16));
        put32(buf + 20, env->fpdp);
        put32(buf + 24, 0xffff0000u | x87_ds_selector(env));
        return 28;
    }
    put16(buf + 0, env->fpuc);
    put16(buf + 2, x87_get_sw(env));
    put16(buf + 4, x87_get_full_tags(env));
    put16(buf + 6, env->fpip);
    put16(buf + 8, x87_cs_selector(env));
    put16(buf + 10, env->fpdp);
    put16(buf + 12, x87_ds_selector(env));
    return 14;
}

static int x87_load_env(CPUX86State *env, const uint8_t *buf, bool data32)
{
    uint16_t tw;
    int size = data32 ? 28 : 14;
    int w = data32 ? 4 : 2;

    env->fpuc = (get16(buf) & 0x1f3f) | 0x40;
    env->fpus = get16(buf + w);
    env->fpstt = (env->fpus >> 11) & 7;
    env->fpus &= ~X87_SW_TOP;
    tw = get16(buf + 2 * w);
    for (int i = 0; i < 8; i++) {
        env->fptags[i] = ((tw >> (2 * i)) & 3) == 3;
    }
    if (data32) {
        env->fpip = get32(buf + 12);
        env->fpcs = get16(buf + 16);
        env->fpop = get16(buf + 18) & 0x7ff;
        env->fpdp = get32(buf + 20);
        env->fpds = get16(buf + 24);
    } else {
        env->fpip = get16(buf + 6);
        env->fpcs = get16(buf + 8);
        env->fpop = 0;
        env->fpdp = get16(buf + 10);
        env->fpds = get16(buf + 12);
    }
    x87_update_es(env);
    return size;
}

void x87_save_image(CPUX86State *env, uint8_t *buf, bool data32)
{
    int off = x87_store_env(env, buf, data32);

    for (int i = 0; i < 8; i++) {
        const FPReg *r = x87_st(env, i);
        memcpy(buf + off + 10 * i, &r->x.mant, 8);
        put16(buf + off + 10 * i + 8, r->x.sign_exp);
    }
}

void x87_restore_image(CPUX86State *env, const uint8_t *buf, bool data32)
{
    int off = x87_load_env(env, buf, data32);

    for (int i = 0; i < 8; i++) {
        FPReg *r = x87_st(env, i);
        memcpy(&r->x.mant, buf + off + 10 * i, 8);
        r->x.sign_exp = get16(buf + off + 10 * i + 8);
    }
}

void x87_fxsave_image(CPUX86State *env, uint8_t *buf)
{
    uint8_t ftw = 0;

    for (int i = 0; i < 8; i++) {
        ftw |= env->fptags[i] ? 0 : (1 << i);
    }
    memset(buf, 0, 288);
    put16(buf + 0, env->fpuc);
    put16(buf + 2, x87_get_sw(env));
    buf[4] = ftw;
    put16(buf + 6, env->fpop & 0x7ff);
    put32(buf + 8, env->fpip);
    put16(buf + 12, x87_cs_selector(env));
    put32(buf + 16, env->fpdp);
    put16(buf + 20, x87_ds_selector(env));
    put32(buf + 24, env->mxcsr);
    put32(buf + 28, 0xffff);
    for (int i = 0; i < 8; i++) {
        const FPReg *r = x87_st(env, i);
        memcpy(buf + 32 + 16 * i, &r->x.mant, 8);
        put16(buf + 32 + 16 * i + 8, r->x.sign_exp);
    }
    memcpy(buf + 160, env->xmm, sizeof(env->xmm));
}

void x87_fxrstor_image(CPUX86State *env, const uint8_t *buf)
{
    uint8_t ftw = buf[4];

    env->fpuc = (get16(buf) & 0x1f3f) | 0x40;
    env->fpus = get16(buf + 2);
    env->fpstt = (env->fpus >> 11) & 7;
    env->fpus &= ~X87_SW_TOP;
    for (int i = 0; i < 8; i++) {
        env->fptags[i] = !(ftw & (1 << i));
    }
    env->fpop = get16(buf + 6) & 0x7ff;
    env->fpip = get32(buf + 8);
    env->fpcs = get16(buf + 12);
    env->fpdp = get32(buf + 16);
    env->fpds = get16(buf + 20);
    env->mxcsr = get32(buf + 24);
    for (int i = 0; i < 8; i++) {
        FPReg *r = x87_st(env, i);
        memcpy(&r->x.mant, buf + 32 + 16 * i, 8);
        r->x.sign_exp = get16(buf + 32 + 16 * i + 8);
    }
    memcpy(env->xmm, buf + 160, sizeof(env->xmm));
    x87_update_es(env);
}

void x87_helper_fnstenv(CPUX86State *env, uint32_t data32)
{
    x87_sync(env);
    x87_store_env(env, env->fp_image, data32 != 0);
}

void x87_helper_fnsave(CPUX86State *env, uint32_t data32)
{
    x87_sync(env);
    x87_save_image(env, env->fp_image, data32 != 0);
}

void x87_helper_fnstenv_done(CPUX86State *env)
{
    x87_sync(env);
    env->fpuc |= X87_SW_EXC;
    x87_update_es(env);
}

void x87_helper_fldenv(CPUX86State *env, uint32_t data32)
{
    x87_sync(env);
    x87_load_env(env, env->fp_image, data32 != 0);
}

void x87_helper_frstor(CPUX86State *env, uint32_t data32)
{
    x87_sync(env);
    x87_restore_image(env, env->fp_image, data32 != 0);
}

void x87_helper_fxsave(CPUX86State *env)
{
    x87_sync(env);
    x87_fxsave_image(env, env->fp_image);
}

void x87_helper_fxrstor(CPUX86State *env)
{
    x87_sync(env);
    if (get32(env->fp_image + 24) & ~0xffffu) {
        cpu_raise_exception(&env->cs, EXCP0D_GPF, GETPC());
    }
    x87_fxrstor_image(env, env->fp_image);
}

/* ---------------------------------------------------------------------
 * Helper descriptions. FPU state is not held in IR globals, so most
 * helpers only need to be kept (side effects); those that read the lazy
 * flags or may raise say so.
 * ------------------------------------------------------------------- */

#define P TCG_HT_PTR
#define I32 TCG_HT_I32
#define I64 TCG_HT_I64
#define V TCG_HT_VOID
#define SE TCG_CALL_SIDE_EFFECTS

TCGHelperInfo x87_info_raise = TCG_HELPER(x87_helper_raise, TCG_CALL_MAY_RAISE, V, P, I32);
TCGHelperInfo x87_info_live_enter = TCG_HELPER(x87_helper_live_enter, SE, V, P);
TCGHelperInfo x87_info_live_save = TCG_HELPER(x87_live_save, SE, V, P);
TCGHelperInfo x87_info_fld_m32 = TCG_HELPER(x87_helper_fld_m32, SE, V, P, I32);
TCGHelperInfo x87_info_fld_m64 = TCG_HELPER(x87_helper_fld_m64, SE, V, P, I64);
TCGHelperInfo x87_info_fld_m80 = TCG_HELPER(x87_helper_fld_m80, SE, V, P, I64, I32);
TCGHelperInfo x87_info_fild = TCG_HELPER(x87_helper_fild, SE, V, P, I64, I32);
TCGHelperInfo x87_info_fbld = TCG_HELPER(x87_helper_fbld, SE, V, P, I64, I32);
TCGHelperInfo x87_info_fld_sti = TCG_HELPER(x87_helper_fld_sti, SE, V, P, I32);
TCGHelperInfo x87_info_fld_const = TCG_HELPER(x87_helper_fld_const, SE, V, P, I32);
TCGHelperInfo x87_info_arith = TCG_HELPER(x87_helper_arith, SE, V, P, I32, I32, I32, I32);
TCGHelperInfo x87_info_arith_mem = TCG_HELPER(x87_helper_arith_mem, SE, V, P, I32, I64, I32);
TCGHelperInfo x87_info_fcom = TCG_HELPER(x87_helper_fcom, SE, V, P, I32, I32, I32);
TCGHelperInfo x87_info_fcom_mem = TCG_HELPER(x87_helper_fcom_mem, SE, V, P, I64, I32, I32);
TCGHelperInfo x87_info_fcomi = TCG_HELPER(x87_helper_fcomi, SE, I32, P, I32, I32, I32);
TCGHelperInfo x87_info_d9_misc = TCG_HELPER(x87_helper_d9_misc, SE, V, P, I32);
TCGHelperInfo x87_info_fst_mem = TCG_HELPER(x87_helper_fst_mem, SE, I32, P, I32);
TCGHelperInfo x87_info_fst_commit = TCG_HELPER(x87_helper_fst_commit, SE, V, P, I32);
TCGHelperInfo x87_info_fst_sti = TCG_HELPER(x87_helper_fst_sti, SE, V, P, I32, I32);
TCGHelperInfo x87_info_fxch = TCG_HELPER(x87_helper_fxch, SE, V, P, I32);
TCGHelperInfo x87_info_ffree = TCG_HELPER(x87_helper_ffree, SE, V, P, I32, I32);
TCGHelperInfo x87_info_fcmov = TCG_HELPER(x87_helper_fcmov, SE, V, P, I32, I32);
TCGHelperInfo x87_info_fldcw = TCG_HELPER(x87_helper_fldcw, SE, V, P, I32);
TCGHelperInfo x87_info_fnstsw = TCG_HELPER(x87_helper_fnstsw, SE, I32, P);
TCGHelperInfo x87_info_fnclex = TCG_HELPER(x87_helper_fnclex, SE, V, P);
TCGHelperInfo x87_info_fninit = TCG_HELPER(x87_helper_fninit, SE, V, P);
TCGHelperInfo x87_info_fnstenv = TCG_HELPER(x87_helper_fnstenv, SE, V, P, I32);
TCGHelperInfo x87_info_fnsave = TCG_HELPER(x87_helper_fnsave, SE, V, P, I32);
TCGHelperInfo x87_info_fnstenv_done = TCG_HELPER(x87_helper_fnstenv_done, SE, V, P);
TCGHelperInfo x87_info_fldenv = TCG_HELPER(x87_helper_fldenv, SE, V, P, I32);
TCGHelperInfo x87_info_frstor = TCG_HELPER(x87_helper_frstor, SE, V, P, I32);
TCGHelperInfo x87_info_fxsave = TCG_HELPER(x87_helper_fxsave, SE, V, P);
TCGHelperInfo x87_info_fxrstor = TCG_HELPER(x87_helper_fxrstor, TCG_CALL_MAY_RAISE, V, P);
#undef P
#undef I32
#undef I64
#undef V
#undef SE
