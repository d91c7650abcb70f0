/*
 * Stack and flag instructions (PUSH/POP in all forms, PUSHA/POPA,
 * PUSHF/POPF, LAHF/SAHF, CLC/STC/CMC/CLD/STD), segment registers (MOV,
 * PUSH/POP, LDS..LGS), CPUID, RDTSC, fences, hint NOPs, and the
 * instructions user mode may not run (#GP) or that do not exist (#UD).
 */
#include "target-i386/misc_helper.h"
#include "target-i386/translate-int.h"
#include "target-i386/x87.h"

bool x86_op_push_reg(DisasContext *s, int b)
{
    /* (push %esp stores the old value: the store comes before ESP changes) */
    x86_gen_push(s, s->dflag, x86_reg_src(s, s->dflag, b & 7));
    return true;
}

bool x86_op_pop_reg(DisasContext *s, int b)
{
    TCGv_i32 v = tcg_temp_new_i32();
    x86_gen_pop(s, s->dflag, v);
    x86_gen_pop_update(s, s->dflag);
    x86_gen_op_mov_reg_v(s, s->dflag, b & 7, v);
    return true;
}

bool x86_op_push_imm(DisasContext *s, int b)
{
    uint32_t v;
    if (b == 0x6a) {
        v = (uint32_t)(int8_t)x86_ldub_code(s);
    } else {
        v = x86_ld_imm(s, s->dflag);
    }
    x86_gen_push(s, s->dflag, tcg_constant_i32(v));
    return true;
}

bool x86_op_pop_rm(DisasContext *s, int b)
{
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    if (m.reg != 0) {
        return false;
    }
    TCGv_i32 v = tcg_temp_new_i32();
    x86_gen_pop(s, s->dflag, v);
    if (m.mod == 3) {
        x86_gen_pop_update(s, s->dflag);
        x86_gen_op_mov_reg_v(s, s->dflag, m.rm, v);
        return true;
    }
    /* The address is computed with ESP already incremented. */
    TCGv_i32 old_esp = tcg_temp_new_i32();
    tcg_gen_mov_i32(old_esp, x86_regs[R_ESP]);
    x86_gen_pop_update(s, s->dflag);
    TCGv_i32 addr = x86_gen_lea_modrm(s, modrm);
    tcg_gen_mov_i32(x86_regs[R_ESP], old_esp);
    x86_gen_st(s, s->dflag, v, addr);
    x86_gen_pop_update(s, s->dflag);
    return true;
}

static int x86_seg_of_push_pop(int b)
{
    switch (b) {
    case 0x06: case 0x07: return R_ES;
    case 0x0e: return R_CS;
    case 0x16: case 0x17: return R_SS;
    case 0x1e: case 0x1f: return R_DS;
    case 0x1a0: case 0x1a1: return R_FS;
    default: return R_GS;
    }
}

static void x86_gen_get_selector(TCGv_i32 v, int seg)
{
    tcg_gen_ld_i32(v, tcg_env(), ENV_OFF(segs[seg].selector), MO_32);
}

bool x86_op_push_seg(DisasContext *s, int b)
{
    TCGv_i32 v = tcg_temp_new_i32();
    x86_gen_get_selector(v, x86_seg_of_push_pop(b));
    if (s->dflag == MO_16) {
        x86_gen_push(s, MO_16, v);
        return true;
    }
    /* A 32-bit push of a selector writes only the low word. */
    TCGv_i32 nesp = tcg_temp_new_i32();
    tcg_gen_subi_i32(nesp, x86_regs[R_ESP], 4);
    x86_gen_st(s, MO_16, v, x86_gen_stack_addr(s, nesp, 0));
    x86_gen_op_mov_reg_v(s, s->ss32 ? MO_32 : MO_16, R_ESP, nesp);
    return true;
}

void x86_gen_load_seg(DisasContext *s, int seg, TCGv_i32 sel)
{
    tcg_gen_call3(&x86_helper_info_load_seg, NULL, tcg_env(),
                  tcg_constant_i32(seg), sel);
    if (seg == R_SS) {
        /* No interrupt between MOV/POP SS and the next instruction. */
        x86_gen_set_inhibit_irq(s);
    } else {
        /* The block flags (ADDSEG, segment checks) may have changed. */
        s->base.is_jmp = (DisasJumpType)DISAS_EOB_NEXT;
        s->base.tb_flags_may_change = true;
    }
}

bool x86_op_pop_seg(DisasContext *s, int b)
{
    int seg = x86_seg_of_push_pop(b);
    TCGv_i32 v = tcg_temp_new_i32();
    x86_gen_pop(s, s->dflag, v);
    x86_gen_load_seg(s, seg, v);
    x86_gen_pop_update(s, s->dflag);
    return true;
}

bool x86_op_mov_seg(DisasContext *s, int b)
{
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    if (m.reg >= NB_SEGS) {
        return false;
    }
    TCGv_i32 v = tcg_temp_new_i32();
    if (b == 0x8c) {
        x86_gen_get_selector(v, m.reg);
        if (m.mod == 3) {
            x86_gen_op_mov_reg_v(s, s->dflag, m.rm, v);
        } else {
            x86_gen_st(s, MO_16, v, x86_gen_lea_modrm(s, modrm));
        }
        return true;
    }
    if (m.reg == R_CS) {
        return false;
    }
    x86_gen_ld_rm(s, modrm, MO_16, v, NULL);
    x86_gen_load_seg(s, m.reg, v);
    return true;
}

/* LES LDS LSS LFS LGS: reg = offset, seg = selector. */
bool x86_op_lxs(DisasContext *s, int b)
{
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    if (m.mod == 3) {
        return false;
    }
    int seg;
    switch (b) {
    case 0xc4: seg = R_ES; break;
    case 0xc5: seg = R_DS; break;
    case 0x1b2: seg = R_SS; break;
    case 0x1b4: seg = R_FS; break;
    default: seg = R_GS; break;
    }
    TCGv_i32 addr = x86_gen_lea_modrm(s, modrm);
    TCGv_i32 off = tcg_temp_new_i32(), sel = tcg_temp_new_i32();
    TCGv_i32 a2 = tcg_temp_new_i32();
    x86_gen_ld(s, s->dflag, off, addr);
    tcg_gen_addi_i32(a2, addr, 1 << s->dflag);
    x86_gen_ld(s, MO_16, sel, a2);
    x86_gen_load_seg(s, seg, sel);
    x86_gen_op_mov_reg_v(s, s->dflag, m.reg, off);
    return true;
}

bool x86_op_pusha(DisasContext *s, int b)
{
    MemOp ot = s->dflag;
    int w = 1 << ot;
    TCGv_i32 v = tcg_temp_new_i32();
    for (int i = 0; i < 8; i++) {
        x86_gen_op_mov_v_reg(s, ot, v, i);
        TCGv_i32 a = x86_gen_stack_addr(s, x86_regs[R_ESP], -w * (i + 1));
        x86_gen_st(s, ot, v, a);
    }
    TCGv_i32 nesp = tcg_temp_new_i32();
    tcg_gen_subi_i32(nesp, x86_regs[R_ESP], 8 * w);
    x86_gen_op_mov_reg_v(s, s->ss32 ? MO_32 : MO_16, R_ESP, nesp);
    return true;
}

bool x86_op_popa(DisasContext *s, int b)
{
    MemOp ot = s->dflag;
    int w = 1 << ot;
    TCGv_i32 vals[8];
    for (int i = 7; i >= 0; i--) {   /* from the lowest address, as the CPU */
        vals[i] = tcg_temp_new_i32();
        if (i == R_ESP) {
            continue;   /* skipped */
        }
        TCGv_i32 a = x86_gen_stack_addr(s, x86_regs[R_ESP], w * (7 - i));
        x86_gen_ld(s, ot, vals[i], a);
    }
    TCGv_i32 nesp = tcg_temp_new_i32();
    tcg_gen_addi_i32(nesp, x86_regs[R_ESP], 8 * w);
    x86_gen_op_mov_reg_v(s, s->ss32 ? MO_32 : MO_16, R_ESP, nesp);
    for (int i = 0; i < 8; i++) {
        if (i != R_ESP) {
            x86_gen_op_mov_reg_v(s, ot, i, vals[i]);
        }
    }
    return true;
}

bool x86_op_pushf(DisasContext *s, int b)
{
    if (s->vm86 && s->iopl != 3) {
        x86_gen_exception(s, EXCP0D_GPF);
        return true;
    }
    TCGv_i32 f = tcg_temp_new_i32();
    x86_gen_get_eflags(s, f);   /* a fault in the push restores these flags */
    tcg_gen_andi_i32(f, f, ~(uint32_t)(VM_MASK | RF_MASK));
    x86_gen_push(s, s->dflag, f);
    return true;
}

/* The EFLAGS bits POPF may change at any CPL; IF needs CPL <= IOPL, IOPL
 * needs CPL 0. */
#define X86_POPF_MASK (CC_ARITH_MASK | TF_MASK | DF_MASK | NT_MASK | AC_MASK | \
                       ID_MASK)

/* Leaves the block after this instruction (to the CPU loop). */
static void x86_gen_exit_after(DisasContext *s)
{
    if (s->cc_op != CC_OP_DYNAMIC) {
        tcg_gen_movi_i32(x86_cc_op, s->cc_op);
    }
    x86_gen_store_eip(s, x86_eip_next(s));
    tcg_gen_exit_tb(0);
}

/*
 * After POPF wrote EFLAGS (ef): the block goes on unless TF, IOPL or AC now
 * differ from the block flags, or IF is set with an interrupt pending;
 * then it leaves to the CPU loop (new flags, or the interrupt taken).
 */
static void x86_gen_popf_exit(DisasContext *s, TCGv_i32 ef, uint32_t mask)
{
    TCGv_i32 chg = tcg_temp_new_i32(), ifs = tcg_temp_new_i32();
    TCGLabel *same = gen_new_label(), *go_on = gen_new_label();
    tcg_gen_andi_i32(chg, ef, TF_MASK | IOPL_MASK | AC_MASK);
    tcg_gen_andi_i32(ifs, ef, IF_MASK);
    tcg_gen_brcondi_i32(TCG_COND_EQ, chg, s->tb_flags & (TF_MASK | IOPL_MASK | AC_MASK), same);
    x86_gen_exit_after(s);
    gen_set_label(same);
    if (mask & IF_MASK) {
        TCGv_i32 req = tcg_temp_new_i32();
        tcg_gen_brcondi_i32(TCG_COND_EQ, ifs, 0, go_on);
        tcg_gen_ld_i32(req, tcg_env(), offsetof(CPUState, interrupt_request), MO_32);
        tcg_gen_brcondi_i32(TCG_COND_EQ, req, 0, go_on);
        x86_gen_exit_after(s);
    }
    gen_set_label(go_on);
}

bool x86_op_popf(DisasContext *s, int b)
{
    if (s->vm86 && s->iopl != 3) {
        x86_gen_exception(s, EXCP0D_GPF);
        return true;
    }
    TCGv_i32 v = tcg_temp_new_i32(), t = tcg_temp_new_i32();
    uint32_t mask = X86_POPF_MASK;
    if (!s->pe || s->cpl <= s->iopl) {
        mask |= IF_MASK;
    }
    if (!s->pe || s->cpl == 0) {
        mask |= IOPL_MASK;
    }
    x86_gen_pop(s, s->dflag, v);
    x86_gen_pop_update(s, s->dflag);
    if (s->dflag == MO_16) {
        mask &= 0xffff;
    }
    /* Other bits: env->eflags = (eflags & ~mask) | (v & mask) */
    uint32_t other = mask & ~(uint32_t)(CC_ARITH_MASK | DF_MASK);
    TCGv_i32 ef = tcg_temp_new_i32();
    tcg_gen_ld_i32(ef, tcg_env(), ENV_OFF(eflags), MO_32);
    tcg_gen_andi_i32(ef, ef, ~other);
    tcg_gen_andi_i32(t, v, other);
    tcg_gen_or_i32(ef, ef, t);
    tcg_gen_st_i32(ef, tcg_env(), ENV_OFF(eflags), MO_32);
    /* DF: df = 1 - 2 * bit */
    tcg_gen_extract_i32(t, v, 10, 1);
    tcg_gen_shli_i32(t, t, 1);
    tcg_gen_sub_i32(x86_df, tcg_constant_i32(1), t);
    tcg_gen_andi_i32(t, v, CC_ARITH_MASK);
    x86_set_cc_eflags(s, t);
    x86_gen_popf_exit(s, ef, mask);
    return true;
}

bool x86_op_sahf(DisasContext *s, int b)
{
    uint32_t m = CC_S | CC_Z | CC_A | CC_P | CC_C;
    x86_gen_compute_eflags(s);
    TCGv_i32 f = tcg_temp_new_i32(), ah = tcg_temp_new_i32();
    tcg_gen_andi_i32(f, x86_cc_src, ~m);
    tcg_gen_extract_i32(ah, x86_regs[R_EAX], 8, 8);
    tcg_gen_andi_i32(ah, ah, m);
    tcg_gen_or_i32(f, f, ah);
    x86_set_cc_eflags(s, f);
    return true;
}

bool x86_op_lahf(DisasContext *s, int b)
{
    x86_gen_compute_eflags(s);
    TCGv_i32 f = tcg_temp_new_i32();
    tcg_gen_andi_i32(f, x86_cc_src, CC_S | CC_Z | CC_A | CC_P | CC_C);
    tcg_gen_ori_i32(f, f, 0x02);
    x86_gen_op_mov_reg_v(s, MO_8, 4, f);
    return true;
}

bool x86_op_flagop(DisasContext *s, int b)
{
    if (b == 0xfc || b == 0xfd) {
        tcg_gen_movi_i32(x86_df, b == 0xfc ? 1 : -1);
        return true;
    }
    x86_gen_compute_eflags(s);
    TCGv_i32 f = tcg_temp_new_i32();
    switch (b) {
    case 0xf5:
        tcg_gen_xori_i32(f, x86_cc_src, CC_C);
        break;
    case 0xf8:
        tcg_gen_andi_i32(f, x86_cc_src, ~(uint32_t)CC_C);
        break;
    default:
        tcg_gen_ori_i32(f, x86_cc_src, CC_C);
        break;
    }
    x86_set_cc_eflags(s, f);
    return true;
}

bool x86_op_nop_modrm(DisasContext *s, int b)
{
    int modrm = x86_ldub_code(s);
    if ((modrm >> 6) != 3) {
        int def_seg;
        tcg_temp_free_i32(x86_gen_ea_offset(s, modrm, &def_seg));
    }
    return true;
}

bool x86_op_cpuid(DisasContext *s, int b)
{
    tcg_gen_call1(&x86_helper_info_cpuid, NULL, tcg_env());
    return true;
}

bool x86_op_rdtsc(DisasContext *s, int b)
{
    TCGv_i64 t = tcg_temp_new_i64();
    if (s->cpl > 0) {
        /* CR4.TSD makes RDTSC privileged (SDM vol. 2B RDTSC). */
        tcg_gen_call2(&x86_helper_info_check_rdtsc, NULL, tcg_env(),
                      tcg_constant_i32(s->cpl));
    }
    tcg_gen_call1(&x86_helper_info_rdtsc, tcgv_i64_temp(t), tcg_env());
    tcg_gen_extrl_i64_i32(x86_regs[R_EAX], t);
    tcg_gen_extrh_i64_i32(x86_regs[R_EDX], t);
    return true;
}

bool x86_op_privileged(DisasContext *s, int b)
{
    x86_gen_exception(s, EXCP0D_GPF);
    return true;
}

bool x86_op_privileged_modrm(DisasContext *s, int b)
{
    x86_ldub_code(s);
    x86_gen_exception(s, EXCP0D_GPF);
    return true;
}

bool x86_op_ud(DisasContext *s, int b)
{
    return false;
}

/* ARPL Ew, Gw: raise the RPL of the destination selector. */
bool x86_op_arpl(DisasContext *s, int b)
{
    if (!s->pe || s->vm86) {
        return false;
    }
    int modrm = x86_ldub_code(s);
    TCGv_i32 d = tcg_temp_new_i32(), r = tcg_temp_new_i32(), addr;
    TCGv_i32 drpl = tcg_temp_new_i32(), rrpl = tcg_temp_new_i32();
    TCGv_i32 lt = tcg_temp_new_i32(), nd = tcg_temp_new_i32();
    x86_gen_ld_rm(s, modrm, MO_16, d, &addr);
    x86_gen_op_mov_v_reg(s, MO_16, r, (modrm >> 3) & 7);
    tcg_gen_andi_i32(drpl, d, 3);
    tcg_gen_andi_i32(rrpl, r, 3);
    tcg_gen_setcond_i32(TCG_COND_LTU, lt, drpl, rrpl);
    tcg_gen_andi_i32(nd, d, ~3u);
    tcg_gen_or_i32(nd, nd, rrpl);
    tcg_gen_movcond_i32(TCG_COND_NE, nd, lt, tcg_constant_i32(0), nd, d);
    if (addr) {
        /* Written only when the RPL changes (the CPU does not write a
         * read-only page otherwise); not a locked RMW: read faults stay
         * reads. */
        TCGLabel *same = gen_new_label();
        tcg_gen_brcondi_i32(TCG_COND_EQ, lt, 0, same);
        x86_gen_st(s, MO_16, nd, addr);
        gen_set_label(same);
    } else {
        x86_gen_st_rm(s, modrm, MO_16, nd, NULL);
    }
    x86_gen_compute_eflags(s);
    TCGv_i32 f = tcg_temp_new_i32();
    tcg_gen_andi_i32(f, x86_cc_src, ~(uint32_t)CC_Z);
    tcg_gen_shli_i32(lt, lt, 6);
    tcg_gen_or_i32(f, f, lt);
    x86_set_cc_eflags(s, f);
    return true;
}

/* BOUND Gv, Ma: #BR unless lower <= index <= upper (signed). */
static void x86_helper_bound(CPUX86State *env, uint32_t idx, uint32_t lo,
                             uint32_t hi)
{
    if ((int32_t)idx < (int32_t)lo || (int32_t)idx > (int32_t)hi) {
        env->cs.error_code = 0;
        cpu_raise_exception(&env->cs, EXCP05_BOUND, GETPC());
    }
}

static TCGHelperInfo x86_helper_info_bound =
    TCG_HELPER(x86_helper_bound, TCG_CALL_MAY_RAISE, TCG_HT_VOID,
               TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);

bool x86_op_bound(DisasContext *s, int b)
{
    int modrm = x86_ldub_code(s);
    X86Modrm m = x86_split_modrm(modrm);
    if (m.mod == 3) {
        return false;
    }
    MemOp ot = s->dflag;
    TCGv_i32 addr = x86_gen_lea_modrm(s, modrm);
    TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
    TCGv_i32 a2 = tcg_temp_new_i32(), idx = tcg_temp_new_i32();
    x86_gen_lds(s, ot, lo, addr);
    tcg_gen_addi_i32(a2, addr, 1 << ot);
    x86_gen_lds(s, ot, hi, a2);
    x86_gen_op_mov_v_reg(s, ot, idx, m.reg);
    x86_gen_ext(ot, idx, idx, true);
    tcg_gen_call4(&x86_helper_info_bound, NULL, tcg_env(), idx, lo, hi);
    return true;
}

/* 0F AE: the fences (mod = 3) and FXSAVE/FXRSTOR (the x87 decoder's),
 * on every model as before; LDMXCSR, STMXCSR and CLFLUSH are rows of the
 * SIMD table. */
bool x86_op_fence(DisasContext *s, int b)
{
    int modrm = translator_ldub(s->cpu, &s->base, s->base.pc_next);
    X86Modrm m = x86_split_modrm(modrm);
    if (m.mod == 3 && m.reg >= 5) {
        x86_ldub_code(s);
        tcg_gen_mb(TCG_MB_FULL);
        return true;
    }
    if (m.mod != 3 && m.reg <= 1) {
        x86_ldub_code(s);
        return x86_translate_fxsave(s, modrm);
    }
    return x86_op_sse(s, b);
}
