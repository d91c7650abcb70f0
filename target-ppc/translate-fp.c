/*
 * PowerPC floating point: the arithmetic of opcodes 59 (single) and 63
 * (double) through the helpers of fpu_helper.c, moves and sign ops inline,
 * FPSCR access, and the FP loads and stores.
 */
#include <stddef.h>

#include "target-ppc/translate.h"
#include "target-ppc/helper.h"
#include "target-ppc/fpu_internal.h"

/* Rc=1 on FP ops: CR1 = FPSCR[FX FEX VX OX]. */
static void gen_set_cr1(DisasContext *ctx)
{
    if (!ppc_rc(ctx->insn)) {
        return;
    }
    TCGv_i32 t = tcg_temp_ebb_new_i32();
    tcg_gen_ld_i32(t, tcg_env(), offsetof(CPUPPCState, fpscr), MO_32);
    tcg_gen_shri_i32(cpu_crf[1], t, 28);
    tcg_temp_free_i32(t);
}

/* The helper info for an FP op. In a block where an FP exception is
 * enabled, the raising variant, with the target FPR and record bit stored
 * for fpu_exc.c (which may leave frD unchanged or raise the interrupt). */
static TCGHelperInfo *fp_helper(DisasContext *ctx, TCGHelperInfo *info, int frd)
{
    if (!ctx->fpexc) {
        return info;
    }
    tcg_gen_st_i32(tcg_constant_i32(frd | (ppc_rc(ctx->insn) ? 0x100 : 0)), tcg_env(),
                   offsetof(CPUPPCState, fp_dest), MO_32);
    return ppc_fp_raising_helper(info);
}

/* After an FPSCR move that may change an enable bit (VE OE UE ZE XE,
 * bits 24-28) in a block with PPC_TBF_FPEXC: the block ends, as the flag
 * depends on them. (Blocks without it check their flags after each FP
 * instruction instead, see fp_gen_flags_check.) */
static void fp_end_block_if_enables(DisasContext *ctx, bool may_change)
{
    if (may_change && ctx->fpexc) {
        ppc_gen_store_nip(ctx->pc + 4);
        ctx->base.is_jmp = (DisasJumpType)PPC_DISAS_EXIT;
        ctx->base.tb_flags_may_change = true;
    }
}

/* In a block without PPC_TBF_FPEXC, after an FP instruction that may have
 * changed the flags PPC_TBF_FPEXC/PPC_TBF_FPFAST (an FPSCR move; in a
 * block that is not in the fast state, also any op, which may set XX):
 * if they changed, the rest runs from the CPU loop, so that this block's
 * exits, chained to blocks of its own flags, are taken only while the
 * flags hold. */
static void fp_gen_flags_check(DisasContext *ctx)
{
    TCGv_i32 t = tcg_temp_ebb_new_i32(), u = tcg_temp_ebb_new_i32();
    TCGLabel *same = gen_new_label();

    tcg_gen_ld_i32(t, tcg_env(), offsetof(CPUPPCState, fpscr), MO_32);
    tcg_gen_andi_i32(u, t, PPC_FPSCR_FAST_MASK);
    if (ctx->fpfast) {
        tcg_gen_brcondi_i32(TCG_COND_EQ, u, PPC_FPSCR_FAST, same);
    } else {
        TCGLabel *changed = gen_new_label();
        tcg_gen_brcondi_i32(TCG_COND_EQ, u, PPC_FPSCR_FAST, changed);
        tcg_gen_andi_i32(u, t, FPSCR_ENABLES);
        tcg_gen_brcondi_i32(TCG_COND_EQ, u, 0, same);
        gen_set_label(changed);
    }
    ppc_gen_store_nip(ctx->pc + 4);
    tcg_gen_exit_tb(0);
    gen_set_label(same);
    tcg_temp_free_i32(t);
    tcg_temp_free_i32(u);
}

static void gen_fp_call(DisasContext *ctx, TCGHelperInfo *info, int frd, TCGv_i64 a,
                        TCGv_i64 b)
{
    info = fp_helper(ctx, info, frd);
    if (b) {
        tcg_gen_call3(info, tcgv_i64_temp(cpu_fpr[frd]), tcg_env(), a, b);
    } else {
        tcg_gen_call2(info, tcgv_i64_temp(cpu_fpr[frd]), tcg_env(), a);
    }
}

/*
 * The inline fast path of the double-precision add, subtract, multiply,
 * divide and multiply-add forms, in blocks with PPC_TBF_FPFAST
 * (round-to-nearest, XX already set, no exception enabled): an op whose
 * result is a normal number above the smallest binade raised nothing new
 * (an invalid operation, overflow or zero divide gives a NaN or an
 * infinity, an underflow a tiny result), so it runs as one host
 * instruction and leaves FI/FR/FPRF to ppc_fpscr_get through the fp_last
 * record. That record is stored only before something that could read
 * FPSCR (a helper, a memory access that may fault, the block's end):
 * a following FP op replaces it. Any other result leaves the block
 * through a slow path placed after its exits, where the helper does the
 * whole op and execution continues at the next instruction.
 */
typedef struct FpInline {
    FpKind kind;
    TCGv_i64 a, b, c;          /* as the host evaluates them; c for OP_FMA */
} FpInline;

static void gen_fp_inline_result(TCGv_i64 r, const FpInline *f)
{
    switch (f->kind) {
    case OP_ADD: tcg_gen_fadd_f64(r, f->a, f->b); break;
    case OP_SUB: tcg_gen_fsub_f64(r, f->a, f->b); break;
    case OP_MUL: tcg_gen_fmul_f64(r, f->a, f->b); break;
    case OP_DIV: tcg_gen_fdiv_f64(r, f->a, f->b); break;
    default: tcg_gen_fma_f64(r, f->a, f->b, f->c); break;
    }
}

static TCGv_i64 fp_copy(TCGv_i64 v)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_mov_i64(t, v);
    return t;
}

static void fp_record_drop(DisasContext *ctx)
{
    PpcFpRecord *r = &ctx->fprec;
    if (r->valid) {
        tcg_temp_free_i64(r->a);
        tcg_temp_free_i64(r->b);
        if (r->c) {
            tcg_temp_free_i64(r->c);
        }
        tcg_temp_free_i64(r->r);
        r->valid = false;
    }
}

void ppc_fp_flush_record(DisasContext *ctx)
{
    PpcFpRecord *r = &ctx->fprec;
    if (!r->valid) {
        return;
    }
    tcg_gen_st_i32(tcg_constant_i32((1 + r->kind) | PPC_FP_LAST_FPRF), tcg_env(),
                   offsetof(CPUPPCState, fp_last.pending), MO_32);
    tcg_gen_st_i64(r->a, tcg_env(), offsetof(CPUPPCState, fp_last.a), MO_64);
    tcg_gen_st_i64(r->b, tcg_env(), offsetof(CPUPPCState, fp_last.b), MO_64);
    if (r->c) {
        tcg_gen_st_i64(r->c, tcg_env(), offsetof(CPUPPCState, fp_last.c), MO_64);
    }
    tcg_gen_st_i64(r->r, tcg_env(), offsetof(CPUPPCState, fp_last.r), MO_64);
    fp_record_drop(ctx);
}

/*
 * FPSCR moves and compares inline in blocks with PPC_TBF_FPFAST. A
 * compare of two numbers (no NaN) sets its CR field and FPCC, and the C
 * bit of FPRF stays (0 if FPRF was still left to the pending record,
 * whose result is normal); a NaN takes the helper in a slow path. mtfsfi
 * on field 7 (XE NI RN) or 6 (VE OE UE ZE) with a value that keeps the
 * fast state is one and/or: those fields hold no exception or summary
 * bit and leave FEX 0. mtfsf of all fields whose value keeps the fast
 * state replaces FPSCR (VX recomputed, FEX 0 as nothing is enabled) and
 * the lazy FI/FR/FPRF; another value takes the helper in a slow path
 * that ends the block, as the block flags change.
 */
static bool fp_slow_room(DisasContext *ctx)
{
    return ctx->fpfast && ctx->nb_fp_slow < PPC_FP_SLOW_MAX;
}

static TCGLabel *fp_slow_new(DisasContext *ctx)
{
    PpcFpSlow *slow = &ctx->fp_slow[ctx->nb_fp_slow++];
    slow->label = gen_new_label();
    slow->insn = ctx->insn;
    slow->pc = ctx->pc;
    return slow->label;
}

static bool fp_move_inline(DisasContext *ctx, uint32_t i)
{
    if (!ctx->fpfast) {
        return false;
    }
    if (ppc_xo10(i) == 134) {     /* mtfsfi */
        int crf = ppc_crfD(i), imm = (i >> 12) & 0xf;
        return (crf == 7 && !(imm & 0xb)) || (crf == 6 && imm == 0);
    }
    return ppc_xo10(i) == 711 && ((i >> 17) & 0xff) == 0xff && fp_slow_room(ctx);
}

/* A double as a signed integer that orders like its value (not NaN):
 * the magnitude, negated for a negative number; both zeros give 0. */
static void gen_fp_order_key(TCGv_i64 key, TCGv_i64 mag, TCGv_i64 v)
{
    TCGv_i64 s = tcg_temp_ebb_new_i64();
    tcg_gen_sari_i64(s, v, 63);
    tcg_gen_xor_i64(key, mag, s);
    tcg_gen_sub_i64(key, key, s);
    tcg_temp_free_i64(s);
}

static void gen_fcmp_inline(DisasContext *ctx, int crf, TCGv_i64 a, TCGv_i64 b)
{
    const uint64_t mag = ~(1ull << 63), inf = 0x7ff0000000000000ull;
    TCGLabel *slow = fp_slow_new(ctx);
    TCGv_i64 ma = tcg_temp_ebb_new_i64(), mb = tcg_temp_ebb_new_i64();
    TCGv_i64 c64 = tcg_temp_ebb_new_i64();
    TCGv_i32 c = cpu_crf[crf], p = tcg_temp_ebb_new_i32(), t = tcg_temp_ebb_new_i32();

    tcg_gen_andi_i64(ma, a, mag);
    tcg_gen_brcondi_i64(TCG_COND_GTU, ma, inf, slow);
    tcg_gen_andi_i64(mb, b, mag);
    tcg_gen_brcondi_i64(TCG_COND_GTU, mb, inf, slow);
    gen_fp_order_key(ma, ma, a);
    gen_fp_order_key(mb, mb, b);
    tcg_gen_movcond_i64(TCG_COND_GT, c64, ma, mb, tcg_constant_i64(CRF_GT),
                        tcg_constant_i64(CRF_EQ));
    tcg_gen_movcond_i64(TCG_COND_LT, c64, ma, mb, tcg_constant_i64(CRF_LT), c64);
    tcg_gen_extrl_i64_i32(c, c64);

    /* FPCC = c; C cleared if FPRF was left to the record (no longer) */
    _Static_assert(PPC_FP_LAST_FPRF == 1 << 8, "PPC_FP_LAST_FPRF moves to FPRF's C bit");
    tcg_gen_ld_i32(p, tcg_env(), offsetof(CPUPPCState, fp_last.pending), MO_32);
    tcg_gen_andi_i32(t, p, PPC_FP_LAST_FPRF);
    tcg_gen_xor_i32(p, p, t);
    tcg_gen_st_i32(p, tcg_env(), offsetof(CPUPPCState, fp_last.pending), MO_32);
    tcg_gen_shli_i32(t, t, FPSCR_FPRF + 4 - 8);
    tcg_gen_ori_i32(t, t, 0xfu << FPSCR_FPRF);
    tcg_gen_ld_i32(p, tcg_env(), offsetof(CPUPPCState, fpscr), MO_32);
    tcg_gen_andc_i32(p, p, t);
    tcg_gen_shli_i32(t, c, FPSCR_FPRF);
    tcg_gen_or_i32(p, p, t);
    tcg_gen_st_i32(p, tcg_env(), offsetof(CPUPPCState, fpscr), MO_32);

    tcg_temp_free_i64(ma);
    tcg_temp_free_i64(mb);
    tcg_temp_free_i64(c64);
    tcg_temp_free_i32(p);
    tcg_temp_free_i32(t);
}

static void gen_mtfsfi_inline(int crf, int imm)
{
    TCGv_i32 f = tcg_temp_ebb_new_i32();
    int shift = 28 - 4 * crf;
    tcg_gen_ld_i32(f, tcg_env(), offsetof(CPUPPCState, fpscr), MO_32);
    tcg_gen_andi_i32(f, f, ~(0xfu << shift));
    if (imm) {
        tcg_gen_ori_i32(f, f, (uint32_t)imm << shift);
    }
    tcg_gen_st_i32(f, tcg_env(), offsetof(CPUPPCState, fpscr), MO_32);
    tcg_temp_free_i32(f);
}

static void gen_mtfsf_inline(DisasContext *ctx, TCGv_i64 b)
{
    TCGLabel *slow = fp_slow_new(ctx);
    TCGv_i32 v = tcg_temp_ebb_new_i32(), t = tcg_temp_ebb_new_i32();

    tcg_gen_extrl_i64_i32(v, b);
    tcg_gen_andi_i32(t, v, PPC_FPSCR_FAST_MASK);
    tcg_gen_brcondi_i32(TCG_COND_NE, t, PPC_FPSCR_FAST, slow);
    tcg_gen_andi_i32(t, v, FPSCR_VX_ALL);
    tcg_gen_setcondi_i32(TCG_COND_NE, t, t, 0);
    tcg_gen_shli_i32(t, t, FPSCR_VX);
    tcg_gen_andi_i32(v, v, ~(BIT(FPSCR_FEX) | BIT(FPSCR_VX)));
    tcg_gen_or_i32(v, v, t);
    tcg_gen_st_i32(v, tcg_env(), offsetof(CPUPPCState, fpscr), MO_32);
    tcg_gen_st_i32(tcg_constant_i32(0), tcg_env(), offsetof(CPUPPCState, fp_last.pending),
                   MO_32);
    fp_record_drop(ctx);
    tcg_temp_free_i32(v);
    tcg_temp_free_i32(t);
}

/* The slow path of an inline compare or mtfsf: the helper, then the next
 * instruction (mtfsf: from the CPU loop, as the block flags changed). */
static void fp_gen_slow_move(DisasContext *ctx, const PpcFpSlow *s)
{
    uint32_t i = s->insn;
    TCGv_i64 b = cpu_fpr[ppc_rB(i)];

    ppc_gen_store_nip(s->pc + 4);
    if (ppc_xo10(i) == 711) {
        tcg_gen_call3(&ppc_helper_mtfsf_info, NULL, tcg_env(), b,
                      tcg_constant_i32((i >> 17) & 0xff));
        gen_set_cr1(ctx);
        tcg_gen_exit_tb(0);
        return;
    }
    tcg_gen_call5(&ppc_helper_fcmp_info, tcgv_i32_temp(cpu_crf[ppc_crfD(i)]), tcg_env(),
                  cpu_fpr[ppc_rA(i)], b, tcg_constant_i32(ppc_crfD(i)),
                  tcg_constant_i32(ppc_xo10(i) == 32));
    tcg_gen_lookup_and_goto_ptr();
}

/* The A-form ops of opcodes 59 and 63 that exist on this CPU: each sets
 * FI/FR/FPRF itself (eagerly or through its own record), reads nothing
 * of the pending record, and raises nothing in a block without
 * PPC_TBF_FPEXC. */
static bool is_fp_arith(uint32_t i)
{
    int xo5 = ppc_xo5(i);
    if (ppc_opcd(i) == 59) {
        return xo5 == 18 || xo5 == 20 || xo5 == 21 || xo5 == 24 || xo5 == 25 || xo5 >= 28;
    }
    return ppc_opcd(i) == 63 && xo5 >= 18 && xo5 != 19 && xo5 != 22 && xo5 != 27;
}

bool ppc_fp_keeps_record(DisasContext *ctx, uint32_t i)
{
    if (!ctx->fprec.valid) {
        return true;
    }
    switch (ppc_opcd(i)) {
    case 7: case 8: case 10: case 11: case 12: case 13: case 14: case 15:
    case 20: case 21: case 23: case 24: case 25: case 26: case 27: case 28: case 29:
        return true;            /* integer ops without memory or helpers */
    case 63:
        switch (ppc_xo10(i)) {
        case 72: case 40: case 264: case 136:
            return true;        /* fmr, fneg, fabs, fnabs */
        case 134: case 711:
            /* the inline mtfsfi (fields 6, 7) and mtfsf (all fields) */
            return fp_move_inline(ctx, i);
        }
        break;
    }
    return !ctx->fpexc && is_fp_arith(i);
}

static bool fp_inline_ok(DisasContext *ctx, FpKind kind)
{
    return ctx->fpfast && ctx->nb_fp_slow < PPC_FP_SLOW_MAX &&
           (kind != OP_FMA || tcg_op_supported(INDEX_op_fma));
}

/* Emits the fast path into frd, leaving for the slow path when it does
 * not apply, and makes its record the pending one. */
static void gen_fp_inline(DisasContext *ctx, int frd, const FpInline *f)
{
    TCGv_i64 r = tcg_temp_new_i64(), e = tcg_temp_ebb_new_i64();
    PpcFpSlow *slow = &ctx->fp_slow[ctx->nb_fp_slow++];

    slow->label = gen_new_label();
    slow->insn = ctx->insn;
    slow->pc = ctx->pc;
    gen_fp_inline_result(r, f);
    /* biased exponent in 2..0x7fe */
    tcg_gen_extract_i64(e, r, 52, 11);
    tcg_gen_subi_i64(e, e, 2);
    tcg_gen_brcondi_i64(TCG_COND_GEU, e, 0x7fd, slow->label);
    fp_record_drop(ctx);
    ctx->fprec = (PpcFpRecord){ .valid = true, .kind = f->kind, .a = f->a, .b = f->b,
                                .c = f->c, .r = r };
    tcg_gen_mov_i64(cpu_fpr[frd], r);
    tcg_temp_free_i64(e);
}

/* fadd, fsub, fmul, fdiv: the fast path, else the helper. */
static void gen_fp_binary(DisasContext *ctx, FpKind kind, TCGHelperInfo *info, int frd,
                          TCGv_i64 a, TCGv_i64 b)
{
    if (!fp_inline_ok(ctx, kind)) {
        gen_fp_call(ctx, info, frd, a, b);
        return;
    }
    FpInline f = { kind, fp_copy(a), fp_copy(b), NULL };
    gen_fp_inline(ctx, frd, &f);
}

/* fmadd, fmsub, fnmadd, fnmsub (op 0..3 as ppc_helper_fmadd): the host
 * evaluates fma(+-a, c, +-b) as the helper does. */
static void gen_fp_madd(DisasContext *ctx, int op, int frd, TCGv_i64 a, TCGv_i64 c,
                        TCGv_i64 b)
{
    if (!fp_inline_ok(ctx, OP_FMA)) {
        tcg_gen_call5(fp_helper(ctx, &ppc_helper_fmadd_info, frd),
                      tcgv_i64_temp(cpu_fpr[frd]), tcg_env(), a, c, b, tcg_constant_i32(op));
        return;
    }
    const uint64_t sign = 1ull << 63;
    bool sub = op & 1, negate = op & 2;
    TCGv_i64 sa = tcg_temp_new_i64(), sb = tcg_temp_new_i64();
    tcg_gen_xori_i64(sa, a, negate ? sign : 0);
    tcg_gen_xori_i64(sb, b, (sub != negate) ? sign : 0);
    FpInline f = { OP_FMA, sa, fp_copy(c), sb };
    gen_fp_inline(ctx, frd, &f);
}

/* The slow paths, after the block's exits: reached from the fast path's
 * check with every global in env, they run the op's helper and go on at
 * the next instruction. */
void ppc_fp_gen_slow_paths(DisasContext *ctx)
{
    for (int k = 0; k < ctx->nb_fp_slow; k++) {
        const PpcFpSlow *s = &ctx->fp_slow[k];
        uint32_t i = s->insn;
        int frd = ppc_rD(i);
        TCGv_i64 a = cpu_fpr[ppc_rA(i)], b = cpu_fpr[ppc_rB(i)], c = cpu_fpr[ppc_rC(i)];

        gen_set_label(s->label);
        ctx->insn = i;
        if (ppc_opcd(i) != 59 && ppc_opcd(i) != 63) {
            /* lfs of a denormal */
            ctx->fp_ldst_slow = true;
            ppc_translate_fp_ldst(ctx);
            ctx->fp_ldst_slow = false;
            ppc_gen_store_nip(s->pc + 4);
            tcg_gen_lookup_and_goto_ptr();
            continue;
        }
        if (ppc_opcd(i) == 63 && ppc_xo5(i) < 18) {
            fp_gen_slow_move(ctx, s);
            continue;
        }
        switch (ppc_xo5(i)) {
        case 18: gen_fp_call(ctx, &ppc_helper_fdiv_info, frd, a, b); break;
        case 20: gen_fp_call(ctx, &ppc_helper_fsub_info, frd, a, b); break;
        case 21: gen_fp_call(ctx, &ppc_helper_fadd_info, frd, a, b); break;
        case 25: gen_fp_call(ctx, &ppc_helper_fmul_info, frd, a, c); break;
        default: {
            static const int op_of[4] = { 1, 0, 3, 2 };
            tcg_gen_call5(&ppc_helper_fmadd_info, tcgv_i64_temp(cpu_fpr[frd]), tcg_env(),
                          a, c, b, tcg_constant_i32(op_of[ppc_xo5(i) - 28]));
            break;
        }
        }
        gen_set_cr1(ctx);
        ppc_gen_store_nip(s->pc + 4);
        tcg_gen_lookup_and_goto_ptr();
    }
    ctx->nb_fp_slow = 0;
}

/* A-form arithmetic, shared by opcodes 59 and 63. */
static bool trans_fp_arith(DisasContext *ctx, int xo, bool single)
{
    uint32_t i = ctx->insn;
    int frd = ppc_rD(i);
    TCGv_i64 a = cpu_fpr[ppc_rA(i)], b = cpu_fpr[ppc_rB(i)], c = cpu_fpr[ppc_rC(i)];

    if (!single) {
        switch (xo) {
        case 18: gen_fp_binary(ctx, OP_DIV, &ppc_helper_fdiv_info, frd, a, b); goto done;
        case 20: gen_fp_binary(ctx, OP_SUB, &ppc_helper_fsub_info, frd, a, b); goto done;
        case 21: gen_fp_binary(ctx, OP_ADD, &ppc_helper_fadd_info, frd, a, b); goto done;
        case 25: gen_fp_binary(ctx, OP_MUL, &ppc_helper_fmul_info, frd, a, c); goto done;
        case 28: case 29: case 30: case 31: {
            static const int op_of[4] = { 1, 0, 3, 2 };
            gen_fp_madd(ctx, op_of[xo - 28], frd, a, c, b);
            goto done;
        }
        }
    }
    switch (xo) {
    case 18: gen_fp_call(ctx, &ppc_helper_fdivs_info, frd, a, b); break;
    case 20: gen_fp_call(ctx, &ppc_helper_fsubs_info, frd, a, b); break;
    case 21: gen_fp_call(ctx, &ppc_helper_fadds_info, frd, a, b); break;
    case 25: gen_fp_call(ctx, &ppc_helper_fmuls_info, frd, a, c); break;
    case 22:
        /* fsqrt/fsqrts are optional and absent on the 6xx/7xx (G3/G4) this
         * front end models, as on Debian's qemu-ppc default CPU: SIGILL. */
        return false;
    case 24: gen_fp_call(ctx, single ? &ppc_helper_fres_info : &ppc_helper_fre_info, frd, b, NULL); break;
    case 26:
        if (single) {
            return false;
        }
        gen_fp_call(ctx, &ppc_helper_frsqrte_info, frd, b, NULL);
        break;
    case 23:
        if (single) {
            return false;
        }
        tcg_gen_call4(&ppc_helper_fsel_info, tcgv_i64_temp(cpu_fpr[frd]), tcg_env(), a, c, b);
        break;
    case 28: case 29: case 30: case 31: {
        /* 29 fmadd, 28 fmsub, 31 fnmadd, 30 fnmsub */
        static const int op_of[4] = { 1, 0, 3, 2 };
        tcg_gen_call5(fp_helper(ctx, &ppc_helper_fmadds_info, frd),
                      tcgv_i64_temp(cpu_fpr[frd]), tcg_env(), a, c, b,
                      tcg_constant_i32(op_of[xo - 28]));
        break;
    }
    default:
        return false;
    }
done:
    gen_set_cr1(ctx);
    return true;
}

static bool trans_fp63_x(DisasContext *ctx, int xo)
{
    uint32_t i = ctx->insn;
    int frd = ppc_rD(i);
    TCGv_i64 d = cpu_fpr[frd], b = cpu_fpr[ppc_rB(i)];
    const uint64_t sign = 1ull << 63;

    switch (xo) {
    case 0:  /* fcmpu */
    case 32: /* fcmpo */
        if (fp_slow_room(ctx)) {
            gen_fcmp_inline(ctx, ppc_crfD(i), cpu_fpr[ppc_rA(i)], b);
            return true;
        }
        tcg_gen_call5(fp_helper(ctx, &ppc_helper_fcmp_info, 0),
                      tcgv_i32_temp(cpu_crf[ppc_crfD(i)]), tcg_env(),
                      cpu_fpr[ppc_rA(i)], b,
                      tcg_constant_i32(ppc_crfD(i)), tcg_constant_i32(xo == 32));
        return true;
    case 12: gen_fp_call(ctx, &ppc_helper_frsp_info, frd, b, NULL); break;
    case 14:
    case 15:
        tcg_gen_call3(fp_helper(ctx, &ppc_helper_fctiw_info, frd), tcgv_i64_temp(d),
                      tcg_env(), b,
                      tcg_constant_i32(xo == 15));
        break;
    case 72: tcg_gen_mov_i64(d, b); break;                 /* fmr */
    case 40: tcg_gen_xori_i64(d, b, sign); break;          /* fneg */
    case 264: tcg_gen_andi_i64(d, b, ~sign); break;        /* fabs */
    case 136: tcg_gen_ori_i64(d, b, sign); break;          /* fnabs */
    case 583: { /* mffs */
        TCGv_i32 t = tcg_temp_ebb_new_i32();
        tcg_gen_call1(&ppc_helper_mffs_info, tcgv_i32_temp(t), tcg_env());
        tcg_gen_extu_i32_i64(d, t);
        tcg_temp_free_i32(t);
        break;
    }
    case 711: /* mtfsf: fields 6 and 7 hold the enables */
        if (fp_move_inline(ctx, i)) {
            gen_mtfsf_inline(ctx, b);
            ctx->fp_state_kept = true;
            break;
        }
        tcg_gen_call3(fp_helper(ctx, &ppc_helper_mtfsf_info, 0), NULL, tcg_env(), b,
                      tcg_constant_i32((i >> 17) & 0xff));
        fp_end_block_if_enables(ctx, ((i >> 17) & 0x03) != 0);
        break;
    case 134: { /* mtfsfi */
        int crf = ppc_crfD(i), imm = (i >> 12) & 0xf;
        if (fp_move_inline(ctx, i)) {
            gen_mtfsfi_inline(crf, imm);
            ctx->fp_state_kept = true;
            break;
        }
        tcg_gen_call3(fp_helper(ctx, &ppc_helper_mtfsf_info, 0), NULL, tcg_env(),
                      tcg_constant_i64((uint64_t)imm << (28 - 4 * crf)),
                      tcg_constant_i32(0x80 >> crf));
        fp_end_block_if_enables(ctx, crf >= 6);
        break;
    }
    case 38: /* mtfsb1 */
    case 70: /* mtfsb0 */
        tcg_gen_call3(fp_helper(ctx, &ppc_helper_mtfsb_info, 0), NULL, tcg_env(),
                      tcg_constant_i32(frd), tcg_constant_i32(xo == 38));
        fp_end_block_if_enables(ctx, frd >= 24 && frd <= 28);
        break;
    case 64: /* mcrfs */
        tcg_gen_call3(&ppc_helper_mcrfs_info, NULL, tcg_env(),
                      tcg_constant_i32(ppc_crfD(i)), tcg_constant_i32(ppc_crfS(i)));
        return true;
    default:
        return false;
    }
    gen_set_cr1(ctx);
    return true;
}

/* The FPSCR moves of opcode 63: mcrfs, mtfsb1, mtfsb0, mtfsfi, mtfsf. */
static bool is_fpscr_move(uint32_t i)
{
    int xo = ppc_xo10(i);
    return ppc_opcd(i) == 63 && (xo == 64 || xo == 38 || xo == 70 || xo == 134 || xo == 711);
}

bool ppc_translate_fp(DisasContext *ctx)
{
    uint32_t i = ctx->insn;
    int xo5 = ppc_xo5(i);
    bool ok;

    ctx->fp_state_kept = false;
    if (ppc_opcd(i) == 59) {
        ok = trans_fp_arith(ctx, xo5, true);
    } else if (xo5 >= 18) {
        ok = trans_fp_arith(ctx, xo5, false);
    } else {
        ok = trans_fp63_x(ctx, ppc_xo10(i));
    }
    if (ok && !ctx->fpexc && ctx->base.is_jmp == DISAS_NEXT &&
        (!ctx->fpfast || (is_fpscr_move(i) && !ctx->fp_state_kept))) {
        fp_gen_flags_check(ctx);
    }
    return ok;
}

/* ---- loads and stores ---- */

typedef struct FpLdSt {
    bool store, update, single;
} FpLdSt;

/*
 * lfs widens a single inline unless it is a denormal: a normal number
 * gets the exponent bias difference (1023 - 127) added, an infinity or
 * NaN the difference between the all-ones exponents, a zero nothing. A
 * denormal leaves through a slow path after the block's exits that runs
 * the whole instruction again with the helper (the load cannot fault the
 * second time) and goes on at the next instruction.
 */
static void gen_lfs_inline(DisasContext *ctx, TCGv_i64 r, TCGv_i32 w)
{
    TCGv_i64 m = tcg_temp_ebb_new_i64(), bias = tcg_temp_ebb_new_i64();
    TCGv_i32 t = tcg_temp_ebb_new_i32();
    TCGLabel *slow = fp_slow_new(ctx);

    tcg_gen_andi_i32(t, w, 0x7fffffff);
    tcg_gen_subi_i32(t, t, 1);
    tcg_gen_brcondi_i32(TCG_COND_LTU, t, 0x007fffff, slow);   /* denormal */
    tcg_gen_extu_i32_i64(m, w);
    tcg_gen_andi_i64(m, m, 0x7fffffff);
    tcg_gen_movcond_i64(TCG_COND_GEU, bias, m, tcg_constant_i64(0x7f800000),
                        tcg_constant_i64((2047ull - 255) << 52),
                        tcg_constant_i64((1023ull - 127) << 52));
    tcg_gen_movcond_i64(TCG_COND_EQ, bias, m, tcg_constant_i64(0), m, bias);
    tcg_gen_shli_i64(m, m, 29);
    tcg_gen_add_i64(m, m, bias);
    tcg_gen_extu_i32_i64(bias, w);
    tcg_gen_shri_i64(bias, bias, 31);
    tcg_gen_shli_i64(bias, bias, 63);
    tcg_gen_or_i64(r, m, bias);
    tcg_temp_free_i64(m);
    tcg_temp_free_i64(bias);
    tcg_temp_free_i32(t);
}

static void gen_fp_ldst(DisasContext *ctx, TCGv_i32 ea, FpLdSt f)
{
    TCGv_i64 r = cpu_fpr[ppc_rD(ctx->insn)];
    if (f.single) {
        TCGv_i32 w = tcg_temp_ebb_new_i32();
        if (f.store) {
            tcg_gen_call1(&ppc_helper_stfs_info, tcgv_i32_temp(w), r);
            ppc_gen_st_i32(w, ea, MO_BEUL);
        } else {
            tcg_gen_guest_ld_i32(w, ea, 0, MO_BEUL);
            if (!ctx->fp_ldst_slow && ctx->nb_fp_slow < PPC_FP_SLOW_MAX) {
                gen_lfs_inline(ctx, r, w);
            } else {
                tcg_gen_call1(&ppc_helper_lfs_info, tcgv_i64_temp(r), w);
            }
        }
        tcg_temp_free_i32(w);
    } else if (f.store) {
        ppc_gen_st_i64(r, ea, MO_BEUQ);
    } else {
        tcg_gen_guest_ld_i64(r, ea, 0, MO_BEUQ);
    }
    if (f.update) {
        tcg_gen_mov_i32(cpu_gpr[ppc_rA(ctx->insn)], ea);
    }
}

bool ppc_translate_fp_ldst(DisasContext *ctx)
{
    uint32_t i = ctx->insn;
    int opcd = ppc_opcd(i);
    FpLdSt f;
    TCGv_i32 ea;

    if (opcd >= 48 && opcd <= 55) {
        int k = opcd - 48;   /* lfs lfsu lfd lfdu stfs stfsu stfd stfdu */
        f = (FpLdSt){ .store = k >= 4, .update = k & 1, .single = !(k & 2) };
        if (f.update && ppc_rA(i) == 0) {
            return false;
        }
        ea = ppc_gen_ea_d(ctx);
    } else if (opcd == 31) {
        int xo = ppc_xo10(i);
        if (xo == 983) { /* stfiwx */
            ea = ppc_gen_ea_x(ctx);
            TCGv_i32 w = tcg_temp_ebb_new_i32();
            tcg_gen_extrl_i64_i32(w, cpu_fpr[ppc_rD(i)]);
            ppc_gen_st_i32(w, ea, MO_BEUL);
            tcg_temp_free_i32(w);
            tcg_temp_free_i32(ea);
            return true;
        }
        static const int xos[8] = { 535, 567, 599, 631, 663, 695, 727, 759 };
        int k = -1;
        for (int n = 0; n < 8; n++) {
            if (xos[n] == xo) {
                k = n;
            }
        }
        if (k < 0) {
            return false;
        }
        f = (FpLdSt){ .store = k >= 4, .update = k & 1, .single = !(k & 2) };
        if (f.update && ppc_rA(i) == 0) {
            return false;
        }
        ea = ppc_gen_ea_x(ctx);
    } else {
        return false;
    }
    gen_fp_ldst(ctx, ea, f);
    tcg_temp_free_i32(ea);
    return true;
}
