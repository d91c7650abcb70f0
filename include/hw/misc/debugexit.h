/*
 * QEMU's isa-debug-exit (hw/misc/debugexit.c): a write of v to its port
 * ends the machine with status (v << 1) | 1. For tests and firmware.
 */
#ifndef HW_MISC_DEBUGEXIT_H
#define HW_MISC_DEBUGEXIT_H

#include <stdint.h>

typedef struct DebugExitState DebugExitState;

/* Registers iobase..iobase+iosize-1 (QEMU's device defaults are 0x501 and
 * 2; tests usually ask for iobase=0xf4,iosize=0x04). Reads return 0. The
 * board's exit_hook ends the machine with the status (the host keeps its
 * low 8 bits); it may return, in tests. */
DebugExitState *hw_debugexit_init(uint16_t iobase, uint16_t iosize,
                                  void (*exit_hook)(void *opaque, int status),
                                  void *opaque);

#endif
