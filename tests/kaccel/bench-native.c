/* The -accel kaccel speed measurement run directly in the test VM
 * (tests/kaccel/guest.sh, bench/kaccel.sh): the same bench-loop.S code
 * and work as bench-kernel.c's guest ring-3 code, a static i386 program
 * timed with CLOCK_MONOTONIC; prints the same lines.
 * Usage: bench-native PASSES REPS PAGES */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include "bench-loop.h"

static uint32_t buf[BENCH_WORDS] __attribute__((aligned(4096)));

static uint64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

int main(int argc, char **argv)
{
    uint32_t passes = argc > 1 ? strtoul(argv[1], NULL, 0) : 200;
    int reps = argc > 2 ? atoi(argv[2]) : 1;
    uint32_t pages = argc > 3 ? strtoul(argv[3], NULL, 0) : 1024;

    if (passes == 0 || reps <= 0 || pages == 0 || pages > BENCH_MAX_PAGES) {
        fprintf(stderr, "usage: bench-native PASSES REPS PAGES\n");
        return 2;
    }
    bench_fill(buf);
    bench_cpu(buf, BENCH_WORDS, 1);
    for (int r = 0; r < reps; r++) {
        uint64_t t0 = now_ns();
        uint32_t hash = bench_cpu(buf, BENCH_WORDS, passes);
        uint64_t t1 = now_ns();
        printf("bench cpu: words %u passes %u hash 0x%x us %u\n", BENCH_WORDS, passes, hash,
               (uint32_t)((t1 - t0) / 1000));
    }
    for (int r = 0; r < reps; r++) {
        uint8_t *m = mmap(NULL, pages * 4096u, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED) {
            perror("mmap");
            return 1;
        }
        uint64_t t0 = now_ns();
        uint32_t sum = bench_touch(m, pages);
        uint64_t t1 = now_ns();
        printf("bench pf: pages %u sum 0x%x us %u\n", pages, sum,
               (uint32_t)((t1 - t0) / 1000));
        munmap(m, pages * 4096u);
    }
    return 0;
}
