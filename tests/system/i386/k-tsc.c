/* The time-stamp counter runs at one rate against the 8254 (SDM Vol. 3B,
 * 17.17: a constant TSC; Linux calibrates it against the PIT at boot and
 * later checks it with a clocksource watchdog). Channel 2 counts freely
 * (mode 0, gate on, wrapping every 55 ms); over three windows of about
 * 100 ms each, TSC ticks per PIT tick must agree within 1%. Each sample
 * pairs a TSC read with a latched PIT read taken close together (retried
 * if the pair took longer than a few PIT ticks, as when the host
 * deschedules the emulator), and a window with a long gap between samples
 * is measured again. "sdm-only": QEMU's TCG returns the host's
 * TSC, which inside a virtual machine need not keep pace with the host
 * clock that QEMU's 8254 follows. */
#include "bm.h"

static uint64_t rdtsc64(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (uint64_t)hi << 32 | lo;
}

static uint16_t pit2_read(void)
{
    outb(0x43, 0x80);            /* latch channel 2 */
    uint8_t lo = inb(0x42);
    return (uint16_t)(lo | inb(0x42) << 8);
}

/* PIT ticks elapsed since the last call (< one 65536-tick wrap between
 * calls), and the TSC at that moment. */
static uint16_t pit_last;
static uint64_t pit_total;

static uint64_t sample(uint64_t *tsc)
{
    for (int tries = 0; tries < 1000; tries++) {
        uint64_t a = rdtsc64();
        uint16_t p = pit2_read();
        uint64_t b = rdtsc64();
        uint16_t q = pit2_read();
        if ((uint16_t)(p - q) <= 4) {        /* the pair took <= 4 ticks */
            pit_total += (uint16_t)(pit_last - p);
            pit_last = p;
            *tsc = a / 2 + b / 2;
            return pit_total;
        }
    }
    return pit_total;
}

void bm_main(void)
{
    outb(0x61, (inb(0x61) & ~0x02) | 0x01);     /* gate 2 on, speaker off */
    outb(0x43, 0xb0);                            /* channel 2, mode 0 */
    outb(0x42, 0);
    outb(0x42, 0);                               /* count 65536 */
    pit_last = pit2_read();
    uint64_t t0, t1, ticks0 = sample(&t0), ticks1;
    uint32_t rate[3];
    for (int w = 0, tries = 0; w < 3; w++) {
        /* ~100 ms, sampled continuously. A gap between two samples of a
         * fifth of the window (the emulator descheduled for 20 ms or more)
         * may hide a wrap of the counter (55 ms): measure that window
         * again. */
        uint64_t prev = t0, gap = 0;
        do {
            ticks1 = sample(&t1);
            if (t1 - prev > gap)
                gap = t1 - prev;
            prev = t1;
        } while (ticks1 - ticks0 < 119318);
        if (gap > (t1 - t0) / 5 && ++tries < 10) {
            bm_printf("window %d: a %u%% gap, measured again\n", w,
                      (uint32_t)(gap * 100 / (t1 - t0)));
            t0 = t1;
            ticks0 = ticks1;
            w--;
            continue;
        }
        rate[w] = (uint32_t)((t1 - t0) * 1000 / (ticks1 - ticks0));   /* x 1000 */
        bm_printf("window %d: %u PIT ticks, TSC/PIT %u.%03u\n", w,
                  (uint32_t)(ticks1 - ticks0), rate[w] / 1000, rate[w] % 1000);
        t0 = t1;
        ticks0 = ticks1;
    }
    /* Each later window's rate in percent of the first's, 100 within 1%. */
    for (int w = 1; w < 3; w++) {
        uint32_t pct = (uint32_t)(((uint64_t)rate[w] * 100 + rate[0] / 2) / rate[0]);
        uint32_t lo = rate[0] - rate[0] / 100, hi = rate[0] + rate[0] / 100;
        if (rate[w] >= lo && rate[w] <= hi)
            pct = 100;
        check_eq_sdm(w == 1 ? "tsc.rate-steady.window1" : "tsc.rate-steady.window2", pct, 100);
    }
}
