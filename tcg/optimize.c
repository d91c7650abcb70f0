/*
 * The IR optimizer: one forward pass over a block's ops that folds
 * constants (tcg_fold_op) with known-bits tracking, propagates copies,
 * simplifies algebra, folds branches, drops unreachable ops and unread
 * stores to globals. Rules and their limits are listed in docs/tcg.md.
 */
#include <string.h>

#include "tcg/tcg.h"

#define HIGH32 0xffffffff00000000ull

/* What the pass knows about one temp at the current point. */
typedef struct OptTemp {
    uint64_t z, o;              /* bits known to be zero / known to be one */
    TCGTemp *prev_copy, *next_copy; /* ring of temps holding the same value */
    uint32_t version;           /* bumped at every write */
    uint32_t copy_seq;          /* when it joined its ring of copies */
    uint8_t def_opc;            /* not/neg that produced the value, or nop */
    TCGTemp *def_src;           /* ... its input */
    uint32_t def_src_version;   /* ... and that input's version then */
    int pending_store;          /* globals: index of an unread write, or -1 */
    uint32_t epoch;             /* OptContext.epoch when last brought up to date */
} OptTemp;

/* A field of the CPU state whose value is known from a store earlier in
 * the block: env+off holds `val` as it was at `version`. */
typedef struct OptMem {
    intptr_t off;
    unsigned size;              /* bytes: 4 (i32) or 8 (i64) */
    TCGType type;
    TCGTemp *val;
    uint32_t version;
} OptMem;

#define OPT_MAX_MEM 8

typedef struct OptContext {
    TCGContext *s;
    OptTemp *info;              /* TCG_MAX_TEMPS entries, filled lazily */
    int nb_init;
    int nb_pending;             /* globals with pending_store >= 0 */
    TCGTemp **pending;          /* they (and maybe others since cleared), */
    int nb_pending_list, pending_cap; /* ... unless the list overflowed: */
    bool pending_overflow;      /* then clear_pending scans every global */
    uint32_t copy_seq;          /* counter for OptTemp.copy_seq */
    bool unreachable;           /* after br/exit_tb/goto_ptr */
    OptMem mem[OPT_MAX_MEM];    /* store-to-load forwarding */
    int nb_mem;
    uint32_t epoch;             /* bumped by reset_all: older entries are stale */
} OptContext;

/* ---- small helpers ---- */

static uint64_t width_mask(TCGType type)
{
    return type == TCG_TYPE_I32 ? 0xffffffffull : ~0ull;
}

static unsigned width_bits(TCGType type)
{
    return type == TCG_TYPE_I32 ? 32 : 64;
}

static uint64_t low_bits(unsigned n)
{
    return n >= 64 ? ~0ull : (1ull << n) - 1;
}

/* Trailing bits set in v. */
static unsigned trailing_ones(uint64_t v)
{
    return v == ~0ull ? 64 : (unsigned)__builtin_ctzll(~v);
}

/* Leading bits set in v, counted from the top of a `bits`-wide value. */
static unsigned leading_ones(uint64_t v, unsigned bits)
{
    unsigned n = 0;
    while (n < bits && ((v >> (bits - 1 - n)) & 1)) {
        n++;
    }
    return n;
}

static TCGTemp *op_in(const TCGOp *op, int k)
{
    return arg_temp(op->args[op->nb_oargs + k]);
}

static TCGArg *op_cargs(TCGOp *op)
{
    return &op->args[op->nb_oargs + op->nb_iargs];
}

static bool is_const(const TCGTemp *t)
{
    return t->kind == TEMP_CONST;
}

static uint64_t const_val(const TCGTemp *t)
{
    return (uint64_t)t->val & width_mask(t->type);
}

static bool is_const_val(const TCGTemp *t, uint64_t v)
{
    return is_const(t) && const_val(t) == (v & width_mask(t->type));
}

/* ---- per-temp knowledge ---- */

static void set_unknown(OptTemp *i, TCGType type)
{
    i->z = type == TCG_TYPE_I32 ? HIGH32 : 0;
    i->o = 0;
}

/* Forgets what was known about a temp (its value may have changed). */
static void info_forget(OptTemp *i, TCGTemp *t)
{
    if (is_const(t)) {
        return;
    }
    i->prev_copy = i->next_copy = t;
    i->version++;
    i->def_opc = INDEX_op_nop;
    set_unknown(i, t->type);
}

/*
 * The knowledge about t, set up on first use. An entry older than the
 * last reset_all is reset here rather than there, so that a label costs
 * the same whatever the number of temps: every ring of copies was broken
 * up by that reset, so no fresh entry points at a stale one.
 */
/* ot()'s slow path: the first use of temps up to idx in this block. */
static __attribute__((noinline)) void ot_init_upto(OptContext *c, int idx)
{
    while (c->nb_init <= idx) {
        TCGTemp *n = &c->s->temps[c->nb_init];
        OptTemp *f = &c->info[c->nb_init++];
        memset(f, 0, sizeof(*f));
        f->prev_copy = f->next_copy = n;
        f->def_opc = INDEX_op_nop;
        f->pending_store = -1;
        f->epoch = c->epoch;
        if (is_const(n)) {
            f->o = const_val(n);
            f->z = ~f->o;
        } else {
            set_unknown(f, n->type);
        }
    }
}

/*
 * The knowledge about t, set up on first use. An entry older than the
 * last reset_all is reset here rather than there, so that a label costs
 * the same whatever the number of temps: every ring of copies was broken
 * up by that reset, so no fresh entry points at a stale one.
 */
static inline OptTemp *ot(OptContext *c, TCGTemp *t)
{
    int idx = (int)(t - c->s->temps);
    OptTemp *i = &c->info[idx];

    if (__builtin_expect(idx >= c->nb_init, 0)) {
        ot_init_upto(c, idx);
    } else if (__builtin_expect(i->epoch != c->epoch, 0)) {
        i->epoch = c->epoch;
        info_forget(i, t);
    }
    return i;
}

static bool fully_known(const OptTemp *i)
{
    return (i->z | i->o) == ~0ull;
}

static void copy_unlink(OptContext *c, TCGTemp *t)
{
    OptTemp *i = ot(c, t);
    ot(c, i->prev_copy)->next_copy = i->next_copy;
    ot(c, i->next_copy)->prev_copy = i->prev_copy;
    i->prev_copy = i->next_copy = t;
}

/* Puts dst in src's ring of copies. */
static void copy_link(OptContext *c, TCGTemp *dst, TCGTemp *src)
{
    OptTemp *d = ot(c, dst), *si = ot(c, src);
    if (si->next_copy == src) {
        si->copy_seq = ++c->copy_seq;
    }
    d->copy_seq = ++c->copy_seq;
    d->next_copy = si->next_copy;
    d->prev_copy = src;
    ot(c, si->next_copy)->prev_copy = dst;
    si->next_copy = dst;
}

static bool same_value(OptContext *c, TCGTemp *a, TCGTemp *b)
{
    if (a == b) {
        return true;
    }
    for (TCGTemp *t = ot(c, a)->next_copy; t != a; t = ot(c, t)->next_copy) {
        if (t == b) {
            return true;
        }
    }
    return false;
}

/* The temp's value is about to change: forget what was known. */
static void temp_reset(OptContext *c, TCGTemp *t)
{
    OptTemp *i = ot(c, t);
    if (is_const(t)) {
        return;
    }
    copy_unlink(c, t);
    i->version++;
    i->def_opc = INDEX_op_nop;
    set_unknown(i, t->type);
}

/* At a referenced label: control may arrive from elsewhere. Every temp
 * is reset lazily, by ot(). */
static void reset_all(OptContext *c)
{
    c->epoch++;
}

/* After a call that writes globals. */
static void reset_globals(OptContext *c)
{
    for (int k = 0; k < c->s->nb_globals; k++) {
        TCGTemp *t = &c->s->temps[k];
        if (t->kind == TEMP_GLOBAL) {
            temp_reset(c, t);
        }
    }
}

/* A fixed register (env) is always the best copy: it is there anyway,
 * and the backend addresses it specially (x86_64 keeps env biased), so
 * a copy of it must never stand in for it. Block temps are preferred over
 * globals as copy sources, so that reads of a global can go away and its
 * stores become dead; among equals the oldest copy wins, so the movs that
 * made the later ones become dead. */
static int copy_rank(const TCGTemp *t)
{
    switch (t->kind) {
    case TEMP_FIXED: return 3;
    case TEMP_TB: case TEMP_EBB: return 2;
    case TEMP_GLOBAL: return 1;
    default: return 0;
    }
}

static bool better_copy(OptContext *c, TCGTemp *a, TCGTemp *b)
{
    if (copy_rank(a) != copy_rank(b)) {
        return copy_rank(a) > copy_rank(b);
    }
    return ot(c, a)->copy_seq < ot(c, b)->copy_seq;
}

static TCGTemp *best_copy(OptContext *c, TCGTemp *t)
{
    TCGTemp *best = t;
    for (TCGTemp *n = ot(c, t)->next_copy; n != t; n = ot(c, n)->next_copy) {
        if (better_copy(c, n, best)) {
            best = n;
        }
    }
    return best;
}

/* ---- dead stores to globals ---- */

static void clear_pending(OptContext *c)
{
    if (c->nb_pending != 0 && c->pending_overflow) {
        for (int k = 0; k < c->s->nb_globals; k++) {
            ot(c, &c->s->temps[k])->pending_store = -1;
        }
    } else if (c->nb_pending != 0) {
        for (int k = 0; k < c->nb_pending_list; k++) {
            ot(c, c->pending[k])->pending_store = -1;
        }
    }
    c->nb_pending = 0;
    c->nb_pending_list = 0;
    c->pending_overflow = false;
}

static void note_read(OptContext *c, TCGTemp *t)
{
    OptTemp *i = ot(c, t);
    if (t->kind == TEMP_GLOBAL && i->pending_store >= 0) {
        i->pending_store = -1;
        c->nb_pending--;
    }
}

/* A plain computation whose only effect is its one output. */
static bool op_removable(const TCGOp *op)
{
    unsigned fl = tcg_op_defs[op->opc].flags;
    return op->nb_oargs == 1 && op->opc != INDEX_op_call &&
           op->opc != INDEX_op_discard &&
           !(fl & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_CALL));
}

/* Op `idx` writes t: an earlier unread write of the same global is dead. */
static void note_write(OptContext *c, int idx, TCGTemp *t)
{
    OptTemp *i = ot(c, t);
    if (t->kind != TEMP_GLOBAL) {
        return;
    }
    if (i->pending_store >= 0) {
        tcg_op_remove(c->s, &c->s->ops[i->pending_store]);
        i->pending_store = -1;
        c->nb_pending--;
    }
    if (op_removable(&c->s->ops[idx])) {
        i->pending_store = idx;
        c->nb_pending++;
        if (c->nb_pending_list < c->pending_cap) {
            c->pending[c->nb_pending_list++] = t;
        } else {
            c->pending_overflow = true;
        }
    }
}

/* ---- rewriting ops in place ---- */

static void to_mov(TCGOp *op, TCGTemp *src)
{
    op->opc = INDEX_op_mov;
    op->type = arg_temp(op->args[0])->type;
    op->nb_oargs = 1;
    op->nb_iargs = 1;
    op->nb_cargs = 0;
    op->args[1] = temp_arg(src);
}

static void to_movi(TCGOp *op, uint64_t val)
{
    TCGType type = arg_temp(op->args[0])->type;
    to_mov(op, tcg_constant_internal(type, (int64_t)val));
}

static void to_unary(TCGOp *op, TCGOpcode opc, TCGTemp *src)
{
    op->opc = opc;
    op->nb_oargs = 1;
    op->nb_iargs = 1;
    op->nb_cargs = 0;
    op->args[1] = temp_arg(src);
}

static void swap_args(TCGOp *op, int a, int b)
{
    TCGArg t = op->args[a];
    op->args[a] = op->args[b];
    op->args[b] = t;
}

/* Replaces every input by a constant or the best copy of its value. */
static void rewrite_inputs(OptContext *c, TCGOp *op)
{
    for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
        TCGTemp *t = arg_temp(op->args[k]);
        OptTemp *i = ot(c, t);
        if (!is_const(t) && fully_known(i)) {
            t = tcg_constant_internal(t->type, (int64_t)i->o);
        } else {
            t = best_copy(c, t);
        }
        op->args[k] = temp_arg(t);
        note_read(c, t);
    }
}

/* ---- known bits of an op's result ---- */

typedef struct Bits {
    uint64_t z, o;
} Bits;

static Bits bits_of(OptContext *c, TCGTemp *t)
{
    OptTemp *i = ot(c, t);
    return (Bits){ i->z, i->o };
}

static Bits bits_not(Bits a)
{
    return (Bits){ a.o, a.z };
}

static Bits bits_xor(Bits a, Bits b)
{
    return (Bits){ (a.o & b.o) | (a.z & b.z), (a.o & b.z) | (a.z & b.o) };
}

/* Ops that move, select, replicate or clear bits: applying the op to the
 * known-one masks and to the maybe-one masks gives the result's masks. */
static bool bits_monotone(TCGOp *op, const Bits *in, Bits *r)
{
    uint64_t ones[4], maybe[4], ro[2], rm[2];
    int n = op->nb_iargs;

    switch (op->opc) {
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
        if ((in[1].z | in[1].o) != ~0ull) {
            return false;       /* count not constant */
        }
        ones[0] = in[0].o;
        maybe[0] = ~in[0].z;
        ones[1] = maybe[1] = in[1].o;
        break;
    case INDEX_op_mov: case INDEX_op_and: case INDEX_op_or:
    case INDEX_op_ext8s: case INDEX_op_ext8u: case INDEX_op_ext16s:
    case INDEX_op_ext16u: case INDEX_op_ext32s: case INDEX_op_ext32u:
    case INDEX_op_ext_i32_i64: case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32: case INDEX_op_extrh_i64_i32:
    case INDEX_op_deposit: case INDEX_op_extract: case INDEX_op_sextract:
    case INDEX_op_bswap16: case INDEX_op_bswap32: case INDEX_op_bswap64:
        for (int k = 0; k < n; k++) {
            ones[k] = in[k].o;
            maybe[k] = ~in[k].z;
        }
        break;
    default:
        return false;
    }
    if (!tcg_fold_op(op->opc, op->type, ones, op_cargs(op), ro) ||
        !tcg_fold_op(op->opc, op->type, maybe, op_cargs(op), rm)) {
        return false;
    }
    r->o = ro[0];
    r->z = ~rm[0];
    return true;
}

/* add/sub/mul/neg: low zero bits survive; add grows by one bit at most. */
static bool bits_arith(TCGOp *op, const Bits *in, Bits *r)
{
    unsigned bits = width_bits(op->type);
    unsigned tz0 = trailing_ones(in[0].z), tz1;

    switch (op->opc) {
    case INDEX_op_neg:
        r->z = low_bits(tz0);
        return true;
    case INDEX_op_sub:
        tz1 = trailing_ones(in[1].z);
        r->z = low_bits(tz0 < tz1 ? tz0 : tz1);
        return true;
    case INDEX_op_mul:
        tz1 = trailing_ones(in[1].z);
        r->z = low_bits(tz0 + tz1);
        return true;
    case INDEX_op_add: {
        tz1 = trailing_ones(in[1].z);
        unsigned lz0 = leading_ones(in[0].z, bits);
        unsigned lz1 = leading_ones(in[1].z, bits);
        unsigned lz = lz0 < lz1 ? lz0 : lz1;
        r->z = low_bits(tz0 < tz1 ? tz0 : tz1);
        if (lz > 1) {
            r->z |= low_bits(lz - 1) << (bits - (lz - 1));
        }
        return true;
    }
    default:
        return false;
    }
}

static Bits bits_and(Bits a, Bits b)
{
    return (Bits){ a.z | b.z, a.o & b.o };
}

static Bits bits_or(Bits a, Bits b)
{
    return (Bits){ a.z & b.z, a.o | b.o };
}

/* The logic ops that invert: not, xor and the and/or variants. */
static bool bits_logic(TCGOp *op, const Bits *in, Bits *r)
{
    Bits a = in[0], b = op->nb_iargs > 1 ? in[1] : in[0];

    switch (op->opc) {
    case INDEX_op_not: *r = bits_not(a); return true;
    case INDEX_op_xor: *r = bits_xor(a, b); return true;
    case INDEX_op_eqv: *r = bits_not(bits_xor(a, b)); return true;
    case INDEX_op_andc: *r = bits_and(a, bits_not(b)); return true;
    case INDEX_op_orc: *r = bits_or(a, bits_not(b)); return true;
    case INDEX_op_nand: *r = bits_not(bits_and(a, b)); return true;
    case INDEX_op_nor: *r = bits_not(bits_or(a, b)); return true;
    default: return false;
    }
}

/* Results with a small range: setcond, counts, narrow loads. */
static bool bits_range(TCGOp *op, const Bits *in, Bits *r)
{
    uint64_t count_max = op->type == TCG_TYPE_I32 ? 0x3f : 0x7f;
    const TCGArg *cargs = op_cargs(op);
    MemOp mo;

    switch (op->opc) {
    case INDEX_op_setcond:
        r->z = ~1ull;
        return true;
    case INDEX_op_ctpop:
        r->z = ~count_max;
        return true;
    case INDEX_op_clz: case INDEX_op_ctz:
        r->z = ~(count_max | ~in[1].z);
        return true;
    case INDEX_op_movcond:
        r->z = in[2].z & in[3].z;
        r->o = in[2].o & in[3].o;
        return true;
    case INDEX_op_ld:
        mo = (MemOp)cargs[1];
        break;
    case INDEX_op_guest_ld:
        mo = (MemOp)cargs[0];
        break;
    default:
        return false;
    }
    if (!(mo & MO_SIGN) && (mo & MO_SIZE) != MO_64) {
        r->z = ~low_bits(8u << (mo & MO_SIZE));
    }
    return true;
}

/* What is known about the single output of op, from its inputs. */
static Bits compute_bits(OptContext *c, TCGOp *op)
{
    TCGType type = arg_temp(op->args[0])->type;
    Bits in[4], r = { 0, 0 };
    int n = op->nb_iargs < 4 ? op->nb_iargs : 4;

    for (int k = 0; k < n; k++) {
        in[k] = bits_of(c, op_in(op, k));
    }
    if (op->opc != INDEX_op_call && op->opc != INDEX_op_discard &&
        !bits_monotone(op, in, &r) && !bits_arith(op, in, &r) &&
        !bits_logic(op, in, &r) && !bits_range(op, in, &r)) {
        r = (Bits){ 0, 0 };
    }
    if (type == TCG_TYPE_I32) {
        r.z |= HIGH32;
        r.o &= ~HIGH32;
    }
    r.o &= ~r.z;
    return r;
}

/* ---- conditions ---- */

/* 1 or 0 if `a cond b` is decided by what is known, else -1. */
static int cond_known(OptContext *c, TCGCond cond, TCGType type,
                      TCGTemp *a, TCGTemp *b)
{
    uint64_t m = width_mask(type);
    Bits ba = bits_of(c, a), bb = bits_of(c, b);

    if (cond == TCG_COND_ALWAYS || cond == TCG_COND_NEVER) {
        return cond == TCG_COND_ALWAYS;
    }
    if (is_const(a) && is_const(b)) {
        return tcg_cond_eval(cond, type, const_val(a), const_val(b));
    }
    if (a == b) {
        return tcg_cond_eval(cond, type, 0, 0);
    }
    if (cond == TCG_COND_EQ || cond == TCG_COND_NE) {
        bool differ = ((ba.o & bb.z) | (ba.z & bb.o)) & m;
        return differ ? cond == TCG_COND_NE : -1;
    }
    if (!tcg_cond_is_unsigned(cond)) {
        return -1;
    }
    /* Unsigned: compare the ranges [min, max] the values can take. */
    uint64_t amin = ba.o & m, amax = ~ba.z & m;
    uint64_t bmin = bb.o & m, bmax = ~bb.z & m;
    switch (cond) {
    case TCG_COND_LTU:
        return amax < bmin ? 1 : amin >= bmax ? 0 : -1;
    case TCG_COND_GEU:
        return amin >= bmax ? 1 : amax < bmin ? 0 : -1;
    case TCG_COND_LEU:
        return amax <= bmin ? 1 : amin > bmax ? 0 : -1;
    case TCG_COND_GTU:
        return amin > bmax ? 1 : amax <= bmin ? 0 : -1;
    default:
        return -1;
    }
}

/* ---- algebraic simplification ---- */

static bool is_commutative(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_add: case INDEX_op_mul: case INDEX_op_and:
    case INDEX_op_or: case INDEX_op_xor: case INDEX_op_eqv:
    case INDEX_op_nand: case INDEX_op_nor:
        return true;
    default:
        return false;
    }
}

/* Puts a constant operand second (conditions are swapped to match). */
static void canonicalize(TCGOp *op)
{
    int i0 = op->nb_oargs;

    if (is_commutative(op->opc) || op->opc == INDEX_op_setcond ||
        op->opc == INDEX_op_brcond || op->opc == INDEX_op_movcond) {
        if (is_const(arg_temp(op->args[i0])) &&
            !is_const(arg_temp(op->args[i0 + 1]))) {
            swap_args(op, i0, i0 + 1);
            if (!is_commutative(op->opc)) {
                TCGArg *cargs = op_cargs(op);
                cargs[0] = tcg_swap_cond((TCGCond)cargs[0]);
            }
        }
    }
}

/* add/sub/mul/neg/not: identities. Returns true if op was rewritten. */
static bool simplify_arith(OptContext *c, TCGOp *op)
{
    TCGTemp *x = op_in(op, 0), *y = op->nb_iargs > 1 ? op_in(op, 1) : NULL;
    OptTemp *xi = ot(c, x);

    switch (op->opc) {
    case INDEX_op_add:
        if (is_const_val(y, 0)) {
            to_mov(op, x);
            return true;
        }
        return false;
    case INDEX_op_sub:
        if (x == y) {
            to_movi(op, 0);
        } else if (is_const_val(y, 0)) {
            to_mov(op, x);
        } else if (is_const(y)) {
            op->opc = INDEX_op_add;
            op->args[2] = temp_arg(tcg_constant_internal(
                y->type, (int64_t)(0 - const_val(y))));
        } else if (is_const_val(x, 0)) {
            to_unary(op, INDEX_op_neg, y);
        } else {
            return false;
        }
        return true;
    case INDEX_op_mul:
        if (is_const_val(y, 0)) {
            to_movi(op, 0);
        } else if (is_const_val(y, 1)) {
            to_mov(op, x);
        } else {
            return false;
        }
        return true;
    case INDEX_op_neg:
    case INDEX_op_not:
        /* neg(neg v) = v, not(not v) = v, while v is unchanged. */
        if (xi->def_opc == op->opc &&
            ot(c, xi->def_src)->version == xi->def_src_version) {
            to_mov(op, xi->def_src);
            return true;
        }
        return false;
    default:
        return false;
    }
}

/* and/or/xor/andc/orc/eqv/nand/nor. */
static bool simplify_logic(OptContext *c, TCGOp *op)
{
    TCGTemp *x, *y;
    uint64_t all = width_mask(op->type);
    Bits bx, by;
    bool same;

    switch (op->opc) {
    case INDEX_op_and: case INDEX_op_or: case INDEX_op_xor:
    case INDEX_op_andc: case INDEX_op_orc: case INDEX_op_eqv:
    case INDEX_op_nand: case INDEX_op_nor:
        break;
    default:
        return false;
    }
    x = op_in(op, 0);
    y = op_in(op, 1);
    bx = bits_of(c, x);
    by = bits_of(c, y);
    same = x == y;

    switch (op->opc) {
    case INDEX_op_and:
        /* y is 1 wherever x may be 1 (covers and x,-1 and and x,x). */
        if (same || !(~by.o & ~bx.z & all)) {
            to_mov(op, x);
        } else if (!(~bx.o & ~by.z & all)) {
            to_mov(op, y);
        } else {
            return false;
        }
        return true;
    case INDEX_op_or:
        /* y is 0 wherever x may be 0 (covers or x,0 and or x,x). */
        if (same || !(~by.z & ~bx.o & all)) {
            to_mov(op, x);
        } else if (!(~bx.z & ~by.o & all)) {
            to_mov(op, y);
        } else {
            return false;
        }
        return true;
    case INDEX_op_xor:
        if (same) {
            to_movi(op, 0);
        } else if (is_const_val(y, 0)) {
            to_mov(op, x);
        } else if (is_const_val(y, all)) {
            to_unary(op, INDEX_op_not, x);
        } else {
            return false;
        }
        return true;
    case INDEX_op_andc:
        if (same) {
            to_movi(op, 0);
        } else if (is_const_val(y, 0)) {
            to_mov(op, x);
        } else if (is_const(y)) {
            op->opc = INDEX_op_and;
            op->args[2] = temp_arg(
                tcg_constant_internal(y->type, (int64_t)~const_val(y)));
        } else {
            return false;
        }
        return true;
    case INDEX_op_orc:
        if (same) {
            to_movi(op, all);
        } else if (is_const_val(y, all)) {
            to_mov(op, x);
        } else if (is_const(y)) {
            op->opc = INDEX_op_or;
            op->args[2] = temp_arg(
                tcg_constant_internal(y->type, (int64_t)~const_val(y)));
        } else {
            return false;
        }
        return true;
    case INDEX_op_eqv:
        if (same) {
            to_movi(op, all);
        } else if (is_const_val(y, all)) {
            to_mov(op, x);
        } else if (is_const_val(y, 0)) {
            to_unary(op, INDEX_op_not, x);
        } else {
            return false;
        }
        return true;
    case INDEX_op_nand:
        if (same || is_const_val(y, all)) {
            to_unary(op, INDEX_op_not, x);
            return true;
        }
        return false;
    case INDEX_op_nor:
        if (same || is_const_val(y, 0)) {
            to_unary(op, INDEX_op_not, x);
            return true;
        }
        return false;
    default:
        return false;
    }
}

/* Shifts and rotates by 0 (modulo the width); shifting 0. */
static bool simplify_shift(OptContext *c, TCGOp *op)
{
    TCGTemp *x = op_in(op, 0), *y = op_in(op, 1);
    unsigned bits = width_bits(op->type);

    switch (op->opc) {
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
        break;
    default:
        return false;
    }
    if (is_const(y) && (const_val(y) & (bits - 1)) == 0) {
        to_mov(op, x);
        return true;
    }
    if (is_const_val(x, 0)) {
        to_movi(op, 0);
        return true;
    }
    return false;
}

/* True if bits [from, width) of t are all known zero, or all known one
 * (when sign_ok): then sign/zero extension from `from` bits is a no-op. */
static bool high_bits_known(OptContext *c, TCGTemp *t, unsigned from,
                            bool sign_ok)
{
    uint64_t high = width_mask(t->type) & ~low_bits(from);
    Bits b = bits_of(c, t);
    return (b.z & high) == high || (sign_ok && (b.o & high) == high);
}

/* Extensions and bit fields that change nothing. */
static bool simplify_ext(OptContext *c, TCGOp *op)
{
    TCGTemp *x = op_in(op, 0);
    unsigned bits = width_bits(op->type);
    const TCGArg *cargs = op_cargs(op);
    unsigned pos = 0, len = 0;
    bool redundant;

    switch (op->opc) {
    case INDEX_op_ext8u: redundant = high_bits_known(c, x, 8, false); break;
    case INDEX_op_ext16u: redundant = high_bits_known(c, x, 16, false); break;
    case INDEX_op_ext32u: redundant = high_bits_known(c, x, 32, false); break;
    case INDEX_op_ext8s: redundant = high_bits_known(c, x, 7, true); break;
    case INDEX_op_ext16s: redundant = high_bits_known(c, x, 15, true); break;
    case INDEX_op_ext32s: redundant = high_bits_known(c, x, 31, true); break;
    case INDEX_op_extract:
    case INDEX_op_sextract:
        pos = (unsigned)cargs[0];
        len = (unsigned)cargs[1];
        if (pos != 0 || len == 0 || len > bits) {
            return false;
        }
        redundant = len == bits ||
                    (op->opc == INDEX_op_extract
                         ? high_bits_known(c, x, len, false)
                         : high_bits_known(c, x, len - 1, true));
        break;
    case INDEX_op_deposit:
        pos = (unsigned)cargs[0];
        len = (unsigned)cargs[1];
        if (pos == 0 && len == bits) {
            to_mov(op, op_in(op, 1));
            return true;
        }
        return false;
    default:
        return false;
    }
    if (redundant) {
        to_mov(op, x);
    }
    return redundant;
}

/* setcond/movcond with a decided condition or equal choices; clz/ctz of a
 * known value. */
static bool simplify_select(OptContext *c, TCGOp *op)
{
    TCGTemp *x = op_in(op, 0), *y = op->nb_iargs > 1 ? op_in(op, 1) : NULL;
    int known;

    switch (op->opc) {
    case INDEX_op_setcond:
        known = cond_known(c, (TCGCond)op_cargs(op)[0], op->type, x, y);
        if (known >= 0) {
            to_movi(op, (uint64_t)known);
            return true;
        }
        return false;
    case INDEX_op_movcond:
        if (op_in(op, 2) == op_in(op, 3)) {
            to_mov(op, op_in(op, 2));
            return true;
        }
        known = cond_known(c, (TCGCond)op_cargs(op)[0], op->type, x, y);
        if (known >= 0) {
            to_mov(op, op_in(op, known ? 2 : 3));
            return true;
        }
        return false;
    case INDEX_op_clz:
    case INDEX_op_ctz:
        if (is_const_val(x, 0)) {
            to_mov(op, y);
            return true;
        }
        if (is_const(x)) {
            uint64_t in[2] = { const_val(x), 0 }, out[2];
            tcg_fold_op(op->opc, op->type, in, op_cargs(op), out);
            to_movi(op, out[0]);
            return true;
        }
        return false;
    default:
        return false;
    }
}

static bool simplify(OptContext *c, TCGOp *op)
{
    canonicalize(op);
    return simplify_arith(c, op) || simplify_logic(c, op) ||
           simplify_shift(c, op) || simplify_ext(c, op) ||
           simplify_select(c, op);
}

/* ---- constant folding ---- */

static bool all_inputs_const(const TCGOp *op)
{
    for (int k = 0; k < op->nb_iargs; k++) {
        if (!is_const(op_in(op, k))) {
            return false;
        }
    }
    return true;
}

/* A value op with only constant inputs. Two-output ops become two movs
 * (one inserted before); returns true if op `idx` must be looked at again. */
static bool fold_constant(OptContext *c, int idx, bool *again)
{
    TCGOp *op = &c->s->ops[idx];
    uint64_t in[4] = { 0 }, out[2];

    *again = false;
    if (!all_inputs_const(op) || op->nb_iargs > 4 || op->nb_oargs == 0) {
        return false;
    }
    for (int k = 0; k < op->nb_iargs; k++) {
        in[k] = const_val(op_in(op, k));
    }
    if (!tcg_fold_op(op->opc, op->type, in, op_cargs(op), out)) {
        return false;
    }
    if (op->nb_oargs == 1) {
        to_movi(op, out[0]);
        return true;
    }
    TCGTemp *lo = arg_temp(op->args[0]), *hi = arg_temp(op->args[1]);
    TCGType type = op->type;
    TCGArg mov_lo[2] = { temp_arg(lo),
                         temp_arg(tcg_constant_internal(type, (int64_t)out[0])) };
    tcg_op_insert_before(c->s, idx, INDEX_op_mov, type, 2, mov_lo);
    op = &c->s->ops[idx + 1];
    op->args[0] = temp_arg(hi);
    to_movi(op, out[1]);
    *again = true;
    return true;
}

/* ---- control flow ---- */

/* Index of the next op that is not a nop, or nb_ops. */
static int next_live_op(TCGContext *s, int idx)
{
    for (idx++; idx < s->nb_ops && s->ops[idx].opc == INDEX_op_nop; idx++) {
    }
    return idx;
}

static bool jumps_to_next(TCGContext *s, int idx, TCGLabel *l)
{
    int n = next_live_op(s, idx);
    return n < s->nb_ops && s->ops[n].opc == INDEX_op_set_label &&
           arg_label(s->ops[n].args[0]) == l;
}

/* brcond: decided, or a jump to the very next op. */
static void optimize_brcond(OptContext *c, int idx)
{
    TCGOp *op = &c->s->ops[idx];
    TCGArg *cargs = op_cargs(op);
    TCGLabel *l = arg_label(cargs[1]);

    canonicalize(op);
    int known = cond_known(c, (TCGCond)cargs[0], op->type, op_in(op, 0),
                           op_in(op, 1));

    if (known == 0 || jumps_to_next(c->s, idx, l)) {
        tcg_op_remove(c->s, op);
        return;
    }
    clear_pending(c);
    if (known == 1) {
        op->opc = INDEX_op_br;
        op->nb_iargs = 0;
        op->nb_cargs = 1;
        op->args[0] = label_arg(l);
        c->unreachable = true;
    }
}

/* Labels' refs from the ops themselves (the emitters' counts are not
 * trusted: every br and brcond counts once). */
static void recount_label_refs(TCGContext *s)
{
    for (int k = 0; k < s->nb_ops; k++) {
        TCGOp *op = &s->ops[k];
        if (op->opc == INDEX_op_set_label || op->opc == INDEX_op_br) {
            arg_label(op->args[0])->refs = 0;
        } else if (op->opc == INDEX_op_brcond) {
            arg_label(op->args[3])->refs = 0;
        }
    }
    for (int k = 0; k < s->nb_ops; k++) {
        TCGOp *op = &s->ops[k];
        if (op->opc == INDEX_op_br) {
            arg_label(op->args[0])->refs++;
        } else if (op->opc == INDEX_op_brcond) {
            arg_label(op->args[3])->refs++;
        }
    }
}

/* Ops after an unconditional exit, up to the next referenced label.
 * insn_start stays so the guest instruction count is unchanged. */
static bool skip_unreachable(OptContext *c, TCGOp *op)
{
    if (op->opc == INDEX_op_set_label && arg_label(op->args[0])->refs > 0) {
        c->unreachable = false;
        return false;
    }
    if (op->opc != INDEX_op_insn_start) {
        tcg_op_remove(c->s, op);
    }
    return true;
}

/* ---- the pass ---- */

static void finish_mov(OptContext *c, int idx)
{
    TCGOp *op = &c->s->ops[idx];
    TCGTemp *d = arg_temp(op->args[0]), *src = arg_temp(op->args[1]);
    OptTemp *di = ot(c, d), *si = ot(c, src);

    if (same_value(c, d, src) ||
        (is_const(src) && fully_known(di) && di->o == const_val(src))) {
        tcg_op_remove(c->s, op);
        return;
    }
    note_write(c, idx, d);
    temp_reset(c, d);
    di->z = si->z;
    di->o = si->o;
    if (!is_const(src)) {
        di->def_opc = si->def_opc;
        di->def_src = si->def_src;
        di->def_src_version = si->def_src_version;
        copy_link(c, d, src);
    }
}

/* Records the outputs of a non-mov op. */
static void finish_outputs(OptContext *c, int idx)
{
    TCGOp *op = &c->s->ops[idx];
    Bits r = { 0, 0 };
    TCGTemp *src = op->nb_iargs ? op_in(op, 0) : NULL;
    uint32_t src_version = src ? ot(c, src)->version : 0;

    if (op->nb_oargs == 1) {
        r = compute_bits(c, op);
    }
    for (int k = 0; k < op->nb_oargs; k++) {
        TCGTemp *t = arg_temp(op->args[k]);
        if (op->opc == INDEX_op_discard) {
            note_read(c, t);    /* conservative: keep earlier stores */
        } else {
            note_write(c, idx, t);
        }
        temp_reset(c, t);
    }
    if (op->nb_oargs == 1 && op->opc != INDEX_op_discard) {
        OptTemp *i = ot(c, arg_temp(op->args[0]));
        i->z = r.z;
        i->o = r.o;
        if (op->opc == INDEX_op_not || op->opc == INDEX_op_neg) {
            i->def_opc = op->opc;
            i->def_src = src;
            i->def_src_version = src_version;
        }
    }
}

/* Pure ops computing one value: their result may be replaced. */
static bool is_value_op(const TCGOp *op)
{
    unsigned fl = tcg_op_defs[op->opc].flags;
    return op->nb_oargs >= 1 && op->opc != INDEX_op_call &&
           op->opc != INDEX_op_discard && op->opc != INDEX_op_ld &&
           !(fl & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_CALL));
}

static const TCGHelperInfo *call_info(const TCGOp *op)
{
    return (const TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
}

/* Globals are synced (read) before faults, global-reading calls, exits and
 * host memory accesses (which may alias a global's field). */
static bool op_syncs_globals(const TCGOp *op)
{
    unsigned fl = tcg_op_defs[op->opc].flags;
    if (op->opc == INDEX_op_call) {
        return call_info(op)->flags & TCG_CALL_READS_GLOBALS;
    }
    return (fl & (TCG_OPF_BB_END | TCG_OPF_MAY_FAULT)) ||
           op->opc == INDEX_op_ld || op->opc == INDEX_op_st ||
           op->opc == INDEX_op_mb;
}

static bool call_writes_globals(const TCGOp *op)
{
    return (call_info(op)->flags & TCG_CALL_WRITES_GLOBALS) ==
           TCG_CALL_WRITES_GLOBALS;
}

/* ---- store-to-load forwarding on the CPU state ---- */

/* A plain access of the type's full width: no extension, no byte swap. */
static bool mem_plain(const TCGOp *op, TCGArg mo)
{
    unsigned size = 1u << (mo & MO_SIZE);
    return !(mo & (MO_SIGN | MO_BSWAP)) && size == width_bits(op->type) / 8;
}

static void mem_forget_overlap(OptContext *c, intptr_t off, unsigned size)
{
    int n = 0;
    for (int i = 0; i < c->nb_mem; i++) {
        OptMem *m = &c->mem[i];
        if (m->off + (intptr_t)m->size <= off || off + (intptr_t)size <= m->off) {
            c->mem[n++] = *m;
        }
    }
    c->nb_mem = n;
}

/* st val, base, off, mo: remember it if base is env; a store through any
 * other pointer may write anywhere, so then forget everything. */
static void mem_note_store(OptContext *c, const TCGOp *op)
{
    TCGTemp *val = arg_temp(op->args[0]), *base = arg_temp(op->args[1]);
    intptr_t off = (intptr_t)op->args[2];
    TCGArg mo = op->args[3];

    if (base != c->s->env) {
        c->nb_mem = 0;
        return;
    }
    mem_forget_overlap(c, off, 1u << (mo & MO_SIZE));
    if (!mem_plain(op, mo)) {
        return;
    }
    if (c->nb_mem == OPT_MAX_MEM) {
        memmove(&c->mem[0], &c->mem[1], sizeof(c->mem[0]) * (OPT_MAX_MEM - 1));
        c->nb_mem--;
    }
    c->mem[c->nb_mem++] = (OptMem){
        .off = off, .size = 1u << (mo & MO_SIZE), .type = op->type,
        .val = val, .version = ot(c, val)->version,
    };
}

/* ld d, env, off, mo of a field stored earlier: becomes mov d, val. */
static bool mem_forward_load(OptContext *c, TCGOp *op)
{
    TCGTemp *base = arg_temp(op->args[1]);
    intptr_t off = (intptr_t)op->args[2];
    TCGArg mo = op->args[3];

    if (base != c->s->env || !mem_plain(op, mo)) {
        return false;
    }
    for (int i = 0; i < c->nb_mem; i++) {
        OptMem *m = &c->mem[i];
        if (m->off == off && m->size == (1u << (mo & MO_SIZE)) &&
            m->type == op->type && ot(c, m->val)->version == m->version) {
            to_mov(op, m->val);
            return true;
        }
    }
    return false;
}

/* Handles op `idx`; returns false if the same index must be seen again. */
static bool optimize_op(OptContext *c, int idx)
{
    TCGOp *op = &c->s->ops[idx];
    bool again;

    switch (op->opc) {
    case INDEX_op_set_label:
        if (arg_label(op->args[0])->refs == 0) {
            tcg_op_remove(c->s, op);
        } else {
            reset_all(c);
            clear_pending(c);
            c->nb_mem = 0;
        }
        return true;
    case INDEX_op_insn_start:
        return true;
    case INDEX_op_br:
        if (jumps_to_next(c->s, idx, arg_label(op->args[0]))) {
            tcg_op_remove(c->s, op);
            return true;
        }
        clear_pending(c);
        c->unreachable = true;
        return true;
    default:
        break;
    }

    rewrite_inputs(c, op);
    if (op->opc == INDEX_op_ld && mem_forward_load(c, op)) {
        finish_mov(c, idx);
        return true;
    }
    if (op->opc == INDEX_op_st) {
        mem_note_store(c, op);
    } else if (op->opc == INDEX_op_call || op->opc == INDEX_op_x87 ||
               op->opc == INDEX_op_x87_guest ||
               op->opc == INDEX_op_sse) {
        c->nb_mem = 0;          /* helpers, x87 and SSE ops may write the CPU state */
    }
    if (op->opc == INDEX_op_brcond) {
        optimize_brcond(c, idx);
        return true;
    }
    if (is_value_op(op)) {
        if (fold_constant(c, idx, &again) && again) {
            return false;
        }
        op = &c->s->ops[idx];
        for (int n = 0; n < 4 && op->opc != INDEX_op_mov && simplify(c, op); n++) {
        }
        if (op->opc != INDEX_op_mov && op->nb_oargs == 1) {
            Bits r = compute_bits(c, op);
            if ((r.z | r.o) == ~0ull) {
                to_movi(op, r.o);
            }
        }
        if (op->opc == INDEX_op_mov) {
            finish_mov(c, idx);
            return true;
        }
    }
    if (op_syncs_globals(op)) {
        clear_pending(c);
    }
    finish_outputs(c, idx);
    if (op->opc == INDEX_op_call && call_writes_globals(op)) {
        clear_pending(c);
        reset_globals(c);
    }
    if (op->opc == INDEX_op_exit_tb || op->opc == INDEX_op_goto_ptr) {
        c->unreachable = true;
    }
    return true;
}

/* After the pass: branches that became jumps to the next op, and labels
 * left without references. */
static void cleanup_branches(TCGContext *s)
{
    for (int idx = 0; idx < s->nb_ops; idx++) {
        TCGOp *op = &s->ops[idx];
        if (op->opc == INDEX_op_br && jumps_to_next(s, idx, arg_label(op->args[0]))) {
            tcg_op_remove(s, op);
        }
    }
    for (int idx = 0; idx < s->nb_ops; idx++) {
        TCGOp *op = &s->ops[idx];
        if (op->opc == INDEX_op_set_label && arg_label(op->args[0])->refs == 0) {
            tcg_op_remove(s, op);
        }
    }
}

void tcg_optimize(TCGContext *s)
{
    OptContext c = {
        .s = s,
        .info = tcg_pool_alloc(s, TCG_MAX_TEMPS * sizeof(OptTemp)),
        .pending = tcg_pool_alloc(s, (size_t)(s->nb_ops + 1) * sizeof(TCGTemp *)),
        .pending_cap = s->nb_ops + 1,
    };

    recount_label_refs(s);
    for (int idx = 0; idx < s->nb_ops; idx++) {
        TCGOp *op = &s->ops[idx];
        if (op->opc == INDEX_op_nop) {
            continue;
        }
        if (c.unreachable && skip_unreachable(&c, op)) {
            continue;
        }
        if (!optimize_op(&c, idx)) {
            idx--;
        }
    }
    cleanup_branches(s);
}
