/*
 * Inline x87 runs (x86-64 JIT only): consecutive simple x87 instructions
 * run as the same host x87 instructions, on a host stack that mirrors the
 * top of the guest stack, with the guest control word loaded. env is
 * brought up to date before every guest memory access, when leaving the
 * fast path and at the end of the run (docs/x87.md, "Inline runs").
 */
#include <assert.h>
#include <stddef.h>
#include "exec/softmmu.h"
#include "exec/user-pages.h"
#include "target-i386/translate.h"
#include "target-i386/x87.h"

#define XR_OFF(field) ((intptr_t)offsetof(CPUX86State, field))
#define XR_MAX_DEPTH 7          /* one host register stays free for syncs */
#define XR_PAGE 4096u           /* the guest's page size */

/* What the generated code holds, as the translator knows it. Slots are
 * relative to the TOP of the last sync (env->fpstt then). */
typedef struct X87Run {
    bool active;
    int depth;          /* host ST(0..depth-1) = guest ST(0..depth-1) */
    unsigned dirty;     /* bit j: host ST(j) not yet in env */
    int dtop;           /* guest TOP - TOP at the last sync */
    int lo;             /* the lowest dtop since */
    unsigned tag_set;   /* bit k: the tag of slot k changed */
    unsigned tag_empty; /* bit k: ... to empty */
    uint16_t cmask;     /* condition bits written by host ops since */
    bool ops;           /* host ops since the last sync (flags to merge) */
    int need;           /* first window of the run (x87_scan_need) */
} X87Run;

static X87Run x87_run;

/* One guest instruction's stack behaviour. */
typedef struct X87Shape {
    int reads[2];       /* ST(i) read (-1: none) */
    int write;          /* ST(i) written after pushes (-1: none) */
    bool push;
    int pops;
    uint16_t cmask;     /* condition bits it writes */
    int mem;            /* memory operand bytes (0: register form) */
    bool store;         /* the memory operand is written */
    bool fcomi;         /* FCOMI/FUCOMI(P): EFLAGS, no condition bits */
} X87Shape;

static TCGv_ptr x87_env(void)
{
    return tcg_env();
}

static void x87_host(int opc, int form, intptr_t operand)
{
    tcg_gen_x87(x87_env(), opc, form, operand);
}

static void x87_host_mem(TCGv_ptr base, int opc, int reg, intptr_t off)
{
    tcg_gen_x87(base, opc, TCG_X87_MEM | reg, off);
}

/* base = env + ((top + k) & 7) * scale. */
static TCGv_ptr x87_slot_ptr(TCGv_i32 top, int k, int scale)
{
    TCGv_i32 idx = tcg_temp_new_i32();
    TCGv_i64 p = tcg_temp_new_i64();

    tcg_gen_addi_i32(idx, top, k);
    tcg_gen_andi_i32(idx, idx, 7);
    if (scale > 1) {
        tcg_gen_muli_i32(idx, idx, scale);
    }
    tcg_gen_extu_i32_i64(p, idx);
    tcg_gen_add_i64(p, p, temp_tcgv_i64(tcgv_ptr_temp(tcg_env())));
    tcg_temp_free_i32(idx);
    return temp_tcgv_ptr(tcgv_i64_temp(p));
}

/* Host ST(j), for each j < depth in mask, to its physical register in env
 * (top: the guest TOP the host stack's ST(0) stands for). */
static void x87_gen_store_regs(TCGv_i32 top, unsigned mask, int depth)
{
    for (int j = 0; j < depth; j++) {
        if (mask & (1u << j)) {
            TCGv_ptr p = x87_slot_ptr(top, j, sizeof(FPReg));
            x87_host(0xd9, 0, j);                            /* fld st(j) */
            x87_host_mem(p, 0xdb, 7, XR_OFF(fpregs));        /* fstpt */
            tcg_temp_free_ptr(p);
        }
    }
}

/* Before an instruction pops: the registers it pops that only the host
 * holds go to env first. A popped register keeps its value on the CPU
 * (tagged empty), and FNSAVE, FXSAVE and signal frames show it. */
static void x87_gen_store_popped(X87Run *r, int pops)
{
    unsigned mask = r->dirty & ((1u << pops) - 1);

    if (mask) {
        TCGv_i32 top = tcg_temp_new_i32();
        tcg_gen_ld_i32(top, tcg_env(), XR_OFF(fpstt), MO_32);
        tcg_gen_addi_i32(top, top, r->dtop);
        x87_gen_store_regs(top, mask, r->depth);
        tcg_temp_free_i32(top);
        r->dirty &= ~mask;
    }
}

/* Writes the state the model describes to env: status word (condition
 * bits of the host ops since the last sync, exception flags), tags, TOP,
 * and the registers the host holds newer values of. The host stack and
 * the model's window stay. */
static void x87_gen_sync_status(X87Run *r)
{
    TCGv_i32 t, sw;

    if (r->ops) {
        x87_host_mem(x87_env(), 0xdd, 7, XR_OFF(fp_host_sw));    /* fnstsw */
        sw = tcg_temp_new_i32();
        t = tcg_temp_new_i32();
        tcg_gen_ld_i32(sw, tcg_env(), XR_OFF(fp_host_sw), MO_UW);
        tcg_gen_andi_i32(sw, sw, r->cmask | X87_SW_EXC);
        tcg_gen_ld_i32(t, tcg_env(), XR_OFF(fpus), MO_UW);
        tcg_gen_andi_i32(t, t, ~(uint32_t)r->cmask & 0xffff);
        tcg_gen_or_i32(t, t, sw);
        tcg_gen_st_i32(t, tcg_env(), XR_OFF(fpus), MO_16);
        tcg_temp_free_i32(sw);
        tcg_temp_free_i32(t);
    }
    r->ops = false;
    r->cmask = 0;
}

static void x87_gen_sync(X87Run *r)
{
    TCGv_i32 top;

    x87_gen_sync_status(r);
    if (!r->tag_set && !r->dirty && (r->dtop & 7) == 0) {
        goto done;
    }
    top = tcg_temp_new_i32();
    tcg_gen_ld_i32(top, tcg_env(), XR_OFF(fpstt), MO_32);
    for (int k = 0; k < 8; k++) {
        if (r->tag_set & (1u << k)) {
            TCGv_ptr p = x87_slot_ptr(top, k, 1);
            tcg_gen_st_i32(tcg_constant_i32((r->tag_empty >> k) & 1), p,
                           XR_OFF(fptags), MO_8);
            tcg_temp_free_ptr(p);
        }
    }
    tcg_gen_addi_i32(top, top, r->dtop);
    tcg_gen_andi_i32(top, top, 7);
    tcg_gen_st_i32(top, tcg_env(), XR_OFF(fpstt), MO_32);
    x87_gen_store_regs(top, r->dirty, r->depth);
    tcg_temp_free_i32(top);
done:
    r->tag_set = r->tag_empty = 0;
    r->dirty = 0;
    r->dtop = 0;
    r->lo = 0;
}

/* A fault in this instruction's guest access finds the run's state in
 * the host FPU: the insn data say where (x87_run_recover); popped: the
 * host store before the guest store has popped ST(0) already. */
static void x87_mark_insn_popped(DisasContext *s, bool popped)
{
    const X87Run *r = &x87_run;
    TCGOp *op = &tcg_ctx->ops[s->insn_start_idx];
    uint32_t c = ((r->cmask >> 8) & 7) | ((r->cmask & X87_SW_C3) ? 8 : 0);
    uint32_t d = X87R_VALID | (r->ops ? X87R_OPS : 0) |
                 c << X87R_CMASK_SHIFT |
                 (uint32_t)(r->dtop & 7) << X87R_DTOP_SHIFT |
                 (uint32_t)(r->dtop - r->lo) << X87R_NEMPTY_SHIFT |
                 (uint32_t)r->depth << X87R_DEPTH_SHIFT |
                 r->dirty << X87R_DIRTY_SHIFT;

    assert(op->opc == INDEX_op_insn_start);
    op->args[1] |= (TCGArg)d << X87_RUN_DATA_SHIFT;
    if (popped) {
        op->args[0] |= (TCGArg)X87R_POPPED << X87_RUN_DATA0_SHIFT;
    }
}

static void x87_mark_insn(DisasContext *s)
{
    x87_mark_insn_popped(s, false);
}

/* Empties the host stack and gives the host its control word back; the
 * helpers may then rely on env->fp_host_flags again. */
static void x87_gen_leave_fast(X87Run *r)
{
    TCGv_i32 t = tcg_temp_new_i32();

    x87_gen_sync(r);
    x87_host(0x77, TCG_X87_NO_MODRM | TCG_X87_0F, 0);            /* emms */
    tcg_gen_st_i32(tcg_constant_i32(0x037f), tcg_env(), XR_OFF(fp_host_sw),
                   MO_16);
    x87_host_mem(x87_env(), 0xd9, 5, XR_OFF(fp_host_sw));       /* fldcw */
    tcg_gen_ld_i32(t, tcg_env(), XR_OFF(fpus), MO_UW);
    tcg_gen_andi_i32(t, t, X87_SW_EXC);
    tcg_gen_st_i32(t, tcg_env(), XR_OFF(fp_host_flags), MO_16);
    tcg_gen_st_i32(tcg_constant_i32(0), tcg_env(), XR_OFF(fp_run_fast),
                   MO_8);
    tcg_temp_free_i32(t);
    r->depth = 0;
}

/* Branch to `slow` unless cond holds: the fast path stops here, with env
 * as the model says (a copy: the fast path goes on after the check). */
static void x87_gen_check(TCGCond cond, TCGv_i32 v, int32_t imm,
                          TCGLabel *slow)
{
    TCGLabel *ok = gen_new_label();
    X87Run copy = x87_run;

    tcg_gen_brcondi_i32(cond, v, imm, ok);
    x87_gen_leave_fast(&copy);
    tcg_gen_br(slow);
    gen_set_label(ok);
}

/* Makes host ST(0..n-1) mirror guest ST(0..n-1): sync, empty the host,
 * check that the n registers are valid, load them. */
static void x87_gen_window(int n, TCGLabel *slow)
{
    TCGv_i32 top = tcg_temp_new_i32(), any = tcg_temp_new_i32();
    TCGv_i32 t = tcg_temp_new_i32();

    x87_gen_sync(&x87_run);
    if (x87_run.depth) {
        x87_host(0x77, TCG_X87_NO_MODRM | TCG_X87_0F, 0);        /* emms */
        x87_run.depth = 0;
    }
    tcg_gen_ld_i32(top, tcg_env(), XR_OFF(fpstt), MO_32);
    tcg_gen_movi_i32(any, 0);
    for (int j = 0; j < n; j++) {
        TCGv_ptr p = x87_slot_ptr(top, j, 1);
        tcg_gen_ld_i32(t, p, XR_OFF(fptags), MO_UB);
        tcg_gen_or_i32(any, any, t);
        tcg_temp_free_ptr(p);
    }
    x87_gen_check(TCG_COND_EQ, any, 0, slow);
    for (int j = n - 1; j >= 0; j--) {
        TCGv_ptr p = x87_slot_ptr(top, j, sizeof(FPReg));
        x87_host_mem(p, 0xdb, 5, XR_OFF(fpregs));               /* fldt */
        tcg_temp_free_ptr(p);
    }
    x87_run.depth = n;
    tcg_temp_free_i32(top);
    tcg_temp_free_i32(any);
    tcg_temp_free_i32(t);
}

/* A push needs guest ST(7) empty: known from the model or checked. */
static void x87_gen_push_check(TCGLabel *slow)
{
    int k = (x87_run.dtop - 1) & 7;
    TCGv_i32 top, t;
    TCGv_ptr p;

    if ((x87_run.tag_set & x87_run.tag_empty) & (1u << k)) {
        return;
    }
    top = tcg_temp_new_i32();
    t = tcg_temp_new_i32();
    tcg_gen_ld_i32(top, tcg_env(), XR_OFF(fpstt), MO_32);
    p = x87_slot_ptr(top, k, 1);
    tcg_gen_ld_i32(t, p, XR_OFF(fptags), MO_UB);
    x87_gen_check(TCG_COND_NE, t, 0, slow);
    tcg_temp_free_ptr(p);
    tcg_temp_free_i32(top);
    tcg_temp_free_i32(t);
}

static void x87_model_push(void)
{
    int k;

    x87_run.dtop--;
    if (x87_run.dtop < x87_run.lo) {
        x87_run.lo = x87_run.dtop;
    }
    k = x87_run.dtop & 7;
    x87_run.tag_set |= 1u << k;
    x87_run.tag_empty &= ~(1u << k);
    x87_run.depth++;
    x87_run.dirty = (x87_run.dirty << 1) | 1;
}

static void x87_model_pop(void)
{
    int k = x87_run.dtop & 7;

    x87_run.tag_set |= 1u << k;
    x87_run.tag_empty |= 1u << k;
    x87_run.dtop++;
    x87_run.depth--;
    x87_run.dirty >>= 1;
}

/* ---- which instructions, and their shapes ---- */

static X87Shape x87_shape_none(void)
{
    return (X87Shape){ .reads = { -1, -1 }, .write = -1, .cmask = X87_SW_C1 };
}

static bool x87_arith_reg(int reg)
{
    return reg <= 1 || reg >= 4;
}

/* Register forms that run inline; fills *sh. */
static bool x87_shape_reg(int b, int reg, int rm, X87Shape *sh)
{
    *sh = x87_shape_none();
    switch (b & 7) {
    case 0:                                     /* D8: ST(0) op= ST(i) */
        sh->reads[0] = 0;
        sh->reads[1] = rm;
        if (x87_arith_reg(reg)) {
            sh->write = 0;
        } else {
            sh->cmask = X87_SW_COND;
            sh->pops = reg == 3;
        }
        return true;
    case 4:                                     /* DC: ST(i) op= ST(0) */
    case 6:                                     /* DE: ... and pop */
        if ((b & 7) == 6 && reg == 3 && rm == 1) {  /* FCOMPP */
            sh->reads[0] = 0;
            sh->reads[1] = 1;
            sh->cmask = X87_SW_COND;
            sh->pops = 2;
            return true;
        }
        if (!x87_arith_reg(reg)) {
            return false;
        }
        sh->reads[0] = 0;
        sh->reads[1] = rm;
        sh->write = rm;
        sh->pops = (b & 7) == 6;
        return true;
    case 1:
        if (reg == 0) {                         /* FLD ST(i) */
            sh->reads[0] = rm;
            sh->push = true;
            return true;
        }
        if (reg == 1) {                         /* FXCH */
            sh->reads[0] = 0;
            sh->reads[1] = rm;
            sh->write = rm;                     /* and ST(0): see dirty */
            return true;
        }
        if (reg == 4 && rm <= 1) {              /* FCHS FABS */
            sh->reads[0] = 0;
            sh->write = 0;
            return true;
        }
        if (reg == 4 && rm == 4) {              /* FTST */
            sh->reads[0] = 0;
            sh->cmask = X87_SW_COND;
            return true;
        }
        if (reg == 5 && rm != 7) {              /* FLD1 .. FLDZ */
            sh->push = true;
            return true;
        }
        if (reg == 7 && rm == 2) {              /* FSQRT */
            sh->reads[0] = 0;
            sh->write = 0;
            return true;
        }
        return false;
    case 5:
        if (reg == 2 || reg == 3) {             /* FST(P) ST(i) */
            sh->reads[0] = 0;
            sh->write = rm;
            sh->pops = reg == 3;
            if (reg == 3 && rm == 0) {
                sh->write = -1;     /* FSTP ST(0): a pop, the value stays */
            }
            return true;
        }
        if (reg == 4 || reg == 5) {             /* FUCOM(P) */
            sh->reads[0] = 0;
            sh->reads[1] = rm;
            sh->cmask = X87_SW_COND;
            sh->pops = reg == 5;
            return true;
        }
        return false;
    case 3:
    case 7:
        if (reg == 5 || reg == 6) {             /* F(U)COMI, F(U)COMIP */
            sh->reads[0] = 0;
            sh->reads[1] = rm;
            sh->cmask = 0;
            sh->fcomi = true;
            sh->pops = (b & 7) == 7;
            return true;
        }
        return false;
    case 2:
        if (reg == 5 && rm == 1) {              /* FUCOMPP */
            sh->reads[0] = 0;
            sh->reads[1] = 1;
            sh->cmask = X87_SW_COND;
            sh->pops = 2;
            return true;
        }
        return false;
    default:
        return false;
    }
}

/* Memory forms that run inline (arithmetic, compares, loads of every
 * format but BCD, stores but m80 and BCD: a 10-byte store across two
 * pages is probed first by the helper path). */
static bool x87_shape_mem(int b, int reg, X87Shape *sh)
{
    static const int arith_size[8] = { 4, 0, 4, 0, 8, 0, 2, 0 };

    *sh = x87_shape_none();
    if (!(b & 1)) {                             /* D8 DA DC DE */
        sh->mem = arith_size[b & 7];
        sh->reads[0] = 0;
        if (reg == 2 || reg == 3) {
            sh->cmask = X87_SW_COND;
            sh->pops = reg == 3;
        } else {
            sh->write = 0;
        }
        return true;
    }
    switch ((b & 7) * 8 + reg) {
    case 1 * 8 + 0: sh->mem = 4; break;         /* FLD m32 */
    case 3 * 8 + 0: sh->mem = 4; break;         /* FILD m32 */
    case 3 * 8 + 5: sh->mem = 10; break;        /* FLD m80 */
    case 5 * 8 + 0: sh->mem = 8; break;         /* FLD m64 */
    case 7 * 8 + 0: sh->mem = 2; break;         /* FILD m16 */
    case 7 * 8 + 5: sh->mem = 8; break;         /* FILD m64 */
    case 1 * 8 + 2: case 1 * 8 + 3:             /* FST(P) m32 */
    case 3 * 8 + 2: case 3 * 8 + 3:             /* FIST(P) m32 */
        sh->mem = 4;
        sh->store = true;
        break;
    case 5 * 8 + 2: case 5 * 8 + 3:             /* FST(P) m64 */
        sh->mem = 8;
        sh->store = true;
        break;
    case 7 * 8 + 2: case 7 * 8 + 3:             /* FIST(P) m16 */
        sh->mem = 2;
        sh->store = true;
        break;
    case 7 * 8 + 7: sh->mem = 8; sh->store = true; sh->pops = 1; break;
    default:
        return false;
    }
    if (sh->store) {
        sh->reads[0] = 0;
        sh->pops |= reg == 3;
    } else {
        sh->push = true;
    }
    return true;
}

/* ---- guest memory <-> env->ft0 ---- */

static void x87_gen_mem_to_ft0(DisasContext *s, TCGv_i32 addr, int size)
{
    TCGv_i32 t = tcg_temp_new_i32();
    TCGv_i64 t64 = tcg_temp_new_i64();

    if (size >= 8) {
        tcg_gen_guest_ld_i64(t64, addr, s->mmu_idx, MO_LEUQ);
        if (size == 10) {
            TCGv_i32 a8 = tcg_temp_new_i32();
            tcg_gen_addi_i32(a8, addr, 8);
            tcg_gen_guest_ld_i32(t, a8, s->mmu_idx, MO_LEUW);
            tcg_gen_st_i32(t, tcg_env(), XR_OFF(ft0) + 8, MO_16);
            tcg_temp_free_i32(a8);
        }
        tcg_gen_st_i64(t64, tcg_env(), XR_OFF(ft0), MO_64);
    } else {
        tcg_gen_guest_ld_i32(t, addr, s->mmu_idx,
                             size == 4 ? MO_LEUL : MO_LEUW);
        tcg_gen_st_i32(t, tcg_env(), XR_OFF(ft0), size == 4 ? MO_32 : MO_16);
    }
    tcg_temp_free_i32(t);
    tcg_temp_free_i64(t64);
}

static void x87_gen_ft0_to_mem(DisasContext *s, TCGv_i32 addr, int size)
{
    TCGv_i32 t = tcg_temp_new_i32();
    TCGv_i64 t64 = tcg_temp_new_i64();

    if (size >= 8) {
        tcg_gen_ld_i64(t64, tcg_env(), XR_OFF(ft0), MO_UQ);
        tcg_gen_guest_st_i64(t64, addr, s->mmu_idx, MO_LEUQ);
        if (size == 10) {
            TCGv_i32 a8 = tcg_temp_new_i32();
            tcg_gen_ld_i32(t, tcg_env(), XR_OFF(ft0) + 8, MO_UW);
            tcg_gen_addi_i32(a8, addr, 8);
            tcg_gen_guest_st_i32(t, a8, s->mmu_idx, MO_LEUW);
            tcg_temp_free_i32(a8);
        }
    } else {
        tcg_gen_ld_i32(t, tcg_env(), XR_OFF(ft0), size == 4 ? MO_UL : MO_UW);
        tcg_gen_guest_st_i32(t, addr, s->mmu_idx,
                             size == 4 ? MO_LEUL : MO_LEUW);
    }
    tcg_temp_free_i32(t);
    tcg_temp_free_i64(t64);
}

/* ---- runs ---- */

/* A code byte at pc if it lies in the page of the current instruction
 * (a look-ahead never touches another page). */
static bool x87_peek(DisasContext *s, uint32_t pc, int *v)
{
    if ((pc & ~(XR_PAGE - 1)) != (s->pc_start & ~(XR_PAGE - 1))) {
        return false;
    }
    *v = translator_ldub(s->cpu, &s->base, pc);
    return true;
}

/* ---- integer instructions inside a run ----
 * A run goes on across the integer instructions below (no prefix but a
 * segment override, 32-bit code): they neither read nor write the x87
 * state, call no helper that does (pure flag helpers at most; a fault in
 * their memory access is recovered like a run's load, x87_mark_insn), and
 * never end the block. Everything else ends the run before it. */

enum { XI_NO = -1, XI_PLAIN = 0, XI_MODRM = 1 };

/* Whether integer opcode b (0x1xx: 0F xx) needs a ModRM byte (XI_MODRM),
 * none (XI_PLAIN) or cannot join a run (XI_NO); *imm: immediate bytes. */
static int x87_int_form(int b, int *imm)
{
    *imm = 0;
    if (b < 0x40) {
        switch (b & 7) {
        case 0: case 1: case 2: case 3: return XI_MODRM;  /* ALU */
        case 4: *imm = 1; return XI_PLAIN;                /* ALU AL, ib */
        case 5: *imm = 4; return XI_PLAIN;                /* ALU EAX, id */
        default: return XI_NO;
        }
    }
    if (b < 0x60 || (b >= 0x140 && b < 0x150) || (b >= 0x190 && b < 0x1a0)) {
        return b < 0x60 ? XI_PLAIN : XI_MODRM;  /* INC DEC PUSH POP CMOV SET */
    }
    if (b >= 0xb0 && b < 0xc0) {                /* MOV r, imm */
        *imm = b < 0xb8 ? 1 : 4;
        return XI_PLAIN;
    }
    switch (b) {
    case 0x80: case 0x83: case 0xc0: case 0xc1: case 0xc6: case 0xf6:
        *imm = 1;
        return XI_MODRM;
    case 0x81: case 0xc7: case 0xf7:
        *imm = 4;
        return XI_MODRM;
    case 0x84: case 0x85: case 0x88: case 0x89: case 0x8a: case 0x8b:
    case 0x8d: case 0xd0: case 0xd1: case 0xd2: case 0xd3: case 0xfe:
    case 0xff: case 0x1af: case 0x1b6: case 0x1b7: case 0x1be: case 0x1bf:
        return XI_MODRM;
    case 0x90: case 0x98: case 0x99:
        return XI_PLAIN;
    case 0xa8: *imm = 1; return XI_PLAIN;
    case 0xa9: *imm = 4; return XI_PLAIN;
    default:
        return XI_NO;
    }
}

/* The ModRM restrictions of x87_int_form's opcodes (group members, LEA
 * with a memory operand); *imm corrected for TEST Ev, imm. */
static bool x87_int_modrm_ok(int b, int modrm, int *imm)
{
    int reg = (modrm >> 3) & 7;

    switch (b) {
    case 0x8d:
        return (modrm >> 6) != 3;
    case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3:
        return reg == 4 || reg == 5 || reg == 7;    /* SHL SHR SAR */
    case 0xc6: case 0xc7:
        return reg == 0;
    case 0xf6: case 0xf7:
        if (reg == 2 || reg == 3) {                 /* NOT NEG */
            *imm = 0;
            return true;
        }
        return reg == 0;                            /* TEST */
    case 0xfe: case 0xff:
        return reg < 2;                             /* INC DEC */
    default:
        return true;
    }
}

/* Bytes of ModRM, SIB and displacement (32-bit addressing) at pc, or 0
 * when they are not all on this page. */
static int x87_modrm_len(DisasContext *s, uint32_t pc, int modrm)
{
    int mod = modrm >> 6, rm = modrm & 7, sib, len = 1;

    if (mod == 3) {
        return 1;
    }
    if (rm == 4) {
        if (!x87_peek(s, pc + 1, &sib)) {
            return 0;
        }
        len += 1 + (mod == 0 && (sib & 7) == 5 ? 4 : 0);
    } else if (mod == 0 && rm == 5) {
        len += 4;
    }
    return len + (mod == 1 ? 1 : mod == 2 ? 4 : 0);
}

bool x87_run_continues(DisasContext *s, int b)
{
    int imm, modrm;
    int form = x87_int_form(b, &imm);

    if (!x87_run.active || form == XI_NO ||
        s->prefixes != 0 || !s->code32) {
        return false;
    }
    if (form == XI_MODRM) {
        modrm = translator_ldub(s->cpu, &s->base, s->base.pc_next);
        if (!x87_int_modrm_ok(b, modrm, &imm)) {
            return false;
        }
    }
    x87_mark_insn(s);
    return true;
}

/* The length of the instruction at pc if it is an integer instruction
 * that may sit in a run (all on this page), else 0. */
static int x87_int_len(DisasContext *s, uint32_t pc)
{
    int b, imm, modrm, form, len = 1, ml;

    if (!s->code32 || !x87_peek(s, pc, &b)) {
        return 0;
    }
    if (b == 0x0f) {
        if (!x87_peek(s, pc + 1, &b)) {
            return 0;
        }
        b |= 0x100;
        len = 2;
    }
    form = x87_int_form(b, &imm);
    if (form == XI_NO) {
        return 0;
    }
    if (form == XI_MODRM) {
        if (!x87_peek(s, pc + len, &modrm) ||
            !x87_int_modrm_ok(b, modrm, &imm) ||
            !(ml = x87_modrm_len(s, pc + len, modrm))) {
            return 0;
        }
        len += ml;
    }
    len += imm;
    return x87_peek(s, pc + len - 1, &b) ? len : 0;
}

/* Deepest guest register the run starting here reads from the registers
 * it found (a hint for the first window; decoding stops at the first
 * instruction that does not run inline or at the end of the page). */
static int x87_scan_need(DisasContext *s, int b, int modrm)
{
    uint32_t pc = s->base.pc_next;      /* past the current instruction */
    int cur = 0, need = 0;

    for (int n = 0; n < 32; n++) {
        X87Shape sh;
        int reg = (modrm >> 3) & 7, mod = modrm >> 6, rm = modrm & 7, len;
        bool ok = mod == 3 ? x87_shape_reg(b, reg, rm, &sh)
                           : x87_shape_mem(b, reg, &sh);
        if (!ok) {
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (sh.reads[i] >= 0 && sh.reads[i] - cur + 1 > need) {
                need = sh.reads[i] - cur + 1;
            }
        }
        if (sh.write >= 0 && sh.write - cur + 1 > need) {
            need = sh.write - cur + 1;
        }
        cur += sh.push - sh.pops;
        if (n > 0) {                            /* skip SIB and disp */
            len = x87_modrm_len(s, pc - 1, modrm);
            if (!len) {
                break;
            }
            pc += len - 1;
        }
        while ((len = x87_int_len(s, pc)) > 0) {
            pc += len;
        }
        if (!x87_peek(s, pc, &b) || b < 0xd8 || b > 0xdf ||
            !x87_peek(s, pc + 1, &modrm)) {
            break;
        }
        pc += 2;
    }
    return need > XR_MAX_DEPTH ? XR_MAX_DEPTH : need;
}

static void x87_gen_run_begin(DisasContext *s, int b, int modrm)
{
    TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
    TCGLabel *skip = gen_new_label(), *noclr = gen_new_label();

    x87_run = (X87Run){ .active = true };
    tcg_gen_ld_i32(t, tcg_env(), XR_OFF(fpuc), MO_UW);
    tcg_gen_andi_i32(t, t, X87_SW_EXC);
    tcg_gen_setcondi_i32(TCG_COND_EQ, t, t, X87_SW_EXC);
    tcg_gen_st_i32(t, tcg_env(), XR_OFF(fp_run_fast), MO_8);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, skip);
    /* Host flags the guest has not: clear them (after FNCLEX, ...). */
    tcg_gen_ld_i32(t, tcg_env(), XR_OFF(fp_host_flags), MO_UW);
    tcg_gen_ld_i32(u, tcg_env(), XR_OFF(fpus), MO_UW);
    tcg_gen_andc_i32(t, t, u);
    tcg_gen_andi_i32(t, t, X87_SW_EXC);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, noclr);
    x87_host(0xdb, 4, 2);                                       /* fnclex */
    gen_set_label(noclr);
    /* Unknown until the run ends (it may fault half-way). */
    tcg_gen_st_i32(tcg_constant_i32(X87_SW_EXC), tcg_env(),
                   XR_OFF(fp_host_flags), MO_16);
    x87_host(0x77, TCG_X87_NO_MODRM | TCG_X87_0F, 0);            /* emms */
    x87_host_mem(x87_env(), 0xd9, 5, XR_OFF(fpuc));             /* fldcw */
    gen_set_label(skip);
    tcg_temp_free_i32(t);
    tcg_temp_free_i32(u);
    x87_run.need = x87_scan_need(s, b, modrm);
}

void x87_gen_run_end(DisasContext *s)
{
    TCGv_i32 t;
    TCGLabel *skip;

    if (!x87_run.active) {
        return;
    }
    t = tcg_temp_new_i32();
    skip = gen_new_label();
    tcg_gen_ld_i32(t, tcg_env(), XR_OFF(fp_run_fast), MO_UB);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, skip);
    x87_gen_leave_fast(&x87_run);
    gen_set_label(skip);
    tcg_temp_free_i32(t);
    x87_run.active = false;
}

/* The instruction being translated: what x87_run_prepare decided. */
static struct {
    bool inline_;
    X87Shape sh;
} x87_cur;

/* The fast path up to the instruction's memory operand checks: the
 * window, the push check, and env made restorable at a fault in them or
 * in the guest access (write-back before a store; restore data for a
 * load). A failing check leaves the fast path (fp_run_fast = 0). */
static void x87_gen_fast_pre(DisasContext *s, const X87Shape *sh)
{
    TCGLabel *pre_done = gen_new_label();
    TCGv_i32 t = tcg_temp_new_i32();
    int need = 0;

    tcg_gen_ld_i32(t, tcg_env(), XR_OFF(fp_run_fast), MO_UB);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, pre_done);
    tcg_temp_free_i32(t);
    for (int i = 0; i < 2; i++) {
        if (sh->reads[i] + 1 > need) {
            need = sh->reads[i] + 1;
        }
    }
    if (sh->write + 1 > need) {
        need = sh->write + 1;
    }
    if (x87_run.need > need && x87_run.depth == 0 &&
        x87_run.need + sh->push <= XR_MAX_DEPTH) {
        need = x87_run.need;
    }
    x87_run.need = 0;
    if (need > x87_run.depth) {
        x87_gen_window(need, pre_done);
    }
    if (sh->push) {
        x87_gen_push_check(pre_done);
    }
    if (sh->store && softmmu_enabled) {
        /* The host store runs before the guest store, which may fault:
         * the status word goes to env first (the store changes C1 and
         * flags), the registers stay on the host; the recovery knows
         * that ST(0) may be popped already. */
        x87_gen_sync_status(&x87_run);
        x87_mark_insn_popped(s, sh->pops > 0);
    } else if (sh->mem) {
        /* linux-user stores: probed before the host store (x87_gen_fast),
         * so they fault where a load does. */
        x87_mark_insn(s);
    }
    gen_set_label(pre_done);
}

/* linux-user: the write check of a guest store of size bytes at addr,
 * before the host x87 computes the value, so that the store cannot fault
 * after it: a page the flags call writable, else an atomic write probe
 * (both pages, in order, when it crosses), which faults where a load of
 * the run does. Another thread making the page read-only between the
 * check and the store would fault the store after the host store; that
 * race is not recovered exactly (docs/x87.md). */
static void x87_gen_probe(TCGv_i64 p, TCGv_i32 addr)
{
    tcg_gen_extu_i32_i64(p, addr);
    tcg_gen_x87(temp_tcgv_ptr(tcgv_i64_temp(p)), 0, TCG_X87_PROBE, 0);
}

static void x87_gen_store_check(TCGv_i32 addr, int size)
{
    TCGv_i64 p = tcg_temp_new_i64();
    TCGv_i32 t = tcg_temp_new_i32();
    TCGLabel *probe = gen_new_label(), *done = gen_new_label();

    tcg_gen_andi_i32(t, addr, XR_PAGE - 1);
    tcg_gen_brcondi_i32(TCG_COND_GTU, t, XR_PAGE - size, probe);
    tcg_gen_shri_i32(t, addr, TARGET_PAGE_BITS);
    tcg_gen_extu_i32_i64(p, t);
    tcg_gen_addi_i64(p, p, (int64_t)(uintptr_t)page_flags_table());
    tcg_gen_ld_i32(t, temp_tcgv_ptr(tcgv_i64_temp(p)), 0, MO_UB);
    tcg_gen_andi_i32(t, t, PAGE_WRITE);
    tcg_gen_brcondi_i32(TCG_COND_NE, t, 0, done);
    gen_set_label(probe);
    x87_gen_probe(p, addr);
    tcg_gen_andi_i32(t, addr, XR_PAGE - 1);
    tcg_gen_brcondi_i32(TCG_COND_LEU, t, XR_PAGE - size, done);
    tcg_gen_addi_i32(t, addr, size - 1);
    tcg_gen_andi_i32(t, t, ~(XR_PAGE - 1));
    x87_gen_probe(p, t);
    gen_set_label(done);
    tcg_temp_free_i64(p);
    tcg_temp_free_i32(t);
}

/* FCOMI/FUCOMI(P) in a run: the host compares with FCOM/FUCOM, which
 * raises the same exceptions, and the guest's EFLAGS come from its C0 C2
 * C3 (host C3 C2 C0 = ZF PF CF of FCOMI). FCOM writes C0..C3, which the
 * guest's FCOMI leaves: the status word is written back before it, and
 * only the exception flags are taken after it. */
static void x87_gen_fcomi_fast(DisasContext *s, int b, int modrm,
                               const X87Shape *sh)
{
    int rm = modrm & 7;
    bool unordered = ((modrm >> 3) & 7) == 5;
    TCGv_i32 sw = tcg_temp_new_i32(), t = tcg_temp_new_i32();
    TCGv_i32 us = tcg_temp_new_i32();

    x87_gen_sync_status(&x87_run);
    if (unordered) {
        x87_host(0xdd, 4, rm);                                  /* fucom */
    } else {
        x87_host(0xd8, 2, rm);                                  /* fcom */
    }
    x87_host_mem(x87_env(), 0xdd, 7, XR_OFF(fp_host_sw));       /* fnstsw */
    tcg_gen_ld_i32(sw, tcg_env(), XR_OFF(fp_host_sw), MO_UW);
    tcg_gen_andi_i32(t, sw, X87_SW_EXC);
    tcg_gen_ld_i32(us, tcg_env(), XR_OFF(fpus), MO_UW);
    tcg_gen_or_i32(us, us, t);
    tcg_gen_st_i32(us, tcg_env(), XR_OFF(fpus), MO_16);
    tcg_gen_shri_i32(sw, sw, 8);
    tcg_gen_andi_i32(sw, sw, 0x45);             /* C3 C2 C0 -> ZF PF CF */
    x86_set_cc_eflags(s, sw);
    if (sh->pops) {
        /* FSTP ST(0) of a valid register raises nothing; its C1 is not
         * in the mask: the status word in env stays exact. */
        x87_gen_store_popped(&x87_run, 1);
        x87_host(0xdd, 3, 0);                                   /* fstp st0 */
        x87_model_pop();
    }
    tcg_temp_free_i32(sw);
    tcg_temp_free_i32(t);
    tcg_temp_free_i32(us);
}

/* The rest of the fast path: the host instruction and the guest access. */
static void x87_gen_fast(DisasContext *s, int b, int modrm,
                         const X87Shape *sh, TCGv_i32 addr)
{
    int reg = (modrm >> 3) & 7;

    if (sh->fcomi) {
        x87_gen_fcomi_fast(s, b, modrm, sh);
        return;
    }
    if (sh->store && !softmmu_enabled) {
        x87_gen_store_check(addr, sh->mem);
    }

    if (sh->pops) {
        x87_gen_store_popped(&x87_run, sh->pops);
    }
    if (sh->mem) {
        if (!sh->store) {
            x87_gen_mem_to_ft0(s, addr, sh->mem);
        }
        x87_host_mem(x87_env(), b, reg, XR_OFF(ft0));
    } else {
        x87_host(b, reg, modrm & 7);
    }
    x87_run.ops = true;
    x87_run.cmask |= sh->cmask;
    if (sh->push) {
        x87_model_push();
    }
    if (sh->write >= 0) {
        x87_run.dirty |= 1u << sh->write;
        if ((b & 7) == 1 && reg == 1) {
            x87_run.dirty |= 1;                 /* FXCH writes both */
        }
    }
    for (int i = 0; i < sh->pops; i++) {
        x87_model_pop();
    }
    if (sh->store) {
        x87_gen_ft0_to_mem(s, addr, sh->mem);
    }
}

/* Whether the instruction can run inline now (the caller has done the
 * pending-exception check and the FIP/FDP records). */
static bool x87_run_fits(const X87Shape *sh)
{
    int depth = x87_run.depth;
    int deepest = sh->reads[0] > sh->reads[1] ? sh->reads[0] : sh->reads[1];

    if (deepest < sh->write) {
        deepest = sh->write;
    }
    if (deepest + 1 > depth) {
        depth = deepest + 1;
    }
    return depth + sh->push <= XR_MAX_DEPTH;
}

void x87_run_reset(void)
{
    x87_run.active = false;
}

/* The instruction's shape (x87_shape_reg/mem), if it runs inline. Not
 * the forms that write their result into the register they pop ("op and
 * pop into ST(0)"): the popped result stays in its physical register on
 * the CPU, and only the helpers keep it there. */
static bool x87_shape(int b, int modrm, X87Shape *sh)
{
    int reg = (modrm >> 3) & 7;
    bool ok = (modrm >> 6) == 3 ? x87_shape_reg(b, reg, modrm & 7, sh)
                                : x87_shape_mem(b, reg, sh);

    return ok && !(sh->pops && sh->write == 0);
}

bool x87_run_shape(int b, int modrm)
{
    X87Shape sh;

    return tcg_has_host_x87() && x87_shape(b, modrm, &sh);
}

bool x87_run_prepare(DisasContext *s, int b, int modrm)
{
    X87Shape *sh = &x87_cur.sh;

    x87_cur.inline_ = false;
    if (!tcg_has_host_x87()) {
        return false;
    }
    if (!x87_shape(b, modrm, sh)) {
        x87_gen_run_end(s);
        return false;
    }
    if (x87_run.active && !x87_run_fits(sh)) {
        x87_gen_run_end(s);
    }
    if (!x87_run_fits(sh)) {
        return false;
    }
    if (!x87_run.active) {
        x87_gen_run_begin(s, b, modrm);
    }
    x87_gen_fast_pre(s, sh);
    x87_cur.inline_ = true;
    return true;
}

void x87_run_emit(DisasContext *s, int b, int modrm, TCGv_i32 addr,
                  void (*gen_slow)(DisasContext *s, int b, int modrm,
                                   TCGv_i32 addr))
{
    TCGLabel *slow = gen_new_label(), *done = gen_new_label();
    TCGv_i32 t = tcg_temp_new_i32();

    assert(x87_cur.inline_);
    tcg_gen_ld_i32(t, tcg_env(), XR_OFF(fp_run_fast), MO_UB);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, slow);
    tcg_temp_free_i32(t);
    x87_gen_prologue(s, b, modrm, addr);
    x87_gen_fast(s, b, modrm, &x87_cur.sh, addr);
    tcg_gen_br(done);
    gen_set_label(slow);
    x87_gen_prologue(s, b, modrm, addr);
    gen_slow(s, b, modrm, addr);
    gen_set_label(done);
    x87_cur.inline_ = false;
}
