/*
 * Shifts and rotates at 8/16/32 bits by every count 0..33 (by CL), by 1
 * and by immediates, plus SHLD/SHRD. Flags the manuals leave undefined
 * for a count are masked out (OF unless the count is 1, AF after shifts).
 */
#include "insn-common.h"

#define SH(insn, suffix_reg, a, c, fin, r, f, cons)                        \
    do {                                                                    \
        r = (a);                                                            \
        __asm__ volatile("push %3\n\tpopf\n\t" insn " %%cl, " suffix_reg    \
                         "\n\tpushf\n\tpop %1"                              \
                         : cons(r), "=&r"(f) : "c"(c), "r"(fin) : "cc");    \
    } while (0)

static void show(const char *name, uint32_t a, uint32_t c, uint32_t fin,
                 uint32_t r, uint32_t f, uint32_t mask)
{
    printf("%-5s a=%08x c=%2u fin=%03x -> r=%08x f=%03x\n", name, a, c, fin,
           r, f & mask);
}

static uint32_t shift_mask(uint32_t c)
{
    c &= 31;
    if (c == 0) {
        return F_ARITH;
    }
    return c == 1 ? (F_ARITH & ~F_AF) : (F_ARITH & ~(F_AF | F_OF));
}

static uint32_t rot_mask(uint32_t c)
{
    c &= 31;
    return c == 1 || c == 0 ? F_ARITH : (F_ARITH & ~F_OF);
}

static void shifts(uint32_t a, uint32_t c, uint32_t fin)
{
    uint32_t r, f, sm = shift_mask(c), rm = rot_mask(c);
#define S32(n, i, m) SH(i, "%0", a, c, fin, r, f, "+r"); show(n, a, c, fin, r, f, m)
#define S16(n, i, m) SH(i, "%w0", a, c, fin, r, f, "+r"); show(n, a, c, fin, r, f, m)
#define S8(n, i, m) SH(i, "%b0", a, c, fin, r, f, "+q"); show(n, a, c, fin, r, f, m)
    S32("shl32", "shll", sm); S32("shr32", "shrl", sm); S32("sar32", "sarl", sm);
    S32("rol32", "roll", rm); S32("ror32", "rorl", rm);
    S32("rcl32", "rcll", rm); S32("rcr32", "rcrl", rm);
    S16("shl16", "shlw", sm); S16("shr16", "shrw", sm); S16("sar16", "sarw", sm);
    S16("rol16", "rolw", rm); S16("ror16", "rorw", rm);
    S16("rcl16", "rclw", rm); S16("rcr16", "rcrw", rm);
    S8("shl8", "shlb", sm); S8("shr8", "shrb", sm); S8("sar8", "sarb", sm);
    S8("rol8", "rolb", rm); S8("ror8", "rorb", rm);
    S8("rcl8", "rclb", rm); S8("rcr8", "rcrb", rm);
}

static void shifts_imm(uint32_t a, uint32_t fin)
{
    uint32_t r, f;
#define SI(n, code, m)                                                      \
    r = a;                                                                  \
    __asm__ volatile("push %2\n\tpopf\n\t" code "\n\tpushf\n\tpop %1"       \
                     : "+q"(r), "=&r"(f) : "r"(fin) : "cc");                \
    show(n, a, 0, fin, r, f, m)
    SI("shl1", "shll %0", F_ARITH & ~F_AF);
    SI("shr1", "shrl %0", F_ARITH & ~F_AF);
    SI("sar1", "sarl %0", F_ARITH & ~F_AF);
    SI("rol1", "roll %0", F_ARITH);
    SI("rcr1", "rcrl %0", F_ARITH);
    SI("shl5", "shll $5, %0", F_ARITH & ~(F_AF | F_OF));
    SI("sar31", "sarl $31, %0", F_ARITH & ~(F_AF | F_OF));
    SI("shr0", "shrl $0, %0", F_ARITH);
    SI("shr32", "shrl $32, %0", F_ARITH);
    SI("rol0", "roll $0, %0", F_ARITH);
    SI("shlb7", "shlb $7, %b0", F_ARITH & ~(F_AF | F_OF));
    SI("sarw9", "sarw $9, %w0", F_ARITH & ~(F_AF | F_OF));
    SI("rolb3", "rolb $3, %b0", F_ARITH & ~F_OF);
    SI("rcrw17", "rcrw $17, %w0", F_ARITH & ~F_OF);
    SI("rclb9", "rclb $9, %b0", F_ARITH & ~F_OF);
}

static void double_shifts(uint32_t a, uint32_t b, uint32_t c, uint32_t fin)
{
    uint32_t r, f;
    uint32_t m = shift_mask(c);
    r = a;
    __asm__ volatile("push %4\n\tpopf\n\tshldl %%cl, %2, %0\n\tpushf\n\tpop %1"
                     : "+r"(r), "=&r"(f) : "r"(b), "c"(c), "r"(fin) : "cc");
    show("shld32", a, c, fin, r, f, m);
    r = a;
    __asm__ volatile("push %4\n\tpopf\n\tshrdl %%cl, %2, %0\n\tpushf\n\tpop %1"
                     : "+r"(r), "=&r"(f) : "r"(b), "c"(c), "r"(fin) : "cc");
    show("shrd32", a, c, fin, r, f, m);
    if ((c & 31) <= 16) {
        r = a;
        __asm__ volatile("push %4\n\tpopf\n\tshldw %%cl, %w2, %w0\n\tpushf\n\tpop %1"
                         : "+r"(r), "=&r"(f) : "r"(b), "c"(c), "r"(fin) : "cc");
        show("shld16", a, c, fin, r, f, m);
        r = a;
        __asm__ volatile("push %4\n\tpopf\n\tshrdw %%cl, %w2, %w0\n\tpushf\n\tpop %1"
                         : "+r"(r), "=&r"(f) : "r"(b), "c"(c), "r"(fin) : "cc");
        show("shrd16", a, c, fin, r, f, m);
    }
    r = a;
    __asm__ volatile("push %3\n\tpopf\n\tshldl $7, %2, %0\n\tpushf\n\tpop %1"
                     : "+r"(r), "=&r"(f) : "r"(b), "r"(fin) : "cc");
    show("shldi", a, 7, fin, r, f, shift_mask(7));
    r = a;
    __asm__ volatile("push %3\n\tpopf\n\tshrdl $1, %2, %0\n\tpushf\n\tpop %1"
                     : "+r"(r), "=&r"(f) : "r"(b), "r"(fin) : "cc");
    show("shrdi", a, 1, fin, r, f, shift_mask(1));
}

int main(void)
{
    static const uint32_t vals[] = {
        0, 1, 0x80, 0x81, 0xff, 0x8000, 0xc001, 0xffff, 0x80000000,
        0x80000001, 0xffffffff, 0x12345678, 0xfedcba98, 0x40000000,
    };
    for (unsigned k = 0; k < 2; k++) {
        for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
            for (uint32_t c = 0; c <= 33; c++) {
                shifts(vals[i], c, flag_ins[k]);
                double_shifts(vals[i], vals[(i + 5) % 14], c, flag_ins[k]);
            }
            shifts_imm(vals[i], flag_ins[k]);
        }
    }
    return 0;
}
