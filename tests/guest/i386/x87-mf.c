/*
 * Unmasked x87 exceptions: the faulting instruction only records the
 * exception (ES); the next waiting x87 instruction raises #MF, which Linux
 * delivers as SIGFPE with si_code from the unmasked flags and the FPU state
 * (control and status word) in the signal frame.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf jb;
static volatile int got_code;
static volatile uint32_t frame_cw, frame_sw, at_label;
extern char x87_mf_wait[];

static void on_fpe(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    got_code = si->si_code;
    at_label = (char *)si->si_addr == x87_mf_wait;
    if (uc->uc_mcontext.fpregs) {
        frame_cw = uc->uc_mcontext.fpregs->cw & 0xffff;
        frame_sw = uc->uc_mcontext.fpregs->sw & 0xffff;
    }
    siglongjmp(jb, 1);
}

/* 80-bit extremes: the extended exponent range is what overflows. */
static const uint8_t big[10] = { 0, 0, 0, 0, 0, 0, 0, 0x80, 0xfe, 0x7f };
static const uint8_t tiny[10] = { 0, 0, 0, 0, 0, 0, 0, 0x80, 0x01, 0x00 };
static const uint64_t denorm = 1;
static const uint64_t zero = 0;
static const uint64_t three = 0x4008000000000000ull;

/* Runs op under control word cw (one exception unmasked), then FWAIT at
 * a known address. */
static uint8_t scratch[108];

/* post: what runs between the faulting op and the FWAIT: 0 nothing,
 * 1 FNCLEX, 2 FNSTENV (masks all), 3 FNSAVE (reinit), 4 FLDCW (a waiting
 * instruction: #MF there, not at the FWAIT), 5 FNSTSW AX. */
static void trial(const char *name, int op, uint16_t cw, int post)
{
    uint16_t sw_before = 0, cw_after = 0, sw_after = 0;
    got_code = -1;
    frame_cw = frame_sw = 0;
    at_label = 0;
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\t"
                         "cmpl $0, %[op]\n\tjne 1f\n\t"
                         "fld1\n\tfdivl %[zero]\n\tjmp 9f\n"
                         "1:\tcmpl $1, %[op]\n\tjne 2f\n\t"
                         "fld1\n\tfchs\n\tfsqrt\n\tjmp 9f\n"
                         "2:\tcmpl $2, %[op]\n\tjne 3f\n\t"
                         "fldt %[tiny]\n\tfmul %%st(0), %%st\n\tjmp 9f\n"
                         "3:\tcmpl $3, %[op]\n\tjne 4f\n\t"
                         "fldt %[big]\n\tfmul %%st(0), %%st\n\tjmp 9f\n"
                         "4:\tcmpl $4, %[op]\n\tjne 5f\n\t"
                         "fld1\n\tfdivl %[three]\n\tjmp 9f\n"
                         "5:\tfld1\n\tfaddl %[dn]\n"
                         "9:\tfnstsw %[swb]\n\t"
                         "cmpl $1, %[post]\n\tjne 11f\n\tfnclex\n"
                         "11:\tcmpl $2, %[post]\n\tjne 12f\n\t"
                         "fnstenv %[scr]\n"
                         "12:\tcmpl $3, %[post]\n\tjne 13f\n\t"
                         "fnsave %[scr]\n"
                         "13:\tcmpl $4, %[post]\n\tjne 14f\n\t"
                         "fldcw %[cw]\n"
                         "14:\tcmpl $5, %[post]\n\tjne 15f\n\t"
                         "fnstsw %%ax\n"
                         "15:\n"
                         ".globl x87_mf_wait\nx87_mf_wait:\n\t"
                         "fwait\n\tfninit"
                         : [swb] "=m"(sw_before)
                         : [cw] "m"(cw), [big] "m"(big), [tiny] "m"(tiny),
                           [dn] "m"(denorm), [zero] "m"(zero),
                           [three] "m"(three), [op] "r"(op), [post] "r"(post),
                           [scr] "m"(scratch)
                         : "eax", "cc", "memory");
        printf("%s: no signal, sw %04x\n", name, sw_before);
        return;
    }
    __asm__ volatile("fnstcw %0\n\tfnstsw %1" : "=m"(cw_after), "=m"(sw_after));
    printf("%s: SIGFPE si_code %d at fwait %s, frame cw %04x sw %04x; "
           "in handler's aftermath cw %04x sw %04x\n", name, got_code,
           at_label ? "yes" : "no", frame_cw, frame_sw, cw_after, sw_after);
    __asm__ volatile("fninit");
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);

    trial("divide by zero", 0, 0x037b, 0);
    trial("invalid sqrt", 1, 0x037e, 0);
    trial("underflow", 2, 0x036f, 0);
    trial("overflow", 3, 0x0377, 0);
    trial("precision", 4, 0x035f, 0);
    trial("denormal", 5, 0x037d, 0);
    trial("masked divide", 0, 0x037f, 0);
    trial("divide, fnclex", 0, 0x037b, 1);
    trial("divide, fnstenv", 0, 0x037b, 2);
    trial("divide, fnsave", 0, 0x037b, 3);
    trial("divide, fldcw", 0, 0x037b, 4);
    trial("divide, fnstsw ax", 0, 0x037b, 5);
    return 0;
}
