/*
 * The guest-memory API of include/exec/cpu-ldst.h. User mode: guest_base
 * plus linux-user's page flags, a fault raised through the guest's
 * raise_user_fault hook; stores to pages holding code unprotect them
 * first. System mode: the soft TLB's halves in cputlb.c (tlb_*), with
 * the guest's byte order in the MemOp.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tb-internal.h"
#include "cputlb.h"
#include "exec/cpu-ldst.h"
#include "exec/exec-all.h"
#include "exec/user-pages.h"

/* ---- user mode ---- */

static int ldst_user_need(MMUAccessType access)
{
    switch (access) {
    case MMU_DATA_STORE:
        return PAGE_VALID | PAGE_WRITE;
    case MMU_INST_FETCH:
        return PAGE_VALID | PAGE_EXEC;
    default:
        return PAGE_VALID | PAGE_READ;
    }
}

_Noreturn static void ldst_user_fault(CPUState *cpu, uint32_t addr,
                                      MMUAccessType access, int flags, uintptr_t ra)
{
    const GuestArch *arch = cpu->arch;

    if (!arch->raise_user_fault) {
        fprintf(stderr, "mimic: guest memory fault at 0x%08x and the %s guest has "
                "no raise_user_fault hook\n", addr, arch->name);
        abort();
    }
    /* Natively, Linux refuses a store to a page never touched before
     * mapping anything (not present), but maps such a page for a read or
     * a fetch first (present when refused). */
    arch->raise_user_fault(cpu, addr, access,
                           (flags & PAGE_VALID) &&
                           (access != MMU_DATA_STORE || page_host_present(addr)));
    cpu_loop_exit_restore(cpu, ra);
}

/* Whether the page of addr allows the access without faulting; a store
 * to a page write-protected for its code counts as allowed. */
static bool ldst_user_page_ok(int flags, MMUAccessType access)
{
    int need = ldst_user_need(access);

    if ((flags & need) == need) {
        return true;
    }
    return access == MMU_DATA_STORE && (flags & PAGE_VALID) && (flags & PAGE_WRITE_ORG);
}

/* Faults unless the page of addr allows the access; unprotects a code
 * page before a store (which leaves through cpu_loop_exit if the running
 * block was on it: cpu_exec then runs that instruction alone). */
static void ldst_user_check_page(CPUState *cpu, uint32_t addr, MMUAccessType access,
                                 uintptr_t ra)
{
    int flags = page_get_flags(addr);

    if (!ldst_user_page_ok(flags, access)) {
        ldst_user_fault(cpu, addr, access, flags, ra);
    }
    if (access == MMU_DATA_STORE && !(flags & PAGE_WRITE)) {
        tb_handle_write_fault(cpu, addr, ra);
    }
}

/* Checks every page of [addr, addr + size) before any byte is touched;
 * a fault on the second page reports that page's first byte, as x86's
 * CR2 does. Returns whether the access crosses a page. */
static bool ldst_user_check(CPUState *cpu, uint32_t addr, int size,
                            MMUAccessType access, uintptr_t ra)
{
    uint32_t last = addr + size - 1;

    ldst_user_check_page(cpu, addr, access, ra);
    if ((addr ^ last) & TARGET_PAGE_MASK) {
        ldst_user_check_page(cpu, last & TARGET_PAGE_MASK, access, ra);
        return true;
    }
    return false;
}

static uint64_t ldst_user_load(CPUState *cpu, uint32_t addr, int size, uintptr_t ra)
{
    uint8_t b[8];
    uint64_t v = 0;

    if (ldst_user_check(cpu, addr, size, MMU_DATA_LOAD, ra)) {
        for (int k = 0; k < size; k++) {
            b[k] = *(uint8_t *)g2h(addr + k);   /* wraps at 4 GiB */
        }
    } else {
        memcpy(b, g2h(addr), size);
    }
    for (int k = 0; k < size; k++) {
        int shift = cpu->arch->big_endian ? 8 * (size - 1 - k) : 8 * k;
        v |= (uint64_t)b[k] << shift;
    }
    return v;
}

static void ldst_user_store(CPUState *cpu, uint32_t addr, uint64_t val, int size,
                            uintptr_t ra)
{
    uint8_t b[8];

    for (int k = 0; k < size; k++) {
        int shift = cpu->arch->big_endian ? 8 * (size - 1 - k) : 8 * k;
        b[k] = (uint8_t)(val >> shift);
    }
    if (ldst_user_check(cpu, addr, size, MMU_DATA_STORE, ra)) {
        for (int k = 0; k < size; k++) {
            *(uint8_t *)g2h(addr + k) = b[k];
        }
    } else {
        memcpy(g2h(addr), b, size);
    }
}

/* ---- the API ---- */

static MemOp ldst_memop(CPUState *cpu, MemOp size)
{
    return size | (cpu->arch->big_endian ? MO_BE : MO_LE);
}

uint32_t cpu_ldub_mmu(CPUState *cpu, uint32_t addr, int mmu_idx, uintptr_t ra)
{
    if (softmmu_enabled) {
        return (uint32_t)tlb_ld_mmu(cpu, addr, MO_UB, mmu_idx, ra);
    }
    return (uint32_t)ldst_user_load(cpu, addr, 1, ra);
}

uint32_t cpu_lduw_mmu(CPUState *cpu, uint32_t addr, int mmu_idx, uintptr_t ra)
{
    if (softmmu_enabled) {
        return (uint32_t)tlb_ld_mmu(cpu, addr, ldst_memop(cpu, MO_UW), mmu_idx, ra);
    }
    return (uint32_t)ldst_user_load(cpu, addr, 2, ra);
}

uint32_t cpu_ldl_mmu(CPUState *cpu, uint32_t addr, int mmu_idx, uintptr_t ra)
{
    if (softmmu_enabled) {
        return (uint32_t)tlb_ld_mmu(cpu, addr, ldst_memop(cpu, MO_UL), mmu_idx, ra);
    }
    return (uint32_t)ldst_user_load(cpu, addr, 4, ra);
}

uint64_t cpu_ldq_mmu(CPUState *cpu, uint32_t addr, int mmu_idx, uintptr_t ra)
{
    if (softmmu_enabled) {
        return tlb_ld_mmu(cpu, addr, ldst_memop(cpu, MO_UQ), mmu_idx, ra);
    }
    return ldst_user_load(cpu, addr, 8, ra);
}

void cpu_stb_mmu(CPUState *cpu, uint32_t addr, uint32_t val, int mmu_idx, uintptr_t ra)
{
    if (softmmu_enabled) {
        tlb_st_mmu(cpu, addr, val, MO_UB, mmu_idx, ra);
        return;
    }
    ldst_user_store(cpu, addr, val, 1, ra);
}

void cpu_stw_mmu(CPUState *cpu, uint32_t addr, uint32_t val, int mmu_idx, uintptr_t ra)
{
    if (softmmu_enabled) {
        tlb_st_mmu(cpu, addr, val, ldst_memop(cpu, MO_UW), mmu_idx, ra);
        return;
    }
    ldst_user_store(cpu, addr, val, 2, ra);
}

void cpu_stl_mmu(CPUState *cpu, uint32_t addr, uint32_t val, int mmu_idx, uintptr_t ra)
{
    if (softmmu_enabled) {
        tlb_st_mmu(cpu, addr, val, ldst_memop(cpu, MO_UL), mmu_idx, ra);
        return;
    }
    ldst_user_store(cpu, addr, val, 4, ra);
}

void cpu_stq_mmu(CPUState *cpu, uint32_t addr, uint64_t val, int mmu_idx, uintptr_t ra)
{
    if (softmmu_enabled) {
        tlb_st_mmu(cpu, addr, val, ldst_memop(cpu, MO_UQ), mmu_idx, ra);
        return;
    }
    ldst_user_store(cpu, addr, val, 8, ra);
}

void *probe_access(CPUState *cpu, uint32_t addr, int size, MMUAccessType access,
                   int mmu_idx, uintptr_t ra)
{
    if (softmmu_enabled) {
        return tlb_probe_access(cpu, addr, size, access, mmu_idx, ra);
    }
    ldst_user_check_page(cpu, addr, access, ra);
    return g2h(addr);
}

bool probe_access_nofault(CPUState *cpu, uint32_t addr, int size,
                          MMUAccessType access, int mmu_idx, void **host)
{
    int flags;

    if (softmmu_enabled) {
        return tlb_probe_access_nofault(cpu, addr, size, access, mmu_idx, host);
    }
    flags = page_get_flags(addr);
    if (!ldst_user_page_ok(flags, access)) {
        *host = NULL;
        return false;
    }
    /* A protected code page: the caller stores through cpu_st*, which
     * unprotects it (this function may not leave the block). */
    *host = access == MMU_DATA_STORE && !(flags & PAGE_WRITE) ? NULL : g2h(addr);
    return true;
}

bool cpu_memory_debug_read(CPUState *cpu, uint32_t addr, void *buf, uint32_t len)
{
    uint8_t *b = buf;

    if (softmmu_enabled) {
        return tlb_debug_read(cpu, addr, buf, len);
    }
    for (uint32_t k = 0; k < len; k++) {
        uint32_t a = addr + k;
        if (k == 0 || (a & ~TARGET_PAGE_MASK) == 0) {
            int flags = page_get_flags(a);
            if (!(flags & PAGE_VALID) || !(flags & (PAGE_READ | PAGE_EXEC))) {
                return false;
            }
        }
        b[k] = *(uint8_t *)g2h(a);
    }
    return true;
}
