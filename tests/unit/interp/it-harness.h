/*
 * A small harness for the interpreter backend's own tests: a test env
 * with i32/i64 globals, and building, translating and running one block
 * through tcg_gen_code and tcg_backend_interp.exec.
 */
#ifndef IT_HARNESS_H
#define IT_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "exec/cpu.h"
#include "exec/tb.h"
#include "tcg/tcg-op.h"

#define IT_NG 8

typedef struct ITEnv {
    CPUState cpu;
    uint32_t r32[IT_NG];
    uint64_t r64[IT_NG];
    uint8_t mem[64];
} ITEnv;

extern ITEnv it_env;
extern TCGv_i32 it_g32[IT_NG];
extern TCGv_i64 it_g64[IT_NG];

/* tcg_context_init with the interpreter and the globals over it_env. */
void it_setup(void);
/* tcg_func_start plus insn_start(pc, 0). */
void it_begin(uint64_t pc);
/* Translates the ops (optimizer off) into tb, advances the buffer and
 * returns tb->tc_ptr; tb is zeroed first and given the pc. */
const void *it_translate(TranslationBlock *tb);
/* Adds exit_tb(0), translates into a private tb, returns the code. */
const void *it_finish(void);
uintptr_t it_exec(const void *tc);
/* Prints the listing of a translated block (evidence in test output). */
void it_print_listing(const char *title, const TranslationBlock *tb);

#endif
