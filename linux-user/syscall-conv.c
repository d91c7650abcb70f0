/*
 * Syscalls whose guest structs or 64-bit register pairs must be converted
 * for guests that differ from the host in byte order or layout: statx,
 * the _time64 calls, ids and scheduling, poll/epoll, 64-bit file offsets
 * (register pairs in the guest's order and alignment), termios values,
 * and the integers read from eventfd/timerfd/signalfd/inotify fds.
 * Written once for every guest: conversion goes through the guest's
 * LuLayout and LuFlagMap tables, which make it the identity for i386.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "exec/user-pages.h"
#include "util/hidden-fd.h"
#include "linux-user/lu.h"
#include "linux-user/lu-conv.h"
#include "linux-user/lu-syscall.h"

#define F(id_, size_, off_) { .id = (id_), .size = (size_), .off = (off_) }
#define FS(id_, size_, off_) { .id = (id_), .size = (size_), .off = (off_), .sign = 1 }

/* struct statx (include/uapi/linux/stat.h): fixed-size members only, so
 * every ABI shares it; the guest's byte order applies through lu_st. */
const LuLayout lu_layout_statx = { 256, 24, {
    F(LU_STX_MASK, 4, 0), F(LU_STX_BLKSIZE, 4, 4), F(LU_STX_ATTRIBUTES, 8, 8),
    F(LU_STX_NLINK, 4, 16), F(LU_STX_UID, 4, 20), F(LU_STX_GID, 4, 24),
    F(LU_STX_MODE, 2, 28), F(LU_STX_INO, 8, 32), F(LU_STX_SIZE, 8, 40),
    F(LU_STX_BLOCKS, 8, 48), F(LU_STX_ATTRIBUTES_MASK, 8, 56),
    FS(LU_STX_ATIME, 8, 64), F(LU_STX_ATIME_NS, 4, 72),
    FS(LU_STX_BTIME, 8, 80), F(LU_STX_BTIME_NS, 4, 88),
    FS(LU_STX_CTIME, 8, 96), F(LU_STX_CTIME_NS, 4, 104),
    FS(LU_STX_MTIME, 8, 112), F(LU_STX_MTIME_NS, 4, 120),
    F(LU_STX_RDEV_MAJOR, 4, 128), F(LU_STX_RDEV_MINOR, 4, 132),
    F(LU_STX_DEV_MAJOR, 4, 136), F(LU_STX_DEV_MINOR, 4, 140),
    F(LU_STX_MNT_ID, 8, 144) } };

/* The statx mask bits whose fields the layout above carries. */
#define LU_STATX_KNOWN 0x1fffu   /* BASIC_STATS | BTIME | MNT_ID */

static int64_t host_ret(long r)
{
    return r < 0 ? -(int64_t)lu_errno(errno) : r;
}

/* For lu_safe_syscall results (-errno). */
static int64_t safe_ret(long r)
{
    return r < 0 && r > -4096 ? -(int64_t)lu_errno((int)-r) : r;
}

/* Reads a struct laid out like the host's (same offsets, host byte order)
 * into a value array, through the layout of the common struct. */
static void lu_layout_read_host(const LuLayout *l, const void *host, uint64_t *vals)
{
    for (int i = 0; i < l->nb_fields; i++) {
        const LuField *f = &l->fields[i];
        uint64_t v = 0;
        memcpy(&v, (const uint8_t *)host + f->off, f->size);
        if (f->sign && f->size < 8) {
            int sh = 64 - 8 * f->size;
            v = (uint64_t)((int64_t)(v << sh) >> sh);
        }
        vals[f->id] = v;
    }
}

/* Swaps, in place, the fields of layout l that lie within len bytes of a
 * struct laid out like the host's, when the guest's byte order is not the
 * host's (an involution: the same call converts either way). */
void lu_swap_layout(const LuLayout *l, uint8_t *b, uint32_t len)
{
    if (!lu_arch->big_endian) {
        return;
    }
    for (int i = 0; i < l->nb_fields; i++) {
        const LuField *f = &l->fields[i];
        int n = f->count ? f->count : 1;
        for (int k = 0; k < n; k++) {
            uint32_t off = f->off + k * f->size;
            if (off + f->size > len) {
                break;
            }
            uint64_t v = 0;
            memcpy(&v, b + off, f->size);
            v = lu_bswap(v, f->size);
            memcpy(b + off, &v, f->size);
        }
    }
}

/*
 * A 64-bit argument in a register pair starting at argument *i: aligned
 * to an even argument on ABIs that pair registers (ppc32), in the guest's
 * word order (high word first when big-endian).
 */
uint64_t lu_arg64(const uint32_t *a, int *i)
{
    if (lu_arch->pair_align && (*i & 1)) {
        (*i)++;
    }
    if (*i > 4) {
        *i = 6;
        return 0;
    }
    uint32_t x = a[*i], y = a[*i + 1];
    *i += 2;
    return lu_arch->big_endian ? ((uint64_t)x << 32 | y) : ((uint64_t)y << 32 | x);
}

/* A guest path (sysroot and /proc applied); NULL and *err on a fault. */
static const char *lu_conv_path(uint32_t addr, char *buf, size_t size, int *err)
{
    const char *s = lu_guest_str(addr);
    if (!s) {
        *err = -EFAULT;
        return NULL;
    }
    return lu_path(s, buf, size);
}

/* ---- statx ---- */

int64_t lu_conv_statx(const uint32_t *a)
{
    char buf[PATH_MAX];
    int err = 0;
    const char *p = NULL;
    if (a[1]) {
        p = lu_conv_path(a[1], buf, sizeof(buf), &err);
        if (!p) {
            return err;
        }
    }
    if (!a[4]) {
        return -EFAULT;
    }
    uint8_t hs[256];
    memset(hs, 0, sizeof(hs));
    if (syscall(SYS_statx, (int)a[0], p, (int)a[2], a[3], hs) < 0) {
        return -lu_errno(errno);
    }
    uint64_t v[LU_MAX_FIELDS] = { 0 };
    lu_layout_read_host(&lu_layout_statx, hs, v);
    v[LU_STX_MASK] &= LU_STATX_KNOWN;
    return lu_put_struct(LU_ST_STATX, a[4], v);
}

/* ---- 64-bit offsets in register pairs ---- */

int64_t lu_conv_pread64(const uint32_t *a)
{
    int i = 3;
    uint64_t off = lu_arg64(a, &i);
    uint32_t n = lu_guest_span(a[1], a[2], true);
    return safe_ret(lu_safe_syscall(SYS_pread64, (int)a[0], (long)g2h(a[1]), n,
                                    (long)off, 0, 0));
}

int64_t lu_conv_pwrite64(const uint32_t *a)
{
    int i = 3;
    uint64_t off = lu_arg64(a, &i);
    uint32_t n = lu_guest_span(a[1], a[2], false);
    return safe_ret(lu_safe_syscall(SYS_pwrite64, (int)a[0], (long)g2h(a[1]), n,
                                    (long)off, 0, 0));
}

int64_t lu_conv_truncate64(const uint32_t *a)
{
    char buf[PATH_MAX];
    int err = 0, i = 1;
    const char *p = lu_conv_path(a[0], buf, sizeof(buf), &err);
    if (!p) {
        return err;
    }
    return host_ret(truncate(p, (off_t)lu_arg64(a, &i)));
}

int64_t lu_conv_ftruncate64(const uint32_t *a)
{
    int i = 1;
    return host_ret(ftruncate((int)a[0], (off_t)lu_arg64(a, &i)));
}

int64_t lu_conv_fallocate(const uint32_t *a)
{
    int i = 2;
    uint64_t off = lu_arg64(a, &i);
    uint64_t len = lu_arg64(a, &i);
    return host_ret(fallocate((int)a[0], (int)a[1], (off_t)off, (off_t)len));
}

/* fadvise64(fd, offset, u32 len, advice) */
int64_t lu_conv_fadvise64(const uint32_t *a)
{
    int i = 1;
    uint64_t off = lu_arg64(a, &i);
    if (i > 4) {
        return -EINVAL;
    }
    return host_ret(syscall(SYS_fadvise64, (int)a[0], (long)off, (long)a[i], (int)a[i + 1]));
}

/* fadvise64_64(fd, offset, len, advice) */
int64_t lu_conv_fadvise64_64(const uint32_t *a)
{
    int i = 1;
    uint64_t off = lu_arg64(a, &i);
    uint64_t len = lu_arg64(a, &i);
    if (i > 5) {
        return -EINVAL;
    }
    return host_ret(syscall(SYS_fadvise64, (int)a[0], (long)off, (long)len, (int)a[i]));
}

/* The advice-second variant (ppc32's fadvise64_64): (fd, advice, offset,
 * len), which needs no padding register. */
int64_t lu_conv_fadvise64_64_2(const uint32_t *a)
{
    int i = 2;
    uint64_t off = lu_arg64(a, &i);
    uint64_t len = lu_arg64(a, &i);
    return host_ret(syscall(SYS_fadvise64, (int)a[0], (long)off, (long)len, (int)a[1]));
}

/* sync_file_range(fd, offset, nbytes, flags) */
int64_t lu_conv_sync_file_range(const uint32_t *a)
{
    int i = 1;
    uint64_t off = lu_arg64(a, &i);
    uint64_t len = lu_arg64(a, &i);
    if (i > 5) {
        return -EINVAL;
    }
    return host_ret(sync_file_range((int)a[0], (off_t)off, (off_t)len, a[i]));
}

/* sync_file_range2(fd, flags, offset, nbytes) */
int64_t lu_conv_sync_file_range2(const uint32_t *a)
{
    int i = 2;
    uint64_t off = lu_arg64(a, &i);
    uint64_t len = lu_arg64(a, &i);
    return host_ret(sync_file_range((int)a[0], (off_t)off, (off_t)len, a[1]));
}

/* readahead(fd, offset, u32 count) */
int64_t lu_conv_readahead(const uint32_t *a)
{
    int i = 1;
    uint64_t off = lu_arg64(a, &i);
    if (i > 5) {
        return -EINVAL;
    }
    return host_ret(readahead((int)a[0], (off_t)off, a[i]));
}

/* A loff_t in guest memory (NULL pointer: none). */
static int lu_get_loff(uint32_t addr, int64_t *v)
{
    if (!lu_access_ok(addr, 8, true)) {
        return -EFAULT;
    }
    *v = (int64_t)lu_ld(addr, 8);
    return 0;
}

int64_t lu_conv_sendfile64(const uint32_t *a)
{
    int64_t off;
    if (a[2] && lu_get_loff(a[2], &off) < 0) {
        return -EFAULT;
    }
    /* sendfile64(out_fd, in_fd, loff_t *offset, count) */
    long r = lu_safe_syscall(SYS_sendfile, (int)a[0], (int)a[1], a[2] ? (long)&off : 0,
                             a[3], 0, 0);
    if (r >= 0 && a[2]) {
        lu_st(a[2], 8, (uint64_t)off);
    }
    return safe_ret(r);
}

/* copy_file_range and splice: (fd_in, loff_t *off_in, fd_out, loff_t
 * *off_out, len, flags), the offsets read and written in guest order. */
static int64_t lu_conv_two_offsets(long nr, const uint32_t *a)
{
    int64_t oi, oo;
    if ((a[1] && lu_get_loff(a[1], &oi) < 0) || (a[3] && lu_get_loff(a[3], &oo) < 0)) {
        return -EFAULT;
    }
    long r = lu_safe_syscall(nr, (int)a[0], a[1] ? (long)&oi : 0, (int)a[2],
                             a[3] ? (long)&oo : 0, a[4], a[5]);
    if (r >= 0) {
        if (a[1]) {
            lu_st(a[1], 8, (uint64_t)oi);
        }
        if (a[3]) {
            lu_st(a[3], 8, (uint64_t)oo);
        }
    }
    return safe_ret(r);
}

int64_t lu_conv_copy_file_range(const uint32_t *a)
{
    return lu_conv_two_offsets(SYS_copy_file_range, a);
}

/* ---- time ---- */

static int lu_get_ts64(uint32_t addr, struct timespec *ts)
{
    uint64_t v[2];
    if (lu_get_struct(LU_ST_TIMESPEC64, addr, v) < 0) {
        return -EFAULT;
    }
    ts->tv_sec = (int64_t)v[LU_TS_SEC];
    ts->tv_nsec = (int64_t)v[LU_TS_NSEC];
    return 0;
}

static int lu_put_ts64(uint32_t addr, const struct timespec *ts)
{
    uint64_t v[2] = { (uint64_t)ts->tv_sec, (uint64_t)ts->tv_nsec };
    return lu_put_struct(LU_ST_TIMESPEC64, addr, v);
}

/* struct itimerspec64: interval then value. */
static int lu_get_its64(uint32_t addr, struct itimerspec *its)
{
    uint32_t sz = lu_struct_size(LU_ST_TIMESPEC64);
    if (lu_get_ts64(addr, &its->it_interval) < 0 || lu_get_ts64(addr + sz, &its->it_value) < 0) {
        return -EFAULT;
    }
    return 0;
}

static int lu_put_its64(uint32_t addr, const struct itimerspec *its)
{
    uint32_t sz = lu_struct_size(LU_ST_TIMESPEC64);
    if (lu_put_ts64(addr, &its->it_interval) < 0 || lu_put_ts64(addr + sz, &its->it_value) < 0) {
        return -EFAULT;
    }
    return 0;
}

int64_t lu_conv_clock_gettime64(const uint32_t *a)
{
    struct timespec ts;
    if (syscall(SYS_clock_gettime, (clockid_t)a[0], &ts) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_ts64(a[1], &ts);
}

int64_t lu_conv_clock_getres_time64(const uint32_t *a)
{
    struct timespec ts;
    if (syscall(SYS_clock_getres, (clockid_t)a[0], &ts) < 0) {
        return -lu_errno(errno);
    }
    return a[1] ? lu_put_ts64(a[1], &ts) : 0;
}

int64_t lu_conv_clock_settime64(const uint32_t *a)
{
    struct timespec ts;
    if (lu_get_ts64(a[1], &ts) < 0) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_clock_settime, (clockid_t)a[0], &ts));
}

int64_t lu_conv_settimeofday(const uint32_t *a)
{
    struct timeval tv, *tvp = NULL;
    struct timezone tz, *tzp = NULL;
    uint64_t v[2];
    if (a[0]) {
        if (lu_get_struct(LU_ST_TIMEVAL, a[0], v) < 0) {
            return -EFAULT;
        }
        tv.tv_sec = (int64_t)v[LU_TS_SEC];
        tv.tv_usec = (int64_t)v[LU_TS_NSEC];
        tvp = &tv;
    }
    if (a[1]) {
        if (lu_get_struct(LU_ST_TIMEZONE, a[1], v) < 0) {
            return -EFAULT;
        }
        tz.tz_minuteswest = (int)v[LU_TZ_MINUTESWEST];
        tz.tz_dsttime = (int)v[LU_TZ_DSTTIME];
        tzp = &tz;
    }
    return host_ret(syscall(SYS_settimeofday, tvp, tzp));
}

int64_t lu_conv_utimensat_time64(const uint32_t *a)
{
    struct timespec ts[2], *tsp = NULL;
    char buf[PATH_MAX];
    int err = 0;
    const char *p = NULL;
    if (a[1]) {
        p = lu_conv_path(a[1], buf, sizeof(buf), &err);
        if (!p) {
            return err;
        }
    }
    if (a[2]) {
        uint32_t sz = lu_struct_size(LU_ST_TIMESPEC64);
        if (lu_get_ts64(a[2], &ts[0]) < 0 || lu_get_ts64(a[2] + sz, &ts[1]) < 0) {
            return -EFAULT;
        }
        tsp = ts;
    }
    return host_ret(syscall(SYS_utimensat, (int)a[0], p, tsp, (int)a[3]));
}

/* timerfd_settime and timer_settime (and their gettime twins) take the
 * same itimerspec64 arguments: (id, flags, new, old) and (id, cur). */
static int64_t lu_conv_settime64(long nr, const uint32_t *a)
{
    struct itimerspec nv, ov;
    if (lu_get_its64(a[2], &nv) < 0) {
        return -EFAULT;
    }
    if (syscall(nr, (int)a[0], (int)a[1], &nv, &ov) < 0) {
        return -lu_errno(errno);
    }
    return a[3] ? lu_put_its64(a[3], &ov) : 0;
}

static int64_t lu_conv_gettime64(long nr, const uint32_t *a)
{
    struct itimerspec ov;
    if (syscall(nr, (int)a[0], &ov) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_its64(a[1], &ov);
}

int64_t lu_conv_timerfd_settime64(const uint32_t *a)
{
    return lu_conv_settime64(SYS_timerfd_settime, a);
}

int64_t lu_conv_timerfd_gettime64(const uint32_t *a)
{
    return lu_conv_gettime64(SYS_timerfd_gettime, a);
}

int64_t lu_conv_timer_settime64(const uint32_t *a)
{
    return lu_conv_settime64(SYS_timer_settime, a);
}

int64_t lu_conv_timer_gettime64(const uint32_t *a)
{
    return lu_conv_gettime64(SYS_timer_gettime, a);
}

int64_t lu_conv_sched_rr_get_interval_time64(const uint32_t *a)
{
    struct timespec ts;
    if (syscall(SYS_sched_rr_get_interval, (pid_t)a[0], &ts) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_ts64(a[1], &ts);
}

/* ---- credentials ---- */

int64_t lu_conv_getgroups32(const uint32_t *a)
{
    int n = (int)a[0];
    if (n < 0 || n > 65536) {
        return -EINVAL;
    }
    gid_t *g = calloc(n ? n : 1, sizeof(gid_t));
    long r = syscall(SYS_getgroups, n, g);
    if (r < 0) {
        int e = errno;
        free(g);
        return -lu_errno(e);
    }
    if (n && !lu_access_ok(a[1], (uint32_t)r * 4, true)) {
        free(g);
        return -EFAULT;
    }
    for (long i = 0; n && i < r; i++) {
        lu_st(a[1] + 4 * i, 4, g[i]);
    }
    free(g);
    return r;
}

int64_t lu_conv_setgroups32(const uint32_t *a)
{
    int n = (int)a[0];
    if (n < 0 || n > 65536) {
        return -EINVAL;
    }
    if (n && !lu_access_ok(a[1], n * 4, false)) {
        return -EFAULT;
    }
    gid_t *g = calloc(n ? n : 1, sizeof(gid_t));
    for (int i = 0; i < n; i++) {
        g[i] = (gid_t)lu_ld(a[1] + 4 * i, 4);
    }
    long r = syscall(SYS_setgroups, n, g);
    int e = errno;
    free(g);
    return r < 0 ? -lu_errno(e) : r;
}

static int64_t lu_put_three_ids(const uint32_t *a, const unsigned *ids)
{
    for (int i = 0; i < 3; i++) {
        if (lu_put_u32(a[i], ids[i]) < 0) {
            return -EFAULT;
        }
    }
    return 0;
}

int64_t lu_conv_getresuid32(const uint32_t *a)
{
    uid_t r, e, s;
    if (getresuid(&r, &e, &s) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_three_ids(a, (const unsigned[3]){ r, e, s });
}

int64_t lu_conv_getresgid32(const uint32_t *a)
{
    gid_t r, e, s;
    if (getresgid(&r, &e, &s) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_three_ids(a, (const unsigned[3]){ r, e, s });
}

/* ---- scheduling ---- */

/* CPU masks: guest 32-bit words (guest byte order) <-> host 64-bit. */
#define LU_CPUMASK_BYTES 1024

/* The kernel's nr_cpu_ids: the highest possible CPU + 1 (from sysfs),
 * or the bits of the host's mask if that is unreadable. */
static uint32_t lu_nr_cpu_ids(uint32_t fallback)
{
    static uint32_t cached;
    if (!cached) {
        FILE *f = fopen("/sys/devices/system/cpu/possible", "r");
        char line[256];
        uint32_t n = 0;
        if (f && fgets(line, sizeof(line), f)) {
            /* "0-7" or "0,2-5": the last number is the highest CPU */
            char *p = line + strlen(line);
            while (p > line && (p[-1] < '0' || p[-1] > '9')) {
                p--;
            }
            while (p > line && p[-1] >= '0' && p[-1] <= '9') {
                p--;
            }
            n = (uint32_t)strtoul(p, NULL, 10) + 1;
        }
        if (f) {
            fclose(f);
        }
        cached = n ? n : fallback;
    }
    return cached;
}

int64_t lu_conv_sched_getaffinity(const uint32_t *a)
{
    uint64_t m[LU_CPUMASK_BYTES / 8];
    uint32_t len = a[1];
    if (len & 3) {
        return -EINVAL;
    }
    memset(m, 0, sizeof(m));
    long r = syscall(SYS_sched_getaffinity, (pid_t)a[0], sizeof(m), m);
    if (r < 0) {
        return -lu_errno(errno);
    }
    /* As the kernel does for a 32-bit task: too small for nr_cpu_ids is
     * EINVAL, else it copies min(len, the size of its cpumask). */
    if ((uint64_t)len * 8 < lu_nr_cpu_ids((uint32_t)r * 8)) {
        return -EINVAL;
    }
    uint32_t words = ((uint32_t)r < len ? (uint32_t)r : len) / 4;
    if (!lu_access_ok(a[2], words * 4, true)) {
        return -EFAULT;
    }
    for (uint32_t w = 0; w < words; w++) {
        lu_st(a[2] + 4 * w, 4, (uint32_t)(m[w / 2] >> (32 * (w % 2))));
    }
    return words * 4;
}

int64_t lu_conv_sched_setaffinity(const uint32_t *a)
{
    uint64_t m[LU_CPUMASK_BYTES / 8];
    uint32_t len = a[1] > LU_CPUMASK_BYTES ? LU_CPUMASK_BYTES : a[1];
    if (!lu_access_ok(a[2], len, false)) {
        return -EFAULT;
    }
    memset(m, 0, sizeof(m));
    for (uint32_t w = 0; w < len / 4; w++) {
        m[w / 2] |= (uint64_t)(uint32_t)lu_ld(a[2] + 4 * w, 4) << (32 * (w % 2));
    }
    return host_ret(syscall(SYS_sched_setaffinity, (pid_t)a[0], sizeof(m), m));
}

/* struct sched_param is one int. */
int64_t lu_conv_sched_getparam(const uint32_t *a)
{
    struct sched_param sp;
    if (syscall(SYS_sched_getparam, (pid_t)a[0], &sp) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_u32(a[1], (uint32_t)sp.sched_priority);
}

int64_t lu_conv_sched_setparam(const uint32_t *a)
{
    uint32_t v;
    if (!a[1] || lu_get_u32(a[1], &v) < 0) {
        return -EFAULT;
    }
    struct sched_param sp = { .sched_priority = (int)v };
    return host_ret(syscall(SYS_sched_setparam, (pid_t)a[0], &sp));
}

int64_t lu_conv_sched_setscheduler(const uint32_t *a)
{
    uint32_t v;
    if (!a[2] || lu_get_u32(a[2], &v) < 0) {
        return -EFAULT;
    }
    struct sched_param sp = { .sched_priority = (int)v };
    return host_ret(syscall(SYS_sched_setscheduler, (pid_t)a[0], (int)a[1], &sp));
}

/* ---- capabilities: a header of two words and data of 32-bit words ---- */

static uint32_t lu_cap_words(uint32_t version)
{
    return version == 0x19980330 ? 3 : 6;   /* _LINUX_CAPABILITY_VERSION_1: one set */
}

static int64_t lu_conv_cap(const uint32_t *a, bool set)
{
    uint32_t hdr[2], data[6] = { 0 };
    if (lu_get_u32(a[0], &hdr[0]) < 0 || lu_get_u32(a[0] + 4, &hdr[1]) < 0) {
        return -EFAULT;
    }
    uint32_t n = lu_cap_words(hdr[0]);
    if (set || a[1]) {
        if (a[1] && !lu_access_ok(a[1], n * 4, !set)) {
            return -EFAULT;
        }
    }
    if (set && a[1]) {
        for (uint32_t i = 0; i < n; i++) {
            data[i] = (uint32_t)lu_ld(a[1] + 4 * i, 4);
        }
    }
    long r = syscall(set ? SYS_capset : SYS_capget, hdr, a[1] ? data : NULL);
    int e = errno;
    /* The kernel reports its preferred version in the header on EINVAL. */
    lu_put_u32(a[0], hdr[0]);
    if (r < 0) {
        return -lu_errno(e);
    }
    if (!set && a[1]) {
        for (uint32_t i = 0; i < n; i++) {
            lu_st(a[1] + 4 * i, 4, data[i]);
        }
    }
    return r;
}

int64_t lu_conv_capget(const uint32_t *a) { return lu_conv_cap(a, false); }
int64_t lu_conv_capset(const uint32_t *a) { return lu_conv_cap(a, true); }

int64_t lu_conv_getcpu(const uint32_t *a)
{
    unsigned cpu, node;
    if (syscall(SYS_getcpu, &cpu, &node, NULL) < 0) {
        return -lu_errno(errno);
    }
    if ((a[0] && lu_put_u32(a[0], cpu) < 0) || (a[1] && lu_put_u32(a[1], node) < 0)) {
        return -EFAULT;
    }
    return 0;
}

int64_t lu_conv_mlockall(const uint32_t *a)
{
    return host_ret(mlockall((int)lu_flags_to_host(lu_arch->mlockall_flags, a[0])));
}

/* ---- poll ---- */

#define LU_MAX_POLLFDS 65536

/* Guest pollfd array -> host (NULL and -errno on failure). */
static struct pollfd *lu_get_pollfds(uint32_t ufds, uint32_t n, int *err)
{
    uint32_t sz = lu_struct_size(LU_ST_POLLFD);
    if (n > LU_MAX_POLLFDS) {
        *err = -EINVAL;
        return NULL;
    }
    if (n && !lu_access_ok(ufds, n * sz, true)) {
        *err = -EFAULT;
        return NULL;
    }
    struct pollfd *p = calloc(n ? n : 1, sizeof(*p));
    for (uint32_t i = 0; i < n; i++) {
        uint64_t v[3];
        lu_get_struct(LU_ST_POLLFD, ufds + i * sz, v);
        p[i].fd = (int)v[LU_PFD_FD];
        p[i].events = (short)v[LU_PFD_EVENTS];
        p[i].revents = 0;
        if (mimic_fd_is_hidden(p[i].fd)) {
            p[i].fd = INT_MAX;   /* never open: POLLNVAL, as for a closed fd */
        }
    }
    return p;
}

/* Writes back revents only (the guest's fd and events stay as given). */
static void lu_put_pollfds(uint32_t ufds, uint32_t n, const struct pollfd *p)
{
    uint32_t sz = lu_struct_size(LU_ST_POLLFD);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t v[3];
        lu_get_struct(LU_ST_POLLFD, ufds + i * sz, v);
        v[LU_PFD_REVENTS] = (uint16_t)p[i].revents;
        lu_put_struct(LU_ST_POLLFD, ufds + i * sz, v);
    }
}

int64_t lu_conv_poll(const uint32_t *a)
{
    int err = 0;
    struct pollfd *p = lu_get_pollfds(a[0], a[1], &err);
    if (!p) {
        return err;
    }
    long r = lu_safe_syscall(SYS_poll, (long)p, a[1], (int)a[2], 0, 0, 0);
    if (r >= 0) {
        lu_put_pollfds(a[0], a[1], p);
    }
    free(p);
    return safe_ret(r);
}

/* A guest sigset for ppoll/epoll_pwait: the synchronous signals the
 * emulator needs for itself stay unblocked. */
#define LU_GUEST_SIGSET_SIZE 8   /* the kernel's sigset_t on both guests */

static int lu_get_wait_sigmask(uint32_t addr, sigset_t *hs)
{
    uint32_t w0, w1;
    if (lu_get_u32(addr, &w0) < 0 || lu_get_u32(addr + 4, &w1) < 0) {
        return -EFAULT;
    }
    uint64_t m = w0 | ((uint64_t)w1 << 32);
    m &= ~(((uint64_t)1 << (SIGSEGV - 1)) | ((uint64_t)1 << (SIGBUS - 1)) |
           ((uint64_t)1 << (SIGILL - 1)) | ((uint64_t)1 << (SIGFPE - 1)));
    lu_sigset_to_host(m, hs);
    return 0;
}

static int64_t lu_conv_ppoll_common(const uint32_t *a, int st)
{
    struct timespec ts, *tsp = NULL;
    sigset_t hs, *hsp = NULL;
    uint64_t v[2];
    int err = 0;
    if (a[2]) {
        if (lu_get_struct(st, a[2], v) < 0) {
            return -EFAULT;
        }
        ts.tv_sec = (int64_t)v[LU_TS_SEC];
        ts.tv_nsec = (int64_t)v[LU_TS_NSEC];
        tsp = &ts;
    }
    if (a[3]) {
        if (a[4] != LU_GUEST_SIGSET_SIZE) {
            return -EINVAL;     /* Linux checks the size before the set */
        }
        if (lu_get_wait_sigmask(a[3], &hs) < 0) {
            return -EFAULT;
        }
        hsp = &hs;
    }
    struct pollfd *p = lu_get_pollfds(a[0], a[1], &err);
    if (!p) {
        return err;
    }
    int r = ppoll(p, a[1], tsp, hsp);
    int e = errno;
    if (r >= 0) {
        lu_put_pollfds(a[0], a[1], p);
    }
    free(p);
    if (r < 0) {
        return -lu_errno(e);
    }
    if (tsp) {
        v[LU_TS_SEC] = (uint64_t)ts.tv_sec;
        v[LU_TS_NSEC] = (uint64_t)ts.tv_nsec;
        lu_put_struct(st, a[2], v);
    }
    return r;
}

int64_t lu_conv_ppoll(const uint32_t *a) { return lu_conv_ppoll_common(a, LU_ST_TIMESPEC); }
int64_t lu_conv_ppoll_time64(const uint32_t *a) { return lu_conv_ppoll_common(a, LU_ST_TIMESPEC64); }

/* ---- epoll: struct epoll_event through the guest's layout (packed on
 * i386 like the host's; 16 bytes with the data 8-aligned on ppc) ---- */

int64_t lu_conv_epoll_ctl(const uint32_t *a)
{
    struct epoll_event ev, *evp = NULL;
    if (a[3]) {
        uint64_t v[2];
        if (lu_get_struct(LU_ST_EPOLL_EVENT, a[3], v) < 0) {
            return -EFAULT;
        }
        ev.events = (uint32_t)v[LU_EV_EVENTS];
        ev.data.u64 = v[LU_EV_DATA];
        evp = &ev;
    }
    return host_ret(epoll_ctl((int)a[0], (int)a[1], (int)a[2], evp));
}

/* epoll_wait, epoll_pwait (timeout in ms) and epoll_pwait2 (ts, NULL for
 * none). The events are copied out afterwards, so the kernel's own checks
 * (EBADF, EINVAL for a non-epoll fd) come before EFAULT as in Linux. */
static int64_t lu_conv_epoll_wait_common(const uint32_t *a, const sigset_t *mask,
                                         bool pwait2, const struct timespec *ts)
{
    int max = (int)a[2];
    uint32_t sz = lu_struct_size(LU_ST_EPOLL_EVENT);
    if (max <= 0 || max > 65536) {
        return -EINVAL;
    }
    struct epoll_event *ev = calloc(max, sizeof(*ev));
    long r;
    if (pwait2) {
        r = syscall(SYS_epoll_pwait2, (int)a[0], ev, max, ts, mask, mask ? 8 : 0);
        r = r < 0 ? -errno : r;
    } else if (mask) {
        r = epoll_pwait((int)a[0], ev, max, (int)a[3], mask);
        r = r < 0 ? -errno : r;
    } else {
        r = lu_safe_syscall(SYS_epoll_wait, (int)a[0], (long)ev, max, (int)a[3], 0, 0);
    }
    if (r > 0 && !lu_access_ok(a[1], (uint32_t)r * sz, true)) {
        free(ev);
        return -EFAULT;
    }
    for (long i = 0; i < r; i++) {
        uint64_t v[2] = { ev[i].events, ev[i].data.u64 };
        lu_put_struct(LU_ST_EPOLL_EVENT, a[1] + i * sz, v);
    }
    free(ev);
    return safe_ret(r);
}

int64_t lu_conv_epoll_pwait2(const uint32_t *a)
{
    struct timespec ts, *tsp = NULL;
    sigset_t hs, *hsp = NULL;
    if (a[3]) {
        uint64_t v[2];
        if (lu_get_struct(LU_ST_TIMESPEC64, a[3], v) < 0) {
            return -EFAULT;
        }
        ts.tv_sec = (int64_t)v[LU_TS_SEC];
        ts.tv_nsec = (int64_t)v[LU_TS_NSEC];
        if (ts.tv_sec < 0 || (uint64_t)ts.tv_nsec >= 1000000000u) {
            return -EINVAL;
        }
        tsp = &ts;
    }
    if (a[4]) {
        if (a[5] != LU_GUEST_SIGSET_SIZE) {
            return -EINVAL;
        }
        if (lu_get_wait_sigmask(a[4], &hs) < 0) {
            return -EFAULT;
        }
        hsp = &hs;
    }
    return lu_conv_epoll_wait_common(a, hsp, true, tsp);
}

int64_t lu_conv_epoll_wait(const uint32_t *a)
{
    return lu_conv_epoll_wait_common(a, NULL, false, NULL);
}

int64_t lu_conv_epoll_pwait(const uint32_t *a)
{
    sigset_t hs;
    if (a[4]) {
        if (a[5] != LU_GUEST_SIGSET_SIZE) {
            return -EINVAL;
        }
        if (lu_get_wait_sigmask(a[4], &hs) < 0) {
            return -EFAULT;
        }
        return lu_conv_epoll_wait_common(a, &hs, false, NULL);
    }
    return lu_conv_epoll_wait_common(a, NULL, false, NULL);
}

/* ---- termios values (guest <-> host), for syscall-ioctl.c ---- */

/* Speeds in bits per second of the host's baud codes (0-15 and the
 * CBAUDEX codes 1-15), for guests whose termios carries the numbers. */
static const uint32_t lu_baud_rates[] = {
    0, 50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600,
    19200, 38400, 57600, 115200, 230400, 460800, 500000, 576000, 921600,
    1000000, 1152000, 1500000, 2000000, 2500000, 3000000, 3500000, 4000000,
};

#define LU_HOST_CBAUD 0x100fu
#define LU_HOST_CBAUDEX 0x1000u

static uint32_t lu_host_baud_rate(uint32_t code)
{
    if (code & LU_HOST_CBAUDEX) {
        code = (code & 0xf) ? 15 + (code & 0xf) : 0;   /* BOTHER: unknown */
    }
    return code < sizeof(lu_baud_rates) / sizeof(lu_baud_rates[0]) ? lu_baud_rates[code] : 0;
}

/* A value through a value map (pairs), in either direction. */
static uint32_t lu_map_value(const LuFlagMap *m, uint32_t v, bool to_host)
{
    for (; m && (m->guest || m->host); m++) {
        if ((to_host ? m->guest : m->host) == v) {
            return to_host ? m->host : m->guest;
        }
    }
    return v;
}

uint32_t lu_value_to_host(const LuFlagMap *m, uint32_t v)
{
    return lu_map_value(m, v, true);
}

static uint32_t lu_cflag_convert(const LuTermiosMap *t, uint32_t c, bool to_host)
{
    uint32_t gmask = t->cbaud, hmask = LU_HOST_CBAUD;
    uint32_t from = to_host ? gmask : hmask;
    uint32_t ob = lu_map_value(t->baud, c & from, to_host);
    uint32_t ib = lu_map_value(t->baud, (c >> 16) & from, to_host);
    uint32_t rest = c & ~from & ~(from << 16);
    rest = to_host ? lu_flags_to_host(t->cflag, rest) : lu_flags_to_guest(t->cflag, rest);
    return rest | ob | (ib << 16);
}

void lu_termios_to_host(uint64_t *v)
{
    const LuTermiosMap *t = lu_arch->termios;
    if (!t) {
        return;
    }
    uint64_t cc[19] = { 0 };
    v[LU_TIO_IFLAG] = lu_flags_to_host(t->iflag, (uint32_t)v[LU_TIO_IFLAG]);
    v[LU_TIO_OFLAG] = lu_flags_to_host(t->oflag, (uint32_t)v[LU_TIO_OFLAG]);
    v[LU_TIO_CFLAG] = lu_cflag_convert(t, (uint32_t)v[LU_TIO_CFLAG], true);
    v[LU_TIO_LFLAG] = lu_flags_to_host(t->lflag, (uint32_t)v[LU_TIO_LFLAG]);
    for (int i = 0; i < 19; i++) {
        cc[t->cc[i]] = v[LU_TIO_CC + i];
    }
    memcpy(&v[LU_TIO_CC], cc, sizeof(cc));
}

void lu_termios_to_guest(uint64_t *v)
{
    const LuTermiosMap *t = lu_arch->termios;
    if (!t) {
        return;
    }
    uint64_t cc[19];
    uint32_t hc = (uint32_t)v[LU_TIO_CFLAG];
    if (t->speeds) {
        v[LU_TIO_ISPEED] = lu_host_baud_rate((hc >> 16) & LU_HOST_CBAUD);
        v[LU_TIO_OSPEED] = lu_host_baud_rate(hc & LU_HOST_CBAUD);
        if (((hc >> 16) & LU_HOST_CBAUD) == 0) {
            v[LU_TIO_ISPEED] = v[LU_TIO_OSPEED];   /* input speed = output */
        }
    }
    v[LU_TIO_IFLAG] = lu_flags_to_guest(t->iflag, (uint32_t)v[LU_TIO_IFLAG]);
    v[LU_TIO_OFLAG] = lu_flags_to_guest(t->oflag, (uint32_t)v[LU_TIO_OFLAG]);
    v[LU_TIO_CFLAG] = lu_cflag_convert(t, hc, false);
    v[LU_TIO_LFLAG] = lu_flags_to_guest(t->lflag, (uint32_t)v[LU_TIO_LFLAG]);
    for (int i = 0; i < 19; i++) {
        cc[i] = v[LU_TIO_CC + t->cc[i]];
    }
    memcpy(&v[LU_TIO_CC], cc, sizeof(cc));
}

/* ---- data of special fds: eventfd and timerfd counters (u64) and
 * inotify events are integers in the guest's byte order ---- */

enum { LU_FDK_NONE, LU_FDK_U64, LU_FDK_INOTIFY, LU_FDK_SIGNALFD };
#define LU_FDK_MAX 4096

/* Kind of each fd, with the inode it had when marked (a mark left by an
 * fd closed behind our back no longer matches). Only big-endian guests
 * mark fds: for the others the data is already in the right order. */
static uint8_t lu_fd_kind[LU_FDK_MAX];
static uint64_t lu_fd_ino[LU_FDK_MAX];

static int64_t lu_fd_mark(long fd, int kind)
{
    struct stat st;
    if (fd >= 0 && fd < LU_FDK_MAX && lu_arch->big_endian && fstat((int)fd, &st) == 0) {
        lu_fd_ino[fd] = st.st_ino;
        lu_fd_kind[fd] = (uint8_t)kind;
    }
    return fd;
}

static int lu_fd_kind_of(int fd)
{
    struct stat st;
    if (fd < 0 || fd >= LU_FDK_MAX || !lu_fd_kind[fd]) {
        return LU_FDK_NONE;
    }
    if (fstat(fd, &st) < 0 || st.st_ino != lu_fd_ino[fd]) {
        lu_fd_kind[fd] = LU_FDK_NONE;
        return LU_FDK_NONE;
    }
    return lu_fd_kind[fd];
}

int64_t lu_conv_eventfd(const uint32_t *a)
{
    long r = syscall(SYS_eventfd2, a[0], 0);
    return r < 0 ? -lu_errno(errno) : lu_fd_mark(r, LU_FDK_U64);
}

int64_t lu_conv_eventfd2(const uint32_t *a)
{
    long r = syscall(SYS_eventfd2, a[0], (int)lu_flags_to_host(lu_arch->open_flags, a[1]));
    return r < 0 ? -lu_errno(errno) : lu_fd_mark(r, LU_FDK_U64);
}

int64_t lu_conv_timerfd_create(const uint32_t *a)
{
    long r = syscall(SYS_timerfd_create, (int)a[0],
                     (int)lu_flags_to_host(lu_arch->open_flags, a[1]));
    return r < 0 ? -lu_errno(errno) : lu_fd_mark(r, LU_FDK_U64);
}

int64_t lu_conv_inotify_init(const uint32_t *a)
{
    long r = syscall(SYS_inotify_init1, 0);
    return r < 0 ? -lu_errno(errno) : lu_fd_mark(r, LU_FDK_INOTIFY);
}

int64_t lu_conv_inotify_init1(const uint32_t *a)
{
    long r = syscall(SYS_inotify_init1, (int)lu_flags_to_host(lu_arch->open_flags, a[0]));
    return r < 0 ? -lu_errno(errno) : lu_fd_mark(r, LU_FDK_INOTIFY);
}

/* struct signalfd_siginfo: 128 bytes, the same in every ABI. */
static const LuLayout lu_layout_signalfd_siginfo = { 128, 6, {
    { .id = 0, .size = 4, .count = 12, .off = 0 },   /* signo .. int */
    { .id = 12, .size = 8, .count = 4, .off = 48 },  /* ptr utime stime addr */
    F(16, 2, 80), F(17, 4, 84), F(18, 8, 88), F(19, 4, 96) } };

int64_t lu_conv_signalfd(const uint32_t *a)
{
    int64_t r = lu_sys_signalfd(a);
    return r < 0 ? r : lu_fd_mark((long)r, LU_FDK_SIGNALFD);
}

int64_t lu_conv_signalfd4(const uint32_t *a)
{
    int64_t r = lu_sys_signalfd4(a);
    return r < 0 ? r : lu_fd_mark((long)r, LU_FDK_SIGNALFD);
}

static void lu_swap_signalfd(uint8_t *b, long n)
{
    for (long off = 0; off + 128 <= n; off += 128) {
        uint32_t signo;
        memcpy(&signo, b + off, 4);
        signo = (uint32_t)lu_guest_signal((int)signo);
        memcpy(b + off, &signo, 4);
        lu_swap_layout(&lu_layout_signalfd_siginfo, b + off, 128);
    }
}

/* inotify events: four 32-bit words, then len name bytes. */
static void lu_swap_inotify(uint8_t *b, long n)
{
    for (long off = 0; off + 16 <= n;) {
        uint32_t w[4];
        memcpy(w, b + off, 16);
        uint32_t len = w[3];
        for (int i = 0; i < 4; i++) {
            w[i] = __builtin_bswap32(w[i]);
        }
        memcpy(b + off, w, 16);
        off += 16 + len;
    }
}

int lu_fd_data_kind(int fd)
{
    return lu_arch->big_endian ? lu_fd_kind_of(fd) : LU_FDK_NONE;
}

void lu_fd_data_to_guest(int kind, uint8_t *b, long n)
{
    if (kind == LU_FDK_U64 && n == 8) {
        uint64_t v;
        memcpy(&v, b, 8);
        v = __builtin_bswap64(v);
        memcpy(b, &v, 8);
    } else if (kind == LU_FDK_INOTIFY) {
        lu_swap_inotify(b, n);
    } else if (kind == LU_FDK_SIGNALFD) {
        lu_swap_signalfd(b, n);
    }
}

void lu_fd_data_from_guest(int kind, uint8_t *b, long n)
{
    /* Only counters are written (eventfd, timerfd): 8-byte values. */
    for (long off = 0; kind == LU_FDK_U64 && off + 8 <= n; off += 8) {
        uint64_t v;
        memcpy(&v, b + off, 8);
        v = __builtin_bswap64(v);
        memcpy(b + off, &v, 8);
    }
}

int64_t lu_conv_read(const uint32_t *a)
{
    int fd = (int)a[0];
    uint32_t n = lu_guest_span(a[1], a[2], true);
    long r = lu_safe_syscall(SYS_read, fd, (long)g2h(a[1]), n, 0, 0, 0);
    if (r > 0) {
        lu_fd_data_to_guest(lu_fd_data_kind(fd), g2h(a[1]), r);
    }
    return safe_ret(r);
}

int64_t lu_conv_write(const uint32_t *a)
{
    int fd = (int)a[0];
    uint32_t n = lu_guest_span(a[1], a[2], false);
    int kind = lu_fd_data_kind(fd);
    if (n == 8 && kind == LU_FDK_U64) {
        if (!lu_access_ok(a[1], 8, false)) {
            return -EFAULT;
        }
        uint8_t v[8];
        memcpy(v, g2h(a[1]), 8);
        lu_fd_data_from_guest(kind, v, 8);
        return safe_ret(lu_safe_syscall(SYS_write, fd, (long)v, 8, 0, 0, 0));
    }
    return safe_ret(lu_safe_syscall(SYS_write, fd, (long)g2h(a[1]), n, 0, 0, 0));
}

/* dup, dup2, dup3: the new fd carries the old one's data kind. */
static int64_t lu_fd_dup_mark(long r, int oldfd)
{
    if (r < 0) {
        return -lu_errno(errno);
    }
    if (r < LU_FDK_MAX) {
        int kind = lu_fd_kind_of(oldfd);
        lu_fd_kind[r] = (uint8_t)kind;
        lu_fd_ino[r] = kind ? lu_fd_ino[oldfd] : 0;
    }
    return r;
}

int64_t lu_conv_dup(const uint32_t *a)
{
    return lu_fd_dup_mark(dup((int)a[0]), (int)a[0]);
}

int64_t lu_conv_dup2(const uint32_t *a)
{
    return lu_fd_dup_mark(dup2((int)a[0], (int)a[1]), (int)a[0]);
}

int64_t lu_conv_dup3(const uint32_t *a)
{
    int flags = (int)lu_flags_to_host(lu_arch->open_flags, a[2]);
    return lu_fd_dup_mark(dup3((int)a[0], (int)a[1], flags), (int)a[0]);
}

int64_t lu_conv_splice(const uint32_t *a)
{
    return lu_conv_two_offsets(SYS_splice, a);
}

/* openat2(dirfd, path, struct open_how *how, size): three u64 (flags,
 * mode, resolve) in the guest's byte order; the flags are open flags. */
int64_t lu_conv_openat2(const uint32_t *a)
{
    uint64_t how[3] = { 0, 0, 0 };
    char buf[PATH_MAX];
    int err = 0;
    if (a[3] < 24) {
        return -EINVAL;
    }
    if (!lu_access_ok(a[2], a[3], false)) {
        return -EFAULT;
    }
    for (uint32_t off = 24; off < a[3]; off++) {
        if (*(uint8_t *)g2h(a[2] + off)) {
            return -E2BIG;    /* extensions we do not know */
        }
    }
    for (int i = 0; i < 3; i++) {
        how[i] = lu_ld(a[2] + 8 * i, 8);
    }
    how[0] = lu_flags_to_host(lu_arch->open_flags, (uint32_t)how[0]) | (how[0] >> 32 << 32);
    const char *p = lu_conv_path(a[1], buf, sizeof(buf), &err);
    if (!p) {
        return err;
    }
    return host_ret(syscall(SYS_openat2, (int)a[0], p, how, sizeof(how)));
}

/* fcntl F_GETOWN_EX/F_SETOWN_EX carry struct f_owner_ex (two ints); the
 * other commands are the common handler's. */
static int64_t lu_conv_fcntl_common(const uint32_t *a, bool is64)
{
    int cmd = (int)a[1];
    if (cmd == F_GETOWN_EX || cmd == F_SETOWN_EX) {
        struct f_owner_ex o;
        uint32_t t, pid;
        if (cmd == F_SETOWN_EX) {
            if (lu_get_u32(a[2], &t) < 0 || lu_get_u32(a[2] + 4, &pid) < 0) {
                return -EFAULT;
            }
            o.type = (int)t;
            o.pid = (pid_t)pid;
            return host_ret(fcntl((int)a[0], cmd, &o));
        }
        if (fcntl((int)a[0], cmd, &o) < 0) {
            return -lu_errno(errno);
        }
        if (lu_put_u32(a[2], (uint32_t)o.type) < 0 || lu_put_u32(a[2] + 4, (uint32_t)o.pid) < 0) {
            return -EFAULT;
        }
        return 0;
    }
    return is64 ? lu_sys_fcntl64(a) : lu_sys_fcntl(a);
}

int64_t lu_conv_fcntl(const uint32_t *a) { return lu_conv_fcntl_common(a, false); }
int64_t lu_conv_fcntl64(const uint32_t *a) { return lu_conv_fcntl_common(a, true); }
