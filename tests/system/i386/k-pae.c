/* PAE paging (SDM Vol. 3A, 4.4): 2 MiB and 4 KiB pages, the execute-
 * disable bit with IA32_EFER.NXE in PTEs and PDEs at CPL 0 and 3, #PF
 * error codes with I/D, reserved bits, and A/D bits of PAE entries. */
#include "bm.h"

#define VA_2M     0x40000000u   /* 2 MiB page -> PA 4 MiB, executable */
#define VA_2M_NX  0x40200000u   /* the same 2 MiB with XD */
#define VA_PTE_NX 0x40400000u   /* 4 KiB page, XD in the PTE */
#define VA_PDE_NX 0x40600000u   /* 4 KiB page, XD in the PDE only */
#define VA_USR_NX 0x40800000u   /* user 4 KiB page with XD */
#define VA_RSVD   0x40a00000u   /* PTE with bit 51 set */
#define VA_RSVD2M 0x40c00000u   /* 2 MiB PDE with bit 13 set */
#define VA_AD     0x40e00000u   /* 4 KiB page for A/D */
#define VA_AD2M   0x41000000u   /* 2 MiB page for A/D */
#define VA_NONE   0x41200000u   /* nothing mapped */
#define PA_BIG    0x00400000u

static uint32_t user_target, user_faulted;

static uint32_t user_call(void)
{
    user_faulted = probe_call((void (*)(void))user_target);
    return 0;
}

/* A call to `va` whose fetch must fault with error code err (SDM 4.7:
 * I/D, bit 4, is set for fetches when PAE and NXE are on). */
static void expect_fetch_pf(const char *what, uint32_t va, uint32_t err, int user)
{
    if (user) {
        user_target = va;
        run_user(user_call, 0x2);
    } else {
        probe_call((void (*)(void))va);
    }
    check_trap(what, 0, 14, err, va);
    check_eq(bm_name(what, ".cr2"), trap_last.cr2, va);
}

/* A read that must fault with a reserved-bit #PF. SDM 4.7: P (bit 0) is 1
 * since no entry was not-present, RSVD (bit 3) is 1. QEMU 7.2 leaves P
 * clear (error code 0x8): the error code is SDM-only, and all of it where
 * QEMU does not check the bit at all (sdm_all). */
static void expect_rsvd_pf(const char *what, uint32_t va, int sdm_all)
{
    probe_read32(va);
    check_trap(what, sdm_all, 14, TRAP_ANY, (uint32_t)probe_read32_insn);
    check_eq_sdm(bm_name(what, ".err"), trap_last.err, 0x9);
    (sdm_all ? check_eq_sdm : check_eq)(bm_name(what, ".cr2"), trap_last.cr2, va);
}

static void ad_checks(uint64_t *pdpt)
{
    uint64_t *pte = pae_pte(pdpt, VA_AD), *pde = pae_pde(pdpt, VA_AD);
    uint64_t *pde2m = pae_pde(pdpt, VA_AD2M);
    /* SDM 4.8: A is set in every entry used for a translation; D only in
     * the entry that maps the page, and only on a write. */
    probe_read32(VA_AD + 8);
    check_eq("pae.ad.read.pte.a", (uint32_t)*pte & PG_A, PG_A);
    check_eq("pae.ad.read.pte.d", (uint32_t)*pte & PG_D, 0);
    check_eq("pae.ad.read.pde.a", (uint32_t)*pde & PG_A, PG_A);
    probe_write32(VA_AD + 8, 1);
    check_eq("pae.ad.write.pte.d", (uint32_t)*pte & PG_D, PG_D);
    check_eq("pae.ad.write.pde.d", (uint32_t)*pde & PG_D, 0);
    probe_read32(VA_AD2M + 0x1000);
    check_eq("pae.ad.read.2m.a", (uint32_t)*pde2m & PG_A, PG_A);
    check_eq("pae.ad.read.2m.d", (uint32_t)*pde2m & PG_D, 0);
    probe_write32(VA_AD2M + 0x1000, 2);
    check_eq("pae.ad.write.2m.d", (uint32_t)*pde2m & PG_D, PG_D);
}

void bm_main(void)
{
    uint32_t a, b, c, d;
    bm_require_cpuid(CPUID_PAE | CPUID_MSR, "cpuid.pae");
    cpuid(0x80000000, &a, &b, &c, &d);
    if (a >= 0x80000001)
        cpuid(0x80000001, &a, &b, &c, &d);
    else
        d = 0;
    /* CPUID.80000001H:EDX bit 20 is XD (SDM Vol. 2A, CPUID). */
    if (!check_true("cpuid.nx", d & (1u << 20), d, "bit 20"))
        bm_finish();

    uint64_t *pdpt = pae_new();
    pae_identity(pdpt, 4u << 20, PG_P | PG_W | PG_U);
    pae_map_2m(pdpt, VA_2M, PA_BIG, PG_P | PG_W);
    pae_map_2m(pdpt, VA_2M_NX, PA_BIG, PG_P | PG_W | PG_NX);
    uint32_t code = frame_alloc();
    *(volatile uint8_t *)code = 0xc3;                         /* ret */
    pae_map(pdpt, VA_PTE_NX, code, PG_P | PG_W | PG_NX);
    pae_map(pdpt, VA_PDE_NX, code, PG_P | PG_W);
    *pae_pde(pdpt, VA_PDE_NX) |= PG_NX;
    pae_map(pdpt, VA_USR_NX, code, PG_P | PG_W | PG_U | PG_NX);
    /* SDM 4.4.2, Tables 4-10/4-11: bits 51:MAXPHYADDR of a PTE and bits
     * 20:13 of a 2 MiB PDE are reserved. */
    pae_map(pdpt, VA_RSVD, code, PG_P | PG_W | (1ull << 51));
    pae_map_2m(pdpt, VA_RSVD2M, PA_BIG, PG_P | PG_W | (1u << 13));
    pae_map(pdpt, VA_AD, frame_alloc(), PG_P | PG_W);
    pae_map_2m(pdpt, VA_AD2M, PA_BIG, PG_P | PG_W);
    paging_on_pae(pdpt, 0, 1);
    check_eq("pae.cr4.pae", read_cr4() & CR4_PAE, CR4_PAE);
    check_eq("pae.efer.nxe", (uint32_t)rdmsr(0xc0000080) & (1u << 11), 1u << 11);

    /* 2 MiB translation: bits 20:0 of the address are the page offset. */
    probe_write32(VA_2M + 0x1ff004, 0x11223344);
    *(volatile uint32_t *)(VA_2M + 0x100) = 0x90c3c3c3;       /* ret ... */
    check_eq("pae.2m.write.nofault", trap_last.vector, TRAP_NONE);
    check_eq("pae.2m.alias.read", probe_read32(VA_2M_NX + 0x1ff004), 0x11223344);
    check_eq("pae.2m.nx.read.nofault", trap_last.vector, TRAP_NONE);
    probe_call((void (*)(void))(VA_2M + 0x100));
    check_eq("pae.2m.exec.nofault", trap_last.vector, TRAP_NONE);

    expect_fetch_pf("pae.nx.2m.fetch", VA_2M_NX + 0x100, 0x11, 0);
    expect_fetch_pf("pae.nx.pte.fetch", VA_PTE_NX, 0x11, 0);
    expect_fetch_pf("pae.nx.pde.fetch", VA_PDE_NX, 0x11, 0);
    expect_fetch_pf("pae.nx.user.fetch", VA_USR_NX, 0x15, 1);
    expect_fetch_pf("pae.notpresent.fetch", VA_NONE + 0x40, 0x10, 0);
    check_eq("pae.nx.pde.read", probe_read32(VA_PDE_NX) & 0xff, 0xc3);
    expect_rsvd_pf("pae.rsvd.pte.read", VA_RSVD + 4, 0);
    expect_rsvd_pf("pae.rsvd.2m.read", VA_RSVD2M + 4, 0);
    ad_checks(pdpt);

    /* SDM 4.4.2: with IA32_EFER.NXE = 0, bit 63 (XD) is reserved. */
    wrmsr(0xc0000080, rdmsr(0xc0000080) & ~(1ull << 11));
    write_cr3(read_cr3());
    expect_rsvd_pf("pae.nxe0.xd_is_rsvd.read", VA_PTE_NX, 0);
    /* And a fetch fault has no I/D bit when NXE = 0 (SDM 4.7). */
    expect_fetch_pf("pae.nxe0.notpresent.fetch", VA_NONE + 0x80, 0x0, 0);
}
