/* Branches: bc with every BO form on every CR bit value, CTR decrement
 * and test, bclr/bcctr with and without LK, CR logical ops, mcrf, mtcrf,
 * mfocrf/mtocrf, mcrxr. */
#include <stdint.h>
#include <stdio.h>

/* mtcr writes every CR field: asm that uses it clobbers them all. */
#define CR_ALL "cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6", "cr7"

/* bc BO,BI: returns 1 if taken; also reports CTR after. */
#define BCTEST(bo)                                                                \
    static int bc_##bo(uint32_t cr, uint32_t ctr_in, uint32_t *ctr_out)           \
    {                                                                             \
        int taken;                                                                \
        uint32_t ctr;                                                             \
        asm volatile("mtcr %2\n\tmtctr %3\n\tli %0,0\n\t"                         \
                     "bc " #bo ",6,1f\n\tb 2f\n1:\tli %0,1\n2:\tmfctr %1"         \
                     : "=&r"(taken), "=&r"(ctr) : "r"(cr), "r"(ctr_in) : CR_ALL, "ctr"); \
        *ctr_out = ctr;                                                           \
        return taken;                                                             \
    }
BCTEST(0) BCTEST(2) BCTEST(4) BCTEST(8) BCTEST(10) BCTEST(12) BCTEST(16) BCTEST(18) BCTEST(20)
BCTEST(1) BCTEST(3) BCTEST(5) BCTEST(9) BCTEST(11) BCTEST(13) BCTEST(17) BCTEST(19)

typedef int (*bcfn)(uint32_t, uint32_t, uint32_t *);
static const struct { const char *name; bcfn f; } bcs[] = {
    { "bc0", bc_0 }, { "bc2", bc_2 }, { "bc4", bc_4 }, { "bc8", bc_8 }, { "bc10", bc_10 },
    { "bc12", bc_12 }, { "bc16", bc_16 }, { "bc18", bc_18 }, { "bc20", bc_20 },
    { "bc1", bc_1 }, { "bc3", bc_3 }, { "bc5", bc_5 }, { "bc9", bc_9 }, { "bc11", bc_11 },
    { "bc13", bc_13 }, { "bc17", bc_17 }, { "bc19", bc_19 },
};

static int __attribute__((noinline)) callee(int x) { return x * 3 + 1; }

int main(void)
{
    /* CR bit 6 = CR1[EQ] */
    for (size_t k = 0; k < sizeof(bcs) / sizeof(bcs[0]); k++) {
        for (uint32_t crv = 0; crv < 2; crv++) {
            for (uint32_t ctr = 0; ctr < 3; ctr++) {
                uint32_t out;
                int t = bcs[k].f(crv ? 0x02000000 : 0, ctr, &out);
                printf("%s crbit=%u ctr=%u -> taken=%d ctr=%u\n", bcs[k].name, crv, ctr, t, out);
            }
        }
    }
    /* bdnz loop */
    uint32_t n = 0;
    asm volatile("li %0,0\n\tli 9,17\n\tmtctr 9\n1:\taddi %0,%0,2\n\tbdnz 1b" : "=&r"(n) : : "r9", "ctr");
    printf("bdnz loop -> %u\n", n);
    /* bcctr / bclr */
    int (*fp)(int) = callee;
    volatile int r = fp(5);
    printf("indirect call -> %d\n", r);
    uint32_t lr;
    asm volatile("bl 1f\n1:\tmflr %0" : "=r"(lr) : : "lr");
    printf("bl/mflr low bits -> %u\n", lr & 3);
    uint32_t t1;
    asm volatile("lis 9,1f@ha\n\taddi 9,9,1f@l\n\tmtctr 9\n\tli %0,0\n\tbctr\n\tli %0,99\n1:\taddi %0,%0,7"
                 : "=&r"(t1) : : "r9", "ctr");
    printf("bctr -> %u\n", t1);
    /* CR logic: every op on every pair of input bits */
    static const char *names[] = { "crand", "crandc", "creqv", "crnand", "crnor", "cror", "crorc", "crxor" };
    for (uint32_t a = 0; a < 2; a++) {
        for (uint32_t b = 0; b < 2; b++) {
            uint32_t cr_in = (a << 31) | (b << 26), res[8];
            asm volatile("mtcr %8\n\tcrand 13,0,5\n\tmfcr %0\n\tmtcr %8\n\tcrandc 13,0,5\n\tmfcr %1\n\t"
                         "mtcr %8\n\tcreqv 13,0,5\n\tmfcr %2\n\tmtcr %8\n\tcrnand 13,0,5\n\tmfcr %3\n\t"
                         "mtcr %8\n\tcrnor 13,0,5\n\tmfcr %4\n\tmtcr %8\n\tcror 13,0,5\n\tmfcr %5\n\t"
                         "mtcr %8\n\tcrorc 13,0,5\n\tmfcr %6\n\tmtcr %8\n\tcrxor 13,0,5\n\tmfcr %7"
                         : "=&r"(res[0]), "=&r"(res[1]), "=&r"(res[2]), "=&r"(res[3]), "=&r"(res[4]),
                           "=&r"(res[5]), "=&r"(res[6]), "=&r"(res[7])
                         : "r"(cr_in) : CR_ALL);
            for (int k = 0; k < 8; k++) {
                printf("%s a=%u b=%u -> cr=%08x\n", names[k], a, b, res[k]);
            }
        }
    }
    uint32_t cr, f1, f2;
    asm volatile("mtcr %3\n\tmcrf 5,0\n\tmfcr %0\n\tmfocrf %1,0x04\n\tmtocrf 0x10,%4\n\tmfcr %2"
                 : "=&r"(cr), "=&r"(f1), "=&r"(f2) : "r"(0x9abcdef1), "r"(0x87654321) : CR_ALL);
    printf("mcrf -> %08x mfocrf -> %08x mtocrf -> %08x\n", cr, f1, f2);
    asm volatile("mtcrf 0x5a,%1\n\tmfcr %0" : "=r"(cr) : "r"(0x13579bdf) : CR_ALL);
    printf("mtcrf -> %08x\n", cr & 0x0f0ff0f0);
    uint32_t xer;
    asm volatile("mtxer %2\n\tmcrxr 2\n\tmfcr %0\n\tmfxer %1" : "=&r"(cr), "=&r"(xer) : "r"(0xe000007f) : "cr2", "xer");
    printf("mcrxr -> cr2=%x xer=%08x\n", (cr >> 20) & 15, xer);
    return 0;
}
