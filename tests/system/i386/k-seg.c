/* Segment faults (SDM Vol. 3A, 5.3-5.6 and 6.15): selector checks when
 * loading DS/SS (#GP(sel), #NP(sel), #SS(sel)), far JMP to a data segment,
 * privilege (RPL/DPL) checks, and the access checks of a loaded segment:
 * limit (#GP(0), and #SS(0) for the stack), read-only writes, expand-down
 * segments and a null DS.
 * QEMU 7.2 (TCG) does not check limits, write permission or a null
 * selector on data accesses: those checks are SDM-only. */
#include "bm.h"

#define SEL_LIM    ((GDT_FREE + 0) << 3)   /* data RW, base scratch, limit 0xfff */
#define SEL_RO     ((GDT_FREE + 1) << 3)   /* data read-only, flat */
#define SEL_XO     ((GDT_FREE + 2) << 3)   /* code execute-only, flat */
#define SEL_NP     ((GDT_FREE + 3) << 3)   /* data RW, not present */
#define SEL_ULIM   ((GDT_FREE + 4) << 3)   /* DPL 3 data RW, base scratch, limit 0xfff */
#define SEL_DOWN   ((GDT_FREE + 5) << 3)   /* data RW expand-down, limit 0xfff, B = 1 */
#define SEL_BEYOND (GDT_ENTRIES << 3)      /* past the GDT limit */

static uint8_t scratch[8192] __attribute__((aligned(4096)));
static volatile uint16_t load_sel;

/* Each helper loads a segment register (and maybe accesses through it),
 * then restores the flat one; a fault skips the rest (probe_call). */
__asm__(
    ".text\n"
    "load_ds:\n\t"
    "mov load_sel, %ax\n"
    "load_ds_insn:\n\t"
    "mov %ax, %ds\n\t"
    "mov $0x10, %ax\n\tmov %ax, %ds\n\tret\n"
    "load_ss:\n\t"
    "mov load_sel, %ax\n"
    "load_ss_insn:\n\t"
    "mov %ax, %ss\n\t"
    "mov $0x10, %ax\n\tmov %ax, %ss\n\tret\n"
    "ljmp_data:\n"
    "ljmp_data_insn:\n\t"
    "ljmp $0x10, $0\n\tret\n"
    "lim_read_in:\n\t"
    "mov $" "0x38" ", %ax\n\tmov %ax, %ds\n\t"
    "mov 0xffc, %eax\n\t"
    "mov $0x10, %cx\n\tmov %cx, %ds\n\tret\n"
    "lim_read_out:\n\t"
    "mov $0x38, %ax\n\tmov %ax, %ds\n"
    "lim_read_out_insn:\n\t"
    "mov 0xffe, %eax\n\t"
    "mov $0x10, %cx\n\tmov %cx, %ds\n\tret\n"
    "ro_write:\n\t"
    "mov $0x40, %ax\n\tmov %ax, %es\n"
    "ro_write_insn:\n\t"
    "movl $1, %es:scratch\n\t"
    "mov $0x10, %ax\n\tmov %ax, %es\n\tret\n"
    "null_read:\n\t"
    "xor %eax, %eax\n\tmov %ax, %es\n"
    "null_read_insn:\n\t"
    "mov %es:scratch, %eax\n\t"
    "mov $0x10, %ax\n\tmov %ax, %es\n\tret\n"
    "down_in:\n\t"
    "mov $0x60, %ax\n\tmov %ax, %es\n\t"
    "mov %es:0x1000, %eax\n\t"
    "mov $0x10, %cx\n\tmov %cx, %es\n\tret\n"
    "down_out:\n\t"
    "mov $0x60, %ax\n\tmov %ax, %es\n"
    "down_out_insn:\n\t"
    "mov %es:0x800, %eax\n\t"
    "mov $0x10, %cx\n\tmov %cx, %es\n\tret\n"
    /* CPL 3: SS limit. ESP = 0x1002: the push writes 0xffe-0x1001. */
    "user_ss_limit:\n\t"
    "mov %esp, %edx\n\t"
    "mov $0x5b, %ax\n\tmov %ax, %ss\n\tmov $0x1002, %esp\n"
    "user_ss_limit_insn:\n\t"
    "push %eax\n\t"
    "mov $0x23, %ax\n\tmov %ax, %ss\n\tmov %edx, %esp\n\tret\n"
    "user_load_kdata:\n\t"
    "mov $0x13, %ax\n"
    "user_load_kdata_insn:\n\t"
    "mov %ax, %ds\n\t"
    "mov $0x23, %ax\n\tmov %ax, %ds\n\tret\n");

void load_ds(void), load_ss(void), ljmp_data(void), lim_read_in(void), lim_read_out(void);
void ro_write(void), null_read(void), down_in(void), down_out(void);
void user_ss_limit(void), user_load_kdata(void);
extern uint8_t load_ds_insn[], load_ss_insn[], ljmp_data_insn[], lim_read_out_insn[];
extern uint8_t ro_write_insn[], null_read_insn[], down_out_insn[], user_ss_limit_insn[];
extern uint8_t user_load_kdata_insn[];

static void try_load(const char *what, void (*fn)(void), uint8_t *insn, uint16_t sel,
                     uint32_t vector, uint32_t err)
{
    load_sel = sel;
    probe_call(fn);
    check_trap(what, 0, vector, err, vector == TRAP_NONE ? TRAP_ANY : (uint32_t)insn);
}

static volatile struct trap_record user_rec;
static void (*user_fn)(void);
static uint32_t user_probe(void)
{
    probe_call(user_fn);
    user_rec.vector = trap_last.vector;
    user_rec.err = trap_last.err;
    user_rec.eip = trap_last.eip;
    return 0;
}

static void user_try(const char *what, void (*fn)(void), uint8_t *insn, uint32_t vector,
                     uint32_t err, int sdm_only)
{
    user_fn = fn;
    run_user(user_probe, 0x2);
    int (*chk)(const char *, uint32_t, uint32_t) = sdm_only ? check_eq_sdm : check_eq;
    chk(bm_name(what, ".vector"), user_rec.vector, vector);
    chk(bm_name(what, ".err"), user_rec.err, err);
    chk(bm_name(what, ".eip"), user_rec.eip, (uint32_t)insn);
}

void bm_main(void)
{
    uint32_t s = (uint32_t)scratch;
    /* Access bytes and flags: SDM 3.4.5, Table 3-1. */
    gdt_set(SEL_LIM >> 3, s, 0xfff, 0x92, 0x4);
    gdt_set(SEL_RO >> 3, 0, 0xfffff, 0x90, 0xc);
    gdt_set(SEL_XO >> 3, 0, 0xfffff, 0x98, 0xc);
    gdt_set(SEL_NP >> 3, 0, 0xfffff, 0x12, 0xc);
    gdt_set(SEL_ULIM >> 3, s, 0xfff, 0xf2, 0x4);
    gdt_set(SEL_DOWN >> 3, s - 0x1000, 0xfff, 0x96, 0x4);
    check_eq("seg.sel.lim", SEL_LIM, 0x38);
    check_eq("seg.sel.ro", SEL_RO, 0x40);
    check_eq("seg.sel.ulim", SEL_ULIM | 3, 0x5b);
    check_eq("seg.sel.down", SEL_DOWN, 0x60);
    scratch[0xffc] = 0x44;

    /* Loads (5.4.1, 6.15 #GP/#NP/#SS "MOV to segment register"). */
    try_load("seg.load_ds.flat", load_ds, load_ds_insn, SEL_KDATA, TRAP_NONE, TRAP_ANY);
    try_load("seg.load_ds.readable_code", load_ds, load_ds_insn, SEL_KCODE, TRAP_NONE, TRAP_ANY);
    try_load("seg.load_ds.null", load_ds, load_ds_insn, 0, TRAP_NONE, TRAP_ANY);
    try_load("seg.load_ds.exec_only", load_ds, load_ds_insn, SEL_XO, 13, SEL_XO);
    try_load("seg.load_ds.tss", load_ds, load_ds_insn, SEL_TSS, 13, SEL_TSS);
    try_load("seg.load_ds.beyond_gdt", load_ds, load_ds_insn, SEL_BEYOND, 13, SEL_BEYOND);
    try_load("seg.load_ds.rpl3_dpl0", load_ds, load_ds_insn, SEL_KDATA | 3, 13, SEL_KDATA);
    try_load("seg.load_ds.not_present", load_ds, load_ds_insn, SEL_NP, 11, SEL_NP);
    try_load("seg.load_ss.read_only", load_ss, load_ss_insn, SEL_RO, 13, SEL_RO);
    try_load("seg.load_ss.code", load_ss, load_ss_insn, SEL_KCODE, 13, SEL_KCODE);
    try_load("seg.load_ss.null", load_ss, load_ss_insn, 0, 13, 0);
    try_load("seg.load_ss.not_present", load_ss, load_ss_insn, SEL_NP, 12, SEL_NP);
    /* 6.15 #GP: far JMP to a data segment, error code the selector. */
    try_load("seg.ljmp.data", ljmp_data, ljmp_data_insn, 0, 13, SEL_KDATA);

    /* Accesses through a loaded segment (5.3, 5.4). */
    probe_call(lim_read_in);
    check_eq("seg.limit.read_last_dword.nofault", trap_last.vector, TRAP_NONE);
    probe_call(lim_read_out);
    check_trap("seg.limit.read_past", 1, 13, 0, (uint32_t)lim_read_out_insn);
    probe_call(ro_write);
    check_trap("seg.read_only.write", 1, 13, 0, (uint32_t)ro_write_insn);
    probe_call(null_read);
    check_trap("seg.null.read", 1, 13, 0, (uint32_t)null_read_insn);
    probe_call(down_in);
    check_eq("seg.expand_down.above_limit.nofault", trap_last.vector, TRAP_NONE);
    probe_call(down_out);
    check_trap("seg.expand_down.at_limit", 1, 13, 0, (uint32_t)down_out_insn);

    /* CPL 3: DS with a DPL 0 segment is #GP(sel) (5.6); a push past the SS
     * limit is #SS(0) (5.3, 6.15 Interrupt 12). */
    user_try("seg.user.load_ds.dpl0", user_load_kdata, user_load_kdata_insn, 13, SEL_KDATA, 0);
    user_try("seg.user.ss_limit.push", user_ss_limit, user_ss_limit_insn, 12, 0, 1);
}
