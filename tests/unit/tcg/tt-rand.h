/*
 * The differential random test's programs: a list of ops over a fixed set
 * of value slots (globals and temps), generated from a seed, emitted as IR
 * and evaluated by a C reference (tcg_fold_op for values).
 */
#ifndef TT_RAND_H
#define TT_RAND_H

#include "tt-harness.h"

/* Value slots: globals, TEMP_TB temps, TEMP_EBB temps, one address temp. */
enum {
    RS_G64 = 0, RS_G32 = 6, RS_T64 = 12, RS_T32 = 16, RS_E64 = 20,
    RS_E32 = 23, RS_ADDR = 26, RS_NB = 27,
};
#define NG 6

static inline TCGType slot_type(int s)
{
    return (s >= RS_G32 && s < RS_T64) || (s >= RS_T32 && s < RS_E64) ||
           s >= RS_E32 ? TCG_TYPE_I32 : TCG_TYPE_I64;
}

static inline bool slot_is_ebb(int s) { return s >= RS_E64 && s < RS_ADDR; }

typedef enum TTRandKind {
    RK_OP, RK_BRCOND, RK_BR, RK_LABEL, RK_EXIT, RK_LD, RK_ST, RK_GLD, RK_GST,
    RK_CALL, RK_MB, RK_DISCARD,
} TTRandKind;

typedef struct TTRandOp {
    uint8_t kind, type;
    uint16_t opc;
    int8_t out[2], in[4];
    uint8_t cmask;              /* inputs that are constants */
    uint64_t cval[4];
    TCGArg carg[2];
    int16_t label;
    uint8_t helper;
    int32_t off;                /* ld/st: offset in env.mem; exit: value */
} TTRandOp;

#define MAX_ROPS 320
#define MAX_LABELS 64

typedef struct TTRandProg {
    TTRandOp ops[MAX_ROPS];
    int n, nlabels;
    int end_slot;               /* -1: ends with exit_tb(0); else goto_tb slot */
    /* Initial state. */
    uint64_t g64[NG];
    uint32_t g32[NG];
    uint8_t mem[TT_MEM_SIZE];
    uint8_t guest[2][0x600];    /* at 0 and at 0xfffff000 */
} TTRandProg;

/* Guest memory windows (0x600 bytes each) that random blocks touch. */
extern const uint32_t tt_rand_guest_win[2];

typedef struct TTRandResult {
    uint64_t g64[NG];
    uint32_t g32[NG];
    uint64_t mem_hash, guest_hash, exitval;
    uint32_t status;            /* 1 ran, 2 canary, 4 no code, 8 no reference */
} TTRandResult;

extern bool tt_rand_verbose;    /* print the bytes each run changed */

extern TCGHelperInfo tt_rand_helpers[];
#define TT_RAND_NB_HELPERS 6
/* Calls random helper h natively (pointer arguments: env). */
uint64_t tt_rand_call_helper(int h, void *env, const uint64_t *a);

/* Fills p from seed (ops and initial state). */
void tt_rand_gen(TTRandProg *p, uint64_t seed);
/* Emits p's ops into tcg_ctx (after tt_begin), with the block's end. */
void tt_rand_emit(const TTRandProg *p);

/* Initial state in, final state out (globals, hashes of memory). */
void tt_rand_load_state(const TTRandProg *p, TTEnv *env, uint8_t *const guest[2]);
void tt_rand_save_state(TTRandResult *r, const TTEnv *env, uint8_t *const guest[2]);
void tt_rand_print_changed(const char *who, const TTRandProg *p, const TTEnv *env,
                           uint8_t *const guest[2]);
/* Runs p on the reference; false (with why) if it has no value for an op. */
bool tt_rand_ref_run(const TTRandProg *p, TTRandResult *r, char *why, size_t nwhy);

#endif
