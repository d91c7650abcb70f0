/*
 * The 32-bit PowerPC guest CPU state (user-mode subset of a classic
 * 6xx/7xx with FPU). CPUState comes first, so a CPUPPCState * is also the
 * env pointer of generated code. Shared by the front end, its helpers and
 * linux-user/ppc.
 */
#ifndef TARGET_PPC_CPU_H
#define TARGET_PPC_CPU_H

#include <stdint.h>
#include "exec/cpu.h"

/* The processor version Mimic's ppc reports (a PowerPC 750, as Debian's
 * qemu-ppc does). */
#define PPC_PVR_750 0x00080301u

/* CR field bits (each crf[i] holds 4 bits: LT GT EQ SO). */
enum { CRF_LT = 8, CRF_GT = 4, CRF_EQ = 2, CRF_SO = 1 };

/* FPSCR bits, numbered from the least significant bit. */
enum {
    FPSCR_RN0 = 0, FPSCR_RN1 = 1, FPSCR_NI = 2, FPSCR_XE = 3, FPSCR_ZE = 4,
    FPSCR_UE = 5, FPSCR_OE = 6, FPSCR_VE = 7, FPSCR_VXCVI = 8,
    FPSCR_VXSQRT = 9, FPSCR_VXSOFT = 10, FPSCR_FPRF = 12 /* 5 bits: 12..16 */,
    FPSCR_FI = 17, FPSCR_FR = 18, FPSCR_VXVC = 19, FPSCR_VXIMZ = 20,
    FPSCR_VXZDZ = 21, FPSCR_VXIDI = 22, FPSCR_VXISI = 23, FPSCR_VXSNAN = 24,
    FPSCR_XX = 25, FPSCR_ZX = 26, FPSCR_UX = 27, FPSCR_OX = 28, FPSCR_VX = 29,
    FPSCR_FEX = 30, FPSCR_FX = 31,
};

/* MSR bits user mode can change (through prctl(PR_SET_FPEXC)): the FP
 * exception mode; either set means enabled FP exceptions interrupt. */
enum { MSR_FE0 = 1u << 11, MSR_FE1 = 1u << 8 };

/* Block flags (TranslationBlock.flags): an FP exception is enabled in
 * FPSCR or MSR[FE0,FE1] is set, so FP ops take the path that can leave
 * frD unchanged and raise the program interrupt (translate-fp.c);
 * XER[SO] is set (compares and record forms copy it into the CR field;
 * with the flag clear they need not read it); FPSCR is in the state of
 * the inline FP fast path (round-to-nearest, XX set, nothing enabled,
 * and not PPC_TBF_FPEXC; translate-fp.c). */
enum { PPC_TBF_FPEXC = 1, PPC_TBF_SO = 2, PPC_TBF_FPFAST = 4 };

/* FPSCR & PPC_FPSCR_FAST_MASK (RN, the enables VE OE UE ZE XE, XX) is
 * PPC_FPSCR_FAST in the state of PPC_TBF_FPFAST. */
enum { PPC_FPSCR_FAST_MASK = 0x020000fb, PPC_FPSCR_FAST = 0x02000000 };

/* fp_last.pending: FPRF is also left to ppc_fpscr_get. */
enum { PPC_FP_LAST_FPRF = 0x100 };

/* Exceptions of the ppc guest (cs.exception_index). */
enum {
    POWERPC_EXCP_DSI = 0x300,      /* data storage: fault_addr set */
    POWERPC_EXCP_ISI = 0x400,      /* instruction storage */
    POWERPC_EXCP_ALIGN = 0x600,
    POWERPC_EXCP_PROGRAM = 0x700,  /* error_code: POWERPC_PROG_* */
    POWERPC_EXCP_FPU = 0x800,      /* FP unavailable (not used) */
    POWERPC_EXCP_SYSCALL = 0xc00,  /* sc: nip is after the insn */
    POWERPC_EXCP_TRAP = 0x1700,    /* tw/twi that fired (user: SIGTRAP) */
};

/* error_code of POWERPC_EXCP_PROGRAM, matching Linux's si_code choice. */
enum {
    POWERPC_PROG_ILLEGAL = 1,      /* SIGILL ILL_ILLOPC */
    POWERPC_PROG_PRIV = 2,         /* SIGILL ILL_PRVOPC */
    POWERPC_PROG_TRAP = 3,         /* SIGTRAP TRAP_BRKPT */
    POWERPC_PROG_FP = 4,           /* SIGFPE, code from FPSCR */
};

typedef struct CPUPPCState {
    CPUState cs;

    uint32_t gpr[32];
    uint32_t nip;                  /* next instruction pointer (pc) */
    uint32_t lr, ctr;
    /* XER split into its fields; xer_so/ov/ca are 0 or 1. */
    uint32_t xer_so, xer_ov, xer_ca;
    uint32_t xer_bc;               /* byte count (bits 0..6) for lswx/stswx */
    uint32_t crf[8];               /* CR0..CR7, 4 bits each */
    uint64_t fpr[32];              /* IEEE double bit patterns */
    uint32_t fpscr;
    /* FPSCR[FI,FR] and FPRF of the last FP op, computed lazily
     * (fpu_helper.c): the fast paths (the helpers', and the inline one of
     * translate-fp.c) record the op here instead of reading host flags.
     * pending is 0, or 1 + the op's FpKind (fpu_internal.h), plus
     * PPC_FP_LAST_FPRF if FPRF is to be computed too; a, b, c are its
     * operands as the host evaluates them, r its result, in
     * round-to-nearest (a normal number: the fast paths take no other). */
    struct {
        uint32_t pending;
        uint64_t a, b, c, r;
    } fp_last;
    /* In blocks with PPC_TBF_FPEXC, the FP op being run stores its
     * target FPR here (bits 0-4), and bit 8 if it is a record form. */
    uint32_t fp_dest;
    uint32_t vrsave;
    uint32_t msr;                  /* user mode: only MSR_FE0/FE1 change */
    /* lwarx/stwcx.: the reserved address (-1 = none) and the loaded word. */
    uint32_t reserve_addr, reserve_val;
    /* Exact reservations (reserve.c): the granule bucket's store count at
     * lwarx and this thread's own stores to that bucket since. */
    uint32_t reserve_gen, reserve_own;
    uint64_t tb_offset;            /* time base = host clock + offset */
} CPUPPCState;

extern const GuestArch ppc_guest_arch;

#endif
