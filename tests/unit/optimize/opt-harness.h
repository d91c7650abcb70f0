/*
 * Shared set-up of the optimizer tests: a context with a small CPU state
 * whose fields are IR globals, and dumps of the ops into strings.
 */
#ifndef OPT_HARNESS_H
#define OPT_HARNESS_H

#include "exec/cpu.h"
#include "tcg/tcg-op.h"

/* The state the test blocks run on (no CPUState: nothing reads it). */
typedef struct OptEnv {
    uint32_t mem[16];   /* reached with ld/st: offsets 0x0.. */
    uint32_t r[4];      /* globals r0..r3 (i32), offsets 0x40.. */
    uint64_t q[2];      /* globals q0, q1 (i64), offsets 0x50.. */
    uint64_t mem64[8];  /* reached with ld/st */
    uint64_t out[48];   /* results stored by the execution tests */
} OptEnv;

extern TCGv_i32 opt_r[4];
extern TCGv_i64 opt_q[2];

/* Context on `backend` (NULL: a stand-in that generates nothing),
 * globals created, an empty block started. */
void opt_setup(const TCGBackend *backend);
/* The current ops as text (tcg_dump_ops); the caller frees it. */
char *opt_dump(void);
/* Optimizes the current block, printing and comparing the dumps. */
void opt_check(const char *name, const char *before, const char *after);

/* The backends this build has: the interpreter, and the JIT when it is
 * linked in. Returns how many were put in list[0..1]. */
int opt_backends(const TCGBackend **list);
/* Translates the current block (through the optimizer or not) and runs it
 * on env; returns the exit_tb value. Aborts the test if translation fails. */
uintptr_t opt_run(OptEnv *env, bool optimize);
/* Starts a new block (after opt_setup): tcg_func_start and an insn_start. */
void opt_begin(void);

/* Helpers with each call flag, counting their calls. */
extern TCGHelperInfo opt_helper_pure, opt_helper_reads, opt_helper_writes,
    opt_helper_raise;
extern int opt_helper_count;

#endif
