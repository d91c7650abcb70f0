/*
 * The generic translation loop: the exit_request check at block start,
 * insn_start markers through the front end's callbacks, block bounds
 * (instruction count, at most two guest pages), and code fetches that
 * record the pages a block is made from.
 */
#include <stddef.h>
#include "tb-internal.h"
#include "exec/memory.h"
#include "exec/softmmu.h"
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

/* The block being translated (translation runs under one lock). */
static DisasContextBase *translator_db;
static CPUState *translator_cpu;

/*
 * tcg_gen_lookup_and_goto_ptr for a block of the usual kind: one call to
 * tb_lookup_fast_info's helper with the new pc and this block's flags,
 * cs_base and cflags
 * (a block that may change its flags leaves it to the generic helper),
 * then a jump to what it returns. This used to be an inline jump-cache
 * probe of about 20 ops and 100 bytes of host code in every block that
 * ends in an indirect jump; the helper does the same probe in C.
 */
static bool translator_gen_lookup_probe(void)
{
    DisasContextBase *db = translator_db;
    const GuestArch *arch = translator_cpu ? translator_cpu->arch : NULL;
    uint32_t cflags = tb_default_cflags();

    if (!db || !arch || !arch->pc_offset || db->tb_flags_may_change ||
        (db->tb->cflags & CF_HASH_MASK) != (cflags & CF_HASH_MASK) ||
        mimic_log_enabled(LOG_EXEC | LOG_CPU | LOG_NOCHAIN)) {
        return false;
    }
    TCGv_i64 ptr = tcg_temp_ebb_new_i64();
    TCGv_i32 pc = tcg_temp_ebb_new_i32();

    /* Usually forwarded by the optimizer from the store of the new pc. */
    tcg_gen_ld_i32(pc, tcg_env(), arch->pc_offset, MO_UL);
    if (db->tb->cs_base) {
        tcg_gen_addi_i32(pc, pc, db->tb->cs_base);
    }
    tcg_gen_call5(&tb_lookup_fast_info, tcgv_i64_temp(ptr), tcg_env(), tcgv_i32_temp(pc),
                  tcg_constant_i32(db->tb->flags), tcg_constant_i32(db->tb->cs_base),
                  tcg_constant_i32(cflags & CF_HASH_MASK));
    tcg_temp_free_i32(pc);
    tcg_gen_op1(INDEX_op_goto_ptr, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ptr)));
    tcg_temp_free_i64(ptr);
    return true;
}

__attribute__((constructor)) static void translator_set_lookup_probe(void)
{
    tcg_gen_lookup_probe = translator_gen_lookup_probe;
}

void translator_loop(CPUState *cpu, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db)
{
    TCGLabel *exit_label;

    translator_db = db;
    translator_cpu = cpu;
    db->code_nb_pages = 0;
    db->tb_flags_may_change = false;

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
        if (translator_debug_stop(cpu, db, ops)) {
            break;
        }
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
    translator_db = NULL;
    translator_cpu = NULL;
}

/* The slot of the code page holding addr; a fault reports addr. */
static int translator_code_page(DisasContextBase *db, CPUState *cpu, uint32_t addr)
{
    uint32_t vpage = addr & TARGET_PAGE_MASK;
    int n = db->code_nb_pages;

    for (int i = 0; i < n; i++) {
        if (db->code_vpage[i] == vpage) {
            return i;
        }
    }
    /* Faults, or ends the block, rather than note a third page. */
    db->code_host[n] = tb_note_code_page(db, cpu, addr, &db->code_page[n]);
    db->code_vpage[n] = vpage;
    db->code_nb_pages = n + 1;
    return n;
}

/* Copies [pc, pc+len) of guest code to buf, noting its pages: the
 * address wraps at 4 GiB as the guest's does. */
static void translator_fetch(CPUState *cpu, DisasContextBase *db, uint32_t pc,
                             unsigned len, uint8_t *buf)
{
    uint32_t last = pc + len - 1;
    int first_slot = translator_code_page(db, cpu, pc), last_slot = first_slot;

    if ((last ^ pc) & TARGET_PAGE_MASK) {
        last_slot = translator_code_page(db, cpu, last & TARGET_PAGE_MASK);
    }
    for (unsigned k = 0; k < len; k++) {
        uint32_t a = pc + k, off = a & ~TARGET_PAGE_MASK;
        int n = ((a ^ pc) & TARGET_PAGE_MASK) ? last_slot : first_slot;
        buf[k] = db->code_host[n] ? db->code_host[n][off]
                                  : (uint8_t)phys_read(db->code_page[n] + off, 1);
    }
}

uint8_t translator_ldub(CPUState *cpu, DisasContextBase *db, uint32_t pc)
{
    uint8_t p[1];

    translator_fetch(cpu, db, pc, 1, p);
    return p[0];
}

uint16_t translator_lduw(CPUState *cpu, DisasContextBase *db, uint32_t pc)
{
    uint8_t p[2];

    translator_fetch(cpu, db, pc, 2, p);
    if (cpu->arch->big_endian) {
        return (uint16_t)(p[0] << 8 | p[1]);
    }
    return (uint16_t)(p[0] | p[1] << 8);
}

uint32_t translator_ldl(CPUState *cpu, DisasContextBase *db, uint32_t pc)
{
    uint8_t p[4];

    translator_fetch(cpu, db, pc, 4, p);
    if (cpu->arch->big_endian) {
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    }
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

/*
 * System mode chains only inside the block's page: another virtual page
 * may map elsewhere next time. User mode chains across pages too: every
 * change to a translated page that could make a chained jump wrong
 * (unmapping, remapping, becoming writable, losing PROT_EXEC, madvise
 * dropping its contents) invalidates its blocks, which unchains every
 * jump into them (user-pages.c, linux-user/mmap.c).
 */
bool translator_use_goto_tb(DisasContextBase *db, uint32_t dest)
{
    if ((db->tb->cflags & CF_NOCHAIN) || mimic_log_enabled(LOG_NOCHAIN)) {
        return false;
    }
    return !softmmu_enabled || ((dest ^ db->pc_first) & TARGET_PAGE_MASK) == 0;
}
