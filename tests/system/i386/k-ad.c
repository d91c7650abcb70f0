/* Accessed and dirty bits of 2-level paging as the SDM sets them (Vol. 3A,
 * 4.8): A in every entry used for a translation, D only in the entry that
 * maps the page and only on a write that succeeds; 4 KiB and PSE pages. */
#include "bm.h"

#define VA_RD   0x40000000u   /* read, then write */
#define VA_WR   0x40001000u   /* first access is a write */
#define VA_RO   0x40002000u   /* read-only: the write faults */
#define VA_4M   0x40800000u   /* PSE 4 MiB page */
#define VA_SUP  0x40003000u   /* supervisor page touched from CPL 3 */

static uint32_t user_addr;
static uint32_t user_write(void)
{
    probe_write32(user_addr, 7);
    return 0;
}

static uint32_t bits(uint32_t *e) { return *(volatile uint32_t *)e & (PG_A | PG_D); }

void bm_main(void)
{
    bm_require_cpuid(CPUID_PSE, "cpuid.pse");
    uint32_t *dir = pt2_new();
    pt2_identity(dir, 4u << 20, PG_P | PG_W | PG_U);
    pt2_map(dir, VA_RD, frame_alloc(), PG_P | PG_W);
    pt2_map(dir, VA_WR, frame_alloc(), PG_P | PG_W);
    pt2_map(dir, VA_RO, frame_alloc(), PG_P);
    pt2_map(dir, VA_SUP, frame_alloc(), PG_P | PG_W);
    pt2_map_4m(dir, VA_4M, 0x00400000u, PG_P | PG_W);
    uint32_t *pde = &dir[VA_RD >> 22], *pde4m = &dir[VA_4M >> 22];
    uint32_t *pte_rd = pt2_pte(dir, VA_RD), *pte_wr = pt2_pte(dir, VA_WR);
    uint32_t *pte_ro = pt2_pte(dir, VA_RO), *pte_sup = pt2_pte(dir, VA_SUP);
    check_eq("ad.initial.pde", bits(pde), 0);
    paging_on_2level(dir, CR4_PSE);
    write_cr0(read_cr0() | CR0_WP);

    probe_read32(VA_RD + 4);
    check_eq("ad.read.pte", bits(pte_rd), PG_A);          /* A, not D */
    check_eq("ad.read.pde", bits(pde), PG_A);             /* PDE: A; bit 6 ignored, never set */
    probe_write32(VA_RD + 4, 1);                          /* TLB entry from the read */
    check_eq("ad.write_after_read.pte", bits(pte_rd), PG_A | PG_D);
    check_eq("ad.write_after_read.pde", bits(pde), PG_A);

    probe_write32(VA_WR, 2);
    check_eq("ad.write_first.pte", bits(pte_wr), PG_A | PG_D);

    /* Software clears A and D, invalidates, reads: only A comes back. */
    *pte_wr &= ~(PG_A | PG_D);
    invlpg(VA_WR);
    probe_read32(VA_WR);
    check_eq("ad.cleared_then_read.pte", bits(pte_wr), PG_A);
    check_eq("ad.cleared_then_read.value", probe_read32(VA_WR), 2);

    /* A write that faults (WP=1, read-only page) writes nothing: no D. */
    probe_write32(VA_RO, 3);
    check_eq("ad.ro_write.faults", trap_last.vector, 14);
    check_eq("ad.ro_write.pte.d", bits(pte_ro) & PG_D, 0);

    /* A user write to a supervisor page faults: no D either. */
    user_addr = VA_SUP;
    run_user(user_write, 0x2);
    check_eq("ad.user_sup_write.faults", trap_last.err, 0x7);
    check_eq("ad.user_sup_write.pte.d", bits(pte_sup) & PG_D, 0);

    /* PSE 4 MiB page: A and D live in the PDE (SDM 4.3, Table 4-4). */
    probe_read32(VA_4M + 0x1000);
    check_eq("ad.4m.read.pde", bits(pde4m), PG_A);
    probe_write32(VA_4M + 0x1000, 4);
    check_eq("ad.4m.write.pde", bits(pde4m), PG_A | PG_D);
}
