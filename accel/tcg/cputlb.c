/*
 * System mode's soft TLB: per CPU and MMU index a direct-mapped table of
 * virtual page -> host address / MMIO / flags that generated code probes
 * inline (layout in exec/softmmu.h), filled on a miss by the guest's
 * tlb_fill, plus the C slow paths: page-crossing accesses, MMIO dispatch,
 * ROM, stores to pages holding translated code, probes, debug reads.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "cputlb.h"
#include "tb-internal.h"
#include "exec/exec-all.h"
#include "util/log.h"

#define TLB_PAGE_SIZE 4096u
#define TLB_PAGE_MASK (~(TLB_PAGE_SIZE - 1))

/* What only C reads about an entry (same index as the fast table). */
typedef struct CPUTLBFull {
    uint32_t addr_code;          /* page if executable, else TLB_EMPTY */
    uint8_t prot;                /* TLB_PROT_* as given to tlb_set_page */
    hwaddr ppage;                /* physical page the entry maps to */
} CPUTLBFull;

typedef struct CPUTLB {
    CPUState *cpu;
    CPUTLBFull full[NB_MMU_MODES][TLB_ENTRIES];
    /* Union of the large pages entered per MMU index: a flush_page inside
     * it drops the whole index (large_mask == 0 with large_addr == 1: none). */
    uint64_t large_addr[NB_MMU_MODES], large_mask[NB_MMU_MODES];
    bool used[NB_MMU_MODES];     /* filled since the last flush */
    /* Virtual pages (mod 1024) that code was looked up or fetched from
     * since the jump cache was last cleared: every block in the jump cache
     * got there after such a lookup (tb_lookup / translation), so
     * tlb_flush_page of another page leaves the jump cache alone. */
    uint64_t code_vpages[1024 / 64];
    uint64_t map_gen;            /* mem_map_generation the entries follow */
    struct CPUTLB *next;
} CPUTLB;

bool softmmu_enabled;

/* Counters, printed with the others by -d stats (tlb_dump_stats). */
TLBStats tlb_stats;

/* Every TLB, for the code-page watch (system mode runs its CPUs on one
 * thread; the list changes only in tlb_init_cpu / tlb_free_cpu). */
static CPUTLB *tlb_list;

/* ---- lifetime and flushes ---- */

static void tlb_reset_index(CPUState *cpu, CPUTLB *tlb, int m)
{
    CPUTLBEntry *e = tlb_fast(cpu)->table[m];

    for (unsigned i = 0; i < TLB_ENTRIES; i++) {
        e[i].addr_read = TLB_EMPTY;
        e[i].addr_write = TLB_EMPTY;
        e[i].addend = 0;
        tlb->full[m][i].addr_code = TLB_EMPTY;
        tlb->full[m][i].prot = 0;
    }
    tlb->large_addr[m] = 1;
    tlb->large_mask[m] = 0;
    tlb->used[m] = false;
}

static void tlb_note_code_vpage(CPUTLB *tlb, uint32_t vaddr)
{
    unsigned b = (vaddr >> 12) & 1023;

    tlb->code_vpages[b / 64] |= (uint64_t)1 << (b % 64);
}

static bool tlb_code_vpage_seen(const CPUTLB *tlb, uint32_t vaddr)
{
    unsigned b = (vaddr >> 12) & 1023;

    return (tlb->code_vpages[b / 64] >> (b % 64)) & 1;
}

static void tlb_flush_jmp_cache(CPUState *cpu)
{
    if (cpu->tlb) {
        memset(cpu->tlb->code_vpages, 0, sizeof(cpu->tlb->code_vpages));
    }
    if (cpu->tb_jmp_cache) {
        for (unsigned i = 0; i < TB_JMP_CACHE_SIZE; i++) {
            __atomic_store_n(&cpu->tb_jmp_cache[i], NULL, __ATOMIC_RELAXED);
        }
    }
    /* The return predictor's entries hold under the same mappings. */
    tb_ret_table_clear(cpu);
}

void tlb_init_cpu(CPUState *cpu)
{
    CPUTLB *tlb = calloc(1, sizeof(*tlb));

    if (!tlb) {
        fprintf(stderr, "mimic: out of memory creating the soft TLB\n");
        exit(1);
    }
    tlb->cpu = cpu;
    cpu->tlb = tlb;
    for (int m = 0; m < NB_MMU_MODES; m++) {
        tlb_reset_index(cpu, tlb, m);
    }
    tlb->map_gen = mem_map_generation;
    tlb->next = tlb_list;
    tlb_list = tlb;
}

void tlb_free_cpu(CPUState *cpu)
{
    CPUTLB *tlb = cpu->tlb;

    if (!tlb) {
        return;
    }
    for (CPUTLB **pp = &tlb_list; *pp; pp = &(*pp)->next) {
        if (*pp == tlb) {
            *pp = tlb->next;
            break;
        }
    }
    cpu->tlb = NULL;
    free(tlb);
}

void tlb_flush(CPUState *cpu)
{
    CPUTLB *tlb = cpu->tlb;

    if (!tlb) {
        return;
    }
    for (int m = 0; m < NB_MMU_MODES; m++) {
        if (tlb->used[m]) {
            tlb_reset_index(cpu, tlb, m);
        }
    }
    tlb->map_gen = mem_map_generation;
    tlb_flush_jmp_cache(cpu);
    tlb_stats.flushes++;
}

void tlb_flush_nonglobal(CPUState *cpu)
{
    CPUTLB *tlb = cpu->tlb;

    if (!tlb) {
        return;
    }
    for (int m = 0; m < NB_MMU_MODES; m++) {
        CPUTLBEntry *e = tlb_fast(cpu)->table[m];
        for (unsigned i = 0; tlb->used[m] && i < TLB_ENTRIES; i++) {
            if (!(tlb->full[m][i].prot & TLB_PROT_GLOBAL)) {
                e[i].addr_read = TLB_EMPTY;
                e[i].addr_write = TLB_EMPTY;
                tlb->full[m][i].addr_code = TLB_EMPTY;
                tlb->full[m][i].prot = 0;
            }
        }
    }
    tlb_flush_jmp_cache(cpu);
    tlb_stats.flushes++;
}

static bool tlb_entry_is_page(const CPUTLBEntry *e, const CPUTLBFull *f,
                              uint32_t page)
{
    return (e->addr_read != TLB_EMPTY && (e->addr_read & TLB_PAGE_MASK) == page) ||
           (e->addr_write != TLB_EMPTY && (e->addr_write & TLB_PAGE_MASK) == page) ||
           f->addr_code == page;
}

void tlb_flush_page(CPUState *cpu, uint32_t vaddr)
{
    CPUTLB *tlb = cpu->tlb;
    uint32_t page = vaddr & TLB_PAGE_MASK;
    unsigned i = tlb_index(vaddr);

    if (!tlb) {
        return;
    }
    for (int m = 0; m < NB_MMU_MODES; m++) {
        CPUTLBEntry *e = &tlb_fast(cpu)->table[m][i];
        CPUTLBFull *f = &tlb->full[m][i];

        if ((vaddr & tlb->large_mask[m]) == tlb->large_addr[m]) {
            tlb_reset_index(cpu, tlb, m);   /* inside a large page */
        } else if (tlb_entry_is_page(e, f, page)) {
            e->addr_read = TLB_EMPTY;
            e->addr_write = TLB_EMPTY;
            f->addr_code = TLB_EMPTY;
            f->prot = 0;
        }
    }
    /* A block in the jump cache may start on this page or on the one
     * before and run into it. */
    if (tlb_code_vpage_seen(tlb, vaddr) || tlb_code_vpage_seen(tlb, vaddr - TLB_PAGE_SIZE)) {
        tlb_flush_jmp_cache(cpu);
    }
    tlb_stats.page_flushes++;
}

void tlb_map_changed(void)
{
    for (CPUTLB *tlb = tlb_list; tlb; tlb = tlb->next) {
        tlb_flush(tlb->cpu);
    }
}

/* The physical map changed: every addend may be stale. */
static void tlb_check_map(CPUState *cpu)
{
    if (cpu->tlb->map_gen != mem_map_generation) {
        tlb_flush(cpu);
    }
}

/* ---- filling ---- */

/*
 * Physical pages known to be watched in every TLB: each write entry of
 * such a page has TLB_FLAG_WATCH. A direct-mapped cache (an evicted page
 * is just scanned again), so that noting a page that is already watched
 * (every block linked on it) costs nothing. tlb_set_page drops a page
 * from it when it enters an unwatched write entry for it.
 */
#define TLB_WATCHED_SLOTS 1024
static hwaddr tlb_watched[TLB_WATCHED_SLOTS];   /* page + 1; 0 = empty */

static hwaddr *tlb_watched_slot(hwaddr ppage)
{
    return &tlb_watched[(ppage >> 12) & (TLB_WATCHED_SLOTS - 1)];
}

static void tlb_watched_forget(hwaddr ppage)
{
    hwaddr *slot = tlb_watched_slot(ppage);

    if (*slot == ppage + 1) {
        *slot = 0;
    }
}

static void tlb_add_large_page(CPUTLB *tlb, int m, uint32_t vaddr, uint32_t size)
{
    uint64_t mask = ~(uint64_t)(size - 1) & 0xffffffffu;

    if (tlb->large_mask[m] == 0 && tlb->large_addr[m] == 1) {
        tlb->large_addr[m] = vaddr & mask;
        tlb->large_mask[m] = mask;
        return;
    }
    /* Widen the region until it covers both. */
    mask &= tlb->large_mask[m];
    while (((tlb->large_addr[m] ^ vaddr) & mask) != 0) {
        mask = (mask << 1) & 0xffffffffu;
    }
    tlb->large_addr[m] &= mask;
    tlb->large_mask[m] = mask;
}

/* Whether the physical page ppage is backed by RAM or ROM as a whole. */
static const MemSection *tlb_direct_section(hwaddr ppage)
{
    const MemSection *sec = mem_lookup(ppage);

    if ((sec->kind == MR_RAM || sec->kind == MR_ROM) && sec->base <= ppage &&
        ppage + TLB_PAGE_SIZE <= sec->base + sec->size) {
        return sec;
    }
    return NULL;
}

static uint32_t tlb_write_comparator(uint32_t vpage, const MemSection *sec,
                                     hwaddr ppage)
{
    if (!sec) {
        return vpage | TLB_FLAG_MMIO;
    }
    if (sec->kind == MR_ROM) {
        return vpage | TLB_FLAG_DISCARD;
    }
    if (tb_phys_page_has_code(ppage)) {
        return vpage | TLB_FLAG_WATCH;
    }
    tlb_watched_forget(ppage);
    if (tlb_code_page_notify) {
        tlb_code_page_notify(ppage, false);
    }
    return vpage;
}

void tlb_set_page(CPUState *cpu, uint32_t vaddr, hwaddr paddr, int prot,
                  int mmu_idx, uint32_t page_size)
{
    CPUTLB *tlb = cpu->tlb;
    uint32_t vpage = vaddr & TLB_PAGE_MASK;
    unsigned i = tlb_index(vaddr);
    CPUTLBEntry *e;
    CPUTLBFull *f;
    const MemSection *sec;
    hwaddr ppage;

    if (!tlb || mmu_idx < 0 || mmu_idx >= NB_MMU_MODES || page_size < TLB_PAGE_SIZE ||
        (page_size & (page_size - 1))) {
        fprintf(stderr, "mimic: internal error: tlb_set_page(mmu %d, size %#x)%s\n",
                mmu_idx, page_size, tlb ? "" : " without a soft TLB");
        abort();
    }
    tlb_check_map(cpu);
    ppage = paddr & ~(hwaddr)(TLB_PAGE_SIZE - 1);
    if (page_size > TLB_PAGE_SIZE) {
        tlb_add_large_page(tlb, mmu_idx, vaddr, page_size);
    }
    sec = tlb_direct_section(ppage);
    e = &tlb_fast(cpu)->table[mmu_idx][i];
    f = &tlb->full[mmu_idx][i];
    e->addr_read = (prot & TLB_PROT_READ) ? (sec ? vpage : vpage | TLB_FLAG_MMIO)
                                         : TLB_EMPTY;
    e->addr_write = (prot & TLB_PROT_WRITE) ? tlb_write_comparator(vpage, sec, ppage)
                                           : TLB_EMPTY;
    e->addend = sec ? (uintptr_t)(sec->host + (ppage - sec->base)) - vpage : 0;
    f->addr_code = (prot & TLB_PROT_EXEC) ? vpage : TLB_EMPTY;
    f->prot = (uint8_t)prot;
    f->ppage = ppage;
    tlb->used[mmu_idx] = true;
    tlb_stats.fills++;
}

/* ---- the code-page watch ---- */

void (*tlb_code_page_notify)(hwaddr ppage, bool has_code);

static void tlb_watch_phys_page(hwaddr ppage, bool watch)
{
    for (CPUTLB *tlb = tlb_list; tlb; tlb = tlb->next) {
        for (int m = 0; m < NB_MMU_MODES; m++) {
            CPUTLBEntry *e = tlb_fast(tlb->cpu)->table[m];
            for (unsigned i = 0; tlb->used[m] && i < TLB_ENTRIES; i++) {
                uint32_t w = e[i].addr_write;
                if (tlb->full[m][i].ppage != ppage || w == TLB_EMPTY ||
                    (w & (TLB_FLAG_MMIO | TLB_FLAG_DISCARD))) {
                    continue;
                }
                e[i].addr_write = watch ? w | TLB_FLAG_WATCH : w & ~TLB_FLAG_WATCH;
            }
        }
    }
}

void tlb_note_code_page(hwaddr phys_page)
{
    hwaddr ppage = phys_page & ~(hwaddr)(TLB_PAGE_SIZE - 1);
    hwaddr *slot = tlb_watched_slot(ppage);

    if (tlb_code_page_notify) {
        tlb_code_page_notify(ppage, true);
    }
    if (*slot == ppage + 1) {
        return;
    }
    tlb_watch_phys_page(ppage, true);
    *slot = ppage + 1;
}

/*
 * A store to [paddr, paddr + size) of a page holding code: drop the blocks
 * first. If that kills the block doing the store, nothing is stored: the
 * instruction runs again alone (its one-insn block is not registered on
 * the page, so it goes through) and the new code runs after it.
 */
static void tlb_code_write(CPUState *cpu, hwaddr paddr, unsigned size, uintptr_t ra)
{
    TranslationBlock *cur = ra ? tb_find_by_host_pc(ra) : NULL;
    bool cur_live = cur && !cur->invalid && (cur->cflags & CF_COUNT_MASK) != 1;
    hwaddr ppage = paddr & ~(hwaddr)(TLB_PAGE_SIZE - 1);

    tlb_stats.code_writes++;
    tb_invalidate_phys_range(paddr, size);
    if (cur_live && cur->invalid) {
        cpu_restore_state(cpu, ra);
        cpu->cflags_next_tb = 1 | CF_NO_PROTECT | CF_NOCHAIN | CF_NOIRQ;
        cpu_loop_exit_noexc(cpu);
    }
    if (!tb_phys_page_has_code(ppage)) {
        tlb_watched_forget(ppage);
        tlb_watch_phys_page(ppage, false);
        if (tlb_code_page_notify) {
            tlb_code_page_notify(ppage, false);
        }
    }
}

/* ---- lookups ---- */

static uint32_t tlb_comparator(CPUState *cpu, int m, unsigned i, MMUAccessType access)
{
    CPUTLBEntry *e = &tlb_fast(cpu)->table[m][i];

    switch (access) {
    case MMU_DATA_LOAD:
        return e->addr_read;
    case MMU_DATA_STORE:
        return e->addr_write;
    default:
        return cpu->tlb->full[m][i].addr_code;
    }
}

static bool tlb_hit(CPUState *cpu, int m, uint32_t addr, MMUAccessType access)
{
    uint32_t c = tlb_comparator(cpu, m, tlb_index(addr), access);

    return c != TLB_EMPTY && (c & TLB_PAGE_MASK) == (addr & TLB_PAGE_MASK);
}

/*
 * Makes the entry of addr's page allow `access` for mmu_idx, calling the
 * guest's tlb_fill on a miss. Returns false only when `probe` and the
 * access would fault; otherwise a fault has left through the guest's
 * exception (cpu_loop_exit_restore at ra).
 */
static bool tlb_fill_access(CPUState *cpu, uint32_t addr, int size,
                            MMUAccessType access, int m, bool probe, uintptr_t ra)
{
    tlb_check_map(cpu);
    if (tlb_hit(cpu, m, addr, access)) {
        return true;
    }
    if (!cpu->arch->tlb_fill) {
        fprintf(stderr, "mimic: internal error: guest %s has no tlb_fill\n",
                cpu->arch->name);
        abort();
    }
    if (!cpu->arch->tlb_fill(cpu, addr, size, access, m, probe, ra)) {
        return false;
    }
    if (!tlb_hit(cpu, m, addr, access)) {
        fprintf(stderr, "mimic: internal error: %s tlb_fill of %#x (access %d, mmu %d) "
                "did not enter the page\n", cpu->arch->name, addr, access, m);
        abort();
    }
    return true;
}

static void tlb_check_mmu_idx(int m)
{
    if (m < 0 || m >= NB_MMU_MODES) {
        fprintf(stderr, "mimic: internal error: MMU index %d\n", m);
        abort();
    }
}

/* ---- device and RAM accesses of one page ---- */

static uint64_t tlb_bswap(uint64_t v, unsigned size)
{
    switch (size) {
    case 2: return __builtin_bswap16((uint16_t)v);
    case 4: return __builtin_bswap32((uint32_t)v);
    case 8: return __builtin_bswap64(v);
    default: return v;
    }
}

static uint64_t tlb_size_mask(unsigned size)
{
    return size >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * size)) - 1;
}

/*
 * One access through the physical map (MMIO, unassigned, sub-page RAM or
 * ROM) by memory.c's width rule: values are the bytes in memory order
 * assembled little-endian, which is also the device's value for an x86
 * guest (memory.h). Odd sizes (the pieces of a page-crossing access) go
 * byte by byte.
 */
static bool tlb_size_is_pow2(unsigned size)
{
    return size == 1 || size == 2 || size == 4 || size == 8;
}

static uint64_t tlb_phys_read(hwaddr paddr, unsigned size)
{
    uint64_t v = 0;

    tlb_stats.mmio++;
    if (tlb_size_is_pow2(size)) {
        return phys_read(paddr, size);
    }
    for (unsigned k = 0; k < size; k++) {
        v |= phys_read(paddr + k, 1) << (8 * k);
    }
    return v;
}

static void tlb_phys_write(hwaddr paddr, uint64_t image, unsigned size)
{
    tlb_stats.mmio++;
    if (tlb_size_is_pow2(size)) {
        phys_write(paddr, image & tlb_size_mask(size), size);
        return;
    }
    for (unsigned k = 0; k < size; k++) {
        phys_write(paddr + k, (image >> (8 * k)) & 0xff, 1);
    }
}

/* Reads size bytes (1..8) of one page whose entry allows loads. */
static uint64_t tlb_read_piece(CPUState *cpu, uint32_t addr, unsigned size, int m)
{
    unsigned i = tlb_index(addr);
    CPUTLBEntry *e = &tlb_fast(cpu)->table[m][i];
    uint64_t v = 0;

    if (e->addr_read & TLB_FLAG_MMIO) {
        hwaddr paddr = cpu->tlb->full[m][i].ppage | (addr & ~TLB_PAGE_MASK);
        v = tlb_phys_read(paddr, size);
        tlb_check_map(cpu);
        return v;
    }
    memcpy(&v, (void *)(e->addend + addr), size);
    return v;
}

/* Writes size bytes (1..8) of one page whose entry allows stores. */
static void tlb_write_piece(CPUState *cpu, uint32_t addr, uint64_t image, unsigned size,
                            int m, uintptr_t ra)
{
    unsigned i = tlb_index(addr);
    CPUTLBEntry *e = &tlb_fast(cpu)->table[m][i];
    hwaddr paddr = cpu->tlb->full[m][i].ppage | (addr & ~TLB_PAGE_MASK);

    if (e->addr_write & TLB_FLAG_MMIO) {
        tlb_phys_write(paddr, image, size);
        tlb_check_map(cpu);     /* a device may have changed the map */
        return;
    }
    if (e->addr_write & TLB_FLAG_DISCARD) {
        return;
    }
    if (e->addr_write & TLB_FLAG_WATCH) {
        tlb_code_write(cpu, paddr, size, ra);
    }
    memcpy((void *)(e->addend + addr), &image, size);
}

/* ---- loads and stores ---- */

static uint64_t tlb_finish_load(uint64_t image, MemOp mo)
{
    unsigned size = 1u << (mo & MO_SIZE);

    if (mo & MO_BSWAP) {
        image = tlb_bswap(image, size);
    }
    if ((mo & MO_SIGN) && size < 8) {
        unsigned sh = 64 - 8 * size;
        image = (uint64_t)((int64_t)(image << sh) >> sh);
    }
    return image;
}

uint64_t tlb_ld_mmu(CPUState *cpu, uint32_t addr, MemOp mo, int mmu_idx, uintptr_t ra)
{
    unsigned size = 1u << (mo & MO_SIZE);
    uint32_t last = addr + size - 1;
    uint64_t image;

    tlb_check_mmu_idx(mmu_idx);
    tlb_stats.slow_loads++;
    if (((addr ^ last) & TLB_PAGE_MASK) == 0) {
        tlb_fill_access(cpu, addr, size, MMU_DATA_LOAD, mmu_idx, false, ra);
        image = tlb_read_piece(cpu, addr, size, mmu_idx);
    } else {
        /* Crosses a page: both halves, each of which may fault. */
        uint32_t second = last & TLB_PAGE_MASK;
        unsigned n1 = second - addr, n2 = size - n1;

        tlb_fill_access(cpu, addr, n1, MMU_DATA_LOAD, mmu_idx, false, ra);
        tlb_fill_access(cpu, second, n2, MMU_DATA_LOAD, mmu_idx, false, ra);
        tlb_fill_access(cpu, addr, n1, MMU_DATA_LOAD, mmu_idx, false, ra);
        image = tlb_read_piece(cpu, addr, n1, mmu_idx);
        image |= tlb_read_piece(cpu, second, n2, mmu_idx) << (8 * n1);
    }
    return tlb_finish_load(image, mo);
}

void tlb_st_mmu(CPUState *cpu, uint32_t addr, uint64_t val, MemOp mo, int mmu_idx,
                uintptr_t ra)
{
    unsigned size = 1u << (mo & MO_SIZE);
    uint32_t last = addr + size - 1;
    uint64_t image = val & tlb_size_mask(size);

    tlb_check_mmu_idx(mmu_idx);
    tlb_stats.slow_stores++;
    if (mo & MO_BSWAP) {
        image = tlb_bswap(image, size);
    }
    if (((addr ^ last) & TLB_PAGE_MASK) == 0) {
        tlb_fill_access(cpu, addr, size, MMU_DATA_STORE, mmu_idx, false, ra);
        tlb_write_piece(cpu, addr, image, size, mmu_idx, ra);
    } else {
        /* Both pages must be writable before any byte is written. */
        uint32_t second = last & TLB_PAGE_MASK;
        unsigned n1 = second - addr, n2 = size - n1;

        tlb_fill_access(cpu, addr, n1, MMU_DATA_STORE, mmu_idx, false, ra);
        tlb_fill_access(cpu, second, n2, MMU_DATA_STORE, mmu_idx, false, ra);
        tlb_fill_access(cpu, addr, n1, MMU_DATA_STORE, mmu_idx, false, ra);
        tlb_write_piece(cpu, addr, image, n1, mmu_idx, ra);
        tlb_fill_access(cpu, second, n2, MMU_DATA_STORE, mmu_idx, false, ra);
        tlb_write_piece(cpu, second, image >> (8 * n1), n2, mmu_idx, ra);
    }
}

uint64_t tlb_helper_ld(CPUState *cpu, uint32_t addr, uint32_t oi, uintptr_t ra)
{
    return tlb_ld_mmu(cpu, addr, (MemOp)(oi & 0xff), (int)(oi >> 8), ra);
}

void tlb_helper_st(CPUState *cpu, uint32_t addr, uint64_t val, uint32_t oi,
                   uintptr_t ra)
{
    tlb_st_mmu(cpu, addr, val, (MemOp)(oi & 0xff), (int)(oi >> 8), ra);
}

/* ---- probes, code fetch, debug reads ---- */

/* The host address of addr after a successful fill, or NULL (see
 * probe_access in cpu-ldst.h). */
static void *tlb_probe_host(CPUState *cpu, uint32_t addr, MMUAccessType access, int m)
{
    unsigned i = tlb_index(addr);
    CPUTLBEntry *e = &tlb_fast(cpu)->table[m][i];
    uint32_t flags = (access == MMU_DATA_STORE ? e->addr_write : e->addr_read) &
                     TLB_FLAG_MASK;

    if (e->addr_read == TLB_EMPTY || (e->addr_read & TLB_FLAG_MMIO) ||
        (access == MMU_DATA_STORE && flags)) {
        return NULL;
    }
    return (void *)(e->addend + addr);
}

void *tlb_probe_access(CPUState *cpu, uint32_t addr, int size, MMUAccessType access,
                       int mmu_idx, uintptr_t ra)
{
    tlb_check_mmu_idx(mmu_idx);
    tlb_fill_access(cpu, addr, size, access, mmu_idx, false, ra);
    if (access == MMU_INST_FETCH) {
        tlb_note_code_vpage(cpu->tlb, addr);
    }
    return tlb_probe_host(cpu, addr, access, mmu_idx);
}

bool tlb_probe_access_nofault(CPUState *cpu, uint32_t addr, int size,
                              MMUAccessType access, int mmu_idx, void **host)
{
    tlb_check_mmu_idx(mmu_idx);
    if (!tlb_fill_access(cpu, addr, size, access, mmu_idx, true, 0)) {
        if (host) {
            *host = NULL;
        }
        return false;
    }
    if (access == MMU_INST_FETCH) {
        tlb_note_code_vpage(cpu->tlb, addr);
    }
    if (host) {
        *host = tlb_probe_host(cpu, addr, access, mmu_idx);
    }
    return true;
}

hwaddr get_page_addr_code(CPUState *cpu, uint32_t vaddr, int mmu_idx)
{
    tlb_check_mmu_idx(mmu_idx);
    if (!tlb_fill_access(cpu, vaddr, 1, MMU_INST_FETCH, mmu_idx, true, 0)) {
        return (hwaddr)-1;
    }
    tlb_note_code_vpage(cpu->tlb, vaddr);
    return cpu->tlb->full[mmu_idx][tlb_index(vaddr)].ppage | (vaddr & ~TLB_PAGE_MASK);
}

/*
 * Reads guest memory for logging and debuggers: pages through the TLB
 * (filled by a probing tlb_fill, which may set accessed bits: the guest
 * interface has no side-effect-free walk yet); RAM and ROM only, never
 * devices.
 */
bool tlb_debug_read(CPUState *cpu, uint32_t addr, void *buf, uint32_t len)
{
    int m = cpu->arch->mmu_index ? cpu->arch->mmu_index(cpu, false) : 0;
    uint8_t *out = buf;

    while (len > 0) {
        uint32_t n = TLB_PAGE_SIZE - (addr & ~TLB_PAGE_MASK);
        const MemSection *sec;
        hwaddr paddr;

        if (n > len) {
            n = len;
        }
        if (!tlb_fill_access(cpu, addr, 1, MMU_DATA_LOAD, m, true, 0)) {
            return false;
        }
        paddr = cpu->tlb->full[m][tlb_index(addr)].ppage | (addr & ~TLB_PAGE_MASK);
        sec = mem_lookup(paddr);
        if ((sec->kind != MR_RAM && sec->kind != MR_ROM) ||
            paddr + n > sec->base + sec->size) {
            return false;
        }
        memcpy(out, sec->host + (paddr - sec->base), n);
        out += n;
        addr += n;
        len -= n;
    }
    return true;
}

void tlb_dump_stats(FILE *f)
{
    fprintf(f, "  soft TLB: %" PRIu64 " fills, %" PRIu64 " flushes, %" PRIu64
            " page flushes, %" PRIu64 " slow loads, %" PRIu64 " slow stores, %" PRIu64
            " device accesses, %" PRIu64 " stores to code pages\n",
            tlb_stats.fills, tlb_stats.flushes, tlb_stats.page_flushes,
            tlb_stats.slow_loads, tlb_stats.slow_stores, tlb_stats.mmio,
            tlb_stats.code_writes);
}
