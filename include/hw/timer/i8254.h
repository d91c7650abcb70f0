/*
 * Intel 8254 programmable interval timer (hw/timer/i8254.c) and the PC's
 * port 0x61 (speaker gate = channel 2 gate, channel 2 output, refresh
 * toggle). 1.193182 MHz on the virtual clock, timers instead of polling.
 */
#ifndef HW_TIMER_I8254_H
#define HW_TIMER_I8254_H

#include <stdint.h>

#include "hw/irq.h"

#define I8254_FREQ_HZ 1193182

typedef struct I8254State I8254State;

/* Registers ports 0x40-0x43 and 0x61. Channel 0's OUT drives `irq0`
 * (the 8259's input 0); channel 0 and 1 gates are tied high. Every channel
 * starts as a BIOS leaves it: mode 3, count 65536 (channel 0: 18.2 Hz). */
I8254State *hw_i8254_init(IRQLine irq0);
/* Machine reset: back to that power-up state (port 0x61 cleared). */
void i8254_reset(I8254State *s);
/* Channel n's gate input and output (port 0x61 uses channel 2's). */
void i8254_set_gate(I8254State *s, int channel, int level);
int i8254_get_out(I8254State *s, int channel);

#endif
