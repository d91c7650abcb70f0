/*
 * C library string benchmark: strlen, strchr, strrchr, memchr, strcmp,
 * memcmp, memcpy, memset and strcpy of glibc over strings of 1 to 300
 * bytes, so the time goes to glibc's SIMD versions (which it picks by
 * CPUID: SSE2 and up on i386). Prints checksums so every run can be
 * checked against the native one. Usage: strlibc REPS
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NSTR = 512, MAXLEN = 300 };

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 200;
    static char str[NSTR][MAXLEN + 32];
    static char dst[MAXLEN + 64];
    unsigned long sum = 0;
    unsigned x = 2463534242u;

    for (int i = 0; i < NSTR; i++) {
        int len = 1 + (int)(i * 2654435761u % MAXLEN);
        for (int k = 0; k < len; k++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            str[i][k] = "abcdefghijklmnopqrstuvwxyz ABCDEFG0123456789"[x % 44];
        }
        str[i][len] = 0;
    }
    for (int r = 0; r < reps; r++) {
        for (int i = 0; i < NSTR; i++) {
            const char *s = str[i], *t = str[(i + r) % NSTR];
            size_t n = strlen(s);
            const char *p = strchr(s, 'z'), *q = strrchr(s, 'a');
            const char *m = memchr(s, '7', n);
            sum += n;
            sum += p ? (unsigned long)(p - s) : 1;
            sum += q ? (unsigned long)(q - s) * 3 : 5;
            sum += m ? (unsigned long)(m - s) * 7 : 11;
            sum += (unsigned long)(strcmp(s, t) > 0) + 2 * (unsigned long)(strcmp(t, s) < 0);
            sum += (unsigned long)(memcmp(s, t, n < 40 ? n : 40) > 0) << 2;
            memcpy(dst + (i & 15), s, n + 1);
            sum += (unsigned char)dst[(i & 15) + n / 2];
            memset(dst + (r & 7), 'x' + (i & 1), n);
            sum += (unsigned char)dst[n / 3];
            strcpy(dst + 3, s);
            sum += strlen(dst) * 13;
        }
    }
    printf("strlibc checksum %lu\n", sum & 0xffffffffu);
    return 0;
}
