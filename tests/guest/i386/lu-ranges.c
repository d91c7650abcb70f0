// mimic-test: static-only
/*
 * Syscalls that take an address range (madvise, msync, mlock, munlock,
 * mlock2, mincore, mprotect, mremap, shmat) and brk past the top of the
 * address space: the host must never see a range outside the guest space,
 * and the results must be Linux's (compared with the native run).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "stack-avoid.h"

static void show(const char *what, long r)
{
    printf("%-40s r=%ld%s%s\n", what, r, r < 0 ? " errno=" : "", r < 0 ? strerrorname_np(errno) : "");
}

int main(void)
{
    stack_avoid(0xffff0000u);   /* MADV_DONTNEED below must not hit the stack */
    const long pg = 4096;
    /* Three pages with a hole in the middle. */
    char *a = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (a == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    memset(a, 0x5a, 3 * pg);
    munmap(a + pg, pg);

    /* Ranges that reach past 4 GiB (the guest space). */
    show("madvise top DONTNEED", madvise((void *)0xffff0000, 0x20000, MADV_DONTNEED));
    show("madvise top wrap", madvise((void *)0xfffff000, 0xffffffff, MADV_DONTNEED));
    show("msync top", msync((void *)0xffff0000, 0x20000, MS_ASYNC));
    show("mlock top", mlock((void *)0xffff0000, 0x20000));
    show("munlock top", munlock((void *)0xffff0000, 0x20000));
    unsigned char vec[64];
    show("mincore top", mincore((void *)0xffff0000, 0x20000, vec));

    /* Argument checks in Linux's order. */
    show("madvise bad advice", madvise(a, pg, 12345));
    show("madvise unaligned", madvise(a + 1, pg, MADV_NORMAL));
    show("madvise len 0", madvise(a, 0, MADV_NORMAL));
    show("msync bad flags", msync(a, pg, MS_SYNC | MS_ASYNC));
    show("msync unaligned", msync(a + 8, pg, MS_ASYNC));
    show("mincore unaligned", mincore(a + 8, pg, vec));
    show("mlock2 bad flags", syscall(SYS_mlock2, a, pg, 0x100));

    /* Holes: the mapped parts are handled, the call reports ENOMEM. */
    show("madvise over hole DONTNEED", madvise(a, 3 * pg, MADV_DONTNEED));
    printf("after DONTNEED: first=%d last=%d\n", a[0], a[2 * pg]);
    show("msync over hole", msync(a, 3 * pg, MS_ASYNC));
    show("mlock over hole", mlock(a, 3 * pg));
    show("munlock first page", munlock(a, pg));
    memset(vec, 0xee, sizeof vec);
    show("mincore over hole", mincore(a, 3 * pg, vec));
    printf("mincore vec[0] resident=%d\n", vec[0] & 1);

    /* Mapped ranges work. */
    a[0] = 7;
    show("mlock page", mlock(a, pg));
    show("munlock page", munlock(a, pg));
    show("mlock unaligned start", mlock(a + 100, 10));
    show("munlock unaligned start", munlock(a + 100, 10));
    show("mincore mapped", mincore(a, pg, vec));
    printf("mincore vec[0] resident=%d\n", vec[0] & 1);
    show("madvise DONTNEED page", madvise(a, pg, MADV_DONTNEED));
    printf("after DONTNEED: a[0]=%d\n", a[0]);
    show("mincore bad vec", mincore(a, pg, (unsigned char *)8));

    /* A file mapping synced. */
    char path[] = "/tmp/mimic-ranges-XXXXXX";
    int fd = mkstemp(path);
    if (fd >= 0 && ftruncate(fd, pg) == 0) {
        char *f = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        f[0] = 'x';
        show("msync file MS_SYNC", msync(f, pg, MS_SYNC));
        char c = 0;
        pread(fd, &c, 1, 0);
        printf("file byte after msync: %c\n", c);
        munmap(f, pg);
    }
    if (fd >= 0) {
        close(fd);
        unlink(path);
    }

    /* brk past the top of the address space fails and leaves memory alone. */
    void *cur = sbrk(0);
    long r = syscall(SYS_brk, 0xfffff001u);
    printf("brk(0xfffff001) unchanged=%d\n", (void *)r == cur);
    r = syscall(SYS_brk, 0xffffffffu);
    printf("brk(0xffffffff) unchanged=%d\n", (void *)r == cur);
    printf("still alive: %d\n", a[2 * pg] == 0 || a[2 * pg] == 0x5a);

    /* mprotect with a length that rounds up past 4 GiB; mremap past the
     * task size (EINVAL before anything); shmat past the top (the host's
     * attach must not reach past the guest space) or over a mapping
     * without SHM_REMAP. */
    show("mprotect wrap", mprotect((void *)0xfffff000, 0xffffffff, PROT_READ));
    char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(m, "kept");
    show("mremap grow past task size", (long)mremap(m, pg, 0xfffff000, MREMAP_MAYMOVE));
    show("mremap fixed past task size",
         (long)mremap(m, pg, pg, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)0xffffe000));
    int id = shmget(IPC_PRIVATE, 0x100000, IPC_CREAT | 0600);
    if (id >= 0) {
        show("shmat 1 MiB across 4 GiB", (long)shmat(id, (void *)0xffff0000, 0));
        show("shmat top page", (long)shmat(id, (void *)0xfffff000, 0));
        shmctl(id, IPC_RMID, NULL);
    }
    /* The top pages below the task size (0xffffe000) can be mapped. */
    void *t = mmap((void *)0xffffd000, pg, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("mmap fixed at 0xffffd000: %d\n", t == (void *)0xffffd000);
    if (t != MAP_FAILED) {
        munmap(t, pg);
    }
    t = mremap(m, pg, pg, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)0xffffd000);
    printf("mremap to 0xffffd000: %d, %s\n", t == (void *)0xffffd000,
           t == (void *)0xffffd000 ? (char *)t : "-");
    if (t != MAP_FAILED) {
        munmap(t, pg);
    }
    id = shmget(IPC_PRIVATE, 2 * pg, IPC_CREAT | 0600);
    if (id >= 0) {
        t = shmat(id, (void *)0xffffc000, 0);
        printf("shmat 2 pages at 0xffffc000: %d\n", t == (void *)0xffffc000);
        if (t != (void *)-1) {
            shmdt(t);
        }
        shmctl(id, IPC_RMID, NULL);
    }
    m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(m, "kept");
    id = shmget(IPC_PRIVATE, 2 * pg, IPC_CREAT | 0600);   /* the size of m */
    if (id >= 0) {
        show("shmat over a mapping", (long)shmat(id, m, 0));
        printf("mapping kept: %s\n", m);
        void *at = shmat(id, m, SHM_REMAP);
        printf("shmat SHM_REMAP over it: %d, first byte %d\n", at == m, m[0]);
        shmdt(at);
        shmctl(id, IPC_RMID, NULL);
    }
    return 0;
}
