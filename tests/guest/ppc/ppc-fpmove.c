/* FP compares and FPSCR moves in the fast FP state (round-to-nearest,
 * XX set, nothing enabled), where Mimic runs fcmpu/fcmpo, mtfsfi on
 * fields 6 and 7 and mtfsf of all fields inline: the CR field and FPSCR
 * after compares of every pair of a set of values (zeros, denormals,
 * infinities, NaNs: the slow path), after an op whose FPRF is still lazy
 * and after an FPSCR whose C bit is set; mtfsf of values that keep the
 * fast state (VX and FEX recomputed, the lazy FI/FR/FPRF replaced) and of
 * values that leave it (the rounding mode and enables then apply to the
 * next op in the same sequence); mtfsfi of every value on fields 6 and 7
 * followed by an op that depends on the rounding mode. Also lfs (inline
 * but for denormals) of every class of single, in all four forms, with
 * an op on the loaded values in the same block. FX and FR are
 * masked (qemu-ppc sets FX on every inexact result and never sets FR), and
 * FI after a compare (qemu-ppc clears it). Oracle: qemu-ppc. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static double d(uint64_t u) { double x; memcpy(&x, &u, 8); return x; }
static uint64_t u(double x) { uint64_t v; memcpy(&v, &x, 8); return v; }

static const uint64_t vals[] = {
    0x3ff0000000000000, 0xbff0000000000000, 0x3ff0000000000001, 0x8000000000000000,
    0x0000000000000000, 0x0000000000000003, 0x8000000000000003, 0x7ff0000000000000,
    0xfff0000000000000, 0x7ff8000000000000, 0x7ff4000000000000, 0xffefffffffffffff,
    0x0010000000000000, 0xc008000000000000,
};
#define NV (sizeof(vals) / sizeof(vals[0]))

#define MASK 0x7ffbffffu   /* all but FX and FR */

static void set_fpscr(uint32_t v)
{
    double f = d(v);
    asm volatile("mtfsf 0xff,%0" : : "f"(f));
}

static uint32_t get_fpscr(void)
{
    double f;
    asm volatile("mffs %0" : "=f"(f));
    return (uint32_t)u(f);
}

/* fcmpu and fcmpo on cr3 after XX only, after an FPSCR with C set, and
 * after an fdiv whose FPRF (C = 0) is lazy, in the same block, from an
 * FPSCR with C set. */
static void t_cmp(uint64_t a, uint64_t b)
{
    double x = d(a), y = d(b), one = 1.0, three = 3.0, q;
    uint32_t cr[4], f[4];

    set_fpscr(0x02000000);
    asm volatile("fcmpu 3,%1,%2\n\tmfcr %0" : "=r"(cr[0]) : "f"(x), "f"(y) : "cr3");
    f[0] = get_fpscr();
    set_fpscr(0x02010000);
    asm volatile("fcmpu 3,%1,%2\n\tmfcr %0" : "=r"(cr[1]) : "f"(x), "f"(y) : "cr3");
    f[1] = get_fpscr();
    set_fpscr(0x02010000);
    asm volatile("fdiv %1,%2,%3\n\tfcmpu 3,%4,%5\n\tmfcr %0"
                 : "=r"(cr[2]), "=&f"(q) : "f"(one), "f"(three), "f"(x), "f"(y) : "cr3");
    f[2] = get_fpscr();
    set_fpscr(0x02010000);
    asm volatile("fdiv %1,%2,%3\n\tfcmpo 3,%4,%5\n\tmfcr %0"
                 : "=r"(cr[3]), "=&f"(q) : "f"(one), "f"(three), "f"(x), "f"(y) : "cr3");
    f[3] = get_fpscr();
    printf("cmp %016llx %016llx:", (unsigned long long)a, (unsigned long long)b);
    for (int k = 0; k < 4; k++) {
        printf(" cr3 %x fpscr %08x", (cr[k] >> 16) & 15, f[k] & MASK & ~0x20000u);
    }
    printf("\n");
}

/* mtfsf 0xff of v after a pending fmadd, then an inexact fadd and fmul
 * (their rounding follows v's RN), then FPSCR; also FPSCR right after the
 * mtfsf. */
static void t_mtfsf(uint32_t v)
{
    double one = 1.0, three = 3.0, tenth = 0.1, q, r, s, fv = d(v);
    set_fpscr(0x02000000);
    asm volatile("fmadd %0,%1,%2,%1\n\tmtfsf 0xff,%3" : "=&f"(q) : "f"(one), "f"(tenth),
                 "f"(fv));
    uint32_t f1 = get_fpscr();
    set_fpscr(0x02000000);
    asm volatile("fmadd %0,%3,%4,%3\n\tmtfsf 0xff,%5\n\tfdiv %1,%3,%6\n\tfmul %2,%1,%4"
                 : "=&f"(q), "=&f"(r), "=&f"(s)
                 : "f"(one), "f"(tenth), "f"(fv), "f"(three));
    uint32_t f2 = get_fpscr();
    set_fpscr(0x02000000);
    printf("mtfsf %08x: fpscr %08x; div %016llx mul %016llx fpscr %08x\n", v, f1 & MASK,
           (unsigned long long)u(r), (unsigned long long)u(s), f2 & MASK);
}

/* mtfsfi on field 6 or 7 with value k, then 1/3 and -1/3 (rounded as
 * RN says). */
#define MTFSFI(field, k)                                                        \
    do {                                                                        \
        double one = 1.0, three = 3.0, mone = -1.0, r, s;                       \
        set_fpscr(0x02000000);                                                  \
        asm volatile("mtfsfi " #field "," #k "\n\tfdiv %0,%2,%3\n\tfdiv %1,%4,%3" \
                     : "=&f"(r), "=&f"(s) : "f"(one), "f"(three), "f"(mone));   \
        uint32_t f = get_fpscr();                                               \
        set_fpscr(0x02000000);                                                  \
        printf("mtfsfi %d,%d: %016llx %016llx fpscr %08x\n", field, k,          \
               (unsigned long long)u(r), (unsigned long long)u(s), f & MASK);    \
    } while (0)
#define MTFSFI_0_7(field)                                                       \
    do {                                                                        \
        MTFSFI(field, 0); MTFSFI(field, 1); MTFSFI(field, 2); MTFSFI(field, 3);  \
        MTFSFI(field, 4); MTFSFI(field, 5); MTFSFI(field, 6); MTFSFI(field, 7);  \
    } while (0)

static const uint32_t singles[] = {
    0x3f800000, 0xbf800000, 0x00000000, 0x80000000, 0x00000001, 0x807fffff,
    0x00400000, 0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff, 0x7f800000,
    0xff800000, 0x7fc00000, 0x7f800001, 0xffbfffff, 0x7fffffff, 0x3eaaaaab,
    0x34000000, 0x0ffffffe,
};
#define NS (sizeof(singles) / sizeof(singles[0]))

/* lfs, lfsu, lfsx and lfsux of singles[i] and singles[j], then fmr and
 * fadd of the two in the same block. */
static void t_lfs(size_t i, size_t j)
{
    const uint32_t *p = &singles[i], *q = &singles[j];
    double a, b, c, e, sum;
    const uint32_t *pu = p - 1;
    const char *base = (const char *)p, *pu2 = base;
    uint32_t off = (uint32_t)((const char *)q - base);
    set_fpscr(0x02000000);
    asm volatile("lfs %0,0(%7)\n\tlfsu %1,4(%5)\n\tlfsx %2,%8,%9\n\tlfsux %3,%6,%9\n\t"
                 "fmr %4,%3\n\tfadd %4,%4,%0"
                 : "=&f"(a), "=&f"(b), "=&f"(c), "=&f"(e), "=&f"(sum), "+b"(pu), "+b"(pu2)
                 : "b"(p), "b"(base), "r"(off) : "memory");
    uint32_t f = get_fpscr();
    printf("lfs %08x %08x: %016llx %016llx %016llx %016llx sum %016llx fpscr %08x %d\n",
           singles[i], singles[j], (unsigned long long)u(a), (unsigned long long)u(b),
           (unsigned long long)u(c), (unsigned long long)u(e), (unsigned long long)u(sum),
           f & MASK, pu == p && pu2 == (const char *)q);
}

int main(void)
{
    for (size_t i = 0; i < NS; i++) {
        for (size_t j = 0; j < NS; j += 3) {
            t_lfs(i, j);
        }
    }
    for (size_t i = 0; i < NV; i++) {
        for (size_t j = 0; j < NV; j++) {
            t_cmp(vals[i], vals[j]);
        }
    }
    /* no value enables an exception whose bit is set: qemu-ppc runs with
     * MSR[FE0,FE1] set, Linux (and Mimic) without (ppc-fpexc tests that) */
    static const uint32_t mt[] = {
        0x02000000, 0x02000004, 0x82000000, 0x62000000, 0x03000000, 0x02080000,
        0x02000400, 0x02000200, 0x02000100, 0x020c4000, 0x02060000, 0xfe0ff704,
        0x02000001, 0x02000002, 0x02000003, 0x00000000, 0x02000080, 0x02000040,
        0x02000020, 0x02000010, 0x12000020, 0x22000040, 0x0a000001, 0xa3f80000,
    };
    for (size_t i = 0; i < sizeof(mt) / sizeof(mt[0]); i++) {
        t_mtfsf(mt[i]);
    }
    /* not XE (field 7, 8..15): FPSCR[XX] is set, qemu-ppc would trap */
    MTFSFI_0_7(7);
    MTFSFI_0_7(6);
    MTFSFI(6, 8); MTFSFI(6, 9); MTFSFI(6, 12); MTFSFI(6, 15);
    set_fpscr(0);
    return 0;
}
