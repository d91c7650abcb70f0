// File syscalls: open/read/write/seek, vectors, positional I/O, stat,
// links, rename, truncate (beyond 4 GiB), fcntl (flags, dup, locks),
// utimensat and access; prints every result.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/uio.h>
#include <unistd.h>

static char dir[64];

static void path(char *buf, const char *leaf)
{
    snprintf(buf, 128, "%s/%s", dir, leaf);
}

static void show_stat(const char *what, const struct stat *st)
{
    printf("%s: mode %o size %lld nlink %u blocks>0 %d\n", what, st->st_mode & 07777,
           (long long)st->st_size, (unsigned)st->st_nlink, st->st_blocks > 0);
}

int main(void)
{
    char a[128], b[128], c[128], buf[256];
    snprintf(dir, sizeof(dir), "lu-file-tmp.%d", (int)getpid());
    printf("mkdir %d\n", mkdir(dir, 0755));
    path(a, "data");
    int fd = open(a, O_RDWR | O_CREAT | O_TRUNC, 0640);
    printf("open ok %d\n", fd >= 0);
    printf("write %zd\n", write(fd, "hello, world\n", 13));
    printf("lseek cur %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    printf("lseek set %lld\n", (long long)lseek(fd, 7, SEEK_SET));
    memset(buf, 0, sizeof(buf));
    printf("read %zd '%s'\n", read(fd, buf, 5), buf);
    printf("pwrite %zd\n", pwrite(fd, "HELLO", 5, 0));
    memset(buf, 0, sizeof(buf));
    printf("pread %zd '%s'\n", pread(fd, buf, 12, 0), buf);
    struct iovec iov[3] = { { "one ", 4 }, { "two ", 4 }, { "three\n", 6 } };
    lseek(fd, 0, SEEK_END);
    printf("writev %zd\n", writev(fd, iov, 3));
    char x[5] = { 0 }, y[9] = { 0 };
    struct iovec riov[2] = { { x, 4 }, { y, 8 } };
    printf("preadv %zd '%s' '%s'\n", preadv(fd, riov, 2, 13), x, y);
    lseek(fd, 0, SEEK_SET);
    printf("readv %zd '%s' '%s'\n", readv(fd, riov, 2), x, y);

    struct stat st;
    printf("fstat %d\n", fstat(fd, &st));
    show_stat("fstat", &st);
    printf("fchmod %d\n", fchmod(fd, 0600));
    stat(a, &st);
    show_stat("stat", &st);
    printf("ftruncate %d\n", ftruncate(fd, 5));
    fstat(fd, &st);
    printf("size after ftruncate %lld\n", (long long)st.st_size);
    off_t big = (off_t)5 << 30;
    printf("lseek 5GiB %lld\n", (long long)lseek(fd, big, SEEK_SET));
    printf("write at 5GiB %zd\n", write(fd, "Z", 1));
    fstat(fd, &st);
    printf("size %lld\n", (long long)st.st_size);
    printf("truncate %d\n", truncate(a, 100));
    stat(a, &st);
    printf("size after truncate %lld\n", (long long)st.st_size);

    /* fcntl */
    int fl = fcntl(fd, F_GETFL);
    printf("F_GETFL accmode %d append %d\n", fl & O_ACCMODE, !!(fl & O_APPEND));
    printf("F_SETFL %d\n", fcntl(fd, F_SETFL, fl | O_APPEND));
    printf("F_GETFL append %d\n", !!(fcntl(fd, F_GETFL) & O_APPEND));
    printf("F_GETFD %d\n", fcntl(fd, F_GETFD));
    printf("F_SETFD %d\n", fcntl(fd, F_SETFD, FD_CLOEXEC));
    printf("F_GETFD %d\n", fcntl(fd, F_GETFD));
    int d = fcntl(fd, F_DUPFD, 50);
    printf("F_DUPFD >= 50 %d\n", d >= 50);
    printf("dup2 %d\n", dup2(fd, 60));
    printf("dup3 %d\n", dup3(fd, 61, O_CLOEXEC));
    printf("F_GETFD 61 %d\n", fcntl(61, F_GETFD));
    close(d);
    close(60);
    close(61);
    struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = 20 };
    printf("F_SETLK %d\n", fcntl(fd, F_SETLK, &lk));
    lk.l_type = F_RDLCK;
    printf("F_GETLK %d\n", fcntl(fd, F_GETLK, &lk));
    printf("type-unlocked %d\n", lk.l_type == F_UNLCK);
    printf("flock %d\n", flock(fd, LOCK_EX));
    printf("unlock %d\n", flock(fd, LOCK_UN));
    close(fd);

    /* names */
    path(b, "link");
    path(c, "sym");
    printf("link %d\n", link(a, b));
    stat(a, &st);
    printf("nlink %u\n", (unsigned)st.st_nlink);
    printf("symlink %d\n", symlink("data", c));
    memset(buf, 0, sizeof(buf));
    printf("readlink %zd '%s'\n", readlink(c, buf, sizeof(buf)), buf);
    printf("lstat %d\n", lstat(c, &st));
    printf("islnk %d\n", S_ISLNK(st.st_mode));
    printf("stat via symlink %d\n", stat(c, &st));
    printf("isreg %d size %lld\n", S_ISREG(st.st_mode), (long long)st.st_size);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    printf("fstatat %d\n", fstatat(dfd, "data", &st, 0));
    printf("size %lld\n", (long long)st.st_size);
    printf("renameat %d\n", renameat(dfd, "link", dfd, "link2"));
    printf("access link2 R %d\n", faccessat(dfd, "link2", R_OK, 0));
    printf("access missing %d\n", access("no/such/file", F_OK));
    printf("errno %d\n", errno);
    struct timespec ts[2] = { { 1000000000, 0 }, { 1234567890, 500 } };
    printf("utimensat %d\n", utimensat(dfd, "data", ts, 0));
    stat(a, &st);
    printf("mtime %lld.%09ld atime %lld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
           (long long)st.st_atim.tv_sec);
    printf("unlinkat %d\n", unlinkat(dfd, "link2", 0));
    printf("unlinkat %d\n", unlinkat(dfd, "sym", 0));
    printf("unlink %d\n", unlink(a));
    printf("open missing %d\n", open(a, O_RDONLY));
    printf("errno %d\n", errno);
    printf("open O_EXCL %d\n", (fd = open(a, O_CREAT | O_EXCL | O_WRONLY, 0600)) >= 0);
    printf("open O_EXCL again %d\n", open(a, O_CREAT | O_EXCL | O_WRONLY, 0600));
    printf("errno %d\n", errno);
    close(fd);
    unlink(a);
    struct statfs sfs;
    printf("statfs %d\n", statfs(dir, &sfs));
    printf("bsize>0 %d\n", sfs.f_bsize > 0);
    char cwd[512];
    printf("getcwd ok %d\n", getcwd(cwd, sizeof(cwd)) != NULL);
    printf("chdir %d\n", chdir(dir));
    printf("fchdir %d\n", fchdir(dfd));
    printf("chdir .. %d\n", chdir(".."));
    close(dfd);
    printf("rmdir %d\n", rmdir(dir));
    printf("close bad %d\n", close(999));
    printf("errno %d\n", errno);
    int pp[2];
    printf("pipe %d\n", pipe(pp));
    printf("write %zd\n", write(pp[1], "abcde", 5));
    printf("read into bad buffer %zd\n", read(pp[0], (void *)16, 5));
    printf("errno %d\n", errno);
    return 0;
}
