/*
 * linux-user's hooks into the gdb stub (linux-user/gdb.c): starting it
 * for -g / QEMU_GDB and the points where the CPU loop, signal delivery and
 * process exit report to gdb. Each is a no-op when no debugger is attached.
 */
#ifndef LINUX_USER_LU_GDB_H
#define LINUX_USER_LU_GDB_H

#include <stdbool.h>
#include <stdint.h>
#include "exec/cpu.h"

/* Listens on the TCP port given as text, for a program loaded load_bias
 * bytes above its link addresses; false (after a message) if it is not
 * a port or cannot be used. */
bool lu_gdb_start(const char *port, uint32_t load_bias);
/* A guest signal is about to be delivered to this thread: gdb sees it
 * and returns the signal to deliver instead (0 = none). */
int lu_gdb_handle_signal(CPUState *cpu, int sig);
/* cpu_exec returned EXCP_DEBUG (breakpoint or single step), or a stepped
 * syscall instruction finished. */
void lu_gdb_handle_debug(CPUState *cpu);
/* Linux <-> gdb signal numbers. */
int lu_gdb_signal_to_gdb(int sig);
int lu_gdb_signal_from_gdb(int gdb_sig);

#endif
