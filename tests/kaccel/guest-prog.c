/* The CPU-bound guest user program of the kaccel real-guest test and of
 * bench/kaccel.sh: a sieve, a CRC over a buffer it faults in page by page,
 * x87 arithmetic and a few system calls, ROUNDS times (argv[1]); prints
 * checksums that must be the same natively, under -accel tcg and under
 * -accel kaccel (i386, static, built with i686-linux-gnu-gcc). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SIEVE_N 1000000
#define BUF_SIZE (4u << 20)

static unsigned sieve(unsigned char *composite)
{
    unsigned count = 0;

    memset(composite, 0, SIEVE_N);
    for (unsigned i = 2; i < SIEVE_N; i++) {
        if (composite[i]) {
            continue;
        }
        count++;
        for (unsigned j = 2 * i; j < SIEVE_N; j += i) {
            composite[j] = 1;
        }
    }
    return count;
}

static uint32_t crc32_buf(const uint8_t *p, size_t n)
{
    uint32_t crc = 0xffffffffu;

    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
        }
    }
    return ~crc;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 1;
    unsigned char *composite = malloc(SIEVE_N);
    uint32_t crc = 0;
    unsigned primes = 0;
    double sum = 0;

    for (int r = 0; r < rounds; r++) {
        /* a fresh buffer each round: page faults, then writes */
        uint8_t *buf = malloc(BUF_SIZE);
        if (!buf || !composite) {
            return 1;
        }
        for (uint32_t i = 0; i < BUF_SIZE; i++) {
            buf[i] = (uint8_t)(i * 2654435761u >> 13) ^ (uint8_t)r;
        }
        crc ^= crc32_buf(buf, BUF_SIZE / 8);
        free(buf);
        primes += sieve(composite);
        for (int k = 1; k <= 200000; k++) {
            sum += 1.0 / ((double)k * k);
        }
        if (getppid() < 0) {
            return 1;
        }
    }
    printf("guest-prog: rounds %d primes %u crc %08x sum %.12f\n", rounds, primes,
           (unsigned)crc, sum);
    return 0;
}
