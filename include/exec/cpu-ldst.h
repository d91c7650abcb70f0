/*
 * The one guest-memory API for helpers, the translator's code fetch and
 * logging. Over user pages in linux-user (guest_base + addr, page flags),
 * over the soft TLB in system mode; callers do not know which. Loads and
 * stores are in the guest's byte order. `ra` is the helper's GETPC() (0
 * outside generated code): a faulting access restores the guest state of
 * that instruction and raises the guest's exception (user mode: the fault
 * the front end reports for the address, which linux-user turns into a
 * signal; system mode: the guest's tlb_fill raises #PF/DSI etc.).
 */
#ifndef EXEC_CPU_LDST_H
#define EXEC_CPU_LDST_H

#include <stdbool.h>
#include <stdint.h>
#include "exec/cpu.h"

typedef enum MMUAccessType {
    MMU_DATA_LOAD = 0,
    MMU_DATA_STORE = 1,
    MMU_INST_FETCH = 2,
} MMUAccessType;

uint32_t cpu_ldub_mmu(CPUState *cpu, uint32_t addr, int mmu_idx, uintptr_t ra);
uint32_t cpu_lduw_mmu(CPUState *cpu, uint32_t addr, int mmu_idx, uintptr_t ra);
uint32_t cpu_ldl_mmu(CPUState *cpu, uint32_t addr, int mmu_idx, uintptr_t ra);
uint64_t cpu_ldq_mmu(CPUState *cpu, uint32_t addr, int mmu_idx, uintptr_t ra);
void cpu_stb_mmu(CPUState *cpu, uint32_t addr, uint32_t val, int mmu_idx, uintptr_t ra);
void cpu_stw_mmu(CPUState *cpu, uint32_t addr, uint32_t val, int mmu_idx, uintptr_t ra);
void cpu_stl_mmu(CPUState *cpu, uint32_t addr, uint32_t val, int mmu_idx, uintptr_t ra);
void cpu_stq_mmu(CPUState *cpu, uint32_t addr, uint64_t val, int mmu_idx, uintptr_t ra);

/*
 * Checks that [addr, addr + size) (size >= 1, within one guest page) may
 * be accessed as `access`, faulting as a real access would. Returns the
 * host address of the bytes when they are ordinary RAM the caller may
 * read or write directly (for a store: translated code on the page has
 * already been invalidated), or NULL when the caller must use the
 * cpu_ld/st functions (MMIO, ROM writes, watched pages).
 */
void *probe_access(CPUState *cpu, uint32_t addr, int size,
                   MMUAccessType access, int mmu_idx, uintptr_t ra);
/* The same without faulting: false if the access would fault (nothing
 * raised, no state changed beyond TLB fills); *host as for probe_access. */
bool probe_access_nofault(CPUState *cpu, uint32_t addr, int size,
                          MMUAccessType access, int mmu_idx, void **host);

/* The MMU index of the CPU's current state (0 for a guest without one,
 * and in user mode, where it is ignored). */
static inline int cpu_mmu_index(CPUState *cpu, bool ifetch)
{
    return cpu->arch->mmu_index ? cpu->arch->mmu_index(cpu, ifetch) : 0;
}

/* Copies guest memory for logging and debugging (-d in_asm, gdb): no
 * fault raised, no A/D bits set; returns false if any byte is unmapped. */
bool cpu_memory_debug_read(CPUState *cpu, uint32_t addr, void *buf, uint32_t len);

#endif
