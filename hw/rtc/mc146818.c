/*
 * Motorola MC146818A RTC and CMOS RAM (datasheet: "Address Map", "Time,
 * Calendar and Alarm Locations", "Registers A-D", "Interrupts", "Update
 * Cycle"). The clock is the host's UTC time plus an offset the guest sets;
 * registers are formatted on read (BCD/binary, 12/24h). Periodic and
 * update/alarm interrupts come from timers while enabled, flags otherwise
 * lazily when register C is read.
 */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "exec/memory.h"
#include "hw/byte-ports.h"
#include "hw/rtc/mc146818.h"
#include "sysemu/timer.h"

enum {
    RTC_SEC = 0, RTC_SEC_ALARM = 1, RTC_MIN = 2, RTC_MIN_ALARM = 3,
    RTC_HOUR = 4, RTC_HOUR_ALARM = 5, RTC_DOW = 6, RTC_DAY = 7,
    RTC_MONTH = 8, RTC_YEAR = 9, RTC_REG_A = 10, RTC_REG_B = 11,
    RTC_REG_C = 12, RTC_REG_D = 13, RTC_CENTURY = 0x32,
};
enum {
    REGA_UIP = 0x80,
    REGB_SET = 0x80, REGB_PIE = 0x40, REGB_AIE = 0x20, REGB_UIE = 0x10,
    REGB_DM_BINARY = 0x04, REGB_24H = 0x02,
    REGC_IRQF = 0x80, REGC_PF = 0x40, REGC_AF = 0x20, REGC_UF = 0x10,
};
#define RTC_UIP_NS 244000        /* UIP rises 244 us before the update */
#define NS NANOSECONDS_PER_SECOND

struct MC146818State {
    uint8_t cmos[128];           /* 0x0a-0x0d: registers A-D; 0x0e-: RAM */
    uint8_t index;
    bool nmi_masked;
    int64_t offset_ns;           /* guest UTC ns = offset_ns + virtual clock */
    struct tm set_tm;            /* the calendar while SET is 1 */
    int64_t flags_ns;            /* lazy flags computed up to here */
    Timer *periodic, *second;
    IRQLine irq;
    int level;
};

static int64_t rtc_guest_ns(const MC146818State *s, int64_t now)
{
    return s->offset_ns + now;
}

static int64_t rtc_floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b < 0);
}

static void rtc_current_tm(const MC146818State *s, struct tm *tm)
{
    if (s->cmos[RTC_REG_B] & REGB_SET) {
        *tm = s->set_tm;
        return;
    }
    time_t t = rtc_floor_div(rtc_guest_ns(s, clock_get_ns()), NS);
    gmtime_r(&t, tm);
}

/* A calendar the guest wrote, in ns since 1970; clamped to +-146 years so
 * a guest's year 0000 cannot overflow the clock arithmetic. */
static int64_t rtc_tm_to_ns(struct tm *tm)
{
    const int64_t limit = INT64_MAX / NS / 2;
    int64_t t = timegm(tm);
    if (t > limit) {
        t = limit;
    } else if (t < -limit) {
        t = -limit;
    }
    return t * NS;
}

static uint8_t rtc_encode(const MC146818State *s, int v)
{
    return (s->cmos[RTC_REG_B] & REGB_DM_BINARY) ? v : (v / 10) << 4 | v % 10;
}

static int rtc_decode(const MC146818State *s, uint8_t v)
{
    return (s->cmos[RTC_REG_B] & REGB_DM_BINARY) ? v : (v >> 4) * 10 + (v & 0xf);
}

static uint8_t rtc_encode_hour(const MC146818State *s, int hour)
{
    if (s->cmos[RTC_REG_B] & REGB_24H) {
        return rtc_encode(s, hour);
    }
    int h12 = hour % 12 ? hour % 12 : 12;
    return rtc_encode(s, h12) | (hour >= 12 ? 0x80 : 0);
}

static int rtc_decode_hour(const MC146818State *s, uint8_t v)
{
    if (s->cmos[RTC_REG_B] & REGB_24H) {
        return rtc_decode(s, v);
    }
    return rtc_decode(s, v & 0x7f) % 12 + ((v & 0x80) ? 12 : 0);
}

static uint8_t rtc_read_time(const MC146818State *s, int reg)
{
    struct tm tm;
    rtc_current_tm(s, &tm);
    switch (reg) {
    case RTC_SEC: return rtc_encode(s, tm.tm_sec);
    case RTC_MIN: return rtc_encode(s, tm.tm_min);
    case RTC_HOUR: return rtc_encode_hour(s, tm.tm_hour);
    case RTC_DOW: return rtc_encode(s, tm.tm_wday + 1);   /* Sunday = 1 */
    case RTC_DAY: return rtc_encode(s, tm.tm_mday);
    case RTC_MONTH: return rtc_encode(s, tm.tm_mon + 1);
    case RTC_YEAR: return rtc_encode(s, tm.tm_year % 100);
    default: return rtc_encode(s, (tm.tm_year + 1900) / 100);  /* century */
    }
}

/* A time register written: the calendar changes, the clock goes on from it. */
static void rtc_write_time(MC146818State *s, int reg, uint8_t val)
{
    struct tm tm;
    rtc_current_tm(s, &tm);
    int v = reg == RTC_HOUR ? rtc_decode_hour(s, val) : rtc_decode(s, val);
    switch (reg) {
    case RTC_SEC: tm.tm_sec = v; break;
    case RTC_MIN: tm.tm_min = v; break;
    case RTC_HOUR: tm.tm_hour = v; break;
    case RTC_DOW: tm.tm_wday = v - 1; break;
    case RTC_DAY: tm.tm_mday = v; break;
    case RTC_MONTH: tm.tm_mon = v - 1; break;
    case RTC_YEAR: tm.tm_year = (tm.tm_year + 1900) / 100 * 100 + v - 1900; break;
    default: tm.tm_year = v * 100 + tm.tm_year % 100 - 1900; break;
    }
    if (s->cmos[RTC_REG_B] & REGB_SET) {
        s->set_tm = tm;
    } else {
        s->offset_ns = rtc_tm_to_ns(&tm) - clock_get_ns();
    }
}

/* Periodic rate (register A RS3-0): 0 none, 1-2 as 8-9, else 32768 Hz
 * >> (rs - 1). */
static int64_t rtc_period_ns(const MC146818State *s)
{
    int rs = s->cmos[RTC_REG_A] & 0x0f;
    if (rs == 0 || (s->cmos[RTC_REG_A] & 0x70) != 0x20) {
        return 0;   /* no rate, or the divider is not at 32.768 kHz */
    }
    if (rs < 3) {
        rs += 7;
    }
    return (NS << (rs - 1)) / 32768;
}

static bool rtc_updating(const MC146818State *s)
{
    return !(s->cmos[RTC_REG_B] & REGB_SET) && (s->cmos[RTC_REG_A] & 0x70) == 0x20;
}

static void rtc_update_irq(MC146818State *s)
{
    uint8_t c = s->cmos[RTC_REG_C] & (REGC_PF | REGC_AF | REGC_UF);
    uint8_t enabled = s->cmos[RTC_REG_B] & (REGB_PIE | REGB_AIE | REGB_UIE);
    if (c & enabled) {
        c |= REGC_IRQF;      /* PIE/AIE/UIE sit at the same bits as PF/AF/UF */
    }
    s->cmos[RTC_REG_C] = c;
    int level = (c & REGC_IRQF) != 0;
    if (level != s->level) {
        s->level = level;
        irq_set(&s->irq, level);
    }
}

static bool rtc_alarm_matches(MC146818State *s)
{
    static const int regs[3][2] = {
        { RTC_SEC_ALARM, RTC_SEC }, { RTC_MIN_ALARM, RTC_MIN }, { RTC_HOUR_ALARM, RTC_HOUR },
    };
    for (int i = 0; i < 3; i++) {
        uint8_t alarm = s->cmos[regs[i][0]];
        if ((alarm & 0xc0) != 0xc0 && alarm != rtc_read_time(s, regs[i][1])) {
            return false;      /* 11xxxxxx is "don't care" */
        }
    }
    return true;
}

/* The end of an update cycle: UF, and AF when the alarm matches. */
static void rtc_update_ended(MC146818State *s)
{
    s->cmos[RTC_REG_C] |= REGC_UF;
    if (rtc_alarm_matches(s)) {
        s->cmos[RTC_REG_C] |= REGC_AF;
    }
}

static void rtc_arm_timers(MC146818State *s)
{
    int64_t now = clock_get_ns();
    int64_t period = rtc_period_ns(s);
    if ((s->cmos[RTC_REG_B] & REGB_PIE) && period) {
        timer_mod(s->periodic, (rtc_floor_div(now, period) + 1) * period);
    } else {
        timer_del(s->periodic);
    }
    if ((s->cmos[RTC_REG_B] & (REGB_UIE | REGB_AIE)) && rtc_updating(s)) {
        int64_t g = rtc_guest_ns(s, now);
        timer_mod(s->second, now + (rtc_floor_div(g, NS) + 1) * NS - g);
    } else {
        timer_del(s->second);
    }
}

static void rtc_periodic_cb(void *opaque)
{
    MC146818State *s = opaque;
    s->cmos[RTC_REG_C] |= REGC_PF;
    s->flags_ns = clock_get_ns();
    rtc_update_irq(s);
    rtc_arm_timers(s);
}

static void rtc_second_cb(void *opaque)
{
    MC146818State *s = opaque;
    rtc_update_ended(s);
    s->flags_ns = clock_get_ns();
    rtc_update_irq(s);
    rtc_arm_timers(s);
}

/* Flags of events no timer watched, since the last look (PF and UF are
 * set whether or not their interrupt is enabled). */
static void rtc_lazy_flags(MC146818State *s)
{
    int64_t now = clock_get_ns(), then = s->flags_ns;
    int64_t period = rtc_period_ns(s);
    if (period && !timer_pending(s->periodic) &&
        rtc_floor_div(now, period) != rtc_floor_div(then, period)) {
        s->cmos[RTC_REG_C] |= REGC_PF;
    }
    if (rtc_updating(s) && !timer_pending(s->second) &&
        rtc_floor_div(rtc_guest_ns(s, now), NS) != rtc_floor_div(rtc_guest_ns(s, then), NS)) {
        rtc_update_ended(s);
    }
    s->flags_ns = now;
}

static uint8_t rtc_read_reg_a(MC146818State *s)
{
    uint8_t v = s->cmos[RTC_REG_A] & 0x7f;
    if (rtc_updating(s)) {
        int64_t g = rtc_guest_ns(s, clock_get_ns());
        int64_t frac = g - rtc_floor_div(g, NS) * NS;
        if (frac >= NS - RTC_UIP_NS) {
            v |= REGA_UIP;
        }
    }
    return v;
}

static void rtc_write_reg_b(MC146818State *s, uint8_t val)
{
    uint8_t old = s->cmos[RTC_REG_B];
    if ((val & REGB_SET) && !(old & REGB_SET)) {
        rtc_current_tm(s, &s->set_tm);
        val &= ~REGB_UIE;         /* SET clears UIE */
    }
    s->cmos[RTC_REG_B] = val;
    if (!(val & REGB_SET) && (old & REGB_SET)) {
        /* The new time starts a fresh second now. */
        s->offset_ns = rtc_tm_to_ns(&s->set_tm) - clock_get_ns();
        s->flags_ns = clock_get_ns();
    }
}

static uint8_t rtc_data_read(MC146818State *s)
{
    int i = s->index;
    uint8_t v;
    switch (i) {
    case RTC_SEC: case RTC_MIN: case RTC_HOUR: case RTC_DOW:
    case RTC_DAY: case RTC_MONTH: case RTC_YEAR: case RTC_CENTURY:
        return rtc_read_time(s, i);
    case RTC_REG_A:
        return rtc_read_reg_a(s);
    case RTC_REG_C:
        rtc_lazy_flags(s);
        rtc_update_irq(s);
        v = s->cmos[RTC_REG_C];
        s->cmos[RTC_REG_C] = 0;   /* reading C clears every flag */
        rtc_update_irq(s);
        return v;
    case RTC_REG_D:
        return 0x80;              /* VRT: the battery is fine */
    default:
        return s->cmos[i];
    }
}

static void rtc_data_write(MC146818State *s, uint8_t val)
{
    int i = s->index;
    switch (i) {
    case RTC_SEC: case RTC_MIN: case RTC_HOUR: case RTC_DOW:
    case RTC_DAY: case RTC_MONTH: case RTC_YEAR: case RTC_CENTURY:
        rtc_write_time(s, i, val);
        break;
    case RTC_REG_A:
        rtc_lazy_flags(s);
        s->cmos[i] = val & 0x7f;
        break;
    case RTC_REG_B:
        rtc_lazy_flags(s);
        rtc_write_reg_b(s, val);
        break;
    case RTC_REG_C:
    case RTC_REG_D:
        return;                   /* read-only */
    default:
        s->cmos[i] = val;
        return;
    }
    rtc_update_irq(s);
    rtc_arm_timers(s);
}

static uint8_t rtc_read_byte(void *opaque, hwaddr off)
{
    MC146818State *s = opaque;
    return off == 1 ? rtc_data_read(s) : 0xff;
}

static void rtc_write_byte(void *opaque, hwaddr off, uint8_t val)
{
    MC146818State *s = opaque;
    if (off == 0) {
        s->index = val & 0x7f;
        s->nmi_masked = val & 0x80;
    } else if (off == 1) {
        rtc_data_write(s, val);
    }
}

static uint64_t rtc_read(void *opaque, hwaddr off, unsigned size)
{
    return hw_read_bytes(rtc_read_byte, opaque, off, size);
}

static void rtc_write(void *opaque, hwaddr off, uint64_t val, unsigned size)
{
    hw_write_bytes(rtc_write_byte, opaque, off, val, size);
}

static const MemoryOps rtc_ops = { rtc_read, rtc_write, 1 };

void mc146818_cmos_set(MC146818State *s, int addr, uint8_t val)
{
    if (addr >= 0x0e && addr < 0x80) {
        s->cmos[addr] = val;
    }
}

uint8_t mc146818_cmos_get(MC146818State *s, int addr)
{
    return (addr >= 0x0e && addr < 0x80) ? s->cmos[addr] : 0xff;
}

bool mc146818_nmi_masked(const MC146818State *s)
{
    return s->nmi_masked;
}

void mc146818_cmos_fill_pc(MC146818State *s, uint64_t ram_bytes)
{
    uint64_t ext_kib = ram_bytes > (1u << 20) ? (ram_bytes - (1u << 20)) / 1024 : 0;
    uint64_t high_64k = ram_bytes > (16u << 20) ? (ram_bytes - (16u << 20)) / 65536 : 0;
    if (ext_kib > 0xffff) {
        ext_kib = 0xffff;
    }
    if (high_64k > 0xffff) {
        high_64k = 0xffff;
    }
    s->cmos[0x14] = 0x06;                     /* FPU, PS/2 mouse, VGA */
    s->cmos[0x15] = 640 & 0xff;               /* base memory, KiB */
    s->cmos[0x16] = 640 >> 8;
    s->cmos[0x17] = s->cmos[0x30] = ext_kib & 0xff;
    s->cmos[0x18] = s->cmos[0x31] = ext_kib >> 8;
    s->cmos[0x34] = high_64k & 0xff;
    s->cmos[0x35] = high_64k >> 8;
    unsigned sum = 0;
    for (int i = 0x10; i <= 0x2d; i++) {
        sum += s->cmos[i];
    }
    s->cmos[0x2e] = sum >> 8;
    s->cmos[0x2f] = sum & 0xff;
}

void mc146818_reset(MC146818State *s)
{
    s->cmos[RTC_REG_B] &= ~(REGB_PIE | REGB_AIE | REGB_UIE | 0x08);
    s->cmos[RTC_REG_C] = 0;
    rtc_update_irq(s);
    rtc_arm_timers(s);
}

MC146818State *hw_mc146818_init(IRQLine irq8)
{
    MC146818State *s = calloc(1, sizeof(*s));
    if (!s) {
        abort();
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    s->irq = irq8;
    s->offset_ns = (int64_t)ts.tv_sec * NS + ts.tv_nsec - clock_get_ns();
    s->flags_ns = clock_get_ns();
    s->cmos[RTC_REG_A] = 0x26;                /* 32.768 kHz, 1024 Hz rate */
    s->cmos[RTC_REG_B] = REGB_24H;
    s->periodic = timer_new(rtc_periodic_cb, s);
    s->second = timer_new(rtc_second_cb, s);
    ioport_register(0x70, 2, &rtc_ops, s, "mc146818");
    return s;
}
