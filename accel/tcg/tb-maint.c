/*
 * The block store: allocation in code order, the lock-free hash table and
 * per-CPU jump caches, per-page block lists, chaining and unchaining,
 * invalidation of pages and ranges, and the full flush.
 */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "tb-internal.h"
#include "tcg/tcg-internal.h"
#include "exec/cpu-ldst.h"
#include "exec/exec-all.h"
#include "exec/user-pages.h"
#include "exec/softmmu.h"
#include "cputlb.h"

TBStore tb_store;

static pthread_mutex_t tb_mutex = PTHREAD_MUTEX_INITIALIZER;
static __thread bool tb_lock_held;

void tb_lock(void)
{
    assert(!tb_lock_held);
    pthread_mutex_lock(&tb_mutex);
    tb_lock_held = true;
}

void tb_unlock(void)
{
    assert(tb_lock_held);
    tb_lock_held = false;
    pthread_mutex_unlock(&tb_mutex);
}

void tb_lock_reset(void)
{
    if (tb_lock_held) {
        tb_unlock();
    }
}

/* The copy of the code buffer a child of fork() takes (-1: none needed). */
static int tb_fork_code_fd = -1;

void tb_fork_prepare(void)
{
    tb_lock();
    cpu_list_lock();
    tb_fork_code_fd = tcg_code_buffer_fork_prepare(tcg_ctx);
}

void tb_fork_parent(void)
{
    if (tb_fork_code_fd >= 0) {
        close(tb_fork_code_fd);
        tb_fork_code_fd = -1;
    }
    cpu_list_unlock();
    tb_unlock();
}

void tb_fork_child_code(void)
{
    tcg_code_buffer_fork_child(tcg_ctx, tb_fork_code_fd);
}

static void *tb_calloc(size_t n, size_t size, const char *what)
{
    void *p = calloc(n, size);

    if (!p) {
        fprintf(stderr, "mimic: cannot allocate the %s (%zu bytes)\n", what,
                n * size);
        exit(1);
    }
    return p;
}

/*
 * The block table goes in the low 2 GiB when the host allows: a block
 * address is then a 32-bit immediate, and every exit_tb(tb | n) of the
 * JIT is a 5-byte `mov eax, imm32` instead of a 10-byte movabs (two or
 * three per block). Zero-filled and committed on first touch, like
 * calloc's memory; anywhere else if the low space is taken.
 */
static bool tb_tbs_mapped;

static TranslationBlock *tb_alloc_table(size_t n)
{
    size_t len = n * sizeof(TranslationBlock);
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_32BIT, -1, 0);

    if (p != MAP_FAILED) {
        tb_tbs_mapped = true;
        return p;
    }
    tb_tbs_mapped = false;
    return tb_calloc(n, sizeof(TranslationBlock), "block table");
}

static void tb_free_table(TranslationBlock *tbs, size_t n)
{
    if (tbs && tb_tbs_mapped) {
        munmap(tbs, n * sizeof(TranslationBlock));
    } else {
        free(tbs);
    }
}

void tb_store_init(const GuestArch *arch, size_t code_buffer_size)
{
    TBStore *st = &tb_store;

    tb_free_table(st->tbs, st->max_tbs);
    free(st->insn_arena);
    free(st->htable);
    free(st->page_lists);
    memset(st, 0, sizeof(*st));
    st->arch = arch;
    st->max_tbs = code_buffer_size / 128 + 256;
    st->tbs = tb_alloc_table(st->max_tbs);
    st->insn_arena_size = code_buffer_size / 2 + 64 * 1024;
    st->insn_arena = tb_calloc(1, st->insn_arena_size, "instruction table");
    st->htable = tb_calloc(TB_HASH_SIZE, sizeof(TranslationBlock *), "block hash");
    st->page_lists = tb_calloc(TB_PAGE_COUNT, sizeof(uintptr_t), "page lists");
}

/* ---- allocation and publication ---- */

TranslationBlock *tb_alloc_locked(void)
{
    TBStore *st = &tb_store;
    TranslationBlock *tb;

    if (st->nb_tbs >= st->max_tbs) {
        return NULL;
    }
    tb = &st->tbs[st->nb_tbs];
    memset(tb, 0, sizeof(*tb));
    tb->page_addr[0] = TB_NO_PAGE;
    tb->page_addr[1] = TB_NO_PAGE;
    tb->jmp_reset_offset[0] = tb->jmp_reset_offset[1] = 0xffff;
    tb->jmp_insn_offset[0] = tb->jmp_insn_offset[1] = 0xffff;
    return tb;
}

bool tb_alloc_insn_data_locked(TranslationBlock *tb, int nb_insns,
                               uint32_t fault_regs_len)
{
    TBStore *st = &tb_store;
    size_t data = (size_t)nb_insns * sizeof(tb->insn_data[0]);
    size_t ends = (size_t)nb_insns * sizeof(uint32_t);
    size_t ends_size = (ends + 7) & ~(size_t)7;
    size_t need = data + ends_size + ((fault_regs_len + 7) & ~(size_t)7);

    if (st->insn_arena_used + need > st->insn_arena_size) {
        return false;
    }
    tb->insn_data = (void *)(st->insn_arena + st->insn_arena_used);
    tb->insn_end_off = (uint32_t *)(st->insn_arena + st->insn_arena_used + data);
    tb->fault_regs = st->insn_arena + st->insn_arena_used + data + ends_size;
    tb->fault_regs_len = fault_regs_len;
    st->insn_arena_used += need;
    tb->nb_insns = nb_insns;
    return true;
}

void tb_publish_locked(TranslationBlock *tb)
{
    assert(tb == &tb_store.tbs[tb_store.nb_tbs]);
    __atomic_store_n(&tb_store.nb_tbs, tb_store.nb_tbs + 1, __ATOMIC_RELEASE);
}

TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc)
{
    size_t n = __atomic_load_n(&tb_store.nb_tbs, __ATOMIC_ACQUIRE);
    size_t lo = 0, hi = n;
    TranslationBlock *tbs = tb_store.tbs;

    if (n == 0 || host_pc < (uintptr_t)tbs[0].tc_ptr) {
        return NULL;
    }
    /* Last block with tc_ptr <= host_pc. */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if ((uintptr_t)tbs[mid].tc_ptr <= host_pc) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    if (host_pc - (uintptr_t)tbs[lo].tc_ptr < tbs[lo].tc_size) {
        return &tbs[lo];
    }
    return NULL;
}

/* ---- hash table ---- */

static unsigned tb_hash(uint32_t pc, uint64_t phys_pc, uint32_t cs_base, uint32_t flags,
                        uint32_t cflags)
{
    uint64_t h = (uint64_t)pc * 0x9e3779b97f4a7c15ull;

    h ^= ((uint64_t)flags << 32 | cs_base) * 0xc2b2ae3d27d4eb4full;
    h ^= (uint64_t)(cflags & CF_HASH_MASK) * 0x165667b19e3779f9ull;
    h ^= phys_pc * 0x27d4eb2f165667c5ull;
    return (unsigned)(h >> (64 - TB_HASH_BITS));
}

static bool tb_matches(const TranslationBlock *tb, uint32_t pc, uint32_t cs_base,
                       uint32_t flags, uint32_t cflags)
{
    return tb->pc == pc && tb->cs_base == cs_base && tb->flags == flags &&
           (tb->cflags & CF_HASH_MASK) == (cflags & CF_HASH_MASK) &&
           !__atomic_load_n(&tb->invalid, __ATOMIC_ACQUIRE);
}

/* System mode: a block whose code goes on into a second page matches only
 * while that virtual page still maps to the physical page it was read
 * from (mappings of the two pages change independently). */
static bool tb_second_page_matches(CPUState *cpu, const TranslationBlock *tb)
{
    uint32_t vpage2 = (tb->pc & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE;
    hwaddr phys;

    if (tb->page_addr[1] == TB_NO_PAGE) {
        return true;
    }
    phys = get_page_addr_code(cpu, vpage2, cpu_mmu_index(cpu, true));
    return phys != (hwaddr)-1 && (phys & TB_PHYS_PAGE_MASK) == tb->page_addr[1];
}

TranslationBlock *tb_htable_lookup(CPUState *cpu, uint32_t pc, uint64_t phys_pc,
                                   uint32_t cs_base, uint32_t flags, uint32_t cflags)
{
    TranslationBlock **bucket =
        &tb_store.htable[tb_hash(pc, phys_pc, cs_base, flags, cflags)];
    TranslationBlock *tb = __atomic_load_n(bucket, __ATOMIC_ACQUIRE);

    while (tb) {
        if (tb_matches(tb, pc, cs_base, flags, cflags) && tb->phys_pc == phys_pc &&
            (!softmmu_enabled || tb_second_page_matches(cpu, tb))) {
            return tb;
        }
        tb = __atomic_load_n(&tb->hash_next, __ATOMIC_ACQUIRE);
    }
    return NULL;
}

/* System mode: the physical address of the code at pc (0 in user mode),
 * or -1 if fetching it would fault. */
uint64_t tb_phys_pc(CPUState *cpu, uint32_t pc)
{
    hwaddr phys;

    if (!softmmu_enabled) {
        return 0;
    }
    phys = get_page_addr_code(cpu, pc, cpu_mmu_index(cpu, true));
    if (phys == (hwaddr)-1) {
        return (uint64_t)-1;
    }
    return (phys & TB_PHYS_PAGE_MASK) | (pc & ~TARGET_PAGE_MASK);
}

/* The jump cache is keyed by virtual pc; in system mode the soft TLB
 * flushes it whenever a mapping may change (tlb_flush*), so a hit there
 * is still the block at the same physical address. */
TranslationBlock *tb_lookup(CPUState *cpu, uint32_t pc, uint32_t cs_base,
                            uint32_t flags, uint32_t cflags)
{
    TranslationBlock **slot = &cpu->tb_jmp_cache[tb_jmp_cache_hash(pc)];
    TranslationBlock *tb = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    uint64_t phys_pc;

    tb_stat_inc(&tcg_ctx->stats.lookups, 1);
    if (tb && tb_matches(tb, pc, cs_base, flags, cflags)) {
        return tb;
    }
    tb_stat_inc(&tcg_ctx->stats.lookup_misses, 1);
    phys_pc = tb_phys_pc(cpu, pc);
    if (phys_pc == (uint64_t)-1) {
        return NULL;   /* the translator raises the fetch fault */
    }
    tb = tb_htable_lookup(cpu, pc, phys_pc, cs_base, flags, cflags);
    if (tb) {
        __atomic_store_n(slot, tb, __ATOMIC_RELEASE);
    }
    return tb;
}

static void tb_hash_insert_locked(TranslationBlock *tb)
{
    TranslationBlock **bucket =
        &tb_store.htable[tb_hash(tb->pc, tb->phys_pc, tb->cs_base, tb->flags,
                                 tb->cflags)];

    tb->hash_next = *bucket;
    __atomic_store_n(bucket, tb, __ATOMIC_RELEASE);
}

/* Readers standing on tb keep following its hash_next, which stays. */
static void tb_hash_remove_locked(TranslationBlock *tb)
{
    TranslationBlock **pp =
        &tb_store.htable[tb_hash(tb->pc, tb->phys_pc, tb->cs_base, tb->flags,
                                 tb->cflags)];

    while (*pp) {
        if (*pp == tb) {
            __atomic_store_n(pp, tb->hash_next, __ATOMIC_RELEASE);
            return;
        }
        pp = &(*pp)->hash_next;
    }
}

/* ---- per-page lists ---- */

/*
 * System mode keys the lists by physical page: up to 2^24 pages (64 GiB
 * with PAE), kept in a two-level sparse map whose leaves (4096 heads,
 * 16 MiB of guest memory each) are allocated when a block first lands
 * there. User mode keeps its flat array over the 4 GiB virtual space.
 */
#define TB_PHYS_LEAF_BITS 12
#define TB_PHYS_LEAF_SIZE (1u << TB_PHYS_LEAF_BITS)
#define TB_PHYS_ROOT_SIZE ((uint32_t)(MEM_PHYS_LIMIT >> TARGET_PAGE_BITS >> TB_PHYS_LEAF_BITS))

static uintptr_t *tb_phys_root[TB_PHYS_ROOT_SIZE];

/* The list head of a page, or NULL if the page has no list (and `alloc`
 * is false, or the page is outside the physical space). */
static uintptr_t *tb_page_head_get(uint64_t page, bool alloc)
{
    uint64_t pfn = page >> TARGET_PAGE_BITS;
    uintptr_t **leaf;

    if (!softmmu_enabled) {
        return &tb_store.page_lists[(uint32_t)page >> TARGET_PAGE_BITS];
    }
    if (page >= MEM_PHYS_LIMIT) {
        return NULL;
    }
    leaf = &tb_phys_root[pfn >> TB_PHYS_LEAF_BITS];
    if (!*leaf) {
        if (!alloc) {
            return NULL;
        }
        *leaf = tb_calloc(TB_PHYS_LEAF_SIZE, sizeof(uintptr_t), "physical page lists");
    }
    return &(*leaf)[pfn & (TB_PHYS_LEAF_SIZE - 1)];
}

bool tb_phys_page_has_code(hwaddr phys_page)
{
    uintptr_t *head = tb_page_head_get(phys_page & TB_PHYS_PAGE_MASK, false);

    return head && __atomic_load_n(head, __ATOMIC_RELAXED) != 0;
}

/* A page past the physical space (nothing can write there) has no list. */
static void tb_page_add_locked(TranslationBlock *tb, int n)
{
    uintptr_t *head = tb_page_head_get(tb->page_addr[n], true);

    if (!head) {
        return;
    }
    tb->page_next[n] = *head;
    *head = (uintptr_t)tb | n;
}

static void tb_page_remove_locked(TranslationBlock *tb, int n)
{
    uintptr_t *pp = tb_page_head_get(tb->page_addr[n], false);
    uintptr_t me = (uintptr_t)tb | n;

    while (pp && *pp) {
        TranslationBlock *t = (TranslationBlock *)(*pp & ~(uintptr_t)1);
        int m = *pp & 1;
        if (*pp == me) {
            *pp = t->page_next[m];
            return;
        }
        pp = &t->page_next[m];
    }
}

void tb_link_locked(TranslationBlock *tb)
{
    for (int n = 0; n < 2; n++) {
        if (tb->page_addr[n] == TB_NO_PAGE) {
            continue;
        }
        if (softmmu_enabled) {
            tb_page_add_locked(tb, n);
            tlb_note_code_page(tb->page_addr[n]);   /* stores now go slow */
        } else {
            page_mark_translated_locked((uint32_t)tb->page_addr[n], true);
            tb_page_add_locked(tb, n);
        }
    }
    tb_hash_insert_locked(tb);
}

/* ---- chaining ---- */

static uintptr_t tb_jmp_reset_addr(const TranslationBlock *tb, int n)
{
    return (uintptr_t)tb->tc_ptr + tb->jmp_reset_offset[n];
}

/* Points slot n of tb back at its exit path (the return slot: at 0). */
static void tb_jmp_reset(TranslationBlock *tb, int n)
{
    if (n == TB_RET_SLOT) {
        __atomic_store_n(&tb->jmp_target_addr[n], 0, __ATOMIC_RELEASE);
    } else {
        tcg_ctx->backend->set_jmp_target(tb, n, tb_jmp_reset_addr(tb, n));
    }
}

static void tb_jmp_link_locked(TranslationBlock *tb, int n, TranslationBlock *dest)
{
    tb->jmp_dest[n] = dest;
    tb->jmp_list_next[n] = dest->jmp_list_head;
    dest->jmp_list_head = (uintptr_t)tb | n;
}

void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *dest)
{
    if (tb->jmp_dest[n] || tb->jmp_reset_offset[n] == 0xffff ||
        ((tb->cflags | dest->cflags) & CF_NOCHAIN)) {
        return;
    }
    tb_lock();
    if (!tb->jmp_dest[n] && !tb->invalid && !dest->invalid) {
        tb_jmp_link_locked(tb, n, dest);
        tcg_ctx->backend->set_jmp_target(tb, n, (uintptr_t)dest->tc_ptr);
        tb_stat_inc(&tcg_ctx->stats.chain_patches, 1);
    }
    tb_unlock();
}

void tb_add_ret_jump(TranslationBlock *tb, TranslationBlock *dest)
{
    if (tb->jmp_dest[TB_RET_SLOT] || ((tb->cflags | dest->cflags) & CF_NOCHAIN)) {
        return;
    }
    tb_lock();
    if (!tb->jmp_dest[TB_RET_SLOT] && !tb->invalid && !dest->invalid) {
        tb_jmp_link_locked(tb, TB_RET_SLOT, dest);
        __atomic_store_n(&tb->jmp_target_addr[TB_RET_SLOT], (uintptr_t)dest->tc_ptr,
                         __ATOMIC_RELEASE);
        tb_stat_inc(&tcg_ctx->stats.ret_links, 1);
    }
    tb_unlock();
}

/* Removes (src | n) from dest's list of incoming jumps. */
static void tb_jmp_list_remove(TranslationBlock *dest, TranslationBlock *src, int n)
{
    uintptr_t *pp = &dest->jmp_list_head;
    uintptr_t me = (uintptr_t)src | n;

    while (*pp) {
        TranslationBlock *t = (TranslationBlock *)(*pp & ~(uintptr_t)3);
        int m = *pp & 3;
        if (*pp == me) {
            *pp = t->jmp_list_next[m];
            return;
        }
        pp = &t->jmp_list_next[m];
    }
}

static void tb_unchain_locked(TranslationBlock *tb)
{
    uintptr_t e = tb->jmp_list_head;

    /* Every block that jumps here goes back to its exit path. */
    while (e) {
        TranslationBlock *src = (TranslationBlock *)(e & ~(uintptr_t)3);
        int n = e & 3;
        e = src->jmp_list_next[n];
        tb_jmp_reset(src, n);
        src->jmp_dest[n] = NULL;
        src->jmp_list_next[n] = 0;
    }
    tb->jmp_list_head = 0;
    /* And so does this block, so a CPU still inside it leaves cleanly. */
    for (int n = 0; n < TB_NB_SLOTS; n++) {
        TranslationBlock *dest = tb->jmp_dest[n];
        if (dest) {
            tb_jmp_list_remove(dest, tb, n);
            tb_jmp_reset(tb, n);
            tb->jmp_dest[n] = NULL;
        }
    }
}

/* ---- invalidation ---- */

static void tb_jmp_cache_remove(TranslationBlock *tb)
{
    unsigned h = tb_jmp_cache_hash(tb->pc);

    cpu_list_lock();
    for (CPUAccel *a = cpu_list_first(); a; a = a->next) {
        TranslationBlock **slot = &a->cpu->tb_jmp_cache[h];
        if (__atomic_load_n(slot, __ATOMIC_RELAXED) == tb) {
            __atomic_store_n(slot, NULL, __ATOMIC_RELAXED);
        }
    }
    cpu_list_unlock();
}

void tb_phys_invalidate_locked(TranslationBlock *tb)
{
    if (tb->invalid) {
        return;
    }
    __atomic_store_n(&tb->invalid, true, __ATOMIC_RELEASE);
    if (tb->cflags & CF_NO_PROTECT) {
        return;   /* never linked anywhere */
    }
    tb_hash_remove_locked(tb);
    for (int n = 0; n < 2; n++) {
        if (tb->page_addr[n] != TB_NO_PAGE) {
            tb_page_remove_locked(tb, n);
        }
    }
    tb_jmp_cache_remove(tb);
    tb_unchain_locked(tb);
    tb_stat_inc(&tcg_ctx->stats.invalidations, 1);
}

/* The bytes of tb's code on its page n, [*lo, *hi) in that page's own
 * addresses (a block's code runs from pc over page 0 into page 1). */
static void tb_page_span(const TranslationBlock *tb, int n, uint64_t *lo, uint64_t *hi)
{
    uint64_t off = tb->pc & ~TARGET_PAGE_MASK, end = off + (tb->size ? tb->size : 1);

    if (n == 0) {
        *lo = tb->page_addr[0] + off;
        *hi = tb->page_addr[0] + (end < TARGET_PAGE_SIZE ? end : TARGET_PAGE_SIZE);
    } else {
        *lo = tb->page_addr[1];
        *hi = tb->page_addr[1] + (end > TARGET_PAGE_SIZE ? end - TARGET_PAGE_SIZE : 1);
    }
}

/* Invalidates the blocks of one page whose code there overlaps [start, end). */
static void tb_invalidate_page_range_locked(uint64_t page, uint64_t start, uint64_t end)
{
    uintptr_t *head = tb_page_head_get(page, false);
    uintptr_t e = head ? *head : 0;

    while (e) {
        TranslationBlock *tb = (TranslationBlock *)(e & ~(uintptr_t)1);
        int n = e & 1;
        uint64_t lo, hi;
        e = tb->page_next[n];
        tb_page_span(tb, n, &lo, &hi);
        if (lo < end && start < hi) {
            tb_phys_invalidate_locked(tb);
        }
    }
}

void tb_invalidate_page_locked(uint32_t page)
{
    page &= TARGET_PAGE_MASK;
    tb_invalidate_page_range_locked(page, page, (uint64_t)page + TARGET_PAGE_SIZE);
}

void tb_invalidate_page(uint32_t addr)
{
    tb_lock();
    tb_invalidate_page_locked(addr & TARGET_PAGE_MASK);
    tb_unlock();
}

void tb_invalidate_range(uint32_t start, uint64_t end)
{
    if (end <= start) {
        return;
    }
    tb_lock();
    for (uint64_t p = start & TARGET_PAGE_MASK; p < end; p += TARGET_PAGE_SIZE) {
        tb_invalidate_page_range_locked((uint32_t)p, start, end);
    }
    tb_unlock();
}

/* ---- flush ---- */

void tb_flush_locked(void)
{
    TBStore *st = &tb_store;

    for (size_t i = 0; i < st->nb_tbs; i++) {
        for (int n = 0; n < 2; n++) {
            uintptr_t *head = st->tbs[i].page_addr[n] != TB_NO_PAGE
                              ? tb_page_head_get(st->tbs[i].page_addr[n], false) : NULL;
            if (head) {
                *head = 0;
            }
        }
    }
    memset(st->htable, 0, TB_HASH_SIZE * sizeof(st->htable[0]));
    cpu_list_lock();
    for (CPUAccel *a = cpu_list_first(); a; a = a->next) {
        memset(a->cpu->tb_jmp_cache, 0,
               TB_JMP_CACHE_SIZE * sizeof(a->cpu->tb_jmp_cache[0]));
        /* Its predictions name blocks that are about to be reused. */
        tb_ret_table_clear(a->cpu);
    }
    cpu_list_unlock();
    __atomic_store_n(&st->nb_tbs, 0, __ATOMIC_RELEASE);
    st->insn_arena_used = 0;
    tcg_ctx->code_ptr = tcg_ctx->code_gen_start;
    __atomic_store_n(&st->flush_count, st->flush_count + 1, __ATOMIC_RELEASE);
    tb_stat_inc(&tcg_ctx->stats.flushes, 1);
}

void tb_flush_if_unchanged(uint64_t seen)
{
    CPUState *self = current_cpu;
    bool was_running = self && cpu_accel(self)->running;

    /* Waiting for the others while counted as running would deadlock. */
    if (was_running) {
        cpu_exec_end(self);
    }
    start_exclusive();
    tb_lock();
    if (__atomic_load_n(&tb_store.flush_count, __ATOMIC_ACQUIRE) == seen) {
        tb_flush_locked();
    }
    tb_unlock();
    end_exclusive();
    if (was_running) {
        cpu_exec_start(self);
    }
}

void tb_flush(void)
{
    CPUState *self = current_cpu;

    if (self && cpu_accel(self)->running) {
        /* Possibly called from a helper inside generated code: the code
         * must stay until this CPU is back in the loop. */
        tb_store.flush_requested = true;
        cpu_exit(self);
        return;
    }
    tb_flush_if_unchanged(__atomic_load_n(&tb_store.flush_count, __ATOMIC_ACQUIRE));
}

/* ---- system mode: invalidation by physical address ---- */

void tb_invalidate_phys_range(hwaddr start, hwaddr len)
{
    hwaddr end = start + len, first = start & TB_PHYS_PAGE_MASK;
    bool any = false, locked_here;

    if (!softmmu_enabled || len == 0) {
        return;
    }
    /* Most writes (DMA, page-table bits) hit pages without code: no lock. */
    for (hwaddr p = first; p < end; p += TARGET_PAGE_SIZE) {
        any |= tb_phys_page_has_code(p);
    }
    if (!any) {
        return;
    }
    /* The translator may get here with the lock held: a page walk for a
     * code fetch setting an accessed bit on a page that holds code. */
    locked_here = !tb_lock_held;
    if (locked_here) {
        tb_lock();
    }
    for (hwaddr p = first; p < end; p += TARGET_PAGE_SIZE) {
        tb_invalidate_page_range_locked(p, start, end);
    }
    if (locked_here) {
        tb_unlock();
    }
}
