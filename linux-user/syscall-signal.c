/*
 * Signal syscalls: sigaction (rt and old), masks, sigreturn, sigaltstack,
 * kill/tkill/tgkill, pause/sigsuspend, pending, sigtimedwait, signalfd,
 * interval timers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>
#include "linux-user/lu.h"
#include "linux-user/lu-syscall.h"

static int64_t host_ret(long r)
{
    return r < 0 ? -(int64_t)lu_errno(errno) : r;
}

static int lu_get_sigset(uint32_t addr, uint64_t *mask)
{
    uint32_t w[2];
    if (lu_get_u32(addr, &w[0]) < 0 || lu_get_u32(addr + 4, &w[1]) < 0) {
        return -EFAULT;
    }
    *mask = w[0] | ((uint64_t)w[1] << 32);
    return 0;
}

static int lu_put_sigset(uint32_t addr, uint64_t mask)
{
    if (lu_put_u32(addr, (uint32_t)mask) < 0 || lu_put_u32(addr + 4, (uint32_t)(mask >> 32)) < 0) {
        return -EFAULT;
    }
    return 0;
}

static void lu_sigaction_to_vals(const LuSigAction *ka, uint64_t *v)
{
    v[LU_SACT_HANDLER] = ka->handler;
    v[LU_SACT_FLAGS] = ka->flags;
    v[LU_SACT_RESTORER] = ka->restorer;
    v[LU_SACT_MASK0] = (uint32_t)ka->mask;
    v[LU_SACT_MASK1] = (uint32_t)(ka->mask >> 32);
}

static void lu_sigaction_from_vals(const uint64_t *v, LuSigAction *ka)
{
    ka->handler = (uint32_t)v[LU_SACT_HANDLER];
    ka->flags = (uint32_t)v[LU_SACT_FLAGS];
    ka->restorer = (uint32_t)v[LU_SACT_RESTORER];
    ka->mask = (uint32_t)v[LU_SACT_MASK0] | ((uint64_t)(uint32_t)v[LU_SACT_MASK1] << 32);
}

static int64_t lu_sigaction_common(int st, int sig, uint32_t act, uint32_t oact)
{
    uint64_t v[LU_MAX_FIELDS] = { 0 };
    LuSigAction ka, old;
    if (act) {
        if (lu_get_struct(st, act, v) < 0) {
            return -EFAULT;
        }
        if (st == LU_ST_OLD_SIGACTION) {
            v[LU_SACT_MASK1] = 0;
        }
        lu_sigaction_from_vals(v, &ka);
    }
    int64_t r = lu_do_sigaction(sig, act ? &ka : NULL, &old);
    if (r == 0 && oact) {
        lu_sigaction_to_vals(&old, v);
        if (lu_put_struct(st, oact, v) < 0) {
            return -EFAULT;
        }
    }
    return r;
}

int64_t lu_sys_rt_sigaction(const uint32_t *a)
{
    if (a[3] != 8) {
        return -EINVAL;
    }
    return lu_sigaction_common(LU_ST_SIGACTION, (int)a[0], a[1], a[2]);
}

int64_t lu_sys_sigaction(const uint32_t *a)
{
    return lu_sigaction_common(LU_ST_OLD_SIGACTION, (int)a[0], a[1], a[2]);
}

int64_t lu_sys_signal(const uint32_t *a)
{
    LuSigAction ka = { .handler = a[1], .flags = LU_SA_RESETHAND | LU_SA_NODEFER }, old;
    int64_t r = lu_do_sigaction((int)a[0], &ka, &old);
    return r < 0 ? r : old.handler;
}

static int64_t lu_sigprocmask_common(int how, uint64_t *set, uint64_t *old)
{
    TaskState *ts = lu_ts;
    *old = ts->sigmask;
    if (!set) {
        return 0;
    }
    switch (how) {
    case SIG_BLOCK:
        lu_set_sigmask(ts->sigmask | *set);
        break;
    case SIG_UNBLOCK:
        lu_set_sigmask(ts->sigmask & ~*set);
        break;
    case SIG_SETMASK:
        lu_set_sigmask(*set);
        break;
    default:
        return -EINVAL;
    }
    return 0;
}

int64_t lu_sys_rt_sigprocmask(const uint32_t *a)
{
    uint64_t set, old;
    if (a[3] != 8) {
        return -EINVAL;
    }
    if (a[1] && lu_get_sigset(a[1], &set) < 0) {
        return -EFAULT;
    }
    int64_t r = lu_sigprocmask_common((int)a[0], a[1] ? &set : NULL, &old);
    if (r == 0 && a[2] && lu_put_sigset(a[2], old) < 0) {
        return -EFAULT;
    }
    return r;
}

int64_t lu_sys_sigprocmask(const uint32_t *a)
{
    uint32_t w;
    uint64_t set, old;
    if (a[1]) {
        if (lu_get_u32(a[1], &w) < 0) {
            return -EFAULT;
        }
        set = w;
    }
    int how = (int)a[0];
    if (a[1] && how == SIG_SETMASK) {
        set |= lu_ts->sigmask & ~(uint64_t)0xffffffffu;
    }
    int64_t r = lu_sigprocmask_common(how, a[1] ? &set : NULL, &old);
    if (r == 0 && a[2] && lu_put_u32(a[2], (uint32_t)old) < 0) {
        return -EFAULT;
    }
    return r;
}

static int64_t lu_sigreturn_common(bool rt)
{
    CPUState *cpu = lu_ts->cpu;
    uint64_t mask;
    if (!lu_arch->restore_frame(cpu, rt, &mask)) {
        lu_die_by_signal(SIGSEGV);
    }
    lu_set_sigmask(mask);
    /* The restored registers stay as they are (on ppc the result is r3
     * and CR0.SO, not the number register). */
    return -LU_EJUSTRETURN;
}

int64_t lu_sys_rt_sigreturn(const uint32_t *a)
{
    return lu_sigreturn_common(true);
}

int64_t lu_sys_sigreturn(const uint32_t *a)
{
    return lu_sigreturn_common(false);
}

int64_t lu_sys_sigaltstack(const uint32_t *a)
{
    return lu_do_sigaltstack(a[0], a[1], lu_arch->get_sp(lu_ts->cpu));
}

static int lu_sig_arg(uint32_t sig, int *h)
{
    if (sig == 0) {
        *h = 0;
        return 0;
    }
    *h = lu_host_signal((int)sig);
    return *h ? 0 : -EINVAL;
}

int64_t lu_sys_kill(const uint32_t *a)
{
    int h;
    if (lu_sig_arg(a[1], &h) < 0) {
        return -EINVAL;
    }
    return host_ret(kill((pid_t)a[0], h));
}

int64_t lu_sys_tkill(const uint32_t *a)
{
    int h;
    if (lu_sig_arg(a[1], &h) < 0) {
        return -EINVAL;
    }
    return host_ret(syscall(SYS_tkill, (int)a[0], h));
}

int64_t lu_sys_tgkill(const uint32_t *a)
{
    int h;
    if (lu_sig_arg(a[2], &h) < 0) {
        return -EINVAL;
    }
    return host_ret(syscall(SYS_tgkill, (int)a[0], (int)a[1], h));
}

int64_t lu_sys_pause(const uint32_t *a)
{
    lu_safe_syscall(SYS_pause, 0, 0, 0, 0, 0, 0);
    return -LU_ERESTARTNOHAND;
}

static int64_t lu_sigsuspend_common(uint64_t mask)
{
    TaskState *ts = lu_ts;
    sigset_t hs;
    ts->sigsuspend_saved = ts->sigmask;
    ts->in_sigsuspend = true;
    lu_set_sigmask(mask);
    lu_host_sigmask(SIG_SETMASK, NULL, &hs);
    lu_safe_syscall(SYS_rt_sigsuspend, (long)&hs, 8, 0, 0, 0, 0);
    return -LU_ERESTARTNOHAND;
}

int64_t lu_sys_rt_sigsuspend(const uint32_t *a)
{
    uint64_t mask;
    if (a[1] != 8) {
        return -EINVAL;
    }
    if (lu_get_sigset(a[0], &mask) < 0) {
        return -EFAULT;
    }
    return lu_sigsuspend_common(mask);
}

int64_t lu_sys_sigsuspend(const uint32_t *a)
{
    /* i386: sigsuspend(int, int, old_sigset_t mask) */
    return lu_sigsuspend_common((lu_ts->sigmask & ~(uint64_t)0xffffffffu) | a[2]);
}

static uint64_t lu_pending_mask(void)
{
    TaskState *ts = lu_ts;
    sigset_t hs;
    uint64_t m = 0;
    sigpending(&hs);
    m = lu_sigset_from_host(&hs);
    for (int sig = 1; sig <= LU_NSIG; sig++) {
        if (ts->pending[sig]) {
            m |= (uint64_t)1 << (sig - 1);
        }
    }
    return m & ts->sigmask;
}

int64_t lu_sys_rt_sigpending(const uint32_t *a)
{
    if (a[1] > 8) {
        return -EINVAL;
    }
    return lu_put_sigset(a[0], lu_pending_mask());
}

int64_t lu_sys_sigpending(const uint32_t *a)
{
    return lu_put_u32(a[0], (uint32_t)lu_pending_mask());
}

static int64_t lu_sigtimedwait_common(const uint32_t *a, bool time64)
{
    TaskState *ts = lu_ts;
    uint64_t set;
    sigset_t hs;
    struct timespec ts_, *tsp = NULL;
    if (lu_get_sigset(a[0], &set) < 0) {
        return -EFAULT;
    }
    for (int sig = 1; sig <= LU_NSIG; sig++) {
        if (ts->pending[sig] && (set & ((uint64_t)1 << (sig - 1)))) {
            ts->pending[sig] = 0;
            if (a[1] && lu_put_siginfo(a[1], &ts->pending_info[sig]) < 0) {
                return -EFAULT;
            }
            return sig;
        }
    }
    if (a[2]) {
        uint64_t v[2];
        if (lu_get_struct(time64 ? LU_ST_TIMESPEC64 : LU_ST_TIMESPEC, a[2], v) < 0) {
            return -EFAULT;
        }
        ts_.tv_sec = (int64_t)v[LU_TS_SEC];
        ts_.tv_nsec = (int64_t)v[LU_TS_NSEC];
        tsp = &ts_;
    }
    lu_sigset_to_host(set, &hs);
    siginfo_t hi;
    int r = (int)lu_safe_syscall_errno(SYS_rt_sigtimedwait, (long)&hs, (long)&hi, (long)tsp, 8,
                                       0, 0);
    if (r < 0) {
        return errno == EINTR ? -LU_ERESTARTNOHAND : -lu_errno(errno);
    }
    LuSigInfo gi;
    lu_siginfo_from_host(&hi, &gi);
    if (a[1] && lu_put_siginfo(a[1], &gi) < 0) {
        return -EFAULT;
    }
    return lu_guest_signal(r);
}

int64_t lu_sys_rt_sigtimedwait(const uint32_t *a)
{
    return lu_sigtimedwait_common(a, false);
}

int64_t lu_sys_rt_sigtimedwait_time64(const uint32_t *a)
{
    return lu_sigtimedwait_common(a, true);
}

static int64_t lu_sigqueue_common(int tgid, int tid, int sig, uint32_t uinfo)
{
    uint64_t v[LU_MAX_FIELDS] = { 0 };
    siginfo_t hi;
    int h = lu_host_signal(sig);
    if (!h) {
        return -EINVAL;
    }
    if (lu_get_struct(LU_ST_SIGINFO, uinfo, v) < 0) {
        return -EFAULT;
    }
    memset(&hi, 0, sizeof(hi));
    hi.si_signo = h;
    hi.si_code = (int)v[LU_SIG_CODE];
    hi.si_pid = (pid_t)v[LU_SIG_PID];
    hi.si_uid = (uid_t)v[LU_SIG_UID];
    hi.si_value.sival_int = (int)v[LU_SIG_VALUE];
    if (tid > 0) {
        return host_ret(syscall(SYS_rt_tgsigqueueinfo, tgid, tid, h, &hi));
    }
    return host_ret(syscall(SYS_rt_sigqueueinfo, tgid, h, &hi));
}

int64_t lu_sys_rt_sigqueueinfo(const uint32_t *a)
{
    return lu_sigqueue_common((int)a[0], 0, (int)a[1], a[2]);
}

int64_t lu_sys_rt_tgsigqueueinfo(const uint32_t *a)
{
    return lu_sigqueue_common((int)a[0], (int)a[1], (int)a[2], a[3]);
}

static int64_t lu_signalfd_common(int fd, uint32_t umask, uint32_t size, int flags)
{
    uint64_t set;
    sigset_t hs;
    if (size != 8) {
        return -EINVAL;
    }
    if (lu_get_sigset(umask, &set) < 0) {
        return -EFAULT;
    }
    lu_sigset_to_host(set, &hs);
    return host_ret(signalfd(fd, &hs, flags));
}

int64_t lu_sys_signalfd(const uint32_t *a)
{
    return lu_signalfd_common((int)a[0], a[1], a[2], 0);
}

int64_t lu_sys_signalfd4(const uint32_t *a)
{
    return lu_signalfd_common((int)a[0], a[1], a[2], (int)a[3]);
}

/* ---- interval timers (struct itimerval = two timevals) ---- */

static int lu_put_itimerval(uint32_t addr, const struct itimerval *it)
{
    uint32_t sz = lu_struct_size(LU_ST_TIMEVAL);
    uint64_t v[2] = { (uint64_t)it->it_interval.tv_sec, (uint64_t)it->it_interval.tv_usec };
    if (lu_put_struct(LU_ST_TIMEVAL, addr, v) < 0) {
        return -EFAULT;
    }
    v[0] = (uint64_t)it->it_value.tv_sec;
    v[1] = (uint64_t)it->it_value.tv_usec;
    return lu_put_struct(LU_ST_TIMEVAL, addr + sz, v);
}

int64_t lu_sys_setitimer(const uint32_t *a)
{
    struct itimerval nv, ov;
    uint32_t sz = lu_struct_size(LU_ST_TIMEVAL);
    uint64_t v[2];
    memset(&nv, 0, sizeof(nv));
    if (a[1]) {
        if (lu_get_struct(LU_ST_TIMEVAL, a[1], v) < 0) {
            return -EFAULT;
        }
        nv.it_interval.tv_sec = (int64_t)v[0];
        nv.it_interval.tv_usec = (int64_t)v[1];
        if (lu_get_struct(LU_ST_TIMEVAL, a[1] + sz, v) < 0) {
            return -EFAULT;
        }
        nv.it_value.tv_sec = (int64_t)v[0];
        nv.it_value.tv_usec = (int64_t)v[1];
    }
    if (setitimer((int)a[0], &nv, &ov) < 0) {
        return -lu_errno(errno);
    }
    if (a[2] && lu_put_itimerval(a[2], &ov) < 0) {
        return -EFAULT;
    }
    return 0;
}

int64_t lu_sys_getitimer(const uint32_t *a)
{
    struct itimerval ov;
    if (getitimer((int)a[0], &ov) < 0) {
        return -lu_errno(errno);
    }
    return lu_put_itimerval(a[1], &ov);
}

/* sgetmask/ssetmask (i386): the first word of the blocked set. ssetmask
 * replaces the whole set with that word, as the kernel's siginitset does. */
int64_t lu_sys_sgetmask(const uint32_t *a)
{
    return (uint32_t)lu_ts->sigmask;
}

int64_t lu_sys_ssetmask(const uint32_t *a)
{
    uint64_t set = a[0], old;
    int64_t r = lu_sigprocmask_common(SIG_SETMASK, &set, &old);
    return r < 0 ? r : (uint32_t)old;
}
