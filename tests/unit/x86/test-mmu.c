/*
 * The i386 page walk and TLB fill (target-i386/mmu.c) on a fake physical
 * memory: every paging mode, every #PF error-code bit, the accessed and
 * dirty flags, CR0.WP, NX, large pages, reserved bits. Expected values
 * come from the Intel SDM vol. 3A chapter 4 (section cited per test).
 */
#include <criterion/criterion.h>
#include "exec/cpu-ldst.h"
#include "mmu-fakes.h"
#include "util/log.h"

static CPUX86State env_s;
static CPUX86State *const env = &env_s;

#define RA 0x1234u
#define PD 0x1000u          /* 32-bit paging: page directory */
#define PT 0x2000u          /* and the page table */
#define PAGE 0x00123000u    /* the data page */
#define V 0x00403123u       /* PDE 1, PTE 3 */

#define PAE_PDPT 0x3000u
#define PAE_PD 0x4000u
#define PAE_PT 0x5000u
#define PAE_V 0x40603123u   /* PDPTE 1, PDE 3, PTE 3 */
#define PAE_PAGE 0x987654000ull   /* above 4 GiB: 36-bit physical */

#define USER X86_MMU_IDX_USER
#define KERN X86_MMU_IDX_KERNEL
#define CR0_PAGING (CR0_PE_MASK | CR0_ET_MASK | CR0_PG_MASK)

static hwaddr pde_addr(uint32_t v)
{
    return PD + 4 * (v >> 22);
}

static hwaddr pte_addr(uint32_t v)
{
    return PT + 4 * ((v >> 12) & 0x3ff);
}

/* 32-bit paging (SDM 4.3), V mapped through PD/PT to PAGE. */
static void setup32(uint32_t pde_flags, uint32_t pte_flags)
{
    fake_reset(env);
    env->cr[0] = CR0_PAGING;
    env->cr[3] = PD;
    fake_put32(pde_addr(V), PT | pde_flags);
    fake_put32(pte_addr(V), PAGE | pte_flags);
}

static hwaddr pae_pde_addr(uint32_t v)
{
    return PAE_PD + 8 * ((v >> 21) & 0x1ff);
}

static hwaddr pae_pte_addr(uint32_t v)
{
    return PAE_PT + 8 * ((v >> 12) & 0x1ff);
}

/* PAE paging (SDM 4.4), PAE_V mapped to PAE_PAGE; PDPTEs loaded. */
static void setup_pae(uint64_t pde_flags, uint64_t pte_flags, bool nxe)
{
    fake_reset(env);
    env->cr[0] = CR0_PAGING;
    env->cr[4] = CR4_PAE_MASK;
    env->efer = nxe ? EFER_NXE_MASK : 0;
    env->cr[3] = PAE_PDPT;
    fake_put64(PAE_PDPT + 8 * (PAE_V >> 30), PAE_PD | PG_P);
    fake_put64(pae_pde_addr(PAE_V), PAE_PT | pde_flags);
    fake_put64(pae_pte_addr(PAE_V), PAE_PAGE | pte_flags);
    cr_assert(x86_mmu_load_pdptes(env, env->cr[3]));
}

/* tlb_fill for one access; returns the exception raised or -1. */
static int fill(uint32_t addr, int access, int mmu_idx)
{
    return RAISES(env, x86_tlb_fill(&env->cs, addr, 1, access, mmu_idx, false, RA));
}

static void expect_pf(int r, uint32_t addr, uint32_t err)
{
    cr_assert_eq(r, EXCP0E_PAGE, "expected #PF, got %d", r);
    cr_assert_eq(env->cs.error_code, err, "error code %#x, expected %#x",
                 env->cs.error_code, err);
    cr_assert_eq(env->cr[2], addr, "CR2 %#x", env->cr[2]);
    cr_assert_eq(fake_log.exit_ra, RA, "the fault restores the state at ra");
}

#define RW (PG_P | PG_RW | PG_US)

/* ---- paging off ---- */

Test(mmu, paging_off_identity_and_a20)
{
    fake_reset(env);
    cr_assert_eq(env->cr[0], 0x60000010u, "SDM 9.1.1: CR0 after reset");
    cr_assert_eq(fill(0x00123456, MMU_DATA_STORE, KERN), -1);
    cr_assert_eq(fake_log.paddr, 0x00123000);
    cr_assert_eq(fake_log.prot, TLB_PROT_READ | TLB_PROT_WRITE | TLB_PROT_EXEC);
    cr_assert_eq(fake_log.reads + fake_log.writes, 0, "no table read");
    /* A20 masked: bit 20 of the physical address forced to 0. */
    env->a20_mask = ~(1u << 20);
    cr_assert_eq(fill(0x00123456, MMU_DATA_LOAD, KERN), -1);
    cr_assert_eq(fake_log.paddr, 0x00023000);
}

/* ---- 32-bit paging, 4 KiB ---- */

Test(mmu, read_sets_accessed_not_dirty)
{
    setup32(RW, RW);
    cr_assert_eq(fill(V, MMU_DATA_LOAD, USER), -1);
    cr_assert_eq(fake_log.vaddr, V & ~0xfffu);
    cr_assert_eq(fake_log.paddr, PAGE);
    cr_assert_eq(fake_log.page_size, 0x1000);
    cr_assert_eq(fake_log.mmu_idx, USER);
    /* SDM 4.8: A in both entries; D untouched on a read. */
    cr_assert_eq(fake_get32(pde_addr(V)), PT | RW | PG_A);
    cr_assert_eq(fake_get32(pte_addr(V)), PAGE | RW | PG_A);
    /* Writable page, but D clear: installed without write permission. */
    cr_assert_eq(fake_log.prot, TLB_PROT_READ | TLB_PROT_EXEC);
}

Test(mmu, write_sets_dirty_in_final_entry_only)
{
    setup32(RW, RW);
    cr_assert_eq(fill(V, MMU_DATA_STORE, USER), -1);
    cr_assert_eq(fake_get32(pde_addr(V)), PT | RW | PG_A, "no D in the PDE");
    cr_assert_eq(fake_get32(pte_addr(V)), PAGE | RW | PG_A | PG_D);
    cr_assert_eq(fake_log.prot, TLB_PROT_READ | TLB_PROT_WRITE | TLB_PROT_EXEC);
}

Test(mmu, dirty_page_read_gets_write_permission)
{
    setup32(RW | PG_A, RW | PG_A | PG_D);
    cr_assert_eq(fill(V, MMU_DATA_LOAD, USER), -1);
    cr_assert_eq(fake_log.prot, TLB_PROT_READ | TLB_PROT_WRITE | TLB_PROT_EXEC);
    cr_assert_eq(fake_log.writes, 0, "A and D already set: nothing written");
}

Test(mmu, not_present_pde)
{
    static const struct { int access, idx; uint32_t err; } cases[] = {
        { MMU_DATA_LOAD, KERN, 0 },
        { MMU_DATA_STORE, KERN, PF_W },
        { MMU_DATA_LOAD, USER, PF_U },
        { MMU_DATA_STORE, USER, PF_W | PF_U },
        /* SDM 4.7: I/D only with PAE and NXE; 32-bit paging never. */
        { MMU_INST_FETCH, USER, PF_U },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        setup32(RW & ~PG_P, RW);
        expect_pf(fill(V, cases[i].access, cases[i].idx), V, cases[i].err);
        cr_assert_eq(fake_log.writes, 0, "no A bit set in a non-present walk");
        cr_assert_eq(fake_log.set_page, 0);
    }
}

Test(mmu, not_present_pte_sets_pde_accessed)
{
    setup32(RW, RW & ~PG_P);
    expect_pf(fill(V, MMU_DATA_STORE, KERN), V, PF_W);
    /* The PDE was used (and may be cached, SDM 4.10.3): A set. */
    cr_assert_eq(fake_get32(pde_addr(V)), PT | RW | PG_A);
    cr_assert_eq(fake_get32(pte_addr(V)), PAGE | (RW & ~PG_P));
}

Test(mmu, user_access_to_supervisor_page)
{
    setup32(RW, PG_P | PG_RW);
    expect_pf(fill(V, MMU_DATA_LOAD, USER), V, PF_P | PF_U);
    /* Protection fault: the final entry gets no A. */
    cr_assert_eq(fake_get32(pte_addr(V)), PAGE | PG_P | PG_RW);
    cr_assert_eq(fake_get32(pde_addr(V)), PT | RW | PG_A);
    /* U/S = 0 in the PDE alone is enough (SDM 4.6.1: AND of the levels). */
    setup32(PG_P | PG_RW, RW);
    expect_pf(fill(V, MMU_INST_FETCH, USER), V, PF_P | PF_U);
    /* The supervisor reads and writes it. */
    setup32(PG_P | PG_RW, PG_P | PG_RW);
    cr_assert_eq(fill(V, MMU_DATA_STORE, KERN), -1);
    cr_assert_eq(fake_log.mmu_idx, KERN);
}

Test(mmu, user_write_to_read_only)
{
    setup32(PG_P | PG_US, RW);
    expect_pf(fill(V, MMU_DATA_STORE, USER), V, PF_P | PF_W | PF_U);
    setup32(RW, PG_P | PG_US);
    expect_pf(fill(V, MMU_DATA_STORE, USER), V, PF_P | PF_W | PF_U);
    /* A read of it is fine, and never gets write permission. */
    setup32(RW, PG_P | PG_US | PG_A | PG_D);
    cr_assert_eq(fill(V, MMU_DATA_LOAD, USER), -1);
    cr_assert_eq(fake_log.prot, TLB_PROT_READ | TLB_PROT_EXEC);
}

Test(mmu, cr0_wp_supervisor_writes)
{
    /* SDM 4.6.1: with WP = 0 the supervisor writes read-only pages. */
    setup32(PG_P | PG_US, PG_P | PG_US);
    cr_assert_eq(fill(V, MMU_DATA_STORE, KERN), -1);
    cr_assert_eq(fake_get32(pte_addr(V)), PAGE | PG_P | PG_US | PG_A | PG_D);
    cr_assert(fake_log.prot & TLB_PROT_WRITE);
    /* With WP = 1 it faults (P, W; not U). */
    setup32(PG_P | PG_US, PG_P | PG_US);
    env->cr[0] |= CR0_WP_MASK;
    expect_pf(fill(V, MMU_DATA_STORE, KERN), V, PF_P | PF_W);
    /* WP does not change user rights: a user write still faults with WP = 0. */
    setup32(PG_P | PG_US, PG_P | PG_US);
    expect_pf(fill(V, MMU_DATA_STORE, USER), V, PF_P | PF_W | PF_U);
}

Test(mmu, self_mapped_directory)
{
    /* PDE 1 points at the directory itself: it serves as PDE and PTE. */
    fake_reset(env);
    env->cr[0] = CR0_PAGING;
    env->cr[3] = PD;
    fake_put32(PD + 4, PD | RW);
    uint32_t v = (1u << 22) | (1u << 12);   /* PDE 1, then entry 1 as PTE */
    cr_assert_eq(fill(v, MMU_DATA_STORE, KERN), -1);
    cr_assert_eq(fake_log.paddr, PD);
    cr_assert_eq(fake_get32(PD + 4), PD | RW | PG_A | PG_D);
}

Test(mmu, global_pages_need_cr4_pge)
{
    setup32(RW, RW | PG_G | PG_A | PG_D);
    cr_assert_eq(fill(V, MMU_DATA_LOAD, KERN), -1);
    cr_assert_eq(fake_log.prot & TLB_PROT_GLOBAL, 0, "PGE = 0: not global");
    setup32(RW, RW | PG_G | PG_A | PG_D);
    env->cr[4] = CR4_PGE_MASK;
    cr_assert_eq(fill(V, MMU_DATA_LOAD, KERN), -1);
    cr_assert(fake_log.prot & TLB_PROT_GLOBAL);
    /* G in a PDE that points to a page table is ignored (SDM table 4-5). */
    setup32(RW | PG_G, RW | PG_A | PG_D);
    env->cr[4] = CR4_PGE_MASK;
    cr_assert_eq(fill(V, MMU_DATA_LOAD, KERN), -1);
    cr_assert_eq(fake_log.prot & TLB_PROT_GLOBAL, 0);
}

/* ---- 32-bit paging, 4 MiB pages (PSE, PSE-36) ---- */

Test(mmu, pse_4m_page)
{
    fake_reset(env);
    env->cr[0] = CR0_PAGING;
    env->cr[4] = CR4_PSE_MASK;
    env->cr[3] = PD;
    fake_put32(pde_addr(V), 0x00c00000u | RW | PG_PS);
    cr_assert_eq(fill(V, MMU_DATA_STORE, USER), -1);
    cr_assert_eq(fake_log.page_size, 0x400000);
    cr_assert_eq(fake_log.paddr, 0x00c03000);
    cr_assert_eq(fake_log.vaddr, V & ~0xfffu);
    cr_assert_eq(fake_get32(pde_addr(V)), 0x00c00000u | RW | PG_PS | PG_A | PG_D);
    /* SDM table 4-4: bits 16:13 are physical bits 35:32 (PSE-36, M = 36). */
    fake_put32(pde_addr(V), 0x00c00000u | (0x5u << 13) | RW | PG_PS);
    cr_assert_eq(fill(V, MMU_DATA_LOAD, USER), -1);
    cr_assert_eq(fake_log.paddr, 0x500c03000ull);
}

Test(mmu, pse_off_ps_bit_ignored)
{
    /* CR4.PSE = 0: PS in a PDE is ignored, the PDE points to a table. */
    setup32(RW | PG_PS, RW);
    cr_assert_eq(fill(V, MMU_DATA_LOAD, USER), -1);
    cr_assert_eq(fake_log.page_size, 0x1000);
    cr_assert_eq(fake_log.paddr, PAGE);
}

Test(mmu, pse_reserved_bits)
{
    /* Bit 21 and bits 20:17 (M = 36) are reserved: P and RSVD set. */
    static const uint32_t bad[] = { 1u << 21, 1u << 17, 1u << 20 };
    for (size_t i = 0; i < 3; i++) {
        fake_reset(env);
        env->cr[0] = CR0_PAGING;
        env->cr[4] = CR4_PSE_MASK;
        env->cr[3] = PD;
        fake_put32(pde_addr(V), 0x00c00000u | bad[i] | RW | PG_PS);
        expect_pf(fill(V, MMU_DATA_LOAD, USER), V, PF_P | PF_RSVD | PF_U);
        cr_assert_eq(fake_log.writes, 0, "no A in an entry with reserved bits");
    }
    /* Not present wins over reserved bits: P = 0, no RSVD. */
    fake_put32(pde_addr(V), 0x00c00000u | (1u << 21) | PG_PS);
    expect_pf(fill(V, MMU_DATA_STORE, KERN), V, PF_W);
}

/* ---- PAE ---- */

Test(mmu, pae_4k_36bit)
{
    setup_pae(RW, RW, false);
    cr_assert_eq(fill(PAE_V, MMU_DATA_STORE, USER), -1);
    cr_assert_eq(fake_log.paddr, PAE_PAGE);
    cr_assert_eq(fake_log.page_size, 0x1000);
    cr_assert_eq(fake_get64(pae_pde_addr(PAE_V)), PAE_PT | RW | PG_A);
    cr_assert_eq(fake_get64(pae_pte_addr(PAE_V)), PAE_PAGE | RW | PG_A | PG_D);
    /* The PDPTE is a register: not written (SDM 4.4.1). */
    cr_assert_eq(fake_get64(PAE_PDPT + 8), PAE_PD | PG_P);
}

Test(mmu, pae_2m_page)
{
    setup_pae(RW, RW, false);
    fake_put64(pae_pde_addr(PAE_V), 0x87fe00000ull | RW | PG_PS);
    cr_assert_eq(fill(PAE_V, MMU_DATA_LOAD, USER), -1);
    cr_assert_eq(fake_log.page_size, 0x200000);
    cr_assert_eq(fake_log.paddr, 0x87fe00000ull | (PAE_V & 0x1ff000));
    cr_assert_eq(fake_get64(pae_pde_addr(PAE_V)), 0x87fe00000ull | RW | PG_PS | PG_A);
    /* Bits 20:13 of a 2 MiB PDE are reserved (SDM table 4-9). */
    fake_put64(pae_pde_addr(PAE_V), 0x87fe00000ull | (1u << 13) | RW | PG_PS);
    expect_pf(fill(PAE_V, MMU_DATA_LOAD, KERN), PAE_V, PF_P | PF_RSVD);
}

Test(mmu, pae_not_present_pdpte)
{
    setup_pae(RW, RW, false);
    uint32_t v = 0x80000000u;   /* PDPTE 2: not present */
    expect_pf(fill(v, MMU_DATA_LOAD, USER), v, PF_U);
}

Test(mmu, pae_reserved_bits)
{
    /* Bits 62:36 of a PTE (M = 36), bit 63 without NXE (SDM 4.4.2). */
    setup_pae(RW, RW | (1ull << 40), false);
    expect_pf(fill(PAE_V, MMU_DATA_STORE, USER), PAE_V, PF_P | PF_W | PF_U | PF_RSVD);
    cr_assert_eq(fake_get64(pae_pde_addr(PAE_V)), PAE_PT | RW | PG_A,
                 "the PDE above was used");
    setup_pae(RW | PG_XD, RW, false);
    expect_pf(fill(PAE_V, MMU_DATA_LOAD, KERN), PAE_V, PF_P | PF_RSVD);
    /* With NXE bit 63 is XD, not reserved. */
    setup_pae(RW | PG_XD, RW, true);
    cr_assert_eq(fill(PAE_V, MMU_DATA_LOAD, KERN), -1);
}

Test(mmu, nx_fetch_faults_with_id)
{
    /* SDM 4.6: fetch from an XD page faults; I/D set (PAE + NXE, 4.7). */
    setup_pae(RW, RW | PG_XD, true);
    expect_pf(fill(PAE_V, MMU_INST_FETCH, KERN), PAE_V, PF_P | PF_ID);
    setup_pae(RW | PG_XD, RW, true);
    expect_pf(fill(PAE_V, MMU_INST_FETCH, USER), PAE_V, PF_P | PF_U | PF_ID);
    /* Data accesses go ahead, and the TLB entry has no exec right. */
    setup_pae(RW, RW | PG_XD, true);
    cr_assert_eq(fill(PAE_V, MMU_DATA_STORE, USER), -1);
    cr_assert_eq(fake_log.prot, TLB_PROT_READ | TLB_PROT_WRITE);
    /* I/D in a not-present fault too, but only with NXE. */
    setup_pae(RW, RW & ~PG_P, true);
    expect_pf(fill(PAE_V, MMU_INST_FETCH, KERN), PAE_V, PF_ID);
    setup_pae(RW, RW & ~PG_P, false);
    expect_pf(fill(PAE_V, MMU_INST_FETCH, KERN), PAE_V, 0);
}

Test(mmu, pdpte_load_checks_reserved_bits)
{
    setup_pae(RW, RW, false);
    fake_put64(PAE_PDPT + 16, 0x6000 | PG_P | PG_RW);   /* bit 1 reserved */
    cr_assert_not(x86_mmu_load_pdptes(env, PAE_PDPT));
    cr_assert_eq(env->pdpte[2], 0, "registers unchanged");
    /* Not present: its other bits are free. */
    fake_put64(PAE_PDPT + 16, 0x6000 | PG_RW);
    cr_assert(x86_mmu_load_pdptes(env, PAE_PDPT));
    cr_assert_eq(env->pdpte[2], 0x6000 | PG_RW);
}

/* ---- the walk without side effects (kaccel, -d mmu) ---- */

Test(mmu, page_walk_has_no_side_effects)
{
    setup32(RW, RW);
    X86PageWalk w;
    cr_assert(x86_page_walk(env, V, MMU_DATA_STORE, true, &w));
    cr_assert_eq(w.paddr, PAGE | (V & 0xfff));
    cr_assert_eq(w.prot, TLB_PROT_READ | TLB_PROT_WRITE | TLB_PROT_EXEC);
    cr_assert_not(w.dirty);
    cr_assert_eq(w.nentries, 2);
    cr_assert_eq(fake_log.writes, 0);
    cr_assert_not(x86_page_walk(env, 0x00800000, MMU_DATA_LOAD, true, &w));
    cr_assert_eq(w.error_code, PF_U);
    cr_assert_eq(fake_log.writes, 0);
    cr_assert_eq(env->cr[2], 0, "nothing raised");
}

Test(mmu, probe_returns_false_without_raising)
{
    setup32(RW, RW & ~PG_P);
    int r = RAISES(env, cr_assert_not(x86_tlb_fill(&env->cs, V, 4, MMU_DATA_LOAD,
                                                   USER, true, RA)));
    cr_assert_eq(r, -1);
    cr_assert_eq(fake_log.set_page, 0);
}

Test(mmu, log_mmu_one_line_per_fill)
{
    setup32(RW, RW);
    fake_log_lines = 0;
    mimic_log_mask = LOG_MMU;
    cr_assert_eq(fill(V, MMU_DATA_LOAD, USER), -1);
    expect_pf(fill(0x00800000, MMU_DATA_LOAD, USER), 0x00800000, PF_U);
    mimic_log_mask = 0;
    cr_assert_eq(fill(V, MMU_DATA_LOAD, USER), -1);
    cr_assert_eq(fake_log_lines, 2, "-d mmu: the fill and the fault, nothing when off");
}
