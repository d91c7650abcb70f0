/*
 * The PC keyboard controller (Intel 8042, hw/input/i8042.c) at ports 0x60
 * and 0x64 with a keyboard behind it (no mouse device yet): command byte,
 * self-tests, output port (A20, reset), keyboard commands.
 */
#ifndef HW_INPUT_I8042_H
#define HW_INPUT_I8042_H

#include <stdint.h>

#include "hw/irq.h"

typedef struct I8042State I8042State;

/* Registers ports 0x60 and 0x64. kbd_irq/mouse_irq are the 8259's inputs
 * 1 and 12; `a20` is set to the output port's A20 bit (1 = enabled) when
 * the guest writes it; `reset` is pulsed (raised) for a CPU reset (command
 * 0xfe, or output port bit 0 cleared). Unwired lines may be zero. */
I8042State *hw_i8042_init(IRQLine kbd_irq, IRQLine mouse_irq, IRQLine a20,
                          IRQLine reset);
/* Machine reset: command byte, output port (A20 on) and buffers as at
 * power-up; the A20 line is not driven (the board resets A20 itself). */
void i8042_reset(I8042State *s);
/* A scan code byte from the keyboard (for a future input back end). */
void i8042_keyboard_put(I8042State *s, uint8_t byte);

#endif
