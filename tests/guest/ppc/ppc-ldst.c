/* Loads and stores of every form: sizes, algebraic, update, indexed,
 * byte-reversed, lmw/stmw, lswi/lswx/stswi/stswx, dcbz (also on a
 * read-only page: SIGSEGV, the address reported, nothing written),
 * lwarx/stwcx. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf segv_jb;
static void *volatile segv_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    segv_addr = si->si_addr;
    siglongjmp(segv_jb, 1);
}

/* dcbz at offset off of a read-only page holding 0x5a bytes. */
static void dcbz_readonly(int off)
{
    uint8_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(page, 0x5a, 4096);
    mprotect(page, 4096, PROT_READ);
    struct sigaction sa, old;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, &old);
    segv_addr = NULL;
    int faulted = 0;
    if (!sigsetjmp(segv_jb, 1)) {
        asm volatile("dcbz 0,%0" : : "r"(page + off) : "memory");
    } else {
        faulted = 1;
    }
    sigaction(SIGSEGV, &old, NULL);
    int intact = 1;
    for (int i = 0; i < 4096; i++) {
        intact &= page[i] == 0x5a;
    }
    printf("dcbz read-only +%d: faulted %d at +%ld, page intact %d\n", off, faulted,
           segv_addr ? (long)((uint8_t *)segv_addr - page) : -1L, intact);
    munmap(page, 4096);
}

static uint8_t buf[256] __attribute__((aligned(64)));

static void dump(const char *what)
{
    printf("%-8s", what);
    for (int i = 0; i < 48; i++) {
        printf("%02x", buf[i]);
    }
    printf("\n");
}

static void fill(void)
{
    for (int i = 0; i < 256; i++) {
        buf[i] = (uint8_t)(i * 37 + 11);
    }
}

int main(void)
{
    fill();
    uint8_t *p = buf + 16;
    uint32_t a, b, c, d, e, f, g, h;
    asm volatile("lwz %0,0(%8)\n\tlhz %1,2(%8)\n\tlha %2,4(%8)\n\tlbz %3,7(%8)\n\t"
                 "lwbrx %4,0,%8\n\tlhbrx %5,%8,%9\n\tlha %6,-2(%8)\n\tlhax %7,%8,%9"
                 : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d), "=&r"(e), "=&r"(f), "=&r"(g), "=&r"(h)
                 : "b"(p), "r"(6));
    printf("loads %08x %08x %08x %08x %08x %08x %08x %08x\n", a, b, c, d, e, f, g, h);
    uint8_t *q = p;
    asm volatile("lwzu %0,4(%1)" : "=r"(a), "+b"(q));
    printf("lwzu %08x off=%d\n", a, (int)(q - buf));
    asm volatile("lbzu %0,1(%1)\n\tlhzu %2,2(%1)\n\tlhau %3,2(%1)" : "=&r"(a), "+b"(q), "=&r"(b), "=&r"(c));
    printf("lbzu/lhzu/lhau %08x %08x %08x off=%d\n", a, b, c, (int)(q - buf));
    asm volatile("lwzux %0,%1,%2" : "=r"(a), "+b"(q) : "r"(8));
    printf("lwzux %08x off=%d\n", a, (int)(q - buf));
    q = p;
    asm volatile("stw %2,0(%1)\n\tsth %2,4(%1)\n\tstb %2,6(%1)\n\tstwbrx %2,%1,%3\n\tsthbrx %2,%1,%4"
                 : "+m"(buf) : "b"(q), "r"(0xa1b2c3d4), "r"(8), "r"(12));
    dump("stores");
    asm volatile("stwu %2,4(%0)\n\tsthu %2,2(%0)\n\tstbu %2,1(%0)\n\tstwux %2,%0,%3"
                 : "+b"(q), "+m"(buf) : "r"(0x11223344), "r"(5));
    dump("st-upd");
    printf("off=%d\n", (int)(q - buf));
    fill();
    /* lmw/stmw: r26..r31 */
    /* r30 is the PIC register: saved and restored around the asm */
    uint32_t regs[6], save30;
    asm volatile("stw 30,0(%2)\n\tlmw 26,0(%1)\n\tstw 26,0(%0)\n\tstw 27,4(%0)\n\tstw 28,8(%0)\n\t"
                 "stw 29,12(%0)\n\tstw 30,16(%0)\n\tstw 31,20(%0)\n\tlwz 30,0(%2)"
                 : : "b"(regs), "b"(buf + 8), "b"(&save30) : "r26", "r27", "r28", "r29", "r31", "memory");
    printf("lmw %08x %08x %08x %08x %08x %08x\n", regs[0], regs[1], regs[2], regs[3], regs[4], regs[5]);
    asm volatile("stw 30,0(%1)\n\tli 29,0x1111\n\tli 30,0x2222\n\tli 31,0x3333\n\tstmw 29,4(%0)\n\tlwz 30,0(%1)"
                 : : "b"(buf), "b"(&save30) : "r29", "r31", "memory");
    dump("stmw");
    /* string ops: lswi 5 bytes into r5..r6, stswi 7 bytes */
    fill();
    uint32_t s1, s2, s3;
    asm volatile("lswi 5,%3,6\n\tmr %0,5\n\tmr %1,6\n\tli 7,0\n\tmr %2,7"
                 : "=&r"(s1), "=&r"(s2), "=&r"(s3) : "b"(buf + 3) : "r5", "r6", "r7");
    printf("lswi %08x %08x %08x\n", s1, s2, s3);
    asm volatile("lis 5,0x0102\n\tori 5,5,0x0304\n\tlis 6,0x0506\n\tori 6,6,0x0708\n\tstswi 5,%0,7"
                 : : "b"(buf + 1) : "r5", "r6", "memory");
    dump("stswi");
    for (uint32_t n = 0; n < 10; n++) {
        uint32_t o1 = 0, o2 = 0, o3 = 0;
        fill();
        asm volatile("mtxer %3\n\tli 8,0\n\tli 9,0\n\tli 10,0\n\tlswx 8,%4,%5\n\tmr %0,8\n\tmr %1,9\n\tmr %2,10"
                     : "=&r"(o1), "=&r"(o2), "=&r"(o3) : "r"(n), "b"(buf), "r"(5) : "r8", "r9", "r10", "xer");
        printf("lswx n=%u %08x %08x %08x\n", n, o1, o2, o3);
        asm volatile("mtxer %0\n\tlis 8,0x4142\n\tori 8,8,0x4344\n\tlis 9,0x4546\n\tori 9,9,0x4748\n\tstswx 8,%1,%2"
                     : : "r"(n), "b"(buf), "r"(20) : "r8", "r9", "xer", "memory");
        dump("stswx");
    }
    /* dcbz zeroes the 32-byte block */
    fill();
    asm volatile("dcbz 0,%0" : : "r"(buf + 37) : "memory");
    dump("dcbz");
    printf("dcbz block: %02x %02x %02x %02x\n", buf[31], buf[32], buf[63], buf[64]);
    /* lwarx/stwcx.: success, then failure after an intervening stwcx. */
    uint32_t word = 5, old, cr1, cr2;
    asm volatile("lwarx %0,0,%3\n\taddi %0,%0,1\n\tstwcx. %0,0,%3\n\tmfcr %1\n\t"
                 "stwcx. %0,0,%3\n\tmfcr %2"
                 : "=&r"(old), "=&r"(cr1), "=&r"(cr2) : "r"(&word) : "cr0", "memory");
    printf("lwarx/stwcx. word=%u cr0=%x then %x\n", word, (cr1 >> 28) & 0xe, (cr2 >> 28) & 0xe);
    /* sync/eieio/isync/dcbf/dcbst/dcbt/icbi are accepted */
    asm volatile("sync\n\teieio\n\tisync\n\tdcbf 0,%0\n\tdcbst 0,%0\n\tdcbt 0,%0\n\tdcbtst 0,%0\n\ticbi 0,%0"
                 : : "r"(buf));
    printf("cache ops ok\n");
    dcbz_readonly(0);
    dcbz_readonly(37);
    dcbz_readonly(4095);
    return 0;
}
