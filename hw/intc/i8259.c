/*
 * The PC's two Intel 8259A PICs (datasheet 231468): the slave's INT is the
 * master's IR2; the master's INT is the `intr` line to the CPU or LAPIC.
 * ICW1-4, OCW1-3, edge/level (ICW1.LTIM or the ELCR), AEOI, rotation,
 * special mask, special fully nested mode, poll, spurious IRQ7/15.
 */
#include <stdlib.h>

#include "exec/memory.h"
#include "hw/byte-ports.h"
#include "hw/intc/i8259.h"

typedef struct PICChip {
    uint8_t input;          /* current input levels */
    uint8_t irr, isr, imr;
    uint8_t elcr, elcr_mask;
    uint8_t vector_base;    /* ICW2 & 0xf8 */
    uint8_t priority_add;   /* IR with the highest priority (rotation) */
    uint8_t init_step;      /* 0 ready, 2/3/4: the ICW expected next */
    bool ltim, single, icw4;
    bool auto_eoi, rotate_on_aeoi, sfnm;
    bool special_mask, read_isr, poll;
} PICChip;

struct I8259State {
    PICChip chip[2];        /* 0 master, 1 slave */
    IRQLine in[16];
    IRQLine intr;
    int out;
};

static bool pic_is_level(const PICChip *c, int irq)
{
    return c->ltim || (c->elcr & (1 << irq));
}

/* 0 = highest priority ... 7 = lowest, relative to the rotation; 8 if
 * none of `mask` is set. */
static int pic_priority(const PICChip *c, uint8_t mask)
{
    for (int p = 0; p < 8; p++) {
        if (mask & (1 << ((p + c->priority_add) & 7))) {
            return p;
        }
    }
    return 8;
}

/* The IR the chip would present now, or -1 (8259A "Interrupt sequence":
 * highest priority unmasked IRR bit above every ISR bit that counts). */
static int pic_pending(const PICChip *c, bool is_master)
{
    int p = pic_priority(c, c->irr & ~c->imr);
    if (p == 8) {
        return -1;
    }
    uint8_t in_service = c->isr;
    if (c->special_mask) {
        in_service &= ~c->imr;   /* OCW3 SMM: masked levels do not block */
    }
    if (is_master && c->sfnm) {
        in_service &= ~(1 << 2); /* ICW4 SFNM: the slave may nest */
    }
    if (p < pic_priority(c, in_service)) {
        return (p + c->priority_add) & 7;
    }
    return -1;
}

static void pic_update(I8259State *s)
{
    PICChip *m = &s->chip[0];
    /* The cascade input follows the slave's INT as a level. */
    if (pic_pending(&s->chip[1], false) >= 0) {
        m->irr |= 1 << 2;
    } else {
        m->irr &= ~(1 << 2);
    }
    int out = pic_pending(m, true) >= 0;
    if (out != s->out) {
        s->out = out;
        irq_set(&s->intr, out);
    }
}

static void pic_set_input(void *opaque, int n, int level)
{
    I8259State *s = opaque;
    PICChip *c = &s->chip[n >> 3];
    int irq = n & 7;
    uint8_t mask = 1 << irq;

    if (pic_is_level(c, irq)) {
        if (level) {
            c->irr |= mask;
        } else {
            c->irr &= ~mask;
        }
    } else if (level && !(c->input & mask)) {
        c->irr |= mask;      /* rising edge latches the request */
    }
    if (level) {
        c->input |= mask;
    } else {
        c->input &= ~mask;
    }
    pic_update(s);
}

/* The INTA pulses for `irq` on one chip. */
static void pic_intack(PICChip *c, int irq)
{
    if (c->auto_eoi) {
        if (c->rotate_on_aeoi) {
            c->priority_add = (irq + 1) & 7;
        }
    } else {
        c->isr |= 1 << irq;
    }
    if (!pic_is_level(c, irq)) {
        c->irr &= ~(1 << irq);
    }
}

int i8259_get_interrupt(I8259State *s)
{
    PICChip *m = &s->chip[0], *sl = &s->chip[1];
    int irq = pic_pending(m, true);
    int vector;

    if (irq < 0) {
        vector = m->vector_base + 7;            /* spurious IRQ7 */
    } else if (irq == 2) {
        int irq2 = pic_pending(sl, false);
        if (irq2 >= 0) {
            pic_intack(sl, irq2);
            vector = sl->vector_base + irq2;
        } else {
            vector = sl->vector_base + 7;       /* spurious IRQ15 */
        }
        pic_intack(m, 2);
    } else {
        pic_intack(m, irq);
        vector = m->vector_base + irq;
    }
    pic_update(s);
    return vector;
}

int i8259_output(const I8259State *s)
{
    return s->out;
}

IRQLine *i8259_input(I8259State *s, int n)
{
    return (n >= 0 && n < 16) ? &s->in[n] : NULL;
}

/* OCW3 poll: the next read is 0x80 | level (an acknowledge), or 0. */
static uint8_t pic_poll(I8259State *s, int which)
{
    PICChip *c = &s->chip[which];
    int irq = pic_pending(c, which == 0);
    c->poll = false;
    if (irq < 0) {
        return 0;
    }
    pic_intack(c, irq);
    pic_update(s);
    return 0x80 | irq;
}

static void pic_write_icw1(PICChip *c, uint8_t val)
{
    /* "Initialization Command Words": edge sense reset, IMR cleared, IR7
     * lowest priority, special mask cleared, status read = IRR. */
    c->ltim = val & 0x08;
    c->single = val & 0x02;
    c->icw4 = val & 0x01;
    c->imr = 0;
    c->isr = 0;
    c->irr = 0;
    c->priority_add = 0;
    c->special_mask = c->read_isr = c->poll = false;
    c->rotate_on_aeoi = false;
    if (!c->icw4) {
        c->auto_eoi = c->sfnm = false;
    }
    /* Inputs already high need a new rising edge; level inputs stay. */
    for (int irq = 0; irq < 8; irq++) {
        if (pic_is_level(c, irq)) {
            c->irr |= c->input & (1 << irq);
        }
    }
    c->init_step = 2;
}

static void pic_write_ocw2(PICChip *c, uint8_t val)
{
    int level = val & 7;
    int highest = pic_priority(c, c->isr);
    int hi_irq = (highest + c->priority_add) & 7;

    switch (val >> 5) {
    case 1:  /* non-specific EOI */
    case 5:  /* rotate on non-specific EOI */
        if (highest < 8) {
            c->isr &= ~(1 << hi_irq);
            if (val >> 5 == 5) {
                c->priority_add = (hi_irq + 1) & 7;
            }
        }
        break;
    case 3:  /* specific EOI */
        c->isr &= ~(1 << level);
        break;
    case 7:  /* rotate on specific EOI */
        c->isr &= ~(1 << level);
        c->priority_add = (level + 1) & 7;
        break;
    case 6:  /* set priority: `level` becomes the lowest */
        c->priority_add = (level + 1) & 7;
        break;
    case 4:
        c->rotate_on_aeoi = true;
        break;
    case 0:
        c->rotate_on_aeoi = false;
        break;
    default: /* 2: no operation */
        break;
    }
}

static void pic_write_data(PICChip *c, uint8_t val)
{
    switch (c->init_step) {
    case 2:
        c->vector_base = val & 0xf8;
        c->init_step = !c->single ? 3 : c->icw4 ? 4 : 0;
        break;
    case 3:   /* ICW3: the cascade wiring is fixed on the PC */
        c->init_step = c->icw4 ? 4 : 0;
        break;
    case 4:
        c->auto_eoi = val & 0x02;
        c->sfnm = val & 0x10;
        c->init_step = 0;
        break;
    default:  /* OCW1 */
        c->imr = val;
        break;
    }
}

static void pic_write_byte(I8259State *s, int which, hwaddr offset, uint8_t val)
{
    PICChip *c = &s->chip[which];
    if (offset == 1) {
        pic_write_data(c, val);
    } else if (offset == 0) {
        if (val & 0x10) {
            pic_write_icw1(c, val);
        } else if (val & 0x08) {      /* OCW3 */
            if (val & 0x04) {
                c->poll = true;
            }
            if (val & 0x02) {
                c->read_isr = val & 0x01;
            }
            if (val & 0x40) {
                c->special_mask = val & 0x20;
            }
        } else {
            pic_write_ocw2(c, val);
        }
    }
    pic_update(s);
}

static uint8_t pic_read_byte(I8259State *s, int which, hwaddr offset)
{
    PICChip *c = &s->chip[which];
    if (c->poll) {
        return pic_poll(s, which);
    }
    if (offset == 0) {
        return c->read_isr ? c->isr : c->irr;
    }
    return offset == 1 ? c->imr : 0xff;
}

static uint8_t master_read(void *o, hwaddr off) { return pic_read_byte(o, 0, off); }
static uint8_t slave_read(void *o, hwaddr off) { return pic_read_byte(o, 1, off); }
static void master_write(void *o, hwaddr off, uint8_t v) { pic_write_byte(o, 0, off, v); }
static void slave_write(void *o, hwaddr off, uint8_t v) { pic_write_byte(o, 1, off, v); }

static uint64_t pic_master_read(void *o, hwaddr off, unsigned size)
{
    return hw_read_bytes(master_read, o, off, size);
}
static void pic_master_write(void *o, hwaddr off, uint64_t v, unsigned size)
{
    hw_write_bytes(master_write, o, off, v, size);
}
static uint64_t pic_slave_read(void *o, hwaddr off, unsigned size)
{
    return hw_read_bytes(slave_read, o, off, size);
}
static void pic_slave_write(void *o, hwaddr off, uint64_t v, unsigned size)
{
    hw_write_bytes(slave_write, o, off, v, size);
}

/* ELCR (PIIX edge/level control): port 0x4d0 master, 0x4d1 slave. */
static uint8_t elcr_read(void *o, hwaddr off)
{
    I8259State *s = o;
    return off < 2 ? s->chip[off].elcr : 0xff;
}
static void elcr_write(void *o, hwaddr off, uint8_t v)
{
    I8259State *s = o;
    if (off < 2) {
        PICChip *c = &s->chip[off];
        c->elcr = v & c->elcr_mask;
        for (int irq = 0; irq < 8; irq++) {  /* a level input's IRR = level */
            if (pic_is_level(c, irq)) {
                c->irr = (c->irr & ~(1 << irq)) | (c->input & (1 << irq));
            }
        }
        pic_update(s);
    }
}
static uint64_t pic_elcr_read(void *o, hwaddr off, unsigned size)
{
    return hw_read_bytes(elcr_read, o, off, size);
}
static void pic_elcr_write(void *o, hwaddr off, uint64_t v, unsigned size)
{
    hw_write_bytes(elcr_write, o, off, v, size);
}

static const MemoryOps pic_master_ops = { pic_master_read, pic_master_write, 1 };
static const MemoryOps pic_slave_ops = { pic_slave_read, pic_slave_write, 1 };
static const MemoryOps pic_elcr_ops = { pic_elcr_read, pic_elcr_write, 1 };

void i8259_reset(I8259State *s)
{
    for (int i = 0; i < 2; i++) {
        PICChip *c = &s->chip[i];
        uint8_t input = c->input, mask = c->elcr_mask;
        *c = (PICChip){ .input = input, .elcr_mask = mask };
    }
    pic_update(s);
}

I8259State *hw_i8259_init(IRQLine intr)
{
    I8259State *s = calloc(1, sizeof(*s));
    if (!s) {
        abort();
    }
    s->intr = intr;
    s->chip[0].elcr_mask = 0xf8;   /* IRQ0-2 are always edge */
    s->chip[1].elcr_mask = 0xde;   /* IRQ8 and IRQ13 are always edge */
    for (int n = 0; n < 16; n++) {
        s->in[n] = (IRQLine){ pic_set_input, s, n };
    }
    ioport_register(0x20, 2, &pic_master_ops, s, "i8259-master");
    ioport_register(0xa0, 2, &pic_slave_ops, s, "i8259-slave");
    ioport_register(0x4d0, 2, &pic_elcr_ops, s, "i8259-elcr");
    return s;
}
