/* The loops of the -accel kaccel speed measurement (bench-loop.S), the
 * parameters bench-kernel.c and bench-native.c share, and the buffer's
 * initial contents. */
#ifndef BENCH_LOOP_H
#define BENCH_LOOP_H

#include <stdint.h>

#define BENCH_WORDS 16384     /* 64 KiB: stays in the caches */
#define BENCH_MAX_PAGES 4096  /* 16 MiB of fresh pages per bench_touch */

uint32_t bench_cpu(uint32_t *buf, uint32_t words, uint32_t passes);
uint32_t bench_touch(uint8_t *base, uint32_t pages);

static inline void bench_fill(uint32_t *buf)
{
    for (uint32_t i = 0; i < BENCH_WORDS; i++)
        buf[i] = i * 2654435761u;
}

#endif
