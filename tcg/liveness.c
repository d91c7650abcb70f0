/*
 * Liveness: one backward pass over the ops of a block. It fills op->life
 * (which args die at each op, which global outputs must be written back)
 * for the register allocator, and turns ops whose results are never used
 * and that have no side effects into nops.
 */
#include <string.h>

#include "tcg/tcg.h"

/* Per-temp state during the pass (kept in TCGTemp.state). */
enum {
    TS_DEAD = 1,  /* the value is not needed in a register below this point */
    TS_MEM = 2,   /* the value must be in its memory slot at this point */
};

static bool temp_is_tracked(const TCGTemp *t)
{
    return t->kind != TEMP_CONST && t->kind != TEMP_FIXED;
}

/* After the last op, or at an exit: globals in memory, temps dead. */
static void la_func_end(TCGContext *s)
{
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *t = &s->temps[i];
        t->state = t->kind == TEMP_GLOBAL ? TS_DEAD | TS_MEM : TS_DEAD;
    }
}

/*
 * Which TB temps must be in memory at each label: recorded when the
 * backward pass meets the label, used at the branches to it that come
 * before it (forward branches). Backward branches reach a label not seen
 * yet and assume every TB temp is needed.
 */
typedef struct LaLabels {
    int words;                  /* uint64_t words per label */
    uint64_t *live;             /* [label id][words] */
    bool *seen;
} LaLabels;

static void la_labels_init(TCGContext *s, LaLabels *ll)
{
    int n = s->nb_labels > 0 ? s->nb_labels : 1;
    ll->words = (s->nb_temps + 63) / 64;
    ll->live = tcg_pool_alloc(s, sizeof(uint64_t) * ll->words * n);
    ll->seen = tcg_pool_alloc(s, sizeof(bool) * n);
    memset(ll->seen, 0, sizeof(bool) * n);
}

static bool la_tb_needed_at(const LaLabels *ll, const TCGLabel *l, int idx)
{
    if (!ll->seen[l->id]) {
        return true;
    }
    return (ll->live[l->id * ll->words + idx / 64] >> (idx % 64)) & 1;
}

/* At set_label: remember what the code after it needs; the fall-through
 * into it leaves those TB temps in memory, EBB temps end, globals in
 * memory. */
static void la_set_label(TCGContext *s, LaLabels *ll, const TCGLabel *l)
{
    uint64_t *live = &ll->live[l->id * ll->words];
    memset(live, 0, sizeof(uint64_t) * ll->words);
    ll->seen[l->id] = true;
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *t = &s->temps[i];
        switch (t->kind) {
        case TEMP_GLOBAL:
            t->state = TS_DEAD | TS_MEM;
            break;
        case TEMP_TB:
            if (t->state != TS_DEAD) {
                live[i / 64] |= 1ull << (i % 64);
                t->state = TS_DEAD | TS_MEM;
            }
            break;
        case TEMP_EBB:
            t->state = TS_DEAD;
            break;
        default:
            break;
        }
    }
}

/* At a branch to l: globals and the TB temps l needs must be in memory.
 * An unconditional branch ends the fall-through; a conditional one keeps
 * what the fall-through needs in registers. */
static void la_branch(TCGContext *s, const LaLabels *ll, const TCGLabel *l,
                      bool conditional)
{
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *t = &s->temps[i];
        bool needed;
        switch (t->kind) {
        case TEMP_GLOBAL:
            t->state = conditional ? t->state | TS_MEM : TS_DEAD | TS_MEM;
            break;
        case TEMP_TB:
            needed = la_tb_needed_at(ll, l, i);
            if (conditional) {
                t->state |= needed ? TS_MEM : 0;
            } else {
                t->state = needed ? TS_DEAD | TS_MEM : TS_DEAD;
            }
            break;
        case TEMP_EBB:
            if (!conditional) {
                t->state = TS_DEAD;
            }
            break;
        default:
            break;
        }
    }
}

/* Before an op that may fault: every global's current value must still
 * exist there (in a register or in env) so that a fault can restore it
 * (the register allocator records where, docs/tcg.md); unlike a call, the
 * op does not need it in env. */
static void la_global_keep(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        TCGTemp *t = &s->temps[i];
        if (t->kind == TEMP_GLOBAL) {
            t->state &= ~(uintptr_t)TS_DEAD;
        }
    }
}

/* Before a call that reads globals. */
static void la_global_sync(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        TCGTemp *t = &s->temps[i];
        if (t->kind == TEMP_GLOBAL) {
            t->state |= TS_MEM;
        }
    }
}

/* Before a call that writes globals: their register copies are stale. */
static void la_global_kill(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        TCGTemp *t = &s->temps[i];
        if (t->kind == TEMP_GLOBAL) {
            t->state = TS_DEAD | TS_MEM;
        }
    }
}

static bool la_outputs_all_dead(const TCGOp *op)
{
    for (int i = 0; i < op->nb_oargs; i++) {
        TCGTemp *t = arg_temp(op->args[i]);
        if (!temp_is_tracked(t) || t->state != TS_DEAD) {
            return false;
        }
    }
    return true;
}

static bool la_removable(const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];

    if (op->opc == INDEX_op_call) {
        const TCGHelperInfo *info =
            (const TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
        /* Writing globals is a side effect too. */
        if ((info->flags & TCG_CALL_SIDE_EFFECTS) ||
            (info->flags & TCG_CALL_WRITES_GLOBALS) == TCG_CALL_WRITES_GLOBALS) {
            return false;
        }
        return op->nb_oargs > 0 && la_outputs_all_dead(op);
    }
    if (def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_BB_END | TCG_OPF_CALL)) {
        return false;
    }
    return op->nb_oargs > 0 && la_outputs_all_dead(op);
}

/* Outputs: note death/sync, then the value is not live above this op. */
static uint32_t la_outputs(const TCGOp *op)
{
    uint32_t life = 0;
    for (int i = 0; i < op->nb_oargs; i++) {
        TCGTemp *t = arg_temp(op->args[i]);
        if (!temp_is_tracked(t)) {
            continue;
        }
        if (t->state & TS_DEAD) {
            life |= TCG_LIFE_DEAD(i);
        }
        if (t->state & TS_MEM) {
            life |= TCG_LIFE_SYNC(i);
        }
        t->state = TS_DEAD;
    }
    return life;
}

/* Inputs: an input whose value is not needed below dies here. */
static uint32_t la_inputs(const TCGOp *op)
{
    uint32_t life = 0;
    int first = op->nb_oargs;
    for (int i = first; i < first + op->nb_iargs; i++) {
        TCGTemp *t = arg_temp(op->args[i]);
        if (!temp_is_tracked(t)) {
            continue;
        }
        if (t->state & TS_DEAD) {
            life |= TCG_LIFE_DEAD(i);
        }
        t->state &= ~(uintptr_t)TS_DEAD;
    }
    return life;
}

static void la_call(TCGContext *s, TCGOp *op)
{
    const TCGHelperInfo *info =
        (const TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
    uint32_t life = la_outputs(op);

    if ((info->flags & TCG_CALL_WRITES_GLOBALS) == TCG_CALL_WRITES_GLOBALS) {
        la_global_kill(s);
    } else if (info->flags & TCG_CALL_READS_GLOBALS) {
        la_global_sync(s);
    }
    life |= la_inputs(op);
    op->life = life;
}

void tcg_liveness(TCGContext *s)
{
    LaLabels ll;

    la_labels_init(s, &ll);
    la_func_end(s);

    for (int idx = s->nb_ops - 1; idx >= 0; idx--) {
        TCGOp *op = &s->ops[idx];
        const TCGOpDef *def = &tcg_op_defs[op->opc];

        op->life = 0;
        switch (op->opc) {
        case INDEX_op_nop:
        case INDEX_op_insn_start:
            continue;
        case INDEX_op_discard: {
            TCGTemp *t = arg_temp(op->args[0]);
            if (temp_is_tracked(t)) {
                t->state = TS_DEAD;
            }
            continue;
        }
        case INDEX_op_set_label:
            la_set_label(s, &ll, arg_label(op->args[0]));
            continue;
        case INDEX_op_call:
            if (la_removable(op)) {
                tcg_op_remove(s, op);
            } else {
                la_call(s, op);
            }
            continue;
        default:
            break;
        }

        if (la_removable(op)) {
            tcg_op_remove(s, op);
            continue;
        }
        if (def->flags & TCG_OPF_BB_EXIT) {
            la_func_end(s);
        } else if (op->opc == INDEX_op_br) {
            la_branch(s, &ll, arg_label(op->args[0]), false);
        } else if (op->opc == INDEX_op_brcond) {
            la_branch(s, &ll, arg_label(op->args[3]), true);
        } else if (def->flags & TCG_OPF_BB_END) {
            la_func_end(s);     /* no other block end exists; be safe */
            for (int i = 0; i < s->nb_temps; i++) {
                if (s->temps[i].kind == TEMP_TB) {
                    s->temps[i].state = TS_DEAD | TS_MEM;
                }
            }
        }
        uint32_t life = la_outputs(op);
        if (def->flags & TCG_OPF_MAY_FAULT) {
            la_global_keep(s);
        }
        life |= la_inputs(op);
        op->life = life;
    }
}
