/*
 * Shared by the simd-model-*.c guest tests: one instruction of each SIMD
 * extension, run under a signal handler; prints which ones raise SIGILL.
 * Each test runs Mimic with one -cpu model and compares with the
 * .expected file written from the real part's feature list (natively
 * the host has all of them).
 */
#include "simd-common.h"

static void simd_sigill_report(void)
{
    static const struct { const char *ext, *insn; uint8_t enc[5]; int n, modrm; } t[] = {
        { "MMX", "paddb mm0,mm1", { 0x0f, 0xfc }, 2, 0xc1 },
        { "MMX", "emms", { 0x0f, 0x77 }, 2, -1 },
        { "SSE", "pshufw mm0,mm1,0", { 0x0f, 0x70 }, 2, 0xc1 },
        { "SSE", "movaps xmm0,xmm1", { 0x0f, 0x28 }, 2, 0xc1 },
        { "SSE", "xorps xmm0,xmm1", { 0x0f, 0x57 }, 2, 0xc1 },
        { "SSE2", "paddq xmm0,xmm1", { 0x66, 0x0f, 0xd4 }, 3, 0xc1 },
        { "SSE2", "movdqu xmm0,xmm1", { 0xf3, 0x0f, 0x6f }, 3, 0xc1 },
        { "SSE2", "pmuludq mm0,mm1", { 0x0f, 0xf4 }, 2, 0xc1 },
        { "SSE3", "movddup xmm0,xmm1", { 0xf2, 0x0f, 0x12 }, 3, 0xc1 },
        { "SSE3", "fisttp dword [mem]", { 0xdb }, 1, 0x89 },
        { "SSSE3", "pshufb mm0,mm1", { 0x0f, 0x38, 0x00 }, 3, 0xc1 },
        { "SSSE3", "pabsd xmm0,xmm1", { 0x66, 0x0f, 0x38, 0x1e }, 4, 0xc1 },
    };
    simd_init();
    simd_bare = true;
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        SimdState st;
        simd_fill(&st);
        int sig;
        if (t[i].modrm < 0) {
            /* No ModRM: the byte after is a NOP (0x90). */
            sig = simd_run(&st, t[i].enc, t[i].n, 0x90, -1);
        } else {
            sig = simd_run(&st, t[i].enc, t[i].n, t[i].modrm, t[i].modrm == 0xc1 && t[i].enc[1] == 0x70 ? 0 : -1);
        }
        printf("%-6s %-20s %s\n", t[i].ext, t[i].insn, sig == SIGILL ? "SIGILL" : sig ? "other signal" : "ok");
    }
}
