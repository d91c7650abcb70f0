/*
 * Segmentation of the i386 CPU: descriptor fetches (guest GDT/LDT, or
 * linux-user's env->gdt), segment register loads with their type and
 * privilege checks, LLDT/LTR, LAR/LSL/VERR/VERW and the supervisor
 * memory accessors the other system helpers use. Far transfers live in
 * far_helper.c, interrupt delivery in excp_helper.c.
 */
#include "target-i386/seg-internal.h"

/* ---- supervisor accesses ---- */

uint32_t x86_ldub_kernel(CPUX86State *env, uint32_t addr, uintptr_t ra)
{
    return cpu_ldub_mmu(&env->cs, addr, X86_MMU_IDX_KERNEL, ra);
}

uint32_t x86_lduw_kernel(CPUX86State *env, uint32_t addr, uintptr_t ra)
{
    return cpu_lduw_mmu(&env->cs, addr, X86_MMU_IDX_KERNEL, ra);
}

uint32_t x86_ldl_kernel(CPUX86State *env, uint32_t addr, uintptr_t ra)
{
    return cpu_ldl_mmu(&env->cs, addr, X86_MMU_IDX_KERNEL, ra);
}

void x86_stw_kernel(CPUX86State *env, uint32_t addr, uint32_t v, uintptr_t ra)
{
    cpu_stw_mmu(&env->cs, addr, v, X86_MMU_IDX_KERNEL, ra);
}

void x86_stl_kernel(CPUX86State *env, uint32_t addr, uint32_t v, uintptr_t ra)
{
    cpu_stl_mmu(&env->cs, addr, v, X86_MMU_IDX_KERNEL, ra);
}

void x86_stack_push(CPUX86State *env, X86Stack *st, bool is32, uint32_t v,
                    uintptr_t ra)
{
    CPUState *cpu = &env->cs;
    if (is32) {
        st->sp -= 4;
        cpu_stl_mmu(cpu, st->base + (st->sp & st->mask), v, st->mmu_idx, ra);
    } else {
        st->sp -= 2;
        cpu_stw_mmu(cpu, st->base + (st->sp & st->mask), v, st->mmu_idx, ra);
    }
}

uint32_t x86_stack_pop(CPUX86State *env, X86Stack *st, bool is32, uintptr_t ra)
{
    CPUState *cpu = &env->cs;
    uint32_t v;
    if (is32) {
        v = cpu_ldl_mmu(cpu, st->base + (st->sp & st->mask), st->mmu_idx, ra);
        st->sp += 4;
    } else {
        v = cpu_lduw_mmu(cpu, st->base + (st->sp & st->mask), st->mmu_idx, ra);
        st->sp += 2;
    }
    return v;
}

void x86_set_esp(CPUX86State *env, uint32_t mask, uint32_t sp)
{
    env->regs[R_ESP] = (env->regs[R_ESP] & ~mask) | (sp & mask);
}

/* ---- descriptors ---- */

bool x86_desc_fetch(CPUX86State *env, uint32_t sel, uint32_t *e1, uint32_t *e2,
                    uintptr_t ra)
{
    uint32_t off = sel & 0xfff8;
    if (env->lu_descriptors) {
        uint32_t n = sizeof(env->gdt) / sizeof(env->gdt[0]);
        if ((sel & 4) || (off >> 3) >= n) {
            return false;
        }
        *e1 = (uint32_t)env->gdt[off >> 3];
        *e2 = (uint32_t)(env->gdt[off >> 3] >> 32);
        return true;
    }
    uint32_t base = (sel & 4) ? env->ldt.base : env->gdtr.base;
    uint32_t limit = (sel & 4) ? env->ldt.limit : env->gdtr.limit;
    if ((sel & 4) && (env->ldt.selector & 0xfffc) == 0) {
        return false;
    }
    if (off + 7 > limit) {
        return false;
    }
    *e1 = x86_ldl_kernel(env, base + off, ra);
    *e2 = x86_ldl_kernel(env, base + off + 4, ra);
    return true;
}

void x86_desc_store_e2(CPUX86State *env, uint32_t sel, uint32_t e2, uintptr_t ra)
{
    uint32_t off = sel & 0xfff8;
    if (env->lu_descriptors) {
        return;
    }
    uint32_t base = (sel & 4) ? env->ldt.base : env->gdtr.base;
    x86_stl_kernel(env, base + off + 4, e2, ra);
}

/* Sets the accessed bit of a code/data descriptor, as the CPU does on a
 * segment load. */
static void x86_desc_set_accessed(CPUX86State *env, uint32_t sel, uint32_t *e2,
                                  uintptr_t ra)
{
    if (!(*e2 & X86_DESC_A)) {
        *e2 |= X86_DESC_A;
        x86_desc_store_e2(env, sel, *e2, ra);
    }
}

void x86_load_seg_cache(CPUX86State *env, int seg, uint32_t sel, uint32_t e1,
                        uint32_t e2)
{
    SegmentCache *sc = &env->segs[seg];
    sc->selector = sel & 0xffff;
    sc->base = x86_desc_base(e1, e2);
    sc->limit = x86_desc_limit(e1, e2);
    sc->flags = e2 & 0x00f0ff00u;
    x86_update_hflags(env);
}

void x86_set_cpl(CPUX86State *env, int cpl)
{
    env->hflags = (env->hflags & ~(uint32_t)HF_CPL_MASK) | (uint32_t)cpl;
    x86_update_hflags(env);
    if (cpl == 3 && x86_accel_notify) {
        x86_accel_notify->user_entered(env);
    }
}

static _Noreturn void x86_raise_sel(CPUX86State *env, int vector, uint32_t sel,
                                    uintptr_t ra)
{
    x86_raise_exception_err(env, vector, sel & 0xfffc, ra);
}

/* Real mode and VM86: the base is selector * 16. Real mode keeps the
 * cached limit and attributes (as the CPU does); VM86 sets them to a
 * 64 KiB read/write data segment at DPL 3. */
static void x86_load_seg_real(CPUX86State *env, int seg, uint32_t sel)
{
    SegmentCache *sc = &env->segs[seg];
    sel &= 0xffff;
    sc->selector = sel;
    sc->base = sel << 4;
    if (env->eflags & VM_MASK) {
        sc->limit = 0xffff;
        sc->flags = X86_DESC_P | X86_DESC_S | (3 << 13) | X86_DESC_RW | X86_DESC_A |
                    (seg == R_CS ? X86_DESC_CODE : 0);
    }
    x86_update_hflags(env);
}

/* MOV/POP/LxS to SS, DS, ES, FS, GS in protected mode. */
static void x86_load_seg_protected(CPUX86State *env, int seg, uint32_t sel,
                                   uintptr_t ra)
{
    int cpl = x86_cpl(env), rpl = sel & 3;
    uint32_t e1, e2;
    if ((sel & 0xfffc) == 0) {
        if (seg == R_SS) {
            x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
        }
        /* A null selector: usable only to be stored; accesses through it
         * are not checked (docs/x86-frontend.md). */
        SegmentCache *sc = &env->segs[seg];
        sc->selector = sel;
        sc->base = 0;
        sc->limit = 0;
        sc->flags = 0;
        x86_update_hflags(env);
        return;
    }
    if (!x86_desc_fetch(env, sel, &e1, &e2, ra) || !(e2 & X86_DESC_S)) {
        x86_raise_sel(env, EXCP0D_GPF, sel, ra);
    }
    int dpl = X86_DESC_DPL(e2);
    bool code = (e2 & X86_DESC_CODE) != 0;
    if (seg == R_SS) {
        if (rpl != cpl || code || !(e2 & X86_DESC_RW) || dpl != cpl) {
            x86_raise_sel(env, EXCP0D_GPF, sel, ra);
        }
        if (!(e2 & X86_DESC_P)) {
            x86_raise_sel(env, EXCP0C_STACK, sel, ra);
        }
    } else {
        if (code && !(e2 & X86_DESC_RW)) {
            x86_raise_sel(env, EXCP0D_GPF, sel, ra);
        }
        if ((!code || !(e2 & X86_DESC_C)) && (rpl > dpl || cpl > dpl)) {
            x86_raise_sel(env, EXCP0D_GPF, sel, ra);
        }
        if (!(e2 & X86_DESC_P)) {
            x86_raise_sel(env, EXCP0B_NOSEG, sel, ra);
        }
    }
    x86_desc_set_accessed(env, sel, &e2, ra);
    x86_load_seg_cache(env, seg, sel, e1, e2);
}

void x86_load_seg(CPUX86State *env, int seg, uint32_t sel, uintptr_t ra)
{
    sel &= 0xffff;
    if (!(env->hflags & HF_PE_MASK) || (env->eflags & VM_MASK)) {
        x86_load_seg_real(env, seg, sel);
    } else {
        x86_load_seg_protected(env, seg, sel, ra);
    }
}

void x86_helper_load_seg(CPUX86State *env, uint32_t seg, uint32_t sel)
{
    x86_load_seg(env, (int)seg, sel, GETPC());
}

/* ---- LLDT, LTR ---- */

void x86_helper_lldt(CPUX86State *env, uint32_t sel)
{
    uintptr_t ra = GETPC();
    uint32_t e1, e2;
    sel &= 0xffff;
    if ((sel & 0xfffc) == 0) {
        env->ldt.selector = sel;
        env->ldt.base = 0;
        env->ldt.limit = 0;
        env->ldt.flags = 0;
        return;
    }
    if ((sel & 4) || !x86_desc_fetch(env, sel, &e1, &e2, ra) ||
        (e2 & X86_DESC_S) || X86_DESC_TYPE(e2) != X86_SYS_LDT) {
        x86_raise_sel(env, EXCP0D_GPF, sel, ra);
    }
    if (!(e2 & X86_DESC_P)) {
        x86_raise_sel(env, EXCP0B_NOSEG, sel, ra);
    }
    env->ldt.selector = sel;
    env->ldt.base = x86_desc_base(e1, e2);
    env->ldt.limit = x86_desc_limit(e1, e2);
    env->ldt.flags = e2 & 0x00f0ff00u;
}

void x86_helper_ltr(CPUX86State *env, uint32_t sel)
{
    uintptr_t ra = GETPC();
    uint32_t e1, e2;
    sel &= 0xffff;
    if ((sel & 0xfffc) == 0) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    if ((sel & 4) || !x86_desc_fetch(env, sel, &e1, &e2, ra) ||
        (e2 & X86_DESC_S)) {
        x86_raise_sel(env, EXCP0D_GPF, sel, ra);
    }
    int type = X86_DESC_TYPE(e2);
    if (type != X86_SYS_TSS16 && type != X86_SYS_TSS32) {
        x86_raise_sel(env, EXCP0D_GPF, sel, ra);
    }
    if (!(e2 & X86_DESC_P)) {
        x86_raise_sel(env, EXCP0B_NOSEG, sel, ra);
    }
    e2 |= X86_DESC_TSS_BUSY;
    x86_desc_store_e2(env, sel, e2, ra);
    env->tr.selector = sel;
    env->tr.base = x86_desc_base(e1, e2);
    env->tr.limit = x86_desc_limit(e1, e2);
    env->tr.flags = e2 & 0x00f0ff00u;
}

/* ---- LAR, LSL, VERR, VERW: ZF = 1 and a result when the descriptor is
 * visible at CPL/RPL, else ZF = 0 (flags are returned, CC_OP_EFLAGS). */

static bool x86_desc_visible(CPUX86State *env, uint32_t sel, uint32_t *e1,
                             uint32_t *e2, uintptr_t ra)
{
    if ((sel & 0xfffc) == 0 || !x86_desc_fetch(env, sel, e1, e2, ra)) {
        return false;
    }
    int dpl = X86_DESC_DPL(*e2), cpl = x86_cpl(env), rpl = sel & 3;
    bool conforming_code = (*e2 & X86_DESC_S) && (*e2 & X86_DESC_CODE) &&
                           (*e2 & X86_DESC_C);
    return conforming_code || (dpl >= cpl && dpl >= rpl);
}

/* Which system types LAR (lsl = false) or LSL (true) accept. */
static bool x86_lar_type_ok(uint32_t e2, bool lsl)
{
    if (e2 & X86_DESC_S) {
        return true;
    }
    switch (X86_DESC_TYPE(e2)) {
    case X86_SYS_TSS16: case X86_SYS_LDT: case X86_SYS_TSS16_BUSY:
    case X86_SYS_TSS32: case X86_SYS_TSS32_BUSY:
        return true;
    case X86_SYS_CALLGATE16: case X86_SYS_TASKGATE: case X86_SYS_CALLGATE32:
        return !lsl;
    default:
        return false;
    }
}

/* Returns the result in the low 32 bits and ZF (0/1) in bit 32. */
uint64_t x86_helper_lar_lsl(CPUX86State *env, uint32_t sel, uint32_t lsl)
{
    uintptr_t ra = GETPC();
    uint32_t e1, e2;
    if (!x86_desc_visible(env, sel & 0xffff, &e1, &e2, ra) ||
        !x86_lar_type_ok(e2, lsl)) {
        return 0;
    }
    uint32_t v = lsl ? x86_desc_limit(e1, e2) : (e2 & 0x00f0ff00u);
    return v | (1ull << 32);
}

/* VERR (write = 0) / VERW (1): ZF as 0/1. */
uint32_t x86_helper_verr_verw(CPUX86State *env, uint32_t sel, uint32_t write)
{
    uintptr_t ra = GETPC();
    uint32_t e1, e2;
    if (!x86_desc_visible(env, sel & 0xffff, &e1, &e2, ra) || !(e2 & X86_DESC_S)) {
        return 0;
    }
    bool code = (e2 & X86_DESC_CODE) != 0;
    if (write) {
        return !code && (e2 & X86_DESC_RW);
    }
    return !code || (e2 & X86_DESC_RW);
}

/*
 * A data access through a segment that is not flat (translate.c emits the
 * call only then): desc = seg | size << 4 | write << 8, addr the linear
 * address. #GP(0), or #SS(0) for SS: null selector, write to code or a
 * read-only segment, read of an execute-only code segment, and the limit
 * (expand-down: the valid offsets are above the limit, up to 64 KiB or
 * 4 GiB by the B bit).
 */
void x86_helper_seg_check(CPUX86State *env, uint32_t desc, uint32_t addr)
{
    int seg = desc & 0xf;
    uint32_t size = (desc >> 4) & 0xf;
    bool write = (desc & 0x100) != 0;
    SegmentCache *sc = &env->segs[seg];
    uint32_t off = addr - sc->base, f = sc->flags;
    bool code = (f & X86_DESC_CODE) != 0;
    bool bad;
    if ((sc->selector & 0xfffc) == 0 || !(f & X86_DESC_P)) {
        bad = true;
    } else if (write ? (code || !(f & X86_DESC_RW)) : (code && !(f & X86_DESC_RW))) {
        bad = true;
    } else if (!code && (f & X86_DESC_C)) {   /* expand-down data */
        uint32_t upper = (f & X86_DESC_B) ? 0xffffffffu : 0xffff;
        bad = off <= sc->limit || off > upper || size - 1 > upper - off;
    } else {
        bad = off > sc->limit || size - 1 > sc->limit - off;
    }
    if (bad) {
        x86_raise_exception_err(env, seg == R_SS ? EXCP0C_STACK : EXCP0D_GPF, 0,
                                GETPC());
    }
}

TCGHelperInfo x86_helper_info_seg_check =
    TCG_HELPER(x86_helper_seg_check, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR,
               TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_load_seg =
    TCG_HELPER(x86_helper_load_seg, TCG_CALL_MAY_RAISE | TCG_CALL_WRITES_GLOBALS,
               TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_lldt =
    TCG_HELPER(x86_helper_lldt, TCG_CALL_MAY_RAISE | TCG_CALL_SIDE_EFFECTS,
               TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32);
TCGHelperInfo x86_helper_info_ltr =
    TCG_HELPER(x86_helper_ltr, TCG_CALL_MAY_RAISE | TCG_CALL_SIDE_EFFECTS,
               TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32);
TCGHelperInfo x86_helper_info_lar_lsl =
    TCG_HELPER(x86_helper_lar_lsl, TCG_CALL_MAY_RAISE, TCG_HT_I64, TCG_HT_PTR,
               TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_verr_verw =
    TCG_HELPER(x86_helper_verr_verw, TCG_CALL_MAY_RAISE, TCG_HT_I32, TCG_HT_PTR,
               TCG_HT_I32, TCG_HT_I32);
