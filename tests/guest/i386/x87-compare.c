/*
 * x87 compares and classification: FCOM FCOMP FCOMPP FUCOM FUCOMP FUCOMPP
 * FICOM FCOMI FUCOMI FCOMIP FUCOMIP FTST FXAM over special values (NaNs,
 * unnormals, pseudo-denormals, empty registers), EFLAGS after FCOMI, and
 * FCMOVcc under every condition.
 */
#include <stdint.h>
#include <stdio.h>

typedef struct F80 { uint64_t m; uint16_t e; } __attribute__((packed)) F80;

static const F80 vals[] = {
    { 0, 0 }, { 0, 0x8000 },
    { 0x8000000000000000ull, 0x3fff }, { 0xc000000000000000ull, 0xbfff },
    { 0x8000000000000001ull, 0x3fff }, { 0xffffffffffffffffull, 0x7ffe },
    { 0x0000000000000001ull, 0x0000 }, { 0x8000000000000001ull, 0x0000 },
    { 0x8000000000000000ull, 0x7fff }, { 0x8000000000000000ull, 0xffff },
    { 0xc000000000000001ull, 0x7fff }, { 0x8000000000000005ull, 0x7fff },
    { 0xc000000000000000ull, 0xffff }, { 0x4000000000000000ull, 0x4000 },
    { 0x0000000000000000ull, 0x7fff }, { 0x4000000000000001ull, 0x7fff },
    { 0x8000000000000000ull, 0x3ffe },
};
#define NV (int)(sizeof(vals) / sizeof(vals[0]))

static const uint32_t m32s[] = { 0, 0x3f800000, 0xff800000, 0x7fc00000,
                                 0x7f800001, 0x00000001 };
static const int32_t i32s[] = { 0, 1, -1, 2 };

/* ST1 = b, ST0 = a; compare; returns sw, flags = EFLAGS after, and the
 * number of stack entries still in use via the tag word. */
static uint16_t cmp(int op, const F80 *a, const F80 *b, const void *m,
                    uint32_t *flags, uint16_t *tw)
{
    uint16_t sw;
    uint8_t env[28];
    uint32_t f;
#define CMP(insn)                                                          \
    __asm__ volatile("fninit\n\tfldt %[b]\n\tfldt %[a]\n\t"                \
                     "xorl %%eax, %%eax\n\tsahf\n\t" insn "\n\t"           \
                     "pushfl\n\tpopl %[f]\n\tfnstsw %[sw]\n\t"             \
                     "fnstenv %[env]\n\tfninit"                            \
                     : [sw] "=m"(sw), [f] "=r"(f), [env] "=m"(env)         \
                     : [a] "m"(*a), [b] "m"(*b),                           \
                       [m] "m"(*(const uint32_t *)m)                       \
                     : "eax", "cc", "memory")
    switch (op) {
    case 0: CMP("fcom %%st(1)"); break;
    case 1: CMP("fcomp %%st(1)"); break;
    case 2: CMP("fcompp"); break;
    case 3: CMP("fucom %%st(1)"); break;
    case 4: CMP("fucomp %%st(1)"); break;
    case 5: CMP("fucompp"); break;
    case 6: CMP("fcomi %%st(1), %%st"); break;
    case 7: CMP("fucomi %%st(1), %%st"); break;
    case 8: CMP("fcomip %%st(1), %%st"); break;
    case 9: CMP("fucomip %%st(1), %%st"); break;
    case 10: CMP("ftst"); break;
    case 11: CMP("fxam"); break;
    case 12: CMP("fcoms %[m]"); break;
    case 13: CMP("fcomps %[m]"); break;
    case 14: CMP("ficoml %[m]"); break;
    case 15: CMP("ficompl %[m]"); break;
    case 16: CMP("fcom %%st(2)"); break;         /* ST2 empty: underflow */
    case 17: CMP("fcomi %%st(3), %%st"); break;  /* ST3 empty */
    case 18: CMP("ffree %%st(0)\n\tfxam"); break;/* empty class */
    }
#undef CMP
    *flags = f & 0x8d5;     /* OF SF ZF AF PF CF */
    *tw = env[8] | (env[9] << 8);
    return sw;
}

static const char *const names[] = {
    "fcom", "fcomp", "fcompp", "fucom", "fucomp", "fucompp", "fcomi",
    "fucomi", "fcomip", "fucomip", "ftst", "fxam", "fcom m32", "fcomp m32",
    "ficom m32", "ficomp m32", "fcom st2(empty)", "fcomi st3(empty)",
    "fxam(empty)",
};

/* FCMOVcc: ST0 = 1, ST1 = 2; EFLAGS from cmp x, y; ST0 after. */
static void fcmov_all(void)
{
    static const F80 one = { 0x8000000000000000ull, 0x3fff };
    static const F80 two = { 0x8000000000000000ull, 0x4000 };
    static const uint32_t xs[] = { 1, 2, 3, 0x80000000 };
    static const uint32_t ys[] = { 2, 2, 2, 0x80000001 };
    static const char *const cc[] = { "b", "e", "be", "u", "nb", "ne",
                                      "nbe", "nu" };
    for (int k = 0; k < 4; k++) {
        for (int c = 0; c < 8; c++) {
            F80 r;
            uint16_t sw;
            /* PF comes from the low byte of x - y */
#define FCMOV(insn)                                                        \
    __asm__ volatile("fninit\n\tfldt %[two]\n\tfldt %[one]\n\t"            \
                     "cmpl %[y], %[x]\n\t" insn "\n\tfnstsw %[sw]\n\t"     \
                     "fstpt %[r]\n\tfninit"                                \
                     : [r] "=m"(r), [sw] "=m"(sw)                          \
                     : [one] "m"(one), [two] "m"(two), [x] "r"(xs[k]),     \
                       [y] "r"(ys[k]) : "cc", "memory")
            switch (c) {
            case 0: FCMOV("fcmovb %%st(1), %%st"); break;
            case 1: FCMOV("fcmove %%st(1), %%st"); break;
            case 2: FCMOV("fcmovbe %%st(1), %%st"); break;
            case 3: FCMOV("fcmovu %%st(1), %%st"); break;
            case 4: FCMOV("fcmovnb %%st(1), %%st"); break;
            case 5: FCMOV("fcmovne %%st(1), %%st"); break;
            case 6: FCMOV("fcmovnbe %%st(1), %%st"); break;
            case 7: FCMOV("fcmovnu %%st(1), %%st"); break;
            }
#undef FCMOV
            printf("fcmov%s cmp %08x,%08x -> %04x:%016llx sw=%04x\n", cc[c],
                   xs[k], ys[k], r.e, (unsigned long long)r.m, sw);
        }
    }
}

int main(void)
{
    for (int op = 0; op < 19; op++) {
        int nm = op == 12 || op == 13 ? 6 : op == 14 || op == 15 ? 4 : 1;
        for (int i = 0; i < NV; i++) {
            for (int j = 0; j < NV; j++) {
                for (int k = 0; k < nm; k++) {
                    uint32_t flags;
                    uint16_t tw;
                    const void *m = op == 14 || op == 15 ? (const void *)&i32s[k]
                                                         : (const void *)&m32s[k];
                    uint16_t sw;
                    if ((op >= 10 && op != 16 && op != 17) && j > 0) {
                        continue;   /* one-operand: ST1 does not matter */
                    }
                    sw = cmp(op, &vals[i], &vals[j], m, &flags, &tw);
                    printf("%s a=%04x:%016llx b=%04x:%016llx m=%08x -> "
                           "sw=%04x eflags=%03x tw=%04x\n", names[op],
                           vals[i].e, (unsigned long long)vals[i].m,
                           vals[j].e, (unsigned long long)vals[j].m,
                           *(const uint32_t *)m, sw, flags, tw);
                }
            }
        }
    }
    fcmov_all();
    return 0;
}
