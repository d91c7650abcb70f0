/*
 * Shared by the sse-*.c guest tests: edge operands (NaNs of each kind,
 * denormals, infinities, zeros, extremes, values that round differently
 * in each mode), the MXCSR settings swept, and a hash of the results
 * (each test prints one hash line per instruction and setting, so a
 * mismatch with the native run names both).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef union Xmm {
    uint8_t b[16];
    uint32_t l[4];
    uint64_t q[2];
    float f[4];
    double d[2];
} __attribute__((aligned(16))) Xmm;

static const uint32_t sse_f32[] = {
    0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007fffff, 0x807fffff,
    0x00800000, 0x80800000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x3eaaaaab,
    0x3f800001, 0xbf7fffff, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000,
    0x7fc00000, 0xffc00000, 0x7fc12345, 0x7f800001, 0xff812345, 0x4f000000,
    0xcf000000, 0x4effffff, 0x3effffff, 0x40490fdb, 0x1e3ce508, 0x5f7fffff,
    0x0c000001, 0x33d6bf95,
};
#define SSE_NF32 (int)(sizeof(sse_f32) / sizeof(sse_f32[0]))

static const uint64_t sse_f64[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x0000000000000001ull,
    0x800fffffffffffffull, 0x0010000000000000ull, 0x8010000000000000ull,
    0x3ff0000000000000ull, 0xbff0000000000000ull, 0x3ff8000000000000ull,
    0x3fd5555555555555ull, 0x3ff0000000000001ull, 0x7fefffffffffffffull,
    0xffefffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000000000ull, 0xfff8000000000000ull, 0x7ff8000000012345ull,
    0x7ff0000000000001ull, 0xfff0000000abcdefull, 0x41e0000000000000ull,
    0xc1e0000000000000ull, 0x41dfffffffc00000ull, 0x41dfffffffe00000ull,
    0x400921fb54442d18ull, 0x47efffffe0000000ull, 0x47effffff0000000ull,
    0x3810000000000000ull, 0x380fffffffffffffull, 0x36a0000000000001ull,
    0xc1e0000000100000ull, 0x3fe0000000000000ull,
};
#define SSE_NF64 (int)(sizeof(sse_f64) / sizeof(sse_f64[0]))

/* Rounding modes x {none, DAZ, FTZ, DAZ+FTZ}, all exceptions masked. */
static inline uint32_t sse_mode(int i)
{
    static const uint32_t extra[4] = { 0, 0x0040, 0x8000, 0x8040 };
    return 0x1f80 | ((uint32_t)(i & 3) << 13) | extra[i >> 2];
}
#define SSE_NMODES 16

static uint32_t sse_rand_state = 12345;
static inline uint32_t sse_rand(void)
{
    sse_rand_state = sse_rand_state * 1103515245u + 12345u;
    return sse_rand_state >> 1 ^ (sse_rand_state << 17);
}

/* The operands of sweep step (i, j): random bits, then (i >= 0) edge
 * values i for d and j for s in every lane of the format, rotated across
 * the lanes. n: the number of edge values of the format. */
static inline void sse_edge_pair(int single, int n, int i, int j, Xmm *d, Xmm *s)
{
    for (int k = 0; k < 4; k++) {
        d->l[k] = sse_rand();
        s->l[k] = sse_rand();
    }
    for (int k = 0; k < 4 && i >= 0; k++) {
        if (single) {
            d->l[k] = sse_f32[(i + k) % n];
            s->l[k] = sse_f32[(j + 3 * k) % n];
        } else if (k < 2) {
            d->q[k] = sse_f64[(i + k) % n];
            s->q[k] = sse_f64[(j + 3 * k) % n];
        }
    }
}

/* Two 32-bit hashes of 32-bit words (cheap on i386, also interpreted). */
static uint32_t sse_h1, sse_h2;
static inline void sse_hash_bytes(const void *p, int n)
{
    const uint32_t *w = p;
    for (int i = 0; i < n / 4; i++) {
        sse_h1 = (sse_h1 ^ w[i]) * 16777619u;
        sse_h2 = (sse_h2 + w[i]) * 2654435761u;
        sse_h2 ^= sse_h2 >> 15;
    }
}
static inline void sse_hash_start(void)
{
    sse_h1 = 2166136261u;
    sse_h2 = 1;
}
#define sse_hash ((unsigned long long)sse_h1 << 32 | sse_h2)

static inline uint32_t sse_get_mxcsr(void)
{
    uint32_t m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    return m;
}
static inline void sse_set_mxcsr(uint32_t m)
{
    __asm__ volatile("ldmxcsr %0" : : "m"(m));
}

/* Operand i of a sweep over the value table (the first n*n pairs cover
 * every pair; then random bits). */
static inline uint32_t sse_pick32(int k)
{
    return k < SSE_NF32 ? sse_f32[k] : sse_rand();
}
static inline uint64_t sse_pick64(int k)
{
    return k < SSE_NF64 ? sse_f64[k] : ((uint64_t)sse_rand() << 32 | sse_rand());
}

/* One instruction under test: d in xmm0, s in xmm1 (or the memory
 * operand %[s]), MXCSR *mx loaded before it and stored after it. */
typedef void SseFn(Xmm *d, const Xmm *s, uint32_t *mx);

/* The template of an XMM-result test function (insn: a string literal
 * using xmm0, xmm1, eax and %[s]; the result is taken from xmm0). The
 * functions are compiled with SSE3 enabled (#pragma GCC target). */
#define SSE_RR(fname, insn)                                                \
    static void fname(Xmm *d, const Xmm *s, uint32_t *mx)                  \
    {                                                                      \
        __asm__ volatile("movups %[d], %%xmm0\n\t"                         \
                         "movups %[s], %%xmm1\n\t"                         \
                         "xorl %%eax, %%eax\n\t"                           \
                         "ldmxcsr %[mx]\n\t"                               \
                         insn "\n\t"                                       \
                         "stmxcsr %[mx]\n\t"                               \
                         "movups %%xmm0, %[d]"                             \
                         : [d] "+m"(*d), [mx] "+m"(*mx)                    \
                         : [s] "m"(*s)                                     \
                         : "xmm0", "xmm1", "eax", "cc");                   \
    }
