/*
 * The random test's generator: seeded programs of value ops over globals
 * and temps (constants biased to edges, chains the optimizer's known bits
 * work on), forward branches, early exits, host and guest memory, helper
 * calls, mb and discard; and their emission as IR.
 */
#include <string.h>

#include "tt-rand.h"

/* ---- generator ---- */

typedef struct Gen {
    TTRng rng;
    TTRandProg *p;
    uint32_t defined;           /* EBB slots defined in the current EBB */
    int pending[MAX_LABELS];    /* ops left before each open label is placed */
    int npending_ids[MAX_LABELS];
    int npending;
    int8_t recent[4];           /* slots written by the last ops */
} Gen;

static unsigned rn(Gen *g, unsigned n) { return (unsigned)(tt_rand(&g->rng) % n); }

static uint64_t rand_value(Gen *g, TCGType t)
{
    switch (rn(g, 10)) {
    case 0: case 1: case 2: case 3: case 4:
        return t == TCG_TYPE_I32 ? tt_edges32[rn(g, tt_nb_edges32)]
                                 : tt_edges64[rn(g, tt_nb_edges64)];
    case 5: case 6:
        return tt_mask(t, rn(g, 70) - 3);
    default:
        return tt_mask(t, tt_rand(&g->rng));
    }
}

static void note_output(Gen *g, int s)
{
    memmove(g->recent + 1, g->recent, sizeof(g->recent) - 1);
    g->recent[0] = s;
}

static int rand_slot(Gen *g, TCGType t, bool for_output)
{
    /* Often read what the last ops wrote: chains of dependent ops are what
     * the optimizer's known bits and copies work on. */
    if (!for_output && rn(g, 100) < 45) {
        int k = rn(g, 4), s = g->recent[k];
        if (s >= 0 && slot_type(s) == t &&
            (!slot_is_ebb(s) || (g->defined & (1u << s)))) {
            return s;
        }
    }
    for (;;) {
        int s = rn(g, RS_ADDR);
        if (slot_type(s) != t) {
            continue;
        }
        if (!for_output && slot_is_ebb(s) && !(g->defined & (1u << s))) {
            continue;
        }
        if (for_output && slot_is_ebb(s)) {
            g->defined |= 1u << s;
        }
        return s;
    }
}

static TTRandOp *new_op(Gen *g, TTRandKind kind)
{
    TTRandOp *o = &g->p->ops[g->p->n++];
    memset(o, 0, sizeof(*o));
    o->kind = kind;
    for (int i = 0; i < 4; i++) {
        o->in[i] = -1;
    }
    o->out[0] = o->out[1] = -1;
    return o;
}

static void set_input(Gen *g, TTRandOp *o, int i, TCGType t, int const_pct)
{
    if ((int)rn(g, 100) < const_pct) {
        o->cmask |= 1 << i;
        o->cval[i] = rand_value(g, t);
    } else {
        o->in[i] = rand_slot(g, t, false);
    }
}

static void place_label(Gen *g, int id)
{
    TTRandOp *o = new_op(g, RK_LABEL);
    o->label = id;
    g->defined = 0;             /* EBB temps die at a label */
}

static int open_label(Gen *g, int distance)
{
    int id = g->p->nlabels++;
    g->pending[g->npending] = distance;
    g->npending_ids[g->npending++] = id;
    return id;
}

/* Counts down open labels after each generated op, placing due ones. */
static void tick_labels(Gen *g)
{
    for (int i = 0; i < g->npending; i++) {
        if (--g->pending[i] <= 0) {
            place_label(g, g->npending_ids[i]);
            g->pending[i] = g->pending[--g->npending];
            g->npending_ids[i] = g->npending_ids[g->npending];
            i--;
        }
    }
}

static const TCGCond real_conds[10] = {
    TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE, TCG_COND_LE,
    TCG_COND_GT, TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
};

static const uint16_t value_ops[] = {
    INDEX_op_mov, INDEX_op_add, INDEX_op_sub, INDEX_op_mul, INDEX_op_neg,
    INDEX_op_and, INDEX_op_or, INDEX_op_xor, INDEX_op_andc, INDEX_op_orc,
    INDEX_op_eqv, INDEX_op_nand, INDEX_op_nor, INDEX_op_not, INDEX_op_shl,
    INDEX_op_shr, INDEX_op_sar, INDEX_op_rotl, INDEX_op_rotr, INDEX_op_ext8s,
    INDEX_op_ext8u, INDEX_op_ext16s, INDEX_op_ext16u, INDEX_op_ext32s,
    INDEX_op_ext32u, INDEX_op_ext_i32_i64, INDEX_op_extu_i32_i64,
    INDEX_op_extrl_i64_i32, INDEX_op_extrh_i64_i32, INDEX_op_deposit,
    INDEX_op_extract, INDEX_op_sextract, INDEX_op_bswap16, INDEX_op_bswap32,
    INDEX_op_bswap64, INDEX_op_clz, INDEX_op_ctz, INDEX_op_ctpop,
    INDEX_op_setcond, INDEX_op_movcond, INDEX_op_mulu2, INDEX_op_muls2,
    INDEX_op_add2, INDEX_op_sub2, INDEX_op_add, INDEX_op_add, INDEX_op_xor,
    INDEX_op_sub, INDEX_op_and, INDEX_op_shl, INDEX_op_setcond,
    INDEX_op_and, INDEX_op_or, INDEX_op_ext8u, INDEX_op_ext16u, INDEX_op_extract,
    INDEX_op_shr, INDEX_op_add, INDEX_op_lea, INDEX_op_lea,
};

static void gen_value_op(Gen *g)
{
    TCGOpcode opc = value_ops[rn(g, sizeof(value_ops) / sizeof(value_ops[0]))];
    TCGType t = rn(g, 2) ? TCG_TYPE_I64 : TCG_TYPE_I32;
    if (opc == INDEX_op_ext32s || opc == INDEX_op_ext32u || opc == INDEX_op_bswap64 ||
        opc == INDEX_op_ext_i32_i64 || opc == INDEX_op_extu_i32_i64) {
        t = TCG_TYPE_I64;
    } else if (opc == INDEX_op_extrl_i64_i32 || opc == INDEX_op_extrh_i64_i32) {
        t = TCG_TYPE_I32;
    }
    TCGType it = t;
    if (opc == INDEX_op_ext_i32_i64 || opc == INDEX_op_extu_i32_i64) {
        it = TCG_TYPE_I32;
    } else if (opc == INDEX_op_extrl_i64_i32 || opc == INDEX_op_extrh_i64_i32) {
        it = TCG_TYPE_I64;
    }
    const TCGOpDef *d = &tcg_op_defs[opc];
    int w = t == TCG_TYPE_I32 ? 32 : 64;
    TTRandOp *o = new_op(g, RK_OP);
    o->opc = opc;
    o->type = t;
    for (int i = 0; i < d->nb_iargs; i++) {
        set_input(g, o, i, it, opc == INDEX_op_mov ? 30 : 20);
    }
    if (opc == INDEX_op_shl || opc == INDEX_op_shr || opc == INDEX_op_sar ||
        opc == INDEX_op_rotl || opc == INDEX_op_rotr) {
        if (o->cmask & 2 || rn(g, 2)) {
            o->cmask |= 2;
            o->in[1] = -1;
            o->cval[1] = rn(g, 4) ? rn(g, w) : rand_value(g, t);
        }
    }
    if (opc == INDEX_op_setcond || opc == INDEX_op_movcond) {
        o->carg[0] = real_conds[rn(g, 10)];
    } else if (opc == INDEX_op_deposit || opc == INDEX_op_extract ||
               opc == INDEX_op_sextract) {
        int pos = rn(g, w);
        o->carg[0] = pos;
        o->carg[1] = 1 + rn(g, w - pos);
    } else if (opc == INDEX_op_lea) {
        o->carg[0] = rn(g, 4);
        o->carg[1] = (uint32_t)rand_value(g, TCG_TYPE_I32);
    }
    o->out[0] = rand_slot(g, t, true);
    if (d->nb_oargs == 2) {
        do {
            o->out[1] = rand_slot(g, t, true);
        } while (o->out[1] == o->out[0]);
        note_output(g, o->out[1]);
    }
    note_output(g, o->out[0]);
}

static void gen_mem_op(Gen *g)
{
    TCGType t = rn(g, 2) ? TCG_TYPE_I64 : TCG_TYPE_I32;
    int size = rn(g, t == TCG_TYPE_I64 ? 4 : 3);
    int mo = size | (rn(g, 2) ? MO_SIGN : 0) | (size && rn(g, 2) ? MO_BSWAP : 0);
    if (size == 3) {
        mo &= ~MO_SIGN;
    }
    int kind = rn(g, 4);
    if (kind == 2 && rn(g, 3) == 0) {
        /* A byte anywhere in the 4 GiB: any i32 value is a valid address
         * (and one whose register is not zero-extended faults). */
        TTRandOp *o = new_op(g, RK_GLD);
        o->type = t;
        o->opc = rn(g, 2) ? MO_SB : MO_UB;
        o->in[1] = rand_slot(g, TCG_TYPE_I32, false);
        o->out[0] = rand_slot(g, t, true);
        note_output(g, o->out[0]);
        return;
    }
    if (kind >= 2) {
        /* ADDR = (src & mask) + window base + 0x100 */
        TTRandOp *a = new_op(g, RK_OP);
        a->opc = INDEX_op_and;
        a->type = TCG_TYPE_I32;
        a->in[0] = rand_slot(g, TCG_TYPE_I32, false);
        a->cmask = 2;
        a->cval[1] = rn(g, 2) ? 0x3f8 : 0x3ff;
        a->out[0] = RS_ADDR;
        TTRandOp *b = new_op(g, RK_OP);
        b->opc = INDEX_op_add;
        b->type = TCG_TYPE_I32;
        b->in[0] = RS_ADDR;
        b->cmask = 2;
        b->cval[1] = tt_rand_guest_win[rn(g, 2)] + 0x100;
        b->out[0] = RS_ADDR;
    }
    TTRandOp *o = new_op(g, kind == 0 ? RK_LD : kind == 1 ? RK_ST : kind == 2 ? RK_GLD : RK_GST);
    o->type = t;
    o->opc = mo;
    o->off = rn(g, TT_MEM_SIZE - 8);
    if (kind >= 2) {
        o->in[1] = RS_ADDR;
    }
    if (kind == 0 || kind == 2) {
        o->out[0] = rand_slot(g, t, true);
        note_output(g, o->out[0]);
    } else {
        set_input(g, o, 0, t, 20);
    }
}

static void gen_call(Gen *g)
{
    int h = rn(g, TT_RAND_NB_HELPERS);
    TCGHelperInfo *info = &tt_rand_helpers[h];
    TTRandOp *o = new_op(g, RK_CALL);
    o->helper = h;
    for (int i = 0; i < info->nargs; i++) {
        if (info->args[i] != TCG_HT_PTR) {
            set_input(g, o, i, info->args[i] == TCG_HT_I32 ? TCG_TYPE_I32 : TCG_TYPE_I64, 20);
        }
    }
    if (info->ret != TCG_HT_VOID && rn(g, 4)) {
        o->out[0] = rand_slot(g, info->ret == TCG_HT_I32 ? TCG_TYPE_I32 : TCG_TYPE_I64, true);
    }
}

static void gen_branch(Gen *g)
{
    TTRandOp *o = new_op(g, RK_BRCOND);
    TCGType t = rn(g, 2) ? TCG_TYPE_I64 : TCG_TYPE_I32;
    o->type = t;
    set_input(g, o, 0, t, 10);
    set_input(g, o, 1, t, 40);
    o->carg[0] = real_conds[rn(g, 10)];
    o->label = open_label(g, 1 + rn(g, 10));
}


/* Emits op opc of type t into a random slot (a global half of the time)
 * with the given inputs (slot >= 0, or a constant when slot < 0). */
static int chain_op(Gen *g, TCGOpcode opc, TCGType t, int a, int b, uint64_t cb,
                    TCGArg c0, TCGArg c1, bool to_global)
{
    TTRandOp *o = new_op(g, RK_OP);
    o->opc = opc;
    o->type = t;
    o->in[0] = a;
    if (tcg_op_defs[opc].nb_iargs > 1) {
        if (b >= 0) {
            o->in[1] = b;
        } else {
            o->cmask = 2;
            o->cval[1] = tt_mask(t, cb);
        }
    }
    o->carg[0] = c0;
    o->carg[1] = c1;
    if (to_global) {
        o->out[0] = (t == TCG_TYPE_I64 ? RS_G64 : RS_G32) + rn(g, NG);
    } else {
        o->out[0] = rand_slot(g, t, true);
    }
    note_output(g, o->out[0]);
    return o->out[0];
}

/* A value with known high bits: ext8u/ext16u, and with a low mask,
 * extract, shr by a large count, or setcond. */
static int chain_narrow(Gen *g, TCGType t)
{
    int w = t == TCG_TYPE_I32 ? 32 : 64, x = rand_slot(g, t, false);
    switch (rn(g, 6)) {
    case 0: return chain_op(g, INDEX_op_ext8u, t, x, -1, 0, 0, 0, false);
    case 1: return chain_op(g, INDEX_op_ext16u, t, x, -1, 0, 0, 0, false);
    case 2: return chain_op(g, INDEX_op_and, t, x, -1, (1ull << (1 + rn(g, w - 1))) - 1, 0, 0, false);
    case 3: {
        int pos = rn(g, w), len = 1 + rn(g, w - pos);
        return chain_op(g, INDEX_op_extract, t, x, -1, 0, pos, len, false);
    }
    case 4: return chain_op(g, INDEX_op_shr, t, x, -1, w / 2 + rn(g, w / 2), 0, 0, false);
    default: {
        int y = rand_slot(g, t, false);
        return chain_op(g, INDEX_op_setcond, t, x, y, 0, real_conds[rn(g, 10)], 0, false);
    }
    }
}

/* narrow, narrow, arithmetic, then an op whose result depends on exactly
 * the high bits the optimizer believes known (ext/and/extract/setcond). */
static void gen_chain(Gen *g)
{
    static const TCGOpcode arith[] = {
        INDEX_op_add, INDEX_op_sub, INDEX_op_mul, INDEX_op_or, INDEX_op_xor,
        INDEX_op_and, INDEX_op_shl, INDEX_op_neg, INDEX_op_not, INDEX_op_ctpop,
    };
    TCGType t = rn(g, 2) ? TCG_TYPE_I64 : TCG_TYPE_I32;
    int w = t == TCG_TYPE_I32 ? 32 : 64;
    int a = chain_narrow(g, t), b = chain_narrow(g, t);
    TCGOpcode opc = arith[rn(g, 10)];
    int r = chain_op(g, opc, t, a, opc == INDEX_op_shl ? -1 : b, rn(g, 8), 0, 0, false);
    switch (rn(g, 6)) {
    case 0: chain_op(g, INDEX_op_ext8u, t, r, -1, 0, 0, 0, true); break;
    case 1: chain_op(g, INDEX_op_ext16u, t, r, -1, 0, 0, 0, true); break;
    case 2: chain_op(g, INDEX_op_and, t, r, -1, (1ull << (1 + rn(g, w - 1))) - 1, 0, 0, true); break;
    case 3: {
        int pos = rn(g, w);
        chain_op(g, INDEX_op_extract, t, r, -1, 0, pos, 1 + rn(g, w - pos), true);
        break;
    }
    case 4: {
        TTRandOp *o = new_op(g, RK_OP);
        o->opc = INDEX_op_setcond;
        o->type = t;
        o->in[0] = r;
        o->cmask = 2;
        o->cval[1] = rn(g, 2) ? 1ull << rn(g, w) : rn(g, 600);
        o->carg[0] = real_conds[rn(g, 10)];
        o->out[0] = (t == TCG_TYPE_I64 ? RS_G64 : RS_G32) + rn(g, NG);
        break;
    }
    default: {
        TTRandOp *o = new_op(g, RK_BRCOND);
        o->type = t;
        o->in[0] = r;
        o->cmask = 2;
        o->cval[1] = rn(g, 2) ? 1ull << rn(g, w) : rn(g, 600);
        o->carg[0] = real_conds[rn(g, 10)];
        o->label = open_label(g, 1 + rn(g, 3));
        break;
    }
    }
}

void tt_rand_gen(TTRandProg *p, uint64_t seed)
{
    Gen g = { .p = p, .recent = { -1, -1, -1, -1 } };
    tt_seed(&g.rng, seed);
    memset(p->ops, 0, sizeof(p->ops));
    p->n = p->nlabels = 0;
    for (int i = 0; i < NG; i++) {
        p->g64[i] = rand_value(&g, TCG_TYPE_I64);
        p->g32[i] = (uint32_t)rand_value(&g, TCG_TYPE_I32);
    }
    for (int i = 0; i < TT_MEM_SIZE; i++) {
        p->mem[i] = (uint8_t)tt_rand(&g.rng);
    }
    for (int w = 0; w < 2; w++) {
        for (int i = 0; i < 0x600; i++) {
            p->guest[w][i] = (uint8_t)tt_rand(&g.rng);
        }
    }
    /* Define every TB temp and the address temp first. */
    for (int s = RS_T64; s < RS_E64; s++) {
        TTRandOp *o = new_op(&g, RK_OP);
        o->opc = INDEX_op_mov;
        o->type = slot_type(s);
        /* From a global or a constant: no temp is defined yet. */
        if (rn(&g, 2)) {
            o->cmask = 1;
            o->cval[0] = rand_value(&g, o->type);
        } else {
            o->in[0] = (o->type == TCG_TYPE_I64 ? RS_G64 : RS_G32) + rn(&g, NG);
        }
        o->out[0] = s;
    }
    TTRandOp *a = new_op(&g, RK_OP);
    a->opc = INDEX_op_mov;
    a->type = TCG_TYPE_I32;
    a->cmask = 1;
    a->cval[0] = 0x100;
    a->out[0] = RS_ADDR;

    int nops = 4 + rn(&g, rn(&g, 4) ? 40 : 100);
    for (int i = 0; i < nops && p->n < MAX_ROPS - 24; i++) {
        unsigned k = rn(&g, 100);
        if (k < 52) {
            gen_value_op(&g);
        } else if (k < 62 && p->nlabels < MAX_LABELS - 2) {
            gen_chain(&g);
        } else if (k < 72) {
            gen_mem_op(&g);
        } else if (k < 79) {
            gen_call(&g);
        } else if (k < 92 && p->nlabels < MAX_LABELS - 2) {
            gen_branch(&g);
        } else if (k < 95 && p->nlabels < MAX_LABELS - 2) {
            TTRandOp *o = new_op(&g, RK_BR);
            o->label = open_label(&g, 1 + rn(&g, 4));
        } else if (k < 96) {
            /* mb, or discard a defined EBB temp (it is undefined after) */
            int s = RS_E64 + rn(&g, RS_ADDR - RS_E64);
            if (g.defined & (1u << s)) {
                TTRandOp *o = new_op(&g, RK_DISCARD);
                o->in[0] = s;
                g.defined &= ~(1u << s);
            } else {
                new_op(&g, RK_MB);
            }
        } else if (k < 98 && p->nlabels < MAX_LABELS - 2) {
            /* if (cond) skip; exit_tb(v); skip: */
            gen_branch(&g);
            g.pending[g.npending - 1] = 1 << 20;
            int id = g.npending_ids[g.npending - 1];
            g.npending--;
            TTRandOp *e = new_op(&g, RK_EXIT);
            e->off = 0x100 * (1 + rn(&g, 3));
            place_label(&g, id);
        } else {
            gen_value_op(&g);
        }
        tick_labels(&g);
    }
    while (g.npending) {
        place_label(&g, g.npending_ids[--g.npending]);
    }
    /* The end: exit_tb(0), or now and then an unchained goto_tb. */
    p->end_slot = rn(&g, 8) == 0 ? (int)rn(&g, 2) : -1;
}

/* ---- emission (in a backend child, or the parent for dumps) ---- */

void tt_rand_emit(const TTRandProg *p)
{
    TCGTemp *slot[RS_NB];
    TCGLabel *labels[MAX_LABELS];
    for (int s = 0; s < RS_NB; s++) {
        TCGType t = slot_type(s);
        if (s < RS_G32) {
            slot[s] = tcgv_i64_temp(tt_g64(s));
        } else if (s < RS_T64) {
            slot[s] = tcgv_i32_temp(tt_g32(s - RS_G32));
        } else {
            slot[s] = tcg_temp_new_internal(t, slot_is_ebb(s) ? TEMP_EBB : TEMP_TB);
        }
    }
    for (int i = 0; i < p->nlabels; i++) {
        labels[i] = gen_new_label();
    }
    for (int k = 0; k < p->n; k++) {
        const TTRandOp *o = &p->ops[k];
        TCGArg args[TCG_MAX_OP_ARGS];
        TCGTemp *in[4] = { 0 };
        int n = 0;
        TCGType it = o->type;
        if (o->kind == RK_OP) {
            if (o->opc == INDEX_op_ext_i32_i64 || o->opc == INDEX_op_extu_i32_i64) {
                it = TCG_TYPE_I32;
            } else if (o->opc == INDEX_op_extrl_i64_i32 || o->opc == INDEX_op_extrh_i64_i32) {
                it = TCG_TYPE_I64;
            }
        }
        for (int i = 0; i < 4; i++) {
            TCGType ti = it;
            if (o->kind == RK_CALL) {
                TCGHelperType ht = tt_rand_helpers[o->helper].args[i];
                ti = ht == TCG_HT_I32 ? TCG_TYPE_I32 : TCG_TYPE_I64;
                if (i < tt_rand_helpers[o->helper].nargs && ht == TCG_HT_PTR) {
                    in[i] = tcg_ctx->env;
                    continue;
                }
            }
            if (o->cmask & (1 << i)) {
                in[i] = tcg_constant_internal(ti, (int64_t)tt_mask(ti, o->cval[i]));
            } else if (o->in[i] >= 0) {
                in[i] = slot[o->in[i]];
            }
        }
        switch (o->kind) {
        case RK_OP: {
            const TCGOpDef *d = &tcg_op_defs[o->opc];
            for (int j = 0; j < d->nb_oargs; j++) {
                args[n++] = temp_arg(slot[o->out[j]]);
            }
            for (int i = 0; i < d->nb_iargs; i++) {
                args[n++] = temp_arg(in[i]);
            }
            for (int c = 0; c < d->nb_cargs; c++) {
                args[n++] = o->carg[c];
            }
            tcg_emit_op(o->opc, o->type, n, args);
            break;
        }
        case RK_BRCOND:
            labels[o->label]->refs++;
            tcg_emit_op(INDEX_op_brcond, o->type, 4, (TCGArg[]){ temp_arg(in[0]),
                        temp_arg(in[1]), o->carg[0], label_arg(labels[o->label]) });
            break;
        case RK_BR:
            tcg_gen_br(labels[o->label]);
            break;
        case RK_LABEL:
            gen_set_label(labels[o->label]);
            break;
        case RK_EXIT:
            tcg_gen_exit_tb(o->off);
            break;
        case RK_LD:
            tcg_emit_op(INDEX_op_ld, o->type, 4, (TCGArg[]){ temp_arg(slot[o->out[0]]),
                        temp_arg(tcg_ctx->env), offsetof(TTEnv, mem) + o->off, o->opc });
            break;
        case RK_ST:
            tcg_emit_op(INDEX_op_st, o->type, 4, (TCGArg[]){ temp_arg(in[0]),
                        temp_arg(tcg_ctx->env), offsetof(TTEnv, mem) + o->off, o->opc });
            break;
        case RK_GLD:
            tcg_emit_op(INDEX_op_guest_ld, o->type, 4, (TCGArg[]){
                        temp_arg(slot[o->out[0]]), temp_arg(slot[o->in[1]]), o->opc, 0 });
            break;
        case RK_GST:
            tcg_emit_op(INDEX_op_guest_st, o->type, 4, (TCGArg[]){ temp_arg(in[0]),
                        temp_arg(slot[RS_ADDR]), o->opc, 0 });
            break;
        case RK_MB:
            tcg_gen_mb(TCG_MB_FULL);
            break;
        case RK_DISCARD:
            tcg_gen_op1(INDEX_op_discard, slot_type(o->in[0]), temp_arg(slot[o->in[0]]));
            break;
        case RK_CALL: {
            /* A result nobody reads still needs a temp (a dead one). */
            TCGHelperType rt = tt_rand_helpers[o->helper].ret;
            TCGTemp *ret = o->out[0] >= 0 ? slot[o->out[0]]
                         : rt == TCG_HT_VOID ? NULL
                         : tcg_temp_new_internal(rt == TCG_HT_I32 ? TCG_TYPE_I32 : TCG_TYPE_I64,
                                                 TEMP_EBB);
            tcg_gen_callN(&tt_rand_helpers[o->helper], ret, in);
            break;
        }
        }
    }
    if (p->end_slot >= 0) {
        tcg_gen_goto_tb(p->end_slot);
        tcg_gen_exit_tb((uintptr_t)tt_current_tb() | p->end_slot);
    } else {
        tcg_gen_exit_tb(0);
    }
}
