/*
 * The debug console port (Bochs' port 0xe9 hack, QEMU's isa-debugcon):
 * each write sends its low byte to the Chardev; reads return 0xe9, the
 * value by which a guest detects the port.
 */
#include <stdlib.h>

#include "exec/memory.h"
#include "hw/char/debugcon.h"

#define DEBUGCON_READBACK 0xe9

struct DebugconState {
    Chardev *chr;
};

static uint64_t debugcon_read(void *opaque, hwaddr off, unsigned size)
{
    return DEBUGCON_READBACK;
}

static void debugcon_write(void *opaque, hwaddr off, uint64_t val, unsigned size)
{
    DebugconState *s = opaque;
    uint8_t ch = val;
    if (s->chr) {
        chardev_write(s->chr, &ch, 1);
    }
}

static const MemoryOps debugcon_ops = { debugcon_read, debugcon_write, 1 };

DebugconState *hw_debugcon_init(uint16_t iobase, Chardev *chr)
{
    DebugconState *s = calloc(1, sizeof(*s));
    if (!s) {
        abort();
    }
    s->chr = chr;
    ioport_register(iobase, 1, &debugcon_ops, s, "debugcon");
    return s;
}
