/*
 * The single-op test engine: groups of input vectors for one value op,
 * each group one block shape (inputs in globals, temps, aliased with the
 * output, or constants), run on both backends and checked against
 * tcg_fold_op (and, for hand cases, against written-down values).
 */
#ifndef TT_OPS_H
#define TT_OPS_H

#include "tt-harness.h"

/* How a group's block holds the op's operands. */
typedef enum TTVariant {
    TV_GLOBAL,   /* the op reads and writes globals directly */
    TV_TEMP,     /* inputs copied to TEMP_TB temps, output through a temp */
    TV_EBB,      /* the same with TEMP_EBB temps */
    TV_ALIAS,    /* output j is input j's temp (in-place) */
    TV_ALIAS_B,  /* output 0 is input 1's temp (2 outputs: swapped) */
    TV_SAME,     /* every input is the same temp */
    TV_CONST,    /* inputs in constmask are constants, the others temps */
    TV_NB,
} TTVariant;
extern const char *const tt_variant_names[TV_NB];

typedef struct TTOpGroup {
    uint16_t opc;
    uint8_t type, variant, constmask;
    TCGArg carg[2];
    int first, count;            /* cases[first .. first + count) */
} TTOpGroup;

typedef struct TTOpCase {
    uint64_t in[4];
    uint64_t expect[2];          /* hand-computed outputs, if has_expect */
} TTOpCase;

typedef struct TTOpResult {
    uint64_t out[2];
    uint32_t status;
} TTOpResult;

enum {
    TT_ST_RAN = 1, TT_ST_CANARY = 2, TT_ST_CLOBBER = 4, TT_ST_EXIT = 8,
    TT_ST_NOCODE = 16,
    TT_ST_DIRTY = 32,    /* extu_i32_i64 of the i32 result saw high bits */
};

typedef struct TTOpRun {
    const char *title;
    TTOpGroup *groups;
    int ngroups, gcap;
    TTOpCase *cases;
    int ncases, ccap;
    bool has_expect;
    TTOpResult *res[TT_NB_BACKENDS];   /* [case * 2 + optimize] */
    uint8_t *crashed[TT_NB_BACKENDS];  /* per group */
} TTOpRun;

/* Input/output types of op at type t (differs for the i32<->i64 ops). */
TCGType tt_op_in_type(TCGOpcode opc, TCGType t);
TCGType tt_op_out_type(TCGOpcode opc, TCGType t);

/* Building: a group, then its cases. */
TTOpGroup *tt_group_new(TTOpRun *r, TCGOpcode opc, TCGType t, int variant,
                        int constmask, TCGArg c0, TCGArg c1);
TTOpCase *tt_case_new(TTOpRun *r);
/*
 * Adds the groups of every variant for one op/type/cargs over the given
 * vectors. full = false: only TV_GLOBAL and TV_TEMP.
 */
void tt_add_variants(TTOpRun *r, TCGOpcode opc, TCGType t, TCGArg c0,
                     TCGArg c1, const TTOpCase *vec, int nvec, bool full);

/* Runs all groups on both backends, compares, prints a summary; returns
 * the number of failed comparisons (crashes included). */
int tt_op_run(TTOpRun *r);
void tt_op_run_free(TTOpRun *r);

#endif
