/*
 * The i386 guest CPU state. Shared by the front end (translate*.c), the
 * helpers (x87 included) and linux-user/i386. CPUState comes first, so a
 * CPUX86State * is also the env pointer of generated code.
 */
#ifndef TARGET_I386_CPU_H
#define TARGET_I386_CPU_H

#include <stdint.h>
#include "exec/cpu.h"

enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI };
enum { R_ES, R_CS, R_SS, R_DS, R_FS, R_GS, NB_SEGS };

/* EFLAGS bits. */
enum {
    CC_C = 0x0001, CC_P = 0x0004, CC_A = 0x0010, CC_Z = 0x0040,
    CC_S = 0x0080, CC_O = 0x0800,
    TF_MASK = 0x100, IF_MASK = 0x200, DF_MASK = 0x400, IOPL_MASK = 0x3000,
    NT_MASK = 0x4000, RF_MASK = 0x10000, VM_MASK = 0x20000, AC_MASK = 0x40000,
    VIF_MASK = 0x80000, VIP_MASK = 0x100000, ID_MASK = 0x200000,
};

/* Exceptions (vectors) and loop exits of the i386 guest. */
enum {
    EXCP00_DIVZ = 0, EXCP01_DB = 1, EXCP02_NMI = 2, EXCP03_INT3 = 3,
    EXCP04_INTO = 4, EXCP05_BOUND = 5, EXCP06_ILLOP = 6, EXCP07_PREX = 7,
    EXCP08_DBLE = 8, EXCP0A_TSS = 10,
    EXCP0B_NOSEG = 11, EXCP0C_STACK = 12, EXCP0D_GPF = 13, EXCP0E_PAGE = 14,
    EXCP10_COPR = 16, EXCP11_ALGN = 17, EXCP12_MCHK = 18, EXCP13_XMM = 19,
};

/* MMU indexes (GuestArch.mmu_index, tlb_fill): CPL 0-2 and implicit
 * supervisor accesses (descriptor tables, TSS) use the kernel index. */
enum { X86_MMU_IDX_KERNEL = 0, X86_MMU_IDX_USER = 1 };

/* CR0 bits. */
enum {
    CR0_PE_MASK = 1u << 0, CR0_MP_MASK = 1u << 1, CR0_EM_MASK = 1u << 2,
    CR0_TS_MASK = 1u << 3, CR0_ET_MASK = 1u << 4, CR0_NE_MASK = 1u << 5,
    CR0_WP_MASK = 1u << 16, CR0_AM_MASK = 1u << 18, CR0_PG_MASK = 1u << 31,
};

typedef struct SegmentCache {
    uint32_t selector, base, limit, flags;
} SegmentCache;

typedef union XMMReg {
    uint8_t b[16];
    uint16_t w[8];
    uint32_t l[4];
    uint64_t q[2];
    float f[4];
    double d[2];
} XMMReg;

/* One MMX register: the mantissa of an x87 register (MMX register i is
 * env->fpregs[i].x.mant, SDM vol. 1, 9.5). */
typedef union MMXReg {
    uint8_t b[8];
    uint16_t w[4];
    uint32_t l[2];
    uint64_t q;
} MMXReg;

/* One x87 register: the 80-bit extended format, stored as the host's
 * long double (the host has an x87; see docs/x87.md for the policy). */
typedef union FPReg {
    long double d;
    struct { uint64_t mant; uint16_t sign_exp; } x;
} FPReg;

typedef struct CPUX86State {
    CPUState cs;

    uint32_t regs[8];
    uint32_t eip;
    /* EFLAGS bits other than the arithmetic ones and DF. */
    uint32_t eflags;
    int32_t df;                  /* +1 or -1 */

    /* Lazily computed arithmetic flags (see target-i386/cc.h). */
    uint32_t cc_op, cc_dst, cc_src, cc_src2;
    /* CF and OF (EFLAGS bits) replacing those of cc_op when cc_op has the
     * CC_OP_CO bit (rotates, BT: see cc.h). */
    uint32_t cc_co;

    SegmentCache segs[NB_SEGS];
    /* User-mode GDT: linux-user fills the TLS entries (6..8) and the
     * flat user segments; with lu_descriptors set, segment loads read it
     * instead of the guest's GDT/LDT in guest memory. */
    uint64_t gdt[32];
    bool lu_descriptors;

    /* x87: registers indexed physically; ST(i) = fpregs[(fpstt + i) & 7]. */
    FPReg fpregs[8];
    uint32_t fpstt;              /* top of stack */
    uint16_t fpus;               /* status word, TOP field kept in fpstt */
    uint16_t fpuc;               /* control word */
    uint8_t fptags[8];           /* 1 = empty */
    uint16_t fpop;               /* last opcode */
    uint32_t fpip, fpdp;         /* last instruction and data pointers */
    uint16_t fpcs, fpds;
    FPReg ft0;                   /* scratch operand for helpers */
    /* x87 helper <-> decoder handoff (target-i386/x87.h): the status word
     * a store commits after its memory write, and the FSAVE/FXSAVE image
     * moved between guest memory and the helpers. */
    uint16_t fp_pending_sw;
    /* Inline x87 runs (translate-x87-run.c) and the helpers: exception
     * flags the host x87 may have up (a superset; helpers' fast way), the
     * host status word before an inline store (system mode), and whether
     * the host x87 holds the guest's x87 state (fp_live: then fpregs,
     * fpstt, fpus and fptags are stale, docs/x87.md "The live host FPU"). */
    uint16_t fp_host_flags;
    uint16_t fp_host_sw;
    uint8_t fp_live;
    uint8_t fp_image[512] __attribute__((aligned(16)));

    /* SSE state; CPUID advertises only what is implemented. */
    XMMReg xmm[8];
    uint32_t mxcsr;
    /* Nonzero while generated code runs with the guest MXCSR in the host
     * (x86-64 JIT, tcg/x86_64/x86-sse.c: its flags may be newer than
     * mxcsr's; a fault recovers them, x86_sse_recover_mxcsr). Right
     * after mxcsr: the backend finds it at the MXCSR's offset + 4. */
    uint32_t mxcsr_in_host;
    /* SIMD decoder scratch (translate-sse.c): a memory or general-register
     * source operand is staged in simd_src, a memory or general-register
     * destination in simd_dst, so helpers only see env registers. */
    XMMReg simd_src, simd_dst;

    /* Scratch for the front end's helpers. */
    uint64_t tsc_offset;

    /* ---- System state (system mode; linux-user leaves it zero) ----
     * Owners while issue 7 is built: segments/descriptor tables/TSS/hflags
     * and exception delivery (seg_helper.c, excp_helper.c); CRs, paging,
     * MSRs and CPUID models (mmu.c, misc_helper.c). */
    uint32_t cr[5];              /* CR0, -, CR2, CR3, CR4 */
    uint32_t dr[8];
    SegmentCache ldt, tr;        /* selector + descriptor cache */
    struct { uint32_t base, limit; } gdtr, idtr;
    /* Mode bits that shape translation (CPL, 16/32-bit code and stack,
     * PE, VM86, interrupt shadow, FPU traps, ...): HF_* in translate.h,
     * recomputed by x86_update_hflags after any change to CR0/CR4/EFLAGS.VM
     * or a segment load; folded into the block flags with the MMU index. */
    uint32_t hflags;
    uint64_t efer;               /* IA32_EFER: NXE */
    uint32_t sysenter_cs, sysenter_esp, sysenter_eip;
    uint64_t pat;
    uint64_t apic_base_msr;
    uint64_t misc_enable;
    uint32_t a20_mask;           /* 0xffffffff, or A20 masked (bit 20 clear) */
    /* Exception delivery: the vector being delivered (double-fault rules),
     * whether it came from INT n / INT3 / INTO (software), and the EIP
     * after the instruction for those. */
    int32_t old_exception;       /* -1: none in progress */
    bool exception_is_int;
    uint32_t exception_next_eip;
    bool nmi_blocked;            /* from NMI delivery to the next IRET */
    /* The board's interrupt controller: returns the vector the CPU takes
     * for CPU_INTERRUPT_HARD (PIC or local APIC), -1 if none after all. */
    int (*get_intr_vector)(void *opaque);
    void *intr_opaque;
    /* MMU and MSR side (mmu.c, misc_helper.c): the PAE PDPTE registers
     * (loaded from CR3, SDM 4.4.1), the MSRs that are only stored, the
     * CPU model (CPUID; NULL = linux-user's), and the board's local APIC:
     * IA32_APIC_BASE writes are forwarded to it (NULL = no local APIC,
     * CPUID then clears the APIC bit). */
    uint64_t pdpte[4];
    uint64_t mtrr_var[16];       /* PHYSBASE0, PHYSMASK0, ... PHYSMASK7 */
    uint64_t mtrr_fixed[11];     /* 0x250, 0x258, 0x259, 0x268..0x26f */
    uint64_t mtrr_deftype;
    uint64_t perf_evtsel[2], perf_ctr[2];
    uint64_t mcg_status;
    const struct X86CPUModel *cpu_model;
    void (*apic_base_write)(void *opaque, uint64_t value);
    void *apic_opaque;
} CPUX86State;

/* Recomputes env->hflags from CR0/CR4, EFLAGS and the segment caches. */
void x86_update_hflags(CPUX86State *env);
/* The MMU index of data accesses in the current state (X86_MMU_IDX_*). */
int x86_mmu_index(CPUX86State *env);

/* Exception raising for helpers (target-i386/excp_helper.c): sets the
 * vector and error code and leaves through cpu_loop_exit_restore(ra)
 * (ra = 0: the state is already exact). */
_Noreturn void x86_raise_exception_err(CPUX86State *env, int vector,
                                       uint32_t error_code, uintptr_t ra);
/* User mode's flat segments: #GP(0) (#SS(0) if ss) for an access of size
 * bytes at addr that crosses 4 GiB; nothing in system mode. */
void x86_check_wrap(CPUX86State *env, uint32_t addr, uint32_t size, bool ss,
                    uintptr_t ra);
/* x86_helper_check_align's mask argument: the access is through SS. */
#define X86_ALIGN_SS 0x100u
/* x86_helper_check_wrap's size argument: the access is through SS. */
#define X86_WRAP_SS 0x10000u
/* A software interrupt (INT n, INT3, INTO): env->eip is at the
 * instruction; the return address is eip + next_eip_addend. */
_Noreturn void x86_raise_interrupt(CPUX86State *env, int vector,
                                   int next_eip_addend, uintptr_t ra);
/* GuestArch.do_interrupt / exec_interrupt of system mode. */
void x86_cpu_do_interrupt(CPUState *cpu);
bool x86_cpu_exec_interrupt(CPUState *cpu, uint32_t interrupt_request);

extern const GuestArch x86_guest_arch;

/* Full EFLAGS (lazy arithmetic flags computed, DF included), for signal
 * frames and the like (target-i386/cpu.c). */
uint32_t x86_cpu_get_eflags(CPUX86State *env);
/* Sets the bits of EFLAGS selected by mask (arithmetic flags, DF, the rest). */
void x86_cpu_set_eflags(CPUX86State *env, uint32_t eflags, uint32_t mask);
/* Flat 32-bit user-mode segments (CS 0x23, DS/ES/SS 0x2b, FS/GS null),
 * EFLAGS 0x202, DF clear; fills the matching GDT entries. */
void x86_cpu_reset_user(CPUX86State *env);

/* Notifications for an accelerator that runs guest code outside the
 * translator and keeps its own view of the guest's paging (-accel kaccel:
 * accel/kmod/kaccel-loop.c). NULL (the default, and always with -accel
 * tcg): nothing is called. Each hook runs after the change took effect. */
typedef struct X86AccelNotify {
    void (*user_entered)(CPUX86State *env);    /* CPL became 3 */
    void (*invlpg)(CPUX86State *env, uint32_t addr);
    void (*cr3_loaded)(CPUX86State *env);      /* MOV to CR3, task switch */
    /* CR0.PG/WP/PE, CR4.PAE/PSE/PGE or EFER.NXE changed */
    void (*paging_changed)(CPUX86State *env);
} X86AccelNotify;
extern const X86AccelNotify *x86_accel_notify;

/* The fixed CPUID model (target-i386/helper.c): linux-user reads leaf 1
 * for AT_HWCAP and /proc/cpuinfo. */
void x86_cpuid(uint32_t leaf, uint32_t sub, uint32_t *eax, uint32_t *ebx,
               uint32_t *ecx, uint32_t *edx);

#endif
