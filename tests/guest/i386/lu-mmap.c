// mimic-test: static-pie
// Memory: mmap/munmap/mprotect/mremap/madvise, file mappings (shared and
// private), MAP_FIXED, brk/sbrk, faults on protected and unmapped pages
// caught with a SIGSEGV handler (si_code), large reservations.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile uintptr_t fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    siglongjmp(env, 1);
}

/* Tries to write (or read) at p; reports the fault relative to base. */
static void probe(const char *what, volatile char *p, int write, uintptr_t base)
{
    if (sigsetjmp(env, 1) == 0) {
        if (write) {
            *p = 1;
        } else {
            (void)*p;
        }
        printf("%s: no fault\n", what);
    } else {
        printf("%s: SIGSEGV code %d at base+%ld\n", what, fault_code, (long)(fault_addr - base));
    }
}

int main(void)
{
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
    sigaction(SIGSEGV, &sa, NULL);
    long pg = sysconf(_SC_PAGESIZE);
    printf("page size %ld\n", pg);
    char *m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap ok %d aligned %d zero %d\n", m != MAP_FAILED, ((uintptr_t)m % pg) == 0, m[100] == 0);
    for (int i = 0; i < 4 * pg; i++) {
        m[i] = (char)(i * 7);
    }
    int r = mprotect(m + pg, pg, PROT_READ);
    printf("mprotect %d\n", r);
    probe("write read-only page", m + pg + 16, 1, (uintptr_t)m);
    probe("read read-only page", m + pg + 16, 0, (uintptr_t)m);
    r = mprotect(m + pg, pg, PROT_NONE);
    probe("read PROT_NONE page", m + pg + 8, 0, (uintptr_t)m);
    r = mprotect(m + pg, pg, PROT_READ | PROT_WRITE);
    printf("restored byte %d\n", m[pg + 16]);
    r = munmap(m + 2 * pg, pg);
    printf("munmap middle %d\n", r);
    probe("read unmapped page", m + 2 * pg + 4, 0, (uintptr_t)m);
    printf("last page intact %d\n", m[3 * pg + 5] == (char)((3 * pg + 5) * 7));
    r = mprotect(m, 4 * pg, PROT_READ);
    printf("mprotect over hole %d errno %d\n", r, errno);

    char *g = mremap(m + 3 * pg, pg, 8 * pg, MREMAP_MAYMOVE);
    printf("mremap grow ok %d keeps data %d\n", g != MAP_FAILED, g[5] == (char)((3 * pg + 5) * 7));
    g[8 * pg - 1] = 42;
    char *s = mremap(g, 8 * pg, 2 * pg, 0);
    printf("mremap shrink in place %d\n", s == g);
    probe("read past shrunk end", g + 3 * pg, 0, (uintptr_t)g);
    char *f = mmap(g + 2 * pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                   -1, 0);
    printf("MAP_FIXED at chosen address %d\n", f == g + 2 * pg);
    g[0] = 9;
    r = madvise(g, pg, MADV_DONTNEED);
    printf("madvise %d zeroed %d\n", r, g[0] == 0);
    munmap(g, 3 * pg);
    munmap(m, 2 * pg);

    char name[64];
    snprintf(name, sizeof(name), "lu-mmap-tmp.%d", (int)getpid());
    int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
    r = ftruncate(fd, 2 * pg);
    char *sh = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    strcpy(sh + pg, "shared mapping text");
    r = msync(sh, 2 * pg, MS_SYNC);
    char buf[32] = { 0 };
    ssize_t n = pread(fd, buf, 19, pg);
    printf("msync %d pread %zd '%s'\n", r, n, buf);
    char *pv = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, pg);
    pv[0] = 'S';
    n = pread(fd, buf, 6, pg);
    printf("private copy '%.6s' file still '%.6s'\n", pv, buf);
    char *off = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, pg);
    printf("offset mapping '%.6s'\n", off);
    munmap(sh, 2 * pg);
    munmap(pv, pg);
    munmap(off, pg);
    close(fd);
    unlink(name);

    char *big = mmap(NULL, 256 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    printf("256 MiB mapping ok %d\n", big != MAP_FAILED);
    big[(256 << 20) - 1] = 1;
    big[0] = 2;
    printf("touch ends %d %d\n", big[0], big[(256 << 20) - 1]);
    munmap(big, 256 << 20);
    void *bad = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap len 0 failed %d errno %d\n", bad == MAP_FAILED, errno);
    bad = mmap((void *)0x10001, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("unaligned fixed failed %d errno %d\n", bad == MAP_FAILED, errno);

    char *b0 = sbrk(0);
    char *b1 = sbrk(3 * pg);
    printf("sbrk grew %d\n", b1 == b0);
    memset(b1, 0x5a, 3 * pg);
    char *b2 = sbrk(0);
    printf("brk moved by %ld\n", (long)(b2 - b0));
    r = brk(b0);
    printf("brk back %d\n", r);
    void *ptrs[64];
    for (int i = 0; i < 64; i++) {
        ptrs[i] = malloc(1000 * (i + 1));
        memset(ptrs[i], i, 1000 * (i + 1));
    }
    int ok = 1;
    for (int i = 0; i < 64; i++) {
        ok &= ((unsigned char *)ptrs[i])[999 * (i + 1)] == i;
        free(ptrs[i]);
    }
    printf("malloc blocks ok %d\n", ok);
    void *huge = malloc(64 << 20);
    printf("malloc 64 MiB ok %d\n", huge != NULL);
    free(huge);
    return 0;
}
