/*
 * x87 values kept in the host x87 across blocks and loops (Mimic's live
 * host FPU, docs/x87.md): the FPU state after loops that branch with
 * values on the stack, and where someone else looks at it in the middle
 * of such a loop: a SIGSEGV (integer load, x87 load, x87 store; the
 * signal frame's FPU state), timer signals whose handler checks and
 * changes the interrupted FPU state, fork, helpers (FSIN, FYL2X, FXSAVE,
 * FNSTENV, FLDCW) between inline instructions, self-modifying code, and
 * an unmasked exception after a live loop; the pointer fields after a
 * loop. Compared with a native run.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>
#include "x87-image.h"

static sigjmp_buf jb;
static uint8_t frame[112], img[112];
static volatile int frame_ok, fpe_code;
static const double c01 = 0.1, c05 = 0.5;

static void print_image(const char *name, const uint8_t *p)
{
    x87_print_image(name, p);
    printf("\n");
}

/* The signal frame's FPU state as an FSAVE image (no pointer fields). */
static void frame_copy(const ucontext_t *uc)
{
    const struct _libc_fpstate *f = uc->uc_mcontext.fpregs;
    frame_ok = f != NULL;
    memset(frame, 0, sizeof(frame));
    if (f) {
        memcpy(frame + 0, &f->cw, 2);
        memcpy(frame + 4, &f->sw, 2);
        memcpy(frame + 8, &f->tag, 2);
        for (int r = 0; r < 8; r++) {
            memcpy(frame + 28 + 10 * r, &f->_st[r], 10);
        }
    }
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    fpe_code = sig == SIGFPE ? si->si_code : 0;
    frame_copy(uc);
    siglongjmp(jb, sig);
}

static void handle(int sig, void (*fn)(int, siginfo_t *, void *))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigaction(sig, &sa, NULL);
}

/* Three values live through n iterations of a loop of three blocks. */
static void t_loop(int n)
{
    __asm__ volatile("fninit\n\t"
                     "fld1\n\t"
                     "fldl %2\n\t"
                     "fldz\n"
                     "1:\tfadd %%st(1), %%st\n\t"
                     "testl $1, %%ecx\n\t"
                     "jz 2f\n\t"
                     "fmul %%st(2), %%st\n\t"
                     "fxch %%st(1)\n\t"
                     "fxch %%st(1)\n"
                     "2:\tdecl %%ecx\n\t"
                     "jnz 1b\n\t"
                     "fnsave %0\n\t"
                     : "=m"(img), "+c"(n) : "m"(c01) : "memory");
    print_image("loop", img);
}

/* The pointer fields (FIP FCS FOP FDP FDS) after a loop of memory and
 * register forms and integer instructions, as FNSTENV stores them (FIP
 * and FDP relative to the code and the data, so that PIE loads compare). */
extern const char x87_live_ptr_label[];
static __attribute__((noinline)) void t_pointers(int n)
{
    static double v[2] = { 1.5, 2.5 };
    uint8_t env[28];
    uint32_t fip, fdp;
    __asm__ volatile("fninit\n\t"
                     "fldl (%%esi)\n"
                     "x87_live_ptr_label:\n"
                     "1:\tfaddl 8(%%esi)\n\t"
                     "fld %%st(0)\n\t"
                     "fmul %%st(1), %%st\n\t"
                     "fstp %%st(1)\n\t"
                     "decl %%ecx\n\t"
                     "jnz 1b\n\t"
                     "addl $1, %%ecx\n\t"
                     "fnstenv %0\n\t"
                     "fninit\n\t"
                     : "=m"(env), "+c"(n) : "S"(v) : "memory");
    memcpy(&fip, env + 12, 4);
    memcpy(&fdp, env + 20, 4);
    printf("pointers: fip label%+d fcs %02x%02x fop %02x%02x fdp v%+d fds %02x%02x\n",
           (int)(fip - (uint32_t)(uintptr_t)x87_live_ptr_label), env[17], env[16],
           env[19], env[18], (int)(fdp - (uint32_t)(uintptr_t)v), env[25], env[24]);
}

/* A fault in the 40th iteration of such a loop: kind 0 an integer load,
 * 1 an x87 load (FADD m64), 2 an x87 store (FSTL m64 to a read-only page). */
static void t_fault(int kind, void *bad)
{
    static double slot = 2.5;
    static const char *const names[] = { "fault int load", "fault x87 load",
                                         "fault x87 store" };
    int n = 100;
    frame_ok = 0;
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile("fninit\n\t"
                         "fld1\n\t"
                         "fldl %3\n\t"
                         "fldz\n"
                         "1:\tfadd %%st(1), %%st\n\t"
                         "movl %%edi, %%edx\n\t"
                         "cmpl $60, %%ecx\n\t"
                         "jne 2f\n\t"
                         "movl %%esi, %%edx\n"
                         "2:\tcmpl $0, %%ebx\n\t"
                         "jne 3f\n\t"
                         "movl (%%edx), %%eax\n\t"
                         "jmp 5f\n"
                         "3:\tcmpl $1, %%ebx\n\t"
                         "jne 4f\n\t"
                         "faddl (%%edx)\n\t"
                         "jmp 5f\n"
                         "4:\tfstl (%%edx)\n"
                         "5:\tfmul %%st(2), %%st\n\t"
                         "decl %%ecx\n\t"
                         "jnz 1b\n\t"
                         : "+c"(n)
                         : "S"(bad), "D"(&slot), "m"(c01), "b"(kind)
                         : "eax", "edx", "memory");
        printf("%s: no fault\n", names[kind]);
    }
    printf("%s: frame %d\n", names[kind], frame_ok);
    print_image(names[kind], frame);
    __asm__ volatile("fninit");
}

/* Timer signals while a loop keeps values on the stack: the handler
 * checks the interrupted state (control word, TOP, the constant in
 * ST(1)), runs x87 code of its own and writes the signal count into the
 * interrupted ST(2), which the loop only reads at the end. */
static volatile int ticks, bad_frames, in_loop;
static void on_alarm(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    struct _libc_fpstate *f = uc->uc_mcontext.fpregs;
    uint8_t one[10];
    (void)sig;
    (void)si;
    ticks++;
    if (!in_loop) {
        return;
    }
    __asm__ volatile("fld1\n\tfstpt %0" : "=m"(one));
    if (!f || (f->cw & 0xffff) != 0x37f || ((f->sw >> 11) & 7) != 5 ||
        memcmp(&f->_st[1], one, 10) != 0) {
        bad_frames++;
        return;
    }
    int t = ticks;
    __asm__ volatile("fildl %1\n\tfstpt %0" : "=m"(f->_st[2]) : "m"(t));
}

static void t_alarm(void)
{
    struct itimerval it = { { 0, 500 }, { 0, 500 } };
    uint8_t acc[10], box[10];
    int limit = 5, count;
    handle(SIGALRM, on_alarm);
    ticks = bad_frames = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    __asm__ volatile("fninit\n\t"
                     "fldz\n\t"
                     "fld1\n\t"
                     "fldz\n\t"
                     "movl $1, %3\n"
                     "1:\tfadd %%st(1), %%st\n\t"
                     "fsub %%st(1), %%st\n\t"
                     "movl %4, %%eax\n\t"
                     "cmpl %2, %%eax\n\t"
                     "jl 1b\n\t"
                     "movl $0, %3\n\t"
                     "fstpt %0\n\t"
                     "fstp %%st(0)\n\t"
                     "fstpt %1\n\t"
                     : "=m"(acc), "=m"(box)
                     : "m"(limit), "m"(in_loop), "m"(ticks)
                     : "eax", "memory");
    memset(&it, 0, sizeof(it));
    setitimer(ITIMER_REAL, &it, NULL);
    count = ticks;
    int got;
    __asm__ volatile("fldt %1\n\tfistpl %0" : "=m"(got) : "m"(box));
    printf("alarm: %d+ ticks, bad frames %d, mailbox is a tick count %d, acc",
           ticks >= 5, bad_frames, got >= 1 && got <= count);
    for (int i = 9; i >= 0; i--) {
        printf("%02x", acc[i]);
    }
    printf("\n");
}

/* fork (int $0x80) with three values on the stack; both sides go on. */
static void t_fork(void)
{
    double out[3];
    int pid;
    fflush(stdout);
    __asm__ volatile("fninit\n\t"
                     "fldpi\n\t"
                     "fld1\n\t"
                     "fldl2e\n\t"
                     "fadd %%st(1), %%st\n\t"
                     "movl $2, %%eax\n\t"
                     "int $0x80\n\t"
                     "movl %%eax, %0\n\t"
                     "fmul %%st(2), %%st\n\t"
                     "fstpl %1\n\t"
                     "fstpl %2\n\t"
                     "fstpl %3\n\t"
                     : "=m"(pid), "=m"(out[0]), "=m"(out[1]), "=m"(out[2])
                     : : "eax", "memory");
    __asm__ volatile("fnsave %0" : "=m"(img));
    unsigned long long bits[3];
    memcpy(bits, out, sizeof(bits));
    if (pid == 0) {
        printf("fork child  %016llx %016llx %016llx\n", bits[0], bits[1], bits[2]);
        print_image("fork child", img);
        fflush(stdout);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    printf("fork parent %016llx %016llx %016llx\n", bits[0], bits[1], bits[2]);
    print_image("fork parent", img);
}

/* Helpers between inline instructions with values on the stack. */
static void t_helpers(void)
{
    static uint8_t fx[512] __attribute__((aligned(16)));
    uint8_t env[28];
    uint16_t cw = 0x0f7f, sw;
    __asm__ volatile("fninit\n\t"
                     "fld1\n\t"
                     "fldl %4\n\t"
                     "fldpi\n\t"
                     "fsin\n\t"
                     "fadd %%st(1), %%st\n\t"
                     "fld1\n\t"
                     "fld %%st(2)\n\t"
                     "fyl2x\n\t"
                     "fmul %%st(1), %%st\n\t"
                     "fxsave %0\n\t"
                     "fsub %%st(2), %%st\n\t"
                     "fnstenv %1\n\t"
                     "fldcw %5\n\t"
                     "fdiv %%st(2), %%st\n\t"
                     "fnstsw %%ax\n\t"
                     "movw %%ax, %2\n\t"
                     "fnsave %3\n\t"
                     : "=m"(fx), "=m"(env), "=m"(sw), "=m"(img)
                     : "m"(c05), "m"(cw)
                     : "eax", "memory");
    printf("helpers fxsave cw %02x%02x sw %02x%02x ftw %02x:", fx[1], fx[0], fx[3], fx[2], fx[4]);
    for (int r = 0; r < 8; r++) {
        if (fx[4] & (1 << (((fx[3] >> 3) + r) & 7))) {
            printf(" ");
            for (int i = 9; i >= 0; i--) {
                printf("%02x", fx[32 + 16 * r + i]);
            }
        }
    }
    printf("\nhelpers fnstenv cw %02x%02x sw %02x%02x tw %02x%02x; fnstsw %04x\n",
           env[1], env[0], env[5], env[4], env[9], env[8], sw);
    print_image("helpers", img);
}

/* Self-modifying code with values on the stack: the loop rewrites the
 * immediate of an instruction further down (an integer store) and
 * stores an x87 value into its own page, every iteration. */
extern const uint8_t smc_start[], smc_patch[], smc_end[];
__asm__(".text\n"
        "smc_start:\n\t"
        "fld1\n\t"
        "fldz\n"
        "1:\tfadd %st(1), %st\n\t"
        "movl %ecx, smc_patch + 1 - smc_start(%edi)\n\t"
        "fstl 0x800(%edi)\n"
        "smc_patch:\n\t"
        "movl $0x12345678, %eax\n\t"
        "addl %eax, %edx\n\t"
        "decl %ecx\n\t"
        "jnz 1b\n\t"
        "fstp %st(1)\n\t"
        "ret\n"
        "smc_end:\n");

static void t_smc(void)
{
    uint8_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int sum = 0, n = 50;
    memcpy(page, smc_start, smc_end - smc_start);
    __asm__ volatile("fninit\n\t"
                     "call *%%esi\n\t"
                     "fnsave %2\n\t"
                     : "+d"(sum), "+c"(n)
                     : "m"(img), "S"(page), "D"(page)
                     : "eax", "memory");
    unsigned long long stored;
    memcpy(&stored, page + 0x800, 8);
    printf("smc: sum %d, stored %016llx\n", sum, stored);
    print_image("smc", img);
    munmap(page, 4096);
}

/* A live loop, then ZE unmasked: the division by zero is pending and the
 * next waiting instruction raises #MF (SIGFPE). */
static void t_unmasked(void)
{
    uint16_t cw = 0x037b;
    int n = 20;
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile("fninit\n\t"
                         "fld1\n\t"
                         "fldz\n"
                         "1:\tfadd %%st(1), %%st\n\t"
                         "decl %%ecx\n\t"
                         "jnz 1b\n\t"
                         "fldcw %1\n\t"
                         "fldz\n\t"
                         "fdivr %%st(1), %%st\n\t"
                         "fwait\n\t"
                         : "+c"(n) : "m"(cw) : "memory");
        printf("unmasked: no signal\n");
    }
    printf("unmasked: si_code %d\n", fpe_code);
    print_image("unmasked", frame);
    __asm__ volatile("fninit");
}

int main(void)
{
    long ps = sysconf(_SC_PAGESIZE);
    uint8_t *none = mmap(NULL, ps, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint8_t *ro = mmap(NULL, ps, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    handle(SIGSEGV, on_fault);
    handle(SIGFPE, on_fault);
    t_loop(1);
    t_loop(2);
    t_loop(1001);
    t_pointers(5);
    t_fault(0, none);
    t_fault(1, none);
    t_fault(2, ro);
    t_alarm();
    t_fork();
    t_helpers();
    t_smc();
    t_unmasked();
    t_loop(7);
    return 0;
}
