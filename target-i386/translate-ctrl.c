/*
 * Control transfer: Jcc, JMP, CALL, RET, LOOP/JCXZ, ENTER/LEAVE; far
 * JMP/CALL/RET and IRET through far_helper.c; INT3/INT n/INTO as
 * software-interrupt events (vector n, the EIP after the instruction).
 * Direct targets end the block with goto_tb, indirect ones with a lookup.
 */
#include "target-i386/translate-int.h"

/* The target of a relative jump with operand size dflag. */
static uint32_t x86_rel_target(DisasContext *s, int32_t disp)
{
    uint32_t t = x86_eip_next(s) + (uint32_t)disp;
    return s->dflag == MO_16 ? (t & 0xffff) : t;
}

/*
 * A jump back to this block or to code before it closes a loop: the
 * block is worth the optimizer (tcg_ctx->block_cold, set for every block
 * in x86_init_disas_context). Most code of a short-lived program runs a
 * few times and never takes such a jump; its blocks skip the optimizer,
 * which costs more than it saves there.
 */
static void x86_note_jump_target(DisasContext *s, uint32_t target)
{
    if (target + s->cs_base < s->base.pc_next) {
        tcg_ctx->block_cold = false;
    }
}

static int32_t x86_ld_rel(DisasContext *s, bool byte)
{
    if (byte) {
        return (int8_t)x86_ldub_code(s);
    }
    if (s->dflag == MO_16) {
        return (int16_t)x86_lduw_code(s);
    }
    return (int32_t)x86_ldl_code(s);
}

/* Branches to `taken` if condition label logic chose it, else falls on. */
static void x86_gen_cond_jump(DisasContext *s, TCGLabel *taken, uint32_t target)
{
    x86_gen_jmp_eip(s, x86_eip_next(s), 1);
    gen_set_label(taken);
    x86_gen_jmp_eip(s, target, 0);
}

bool x86_op_jcc(DisasContext *s, int b)
{
    int32_t disp = x86_ld_rel(s, b < 0x100);
    uint32_t target = x86_rel_target(s, disp);
    TCGLabel *taken = gen_new_label();
    x86_note_jump_target(s, target);
    x86_gen_jcc(s, b & 0xf, taken);
    x86_gen_cond_jump(s, taken, target);
    return true;
}

bool x86_op_jmp(DisasContext *s, int b)
{
    int32_t disp = x86_ld_rel(s, b == 0xeb);
    uint32_t target = x86_rel_target(s, disp);
    x86_note_jump_target(s, target);
    x86_gen_jmp_eip(s, target, 0);
    return true;
}

/*
 * Near CALL and RET use the return-address predictor (docs/tcg.md): the
 * call, after its push, records (return address, flags, its block's
 * return slot) under the new ESP; the return, with ESP before its pop,
 * jumps through that slot if the popped address and its flags are the
 * recorded ones, else looks up. Not with TF or a pending exit to the
 * loop, which end blocks their own way.
 */
static void x86_gen_call_push_ret(DisasContext *s)
{
    if (!s->tf && !s->exit_to_loop) {
        translator_gen_ret_push(&s->base, x86_eip_next(s), x86_regs[R_ESP]);
    }
}

bool x86_op_call(DisasContext *s, int b)
{
    int32_t disp = x86_ld_rel(s, false);
    uint32_t target = x86_rel_target(s, disp);
    x86_gen_push(s, s->dflag, tcg_constant_i32(x86_eip_next(s)));
    x86_gen_call_push_ret(s);
    x86_gen_jmp_eip(s, target, 0);
    return true;
}

bool x86_op_ret(DisasContext *s, int b)
{
    uint32_t extra = b == 0xc2 ? x86_lduw_code(s) : 0;
    TCGv_i32 eip = tcg_temp_new_i32(), sp = tcg_temp_new_i32();
    x86_gen_pop(s, s->dflag, eip);
    tcg_gen_mov_i32(sp, x86_regs[R_ESP]);
    TCGv_i32 nesp = tcg_temp_new_i32();
    tcg_gen_addi_i32(nesp, x86_regs[R_ESP], (1 << s->dflag) + extra);
    x86_gen_op_mov_reg_v(s, s->ss32 ? MO_32 : MO_16, R_ESP, nesp);
    if (s->tf || s->exit_to_loop) {
        x86_gen_jmp_v(s, eip);
        return true;
    }
    x86_gen_update_cc_op(s);
    x86_gen_store_eip_v(eip);
    translator_gen_ret_lookup(&s->base, eip, sp);
    s->base.is_jmp = DISAS_NORETURN;
    return true;
}

bool x86_op_loop(DisasContext *s, int b)
{
    int32_t disp = (int8_t)x86_ldub_code(s);
    uint32_t target = x86_rel_target(s, disp);
    TCGLabel *taken = gen_new_label(), *not_taken = gen_new_label();
    x86_note_jump_target(s, target);
    TCGv_i32 cnt = tcg_temp_new_i32();
    if (b == 0xe3) {
        x86_gen_update_cc_op(s);
        x86_gen_op_mov_v_reg(s, s->aflag, cnt, R_ECX);
        tcg_gen_brcondi_i32(TCG_COND_EQ, cnt, 0, taken);
        x86_gen_cond_jump(s, taken, target);
        return true;
    }
    tcg_gen_subi_i32(cnt, x86_regs[R_ECX], 1);
    x86_gen_op_mov_reg_v(s, s->aflag, R_ECX, cnt);
    if (s->aflag == MO_16) {
        tcg_gen_ext16u_i32(cnt, cnt);
    }
    if (b == 0xe2) {
        x86_gen_update_cc_op(s);
        tcg_gen_brcondi_i32(TCG_COND_NE, cnt, 0, taken);
    } else {
        /* LOOPNE (E0): ZF = 0; LOOPE (E1): ZF = 1 */
        TCGLabel *zf_ok = gen_new_label();
        TCGv_i32 z = tcg_temp_new_i32();
        x86_gen_setcc(s, 4, z);
        x86_gen_update_cc_op(s);
        tcg_gen_brcondi_i32(TCG_COND_EQ, cnt, 0, not_taken);
        tcg_gen_brcondi_i32(b == 0xe1 ? TCG_COND_NE : TCG_COND_EQ, z, 0, zf_ok);
        tcg_gen_br(not_taken);
        gen_set_label(zf_ok);
        tcg_gen_br(taken);
    }
    gen_set_label(not_taken);
    x86_gen_cond_jump(s, taken, target);
    return true;
}

/* Far JMP (call = false) or CALL to sel:eip (values), then the block
 * ends: CS, the CPL and the mode may have changed. */
static void x86_gen_far(DisasContext *s, bool call, TCGv_i32 sel, TCGv_i32 eip)
{
    x86_gen_update_cc_op(s);
    if (call) {
        tcg_gen_call5(&x86_helper_info_lcall, NULL, tcg_env(), sel, eip,
                      tcg_constant_i32(s->dflag == MO_32),
                      tcg_constant_i32(x86_eip_next(s)));
    } else {
        tcg_gen_call4(&x86_helper_info_ljmp, NULL, tcg_env(), sel, eip,
                      tcg_constant_i32(x86_eip_next(s)));
    }
    x86_set_cc_op(s, CC_OP_DYNAMIC);
    s->base.is_jmp = (DisasJumpType)DISAS_JUMP;
    s->base.tb_flags_may_change = true;
}

bool x86_gen_call_jmp_indirect(DisasContext *s, int op, int modrm)
{
    X86Modrm m = x86_split_modrm(modrm);
    if (op == 3 || op == 5) {
        if (m.mod == 3) {
            return false;
        }
        TCGv_i32 addr = x86_gen_lea_modrm(s, modrm);
        TCGv_i32 eip = tcg_temp_new_i32(), sel = tcg_temp_new_i32();
        TCGv_i32 a2 = tcg_temp_new_i32();
        x86_gen_ld(s, s->dflag, eip, addr);
        tcg_gen_addi_i32(a2, addr, 1 << s->dflag);
        x86_gen_ld(s, MO_16, sel, a2);
        x86_gen_far(s, op == 3, sel, eip);
        return true;
    }
    TCGv_i32 target = tcg_temp_new_i32();
    x86_gen_ld_rm(s, modrm, s->dflag, target, NULL);
    if (op == 2) {
        x86_gen_push(s, s->dflag, tcg_constant_i32(x86_eip_next(s)));
        x86_gen_call_push_ret(s);
    }
    x86_gen_jmp_v(s, target);
    return true;
}

/* Far CALL/JMP ptr16:16/32 (9A EA), far RET (CA CB). */
bool x86_op_far(DisasContext *s, int b)
{
    if (b == 0x9a || b == 0xea) {
        uint32_t eip = x86_ld_imm(s, s->dflag);
        uint32_t sel = x86_lduw_code(s);
        x86_gen_far(s, b == 0x9a, tcg_constant_i32(sel), tcg_constant_i32(eip));
        return true;
    }
    uint32_t extra = b == 0xca ? x86_lduw_code(s) : 0;
    x86_gen_update_cc_op(s);
    tcg_gen_call3(&x86_helper_info_lret, NULL, tcg_env(),
                  tcg_constant_i32(s->dflag == MO_32), tcg_constant_i32(extra));
    x86_set_cc_op(s, CC_OP_DYNAMIC);
    s->base.is_jmp = (DisasJumpType)DISAS_JUMP;
    s->base.tb_flags_may_change = true;
    return true;
}

bool x86_op_iret(DisasContext *s, int b)
{
    if (s->vm86 && s->iopl != 3) {
        x86_gen_exception(s, EXCP0D_GPF);
        return true;
    }
    x86_gen_update_cc_op(s);
    tcg_gen_call3(&x86_helper_info_iret, NULL, tcg_env(),
                  tcg_constant_i32(s->dflag == MO_32),
                  tcg_constant_i32(x86_eip_next(s)));
    x86_set_cc_op(s, CC_OP_DYNAMIC);
    s->base.is_jmp = (DisasJumpType)DISAS_JUMP;
    s->base.tb_flags_may_change = true;
    s->exit_to_loop = true;   /* IF may be set again */
    return true;
}

/* A software interrupt: EIP stays at the instruction; the helper records
 * the EIP after it (the return address). */
static void x86_gen_interrupt(DisasContext *s, int vector)
{
    x86_gen_update_cc_op(s);
    x86_gen_store_eip(s, x86_eip_cur(s));
    tcg_gen_call3(&x86_helper_info_raise_interrupt, NULL, tcg_env(),
                  tcg_constant_i32(vector),
                  tcg_constant_i32(s->base.pc_next - s->pc_start));
    s->base.is_jmp = DISAS_NORETURN;
}

bool x86_op_int(DisasContext *s, int b)
{
    switch (b) {
    case 0xcc:
        x86_gen_interrupt(s, EXCP03_INT3);
        return true;
    case 0xf1:
        /* ICEBP: a #DB trap, without the gate DPL check of INT n. */
        x86_gen_exception_next(s, EXCP01_DB);
        return true;
    case 0xce: {
        TCGLabel *l = gen_new_label();
        TCGv_i32 of = tcg_temp_new_i32();
        x86_gen_setcc(s, 0, of);
        x86_gen_update_cc_op(s);
        tcg_gen_brcondi_i32(TCG_COND_EQ, of, 0, l);
        x86_gen_interrupt(s, EXCP04_INTO);
        gen_set_label(l);
        s->base.is_jmp = DISAS_NEXT;
        return true;
    }
    default: {
        int n = x86_ldub_code(s);
        if (s->vm86 && s->iopl != 3) {
            x86_gen_exception(s, EXCP0D_GPF);
        } else {
            x86_gen_interrupt(s, n);
        }
        return true;
    }
    }
}

/*
 * ENTER as the CPU does it: the pushes, then a write check of the new
 * stack top (a fault there, or in any push, leaves ESP and EBP as they
 * were); ESP and EBP change only at the end.
 */
/* A new temp: v as a stack pointer (with a 16-bit stack, old's high half). */
static TCGv_i32 x86_stack_width(DisasContext *s, TCGv_i32 old, TCGv_i32 v)
{
    TCGv_i32 r = tcg_temp_new_i32();
    if (s->ss32) {
        tcg_gen_mov_i32(r, v);
    } else {
        tcg_gen_deposit_i32(r, old, v, 0, 16);
    }
    return r;
}

bool x86_op_enter(DisasContext *s, int b)
{
    uint32_t size = x86_lduw_code(s);
    int level = x86_ldub_code(s) & 31;
    MemOp ot = s->dflag;
    int w = 1 << ot;
    TCGv_i32 v = tcg_temp_new_i32();
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_subi_i32(t, x86_regs[R_ESP], w);
    x86_gen_st(s, ot, x86_regs[R_EBP], x86_gen_stack_addr(s, t, 0));
    TCGv_i32 frame = x86_stack_width(s, x86_regs[R_ESP], t);
    if (level > 0) {
        for (int i = 1; i < level; i++) {
            TCGv_i32 src = x86_gen_stack_addr(s, x86_regs[R_EBP], -w * i);
            x86_gen_ld(s, ot, v, src);
            tcg_gen_subi_i32(t, t, w);
            x86_gen_st(s, ot, v, x86_gen_stack_addr(s, t, 0));
        }
        tcg_gen_subi_i32(t, t, w);
        x86_gen_st(s, ot, frame, x86_gen_stack_addr(s, t, 0));
    }
    tcg_gen_subi_i32(t, t, size);
    if (size) {
        /* The write check of the new top: an atomic add of 0 to the
         * operand-size word there, which probes it for writing (#AC, and
         * a fault there is a write fault whatever the frame copy read). */
        TCGv_i32 a = x86_gen_stack_addr(s, t, 0);
        x86_gen_check_store(s, a, ot);
        tcg_gen_call4(&x86_helper_info_atomic_rmw, tcgv_i32_temp(v), tcg_env(), a,
                      tcg_constant_i32(0), tcg_constant_i32(X86_ATOMIC_ADD | ot));
    }
    TCGv_i32 nesp = x86_stack_width(s, x86_regs[R_ESP], t);
    x86_gen_op_mov_reg_v(s, ot, R_EBP, frame);
    x86_gen_op_mov_reg_v(s, s->ss32 ? MO_32 : MO_16, R_ESP, nesp);
    return true;
}

bool x86_op_leave(DisasContext *s, int b)
{
    MemOp ot = s->dflag;
    TCGv_i32 v = tcg_temp_new_i32(), nesp = tcg_temp_new_i32();
    TCGv_i32 a = x86_gen_stack_addr(s, x86_regs[R_EBP], 0);
    x86_gen_ld(s, ot, v, a);
    tcg_gen_addi_i32(nesp, x86_regs[R_EBP], 1 << ot);
    x86_gen_op_mov_reg_v(s, s->ss32 ? MO_32 : MO_16, R_ESP, nesp);
    x86_gen_op_mov_reg_v(s, ot, R_EBP, v);
    return true;
}
