/*
 * The 8259A pair through its ports (Intel 8259A datasheet, order 231468):
 * initialization, priority, masking, EOI, cascade, AEOI, rotation, poll,
 * special mask mode, spurious IRQ7, edge/level via the ELCR.
 */
#include <criterion/criterion.h>
#include <stdio.h>

#include "hw-test-bus.h"
#include "hw/intc/i8259.h"

static TestLine intr;
static I8259State *pic;

/* Linux's init_8259A sequence: ICW1 edge+ICW4, ICW2 vector base, ICW3
 * cascade on IR2 / slave id 2, ICW4 8086 mode (auto_eoi adds AEOI). */
static void setup_pic(int auto_eoi)
{
    bus_reset();
    test_line_init(&intr);
    pic = hw_i8259_init(intr.line);
    outb(0x20, 0x11); outb(0x21, 0x30); outb(0x21, 0x04); outb(0x21, auto_eoi ? 0x03 : 0x01);
    outb(0xa0, 0x11); outb(0xa1, 0x38); outb(0xa1, 0x02); outb(0xa1, auto_eoi ? 0x03 : 0x01);
    outb(0x21, 0x00);
    outb(0xa1, 0x00);
}

static void pulse(int n)
{
    irq_pulse(i8259_input(pic, n));
}

Test(i8259, priority_and_eoi)
{
    setup_pic(0);
    pulse(3);
    pulse(1);
    HW_CHECK("INT after IRQ1+IRQ3", intr.level, 1);
    /* Fully nested mode: IR0 highest, IR7 lowest ("Fully Nested Mode"). */
    HW_CHECK("first vector (IRQ1)", i8259_get_interrupt(pic), 0x31);
    HW_CHECK("INT while IRQ1 in service and only IRQ3 pending", intr.level, 0);
    outb(0x20, 0x0b);
    HW_CHECK("ISR (OCW3 RR=1 RIS=1)", inb(0x20), 0x02);
    outb(0x20, 0x0a);
    HW_CHECK("IRR (OCW3 RR=1 RIS=0)", inb(0x20), 0x08);
    pulse(0);
    HW_CHECK("INT for higher-priority IRQ0 while IRQ1 in service", intr.level, 1);
    HW_CHECK("nested vector (IRQ0)", i8259_get_interrupt(pic), 0x30);
    outb(0x20, 0x20);   /* non-specific EOI clears the highest ISR bit: IRQ0 */
    outb(0x20, 0x0b);
    HW_CHECK("ISR after first non-specific EOI", inb(0x20), 0x02);
    outb(0x20, 0x20);
    HW_CHECK("INT after second EOI (IRQ3 pending)", intr.level, 1);
    HW_CHECK("vector IRQ3", i8259_get_interrupt(pic), 0x33);
    outb(0x20, 0x63);   /* specific EOI for IR3 */
    HW_CHECK("ISR after specific EOI 3", inb(0x20), 0x00);
    HW_CHECK("INT with nothing pending", intr.level, 0);
}

Test(i8259, masking)
{
    setup_pic(0);
    outb(0x21, 0x20);
    HW_CHECK("IMR read back (OCW1)", inb(0x21), 0x20);
    pulse(5);
    HW_CHECK("INT with IRQ5 masked", intr.level, 0);
    outb(0x20, 0x0a);
    HW_CHECK("IRR holds masked IRQ5", inb(0x20), 0x20);
    outb(0x21, 0x00);
    HW_CHECK("INT after unmasking", intr.level, 1);
    HW_CHECK("vector IRQ5", i8259_get_interrupt(pic), 0x35);
}

Test(i8259, cascade)
{
    setup_pic(0);
    pulse(10);
    HW_CHECK("INT for slave IRQ10", intr.level, 1);
    HW_CHECK("vector IRQ10 from the slave's base", i8259_get_interrupt(pic), 0x3a);
    outb(0x20, 0x0b);
    outb(0xa0, 0x0b);
    HW_CHECK("master ISR: IR2 (cascade)", inb(0x20), 0x04);
    HW_CHECK("slave ISR: IR2", inb(0xa0), 0x04);
    outb(0xa1, 0x02);  /* mask IRQ9 then unmask: masked slave input blocks */
    pulse(9);
    HW_CHECK("INT for masked IRQ9", intr.level, 0);
    outb(0xa0, 0x20);
    outb(0x20, 0x20);
    HW_CHECK("INT after EOIs, IRQ9 still masked", intr.level, 0);
    outb(0xa1, 0x00);
    HW_CHECK("INT after unmasking IRQ9", intr.level, 1);
    HW_CHECK("vector IRQ9", i8259_get_interrupt(pic), 0x39);
    /* The master's IMR bit 2 masks the whole slave. */
    outb(0xa0, 0x20); outb(0x20, 0x20);
    outb(0x21, 0x04);
    pulse(12);
    HW_CHECK("INT for IRQ12 with master IR2 masked", intr.level, 0);
}

Test(i8259, spurious_irq7_and_irq15)
{
    setup_pic(0);
    outb(0x4d0, 0x08);  /* IRQ3 level-triggered */
    HW_CHECK("ELCR master read back", inb(0x4d0), 0x08);
    irq_raise(i8259_input(pic, 3));
    HW_CHECK("INT while level IRQ3 high", intr.level, 1);
    irq_lower(i8259_input(pic, 3));
    HW_CHECK("INT after level IRQ3 dropped", intr.level, 0);
    /* "If the IR input goes inactive before the acknowledge, IR7 is
     * reported" (spurious) and no ISR bit is set. */
    HW_CHECK("spurious vector", i8259_get_interrupt(pic), 0x37);
    outb(0x20, 0x0b);
    HW_CHECK("ISR after spurious", inb(0x20), 0x00);

    outb(0x4d1, 0x02);  /* IRQ9 level */
    irq_raise(i8259_input(pic, 9));
    HW_CHECK("INT for level IRQ9", intr.level, 1);
    irq_lower(i8259_input(pic, 9));
    /* The cascade input fell with it: the master reports its own IR7. */
    HW_CHECK("spurious vector after the slave's request vanished",
             i8259_get_interrupt(pic), 0x37);
}

Test(i8259, edge_versus_level)
{
    setup_pic(0);
    outb(0x4d0, 0xff);
    HW_CHECK("ELCR master: IRQ0-2 stay edge", inb(0x4d0), 0xf8);
    outb(0x4d1, 0xff);
    HW_CHECK("ELCR slave: IRQ8 and IRQ13 stay edge", inb(0x4d1), 0xde);
    outb(0x4d0, 0x00);
    pulse(4);
    outb(0x20, 0x0a);
    HW_CHECK("edge IRQ4 latched in IRR after the pulse", inb(0x20), 0x10);
    HW_CHECK("vector IRQ4", i8259_get_interrupt(pic), 0x34);
    outb(0x20, 0x20);
    irq_raise(i8259_input(pic, 4));
    HW_CHECK("edge input held high: first request", i8259_get_interrupt(pic), 0x34);
    outb(0x20, 0x20);
    HW_CHECK("edge input still high: no new request", intr.level, 0);
    /* Level mode: the request persists after EOI while the line is high. */
    outb(0x4d0, 0x10);
    HW_CHECK("level IRQ4 high after switching to level", intr.level, 1);
    HW_CHECK("vector IRQ4 (level)", i8259_get_interrupt(pic), 0x34);
    outb(0x20, 0x20);
    HW_CHECK("level IRQ4 requests again after EOI", intr.level, 1);
}

Test(i8259, auto_eoi)
{
    setup_pic(1);
    pulse(6);
    HW_CHECK("vector IRQ6 (AEOI)", i8259_get_interrupt(pic), 0x36);
    outb(0x20, 0x0b);
    HW_CHECK("ISR empty in AEOI mode", inb(0x20), 0x00);
}

Test(i8259, rotation)
{
    setup_pic(0);
    /* OCW2 set priority (R=1 SL=1 EOI=0), L=2: IR2 lowest, IR3 highest. */
    outb(0x20, 0xc2);
    pulse(1);
    pulse(4);
    HW_CHECK("IR4 beats IR1 after rotation to IR3-highest", i8259_get_interrupt(pic), 0x34);
    /* Rotate on non-specific EOI: IR4 becomes lowest, so IR5 highest. */
    outb(0x20, 0xa0);
    pulse(5);
    HW_CHECK("IR5 (just after the rotated IR4) beats IR1", i8259_get_interrupt(pic), 0x35);
    outb(0x20, 0x20);
    HW_CHECK("then IR1", i8259_get_interrupt(pic), 0x31);
}

Test(i8259, poll_command)
{
    setup_pic(0);
    outb(0x21, 0xff);  /* polling works with INT masked off */
    outb(0x21, 0x00);
    pulse(2 + 3);
    outb(0x20, 0x0c);  /* OCW3 P=1 */
    HW_CHECK("poll word: I=1, level 5", inb(0x20), 0x85);
    outb(0x20, 0x0b);
    HW_CHECK("poll acts as INTA: ISR bit 5", inb(0x20), 0x20);
    outb(0x20, 0x20);
    outb(0x20, 0x0c);
    HW_CHECK("poll word with nothing pending", inb(0x20), 0x00);
}

Test(i8259, special_mask_mode)
{
    setup_pic(0);
    pulse(1);
    HW_CHECK("vector IRQ1", i8259_get_interrupt(pic), 0x31);
    pulse(5);
    HW_CHECK("IRQ5 blocked by IRQ1 in service", intr.level, 0);
    /* OCW3 ESMM=1 SMM=1, and mask IR1: lower priorities are enabled. */
    outb(0x20, 0x68);
    outb(0x21, 0x02);
    HW_CHECK("IRQ5 allowed in special mask mode", intr.level, 1);
    HW_CHECK("vector IRQ5", i8259_get_interrupt(pic), 0x35);
    outb(0x20, 0x48);   /* reset special mask */
    outb(0x20, 0x0b);
    HW_CHECK("ISR: IRQ1 and IRQ5 in service", inb(0x20), 0x22);
}

Test(i8259, machine_reset)
{
    setup_pic(0);
    outb(0x21, 0xfb);
    i8259_reset(pic);
    HW_CHECK("IMR clear after reset", inb(0x21), 0x00);
    pulse(3);
    HW_CHECK("vector base 0 until the guest's ICWs", i8259_get_interrupt(pic), 0x03);
}

/* ICW4 SFNM on the master ("Special Fully Nested Mode"): a higher-priority
 * request of the slave is passed on while another of its requests is in
 * service; in fully nested mode the master's IR2 in service blocks it. */
static void nested_slave_request(int sfnm)
{
    setup_pic(0);
    outb(0x20, 0x11); outb(0x21, 0x30); outb(0x21, 0x04); outb(0x21, sfnm ? 0x11 : 0x01);
    outb(0x21, 0x00);
    pulse(12);
    HW_CHECK("vector IRQ12", i8259_get_interrupt(pic), 0x3c);
    pulse(9);
}

Test(i8259, special_fully_nested_mode)
{
    nested_slave_request(0);
    HW_CHECK("fully nested: IRQ9 blocked by the cascade in service", intr.level, 0);
    nested_slave_request(1);
    HW_CHECK("SFNM: IRQ9 passed on while IRQ12 in service", intr.level, 1);
    HW_CHECK("vector IRQ9", i8259_get_interrupt(pic), 0x39);
}
