/*
 * isa-debug-exit as in QEMU: writing v (any width up to 4 bytes) to the
 * port ends the machine with exit status (v << 1) | 1, through the board's
 * exit hook; reads return 0.
 */
#include <stdlib.h>

#include "exec/memory.h"
#include "hw/misc/debugexit.h"

struct DebugExitState {
    void (*exit_hook)(void *opaque, int status);
    void *opaque;
};

static uint64_t debugexit_read(void *opaque, hwaddr off, unsigned size)
{
    return 0;
}

static void debugexit_write(void *opaque, hwaddr off, uint64_t val, unsigned size)
{
    DebugExitState *s = opaque;
    if (s->exit_hook) {
        s->exit_hook(s->opaque, (int)(((uint32_t)val << 1) | 1));
    }
}

static const MemoryOps debugexit_ops = { debugexit_read, debugexit_write };

DebugExitState *hw_debugexit_init(uint16_t iobase, uint16_t iosize,
                                  void (*exit_hook)(void *opaque, int status),
                                  void *opaque)
{
    DebugExitState *s = calloc(1, sizeof(*s));
    if (!s) {
        abort();
    }
    s->exit_hook = exit_hook;
    s->opaque = opaque;
    ioport_register(iobase, iosize ? iosize : 1, &debugexit_ops, s, "isa-debug-exit");
    return s;
}
