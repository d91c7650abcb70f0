// mimic-test: static-only
/*
 * mmap of a file at an offset above 4 GiB (mmap2's page offset), as
 * CPython's test_mmap.test_large_offset does; and the offset checks
 * around it. Compared with the native run.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/mimic-bigoff-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        return 1;
    }
    unlink(path);
    const off_t big = ((off_t)1 << 32) + 2 * 4096;   /* sparse file */
    if (pwrite(fd, "mimic", 5, big) != 5) {
        perror("pwrite");
        return 1;
    }
    for (off_t off = big - 4096; off <= big; off += 4096) {
        char *p = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, off);
        if (p == MAP_FAILED) {
            printf("mmap off=%#llx failed: %s\n", (long long)off, strerrorname_np(errno));
            continue;
        }
        int at = (int)(big - off);
        printf("mmap off=%#llx ok: bytes at %d = %.5s\n", (long long)off, at, p + at);
        munmap(p, 8192);
    }
    void *q = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, big + 1);
    printf("unaligned big offset: %s\n", q == MAP_FAILED ? strerrorname_np(errno) : "mapped");
    close(fd);
    return 0;
}
