/* Every real-time signal, SIGRTMIN..SIGRTMAX (64), usable by the guest:
 * handlers with siginfo, raise/kill/tgkill/sigqueue, blocked and pending,
 * sigtimedwait, signalfd, and queued instances staying distinct. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int got[65], got_value[65], got_code[65];

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    got[sig]++;
    got_value[sig] = si->si_value.sival_int;
    got_code[sig] = si->si_code;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO;
    printf("SIGRTMIN %d SIGRTMAX %d\n", SIGRTMIN, SIGRTMAX);
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++) {
        if (sigaction(s, &sa, NULL) != 0) {
            printf("sigaction %d failed\n", s);
        }
    }
    /* raise, kill, tgkill and sigqueue with a value, each signal. */
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++) {
        union sigval v = { .sival_int = 1000 + s };
        raise(s);
        kill(getpid(), s);
        syscall(SYS_tgkill, getpid(), (int)syscall(SYS_gettid), s);
        sigqueue(getpid(), s, v);
    }
    int bad = 0;
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++) {
        if (got[s] != 4 || got_value[s] != 1000 + s || got_code[s] != SI_QUEUE) {
            printf("signal %d: %d deliveries, value %d, code %d\n", s, got[s],
                   got_value[s], got_code[s]);
            bad++;
        }
    }
    printf("handlers: %d signals wrong\n", bad);

    /* The mask: block 63 and 64, queue two of each, see them pending,
     * then delivered in order on unblock. */
    sigset_t set, pend;
    sigemptyset(&set);
    sigaddset(&set, 63);
    sigaddset(&set, 64);
    sigprocmask(SIG_BLOCK, &set, NULL);
    got[63] = got[64] = 0;
    for (int i = 0; i < 2; i++) {
        union sigval v = { .sival_int = i };
        sigqueue(getpid(), 64, v);
        sigqueue(getpid(), 63, v);
    }
    sigpending(&pend);
    printf("pending 62 %d 63 %d 64 %d, delivered while blocked %d %d\n",
           sigismember(&pend, 62), sigismember(&pend, 63), sigismember(&pend, 64),
           got[63], got[64]);
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("blocked 63 %d 64 %d 62 %d\n", sigismember(&cur, 63), sigismember(&cur, 64),
           sigismember(&cur, 62));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("after unblock: 63 x%d, 64 x%d\n", got[63], got[64]);

    /* sigtimedwait on 64 and 63. */
    sigprocmask(SIG_BLOCK, &set, NULL);
    union sigval v = { .sival_int = 77 };
    sigqueue(getpid(), 64, v);
    siginfo_t si;
    struct timespec to = { 1, 0 };
    int r = sigtimedwait(&set, &si, &to);
    printf("sigtimedwait %d value %d code %d\n", r, si.si_value.sival_int, si.si_code);
    r = sigtimedwait(&set, &si, &(struct timespec){ 0, 1000000 });
    printf("sigtimedwait empty %d\n", r);

    /* signalfd for 63 and 64. */
    int fd = signalfd(-1, &set, 0);
    v.sival_int = 63;
    sigqueue(getpid(), 63, v);
    v.sival_int = 64;
    sigqueue(getpid(), 64, v);
    for (int i = 0; i < 2; i++) {
        struct signalfd_siginfo fi;
        ssize_t n = read(fd, &fi, sizeof(fi));
        printf("signalfd read %zd signo %u int %d\n", n, fi.ssi_signo, fi.ssi_int);
    }
    close(fd);

    /* Default action of 64 kills with that signal: in a child. */
    pid_t pid = fork();
    if (pid == 0) {
        signal(64, SIG_DFL);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        raise(64);
        _exit(3);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("child: signaled %d sig %d\n", WIFSIGNALED(st), WIFSIGNALED(st) ? WTERMSIG(st) : -1);

    /* Ignored 63 is dropped. */
    signal(63, SIG_IGN);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    got[63] = 0;
    raise(63);
    printf("ignored 63 delivered %d\n", got[63]);
    return 0;
}
