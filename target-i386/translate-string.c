/*
 * String instructions MOVS CMPS STOS LODS SCAS with REP/REPE/REPNE, as a
 * loop inside the block (a fault mid-way restarts the instruction with
 * the registers as far as it got, as on hardware). INS/OUTS are in
 * translate-sys.c.
 */
#include "target-i386/translate-int.h"

/* Address size register access (ESI/EDI/ECX or SI/DI/CX). */
static void x86_str_get(DisasContext *s, TCGv_i32 v, int reg)
{
    x86_gen_op_mov_v_reg(s, s->aflag, v, reg);
}

static void x86_str_add(DisasContext *s, int reg, TCGv_i32 step)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_add_i32(t, x86_regs[reg], step);
    x86_gen_op_mov_reg_v(s, s->aflag, reg, t);
}

/* DS:ESI (override allowed) or ES:EDI. */
static TCGv_i32 x86_str_addr(DisasContext *s, bool dest)
{
    TCGv_i32 a = tcg_temp_new_i32();
    x86_str_get(s, a, dest ? R_EDI : R_ESI);
    if (dest) {
        x86_gen_add_seg(s, a, R_ES, false);
    } else {
        x86_gen_add_seg(s, a, R_DS, true);
    }
    return a;
}

enum { STR_MOVS, STR_CMPS, STR_STOS, STR_LODS, STR_SCAS };

/* One iteration; for CMPS/SCAS leaves a and b (compared values). */
static void x86_str_body(DisasContext *s, int kind, MemOp ot, TCGv_i32 step,
                         TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 v = tcg_temp_new_i32();
    switch (kind) {
    case STR_MOVS:
        x86_gen_ld(s, ot, v, x86_str_addr(s, false));
        x86_gen_st(s, ot, v, x86_str_addr(s, true));
        x86_str_add(s, R_ESI, step);
        x86_str_add(s, R_EDI, step);
        break;
    case STR_STOS:
        x86_gen_op_mov_v_reg(s, ot, v, R_EAX);
        x86_gen_st(s, ot, v, x86_str_addr(s, true));
        x86_str_add(s, R_EDI, step);
        break;
    case STR_LODS:
        x86_gen_ld(s, ot, v, x86_str_addr(s, false));
        x86_gen_op_mov_reg_v(s, ot, R_EAX, v);
        x86_str_add(s, R_ESI, step);
        break;
    case STR_CMPS:
        x86_gen_ld(s, ot, a, x86_str_addr(s, false));
        x86_gen_ld(s, ot, b, x86_str_addr(s, true));
        x86_str_add(s, R_ESI, step);
        x86_str_add(s, R_EDI, step);
        break;
    default: /* SCAS */
        x86_gen_op_mov_v_reg(s, ot, a, R_EAX);
        x86_gen_ld(s, ot, b, x86_str_addr(s, true));
        x86_str_add(s, R_EDI, step);
        break;
    }
}

static void x86_str_set_cc(DisasContext *s, MemOp ot, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 res = tcg_temp_new_i32();
    tcg_gen_sub_i32(res, a, b);
    x86_set_cc(s, CC_OP_SUB, ot, res, b, a);
}

/* REP MOVS/STOS with 32-bit addresses: string_helper.c. */
static void x86_gen_rep_movs_helper(DisasContext *s, bool stos, MemOp ot)
{
    TCGv_i32 src_base = tcg_constant_i32(0), dst_base = tcg_constant_i32(0);
    int src_seg = s->override >= 0 ? s->override : R_DS;
    if (src_seg >= R_FS || s->addseg) {
        src_base = x86_seg_base[src_seg];
    }
    if (s->addseg) {
        dst_base = x86_seg_base[R_ES];
    }
    x86_gen_update_cc_op(s);
    tcg_gen_call4(&x86_helper_info_rep_movs, NULL, tcg_env(),
                  tcg_constant_i32(ot | (stos ? 4 : 0) | (src_seg == R_SS ? 8 : 0)),
                  src_base, dst_base);
}

bool x86_op_string(DisasContext *s, int b)
{
    static const int8_t kinds[12] = {
        STR_MOVS, STR_MOVS, STR_CMPS, STR_CMPS, -1, -1,
        STR_STOS, STR_STOS, STR_LODS, STR_LODS, STR_SCAS, STR_SCAS,
    };
    int kind = kinds[b - 0xa4];
    MemOp ot = x86_ot_b(s, b);
    bool cmp = kind == STR_CMPS || kind == STR_SCAS;
    /* step = DF ? -size : size, with DF from the sign of env->df */
    TCGv_i32 step = tcg_temp_new_i32();
    tcg_gen_sari_i32(step, x86_df, 31);
    tcg_gen_shli_i32(step, step, ot + 1);
    tcg_gen_addi_i32(step, step, 1 << ot);
    TCGv_i32 a = tcg_temp_new_i32(), bv = tcg_temp_new_i32();
    if (!(s->prefixes & (PREFIX_REPZ | PREFIX_REPNZ))) {
        x86_str_body(s, kind, ot, step, a, bv);
        if (cmp) {
            x86_str_set_cc(s, ot, a, bv);
        }
        return true;
    }
    if ((kind == STR_MOVS || kind == STR_STOS) && s->aflag == MO_32 && !s->align_check &&
        !x86_seg_checked(s, R_ES) &&
        !x86_seg_checked(s, s->override >= 0 ? s->override : R_DS)) {
        x86_gen_rep_movs_helper(s, kind == STR_STOS, ot);
        return true;
    }
    /* The loop: flags live in env so both exits agree, and a fault in a
     * later iteration keeps the flags of the iterations done. */
    x86_gen_update_cc_op(s);
    x86_insn_cc_op_in_env(s);
    TCGLabel *top = gen_new_label(), *done = gen_new_label();
    TCGv_i32 cnt = tcg_temp_new_i32();
    gen_set_label(top);
    x86_str_get(s, cnt, R_ECX);
    tcg_gen_brcondi_i32(TCG_COND_EQ, cnt, 0, done);
    x86_str_body(s, kind, ot, step, a, bv);
    tcg_gen_subi_i32(cnt, cnt, 1);
    x86_gen_op_mov_reg_v(s, s->aflag, R_ECX, cnt);
    if (cmp) {
        x86_str_set_cc(s, ot, a, bv);
        x86_gen_update_cc_op(s);
        TCGv_i32 ea = tcg_temp_new_i32(), eb = tcg_temp_new_i32();
        x86_gen_ext(ot, ea, a, false);
        x86_gen_ext(ot, eb, bv, false);
        /* REPE stops when not equal, REPNE when equal. */
        tcg_gen_brcond_i32((s->prefixes & PREFIX_REPZ) ? TCG_COND_NE : TCG_COND_EQ,
                           ea, eb, done);
        x86_set_cc_op(s, CC_OP_DYNAMIC);
    }
    tcg_gen_br(top);
    gen_set_label(done);
    if (cmp) {
        x86_set_cc_op(s, CC_OP_DYNAMIC);
    }
    return true;
}
