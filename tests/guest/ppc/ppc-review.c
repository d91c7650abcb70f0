/* Review edge cases of the PowerPC front end: lwarx/stwcx. on unaligned
 * addresses (an alignment interrupt, SIGBUS), lswx with a zero count
 * (no register changes), and mtcrf with FXM = 0 (no field changes). */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf jb;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    printf("  signal %d code %d\n", sig, si->si_code);
    siglongjmp(jb, 1);
}

static uint32_t buf[8] __attribute__((aligned(64)));

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);

    for (int off = 0; off < 4; off++) {
        volatile uint32_t v = 0xdeadbeef;
        buf[0] = 0x11223344;
        buf[1] = 0x55667788;
        printf("lwarx offset %d\n", off);
        if (!sigsetjmp(jb, 1)) {
            uint32_t t;
            char *p = (char *)buf + off;
            asm volatile("lwarx %0,0,%1" : "=r"(t) : "r"(p) : "memory");
            v = t;
            printf("  loaded %08x\n", (unsigned)v);
        }
        printf("stwcx. offset %d\n", off);
        if (!sigsetjmp(jb, 1)) {
            uint32_t t, cr;
            char *p = (char *)buf + off;
            asm volatile("lwarx %0,0,%2\n\tstwcx. %3,0,%2\n\tmfcr %1"
                         : "=&r"(t), "=&r"(cr) : "r"((char *)buf), "r"(0xcafef00d),
                           "b"(p) : "memory", "cr0");
            asm volatile("lwarx %0,0,%1" : "=r"(t) : "r"((char *)buf) : "memory");
            asm volatile("stwcx. %2,0,%1\n\tmfcr %0"
                         : "=r"(cr) : "r"(p), "r"(0xa5a5a5a5) : "memory", "cr0");
            printf("  cr0=%x\n", (cr >> 28) & 0xe);
        }
        printf("  words %08x %08x\n", buf[0], buf[1]);
    }

    uint32_t a = 0x01020304, b = 0x05060708;
    memcpy(buf, "abcdefgh", 8);
    asm volatile("li 0,0\n\tmtxer 0\n\tmr 8,%0\n\tmr 9,%1\n\tlswx 8,0,%2\n\tmr %0,8\n\tmr %1,9"
                 : "+r"(a), "+r"(b) : "r"(buf) : "r0", "r8", "r9", "xer");
    printf("lswx n=0 -> %08x %08x\n", a, b);

    uint32_t cr;
    asm volatile("lis 0,0x1234\n\tori 0,0,0x5678\n\tmtcrf 0xff,0\n\tli 0,0\n\t"
                 ".long 0x7c000120\n\tmfcr %0" : "=r"(cr) : : "r0", "cr0", "cr1", "cr2",
                 "cr3", "cr4", "cr5", "cr6", "cr7");
    printf("mtcrf fxm=0 -> %08x\n", cr);
    return 0;
}
