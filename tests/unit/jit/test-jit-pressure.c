/*
 * Random straight-line blocks under heavy register pressure: 40 TB temps
 * live from start to end, every value op, forward branches, and helper
 * calls with 7 arguments that force evictions while arguments are placed.
 * The oracle is a C evaluation of the same op list with tcg_fold_op (the
 * reference semantics) and native C for the helper.
 */
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "tests/unit/jit/jt-harness.h"

TestSuite(jitpressure, .init = jt_setup);

enum { P_N64 = 20, P_N32 = 20, P_NS = P_N64 + P_N32, P_MAXOPS = 120 };

typedef enum { PK_OP, PK_BRCOND, PK_LABEL, PK_CALL } PKind;

typedef struct POp {
    PKind kind;
    TCGOpcode opc;
    TCGType type;
    int nout, nin;
    int out[2], in[7];
    uint8_t cmask;          /* inputs that are constants */
    uint64_t cval[7];
    TCGArg carg[2];
    int ncarg;
    int label;              /* brcond / label id */
} POp;

typedef struct PProg {
    POp ops[P_MAXOPS];
    int n, nlabels;
    uint64_t init[P_NS];
} PProg;

static uint64_t p_rng;

static uint64_t p_rand(void)
{
    p_rng ^= p_rng >> 12;
    p_rng ^= p_rng << 25;
    p_rng ^= p_rng >> 27;
    return p_rng * 0x2545f4914f6cdd1dull;
}

static int p_rn(int n)
{
    return (int)(p_rand() % (uint64_t)n);
}

static uint64_t p_value(TCGType t)
{
    static const uint64_t edges[] = { 0, 1, 0x7f, 0x80, 0xffff, 0x7fffffff, 0x80000000,
                                      0xffffffff, 0x8000000000000000ull, ~0ull, 31, 63 };
    uint64_t v = p_rn(3) ? p_rand() : edges[p_rn(12)];
    return t == TCG_TYPE_I32 ? (uint32_t)v : v;
}

static TCGType p_slot_type(int s)
{
    return s < P_N64 ? TCG_TYPE_I64 : TCG_TYPE_I32;
}

static int p_slot(TCGType t)
{
    return t == TCG_TYPE_I64 ? p_rn(P_N64) : P_N64 + p_rn(P_N32);
}

static uint64_t p_helper(uint64_t a, uint32_t b, uint64_t c, uint32_t d,
                         uint64_t e, uint32_t f, uint64_t g)
{
    return (a ^ (b * 0x9e3779b9ull)) + c * 3 - ((uint64_t)d << 7) + (e >> 3) + f + g * 5;
}

static TCGHelperInfo p_helper_info = TCG_HELPER(p_helper, TCG_CALL_PURE, TCG_HT_I64,
    TCG_HT_I64, TCG_HT_I32, TCG_HT_I64, TCG_HT_I32, TCG_HT_I64, TCG_HT_I32, TCG_HT_I64);

static const TCGOpcode p_binary[] = {
    INDEX_op_add, INDEX_op_sub, INDEX_op_mul, INDEX_op_and, INDEX_op_or, INDEX_op_xor,
    INDEX_op_andc, INDEX_op_orc, INDEX_op_eqv, INDEX_op_nand, INDEX_op_nor,
    INDEX_op_shl, INDEX_op_shr, INDEX_op_sar, INDEX_op_rotl, INDEX_op_rotr,
    INDEX_op_clz, INDEX_op_ctz,
};
static const TCGOpcode p_unary[] = {
    INDEX_op_neg, INDEX_op_not, INDEX_op_ext8s, INDEX_op_ext8u, INDEX_op_ext16s,
    INDEX_op_ext16u, INDEX_op_bswap16, INDEX_op_bswap32, INDEX_op_ctpop,
    INDEX_op_ext32s, INDEX_op_ext32u, INDEX_op_bswap64,
};
static const TCGCond p_conds[] = {
    TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE, TCG_COND_LE, TCG_COND_GT,
    TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
};

static void p_inputs(POp *o, TCGType t, int n, bool consts_ok)
{
    o->nin = n;
    for (int k = 0; k < n; k++) {
        o->in[k] = p_slot(t);
        if (consts_ok && k > 0 && !p_rn(4)) {
            o->cmask |= 1u << k;
            o->cval[k] = p_value(t);
        }
    }
}

static void p_gen_value_op(POp *o)
{
    TCGType t = p_rn(2) ? TCG_TYPE_I64 : TCG_TYPE_I32;
    int w = t == TCG_TYPE_I64 ? 64 : 32;
    int pick = p_rn(10);

    o->kind = PK_OP;
    o->type = t;
    o->nout = 1;
    o->out[0] = p_slot(t);
    if (pick < 4) {
        o->opc = p_binary[p_rn(sizeof(p_binary) / sizeof(p_binary[0]))];
        p_inputs(o, t, 2, true);
    } else if (pick < 5) {
        int nu = t == TCG_TYPE_I64 ? 12 : 9;
        o->opc = p_unary[p_rn(nu)];
        p_inputs(o, t, 1, false);
    } else if (pick < 6) {
        o->opc = p_rn(2) ? INDEX_op_setcond : INDEX_op_movcond;
        p_inputs(o, t, o->opc == INDEX_op_setcond ? 2 : 4, true);
        o->carg[0] = p_conds[p_rn(10)];
        o->ncarg = 1;
    } else if (pick < 7) {
        int len = 1 + p_rn(w), pos = p_rn(w - len + 1);
        o->opc = p_rn(3) == 0 ? INDEX_op_deposit : p_rn(2) ? INDEX_op_extract
                                                            : INDEX_op_sextract;
        p_inputs(o, t, o->opc == INDEX_op_deposit ? 2 : 1, false);
        o->carg[0] = pos;
        o->carg[1] = len;
        o->ncarg = 2;
    } else if (pick < 8) {
        o->opc = (TCGOpcode)(INDEX_op_mulu2 + p_rn(4));  /* mulu2 muls2 add2 sub2 */
        o->nout = 2;
        do {
            o->out[1] = p_slot(t);
        } while (o->out[1] == o->out[0]);
        p_inputs(o, t, o->opc == INDEX_op_add2 || o->opc == INDEX_op_sub2 ? 4 : 2,
                 o->opc == INDEX_op_add2 || o->opc == INDEX_op_sub2);
    } else {
        static const TCGOpcode cross[] = { INDEX_op_ext_i32_i64, INDEX_op_extu_i32_i64,
                                           INDEX_op_extrl_i64_i32, INDEX_op_extrh_i64_i32 };
        int k = p_rn(4);
        o->opc = cross[k];
        o->type = k < 2 ? TCG_TYPE_I64 : TCG_TYPE_I32;
        o->out[0] = p_slot(o->type);
        p_inputs(o, k < 2 ? TCG_TYPE_I32 : TCG_TYPE_I64, 1, false);
    }
}

static void p_gen(PProg *p, uint64_t seed)
{
    memset(p, 0, sizeof(*p));
    p_rng = seed * 0x9e3779b97f4a7c15ull + 1;
    for (int s = 0; s < P_NS; s++) {
        p->init[s] = p_value(p_slot_type(s));
    }
    int pending = -1, countdown = 0;
    while (p->n < P_MAXOPS - 3) {
        POp *o = &p->ops[p->n++];
        if (pending >= 0 && --countdown <= 0) {
            o->kind = PK_LABEL;
            o->label = pending;
            pending = -1;
            continue;
        }
        int r = p_rn(12);
        if (r == 0 && pending < 0) {
            TCGType t = p_rn(2) ? TCG_TYPE_I64 : TCG_TYPE_I32;
            o->kind = PK_BRCOND;
            o->type = t;
            p_inputs(o, t, 2, true);
            o->carg[0] = p_conds[p_rn(10)];
            o->label = pending = p->nlabels++;
            countdown = 1 + p_rn(6);
        } else if (r == 1) {
            o->kind = PK_CALL;
            o->nout = 1;
            o->out[0] = p_slot(TCG_TYPE_I64);
            o->nin = 7;
            for (int k = 0; k < 7; k++) {
                o->in[k] = p_slot(k & 1 ? TCG_TYPE_I32 : TCG_TYPE_I64);
            }
        } else {
            p_gen_value_op(o);
        }
    }
    if (pending >= 0) {
        POp *o = &p->ops[p->n++];
        o->kind = PK_LABEL;
        o->label = pending;
    }
}

static void p_emit(const PProg *p)
{
    TCGTemp *slot[P_NS];
    TCGLabel *labels[P_MAXOPS];
    for (int s = 0; s < P_NS; s++) {
        slot[s] = tcg_temp_new_internal(p_slot_type(s), TEMP_TB);
        TCGTemp *c = tcg_constant_internal(p_slot_type(s), (int64_t)p->init[s]);
        tcg_emit_op(INDEX_op_mov, p_slot_type(s), 2,
                    (TCGArg[]){ temp_arg(slot[s]), temp_arg(c) });
    }
    for (int i = 0; i < p->nlabels; i++) {
        labels[i] = gen_new_label();
    }
    for (int i = 0; i < p->n; i++) {
        const POp *o = &p->ops[i];
        TCGArg args[TCG_MAX_OP_ARGS];
        TCGTemp *in[7];
        int n = 0;
        TCGType it = o->type;
        if (o->kind == PK_LABEL) {
            gen_set_label(labels[o->label]);
            continue;
        }
        if (o->opc == INDEX_op_ext_i32_i64 || o->opc == INDEX_op_extu_i32_i64) {
            it = TCG_TYPE_I32;
        } else if (o->opc == INDEX_op_extrl_i64_i32 || o->opc == INDEX_op_extrh_i64_i32) {
            it = TCG_TYPE_I64;
        }
        for (int k = 0; k < o->nin; k++) {
            in[k] = (o->cmask & (1u << k)) ? tcg_constant_internal(it, (int64_t)o->cval[k])
                                           : slot[o->in[k]];
        }
        if (o->kind == PK_CALL) {
            tcg_gen_callN(&p_helper_info, slot[o->out[0]], in);
            continue;
        }
        if (o->kind == PK_BRCOND) {
            tcg_emit_op(INDEX_op_brcond, o->type, 4,
                        (TCGArg[]){ temp_arg(in[0]), temp_arg(in[1]), o->carg[0],
                                    label_arg(labels[o->label]) });
            continue;
        }
        for (int k = 0; k < o->nout; k++) {
            args[n++] = temp_arg(slot[o->out[k]]);
        }
        for (int k = 0; k < o->nin; k++) {
            args[n++] = temp_arg(in[k]);
        }
        for (int k = 0; k < o->ncarg; k++) {
            args[n++] = o->carg[k];
        }
        tcg_emit_op(o->opc, o->type, n, args);
    }
    for (int s = 0; s < P_NS; s++) {
        tcg_emit_op(INDEX_op_st, p_slot_type(s), 4,
                    (TCGArg[]){ temp_arg(slot[s]), temp_arg(tcg_ctx->env),
                                offsetof(JTEnv, big) + 8 * s,
                                p_slot_type(s) == TCG_TYPE_I64 ? MO_64 : MO_32 });
    }
}

static void p_reference(const PProg *p, uint64_t *v)
{
    for (int s = 0; s < P_NS; s++) {
        v[s] = p->init[s];
    }
    for (int i = 0; i < p->n; i++) {
        const POp *o = &p->ops[i];
        uint64_t in[7], out[2] = { 0, 0 };
        for (int k = 0; k < o->nin; k++) {
            in[k] = (o->cmask & (1u << k)) ? o->cval[k] : v[o->in[k]];
        }
        switch (o->kind) {
        case PK_LABEL:
            break;
        case PK_CALL:
            v[o->out[0]] = p_helper(in[0], (uint32_t)in[1], in[2], (uint32_t)in[3],
                                    in[4], (uint32_t)in[5], in[6]);
            break;
        case PK_BRCOND:
            if (tcg_cond_eval((TCGCond)o->carg[0], o->type, in[0], in[1])) {
                while (!(p->ops[i].kind == PK_LABEL && p->ops[i].label == o->label)) {
                    i++;
                }
            }
            break;
        case PK_OP:
            cr_assert(tcg_fold_op(o->opc, o->type, in, o->carg, out),
                      "no reference for %s", tcg_op_defs[o->opc].name);
            for (int k = 0; k < o->nout; k++) {
                v[o->out[k]] = out[k];
            }
            break;
        }
    }
}

static void p_run_blocks(int nblocks, bool optimize)
{
    static PProg p;
    int bad = 0;
    uint64_t spills0 = tcg_ctx->stats.spills;
    for (int b = 0; b < nblocks; b++) {
        uint64_t want[P_NS];
        p_gen(&p, (uint64_t)b + 1);
        jt_begin(0x1000);
        p_emit(&p);
        const void *tc = jt_finish(NULL, optimize);
        memset(jt_env.big, 0xcc, sizeof(jt_env.big));
        jt_run(tc);
        p_reference(&p, want);
        for (int s = 0; s < P_NS; s++) {
            uint64_t got = jt_env.big[s];
            if (s >= P_N64) {
                got = (uint32_t)got;
            }
            if (got != want[s]) {
                if (bad < 10) {
                    printf("block %d (%s): slot %d got %llx want %llx\n", b,
                           optimize ? "opt" : "unopt", s, (unsigned long long)got,
                           (unsigned long long)want[s]);
                }
                bad++;
            }
        }
    }
    printf("pressure (%s): %d blocks of %d ops over %d live temps, %llu spills, "
           "%d values differ from the tcg_fold_op reference\n",
           optimize ? "optimized" : "unoptimized", nblocks, P_MAXOPS, P_NS,
           (unsigned long long)(tcg_ctx->stats.spills - spills0), bad);
    cr_expect_eq(bad, 0);
}

Test(jitpressure, random_unoptimized) { p_run_blocks(1500, false); }
Test(jitpressure, random_optimized) { p_run_blocks(1500, true); }
