/*
 * The interpreter backend's compiler: turns the (optimized) ops of
 * tcg_ctx into the bytecode described in interp.h, written through the
 * code buffer's writable view and addressed by its executable view.
 * No register allocation: temps are frame slots, globals stay in env.
 */
#include <assert.h>
#include <stdlib.h>

#include "exec/softmmu.h"
#include "exec/tb.h"
#include "tcg/tci/interp.h"
#include "util/log.h"

typedef struct InterpEmit {
    TCGContext *s;
    uint32_t *start;    /* first word of the block (writable view) */
    uint32_t *p;        /* next word to write */
    uint32_t *limit;    /* code_gen_highwater */
    int unresolved;     /* branch words still waiting for their label */
    bool too_large;     /* a goto_tb past tb.h's 16-bit offsets */
} InterpEmit;

const char *interp_carg_format(unsigned opc)
{
    switch (opc) {
    case INDEX_op_br: return "l";
    case INDEX_op_brcond: return "cl";
    case INDEX_op_setcond: case INDEX_op_movcond: return "c";
    case INDEX_op_deposit: case INDEX_op_extract: case INDEX_op_sextract:
        return "ii";          /* pos, len */
    case INDEX_op_lea: return "ii";    /* shift, disp (int32) */
    case INDEX_op_ld: case INDEX_op_st: return "qm";   /* offset, memop */
    case INDEX_op_guest_ld: case INDEX_op_guest_st: return "mi"; /* memop, mmu */
    case INDEX_op_mb: return "i";
    case INDEX_op_exit_tb: return "q";
    case INDEX_op_goto_tb: return "j";
    case INDEX_op_call: return "h";    /* TCGHelperInfo * */
    case INDEX_op_sse: return "iiiiih"; /* insn, d, s, mx, helper arg, helper */
    default: return "";
    }
}

static uintptr_t interp_rx_addr(const InterpEmit *e, const uint32_t *w)
{
    return (uintptr_t)w + e->s->code_rx_offset;
}

static uint32_t interp_block_offset(const InterpEmit *e)
{
    return (uint32_t)((uint8_t *)e->p - (uint8_t *)e->start);
}

static void interp_put_u64(InterpEmit *e, uint64_t v)
{
    *e->p++ = (uint32_t)v;
    *e->p++ = (uint32_t)(v >> 32);
}

static bool interp_fits_small(int64_t v)
{
    return v >= INTERP_SMALL_MIN && v <= INTERP_SMALL_MAX;
}

static void interp_put_const(InterpEmit *e, TCGType type, int64_t val)
{
    if (type == TCG_TYPE_I32) {
        int32_t v = (int32_t)val;
        if (interp_fits_small(v)) {
            *e->p++ = interp_operand(INTERP_K_C32, (uint32_t)v);
            return;
        }
        *e->p++ = INTERP_K_BIG;
        interp_put_u64(e, (uint32_t)v);
        return;
    }
    if (interp_fits_small(val)) {
        *e->p++ = interp_operand(INTERP_K_C64, (uint32_t)val);
        return;
    }
    *e->p++ = INTERP_K_BIG;
    interp_put_u64(e, (uint64_t)val);
}

/* One operand word (or three, for a large constant) naming temp t. */
static void interp_put_temp(InterpEmit *e, TCGTemp *t)
{
    switch (t->kind) {
    case TEMP_EBB:
    case TEMP_TB:
        *e->p++ = interp_operand(INTERP_K_SLOT, (uint32_t)temp_idx(t));
        return;
    case TEMP_GLOBAL:
        if (t->mem_base != e->s->env || t->mem_offset < 0 ||
            t->mem_offset > INTERP_PAYLOAD_MAX) {
            fprintf(stderr, "mimic: interp: global %s is not a field of env\n",
                    t->name ? t->name : "?");
            abort();
        }
        *e->p++ = interp_operand(t->type == TCG_TYPE_I64 ? INTERP_K_G64 : INTERP_K_G32,
                                 (uint32_t)t->mem_offset);
        return;
    case TEMP_FIXED:
        assert(t == e->s->env);
        *e->p++ = INTERP_K_ENV;
        return;
    case TEMP_CONST:
        interp_put_const(e, t->type, t->val);
        return;
    }
    assert(!"interp: bad temp kind");
}

/* A branch word: displacement from insn to the label, now or when it is set. */
static void interp_put_label(InterpEmit *e, const uint32_t *insn, TCGLabel *l)
{
    uintptr_t from = interp_rx_addr(e, insn);

    if (l->has_value) {
        *e->p++ = (uint32_t)(int32_t)(l->value - from);
        return;
    }
    TCGRelocation *r = tcg_pool_alloc(e->s, sizeof(*r));
    r->ptr = (uint8_t *)e->p;
    r->addend = (intptr_t)from;
    r->type = 0;
    r->next = l->relocs;
    l->relocs = r;
    e->unresolved++;
    *e->p++ = 0;
}

static void interp_set_label(InterpEmit *e, TCGLabel *l)
{
    l->value = interp_rx_addr(e, e->p);
    l->has_value = true;
    for (TCGRelocation *r = l->relocs; r; r = r->next) {
        *(uint32_t *)r->ptr = (uint32_t)(int32_t)(l->value - (uintptr_t)r->addend);
        e->unresolved--;
    }
    l->relocs = NULL;
}

/* goto_tb n: the slot, then where the interpreter reads its target. */
static void interp_put_goto_tb(InterpEmit *e, TranslationBlock *tb, unsigned n)
{
    assert(tb && n < 2);
    *e->p++ = n;
    interp_put_u64(e, (uintptr_t)&tb->jmp_target_addr[n]);
}

static void interp_finish_goto_tb(InterpEmit *e, TranslationBlock *tb,
                                  unsigned n, const uint32_t *insn)
{
    uint32_t insn_off = (uint32_t)((const uint8_t *)insn - (uint8_t *)e->start);
    uint32_t reset_off = interp_block_offset(e);

    if (reset_off >= 0xffff) {
        e->too_large = true;   /* gen_code fails; fewer insns next time */
        return;
    }
    tb->jmp_insn_offset[n] = (uint16_t)insn_off;
    tb->jmp_reset_offset[n] = (uint16_t)reset_off;
    __atomic_store_n(&tb->jmp_target_addr[n], interp_rx_addr(e, e->p),
                     __ATOMIC_RELEASE);
}

static void interp_put_cargs(InterpEmit *e, const TCGOp *op, const TCGArg *a,
                             const uint32_t *insn, TranslationBlock *tb)
{
    for (const char *f = interp_carg_format(op->opc); *f; f++, a++) {
        switch (*f) {
        case 'c':
        case 'i':
        case 'm':
            assert(*a <= UINT32_MAX);
            *e->p++ = (uint32_t)*a;
            break;
        case 'q':
        case 'h':
            interp_put_u64(e, (uint64_t)*a);
            break;
        case 'l':
            interp_put_label(e, insn, arg_label(*a));
            break;
        case 'j':
            interp_put_goto_tb(e, tb, (unsigned)*a);
            break;
        }
    }
}

/* Any op that becomes one instruction. */
static void interp_emit_op(InterpEmit *e, const TCGOp *op, TranslationBlock *tb)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    unsigned nb_o = def->nb_oargs, nb_i = def->nb_iargs;
    bool i64 = op->type == TCG_TYPE_I64;
    const TCGArg *a = op->args;
    uint32_t *insn = e->p++;

    if (op->opc == INDEX_op_call) {
        TCGHelperInfo *info = (TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
        nb_o = op->nb_oargs;
        nb_i = op->nb_iargs;
        i64 = info->ret == TCG_HT_I64 || info->ret == TCG_HT_PTR;
        assert(nb_o <= 1 && nb_i <= TCG_MAX_HELPER_ARGS && nb_i == info->nargs);
        interp_helper_cif(info);
    }
    if (op->opc == INDEX_op_sse && op->args[6]) {
        interp_helper_cif((TCGHelperInfo *)op->args[6]);
    }
    for (unsigned i = 0; i < nb_o + nb_i; i++) {
        interp_put_temp(e, arg_temp(*a++));
    }
    interp_put_cargs(e, op, a, insn, tb);
    if (softmmu_enabled &&
        (op->opc == INDEX_op_guest_ld || op->opc == INDEX_op_guest_st)) {
        e->p[-1] |= INTERP_MMU_SOFTMMU;   /* the mmu index word */
    }
    *insn = interp_header(op->opc, i64, nb_o, nb_i, (unsigned)(e->p - insn));
    if (op->opc == INDEX_op_goto_tb) {
        interp_finish_goto_tb(e, tb, (unsigned)op->args[0], insn);
    }
}

static void interp_insn_start(InterpEmit *e, const TCGOp *op)
{
    TCGContext *s = e->s;
    int n = s->gen_nb_insns;

    assert(n < TCG_MAX_INSNS);
    if (n > 0) {
        s->gen_insn_end_off[n - 1] = interp_block_offset(e);
    }
    for (int i = 0; i < TCG_INSN_START_WORDS; i++) {
        s->gen_insn_data[n][i] = (uint64_t)op->args[i];
    }
    s->gen_nb_insns = n + 1;
}

/* Forgets label addresses of an earlier attempt (a retry after the buffer
 * ran out emits the same ops again at another address). */
static void interp_reset_labels(TCGContext *s)
{
    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        TCGLabel *l = NULL;
        if (op->opc == INDEX_op_set_label || op->opc == INDEX_op_br) {
            l = arg_label(op->args[0]);
        } else if (op->opc == INDEX_op_brcond) {
            l = arg_label(op->args[3]);
        }
        if (l) {
            l->has_value = false;
            l->relocs = NULL;
        }
    }
}

int interp_gen_code(TCGContext *s, TranslationBlock *tb)
{
    InterpEmit e = {
        .s = s,
        .start = (uint32_t *)s->code_ptr,
        .p = (uint32_t *)s->code_ptr,
        .limit = (uint32_t *)s->code_gen_highwater,
    };

    assert(((uintptr_t)s->code_ptr & 3) == 0);
    /* Liveness only as dead-code removal (as the JIT gets it), and only when
     * optimizing, so the unoptimized interpreter runs the ops as emitted. */
    if (s->optimize && !mimic_log_enabled(LOG_NOOPT)) {
        tcg_liveness(s);
    }
    interp_reset_labels(s);
    s->gen_nb_insns = 0;
    if (tb) {
        for (int n = 0; n < 2; n++) {
            tb->jmp_reset_offset[n] = 0xffff;
            tb->jmp_insn_offset[n] = 0xffff;
        }
    }
    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        if (e.p + INTERP_MAX_INSN_WORDS > e.limit) {
            return -1;
        }
        switch (op->opc) {
        case INDEX_op_nop:
        case INDEX_op_discard:
            break;
        case INDEX_op_insn_start:
            interp_insn_start(&e, op);
            break;
        case INDEX_op_set_label:
            interp_set_label(&e, arg_label(op->args[0]));
            break;
        default:
            interp_emit_op(&e, op, tb);
            break;
        }
    }
    if (e.unresolved) {
        fprintf(stderr, "mimic: interp: %d branches to a label that is never set\n",
                e.unresolved);
        abort();
    }
    if (e.too_large) {
        return TCG_GEN_TOO_LARGE;
    }
    if (s->gen_nb_insns > 0) {
        s->gen_insn_end_off[s->gen_nb_insns - 1] = interp_block_offset(&e);
    }
    return (int)interp_block_offset(&e);
}

/* Prologue: a nop; epilogue: exit_tb 0, so goto_ptr to it returns 0. */
void interp_init(TCGContext *s)
{
    uintptr_t a = ((uintptr_t)s->code_ptr + 15) & ~(uintptr_t)15;
    InterpEmit e = { .s = s, .start = (uint32_t *)a, .p = (uint32_t *)a };

    s->code_gen_prologue = (const void *)interp_rx_addr(&e, e.p);
    *e.p++ = interp_header(INDEX_op_nop, false, 0, 0, 1);
    s->code_gen_epilogue = (const void *)interp_rx_addr(&e, e.p);
    *e.p++ = interp_header(INDEX_op_exit_tb, true, 0, 0, 3);
    interp_put_u64(&e, 0);
    s->code_ptr = (uint8_t *)e.p;
    s->code_gen_start = s->code_ptr;
}
