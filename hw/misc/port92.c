/*
 * System control port A at 0x92 (PS/2 and later chipsets): bit 1 gates
 * A20 ("fast A20"), bit 0 resets the CPU on a 0->1 write (and reads as 0
 * after the reset). Reads return the last value written otherwise.
 */
#include <stdlib.h>

#include "exec/memory.h"
#include "hw/misc/port92.h"

struct Port92State {
    uint8_t value;
    IRQLine a20, reset;
};

static uint64_t port92_read(void *opaque, hwaddr off, unsigned size)
{
    Port92State *s = opaque;
    return s->value;
}

static void port92_write(void *opaque, hwaddr off, uint64_t val, unsigned size)
{
    Port92State *s = opaque;
    uint8_t old = s->value;
    s->value = val & 0xff;
    irq_set(&s->a20, (val >> 1) & 1);
    if ((val & 1) && !(old & 1)) {
        irq_pulse(&s->reset);
        s->value &= ~1;        /* the reset clears it again */
    }
}

/* Fast A20 on, as a BIOS leaves it (the board starts with A20 enabled). */
void port92_reset(Port92State *s)
{
    s->value = 0x02;
}

static const MemoryOps port92_ops = { port92_read, port92_write, 1 };

Port92State *hw_port92_init(IRQLine a20, IRQLine reset)
{
    Port92State *s = calloc(1, sizeof(*s));
    if (!s) {
        abort();
    }
    s->a20 = a20;
    s->reset = reset;
    port92_reset(s);
    ioport_register(0x92, 1, &port92_ops, s, "port92");
    return s;
}
