/*
 * The CPU loop and the block cache on the toy guest, on both backends:
 * execution results, chaining (patch counts, fewer lookups), unchaining
 * when a target block is invalidated, page invalidation after a rewrite,
 * full flushes in the middle of a long run, goto_ptr lookups.
 */
#include <string.h>
#include "toy.h"
#include "toy-check.h"
#include "../../../accel/tcg/tb-internal.h"
#include "util/log.h"

#define CODE 0x10000u
#define DATA 0x20000u
#define RX (PAGE_READ | PAGE_EXEC)
#define RW (PAGE_READ | PAGE_WRITE)

/* ---- a counted loop: sum 1..100 = 5050 (by hand: 100 * 101 / 2) ---- */

static void scen_sum(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_LUI, 1, 0, 2),        /* r1 = 0x20000 */
        toy_insn(TOY_ADDI, 2, 0, 100),
        toy_insn(TOY_ADD, 3, 2, 0),        /* 0x10008: r3 += r2 */
        toy_insn(TOY_ADDI, 2, 0, -1),
        toy_insn(TOY_BNZ, 2, 0, -2),
        toy_insn(TOY_ST, 3, 1, 4),
        toy_insn(TOY_LD, 4, 1, 4),
        toy_insn(TOY_HALT, 0, 0, 0),       /* 0x1001c */
    };
    ToyCPU *env;
    int r;

    toy_init(be, 0);
    toy_map(CODE, 4096, RX);
    toy_map(DATA, 4096, RW);
    toy_write(CODE, prog, 8);
    env = toy_cpu_new(CODE);
    r = toy_run(env);
    toy_expect(be, "exception", r, TOY_EXCP_HALT);
    toy_expect(be, "pc at halt", env->pc, 0x1001c);
    toy_expect(be, "r3 = sum 1..100", env->regs[3], 5050);
    toy_expect(be, "r4 loaded back", env->regs[4], 5050);
    toy_expect(be, "memory at 0x20004", *(uint32_t *)g2h(DATA + 4), 5050);
    toy_expect(be, "r2 counted down", env->regs[2], 0);
}

Test(accel_jit, sum_loop) { scen_sum("jit"); }
Test(accel_interp, sum_loop) { scen_sum("interp"); }

/* ---- chaining: a 10000-iteration loop, chained vs -d nochain ---- */

static void scen_chain(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_ADDI, 2, 0, 10000),
        toy_insn(TOY_ADD, 3, 2, 0),        /* loop */
        toy_insn(TOY_ADDI, 2, 0, -1),
        toy_insn(TOY_BNZ, 2, 0, -2),
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    TCGStats *st;
    uint64_t lookups0, patches0, lookups_chained, lookups_nochain;
    ToyCPU *env;

    toy_init(be, 0);
    st = &tcg_ctx->stats;
    toy_map(CODE, 4096, RX);
    toy_write(CODE, prog, 5);

    env = toy_cpu_new(CODE);
    toy_expect(be, "chained: exception", toy_run(env), TOY_EXCP_HALT);
    /* 10000 * 10001 / 2, by hand */
    toy_expect(be, "chained: r3 = sum 1..10000", env->regs[3], 50005000);
    lookups_chained = st->lookups;
    toy_expect_true(be, "chained: some jumps were patched", st->chain_patches >= 1,
                    st->chain_patches);
    toy_expect_true(be, "chained: under 20 lookups", lookups_chained < 20,
                    lookups_chained);

    /* The same run without chaining: every iteration goes through a lookup. */
    mimic_log_mask |= LOG_NOCHAIN;
    tb_flush();
    lookups0 = st->lookups;
    patches0 = st->chain_patches;
    env = toy_cpu_new(CODE);
    toy_expect(be, "nochain: exception", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "nochain: r3 = sum 1..10000", env->regs[3], 50005000);
    lookups_nochain = st->lookups - lookups0;
    toy_expect(be, "nochain: no jumps patched", st->chain_patches - patches0, 0);
    toy_expect_true(be, "nochain: at least one lookup per iteration",
                    lookups_nochain >= 10000, lookups_nochain);
}

Test(accel_jit, chaining) { scen_chain("jit"); }
Test(accel_interp, chaining) { scen_chain("interp"); }

/* ---- unchaining: X jumps to Y; Y alone is invalidated and rewritten ---- */

static void scen_unchain(const char *be)
{
    const uint32_t x[] = {
        toy_insn(TOY_ADDI, 1, 0, 1),
        toy_insn(TOY_JMP, 0, 0, 0x41),     /* 0x10004 + 0x104 = 0x10108 */
    };
    const uint32_t y_old[] = { toy_insn(TOY_ADDI, 2, 0, 1), toy_insn(TOY_HALT, 0, 0, 0) };
    const uint32_t y_new[] = { toy_insn(TOY_ADDI, 2, 0, 100), toy_insn(TOY_HALT, 0, 0, 0) };
    const uint32_t ypc = 0x10108;
    TCGStats *st;
    TranslationBlock *tx, *ty;
    uint64_t lookups0, inval0;
    ToyCPU *env;

    toy_init(be, 0);
    st = &tcg_ctx->stats;
    toy_map(CODE, 4096, RX);           /* not writable: never protected */
    toy_write(CODE, x, 2);
    toy_write(ypc, y_old, 2);
    env = toy_cpu_new(CODE);

    toy_expect(be, "run 1: exception", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "run 1: chain patches", st->chain_patches, 1);
    tx = tb_htable_lookup(&env->cs, CODE, 0, 0, 0, 0);
    ty = tb_htable_lookup(&env->cs, ypc, 0, 0, 0, 0);
    toy_expect_true(be, "X and Y are cached", tx && ty, 0);
    toy_expect_true(be, "X slot 0 chained to Y", tx->jmp_dest[0] == ty, 0);
    toy_expect_true(be, "Y lists X as incoming", ty->jmp_list_head == (uintptr_t)tx, 0);

    env->pc = CODE;
    lookups0 = st->lookups;
    toy_expect(be, "run 2: exception", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "run 2: one lookup (X); Y reached by the chain",
               st->lookups - lookups0, 1);
    toy_expect(be, "run 2: r2", env->regs[2], 2);

    toy_write(ypc, y_new, 2);
    inval0 = st->invalidations;
    tb_invalidate_range(ypc, ypc + 8);
    toy_expect(be, "only Y invalidated", st->invalidations - inval0, 1);
    toy_expect_true(be, "X still valid", !tx->invalid, 0);
    toy_expect_true(be, "X unchained", tx->jmp_dest[0] == NULL, 0);
    toy_expect_true(be, "X jump points at its exit again",
                    tx->jmp_target_addr[0] == (uintptr_t)tx->tc_ptr + tx->jmp_reset_offset[0] ||
                    !strcmp(be, "jit"), tx->jmp_target_addr[0]);

    env->pc = CODE;
    toy_expect(be, "run 3: exception", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "run 3: r2 = 2 + 100 (new Y)", env->regs[2], 102);
    toy_expect(be, "run 3: r1", env->regs[1], 3);
    toy_expect(be, "run 3: chained again", st->chain_patches, 2);
}

Test(accel_jit, unchaining) { scen_unchain("jit"); }
Test(accel_interp, unchaining) { scen_unchain("interp"); }

/* ---- page invalidation after guest code is rewritten ---- */

static void scen_page_inval(const char *be)
{
    const uint32_t v1[] = { toy_insn(TOY_ADDI, 1, 0, 5), toy_insn(TOY_HALT, 0, 0, 0) };
    const uint32_t v2[] = { toy_insn(TOY_ADDI, 1, 0, 7), toy_insn(TOY_HALT, 0, 0, 0) };
    ToyCPU *env;

    toy_init(be, 0);
    toy_map(CODE, 4096, RX);
    toy_write(CODE, v1, 2);
    env = toy_cpu_new(CODE);
    toy_run(env);
    toy_expect(be, "first run: r1", env->regs[1], 5);

    toy_write(CODE, v2, 2);
    env->pc = CODE;
    toy_run(env);
    toy_expect(be, "rewritten, not invalidated: cached code runs", env->regs[1], 10);

    tb_invalidate_page(CODE + 0x123);
    env->pc = CODE;
    toy_run(env);
    toy_expect(be, "after tb_invalidate_page: new code", env->regs[1], 17);
    toy_expect(be, "invalidations", tcg_ctx->stats.invalidations, 1);
}

Test(accel_jit, page_invalidation) { scen_page_inval("jit"); }
Test(accel_interp, page_invalidation) { scen_page_inval("interp"); }

/* ---- full flushes in the middle of a long run ---- */

#define FLUSH_BASE 0x100000u
#define FLUSH_BLOCKS 8000

static int flush_k(int i)
{
    return (i * 7) % 1000 - 500;
}

static void flush_write_program(void)
{
    for (int i = 0; i < FLUSH_BLOCKS; i++) {
        const uint32_t blk[] = {
            toy_insn(TOY_ADDI, 1, 0, flush_k(i)),
            toy_insn(TOY_ADD, 2, 1, 0),
            toy_insn(TOY_ADDI, 3, 0, 1),
            toy_insn(TOY_JMP, 0, 0, 1),
        };
        toy_write(FLUSH_BASE + 16 * i, blk, 4);
    }
    const uint32_t tail[] = {
        toy_insn(TOY_ADDI, 4, 0, -1),
        toy_insn(TOY_BNZ, 4, 0, -4 * FLUSH_BLOCKS - 1),
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    toy_write(FLUSH_BASE + 16 * FLUSH_BLOCKS, tail, 3);
}

/* The oracle: the same program in C. */
static void flush_reference(uint32_t rounds, uint32_t out[4])
{
    uint32_t r1 = 0, r2 = 0, r3 = 0;

    for (uint32_t n = 0; n < rounds; n++) {
        for (int i = 0; i < FLUSH_BLOCKS; i++) {
            r1 += (uint32_t)flush_k(i);
            r2 += r1;
            r3 += 1;
        }
    }
    out[1] = r1;
    out[2] = r2;
    out[3] = r3;
}

static void scen_flush(const char *be)
{
    uint32_t want[4];
    ToyCPU *env;

    toy_init(be, 512 * 1024);           /* the smallest buffer tcg accepts */
    toy_map(FLUSH_BASE, 16 * FLUSH_BLOCKS + 4096, RX);
    flush_write_program();
    flush_reference(3, want);
    env = toy_cpu_new(FLUSH_BASE);
    env->regs[4] = 3;
    toy_expect(be, "exception", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "r1", env->regs[1], want[1]);
    toy_expect(be, "r2", env->regs[2], want[2]);
    toy_expect(be, "r3 (blocks executed)", env->regs[3], want[3]);
    toy_expect_true(be, "the cache was flushed during the run",
                    tcg_ctx->stats.flushes >= 2, tcg_ctx->stats.flushes);
    toy_expect_true(be, "blocks translated more than once",
                    tcg_ctx->stats.tbs_translated > FLUSH_BLOCKS + 1,
                    tcg_ctx->stats.tbs_translated);
}

Test(accel_jit, flush_mid_run, .timeout = 120) { scen_flush("jit"); }
Test(accel_interp, flush_mid_run, .timeout = 120) { scen_flush("interp"); }

/* ---- indirect jumps through the lookup helper ---- */

static void scen_goto_ptr(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_LUI, 1, 0, 1),
        toy_insn(TOY_ADDI, 1, 0, 0x100),
        toy_insn(TOY_JR, 1, 0, 0),
    };
    const uint32_t target[] = { toy_insn(TOY_ADDI, 2, 0, 9), toy_insn(TOY_HALT, 0, 0, 0) };
    ToyCPU *env;

    toy_init(be, 0);
    toy_map(CODE, 4096, RX);
    toy_write(CODE, prog, 3);
    toy_write(CODE + 0x100, target, 2);
    env = toy_cpu_new(CODE);
    toy_expect(be, "run 1: exception", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "run 1: pc", env->pc, CODE + 0x104);
    env->pc = CODE;
    toy_expect(be, "run 2 (target cached): exception", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "r2 = 9 + 9", env->regs[2], 18);
}

Test(accel_jit, goto_ptr) { scen_goto_ptr("jit"); }
Test(accel_interp, goto_ptr) { scen_goto_ptr("interp"); }

/* ---- tb_flush from a helper: deferred to the next block boundary ---- */

static void scen_helper_flush(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_ADDI, 2, 0, 3),
        toy_insn(TOY_ADDI, 1, 0, 10),      /* loop */
        toy_insn(TOY_FLUSH, 0, 0, 0),
        toy_insn(TOY_ADDI, 1, 0, 1),       /* still runs: code stays until the loop */
        toy_insn(TOY_ADDI, 2, 0, -1),
        toy_insn(TOY_BNZ, 2, 0, -4),
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    ToyCPU *env;
    int interrupts = 0, r;

    toy_init(be, 0);
    toy_map(CODE, 4096, RX);
    toy_write(CODE, prog, 7);
    env = toy_cpu_new(CODE);
    while ((r = cpu_exec(&env->cs)) == EXCP_INTERRUPT) {
        interrupts++;
    }
    toy_expect(be, "exception", r, TOY_EXCP_HALT);
    toy_expect(be, "r1 = 3 * 11", env->regs[1], 33);
    toy_expect(be, "flushes (one per iteration)", tcg_ctx->stats.flushes, 3);
    toy_expect(be, "cpu_exec interrupted once per flush", interrupts, 3);
}

Test(accel_jit, flush_from_helper) { scen_helper_flush("jit"); }
Test(accel_interp, flush_from_helper) { scen_helper_flush("interp"); }

/* ---- page flags from linux-user's point of view ---- */

static void scen_page_flags(const char *be)
{
    const uint32_t prog[] = { toy_insn(TOY_ADDI, 1, 0, 1), toy_insn(TOY_HALT, 0, 0, 0) };
    const int rwx = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
    ToyCPU *env;
    uint64_t inval0;

    toy_init(be, 0);
    toy_map(CODE, 3 * 4096, rwx);
    toy_expect(be, "fresh page flags", page_get_flags(CODE), rwx | PAGE_VALID);
    toy_expect(be, "range check rwx", page_check_range(CODE, 3 * 4096, rwx), 1);
    toy_expect(be, "range check past the end", page_check_range(CODE, 3 * 4096 + 1, PAGE_READ), 0);
    toy_expect(be, "range check beyond 4G", page_check_range(0xfffff000, 0x2000, PAGE_READ), 0);

    /* Translating protects: PAGE_WRITE becomes PAGE_WRITE_ORG. */
    for (int p = 0; p < 3; p++) {
        toy_write(CODE + p * 4096, prog, 2);
        env = toy_cpu_new(CODE + p * 4096);
        toy_expect(be, "run", cpu_exec(&env->cs), TOY_EXCP_HALT);
    }
    toy_expect(be, "protected code page", page_get_flags(CODE),
               PAGE_READ | PAGE_EXEC | PAGE_VALID | PAGE_WRITE_ORG | PAGE_TRANSLATED);

    /* A syscall-style write check unprotects and drops the page's blocks. */
    inval0 = tcg_ctx->stats.invalidations;
    toy_expect(be, "write check on a code page", page_check_range(CODE, 4, PAGE_WRITE), 1);
    toy_expect(be, "after the check", page_get_flags(CODE), rwx | PAGE_VALID);
    toy_expect(be, "its block was dropped", tcg_ctx->stats.invalidations - inval0, 1);
    *(uint32_t *)g2h(CODE) = 0;   /* really writable on the host again */

    /* mprotect(PROT_READ|PROT_EXEC) keeps the code; munmap drops it. */
    page_set_flags(CODE + 4096, CODE + 8192, PAGE_READ | PAGE_EXEC | PAGE_VALID);
    toy_expect(be, "read-only: code kept", tcg_ctx->stats.invalidations - inval0, 1);
    toy_expect(be, "read-only flags", page_get_flags(CODE + 4096),
               PAGE_READ | PAGE_EXEC | PAGE_VALID | PAGE_TRANSLATED);
    page_set_flags(CODE + 8192, CODE + 12288, 0);
    toy_expect(be, "unmapped: code dropped", tcg_ctx->stats.invalidations - inval0, 2);
    toy_expect(be, "unmapped flags", page_get_flags(CODE + 8192), 0);
}

Test(accel_interp, page_flags) { scen_page_flags("interp"); }

/* ---- the -d stats report ---- */

Test(accel_jit, stats_report)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f;

    scen_sum("jit");
    f = open_memstream(&buf, &len);
    tcg_dump_stats(f);
    fclose(f);
    printf("%s", buf);
    toy_expect_true("jit", "report names the counters",
                    strstr(buf, "blocks translated") && strstr(buf, "chain patches") &&
                    strstr(buf, "flushes") && strstr(buf, "invalidations") &&
                    strstr(buf, "lookups / misses"), 0);
    /* By hand: blocks at 0x10000 (5 insns), 0x10008 (loop, 3), 0x10014 (3). */
    toy_expect_true("jit", "blocks translated = 3",
                    strstr(buf, "blocks translated   3\n") != NULL, 0);
    toy_expect_true("jit", "guest insns = 11",
                    strstr(buf, "guest insns         11 ") != NULL, 0);
    free(buf);
}
