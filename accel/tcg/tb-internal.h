/*
 * Private interface between the files of accel/tcg: the block store and
 * its lock, lookups, chaining and the per-CPU bookkeeping of the loop.
 * Nothing outside accel/tcg includes this.
 */
#ifndef ACCEL_TCG_TB_INTERNAL_H
#define ACCEL_TCG_TB_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "exec/cpu.h"
#include "exec/tb.h"
#include "exec/translator.h"
#include "tcg/tcg.h"

#define TB_HASH_BITS 16
#define TB_HASH_SIZE (1u << TB_HASH_BITS)
#define TB_PAGE_COUNT (1u << 20)         /* 4 GiB of 4 KiB guest pages */
#define TB_NO_PAGE 0xffffffffu             /* page_addr[n] unused (never page-aligned) */
/* Page mask for 64-bit (physical) addresses: TARGET_PAGE_MASK is 32-bit. */
#define TB_PHYS_PAGE_MASK (~(uint64_t)(TARGET_PAGE_SIZE - 1))
/* The cflags bits that make two blocks at one pc different. */
#define CF_HASH_MASK (CF_COUNT_MASK | CF_NOCHAIN | CF_NOIRQ | CF_SINGLE_STEP)

/* One entry of the return predictor's table (ret-predict.c): the key
 * (flags << 32 | return address) a guest call recorded, and the calling
 * block's return slot (&tb->jmp_target_addr[TB_RET_SLOT]). */
typedef struct TBRetEntry {
    uint64_t key;
    uintptr_t *link;
} TBRetEntry;

/* Entries, indexed by the guest stack pointer's bits 2 and up: a power
 * of two (the index is (sp << 2) & TB_RET_INDEX_MASK). */
#define TB_RET_TABLE_SIZE 256
#define TB_RET_INDEX_MASK ((TB_RET_TABLE_SIZE - 1) * sizeof(TBRetEntry))

/* accel/tcg's per-CPU data, stored right after the guest state. */
typedef struct CPUAccel {
    CPUState *cpu;
    volatile bool running;       /* inside cpu_exec (may touch blocks) */
    bool singlestep;             /* gdb: one insn per block, then EXCP_DEBUG */
    struct CPUAccel *next;
    void *alloc_base;            /* what cpu_create allocated (TLB tables first) */
    /* The last lookup from generated code that found no block: the main
     * loop translates it without looking it up again (cpu-exec.c). */
    bool miss_valid;
    uint32_t miss_pc, miss_cs_base, miss_flags, miss_cflags;
    uint64_t miss_flush_count;
    /* Return predictor: written by calls and read by returns in
     * generated code (ret-predict.c). */
    TBRetEntry ret_table[TB_RET_TABLE_SIZE];
} CPUAccel;

CPUAccel *cpu_accel(CPUState *cpu);
/* Where CPUAccel starts, from the guest state (env) of that arch. */
size_t cpu_accel_offset(const GuestArch *arch);
/* How many CPUs exist (threads in user mode). */
int cpu_count(void);

/* The block store: blocks in code order (so host pc lookups can bisect),
 * their per-insn data in an arena, the hash table and per-page lists.
 * All of it is rebuilt from empty by a flush. */
typedef struct TBStore {
    TranslationBlock *tbs;
    size_t max_tbs;
    size_t nb_tbs;               /* published blocks (atomic) */
    uint8_t *insn_arena;
    size_t insn_arena_size, insn_arena_used;
    TranslationBlock **htable;   /* TB_HASH_SIZE buckets */
    uintptr_t *page_lists;       /* per guest page: first (tb | n) */
    uint64_t flush_count;        /* bumped by every flush (atomic) */
    volatile bool flush_requested; /* tb_flush from inside generated code */
    const GuestArch *arch;
} TBStore;

extern TBStore tb_store;

/* The translation lock: held while translating, linking, chaining and
 * invalidating. Lookups never take it. */
void tb_lock(void);
void tb_unlock(void);
/* Releases the lock if this thread holds it (after a longjmp). */
void tb_lock_reset(void);

/* Store lifetime (tb-maint.c). */
void tb_store_init(const GuestArch *arch, size_t code_buffer_size);
TranslationBlock *tb_alloc_locked(void);   /* NULL when full */
bool tb_alloc_insn_data_locked(TranslationBlock *tb, int nb_insns,
                               uint32_t fault_regs_len);
void tb_publish_locked(TranslationBlock *tb);
void tb_link_locked(TranslationBlock *tb);
void tb_flush_locked(void);
void tb_invalidate_page_locked(uint32_t page);
void tb_phys_invalidate_locked(TranslationBlock *tb);
/* Flushes unless a flush already happened since flush_count was `seen`. */
void tb_flush_if_unchanged(uint64_t seen);

/* Lookups (lock-free). */
/* phys_pc: tb_phys_pc's answer (0 in user mode). */
TranslationBlock *tb_htable_lookup(CPUState *cpu, uint32_t pc, uint64_t phys_pc,
                                   uint32_t cs_base, uint32_t flags, uint32_t cflags);
/* System mode: the physical address of the code at pc, -1 if fetching it
 * faults; 0 in user mode. */
uint64_t tb_phys_pc(CPUState *cpu, uint32_t pc);
TranslationBlock *tb_lookup(CPUState *cpu, uint32_t pc, uint32_t cs_base,
                            uint32_t flags, uint32_t cflags);
static inline unsigned tb_jmp_cache_hash(uint32_t pc)
{
    return (pc ^ (pc >> TB_JMP_CACHE_BITS)) & (TB_JMP_CACHE_SIZE - 1);
}

/* The lookup helper of blocks ending in an indirect jump (cpu-exec.c):
 * (env, pc + cs_base, flags, cs_base, cflags & CF_HASH_MASK of the
 * calling block) ->
 * host code of the next block, or the epilogue. */
extern TCGHelperInfo tb_lookup_fast_info;

/* Chaining: points slot n of tb at dest (under the lock). */
void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *dest);
/* Links tb's return slot (TB_RET_SLOT) to dest (takes the lock). */
void tb_add_ret_jump(TranslationBlock *tb, TranslationBlock *dest);

/* Return predictor (ret-predict.c): empties the CPU's table (at creation,
 * at a flush of all blocks, at a flush of its soft TLB). */
void tb_ret_table_clear(CPUState *cpu);

/* The block generated code should go to next (cpu-exec.c): pc, flags,
 * cs_base and cflags of the CPU state, with the calling block's values
 * (a hit in the jump cache), else the full lookup; NULL: back to the
 * loop (not translated yet, or the loop must decide). */
TranslationBlock *cpu_lookup_next_tb(CPUState *cpu, uint32_t pc, uint32_t flags,
                                     uint32_t cs_base, uint32_t cflags);

/* Translation (translate-all.c), after a lookup of the same state found
 * nothing: looks again under the lock only if other CPUs exist. */
TranslationBlock *tb_gen_code(CPUState *cpu, uint32_t pc, uint32_t cs_base,
                              uint32_t flags, uint32_t cflags);
/* The cflags a block gets when nothing special is asked for. */
uint32_t tb_default_cflags(void);
/* In a child of fork(): takes the private copy of the code buffer. */
void tb_fork_child_code(void);
/* Called by translator_ld* when a fetch faults: unwinds the translation. */
_Noreturn void tb_translate_fetch_fault(DisasContextBase *db, uint32_t addr);
/* Called by translator_ld* for each virtual page the block reads code
 * from: records the page (virtual in user mode, physical in system mode:
 * *page_out) in the block, ending the block before a third page or at a
 * fetch that would fault, and returns the host address of the page, or
 * NULL if its code must be read with phys_read (not RAM/ROM). */
const uint8_t *tb_note_code_page(DisasContextBase *db, CPUState *cpu, uint32_t addr,
                                 uint64_t *page_out);

/* debug.c: called by the translator loop before each instruction; true
 * if the block ends here because of a breakpoint (is_jmp is set). */
bool translator_debug_stop(CPUState *cpu, DisasContextBase *db,
                           const TranslatorOps *ops);

/* CPU list (cpu-exec.c). */
void cpu_list_lock(void);
void cpu_list_unlock(void);
CPUAccel *cpu_list_first(void);  /* with the list lock held */
void cpu_exec_start(CPUState *cpu);
void cpu_exec_end(CPUState *cpu);

/* user-pages.c: page flags as the block store sees them. */
void page_mark_translated_locked(uint32_t page, bool protect);
void page_unprotect_locked(uint32_t page);

/* Relaxed counters: one writer at a time in practice, never torn. */
static inline void tb_stat_inc(uint64_t *counter, uint64_t n)
{
    __atomic_store_n(counter, __atomic_load_n(counter, __ATOMIC_RELAXED) + n,
                     __ATOMIC_RELAXED);
}

#endif
