// mimic-test: static-only
/*
 * EFAULT only where the kernel touches a bad byte: a read at end of file
 * into a buffer that runs into unmapped memory returns 0, a read whose
 * data ends before the unmapped part succeeds, a longer one is short,
 * writes from such a buffer are short; getcwd and getrandom with sizes
 * past the mapping; buffers that run past 4 GiB. Compared with the native
 * run (the same calls under Linux).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    printf("%-44s r=%ld%s%s\n", what, r, r < 0 ? " errno=" : "", r < 0 ? strerrorname_np(errno) : "");
}

int main(void)
{
    /* Two pages, the second unmapped: a buffer at the last 100 bytes of
     * the first runs into unmapped memory. */
    char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(m + 4096, 4096);
    char *edge = m + 4096 - 100;

    char path[] = "/tmp/mimic-efault-XXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    char data[300];
    memset(data, 'x', sizeof data);
    write(fd, data, 60);

    lseek(fd, 0, SEEK_END);
    show("read at EOF, buffer runs into a hole", read(fd, edge, 100000));
    lseek(fd, 0, SEEK_SET);
    show("read of 60 bytes, buffer runs into a hole", read(fd, edge, 100000));
    write(fd, data, 240);
    lseek(fd, 0, SEEK_SET);
    show("read of 300 bytes into 100 mapped bytes", read(fd, edge, 300));
    show("pread of 300 bytes into 100 mapped bytes", pread(fd, edge, 300, 0));
    show("pread at EOF, buffer runs into a hole", pread(fd, edge, 100000, 1000));
    memset(edge, 'y', 100);
    show("write of 300 bytes from 100 mapped bytes", write(fd, edge, 300));
    show("pwrite of 300 bytes from 100 mapped bytes", pwrite(fd, edge, 300, 0));
    show("write from an unmapped buffer", write(fd, m + 4096, 10));
    show("read into an unmapped buffer", read(fd, m + 4096, 10));
    show("getcwd, size past the mapping", syscall(SYS_getcwd, edge, 100000) > 0 ? 1 : -1);
    show("getrandom 50 of 100000 asked, into the edge", getrandom(edge, 50, 0));
    show("getrandom into a hole", getrandom(m + 4096, 16, 0));
    /* A buffer near the top of the address space, its size past 4 GiB. */
    show("read with a buffer past 4 GiB", read(fd, (void *)0xfffff000, 0x2000));
    show("write from a buffer past 4 GiB", write(fd, (void *)0xfffff000, 0x2000));
    return 0;
}
