/*
 * IR emitters of the SSE floating-point rows that are not a plain helper
 * call (decode-sse.c names them): COMISS/UCOMISS/COMISD/UCOMISD, whose
 * helper (sse_helper.c) returns ZF PF CF for the lazy flags, and
 * LDMXCSR/STMXCSR between MXCSR and the decoder's staged m32 operand.
 */
#include "target-i386/translate-sse-fp.h"
#include "target-i386/sse.h"

#define P TCG_HT_PTR
static TCGHelperInfo x86_sse_info_comiss =
    TCG_HELPER(x86_helper_comiss, TCG_CALL_MAY_RAISE, TCG_HT_I32, P, P, P);
static TCGHelperInfo x86_sse_info_ucomiss =
    TCG_HELPER(x86_helper_ucomiss, TCG_CALL_MAY_RAISE, TCG_HT_I32, P, P, P);
static TCGHelperInfo x86_sse_info_comisd =
    TCG_HELPER(x86_helper_comisd, TCG_CALL_MAY_RAISE, TCG_HT_I32, P, P, P);
static TCGHelperInfo x86_sse_info_ucomisd =
    TCG_HELPER(x86_helper_ucomisd, TCG_CALL_MAY_RAISE, TCG_HT_I32, P, P, P);
static TCGHelperInfo x86_sse_info_ldmxcsr =
    TCG_HELPER(x86_helper_ldmxcsr, TCG_CALL_MAY_RAISE, TCG_HT_VOID, P, TCG_HT_I32);
#undef P

static TCGv_ptr x86_sse_env_ptr(intptr_t off)
{
    TCGv_ptr p = tcg_temp_new_ptr();
    tcg_gen_addi_i64((TCGv_i64)p, (TCGv_i64)tcg_env(), off);
    return p;
}

/* EFLAGS = ZF PF CF of comparing the destination register with the source. */
static bool x86_sse_gen_comi(DisasContext *s, X86SimdInsn *in, TCGHelperInfo *info)
{
    TCGv_i32 flags = tcg_temp_new_i32();
    if (tcg_has_host_sse() && (s->tb_flags & HF_MXCSR_DEFAULT_MASK)) {
        /* The host instruction under the guest's MXCSR (all masked: no
         * #XM), its ZF PF CF stored in simd_dst (JIT only, x86-sse.c). */
        const X86SimdRow *r = in->row;
        uint32_t insn = (uint32_t)(r->op & 0xff) | (uint32_t)r->pfx << TCG_SSE_PFX_SHIFT |
                        TCG_SSE_MXCSR;
        tcg_gen_sse(tcg_env(), insn, in->d_off, in->s_off, ENV_OFF(mxcsr),
                    ENV_OFF(simd_dst), NULL);
        tcg_gen_ld_i32(flags, tcg_env(), ENV_OFF(simd_dst), MO_UL);
        x86_set_cc_eflags(s, flags);
        tcg_temp_free_i32(flags);
        return true;
    }
    TCGv_ptr a = x86_sse_env_ptr(in->d_off), b = x86_sse_env_ptr(in->s_off);
    tcg_gen_call3(info, tcgv_i32_temp(flags), tcg_env(), a, b);
    x86_set_cc_eflags(s, flags);
    tcg_temp_free_i32(flags);
    tcg_temp_free_ptr(a);
    tcg_temp_free_ptr(b);
    return true;
}

bool x86_sse_gen_comiss(DisasContext *s, X86SimdInsn *in)
{
    return x86_sse_gen_comi(s, in, &x86_sse_info_comiss);
}

bool x86_sse_gen_ucomiss(DisasContext *s, X86SimdInsn *in)
{
    return x86_sse_gen_comi(s, in, &x86_sse_info_ucomiss);
}

bool x86_sse_gen_comisd(DisasContext *s, X86SimdInsn *in)
{
    return x86_sse_gen_comi(s, in, &x86_sse_info_comisd);
}

bool x86_sse_gen_ucomisd(DisasContext *s, X86SimdInsn *in)
{
    return x86_sse_gen_comi(s, in, &x86_sse_info_ucomisd);
}

/* After an instruction that may change the MXCSR's mode (LDMXCSR,
 * FXRSTOR): the block flag HF_MXCSR_DEFAULT_MASK may change, so the
 * block ends and the next one is looked up again. */
void x86_sse_end_block_after_mxcsr(DisasContext *s)
{
    s->base.is_jmp = (DisasJumpType)DISAS_EOB_NEXT;
    s->base.tb_flags_may_change = true;
}

/* LDMXCSR m32: the decoder staged the operand in simd_src (#GP on
 * reserved bits in the helper). */
bool x86_sse_gen_ldmxcsr(DisasContext *s, X86SimdInsn *in)
{
    TCGv_i32 v = tcg_temp_new_i32();
    tcg_gen_ld_i32(v, tcg_env(), in->s_off, MO_UL);
    tcg_gen_call2(&x86_sse_info_ldmxcsr, NULL, tcg_env(), v);
    tcg_temp_free_i32(v);
    x86_sse_end_block_after_mxcsr(s);
    return true;
}

/* STMXCSR m32: into the staged destination, which the decoder stores. */
bool x86_sse_gen_stmxcsr(DisasContext *s, X86SimdInsn *in)
{
    TCGv_i32 v = tcg_temp_new_i32();
    (void)s;
    tcg_gen_ld_i32(v, tcg_env(), ENV_OFF(mxcsr), MO_UL);
    tcg_gen_st_i32(v, tcg_env(), in->d_off, MO_UL);
    tcg_temp_free_i32(v);
    return true;
}
