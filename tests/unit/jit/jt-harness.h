/*
 * Harness of the JIT's own tests: a small env with globals, one fresh
 * x86-64 TCGContext per test process, and building/running single blocks
 * through tcg_gen_code and tcg_backend_x86_64.exec.
 */
#ifndef JT_HARNESS_H
#define JT_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exec/cpu.h"
#include "exec/tb.h"
#include "tcg/tcg-op.h"

#define JT_N 8

typedef struct JTEnv {
    CPUState cpu;
    uint64_t r64[JT_N];
    uint32_t r32[JT_N];
    uint64_t scratch[8];
    uint64_t big[64];
} JTEnv;

extern JTEnv jt_env;
extern TCGv_i64 jt_g64[JT_N];
extern TCGv_i32 jt_g32[JT_N];

/* Criterion .init: fresh context, globals r64[i]/r32[i]. */
void jt_setup(void);
/* Starts a block: tcg_func_start + insn_start(pc). */
void jt_begin(uint64_t pc);
/* Adds exit_tb(0), translates into tb (optimizer on or off); returns tc. */
const void *jt_finish(TranslationBlock *tb, bool optimize);
/* Translates what was emitted (the block must already end). */
const void *jt_translate(TranslationBlock *tb, bool optimize);
uintptr_t jt_run(const void *tc);

#endif
