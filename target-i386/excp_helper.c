/*
 * Exceptions and interrupts of the i386 CPU: raising them from helpers
 * and generated code (vector, error code, software-interrupt marker), and
 * in system mode their delivery (IVT, IDT gates, task gates, double and
 * triple faults) and the acceptance of external interrupts.
 */
#include "target-i386/seg-internal.h"
#include "util/log.h"

_Noreturn void x86_raise_exception_err(CPUX86State *env, int vector,
                                       uint32_t error_code, uintptr_t ra)
{
    env->cs.exception_index = vector;
    env->cs.error_code = error_code;
    env->exception_is_int = false;
    if (ra) {
        cpu_loop_exit_restore(&env->cs, ra);
    }
    cpu_loop_exit(&env->cs);
}

_Noreturn void x86_raise_interrupt(CPUX86State *env, int vector,
                                   int next_eip_addend, uintptr_t ra)
{
    if (ra) {
        cpu_restore_state(&env->cs, ra);
    }
    env->cs.exception_index = vector;
    env->cs.error_code = 0;
    env->exception_is_int = true;
    env->exception_next_eip = env->eip + next_eip_addend;
    cpu_loop_exit(&env->cs);
}

/* From generated code: excp is the vector | error code << 16; env->eip is
 * already the instruction's (or the one after it for traps). */
_Noreturn void x86_helper_raise_exception(CPUX86State *env, uint32_t excp)
{
    x86_raise_exception_err(env, (int)(excp & 0xffff), excp >> 16, 0);
}

/* INT n / INT3 / INTO: env->eip is at the instruction. */
_Noreturn void x86_helper_raise_interrupt(CPUX86State *env, uint32_t vector,
                                          uint32_t next_eip_addend)
{
    x86_raise_interrupt(env, (int)vector, (int)next_eip_addend, 0);
}

/* The single-step trap: env->eip is after the instruction. */
_Noreturn void x86_helper_single_step(CPUX86State *env)
{
    env->dr[6] |= 1u << 14;   /* DR6.BS */
    x86_raise_exception_err(env, EXCP01_DB, 0, 0);
}

/* User mode's flat 4 GiB segments: an access of size bytes that crosses
 * 4 GiB is the limit fault, #GP(0), or #SS(0) through SS. */
void x86_check_wrap(CPUX86State *env, uint32_t addr, uint32_t size, bool ss,
                    uintptr_t ra)
{
    if (!env->cs.tlb && size && addr > UINT32_MAX - (size - 1)) {
        x86_raise_exception_err(env, ss ? EXCP0C_STACK : EXCP0D_GPF, 0, ra);
    }
}

/* From generated code (x86_gen_check_mem): desc = size | X86_WRAP_SS. */
void x86_helper_check_wrap(CPUX86State *env, uint32_t addr, uint32_t desc)
{
    x86_check_wrap(env, addr, desc & ~X86_WRAP_SS, (desc & X86_WRAP_SS) != 0, GETPC());
}

TCGHelperInfo x86_helper_info_check_wrap =
    TCG_HELPER(x86_helper_check_wrap, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR,
               TCG_HT_I32, TCG_HT_I32);

/* EFLAGS.AC with CR0.AM at CPL 3: a misaligned data access is #AC(0),
 * after the segment limit check. mask: size - 1, | X86_ALIGN_SS. */
void x86_helper_check_align(CPUX86State *env, uint32_t addr, uint32_t mask)
{
    uint32_t m = mask & ~X86_ALIGN_SS;
    if (addr & m) {
        x86_check_wrap(env, addr, m + 1, (mask & X86_ALIGN_SS) != 0, GETPC());
        x86_raise_exception_err(env, EXCP11_ALGN, 0, GETPC());
    }
}

TCGHelperInfo x86_helper_info_check_align =
    TCG_HELPER(x86_helper_check_align, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR,
               TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_single_step =
    TCG_HELPER(x86_helper_single_step, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR);
TCGHelperInfo x86_helper_info_raise_exception =
    TCG_HELPER(x86_helper_raise_exception, TCG_CALL_MAY_RAISE, TCG_HT_VOID,
               TCG_HT_PTR, TCG_HT_I32);
TCGHelperInfo x86_helper_info_raise_interrupt =
    TCG_HELPER(x86_helper_raise_interrupt, TCG_CALL_MAY_RAISE, TCG_HT_VOID,
               TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32);

/* ---- delivery (system mode) ---- */

static bool x86_vector_has_error_code(int vector)
{
    switch (vector) {
    case EXCP08_DBLE: case EXCP0A_TSS: case EXCP0B_NOSEG: case EXCP0C_STACK:
    case EXCP0D_GPF: case EXCP0E_PAGE: case EXCP11_ALGN:
        return true;
    default:
        return false;
    }
}

/* Real mode: the IVT at IDTR.base, FLAGS CS IP pushed, IF TF AC cleared. */
static void x86_deliver_real(CPUX86State *env, int vector, uint32_t ret_eip)
{
    uint32_t off = vector * 4u;
    if (off + 3 > env->idtr.limit) {
        x86_raise_exception_err(env, EXCP0D_GPF, vector * 8u + 2, 0);
    }
    uint32_t ip = x86_lduw_kernel(env, env->idtr.base + off, 0);
    uint32_t cs = x86_lduw_kernel(env, env->idtr.base + off + 2, 0);
    X86Stack st = x86_stack_current(env);
    st.mask = 0xffff;
    x86_stack_push(env, &st, false, x86_cpu_get_eflags(env), 0);
    x86_stack_push(env, &st, false, env->segs[R_CS].selector, 0);
    x86_stack_push(env, &st, false, ret_eip, 0);
    x86_set_esp(env, 0xffff, st.sp);
    env->eflags &= ~(uint32_t)(IF_MASK | TF_MASK | AC_MASK | RF_MASK);
    x86_load_seg(env, R_CS, cs, 0);
    env->eip = ip;
}

/* Through a task gate: the switch, then the error code on the new stack. */
static void x86_deliver_task_gate(CPUX86State *env, uint32_t e1, uint32_t ret_eip,
                                  bool push_err, uint32_t err, uint32_t ext)
{
    uint32_t sel = e1 >> 16, te1, te2;
    int type;
    if ((sel & 4) || !x86_desc_fetch(env, sel, &te1, &te2, 0) ||
        (te2 & X86_DESC_S) ||
        ((type = X86_DESC_TYPE(te2)) != X86_SYS_TSS16 && type != X86_SYS_TSS32)) {
        x86_raise_exception_err(env, EXCP0A_TSS, (sel & 0xfffc) | ext, 0);
    }
    if (!(te2 & X86_DESC_P)) {
        x86_raise_exception_err(env, EXCP0B_NOSEG, (sel & 0xfffc) | ext, 0);
    }
    x86_task_switch(env, sel, te1, te2, X86_SWITCH_INT, ret_eip, 0);
    if (push_err) {
        X86Stack st = x86_stack_current(env);
        x86_stack_push(env, &st, (type & 8) != 0, err, 0);
        x86_set_esp(env, st.mask, st.sp);
    }
}

/* Protected mode through the IDT: interrupt, trap and task gates. */
static void x86_deliver_protected(CPUX86State *env, int vector, bool is_int,
                                  bool is_hw, uint32_t err, uint32_t ret_eip)
{
    uint32_t ext = is_int ? 0 : 1;
    uint32_t idt_err = vector * 8u + 2 + ext;
    bool push_err = !is_int && !is_hw && x86_vector_has_error_code(vector);
    if (vector * 8u + 7 > env->idtr.limit) {
        x86_raise_exception_err(env, EXCP0D_GPF, idt_err, 0);
    }
    uint32_t e1 = x86_ldl_kernel(env, env->idtr.base + vector * 8u, 0);
    uint32_t e2 = x86_ldl_kernel(env, env->idtr.base + vector * 8u + 4, 0);
    int type = (e2 >> 8) & 0x1f, cpl = x86_cpl(env);
    switch (type) {
    case X86_SYS_TASKGATE: case X86_SYS_INTGATE16: case X86_SYS_TRAPGATE16:
    case X86_SYS_INTGATE32: case X86_SYS_TRAPGATE32:
        break;
    default:
        x86_raise_exception_err(env, EXCP0D_GPF, idt_err, 0);
    }
    if (is_int && (int)X86_DESC_DPL(e2) < cpl) {
        x86_raise_exception_err(env, EXCP0D_GPF, idt_err, 0);
    }
    if (!(e2 & X86_DESC_P)) {
        x86_raise_exception_err(env, EXCP0B_NOSEG, idt_err, 0);
    }
    if (type == X86_SYS_TASKGATE) {
        x86_deliver_task_gate(env, e1, ret_eip, push_err, err, ext);
        return;
    }
    bool gate32 = (type & 8) != 0;
    uint32_t sel = e1 >> 16, offset = e1 & 0xffff, ce1, ce2;
    if (gate32) {
        offset |= e2 & 0xffff0000u;
    }
    if ((sel & 0xfffc) == 0) {
        x86_raise_exception_err(env, EXCP0D_GPF, ext, 0);
    }
    if (!x86_desc_fetch(env, sel, &ce1, &ce2, 0) || !(ce2 & X86_DESC_S) ||
        !(ce2 & X86_DESC_CODE) || (int)X86_DESC_DPL(ce2) > cpl) {
        x86_raise_exception_err(env, EXCP0D_GPF, (sel & 0xfffc) | ext, 0);
    }
    if (!(ce2 & X86_DESC_P)) {
        x86_raise_exception_err(env, EXCP0B_NOSEG, (sel & 0xfffc) | ext, 0);
    }
    int dpl = X86_DESC_DPL(ce2);
    bool vm86 = (env->eflags & VM_MASK) != 0;
    bool inner = !(ce2 & X86_DESC_C) && dpl < cpl;
    if (vm86 && (!inner || dpl != 0)) {
        x86_raise_exception_err(env, EXCP0D_GPF, (sel & 0xfffc) | ext, 0);
    }
    if (offset > x86_desc_limit(ce1, ce2)) {
        x86_raise_exception_err(env, EXCP0D_GPF, ext, 0);
    }
    int new_cpl = inner ? dpl : cpl;
    uint32_t eflags = x86_cpu_get_eflags(env);
    X86Stack st = x86_stack_current(env);
    uint32_t ss = 0, se1 = 0, se2 = 0;
    if (inner) {
        uint32_t esp;
        x86_tss_get_stack(env, dpl, &ss, &esp, 0);
        x86_check_new_ss(env, ss, dpl, true, &se1, &se2, 0);
        st.base = x86_desc_base(se1, se2);
        st.mask = (se2 & X86_DESC_B) ? 0xffffffffu : 0xffff;
        st.sp = esp;
        st.mmu_idx = dpl == 3 ? X86_MMU_IDX_USER : X86_MMU_IDX_KERNEL;
        if (vm86) {
            x86_stack_push(env, &st, gate32, env->segs[R_GS].selector, 0);
            x86_stack_push(env, &st, gate32, env->segs[R_FS].selector, 0);
            x86_stack_push(env, &st, gate32, env->segs[R_DS].selector, 0);
            x86_stack_push(env, &st, gate32, env->segs[R_ES].selector, 0);
        }
        x86_stack_push(env, &st, gate32, env->segs[R_SS].selector, 0);
        x86_stack_push(env, &st, gate32, env->regs[R_ESP], 0);
    }
    x86_stack_push(env, &st, gate32, eflags, 0);
    x86_stack_push(env, &st, gate32, env->segs[R_CS].selector, 0);
    x86_stack_push(env, &st, gate32, ret_eip, 0);
    if (push_err) {
        x86_stack_push(env, &st, gate32, err, 0);
    }
    /* Commit. */
    if (vm86) {
        for (int i = 0; i < NB_SEGS; i++) {
            if (i != R_CS && i != R_SS) {
                SegmentCache *sc = &env->segs[i];
                sc->selector = sc->base = sc->limit = sc->flags = 0;
            }
        }
    }
    env->eflags &= ~(uint32_t)(TF_MASK | VM_MASK | RF_MASK | NT_MASK);
    if (!(type & 1)) {
        env->eflags &= ~(uint32_t)IF_MASK;   /* interrupt gate */
    }
    x86_set_cpl(env, new_cpl);
    if (inner) {
        x86_load_seg_cache(env, R_SS, (ss & 0xfffc) | dpl, se1, se2);
    }
    x86_set_esp(env, st.mask, st.sp);
    x86_load_seg_cache(env, R_CS, (sel & 0xfffc) | new_cpl, ce1, ce2);
    env->eip = offset;
}

static bool x86_is_contributory(int vector)
{
    return vector == EXCP00_DIVZ || (vector >= EXCP0A_TSS && vector <= EXCP0D_GPF);
}

/*
 * Delivers one event. A fault while delivering an earlier exception
 * (env->old_exception) becomes #DF where the SDM's table says so, and a
 * fault while delivering #DF shuts the CPU down (EXCP_RESET).
 */
static void x86_deliver(CPUX86State *env, int vector, bool is_int, bool is_hw,
                        uint32_t err, uint32_t ret_eip)
{
    CPUState *cpu = &env->cs;
    if (!is_int && !is_hw && env->old_exception >= 0) {
        int first = env->old_exception;
        if (first == EXCP08_DBLE) {
            env->old_exception = -1;
            if (mimic_log_enabled(LOG_INT)) {
                mimic_log("i386: triple fault (vector %d during #DF)\n", vector);
            }
            cpu->exception_index = EXCP_RESET;
            return;
        }
        if ((x86_is_contributory(first) && x86_is_contributory(vector)) ||
            (first == EXCP0E_PAGE && (x86_is_contributory(vector) ||
                                      vector == EXCP0E_PAGE))) {
            vector = EXCP08_DBLE;
            err = 0;
        }
    }
    if (mimic_log_enabled(LOG_INT)) {
        mimic_log("i386: %s %d (0x%x) err=%x at %04x:%08x cpl=%d eflags=%08x cr2=%08x\n",
                  is_int ? "int" : is_hw ? "irq" : "exception", vector, vector, err,
                  env->segs[R_CS].selector, env->eip, x86_cpl(env),
                  x86_cpu_get_eflags(env), env->cr[2]);
    }
    /* Software and external interrupts are benign for the #DF rules. */
    env->old_exception = (is_int || is_hw) ? 0x100 : vector;
    if (env->hflags & HF_PE_MASK) {
        x86_deliver_protected(env, vector, is_int, is_hw, err, ret_eip);
    } else {
        x86_deliver_real(env, vector, ret_eip);
    }
    env->old_exception = -1;
    env->hflags &= ~(uint32_t)HF_INHIBIT_IRQ_MASK;
    cpu->exception_index = EXCP_NONE;
}

void x86_cpu_do_interrupt(CPUState *cpu)
{
    CPUX86State *env = (CPUX86State *)cpu;
    bool is_int = env->exception_is_int;
    env->exception_is_int = false;
    x86_deliver(env, cpu->exception_index, is_int, false, cpu->error_code,
                is_int ? env->exception_next_eip : env->eip);
}

bool x86_cpu_exec_interrupt(CPUState *cpu, uint32_t request)
{
    CPUX86State *env = (CPUX86State *)cpu;
    if (env->hflags & HF_INHIBIT_IRQ_MASK) {
        return false;
    }
    if ((request & CPU_INTERRUPT_NMI) && !env->nmi_blocked) {
        __atomic_and_fetch(&cpu->interrupt_request, ~(uint32_t)CPU_INTERRUPT_NMI,
                           __ATOMIC_SEQ_CST);
        env->nmi_blocked = true;   /* until the next IRET (SDM 6.7.1) */
        cpu->halted = false;
        x86_deliver(env, EXCP02_NMI, false, true, 0, env->eip);
        return true;
    }
    if ((request & CPU_INTERRUPT_HARD) && (env->eflags & IF_MASK)) {
        /* The acknowledge cycle: the controller raises the line again if
         * more is pending. */
        __atomic_and_fetch(&cpu->interrupt_request, ~(uint32_t)CPU_INTERRUPT_HARD,
                           __ATOMIC_SEQ_CST);
        int vector = env->get_intr_vector ? env->get_intr_vector(env->intr_opaque) : -1;
        if (vector < 0) {
            return false;
        }
        cpu->halted = false;
        x86_deliver(env, vector & 0xff, false, true, 0, env->eip);
        return true;
    }
    return false;
}
