/*
 * The PowerPC FPU's lazy FI/FR (target-ppc/fpu_helper.c): the two ways of
 * computing them for a recorded op, under MXCSR (the host's own inexact
 * flag and a rerun toward zero) and with AVX-512 embedded rounding, on
 * hand-worked cases and on many random operands of every kind.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "target-ppc/fpu_internal.h"

/* The op in round-to-nearest, as the inline path computes it. */
static uint64_t rn(FpKind k, uint64_t a, uint64_t b, uint64_t c)
{
    volatile double x = u2d(a), y = u2d(b), z = u2d(c);
    switch (k) {
    case OP_ADD: return d2u(x + y);
    case OP_SUB: return d2u(x - y);
    case OP_MUL: return d2u(x * y);
    case OP_DIV: return d2u(x / y);
    default: return d2u(fma(x, y, z));
    }
}

/* A result the fast path keeps: biased exponent 2..0x7fe. */
static bool fast_result(uint64_t r)
{
    unsigned e = (r >> 52) & 0x7ff;
    return e >= 2 && e <= 0x7fe;
}

typedef struct Case {
    FpKind k;
    double a, b, c;
    uint32_t fi_fr;
} Case;

enum { FI = 1u << FPSCR_FI, FR = 1u << FPSCR_FR };

/* Worked by hand: 1/3 = 0x3fd5555555555555 + 1/3 ulp (truncated), 1 + 3 *
 * 2^-54 is above the halfway point 1 + 2^-53 (incremented), (1 + 2^-52)^2
 * = 1 + 2^-51 + 2^-104 (truncated), -(1/3) truncated in magnitude, and
 * the fma (1 + 2^-52)(1 - 2^-53) - 1 = 2^-53 - 2^-105 exact in double;
 * (1 + 2^-52)^2 + 2^-60 is truncated, + 2^-53 is above the halfway point
 * (incremented); 2/3 is truncated like 1/3. */
static const Case hand[] = {
    { OP_DIV, 1.0, 3.0, 0, FI },
    { OP_DIV, -1.0, 3.0, 0, FI },
    { OP_ADD, 1.0, 0x3p-54, 0, FI | FR },
    { OP_SUB, -1.0, 0x3p-54, 0, FI | FR },
    { OP_MUL, 0x1.0000000000001p0, 0x1.0000000000001p0, 0, FI },
    { OP_ADD, 1.0, 1.0, 0, 0 },
    { OP_MUL, 3.0, 0.5, 0, 0 },
    { OP_FMA, 0x1.0000000000001p0, 0x1.fffffffffffffp-1, -1.0, 0 },
    { OP_FMA, 0x1.0000000000001p0, 0x1.0000000000001p0, 0x1p-60, FI },
    { OP_FMA, 0x1.0000000000001p0, 0x1.0000000000001p0, 0x1p-53, FI | FR },
    { OP_DIV, 2.0, 3.0, 0, FI },
};

Test(ppc_fpu, fi_fr_hand_worked)
{
    for (size_t i = 0; i < sizeof(hand) / sizeof(hand[0]); i++) {
        const Case *t = &hand[i];
        uint64_t a = d2u(t->a), b = d2u(t->b), c = d2u(t->c), r = rn(t->k, a, b, c);
        cr_expect_eq(ppc_fp_fi_fr_mxcsr(t->k, a, b, c, r), t->fi_fr, "case %zu (mxcsr)", i);
        if (ppc_fp_host_has_evex_rounding()) {
            cr_expect_eq(ppc_fp_fi_fr_evex(t->k, a, b, c, r), t->fi_fr, "case %zu (evex)", i);
        }
    }
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* A normal double with an exponent near 1023 (spread 2^spread_bits) and
 * a mantissa that is random or has few bits set (exact results). */
static uint64_t operand(int spread_bits)
{
    uint64_t m = rnd() & 0x000fffffffffffffull;
    if (rnd() & 1) {
        m &= 0x000ff00000000000ull;
    }
    uint64_t e = 1023 - (1u << (spread_bits - 1)) + (rnd() & ((1u << spread_bits) - 1));
    return (rnd() & (1ull << 63)) | (e << 52) | m;
}

Test(ppc_fpu, fi_fr_evex_matches_mxcsr)
{
    if (!ppc_fp_host_has_evex_rounding()) {
        cr_skip_test("the host has no AVX-512");
    }
    int checked = 0, inexact = 0, rounded_up = 0;
    for (int n = 0; n < 400000; n++) {
        FpKind k = (FpKind[]){ OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_FMA }[n % 5];
        int spread = 1 + (n / 5) % 7;
        uint64_t a = operand(spread), b = operand(spread), c = operand(spread);
        uint64_t r = rn(k, a, b, c);
        if (!fast_result(r)) {
            continue;
        }
        uint32_t m = ppc_fp_fi_fr_mxcsr(k, a, b, c, r), e = ppc_fp_fi_fr_evex(k, a, b, c, r);
        cr_assert_eq(e, m, "kind %d %016llx %016llx %016llx: evex %x mxcsr %x", k,
                     (unsigned long long)a, (unsigned long long)b, (unsigned long long)c, e, m);
        checked++;
        inexact += (m & FI) != 0;
        rounded_up += (m & FR) != 0;
    }
    /* the sample covers exact, truncated and incremented results */
    cr_expect_gt(checked, 300000);
    cr_expect_gt(inexact, 1000);
    cr_expect_gt(checked - inexact, 1000);
    cr_expect_gt(rounded_up, 1000);
    cr_expect_gt(inexact - rounded_up, 1000);
}
