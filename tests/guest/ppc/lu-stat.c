// Files on a 32-bit big-endian guest: stat/lstat/fstat/fstatat and raw
// statx on files, directories, symlinks and pipes (modes, sizes, nlink,
// times set with utimensat), a sparse file beyond 4 GiB with pread/pwrite
// at 64-bit offsets, fallocate/fadvise/readahead/sync_file_range, lseek,
// fcntl record locks (flock64) seen from a child, and a sorted getdents64
// listing. Prints values that do not depend on the environment.
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#define _TIME_BITS 64
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];

static void show_stat(const char *what, int r, const struct stat *st)
{
    if (r < 0) {
        printf("%s: -1 errno %d\n", what, errno);
        return;
    }
    printf("%s: type %o perm %o size %lld nlink %u blocks>0 %d blksize>0 %d\n", what,
           (unsigned)(st->st_mode & S_IFMT), (unsigned)(st->st_mode & 07777),
           (long long)st->st_size, (unsigned)st->st_nlink, st->st_blocks > 0,
           st->st_blksize > 0);
}

static void show_statx(const char *what, int dfd, const char *path, int flags, int times)
{
    struct statx sx;
    memset(&sx, 0xa5, sizeof(sx));
    int r = statx(dfd, path, flags, STATX_BASIC_STATS, &sx);
    if (r < 0) {
        printf("statx %s: -1 errno %d\n", what, errno);
        return;
    }
    printf("statx %s: basic %d type %o perm %o size %llu nlink %u mtime %lld.%09u uid-ok %d "
           "blocks %llu\n", what, (sx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS,
           sx.stx_mode & S_IFMT, sx.stx_mode & 07777, (unsigned long long)sx.stx_size,
           sx.stx_nlink, times ? (long long)sx.stx_mtime.tv_sec : 0LL, times ? sx.stx_mtime.tv_nsec : 0,
           sx.stx_uid == getuid(), (unsigned long long)(sx.stx_blocks ? 1 : 0));
}

static void path_of(char *buf, const char *leaf)
{
    snprintf(buf, 128, "%s/%s", dir, leaf);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void listing(void)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    char buf[4096], *names[64];
    int n = 0;
    long r;
    while ((r = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
        for (long off = 0; off < r;) {
            struct { uint64_t ino; int64_t off; unsigned short reclen; unsigned char type;
                     char name[]; } *d = (void *)(buf + off);
            if (n < 64) {
                char *s = malloc(300);
                snprintf(s, 300, "%s:%d", d->name, d->type);
                names[n++] = s;
            }
            off += d->reclen;
        }
    }
    qsort(names, n, sizeof(names[0]), cmp_names);
    printf("getdents64 %d entries:", n);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
    close(fd);
}

static void locks(const char *file)
{
    int fd = open(file, O_RDWR);
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 100, .l_len = 50 };
    printf("F_SETLK write 100+50: %d\n", fcntl(fd, F_SETLK, &fl));
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        int cfd = open(file, O_RDWR);
        struct flock q = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 120, .l_len = 1 };
        int r = fcntl(cfd, F_GETLK, &q);
        printf("child F_GETLK %d type %s start %lld len %lld pid-is-parent %d\n", r,
               q.l_type == F_WRLCK ? "WRLCK" : q.l_type == F_UNLCK ? "UNLCK" : "?",
               (long long)q.l_start, (long long)q.l_len, q.l_pid == getppid());
        q.l_type = F_RDLCK;
        q.l_start = 120;
        q.l_len = 1;
        r = fcntl(cfd, F_SETLK, &q);
        printf("child F_SETLK conflicting: %d %s\n", r,
               r < 0 && (errno == EAGAIN || errno == EACCES) ? "busy" : "?");
        q.l_start = 200;
        q.l_len = 10;
        printf("child F_SETLK elsewhere: %d\n", fcntl(cfd, F_SETLK, &q));
        /* beyond 4 GiB: struct flock64 carries 64-bit offsets */
        q.l_start = (off_t)5 << 30;
        q.l_len = 4096;
        q.l_type = F_WRLCK;
        printf("child F_SETLK at 5 GiB: %d\n", fcntl(cfd, F_SETLK, &q));
        q.l_type = F_WRLCK;
        q.l_start = 0;
        q.l_len = 0;
        r = fcntl(cfd, F_GETLK, &q);
        printf("child F_GETLK whole: %d type %s start %lld len %lld\n", r,
               q.l_type == F_WRLCK ? "WRLCK" : q.l_type == F_UNLCK ? "UNLCK" : "?",
               (long long)q.l_start, (long long)q.l_len);
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(p, &st, 0);
    fl.l_type = F_UNLCK;
    printf("unlock: %d\n", fcntl(fd, F_SETLK, &fl));
    close(fd);
}

int main(void)
{
    char f[128], d[128], l[128], big[128];
    snprintf(dir, sizeof(dir), "lu-stat-tmp.%d", (int)getpid());
    printf("mkdir %d\n", mkdir(dir, 0750));
    path_of(f, "file");
    path_of(d, "subdir");
    path_of(l, "link");
    path_of(big, "big");
    int fd = open(f, O_CREAT | O_WRONLY | O_TRUNC, 0640);
    printf("write %zd\n", write(fd, "hello, big-endian world\n", 24));
    fchmod(fd, 0640);
    close(fd);
    mkdir(d, 0705);
    chmod(d, 0705);
    symlink("file", l);
    char hl[128];
    path_of(hl, "hardlink");
    printf("link %d\n", link(f, hl));

    struct stat st;
    show_stat("stat file", stat(f, &st), &st);
    show_stat("stat dir", stat(d, &st), &st);
    show_stat("lstat link", lstat(l, &st), &st);
    show_stat("stat link", stat(l, &st), &st);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    show_stat("fstatat file", fstatat(dfd, "file", &st, 0), &st);
    show_stat("fstatat link nofollow", fstatat(dfd, "link", &st, AT_SYMLINK_NOFOLLOW), &st);
    show_stat("stat missing", stat("/nonexistent/x", &st), &st);
    int p[2];
    pipe(p);
    show_stat("fstat pipe", fstat(p[0], &st), &st);
    close(p[0]);
    close(p[1]);

    struct timespec ts[2] = { { 1000000000, 123456789 }, { 1234567890, 987654321 } };
    printf("utimensat %d\n", utimensat(dfd, "file", ts, 0));
    stat(f, &st);
    printf("times: atime %lld.%09ld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec,
           st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    struct timespec omit[2] = { { 0, UTIME_OMIT }, { 2000000000, 5 } };
    printf("utimensat omit atime %d\n", utimensat(AT_FDCWD, f, omit, 0));
    stat(f, &st);
    printf("times: atime %lld.%09ld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec,
           st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    show_statx("file", dfd, "file", 0, 1);
    show_statx("dir", AT_FDCWD, d, 0, 0);
    show_statx("link nofollow", dfd, "link", AT_SYMLINK_NOFOLLOW, 0);
    fd = open(f, O_RDONLY);
    show_statx("empty path", fd, "", AT_EMPTY_PATH, 1);
    close(fd);

    /* a sparse file beyond 4 GiB */
    fd = open(big, O_CREAT | O_RDWR | O_TRUNC, 0600);
    off_t five = (off_t)5 << 30;
    printf("ftruncate 5 GiB %d\n", ftruncate(fd, five));
    fstat(fd, &st);
    printf("size %lld\n", (long long)st.st_size);
    printf("pwrite at 4 GiB + 3: %zd\n", pwrite(fd, "ABCDEFGH", 8, ((off_t)4 << 30) + 3));
    printf("pwrite at 1000: %zd\n", pwrite(fd, "xyz", 3, 1000));
    char buf[16] = { 0 };
    printf("pread at 4 GiB + 5: %zd '%.4s'\n", pread(fd, buf, 4, ((off_t)4 << 30) + 5), buf);
    printf("pread at 999: %zd '%c%c%c%c'\n", pread(fd, buf, 4, 999), buf[0] ? buf[0] : '0',
           buf[1], buf[2], buf[3]);
    printf("pread past end: %zd\n", pread(fd, buf, 4, five + 10));
    printf("lseek end %lld\n", (long long)lseek(fd, 0, SEEK_END));
    printf("lseek 4 GiB + 3: %lld\n", (long long)lseek(fd, ((off_t)4 << 30) + 3, SEEK_SET));
    memset(buf, 0, sizeof(buf));
    printf("read %zd '%s'\n", read(fd, buf, 8), buf);
    printf("lseek cur %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    printf("ftruncate 6 GiB + 1: %d\n", ftruncate(fd, ((off_t)6 << 30) + 1));
    fstat(fd, &st);
    printf("size %lld\n", (long long)st.st_size);
    printf("fallocate keep-size at 5 GiB: %d\n",
           fallocate(fd, FALLOC_FL_KEEP_SIZE, five, 8192) == 0 || errno == EOPNOTSUPP);
    fstat(fd, &st);
    printf("size after keep-size %lld\n", (long long)st.st_size);
    printf("posix_fadvise %d\n", posix_fadvise(fd, (off_t)4 << 30, 4096, POSIX_FADV_WILLNEED));
    printf("posix_fadvise bad advice %d\n", posix_fadvise(fd, 0, 0, 99));
    printf("readahead %d\n", (int)readahead(fd, (off_t)4 << 30, 4096));
    printf("sync_file_range %d\n", sync_file_range(fd, (off_t)4 << 30, 4096, SYNC_FILE_RANGE_WRITE));
    printf("sync_file_range bad flags %d errno %d\n", sync_file_range(fd, 0, 0, 0x100), errno);
    printf("truncate path 4 GiB + 9: %d\n", truncate(big, ((off_t)4 << 30) + 9));
    memset(buf, 0, sizeof(buf));
    printf("pread tail %zd '%s'\n", pread(fd, buf, 16, ((off_t)4 << 30) + 3), buf);
    /* splice with a 64-bit file offset (loff_t in guest memory) */
    int sp[2];
    pipe(sp);
    loff_t soff = ((loff_t)4 << 30) + 4;
    memset(buf, 0, sizeof(buf));
    printf("splice %zd", splice(fd, &soff, sp[1], NULL, 5, 0));
    printf(" offset now 4 GiB + %lld read %zd '%s'\n", (long long)(soff - ((loff_t)4 << 30)),
           read(sp[0], buf, 16), buf);
    struct f_owner_ex ox = { F_OWNER_PID, getpid() }, oy = { 0, 0 };
    printf("F_SETOWN_EX %d", fcntl(sp[0], F_SETOWN_EX, &ox));
    printf(" F_GETOWN_EX %d", fcntl(sp[0], F_GETOWN_EX, &oy));
    printf(" type-pid %d pid-ok %d\n", oy.type == F_OWNER_PID, oy.pid == getpid());
    close(sp[0]);
    close(sp[1]);
    close(fd);

    locks(f);
    listing();

    unlink(big);
    unlink(l);
    unlink(hl);
    unlink(f);
    rmdir(d);
    close(dfd);
    printf("rmdir %d\n", rmdir(dir));
    return 0;
}
