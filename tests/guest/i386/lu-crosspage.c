// Direct jumps between blocks on different pages (user mode chains them):
// code on page A calls code on page B often enough to be chained, then B
// is rewritten through mprotect, through a plain store to an RWX page,
// replaced by munmap+mmap, and made non-executable; every call must run
// what B holds at that moment (or fault), exactly as on the host CPU.
// Also: a fork child rewriting B (the parent keeps its code), and timer
// signals arriving while the chained calls run.
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static sigjmp_buf env;

static void on_segv(int sig)
{
    siglongjmp(env, sig);
}

static volatile int ticks;

static void on_alarm(int sig)
{
    (void)sig;
    ticks++;
}

/* B: mov eax, imm32; ret */
static void put_b(unsigned char *b, unsigned val)
{
    b[0] = 0xb8;
    memcpy(b + 1, &val, 4);
    b[5] = 0xc3;
}

/* A: call B; add eax, 1; ret (the call and the add are in one block
 * that ends with a jump to page B; the return lands back on page A). */
static void put_a(unsigned char *a, unsigned char *b)
{
    int rel = (int)(b - (a + 5));
    a[0] = 0xe8;
    memcpy(a + 1, &rel, 4);
    a[5] = 0x83;
    a[6] = 0xc0;
    a[7] = 0x01;
    a[8] = 0xc3;
}

static unsigned run_a(unsigned char *a, int times)
{
    unsigned (*fa)(void) = (unsigned (*)(void))a;
    unsigned sum = 0;
    for (int i = 0; i < times; i++) {
        sum += fa();
    }
    return sum;
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    unsigned char *a = mmap(NULL, pg, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned char *b = mmap(NULL, pg, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    struct sigaction sa;

    if (a == MAP_FAILED || b == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_segv;
    sigaction(SIGSEGV, &sa, NULL);

    put_a(a, b);
    put_b(b, 10);
    mprotect(a, pg, PROT_READ | PROT_EXEC);
    mprotect(b, pg, PROT_READ | PROT_EXEC);
    printf("read-exec B=10: %u\n", run_a(a, 1000));

    /* Rewritten through mprotect (the page becomes writable). */
    mprotect(b, pg, PROT_READ | PROT_WRITE);
    put_b(b, 20);
    mprotect(b, pg, PROT_READ | PROT_EXEC);
    printf("after mprotect rewrite B=20: %u\n", run_a(a, 1000));

    /* RWX: a plain store into translated code. */
    mprotect(b, pg, PROT_READ | PROT_WRITE | PROT_EXEC);
    printf("rwx B=20: %u\n", run_a(a, 1000));
    put_b(b, 30);
    printf("after store B=30: %u\n", run_a(a, 1000));
    for (unsigned v = 31; v < 36; v++) {
        put_b(b, v);
        printf("after store B=%u: %u\n", v, run_a(a, 3));
    }

    /* Replaced by a new mapping at the same address. */
    munmap(b, pg);
    unsigned char *nb = mmap(b, pg, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (nb != b) {
        perror("mmap fixed");
        return 1;
    }
    put_b(b, 40);
    mprotect(b, pg, PROT_READ | PROT_EXEC);
    printf("after remap B=40: %u\n", run_a(a, 1000));

    /* A child rewrites B: its calls see the new code, the parent's not. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        mprotect(b, pg, PROT_READ | PROT_WRITE);
        put_b(b, 50);
        mprotect(b, pg, PROT_READ | PROT_EXEC);
        printf("child after rewrite B=50: %u\n", run_a(a, 1000));
        fflush(stdout);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("parent after child exit %d: %u\n", WEXITSTATUS(status), run_a(a, 1000));

    /* Timer signals while the chained calls run (each one leaves the
     * chain through the exit request): the sum must not change. */
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    unsigned long long total = 0;
    for (int k = 0; k < 200 && (k < 20 || ticks < 3); k++) {
        total += run_a(a, 20000);
    }
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    printf("under timer signals: %s\n", total % 820000 == 0 ? "sums right" : "WRONG SUM");

    /* No longer executable: the chained call must fault. */
    mprotect(b, pg, PROT_READ);
    if (sigsetjmp(env, 1) == 0) {
        printf("after PROT_READ: %u (no fault)\n", run_a(a, 1000));
    } else {
        printf("after PROT_READ: SIGSEGV\n");
    }
    mprotect(b, pg, PROT_READ | PROT_EXEC);
    printf("exec again B=40: %u\n", run_a(a, 1000));

    /* Unmapped: the call faults. */
    munmap(b, pg);
    if (sigsetjmp(env, 1) == 0) {
        printf("after munmap: %u (no fault)\n", run_a(a, 1000));
    } else {
        printf("after munmap: SIGSEGV\n");
    }
    return 0;
}
