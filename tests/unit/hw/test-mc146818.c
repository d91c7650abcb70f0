/*
 * The MC146818 RTC through ports 0x70/0x71 (Motorola MC146818A datasheet:
 * "Time, Calendar and Alarm Data Modes", "Register A" rate table,
 * "Register B", "Register C", "Update Cycle"), against the host's UTC time
 * and a hand-set virtual clock.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hw-test-bus.h"
#include "hw/rtc/mc146818.h"

static TestLine irq8;
static MC146818State *rtc;

static void setup_rtc(void)
{
    bus_reset();
    test_line_init(&irq8);
    rtc = hw_mc146818_init(irq8.line);
}

static uint8_t cmos_read(int reg)
{
    outb(0x70, reg);
    return inb(0x71);
}

static void cmos_write(int reg, uint8_t val)
{
    outb(0x70, reg);
    outb(0x71, val);
}

/* Sets the clock with SET held, then releases it (Linux's sequence). */
static void set_time(uint8_t regb, const uint8_t t[7])
{
    cmos_write(11, regb | 0x80);
    static const int regs[7] = { 0, 2, 4, 6, 7, 8, 9 };
    for (int i = 0; i < 7; i++) {
        cmos_write(regs[i], t[i]);
    }
    cmos_write(11, regb);
}

Test(mc146818, time_matches_host_utc)
{
    setup_rtc();
    time_t before = time(NULL);
    cmos_write(11, 0x06);           /* binary, 24h */
    /* Read until two readings agree, as Linux's mc146818_get_time does:
     * a second boundary between two register reads mixes two times. */
    struct tm tm = { 0 }, again;
    for (int tries = 0; tries < 10; tries++) {
        memset(&again, 0, sizeof(again));
        again.tm_sec = cmos_read(0);
        again.tm_min = cmos_read(2);
        again.tm_hour = cmos_read(4);
        again.tm_mday = cmos_read(7);
        again.tm_mon = cmos_read(8) - 1;
        again.tm_year = cmos_read(9) + 100 * cmos_read(0x32) - 1900;
        if (tries > 0 && !memcmp(&tm, &again, sizeof(tm))) {
            break;
        }
        tm = again;
    }
    time_t after = time(NULL);
    time_t rtc_t = timegm(&tm);
    printf("RTC %04d-%02d-%02d %02d:%02d:%02d, host %ld..%ld\n", tm.tm_year + 1900,
           tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
           (long)before, (long)after);
    HW_CHECK("RTC time within the host's time at the read", rtc_t >= before && rtc_t <= after, 1);
    struct tm host;
    gmtime_r(&rtc_t, &host);
    HW_CHECK("day of week (Sunday = 1)", cmos_read(6), host.tm_wday + 1);
    HW_CHECK("register D: valid RAM and time", cmos_read(13), 0x80);
}

Test(mc146818, bcd_and_12_hour_formats)
{
    setup_rtc();
    /* 2026-12-07 15:04:05, a Monday (2), written in BCD 24h. */
    const uint8_t t[7] = { 0x05, 0x04, 0x15, 0x02, 0x07, 0x12, 0x26 };
    cmos_write(11, 0x82);
    HW_CHECK("SET freezes: hour reads back", (cmos_write(4, 0x15), cmos_read(4)), 0x15);
    set_time(0x02, t);
    HW_CHECK("BCD seconds", cmos_read(0), 0x05);
    HW_CHECK("BCD minutes", cmos_read(2), 0x04);
    HW_CHECK("BCD hours (24h)", cmos_read(4), 0x15);
    HW_CHECK("BCD day", cmos_read(7), 0x07);
    HW_CHECK("BCD month", cmos_read(8), 0x12);
    HW_CHECK("BCD year", cmos_read(9), 0x26);
    HW_CHECK("BCD century", cmos_read(0x32), 0x20);
    cmos_write(11, 0x00);           /* BCD, 12h */
    HW_CHECK("BCD 12h: 15h = 3 PM (bit 7)", cmos_read(4), 0x83);
    cmos_write(11, 0x04);           /* binary, 12h */
    HW_CHECK("binary 12h: 3 PM", cmos_read(4), 0x83);
    cmos_write(11, 0x06);
    HW_CHECK("binary 24h hour", cmos_read(4), 15);
    HW_CHECK("binary minutes", cmos_read(2), 4);
    cmos_write(11, 0x84);           /* binary 12h, SET: write 12 AM */
    cmos_write(4, 0x0c);
    cmos_write(11, 0x06);
    HW_CHECK("12 AM written in 12h mode is hour 0", cmos_read(4), 0);
}

Test(mc146818, clock_runs_and_rolls_over)
{
    setup_rtc();
    /* 2026-12-31 23:59:59 (Thursday = 5), BCD 24h. */
    const uint8_t t[7] = { 0x59, 0x59, 0x23, 0x05, 0x31, 0x12, 0x26 };
    set_time(0x02, t);
    bus_set_time(999999999);
    HW_CHECK("seconds just before the update", cmos_read(0), 0x59);
    bus_set_time(1000000000);
    HW_CHECK("year rolled over", cmos_read(9), 0x27);
    HW_CHECK("month 1", cmos_read(8), 0x01);
    HW_CHECK("day 1", cmos_read(7), 0x01);
    HW_CHECK("midnight", cmos_read(4), 0x00);
    HW_CHECK("2027-01-01 is a Friday (6)", cmos_read(6), 0x06);
}

Test(mc146818, uip_before_update)
{
    setup_rtc();
    const uint8_t t[7] = { 0x00, 0x00, 0x12, 0x02, 0x07, 0x12, 0x26 };
    set_time(0x02, t);              /* a second starts now (t = 0) */
    bus_set_time(1000000000 - 245000);
    HW_CHECK("UIP clear 245 us before the update", cmos_read(10) & 0x80, 0);
    bus_set_time(1000000000 - 243000);
    HW_CHECK("UIP set 243 us before the update (window 244 us)", cmos_read(10) & 0x80, 0x80);
    HW_CHECK("register A keeps divider and rate", cmos_read(10) & 0x7f, 0x26);
    bus_set_time(1000000000);
    HW_CHECK("UIP clear after the update", cmos_read(10) & 0x80, 0);
    cmos_write(11, 0x82);
    bus_set_time(2000000000 - 100000);
    HW_CHECK("no UIP while SET holds updates", cmos_read(10) & 0x80, 0);
}

static int count_periodic(int64_t step_ns, int64_t until_ns)
{
    int n = 0;
    for (int64_t t = step_ns; t <= until_ns; t += step_ns) {
        bus_set_time(t);
        if (irq8.level) {
            uint8_t c = cmos_read(12);
            if (c == 0xc0) {
                n++;
            }
        }
    }
    return n;
}

Test(mc146818, periodic_interrupt_rate)
{
    setup_rtc();
    cmos_write(10, 0x26);           /* RS = 0110: 1024 Hz */
    cmos_write(11, 0x42);           /* PIE, 24h */
    HW_CHECK("1024 Hz periodic interrupts in one second",
             count_periodic(200000, 1000000000), 1024);
    HW_CHECK("IRQ8 low after register C read", irq8.level, 0);
    cmos_write(10, 0x2f);           /* RS = 1111: 2 Hz */
    HW_CHECK("2 Hz periodic interrupts in the next two seconds",
             count_periodic(10000000, 3000000000LL) , 4);
    cmos_write(10, 0x23);           /* RS = 0011: 8192 Hz */
    bus_set_time(3000000000LL);
    cmos_read(12);
    /* 81.92 periods in 10 ms; with the phase of virtual time 0, 81 period
     * ends (multiples of 122.07 us) fall in (3.000 s, 3.010 s]. */
    HW_CHECK("8192 Hz periodic interrupts in 10 ms",
             count_periodic(50000, 3010000000LL), 81);
    cmos_write(11, 0x02);
    bus_set_time(3100000000LL);
    /* UF (0x10) may be set too: a second boundary of the host-time-based
     * clock can fall in the last 100 ms, depending on when the test ran. */
    HW_CHECK("PF set without PIE, no IRQ (register C, UF masked)", cmos_read(12) & ~0x10, 0x40);
    HW_CHECK("IRQ8 stays low without PIE", irq8.rises > 0 && irq8.level == 0, 1);
}

Test(mc146818, update_and_alarm_interrupts)
{
    setup_rtc();
    const uint8_t t[7] = { 10, 0, 10, 2, 7, 12, 26 };   /* binary 10:00:10 */
    cmos_write(1, 12);              /* alarm 10:00:12 */
    cmos_write(3, 0);
    cmos_write(5, 10);
    set_time(0x06, t);
    cmos_write(11, 0x26);           /* AIE, binary, 24h */
    bus_set_time(1500000000);
    HW_CHECK("no alarm at 10:00:11; UF alone raises nothing", irq8.level, 0);
    HW_CHECK("register C at 10:00:11: UF only", cmos_read(12), 0x10);
    bus_set_time(2500000000LL);
    HW_CHECK("alarm interrupt at 10:00:12", irq8.level, 1);
    HW_CHECK("register C: IRQF | AF | UF", cmos_read(12), 0xb0);
    cmos_write(11, 0x16);           /* UIE only */
    int n = 0;
    for (int64_t ns = 2600000000LL; ns <= 5500000000LL; ns += 100000000) {
        bus_set_time(ns);
        if (irq8.level && (cmos_read(12) & 0x90) == 0x90) {
            n++;
        }
    }
    HW_CHECK("update-ended interrupts in 3 seconds", n, 3);
    cmos_write(1, 0xc0);            /* don't-care alarm: every second */
    cmos_write(3, 0xc0);
    cmos_write(5, 0xc0);
    cmos_write(11, 0x26);
    cmos_read(12);
    bus_set_time(6500000000LL);
    HW_CHECK("don't-care alarm fires each second", cmos_read(12) & 0xa0, 0xa0);
}

Test(mc146818, cmos_ram_and_nmi_mask)
{
    setup_rtc();
    cmos_write(0x40, 0x5a);
    HW_CHECK("CMOS RAM byte 0x40", cmos_read(0x40), 0x5a);
    HW_CHECK("NMI enabled after index write without bit 7", mc146818_nmi_masked(rtc), 0);
    outb(0x70, 0x80 | 0x40);
    HW_CHECK("NMI masked by bit 7 of port 0x70", mc146818_nmi_masked(rtc), 1);
    HW_CHECK("index still selects 0x40", inb(0x71), 0x5a);
    mc146818_cmos_fill_pc(rtc, 256u << 20);
    HW_CHECK("base memory 640 KiB (0x15)", cmos_read(0x15) | cmos_read(0x16) << 8, 640);
    HW_CHECK("extended memory capped (0x17-0x18)", cmos_read(0x17) | cmos_read(0x18) << 8, 0xffff);
    HW_CHECK("extended memory copy (0x30-0x31)", cmos_read(0x30) | cmos_read(0x31) << 8, 0xffff);
    HW_CHECK("memory above 16 MiB in 64 KiB (0x34-0x35)",
             cmos_read(0x34) | cmos_read(0x35) << 8, (256 - 16) * 16);
    unsigned sum = 0;
    for (int i = 0x10; i <= 0x2d; i++) {
        sum += cmos_read(i);
    }
    HW_CHECK("checksum 0x2e-0x2f over 0x10-0x2d", cmos_read(0x2e) << 8 | cmos_read(0x2f), sum);
    mc146818_cmos_fill_pc(rtc, 8u << 20);
    HW_CHECK("8 MiB: 7168 KiB extended", cmos_read(0x17) | cmos_read(0x18) << 8, 7168);
    HW_CHECK("8 MiB: nothing above 16 MiB", cmos_read(0x34) | cmos_read(0x35) << 8, 0);
}

Test(mc146818, reset_pin)
{
    setup_rtc();
    cmos_write(0x40, 0x77);
    cmos_write(11, 0x72);           /* PIE, AIE, UIE, 24h */
    bus_set_time(2000000);
    HW_CHECK("IRQ8 raised before reset", irq8.level, 1);
    mc146818_reset(rtc);
    HW_CHECK("RESET clears PIE/AIE/UIE/SQWE", cmos_read(11), 0x02);
    HW_CHECK("RESET lowers IRQ8", irq8.level, 0);
    HW_CHECK("RESET clears register C", cmos_read(12), 0x00);
    HW_CHECK("RAM kept", cmos_read(0x40), 0x77);
}

Test(mc146818, hostile_values_do_not_break_the_clock)
{
    setup_rtc();
    /* Century 00, year 00, invalid BCD digits everywhere: the clock still
     * reads back something and keeps running. */
    const uint8_t t[7] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00 };
    cmos_write(11, 0x82);
    cmos_write(0x32, 0x00);
    set_time(0x02, t);
    bus_set_time(3000000000LL);
    uint8_t sec = cmos_read(0);
    printf("seconds after hostile values: 0x%02x\n", sec);
    HW_CHECK("register D still valid", cmos_read(13), 0x80);
    cmos_write(11, 0x06);
    HW_CHECK("binary seconds in 0..59", cmos_read(0) < 60, 1);
}
