/*
 * Devices wired as the PC board wires them (PIT -> 8259 IRQ0, RTC -> IRQ8
 * on the slave, UART -> IRQ4, 8259 -> LAPIC LINT0 in ExtINT mode -> CPU
 * INTR), and the CPU's acknowledge through apic_get_interrupt and
 * i8259_get_interrupt: the vectors a guest programmed come out.
 */
#include <criterion/criterion.h>
#include <stdio.h>

#include "hw-test-bus.h"
#include "hw/char/serial.h"
#include "hw/intc/apic.h"
#include "hw/intc/i8259.h"
#include "hw/rtc/mc146818.h"
#include "hw/timer/i8254.h"

static TestLine intr, nmi;
static APICState *apic;
static I8259State *pic;

static void setup_pc(void)
{
    bus_reset();
    test_line_init(&intr);
    test_line_init(&nmi);
    apic = hw_apic_init(0, intr.line, nmi.line);
    pic = hw_i8259_init(*apic_lint(apic, 0));
    hw_i8254_init(*i8259_input(pic, 0));
    hw_mc146818_init(*i8259_input(pic, 8));
    outb(0x20, 0x11); outb(0x21, 0x30); outb(0x21, 0x04); outb(0x21, 0x01);
    outb(0xa0, 0x11); outb(0xa1, 0x38); outb(0xa1, 0x02); outb(0xa1, 0x01);
    outb(0x21, 0x00);
    outb(0xa1, 0x00);
}

/* The CPU's side of an interrupt: the board's get_intr_vector. */
static int cpu_acknowledge(void)
{
    int v = apic_get_interrupt(apic);
    return v == APIC_INTR_EXTINT ? i8259_get_interrupt(pic) : v;
}

Test(wiring, pit_through_pic_and_lapic)
{
    setup_pc();
    outb(0x43, 0x34);               /* 1000 Hz: 1193 clocks */
    outb(0x40, 1193 & 0xff);
    outb(0x40, 1193 >> 8);
    int taken = 0;
    for (int64_t t = 100000; t <= 10000000; t += 100000) {
        bus_set_time(t);
        if (intr.level) {
            HW_CHECK("vector for IRQ0", cpu_acknowledge(), 0x30);
            outb(0x20, 0x20);
            taken++;
        }
    }
    HW_CHECK("timer interrupts in 10 ms at 1000 Hz", taken, 10);
    /* The LAPIC's own timer is acknowledged before the 8259's request. */
    mmio_write32(APIC_DEFAULT_BASE + 0xf0, 0x1ff);
    mmio_write32(APIC_DEFAULT_BASE + 0x3e0, 0xb);
    mmio_write32(APIC_DEFAULT_BASE + 0x320, 0xec);
    mmio_write32(APIC_DEFAULT_BASE + 0x380, 500000);
    bus_set_time(11000000);           /* LAPIC at 10.5 ms, PIT at 10.998 ms */
    HW_CHECK("INTR with both pending", intr.level, 1);
    HW_CHECK("LAPIC timer vector first", cpu_acknowledge(), 0xec);
    mmio_write32(APIC_DEFAULT_BASE + 0xb0, 0);
    HW_CHECK("then the PIT through ExtINT", cpu_acknowledge(), 0x30);
}

Test(wiring, rtc_through_the_slave)
{
    setup_pc();
    outb(0x21, 0x01);               /* mask the PIT */
    outb(0x70, 0x0a); outb(0x71, 0x26);
    outb(0x70, 0x0b); outb(0x71, 0x42);   /* PIE at 1024 Hz */
    bus_set_time(1000000);
    HW_CHECK("INTR from the RTC", intr.level, 1);
    HW_CHECK("vector for IRQ8 (slave base 0x38)", cpu_acknowledge(), 0x38);
    outb(0x70, 0x0c);
    HW_CHECK("register C: IRQF | PF", inb(0x71), 0xc0);
    outb(0xa0, 0x20);
    outb(0x20, 0x20);
    HW_CHECK("INTR low after EOIs and register C read", intr.level, 0);
}

Test(wiring, uart_on_irq4)
{
    static Chardev chr;
    setup_pc();
    outb(0x21, 0x01);
    test_chardev_reset(&chr);
    hw_serial_init(0x3f8, *i8259_input(pic, 4), &chr);
    outb(0x3f9, 0x01);              /* RX interrupt */
    test_chardev_send(&chr, (const uint8_t *)"k", 1);
    HW_CHECK("INTR from the UART", intr.level, 1);
    HW_CHECK("vector for IRQ4", cpu_acknowledge(), 0x34);
    HW_CHECK("received byte", inb(0x3f8), 'k');
}
