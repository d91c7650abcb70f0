/*
 * SIMD rows that run as the same host instruction (INDEX_op_sse, the
 * x86-64 JIT; the interpreter calls the row's helper instead): which
 * helpers have an exact host equivalent, and the IR the decoder
 * (translate-sse.c) emits for them in place of the helper call.
 */
#include <assert.h>
#include <stdlib.h>
#include "target-i386/translate-sse.h"
#include "target-i386/simd-helper.h"
#include "target-i386/sse.h"

/* tcg.h, TCG_SSE_MXCSR: the backend's in-host flag follows the MXCSR. */
_Static_assert(offsetof(CPUX86State, mxcsr_in_host) == offsetof(CPUX86State, mxcsr) + 4,
               "mxcsr_in_host right after mxcsr");

/* How a helper's rows run on the host. */
typedef enum X86SimdHostKind {
    XH_NONE,
    XH_LANES,   /* integer, lane by lane: the MMX form too, as the 66 form
                 * on the low 8 bytes (upper lanes zero, result's low 8) */
    XH_XMM,     /* integer, the XMM form only (the MMX form differs:
                 * packs, unpacks, shuffles, lane-index immediates) */
    XH_FP,      /* floating point, XMM form: under the guest's MXCSR when
                 * the row may raise, in blocks translated for the default
                 * mode (all masked; HF_MXCSR_DEFAULT_MASK), else the helper */
    XH_FP_CMP,  /* CMPxx: as XH_FP, predicate imm8 bits 2:0 */
} X86SimdHostKind;

typedef struct X86SimdHostFn {
    const void *fn;
    X86SimdHostKind kind;
} X86SimdHostFn;

#define L(f) { (const void *)(f), XH_LANES }
#define X(f) { (const void *)(f), XH_XMM }
#define F(f) { (const void *)(f), XH_FP }
static const X86SimdHostFn x86_simd_host_fns[] = {
    L(x86_simd_paddb), L(x86_simd_paddw), L(x86_simd_paddd), L(x86_simd_paddq),
    L(x86_simd_psubb), L(x86_simd_psubw), L(x86_simd_psubd), L(x86_simd_psubq),
    L(x86_simd_paddsb), L(x86_simd_paddsw), L(x86_simd_paddusb), L(x86_simd_paddusw),
    L(x86_simd_psubsb), L(x86_simd_psubsw), L(x86_simd_psubusb), L(x86_simd_psubusw),
    L(x86_simd_pmullw), L(x86_simd_pmulhw), L(x86_simd_pmulhuw), L(x86_simd_pmuludq),
    L(x86_simd_pmaddwd), L(x86_simd_psadbw), L(x86_simd_pavgb), L(x86_simd_pavgw),
    L(x86_simd_pminub), L(x86_simd_pmaxub), L(x86_simd_pminsw), L(x86_simd_pmaxsw),
    L(x86_simd_pcmpeqb), L(x86_simd_pcmpeqw), L(x86_simd_pcmpeqd),
    L(x86_simd_pcmpgtb), L(x86_simd_pcmpgtw), L(x86_simd_pcmpgtd),
    L(x86_simd_psrlw), L(x86_simd_psrld), L(x86_simd_psrlq), L(x86_simd_psraw),
    L(x86_simd_psrad), L(x86_simd_psllw), L(x86_simd_pslld), L(x86_simd_psllq),
    L(x86_simd_pmovmskb), L(x86_simd_pmaddubsw), L(x86_simd_pmulhrsw),
    L(x86_simd_psignb), L(x86_simd_psignw), L(x86_simd_psignd),
    X(x86_simd_psrldq), X(x86_simd_pslldq),
    X(x86_simd_packsswb), X(x86_simd_packuswb), X(x86_simd_packssdw),
    X(x86_simd_punpcklbw), X(x86_simd_punpcklwd), X(x86_simd_punpckldq),
    X(x86_simd_punpcklqdq), X(x86_simd_punpckhbw), X(x86_simd_punpckhwd),
    X(x86_simd_punpckhdq), X(x86_simd_punpckhqdq),
    X(x86_simd_pshufd), X(x86_simd_pshuflw), X(x86_simd_pshufhw),
    X(x86_simd_shufps), X(x86_simd_shufpd), X(x86_simd_pinsrw), X(x86_simd_pextrw),
    X(x86_simd_movmskps), X(x86_simd_movmskpd), X(x86_simd_movddup),
    X(x86_simd_movsldup), X(x86_simd_movshdup), X(x86_simd_pshufb),
    X(x86_simd_phaddw), X(x86_simd_phaddsw), X(x86_simd_phsubw), X(x86_simd_phsubsw),
    X(x86_simd_phaddd), X(x86_simd_phsubd),
    F(x86_helper_addps), F(x86_helper_addpd), F(x86_helper_addss), F(x86_helper_addsd),
    F(x86_helper_subps), F(x86_helper_subpd), F(x86_helper_subss), F(x86_helper_subsd),
    F(x86_helper_mulps), F(x86_helper_mulpd), F(x86_helper_mulss), F(x86_helper_mulsd),
    F(x86_helper_divps), F(x86_helper_divpd), F(x86_helper_divss), F(x86_helper_divsd),
    F(x86_helper_minps), F(x86_helper_minpd), F(x86_helper_minss), F(x86_helper_minsd),
    F(x86_helper_maxps), F(x86_helper_maxpd), F(x86_helper_maxss), F(x86_helper_maxsd),
    F(x86_helper_sqrtps), F(x86_helper_sqrtpd), F(x86_helper_sqrtss), F(x86_helper_sqrtsd),
    F(x86_helper_addsubps), F(x86_helper_addsubpd), F(x86_helper_haddps),
    F(x86_helper_haddpd), F(x86_helper_hsubps), F(x86_helper_hsubpd),
    F(x86_helper_cvtsi2ss), F(x86_helper_cvtsi2sd), F(x86_helper_cvtss2si),
    F(x86_helper_cvttss2si), F(x86_helper_cvtsd2si), F(x86_helper_cvttsd2si),
    F(x86_helper_cvtps2pd), F(x86_helper_cvtpd2ps), F(x86_helper_cvtss2sd),
    F(x86_helper_cvtsd2ss), F(x86_helper_cvtdq2ps), F(x86_helper_cvtps2dq),
    F(x86_helper_cvttps2dq), F(x86_helper_cvtdq2pd), F(x86_helper_cvtpd2dq),
    F(x86_helper_cvttpd2dq),
    { (const void *)x86_helper_cmpps, XH_FP_CMP }, { (const void *)x86_helper_cmppd, XH_FP_CMP },
    { (const void *)x86_helper_cmpss, XH_FP_CMP }, { (const void *)x86_helper_cmpsd, XH_FP_CMP },
};
#undef L
#undef X
#undef F

/* Per row: the TCG_SSE_* insn word without the imm8, 0 = no host form;
 * bit 31: floating point (the JIT needs the default mode), bit 30: CMPxx. */
#define X86_SIMD_HOST_FP (1u << 31)
#define X86_SIMD_HOST_CMP (1u << 30)
static uint32_t *x86_simd_host_form;

static bool x86_simd_host_is_mmx(int o)
{
    int k = X86_OPND_KIND(o);
    return k == X86_OK_P || k == X86_OK_Q || k == X86_OK_N;
}

static X86SimdHostKind x86_simd_host_kind(const X86SimdRow *r)
{
    const void *fn = r->helper ? (const void *)r->helper : (const void *)r->helper_imm;
    for (size_t i = 0; i < sizeof(x86_simd_host_fns) / sizeof(x86_simd_host_fns[0]); i++) {
        if (x86_simd_host_fns[i].fn == fn) {
            return x86_simd_host_fns[i].kind;
        }
    }
    return XH_NONE;
}

/* The insn word of row r, 0 if it has no exact host form. */
static uint32_t x86_simd_host_form_of(const X86SimdRow *r)
{
    X86SimdHostKind kind = x86_simd_host_kind(r);
    bool mmx = x86_simd_host_is_mmx(r->dst) || x86_simd_host_is_mmx(r->src);
    int kd = X86_OPND_KIND(r->dst), ks = X86_OPND_KIND(r->src);
    uint32_t insn = (uint32_t)(r->op & 0xff) | (uint32_t)(r->op >> 8) << TCG_SSE_MAP_SHIFT;
    int pfx = r->pfx;

    if (kind == XH_NONE || (mmx && kind != XH_LANES)) {
        return 0;
    }
    if (mmx) {
        insn |= TCG_SSE_Q;
        pfx = X86_PFX_66;
    }
    insn |= (uint32_t)pfx << TCG_SSE_PFX_SHIFT;
    if (kd == X86_OK_G) {
        insn |= TCG_SSE_TO_GPR;
    } else if (kd != X86_OK_V && kd != X86_OK_P && kd != X86_OK_U && kd != X86_OK_N) {
        return 0;
    }
    if (ks == X86_OK_I) {
        assert(r->grp);
        insn |= TCG_SSE_GRP | TCG_SSE_IMM | (uint32_t)(r->grp - 1) << TCG_SSE_GRP_SHIFT;
    } else if (ks == X86_OK_E) {
        insn |= TCG_SSE_SRC_MEM;
    }
    if (r->imm) {
        insn |= TCG_SSE_IMM;
    }
    if ((kind == XH_FP || kind == XH_FP_CMP) && (r->flags & X86_SR_MAY_RAISE)) {
        insn |= TCG_SSE_MXCSR | X86_SIMD_HOST_FP;
    }
    if (kind == XH_FP_CMP) {
        insn |= X86_SIMD_HOST_CMP;
    }
    return insn;
}

/* The JIT's MXCSR is the backend's business: every FP op carries
 * TCG_SSE_MXCSR and tcg/x86_64/x86-sse.c keeps the guest MXCSR in the
 * host across ops and chained blocks, loading it once and storing it
 * back only where env must be canonical. At block start the front end
 * names the MXCSR for the backend (tcg.h, TCG_SSE_MXCSR_ONLY). */
void x86_sse_run_reset(void)
{
    if (tcg_has_host_sse()) {
        tcg_gen_sse(tcg_env(), TCG_SSE_MXCSR_ONLY, 0, 0, ENV_OFF(mxcsr), 0, NULL);
    }
}

void x86_sse_run_end(DisasContext *s)
{
    (void)s;
}

void x86_simd_host_init(void)
{
    x86_simd_host_form = calloc((size_t)x86_simd_nb_rows, sizeof(*x86_simd_host_form));
    assert(x86_simd_host_form);
    for (int i = 0; i < x86_simd_nb_rows; i++) {
        const X86SimdRow *r = &x86_simd_rows[i];
        if (!r->gen) {
            x86_simd_host_form[i] = x86_simd_host_form_of(r);
        }
    }
}

bool x86_simd_gen_host(DisasContext *s, const X86SimdInsn *in, TCGHelperInfo *h)
{
    uint32_t form = x86_simd_host_form ? x86_simd_host_form[in->row - x86_simd_rows] : 0;
    if (!form) {
        return false;
    }
    uint32_t imm = in->arg & ((form & X86_SIMD_HOST_CMP) ? 7 : 0xff);
    uint32_t insn = (form & ~(X86_SIMD_HOST_FP | X86_SIMD_HOST_CMP)) |
                    ((form & TCG_SSE_IMM) ? imm << TCG_SSE_IMM_SHIFT : 0);
    intptr_t mx = (form & TCG_SSE_MXCSR) ? ENV_OFF(mxcsr) : 0;

    /* The JIT runs FP under the guest's MXCSR only in the default mode
     * (nearest, no DAZ/FTZ, all masked: nothing can fault), a block flag;
     * in any other mode the helper runs (the interpreter's op calls it
     * in every mode). */
    if ((form & X86_SIMD_HOST_FP) && tcg_has_host_sse() &&
        !(s->tb_flags & HF_MXCSR_DEFAULT_MASK)) {
        return false;
    }
    tcg_gen_sse(tcg_env(), insn, in->d_off, in->s_off, mx, in->arg, h);
    return true;
}

static bool x86_simd_host_is_xmm(int o)
{
    int k = X86_OPND_KIND(o);
    return k == X86_OK_V || k == X86_OK_U || k == X86_OK_W;
}

/* The host instruction of a register move or logical row (an IR emitter
 * of translate-sse-move.c) with an XMM destination register, or 0. */
static uint32_t x86_simd_host_gen_insn(const X86SimdInsn *in)
{
    const X86SimdRow *r = in->row;
    int n = 1 << X86_OPND_LG(r->src);
    uint32_t movaps = 0x28, movq = 0x7e | (uint32_t)X86_PFX_F3 << TCG_SSE_PFX_SHIFT;
    uint32_t movss = 0x10 | (uint32_t)X86_PFX_F3 << TCG_SSE_PFX_SHIFT;
    uint32_t movsd = 0x10 | (uint32_t)X86_PFX_F2 << TCG_SSE_PFX_SHIFT;

    /* An XMM register destination; an XMM register source or a staged
     * one (simd_src: memory, a general register or an imm8, always
     * zero-extended to 16 bytes by the decoder). */
    bool staged = in->s_off == ENV_OFF(simd_src);
    if (in->d_off == ENV_OFF(simd_dst) || !x86_simd_host_is_xmm(r->dst) ||
        (!staged && !x86_simd_host_is_xmm(r->src))) {
        return 0;
    }
    if (r->gen == x86_simd_gen_mov) {
        return (staged || n == 16) ? movaps : n == 8 ? movq : 0;
    }
    if (r->gen == x86_simd_gen_mov_merge) {
        return n == 4 ? movss : n == 8 ? movsd : n == 16 ? movaps : 0;
    }
    if (r->gen == x86_simd_gen_and || r->gen == x86_simd_gen_andn ||
        r->gen == x86_simd_gen_or || r->gen == x86_simd_gen_xor) {
        return (uint32_t)(r->op & 0xff) | (uint32_t)(r->op >> 8) << TCG_SSE_MAP_SHIFT |
               (uint32_t)r->pfx << TCG_SSE_PFX_SHIFT;
    }
    return 0;
}

bool x86_simd_gen_host_gen(DisasContext *s, const X86SimdInsn *in)
{
    uint32_t insn = tcg_has_host_sse() ? x86_simd_host_gen_insn(in) : 0;
    (void)s;
    if (!insn) {
        return false;
    }
    tcg_gen_sse(tcg_env(), insn, in->d_off, in->s_off, 0, 0, NULL);
    return true;
}

void x86_simd_gen_host_load(intptr_t d, TCGv_i64 v, bool high)
{
    uint32_t movq = 0x7e | (uint32_t)X86_PFX_F3 << TCG_SSE_PFX_SHIFT, movlhps = 0x16;
    tcg_gen_sse((TCGv_ptr)v, (high ? movlhps : movq) | TCG_SSE_SRC_GPR, d, 0, 0, 0, NULL);
}
