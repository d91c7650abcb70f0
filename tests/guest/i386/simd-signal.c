// mimic-test: mimic-opts -cpu max
/*
 * The FXSR state in i386 signal frames: a handler finds MXCSR and the XMM
 * registers of the interrupted code in its ucontext's fpstate (magic 0 =
 * FXSR data, FP_XSTATE_MAGIC1 in the software-reserved bytes), starts
 * with the initial state (XMM zeroed, MXCSR 0x1f80), and what it writes
 * into the frame is what sigreturn restores.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static uint8_t xmm_in[8][16] __attribute__((aligned(16)));
static uint8_t xmm_out[8][16] __attribute__((aligned(16)));
static uint8_t xmm_handler[8][16] __attribute__((aligned(16)));

static void save_xmm(uint8_t (*p)[16])
{
    __asm__ volatile("movdqu %%xmm0, 0(%0)\n\tmovdqu %%xmm1, 16(%0)\n\t"
                     "movdqu %%xmm2, 32(%0)\n\tmovdqu %%xmm3, 48(%0)\n\t"
                     "movdqu %%xmm4, 64(%0)\n\tmovdqu %%xmm5, 80(%0)\n\t"
                     "movdqu %%xmm6, 96(%0)\n\tmovdqu %%xmm7, 112(%0)"
                     : : "r"(p) : "memory");
}

static void load_xmm(uint8_t (*p)[16])
{
    __asm__ volatile("movdqu 0(%0), %%xmm0\n\tmovdqu 16(%0), %%xmm1\n\t"
                     "movdqu 32(%0), %%xmm2\n\tmovdqu 48(%0), %%xmm3\n\t"
                     "movdqu 64(%0), %%xmm4\n\tmovdqu 80(%0), %%xmm5\n\t"
                     "movdqu 96(%0), %%xmm6\n\tmovdqu 112(%0), %%xmm7"
                     : : "r"(p) : "memory");
}

static void dump(const char *what, uint8_t (*p)[16])
{
    printf("%s:", what);
    for (int i = 0; i < 8; i++) {
        printf(" %02x%02x..%02x", p[i][0], p[i][1], p[i][15]);
    }
    printf("\n");
}

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    uint8_t *fp = (uint8_t *)uc->uc_mcontext.fpregs;
    save_xmm(xmm_handler);
    dump("handler starts with", xmm_handler);
    uint16_t magic;
    uint32_t magic1, mxcsr;
    memcpy(&magic, fp + 110, 2);
    memcpy(&magic1, fp + 112 + 464, 4);
    memcpy(&mxcsr, fp + 112 + 24, 4);
    printf("frame: magic %04x magic1 %08x mxcsr %08x fxsave 64-aligned %d\n",
           magic, magic1, mxcsr, (int)(((uintptr_t)fp + 112) % 64 == 0));
    uint8_t (*fx_xmm)[16] = (uint8_t (*)[16])(fp + 112 + 160);
    dump("frame xmm", fx_xmm);
    /* Clobber the live registers; change xmm3 and MXCSR in the frame. */
    memset(xmm_handler, 0x5a, sizeof(xmm_handler));
    load_xmm(xmm_handler);
    memset(fx_xmm[3], 0xc3, 16);
    mxcsr = 0x9fc0;    /* FTZ, DAZ, all masked */
    memcpy(fp + 112 + 24, &mxcsr, 4);
}

int main(void)
{
    struct sigaction sa = { 0 };
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 16; j++) {
            xmm_in[i][j] = (uint8_t)(i * 16 + j + 1);
        }
    }
    load_xmm(xmm_in);
    raise(SIGUSR1);
    save_xmm(xmm_out);
    dump("after sigreturn", xmm_out);
    /* The second frame shows the MXCSR the first sigreturn restored. */
    raise(SIGUSR1);
    return 0;
}
