/*
 * System instructions of the i386 front end: HLT, CLI/STI, IN/OUT and
 * INS/OUTS, the 0F 00 group (SLDT STR LLDT LTR VERR VERW), the 0F 01
 * group (SGDT SIDT LGDT LIDT SMSW LMSW INVLPG), LAR/LSL, ARPL, CLTS,
 * SYSENTER/SYSEXIT (the CR0 side of LMSW/CLTS and INVLPG are
 * misc_helper.c's). Privilege is decided at translation time from the
 * block flags (CPL, IOPL, PE, VM86) as the CPU decides it; descriptor
 * work is done by the helpers in seg_helper.c.
 */
#include "target-i386/misc_helper.h"
#include "target-i386/translate-int.h"

/* #GP(0) unless CPL 0 (real mode is CPL 0; VM86 is CPL 3). */
static bool x86_need_cpl0(DisasContext *s)
{
    if (s->cpl != 0) {
        x86_gen_exception(s, EXCP0D_GPF);
        return false;
    }
    return true;
}

/* Ends the block after this instruction: the mode or flags may differ. */
static void x86_end_block_flags(DisasContext *s)
{
    s->base.is_jmp = (DisasJumpType)DISAS_EOB_NEXT;
    s->base.tb_flags_may_change = true;
}

/* Whether IOPL-sensitive instructions (CLI, STI, IN/OUT without the
 * bitmap) may run: real mode, or CPL <= IOPL outside VM86. */
static bool x86_iopl_ok(DisasContext *s)
{
    return !s->pe || (!s->vm86 && s->cpl <= s->iopl);
}

bool x86_op_hlt(DisasContext *s, int b)
{
    if (!x86_need_cpl0(s)) {
        return true;
    }
    x86_gen_update_cc_op(s);
    x86_gen_store_eip(s, x86_eip_next(s));
    tcg_gen_call1(&x86_helper_info_hlt, NULL, tcg_env());
    s->base.is_jmp = DISAS_NORETURN;
    return true;
}

/* CLI (FA) / STI (FB). STI opens the interrupt shadow: the next
 * instruction runs before any interrupt is taken. */
bool x86_op_cli_sti(DisasContext *s, int b)
{
    if (!(s->vm86 ? s->iopl == 3 : x86_iopl_ok(s))) {
        x86_gen_exception(s, EXCP0D_GPF);
        return true;
    }
    TCGv_i32 ef = tcg_temp_new_i32();
    tcg_gen_ld_i32(ef, tcg_env(), ENV_OFF(eflags), MO_32);
    if (b == 0xfa) {
        tcg_gen_andi_i32(ef, ef, ~(uint32_t)IF_MASK);
        tcg_gen_st_i32(ef, tcg_env(), ENV_OFF(eflags), MO_32);
        return true;
    }
    tcg_gen_ori_i32(ef, ef, IF_MASK);
    tcg_gen_st_i32(ef, tcg_env(), ENV_OFF(eflags), MO_32);
    x86_gen_set_inhibit_irq(s);
    s->exit_to_loop = true;
    return true;
}

void x86_gen_set_inhibit_irq(DisasContext *s)
{
    TCGv_i32 hf = tcg_temp_new_i32();
    tcg_gen_ld_i32(hf, tcg_env(), ENV_OFF(hflags), MO_32);
    tcg_gen_ori_i32(hf, hf, HF_INHIBIT_IRQ_MASK);
    tcg_gen_st_i32(hf, tcg_env(), ENV_OFF(hflags), MO_32);
    x86_end_block_flags(s);
}

/* ---- I/O ---- */

/* The permission check of an access to port (a value) of size 1 << ot. */
static void x86_gen_check_io(DisasContext *s, TCGv_i32 port, MemOp ot)
{
    if (x86_iopl_ok(s)) {
        return;
    }
    x86_gen_update_cc_op(s);
    tcg_gen_call3(&x86_helper_info_check_io, NULL, tcg_env(), port,
                  tcg_constant_i32(1 << ot));
}

static void x86_gen_in(TCGv_i32 v, TCGv_i32 port, MemOp ot)
{
    tcg_gen_call3(&x86_helper_info_in, tcgv_i32_temp(v), tcg_env(), port,
                  tcg_constant_i32(1 << ot));
}

static void x86_gen_out(TCGv_i32 v, TCGv_i32 port, MemOp ot)
{
    tcg_gen_call4(&x86_helper_info_out, NULL, tcg_env(), port, v,
                  tcg_constant_i32(1 << ot));
}

/* E4-E7 (port imm8), EC-EF (port DX). */
bool x86_op_in_out(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    TCGv_i32 port = tcg_temp_new_i32(), v = tcg_temp_new_i32();
    if (b < 0xe8) {
        tcg_gen_movi_i32(port, x86_ldub_code(s));
    } else {
        tcg_gen_ext16u_i32(port, x86_regs[R_EDX]);
    }
    x86_gen_check_io(s, port, ot);
    if (b & 2) {
        x86_gen_op_mov_v_reg(s, ot, v, R_EAX);
        x86_gen_out(v, port, ot);
        /* A device may have raised an interrupt or changed the machine. */
        s->base.is_jmp = (DisasJumpType)DISAS_EOB_NEXT;
    } else {
        x86_gen_in(v, port, ot);
        x86_gen_op_mov_reg_v(s, ot, R_EAX, v);
    }
    return true;
}

/* INS (6C 6D) / OUTS (6E 6F), with REP as a loop in the block. */
bool x86_op_io_string(DisasContext *s, int b)
{
    MemOp ot = x86_ot_b(s, b);
    bool out = (b & 2) != 0;
    TCGv_i32 port = tcg_temp_new_i32();
    tcg_gen_ext16u_i32(port, x86_regs[R_EDX]);
    x86_gen_check_io(s, port, ot);
    TCGv_i32 step = tcg_temp_new_i32();
    tcg_gen_sari_i32(step, x86_df, 31);
    tcg_gen_shli_i32(step, step, ot + 1);
    tcg_gen_addi_i32(step, step, 1 << ot);
    bool rep = (s->prefixes & (PREFIX_REPZ | PREFIX_REPNZ)) != 0;
    TCGLabel *top = gen_new_label(), *done = gen_new_label();
    TCGv_i32 cnt = tcg_temp_new_i32(), v = tcg_temp_new_i32();
    TCGv_i32 a = tcg_temp_new_i32(), t = tcg_temp_new_i32();
    int reg = out ? R_ESI : R_EDI;
    x86_gen_update_cc_op(s);
    gen_set_label(top);
    if (rep) {
        x86_gen_op_mov_v_reg(s, s->aflag, cnt, R_ECX);
        tcg_gen_brcondi_i32(TCG_COND_EQ, cnt, 0, done);
    }
    x86_gen_op_mov_v_reg(s, s->aflag, a, reg);
    if (out) {
        x86_gen_add_seg(s, a, R_DS, true);
        x86_gen_ld(s, ot, v, a);
        x86_gen_out(v, port, ot);
    } else {
        x86_gen_add_seg(s, a, R_ES, false);
        /* The store is probed first so a fault does not lose the input. */
        x86_gen_ld(s, ot, v, a);
        x86_gen_in(v, port, ot);
        x86_gen_st(s, ot, v, a);
    }
    tcg_gen_add_i32(t, x86_regs[reg], step);
    x86_gen_op_mov_reg_v(s, s->aflag, reg, t);
    if (rep) {
        tcg_gen_subi_i32(cnt, cnt, 1);
        x86_gen_op_mov_reg_v(s, s->aflag, R_ECX, cnt);
        tcg_gen_br(top);
    }
    gen_set_label(done);
    if (out) {
        s->base.is_jmp = (DisasJumpType)DISAS_EOB_NEXT;
    }
    return true;
}

/* ---- 0F 00: SLDT STR LLDT LTR VERR VERW ---- */

static void x86_gen_zf(DisasContext *s, TCGv_i32 zf)
{
    x86_gen_compute_eflags(s);
    TCGv_i32 f = tcg_temp_new_i32(), z = tcg_temp_new_i32();
    tcg_gen_andi_i32(f, x86_cc_src, ~(uint32_t)CC_Z);
    tcg_gen_shli_i32(z, zf, 6);
    tcg_gen_or_i32(f, f, z);
    x86_set_cc_eflags(s, f);
}

bool x86_op_grp6(DisasContext *s, int b)
{
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    if (!s->pe || s->vm86 || m.reg >= 6) {
        return false;
    }
    TCGv_i32 v = tcg_temp_new_i32(), addr;
    switch (m.reg) {
    case 0: /* SLDT */
    case 1: /* STR */
        tcg_gen_ld_i32(v, tcg_env(), m.reg == 0 ? ENV_OFF(ldt.selector)
                                                 : ENV_OFF(tr.selector), MO_32);
        if (m.mod == 3) {
            x86_gen_op_mov_reg_v(s, s->dflag, m.rm, v);
        } else {
            x86_gen_st(s, MO_16, v, x86_gen_lea_modrm(s, modrm));
        }
        return true;
    case 2: /* LLDT */
    case 3: /* LTR */
        if (!x86_need_cpl0(s)) {
            return true;
        }
        x86_gen_ld_rm(s, modrm, MO_16, v, &addr);
        x86_gen_update_cc_op(s);
        tcg_gen_call2(m.reg == 2 ? &x86_helper_info_lldt : &x86_helper_info_ltr,
                      NULL, tcg_env(), v);
        return true;
    default: { /* VERR, VERW */
        TCGv_i32 zf = tcg_temp_new_i32();
        x86_gen_ld_rm(s, modrm, MO_16, v, &addr);
        x86_gen_update_cc_op(s);
        tcg_gen_call3(&x86_helper_info_verr_verw, tcgv_i32_temp(zf), tcg_env(), v,
                      tcg_constant_i32(m.reg == 5));
        x86_gen_zf(s, zf);
        return true;
    }
    }
}

/* ---- 0F 01: SGDT SIDT LGDT LIDT SMSW LMSW INVLPG ---- */

bool x86_op_grp7(DisasContext *s, int b)
{
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    TCGv_i32 v = tcg_temp_new_i32(), addr, a2 = tcg_temp_new_i32();
    if (m.mod == 3 && m.reg != 4 && m.reg != 6) {
        return false;   /* MONITOR, MWAIT, ... not implemented */
    }
    switch (m.reg) {
    case 0: /* SGDT */
    case 1: { /* SIDT */
        intptr_t lim = m.reg == 0 ? ENV_OFF(gdtr.limit) : ENV_OFF(idtr.limit);
        intptr_t base = m.reg == 0 ? ENV_OFF(gdtr.base) : ENV_OFF(idtr.base);
        addr = x86_gen_lea_modrm(s, modrm);
        tcg_gen_ld_i32(v, tcg_env(), lim, MO_32);
        x86_gen_st(s, MO_16, v, addr);
        tcg_gen_ld_i32(v, tcg_env(), base, MO_32);
        if (s->dflag == MO_16) {
            tcg_gen_andi_i32(v, v, 0xffffff);
        }
        tcg_gen_addi_i32(a2, addr, 2);
        x86_gen_st(s, MO_32, v, a2);
        return true;
    }
    case 2: /* LGDT */
    case 3: { /* LIDT */
        if (!x86_need_cpl0(s)) {
            return true;
        }
        intptr_t lim = m.reg == 2 ? ENV_OFF(gdtr.limit) : ENV_OFF(idtr.limit);
        intptr_t base = m.reg == 2 ? ENV_OFF(gdtr.base) : ENV_OFF(idtr.base);
        TCGv_i32 bv = tcg_temp_new_i32();
        addr = x86_gen_lea_modrm(s, modrm);
        x86_gen_ld(s, MO_16, v, addr);
        tcg_gen_addi_i32(a2, addr, 2);
        x86_gen_ld(s, MO_32, bv, a2);
        if (s->dflag == MO_16) {
            tcg_gen_andi_i32(bv, bv, 0xffffff);
        }
        tcg_gen_st_i32(v, tcg_env(), lim, MO_32);
        tcg_gen_st_i32(bv, tcg_env(), base, MO_32);
        return true;
    }
    case 4: /* SMSW */
        tcg_gen_ld_i32(v, tcg_env(), ENV_OFF(cr[0]), MO_32);
        if (m.mod == 3) {
            x86_gen_op_mov_reg_v(s, s->dflag, m.rm, v);
        } else {
            x86_gen_st(s, MO_16, v, x86_gen_lea_modrm(s, modrm));
        }
        return true;
    case 6: /* LMSW */
        if (!x86_need_cpl0(s)) {
            return true;
        }
        x86_gen_ld_rm(s, modrm, MO_16, v, NULL);
        x86_gen_update_cc_op(s);
        tcg_gen_call2(&x86_helper_info_lmsw, NULL, tcg_env(), v);
        x86_end_block_flags(s);
        return true;
    case 7: /* INVLPG */
        if (!x86_need_cpl0(s)) {
            return true;
        }
        addr = x86_gen_lea_modrm(s, modrm);
        tcg_gen_call2(&x86_helper_info_invlpg, NULL, tcg_env(), addr);
        x86_end_block_flags(s);
        return true;
    default:
        return false;
    }
}

bool x86_op_clts(DisasContext *s, int b)
{
    if (!x86_need_cpl0(s)) {
        return true;
    }
    tcg_gen_call1(&x86_helper_info_clts, NULL, tcg_env());
    x86_end_block_flags(s);
    return true;
}

/* ---- LAR, LSL, ARPL ---- */

bool x86_op_lar_lsl(DisasContext *s, int b)
{
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    if (!s->pe || s->vm86) {
        return false;
    }
    TCGv_i32 sel = tcg_temp_new_i32(), res = tcg_temp_new_i32();
    TCGv_i32 zf = tcg_temp_new_i32();
    TCGv_i64 r = tcg_temp_new_i64();
    x86_gen_ld_rm(s, modrm, MO_16, sel, NULL);
    x86_gen_update_cc_op(s);
    tcg_gen_call3(&x86_helper_info_lar_lsl, tcgv_i64_temp(r), tcg_env(), sel,
                  tcg_constant_i32(b == 0x103));
    tcg_gen_extrl_i64_i32(res, r);
    tcg_gen_extrh_i64_i32(zf, r);
    /* The destination changes only when ZF is set. */
    TCGv_i32 old = tcg_temp_new_i32();
    x86_gen_op_mov_v_reg(s, s->dflag, old, m.reg);
    tcg_gen_movcond_i32(TCG_COND_NE, res, zf, tcg_constant_i32(0), res, old);
    x86_gen_op_mov_reg_v(s, s->dflag, m.reg, res);
    x86_gen_zf(s, zf);
    return true;
}

/* ---- SYSENTER / SYSEXIT ---- */

bool x86_op_sysenter(DisasContext *s, int b)
{
    x86_gen_update_cc_op(s);
    x86_gen_store_eip(s, x86_eip_cur(s));
    tcg_gen_call1(b == 0x134 ? &x86_helper_info_sysenter : &x86_helper_info_sysexit,
                  NULL, tcg_env());
    s->base.is_jmp = (DisasJumpType)DISAS_JUMP;
    s->base.tb_flags_may_change = true;
    return true;
}
