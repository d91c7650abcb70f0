/*
 * The emulator's own descriptors, moved out of the guest's way (see
 * include/util/hidden-fd.h). A handful at most, so a small array.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#include "util/hidden-fd.h"

#define HIDDEN_MAX 8
#define HIDDEN_TOP_CAP 4096    /* keeps the kernel's fd table small */

static volatile int hidden_fds[HIDDEN_MAX] = { -1, -1, -1, -1, -1, -1, -1, -1 };

/* The first number of the hidden range: below the soft descriptor limit
 * (where a guest allocating descriptors lowest-first gets last). */
static int hidden_base(void)
{
    struct rlimit rl;
    long top = HIDDEN_TOP_CAP;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        rl.rlim_cur < (rlim_t)top) {
        top = (long)rl.rlim_cur;
    }
    return top - HIDDEN_MAX > 10 ? (int)(top - HIDDEN_MAX) : 10;
}

int mimic_fd_hide(int fd)
{
    int slot = 0;
    while (slot < HIDDEN_MAX && hidden_fds[slot] >= 0) {
        slot++;
    }
    if (fd < 0 || slot == HIDDEN_MAX) {
        return fd;
    }
    int nfd = fcntl(fd, F_DUPFD_CLOEXEC, hidden_base());
    if (nfd < 0) {
        return fd;
    }
    close(fd);
    hidden_fds[slot] = nfd;
    return nfd;
}

void mimic_fd_unhide(int fd)
{
    for (int i = 0; i < HIDDEN_MAX; i++) {
        if (hidden_fds[i] == fd) {
            hidden_fds[i] = -1;
        }
    }
}

bool mimic_fd_is_hidden(int fd)
{
    if (fd < 0) {
        return false;
    }
    for (int i = 0; i < HIDDEN_MAX; i++) {
        if (hidden_fds[i] == fd) {
            return true;
        }
    }
    return false;
}
