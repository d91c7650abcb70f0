/*
 * The arithmetic flags of a lazy cc_op state, computed in C: the generic
 * path behind PUSHF, LAHF, ADC on an unknown state and anything the
 * translator does not specialise (see cc.h for what the fields hold).
 */
#include "target-i386/cc.h"
#include "target-i386/translate-int.h"

static uint32_t x86_cc_szp(uint32_t r, uint32_t mask, uint32_t sign)
{
    uint32_t f = 0;
    if ((r & mask) == 0) {
        f |= CC_Z;
    }
    if (r & sign) {
        f |= CC_S;
    }
    uint32_t p = r & 0xff;
    p ^= p >> 4;
    p ^= p >> 2;
    p ^= p >> 1;
    if (!(p & 1)) {
        f |= CC_P;
    }
    return f;
}

static uint32_t x86_cc_of(bool of)
{
    return of ? CC_O : 0;
}

uint32_t x86_cc_compute_all(uint32_t cc_op, uint32_t dst, uint32_t src,
                            uint32_t src2)
{
    if (cc_op == CC_OP_EFLAGS || cc_op >= CC_OP_NB) {
        return src & CC_ARITH_MASK;
    }
    int ot = (cc_op - CC_OP_ADD) % 3;
    int group = cc_op - ot;
    if (group == CC_OP_CMP) {
        dst = src2 - src;
        group = CC_OP_SUB;
    }
    int bits = 8 << ot;
    uint32_t mask = bits == 32 ? 0xffffffffu : (1u << bits) - 1;
    uint32_t sign = 1u << (bits - 1);
    uint32_t r = dst & mask, b = src & mask, a;
    uint32_t f = x86_cc_szp(r, mask, sign);
    switch (group) {
    case CC_OP_ADD:
        a = (r - b) & mask;
        f |= (r < b) ? CC_C : 0;
        f |= (a ^ b ^ r) & CC_A;
        f |= x86_cc_of(((a ^ r) & (b ^ r)) & sign);
        break;
    case CC_OP_ADC:
        a = (r - b - src2) & mask;
        f |= (src2 ? r <= b : r < b) ? CC_C : 0;
        f |= (a ^ b ^ r) & CC_A;
        f |= x86_cc_of(((a ^ r) & (b ^ r)) & sign);
        break;
    case CC_OP_SUB:
        a = src2 & mask;
        f |= (a < b) ? CC_C : 0;
        f |= (a ^ b ^ r) & CC_A;
        f |= x86_cc_of(((a ^ b) & (a ^ r)) & sign);
        break;
    case CC_OP_SBB:
        a = (r + b + src2) & mask;
        f |= (src2 ? a <= b : a < b) ? CC_C : 0;
        f |= (a ^ b ^ r) & CC_A;
        f |= x86_cc_of(((a ^ b) & (a ^ r)) & sign);
        break;
    case CC_OP_LOGIC:
        break;
    case CC_OP_INC:
        f |= src ? CC_C : 0;
        f |= (r & 0xf) == 0 ? CC_A : 0;
        f |= x86_cc_of(r == sign);
        break;
    case CC_OP_DEC:
        f |= src ? CC_C : 0;
        f |= (r & 0xf) == 0xf ? CC_A : 0;
        f |= x86_cc_of(r == sign - 1);
        break;
    case CC_OP_SHL:
        f |= (src & sign) ? CC_C : 0;
        f |= x86_cc_of(((src ^ r) & sign) != 0) ;
        break;
    case CC_OP_SAR:
        f |= (src & 1) ? CC_C : 0;
        f |= x86_cc_of(((src ^ r) & sign) != 0);
        break;
    case CC_OP_MUL:
        f |= src ? (CC_C | CC_O) : 0;
        break;
    default:
        break;
    }
    return f;
}

uint32_t x86_cc_compute_c(uint32_t cc_op, uint32_t dst, uint32_t src,
                          uint32_t src2)
{
    return x86_cc_compute_all(cc_op, dst, src, src2) & CC_C;
}

uint32_t x86_cc_compute_flags(uint32_t cc_op, uint32_t dst, uint32_t src,
                              uint32_t src2, uint32_t co)
{
    if (!(cc_op & CC_OP_CO_ANY)) {
        return x86_cc_compute_all(cc_op, dst, src, src2);
    }
    uint32_t f = x86_cc_compute_all(cc_op & ~(uint32_t)CC_OP_CO_ANY, dst, src, src2);
    return (f & ~(uint32_t)(CC_C | CC_O)) | x86_cc_co_flags(cc_op, co);
}

uint32_t x86_cc_compute_carry(uint32_t cc_op, uint32_t dst, uint32_t src,
                              uint32_t src2, uint32_t co)
{
    return x86_cc_compute_flags(cc_op, dst, src, src2, co) & CC_C;
}

TCGHelperInfo x86_helper_info_cc_compute_all =
    TCG_HELPER(x86_cc_compute_flags, TCG_CALL_PURE, TCG_HT_I32,
               TCG_HT_I32, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_cc_compute_c =
    TCG_HELPER(x86_cc_compute_carry, TCG_CALL_PURE, TCG_HT_I32,
               TCG_HT_I32, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
