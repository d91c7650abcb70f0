/*
 * The x86-64 instruction encoders: prefixes, REX, ModRM/SIB, and the small
 * out_* helpers the op emitters and the register allocator build on.
 * Everything writes at s->code_ptr (the writable view of the code buffer).
 */
#include <string.h>

#include "tcg/x86_64/x86-emit.h"

void x64_out8(TCGContext *s, uint8_t v)
{
    *s->code_ptr++ = v;
}

void x64_out32(TCGContext *s, uint32_t v)
{
    memcpy(s->code_ptr, &v, 4);
    s->code_ptr += 4;
}

void x64_out64(TCGContext *s, uint64_t v)
{
    memcpy(s->code_ptr, &v, 8);
    s->code_ptr += 8;
}

/* Prefixes, REX and opcode bytes; r, rm and x are register numbers. */
void x64_out_opc(TCGContext *s, int opc, int r, int rm, int x)
{
    int rex = 0;

    if (opc & P_DATA16) {
        x64_out8(s, 0x66);
    }
    if (opc & P_SIMDF3) {
        x64_out8(s, 0xf3);
    }
    if (opc & P_REXW) {
        rex |= 8;
    }
    rex |= (r & 8) >> 1;
    rex |= (x & 8) >> 2;
    rex |= (rm & 8) >> 3;
    /* spl, bpl, sil, dil need a REX prefix to be named at all. */
    if (((opc & P_REXB_R) && r >= 4 && r < 8) ||
        ((opc & P_REXB_RM) && rm >= 4 && rm < 8)) {
        rex |= 0x100;
    }
    if (rex) {
        x64_out8(s, 0x40 | (rex & 0xf));
    }
    if (opc & (P_EXT | P_EXT38)) {
        x64_out8(s, 0x0f);
        if (opc & P_EXT38) {
            x64_out8(s, 0x38);
        }
    }
    x64_out8(s, opc & 0xff);
}

/* Register-direct operand. */
void x64_out_modrm(TCGContext *s, int opc, int r, int rm)
{
    x64_out_opc(s, opc, r, rm, 0);
    x64_out8(s, 0xc0 | ((r & 7) << 3) | (rm & 7));
}

/* Memory operand [base + index + off]; index < 0 means none. */
/* The ModRM mod field for [base + off]: no displacement, 8 or 32 bits
 * (rbp and r13 always take one). */
static int x64_disp_mod(int base, intptr_t off)
{
    if (off == 0 && (base & 7) != X64_RBP) {
        return 0;
    }
    return off == (int8_t)off ? 0x40 : 0x80;
}

void x64_out_modrm_mem(TCGContext *s, int opc, int r, int base, int index,
                       intptr_t off)
{
    if (base == X64_REG_ENV) {
        off -= X64_ENV_BIAS;
    }
    int mod = x64_disp_mod(base, off);
    if (index < 0) {
        x64_out_opc(s, opc, r, base, 0);
        if ((base & 7) == X64_RSP) {
            x64_out8(s, mod | ((r & 7) << 3) | 4);
            x64_out8(s, 0x24);
        } else {
            x64_out8(s, mod | ((r & 7) << 3) | (base & 7));
        }
    } else {
        x64_out_opc(s, opc, r, base, index);
        x64_out8(s, mod | ((r & 7) << 3) | 4);
        x64_out8(s, ((index & 7) << 3) | (base & 7));
    }
    if (mod == 0x40) {
        x64_out8(s, (uint8_t)off);
    } else if (mod == 0x80) {
        x64_out32(s, (uint32_t)off);
    }
}

void x64_out_modrm_sib(TCGContext *s, int opc, int r, int base, int index,
                       int shift, int32_t off)
{
    int mod = x64_disp_mod(base, off);

    x64_out_opc(s, opc, r, base, index);
    x64_out8(s, mod | ((r & 7) << 3) | 4);
    x64_out8(s, (shift << 6) | ((index & 7) << 3) | (base & 7));
    if (mod == 0x40) {
        x64_out8(s, (uint8_t)off);
    } else if (mod == 0x80) {
        x64_out32(s, (uint32_t)off);
    }
}

void x64_out_arith_rr(TCGContext *s, int aop, int rexw, int dst, int src)
{
    x64_out_modrm(s, (0x03 + (aop << 3)) | rexw, dst, src);
}

void x64_out_arith_ri(TCGContext *s, int aop, int rexw, int dst, int64_t imm)
{
    int32_t v = (int32_t)imm;
    if (v == (int8_t)v) {
        x64_out_modrm(s, 0x83 | rexw, aop, dst);
        x64_out8(s, (uint8_t)v);
    } else {
        x64_out_modrm(s, 0x81 | rexw, aop, dst);
        x64_out32(s, (uint32_t)v);
    }
}

void x64_out_shift_ri(TCGContext *s, int sop, int rexw, int dst, int count)
{
    if (count == 1) {
        x64_out_modrm(s, 0xd1 | rexw, sop, dst);
    } else {
        x64_out_modrm(s, 0xc1 | rexw, sop, dst);
        x64_out8(s, (uint8_t)count);
    }
}

void x64_out_mov(TCGContext *s, TCGType type, int dst, int src)
{
    if (src == X64_REG_ENV && dst != src) {
        /* env's value: lea dst, [env] (the bias comes off there). */
        x64_out_modrm_mem(s, 0x8d | P_REXW, dst, X64_REG_ENV, -1, 0);
        return;
    }
    if (dst != src) {
        x64_out_modrm(s, 0x8b | (type == TCG_TYPE_I64 ? P_REXW : 0), dst, src);
    }
}

/* Loads a constant without touching the flags. */
void x64_out_movi_keep_flags(TCGContext *s, TCGType type, int dst, int64_t val)
{
    uint64_t u = type == TCG_TYPE_I32 ? (uint32_t)val : (uint64_t)val;

    if (u == (uint32_t)u) {
        x64_out_opc(s, 0xb8 + (dst & 7), 0, dst, 0);
        x64_out32(s, (uint32_t)u);
    } else if ((int64_t)u == (int32_t)u) {
        x64_out_modrm(s, 0xc7 | P_REXW, 0, dst);
        x64_out32(s, (uint32_t)u);
    } else {
        x64_out_opc(s, (0xb8 + (dst & 7)) | P_REXW, 0, dst, 0);
        x64_out64(s, u);
    }
}

void x64_out_movi(TCGContext *s, TCGType type, int dst, int64_t val)
{
    uint64_t u = type == TCG_TYPE_I32 ? (uint32_t)val : (uint64_t)val;
    if (u == 0) {
        x64_out_arith_rr(s, ARITH_XOR, 0, dst, dst);
    } else {
        x64_out_movi_keep_flags(s, type, dst, val);
    }
}

void x64_out_ld(TCGContext *s, TCGType type, int dst, int base, intptr_t off)
{
    x64_out_modrm_mem(s, 0x8b | (type == TCG_TYPE_I64 ? P_REXW : 0), dst, base,
                      -1, off);
}

void x64_out_st(TCGContext *s, TCGType type, int src, int base, intptr_t off)
{
    if (src == X64_REG_ENV) {
        x64_out_mov(s, TCG_TYPE_I64, X64_TMP, X64_REG_ENV);
        src = X64_TMP;
    }
    x64_out_modrm_mem(s, 0x89 | (type == TCG_TYPE_I64 ? P_REXW : 0), src, base,
                      -1, off);
}

bool x64_out_sti(TCGContext *s, TCGType type, int64_t val, int base,
                 intptr_t off)
{
    if (type == TCG_TYPE_I64 && val != (int32_t)val) {
        return false;
    }
    x64_out_modrm_mem(s, 0xc7 | (type == TCG_TYPE_I64 ? P_REXW : 0), 0, base,
                      -1, off);
    x64_out32(s, (uint32_t)val);
    return true;
}

void x64_out_bswap(TCGContext *s, int rexw, int reg)
{
    x64_out_opc(s, (0xc8 + (reg & 7)) | P_EXT | rexw, 0, reg, 0);
}

/* dst = (u)int16 in dst's low half, extended per sign to the type. */
static void x64_out_ext16(TCGContext *s, TCGType type, bool sign, int dst)
{
    int rexw = type == TCG_TYPE_I64 ? P_REXW : 0;
    x64_out_modrm(s, sign ? (P_EXT | 0xbf | rexw) : (P_EXT | 0xb7), dst, dst);
}

/* A load of host or guest memory with the MemOp's size, sign and order. */
void x64_out_load_memop(TCGContext *s, TCGType type, MemOp mo, int dst,
                        int base, int index, intptr_t off)
{
    bool sign = mo & MO_SIGN, swap = mo & MO_BSWAP;
    int rexw = type == TCG_TYPE_I64 ? P_REXW : 0;
    bool movbe = x64_features & X64_FEAT_MOVBE;

    switch (mo & MO_SIZE) {
    case MO_8:
        x64_out_modrm_mem(s, sign ? (P_EXT | 0xbe | rexw) : (P_EXT | 0xb6),
                          dst, base, index, off);
        break;
    case MO_16:
        if (!swap) {
            x64_out_modrm_mem(s, sign ? (P_EXT | 0xbf | rexw) : (P_EXT | 0xb7),
                              dst, base, index, off);
        } else if (movbe) {
            x64_out_modrm_mem(s, P_EXT38 | 0xf0 | P_DATA16, dst, base, index, off);
            x64_out_ext16(s, type, sign, dst);
        } else {
            x64_out_modrm_mem(s, P_EXT | 0xb7, dst, base, index, off);
            x64_out_shift_ri(s, SHIFT_ROL, P_DATA16, dst, 8);
            x64_out_ext16(s, type, sign, dst);
        }
        break;
    case MO_32:
        if (swap) {
            if (movbe) {
                x64_out_modrm_mem(s, P_EXT38 | 0xf0, dst, base, index, off);
            } else {
                x64_out_modrm_mem(s, 0x8b, dst, base, index, off);
                x64_out_bswap(s, 0, dst);
            }
            if (sign && type == TCG_TYPE_I64) {
                x64_out_modrm(s, 0x63 | P_REXW, dst, dst);
            }
        } else if (sign && type == TCG_TYPE_I64) {
            x64_out_modrm_mem(s, 0x63 | P_REXW, dst, base, index, off);
        } else {
            x64_out_modrm_mem(s, 0x8b, dst, base, index, off);
        }
        break;
    default:
        if (swap && movbe) {
            x64_out_modrm_mem(s, P_EXT38 | 0xf0 | P_REXW, dst, base, index, off);
        } else {
            x64_out_modrm_mem(s, 0x8b | P_REXW, dst, base, index, off);
            if (swap) {
                x64_out_bswap(s, P_REXW, dst);
            }
        }
        if (type == TCG_TYPE_I32) {
            x64_out_modrm(s, 0x8b, dst, dst);
        }
        break;
    }
}

/* A store of the MemOp's size and order; byte swaps go through X64_TMP
 * when the host lacks MOVBE. */
void x64_out_store_memop(TCGContext *s, MemOp mo, int src, int base,
                         int index, intptr_t off)
{
    bool swap = mo & MO_BSWAP;
    bool movbe = x64_features & X64_FEAT_MOVBE;

    switch (mo & MO_SIZE) {
    case MO_8:
        x64_out_modrm_mem(s, 0x88 | P_REXB_R, src, base, index, off);
        break;
    case MO_16:
        if (swap && movbe) {
            x64_out_modrm_mem(s, P_EXT38 | 0xf1 | P_DATA16, src, base, index, off);
            break;
        }
        if (swap) {
            x64_out_mov(s, TCG_TYPE_I32, X64_TMP, src);
            x64_out_shift_ri(s, SHIFT_ROL, P_DATA16, X64_TMP, 8);
            src = X64_TMP;
        }
        x64_out_modrm_mem(s, 0x89 | P_DATA16, src, base, index, off);
        break;
    case MO_32:
        if (swap && movbe) {
            x64_out_modrm_mem(s, P_EXT38 | 0xf1, src, base, index, off);
            break;
        }
        if (swap) {
            x64_out_mov(s, TCG_TYPE_I32, X64_TMP, src);
            x64_out_bswap(s, 0, X64_TMP);
            src = X64_TMP;
        }
        x64_out_modrm_mem(s, 0x89, src, base, index, off);
        break;
    default:
        if (swap && movbe) {
            x64_out_modrm_mem(s, P_EXT38 | 0xf1 | P_REXW, src, base, index, off);
            break;
        }
        if (swap) {
            x64_out_mov(s, TCG_TYPE_I64, X64_TMP, src);
            x64_out_bswap(s, P_REXW, X64_TMP);
            src = X64_TMP;
        }
        x64_out_modrm_mem(s, 0x89 | P_REXW, src, base, index, off);
        break;
    }
}

static uint64_t x64_swap_const(MemOp mo, uint64_t v)
{
    switch (mo & MO_SIZE) {
    case MO_16:
        return ((v & 0xff) << 8) | ((v >> 8) & 0xff);
    case MO_32:
        return __builtin_bswap32((uint32_t)v);
    case MO_64:
        return __builtin_bswap64(v);
    default:
        return v & 0xff;
    }
}

/* Stores a constant; byte order is applied at translation time. */
void x64_out_store_imm_memop(TCGContext *s, MemOp mo, int64_t val, int base,
                             int index, intptr_t off)
{
    uint64_t v = (uint64_t)val;
    if (mo & MO_BSWAP) {
        v = x64_swap_const(mo, v);
    }
    switch (mo & MO_SIZE) {
    case MO_8:
        x64_out_modrm_mem(s, 0xc6, 0, base, index, off);
        x64_out8(s, (uint8_t)v);
        break;
    case MO_16:
        x64_out_modrm_mem(s, 0xc7 | P_DATA16, 0, base, index, off);
        x64_out8(s, (uint8_t)v);
        x64_out8(s, (uint8_t)(v >> 8));
        break;
    case MO_32:
        x64_out_modrm_mem(s, 0xc7, 0, base, index, off);
        x64_out32(s, (uint32_t)v);
        break;
    default:
        if ((int64_t)v == (int32_t)v) {
            x64_out_modrm_mem(s, 0xc7 | P_REXW, 0, base, index, off);
            x64_out32(s, (uint32_t)v);
        } else {
            x64_out_movi_keep_flags(s, TCG_TYPE_I64, X64_TMP, (int64_t)v);
            x64_out_modrm_mem(s, 0x89 | P_REXW, X64_TMP, base, index, off);
        }
        break;
    }
}

static bool x64_rel32_reaches(TCGContext *s, uintptr_t target, int insn_len)
{
    intptr_t disp = (intptr_t)(target - (tcg_code_rx(s, s->code_ptr) + insn_len));
    return disp == (int32_t)disp;
}

void x64_out_jmp_abs(TCGContext *s, uintptr_t target)
{
    if (x64_rel32_reaches(s, target, 5)) {
        x64_out8(s, 0xe9);
        x64_out32(s, (uint32_t)(target - (tcg_code_rx(s, s->code_ptr) + 4)));
    } else {
        x64_out_movi_keep_flags(s, TCG_TYPE_I64, X64_TMP, (int64_t)target);
        x64_out_modrm(s, 0xff, 4, X64_TMP);
    }
}

void x64_out_call_abs(TCGContext *s, uintptr_t target)
{
    if (x64_rel32_reaches(s, target, 5)) {
        x64_out8(s, 0xe8);
        x64_out32(s, (uint32_t)(target - (tcg_code_rx(s, s->code_ptr) + 4)));
    } else {
        x64_out_movi_keep_flags(s, TCG_TYPE_I64, X64_TMP, (int64_t)target);
        x64_out_modrm(s, 0xff, 2, X64_TMP);
    }
}

/* A rel32 field naming label l: resolved now or when l is bound. */
void x64_out_label_ref(TCGContext *s, TCGLabel *l)
{
    if (l->has_value) {
        x64_out32(s, (uint32_t)(l->value - (tcg_code_rx(s, s->code_ptr) + 4)));
        return;
    }
    TCGRelocation *r = tcg_pool_alloc(s, sizeof(*r));
    r->ptr = s->code_ptr;
    r->addend = -4;
    r->type = 0;
    r->next = l->relocs;
    l->relocs = r;
    x64_out32(s, 0);
}

void x64_bind_label(TCGContext *s, TCGLabel *l)
{
    l->value = tcg_code_rx(s, s->code_ptr);
    l->has_value = true;
    for (TCGRelocation *r = l->relocs; r; r = r->next) {
        uint32_t disp = (uint32_t)(l->value - (tcg_code_rx(s, r->ptr) - r->addend));
        memcpy(r->ptr, &disp, 4);
    }
    l->relocs = NULL;
}

/* Recommended multi-byte nops. */
void x64_out_nops(TCGContext *s, int n)
{
    static const uint8_t nops[4][4] = {
        { 0x90 }, { 0x66, 0x90 }, { 0x0f, 0x1f, 0x00 }, { 0x0f, 0x1f, 0x40, 0x00 },
    };
    while (n > 0) {
        int k = n > 4 ? 4 : n;
        memcpy(s->code_ptr, nops[k - 1], k);
        s->code_ptr += k;
        n -= k;
    }
}
