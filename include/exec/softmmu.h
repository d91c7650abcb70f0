/*
 * System mode's soft TLB (accel/tcg/cputlb.c): per CPU and MMU index, a
 * direct-mapped table of virtual page -> host address / MMIO / flags,
 * probed inline by generated code and filled by the guest's tlb_fill
 * (GuestArch), which walks the guest's page tables. Blocks are keyed by
 * the physical address of their code; a store to a physical page holding
 * code goes through the slow path and invalidates those blocks.
 */
#ifndef EXEC_SOFTMMU_H
#define EXEC_SOFTMMU_H

#include <stdbool.h>
#include <stdint.h>
#include "exec/cpu.h"
#include "exec/memory.h"

#define NB_MMU_MODES 4

/* Set by the system-mode programs before tcg_exec_init: generated code
 * and the guest-memory API go through the soft TLB instead of guest_base. */
extern bool softmmu_enabled;

/* prot bits of tlb_set_page. */
enum {
    TLB_PROT_READ = 1,
    TLB_PROT_WRITE = 2,
    TLB_PROT_EXEC = 4,
    TLB_PROT_GLOBAL = 8,   /* survives tlb_flush_nonglobal (x86 PGE) */
};

/*
 * Called by the guest's tlb_fill: maps the page of virtual address vaddr
 * (page_size bytes, a power of two >= 4 KiB; large pages are tracked so
 * tlb_flush_page of any address inside them drops them) to physical
 * address paddr for mmu_idx with the given access rights. paddr is the
 * physical address of vaddr's own 4 KiB page (inside a large page too,
 * already masked by A20 where the guest has it); its low 12 bits are
 * ignored. A page gets TLB_PROT_WRITE
 * only if a store may go ahead without the guest's MMU seeing it (x86:
 * the dirty bit is already set); otherwise the first store misses and
 * calls tlb_fill again.
 */
void tlb_set_page(CPUState *cpu, uint32_t vaddr, hwaddr paddr, int prot,
                  int mmu_idx, uint32_t page_size);
/* Drops everything (all MMU indexes) and the CPU's jump cache. */
void tlb_flush(CPUState *cpu);
/* Drops every entry not set with TLB_PROT_GLOBAL, and the jump cache. */
void tlb_flush_nonglobal(CPUState *cpu);
/* Drops the entries covering vaddr (INVLPG), and the jump cache. */
void tlb_flush_page(CPUState *cpu, uint32_t vaddr);

/* Called by memory.c whenever the physical map changes: every CPU's TLB
 * drops its entries at once (generated code never rereads the map). */
void tlb_map_changed(void);

/* Invalidates translated code on physical [start, start + len) (DMA,
 * loaders, the slow path of stores). */
void tb_invalidate_phys_range(hwaddr start, hwaddr len);

/* An accelerator running guest code outside the translator (-accel
 * kaccel) is told when a physical page may have started (has_code) or
 * stopped holding translated code: it must route that code's stores
 * through the translator. Called often, with repeats. NULL: nobody. */
extern void (*tlb_code_page_notify)(hwaddr ppage, bool has_code);

/* The physical address the CPU would fetch code from at vaddr, filling
 * the TLB; -1 (and nothing raised) if the fetch would fault. */
hwaddr get_page_addr_code(CPUState *cpu, uint32_t vaddr, int mmu_idx);

/* ---- What generated code reads (tcg/x86_64, tcg/tci; docs/system.md) ----
 *
 * Per MMU index a direct-mapped table of TLB_ENTRIES entries indexed by
 * bits 12..21 of the virtual address. addr_read/addr_write hold the page
 * address with flag bits in the low 12 bits; an access hits when
 * (address of its last byte & TARGET_PAGE_MASK) equals the comparator
 * exactly, so any flag (or an empty entry, all ones) sends it to the slow
 * path. On a hit the host address is addend + guest address. The tables
 * of all MMU indexes sit right before the CPUState, at env +
 * TLB_FAST_ENV_OFFSET (cpu_create allocates them when softmmu_enabled).
 */
#define TLB_BITS 10
#define TLB_ENTRIES (1u << TLB_BITS)
#define TLB_EMPTY 0xffffffffu
enum {
    TLB_FLAG_MMIO = 0x1,       /* MMIO or unassigned: every access in C */
    TLB_FLAG_WATCH = 0x2,      /* addr_write: the physical page holds code */
    TLB_FLAG_DISCARD = 0x4,    /* addr_write: ROM, writes are dropped */
    TLB_FLAG_MASK = 0xfff,
};

typedef struct CPUTLBEntry {
    uint32_t addr_read;
    uint32_t addr_write;
    uintptr_t addend;
} CPUTLBEntry;

typedef struct CPUTLBFast {
    CPUTLBEntry table[NB_MMU_MODES][TLB_ENTRIES];
} CPUTLBFast;

#define TLB_FAST_ENV_OFFSET (-(intptr_t)sizeof(CPUTLBFast))

static inline CPUTLBFast *tlb_fast(CPUState *cpu)
{
    return (CPUTLBFast *)((char *)cpu + TLB_FAST_ENV_OFFSET);
}

static inline unsigned tlb_index(uint32_t addr)
{
    return (addr >> 12) & (TLB_ENTRIES - 1);
}

/* The slow paths generated code calls on a miss. oi = MemOp | mmu_idx <<
 * 8; ra = a host pc inside the guest instruction (as GETPC()). The load
 * returns the value extended to 64 bits per MO_SIGN. */
uint64_t tlb_helper_ld(CPUState *cpu, uint32_t addr, uint32_t oi, uintptr_t ra);
void tlb_helper_st(CPUState *cpu, uint32_t addr, uint64_t val, uint32_t oi,
                   uintptr_t ra);
#define TLB_OI(mo, mmu_idx) ((uint32_t)(mo) | (uint32_t)(mmu_idx) << 8)

#endif
