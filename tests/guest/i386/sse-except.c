// mimic-test: mimic-opts -cpu max
/*
 * SSE exceptions against the CPU and Linux: unmasked SIMD exceptions
 * (each mask bit alone, and several) raise #XM, delivered as SIGFPE with
 * si_code from the unmasked flags and si_addr at the instruction (its
 * bytes are printed); the destination and the MXCSR after the handler
 * are compared with the CPU's. LDMXCSR with reserved bits is #GP
 * (SIGSEGV). What the signal frame holds is sse-sigframe.c's.
 */
#include "sse-trap.h"

#pragma GCC push_options
#pragma GCC target("sse3")
SSE_RR(subps_r, "subps %%xmm1, %%xmm0")
SSE_RR(mulps_r, "mulps %%xmm1, %%xmm0")
SSE_RR(mulsd_r, "mulsd %%xmm1, %%xmm0")
SSE_RR(divpd_r, "divpd %%xmm1, %%xmm0")
SSE_RR(sqrtpd_r, "sqrtpd %%xmm1, %%xmm0")
SSE_RR(minps_r, "minps %%xmm1, %%xmm0")
SSE_RR(maxsd_r, "maxsd %%xmm1, %%xmm0")
SSE_RR(addpd_r, "addpd %%xmm1, %%xmm0")
SSE_RR(haddps_r, "haddps %%xmm1, %%xmm0")
SSE_RR(addsubpd_r, "addsubpd %%xmm1, %%xmm0")
SSE_RR(cvtsd2ss_r, "cvtsd2ss %%xmm1, %%xmm0")
SSE_RR(cvtpd2ps_r, "cvtpd2ps %%xmm1, %%xmm0")
SSE_RR(cvtps2pd_r, "cvtps2pd %%xmm1, %%xmm0")
SSE_RR(cvtss2sd_r, "cvtss2sd %%xmm1, %%xmm0")
SSE_RR(cvtdq2ps_r, "cvtdq2ps %%xmm1, %%xmm0")
SSE_RR(cvttps2dq_r, "cvttps2dq %%xmm1, %%xmm0")
SSE_RR(rcpps_r, "rcpps %%xmm1, %%xmm0")
SSE_RR(cmpps1_r, "cmpps $1, %%xmm1, %%xmm0")
SSE_RR(cmpss0_r, "cmpss $0, %%xmm1, %%xmm0")
SSE_RR(cmppd3_r, "cmppd $3, %%xmm1, %%xmm0")
SSE_RR(comisd_r, "comisd %%xmm1, %%xmm0\n\tsetc %%al\n\tmovd %%eax, %%xmm0")
SSE_RR(ucomisd_r, "ucomisd %%xmm1, %%xmm0\n\tsetc %%al\n\tmovd %%eax, %%xmm0")
SSE_RR(cvttsd2si_r, "cvttsd2si %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
static void sse_ldmxcsr(uint32_t v)
{
    __asm__ volatile("ldmxcsr %0" : : "m"(v));
}
#pragma GCC pop_options

static const SseOp ops[] = {
    { "addss", addss_r, 1 },
    { "subps", subps_r, 1 },
    { "mulss", mulss_r, 1 },
    { "mulps", mulps_r, 1 },
    { "mulsd", mulsd_r, 0 },
    { "divss", divss_r, 1 },
    { "divpd", divpd_r, 0 },
    { "sqrtss", sqrtss_r, 1 },
    { "sqrtpd", sqrtpd_r, 0 },
    { "minps", minps_r, 1 },
    { "maxsd", maxsd_r, 0 },
    { "addpd", addpd_r, 0 },
    { "haddps", haddps_r, 1 },
    { "addsubpd", addsubpd_r, 0 },
    { "cvtsd2ss", cvtsd2ss_r, 0 },
    { "cvtpd2ps", cvtpd2ps_r, 0 },
    { "cvtps2pd", cvtps2pd_r, 1 },
    { "cvtss2sd", cvtss2sd_r, 1 },
    { "cvtdq2ps", cvtdq2ps_r, 1 },
    { "cvttps2dq", cvttps2dq_r, 1 },
    { "rcpps", rcpps_r, 1 },
    { "cmpps $1", cmpps1_r, 1 },
    { "cmpss $0", cmpss0_r, 1 },
    { "cmppd $3", cmppd3_r, 0 },
    { "comiss", comiss_r, 1 },
    { "ucomiss", ucomiss_r, 1 },
    { "comisd", comisd_r, 0 },
    { "ucomisd", ucomisd_r, 0 },
    { "cvtss2si", cvtss2si_r, 1 },
    { "cvttsd2si", cvttsd2si_r, 0 },
};

int main(void)
{
    sse_trap_install();
    sse_sweep_all(ops, sizeof(ops) / sizeof(ops[0]));
    sse_trap_show_cases();

    /* LDMXCSR: reserved bits fault; DAZ is accepted; flags already up
     * with their exception unmasked raise nothing until an instruction
     * raises again. */
    sse_ldmxcsr(0x1f80);
    static const uint32_t loads[] = { 0x10000, 0x80000000, 0xffff, 0x1fc0, 0x1f01 };
    for (unsigned k = 0; k < 5; k++) {
        got_sig = got_code = 0;
        if (sigsetjmp(sse_jb, 1) == 0) {
            sse_ldmxcsr(loads[k]);
        }
        uint32_t now = sse_get_mxcsr();
        sse_set_mxcsr(0x1f80);
        printf("ldmxcsr %08x: signal %d code %d mxcsr %04x\n", loads[k],
               got_sig, got_code, now);
    }
    sse_show("addss 1+1 with IE up and IM clear", addss_r, 0x3f800000,
             0x3f800000, 0x1f01);

    return 0;
}
