/*
 * The PowerPC front end's frame: IR globals, the translator callbacks, the
 * top-level decoder (primary opcode -> instruction class) and the pieces
 * every class shares (exceptions, CR0, effective addresses, block exits).
 */
#include <capstone/capstone.h>
#include <stddef.h>
#include <stdlib.h>

#include "exec/cpu-ldst.h"
#include "target-ppc/translate.h"
#include "target-ppc/helper.h"

TCGv_i32 cpu_gpr[32];
TCGv_i32 cpu_lr, cpu_ctr, cpu_so, cpu_ov, cpu_ca, cpu_xer_bc;
TCGv_i32 cpu_crf[8];
TCGv_i64 cpu_fpr[32];
TCGv_i32 cpu_reserve_addr, cpu_reserve_val;

static const char *const gpr_names[32] = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10",
    "r11", "r12", "r13", "r14", "r15", "r16", "r17", "r18", "r19", "r20",
    "r21", "r22", "r23", "r24", "r25", "r26", "r27", "r28", "r29", "r30", "r31",
};
static const char *const fpr_names[32] = {
    "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10",
    "f11", "f12", "f13", "f14", "f15", "f16", "f17", "f18", "f19", "f20",
    "f21", "f22", "f23", "f24", "f25", "f26", "f27", "f28", "f29", "f30", "f31",
};
static const char *const crf_names[8] = {
    "cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6", "cr7",
};

static void ppc_tcg_init(void)
{
    for (int i = 0; i < 32; i++) {
        cpu_gpr[i] = tcg_global_mem_new_i32(offsetof(CPUPPCState, gpr[i]), gpr_names[i]);
        cpu_fpr[i] = tcg_global_mem_new_i64(offsetof(CPUPPCState, fpr[i]), fpr_names[i]);
    }
    for (int i = 0; i < 8; i++) {
        cpu_crf[i] = tcg_global_mem_new_i32(offsetof(CPUPPCState, crf[i]), crf_names[i]);
    }
    cpu_lr = tcg_global_mem_new_i32(offsetof(CPUPPCState, lr), "lr");
    cpu_ctr = tcg_global_mem_new_i32(offsetof(CPUPPCState, ctr), "ctr");
    cpu_so = tcg_global_mem_new_i32(offsetof(CPUPPCState, xer_so), "so");
    cpu_ov = tcg_global_mem_new_i32(offsetof(CPUPPCState, xer_ov), "ov");
    cpu_ca = tcg_global_mem_new_i32(offsetof(CPUPPCState, xer_ca), "ca");
    cpu_xer_bc = tcg_global_mem_new_i32(offsetof(CPUPPCState, xer_bc), "xer_bc");
    cpu_reserve_addr = tcg_global_mem_new_i32(offsetof(CPUPPCState, reserve_addr), "reserve_addr");
    cpu_reserve_val = tcg_global_mem_new_i32(offsetof(CPUPPCState, reserve_val), "reserve_val");
    ppc_fp_init_raising_helpers();
    ppc_reserve_init();
}

void ppc_gen_store_nip(uint32_t nip)
{
    tcg_gen_st_i32(tcg_constant_i32(nip), tcg_env(), offsetof(CPUPPCState, nip), MO_32);
}

void ppc_gen_exception(DisasContext *ctx, int excp, uint32_t error_code, uint32_t nip)
{
    ppc_gen_store_nip(nip);
    tcg_gen_call3(&ppc_helper_raise_info, NULL, tcg_env(), tcg_constant_i32(excp),
                  tcg_constant_i32(error_code));
    ctx->base.is_jmp = DISAS_NORETURN;
}

void ppc_gen_illegal(DisasContext *ctx)
{
    ppc_gen_exception(ctx, POWERPC_EXCP_PROGRAM, POWERPC_PROG_ILLEGAL, ctx->pc);
}

void ppc_gen_priv(DisasContext *ctx)
{
    ppc_gen_exception(ctx, POWERPC_EXCP_PROGRAM, POWERPC_PROG_PRIV, ctx->pc);
}

/* A copy of v that later writes to the global v do not change. */
static TCGv_i32 cr_operand_copy(TCGv_i32 v)
{
    if (tcgv_i32_temp(v)->kind == TEMP_CONST) {
        return v;
    }
    TCGv_i32 c = tcg_temp_new_i32();
    tcg_gen_mov_i32(c, v);
    return c;
}

static void cr_forget(DisasContext *ctx, int crf)
{
    PpcCrCmp *r = &ctx->crcmp[crf];
    if (r->valid) {
        if (tcgv_i32_temp(r->a)->kind != TEMP_CONST) {
            tcg_temp_free_i32(r->a);
        }
        if (tcgv_i32_temp(r->b)->kind != TEMP_CONST) {
            tcg_temp_free_i32(r->b);
        }
        r->valid = false;
    }
}

/* crf = LT GT EQ as two selects (one when a < b cannot hold), then SO
 * (not read when the block flag says it is clear). */
static void gen_cmp_field(DisasContext *ctx, int crf, TCGv_i32 a, TCGv_i32 b, bool is_signed,
                          bool may_be_less)
{
    TCGv_i32 t = tcg_temp_ebb_new_i32();
    TCGv_i32 cr = cpu_crf[crf];

    cr_forget(ctx, crf);
    a = cr_operand_copy(a);
    b = cr_operand_copy(b);
    tcg_gen_movcond_i32(is_signed ? TCG_COND_GT : TCG_COND_GTU, may_be_less ? t : cr, a, b,
                        tcg_constant_i32(CRF_GT), tcg_constant_i32(CRF_EQ));
    if (may_be_less) {
        tcg_gen_movcond_i32(is_signed ? TCG_COND_LT : TCG_COND_LTU, cr, a, b,
                            tcg_constant_i32(CRF_LT), t);
    }
    if (ctx->so_known < 0) {
        tcg_gen_or_i32(cr, cr, cpu_so);
    } else if (ctx->so_known) {
        tcg_gen_ori_i32(cr, cr, CRF_SO);
    }
    tcg_temp_free_i32(t);
    ctx->crcmp[crf] = (PpcCrCmp){ .valid = true, .is_signed = is_signed,
                                  .set_at = ctx->base.num_insns, .a = a, .b = b };
}

void ppc_gen_cmp(DisasContext *ctx, int crf, TCGv_i32 a, TCGv_i32 b, bool is_signed)
{
    gen_cmp_field(ctx, crf, a, b, is_signed, true);
}

void ppc_gen_set_cr0(DisasContext *ctx, TCGv_i32 val)
{
    ppc_gen_cmp(ctx, 0, val, tcg_constant_i32(0), true);
}

void ppc_gen_set_cr0_masked(DisasContext *ctx, TCGv_i32 val, uint32_t mask)
{
    gen_cmp_field(ctx, 0, val, tcg_constant_i32(0), true, (mask >> 31) != 0);
}

void ppc_so_may_change(DisasContext *ctx)
{
    ctx->so_known = -1;
    ctx->end_after_insn = true;
}

/* After each instruction: a CR field it wrote other than through
 * ppc_gen_cmp (mtcrf, CR logic, a helper) is no longer a known compare. */
static void cr_forget_written(DisasContext *ctx, int first_op)
{
    for (int k = first_op; k < tcg_ctx->nb_ops; k++) {
        const TCGOp *op = &tcg_ctx->ops[k];
        for (int f = 0; f < 8; f++) {
            if (!ctx->crcmp[f].valid || ctx->crcmp[f].set_at == ctx->base.num_insns) {
                continue;
            }
            if (op->opc == INDEX_op_call) {
                cr_forget(ctx, f);
                continue;
            }
            for (int n = 0; n < op->nb_oargs; n++) {
                if (arg_temp(op->args[n]) == tcgv_i32_temp(cpu_crf[f])) {
                    cr_forget(ctx, f);
                }
            }
        }
    }
}

TCGv_i32 ppc_gen_ea_a0(DisasContext *ctx)
{
    TCGv_i32 ea = tcg_temp_new_i32();
    int ra = ppc_rA(ctx->insn);
    if (ra == 0) {
        tcg_gen_movi_i32(ea, 0);
    } else {
        tcg_gen_mov_i32(ea, cpu_gpr[ra]);
    }
    return ea;
}

TCGv_i32 ppc_gen_ea_d(DisasContext *ctx)
{
    TCGv_i32 ea = tcg_temp_new_i32();
    int ra = ppc_rA(ctx->insn);
    int32_t d = ppc_simm(ctx->insn);
    if (ra == 0) {
        tcg_gen_movi_i32(ea, d);
    } else {
        tcg_gen_addi_i32(ea, cpu_gpr[ra], d);
    }
    return ea;
}

TCGv_i32 ppc_gen_ea_x(DisasContext *ctx)
{
    TCGv_i32 ea = tcg_temp_new_i32();
    int ra = ppc_rA(ctx->insn);
    int rb = ppc_rB(ctx->insn);
    if (ra == 0) {
        tcg_gen_mov_i32(ea, cpu_gpr[rb]);
    } else {
        tcg_gen_add_i32(ea, cpu_gpr[ra], cpu_gpr[rb]);
    }
    return ea;
}

void ppc_gen_goto(DisasContext *ctx, int slot, uint32_t dest)
{
    if (translator_use_goto_tb(&ctx->base, dest)) {
        tcg_gen_goto_tb(slot);
        ppc_gen_store_nip(dest);
        tcg_gen_exit_tb((uintptr_t)ctx->base.tb | slot);
    } else {
        ppc_gen_store_nip(dest);
        tcg_gen_lookup_and_goto_ptr();
    }
}

/* ---- translator callbacks ---- */

static void ppc_init_disas_context(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *ctx = (DisasContext *)db;
    ctx->cpu = cpu;
    ctx->fpexc = (db->tb->flags & PPC_TBF_FPEXC) != 0;
    ctx->fpfast = (db->tb->flags & PPC_TBF_FPFAST) != 0;
    ctx->so_known = (db->tb->flags & PPC_TBF_SO) != 0;
}

static void ppc_tb_start(DisasContextBase *db, CPUState *cpu)
{
}

static void ppc_insn_start(DisasContextBase *db, CPUState *cpu)
{
    tcg_gen_insn_start(db->pc_next, 0);
}

static bool ppc_decode(DisasContext *ctx)
{
    switch (ppc_opcd(ctx->insn)) {
    case 16: case 17: case 18:
        return ppc_translate_branch(ctx);
    case 19:
        return ppc_translate_cr(ctx);
    case 31:
        return ppc_translate_int31(ctx) || ppc_translate_ldst31(ctx) ||
               ppc_translate_fp_ldst(ctx);
    case 32 ... 47:
        return ppc_translate_ldst(ctx);
    case 48 ... 55:
        return ppc_translate_fp_ldst(ctx);
    case 59: case 63:
        return ppc_translate_fp(ctx);
    default:
        return ppc_translate_int(ctx);
    }
}

static void ppc_translate_insn(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *ctx = (DisasContext *)db;
    ctx->pc = db->pc_next;
    ctx->insn = translator_ldl(cpu, db, ctx->pc);
    db->pc_next += 4;
    int first_op = tcg_ctx->nb_ops;
    if (!ppc_fp_keeps_record(ctx, ctx->insn)) {
        ppc_fp_flush_record(ctx);
    }
    if (!ppc_decode(ctx)) {
        ppc_gen_illegal(ctx);
    }
    cr_forget_written(ctx, first_op);
    if (ctx->end_after_insn && db->is_jmp == DISAS_NEXT) {
        ppc_gen_store_nip(db->pc_next);
        db->is_jmp = (DisasJumpType)PPC_DISAS_EXIT;
        db->tb_flags_may_change = true;
    }
    ctx->end_after_insn = false;
}

static void ppc_tb_stop(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *ctx = (DisasContext *)db;
    switch (db->is_jmp) {
    case DISAS_NORETURN:
        break;
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        ppc_fp_flush_record(ctx);
        ppc_gen_goto(ctx, 0, db->pc_next);
        break;
    case PPC_DISAS_EXIT:
        /* nip is already stored */
        ppc_fp_flush_record(ctx);
        tcg_gen_lookup_and_goto_ptr();
        break;
    default:
        abort();
    }
    ppc_fp_gen_slow_paths(ctx);
}

static const TranslatorOps ppc_translator_ops = {
    .init_disas_context = ppc_init_disas_context,
    .tb_start = ppc_tb_start,
    .insn_start = ppc_insn_start,
    .translate_insn = ppc_translate_insn,
    .tb_stop = ppc_tb_stop,
};

static void ppc_translate(CPUState *cpu, TranslationBlock *tb, int max_insns)
{
    DisasContext ctx = { 0 };
    translator_loop(cpu, tb, max_insns, &ppc_translator_ops, &ctx.base);
}

static void ppc_get_tb_cpu_state(CPUState *cpu, uint32_t *pc, uint32_t *cs_base,
                                 uint32_t *flags)
{
    CPUPPCState *env = (CPUPPCState *)cpu;
    *pc = env->nip;
    *cs_base = 0;
    /* Enabled FP exceptions (rare): FP ops then take the raising path.
     * The enable bits change only at block ends (translate-fp.c). */
    *flags = (env->fpscr & 0xf8) || (env->msr & (MSR_FE0 | MSR_FE1)) ? PPC_TBF_FPEXC : 0;
    /* FP fast state: checked after every FP op that may change it */
    if (!*flags && (env->fpscr & PPC_FPSCR_FAST_MASK) == PPC_FPSCR_FAST) {
        *flags |= PPC_TBF_FPFAST;
    }
    /* SO changes only at block ends (ppc_so_may_change). */
    *flags |= env->xer_so ? PPC_TBF_SO : 0;
}

static void ppc_restore_state_to_opc(CPUState *cpu, const uint64_t *data)
{
    ((CPUPPCState *)cpu)->nip = (uint32_t)data[0];
}

static void ppc_dump_state(CPUState *cpu, FILE *f)
{
    CPUPPCState *env = (CPUPPCState *)cpu;

    fprintf(f, "NIP %08x LR %08x CTR %08x XER %08x CR %08x FPSCR %08x\n",
            env->nip, env->lr, env->ctr, ppc_get_xer(env), ppc_get_cr(env),
            env->fpscr);
    for (int i = 0; i < 32; i++) {
        fprintf(f, "r%-2d %08x%s", i, env->gpr[i], (i & 7) == 7 ? "\n" : " ");
    }
}

/* A user-mode ISI (fetch) or DSI (data; error_code 1 if the page is
 * mapped but forbids the access). */
static void ppc_raise_user_fault(CPUState *cpu, uint32_t addr, int access, bool present)
{
    if (access == MMU_INST_FETCH) {
        cpu->exception_index = POWERPC_EXCP_ISI;
    } else {
        cpu->exception_index = POWERPC_EXCP_DSI;
        cpu->error_code = present ? 1 : 0;
    }
    cpu->fault_addr = addr;
    cpu->fault_is_write = access == MMU_DATA_STORE;
}

/* target-ppc/gdbstub.c */
extern const struct GdbArch ppc_gdb_arch;

const GuestArch ppc_guest_arch = {
    .name = "ppc",
    .env_size = sizeof(CPUPPCState),
    .big_endian = true,
    .gdb = &ppc_gdb_arch,
    .tcg_init = ppc_tcg_init,
    .translate = ppc_translate,
    .get_tb_cpu_state = ppc_get_tb_cpu_state,
    .restore_state_to_opc = ppc_restore_state_to_opc,
    .dump_state = ppc_dump_state,
    .raise_user_fault = ppc_raise_user_fault,
    .pc_offset = offsetof(CPUPPCState, nip),
    .capstone_arch = CS_ARCH_PPC,
    .capstone_mode = CS_MODE_32 | CS_MODE_BIG_ENDIAN,
};
