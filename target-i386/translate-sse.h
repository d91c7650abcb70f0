/*
 * The IR emitters of the SIMD row table (translate-sse-move.c), named by
 * the rows of decode-sse.c; the table format is in translate-int.h.
 */
#ifndef TARGET_I386_TRANSLATE_SSE_H
#define TARGET_I386_TRANSLATE_SSE_H

#include "target-i386/translate-int.h"

bool x86_simd_gen_mov(DisasContext *s, X86SimdInsn *in);
bool x86_simd_gen_mov_merge(DisasContext *s, X86SimdInsn *in);
bool x86_simd_gen_mov_to_high(DisasContext *s, X86SimdInsn *in);
bool x86_simd_gen_mov_from_high(DisasContext *s, X86SimdInsn *in);
bool x86_simd_gen_and(DisasContext *s, X86SimdInsn *in);
bool x86_simd_gen_andn(DisasContext *s, X86SimdInsn *in);
bool x86_simd_gen_or(DisasContext *s, X86SimdInsn *in);
bool x86_simd_gen_xor(DisasContext *s, X86SimdInsn *in);
bool x86_simd_gen_emms(DisasContext *s, X86SimdInsn *in);
bool x86_simd_gen_maskmov(DisasContext *s, X86SimdInsn *in);
bool x86_simd_gen_clflush(DisasContext *s, X86SimdInsn *in);

/* translate-sse-host.c: rows that run as the same host instruction
 * (INDEX_op_sse). x86_simd_gen_host emits in's IR in place of the call of
 * its helper h and returns true, or returns false (no exact host form). */
void x86_simd_host_init(void);
bool x86_simd_gen_host(DisasContext *s, const X86SimdInsn *in, TCGHelperInfo *h);
/* JIT only (tcg_has_host_sse()): x86_simd_gen_host_gen emits a register
 * move or logical row (dst an XMM register, src an XMM register or the
 * staged memory operand) as one host instruction, or returns false;
 * x86_simd_gen_host_load sets env[d .. d+16) to v zero-extended, or with
 * high its upper 8 bytes to v (the staging of memory operands). */
bool x86_simd_gen_host_gen(DisasContext *s, const X86SimdInsn *in);
void x86_simd_gen_host_load(intptr_t d, TCGv_i64 v, bool high);
/* Kept for translate.c; the backend now places the MXCSR loads/stores. */
void x86_sse_run_end(DisasContext *s);
void x86_sse_run_reset(void);

#endif
