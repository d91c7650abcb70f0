// mimic-test: oracle host
// Calls that qemu-ppc 7.2 gets wrong or lacks, checked against the same
// source run natively on the host: openat2 (struct open_how of u64s and
// ppc's O_DIRECTORY value), SO_RCVTIMEO with 64-bit time_t
// (SO_RCVTIMEO_NEW), SO_SNDLOWAT (ppc numbers its SO_*LOWAT options
// differently), and RLIMIT_STACK, which qemu keeps to itself.
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#define _TIME_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    char dir[64], file[96];
    snprintf(dir, sizeof(dir), "lu-host-tmp.%d", (int)getpid());
    mkdir(dir, 0755);
    snprintf(file, sizeof(file), "%s/f", dir);
    close(open(file, O_CREAT | O_WRONLY, 0644));
    struct open_how h = { .flags = O_RDONLY | O_DIRECTORY };
    long r = syscall(SYS_openat2, AT_FDCWD, dir, &h, sizeof(h));
    printf("openat2 dir O_DIRECTORY ok %d\n", r >= 0);
    if (r >= 0) {
        close((int)r);
    }
    errno = 0;
    r = syscall(SYS_openat2, AT_FDCWD, file, &h, sizeof(h));
    int e = errno;
    printf("openat2 file O_DIRECTORY %ld ENOTDIR %d\n", r, e == ENOTDIR);
    h.flags = O_WRONLY | O_APPEND;
    h.resolve = RESOLVE_BENEATH;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    r = syscall(SYS_openat2, dfd, "f", &h, sizeof(h));
    int fl = r >= 0 ? fcntl((int)r, F_GETFL) : 0;
    printf("openat2 beneath ok %d append %d\n", r >= 0, (fl & O_APPEND) != 0);
    errno = 0;
    r = syscall(SYS_openat2, dfd, "../x", &h, sizeof(h));
    e = errno;
    printf("openat2 escape %ld EXDEV %d\n", r, e == EXDEV);
    h.mode = 0600;
    errno = 0;
    r = syscall(SYS_openat2, dfd, "f", &h, sizeof(h));
    e = errno;
    printf("openat2 mode without O_CREAT %ld EINVAL %d\n", r, e == EINVAL);
    close(dfd);
    unlink(file);
    rmdir(dir);

    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct timeval tv = { 3, 250000 };
    printf("SO_RCVTIMEO (64-bit) set %d\n", setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
    memset(&tv, 0, sizeof(tv));
    socklen_t len = sizeof(tv);
    r = getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, &len);
    printf("SO_RCVTIMEO get %ld %lld.%06ld len-ok %d\n", r, (long long)tv.tv_sec, (long)tv.tv_usec,
           len == sizeof(tv));
    int v = -1;
    len = sizeof(v);
    r = getsockopt(s, SOL_SOCKET, SO_SNDLOWAT, &v, &len);
    printf("SO_SNDLOWAT %ld value %d\n", r, v);
    v = 7;
    printf("SO_RCVLOWAT set %d", setsockopt(s, SOL_SOCKET, SO_RCVLOWAT, &v, sizeof(v)));
    v = -1;
    len = sizeof(v);
    r = getsockopt(s, SOL_SOCKET, SO_RCVLOWAT, &v, &len);
    printf(" get %ld value %d\n", r, v);
    close(s);

    struct rlimit rl, old;
    getrlimit(RLIMIT_STACK, &old);
    rl.rlim_cur = old.rlim_max < 12345 * 4096ULL ? old.rlim_max : 12345 * 4096;
    rl.rlim_max = old.rlim_max;
    printf("setrlimit STACK %d", setrlimit(RLIMIT_STACK, &rl));
    struct rlimit now;
    getrlimit(RLIMIT_STACK, &now);
    printf(" as set %d\n", now.rlim_cur == rl.rlim_cur);
    return 0;
}
