/*
 * The system-mode main loop (softmmu/main-loop.c): runs the CPU, the
 * expired timers and the chardevs on one thread, sleeps while the CPU
 * halts, and serves reset and shutdown requests (sysemu/sysemu.h).
 */
#ifndef SYSEMU_MAIN_LOOP_H
#define SYSEMU_MAIN_LOOP_H

#include <stdio.h>
#include "exec/cpu.h"

/* machine_reset puts the board and the CPU back to their power-on state
 * (a guest reset without -no-reboot). Starts the kick thread. */
void main_loop_init(CPUState *cpu, void (*machine_reset)(void));
/* Runs the machine; returns the program's exit status. */
int main_loop_run(void);
void main_loop_print_stats(FILE *f);

#endif
