// mimic-test: static-pie
// Signals: handlers (old-style and SA_SIGINFO frames), siginfo fields,
// masks and pending signals, SA_RESTART on a pipe read interrupted by a
// timer, SA_NODEFER, SA_RESETHAND, sigaltstack, sigsuspend, sigwaitinfo,
// signalfd, sigqueue values, x87 state across a handler, default actions
// in a child.
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

static volatile int got, depth, max_depth, total, order[8], norder;
static volatile int g_signo, g_code, g_pid_ok, g_value;
static int pipefd[2];

static void h_plain(int sig) { got = sig; order[norder++] = sig; }

static void h_info(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    g_signo = si->si_signo;
    g_code = si->si_code;
    g_pid_ok = si->si_pid == getpid();
    g_value = si->si_value.sival_int;
    got = sig;
    (void)uc;
}

static void h_nested(int sig)
{
    depth++;
    total++;
    if (depth > max_depth) {
        max_depth = depth;
    }
    if (total < 3) {
        raise(sig);
    }
    depth--;
}

static volatile int tick_count;
static void h_tick(int sig)
{
    tick_count++;
    if (tick_count == 3) {
        if (write(pipefd[1], "late", 4) != 4) {
            _exit(9);
        }
    }
}

static char altstack[65536];
static volatile int on_alt, alt_flags;
static void h_alt(int sig)
{
    char local;
    stack_t cur;
    on_alt = &local >= altstack && &local < altstack + sizeof(altstack);
    sigaltstack(NULL, &cur);
    alt_flags = cur.ss_flags;
}

static volatile long double fpu_result;
static void h_fpu(int sig)
{
    volatile long double a = 3.0L, b = 7.0L;
    fpu_result = a / b;
}

static void restart_test(int flags, const char *what)
{
    struct sigaction sa = { .sa_handler = h_tick, .sa_flags = flags };
    sigaction(SIGALRM, &sa, NULL);
    tick_count = 0;
    if (pipe(pipefd) < 0) {
        return;
    }
    struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    char buf[16];
    ssize_t n = read(pipefd[0], buf, sizeof(buf));
    int e = errno;
    memset(&it, 0, sizeof(it));
    setitimer(ITIMER_REAL, &it, NULL);
    if (n < 0) {
        printf("%s: read -1 errno %s after %d tick(s)\n", what, e == EINTR ? "EINTR" : "other",
               tick_count);
    } else {
        printf("%s: read %zd '%.*s' after >=3 ticks %d\n", what, n, (int)n, buf, tick_count >= 3);
    }
    close(pipefd[0]);
    close(pipefd[1]);
}

int main(void)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = h_plain;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("plain handler got %d\n", got);
    got = 0;
    kill(getpid(), SIGUSR1);
    printf("kill got %d\n", got);

    sa.sa_sigaction = h_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    kill(getpid(), SIGUSR2);
    printf("siginfo signo %d code %d (SI_USER %d) pid ok %d\n", g_signo, g_code, SI_USER, g_pid_ok);
    raise(SIGUSR2);
    printf("raise code %d (SI_TKILL %d)\n", g_code, SI_TKILL);
    union sigval sv = { .sival_int = 42 };
    sigaction(SIGRTMIN + 1, &sa, NULL);
    sigqueue(getpid(), SIGRTMIN + 1, sv);
    printf("sigqueue signo-rtmin %d code %d (SI_QUEUE %d) value %d\n", g_signo - SIGRTMIN,
           g_code, SI_QUEUE, g_value);

    /* masks: blocked signals stay pending, delivered on unblock in order */
    sigset_t set, oset, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGHUP);
    sa.sa_handler = h_plain;
    sa.sa_flags = 0;
    sigaction(SIGHUP, &sa, NULL);
    sigprocmask(SIG_BLOCK, &set, &oset);
    norder = 0;
    raise(SIGUSR1);
    raise(SIGHUP);
    sigpending(&pend);
    printf("pending USR1 %d HUP %d USR2 %d delivered %d\n", sigismember(&pend, SIGUSR1),
           sigismember(&pend, SIGHUP), sigismember(&pend, SIGUSR2), norder);
    sigprocmask(SIG_SETMASK, &oset, NULL);
    printf("after unblock delivered %d: %d %d\n", norder, order[0], order[1]);

    /* SA_NODEFER vs default deferral */
    sa.sa_handler = h_nested;
    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, NULL);
    depth = max_depth = total = 0;
    raise(SIGUSR1);
    printf("without SA_NODEFER max depth %d runs %d\n", max_depth, total);
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGUSR1, &sa, NULL);
    depth = max_depth = total = 0;
    raise(SIGUSR1);
    printf("with SA_NODEFER max depth %d runs %d\n", max_depth, total);

    /* SA_RESETHAND */
    sa.sa_handler = h_plain;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR1, &sa, NULL);
    got = 0;
    raise(SIGUSR1);
    sigaction(SIGUSR1, NULL, &old);
    printf("SA_RESETHAND ran %d now default %d\n", got, old.sa_handler == SIG_DFL);

    /* SA_RESTART on a blocking pipe read interrupted by SIGALRM */
    restart_test(SA_RESTART, "with SA_RESTART");
    restart_test(0, "without SA_RESTART");

    /* sigaltstack */
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0 }, os;
    int r = sigaltstack(&ss, &os);
    printf("sigaltstack %d old disabled %d\n", r, os.ss_flags == SS_DISABLE);
    sa.sa_handler = h_alt;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("handler on altstack %d flags %d\n", on_alt, alt_flags);
    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("without SA_ONSTACK on altstack %d\n", on_alt);
    ss.ss_flags = SS_DISABLE;
    r = sigaltstack(&ss, NULL);
    printf("disable %d\n", r);
    ss.ss_flags = 0;
    ss.ss_size = 100;
    r = sigaltstack(&ss, NULL);
    printf("too small %d errno %d\n", r, errno);

    /* x87 state survives a handler that uses the FPU */
    sa.sa_handler = h_fpu;
    sigaction(SIGUSR1, &sa, NULL);
    volatile long double x = 1.0L;
    x = x / 3.0L;
    raise(SIGUSR1);
    x = x * 3.0L;
    printf("fpu after handler %.18Lf handler %.18Lf\n", x, fpu_result);

    /* sigsuspend */
    sa.sa_handler = h_plain;
    sigaction(SIGUSR1, &sa, NULL);
    sigprocmask(SIG_BLOCK, &set, &oset);
    raise(SIGUSR1);
    sigset_t empty;
    sigemptyset(&empty);
    got = 0;
    r = sigsuspend(&empty);
    printf("sigsuspend %d errno %s got %d\n", r, errno == EINTR ? "EINTR" : "?", got);
    sigprocmask(SIG_SETMASK, NULL, &set);
    printf("mask restored USR1 blocked %d\n", sigismember(&set, SIGUSR1));

    /* sigwaitinfo and signalfd on blocked signals */
    raise(SIGUSR1);
    siginfo_t info;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    r = sigwaitinfo(&set, &info);
    printf("sigwaitinfo %d code %d\n", r, info.si_code);
    struct timespec zero = { 0, 0 };
    r = sigtimedwait(&set, &info, &zero);
    printf("sigtimedwait nothing %d errno %d\n", r, errno);
    int sfd = signalfd(-1, &set, 0);
    raise(SIGUSR1);
    struct signalfd_siginfo fdsi;
    ssize_t n = read(sfd, &fdsi, sizeof(fdsi));
    printf("signalfd read %zd signo %u\n", n, fdsi.ssi_signo);
    close(sfd);
    sigprocmask(SIG_SETMASK, &oset, NULL);

    /* ignored signals */
    signal(SIGUSR2, SIG_IGN);
    raise(SIGUSR2);
    printf("ignored SIGUSR2 survived\n");

    /* default actions, seen from the parent */
    int sigs[] = { SIGTERM, SIGUSR1, SIGSEGV, SIGABRT };
    for (int i = 0; i < 4; i++) {
        pid_t p = fork();
        if (p == 0) {
            signal(sigs[i], SIG_DFL);
            raise(sigs[i]);
            _exit(0);
        }
        int st;
        waitpid(p, &st, 0);
        printf("child killed by %d: signaled %d sig %d\n", sigs[i], WIFSIGNALED(st), WTERMSIG(st));
    }
    r = kill(getpid(), 0);
    printf("kill 0 %d\n", r);
    r = kill(getpid(), 99);
    printf("kill bad signal %d errno %d\n", r, errno);
    return 0;
}
