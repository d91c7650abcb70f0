/*
 * Directory reads for 32-bit guests: the host gives 64-bit directory
 * cookies in d_off (ext4 hashes), which a 32-bit glibc rejects with
 * EOVERFLOW. getdents64 replaces each cookie with a small per-fd index
 * and lseek on a directory maps the index back, so telldir/seekdir work.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "exec/user-pages.h"
#include "linux-user/lu.h"
#include "linux-user/lu-syscall.h"
#include "util/hidden-fd.h"

#define LU_DIR_FDS 1024

typedef struct LuDirCookies {
    int64_t *v;            /* index i+1 stands for cookie v[i] */
    uint32_t n, cap;
} LuDirCookies;

static LuDirCookies lu_dir_cookies[LU_DIR_FDS];
static pthread_mutex_t lu_dir_lock = PTHREAD_MUTEX_INITIALIZER;

static uint32_t lu_dir_index(int fd, int64_t cookie)
{
    LuDirCookies *c = &lu_dir_cookies[fd];
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->v = realloc(c->v, c->cap * sizeof(*c->v));
    }
    c->v[c->n++] = cookie;
    return c->n;
}

/* True if fd is this process's /proc/<pid>/fd (or a thread's) directory,
 * whose listing must not show the emulator's hidden descriptors. */
static bool lu_dir_is_own_fd_dir(int fd)
{
    char link[40], target[128], want[64];
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof(target) - 1);
    if (n <= 0) {
        return false;
    }
    target[n] = 0;
    int pid = getpid();
    snprintf(want, sizeof(want), "/proc/%d/", pid);
    size_t wl = strlen(want);
    if (strncmp(target, want, wl) != 0) {
        return false;
    }
    const char *rest = target + wl;
    if (!strcmp(rest, "fd")) {
        return true;
    }
    return !strncmp(rest, "task/", 5) && n > 3 && !strcmp(target + n - 3, "/fd");
}

/* True if a /proc/<pid>/fd entry name is one of the hidden descriptors. */
static bool lu_dir_name_is_hidden_fd(const char *name)
{
    char *end;
    long num = strtol(name, &end, 10);
    return *name && !*end && mimic_fd_is_hidden((int)num);
}

/* Drops the entries naming hidden descriptors from a host getdents64
 * buffer of r bytes; returns the new length. */
static long lu_dir_drop_hidden(uint8_t *p, long r)
{
    long in = 0, out = 0;
    while (in < r) {
        struct dirent64 *d = (struct dirent64 *)(p + in);
        uint16_t len = d->d_reclen;
        if (!lu_dir_name_is_hidden_fd(d->d_name)) {
            if (out != in) {
                memmove(p + out, p + in, len);
            }
            out += len;
        }
        in += len;
    }
    return out;
}

int64_t lu_sys_getdents64(const uint32_t *a)
{
    int fd = (int)a[0];
    uint32_t count = a[2];
    if (!lu_access_ok(a[1], count, true)) {
        return -EFAULT;
    }
    if (fd < 0 || fd >= LU_DIR_FDS) {
        long r = syscall(SYS_getdents64, fd, g2h(a[1]), count);
        return r < 0 ? -lu_errno(errno) : r;
    }
    pthread_mutex_lock(&lu_dir_lock);
    if (lseek(fd, 0, SEEK_CUR) == 0) {
        lu_dir_cookies[fd].n = 0;   /* a new or rewound stream */
    }
    uint8_t *p = g2h(a[1]);
    bool own_fd_dir = lu_dir_is_own_fd_dir(fd);
    long r;
    do {
        r = syscall(SYS_getdents64, fd, p, count);
        if (r < 0) {
            int e = errno;
            pthread_mutex_unlock(&lu_dir_lock);
            return -lu_errno(e);
        }
        if (r > 0 && own_fd_dir) {
            r = lu_dir_drop_hidden(p, r);
            if (r == 0) {
                continue;   /* only hidden entries: read on */
            }
        }
        break;
    } while (1);
    for (long off = 0; off < r;) {
        struct dirent64 *d = (struct dirent64 *)(p + off);
        d->d_off = lu_dir_index(fd, d->d_off);
        if (lu_arch->big_endian) {
            d->d_ino = __builtin_bswap64(d->d_ino);
            d->d_off = __builtin_bswap64(d->d_off);
            uint16_t rl = d->d_reclen;
            d->d_reclen = __builtin_bswap16(rl);
            off += rl;
        } else {
            off += d->d_reclen;
        }
    }
    pthread_mutex_unlock(&lu_dir_lock);
    return r;
}

/* lseek(fd, pos, SEEK_SET) on a directory: pos is one of our indexes. */
static int64_t lu_dir_seek(int fd, int64_t pos, int whence, bool *done)
{
    struct stat st;
    *done = false;
    if (whence != SEEK_SET || pos <= 0 || fd < 0 || fd >= LU_DIR_FDS ||
        fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode)) {
        return 0;
    }
    *done = true;
    pthread_mutex_lock(&lu_dir_lock);
    LuDirCookies *c = &lu_dir_cookies[fd];
    if ((uint64_t)pos > c->n) {
        pthread_mutex_unlock(&lu_dir_lock);
        return -EINVAL;
    }
    int64_t cookie = c->v[pos - 1];
    /* Later reads restart the numbering from here: keep earlier ones. */
    c->n = (uint32_t)pos;
    pthread_mutex_unlock(&lu_dir_lock);
    if (lseek(fd, cookie, SEEK_SET) < 0) {
        return -lu_errno(errno);
    }
    return pos;
}

int64_t lu_sys_lseek(const uint32_t *a)
{
    bool done;
    int64_t r = lu_dir_seek((int)a[0], (int32_t)a[1], (int)a[2], &done);
    if (done) {
        return r;
    }
    off_t o = lseek((int)a[0], (int32_t)a[1], (int)a[2]);
    if (o < 0) {
        return -lu_errno(errno);
    }
    if (o > INT32_MAX) {
        return -EOVERFLOW;
    }
    return o;
}

int64_t lu_sys__llseek(const uint32_t *a)
{
    bool done;
    int64_t off = (int64_t)(((uint64_t)a[1] << 32) | a[2]);
    int64_t r = lu_dir_seek((int)a[0], off, (int)a[4], &done);
    if (!done) {
        off_t o = lseek((int)a[0], off, (int)a[4]);
        if (o < 0) {
            return -lu_errno(errno);
        }
        r = o;
    } else if (r < 0) {
        return r;
    }
    if (!lu_access_ok(a[3], 8, true)) {
        return -EFAULT;
    }
    lu_st(a[3], 8, (uint64_t)r);
    return 0;
}

/* getdents: struct linux_dirent of the 32-bit ABIs (u32 d_ino and d_off,
 * u16 d_reclen, the name, a zero, d_type in the last byte, records
 * 4-byte aligned), converted from the host's getdents64. A 64-bit inode
 * number that does not fit gives EOVERFLOW, as in the kernel. */
int64_t lu_sys_getdents(const uint32_t *a)
{
    int fd = (int)a[0];
    uint32_t count = a[2];
    if (!lu_access_ok(a[1], count, true)) {
        return -EFAULT;
    }
    if (fd < 0 || fd >= LU_DIR_FDS) {
        return -EBADF;
    }
    /* Host records are at least as long as ours: read no more than fits. */
    uint8_t *hbuf = malloc(count ? count : 1);
    pthread_mutex_lock(&lu_dir_lock);
    off_t start = lseek(fd, 0, SEEK_CUR);
    if (start == 0) {
        lu_dir_cookies[fd].n = 0;
    }
    long r = syscall(SYS_getdents64, fd, hbuf, count);
    if (r < 0) {
        int e = errno;
        pthread_mutex_unlock(&lu_dir_lock);
        free(hbuf);
        return -lu_errno(e);
    }
    bool own_fd_dir = r > 0 && lu_dir_is_own_fd_dir(fd);
    uint32_t out = 0;
    int64_t ret = 0;
    int64_t resume = -1;        /* host cookie to seek back to */
    for (long off = 0; off < r;) {
        struct dirent64 *d = (struct dirent64 *)(hbuf + off);
        size_t nl = strlen(d->d_name);
        uint32_t reclen = (uint32_t)((10 + nl + 2 + 3) & ~3u);
        off += d->d_reclen;
        if (own_fd_dir && lu_dir_name_is_hidden_fd(d->d_name)) {
            continue;
        }
        if (d->d_ino > 0xffffffffu) {
            ret = -EOVERFLOW;
            break;
        }
        if (out + reclen > count) {
            if (out == 0) {
                ret = -EINVAL;    /* the buffer cannot hold one record */
            }
            break;
        }
        uint32_t g = a[1] + out;
        lu_st(g, 4, d->d_ino);
        lu_st(g + 4, 4, lu_dir_index(fd, d->d_off));
        lu_st(g + 8, 2, reclen);
        uint8_t *gp = g2h(g + 10);
        memcpy(gp, d->d_name, nl);
        memset(gp + nl, 0, reclen - 10 - nl);
        ((uint8_t *)g2h(g))[reclen - 1] = d->d_type;
        out += reclen;
        resume = d->d_off;
    }
    /* Entries read from the host but not returned are read again next time. */
    if (resume >= 0) {
        lseek(fd, resume, SEEK_SET);
    } else if (r > 0) {
        lseek(fd, start, SEEK_SET);
    }
    pthread_mutex_unlock(&lu_dir_lock);
    free(hbuf);
    return ret < 0 && out == 0 ? ret : ret == -EOVERFLOW && out == 0 ? ret : out;
}

/* readdir (old_readdir): one struct old_linux_dirent { u32 d_ino,
 * d_offset; u16 d_namlen; char d_name[] }; 1 for an entry, 0 at the end. */
int64_t lu_sys_readdir(const uint32_t *a)
{
    int fd = (int)a[0];
    uint8_t hbuf[4096];
    if (fd < 0 || fd >= LU_DIR_FDS) {
        return -EBADF;
    }
    pthread_mutex_lock(&lu_dir_lock);
    off_t start = lseek(fd, 0, SEEK_CUR);
    if (start == 0) {
        lu_dir_cookies[fd].n = 0;
    }
    bool own_fd_dir = lu_dir_is_own_fd_dir(fd);
    for (;;) {
        long r = syscall(SYS_getdents64, fd, hbuf, sizeof(hbuf));
        if (r <= 0) {
            int e = errno;
            pthread_mutex_unlock(&lu_dir_lock);
            return r < 0 ? -lu_errno(e) : 0;
        }
        struct dirent64 *d = (struct dirent64 *)hbuf;
        lseek(fd, d->d_off, SEEK_SET);      /* just past this entry */
        if (own_fd_dir && lu_dir_name_is_hidden_fd(d->d_name)) {
            start = d->d_off;
            continue;
        }
        size_t nl = strlen(d->d_name);
        if (d->d_ino > 0xffffffffu) {
            pthread_mutex_unlock(&lu_dir_lock);
            return -EOVERFLOW;
        }
        if (!lu_access_ok(a[1], 10 + nl + 1, true)) {
            pthread_mutex_unlock(&lu_dir_lock);
            return -EFAULT;
        }
        lu_st(a[1], 4, d->d_ino);
        lu_st(a[1] + 4, 4, start ? lu_dir_index(fd, start) : 0);
        lu_st(a[1] + 8, 2, nl);
        memcpy(g2h(a[1] + 10), d->d_name, nl + 1);
        pthread_mutex_unlock(&lu_dir_lock);
        return 1;
    }
}
