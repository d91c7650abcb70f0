/*
 * Exceptions on the toy guest, both backends: a helper raising in the
 * middle of a block, a load from an unmapped page (SIGSEGV handler ->
 * cpu_restore_state), instruction fetch faults, and self-modifying code
 * through the write-protection / page_unprotect path.
 */
#include <pthread.h>
#include <unistd.h>
#include "toy.h"
#include "toy-check.h"

#define CODE 0x10000u
#define RX (PAGE_READ | PAGE_EXEC)
#define RWX (PAGE_READ | PAGE_WRITE | PAGE_EXEC)

/* ---- a helper raises via cpu_loop_exit_restore(GETPC()) mid-block ---- */

static void scen_raise(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_ADDI, 1, 0, 5),
        toy_insn(TOY_ADDI, 2, 0, 7),
        toy_insn(TOY_RAISE, 0, 0, 42),     /* 0x10008 */
        toy_insn(TOY_ADDI, 1, 0, 100),
        toy_insn(TOY_HALT, 0, 0, 0),       /* 0x10010 */
    };
    ToyCPU *env;

    toy_init(be, 0);
    toy_map(CODE, 4096, RX);
    toy_write(CODE, prog, 5);
    env = toy_cpu_new(CODE);
    for (int round = 0; round < 2; round++) {   /* translated, then cached */
        env->pc = CODE;
        env->regs[1] = env->regs[2] = 0;
        toy_expect(be, "exception = 42", toy_run(env), 42);
        toy_expect(be, "pc restored to the raising insn", env->pc, 0x10008);
        toy_expect(be, "r1 written before the raise", env->regs[1], 5);
        toy_expect(be, "r2 written before the raise", env->regs[2], 7);
    }
    env->pc = 0x1000c;
    toy_expect(be, "resume after it: halt", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "resume after it: pc", env->pc, 0x10010);
    toy_expect(be, "resume after it: r1", env->regs[1], 105);
}

Test(accel_jit, raise_mid_block) { scen_raise("jit"); }
Test(accel_interp, raise_mid_block) { scen_raise("interp"); }

/* ---- a guest load from an unmapped page ---- */

static void scen_segv(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_ADDI, 1, 0, 1),
        toy_insn(TOY_LUI, 5, 0, 0x5000),   /* r5 = 0x50000000, unmapped */
        toy_insn(TOY_LD, 2, 5, 0x10),      /* 0x10008 */
        toy_insn(TOY_ADDI, 1, 0, 1),
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    ToyCPU *env;

    toy_init(be, 0);
    toy_install_segv_handler();
    toy_map(CODE, 4096, RX);
    toy_write(CODE, prog, 5);
    env = toy_cpu_new(CODE);
    /* Twice: the second fault checks the signal mask was restored. */
    for (int round = 0; round < 2; round++) {
        env->pc = CODE;
        env->regs[1] = 0;
        toy_expect(be, "exception = SEGV", toy_run(env), TOY_EXCP_SEGV);
        toy_expect(be, "pc of the faulting load", env->pc, 0x10008);
        toy_expect(be, "fault address", env->cs.fault_addr, 0x50000010);
        toy_expect(be, "r1 before the fault", env->regs[1], 1);
    }
    env->pc = 0x1000c;
    toy_expect(be, "resume: halt", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "resume: r1", env->regs[1], 2);
}

Test(accel_jit, unmapped_load) { scen_segv("jit"); }
Test(accel_interp, unmapped_load) { scen_segv("interp"); }

/* ---- instruction fetch faults ---- */

static void scen_fetch(const char *be)
{
    const uint32_t jump_away[] = {
        toy_insn(TOY_ADDI, 1, 0, 1),
        toy_insn(TOY_LUI, 6, 0, 3),        /* r6 = 0x30000, unmapped */
        toy_insn(TOY_JR, 6, 0, 0),
    };
    const uint32_t two_adds[] = { toy_insn(TOY_ADDI, 1, 0, 1), toy_insn(TOY_ADDI, 1, 0, 1) };
    ToyCPU *env;

    toy_init(be, 0);
    toy_map(CODE, 4096, RX);           /* 0x11000 stays unmapped */
    toy_write(CODE, jump_away, 3);
    env = toy_cpu_new(CODE);
    toy_expect(be, "jump to unmapped: exception", toy_run(env), TOY_EXCP_FETCH);
    toy_expect(be, "jump to unmapped: fault_addr", env->cs.fault_addr, 0x30000);
    toy_expect(be, "jump to unmapped: pc", env->pc, 0x30000);
    toy_expect(be, "jump to unmapped: r1", env->regs[1], 1);

    /* Running off the end of the last mapped page. */
    toy_write(CODE + 0xff8, two_adds, 2);
    env->pc = CODE + 0xff8;
    env->regs[1] = 0;
    toy_expect(be, "fall off the page: exception", toy_run(env), TOY_EXCP_FETCH);
    toy_expect(be, "fall off the page: pc", env->pc, 0x11000);
    toy_expect(be, "fall off the page: r1", env->regs[1], 2);

    /* A misaligned stream whose third insn straddles into the hole: the
     * block is cut before it, then that insn faults on its own. */
    toy_write(CODE + 0xff6, two_adds, 2);
    *(uint16_t *)g2h(CODE + 0xffe) = 0;
    env->pc = CODE + 0xff6;
    env->regs[1] = 0;
    toy_expect(be, "straddling insn: exception", toy_run(env), TOY_EXCP_FETCH);
    toy_expect(be, "straddling insn: pc", env->pc, CODE + 0xffe);
    toy_expect(be, "straddling insn: fault_addr", env->cs.fault_addr, 0x11000);
    toy_expect(be, "straddling insn: r1 (two adds ran)", env->regs[1], 2);
}

Test(accel_jit, fetch_fault) { scen_fetch("jit"); }
Test(accel_interp, fetch_fault) { scen_fetch("interp"); }

/* ---- self-modifying code inside the running block ---- */

static void scen_smc_self(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_LUI, 1, 0, 1),        /* r1 = 0x10000 */
        toy_insn(TOY_LD, 2, 1, 0x40),      /* r2 = the new insn */
        toy_insn(TOY_ST, 2, 1, 0x10),      /* 0x10008: patch 0x10010 */
        toy_insn(TOY_ADDI, 3, 0, 1),
        toy_insn(TOY_ADDI, 4, 0, 1),       /* 0x10010: becomes ADDI r4, 50 */
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    const uint32_t patch = toy_insn(TOY_ADDI, 4, 0, 50);
    ToyCPU *env;

    toy_init(be, 0);
    toy_install_segv_handler();
    toy_map(CODE, 4096, RWX);
    toy_write(CODE, prog, 6);
    toy_write(CODE + 0x40, &patch, 1);
    env = toy_cpu_new(CODE);
    toy_expect(be, "exception", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "r4: the patched insn ran", env->regs[4], 50);
    toy_expect(be, "r3: the insn after the store ran once", env->regs[3], 1);
    toy_expect(be, "memory at 0x10010", *(uint32_t *)g2h(CODE + 0x10), patch);
    toy_expect_true(be, "blocks were invalidated", tcg_ctx->stats.invalidations >= 1,
                    tcg_ctx->stats.invalidations);
    toy_expect_true(be, "page holds code again and is protected",
                    (page_get_flags(CODE) & (PAGE_WRITE_ORG | PAGE_TRANSLATED)) ==
                    (PAGE_WRITE_ORG | PAGE_TRANSLATED), page_get_flags(CODE));
}

Test(accel_jit, smc_same_block) { scen_smc_self("jit"); }
Test(accel_interp, smc_same_block) { scen_smc_self("interp"); }

/* ---- code on one page rewritten from a block on another page ---- */

static void scen_smc_other(const char *be)
{
    const uint32_t victim[] = { toy_insn(TOY_ADDI, 4, 0, 1), toy_insn(TOY_HALT, 0, 0, 0) };
    const uint32_t writer[] = {
        toy_insn(TOY_LUI, 1, 0, 1),        /* r1 = 0x10000 */
        toy_insn(TOY_LD, 2, 1, 0x40),
        toy_insn(TOY_ST, 2, 1, 0),         /* patch the victim's first insn */
        toy_insn(TOY_ADDI, 3, 0, 1),
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    const uint32_t patch = toy_insn(TOY_ADDI, 4, 0, 50);
    ToyCPU *env;

    toy_init(be, 0);
    toy_install_segv_handler();
    toy_map(CODE, 4096, RWX);
    toy_map(CODE + 0x2000, 4096, RX);
    toy_write(CODE, victim, 2);
    toy_write(CODE + 0x40, &patch, 1);
    toy_write(CODE + 0x2000, writer, 5);
    env = toy_cpu_new(CODE);
    toy_expect(be, "victim run 1", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "victim run 1: r4", env->regs[4], 1);
    toy_expect_true(be, "victim page write-protected",
                    (page_get_flags(CODE) & (PAGE_WRITE | PAGE_WRITE_ORG)) == PAGE_WRITE_ORG,
                    page_get_flags(CODE));
    env->pc = CODE + 0x2000;
    toy_expect(be, "writer", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "writer: r3", env->regs[3], 1);
    toy_expect_true(be, "victim page writable again",
                    (page_get_flags(CODE) & PAGE_WRITE) != 0, page_get_flags(CODE));
    env->pc = CODE;
    toy_expect(be, "victim run 2", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "victim run 2: r4 = 1 + 50", env->regs[4], 51);
}

Test(accel_jit, smc_other_page) { scen_smc_other("jit"); }
Test(accel_interp, smc_other_page) { scen_smc_other("interp"); }

/* ---- host pcs outside generated code ---- */

Test(accel_interp, restore_outside_code)
{
    ToyCPU *env;

    toy_init("interp", 0);
    env = toy_cpu_new(CODE);
    toy_expect("interp", "cpu_restore_state(C function) fails",
               cpu_restore_state(&env->cs, (uintptr_t)&scen_raise), false);
    toy_expect("interp", "cpu_restore_state(0) fails",
               cpu_restore_state(&env->cs, 0), false);
}

/* ---- exit_request seen at the start of a chained block ---- */

static void scen_exit_request(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_ADDI, 1, 0, 1),
        toy_insn(TOY_KICK, 0, 0, 0),
        toy_insn(TOY_JMP, 0, 0, 1),        /* -> 0x1000c, chained */
        toy_insn(TOY_ADDI, 2, 0, 1),       /* 0x1000c */
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    ToyCPU *env;

    toy_init(be, 0);
    toy_map(CODE, 4096, RX);
    toy_write(CODE, prog, 5);
    env = toy_cpu_new(CODE);
    toy_expect(be, "run 1 (no kick): halt", cpu_exec(&env->cs), TOY_EXCP_HALT);
    toy_expect(be, "run 1: the jump was chained", tcg_ctx->stats.chain_patches, 1);
    env->pc = CODE;
    env->kick = 1;
    toy_expect(be, "run 2: interrupted", cpu_exec(&env->cs), EXCP_INTERRUPT);
    toy_expect(be, "run 2: pc = start of the chained block", env->pc, 0x1000c);
    toy_expect(be, "run 2: r1", env->regs[1], 2);
    toy_expect(be, "run 2: r2 (second block not run)", env->regs[2], 1);
    toy_expect(be, "run 2: exit_request cleared", env->cs.exit_request, 0);
    env->kick = 0;
    toy_expect(be, "run 3: halt", cpu_exec(&env->cs), TOY_EXCP_HALT);
    toy_expect(be, "run 3: r1", env->regs[1], 2);
    toy_expect(be, "run 3: r2", env->regs[2], 2);
}

Test(accel_jit, exit_request_chained) { scen_exit_request("jit"); }
Test(accel_interp, exit_request_chained) { scen_exit_request("interp"); }

/* ---- one thread rewrites the code another thread is looping in ---- */

typedef struct SMCThread {
    ToyCPU *env;
    int result;
} SMCThread;

static void *smc_thread_run(void *opaque)
{
    SMCThread *t = opaque;

    t->result = toy_run(t->env);
    return NULL;
}

static void scen_smc_threads(const char *be)
{
    const uint32_t spinner[] = {
        toy_insn(TOY_ADDI, 1, 0, 1),       /* 0x10000: iterations */
        toy_insn(TOY_ADDI, 3, 0, 0),       /* 0x10004: becomes ADDI r3, 1 */
        toy_insn(TOY_BNZ, 3, 0, 2),        /* -> 0x10010 once r3 != 0 */
        toy_insn(TOY_JMP, 0, 0, -3),       /* 0x1000c: back to 0x10000 */
        toy_insn(TOY_HALT, 0, 0, 0),       /* 0x10010 */
    };
    const uint32_t writer[] = {
        toy_insn(TOY_LUI, 1, 0, 1),
        toy_insn(TOY_LD, 2, 1, 0x40),
        toy_insn(TOY_ST, 2, 1, 4),         /* patch 0x10004 */
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    const uint32_t patch = toy_insn(TOY_ADDI, 3, 0, 1);
    SMCThread a;
    pthread_t th;
    ToyCPU *benv;
    int rb;

    toy_init(be, 0);
    toy_install_segv_handler();
    toy_map(CODE, 4096, RWX);
    toy_map(CODE + 0x2000, 4096, RX);
    toy_write(CODE, spinner, 5);
    toy_write(CODE + 0x40, &patch, 1);
    toy_write(CODE + 0x2000, writer, 4);
    a.env = toy_cpu_new(CODE);
    pthread_create(&th, NULL, smc_thread_run, &a);
    while (__atomic_load_n(&a.env->cs.in_exec, __ATOMIC_ACQUIRE) == 0 ||
           tcg_ctx->stats.chain_patches < 2) {
        usleep(1000);   /* until the spinner loops through chained blocks */
    }
    usleep(20000);
    benv = toy_cpu_new(CODE + 0x2000);
    rb = toy_run(benv);
    pthread_join(th, NULL);
    toy_expect(be, "writer halted", rb, TOY_EXCP_HALT);
    toy_expect(be, "spinner halted (saw the new code)", a.result, TOY_EXCP_HALT);
    toy_expect(be, "spinner r3", a.env->regs[3], 1);
    toy_expect_true(be, "spinner looped many times", a.env->regs[1] > 1, a.env->regs[1]);
    toy_expect_true(be, "spinner's blocks were invalidated",
                    tcg_ctx->stats.invalidations >= 2, tcg_ctx->stats.invalidations);
}

Test(accel_jit, smc_other_thread, .timeout = 60) { scen_smc_threads("jit"); }
Test(accel_interp, smc_other_thread, .timeout = 60) { scen_smc_threads("interp"); }
