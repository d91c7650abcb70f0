/*
 * Shifts and rotates: group 2 (ROL ROR RCL RCR SHL SHR SAL SAR) by 1, by
 * an immediate and by CL, and SHLD/SHRD. Shifts keep flags lazy; a count
 * of 0 leaves the flags alone (CL counts select at run time). Rotates
 * change only CF and OF (x86_set_cc_co keeps that lazy); RCL/RCR rotate
 * in a pure helper.
 */
#include "target-i386/translate-int.h"

enum { SH_ROL, SH_ROR, SH_RCL, SH_RCR, SH_SHL, SH_SHR, SH_SAL, SH_SAR };

/* Records the flags of a shift with a run-time count: unchanged if 0. */
static void x86_shift_cc_dynamic(DisasContext *s, int cc_op, TCGv_i32 count,
                                 TCGv_i32 res, TCGv_i32 src)
{
    TCGv_i32 zero = tcg_constant_i32(0);
    x86_gen_update_cc_op(s);
    tcg_gen_movcond_i32(TCG_COND_NE, x86_cc_dst, count, zero, res, x86_cc_dst);
    tcg_gen_movcond_i32(TCG_COND_NE, x86_cc_src, count, zero, src, x86_cc_src);
    tcg_gen_movcond_i32(TCG_COND_NE, x86_cc_op, count, zero,
                        tcg_constant_i32(cc_op), x86_cc_op);
    x86_set_cc_op(s, CC_OP_DYNAMIC);
}

/* SHL/SHR/SAR of a (already extended for ot) by count (const_count
 * 1..31, or -1: run time). res may be a itself (src is computed first). */
static void x86_gen_shift(DisasContext *s, int op, MemOp ot, TCGv_i32 res,
                          TCGv_i32 src, TCGv_i32 a, TCGv_i32 count, int const_count)
{
    TCGv_i32 cm1;
    if (const_count > 0) {
        cm1 = tcg_constant_i32(const_count - 1);
    } else {
        cm1 = tcg_temp_new_i32();
        tcg_gen_subi_i32(cm1, count, 1);
        tcg_gen_andi_i32(cm1, cm1, 31);
    }
    /* res from a directly, so src (flags only) can die alone */
    switch (op) {
    case SH_SHL:
    case SH_SAL:
        tcg_gen_shl_i32(src, a, cm1);
        tcg_gen_shl_i32(res, a, count);
        break;
    case SH_SHR:
        tcg_gen_shr_i32(src, a, cm1);
        tcg_gen_shr_i32(res, a, count);
        break;
    default:
        tcg_gen_sar_i32(src, a, cm1);
        tcg_gen_sar_i32(res, a, count);
        break;
    }
}

/* Rotates (and RCL/RCR) in C: returns result | flags << 32. Only CF of
 * flags is read; the CF and OF bits of the result are the new ones (for a
 * masked count of 0: flags as given). */
uint64_t x86_helper_rotate(uint32_t op_ot, uint32_t val, uint32_t count,
                           uint32_t flags)
{
    int op = op_ot >> 2, ot = op_ot & 3;
    int bits = 8 << ot;
    uint32_t mask = bits == 32 ? 0xffffffffu : (1u << bits) - 1;
    uint32_t sign = 1u << (bits - 1);
    uint32_t v = val & mask;
    uint32_t cf = flags & CC_C;
    count &= 31;
    if (count == 0) {
        return ((uint64_t)flags << 32) | v;
    }
    switch (op) {
    case SH_ROL: {
        int n = count % bits;
        if (n) {
            v = ((v << n) | (v >> (bits - n))) & mask;
        }
        cf = v & 1;
        break;
    }
    case SH_ROR: {
        int n = count % bits;
        if (n) {
            v = ((v >> n) | (v << (bits - n))) & mask;
        }
        cf = (v & sign) ? 1 : 0;
        break;
    }
    case SH_RCL: {
        int n = count % (bits + 1);
        for (int i = 0; i < n; i++) {
            uint32_t out = (v & sign) ? 1 : 0;
            v = ((v << 1) | cf) & mask;
            cf = out;
        }
        break;
    }
    default: { /* RCR */
        int n = count % (bits + 1);
        for (int i = 0; i < n; i++) {
            uint32_t out = v & 1;
            v = (v >> 1) | (cf ? sign : 0);
            cf = out;
        }
        break;
    }
    }
    uint32_t of;
    if (op == SH_ROL || op == SH_RCL) {
        of = ((v & sign) ? 1 : 0) ^ cf;
    } else {
        of = ((v ^ (v << 1)) & sign) ? 1 : 0;
    }
    if (op == SH_RCR) {
        /* RCR's OF is MSB(DEST) XOR CF taken before the rotate. */
        of = (((val & mask) & sign) ? 1 : 0) ^ (flags & CC_C);
    }
    flags = (flags & ~(uint32_t)(CC_C | CC_O)) | cf | (of ? CC_O : 0);
    return ((uint64_t)flags << 32) | v;
}

static TCGHelperInfo x86_helper_info_rotate =
    TCG_HELPER(x86_helper_rotate, TCG_CALL_PURE, TCG_HT_I64,
               TCG_HT_I32, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);

/* RCL/RCR: the helper gets CF and returns the new CF and OF. */
static void x86_gen_rotate(DisasContext *s, int op, MemOp ot, int modrm,
                           TCGv_i32 count, int const_count)
{
    TCGv_i32 a = tcg_temp_new_i32(), addr, f = tcg_temp_new_i32();
    TCGv_i32 res = tcg_temp_new_i32(), c = tcg_temp_new_i32();
    x86_gen_ld_rm(s, modrm, ot, a, &addr);
    x86_gen_compute_c(s, c);
    TCGv_i64 r = tcg_temp_new_i64();
    tcg_gen_call4(&x86_helper_info_rotate, tcgv_i64_temp(r),
                  tcg_constant_i32((op << 2) | ot), a, count, c);
    tcg_gen_extrl_i64_i32(res, r);
    tcg_gen_extrh_i64_i32(f, r);
    x86_gen_st_rm(s, modrm, ot, res, addr);
    if (const_count != 0) {
        x86_set_cc_co(s, f, const_count < 0 ? count : NULL);
    }
}

/* ROL/ROR in IR: only CF and OF change (when the masked count is not 0).
 * The 8/16-bit value is replicated so a 32-bit rotate does the modulo. */
static void x86_gen_rol_ror(DisasContext *s, bool left, MemOp ot, int modrm,
                            TCGv_i32 count, int const_count)
{
    TCGv_i32 a = tcg_temp_new_i32(), addr, res = tcg_temp_new_i32();
    x86_gen_ld_rm(s, modrm, ot, a, &addr);
    if (const_count == 0) {
        if (addr) {
            /* A write access even with a count of 0 (the CPU faults on
             * a read-only page): the value goes back unchanged. */
            x86_gen_st(s, ot, a, addr);
            x86_insn_mark_rmw(s);
        }
        return;
    }
    if (ot == MO_8) {
        tcg_gen_muli_i32(a, a, 0x01010101);
    } else if (ot == MO_16) {
        tcg_gen_muli_i32(a, a, 0x00010001);
    }
    if (left) {
        tcg_gen_rotl_i32(res, a, count);
    } else {
        tcg_gen_rotr_i32(res, a, count);
    }
    x86_gen_st_rm(s, modrm, ot, res, addr);
    /* CF and OF follow from the (replicated) result. */
    x86_set_cc_rot(s, left, res, const_count < 0 ? count : NULL);
}

static void x86_gen_shift_rm(DisasContext *s, int op, MemOp ot, int modrm,
                             TCGv_i32 count, int const_count)
{
    if (op == SH_ROL || op == SH_ROR) {
        x86_gen_rol_ror(s, op == SH_ROL, ot, modrm, count, const_count);
        return;
    }
    if (op < SH_SHL) {
        x86_gen_rotate(s, op, ot, modrm, count, const_count);
        return;
    }
    TCGv_i32 a, addr = NULL, res, src = tcg_temp_new_i32();
    /* A 32-bit register by a constant: shifted in place. */
    bool in_place = (modrm >> 6) == 3 && ot == MO_32 && const_count > 0;
    if (in_place) {
        a = res = x86_regs[modrm & 7];
    } else {
        a = tcg_temp_new_i32();
        res = tcg_temp_new_i32();
        x86_gen_ld_rm(s, modrm, ot, a, &addr);
    }
    if (const_count == 0) {
        if (addr) {
            /* A write access even with a count of 0 (the CPU faults on
             * a read-only page): the value goes back unchanged. */
            x86_gen_st(s, ot, a, addr);
            x86_insn_mark_rmw(s);
        }
        return;
    }
    x86_gen_ext(ot, a, a, op == SH_SAR);
    x86_gen_shift(s, op, ot, res, src, a, count, const_count);
    if (const_count < 0) {
        tcg_gen_movcond_i32(TCG_COND_NE, res, count, tcg_constant_i32(0), res, a);
    }
    if (!in_place) {
        x86_gen_st_rm(s, modrm, ot, res, addr);
    }
    int cc_op = (op == SH_SHL || op == SH_SAL ? CC_OP_SHL : CC_OP_SAR) + ot;
    if (const_count > 0) {
        x86_set_cc(s, cc_op, 0, res, src, NULL);
    } else {
        x86_shift_cc_dynamic(s, cc_op, count, res, src);
    }
}

bool x86_op_shift(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    int modrm = x86_ldub_code(s);
    int op = (modrm >> 3) & 7;
    X86Modrm m = x86_split_modrm(modrm);
    if (b == 0xc0 || b == 0xc1) {
        /* The count byte follows the displacement. */
        if (m.mod != 3) {
            uint32_t save = s->base.pc_next;
            int def_seg;
            tcg_temp_free_i32(x86_gen_ea_offset(s, modrm, &def_seg));
            int c = x86_ldub_code(s) & 31;
            uint32_t end = s->base.pc_next;
            s->base.pc_next = save;
            x86_gen_shift_rm(s, op, ot, modrm, tcg_constant_i32(c), c);
            s->base.pc_next = end;
            return true;
        }
        int c = x86_ldub_code(s) & 31;
        x86_gen_shift_rm(s, op, ot, modrm, tcg_constant_i32(c), c);
        return true;
    }
    if (b == 0xd0 || b == 0xd1) {
        x86_gen_shift_rm(s, op, ot, modrm, tcg_constant_i32(1), 1);
        return true;
    }
    TCGv_i32 count = tcg_temp_new_i32();
    tcg_gen_andi_i32(count, x86_regs[R_ECX], 31);
    x86_gen_shift_rm(s, op, ot, modrm, count, -1);
    return true;
}

/* ---- SHLD / SHRD ---- */

/* The 64-bit value SHLD (dst:other, dst high) or SHRD (other:dst, dst
 * low) shifts. 16-bit: a:other:a (left) / a:other:a low (right), which
 * is what hardware shifts in for counts above 16. */
static TCGv_i64 x86_shld_pair(MemOp ot, bool right, TCGv_i32 a, TCGv_i32 other)
{
    TCGv_i64 pair = tcg_temp_new_i64();
    if (ot != MO_16) {
        if (right) {
            tcg_gen_concat_i32_i64(pair, a, other);
        } else {
            tcg_gen_concat_i32_i64(pair, other, a);
        }
        return pair;
    }
    TCGv_i32 lo = tcg_temp_new_i32();
    if (!right) {
        TCGv_i32 hi = tcg_temp_new_i32();
        tcg_gen_shli_i32(hi, a, 16);
        tcg_gen_or_i32(hi, hi, other);
        tcg_gen_shli_i32(lo, a, 16);
        tcg_gen_concat_i32_i64(pair, lo, hi);
    } else {
        TCGv_i64 hi = tcg_temp_new_i64();
        tcg_gen_shli_i32(lo, other, 16);
        tcg_gen_or_i32(lo, lo, a);
        tcg_gen_extu_i32_i64(hi, a);
        tcg_gen_shli_i64(hi, hi, 32);
        tcg_gen_extu_i32_i64(pair, lo);
        tcg_gen_or_i64(pair, pair, hi);
    }
    return pair;
}

bool x86_op_shld(DisasContext *s, int b)
{
    MemOp ot = s->dflag;
    bool right = (b & 8) != 0;
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    TCGv_i32 a = tcg_temp_new_i32(), addr = NULL, count;
    TCGv_i32 other = tcg_temp_new_i32();
    int const_count = -1;
    if (m.mod != 3) {
        addr = x86_gen_lea_modrm(s, modrm);
    }
    if (!(b & 1)) {
        const_count = x86_ldub_code(s) & 31;
        count = tcg_constant_i32(const_count);
    } else {
        count = tcg_temp_new_i32();
        tcg_gen_andi_i32(count, x86_regs[R_ECX], 31);
    }
    if (addr) {
        x86_gen_ld(s, ot, a, addr);
    } else {
        x86_gen_op_mov_v_reg(s, ot, a, m.rm);
    }
    if (const_count == 0) {
        if (addr) {
            /* A write access even with a count of 0 (the CPU faults on
             * a read-only page): the value goes back unchanged. */
            x86_gen_st(s, ot, a, addr);
            x86_insn_mark_rmw(s);
        }
        return true;
    }
    x86_gen_op_mov_v_reg(s, ot, other, m.reg);
    TCGv_i64 pair = x86_shld_pair(ot, right, a, other), t = tcg_temp_new_i64();
    TCGv_i64 c64 = tcg_temp_new_i64();
    TCGv_i32 res = tcg_temp_new_i32(), src = tcg_temp_new_i32();
    TCGv_i32 cm1 = tcg_temp_new_i32();
    tcg_gen_subi_i32(cm1, count, 1);
    tcg_gen_andi_i32(cm1, cm1, 31);
    tcg_gen_extu_i32_i64(c64, cm1);
    if (!right) {
        tcg_gen_shl_i64(t, pair, c64);
        tcg_gen_extrh_i64_i32(src, t);
        tcg_gen_shli_i64(t, t, 1);
        tcg_gen_extrh_i64_i32(res, t);
        if (ot == MO_16) {
            tcg_gen_shri_i32(src, src, 16);
            tcg_gen_shri_i32(res, res, 16);
        }
    } else {
        tcg_gen_shr_i64(t, pair, c64);
        tcg_gen_extrl_i64_i32(src, t);
        tcg_gen_shri_i64(t, t, 1);
        tcg_gen_extrl_i64_i32(res, t);
    }
    if (const_count < 0) {
        tcg_gen_movcond_i32(TCG_COND_NE, res, count, tcg_constant_i32(0), res, a);
    }
    if (addr) {
        x86_gen_st(s, ot, res, addr);
        x86_insn_mark_rmw(s);
    } else {
        x86_gen_op_mov_reg_v(s, ot, m.rm, res);
    }
    int cc_op = (right ? CC_OP_SAR : CC_OP_SHL) + ot;
    if (const_count > 0) {
        x86_set_cc(s, cc_op, 0, res, src, NULL);
    } else {
        x86_shift_cc_dynamic(s, cc_op, count, res, src);
    }
    return true;
}
