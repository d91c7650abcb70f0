// mimic-test: static-only
/*
 * execveat: fexecve of a close-on-exec descriptor (glibc uses
 * execveat(fd, "", ..., AT_EMPTY_PATH)), a path relative to a directory
 * fd, AT_SYMLINK_NOFOLLOW, and the error cases. The child checks that the
 * close-on-exec descriptor is gone. Compared with the native run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void run(const char *what, int dirfd, const char *path, int flags, const char *fdnum)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { "lu-execveat", "child", (char *)fdnum, NULL };
        long r = syscall(SYS_execveat, dirfd, path, argv, environ, flags);
        printf("%-28s execveat failed r=%ld errno=%s\n", what, r, strerrorname_np(errno));
        fflush(stdout);
        _exit(3);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("%-28s child exit=%d\n", what, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "child")) {
        int fd = argc >= 3 ? atoi(argv[2]) : -1;
        int r = fd >= 0 ? fcntl(fd, F_GETFD) : -2;
        printf("  child runs; cloexec fd %s\n", fd < 0 ? "n/a" : r < 0 ? "closed" : "still open");
        return 7;
    }
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0) {
        return 1;
    }
    self[n] = 0;
    char *slash = strrchr(self, '/');
    *slash = 0;
    const char *dir = self, *base = slash + 1;

    int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    char fdnum[16];
    snprintf(fdnum, sizeof fdnum, "%d", fd);
    run("fexecve cloexec fd", fd, "", AT_EMPTY_PATH, fdnum);
    int fd2 = open("/proc/self/exe", O_RDONLY);
    snprintf(fdnum, sizeof fdnum, "%d", fd2);
    run("fexecve inherited fd", fd2, "", AT_EMPTY_PATH, fdnum);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    run("relative to dir fd", dfd, base, 0, "-1");
    char abs[4200];
    snprintf(abs, sizeof abs, "%s/%s", dir, base);
    run("absolute path", AT_FDCWD, abs, 0, "-1");
    char link[] = "/tmp/mimic-execveat-link-XXXXXX";
    int lfd = mkstemp(link);
    close(lfd);
    unlink(link);
    if (symlink(abs, link) == 0) {
        run("symlink followed", AT_FDCWD, link, 0, "-1");
        run("symlink NOFOLLOW", AT_FDCWD, link, AT_SYMLINK_NOFOLLOW, "-1");
        unlink(link);
    }
    run("empty path without flag", fd, "", 0, "-1");
    run("bad flags, empty path", fd, "", 0x8000, "-1");
    run("bad flags", fd, "", AT_EMPTY_PATH | 0x8000, "-1");
    run("bad fd", 999, "", AT_EMPTY_PATH, "-1");
    run("relative to a file fd", fd, "x", 0, "-1");
    run("missing file", dfd, "no-such-program", 0, "-1");
    return 0;
}
