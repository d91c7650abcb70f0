/* Rotates, masks and shifts: rlwinm/rlwimi/rlwnm over many SH/MB/ME,
 * slw/srw/sraw/srawi with CA at every count, cntlzw, extsb/extsh, with
 * and without Rc. */
#include <stdint.h>
#include <stdio.h>

/* mtcr writes every CR field: asm that uses it clobbers them all. */
#define CR_ALL "cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6", "cr7"

static const uint32_t vals[] = { 0, 1, 0x80000000, 0xffffffff, 0x12345678, 0x8badf00d, 0x7fffffff, 0x00ff00ff };
#define NV (sizeof(vals) / sizeof(vals[0]))

#define RLWINM(sh, mb, me)                                                        \
    do {                                                                          \
        uint32_t d, cr;                                                           \
        asm volatile("mtcr %3\n\trlwinm. %0,%2," #sh "," #mb "," #me "\n\tmfcr %1" \
                     : "=&r"(d), "=&r"(cr) : "r"(v), "r"(0) : CR_ALL);             \
        printf("rlwinm. %08x,%2d,%2d,%2d -> %08x cr=%x\n", v, sh, mb, me, d, cr >> 28); \
    } while (0)
#define RLWIMI(sh, mb, me)                                                        \
    do {                                                                          \
        uint32_t d = 0xa5a5a5a5;                                                  \
        asm volatile("rlwimi %0,%1," #sh "," #mb "," #me : "+r"(d) : "r"(v));     \
        printf("rlwimi %08x,%2d,%2d,%2d -> %08x\n", v, sh, mb, me, d);            \
    } while (0)
#define RLWNM(mb, me)                                                             \
    do {                                                                          \
        for (uint32_t n = 0; n < 40; n += 7) {                                    \
            uint32_t d;                                                           \
            asm volatile("rlwnm %0,%1,%2," #mb "," #me : "=r"(d) : "r"(v), "r"(n)); \
            printf("rlwnm %08x,%u,%2d,%2d -> %08x\n", v, n, mb, me, d);           \
        }                                                                         \
    } while (0)

int main(void)
{
    for (size_t i = 0; i < NV; i++) {
        uint32_t v = vals[i];
        RLWINM(0, 0, 31); RLWINM(1, 0, 31); RLWINM(31, 0, 31); RLWINM(4, 24, 31);
        RLWINM(8, 0, 7); RLWINM(16, 16, 15); RLWINM(3, 28, 3); RLWINM(0, 31, 0);
        RLWINM(12, 5, 5); RLWINM(27, 5, 31); RLWINM(5, 0, 26); RLWINM(0, 1, 0);
        RLWIMI(0, 0, 31); RLWIMI(8, 8, 15); RLWIMI(24, 0, 7); RLWIMI(4, 30, 2);
        RLWIMI(31, 31, 31); RLWIMI(16, 16, 31);
        RLWNM(0, 31); RLWNM(8, 23); RLWNM(28, 3);
        for (uint32_t n = 0; n < 64; n++) {
            uint32_t s1, s2, s3, xer, cr;
            asm volatile("mtxer %6\n\tmtcr %6\n\tslw %0,%4,%5\n\tsrw %1,%4,%5\n\t"
                         "sraw. %2,%4,%5\n\tmfxer %3"
                         : "=&r"(s1), "=&r"(s2), "=&r"(s3), "=&r"(xer)
                         : "r"(v), "r"(n | 0xffffff00u * (n & 1)), "r"(0) : CR_ALL, "xer");
            asm volatile("mfcr %0" : "=r"(cr));
            printf("shift %08x n=%2u slw=%08x srw=%08x sraw=%08x xer=%08x cr=%x\n",
                   v, n, s1, s2, s3, xer, cr >> 28);
        }
#define SRAWI(n)                                                                  \
        do {                                                                      \
            uint32_t d, xer;                                                      \
            asm volatile("mtxer %3\n\tsrawi %0,%2," #n "\n\tmfxer %1"             \
                         : "=&r"(d), "=&r"(xer) : "r"(v), "r"(0) : "xer");        \
            printf("srawi %08x,%2d -> %08x xer=%08x\n", v, n, d, xer);            \
        } while (0)
        SRAWI(0); SRAWI(1); SRAWI(4); SRAWI(15); SRAWI(31);
        uint32_t c, b, h;
        asm volatile("cntlzw %0,%3\n\textsb %1,%3\n\textsh %2,%3" : "=&r"(c), "=&r"(b), "=&r"(h) : "r"(v));
        printf("cntlzw/extsb/extsh %08x -> %u %08x %08x\n", v, c, b, h);
    }
    return 0;
}
