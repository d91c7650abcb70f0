/*
 * Decoding of the control-register side of the system CPU: MOV to/from
 * CRn and DRn (0F 20-23), WRMSR/RDMSR (0F 30/32), RDPMC (0F 33) and
 * INVD/WBINVD (0F 08/09). CPL 0 only (#GP(0) otherwise, real mode being
 * CPL 0 and VM86 CPL 3), decided at translation time from the block's
 * CPL; the work is done by misc_helper.c.
 */
#include "target-i386/misc_helper.h"
#include "target-i386/translate-int.h"

/* #GP(0) and false unless CPL 0. */
static bool x86_cr_need_cpl0(DisasContext *s)
{
    if (s->cpl != 0) {
        x86_gen_exception(s, EXCP0D_GPF);
        return false;
    }
    return true;
}

/* After the instruction the TLB, the paging mode or the block flags may
 * differ: end the block and look the next one up again. */
static void x86_cr_end_block(DisasContext *s)
{
    s->base.is_jmp = (DisasJumpType)DISAS_EOB_NEXT;
    s->base.tb_flags_may_change = true;
}

/* 0F 20 / 0F 22: MOV r32, CRn / MOV CRn, r32. The mod field is ignored
 * (always a register operand); CR1 and CR5-7 are #UD (SDM vol. 2B), even
 * at CPL 3 (the CPU checks that before the privilege). */
bool x86_op_mov_cr(DisasContext *s, int b)
{
    X86Modrm m = x86_split_modrm(x86_ldub_code(s));
    if (m.reg == 1 || m.reg > 4) {
        return false;
    }
    if (!x86_cr_need_cpl0(s)) {
        return true;
    }
    if (b == 0x120) {
        TCGv_i32 v = tcg_temp_new_i32();
        tcg_gen_call2(&x86_helper_info_read_cr, tcgv_i32_temp(v), tcg_env(),
                      tcg_constant_i32(m.reg));
        tcg_gen_mov_i32(x86_regs[m.rm], v);
        return true;
    }
    x86_gen_update_cc_op(s);
    tcg_gen_call3(&x86_helper_info_write_cr, NULL, tcg_env(),
                  tcg_constant_i32(m.reg), x86_regs[m.rm]);
    x86_cr_end_block(s);
    return true;
}

/* 0F 21 / 0F 23: MOV r32, DRn / MOV DRn, r32. */
bool x86_op_mov_dr(DisasContext *s, int b)
{
    X86Modrm m = x86_split_modrm(x86_ldub_code(s));
    if (!x86_cr_need_cpl0(s)) {
        return true;
    }
    if (b == 0x121) {
        TCGv_i32 v = tcg_temp_new_i32();
        tcg_gen_call2(&x86_helper_info_read_dr, tcgv_i32_temp(v), tcg_env(),
                      tcg_constant_i32(m.reg));
        tcg_gen_mov_i32(x86_regs[m.rm], v);
        return true;
    }
    tcg_gen_call3(&x86_helper_info_write_dr, NULL, tcg_env(),
                  tcg_constant_i32(m.reg), x86_regs[m.rm]);
    x86_cr_end_block(s);
    return true;
}

/* 0F 30 WRMSR, 0F 32 RDMSR (EDX:EAX <-> MSR[ECX]). */
bool x86_op_msr(DisasContext *s, int b)
{
    if (!x86_cr_need_cpl0(s)) {
        return true;
    }
    x86_gen_update_cc_op(s);
    if (b == 0x130) {
        tcg_gen_call1(&x86_helper_info_wrmsr, NULL, tcg_env());
        x86_cr_end_block(s);    /* EFER.NXE, SYSENTER, APIC base */
    } else {
        tcg_gen_call1(&x86_helper_info_rdmsr, NULL, tcg_env());
    }
    return true;
}

/* 0F 33 RDPMC: the helper checks CR4.PCE at CPL > 0 and the counter. */
bool x86_op_rdpmc(DisasContext *s, int b)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_call2(&x86_helper_info_rdpmc, tcgv_i64_temp(t), tcg_env(),
                  tcg_constant_i32(s->cpl));
    tcg_gen_extrl_i64_i32(x86_regs[R_EAX], t);
    tcg_gen_extrh_i64_i32(x86_regs[R_EDX], t);
    return true;
}

/* 0F 08 INVD, 0F 09 WBINVD: no caches to write back or drop. */
bool x86_op_invd(DisasContext *s, int b)
{
    x86_cr_need_cpl0(s);
    return true;
}
