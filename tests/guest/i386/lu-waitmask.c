// mimic-test: static-only
/*
 * ppoll, pselect6 and epoll_pwait with a signal mask of the wrong size
 * fail at once with EINVAL (they used to block); with the right size they
 * time out normally. Compared with the native run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    printf("%-32s r=%ld%s%s\n", what, r, r < 0 ? " errno=" : "", r < 0 ? strerrorname_np(errno) : "");
}

int main(void)
{
    int p[2];
    pipe(p);
    struct pollfd fds = { .fd = p[0], .events = POLLIN };
    struct { long sec, nsec; } ts = { 0, 1000000 };   /* 1 ms, 32-bit timespec */
    uint32_t set[2] = { 0, 0 };
    for (unsigned size = 0; size <= 16; size += 4) {
        char what[64];
        snprintf(what, sizeof what, "ppoll sigsetsize=%u", size);
        show(what, syscall(SYS_ppoll, &fds, 1, &ts, set, size));
    }
    show("ppoll no mask, size 3", syscall(SYS_ppoll, &fds, 1, &ts, NULL, 3));
    struct { uint32_t ss, len; } sel = { (uint32_t)(uintptr_t)set, 4 };
    show("pselect6 ss_len=4", syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, &sel));
    sel.len = 8;
    show("pselect6 ss_len=8", syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, &sel));
    int ep = epoll_create1(0);
    struct epoll_event ev;
    show("epoll_pwait sigsetsize=4", syscall(SYS_epoll_pwait, ep, &ev, 1, 1, set, 4));
    show("epoll_pwait sigsetsize=8", syscall(SYS_epoll_pwait, ep, &ev, 1, 1, set, 8));
    return 0;
}
