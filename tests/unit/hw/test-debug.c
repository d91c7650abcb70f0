/*
 * isa-debug-exit and the 0xe9 debug console, against QEMU's documented
 * behaviour (qemu-system-i386 -device isa-debug-exit: status (v << 1) | 1;
 * -debugcon: bytes out, 0xe9 read back).
 */
#include <criterion/criterion.h>
#include <stdio.h>

#include "hw-test-bus.h"
#include "hw/char/debugcon.h"
#include "hw/misc/debugexit.h"

static int exit_status = -1, exit_calls;

static void record_exit(void *opaque, int status)
{
    exit_status = status;
    exit_calls++;
}

Test(debugexit, status_formula)
{
    bus_reset();
    hw_debugexit_init(0xf4, 1, record_exit, NULL);
    outb(0xf4, 0x00);
    HW_CHECK("write 0 -> status 1", exit_status, 1);
    outb(0xf4, 0x10);
    HW_CHECK("write 0x10 -> status 0x21", exit_status, 0x21);
    ioport_write(0xf4, 0x31, 4);
    HW_CHECK("32-bit write 0x31 -> status 0x63", exit_status, 0x63);
    HW_CHECK("one hook call per write", exit_calls, 3);
    HW_CHECK("port 0xf5 not claimed (iosize 1)", inb(0xf5), 0xff);
    hw_debugexit_init(0x501, 2, record_exit, NULL);
    outb(0x502, 0x02);
    HW_CHECK("second port of an iosize-2 device", exit_status, 5);
}

Test(debugcon, output_and_readback)
{
    static Chardev chr;
    bus_reset();
    test_chardev_reset(&chr);
    hw_debugcon_init(0xe9, &chr);
    outb(0xe9, 'o');
    outb(0xe9, 'k');
    HW_CHECK("bytes to the chardev", chr.out_len, 2);
    HW_CHECK("first byte", chr.out[0], 'o');
    HW_CHECK("second byte", chr.out[1], 'k');
    HW_CHECK("read returns 0xe9", inb(0xe9), 0xe9);
    hw_debugcon_init(0x402, NULL);
    outb(0x402, 'x');
    HW_CHECK("no chardev: dropped, read still 0xe9", inb(0x402), 0xe9);
}
