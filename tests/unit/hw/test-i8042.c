/*
 * The keyboard controller and port 0x92 through their ports (IBM PC/AT
 * Technical Reference, "Keyboard Controller" commands and status; the PS/2
 * keyboard command set: ACK 0xFA, BAT 0xAA, echo, identify AB 83 / AB 41
 * translated; port 0x92 per the PS/2 system control port A).
 */
#include <criterion/criterion.h>
#include <stdio.h>

#include "hw-test-bus.h"
#include "hw/input/i8042.h"
#include "hw/misc/port92.h"

static TestLine kbd, aux, a20, rst;
static I8042State *kbc;

static void setup_kbc(void)
{
    bus_reset();
    test_line_init(&kbd);
    test_line_init(&aux);
    test_line_init(&a20);
    test_line_init(&rst);
    kbc = hw_i8042_init(kbd.line, aux.line, a20.line, rst.line);
}

static uint8_t read_data(void)
{
    return inb(0x60);
}

Test(i8042, self_tests_and_command_byte)
{
    setup_kbc();
    HW_CHECK("status: nothing to read, system flag, unlocked", inb(0x64) & 0x15, 0x14);
    outb(0x64, 0xaa);
    HW_CHECK("status OBF after self-test", inb(0x64) & 0x01, 0x01);
    HW_CHECK("status CMD bit after a write to 0x64", inb(0x64) & 0x08, 0x08);
    HW_CHECK("self-test result", read_data(), 0x55);
    HW_CHECK("status OBF clear after the read", inb(0x64) & 0x01, 0x00);
    outb(0x64, 0xab);
    HW_CHECK("keyboard interface test: no error", read_data(), 0x00);
    outb(0x64, 0x20);
    HW_CHECK("command byte: INT, INT2, SYS, XLATE", read_data(), 0x47);
    outb(0x64, 0x60);
    outb(0x60, 0x64);
    outb(0x64, 0x20);
    HW_CHECK("command byte written with 0x60", read_data(), 0x64);
    outb(0x64, 0xad);
    outb(0x64, 0x20);
    HW_CHECK("0xAD sets the keyboard-disable bit", read_data() & 0x10, 0x10);
    outb(0x64, 0xae);
    outb(0x64, 0x20);
    HW_CHECK("0xAE clears it", read_data() & 0x10, 0x00);
}

Test(i8042, keyboard_commands)
{
    setup_kbc();
    outb(0x60, 0xff);               /* reset */
    HW_CHECK("IRQ1 for the ACK", kbd.level, 1);
    HW_CHECK("reset: ACK", read_data(), 0xfa);
    HW_CHECK("IRQ1 raised again for the BAT code", kbd.rises, 2);
    HW_CHECK("reset: BAT passed", read_data(), 0xaa);
    HW_CHECK("IRQ1 low with nothing left", kbd.level, 0);
    outb(0x60, 0xee);
    HW_CHECK("echo", read_data(), 0xee);
    outb(0x60, 0xf2);
    HW_CHECK("identify: ACK", read_data(), 0xfa);
    HW_CHECK("identify: 0xAB", read_data(), 0xab);
    HW_CHECK("identify: 0x41 (translated 0x83)", read_data(), 0x41);
    outb(0x60, 0xf0);
    outb(0x60, 0x00);
    HW_CHECK("F0: ACK", read_data(), 0xfa);
    HW_CHECK("F0 00: ACK", read_data(), 0xfa);
    HW_CHECK("F0 00: set 2, translated (0x41)", read_data(), 0x41);
    outb(0x64, 0x60);
    outb(0x60, 0x05);               /* translation off */
    outb(0x60, 0xf0);
    outb(0x60, 0x01);
    read_data();
    read_data();
    outb(0x60, 0xf0);
    outb(0x60, 0x00);
    read_data();
    read_data();
    HW_CHECK("F0 01 then F0 00: set 1 untranslated", read_data(), 0x01);
    outb(0x60, 0xf2);
    read_data();
    read_data();
    HW_CHECK("identify untranslated: 0x83", read_data(), 0x83);
    outb(0x60, 0xed);
    HW_CHECK("set LEDs: ACK", read_data(), 0xfa);
    outb(0x60, 0x07);
    HW_CHECK("LED argument: ACK", read_data(), 0xfa);
    outb(0x60, 0xf4);
    HW_CHECK("enable scanning: ACK", read_data(), 0xfa);
    outb(0x60, 0x12);
    HW_CHECK("unknown command: resend", read_data(), 0xfe);
    outb(0x64, 0x60);
    outb(0x60, 0x04);               /* INT off */
    outb(0x60, 0xee);
    HW_CHECK("no IRQ1 with INT clear in the command byte", kbd.level, 0);
    HW_CHECK("but OBF set", inb(0x64) & 1, 1);
}

Test(i8042, output_port_a20_and_reset)
{
    setup_kbc();
    outb(0x64, 0xd0);
    HW_CHECK("output port: reset inactive, A20 on, buffer empty when read", read_data(), 0x03);
    outb(0x64, 0xd1);
    outb(0x60, 0x01);
    HW_CHECK("D1 with bit 1 clear: A20 line low", a20.level, 0);
    outb(0x64, 0xd1);
    outb(0x60, 0x03);
    HW_CHECK("D1 with bit 1 set: A20 line high", a20.level, 1);
    HW_CHECK("no reset yet", rst.rises, 0);
    outb(0x64, 0xdd);
    HW_CHECK("0xDD: A20 off", a20.level, 0);
    outb(0x64, 0xdf);
    HW_CHECK("0xDF: A20 on", a20.level, 1);
    outb(0x64, 0xfe);
    HW_CHECK("0xFE pulses the reset line", rst.rises, 1);
    outb(0x64, 0xff);
    HW_CHECK("0xFF pulses nothing", rst.rises, 1);
    outb(0x64, 0xd1);
    outb(0x60, 0x02);
    HW_CHECK("output port bit 0 cleared: reset", rst.rises, 2);
}

Test(i8042, aux_port_without_mouse)
{
    setup_kbc();
    outb(0x64, 0xa9);
    HW_CHECK("aux interface test: no error", read_data(), 0x00);
    outb(0x64, 0xd3);
    outb(0x60, 0x5a);
    HW_CHECK("aux loopback: AUX OBF", inb(0x64) & 0x21, 0x21);
    HW_CHECK("IRQ12 for aux data", aux.level, 1);
    HW_CHECK("IRQ1 stays low", kbd.level, 0);
    HW_CHECK("aux loopback byte", read_data(), 0x5a);
    outb(0x64, 0xd4);
    outb(0x60, 0xf2);
    HW_CHECK("to the absent mouse: timeout + aux data", inb(0x64) & 0x61, 0x61);
    read_data();
}

Test(port92, fast_a20_and_reset)
{
    setup_kbc();
    hw_port92_init(a20.line, rst.line);
    HW_CHECK("power-up: A20 on, as a BIOS leaves it", inb(0x92), 0x02);
    outb(0x92, 0x02);
    HW_CHECK("bit 1 enables A20", a20.level, 1);
    HW_CHECK("reads back", inb(0x92), 0x02);
    outb(0x92, 0x00);
    HW_CHECK("bit 1 clear disables A20", a20.level, 0);
    outb(0x92, 0x03);
    HW_CHECK("bit 0 0->1 resets", rst.rises, 1);
    HW_CHECK("bit 0 reads 0 after the reset", inb(0x92), 0x02);
}

Test(i8042, machine_reset)
{
    setup_kbc();
    outb(0x64, 0x60);
    outb(0x60, 0x00);
    outb(0x60, 0xee);
    i8042_reset(kbc);
    HW_CHECK("output buffer empty after reset", inb(0x64) & 1, 0);
    outb(0x64, 0x20);
    HW_CHECK("command byte back to 0x47", read_data(), 0x47);

    Port92State *p92 = hw_port92_init(a20.line, rst.line);
    outb(0x92, 0x00);
    port92_reset(p92);
    HW_CHECK("port 0x92 reads 0x02 (A20 on) after reset", inb(0x92), 0x02);
}
