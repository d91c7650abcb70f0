/*
 * x87 one- and two-operand functions: FSQRT FRNDINT F2XM1 FSIN FCOS FSINCOS
 * FPTAN FXTRACT FCHS FABS, and FPREM FPREM1 FSCALE FPATAN FYL2X FYL2XP1
 * over special and ordinary values in every rounding mode and precision.
 * Prints both stack results (80-bit hex) and the status word.
 */
#include <stdint.h>
#include <stdio.h>

typedef struct F80 { uint64_t m; uint16_t e; } __attribute__((packed)) F80;

static const F80 vals[] = {
    { 0, 0 }, { 0, 0x8000 },
    { 0x8000000000000000ull, 0x3fff }, { 0xc000000000000000ull, 0xbfff },
    { 0xc90fdaa22168c235ull, 0x4000 }, { 0xc90fdaa22168c235ull, 0x3ffe },
    { 0xaaaaaaaaaaaaaaabull, 0x3ffd }, { 0xffffffffffffffffull, 0x7ffe },
    { 0x8000000000000000ull, 0x0001 }, { 0x0000000000000001ull, 0x0000 },
    { 0x8000000000000000ull, 0x7fff }, { 0x8000000000000000ull, 0xffff },
    { 0xc000000000000001ull, 0x7fff }, { 0x8000000000000005ull, 0x7fff },
    { 0x4000000000000000ull, 0x4000 }, { 0xb504f333f9de6484ull, 0x3ffe },
    { 0x8000000000000000ull, 0x403e }, { 0x8000000000000000ull, 0x4040 },
    { 0xe000000000000000ull, 0xc001 }, { 0x8000000000000001ull, 0x3fbe },
    { 0x9c40000000000000ull, 0x400d }, { 0xfa00000000000000ull, 0x4008 },
    { 0xc000000000000000ull, 0x3ffe }, { 0x8000000000000000ull, 0xbffe },
};
#define NV (int)(sizeof(vals) / sizeof(vals[0]))

static const uint16_t cws[] = {
    0x037f, 0x077f, 0x0b7f, 0x0f7f, 0x027f, 0x007f,
};
#define NCW (int)(sizeof(cws) / sizeof(cws[0]))

/* ST1 = b, ST0 = a; runs op; r0/r1 = ST0/ST1 after (empty reads as the
 * indefinite, since fstp of an empty register stores it); sw after op. */
static uint16_t run(int op, const F80 *a, const F80 *b, F80 *r0, F80 *r1,
                    uint16_t cw)
{
    uint16_t sw;
#define RUN(insn)                                                          \
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" \
                     insn "\n\tfnstsw %[sw]\n\tfstpt %[r0]\n\t"            \
                     "fstpt %[r1]\n\tfninit"                               \
                     : [r0] "=m"(*r0), [r1] "=m"(*r1), [sw] "=m"(sw)       \
                     : [a] "m"(*a), [b] "m"(*b), [cw] "m"(cw) : "memory")
    switch (op) {
    case 0: RUN("fsqrt"); break;
    case 1: RUN("frndint"); break;
    case 2: RUN("f2xm1"); break;
    case 3: RUN("fsin"); break;
    case 4: RUN("fcos"); break;
    case 5: RUN("fsincos"); break;
    case 6: RUN("fptan"); break;
    case 7: RUN("fxtract"); break;
    case 8: RUN("fchs"); break;
    case 9: RUN("fabs"); break;
    case 10: RUN("fprem"); break;
    case 11: RUN("fprem1"); break;
    case 12: RUN("fscale"); break;
    case 13: RUN("fpatan"); break;
    case 14: RUN("fyl2x"); break;
    case 15: RUN("fyl2xp1"); break;
    }
#undef RUN
    return sw;
}

static const char *const names[] = {
    "fsqrt", "frndint", "f2xm1", "fsin", "fcos", "fsincos", "fptan",
    "fxtract", "fchs", "fabs", "fprem", "fprem1", "fscale", "fpatan",
    "fyl2x", "fyl2xp1",
};

int main(void)
{
    for (int op = 0; op < 16; op++) {
        int nb = op >= 10 ? NV : 1;
        for (int c = 0; c < NCW; c++) {
            for (int i = 0; i < NV; i++) {
                for (int j = 0; j < nb; j++) {
                    F80 r0, r1;
                    const F80 *b = op >= 10 ? &vals[j] : &vals[2];
                    uint16_t sw;
                    /* the binary ops: every pair under round-to-nearest
                     * 64-bit, a diagonal sample under the others */
                    if (op >= 10 && c > 0 && (i + j + c) % 5 != 0) {
                        continue;
                    }
                    sw = run(op, &vals[i], b, &r0, &r1, cws[c]);
                    printf("%s cw=%04x a=%04x:%016llx b=%04x:%016llx -> "
                           "%04x:%016llx %04x:%016llx sw=%04x\n", names[op],
                           cws[c], vals[i].e, (unsigned long long)vals[i].m,
                           b->e, (unsigned long long)b->m, r0.e,
                           (unsigned long long)r0.m, r1.e,
                           (unsigned long long)r1.m, sw);
                }
            }
        }
    }
    return 0;
}
