/*
 * The gdb stub of the system emulators (softmmu/gdb.c): QEMU's -s, -S and
 * -gdb tcp::PORT. The guest's memory as gdb sees it goes through the
 * CPU's page tables (GdbArch.debug_translate) to RAM and ROM; the main
 * loop stops the machine for gdb at breakpoints, steps, gdb's ^C and
 * gdb's connection.
 */
#ifndef SYSEMU_GDB_H
#define SYSEMU_GDB_H

#include <stdbool.h>
#include "exec/cpu.h"

/* Starts listening on `port` (from -s or -gdb); false with a message on
 * stderr if the guest has no gdb description or the port is unusable. */
bool sys_gdb_start(CPUState *cpu, int port);
/* Whether gdb asked for a stop (^C) since the last sys_gdb_stop. */
bool sys_gdb_stop_requested(void);
/* Stops the machine for gdb (blocks while gdb looks; the first call
 * waits for gdb's connection). gdb_sig: GDB_SIGNAL_*. */
void sys_gdb_stop(CPUState *cpu, int gdb_sig);
/* The main loop's wake-up for gdb's ^C while the CPU sleeps in HLT:
 * main-loop.c installs it. */
extern void (*sys_gdb_wake)(void);

#endif
