/*
 * Inline x87 runs (x86-64 JIT only): simple x87 instructions run as the
 * same host x87 instructions on the live host FPU, which holds the
 * guest's whole x87 state across instructions, blocks and chained jumps
 * until C code needs env (docs/x87.md, "The live host FPU").
 */
#include <assert.h>
#include <stddef.h>
#include "exec/softmmu.h"
#include "target-i386/translate-int.h"
#include "target-i386/x87.h"

#define XR_OFF(field) ((intptr_t)offsetof(CPUX86State, field))

/* Whether the current block has checked (or entered) the live FPU since
 * its last instruction that may have left it. */
static bool x87_run_active;

/* The pointer records of the run (FIP FOP FCS FDP FDS, docs/x87.md): an
 * inline instruction's FDP is stored after its guest access; its FIP,
 * FOP, FCS and FDS wait until the run ends, and until then the insn data
 * of every later instruction of the run say what they are
 * (x87_live_recover). */
static struct {
    bool pending;       /* FIP, FOP (and FCS) of the run's last x87 insn */
    uint32_t ip;
    uint16_t op;
    int ds_seg;         /* FDS: the segment of its last memory operand */
} x87_rec;

/* An instruction that runs inline: its memory operand (bytes, 0 for a
 * register form), whether it is a store and whether that pops (system
 * mode's store recovery), whether it is FCOMI-like (EFLAGS). The host
 * executes it as it is, so nothing else about it matters. */
typedef struct X87Shape {
    int mem;
    bool store;
    bool pops;
    bool fcomi;
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

static void x87_gen_if_live(TCGCond cond, TCGLabel *l)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_ld_i32(t, tcg_env(), XR_OFF(fp_live), MO_UB);
    tcg_gen_brcondi_i32(cond, t, 0, l);
    tcg_temp_free_i32(t);
}

/* Stores the waiting records: something may look at env from here on. */
static void x87_rec_flush(void)
{
    TCGv_i32 t;

    if (x87_rec.pending) {
        t = tcg_temp_new_i32();
        tcg_gen_st_i32(tcg_constant_i32(x87_rec.ip), tcg_env(), XR_OFF(fpip), MO_32);
        tcg_gen_st_i32(tcg_constant_i32(x87_rec.op), tcg_env(), XR_OFF(fpop), MO_16);
        tcg_gen_ld_i32(t, tcg_env(), XR_OFF(segs[R_CS].selector), MO_UW);
        tcg_gen_st_i32(t, tcg_env(), XR_OFF(fpcs), MO_16);
        tcg_temp_free_i32(t);
        x87_rec.pending = false;
    }
    if (x87_rec.ds_seg >= 0) {
        t = tcg_temp_new_i32();
        tcg_gen_ld_i32(t, tcg_env(), XR_OFF(segs[x87_rec.ds_seg].selector), MO_UW);
        tcg_gen_st_i32(t, tcg_env(), XR_OFF(fpds), MO_16);
        tcg_temp_free_i32(t);
        x87_rec.ds_seg = -1;
    }
}

/* The current instruction's insn data: the waiting records (its own
 * when it is an inline x87 instruction); they are stored instead when
 * FIP is too far back for the data. */
static void x87_rec_mark(DisasContext *s)
{
    TCGOp *op = &tcg_ctx->ops[s->insn_start_idx];
    uint32_t delta = s->pc_start - s->cs_base - x87_rec.ip, d = 0;

    if (x87_rec.pending && delta > X87R_IP_DELTA_MAX) {
        x87_rec_flush();
    }
    if (x87_rec.pending) {
        d |= X87R_REC | (uint32_t)x87_rec.op << X87R_FOP_SHIFT |
             delta << X87R_IP_DELTA_SHIFT;
    }
    if (x87_rec.ds_seg >= 0) {
        d |= (uint32_t)(x87_rec.ds_seg + 1) << X87R_DS_SHIFT;
    }
    assert(op->opc == INDEX_op_insn_start);
    op->args[0] |= (TCGArg)d << X87_RUN_DATA0_SHIFT;
}

/* An inline instruction: a fault in it leaves the pointers of the one
 * before (SDM vol. 1, 8.1.8: those of the last instruction executed), so
 * its insn data carry the waiting records; then its own wait. */
static void x87_rec_insn(DisasContext *s, int b, int modrm)
{
    x87_rec_mark(s);
    x87_rec.pending = true;
    x87_rec.ip = s->pc_start - s->cs_base;
    x87_rec.op = ((b & 7) << 8) | modrm;
}

/* After an inline instruction's guest access: its FDP; FDS waits. */
static void x87_rec_dp(DisasContext *s, TCGv_i32 addr)
{
    tcg_gen_st_i32(addr, tcg_env(), XR_OFF(fpdp), MO_32);
    x87_rec.ds_seg = s->modrm_seg;
}

void x87_gen_sync(DisasContext *s)
{
    TCGLabel *done = gen_new_label();

    x87_gen_run_end(s);

    x87_gen_if_live(TCG_COND_EQ, done);
    tcg_gen_call1(&x87_info_live_save, NULL, tcg_env());
    gen_set_label(done);
    x87_run_active = false;
}

/* A system-mode store: the host store runs before the guest store, which
 * may fault; the insn data say so and the status word before it is in
 * env->fp_host_sw (x87_live_recover). */
static void x87_mark_insn_store(DisasContext *s, bool popped)
{
    TCGOp *op = &tcg_ctx->ops[s->insn_start_idx];
    uint32_t d = X87R_STORE | (popped ? X87R_POPPED : 0);

    assert(op->opc == INDEX_op_insn_start);
    op->args[0] |= (TCGArg)d << X87_RUN_DATA0_SHIFT;
}

/* ---- which instructions run inline ---- */

static bool x87_arith_reg(int reg)
{
    return reg <= 1 || reg >= 4;
}

/* Register forms that run inline; fills *sh. */
static bool x87_shape_reg(int b, int reg, int rm, X87Shape *sh)
{
    *sh = (X87Shape){ 0 };
    switch (b & 7) {
    case 0:                 /* D8: ST(0) op= ST(i), FCOM(P) */
        return true;
    case 4:                 /* DC: ST(i) op= ST(0) */
    case 6:                 /* DE: ... and pop; FCOMPP */
        return x87_arith_reg(reg) || ((b & 7) == 6 && reg == 3 && rm == 1);
    case 1:                 /* FLD ST(i), FXCH, FCHS FABS, FTST, FLD1..FLDZ, FSQRT */
        return reg == 0 || reg == 1 || (reg == 4 && (rm <= 1 || rm == 4)) ||
               (reg == 5 && rm != 7) || (reg == 7 && rm == 2);
    case 5:                 /* FST(P) ST(i), FUCOM(P) */
        return reg >= 2 && reg <= 5;
    case 3:
    case 7:                 /* F(U)COMI, F(U)COMIP */
        sh->fcomi = true;
        return reg == 5 || reg == 6;
    case 2:                 /* FUCOMPP */
        return reg == 5 && rm == 1;
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

    *sh = (X87Shape){ 0 };
    if (!(b & 1)) {                             /* D8 DA DC DE */
        sh->mem = arith_size[b & 7];
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
    case 7 * 8 + 7:                             /* FISTP m64 */
        sh->mem = 8;
        sh->store = true;
        sh->pops = true;
        break;
    default:
        return false;
    }
    sh->pops |= sh->store && reg == 3;
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

/* ---- integer instructions inside a run ----
 * A run goes on across the integer instructions below (no prefix but a
 * segment override, 32-bit code): they neither read nor write the x87
 * state and call no helper that does (pure flag helpers at most), so the
 * live FPU stays live across them. Everything else ends the run (the
 * next x87 instruction checks fp_live again). */

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

bool x87_run_continues(DisasContext *s, int b)
{
    int imm, modrm;
    int form = x87_int_form(b, &imm);

    if (!x87_run_active || form == XI_NO ||
        s->prefixes != 0 || !s->code32) {
        return false;
    }
    if (form == XI_MODRM) {
        modrm = translator_ldub(s->cpu, &s->base, s->base.pc_next);
        if (!x87_int_modrm_ok(b, modrm, &imm)) {
            return false;
        }
    }
    x87_rec_mark(s);            /* it may fault */
    return true;
}

/* The run's one check: enter the live FPU unless it is live (the block
 * flag HF_X87_MASKED_MASK says that every exception is masked). */
static void x87_gen_run_begin(void)
{
    TCGLabel *live = gen_new_label();

    x87_gen_if_live(TCG_COND_NE, live);
    tcg_gen_call1(&x87_info_live_enter, NULL, tcg_env());
    gen_set_label(live);
    x87_run_active = true;
    x87_rec.pending = false;
    x87_rec.ds_seg = -1;
}

void x87_gen_run_end(DisasContext *s)
{
    if (x87_run_active) {
        x87_rec_flush();
    }
    x87_run_active = false;
}

/* The instruction being translated: what x87_run_prepare decided. */
static struct {
    bool inline_;
    X87Shape sh;
} x87_cur;

/* FCOMI/FUCOMI(P) in a run: the host instruction itself, its EFLAGS
 * (ZF PF CF) saved to env->ft0 (pushfq; pop) for the guest's. */
static void x87_gen_fcomi_fast(DisasContext *s, int b, int modrm)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_x87(x87_env(), b, TCG_X87_EFLAGS | ((modrm >> 3) & 7),
                (XR_OFF(ft0) << 3) | (modrm & 7));
    tcg_gen_ld_i32(t, tcg_env(), XR_OFF(ft0), MO_UL);
    tcg_gen_andi_i32(t, t, 0x45);               /* ZF PF CF */
    x86_set_cc_eflags(s, t);
    tcg_temp_free_i32(t);
}

/* The fast path: the host instruction and the guest access. */
static void x87_gen_fast(DisasContext *s, int b, int modrm,
                         const X87Shape *sh, TCGv_i32 addr)
{
    int reg = (modrm >> 3) & 7;

    if (sh->fcomi) {
        x87_gen_fcomi_fast(s, b, modrm);
        return;
    }
    if (sh->mem && !softmmu_enabled) {
        /* linux-user: the host instruction on the guest's memory; a
         * fault there is precise (the host FPU is as before it). */
        tcg_gen_x87_guest(addr, b, reg);
        x87_rec_dp(s, addr);
        return;
    }
    if (sh->store) {
        x87_host_mem(x87_env(), 0xdd, 7, XR_OFF(fp_host_sw));   /* fnstsw */
    }
    if (sh->mem) {
        if (!sh->store) {
            x87_gen_mem_to_ft0(s, addr, sh->mem);
        }
        x87_host_mem(x87_env(), b, reg, XR_OFF(ft0));
    } else {
        x87_host(b, reg, modrm & 7);
    }
    if (sh->store) {
        x87_gen_ft0_to_mem(s, addr, sh->mem);
    }
    if (sh->mem) {
        x87_rec_dp(s, addr);
    }
}

void x87_run_reset(void)
{
    x87_run_active = false;
    x87_rec.pending = false;
    x87_rec.ds_seg = -1;
}

static bool x87_shape(int b, int modrm, X87Shape *sh)
{
    int reg = (modrm >> 3) & 7;

    return (modrm >> 6) == 3 ? x87_shape_reg(b, reg, modrm & 7, sh)
                             : x87_shape_mem(b, reg, sh);
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
    if (!tcg_has_host_x87() || !(s->tb_flags & HF_X87_MASKED_MASK)) {
        return false;
    }
    if (!x87_shape(b, modrm, sh)) {
        x87_gen_run_end(s);
        return false;
    }
    if (!x87_run_active) {
        x87_gen_run_begin();
    }
    if (sh->store && softmmu_enabled) {
        x87_mark_insn_store(s, sh->pops);
    }
    x87_rec_insn(s, b, modrm);
    x87_cur.inline_ = true;
    return true;
}

void x87_run_emit(DisasContext *s, int b, int modrm, TCGv_i32 addr)
{
    assert(x87_cur.inline_);
    x87_gen_fast(s, b, modrm, &x87_cur.sh, addr);
    x87_cur.inline_ = false;
}

/* After FLDCW, FLDENV, FRSTOR (FXRSTOR: x86_sse_end_block_after_mxcsr):
 * HF_X87_MASKED_MASK may change, so the next block is looked up. */
void x87_end_block_after_cw(DisasContext *s)
{
    s->base.is_jmp = (DisasJumpType)DISAS_EOB_NEXT;
    s->base.tb_flags_may_change = true;
}

/* FLDCW: on the live FPU a control word with every exception masked goes
 * to the host and to env->fpuc (which stays canonical while live); any
 * other goes through the helper, which syncs first. */
void x87_gen_fldcw(DisasContext *s, TCGv_i32 cw)
{
    TCGLabel *slow = gen_new_label(), *done = gen_new_label();
    TCGv_i32 t = tcg_temp_new_i32();

    if (tcg_has_host_x87() && (s->tb_flags & HF_X87_MASKED_MASK)) {
        x87_gen_if_live(TCG_COND_EQ, slow);
        tcg_gen_andi_i32(t, cw, X87_SW_EXC);
        tcg_gen_brcondi_i32(TCG_COND_NE, t, X87_SW_EXC, slow);
        tcg_gen_andi_i32(t, cw, 0x1f3f);
        tcg_gen_ori_i32(t, t, 0x40);
        tcg_gen_st_i32(t, tcg_env(), XR_OFF(fpuc), MO_16);
        x87_host_mem(x87_env(), 0xd9, 5, XR_OFF(fpuc));         /* fldcw */
        tcg_gen_br(done);
    }
    gen_set_label(slow);
    tcg_gen_call2(&x87_info_fldcw, NULL, tcg_env(), cw);
    gen_set_label(done);
    tcg_temp_free_i32(t);
    x87_end_block_after_cw(s);
}

/* FNSTSW: the host's status word when live, else the helper's. */
void x87_gen_fnstsw(DisasContext *s, TCGv_i32 ret)
{
    TCGLabel *slow = gen_new_label(), *done = gen_new_label();

    if (tcg_has_host_x87() && (s->tb_flags & HF_X87_MASKED_MASK)) {
        x87_gen_if_live(TCG_COND_EQ, slow);
        x87_host_mem(x87_env(), 0xdd, 7, XR_OFF(fp_host_sw));   /* fnstsw */
        tcg_gen_ld_i32(ret, tcg_env(), XR_OFF(fp_host_sw), MO_UW);
        tcg_gen_br(done);
    }
    gen_set_label(slow);
    tcg_gen_call1(&x87_info_fnstsw, tcgv_i32_temp(ret), tcg_env());
    gen_set_label(done);
}
