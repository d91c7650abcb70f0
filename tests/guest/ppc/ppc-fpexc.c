// Enabled floating-point exceptions, checked against the architecture:
// the expected values below are written out from PowerPC Book I
// (Power ISA 2.03, section 4.4 "Floating-Point Exceptions": 4.4.1
// invalid operation, 4.4.2 zero divide, 4.4.3 overflow, 4.4.4 underflow,
// 4.4.5 inexact) and Book III (MSR[FE0,FE1]: the FP enabled program
// interrupt, SRR0 = the instruction), plus Linux's prctl(PR_SET_FPEXC)
// and the si_code order of arch/powerpc's __parse_fpscr (invalid,
// overflow, underflow, zero divide, inexact). qemu-ppc 7.2 rejects
// PR_SET_FPEXC, traps even in ignore-exceptions mode and reports si_code
// FPE_FLTSUB, so it is no oracle here: the program checks itself and
// prints "N passed, M failed".
// mimic-test: oracle spec
// mimic-test: static-only
#define _GNU_SOURCE
#include <fenv.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <ucontext.h>

/* Each op reads frA/frB/frC from f2, f3, f4 and writes f1, whose value
 * on entry (the first argument) is the "old frD". */
double op_fadd(double old, double a, double b);
double op_fadd_rc(double old, double a, double b);
double op_fmul(double old, double a, double c);
double op_fdiv(double old, double a, double b);
double op_fmuls(double old, double a, double c);
double op_frsp(double old, double b);
double op_fctiw(double old, double b);
double op_fcmpu(double old, double a, double b);
asm(".text\n"
    ".globl op_fadd\nop_fadd: fadd 1,2,3\n blr\n"
    ".globl op_fadd_rc\nop_fadd_rc: fadd. 1,2,3\n blr\n"
    ".globl op_fmul\nop_fmul: fmul 1,2,3\n blr\n"
    ".globl op_fdiv\nop_fdiv: fdiv 1,2,3\n blr\n"
    ".globl op_fmuls\nop_fmuls: fmuls 1,2,3\n blr\n"
    ".globl op_frsp\nop_frsp: frsp 1,2\n blr\n"
    ".globl op_fctiw\nop_fctiw: fctiw 1,2\n blr\n"
    ".globl op_fcmpu\nop_fcmpu: fcmpu 0,2,3\n blr\n");

enum {
    FX = 1u << 31, FEX = 1u << 30, VX = 1u << 29, OX = 1u << 28, UX = 1u << 27,
    ZX = 1u << 26, XX = 1u << 25, VXSNAN = 1u << 24, VXISI = 1u << 23,
    VXIDI = 1u << 22, VXZDZ = 1u << 21, VXIMZ = 1u << 20, FR = 1u << 18,
    FI = 1u << 17, FPRF_NORM_POS = 0x04u << 12, FPRF_DENORM_POS = 0x14u << 12,
    FPCC_FU = 0x01u << 12, VXCVI = 1u << 8, VE = 0x80, OE = 0x40, UE = 0x20,
    ZE = 0x10, XE = 0x08,
};
enum { FLTDIV = 3, FLTOVF = 4, FLTUND = 5, FLTRES = 6, FLTINV = 7 };

static double d_of(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static uint64_t u_of(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

static void set_fpscr(uint32_t v)
{
    double d = d_of(v);
    asm volatile("mtfsf 0xff,%0" : : "f"(d));
}

static uint32_t get_fpscr(void)
{
    double d;
    asm volatile("mffs %0" : "=f"(d));
    return (uint32_t)u_of(d);
}

static sigjmp_buf jb;
static volatile int sig_code;
static volatile uint32_t sig_addr, sig_fpscr, sig_cr;
static volatile uint64_t sig_f1;

static void on_fpe(int sig, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;
    mcontext_t *mc = uc->uc_mcontext.uc_regs;
    sig_code = si->si_code;
    sig_addr = (uint32_t)(uintptr_t)si->si_addr;
    sig_f1 = u_of(mc->fpregs.fpregs[1]);
    sig_fpscr = (uint32_t)u_of(mc->fpregs.fpscr);
    sig_cr = mc->gregs[38];
    siglongjmp(jb, 1);
}

static int passed, failed;
static uint32_t fpscr_undefined;   /* bits the architecture leaves undefined */

static void check(const char *what, uint64_t got, uint64_t want)
{
    if (got == want) {
        passed++;
        printf("ok   %s = 0x%llx\n", what, (unsigned long long)want);
    } else {
        failed++;
        printf("FAIL %s = 0x%llx, the architecture says 0x%llx\n", what,
               (unsigned long long)got, (unsigned long long)want);
    }
}

typedef double (*Op3)(double, double, double);

static const uint64_t OLD = 0x1234567812345678ull;   /* the old frD */

/* Precise mode: the op must raise SIGFPE at its own address with the
 * given si_code, frD (in the signal frame) and FPSCR. */
static void expect_trap(const char *name, Op3 op, uint32_t fpscr_in, double a, double b,
                        int code, uint64_t frd, uint32_t fpscr, const void *addr)
{
    char what[96];
    set_fpscr(fpscr_in);
    if (sigsetjmp(jb, 1) == 0) {
        volatile double r = op(d_of(OLD), a, b);
        (void)r;
        failed++;
        printf("FAIL %s: no SIGFPE (FPSCR 0x%08x)\n", name, get_fpscr());
        set_fpscr(0);
        return;
    }
    snprintf(what, sizeof(what), "%s: si_code", name);
    check(what, sig_code, code);
    snprintf(what, sizeof(what), "%s: si_addr is the instruction", name);
    check(what, sig_addr, (uint32_t)(uintptr_t)addr);
    snprintf(what, sizeof(what), "%s: frD", name);
    check(what, sig_f1, frd);
    snprintf(what, sizeof(what), "%s: FPSCR", name);
    check(what, sig_fpscr & ~fpscr_undefined, fpscr & ~fpscr_undefined);
}

/* Ignore-exceptions mode (MSR[FE0,FE1] = 0): no interrupt, but frD and
 * FPSCR still follow the enable bits. */
static void expect_quiet(const char *name, Op3 op, uint32_t fpscr_in, double a, double b,
                         uint64_t frd, uint32_t fpscr)
{
    char what[96];
    set_fpscr(fpscr_in);
    uint64_t r = u_of(op(d_of(OLD), a, b));
    uint32_t f = get_fpscr();
    set_fpscr(0);
    snprintf(what, sizeof(what), "%s: frD", name);
    check(what, r, frd);
    snprintf(what, sizeof(what), "%s: FPSCR", name);
    check(what, f, fpscr);
}

static double op_frsp3(double old, double b, double unused) { return op_frsp(old, b); }
static double op_fctiw3(double old, double b, double unused) { return op_fctiw(old, b); }

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);

    const double inf = __builtin_inf(), snan = d_of(0x7ff4000000000000ull);
    const double qnan = d_of(0x7ff8000000000000ull);
    const double p1000 = 0x1p1000, p100 = 0x1p100, m1000 = 0x1p-1000, m50 = 0x1p-50;
    const double one_ulp = 1 + 0x1p-52;

    /* prctl: Linux packs the mode into MSR[FE0] (bit 1) and MSR[FE1] (bit 0). */
    unsigned int mode = 99;
    check("PR_GET_FPEXC at start (PR_FP_EXC_DISABLED)", prctl(PR_GET_FPEXC, &mode), 0);
    check("  mode", mode, PR_FP_EXC_DISABLED);
    check("PR_SET_FPEXC 4 fails (EINVAL)", prctl(PR_SET_FPEXC, 4) == -1, 1);
    check("PR_SET_FPEXC PR_FP_EXC_SW_ENABLE fails (SPE only)",
          prctl(PR_SET_FPEXC, PR_FP_EXC_SW_ENABLE) == -1, 1);
    check("PR_SET_FPEXC PR_FP_EXC_ASYNC", prctl(PR_SET_FPEXC, PR_FP_EXC_ASYNC), 0);
    prctl(PR_GET_FPEXC, &mode);
    check("  mode", mode, PR_FP_EXC_ASYNC);

    /* Ignore-exceptions mode first. */
    prctl(PR_SET_FPEXC, PR_FP_EXC_DISABLED);
    /* 4.4.1, VE=1: frD unchanged, FR FI cleared, FPRF unchanged. */
    expect_quiet("VE inf-inf (no interrupt)", op_fadd, VE, inf, -inf, OLD,
                 FX | FEX | VX | VXISI | VE);
    /* 4.4.2, ZE=1: frD unchanged, FPRF unchanged. */
    expect_quiet("ZE 1/0 (no interrupt)", op_fdiv, ZE, 1.0, 0.0, OLD, FX | FEX | ZX | ZE);
    /* 4.4.3, OE=1: 2^1100 scaled by 2^-1536 = 2^-436, exact. */
    expect_quiet("OE 2^1000*2^100 (no interrupt)", op_fmul, OE, p1000, p100,
                 0x24b0000000000000ull, FX | FEX | OX | OE | FPRF_NORM_POS);
    /* 4.4.4, UE=1: an exact tiny result 2^-1050 underflows; scaled by
     * 2^1536 = 2^486. With UE=0 the same exact denormal is no underflow. */
    expect_quiet("UE 2^-1000*2^-50 (no interrupt)", op_fmul, UE, m1000, m50,
                 0x5e50000000000000ull, FX | FEX | UX | UE | FPRF_NORM_POS);
    expect_quiet("no enable: 2^-1000*2^-50 exact denormal", op_fmul, 0, m1000, m50,
                 0x0000000001000000ull, FPRF_DENORM_POS);
    /* 4.4.5, XE=1: the rounded result is written. */
    expect_quiet("XE 1+2^-60 (no interrupt)", op_fadd, XE, 1.0, 0x1p-60,
                 0x3ff0000000000000ull, FX | FEX | XX | FI | XE | FPRF_NORM_POS);

    /* Precise mode. */
    prctl(PR_SET_FPEXC, PR_FP_EXC_PRECISE);
    prctl(PR_GET_FPEXC, &mode);
    check("PR_SET_FPEXC PR_FP_EXC_PRECISE: mode", mode, PR_FP_EXC_PRECISE);
    expect_trap("VE fadd inf-inf", op_fadd, VE, inf, -inf, FLTINV, OLD,
                FX | FEX | VX | VXISI | VE, op_fadd);
    expect_trap("VE fmul 0*inf", op_fmul, VE, 0.0, inf, FLTINV, OLD,
                FX | FEX | VX | VXIMZ | VE, op_fmul);
    expect_trap("VE fdiv 0/0", op_fdiv, VE, 0.0, 0.0, FLTINV, OLD,
                FX | FEX | VX | VXZDZ | VE, op_fdiv);
    expect_trap("VE fdiv inf/inf", op_fdiv, VE, inf, inf, FLTINV, OLD,
                FX | FEX | VX | VXIDI | VE, op_fdiv);
    expect_trap("VE fadd SNaN+1", op_fadd, VE, snan, 1.0, FLTINV, OLD,
                FX | FEX | VX | VXSNAN | VE, op_fadd);
    /* fctiw of a QNaN: VXCVI; frD unchanged. */
    expect_trap("VE fctiw NaN", op_fctiw3, VE, qnan, 0, FLTINV, OLD,
                FX | FEX | VX | VXCVI | VE, op_fctiw);
    /* fcmpu with an SNaN: VXSNAN, FPCC unordered. */
    expect_trap("VE fcmpu SNaN", op_fcmpu, VE, snan, 1.0, FLTINV, OLD,
                FX | FEX | VX | VXSNAN | VE | FPCC_FU, op_fcmpu);
    expect_trap("ZE fdiv 1/0", op_fdiv, ZE, 1.0, 0.0, FLTDIV, OLD, FX | FEX | ZX | ZE, op_fdiv);
    expect_trap("ZE fdiv -3/0", op_fdiv, ZE, -3.0, 0.0, FLTDIV, OLD, FX | FEX | ZX | ZE, op_fdiv);
    expect_trap("OE fmul 2^1000*2^100", op_fmul, OE, p1000, p100, FLTOVF,
                0x24b0000000000000ull, FX | FEX | OX | OE | FPRF_NORM_POS, op_fmul);
    /* (1+2^-52)^2 * 2^1100 = (1 + 2^-51 + 2^-104) 2^1100: rounds down to
     * (1+2^-51) 2^-436 after scaling; inexact, not incremented (FR=0). */
    expect_trap("OE fmul inexact", op_fmul, OE, one_ulp * p1000, one_ulp * p100, FLTOVF,
                0x24b0000000000002ull, FX | FEX | OX | XX | FI | OE | FPRF_NORM_POS, op_fmul);
    /* Overflow and inexact both enabled: Linux reports the overflow. */
    expect_trap("OE+XE fmul inexact", op_fmul, OE | XE, one_ulp * p1000, one_ulp * p100,
                FLTOVF, 0x24b0000000000002ull,
                FX | FEX | OX | XX | FI | OE | XE | FPRF_NORM_POS, op_fmul);
    /* Round toward +inf (RN=2): the same product rounds up: FR=1. */
    expect_trap("OE fmul inexact, round up", op_fmul, OE | 2, one_ulp * p1000, one_ulp * p100,
                FLTOVF, 0x24b0000000000003ull,
                FX | FEX | OX | XX | FI | FR | OE | 2 | FPRF_NORM_POS, op_fmul);
    expect_trap("UE fmul 2^-1000*2^-50", op_fmul, UE, m1000, m50, FLTUND,
                0x5e50000000000000ull, FX | FEX | UX | UE | FPRF_NORM_POS, op_fmul);
    expect_trap("XE fadd 1+2^-60", op_fadd, XE, 1.0, 0x1p-60, FLTRES,
                0x3ff0000000000000ull, FX | FEX | XX | FI | XE | FPRF_NORM_POS, op_fadd);
    /* Overflow with OE=0 but XE=1: the default result (inf), FLTRES; FR
     * is undefined after a disabled overflow (4.4.3). */
    fpscr_undefined = FR;
    expect_trap("XE fmul overflow, OE=0", op_fmul, XE, p1000, p100, FLTRES,
                0x7ff0000000000000ull, FX | FEX | OX | XX | FI | FR | XE | (0x05u << 12),
                op_fmul);
    fpscr_undefined = 0;
    /* Single precision (4.4.3/4.4.4: scaled by 2^-/+192). */
    expect_trap("OE fmuls 2^100*2^100", op_fmuls, OE, p100, p100, FLTOVF,
                0x4070000000000000ull, FX | FEX | OX | OE | FPRF_NORM_POS, op_fmuls);
    expect_trap("UE fmuls 2^-100*2^-50", op_fmuls, UE, 0x1p-100, m50, FLTUND,
                0x4290000000000000ull, FX | FEX | UX | UE | FPRF_NORM_POS, op_fmuls);
    expect_trap("OE frsp 2^200", op_frsp3, OE, 0x1p200, 0, FLTOVF,
                0x4070000000000000ull, FX | FEX | OX | OE | FPRF_NORM_POS, op_frsp);

    /* A record form: CR1 = FPSCR[FX FEX VX OX] when the interrupt comes. */
    expect_trap("VE fadd. inf-inf", op_fadd_rc, VE, inf, -inf, FLTINV, OLD,
                FX | FEX | VX | VXISI | VE, op_fadd_rc);
    check("VE fadd. inf-inf: CR1", (sig_cr >> 24) & 0xf, 0xe);

    /* glibc: feenableexcept switches to precise mode through prctl. */
    prctl(PR_SET_FPEXC, PR_FP_EXC_DISABLED);
    set_fpscr(0);
    feenableexcept(FE_DIVBYZERO);
    prctl(PR_GET_FPEXC, &mode);
    check("feenableexcept(FE_DIVBYZERO): mode", mode, PR_FP_EXC_PRECISE);
    if (sigsetjmp(jb, 1) == 0) {
        volatile double x = 1.0, y = 0.0;
        volatile double z = x / y;
        (void)z;
        check("1.0/0.0 after feenableexcept raises SIGFPE", 0, 1);
    } else {
        check("1.0/0.0 after feenableexcept: si_code", sig_code, FLTDIV);
    }
    fedisableexcept(FE_ALL_EXCEPT);
    prctl(PR_GET_FPEXC, &mode);
    check("fedisableexcept(FE_ALL_EXCEPT): mode", mode, PR_FP_EXC_DISABLED);

    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
