/*
 * Intel 8254 PIT (datasheet 231164): three 16-bit down counters at
 * 1.193182 MHz, modes 0-5, binary/BCD, latch and read-back commands, and
 * the PC's port 0x61. A counter's state is computed from the virtual time
 * since its count was loaded; channel 0's OUT edges come from a timer.
 */
#include <stdlib.h>

#include "exec/memory.h"
#include "hw/byte-ports.h"
#include "hw/timer/i8254.h"
#include "sysemu/timer.h"

enum { RW_LATCH = 0, RW_LSB = 1, RW_MSB = 2, RW_WORD = 3 };

typedef struct PITChannel {
    uint8_t mode, rw, bcd;
    uint32_t count;          /* reload value: 1..65536 (1..10000 in BCD) */
    int64_t load_ns;         /* when counting (re)started */
    bool counting;           /* a count was written (and, modes 1/5, triggered) */
    bool gate;
    int64_t frozen_ticks;    /* modes 0/4 with gate low: ticks done, or -1 */
    bool null_count;         /* count written but not yet loaded (status bit 6) */
    uint8_t write_lsb_pending, write_lsb;  /* RW_WORD: first byte written */
    bool read_msb_next;      /* RW_WORD: next read gives the MSB */
    int latched_bytes;       /* 2/1 bytes of latched_count left, 0 = none */
    uint16_t latched_count;
    bool status_latched;
    uint8_t status;
    int out;                 /* last OUT sent (channel 0: on irq0) */
} PITChannel;

struct I8254State {
    PITChannel ch[3];
    IRQLine irq0;
    Timer *timer;            /* channel 0's next OUT transition */
    int64_t edge_tick;       /* ... at this tick since load */
    uint8_t port61;          /* written bits 0-3 */
};

static int64_t pit_ticks(int64_t ns)
{
    return (int64_t)((__int128)ns * I8254_FREQ_HZ / NANOSECONDS_PER_SECOND);
}

/* The first instant at which pit_ticks(elapsed) >= ticks. */
static int64_t pit_ticks_to_ns(int64_t ticks)
{
    __int128 num = (__int128)ticks * NANOSECONDS_PER_SECOND;
    return (int64_t)((num + I8254_FREQ_HZ - 1) / I8254_FREQ_HZ);
}

/* Ticks counted since load (held while a gate-sensitive mode is gated). */
static int64_t pit_elapsed(const PITChannel *c, int64_t now)
{
    if (c->frozen_ticks >= 0) {
        return c->frozen_ticks;
    }
    return pit_ticks(now - c->load_ns);
}

static uint32_t pit_modulus(const PITChannel *c)
{
    return c->bcd ? 10000 : 65536;
}

/* The counting element's value (what a latch captures). */
static uint32_t pit_counter(const PITChannel *c, int64_t now)
{
    if (!c->counting) {
        return c->count % pit_modulus(c);
    }
    int64_t d = pit_elapsed(c, now);
    uint32_t n = c->count, v;
    switch (c->mode) {
    case 2:
        v = n - (uint32_t)(d % n);
        break;
    case 3: {
        /* Decrements by two; each half period reloads. */
        uint32_t half = (n + 1) / 2, m = (uint32_t)(d % n);
        v = m < half ? n - 2 * m : n - 2 * (m - half);
        v &= ~1u;
        if (v == 0) {
            v = n & ~1u;
        }
        break;
    }
    default:   /* 0, 1, 4, 5: count down and wrap */
        v = (uint32_t)((n - d % pit_modulus(c) + pit_modulus(c)) % pit_modulus(c));
        break;
    }
    return v % pit_modulus(c);
}

/* OUT after `d` ticks of counting. */
static int pit_out_at(const PITChannel *c, int64_t d)
{
    uint32_t n = c->count;
    switch (c->mode) {
    case 0:
    case 1:
        return d >= n;
    case 2:
        return !c->gate || d % n != n - 1;
    case 3:
        return !c->gate || d % n < (n + 1) / 2;
    default:   /* 4, 5: one clock low at terminal count */
        return d != n;
    }
}

static int pit_out(const PITChannel *c, int64_t now)
{
    if (!c->counting) {
        /* After a control word: mode 0 OUT low, others high. Mode 0 also
         * stays low while its count is being written. */
        return c->mode != 0;
    }
    return pit_out_at(c, pit_elapsed(c, now));
}

/* Ticks since load of OUT's next change after `d`, or -1. */
static int64_t pit_next_edge(const PITChannel *c, int64_t d)
{
    uint32_t n = c->count;
    int64_t base;
    switch (c->mode) {
    case 0:
    case 1:
        return d < n ? n : -1;
    case 2:
        if (n < 2) {
            return -1;      /* count 1 is illegal in modes 2 and 3 */
        }
        base = d - d % n;
        return d % n < n - 1 ? base + n - 1 : base + n;
    case 3:
        if (n < 2) {
            return -1;
        }
        base = d - d % n;
        return d % n < (n + 1) / 2 ? base + (n + 1) / 2 : base + n;
    default:
        return d < n ? n : d == n ? n + 1 : -1;
    }
}

static void pit_set_out0(I8254State *s, int out)
{
    if (out != s->ch[0].out) {
        s->ch[0].out = out;
        irq_set(&s->irq0, out);
    }
}

/* Channel 0: arm the timer for OUT's change at tick `next` (-1: none). */
static void pit_arm_at(I8254State *s, int64_t next)
{
    PITChannel *c = &s->ch[0];
    timer_del(s->timer);
    if (next < 0 || !c->counting || c->frozen_ticks >= 0 ||
        (!c->gate && (c->mode == 2 || c->mode == 3))) {
        return;
    }
    s->edge_tick = next;
    timer_mod(s->timer, c->load_ns + pit_ticks_to_ns(next));
}

/* Channel 0 was reprogrammed: OUT as of now, and its next change. */
static void pit_update_irq(I8254State *s)
{
    PITChannel *c = &s->ch[0];
    int64_t now = clock_get_ns();
    pit_set_out0(s, pit_out(c, now));
    pit_arm_at(s, c->counting ? pit_next_edge(c, pit_elapsed(c, now)) : -1);
}

/* An OUT edge is due: deliver that edge even when the main loop is late
 * (a 1-clock low pulse of mode 2 must still make a rising edge on IRQ0),
 * then the next one; whole periods missed are skipped, not replayed. */
static void pit_timer_cb(void *opaque)
{
    I8254State *s = opaque;
    PITChannel *c = &s->ch[0];
    int64_t d_now = pit_elapsed(c, clock_get_ns());
    pit_set_out0(s, pit_out_at(c, s->edge_tick));
    int64_t next = pit_next_edge(c, s->edge_tick);
    if (next >= 0 && (c->mode == 2 || c->mode == 3) && next + c->count <= d_now) {
        next += (d_now - next) / c->count * c->count;
    }
    pit_arm_at(s, next);
}

static void pit_channel_changed(I8254State *s, int n)
{
    if (n == 0) {
        pit_update_irq(s);
    }
}

static uint16_t pit_to_bcd(uint32_t v)
{
    return (v % 10) | (v / 10 % 10) << 4 | (v / 100 % 10) << 8 | (v / 1000 % 10) << 12;
}

static uint32_t pit_from_bcd(uint16_t v)
{
    return (v & 0xf) + (v >> 4 & 0xf) * 10 + (v >> 8 & 0xf) * 100 + (v >> 12 & 0xf) * 1000;
}

/* The value a read or latch sees: the counter in the channel's format. */
static uint16_t pit_read_value(const PITChannel *c, int64_t now)
{
    uint32_t v = pit_counter(c, now);
    return c->bcd ? pit_to_bcd(v) : (uint16_t)v;
}

static void pit_load_count(I8254State *s, int n, uint16_t raw)
{
    PITChannel *c = &s->ch[n];
    uint32_t v = c->bcd ? pit_from_bcd(raw) : raw;
    if (v == 0) {
        v = pit_modulus(c);
    }
    c->count = v;
    c->null_count = false;
    c->frozen_ticks = -1;
    c->load_ns = clock_get_ns();
    /* Modes 1 and 5 wait for a gate trigger (the first rising edge). */
    c->counting = !(c->mode == 1 || c->mode == 5);
    if ((c->mode == 0 || c->mode == 4) && !c->gate) {
        c->frozen_ticks = 0;
    }
    pit_channel_changed(s, n);
}

void i8254_set_gate(I8254State *s, int n, int level)
{
    PITChannel *c = &s->ch[n];
    int64_t now = clock_get_ns();
    level = !!level;
    if (level == c->gate) {
        return;
    }
    /* Gate rules per mode (datasheet "Gate pin operations summary"). */
    switch (c->mode) {
    case 0:
    case 4:
        if (!level && c->counting) {
            c->frozen_ticks = pit_elapsed(c, now);
        } else if (level && c->frozen_ticks >= 0) {
            c->load_ns = now - pit_ticks_to_ns(c->frozen_ticks);
            c->frozen_ticks = -1;
        }
        break;
    case 1:
    case 5:
        if (level && !c->null_count && c->count) {
            c->load_ns = now;           /* (re)trigger */
            c->counting = true;
        }
        break;
    default:  /* 2, 3: low forces OUT high; rising edge reloads */
        if (level && c->counting) {
            c->load_ns = now;
        }
        break;
    }
    c->gate = level;
    pit_channel_changed(s, n);
}

int i8254_get_out(I8254State *s, int n)
{
    return pit_out(&s->ch[n], clock_get_ns());
}

static void pit_latch_count(PITChannel *c, int64_t now)
{
    if (c->latched_bytes == 0) {
        c->latched_count = pit_read_value(c, now);
        c->latched_bytes = c->rw == RW_WORD ? 2 : 1;
    }
}

static void pit_latch_status(PITChannel *c, int64_t now)
{
    if (!c->status_latched) {
        c->status = (pit_out(c, now) << 7) | (c->null_count << 6) |
                    (c->rw << 4) | (c->mode << 1) | c->bcd;
        c->status_latched = true;
    }
}

static void pit_write_control(I8254State *s, uint8_t val)
{
    int64_t now = clock_get_ns();
    int sc = val >> 6;
    if (sc == 3) {   /* read-back: bit 5 = !COUNT, bit 4 = !STATUS */
        for (int n = 0; n < 3; n++) {
            if (val & (2 << n)) {
                if (!(val & 0x10)) {
                    pit_latch_status(&s->ch[n], now);
                }
                if (!(val & 0x20)) {
                    pit_latch_count(&s->ch[n], now);
                }
            }
        }
        return;
    }
    PITChannel *c = &s->ch[sc];
    int rw = (val >> 4) & 3;
    if (rw == RW_LATCH) {
        pit_latch_count(c, now);
        return;
    }
    c->rw = rw;
    c->mode = (val >> 1) & 7;
    if (c->mode > 5) {
        c->mode -= 4;    /* 6, 7 are aliases of 2, 3 */
    }
    c->bcd = val & 1;
    c->counting = false;
    c->null_count = true;
    c->frozen_ticks = -1;
    c->write_lsb_pending = 0;
    c->read_msb_next = false;
    c->latched_bytes = 0;
    c->status_latched = false;
    pit_channel_changed(s, sc);
}

static void pit_write_counter(I8254State *s, int n, uint8_t val)
{
    PITChannel *c = &s->ch[n];
    switch (c->rw) {
    case RW_LSB:
        pit_load_count(s, n, val);
        break;
    case RW_MSB:
        pit_load_count(s, n, val << 8);
        break;
    default:
        if (!c->write_lsb_pending) {
            c->write_lsb = val;
            c->write_lsb_pending = 1;
            if (c->mode == 0) {   /* writing the first byte stops mode 0 */
                c->counting = false;
                pit_channel_changed(s, n);
            }
        } else {
            c->write_lsb_pending = 0;
            pit_load_count(s, n, c->write_lsb | val << 8);
        }
        break;
    }
}

static uint8_t pit_read_counter(I8254State *s, int n)
{
    PITChannel *c = &s->ch[n];
    if (c->status_latched) {
        c->status_latched = false;
        return c->status;
    }
    if (c->latched_bytes) {
        uint8_t v;
        if (c->rw == RW_MSB) {
            v = c->latched_count >> 8;
        } else if (c->rw == RW_WORD && c->latched_bytes == 1) {
            v = c->latched_count >> 8;
        } else {
            v = c->latched_count;
        }
        c->latched_bytes--;
        return v;
    }
    uint16_t v = pit_read_value(c, clock_get_ns());
    switch (c->rw) {
    case RW_LSB:
        return v;
    case RW_MSB:
        return v >> 8;
    default:
        c->read_msb_next = !c->read_msb_next;
        return c->read_msb_next ? (uint8_t)v : v >> 8;
    }
}

static uint8_t pit_read_byte(void *opaque, hwaddr off)
{
    return off < 3 ? pit_read_counter(opaque, off) : 0xff;
}

static void pit_write_byte(void *opaque, hwaddr off, uint8_t val)
{
    if (off < 3) {
        pit_write_counter(opaque, off, val);
    } else if (off == 3) {
        pit_write_control(opaque, val);
    }
}

static uint64_t pit_read(void *opaque, hwaddr off, unsigned size)
{
    return hw_read_bytes(pit_read_byte, opaque, off, size);
}

static void pit_write(void *opaque, hwaddr off, uint64_t val, unsigned size)
{
    hw_write_bytes(pit_write_byte, opaque, off, val, size);
}

/* Port 0x61 (system control port B): bit 0 gate 2, bit 1 speaker data,
 * bits 2-3 parity/IOCHK enables; reads add bit 4 (refresh request, toggling
 * every 15.085 us) and bit 5 (channel 2 OUT). */
#define PIT_REFRESH_NS 15085

static uint64_t port61_read(void *opaque, hwaddr off, unsigned size)
{
    I8254State *s = opaque;
    int64_t now = clock_get_ns();
    uint8_t v = s->port61 & 0x0f;
    if ((now / PIT_REFRESH_NS) & 1) {
        v |= 0x10;
    }
    if (i8254_get_out(s, 2)) {
        v |= 0x20;
    }
    return v;
}

static void port61_write(void *opaque, hwaddr off, uint64_t val, unsigned size)
{
    I8254State *s = opaque;
    s->port61 = val & 0x0f;
    i8254_set_gate(s, 2, val & 1);
}

static const MemoryOps pit_ops = { pit_read, pit_write, 1 };
static const MemoryOps port61_ops = { port61_read, port61_write, 1 };

void i8254_reset(I8254State *s)
{
    s->port61 = 0;
    /* As a BIOS leaves it (and QEMU resets it): every channel in mode 3
     * with count 65536, OUT high; channel 0 ticks IRQ0 at 18.2 Hz. */
    for (int n = 0; n < 3; n++) {
        PITChannel *c = &s->ch[n];
        *c = (PITChannel){ 0 };
        c->gate = n != 2;     /* channels 0 and 1: gate tied high */
        c->frozen_ticks = -1;
        c->rw = RW_WORD;
        c->mode = 3;
        c->out = 1;
        pit_load_count(s, n, 0);
    }
    irq_set(&s->irq0, 1);
}

I8254State *hw_i8254_init(IRQLine irq0)
{
    I8254State *s = calloc(1, sizeof(*s));
    if (!s) {
        abort();
    }
    s->irq0 = irq0;
    s->timer = timer_new(pit_timer_cb, s);
    i8254_reset(s);
    ioport_register(0x40, 4, &pit_ops, s, "i8254");
    ioport_register(0x61, 1, &port61_ops, s, "port61");
    return s;
}
