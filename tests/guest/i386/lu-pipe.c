// Pipes and readiness: pipe/pipe2, poll, select, epoll, eventfd,
// timerfd, O_NONBLOCK and EAGAIN, FIONREAD; prints every result.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/timerfd.h>
#include <signal.h>
#include <unistd.h>

int main(void)
{
    int p[2], q[2];
    char buf[64];
    int r = pipe(p);
    printf("pipe %d\n", r);
    r = pipe2(q, O_NONBLOCK | O_CLOEXEC);
    printf("pipe2 %d\n", r);
    printf("q flags nonblock %d cloexec %d\n", !!(fcntl(q[0], F_GETFL) & O_NONBLOCK),
           fcntl(q[0], F_GETFD));
    ssize_t n = read(q[0], buf, sizeof(buf));
    printf("read empty nonblocking %zd errno %d\n", n, errno);

    struct pollfd pf[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    r = poll(pf, 2, 0);
    printf("poll %d revents %x %x\n", r, pf[0].revents, pf[1].revents);
    n = write(p[1], "abc", 3);
    printf("write %zd\n", n);
    int avail = -1;
    r = ioctl(p[0], FIONREAD, &avail);
    printf("FIONREAD %d avail %d\n", r, avail);
    r = poll(pf, 2, 100);
    printf("poll %d revents %x %x\n", r, pf[0].revents, pf[1].revents);

    fd_set rs, ws;
    FD_ZERO(&rs);
    FD_ZERO(&ws);
    FD_SET(p[0], &rs);
    FD_SET(q[0], &rs);
    FD_SET(p[1], &ws);
    struct timeval tv = { 1, 0 };
    r = select(q[1] + 1, &rs, &ws, NULL, &tv);
    printf("select %d p0 %d q0 %d p1 %d\n", r, FD_ISSET(p[0], &rs), FD_ISSET(q[0], &rs),
           FD_ISSET(p[1], &ws));
    struct timespec ts = { 0, 1000000 };
    FD_ZERO(&rs);
    FD_SET(q[0], &rs);
    r = pselect(q[0] + 1, &rs, NULL, NULL, &ts, NULL);
    printf("pselect timeout %d\n", r);

    int ep = epoll_create1(EPOLL_CLOEXEC);
    printf("epoll_create1 ok %d\n", ep >= 0);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull };
    r = epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    printf("epoll_ctl add %d\n", r);
    ev.data.u32 = 77;
    ev.events = EPOLLIN;
    r = epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev);
    printf("epoll_ctl add %d\n", r);
    struct epoll_event out[4];
    memset(out, 0, sizeof(out));
    r = epoll_wait(ep, out, 4, 100);
    printf("epoll_wait %d events %x data %llx\n", r, out[0].events,
           (unsigned long long)out[0].data.u64);
    n = read(p[0], buf, sizeof(buf));
    printf("read %zd '%.*s'\n", n, (int)n, buf);
    r = epoll_wait(ep, out, 4, 10);
    printf("epoll_wait empty %d\n", r);
    n = write(q[1], "x", 1);
    sigset_t none;
    sigemptyset(&none);
    r = epoll_pwait(ep, out, 4, 100, &none);
    printf("epoll_pwait %d data %u\n", r, out[0].data.u32);
    r = epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL);
    printf("epoll_ctl del %d\n", r);
    close(ep);

    int efd = eventfd(5, 0);
    uint64_t v = 0;
    n = read(efd, &v, 8);
    printf("eventfd read %zd value %llu\n", n, (unsigned long long)v);
    v = 3;
    n = write(efd, &v, 8);
    v = 4;
    n = write(efd, &v, 8);
    n = read(efd, &v, 8);
    printf("eventfd sum %llu\n", (unsigned long long)v);
    close(efd);
    efd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
    n = read(efd, &v, 8);
    printf("semaphore read %llu\n", (unsigned long long)v);
    n = read(efd, &v, 8);
    printf("semaphore read %llu\n", (unsigned long long)v);
    n = read(efd, &v, 8);
    printf("semaphore empty %zd errno %d\n", n, errno);
    close(efd);

    int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
    struct itimerspec its = { { 0, 5000000 }, { 0, 5000000 } }, cur;
    r = timerfd_settime(tfd, 0, &its, NULL);
    printf("timerfd_settime %d\n", r);
    r = timerfd_gettime(tfd, &cur);
    printf("timerfd_gettime %d interval %ld.%09ld armed %d\n", r, (long)cur.it_interval.tv_sec,
           cur.it_interval.tv_nsec, cur.it_value.tv_sec > 0 || cur.it_value.tv_nsec > 0);
    n = read(tfd, &v, 8);
    printf("timerfd read %zd expirations>=1 %d\n", n, v >= 1);
    its.it_value.tv_nsec = 0;
    its.it_interval.tv_nsec = 0;
    r = timerfd_settime(tfd, 0, &its, NULL);
    printf("disarm %d\n", r);
    close(tfd);

    /* splice and tee between two fresh pipes */
    int s1[2], s2[2];
    r = pipe(s1);
    r = pipe(s2);
    n = write(s1[1], "spliced", 7);
    n = tee(s1[0], s2[1], 7, 0);
    printf("tee %zd\n", n);
    n = splice(s1[0], NULL, s2[1], NULL, 7, 0);
    printf("splice %zd\n", n);
    memset(buf, 0, sizeof(buf));
    n = read(s2[0], buf, sizeof(buf));
    printf("after tee+splice %zd '%s'\n", n, buf);

    close(p[1]);
    n = read(p[0], buf, 1);
    printf("read at EOF %zd\n", n);
    signal(SIGPIPE, SIG_IGN);
    close(q[0]);
    n = write(q[1], "x", 1);
    printf("write to closed pipe %zd errno %d\n", n, errno);
    return 0;
}
