/*
 * Breakpoints and single-stepping for the gdb stub (exec/debug.h). The
 * translator asks translator_debug_stop before each instruction: a block
 * ends before a breakpoint, and a block starting at one raises EXCP_DEBUG
 * there. Single-stepping is a per-CPU flag the CPU loop reads (cpu-exec.c).
 */
#include "tb-internal.h"
#include "exec/debug.h"
#include "exec/exec-all.h"

#define TB_MAX_BREAKPOINTS 256

/* Sorted addresses; changed and read under the translation lock. */
static uint32_t tb_breakpoints[TB_MAX_BREAKPOINTS];
static int tb_nb_breakpoints;

/* Invalidates the blocks whose guest code covers pc. By virtual address,
 * scanning every block: the page lists are physical in system mode, and
 * breakpoints change rarely. */
static void tb_invalidate_pc_locked(uint32_t pc)
{
    size_t n = __atomic_load_n(&tb_store.nb_tbs, __ATOMIC_ACQUIRE);

    for (size_t i = 0; i < n; i++) {
        TranslationBlock *tb = &tb_store.tbs[i];
        uint64_t end = (uint64_t)tb->pc + (tb->size ? tb->size : 1);

        if (!tb->invalid && tb->pc <= pc && pc < end) {
            tb_phys_invalidate_locked(tb);
        }
    }
}

static int tb_breakpoint_find_locked(uint32_t pc)
{
    for (int i = 0; i < tb_nb_breakpoints; i++) {
        if (tb_breakpoints[i] == pc) {
            return i;
        }
    }
    return -1;
}

bool cpu_breakpoint_insert(uint32_t pc)
{
    bool ok = true;

    tb_lock();
    if (tb_breakpoint_find_locked(pc) < 0) {
        if (tb_nb_breakpoints == TB_MAX_BREAKPOINTS) {
            ok = false;
        } else {
            tb_breakpoints[tb_nb_breakpoints++] = pc;
            tb_invalidate_pc_locked(pc);
        }
    }
    tb_unlock();
    return ok;
}

bool cpu_breakpoint_remove(uint32_t pc)
{
    int i;

    tb_lock();
    i = tb_breakpoint_find_locked(pc);
    if (i >= 0) {
        tb_breakpoints[i] = tb_breakpoints[--tb_nb_breakpoints];
        tb_invalidate_pc_locked(pc);
    }
    tb_unlock();
    return i >= 0;
}

void cpu_breakpoint_remove_all(void)
{
    while (tb_nb_breakpoints > 0) {
        cpu_breakpoint_remove(tb_breakpoints[0]);
    }
}

void cpu_single_step(CPUState *cpu, bool enabled)
{
    cpu_accel(cpu)->singlestep = enabled;
}

bool cpu_single_stepping(CPUState *cpu)
{
    return cpu_accel(cpu)->singlestep;
}

/* Raised by the code of a block that starts at a breakpoint; the guest
 * state is restored to the breakpoint's instruction. */
__attribute__((noinline)) static void tb_helper_debug(CPUState *cpu)
{
    cpu_raise_exception(cpu, EXCP_DEBUG, GETPC());
}

static TCGHelperInfo tb_helper_debug_info =
    TCG_HELPER(tb_helper_debug, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR);

bool translator_debug_stop(CPUState *cpu, DisasContextBase *db,
                           const TranslatorOps *ops)
{
    if (tb_nb_breakpoints == 0 || tb_breakpoint_find_locked(db->pc_next) < 0) {
        return false;
    }
    if (db->num_insns > 0) {
        db->is_jmp = DISAS_TOO_MANY;     /* the next block starts at it */
        return true;
    }
    /* The block is the breakpoint alone: an insn_start for the state to
     * restore, and the page noted so removing it invalidates the block. */
    uint64_t page;

    db->num_insns++;
    ops->insn_start(db, cpu);
    tb_note_code_page(db, cpu, db->pc_next, &page);
    tcg_gen_call1(&tb_helper_debug_info, NULL, tcg_env());
    db->is_jmp = DISAS_NORETURN;
    return true;
}
