/*
 * The Bochs/QEMU debug console (hw/char/debugcon.c): bytes written to the
 * port go to a Chardev (-debugcon); reads return 0xe9 so a guest can
 * detect it.
 */
#ifndef HW_CHAR_DEBUGCON_H
#define HW_CHAR_DEBUGCON_H

#include <stdint.h>

#include "sysemu/chardev.h"

typedef struct DebugconState DebugconState;

/* Registers port iobase (0xe9 on the PC); chr may be NULL (output dropped). */
DebugconState *hw_debugcon_init(uint16_t iobase, Chardev *chr);

#endif
