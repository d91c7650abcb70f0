/*
 * The 8254 PIT through ports 0x40-0x43 and 0x61 on a hand-set virtual
 * clock (Intel 8254 datasheet, order 231164: "Modes", "Read Operations",
 * "Read-Back Command"; port 0x61 per the PC/AT technical reference).
 */
#include <criterion/criterion.h>
#include <stdio.h>

#include "hw-test-bus.h"
#include "hw/timer/i8254.h"

static TestLine irq0;
static I8254State *pit;

/* The first instant at which `t` input clocks have elapsed. */
static int64_t tick_ns(int64_t t)
{
    return (t * 1000000000LL + I8254_FREQ_HZ - 1) / I8254_FREQ_HZ;
}

static void at_tick(int64_t t)
{
    bus_set_time(tick_ns(t));
}

static void setup_pit(void)
{
    bus_reset();
    test_line_init(&irq0);
    pit = hw_i8254_init(irq0.line);
}

static unsigned latch_read(int ch)
{
    outb(0x43, ch << 6);            /* counter latch command */
    unsigned lo = inb(0x40 + ch);
    return lo | inb(0x40 + ch) << 8;
}

static void write_count(int ch, unsigned count)
{
    outb(0x40 + ch, count & 0xff);
    outb(0x40 + ch, count >> 8);
}

Test(i8254, mode0_interrupt_on_terminal_count)
{
    setup_pit();
    outb(0x43, 0x30);               /* ch0, LSB then MSB, mode 0, binary */
    write_count(0, 1000);
    int rises0 = irq0.rises;
    HW_CHECK("mode 0 OUT low after the count is written", irq0.level, 0);
    HW_CHECK("count at tick 0", latch_read(0), 1000);
    at_tick(400);
    HW_CHECK("count after 400 clocks", latch_read(0), 600);
    at_tick(999);
    HW_CHECK("OUT still low one clock before terminal count", irq0.level, 0);
    at_tick(1000);
    HW_CHECK("OUT high at terminal count (IRQ0 raised)", irq0.level, 1);
    HW_CHECK("one rising edge", irq0.rises - rises0, 1);
    at_tick(1100);
    HW_CHECK("counter keeps counting past zero (wraps to 65536 - 100)",
             latch_read(0), 65436);
    HW_CHECK("OUT stays high after terminal count", irq0.level, 1);
}

Test(i8254, power_up_state)
{
    setup_pit();
    /* What a PC BIOS programs: mode 3, count 65536, 18.2 Hz on IRQ0. */
    outb(0x43, 0xe2);
    HW_CHECK("channel 0 status: OUT high, RW=3, mode 3", inb(0x40), 0xb6);
    int r = irq0.rises;
    for (int64_t t = 10000000; t <= 1000000000; t += 10000000) {
        bus_set_time(t);
    }
    HW_CHECK("IRQ0 edges in one second (1193182 / 65536 = 18.2)", irq0.rises - r, 18);
}

Test(i8254, mode0_count_zero_is_65536)
{
    setup_pit();
    outb(0x43, 0x30);
    write_count(0, 0);
    at_tick(1);
    HW_CHECK("count 0 loads 65536: one clock later reads 65535", latch_read(0), 65535);
}

Test(i8254, mode2_rate_generator)
{
    setup_pit();
    outb(0x43, 0x34);               /* ch0, word, mode 2 */
    write_count(0, 100);
    HW_CHECK("mode 2 OUT high after load", irq0.level, 1);
    int rises0 = irq0.rises;
    for (int t = 10; t <= 1000; t += 10) {
        at_tick(t);
    }
    HW_CHECK("rising edges in 1000 clocks of a /100 rate generator",
             irq0.rises - rises0, 10);
    at_tick(1050);
    HW_CHECK("counter half way through a period", latch_read(0), 50);
    /* Read-back status (D5=1 no count, D4=0 status, D1 = counter 0):
     * OUT, null count, RW=11, mode 010, binary. */
    outb(0x43, 0xe2);
    HW_CHECK("status mid-period: OUT=1, RW=3, mode 2", inb(0x40), 0xb4);
    at_tick(1099);
    outb(0x43, 0xe2);
    HW_CHECK("status at count 1: OUT=0 for one clock", inb(0x40), 0x34);
    /* The main loop can be late: a skipped 1-clock low pulse must still
     * give IRQ0 a rising edge. */
    int before = irq0.rises;
    bus_set_time(tick_ns(1500) + 300);
    HW_CHECK("an edge delivered after a late wake-up", irq0.rises > before, 1);
}

Test(i8254, mode3_square_wave_on_channel2)
{
    setup_pit();
    outb(0x61, 0x01);               /* gate 2 high, speaker off */
    outb(0x43, 0xb6);               /* ch2, word, mode 3 */
    write_count(2, 100);
    at_tick(10);
    HW_CHECK("OUT2 (port 0x61 bit 5) in first half", (inb(0x61) >> 5) & 1, 1);
    HW_CHECK("mode 3 counts down by two", latch_read(2), 80);
    at_tick(49);
    HW_CHECK("OUT2 high for N/2 clocks", (inb(0x61) >> 5) & 1, 1);
    at_tick(50);
    HW_CHECK("OUT2 low in second half", (inb(0x61) >> 5) & 1, 0);
    at_tick(99);
    HW_CHECK("OUT2 low until the period ends", (inb(0x61) >> 5) & 1, 0);
    at_tick(100);
    HW_CHECK("OUT2 high again after N clocks", (inb(0x61) >> 5) & 1, 1);
    outb(0x61, 0x00);
    HW_CHECK("gate low forces OUT high in mode 3", (inb(0x61) >> 5) & 1, 1);
    HW_CHECK("port 0x61 bit 0 reads back the gate", inb(0x61) & 1, 0);
}

Test(i8254, mode1_hardware_one_shot)
{
    setup_pit();
    outb(0x61, 0x00);
    outb(0x43, 0xb2);               /* ch2, word, mode 1 */
    write_count(2, 50);
    at_tick(20);
    HW_CHECK("mode 1 OUT high until triggered", i8254_get_out(pit, 2), 1);
    outb(0x61, 0x01);               /* gate rising edge triggers */
    HW_CHECK("OUT low after the trigger", i8254_get_out(pit, 2), 0);
    at_tick(69);
    HW_CHECK("OUT low 49 clocks after the trigger", i8254_get_out(pit, 2), 0);
    at_tick(70);
    HW_CHECK("OUT high 50 clocks after the trigger", i8254_get_out(pit, 2), 1);
}

Test(i8254, mode4_software_strobe)
{
    setup_pit();
    outb(0x43, 0x38);               /* ch0, word, mode 4 */
    write_count(0, 20);
    HW_CHECK("mode 4 OUT high", irq0.level, 1);
    at_tick(19);
    HW_CHECK("still high one clock before zero", irq0.level, 1);
    at_tick(20);
    HW_CHECK("strobe: low for one clock at zero", irq0.level, 0);
    at_tick(21);
    HW_CHECK("high again after the strobe", irq0.level, 1);
}

Test(i8254, mode5_hardware_strobe)
{
    setup_pit();
    outb(0x43, 0xba);               /* ch2, word, mode 5 */
    write_count(2, 30);
    at_tick(100);
    HW_CHECK("mode 5 waits for the gate", i8254_get_out(pit, 2), 1);
    outb(0x61, 0x01);
    at_tick(130);
    HW_CHECK("strobe 30 clocks after the trigger", i8254_get_out(pit, 2), 0);
    at_tick(131);
    HW_CHECK("high after the strobe", i8254_get_out(pit, 2), 1);
}

Test(i8254, mode0_gate_holds_count)
{
    setup_pit();
    outb(0x61, 0x01);
    outb(0x43, 0xb0);               /* ch2, word, mode 0 */
    write_count(2, 1000);
    at_tick(100);
    outb(0x61, 0x00);               /* gate low: counting suspended */
    at_tick(500);
    HW_CHECK("count held while gate is low", latch_read(2), 900);
    outb(0x61, 0x01);
    at_tick(600);
    HW_CHECK("counting resumed after gate high", latch_read(2), 800);
}

Test(i8254, bcd_counting)
{
    setup_pit();
    outb(0x43, 0x31);               /* ch0, word, mode 0, BCD */
    write_count(0, 0x1000);         /* 1000 decimal */
    at_tick(1);
    HW_CHECK("BCD count after one clock", latch_read(0), 0x0999);
    at_tick(1000);
    HW_CHECK("BCD terminal count raises OUT", irq0.level, 1);
    at_tick(1001);
    HW_CHECK("BCD wraps to 9999", latch_read(0), 0x9999);
}

Test(i8254, byte_access_modes)
{
    setup_pit();
    outb(0x43, 0x10);               /* ch0, LSB only, mode 0 */
    outb(0x40, 0x80);
    at_tick(8);
    HW_CHECK("LSB-only count 0x80 after 8 clocks (one read)", inb(0x40), 0x78);
    outb(0x43, 0x20);               /* ch0, MSB only, mode 0 */
    outb(0x40, 0x02);
    HW_CHECK("MSB-only count 0x200 reads its MSB", inb(0x40), 0x02);
    outb(0x43, 0x00);
    HW_CHECK("latched MSB-only read", inb(0x40), 0x02);
}

Test(i8254, latch_freezes_value)
{
    setup_pit();
    outb(0x43, 0x34);
    write_count(0, 10000);
    at_tick(100);
    outb(0x43, 0x00);
    at_tick(3000);
    unsigned lo = inb(0x40);
    HW_CHECK("latched value survives later counting",
             lo | inb(0x40) << 8, 9900);
    outb(0x43, 0x00);
    outb(0x43, 0x00);               /* a second latch before reading is ignored */
    at_tick(4000);
    lo = inb(0x40);
    HW_CHECK("first latch wins", lo | inb(0x40) << 8, 7000);
}

Test(i8254, read_back_multiple)
{
    setup_pit();
    outb(0x43, 0x34);
    write_count(0, 500);
    outb(0x61, 0x01);
    outb(0x43, 0xb0);
    write_count(2, 300);
    at_tick(100);
    /* Read-back: count and status (D5=D4=0) of counters 0 and 2. */
    outb(0x43, 0xca);
    HW_CHECK("ch0 status first", inb(0x40), 0xb4);
    unsigned lo = inb(0x40);
    HW_CHECK("ch0 count", lo | inb(0x40) << 8, 400);
    HW_CHECK("ch2 status (OUT low, mode 0)", inb(0x42), 0x30);
    lo = inb(0x42);
    HW_CHECK("ch2 count", lo | inb(0x42) << 8, 200);
    outb(0x43, 0x36);
    outb(0x43, 0xe2);
    HW_CHECK("null count set after a control word", (inb(0x40) >> 6) & 1, 1);
}

Test(i8254, port61_refresh_toggle)
{
    setup_pit();
    bus_set_time(0);
    int b0 = (inb(0x61) >> 4) & 1;
    bus_set_time(15085);
    int b1 = (inb(0x61) >> 4) & 1;
    bus_set_time(30170);
    int b2 = (inb(0x61) >> 4) & 1;
    HW_CHECK("refresh bit toggles every 15.085 us (t=0 vs t=15.085us)", b0 != b1, 1);
    HW_CHECK("refresh bit toggles back", b1 != b2, 1);
    outb(0x61, 0x0f);
    HW_CHECK("port 0x61 bits 0-3 read back", inb(0x61) & 0x0f, 0x0f);
}

Test(i8254, machine_reset)
{
    setup_pit();
    outb(0x43, 0x30);
    write_count(0, 100);
    outb(0x61, 0x03);
    i8254_reset(pit);
    outb(0x43, 0xe2);
    HW_CHECK("channel 0 back in mode 3 with OUT high", inb(0x40), 0xb6);
    HW_CHECK("IRQ0 high", irq0.level, 1);
    HW_CHECK("port 0x61 cleared", inb(0x61) & 0x0f, 0);
}
