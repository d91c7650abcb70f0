/*
 * The IR emitters of the SIMD table (decode-sse.c): data movement, the
 * bitwise logicals, EMMS, MASKMOVQ/MASKMOVDQU and CLFLUSH. They work on
 * the env offsets the decoder (translate-sse.c) prepared.
 */
#include "target-i386/translate-sse.h"

static int x86_opnd_bytes(int o)
{
    return 1 << X86_OPND_LG(o);
}

/* The size of the register (8 for MMX, 16 for XMM) of a register operand. */
static int x86_reg_bytes(const X86SimdInsn *in, int o)
{
    int k = X86_OPND_KIND(o);
    return (k == X86_OK_P || k == X86_OK_Q || k == X86_OK_N) ? 8 : 16;
}

static bool x86_simd_dst_is_reg(const X86SimdInsn *in)
{
    return in->d_off != ENV_OFF(simd_dst);
}

/* Plain move: the source's bytes, then zeros up to the destination
 * register's size (MOVD, MOVQ, MOVAPS, MOVSS from memory, ...); a memory
 * or general-register destination gets its own size. */
bool x86_simd_gen_mov(DisasContext *s, X86SimdInsn *in)
{
    const X86SimdRow *r = in->row;
    int n = x86_opnd_bytes(r->src);
    if (x86_opnd_bytes(r->dst) < n) {
        n = x86_opnd_bytes(r->dst);
    }
    x86_simd_gen_copy(in->d_off, in->s_off, n);
    if (x86_simd_dst_is_reg(in)) {
        x86_simd_gen_zero(in->d_off, n, x86_reg_bytes(in, r->dst));
    }
    return true;
}

/* Merging move: the source's bytes into the low part of the destination,
 * the rest kept (MOVSS/MOVSD between registers, MOVLPS/MOVLPD loads). */
bool x86_simd_gen_mov_merge(DisasContext *s, X86SimdInsn *in)
{
    x86_simd_gen_copy(in->d_off, in->s_off, x86_opnd_bytes(in->row->src));
    return true;
}

/* The source's low quadword to the destination's high one (MOVHPS/MOVHPD
 * loads, MOVLHPS). */
bool x86_simd_gen_mov_to_high(DisasContext *s, X86SimdInsn *in)
{
    x86_simd_gen_copy(in->d_off + 8, in->s_off, 8);
    return true;
}

/* The source's high quadword to the destination's low one (MOVHPS/MOVHPD
 * stores, MOVHLPS). */
bool x86_simd_gen_mov_from_high(DisasContext *s, X86SimdInsn *in)
{
    x86_simd_gen_copy(in->d_off, in->s_off + 8, 8);
    return true;
}

/* ---- bitwise logicals, 64 bits at a time ---- */

typedef enum { X86_LOGIC_AND, X86_LOGIC_ANDN, X86_LOGIC_OR, X86_LOGIC_XOR } X86Logic;

static void x86_simd_gen_logic(X86SimdInsn *in, X86Logic op)
{
    int n = x86_reg_bytes(in, in->row->dst);
    TCGv_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();
    for (int off = 0; off < n; off += 8) {
        tcg_gen_ld_i64(a, tcg_env(), in->d_off + off, MO_UQ);
        tcg_gen_ld_i64(b, tcg_env(), in->s_off + off, MO_UQ);
        switch (op) {
        case X86_LOGIC_AND:
            tcg_gen_and_i64(a, a, b);
            break;
        case X86_LOGIC_ANDN:
            tcg_gen_andc_i64(a, b, a);
            break;
        case X86_LOGIC_OR:
            tcg_gen_or_i64(a, a, b);
            break;
        case X86_LOGIC_XOR:
            tcg_gen_xor_i64(a, a, b);
            break;
        }
        tcg_gen_st_i64(a, tcg_env(), in->d_off + off, MO_UQ);
    }
    tcg_temp_free_i64(a);
    tcg_temp_free_i64(b);
}

bool x86_simd_gen_and(DisasContext *s, X86SimdInsn *in)
{
    x86_simd_gen_logic(in, X86_LOGIC_AND);
    return true;
}

bool x86_simd_gen_andn(DisasContext *s, X86SimdInsn *in)
{
    x86_simd_gen_logic(in, X86_LOGIC_ANDN);
    return true;
}

bool x86_simd_gen_or(DisasContext *s, X86SimdInsn *in)
{
    x86_simd_gen_logic(in, X86_LOGIC_OR);
    return true;
}

bool x86_simd_gen_xor(DisasContext *s, X86SimdInsn *in)
{
    x86_simd_gen_logic(in, X86_LOGIC_XOR);
    return true;
}

/* ---- the rest ---- */

/* EMMS: every x87 register empty (SDM vol. 1, 9.5). */
bool x86_simd_gen_emms(DisasContext *s, X86SimdInsn *in)
{
    tcg_gen_st_i64(tcg_constant_i64(0x0101010101010101ll), tcg_env(),
                   ENV_OFF(fptags), MO_UQ);
    return true;
}

/* MASKMOVQ / MASKMOVDQU: the bytes of the ModRM.reg register whose mask
 * byte (ModRM.rm register) has its top bit set go to DS:(E)DI. */
bool x86_simd_gen_maskmov(DisasContext *s, X86SimdInsn *in)
{
    bool xmm = (in->arg & X86_SIMD_ARG_XMM) != 0;
    int n = xmm ? 16 : 8;
    intptr_t data = xmm ? x86_simd_xmm_off(in->m.reg) : x86_simd_mmx_off(in->m.reg);
    TCGv_i32 base = tcg_temp_new_i32(), t = tcg_temp_new_i32();
    if (s->aflag == MO_16) {
        tcg_gen_ext16u_i32(base, x86_regs[R_EDI]);
    } else {
        tcg_gen_mov_i32(base, x86_regs[R_EDI]);
    }
    x86_gen_add_seg(s, base, R_DS, true);
    /* The whole destination is checked as a store first, whatever the
     * mask (as the host CPU does: even an all-zero mask faults on an
     * unmapped page, and nothing is written then). */
    x86_simd_gen_probe_store(s, base, n);
    for (int i = 0; i < n; i++) {
        TCGLabel *skip = gen_new_label();
        tcg_gen_ld_i32(t, tcg_env(), in->s_off + i, MO_SB);
        tcg_gen_brcondi_i32(TCG_COND_GE, t, 0, skip);
        TCGv_i32 a = tcg_temp_new_i32();
        tcg_gen_addi_i32(a, base, i);
        x86_note_seg(s, a, s->override >= 0 ? s->override : R_DS);
        tcg_gen_ld_i32(t, tcg_env(), data + i, MO_UB);
        x86_gen_st(s, MO_8, t, a);
        tcg_temp_free_i32(a);
        gen_set_label(skip);
    }
    tcg_temp_free_i32(base);
    tcg_temp_free_i32(t);
    return true;
}

/* CLFLUSH: nothing to flush, but the line must be accessible (a fault
 * is reported as for a byte read). */
bool x86_simd_gen_clflush(DisasContext *s, X86SimdInsn *in)
{
    TCGv_i32 t = tcg_temp_new_i32();
    x86_gen_ld(s, MO_8, t, in->addr);
    tcg_temp_free_i32(t);
    return true;
}
