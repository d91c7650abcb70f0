/*
 * A 16550A UART (hw/char/serial.c) on a Chardev: FIFOs, interrupts,
 * loopback. The board places it (COM1 0x3f8/IRQ4, COM2 0x2f8/IRQ3).
 */
#ifndef HW_CHAR_SERIAL_H
#define HW_CHAR_SERIAL_H

#include <stdint.h>

#include "hw/irq.h"
#include "sysemu/chardev.h"

typedef struct SerialState SerialState;

/* Registers ports base..base+7 and takes the Chardev's input handlers.
 * chr may be NULL (-serial none: output dropped, no input). */
SerialState *hw_serial_init(uint16_t base, IRQLine irq, Chardev *chr);

/* Machine reset: registers as after the UART's master reset. */
void serial_reset(SerialState *s);

#endif
