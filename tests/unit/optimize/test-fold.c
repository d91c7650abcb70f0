/*
 * tcg_fold_op, the reference meaning of every value op, against values
 * checked by hand (and, where the C expression is obvious, by the host C
 * compiler) at the edges of both types.
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>

#include "tcg/tcg.h"

#define I32 TCG_TYPE_I32
#define I64 TCG_TYPE_I64

static const char *type_name(TCGType t)
{
    return t == I32 ? "i32" : "i64";
}

/* Folds one op and checks out[0] (and out[1] if nout == 2). */
static void check(TCGOpcode opc, TCGType type, const uint64_t *in,
                  const TCGArg *cargs, int nout, uint64_t e0, uint64_t e1)
{
    uint64_t out[2] = { 0xdeadbeef, 0xdeadbeef };
    bool ok = tcg_fold_op(opc, type, in, cargs, out);

    printf("%-14s %s in=[%#" PRIx64 ",%#" PRIx64 "] -> %#" PRIx64,
           tcg_op_defs[opc].name, type_name(type), in[0], in[1], out[0]);
    if (nout == 2) {
        printf(",%#" PRIx64, out[1]);
    }
    printf("  expect %#" PRIx64, e0);
    if (nout == 2) {
        printf(",%#" PRIx64, e1);
    }
    printf("\n");
    cr_assert(ok, "%s not folded", tcg_op_defs[opc].name);
    cr_expect_eq(out[0], e0, "%s %s out0 %#" PRIx64 " != %#" PRIx64,
                 tcg_op_defs[opc].name, type_name(type), out[0], e0);
    if (nout == 2) {
        cr_expect_eq(out[1], e1, "%s %s out1 %#" PRIx64 " != %#" PRIx64,
                     tcg_op_defs[opc].name, type_name(type), out[1], e1);
    }
}

static void t1(TCGOpcode opc, TCGType type, uint64_t a, uint64_t e)
{
    uint64_t in[4] = { a, 0, 0, 0 };
    check(opc, type, in, NULL, 1, e, 0);
}

static void t2(TCGOpcode opc, TCGType type, uint64_t a, uint64_t b, uint64_t e)
{
    uint64_t in[4] = { a, b, 0, 0 };
    check(opc, type, in, NULL, 1, e, 0);
}

static void t2c(TCGOpcode opc, TCGType type, uint64_t a, uint64_t b,
                TCGArg c0, TCGArg c1, uint64_t e)
{
    uint64_t in[4] = { a, b, 0, 0 };
    TCGArg cargs[2] = { c0, c1 };
    check(opc, type, in, cargs, 1, e, 0);
}

static void t2x2(TCGOpcode opc, TCGType type, uint64_t a, uint64_t b,
                 uint64_t lo, uint64_t hi)
{
    uint64_t in[4] = { a, b, 0, 0 };
    check(opc, type, in, NULL, 2, lo, hi);
}

static void t4x2(TCGOpcode opc, TCGType type, uint64_t al, uint64_t ah,
                 uint64_t bl, uint64_t bh, uint64_t lo, uint64_t hi)
{
    uint64_t in[4] = { al, ah, bl, bh };
    check(opc, type, in, NULL, 2, lo, hi);
}

Test(fold, arith)
{
    t2(INDEX_op_add, I32, 0xffffffff, 1, 0);
    t2(INDEX_op_add, I32, 0x7fffffff, 1, 0x80000000);
    t2(INDEX_op_add, I64, ~0ull, 1, 0);
    t2(INDEX_op_add, I64, 0x7fffffffffffffffull, 1, 0x8000000000000000ull);
    t2(INDEX_op_add, I32, 0x100000005ull, 3, 8);   /* high input bits ignored */
    t2(INDEX_op_sub, I32, 0, 1, 0xffffffff);
    t2(INDEX_op_sub, I64, 0, 1, ~0ull);
    t2(INDEX_op_sub, I32, 0x80000000, 1, 0x7fffffff);
    t2(INDEX_op_mul, I32, 0x10000, 0x10000, 0);
    t2(INDEX_op_mul, I32, 0xffffffff, 0xffffffff, 1);
    t2(INDEX_op_mul, I64, 0x100000000ull, 0x100000000ull, 0);
    t2(INDEX_op_mul, I64, 3, 0x5555555555555556ull, 2);
    t1(INDEX_op_neg, I32, 1, 0xffffffff);
    t1(INDEX_op_neg, I32, 0x80000000, 0x80000000);
    t1(INDEX_op_neg, I32, 0, 0);
    t1(INDEX_op_neg, I64, 0x8000000000000000ull, 0x8000000000000000ull);
    t1(INDEX_op_neg, I64, 5, 0xfffffffffffffffbull);
    t1(INDEX_op_mov, I32, 0x123456789ull, 0x23456789);
    t1(INDEX_op_mov, I64, 0x123456789ull, 0x123456789ull);
}

Test(fold, double_width)
{
    /* 0xffffffff^2 = 0xfffffffe00000001 */
    t2x2(INDEX_op_mulu2, I32, 0xffffffff, 0xffffffff, 1, 0xfffffffe);
    /* (-1)*(-1) = 1 */
    t2x2(INDEX_op_muls2, I32, 0xffffffff, 0xffffffff, 1, 0);
    /* -2^31 * 2 = -2^32: lo 0, hi 0xffffffff */
    t2x2(INDEX_op_muls2, I32, 0x80000000, 2, 0, 0xffffffff);
    t2x2(INDEX_op_mulu2, I32, 0x80000000, 2, 0, 1);
    /* (2^64-1)^2 = 2^128 - 2^65 + 1 */
    t2x2(INDEX_op_mulu2, I64, ~0ull, ~0ull, 1, 0xfffffffffffffffeull);
    t2x2(INDEX_op_muls2, I64, ~0ull, ~0ull, 1, 0);
    /* -2^63 * -2^63 = 2^126 */
    t2x2(INDEX_op_muls2, I64, 0x8000000000000000ull, 0x8000000000000000ull,
         0, 0x4000000000000000ull);
    t2x2(INDEX_op_muls2, I64, 0x8000000000000000ull, 1, 0x8000000000000000ull, ~0ull);
    t2x2(INDEX_op_mulu2, I64, 0x100000000ull, 0x100000000ull, 0, 1);
    /* add2: (0:ffffffff) + (0:1) = (1:0) */
    t4x2(INDEX_op_add2, I32, 0xffffffff, 0, 1, 0, 0, 1);
    t4x2(INDEX_op_add2, I32, 0xffffffff, 0xffffffff, 1, 0, 0, 0);
    t4x2(INDEX_op_add2, I64, ~0ull, 5, 1, 6, 0, 12);
    t4x2(INDEX_op_add2, I64, 2, 5, 3, 6, 5, 11);
    /* sub2: (1:0) - (0:1) = (0:ffffffff) */
    t4x2(INDEX_op_sub2, I32, 0, 1, 1, 0, 0xffffffff, 0);
    t4x2(INDEX_op_sub2, I32, 0, 0, 1, 0, 0xffffffff, 0xffffffff);
    t4x2(INDEX_op_sub2, I64, 0, 0, 1, 0, ~0ull, ~0ull);
    t4x2(INDEX_op_sub2, I64, 5, 7, 5, 7, 0, 0);
}

Test(fold, logic)
{
    uint64_t a = 0xf0f0ff00u, b = 0xff00f0f0u;
    t2(INDEX_op_and, I32, a, b, 0xf000f000);
    t2(INDEX_op_or, I32, a, b, 0xfff0fff0);
    t2(INDEX_op_xor, I32, a, b, 0x0ff00ff0);
    t2(INDEX_op_andc, I32, a, b, 0x00f00f00);
    t2(INDEX_op_orc, I32, a, b, 0xf0ffff0f);
    t2(INDEX_op_eqv, I32, a, b, 0xf00ff00f);
    t2(INDEX_op_nand, I32, a, b, 0x0fff0fff);
    t2(INDEX_op_nor, I32, a, b, 0x000f000f);
    t1(INDEX_op_not, I32, 0, 0xffffffff);
    t1(INDEX_op_not, I64, 0, ~0ull);
    t2(INDEX_op_andc, I64, ~0ull, 1, ~1ull);
    t2(INDEX_op_orc, I64, 0, 1, ~1ull);
    t2(INDEX_op_eqv, I64, 0, 0, ~0ull);
    t2(INDEX_op_nand, I64, ~0ull, ~0ull, 0);
    t2(INDEX_op_nor, I64, 0, 0, ~0ull);
    t2(INDEX_op_nor, I32, 0, 0, 0xffffffff);
}

Test(fold, shifts)
{
    t2(INDEX_op_shl, I32, 1, 31, 0x80000000);
    t2(INDEX_op_shl, I32, 1, 32, 1);            /* count modulo 32 */
    t2(INDEX_op_shl, I32, 3, 33, 6);
    t2(INDEX_op_shl, I64, 1, 63, 0x8000000000000000ull);
    t2(INDEX_op_shl, I64, 1, 64, 1);
    t2(INDEX_op_shl, I64, 0xffffffffull, 16, 0xffffffff0000ull);
    t2(INDEX_op_shr, I32, 0x80000000, 31, 1);
    t2(INDEX_op_shr, I32, 0x80000000, 32, 0x80000000);
    t2(INDEX_op_shr, I64, 0x8000000000000000ull, 63, 1);
    t2(INDEX_op_sar, I32, 0x80000000, 31, 0xffffffff);
    t2(INDEX_op_sar, I32, 0x80000000, 4, 0xf8000000);
    t2(INDEX_op_sar, I32, 0x40000000, 30, 1);
    t2(INDEX_op_sar, I64, 0x8000000000000000ull, 63, ~0ull);
    t2(INDEX_op_sar, I64, 0x80000000ull, 31, 1); /* bit 31 is not the sign of i64 */
    t2(INDEX_op_rotl, I32, 0x80000001, 1, 3);
    t2(INDEX_op_rotl, I32, 0x12345678, 0, 0x12345678);
    t2(INDEX_op_rotl, I32, 0x12345678, 32, 0x12345678);
    t2(INDEX_op_rotl, I32, 0x12345678, 8, 0x34567812);
    t2(INDEX_op_rotr, I32, 0x12345678, 8, 0x78123456);
    t2(INDEX_op_rotr, I32, 1, 1, 0x80000000);
    t2(INDEX_op_rotl, I64, 0x8000000000000001ull, 1, 3);
    t2(INDEX_op_rotr, I64, 1, 1, 0x8000000000000000ull);
    t2(INDEX_op_rotr, I64, 0x0123456789abcdefull, 68, 0xf0123456789abcdeull);
}

Test(fold, extensions)
{
    t1(INDEX_op_ext8s, I32, 0x80, 0xffffff80);
    t1(INDEX_op_ext8s, I32, 0x17f, 0x7f);
    t1(INDEX_op_ext8s, I64, 0xff, ~0ull);
    t1(INDEX_op_ext8u, I32, 0xffffffff, 0xff);
    t1(INDEX_op_ext8u, I64, ~0ull, 0xff);
    t1(INDEX_op_ext16s, I32, 0x8000, 0xffff8000);
    t1(INDEX_op_ext16s, I64, 0x12347fff, 0x7fff);
    t1(INDEX_op_ext16s, I64, 0x8000, 0xffffffffffff8000ull);
    t1(INDEX_op_ext16u, I32, 0xffff8000, 0x8000);
    t1(INDEX_op_ext16u, I64, ~0ull, 0xffff);
    t1(INDEX_op_ext32s, I64, 0x80000000ull, 0xffffffff80000000ull);
    t1(INDEX_op_ext32s, I64, 0xffffffff7fffffffull, 0x7fffffff);
    t1(INDEX_op_ext32u, I64, ~0ull, 0xffffffff);
    t1(INDEX_op_ext_i32_i64, I64, 0x80000000, 0xffffffff80000000ull);
    t1(INDEX_op_ext_i32_i64, I64, 0x7fffffff, 0x7fffffff);
    t1(INDEX_op_extu_i32_i64, I64, 0x80000000, 0x80000000);
    t1(INDEX_op_extrl_i64_i32, I32, 0x123456789abcdef0ull, 0x9abcdef0);
    t1(INDEX_op_extrh_i64_i32, I32, 0x123456789abcdef0ull, 0x12345678);
    t1(INDEX_op_extrh_i64_i32, I32, 0xffffffff00000000ull, 0xffffffff);
}

Test(fold, bitfields)
{
    /* deposit: base with [pos, pos+len) replaced by the low bits of b */
    t2c(INDEX_op_deposit, I32, 0xffffffff, 0, 8, 8, 0xffff00ff);
    t2c(INDEX_op_deposit, I32, 0, 0x1ff, 8, 8, 0x0000ff00);
    t2c(INDEX_op_deposit, I32, 0x12345678, 0xabcd, 0, 32, 0xabcd);
    t2c(INDEX_op_deposit, I32, 0x12345678, 1, 31, 1, 0x92345678);
    t2c(INDEX_op_deposit, I64, 0, 0xffffffff, 32, 32, 0xffffffff00000000ull);
    t2c(INDEX_op_deposit, I64, ~0ull, 0, 0, 64, 0);
    t2c(INDEX_op_deposit, I64, 0x1111111111111111ull, 0xab, 60, 4, 0xb111111111111111ull);
    t2c(INDEX_op_extract, I32, 0x12345678, 0, 4, 8, 0x67);
    t2c(INDEX_op_extract, I32, 0x80000000, 0, 31, 1, 1);
    t2c(INDEX_op_extract, I32, 0x12345678, 0, 0, 32, 0x12345678);
    t2c(INDEX_op_extract, I64, 0x8000000000000000ull, 0, 32, 32, 0x80000000);
    t2c(INDEX_op_extract, I64, ~0ull, 0, 0, 64, ~0ull);
    t2c(INDEX_op_sextract, I32, 0x00000f00, 0, 8, 4, 0xffffffff);
    t2c(INDEX_op_sextract, I32, 0x00000700, 0, 8, 4, 7);
    t2c(INDEX_op_sextract, I32, 0x80000000, 0, 31, 1, 0xffffffff);
    t2c(INDEX_op_sextract, I64, 0x0000800000000000ull, 0, 32, 16, 0xffffffffffff8000ull);
    t2c(INDEX_op_sextract, I64, 0x8000000000000000ull, 0, 0, 64, 0x8000000000000000ull);
}

Test(fold, bswap)
{
    t1(INDEX_op_bswap16, I32, 0x12345678, 0x7856);
    t1(INDEX_op_bswap16, I64, 0xffffffffffff80ffull, 0xff80);
    t1(INDEX_op_bswap32, I32, 0x12345678, 0x78563412);
    t1(INDEX_op_bswap32, I64, 0xaabbccdd12345678ull, 0x78563412);
    t1(INDEX_op_bswap32, I32, 0x000000ff, 0xff000000);
    t1(INDEX_op_bswap64, I64, 0x0123456789abcdefull, 0xefcdab8967452301ull);
    t1(INDEX_op_bswap64, I64, 0xff, 0xff00000000000000ull);
}

Test(fold, counts)
{
    t2(INDEX_op_clz, I32, 1, 99, 31);
    t2(INDEX_op_clz, I32, 0x80000000, 99, 0);
    t2(INDEX_op_clz, I32, 0, 32, 32);
    t2(INDEX_op_clz, I32, 0, 99, 99);
    t2(INDEX_op_clz, I32, 0x100000000ull, 77, 77); /* only the low 32 bits count */
    t2(INDEX_op_clz, I64, 1, 99, 63);
    t2(INDEX_op_clz, I64, 0x80000000ull, 99, 32);
    t2(INDEX_op_clz, I64, 0, 64, 64);
    t2(INDEX_op_ctz, I32, 0x80000000, 99, 31);
    t2(INDEX_op_ctz, I32, 1, 99, 0);
    t2(INDEX_op_ctz, I32, 0, 32, 32);
    t2(INDEX_op_ctz, I64, 0x8000000000000000ull, 99, 63);
    t2(INDEX_op_ctz, I64, 0x100000000ull, 99, 32);
    t2(INDEX_op_ctz, I64, 0, 5, 5);
    t1(INDEX_op_ctpop, I32, 0xffffffff, 32);
    t1(INDEX_op_ctpop, I32, 0x1ffffffffull, 32);
    t1(INDEX_op_ctpop, I64, ~0ull, 64);
    t1(INDEX_op_ctpop, I64, 0x8000000000000001ull, 2);
    t1(INDEX_op_ctpop, I64, 0, 0);
}

/* Every condition on values that separate signed from unsigned order. */
Test(fold, conditions)
{
    struct { TCGType type; uint64_t a, b; } cases[] = {
        { I32, 1, 2 }, { I32, 2, 2 }, { I32, 0xffffffff, 1 },
        { I32, 0x80000000, 0x7fffffff }, { I32, 0x1ffffffffull, 0xffffffff },
        { I64, 1, 2 }, { I64, ~0ull, 1 }, { I64, 0x80000000, 1 },
        { I64, 0x8000000000000000ull, 0x7fffffffffffffffull },
    };
    for (unsigned k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        TCGType ty = cases[k].type;
        uint64_t a = cases[k].a, b = cases[k].b;
        int64_t sa, sb;
        uint64_t ua, ub;
        /* The oracle: C comparisons on the right-width types. */
        if (ty == I32) {
            sa = (int32_t)a; sb = (int32_t)b; ua = (uint32_t)a; ub = (uint32_t)b;
        } else {
            sa = (int64_t)a; sb = (int64_t)b; ua = a; ub = b;
        }
        bool want[16] = {
            [TCG_COND_NEVER] = false, [TCG_COND_ALWAYS] = true,
            [TCG_COND_EQ] = ua == ub, [TCG_COND_NE] = ua != ub,
            [TCG_COND_LT] = sa < sb, [TCG_COND_GE] = sa >= sb,
            [TCG_COND_LE] = sa <= sb, [TCG_COND_GT] = sa > sb,
            [TCG_COND_LTU] = ua < ub, [TCG_COND_GEU] = ua >= ub,
            [TCG_COND_LEU] = ua <= ub, [TCG_COND_GTU] = ua > ub,
        };
        for (int c = 0; c < 16; c++) {
            if (!tcg_cond_names[c]) {
                continue;
            }
            t2c(INDEX_op_setcond, ty, a, b, c, 0, want[c]);
            uint64_t in[4] = { a, b, 0x1111, 0x2222 };
            TCGArg cargs[1] = { (TCGArg)c };
            check(INDEX_op_movcond, ty, in, cargs, 1, want[c] ? 0x1111 : 0x2222, 0);
            /* swap_cond and invert_cond agree with the evaluation */
            cr_expect_eq(tcg_cond_eval(tcg_swap_cond(c), ty, b, a), want[c],
                         "swap of %s", tcg_cond_names[c]);
            cr_expect_eq(tcg_cond_eval(tcg_invert_cond(c), ty, a, b), !want[c],
                         "invert of %s", tcg_cond_names[c]);
        }
    }
    cr_expect(tcg_cond_is_unsigned(TCG_COND_LTU));
    cr_expect(tcg_cond_is_unsigned(TCG_COND_GTU));
    cr_expect(!tcg_cond_is_unsigned(TCG_COND_LT));
    cr_expect(!tcg_cond_is_unsigned(TCG_COND_EQ));
    cr_expect_str_eq(tcg_cond_names[TCG_COND_GEU], "geu");
}

Test(fold, not_folded)
{
    uint64_t in[4] = { 0 }, out[2];
    TCGArg cargs[2] = { 0, 0 };
    cr_expect(!tcg_fold_op(INDEX_op_ld, I32, in, cargs, out));
    cr_expect(!tcg_fold_op(INDEX_op_guest_ld, I32, in, cargs, out));
    cr_expect(!tcg_fold_op(INDEX_op_call, I32, in, cargs, out));
    cr_expect(!tcg_fold_op(INDEX_op_brcond, I32, in, cargs, out));
    cr_expect(!tcg_fold_op(INDEX_op_bswap64, I32, in, cargs, out));
    cr_expect(!tcg_fold_op(INDEX_op_ext32u, I32, in, cargs, out));
    cargs[0] = 30; cargs[1] = 4;  /* field past the width */
    cr_expect(!tcg_fold_op(INDEX_op_extract, I32, in, cargs, out));
}

/* ---- the host C compiler as a second oracle, over all pairs of edges ---- */

static const uint64_t edge64[] = {
    0, 1, 2, 3, 7, 8, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x100, 0x7fff,
    0x8000, 0xffff, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff,
    0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xfffffffffffffffeull, 0xffffffffffffffffull, 0x123456789abcdef0ull,
    0xffffffff7fffffffull, 0x00000000deadbeefull,
};
#define NB_EDGE64 (sizeof(edge64) / sizeof(edge64[0]))

static uint64_t c_rotl32(uint32_t a, unsigned n)
{
    n &= 31;
    return n ? (uint32_t)((a << n) | (a >> (32 - n))) : a;
}

static uint64_t c_rotl64(uint64_t a, unsigned n)
{
    n &= 63;
    return n ? (a << n) | (a >> (64 - n)) : a;
}

/* One binary op on i32 computed with C on uint32_t/int32_t. */
static bool c_binop32(TCGOpcode opc, uint32_t a, uint32_t b, uint64_t *r)
{
    unsigned n = b & 31;
    switch (opc) {
    case INDEX_op_add: *r = (uint32_t)(a + b); return true;
    case INDEX_op_sub: *r = (uint32_t)(a - b); return true;
    case INDEX_op_mul: *r = (uint32_t)(a * b); return true;
    case INDEX_op_and: *r = a & b; return true;
    case INDEX_op_or: *r = a | b; return true;
    case INDEX_op_xor: *r = a ^ b; return true;
    case INDEX_op_andc: *r = a & ~b; return true;
    case INDEX_op_orc: *r = (uint32_t)(a | ~b); return true;
    case INDEX_op_eqv: *r = (uint32_t)~(a ^ b); return true;
    case INDEX_op_nand: *r = (uint32_t)~(a & b); return true;
    case INDEX_op_nor: *r = (uint32_t)~(a | b); return true;
    case INDEX_op_shl: *r = (uint32_t)(a << n); return true;
    case INDEX_op_shr: *r = a >> n; return true;
    case INDEX_op_sar: *r = (uint32_t)((int32_t)a >> n); return true;
    case INDEX_op_rotl: *r = c_rotl32(a, n); return true;
    case INDEX_op_rotr: *r = c_rotl32(a, (32 - n) & 31); return true;
    case INDEX_op_clz: *r = a ? (uint64_t)__builtin_clz(a) : b; return true;
    case INDEX_op_ctz: *r = a ? (uint64_t)__builtin_ctz(a) : b; return true;
    default: return false;
    }
}

static bool c_binop64(TCGOpcode opc, uint64_t a, uint64_t b, uint64_t *r)
{
    unsigned n = b & 63;
    switch (opc) {
    case INDEX_op_add: *r = a + b; return true;
    case INDEX_op_sub: *r = a - b; return true;
    case INDEX_op_mul: *r = a * b; return true;
    case INDEX_op_and: *r = a & b; return true;
    case INDEX_op_or: *r = a | b; return true;
    case INDEX_op_xor: *r = a ^ b; return true;
    case INDEX_op_andc: *r = a & ~b; return true;
    case INDEX_op_orc: *r = a | ~b; return true;
    case INDEX_op_eqv: *r = ~(a ^ b); return true;
    case INDEX_op_nand: *r = ~(a & b); return true;
    case INDEX_op_nor: *r = ~(a | b); return true;
    case INDEX_op_shl: *r = a << n; return true;
    case INDEX_op_shr: *r = a >> n; return true;
    case INDEX_op_sar: *r = (uint64_t)((int64_t)a >> n); return true;
    case INDEX_op_rotl: *r = c_rotl64(a, n); return true;
    case INDEX_op_rotr: *r = c_rotl64(a, (64 - n) & 63); return true;
    case INDEX_op_clz: *r = a ? (uint64_t)__builtin_clzll(a) : b; return true;
    case INDEX_op_ctz: *r = a ? (uint64_t)__builtin_ctzll(a) : b; return true;
    default: return false;
    }
}

static bool c_unop(TCGOpcode opc, TCGType type, uint64_t a, uint64_t *r)
{
    uint32_t a32 = (uint32_t)a;
    bool i32 = type == I32;
    switch (opc) {
    case INDEX_op_neg: *r = i32 ? (uint32_t)-a32 : -a; return true;
    case INDEX_op_not: *r = i32 ? (uint32_t)~a32 : ~a; return true;
    case INDEX_op_ext8s: *r = i32 ? (uint32_t)(int32_t)(int8_t)a : (uint64_t)(int64_t)(int8_t)a; return true;
    case INDEX_op_ext8u: *r = (uint8_t)a; return true;
    case INDEX_op_ext16s: *r = i32 ? (uint32_t)(int32_t)(int16_t)a : (uint64_t)(int64_t)(int16_t)a; return true;
    case INDEX_op_ext16u: *r = (uint16_t)a; return true;
    case INDEX_op_bswap16: *r = __builtin_bswap16((uint16_t)a); return true;
    case INDEX_op_bswap32: *r = __builtin_bswap32(a32); return true;
    case INDEX_op_ctpop: *r = i32 ? (uint64_t)__builtin_popcount(a32) : (uint64_t)__builtin_popcountll(a); return true;
    default: break;
    }
    if (i32) {
        return false;
    }
    switch (opc) {
    case INDEX_op_ext32s: *r = (uint64_t)(int64_t)(int32_t)a; return true;
    case INDEX_op_ext32u: *r = a32; return true;
    case INDEX_op_bswap64: *r = __builtin_bswap64(a); return true;
    case INDEX_op_ext_i32_i64: *r = (uint64_t)(int64_t)(int32_t)a; return true;
    case INDEX_op_extu_i32_i64: *r = a32; return true;
    default: return false;
    }
}

Test(fold, c_compiler_oracle)
{
    long checked = 0;
    for (int opc = 0; opc < NB_OPS; opc++) {
        for (int ty = 0; ty < 2; ty++) {
            for (unsigned i = 0; i < NB_EDGE64; i++) {
                for (unsigned j = 0; j < NB_EDGE64; j++) {
                    uint64_t a = edge64[i], b = edge64[j], want, got[2];
                    uint64_t in[4] = { a, b, 0, 0 };
                    bool have = ty == I32 ? c_binop32(opc, (uint32_t)a, (uint32_t)b, &want)
                                          : c_binop64(opc, a, b, &want);
                    if (!have && j == 0) {
                        have = c_unop(opc, (TCGType)ty, a, &want);
                    }
                    if (!have) {
                        continue;
                    }
                    cr_assert(tcg_fold_op(opc, (TCGType)ty, in, NULL, got));
                    cr_expect_eq(got[0], want, "%s_%s(%#" PRIx64 ", %#" PRIx64 ") = %#" PRIx64
                                 ", C says %#" PRIx64, tcg_op_defs[opc].name,
                                 type_name((TCGType)ty), a, b, got[0], want);
                    checked++;
                }
            }
        }
    }
    /* mulu2/muls2 against 128-bit C products, extrl/extrh against casts */
    for (unsigned i = 0; i < NB_EDGE64; i++) {
        for (unsigned j = 0; j < NB_EDGE64; j++) {
            uint64_t a = edge64[i], b = edge64[j], got[2], in[4] = { a, b, 0, 0 };
            unsigned __int128 pu = (unsigned __int128)a * b;
            __int128 ps = (__int128)(int64_t)a * (int64_t)b;
            uint64_t p32u = (uint64_t)(uint32_t)a * (uint32_t)b;
            int64_t p32s = (int64_t)(int32_t)a * (int32_t)b;
            tcg_fold_op(INDEX_op_mulu2, I64, in, NULL, got);
            cr_expect(got[0] == (uint64_t)pu && got[1] == (uint64_t)(pu >> 64));
            tcg_fold_op(INDEX_op_muls2, I64, in, NULL, got);
            cr_expect(got[0] == (uint64_t)ps && got[1] == (uint64_t)((unsigned __int128)ps >> 64));
            tcg_fold_op(INDEX_op_mulu2, I32, in, NULL, got);
            cr_expect(got[0] == (uint32_t)p32u && got[1] == (uint32_t)(p32u >> 32));
            tcg_fold_op(INDEX_op_muls2, I32, in, NULL, got);
            cr_expect(got[0] == (uint32_t)p32s && got[1] == (uint32_t)((uint64_t)p32s >> 32),
                      "muls2_i32 %#" PRIx64 " %#" PRIx64, a, b);
            checked += 4;
        }
        uint64_t got[2], in[4] = { edge64[i], 0, 0, 0 };
        tcg_fold_op(INDEX_op_extrl_i64_i32, I32, in, NULL, got);
        cr_expect_eq(got[0], (uint32_t)edge64[i]);
        tcg_fold_op(INDEX_op_extrh_i64_i32, I32, in, NULL, got);
        cr_expect_eq(got[0], (uint32_t)(edge64[i] >> 32));
        checked += 2;
    }
    printf("c_compiler_oracle: %ld results of tcg_fold_op equal the C expressions\n", checked);
}
