/*
 * Integer arithmetic and logic: the eight ALU operations in all their
 * forms, TEST, INC/DEC, NOT/NEG, MUL/IMUL/DIV/IDIV, and the LOCK-prefixed
 * memory forms through the atomic helpers.
 */
#include "target-i386/translate-int.h"

enum { ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR, ALU_CMP };

/* Flags to record once the instruction's stores are done. */
typedef struct X86PendingCC {
    int op;
    MemOp ot;
    TCGv_i32 dst, src, src2;
} X86PendingCC;

static void x86_commit_cc(DisasContext *s, const X86PendingCC *cc)
{
    x86_set_cc(s, cc->op, cc->ot, cc->dst, cc->src, cc->src2);
}

/* res = a op b; carry is CF (ADC/SBB) or NULL. */
static X86PendingCC x86_alu_compute(int op, MemOp ot, TCGv_i32 res,
                                    TCGv_i32 a, TCGv_i32 b, TCGv_i32 carry)
{
    X86PendingCC cc = { CC_OP_LOGIC, ot, res, NULL, NULL };
    switch (op) {
    case ALU_ADD:
        tcg_gen_add_i32(res, a, b);
        cc.op = CC_OP_ADD;
        cc.src = b;
        break;
    case ALU_ADC:
        tcg_gen_add_i32(res, a, b);
        tcg_gen_add_i32(res, res, carry);
        cc.op = CC_OP_ADC;
        cc.src = b;
        cc.src2 = carry;
        break;
    case ALU_SBB:
        tcg_gen_sub_i32(res, a, b);
        tcg_gen_sub_i32(res, res, carry);
        cc.op = CC_OP_SBB;
        cc.src = b;
        cc.src2 = carry;
        break;
    case ALU_SUB:
        tcg_gen_sub_i32(res, a, b);
        cc.op = CC_OP_SUB;
        cc.src = b;
        cc.src2 = a;
        break;
    case ALU_CMP:   /* no result: the flags keep only the operands */
        cc.op = CC_OP_CMP;
        cc.dst = NULL;
        cc.src = b;
        cc.src2 = a;
        break;
    case ALU_AND:
        tcg_gen_and_i32(res, a, b);
        break;
    case ALU_OR:
        tcg_gen_or_i32(res, a, b);
        break;
    default:
        tcg_gen_xor_i32(res, a, b);
        break;
    }
    return cc;
}

static TCGv_i32 x86_alu_carry(DisasContext *s, int op)
{
    if (op != ALU_ADC && op != ALU_SBB) {
        return NULL;
    }
    TCGv_i32 c = tcg_temp_new_i32();
    x86_gen_compute_c(s, c);
    return c;
}

/* LOCK op [addr], b: the atomic update, then flags from the old value. */
static void x86_alu_locked(DisasContext *s, int op, MemOp ot, TCGv_i32 addr,
                           TCGv_i32 b)
{
    TCGv_i32 carry = x86_alu_carry(s, op);
    TCGv_i32 v = tcg_temp_new_i32();
    int aop;
    switch (op) {
    case ALU_ADD:
    case ALU_ADC:
        aop = X86_ATOMIC_ADD;
        if (carry) {
            tcg_gen_add_i32(v, b, carry);
        } else {
            tcg_gen_mov_i32(v, b);
        }
        break;
    case ALU_SUB:
    case ALU_SBB:
        aop = X86_ATOMIC_ADD;
        if (carry) {
            tcg_gen_add_i32(v, b, carry);
            tcg_gen_neg_i32(v, v);
        } else {
            tcg_gen_neg_i32(v, b);
        }
        break;
    case ALU_AND:
        aop = X86_ATOMIC_AND;
        tcg_gen_mov_i32(v, b);
        break;
    case ALU_OR:
        aop = X86_ATOMIC_OR;
        tcg_gen_mov_i32(v, b);
        break;
    default:
        aop = X86_ATOMIC_XOR;
        tcg_gen_mov_i32(v, b);
        break;
    }
    TCGv_i32 old = tcg_temp_new_i32();
    x86_gen_check_store(s, addr, ot);
    tcg_gen_call4(&x86_helper_info_atomic_rmw, tcgv_i32_temp(old), tcg_env(),
                  addr, v, tcg_constant_i32(aop | ot));
    TCGv_i32 res = tcg_temp_new_i32();
    X86PendingCC cc = x86_alu_compute(op, ot, res, old, b, carry);
    x86_commit_cc(s, &cc);
}

/* op r/m, b (r/m is the destination). */
static void x86_alu_rm(DisasContext *s, int op, MemOp ot, int modrm, TCGv_i32 b)
{
    X86Modrm m = x86_split_modrm(modrm);
    TCGv_i32 a = tcg_temp_new_i32(), res = tcg_temp_new_i32();
    if (m.mod != 3 && (s->prefixes & PREFIX_LOCK)) {
        x86_alu_locked(s, op, ot, x86_gen_lea_modrm(s, modrm), b);
        return;
    }
    TCGv_i32 addr;
    x86_gen_ld_rm(s, modrm, ot, a, &addr);
    TCGv_i32 carry = x86_alu_carry(s, op);
    X86PendingCC cc = x86_alu_compute(op, ot, res, a, b, carry);
    if (op != ALU_CMP) {
        x86_gen_st_rm(s, modrm, ot, res, addr);
    }
    x86_commit_cc(s, &cc);
}

/*
 * op r32, b other than ADC/SBB, straight on the register's global: the
 * flags' operands are recorded first (b or the register may be the one
 * written), then the register is updated in place. No copy in and out
 * of a temp: fewer ops to translate and fewer moves in cold code.
 */
static void x86_alu_reg32(DisasContext *s, int op, TCGv_i32 r, TCGv_i32 b)
{
    switch (op) {
    case ALU_CMP:
        x86_set_cc(s, CC_OP_CMP, MO_32, NULL, b, r);
        return;
    case ALU_ADD:
        x86_set_cc(s, CC_OP_ADD, MO_32, NULL, b, NULL);
        tcg_gen_add_i32(r, r, b);
        break;
    case ALU_SUB:
        x86_set_cc(s, CC_OP_SUB, MO_32, NULL, b, r);
        tcg_gen_sub_i32(r, r, b);
        break;
    case ALU_AND:
        x86_set_cc(s, CC_OP_LOGIC, MO_32, NULL, NULL, NULL);
        tcg_gen_and_i32(r, r, b);
        break;
    case ALU_OR:
        x86_set_cc(s, CC_OP_LOGIC, MO_32, NULL, NULL, NULL);
        tcg_gen_or_i32(r, r, b);
        break;
    default:
        x86_set_cc(s, CC_OP_LOGIC, MO_32, NULL, NULL, NULL);
        tcg_gen_xor_i32(r, r, b);
        break;
    }
    tcg_gen_mov_i32(x86_cc_dst, r);
}

/* op reg, b (a general register is the destination; b may be a
 * register's global, x86_reg_src). */
static void x86_alu_reg(DisasContext *s, int op, MemOp ot, int reg, TCGv_i32 b)
{
    if (ot == MO_32 && op != ALU_ADC && op != ALU_SBB) {
        x86_alu_reg32(s, op, x86_regs[reg], b);
        return;
    }
    if (ot == MO_32) {
        /* The flags keep b after reg is written: b must not be reg. */
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_mov_i32(t, b);
        b = t;
    }
    TCGv_i32 a = tcg_temp_new_i32(), res = tcg_temp_new_i32();
    x86_gen_op_mov_v_reg(s, ot, a, reg);
    TCGv_i32 carry = x86_alu_carry(s, op);
    X86PendingCC cc = x86_alu_compute(op, ot, res, a, b, carry);
    if (op != ALU_CMP) {
        x86_gen_op_mov_reg_v(s, ot, reg, res);
    }
    x86_commit_cc(s, &cc);
}

static TCGv_i32 x86_imm_value(DisasContext *s, MemOp ot, bool sext8)
{
    uint32_t v;
    if (sext8) {
        v = (uint32_t)(int8_t)x86_ldub_code(s);
    } else {
        v = x86_ld_imm(s, ot);
    }
    if (ot == MO_8) {
        v &= 0xff;
    } else if (ot == MO_16) {
        v &= 0xffff;
    }
    /* a constant, not a temp loaded with it: no op, and the host
     * instruction takes it as an immediate (cold code is not optimized) */
    return tcg_constant_i32(v);
}

bool x86_op_alu(DisasContext *s, int b)
{
    int op = (b >> 3) & 7;
    MemOp ot = x86_ot_b(s, b);
    TCGv_i32 v = tcg_temp_new_i32();
    int modrm;
    switch (b & 7) {
    case 0:
    case 1:
        modrm = x86_ldub_code(s);
        v = x86_reg_src(s, ot, (modrm >> 3) & 7);
        if ((modrm >> 6) == 3) {
            x86_alu_reg(s, op, ot, modrm & 7, v);
        } else {
            x86_alu_rm(s, op, ot, modrm, v);
        }
        return true;
    case 2:
    case 3: {
        modrm = x86_ldub_code(s);
        if ((modrm >> 6) == 3) {
            v = x86_reg_src(s, ot, modrm & 7);
        } else {
            x86_gen_ld_rm(s, modrm, ot, v, NULL);
        }
        x86_alu_reg(s, op, ot, (modrm >> 3) & 7, v);
        return true;
    }
    case 4:
    case 5:
        x86_alu_reg(s, op, ot, R_EAX, x86_imm_value(s, ot, false));
        return true;
    default:
        return false;
    }
}

bool x86_op_grp1(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    int modrm = x86_ldub_code(s);
    int op = (modrm >> 3) & 7;
    X86Modrm m = x86_split_modrm(modrm);
    if (m.mod == 3) {
        TCGv_i32 imm = x86_imm_value(s, ot, b == 0x83);
        x86_alu_reg(s, op, ot, m.rm, imm);
        return true;
    }
    /* Memory: the immediate follows the displacement. */
    TCGv_i32 addr = x86_gen_lea_modrm(s, modrm);
    TCGv_i32 imm = x86_imm_value(s, ot, b == 0x83);
    if (s->prefixes & PREFIX_LOCK) {
        x86_alu_locked(s, op, ot, addr, imm);
        return true;
    }
    TCGv_i32 a = tcg_temp_new_i32(), res = tcg_temp_new_i32();
    x86_gen_ld(s, ot, a, addr);
    TCGv_i32 carry = x86_alu_carry(s, op);
    X86PendingCC cc = x86_alu_compute(op, ot, res, a, imm, carry);
    if (op != ALU_CMP) {
        x86_gen_st(s, ot, res, addr);
        x86_insn_mark_rmw(s);
    }
    x86_commit_cc(s, &cc);
    return true;
}

bool x86_op_test(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    TCGv_i32 a = tcg_temp_new_i32(), v, res = tcg_temp_new_i32();
    if (b >= 0xa8) {
        v = x86_imm_value(s, ot, false);
        x86_gen_op_mov_v_reg(s, ot, a, R_EAX);
    } else {
        int modrm = x86_ldub_code(s);
        v = x86_reg_src(s, ot, (modrm >> 3) & 7);
        if ((modrm >> 6) == 3) {
            a = x86_reg_src(s, ot, modrm & 7);
        } else {
            x86_gen_ld_rm(s, modrm, ot, a, NULL);
        }
    }
    tcg_gen_and_i32(res, a, v);
    x86_set_cc(s, CC_OP_LOGIC, ot, res, NULL, NULL);
    return true;
}

/* INC/DEC of value a into res; returns the flags to commit. */
static X86PendingCC x86_incdec_compute(DisasContext *s, MemOp ot, bool dec,
                                       TCGv_i32 res, TCGv_i32 a)
{
    TCGv_i32 c = tcg_temp_new_i32();
    x86_gen_compute_c(s, c);
    tcg_gen_addi_i32(res, a, dec ? -1 : 1);
    X86PendingCC cc = { dec ? CC_OP_DEC : CC_OP_INC, ot, res, c, NULL };
    return cc;
}

bool x86_op_incdec_reg(DisasContext *s, int b)
{
    MemOp ot = s->dflag;
    int reg = b & 7;
    if (ot == MO_32) {
        /* In place: CF first (INC/DEC keep it), then the register. */
        TCGv_i32 r = x86_regs[reg], c = tcg_temp_new_i32();
        x86_gen_compute_c(s, c);
        tcg_gen_addi_i32(r, r, b >= 0x48 ? -1 : 1);
        x86_set_cc(s, b >= 0x48 ? CC_OP_DEC : CC_OP_INC, ot, r, c, NULL);
        return true;
    }
    TCGv_i32 a = tcg_temp_new_i32(), res = tcg_temp_new_i32();
    x86_gen_op_mov_v_reg(s, ot, a, reg);
    X86PendingCC cc = x86_incdec_compute(s, ot, b >= 0x48, res, a);
    x86_gen_op_mov_reg_v(s, ot, reg, res);
    x86_commit_cc(s, &cc);
    return true;
}

static void x86_incdec_rm(DisasContext *s, MemOp ot, int modrm, bool dec)
{
    TCGv_i32 a = tcg_temp_new_i32(), res = tcg_temp_new_i32();
    X86Modrm m = x86_split_modrm(modrm);
    if (m.mod != 3 && (s->prefixes & PREFIX_LOCK)) {
        TCGv_i32 addr = x86_gen_lea_modrm(s, modrm);
        TCGv_i32 c = tcg_temp_new_i32();
        x86_gen_compute_c(s, c);
        x86_gen_check_store(s, addr, ot);
        tcg_gen_call4(&x86_helper_info_atomic_rmw, tcgv_i32_temp(a), tcg_env(),
                      addr, tcg_constant_i32(dec ? -1 : 1),
                      tcg_constant_i32(X86_ATOMIC_ADD | ot));
        tcg_gen_addi_i32(res, a, dec ? -1 : 1);
        x86_set_cc(s, dec ? CC_OP_DEC : CC_OP_INC, ot, res, c, NULL);
        return;
    }
    TCGv_i32 addr;
    x86_gen_ld_rm(s, modrm, ot, a, &addr);
    X86PendingCC cc = x86_incdec_compute(s, ot, dec, res, a);
    x86_gen_st_rm(s, modrm, ot, res, addr);
    x86_commit_cc(s, &cc);
}

bool x86_op_grp4(DisasContext *s, int b)
{
    int modrm = x86_ldub_code(s);
    int op = (modrm >> 3) & 7;
    if (op > 1) {
        return false;
    }
    x86_incdec_rm(s, MO_8, modrm, op == 1);
    return true;
}

bool x86_op_grp5(DisasContext *s, int b)
{
    int modrm = x86_ldub_code(s);
    int op = (modrm >> 3) & 7;
    switch (op) {
    case 0:
    case 1:
        x86_incdec_rm(s, s->dflag, modrm, op == 1);
        return true;
    case 6: {
        TCGv_i32 v = tcg_temp_new_i32();
        x86_gen_ld_rm(s, modrm, s->dflag, v, NULL);
        x86_gen_push(s, s->dflag, v);
        return true;
    }
    case 7:
        return false;
    default:
        return x86_gen_call_jmp_indirect(s, op, modrm);
    }
}

/* ---- group 3: TEST NOT NEG MUL IMUL DIV IDIV ---- */

static void x86_gen_not_neg(DisasContext *s, MemOp ot, int modrm, bool neg)
{
    X86Modrm m = x86_split_modrm(modrm);
    TCGv_i32 a = tcg_temp_new_i32(), res = tcg_temp_new_i32();
    if (m.mod != 3 && (s->prefixes & PREFIX_LOCK)) {
        TCGv_i32 addr = x86_gen_lea_modrm(s, modrm);
        x86_gen_check_store(s, addr, ot);
        tcg_gen_call4(&x86_helper_info_atomic_rmw, tcgv_i32_temp(a), tcg_env(),
                      addr, tcg_constant_i32(-1),
                      tcg_constant_i32((neg ? X86_ATOMIC_NEG : X86_ATOMIC_XOR) | ot));
        if (neg) {
            tcg_gen_neg_i32(res, a);
            x86_set_cc(s, CC_OP_SUB, ot, res, a, tcg_constant_i32(0));
        }
        return;
    }
    TCGv_i32 addr;
    x86_gen_ld_rm(s, modrm, ot, a, &addr);
    if (neg) {
        tcg_gen_neg_i32(res, a);
    } else {
        tcg_gen_not_i32(res, a);
    }
    x86_gen_st_rm(s, modrm, ot, res, addr);
    if (neg) {
        x86_set_cc(s, CC_OP_SUB, ot, res, a, tcg_constant_i32(0));
    }
}

static void x86_gen_mul(DisasContext *s, MemOp ot, TCGv_i32 v, bool sign)
{
    TCGv_i32 a = tcg_temp_new_i32(), lo = tcg_temp_new_i32();
    TCGv_i32 hi = tcg_temp_new_i32(), ovf = tcg_temp_new_i32();
    if (ot == MO_32) {
        if (sign) {
            tcg_gen_muls2_i32(lo, hi, x86_regs[R_EAX], v);
            tcg_gen_sari_i32(ovf, lo, 31);
            tcg_gen_sub_i32(ovf, hi, ovf);
        } else {
            tcg_gen_mulu2_i32(lo, hi, x86_regs[R_EAX], v);
            tcg_gen_mov_i32(ovf, hi);
        }
        tcg_gen_mov_i32(x86_regs[R_EAX], lo);
        tcg_gen_mov_i32(x86_regs[R_EDX], hi);
        x86_set_cc(s, CC_OP_MUL, ot, lo, ovf, NULL);
        return;
    }
    TCGv_i32 b = tcg_temp_new_i32();
    x86_gen_ext(ot, a, x86_regs[R_EAX], sign);
    x86_gen_ext(ot, b, v, sign);
    tcg_gen_mul_i32(lo, a, b);
    /* ovf = product - (product truncated to ot and re-extended) */
    x86_gen_ext(ot, ovf, lo, sign);
    tcg_gen_sub_i32(ovf, lo, ovf);
    if (ot == MO_8) {
        x86_gen_op_mov_reg_v(s, MO_16, R_EAX, lo);
    } else {
        x86_gen_op_mov_reg_v(s, MO_16, R_EAX, lo);
        tcg_gen_shri_i32(hi, lo, 16);
        x86_gen_op_mov_reg_v(s, MO_16, R_EDX, hi);
    }
    x86_set_cc(s, CC_OP_MUL, ot, lo, ovf, NULL);
}

bool x86_op_grp3(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    int modrm = x86_ldub_code(s);
    int op = (modrm >> 3) & 7;
    X86Modrm m = x86_split_modrm(modrm);
    TCGv_i32 v = tcg_temp_new_i32();
    switch (op) {
    case 0:
    case 1: {
        TCGv_i32 a = tcg_temp_new_i32(), res = tcg_temp_new_i32();
        if (m.mod == 3) {
            x86_gen_op_mov_v_reg(s, ot, a, m.rm);
        } else {
            TCGv_i32 addr = x86_gen_lea_modrm(s, modrm);
            x86_gen_ld(s, ot, a, addr);
        }
        tcg_gen_andi_i32(res, a, x86_ld_imm(s, ot));
        x86_set_cc(s, CC_OP_LOGIC, ot, res, NULL, NULL);
        return true;
    }
    case 2:
    case 3:
        x86_gen_not_neg(s, ot, modrm, op == 3);
        return true;
    case 4:
    case 5:
        x86_gen_ld_rm(s, modrm, ot, v, NULL);
        x86_gen_mul(s, ot, v, op == 5);
        return true;
    default:
        x86_gen_ld_rm(s, modrm, ot, v, NULL);
        tcg_gen_call3(&x86_helper_info_divide, NULL, tcg_env(),
                      tcg_constant_i32(ot | (op == 7 ? 4 : 0)), v);
        return true;
    }
}

/* IMUL Gv, Ev (0F AF), IMUL Gv, Ev, Iz (69), IMUL Gv, Ev, Ib (6B). */
bool x86_op_imul(DisasContext *s, int b)
{
    MemOp ot = s->dflag;
    int modrm = x86_ldub_code(s);
    int reg = (modrm >> 3) & 7;
    TCGv_i32 a = tcg_temp_new_i32(), v = tcg_temp_new_i32();
    x86_gen_ld_rm(s, modrm, ot, a, NULL);
    if (b == 0x69) {
        tcg_gen_movi_i32(v, x86_ld_imm(s, ot));
    } else if (b == 0x6b) {
        tcg_gen_movi_i32(v, (uint32_t)(int8_t)x86_ldub_code(s));
    } else {
        x86_gen_op_mov_v_reg(s, ot, v, reg);
    }
    TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
    TCGv_i32 ovf = tcg_temp_new_i32();
    if (ot == MO_32) {
        tcg_gen_muls2_i32(lo, hi, a, v);
        tcg_gen_sari_i32(ovf, lo, 31);
        tcg_gen_sub_i32(ovf, hi, ovf);
    } else {
        tcg_gen_ext16s_i32(a, a);
        tcg_gen_ext16s_i32(v, v);
        tcg_gen_mul_i32(lo, a, v);
        tcg_gen_ext16s_i32(ovf, lo);
        tcg_gen_sub_i32(ovf, lo, ovf);
    }
    x86_gen_op_mov_reg_v(s, ot, reg, lo);
    x86_set_cc(s, CC_OP_MUL, ot, lo, ovf, NULL);
    return true;
}

/* ---- CMPXCHG, XADD, CMPXCHG8B ---- */

bool x86_op_cmpxchg(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    TCGv_i32 src = tcg_temp_new_i32(), acc = tcg_temp_new_i32();
    TCGv_i32 old = tcg_temp_new_i32(), res = tcg_temp_new_i32();
    x86_gen_op_mov_v_reg(s, ot, src, m.reg);
    x86_gen_op_mov_v_reg(s, ot, acc, R_EAX);
    if (m.mod == 3) {
        x86_gen_op_mov_v_reg(s, ot, old, m.rm);
        TCGv_i32 nv = tcg_temp_new_i32();
        tcg_gen_movcond_i32(TCG_COND_EQ, nv, old, acc, src, old);
        x86_gen_op_mov_reg_v(s, ot, R_EAX, old);
        x86_gen_op_mov_reg_v(s, ot, m.rm, nv);
    } else {
        TCGv_i32 addr = x86_gen_lea_modrm(s, modrm);
        x86_gen_check_store(s, addr, ot);
        tcg_gen_call5(&x86_helper_info_atomic_cmpxchg, tcgv_i32_temp(old),
                      tcg_env(), addr, acc, src, tcg_constant_i32(ot));
        x86_gen_op_mov_reg_v(s, ot, R_EAX, old);
    }
    tcg_gen_sub_i32(res, acc, old);
    x86_set_cc(s, CC_OP_SUB, ot, res, old, acc);
    return true;
}

bool x86_op_xadd(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    TCGv_i32 src = tcg_temp_new_i32(), old = tcg_temp_new_i32();
    TCGv_i32 res = tcg_temp_new_i32();
    x86_gen_op_mov_v_reg(s, ot, src, m.reg);
    if (m.mod == 3) {
        x86_gen_op_mov_v_reg(s, ot, old, m.rm);
        tcg_gen_add_i32(res, old, src);
        x86_gen_op_mov_reg_v(s, ot, m.reg, old);
        x86_gen_op_mov_reg_v(s, ot, m.rm, res);
    } else {
        TCGv_i32 addr = x86_gen_lea_modrm(s, modrm);
        if (s->prefixes & PREFIX_LOCK) {
            x86_gen_check_store(s, addr, ot);
            tcg_gen_call4(&x86_helper_info_atomic_rmw, tcgv_i32_temp(old),
                          tcg_env(), addr, src,
                          tcg_constant_i32(X86_ATOMIC_ADD | ot));
            tcg_gen_add_i32(res, old, src);
        } else {
            x86_gen_ld(s, ot, old, addr);
            tcg_gen_add_i32(res, old, src);
            x86_gen_st(s, ot, res, addr);
            x86_insn_mark_rmw(s);
        }
        x86_gen_op_mov_reg_v(s, ot, m.reg, old);
    }
    x86_set_cc(s, CC_OP_ADD, ot, res, src, NULL);
    return true;
}

bool x86_op_cmpxchg8b(DisasContext *s, int b)
{
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    if (m.mod == 3 || m.reg != 1) {
        return false;
    }
    TCGv_i32 addr = x86_gen_lea_modrm(s, modrm);
    TCGv_i64 cmp = tcg_temp_new_i64(), nv = tcg_temp_new_i64();
    TCGv_i64 old = tcg_temp_new_i64();
    tcg_gen_concat_i32_i64(cmp, x86_regs[R_EAX], x86_regs[R_EDX]);
    tcg_gen_concat_i32_i64(nv, x86_regs[R_EBX], x86_regs[R_ECX]);
    x86_gen_check_store(s, addr, MO_64);
    tcg_gen_call4(&x86_helper_info_atomic_cmpxchg8b, tcgv_i64_temp(old),
                  tcg_env(), addr, cmp, nv);
    TCGv_i64 eq64 = tcg_temp_new_i64();
    tcg_gen_setcond_i64(TCG_COND_EQ, eq64, old, cmp);
    tcg_gen_extrl_i64_i32(x86_regs[R_EAX], old);
    tcg_gen_extrh_i64_i32(x86_regs[R_EDX], old);
    TCGv_i32 eq = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(eq, eq64);
    x86_gen_compute_eflags(s);
    TCGv_i32 f = tcg_temp_new_i32();
    tcg_gen_andi_i32(f, x86_cc_src, ~(uint32_t)CC_Z);
    tcg_gen_shli_i32(eq, eq, 6);
    tcg_gen_or_i32(f, f, eq);
    x86_set_cc_eflags(s, f);
    return true;
}
