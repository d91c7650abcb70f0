// mimic-test: static-only
/*
 * The old system calls old and static binaries use (called by number):
 * stat/lstat/fstat with the 32-bit struct stat, the __old_kernel_stat
 * family, statfs/fstatfs, getdents, readdir, utime, ustat, nice,
 * olduname/oldolduname, sgetmask/ssetmask, 16-bit id calls, vmsplice,
 * kcmp, userfaultfd, epoll_pwait2. Compared with the native run (i386)
 * and, built for ppc, with qemu-ppc where the call exists there.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#if defined(__i386__)
#define NR_OLDSTAT 18
#define NR_OLDFSTAT 28
#define NR_OLDLSTAT 84
#define NR_VMSPLICE 316
#define NR_KCMP 349
#define NR_USERFAULTFD 374
#define IS_I386 1
#else
#define NR_OLDSTAT 18
#define NR_OLDFSTAT 28
#define NR_OLDLSTAT 84
#define NR_VMSPLICE 285
#define NR_KCMP 354
#define NR_USERFAULTFD 364
#define IS_I386 0
#endif

static void show(const char *what, long r)
{
    printf("%-28s r=%ld%s%s\n", what, r, r < 0 ? " errno=" : "", r < 0 ? strerrorname_np(errno) : "");
}

static uint32_t u32(const unsigned char *p, int off)
{
    uint32_t v;
    memcpy(&v, p + off, 4);
    return v;
}

static uint16_t u16(const unsigned char *p, int off)
{
    uint16_t v;
    memcpy(&v, p + off, 2);
    return v;
}

int main(void)
{
    char dir[] = "/tmp/mimic-oldcalls-XXXXXX";
    if (!mkdtemp(dir)) {
        return 1;
    }
    char path[128], link[128];
    snprintf(path, sizeof path, "%s/file", dir);
    snprintf(link, sizeof link, "%s/link", dir);
    int fd = open(path, O_CREAT | O_RDWR, 0640);
    if (write(fd, "hello, old world\n", 17) != 17) {
        return 1;
    }
    symlink("file", link);
    struct { int32_t actime, modtime; } ut = { 1000000000, 1234567890 };
    show("utime", syscall(SYS_utime, path, &ut));
    show("utime bad path", syscall(SYS_utime, "/nonexistent/x", NULL));
    struct stat64 ref;
    stat64(path, &ref);

    unsigned char b[256];
    /* struct stat: i386 64 bytes (u16 mode/nlink/uid/gid), ppc 72 bytes. */
    memset(b, 0xcc, sizeof b);
    show("stat", syscall(SYS_stat, path, b));
    if (IS_I386) {
        printf("  ino ok=%d mode=%o nlink=%u uid=%u size=%u mtime=%u mtime_ns=%u tail=%02x\n",
               u32(b, 4) == (uint32_t)ref.st_ino, u16(b, 8), u16(b, 10), u16(b, 12),
               u32(b, 20), u32(b, 40), u32(b, 44), b[64]);
    } else {
        printf("  ino ok=%d mode=%o nlink=%u uid=%u size=%u mtime=%u mtime_ns=%u tail=%02x\n",
               u32(b, 4) == (uint32_t)ref.st_ino, u32(b, 8), u16(b, 12), u32(b, 16),
               u32(b, 28), u32(b, 48), u32(b, 52), b[72]);
    }
    memset(b, 0xcc, sizeof b);
    show("lstat of a symlink", syscall(SYS_lstat, link, b));
    printf("  is link=%d\n", S_ISLNK(IS_I386 ? u16(b, 8) : u32(b, 8)));
    show("fstat", syscall(SYS_fstat, fd, b));
    show("stat missing", syscall(SYS_stat, "/nonexistent", b));
    show("fstat bad fd", syscall(SYS_fstat, 999, b));
    show("stat bad buffer", syscall(SYS_stat, path, (void *)8));

    /* __old_kernel_stat: 16-bit inode numbers overflow on most file systems. */
    long r = syscall(NR_OLDSTAT, path, b);
    show("oldstat", r < 0 && errno == EOVERFLOW ? 0 : r);
    if (r == 0) {
        printf("  mode=%o size=%u mtime=%u\n", u16(b, 4), u32(b, 16), u32(b, 24));
    }
    r = syscall(NR_OLDFSTAT, fd, b);
    show("oldfstat", r < 0 && errno == EOVERFLOW ? 0 : r);
    r = syscall(NR_OLDLSTAT, link, b);
    show("oldlstat", r < 0 && errno == EOVERFLOW ? 0 : r);

    /* statfs: 32-bit words. */
    struct statfs64 sf;
    statfs64(dir, &sf);
    memset(b, 0xcc, sizeof b);
    r = syscall(SYS_statfs, dir, b);
    show("statfs", r);
    if (r == 0) {
        printf("  type ok=%d bsize ok=%d namelen=%u tail=%02x\n", u32(b, 0) == (uint32_t)sf.f_type,
               u32(b, 4) == (uint32_t)sf.f_bsize, u32(b, 36), b[64]);
    }
    show("fstatfs", syscall(SYS_fstatfs, fd, b));

    /* getdents and readdir of a directory with known entries. */
    for (int i = 0; i < 5; i++) {
        char f[160];
        snprintf(f, sizeof f, "%s/entry-%d", dir, i);
        close(open(f, O_CREAT | O_WRONLY, 0600));
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    unsigned char db[4096];
    r = syscall(SYS_getdents, dfd, db, sizeof db);
    int names = 0, types_ok = 1;
    for (long off = 0; off < r;) {
        uint16_t reclen = u16(db, off + 8);
        const char *name = (const char *)db + off + 10;
        unsigned char type = db[off + reclen - 1];
        names++;
        if (!strncmp(name, "entry-", 6) && type != DT_REG) {
            types_ok = 0;
        }
        off += reclen;
    }
    printf("getdents: %d entries, types ok=%d, at end: %ld\n", names, types_ok,
           syscall(SYS_getdents, dfd, db, sizeof db));
    show("getdents tiny buffer", (lseek(dfd, 0, SEEK_SET), syscall(SYS_getdents, dfd, db, 8)));
    lseek(dfd, 0, SEEK_SET);
    int n = 0;
    while (syscall(SYS_readdir, dfd, db, 1) == 1) {
        n++;
    }
    printf("readdir: %d entries\n", n);
    show("getdents on a file", syscall(SYS_getdents, fd, db, sizeof db));

    show("ustat bad device", syscall(SYS_ustat, 0xffff, b));
    errno = 0;
    int before = getpriority(PRIO_PROCESS, 0);
    show("nice(1)", syscall(SYS_nice, 1));
    printf("  priority moved by %d\n", getpriority(PRIO_PROCESS, 0) - before);
    show("nice(0)", syscall(SYS_nice, 0));

    memset(b, 0, sizeof b);
    show("olduname", syscall(SYS_olduname, b));
    printf("  sysname=%s\n", b);
    if (IS_I386) {
        memset(b, 0, sizeof b);
        show("oldolduname", syscall(SYS_oldolduname, b));
        printf("  sysname=%.9s field2 at 9: %d\n", b, b[9] != 0);
        sigset_t s;
        show("ssetmask(SIGUSR1)", syscall(SYS_ssetmask, 1u << (SIGUSR1 - 1)));
        show("sgetmask", syscall(SYS_sgetmask));
        sigprocmask(SIG_BLOCK, NULL, &s);
        printf("  SIGUSR1 blocked=%d\n", sigismember(&s, SIGUSR1));
        show("ssetmask(0)", syscall(SYS_ssetmask, 0));
        /* 16-bit ids */
        printf("getuid16 matches: %d\n", syscall(24) == (long)(getuid() & 0xffff));
        show("setuid16(getuid)", syscall(23, getuid()));
        show("chown16 -1 -1", syscall(182, path, 0xffff, 0xffff));
        show("lchown16 -1 -1", syscall(16, link, 0xffff, 0xffff));
        show("fchown16 -1 -1", syscall(95, fd, 0xffff, 0xffff));
        uint16_t ids[3];
        show("getresuid16", syscall(165, &ids[0], &ids[1], &ids[2]));
        printf("  ruid matches=%d\n", ids[0] == (getuid() & 0xffff));
        show("getgroups16(0)", syscall(80, 0, NULL) == getgroups(0, NULL) ? 0 : -1);
    }

    int p[2];
    pipe(p);
    char msg[] = "spliced";
    struct iovec iov = { msg, 7 };
    show("vmsplice", syscall(NR_VMSPLICE, p[1], &iov, 1, 0));
    char got[8] = { 0 };
    read(p[0], got, 7);
    printf("  read back: %s\n", got);
    int dup_fd = dup(fd);
    show("kcmp same file", syscall(NR_KCMP, getpid(), getpid(), 0 /* KCMP_FILE */, fd, dup_fd));
    show("kcmp other file", syscall(NR_KCMP, getpid(), getpid(), 0, fd, p[0]) > 0 ? 1 : -1);
    r = syscall(NR_USERFAULTFD, O_CLOEXEC);
    printf("userfaultfd: %s\n", r >= 0 ? "fd" : strerrorname_np(errno));
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN }, out[2];
    write(p[1], "x", 1);
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    struct { int64_t sec, nsec; } ts = { 0, 0 };
    show("epoll_pwait2 ready", syscall(SYS_epoll_pwait2, ep, out, 2, &ts, NULL, 8));
    ts.nsec = 2000000000;
    show("epoll_pwait2 bad timeout", syscall(SYS_epoll_pwait2, ep, out, 2, &ts, NULL, 8));
    show("epoll_pwait2 bad fd", syscall(SYS_epoll_pwait2, -1, NULL, 1, NULL, NULL, 8));

    unlink(link);
    unlink(path);
    for (int i = 0; i < 5; i++) {
        char f[160];
        snprintf(f, sizeof f, "%s/entry-%d", dir, i);
        unlink(f);
    }
    rmdir(dir);
    return 0;
}
