/*
 * Private interface between accel/tcg's guest-memory API (cpu-ldst, both
 * modes) and the soft TLB (cputlb.c, system mode): the system-mode halves
 * of the cpu_ld/st and probe functions, and the block store's physical
 * page hooks. Nothing outside accel/tcg (and its tests) includes this.
 */
#ifndef ACCEL_TCG_CPUTLB_H
#define ACCEL_TCG_CPUTLB_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "exec/cpu-ldst.h"
#include "exec/softmmu.h"
#include "tcg/tcg.h"

/* System-mode loads/stores of any MemOp size/order (cputlb.c). */
uint64_t tlb_ld_mmu(CPUState *cpu, uint32_t addr, MemOp mo, int mmu_idx, uintptr_t ra);
void tlb_st_mmu(CPUState *cpu, uint32_t addr, uint64_t val, MemOp mo, int mmu_idx,
                uintptr_t ra);
void *tlb_probe_access(CPUState *cpu, uint32_t addr, int size, MMUAccessType access,
                       int mmu_idx, uintptr_t ra);
bool tlb_probe_access_nofault(CPUState *cpu, uint32_t addr, int size,
                              MMUAccessType access, int mmu_idx, void **host);
bool tlb_debug_read(CPUState *cpu, uint32_t addr, void *buf, uint32_t len);
/* Allocates / frees cpu->tlb (cpu_create / cpu_destroy in system mode). */
void tlb_init_cpu(CPUState *cpu);
void tlb_free_cpu(CPUState *cpu);
/* The soft TLB's counters (slow_* count the C slow paths, hits of the
 * inline probe never get there), and their -d stats lines. */
typedef struct TLBStats {
    uint64_t fills, flushes, page_flushes, slow_loads, slow_stores, mmio,
        code_writes;
} TLBStats;
extern TLBStats tlb_stats;
void tlb_dump_stats(FILE *f);

/* Block store side (tb-maint.c), system mode: a physical page now holds
 * translated code (the TLB routes stores to it through the slow path),
 * and whether it still does. */
void tlb_note_code_page(hwaddr phys_page);   /* cputlb.c: mark watched */
bool tb_phys_page_has_code(hwaddr phys_page); /* tb-maint.c */

#endif
