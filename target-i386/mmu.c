/*
 * i386 linear-to-physical translation: 32-bit paging (4 KiB and PSE 4 MiB
 * pages, PSE-36), PAE paging (4 KiB and 2 MiB pages, NX), the rights of
 * SDM 4.6, the #PF error code of SDM 4.7, the accessed/dirty flags of SDM
 * 4.8, and the soft TLB fill built on them (GuestArch.tlb_fill).
 */
#include <inttypes.h>
#include <string.h>
#include "exec/cpu-ldst.h"
#include "exec/softmmu.h"
#include "target-i386/misc_helper.h"
#include "target-i386/mmu.h"
#include "util/log.h"

#define PAGE_4K 0x1000u
#define PAGE_2M 0x200000u
#define PAGE_4M 0x400000u

/* Bits M-1:12 of a PAE entry (M = X86_PHYS_BITS): the next table or page. */
#define PAE_ADDR_MASK (((1ull << X86_PHYS_BITS) - 1) & ~0xfffull)
/* Bits 62:M, reserved in every PAE entry (SDM 4.4.2, tables 4-8 to 4-11). */
#define PAE_RSVD_HIGH (~((1ull << X86_PHYS_BITS) - 1) & ~PG_XD)
/* PDPTE: bits 2:1 and 8:5 too, and bit 63 (no XD in a PDPTE; table 4-8). */
#define PDPTE_RSVD (PAE_RSVD_HIGH | PG_XD | 0x1e6ull)
/* PDE mapping a 2 MiB page: bits 20:13 (table 4-9). */
#define PAE_PDE2M_RSVD 0x1fe000ull
/* 32-bit PDE mapping a 4 MiB page with PSE-36 and M = 36: bits 21:17
 * (bits 16:13 are physical-address bits 35:32; table 4-4). */
#define PDE4M_RSVD 0x3e0000u

static hwaddr x86_a20(const CPUX86State *env, hwaddr pa)
{
    return pa & ((hwaddr)env->a20_mask | ~(hwaddr)0xffffffffu);
}

/* The error-code bits that describe the access itself (SDM 4.7). */
static uint32_t x86_pf_access_bits(const CPUX86State *env, int access, bool user)
{
    uint32_t err = 0;
    if (access == MMU_DATA_STORE) {
        err |= PF_W;
    }
    if (user) {
        err |= PF_U;
    }
    if (access == MMU_INST_FETCH && (env->cr[4] & CR4_PAE_MASK) &&
        (env->efer & EFER_NXE_MASK)) {
        err |= PF_ID;
    }
    return err;
}

static void x86_walk_note(X86PageWalk *w, hwaddr a, uint64_t e)
{
    w->entry_addr[w->nentries] = a;
    w->entry[w->nentries] = e;
    w->nentries++;
}

static bool x86_walk_fail(X86PageWalk *w, uint32_t bits)
{
    w->error_code |= bits;
    return false;
}

/*
 * The rights the combined entry bits grant (SDM 4.6): rw and us are the
 * AND over the levels, xd the OR (only meaningful with EFER.NXE). Sets
 * w->prot for this kind of access and returns whether `access` is allowed.
 */
static bool x86_walk_rights(const CPUX86State *env, X86PageWalk *w, int access,
                            bool user, bool rw, bool us, bool xd)
{
    bool wp = (env->cr[0] & CR0_WP_MASK) != 0;
    int prot = 0;
    if (!user || us) {
        prot |= TLB_PROT_READ;
        if (!xd) {
            prot |= TLB_PROT_EXEC;
        }
        if (user ? rw : (rw || !wp)) {
            prot |= TLB_PROT_WRITE;
        }
    }
    w->prot = prot;
    static const int need[3] = {
        [MMU_DATA_LOAD] = TLB_PROT_READ,
        [MMU_DATA_STORE] = TLB_PROT_WRITE,
        [MMU_INST_FETCH] = TLB_PROT_EXEC,
    };
    if (!(prot & need[access])) {
        return x86_walk_fail(w, PF_P);
    }
    return true;
}

/* 32-bit paging (SDM 4.3): PDE then PTE, or a 4 MiB page with CR4.PSE. */
static bool x86_walk_32(CPUX86State *env, uint32_t addr, int access, bool user,
                        X86PageWalk *w)
{
    hwaddr pde_addr = x86_a20(env, (env->cr[3] & 0xfffff000u) | ((addr >> 20) & 0xffc));
    uint32_t pde = phys_ldl_le(pde_addr);
    if (!(pde & PG_P)) {
        return x86_walk_fail(w, 0);
    }
    if ((pde & PG_PS) && (env->cr[4] & CR4_PSE_MASK)) {
        if (pde & PDE4M_RSVD) {
            return x86_walk_fail(w, PF_P | PF_RSVD);
        }
        x86_walk_note(w, pde_addr, pde);
        w->final_reached = true;
        w->page_size = PAGE_4M;
        w->paddr = (hwaddr)(pde & 0xffc00000u) | ((hwaddr)((pde >> 13) & 0xf) << 32) |
                   (addr & (PAGE_4M - 1));
        w->global = (pde & PG_G) && (env->cr[4] & CR4_PGE_MASK);
        w->dirty = (pde & PG_D) != 0;
        return x86_walk_rights(env, w, access, user, pde & PG_RW, pde & PG_US, false);
    }
    x86_walk_note(w, pde_addr, pde);
    hwaddr pte_addr = x86_a20(env, (pde & 0xfffff000u) | ((addr >> 10) & 0xffc));
    uint32_t pte = phys_ldl_le(pte_addr);
    if (!(pte & PG_P)) {
        return x86_walk_fail(w, 0);
    }
    x86_walk_note(w, pte_addr, pte);
    w->final_reached = true;
    w->page_size = PAGE_4K;
    w->paddr = (pte & 0xfffff000u) | (addr & 0xfff);
    w->global = (pte & PG_G) && (env->cr[4] & CR4_PGE_MASK);
    w->dirty = (pte & PG_D) != 0;
    return x86_walk_rights(env, w, access, user, pde & pte & PG_RW,
                           pde & pte & PG_US, false);
}

/* PAE paging (SDM 4.4): PDPTE register, PDE, then PTE or a 2 MiB page. */
static bool x86_walk_pae(CPUX86State *env, uint32_t addr, int access, bool user,
                         X86PageWalk *w)
{
    bool nxe = (env->efer & EFER_NXE_MASK) != 0;
    uint64_t rsvd = PAE_RSVD_HIGH | (nxe ? 0 : PG_XD);
    uint64_t pdpte = env->pdpte[addr >> 30];
    if (!(pdpte & PG_P)) {
        return x86_walk_fail(w, 0);
    }
    if (pdpte & PDPTE_RSVD) {
        return x86_walk_fail(w, PF_P | PF_RSVD);
    }
    hwaddr pde_addr = x86_a20(env, (pdpte & PAE_ADDR_MASK) | (((addr >> 21) & 0x1ff) << 3));
    uint64_t pde = phys_ldq_le(pde_addr);
    if (!(pde & PG_P)) {
        return x86_walk_fail(w, 0);
    }
    if ((pde & rsvd) || ((pde & PG_PS) && (pde & PAE_PDE2M_RSVD))) {
        return x86_walk_fail(w, PF_P | PF_RSVD);
    }
    x86_walk_note(w, pde_addr, pde);
    if (pde & PG_PS) {
        w->final_reached = true;
        w->page_size = PAGE_2M;
        w->paddr = (pde & PAE_ADDR_MASK & ~(uint64_t)(PAGE_2M - 1)) | (addr & (PAGE_2M - 1));
        w->global = (pde & PG_G) && (env->cr[4] & CR4_PGE_MASK);
        w->dirty = (pde & PG_D) != 0;
        return x86_walk_rights(env, w, access, user, pde & PG_RW, pde & PG_US,
                               nxe && (pde & PG_XD));
    }
    hwaddr pte_addr = x86_a20(env, (pde & PAE_ADDR_MASK) | (((addr >> 12) & 0x1ff) << 3));
    uint64_t pte = phys_ldq_le(pte_addr);
    if (!(pte & PG_P)) {
        return x86_walk_fail(w, 0);
    }
    if (pte & rsvd) {
        return x86_walk_fail(w, PF_P | PF_RSVD);
    }
    x86_walk_note(w, pte_addr, pte);
    w->final_reached = true;
    w->page_size = PAGE_4K;
    w->paddr = (pte & PAE_ADDR_MASK) | (addr & 0xfff);
    w->global = (pte & PG_G) && (env->cr[4] & CR4_PGE_MASK);
    w->dirty = (pte & PG_D) != 0;
    return x86_walk_rights(env, w, access, user, pde & pte & PG_RW,
                           pde & pte & PG_US, nxe && ((pde | pte) & PG_XD));
}

bool x86_page_walk(CPUX86State *env, uint32_t addr, int access, bool user,
                   X86PageWalk *w)
{
    memset(w, 0, sizeof(*w));
    if (!(env->cr[0] & CR0_PG_MASK)) {
        w->paddr = x86_a20(env, addr);
        w->page_size = PAGE_4K;
        w->prot = TLB_PROT_READ | TLB_PROT_WRITE | TLB_PROT_EXEC;
        w->dirty = true;
        return true;
    }
    w->paging = true;
    w->error_code = x86_pf_access_bits(env, access, user);
    bool ok = (env->cr[4] & CR4_PAE_MASK) ? x86_walk_pae(env, addr, access, user, w)
                                          : x86_walk_32(env, addr, access, user, w);
    if (ok) {
        w->paddr = x86_a20(env, w->paddr);
        w->error_code = 0;
    }
    return ok;
}

/* Sets bits in the low word of a paging-structure entry (A and D live
 * there in both formats), re-reading it first: the same entry may serve
 * two levels of one walk (self-mapped page tables). */
static void x86_entry_set_bits(hwaddr a, uint32_t bits)
{
    uint32_t v = phys_ldl_le(a);
    if ((v & bits) != bits) {
        phys_stl_le(a, v | bits);
    }
}

bool x86_mmu_translate(CPUX86State *env, uint32_t addr, int access, bool user,
                       X86PageWalk *w)
{
    bool ok = x86_page_walk(env, addr, access, user, w);
    /*
     * SDM 4.8: the processor sets A in each entry it uses, and D in the
     * final entry on a write. The entries above the final one are used
     * (and may be cached, SDM 4.10.3) even when the access then faults;
     * the final entry only gets A (and D) for an access that goes ahead.
     */
    for (int i = 0; i < w->nentries; i++) {
        bool final = w->final_reached && i == w->nentries - 1;
        if (!final) {
            x86_entry_set_bits(w->entry_addr[i], PG_A);
        } else if (ok) {
            bool write = access == MMU_DATA_STORE;
            x86_entry_set_bits(w->entry_addr[i], write ? PG_A | PG_D : PG_A);
            w->dirty |= write;
        }
    }
    return ok;
}

_Noreturn void x86_raise_page_fault(CPUX86State *env, uint32_t addr,
                                    uint32_t error_code, uintptr_t ra)
{
    env->cr[2] = addr;
    env->cs.exception_index = EXCP0E_PAGE;
    env->cs.error_code = error_code;
    env->cs.fault_addr = addr;
    env->cs.fault_is_write = (error_code & PF_W) != 0;
    env->exception_is_int = false;
    cpu_loop_exit_restore(&env->cs, ra);
}

/* -d mmu: one line per fill. */
static void x86_mmu_log_fill(uint32_t addr, int access, int mmu_idx, bool probe,
                             const X86PageWalk *w, bool ok)
{
    static const char *const kind[3] = { "load", "store", "fetch" };
    if (!ok) {
        mimic_log("mmu: %s %08x mmu %d%s: #PF err %#x\n", kind[access], addr,
                  mmu_idx, probe ? " (probe)" : "", w->error_code);
        return;
    }
    mimic_log("mmu: %s %08x mmu %d -> %09" PRIx64 " size %#x %c%c%c%s%s\n",
              kind[access], addr, mmu_idx, (uint64_t)w->paddr, w->page_size,
              w->prot & TLB_PROT_READ ? 'r' : '-',
              w->prot & TLB_PROT_WRITE ? (w->dirty ? 'w' : 'c') : '-',
              w->prot & TLB_PROT_EXEC ? 'x' : '-', w->global ? " global" : "",
              w->paging ? "" : " (paging off)");
}

bool x86_tlb_fill(CPUState *cpu, uint32_t addr, int size, int access,
                  int mmu_idx, bool probe, uintptr_t ra)
{
    CPUX86State *env = (CPUX86State *)cpu;
    X86PageWalk w;
    bool ok = x86_mmu_translate(env, addr, access, mmu_idx == X86_MMU_IDX_USER, &w);
    if (mimic_log_enabled(LOG_MMU)) {
        x86_mmu_log_fill(addr, access, mmu_idx, probe, &w, ok);
    }
    if (!ok) {
        if (probe) {
            return false;
        }
        x86_raise_page_fault(env, addr, w.error_code, ra);
    }
    int prot = w.prot;
    /* As a real TLB: no write permission cached until D is set, so the
     * first write comes back here and sets it. */
    if (!w.dirty) {
        prot &= ~TLB_PROT_WRITE;
    }
    if (w.global) {
        prot |= TLB_PROT_GLOBAL;
    }
    tlb_set_page(cpu, addr & ~0xfffu, w.paddr & ~(hwaddr)0xfff, prot, mmu_idx,
                 w.page_size);
    return true;
}

bool x86_mmu_load_pdptes(CPUX86State *env, uint32_t cr3)
{
    uint64_t p[4];
    /* In PAE paging CR3 bits 31:5 locate the 32-byte PDPT (SDM 4.4.1). */
    hwaddr base = x86_a20(env, cr3 & ~0x1fu);
    for (int i = 0; i < 4; i++) {
        p[i] = phys_ldq_le(base + 8 * i);
        if ((p[i] & PG_P) && (p[i] & PDPTE_RSVD)) {
            return false;
        }
    }
    memcpy(env->pdpte, p, sizeof(p));
    return true;
}

void x86_mmu_reset(CPUX86State *env)
{
    /* SDM 9.1.1, table 9-1: state after power-up / RESET. */
    env->cr[0] = 0x60000010u;
    env->cr[1] = env->cr[2] = env->cr[3] = env->cr[4] = 0;
    memset(env->dr, 0, sizeof(env->dr));
    env->dr[6] = 0xffff0ff0u;
    env->dr[7] = 0x00000400u;
    env->efer = 0;
    env->pat = 0x0007040600070406ull;
    memset(env->pdpte, 0, sizeof(env->pdpte));
    memset(env->mtrr_var, 0, sizeof(env->mtrr_var));
    memset(env->mtrr_fixed, 0, sizeof(env->mtrr_fixed));
    env->mtrr_deftype = 0;
    memset(env->perf_evtsel, 0, sizeof(env->perf_evtsel));
    memset(env->perf_ctr, 0, sizeof(env->perf_ctr));
    env->mcg_status = 0;
    env->misc_enable = 1;        /* fast strings enabled */
    env->sysenter_cs = env->sysenter_esp = env->sysenter_eip = 0;
    /* Local APIC at its default base, enabled, this CPU the BSP. */
    env->apic_base_msr = 0xfee00000u | (1u << 11) | (1u << 8);
    env->a20_mask = 0xffffffffu;
    /* RESET clears the time-stamp counter (SDM 17.17). */
    env->tsc_offset = -x86_tsc_clock(env);
}
