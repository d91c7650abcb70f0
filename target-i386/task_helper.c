/*
 * Hardware task switches of the i386 CPU (far JMP/CALL to a TSS or task
 * gate, IRET with NT, an interrupt through a task gate): the current
 * state is saved in the old TSS, busy bits and the back link are kept,
 * and the new task's registers, LDT and segments are loaded (faults in
 * that last part are raised in the new task, as the SDM says). 16- and
 * 32-bit TSS; the T (debug trap) bit and the I/O map are not used here.
 */
#include <string.h>
#include "target-i386/misc_helper.h"
#include "target-i386/seg-internal.h"

static _Noreturn void x86_ts_fault(CPUX86State *env, int vector, uint32_t sel,
                                   uintptr_t ra)
{
    x86_raise_exception_err(env, vector, sel & 0xfffc, ra);
}

/* The registers a TSS holds. */
typedef struct X86TssState {
    uint32_t cr3, eip, eflags, regs[8], segs[NB_SEGS], ldt;
} X86TssState;

static void x86_tss_read(CPUX86State *env, uint32_t base, bool is32,
                         X86TssState *t, uintptr_t ra)
{
    memset(t, 0, sizeof(*t));
    if (is32) {
        t->cr3 = x86_ldl_kernel(env, base + 0x1c, ra);
        t->eip = x86_ldl_kernel(env, base + 0x20, ra);
        t->eflags = x86_ldl_kernel(env, base + 0x24, ra);
        for (int i = 0; i < 8; i++) {
            t->regs[i] = x86_ldl_kernel(env, base + 0x28 + 4 * i, ra);
        }
        for (int i = 0; i < NB_SEGS; i++) {
            t->segs[i] = x86_lduw_kernel(env, base + 0x48 + 4 * i, ra);
        }
        t->ldt = x86_lduw_kernel(env, base + 0x60, ra);
    } else {
        t->eip = x86_lduw_kernel(env, base + 0x0e, ra);
        t->eflags = x86_lduw_kernel(env, base + 0x10, ra);
        for (int i = 0; i < 8; i++) {
            t->regs[i] = 0xffff0000u | x86_lduw_kernel(env, base + 0x12 + 2 * i, ra);
        }
        for (int i = 0; i < 4; i++) {
            t->segs[i] = x86_lduw_kernel(env, base + 0x22 + 2 * i, ra);
        }
        t->ldt = x86_lduw_kernel(env, base + 0x2a, ra);
    }
}

static void x86_tss_save(CPUX86State *env, uint32_t base, bool is32,
                         uint32_t eip, uint32_t eflags, uintptr_t ra)
{
    if (is32) {
        x86_stl_kernel(env, base + 0x20, eip, ra);
        x86_stl_kernel(env, base + 0x24, eflags, ra);
        for (int i = 0; i < 8; i++) {
            x86_stl_kernel(env, base + 0x28 + 4 * i, env->regs[i], ra);
        }
        for (int i = 0; i < NB_SEGS; i++) {
            x86_stw_kernel(env, base + 0x48 + 4 * i, env->segs[i].selector, ra);
        }
    } else {
        x86_stw_kernel(env, base + 0x0e, eip, ra);
        x86_stw_kernel(env, base + 0x10, eflags, ra);
        for (int i = 0; i < 8; i++) {
            x86_stw_kernel(env, base + 0x12 + 2 * i, env->regs[i], ra);
        }
        for (int i = 0; i < 4; i++) {
            x86_stw_kernel(env, base + 0x22 + 2 * i, env->segs[i].selector, ra);
        }
    }
}

static void x86_set_busy(CPUX86State *env, uint32_t sel, bool busy, uintptr_t ra)
{
    uint32_t e1, e2;
    if (x86_desc_fetch(env, sel, &e1, &e2, ra)) {
        e2 = busy ? (e2 | X86_DESC_TSS_BUSY) : (e2 & ~(uint32_t)X86_DESC_TSS_BUSY);
        x86_desc_store_e2(env, sel, e2, ra);
    }
}

/* The new task's LDT: null, or an LDT descriptor in the GDT. */
static void x86_task_load_ldt(CPUX86State *env, uint32_t sel, uintptr_t ra)
{
    uint32_t e1, e2;
    env->ldt.selector = sel;
    env->ldt.base = env->ldt.limit = env->ldt.flags = 0;
    if ((sel & 0xfffc) == 0) {
        return;
    }
    if ((sel & 4) || !x86_desc_fetch(env, sel, &e1, &e2, ra) ||
        (e2 & X86_DESC_S) || X86_DESC_TYPE(e2) != X86_SYS_LDT ||
        !(e2 & X86_DESC_P)) {
        x86_ts_fault(env, EXCP0A_TSS, sel, ra);
    }
    env->ldt.base = x86_desc_base(e1, e2);
    env->ldt.limit = x86_desc_limit(e1, e2);
    env->ldt.flags = e2 & 0x00f0ff00u;
}

/* A segment register of the new task (protected mode): faults are #TS,
 * or #NP / #SS for a segment not present. */
static void x86_task_load_seg(CPUX86State *env, int seg, uint32_t sel,
                              uintptr_t ra)
{
    int cpl = x86_cpl(env), rpl = sel & 3;
    uint32_t e1, e2;
    if ((sel & 0xfffc) == 0) {
        if (seg == R_SS || seg == R_CS) {
            x86_ts_fault(env, EXCP0A_TSS, sel, ra);
        }
        SegmentCache *sc = &env->segs[seg];
        sc->selector = sel;
        sc->base = sc->limit = sc->flags = 0;
        return;
    }
    if (!x86_desc_fetch(env, sel, &e1, &e2, ra) || !(e2 & X86_DESC_S)) {
        x86_ts_fault(env, EXCP0A_TSS, sel, ra);
    }
    int dpl = X86_DESC_DPL(e2);
    bool code = (e2 & X86_DESC_CODE) != 0;
    bool bad;
    if (seg == R_CS) {
        bad = !code || ((e2 & X86_DESC_C) ? dpl > rpl : dpl != rpl);
    } else if (seg == R_SS) {
        bad = code || !(e2 & X86_DESC_RW) || dpl != cpl || rpl != cpl;
    } else {
        bad = (code && !(e2 & X86_DESC_RW)) ||
              ((!code || !(e2 & X86_DESC_C)) && (rpl > dpl || cpl > dpl));
    }
    if (bad) {
        x86_ts_fault(env, EXCP0A_TSS, sel, ra);
    }
    if (!(e2 & X86_DESC_P)) {
        x86_ts_fault(env, seg == R_SS ? EXCP0C_STACK : EXCP0B_NOSEG, sel, ra);
    }
    x86_load_seg_cache(env, seg, sel, e1, e2);
}

void x86_task_switch(CPUX86State *env, uint32_t tss_sel, uint32_t e1,
                     uint32_t e2, int source, uint32_t next_eip, uintptr_t ra)
{
    int type = X86_DESC_TYPE(e2);
    bool is32 = (type & 8) != 0;
    uint32_t base = x86_desc_base(e1, e2), limit = x86_desc_limit(e1, e2);
    if (limit < (is32 ? 0x67u : 0x2bu)) {
        x86_ts_fault(env, EXCP0A_TSS, tss_sel, ra);
    }
    bool old32 = (X86_DESC_TYPE(env->tr.flags) & 8) != 0;
    if (env->tr.limit < (old32 ? 0x5fu : 0x29u)) {
        x86_ts_fault(env, EXCP0A_TSS, env->tr.selector, ra);
    }
    X86TssState t;
    x86_tss_read(env, base, is32, &t, ra);

    /* Save the outgoing task. */
    uint32_t old_eflags = x86_cpu_get_eflags(env);
    if (source == X86_SWITCH_JMP || source == X86_SWITCH_IRET) {
        x86_set_busy(env, env->tr.selector, false, ra);
    }
    if (source == X86_SWITCH_IRET) {
        old_eflags &= ~(uint32_t)NT_MASK;
    }
    x86_tss_save(env, env->tr.base, old32, next_eip, old_eflags, ra);
    if (source == X86_SWITCH_CALL || source == X86_SWITCH_INT) {
        t.eflags |= NT_MASK;
        x86_stw_kernel(env, base, env->tr.selector, ra);
    }
    if (source != X86_SWITCH_IRET) {
        x86_set_busy(env, tss_sel, true, ra);
        e2 |= X86_DESC_TSS_BUSY;
    }

    /* Commit: from here faults belong to the new task (the state is
     * exact, nothing to restore from the host pc). */
    ra = 0;
    env->tr.selector = tss_sel;
    env->tr.base = base;
    env->tr.limit = limit;
    env->tr.flags = e2 & 0x00f0ff00u;
    env->cr[0] |= CR0_TS_MASK;
    if (is32 && (env->cr[0] & CR0_PG_MASK)) {
        /* CR3 of the new task: PDPTEs reloaded under PAE, TLB flushed. */
        x86_cpu_write_cr(env, 3, t.cr3, ra);
    }
    env->eip = t.eip;
    x86_cpu_set_eflags(env, t.eflags | 2, 0xffffffffu);
    memcpy(env->regs, t.regs, sizeof(env->regs));
    if (!is32) {
        for (int i = 0; i < 8; i++) {
            env->regs[i] &= 0xffff;   /* upper halves undefined: zero */
        }
    }
    /* Selectors first (a fault below leaves them as the new task's). */
    for (int i = 0; i < NB_SEGS; i++) {
        env->segs[i].selector = t.segs[i];
    }
    if (env->eflags & VM_MASK) {
        x86_task_load_ldt(env, t.ldt, ra);
        for (int i = 0; i < NB_SEGS; i++) {
            x86_load_seg(env, i, t.segs[i], ra);
        }
        return;
    }
    x86_set_cpl(env, t.segs[R_CS] & 3);
    x86_task_load_ldt(env, t.ldt, ra);
    x86_task_load_seg(env, R_SS, t.segs[R_SS], ra);
    x86_task_load_seg(env, R_CS, t.segs[R_CS], ra);
    x86_task_load_seg(env, R_DS, t.segs[R_DS], ra);
    x86_task_load_seg(env, R_ES, t.segs[R_ES], ra);
    x86_task_load_seg(env, R_FS, t.segs[R_FS], ra);
    x86_task_load_seg(env, R_GS, t.segs[R_GS], ra);
    if (env->eip > env->segs[R_CS].limit) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
}
