// SIGCHLD: the handler's siginfo (CLD_EXITED, CLD_KILLED, status, pid),
// SA_NOCLDSTOP (no signal for a stopped child), SA_NOCLDWAIT and SIG_IGN
// (children reaped by the kernel: wait fails with ECHILD), waitid.
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int chld_count, chld_code, chld_status, chld_pid_ok;
static volatile pid_t expect_pid;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
    chld_count++;
    chld_code = si->si_code;
    chld_status = si->si_status;
    chld_pid_ok = si->si_pid == expect_pid;
}

static void wait_for_signal(void)
{
    sigset_t none;
    sigemptyset(&none);
    sigsuspend(&none);
}

int main(void)
{
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    struct sigaction sa = { .sa_sigaction = on_chld, .sa_flags = SA_SIGINFO | SA_NOCLDSTOP };
    sigaction(SIGCHLD, &sa, NULL);

    pid_t p = fork();
    if (p == 0) {
        _exit(9);
    }
    expect_pid = p;
    wait_for_signal();
    printf("exit: count %d code %d (CLD_EXITED %d) status %d pid ok %d\n", chld_count, chld_code,
           CLD_EXITED, chld_status, chld_pid_ok);
    siginfo_t wi;
    memset(&wi, 0, sizeof(wi));
    int r = waitid(P_PID, p, &wi, WEXITED);
    printf("waitid %d code %d status %d pid ok %d\n", r, wi.si_code, wi.si_status, wi.si_pid == p);

    /* a stopped child gives no SIGCHLD with SA_NOCLDSTOP; the kill does */
    chld_count = 0;
    p = fork();
    if (p == 0) {
        raise(SIGSTOP);
        _exit(1);
    }
    expect_pid = p;
    int st;
    waitpid(p, &st, WUNTRACED);
    printf("stopped %d by %d\n", WIFSTOPPED(st), WSTOPSIG(st));
    sigprocmask(SIG_UNBLOCK, &chld, NULL);
    usleep(20000);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    printf("SIGCHLD for the stop: %d\n", chld_count);
    kill(p, SIGKILL);
    wait_for_signal();
    printf("kill: count %d code %d (CLD_KILLED %d) status %d\n", chld_count, chld_code, CLD_KILLED,
           chld_status);
    waitpid(p, &st, 0);
    printf("signaled %d by %d\n", WIFSIGNALED(st), WTERMSIG(st));

    /* SA_NOCLDWAIT: no zombies */
    sa.sa_flags = SA_SIGINFO | SA_NOCLDWAIT;
    sigaction(SIGCHLD, &sa, NULL);
    p = fork();
    if (p == 0) {
        _exit(0);
    }
    r = waitpid(p, &st, 0);
    printf("SA_NOCLDWAIT waitpid %d errno %d\n", r, errno);

    signal(SIGCHLD, SIG_IGN);
    p = fork();
    if (p == 0) {
        _exit(0);
    }
    r = waitpid(p, &st, 0);
    printf("SIG_IGN waitpid %d errno %d\n", r, errno);
    return 0;
}
