/*
 * The device tests' stand-in for softmmu/memory.c and softmmu/chardev.c:
 * records what devices register and lets a test call their callbacks by
 * port or physical address; a fake Chardev captures output and injects
 * input. Virtual time is set by hand (clock_set_for_test).
 */
#ifndef HW_TEST_BUS_H
#define HW_TEST_BUS_H

#include <stddef.h>
#include <stdint.h>

#include "exec/memory.h"
#include "hw/irq.h"
#include "sysemu/chardev.h"

void bus_reset(void);                 /* forget every registration */
uint8_t inb(uint16_t port);
void outb(uint16_t port, uint8_t val);
uint32_t mmio_read32(hwaddr addr);   /* 0xffffffff where nothing is mapped */
void mmio_write32(hwaddr addr, uint32_t val);
int mmio_mapped(hwaddr addr);

/* Sets the virtual clock and runs the timers that are due. */
void bus_set_time(int64_t ns);

/* An IRQ line that records its level and the number of rising edges. */
typedef struct TestLine {
    IRQLine line;
    int level;
    int rises;
} TestLine;
void test_line_init(TestLine *t);

/* A fake chardev: bytes written are appended to out[]. */
struct Chardev {
    uint8_t out[4096];
    size_t out_len;
    int (*can_receive)(void *opaque);
    void (*receive)(void *opaque, const uint8_t *buf, size_t len);
    void *opaque;
};
void test_chardev_reset(Chardev *c);
/* Feeds as many bytes as the front end takes; returns how many. */
size_t test_chardev_send(Chardev *c, const uint8_t *buf, size_t len);

/* Compares and prints what was compared (every test says what it checked). */
#define HW_CHECK(what, got, expected) do { \
        long long g_ = (long long)(got), e_ = (long long)(expected); \
        printf("%s: got 0x%llx, expected 0x%llx%s\n", (what), g_, e_, \
               g_ == e_ ? "" : "  <-- MISMATCH"); \
        cr_expect_eq(g_, e_, "%s: got 0x%llx, expected 0x%llx", (what), g_, e_); \
    } while (0)

#endif
