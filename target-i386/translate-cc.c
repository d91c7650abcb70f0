/*
 * Lazy condition codes at translation time: recording the operands of
 * flag-setting instructions, and turning a condition (Jcc/SETcc/CMOVcc)
 * into one setcond/brcond when the last operation is known.
 */
#include "target-i386/translate-int.h"

void x86_set_cc_op(DisasContext *s, int cc_op)
{
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

/* Which of cc_dst (1), cc_src (2), cc_src2 (4) a kind of cc_op reads. */
static int x86_cc_fields(int op_base)
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
    case CC_OP_DYNAMIC:
        return 7;
    default:
        return 3;
    }
}

/* The fields the new state does not read are dead: liveness may drop
 * what computed them (e.g. a CF helper call feeding an INC). */
static void x86_discard_unused_cc(int op_base)
{
    int used = x86_cc_fields(op_base);
    if (!(used & 1)) {
        tcg_gen_discard_i32(x86_cc_dst);
    }
    if (!(used & 2)) {
        tcg_gen_discard_i32(x86_cc_src);
    }
    if (!(used & 4)) {
        tcg_gen_discard_i32(x86_cc_src2);
    }
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
    x86_discard_unused_cc(op_base);
}

void x86_set_cc_eflags(DisasContext *s, TCGv_i32 flags)
{
    tcg_gen_mov_i32(x86_cc_src, flags);
    x86_set_cc_op(s, CC_OP_EFLAGS);
    x86_discard_unused_cc(CC_OP_EFLAGS);
}

/* The cc_op as an IR value (constant when known). */
static TCGv_i32 x86_cc_op_value(DisasContext *s)
{
    if (s->cc_op == CC_OP_DYNAMIC) {
        return x86_cc_op;
    }
    return tcg_constant_i32(s->cc_op);
}

void x86_gen_compute_eflags(DisasContext *s)
{
    if (s->cc_op == CC_OP_EFLAGS) {
        return;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    MemOp ot;
    int used = x86_cc_fields(x86_cc_group(s->cc_op, &ot));
    TCGv_i32 zero = tcg_constant_i32(0);
    tcg_gen_call4(&x86_helper_info_cc_compute_all, tcgv_i32_temp(t),
                  x86_cc_op_value(s), (used & 1) ? x86_cc_dst : zero,
                  (used & 2) ? x86_cc_src : zero, (used & 4) ? x86_cc_src2 : zero);
    tcg_gen_mov_i32(x86_cc_src, t);
    x86_set_cc_op(s, CC_OP_EFLAGS);
    x86_discard_unused_cc(CC_OP_EFLAGS);
}

/* Splits a sized cc_op into its group and size; unsized ones return as is. */
static int x86_cc_group(int cc_op, MemOp *ot)
{
    *ot = MO_32;
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

void x86_gen_compute_c(DisasContext *s, TCGv_i32 dst)
{
    MemOp ot;
    int group = x86_cc_group(s->cc_op, &ot);
    switch (group) {
    case CC_OP_EFLAGS:
        tcg_gen_andi_i32(dst, x86_cc_src, CC_C);
        return;
    case CC_OP_SUB:
        tcg_gen_setcond_i32(TCG_COND_LTU, dst, x86_cc_ext(ot, x86_cc_src2, false),
                            x86_cc_ext(ot, x86_cc_src, false));
        return;
    case CC_OP_ADD:
        tcg_gen_setcond_i32(TCG_COND_LTU, dst, x86_cc_ext(ot, x86_cc_dst, false),
                            x86_cc_ext(ot, x86_cc_src, false));
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
        tcg_gen_call4(&x86_helper_info_cc_compute_c, tcgv_i32_temp(dst),
                      x86_cc_op_value(s), x86_cc_dst, x86_cc_src, x86_cc_src2);
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
static bool x86_prep_overflow(int group, MemOp ot, X86CCPrep *p)
{
    TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
    TCGv_i32 zero = tcg_constant_i32(0);
    uint32_t sign = 1u << ((8 << ot) - 1);
    switch (group) {
    case CC_OP_SUB:     /* (a ^ b) & (a ^ r) */
        tcg_gen_xor_i32(t, x86_cc_src2, x86_cc_src);
        tcg_gen_xor_i32(u, x86_cc_src2, x86_cc_dst);
        tcg_gen_and_i32(t, t, u);
        break;
    case CC_OP_ADD:     /* (a ^ r) & (b ^ r) with a = r - b */
        tcg_gen_sub_i32(t, x86_cc_dst, x86_cc_src);
        tcg_gen_xor_i32(t, t, x86_cc_dst);
        tcg_gen_xor_i32(u, x86_cc_src, x86_cc_dst);
        tcg_gen_and_i32(t, t, u);
        break;
    case CC_OP_SHL:
    case CC_OP_SAR:     /* msb(src ^ dst) */
        tcg_gen_xor_i32(t, x86_cc_src, x86_cc_dst);
        break;
    case CC_OP_INC:
    case CC_OP_DEC:
        *p = x86_prep(TCG_COND_EQ, x86_cc_ext(ot, x86_cc_dst, false),
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

/* Tries the specialised forms; returns false to use the EFLAGS form. */
static bool x86_prep_known(DisasContext *s, int jcc, X86CCPrep *p)
{
    MemOp ot;
    int group = x86_cc_group(s->cc_op, &ot);
    TCGv_i32 zero = tcg_constant_i32(0);
    if (group == CC_OP_EFLAGS || group == CC_OP_DYNAMIC) {
        return false;
    }
    if (group == CC_OP_ADC || group == CC_OP_SBB) {
        return false;
    }
    if (jcc == 0) {
        return x86_prep_overflow(group, ot, p);
    }
    if (jcc == 1 && (group == CC_OP_SHL || group == CC_OP_SAR || group == CC_OP_MUL)) {
        TCGv_i32 c = tcg_temp_new_i32();
        x86_gen_compute_c(s, c);
        *p = x86_prep(TCG_COND_NE, c, zero);
        return true;
    }
    switch (jcc) {
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
        *p = x86_prep(TCG_COND_LTU, x86_cc_ext(ot, x86_cc_dst, false),
                      x86_cc_ext(ot, x86_cc_src, false));
        return true;
    case CC_OP_LOGIC:
        switch (jcc) {
        case 0:
        case 1:
            *p = x86_prep(TCG_COND_NEVER, zero, zero);
            return true;
        case 3:
            *p = x86_prep(TCG_COND_EQ, x86_cc_ext(ot, x86_cc_dst, false), zero);
            return true;
        case 6:
            *p = x86_prep(TCG_COND_LT, x86_cc_ext(ot, x86_cc_dst, true), zero);
            return true;
        case 7:
            *p = x86_prep(TCG_COND_LE, x86_cc_ext(ot, x86_cc_dst, true), zero);
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
    tcg_gen_ori_i32(t, t, 0x202);
    tcg_gen_or_i32(dst, t, x86_cc_src);
    tcg_gen_sari_i32(t, x86_df, 31);
    tcg_gen_andi_i32(t, t, DF_MASK);
    tcg_gen_or_i32(dst, dst, t);
}
