/*
 * The i386 MMU (target-i386/mmu.c): linear-to-physical translation for
 * the soft TLB (x86_tlb_fill = GuestArch.tlb_fill), a side-effect-free page
 * walk reusable by other consumers (/dev/kaccel's shadow tables, -d mmu,
 * debuggers), PAE PDPTE loading and the control-register bit names.
 * References: Intel SDM vol. 3A chapter 4 ("Paging").
 */
#ifndef TARGET_I386_MMU_H
#define TARGET_I386_MMU_H

#include <stdbool.h>
#include <stdint.h>
#include "exec/memory.h"
#include "target-i386/cpu.h"

/*
 * The MMU indexes (X86_MMU_IDX_KERNEL / _USER, cpu.h) translate with the
 * same page tables and differ in the rights checked (SDM 4.6): a user-mode
 * access (CPL 3) needs U/S = 1 at every level and obeys R/W whatever
 * CR0.WP; a supervisor-mode access (CPL 0-2, and the implicit accesses to
 * the GDT/LDT/IDT/TSS even at CPL 3) obeys R/W only when CR0.WP = 1. With
 * paging off both are the identity (A20 applied).
 */

/* CR0 bits beyond those of cpu.h (SDM 2.5). */
enum { CR0_NW_MASK = 1u << 29, CR0_CD_MASK = 1u << 30 };

/* CR4 bits (SDM 2.5). */
enum {
    CR4_VME_MASK = 1u << 0, CR4_PVI_MASK = 1u << 1, CR4_TSD_MASK = 1u << 2,
    CR4_DE_MASK = 1u << 3, CR4_PSE_MASK = 1u << 4, CR4_PAE_MASK = 1u << 5,
    CR4_MCE_MASK = 1u << 6, CR4_PGE_MASK = 1u << 7, CR4_PCE_MASK = 1u << 8,
    CR4_OSFXSR_MASK = 1u << 9, CR4_OSXMMEXCPT_MASK = 1u << 10,
};

/* IA32_EFER bits. */
enum {
    EFER_SCE_MASK = 1u << 0, EFER_LME_MASK = 1u << 8, EFER_LMA_MASK = 1u << 10,
    EFER_NXE_MASK = 1u << 11,
};

/* Paging-structure entry bits (SDM 4.3, 4.4). */
enum {
    PG_P = 1u << 0, PG_RW = 1u << 1, PG_US = 1u << 2, PG_PWT = 1u << 3,
    PG_PCD = 1u << 4, PG_A = 1u << 5, PG_D = 1u << 6, PG_PS = 1u << 7,
    PG_G = 1u << 8,
};
#define PG_XD (1ull << 63)

/* #PF error code bits (SDM 4.7). */
enum {
    PF_P = 1u << 0, PF_W = 1u << 1, PF_U = 1u << 2, PF_RSVD = 1u << 3,
    PF_ID = 1u << 4,
};

/* Physical-address width with PAE and PSE-36 (Pentium Pro and later). */
#define X86_PHYS_BITS 36

/*
 * The result of a page walk. On success: the physical address of `addr`,
 * the page size, the rights the walk grants to this kind of access (as
 * TLB_PROT_READ/WRITE/EXEC, before the dirty-bit rule of the TLB), whether
 * the page is global, and the entries used (for the accessed/dirty update).
 * On failure: the #PF error code.
 */
typedef struct X86PageWalk {
    hwaddr paddr;
    uint32_t page_size;      /* 4 KiB, 2 MiB (PAE) or 4 MiB (PSE) */
    int prot;
    bool global;             /* G set in the final entry and CR4.PGE = 1 */
    bool paging;             /* CR0.PG was set (else identity) */
    bool dirty;              /* D set in the final entry (after the update) */
    /* Entries read, present and free of reserved bits, top level first
     * (PAE PDPTEs excluded: they are registers). final_reached: the last
     * of them maps the page (a PTE, or a PDE with PS). */
    int nentries;
    bool final_reached;
    hwaddr entry_addr[2];
    uint64_t entry[2];
    uint32_t error_code;     /* PF_* when the walk fails */
} X86PageWalk;

/*
 * Walks the page tables for an access of type `access` (MMUAccessType) at
 * linear address addr, with user-mode rights if `user`. No side effect:
 * nothing is written to guest memory, no exception is raised. Returns true
 * if the access is allowed (w filled), false with w->error_code if it
 * would fault.
 */
bool x86_page_walk(CPUX86State *env, uint32_t addr, int access, bool user,
                   X86PageWalk *w);

/*
 * The same, then sets the accessed flags (every entry used, the final one
 * only if the access is allowed) and the dirty flag (final entry, writes)
 * in guest memory as the CPU does (SDM 4.8).
 */
bool x86_mmu_translate(CPUX86State *env, uint32_t addr, int access, bool user,
                       X86PageWalk *w);

/* GuestArch.tlb_fill of the i386 guest. */
bool x86_tlb_fill(CPUState *cpu, uint32_t addr, int size, int access,
                  int mmu_idx, bool probe, uintptr_t ra);

/* Raises #PF (error code, CR2 = addr) at host pc ra (0: no restore). */
_Noreturn void x86_raise_page_fault(CPUX86State *env, uint32_t addr,
                                    uint32_t error_code, uintptr_t ra);

/*
 * PAE paging (CR0.PG and CR4.PAE set): loads the four PDPTE registers from
 * CR3 (SDM 4.4.1). Returns false, leaving them unchanged, if a present
 * PDPTE has a reserved bit set: the MOV to CR0/CR3/CR4 then raises #GP(0).
 */
bool x86_mmu_load_pdptes(CPUX86State *env, uint32_t cr3);

/* Power-on state of the MMU side: CR0 = 0x60000010, CR2/3/4 = 0, DR6/DR7,
 * EFER, PAT, MTRRs, A20 on. x86sys' CPU reset calls it. */
void x86_mmu_reset(CPUX86State *env);

#endif
