/*
 * System control port A (port 0x92, hw/misc/port92.c): fast A20 (bit 1)
 * and fast reset (bit 0, a 0->1 transition resets the CPU).
 */
#ifndef HW_MISC_PORT92_H
#define HW_MISC_PORT92_H

#include "hw/irq.h"

typedef struct Port92State Port92State;

/* Registers port 0x92. `a20` is set to bit 1 on every write; `reset` is
 * raised when bit 0 goes from 0 to 1. */
Port92State *hw_port92_init(IRQLine a20, IRQLine reset);

/* Machine reset: the register reads 0 (the board resets A20 itself). */
void port92_reset(Port92State *s);

#endif
