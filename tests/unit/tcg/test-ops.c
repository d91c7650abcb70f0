/*
 * Every value op of the IR on both backends (JIT and interpreter), at type
 * edges and a few random values, with every operand shape (globals, temps,
 * aliasing, constants); reference tcg_fold_op, plus hand-computed values.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

#include "tt-ops.h"

#define T32 1
#define T64 2

typedef enum OpKind {
    K_UN, K_BIN, K_SHIFT, K_CNT, K_SETCOND, K_MOVCOND, K_MUL2, K_ADDSUB2,
    K_DEPOSIT, K_EXTRACT, K_WIDEN, K_NARROW,
} OpKind;

typedef struct OpSpec {
    TCGOpcode opc;
    uint8_t types;
    uint8_t kind;
} OpSpec;

#define VEC_MAX 4096

static int edges_of(TCGType t, const uint64_t **e)
{
    *e = t == TCG_TYPE_I32 ? tt_edges32 : tt_edges64;
    return t == TCG_TYPE_I32 ? tt_nb_edges32 : tt_nb_edges64;
}

static uint64_t rnd(TTRng *g, TCGType t)
{
    uint64_t v = tt_rand(g);
    switch (v & 3) {
    case 0: /* near an edge */
        v = (v >> 8 & 1 ? 0 : ~0ull) ^ (tt_rand(g) & 0xff);
        break;
    case 1: /* one or two set bits */
        v = (1ull << (v >> 8 & 63)) | (1ull << (v >> 16 & 63));
        break;
    default:
        v = tt_rand(g);
        break;
    }
    return tt_mask(t, v);
}

static int gen_unary(TCGType it, TTRng *g, TTOpCase *v)
{
    const uint64_t *e;
    int ne = edges_of(it, &e), n = 0;
    for (int i = 0; i < ne; i++) {
        v[n++].in[0] = e[i];
    }
    for (int i = 0; i < 24; i++) {
        v[n++].in[0] = rnd(g, it);
    }
    return n;
}

static int gen_binary(TCGType t, TTRng *g, TTOpCase *v)
{
    const uint64_t *e;
    int ne = edges_of(t, &e), n = 0;
    for (int i = 0; i < ne; i++) {
        for (int j = 0; j < ne; j++) {
            v[n].in[0] = e[i];
            v[n++].in[1] = e[j];
        }
    }
    for (int i = 0; i < 48; i++) {
        v[n].in[0] = rnd(g, t);
        v[n++].in[1] = rnd(g, t);
    }
    return n;
}

static int gen_shift(TCGType t, TTRng *g, TTOpCase *v)
{
    int w = t == TCG_TYPE_I32 ? 32 : 64, n = 0;
    uint64_t vals[6] = { 1, 1ull << (w - 1), ~0ull, 0x123456789abcdef1ull,
                         (1ull << (w - 1)) | 1, rnd(g, t) };
    uint64_t big[] = { 255, 256, 0xffffffff, ~0ull, 0x100000003ull };
    for (int i = 0; i < 6; i++) {
        for (int c = 0; c < 2 * w + 2; c++) {
            v[n].in[0] = tt_mask(t, vals[i]);
            v[n++].in[1] = c;
        }
        for (int c = 0; c < 5; c++) {
            v[n].in[0] = tt_mask(t, vals[i]);
            v[n++].in[1] = tt_mask(t, big[c]);
        }
    }
    return n;
}

static int gen_count(TCGType t, TTRng *g, TTOpCase *v)
{
    const uint64_t *e;
    int ne = edges_of(t, &e), n = 0, w = t == TCG_TYPE_I32 ? 32 : 64;
    uint64_t zres[4] = { 0, (uint64_t)w, 0x55, tt_mask(t, ~0ull) };
    for (int z = 0; z < 4; z++) {
        for (int i = 0; i < ne; i++) {
            v[n].in[0] = e[i];
            v[n++].in[1] = zres[z];
        }
        for (int b = 0; b < w; b++) {
            v[n].in[0] = 1ull << b;
            v[n++].in[1] = zres[z];
            v[n].in[0] = tt_mask(t, ~0ull << b);
            v[n++].in[1] = zres[z];
        }
        for (int i = 0; i < 6; i++) {
            v[n].in[0] = rnd(g, t);
            v[n++].in[1] = zres[z];
        }
    }
    return n;
}

static int gen_movcond(TCGType t, TTRng *g, TTOpCase *v)
{
    int n = gen_binary(t, g, v);
    for (int i = 0; i < n; i++) {
        v[i].in[2] = rnd(g, t);
        v[i].in[3] = rnd(g, t) ^ 1;
    }
    return n;
}

static int gen_addsub2(TCGType t, TTRng *g, TTOpCase *v)
{
    int w = t == TCG_TYPE_I32 ? 32 : 64, n = 0;
    uint64_t lo[7] = { 0, 1, tt_mask(t, ~0ull), 1ull << (w - 1),
                       (1ull << (w - 1)) - 1, rnd(g, t), rnd(g, t) };
    uint64_t hi[4] = { 0, 1, tt_mask(t, ~0ull), 1ull << (w - 1) };
    for (int a = 0; a < 28; a++) {
        for (int b = 0; b < 28; b++) {
            v[n].in[0] = lo[a % 7];
            v[n].in[1] = hi[a / 7];
            v[n].in[2] = lo[b % 7];
            v[n++].in[3] = hi[b / 7];
        }
    }
    return n;
}

static int gen_field_vectors(TCGType t, TTRng *g, TTOpCase *v, bool two)
{
    uint64_t vals[6] = { 0, tt_mask(t, ~0ull), tt_mask(t, 0x5555555555555555ull),
                         tt_mask(t, 0x8000000000000001ull), rnd(g, t), rnd(g, t) };
    int n = 0;
    for (int a = 0; a < 6; a++) {
        for (int b = 0; b < (two ? 6 : 1); b++) {
            v[n].in[0] = vals[a];
            v[n++].in[1] = vals[b];
        }
    }
    return n;
}

static TTOpRun *run_new(const char *title)
{
    TTOpRun *r = calloc(1, sizeof(*r));
    r->title = title;
    return r;
}

static void add_op(TTOpRun *r, const OpSpec *sp, TCGType t, TTRng *g,
                   TTOpCase *v)
{
    int n = 0;
    memset(v, 0, VEC_MAX * sizeof(*v));
    switch (sp->kind) {
    case K_UN:
        n = gen_unary(t, g, v);
        break;
    case K_WIDEN:
        n = gen_unary(TCG_TYPE_I32, g, v);
        break;
    case K_NARROW:
        n = gen_unary(TCG_TYPE_I64, g, v);
        break;
    case K_BIN:
    case K_MUL2:
        n = gen_binary(t, g, v);
        break;
    case K_SHIFT:
        n = gen_shift(t, g, v);
        break;
    case K_CNT:
        n = gen_count(t, g, v);
        break;
    case K_ADDSUB2:
        n = gen_addsub2(t, g, v);
        break;
    case K_SETCOND:
    case K_MOVCOND: {
        static const TCGCond conds[] = {
            TCG_COND_NEVER, TCG_COND_ALWAYS, TCG_COND_EQ, TCG_COND_NE,
            TCG_COND_LT, TCG_COND_GE, TCG_COND_LE, TCG_COND_GT,
            TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
        };
        n = sp->kind == K_SETCOND ? gen_binary(t, g, v) : gen_movcond(t, g, v);
        for (int c = 0; c < 12; c++) {
            /* Full variants for the real conditions; NEVER/ALWAYS too,
             * as the raw op accepts them. */
            tt_add_variants(r, sp->opc, t, conds[c], 0, v, n, c >= 2);
        }
        return;
    }
    case K_DEPOSIT:
    case K_EXTRACT: {
        int w = t == TCG_TYPE_I32 ? 32 : 64, k = 0;
        n = gen_field_vectors(t, g, v, sp->kind == K_DEPOSIT);
        for (int pos = 0; pos < w; pos++) {
            for (int len = 1; pos + len <= w; len++) {
                /* Every field; all operand shapes for every 37th one. */
                tt_add_variants(r, sp->opc, t, pos, len, v, n, k++ % 37 == 0);
            }
        }
        return;
    }
    }
    tt_add_variants(r, sp->opc, t, 0, 0, v, n, true);
}

static void run_specs(const char *title, const OpSpec *specs, int nspecs,
                      int types)
{
    TTOpRun *r = run_new(title);
    TTOpCase *v = calloc(VEC_MAX, sizeof(*v));
    TTRng g;
    tt_seed(&g, 42);
    for (int i = 0; i < nspecs; i++) {
        for (int t = 0; t < 2; t++) {
            if ((specs[i].types & types) & (1 << t)) {
                add_op(r, &specs[i], (TCGType)t, &g, v);
            }
        }
    }
    free(v);
    int fails = tt_op_run(r);
    tt_op_run_free(r);
    free(r);
    cr_assert_eq(fails, 0, "%s: %d failed comparisons (see MISMATCH/CRASH "
                 "lines above)", title, fails);
}

static const OpSpec unary_specs[] = {
    { INDEX_op_mov, T32 | T64, K_UN },
    { INDEX_op_neg, T32 | T64, K_UN },
    { INDEX_op_not, T32 | T64, K_UN },
    { INDEX_op_ext8s, T32 | T64, K_UN },
    { INDEX_op_ext8u, T32 | T64, K_UN },
    { INDEX_op_ext16s, T32 | T64, K_UN },
    { INDEX_op_ext16u, T32 | T64, K_UN },
    { INDEX_op_ext32s, T64, K_UN },
    { INDEX_op_ext32u, T64, K_UN },
    { INDEX_op_bswap16, T32 | T64, K_UN },
    { INDEX_op_bswap32, T32 | T64, K_UN },
    { INDEX_op_bswap64, T64, K_UN },
    { INDEX_op_ctpop, T32 | T64, K_UN },
    { INDEX_op_ext_i32_i64, T64, K_WIDEN },
    { INDEX_op_extu_i32_i64, T64, K_WIDEN },
    { INDEX_op_extrl_i64_i32, T32, K_NARROW },
    { INDEX_op_extrh_i64_i32, T32, K_NARROW },
};

static const OpSpec binary_specs[] = {
    { INDEX_op_add, T32 | T64, K_BIN },
    { INDEX_op_sub, T32 | T64, K_BIN },
    { INDEX_op_mul, T32 | T64, K_BIN },
    { INDEX_op_and, T32 | T64, K_BIN },
    { INDEX_op_or, T32 | T64, K_BIN },
    { INDEX_op_xor, T32 | T64, K_BIN },
    { INDEX_op_andc, T32 | T64, K_BIN },
    { INDEX_op_orc, T32 | T64, K_BIN },
    { INDEX_op_eqv, T32 | T64, K_BIN },
    { INDEX_op_nand, T32 | T64, K_BIN },
    { INDEX_op_nor, T32 | T64, K_BIN },
};

static const OpSpec shift_specs[] = {
    { INDEX_op_shl, T32 | T64, K_SHIFT },
    { INDEX_op_shr, T32 | T64, K_SHIFT },
    { INDEX_op_sar, T32 | T64, K_SHIFT },
    { INDEX_op_rotl, T32 | T64, K_SHIFT },
    { INDEX_op_rotr, T32 | T64, K_SHIFT },
    { INDEX_op_clz, T32 | T64, K_CNT },
    { INDEX_op_ctz, T32 | T64, K_CNT },
};

static const OpSpec wide_specs[] = {
    { INDEX_op_mulu2, T32 | T64, K_MUL2 },
    { INDEX_op_muls2, T32 | T64, K_MUL2 },
    { INDEX_op_add2, T32 | T64, K_ADDSUB2 },
    { INDEX_op_sub2, T32 | T64, K_ADDSUB2 },
};

static const OpSpec cond_specs[] = {
    { INDEX_op_setcond, T32 | T64, K_SETCOND },
    { INDEX_op_movcond, T32 | T64, K_MOVCOND },
};

static const OpSpec field_specs[] = {
    { INDEX_op_deposit, T32 | T64, K_DEPOSIT },
    { INDEX_op_extract, T32 | T64, K_EXTRACT },
    { INDEX_op_sextract, T32 | T64, K_EXTRACT },
};

#define NSPECS(a) ((int)(sizeof(a) / sizeof((a)[0])))

Test(tcg_ops, unary) { run_specs("unary", unary_specs, NSPECS(unary_specs), T32 | T64); }
Test(tcg_ops, binary_i32) { run_specs("binary i32", binary_specs, NSPECS(binary_specs), T32); }
Test(tcg_ops, binary_i64) { run_specs("binary i64", binary_specs, NSPECS(binary_specs), T64); }
Test(tcg_ops, shift_rotate_count) { run_specs("shift/rotate/clz/ctz", shift_specs, NSPECS(shift_specs), T32 | T64); }
Test(tcg_ops, double_word) { run_specs("mulu2/muls2/add2/sub2", wide_specs, NSPECS(wide_specs), T32 | T64); }
Test(tcg_ops, setcond_movcond_i32) { run_specs("setcond/movcond i32", cond_specs, NSPECS(cond_specs), T32); }
Test(tcg_ops, setcond_movcond_i64) { run_specs("setcond/movcond i64", cond_specs, NSPECS(cond_specs), T64); }
Test(tcg_ops, bit_fields) { run_specs("deposit/extract/sextract", field_specs, NSPECS(field_specs), T32 | T64); }

/* ---- hand-computed values ---- */

typedef struct HandCase {
    TCGOpcode opc;
    TCGType type;
    uint64_t in[4];
    TCGArg carg[2];
    uint64_t out[2];
} HandCase;

#define I32 TCG_TYPE_I32
#define I64 TCG_TYPE_I64
static const HandCase hand_cases[] = {
    { INDEX_op_add, I32, { 0xffffffff, 1 }, { 0 }, { 0 } },
    { INDEX_op_add, I64, { 0x7fffffffffffffff, 1 }, { 0 }, { 0x8000000000000000 } },
    { INDEX_op_sub, I32, { 0, 1 }, { 0 }, { 0xffffffff } },
    { INDEX_op_mul, I32, { 0x10001, 0x10001 }, { 0 }, { 0x20001 } },
    { INDEX_op_mul, I64, { 0xffffffff, 0xffffffff }, { 0 }, { 0xfffffffe00000001 } },
    { INDEX_op_neg, I32, { 0x80000000 }, { 0 }, { 0x80000000 } },
    { INDEX_op_andc, I32, { 0xff00ff00, 0x0ff00ff0 }, { 0 }, { 0xf000f000 } },
    { INDEX_op_orc, I32, { 0, 0xfffffffe }, { 0 }, { 1 } },
    { INDEX_op_eqv, I64, { 0xf0, 0xff }, { 0 }, { 0xfffffffffffffff0 } },
    { INDEX_op_nand, I32, { 0xffffffff, 0xffffffff }, { 0 }, { 0 } },
    { INDEX_op_nor, I32, { 0, 0 }, { 0 }, { 0xffffffff } },
    { INDEX_op_shl, I32, { 1, 31 }, { 0 }, { 0x80000000 } },
    { INDEX_op_shl, I32, { 1, 33 }, { 0 }, { 2 } },   /* count mod 32 */
    { INDEX_op_shr, I64, { 0x8000000000000000, 63 }, { 0 }, { 1 } },
    { INDEX_op_sar, I64, { 0x8000000000000000, 63 }, { 0 }, { 0xffffffffffffffff } },
    { INDEX_op_sar, I32, { 0x80000000, 4 }, { 0 }, { 0xf8000000 } },
    { INDEX_op_rotl, I32, { 0x80000001, 1 }, { 0 }, { 3 } },
    { INDEX_op_rotr, I64, { 1, 1 }, { 0 }, { 0x8000000000000000 } },
    { INDEX_op_rotr, I32, { 0x12345678, 36 }, { 0 }, { 0x81234567 } },
    { INDEX_op_ext8s, I32, { 0x1280 }, { 0 }, { 0xffffff80 } },
    { INDEX_op_ext16u, I64, { 0xffffffffffff8001 }, { 0 }, { 0x8001 } },
    { INDEX_op_ext32s, I64, { 0x80000000 }, { 0 }, { 0xffffffff80000000 } },
    { INDEX_op_ext_i32_i64, I64, { 0x80000000 }, { 0 }, { 0xffffffff80000000 } },
    { INDEX_op_extu_i32_i64, I64, { 0x80000000 }, { 0 }, { 0x80000000 } },
    { INDEX_op_extrl_i64_i32, I32, { 0x1122334455667788 }, { 0 }, { 0x55667788 } },
    { INDEX_op_extrh_i64_i32, I32, { 0x1122334455667788 }, { 0 }, { 0x11223344 } },
    { INDEX_op_bswap32, I32, { 0x11223344 }, { 0 }, { 0x44332211 } },
    { INDEX_op_bswap64, I64, { 0x1122334455667788 }, { 0 }, { 0x8877665544332211 } },
    { INDEX_op_clz, I32, { 0, 32 }, { 0 }, { 32 } },
    { INDEX_op_clz, I32, { 1, 99 }, { 0 }, { 31 } },
    { INDEX_op_clz, I64, { 0x0000800000000000, 99 }, { 0 }, { 16 } },
    { INDEX_op_ctz, I64, { 0, 64 }, { 0 }, { 64 } },
    { INDEX_op_ctz, I32, { 0x80000000, 7 }, { 0 }, { 31 } },
    { INDEX_op_ctpop, I64, { 0xffffffffffffffff }, { 0 }, { 64 } },
    { INDEX_op_ctpop, I32, { 0xf0f0f0f0 }, { 0 }, { 16 } },
    { INDEX_op_deposit, I32, { 0xffffffff, 0 }, { 8, 4 }, { 0xfffff0ff } },
    { INDEX_op_deposit, I64, { 0, 0xffff }, { 60, 4 }, { 0xf000000000000000 } },
    { INDEX_op_extract, I32, { 0x12345678 }, { 4, 8 }, { 0x67 } },
    { INDEX_op_sextract, I32, { 0x00000f00 }, { 8, 4 }, { 0xffffffff } },
    { INDEX_op_sextract, I64, { 0x7000000000000000 }, { 60, 4 }, { 7 } },
    { INDEX_op_setcond, I32, { 0x80000000, 1 }, { TCG_COND_LT }, { 1 } },
    { INDEX_op_setcond, I32, { 0x80000000, 1 }, { TCG_COND_LTU }, { 0 } },
    { INDEX_op_setcond, I64, { 0xffffffffffffffff, 0 }, { TCG_COND_GT }, { 0 } },
    { INDEX_op_setcond, I64, { 0xffffffffffffffff, 0 }, { TCG_COND_GTU }, { 1 } },
    { INDEX_op_setcond, I32, { 5, 5 }, { TCG_COND_LE }, { 1 } },
    { INDEX_op_movcond, I32, { 3, 4, 0xaaaa, 0xbbbb }, { TCG_COND_GEU }, { 0xbbbb } },
    { INDEX_op_movcond, I64, { 3, 4, 0xaaaa, 0xbbbb }, { TCG_COND_NE }, { 0xaaaa } },
    { INDEX_op_mulu2, I64, { 0xffffffffffffffff, 0xffffffffffffffff }, { 0 },
      { 1, 0xfffffffffffffffe } },
    { INDEX_op_muls2, I64, { 0xffffffffffffffff, 0xffffffffffffffff }, { 0 }, { 1, 0 } },
    { INDEX_op_mulu2, I32, { 0x80000000, 4 }, { 0 }, { 0, 2 } },
    { INDEX_op_muls2, I32, { 0x80000000, 4 }, { 0 }, { 0, 0xfffffffe } },
    { INDEX_op_add2, I32, { 0xffffffff, 0, 1, 0 }, { 0 }, { 0, 1 } },
    { INDEX_op_add2, I64, { 0xffffffffffffffff, 0xffffffffffffffff, 1, 0 }, { 0 }, { 0, 0 } },
    { INDEX_op_sub2, I32, { 0, 0, 1, 0 }, { 0 }, { 0xffffffff, 0xffffffff } },
    { INDEX_op_sub2, I64, { 0, 5, 1, 0 }, { 0 }, { 0xffffffffffffffff, 4 } },
    /* lea: base + (index << shift) + int32 disp, wrapping at the width */
    { INDEX_op_lea, I32, { 0x1000, 3 }, { 0, 0x48 }, { 0x104b } },
    { INDEX_op_lea, I32, { 0x1000, 3 }, { 1, 0xfffffffc }, { 0x1002 } },
    { INDEX_op_lea, I32, { 0xfffffff0, 5 }, { 2, 0x10 }, { 0x14 } },
    { INDEX_op_lea, I32, { 0x80000000, 0x40000000 }, { 3, 0x7fffffff }, { 0xffffffff } },
    { INDEX_op_lea, I32, { 0, 0xffffffff }, { 3, 0 }, { 0xfffffff8 } },
    { INDEX_op_lea, I64, { 0xfffffffffffffff0, 0x20 }, { 2, 0x80000000 }, { 0xffffffff80000070 } },
    { INDEX_op_lea, I64, { 0x100000000, 1 }, { 1, 0xffffffff }, { 0x100000001 } },
    /* binary64: 1 + 2 = 3; 1 + 2^-53 is a tie (to even: 1); 1 + 3*2^-53
     * rounds up to 1 + 2^-51; 1.5 * 1.5; 2^1023 * 2 overflows; 1 / 3;
     * 1 / 0; 1 - 1 = +0 */
    { INDEX_op_fadd, I64, { 0x3ff0000000000000, 0x4000000000000000 }, { 0 }, { 0x4008000000000000 } },
    { INDEX_op_fadd, I64, { 0x3ff0000000000000, 0x3ca0000000000000 }, { 0 }, { 0x3ff0000000000000 } },
    { INDEX_op_fadd, I64, { 0x3ff0000000000000, 0x3cb8000000000000 }, { 0 }, { 0x3ff0000000000002 } },
    { INDEX_op_fmul, I64, { 0x3ff8000000000000, 0x3ff8000000000000 }, { 0 }, { 0x4002000000000000 } },
    { INDEX_op_fmul, I64, { 0x7fe0000000000000, 0x4000000000000000 }, { 0 }, { 0x7ff0000000000000 } },
    { INDEX_op_fdiv, I64, { 0x3ff0000000000000, 0x4008000000000000 }, { 0 }, { 0x3fd5555555555555 } },
    { INDEX_op_fdiv, I64, { 0x3ff0000000000000, 0 }, { 0 }, { 0x7ff0000000000000 } },
    { INDEX_op_fsub, I64, { 0x3ff0000000000000, 0x3ff0000000000000 }, { 0 }, { 0 } },
    /* fma rounds once: (1 + 2^-52)(1 - 2^-53) - 1 = 2^-53 - 2^-105 exactly
     * (a product rounded first would give 0) */
    { INDEX_op_fma, I64, { 0x3ff0000000000001, 0x3fefffffffffffff, 0xbff0000000000000 }, { 0 },
      { 0x3c9ffffffffffffe } },
};

Test(tcg_ops, hand_computed)
{
    TTOpRun *r = run_new("hand-computed");
    int n = (int)(sizeof(hand_cases) / sizeof(hand_cases[0]));
    r->has_expect = true;
    for (int i = 0; i < n; i++) {
        const HandCase *h = &hand_cases[i];
        for (int v = TV_GLOBAL; v <= TV_CONST; v++) {
            int nin = tcg_op_defs[h->opc].nb_iargs;
            int mask = v == TV_CONST ? (1 << nin) - 1 : 0;
            if (v == TV_SAME || (v == TV_ALIAS_B && nin < 2) ||
                (v >= TV_ALIAS && v <= TV_ALIAS_B &&
                 tt_op_in_type(h->opc, h->type) != h->type)) {
                continue;
            }
            tt_group_new(r, h->opc, h->type, v, mask, h->carg[0], h->carg[1]);
            TTOpCase *c = tt_case_new(r);
            memcpy(c->in, h->in, sizeof(c->in));
            memcpy(c->expect, h->out, sizeof(c->expect));
        }
    }
    int fails = tt_op_run(r);
    printf("[hand-computed] %d hand cases, each checked in tcg_fold_op and "
           "on both backends in %d operand shapes\n", n, TV_NB - 1);
    tt_op_run_free(r);
    free(r);
    cr_assert_eq(fails, 0, "hand-computed: %d failures", fails);
}
