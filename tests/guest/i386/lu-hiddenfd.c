// mimic-test: mimic-opts -D /dev/null -d unimp
/*
 * The emulator's own descriptors (here the -D log file) are not the
 * guest's: not listed in /proc/self/fd, and every syscall naming one
 * fails with EBADF as for a closed descriptor (poll: POLLNVAL, select:
 * EBADF; /proc/self/fd/N and /dev/fd/N: ENOENT). Compared with the native
 * run, which has no such descriptor.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/select.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

int main(void)
{
    /* Descriptors the caller gave us (the test harness may pass some)
     * are left alone: count what is open now, then what this program opens. */
    DIR *d = opendir("/proc/self/fd");
    int listed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] != '.') {
            listed++;
        }
    }
    closedir(d);
    int open_fds = 0, bad_close = 0, bad_write = 0, nval_poll = 0, bad_select = 0;
    int closed_low = 0, closed_64 = 0, noent_proc = 0;
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    int top = rl.rlim_cur > 8192 ? 8192 : (int)rl.rlim_cur;
    for (int fd = 0; fd < top; fd++) {
        if (fcntl(fd, F_GETFD) >= 0) {
            open_fds++;
        } else if (errno == EBADF) {
            if (close(fd) < 0 && errno == EBADF) {
                bad_close++;
            }
            if (write(fd, "x", 1) < 0 && errno == EBADF) {
                bad_write++;
            }
            if (fd < FD_SETSIZE) {
                closed_low++;
                struct pollfd pf = { .fd = fd, .events = POLLIN };
                if (poll(&pf, 1, 0) == 1 && pf.revents == POLLNVAL && pf.fd == fd) {
                    nval_poll++;
                }
                char path[2][40];
                snprintf(path[0], sizeof(path[0]), "/proc/self/fd/%d", fd);
                snprintf(path[1], sizeof(path[1]), "/dev/fd/%d", fd);
                int f0 = open(path[0], O_RDONLY), e0 = errno;
                int f1 = open(path[1], O_RDONLY), e1 = errno;
                noent_proc += f0 < 0 && e0 == ENOENT && f1 < 0 && e1 == ENOENT;
                if (f0 >= 0) {
                    close(f0);
                }
                if (f1 >= 0) {
                    close(f1);
                }
                /* select: Linux ignores closed numbers past its current
                 * descriptor table (64 until a process opens more), so
                 * only those below 64 are sure to give EBADF. */
                fd_set rs;
                FD_ZERO(&rs);
                FD_SET(fd, &rs);
                struct timeval tv = { 0, 0 };
                if (fd < 64) {
                    closed_64++;
                    if (select(fd + 1, &rs, NULL, NULL, &tv) < 0 && errno == EBADF) {
                        bad_select++;
                    }
                }
            }
        }
    }
    /* listed counts the directory's own descriptor too. */
    printf("listed in /proc/self/fd: %d (= open + 1: %d)\n", listed, listed == open_fds + 1);
    printf("closed descriptors give EBADF for close: %d, write: %d (of %d)\n",
           bad_close == top - open_fds, bad_write == top - open_fds, top - open_fds > 0);
    printf("closed descriptors below FD_SETSIZE: poll POLLNVAL %d, select EBADF %d, "
           "/proc/self/fd/N and /dev/fd/N ENOENT %d\n",
           nval_poll == closed_low, bad_select == closed_64, noent_proc == closed_low);
    int p[2];
    pipe(p);
    printf("pipe gets the lowest free descriptors: %d\n", p[0] < 10 && p[1] < 10);
    return 0;
}
