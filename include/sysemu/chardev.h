/*
 * Character back ends for serial ports and the debug console (QEMU's
 * -serial stdio|file:PATH|none, -debugcon ...). A front end (a UART) writes
 * bytes and is handed bytes the back end receives, on the CPU thread.
 * With -nographic, stdio is multiplexed: Ctrl-A x quits, Ctrl-A h lists
 * the keys, Ctrl-A Ctrl-A sends one Ctrl-A (softmmu/chardev.c).
 */
#ifndef SYSEMU_CHARDEV_H
#define SYSEMU_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Chardev Chardev;

/* "stdio", "file:PATH", "none", "null"; NULL and an error line on a bad spec. */
Chardev *chardev_new(const char *spec);
void chardev_write(Chardev *c, const uint8_t *buf, size_t len);
/* The front end: can_receive says how many bytes it takes now; receive
 * gets them. */
void chardev_set_handlers(Chardev *c, int (*can_receive)(void *opaque),
                          void (*receive)(void *opaque, const uint8_t *buf, size_t len),
                          void *opaque);
/* Main loop: polls input of every chardev and feeds the front ends. */
void chardevs_poll(void);
/* Fills up to max struct pollfd with the input fds whose front end can
 * take bytes now; returns how many (0 if none). */
int chardevs_fill_pollfds(void *pollfds, int max);
/* Set before chardev_new("stdio") for -nographic: on a terminal, stdio
 * becomes the Ctrl-A mux and Ctrl-C goes to the guest. */
extern bool chardev_nographic;

#endif
