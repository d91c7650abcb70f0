/*
 * Interrupt lines between devices: a device raises or lowers a line; the
 * receiver (a PIC input, the CPU's INTR pin) is a callback with its input
 * number. Everything runs on the CPU thread, so no locking.
 */
#ifndef HW_IRQ_H
#define HW_IRQ_H

typedef struct IRQLine {
    void (*handler)(void *opaque, int n, int level);
    void *opaque;
    int n;
} IRQLine;

static inline void irq_set(IRQLine *l, int level)
{
    if (l && l->handler) {
        l->handler(l->opaque, l->n, level);
    }
}
static inline void irq_raise(IRQLine *l) { irq_set(l, 1); }
static inline void irq_lower(IRQLine *l) { irq_set(l, 0); }
static inline void irq_pulse(IRQLine *l) { irq_set(l, 1); irq_set(l, 0); }

#endif
