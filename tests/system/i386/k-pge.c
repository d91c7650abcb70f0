/* Global pages (SDM Vol. 3A, 4.10.2.4 and 4.10.4.1): with CR4.PGE = 1 a
 * MOV to CR3 invalidates every non-global translation and may keep global
 * ones; INVLPG drops a global one; toggling CR4.PGE drops all. Each test
 * reads a page (cached), repoints its PTE to a second frame without
 * invalidation, then does the operation and reads again. */
#include "bm.h"

/* Chosen so that a small direct-mapped TLB (256/1024 entries) does not put
 * them in the same slot as the kernel's code, data and stack pages. */
#define VA_G  0x400fe000u
#define VA_N  0x400fd000u

static uint32_t frame_a, frame_b, frame_c, frame_d;
static uint32_t *pte_g, *pte_n;

static void setup(uint32_t g_flag)
{
    *pte_g = frame_a | PG_P | PG_W | g_flag;
    *pte_n = frame_c | PG_P | PG_W;
    invlpg(VA_G);
    invlpg(VA_N);
}

/* No output between the caching read and the second read. */
static __attribute__((noinline)) void repoint_and_reload(uint32_t *g_after, uint32_t *n_after)
{
    (void)*(volatile uint32_t *)VA_G;
    (void)*(volatile uint32_t *)VA_N;
    *pte_g = (*pte_g & 0xfff) | frame_b;
    *pte_n = (*pte_n & 0xfff) | frame_d;
    write_cr3(read_cr3());
    *g_after = *(volatile uint32_t *)VA_G;
    *n_after = *(volatile uint32_t *)VA_N;
}

void bm_main(void)
{
    uint32_t g, n;
    bm_require_cpuid(CPUID_PGE, "cpuid.pge");
    frame_a = frame_alloc();
    frame_b = frame_alloc();
    frame_c = frame_alloc();
    frame_d = frame_alloc();
    *(uint32_t *)frame_a = 0xaaaa;
    *(uint32_t *)frame_b = 0xbbbb;
    *(uint32_t *)frame_c = 0xcccc;
    *(uint32_t *)frame_d = 0xdddd;
    uint32_t *dir = pt2_new();
    pt2_identity(dir, 4u << 20, PG_P | PG_W | PG_U);
    pt2_map(dir, VA_G, frame_a, PG_P | PG_W);
    pt2_map(dir, VA_N, frame_c, PG_P | PG_W);
    pte_g = pt2_pte(dir, VA_G);
    pte_n = pt2_pte(dir, VA_N);
    paging_on_2level(dir, CR4_PGE);

    setup(PG_G);
    repoint_and_reload(&g, &n);
    check_eq("pge.cr3.nonglobal_flushed", n, 0xdddd);
    /* The SDM allows a global translation to survive MOV to CR3 without
     * requiring it; Mimic keeps it (issue 7), QEMU 7.2 flushes it. */
    check_eq_sdm("pge.cr3.global_kept", g, 0xaaaa);
    invlpg(VA_G);
    check_eq("pge.invlpg.global_dropped", *(volatile uint32_t *)VA_G, 0xbbbb);

    /* MOV to CR4 that changes PGE invalidates global translations too. */
    setup(PG_G);
    (void)*(volatile uint32_t *)VA_G;
    *pte_g = (*pte_g & 0xfff) | frame_b;
    write_cr4(read_cr4() & ~CR4_PGE);
    write_cr4(read_cr4() | CR4_PGE);
    check_eq("pge.cr4_toggle.global_dropped", *(volatile uint32_t *)VA_G, 0xbbbb);

    /* With CR4.PGE = 0 the G bit is ignored: MOV to CR3 flushes it. */
    write_cr4(read_cr4() & ~CR4_PGE);
    setup(PG_G);
    repoint_and_reload(&g, &n);
    check_eq("pge.off.cr3.g_bit_ignored", g, 0xbbbb);
    check_eq("pge.off.cr3.nonglobal_flushed", n, 0xdddd);

    /* A non-global PTE does not survive MOV to CR3 with PGE on either. */
    write_cr4(read_cr4() | CR4_PGE);
    setup(0);
    repoint_and_reload(&g, &n);
    check_eq("pge.cr3.nonglobal_g_clear_flushed", g, 0xbbbb);
}
