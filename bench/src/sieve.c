/*
 * Integer benchmark: the sieve of Eratosthenes over a byte array, run
 * several times, with the count and a checksum of the primes printed so
 * every run can be checked against the native one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 2000000;
    int reps = argc > 2 ? atoi(argv[2]) : 100;
    unsigned char *composite = malloc((size_t)n + 1);
    unsigned long count = 0, sum = 0;

    if (!composite) {
        return 1;
    }
    for (int r = 0; r < reps; r++) {
        memset(composite, 0, (size_t)n + 1);
        count = 0;
        sum = 0;
        for (int i = 2; i <= n; i++) {
            if (composite[i]) {
                continue;
            }
            count++;
            sum = sum * 31 + (unsigned long)i;
            if (i > n / i) {
                continue;
            }
            /* i * i <= n, so j + i never wraps */
            for (unsigned j = (unsigned)i * i; j <= (unsigned)n; j += (unsigned)i) {
                composite[j] = 1;
            }
        }
    }
    printf("primes up to %d: %lu, checksum %lu\n", n, count, sum & 0xffffffffu);
    free(composite);
    return 0;
}
