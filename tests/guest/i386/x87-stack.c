/*
 * x87 stack and state: overflow/underflow (IE+SF, C1, real indefinite),
 * tags, FFREE/FFREEP/FINCSTP/FDECSTP/FXCH/FLD ST(i)/FST ST(i) on empty
 * registers, FLDCW/FNSTCW/FNSTSW AX/FNCLEX, and the images of FNSTENV,
 * FNSAVE (32- and 16-bit operand size), FLDENV/FRSTOR and FXSAVE/FXRSTOR.
 * Pointer fields (FIP FCS FOP FDP FDS) are masked: they legitimately differ.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct F80 { uint64_t m; uint16_t e; } __attribute__((packed)) F80;

static uint8_t img[108];
static uint8_t fx[512] __attribute__((aligned(16)));

static void dump(const char *what, const uint8_t *p, int n, int mask_from,
                 int mask_to)
{
    printf("%s:", what);
    for (int i = 0; i < n; i++) {
        if (i % 32 == 0) {
            printf("\n ");
        }
        if (i >= mask_from && i < mask_to) {
            printf("..");
        } else {
            printf("%02x", p[i]);
        }
    }
    printf("\n");
}

/* The FSAVE image, pointer fields masked (bytes 12..27). */
static void dump_fsave(const char *what)
{
    dump(what, img, 108, 12, 28);
}

static const F80 one = { 0x8000000000000000ull, 0x3fff };
static const F80 two = { 0x8000000000000000ull, 0x4000 };
static const F80 denorm = { 0x0000000000000005ull, 0x0000 };
static const F80 nan = { 0xc000000000000001ull, 0xffff };

static void scenario_overflow(void)
{
    uint16_t sw;
    __asm__ volatile("fninit\n\t"
                     "fld1\n\tfldz\n\tfldpi\n\tfldl2e\n\tfld1\n\tfldz\n\t"
                     "fldln2\n\tfldlg2\n\tfldl2t\n\t"      /* 9th overflows */
                     "fnstsw %[sw]\n\tfnsave %[img]"
                     : [sw] "=m"(sw), [img] "=m"(img) : : "memory");
    printf("overflow: sw=%04x\n", sw);
    dump_fsave("overflow fsave");
}

static void scenario_underflow(void)
{
    uint16_t sw[8];
    uint16_t i16 = 0x1234;
    uint32_t i32 = 0x12345678;
    uint8_t bcd[10];
    uint32_t f = 0x3f800000;
    memset(bcd, 0x11, sizeof(bcd));
    __asm__ volatile("fninit\n\tfld1\n\t"
                     "fadd %%st(1), %%st\n\tfnstsw %[s0]\n\t"  /* st1 empty */
                     "fnclex\n\tfst %%st(3)\n\tfnstsw %[s1]\n\t"
                     "fnclex\n\tfxch %%st(2)\n\tfnstsw %[s2]\n\t"
                     "fnclex\n\tfld %%st(5)\n\tfnstsw %[s3]\n\t"
                     "fnsave %[img]\n\t"
                     "fistps %[i16]\n\tfnstsw %[s4]\n\t"        /* empty */
                     "fnclex\n\tfistpl %[i32]\n\tfnstsw %[s5]\n\t"
                     "fnclex\n\tfbstp %[bcd]\n\tfnstsw %[s6]\n\t"
                     "fnclex\n\tfsts %[f]\n\tfnstsw %[s7]\n\tfninit"
                     : [s0] "=m"(sw[0]), [s1] "=m"(sw[1]), [s2] "=m"(sw[2]),
                       [s3] "=m"(sw[3]), [s4] "=m"(sw[4]), [s5] "=m"(sw[5]),
                       [s6] "=m"(sw[6]), [s7] "=m"(sw[7]), [img] "=m"(img),
                       [i16] "=m"(i16), [i32] "=m"(i32), [bcd] "=m"(bcd),
                       [f] "=m"(f)
                     : : "memory");
    printf("underflow: fadd %04x fst %04x fxch %04x fld %04x\n", sw[0],
           sw[1], sw[2], sw[3]);
    dump_fsave("underflow fsave");
    printf("empty stores: fistp16 %04x sw=%04x fistp32 %08x sw=%04x "
           "fsts %08x sw=%04x fbstp ", i16, sw[4], i32, sw[5],
           f, sw[7]);
    for (int i = 9; i >= 0; i--) {
        printf("%02x", bcd[i]);
    }
    printf(" sw=%04x\n", sw[6]);
}

static void scenario_moves(void)
{
    uint16_t sw[4];
    __asm__ volatile("fninit\n\tfldt %[two]\n\tfldt %[one]\n\tfldt %[dn]\n\t"
                     "fldt %[nan]\n\t"
                     "ffree %%st(1)\n\tfnstsw %[s0]\n\t"
                     "fincstp\n\tfincstp\n\tfdecstp\n\tfnstsw %[s1]\n\t"
                     ".byte 0xdf, 0xc1\n\t"                  /* ffreep st1 */
                     "fxch %%st(1)\n\tfnstsw %[s2]\n\t"
                     ".byte 0xd9, 0xd8\n\t"                  /* fstp1 alias */
                     ".byte 0xdd, 0xc9\n\t"                  /* fxch4 alias */
                     "fnstsw %[s3]\n\t"
                     "fnsave %[img]"
                     : [s0] "=m"(sw[0]), [s1] "=m"(sw[1]), [s2] "=m"(sw[2]),
                       [s3] "=m"(sw[3]), [img] "=m"(img)
                     : [one] "m"(one), [two] "m"(two), [dn] "m"(denorm),
                       [nan] "m"(nan) : "memory");
    printf("moves: ffree %04x incdec %04x fxch %04x aliases %04x\n", sw[0],
           sw[1], sw[2], sw[3]);
    dump_fsave("moves fsave");
}

/* The undocumented register-form aliases real CPUs accept, and the
 * 8087/287 no-ops. */
static void scenario_aliases(void)
{
    uint16_t sw[6];
    __asm__ volatile("fninit\n\tfldt %[two]\n\tfldt %[one]\n\tfldt %[dn]\n\t"
                     "fldt %[two]\n\tfldt %[one]\n\t"
                     ".byte 0xdc, 0xd2\n\tfnstsw %[s0]\n\t"   /* fcom2 st2 */
                     ".byte 0xdc, 0xd9\n\tfnstsw %[s1]\n\t"   /* fcomp3 st1 */
                     ".byte 0xde, 0xd1\n\tfnstsw %[s2]\n\t"   /* fcomp5 st1 */
                     ".byte 0xdf, 0xc9\n\t"                     /* fxch7 st1 */
                     ".byte 0xdf, 0xd1\n\tfnstsw %[s3]\n\t"   /* fstp8 st1 */
                     ".byte 0xdf, 0xd9\n\t"                     /* fstp9 st1 */
                     ".byte 0xdb, 0xe0\n\t.byte 0xdb, 0xe1\n\t" /* feni fdisi */
                     ".byte 0xdb, 0xe4\n\tfnop\n\tfnstsw %[s4]\n\t"
                     "fdecstp\n\tfdecstp\n\tfnstsw %[s5]\n\t"
                     "fnsave %[img]"
                     : [s0] "=m"(sw[0]), [s1] "=m"(sw[1]), [s2] "=m"(sw[2]),
                       [s3] "=m"(sw[3]), [s4] "=m"(sw[4]), [s5] "=m"(sw[5]),
                       [img] "=m"(img)
                     : [one] "m"(one), [two] "m"(two), [dn] "m"(denorm)
                     : "memory");
    printf("aliases: %04x %04x %04x %04x %04x %04x\n", sw[0], sw[1], sw[2],
           sw[3], sw[4], sw[5]);
    dump_fsave("aliases fsave");
}

static void scenario_control(void)
{
    uint16_t cw[4], sw, ax;
    __asm__ volatile("fninit\n\tfnstcw %[c0]\n\t"
                     "fldcw %[ffff]\n\tfnstcw %[c1]\n\t"
                     "fldcw %[zero]\n\tfnstcw %[c2]\n\t"
                     "fninit\n\tfld1\n\tfldz\n\tfdivr %%st(0), %%st(1)\n\t"
                     "fnstsw %%ax\n\tmovw %%ax, %[ax]\n\t"
                     "fnstsw %[sw]\n\tfnclex\n\tfnstcw %[c3]\n\tfninit"
                     : [c0] "=m"(cw[0]), [c1] "=m"(cw[1]), [c2] "=m"(cw[2]),
                       [c3] "=m"(cw[3]), [sw] "=m"(sw), [ax] "=m"(ax)
                     : [ffff] "m"((uint16_t){0xffff}),
                       [zero] "m"((uint16_t){0x0000})
                     : "eax", "memory");
    printf("control: init cw %04x, fldcw ffff -> %04x, 0000 -> %04x, "
           "after fninit %04x; 1/0 ax=%04x sw=%04x\n", cw[0], cw[1], cw[2],
           cw[3], ax, sw);
}

static void scenario_env(void)
{
    uint8_t env32[28], env16[14], save16[94];
    uint16_t cw_after, cw2, sw2;
    memset(env32, 0xee, sizeof(env32));
    memset(env16, 0xee, sizeof(env16));
    memset(save16, 0xee, sizeof(save16));
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[one]\n\tfldt %[dn]\n\t"
                     "fmul %%st(1), %%st\n\t"
                     "fnstenv %[e32]\n\tfnstcw %[cwa]\n\t"
                     "fldenv %[e32]\n\t"
                     ".byte 0x66\n\tfnstenv %[e16]\n\t"
                     ".byte 0x66\n\tfnsave %[s16]\n\t"
                     "fnstcw %[cw2]\n\tfnstsw %[sw2]\n\t"
                     ".byte 0x66\n\tfrstor %[s16]\n\t"
                     "fnsave %[img]"
                     : [e32] "+m"(env32), [e16] "+m"(env16),
                       [s16] "+m"(save16), [cwa] "=m"(cw_after),
                       [cw2] "=m"(cw2), [sw2] "=m"(sw2), [img] "=m"(img)
                     : [cw] "m"((uint16_t){0x0e7f}), [one] "m"(one),
                       [dn] "m"(denorm) : "memory");
    dump("fnstenv32", env32, 28, 12, 28);
    printf("cw after fnstenv %04x; after fnsave cw %04x sw %04x\n", cw_after,
           cw2, sw2);
    dump("fnstenv16", env16, 14, 6, 14);
    dump("fnsave16", save16, 94, 6, 14);
    dump_fsave("after frstor16");
}

static void scenario_restore_tags(void)
{
    /* An image whose tag word lies (says zero/special for valid and empty
     * registers): FRSTOR keeps only "empty or not". */
    uint8_t in[108];
    uint16_t sw;
    memset(in, 0, sizeof(in));
    in[0] = 0x7f; in[1] = 0x03;             /* cw */
    in[4] = 0x00; in[5] = 0x30;             /* TOP = 6 */
    in[8] = 0x5b; in[9] = 0xa6;             /* tags 11 01 10 01 10 10 11 01 */
    for (int i = 0; i < 8; i++) {
        F80 v = { 0x8000000000000000ull | i, (uint16_t)(0x3fff + i) };
        memcpy(in + 28 + 10 * i, &v, 10);
    }
    __asm__ volatile("frstor %[in]\n\tfadd %%st(1), %%st\n\tfnstsw %[sw]\n\t"
                     "fnsave %[img]"
                     : [sw] "=m"(sw), [img] "=m"(img) : [in] "m"(in)
                     : "memory");
    printf("restore tags: sw after fadd %04x\n", sw);
    dump_fsave("restore tags fsave");
}

static void scenario_fxsave(void)
{
    uint16_t sw;
    memset(fx, 0xcc, sizeof(fx));
    __asm__ volatile("fninit\n\tfldt %[one]\n\tfldt %[dn]\n\tfldz\n\t"
                     "fldt %[nan]\n\tffree %%st(2)\n\tfxsave %[fx]"
                     : [fx] "+m"(fx) : [one] "m"(one), [dn] "m"(denorm),
                       [nan] "m"(nan) : "memory");
    /* FOP FIP FCS FDP FDS (6..23) and MXCSR_MASK (28..31) masked; the XMM
     * registers (160..287) hold whatever libc left there. */
    memset(fx + 28, 0, 4);
    dump("fxsave x87 part", fx, 160, 6, 24);
    printf("fxsave mxcsr %08x, bytes 288..511 untouched: %s\n",
           *(uint32_t *)(fx + 24), fx[300] == 0xcc && fx[500] == 0xcc
           ? "yes" : "no");
    fx[4] = 0x0f;                           /* abridged tags: 4 valid */
    fx[2] = 0x00; fx[3] = 0x20;             /* TOP = 4 */
    fx[0] = 0x7f; fx[1] = 0x0f;             /* RC = up */
    __asm__ volatile("fxrstor %[fx]\n\tfadd %%st(1), %%st\n\t"
                     "fnstsw %[sw]\n\tfnsave %[img]"
                     : [sw] "=m"(sw), [img] "=m"(img) : [fx] "m"(fx)
                     : "memory");
    printf("after fxrstor + fadd: sw %04x\n", sw);
    dump_fsave("after fxrstor fsave");
}

int main(void)
{
    scenario_overflow();
    scenario_underflow();
    scenario_moves();
    scenario_aliases();
    scenario_control();
    scenario_env();
    scenario_restore_tags();
    scenario_fxsave();
    return 0;
}
