/*
 * Bit instructions (BT/BTS/BTR/BTC, BSF/BSR) and the decimal adjusts
 * (DAA DAS AAA AAS AAM AAD) plus SALC. The decimal adjusts go through one
 * pure helper that returns the new EAX and flags.
 */
#include "target-i386/translate-int.h"

enum { BT_TEST, BT_SET, BT_RESET, BT_COMPLEMENT };

/* CF = bit, other flags as before (OF SF AF PF are undefined). */
static void x86_bt_set_cf(DisasContext *s, TCGv_i32 bit)
{
    x86_set_cc_cf(s, bit);
}

static void x86_bt_modify(int op, TCGv_i32 res, TCGv_i32 v, TCGv_i32 mask)
{
    switch (op) {
    case BT_SET:
        tcg_gen_or_i32(res, v, mask);
        break;
    case BT_RESET:
        tcg_gen_andc_i32(res, v, mask);
        break;
    default:
        tcg_gen_xor_i32(res, v, mask);
        break;
    }
}

/* addr: the ModRM address (NULL for a register operand), with a register
 * bit offset's word displacement already in it (x86_bt_disp). */
static void x86_gen_bt(DisasContext *s, int op, int modrm, TCGv_i32 off,
                       TCGv_i32 addr)
{
    MemOp ot = s->dflag;
    int bits = 8 << ot;
    X86Modrm m = x86_split_modrm(modrm);
    TCGv_i32 bitno = tcg_temp_new_i32(), mask = tcg_temp_new_i32();
    TCGv_i32 v = tcg_temp_new_i32(), bit = tcg_temp_new_i32();
    TCGv_i32 res = tcg_temp_new_i32();
    tcg_gen_andi_i32(bitno, off, bits - 1);
    tcg_gen_shl_i32(mask, tcg_constant_i32(1), bitno);
    if (m.mod == 3) {
        x86_gen_op_mov_v_reg(s, ot, v, m.rm);
    } else {
        if (op != BT_TEST && (s->prefixes & PREFIX_LOCK)) {
            static const int aops[4] = { 0, X86_ATOMIC_OR, X86_ATOMIC_AND, X86_ATOMIC_XOR };
            TCGv_i32 arg = tcg_temp_new_i32();
            if (op == BT_RESET) {
                tcg_gen_not_i32(arg, mask);
            } else {
                tcg_gen_mov_i32(arg, mask);
            }
            x86_gen_check_store(s, addr, ot);
            tcg_gen_call4(&x86_helper_info_atomic_rmw, tcgv_i32_temp(v), tcg_env(),
                          addr, arg, tcg_constant_i32(aops[op] | ot));
            tcg_gen_shr_i32(bit, v, bitno);
            tcg_gen_andi_i32(bit, bit, 1);
            x86_bt_set_cf(s, bit);
            return;
        }
        x86_gen_ld(s, ot, v, addr);
    }
    tcg_gen_shr_i32(bit, v, bitno);
    tcg_gen_andi_i32(bit, bit, 1);
    if (op != BT_TEST) {
        x86_bt_modify(op, res, v, mask);
        x86_gen_st_rm(s, modrm, ot, res, addr);
    }
    x86_bt_set_cf(s, bit);
}

/* A register bit offset on a memory operand is signed and selects the
 * word too: the displacement (off >> log2(bits)) * bytes. */
static TCGv_i32 x86_bt_disp(DisasContext *s, TCGv_i32 off)
{
    TCGv_i32 disp = tcg_temp_new_i32();

    if (s->dflag == MO_16) {
        tcg_gen_ext16s_i32(disp, off);
        tcg_gen_sari_i32(disp, disp, 4);
    } else {
        tcg_gen_sari_i32(disp, off, 5);
    }
    tcg_gen_shli_i32(disp, disp, s->dflag);
    return disp;
}

bool x86_op_bt(DisasContext *s, int b)
{
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    if (b == 0x1ba) {
        if (m.reg < 4) {
            return false;
        }
        TCGv_i32 addr = m.mod == 3 ? NULL : x86_gen_lea_modrm(s, modrm);
        TCGv_i32 off = tcg_constant_i32(x86_ldub_code(s));
        x86_gen_bt(s, m.reg - 4, modrm, off, addr);
        return true;
    }
    TCGv_i32 off = tcg_temp_new_i32();
    x86_gen_op_mov_v_reg(s, s->dflag, off, m.reg);
    TCGv_i32 addr = m.mod == 3 ? NULL
                               : x86_gen_lea_modrm_disp(s, modrm, x86_bt_disp(s, off));
    x86_gen_bt(s, (b >> 3) & 3, modrm, off, addr);
    return true;
}

bool x86_op_bsf(DisasContext *s, int b)
{
    MemOp ot = s->dflag;
    int modrm = x86_ldub_code(s);
    int reg = (modrm >> 3) & 7;
    TCGv_i32 v = tcg_temp_new_i32(), r = tcg_temp_new_i32();
    TCGv_i32 cur = tcg_temp_new_i32();
    x86_gen_ld_rm(s, modrm, ot, v, NULL);
    x86_gen_op_mov_v_reg(s, ot, cur, reg);
    if (b == 0x1bc) {
        tcg_gen_ctz_i32(r, v, cur);
    } else {
        tcg_gen_clz_i32(r, v, tcg_constant_i32(0));
        tcg_gen_xori_i32(r, r, 31);
        tcg_gen_movcond_i32(TCG_COND_EQ, r, v, tcg_constant_i32(0), cur, r);
    }
    x86_gen_op_mov_reg_v(s, ot, reg, r);
    x86_set_cc(s, CC_OP_LOGIC, ot, v, NULL, NULL);
    return true;
}

/* ---- decimal adjust ---- */

enum { BCD_DAA, BCD_DAS, BCD_AAA, BCD_AAS, BCD_AAM, BCD_AAD };

static uint32_t x86_bcd_szp(uint32_t al)
{
    uint32_t f = 0;
    al &= 0xff;
    if (al == 0) {
        f |= CC_Z;
    }
    if (al & 0x80) {
        f |= CC_S;
    }
    if (!(__builtin_popcount(al) & 1)) {
        f |= CC_P;
    }
    return f;
}

/* Returns the new EAX in the low half and the arithmetic flags above. */
uint64_t x86_helper_bcd(uint32_t op, uint32_t eax, uint32_t flags, uint32_t imm)
{
    uint32_t al = eax & 0xff, ah = (eax >> 8) & 0xff;
    bool cf = flags & CC_C, af = flags & CC_A;
    uint32_t f = flags & CC_O;
    switch (op) {
    case BCD_DAA:
    case BCD_DAS: {
        uint32_t old_al = al;
        bool old_cf = cf;
        cf = false;
        if ((al & 0xf) > 9 || af) {
            if (op == BCD_DAA) {
                cf = old_cf || al + 6 > 0xff;
                al = (al + 6) & 0xff;
            } else {
                cf = old_cf || al < 6;
                al = (al - 6) & 0xff;
            }
            af = true;
        } else {
            af = false;
        }
        if (old_al > 0x99 || old_cf) {
            al = (op == BCD_DAA ? al + 0x60 : al - 0x60) & 0xff;
            cf = true;
        }
        f = x86_bcd_szp(al) | (cf ? CC_C : 0) | (af ? CC_A : 0);
        eax = (eax & ~0xffu) | al;
        break;
    }
    case BCD_AAA:
    case BCD_AAS: {
        uint32_t ax = eax & 0xffff;
        if ((al & 0xf) > 9 || af) {
            if (op == BCD_AAA) {
                ax = (ax + 0x106) & 0xffff;
            } else {
                ax = (ax - 6) & 0xffff;
                ax = (ax - 0x100) & 0xffff;
            }
            f = CC_A | CC_C;
        } else {
            f = 0;
        }
        ax &= 0xff0f;
        f |= x86_bcd_szp(ax);
        eax = (eax & 0xffff0000u) | ax;
        break;
    }
    case BCD_AAM:
        ah = al / imm;
        al = al % imm;
        eax = (eax & 0xffff0000u) | (ah << 8) | al;
        f = x86_bcd_szp(al);
        break;
    default: /* AAD */
        al = (al + ah * imm) & 0xff;
        eax = (eax & 0xffff0000u) | al;
        f = x86_bcd_szp(al);
        break;
    }
    return ((uint64_t)f << 32) | eax;
}

static TCGHelperInfo x86_helper_info_bcd =
    TCG_HELPER(x86_helper_bcd, TCG_CALL_PURE, TCG_HT_I64,
               TCG_HT_I32, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);

bool x86_op_bcd(DisasContext *s, int b)
{
    int op;
    uint32_t imm = 0;
    switch (b) {
    case 0x27: op = BCD_DAA; break;
    case 0x2f: op = BCD_DAS; break;
    case 0x37: op = BCD_AAA; break;
    case 0x3f: op = BCD_AAS; break;
    case 0xd4: op = BCD_AAM; imm = x86_ldub_code(s); break;
    default: op = BCD_AAD; imm = x86_ldub_code(s); break;
    }
    if (op == BCD_AAM && imm == 0) {
        x86_gen_exception(s, EXCP00_DIVZ);
        return true;
    }
    x86_gen_compute_eflags(s);
    TCGv_i64 r = tcg_temp_new_i64();
    tcg_gen_call4(&x86_helper_info_bcd, tcgv_i64_temp(r), tcg_constant_i32(op),
                  x86_regs[R_EAX], x86_cc_src, tcg_constant_i32(imm));
    TCGv_i32 f = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(x86_regs[R_EAX], r);
    tcg_gen_extrh_i64_i32(f, r);
    x86_set_cc_eflags(s, f);
    return true;
}

bool x86_op_salc(DisasContext *s, int b)
{
    TCGv_i32 c = tcg_temp_new_i32();
    x86_gen_compute_c(s, c);
    tcg_gen_neg_i32(c, c);
    x86_gen_op_mov_reg_v(s, MO_8, R_EAX, c);
    return true;
}
