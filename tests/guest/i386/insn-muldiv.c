/*
 * MUL, IMUL (one, two and three operand forms), DIV and IDIV at 8/16/32
 * bits, and the decimal adjusts DAA DAS AAA AAS AAM AAD over every AL
 * with AF/CF in and out. Only flags the manuals define are printed.
 */
#include "insn-common.h"

static void show(const char *name, uint32_t a, uint32_t b, uint32_t r1,
                 uint32_t r2, uint32_t f)
{
    printf("%-7s a=%08x b=%08x -> %08x %08x f=%03x\n", name, a, b, r1, r2, f);
}

static void muls(uint32_t a, uint32_t b)
{
    uint32_t lo, hi, f;
    const uint32_t m = F_CF | F_OF;
    __asm__ volatile("mull %3\n\tpushf\n\tpop %2" : "=a"(lo), "=d"(hi), "=r"(f) : "r"(b), "a"(a) : "cc");
    show("mul32", a, b, lo, hi, f & m);
    __asm__ volatile("imull %3\n\tpushf\n\tpop %2" : "=a"(lo), "=d"(hi), "=r"(f) : "r"(b), "a"(a) : "cc");
    show("imul32", a, b, lo, hi, f & m);
    hi = 0x5555aaaa;
    __asm__ volatile("mulw %w3\n\tpushf\n\tpop %2" : "=a"(lo), "+d"(hi), "=r"(f) : "r"(b), "a"(a) : "cc");
    show("mul16", a, b, lo, hi, f & m);
    hi = 0x5555aaaa;
    __asm__ volatile("imulw %w3\n\tpushf\n\tpop %2" : "=a"(lo), "+d"(hi), "=r"(f) : "r"(b), "a"(a) : "cc");
    show("imul16", a, b, lo, hi, f & m);
    __asm__ volatile("mulb %b2\n\tpushf\n\tpop %1" : "=a"(lo), "=r"(f) : "q"(b), "a"(a) : "cc");
    show("mul8", a, b, lo, 0, f & m);
    __asm__ volatile("imulb %b2\n\tpushf\n\tpop %1" : "=a"(lo), "=r"(f) : "q"(b), "a"(a) : "cc");
    show("imul8", a, b, lo, 0, f & m);
    lo = a;
    __asm__ volatile("imull %2, %0\n\tpushf\n\tpop %1" : "+r"(lo), "=r"(f) : "r"(b) : "cc");
    show("imul2", a, b, lo, 0, f & m);
    lo = a;
    __asm__ volatile("imulw %w2, %w0\n\tpushf\n\tpop %1" : "+r"(lo), "=r"(f) : "r"(b) : "cc");
    show("imul2w", a, b, lo, 0, f & m);
    __asm__ volatile("imull $-3, %2, %0\n\tpushf\n\tpop %1" : "=r"(lo), "=r"(f) : "r"(a) : "cc");
    show("imul3b", a, -3, lo, 0, f & m);
    __asm__ volatile("imull $0x12345, %2, %0\n\tpushf\n\tpop %1" : "=r"(lo), "=r"(f) : "r"(a) : "cc");
    show("imul3", a, 0x12345, lo, 0, f & m);
    lo = 0xdeadbeef;
    __asm__ volatile("imulw $0x7001, %w2, %w0\n\tpushf\n\tpop %1" : "+r"(lo), "=r"(f) : "r"(a) : "cc");
    show("imul3w", a, 0x7001, lo, 0, f & m);
}

static void divs(uint32_t hi, uint32_t lo, uint32_t d)
{
    uint32_t q, r;
    /* Only divisions that cannot fault. */
    if (d != 0 && hi < d) {
        __asm__ volatile("divl %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "r"(d));
        show("div32", hi, lo, q, r, d);
    }
    int64_t n = (int64_t)(((uint64_t)hi << 32) | lo);
    if (d != 0) {
        int64_t qq = n / (int32_t)d;
        if (!((int32_t)d == -1 && n == INT64_MIN) && qq == (int32_t)qq) {
            __asm__ volatile("idivl %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "r"(d));
            show("idiv32", hi, lo, q, r, d);
        }
    }
    uint32_t n16 = ((hi & 0xffff) << 16) | (lo & 0xffff);
    if ((d & 0xffff) && n16 / (d & 0xffff) <= 0xffff) {
        q = lo; r = hi;
        __asm__ volatile("divw %w2" : "+a"(q), "+d"(r) : "r"(d));
        show("div16", hi, lo, q, r, d);
    }
    if ((int16_t)d) {
        int32_t qq = (int32_t)n16 / (int16_t)d;
        if (!((int16_t)d == -1 && (int32_t)n16 == INT32_MIN) && qq == (int16_t)qq) {
            q = lo; r = hi;
            __asm__ volatile("idivw %w2" : "+a"(q), "+d"(r) : "r"(d));
            show("idiv16", hi, lo, q, r, d);
        }
    }
    if ((d & 0xff) && (lo & 0xffff) / (d & 0xff) <= 0xff) {
        q = lo;
        __asm__ volatile("divb %b1" : "+a"(q) : "q"(d));
        show("div8", hi, lo, q, 0, d);
    }
    if ((int8_t)d) {
        int32_t qq = (int16_t)lo / (int8_t)d;
        if (qq == (int8_t)qq) {
            q = lo;
            __asm__ volatile("idivb %b1" : "+a"(q) : "q"(d));
            show("idiv8", hi, lo, q, 0, d);
        }
    }
}

static void bcd(uint32_t ax, uint32_t fin)
{
    uint32_t r, f;
#define BCD(n, code, m)                                                     \
    r = ax;                                                                 \
    __asm__ volatile("push %2\n\tpopf\n\t" code "\n\tpushf\n\tpop %1"       \
                     : "+a"(r), "=r"(f) : "r"(fin) : "cc");                 \
    printf("%-4s ax=%04x fin=%03x -> %08x f=%03x\n", n, ax, fin, r, f & (m))
    BCD("daa", "daa", F_ARITH & ~F_OF);
    BCD("das", "das", F_ARITH & ~F_OF);
    BCD("aaa", "aaa", F_AF | F_CF);
    BCD("aas", "aas", F_AF | F_CF);
    BCD("aam", "aam", F_SF | F_ZF | F_PF);
    BCD("aam7", "aam $7", F_SF | F_ZF | F_PF);
    BCD("aad", "aad", F_SF | F_ZF | F_PF);
    BCD("aad3", "aad $3", F_SF | F_ZF | F_PF);
}

int main(void)
{
    for (unsigned i = 0; i < N_EDGE; i++) {
        for (unsigned j = 0; j < N_EDGE; j++) {
            muls(edge_vals[i], edge_vals[j]);
            divs(edge_vals[i] >> 8, edge_vals[(i * 7 + j) % N_EDGE], edge_vals[j]);
            divs(0, edge_vals[i], edge_vals[j]);
            divs(0xffffffff, edge_vals[i] | 0x80000000, edge_vals[j]);
        }
    }
    static const uint32_t fins[] = { 0, F_AF, F_CF, F_AF | F_CF };
    for (uint32_t ax = 0; ax < 0x10000; ax += 0x1f3) {
        for (unsigned k = 0; k < 4; k++) {
            bcd(ax, fins[k]);
        }
    }
    for (uint32_t al = 0; al < 0x100; al++) {
        for (unsigned k = 0; k < 4; k++) {
            bcd(0x1200 | al, fins[k]);
        }
    }
    return 0;
}
