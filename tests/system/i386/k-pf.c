/* Page faults on 2-level paging: the error code (P, W/R, U/S, RSVD bits)
 * and CR2 for not-present pages, writes to read-only pages, user access
 * to supervisor pages and a reserved bit, at CPL 0 and CPL 3. */
#include "bm.h"

#define VA_NOPDE  0x40400000u  /* no page table at all */
#define VA_NOPTE  0x40001000u  /* page table present, PTE not present */
#define VA_SUP_RO 0x40002000u
#define VA_SUP_RW 0x40003000u
#define VA_USR_RO 0x40004000u
#define VA_RSVD   0x40800000u  /* 4 MiB PDE with reserved bit 21 set */

static uint32_t user_addr, user_val, user_write;

static uint32_t user_probe(void)
{
    if (user_write)
        probe_write32(user_addr, user_val);
    else
        user_val = probe_read32(user_addr);
    return 0;
}

/* One access, then the checks of its #PF. SDM Vol. 3A, 4.7: #PF is
 * vector 14, CR2 holds the linear address, the error code says P (bit 0),
 * W/R (1), U/S (2), RSVD (3); the saved EIP is the faulting instruction. */
static void expect_pf(const char *what, uint32_t va, int write, int user, uint32_t want_err,
                      int sdm_only)
{
    if (user) {
        user_addr = va;
        user_write = write;
        user_val = 0x5a5a5a5a;
        run_user(user_probe, 0x2);
    } else if (write) {
        probe_write32(va, 0x5a5a5a5a);
    } else {
        probe_read32(va);
    }
    check_trap(what, sdm_only, 14, want_err,
               (uint32_t)(write ? probe_write32_insn : probe_read32_insn));
    (sdm_only ? check_eq_sdm : check_eq)(bm_name(what, ".cr2"), trap_last.cr2, va);
}

void bm_main(void)
{
    bm_require_cpuid(CPUID_PSE, "cpuid.pse");
    uint32_t *dir = pt2_new();
    pt2_identity(dir, 4u << 20, PG_P | PG_W | PG_U);
    pt2_map(dir, VA_NOPTE + 0x1000, frame_alloc(), PG_P | PG_W);  /* makes the page table */
    pt2_map(dir, VA_SUP_RO, frame_alloc(), PG_P);
    pt2_map(dir, VA_SUP_RW, frame_alloc(), PG_P | PG_W);
    pt2_map(dir, VA_USR_RO, frame_alloc(), PG_P | PG_U);
    /* SDM 4.3, Table 4-4: with PSE-36 bits 21:(M-19) of a 4 MiB PDE are
     * reserved and bit 21 is reserved whatever MAXPHYADDR (<= 40) is. */
    pt2_map_4m(dir, VA_RSVD, 0x00800000u, PG_P | PG_W | PG_U | (1u << 21));
    paging_on_2level(dir, CR4_PSE);
    write_cr0(read_cr0() | CR0_WP);

    expect_pf("pf.k.read.nopde", VA_NOPDE + 0x10, 0, 0, 0x0, 0);
    expect_pf("pf.k.write.nopde", VA_NOPDE + 0x20, 1, 0, 0x2, 0);
    expect_pf("pf.k.read.nopte", VA_NOPTE + 0x30, 0, 0, 0x0, 0);
    expect_pf("pf.k.write.nopte", VA_NOPTE + 0x34, 1, 0, 0x2, 0);
    expect_pf("pf.k.write.ro.wp1", VA_SUP_RO + 0x40, 1, 0, 0x3, 0);
    expect_pf("pf.u.read.nopte", VA_NOPTE + 0x50, 0, 1, 0x4, 0);
    expect_pf("pf.u.write.nopde", VA_NOPDE + 0x54, 1, 1, 0x6, 0);
    expect_pf("pf.u.read.sup", VA_SUP_RW + 0x60, 0, 1, 0x5, 0);
    expect_pf("pf.u.write.sup", VA_SUP_RW + 0x64, 1, 1, 0x7, 0);
    expect_pf("pf.u.write.usr_ro", VA_USR_RO + 0x70, 1, 1, 0x7, 0);
    /* QEMU 7.2 sets no P bit in RSVD error codes (see k-pae.c): SDM-only. */
    expect_pf("pf.k.read.rsvd", VA_RSVD + 0x80, 0, 0, 0x9, 1);
    expect_pf("pf.u.write.rsvd", VA_RSVD + 0x84, 1, 1, 0xf, 1);

    /* The accesses that must not fault, with their data. */
    probe_write32(VA_SUP_RW + 0x100, 0x12345678);
    check_eq("pf.k.write.sup_rw.nofault", trap_last.vector, 0xffffffff);
    check_eq("pf.k.read.sup_rw.value", probe_read32(VA_SUP_RW + 0x100), 0x12345678);
    user_addr = VA_USR_RO + 0x10;
    user_write = 0;
    user_val = 0;
    run_user(user_probe, 0x2);
    check_eq("pf.u.read.usr_ro.nofault", trap_last.vector, 0xffffffff);
}
