/*
 * Test-oracle helper: rewrites the POWER9 forms of mffs (mffsl, mffscrni,
 * ... : opcode 63, xo 583 with bits 11-20 non-zero) into plain mffs, which
 * is what pre-POWER9 CPUs execute them as. Debian's qemu-ppc 7.2 raises
 * SIGILL on them, so oracle runs use patched copies. Usage: patch-mffs IN OUT
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: patch-mffs IN OUT\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    fseek(in, 0, SEEK_END);
    long n = ftell(in);
    rewind(in);
    unsigned char *buf = malloc(n > 0 ? n : 1);
    if (!buf || fread(buf, 1, n, in) != (size_t)n) {
        perror(argv[1]);
        return 1;
    }
    fclose(in);
    long patched = 0;
    for (long i = 0; i + 4 <= n; i += 4) {
        uint32_t w = (uint32_t)buf[i] << 24 | buf[i + 1] << 16 | buf[i + 2] << 8 | buf[i + 3];
        if ((w & 0xfc0007feu) == 0xfc00048eu && (w & 0x001ff800u)) {
            w &= ~0x001ff800u;
            buf[i] = w >> 24;
            buf[i + 1] = w >> 16;
            buf[i + 2] = w >> 8;
            buf[i + 3] = w;
            patched++;
        }
    }
    FILE *out = fopen(argv[2], "wb");
    if (!out || fwrite(buf, 1, n, out) != (size_t)n || fclose(out) != 0) {
        perror(argv[2]);
        return 1;
    }
    struct stat st;
    if (stat(argv[1], &st) == 0) {
        chmod(argv[2], st.st_mode & 07777);
    }
    free(buf);
    fprintf(stderr, "patch-mffs: %s: %ld word(s) rewritten\n", argv[1], patched);
    return 0;
}
