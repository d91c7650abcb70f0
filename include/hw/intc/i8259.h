/*
 * The PC's master/slave Intel 8259A pair (hw/intc/i8259.c): inputs IRQ0-15
 * from devices, one output to the CPU's INTR (or the local APIC's LINT0),
 * and the acknowledge cycle the CPU runs when it takes the interrupt.
 */
#ifndef HW_INTC_I8259_H
#define HW_INTC_I8259_H

#include "hw/irq.h"

typedef struct I8259State I8259State;

/* Registers the master at ports 0x20-0x21, the slave at 0xa0-0xa1 (its INT
 * cascaded on the master's IR2) and the ELCR at 0x4d0-0x4d1. `intr` is the
 * pair's output, raised while an unmasked request is pending. */
I8259State *hw_i8259_init(IRQLine intr);
/* Input line n (0-15) for a device's init (IRQ2 is the cascade: devices
 * wired to "IRQ2/9" on the ISA bus use 9). Valid as long as the pair. */
IRQLine *i8259_input(I8259State *s, int n);
/* The acknowledge cycle: the vector the CPU takes (the spurious IRQ7 or
 * IRQ15 vector when the request went away), updating ISR/IRR. */
int i8259_get_interrupt(I8259State *s);
/* Machine reset: both chips uninitialized (IMR, IRR, ISR, ELCR clear,
 * vector base 0) until the guest's ICWs; input levels are kept. */
void i8259_reset(I8259State *s);
/* The output level (what was last sent on `intr`). */
int i8259_output(const I8259State *s);

#endif
