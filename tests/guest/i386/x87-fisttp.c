/*
 * FISTTP m16/m32/m64 (SSE3): store ST(0) chopped toward zero whatever the
 * rounding control, then pop. Edge values (halves, integer limits and one
 * past, infinities, NaNs, denormals, unsupported encodings), every
 * rounding mode and precision, an empty stack, unmasked #IA (no store, no
 * pop, #MF at the next FWAIT) and a store to a read-only page (SIGSEGV,
 * state in the frame). The host CPU is the oracle (run.sh).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <sys/mman.h>

typedef struct F80 { uint64_t m; uint16_t e; } __attribute__((packed)) F80;

static const F80 vals[] = {
    { 0, 0 }, { 0, 0x8000 },
    { 0x8000000000000000ull, 0x3ffe }, { 0x8000000000000000ull, 0xbffe },   /* +-0.5 */
    { 0xc000000000000000ull, 0x3fff }, { 0xc000000000000000ull, 0xbfff },   /* +-1.5 */
    { 0xa000000000000000ull, 0x4000 }, { 0xa000000000000000ull, 0xc000 },   /* +-2.5 */
    { 0xffffffffffffffffull, 0x3ffe }, { 0xffffffffffffffffull, 0xbffe },   /* +-0.99.. */
    { 0xfffe000000000000ull, 0x400d }, { 0xffff000000000000ull, 0x400d },   /* 32767, 32767.5 */
    { 0x8000000000000000ull, 0x400e }, { 0x8000000000000000ull, 0xc00e },   /* +-32768 */
    { 0x8000800000000000ull, 0xc00e }, { 0x8001000000000000ull, 0xc00e },   /* -32768.5, -32769 */
    { 0xfffffffe00000000ull, 0x401d }, { 0xffffffff00000000ull, 0x401d },   /* 2^31-1, +.5 */
    { 0x8000000000000000ull, 0x401e }, { 0x8000000000000000ull, 0xc01e },   /* +-2^31 */
    { 0x8000000080000000ull, 0xc01e }, { 0x8000000100000000ull, 0xc01e },
    { 0xfffffffffffffffeull, 0x403d }, { 0xffffffffffffffffull, 0x403d },   /* 2^63-2..2^63-1/2 */
    { 0x8000000000000000ull, 0x403e }, { 0x8000000000000000ull, 0xc03e },   /* +-2^63 */
    { 0x8000000000000001ull, 0xc03e }, { 0x8000000000000000ull, 0x407e },
    { 0x8000000000000000ull, 0x7fff }, { 0x8000000000000000ull, 0xffff },   /* +-inf */
    { 0xc000000000000001ull, 0x7fff }, { 0x8000000000000005ull, 0x7fff },   /* QNaN, SNaN */
    { 0xc000000000000000ull, 0xffff },                                      /* indefinite */
    { 0x0000000000000001ull, 0x0000 }, { 0x8000000000000001ull, 0x8000 },   /* denormals */
    { 0x8000000000000000ull, 0x0000 },                                      /* pseudo-denormal */
    { 0x4000000000000000ull, 0x4000 }, { 0x0000000000000000ull, 0x7fff },   /* unnormal, pseudo-inf */
    { 0x8000000000000000ull, 0x3f81 }, { 0xde0b6b3a763ffff0ull, 0x4037 },
};
#define NV (int)(sizeof(vals) / sizeof(vals[0]))

/* Rounding modes x precisions (all exceptions masked). */
static const uint16_t cws[] = { 0x037f, 0x077f, 0x0b7f, 0x0f7f, 0x007f, 0x0e7f };
#define NCW (int)(sizeof(cws) / sizeof(cws[0]))

static const char *const names[] = { "fisttp m16", "fisttp m32", "fisttp m64" };
static const int sizes[] = { 2, 4, 8 };

/* Pushes 1.0, then v (or nothing if !v: ST0 empty), FISTTP of kind k;
 * returns the status word after it and the new ST0 (1.0 if it popped). */
static uint16_t fisttp(int k, const F80 *v, uint8_t *out, uint16_t cw, F80 *st0)
{
    uint16_t sw;
    int push = v != NULL;
    static const F80 none;
#define FISTTP(insn)                                                       \
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfld1\n\t"                   \
                     "testl %[push], %[push]\n\tjz 1f\n\tfldt %[v]\n\t"    \
                     "jmp 2f\n1:\tfincstp\n2:\t" insn " %[o]\n\t"          \
                     "fnstsw %[sw]\n\tfnclex\n\tfstpt %[st0]\n\tfninit"    \
                     : [o] "=m"(*(uint8_t(*)[8])out), [sw] "=m"(sw),        \
                       [st0] "=m"(*st0)                                     \
                     : [v] "m"(v ? *v : none), [cw] "m"(cw),                \
                       [push] "r"(push) : "memory")
    switch (k) {
    case 0: FISTTP("fisttps"); break;
    case 1: FISTTP("fisttpl"); break;
    default: FISTTP("fisttpll"); break;
    }
#undef FISTTP
    return sw;
}

static void print_result(int k, const char *what, uint16_t cw, const uint8_t *out,
                         uint16_t sw, const F80 *st0)
{
    printf("%s cw=%04x %s -> ", names[k], cw, what);
    for (int b = sizes[k] - 1; b >= 0; b--) {
        printf("%02x", out[b]);
    }
    printf(" sw=%04x st0=%04x:%016llx\n", sw, st0->e, (unsigned long long)st0->m);
}

static void sweep(void)
{
    for (int c = 0; c < NCW; c++) {
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i <= NV; i++) {
                uint8_t out[8];
                char what[32];
                F80 st0;
                memset(out, 0xa5, sizeof(out));
                uint16_t sw = fisttp(k, i < NV ? &vals[i] : NULL, out, cws[c], &st0);
                if (i < NV) {
                    snprintf(what, sizeof(what), "%04x:%016llx", vals[i].e,
                             (unsigned long long)vals[i].m);
                } else {
                    snprintf(what, sizeof(what), "empty");
                }
                print_result(k, what, cws[c], out, sw, &st0);
            }
        }
    }
}

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile uint32_t frame_sw, frame_tag;

static void on_signal(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    got_sig = sig;
    got_code = si->si_code;
    if (uc->uc_mcontext.fpregs) {
        frame_sw = uc->uc_mcontext.fpregs->sw & 0xffff;
        frame_tag = uc->uc_mcontext.fpregs->tag & 0xffff;
    }
    siglongjmp(jb, 1);
}

/* Unmasked invalid: out-of-range and NaN operands store nothing and do
 * not pop; the FWAIT after raises SIGFPE (FPE_FLTINV) with the frame's
 * status word showing ES and the unchanged TOP. */
static void unmasked(void)
{
    static const int picks[] = { 0, 4, 12, 15, 19, 24, 28, 30, 31, 36 };
    for (int k = 0; k < 3; k++) {
        for (size_t j = 0; j < sizeof(picks) / sizeof(picks[0]); j++) {
            const F80 *v = &vals[picks[j]];
            uint8_t out[8];
            uint16_t cw = 0x037e, sw = 0;
            memset(out, 0x5a, sizeof(out));
            got_sig = got_code = 0;
            frame_sw = frame_tag = 0;
            if (sigsetjmp(jb, 1) == 0) {
                __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfld1\n\tfldt %[v]\n\t"
                                 "cmpl $0, %[k]\n\tjne 1f\n\tfisttps %[o]\n\tjmp 3f\n"
                                 "1:\tcmpl $1, %[k]\n\tjne 2f\n\tfisttpl %[o]\n\tjmp 3f\n"
                                 "2:\tfisttpll %[o]\n"
                                 "3:\tfnstsw %[sw]\n\tfwait\n\tfninit"
                                 : [o] "=m"(*(uint8_t(*)[8])out), [sw] "=m"(sw)
                                 : [v] "m"(*v), [cw] "m"(cw), [k] "r"(k) : "memory");
            }
            __asm__ volatile("fninit");
            printf("%s unmasked %04x:%016llx -> ", names[k], v->e,
                   (unsigned long long)v->m);
            for (int b = sizes[k] - 1; b >= 0; b--) {
                printf("%02x", out[b]);
            }
            printf(" sw=%04x sig=%d code=%d frame sw=%04x tag=%04x\n", sw, got_sig,
                   got_code, frame_sw, frame_tag);
        }
    }
}

/* A store to a read-only page: SIGSEGV, nothing written, no pop. */
static void readonly(void)
{
    uint8_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        perror("mmap");
        return;
    }
    memset(page, 0x77, 4096);
    mprotect(page, 4096, PROT_READ);
    for (int k = 0; k < 3; k++) {
        uint16_t cw = 0x037f;
        got_sig = 0;
        frame_sw = frame_tag = 0;
        if (sigsetjmp(jb, 1) == 0) {
            __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfld1\n\tfldpi\n\t"
                             "cmpl $0, %[k]\n\tjne 1f\n\tfisttps (%[p])\n\tjmp 3f\n"
                             "1:\tcmpl $1, %[k]\n\tjne 2f\n\tfisttpl (%[p])\n\tjmp 3f\n"
                             "2:\tfisttpll (%[p])\n3:\tfninit"
                             : : [cw] "m"(cw), [k] "r"(k), [p] "r"(page + 100) : "memory");
        }
        __asm__ volatile("fninit");
        printf("%s read-only -> sig=%d byte=%02x frame sw=%04x tag=%04x\n", names[k],
               got_sig, page[100], frame_sw, frame_tag);
    }
    munmap(page, 4096);
}

int main(void)
{
    struct sigaction sa = { 0 };
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sweep();
    unmasked();
    readonly();
    return 0;
}
