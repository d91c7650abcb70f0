/*
 * System control port A (port 0x92, hw/misc/port92.c): fast A20 (bit 1)
 * and fast reset (bit 0, a 0->1 transition resets the CPU).
 */
#ifndef HW_MISC_PORT92_H
#define HW_MISC_PORT92_H

#include "hw/irq.h"

typedef struct Port92State Port92State;

/* Registers port 0x92, reading 0x02 (A20 on) until written. `a20` is set
 * to bit 1 on every write; `reset` is pulsed when bit 0 goes from 0 to 1. */
Port92State *hw_port92_init(IRQLine a20, IRQLine reset);

/* Machine reset: reads 0x02 again (the board resets the A20 line itself). */
void port92_reset(Port92State *s);

#endif
