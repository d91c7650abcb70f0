// mimic-test: static-pie
// Synchronous signals from guest faults, as i386 Linux reports them:
// SIGSEGV (NULL, read-only, unmapped, with si_code and si_addr), SIGILL
// (ud2, si_addr = the instruction), SIGFPE (integer divide by zero),
// SIGTRAP (int3), SIGSEGV from a privileged instruction (hlt), the
// faulting EIP in the ucontext, and an unhandled fault killing a child.
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile int g_sig, g_code;
static volatile uintptr_t g_addr, g_eip, g_trapno, g_err;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    g_sig = sig;
    g_code = si->si_code;
    g_addr = (uintptr_t)si->si_addr;
    g_eip = uc->uc_mcontext.gregs[REG_EIP];
    g_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    g_err = uc->uc_mcontext.gregs[REG_ERR];
    siglongjmp(env, 1);
}

extern char ud2_insn[], div_insn[], int3_after[], hlt_insn[], load_insn[];

static void report(const char *what, uintptr_t want_addr, uintptr_t want_eip)
{
    printf("%s: sig %d code %d addr-ok %d eip-ok %d trapno %lu err %lu\n", what, g_sig, g_code,
           g_addr == want_addr, g_eip == want_eip, (unsigned long)g_trapno,
           (unsigned long)g_err);
}

int main(void)
{
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_NODEFER };
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    if (!sigsetjmp(env, 1)) {
        __asm__ volatile("xor %%eax, %%eax\n"
                         "load_insn: movl (%%eax), %%eax" ::: "eax", "memory");
    }
    report("NULL read", 0, (uintptr_t)load_insn);

    long pg = sysconf(_SC_PAGESIZE);
    char *ro = mmap(NULL, 2 * pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (!sigsetjmp(env, 1)) {
        ((volatile char *)ro)[123] = 1;
    }
    report("write read-only", (uintptr_t)ro + 123, g_eip);
    munmap(ro + pg, pg);
    if (!sigsetjmp(env, 1)) {
        (void)((volatile char *)ro)[pg + 7];
    }
    report("read unmapped", (uintptr_t)ro + pg + 7, g_eip);
    if (!sigsetjmp(env, 1)) {
        ((void (*)(void))(ro + pg))();
    }
    report("call unmapped", (uintptr_t)ro + pg, (uintptr_t)ro + pg);
    if (!sigsetjmp(env, 1)) {
        ((void (*)(void))ro)();
    }
    report("call non-exec", (uintptr_t)ro, (uintptr_t)ro);

    if (!sigsetjmp(env, 1)) {
        __asm__ volatile("ud2_insn: ud2");
    }
    report("ud2", (uintptr_t)ud2_insn, (uintptr_t)ud2_insn);

    if (!sigsetjmp(env, 1)) {
        __asm__ volatile("xor %%ecx, %%ecx\n"
                         "mov $7, %%eax\n"
                         "xor %%edx, %%edx\n"
                         "div_insn: divl %%ecx" ::: "eax", "ecx", "edx");
    }
    report("divide by zero", (uintptr_t)div_insn, (uintptr_t)div_insn);

    if (!sigsetjmp(env, 1)) {
        __asm__ volatile("int3\nint3_after: nop");
    }
    report("int3", 0, (uintptr_t)int3_after);

    if (!sigsetjmp(env, 1)) {
        __asm__ volatile("hlt_insn: hlt");
    }
    report("hlt", 0, (uintptr_t)hlt_insn);

    /* blocked fault signal: the process dies anyway (in a child) */
    for (int k = 0; k < 2; k++) {
        pid_t p = fork();
        if (p == 0) {
            if (k == 0) {
                signal(SIGSEGV, SIG_DFL);
            } else {
                sigset_t s;
                sigemptyset(&s);
                sigaddset(&s, SIGSEGV);
                sigprocmask(SIG_BLOCK, &s, NULL);
            }
            *(volatile int *)8 = 1;
            _exit(0);
        }
        int st;
        waitpid(p, &st, 0);
        printf("child %s: signaled %d sig %d\n", k ? "with SIGSEGV blocked" : "default",
               WIFSIGNALED(st), WTERMSIG(st));
    }
    return 0;
}
