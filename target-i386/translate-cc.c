/*
 * Lazy condition codes at translation time: recording the operands of
 * flag-setting instructions, and turning a condition (Jcc/SETcc/CMOVcc)
 * into one setcond/brcond when the last operation is known.
 */
#include "target-i386/translate-int.h"

static int x86_cc_fields(int cc_op);

void x86_set_cc_op(DisasContext *s, int cc_op)
{
    s->cc_op_at_entry = false;
    s->cc_discarded &= ~x86_cc_fields(cc_op);
    if (cc_op == CC_OP_DYNAMIC) {
        s->cc_op = CC_OP_DYNAMIC;
        s->cc_op_dirty = false;
        return;
    }
    if (s->cc_op != cc_op) {
        s->cc_op = cc_op;
        s->cc_op_dirty = true;
    }
}

static int x86_cc_group(int cc_op, MemOp *ot);
static int x86_cc_kind_fields(int op_base);

/* A known cc_op with a CC_OP_CO_ANY bit (CF/OF from cc_co)? */
static bool x86_cc_is_co(int cc_op)
{
    return cc_op != CC_OP_DYNAMIC && (cc_op & CC_OP_CO_ANY);
}

void x86_gen_rot_co(TCGv_i32 dst, TCGv_i32 res, bool left)
{
    TCGv_i32 cf = tcg_temp_new_i32(), of = tcg_temp_new_i32();
    if (left) {
        tcg_gen_andi_i32(cf, res, 1);
        tcg_gen_shri_i32(of, res, 31);
    } else {
        tcg_gen_shri_i32(cf, res, 31);
        tcg_gen_extract_i32(of, res, 30, 1);
    }
    tcg_gen_xor_i32(of, of, cf);
    tcg_gen_shli_i32(of, of, 11);
    tcg_gen_or_i32(dst, of, cf);
}

/* CF and OF of a known CC_OP_CO_ANY state as EFLAGS bits: cc_co itself
 * in the CC_OP_CO form, computed from the rotate result otherwise. */
static TCGv_i32 x86_cc_co_bits(int cc_op)
{
    if (!(cc_op & (CC_OP_CO_ROL | CC_OP_CO_ROR))) {
        return x86_cc_co;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    x86_gen_rot_co(t, x86_cc_co, (cc_op & CC_OP_CO_ROL) != 0);
    return t;
}

/* A known rotate-result state becomes the CC_OP_CO form (cc_co holding
 * the CF/OF bits), for writers that keep or merge the old CF/OF. */
static void x86_cc_co_materialize(DisasContext *s)
{
    if (x86_cc_is_co(s->cc_op) && !(s->cc_op & CC_OP_CO)) {
        tcg_gen_mov_i32(x86_cc_co, x86_cc_co_bits(s->cc_op));
        x86_set_cc_op(s, (s->cc_op & ~CC_OP_CO_ANY) | CC_OP_CO);
    }
}

/* Which of cc_dst (1), cc_src (2), cc_src2 (4), cc_co (8) a cc_op (or
 * a kind of cc_op) reads. */
static int x86_cc_fields(int cc_op)
{
    if (cc_op == CC_OP_DYNAMIC) {
        return 15;
    }
    MemOp ot;
    int co = (cc_op & CC_OP_CO_ANY) ? 8 : 0;
    return co | x86_cc_kind_fields(x86_cc_group(cc_op, &ot));
}

/* The fields of a kind without the CC_OP_CO bit. */
static int x86_cc_kind_fields(int op_base)
{
    switch (op_base) {
    case CC_OP_EFLAGS:
        return 2;
    case CC_OP_LOGIC:
        return 1;
    case CC_OP_ADC:
    case CC_OP_SUB:
    case CC_OP_SBB:
        return 7;
    case CC_OP_CMP:
        return 6;
    default:
        return 3;
    }
}

/* The fields the new state does not read are dead: liveness may drop
 * what computed them (e.g. a CF helper call feeding an INC). */
static void x86_discard_unused_cc(DisasContext *s, int cc_op)
{
    int unused = ~x86_cc_fields(cc_op) & 15;
    int todo = unused & ~s->cc_discarded;
    if (todo & 1) {
        tcg_gen_discard_i32(x86_cc_dst);
    }
    if (todo & 2) {
        tcg_gen_discard_i32(x86_cc_src);
    }
    if (todo & 4) {
        tcg_gen_discard_i32(x86_cc_src2);
    }
    if (todo & 8) {
        tcg_gen_discard_i32(x86_cc_co);
    }
    s->cc_discarded |= unused;
}

void x86_set_cc(DisasContext *s, int op_base, MemOp ot, TCGv_i32 dst,
                TCGv_i32 src, TCGv_i32 src2)
{
    if (dst) {
        tcg_gen_mov_i32(x86_cc_dst, dst);
    }
    if (src) {
        tcg_gen_mov_i32(x86_cc_src, src);
    }
    if (src2) {
        tcg_gen_mov_i32(x86_cc_src2, src2);
    }
    x86_set_cc_op(s, op_base + (op_base == CC_OP_EFLAGS ? 0 : (int)ot));
    x86_discard_unused_cc(s, op_base);
}

void x86_set_cc_eflags(DisasContext *s, TCGv_i32 flags)
{
    tcg_gen_mov_i32(x86_cc_src, flags);
    x86_set_cc_op(s, CC_OP_EFLAGS);
    x86_discard_unused_cc(s, CC_OP_EFLAGS);
}

/* The cc_op as an IR value (constant when known). */
static TCGv_i32 x86_cc_op_value(DisasContext *s)
{
    if (s->cc_op == CC_OP_DYNAMIC) {
        return x86_cc_op;
    }
    return tcg_constant_i32(s->cc_op);
}

/*
 * Speculating on the cc_op a block is entered with: when it is not known
 * at translation time, the one env holds while the block is translated
 * (its first run) is the likely one. Flag readers then test env->cc_op
 * against it and use the specialised form, or the helper if it differs.
 * Returns CC_OP_DYNAMIC when there is nothing to guess.
 */
static int x86_cc_entry_guess(DisasContext *s)
{
    if (s->cc_op != CC_OP_DYNAMIC || !s->cc_op_at_entry) {
        return CC_OP_DYNAMIC;
    }
    uint32_t op = ((CPUX86State *)s->cpu)->cc_op;
    uint32_t co = op & CC_OP_CO_ANY;
    uint32_t base = op & ~(uint32_t)CC_OP_CO_ANY;
    if (base >= CC_OP_NB || (co && base == CC_OP_EFLAGS) || (co & (co - 1))) {
        return CC_OP_DYNAMIC;
    }
    return (int)op;
}

/* Starts a speculated reader: branches to *slow unless env->cc_op is
 * guess, and makes guess the known cc_op for the fast path. */
static void x86_cc_guess_begin(DisasContext *s, int guess, TCGLabel **slow,
                               TCGLabel **done)
{
    *slow = gen_new_label();
    *done = gen_new_label();
    tcg_gen_brcondi_i32(TCG_COND_NE, x86_cc_op, guess, *slow);
    s->cc_op = guess;
}

/* Ends the fast path and starts the slow one (cc_op unknown again). */
static void x86_cc_guess_slow(DisasContext *s, TCGLabel *slow, TCGLabel *done)
{
    tcg_gen_br(done);
    gen_set_label(slow);
    s->cc_op = CC_OP_DYNAMIC;
}

/* The six flags of the current state into t (helper call), state kept. */
static void x86_gen_flags_value(DisasContext *s, TCGv_i32 t)
{
    int used = x86_cc_fields(s->cc_op);
    TCGv_i32 zero = tcg_constant_i32(0);
    tcg_gen_call5(&x86_helper_info_cc_compute_all, tcgv_i32_temp(t),
                  x86_cc_op_value(s), (used & 1) ? x86_cc_dst : zero,
                  (used & 2) ? x86_cc_src : zero, (used & 4) ? x86_cc_src2 : zero,
                  (used & 8) ? x86_cc_co : zero);
}

void x86_gen_compute_eflags(DisasContext *s)
{
    if (s->cc_op == CC_OP_EFLAGS) {
        return;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    x86_gen_flags_value(s, t);
    tcg_gen_mov_i32(x86_cc_src, t);
    x86_set_cc_op(s, CC_OP_EFLAGS);
    x86_discard_unused_cc(s, CC_OP_EFLAGS);
    if (!s->insn_accessed) {
        /* A fault in a later access of this insn (SETcc, PUSHF to memory)
         * must restore the EFLAGS form now in cc_src: env->cc_op says it. */
        tcg_gen_movi_i32(x86_cc_op, CC_OP_EFLAGS);
        s->cc_op_dirty = false;
        x86_insn_cc_op_in_env(s);
    }
}

/* Splits a sized cc_op into its group and size (the CC_OP_CO bit
 * dropped); unsized ones return as is. */
static int x86_cc_group(int cc_op, MemOp *ot)
{
    *ot = MO_32;
    if (cc_op != CC_OP_DYNAMIC) {
        cc_op &= ~CC_OP_CO_ANY;
    }
    if (cc_op <= CC_OP_EFLAGS || cc_op >= CC_OP_NB) {
        return cc_op;
    }
    *ot = (MemOp)((cc_op - CC_OP_ADD) % 3);
    return cc_op - (int)*ot;
}

/* v extended from size ot, as a temp (or v itself for MO_32). */
static TCGv_i32 x86_cc_ext(MemOp ot, TCGv_i32 v, bool sign)
{
    if (ot == MO_32) {
        return v;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    x86_gen_ext(ot, t, v, sign);
    return t;
}

/*
 * The result of the operation of a known state: cc_dst, or for CMP (which
 * does not keep it) src2 - src in a temp, *group becoming SUB, whose
 * specialised forms then apply as they are.
 */
static TCGv_i32 x86_cc_result(int *group)
{
    if (*group != CC_OP_CMP) {
        return x86_cc_dst;
    }
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_sub_i32(r, x86_cc_src2, x86_cc_src);
    *group = CC_OP_SUB;
    return r;
}

/*
 * ADC/SBB: the exact result a + b + cin (ADC) or a - b - cin (SBB) in
 * 64 bits, a and b extended from ot (signed or not); a is recovered from
 * the result (cc_dst), b = cc_src, cin = cc_src2.
 */
static TCGv_i64 x86_cc_wide_result(int group, MemOp ot, bool sign)
{
    TCGv_i32 a = tcg_temp_new_i32();
    if (group == CC_OP_ADC) {
        tcg_gen_sub_i32(a, x86_cc_dst, x86_cc_src);
        tcg_gen_sub_i32(a, a, x86_cc_src2);
    } else {
        tcg_gen_add_i32(a, x86_cc_dst, x86_cc_src);
        tcg_gen_add_i32(a, a, x86_cc_src2);
    }
    TCGv_i32 ae = x86_cc_ext(ot, a, sign), be = x86_cc_ext(ot, x86_cc_src, sign);
    TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();
    if (sign) {
        tcg_gen_ext_i32_i64(t, ae);
        tcg_gen_ext_i32_i64(u, be);
    } else {
        tcg_gen_extu_i32_i64(t, ae);
        tcg_gen_extu_i32_i64(u, be);
    }
    if (group == CC_OP_ADC) {
        tcg_gen_add_i64(t, t, u);
    } else {
        tcg_gen_sub_i64(t, t, u);
    }
    tcg_gen_extu_i32_i64(u, x86_cc_src2);
    if (group == CC_OP_ADC) {
        tcg_gen_add_i64(t, t, u);
    } else {
        tcg_gen_sub_i64(t, t, u);
    }
    return t;
}

/* CF (0/1) of an ADC/SBB state: a carry out of bit ot, or a borrow. */
static void x86_cc_adc_carry(int group, MemOp ot, TCGv_i32 dst)
{
    TCGv_i64 t = x86_cc_wide_result(group, ot, false);
    TCGv_i64 c = tcg_temp_new_i64();
    if (group == CC_OP_ADC) {
        tcg_gen_setcondi_i64(TCG_COND_GEU, c, t, (int64_t)1 << (8 << ot));
    } else {
        tcg_gen_setcondi_i64(TCG_COND_LT, c, t, 0);
    }
    tcg_gen_extrl_i64_i32(dst, c);
}

/* SF != OF (0/1) of an ADC/SBB state: the exact signed result is < 0. */
static void x86_cc_adc_less(int group, MemOp ot, TCGv_i32 dst)
{
    TCGv_i64 t = x86_cc_wide_result(group, ot, true);
    TCGv_i64 c = tcg_temp_new_i64();
    tcg_gen_setcondi_i64(TCG_COND_LT, c, t, 0);
    tcg_gen_extrl_i64_i32(dst, c);
}

/* OF (0/1) of an ADC/SBB state: the exact signed result does not fit. */
static void x86_cc_adc_overflow(int group, MemOp ot, TCGv_i32 dst)
{
    TCGv_i64 t = x86_cc_wide_result(group, ot, true);
    TCGv_i64 c = tcg_temp_new_i64();
    int bits = 8 << ot;
    tcg_gen_addi_i64(c, t, (int64_t)1 << (bits - 1));
    tcg_gen_setcondi_i64(TCG_COND_GEU, c, c, (int64_t)1 << bits);
    tcg_gen_extrl_i64_i32(dst, c);
}

static void x86_gen_compute_c_known(DisasContext *s, TCGv_i32 dst);

void x86_gen_compute_c(DisasContext *s, TCGv_i32 dst)
{
    int guess = x86_cc_entry_guess(s);
    if (guess == CC_OP_DYNAMIC) {
        x86_gen_compute_c_known(s, dst);
        return;
    }
    TCGLabel *slow = NULL, *done = NULL;
    TCGv_i32 t = tcg_temp_new_i32();
    x86_cc_guess_begin(s, guess, &slow, &done);
    x86_gen_compute_c_known(s, t);
    x86_cc_guess_slow(s, slow, done);
    x86_gen_compute_c_known(s, t);
    gen_set_label(done);
    tcg_gen_mov_i32(dst, t);
}

/* CF of the current state (a helper call when the cc_op is unknown). */
static void x86_gen_compute_c_known(DisasContext *s, TCGv_i32 dst)
{
    MemOp ot;
    int group = x86_cc_group(s->cc_op, &ot);
    if (x86_cc_is_co(s->cc_op)) {
        if (s->cc_op & CC_OP_CO_ROL) {
            tcg_gen_andi_i32(dst, x86_cc_co, 1);
        } else if (s->cc_op & CC_OP_CO_ROR) {
            tcg_gen_shri_i32(dst, x86_cc_co, 31);
        } else {
            tcg_gen_andi_i32(dst, x86_cc_co, CC_C);
        }
        return;
    }
    switch (group) {
    case CC_OP_EFLAGS:
        tcg_gen_andi_i32(dst, x86_cc_src, CC_C);
        return;
    case CC_OP_SUB:
    case CC_OP_CMP:
        tcg_gen_setcond_i32(TCG_COND_LTU, dst, x86_cc_ext(ot, x86_cc_src2, false),
                            x86_cc_ext(ot, x86_cc_src, false));
        return;
    case CC_OP_ADD:
        tcg_gen_setcond_i32(TCG_COND_LTU, dst, x86_cc_ext(ot, x86_cc_dst, false),
                            x86_cc_ext(ot, x86_cc_src, false));
        return;
    case CC_OP_ADC:
    case CC_OP_SBB:
        x86_cc_adc_carry(group, ot, dst);
        return;
    case CC_OP_LOGIC:
        tcg_gen_movi_i32(dst, 0);
        return;
    case CC_OP_INC:
    case CC_OP_DEC:
        tcg_gen_mov_i32(dst, x86_cc_src);
        return;
    case CC_OP_SHL:
        tcg_gen_extract_i32(dst, x86_cc_src, (8 << ot) - 1, 1);
        return;
    case CC_OP_SAR:
        tcg_gen_andi_i32(dst, x86_cc_src, 1);
        return;
    case CC_OP_MUL:
        tcg_gen_setcondi_i32(TCG_COND_NE, dst, x86_cc_src, 0);
        return;
    default:
        tcg_gen_call5(&x86_helper_info_cc_compute_c, tcgv_i32_temp(dst),
                      x86_cc_op_value(s), x86_cc_dst, x86_cc_src, x86_cc_src2,
                      x86_cc_co);
        return;
    }
}

/* A condition as cond(a, b). */
typedef struct X86CCPrep {
    TCGCond cond;
    TCGv_i32 a, b;
} X86CCPrep;

static X86CCPrep x86_prep(TCGCond c, TCGv_i32 a, TCGv_i32 b)
{
    X86CCPrep p = { c, a, b };
    return p;
}

static X86CCPrep x86_prep_flag(TCGv_i32 flags, uint32_t mask)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_andi_i32(t, flags, mask);
    return x86_prep(TCG_COND_NE, t, tcg_constant_i32(0));
}

/* Conditions from a CC_OP_EFLAGS value. */
static X86CCPrep x86_prep_eflags(TCGv_i32 f, int jcc)
{
    TCGv_i32 t;
    switch (jcc) {
    case 0: return x86_prep_flag(f, CC_O);
    case 1: return x86_prep_flag(f, CC_C);
    case 2: return x86_prep_flag(f, CC_Z);
    case 3: return x86_prep_flag(f, CC_C | CC_Z);
    case 4: return x86_prep_flag(f, CC_S);
    case 5: return x86_prep_flag(f, CC_P);
    case 6:  /* SF != OF: bit 7 of f ^ (f >> 4) */
        t = tcg_temp_new_i32();
        tcg_gen_shri_i32(t, f, 4);
        tcg_gen_xor_i32(t, t, f);
        return x86_prep_flag(t, CC_S);
    default: /* ZF or SF != OF */
        t = tcg_temp_new_i32();
        tcg_gen_shri_i32(t, f, 4);
        tcg_gen_xor_i32(t, t, f);
        tcg_gen_andi_i32(t, t, CC_S);
        TCGv_i32 z = tcg_temp_new_i32();
        tcg_gen_andi_i32(z, f, CC_Z);
        tcg_gen_or_i32(t, t, z);
        return x86_prep(TCG_COND_NE, t, tcg_constant_i32(0));
    }
}

/* PF from a result: set when the low byte has an even number of ones. */
static X86CCPrep x86_prep_parity(TCGv_i32 dst)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_ext8u_i32(t, dst);
    tcg_gen_ctpop_i32(t, t);
    tcg_gen_andi_i32(t, t, 1);
    return x86_prep(TCG_COND_EQ, t, tcg_constant_i32(0));
}

/* OF from the operands of a known operation (false: not specialised). */
static bool x86_prep_overflow(int group, MemOp ot, TCGv_i32 res, X86CCPrep *p)
{
    TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
    TCGv_i32 zero = tcg_constant_i32(0);
    uint32_t sign = 1u << ((8 << ot) - 1);
    switch (group) {
    case CC_OP_SUB:     /* (a ^ b) & (a ^ r) */
        tcg_gen_xor_i32(t, x86_cc_src2, x86_cc_src);
        tcg_gen_xor_i32(u, x86_cc_src2, res);
        tcg_gen_and_i32(t, t, u);
        break;
    case CC_OP_ADD:     /* (a ^ r) & (b ^ r) with a = r - b */
        tcg_gen_sub_i32(t, res, x86_cc_src);
        tcg_gen_xor_i32(t, t, res);
        tcg_gen_xor_i32(u, x86_cc_src, res);
        tcg_gen_and_i32(t, t, u);
        break;
    case CC_OP_SHL:
    case CC_OP_SAR:     /* msb(src ^ dst) */
        tcg_gen_xor_i32(t, x86_cc_src, res);
        break;
    case CC_OP_INC:
    case CC_OP_DEC:
        *p = x86_prep(TCG_COND_EQ, x86_cc_ext(ot, res, false),
                      tcg_constant_i32(group == CC_OP_INC ? sign : sign - 1));
        return true;
    case CC_OP_MUL:
        *p = x86_prep(TCG_COND_NE, x86_cc_src, zero);
        return true;
    case CC_OP_LOGIC:
        *p = x86_prep(TCG_COND_NEVER, zero, zero);
        return true;
    default:
        return false;
    }
    tcg_gen_andi_i32(t, t, sign);
    *p = x86_prep(TCG_COND_NE, t, zero);
    return true;
}

/* Conditions of a CC_OP_CO state: SF ZF PF from cc_dst (every kind but
 * EFLAGS computes them from the result), CF OF from cc_co. */
static bool x86_prep_co(DisasContext *s, int jcc, X86CCPrep *p)
{
    MemOp ot;
    int group = x86_cc_group(s->cc_op, &ot);
    TCGv_i32 zero = tcg_constant_i32(0);
    TCGv_i32 t, u;
    if (group == CC_OP_EFLAGS) {
        return false;
    }
    TCGv_i32 res = x86_cc_result(&group);
    TCGv_i32 co = (jcc == 2 || jcc == 4 || jcc == 5) ? NULL : x86_cc_co_bits(s->cc_op);
    switch (jcc) {
    case 0:
        *p = x86_prep_flag(co, CC_O);
        return true;
    case 1:
        *p = x86_prep_flag(co, CC_C);
        return true;
    case 2:
        *p = x86_prep(TCG_COND_EQ, x86_cc_ext(ot, res, false), zero);
        return true;
    case 3:     /* CF or ZF */
        t = tcg_temp_new_i32();
        tcg_gen_setcond_i32(TCG_COND_EQ, t, x86_cc_ext(ot, res, false), zero);
        u = tcg_temp_new_i32();
        tcg_gen_andi_i32(u, co, CC_C);
        tcg_gen_or_i32(t, t, u);
        *p = x86_prep(TCG_COND_NE, t, zero);
        return true;
    case 4:
        *p = x86_prep(TCG_COND_LT, x86_cc_ext(ot, res, true), zero);
        return true;
    case 5:
        *p = x86_prep_parity(res);
        return true;
    default:    /* SF != OF (6), or that or ZF (7) */
        t = tcg_temp_new_i32();
        tcg_gen_extract_i32(t, res, (8 << ot) - 1, 1);
        u = tcg_temp_new_i32();
        tcg_gen_extract_i32(u, co, 11, 1);
        tcg_gen_xor_i32(t, t, u);
        if (jcc == 7) {
            tcg_gen_setcond_i32(TCG_COND_EQ, u, x86_cc_ext(ot, res, false),
                                zero);
            tcg_gen_or_i32(t, t, u);
        }
        *p = x86_prep(TCG_COND_NE, t, zero);
        return true;
    }
}

/* Conditions of an ADC/SBB state. */
static bool x86_prep_adc(int group, MemOp ot, int jcc, X86CCPrep *p)
{
    TCGv_i32 zero = tcg_constant_i32(0);
    TCGv_i32 t = tcg_temp_new_i32();
    switch (jcc) {
    case 0:
        x86_cc_adc_overflow(group, ot, t);
        break;
    case 1:
    case 3:
        x86_cc_adc_carry(group, ot, t);
        break;
    case 2:
        *p = x86_prep(TCG_COND_EQ, x86_cc_ext(ot, x86_cc_dst, false), zero);
        return true;
    case 4:
        *p = x86_prep(TCG_COND_LT, x86_cc_ext(ot, x86_cc_dst, true), zero);
        return true;
    case 5:
        *p = x86_prep_parity(x86_cc_dst);
        return true;
    default:
        x86_cc_adc_less(group, ot, t);
        break;
    }
    if (jcc == 3 || jcc == 7) {
        TCGv_i32 z = tcg_temp_new_i32();
        tcg_gen_setcond_i32(TCG_COND_EQ, z, x86_cc_ext(ot, x86_cc_dst, false), zero);
        tcg_gen_or_i32(t, t, z);
    }
    *p = x86_prep(TCG_COND_NE, t, zero);
    return true;
}

/* Tries the specialised forms; returns false to use the EFLAGS form. */
static bool x86_prep_known(DisasContext *s, int jcc, X86CCPrep *p)
{
    MemOp ot;
    int group = x86_cc_group(s->cc_op, &ot);
    TCGv_i32 zero = tcg_constant_i32(0);
    if (x86_cc_is_co(s->cc_op)) {
        return x86_prep_co(s, jcc, p);
    }
    if (group == CC_OP_EFLAGS || group == CC_OP_DYNAMIC) {
        return false;
    }
    if (group == CC_OP_CMP && jcc == 2) {   /* ZF: the operands are equal */
        *p = x86_prep(TCG_COND_EQ, x86_cc_ext(ot, x86_cc_src2, false),
                      x86_cc_ext(ot, x86_cc_src, false));
        return true;
    }
    if (group == CC_OP_CMP && (jcc == 1 || jcc == 3 || jcc >= 6)) {
        group = CC_OP_SUB;  /* the SUB forms below read only src, src2 */
    }
    TCGv_i32 res = x86_cc_result(&group);
    if (group == CC_OP_ADC || group == CC_OP_SBB) {
        return x86_prep_adc(group, ot, jcc, p);
    }
    if (jcc == 0) {
        return x86_prep_overflow(group, ot, res, p);
    }
    if (jcc == 1 && (group == CC_OP_SHL || group == CC_OP_SAR || group == CC_OP_MUL)) {
        TCGv_i32 c = tcg_temp_new_i32();
        x86_gen_compute_c(s, c);
        *p = x86_prep(TCG_COND_NE, c, zero);
        return true;
    }
    switch (jcc) {
    case 2:
        *p = x86_prep(TCG_COND_EQ, x86_cc_ext(ot, res, false), zero);
        return true;
    case 4:
        *p = x86_prep(TCG_COND_LT, x86_cc_ext(ot, res, true), zero);
        return true;
    case 5:
        *p = x86_prep_parity(res);
        return true;
    default:
        break;
    }
    switch (group) {
    case CC_OP_SUB: {
        static const TCGCond conds[8] = {
            TCG_COND_NEVER, TCG_COND_LTU, TCG_COND_NEVER, TCG_COND_LEU,
            TCG_COND_NEVER, TCG_COND_NEVER, TCG_COND_LT, TCG_COND_LE,
        };
        if (conds[jcc] == TCG_COND_NEVER) {
            return false;
        }
        bool sign = jcc >= 6;
        *p = x86_prep(conds[jcc], x86_cc_ext(ot, x86_cc_src2, sign),
                      x86_cc_ext(ot, x86_cc_src, sign));
        return true;
    }
    case CC_OP_ADD:
        if (jcc != 1) {
            return false;
        }
        *p = x86_prep(TCG_COND_LTU, x86_cc_ext(ot, res, false),
                      x86_cc_ext(ot, x86_cc_src, false));
        return true;
    case CC_OP_LOGIC:
        switch (jcc) {
        case 0:
        case 1:
            *p = x86_prep(TCG_COND_NEVER, zero, zero);
            return true;
        case 3:
            *p = x86_prep(TCG_COND_EQ, x86_cc_ext(ot, res, false), zero);
            return true;
        case 6:
            *p = x86_prep(TCG_COND_LT, x86_cc_ext(ot, res, true), zero);
            return true;
        case 7:
            *p = x86_prep(TCG_COND_LE, x86_cc_ext(ot, res, true), zero);
            return true;
        default:
            return false;
        }
    case CC_OP_INC:
    case CC_OP_DEC:
        if (jcc != 1) {
            return false;
        }
        *p = x86_prep(TCG_COND_NE, x86_cc_src, zero);
        return true;
    default:
        return false;
    }
}

/* Condition b of the current state without changing the state (the
 * flags go through a temp when no specialised form applies). */
static X86CCPrep x86_prepare_cc_pure(DisasContext *s, int b)
{
    int jcc = (b >> 1) & 7;
    X86CCPrep p;
    if (!x86_prep_known(s, jcc, &p)) {
        TCGv_i32 f = x86_cc_src;
        if (s->cc_op != CC_OP_EFLAGS) {
            f = tcg_temp_new_i32();
            x86_gen_flags_value(s, f);
        }
        p = x86_prep_eflags(f, jcc);
    }
    if (b & 1) {
        p.cond = tcg_invert_cond(p.cond);
    }
    return p;
}

/* Condition b as 0/1 in dst, speculating on the entry cc_op. */
static bool x86_gen_setcc_guess(DisasContext *s, int b, TCGv_i32 dst)
{
    int guess = x86_cc_entry_guess(s);
    if (guess == CC_OP_DYNAMIC) {
        return false;
    }
    TCGLabel *slow = NULL, *done = NULL;
    TCGv_i32 t = tcg_temp_new_i32();
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 0) {
            x86_cc_guess_begin(s, guess, &slow, &done);
        } else {
            x86_cc_guess_slow(s, slow, done);
        }
        X86CCPrep p = x86_prepare_cc_pure(s, b);
        if (p.cond == TCG_COND_NEVER || p.cond == TCG_COND_ALWAYS) {
            tcg_gen_movi_i32(t, p.cond == TCG_COND_ALWAYS);
        } else {
            tcg_gen_setcond_i32(p.cond, t, p.a, p.b);
        }
    }
    gen_set_label(done);
    tcg_gen_mov_i32(dst, t);
    return true;
}

static X86CCPrep x86_prepare_cc(DisasContext *s, int b)
{
    int jcc = (b >> 1) & 7;
    X86CCPrep p;
    if (!x86_prep_known(s, jcc, &p)) {
        x86_gen_compute_eflags(s);
        p = x86_prep_eflags(x86_cc_src, jcc);
    }
    if (b & 1) {
        p.cond = tcg_invert_cond(p.cond);
    }
    return p;
}

void x86_gen_setcc(DisasContext *s, int b, TCGv_i32 dst)
{
    if (x86_gen_setcc_guess(s, b, dst)) {
        return;
    }
    X86CCPrep p = x86_prepare_cc(s, b);
    if (p.cond == TCG_COND_NEVER) {
        tcg_gen_movi_i32(dst, 0);
    } else if (p.cond == TCG_COND_ALWAYS) {
        tcg_gen_movi_i32(dst, 1);
    } else {
        tcg_gen_setcond_i32(p.cond, dst, p.a, p.b);
    }
}

void x86_gen_movcond(DisasContext *s, int b, TCGv_i32 dst, TCGv_i32 v1,
                     TCGv_i32 v2)
{
    TCGv_i32 c = tcg_temp_new_i32();
    if (x86_gen_setcc_guess(s, b, c)) {
        tcg_gen_movcond_i32(TCG_COND_NE, dst, c, tcg_constant_i32(0), v1, v2);
        return;
    }
    X86CCPrep p = x86_prepare_cc(s, b);
    if (p.cond == TCG_COND_NEVER) {
        tcg_gen_mov_i32(dst, v2);
    } else if (p.cond == TCG_COND_ALWAYS) {
        tcg_gen_mov_i32(dst, v1);
    } else {
        tcg_gen_movcond_i32(p.cond, dst, p.a, p.b, v1, v2);
    }
}

void x86_gen_jcc(DisasContext *s, int b, TCGLabel *l)
{
    int guess = x86_cc_entry_guess(s);
    if (guess != CC_OP_DYNAMIC) {
        TCGLabel *slow = NULL, *done = NULL;
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 0) {
                x86_cc_guess_begin(s, guess, &slow, &done);
            } else {
                x86_cc_guess_slow(s, slow, done);
            }
            X86CCPrep p = x86_prepare_cc_pure(s, b);
            if (p.cond == TCG_COND_ALWAYS) {
                tcg_gen_br(l);
            } else if (p.cond != TCG_COND_NEVER) {
                tcg_gen_brcond_i32(p.cond, p.a, p.b, l);
            }
        }
        gen_set_label(done);
        return;
    }
    X86CCPrep p = x86_prepare_cc(s, b);
    /* Both sides of the branch must see the same env->cc_op. */
    x86_gen_update_cc_op(s);
    if (p.cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (p.cond != TCG_COND_NEVER) {
        tcg_gen_brcond_i32(p.cond, p.a, p.b, l);
    }
}

void x86_gen_get_eflags(DisasContext *s, TCGv_i32 dst)
{
    x86_gen_compute_eflags(s);
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_ld_i32(t, tcg_env(), ENV_OFF(eflags), MO_32);
    tcg_gen_andi_i32(t, t, ~(uint32_t)(CC_ARITH_MASK | DF_MASK));
    tcg_gen_ori_i32(t, t, 0x2);
    tcg_gen_or_i32(dst, t, x86_cc_src);
    tcg_gen_sari_i32(t, x86_df, 31);
    tcg_gen_andi_i32(t, t, DF_MASK);
    tcg_gen_or_i32(dst, dst, t);
}

/* Replaces CF and OF by co (CC_C | CC_O bits, the rest 0), keeping SF ZF
 * AF PF: lazily (CC_OP_CO) unless the flags are already in EFLAGS form.
 * With count non-NULL nothing changes where count is 0 at run time. */
void x86_set_cc_co(DisasContext *s, TCGv_i32 co, TCGv_i32 count)
{
    TCGv_i32 zero = tcg_constant_i32(0);
    if (s->cc_op == CC_OP_EFLAGS) {
        TCGv_i32 f = tcg_temp_new_i32();
        tcg_gen_andi_i32(f, x86_cc_src, ~(uint32_t)(CC_C | CC_O));
        tcg_gen_or_i32(f, f, co);
        if (count) {
            tcg_gen_movcond_i32(TCG_COND_NE, f, count, zero, f, x86_cc_src);
        }
        x86_set_cc_eflags(s, f);
        return;
    }
    if (s->cc_op == CC_OP_DYNAMIC) {
        TCGv_i32 op = tcg_temp_new_i32();
        s->cc_op_at_entry = false;
        tcg_gen_andi_i32(op, x86_cc_op, ~(uint32_t)CC_OP_CO_ANY);
        tcg_gen_ori_i32(op, op, CC_OP_CO);
        if (count) {
            tcg_gen_movcond_i32(TCG_COND_NE, x86_cc_co, count, zero, co, x86_cc_co);
            tcg_gen_movcond_i32(TCG_COND_NE, x86_cc_op, count, zero, op, x86_cc_op);
        } else {
            tcg_gen_mov_i32(x86_cc_co, co);
            tcg_gen_mov_i32(x86_cc_op, op);
        }
        return;
    }
    if (count && !x86_cc_is_co(s->cc_op)) {
        /* The old CF/OF would be needed for a zero count. */
        x86_gen_compute_eflags(s);
        x86_set_cc_co(s, co, count);
        return;
    }
    if (count) {
        x86_cc_co_materialize(s);
        tcg_gen_movcond_i32(TCG_COND_NE, x86_cc_co, count, zero, co, x86_cc_co);
    } else {
        tcg_gen_mov_i32(x86_cc_co, co);
    }
    x86_set_cc_op(s, (s->cc_op & ~CC_OP_CO_ANY) | CC_OP_CO);
}

void x86_set_cc_rot(DisasContext *s, bool left, TCGv_i32 res, TCGv_i32 count)
{
    int kind = left ? CC_OP_CO_ROL : CC_OP_CO_ROR;
    if (count || s->cc_op == CC_OP_EFLAGS) {
        TCGv_i32 co = tcg_temp_new_i32();
        x86_gen_rot_co(co, res, left);
        x86_set_cc_co(s, co, count);
        return;
    }
    if (s->cc_op == CC_OP_DYNAMIC) {
        TCGv_i32 op = tcg_temp_new_i32();
        s->cc_op_at_entry = false;
        tcg_gen_andi_i32(op, x86_cc_op, ~(uint32_t)CC_OP_CO_ANY);
        tcg_gen_ori_i32(x86_cc_op, op, kind);
        tcg_gen_mov_i32(x86_cc_co, res);
        return;
    }
    tcg_gen_mov_i32(x86_cc_co, res);
    x86_set_cc_op(s, (s->cc_op & ~CC_OP_CO_ANY) | kind);
}

void x86_set_cc_cf(DisasContext *s, TCGv_i32 cf)
{
    MemOp ot;
    int group = x86_cc_group(s->cc_op, &ot);
    TCGv_i32 co = tcg_temp_new_i32();
    X86CCPrep p;
    if (x86_cc_is_co(s->cc_op)) {
        tcg_gen_andi_i32(co, x86_cc_co_bits(s->cc_op), CC_O);
        tcg_gen_or_i32(co, co, cf);
        tcg_gen_mov_i32(x86_cc_co, co);
        x86_set_cc_op(s, (s->cc_op & ~CC_OP_CO_ANY) | CC_OP_CO);
        return;
    }
    TCGv_i32 res = NULL;
    if (s->cc_op != CC_OP_DYNAMIC && group != CC_OP_EFLAGS) {
        res = x86_cc_result(&group);
    }
    if (res && x86_prep_overflow(group, ot, res, &p)) {
        if (p.cond == TCG_COND_NEVER) {
            tcg_gen_mov_i32(co, cf);
        } else {
            tcg_gen_setcond_i32(p.cond, co, p.a, p.b);
            tcg_gen_shli_i32(co, co, 11);
            tcg_gen_or_i32(co, co, cf);
        }
        x86_set_cc_co(s, co, NULL);
        return;
    }
    x86_gen_compute_eflags(s);
    TCGv_i32 f = tcg_temp_new_i32();
    tcg_gen_andi_i32(f, x86_cc_src, ~(uint32_t)CC_C);
    tcg_gen_or_i32(f, f, cf);
    x86_set_cc_eflags(s, f);
}
