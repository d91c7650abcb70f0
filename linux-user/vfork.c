/*
 * vfork and clone(CLONE_VM|CLONE_VFORK) (glibc's posix_spawn) as Linux runs
 * them: the child is a process of its own that shares the guest's memory
 * (and so the emulator's: code cache, mappings, locks) and the calling
 * guest thread waits until the child execs or exits.
 *
 * The child is a host clone(CLONE_VM|CLONE_VFORK) made by a short-lived
 * helper thread: the child runs on a stack of its own and, having no
 * CLONE_SETTLS, on the helper's thread-local storage (lu_ts, current_cpu,
 * glibc's own), which nothing else uses while the kernel holds the helper
 * in clone. So the child behaves like one more guest thread of ours, with
 * its CPU state copied as for a thread, its own TaskState and a private
 * copy of the signal dispositions (the kernel copies them without
 * CLONE_SIGHAND, and posix_spawn's child resets handlers). The guest
 * thread waits for the helper, which returns when the child has exec'd or
 * exited; only then are the child's CPU, task and stack freed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "exec/exec-all.h"
#include "linux-user/lu.h"

#define LU_VFORK_STACK (8u << 20)   /* the child's host stack, as a thread's */

typedef struct LuVforkStart {
    CPUState *cpu;                  /* the child's */
    TaskState *ts;
    int host_flags;
    uint32_t flags, ctid;
    void *stack;
    pid_t pid;
    int err;
} LuVforkStart;

/* The child process: our memory, the helper's TLS, its own stack. */
static int lu_vfork_child(void *p)
{
    LuVforkStart *v = p;
    TaskState *ts = v->ts;
    lu_ts = ts;
    current_cpu = NULL;
    ts->tid = (int)syscall(SYS_gettid);
    if (v->flags & CLONE_CHILD_SETTID) {
        lu_put_u32(v->ctid, ts->tid);
    }
    lu_set_sigmask(ts->sigmask);
    lu_cpu_loop(v->cpu);
}

/* The helper thread: held in clone until the child execs or exits. */
static void *lu_vfork_helper(void *p)
{
    LuVforkStart *v = p;
    v->pid = clone(lu_vfork_child, (char *)v->stack + LU_VFORK_STACK, v->host_flags, v);
    v->err = v->pid < 0 ? errno : 0;
    return NULL;
}

int64_t lu_clone_vfork(CPUState *cpu, uint32_t flags, uint32_t newsp,
                       uint32_t ptid, uint32_t tls, uint32_t ctid)
{
    TaskState *parent = lu_ts;
    LuVforkStart v;
    int exit_sig = (int)(flags & 0xff);
    memset(&v, 0, sizeof(v));
    if (exit_sig && !lu_host_signal(exit_sig)) {
        return -EINVAL;
    }
    v.host_flags = CLONE_VM | CLONE_VFORK | (exit_sig ? lu_host_signal(exit_sig) : 0);
    v.flags = flags;
    v.ctid = ctid;
    v.stack = mmap(NULL, LU_VFORK_STACK, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK | MAP_NORESERVE, -1, 0);
    if (v.stack == MAP_FAILED) {
        return -ENOMEM;
    }
    v.cpu = cpu_clone(cpu);
    v.ts = lu_task_new(v.cpu);
    v.ts->vfork_child = true;
    v.ts->sigtab = lu_sigtab_copy(parent->sigtab);
    v.ts->sigmask = parent->sigmask;
    /* The kernel keeps the alternate signal stack for CLONE_VM|CLONE_VFORK. */
    v.ts->ss_sp = parent->ss_sp;
    v.ts->ss_size = parent->ss_size;
    v.ts->ss_flags = parent->ss_flags;
    lu_arch->clone_child_setup(v.cpu, newsp);
    int64_t r = 0;
    if (!v.ts->sigtab) {
        r = -ENOMEM;
    } else if (flags & CLONE_SETTLS) {
        r = lu_arch->set_tls(v.cpu, tls);
    }
    if (r == 0) {
        pthread_attr_t attr;
        pthread_t th;
        sigset_t old;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, 64 << 10);
        /* The helper, and so the child until it sets its guest mask,
         * starts with every signal blocked. */
        lu_host_block_all(&old);
        int err = pthread_create(&th, &attr, lu_vfork_helper, &v);
        lu_host_sigmask(SIG_SETMASK, &old, NULL);
        pthread_attr_destroy(&attr);
        if (err) {
            r = -EAGAIN;
        } else {
            pthread_join(th, NULL);
            r = v.pid < 0 ? -lu_errno(v.err) : v.pid;
        }
    }
    /* The child has exec'd or exited: nothing of it runs in our memory. */
    free(v.ts->sigtab);
    lu_task_free(v.ts);
    munmap(v.stack, LU_VFORK_STACK);
    if (r > 0 && (flags & CLONE_PARENT_SETTID)) {
        lu_put_u32(ptid, (uint32_t)r);
    }
    return r;
}
