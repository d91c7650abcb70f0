/*
 * The system-mode main loop (softmmu/main-loop.c): runs the CPU, the
 * expired timers and the chardevs on one thread, sleeps while the CPU
 * halts, and serves reset and shutdown requests (sysemu/sysemu.h).
 */
#ifndef SYSEMU_MAIN_LOOP_H
#define SYSEMU_MAIN_LOOP_H

#include <stdbool.h>
#include <stdio.h>
#include "exec/cpu.h"

/* machine_reset puts the board and the CPU back to their power-on state
 * (a guest reset without -no-reboot). Starts the kick thread. */
void main_loop_init(CPUState *cpu, void (*machine_reset)(void));
/* Runs the machine; returns the program's exit status. */
int main_loop_run(void);
void main_loop_print_stats(FILE *f);

/* An accelerator that runs guest code outside the translator (-accel
 * kaccel: accel/kmod/kaccel-loop.c); NULL (-accel tcg): cpu_exec. */
typedef struct MainLoopAccel {
    /* Runs the CPU like cpu_exec (same return values) until the main
     * loop is needed: at the latest at deadline (clock_get_ns time,
     * INT64_MAX: none) or a kick. */
    int (*exec)(CPUState *cpu, int64_t deadline);
    /* From the kick thread, after cpu_exit: make exec return soon. */
    void (*kick)(CPUState *cpu);
    void (*print_stats)(FILE *f);
    /* exec returns at the deadline by its own timer: the kick thread
     * then waits only for chardev and gdb input, and the main loop does
     * not wake it at each call when that set is unchanged. */
    bool own_deadline;
} MainLoopAccel;
extern const MainLoopAccel *main_loop_accel;

#endif
