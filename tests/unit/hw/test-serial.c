/*
 * The 16550A through its eight registers (TI PC16550D datasheet: "Register
 * Description", "FIFO Interrupt Mode Operation", "Interrupt Identification
 * Register" priorities, "Modem Control Register" loopback) with a fake
 * Chardev behind it.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "hw-test-bus.h"
#include "hw/char/serial.h"

#define COM1 0x3f8

static TestLine irq;
static Chardev chr;
static SerialState *uart;

static void setup_uart(void)
{
    bus_reset();
    test_line_init(&irq);
    test_chardev_reset(&chr);
    uart = hw_serial_init(COM1, irq.line, &chr);
}

static void send_bytes(const char *str, size_t expect_taken)
{
    size_t n = test_chardev_send(&chr, (const uint8_t *)str, strlen(str));
    HW_CHECK("bytes taken by the UART", n, expect_taken);
}

Test(serial, divisor_latch_and_scratch)
{
    setup_uart();
    outb(COM1 + 3, 0x83);           /* DLAB=1, 8N1 */
    outb(COM1 + 0, 0x01);
    outb(COM1 + 1, 0x02);
    HW_CHECK("DLL read back", inb(COM1 + 0), 0x01);
    HW_CHECK("DLM read back", inb(COM1 + 1), 0x02);
    outb(COM1 + 3, 0x03);
    HW_CHECK("LCR read back", inb(COM1 + 3), 0x03);
    HW_CHECK("IER (not DLM) with DLAB=0", inb(COM1 + 1), 0x00);
    outb(COM1 + 7, 0x5a);
    HW_CHECK("scratch register", inb(COM1 + 7), 0x5a);
}

Test(serial, fifo_identification_and_transmit)
{
    setup_uart();
    HW_CHECK("IIR without FIFO, no interrupt", inb(COM1 + 2), 0x01);
    outb(COM1 + 2, 0xc7);           /* enable + clear FIFOs, trigger 14 */
    HW_CHECK("IIR bits 7:6 = 11 with FIFOs enabled (16550A)", inb(COM1 + 2), 0xc1);
    outb(COM1, 'h');
    outb(COM1, 'i');
    HW_CHECK("bytes written to the chardev", chr.out_len, 2);
    HW_CHECK("chardev got 'hi'", memcmp(chr.out, "hi", 2), 0);
    HW_CHECK("LSR: THRE and TEMT, no data", inb(COM1 + 5), 0x60);
}

Test(serial, thre_interrupt)
{
    setup_uart();
    outb(COM1 + 2, 0x01);
    outb(COM1 + 1, 0x02);           /* ETBEI with THR empty: interrupt now */
    HW_CHECK("IRQ after enabling THRI", irq.level, 1);
    HW_CHECK("IIR: THR empty", inb(COM1 + 2), 0xc2);
    HW_CHECK("IRQ after IIR read cleared THRE", irq.level, 0);
    HW_CHECK("IIR after the read", inb(COM1 + 2), 0xc1);
    outb(COM1, 'x');
    HW_CHECK("IRQ again after a THR write (sent at once)", irq.level, 1);
    outb(COM1 + 1, 0x00);
    HW_CHECK("IRQ with IER cleared", irq.level, 0);
}

Test(serial, rx_trigger_level)
{
    setup_uart();
    outb(COM1 + 2, 0x81);           /* FIFO, trigger level 8 */
    outb(COM1 + 1, 0x01);           /* ERBFI */
    send_bytes("abcdefg", 7);
    HW_CHECK("no RX interrupt below the trigger level (7 < 8)", irq.level, 0);
    HW_CHECK("LSR DR with data below the trigger", inb(COM1 + 5) & 1, 1);
    send_bytes("h", 1);
    HW_CHECK("RX interrupt at the trigger level", irq.level, 1);
    HW_CHECK("IIR: received data available", inb(COM1 + 2), 0xc4);
    char got[9] = { 0 };
    for (int i = 0; i < 8; i++) {
        got[i] = inb(COM1);
    }
    HW_CHECK("FIFO order preserved", strcmp(got, "abcdefgh"), 0);
    HW_CHECK("LSR DR clear after draining", inb(COM1 + 5) & 1, 0);
    HW_CHECK("IRQ after draining", irq.level, 0);
    send_bytes("0123456789abcdefXYZ", 16);   /* only 16 fit */
}

Test(serial, character_timeout)
{
    setup_uart();
    outb(COM1 + 3, 0x80);
    outb(COM1 + 0, 0x01);           /* 115200 baud */
    outb(COM1 + 1, 0x00);
    outb(COM1 + 3, 0x03);           /* 8N1: 10 bits a character */
    outb(COM1 + 2, 0x81);
    outb(COM1 + 1, 0x01);
    send_bytes("abc", 3);
    /* 4 character times = 40 bits at 115200 baud = 347.2 us. */
    bus_set_time(300000);
    HW_CHECK("no timeout before 4 character times", irq.level, 0);
    bus_set_time(400000);
    HW_CHECK("timeout interrupt after 4 character times", irq.level, 1);
    HW_CHECK("IIR: character timeout", inb(COM1 + 2), 0xcc);
    HW_CHECK("read a byte", inb(COM1), 'a');
    HW_CHECK("timeout cleared by the read", irq.level, 0);
    bus_set_time(800000);
    HW_CHECK("timeout again while data remains", inb(COM1 + 2), 0xcc);
}

Test(serial, loopback)
{
    setup_uart();
    outb(COM1 + 2, 0x01);
    outb(COM1 + 4, 0x1a);           /* LOOP | OUT2 | RTS (Linux's probe) */
    HW_CHECK("MSR in loopback: DCD+CTS from OUT2+RTS", inb(COM1 + 6) & 0xf0, 0x90);
    outb(COM1 + 4, 0x1f);
    HW_CHECK("MSR in loopback with all outputs", inb(COM1 + 6) & 0xf0, 0xf0);
    outb(COM1, 'Z');
    HW_CHECK("nothing sent to the chardev in loopback", chr.out_len, 0);
    HW_CHECK("LSR DR from the looped byte", inb(COM1 + 5) & 1, 1);
    HW_CHECK("RBR returns the looped byte", inb(COM1), 'Z');
    send_bytes("q", 0);
}

Test(serial, interrupt_priority)
{
    setup_uart();                   /* FIFOs off: 16450 mode */
    outb(COM1 + 4, 0x10);
    outb(COM1 + 1, 0x0f);           /* all sources */
    HW_CHECK("IIR: THRE first (nothing else)", inb(COM1 + 2), 0x02);
    outb(COM1, '1');                /* fills the one-byte RBR */
    outb(COM1, '2');                /* overrun */
    HW_CHECK("IIR: line status beats data and THRE", inb(COM1 + 2), 0x06);
    HW_CHECK("LSR: overrun and data ready", inb(COM1 + 5) & 0x03, 0x03);
    HW_CHECK("IIR: data available after LSR read", inb(COM1 + 2), 0x04);
    HW_CHECK("RBR keeps the first byte", inb(COM1), '1');
    HW_CHECK("IIR: THRE after reading the data", inb(COM1 + 2), 0x02);
    inb(COM1 + 6);
    outb(COM1 + 4, 0x12);           /* RTS toggles CTS: modem status */
    HW_CHECK("IIR: modem status last", inb(COM1 + 2), 0x00);
    HW_CHECK("MSR: CTS and DCTS", inb(COM1 + 6) & 0x11, 0x11);
    HW_CHECK("IIR: nothing after MSR read", inb(COM1 + 2), 0x01);
}

Test(serial, machine_reset)
{
    setup_uart();
    outb(COM1 + 2, 0xc7);
    outb(COM1 + 1, 0x02);
    outb(COM1 + 4, 0x1f);
    HW_CHECK("IRQ before reset", irq.level, 1);
    serial_reset(uart);
    HW_CHECK("IER 0 after reset", inb(COM1 + 1), 0x00);
    HW_CHECK("IIR: FIFOs off, no interrupt", inb(COM1 + 2), 0x01);
    HW_CHECK("MCR 0", inb(COM1 + 4), 0x00);
    HW_CHECK("IRQ low", irq.level, 0);
}
