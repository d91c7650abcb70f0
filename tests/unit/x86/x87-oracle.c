/*
 * The x87 helpers against the host's x87 as the oracle: each case runs
 * one instruction natively (FRSTOR state; insn; FNSAVE, built at run time)
 * and through the helper, from the same state, and compares the FSAVE
 * images (pointer fields masked), memory results and FCOMI flags.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include "target-i386/x87.h"

/* What the emulated side calls. */
typedef enum EmuKind {
    E_ARITH, E_ARITH_MEM, E_FCOM, E_FCOM_MEM, E_FCOMI, E_MISC, E_LOAD,
    E_STORE, E_FST_STI, E_FXCH, E_FFREE, E_FLD_STI, E_FNCLEX, E_FNINIT,
    E_FCMOV, E_FLDCW,
} EmuKind;

typedef struct X87Case {
    const char *name;
    uint8_t code[8];
    int len;
    EmuKind kind;
    int a, b, c, d;
} X87Case;

/* Memory operands use ModRM [rsi] (mod 00 rm 110): 0x06 | reg << 3. */
#define M(reg) (0x06 | ((reg) << 3))

static const X87Case x87_cases[] = {
    { "fadd st0,st1", { 0xd8, 0xc1 }, 2, E_ARITH, X87_ADD, 0, 1, 0 },
    { "fmul st0,st1", { 0xd8, 0xc9 }, 2, E_ARITH, X87_MUL, 0, 1, 0 },
    { "fsub st0,st1", { 0xd8, 0xe1 }, 2, E_ARITH, X87_SUB, 0, 1, 0 },
    { "fsubr st0,st1", { 0xd8, 0xe9 }, 2, E_ARITH, X87_SUBR, 0, 1, 0 },
    { "fdiv st0,st1", { 0xd8, 0xf1 }, 2, E_ARITH, X87_DIV, 0, 1, 0 },
    { "fdivr st0,st1", { 0xd8, 0xf9 }, 2, E_ARITH, X87_DIVR, 0, 1, 0 },
    { "fadd st1,st0", { 0xdc, 0xc1 }, 2, E_ARITH, X87_ADD, 1, 0, 0 },
    { "fsub st1,st0", { 0xdc, 0xe9 }, 2, E_ARITH, X87_SUB, 1, 0, 0 },
    { "fsubr st1,st0", { 0xdc, 0xe1 }, 2, E_ARITH, X87_SUBR, 1, 0, 0 },
    { "fdiv st1,st0", { 0xdc, 0xf9 }, 2, E_ARITH, X87_DIV, 1, 0, 0 },
    { "fdivr st1,st0", { 0xdc, 0xf1 }, 2, E_ARITH, X87_DIVR, 1, 0, 0 },
    { "fmulp st1,st0", { 0xde, 0xc9 }, 2, E_ARITH, X87_MUL, 1, 0, 1 },
    { "fsubp st1,st0", { 0xde, 0xe9 }, 2, E_ARITH, X87_SUB, 1, 0, 1 },
    { "fdivrp st1,st0", { 0xde, 0xf1 }, 2, E_ARITH, X87_DIVR, 1, 0, 1 },
    { "fadd m32", { 0xd8, M(0) }, 2, E_ARITH_MEM, X87_ADD, X87_M32FP },
    { "fsubr m32", { 0xd8, M(5) }, 2, E_ARITH_MEM, X87_SUBR, X87_M32FP },
    { "fdiv m32", { 0xd8, M(6) }, 2, E_ARITH_MEM, X87_DIV, X87_M32FP },
    { "fmul m64", { 0xdc, M(1) }, 2, E_ARITH_MEM, X87_MUL, X87_M64FP },
    { "fsub m64", { 0xdc, M(4) }, 2, E_ARITH_MEM, X87_SUB, X87_M64FP },
    { "fdivr m64", { 0xdc, M(7) }, 2, E_ARITH_MEM, X87_DIVR, X87_M64FP },
    { "fiadd m16", { 0xde, M(0) }, 2, E_ARITH_MEM, X87_ADD, X87_M16INT },
    { "fidiv m16", { 0xde, M(6) }, 2, E_ARITH_MEM, X87_DIV, X87_M16INT },
    { "fimul m32", { 0xda, M(1) }, 2, E_ARITH_MEM, X87_MUL, X87_M32INT },
    { "fisubr m32", { 0xda, M(5) }, 2, E_ARITH_MEM, X87_SUBR, X87_M32INT },
    { "fcom st1", { 0xd8, 0xd1 }, 2, E_FCOM, 1, 0, 0 },
    { "fcomp st1", { 0xd8, 0xd9 }, 2, E_FCOM, 1, 0, 1 },
    { "fcompp", { 0xde, 0xd9 }, 2, E_FCOM, 1, 0, 2 },
    { "fucom st1", { 0xdd, 0xe1 }, 2, E_FCOM, 1, 1, 0 },
    { "fucompp", { 0xda, 0xe9 }, 2, E_FCOM, 1, 1, 2 },
    { "fcom m32", { 0xd8, M(2) }, 2, E_FCOM_MEM, X87_M32FP, 0 },
    { "fcomp m64", { 0xdc, M(3) }, 2, E_FCOM_MEM, X87_M64FP, 1 },
    { "ficom m16", { 0xde, M(2) }, 2, E_FCOM_MEM, X87_M16INT, 0 },
    { "ficomp m32", { 0xda, M(3) }, 2, E_FCOM_MEM, X87_M32INT, 1 },
    { "fcomi st1", { 0xdb, 0xf1 }, 2, E_FCOMI, 1, 0, 0 },
    { "fucomi st1", { 0xdb, 0xe9 }, 2, E_FCOMI, 1, 1, 0 },
    { "fcomip st1", { 0xdf, 0xf1 }, 2, E_FCOMI, 1, 0, 1 },
    { "fucomip st1", { 0xdf, 0xe9 }, 2, E_FCOMI, 1, 1, 1 },
    { "fchs", { 0xd9, 0xe0 }, 2, E_MISC, 0xe0 },
    { "fabs", { 0xd9, 0xe1 }, 2, E_MISC, 0xe1 },
    { "ftst", { 0xd9, 0xe4 }, 2, E_MISC, 0xe4 },
    { "fxam", { 0xd9, 0xe5 }, 2, E_MISC, 0xe5 },
    { "fld1", { 0xd9, 0xe8 }, 2, E_MISC, 0xe8 },
    { "fldl2t", { 0xd9, 0xe9 }, 2, E_MISC, 0xe9 },
    { "fldl2e", { 0xd9, 0xea }, 2, E_MISC, 0xea },
    { "fldpi", { 0xd9, 0xeb }, 2, E_MISC, 0xeb },
    { "fldlg2", { 0xd9, 0xec }, 2, E_MISC, 0xec },
    { "fldln2", { 0xd9, 0xed }, 2, E_MISC, 0xed },
    { "fldz", { 0xd9, 0xee }, 2, E_MISC, 0xee },
    { "f2xm1", { 0xd9, 0xf0 }, 2, E_MISC, 0xf0 },
    { "fyl2x", { 0xd9, 0xf1 }, 2, E_MISC, 0xf1 },
    { "fptan", { 0xd9, 0xf2 }, 2, E_MISC, 0xf2 },
    { "fpatan", { 0xd9, 0xf3 }, 2, E_MISC, 0xf3 },
    { "fxtract", { 0xd9, 0xf4 }, 2, E_MISC, 0xf4 },
    { "fprem1", { 0xd9, 0xf5 }, 2, E_MISC, 0xf5 },
    { "fdecstp", { 0xd9, 0xf6 }, 2, E_MISC, 0xf6 },
    { "fincstp", { 0xd9, 0xf7 }, 2, E_MISC, 0xf7 },
    { "fprem", { 0xd9, 0xf8 }, 2, E_MISC, 0xf8 },
    { "fyl2xp1", { 0xd9, 0xf9 }, 2, E_MISC, 0xf9 },
    { "fsqrt", { 0xd9, 0xfa }, 2, E_MISC, 0xfa },
    { "fsincos", { 0xd9, 0xfb }, 2, E_MISC, 0xfb },
    { "frndint", { 0xd9, 0xfc }, 2, E_MISC, 0xfc },
    { "fscale", { 0xd9, 0xfd }, 2, E_MISC, 0xfd },
    { "fsin", { 0xd9, 0xfe }, 2, E_MISC, 0xfe },
    { "fcos", { 0xd9, 0xff }, 2, E_MISC, 0xff },
    { "fld m32", { 0xd9, M(0) }, 2, E_LOAD, X87_M32FP },
    { "fld m64", { 0xdd, M(0) }, 2, E_LOAD, X87_M64FP },
    { "fld m80", { 0xdb, M(5) }, 2, E_LOAD, X87_M80FP },
    { "fild m16", { 0xdf, M(0) }, 2, E_LOAD, X87_M16INT },
    { "fild m32", { 0xdb, M(0) }, 2, E_LOAD, X87_M32INT },
    { "fild m64", { 0xdf, M(5) }, 2, E_LOAD, X87_M64INT },
    { "fbld", { 0xdf, M(4) }, 2, E_LOAD, X87_M80BCD },
    { "fst m32", { 0xd9, M(2) }, 2, E_STORE, X87_M32FP, 0 },
    { "fstp m32", { 0xd9, M(3) }, 2, E_STORE, X87_M32FP, 1 },
    { "fst m64", { 0xdd, M(2) }, 2, E_STORE, X87_M64FP, 0 },
    { "fstp m80", { 0xdb, M(7) }, 2, E_STORE, X87_M80FP, 1 },
    { "fist m16", { 0xdf, M(2) }, 2, E_STORE, X87_M16INT, 0 },
    { "fistp m32", { 0xdb, M(3) }, 2, E_STORE, X87_M32INT, 1 },
    { "fistp m64", { 0xdf, M(7) }, 2, E_STORE, X87_M64INT, 1 },
    { "fbstp", { 0xdf, M(6) }, 2, E_STORE, X87_M80BCD, 1 },
    { "fst st3", { 0xdd, 0xd3 }, 2, E_FST_STI, 3, 0 },
    { "fstp st1", { 0xdd, 0xd9 }, 2, E_FST_STI, 1, 1 },
    { "fxch st1", { 0xd9, 0xc9 }, 2, E_FXCH, 1 },
    { "ffree st1", { 0xdd, 0xc1 }, 2, E_FFREE, 1, 0 },
    { "ffreep st0", { 0xdf, 0xc0 }, 2, E_FFREE, 0, 1 },
    { "fld st1", { 0xd9, 0xc1 }, 2, E_FLD_STI, 1 },
    { "fnclex", { 0xdb, 0xe2 }, 2, E_FNCLEX },
    { "fninit", { 0xdb, 0xe3 }, 2, E_FNINIT },
    /* stc/clc first: FCMOVB moves when CF = 1 */
    { "fcmovb(cf=1)", { 0xf9, 0xda, 0xc1 }, 3, E_FCMOV, 1, 1 },
    { "fcmovb(cf=0)", { 0xf8, 0xda, 0xc1 }, 3, E_FCMOV, 1, 0 },
    { "fcmovnb(cf=0)", { 0xf8, 0xdb, 0xc1 }, 3, E_FCMOV, 1, 1 },
    { "fldcw m16", { 0xd9, M(5) }, 2, E_FLDCW },
    /* other register numbers */
    { "fld st0", { 0xd9, 0xc0 }, 2, E_FLD_STI, 0 },
    { "fld st7", { 0xd9, 0xc7 }, 2, E_FLD_STI, 7 },
    { "fst st0", { 0xdd, 0xd0 }, 2, E_FST_STI, 0, 0 },
    { "fstp st0", { 0xdd, 0xd8 }, 2, E_FST_STI, 0, 1 },
    { "fstp st7", { 0xdd, 0xdf }, 2, E_FST_STI, 7, 1 },
    { "fxch st3", { 0xd9, 0xcb }, 2, E_FXCH, 3 },
    { "fxch st7", { 0xd9, 0xcf }, 2, E_FXCH, 7 },
    { "fadd st0,st3", { 0xd8, 0xc3 }, 2, E_ARITH, X87_ADD, 0, 3, 0 },
    { "fsubrp st3,st0", { 0xde, 0xe3 }, 2, E_ARITH, X87_SUBR, 3, 0, 1 },
    { "fdivp st7,st0", { 0xde, 0xff }, 2, E_ARITH, X87_DIV, 7, 0, 1 },
    { "fcom st3", { 0xd8, 0xd3 }, 2, E_FCOM, 3, 0, 0 },
    { "fucomip st7", { 0xdf, 0xef }, 2, E_FCOMI, 7, 1, 1 },
    { "ffree st7", { 0xdd, 0xc7 }, 2, E_FFREE, 7, 0 },
    { "fcmove st3 (zf=1)", { 0x31, 0xc0, 0xda, 0xcb }, 4, E_FCMOV, 3, 1 },
};

/* ---- values ---- */

typedef struct V80 { uint16_t se; uint64_t m; } V80;

static const V80 x87_values[] = {
    { 0x0000, 0 }, { 0x8000, 0 },
    { 0x3fff, 0x8000000000000000ull }, { 0xbfff, 0xc000000000000000ull },
    { 0x4000, 0xc90fdaa22168c235ull }, { 0x3ffd, 0xaaaaaaaaaaaaaaabull },
    { 0x4063, 0x8000000000000000ull }, { 0x7ffe, 0xffffffffffffffffull },
    { 0x0001, 0x8000000000000000ull }, { 0x0000, 0x0000000000000001ull },
    { 0x8000, 0x4000000000000000ull }, { 0x0000, 0x8000000000000001ull },
    { 0x7fff, 0x8000000000000000ull }, { 0xffff, 0x8000000000000000ull },
    { 0x7fff, 0xc000000000000001ull }, { 0x7fff, 0x8000000000000005ull },
    { 0xffff, 0xe000000000000000ull }, { 0xffff, 0xc000000000000000ull },
    { 0x4000, 0x4000000000000000ull }, { 0x7fff, 0x0000000000000000ull },
    { 0x7fff, 0x4000000000000001ull }, { 0x4020, 0x9502f90000000000ull },
    { 0x403e, 0xffffffffffffffffull }, { 0x3ffe, 0x8000000000000001ull },
    { 0x400c, 0xc0e6b6c8b4395810ull }, { 0xc001, 0xe000000000000000ull },
    { 0x403d, 0xb000000000000000ull }, { 0xc00e, 0xfffe000000000000ull },
    { 0x4043, 0xc000000000000000ull }, { 0x3f00, 0x8000000000000000ull },
    { 0x3ffe, 0xb504f333f9de6484ull }, { 0x4035, 0x8000000000000001ull },
};
#define NV ((int)(sizeof(x87_values) / sizeof(x87_values[0])))

static const uint64_t x87_mem_values[][12] = {
    [X87_M32FP] = { 0, 0x80000000, 0x3f800000, 0x7f800000, 0xff800000,
                    0x7fc00000, 0x7f800001, 0x00000001, 0x007fffff,
                    0x7f7fffff, 0x3eaaaaab, 0xc0490fdb },
    [X87_M64FP] = { 0, 1ull << 63, 0x3ff0000000000000ull,
                    0x7ff0000000000000ull, 0x7ff8000000000000ull,
                    0x7ff0000000000001ull, 1, 0x000fffffffffffffull,
                    0x7fefffffffffffffull, 0x3fd5555555555555ull,
                    0xc00921fb54442d18ull, 0xfff4000000000000ull },
    [X87_M16INT] = { 0, 1, 0xffff, 0x7fff, 0x8000, 12345, 3, 0xfff0 },
    [X87_M32INT] = { 0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 123456789,
                     3, 0xfffffff0 },
    [X87_M64INT] = { 0, 1, ~0ull, 0x7fffffffffffffffull, 1ull << 63,
                     0x0020000000000001ull, 123456789012345678ull, 3 },
    [X87_M80BCD] = { 0, 0x9999999999999999ull, 0x0000000000000123ull,
                     0x1234567890123456ull, 0x00000000000000a1ull, 1 },
};
static const int x87_mem_count[] = { 12, 12, 8, 8, 8, 0, 6 };
static const uint16_t x87_bcd_hi[] = { 0x0000, 0x0099, 0x8000, 0x8012, 0x0000, 0xffff };

/* ---- the native side ---- */

typedef void (*NativeFn)(uint8_t *img, uint8_t *mem, uint8_t *flags);

static NativeFn x87_build_native(const X87Case *c)
{
    static const uint8_t head[] = { 0xdd, 0x27 };            /* frstor [rdi] */
    static const uint8_t tail[] = {
        0x0f, 0x94, 0x02,                                   /* setz [rdx] */
        0x0f, 0x9a, 0x42, 0x01,                             /* setp [rdx+1] */
        0x0f, 0x92, 0x42, 0x02,                             /* setc [rdx+2] */
        0xdd, 0x37,                                         /* fnsave [rdi] */
        0xc3,                                               /* ret */
    };
    uint8_t *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint8_t *q = p;

    cr_assert(p != MAP_FAILED);
    memcpy(q, head, sizeof(head)); q += sizeof(head);
    memcpy(q, c->code, c->len); q += c->len;
    memcpy(q, tail, sizeof(tail));
    cr_assert(mprotect(p, 4096, PROT_READ | PROT_EXEC) == 0);
    return (NativeFn)(void *)p;
}

/* ---- the emulated side ---- */

static void x87_emu_store(CPUX86State *env, uint8_t *mem, int kind, int pop)
{
    static const int size[] = { 4, 8, 2, 4, 8, 10, 10 };
    uint32_t ok = x87_helper_fst_mem(env, kind);

    if (ok) {
        memcpy(mem, &env->ft0.x.mant, size[kind] < 8 ? size[kind] : 8);
        if (size[kind] == 10) {
            memcpy(mem + 8, &env->ft0.x.sign_exp, 2);
        }
    }
    x87_helper_fst_commit(env, pop && ok);
}

static void x87_emu(const X87Case *c, CPUX86State *env, uint8_t *mem,
                    uint8_t *flags)
{
    uint64_t bits;
    uint16_t hi;
    uint32_t f;

    memcpy(&bits, mem, 8);
    memcpy(&hi, mem + 8, 2);
    switch (c->kind) {
    case E_ARITH: x87_helper_arith(env, c->a, c->b, c->c, c->d); break;
    case E_ARITH_MEM: x87_helper_arith_mem(env, c->a, bits, c->b); break;
    case E_FCOM: x87_helper_fcom(env, c->a, c->b, c->c); break;
    case E_FCOM_MEM: x87_helper_fcom_mem(env, bits, c->a, c->b); break;
    case E_FCOMI:
        f = x87_helper_fcomi(env, c->a, c->b, c->c);
        flags[0] = !!(f & CC_Z);
        flags[1] = !!(f & CC_P);
        flags[2] = !!(f & CC_C);
        break;
    case E_MISC: x87_helper_d9_misc(env, c->a); break;
    case E_LOAD:
        switch (c->a) {
        case X87_M32FP: x87_helper_fld_m32(env, (uint32_t)bits); break;
        case X87_M64FP: x87_helper_fld_m64(env, bits); break;
        case X87_M80FP: x87_helper_fld_m80(env, bits, hi); break;
        case X87_M80BCD: x87_helper_fbld(env, bits, hi); break;
        default: x87_helper_fild(env, bits, c->a); break;
        }
        break;
    case E_STORE: x87_emu_store(env, mem, c->a, c->b); break;
    case E_FST_STI: x87_helper_fst_sti(env, c->a, c->b); break;
    case E_FXCH: x87_helper_fxch(env, c->a); break;
    case E_FFREE: x87_helper_ffree(env, c->a, c->b); break;
    case E_FLD_STI: x87_helper_fld_sti(env, c->a); break;
    case E_FNCLEX: x87_helper_fnclex(env); break;
    case E_FNINIT: x87_helper_fninit(env); break;
    case E_FCMOV: x87_helper_fcmov(env, c->a, c->b); break;
    case E_FLDCW: x87_helper_fldcw(env, (uint16_t)bits); break;
    }
}

/* ---- states ---- */

static void put_v80(uint8_t *p, V80 v)
{
    memcpy(p, &v.m, 8);
    memcpy(p + 8, &v.se, 2);
}

/*
 * A 108-byte FSAVE image: control word cw, TOP = top, condition bits and
 * some masked exception flags from cond, ST0 = a, ST1 = b, the rest from the value list; cfg 0: ST7 empty,
 * 1: ST0 empty too, 2: all full, 3: ST1 and ST7 empty.
 */
static void x87_make_state(uint8_t *img, uint16_t cw, int top, int cond,
                           V80 a, V80 b, int cfg)
{
    static const uint16_t cbits[4] = { X87_SW_C0, X87_SW_C1, X87_SW_C2,
                                       X87_SW_C3 };
    uint16_t sw = top << 11, tw = 0;
    bool empty[8] = { false };

    for (int i = 0; i < 4; i++) {
        if (cond & (1 << i)) {
            sw |= cbits[i];
        }
    }
    /* Some sticky flags already up (only masked ones, so nothing is
     * pending when the native side loads the state). */
    sw |= (uint16_t)((cond * 0x13 + top * 0x25) & cw & X87_SW_EXC);
    empty[7] = cfg != 2;
    empty[0] = cfg == 1;
    empty[1] = cfg == 3;
    memset(img, 0, 108);
    for (int i = 0; i < 8; i++) {
        V80 v = i == 0 ? a : i == 1 ? b : x87_values[(i * 5 + cond) % NV];
        put_v80(img + 28 + 10 * i, v);
        /* Tags are per physical register; non-empty ones are recomputed
         * by FRSTOR, so 0 (valid) stands for all of them. */
        tw |= (empty[i] ? 3 : 0) << (2 * ((top + i) & 7));
    }
    memcpy(img + 0, &cw, 2);
    memcpy(img + 4, &sw, 2);
    memcpy(img + 8, &tw, 2);
}

static int x87_failures, x87_case_failures;

static void x87_compare(const X87Case *c, const uint8_t *init,
                        const uint8_t *mem_in, const uint8_t *nimg,
                        const uint8_t *nmem, const uint8_t *nflags,
                        const uint8_t *eimg, const uint8_t *emem,
                        const uint8_t *eflags)
{
    uint8_t a[108], b[108];
    bool flags_matter = c->kind == E_FCOMI;

    memcpy(a, nimg, 108);
    memcpy(b, eimg, 108);
    /* FIP, FCS, FOP, FDP, FDS and the reserved halves are not compared. */
    memset(a + 12, 0, 16);
    memset(b + 12, 0, 16);
    for (int i = 0; i < 3; i++) {
        a[2 + 4 * i] = a[3 + 4 * i] = b[2 + 4 * i] = b[3 + 4 * i] = 0;
    }
    if (memcmp(a, b, 108) == 0 && memcmp(nmem, emem, 16) == 0 &&
        (!flags_matter || memcmp(nflags, eflags, 3) == 0)) {
        return;
    }
    x87_failures++;
    if (++x87_case_failures > 3) {
        return;
    }
    printf("MISMATCH %s: cw %04x sw %04x tw %04x st0 %04x:%016llx "
           "st1 %04x:%016llx mem %016llx\n", c->name,
           *(const uint16_t *)init, *(const uint16_t *)(init + 4),
           *(const uint16_t *)(init + 8), *(const uint16_t *)(init + 36),
           *(const unsigned long long *)(init + 28),
           *(const uint16_t *)(init + 46),
           *(const unsigned long long *)(init + 38),
           *(const unsigned long long *)mem_in);
    printf("  native sw %04x tw %04x st0 %04x:%016llx st1 %04x:%016llx "
           "mem %016llx flags %d%d%d\n",
           *(const uint16_t *)(a + 4), *(const uint16_t *)(a + 8),
           *(const uint16_t *)(a + 36), *(const unsigned long long *)(a + 28),
           *(const uint16_t *)(a + 46), *(const unsigned long long *)(a + 38),
           *(const unsigned long long *)nmem, nflags[0], nflags[1], nflags[2]);
    printf("  mimic  sw %04x tw %04x st0 %04x:%016llx st1 %04x:%016llx "
           "mem %016llx flags %d%d%d\n",
           *(const uint16_t *)(b + 4), *(const uint16_t *)(b + 8),
           *(const uint16_t *)(b + 36), *(const unsigned long long *)(b + 28),
           *(const uint16_t *)(b + 46), *(const unsigned long long *)(b + 38),
           *(const unsigned long long *)emem, eflags[0], eflags[1], eflags[2]);
}

/* The memory operand inputs a case runs with (count, and the i-th). */
static int x87_case_mem_count(const X87Case *c)
{
    int kind = -1;

    if (c->kind == E_ARITH_MEM) {
        kind = c->b;
    } else if (c->kind == E_FCOM_MEM || c->kind == E_LOAD) {
        kind = c->a;
    } else if (c->kind == E_FLDCW) {
        return 8;
    }
    if (kind < 0) {
        return 1;
    }
    return kind == X87_M80FP ? NV : x87_mem_count[kind];
}

static void x87_case_mem(const X87Case *c, int i, uint8_t *mem)
{
    int kind = c->kind == E_ARITH_MEM ? c->b : c->a;

    static const uint16_t cws[8] = { 0x037f, 0xffff, 0x0000, 0x0c7e,
                                     0x1e40, 0x027f, 0xf37f, 0x0b7b };

    memset(mem, 0x5a, 16);
    if (c->kind == E_FLDCW) {
        memcpy(mem, &cws[i], 2);
        return;
    }
    if (c->kind != E_ARITH_MEM && c->kind != E_FCOM_MEM && c->kind != E_LOAD) {
        return;
    }
    if (kind == X87_M80FP) {
        put_v80(mem, x87_values[i]);
        return;
    }
    memcpy(mem, &x87_mem_values[kind][i], 8);
    if (kind == X87_M80BCD) {
        memcpy(mem + 8, &x87_bcd_hi[i], 2);
    }
}

static bool x87_case_binary(const X87Case *c)
{
    return c->kind == E_ARITH || c->kind == E_FCOM || c->kind == E_FCOMI ||
           (c->kind == E_MISC && (c->a == 0xf1 || c->a == 0xf3 ||
                                  c->a == 0xf5 || c->a == 0xf8 ||
                                  c->a == 0xf9 || c->a == 0xfd));
}

/* Control words: every precision and rounding with exceptions masked,
 * then each exception unmasked alone (round to nearest, 64 bits). */
static const uint16_t x87_cws[] = {
    0x037f, 0x077f, 0x0b7f, 0x0f7f, 0x027f, 0x067f, 0x0a7f, 0x0e7f,
    0x007f, 0x047f, 0x087f, 0x0c7f,
    0x037e, 0x037d, 0x037b, 0x0377, 0x036f, 0x035f, 0x0340,
};

static void x87_run_case(const X87Case *c)
{
    NativeFn native = x87_build_native(c);
    int nb = x87_case_binary(c) ? NV : 1;
    int nmem = x87_case_mem_count(c);
    int runs = 0;
    CPUX86State *env = calloc(1, sizeof(*env));

    for (size_t w = 0; w < sizeof(x87_cws) / sizeof(x87_cws[0]); w++) {
        for (int cfg = 0; cfg < 4; cfg++) {
            for (int ia = 0; ia < NV; ia++) {
                for (int ib = 0; ib < nb; ib++) {
                    for (int im = 0; im < nmem; im++) {
                        uint8_t init[108], nimg[108], eimg[108];
                        uint8_t mem_in[16], nmem_out[16], emem[16];
                        uint8_t nflags[3] = { 0 }, eflags[3] = { 0 };
                        int top = (ia + ib + cfg) & 7;

                        x87_make_state(init, x87_cws[w], top, (ia + ib) & 15,
                                       x87_values[ia],
                                       x87_values[nb > 1 ? ib : (ia + 3) % NV],
                                       cfg);
                        x87_case_mem(c, im, mem_in);
                        memcpy(nimg, init, 108);
                        memcpy(nmem_out, mem_in, 16);
                        native(nimg, nmem_out, nflags);

                        memset(env, 0, sizeof(*env));
                        x87_restore_image(env, init, true);
                        memcpy(emem, mem_in, 16);
                        x87_emu(c, env, emem, eflags);
                        x87_save_image(env, eimg, true);
                        x87_compare(c, init, mem_in, nimg, nmem_out, nflags,
                                    eimg, emem, eflags);
                        runs++;
                    }
                }
            }
        }
    }
    free(env);
    printf("x87 oracle: %-14s %6d states compared, %d differ\n", c->name,
           runs, x87_case_failures);
    x87_case_failures = 0;
}

Test(x87_oracle, all_cases)
{
    int n = sizeof(x87_cases) / sizeof(x87_cases[0]);

    x87_failures = 0;
    for (int i = 0; i < n; i++) {
        x87_run_case(&x87_cases[i]);
    }
    printf("x87 oracle: %d cases, %d mismatches\n", n, x87_failures);
    fflush(stdout);
    cr_assert_eq(x87_failures, 0, "%d states differ from the host x87",
                 x87_failures);
}

/* FSAVE/FRSTOR and FXSAVE/FXRSTOR images round-trip through the helpers
 * and match the host's own FXSAVE for the x87 part. */
Test(x87_oracle, images)
{
    uint8_t init[108], img[108], fx[512] __attribute__((aligned(16)));
    uint8_t nfx[512] __attribute__((aligned(16)));
    CPUX86State *env = calloc(1, sizeof(*env));

    x87_make_state(init, 0x0b7f, 5, 9, x87_values[4], x87_values[10], 3);
    x87_restore_image(env, init, true);
    x87_save_image(env, img, true);
    /* Tag words differ: the image we made says 0 for non-empty ones. */
    cr_assert(memcmp(init + 28, img + 28, 80) == 0);
    printf("x87 images: tag word %04x (full), sw %04x\n",
           *(uint16_t *)(img + 8), *(uint16_t *)(img + 4));

    memset(nfx, 0, sizeof(nfx));
    __asm__ volatile("frstor %1\n\tfxsave %0\n\tfninit"
                     : "=m"(nfx) : "m"(init) : "memory");
    memset(fx, 0, sizeof(fx));
    x87_fxsave_image(env, fx);
    /* FCW FSW FTW and the registers (skip FOP/FIP/FDP, MXCSR, XMM). */
    cr_assert(memcmp(fx, nfx, 6) == 0, "fxsave header %02x%02x %02x%02x %02x",
              fx[0], fx[1], fx[2], fx[3], fx[4]);
    for (int i = 0; i < 8; i++) {
        cr_assert(memcmp(fx + 32 + 16 * i, nfx + 32 + 16 * i, 10) == 0);
    }
    printf("x87 images: fxsave ftw %02x matches the host\n", fx[4]);
    free(env);
}

/* FRSTOR then FNSAVE of random images (any control word, status word,
 * tag word and register bits): what the helpers keep of an image must be
 * what the host keeps. */
Test(x87_oracle, random_images)
{
    static const X87Case restore_only = { "frstor/fnsave", { 0 }, 0 };
    NativeFn native = x87_build_native(&restore_only);
    CPUX86State *env = calloc(1, sizeof(*env));
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    int bad = 0, n = 20000;

    for (int k = 0; k < n; k++) {
        uint8_t in[108], nimg[108], eimg[108], mem[16] = { 0 }, fl[3];
        for (int i = 0; i < 108; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            in[i] = seed >> 56;
        }
        memcpy(nimg, in, 108);
        native(nimg, mem, fl);
        memset(env, 0, sizeof(*env));
        x87_restore_image(env, in, true);
        x87_save_image(env, eimg, true);
        memset(nimg + 12, 0, 16);
        memset(eimg + 12, 0, 16);
        if (memcmp(nimg, eimg, 108) != 0 && ++bad <= 5) {
            printf("image %d: in cw %02x%02x sw %02x%02x tw %02x%02x: native "
                   "cw %02x%02x sw %02x%02x tw %02x%02x, mimic cw %02x%02x "
                   "sw %02x%02x tw %02x%02x\n", k, in[1], in[0], in[5], in[4],
                   in[9], in[8], nimg[1], nimg[0], nimg[5], nimg[4], nimg[9],
                   nimg[8], eimg[1], eimg[0], eimg[5], eimg[4], eimg[9],
                   eimg[8]);
        }
    }
    printf("x87 random images: %d compared, %d differ\n", n, bad);
    free(env);
    cr_assert_eq(bad, 0);
}

/* FXRSTOR then FXSAVE of images with random x87 parts (MXCSR default, XMM
 * zero): the x87 fields the helpers keep must be the host's. The host's
 * own FXSAVE area is saved around the native run. */
Test(x87_oracle, random_fx_images)
{
    static const uint8_t code[] = {
        0x0f, 0xae, 0x02,       /* fxsave [rdx] (the host state) */
        0x0f, 0xae, 0x0f,       /* fxrstor [rdi] */
        0x0f, 0xae, 0x07,       /* fxsave [rdi] */
        0x0f, 0xae, 0x0a,       /* fxrstor [rdx] */
        0xc3,
    };
    static uint8_t in[512] __attribute__((aligned(16)));
    static uint8_t nimg[512] __attribute__((aligned(16)));
    static uint8_t host[512] __attribute__((aligned(16)));
    static uint8_t eimg[512] __attribute__((aligned(16)));
    uint8_t *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    void (*native)(uint8_t *, uint8_t *, uint8_t *);
    CPUX86State *env = calloc(1, sizeof(*env));
    uint64_t seed = 0x2545f4914f6cdd1dull;
    int bad = 0, n = 20000;

    cr_assert(p != MAP_FAILED);
    memcpy(p, code, sizeof(code));
    cr_assert(mprotect(p, 4096, PROT_READ | PROT_EXEC) == 0);
    native = (void (*)(uint8_t *, uint8_t *, uint8_t *))(void *)p;
    for (int k = 0; k < n; k++) {
        memset(in, 0, sizeof(in));
        for (int i = 0; i < 160; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            in[i] = seed >> 56;
        }
        memset(in + 24, 0, 8);
        in[24] = 0x80; in[25] = 0x1f;           /* MXCSR 1F80 */
        memcpy(nimg, in, 512);
        native(nimg, NULL, host);
        memset(env, 0, sizeof(*env));
        x87_fxrstor_image(env, in);
        memset(eimg, 0, sizeof(eimg));
        x87_fxsave_image(env, eimg);
        for (uint8_t *img = nimg; img; img = img == nimg ? eimg : NULL) {
            memset(img + 6, 0, 18);             /* FOP FIP FCS FDP FDS */
            memset(img + 28, 0, 4);             /* MXCSR_MASK */
        }
        if (memcmp(nimg, eimg, 160) != 0 && ++bad <= 5) {
            printf("fx image %d: in fcw %02x%02x fsw %02x%02x ftw %02x: "
                   "native %02x%02x %02x%02x %02x, mimic %02x%02x %02x%02x "
                   "%02x\n", k, in[1], in[0], in[3], in[2], in[4], nimg[1],
                   nimg[0], nimg[3], nimg[2], nimg[4], eimg[1], eimg[0],
                   eimg[3], eimg[2], eimg[4]);
        }
    }
    printf("x87 random fxsave images: %d compared, %d differ\n", n, bad);
    free(env);
    cr_assert_eq(bad, 0);
}
