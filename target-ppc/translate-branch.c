/*
 * PowerPC branches (b, bc, bclr, bcctr with every BO/BI form, CTR
 * decrement and LR update), the system call, and the CR-logical ops of
 * primary opcode 19.
 */
#include "target-ppc/translate.h"
#include "target-ppc/helper.h"

/* Branches to `not_taken` unless CR bit bi has the value `want`: one
 * compare-and-branch on the operands when the field was set by a compare
 * earlier in this block, else a test of the field. */
static void gen_br_crbit(DisasContext *ctx, int bi, bool want, TCGLabel *not_taken)
{
    const PpcCrCmp *r = &ctx->crcmp[bi >> 2];
    int bit = bi & 3;

    if (r->valid && bit != 3) {
        static const TCGCond signed_cond[3] = { TCG_COND_LT, TCG_COND_GT, TCG_COND_EQ };
        static const TCGCond unsigned_cond[3] = { TCG_COND_LTU, TCG_COND_GTU, TCG_COND_EQ };
        TCGCond c = r->is_signed ? signed_cond[bit] : unsigned_cond[bit];
        tcg_gen_brcond_i32(want ? tcg_invert_cond(c) : c, r->a, r->b, not_taken);
        return;
    }
    TCGv_i32 t = tcg_temp_ebb_new_i32();
    tcg_gen_andi_i32(t, cpu_crf[bi >> 2], 8 >> bit);
    tcg_gen_brcondi_i32(want ? TCG_COND_EQ : TCG_COND_NE, t, 0, not_taken);
    tcg_temp_free_i32(t);
}

/* Branches to `not_taken` unless the BO/BI condition holds; decrements
 * CTR first when BO asks for it. */
static void gen_bc_cond(DisasContext *ctx, int bo, int bi, TCGLabel *not_taken)
{
    if (!(bo & 0x04)) {
        tcg_gen_subi_i32(cpu_ctr, cpu_ctr, 1);
        tcg_gen_brcondi_i32((bo & 0x02) ? TCG_COND_NE : TCG_COND_EQ, cpu_ctr, 0,
                            not_taken);
    }
    if (!(bo & 0x10)) {
        gen_br_crbit(ctx, bi, (bo & 0x08) != 0, not_taken);
    }
}

static bool bc_always(int bo)
{
    return (bo & 0x14) == 0x14;
}

static void trans_bc(DisasContext *ctx)
{
    uint32_t i = ctx->insn;
    int bo = ppc_rD(i), bi = ppc_rA(i);
    int32_t bd = (int16_t)(i & 0xfffc);
    uint32_t target = (i & 2) ? (uint32_t)bd : ctx->pc + bd;
    uint32_t next = ctx->pc + 4;

    if (i & 1) {
        tcg_gen_movi_i32(cpu_lr, next);
    }
    if (bc_always(bo)) {
        ppc_gen_goto(ctx, 0, target);
    } else {
        TCGLabel *not_taken = gen_new_label();
        gen_bc_cond(ctx, bo, bi, not_taken);
        ppc_gen_goto(ctx, 0, target);
        gen_set_label(not_taken);
        ppc_gen_goto(ctx, 1, next);
    }
    ctx->base.is_jmp = DISAS_NORETURN;
}

/*
 * bclr / bcctr: the target comes from LR or CTR (read before LR is set).
 * The return-address predictor (docs/tcg.md): an unconditional bcctrl or
 * bclrl records its return address under r1, as bl does; blr, with r1
 * restored by then as the ABI has it, returns through it. Conditional branch-and-link forms record nothing (bcl to
 * the next insn reads the pc without a matching return).
 */
static void trans_bc_reg(DisasContext *ctx, TCGv_i32 src)
{
    uint32_t i = ctx->insn;
    int bo = ppc_rD(i), bi = ppc_rA(i);
    uint32_t next = ctx->pc + 4;
    TCGv_i32 target = tcg_temp_new_i32();

    tcg_gen_andi_i32(target, src, ~3u);
    if (i & 1) {
        tcg_gen_movi_i32(cpu_lr, next);
    }
    TCGLabel *not_taken = NULL;
    if (!bc_always(bo)) {
        not_taken = gen_new_label();
        gen_bc_cond(ctx, bo, bi, not_taken);
    }
    tcg_gen_st_i32(target, tcg_env(), offsetof(CPUPPCState, nip), MO_32);
    if (src == cpu_lr && !(i & 1)) {
        /* blr and its conditional forms: a return (docs/tcg.md). */
        translator_gen_ret_lookup(&ctx->base, target, cpu_gpr[1]);
    } else {
        if ((i & 1) && !not_taken) {
            translator_gen_ret_push(&ctx->base, next, cpu_gpr[1]);
        }
        tcg_gen_lookup_and_goto_ptr();
    }
    if (not_taken) {
        gen_set_label(not_taken);
        ppc_gen_goto(ctx, 1, next);
    }
    tcg_temp_free_i32(target);
    ctx->base.is_jmp = DISAS_NORETURN;
}

bool ppc_translate_branch(DisasContext *ctx)
{
    uint32_t i = ctx->insn;

    switch (ppc_opcd(i)) {
    case 16:
        trans_bc(ctx);
        return true;
    case 17: /* sc */
        if (!(i & 2)) {
            return false;
        }
        ppc_gen_exception(ctx, POWERPC_EXCP_SYSCALL, 0, ctx->pc + 4);
        return true;
    case 18: { /* b, ba, bl, bla */
        int32_t li = (int32_t)((i & 0x03fffffc) << 6) >> 6;
        uint32_t target = (i & 2) ? (uint32_t)li : ctx->pc + li;
        if (i & 1) {
            tcg_gen_movi_i32(cpu_lr, ctx->pc + 4);
            translator_gen_ret_push(&ctx->base, ctx->pc + 4, cpu_gpr[1]);
        }
        ppc_gen_goto(ctx, 0, target);
        ctx->base.is_jmp = DISAS_NORETURN;
        return true;
    }
    }
    return false;
}

/* Reads CR bit n (0 = CR0[LT]) as 0/1 into t. */
static void gen_get_crbit(TCGv_i32 t, int n)
{
    tcg_gen_extract_i32(t, cpu_crf[n >> 2], 3 - (n & 3), 1);
}

static bool trans_crlogic(DisasContext *ctx, int xo)
{
    uint32_t i = ctx->insn;
    int bd = ppc_rD(i), ba = ppc_rA(i), bb = ppc_rB(i);
    TCGv_i32 a = tcg_temp_new_i32(), b = tcg_temp_new_i32();

    gen_get_crbit(a, ba);
    gen_get_crbit(b, bb);
    switch (xo) {
    case 257: tcg_gen_and_i32(a, a, b); break;   /* crand */
    case 129: tcg_gen_andc_i32(a, a, b); break;  /* crandc */
    case 289: tcg_gen_eqv_i32(a, a, b); break;   /* creqv */
    case 225: tcg_gen_nand_i32(a, a, b); break;  /* crnand */
    case 33: tcg_gen_nor_i32(a, a, b); break;    /* crnor */
    case 449: tcg_gen_or_i32(a, a, b); break;    /* cror */
    case 417: tcg_gen_orc_i32(a, a, b); break;   /* crorc */
    case 193: tcg_gen_xor_i32(a, a, b); break;   /* crxor */
    default:
        tcg_temp_free_i32(a);
        tcg_temp_free_i32(b);
        return false;
    }
    tcg_gen_deposit_i32(cpu_crf[bd >> 2], cpu_crf[bd >> 2], a, 3 - (bd & 3), 1);
    tcg_temp_free_i32(a);
    tcg_temp_free_i32(b);
    return true;
}

bool ppc_translate_cr(DisasContext *ctx)
{
    uint32_t i = ctx->insn;
    int xo = ppc_xo10(i);

    switch (xo) {
    case 0: /* mcrf */
        tcg_gen_mov_i32(cpu_crf[ppc_crfD(i)], cpu_crf[ppc_crfS(i)]);
        return true;
    case 16: /* bclr */
        trans_bc_reg(ctx, cpu_lr);
        return true;
    case 528: /* bcctr: the CTR-decrementing forms are invalid */
        if (!(ppc_rD(i) & 0x04)) {
            return false;
        }
        trans_bc_reg(ctx, cpu_ctr);
        return true;
    case 150: /* isync */
        return true;
    case 50: /* rfi */
        ppc_gen_priv(ctx);
        return true;
    default:
        return trans_crlogic(ctx, xo);
    }
}
