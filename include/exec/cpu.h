/*
 * What every guest CPU shares: the common head of its state (CPUState),
 * the descriptor a guest front end registers (GuestArch), and the CPU loop
 * entry points of accel/tcg. Each guest's state struct begins with a
 * CPUState, so the env pointer given to generated code is also a CPUState *.
 */
#ifndef EXEC_CPU_H
#define EXEC_CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct TranslationBlock;
typedef struct GuestArch GuestArch;

#define TB_JMP_CACHE_BITS 12
#define TB_JMP_CACHE_SIZE (1u << TB_JMP_CACHE_BITS)

/* Exception numbers below 0 are the loop's own; guests use >= 0. */
enum {
    EXCP_INTERRUPT = -1,  /* exit_request was set (signal, other thread) */
    EXCP_HALTED = -2,
    EXCP_DEBUG = -3,
    EXCP_ATOMIC = -4,     /* restart the instruction exclusively */
    EXCP_NONE = -5,       /* nothing to report: cpu_exec keeps running
                           * (used after a self-modifying-code fault) */
    EXCP_HLT = -6,        /* system mode: the CPU halted (HLT) */
    EXCP_RESET = -7,      /* system mode: the machine resets (triple fault...) */
};

/* CPUState.interrupt_request bits (system mode), set by the board and
 * devices (cpu_interrupt), read by the CPU loop at block boundaries. */
enum {
    CPU_INTERRUPT_HARD = 0x01,   /* the INTR pin (PIC / local APIC) */
    CPU_INTERRUPT_NMI = 0x02,
    CPU_INTERRUPT_INIT = 0x04,
    CPU_INTERRUPT_EXITTB = 0x08, /* leave generated code, e.g. after a mode change */
};

typedef struct CPUState {
    /* Read by generated code at every block start; non-zero = leave. */
    volatile int32_t exit_request;
    int32_t exception_index;     /* set before cpu_loop_exit */
    uint32_t error_code;         /* guest-specific detail */
    uint32_t fault_addr;         /* guest address of a memory fault */
    bool fault_is_write;
    uint32_t cflags_next_tb;     /* if non-zero, cflags for the next block */
    const GuestArch *arch;
    sigjmp_buf jmp_env;          /* cpu_loop_exit lands here */
    bool in_exec;                /* inside cpu_exec (jmp_env valid) */
    struct TranslationBlock *current_tb;
    struct TranslationBlock **tb_jmp_cache; /* TB_JMP_CACHE_SIZE entries */
    int cpu_index;
    void *opaque;                /* the owner's per-CPU data (linux-user: TaskState) */

    /* System mode. */
    volatile uint32_t interrupt_request; /* CPU_INTERRUPT_* */
    bool halted;                 /* in HLT: the loop sleeps until an interrupt */
    struct CPUTLB *tlb;          /* soft TLB (accel/tcg/cputlb.c), NULL in user mode */
} CPUState;

/*
 * A guest front end. `translate` emits IR for one block (using the
 * translator loop in exec/translator.h); the others describe the state.
 */
struct GuestArch {
    const char *name;            /* "i386", "ppc" */
    size_t env_size;             /* sizeof the guest state, CPUState first */
    bool big_endian;
    /* Creates the IR globals (called once after tcg_context_init). */
    void (*tcg_init)(void);
    /* Emits the IR of the block at tb->pc (at most max_insns insns). */
    void (*translate)(CPUState *cpu, struct TranslationBlock *tb, int max_insns);
    /* The lookup key of the block to run next. */
    void (*get_tb_cpu_state)(CPUState *cpu, uint32_t *pc, uint32_t *cs_base,
                             uint32_t *flags);
    /* Sets the guest state from one insn_start's data (data[0] = pc). */
    void (*restore_state_to_opc)(CPUState *cpu, const uint64_t *data);
    /* Brings guest state that generated code may keep outside the
     * state struct (i386: the live host x87, target-i386/x87.h) back
     * into it; cpu_exec calls it when it lands from cpu_loop_exit and
     * before it returns. NULL: nothing is kept outside. */
    void (*sync_host_state)(CPUState *cpu);
    /* Writes registers for -d cpu. */
    void (*dump_state)(CPUState *cpu, FILE *f);
    /* Capstone arch/mode for -d in_asm. */
    int capstone_arch, capstone_mode;
    /* User mode: sets exception_index (and fault_addr, fault_is_write,
     * error_code) for an access to addr that the page flags forbid;
     * access is an MMUAccessType (2 = instruction fetch), present whether
     * the page is mapped at all. The caller (the guest-memory API, the
     * translator's code fetch) then leaves through cpu_loop_exit(_restore).
     * System mode raises faults through tlb_fill instead. */
    void (*raise_user_fault)(CPUState *cpu, uint32_t addr, int access, bool present);
    /* Registers and target description for the gdb stub (NULL: none). */
    const struct GdbArch *gdb;
    /* Offset in the state of the pc that get_tb_cpu_state reports (minus
     * cs_base): lets generated code probe the jump cache inline at
     * indirect jumps. 0 = no inline probe. */
    intptr_t pc_offset;

    /* ---- System mode (NULL in a guest without it) ---- */
    /* Fills the soft TLB for an access (tlb_set_page) after walking the
     * guest's page tables, and returns true; if the access faults, returns
     * false when `probe`, else raises the guest's exception at ra
     * (cpu_loop_exit_restore). access is an MMUAccessType. */
    bool (*tlb_fill)(CPUState *cpu, uint32_t addr, int size, int access,
                     int mmu_idx, bool probe, uintptr_t ra);
    /* Delivers cpu->exception_index (>= 0) through the guest's tables
     * (IDT, vectors); may set EXCP_RESET on a triple fault. */
    void (*do_interrupt)(CPUState *cpu);
    /* At a block boundary with interrupt_request set: takes an interrupt
     * the CPU accepts now (delivering it) and returns true. */
    bool (*exec_interrupt)(CPUState *cpu, uint32_t interrupt_request);
    /* The MMU index that code fetches and data accesses of the current
     * state use (also encoded in the block flags). */
    int (*mmu_index)(CPUState *cpu, bool ifetch);
};

/* ---- accel/tcg: the CPU loop ---- */

/* Sets up the code cache and the IR for this guest; call once. */
void tcg_exec_init(const GuestArch *arch, const char *backend_name,
                   size_t code_buffer_size);
/* Allocates a zeroed guest state with the CPUState head filled in. */
CPUState *cpu_create(const GuestArch *arch);
void cpu_destroy(CPUState *cpu);
/* Runs guest code until an exception; returns exception_index. */
int cpu_exec(CPUState *cpu);
/* cpu_exec that first delivers exception excp (>= 0, its error code in
 * cpu->error_code) through GuestArch.do_interrupt, where a fault during
 * delivery can be raised: for an accelerator that ran guest code outside
 * the translator (-accel kaccel). EXCP_NONE: cpu_exec. */
int cpu_exec_deliver(CPUState *cpu, int excp);
/* Leaves generated code or a helper back to cpu_exec. */
_Noreturn void cpu_loop_exit(CPUState *cpu);
/* The same, first restoring the guest state of the instruction that
 * contains host_pc (a helper's GETPC(), or a faulting host pc). */
_Noreturn void cpu_loop_exit_restore(CPUState *cpu, uintptr_t host_pc);
/* Raises exception `excp` at the instruction containing host_pc. */
_Noreturn void cpu_raise_exception(CPUState *cpu, int excp, uintptr_t host_pc);
/* Restores the guest state for host_pc; false if host_pc is not in
 * generated code. */
bool cpu_restore_state(CPUState *cpu, uintptr_t host_pc);
/* Asks the CPU to leave generated code soon (async-signal-safe). */
void cpu_exit(CPUState *cpu);
/* System mode: sets / clears interrupt_request bits. Setting one makes a
 * CPU inside cpu_exec leave its chain of blocks (exit_request, so
 * cpu_exec returns EXCP_INTERRUPT once the interrupt is taken); a halted
 * CPU wakes when GuestArch.exec_interrupt accepts an interrupt. */
void cpu_interrupt(CPUState *cpu, uint32_t mask);
void cpu_reset_interrupt(CPUState *cpu, uint32_t mask);

/*
 * The return address a helper passes to cpu_loop_exit_restore. Under the
 * interpreter it is the bytecode position of the call instead.
 */
extern __thread uintptr_t tcg_interp_pc;
/* The host FPU state (an x86-64 FXSAVE image) at a fault in generated
 * code, for GuestArch.restore_state_to_opc (i386: the guest MXCSR an SSE
 * run keeps in the host's): linux-user's fault handler sets it to the
 * signal frame's; NULL means the FPU is live (faults found by C code).
 * The handler also loads the frame's x87 state into its own FPU before
 * it leaves, so the live x87 is the one at the fault (target-i386/x87.h). */
extern __thread const void *tcg_fault_host_fpu;
/* The host's general registers at a fault in generated code, indexed by
 * the JIT's register numbers (x86-64 encoding), for cpu_restore_state to
 * take the guest globals a guest load or store left in host registers
 * (tcg.h, "Fault restore data"): linux-user's fault handler sets it from
 * the signal frame. NULL: the fault was found by C code (a helper, the
 * system-mode slow path), which runs with those globals in env already.
 * cpu_restore_state clears it. */
extern __thread const uint64_t *tcg_fault_host_regs;
#define GETPC() (tcg_interp_pc ? tcg_interp_pc : (uintptr_t)__builtin_return_address(0) - 1)

#endif
