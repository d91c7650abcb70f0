/*
 * Time and waiting syscalls with 32-bit time structs: sleeps, clocks,
 * times, timerfd (32-bit itimerspec), poll/select families and
 * epoll_pwait (guest sigmasks). The _time64 variants whose structs match
 * the host pass straight through (syscall-table.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include "exec/user-pages.h"
#include "util/hidden-fd.h"
#include "linux-user/lu.h"
#include "linux-user/lu-syscall.h"


static int lu_get_ts(int st, uint32_t addr, struct timespec *ts)
{
    uint64_t v[2];
    if (lu_get_struct(st, addr, v) < 0) {
        return -EFAULT;
    }
    ts->tv_sec = (int64_t)v[LU_TS_SEC];
    ts->tv_nsec = (int64_t)v[LU_TS_NSEC];
    return 0;
}

static int lu_put_ts(int st, uint32_t addr, const struct timespec *ts)
{
    uint64_t v[2] = { (uint64_t)ts->tv_sec, (uint64_t)ts->tv_nsec };
    return lu_put_struct(st, addr, v);
}

int64_t lu_sys_nanosleep(const uint32_t *a)
{
    struct timespec req, rem;
    if (lu_get_ts(LU_ST_TIMESPEC, a[0], &req) < 0) {
        return -EFAULT;
    }
    if (lu_safe_syscall_errno(SYS_nanosleep, (long)&req, (long)&rem, 0, 0, 0, 0) < 0) {
        int e = errno;
        if (e == EINTR && a[1]) {
            lu_put_ts(LU_ST_TIMESPEC, a[1], &rem);
        }
        return -lu_errno(e);
    }
    return 0;
}

static int64_t lu_clock_nanosleep_common(const uint32_t *a, int st)
{
    struct timespec req, rem;
    if (lu_get_ts(st, a[2], &req) < 0) {
        return -EFAULT;
    }
    long r = lu_safe_syscall(SYS_clock_nanosleep, (clockid_t)a[0], (int)a[1], (long)&req,
                             (long)&rem, 0, 0);
    if (r < 0) {
        r = -r;
        if (r == EINTR && a[3] && !((int)a[1] & TIMER_ABSTIME)) {
            lu_put_ts(st, a[3], &rem);
        }
        return -lu_errno(r);
    }
    return 0;
}

int64_t lu_sys_clock_nanosleep(const uint32_t *a)
{
    return lu_clock_nanosleep_common(a, LU_ST_TIMESPEC);
}

int64_t lu_sys_clock_nanosleep_time64(const uint32_t *a)
{
    return lu_clock_nanosleep_common(a, LU_ST_TIMESPEC64);
}

static int64_t lu_clock_gettime_common(const uint32_t *a, int st)
{
    struct timespec ts;
    if (clock_gettime((clockid_t)a[0], &ts) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_ts(st, a[1], &ts);
}

static int64_t lu_clock_getres_common(const uint32_t *a, int st)
{
    struct timespec ts;
    if (clock_getres((clockid_t)a[0], &ts) < 0) {
        return -lu_errno(errno);
    }
    return a[1] ? lu_put_ts(st, a[1], &ts) : 0;
}

int64_t lu_sys_clock_gettime(const uint32_t *a) { return lu_clock_gettime_common(a, LU_ST_TIMESPEC); }
int64_t lu_sys_clock_getres(const uint32_t *a) { return lu_clock_getres_common(a, LU_ST_TIMESPEC); }



int64_t lu_sys_gettimeofday(const uint32_t *a)
{
    struct timeval tv;
    struct timezone tz;
    if (gettimeofday(&tv, &tz) < 0) {
        return -lu_errno(errno);
    }
    if (a[0]) {
        uint64_t v[2] = { (uint64_t)tv.tv_sec, (uint64_t)tv.tv_usec };
        if (lu_put_struct(LU_ST_TIMEVAL, a[0], v) < 0) {
            return -EFAULT;
        }
    }
    if (a[1]) {
        uint64_t v[2] = { (uint64_t)tz.tz_minuteswest, (uint64_t)tz.tz_dsttime };
        if (lu_put_struct(LU_ST_TIMEZONE, a[1], v) < 0) {
            return -EFAULT;
        }
    }
    return 0;
}

int64_t lu_sys_time(const uint32_t *a)
{
    time_t t = time(NULL);
    if (a[0] && lu_put_u32(a[0], (uint32_t)t) < 0) {
        return -EFAULT;
    }
    return (int32_t)t;
}

int64_t lu_sys_times(const uint32_t *a)
{
    struct tms t;
    clock_t r = times(&t);
    if (a[0]) {
        uint64_t v[4] = { (uint64_t)t.tms_utime, (uint64_t)t.tms_stime,
                          (uint64_t)t.tms_cutime, (uint64_t)t.tms_cstime };
        if (lu_put_struct(LU_ST_TMS, a[0], v) < 0) {
            return -EFAULT;
        }
    }
    return (int32_t)r;
}

/* ---- itimerspec (two timespecs) for timerfd and POSIX timers ---- */

static int lu_get_itimerspec(int st, uint32_t addr, struct itimerspec *it)
{
    uint32_t sz = lu_struct_size(st);
    if (lu_get_ts(st, addr, &it->it_interval) < 0 ||
        lu_get_ts(st, addr + sz, &it->it_value) < 0) {
        return -EFAULT;
    }
    return 0;
}

static int lu_put_itimerspec(int st, uint32_t addr, const struct itimerspec *it)
{
    uint32_t sz = lu_struct_size(st);
    if (lu_put_ts(st, addr, &it->it_interval) < 0 ||
        lu_put_ts(st, addr + sz, &it->it_value) < 0) {
        return -EFAULT;
    }
    return 0;
}

/* timerfd_settime and timer_settime: (id, flags, new, old). */
static int64_t lu_settime_common(const uint32_t *a, int st, long nr)
{
    struct itimerspec nv, ov;
    if (lu_get_itimerspec(st, a[2], &nv) < 0) {
        return -EFAULT;
    }
    if (syscall(nr, (int)a[0], (int)a[1], &nv, &ov) < 0) {
        return -lu_errno(errno);
    }
    return a[3] ? lu_put_itimerspec(st, a[3], &ov) : 0;
}

static int64_t lu_gettime_common(const uint32_t *a, int st, long nr)
{
    struct itimerspec ov;
    if (syscall(nr, (int)a[0], &ov) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_itimerspec(st, a[1], &ov);
}

int64_t lu_sys_timerfd_settime(const uint32_t *a)
{
    return lu_settime_common(a, LU_ST_TIMESPEC, SYS_timerfd_settime);
}
int64_t lu_sys_timerfd_gettime(const uint32_t *a)
{
    return lu_gettime_common(a, LU_ST_TIMESPEC, SYS_timerfd_gettime);
}
int64_t lu_sys_timer_settime(const uint32_t *a)
{
    return lu_settime_common(a, LU_ST_TIMESPEC, SYS_timer_settime);
}
int64_t lu_sys_timer_gettime(const uint32_t *a)
{
    return lu_gettime_common(a, LU_ST_TIMESPEC, SYS_timer_gettime);
}

/* ---- poll and select ---- */

static int lu_get_guest_sigmask(uint32_t addr, sigset_t *hs)
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







/* fd_set: guest bitmaps of 32-bit words; copied into host fd_sets. */
static int lu_get_fdset(uint32_t addr, int n, fd_set *s)
{
    FD_ZERO(s);
    for (int w = 0; w < (n + 31) / 32; w++) {
        uint32_t bits;
        if (lu_get_u32(addr + 4 * w, &bits) < 0) {
            return -EFAULT;
        }
        for (int b = 0; b < 32 && w * 32 + b < n; b++) {
            if (bits & (1u << b)) {
                FD_SET(w * 32 + b, s);
            }
        }
    }
    return 0;
}

static int lu_put_fdset(uint32_t addr, int n, const fd_set *s)
{
    for (int w = 0; w < (n + 31) / 32; w++) {
        uint32_t bits = 0;
        for (int b = 0; b < 32 && w * 32 + b < n; b++) {
            if (FD_ISSET(w * 32 + b, s)) {
                bits |= 1u << b;
            }
        }
        if (lu_put_u32(addr + 4 * w, bits) < 0) {
            return -EFAULT;
        }
    }
    return 0;
}

/* select/pselect with the timeout given as timespec (tv != NULL). */
static int64_t lu_do_select(int n, uint32_t ur, uint32_t uw, uint32_t ue,
                            struct timespec *tsp, const sigset_t *mask)
{
    fd_set r, w, e;
    if (n < 0 || n > FD_SETSIZE) {
        return -EINVAL;
    }
    if ((ur && lu_get_fdset(ur, n, &r) < 0) || (uw && lu_get_fdset(uw, n, &w) < 0) ||
        (ue && lu_get_fdset(ue, n, &e) < 0)) {
        return -EFAULT;
    }
    for (int fd = 0; fd < n; fd++) {
        /* the emulator's own descriptor: closed, for the guest */
        if (mimic_fd_is_hidden(fd) && ((ur && FD_ISSET(fd, &r)) || (uw && FD_ISSET(fd, &w)) ||
                                       (ue && FD_ISSET(fd, &e)))) {
            return -EBADF;
        }
    }
    long ret = lu_safe_syscall_errno(SYS_pselect6, n, (long)(ur ? &r : NULL),
                       (long)(uw ? &w : NULL), (long)(ue ? &e : NULL),
                       (long)tsp,
                       (long)(mask ? (void *)(const void *[2]){ mask, (void *)(uintptr_t)8 } : NULL));
    if (ret < 0) {
        return -lu_errno(errno);
    }
    if ((ur && lu_put_fdset(ur, n, &r) < 0) || (uw && lu_put_fdset(uw, n, &w) < 0) ||
        (ue && lu_put_fdset(ue, n, &e) < 0)) {
        return -EFAULT;
    }
    return ret;
}

static int64_t lu_newselect(int n, uint32_t ur, uint32_t uw, uint32_t ue, uint32_t utv)
{
    struct timespec ts, *tsp = NULL;
    if (utv) {
        if (lu_get_ts(LU_ST_TIMEVAL, utv, &ts) < 0) {
            return -EFAULT;
        }
        ts.tv_nsec *= 1000;
        tsp = &ts;
    }
    int64_t r = lu_do_select(n, ur, uw, ue, tsp, NULL);
    if (r >= 0 && tsp) {
        struct timespec tv = { ts.tv_sec, ts.tv_nsec / 1000 };
        lu_put_ts(LU_ST_TIMEVAL, utv, &tv);
    }
    return r;
}

int64_t lu_sys__newselect(const uint32_t *a)
{
    return lu_newselect((int)a[0], a[1], a[2], a[3], a[4]);
}

int64_t lu_sys_select(const uint32_t *a)
{
    /* old_select: one pointer to the five arguments. */
    uint32_t v[5];
    for (int i = 0; i < 5; i++) {
        if (lu_get_u32(a[0] + 4 * i, &v[i]) < 0) {
            return -EFAULT;
        }
    }
    return lu_newselect((int)v[0], v[1], v[2], v[3], v[4]);
}

static int64_t lu_pselect_common(const uint32_t *a, int st)
{
    struct timespec ts, *tsp = NULL;
    sigset_t hs, *hsp = NULL;
    if (a[4]) {
        if (lu_get_ts(st, a[4], &ts) < 0) {
            return -EFAULT;
        }
        tsp = &ts;
    }
    if (a[5]) {
        /* struct { sigset_t *ss; size_t ss_len; } */
        uint32_t ss, len;
        if (lu_get_u32(a[5], &ss) < 0 || lu_get_u32(a[5] + 4, &len) < 0) {
            return -EFAULT;
        }
        if (ss) {
            if (len != 8) {
                return -EINVAL;   /* the kernel's sigset_t size */
            }
            if (lu_get_guest_sigmask(ss, &hs) < 0) {
                return -EFAULT;
            }
            hsp = &hs;
        }
    }
    int64_t r = lu_do_select((int)a[0], a[1], a[2], a[3], tsp, hsp);
    if (r >= 0 && tsp) {
        lu_put_ts(st, a[4], &ts);
    }
    return r;
}

int64_t lu_sys_pselect6(const uint32_t *a) { return lu_pselect_common(a, LU_ST_TIMESPEC); }
int64_t lu_sys_pselect6_time64(const uint32_t *a) { return lu_pselect_common(a, LU_ST_TIMESPEC64); }

/* ---- epoll through the guest's epoll_event layout ---- */





/* ---- POSIX timers (the kernel's timer ids; sigevent translated) ---- */

int64_t lu_sys_timer_create(const uint32_t *a)
{
    struct sigevent sev, *sevp = NULL;
    int id;
    if (a[1]) {
        uint64_t v[LU_MAX_FIELDS] = { 0 };
        if (lu_get_struct(LU_ST_SIGEVENT, a[1], v) < 0) {
            return -EFAULT;
        }
        memset(&sev, 0, sizeof(sev));
        sev.sigev_value.sival_int = (int)v[LU_SEV_VALUE];
        sev.sigev_notify = (int)v[LU_SEV_NOTIFY];
        if (sev.sigev_notify != SIGEV_NONE) {
            sev.sigev_signo = lu_host_signal((int)v[LU_SEV_SIGNO]);
            if (!sev.sigev_signo) {
                return -EINVAL;
            }
        }
        /* SIGEV_THREAD_ID: the kernel's field after the union. */
        sev._sigev_un._tid = (int)v[LU_SEV_TID];
        sevp = &sev;
    }
    if (syscall(SYS_timer_create, (clockid_t)a[0], sevp, &id) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_u32(a[2], (uint32_t)id);
}
