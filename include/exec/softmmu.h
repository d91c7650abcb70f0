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
 * address paddr for mmu_idx with the given access rights.
 */
void tlb_set_page(CPUState *cpu, uint32_t vaddr, hwaddr paddr, int prot,
                  int mmu_idx, uint32_t page_size);
/* Drops everything (all MMU indexes) and the CPU's jump cache. */
void tlb_flush(CPUState *cpu);
/* Drops every entry not set with TLB_PROT_GLOBAL, and the jump cache. */
void tlb_flush_nonglobal(CPUState *cpu);
/* Drops the entries covering vaddr (INVLPG), and the jump cache. */
void tlb_flush_page(CPUState *cpu, uint32_t vaddr);

/* Invalidates translated code on physical [start, start + len) (DMA,
 * loaders, the slow path of stores). */
void tb_invalidate_phys_range(hwaddr start, hwaddr len);

/* The physical address the CPU would fetch code from at vaddr, filling
 * the TLB; -1 (and nothing raised) if the fetch would fault. */
hwaddr get_page_addr_code(CPUState *cpu, uint32_t vaddr, int mmu_idx);

#endif
