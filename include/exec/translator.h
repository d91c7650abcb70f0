/*
 * The generic translation loop front ends plug into: a small table of
 * callbacks around one loop that emits insn_start markers, bounds the
 * block and reads guest code (recording the pages for invalidation).
 */
#ifndef EXEC_TRANSLATOR_H
#define EXEC_TRANSLATOR_H

#include "exec/cpu.h"
#include "exec/tb.h"
#include "tcg/tcg-op.h"

typedef enum DisasJumpType {
    DISAS_NEXT,        /* keep translating */
    DISAS_TOO_MANY,    /* stop: limit reached; tb_stop jumps to pc_next */
    DISAS_NORETURN,    /* the block already ended (exit or exception) */
    DISAS_TARGET_0,    /* front-end specific values start here */
} DisasJumpType;

typedef struct DisasContextBase {
    TranslationBlock *tb;
    uint32_t pc_first, pc_next;
    DisasJumpType is_jmp;
    int num_insns, max_insns;
    /* Set by a front end that emitted code which may change the block
     * flags (get_tb_cpu_state): indirect jumps then skip the inline
     * jump-cache probe, whose check uses this block's flags. */
    bool tb_flags_may_change;
    /* The code pages read so far (translator.c): virtual page, the page
     * recorded in the block (physical in system mode) and its host
     * address (NULL: read through phys_read). translator_loop clears it. */
    int code_nb_pages;
    uint32_t code_vpage[2];
    uint64_t code_page[2];
    const uint8_t *code_host[2];
} DisasContextBase;

typedef struct TranslatorOps {
    void (*init_disas_context)(DisasContextBase *db, CPUState *cpu);
    void (*tb_start)(DisasContextBase *db, CPUState *cpu);
    void (*insn_start)(DisasContextBase *db, CPUState *cpu); /* emits tcg_gen_insn_start */
    void (*translate_insn)(DisasContextBase *db, CPUState *cpu); /* advances pc_next */
    void (*tb_stop)(DisasContextBase *db, CPUState *cpu);
} TranslatorOps;

/* Emits the exit_request check (unless CF_NOIRQ), then runs the callbacks
 * until is_jmp != DISAS_NEXT, max_insns, or the block would cross more than
 * one page boundary. */
void translator_loop(CPUState *cpu, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db);

/* Reads guest code at pc for the block being translated. A fetch from an
 * unmapped or non-executable page raises the guest's fault (via
 * cpu_loop_exit with exception set by the arch's fetch-fault hook). */
uint8_t translator_ldub(CPUState *cpu, DisasContextBase *db, uint32_t pc);
uint16_t translator_lduw(CPUState *cpu, DisasContextBase *db, uint32_t pc); /* guest byte order */
uint32_t translator_ldl(CPUState *cpu, DisasContextBase *db, uint32_t pc);  /* guest byte order */

/* Whether a direct jump from this block to dest may be chained. */
bool translator_use_goto_tb(DisasContextBase *db, uint32_t dest);

/*
 * The return-address predictor (accel/tcg/ret-predict.c, docs/tcg.md).
 * A front end's call instruction, once its return address is stored
 * (guest stack or link register), calls translator_gen_ret_push with
 * that address and the guest stack pointer the callee will return with
 * (the block must end with this call: the block's return slot is its
 * own); its return instruction, once the new pc is stored in env, ends
 * the block with translator_gen_ret_lookup(pc, the same stack pointer)
 * instead of tcg_gen_lookup_and_goto_ptr. pc and sp of the lookup must live to
 * the block's end (a global or a TB temp). Each falls back to the plain
 * behaviour where the predictor cannot be exact (cs_base != 0, special
 * cflags, flags the block may change, logging).
 */
void translator_gen_ret_push(DisasContextBase *db, uint32_t ret_addr, TCGv_i32 sp);
void translator_gen_ret_lookup(DisasContextBase *db, TCGv_i32 pc, TCGv_i32 sp);

#endif
