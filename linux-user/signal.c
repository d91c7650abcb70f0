/*
 * Guest signals: the mapping to host signal numbers, the host handlers
 * (guest faults in generated code, self-modifying code, asynchronous
 * signals queued for the CPU loop), guest dispositions and masks, and
 * delivery through the guest ABI's frames (LuArch.setup_frame).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>
#include "exec/exec-all.h"
#include "exec/user-pages.h"
#include "gdbstub/gdbstub.h"
#include "linux-user/lu-gdb.h"
#include "linux-user/lu.h"
#include "tcg/tcg.h"
#include "util/log.h"

/* The guest's dispositions: one table per process, shared by its threads
 * (TaskState.sigtab); a vfork child, which shares our memory but not
 * our dispositions (no CLONE_SIGHAND), gets a copy. */
struct LuSigTable {
    LuSigAction act[LU_NSIG + 1];
};
static LuSigTable lu_sigtab_main;
static pthread_mutex_t lu_sigact_lock = PTHREAD_MUTEX_INITIALIZER;

LuSigTable *lu_sigtab_copy(const LuSigTable *t)
{
    LuSigTable *c = malloc(sizeof(*c));
    if (c) {
        pthread_mutex_lock(&lu_sigact_lock);
        *c = *t;
        pthread_mutex_unlock(&lu_sigact_lock);
    }
    return c;
}

static uint64_t sigbit(int sig)
{
    return (uint64_t)1 << (sig - 1);
}

/* Signals the host must always deliver to us (guest faults, SMC). */
static bool lu_is_sync_signal(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
           sig == SIGFPE || sig == SIGTRAP;
}

/* Guest signal n is host signal n, 1..64: every guest signal is distinct
 * and kill/sigqueue/signalfd need no renumbering. The host glibc keeps 32
 * and 33 for itself (pthread_cancel, setxid broadcasts), which Mimic never
 * uses; its sigaction, sigaddset and sigprocmask refuse or drop them, so
 * sets are the kernel's 64-bit word and go to the kernel directly. */
int lu_host_signal(int sig)
{
    return sig > 0 && sig <= LU_NSIG ? sig : 0;
}

int lu_guest_signal(int hsig)
{
    return hsig > 0 && hsig <= LU_NSIG ? hsig : 0;
}

uint64_t lu_sigset_from_host(const sigset_t *s)
{
    uint64_t m;
    memcpy(&m, s, sizeof(m));
    return m;
}

void lu_sigset_to_host(uint64_t mask, sigset_t *s)
{
    memset(s, 0, sizeof(*s));
    memcpy(s, &mask, sizeof(mask));
}

void lu_host_sigmask(int how, const sigset_t *set, sigset_t *old)
{
    if (old) {
        memset(old, 0, sizeof(*old));
    }
    syscall(SYS_rt_sigprocmask, how, set, old, sizeof(uint64_t));
}

void lu_host_block_all(sigset_t *old)
{
    sigset_t all;
    lu_sigset_to_host(~(uint64_t)0, &all);
    lu_host_sigmask(SIG_SETMASK, &all, old);
}

/* The kernel's struct sigaction on x86-64. */
typedef struct LuKernelSigaction {
    void *handler;
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
} LuKernelSigaction;

/* sigaction for every host signal, 32 and 33 included (through the
 * kernel, with the return trampoline glibc gave SIGSEGV's handler). */
static void lu_host_sigaction(int h, const struct sigaction *sa)
{
    LuKernelSigaction k, seg;
    if (h != 32 && h != 33) {
        sigaction(h, sa, NULL);
        return;
    }
    memset(&k, 0, sizeof(k));
    memset(&seg, 0, sizeof(seg));
    syscall(SYS_rt_sigaction, SIGSEGV, NULL, &seg, sizeof(uint64_t));
    k.handler = (sa->sa_flags & SA_SIGINFO) ? (void *)sa->sa_sigaction : (void *)sa->sa_handler;
    k.flags = (unsigned long)sa->sa_flags;
    if (k.handler != (void *)SIG_DFL && k.handler != (void *)SIG_IGN) {
        k.flags |= 0x04000000;   /* SA_RESTORER */
        k.restorer = seg.restorer;
        k.mask = ~(uint64_t)0;
    }
    syscall(SYS_rt_sigaction, h, &k, NULL, sizeof(uint64_t));
}

/* True if host signal h is ignored (SIG_IGN inherited through exec). */
static bool lu_host_sig_ignored(int h)
{
    LuKernelSigaction k;
    memset(&k, 0, sizeof(k));
    return syscall(SYS_rt_sigaction, h, NULL, &k, sizeof(uint64_t)) == 0 &&
           k.handler == (void *)SIG_IGN;
}

/* ---- siginfo ---- */

void lu_siginfo_from_host(const siginfo_t *h, LuSigInfo *g)
{
    memset(g, 0, sizeof(*g));
    g->signo = lu_guest_signal(h->si_signo);
    g->errno_ = h->si_errno;
    g->code = h->si_code;
    if (h->si_code == SI_TIMER) {
        g->kind = LU_SIK_TIMER;
        g->timerid = h->si_timerid;
        g->overrun = h->si_overrun;
        g->value = (uint32_t)h->si_value.sival_int;
    } else if (h->si_code <= 0) {
        g->kind = h->si_code == SI_USER || h->si_code == SI_TKILL ? LU_SIK_KILL : LU_SIK_RT;
        g->pid = h->si_pid;
        g->uid = h->si_uid;
        g->value = (uint32_t)h->si_value.sival_int;
    } else if (h->si_signo == SIGCHLD) {
        g->kind = LU_SIK_CHLD;
        g->pid = h->si_pid;
        g->uid = h->si_uid;
        g->status = h->si_status;
        g->utime = (uint32_t)h->si_utime;
        g->stime = (uint32_t)h->si_stime;
    } else if (h->si_signo == SIGPOLL) {
        g->kind = LU_SIK_POLL;
        g->band = (uint32_t)h->si_band;
        g->fd = h->si_fd;
    } else if (lu_is_sync_signal(h->si_signo)) {
        g->kind = LU_SIK_FAULT;
        g->addr = h2g_valid(h->si_addr) ? h2g(h->si_addr) : 0;
    } else {
        g->kind = LU_SIK_KILL;
        g->pid = h->si_pid;
        g->uid = h->si_uid;
    }
}

static const LuField *lu_layout_field(int st, int id)
{
    const LuLayout *l = lu_arch->layouts[st];
    for (int i = 0; i < l->nb_fields; i++) {
        if (l->fields[i].id == id) {
            return &l->fields[i];
        }
    }
    return NULL;
}

static void lu_put_field(uint32_t base, int st, int id, uint64_t v)
{
    const LuField *f = lu_layout_field(st, id);
    if (f) {
        lu_st(base + f->off, f->size, v);
    }
}

int lu_put_siginfo(uint32_t addr, const LuSigInfo *si)
{
    uint32_t size = lu_struct_size(LU_ST_SIGINFO);
    if (!lu_access_ok(addr, size, true)) {
        return -EFAULT;
    }
    memset(g2h(addr), 0, size);
    lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_SIGNO, si->signo);
    lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_ERRNO, si->errno_);
    lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_CODE, si->code);
    switch (si->kind) {
    case LU_SIK_FAULT:
        lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_ADDR, si->addr);
        break;
    case LU_SIK_CHLD:
        lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_PID, si->pid);
        lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_UID, si->uid);
        lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_STATUS, si->status);
        lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_UTIME, si->utime);
        lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_STIME, si->stime);
        break;
    case LU_SIK_POLL:
        lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_BAND, si->band);
        lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_FD, si->fd);
        break;
    case LU_SIK_TIMER:
        lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_TIMERID, si->timerid);
        lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_OVERRUN, si->overrun);
        lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_VALUE, si->value);
        break;
    default:
        lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_PID, si->pid);
        lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_UID, si->uid);
        if (si->kind == LU_SIK_RT) {
            lu_put_field(addr, LU_ST_SIGINFO, LU_SIG_VALUE, si->value);
        }
        break;
    }
    return 0;
}

/* ---- host handlers ---- */

static bool lu_host_pc_in_code(uintptr_t pc)
{
    TCGContext *s = tcg_ctx;
    if (!s || !s->code_gen_buffer) {
        return false;
    }
    uintptr_t start = (uintptr_t)s->code_gen_buffer + s->code_rx_offset;
    return pc - start < s->code_gen_buffer_size;
}

static void lu_host_crash(int hsig, siginfo_t *info, uintptr_t pc)
{
    char msg[160];
    int n = snprintf(msg, sizeof(msg),
                     "mimic: internal error: host signal %d at pc %p, address %p\n",
                     hsig, (void *)pc, info->si_addr);
    if (write(2, msg, n) < 0) {
        /* nothing more we can do */
    }
    signal(hsig, SIG_DFL);   /* the fault repeats and kills us */
}

/* Loads the interrupted context's x87 state (and XMM registers) into
 * the handler's FPU; MXCSR stays the handler's. */
static void lu_host_fpu_reload(const ucontext_t *uc)
{
    struct { uint8_t b[512]; } __attribute__((aligned(16))) fx;
    uint32_t mxcsr;

    if (!uc->uc_mcontext.fpregs) {
        return;
    }
    memcpy(fx.b, uc->uc_mcontext.fpregs, sizeof(fx.b));
    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    memcpy(fx.b + 24, &mxcsr, 4);
    __asm__ volatile("fxrstor64 %0" : : "m"(fx)
                     : "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4",
                       "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10",
                       "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
}

/* A SIGSEGV/SIGBUS. True if handled (return from the handler). */
static bool lu_handle_fault(int hsig, siginfo_t *info, ucontext_t *uc)
{
    uint64_t host_regs[TCG_HOST_NB_REGS];
    uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];
    CPUState *cpu = current_cpu;
    /* The reservation has 64 KiB of guard past 4 GiB: an access that
     * crosses 4 GiB faults there, at the guest address it wraps to. */
    uint64_t off = (uintptr_t)info->si_addr - guest_base;
    if (info->si_code <= 0 || off >= ((uint64_t)1 << 32) + 0x10000) {
        return false;
    }
    uint32_t ga = (uint32_t)off;
    bool is_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
    bool in_code = lu_host_pc_in_code(pc) || tcg_interp_pc != 0;
    uintptr_t host_pc = tcg_interp_pc ? tcg_interp_pc : pc;

    /* Leaving through siglongjmp: take the handler's mask off first, and
     * give the thread the x87 state of the fault back (the handler runs
     * with a fresh FPU, siglongjmp keeps it; i386 keeps guest state in
     * the host x87, target-i386/x87.h). */
    lu_host_sigmask(SIG_SETMASK, &uc->uc_sigmask, NULL);
    lu_host_fpu_reload(uc);
    if (hsig == SIGBUS) {
        /* Past the end of a file mapping: never a code-page write fault
         * (retrying would fault again forever). The guest gets the page
         * fault as SIGBUS, see lu_cpu_loop. */
        is_write = false;
        if (lu_ts) {
            lu_ts->bus_fault = true;
        }
    } else if (is_write) {
        if (cpu && in_code) {
            tcg_fault_host_fpu = uc->uc_mcontext.fpregs;
            tcg_host_regs_from_ucontext(uc, host_regs);
            tcg_fault_host_regs = host_regs;
            bool handled = tb_handle_write_fault(cpu, ga, host_pc);
            tcg_fault_host_fpu = NULL;
            tcg_fault_host_regs = NULL;
            if (handled) {
                return true;
            }
        } else if (page_unprotect(ga, 0)) {
            return true;
        }
    }
    if (!cpu || !cpu->in_exec) {
        if (lu_ts) {
            lu_ts->bus_fault = false;
        }
        return false;
    }
    cpu->exception_index = lu_arch->excp_page_fault;
    cpu->fault_addr = ga;
    cpu->fault_is_write = is_write;
    /* The present bit of the host's error code: the guest page is the
     * host page, so its page-table state is what the CPU would see
     * natively (a PROT_NONE or never-touched page is not present). */
    cpu->error_code = hsig == SIGSEGV ? uc->uc_mcontext.gregs[REG_ERR] & 1 : 0;
    if (in_code) {
        tcg_fault_host_fpu = uc->uc_mcontext.fpregs;
        tcg_host_regs_from_ucontext(uc, host_regs);
        tcg_fault_host_regs = host_regs;
        cpu_loop_exit_restore(cpu, host_pc);
    }
    /* In a helper: the block's state is the best we know. */
    cpu_loop_exit(cpu);
}

static void lu_host_signal_handler(int hsig, siginfo_t *info, void *puc)
{
    ucontext_t *uc = puc;
    int saved_errno = errno;
    if ((hsig == SIGSEGV || hsig == SIGBUS) && info->si_code > 0) {
        if (!lu_handle_fault(hsig, info, uc)) {
            lu_host_crash(hsig, info, uc->uc_mcontext.gregs[REG_RIP]);
        }
        errno = saved_errno;
        return;
    }
    if (lu_is_sync_signal(hsig) && info->si_code > 0) {
        /* A host FPE/ILL/TRAP outside guest control is our bug. */
        lu_host_crash(hsig, info, uc->uc_mcontext.gregs[REG_RIP]);
        return;
    }
    TaskState *ts = lu_ts;
    int sig = lu_guest_signal(hsig);
    if (ts && sig) {
        lu_siginfo_from_host(info, &ts->pending_info[sig]);
        ts->pending[sig] = 1;
        ts->pending_any = 1;
        /* Keep further instances pending in the host kernel (queued for
         * real-time signals) until this one is delivered: the CPU loop
         * re-mirrors the guest mask afterwards. */
        uint64_t m = lu_sigset_from_host(&uc->uc_sigmask) | sigbit(hsig);
        memcpy(&uc->uc_sigmask, &m, sizeof(m));
        cpu_exit(ts->cpu);
        uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];
        if (lu_safe_syscall_fixup(&pc)) {
            uc->uc_mcontext.gregs[REG_RIP] = (greg_t)pc;
        }
    }
    errno = saved_errno;
}

static void lu_install_host(int sig, const LuSigAction *ka)
{
    int h = lu_host_signal(sig);
    struct sigaction sa;
    if (!h || sig == SIGKILL || sig == SIGSTOP) {
        return;
    }
    memset(&sa, 0, sizeof(sa));
    sigfillset(&sa.sa_mask);
    /* Under gdb, default actions go through lu_handle_signal too, so that
     * gdb sees the signal first (as ptrace would). */
    if (lu_is_sync_signal(sig) || (ka->handler != LU_SIG_DFL && ka->handler != LU_SIG_IGN) ||
        (ka->handler == LU_SIG_DFL && gdb_attached())) {
        sa.sa_sigaction = lu_host_signal_handler;
        sa.sa_flags = SA_SIGINFO;
    } else {
        sa.sa_handler = ka->handler == LU_SIG_IGN ? SIG_IGN : SIG_DFL;
    }
    /* What the kernel does about children follows the guest's wishes. */
    if (sig == SIGCHLD) {
        sa.sa_flags |= (ka->flags & LU_SA_NOCLDSTOP ? SA_NOCLDSTOP : 0) |
                       (ka->flags & LU_SA_NOCLDWAIT ? SA_NOCLDWAIT : 0);
    }
    lu_host_sigaction(h, &sa);
}

void lu_signal_init(void)
{
    sigset_t cur;
    lu_ts->sigtab = &lu_sigtab_main;
    lu_host_sigmask(SIG_SETMASK, NULL, &cur);
    for (int sig = 1; sig <= LU_NSIG; sig++) {
        int h = lu_host_signal(sig);
        if (h && lu_host_sig_ignored(h)) {
            lu_ts->sigtab->act[sig].handler = LU_SIG_IGN;
        }
        if (lu_is_sync_signal(sig) || gdb_attached()) {
            lu_install_host(sig, &lu_ts->sigtab->act[sig]);
        }
    }
    lu_ts->sigmask = lu_sigset_from_host(&cur);
    lu_set_sigmask(lu_ts->sigmask);
}

/* ---- masks and dispositions ---- */

void lu_set_sigmask(uint64_t mask)
{
    TaskState *ts = lu_ts;
    sigset_t hs;
    mask &= ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
    /* No handler may run while the pending set is read: a signal still in
     * our queue stays blocked in the host, so its next instance waits in
     * the kernel instead of overwriting the queued one. */
    lu_host_block_all(NULL);
    ts->sigmask = mask;
    uint64_t host_mask = mask;
    for (int sig = 1; sig <= LU_NSIG; sig++) {
        if (ts->pending[sig]) {
            host_mask |= sigbit(sig);
            if (!(mask & sigbit(sig))) {
                ts->pending_any = 1;
            }
        }
    }
    for (int sig = 1; sig < 32; sig++) {
        if (lu_is_sync_signal(sig)) {
            host_mask &= ~sigbit(sig);
        }
    }
    lu_sigset_to_host(host_mask, &hs);
    lu_host_sigmask(SIG_SETMASK, &hs, NULL);
}

int64_t lu_do_sigaction(int sig, const LuSigAction *act, LuSigAction *old)
{
    if (sig < 1 || sig > LU_NSIG) {
        return -EINVAL;
    }
    if (act && (sig == SIGKILL || sig == SIGSTOP)) {
        return -EINVAL;
    }
    pthread_mutex_lock(&lu_sigact_lock);
    if (old) {
        *old = lu_ts->sigtab->act[sig];
    }
    if (act) {
        lu_ts->sigtab->act[sig] = *act;
        lu_install_host(sig, act);
    }
    pthread_mutex_unlock(&lu_sigact_lock);
    return 0;
}

/* ---- delivery ---- */

enum { LU_DFL_TERM, LU_DFL_IGN, LU_DFL_STOP };

static int lu_default_action(int sig)
{
    switch (sig) {
    case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
        return LU_DFL_IGN;
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return LU_DFL_STOP;
    default:
        return LU_DFL_TERM;
    }
}

_Noreturn void lu_die_by_signal(int sig)
{
    int h = lu_host_signal(sig);
    struct rlimit rl = { 0, 0 };
    struct sigaction dfl;
    sigset_t s;
    if (lu_ts) {
        lu_futex_exit_robust(lu_ts);
    }
    gdb_report_signaled(lu_gdb_signal_to_gdb(sig));
    if (mimic_log_file) {
        fflush(mimic_log_file);
    }
    fflush(stdout);
    fflush(stderr);
    if (h) {
        setrlimit(RLIMIT_CORE, &rl);  /* the guest's core is not ours */
        memset(&dfl, 0, sizeof(dfl));
        dfl.sa_handler = SIG_DFL;
        lu_host_sigaction(h, &dfl);
        lu_sigset_to_host(sigbit(h), &s);
        lu_host_sigmask(SIG_UNBLOCK, &s, NULL);
        kill(getpid(), h);
        raise(h);
    }
    _exit(128 + sig);
}

static bool lu_handler_runs(const LuSigAction *ka)
{
    return ka->handler != LU_SIG_DFL && ka->handler != LU_SIG_IGN;
}

/* An interrupted syscall meets a handler: restart it or fail with EINTR. */
static void lu_resolve_restart(TaskState *ts, CPUState *cpu, const LuSigAction *ka)
{
    if (!ts->restart_kind) {
        return;
    }
    if (ts->restart_kind == LU_ERESTARTNOINTR ||
        (ts->restart_kind == LU_ERESTARTSYS && (ka->flags & LU_SA_RESTART))) {
        lu_arch->rewind_syscall(cpu);
    } else {
        lu_arch->set_syscall_result(cpu, -lu_errno(EINTR));
    }
    ts->restart_kind = 0;
}

/* Acts on one signal; true if a handler frame was set up (which also
 * re-mirrored the host mask). */
static bool lu_handle_signal(CPUState *cpu, int sig, const LuSigInfo *si)
{
    TaskState *ts = lu_ts;
    LuSigAction ka;
    pthread_mutex_lock(&lu_sigact_lock);
    ka = lu_ts->sigtab->act[sig];
    if (lu_handler_runs(&ka) && (ka.flags & LU_SA_RESETHAND)) {
        lu_ts->sigtab->act[sig].handler = LU_SIG_DFL;
        lu_ts->sigtab->act[sig].flags &= ~LU_SA_SIGINFO;
        lu_install_host(sig, &lu_ts->sigtab->act[sig]);
    }
    pthread_mutex_unlock(&lu_sigact_lock);

    if (mimic_log_enabled(LOG_STRACE)) {
        mimic_log("%d --- signal %d (code %d, addr 0x%x) ---\n", ts->tid, sig,
                  si->code, si->addr);
    }
    if (ka.handler == LU_SIG_IGN) {
        return false;
    }
    if (ka.handler == LU_SIG_DFL) {
        switch (lu_default_action(sig)) {
        case LU_DFL_IGN:
            return false;
        case LU_DFL_STOP:
            kill(getpid(), SIGSTOP);
            return false;
        default:
            lu_die_by_signal(sig);
        }
    }
    lu_resolve_restart(ts, cpu, &ka);
    uint64_t oldmask = ts->in_sigsuspend ? ts->sigsuspend_saved : ts->sigmask;
    if (!lu_arch->setup_frame(cpu, sig, &ka, si, oldmask,
                              (ka.flags & LU_SA_SIGINFO) != 0)) {
        lu_die_by_signal(SIGSEGV);
    }
    uint64_t newmask = ts->sigmask | ka.mask;
    if (!(ka.flags & LU_SA_NODEFER)) {
        newmask |= sigbit(sig);
    }
    ts->in_sigsuspend = false;
    lu_set_sigmask(newmask);
    return true;
}

void lu_queue_signal(TaskState *ts, const LuSigInfo *si_in)
{
    LuSigInfo gsi = *si_in;
    const LuSigInfo *si = &gsi;
    int sig = gsi.signo = lu_gdb_handle_signal(ts->cpu, si_in->signo);
    LuSigAction ka;
    if (!sig) {
        return;                  /* gdb suppressed it */
    }
    pthread_mutex_lock(&lu_sigact_lock);
    ka = lu_ts->sigtab->act[sig];
    pthread_mutex_unlock(&lu_sigact_lock);
    /* A fault signal that is blocked or ignored kills, as in Linux. */
    if ((ts->sigmask & sigbit(sig)) || ka.handler == LU_SIG_IGN) {
        lu_die_by_signal(sig);
    }
    if (!lu_handle_signal(ts->cpu, sig, si)) {
        lu_set_sigmask(ts->sigmask);
    }
}

void lu_process_signals(CPUState *cpu)
{
    TaskState *ts = lu_ts;
    bool unsynced = false;
    while (ts->pending_any) {
        ts->pending_any = 0;
        for (int sig = 1; sig <= LU_NSIG; sig++) {
            if (!ts->pending[sig] || (ts->sigmask & sigbit(sig))) {
                continue;
            }
            LuSigInfo si = ts->pending_info[sig];
            ts->pending[sig] = 0;
            si.signo = lu_gdb_handle_signal(cpu, sig);
            if (!si.signo) {
                unsynced = true;     /* gdb suppressed it */
                continue;
            }
            unsynced = !lu_handle_signal(cpu, si.signo, &si) || unsynced;
        }
    }
    if (unsynced) {
        /* The host handler left the delivered signals blocked. */
        lu_set_sigmask(ts->sigmask);
    }
    if (ts->restart_kind) {
        /* No handler ran: the interrupted syscall starts again. */
        lu_arch->rewind_syscall(cpu);
        ts->restart_kind = 0;
    }
    if (ts->in_sigsuspend) {
        ts->in_sigsuspend = false;
        lu_set_sigmask(ts->sigsuspend_saved);
    }
}

/* ---- sigaltstack ---- */

bool lu_on_sigstack(uint32_t sp)
{
    TaskState *ts = lu_ts;
    return ts->ss_size && sp - ts->ss_sp <= ts->ss_size && sp != ts->ss_sp;
}

int64_t lu_do_sigaltstack(uint32_t uss, uint32_t uoss, uint32_t sp)
{
    TaskState *ts = lu_ts;
    uint64_t v[3] = { 0 };
    if (uoss) {
        uint64_t o[3] = { ts->ss_sp, lu_on_sigstack(sp) ? 1 : ts->ss_size ? 0 : 2,
                          ts->ss_size };
        if (lu_put_struct(LU_ST_STACK, uoss, o) < 0) {
            return -EFAULT;
        }
    }
    if (uss) {
        if (lu_get_struct(LU_ST_STACK, uss, v) < 0) {
            return -EFAULT;
        }
        if (lu_on_sigstack(sp)) {
            return -EPERM;
        }
        int flags = (int)v[LU_SS_FLAGS] & ~(int)0x80000000u;  /* SS_AUTODISARM */
        if (flags == 2) {   /* SS_DISABLE */
            ts->ss_sp = 0;
            ts->ss_size = 0;
        } else if (flags == 0 || flags == 1) {
            if (v[LU_SS_SIZE] < 2048) {
                return -ENOMEM;
            }
            ts->ss_sp = (uint32_t)v[LU_SS_SP];
            ts->ss_size = (uint32_t)v[LU_SS_SIZE];
        } else {
            return -EINVAL;
        }
        ts->ss_flags = flags;
    }
    return 0;
}
