// mimic-test: mimic-opts -cpu max
/*
 * SSE/SSE2 conversions against the CPU: CVTSI2SS/SD, CVT(T)SS2SI,
 * CVT(T)SD2SI, CVTPS2PD, CVTPD2PS, CVTSS2SD, CVTSD2SS, CVTDQ2PS,
 * CVT(T)PS2DQ, CVTDQ2PD, CVT(T)PD2DQ and the MMX forms CVTPI2PS/PD,
 * CVT(T)PS2PI, CVT(T)PD2PI, with register and memory sources, over edge
 * and random operands in every rounding mode with and without DAZ/FTZ.
 */
#include "sse-common.h"

enum { S_I32, S_F32, S_F64 };
typedef struct SseOp {
    const char *name;
    SseFn *r, *m;
    int src;
} SseOp;

/* General-register result (EAX) into d->l[0]. */
#define SSE_RG(fname, insn)                                                \
    static void fname(Xmm *d, const Xmm *s, uint32_t *mx)                  \
    {                                                                      \
        __asm__ volatile("movups %[s], %%xmm1\n\t"                         \
                         "movl $0x5a5a5a5a, %%eax\n\t"                     \
                         "ldmxcsr %[mx]\n\t"                               \
                         insn "\n\t"                                       \
                         "stmxcsr %[mx]\n\t"                               \
                         "movl %%eax, %[d]"                                \
                         : [d] "+m"(*d), [mx] "+m"(*mx)                    \
                         : [s] "m"(*s)                                     \
                         : "xmm1", "eax");                                 \
    }
/* MMX result (MM0) into d->q[0]. */
#define SSE_RM(fname, insn)                                                \
    static void fname(Xmm *d, const Xmm *s, uint32_t *mx)                  \
    {                                                                      \
        __asm__ volatile("movups %[s], %%xmm1\n\t"                         \
                         "ldmxcsr %[mx]\n\t"                               \
                         insn "\n\t"                                       \
                         "stmxcsr %[mx]\n\t"                               \
                         "movq %%mm0, %[d]\n\t"                            \
                         "emms"                                            \
                         : [d] "+m"(*d), [mx] "+m"(*mx)                    \
                         : [s] "m"(*s)                                     \
                         : "xmm1");                                        \
    }

#pragma GCC push_options
#pragma GCC target("sse3")
SSE_RR(cvtsi2ss_r, "movl %[s], %%eax\n\tcvtsi2ss %%eax, %%xmm0")
SSE_RR(cvtsi2ss_m, "cvtsi2ssl %[s], %%xmm0")
SSE_RR(cvtsi2sd_r, "movl %[s], %%eax\n\tcvtsi2sd %%eax, %%xmm0")
SSE_RR(cvtsi2sd_m, "cvtsi2sdl %[s], %%xmm0")
SSE_RG(cvtss2si_r, "cvtss2si %%xmm1, %%eax")
SSE_RG(cvtss2si_m, "cvtss2si %[s], %%eax")
SSE_RG(cvttss2si_r, "cvttss2si %%xmm1, %%eax")
SSE_RG(cvttss2si_m, "cvttss2si %[s], %%eax")
SSE_RG(cvtsd2si_r, "cvtsd2si %%xmm1, %%eax")
SSE_RG(cvtsd2si_m, "cvtsd2si %[s], %%eax")
SSE_RG(cvttsd2si_r, "cvttsd2si %%xmm1, %%eax")
SSE_RG(cvttsd2si_m, "cvttsd2si %[s], %%eax")
SSE_RR(cvtps2pd_r, "cvtps2pd %%xmm1, %%xmm0")
SSE_RR(cvtps2pd_m, "cvtps2pd %[s], %%xmm0")
SSE_RR(cvtpd2ps_r, "cvtpd2ps %%xmm1, %%xmm0")
SSE_RR(cvtpd2ps_m, "cvtpd2ps %[s], %%xmm0")
SSE_RR(cvtss2sd_r, "cvtss2sd %%xmm1, %%xmm0")
SSE_RR(cvtss2sd_m, "cvtss2sd %[s], %%xmm0")
SSE_RR(cvtsd2ss_r, "cvtsd2ss %%xmm1, %%xmm0")
SSE_RR(cvtsd2ss_m, "cvtsd2ss %[s], %%xmm0")
SSE_RR(cvtdq2ps_r, "cvtdq2ps %%xmm1, %%xmm0")
SSE_RR(cvtdq2ps_m, "cvtdq2ps %[s], %%xmm0")
SSE_RR(cvtps2dq_r, "cvtps2dq %%xmm1, %%xmm0")
SSE_RR(cvtps2dq_m, "cvtps2dq %[s], %%xmm0")
SSE_RR(cvttps2dq_r, "cvttps2dq %%xmm1, %%xmm0")
SSE_RR(cvttps2dq_m, "cvttps2dq %[s], %%xmm0")
SSE_RR(cvtdq2pd_r, "cvtdq2pd %%xmm1, %%xmm0")
SSE_RR(cvtdq2pd_m, "cvtdq2pd %[s], %%xmm0")
SSE_RR(cvtpd2dq_r, "cvtpd2dq %%xmm1, %%xmm0")
SSE_RR(cvtpd2dq_m, "cvtpd2dq %[s], %%xmm0")
SSE_RR(cvttpd2dq_r, "cvttpd2dq %%xmm1, %%xmm0")
SSE_RR(cvttpd2dq_m, "cvttpd2dq %[s], %%xmm0")
SSE_RR(cvtpi2ps_r, "movq %[s], %%mm0\n\tcvtpi2ps %%mm0, %%xmm0\n\temms")
SSE_RR(cvtpi2ps_m, "cvtpi2ps %[s], %%xmm0")
SSE_RR(cvtpi2pd_r, "movq %[s], %%mm0\n\tcvtpi2pd %%mm0, %%xmm0\n\temms")
SSE_RR(cvtpi2pd_m, "cvtpi2pd %[s], %%xmm0")
SSE_RM(cvtps2pi_r, "cvtps2pi %%xmm1, %%mm0")
SSE_RM(cvtps2pi_m, "cvtps2pi %[s], %%mm0")
SSE_RM(cvttps2pi_r, "cvttps2pi %%xmm1, %%mm0")
SSE_RM(cvttps2pi_m, "cvttps2pi %[s], %%mm0")
SSE_RM(cvtpd2pi_r, "cvtpd2pi %%xmm1, %%mm0")
SSE_RM(cvtpd2pi_m, "cvtpd2pi %[s], %%mm0")
SSE_RM(cvttpd2pi_r, "cvttpd2pi %%xmm1, %%mm0")
SSE_RM(cvttpd2pi_m, "cvttpd2pi %[s], %%mm0")
#pragma GCC pop_options

static const SseOp ops[] = {
    { "cvtsi2ss", cvtsi2ss_r, cvtsi2ss_m, S_I32 },
    { "cvtsi2sd", cvtsi2sd_r, cvtsi2sd_m, S_I32 },
    { "cvtss2si", cvtss2si_r, cvtss2si_m, S_F32 },
    { "cvttss2si", cvttss2si_r, cvttss2si_m, S_F32 },
    { "cvtsd2si", cvtsd2si_r, cvtsd2si_m, S_F64 },
    { "cvttsd2si", cvttsd2si_r, cvttsd2si_m, S_F64 },
    { "cvtps2pd", cvtps2pd_r, cvtps2pd_m, S_F32 },
    { "cvtpd2ps", cvtpd2ps_r, cvtpd2ps_m, S_F64 },
    { "cvtss2sd", cvtss2sd_r, cvtss2sd_m, S_F32 },
    { "cvtsd2ss", cvtsd2ss_r, cvtsd2ss_m, S_F64 },
    { "cvtdq2ps", cvtdq2ps_r, cvtdq2ps_m, S_I32 },
    { "cvtps2dq", cvtps2dq_r, cvtps2dq_m, S_F32 },
    { "cvttps2dq", cvttps2dq_r, cvttps2dq_m, S_F32 },
    { "cvtdq2pd", cvtdq2pd_r, cvtdq2pd_m, S_I32 },
    { "cvtpd2dq", cvtpd2dq_r, cvtpd2dq_m, S_F64 },
    { "cvttpd2dq", cvttpd2dq_r, cvttpd2dq_m, S_F64 },
    { "cvtpi2ps", cvtpi2ps_r, cvtpi2ps_m, S_I32 },
    { "cvtpi2pd", cvtpi2pd_r, cvtpi2pd_m, S_I32 },
    { "cvtps2pi", cvtps2pi_r, cvtps2pi_m, S_F32 },
    { "cvttps2pi", cvttps2pi_r, cvttps2pi_m, S_F32 },
    { "cvtpd2pi", cvtpd2pi_r, cvtpd2pi_m, S_F64 },
    { "cvttpd2pi", cvttpd2pi_r, cvttpd2pi_m, S_F64 },
};

static const uint32_t sse_i32[] = {
    0, 1, 0xffffffff, 2, 0x7fffffff, 0x80000000, 0x80000001, 0x01000001,
    0x01000003, 0xfeffffff, 0x7fffffc0, 0x7fffffbf, 0x40000001, 123456789,
    0xfffffffe, 0x55555555,
};
#define SSE_NI32 (int)(sizeof(sse_i32) / sizeof(sse_i32[0]))

static int sse_count(int src)
{
    return src == S_I32 ? SSE_NI32 + SSE_NF32 : src == S_F32 ? SSE_NF32 : SSE_NF64;
}

static void sse_fill(Xmm *d, Xmm *s, int src, int j)
{
    int n = sse_count(src);
    for (int k = 0; k < 4; k++) {
        d->l[k] = sse_rand();
        s->l[k] = sse_rand();
    }
    for (int k = 0; k < 4 && j >= 0; k++) {
        int x = (j + 5 * k) % n;
        if (src == S_I32) {
            s->l[k] = x < SSE_NI32 ? sse_i32[x] : sse_f32[x - SSE_NI32];
        } else if (src == S_F32) {
            s->l[k] = sse_f32[x];
        } else if (k < 2) {
            s->q[k] = sse_f64[x];
        }
    }
}

static void sse_sweep(const SseOp *op, SseFn *fn, const char *form, uint32_t mode)
{
    Xmm d, s;
    uint32_t mx;
    int n = sse_count(op->src);
    sse_hash_start();
    sse_rand_state = 7;
    for (int j = 0; j < n + 256; j++) {
        sse_fill(&d, &s, op->src, j < n ? j : -1);
        mx = mode;
        fn(&d, &s, &mx);
        sse_hash_bytes(&d, sizeof(d));
        sse_hash_bytes(&mx, sizeof(mx));
    }
    printf("%-9s %s mxcsr %04x: %016llx\n", op->name, form, mode,
           (unsigned long long)sse_hash);
}

int main(void)
{
    for (unsigned k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
        for (int m = 0; m < SSE_NMODES; m++) {
            sse_sweep(&ops[k], ops[k].r, "reg", sse_mode(m));
            sse_sweep(&ops[k], ops[k].m, "mem", sse_mode(m));
        }
    }
    /* A few readable results. */
    Xmm d = { 0 }, s = { .d = { 2.5, -1e300 } };
    uint32_t mx = 0x1f80;
    ops[4].r(&d, &s, &mx);      /* cvtsd2si 2.5 (to nearest even) */
    printf("cvtsd2si 2.5 = %d mxcsr %04x\n", (int)d.l[0], mx);
    mx = 0x1f80;
    ops[9].r(&d, &s, &mx);      /* cvtsd2ss */
    printf("cvtsd2ss 2.5 = %08x mxcsr %04x\n", d.l[0], mx);
    return 0;
}
