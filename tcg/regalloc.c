/*
 * The register allocator: one forward pass over the ops of a block (after
 * tcg_liveness), placing each value in a host register chosen from the
 * backend's per-op constraints, spilling to the frame when registers run
 * out, and driving the backend's emitters (see tcg-internal.h).
 *
 * Globals stay in registers within a basic block and are written back to
 * the CPU state at block ends and before calls that read globals; calls
 * that write globals drop the register copies. Before an op that may
 * fault (a guest load or store) nothing is written back: the op's restore
 * record says which register holds each global whose env copy is stale
 * (tcg_fault_regs_add, docs/tcg.md).
 * TB temps live in frame slots across labels; EBB temps die at labels.
 * A move into a block temp whose source stays live emits nothing: the
 * temp shares the source's register (a "sharer", listed per register
 * through TCGTemp.state_ptr) until one of them changes; a register is
 * only ever written after every sharer has been given up or spilled.
 * Pinning guest globals to host registers for a whole block would fit in
 * ra_init/ra_sync_globals (a global whose home is a reserved register, never
 * evicted, synced only where the CPU state must be exact); not done yet.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tcg/tcg-internal.h"

typedef struct RegAlloc {
    TCGContext *s;
    const TCGRegAllocTarget *tgt;
    TCGTemp *reg_to_temp[32];       /* the owner of each register */
    TCGTemp *sharers[32];           /* block temps holding the same value */
    uint32_t alloc_mask;
    const uint8_t *start;       /* the block's first byte (offsets) */
} RegAlloc;

static inline uint32_t bit(int reg)
{
    return 1u << reg;
}

static bool temp_is_global(const TCGTemp *t)
{
    return t->kind == TEMP_GLOBAL;
}

static void ra_init(RegAlloc *ra)
{
    TCGContext *s = ra->s;

    for (int r = 0; r < 32; r++) {
        ra->reg_to_temp[r] = NULL;
        ra->sharers[r] = NULL;
    }
    ra->alloc_mask = 0;
    for (int i = 0; i < ra->tgt->nb_alloc_order; i++) {
        ra->alloc_mask |= bit(ra->tgt->alloc_order[i]);
    }
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *t = &s->temps[i];
        switch (t->kind) {
        case TEMP_GLOBAL:
            t->val_type = TEMP_VAL_MEM;
            t->mem_coherent = true;
            break;
        case TEMP_FIXED:
            if (t != s->env) {
                fprintf(stderr, "mimic: internal error: unknown fixed temp %s\n",
                        t->name ? t->name : "?");
                abort();
            }
            t->val_type = TEMP_VAL_REG;
            t->reg = ra->tgt->env_reg;
            t->mem_coherent = true;
            break;
        case TEMP_CONST:
            t->val_type = TEMP_VAL_CONST;
            break;
        case TEMP_TB:
        case TEMP_EBB:
            t->val_type = TEMP_VAL_DEAD;
            t->mem_allocated = false;
            t->mem_coherent = false;
            break;
        }
    }
    s->frame_used = 0;
}

/* Memory home of a temp: the CPU state field for globals, a frame slot
 * (allocated on first use, kept for the block) for the others. */
static void ra_temp_slot(RegAlloc *ra, TCGTemp *t, int *base, intptr_t *off)
{
    TCGContext *s = ra->s;

    if (temp_is_global(t)) {
        if (!t->mem_base || t->mem_base->kind != TEMP_FIXED) {
            fprintf(stderr, "mimic: internal error: global %s not based on env\n",
                    t->name ? t->name : "?");
            abort();
        }
        *base = ra->tgt->env_reg;
        *off = t->mem_offset;
        return;
    }
    if (!t->mem_allocated) {
        if (s->frame_used + 8 > s->frame_size) {
            fprintf(stderr, "mimic: internal error: spill frame full\n");
            abort();
        }
        t->mem_base = s->frame_base;
        t->mem_offset = s->frame_start + s->frame_used;
        t->mem_allocated = true;
        s->frame_used += 8;
    }
    *base = ra->tgt->stack_reg;
    *off = t->mem_offset;
}

/* Gives up the register of t; its value is then in `where`. When the
 * owner goes, the first sharer (if any) owns the register. */
static void ra_release(RegAlloc *ra, TCGTemp *t, TCGTempVal where)
{
    if (t->val_type == TEMP_VAL_REG && t->kind != TEMP_FIXED) {
        int r = t->reg;
        if (ra->reg_to_temp[r] == t) {
            TCGTemp *next = ra->sharers[r];
            ra->reg_to_temp[r] = next;
            if (next) {
                ra->sharers[r] = next->state_ptr;
            }
        } else {
            for (TCGTemp **pp = &ra->sharers[r]; *pp; pp = (TCGTemp **)&(*pp)->state_ptr) {
                if (*pp == t) {
                    *pp = t->state_ptr;
                    break;
                }
            }
        }
    }
    t->val_type = where;
}

/* t (a block temp, in no register) shares reg, which has an owner. */
static void ra_share(RegAlloc *ra, TCGTemp *t, int reg)
{
    t->state_ptr = ra->sharers[reg];
    ra->sharers[reg] = t;
    t->val_type = TEMP_VAL_REG;
    t->reg = reg;
    t->mem_coherent = false;
}

/* Whether reg is held by t alone. */
static bool ra_sole_owner(const RegAlloc *ra, const TCGTemp *t)
{
    return t->val_type == TEMP_VAL_REG && ra->reg_to_temp[t->reg] == t &&
           !ra->sharers[t->reg];
}

/* Writes a register value back to memory, keeping the register. */
static bool ra_sync(RegAlloc *ra, TCGTemp *t)
{
    if (t->val_type != TEMP_VAL_REG || t->mem_coherent || t->kind == TEMP_FIXED) {
        return false;
    }
    int base;
    intptr_t off;
    ra_temp_slot(ra, t, &base, &off);
    ra->tgt->out_st(ra->s, t->type, t->reg, base, off);
    t->mem_coherent = true;
    return true;
}

/* Moves a live value out of its register into memory. */
static void ra_spill(RegAlloc *ra, TCGTemp *t)
{
    if (ra_sync(ra, t)) {
        ra->s->stats.spills++;
    }
    ra_release(ra, t, TEMP_VAL_MEM);
}

/* Empties reg: its sharers and its owner go to memory. */
static void ra_evict_reg(RegAlloc *ra, int reg)
{
    while (ra->sharers[reg]) {
        ra_spill(ra, ra->sharers[reg]);
    }
    if (ra->reg_to_temp[reg]) {
        ra_spill(ra, ra->reg_to_temp[reg]);
    }
}

/* Whether emptying reg needs no store. */
static bool ra_reg_coherent(const RegAlloc *ra, int reg)
{
    if (!ra->reg_to_temp[reg]->mem_coherent) {
        return false;
    }
    for (const TCGTemp *t = ra->sharers[reg]; t; t = t->state_ptr) {
        if (!t->mem_coherent) {
            return false;
        }
    }
    return true;
}

/* The value is not needed any more (liveness said so). */
static void ra_dead(RegAlloc *ra, TCGTemp *t)
{
    if (t->kind == TEMP_FIXED || t->kind == TEMP_CONST) {
        return;
    }
    ra_release(ra, t, temp_is_global(t) ? TEMP_VAL_MEM : TEMP_VAL_DEAD);
}

/*
 * Finds a register in `allowed` but not in `forbidden`: a free one first,
 * then one whose value is already in memory, then any (spilling it).
 * Registers in `avoid` are taken last.
 */
static int ra_alloc(RegAlloc *ra, uint32_t allowed, uint32_t forbidden,
                    uint32_t avoid)
{
    const TCGRegAllocTarget *tgt = ra->tgt;
    uint32_t ok = allowed & ~forbidden & ra->alloc_mask;

    for (int i = 0; i < tgt->nb_alloc_order; i++) {
        int r = tgt->alloc_order[i];
        if ((ok & bit(r)) && !ra->reg_to_temp[r]) {
            return r;
        }
    }
    for (int pass = 0; pass < 3; pass++) {
        for (int i = 0; i < tgt->nb_alloc_order; i++) {
            int r = tgt->alloc_order[i];
            if (!(ok & bit(r))) {
                continue;
            }
            if (pass < 2 && (avoid & bit(r))) {
                continue;
            }
            if (pass == 0 && !ra_reg_coherent(ra, r)) {
                continue;
            }
            ra_evict_reg(ra, r);
            return r;
        }
    }
    fprintf(stderr, "mimic: internal error: no register for an operand "
            "(allowed %#x, forbidden %#x)\n", allowed, forbidden);
    abort();
}

/* Puts the value of t into reg (t itself stays where it is). */
static void ra_load_into(RegAlloc *ra, TCGTemp *t, int reg)
{
    int base;
    intptr_t off;

    switch (t->val_type) {
    case TEMP_VAL_CONST:
        ra->tgt->out_movi(ra->s, t->type, reg, t->val);
        break;
    case TEMP_VAL_REG:
        if (t->reg != reg) {
            ra->tgt->out_mov(ra->s, t->type, reg, t->reg);
        }
        break;
    case TEMP_VAL_MEM:
        ra_temp_slot(ra, t, &base, &off);
        ra->tgt->out_ld(ra->s, t->type, reg, base, off);
        break;
    case TEMP_VAL_DEAD:
        /* An undefined value (read before any write): give 0, as the
         * interpreter does, so that such blocks stay deterministic. */
        ra->tgt->out_movi(ra->s, t->type, reg, 0);
        break;
    }
}

/* Makes reg the home of t (t must not be in a register). */
static void ra_assign(RegAlloc *ra, TCGTemp *t, int reg, bool coherent)
{
    ra->reg_to_temp[reg] = t;
    t->val_type = TEMP_VAL_REG;
    t->reg = reg;
    t->mem_coherent = coherent;
}

/*
 * Writes dirty globals back. TB temps need no such pass: liveness puts a
 * write-back (TCG_LIFE_SYNC) on every definition whose value is needed in
 * memory at a later label, so they are already coherent at block ends.
 */
static void ra_sync_globals(RegAlloc *ra)
{
    /* A global that is not coherent is in a register: look only there. */
    for (int r = 0; r < ra->tgt->nb_regs; r++) {
        TCGTemp *t = ra->reg_to_temp[r];
        if (t && temp_is_global(t)) {
            ra_sync(ra, t);
        }
    }
}

/* Whether t is one of op's outputs. */
static bool ra_is_output(const TCGOp *op, const TCGTemp *t)
{
    for (int j = 0; j < op->nb_oargs; j++) {
        if (arg_temp(op->args[j]) == t) {
            return true;
        }
    }
    return false;
}

/* Before a MAY_FAULT op: a global it writes must keep its old value
 * somewhere the restore finds it, and its register is about to be
 * reused: write it back. */
static void ra_sync_fault_outputs(RegAlloc *ra, const TCGOp *op)
{
    for (int j = 0; j < op->nb_oargs; j++) {
        TCGTemp *t = arg_temp(op->args[j]);
        if (temp_is_global(t)) {
            ra_sync(ra, t);
        }
    }
}

/* Just before the code of a MAY_FAULT op: which registers hold globals
 * newer than env (the restore record of the op, and what the softmmu slow
 * path spills). */
static void ra_note_fault_live(RegAlloc *ra, const TCGOp *op)
{
    TCGContext *s = ra->s;
    int n = 0;

    for (int r = 0; r < ra->tgt->nb_regs; r++) {
        TCGTemp *t = ra->reg_to_temp[r];
        if (t && temp_is_global(t) && !t->mem_coherent && !ra_is_output(op, t)) {
            s->fault_live[n].global = (uint16_t)temp_idx(t);
            s->fault_live[n].reg = (int8_t)r;
            n++;
        }
    }
    s->nb_fault_live = n;
}

/* At a label: everything that crosses it is in memory, EBB temps are gone. */
static void ra_label_reset(RegAlloc *ra)
{
    TCGContext *s = ra->s;
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *t = &s->temps[i];
        switch (t->kind) {
        case TEMP_GLOBAL:
        case TEMP_TB:
            ra_release(ra, t, TEMP_VAL_MEM);
            t->mem_coherent = true;
            break;
        case TEMP_EBB:
            ra_release(ra, t, TEMP_VAL_DEAD);
            break;
        default:
            break;
        }
    }
}

static bool ra_const_fits(uint8_t ct, TCGType type, int64_t val)
{
    if (ct & TCG_CT_CONST) {
        return true;
    }
    if (ct & TCG_CT_CONST_S32) {
        return type == TCG_TYPE_I32 || val == (int32_t)val;
    }
    return false;
}

static int popcount32(uint32_t v)
{
    return __builtin_popcount(v);
}

static int ra_find_alias_output(const TCGOp *op, const TCGOpConstraints *c, int k)
{
    for (int j = 0; j < op->nb_oargs; j++) {
        if (c->a[j].aliased && c->a[j].alias_input == k) {
            return j;
        }
    }
    return -1;
}

/* Whether temp t occurs among the inputs of op other than input k. */
static bool ra_input_used_elsewhere(const TCGOp *op, int k, TCGTemp *t)
{
    for (int m = 0; m < op->nb_iargs; m++) {
        if (m != k && arg_temp(op->args[op->nb_oargs + m]) == t) {
            return true;
        }
    }
    return false;
}

/* The generic case: any op the backend emits from constraints. */
static void ra_op(RegAlloc *ra, TCGOp *op)
{
    TCGContext *s = ra->s;
    const TCGRegAllocTarget *tgt = ra->tgt;
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    const TCGOpConstraints *c = tgt->constraints(op);
    int nb_o = op->nb_oargs, nb_i = op->nb_iargs;
    int nb_args = nb_o + nb_i + op->nb_cargs;
    TCGArg args[TCG_MAX_OP_ARGS];
    bool const_args[TCG_MAX_OP_ARGS] = { false };
    int in_reg[TCG_MAX_OP_ARGS];
    int order[TCG_MAX_OP_ARGS];
    uint32_t claimed = 0, overwritten = 0, busy = 0;

    if (!c) {
        fprintf(stderr, "mimic: internal error: backend %s lacks op %s\n",
                s->backend ? s->backend->name : "?", def->name);
        abort();
    }
    for (int i = 0; i < nb_args; i++) {
        args[i] = op->args[i];
    }
    for (int i = 0; i < nb_o + nb_i; i++) {
        TCGTemp *t = arg_temp(op->args[i]);
        if (t->val_type == TEMP_VAL_REG) {
            busy |= bit(t->reg);
        }
    }

    /* Inputs with the fewest allowed registers first. */
    for (int k = 0; k < nb_i; k++) {
        order[k] = k;
    }
    for (int a = 1; a < nb_i; a++) {
        for (int b = a; b > 0; b--) {
            int pa = popcount32(c->a[nb_o + order[b]].regs);
            int pb = popcount32(c->a[nb_o + order[b - 1]].regs);
            if (pa >= pb) {
                break;
            }
            int tmp = order[b];
            order[b] = order[b - 1];
            order[b - 1] = tmp;
        }
    }

    for (int n = 0; n < nb_i; n++) {
        int k = order[n], i = nb_o + k;
        TCGTemp *t = arg_temp(op->args[i]);
        const TCGArgConstraint *ct = &c->a[i];
        int alias_out = ra_find_alias_output(op, c, k);
        int reg;

        if (t->kind == TEMP_CONST && alias_out < 0 &&
            ra_const_fits(ct->ct, op->type, t->val)) {
            const_args[i] = true;
            args[i] = (TCGArg)t->val;
            continue;
        }
        if (alias_out >= 0) {
            uint32_t want = ct->regs & c->a[alias_out].regs;
            if (t->kind != TEMP_FIXED && t->kind != TEMP_CONST &&
                ra_sole_owner(ra, t) && (want & bit(t->reg)) &&
                !(claimed & bit(t->reg)) && (op->life & TCG_LIFE_DEAD(i)) &&
                !ra_input_used_elsewhere(op, k, t)) {
                /* The input dies here: the output takes its register. */
                reg = t->reg;
                ra_dead(ra, t);
            } else {
                reg = ra_alloc(ra, want, claimed, busy);
                ra_load_into(ra, t, reg);
            }
            overwritten |= bit(reg);
        } else if (t->val_type == TEMP_VAL_REG && (ct->regs & bit(t->reg)) &&
                   !(overwritten & bit(t->reg))) {
            reg = t->reg;
        } else if ((t->val_type == TEMP_VAL_MEM || t->val_type == TEMP_VAL_DEAD) &&
                   t->kind != TEMP_FIXED) {
            bool coherent = t->val_type == TEMP_VAL_MEM;
            reg = ra_alloc(ra, ct->regs, claimed, busy);
            ra_load_into(ra, t, reg);
            ra_assign(ra, t, reg, coherent);
            busy |= bit(reg);
        } else {
            /* A constant, or a value in a register the op cannot use. */
            reg = ra_alloc(ra, ct->regs, claimed, busy);
            ra_load_into(ra, t, reg);
        }
        claimed |= bit(reg);
        in_reg[k] = reg;
        args[i] = (TCGArg)reg;
    }

    if (def->flags & TCG_OPF_BB_END) {
        ra_sync_globals(ra);
    } else if (def->flags & TCG_OPF_MAY_FAULT) {
        ra_sync_fault_outputs(ra, op);
    }

    /* Inputs that die here give their registers back. */
    uint32_t live_inputs = 0;
    for (int k = 0; k < nb_i; k++) {
        int i = nb_o + k;
        TCGTemp *t = arg_temp(op->args[i]);
        if (const_args[i]) {
            continue;
        }
        if ((op->life & TCG_LIFE_DEAD(i)) && t->val_type == TEMP_VAL_REG) {
            ra_dead(ra, t);
        }
        if (t->val_type == TEMP_VAL_REG) {
            live_inputs |= bit(t->reg);
        }
    }

    uint32_t out_claimed = 0;
    for (int j = 0; j < nb_o; j++) {
        TCGTemp *t = arg_temp(op->args[j]);
        const TCGArgConstraint *ct = &c->a[j];
        int reg;

        if (t->val_type == TEMP_VAL_REG) {
            ra_release(ra, t, TEMP_VAL_DEAD);  /* the old value is overwritten */
        }
        if (ct->aliased) {
            reg = in_reg[ct->alias_input];
            ra_evict_reg(ra, reg);
        } else {
            uint32_t forbidden = out_claimed | overwritten;
            if (ct->newreg) {
                forbidden |= claimed;
            }
            reg = ra_alloc(ra, ct->regs, forbidden, live_inputs | claimed);
        }
        out_claimed |= bit(reg);
        ra_assign(ra, t, reg, false);
        args[j] = (TCGArg)reg;
    }

    if (def->flags & TCG_OPF_MAY_FAULT) {
        uint32_t fault_start = (uint32_t)(s->code_ptr - ra->start);
        ra_note_fault_live(ra, op);
        tgt->out_op(s, op, args, const_args);
        tcg_fault_regs_add(s, fault_start, (uint32_t)(s->code_ptr - ra->start));
        s->nb_fault_live = 0;
    } else {
        tgt->out_op(s, op, args, const_args);
    }

    for (int j = 0; j < nb_o; j++) {
        TCGTemp *t = arg_temp(op->args[j]);
        if (op->life & TCG_LIFE_SYNC(j)) {
            ra_sync(ra, t);
        }
        if (op->life & TCG_LIFE_DEAD(j)) {
            ra_dead(ra, t);
        }
    }
}

/* A move whose result is only needed in memory: store the input directly. */
static void ra_mov_to_memory(RegAlloc *ra, TCGOp *op, TCGTemp *out, TCGTemp *in)
{
    const TCGRegAllocTarget *tgt = ra->tgt;
    TCGType type = (TCGType)op->type;
    int base;
    intptr_t off;

    if (out->val_type == TEMP_VAL_REG) {
        ra_release(ra, out, TEMP_VAL_DEAD);
    }
    ra_temp_slot(ra, out, &base, &off);
    if (in->val_type == TEMP_VAL_CONST) {
        if (!tgt->out_sti || !tgt->out_sti(ra->s, type, in->val, base, off)) {
            int r = ra_alloc(ra, ra->alloc_mask, 0, 0);
            tgt->out_movi(ra->s, type, r, in->val);
            tgt->out_st(ra->s, type, r, base, off);
        }
    } else {
        if (in->val_type != TEMP_VAL_REG) {
            bool coherent = in->val_type == TEMP_VAL_MEM;
            int r = ra_alloc(ra, ra->alloc_mask, 0, 0);
            ra_load_into(ra, in, r);
            ra_assign(ra, in, r, coherent);
        }
        tgt->out_st(ra->s, type, in->reg, base, off);
        if (op->life & TCG_LIFE_DEAD(1)) {
            ra_dead(ra, in);
        }
    }
    out->val_type = TEMP_VAL_MEM;
    out->mem_coherent = true;
}

/*
 * out = in, in being in a register and out in none: out takes in's
 * register without code where it can (in dies there; out is a block temp
 * and shares it; out is a global and owns it, the other holders sharing),
 * else a copy. A register holds at most one global.
 */
static void ra_mov_reg(RegAlloc *ra, const TCGOp *op, TCGTemp *out, TCGTemp *in)
{
    int reg = in->reg;
    TCGTemp *cur;

    if (in->kind == TEMP_FIXED) {
        cur = NULL;             /* env: never shared, always copied */
    } else {
        if (op->life & TCG_LIFE_DEAD(1)) {
            ra_dead(ra, in);
        }
        cur = ra->reg_to_temp[reg];
        if (!cur) {
            ra_assign(ra, out, reg, false);
            return;
        }
        if (!temp_is_global(out)) {
            ra_share(ra, out, reg);
            return;
        }
        if (!temp_is_global(cur)) {
            /* The global owns the register, the temp shares it. */
            ra->reg_to_temp[reg] = NULL;
            ra_assign(ra, out, reg, false);
            cur->state_ptr = ra->sharers[reg];
            ra->sharers[reg] = cur;
            return;
        }
    }
    int copy = ra_alloc(ra, ra->alloc_mask, bit(reg), 0);
    ra->tgt->out_mov(ra->s, (TCGType)op->type, copy, reg);
    ra_assign(ra, out, copy, false);
}

static void ra_mov(RegAlloc *ra, TCGOp *op)
{
    TCGTemp *out = arg_temp(op->args[0]);
    TCGTemp *in = arg_temp(op->args[1]);
    TCGType type = (TCGType)op->type;
    int reg;

    if (out == in) {
        /* No move, but liveness may have put the write-back here. */
        if (op->life & TCG_LIFE_SYNC(0)) {
            ra_sync(ra, out);
        }
        if (op->life & TCG_LIFE_DEAD(0)) {
            ra_dead(ra, out);
        }
        return;
    }
    if ((op->life & TCG_LIFE_SYNC(0)) && (op->life & TCG_LIFE_DEAD(0))) {
        ra_mov_to_memory(ra, op, out, in);
        return;
    }
    if (in->val_type == TEMP_VAL_CONST) {
        if (ra_sole_owner(ra, out)) {
            reg = out->reg;
            ra->reg_to_temp[reg] = NULL;
        } else {
            ra_release(ra, out, TEMP_VAL_DEAD);
            reg = ra_alloc(ra, ra->alloc_mask, 0, 0);
        }
        ra->tgt->out_movi(ra->s, type, reg, in->val);
        out->val_type = TEMP_VAL_DEAD;
        ra_assign(ra, out, reg, false);
    } else {
        if (in->val_type != TEMP_VAL_REG) {
            bool coherent = in->val_type == TEMP_VAL_MEM;
            int r = ra_alloc(ra, ra->alloc_mask, 0, 0);
            ra_load_into(ra, in, r);
            ra_assign(ra, in, r, coherent);
        }
        ra_release(ra, out, TEMP_VAL_DEAD);
        ra_mov_reg(ra, op, out, in);
    }
    if (op->life & TCG_LIFE_SYNC(0)) {
        ra_sync(ra, out);
    }
    if (op->life & TCG_LIFE_DEAD(0)) {
        ra_dead(ra, out);
    }
}

static void ra_call(RegAlloc *ra, TCGOp *op)
{
    TCGContext *s = ra->s;
    const TCGRegAllocTarget *tgt = ra->tgt;
    int nb_o = op->nb_oargs, nb_i = op->nb_iargs;
    const TCGHelperInfo *info = (const TCGHelperInfo *)op->args[nb_o + nb_i];
    int nb_reg_args = nb_i < tgt->nb_call_arg_regs ? nb_i : tgt->nb_call_arg_regs;

    /* Stack arguments first, through any free register. */
    for (int k = nb_reg_args; k < nb_i; k++) {
        TCGTemp *t = arg_temp(op->args[nb_o + k]);
        int reg;
        if (t->val_type == TEMP_VAL_REG) {
            reg = t->reg;
        } else {
            reg = ra_alloc(ra, ra->alloc_mask, 0, 0);
            ra_load_into(ra, t, reg);
        }
        tgt->out_st(s, TCG_TYPE_I64, reg, tgt->stack_reg,
                    tgt->call_stack_offset + 8 * (k - nb_reg_args));
    }
    /* Register arguments: evict whatever is in the way. */
    for (int k = 0; k < nb_reg_args; k++) {
        TCGTemp *t = arg_temp(op->args[nb_o + k]);
        int reg = tgt->call_arg_regs[k];
        if (!(t->val_type == TEMP_VAL_REG && t->reg == reg)) {
            ra_evict_reg(ra, reg);
            ra_load_into(ra, t, reg);
        }
    }
    if (info->flags & TCG_CALL_READS_GLOBALS) {
        ra_sync_globals(ra);
    }
    for (int k = 0; k < nb_i; k++) {
        TCGTemp *t = arg_temp(op->args[nb_o + k]);
        if ((op->life & TCG_LIFE_DEAD(nb_o + k)) && t->val_type == TEMP_VAL_REG) {
            ra_dead(ra, t);
        }
    }
    for (int r = 0; r < tgt->nb_regs; r++) {
        if (tgt->call_clobbered & bit(r)) {
            ra_evict_reg(ra, r);
        }
    }
    if ((info->flags & TCG_CALL_WRITES_GLOBALS) == TCG_CALL_WRITES_GLOBALS) {
        for (int i = 0; i < s->nb_globals; i++) {
            TCGTemp *t = &s->temps[i];
            if (temp_is_global(t)) {
                ra_release(ra, t, TEMP_VAL_MEM);
                t->mem_coherent = true;
            }
        }
    }

    tgt->out_call(s, info);
    s->stats.helper_calls++;

    if (nb_o) {
        TCGTemp *t = arg_temp(op->args[0]);
        if (t->val_type == TEMP_VAL_REG) {
            ra_release(ra, t, TEMP_VAL_DEAD);
        }
        ra_assign(ra, t, tgt->call_ret_reg, false);
        if (op->life & TCG_LIFE_SYNC(0)) {
            ra_sync(ra, t);
        }
        if (op->life & TCG_LIFE_DEAD(0)) {
            ra_dead(ra, t);
        }
    }
}

static void ra_insn_start(RegAlloc *ra, TCGOp *op, const uint8_t *start)
{
    TCGContext *s = ra->s;
    int n = s->gen_nb_insns;

    if (n > 0) {
        s->gen_insn_end_off[n - 1] = (uint32_t)(s->code_ptr - start);
    }
    if (n >= TCG_MAX_INSNS) {
        fprintf(stderr, "mimic: internal error: more than %d insns in a block\n",
                TCG_MAX_INSNS);
        abort();
    }
    for (int w = 0; w < TCG_INSN_START_WORDS; w++) {
        s->gen_insn_data[n][w] = (uint64_t)op->args[w];
    }
    s->gen_nb_insns = n + 1;
}

int tcg_reg_alloc_code(TCGContext *s, const TCGRegAllocTarget *tgt,
                       const uint8_t *start, const uint8_t *limit)
{
    RegAlloc ra = { .s = s, .tgt = tgt, .start = start };

    ra_init(&ra);
    s->gen_nb_insns = 0;
    tcg_fault_regs_reset(s);
    for (int idx = 0; idx < s->nb_ops; idx++) {
        TCGOp *op = &s->ops[idx];

        switch (op->opc) {
        case INDEX_op_nop:
            break;
        case INDEX_op_insn_start:
            ra_insn_start(&ra, op, start);
            break;
        case INDEX_op_discard:
            ra_dead(&ra, arg_temp(op->args[0]));
            break;
        case INDEX_op_mov:
            ra_mov(&ra, op);
            break;
        case INDEX_op_set_label:
            ra_sync_globals(&ra);
            ra_label_reset(&ra);
            tgt->bind_label(s, arg_label(op->args[0]));
            break;
        case INDEX_op_call:
            ra_call(&ra, op);
            break;
        default:
            ra_op(&ra, op);
            break;
        }
        if (s->code_ptr > limit) {
            return -1;
        }
    }
    if (s->gen_nb_insns > 0) {
        s->gen_insn_end_off[s->gen_nb_insns - 1] = (uint32_t)(s->code_ptr - start);
    }
    return 0;
}
