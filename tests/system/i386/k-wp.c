/* CR0.WP (SDM Vol. 3A, 4.6.1): with WP = 0 supervisor writes ignore the
 * R/W bit of supervisor and user pages; with WP = 1 they fault. CPL-3
 * writes to read-only pages fault whatever WP is. CR3 is reloaded after
 * each change of WP so no translation cached earlier is used (4.10.4.1). */
#include "bm.h"

#define VA_SUP_RO 0x40000000u
#define VA_USR_RO 0x40001000u

static uint32_t user_write(void)
{
    probe_write32(VA_USR_RO + 0x10, 0x77);
    return 0;
}

static void set_wp(int on)
{
    write_cr0(on ? read_cr0() | CR0_WP : read_cr0() & ~CR0_WP);
    write_cr3(read_cr3());
}

void bm_main(void)
{
    uint32_t *dir = pt2_new();
    pt2_identity(dir, 4u << 20, PG_P | PG_W | PG_U);
    pt2_map(dir, VA_SUP_RO, frame_alloc(), PG_P);
    pt2_map(dir, VA_USR_RO, frame_alloc(), PG_P | PG_U);
    paging_on_2level(dir, 0);

    set_wp(0);
    check_eq("wp0.cr0", read_cr0() & CR0_WP, 0);
    probe_write32(VA_SUP_RO, 0x11);
    check_eq("wp0.k.write.sup_ro.nofault", trap_last.vector, TRAP_NONE);
    check_eq("wp0.k.write.sup_ro.value", probe_read32(VA_SUP_RO), 0x11);
    probe_write32(VA_USR_RO, 0x22);
    check_eq("wp0.k.write.usr_ro.nofault", trap_last.vector, TRAP_NONE);
    check_eq("wp0.k.write.usr_ro.value", probe_read32(VA_USR_RO), 0x22);
    run_user(user_write, 0x2);
    check_trap("wp0.u.write.usr_ro", 0, 14, 0x7, (uint32_t)probe_write32_insn);

    set_wp(1);
    check_eq("wp1.cr0", read_cr0() & CR0_WP, CR0_WP);
    probe_write32(VA_SUP_RO, 0x33);
    check_trap("wp1.k.write.sup_ro", 0, 14, 0x3, (uint32_t)probe_write32_insn);
    check_eq("wp1.k.write.sup_ro.value", probe_read32(VA_SUP_RO), 0x11);
    probe_write32(VA_USR_RO, 0x44);
    check_trap("wp1.k.write.usr_ro", 0, 14, 0x3, (uint32_t)probe_write32_insn);
    check_eq("wp1.k.write.usr_ro.cr2", trap_last.cr2, VA_USR_RO);
    run_user(user_write, 0x2);
    check_trap("wp1.u.write.usr_ro", 0, 14, 0x7, (uint32_t)probe_write32_insn);

    set_wp(0);
    probe_write32(VA_SUP_RO, 0x55);
    check_eq("wp0_again.k.write.sup_ro.value", probe_read32(VA_SUP_RO), 0x55);
}
