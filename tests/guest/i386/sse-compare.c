// mimic-test: mimic-opts -cpu max
/*
 * SSE/SSE2 compares against the CPU: CMPPS/CMPPD/CMPSS/CMPSD with every
 * predicate (and imm8 values with the reserved bits 7:3 set), COMISS,
 * UCOMISS, COMISD, UCOMISD (EFLAGS), register and memory sources, every
 * pair of edge operands, with and without DAZ, flags after each.
 */
#include "sse-common.h"

typedef struct SseOp {
    const char *name;
    SseFn *r, *m;
    int single;
} SseOp;

/* EFLAGS after the instruction (arithmetic flags) into d->l[0]; all the
 * arithmetic flags are set before it, so the cleared ones show. */
#define SSE_RF(fname, insn)                                                \
    static void fname(Xmm *d, const Xmm *s, uint32_t *mx)                  \
    {                                                                      \
        __asm__ volatile("movups %[d], %%xmm0\n\t"                         \
                         "movups %[s], %%xmm1\n\t"                         \
                         "ldmxcsr %[mx]\n\t"                               \
                         "pushfl\n\t"                                      \
                         "orl $0x8d5, (%%esp)\n\t"                         \
                         "popfl\n\t"                                       \
                         insn "\n\t"                                       \
                         "pushfl\n\t"                                      \
                         "popl %%eax\n\t"                                  \
                         "andl $0x8d5, %%eax\n\t"                          \
                         "stmxcsr %[mx]\n\t"                               \
                         "movl %%eax, %[d]"                                \
                         : [d] "+m"(*d), [mx] "+m"(*mx)                    \
                         : [s] "m"(*s)                                     \
                         : "xmm0", "xmm1", "eax", "cc");                   \
    }

#pragma GCC push_options
#pragma GCC target("sse3")
SSE_RR(cmpps0_r, "cmpps $0, %%xmm1, %%xmm0")
SSE_RR(cmpps0_m, "cmpps $0, %[s], %%xmm0")
SSE_RR(cmpps1_r, "cmpps $1, %%xmm1, %%xmm0")
SSE_RR(cmpps1_m, "cmpps $1, %[s], %%xmm0")
SSE_RR(cmpps2_r, "cmpps $2, %%xmm1, %%xmm0")
SSE_RR(cmpps2_m, "cmpps $2, %[s], %%xmm0")
SSE_RR(cmpps3_r, "cmpps $3, %%xmm1, %%xmm0")
SSE_RR(cmpps3_m, "cmpps $3, %[s], %%xmm0")
SSE_RR(cmpps4_r, "cmpps $4, %%xmm1, %%xmm0")
SSE_RR(cmpps4_m, "cmpps $4, %[s], %%xmm0")
SSE_RR(cmpps5_r, "cmpps $5, %%xmm1, %%xmm0")
SSE_RR(cmpps5_m, "cmpps $5, %[s], %%xmm0")
SSE_RR(cmpps6_r, "cmpps $6, %%xmm1, %%xmm0")
SSE_RR(cmpps6_m, "cmpps $6, %[s], %%xmm0")
SSE_RR(cmpps7_r, "cmpps $7, %%xmm1, %%xmm0")
SSE_RR(cmpps7_m, "cmpps $7, %[s], %%xmm0")
SSE_RR(cmpps8_r, "cmpps $8, %%xmm1, %%xmm0")
SSE_RR(cmpps8_m, "cmpps $8, %[s], %%xmm0")
SSE_RR(cmpps15_r, "cmpps $15, %%xmm1, %%xmm0")
SSE_RR(cmpps15_m, "cmpps $15, %[s], %%xmm0")
SSE_RR(cmpps128_r, "cmpps $128, %%xmm1, %%xmm0")
SSE_RR(cmpps128_m, "cmpps $128, %[s], %%xmm0")
SSE_RR(cmpps255_r, "cmpps $255, %%xmm1, %%xmm0")
SSE_RR(cmpps255_m, "cmpps $255, %[s], %%xmm0")
SSE_RR(cmppd0_r, "cmppd $0, %%xmm1, %%xmm0")
SSE_RR(cmppd0_m, "cmppd $0, %[s], %%xmm0")
SSE_RR(cmppd1_r, "cmppd $1, %%xmm1, %%xmm0")
SSE_RR(cmppd1_m, "cmppd $1, %[s], %%xmm0")
SSE_RR(cmppd2_r, "cmppd $2, %%xmm1, %%xmm0")
SSE_RR(cmppd2_m, "cmppd $2, %[s], %%xmm0")
SSE_RR(cmppd3_r, "cmppd $3, %%xmm1, %%xmm0")
SSE_RR(cmppd3_m, "cmppd $3, %[s], %%xmm0")
SSE_RR(cmppd4_r, "cmppd $4, %%xmm1, %%xmm0")
SSE_RR(cmppd4_m, "cmppd $4, %[s], %%xmm0")
SSE_RR(cmppd5_r, "cmppd $5, %%xmm1, %%xmm0")
SSE_RR(cmppd5_m, "cmppd $5, %[s], %%xmm0")
SSE_RR(cmppd6_r, "cmppd $6, %%xmm1, %%xmm0")
SSE_RR(cmppd6_m, "cmppd $6, %[s], %%xmm0")
SSE_RR(cmppd7_r, "cmppd $7, %%xmm1, %%xmm0")
SSE_RR(cmppd7_m, "cmppd $7, %[s], %%xmm0")
SSE_RR(cmppd8_r, "cmppd $8, %%xmm1, %%xmm0")
SSE_RR(cmppd8_m, "cmppd $8, %[s], %%xmm0")
SSE_RR(cmppd15_r, "cmppd $15, %%xmm1, %%xmm0")
SSE_RR(cmppd15_m, "cmppd $15, %[s], %%xmm0")
SSE_RR(cmppd128_r, "cmppd $128, %%xmm1, %%xmm0")
SSE_RR(cmppd128_m, "cmppd $128, %[s], %%xmm0")
SSE_RR(cmppd255_r, "cmppd $255, %%xmm1, %%xmm0")
SSE_RR(cmppd255_m, "cmppd $255, %[s], %%xmm0")
SSE_RR(cmpss0_r, "cmpss $0, %%xmm1, %%xmm0")
SSE_RR(cmpss0_m, "cmpss $0, %[s], %%xmm0")
SSE_RR(cmpss1_r, "cmpss $1, %%xmm1, %%xmm0")
SSE_RR(cmpss1_m, "cmpss $1, %[s], %%xmm0")
SSE_RR(cmpss2_r, "cmpss $2, %%xmm1, %%xmm0")
SSE_RR(cmpss2_m, "cmpss $2, %[s], %%xmm0")
SSE_RR(cmpss3_r, "cmpss $3, %%xmm1, %%xmm0")
SSE_RR(cmpss3_m, "cmpss $3, %[s], %%xmm0")
SSE_RR(cmpss4_r, "cmpss $4, %%xmm1, %%xmm0")
SSE_RR(cmpss4_m, "cmpss $4, %[s], %%xmm0")
SSE_RR(cmpss5_r, "cmpss $5, %%xmm1, %%xmm0")
SSE_RR(cmpss5_m, "cmpss $5, %[s], %%xmm0")
SSE_RR(cmpss6_r, "cmpss $6, %%xmm1, %%xmm0")
SSE_RR(cmpss6_m, "cmpss $6, %[s], %%xmm0")
SSE_RR(cmpss7_r, "cmpss $7, %%xmm1, %%xmm0")
SSE_RR(cmpss7_m, "cmpss $7, %[s], %%xmm0")
SSE_RR(cmpss8_r, "cmpss $8, %%xmm1, %%xmm0")
SSE_RR(cmpss8_m, "cmpss $8, %[s], %%xmm0")
SSE_RR(cmpss15_r, "cmpss $15, %%xmm1, %%xmm0")
SSE_RR(cmpss15_m, "cmpss $15, %[s], %%xmm0")
SSE_RR(cmpss128_r, "cmpss $128, %%xmm1, %%xmm0")
SSE_RR(cmpss128_m, "cmpss $128, %[s], %%xmm0")
SSE_RR(cmpss255_r, "cmpss $255, %%xmm1, %%xmm0")
SSE_RR(cmpss255_m, "cmpss $255, %[s], %%xmm0")
SSE_RR(cmpsd0_r, "cmpsd $0, %%xmm1, %%xmm0")
SSE_RR(cmpsd0_m, "cmpsd $0, %[s], %%xmm0")
SSE_RR(cmpsd1_r, "cmpsd $1, %%xmm1, %%xmm0")
SSE_RR(cmpsd1_m, "cmpsd $1, %[s], %%xmm0")
SSE_RR(cmpsd2_r, "cmpsd $2, %%xmm1, %%xmm0")
SSE_RR(cmpsd2_m, "cmpsd $2, %[s], %%xmm0")
SSE_RR(cmpsd3_r, "cmpsd $3, %%xmm1, %%xmm0")
SSE_RR(cmpsd3_m, "cmpsd $3, %[s], %%xmm0")
SSE_RR(cmpsd4_r, "cmpsd $4, %%xmm1, %%xmm0")
SSE_RR(cmpsd4_m, "cmpsd $4, %[s], %%xmm0")
SSE_RR(cmpsd5_r, "cmpsd $5, %%xmm1, %%xmm0")
SSE_RR(cmpsd5_m, "cmpsd $5, %[s], %%xmm0")
SSE_RR(cmpsd6_r, "cmpsd $6, %%xmm1, %%xmm0")
SSE_RR(cmpsd6_m, "cmpsd $6, %[s], %%xmm0")
SSE_RR(cmpsd7_r, "cmpsd $7, %%xmm1, %%xmm0")
SSE_RR(cmpsd7_m, "cmpsd $7, %[s], %%xmm0")
SSE_RR(cmpsd8_r, "cmpsd $8, %%xmm1, %%xmm0")
SSE_RR(cmpsd8_m, "cmpsd $8, %[s], %%xmm0")
SSE_RR(cmpsd15_r, "cmpsd $15, %%xmm1, %%xmm0")
SSE_RR(cmpsd15_m, "cmpsd $15, %[s], %%xmm0")
SSE_RR(cmpsd128_r, "cmpsd $128, %%xmm1, %%xmm0")
SSE_RR(cmpsd128_m, "cmpsd $128, %[s], %%xmm0")
SSE_RR(cmpsd255_r, "cmpsd $255, %%xmm1, %%xmm0")
SSE_RR(cmpsd255_m, "cmpsd $255, %[s], %%xmm0")
SSE_RF(comiss_r, "comiss %%xmm1, %%xmm0")
SSE_RF(comiss_m, "comiss %[s], %%xmm0")
SSE_RF(ucomiss_r, "ucomiss %%xmm1, %%xmm0")
SSE_RF(ucomiss_m, "ucomiss %[s], %%xmm0")
SSE_RF(comisd_r, "comisd %%xmm1, %%xmm0")
SSE_RF(comisd_m, "comisd %[s], %%xmm0")
SSE_RF(ucomisd_r, "ucomisd %%xmm1, %%xmm0")
SSE_RF(ucomisd_m, "ucomisd %[s], %%xmm0")
#pragma GCC pop_options

static const SseOp ops[] = {
    { "cmpps $0", cmpps0_r, cmpps0_m, 1 },
    { "cmpps $1", cmpps1_r, cmpps1_m, 1 },
    { "cmpps $2", cmpps2_r, cmpps2_m, 1 },
    { "cmpps $3", cmpps3_r, cmpps3_m, 1 },
    { "cmpps $4", cmpps4_r, cmpps4_m, 1 },
    { "cmpps $5", cmpps5_r, cmpps5_m, 1 },
    { "cmpps $6", cmpps6_r, cmpps6_m, 1 },
    { "cmpps $7", cmpps7_r, cmpps7_m, 1 },
    { "cmpps $8", cmpps8_r, cmpps8_m, 1 },
    { "cmpps $15", cmpps15_r, cmpps15_m, 1 },
    { "cmpps $128", cmpps128_r, cmpps128_m, 1 },
    { "cmpps $255", cmpps255_r, cmpps255_m, 1 },
    { "cmppd $0", cmppd0_r, cmppd0_m, 0 },
    { "cmppd $1", cmppd1_r, cmppd1_m, 0 },
    { "cmppd $2", cmppd2_r, cmppd2_m, 0 },
    { "cmppd $3", cmppd3_r, cmppd3_m, 0 },
    { "cmppd $4", cmppd4_r, cmppd4_m, 0 },
    { "cmppd $5", cmppd5_r, cmppd5_m, 0 },
    { "cmppd $6", cmppd6_r, cmppd6_m, 0 },
    { "cmppd $7", cmppd7_r, cmppd7_m, 0 },
    { "cmppd $8", cmppd8_r, cmppd8_m, 0 },
    { "cmppd $15", cmppd15_r, cmppd15_m, 0 },
    { "cmppd $128", cmppd128_r, cmppd128_m, 0 },
    { "cmppd $255", cmppd255_r, cmppd255_m, 0 },
    { "cmpss $0", cmpss0_r, cmpss0_m, 1 },
    { "cmpss $1", cmpss1_r, cmpss1_m, 1 },
    { "cmpss $2", cmpss2_r, cmpss2_m, 1 },
    { "cmpss $3", cmpss3_r, cmpss3_m, 1 },
    { "cmpss $4", cmpss4_r, cmpss4_m, 1 },
    { "cmpss $5", cmpss5_r, cmpss5_m, 1 },
    { "cmpss $6", cmpss6_r, cmpss6_m, 1 },
    { "cmpss $7", cmpss7_r, cmpss7_m, 1 },
    { "cmpss $8", cmpss8_r, cmpss8_m, 1 },
    { "cmpss $15", cmpss15_r, cmpss15_m, 1 },
    { "cmpss $128", cmpss128_r, cmpss128_m, 1 },
    { "cmpss $255", cmpss255_r, cmpss255_m, 1 },
    { "cmpsd $0", cmpsd0_r, cmpsd0_m, 0 },
    { "cmpsd $1", cmpsd1_r, cmpsd1_m, 0 },
    { "cmpsd $2", cmpsd2_r, cmpsd2_m, 0 },
    { "cmpsd $3", cmpsd3_r, cmpsd3_m, 0 },
    { "cmpsd $4", cmpsd4_r, cmpsd4_m, 0 },
    { "cmpsd $5", cmpsd5_r, cmpsd5_m, 0 },
    { "cmpsd $6", cmpsd6_r, cmpsd6_m, 0 },
    { "cmpsd $7", cmpsd7_r, cmpsd7_m, 0 },
    { "cmpsd $8", cmpsd8_r, cmpsd8_m, 0 },
    { "cmpsd $15", cmpsd15_r, cmpsd15_m, 0 },
    { "cmpsd $128", cmpsd128_r, cmpsd128_m, 0 },
    { "cmpsd $255", cmpsd255_r, cmpsd255_m, 0 },
    { "comiss", comiss_r, comiss_m, 1 },
    { "ucomiss", ucomiss_r, ucomiss_m, 1 },
    { "comisd", comisd_r, comisd_m, 0 },
    { "ucomisd", ucomisd_r, ucomisd_m, 0 },
};

static void sse_sweep(const SseOp *op, SseFn *fn, const char *form, uint32_t mode)
{
    Xmm d, s;
    uint32_t mx;
    int n = op->single ? SSE_NF32 : SSE_NF64;
    sse_hash_start();
    sse_rand_state = 3;
    for (int i = 0; i < n + 32; i++) {
        for (int j = 0; j < (i < n ? n : 4); j++) {
            sse_edge_pair(op->single, n, i < n ? i : -1, j, &d, &s);
            mx = mode;
            fn(&d, &s, &mx);
            sse_hash_bytes(&d, sizeof(d));
            sse_hash_bytes(&mx, sizeof(mx));
        }
    }
    printf("%-11s %s mxcsr %04x: %016llx\n", op->name, form, mode,
           (unsigned long long)sse_hash);
}

int main(void)
{
    static const uint32_t modes[] = { 0x1f80, 0x1fc0, 0x7f80, 0x9f80 };
    for (unsigned k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
        for (int m = 0; m < 4; m++) {
            sse_sweep(&ops[k], ops[k].r, "reg", modes[m]);
            sse_sweep(&ops[k], ops[k].m, "mem", modes[m]);
        }
    }
    return 0;
}
