/*
 * The x86-64 backend's ops: the operand constraints of every op (as data)
 * and one small emitter per op. i32 values live zero-extended in 64-bit
 * registers; 32-bit instructions keep them so.
 */
#include <stdio.h>
#include <stdlib.h>

#include "exec/softmmu.h"
#include "exec/tb.h"
#include "tcg/x86_64/x86-emit.h"

/* ---- constraints ---- */

/* Registers an op may get; rbp (env, biased: see X64_ENV_BIAS) only as
 * the base of ld/st (C_BASE). */
#define X64_R_ALL (0xffffu & ~(1u << X64_RSP | 1u << X64_R10 | 1u << X64_R11 | \
                               1u << X64_R14 | 1u << X64_REG_ENV))
#define X64_R_BASE (X64_R_ALL | 1u << X64_REG_ENV)
#define X64_R_NOCX (X64_R_ALL & ~(1u << X64_RCX))
#define X64_R_NOAXDX (X64_R_ALL & ~(1u << X64_RAX | 1u << X64_RDX))

#define C_R      { .regs = X64_R_ALL }
#define C_RI     { .regs = X64_R_ALL, .ct = TCG_CT_CONST_S32 }
#define C_RANY   { .regs = X64_R_ALL, .ct = TCG_CT_CONST }
#define C_NEW    { .regs = X64_R_ALL, .newreg = true }
#define C_ALIAS(n) { .regs = X64_R_ALL, .aliased = true, .alias_input = (n) }
#define C_BASE   { .regs = X64_R_BASE }

static const TCGOpConstraints x64_c_none = { { { 0 } } };
static const TCGOpConstraints x64_c_binary = { { C_ALIAS(0), C_R, C_RI } };
static const TCGOpConstraints x64_c_add = { { C_R, C_R, C_RI } };
static const TCGOpConstraints x64_c_lea = { { C_R, C_R, C_R } };
static const TCGOpConstraints x64_c_unary_alias = { { C_ALIAS(0), C_R } };
static const TCGOpConstraints x64_c_unary = { { C_R, C_R } };
static const TCGOpConstraints x64_c_shift = { {
    { .regs = X64_R_NOCX, .aliased = true, .alias_input = 0 },
    { .regs = X64_R_NOCX },
    { .regs = 1u << X64_RCX, .ct = TCG_CT_CONST },
} };
static const TCGOpConstraints x64_c_deposit = { { C_ALIAS(0), C_R, C_R } };
static const TCGOpConstraints x64_c_count = { { C_NEW, C_R, C_RANY } };
static const TCGOpConstraints x64_c_ctpop = { { C_NEW, C_R } };
static const TCGOpConstraints x64_c_setcond = { { C_R, C_R, C_RI } };
static const TCGOpConstraints x64_c_movcond = { { C_ALIAS(3), C_R, C_RI, C_R, C_R } };
static const TCGOpConstraints x64_c_brcond = { { C_R, C_RI } };
static const TCGOpConstraints x64_c_mul2 = { {
    { .regs = 1u << X64_RAX, .aliased = true, .alias_input = 0 },
    { .regs = 1u << X64_RDX },
    { .regs = 1u << X64_RAX },
    { .regs = X64_R_NOAXDX },
} };
static const TCGOpConstraints x64_c_addsub2 = { { C_ALIAS(0), C_ALIAS(1), C_R, C_R, C_RI, C_RI } };
static const TCGOpConstraints x64_c_ld = { { C_R, C_BASE } };
static const TCGOpConstraints x64_c_guest_ld = { { C_R, C_R } };
static const TCGOpConstraints x64_c_st = { { C_RI, C_BASE } };
static const TCGOpConstraints x64_c_guest_st = { { C_RANY, C_R } };
static const TCGOpConstraints x64_c_goto_ptr = { { C_R } };
static const TCGOpConstraints x64_c_float = { { C_R, C_R, C_R } };
static const TCGOpConstraints x64_c_fma = { { C_R, C_R, C_R, C_R } };
static const TCGOpConstraints x64_c_sse = { { C_BASE } };

const TCGOpConstraints *x64_op_constraints(const TCGOp *op)
{
    switch ((TCGOpcode)op->opc) {
    case INDEX_op_br:
    case INDEX_op_mb:
    case INDEX_op_exit_tb:
    case INDEX_op_goto_tb:
        return &x64_c_none;
    case INDEX_op_add:
        return &x64_c_add;
    case INDEX_op_lea:
        return &x64_c_lea;
    case INDEX_op_sub: case INDEX_op_mul:
    case INDEX_op_and: case INDEX_op_or: case INDEX_op_xor:
    case INDEX_op_andc: case INDEX_op_orc: case INDEX_op_eqv:
    case INDEX_op_nand: case INDEX_op_nor:
        return &x64_c_binary;
    case INDEX_op_neg: case INDEX_op_not:
    case INDEX_op_bswap16: case INDEX_op_bswap32: case INDEX_op_bswap64:
        return &x64_c_unary_alias;
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
        return &x64_c_shift;
    case INDEX_op_ext8s: case INDEX_op_ext8u: case INDEX_op_ext16s:
    case INDEX_op_ext16u: case INDEX_op_ext32s: case INDEX_op_ext32u:
    case INDEX_op_ext_i32_i64: case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32: case INDEX_op_extrh_i64_i32:
    case INDEX_op_extract: case INDEX_op_sextract:
        return &x64_c_unary;
    case INDEX_op_deposit:
        return &x64_c_deposit;
    case INDEX_op_clz: case INDEX_op_ctz:
        return &x64_c_count;
    case INDEX_op_ctpop:
        return &x64_c_ctpop;
    case INDEX_op_setcond:
        return &x64_c_setcond;
    case INDEX_op_movcond:
        return &x64_c_movcond;
    case INDEX_op_brcond:
        return &x64_c_brcond;
    case INDEX_op_mulu2: case INDEX_op_muls2:
        return &x64_c_mul2;
    case INDEX_op_add2: case INDEX_op_sub2:
        return &x64_c_addsub2;
    case INDEX_op_ld:
        return &x64_c_ld;
    case INDEX_op_guest_ld:
        return &x64_c_guest_ld;
    case INDEX_op_st:
        return &x64_c_st;
    case INDEX_op_guest_st:
        return &x64_c_guest_st;
    case INDEX_op_goto_ptr: case INDEX_op_x87_guest:
        return &x64_c_goto_ptr;
    case INDEX_op_x87:          /* env as the base needs no lea */
        return &x64_c_sse;
    case INDEX_op_fadd: case INDEX_op_fsub: case INDEX_op_fmul: case INDEX_op_fdiv:
        return &x64_c_float;
    case INDEX_op_fma:
        return &x64_c_fma;
    case INDEX_op_sse:
        return &x64_c_sse;
    default:
        return NULL;
    }
}

/* ---- conditions ---- */

static const uint8_t x64_cc[16] = {
    [TCG_COND_EQ] = 0x4, [TCG_COND_NE] = 0x5,
    [TCG_COND_LT] = 0xc, [TCG_COND_GE] = 0xd,
    [TCG_COND_LE] = 0xe, [TCG_COND_GT] = 0xf,
    [TCG_COND_LTU] = 0x2, [TCG_COND_GEU] = 0x3,
    [TCG_COND_LEU] = 0x6, [TCG_COND_GTU] = 0x7,
};

static void x64_out_cmp(TCGContext *s, int rexw, int a, TCGArg b, bool b_const)
{
    if (b_const && (int64_t)b == 0) {
        x64_out_modrm(s, 0x85 | rexw, a, a);   /* test a, a */
    } else if (b_const) {
        x64_out_arith_ri(s, ARITH_CMP, rexw, a, (int64_t)b);
    } else {
        x64_out_arith_rr(s, ARITH_CMP, rexw, a, (int)b);
    }
}

/* ---- op emitters ---- */

static int x64_rexw(const TCGOp *op)
{
    return op->type == TCG_TYPE_I64 ? P_REXW : 0;
}

static int x64_width(const TCGOp *op)
{
    return op->type == TCG_TYPE_I64 ? 64 : 32;
}

static void x64_out_binary(TCGContext *s, const TCGOp *op, int aop,
                           const TCGArg *a, const bool *c)
{
    if (c[2]) {
        x64_out_arith_ri(s, aop, x64_rexw(op), a[0], (int64_t)a[2]);
    } else {
        x64_out_arith_rr(s, aop, x64_rexw(op), a[0], a[2]);
    }
}

/* add is three-operand: in place when the output shares an input's
 * register, else one lea. */
static void x64_out_add(TCGContext *s, const TCGOp *op, const TCGArg *a,
                        const bool *c)
{
    int rexw = x64_rexw(op), out = a[0], in = a[1];

    if (c[2]) {
        int32_t imm = (int32_t)a[2];
        if (out == in) {
            if (imm != 0) {
                x64_out_arith_ri(s, ARITH_ADD, rexw, out, imm);
            }
        } else {
            x64_out_modrm_mem(s, 0x8d | rexw, out, in, -1, imm);
        }
    } else if (out == in) {
        x64_out_arith_rr(s, ARITH_ADD, rexw, out, a[2]);
    } else if (out == (int)a[2]) {
        x64_out_arith_rr(s, ARITH_ADD, rexw, out, in);
    } else {
        x64_out_modrm_mem(s, 0x8d | rexw, out, in, a[2], 0);
    }
}

static void x64_out_not(TCGContext *s, int rexw, int reg)
{
    x64_out_modrm(s, 0xf7 | rexw, 2, reg);
}

/* out = a OP ~b. */
static void x64_out_complement_op(TCGContext *s, const TCGOp *op, int aop,
                                  const TCGArg *a, const bool *c)
{
    int rexw = x64_rexw(op);
    if (c[2]) {
        x64_out_arith_ri(s, aop, rexw, a[0], ~(int64_t)a[2]);
    } else {
        x64_out_mov(s, op->type, X64_TMP, a[2]);
        x64_out_not(s, rexw, X64_TMP);
        x64_out_arith_rr(s, aop, rexw, a[0], X64_TMP);
    }
}

static void x64_out_mul(TCGContext *s, const TCGOp *op, const TCGArg *a,
                        const bool *c)
{
    int rexw = x64_rexw(op);
    if (c[2]) {
        int32_t v = (int32_t)a[2];
        if (v == (int8_t)v) {
            x64_out_modrm(s, 0x6b | rexw, a[0], a[0]);
            x64_out8(s, (uint8_t)v);
        } else {
            x64_out_modrm(s, 0x69 | rexw, a[0], a[0]);
            x64_out32(s, (uint32_t)v);
        }
    } else {
        x64_out_modrm(s, P_EXT | 0xaf | rexw, a[0], a[2]);
    }
}

static void x64_out_shift(TCGContext *s, const TCGOp *op, int sop,
                          const TCGArg *a, const bool *c)
{
    if (c[2]) {
        int n = (int)(a[2] & (x64_width(op) - 1));
        if (n) {
            x64_out_shift_ri(s, sop, x64_rexw(op), a[0], n);
        }
    } else {
        x64_out_modrm(s, 0xd3 | x64_rexw(op), sop, a[0]);
    }
}

static void x64_out_setcond(TCGContext *s, const TCGOp *op, const TCGArg *a,
                            const bool *c)
{
    TCGCond cond = (TCGCond)a[3];
    if (cond == TCG_COND_NEVER || cond == TCG_COND_ALWAYS) {
        x64_out_movi(s, TCG_TYPE_I32, a[0], cond == TCG_COND_ALWAYS);
        return;
    }
    x64_out_cmp(s, x64_rexw(op), a[1], a[2], c[2]);
    x64_out_modrm(s, P_EXT | (0x90 + x64_cc[cond]) | P_REXB_RM, 0, a[0]);
    x64_out_modrm(s, P_EXT | 0xb6 | P_REXB_RM, a[0], a[0]);
}

static void x64_out_movcond(TCGContext *s, const TCGOp *op, const TCGArg *a,
                            const bool *c)
{
    TCGCond cond = (TCGCond)a[5];
    int rexw = x64_rexw(op);
    if (cond == TCG_COND_NEVER) {
        return;                        /* out already holds v2 */
    }
    if (cond == TCG_COND_ALWAYS) {
        x64_out_mov(s, op->type, a[0], a[3]);
        return;
    }
    x64_out_cmp(s, rexw, a[1], a[2], c[2]);
    x64_out_modrm(s, P_EXT | (0x40 + x64_cc[cond]) | rexw, a[0], a[3]);
}

/*
 * A conditional branch to a label that only it names and that starts a
 * goto_tb exit (the taken side of a guest Jcc) is itself that exit's
 * patchable jump: chained, the taken side costs one jump instead of a jcc
 * to a jmp, and the goto_tb emits no jmp of its own (6 bytes less). Its
 * rel32 field is 4-byte aligned like goto_tb's (x64_set_jmp_target writes
 * it atomically); unchained it leads to the label, the exit's stub.
 * x64_fused_slots: the goto_tb slots taken over so, in this block.
 */
static unsigned x64_fused_slots;

/* The goto_tb slot that label l of brcond op starts, if op can be its
 * jump: -1 otherwise. */
static int x64_brcond_fused_slot(TCGContext *s, const TCGOp *op, TCGLabel *l)
{
    const TCGOp *end = &s->ops[s->nb_ops], *p;
    if (!x64_cur_tb || l->refs != 1) {
        return -1;
    }
    for (p = op + 1; p < end; p++) {
        if (p->opc == INDEX_op_set_label && arg_label(p->args[0]) == l) {
            break;
        }
    }
    if (p == end) {
        return -1;
    }
    for (p++; p < end && (p->opc == INDEX_op_nop || p->opc == INDEX_op_set_label); p++) {
    }
    if (p >= end || p->opc != INDEX_op_goto_tb || (x64_fused_slots >> p->args[0]) & 1) {
        return -1;
    }
    /* Another branch to l would reach the stub, not the chained jump:
     * correct but slow. refs counts the branches naming l (tcg.c, the
     * optimizer recounts). */
    return l->refs == 1 ? (int)p->args[0] : -1;
}

static void x64_out_brcond(TCGContext *s, const TCGOp *op, const TCGArg *a,
                           const bool *c)
{
    TCGCond cond = (TCGCond)a[2];
    TCGLabel *l = arg_label(a[3]);
    if (cond == TCG_COND_NEVER) {
        return;
    }
    if (cond == TCG_COND_ALWAYS) {
        x64_out8(s, 0xe9);
    } else {
        int n = x64_brcond_fused_slot(s, op, l);
        x64_out_cmp(s, x64_rexw(op), a[0], a[1], c[1]);
        if (n >= 0) {
            /* nops keep the flags: the field at code_ptr + 2 aligned */
            x64_out_nops(s, (int)((-(tcg_code_rx(s, s->code_ptr) + 2)) & 3));
            if (s->code_ptr + 6 - x64_cur_start > 0xffff) {
                x64_too_large = true;
            }
            x64_fused_slots |= 1u << n;
            /* the offset x64_set_jmp_target expects: field at + 1, end at + 5 */
            x64_cur_tb->jmp_insn_offset[n] = (uint16_t)(s->code_ptr + 1 - x64_cur_start);
        }
        x64_out8(s, 0x0f);
        x64_out8(s, 0x80 + x64_cc[cond]);
    }
    x64_out_label_ref(s, l);
}

/* out = (a & ~(mask << pos)) | ((b & mask) << pos) via rotate + SHLD. */
static void x64_out_deposit(TCGContext *s, const TCGOp *op, const TCGArg *a)
{
    int rexw = x64_rexw(op), w = x64_width(op);
    int out = a[0], b = a[2];
    int pos = (int)a[3], len = (int)a[4];

    if (len <= 0 || pos + len > w) {
        return;                        /* out = a, already there */
    }
    if (len == w) {
        x64_out_mov(s, op->type, out, b);
        return;
    }
    x64_out_mov(s, op->type, X64_TMP, b);
    x64_out_shift_ri(s, SHIFT_SHL, rexw, X64_TMP, w - len);
    if (pos) {
        x64_out_shift_ri(s, SHIFT_ROR, rexw, out, pos);
    }
    x64_out_shift_ri(s, SHIFT_SHR, rexw, out, len);
    /* shld out, tmp, len */
    x64_out_modrm(s, P_EXT | 0xa4 | rexw, X64_TMP, out);
    x64_out8(s, (uint8_t)len);
    if (pos) {
        x64_out_shift_ri(s, SHIFT_ROL, rexw, out, pos);
    }
}

static void x64_out_extract(TCGContext *s, const TCGOp *op, const TCGArg *a,
                            bool sign)
{
    int rexw = x64_rexw(op), w = x64_width(op);
    int out = a[0], in = a[1];
    int pos = (int)a[2], len = (int)a[3];

    if (len <= 0 || pos + len > w) {
        x64_out_movi(s, op->type, out, 0);
        return;
    }
    if (pos == 0 && len == 8) {
        x64_out_modrm(s, sign ? (P_EXT | 0xbe | rexw | P_REXB_RM)
                              : (P_EXT | 0xb6 | P_REXB_RM), out, in);
        return;
    }
    if (pos == 0 && len == 16) {
        x64_out_modrm(s, sign ? (P_EXT | 0xbf | rexw) : (P_EXT | 0xb7), out, in);
        return;
    }
    if (pos == 0 && len == 32 && w == 64) {
        x64_out_modrm(s, sign ? (0x63 | P_REXW) : 0x8b, out, in);
        return;
    }
    x64_out_mov(s, op->type, out, in);
    if (w - pos - len) {
        x64_out_shift_ri(s, SHIFT_SHL, rexw, out, w - pos - len);
    }
    if (w - len) {
        x64_out_shift_ri(s, sign ? SHIFT_SAR : SHIFT_SHR, rexw, out, w - len);
    }
}

/* clz/ctz: out = a ? count(a) : z. */
static void x64_out_count_zeros(TCGContext *s, const TCGOp *op, const TCGArg *a,
                                const bool *c, bool leading)
{
    int rexw = x64_rexw(op), w = x64_width(op);
    int out = a[0], in = a[1];
    bool fast = leading ? (x64_features & X64_FEAT_LZCNT)
                        : (x64_features & X64_FEAT_BMI1);
    int zreg = X64_TMP;

    if (fast) {
        /* lzcnt/tzcnt give w for 0 and set CF. */
        x64_out_modrm(s, P_SIMDF3 | P_EXT | (leading ? 0xbd : 0xbc) | rexw, out, in);
        if (c[2] && (int64_t)a[2] == w) {
            return;
        }
        if (c[2]) {
            x64_out_movi_keep_flags(s, op->type, X64_TMP, (int64_t)a[2]);
        } else {
            zreg = a[2];
        }
        x64_out_modrm(s, P_EXT | 0x42 | rexw, out, zreg);  /* cmovb */
        return;
    }
    if (!leading) {
        /* bsf sets ZF for a zero input, leaving out undefined. */
        if (c[2]) {
            x64_out_movi(s, op->type, X64_TMP, (int64_t)a[2]);
        } else {
            zreg = a[2];
        }
        x64_out_modrm(s, P_EXT | 0xbc | rexw, out, in);
        x64_out_modrm(s, P_EXT | 0x44 | rexw, out, zreg);  /* cmovz */
        return;
    }
    /* clz = (w - 1) ^ bsr; select z ^ (w - 1) before the final xor. */
    if (c[2]) {
        x64_out_movi(s, op->type, X64_TMP, (int64_t)a[2] ^ (w - 1));
    } else {
        x64_out_mov(s, op->type, X64_TMP, a[2]);
        x64_out_arith_ri(s, ARITH_XOR, rexw, X64_TMP, w - 1);
    }
    x64_out_modrm(s, P_EXT | 0xbd | rexw, out, in);
    x64_out_modrm(s, P_EXT | 0x44 | rexw, out, X64_TMP);
    x64_out_arith_ri(s, ARITH_XOR, rexw, out, w - 1);
}

/* Population count without POPCNT: the usual SWAR reduction. */
static void x64_out_ctpop_soft(TCGContext *s, const TCGOp *op, int out, int in)
{
    bool q = op->type == TCG_TYPE_I64;
    TCGType t = (TCGType)op->type;
    int rexw = x64_rexw(op);
    uint64_t m1 = q ? 0x5555555555555555ull : 0x55555555u;
    uint64_t m2 = q ? 0x3333333333333333ull : 0x33333333u;
    uint64_t m4 = q ? 0x0f0f0f0f0f0f0f0full : 0x0f0f0f0fu;
    uint64_t h01 = q ? 0x0101010101010101ull : 0x01010101u;

    x64_out_mov(s, t, out, in);
    /* x -= (x >> 1) & m1 */
    x64_out_mov(s, t, X64_TMP, out);
    x64_out_shift_ri(s, SHIFT_SHR, rexw, X64_TMP, 1);
    x64_out_movi(s, t, X64_TMP2, (int64_t)m1);
    x64_out_arith_rr(s, ARITH_AND, rexw, X64_TMP, X64_TMP2);
    x64_out_arith_rr(s, ARITH_SUB, rexw, out, X64_TMP);
    /* x = (x & m2) + ((x >> 2) & m2) */
    x64_out_movi(s, t, X64_TMP2, (int64_t)m2);
    x64_out_mov(s, t, X64_TMP, out);
    x64_out_shift_ri(s, SHIFT_SHR, rexw, X64_TMP, 2);
    x64_out_arith_rr(s, ARITH_AND, rexw, X64_TMP, X64_TMP2);
    x64_out_arith_rr(s, ARITH_AND, rexw, out, X64_TMP2);
    x64_out_arith_rr(s, ARITH_ADD, rexw, out, X64_TMP);
    /* x = (x + (x >> 4)) & m4 */
    x64_out_mov(s, t, X64_TMP, out);
    x64_out_shift_ri(s, SHIFT_SHR, rexw, X64_TMP, 4);
    x64_out_arith_rr(s, ARITH_ADD, rexw, out, X64_TMP);
    x64_out_movi(s, t, X64_TMP2, (int64_t)m4);
    x64_out_arith_rr(s, ARITH_AND, rexw, out, X64_TMP2);
    /* x = (x * h01) >> (w - 8) */
    x64_out_movi(s, t, X64_TMP2, (int64_t)h01);
    x64_out_modrm(s, P_EXT | 0xaf | rexw, out, X64_TMP2);
    x64_out_shift_ri(s, SHIFT_SHR, rexw, out, q ? 56 : 24);
}

static void x64_out_ctpop(TCGContext *s, const TCGOp *op, const TCGArg *a)
{
    if (x64_features & X64_FEAT_POPCNT) {
        x64_out_modrm(s, P_SIMDF3 | P_EXT | 0xb8 | x64_rexw(op), a[0], a[1]);
    } else {
        x64_out_ctpop_soft(s, op, a[0], a[1]);
    }
}

static void x64_out_bswap_op(TCGContext *s, const TCGOp *op, const TCGArg *a)
{
    switch ((TCGOpcode)op->opc) {
    case INDEX_op_bswap16:
        x64_out_bswap(s, 0, a[0]);
        x64_out_shift_ri(s, SHIFT_SHR, 0, a[0], 16);
        break;
    case INDEX_op_bswap32:
        x64_out_bswap(s, 0, a[0]);
        break;
    default:
        x64_out_bswap(s, P_REXW, a[0]);
        break;
    }
}

static void x64_out_ext(TCGContext *s, const TCGOp *op, const TCGArg *a)
{
    int rexw = x64_rexw(op), out = a[0], in = a[1];

    switch ((TCGOpcode)op->opc) {
    case INDEX_op_ext8s:
        x64_out_modrm(s, P_EXT | 0xbe | rexw | P_REXB_RM, out, in);
        break;
    case INDEX_op_ext8u:
        x64_out_modrm(s, P_EXT | 0xb6 | P_REXB_RM, out, in);
        break;
    case INDEX_op_ext16s:
        x64_out_modrm(s, P_EXT | 0xbf | rexw, out, in);
        break;
    case INDEX_op_ext16u:
        x64_out_modrm(s, P_EXT | 0xb7, out, in);
        break;
    case INDEX_op_ext32s:
    case INDEX_op_ext_i32_i64:
        x64_out_modrm(s, 0x63 | P_REXW, out, in);
        break;
    case INDEX_op_extrh_i64_i32:
        x64_out_mov(s, TCG_TYPE_I64, out, in);
        x64_out_shift_ri(s, SHIFT_SHR, P_REXW, out, 32);
        break;
    default: /* ext32u, extu_i32_i64, extrl_i64_i32 */
        x64_out_modrm(s, 0x8b, out, in);
        break;
    }
}

/* mulu2/muls2: rdx:rax = rax * b. */
static void x64_out_mul2(TCGContext *s, const TCGOp *op, const TCGArg *a)
{
    int ext = op->opc == INDEX_op_mulu2 ? 4 : 5;
    x64_out_modrm(s, 0xf7 | x64_rexw(op), ext, a[3]);
}

static void x64_out_addsub2(TCGContext *s, const TCGOp *op, const TCGArg *a,
                            const bool *c)
{
    bool add = op->opc == INDEX_op_add2;
    int rexw = x64_rexw(op);
    int lo = add ? ARITH_ADD : ARITH_SUB, hi = add ? ARITH_ADC : ARITH_SBB;

    if (c[4]) {
        x64_out_arith_ri(s, lo, rexw, a[0], (int64_t)a[4]);
    } else {
        x64_out_arith_rr(s, lo, rexw, a[0], a[4]);
    }
    if (c[5]) {
        x64_out_arith_ri(s, hi, rexw, a[1], (int64_t)a[5]);
    } else {
        x64_out_arith_rr(s, hi, rexw, a[1], a[5]);
    }
}

/* The load of a read-modify-write (MO_RMW): an XADD of zero (not
 * locked) from X64_TMP, so that the host CPU accesses the operand's bytes
 * for writing in its own page order and a fault is the guest
 * instruction's native one (write error code, the first page that
 * refuses, the present bit of its page-table entry); the bytes keep their
 * value. Then X64_TMP, zero-extended, goes to dst per the MemOp. */
static void x64_out_guest_ld_rmw(TCGContext *s, TCGType type, MemOp mo, int dst,
                                 int addr)
{
    static const int xadd[4] = {
        P_EXT | 0xc0, P_EXT | 0xc1 | P_DATA16, P_EXT | 0xc1, P_EXT | 0xc1 | P_REXW,
    };
    int rexw = type == TCG_TYPE_I64 ? P_REXW : 0;
    bool sign = mo & MO_SIGN, swap = mo & MO_BSWAP;

    x64_out_arith_rr(s, ARITH_XOR, 0, X64_TMP, X64_TMP);
    x64_out_modrm_mem(s, xadd[mo & MO_SIZE], X64_TMP, X64_REG_GUEST_BASE, addr, 0);
    switch (mo & MO_SIZE) {
    case MO_8:
        x64_out_modrm(s, sign ? (P_EXT | 0xbe | rexw) : (P_EXT | 0xb6), dst, X64_TMP);
        break;
    case MO_16:
        if (swap) {
            x64_out_shift_ri(s, SHIFT_ROL, P_DATA16, X64_TMP, 8);
        }
        x64_out_modrm(s, sign ? (P_EXT | 0xbf | rexw) : (P_EXT | 0xb7), dst, X64_TMP);
        break;
    case MO_32:
        if (swap) {
            x64_out_bswap(s, 0, X64_TMP);
        }
        x64_out_modrm(s, sign && rexw ? (0x63 | P_REXW) : 0x8b, dst, X64_TMP);
        break;
    default:
        if (swap) {
            x64_out_bswap(s, P_REXW, X64_TMP);
        }
        x64_out_modrm(s, 0x8b | rexw, dst, X64_TMP);
        break;
    }
}

static void x64_out_guest_ld(TCGContext *s, const TCGOp *op, const TCGArg *a)
{
    if (softmmu_enabled) {
        x64_out_softmmu_ld(s, op, a);
        return;
    }
    if (a[2] & MO_RMW) {
        x64_out_guest_ld_rmw(s, (TCGType)op->type, (MemOp)a[2], a[0], a[1]);
        return;
    }
    x64_out_load_memop(s, (TCGType)op->type, (MemOp)a[2], a[0],
                       X64_REG_GUEST_BASE, a[1], 0);
}

static void x64_out_guest_st(TCGContext *s, const TCGOp *op, const TCGArg *a,
                             const bool *c)
{
    if (softmmu_enabled) {
        x64_out_softmmu_st(s, op, a, c);
        return;
    }
    if (c[0]) {
        x64_out_store_imm_memop(s, (MemOp)a[2], (int64_t)a[0],
                                X64_REG_GUEST_BASE, a[1], 0);
    } else {
        x64_out_store_memop(s, (MemOp)a[2], a[0], X64_REG_GUEST_BASE, a[1], 0);
    }
}

static void x64_out_host_st(TCGContext *s, const TCGOp *op, const TCGArg *a,
                            const bool *c)
{
    if (c[0]) {
        x64_out_store_imm_memop(s, (MemOp)a[3], (int64_t)a[0], a[1], -1,
                                (intptr_t)a[2]);
    } else {
        x64_out_store_memop(s, (MemOp)a[3], a[0], a[1], -1, (intptr_t)a[2]);
    }
}

/* goto_tb n: a jmp rel32 with an aligned, atomically patchable field. */
static void x64_out_goto_tb(TCGContext *s, const TCGOp *op, const TCGArg *a)
{
    int n = (int)a[0];
    TranslationBlock *tb = x64_cur_tb;
    int pad = (int)((-(tcg_code_rx(s, s->code_ptr) + 1)) & 3);

    if (tb && ((x64_fused_slots >> n) & 1)) {
        /* the brcond to here is the jump (x64_out_brcond) */
        tb->jmp_reset_offset[n] = (uint16_t)(s->code_ptr - x64_cur_start);
        tb->jmp_target_addr[n] = tcg_code_rx(s, s->code_ptr);
        return;
    }

    x64_out_nops(s, pad);
    if (s->code_ptr + 5 - x64_cur_start > 0xffff) {
        /* tb.h keeps jump offsets in 16 bits: gen_code reports
         * TCG_GEN_TOO_LARGE and the block is translated again, shorter. */
        x64_too_large = true;
    }
    if (tb) {
        tb->jmp_insn_offset[n] = (uint16_t)(s->code_ptr - x64_cur_start);
    }
    x64_out8(s, 0xe9);
    x64_out32(s, 0);
    if (tb) {
        tb->jmp_reset_offset[n] = (uint16_t)(s->code_ptr - x64_cur_start);
        tb->jmp_target_addr[n] = tcg_code_rx(s, s->code_ptr);
    }
}

/* x87 base, opc, form, operand (tcg-opc.h). */
static void x64_out_x87(TCGContext *s, const TCGArg *a)
{
    int opc = (int)a[1], form = (int)a[2];

    if (form & TCG_X87_0F) {
        opc |= P_EXT;
    }
    if (form & TCG_X87_NO_MODRM) {
        x64_out_opc(s, opc, 0, 0, 0);
    } else if (form & TCG_X87_MEM) {
        x64_out_modrm_mem(s, opc, form & 7, a[0], -1, (intptr_t)a[3]);
    } else {
        x64_out_modrm(s, opc, form & 7, (int)a[3] & 7);
    }
    if (form & TCG_X87_EFLAGS) {
        x64_out8(s, 0x9c);                      /* pushfq; pop qword [] */
        x64_out_modrm_mem(s, 0x8f, 0, a[0], -1, (intptr_t)a[3] >> 3);
    }
}

/* x87_guest addr, opc, form, operand: [guest_base + addr + operand]. */
static void x64_out_x87_guest(TCGContext *s, const TCGArg *a)
{
    x64_out_modrm_mem(s, (int)a[1], (int)a[2] & 7, X64_REG_GUEST_BASE, a[0],
                      (intptr_t)a[3]);
}

/* Binary64 ops through the scratch registers xmm0-xmm2 (generated code
 * keeps nothing in XMM registers): movq the inputs in, one SSE or FMA3
 * instruction under the default MXCSR, movq the result out. */
static void x64_out_movq_to_xmm(TCGContext *s, int xmm, int gpr)
{
    x64_out_modrm(s, P_DATA16 | P_REXW | P_EXT | 0x6e, xmm, gpr);
}

static void x64_out_float(TCGContext *s, const TCGOp *op, const TCGArg *a)
{
    x64_out_movq_to_xmm(s, 0, a[1]);
    x64_out_movq_to_xmm(s, 1, a[2]);
    if (op->opc == INDEX_op_fma) {
        x64_out_movq_to_xmm(s, 2, a[3]);
        /* vfmadd231sd xmm2, xmm0, xmm1: xmm2 = xmm0 * xmm1 + xmm2 */
        static const uint8_t fma[] = { 0xc4, 0xe2, 0xf9, 0xb9, 0xd1 };
        for (size_t i = 0; i < sizeof(fma); i++) {
            x64_out8(s, fma[i]);
        }
        x64_out_modrm(s, P_DATA16 | P_REXW | P_EXT | 0x7e, 2, a[0]);
        return;
    }
    uint8_t sse;
    switch ((TCGOpcode)op->opc) {
    case INDEX_op_fadd: sse = 0x58; break;
    case INDEX_op_fsub: sse = 0x5c; break;
    case INDEX_op_fmul: sse = 0x59; break;
    default: sse = 0x5e; break;   /* fdiv */
    }
    x64_out8(s, 0xf2);            /* addsd/subsd/mulsd/divsd xmm0, xmm1 */
    x64_out8(s, 0x0f);
    x64_out8(s, sse);
    x64_out8(s, 0xc1);
    x64_out_modrm(s, P_DATA16 | P_REXW | P_EXT | 0x7e, 0, a[0]);
}

/* The last jump to x64_tb_ret_addr of the block being emitted (NULL:
 * none yet): later exits of the block reach it with a 2-byte jmp rel8
 * instead of 5 bytes of their own (a block's exits sit together at its
 * end, usually three: two goto_tb paths and the exit-request one).
 * x64_ret_mx_jmp is the same for exits that also release the guest
 * MXCSR at env + x64_ret_mx_off (x64_sse_take_exit_mx): the shared code
 * is the release followed by the jump. */
static const uint8_t *x64_ret_jmp;
static const uint8_t *x64_ret_mx_jmp;
static intptr_t x64_ret_mx_off;

void x64_ops_begin_block(void)
{
    x64_ret_jmp = NULL;
    x64_ret_mx_jmp = NULL;
    x64_fused_slots = 0;
}

static void x64_out_exit_tb(TCGContext *s, uintptr_t val)
{
    if (val == 0) {
        x64_out_jmp_abs(s, (uintptr_t)s->code_gen_epilogue);
        return;
    }
    intptr_t mx = x64_sse_take_exit_mx();
    const uint8_t **tail = mx ? &x64_ret_mx_jmp : &x64_ret_jmp;

    x64_out_movi_keep_flags(s, TCG_TYPE_I64, X64_RAX, (int64_t)val);
    if (*tail && (!mx || mx == x64_ret_mx_off) && *tail - (s->code_ptr + 2) >= -128) {
        x64_out8(s, 0xeb);
        x64_out8(s, (uint8_t)(*tail - (s->code_ptr + 1)));
        return;
    }
    *tail = s->code_ptr;
    if (mx) {
        x64_ret_mx_off = mx;
        x64_sse_out_mx_release(s, mx);
    }
    x64_out_jmp_abs(s, x64_tb_ret_addr);
}

void x64_out_op(TCGContext *s, const TCGOp *op, const TCGArg *a,
                const bool *c)
{
    switch ((TCGOpcode)op->opc) {
    case INDEX_op_add: x64_out_add(s, op, a, c); break;
    case INDEX_op_lea:
        x64_out_modrm_sib(s, 0x8d | x64_rexw(op), a[0], a[1], a[2], (int)a[3],
                          (int32_t)(uint32_t)a[4]);
        break;
    case INDEX_op_sub: x64_out_binary(s, op, ARITH_SUB, a, c); break;
    case INDEX_op_and: x64_out_binary(s, op, ARITH_AND, a, c); break;
    case INDEX_op_or: x64_out_binary(s, op, ARITH_OR, a, c); break;
    case INDEX_op_xor: x64_out_binary(s, op, ARITH_XOR, a, c); break;
    case INDEX_op_andc: x64_out_complement_op(s, op, ARITH_AND, a, c); break;
    case INDEX_op_orc: x64_out_complement_op(s, op, ARITH_OR, a, c); break;
    case INDEX_op_eqv:
        x64_out_binary(s, op, ARITH_XOR, a, c);
        x64_out_not(s, x64_rexw(op), a[0]);
        break;
    case INDEX_op_nand:
        x64_out_binary(s, op, ARITH_AND, a, c);
        x64_out_not(s, x64_rexw(op), a[0]);
        break;
    case INDEX_op_nor:
        x64_out_binary(s, op, ARITH_OR, a, c);
        x64_out_not(s, x64_rexw(op), a[0]);
        break;
    case INDEX_op_mul: x64_out_mul(s, op, a, c); break;
    case INDEX_op_neg: x64_out_modrm(s, 0xf7 | x64_rexw(op), 3, a[0]); break;
    case INDEX_op_not: x64_out_not(s, x64_rexw(op), a[0]); break;
    case INDEX_op_shl: x64_out_shift(s, op, SHIFT_SHL, a, c); break;
    case INDEX_op_shr: x64_out_shift(s, op, SHIFT_SHR, a, c); break;
    case INDEX_op_sar: x64_out_shift(s, op, SHIFT_SAR, a, c); break;
    case INDEX_op_rotl: x64_out_shift(s, op, SHIFT_ROL, a, c); break;
    case INDEX_op_rotr: x64_out_shift(s, op, SHIFT_ROR, a, c); break;
    case INDEX_op_ext8s: case INDEX_op_ext8u: case INDEX_op_ext16s:
    case INDEX_op_ext16u: case INDEX_op_ext32s: case INDEX_op_ext32u:
    case INDEX_op_ext_i32_i64: case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32: case INDEX_op_extrh_i64_i32:
        x64_out_ext(s, op, a);
        break;
    case INDEX_op_deposit: x64_out_deposit(s, op, a); break;
    case INDEX_op_extract: x64_out_extract(s, op, a, false); break;
    case INDEX_op_sextract: x64_out_extract(s, op, a, true); break;
    case INDEX_op_bswap16: case INDEX_op_bswap32: case INDEX_op_bswap64:
        x64_out_bswap_op(s, op, a);
        break;
    case INDEX_op_clz: x64_out_count_zeros(s, op, a, c, true); break;
    case INDEX_op_ctz: x64_out_count_zeros(s, op, a, c, false); break;
    case INDEX_op_ctpop: x64_out_ctpop(s, op, a); break;
    case INDEX_op_setcond: x64_out_setcond(s, op, a, c); break;
    case INDEX_op_movcond: x64_out_movcond(s, op, a, c); break;
    case INDEX_op_brcond: x64_out_brcond(s, op, a, c); break;
    case INDEX_op_br:
        x64_out8(s, 0xe9);
        x64_out_label_ref(s, arg_label(a[0]));
        break;
    case INDEX_op_mulu2: case INDEX_op_muls2: x64_out_mul2(s, op, a); break;
    case INDEX_op_add2: case INDEX_op_sub2: x64_out_addsub2(s, op, a, c); break;
    case INDEX_op_ld:
        x64_out_load_memop(s, (TCGType)op->type, (MemOp)a[3], a[0], a[1], -1,
                           (intptr_t)a[2]);
        break;
    case INDEX_op_st: x64_out_host_st(s, op, a, c); break;
    case INDEX_op_guest_ld: x64_out_guest_ld(s, op, a); break;
    case INDEX_op_guest_st: x64_out_guest_st(s, op, a, c); break;
    case INDEX_op_mb:
        x64_out8(s, 0x0f); x64_out8(s, 0xae); x64_out8(s, 0xf0);  /* mfence */
        break;
    case INDEX_op_exit_tb: x64_out_exit_tb(s, a[0]); break;
    case INDEX_op_goto_tb: x64_out_goto_tb(s, op, a); break;
    case INDEX_op_goto_ptr: x64_out_modrm(s, 0xff, 4, a[0]); break;
    case INDEX_op_x87: x64_out_x87(s, a); break;
    case INDEX_op_x87_guest: x64_out_x87_guest(s, a); break;
    case INDEX_op_sse: x64_out_sse(s, a); break;
    case INDEX_op_fadd: case INDEX_op_fsub: case INDEX_op_fmul: case INDEX_op_fdiv:
    case INDEX_op_fma:
        x64_out_float(s, op, a);
        break;
    default:
        fprintf(stderr, "mimic: internal error: x86-64 backend cannot emit %s\n",
                tcg_op_defs[op->opc].name);
        abort();
    }
}

/* The call itself; arguments are already in place (tcg/regalloc.c). */
void x64_out_call(TCGContext *s, const TCGHelperInfo *info)
{
    x64_out_call_abs(s, (uintptr_t)info->func);
    if (info->ret == TCG_HT_I32) {
        x64_out_modrm(s, 0x8b, X64_RAX, X64_RAX);   /* mov eax, eax */
    }
}
