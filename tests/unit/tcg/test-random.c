/*
 * Differential random test: random blocks (value ops over globals and
 * temps, constants biased to edges, forward branches, early exits, host
 * and guest loads/stores, helper calls) run on the JIT and the interpreter,
 * each unoptimized and optimized, and on a C reference evaluator over the
 * op list (values from tcg_fold_op). All globals and memory are compared.
 * Seeds are fixed; MIMIC_SLOW=1 runs 100x more blocks; MIMIC_RANDOM_SEED=n
 * runs (and dumps) just block n.
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt-rand.h"

#define NBLOCKS_DEFAULT 20000
#define SEED_BASE 0x5eed0000u
#define BATCH 2000

typedef struct RRun {
    uint32_t first;             /* block index of unit 0 */
    TTRandResult *res[TT_NB_BACKENDS];   /* [unit * 2 + opt] */
    uint8_t *crashed[TT_NB_BACKENDS];
} RRun;

static void rand_unit(int u, void *arg)
{
    RRun *r = arg;
    static TTRandProg p;
    uint8_t *guest[2] = { tt_guest + tt_rand_guest_win[0], tt_guest + tt_rand_guest_win[1] };
    tt_rand_gen(&p, SEED_BASE + r->first + u);
    for (int opt = 0; opt < 2; opt++) {
        TTRandResult *o = &r->res[tt_backend_index][2 * u + opt];
        memset(o, 0, sizeof(*o));
        tt_begin();
        tt_rand_emit(&p);
        const void *tc = tt_translate(opt);
        if (!tc) {
            o->status = 4;
            continue;
        }
        tt_rand_load_state(&p, tt_env, guest);
        o->exitval = tt_exec(tc);
        o->status = 1 | (tt_canaries_ok() ? 0 : 2);
        tt_rand_save_state(o, tt_env, guest);
        if (tt_rand_verbose) {
            tt_rand_print_changed(opt ? (tt_backend_index ? "interp optimized" : "jit optimized")
                              : (tt_backend_index ? "interp unoptimized" : "jit unoptimized"),
                          &p, tt_env, guest);
        }
        if (o->status & 2) {
            tt_env_reset();
        }
    }
}

static void rand_describe(int u, void *arg, char *buf, size_t n)
{
    RRun *r = arg;
    snprintf(buf, n, "random block %u (seed %#x)", r->first + u, SEED_BASE + r->first + u);
}

/* ---- comparison ---- */

static const char *const variant_names[4] = {
    "jit unoptimized", "jit optimized", "interp unoptimized", "interp optimized",
};

static bool same_result(const TTRandResult *a, const TTRandResult *b)
{
    return a->status == b->status && a->exitval == b->exitval &&
           a->mem_hash == b->mem_hash && a->guest_hash == b->guest_hash &&
           !memcmp(a->g64, b->g64, sizeof(a->g64)) && !memcmp(a->g32, b->g32, sizeof(a->g32));
}

static void print_diff(const char *who, const TTRandResult *got, const TTRandResult *want)
{
    printf("    %-19s", who);
    if (got->status != 1) {
        printf(" status=%u", got->status);
    }
    for (int i = 0; i < NG; i++) {
        if (got->g64[i] != want->g64[i]) {
            printf(" q%d=%#" PRIx64 "(want %#" PRIx64 ")", i, got->g64[i], want->g64[i]);
        }
        if (got->g32[i] != want->g32[i]) {
            printf(" w%d=%#x(want %#x)", i, got->g32[i], want->g32[i]);
        }
    }
    if (got->mem_hash != want->mem_hash) {
        printf(" env.mem differs");
    }
    if (got->guest_hash != want->guest_hash) {
        printf(" guest memory differs");
    }
    if (got->exitval != want->exitval) {
        printf(" exit=%#" PRIx64 "(want %#" PRIx64 ")", got->exitval, want->exitval);
    }
    printf("\n");
}

static uint32_t failed_blocks[64];
static int nfailed_listed;

/* What the generated blocks contained, for the summary. */
static long kind_count[RK_DISCARD + 1], opc_count[NB_OPS], helper_count[TT_RAND_NB_HELPERS];
static long goto_tb_ends, total_ops;

static void count_ops(const TTRandProg *p)
{
    for (int k = 0; k < p->n; k++) {
        const TTRandOp *o = &p->ops[k];
        kind_count[o->kind]++;
        total_ops++;
        if (o->kind == RK_OP) {
            opc_count[o->opc]++;
        } else if (o->kind == RK_CALL) {
            helper_count[o->helper]++;
        }
    }
    goto_tb_ends += p->end_slot >= 0;
}

static void print_counts(void)
{
    static const char *const kinds[] = {
        "value ops", "brcond", "br", "labels", "mid exits", "ld", "st",
        "guest_ld", "guest_st", "calls", "mb", "discard",
    };
    printf("  ops generated: %ld in all;", total_ops);
    for (int k = 0; k <= RK_DISCARD; k++) {
        printf(" %s %ld%s", kinds[k], kind_count[k], k < RK_DISCARD ? "," : "");
    }
    printf("; %ld blocks end in goto_tb\n  value ops:", goto_tb_ends);
    for (int i = 0; i < NB_OPS; i++) {
        if (opc_count[i]) {
            printf(" %s %ld", tcg_op_defs[i].name, opc_count[i]);
        }
    }
    printf("\n  helper calls:");
    for (int h = 0; h < TT_RAND_NB_HELPERS; h++) {
        printf(" %s %ld", tt_rand_helpers[h].name, helper_count[h]);
    }
    printf("\n");
}

/* Compares one block's 4 runs with the reference. */
static bool check_block(RRun *r, int u, uint32_t block, long *bad, long *noref)
{
    static TTRandProg p;
    TTRandResult ref;
    char why[128] = "";
    tt_rand_gen(&p, SEED_BASE + block);
    count_ops(&p);
    bool have_ref = tt_rand_ref_run(&p, &ref, why, sizeof(why));
    const TTRandResult *got[4];
    bool crashed[4];
    for (int b = 0; b < 2; b++) {
        for (int opt = 0; opt < 2; opt++) {
            got[2 * b + opt] = &r->res[b][2 * u + opt];
            crashed[2 * b + opt] = r->crashed[b][u];
        }
    }
    if (!have_ref) {
        (*noref)++;
        ref = *got[0];
    }
    bool ok = true;
    for (int i = 0; i < 4; i++) {
        bool good = !crashed[i] && same_result(got[i], &ref);
        if (!good) {
            bad[i]++;
            ok = false;
        }
    }
    if (!ok) {
        if (nfailed_listed < 64) {
            failed_blocks[nfailed_listed++] = block;
        }
        if (nfailed_listed <= 10) {
            printf("MISMATCH random block %u (seed %#x, rerun with "
                   "MIMIC_RANDOM_SEED=%u): %s\n", block, SEED_BASE + block, block,
                   have_ref ? "reference = C evaluator" : why);
            for (int i = 0; i < 4; i++) {
                if (crashed[i]) {
                    printf("    %-19s CRASHED\n", variant_names[i]);
                } else if (!same_result(got[i], &ref)) {
                    print_diff(variant_names[i], got[i], &ref);
                } else {
                    printf("    %-19s ok\n", variant_names[i]);
                }
            }
        }
    }
    return ok;
}

/* Dumps the ops of a block (unoptimized, then after tcg_optimize). Needs a
 * TCGContext: called in a child after tt_init. */
static void dump_unit(int u, void *arg)
{
    static TTRandProg p;
    uint32_t block = ((uint32_t *)arg)[u];
    tt_rand_gen(&p, SEED_BASE + block);
    printf("---- random block %u (seed %#x): ops\n", block, SEED_BASE + block);
    printf("initial: ");
    for (int i = 0; i < NG; i++) {
        printf("q%d=%#" PRIx64 " w%d=%#x ", i, p.g64[i], i, p.g32[i]);
    }
    printf("\n");
    tt_begin();
    tt_rand_emit(&p);
    tcg_dump_ops(tcg_ctx, stdout);
    tcg_optimize(tcg_ctx);
    printf("---- after tcg_optimize:\n");
    tcg_dump_ops(tcg_ctx, stdout);
    fflush(stdout);
}

Test(tcg_random, differential, .timeout = 3500)
{
    uint32_t nblocks = NBLOCKS_DEFAULT * (tt_slow() ? 100 : 1), first = 0;
    const char *one = getenv("MIMIC_RANDOM_SEED");
    if (one && *one) {
        first = (uint32_t)strtoul(one, NULL, 0);
        nblocks = 1;
        tt_rand_verbose = true;
    }
    long bad[4] = { 0 }, noref = 0, nok = 0;
    for (uint32_t start = 0; start < nblocks; start += BATCH) {
        int n = nblocks - start < BATCH ? (int)(nblocks - start) : BATCH;
        RRun r = { .first = first + start };
        for (int b = 0; b < TT_NB_BACKENDS; b++) {
            r.res[b] = tt_shared_alloc((size_t)n * 2 * sizeof(TTRandResult));
            r.crashed[b] = tt_shared_alloc(n);
        }
        tt_run_units_all(n, rand_unit, rand_describe, &r, r.crashed);
        for (int u = 0; u < n; u++) {
            nok += check_block(&r, u, first + start + u, bad, &noref);
        }
        for (int b = 0; b < TT_NB_BACKENDS; b++) {
            tt_shared_free(r.res[b], (size_t)n * 2 * sizeof(TTRandResult));
            tt_shared_free(r.crashed[b], n);
        }
    }
    if (one && *one) {
        failed_blocks[0] = first;
        nfailed_listed = 1;
    }
    if (nfailed_listed) {
        int ndump = nfailed_listed < 3 ? nfailed_listed : 3;
        tt_run_units(TT_INTERP, ndump, dump_unit, NULL, failed_blocks, NULL);
        printf("failing blocks:");
        for (int i = 0; i < nfailed_listed; i++) {
            printf(" %u", failed_blocks[i]);
        }
        printf("\n");
    }
    printf("[random] %u blocks (seeds %#x..%#x), each run 4 ways + C reference "
           "(tcg_fold_op values), 6 i64 + 6 i32 globals, env.mem and guest "
           "memory compared: %ld blocks all agree\n", nblocks, SEED_BASE + first,
           SEED_BASE + first + nblocks - 1, nok);
    for (int i = 0; i < 4; i++) {
        printf("  %-19s: %ld blocks differ from the reference\n", variant_names[i], bad[i]);
    }
    print_counts();
    if (noref) {
        printf("  %ld blocks had no reference (tcg_fold_op gave no value): "
               "compared with jit unoptimized instead\n", noref);
    }
    fflush(stdout);
    cr_assert_eq(nok, (long)nblocks, "random: %ld of %u blocks disagree", nblocks - nok, nblocks);
}


/* ---- the dumper (-d op) on every op the generator makes ---- */

typedef struct DumpStats {
    long blocks, ops, lines, bytes, short_dumps;
} DumpStats;

/* Dumps 500 random blocks (unoptimized, then after tcg_optimize) into
 * memory; every op must give a line. */
static void dump_smoke_unit(int u, void *arg)
{
    DumpStats *st = arg;
    static TTRandProg p;
    for (int b = 0; b < 500; b++) {
        tt_rand_gen(&p, SEED_BASE + b);
        for (int pass = 0; pass < 2; pass++) {
            char *buf = NULL;
            size_t len = 0;
            FILE *f = open_memstream(&buf, &len);
            tt_begin();
            tt_rand_emit(&p);
            if (pass) {
                tcg_optimize(tcg_ctx);
            }
            int live = 0;
            for (int i = 0; i < tcg_ctx->nb_ops; i++) {
                live += tcg_ctx->ops[i].opc != INDEX_op_nop;
            }
            tcg_dump_ops(tcg_ctx, f);
            fclose(f);
            long lines = 0;
            for (size_t i = 0; i < len; i++) {
                lines += buf[i] == '\n';
            }
            st->blocks++;
            st->ops += live;
            st->lines += lines;
            st->bytes += len;
            st->short_dumps += lines < live;
            free(buf);
        }
    }
}

Test(tcg_random, dump_ops)
{
    DumpStats *st = tt_shared_alloc(sizeof(DumpStats));
    memset(st, 0, sizeof(*st));
    int crashed = tt_run_units(TT_INTERP, 1, dump_smoke_unit, NULL, st, NULL);
    printf("[dump] tcg_dump_ops on %ld random blocks (before and after "
           "tcg_optimize): %ld ops, %ld lines, %ld bytes; %ld dumps with fewer "
           "lines than ops%s\n", st->blocks, st->ops, st->lines, st->bytes,
           st->short_dumps, crashed ? "; the dumper CRASHED" : "");
    fflush(stdout);
    cr_assert(!crashed && st->short_dumps == 0 && st->blocks == 1000);
    tt_shared_free(st, sizeof(DumpStats));
}
