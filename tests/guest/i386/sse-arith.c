// mimic-test: mimic-opts -cpu max
/*
 * SSE/SSE2/SSE3 arithmetic against the CPU: ADD SUB MUL DIV MIN MAX SQRT
 * (PS PD SS SD), RCP/RSQRT, ADDSUB, HADD, HSUB, each with a register and
 * a memory source, over every pair of edge operands and random ones, in
 * all four rounding modes with and without DAZ/FTZ (the memory form in
 * two of those settings); the results and the
 * MXCSR after each instruction are hashed per instruction and mode.
 */
#include "sse-common.h"

enum { K_PS, K_PD, K_SS, K_SD };
typedef struct SseOp {
    const char *name;
    SseFn *r, *m;
    int kind;
} SseOp;

#pragma GCC push_options
#pragma GCC target("sse3")
SSE_RR(addps_r, "addps %%xmm1, %%xmm0")
SSE_RR(addps_m, "addps %[s], %%xmm0")
SSE_RR(addpd_r, "addpd %%xmm1, %%xmm0")
SSE_RR(addpd_m, "addpd %[s], %%xmm0")
SSE_RR(addss_r, "addss %%xmm1, %%xmm0")
SSE_RR(addss_m, "addss %[s], %%xmm0")
SSE_RR(addsd_r, "addsd %%xmm1, %%xmm0")
SSE_RR(addsd_m, "addsd %[s], %%xmm0")
SSE_RR(subps_r, "subps %%xmm1, %%xmm0")
SSE_RR(subps_m, "subps %[s], %%xmm0")
SSE_RR(subpd_r, "subpd %%xmm1, %%xmm0")
SSE_RR(subpd_m, "subpd %[s], %%xmm0")
SSE_RR(subss_r, "subss %%xmm1, %%xmm0")
SSE_RR(subss_m, "subss %[s], %%xmm0")
SSE_RR(subsd_r, "subsd %%xmm1, %%xmm0")
SSE_RR(subsd_m, "subsd %[s], %%xmm0")
SSE_RR(mulps_r, "mulps %%xmm1, %%xmm0")
SSE_RR(mulps_m, "mulps %[s], %%xmm0")
SSE_RR(mulpd_r, "mulpd %%xmm1, %%xmm0")
SSE_RR(mulpd_m, "mulpd %[s], %%xmm0")
SSE_RR(mulss_r, "mulss %%xmm1, %%xmm0")
SSE_RR(mulss_m, "mulss %[s], %%xmm0")
SSE_RR(mulsd_r, "mulsd %%xmm1, %%xmm0")
SSE_RR(mulsd_m, "mulsd %[s], %%xmm0")
SSE_RR(divps_r, "divps %%xmm1, %%xmm0")
SSE_RR(divps_m, "divps %[s], %%xmm0")
SSE_RR(divpd_r, "divpd %%xmm1, %%xmm0")
SSE_RR(divpd_m, "divpd %[s], %%xmm0")
SSE_RR(divss_r, "divss %%xmm1, %%xmm0")
SSE_RR(divss_m, "divss %[s], %%xmm0")
SSE_RR(divsd_r, "divsd %%xmm1, %%xmm0")
SSE_RR(divsd_m, "divsd %[s], %%xmm0")
SSE_RR(minps_r, "minps %%xmm1, %%xmm0")
SSE_RR(minps_m, "minps %[s], %%xmm0")
SSE_RR(minpd_r, "minpd %%xmm1, %%xmm0")
SSE_RR(minpd_m, "minpd %[s], %%xmm0")
SSE_RR(minss_r, "minss %%xmm1, %%xmm0")
SSE_RR(minss_m, "minss %[s], %%xmm0")
SSE_RR(minsd_r, "minsd %%xmm1, %%xmm0")
SSE_RR(minsd_m, "minsd %[s], %%xmm0")
SSE_RR(maxps_r, "maxps %%xmm1, %%xmm0")
SSE_RR(maxps_m, "maxps %[s], %%xmm0")
SSE_RR(maxpd_r, "maxpd %%xmm1, %%xmm0")
SSE_RR(maxpd_m, "maxpd %[s], %%xmm0")
SSE_RR(maxss_r, "maxss %%xmm1, %%xmm0")
SSE_RR(maxss_m, "maxss %[s], %%xmm0")
SSE_RR(maxsd_r, "maxsd %%xmm1, %%xmm0")
SSE_RR(maxsd_m, "maxsd %[s], %%xmm0")
SSE_RR(sqrtps_r, "sqrtps %%xmm1, %%xmm0")
SSE_RR(sqrtps_m, "sqrtps %[s], %%xmm0")
SSE_RR(sqrtpd_r, "sqrtpd %%xmm1, %%xmm0")
SSE_RR(sqrtpd_m, "sqrtpd %[s], %%xmm0")
SSE_RR(sqrtss_r, "sqrtss %%xmm1, %%xmm0")
SSE_RR(sqrtss_m, "sqrtss %[s], %%xmm0")
SSE_RR(sqrtsd_r, "sqrtsd %%xmm1, %%xmm0")
SSE_RR(sqrtsd_m, "sqrtsd %[s], %%xmm0")
SSE_RR(rcpps_r, "rcpps %%xmm1, %%xmm0")
SSE_RR(rcpps_m, "rcpps %[s], %%xmm0")
SSE_RR(rcpss_r, "rcpss %%xmm1, %%xmm0")
SSE_RR(rcpss_m, "rcpss %[s], %%xmm0")
SSE_RR(rsqrtps_r, "rsqrtps %%xmm1, %%xmm0")
SSE_RR(rsqrtps_m, "rsqrtps %[s], %%xmm0")
SSE_RR(rsqrtss_r, "rsqrtss %%xmm1, %%xmm0")
SSE_RR(rsqrtss_m, "rsqrtss %[s], %%xmm0")
SSE_RR(addsubps_r, "addsubps %%xmm1, %%xmm0")
SSE_RR(addsubps_m, "addsubps %[s], %%xmm0")
SSE_RR(addsubpd_r, "addsubpd %%xmm1, %%xmm0")
SSE_RR(addsubpd_m, "addsubpd %[s], %%xmm0")
SSE_RR(haddps_r, "haddps %%xmm1, %%xmm0")
SSE_RR(haddps_m, "haddps %[s], %%xmm0")
SSE_RR(haddpd_r, "haddpd %%xmm1, %%xmm0")
SSE_RR(haddpd_m, "haddpd %[s], %%xmm0")
SSE_RR(hsubps_r, "hsubps %%xmm1, %%xmm0")
SSE_RR(hsubps_m, "hsubps %[s], %%xmm0")
SSE_RR(hsubpd_r, "hsubpd %%xmm1, %%xmm0")
SSE_RR(hsubpd_m, "hsubpd %[s], %%xmm0")
#pragma GCC pop_options

static const SseOp ops[] = {
    { "addps", addps_r, addps_m, K_PS },
    { "addpd", addpd_r, addpd_m, K_PD },
    { "addss", addss_r, addss_m, K_SS },
    { "addsd", addsd_r, addsd_m, K_SD },
    { "subps", subps_r, subps_m, K_PS },
    { "subpd", subpd_r, subpd_m, K_PD },
    { "subss", subss_r, subss_m, K_SS },
    { "subsd", subsd_r, subsd_m, K_SD },
    { "mulps", mulps_r, mulps_m, K_PS },
    { "mulpd", mulpd_r, mulpd_m, K_PD },
    { "mulss", mulss_r, mulss_m, K_SS },
    { "mulsd", mulsd_r, mulsd_m, K_SD },
    { "divps", divps_r, divps_m, K_PS },
    { "divpd", divpd_r, divpd_m, K_PD },
    { "divss", divss_r, divss_m, K_SS },
    { "divsd", divsd_r, divsd_m, K_SD },
    { "minps", minps_r, minps_m, K_PS },
    { "minpd", minpd_r, minpd_m, K_PD },
    { "minss", minss_r, minss_m, K_SS },
    { "minsd", minsd_r, minsd_m, K_SD },
    { "maxps", maxps_r, maxps_m, K_PS },
    { "maxpd", maxpd_r, maxpd_m, K_PD },
    { "maxss", maxss_r, maxss_m, K_SS },
    { "maxsd", maxsd_r, maxsd_m, K_SD },
    { "sqrtps", sqrtps_r, sqrtps_m, K_PS },
    { "sqrtpd", sqrtpd_r, sqrtpd_m, K_PD },
    { "sqrtss", sqrtss_r, sqrtss_m, K_SS },
    { "sqrtsd", sqrtsd_r, sqrtsd_m, K_SD },
    { "rcpps", rcpps_r, rcpps_m, K_PS },
    { "rcpss", rcpss_r, rcpss_m, K_SS },
    { "rsqrtps", rsqrtps_r, rsqrtps_m, K_PS },
    { "rsqrtss", rsqrtss_r, rsqrtss_m, K_SS },
    { "addsubps", addsubps_r, addsubps_m, K_PS },
    { "addsubpd", addsubpd_r, addsubpd_m, K_PD },
    { "haddps", haddps_r, haddps_m, K_PS },
    { "haddpd", haddpd_r, haddpd_m, K_PD },
    { "hsubps", hsubps_r, hsubps_m, K_PS },
    { "hsubpd", hsubpd_r, hsubpd_m, K_PD },
};

static void sse_fill(Xmm *d, Xmm *s, int kind, int i, int j)
{
    for (int k = 0; k < 4; k++) {
        d->l[k] = sse_rand();
        s->l[k] = sse_rand();
    }
    if (kind == K_PS || kind == K_SS) {
        for (int k = 0; k < (kind == K_PS ? 4 : 1); k++) {
            d->l[k] = sse_pick32(i < 0 ? SSE_NF32 : (i + k) % SSE_NF32);
            s->l[k] = sse_pick32(j < 0 ? SSE_NF32 : (j + 3 * k) % SSE_NF32);
        }
    } else {
        for (int k = 0; k < (kind == K_PD ? 2 : 1); k++) {
            d->q[k] = sse_pick64(i < 0 ? SSE_NF64 : (i + k) % SSE_NF64);
            s->q[k] = sse_pick64(j < 0 ? SSE_NF64 : (j + 3 * k) % SSE_NF64);
        }
    }
}

static void sse_sweep(const SseOp *op, SseFn *fn, const char *form, uint32_t mode)
{
    Xmm d, s;
    uint32_t mx;
    int n = (op->kind == K_PS || op->kind == K_SS) ? SSE_NF32 : SSE_NF64;
    sse_hash_start();
    sse_rand_state = 1;
    for (int i = 0; i < n + 64; i++) {
        for (int j = 0; j < (i < n ? n : 1); j++) {
            sse_fill(&d, &s, op->kind, i < n ? i : -1, i < n ? j : -1);
            mx = mode;
            fn(&d, &s, &mx);
            sse_hash_bytes(&d, sizeof(d));
            sse_hash_bytes(&mx, sizeof(mx));
        }
    }
    printf("%-9s %s mxcsr %04x: %016llx\n", op->name, form, mode,
           (unsigned long long)sse_hash);
}

int main(void)
{
    for (unsigned k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
        for (int m = 0; m < SSE_NMODES; m++) {
            sse_sweep(&ops[k], ops[k].r, "reg", sse_mode(m));
            /* The memory form differs only in the operand fetch. */
            if (m == 0 || m == SSE_NMODES - 1) {
                sse_sweep(&ops[k], ops[k].m, "mem", sse_mode(m));
            }
        }
    }
    /* Sticky flags: an instruction adds to the flags already up. */
    Xmm d = { .f = { 1, 2, 3, 4 } }, s = { .f = { 3, 3, 3, 3 } };
    uint32_t mx = 0x1f80 | 0x21;
    ops[12].r(&d, &s, &mx);
    printf("sticky: %08x %08x mxcsr %04x\n", d.l[0], d.l[3], mx);
    return 0;
}
