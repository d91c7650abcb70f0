/* Page-table builders of the test kernels: a pool of zeroed 4 KiB frames
 * (identity-mapped kernel memory), 2-level tables with 4 KiB and PSE
 * 4 MiB pages (SDM Vol. 3A, 4.3) and PAE tables with 4 KiB and 2 MiB
 * pages and NX (SDM Vol. 3A, 4.4). */
#include "bm.h"

#define POOL_FRAMES 160
static uint8_t frame_pool[POOL_FRAMES][4096] __attribute__((aligned(4096)));
static unsigned frames_used;

uint32_t frame_alloc(void)
{
    if (frames_used == POOL_FRAMES) {
        bm_printf("FAIL frame pool exhausted\n");
        bm_exit(BM_EXIT_FAIL);
    }
    uint8_t *f = frame_pool[frames_used++];
    for (int i = 0; i < 4096; i++)
        f[i] = 0;
    return (uint32_t)f;
}

uint32_t *pt2_new(void)
{
    return (uint32_t *)frame_alloc();
}

void pt2_map(uint32_t *dir, uint32_t va, uint32_t pa, uint32_t flags)
{
    uint32_t *pde = &dir[va >> 22];
    if (!(*pde & PG_P) || (*pde & PG_PS))
        *pde = frame_alloc() | PG_P | PG_W | PG_U;
    uint32_t *pt = (uint32_t *)(*pde & ~0xfffu);
    pt[(va >> 12) & 0x3ff] = (pa & ~0xfffu) | flags;
}

void pt2_map_4m(uint32_t *dir, uint32_t va, uint32_t pa, uint32_t flags)
{
    dir[va >> 22] = (pa & 0xffc00000u) | flags | PG_PS;
}

uint32_t *pt2_pte(uint32_t *dir, uint32_t va)
{
    uint32_t pde = dir[va >> 22];
    if (!(pde & PG_P) || (pde & PG_PS))
        return 0;
    return &((uint32_t *)(pde & ~0xfffu))[(va >> 12) & 0x3ff];
}

void pt2_identity(uint32_t *dir, uint32_t bytes, uint32_t flags)
{
    for (uint32_t a = 0; a < bytes; a += 4096)
        pt2_map(dir, a, a, flags);
}

void paging_on_2level(uint32_t *dir, uint32_t cr4_bits)
{
    write_cr4((read_cr4() & ~CR4_PAE) | cr4_bits);
    write_cr3((uint32_t)dir);
    write_cr0(read_cr0() | CR0_PG);
}

void paging_off(void)
{
    write_cr0(read_cr0() & ~CR0_PG);
}

/* The PDPT holds only P (bits 1, 2, 5-8 are reserved: SDM 4.4.1). */
uint64_t *pae_new(void)
{
    uint64_t *pdpt = (uint64_t *)frame_alloc();
    for (int i = 0; i < 4; i++)
        pdpt[i] = frame_alloc() | PG_P;
    return pdpt;
}

uint64_t *pae_pde(uint64_t *pdpt, uint32_t va)
{
    uint64_t *pd = (uint64_t *)(uint32_t)(pdpt[va >> 30] & 0xfffff000u);
    return &pd[(va >> 21) & 0x1ff];
}

void pae_map(uint64_t *pdpt, uint32_t va, uint64_t pa, uint64_t flags)
{
    uint64_t *pde = pae_pde(pdpt, va);
    if (!(*pde & PG_P) || (*pde & PG_PS))
        *pde = frame_alloc() | PG_P | PG_W | PG_U;
    uint64_t *pt = (uint64_t *)(uint32_t)(*pde & 0xfffff000u);
    pt[(va >> 12) & 0x1ff] = (pa & ~0xfffull) | flags;
}

void pae_map_2m(uint64_t *pdpt, uint32_t va, uint64_t pa, uint64_t flags)
{
    *pae_pde(pdpt, va) = (pa & ~0x1fffffull) | flags | PG_PS;
}

uint64_t *pae_pte(uint64_t *pdpt, uint32_t va)
{
    uint64_t pde = *pae_pde(pdpt, va);
    if (!(pde & PG_P) || (pde & PG_PS))
        return 0;
    return &((uint64_t *)(uint32_t)(pde & 0xfffff000u))[(va >> 12) & 0x1ff];
}

void pae_identity(uint64_t *pdpt, uint32_t bytes, uint64_t flags)
{
    for (uint32_t a = 0; a < bytes; a += 4096)
        pae_map(pdpt, a, a, flags);
}

/* IA32_EFER (0xc0000080) bit 11 is NXE: SDM Vol. 3A, 4.1.4. */
void paging_on_pae(uint64_t *pdpt, uint32_t cr4_bits, int nxe)
{
    if (nxe)
        wrmsr(0xc0000080, rdmsr(0xc0000080) | (1u << 11));
    write_cr4(read_cr4() | CR4_PAE | cr4_bits);
    write_cr3((uint32_t)pdpt);
    write_cr0(read_cr0() | CR0_PG);
}
