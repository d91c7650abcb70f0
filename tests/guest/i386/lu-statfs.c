// mimic-test: static-only
/*
 * statfs64/fstatfs64 check the structure size the caller passes (Linux
 * returns EINVAL for any other size and writes nothing), and write exactly
 * the structure. Compared with the native run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    unsigned char buf[256];
    int fd = open("/", O_RDONLY);
    for (unsigned sz = 80; sz <= 96; sz += 4) {
        memset(buf, 0xcc, sizeof buf);
        long r = syscall(SYS_statfs64, "/", sz, buf);
        int last = 255;
        while (last >= 0 && buf[last] == 0xcc) {
            last--;
        }
        printf("statfs64 size %u: r=%ld %s, bytes written up to %d\n", sz, r,
               r < 0 ? strerrorname_np(errno) : "ok", last + 1);
        memset(buf, 0xcc, sizeof buf);
        r = syscall(SYS_fstatfs64, fd, sz, buf);
        last = 255;
        while (last >= 0 && buf[last] == 0xcc) {
            last--;
        }
        printf("fstatfs64 size %u: r=%ld %s, untouched past 84: %d\n", sz, r,
               r < 0 ? strerrorname_np(errno) : "ok", last < 84);
    }
    struct statfs64 s;
    printf("statfs64() via libc: %d\n", statfs64("/", &s));
    return 0;
}
