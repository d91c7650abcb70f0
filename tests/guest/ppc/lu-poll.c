// Readiness on a 32-bit big-endian guest: pipes and pipe2, poll and ppoll
// (struct pollfd), epoll_ctl/epoll_wait/epoll_pwait with 64-bit data
// (struct epoll_event: 16 bytes on ppc, 12 packed on the host), eventfd
// counters (u64 reads and writes), timerfd (itimerspec, expirations),
// socketpair and inotify events. Prints every result.
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#define _TIME_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <unistd.h>

static void pipes(void)
{
    int p[2];
    printf("pipe %d distinct %d\n", pipe(p), p[0] != p[1]);
    struct pollfd fds[3] = { { p[0], POLLIN, 0x7777 }, { p[1], POLLOUT, 0x7777 },
                             { -1, POLLIN, 0x7777 } };
    int r = poll(fds, 3, 0);
    printf("poll empty %d revents %x %x %x\n", r, fds[0].revents, fds[1].revents,
           fds[2].revents);
    write(p[1], "abc", 3);
    r = poll(fds, 2, 1000);
    printf("poll data %d revents %x %x\n", r, fds[0].revents, fds[1].revents);
    struct timespec ts = { 0, 1000000 };
    sigset_t none;
    sigemptyset(&none);
    r = ppoll(fds, 2, &ts, &none);
    printf("ppoll %d revents %x %x\n", r, fds[0].revents, fds[1].revents);
    close(p[1]);
    char b[8];
    read(p[0], b, 8);
    fds[0].events = POLLIN | POLLRDHUP;
    r = poll(fds, 1, 1000);
    printf("poll after close %d revents %x\n", r, fds[0].revents);
    close(p[0]);
    fds[0].fd = p[0];
    r = poll(fds, 1, 0);
    printf("poll closed fd %d revents %x\n", r, fds[0].revents);
    printf("pipe2 %d\n", pipe2(p, O_CLOEXEC | O_NONBLOCK));
    printf("flags cloexec %d nonblock %d\n", (fcntl(p[0], F_GETFD) & FD_CLOEXEC) != 0,
           (fcntl(p[0], F_GETFL) & O_NONBLOCK) != 0);
    errno = 0;
    printf("read empty nonblocking %zd %s\n", read(p[0], b, 8), errno == EAGAIN ? "EAGAIN" : "?");
    close(p[0]);
    close(p[1]);
}

static void epoll(void)
{
    int p[2], q[2];
    pipe(p);
    pipe(q);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    printf("epoll_create1 ok %d\n", ep >= 0);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull };
    printf("epoll_ctl add %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 0xa0a0b0b0c0c0d0d0ull;
    printf("epoll_ctl add 2 %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev));
    printf("epoll_ctl add again %d errno %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev), errno);
    struct epoll_event out[4];
    memset(out, 0, sizeof(out));
    printf("epoll_wait none %d\n", epoll_wait(ep, out, 4, 0));
    write(p[1], "x", 1);
    write(q[1], "y", 1);
    int n = epoll_wait(ep, out, 4, 1000);
    printf("epoll_wait %d\n", n);
    uint64_t seen = 0;
    for (int i = 0; i < n; i++) {
        seen ^= out[i].data.u64;
        printf("  events %x data %s\n", out[i].events,
               out[i].data.u64 == 0x1122334455667788ull ? "first" :
               out[i].data.u64 == 0xa0a0b0b0c0c0d0d0ull ? "second" : "?");
    }
    printf("xor of data %llx\n", (unsigned long long)seen);
    ev.events = EPOLLOUT;
    ev.data.fd = 42;
    printf("epoll_ctl mod %d\n", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
    printf("epoll_ctl del %d\n", epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL));
    sigset_t none;
    sigemptyset(&none);
    n = epoll_pwait(ep, out, 4, 0, &none);
    printf("epoll_pwait %d (edge-triggered entry removed, mod to EPOLLOUT on a read end)\n", n);
    ev.events = EPOLLIN;
    ev.data.u32 = 0xdeadbeef;
    epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
    n = epoll_wait(ep, out, 4, 0);
    printf("epoll_wait u32 %d events %x data.u32 %x data.fd %d\n", n, out[0].events,
           out[0].data.u32, out[0].data.fd == (int)0xdeadbeef);
    close(ep);
    close(p[0]);
    close(p[1]);
    close(q[0]);
    close(q[1]);
}

static void eventfds(void)
{
    int e = eventfd(5, EFD_NONBLOCK);
    uint64_t v = 0;
    printf("eventfd read %zd value %llu\n", read(e, &v, 8), (unsigned long long)v);
    errno = 0;
    printf("eventfd read again %zd %s\n", read(e, &v, 8), errno == EAGAIN ? "EAGAIN" : "?");
    v = 0x100000003ull;
    printf("eventfd write %zd\n", write(e, &v, 8));
    v = 4;
    write(e, &v, 8);
    v = 0;
    printf("eventfd read sum %zd value %llx\n", read(e, &v, 8), (unsigned long long)v);
    eventfd_write(e, 7);
    eventfd_t t = 0;
    printf("eventfd_read %d value %llu\n", eventfd_read(e, &t), (unsigned long long)t);
    int e2 = dup(e), e3 = dup2(e, 100);
    v = 0x0102030405ull;
    printf("write through dup %zd\n", write(e2, &v, 8));
    v = 0;
    printf("read through dup2 %zd value %llx\n", read(e3, &v, 8), (unsigned long long)v);
    close(e2);
    close(e3);
    close(e);
    e = eventfd(0, EFD_SEMAPHORE | EFD_NONBLOCK);
    eventfd_write(e, 3);
    eventfd_read(e, &t);
    printf("semaphore read %llu\n", (unsigned long long)t);
    struct pollfd pf = { e, POLLIN, 0 };
    printf("semaphore poll %d revents %x\n", poll(&pf, 1, 0), pf.revents);
    close(e);
}

static void timerfds(void)
{
    int t = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    printf("timerfd_create ok %d\n", t >= 0);
    struct itimerspec its = { { 0, 20000000 }, { 0, 10000000 } }, old;
    printf("timerfd_settime %d\n", timerfd_settime(t, 0, &its, &old));
    printf("old value %lld.%09ld interval %lld.%09ld\n", (long long)old.it_value.tv_sec,
           old.it_value.tv_nsec, (long long)old.it_interval.tv_sec, old.it_interval.tv_nsec);
    struct itimerspec cur;
    timerfd_gettime(t, &cur);
    printf("gettime interval %lld.%09ld value<=20ms %d\n", (long long)cur.it_interval.tv_sec,
           cur.it_interval.tv_nsec, cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 20000000);
    uint64_t n = 0;
    printf("read %zd expirations>=1 %d small %d\n", read(t, &n, 8), n >= 1, n < 1000);
    usleep(50000);
    n = 0;
    read(t, &n, 8);
    printf("after 50ms expirations>=2 %d small %d\n", n >= 2, n < 1000);
    its.it_value.tv_sec = 100;
    its.it_value.tv_nsec = 0;
    its.it_interval.tv_nsec = 0;
    timerfd_settime(t, 0, &its, &old);
    printf("old interval %lld.%09ld\n", (long long)old.it_interval.tv_sec, old.it_interval.tv_nsec);
    timerfd_gettime(t, &cur);
    printf("gettime value 90..100 s %d interval 0 %d\n",
           cur.it_value.tv_sec >= 90 && cur.it_value.tv_sec <= 100,
           cur.it_interval.tv_sec == 0 && cur.it_interval.tv_nsec == 0);
    its.it_value.tv_nsec = 2000000000;
    printf("settime bad nsec %d errno %d\n", timerfd_settime(t, 0, &its, NULL), errno);
    close(t);
}

static void sockpairs(void)
{
    int sv[2];
    printf("socketpair %d distinct %d\n", socketpair(AF_UNIX, SOCK_STREAM, 0, sv), sv[0] != sv[1]);
    printf("send %zd\n", send(sv[0], "ping", 4, 0));
    char b[8] = { 0 };
    printf("recv %zd '%s'\n", recv(sv[1], b, 8, 0), b);
    struct pollfd pf[2] = { { sv[0], POLLIN | POLLOUT, 0 }, { sv[1], POLLIN, 0 } };
    printf("poll %d revents %x %x\n", poll(pf, 2, 0), pf[0].revents, pf[1].revents);
    shutdown(sv[0], SHUT_WR);
    pf[1].events = POLLIN | POLLRDHUP;
    printf("poll after shutdown %d revents %x\n", poll(&pf[1], 1, 0), pf[1].revents);
    close(sv[0]);
    close(sv[1]);
}

static void inotify(void)
{
    char dir[64], f[96];
    snprintf(dir, sizeof(dir), "lu-poll-tmp.%d", (int)getpid());
    mkdir(dir, 0755);
    int in = inotify_init1(IN_NONBLOCK);
    int wd = inotify_add_watch(in, dir, IN_CREATE | IN_DELETE | IN_CLOSE_WRITE);
    printf("inotify watch ok %d\n", wd >= 0);
    snprintf(f, sizeof(f), "%s/new-file", dir);
    int fd = open(f, O_CREAT | O_WRONLY, 0644);
    close(fd);
    unlink(f);
    char buf[1024] __attribute__((aligned(8)));
    ssize_t n = read(in, buf, sizeof(buf));
    printf("inotify read >0 %d\n", n > 0);
    for (char *p = buf; p < buf + n;) {
        struct inotify_event *e = (struct inotify_event *)p;
        printf("  event wd-ok %d mask %x cookie %u name '%s'\n", e->wd == wd, e->mask,
               e->cookie, e->len ? e->name : "");
        p += sizeof(*e) + e->len;
    }
    printf("inotify_rm_watch %d\n", inotify_rm_watch(in, wd));
    n = read(in, buf, sizeof(buf));
    for (char *p = buf; n > 0 && p < buf + n;) {
        struct inotify_event *e = (struct inotify_event *)p;
        printf("  event mask %x\n", e->mask);
        p += sizeof(*e) + e->len;
    }
    close(in);
    rmdir(dir);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    pipes();
    epoll();
    eventfds();
    timerfds();
    sockpairs();
    inotify();
    return 0;
}
