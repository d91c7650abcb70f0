// mimic-test: mimic-opts -D /dev/null -d unimp
/*
 * The emulator's own descriptors (here the -D log file) are not the
 * guest's: not listed in /proc/self/fd, and every syscall naming one
 * fails with EBADF as for a closed descriptor. Compared with the native
 * run, which has no such descriptor.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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
    int open_fds = 0, bad_close = 0, bad_write = 0;
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
        }
    }
    /* listed counts the directory's own descriptor too. */
    printf("listed in /proc/self/fd: %d (= open + 1: %d)\n", listed, listed == open_fds + 1);
    printf("closed descriptors give EBADF for close: %d, write: %d (of %d)\n",
           bad_close == top - open_fds, bad_write == top - open_fds, top - open_fds > 0);
    int p[2];
    pipe(p);
    printf("pipe gets the lowest free descriptors: %d\n", p[0] < 10 && p[1] < 10);
    return 0;
}
