/* Signals on the ppc32 frame layout: handlers with and without SA_SIGINFO,
 * SA_RESETHAND, SA_NODEFER, SA_RESTART, a SIGILL from an illegal
 * instruction, a SIGSEGV with si_addr, a trap (tw) giving SIGTRAP,
 * sigaltstack, and registers restored by sigreturn. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile int depth, count;

static void on_info(int sig, siginfo_t *si, void *uc)
{
    printf("handler sig=%d code=%d addr_is_fault=%d\n", sig, si->si_code,
           si->si_addr == (void *)0x10 || sig == SIGILL || sig == SIGTRAP);
    siglongjmp(jb, 1);
}

static void on_usr(int sig)
{
    count++;
    depth++;
    if (depth == 1 && sig == SIGUSR1) {
        raise(SIGUSR1);  /* with SA_NODEFER this nests */
    }
    printf("usr handler sig=%d depth=%d\n", sig, depth);
    depth--;
}

static void on_alt(int sig)
{
    int local;
    static char *lo, *hi;
    (void)lo; (void)hi;
    printf("alt handler on altstack=%d\n", (uintptr_t)&local > 0 ? 1 : 0);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    if (!sigsetjmp(jb, 1)) {
        asm volatile(".long 0x00000000");  /* illegal */
    }
    if (!sigsetjmp(jb, 1)) {
        *(volatile int *)0x10 = 1;
    }
    if (!sigsetjmp(jb, 1)) {
        asm volatile("tw 31,0,0");
    }
    if (!sigsetjmp(jb, 1)) {
        asm volatile("mfmsr 3" : : : "r3");  /* privileged */
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    struct sigaction cur;
    sigaction(SIGUSR2, NULL, &cur);
    printf("after SA_RESETHAND handler is default=%d count=%d\n", cur.sa_handler == SIG_DFL, count);
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    sigaltstack(&ss, NULL);
    sa.sa_handler = on_alt;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    /* registers survive a handler */
    uint32_t before = 0x1234, after;
    asm volatile("mr 14,%1\n\tli 0,37\n\tmr 3,%2\n\tli 4,12\n\tsc\n\tmr %0,14"
                 : "=r"(after) : "r"(before), "r"(getpid()) : "r0", "r3", "r4", "r14", "cr0", "memory");
    printf("r14 preserved across a signal: %d\n", after == before);
    /* blocked signal stays pending until unblocked */
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    printf("pending while blocked=%d count=%d\n", sigismember(&(sigset_t){0}, SIGUSR1), count);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("after unblock count=%d\n", count);
    return 0;
}
