/* The control bits of the x87, MMX and SSE state at CPL 0 (SDM Vol. 3A,
 * 2.5 and 13.1-13.4; Vol. 2 exception tables of each instruction):
 * CR4.OSFXSR = 0 makes SSE instructions #UD (not x87, MMX or FXSAVE);
 * CR0.TS gives #NM before any of them (WAIT only with CR0.MP); CR0.EM
 * gives #NM for x87 and FXSAVE/FXRSTOR but #UD for MMX and SSE; an
 * unmasked SIMD floating-point exception is #XM with CR4.OSXMMEXCPT and
 * #UD without it; an #NM handler that clears TS (lazy FPU switching)
 * restarts the instruction, at CPL 0 and 3; FXSAVE/FXRSTOR need a
 * 16-byte aligned area (#GP(0)) and FXRSTOR/LDMXCSR a valid MXCSR. */
#include "bm.h"

#define CR0_MP (1u << 1)
#define CR0_EM (1u << 2)
#define CR0_TS (1u << 3)
#define CR4_OSFXSR (1u << 9)
#define CR4_OSXMMEXCPT (1u << 10)
#define CPUID_FXSR (1u << 24)
#define CPUID_SSE  (1u << 25)

/* Operands of the probes (16-byte aligned where SSE needs it). */
uint8_t fx_area[512 + 32] __attribute__((aligned(16)));
uint32_t sse_ones[4] __attribute__((aligned(16))) = {
    0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000 };
uint32_t sse_zeros[4] __attribute__((aligned(16)));
uint32_t sse_pattern[4] __attribute__((aligned(16))) = {
    0x11223344, 0x55667788, 0x99aabbcc, 0xddeeff00 };
uint32_t sse_out[4] __attribute__((aligned(16)));
uint32_t mxcsr_val, mxcsr_out;
uint16_t fcw_val;

/* Each probe's first instruction is the one under test, so a fault's
 * EIP is the probe's address. */
void op_fld1(void);
void op_fwait(void);
void op_paddb(void);
void op_emms(void);
void op_movaps(void);
void op_ldmxcsr(void);
void op_stmxcsr(void);
void op_fxsave(void);
void op_fxrstor(void);
void op_fxsave_mis(void);
void op_fxrstor_mis(void);
void op_divps(void);
void op_set_xmm0_ones(void);
void op_get_xmm0(void);
void op_copy_pattern(void);
__asm__(".text\n"
        ".globl op_fld1\nop_fld1:\n\tfld1\n\tfstp %st(0)\n\tret\n"
        ".globl op_fwait\nop_fwait:\n\tfwait\n\tret\n"
        ".globl op_paddb\nop_paddb:\n\tpaddb %mm1, %mm0\n\temms\n\tret\n"
        ".globl op_emms\nop_emms:\n\temms\n\tret\n"
        ".globl op_movaps\nop_movaps:\n\tmovaps %xmm1, %xmm0\n\tret\n"
        ".globl op_ldmxcsr\nop_ldmxcsr:\n\tldmxcsr mxcsr_val\n\tret\n"
        ".globl op_stmxcsr\nop_stmxcsr:\n\tstmxcsr mxcsr_out\n\tret\n"
        ".globl op_fxsave\nop_fxsave:\n\tfxsave fx_area\n\tret\n"
        ".globl op_fxrstor\nop_fxrstor:\n\tfxrstor fx_area\n\tret\n"
        ".globl op_fxsave_mis\nop_fxsave_mis:\n\tfxsave fx_area+8\n\tret\n"
        ".globl op_fxrstor_mis\nop_fxrstor_mis:\n\tfxrstor fx_area+8\n\tret\n"
        ".globl op_divps\nop_divps:\n\tdivps sse_zeros, %xmm0\n\tret\n"
        ".globl op_set_xmm0_ones\nop_set_xmm0_ones:\n\tmovaps sse_ones, %xmm0\n\tret\n"
        ".globl op_get_xmm0\nop_get_xmm0:\n\tmovaps %xmm0, sse_out\n\tret\n"
        ".globl op_copy_pattern\nop_copy_pattern:\n\tmovaps sse_pattern, %xmm2\n"
        "\tmovaps %xmm2, sse_out\n\tret\n");

#define NO_FAULT TRAP_NONE

/* Runs probe fn and checks the exception it raised (vector, EIP = fn;
 * the error code only for #GP); sdm_only: QEMU departs from the SDM. */
static void expect_in(const char *what, void (*fn)(void), uint32_t vector, int sdm_only)
{
    probe_call(fn);
    if (vector == NO_FAULT) {
        (sdm_only ? check_eq_sdm : check_eq)(bm_name(what, ".vector"), trap_last.vector,
                                             NO_FAULT);
        return;
    }
    check_trap(what, sdm_only, vector, vector == 13 ? 0 : TRAP_ANY, (uint32_t)fn);
}

static void expect(const char *what, void (*fn)(void), uint32_t vector)
{
    expect_in(what, fn, vector, 0);
}

/* Where QEMU 7.2 departs from the SDM: it raises no SIMD floating-point
 * exception (#XM or #UD), no #NM or #UD for EMMS, #NM rather than #UD
 * when CR0.EM and CR0.TS are both set, and no #GP for reserved MXCSR
 * bits in LDMXCSR and FXRSTOR. */
static void expect_sdm(const char *what, void (*fn)(void), uint32_t vector)
{
    expect_in(what, fn, vector, 1);
}

static void set_cr0(uint32_t set, uint32_t clear)
{
    write_cr0((read_cr0() & ~clear) | set);
}

static void set_cr4(uint32_t set, uint32_t clear)
{
    write_cr4((read_cr4() & ~clear) | set);
}

static void reset_fpu(void)
{
    __asm__ volatile("fninit");
}

static uint32_t get_mxcsr(void)
{
    probe_call(op_stmxcsr);
    return mxcsr_out;
}

/* CR4.OSFXSR = 0: SSE is #UD; x87, MMX, FXSAVE/FXRSTOR run (SDM Vol. 3A
 * 13.1.3; the #UD rows of MOVAPS, LDMXCSR, DIVPS). */
static void without_osfxsr(void)
{
    set_cr4(0, CR4_OSFXSR | CR4_OSXMMEXCPT);
    expect("noosfxsr.fld1", op_fld1, NO_FAULT);
    expect("noosfxsr.paddb", op_paddb, NO_FAULT);
    expect("noosfxsr.movaps", op_movaps, 6);
    expect("noosfxsr.ldmxcsr", op_ldmxcsr, 6);
    expect("noosfxsr.stmxcsr", op_stmxcsr, 6);
    expect("noosfxsr.divps", op_divps, 6);
    expect("noosfxsr.fxsave", op_fxsave, NO_FAULT);
    expect("noosfxsr.fxrstor", op_fxrstor, NO_FAULT);
    reset_fpu();
}

/* 1/0 with ZM clear: the exception `vector`, ZE set, xmm0 kept. */
static void unmasked_divps(const char *what, uint32_t vector)
{
    mxcsr_val = 0x1d80;
    probe_call(op_ldmxcsr);
    probe_call(op_set_xmm0_ones);
    expect_sdm(what, op_divps, vector);
    check_eq(bm_name(what, ".mxcsr"), get_mxcsr(), 0x1d84);
    probe_call(op_get_xmm0);
    check_eq_sdm(bm_name(what, ".dest"), sse_out[0], 0x3f800000);
}

/* Unmasked SIMD exceptions (SDM Vol. 3A 13.4.1; Vol. 1 11.5.1): #XM with
 * CR4.OSXMMEXCPT, else #UD; the flag is set either way and the
 * destination keeps its value. Masked: the default result, no fault. */
static void simd_exceptions(void)
{
    set_cr4(CR4_OSFXSR, CR4_OSXMMEXCPT);
    mxcsr_val = 0x1f80;
    expect("osfxsr.ldmxcsr", op_ldmxcsr, NO_FAULT);
    expect("osfxsr.movaps", op_movaps, NO_FAULT);
    probe_call(op_set_xmm0_ones);
    expect("masked.divps", op_divps, NO_FAULT);
    probe_call(op_get_xmm0);
    check_eq("masked.divps.result", sse_out[0], 0x7f800000);
    check_eq("masked.divps.mxcsr", get_mxcsr(), 0x1f84);

    unmasked_divps("noxmmexcpt.divps", 6);
    set_cr4(CR4_OSXMMEXCPT, 0);
    unmasked_divps("xmmexcpt.divps", 19);
    mxcsr_val = 0x1f80;
    probe_call(op_ldmxcsr);
}

/* CR0.TS (SDM Vol. 3A 2.5, 13.4): #NM before x87, MMX, SSE, FXSAVE,
 * FXRSTOR; WAIT only when CR0.MP is also set. */
static void task_switched(void)
{
    set_cr0(CR0_TS | CR0_MP, CR0_EM);
    expect("ts.fld1", op_fld1, 7);
    expect("ts.fwait.mp", op_fwait, 7);
    expect("ts.paddb", op_paddb, 7);
    expect_sdm("ts.emms", op_emms, 7);
    expect("ts.movaps", op_movaps, 7);
    expect("ts.ldmxcsr", op_ldmxcsr, 7);
    expect("ts.divps", op_divps, 7);
    expect("ts.fxsave", op_fxsave, 7);
    expect("ts.fxrstor", op_fxrstor, 7);
    set_cr0(0, CR0_MP);
    expect("ts.fwait.nomp", op_fwait, NO_FAULT);
    __asm__ volatile("clts");
    check_eq("clts.cr0.ts", read_cr0() & CR0_TS, 0);
    expect("clts.fld1", op_fld1, NO_FAULT);
    set_cr0(CR0_MP, 0);
}

/* CR0.EM (SDM Vol. 3A 2.5, Table 2-2 and 13.1.3): x87 and FXSAVE/FXRSTOR
 * #NM, MMX and SSE #UD (also with TS: #UD comes first), WAIT unaffected. */
static void emulation(void)
{
    set_cr0(CR0_EM, CR0_TS);
    expect("em.fld1", op_fld1, 7);
    expect("em.fwait", op_fwait, NO_FAULT);
    expect("em.paddb", op_paddb, 6);
    expect_sdm("em.emms", op_emms, 6);
    expect("em.movaps", op_movaps, 6);
    expect("em.ldmxcsr", op_ldmxcsr, 6);
    expect("em.fxsave", op_fxsave, 7);
    expect("em.fxrstor", op_fxrstor, 7);
    set_cr0(CR0_TS, 0);
    expect_sdm("em.ts.movaps", op_movaps, 6);
    expect_sdm("em.ts.paddb", op_paddb, 6);
    expect("em.ts.fld1", op_fld1, 7);
    set_cr0(0, CR0_EM | CR0_TS);
}

/* Lazy FPU switching: the #NM handler clears TS and returns; the
 * instruction then runs (SDM Vol. 3A 13.4, "CLTS" in the #NM handler). */
static volatile uint32_t nm_count;

static void nm_lazy(struct trap_frame *f)
{
    nm_count++;
    __asm__ volatile("clts");
}

static uint32_t user_sse(void)
{
    op_copy_pattern();
    return sse_out[3];
}

static void lazy_switch(void)
{
    trap_handlers[7] = nm_lazy;
    nm_count = 0;
    sse_out[0] = sse_out[3] = 0;
    set_cr0(CR0_TS, 0);
    probe_call(op_copy_pattern);
    check_eq("lazy.cpl0.count", nm_count, 1);
    check_eq("lazy.cpl0.result", sse_out[0], sse_pattern[0]);
    set_cr0(CR0_TS, 0);
    sse_out[3] = 0;
    uint32_t r = run_user(user_sse, 0x202);
    check_eq("lazy.cpl3.count", nm_count, 2);
    check_eq("lazy.cpl3.result", r, sse_pattern[3]);
    check_eq("lazy.cr0.ts", read_cr0() & CR0_TS, 0);
    trap_handlers[7] = 0;
}

/* FXSAVE/FXRSTOR (SDM Vol. 2A FXSAVE, Table 3-53; FXRSTOR; LDMXCSR):
 * the area layout, a round trip of FCW, MXCSR and an XMM register,
 * #GP(0) for a misaligned area or reserved MXCSR bits. */
static void fxsave_fxrstor(void)
{
    reset_fpu();
    fcw_val = 0x027f;
    __asm__ volatile("fldcw fcw_val\n\tfld1");
    mxcsr_val = 0x3f80;
    probe_call(op_ldmxcsr);
    probe_call(op_copy_pattern);         /* xmm2 = pattern */
    for (int i = 0; i < 512; i++) {
        fx_area[i] = 0xa5;
    }
    expect("fxsave", op_fxsave, NO_FAULT);
    check_eq("fxsave.fcw", fx_area[0] | fx_area[1] << 8, 0x027f);
    check_eq("fxsave.fsw", fx_area[2] | fx_area[3] << 8, 0x3800);
    check_eq("fxsave.ftw", fx_area[4], 0x80);
    check_eq("fxsave.mxcsr", *(uint32_t *)(fx_area + 24), 0x3f80);
    check_eq("fxsave.mxcsr_mask", *(uint32_t *)(fx_area + 28), 0xffff);
    check_eq("fxsave.st0.exp", fx_area[40] | fx_area[41] << 8, 0x3fff);
    check_eq("fxsave.xmm2", *(uint32_t *)(fx_area + 160 + 32 + 12), sse_pattern[3]);

    reset_fpu();
    mxcsr_val = 0x1f80;
    probe_call(op_ldmxcsr);
    probe_call(op_set_xmm0_ones);
    __asm__ volatile("movaps sse_zeros, %xmm2");
    expect("fxrstor", op_fxrstor, NO_FAULT);
    uint16_t cw;
    __asm__ volatile("fnstcw %0" : "=m"(cw));
    check_eq("fxrstor.fcw", cw, 0x027f);
    check_eq("fxrstor.mxcsr", get_mxcsr(), 0x3f80);
    __asm__ volatile("movaps %xmm2, sse_out");
    check_eq("fxrstor.xmm2", sse_out[3], sse_pattern[3]);

    expect("fxsave.misaligned", op_fxsave_mis, 13);
    expect("fxrstor.misaligned", op_fxrstor_mis, 13);
    *(uint32_t *)(fx_area + 24) = 0x11f80;
    expect_sdm("fxrstor.mxcsr.reserved", op_fxrstor, 13);
    check_eq_sdm("fxrstor.mxcsr.reserved.kept", get_mxcsr(), 0x3f80);
    mxcsr_val = 0x80001f80;
    expect_sdm("ldmxcsr.reserved", op_ldmxcsr, 13);
    check_eq_sdm("ldmxcsr.reserved.kept", get_mxcsr(), 0x3f80);
    reset_fpu();
}

void bm_main(void)
{
    bm_require_cpuid(CPUID_FXSR | CPUID_SSE, "cpuid.fxsr.sse");
    set_cr0(CR0_MP, CR0_EM | CR0_TS);
    without_osfxsr();
    simd_exceptions();
    task_switched();
    emulation();
    lazy_switch();
    fxsave_fxrstor();
}
