/*
 * x87 instructions that fault: undefined encodings and LOCK (SIGILL),
 * misaligned FXSAVE/FXRSTOR and a reserved MXCSR bit (#GP, SIGSEGV), and
 * stores/loads to an unmapped page (SIGSEGV) with the FPU state in the
 * signal frame showing the instruction did not happen (no pop, no flags).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf jb;
static volatile uint32_t frame_sw, frame_tag, frame_cw;

static void on_signal(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    if (uc->uc_mcontext.fpregs) {
        frame_cw = uc->uc_mcontext.fpregs->cw & 0xffff;
        frame_sw = uc->uc_mcontext.fpregs->sw & 0xffff;
        frame_tag = uc->uc_mcontext.fpregs->tag & 0xffff;
    }
    siglongjmp(jb, sig);
}

static uint8_t fxbuf[1024] __attribute__((aligned(16)));

static void try_insn(const char *name, int which)
{
    int sig;
    frame_sw = frame_tag = frame_cw = 0;
    if ((sig = sigsetjmp(jb, 1)) == 0) {
        switch (which) {
        case 0: __asm__ volatile("fninit\n\tfld1\n\tfld1\n\t"
                                 ".byte 0xf0, 0xd8, 0xc1"); break; /* lock fadd */
        case 1: __asm__ volatile("fninit\n\t.byte 0xd9, 0xd1"); break;
        case 2: __asm__ volatile("fninit\n\t.byte 0xdb, 0xe5"); break;
        case 3: __asm__ volatile("fninit\n\t.byte 0xdf, 0xe1"); break;
        case 4: __asm__ volatile("fninit\n\t.byte 0xd9, 0x08" /* d9 /1 [eax] */
                                 :: "a"(fxbuf) : "memory"); break;
        case 5: __asm__ volatile("fninit\n\t.byte 0xde, 0xda"); break;
        case 6: __asm__ volatile("fxsave %0" : "=m"(*(uint8_t(*)[512])(fxbuf + 8))); break;
        case 7: __asm__ volatile("fxrstor %0" :: "m"(*(uint8_t(*)[512])(fxbuf + 8))); break;
        case 8:
            __asm__ volatile("fxsave %0" : "=m"(*(uint8_t(*)[512])fxbuf));
            fxbuf[26] = 0x01;               /* MXCSR bit 16: reserved */
            __asm__ volatile("fxrstor %0" :: "m"(*(uint8_t(*)[512])fxbuf));
            break;
        case 9:   /* FSTP to an unmapped page: not popped, PE not raised */
            __asm__ volatile("fninit\n\tfld1\n\tfldpi\n\tfstps (%0)"
                             :: "r"(16) : "memory"); break;
        case 10:  /* FISTP m64 likewise */
            __asm__ volatile("fninit\n\tfldpi\n\tfistpll (%0)"
                             :: "r"(16) : "memory"); break;
        case 11:  /* FLD m80 from an unmapped page: not pushed */
            __asm__ volatile("fninit\n\tfldpi\n\tfldt (%0)"
                             :: "r"(16) : "memory"); break;
        case 12:  /* FNSAVE to an unmapped page: not reinitialised */
            __asm__ volatile("fninit\n\tfldpi\n\tfld1\n\tfnsave (%0)"
                             :: "r"(16) : "memory"); break;
        case 13:  /* FADD m64 from an unmapped page */
            __asm__ volatile("fninit\n\tfldpi\n\tfaddl (%0)"
                             :: "r"(16) : "memory"); break;
        }
        printf("%s: no signal\n", name);
        __asm__ volatile("fninit");
        return;
    }
    printf("%s: signal %d", name, sig);
    if (which >= 9) {
        printf(", frame cw %04x sw %04x tag %04x", frame_cw, frame_sw,
               frame_tag);
    }
    printf("\n");
    __asm__ volatile("fninit");
}

int main(void)
{
    static const char *const names[] = {
        "lock fadd", "d9 d1", "db e5", "df e1", "d9 /1 mem", "de da",
        "fxsave misaligned", "fxrstor misaligned", "fxrstor bad mxcsr",
        "fstp m32 unmapped", "fistp m64 unmapped", "fld m80 unmapped",
        "fnsave unmapped", "fadd m64 unmapped",
    };
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    for (int i = 0; i < 14; i++) {
        try_insn(names[i], i);
    }
    return 0;
}
