/*
 * The system-mode CPU loop and physically keyed blocks on the toy guest
 * (toy_sys_*), both backends: exceptions delivered inside cpu_exec,
 * interrupts taken at block boundaries (also from another thread into a
 * chained loop), HLT and its wake-up, and code written through a second
 * virtual mapping of its physical page, or by DMA, being retranslated.
 */
#include <pthread.h>
#include <unistd.h>
#include "toy.h"
#include "toy-check.h"

#define CODE 0x10000u
#define VEC 0x11000u

/* cpu_exec until it returns something other than EXCP_INTERRUPT. */
/* Identity-maps the code and vector pages; writes prog at CODE and the
 * handlers at VEC (exceptions: r1 += 1) and VEC + TOY_IRQ_OFFSET
 * (interrupts: r2 += 1), both ending in a toy halt. */
static ToyCPU *toy_sys_setup(const char *be, const uint32_t *prog, int n)
{
    const uint32_t excp_handler[] = {
        toy_insn(TOY_ADDI, 1, 0, 1),
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    const uint32_t irq_handler[] = {
        toy_insn(TOY_ADDI, 2, 0, 1),
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    ToyCPU *env;

    toy_sys_init(be);
    toy_sys_map(CODE, CODE);
    toy_sys_map(VEC, VEC);
    memcpy(toy_sys_ram(CODE), prog, n * 4);
    memcpy(toy_sys_ram(VEC), excp_handler, sizeof(excp_handler));
    memcpy(toy_sys_ram(VEC + TOY_IRQ_OFFSET), irq_handler, sizeof(irq_handler));
    env = toy_sys_cpu_new(CODE);
    env->vector = VEC;
    return env;
}

/* ---- an exception is delivered and the loop goes on ---- */

static void scen_exception(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_ADDI, 0, 0, 1),
        toy_insn(TOY_RAISE, 0, 0, 0x42),   /* CODE + 4 */
        toy_insn(TOY_ADDI, 0, 0, 0x10),
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    ToyCPU *env = toy_sys_setup(be, prog, 4);

    toy_expect(be, "cpu_exec returns (toy halt)", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "first exception delivered", env->excp_log[0], 0x42);
    toy_expect(be, "then the handler's halt", env->excp_log[1], TOY_EXCP_HALT);
    toy_expect(be, "epc = the raising insn", env->epc, CODE + 4);
    toy_expect(be, "r0 (insn after the raise not run)", env->regs[0], 1);
    toy_expect(be, "r1 (handler ran)", env->regs[1], 1);
}

/* A fetch from an unmapped page is a guest fault, delivered like others. */
static void scen_fetch_fault(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_JMP, 0, 0, 0x4000),    /* to CODE + 0x10000: unmapped */
    };
    ToyCPU *env = toy_sys_setup(be, prog, 1);

    toy_expect(be, "cpu_exec returns (toy halt)", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "fetch fault delivered", env->excp_log[0], TOY_EXCP_FETCH);
    toy_expect(be, "fault address", env->cs.fault_addr, CODE + 0x10000);
    toy_expect(be, "epc = the unmapped pc", env->epc, CODE + 0x10000);
    toy_expect(be, "r1 (handler ran)", env->regs[1], 1);
}

/* ---- interrupts at block boundaries ---- */

/* A device raises its line in the middle of a block. */
static ToyCPU *toy_irq_setup(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_ADDI, 0, 0, 1),
        toy_insn(TOY_IRQ, 0, 0, 0),
        toy_insn(TOY_ADDI, 0, 0, 1),
        toy_insn(TOY_JMP, 0, 0, 1),        /* block ends: CODE + 0x10 next */
        toy_insn(TOY_ADDI, 0, 0, 0x100),   /* CODE + 0x10 */
        toy_insn(TOY_HALT, 0, 0, 0),
    };

    return toy_sys_setup(be, prog, 6);
}

static void scen_irq_taken(const char *be)
{
    ToyCPU *env = toy_irq_setup(be);

    env->irq_enabled = 1;
    toy_expect(be, "cpu_exec returns (toy halt)", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "one interrupt taken", env->nb_irqs, 1);
    toy_expect(be, "at the next block boundary", env->epc, CODE + 0x10);
    toy_expect(be, "r0 (rest of the block ran)", env->regs[0], 2);
    toy_expect(be, "r2 (interrupt handler ran)", env->regs[2], 1);
    toy_expect(be, "request cleared by the guest", env->cs.interrupt_request, 0);
}

static void scen_irq_masked(const char *be)
{
    ToyCPU *env = toy_irq_setup(be);

    toy_expect(be, "cpu_exec returns (toy halt)", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "no interrupt taken", env->nb_irqs, 0);
    toy_expect(be, "r0 (all of the program ran)", env->regs[0], 0x102);
    toy_expect(be, "r2 (no handler)", env->regs[2], 0);
    toy_expect(be, "request still pending", env->cs.interrupt_request,
               CPU_INTERRUPT_HARD);
}

static void *toy_irq_thread(void *opaque)
{
    ToyCPU *env = opaque;

    /* Wait until the CPU spins inside its chained loop. */
    while (!__atomic_load_n(&env->cs.in_exec, __ATOMIC_SEQ_CST) ||
           __atomic_load_n(&env->regs[0], __ATOMIC_RELAXED) < 1000) {
        usleep(1000);
    }
    cpu_interrupt(&env->cs, CPU_INTERRUPT_HARD);
    return NULL;
}

static void scen_irq_from_thread(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_ADDI, 0, 0, 1),
        toy_insn(TOY_JMP, 0, 0, -1),       /* to CODE: chained to itself */
    };
    ToyCPU *env = toy_sys_setup(be, prog, 2);
    pthread_t t;
    int r;

    env->irq_enabled = 1;
    pthread_create(&t, NULL, toy_irq_thread, env);
    r = toy_run(env);
    pthread_join(t, NULL);
    toy_expect(be, "cpu_exec returns (toy halt)", r, EXCP_DEBUG);
    toy_expect(be, "one interrupt taken", env->nb_irqs, 1);
    toy_expect(be, "at the loop's block start", env->epc, CODE);
    toy_expect(be, "r2 (interrupt handler ran)", env->regs[2], 1);
}

/* ---- HLT ---- */

static void scen_hlt(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_WFI, 0, 0, 0),
        toy_insn(TOY_ADDI, 0, 0, 1),       /* CODE + 4 */
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    ToyCPU *env = toy_sys_setup(be, prog, 3);

    env->irq_enabled = 1;
    toy_expect(be, "HLT returns EXCP_HLT", cpu_exec(&env->cs), EXCP_HLT);
    toy_expect_true(be, "halted", env->cs.halted, 0);
    toy_expect(be, "pc after the HLT", env->pc, CODE + 4);
    toy_expect(be, "halted CPU stays halted", cpu_exec(&env->cs), EXCP_HLT);
    toy_expect(be, "nothing ran", env->regs[0], 0);
    env->irq_enabled = 0;
    cpu_interrupt(&env->cs, CPU_INTERRUPT_HARD);
    toy_expect(be, "masked interrupt: still EXCP_HLT", cpu_exec(&env->cs), EXCP_HLT);
    toy_expect_true(be, "still halted", env->cs.halted, 0);
    env->irq_enabled = 1;
    toy_expect(be, "woken: runs to the toy halt", toy_run(env), EXCP_DEBUG);
    toy_expect_true(be, "not halted", !env->cs.halted, 0);
    toy_expect(be, "interrupt taken", env->nb_irqs, 1);
    toy_expect(be, "epc = after the HLT", env->epc, CODE + 4);
    toy_expect(be, "r2 (interrupt handler ran)", env->regs[2], 1);
}

/* An interrupt already pending when HLT runs wakes it at once. */
static void scen_hlt_pending(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_IRQ, 0, 0, 0),
        toy_insn(TOY_WFI, 0, 0, 0),
        toy_insn(TOY_HALT, 0, 0, 0),       /* CODE + 8 */
    };
    ToyCPU *env = toy_sys_setup(be, prog, 3);

    env->irq_enabled = 1;
    toy_expect(be, "runs to the handler's halt", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "interrupt taken", env->nb_irqs, 1);
    toy_expect(be, "epc = after the HLT", env->epc, CODE + 8);
}

/* ---- blocks keyed by physical page ---- */

#define ALIAS_A 0x20000u
#define ALIAS_B 0x30000u
#define SHARED 0x40000u

/*
 * The same physical page is mapped at ALIAS_A and ALIAS_B. A block is
 * translated at ALIAS_A; a guest store through ALIAS_B replaces its first
 * instruction, and running ALIAS_A again must run the new one (a cache
 * keyed by virtual page would run the old block and leave r0 = 1).
 */
static void scen_alias_smc(const char *be)
{
    const uint32_t writer[] = {
        toy_insn(TOY_ST, 3, 4, 0),         /* mem[r4] = r3 */
        toy_insn(TOY_JR, 5, 0, 0),         /* pc = r5 */
    };
    const uint32_t shared[] = {
        toy_insn(TOY_ADDI, 0, 0, 1),
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    ToyCPU *env = toy_sys_setup(be, writer, 2);
    uint64_t inval;

    toy_sys_map(ALIAS_A, SHARED);
    toy_sys_map(ALIAS_B, SHARED);
    memcpy(toy_sys_ram(SHARED), shared, sizeof(shared));
    env->pc = ALIAS_A;
    toy_expect(be, "run at A", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "r0 from the old code", env->regs[0], 1);

    inval = tcg_ctx->stats.invalidations;
    env->regs[0] = 0;
    env->regs[3] = toy_insn(TOY_ADDI, 0, 0, 5);
    env->regs[4] = ALIAS_B;
    env->regs[5] = ALIAS_A;
    env->pc = CODE;
    toy_expect(be, "write through B, run at A", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "r0 from the new code", env->regs[0], 5);
    toy_expect_true(be, "the old block was invalidated",
                    tcg_ctx->stats.invalidations > inval, tcg_ctx->stats.invalidations);

    /* A physical write from outside the CPU (DMA, a loader) too. */
    phys_stl_le(SHARED, toy_insn(TOY_ADDI, 0, 0, 7));
    env->regs[0] = 0;
    env->pc = ALIAS_A;
    toy_expect(be, "after a DMA write, run at A", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "r0 from the DMA'd code", env->regs[0], 7);
    env->regs[0] = 0;
    env->pc = ALIAS_B;
    toy_expect(be, "run at B", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "r0 at B: the same bytes", env->regs[0], 7);
}

/* Writes to a page without code leave the blocks alone. */
static void scen_data_write_keeps_code(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_ADDI, 0, 0, 1),
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    ToyCPU *env = toy_sys_setup(be, prog, 2);
    uint64_t translated;

    toy_expect(be, "first run", toy_run(env), EXCP_DEBUG);
    translated = tcg_ctx->stats.tbs_translated;
    phys_stl_le(CODE + 0x1000 * 8, 0x12345678);   /* another page */
    phys_stl_le(CODE + 0x100, 0x12345678);        /* same page, past the block */
    env->pc = CODE;
    toy_expect(be, "second run", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "no block translated again", tcg_ctx->stats.tbs_translated,
               translated);
    toy_expect(be, "r0", env->regs[0], 2);
}

/* A memory-map change under code (a ROM mapped over the RAM page it came
 * from) drops the blocks translated from what was there before. */
static void scen_map_change(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_ADDI, 0, 0, 1),
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    static uint32_t rom[1024];
    ToyCPU *env = toy_sys_setup(be, prog, 2);

    rom[0] = toy_insn(TOY_ADDI, 0, 0, 9);
    rom[1] = toy_insn(TOY_HALT, 0, 0, 0);
    toy_expect(be, "run from RAM", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "r0 from the RAM code", env->regs[0], 1);
    mem_map_rom(CODE, sizeof(rom), rom, "overlay");
    env->regs[0] = 0;
    env->pc = CODE;
    toy_expect(be, "run after the ROM is mapped", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "r0 from the ROM code", env->regs[0], 9);
}

Test(system_jit, exception, .timeout = 20) { scen_exception("jit"); }
Test(system_interp, exception, .timeout = 20) { scen_exception("interp"); }
Test(system_jit, fetch_fault, .timeout = 20) { scen_fetch_fault("jit"); }
Test(system_interp, fetch_fault, .timeout = 20) { scen_fetch_fault("interp"); }
Test(system_jit, irq_taken, .timeout = 20) { scen_irq_taken("jit"); }
Test(system_interp, irq_taken, .timeout = 20) { scen_irq_taken("interp"); }
Test(system_jit, irq_masked, .timeout = 20) { scen_irq_masked("jit"); }
Test(system_interp, irq_masked, .timeout = 20) { scen_irq_masked("interp"); }
Test(system_jit, irq_from_thread, .timeout = 20) { scen_irq_from_thread("jit"); }
Test(system_interp, irq_from_thread, .timeout = 20) { scen_irq_from_thread("interp"); }
Test(system_jit, hlt, .timeout = 20) { scen_hlt("jit"); }
Test(system_interp, hlt, .timeout = 20) { scen_hlt("interp"); }
Test(system_jit, hlt_pending, .timeout = 20) { scen_hlt_pending("jit"); }
Test(system_interp, hlt_pending, .timeout = 20) { scen_hlt_pending("interp"); }
Test(system_jit, alias_smc, .timeout = 20) { scen_alias_smc("jit"); }
Test(system_interp, alias_smc, .timeout = 20) { scen_alias_smc("interp"); }
Test(system_jit, data_write_keeps_code, .timeout = 20) { scen_data_write_keeps_code("jit"); }
Test(system_interp, data_write_keeps_code, .timeout = 20) { scen_data_write_keeps_code("interp"); }
Test(system_jit, map_change, .timeout = 20) { scen_map_change("jit"); }
Test(system_interp, map_change, .timeout = 20) { scen_map_change("interp"); }
