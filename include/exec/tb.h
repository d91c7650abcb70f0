/*
 * Translation blocks: one guest entry point translated under one CPU
 * state (pc, cs_base, flags), its code in the code buffer, its two
 * chainable exits and the guest pages it was read from.
 */
#ifndef EXEC_TB_H
#define EXEC_TB_H

#include <stdbool.h>
#include <stdint.h>

/* Compile flags (tb->cflags). */
enum {
    CF_COUNT_MASK = 0x1ff,   /* max guest insns in the block; 0 = default */
    CF_NOCHAIN = 0x200,      /* never chain into or out of this block */
    CF_NOIRQ = 0x400,        /* no exit_request check at the start */
    CF_NO_PROTECT = 0x800,   /* run once, not cached, page not protected */
    CF_SINGLE_STEP = 0x1000,
};

/* The chaining slot of a block that ends in a guest call (its goto_tb
 * slots are 0 and 1): no code of its own; jmp_target_addr[TB_RET_SLOT]
 * holds the host code of the block at the return address, or 0 until the
 * return predictor (accel/tcg/ret-predict.c) links it. */
#define TB_RET_SLOT 2
#define TB_NB_SLOTS 3

/* Low bits of the exit_tb value returned by tcg_exec. */
enum {
    TB_EXIT_IDX0 = 0,        /* left through goto_tb slot 0 (unchained) */
    TB_EXIT_IDX1 = 1,        /* ... slot 1 */
    TB_EXIT_REQUESTED = 3,   /* exit_request was set at block start */
    TB_EXIT_MASK = 3,
};

typedef struct TranslationBlock {
    uint32_t pc, cs_base, flags, cflags;
    uint32_t size;            /* guest bytes covered */
    uint32_t icount;          /* guest insns */
    const void *tc_ptr;       /* code, executable view */
    uint32_t tc_size;
    /* host pc -> guest state: per insn, end offset in tc and its data */
    uint32_t nb_insns;
    uint32_t *insn_end_off;
    uint64_t (*insn_data)[2];
    /* ... and where its guest loads and stores left globals in host
     * registers (tcg.h, "Fault restore data"): fault_regs_len bytes. */
    const uint8_t *fault_regs;
    uint32_t fault_regs_len;

    /* Chaining: backends fill the offsets; accel/tcg owns the lists. */
    uint16_t jmp_reset_offset[2];  /* code that exits when unchained; 0xffff = no slot */
    uint16_t jmp_insn_offset[2];   /* the patchable jump */
    uintptr_t jmp_target_addr[TB_NB_SLOTS];  /* current target (the interpreter
                                              * reads this; the return slot: 0
                                              * = not linked) */
    struct TranslationBlock *jmp_dest[TB_NB_SLOTS];  /* chained to */
    uintptr_t jmp_list_head;       /* blocks that jump to this one (tb | slot) */
    uintptr_t jmp_list_next[TB_NB_SLOTS];

    /* The pages its code was read from (page-aligned addresses; virtual in
     * user mode, physical in system mode); page_addr[1] = TB_NO_PAGE if
     * one page. phys_pc: system mode's physical address of pc (part of
     * the lookup key), 0 in user mode. */
    uint64_t page_addr[2];
    uint64_t phys_pc;
    uintptr_t page_next[2];        /* next block on the same page (tb | n) */

    struct TranslationBlock *hash_next;
    volatile bool invalid;
} TranslationBlock;

#endif
