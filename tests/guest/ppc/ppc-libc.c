/* A mixed libc workload: formatted output of integers and doubles,
 * strings, qsort, malloc churn, strtod, 64-bit arithmetic and libm. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    printf("argc=%d argv0 ends with ppc-libc: %d\n", argc, strstr(argv[0], "ppc-libc") != NULL);
    int64_t arr[200];
    uint64_t s = 88172645463325252ull;
    for (int i = 0; i < 200; i++) {
        s ^= s << 13; s ^= s >> 7; s ^= s << 17;
        arr[i] = (int64_t)s / 3;
    }
    qsort(arr, 200, sizeof(arr[0]), cmp);
    for (int i = 0; i < 200; i += 37) {
        printf("arr[%d]=%lld\n", i, (long long)arr[i]);
    }
    uint64_t a = 0x123456789abcdefull, b = 0xfedcba987ull;
    printf("64-bit: %llu %llu %llu %lld\n", (unsigned long long)(a / b), (unsigned long long)(a % b),
           (unsigned long long)(a * b), (long long)((int64_t)a / -7));
    char *bufs[64];
    for (int r = 0; r < 20; r++) {
        for (int i = 0; i < 64; i++) {
            bufs[i] = malloc(16 + (i * r) % 300);
            memset(bufs[i], i, 16);
        }
        for (int i = 0; i < 64; i += 2) {
            free(bufs[i]);
        }
        for (int i = 1; i < 64; i += 2) {
            free(bufs[i]);
        }
    }
    const char *nums[] = { "3.14159", "-2.5e-310", "1e308", "0x1.8p3", "nan", "-inf", "123456789012345678" };
    for (int i = 0; i < 7; i++) {
        double d = strtod(nums[i], NULL);
        printf("strtod %s -> %.17g %a\n", nums[i], d, d);
    }
    for (double x = -3.0; x <= 3.0; x += 0.75) {
        printf("x=%g sin=%.17g exp=%.17g log1p=%.17g atan2=%.17g sqrt=%.17g floor=%g\n", x,
               sin(x), exp(x), log1p(fabs(x)), atan2(x, 1.5), sqrt(fabs(x)), floor(x * 1.3));
    }
    float f = 1.0f;
    for (int i = 0; i < 30; i++) {
        f = f * 1.7f - 0.3f / f;
    }
    printf("float chain %.9g %a\n", f, f);
    char out[128];
    snprintf(out, sizeof(out), "%08x|%-6s|%+d|%.3e|%c", 0xbeef, "ab", 42, 12345.678, 'z');
    printf("%s\n", out);
    return 0;
}
