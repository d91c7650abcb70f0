/*
 * The old system calls that glibc no longer uses but old and static
 * binaries do: stat/lstat/fstat with the 32-bit struct stat, the
 * __old_kernel_stat family (i386), statfs/fstatfs with the 32-bit struct
 * statfs, utime, ustat, nice, olduname/oldolduname, and the 16-bit id
 * calls of i386. Overflow rules are the kernel's (EOVERFLOW where a value
 * does not fit; ids above 65535 become the overflow id 65534).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "exec/user-pages.h"
#include "linux-user/lu.h"
#include "linux-user/lu-syscall.h"

#define LU_OVERFLOW_ID 65534u       /* /proc/sys/kernel/overflowuid default */
#define LU_MAX_NON_LFS 0x7fffffffu

static int64_t host_ret(long r)
{
    return r < 0 ? -lu_errno(errno) : r;
}

static uint32_t lu_low_id(uint32_t id)
{
    return id > 0xffff ? LU_OVERFLOW_ID : id;
}

/* A 16-bit id argument: (u16)-1 means "unchanged" (-1). */
static uint32_t lu_high_id(uint32_t id16)
{
    return (uint16_t)id16 == 0xffff ? 0xffffffffu : (uint16_t)id16;
}

static bool lu_old_valid_dev(dev_t d)
{
    return major(d) < 256 && minor(d) < 256;
}

static uint32_t lu_new_encode_dev(dev_t d)
{
    uint32_t ma = major(d), mi = minor(d);
    return (mi & 0xff) | (ma << 8) | ((mi & ~0xffu) << 12);
}

/* struct stat (st = LU_ST_STAT) or struct __old_kernel_stat (LU_ST_OLD_STAT). */
static int64_t lu_put_old_stat(int st_kind, uint32_t addr, const struct stat *st)
{
    uint64_t v[LU_MAX_FIELDS] = { 0 };
    /* cp_compat_stat (i386 under x86-64), cp_new_stat (32-bit kernels)
     * and cp_old_stat: which checks and encodings each applies. */
    bool small = st_kind == LU_ST_OLD_STAT;
    bool ia32 = lu_arch->stat_compat_ia32 || small;
    bool check_dev = lu_arch->stat_compat_ia32 && !small;
    bool check_size = !(lu_arch->stat_compat_ia32 && small);  /* a 64-bit cp_old_stat truncates */
    if (check_dev && (!lu_old_valid_dev(st->st_dev) || !lu_old_valid_dev(st->st_rdev))) {
        return -EOVERFLOW;
    }
    if (st->st_ino > (small ? 0xffffu : 0xffffffffu) || st->st_nlink > 0xffff ||
        (check_size && (uint64_t)st->st_size > LU_MAX_NON_LFS)) {
        return -EOVERFLOW;
    }
    v[LU_STAT_DEV] = ia32 ? ((major(st->st_dev) << 8) | minor(st->st_dev)) & 0xffff
                          : lu_new_encode_dev(st->st_dev);
    v[LU_STAT_RDEV] = ia32 ? ((major(st->st_rdev) << 8) | minor(st->st_rdev)) & 0xffff
                           : lu_new_encode_dev(st->st_rdev);
    v[LU_STAT_INO32] = st->st_ino;
    v[LU_STAT_MODE] = st->st_mode;
    v[LU_STAT_NLINK] = st->st_nlink;
    v[LU_STAT_UID] = ia32 ? lu_low_id(st->st_uid) : st->st_uid;
    v[LU_STAT_GID] = ia32 ? lu_low_id(st->st_gid) : st->st_gid;
    v[LU_STAT_SIZE] = (uint64_t)st->st_size;
    v[LU_STAT_BLKSIZE] = (uint64_t)st->st_blksize;
    v[LU_STAT_BLOCKS] = (uint64_t)st->st_blocks;
    v[LU_STAT_ATIME] = (uint64_t)st->st_atim.tv_sec;
    v[LU_STAT_ATIME_NS] = (uint64_t)st->st_atim.tv_nsec;
    v[LU_STAT_MTIME] = (uint64_t)st->st_mtim.tv_sec;
    v[LU_STAT_MTIME_NS] = (uint64_t)st->st_mtim.tv_nsec;
    v[LU_STAT_CTIME] = (uint64_t)st->st_ctim.tv_sec;
    v[LU_STAT_CTIME_NS] = (uint64_t)st->st_ctim.tv_nsec;
    return lu_put_struct(st_kind, addr, v);
}

static int64_t lu_old_stat_path(int st_kind, uint32_t upath, uint32_t ubuf, bool follow)
{
    char buf[PATH_MAX];
    struct stat st;
    const char *s = lu_guest_str(upath);
    if (!s) {
        return -EFAULT;
    }
    const char *p = lu_path(s, buf, sizeof(buf));
    if ((follow ? stat(p, &st) : lstat(p, &st)) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_old_stat(st_kind, ubuf, &st);
}

static int64_t lu_old_stat_fd(int st_kind, int fd, uint32_t ubuf)
{
    struct stat st;
    if (fstat(fd, &st) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_old_stat(st_kind, ubuf, &st);
}

int64_t lu_sys_stat(const uint32_t *a) { return lu_old_stat_path(LU_ST_STAT, a[0], a[1], true); }
int64_t lu_sys_lstat(const uint32_t *a) { return lu_old_stat_path(LU_ST_STAT, a[0], a[1], false); }
int64_t lu_sys_fstat(const uint32_t *a) { return lu_old_stat_fd(LU_ST_STAT, (int)a[0], a[1]); }
int64_t lu_sys_oldstat(const uint32_t *a) { return lu_old_stat_path(LU_ST_OLD_STAT, a[0], a[1], true); }
int64_t lu_sys_oldlstat(const uint32_t *a) { return lu_old_stat_path(LU_ST_OLD_STAT, a[0], a[1], false); }
int64_t lu_sys_oldfstat(const uint32_t *a) { return lu_old_stat_fd(LU_ST_OLD_STAT, (int)a[0], a[1]); }

/* struct statfs with 32-bit words: EOVERFLOW when a count does not fit
 * (files/ffree of -1, "unknown", pass as the kernel lets them). */
static int64_t lu_put_old_statfs(uint32_t addr, const struct statfs *s)
{
    uint64_t big = (uint64_t)s->f_blocks | s->f_bfree | s->f_bavail | (uint64_t)s->f_bsize |
                   (uint64_t)s->f_frsize;
    if ((big >> 32) ||
        (((uint64_t)s->f_files >> 32) && s->f_files != ~(__typeof__(s->f_files))0) ||
        (((uint64_t)s->f_ffree >> 32) && s->f_ffree != ~(__typeof__(s->f_ffree))0)) {
        return -EOVERFLOW;
    }
    return lu_put_statfs(LU_ST_STATFS, addr, s);
}

int64_t lu_sys_statfs(const uint32_t *a)
{
    char buf[PATH_MAX];
    struct statfs s;
    const char *p = lu_guest_str(a[0]);
    if (!p) {
        return -EFAULT;
    }
    if (statfs(lu_path(p, buf, sizeof(buf)), &s) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_old_statfs(a[1], &s);
}

int64_t lu_sys_fstatfs(const uint32_t *a)
{
    struct statfs s;
    if (fstatfs((int)a[0], &s) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_old_statfs(a[1], &s);
}

/* utime(path, struct utimbuf { time32 actime, modtime } or NULL). */
int64_t lu_sys_utime(const uint32_t *a)
{
    char buf[PATH_MAX];
    const char *s = lu_guest_str(a[0]);
    if (!s) {
        return -EFAULT;
    }
    struct timespec ts[2], *tsp = NULL;
    if (a[1]) {
        uint32_t at, mt;
        if (lu_get_u32(a[1], &at) < 0 || lu_get_u32(a[1] + 4, &mt) < 0) {
            return -EFAULT;
        }
        ts[0] = (struct timespec){ (int32_t)at, 0 };
        ts[1] = (struct timespec){ (int32_t)mt, 0 };
        tsp = ts;
    }
    return host_ret(utimensat(AT_FDCWD, lu_path(s, buf, sizeof(buf)), tsp, 0));
}

int64_t lu_sys_ustat(const uint32_t *a)
{
    struct { int f_tfree; unsigned long f_tinode; char f_fname[6], f_fpack[6]; } u;
    long r = syscall(SYS_ustat, a[0], &u);
    if (r < 0) {
        return -lu_errno(errno);
    }
    uint64_t v[LU_MAX_FIELDS] = { 0 };
    v[LU_UST_TFREE] = (uint32_t)u.f_tfree;
    v[LU_UST_TINODE] = (uint32_t)u.f_tinode;
    return lu_put_struct(LU_ST_USTAT, a[1], v);
}

/* nice(inc): the calling thread's nice value moves by inc (clamped to
 * -20..19); lowering it needs the privilege setpriority checks. */
int64_t lu_sys_nice(const uint32_t *a)
{
    int inc = (int32_t)a[0];
    inc = inc < -40 ? -40 : inc > 40 ? 40 : inc;
    errno = 0;
    int cur = getpriority(PRIO_PROCESS, 0);
    if (cur == -1 && errno) {
        return -lu_errno(errno);
    }
    int want = cur + inc;
    want = want < -20 ? -20 : want > 19 ? 19 : want;
    if (setpriority(PRIO_PROCESS, 0, want) < 0) {
        return errno == EACCES ? -EPERM : -lu_errno(errno);
    }
    return 0;
}

/* olduname: five 65-byte fields; oldolduname: five 9-byte fields. */
static int64_t lu_old_uname(uint32_t addr, size_t len)
{
    struct utsname u;
    char out[5 * 65];
    if (uname(&u) < 0) {
        return -lu_errno(errno);
    }
    memset(u.machine, 0, sizeof(u.machine));
    strncpy(u.machine, lu_arch->uname_machine, sizeof(u.machine) - 1);
    const char *f[5] = { u.sysname, u.nodename, u.release, u.version, u.machine };
    memset(out, 0, sizeof(out));
    for (int i = 0; i < 5; i++) {
        strncpy(out + i * len, f[i], len - 1);
    }
    return lu_copy_to_guest(addr, out, 5 * len) < 0 ? -EFAULT : 0;
}

int64_t lu_sys_olduname(const uint32_t *a) { return lu_old_uname(a[0], 65); }
int64_t lu_sys_oldolduname(const uint32_t *a) { return lu_old_uname(a[0], 9); }

/* ---- 16-bit user and group ids (i386) ---- */

int64_t lu_sys_setuid16(const uint32_t *a) { return host_ret(syscall(SYS_setuid, lu_high_id(a[0]))); }
int64_t lu_sys_setgid16(const uint32_t *a) { return host_ret(syscall(SYS_setgid, lu_high_id(a[0]))); }
int64_t lu_sys_setfsuid16(const uint32_t *a) { return lu_low_id((uint32_t)syscall(SYS_setfsuid, lu_high_id(a[0]))); }
int64_t lu_sys_setfsgid16(const uint32_t *a) { return lu_low_id((uint32_t)syscall(SYS_setfsgid, lu_high_id(a[0]))); }
int64_t lu_sys_setreuid16(const uint32_t *a)
{
    return host_ret(syscall(SYS_setreuid, lu_high_id(a[0]), lu_high_id(a[1])));
}
int64_t lu_sys_setregid16(const uint32_t *a)
{
    return host_ret(syscall(SYS_setregid, lu_high_id(a[0]), lu_high_id(a[1])));
}
int64_t lu_sys_setresuid16(const uint32_t *a)
{
    return host_ret(syscall(SYS_setresuid, lu_high_id(a[0]), lu_high_id(a[1]), lu_high_id(a[2])));
}
int64_t lu_sys_setresgid16(const uint32_t *a)
{
    return host_ret(syscall(SYS_setresgid, lu_high_id(a[0]), lu_high_id(a[1]), lu_high_id(a[2])));
}

static int64_t lu_getres16(bool gid, const uint32_t *a)
{
    unsigned int id[3];
    long r = syscall(gid ? SYS_getresgid : SYS_getresuid, &id[0], &id[1], &id[2]);
    if (r < 0) {
        return -lu_errno(errno);
    }
    for (int i = 0; i < 3; i++) {
        uint16_t v = (uint16_t)lu_low_id(id[i]);
        if (lu_copy_to_guest(a[i], &v, 2) < 0) {
            return -EFAULT;
        }
    }
    return 0;
}
int64_t lu_sys_getresuid16(const uint32_t *a) { return lu_getres16(false, a); }
int64_t lu_sys_getresgid16(const uint32_t *a) { return lu_getres16(true, a); }

int64_t lu_sys_getuid16(const uint32_t *a) { return lu_low_id(getuid()); }
int64_t lu_sys_geteuid16(const uint32_t *a) { return lu_low_id(geteuid()); }
int64_t lu_sys_getgid16(const uint32_t *a) { return lu_low_id(getgid()); }
int64_t lu_sys_getegid16(const uint32_t *a) { return lu_low_id(getegid()); }

static int64_t lu_chown16(int dirfd, uint32_t upath, uint32_t uid, uint32_t gid, int flags)
{
    char buf[PATH_MAX];
    const char *s = lu_guest_str(upath);
    if (!s) {
        return -EFAULT;
    }
    return host_ret(fchownat(dirfd, lu_path(s, buf, sizeof(buf)), lu_high_id(uid),
                             lu_high_id(gid), flags));
}
int64_t lu_sys_chown16(const uint32_t *a) { return lu_chown16(AT_FDCWD, a[0], a[1], a[2], 0); }
int64_t lu_sys_lchown16(const uint32_t *a)
{
    return lu_chown16(AT_FDCWD, a[0], a[1], a[2], AT_SYMLINK_NOFOLLOW);
}
int64_t lu_sys_fchown16(const uint32_t *a)
{
    return host_ret(fchown((int)a[0], lu_high_id(a[1]), lu_high_id(a[2])));
}

int64_t lu_sys_getgroups16(const uint32_t *a)
{
    int n = (int32_t)a[0];
    if (n < 0) {
        return -EINVAL;
    }
    gid_t g[NGROUPS_MAX];
    long r = getgroups(n > NGROUPS_MAX ? NGROUPS_MAX : n, n ? g : NULL);
    if (r < 0) {
        return -lu_errno(errno);
    }
    for (long i = 0; n && i < r; i++) {
        uint16_t v = (uint16_t)lu_low_id(g[i]);
        if (lu_copy_to_guest(a[1] + 2 * i, &v, 2) < 0) {
            return -EFAULT;
        }
    }
    return r;
}

int64_t lu_sys_setgroups16(const uint32_t *a)
{
    int n = (int32_t)a[0];
    if (n < 0 || n > NGROUPS_MAX) {
        return -EINVAL;
    }
    gid_t g[NGROUPS_MAX];
    for (int i = 0; i < n; i++) {
        g[i] = lu_high_id((uint32_t)lu_ld(a[1] + 2 * i, 2));
    }
    if (n && !lu_access_ok(a[1], 2 * (uint32_t)n, false)) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_setgroups, n, g));
}
