/* Double-precision add/sub/mul/div and the multiply-add family with
 * FPSCR[XX] already set in round-to-nearest, where Mimic runs them inline
 * and computes FI/FR/FPRF only when FPSCR is read: results near the edges
 * of the inline path (smallest normal binade, tiny, huge, NaN, infinity),
 * FPSCR after each op, after a following fcmpu (its FPCC must win over
 * the lazy FPRF) and after a following slow op, and fma single rounding.
 * FX and FR are masked (qemu-ppc sets FX on every inexact result and
 * never sets FR), and FI after fcmpu (the architecture leaves it as the
 * op before set it, qemu-ppc clears it). Also two ops in a row (the
 * second one's FI/FPRF count), ops whose special result leaves the
 * inline path in the middle of a sequence, and the FPSCR a signal
 * handler sees in the signal frame after an op followed by a faulting
 * load. Oracle: qemu-ppc. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static double d(uint64_t u) { double x; memcpy(&x, &u, 8); return x; }
static uint64_t u(double x) { uint64_t v; memcpy(&v, &x, 8); return v; }

static const uint64_t vals[] = {
    0x3ff0000000000000, 0x4008000000000000, 0xbfd5555555555555, 0x3ff0000000000001,
    0x3fefffffffffffff, 0x0020000000000000, 0x0010000000000001, 0x0000000000000003,
    0x7fe0000000000000, 0xffefffffffffffff, 0x7ff0000000000000, 0x7ff8000000000000,
    0x7ff4000000000000, 0x0000000000000000, 0x8000000000000000, 0x4340000000000001,
};
#define NV (sizeof(vals) / sizeof(vals[0]))

#define MASK 0x7ffbffffu   /* all but FX and FR */

static void set_fpscr_xx(void)
{
    double f = d(0x02000000);   /* XX only: RN nearest, nothing enabled */
    asm volatile("mtfsf 0xff,%0" : : "f"(f));
}

static uint32_t get_fpscr(void)
{
    double f;
    asm volatile("mffs %0" : "=f"(f));
    return (uint32_t)u(f);
}

#define OP2(name, insn)                                                          \
    static void name(uint64_t a, uint64_t b)                                     \
    {                                                                            \
        double r, x = d(a), y = d(b);                                            \
        set_fpscr_xx();                                                          \
        asm volatile(insn " %0,%1,%2" : "=f"(r) : "f"(x), "f"(y));               \
        uint32_t f1 = get_fpscr();                                               \
        set_fpscr_xx();                                                          \
        uint32_t cr;                                                             \
        asm volatile(insn " %0,%2,%3\n\tfcmpu 1,%2,%3\n\tmfcr %1"                \
                     : "=&f"(r), "=r"(cr) : "f"(x), "f"(y) : "cr1");             \
        uint32_t f2 = get_fpscr();                                               \
        set_fpscr_xx();                                                          \
        double s;                                                                \
        asm volatile(insn " %0,%2,%3\n\tfrsp %1,%0" : "=&f"(r), "=f"(s) : "f"(x), "f"(y)); \
        uint32_t f3 = get_fpscr();                                               \
        printf("%-6s %016llx %016llx -> %016llx fpscr %08x cmp %08x cr1 %x frsp %08x\n", \
               insn, (unsigned long long)a, (unsigned long long)b,               \
               (unsigned long long)u(r), f1 & MASK, f2 & MASK & ~0x20000u, (cr >> 24) & 15, \
               f3 & MASK);                                                       \
    }
OP2(t_fadd, "fadd") OP2(t_fsub, "fsub") OP2(t_fmul, "fmul") OP2(t_fdiv, "fdiv")

#define OP3(name, insn)                                                          \
    static void name(uint64_t a, uint64_t c, uint64_t b)                         \
    {                                                                            \
        double r;                                                                \
        set_fpscr_xx();                                                          \
        asm volatile(insn " %0,%1,%2,%3" : "=f"(r) : "f"(d(a)), "f"(d(c)), "f"(d(b))); \
        uint32_t f1 = get_fpscr();                                               \
        printf("%-7s %016llx %016llx %016llx -> %016llx fpscr %08x\n", insn,    \
               (unsigned long long)a, (unsigned long long)c, (unsigned long long)b, \
               (unsigned long long)u(r), f1 & MASK);                             \
    }
OP3(t_fmadd, "fmadd") OP3(t_fmsub, "fmsub") OP3(t_fnmadd, "fnmadd") OP3(t_fnmsub, "fnmsub")

/* Two ops in one sequence, then FPSCR. */
#define SEQ(name, insns)                                                         \
    static void name(uint64_t a, uint64_t b)                                     \
    {                                                                            \
        double r1, r2;                                                           \
        set_fpscr_xx();                                                          \
        asm volatile(insns : "=&f"(r1), "=&f"(r2) : "f"(d(a)), "f"(d(b)));       \
        uint32_t f = get_fpscr();                                                \
        printf("%-24s %016llx %016llx -> %016llx %016llx fpscr %08x\n", #name,  \
               (unsigned long long)a, (unsigned long long)b,                     \
               (unsigned long long)u(r1), (unsigned long long)u(r2), f & MASK);  \
    }
SEQ(div_then_add, "fdiv %0,%2,%3\n\tfadd %1,%2,%2")
SEQ(add_then_div, "fadd %0,%2,%2\n\tfdiv %1,%2,%3")
SEQ(div_then_moves, "fdiv %0,%2,%3\n\tfmr %1,%0\n\tfneg %1,%1\n\tfabs %0,%1")
SEQ(div_then_mul_special, "fdiv %0,%2,%3\n\tfmul %1,%2,%3")
SEQ(mul_special_then_div, "fmul %1,%2,%3\n\tfdiv %0,%2,%3")
SEQ(madd_then_sub, "fmadd %0,%2,%3,%2\n\tfsub %1,%0,%3")

static sigjmp_buf fault_jb;
static volatile uint32_t fault_fpscr;

static void on_segv(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    (void)sig;
    (void)si;
    fault_fpscr = (uint32_t)u(uc->uc_mcontext.uc_regs->fpregs.fpscr);
    siglongjmp(fault_jb, 1);
}

/* An op, then a load that faults: the signal frame holds its FPSCR. */
static void t_fault(uint64_t a, uint64_t b)
{
    static volatile double r;
    uint32_t w;
    fault_fpscr = 0;
    set_fpscr_xx();
    if (!sigsetjmp(fault_jb, 1)) {
        double t;
        asm volatile("fdiv %0,%2,%3\n\tlwz %1,0(%4)"
                     : "=&f"(t), "=&r"(w) : "f"(d(a)), "f"(d(b)), "b"(0) : "memory");
        r = t;
    }
    printf("fault after fdiv %016llx %016llx: fpscr in frame %08x\n",
           (unsigned long long)a, (unsigned long long)b, fault_fpscr & MASK);
}

int main(void)
{
    for (size_t i = 0; i < NV; i++) {
        for (size_t j = 0; j < NV; j++) {
            t_fadd(vals[i], vals[j]);
            t_fsub(vals[i], vals[j]);
            t_fmul(vals[i], vals[j]);
            t_fdiv(vals[i], vals[j]);
        }
    }
    for (size_t i = 0; i < NV; i += 3) {
        for (size_t j = 0; j < NV; j += 2) {
            for (size_t k = 0; k < NV; k += 3) {
                t_fmadd(vals[i], vals[j], vals[k]);
                t_fmsub(vals[i], vals[j], vals[k]);
                t_fnmadd(vals[i], vals[j], vals[k]);
                t_fnmsub(vals[i], vals[j], vals[k]);
            }
        }
    }
    /* rounded once: (1 + 2^-52)(1 - 2^-53) - 1 = 2^-53 - 2^-105 */
    t_fmadd(0x3ff0000000000001, 0x3fefffffffffffff, 0xbff0000000000000);
    t_fmsub(0x3ff0000000000001, 0x3fefffffffffffff, 0x3ff0000000000000);
    t_fnmadd(0x3ff0000000000001, 0x3fefffffffffffff, 0xbff0000000000000);
    t_fnmsub(0x3ff0000000000001, 0x3fefffffffffffff, 0x3ff0000000000000);
    for (size_t i = 0; i < NV; i += 2) {
        for (size_t j = 0; j < NV; j += 3) {
            div_then_add(vals[i], vals[j]);
            add_then_div(vals[i], vals[j]);
            div_then_moves(vals[i], vals[j]);
            div_then_mul_special(vals[i], vals[j]);
            mul_special_then_div(vals[i], vals[j]);
            madd_then_sub(vals[i], vals[j]);
        }
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    t_fault(0x3ff0000000000000, 0x4008000000000000);
    t_fault(0x3ff0000000000000, 0x4000000000000000);
    t_fault(0xbff0000000000000, 0x4008000000000000);
    return 0;
}
