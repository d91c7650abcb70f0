/* -accel kaccel in mimic-system-i386 (kaccel-loop.c): open /dev/kaccel
 * (one error line and exit 1 when it is missing or of another API
 * version), then hook the CPU loop, RAM and the translator's paging and
 * code-page notifications up to it. */
#ifndef KACCEL_LOOP_H
#define KACCEL_LOOP_H

#include "exec/cpu.h"

/* Before the board is built; MIMIC_KACCEL_DEVICE names another device
 * file (tests). */
void kaccel_loop_open(void);
/* After the board is built (its RAM mapped), on the CPU's thread. */
void kaccel_loop_init(CPUState *cpu);

#endif
