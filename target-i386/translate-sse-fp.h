/*
 * The IR emitters of translate-sse-fp.c, named by the SSE floating-point
 * rows of decode-sse.c (the rest of those rows call sse.h's helpers).
 */
#ifndef TARGET_I386_TRANSLATE_SSE_FP_H
#define TARGET_I386_TRANSLATE_SSE_FP_H

#include "target-i386/translate-int.h"

bool x86_sse_gen_comiss(DisasContext *s, X86SimdInsn *in);
bool x86_sse_gen_ucomiss(DisasContext *s, X86SimdInsn *in);
bool x86_sse_gen_comisd(DisasContext *s, X86SimdInsn *in);
bool x86_sse_gen_ucomisd(DisasContext *s, X86SimdInsn *in);
bool x86_sse_gen_ldmxcsr(DisasContext *s, X86SimdInsn *in);
bool x86_sse_gen_stmxcsr(DisasContext *s, X86SimdInsn *in);
/* Ends the block after an instruction that may change the MXCSR's mode
 * (LDMXCSR, FXRSTOR): the block flag HF_MXCSR_DEFAULT_MASK follows it. */
void x86_sse_end_block_after_mxcsr(DisasContext *s);

#endif
