/* I/O permission at CPL 3 with IOPL 0 (SDM Vol. 1, 19.5.2 "I/O Permission
 * Bit Map" and Vol. 3A, 6.15 #GP): a port is allowed only when every bit of
 * the accessed ports is 0 in the TSS bitmap and within the TSS limit; with
 * IOPL 3 the bitmap is not consulted. CLI at CPL 3 > IOPL is #GP(0) and
 * POPF silently keeps IF (Vol. 2B, CLI and POPF). Port 0x3ff is COM1's
 * scratch register: a byte written there reads back. */
#include <stddef.h>
#include "bm.h"

#define PORT_OK   0x3ff
#define PORT_NO   0x3fe

static volatile struct { uint32_t vector, err, eip; } rec[8];
static volatile uint32_t readback, if_after_popf;

__asm__(
    ".text\n"
    "io_out_ok:\n\tmov $0x5a, %al\n\tmov $0x3ff, %dx\n\toutb %al, %dx\n\tret\n"
    "io_in_ok:\n\tmov $0x3ff, %dx\n\tinb %dx, %al\n\tmovzbl %al, %eax\n\tmov %eax, readback\n\tret\n"
    "io_in_no:\n\tmov $0x3fe, %dx\n"
    "io_in_no_insn:\n\tinb %dx, %al\n\tret\n"
    "io_inw_span:\n\tmov $0x5ff, %dx\n"
    "io_inw_span_insn:\n\tinw %dx, %ax\n\tret\n"
    "io_imm_no:\n"
    "io_imm_no_insn:\n\tinb $0x80, %al\n\tret\n"
    "io_cli:\n"
    "io_cli_insn:\n\tcli\n\tret\n"
    "io_popf:\n\tpushf\n\tandl $~0x200, (%esp)\n\tpopf\n\tpushf\n\tpopl if_after_popf\n\tret\n"
    "io_beyond:\n\tmov $0x400, %dx\n"
    "io_beyond_insn:\n\tinb %dx, %al\n\tret\n");
void io_out_ok(void), io_in_ok(void), io_in_no(void), io_inw_span(void), io_imm_no(void);
void io_cli(void), io_popf(void), io_beyond(void);
extern uint8_t io_in_no_insn[], io_inw_span_insn[], io_imm_no_insn[], io_cli_insn[];
extern uint8_t io_beyond_insn[];

static void (*const user_fns[])(void) = {
    io_out_ok, io_in_ok, io_in_no, io_inw_span, io_imm_no, io_cli, io_popf, io_beyond,
};

static uint32_t user_all(void)
{
    for (unsigned i = 0; i < sizeof(user_fns) / sizeof(user_fns[0]); i++) {
        probe_call(user_fns[i]);
        rec[i].vector = trap_last.vector;
        rec[i].err = trap_last.err;
        rec[i].eip = trap_last.eip;
    }
    return 0;
}

static void check_rec(const char *what, int i, uint32_t vector, uint8_t *insn)
{
    check_eq(bm_name(what, ".vector"), rec[i].vector, vector);
    if (vector != TRAP_NONE) {
        check_eq(bm_name(what, ".err"), rec[i].err, 0);
        check_eq(bm_name(what, ".eip"), rec[i].eip, (uint32_t)insn);
    }
}

static void set_iomap(uint16_t port, int allowed)
{
    if (allowed)
        bm_tss.iomap[port >> 3] &= ~(1 << (port & 7));
    else
        bm_tss.iomap[port >> 3] |= 1 << (port & 7);
}

/* A new TSS limit needs a new LTR (the limit is cached in TR), which needs
 * the descriptor not busy (SDM Vol. 3A, 7.2.4). */
static void reload_tr(uint32_t limit)
{
    gdt_set(SEL_TSS >> 3, (uint32_t)&bm_tss, limit, 0x89, 0);
    __asm__ volatile("ltr %w0" :: "r"(SEL_TSS));
}

void bm_main(void)
{
    set_iomap(PORT_OK, 1);
    set_iomap(PORT_NO, 0);
    set_iomap(0x5ff, 1);
    outb(PORT_OK, 0);

    /* IOPL 0 (EFLAGS 0x202). */
    run_user(user_all, 0x202);
    check_rec("io.iopl0.out_allowed", 0, TRAP_NONE, 0);
    check_eq("io.iopl0.out_allowed.scratch", inb(PORT_OK), 0x5a);
    check_rec("io.iopl0.in_allowed", 1, TRAP_NONE, 0);
    check_eq("io.iopl0.in_allowed.value", readback, 0x5a);
    check_rec("io.iopl0.in_denied", 2, 13, io_in_no_insn);
    /* A word at 0x5ff (allowed) also needs port 0x600, whose bit is set.
     * (Not 0x3ff: QEMU 7.2 aborts on a word access to its 16550.) */
    check_rec("io.iopl0.inw_spanning_denied", 3, 13, io_inw_span_insn);
    check_rec("io.iopl0.in_imm_denied", 4, 13, io_imm_no_insn);
    check_rec("io.iopl0.cli", 5, 13, io_cli_insn);
    check_rec("io.iopl0.popf", 6, TRAP_NONE, 0);
    check_eq("io.iopl0.popf.if_kept", if_after_popf & EFL_IF, EFL_IF);

    /* Port 0x400 allowed in the bitmap but past the TSS limit. The CPU
     * reads the two bitmap bytes at base + port / 8 (Vol. 1, 19.5.2): with
     * the limit at byte 0x80 port 0x3ff (bytes 0x7f-0x80) is checked in
     * the map and port 0x400 (bytes 0x80-0x81) is past the limit. */
    set_iomap(0x400, 1);
    run_user(user_all, 0x202);
    check_rec("io.iopl0.in_0x400_allowed", 7, TRAP_NONE, 0);
    reload_tr(offsetof(struct tss, iomap) + (0x400 >> 3));
    run_user(user_all, 0x202);
    check_rec("io.iopl0.beyond_tss_limit", 7, 13, io_beyond_insn);
    check_rec("io.iopl0.in_allowed_within_limit", 1, TRAP_NONE, 0);
    reload_tr(sizeof(bm_tss) - 1);

    /* IOPL 3: no bitmap check, CLI and POPF act. */
    outb(PORT_OK, 0);
    run_user(user_all, 0x3202);
    check_rec("io.iopl3.in_denied_port", 2, TRAP_NONE, 0);
    check_rec("io.iopl3.inw_spanning", 3, TRAP_NONE, 0);
    check_rec("io.iopl3.cli", 5, TRAP_NONE, 0);
    check_eq("io.iopl3.popf.if_cleared", if_after_popf & EFL_IF, 0);
}
