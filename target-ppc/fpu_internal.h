/*
 * Shared by the PowerPC FPU files: fpu_helper.c (the ops on the host's
 * SSE unit, disabled exceptions) and fpu_exc.c (what an enabled exception
 * changes: suppressed or scaled results, the program interrupt). Values
 * are IEEE double bit patterns; MXCSR is driven directly.
 */
#ifndef TARGET_PPC_FPU_INTERNAL_H
#define TARGET_PPC_FPU_INTERNAL_H

#include <fenv.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "target-ppc/helper.h"

#define BIT(n) (1u << (n))
#define FPSCR_VX_ALL (BIT(FPSCR_VXSNAN) | BIT(FPSCR_VXISI) | BIT(FPSCR_VXIDI) | \
                      BIT(FPSCR_VXZDZ) | BIT(FPSCR_VXIMZ) | BIT(FPSCR_VXVC) |   \
                      BIT(FPSCR_VXSOFT) | BIT(FPSCR_VXSQRT) | BIT(FPSCR_VXCVI))
#define FPSCR_EXC_ALL (FPSCR_VX_ALL | BIT(FPSCR_OX) | BIT(FPSCR_UX) | \
                       BIT(FPSCR_ZX) | BIT(FPSCR_XX))
/* VE OE UE ZE XE */
enum { FPSCR_ENABLES = 0xf8 };

static inline double u2d(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static inline uint64_t d2u(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static inline float u2f(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

static inline bool is_nan(uint64_t u) { return (u & 0x7fffffffffffffffull) > 0x7ff0000000000000ull; }
static inline bool is_snan(uint64_t u) { return is_nan(u) && !(u & 0x0008000000000000ull); }
static inline bool is_inf(uint64_t u) { return (u & 0x7fffffffffffffffull) == 0x7ff0000000000000ull; }
static inline bool is_zero(uint64_t u) { return (u & 0x7fffffffffffffffull) == 0; }
static inline bool sign_of(uint64_t u) { return u >> 63; }

/*
 * MXCSR: all exceptions masked, the rounding control set to the guest's
 * mode. On x86 the FE_* flag values are the MXCSR status bits.
 */
enum { MXCSR_MASKED = 0x1f80, MXCSR_RC_SHIFT = 13, MXCSR_FLAGS = 0x3f };
enum { RC_NEAREST = 0, RC_DOWN = 1, RC_UP = 2, RC_ZERO = 3 };

static inline uint32_t mxcsr_read(void)
{
    uint32_t m;
    asm volatile("stmxcsr %0" : "=m"(m));
    return m;
}

static inline void mxcsr_write(uint32_t m)
{
    asm volatile("ldmxcsr %0" : : "m"(m));
}

/* MXCSR rounding control for the guest's FPSCR[RN]. */
static inline uint32_t ppc_mxcsr_mode(const CPUPPCState *env)
{
    static const uint32_t rc[4] = { RC_NEAREST, RC_ZERO, RC_UP, RC_DOWN };
    return MXCSR_MASKED | (rc[env->fpscr & 3] << MXCSR_RC_SHIFT);
}

#define MXCSR_TOWARD_ZERO (MXCSR_MASKED | (RC_ZERO << MXCSR_RC_SHIFT))

typedef enum {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_FMA, OP_RECIP, OP_RSQRT, OP_FRSP
} FpKind;

/* One arithmetic op as the host evaluates it: a+b, a-b, a*b, a/b,
 * a*b+c (the negated fmadd forms with their signs folded into a and c),
 * 1/a, 1/sqrt(a), or a rounded to single (frsp). */
typedef struct FpOp {
    FpKind k;
    bool single;              /* the result is rounded to single precision */
    uint64_t a, b, c;
} FpOp;

/* The outcome of one host evaluation. */
typedef struct FpOut {
    uint64_t r;       /* result in the guest rounding mode */
    uint64_t rz;      /* the same toward zero */
    int flags;        /* host exception flags (FE_*) */
} FpOut;

/* The return address of an FP helper into generated code, taken without
 * the interpreter check of GETPC (a thread-local read) so the usual path
 * stays as it was; ppc_fp_check_interrupt turns it into GETPC's value. */
#define PPC_FP_RA() ((uintptr_t)__builtin_return_address(0))

/* fpu_helper.c */
void ppc_fpscr_raise(CPUPPCState *env, uint32_t bits);
void ppc_set_fprf(CPUPPCState *env, uint64_t result);
/* FPSCR[FI] and [FR] bits of an add, sub, mul, div or fma (k) of a, b, c
 * whose round-to-nearest result r is a normal number, computed under
 * MXCSR or (a host with AVX-512) with embedded rounding; the unit test
 * tests/unit/ppc/test-fpu.c compares the two. */
uint32_t ppc_fp_fi_fr_mxcsr(FpKind k, uint64_t a, uint64_t b, uint64_t c, uint64_t r);
uint32_t ppc_fp_fi_fr_evex(FpKind k, uint64_t a, uint64_t b, uint64_t c, uint64_t r);
bool ppc_fp_host_has_evex_rounding(void);

/* fpu_exc.c. Each is called only when an enable bit is set (or, for the
 * interrupt, MSR[FE0,FE1]), so the usual path never reaches them. */

/* An op with exception conditions `bits` (OX, UX, ZX, XX as the disabled
 * case computes them) and at least one enable bit: applies ZE (frD
 * unchanged), OE/UE (the scaled result), sets FPSCR and raises the
 * program interrupt if one is due. Returns the value for frD. */
uint64_t ppc_fp_enabled_result(CPUPPCState *env, const FpOp *op, FpOut o,
                               uint32_t bits, uintptr_t ra);
/* An invalid operation with VE=1 (its VX bits already set): frD is left
 * unchanged, FR and FI cleared, FPRF unchanged. Returns the old frD. */
uint64_t ppc_fp_invalid_enabled(CPUPPCState *env, uintptr_t ra);
/* Raises the FP program interrupt if MSR[FE0,FE1] is set and one of the
 * exception conditions `occurred` (VX, OX, UX, ZX, XX) is enabled; frD
 * (from env->fp_dest) takes `result` first, as the instruction completed. */
void ppc_fp_check_interrupt(CPUPPCState *env, uint32_t occurred, uint64_t result,
                            bool writes_frd, uintptr_t ra);

/* mtfsf, mtfsfi, mtfsb0/1: the program interrupt if FEX went from 0 to
 * 1 (an exception bit and its enable both set) with MSR[FE0,FE1] set. */
void ppc_fp_check_fex_set(CPUPPCState *env, uint32_t old_fpscr, uintptr_t ra);

#endif
