/*
 * Guest threads and processes: clone as a host thread per guest thread
 * (CLONE_VM) or as fork (vfork: vfork.c), thread exit with CLONE_CHILD_CLEARTID, exit_group,
 * futexes on guest addresses and the thread-id syscalls.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "exec/exec-all.h"
#include "exec/user-pages.h"
#include "gdbstub/gdbstub.h"
#include "linux-user/lu.h"
#include "linux-user/lu-syscall.h"
#include "tcg/tcg.h"
#include "util/log.h"

__thread TaskState *lu_ts;
static pthread_mutex_t lu_task_lock = PTHREAD_MUTEX_INITIALIZER;
static TaskState *lu_tasks;
static int lu_task_count;

TaskState *lu_task_new(CPUState *cpu)
{
    TaskState *ts = calloc(1, sizeof(*ts));
    if (!ts) {
        fprintf(stderr, "mimic: out of memory\n");
        exit(1);
    }
    ts->cpu = cpu;
    ts->sigtab = lu_ts ? lu_ts->sigtab : NULL;
    cpu->opaque = ts;
    pthread_mutex_lock(&lu_task_lock);
    ts->next = lu_tasks;
    lu_tasks = ts;
    lu_task_count++;
    pthread_mutex_unlock(&lu_task_lock);
    return ts;
}

/* Removes ts from the list; returns how many tasks are left. */
static int lu_task_remove(TaskState *ts)
{
    pthread_mutex_lock(&lu_task_lock);
    for (TaskState **p = &lu_tasks; *p; p = &(*p)->next) {
        if (*p == ts) {
            *p = ts->next;
            lu_task_count--;
            break;
        }
    }
    int left = lu_task_count;
    pthread_mutex_unlock(&lu_task_lock);
    return left;
}

void lu_task_free(TaskState *ts)
{
    lu_task_remove(ts);
    cpu_destroy(ts->cpu);
    free(ts);
}

int lu_nb_threads(void)
{
    return lu_task_count;
}

/* ---- clone ---- */

typedef struct LuCloneStart {
    CPUState *cpu;
    TaskState *ts;
    uint32_t flags, ptid, ctid;
    uint64_t sigmask;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int tid;
    bool ready;
} LuCloneStart;

static void *lu_thread_start(void *p)
{
    LuCloneStart *c = p;
    TaskState *ts = c->ts;
    CPUState *cpu = c->cpu;
    lu_ts = ts;
    ts->tid = (int)syscall(SYS_gettid);
    if (c->flags & CLONE_CHILD_SETTID) {
        lu_put_u32(c->ctid, ts->tid);
    }
    if (c->flags & CLONE_PARENT_SETTID) {
        lu_put_u32(c->ptid, ts->tid);
    }
    if (c->flags & CLONE_CHILD_CLEARTID) {
        ts->child_tidptr = c->ctid;
    }
    lu_set_sigmask(c->sigmask);
    pthread_mutex_lock(&c->mu);
    c->tid = ts->tid;
    c->ready = true;
    pthread_cond_signal(&c->cv);
    pthread_mutex_unlock(&c->mu);
    lu_cpu_loop(cpu);
}

static int64_t lu_clone_thread(CPUState *cpu, uint32_t flags, uint32_t newsp,
                               uint32_t ptid, uint32_t tls, uint32_t ctid)
{
    LuCloneStart c;
    pthread_attr_t attr;
    pthread_t th;
    sigset_t old;
    CPUState *child = cpu_clone(cpu);
    memset(&c, 0, sizeof(c));
    c.cpu = child;
    c.ts = lu_task_new(child);
    c.flags = flags;
    c.ptid = ptid;
    c.ctid = ctid;
    c.sigmask = lu_ts->sigmask;
    lu_arch->clone_child_setup(child, newsp);
    if (flags & CLONE_SETTLS) {
        int r = lu_arch->set_tls(child, tls);
        if (r < 0) {
            lu_task_free(c.ts);
            return r;
        }
    }
    pthread_mutex_init(&c.mu, NULL);
    pthread_cond_init(&c.cv, NULL);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 8 << 20);
    lu_host_block_all(&old);
    int err = pthread_create(&th, &attr, lu_thread_start, &c);
    lu_host_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (err) {
        lu_task_free(c.ts);
        return -EAGAIN;
    }
    pthread_mutex_lock(&c.mu);
    while (!c.ready) {
        pthread_cond_wait(&c.cv, &c.mu);
    }
    pthread_mutex_unlock(&c.mu);
    pthread_mutex_destroy(&c.mu);
    pthread_cond_destroy(&c.cv);
    return c.tid;
}

static int64_t lu_clone_fork(CPUState *cpu, uint32_t flags, uint32_t newsp,
                             uint32_t ptid, uint32_t tls, uint32_t ctid)
{
    TaskState *ts = lu_ts;
    tb_fork_prepare();
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        tb_fork_parent();
        return -lu_errno(e);
    }
    if (pid == 0) {
        tb_fork_child(cpu);
        gdb_forget_in_child(cpu);
        pthread_mutex_init(&lu_task_lock, NULL);
        lu_tasks = ts;
        ts->next = NULL;
        lu_task_count = 1;
        ts->tid = (int)syscall(SYS_gettid);
        if (newsp || (flags & CLONE_VM)) {
            lu_arch->clone_child_setup(cpu, newsp);
        }
        if (flags & CLONE_SETTLS) {
            lu_arch->set_tls(cpu, tls);
        }
        if (flags & CLONE_CHILD_SETTID) {
            lu_put_u32(ctid, ts->tid);
        }
        if (flags & CLONE_CHILD_CLEARTID) {
            ts->child_tidptr = ctid;
        }
        return 0;
    }
    tb_fork_parent();
    if (flags & CLONE_PARENT_SETTID) {
        lu_put_u32(ptid, pid);
    }
    return pid;
}

int64_t lu_do_clone(CPUState *cpu, uint32_t flags, uint32_t newsp,
                    uint32_t ptid, uint32_t tls, uint32_t ctid)
{
    if ((flags & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK) && !gdb_attached()) {
        return lu_clone_vfork(cpu, flags, newsp, ptid, tls, ctid);
    }
    if ((flags & CLONE_VM) && !(flags & CLONE_VFORK)) {
        if ((flags & (CLONE_THREAD | CLONE_SIGHAND)) != (CLONE_THREAD | CLONE_SIGHAND)) {
            mimic_log_once(LOG_UNIMP, "clone with CLONE_VM but without "
                           "CLONE_THREAD|CLONE_SIGHAND runs as a thread");
        }
        return lu_clone_thread(cpu, flags, newsp, ptid, tls, ctid);
    }
    /* fork; CLONE_VFORK without CLONE_VM, and vfork under gdb (whose
     * stub state a child in our memory must not touch), run as fork. */
    return lu_clone_fork(cpu, flags, newsp, ptid, tls, ctid);
}

int64_t lu_sys_clone(const uint32_t *a)
{
    /* i386 and PowerPC: clone(flags, newsp, ptid, tls, ctid) */
    return lu_do_clone(lu_ts->cpu, a[0], a[1], a[2], a[3], a[4]);
}

int64_t lu_sys_clone3(const uint32_t *a)
{
    /* glibc falls back to clone when clone3 is missing. */
    return -ENOSYS;
}

int64_t lu_sys_fork(const uint32_t *a)
{
    return lu_do_clone(lu_ts->cpu, SIGCHLD, 0, 0, 0, 0);
}

int64_t lu_sys_vfork(const uint32_t *a)
{
    return lu_do_clone(lu_ts->cpu, CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0);
}

/* ---- exit ---- */

_Noreturn void lu_exit_group(int status)
{
    if (lu_ts) {
        lu_futex_exit_robust(lu_ts);   /* the calling thread's only */
    }
    if (mimic_log_enabled(LOG_STATS)) {
        tcg_dump_stats(mimic_log_file ? mimic_log_file : stderr);
    }
    if (mimic_log_file) {
        fflush(mimic_log_file);
    }
    fflush(stderr);
    gdb_report_exit(status);
    _exit(status);
}

_Noreturn void lu_thread_exit(int status)
{
    TaskState *ts = lu_ts;
    if (ts->vfork_child) {
        lu_exit_group(status);   /* alone in its process; the parent cleans up */
    }
    if (lu_task_remove(ts) == 0) {
        lu_exit_group(status);
    }
    lu_futex_exit_robust(ts);
    if (ts->child_tidptr && lu_access_ok(ts->child_tidptr, 4, true)) {
        lu_st(ts->child_tidptr, 4, 0);
        syscall(SYS_futex, g2h(ts->child_tidptr), FUTEX_WAKE, 1, NULL, NULL, 0);
    }
    cpu_destroy(ts->cpu);
    lu_ts = NULL;
    free(ts);
    pthread_exit(NULL);
}

int64_t lu_sys_exit(const uint32_t *a)
{
    lu_thread_exit((int)a[0] & 0xff);
}

int64_t lu_sys_exit_group(const uint32_t *a)
{
    lu_exit_group((int)a[0] & 0xff);
}

int64_t lu_sys_set_tid_address(const uint32_t *a)
{
    lu_ts->child_tidptr = a[0];
    return lu_ts->tid;
}

int64_t lu_sys_set_robust_list(const uint32_t *a)
{
    /* Recorded only: the host kernel cannot walk guest lists. */
    if (a[1] != 12) {
        return -EINVAL;
    }
    lu_ts->robust_list = a[0];
    return 0;
}

int64_t lu_sys_get_robust_list(const uint32_t *a)
{
    if (a[0] != 0 && (int)a[0] != lu_ts->tid) {
        return -EPERM;
    }
    if (lu_put_u32(a[1], lu_ts->robust_list) < 0 || lu_put_u32(a[2], 12) < 0) {
        return -EFAULT;
    }
    return 0;
}

int64_t lu_sys_rseq(const uint32_t *a)
{
    /* Not provided: glibc then runs without restartable sequences. */
    return -ENOSYS;
}

/* ---- futex ---- */

int64_t lu_do_futex(uint32_t uaddr, int op, uint32_t val, uint32_t timeout,
                    uint32_t uaddr2, uint32_t val3, bool time64)
{
    int cmd = op & FUTEX_CMD_MASK;
    struct timespec ts, *tsp = NULL;
    uintptr_t arg4 = 0;
    if (!lu_access_ok(uaddr, 4, false)) {
        return -EFAULT;
    }
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2:
    case FUTEX_WAIT_REQUEUE_PI:
        if (timeout) {
            uint64_t v[2];
            if (lu_get_struct(time64 ? LU_ST_TIMESPEC64 : LU_ST_TIMESPEC, timeout, v) < 0) {
                return -EFAULT;
            }
            ts.tv_sec = (int64_t)v[LU_TS_SEC];
            ts.tv_nsec = (int64_t)v[LU_TS_NSEC];
            tsp = &ts;
        }
        arg4 = (uintptr_t)tsp;
        if (lu_arch->big_endian) {
            val = (uint32_t)lu_bswap(val, 4);
        }
        break;
    case FUTEX_CMP_REQUEUE:
    case FUTEX_CMP_REQUEUE_PI:
        if (lu_arch->big_endian) {
            val3 = (uint32_t)lu_bswap(val3, 4);
        }
        arg4 = timeout;   /* val2: the requeue count */
        break;
    case FUTEX_REQUEUE:
    case FUTEX_WAKE_OP:
        arg4 = timeout;
        break;
    default:
        break;
    }
    bool pi_lock = cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2;
    if (lu_arch->big_endian && (pi_lock || cmd == FUTEX_TRYLOCK_PI || cmd == FUTEX_UNLOCK_PI)) {
        return lu_futex_pi_guest_order(uaddr, op, tsp);
    }
    if (lu_arch->big_endian && (cmd == FUTEX_WAIT_REQUEUE_PI || cmd == FUTEX_CMP_REQUEUE_PI)) {
        mimic_log_once(LOG_UNIMP, "futex requeue-PI of a big-endian guest: ENOSYS");
        return -ENOSYS;
    }
    void *h2 = uaddr2 ? g2h(uaddr2) : NULL;
    long r = lu_safe_syscall(SYS_futex, (long)g2h(uaddr), op, val, (long)arg4, (long)h2, val3);
    if (r == -EINTR) {
        /* A guest signal came in before or during the call. As the kernel:
         * a WAIT without a timeout restarts under SA_RESTART (ERESTARTSYS),
         * one with a timeout fails with EINTR when a handler runs
         * (ERESTART_RESTARTBLOCK); the ops that do not wait (WAKE, REQUEUE,
         * WAKE_OP, UNLOCK_PI...) and PI locks are never interrupted: they
         * run again after the handler (lu_safe_syscall returned before the
         * host call, so a WAKE has not happened yet). */
        bool waits = cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET ||
                     cmd == FUTEX_WAIT_REQUEUE_PI;
        if (!waits) {
            return -LU_ERESTARTNOINTR;
        }
        return tsp ? -LU_ERESTARTNOHAND : -LU_ERESTARTSYS;
    }
    return r < 0 && r > -4096 ? -(int64_t)lu_errno((int)-r) : r;
}

int64_t lu_sys_futex(const uint32_t *a)
{
    return lu_do_futex(a[0], (int)a[1], a[2], a[3], a[4], a[5], false);
}

int64_t lu_sys_futex_time64(const uint32_t *a)
{
    return lu_do_futex(a[0], (int)a[1], a[2], a[3], a[4], a[5], true);
}
