/*
 * File, process and system-information syscalls that need argument or
 * struct translation: open (with /proc emulation), stat64, vectors,
 * fcntl locks, pipes, readlink, times on files, statfs64, execve (guest
 * programs run under mimic again), wait, resource limits, uname, sysinfo,
 * prctl.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "exec/user-pages.h"
#include "linux-user/lu.h"
#include "linux-user/lu-conv.h"
#include "linux-user/lu-syscall.h"
#include "util/log.h"

static int64_t host_ret(long r)
{
    return r < 0 ? -(int64_t)lu_errno(errno) : r;
}

/* A guest path argument: NULL with *err = -EFAULT if unreadable. */
static const char *lu_arg_path(uint32_t addr, char *buf, size_t size, int *err)
{
    const char *s = lu_guest_str(addr);
    if (!s) {
        *err = -EFAULT;
        return NULL;
    }
    return lu_path(s, buf, size);
}

/* ---- open ---- */

static int64_t lu_do_openat(int dirfd, uint32_t upath, uint32_t flags, uint32_t mode)
{
    char buf[PATH_MAX];
    int err = 0, hflags = (int)lu_flags_to_host(lu_arch->open_flags, flags);
    const char *raw = lu_guest_str(upath);
    if (!raw) {
        return -EFAULT;
    }
    int fd = lu_proc_open(raw, hflags, &err);
    if (fd == -3) {
        return -lu_errno(err);
    }
    if (fd >= 0) {
        return fd;
    }
    return host_ret(openat(dirfd, lu_path(raw, buf, sizeof(buf)), hflags, mode));
}

int64_t lu_sys_open(const uint32_t *a)
{
    return lu_do_openat(AT_FDCWD, a[0], a[1], a[2]);
}

int64_t lu_sys_openat(const uint32_t *a)
{
    return lu_do_openat((int)a[0], a[1], a[2], a[3]);
}

int64_t lu_sys_creat(const uint32_t *a)
{
    return lu_do_openat(AT_FDCWD, a[0], O_CREAT | O_WRONLY | O_TRUNC, a[1]);
}

/* ---- vectors ---- */

static int lu_get_iovec(uint32_t uiov, uint32_t cnt, bool write, struct iovec **out)
{
    if (cnt > 1024) {
        return -EINVAL;
    }
    struct iovec *v = calloc(cnt ? cnt : 1, sizeof(*v));
    uint32_t sz = lu_struct_size(LU_ST_IOVEC);
    for (uint32_t i = 0; i < cnt; i++) {
        uint64_t f[2];
        if (lu_get_struct(LU_ST_IOVEC, uiov + i * sz, f) < 0) {
            free(v);
            return -EFAULT;
        }
        uint32_t base = (uint32_t)f[LU_IOV_BASE], len = (uint32_t)f[LU_IOV_LEN];
        if (len && !lu_access_ok(base, len, write)) {
            /* Partial transfers stop at the first bad buffer, as in Linux. */
            if (i == 0) {
                free(v);
                return -EFAULT;
            }
            cnt = i;
            break;
        }
        v[i].iov_base = g2h(base);
        v[i].iov_len = len;
    }
    *out = v;
    return (int)cnt;
}

/* vmsplice(fd, iov, nr_segs, flags): the guest's iovec converted; the
 * pages stay the guest's (SPLICE_F_GIFT is only advice). */
int64_t lu_sys_vmsplice(const uint32_t *a)
{
    struct iovec *v;
    int n = lu_get_iovec(a[1], a[2], false, &v);
    if (n < 0) {
        return n;
    }
    long r = syscall(SYS_vmsplice, (int)a[0], v, (unsigned long)n, a[3]);
    int e = errno;
    free(v);
    return r < 0 ? -lu_errno(e) : r;
}

/* Copies len bytes between a flat buffer and the segments of v. */
static void lu_vec_copy(const struct iovec *v, int n, uint8_t *flat, long len, bool to_flat)
{
    for (int i = 0; i < n && len > 0; i++) {
        long c = (long)v[i].iov_len < len ? (long)v[i].iov_len : len;
        if (to_flat) {
            memcpy(flat, v[i].iov_base, c);
        } else {
            memcpy(v[i].iov_base, flat, c);
        }
        flat += c;
        len -= c;
    }
}

/* The data of a special fd of a big-endian guest (lu_fd_data_kind) goes
 * through the same conversion as read/write: a write's segments are copied
 * and converted first, what a read transferred is converted in place. */
static uint8_t *lu_vec_write_conv(struct iovec *v, int n, int kind)
{
    long total = 0;
    for (int i = 0; i < n; i++) {
        total += (long)v[i].iov_len;
    }
    uint8_t *b = malloc(total ? total : 1);
    if (!b) {
        return NULL;
    }
    lu_vec_copy(v, n, b, total, true);
    lu_fd_data_from_guest(kind, b, total);
    for (long i = 0, off = 0; i < n; off += (long)v[i].iov_len, i++) {
        v[i].iov_base = b + off;
    }
    return b;
}

static void lu_vec_read_conv(const struct iovec *v, int n, long r, int kind)
{
    uint8_t *b = malloc(r);
    if (b) {
        lu_vec_copy(v, n, b, r, true);
        lu_fd_data_to_guest(kind, b, r);
        lu_vec_copy(v, n, b, r, false);
        free(b);
    }
}

static int64_t lu_rw_vec(const uint32_t *a, bool is_read, bool positional, bool v2)
{
    struct iovec *v;
    int n = lu_get_iovec(a[1], a[2], is_read, &v);
    if (n < 0) {
        return n;
    }
    int fd = (int)a[0];
    int kind = lu_fd_data_kind(fd);
    uint8_t *bounce = NULL;
    if (kind && !is_read && !(bounce = lu_vec_write_conv(v, n, kind))) {
        free(v);
        return -ENOMEM;
    }
    off_t off = positional ? (off_t)(((uint64_t)a[4] << 32) | a[3]) : 0;
    long r;
    if (v2) {
        r = lu_safe_syscall_errno(is_read ? SYS_preadv2 : SYS_pwritev2, fd, (long)v, n,
                                  (long)off, (long)((uint64_t)off >> 32), (int)a[5]);
    } else if (positional) {
        r = lu_safe_syscall_errno(is_read ? SYS_preadv : SYS_pwritev, fd, (long)v, n,
                                  (long)off, (long)((uint64_t)off >> 32), 0);
    } else {
        r = lu_safe_syscall_errno(is_read ? SYS_readv : SYS_writev, fd, (long)v, n, 0, 0, 0);
    }
    int e = errno;
    if (kind && is_read && r > 0) {
        lu_vec_read_conv(v, n, r, kind);
    }
    free(bounce);
    free(v);
    errno = e;
    return host_ret(r);
}

int64_t lu_sys_readv(const uint32_t *a) { return lu_rw_vec(a, true, false, false); }
int64_t lu_sys_writev(const uint32_t *a) { return lu_rw_vec(a, false, false, false); }
int64_t lu_sys_preadv(const uint32_t *a) { return lu_rw_vec(a, true, true, false); }
int64_t lu_sys_pwritev(const uint32_t *a) { return lu_rw_vec(a, false, true, false); }
int64_t lu_sys_preadv2(const uint32_t *a) { return lu_rw_vec(a, true, true, true); }
int64_t lu_sys_pwritev2(const uint32_t *a) { return lu_rw_vec(a, false, true, true); }

/* ---- fcntl ---- */

static int64_t lu_fcntl_lock(int fd, int hcmd, int st, uint32_t uarg)
{
    uint64_t v[LU_MAX_FIELDS] = { 0 };
    struct flock fl;
    if (lu_get_struct(st, uarg, v) < 0) {
        return -EFAULT;
    }
    memset(&fl, 0, sizeof(fl));
    fl.l_type = (short)v[LU_FL_TYPE];
    fl.l_whence = (short)v[LU_FL_WHENCE];
    fl.l_start = (off_t)v[LU_FL_START];
    fl.l_len = (off_t)v[LU_FL_LEN];
    fl.l_pid = (pid_t)v[LU_FL_PID];
    if (fcntl(fd, hcmd, &fl) < 0) {
        return -lu_errno(errno);
    }
    if (hcmd == F_GETLK || hcmd == F_OFD_GETLK) {
        v[LU_FL_TYPE] = (uint64_t)fl.l_type;
        v[LU_FL_WHENCE] = (uint64_t)fl.l_whence;
        v[LU_FL_START] = (uint64_t)fl.l_start;
        v[LU_FL_LEN] = (uint64_t)fl.l_len;
        v[LU_FL_PID] = (uint64_t)fl.l_pid;
        return lu_put_struct(st, uarg, v);
    }
    return 0;
}

static int64_t lu_do_fcntl(const uint32_t *a, bool is64)
{
    int fd = (int)a[0], cmd = (int)a[1];
    switch (cmd) {
    case 5: case 6: case 7:          /* F_GETLK F_SETLK F_SETLKW: struct flock */
        return lu_fcntl_lock(fd, cmd, LU_ST_FLOCK, a[2]);
    case 12: case 13: case 14:       /* the 64-bit variants */
        return lu_fcntl_lock(fd, cmd - 7, LU_ST_FLOCK64, a[2]);
    case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
        return lu_fcntl_lock(fd, cmd, LU_ST_FLOCK64, a[2]);
    case F_GETFL: {
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? -lu_errno(errno) : lu_flags_to_guest(lu_arch->open_flags, r);
    }
    case F_SETFL:
        return host_ret(fcntl(fd, F_SETFL, lu_flags_to_host(lu_arch->open_flags, a[2])));
    case F_GETOWN_EX: case F_SETOWN_EX:
        return host_ret(fcntl(fd, cmd, g2h(a[2])));
    default:
        return host_ret(fcntl(fd, cmd, (long)a[2]));
    }
}

int64_t lu_sys_fcntl(const uint32_t *a) { return lu_do_fcntl(a, false); }
int64_t lu_sys_fcntl64(const uint32_t *a) { return lu_do_fcntl(a, true); }

/* ---- pipes ---- */

static int64_t lu_do_pipe(uint32_t ufds, int flags)
{
    int fds[2];
    if (!lu_access_ok(ufds, 8, true)) {
        return -EFAULT;
    }
    if (pipe2(fds, (int)lu_flags_to_host(lu_arch->open_flags, flags)) < 0) {
        return -lu_errno(errno);
    }
    lu_st(ufds, 4, fds[0]);
    lu_st(ufds + 4, 4, fds[1]);
    return 0;
}

int64_t lu_sys_pipe(const uint32_t *a) { return lu_do_pipe(a[0], 0); }
int64_t lu_sys_pipe2(const uint32_t *a) { return lu_do_pipe(a[0], (int)a[1]); }

/* ---- stat ---- */

static int lu_put_stat64(uint32_t addr, const struct stat *st)
{
    uint64_t v[LU_MAX_FIELDS] = { 0 };
    v[LU_STAT_DEV] = st->st_dev;
    v[LU_STAT_INO32] = (uint32_t)st->st_ino;
    v[LU_STAT_MODE] = st->st_mode;
    v[LU_STAT_NLINK] = st->st_nlink;
    v[LU_STAT_UID] = st->st_uid;
    v[LU_STAT_GID] = st->st_gid;
    v[LU_STAT_RDEV] = st->st_rdev;
    v[LU_STAT_SIZE] = (uint64_t)st->st_size;
    v[LU_STAT_BLKSIZE] = (uint64_t)st->st_blksize;
    v[LU_STAT_BLOCKS] = (uint64_t)st->st_blocks;
    v[LU_STAT_ATIME] = (uint64_t)st->st_atim.tv_sec;
    v[LU_STAT_ATIME_NS] = (uint64_t)st->st_atim.tv_nsec;
    v[LU_STAT_MTIME] = (uint64_t)st->st_mtim.tv_sec;
    v[LU_STAT_MTIME_NS] = (uint64_t)st->st_mtim.tv_nsec;
    v[LU_STAT_CTIME] = (uint64_t)st->st_ctim.tv_sec;
    v[LU_STAT_CTIME_NS] = (uint64_t)st->st_ctim.tv_nsec;
    v[LU_STAT_INO] = st->st_ino;
    return lu_put_struct(LU_ST_STAT64, addr, v);
}

static int64_t lu_do_fstatat(int dirfd, uint32_t upath, uint32_t ubuf, int flags)
{
    struct stat st;
    char buf[PATH_MAX];
    int err = 0;
    const char *p = "";
    if (upath) {
        p = lu_arg_path(upath, buf, sizeof(buf), &err);
        if (!p) {
            return err;
        }
    }
    if (fstatat(dirfd, p, &st, flags) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_stat64(ubuf, &st);
}

int64_t lu_sys_stat64(const uint32_t *a) { return lu_do_fstatat(AT_FDCWD, a[0], a[1], 0); }
int64_t lu_sys_lstat64(const uint32_t *a)
{
    return lu_do_fstatat(AT_FDCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW);
}
int64_t lu_sys_fstatat64(const uint32_t *a)
{
    return lu_do_fstatat((int)a[0], a[1], a[2], (int)a[3]);
}

int64_t lu_sys_fstat64(const uint32_t *a)
{
    struct stat st;
    if (fstat((int)a[0], &st) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_stat64(a[1], &st);
}

/* ---- readlink ---- */

static int64_t lu_do_readlinkat(int dirfd, uint32_t upath, uint32_t ubuf, uint32_t size)
{
    char buf[PATH_MAX];
    const char *raw = lu_guest_str(upath);
    if (!raw) {
        return -EFAULT;
    }
    if ((int32_t)size <= 0) {
        return -EINVAL;
    }
    if (!lu_access_ok(ubuf, size, true)) {
        return -EFAULT;
    }
    int n = lu_proc_readlink(raw, g2h(ubuf), size);
    if (n >= 0) {
        return n;
    }
    return host_ret(readlinkat(dirfd, lu_path(raw, buf, sizeof(buf)), g2h(ubuf), size));
}

int64_t lu_sys_readlink(const uint32_t *a) { return lu_do_readlinkat(AT_FDCWD, a[0], a[1], a[2]); }
int64_t lu_sys_readlinkat(const uint32_t *a)
{
    return lu_do_readlinkat((int)a[0], a[1], a[2], a[3]);
}

/* ---- file times ---- */

int64_t lu_sys_utimensat(const uint32_t *a)
{
    struct timespec ts[2], *tsp = NULL;
    char buf[PATH_MAX];
    int err = 0;
    const char *p = NULL;
    if (a[1]) {
        p = lu_arg_path(a[1], buf, sizeof(buf), &err);
        if (!p) {
            return err;
        }
    }
    if (a[2]) {
        uint32_t sz = lu_struct_size(LU_ST_TIMESPEC);
        for (int i = 0; i < 2; i++) {
            uint64_t v[2];
            if (lu_get_struct(LU_ST_TIMESPEC, a[2] + i * sz, v) < 0) {
                return -EFAULT;
            }
            ts[i].tv_sec = (int64_t)v[LU_TS_SEC];
            ts[i].tv_nsec = (int64_t)v[LU_TS_NSEC];
        }
        tsp = ts;
    }
    return host_ret(syscall(SYS_utimensat, (int)a[0], p, tsp, (int)a[3]));
}

int64_t lu_sys_utimes(const uint32_t *a)
{
    struct timeval tv[2], *tvp = NULL;
    char buf[PATH_MAX];
    int err = 0;
    const char *p = lu_arg_path(a[0], buf, sizeof(buf), &err);
    if (!p) {
        return err;
    }
    if (a[1]) {
        uint32_t sz = lu_struct_size(LU_ST_TIMEVAL);
        for (int i = 0; i < 2; i++) {
            uint64_t v[2];
            if (lu_get_struct(LU_ST_TIMEVAL, a[1] + i * sz, v) < 0) {
                return -EFAULT;
            }
            tv[i].tv_sec = (int64_t)v[LU_TS_SEC];
            tv[i].tv_usec = (int64_t)v[LU_TS_NSEC];
        }
        tvp = tv;
    }
    return host_ret(utimes(p, tvp));
}

/* ---- statfs ---- */

/* struct statfs (32-bit words, LU_ST_STATFS) or statfs64 (LU_ST_STATFS64)
 * from the host's: one field list for both. */
int lu_put_statfs(int st_kind, uint32_t addr, const struct statfs *s)
{
    uint64_t v[LU_MAX_FIELDS] = { 0 };
    int fsid[2];
    memcpy(fsid, &s->f_fsid, sizeof(fsid));
    v[LU_STATFS_TYPE] = (uint64_t)s->f_type;
    v[LU_STATFS_BSIZE] = (uint64_t)s->f_bsize;
    v[LU_STATFS_BLOCKS] = s->f_blocks;
    v[LU_STATFS_BFREE] = s->f_bfree;
    v[LU_STATFS_BAVAIL] = s->f_bavail;
    v[LU_STATFS_FILES] = s->f_files;
    v[LU_STATFS_FFREE] = s->f_ffree;
    v[LU_STATFS_FSID0] = (uint32_t)fsid[0];
    v[LU_STATFS_FSID1] = (uint32_t)fsid[1];
    v[LU_STATFS_NAMELEN] = (uint64_t)s->f_namelen;
    v[LU_STATFS_FRSIZE] = (uint64_t)s->f_frsize;
    v[LU_STATFS_FLAGS] = (uint64_t)s->f_flags;
    return lu_put_struct(st_kind, addr, v);
}

int64_t lu_sys_statfs64(const uint32_t *a)
{
    struct statfs s;
    char buf[PATH_MAX];
    int err = 0;
    if (a[1] != lu_struct_size(LU_ST_STATFS64)) {
        return -EINVAL;   /* the size the guest's struct statfs64 has */
    }
    const char *p = lu_arg_path(a[0], buf, sizeof(buf), &err);
    if (!p) {
        return err;
    }
    if (statfs(p, &s) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_statfs(LU_ST_STATFS64, a[2], &s);
}

int64_t lu_sys_fstatfs64(const uint32_t *a)
{
    struct statfs s;
    if (a[1] != lu_struct_size(LU_ST_STATFS64)) {
        return -EINVAL;
    }
    if (fstatfs((int)a[0], &s) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_statfs(LU_ST_STATFS64, a[2], &s);
}


int64_t lu_sys_sendfile(const uint32_t *a)
{
    off_t off, *offp = NULL;
    uint32_t o32;
    if (a[2]) {
        if (lu_get_u32(a[2], &o32) < 0) {
            return -EFAULT;
        }
        off = (int32_t)o32;
        offp = &off;
    }
    ssize_t r = sendfile((int)a[0], (int)a[1], offp, a[3]);
    if (r < 0) {
        return -lu_errno(errno);
    }
    if (offp && lu_put_u32(a[2], (uint32_t)off) < 0) {
        return -EFAULT;
    }
    return r;
}

/* ---- execve ---- */

/* Reads a NULL-terminated guest array of string pointers. */
static char **lu_get_strv(uint32_t addr, int *err)
{
    int n = 0, cap = 16;
    char **v = malloc(cap * sizeof(char *));
    for (;; n++) {
        uint32_t p;
        if (addr == 0) {
            break;
        }
        if (lu_get_u32(addr + 4 * n, &p) < 0) {
            *err = -EFAULT;
            free(v);
            return NULL;
        }
        if (!p) {
            break;
        }
        const char *s = lu_guest_str(p);
        if (!s) {
            *err = -EFAULT;
            free(v);
            return NULL;
        }
        if (n + 2 >= cap) {
            cap *= 2;
            v = realloc(v, cap * sizeof(char *));
        }
        v[n] = (char *)s;
    }
    v[n] = NULL;
    return v;
}

/* Runs path under this emulator again, with our options; with execfd >=
 * 0 the program is read from that descriptor (closed once loaded). */
static int64_t lu_exec_guest_fd(const char *path, int execfd, char **argv, char **envp,
                                const char *argv0)
{
    char fdarg[16];
    int argc = 0;
    while (argv[argc]) {
        argc++;
    }
    char **nv = calloc(argc + lu_opts.nb_passthrough + 8, sizeof(char *));
    int n = 0;
    nv[n++] = "mimic";
    for (int i = 0; i < lu_opts.nb_passthrough; i++) {
        nv[n++] = lu_opts.passthrough[i];
    }
    if (execfd >= 0) {
        snprintf(fdarg, sizeof(fdarg), "%d", execfd);
        nv[n++] = "-execfd";
        nv[n++] = fdarg;
    }
    nv[n++] = "-0";
    nv[n++] = (char *)argv0;
    nv[n++] = (char *)path;
    for (int i = 1; i < argc; i++) {
        nv[n++] = argv[i];
    }
    nv[n] = NULL;
    char self[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (len <= 0) {
        free(nv);
        return -ENOEXEC;
    }
    self[len] = 0;
    execve(self, nv, envp);
    int e = errno;
    free(nv);
    return -lu_errno(e);
}

static int64_t lu_exec_guest(const char *path, char **argv, char **envp, const char *argv0)
{
    return lu_exec_guest_fd(path, -1, argv, envp, argv0);
}

/* "#!interp [arg]" scripts whose interpreter is a guest program. */
static int64_t lu_exec_script(const char *path, const char *shown, char **argv, char **envp)
{
    char line[256], ibuf[PATH_MAX];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return 1;
    }
    ssize_t n = read(fd, line, sizeof(line) - 1);
    close(fd);
    if (n < 3 || line[0] != '#' || line[1] != '!') {
        return 1;
    }
    line[n] = 0;
    char *nl = strchr(line, '\n');
    if (nl) {
        *nl = 0;
    }
    char *p = line + 2;
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    char *interp = p;
    while (*p && *p != ' ' && *p != '\t') {
        p++;
    }
    char *opt = NULL;
    if (*p) {
        *p++ = 0;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (*p) {
            opt = p;
            char *end = opt + strlen(opt);
            while (end > opt && (end[-1] == ' ' || end[-1] == '\t')) {
                *--end = 0;
            }
        }
    }
    const char *ip = lu_path(interp, ibuf, sizeof(ibuf));
    if (!lu_is_guest_elf(ip)) {
        return 1;
    }
    int argc = 0;
    while (argv[argc]) {
        argc++;
    }
    char **nv = calloc(argc + 4, sizeof(char *));
    int k = 0;
    nv[k++] = interp;
    if (opt) {
        nv[k++] = opt;
    }
    nv[k++] = (char *)shown;
    for (int i = 1; i < argc; i++) {
        nv[k++] = argv[i];
    }
    int64_t r = lu_exec_guest(ip, nv, envp, interp);
    free(nv);
    return r;
}

static int64_t lu_do_execve(const char *raw, char **argv, char **envp)
{
    char buf[PATH_MAX];
    const char *p = lu_path(raw, buf, sizeof(buf));
    if (access(p, F_OK) < 0) {
        return -lu_errno(errno);
    }
    if (lu_is_guest_elf(p)) {
        if (access(p, X_OK) < 0) {
            return -lu_errno(errno);
        }
        return lu_exec_guest(p, argv, envp, argv[0] ? argv[0] : raw);
    }
    if (access(p, X_OK) == 0) {
        int64_t r = lu_exec_script(p, raw, argv, envp);
        if (r != 1) {
            return r;
        }
    }
    execve(p, argv, envp);
    return -lu_errno(errno);
}

int64_t lu_sys_execve(const uint32_t *a)
{
    int err = 0;
    const char *raw = lu_guest_str(a[0]);
    if (!raw) {
        return -EFAULT;
    }
    char **argv = lu_get_strv(a[1], &err);
    if (!argv) {
        return err;
    }
    char **envp = lu_get_strv(a[2], &err);
    if (!envp) {
        free(argv);
        return err;
    }
    int64_t r = lu_do_execve(raw, argv, envp);
    free(argv);
    free(envp);
    return r;
}

/* execveat of the file open as fd (AT_EMPTY_PATH, glibc's fexecve). A
 * guest program is handed to the new emulator as an inherited duplicate
 * of the descriptor, so a close-on-exec fd works as on Linux. */
static int64_t lu_execveat_fd(int fd, char **argv, char **envp)
{
    char path[32];
    struct stat st;
    if (fstat(fd, &st) < 0) {
        return -lu_errno(errno);
    }
    if (!S_ISREG(st.st_mode)) {
        return -EACCES;
    }
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    if (!lu_is_guest_elf(path)) {
        syscall(SYS_execveat, fd, "", argv, envp, AT_EMPTY_PATH);
        return -lu_errno(errno);
    }
    if (access(path, X_OK) < 0) {
        return -lu_errno(errno);
    }
    int dup_fd = fcntl(fd, F_DUPFD, 3);     /* not close-on-exec */
    if (dup_fd < 0) {
        return -lu_errno(errno);
    }
    int64_t r = lu_exec_guest_fd(path, dup_fd, argv, envp, argv[0] ? argv[0] : "");
    close(dup_fd);
    return r;
}

int64_t lu_sys_execveat(const uint32_t *a)
{
    int dirfd = (int)a[0], err = 0;
    uint32_t flags = a[4];
    const char *raw = lu_guest_str(a[1]);
    if (!raw) {
        return -EFAULT;
    }
    /* Linux's order: the name, then the flags. */
    if (!raw[0] && !(flags & AT_EMPTY_PATH)) {
        return -ENOENT;
    }
    if (flags & ~(uint32_t)(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) {
        return -EINVAL;
    }
    char **argv = lu_get_strv(a[2], &err);
    if (!argv) {
        return err;
    }
    char **envp = lu_get_strv(a[3], &err);
    if (!envp) {
        free(argv);
        return err;
    }
    int64_t r;
    char buf[PATH_MAX], dir[PATH_MAX];
    const char *path = raw;
    if (!raw[0]) {
        r = lu_execveat_fd(dirfd, argv, envp);
        goto out;
    }
    if (raw[0] != '/' && dirfd != AT_FDCWD) {
        /* Relative to a directory fd: name the directory by its path. */
        struct stat st;
        char link[32];
        if (fstat(dirfd, &st) < 0) {
            r = -lu_errno(errno);
            goto out;
        }
        if (!S_ISDIR(st.st_mode)) {
            r = -ENOTDIR;
            goto out;
        }
        snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
        ssize_t n = readlink(link, dir, sizeof(dir) - 1);
        if (n <= 0) {
            r = -EBADF;
            goto out;
        }
        dir[n] = 0;
        if (snprintf(buf, sizeof(buf), "%s/%s", dir, raw) >= (int)sizeof(buf)) {
            r = -ENAMETOOLONG;
            goto out;
        }
        path = buf;
    }
    if (flags & AT_SYMLINK_NOFOLLOW) {
        struct stat st;
        char pb[PATH_MAX];
        if (lstat(lu_path(path, pb, sizeof(pb)), &st) == 0 && S_ISLNK(st.st_mode)) {
            r = -ELOOP;
            goto out;
        }
    }
    r = lu_do_execve(path, argv, envp);
out:
    free(argv);
    free(envp);
    return r;
}

/* ---- wait ---- */

static int lu_put_rusage(uint32_t addr, const struct rusage *ru)
{
    uint64_t v[LU_MAX_FIELDS] = { 0 };
    v[LU_RU_UTIME] = (uint64_t)ru->ru_utime.tv_sec;
    v[LU_RU_UTIME_US] = (uint64_t)ru->ru_utime.tv_usec;
    v[LU_RU_STIME] = (uint64_t)ru->ru_stime.tv_sec;
    v[LU_RU_STIME_US] = (uint64_t)ru->ru_stime.tv_usec;
    const long *longs = &ru->ru_maxrss;
    for (int i = 0; i < 14; i++) {
        v[LU_RU_LONGS + i] = (uint64_t)longs[i];
    }
    return lu_put_struct(LU_ST_RUSAGE, addr, v);
}

static int64_t lu_do_wait4(int pid, uint32_t ustatus, int options, uint32_t uru)
{
    int status;
    struct rusage ru;
    pid_t r = (pid_t)lu_safe_syscall_errno(SYS_wait4, pid, (long)&status, options,
                                           (long)(uru ? &ru : NULL), 0, 0);
    if (r < 0) {
        return -lu_errno(errno);
    }
    if (r > 0) {
        if (ustatus && lu_put_u32(ustatus, (uint32_t)status) < 0) {
            return -EFAULT;
        }
        if (uru && lu_put_rusage(uru, &ru) < 0) {
            return -EFAULT;
        }
    }
    return r;
}

int64_t lu_sys_wait4(const uint32_t *a) { return lu_do_wait4((int)a[0], a[1], (int)a[2], a[3]); }
int64_t lu_sys_waitpid(const uint32_t *a) { return lu_do_wait4((int)a[0], a[1], (int)a[2], 0); }

int64_t lu_sys_waitid(const uint32_t *a)
{
    siginfo_t hi;
    struct rusage ru;
    memset(&hi, 0, sizeof(hi));
    long r = lu_safe_syscall_errno(SYS_waitid, (int)a[0], (int)a[1], (long)&hi, (int)a[3],
                                   (long)(a[4] ? &ru : NULL), 0);
    if (r < 0) {
        return -lu_errno(errno);
    }
    if (a[2]) {
        LuSigInfo gi;
        if (hi.si_pid == 0) {
            memset(&gi, 0, sizeof(gi));
        } else {
            lu_siginfo_from_host(&hi, &gi);
        }
        if (lu_put_siginfo(a[2], &gi) < 0) {
            return -EFAULT;
        }
    }
    if (a[4] && lu_put_rusage(a[4], &ru) < 0) {
        return -EFAULT;
    }
    return 0;
}

/* ---- resources ---- */

/*
 * Limits on address space and data size would bind the emulator (its 4 GiB
 * reservation, code buffer and heap), not the guest: they are kept here
 * and reported back, never given to the host.
 */
static struct rlimit lu_emulated_rlim[2] = {
    { RLIM_INFINITY, RLIM_INFINITY }, { RLIM_INFINITY, RLIM_INFINITY },
};

static struct rlimit *lu_rlimit_emulated(int resource)
{
    if (resource == RLIMIT_AS) {
        return &lu_emulated_rlim[0];
    }
    if (resource == RLIMIT_DATA) {
        return &lu_emulated_rlim[1];
    }
    return NULL;
}

static int lu_getrlimit(int resource, struct rlimit *rl)
{
    struct rlimit *e = lu_rlimit_emulated(resource);
    if (e) {
        *rl = *e;
        return 0;
    }
    return getrlimit(resource, rl) < 0 ? -lu_errno(errno) : 0;
}

static int lu_setrlimit(int resource, const struct rlimit *rl)
{
    struct rlimit *e = lu_rlimit_emulated(resource);
    if (e) {
        if (rl->rlim_cur > rl->rlim_max || (rl->rlim_max > e->rlim_max && geteuid() != 0)) {
            return -EINVAL;
        }
        *e = *rl;
        return 0;
    }
    return setrlimit(resource, rl) < 0 ? -lu_errno(errno) : 0;
}


static int64_t lu_put_rlimit32(uint32_t addr, const struct rlimit *rl, uint64_t max)
{
    uint64_t v[2] = { rl->rlim_cur > max ? max : rl->rlim_cur,
                      rl->rlim_max > max ? max : rl->rlim_max };
    return lu_put_struct(LU_ST_RLIMIT, addr, v);
}

int64_t lu_sys_getrlimit(const uint32_t *a)
{
    struct rlimit rl;
    int r = lu_getrlimit((int)a[0], &rl);
    if (r < 0) {
        return r;
    }
    return lu_put_rlimit32(a[1], &rl, 0x7fffffff);
}

int64_t lu_sys_ugetrlimit(const uint32_t *a)
{
    struct rlimit rl;
    int r = lu_getrlimit((int)a[0], &rl);
    if (r < 0) {
        return r;
    }
    return lu_put_rlimit32(a[1], &rl, 0xffffffffu);
}

int64_t lu_sys_setrlimit(const uint32_t *a)
{
    uint64_t v[2];
    struct rlimit rl;
    if (lu_get_struct(LU_ST_RLIMIT, a[1], v) < 0) {
        return -EFAULT;
    }
    rl.rlim_cur = v[0] == 0xffffffffu ? RLIM_INFINITY : v[0];
    rl.rlim_max = v[1] == 0xffffffffu ? RLIM_INFINITY : v[1];
    return lu_setrlimit((int)a[0], &rl);
}

int64_t lu_sys_prlimit64(const uint32_t *a)
{
    int pid = (int)a[0], resource = (int)a[1];
    uint64_t v[2];
    struct rlimit nl, ol;
    if (pid != 0 && pid != getpid()) {
        /* another process: its limits are the host's */
        if (a[2]) {
            if (lu_get_struct(LU_ST_RLIMIT64, a[2], v) < 0) {
                return -EFAULT;
            }
            nl.rlim_cur = v[0];
            nl.rlim_max = v[1];
        }
        if (prlimit(pid, resource, a[2] ? &nl : NULL, &ol) < 0) {
            return -lu_errno(errno);
        }
    } else {
        int r = lu_getrlimit(resource, &ol);
        if (r < 0) {
            return r;
        }
        if (a[2]) {
            if (lu_get_struct(LU_ST_RLIMIT64, a[2], v) < 0) {
                return -EFAULT;
            }
            nl.rlim_cur = v[0];
            nl.rlim_max = v[1];
            r = lu_setrlimit(resource, &nl);
            if (r < 0) {
                return r;
            }
        }
    }
    if (a[3]) {
        v[0] = ol.rlim_cur;
        v[1] = ol.rlim_max;
        return lu_put_struct(LU_ST_RLIMIT64, a[3], v);
    }
    return 0;
}

int64_t lu_sys_getrusage(const uint32_t *a)
{
    struct rusage ru;
    if (getrusage((int)a[0], &ru) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_rusage(a[1], &ru);
}

/* ---- system information ---- */

int64_t lu_sys_uname(const uint32_t *a)
{
    struct utsname u;
    if (uname(&u) < 0) {
        return -lu_errno(errno);
    }
    memset(u.machine, 0, sizeof(u.machine));
    strncpy(u.machine, lu_arch->uname_machine, sizeof(u.machine) - 1);
    /* struct new_utsname: six 65-byte fields, the same in every ABI. */
    return lu_copy_to_guest(a[0], &u, 6 * 65);
}

int64_t lu_sys_sysinfo(const uint32_t *a)
{
    struct sysinfo si;
    uint64_t v[LU_MAX_FIELDS] = { 0 };
    if (sysinfo(&si) < 0) {
        return -lu_errno(errno);
    }
    uint64_t unit = si.mem_unit ? si.mem_unit : 1;
    int shift = 0;
    while (((si.totalram * unit) >> shift) > 0xffffffffu ||
           ((si.totalswap * unit) >> shift) > 0xffffffffu) {
        shift++;
    }
    v[LU_SI_UPTIME] = (uint64_t)si.uptime;
    for (int i = 0; i < 3; i++) {
        v[LU_SI_LOADS + i] = si.loads[i];
    }
    v[LU_SI_TOTALRAM] = (si.totalram * unit) >> shift;
    v[LU_SI_FREERAM] = (si.freeram * unit) >> shift;
    v[LU_SI_SHAREDRAM] = (si.sharedram * unit) >> shift;
    v[LU_SI_BUFFERRAM] = (si.bufferram * unit) >> shift;
    v[LU_SI_TOTALSWAP] = (si.totalswap * unit) >> shift;
    v[LU_SI_FREESWAP] = (si.freeswap * unit) >> shift;
    v[LU_SI_PROCS] = si.procs;
    v[LU_SI_MEM_UNIT] = (uint64_t)1 << shift;
    return lu_put_struct(LU_ST_SYSINFO, a[0], v);
}

int64_t lu_sys_prctl(const uint32_t *a)
{
    int op = (int)a[0];
    switch (op) {
    case PR_SET_NAME: {
        const char *s = lu_guest_str(a[1]);
        return s ? host_ret(prctl(PR_SET_NAME, s)) : -EFAULT;
    }
    case PR_GET_NAME:
        if (!lu_access_ok(a[1], 16, true)) {
            return -EFAULT;
        }
        return host_ret(prctl(PR_GET_NAME, g2h(a[1])));
    case PR_SET_PDEATHSIG: {
        int h = a[1] ? lu_host_signal((int)a[1]) : 0;
        return host_ret(prctl(PR_SET_PDEATHSIG, h));
    }
    case PR_GET_PDEATHSIG: {
        int h = 0;
        if (prctl(PR_GET_PDEATHSIG, &h) < 0) {
            return -lu_errno(errno);
        }
        return lu_put_u32(a[1], lu_guest_signal(h));
    }
    case PR_GET_DUMPABLE: case PR_SET_DUMPABLE: case PR_GET_NO_NEW_PRIVS:
    case PR_SET_NO_NEW_PRIVS: case PR_CAPBSET_READ: case PR_GET_TIMERSLACK:
    case PR_SET_TIMERSLACK: case PR_GET_CHILD_SUBREAPER + 0:
        if (op == PR_GET_CHILD_SUBREAPER) {
            int v = 0;
            if (prctl(op, &v) < 0) {
                return -lu_errno(errno);
            }
            return lu_put_u32(a[1], (uint32_t)v);
        }
        return host_ret(prctl(op, (unsigned long)a[1], (unsigned long)a[2],
                              (unsigned long)a[3], (unsigned long)a[4]));
    case PR_SET_CHILD_SUBREAPER:
        return host_ret(prctl(op, (unsigned long)a[1]));
    case PR_SET_FPEXC:
    case PR_GET_FPEXC:
        if (!lu_arch->prctl_fpexc) {
            return -EINVAL;
        }
        return lu_arch->prctl_fpexc(lu_ts->cpu, op == PR_SET_FPEXC, a[1]);
    default: {
        char msg[64];
        snprintf(msg, sizeof(msg), "prctl option %d is not supported", op);
        mimic_log_once(LOG_UNIMP, msg);
        return -EINVAL;
    }
    }
}

int64_t lu_sys_sched_rr_get_interval(const uint32_t *a)
{
    struct timespec ts;
    if (sched_rr_get_interval((pid_t)a[0], &ts) < 0) {
        return -lu_errno(errno);
    }
    uint64_t v[2] = { (uint64_t)ts.tv_sec, (uint64_t)ts.tv_nsec };
    return lu_put_struct(LU_ST_TIMESPEC, a[1], v);
}
