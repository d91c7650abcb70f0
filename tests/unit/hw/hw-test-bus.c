/*
 * Fake port space, MMIO map and chardev for the device tests (see
 * hw-test-bus.h). Each test starts with bus_reset().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw-test-bus.h"
#include "sysemu/timer.h"

typedef struct BusRange {
    hwaddr first, count;
    const MemoryOps *ops;
    void *opaque;
    int is_mmio;
} BusRange;

static BusRange ranges[64];
static int nranges;

void bus_reset(void)
{
    nranges = 0;
    clock_set_for_test(0);
}

static void bus_add(hwaddr first, hwaddr count, const MemoryOps *ops,
                    void *opaque, int is_mmio)
{
    if (nranges == 64) {
        fprintf(stderr, "hw-test-bus: too many ranges\n");
        exit(1);
    }
    ranges[nranges++] = (BusRange){ first, count, ops, opaque, is_mmio };
}

static BusRange *bus_find(hwaddr addr, int is_mmio)
{
    for (int i = nranges - 1; i >= 0; i--) {   /* later ones win */
        BusRange *r = &ranges[i];
        if (r->is_mmio == is_mmio && r->ops && addr >= r->first &&
            addr < r->first + r->count) {
            return r;
        }
    }
    return NULL;
}

void ioport_register(uint16_t first, uint32_t count, const MemoryOps *ops,
                     void *opaque, const char *name)
{
    bus_add(first, count, ops, opaque, 0);
}

void mem_map_mmio(hwaddr base, hwaddr size, const MemoryOps *ops, void *opaque,
                  const char *name)
{
    bus_add(base, size, ops, opaque, 1);
}

void mem_map_remove(hwaddr base, hwaddr size)
{
    for (int i = 0; i < nranges; i++) {
        if (ranges[i].is_mmio && ranges[i].first == base) {
            ranges[i].ops = NULL;
        }
    }
}

uint32_t ioport_read(uint16_t port, unsigned size)
{
    BusRange *r = bus_find(port, 0);
    if (!r || !r->ops->read) {
        return size == 1 ? 0xff : size == 2 ? 0xffff : 0xffffffff;
    }
    return r->ops->read(r->opaque, port - r->first, size);
}

void ioport_write(uint16_t port, uint32_t val, unsigned size)
{
    BusRange *r = bus_find(port, 0);
    if (r && r->ops->write) {
        r->ops->write(r->opaque, port - r->first, val, size);
    }
}

uint8_t inb(uint16_t port) { return ioport_read(port, 1); }
void outb(uint16_t port, uint8_t val) { ioport_write(port, val, 1); }

uint32_t mmio_read32(hwaddr addr)
{
    BusRange *r = bus_find(addr, 1);
    return r ? r->ops->read(r->opaque, addr - r->first, 4) : 0xffffffff;
}

void mmio_write32(hwaddr addr, uint32_t val)
{
    BusRange *r = bus_find(addr, 1);
    if (r) {
        r->ops->write(r->opaque, addr - r->first, val, 4);
    }
}

int mmio_mapped(hwaddr addr)
{
    return bus_find(addr, 1) != NULL;
}

void bus_set_time(int64_t ns)
{
    clock_set_for_test(ns);
    timers_run_expired();
}

static void test_line_handler(void *opaque, int n, int level)
{
    TestLine *t = opaque;
    if (level && !t->level) {
        t->rises++;
    }
    t->level = level;
}

void test_line_init(TestLine *t)
{
    memset(t, 0, sizeof(*t));
    t->line = (IRQLine){ test_line_handler, t, 0 };
}

void chardev_write(Chardev *c, const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len && c->out_len < sizeof(c->out); i++) {
        c->out[c->out_len++] = buf[i];
    }
}

void chardev_set_handlers(Chardev *c, int (*can_receive)(void *opaque),
                          void (*receive)(void *opaque, const uint8_t *buf, size_t len),
                          void *opaque)
{
    c->can_receive = can_receive;
    c->receive = receive;
    c->opaque = opaque;
}

void test_chardev_reset(Chardev *c)
{
    memset(c, 0, sizeof(*c));
}

size_t test_chardev_send(Chardev *c, const uint8_t *buf, size_t len)
{
    int room = c->can_receive ? c->can_receive(c->opaque) : 0;
    size_t n = len < (size_t)room ? len : (size_t)room;
    if (n) {
        c->receive(c->opaque, buf, n);
    }
    return n;
}
