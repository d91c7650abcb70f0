/* PSE 4 MiB pages of 2-level paging (SDM Vol. 3A, 4.3): the 22-bit page
 * offset, protection of a large page, and PS ignored when CR4.PSE = 0
 * (the PDE then points to a page table). */
#include "bm.h"

#define VA_4M    0x40000000u   /* -> PA 4 MiB, writable */
#define VA_4M_RO 0x40400000u   /* -> PA 4 MiB, read-only */
#define PA_4M    0x00400000u

void bm_main(void)
{
    bm_require_cpuid(CPUID_PSE, "cpuid.pse");
    uint32_t *dir = pt2_new();
    pt2_identity(dir, 8u << 20, PG_P | PG_W | PG_U);     /* PA 4-8 MiB visible too */
    pt2_map_4m(dir, VA_4M, PA_4M, PG_P | PG_W);
    pt2_map_4m(dir, VA_4M_RO, PA_4M, PG_P);
    paging_on_2level(dir, CR4_PSE);
    write_cr0(read_cr0() | CR0_WP);

    probe_write32(VA_4M + 0x3ff000 + 0x123 * 4, 0xcafe0001);
    check_eq("pse.write.nofault", trap_last.vector, TRAP_NONE);
    check_eq("pse.offset22.identity_read", probe_read32(PA_4M + 0x3ff000 + 0x123 * 4), 0xcafe0001);
    check_eq("pse.alias_ro.read", probe_read32(VA_4M_RO + 0x3ff000 + 0x123 * 4), 0xcafe0001);
    probe_write32(VA_4M_RO + 0x200000, 1);
    check_trap("pse.ro.write", 0, 14, 0x3, (uint32_t)probe_write32_insn);
    check_eq("pse.ro.write.cr2", trap_last.cr2, VA_4M_RO + 0x200000);

    /* CR4.PSE = 0: bit 7 of the PDE is ignored and the PDE's address
     * (PA 4 MiB) is a page table (SDM 4.3, Table 4-5). */
    uint32_t frame = frame_alloc();
    *(volatile uint32_t *)(frame + 8) = 0xbeef0005;
    *(volatile uint32_t *)(PA_4M + 5 * 4) = frame | PG_P | PG_W;
    write_cr4(read_cr4() & ~CR4_PSE);
    write_cr3(read_cr3());
    check_eq("pse.off.pde_is_table.read", probe_read32(VA_4M + 0x5000 + 8), 0xbeef0005);
    probe_read32(VA_4M + 0x6000);
    check_trap("pse.off.pte_not_present", 0, 14, 0x0, (uint32_t)probe_read32_insn);
    write_cr4(read_cr4() | CR4_PSE);
    write_cr3(read_cr3());
    check_eq("pse.on_again.read", probe_read32(VA_4M + 0x3ff000 + 0x123 * 4), 0xcafe0001);
}
