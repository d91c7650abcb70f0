/* readv/preadv/preadv2/writev on eventfd, timerfd, signalfd and inotify
 * descriptors: the values read must be the same as with read (a big-endian
 * guest gets them converted to its byte order), segments split anywhere. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <unistd.h>

static void eventfd_tests(void)
{
    int fd = eventfd(5, 0);
    uint64_t v = 0, add = 0x100000002ull;
    struct iovec one = { &v, 8 };
    ssize_t n = readv(fd, &one, 1);
    printf("readv eventfd: %zd value 0x%llx\n", n, (unsigned long long)v);
    /* Written by writev, read back split 3+5 into one variable. */
    struct iovec w = { &add, 8 };
    printf("writev eventfd: %zd\n", writev(fd, &w, 1));
    v = 0;
    struct iovec split[2] = { { &v, 3 }, { (char *)&v + 3, 5 } };
    n = readv(fd, split, 2);
    printf("readv split: %zd value 0x%llx\n", n, (unsigned long long)v);
    /* Two 8-byte segments written at once. */
    uint64_t two[2] = { 7, 9 };
    struct iovec w2[2] = { { &two[0], 8 }, { &two[1], 8 } };
    n = writev(fd, w2, 2);
    printf("writev two segments: %zd\n", n < 0 ? -errno : n);
    v = 0;
    n = read(fd, &v, 8);
    printf("read: %zd value 0x%llx\n", n, (unsigned long long)v);
    /* preadv2 at the current position (-1), and preadv (no position). */
    eventfd_write(fd, 0x1122334455ull);
    v = 0;
    n = preadv2(fd, &one, 1, -1, 0);
    printf("preadv2 -1: %zd value 0x%llx\n", n, (unsigned long long)v);
    n = preadv(fd, &one, 1, 0);
    printf("preadv: %zd errno %s\n", n, n < 0 ? strerror(errno) : "-");
    /* A too-short buffer. */
    struct iovec small = { &v, 4 };
    n = readv(fd, &small, 1);
    printf("readv 4 bytes: %zd errno %s\n", n, n < 0 ? strerror(errno) : "-");
    /* A dup'ed descriptor converts too. */
    int d = dup(fd);
    eventfd_write(fd, 42);
    v = 0;
    n = readv(d, &one, 1);
    printf("readv dup: %zd value %llu\n", n, (unsigned long long)v);
    close(d);
    close(fd);
}

static void timerfd_tests(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, 0);
    struct itimerspec it = { { 0, 0 }, { 0, 1000000 } };
    timerfd_settime(fd, 0, &it, NULL);
    uint64_t v = 0;
    struct iovec one = { &v, 8 };
    ssize_t n = readv(fd, &one, 1);
    printf("readv timerfd: %zd expirations %llu\n", n, (unsigned long long)v);
    close(fd);
}

static void signalfd_tests(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    int fd = signalfd(-1, &set, 0);
    union sigval sv = { .sival_int = 0x12345678 };
    sigqueue(getpid(), SIGUSR1, sv);
    sv.sival_int = -7;
    sigqueue(getpid(), SIGRTMIN + 2, sv);
    struct signalfd_siginfo fi[2];
    memset(fi, 0, sizeof(fi));
    struct iovec v[2] = { { &fi[0], 100 }, { (char *)&fi[0] + 100, 156 } };
    ssize_t n = readv(fd, v, 2);
    printf("readv signalfd: %zd\n", n);
    for (int i = 0; i < n / 128; i++) {
        printf("  signo %d code %d pid ok %d int %d\n", fi[i].ssi_signo - (fi[i].ssi_signo > 31 ? SIGRTMIN : 0),
               fi[i].ssi_code, fi[i].ssi_pid == (uint32_t)getpid(), fi[i].ssi_int);
    }
    close(fd);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void inotify_tests(void)
{
    char dir[] = "/tmp/lu-specialvec-XXXXXX", path[64];
    if (!mkdtemp(dir)) {
        return;
    }
    int fd = inotify_init1(0);
    int wd = inotify_add_watch(fd, dir, IN_CREATE | IN_DELETE);
    snprintf(path, sizeof(path), "%s/a-file", dir);
    close(open(path, O_CREAT | O_WRONLY, 0600));
    unlink(path);
    union { struct inotify_event e; char b[512]; } buf[2];
    struct iovec v[2] = { { buf[0].b, 512 }, { buf[1].b, 512 } };
    ssize_t n = readv(fd, v, 2);
    printf("readv inotify: %zd\n", n);
    for (char *p = buf[0].b; n > 0 && p < buf[0].b + n;) {
        struct inotify_event *e = (struct inotify_event *)p;
        printf("  wd ok %d mask 0x%x len %u name %s\n", e->wd == wd, e->mask, e->len,
               e->len ? e->name : "");
        p += sizeof(*e) + e->len;
    }
    close(fd);
    rmdir(dir);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    eventfd_tests();
    timerfd_tests();
    signalfd_tests();
    inotify_tests();
    return 0;
}
