/*
 * The derived generators of tcg-op.c on both backends: the immediate forms
 * (addi ... rotri, setcondi, brcondi), division and remainder through the
 * runtime helpers, concat. Reference: the same arithmetic in native C.
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "tt-scen.h"

typedef enum GenKind { G_IMM, G_SHIFT, G_SETCONDI, G_BRCONDI, G_DIV, G_CONCAT } GenKind;

typedef struct GenFn {
    const char *name;
    GenKind kind;
    TCGType type;
    int id;                     /* which operation within the kind */
} GenFn;

#define I32 TCG_TYPE_I32
#define I64 TCG_TYPE_I64
static const GenFn gen_fns[] = {
    { "addi_i32", G_IMM, I32, 0 }, { "subi_i32", G_IMM, I32, 1 }, { "muli_i32", G_IMM, I32, 2 },
    { "andi_i32", G_IMM, I32, 3 }, { "ori_i32", G_IMM, I32, 4 }, { "xori_i32", G_IMM, I32, 5 },
    { "addi_i64", G_IMM, I64, 0 }, { "subi_i64", G_IMM, I64, 1 }, { "muli_i64", G_IMM, I64, 2 },
    { "andi_i64", G_IMM, I64, 3 }, { "ori_i64", G_IMM, I64, 4 }, { "xori_i64", G_IMM, I64, 5 },
    { "shli_i32", G_SHIFT, I32, 0 }, { "shri_i32", G_SHIFT, I32, 1 }, { "sari_i32", G_SHIFT, I32, 2 },
    { "rotli_i32", G_SHIFT, I32, 3 }, { "rotri_i32", G_SHIFT, I32, 4 },
    { "shli_i64", G_SHIFT, I64, 0 }, { "shri_i64", G_SHIFT, I64, 1 }, { "sari_i64", G_SHIFT, I64, 2 },
    { "rotli_i64", G_SHIFT, I64, 3 }, { "rotri_i64", G_SHIFT, I64, 4 },
    { "setcondi_i32", G_SETCONDI, I32, 0 }, { "setcondi_i64", G_SETCONDI, I64, 0 },
    { "brcondi_i32", G_BRCONDI, I32, 0 }, { "brcondi_i64", G_BRCONDI, I64, 0 },
    { "div_i32", G_DIV, I32, 0 }, { "rem_i32", G_DIV, I32, 1 }, { "divu_i32", G_DIV, I32, 2 },
    { "remu_i32", G_DIV, I32, 3 },
    { "div_i64", G_DIV, I64, 0 }, { "rem_i64", G_DIV, I64, 1 }, { "divu_i64", G_DIV, I64, 2 },
    { "remu_i64", G_DIV, I64, 3 },
    { "concat_i32_i64", G_CONCAT, I64, 0 },
};
#define NB_GEN ((int)(sizeof(gen_fns) / sizeof(gen_fns[0])))

static const TCGCond conds[10] = {
    TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE, TCG_COND_LE,
    TCG_COND_GT, TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
};

static int edges(TCGType t, const uint64_t **e)
{
    *e = t == I32 ? tt_edges32 : tt_edges64;
    return t == I32 ? tt_nb_edges32 : tt_nb_edges64;
}

static int64_t sext(TCGType t, uint64_t v)
{
    return t == I32 ? (int32_t)v : (int64_t)v;
}

static bool native_cond(TCGCond c, TCGType t, uint64_t a, uint64_t b)
{
    int64_t sa = sext(t, a), sb = sext(t, b);
    a = tt_mask(t, a);
    b = tt_mask(t, b);
    switch (c) {
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    default: return c == TCG_COND_ALWAYS;
    }
}

/* Native result of gen_fns[f] on a, b (b = the immediate, or the second
 * input, or the condition's right side). */
static uint64_t native(const GenFn *g, uint64_t a, uint64_t b, TCGCond c)
{
    TCGType t = g->type;
    int w = t == I32 ? 32 : 64, n = (int)(b % w);
    a = tt_mask(t, a);
    b = tt_mask(t, b);
    switch (g->kind) {
    case G_IMM: {
        uint64_t r[6] = { a + b, a - b, a * b, a & b, a | b, a ^ b };
        return tt_mask(t, r[g->id]);
    }
    case G_SHIFT: {
        uint64_t sar = (uint64_t)(sext(t, a) >> n);
        uint64_t rl = n ? a << n | a >> (w - n) : a;
        uint64_t rr = n ? a >> n | a << (w - n) : a;
        uint64_t r[5] = { a << n, a >> n, sar, rl, rr };
        return tt_mask(t, r[g->id]);
    }
    case G_SETCONDI:
    case G_BRCONDI:
        return native_cond(c, t, a, b);
    case G_DIV: {
        int64_t sa = sext(t, a), sb = sext(t, b);
        int64_t min = t == I32 ? INT32_MIN : INT64_MIN;
        bool ovf = sa == min && sb == -1;
        uint64_t r[4] = { ovf ? (uint64_t)min : (uint64_t)(sa / sb),
                          ovf ? 0 : (uint64_t)(sa % sb), a / b, a % b };
        return tt_mask(t, r[g->id]);
    }
    default:
        return (uint32_t)a | (uint64_t)(uint32_t)b << 32;
    }
}

typedef void (*ImmGen32)(TCGv_i32, TCGv_i32, int64_t);
typedef void (*ImmGen64)(TCGv_i64, TCGv_i64, int64_t);
static const ImmGen32 imm32[11] = {
    tcg_gen_addi_i32, tcg_gen_subi_i32, tcg_gen_muli_i32, tcg_gen_andi_i32,
    tcg_gen_ori_i32, tcg_gen_xori_i32, tcg_gen_shli_i32, tcg_gen_shri_i32,
    tcg_gen_sari_i32, tcg_gen_rotli_i32, tcg_gen_rotri_i32,
};
static const ImmGen64 imm64[11] = {
    tcg_gen_addi_i64, tcg_gen_subi_i64, tcg_gen_muli_i64, tcg_gen_andi_i64,
    tcg_gen_ori_i64, tcg_gen_xori_i64, tcg_gen_shli_i64, tcg_gen_shri_i64,
    tcg_gen_sari_i64, tcg_gen_rotli_i64, tcg_gen_rotri_i64,
};
typedef void (*DivGen32)(TCGv_i32, TCGv_i32, TCGv_i32);
typedef void (*DivGen64)(TCGv_i64, TCGv_i64, TCGv_i64);
static const DivGen32 div32[4] = { tcg_gen_div_i32, tcg_gen_rem_i32, tcg_gen_divu_i32, tcg_gen_remu_i32 };
static const DivGen64 div64[4] = { tcg_gen_div_i64, tcg_gen_rem_i64, tcg_gen_divu_i64, tcg_gen_remu_i64 };

/* Emits gen_fns[f] reading global 0 (and 1), writing global 4. */
static void emit_gen(const GenFn *g, int64_t imm, TCGCond c)
{
    TCGType t = g->type;
    TCGv_i32 a32 = tt_g32(0), b32 = tt_g32(1), d32 = tt_g32(4);
    TCGv_i64 a64 = tt_g64(0), b64 = tt_g64(1), d64 = tt_g64(4);
    switch (g->kind) {
    case G_IMM:
    case G_SHIFT: {
        int k = g->id + (g->kind == G_SHIFT ? 6 : 0);
        if (t == I32) {
            imm32[k](d32, a32, imm);
        } else {
            imm64[k](d64, a64, imm);
        }
        break;
    }
    case G_SETCONDI:
        if (t == I32) {
            tcg_gen_setcondi_i32(c, d32, a32, imm);
        } else {
            tcg_gen_setcondi_i64(c, d64, a64, imm);
        }
        break;
    case G_BRCONDI: {
        TCGLabel *l = gen_new_label(), *end = gen_new_label();
        if (t == I32) {
            tcg_gen_brcondi_i32(c, a32, imm, l);
        } else {
            tcg_gen_brcondi_i64(c, a64, imm, l);
        }
        tcg_gen_movi_i64(d64, 0);
        tcg_gen_br(end);
        gen_set_label(l);
        tcg_gen_movi_i64(d64, 1);
        gen_set_label(end);
        break;
    }
    case G_DIV:
        if (t == I32) {
            div32[g->id](d32, a32, b32);
        } else {
            div64[g->id](d64, a64, b64);
        }
        break;
    default:
        tcg_gen_concat_i32_i64(d64, a32, b32);
        break;
    }
}

/*
 * param = f * 1024 + k. Immediate kinds: k = imm index (edges, or the
 * shift count), for conditions k = cond * 32 + imm index. The block runs
 * over every edge value of the first input (and, for div/concat, every
 * second input); results are checked one by one, summarized as [0] count
 * of bad vectors, [1..3] the first bad one (a, b, got) and [4] its want.
 */
static void scen_gen(int param, bool opt, TTScenResult *o)
{
    const GenFn *g = &gen_fns[param / 1024];
    int k = param % 1024;
    TCGType t = g->type;
    const uint64_t *e;
    int ne = edges(t, &e);
    TCGCond c = conds[k / 32 % 10];
    int64_t imm = 0;
    bool two_inputs = g->kind == G_DIV || g->kind == G_CONCAT;
    if (g->kind == G_SHIFT) {
        imm = k;
    } else if (!two_inputs) {
        imm = sext(t, e[k % 32]);
    }
    emit_gen(g, imm, c);
    snprintf(o->what, sizeof(o->what), "tcg_gen_%s imm=%#" PRIx64 "%s%s: [0] bad "
             "vectors [1..4] first bad a, b, got, want", g->name, (uint64_t)imm,
             g->kind == G_SETCONDI || g->kind == G_BRCONDI ? " cond=" : "",
             g->kind == G_SETCONDI || g->kind == G_BRCONDI ? tcg_cond_names[c] : "");
    const void *tc = tt_finish(opt);
    if (!tc) {
        o->status = 4;
        return;
    }
    o->status = 1;
    uint64_t nbad = 0, fa = 0, fb = 0, fgot = 0, fwant = 0, nvec = 0;
    TCGType ot = g->kind == G_BRCONDI || g->kind == G_CONCAT ? I64 : t;
    for (int i = 0; i < ne; i++) {
        for (int j = 0; j < (two_inputs ? ne : 1); j++) {
            uint64_t a = e[i], b = two_inputs ? e[j] : (uint64_t)imm;
            if (g->kind == G_DIV && tt_mask(t, b) == 0) {
                continue;
            }
            if (t == I32 || g->kind == G_CONCAT) {
                tt_env->g32[0] = (uint32_t)a;
                tt_env->g32[2] = (uint32_t)b;
            } else {
                tt_env->g64[0] = a;
                tt_env->g64[1] = b;
            }
            tt_env->g64[4] = 0xcccccccccccccccc;
            tt_env->g32[8] = 0xcccccccc;
            tt_exec(tc);
            nvec++;
            uint64_t got = ot == I32 ? tt_env->g32[8] : tt_env->g64[4];
            uint64_t want = native(g, a, b, c);
            if (got != want && !nbad++) {
                fa = a;
                fb = b;
                fgot = got;
                fwant = want;
            }
        }
    }
    if (!tt_canaries_ok()) {
        o->status |= 2;
    }
    o->vectors = nvec;
    tt_scen_val(o, nbad, 0);
    tt_scen_val(o, fa, fa);
    tt_scen_val(o, fb, fb);
    tt_scen_val(o, fgot, fwant);
}

static TTScenUnit units[8192];

Test(tcg_gen, derived_generators)
{
    int n = 0;
    for (int f = 0; f < NB_GEN; f++) {
        const GenFn *g = &gen_fns[f];
        int ne = g->type == I32 ? tt_nb_edges32 : tt_nb_edges64;
        int w = g->type == I32 ? 32 : 64;
        switch (g->kind) {
        case G_IMM:
            for (int k = 0; k < ne; k++) {
                units[n++] = (TTScenUnit){ scen_gen, f * 1024 + k, g->name };
            }
            break;
        case G_SHIFT:
            for (int k = 0; k < w; k++) {
                units[n++] = (TTScenUnit){ scen_gen, f * 1024 + k, g->name };
            }
            break;
        case G_SETCONDI:
        case G_BRCONDI:
            for (int c = 0; c < 10; c++) {
                for (int k = 0; k < ne; k++) {
                    units[n++] = (TTScenUnit){ scen_gen, f * 1024 + c * 32 + k, g->name };
                }
            }
            break;
        default:
            units[n++] = (TTScenUnit){ scen_gen, f * 1024, g->name };
            break;
        }
    }
    int fails = tt_scen_run_all("tcg-op.c generators", units, n);
    cr_assert_eq(fails, 0, "tcg-op.c generators: %d failures", fails);
}
