/*
 * SSE/SSE2/SSE3 floating point of the i386 guest: MXCSR bits and the
 * helpers of sse_helper.c, which run each instruction on the host's own
 * SSE unit under the guest's MXCSR (docs/sse.md has the policy).
 */
#ifndef TARGET_I386_SSE_H
#define TARGET_I386_SSE_H

#include "target-i386/cpu.h"

/* MXCSR: exception flags (0-5), DAZ (6), masks (7-12), RC (13-14), FTZ. */
enum {
    MXCSR_IE = 1 << 0, MXCSR_DE = 1 << 1, MXCSR_ZE = 1 << 2,
    MXCSR_OE = 1 << 3, MXCSR_UE = 1 << 4, MXCSR_PE = 1 << 5,
    MXCSR_FLAGS = 0x3f,
    MXCSR_DAZ = 1 << 6,
    MXCSR_MASKS = 0x3f << 7,
    MXCSR_UM = MXCSR_UE << 7,
    MXCSR_RC = 3 << 13,
    MXCSR_FTZ = 1 << 15,
    MXCSR_DEFAULT = 0x1f80,
    /* The bits LDMXCSR/FXRSTOR accept (= MXCSR_MASK of FXSAVE); any
     * other bit set is #GP. */
    MXCSR_WRITABLE = 0xffff,
};

/* Sets the flags (and raises #XM, or #UD when CR4.OSXMMEXCPT = 0 in
 * system mode, if one of them is unmasked): the one way FP helpers
 * report exceptions. ra: the helper's GETPC(). */
void x86_sse_set_flags(CPUX86State *env, uint32_t flags, uintptr_t ra);
/* Raises the #XM (or #UD) of the current MXCSR, whose flags are set. */
_Noreturn void x86_sse_raise(CPUX86State *env, uintptr_t ra);

/* At a fault in generated code (the state restore): the guest MXCSR from
 * the host's at the fault (host_fpu: the FXSAVE image of the signal
 * context, or NULL) if the JIT had it there (env->mxcsr_in_host). */
void x86_sse_recover_mxcsr(CPUX86State *env, const void *host_fpu);

/* LDMXCSR (value read from memory by the decoder): #GP(0) on reserved
 * bits. STMXCSR is a plain store of env->mxcsr. */
void x86_helper_ldmxcsr(CPUX86State *env, uint32_t value);

/*
 * The computing helpers, with the SIMD helper signature of TEAM.md: d is
 * the destination (an XMM register or a scratch), s the source (an XMM
 * register, or the scratch the decoder loaded a memory operand into; a
 * scalar or 64-bit memory operand sits in its low bytes).
 * Forms with a general register: CVTSI2SS/SD read s->l[0] (the decoder
 * puts the r/m32 value there); CVT(T)SS2SI, CVT(T)SD2SI write d->l[0]
 * (d = a scratch the decoder then moves to the register, upper bits 0).
 * Forms with an MMX register: CVTPI2PS/PD read s->q[0]; CVT(T)PS2PI,
 * CVT(T)PD2PI write d->q[0] (and zero d->q[1]); the decoder does the
 * MMX side (x87 tags, TOP, sign_exp) around the call.
 * COMISS/UCOMISS/COMISD/UCOMISD return the EFLAGS bits (ZF PF CF; OF SF
 * AF clear) for CC_OP_EFLAGS; they have no d.
 */
typedef void X86SseHelper(CPUX86State *env, XMMReg *d, const XMMReg *s);
typedef void X86SseHelperImm(CPUX86State *env, XMMReg *d, const XMMReg *s,
                             uint32_t imm8);

X86SseHelper x86_helper_addps, x86_helper_addpd, x86_helper_addss,
    x86_helper_addsd, x86_helper_subps, x86_helper_subpd, x86_helper_subss,
    x86_helper_subsd, x86_helper_mulps, x86_helper_mulpd, x86_helper_mulss,
    x86_helper_mulsd, x86_helper_divps, x86_helper_divpd, x86_helper_divss,
    x86_helper_divsd, x86_helper_minps, x86_helper_minpd, x86_helper_minss,
    x86_helper_minsd, x86_helper_maxps, x86_helper_maxpd, x86_helper_maxss,
    x86_helper_maxsd, x86_helper_sqrtps, x86_helper_sqrtpd,
    x86_helper_sqrtss, x86_helper_sqrtsd;
X86SseHelper x86_helper_rcpps, x86_helper_rcpss, x86_helper_rsqrtps,
    x86_helper_rsqrtss;
X86SseHelper x86_helper_addsubps, x86_helper_addsubpd, x86_helper_haddps,
    x86_helper_haddpd, x86_helper_hsubps, x86_helper_hsubpd;
X86SseHelper x86_helper_cvtsi2ss, x86_helper_cvtsi2sd,
    x86_helper_cvtss2si, x86_helper_cvttss2si, x86_helper_cvtsd2si,
    x86_helper_cvttsd2si, x86_helper_cvtps2pd, x86_helper_cvtpd2ps,
    x86_helper_cvtss2sd, x86_helper_cvtsd2ss, x86_helper_cvtdq2ps,
    x86_helper_cvtps2dq, x86_helper_cvttps2dq, x86_helper_cvtdq2pd,
    x86_helper_cvtpd2dq, x86_helper_cvttpd2dq, x86_helper_cvtpi2ps,
    x86_helper_cvtpi2pd, x86_helper_cvtps2pi, x86_helper_cvttps2pi,
    x86_helper_cvtpd2pi, x86_helper_cvttpd2pi;
/* CMPPS/CMPPD/CMPSS/CMPSD: the predicate is imm8 bits 2:0 (the legacy
 * encodings ignore bits 7:3, as the CPU does). */
X86SseHelperImm x86_helper_cmpps, x86_helper_cmppd, x86_helper_cmpss,
    x86_helper_cmpsd;

uint32_t x86_helper_comiss(CPUX86State *env, const XMMReg *a, const XMMReg *b);
uint32_t x86_helper_ucomiss(CPUX86State *env, const XMMReg *a, const XMMReg *b);
uint32_t x86_helper_comisd(CPUX86State *env, const XMMReg *a, const XMMReg *b);
uint32_t x86_helper_ucomisd(CPUX86State *env, const XMMReg *a, const XMMReg *b);

#endif
