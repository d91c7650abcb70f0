/*
 * The SIMD helpers of the i386 front end (simd_int_helper.c: integer MMX/
 * SSE2/SSSE3; the FP ones are sse_helper.c's), all with the .helper_imm
 * signature of translate-int.h, so the row table (decode-sse.c) can name
 * them.
 */
#ifndef TARGET_I386_SIMD_HELPER_H
#define TARGET_I386_SIMD_HELPER_H

#include "target-i386/translate-int.h"

void x86_simd_paddb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_paddw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_paddd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_paddq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psubb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psubw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psubd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psubq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_paddsb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_paddsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_paddusb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_paddusw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psubsb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psubsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psubusb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psubusw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pmullw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pmulhw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pmulhuw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pmuludq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pmaddwd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psadbw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pavgb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pavgw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pminub(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pmaxub(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pminsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pmaxsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pcmpeqb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pcmpeqw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pcmpeqd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pcmpgtb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pcmpgtw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pcmpgtd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psrlw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psrld(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psrlq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psraw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psrad(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psllw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pslld(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psllq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psrldq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pslldq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_packsswb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_packuswb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_packssdw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_punpcklbw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_punpcklwd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_punpckldq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_punpcklqdq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_punpckhbw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_punpckhwd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_punpckhdq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_punpckhqdq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pshufw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pshufd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pshuflw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pshufhw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_shufps(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_shufpd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pinsrw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pextrw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pmovmskb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_movmskps(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_movmskpd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_movddup(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_movsldup(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_movshdup(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pshufb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_phaddw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_phaddsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_phsubw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_phsubsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_phaddd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_phsubd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pmaddubsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pmulhrsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psignb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psignw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_psignd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pabsb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pabsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_pabsd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);
void x86_simd_palignr(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg);

#endif
