/*
 * Hashing benchmark driver: SHA-256, SHA-1 and MD5 (libmd, built from
 * Debian's source package) over a deterministic buffer; prints the digests
 * so every run can be checked against the native one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <md5.h>
#include <sha1.h>
#include <sha2.h>

static void print_digest(const char *name, const uint8_t *d, int n)
{
    printf("%-6s ", name);
    for (int i = 0; i < n; i++) {
        printf("%02x", d[i]);
    }
    printf("\n");
}

int main(int argc, char **argv)
{
    size_t mb = argc > 1 ? (size_t)atoi(argv[1]) : 16;
    size_t n = mb << 20;
    uint8_t *buf = malloc(n);
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        buf[i] = (uint8_t)x;
    }
    uint8_t d[SHA256_DIGEST_LENGTH];
    SHA2_CTX s2;
    SHA256Init(&s2);
    SHA256Update(&s2, buf, n);
    SHA256Final(d, &s2);
    print_digest("sha256", d, SHA256_DIGEST_LENGTH);
    SHA1_CTX s1;
    SHA1Init(&s1);
    SHA1Update(&s1, buf, n);
    SHA1Final(d, &s1);
    print_digest("sha1", d, SHA1_DIGEST_LENGTH);
    MD5_CTX m;
    MD5Init(&m);
    MD5Update(&m, buf, n);
    MD5Final(d, &m);
    print_digest("md5", d, MD5_DIGEST_LENGTH);
    free(buf);
    return 0;
}
