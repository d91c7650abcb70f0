/*
 * Control flow and register allocation on both backends: brcond for every
 * condition at signed/unsigned edges with constants in either position,
 * temps across labels (TEMP_TB vs TEMP_EBB), a backward-branch loop, early
 * exits, and register pressure (many live temps and globals across calls
 * and labels). Reference: native C comparisons and arithmetic.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt-scen.h"

static const TCGCond all_conds[12] = {
    TCG_COND_NEVER, TCG_COND_ALWAYS, TCG_COND_EQ, TCG_COND_NE,
    TCG_COND_LT, TCG_COND_GE, TCG_COND_LE, TCG_COND_GT,
    TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
};

/* The meaning of a condition, written out in C. */
static bool native_cond(TCGCond c, TCGType t, uint64_t a, uint64_t b)
{
    int64_t sa = t == TCG_TYPE_I32 ? (int32_t)a : (int64_t)a;
    int64_t sb = t == TCG_TYPE_I32 ? (int32_t)b : (int64_t)b;
    a = tt_mask(t, a);
    b = tt_mask(t, b);
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
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
    }
    return false;
}

static TCGTemp *g_temp(TCGType t, int i)
{
    return t == TCG_TYPE_I32 ? tcgv_i32_temp(tt_g32(i)) : tcgv_i64_temp(tt_g64(i));
}

static void emit2(TCGOpcode opc, TCGType t, TCGTemp *d, TCGTemp *a)
{
    tcg_emit_op(opc, t, 2, (TCGArg[]){ temp_arg(d), temp_arg(a) });
}

static void emit3(TCGOpcode opc, TCGType t, TCGTemp *d, TCGTemp *a, TCGTemp *b)
{
    tcg_emit_op(opc, t, 3, (TCGArg[]){ temp_arg(d), temp_arg(a), temp_arg(b) });
}

static TCGTemp *cst(TCGType t, uint64_t v)
{
    return tcg_constant_internal(t, (int64_t)tt_mask(t, v));
}

static void emit_brcond(TCGType t, TCGCond c, TCGTemp *a, TCGTemp *b, TCGLabel *l)
{
    l->refs++;
    tcg_emit_op(INDEX_op_brcond, t, 4, (TCGArg[]){ temp_arg(a), temp_arg(b), c,
                label_arg(l) });
}

/*
 * Branch on every condition. param = ((type * 12 + cond) * 4 + shape) * 32
 * + k: shape 0 = inputs in globals, 1 = temps, 2 = second input the
 * constant edge k, 3 = first input the constant edge k. Each block runs
 * over all edge pairs (for shapes 2/3: all first/second inputs); results:
 * taken -> out = 1, fall through -> out = 2, packed 1 bit per pair.
 */
static void scen_branch(int param, bool opt, TTScenResult *o)
{
    int k = param % 32, shape = param / 32 % 4, ci = param / 128 % 12;
    TCGType t = (TCGType)(param / (128 * 12));
    TCGCond c = all_conds[ci];
    const uint64_t *e = t == TCG_TYPE_I32 ? tt_edges32 : tt_edges64;
    int ne = t == TCG_TYPE_I32 ? tt_nb_edges32 : tt_nb_edges64;
    TCGTemp *a = g_temp(t, 0), *b = g_temp(t, 1);
    if (shape == 1) {
        a = tcg_temp_new_internal(t, TEMP_EBB);
        b = tcg_temp_new_internal(t, TEMP_EBB);
        emit2(INDEX_op_mov, t, a, g_temp(t, 0));
        emit2(INDEX_op_mov, t, b, g_temp(t, 1));
    } else if (shape == 2) {
        b = cst(t, e[k]);
    } else if (shape == 3) {
        a = cst(t, e[k]);
    }
    TCGLabel *taken = gen_new_label(), *end = gen_new_label();
    TCGTemp *out = g_temp(TCG_TYPE_I32, 4);
    emit_brcond(t, c, a, b, taken);
    emit2(INDEX_op_mov, TCG_TYPE_I32, out, cst(TCG_TYPE_I32, 2));
    tcg_gen_br(end);
    gen_set_label(taken);
    emit2(INDEX_op_mov, TCG_TYPE_I32, out, cst(TCG_TYPE_I32, 1));
    gen_set_label(end);
    snprintf(o->what, sizeof(o->what), "brcond_%s %s shape %d edge %d: bit per "
             "edge pair, 1 = taken (status 9: tcg_cond_eval disagrees with C)", t ? "i64" : "i32", tcg_cond_names[c], shape, k);
    const void *tc = tt_finish(opt);
    if (!tc) {
        o->status = 4;
        return;
    }
    o->status = 1;
    uint64_t got[TT_SCEN_VALS] = { 0 }, want[TT_SCEN_VALS] = { 0 };
    int n = 0;
    for (int i = 0; i < ne; i++) {
        for (int j = 0; j < ne; j++) {
            if ((shape == 2 && j) || (shape == 3 && i)) {
                continue;
            }
            uint64_t va = shape == 3 ? e[k] : e[i], vb = shape == 2 ? e[k] : e[j];
            if (t == TCG_TYPE_I32) {
                tt_env->g32[0] = (uint32_t)va;
                tt_env->g32[2] = (uint32_t)vb;
            } else {
                tt_env->g64[0] = va;
                tt_env->g64[1] = vb;
            }
            tt_env->g32[8] = 0;
            tt_exec(tc);
            uint32_t r = tt_env->g32[8];
            bool w = native_cond(c, t, va, vb);
            if (w != tcg_cond_eval(c, t, va, vb)) {
                /* tcg_cond_eval disagrees with C: flag it as a failure. */
                o->status |= 8;
            }
            got[n / 64] |= (uint64_t)(r == 1 ? 1 : r == 2 ? 0 : !w) << (n % 64);
            want[n / 64] |= (uint64_t)w << (n % 64);
            n++;
        }
    }
    if (!tt_canaries_ok()) {
        o->status |= 2;
    }
    for (int i = 0; i * 64 < n; i++) {
        tt_scen_val(o, got[i], want[i]);
    }
    o->vectors = n;
}

/* TEMP_TB temps keep their values across labels; EBB temps work inside
 * their extended basic block and are redefined after a label. */
static void scen_labels(int param, bool opt, TTScenResult *o)
{
    uint64_t x = param & 1 ? 0xfffffffffffffff0ull : 0x1234;
    uint32_t sel = param >> 1 & 1;
    TCGTemp *tb = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    TCGTemp *tb32 = tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB);
    TCGTemp *ebb = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_EBB);
    TCGLabel *skip = gen_new_label(), *join = gen_new_label(), *els = gen_new_label();
    tt_env->g64[0] = x;
    tt_env->g32[2] = sel;
    emit2(INDEX_op_mov, TCG_TYPE_I64, tb, g_temp(TCG_TYPE_I64, 0));
    emit3(INDEX_op_mul, TCG_TYPE_I64, ebb, tb, cst(TCG_TYPE_I64, 3));
    emit2(INDEX_op_mov, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 4), ebb);
    emit2(INDEX_op_extrl_i64_i32, TCG_TYPE_I32, tb32, tb);
    /* if (sel == 0) tb += 100 */
    emit_brcond(TCG_TYPE_I32, TCG_COND_NE, g_temp(TCG_TYPE_I32, 1), cst(TCG_TYPE_I32, 0), skip);
    emit3(INDEX_op_add, TCG_TYPE_I64, tb, tb, cst(TCG_TYPE_I64, 100));
    gen_set_label(skip);
    /* if (sel) tb32 ^= 0xff else tb32 += 1 */
    emit_brcond(TCG_TYPE_I32, TCG_COND_EQ, g_temp(TCG_TYPE_I32, 1), cst(TCG_TYPE_I32, 0), els);
    emit3(INDEX_op_xor, TCG_TYPE_I32, tb32, tb32, cst(TCG_TYPE_I32, 0xff));
    tcg_gen_br(join);
    gen_set_label(els);
    emit3(INDEX_op_add, TCG_TYPE_I32, tb32, tb32, cst(TCG_TYPE_I32, 1));
    gen_set_label(join);
    emit3(INDEX_op_add, TCG_TYPE_I64, ebb, tb, cst(TCG_TYPE_I64, 1));
    emit2(INDEX_op_mov, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 5), ebb);
    emit2(INDEX_op_mov, TCG_TYPE_I32, g_temp(TCG_TYPE_I32, 4), tb32);
    snprintf(o->what, sizeof(o->what), "TEMP_TB across labels (x=%#llx sel=%u), "
             "EBB inside blocks", (unsigned long long)x, sel);
    if (tt_scen_run(o, opt)) {
        uint64_t tbv = sel ? x : x + 100;
        tt_scen_val(o, tt_env->g64[4], x * 3);
        tt_scen_val(o, tt_env->g64[5], tbv + 1);
        tt_scen_val(o, tt_env->g32[8], sel ? ((uint32_t)x ^ 0xff) : (uint32_t)x + 1);
    }
}

/* A loop with a backward branch: s = sum(i * i) for i < n, plus a global
 * incremented in the loop. */
static void scen_loop(int param, bool opt, TTScenResult *o)
{
    uint32_t n = param * 7 + 1;
    TCGTemp *i = tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB);
    TCGTemp *s = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    TCGTemp *w = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_EBB);
    TCGTemp *gcount = g_temp(TCG_TYPE_I64, 1);
    TCGLabel *top = gen_new_label();
    tt_env->g32[0] = n;
    tt_env->g64[1] = 1000;
    emit2(INDEX_op_mov, TCG_TYPE_I32, i, cst(TCG_TYPE_I32, 0));
    emit2(INDEX_op_mov, TCG_TYPE_I64, s, cst(TCG_TYPE_I64, 0));
    gen_set_label(top);
    emit2(INDEX_op_extu_i32_i64, TCG_TYPE_I64, w, i);
    emit3(INDEX_op_mul, TCG_TYPE_I64, w, w, w);
    emit3(INDEX_op_add, TCG_TYPE_I64, s, s, w);
    emit3(INDEX_op_add, TCG_TYPE_I64, gcount, gcount, cst(TCG_TYPE_I64, 1));
    emit3(INDEX_op_add, TCG_TYPE_I32, i, i, cst(TCG_TYPE_I32, 1));
    emit_brcond(TCG_TYPE_I32, TCG_COND_LTU, i, g_temp(TCG_TYPE_I32, 0), top);
    emit2(INDEX_op_mov, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 4), s);
    snprintf(o->what, sizeof(o->what), "backward-branch loop, n=%u", n);
    if (tt_scen_run(o, opt)) {
        uint64_t want = 0;
        for (uint64_t k = 0; k < n; k++) {
            want += k * k;
        }
        tt_scen_val(o, tt_env->g64[4], want);
        tt_scen_val(o, tt_env->g64[1], 1000 + n);
    }
}

/* Early exit: exit_tb with a value in the middle, globals modified
 * before it must be stored; the ones after must not. */
static void scen_exit(int param, bool opt, TTScenResult *o)
{
    TCGLabel *l = gen_new_label();
    tt_env->g32[0] = param;
    tt_env->g64[1] = 7;
    tt_env->g64[2] = 9;
    emit3(INDEX_op_add, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 1), g_temp(TCG_TYPE_I64, 1),
          cst(TCG_TYPE_I64, 1));
    emit_brcond(TCG_TYPE_I32, TCG_COND_EQ, g_temp(TCG_TYPE_I32, 0), cst(TCG_TYPE_I32, 0), l);
    tcg_gen_exit_tb(0x40);
    gen_set_label(l);
    emit3(INDEX_op_add, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 2), g_temp(TCG_TYPE_I64, 2),
          cst(TCG_TYPE_I64, 1));
    snprintf(o->what, sizeof(o->what), "exit_tb in the middle (taken=%d): "
             "[0] return value [1] [2] globals", param != 0);
    const void *tc = tt_finish(opt);
    if (!tc) {
        o->status = 4;
        return;
    }
    uintptr_t ret = tt_exec(tc);
    o->status = 1 | (tt_canaries_ok() ? 0 : 2);
    tt_scen_val(o, ret, param ? 0x40 : 0);
    tt_scen_val(o, tt_env->g64[1], 8);
    tt_scen_val(o, tt_env->g64[2], param ? 9 : 10);
}

static uint64_t h_clobber(uint64_t a, uint64_t b) { return a * 31 + b; }
static TCGHelperInfo h_clobber_info = TCG_HELPER(h_clobber, TCG_CALL_PURE, TCG_HT_I64,
                                                 TCG_HT_I64, TCG_HT_I64);

static uint64_t rotl64(uint64_t v, int n) { return (v << n) | (v >> (64 - n)); }

/* Register pressure: nt i64 and nt/2 i32 temps live at once, across a
 * helper call and a label, then folded in order. */
static void scen_pressure(int param, bool opt, TTScenResult *o)
{
    static const int counts[] = { 8, 24, 48, 300 };
    int nt = counts[param];
    TCGTemp *t64[300], *t32[150];
    TCGTemp *acc = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    TCGTemp *tmp = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    TCGTemp *call_r = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    TCGLabel *l = gen_new_label();
    uint64_t v64[300], v32[150];
    for (int i = 0; i < 8; i++) {
        tt_env->g64[i] = 0x0123456789abcdefull * (i + 1) ^ ((uint64_t)i << 60);
        tt_env->g32[2 * i] = 0x9e3779b9u * (i + 3);
    }
    for (int i = 0; i < nt; i++) {
        t64[i] = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
        emit3(INDEX_op_mul, TCG_TYPE_I64, t64[i], g_temp(TCG_TYPE_I64, i % 8),
              cst(TCG_TYPE_I64, i + 1));
        emit3(INDEX_op_add, TCG_TYPE_I64, t64[i], t64[i], cst(TCG_TYPE_I64, i));
        v64[i] = tt_env->g64[i % 8] * (i + 1) + i;
    }
    for (int i = 0; i < nt / 2; i++) {
        t32[i] = tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB);
        emit3(INDEX_op_xor, TCG_TYPE_I32, t32[i], g_temp(TCG_TYPE_I32, i % 8),
              cst(TCG_TYPE_I32, 0x1111 * i));
        v32[i] = (uint32_t)(tt_env->g32[2 * (i % 8)] ^ (0x1111 * i));
    }
    tcg_gen_callN(&h_clobber_info, call_r, (TCGTemp *[]){ t64[0], t64[nt - 1] });
    tcg_gen_br(l);
    gen_set_label(l);
    emit2(INDEX_op_mov, TCG_TYPE_I64, acc, call_r);
    for (int i = 0; i < nt; i++) {
        tcg_emit_op(INDEX_op_rotl, TCG_TYPE_I64, 3, (TCGArg[]){ temp_arg(acc),
                    temp_arg(acc), temp_arg(cst(TCG_TYPE_I64, 5)) });
        emit3(INDEX_op_xor, TCG_TYPE_I64, acc, acc, t64[i]);
    }
    for (int i = 0; i < nt / 2; i++) {
        emit2(INDEX_op_extu_i32_i64, TCG_TYPE_I64, tmp, t32[i]);
        emit3(INDEX_op_mul, TCG_TYPE_I64, acc, acc, cst(TCG_TYPE_I64, 3));
        emit3(INDEX_op_add, TCG_TYPE_I64, acc, acc, tmp);
    }
    emit2(INDEX_op_mov, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 8), acc);
    snprintf(o->what, sizeof(o->what), "%d live i64 + %d i32 temps across a "
             "call and a label", nt, nt / 2);
    if (tt_scen_run(o, opt)) {
        uint64_t a = h_clobber(v64[0], v64[nt - 1]);
        for (int i = 0; i < nt; i++) {
            a = rotl64(a, 5) ^ v64[i];
        }
        for (int i = 0; i < nt / 2; i++) {
            a = a * 3 + v32[i];
        }
        tt_scen_val(o, tt_env->g64[8], a);
    }
}

static void h_sum_globals(void *p)
{
    TTEnv *e = p;
    uint64_t s = 0;
    for (int i = 0; i < TT_N64 - 1; i++) {
        s = s * 7 + e->g64[i];
    }
    for (int i = 0; i < TT_N32; i++) {
        s = s * 5 + e->g32[2 * i];
    }
    e->g64[TT_N64 - 1] = s;
}
static TCGHelperInfo h_sum_info = TCG_HELPER(h_sum_globals, TCG_CALL_WRITES_GLOBALS,
                                             TCG_HT_VOID, TCG_HT_PTR);

/* Every global modified (twice for some), a helper that reads all of them
 * and writes one, then more changes: all final values must land in env. */
static void scen_globals(int param, bool opt, TTScenResult *o)
{
    uint64_t e64[TT_N64];
    uint32_t e32[TT_N32];
    for (int i = 0; i < TT_N64; i++) {
        e64[i] = tt_env->g64[i] = 0x1111111111111111ull * i + param;
    }
    for (int i = 0; i < TT_N32; i++) {
        e32[i] = tt_env->g32[2 * i] = 0x01010101u * i + param;
    }
    for (int i = 0; i < TT_N64 - 1; i++) {
        TCGTemp *g = g_temp(TCG_TYPE_I64, i), *n = g_temp(TCG_TYPE_I64, (i + 1) % (TT_N64 - 1));
        emit3(INDEX_op_add, TCG_TYPE_I64, g, g, n);
        e64[i] += e64[(i + 1) % (TT_N64 - 1)];
    }
    for (int i = 0; i < TT_N32; i++) {
        TCGTemp *g = g_temp(TCG_TYPE_I32, i);
        emit3(INDEX_op_sub, TCG_TYPE_I32, g, g, cst(TCG_TYPE_I32, i * 3 + 1));
        e32[i] -= i * 3 + 1;
    }
    tcg_gen_callN(&h_sum_info, NULL, (TCGTemp *[]){ tcg_ctx->env });
    uint64_t s = 0;
    for (int i = 0; i < TT_N64 - 1; i++) {
        s = s * 7 + e64[i];
    }
    for (int i = 0; i < TT_N32; i++) {
        s = s * 5 + e32[i];
    }
    e64[TT_N64 - 1] = s;
    for (int i = 0; i < TT_N64; i += 3) {
        TCGTemp *g = g_temp(TCG_TYPE_I64, i);
        emit3(INDEX_op_xor, TCG_TYPE_I64, g, g, g_temp(TCG_TYPE_I64, TT_N64 - 1));
        e64[i] ^= e64[TT_N64 - 1];
    }
    snprintf(o->what, sizeof(o->what), "all %d globals modified around a "
             "WRITES_GLOBALS helper reading them all", TT_N64 + TT_N32);
    if (tt_scen_run(o, opt)) {
        uint64_t h_got = 0, h_want = 0;
        int bad = -1;
        for (int i = 0; i < TT_N64; i++) {
            h_got = h_got * 31 + tt_env->g64[i];
            h_want = h_want * 31 + e64[i];
            if (tt_env->g64[i] != e64[i] && bad < 0) {
                bad = i;
            }
        }
        for (int i = 0; i < TT_N32; i++) {
            h_got = h_got * 31 + tt_env->g32[2 * i];
            h_want = h_want * 31 + e32[i];
            if (tt_env->g32[2 * i] != e32[i] && bad < 0) {
                bad = 100 + i;
            }
        }
        tt_scen_val(o, h_got, h_want);
        tt_scen_val(o, bad, -1);  /* first wrong global: 100+ = i32 ones */
    }
}


/* ---- block exits, chaining, insn_start, mb, discard ---- */

static TranslationBlock tb_a, tb_b;

/* Block B: q4 = q4 * 2 + 1; exit_tb(0x500). */
static const void *make_block_b(bool opt)
{
    tt_begin();
    emit3(INDEX_op_mul, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 4), g_temp(TCG_TYPE_I64, 4),
          cst(TCG_TYPE_I64, 2));
    emit3(INDEX_op_add, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 4), g_temp(TCG_TYPE_I64, 4),
          cst(TCG_TYPE_I64, 1));
    tcg_gen_exit_tb(0x500);
    return tt_translate_tb(&tb_b, opt);
}

/*
 * goto_tb: param bit 0 = slot; bit 1 = the block has both slots behind a
 * brcond on w0. Runs unchained (returns tb_a | slot), chained to block B
 * (B runs, returns 0x500), then unchained again.
 */
static void scen_goto_tb(int param, bool opt, TTScenResult *o)
{
    int slot = param & 1;
    bool both = param & 2;
    tt_code_reset_if_full();
    const void *b = make_block_b(opt);
    tt_begin();
    emit3(INDEX_op_add, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 5), g_temp(TCG_TYPE_I64, 0),
          cst(TCG_TYPE_I64, 1));
    if (both) {
        TCGLabel *l = gen_new_label();
        emit_brcond(TCG_TYPE_I32, TCG_COND_NE, g_temp(TCG_TYPE_I32, 0), cst(TCG_TYPE_I32, 0), l);
        tcg_gen_goto_tb(0);
        tcg_gen_exit_tb((uintptr_t)&tb_a | 0);
        gen_set_label(l);
        tcg_gen_goto_tb(1);
        tcg_gen_exit_tb((uintptr_t)&tb_a | 1);
    } else {
        tcg_gen_goto_tb(slot);
        tcg_gen_exit_tb((uintptr_t)&tb_a | slot);
    }
    const void *a = tt_translate_tb(&tb_a, opt);
    snprintf(o->what, sizeof(o->what), "goto_tb slot %d%s: [0..2] unchained "
             "[3..5] chained to B [6] unchained again", slot,
             both ? " (block with both slots)" : "");
    if (!a || !b) {
        o->status = 4;
        return;
    }
    o->status = 1;
    tt_env->g64[0] = 41;
    tt_env->g64[4] = 10;
    tt_env->g32[0] = slot;
    uintptr_t ret = tt_exec(a);
    tt_scen_val(o, ret, (uintptr_t)&tb_a | slot);
    tt_scen_val(o, tt_env->g64[5], 42);
    tt_scen_val(o, tt_env->g64[4], 10);
    tcg_ctx->backend->set_jmp_target(&tb_a, slot, (uintptr_t)b);
    tt_env->g64[0] = 99;
    ret = tt_exec(a);
    tt_scen_val(o, ret, 0x500);
    tt_scen_val(o, tt_env->g64[5], 100);
    tt_scen_val(o, tt_env->g64[4], 21);
    tcg_ctx->backend->set_jmp_target(&tb_a, slot,
                                     (uintptr_t)tb_a.tc_ptr + tb_a.jmp_reset_offset[slot]);
    ret = tt_exec(a);
    tt_scen_val(o, ret, (uintptr_t)&tb_a | slot);
    if (!tt_canaries_ok()) {
        o->status |= 2;
    }
}

/* goto_ptr: param 0 = constant address of block B, 1 = address in a
 * global, 2 = code_gen_epilogue (returns 0). */
static void scen_goto_ptr(int param, bool opt, TTScenResult *o)
{
    tt_code_reset_if_full();
    const void *b = make_block_b(opt);
    tt_begin();
    emit3(INDEX_op_add, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 5), g_temp(TCG_TYPE_I64, 0),
          cst(TCG_TYPE_I64, 1));
    uintptr_t target = param == 2 ? (uintptr_t)tcg_ctx->code_gen_epilogue : (uintptr_t)b;
    TCGTemp *t = param == 1 ? g_temp(TCG_TYPE_I64, 1) : cst(TCG_TYPE_I64, target);
    tcg_emit_op(INDEX_op_goto_ptr, TCG_TYPE_I64, 1, (TCGArg[]){ temp_arg(t) });
    const void *a = tt_translate_tb(&tb_a, opt);
    snprintf(o->what, sizeof(o->what), "goto_ptr to %s: [0] return [1] q5 [2] q4",
             param == 0 ? "block B (constant)" : param == 1 ? "block B (global)"
                                                            : "code_gen_epilogue");
    if (!a || !b) {
        o->status = 4;
        return;
    }
    tt_env->g64[0] = 7;
    tt_env->g64[1] = target;
    tt_env->g64[4] = 3;
    uintptr_t ret = tt_exec(a);
    o->status = 1 | (tt_canaries_ok() ? 0 : 2);
    tt_scen_val(o, ret, param == 2 ? 0 : 0x500);
    tt_scen_val(o, tt_env->g64[5], 8);
    tt_scen_val(o, tt_env->g64[4], param == 2 ? 3 : 7);
}

/* insn_start records: three instructions with code between them; the
 * end offsets must increase and stay inside the code; the data words
 * come back. Also mb and discard in the same block. */
static void scen_insn_start(int param, bool opt, TTScenResult *o)
{
    TCGContext *s = tcg_ctx;
    tcg_func_start(s);
    TCGTemp *t = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    for (int i = 0; i < 3; i++) {
        tcg_gen_insn_start(0x2000 + 4 * i, i * 10 + param);
        emit3(INDEX_op_add, TCG_TYPE_I64, t, g_temp(TCG_TYPE_I64, i), cst(TCG_TYPE_I64, i + 1));
        emit2(INDEX_op_mov, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 4 + i), t);
        tcg_gen_mb(TCG_MB_FULL);
        if (i == 1) {
            tcg_gen_op1(INDEX_op_discard, TCG_TYPE_I64, temp_arg(t));
        }
    }
    tcg_gen_exit_tb(0);
    tt_code_reset_if_full();
    const void *a = tt_translate_tb(&tb_a, opt);
    snprintf(o->what, sizeof(o->what), "3 insn_starts (+mb, discard): [0] nb_insns "
             "[1] offsets increasing and <= size [2] data words [3..5] values");
    if (!a) {
        o->status = 4;
        return;
    }
    bool incr = true, data = true;
    for (int i = 0; i < s->gen_nb_insns && i < 3; i++) {
        incr &= s->gen_insn_end_off[i] <= tb_a.tc_size &&
                (i == 0 || s->gen_insn_end_off[i] > s->gen_insn_end_off[i - 1]);
        data &= s->gen_insn_data[i][0] == 0x2000u + 4 * i &&
                s->gen_insn_data[i][1] == (uint64_t)(i * 10 + param);
    }
    tt_scen_val(o, s->gen_nb_insns, 3);
    tt_scen_val(o, incr, 1);
    tt_scen_val(o, data, 1);
    for (int i = 0; i < 3; i++) {
        tt_env->g64[i] = 100 * i;
    }
    tt_exec(a);
    o->status = 1 | (tt_canaries_ok() ? 0 : 2);
    for (int i = 0; i < 3; i++) {
        tt_scen_val(o, tt_env->g64[4 + i], 100 * i + i + 1);
    }
}


/* Branches over long code (short and long jump encodings): param % 5
 * picks the body size, param / 5 = 0 forward (skipped when w0 == 0),
 * 1 backward (the body runs 3 times). */
static void scen_long_branch(int param, bool opt, TTScenResult *o)
{
    static const int sizes[5] = { 1, 8, 40, 200, 3000 };
    int size = sizes[param % 5];
    bool backward = param / 5;
    TCGTemp *g1 = g_temp(TCG_TYPE_I64, 1), *i = tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB);
    TCGLabel *l = gen_new_label();
    if (backward) {
        emit2(INDEX_op_mov, TCG_TYPE_I32, i, cst(TCG_TYPE_I32, 0));
        gen_set_label(l);
    } else {
        emit_brcond(TCG_TYPE_I32, TCG_COND_EQ, g_temp(TCG_TYPE_I32, 0), cst(TCG_TYPE_I32, 0), l);
    }
    for (int k = 0; k < size; k++) {
        uint64_t c = 0x123456789ull * (k + 1);
        emit3(k % 3 ? INDEX_op_add : INDEX_op_xor, TCG_TYPE_I64, g1, g1, cst(TCG_TYPE_I64, c));
    }
    if (backward) {
        emit3(INDEX_op_add, TCG_TYPE_I32, i, i, cst(TCG_TYPE_I32, 1));
        emit_brcond(TCG_TYPE_I32, TCG_COND_LTU, i, cst(TCG_TYPE_I32, 3), l);
    } else {
        gen_set_label(l);
    }
    snprintf(o->what, sizeof(o->what), "%s branch over %d ops: [0] taken/once "
             "[1] not taken/3 times", backward ? "backward" : "forward", size);
    const void *tc = tt_finish(opt);
    if (!tc) {
        o->status = 4;
        return;
    }
    for (int run = 0; run < 2; run++) {
        uint64_t want = 7;
        int reps = backward ? 3 : run;
        for (int r = 0; r < reps; r++) {
            for (int k = 0; k < size; k++) {
                uint64_t c = 0x123456789ull * (k + 1);
                want = k % 3 ? want + c : want ^ c;
            }
        }
        tt_env->g64[1] = 7;
        tt_env->g32[0] = run;
        tt_exec(tc);
        tt_scen_val(o, tt_env->g64[1], want);
        if (backward) {
            break;
        }
    }
    o->status = 1 | (tt_canaries_ok() ? 0 : 2);
}


/* ---- the same code run by several threads at once ---- */

typedef struct ThreadRun {
    const void *tc;
    int id, bad;
} ThreadRun;

static uint64_t thread_want(uint64_t x)
{
    return h_clobber(x * 3 + 1, x ^ 0x5555) + 0x11;
}

static void *thread_main(void *arg)
{
    ThreadRun *t = arg;
    TTEnv *env = aligned_alloc(64, (sizeof(TTEnv) + 63) & ~(size_t)63);
    memset(env, 0, sizeof(*env));
    for (int k = 0; k < 3000; k++) {
        uint64_t x = (uint64_t)t->id << 40 | k;
        env->g64[0] = x;
        tcg_ctx->backend->exec(env, t->tc);
        t->bad += env->g64[4] != thread_want(x) || env->g32[8] != 0x44332211u;
    }
    free(env);
    return NULL;
}

/* A block with a helper call, a guest load and a branch, run 3000 times
 * by each of 4 threads with their own env. */
static void scen_threads(int param, bool opt, TTScenResult *o)
{
    TCGTemp *g0 = g_temp(TCG_TYPE_I64, 0), *a = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    TCGTemp *b = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    TCGTemp *r = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    TCGTemp *v = tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB);
    TCGLabel *l = gen_new_label();
    emit3(INDEX_op_mul, TCG_TYPE_I64, a, g0, cst(TCG_TYPE_I64, 3));
    emit3(INDEX_op_add, TCG_TYPE_I64, a, a, cst(TCG_TYPE_I64, 1));
    emit3(INDEX_op_xor, TCG_TYPE_I64, b, g0, cst(TCG_TYPE_I64, 0x5555));
    tcg_gen_callN(&h_clobber_info, r, (TCGTemp *[]){ a, b });
    emit_brcond(TCG_TYPE_I64, TCG_COND_EQ, r, cst(TCG_TYPE_I64, 0x12345), l);
    emit3(INDEX_op_add, TCG_TYPE_I64, r, r, cst(TCG_TYPE_I64, 0x11));
    gen_set_label(l);
    emit2(INDEX_op_mov, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 4), r);
    tcg_emit_op(INDEX_op_guest_ld, TCG_TYPE_I32, 4, (TCGArg[]){ temp_arg(v),
                temp_arg(cst(TCG_TYPE_I32, 0x200)), MO_UL, 0 });
    emit2(INDEX_op_mov, TCG_TYPE_I32, g_temp(TCG_TYPE_I32, 4), v);
    snprintf(o->what, sizeof(o->what), "4 threads x 3000 runs of one block "
             "(call, branch, guest load): [0] wrong results");
    const void *tc = tt_finish(opt);
    if (!tc) {
        o->status = 4;
        return;
    }
    memcpy(tt_guest + 0x200, "\x11\x22\x33\x44", 4);
    pthread_t th[4];
    ThreadRun tr[4];
    for (int k = 0; k < 4; k++) {
        tr[k] = (ThreadRun){ tc, k, 0 };
        pthread_create(&th[k], NULL, thread_main, &tr[k]);
    }
    int bad = 0;
    for (int k = 0; k < 4; k++) {
        pthread_join(th[k], NULL);
        bad += tr[k].bad;
    }
    o->status = 1;
    o->vectors = 4 * 3000;
    tt_scen_val(o, bad, 0);
}


/* gen_code into a full buffer: tcg_gen_code returns -1 and leaves
 * code_ptr alone; with room again the same ops translate and run. */
static void scen_buffer_full(int param, bool opt, TTScenResult *o)
{
    TCGContext *s = tcg_ctx;
    static TranslationBlock tb;
    tt_code_reset_if_full();
    for (int k = 0; k < 60; k++) {
        emit3(INDEX_op_add, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 1), g_temp(TCG_TYPE_I64, 1),
              cst(TCG_TYPE_I64, k + 1));
    }
    tcg_gen_exit_tb(0);
    uint8_t *hw = s->code_gen_highwater, *start = s->code_ptr;
    s->code_gen_highwater = s->code_ptr + 8 + param * 64;
    s->optimize = opt;
    int size = tcg_gen_code(s, &tb);
    bool kept = s->code_ptr == start;
    s->code_gen_highwater = hw;
    snprintf(o->what, sizeof(o->what), "gen_code with %d bytes left: [0] returns "
             "-1 [1] code_ptr unchanged [2] result after retry", 8 + param * 64);
    tt_scen_val(o, size, -1);
    tt_scen_val(o, kept, 1);
    const void *tc = tt_translate_tb(&tb, opt);
    if (!tc) {
        o->status = 4;
        return;
    }
    tt_env->g64[1] = 5;
    tt_exec(tc);
    o->status = 1 | (tt_canaries_ok() ? 0 : 2);
    tt_scen_val(o, tt_env->g64[1], 5 + 60 * 61 / 2);
}

static TTScenUnit units[12288];

static int add_units(TTScenFn fn, const char *name, int from, int to, int step)
{
    static int n;
    for (int p = from; p < to; p += step) {
        units[n++] = (TTScenUnit){ fn, p, name };
    }
    return n;
}

Test(tcg_control, branches)
{
    int n = 0;
    for (int t = 0; t < 2; t++) {
        int ne = t ? tt_nb_edges64 : tt_nb_edges32;
        for (int ci = 0; ci < 12; ci++) {
            for (int shape = 0; shape < 4; shape++) {
                int base = ((t * 12 + ci) * 4 + shape) * 32;
                n = add_units(scen_branch, t ? "brcond_i64 all conds" : "brcond_i32 all conds",
                              base, base + (shape >= 2 ? ne : 1), 1);
            }
        }
    }
    int fails = tt_scen_run_all("brcond", units, n);
    cr_assert_eq(fails, 0, "brcond: %d failures", fails);
}

Test(tcg_control, labels_loops_pressure_exits)
{
    add_units(scen_labels, "TEMP_TB/EBB across labels", 0, 4, 1);
    add_units(scen_loop, "loop (backward branch)", 0, 6, 1);
    add_units(scen_exit, "exit_tb mid-block", 0, 2, 1);
    add_units(scen_pressure, "register pressure", 0, 4, 1);
    add_units(scen_globals, "all globals + helper", 0, 3, 1);
    add_units(scen_goto_tb, "goto_tb chain/unchain", 0, 4, 1);
    add_units(scen_goto_ptr, "goto_ptr", 0, 3, 1);
    add_units(scen_insn_start, "insn_start/mb/discard", 0, 2, 1);
    add_units(scen_long_branch, "long branches", 0, 10, 1);
    add_units(scen_threads, "threads", 0, 1, 1);
    int n = add_units(scen_buffer_full, "code buffer full", 0, 2, 1);
    int fails = tt_scen_run_all("labels/loops/pressure/exits", units, n);
    cr_assert_eq(fails, 0, "labels/loops/pressure/exits: %d failures", fails);
}
