/*
 * x87 conversions: FLD/FST/FSTP m32 m64 m80, FILD/FIST/FISTP m16 m32 m64,
 * FBLD/FBSTP and the constants FLD1..FLDZ, at the edges (NaNs, infinities,
 * denormals, integer limits, BCD overflow) in every rounding mode and
 * precision. Prints the memory results and status words in hex.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct F80 { uint64_t m; uint16_t e; } __attribute__((packed)) F80;

static const F80 vals[] = {
    { 0, 0 }, { 0, 0x8000 },
    { 0x8000000000000000ull, 0x3fff }, { 0xc000000000000000ull, 0xbfff },
    { 0xc90fdaa22168c235ull, 0x4000 }, { 0xaaaaaaaaaaaaaaabull, 0x3ffd },
    { 0xffffffffffffffffull, 0x7ffe }, { 0x8000000000000000ull, 0x0001 },
    { 0x0000000000000001ull, 0x0000 }, { 0x8000000000000001ull, 0x0000 },
    { 0x8000000000000000ull, 0x7fff }, { 0x8000000000000000ull, 0xffff },
    { 0xc000000000000001ull, 0x7fff }, { 0x8000000000000005ull, 0x7fff },
    { 0x4000000000000000ull, 0x4000 }, { 0x8000000000000000ull, 0x3ffe },
    { 0xc000000000000000ull, 0x3fff }, { 0xa000000000000000ull, 0xc000 },
    { 0xfffe000000000000ull, 0x400d }, { 0xffff000000000000ull, 0x400e },
    { 0x8000000000000000ull, 0xc00e }, { 0x8000800000000000ull, 0xc00e },
    { 0xffffffff00000000ull, 0x401d }, { 0x8000000000000000ull, 0xc01e },
    { 0xffffffffffffffffull, 0x403d }, { 0x8000000000000000ull, 0x403e },
    { 0x8000000000000000ull, 0xc03e }, { 0xde0b6b3a763ffff0ull, 0x4037 },
    { 0x8ac7230489e80000ull, 0x4040 }, { 0xffffff8000000000ull, 0x407e },
    { 0xffffff8000000001ull, 0x407e }, { 0xfffffffffffff800ull, 0x43fe },
    { 0x8000000000000000ull, 0x3f81 }, { 0x8000000000000000ull, 0x3f6a },
    { 0x8000000000000000ull, 0x3c01 }, { 0x8000000000000001ull, 0x3bce },
    { 0x9c40000000000000ull, 0x400d }, { 0x4000000000000000ull, 0x0000 },
};
#define NV (int)(sizeof(vals) / sizeof(vals[0]))

static const uint16_t cws[] = {
    0x037f, 0x077f, 0x0b7f, 0x0f7f, 0x027f, 0x007f, 0x0e7f, 0x0c7f,
};
#define NCW (int)(sizeof(cws) / sizeof(cws[0]))

/* Stores ST0 = v through kind k; returns the status word. */
static uint16_t store(int k, const F80 *v, uint8_t *out, uint16_t cw)
{
    uint16_t sw;
#define STORE(insn)                                                        \
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[v]\n\t" insn         \
                     " %[o]\n\tfnstsw %[sw]\n\tfninit"                      \
                     : [o] "=m"(*(uint8_t(*)[10])out), [sw] "=m"(sw)        \
                     : [v] "m"(*v), [cw] "m"(cw) : "memory")
    switch (k) {
    case 0: STORE("fstps"); break;
    case 1: STORE("fstpl"); break;
    case 2: STORE("fstpt"); break;
    case 3: STORE("fistps"); break;
    case 4: STORE("fistpl"); break;
    case 5: STORE("fistpll"); break;
    case 6: STORE("fbstp"); break;
    case 7: STORE("fsts"); break;
    case 8: STORE("fistl"); break;
    case 9: STORE("fists"); break;
    case 10: STORE("fstl"); break;
    }
#undef STORE
    return sw;
}

static const char *const store_names[] = {
    "fstp m32", "fstp m64", "fstp m80", "fistp m16", "fistp m32",
    "fistp m64", "fbstp", "fst m32", "fist m32", "fist m16", "fst m64",
};
static const int store_size[] = { 4, 8, 10, 2, 4, 8, 10, 4, 4, 2, 8 };

/* Loads memory through kind k; returns the 80-bit value and status. */
static uint16_t load(int k, const void *in, F80 *r, uint16_t cw)
{
    uint16_t sw;
#define LOAD(insn)                                                         \
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\t" insn " %[i]\n\t"          \
                     "fnstsw %[sw]\n\tfstpt %[r]\n\tfninit"                \
                     : [r] "=m"(*r), [sw] "=m"(sw)                          \
                     : [i] "m"(*(const uint8_t(*)[10])in), [cw] "m"(cw)     \
                     : "memory")
    switch (k) {
    case 0: LOAD("flds"); break;
    case 1: LOAD("fldl"); break;
    case 2: LOAD("fldt"); break;
    case 3: LOAD("filds"); break;
    case 4: LOAD("fildl"); break;
    case 5: LOAD("fildll"); break;
    case 6: LOAD("fbld"); break;
    }
#undef LOAD
    return sw;
}

static const uint8_t load_inputs[][10] = {
    /* m32 */
    { 0x00, 0x00, 0x80, 0x3f }, { 0x01, 0x00, 0x80, 0x7f },
    { 0x00, 0x00, 0xc0, 0xff }, { 0x01, 0x00, 0x00, 0x00 },
    { 0x00, 0x00, 0x80, 0xff }, { 0xff, 0xff, 0x7f, 0x00 },
    /* m64 */
    { 0x01, 0, 0, 0, 0, 0, 0xf0, 0x7f }, { 0x01, 0, 0, 0, 0, 0, 0, 0 },
    { 0, 0, 0, 0, 0, 0, 0xf8, 0xff }, { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xef, 0x7f },
    /* m80: pseudo-NaN, unnormal, SNaN */
    { 0x01, 0, 0, 0, 0, 0, 0, 0x40, 0xff, 0x7f }, { 0, 0, 0, 0, 0, 0, 0, 0x40, 0x00, 0x40 },
    { 0x01, 0, 0, 0, 0, 0, 0, 0x80, 0xff, 0x7f },
    /* int16, int32, int64 */
    { 0x00, 0x80 }, { 0xff, 0x7f }, { 0x00, 0x00, 0x00, 0x80 },
    { 0xff, 0xff, 0xff, 0xff }, { 0, 0, 0, 0, 0, 0, 0, 0x80 },
    { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f }, { 0x01, 0, 0, 0, 0, 0, 0x20, 0 },
    /* BCD: 0, -99..9, 123, invalid digits, indefinite */
    { 0 }, { 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x80 },
    { 0x23, 0x01 }, { 0xab, 0xcd, 0xef, 0, 0, 0, 0, 0, 0, 0x00 },
    { 0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff },
};
static const int load_kind[] = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                 3, 3, 4, 4, 5, 5, 5, 6, 6, 6, 6, 6 };

static uint16_t constant(int k, F80 *r, uint16_t cw)
{
    uint16_t sw;
#define CONST(insn)                                                        \
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\t" insn "\n\t"               \
                     "fnstsw %[sw]\n\tfstpt %[r]\n\tfninit"                \
                     : [r] "=m"(*r), [sw] "=m"(sw) : [cw] "m"(cw) : "memory")
    switch (k) {
    case 0: CONST("fld1"); break;
    case 1: CONST("fldl2t"); break;
    case 2: CONST("fldl2e"); break;
    case 3: CONST("fldpi"); break;
    case 4: CONST("fldlg2"); break;
    case 5: CONST("fldln2"); break;
    case 6: CONST("fldz"); break;
    }
#undef CONST
    return sw;
}

static const char *const const_names[] = { "fld1", "fldl2t", "fldl2e",
    "fldpi", "fldlg2", "fldln2", "fldz" };

int main(void)
{
    for (int c = 0; c < NCW; c++) {
        for (int k = 0; k < 11; k++) {
            for (int i = 0; i < NV; i++) {
                uint8_t out[10];
                memset(out, 0xa5, sizeof(out));
                uint16_t sw = store(k, &vals[i], out, cws[c]);
                printf("%s cw=%04x %04x:%016llx -> ", store_names[k], cws[c],
                       vals[i].e, (unsigned long long)vals[i].m);
                for (int b = store_size[k] - 1; b >= 0; b--) {
                    printf("%02x", out[b]);
                }
                printf(" sw=%04x\n", sw);
            }
        }
    }
    for (int c = 0; c < NCW; c += 3) {
        for (int i = 0; i < (int)(sizeof(load_kind) / sizeof(load_kind[0])); i++) {
            F80 r;
            uint16_t sw = load(load_kind[i], load_inputs[i], &r, cws[c]);
            printf("load kind %d input %d cw=%04x -> %04x:%016llx sw=%04x\n",
                   load_kind[i], i, cws[c], r.e, (unsigned long long)r.m, sw);
        }
    }
    for (int c = 0; c < NCW; c++) {
        for (int k = 0; k < 7; k++) {
            F80 r;
            uint16_t sw = constant(k, &r, cws[c]);
            printf("%s cw=%04x -> %04x:%016llx sw=%04x\n", const_names[k],
                   cws[c], r.e, (unsigned long long)r.m, sw);
        }
    }
    return 0;
}
