/*
 * x87 state where Mimic runs x87 code inline on the host x87 (runs of
 * consecutive x87 instructions, docs/x87.md): results, C0-C3, flags and
 * tags after runs; page faults, an operand across 4 GiB and
 * self-modifying stores in the middle of a run, and in integer
 * instructions inside a run (the FPU state in the signal frame); FCOMI
 * and friends inside runs; stack overflow and underflow inside a run; FNCLEX
 * between runs; unmasked exceptions; fork.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>
#include "x87-image.h"

static sigjmp_buf jb;
static uint8_t frame[112];
static int frame_ok;

static void print_image(const char *name, const uint8_t *img)
{
    x87_print_image(name, img);
    printf("\n");
}

static void on_signal(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    struct _libc_fpstate *f = uc->uc_mcontext.fpregs;
    (void)si;
    frame_ok = f != NULL;
    if (f) {
        memset(frame, 0, sizeof(frame));
        memcpy(frame + 0, &f->cw, 2);
        memcpy(frame + 4, &f->sw, 2);
        memcpy(frame + 8, &f->tag, 2);
        for (int r = 0; r < 8; r++) {
            memcpy(frame + 28 + 10 * r, &f->_st[r], 10);
        }
    }
    siglongjmp(jb, sig);
}

static const double vals[8] = {
    1.0 / 3.0, 2.0 / 3.0, 1e300, 1e-300, -7.25, 3.0, 0.1, 1e10,
};
static double out[8];
static uint8_t img[112];

/* Ends a test: prints the state and resets the FPU. */
static void done(const char *name)
{
    __asm__ volatile("fnsave %0" : "=m"(img));
    print_image(name, img);
    uint64_t o[2];
    memcpy(o, out, sizeof(o));
    printf("%-24s out %016llx %016llx\n", name, (unsigned long long)o[0],
           (unsigned long long)o[1]);
    memset(out, 0, sizeof(out));
}

static void arith_runs(void)
{
    /* Round-up C1, PE, a compare's C0-C3 kept under later C1 writers. */
    __asm__ volatile("fninit\n\t"
                     "fldl (%0)\n\tfmull 8(%0)\n\tfldl 40(%0)\n\t"
                     "fdivr %%st(1), %%st\n\tfcom %%st(1)\n\t"
                     "fxch %%st(1)\n\tfstpl (%1)\n\tfld1\n\t"
                     "faddp %%st, %%st(1)\n\tfstl 8(%1)"
                     :: "r"(vals), "r"(out) : "memory");
    done("arith");
    /* Overflow and underflow flags, integer conversions, m32. */
    __asm__ volatile("fninit\n\t"
                     "fldl 16(%0)\n\tfmul %%st(0), %%st\n\tfstps (%1)\n\t"
                     "fldl 24(%0)\n\tfmul %%st(0), %%st\n\tfistl 4(%1)\n\t"
                     "fildl 4(%1)\n\tfadds (%1)\n\tfsqrt\n\tfchs\n\tfabs\n\t"
                     "fldz\n\tfucompp\n\tfldl 32(%0)\n\tfistpll 8(%1)"
                     :: "r"(vals), "r"(out) : "memory");
    done("flags");
    /* FNCLEX between two runs: the second must not see old flags. */
    __asm__ volatile("fninit\n\tfldl (%0)\n\tfmull 8(%0)\n\tfstpl (%1)\n\t"
                     "fnclex\n\tfldl 40(%0)\n\tfaddl 40(%0)\n\tfstpl 8(%1)"
                     :: "r"(vals), "r"(out) : "memory");
    done("fnclex-between");
    /* Eight pushes: the ninth (inside a run) overflows, masked. */
    __asm__ volatile("fninit\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\t"
                     "fld1\n\tfld1\n\tfld1\n\tfldl (%0)\n\tfldl 8(%0)\n\t"
                     "fmul %%st(1), %%st\n\tfstpl (%1)"
                     :: "r"(vals), "r"(out) : "memory");
    done("overflow");
    /* A read of an empty register inside a run: masked underflow. */
    __asm__ volatile("fninit\n\tfldl (%0)\n\tfadd %%st(3), %%st\n\t"
                     "fstl (%1)\n\tfldl 8(%0)\n\tfmulp %%st, %%st(1)"
                     :: "r"(vals), "r"(out) : "memory");
    done("underflow");
    /* Rounding and precision control under a run. */
    {
        uint16_t cw = 0x0c7f;   /* round toward zero, 64-bit precision */
        uint16_t cw24 = 0x007f; /* nearest, 24-bit precision */
        __asm__ volatile("fninit\n\tfldcw %2\n\tfldl (%0)\n\tfdivl 40(%0)\n\t"
                         "fstpl (%1)\n\tfldcw %3\n\tfldl 8(%0)\n\t"
                         "fdivl 48(%0)\n\tfstl 8(%1)"
                         :: "r"(vals), "r"(out), "m"(cw), "m"(cw24)
                         : "memory");
        done("rounding");
    }
}

static void catch_signal(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO;
    sigaction(sig, &sa, NULL);
}

/* After the signal of case `which`: the frame's FPU state; FNINIT. */
static void fault_seen(const char *what, int which)
{
    if (frame_ok) {
        char name[32];
        snprintf(name, sizeof(name), "%s %d", what, which);
        print_image(name, frame);
    }
    __asm__ volatile("fninit");
}

/* A page fault at a run's load or store: the frame shows the state just
 * before the faulting instruction. */
static void fault_runs(uint8_t *bad)
{
    catch_signal(SIGSEGV);
    for (int which = 0; which < 5; which++) {
        frame_ok = 0;
        if (sigsetjmp(jb, 1) == 0) {
            switch (which) {
            case 0:     /* load from an unmapped page after pushes */
                __asm__ volatile("fninit\n\tfldl (%0)\n\tfmull 8(%0)\n\t"
                                 "fldl 16(%0)\n\tfld %%st(1)\n\tfaddl (%1)"
                                 :: "r"(vals), "r"(bad) : "memory");
                break;
            case 1:     /* store to a read-only page after pops */
                __asm__ volatile("fninit\n\tfldl (%0)\n\tfldl 8(%0)\n\t"
                                 "fldl 48(%0)\n\tfmulp\n\tfaddp\n\t"
                                 "fstpl (%1)"
                                 :: "r"(vals), "r"(bad + 4096) : "memory");
                break;
            case 2:     /* FIST to a read-only page after a compare */
                __asm__ volatile("fninit\n\tfldl 32(%0)\n\tfldl 40(%0)\n\t"
                                 "fucom %%st(1)\n\tfistpl (%1)"
                                 :: "r"(vals), "r"(bad + 4096) : "memory");
                break;
            case 4:     /* m64 across 4 GiB: #GP before the access */
                __asm__ volatile("fninit\n\tfldl (%0)\n\tfmull 8(%0)\n\t"
                                 "fld1\n\tfaddl (%1)"
                                 :: "r"(vals), "r"(0xfffffffcu) : "memory");
                break;
            default:    /* load of m80 from an unmapped page */
                __asm__ volatile("fninit\n\tfldpi\n\tfldl 48(%0)\n\t"
                                 "fdiv %%st(1), %%st\n\tfldt (%1)"
                                 :: "r"(vals), "r"(bad) : "memory");
                break;
            }
            printf("fault %d: no fault\n", which);
            __asm__ volatile("fninit");
        } else {
            fault_seen("fault", which);
        }
    }
}

/* Integer instructions between x87 ones (a run goes on across them): a
 * page fault in one of them, with results, C1 and flags only on the host
 * so far; a store's fault after an FST that did not pop and after a
 * compare; the integer results themselves. */
static void int_fault_runs(uint8_t *bad)
{
    uint32_t r[2] = { 0x1234, 0 };
    catch_signal(SIGSEGV);
    for (int which = 0; which < 6; which++) {
        frame_ok = 0;
        if (sigsetjmp(jb, 1) == 0) {
            switch (which) {
            case 0:     /* integer load from an unmapped page */
                __asm__ volatile("fninit\n\tfldl (%0)\n\tmov %%ecx, %%edx\n\t"
                                 "fmull 8(%0)\n\tfldl 16(%0)\n\tadd $1, %%edx\n\t"
                                 "fdivr %%st(1), %%st\n\tmov (%1), %%eax\n\t"
                                 "fld1"
                                 :: "r"(vals), "r"(bad), "c"(3)
                                 : "eax", "edx", "memory");
                break;
            case 1:     /* integer store to a read-only page after pops */
                __asm__ volatile("fninit\n\tfldl (%0)\n\tfldl 8(%0)\n\t"
                                 "fmulp\n\tlea 4(%0), %%eax\n\tfldl 48(%0)\n\t"
                                 "faddp\n\tmovl $5, (%1)\n\tfstpl (%0)"
                                 :: "r"(vals), "r"(bad + 4096)
                                 : "eax", "memory");
                break;
            case 2:     /* FST (no pop) to a read-only page after a compare */
                __asm__ volatile("fninit\n\tfldl 32(%0)\n\tfldl 40(%0)\n\t"
                                 "fcom %%st(1)\n\tsub $2, %%esp\n\t"
                                 "add $2, %%esp\n\tfdiv %%st(1), %%st\n\t"
                                 "fstl (%1)"
                                 :: "r"(vals), "r"(bad + 4096) : "memory");
                break;
            case 3:     /* compare with memory: the load faults */
                __asm__ volatile("fninit\n\tfldl (%0)\n\tfsqrt\n\t"
                                 "fldl 8(%0)\n\tfxch\n\t"
                                 "cmpl %%eax, (%1)\n\tfstpl (%0)"
                                 :: "r"(vals), "r"(bad), "a"(1) : "memory");
                break;
            case 4:     /* push, pop, cmov, imul and setcc in a run */
                __asm__ volatile("fninit\n\tfldl 40(%2)\n\tpush %%eax\n\t"
                                 "fmull 40(%2)\n\timul $7, %%eax, %%eax\n\t"
                                 "pop %%edx\n\tfistl 4(%1)\n\t"
                                 "cmp %%edx, %%eax\n\tcmovg %%edx, %%eax\n\t"
                                 "setg %%dl\n\tfld1\n\tfaddp\n\t"
                                 "movzbl %%dl, %%edx\n\tfstpl 8(%3)\n\t"
                                 "add %%edx, %%eax\n\tmov %%eax, (%1)"
                                 : "+a"(r[0]) : "r"(r), "r"(vals), "r"(out)
                                 : "edx", "memory");
                done("int ops");
                continue;
            default:    /* FISTP m64 to a read-only page after int ops */
                __asm__ volatile("fninit\n\tfldl 56(%0)\n\tfldl (%0)\n\t"
                                 "xor %%edx, %%edx\n\tfmul %%st(1), %%st\n\t"
                                 "inc %%edx\n\tfistpll (%1)"
                                 :: "r"(vals), "r"(bad + 4096) : "edx", "memory");
                break;
            }
            printf("int fault %d: no fault\n", which);
            __asm__ volatile("fninit");
        } else {
            fault_seen("int fault", which);
        }
    }
    printf("int results %08x %08x\n", r[0], r[1]);
}

/* FCOMI, FUCOMI, FCOMIP, FUCOMIP inside runs: EFLAGS (ZF PF CF, and OF
 * SF AF cleared), C0..C3 and C1 of the instruction before kept, IE for
 * a QNaN (FCOMI) or an SNaN (both), the pop. */
static void fcomi_runs(void)
{
    static const uint64_t pairs[][2] = {
        { 0x3ff0000000000000ull, 0x4000000000000000ull },   /* 1 < 2 */
        { 0x4000000000000000ull, 0x3ff0000000000000ull },
        { 0x3ff8000000000000ull, 0x3ff8000000000000ull },   /* equal */
        { 0x7ff8000000000000ull, 0x3ff0000000000000ull },   /* QNaN */
        { 0x3ff0000000000000ull, 0x7ff4000000000000ull },   /* SNaN */
        { 0x8000000000000000ull, 0x0000000000000000ull },   /* -0 = +0 */
    };
    for (unsigned i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        uint8_t f[8];
        uint32_t efl[2];
        char name[32];
        __asm__ volatile("fninit\n\tfldl 8(%2)\n\tfldl (%2)\n\t"
                         "fldl (%3)\n\tfdivl 40(%3)\n\tfstpl (%4)\n\t"
                         "fucomi %%st(1), %%st\n\tpushf\n\tpopl (%1)\n\t"
                         "setb (%0)\n\tsete 1(%0)\n\tsetp 2(%0)\n\t"
                         "fld %%st(0)\n\tfcomip %%st(2), %%st\n\t"
                         "setb 3(%0)\n\tsete 4(%0)\n\tsetp 5(%0)\n\t"
                         "fcomi %%st(1), %%st\n\tpushf\n\tpopl 4(%1)\n\t"
                         "fucomip %%st(1), %%st\n\tseta 6(%0)\n\t"
                         "setbe 7(%0)"
                         :: "r"(f), "r"(efl), "r"(pairs[i]), "r"(vals),
                            "r"(out) : "memory", "cc");
        snprintf(name, sizeof(name), "fcomi %u", i);
        printf("%-24s flags %02x%02x%02x %02x%02x%02x %02x%02x "
               "efl %03x %03x\n", name, f[0], f[1], f[2], f[3], f[4], f[5],
               f[6], f[7], efl[0] & 0x8d5, efl[1] & 0x8d5);
        done(name);
    }
}

/* Self-modifying code: a store inside a run rewrites four FLDZ that the
 * same block executes later into four FLD1. */
static void smc_run(void)
{
    /* D9 E8 repeated: the bytes of this double are FLD1 x 4. */
    static const uint64_t fld1x4 = 0xe8d9e8d9e8d9e8d9ull;
    extern const uint8_t smc_tpl[], smc_patch[], smc_end[];
    size_t n;
    uint8_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        printf("smc: mmap failed\n");
        return;
    }
    __asm__ volatile("jmp 1f\n"
                     "smc_tpl:\n\t"
                     "fldl (%%eax)\n\tfld %%st(0)\n\tfmul %%st(1), %%st\n\t"
                     "fxch\n\tfstpl (%%ecx)\n\tfsqrt\n"
                     "smc_patch:\n\t"
                     "fldz\n\tfldz\n\tfldz\n\tfldz\n\t"
                     "faddp\n\tret\n"
                     "smc_end:\n"
                     "1:" ::: "memory");
    n = (size_t)(smc_end - smc_tpl);
    memcpy(code, smc_tpl, n);
    for (int pass = 0; pass < 2; pass++) {
        memcpy(code, smc_tpl, n);
        __asm__ volatile("fninit\n\tcall *%2"
                         :: "a"(&fld1x4), "c"(code + (smc_patch - smc_tpl)),
                            "r"(code) : "memory");
        done(pass ? "smc again" : "smc");
    }
    munmap(code, 4096);
}

/* Unmasked precision exception: runs fall back to the exact helpers; the
 * #MF comes at the next waiting instruction (SIGFPE). */
static void unmasked_run(void)
{
    uint16_t cw = 0x037f & ~0x20;
    catch_signal(SIGFPE);
    frame_ok = 0;
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile("fninit\n\tfldcw %2\n\tfldl (%0)\n\tfmull 8(%0)\n\t"
                         "fstpl (%1)\n\tfld1"
                         :: "r"(vals), "r"(out), "m"(cw) : "memory");
        printf("unmasked: no SIGFPE\n");
    } else if (frame_ok) {
        print_image("unmasked", frame);
    }
    __asm__ volatile("fninit");
}

/* fork between runs with values on the stack and flags up. */
static void fork_run(void)
{
    pid_t pid;
    int st;
    __asm__ volatile("fninit\n\tfldl (%0)\n\tfmull 8(%0)\n\tfldl 16(%0)"
                     :: "r"(vals) : "memory");
    fflush(stdout);
    pid = fork();
    __asm__ volatile("fmul %%st(1), %%st\n\tfstpl (%0)" :: "r"(out) : "memory");
    if (pid == 0) {
        done("fork child");
        fflush(stdout);
        _exit(0);
    }
    waitpid(pid, &st, 0);
    done("fork parent");
}

int main(void)
{
    uint8_t *bad = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
                        -1, 0);
    munmap(bad, 4096);          /* first page unmapped, second read-only */
    for (int rep = 0; rep < 2; rep++) {     /* second time: translated */
        arith_runs();
        fault_runs(bad);
        int_fault_runs(bad);
        fcomi_runs();
        smc_run();
        unmasked_run();
    }
    fork_run();
    return 0;
}
