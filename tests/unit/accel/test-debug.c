/*
 * The CPU loop's debugging hooks for the gdb stub (exec/debug.h) on the
 * toy guest, both backends: a breakpoint stops before its instruction,
 * also in code translated and chained before it was inserted; removing it
 * lets the code run on; single-stepping runs one instruction per
 * cpu_exec, through direct jumps, taken branches and goto_ptr; and in
 * system mode, a breakpoint at a virtual address whose physical page
 * differs.
 * Expected values follow from the toy program by hand.
 */
#include <string.h>
#include "toy.h"
#include "toy-check.h"
#include "exec/debug.h"

#define CODE 0x10000u
#define RX (PAGE_READ | PAGE_EXEC)

/* r3 = sum of r2 = 3, 2, 1 (6), then halt at 0x10014. */
static ToyCPU *toy_loop_cpu(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_ADDI, 2, 0, 3),       /* 0x10000 */
        toy_insn(TOY_ADD, 3, 2, 0),        /* 0x10004: loop */
        toy_insn(TOY_ADDI, 2, 0, -1),      /* 0x10008 */
        toy_insn(TOY_BNZ, 2, 0, -2),       /* 0x1000c */
        toy_insn(TOY_ADDI, 4, 0, 7),       /* 0x10010 */
        toy_insn(TOY_HALT, 0, 0, 0),       /* 0x10014 */
    };

    toy_init(be, 0);
    toy_map(CODE, 4096, RX);
    toy_write(CODE, prog, 6);
    return toy_cpu_new(CODE);
}

static void scen_breakpoint(const char *be)
{
    ToyCPU *env = toy_loop_cpu(be);

    toy_expect(be, "insert at 0x10008", cpu_breakpoint_insert(0x10008), 1);
    toy_expect(be, "stops with EXCP_DEBUG", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "pc = the breakpoint", env->pc, 0x10008);
    toy_expect(be, "r3 = 3 (one add ran)", env->regs[3], 3);
    toy_expect(be, "r2 = 3 (its addi did not)", env->regs[2], 3);
    /* Still there: the next iteration stops again, after one addi+bnz. */
    cpu_breakpoint_remove(0x10008);
    cpu_single_step(&env->cs, true);
    toy_expect(be, "step over it", toy_run(env), EXCP_DEBUG);
    cpu_single_step(&env->cs, false);
    toy_expect(be, "pc after the step", env->pc, 0x1000c);
    cpu_breakpoint_insert(0x10008);
    toy_expect(be, "hits again", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "pc = the breakpoint again", env->pc, 0x10008);
    toy_expect(be, "r3 = 3 + 2", env->regs[3], 5);
    toy_expect(be, "remove", cpu_breakpoint_remove(0x10008), 1);
    toy_expect(be, "remove twice fails", cpu_breakpoint_remove(0x10008), 0);
    toy_expect(be, "runs to the halt", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "r3 = 3 + 2 + 1", env->regs[3], 6);
    toy_expect(be, "r4 = 7", env->regs[4], 7);
}

Test(debug_jit, breakpoint) { scen_breakpoint("jit"); }
Test(debug_interp, breakpoint) { scen_breakpoint("interp"); }

/* A breakpoint inserted into code already translated and chained. */
static void scen_breakpoint_cached(const char *be)
{
    ToyCPU *env = toy_loop_cpu(be);

    toy_expect(be, "first run halts", toy_run(env), TOY_EXCP_HALT);
    env->pc = CODE;
    env->regs[2] = env->regs[3] = env->regs[4] = 0;
    cpu_breakpoint_insert(0x10010);
    toy_expect(be, "second run stops", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "pc = 0x10010", env->pc, 0x10010);
    toy_expect(be, "the loop ran: r3 = 6", env->regs[3], 6);
    toy_expect(be, "r4 not set yet", env->regs[4], 0);
    cpu_breakpoint_remove_all();
    toy_expect(be, "then halts", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "r4 = 7", env->regs[4], 7);
}

Test(debug_jit, breakpoint_in_cached_code) { scen_breakpoint_cached("jit"); }
Test(debug_interp, breakpoint_in_cached_code) { scen_breakpoint_cached("interp"); }

/* Stepping: each cpu_exec runs exactly one instruction. */
static void scen_single_step(const char *be)
{
    /* pcs after each step of the loop program, by hand */
    static const uint32_t want[] = {
        0x10004, 0x10008, 0x1000c, 0x10004, 0x10008, 0x1000c,
        0x10004, 0x10008, 0x1000c, 0x10010, 0x10014,
    };
    ToyCPU *env = toy_loop_cpu(be);
    char what[64];

    toy_expect(be, "warm the cache", toy_run(env), TOY_EXCP_HALT);
    env->pc = CODE;
    env->regs[2] = env->regs[3] = env->regs[4] = 0;
    cpu_single_step(&env->cs, true);
    for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        snprintf(what, sizeof(what), "step %u stops", i + 1);
        toy_expect(be, what, toy_run(env), EXCP_DEBUG);
        snprintf(what, sizeof(what), "step %u pc", i + 1);
        toy_expect(be, what, env->pc, want[i]);
    }
    toy_expect(be, "r3 = 6 after the steps", env->regs[3], 6);
    toy_expect(be, "the halt insn raises its own exception", toy_run(env), TOY_EXCP_HALT);
    cpu_single_step(&env->cs, false);
}

Test(debug_jit, single_step) { scen_single_step("jit"); }
Test(debug_interp, single_step) { scen_single_step("interp"); }

/* Stepping through a jump via the lookup helper (goto_ptr). */
static void scen_step_jr(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_LUI, 1, 0, 1),        /* r1 = 0x10000 */
        toy_insn(TOY_ADDI, 1, 0, 0x10),    /* r1 = 0x10010 */
        toy_insn(TOY_JR, 1, 0, 0),         /* 0x10008 */
        toy_insn(TOY_HALT, 0, 0, 0),       /* 0x1000c: skipped */
        toy_insn(TOY_ADDI, 5, 0, 9),       /* 0x10010 */
        toy_insn(TOY_HALT, 0, 0, 0),       /* 0x10014 */
    };
    ToyCPU *env;

    toy_init(be, 0);
    toy_map(CODE, 4096, RX);
    toy_write(CODE, prog, 6);
    env = toy_cpu_new(CODE);
    cpu_single_step(&env->cs, true);
    toy_run(env);
    toy_run(env);
    toy_expect(be, "at the jr", env->pc, 0x10008);
    toy_expect(be, "step the jr", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "pc = its target", env->pc, 0x10010);
    toy_expect(be, "step the addi", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "r5 = 9", env->regs[5], 9);
    toy_expect(be, "pc = the halt", env->pc, 0x10014);
    cpu_single_step(&env->cs, false);
}

Test(debug_jit, step_through_goto_ptr) { scen_step_jr("jit"); }
Test(debug_interp, step_through_goto_ptr) { scen_step_jr("interp"); }

/* System mode: code at virtual 0x400000 in physical page 0x3000; the
 * block cache is keyed by physical address, breakpoints by virtual. */
static void scen_system(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_ADDI, 2, 0, 3),       /* 0x400000 */
        toy_insn(TOY_ADD, 3, 2, 0),        /* 0x400004 */
        toy_insn(TOY_ADDI, 2, 0, -1),
        toy_insn(TOY_BNZ, 2, 0, -2),
        toy_insn(TOY_ADDI, 4, 0, 7),       /* 0x400010 */
        toy_insn(TOY_HALT, 0, 0, 0),       /* 0x400014: EXCP_DEBUG in system mode */
    };
    ToyCPU *env;

    toy_sys_init(be);
    toy_sys_map(0x400000, 0x3000);
    memcpy(toy_sys_ram(0x3000), prog, sizeof(prog));
    env = toy_sys_cpu_new(0x400000);
    toy_expect(be, "first run reaches the halt", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "pc = the halt", env->pc, 0x400014);
    env->pc = 0x400000;
    env->regs[2] = env->regs[3] = env->regs[4] = 0;
    cpu_breakpoint_insert(0x400010);
    toy_expect(be, "stops at the breakpoint", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "pc = 0x400010", env->pc, 0x400010);
    toy_expect(be, "r4 not set yet", env->regs[4], 0);
    cpu_breakpoint_remove(0x400010);
    toy_expect(be, "then the halt", toy_run(env), EXCP_DEBUG);
    toy_expect(be, "pc = the halt again", env->pc, 0x400014);
    toy_expect(be, "r4 = 7", env->regs[4], 7);
}

Test(debug_jit, system_mode_breakpoint) { scen_system("jit"); }
Test(debug_interp, system_mode_breakpoint) { scen_system("interp"); }
