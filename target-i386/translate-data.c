/*
 * Data movement: MOV in all forms, MOVZX/MOVSX, LEA, XCHG (atomic with
 * memory), CBW/CWDE/CWD/CDQ, CMOVcc, SETcc, XLAT and BSWAP.
 */
#include "target-i386/translate-int.h"

bool x86_op_mov(DisasContext *s, int b)
{
    if (b >= 0xb0 && b <= 0xbf) {
        MemOp ot = b < 0xb8 ? MO_8 : s->dflag;
        TCGv_i32 v = tcg_constant_i32(x86_ld_imm(s, ot));
        x86_gen_op_mov_reg_v(s, ot, b & 7, v);
        return true;
    }
    MemOp ot = x86_ot_b(s, b);
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    TCGv_i32 v = tcg_temp_new_i32();
    switch (b) {
    case 0x88:
    case 0x89:
        v = x86_reg_src(s, ot, m.reg);
        if (m.mod == 3) {
            x86_gen_op_mov_reg_v(s, ot, m.rm, v);
        } else {
            x86_gen_st(s, ot, v, x86_gen_lea_modrm(s, modrm));
        }
        return true;
    case 0x8a:
    case 0x8b:
        if (m.mod == 3) {
            v = x86_reg_src(s, ot, m.rm);
        } else {
            x86_gen_ld_rm(s, modrm, ot, v, NULL);
        }
        x86_gen_op_mov_reg_v(s, ot, m.reg, v);
        return true;
    default: /* C6, C7 */
        if (m.reg != 0) {
            return false;
        }
        if (m.mod == 3) {
            tcg_gen_movi_i32(v, x86_ld_imm(s, ot));
            x86_gen_op_mov_reg_v(s, ot, m.rm, v);
        } else {
            TCGv_i32 addr = x86_gen_lea_modrm(s, modrm);
            tcg_gen_movi_i32(v, x86_ld_imm(s, ot));
            x86_gen_st(s, ot, v, addr);
        }
        return true;
    }
}

bool x86_op_mov_moffs(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    uint32_t off = x86_ld_imm(s, s->aflag);
    TCGv_i32 addr = tcg_temp_new_i32(), v = tcg_temp_new_i32();
    tcg_gen_movi_i32(addr, off);
    x86_gen_add_seg(s, addr, R_DS, true);
    if (b < 0xa2) {
        x86_gen_ld(s, ot, v, addr);
        x86_gen_op_mov_reg_v(s, ot, R_EAX, v);
    } else {
        x86_gen_op_mov_v_reg(s, ot, v, R_EAX);
        x86_gen_st(s, ot, v, addr);
    }
    return true;
}

bool x86_op_lea(DisasContext *s, int b)
{
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    int def_seg;
    if (m.mod == 3) {
        return false;
    }
    TCGv_i32 a = x86_gen_ea_offset(s, modrm, &def_seg);
    x86_gen_op_mov_reg_v(s, s->dflag, m.reg, a);
    return true;
}

bool x86_op_movx(DisasContext *s, int b)
{
    MemOp sot = (b & 1) ? MO_16 : MO_8;
    bool sign = (b & 8) != 0;
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    TCGv_i32 v = tcg_temp_new_i32();
    /* One extension: the load's own, or one op from the register. */
    if (m.mod != 3) {
        TCGv_i32 addr = x86_gen_lea_modrm(s, modrm);
        if (sign) {
            x86_gen_lds(s, sot, v, addr);
        } else {
            x86_gen_ld(s, sot, v, addr);
        }
    } else if (!sign) {
        x86_gen_op_mov_v_reg(s, sot, v, m.rm);
    } else if (sot == MO_8 && m.rm >= 4) {
        tcg_gen_sextract_i32(v, x86_regs[m.rm - 4], 8, 8);
    } else if (sot == MO_8) {
        tcg_gen_ext8s_i32(v, x86_regs[m.rm]);
    } else {
        tcg_gen_ext16s_i32(v, x86_regs[m.rm]);
    }
    x86_gen_op_mov_reg_v(s, s->dflag, m.reg, v);
    return true;
}

bool x86_op_xchg(DisasContext *s, int b)
{
    if (b >= 0x90) {
        int reg = b & 7;
        if (reg == R_EAX) {
            return true;   /* NOP, PAUSE */
        }
        MemOp ot = s->dflag;
        TCGv_i32 a = tcg_temp_new_i32(), c = tcg_temp_new_i32();
        x86_gen_op_mov_v_reg(s, ot, a, R_EAX);
        x86_gen_op_mov_v_reg(s, ot, c, reg);
        x86_gen_op_mov_reg_v(s, ot, R_EAX, c);
        x86_gen_op_mov_reg_v(s, ot, reg, a);
        return true;
    }
    MemOp ot = x86_ot_b(s, b);
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    TCGv_i32 v = tcg_temp_new_i32(), old = tcg_temp_new_i32();
    x86_gen_op_mov_v_reg(s, ot, v, m.reg);
    if (m.mod == 3) {
        x86_gen_op_mov_v_reg(s, ot, old, m.rm);
        x86_gen_op_mov_reg_v(s, ot, m.rm, v);
    } else {
        TCGv_i32 addr = x86_gen_lea_modrm(s, modrm);
        x86_gen_check_store(s, addr, ot);
        tcg_gen_call4(&x86_helper_info_atomic_rmw, tcgv_i32_temp(old), tcg_env(),
                      addr, v, tcg_constant_i32(X86_ATOMIC_XCHG | ot));
    }
    x86_gen_op_mov_reg_v(s, ot, m.reg, old);
    return true;
}

bool x86_op_cbw(DisasContext *s, int b)
{
    TCGv_i32 t = tcg_temp_new_i32();
    if (b == 0x98) {
        if (s->dflag == MO_16) {
            tcg_gen_ext8s_i32(t, x86_regs[R_EAX]);
            x86_gen_op_mov_reg_v(s, MO_16, R_EAX, t);
        } else {
            tcg_gen_ext16s_i32(x86_regs[R_EAX], x86_regs[R_EAX]);
        }
        return true;
    }
    if (s->dflag == MO_16) {
        tcg_gen_ext16s_i32(t, x86_regs[R_EAX]);
        tcg_gen_sari_i32(t, t, 15);
        x86_gen_op_mov_reg_v(s, MO_16, R_EDX, t);
    } else {
        tcg_gen_sari_i32(x86_regs[R_EDX], x86_regs[R_EAX], 31);
    }
    return true;
}

bool x86_op_cmov(DisasContext *s, int b)
{
    MemOp ot = s->dflag;
    int modrm = x86_ldub_code(s);
    int reg = (modrm >> 3) & 7;
    TCGv_i32 v = tcg_temp_new_i32(), cur = tcg_temp_new_i32();
    x86_gen_ld_rm(s, modrm, ot, v, NULL);
    x86_gen_op_mov_v_reg(s, ot, cur, reg);
    x86_gen_movcond(s, b & 0xf, v, v, cur);
    x86_gen_op_mov_reg_v(s, ot, reg, v);
    return true;
}

bool x86_op_setcc(DisasContext *s, int b)
{
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    TCGv_i32 v = tcg_temp_new_i32();
    if (m.mod == 3) {
        x86_gen_setcc(s, b & 0xf, v);
        x86_gen_op_mov_reg_v(s, MO_8, m.rm, v);
    } else {
        TCGv_i32 addr = x86_gen_lea_modrm(s, modrm);
        x86_gen_setcc(s, b & 0xf, v);
        x86_gen_st(s, MO_8, v, addr);
    }
    return true;
}

bool x86_op_xlat(DisasContext *s, int b)
{
    TCGv_i32 addr = tcg_temp_new_i32(), v = tcg_temp_new_i32();
    tcg_gen_ext8u_i32(v, x86_regs[R_EAX]);
    tcg_gen_add_i32(addr, x86_regs[R_EBX], v);
    if (s->aflag == MO_16) {
        tcg_gen_ext16u_i32(addr, addr);
    }
    x86_gen_add_seg(s, addr, R_DS, true);
    x86_gen_ld(s, MO_8, v, addr);
    x86_gen_op_mov_reg_v(s, MO_8, R_EAX, v);
    return true;
}

bool x86_op_bswap(DisasContext *s, int b)
{
    int reg = b & 7;
    if (s->dflag == MO_16) {
        /* Undefined by the manuals; current CPUs clear the low word. */
        x86_gen_op_mov_reg_v(s, MO_16, reg, tcg_constant_i32(0));
        return true;
    }
    tcg_gen_bswap32_i32(x86_regs[reg], x86_regs[reg]);
    return true;
}
