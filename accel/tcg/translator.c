/*
 * The generic translation loop: the exit_request check at block start,
 * insn_start markers through the front end's callbacks, block bounds
 * (instruction count, at most two guest pages), and code fetches that
 * record the pages a block is made from.
 */
#include <stddef.h>
#include "tb-internal.h"
#include "exec/translator.h"
#include "exec/user-pages.h"
#include "util/log.h"

static TCGLabel *translator_gen_exit_check(TranslationBlock *tb)
{
    TCGv_i32 flag;
    TCGLabel *exit_label;

    if (tb->cflags & CF_NOIRQ) {
        return NULL;
    }
    flag = tcg_temp_ebb_new_i32();
    exit_label = gen_new_label();
    tcg_gen_ld_i32(flag, tcg_env(), offsetof(CPUState, exit_request), MO_UL);
    tcg_gen_brcondi_i32(TCG_COND_NE, flag, 0, exit_label);
    tcg_temp_free_i32(flag);
    return exit_label;
}

static bool translator_page_crossed(const DisasContextBase *db)
{
    return ((db->pc_next ^ db->pc_first) & TARGET_PAGE_MASK) != 0;
}

void translator_loop(CPUState *cpu, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db)
{
    TCGLabel *exit_label;

    db->tb = tb;
    db->pc_first = tb->pc;
    db->pc_next = tb->pc;
    db->is_jmp = DISAS_NEXT;
    db->num_insns = 0;
    db->max_insns = max_insns > 0 ? max_insns : 1;

    ops->init_disas_context(db, cpu);
    exit_label = translator_gen_exit_check(tb);
    ops->tb_start(db, cpu);
    for (;;) {
        db->num_insns++;
        ops->insn_start(db, cpu);
        ops->translate_insn(db, cpu);
        if (db->is_jmp != DISAS_NEXT) {
            break;
        }
        /* Also end the block while one more instruction's IR surely fits. */
        if (db->num_insns >= db->max_insns || translator_page_crossed(db) ||
            tcg_ctx->nb_temps > TCG_MAX_TEMPS - TCG_TEMPS_PER_INSN_MAX) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    ops->tb_stop(db, cpu);
    if (exit_label) {
        gen_set_label(exit_label);
        tcg_gen_exit_tb((uintptr_t)tb | TB_EXIT_REQUESTED);
    }
    tb->size = db->pc_next - db->pc_first;
    tb->icount = db->num_insns;
}

/* Checks that [pc, pc+len) may be fetched, noting its pages. */
static void *translator_access(DisasContextBase *db, uint32_t pc, unsigned len)
{
    uint32_t last = pc + len - 1;

    tb_note_code_page(db, pc);
    if ((last ^ pc) & TARGET_PAGE_MASK) {
        tb_note_code_page(db, last & TARGET_PAGE_MASK);
    }
    return g2h(pc);
}

uint8_t translator_ldub(CPUState *cpu, DisasContextBase *db, uint32_t pc)
{
    return *(uint8_t *)translator_access(db, pc, 1);
}

uint16_t translator_lduw(CPUState *cpu, DisasContextBase *db, uint32_t pc)
{
    uint8_t *p = translator_access(db, pc, 2);

    if (cpu->arch->big_endian) {
        return (uint16_t)(p[0] << 8 | p[1]);
    }
    return (uint16_t)(p[0] | p[1] << 8);
}

uint32_t translator_ldl(CPUState *cpu, DisasContextBase *db, uint32_t pc)
{
    uint8_t *p = translator_access(db, pc, 4);

    if (cpu->arch->big_endian) {
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    }
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

bool translator_use_goto_tb(DisasContextBase *db, uint32_t dest)
{
    if ((db->tb->cflags & CF_NOCHAIN) || mimic_log_enabled(LOG_NOCHAIN)) {
        return false;
    }
    return ((dest ^ db->pc_first) & TARGET_PAGE_MASK) == 0;
}
