/*
 * String and memory benchmark: the loops a C program spends its time in
 * (length, copy, compare, search, character classes, reversal), written
 * by hand and through the C library, over a generated text. Prints
 * checksums so every run can be checked against the native one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t my_strlen(const char *s)
{
    const char *p = s;
    while (*p) {
        p++;
    }
    return (size_t)(p - s);
}

static void my_memcpy(char *d, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        d[i] = s[i];
    }
}

static int my_strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

static void reverse(char *s, size_t n)
{
    for (size_t i = 0, j = n - 1; i < j; i++, j--) {
        char t = s[i];
        s[i] = s[j];
        s[j] = t;
    }
}

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 400;
    enum { LINES = 4096, LEN = 96 };
    char (*lines)[LEN] = malloc(sizeof(char[LINES][LEN]));
    char *buf = malloc(LINES * LEN);
    unsigned long sum = 0;
    unsigned x = 12345;

    if (!lines || !buf) {
        return 1;
    }
    for (int i = 0; i < LINES; i++) {
        int len = 20 + (int)(i * 7919u % 70);
        for (int k = 0; k < len; k++) {
            x = x * 1103515245u + 12345u;
            lines[i][k] = "etaoin shrdlu cmfwyp vbgkqj xz ETAOIN 0123456789,.;"[(x >> 16) % 51];
        }
        lines[i][len] = 0;
    }
    for (int r = 0; r < reps; r++) {
        size_t off = 0;
        for (int i = 0; i < LINES; i++) {
            size_t n = my_strlen(lines[i]);
            my_memcpy(buf + off, lines[i], n);
            off += n;
            sum += strlen(lines[i]) ^ n;
        }
        for (int i = 1; i < LINES; i++) {
            sum += (unsigned long)(my_strcmp(lines[i - 1], lines[i]) > 0);
            sum += (unsigned long)(strcmp(lines[i], lines[i - 1]) < 0);
            const char *p = strchr(lines[i], 'q');
            sum += p ? (unsigned long)(p - lines[i]) : 0;
        }
        unsigned long words = 0, digits = 0, upper = 0;
        int in_word = 0;
        for (size_t k = 0; k < off; k++) {
            char c = buf[k];
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c >= 'A' && c <= 'Z') {
                upper++;
            }
            if (c == ' ') {
                in_word = 0;
            } else if (!in_word) {
                in_word = 1;
                words++;
            }
        }
        sum += words * 3 + digits * 5 + upper * 7;
        reverse(buf, off);
        memmove(buf + 1, buf, off - 1);
        sum += (unsigned long)memcmp(buf, buf + off / 2, off / 2 - 1) > 0;
        sum += (unsigned char)buf[r % off];
    }
    printf("strmem checksum %lu\n", sum & 0xffffffffu);
    free(lines);
    free(buf);
    return 0;
}
