/*
 * The return-address predictor (accel/tcg/ret-predict.c) on the toy
 * guest's CALL/RET (rb: the stack pointer the entry is kept under), both
 * backends: returns go through the linked slot (few slow paths), a return
 * slot whose target block is invalidated is reset, and a flush of all
 * blocks empties every CPU's table (stale entries would name blocks that
 * the flush reuses). Expected values by hand.
 */
#include "toy.h"
#include "toy-check.h"
#include "../../../accel/tcg/tb-internal.h"

#define CODE 0x10000u
#define F (CODE + 0x100)
#define G (CODE + 0x200)
#define RX (PAGE_READ | PAGE_EXEC)

/* 1000 calls of f (r3 += 1): every return but the first few predicted. */
static void scen_hits(const char *be)
{
    const uint32_t main_code[] = {
        toy_insn(TOY_LUI, 2, 0, 0),
        toy_insn(TOY_ADDI, 2, 0, 1000),
        toy_insn(TOY_CALL, 7, 0, (F - (CODE + 8)) / 4),  /* 0x10008: loop */
        toy_insn(TOY_ADDI, 2, 0, -1),
        toy_insn(TOY_BNZ, 2, 0, -2),
        toy_insn(TOY_HALT, 0, 0, 0),                    /* 0x10014 */
    };
    const uint32_t f_code[] = { toy_insn(TOY_ADDI, 3, 0, 1), toy_insn(TOY_RET, 7, 0, 0) };
    TCGStats *st;
    uint64_t slow0, links0;
    ToyCPU *env;
    CPUAccel *a;
    bool any = false, all_empty = true;

    toy_init(be, 0);
    st = &tcg_ctx->stats;
    toy_map(CODE, 4096, RX);
    toy_write(CODE, main_code, 6);
    toy_write(F, f_code, 2);
    slow0 = st->ret_slow;
    links0 = st->ret_links;
    env = toy_cpu_new(CODE);
    toy_expect(be, "exception", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "pc at halt", env->pc, CODE + 0x14);
    toy_expect(be, "r3 = 1000 calls", env->regs[3], 1000);
    toy_expect_true(be, "a return slot was linked", st->ret_links - links0 >= 1,
                    st->ret_links - links0);
    toy_expect_true(be, "under 10 of 1000 returns took the slow path",
                    st->ret_slow - slow0 < 10, st->ret_slow - slow0);

    /* A flush empties the table (the entries name blocks it reuses). */
    a = cpu_accel(&env->cs);
    for (int i = 0; i < TB_RET_TABLE_SIZE; i++) {
        any |= a->ret_table[i].key != 0;
    }
    toy_expect_true(be, "the table holds the call's entry", any, 0);
    tb_flush();
    for (int i = 0; i < TB_RET_TABLE_SIZE; i++) {
        all_empty &= a->ret_table[i].key == 0;
    }
    toy_expect_true(be, "tb_flush emptied the table", all_empty, 0);
}

Test(retpred_jit, hits) { scen_hits("jit"); }
Test(retpred_interp, hits) { scen_hits("interp"); }

/*
 * main calls f three times (the first call is the end of the first
 * block, the others a block of their own, whose slot the second return
 * links); the third time f stops (RAISE) before its RET, the code at the
 * return address is rewritten and invalidated, and the run resumes: the
 * RET must run the new code (r3 = 2 + 100), not the block the slot was
 * linked to.
 */
static void scen_invalidate(const char *be)
{
    const uint32_t main_code[] = {
        toy_insn(TOY_ADDI, 2, 0, 3),
        toy_insn(TOY_ADDI, 4, 0, 3),
        toy_insn(TOY_CALL, 7, 0, (F - (CODE + 8)) / 4),  /* 0x10008: loop */
        toy_insn(TOY_ADDI, 3, 0, 1),                    /* 0x1000c: rewritten */
        toy_insn(TOY_ADDI, 2, 0, -1),
        toy_insn(TOY_BNZ, 2, 0, -3),
        toy_insn(TOY_HALT, 0, 0, 0),                    /* 0x10018 */
    };
    const uint32_t f_code[] = {
        toy_insn(TOY_ADDI, 4, 0, -1),
        toy_insn(TOY_BNZ, 4, 0, 2),                     /* to the RET */
        toy_insn(TOY_RAISE, 0, 0, 0x55),                /* F + 8 */
        toy_insn(TOY_RET, 7, 0, 0),                     /* F + 12 */
    };
    const uint32_t new_code = toy_insn(TOY_ADDI, 3, 0, 100);
    ToyCPU *env;

    toy_init(be, 0);
    toy_map(CODE, 4096, RX);
    toy_write(CODE, main_code, 7);
    toy_write(F, f_code, 4);
    env = toy_cpu_new(CODE);
    toy_expect(be, "stops at the raise", toy_run(env), 0x55);
    toy_expect(be, "pc at the raise", env->pc, F + 8);
    toy_expect(be, "two calls returned", env->regs[3], 2);
    toy_write(CODE + 0xc, &new_code, 1);
    tb_invalidate_range(CODE + 0xc, CODE + 0x10);
    env->pc = F + 12;
    toy_expect(be, "then halts", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "pc at halt", env->pc, CODE + 0x18);
    toy_expect(be, "the return ran the rewritten code: r3 = 2 + 100", env->regs[3], 102);
}

Test(retpred_jit, invalidated_return_target) { scen_invalidate("jit"); }
Test(retpred_interp, invalidated_return_target) { scen_invalidate("interp"); }

/*
 * A flush between a call and its return: main's call block (the first
 * block, so its slot is reused by the first block after the flush) has
 * an entry in the table (under sp r1 = 0). After the flush, f calls g
 * twice (under sp r2 = 64, another entry) from a new block at that same
 * place, whose slot g's second return links to B. If the flush left
 * main's entry, f's return to A would match it and jump through the
 * reused slot to B again (r5 = 3, not 2).
 */
static void scen_flush(const char *be)
{
    const uint32_t main_code[] = {
        toy_insn(TOY_ADDI, 4, 0, 2),
        toy_insn(TOY_ADDI, 2, 0, 64),
        toy_insn(TOY_CALL, 7, 1, (F - (CODE + 8)) / 4),
        toy_insn(TOY_HALT, 0, 0, 0),                    /* A = 0x1000c */
    };
    const uint32_t f_code[] = {
        toy_insn(TOY_FLUSH, 0, 0, 0),
        toy_insn(TOY_JMP, 0, 0, 1),                     /* the flush happens here */
        toy_insn(TOY_ADDI, 4, 0, -1),                   /* F + 8: loop */
        toy_insn(TOY_CALL, 6, 2, (G - (F + 12)) / 4),
        toy_insn(TOY_ADDI, 5, 0, 1),                    /* B = F + 16 */
        toy_insn(TOY_BNZ, 4, 0, -3),
        toy_insn(TOY_RET, 7, 1, 0),
    };
    const uint32_t g_code[] = { toy_insn(TOY_RET, 6, 2, 0) };
    uint64_t flushes0;
    ToyCPU *env;

    toy_init(be, 0);
    toy_map(CODE, 4096, RX);
    toy_write(CODE, main_code, 4);
    toy_write(F, f_code, 7);
    toy_write(G, g_code, 1);
    flushes0 = tcg_ctx->stats.flushes;
    env = toy_cpu_new(CODE);
    toy_expect(be, "exception", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "one flush", tcg_ctx->stats.flushes - flushes0, 1);
    toy_expect(be, "pc at halt (A)", env->pc, CODE + 0xc);
    toy_expect(be, "B ran twice", env->regs[5], 2);
}

Test(retpred_jit, flush_between_call_and_return) { scen_flush("jit"); }
Test(retpred_interp, flush_between_call_and_return) { scen_flush("interp"); }
