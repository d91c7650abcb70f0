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
/* The JIT's runs of inline FP instructions under one MXCSR load (JIT
 * only): x86_sse_run_keeps says whether in may sit inside a run (else the
 * decoder ends it first); x86_sse_run_end stores the host MXCSR back to
 * env (before any other instruction and at the block's end);
 * x86_sse_run_reset forgets the run (block start, after a no-return). */
bool x86_sse_run_keeps(DisasContext *s, const X86SimdInsn *in);
void x86_sse_run_end(DisasContext *s);
void x86_sse_run_reset(void);

#endif
