/*
 * Far transfers of the i386 CPU: far JMP/CALL (code segments, call gates
 * with privilege change, TSS and task gates), far RET (to outer rings),
 * IRET (real mode, VM86, protected mode, nested task), SYSENTER/SYSEXIT.
 * Real mode and VM86 take the simple paths. Called from generated code
 * with next_eip (the EIP after the instruction).
 */
#include "target-i386/seg-internal.h"

static _Noreturn void x86_fault(CPUX86State *env, int vector, uint32_t code,
                                uintptr_t ra)
{
    x86_raise_exception_err(env, vector, code, ra);
}

X86Stack x86_stack_current(CPUX86State *env)
{
    X86Stack st = {
        .base = env->segs[R_SS].base,
        .mask = (env->hflags & HF_SS32_MASK) ? 0xffffffffu : 0xffff,
        .sp = env->regs[R_ESP],
        .mmu_idx = x86_mmu_index(env),
    };
    return st;
}

void x86_tss_get_stack(CPUX86State *env, int dpl, uint32_t *ss, uint32_t *esp,
                       uintptr_t ra)
{
    int type = X86_DESC_TYPE(env->tr.flags);
    bool is32 = (type & 8) != 0;
    uint32_t off = is32 ? 4 + 8 * dpl : 2 + 4 * dpl;
    uint32_t size = is32 ? 8 : 4;
    if (!(env->tr.flags & X86_DESC_P) || off + size - 1 > env->tr.limit) {
        x86_fault(env, EXCP0A_TSS, env->tr.selector & 0xfffc, ra);
    }
    if (is32) {
        *esp = x86_ldl_kernel(env, env->tr.base + off, ra);
        *ss = x86_lduw_kernel(env, env->tr.base + off + 4, ra);
    } else {
        *esp = x86_lduw_kernel(env, env->tr.base + off, ra);
        *ss = x86_lduw_kernel(env, env->tr.base + off + 2, ra);
    }
}

void x86_check_new_ss(CPUX86State *env, uint32_t ss, int dpl, bool from_tss,
                      uint32_t *e1, uint32_t *e2, uintptr_t ra)
{
    int vec = from_tss ? EXCP0A_TSS : EXCP0D_GPF;
    if ((ss & 0xfffc) == 0) {
        x86_fault(env, vec, from_tss ? 0 : 0, ra);
    }
    if ((int)(ss & 3) != dpl || !x86_desc_fetch(env, ss, e1, e2, ra) ||
        !(*e2 & X86_DESC_S) || (*e2 & X86_DESC_CODE) || !(*e2 & X86_DESC_RW) ||
        X86_DESC_DPL(*e2) != dpl) {
        x86_fault(env, vec, ss & 0xfffc, ra);
    }
    if (!(*e2 & X86_DESC_P)) {
        x86_fault(env, EXCP0C_STACK, ss & 0xfffc, ra);
    }
}

void x86_validate_data_segs(CPUX86State *env)
{
    static const int segs[4] = { R_ES, R_DS, R_FS, R_GS };
    int cpl = x86_cpl(env);
    for (int i = 0; i < 4; i++) {
        SegmentCache *sc = &env->segs[segs[i]];
        uint32_t f = sc->flags;
        bool conforming_code = (f & X86_DESC_CODE) && (f & X86_DESC_C);
        if ((sc->selector & 0xfffc) && !conforming_code && X86_DESC_DPL(f) < cpl) {
            sc->selector = 0;
            sc->base = 0;
            sc->limit = 0;
            sc->flags = 0;
        }
    }
    x86_update_hflags(env);
}

/* Real mode and VM86: CS = sel, base sel * 16. */
static void x86_load_cs_real(CPUX86State *env, uint32_t sel, uint32_t eip)
{
    x86_load_seg(env, R_CS, sel, 0);
    env->eip = eip;
}

static bool x86_real_or_vm86(CPUX86State *env)
{
    return !(env->hflags & HF_PE_MASK) || (env->eflags & VM_MASK);
}

/* The code segment of a JMP/CALL target at the same privilege: conforming
 * with DPL <= CPL, or non-conforming with RPL <= CPL and DPL == CPL. */
static void x86_check_code_same(CPUX86State *env, uint32_t sel, uint32_t e2,
                                int rpl, uintptr_t ra)
{
    int cpl = x86_cpl(env), dpl = X86_DESC_DPL(e2);
    if (!(e2 & X86_DESC_S) || !(e2 & X86_DESC_CODE)) {
        x86_fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    if ((e2 & X86_DESC_C) ? dpl > cpl : (rpl > cpl || dpl != cpl)) {
        x86_fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    if (!(e2 & X86_DESC_P)) {
        x86_fault(env, EXCP0B_NOSEG, sel & 0xfffc, ra);
    }
}

/* Loads CS:EIP at the current CPL after the checks above (limit too). */
static void x86_jump_to(CPUX86State *env, uint32_t sel, uint32_t e1, uint32_t e2,
                        uint32_t eip, uintptr_t ra)
{
    if (eip > x86_desc_limit(e1, e2)) {
        x86_fault(env, EXCP0D_GPF, 0, ra);
    }
    if (!(e2 & X86_DESC_A)) {
        e2 |= X86_DESC_A;
        x86_desc_store_e2(env, sel, e2, ra);
    }
    x86_load_seg_cache(env, R_CS, (sel & 0xfffc) | x86_cpl(env), e1, e2);
    env->eip = eip;
}

/* A TSS or task gate named by JMP/CALL: checks, then the task switch. */
static void x86_far_to_task(CPUX86State *env, uint32_t sel, uint32_t e1,
                            uint32_t e2, int source, uint32_t next_eip,
                            uintptr_t ra)
{
    int cpl = x86_cpl(env), dpl = X86_DESC_DPL(e2), rpl = sel & 3;
    if (dpl < cpl || dpl < rpl) {
        x86_fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    if (!(e2 & X86_DESC_P)) {
        x86_fault(env, EXCP0B_NOSEG, sel & 0xfffc, ra);
    }
    if (X86_DESC_TYPE(e2) == X86_SYS_TASKGATE) {
        sel = e1 >> 16;
        int type;
        if ((sel & 4) || !x86_desc_fetch(env, sel, &e1, &e2, ra) ||
            (e2 & X86_DESC_S) ||
            ((type = X86_DESC_TYPE(e2)) != X86_SYS_TSS16 && type != X86_SYS_TSS32)) {
            x86_fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
        }
        if (!(e2 & X86_DESC_P)) {
            x86_fault(env, EXCP0B_NOSEG, sel & 0xfffc, ra);
        }
    }
    x86_task_switch(env, sel, e1, e2, source, next_eip, ra);
}

/* The code segment a call gate names: checks common to JMP and CALL. */
static void x86_gate_target(CPUX86State *env, uint32_t gate_e1, uint32_t gate_e2,
                            uint32_t *cs, uint32_t *e1, uint32_t *e2,
                            uint32_t *eip, uintptr_t ra)
{
    *cs = gate_e1 >> 16;
    *eip = (gate_e1 & 0xffff);
    if (X86_DESC_TYPE(gate_e2) == X86_SYS_CALLGATE32) {
        *eip |= gate_e2 & 0xffff0000u;
    }
    if ((*cs & 0xfffc) == 0) {
        x86_fault(env, EXCP0D_GPF, 0, ra);
    }
    if (!x86_desc_fetch(env, *cs, e1, e2, ra) || !(*e2 & X86_DESC_S) ||
        !(*e2 & X86_DESC_CODE) || X86_DESC_DPL(*e2) > x86_cpl(env)) {
        x86_fault(env, EXCP0D_GPF, *cs & 0xfffc, ra);
    }
    if (!(*e2 & X86_DESC_P)) {
        x86_fault(env, EXCP0B_NOSEG, *cs & 0xfffc, ra);
    }
}

static void x86_check_gate(CPUX86State *env, uint32_t sel, uint32_t e2,
                           uintptr_t ra)
{
    int cpl = x86_cpl(env), dpl = X86_DESC_DPL(e2), rpl = sel & 3;
    if (dpl < cpl || dpl < rpl) {
        x86_fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
    if (!(e2 & X86_DESC_P)) {
        x86_fault(env, EXCP0B_NOSEG, sel & 0xfffc, ra);
    }
}

/* Fetches the descriptor of a far JMP/CALL target (#GP on null / out of
 * the table). */
static void x86_far_fetch(CPUX86State *env, uint32_t sel, uint32_t *e1,
                          uint32_t *e2, uintptr_t ra)
{
    if ((sel & 0xfffc) == 0) {
        x86_fault(env, EXCP0D_GPF, 0, ra);
    }
    if (!x86_desc_fetch(env, sel, e1, e2, ra)) {
        x86_fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
}

void x86_helper_ljmp(CPUX86State *env, uint32_t sel, uint32_t eip,
                     uint32_t next_eip)
{
    uintptr_t ra = GETPC();
    uint32_t e1, e2;
    sel &= 0xffff;
    if (x86_real_or_vm86(env)) {
        x86_load_cs_real(env, sel, eip);
        return;
    }
    x86_far_fetch(env, sel, &e1, &e2, ra);
    if (e2 & X86_DESC_S) {
        x86_check_code_same(env, sel, e2, sel & 3, ra);
        x86_jump_to(env, sel, e1, e2, eip, ra);
        return;
    }
    switch (X86_DESC_TYPE(e2)) {
    case X86_SYS_TSS16:
    case X86_SYS_TSS32:
    case X86_SYS_TASKGATE:
        x86_far_to_task(env, sel, e1, e2, X86_SWITCH_JMP, next_eip, ra);
        return;
    case X86_SYS_CALLGATE16:
    case X86_SYS_CALLGATE32: {
        uint32_t cs, ce1, ce2, neip;
        x86_check_gate(env, sel, e2, ra);
        x86_gate_target(env, e1, e2, &cs, &ce1, &ce2, &neip, ra);
        /* JMP through a gate never changes privilege. */
        if (!(ce2 & X86_DESC_C) && X86_DESC_DPL(ce2) != x86_cpl(env)) {
            x86_fault(env, EXCP0D_GPF, cs & 0xfffc, ra);
        }
        x86_jump_to(env, cs, ce1, ce2, neip, ra);
        return;
    }
    default:
        x86_fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
}

/* CALL through a call gate to a more privileged non-conforming segment:
 * new stack from the TSS, old SS:ESP and the parameters copied. */
static void x86_call_gate_inner(CPUX86State *env, uint32_t gate_e2, uint32_t cs,
                                uint32_t ce1, uint32_t ce2, uint32_t eip,
                                uint32_t next_eip, uintptr_t ra)
{
    int dpl = X86_DESC_DPL(ce2);
    bool gate32 = X86_DESC_TYPE(gate_e2) == X86_SYS_CALLGATE32;
    int nparams = gate_e2 & 0x1f;
    uint32_t ss, esp, se1, se2;
    x86_tss_get_stack(env, dpl, &ss, &esp, ra);
    x86_check_new_ss(env, ss, dpl, true, &se1, &se2, ra);
    X86Stack old = x86_stack_current(env);
    X86Stack st = {
        .base = x86_desc_base(se1, se2),
        .mask = (se2 & X86_DESC_B) ? 0xffffffffu : 0xffff,
        .sp = esp,
        .mmu_idx = dpl == 3 ? X86_MMU_IDX_USER : X86_MMU_IDX_KERNEL,
    };
    if (eip > x86_desc_limit(ce1, ce2)) {
        x86_fault(env, EXCP0D_GPF, 0, ra);
    }
    x86_stack_push(env, &st, gate32, env->segs[R_SS].selector, ra);
    x86_stack_push(env, &st, gate32, env->regs[R_ESP], ra);
    uint32_t w = gate32 ? 4 : 2;
    for (int i = nparams - 1; i >= 0; i--) {
        X86Stack p = old;
        p.sp = old.sp + i * w;
        x86_stack_push(env, &st, gate32, x86_stack_pop(env, &p, gate32, ra), ra);
    }
    x86_stack_push(env, &st, gate32, env->segs[R_CS].selector, ra);
    x86_stack_push(env, &st, gate32, next_eip, ra);
    x86_load_seg_cache(env, R_SS, (ss & 0xfffc) | dpl, se1, se2);
    x86_set_esp(env, st.mask, st.sp);
    x86_set_cpl(env, dpl);
    x86_load_seg_cache(env, R_CS, (cs & 0xfffc) | dpl, ce1, ce2);
    env->eip = eip;
}

void x86_helper_lcall(CPUX86State *env, uint32_t sel, uint32_t eip,
                      uint32_t is32, uint32_t next_eip)
{
    uintptr_t ra = GETPC();
    uint32_t e1, e2;
    sel &= 0xffff;
    X86Stack st = x86_stack_current(env);
    if (x86_real_or_vm86(env)) {
        x86_stack_push(env, &st, is32, env->segs[R_CS].selector, ra);
        x86_stack_push(env, &st, is32, next_eip, ra);
        x86_set_esp(env, st.mask, st.sp);
        x86_load_cs_real(env, sel, eip);
        return;
    }
    x86_far_fetch(env, sel, &e1, &e2, ra);
    if (e2 & X86_DESC_S) {
        x86_check_code_same(env, sel, e2, sel & 3, ra);
        if (eip > x86_desc_limit(e1, e2)) {
            x86_fault(env, EXCP0D_GPF, 0, ra);
        }
        x86_stack_push(env, &st, is32, env->segs[R_CS].selector, ra);
        x86_stack_push(env, &st, is32, next_eip, ra);
        x86_jump_to(env, sel, e1, e2, eip, ra);
        x86_set_esp(env, st.mask, st.sp);
        return;
    }
    switch (X86_DESC_TYPE(e2)) {
    case X86_SYS_TSS16:
    case X86_SYS_TSS32:
    case X86_SYS_TASKGATE:
        x86_far_to_task(env, sel, e1, e2, X86_SWITCH_CALL, next_eip, ra);
        return;
    case X86_SYS_CALLGATE16:
    case X86_SYS_CALLGATE32: {
        uint32_t cs, ce1, ce2, neip;
        bool gate32 = X86_DESC_TYPE(e2) == X86_SYS_CALLGATE32;
        x86_check_gate(env, sel, e2, ra);
        x86_gate_target(env, e1, e2, &cs, &ce1, &ce2, &neip, ra);
        if (!(ce2 & X86_DESC_C) && X86_DESC_DPL(ce2) < x86_cpl(env)) {
            x86_call_gate_inner(env, e2, cs, ce1, ce2, neip, next_eip, ra);
            return;
        }
        if (neip > x86_desc_limit(ce1, ce2)) {
            x86_fault(env, EXCP0D_GPF, 0, ra);
        }
        x86_stack_push(env, &st, gate32, env->segs[R_CS].selector, ra);
        x86_stack_push(env, &st, gate32, next_eip, ra);
        x86_jump_to(env, cs, ce1, ce2, neip, ra);
        x86_set_esp(env, st.mask, st.sp);
        return;
    }
    default:
        x86_fault(env, EXCP0D_GPF, sel & 0xfffc, ra);
    }
}

/*
 * The CS of a far RET/IRET in protected mode (popped): checks and returns
 * the descriptor. Returning to a less privileged level is allowed.
 */
static void x86_check_return_cs(CPUX86State *env, uint32_t cs, uint32_t *e1,
                                uint32_t *e2, uintptr_t ra)
{
    int cpl = x86_cpl(env), rpl = cs & 3;
    if ((cs & 0xfffc) == 0) {
        x86_fault(env, EXCP0D_GPF, 0, ra);
    }
    if (!x86_desc_fetch(env, cs, e1, e2, ra) || !(*e2 & X86_DESC_S) ||
        !(*e2 & X86_DESC_CODE) || rpl < cpl) {
        x86_fault(env, EXCP0D_GPF, cs & 0xfffc, ra);
    }
    int dpl = X86_DESC_DPL(*e2);
    if ((*e2 & X86_DESC_C) ? dpl > rpl : dpl != rpl) {
        x86_fault(env, EXCP0D_GPF, cs & 0xfffc, ra);
    }
    if (!(*e2 & X86_DESC_P)) {
        x86_fault(env, EXCP0B_NOSEG, cs & 0xfffc, ra);
    }
}

/* The end of a protected-mode far RET / IRET once CS:EIP are popped; st
 * points past them (and past EFLAGS for IRET). */
static void x86_return_protected(CPUX86State *env, X86Stack *st, bool is32,
                                 uint32_t cs, uint32_t eip, uint32_t addend,
                                 uintptr_t ra)
{
    uint32_t e1, e2;
    x86_check_return_cs(env, cs, &e1, &e2, ra);
    int rpl = cs & 3;
    if (eip > x86_desc_limit(e1, e2)) {
        x86_fault(env, EXCP0D_GPF, 0, ra);
    }
    st->sp += addend;
    if (rpl == x86_cpl(env)) {
        x86_load_seg_cache(env, R_CS, cs, e1, e2);
        env->eip = eip;
        x86_set_esp(env, st->mask, st->sp);
        return;
    }
    /* To an outer ring: the outer SS:ESP follow. */
    uint32_t esp = x86_stack_pop(env, st, is32, ra);
    uint32_t ss = x86_stack_pop(env, st, is32, ra) & 0xffff;
    uint32_t se1, se2;
    x86_check_new_ss(env, ss, rpl, false, &se1, &se2, ra);
    x86_set_cpl(env, rpl);
    x86_load_seg_cache(env, R_CS, cs, e1, e2);
    x86_load_seg_cache(env, R_SS, ss, se1, se2);
    env->eip = eip;
    uint32_t mask = (se2 & X86_DESC_B) ? 0xffffffffu : 0xffff;
    x86_set_esp(env, mask, esp + addend);
    x86_validate_data_segs(env);
}

void x86_helper_lret(CPUX86State *env, uint32_t is32, uint32_t addend)
{
    uintptr_t ra = GETPC();
    X86Stack st = x86_stack_current(env);
    uint32_t eip = x86_stack_pop(env, &st, is32, ra);
    uint32_t cs = x86_stack_pop(env, &st, is32, ra) & 0xffff;
    if (x86_real_or_vm86(env)) {
        st.sp += addend;
        x86_set_esp(env, st.mask, st.sp);
        x86_load_cs_real(env, cs, eip);
        return;
    }
    x86_return_protected(env, &st, is32, cs, eip, addend, ra);
}

/* The EFLAGS bits IRET/POPF may change at this CPL and IOPL. */
uint32_t x86_eflags_write_mask(CPUX86State *env)
{
    uint32_t mask = CC_ARITH_MASK | TF_MASK | DF_MASK | NT_MASK | AC_MASK |
                    ID_MASK;
    int cpl = x86_cpl(env), iopl = (env->eflags & IOPL_MASK) >> 12;
    if (!(env->hflags & HF_PE_MASK) || cpl == 0) {
        mask |= IOPL_MASK;
    }
    if (!(env->hflags & HF_PE_MASK) || cpl <= iopl) {
        mask |= IF_MASK;
    }
    return mask;
}

static void x86_iret_to_vm86(CPUX86State *env, X86Stack *st, uint32_t cs,
                             uint32_t eip, uint32_t eflags, uintptr_t ra)
{
    uint32_t esp = x86_stack_pop(env, st, true, ra);
    uint32_t ss = x86_stack_pop(env, st, true, ra);
    uint32_t es = x86_stack_pop(env, st, true, ra);
    uint32_t ds = x86_stack_pop(env, st, true, ra);
    uint32_t fs = x86_stack_pop(env, st, true, ra);
    uint32_t gs = x86_stack_pop(env, st, true, ra);
    x86_cpu_set_eflags(env, eflags, 0xffffffffu & ~(uint32_t)RF_MASK);
    x86_update_hflags(env);   /* VM86 from here: CPL 3 */
    x86_load_seg(env, R_CS, cs, ra);
    x86_load_seg(env, R_SS, ss, ra);
    x86_load_seg(env, R_ES, es, ra);
    x86_load_seg(env, R_DS, ds, ra);
    x86_load_seg(env, R_FS, fs, ra);
    x86_load_seg(env, R_GS, gs, ra);
    env->regs[R_ESP] = esp;
    env->eip = eip & 0xffff;
}

void x86_helper_iret(CPUX86State *env, uint32_t is32, uint32_t next_eip)
{
    uintptr_t ra = GETPC();
    env->nmi_blocked = false;
    if ((env->hflags & HF_PE_MASK) && !(env->eflags & VM_MASK) &&
        (env->eflags & NT_MASK)) {
        /* Return from a nested task: the back link of the current TSS. */
        uint32_t back = x86_lduw_kernel(env, env->tr.base, ra), e1, e2;
        int type;
        if ((back & 4) || !x86_desc_fetch(env, back, &e1, &e2, ra) ||
            (e2 & X86_DESC_S) ||
            ((type = X86_DESC_TYPE(e2)) != X86_SYS_TSS16_BUSY &&
             type != X86_SYS_TSS32_BUSY)) {
            x86_fault(env, EXCP0A_TSS, back & 0xfffc, ra);
        }
        if (!(e2 & X86_DESC_P)) {
            x86_fault(env, EXCP0B_NOSEG, back & 0xfffc, ra);
        }
        x86_task_switch(env, back, e1, e2, X86_SWITCH_IRET, next_eip, ra);
        return;
    }
    X86Stack st = x86_stack_current(env);
    uint32_t eip = x86_stack_pop(env, &st, is32, ra);
    uint32_t cs = x86_stack_pop(env, &st, is32, ra) & 0xffff;
    uint32_t eflags = x86_stack_pop(env, &st, is32, ra);
    uint32_t mask = x86_eflags_write_mask(env);
    if (!is32) {
        mask &= 0xffff;
    }
    if (x86_real_or_vm86(env)) {
        /* VM86 IRET at IOPL 3 (the translator raised #GP below that). */
        x86_set_esp(env, st.mask, st.sp);
        x86_load_cs_real(env, cs, eip);
        x86_cpu_set_eflags(env, eflags, mask);
        x86_update_hflags(env);
        return;
    }
    if (is32 && (eflags & VM_MASK) && x86_cpl(env) == 0) {
        x86_iret_to_vm86(env, &st, cs, eip, eflags, ra);
        return;
    }
    x86_return_protected(env, &st, is32, cs, eip, 0, ra);
    /* The mask is the one of the CPL before the return. */
    x86_cpu_set_eflags(env, eflags, mask);
    x86_update_hflags(env);
}

/* ---- SYSENTER / SYSEXIT: flat segments from IA32_SYSENTER_CS ---- */

static void x86_load_flat(CPUX86State *env, int seg, uint32_t sel, int dpl,
                          bool code)
{
    uint32_t e1 = 0x0000ffff;
    uint32_t e2 = 0x000f0000 | X86_DESC_G | X86_DESC_B | X86_DESC_P |
                  X86_DESC_S | ((uint32_t)dpl << 13) | X86_DESC_RW | X86_DESC_A |
                  (code ? X86_DESC_CODE : 0);
    x86_load_seg_cache(env, seg, sel, e1, e2);
}

void x86_helper_sysenter(CPUX86State *env)
{
    uintptr_t ra = GETPC();
    uint32_t cs = env->sysenter_cs & 0xfffc;
    if (!(env->hflags & HF_PE_MASK) || cs == 0) {
        x86_fault(env, EXCP0D_GPF, 0, ra);
    }
    env->eflags &= ~(uint32_t)(VM_MASK | IF_MASK | RF_MASK);
    x86_set_cpl(env, 0);
    x86_load_flat(env, R_CS, cs, 0, true);
    x86_load_flat(env, R_SS, cs + 8, 0, false);
    env->regs[R_ESP] = env->sysenter_esp;
    env->eip = env->sysenter_eip;
}

void x86_helper_sysexit(CPUX86State *env)
{
    uintptr_t ra = GETPC();
    uint32_t cs = env->sysenter_cs & 0xfffc;
    if (!(env->hflags & HF_PE_MASK) || (env->eflags & VM_MASK) ||
        x86_cpl(env) != 0 || cs == 0) {
        x86_fault(env, EXCP0D_GPF, 0, ra);
    }
    x86_set_cpl(env, 3);
    x86_load_flat(env, R_CS, (cs + 16) | 3, 3, true);
    x86_load_flat(env, R_SS, (cs + 24) | 3, 3, false);
    env->regs[R_ESP] = env->regs[R_ECX];
    env->eip = env->regs[R_EDX];
}

#define X86_FAR_FLAGS (TCG_CALL_MAY_RAISE | TCG_CALL_WRITES_GLOBALS)
TCGHelperInfo x86_helper_info_ljmp =
    TCG_HELPER(x86_helper_ljmp, X86_FAR_FLAGS, TCG_HT_VOID, TCG_HT_PTR,
               TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_lcall =
    TCG_HELPER(x86_helper_lcall, X86_FAR_FLAGS, TCG_HT_VOID, TCG_HT_PTR,
               TCG_HT_I32, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_lret =
    TCG_HELPER(x86_helper_lret, X86_FAR_FLAGS, TCG_HT_VOID, TCG_HT_PTR,
               TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_iret =
    TCG_HELPER(x86_helper_iret, X86_FAR_FLAGS, TCG_HT_VOID, TCG_HT_PTR,
               TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_sysenter =
    TCG_HELPER(x86_helper_sysenter, X86_FAR_FLAGS, TCG_HT_VOID, TCG_HT_PTR);
TCGHelperInfo x86_helper_info_sysexit =
    TCG_HELPER(x86_helper_sysexit, X86_FAR_FLAGS, TCG_HT_VOID, TCG_HT_PTR);
