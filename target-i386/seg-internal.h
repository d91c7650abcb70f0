/*
 * What the system-CPU helpers of target-i386 share (seg_helper.c,
 * excp_helper.c, task_helper.c, io_helper.c): descriptor decoding,
 * supervisor accesses to guest memory (descriptor tables, TSS, stacks),
 * the descriptor fetch that linux-user redirects to env->gdt, and the
 * interrupt delivery entry points.
 */
#ifndef TARGET_I386_SEG_INTERNAL_H
#define TARGET_I386_SEG_INTERNAL_H

#include "exec/cpu-ldst.h"
#include "target-i386/translate-int.h"

/* Descriptor high-word (e2) fields. */
#define X86_DESC_TYPE(e2) (((e2) >> 8) & 0xf)
#define X86_DESC_DPL(e2) (((e2) >> 13) & 3)
enum {
    X86_DESC_A = 1 << 8,        /* accessed (code/data) */
    X86_DESC_RW = 1 << 9,       /* data: writable; code: readable */
    X86_DESC_C = 1 << 10,       /* code: conforming */
    X86_DESC_G = 1 << 23,       /* limit in 4 KiB units */
    X86_DESC_TSS_BUSY = 1 << 9, /* system type 1/9 -> 3/11 */
};
/* System descriptor types. */
enum {
    X86_SYS_TSS16 = 1, X86_SYS_LDT = 2, X86_SYS_TSS16_BUSY = 3,
    X86_SYS_CALLGATE16 = 4, X86_SYS_TASKGATE = 5, X86_SYS_INTGATE16 = 6,
    X86_SYS_TRAPGATE16 = 7, X86_SYS_TSS32 = 9, X86_SYS_TSS32_BUSY = 11,
    X86_SYS_CALLGATE32 = 12, X86_SYS_INTGATE32 = 14, X86_SYS_TRAPGATE32 = 15,
};

static inline uint32_t x86_desc_base(uint32_t e1, uint32_t e2)
{
    return (e1 >> 16) | ((e2 & 0xff) << 16) | (e2 & 0xff000000u);
}

static inline uint32_t x86_desc_limit(uint32_t e1, uint32_t e2)
{
    uint32_t limit = (e1 & 0xffff) | (e2 & 0x000f0000u);
    return (e2 & X86_DESC_G) ? (limit << 12) | 0xfff : limit;
}

static inline int x86_cpl(CPUX86State *env)
{
    return env->hflags & HF_CPL_MASK;
}

/* Fills a segment cache from a descriptor. */
void x86_load_seg_cache(CPUX86State *env, int seg, uint32_t sel, uint32_t e1,
                        uint32_t e2);
/* A segment register load (MOV, POP, LxS) with the checks of the mode. */
void x86_load_seg(CPUX86State *env, int seg, uint32_t sel, uintptr_t ra);
/* Sets the CPL in hflags (then x86_update_hflags). */
void x86_set_cpl(CPUX86State *env, int cpl);

/* Supervisor (kernel MMU index) accesses at a linear address, with ra for
 * a precise fault (0 outside generated code). */
uint32_t x86_ldub_kernel(CPUX86State *env, uint32_t addr, uintptr_t ra);
uint32_t x86_lduw_kernel(CPUX86State *env, uint32_t addr, uintptr_t ra);
uint32_t x86_ldl_kernel(CPUX86State *env, uint32_t addr, uintptr_t ra);
void x86_stw_kernel(CPUX86State *env, uint32_t addr, uint32_t v, uintptr_t ra);
void x86_stl_kernel(CPUX86State *env, uint32_t addr, uint32_t v, uintptr_t ra);

/*
 * Reads the descriptor of selector sel from the GDT or LDT (linux-user:
 * env->gdt, no LDT). Returns false when the index is past the table's
 * limit (the caller raises its fault with the selector).
 */
bool x86_desc_fetch(CPUX86State *env, uint32_t sel, uint32_t *e1, uint32_t *e2,
                    uintptr_t ra);
/* Writes the high word back (accessed and busy bits). */
void x86_desc_store_e2(CPUX86State *env, uint32_t sel, uint32_t e2, uintptr_t ra);

/* A stack of the given segment (base, 16/32-bit mask) for pushes and pops
 * done by helpers: sp is updated in place; accesses at mmu_idx. */
typedef struct X86Stack {
    uint32_t base, mask, sp;
    int mmu_idx;
} X86Stack;
void x86_stack_push(CPUX86State *env, X86Stack *st, bool is32, uint32_t v,
                    uintptr_t ra);
uint32_t x86_stack_pop(CPUX86State *env, X86Stack *st, bool is32, uintptr_t ra);
/* ESP = sp within mask (16-bit stacks keep the high half). */
void x86_set_esp(CPUX86State *env, uint32_t mask, uint32_t sp);

/* The stack of the current SS:ESP at the current CPL's MMU index. */
X86Stack x86_stack_current(CPUX86State *env);
/* Reads the SS:ESP of privilege level dpl from the current TSS (#TS). */
void x86_tss_get_stack(CPUX86State *env, int dpl, uint32_t *ss, uint32_t *esp,
                       uintptr_t ra);
/* Checks an SS selector for a stack switch to privilege dpl and returns
 * its descriptor; faults are #TS(ss) (or #SS(ss) if not present) when
 * from_tss, #GP(ss) otherwise. */
void x86_check_new_ss(CPUX86State *env, uint32_t ss, int dpl, bool from_tss,
                      uint32_t *e1, uint32_t *e2, uintptr_t ra);
/* After a return to an outer ring: data segment registers the new CPL
 * may not use become null. */
void x86_validate_data_segs(CPUX86State *env);

/*
 * Task switch (task_helper.c) to the TSS of selector tss_sel with
 * descriptor (e1, e2), caused by source; next_eip is the EIP saved in
 * the old TSS. Faults are raised (#TS, #NP, #GP) through ra.
 */
enum { X86_SWITCH_JMP, X86_SWITCH_CALL, X86_SWITCH_IRET, X86_SWITCH_INT };
void x86_task_switch(CPUX86State *env, uint32_t tss_sel, uint32_t e1,
                     uint32_t e2, int source, uint32_t next_eip, uintptr_t ra);

#endif
