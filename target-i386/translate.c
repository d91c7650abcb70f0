/*
 * The i386 front end's core: IR globals, code fetch, prefixes and
 * dispatch through the opcode table (decode.c), ModRM/SIB addressing,
 * operand access, stack access and block ends.
 */
#include <assert.h>
#include <stddef.h>
#include "target-i386/translate-int.h"
#include "target-i386/x87.h"
#include "target-i386/translate-sse.h"

TCGv_i32 x86_regs[8];
TCGv_i32 x86_cc_op, x86_cc_dst, x86_cc_src, x86_cc_src2, x86_cc_co;
TCGv_i32 x86_seg_base[NB_SEGS];
TCGv_i32 x86_df;

static const char *const x86_reg_names[8] = {
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
};
static const char *const x86_seg_names[NB_SEGS] = {
    "es_base", "cs_base", "ss_base", "ds_base", "fs_base", "gs_base",
};

void x86_tcg_init(void)
{
    for (int i = 0; i < 8; i++) {
        x86_regs[i] = tcg_global_mem_new_i32(ENV_OFF(regs[i]), x86_reg_names[i]);
    }
    for (int i = 0; i < NB_SEGS; i++) {
        x86_seg_base[i] = tcg_global_mem_new_i32(ENV_OFF(segs[i].base),
                                                 x86_seg_names[i]);
    }
    x86_cc_op = tcg_global_mem_new_i32(ENV_OFF(cc_op), "cc_op");
    x86_cc_dst = tcg_global_mem_new_i32(ENV_OFF(cc_dst), "cc_dst");
    x86_cc_src = tcg_global_mem_new_i32(ENV_OFF(cc_src), "cc_src");
    x86_cc_src2 = tcg_global_mem_new_i32(ENV_OFF(cc_src2), "cc_src2");
    x86_cc_co = tcg_global_mem_new_i32(ENV_OFF(cc_co), "cc_co");
    x86_df = tcg_global_mem_new_i32(ENV_OFF(df), "df");
    x86_simd_init();
}

/* ---- code fetch ---- */

uint8_t x86_ldub_code(DisasContext *s)
{
    uint8_t v = translator_ldub(s->cpu, &s->base, s->base.pc_next);
    s->base.pc_next += 1;
    return v;
}

uint16_t x86_lduw_code(DisasContext *s)
{
    uint16_t v = translator_lduw(s->cpu, &s->base, s->base.pc_next);
    s->base.pc_next += 2;
    return v;
}

uint32_t x86_ldl_code(DisasContext *s)
{
    uint32_t v = translator_ldl(s->cpu, &s->base, s->base.pc_next);
    s->base.pc_next += 4;
    return v;
}

uint32_t x86_ld_imm(DisasContext *s, MemOp ot)
{
    switch (ot) {
    case MO_8:
        return x86_ldub_code(s);
    case MO_16:
        return x86_lduw_code(s);
    default:
        return x86_ldl_code(s);
    }
}

uint32_t x86_eip_next(DisasContext *s)
{
    return s->base.pc_next - s->cs_base;
}

uint32_t x86_eip_cur(DisasContext *s)
{
    return s->pc_start - s->cs_base;
}

/* ---- registers ---- */

void x86_gen_op_mov_v_reg(DisasContext *s, MemOp ot, TCGv_i32 v, int reg)
{
    if (ot == MO_8 && reg >= 4) {
        tcg_gen_extract_i32(v, x86_regs[reg - 4], 8, 8);
    } else if (ot == MO_8) {
        tcg_gen_ext8u_i32(v, x86_regs[reg]);
    } else if (ot == MO_16) {
        tcg_gen_ext16u_i32(v, x86_regs[reg]);
    } else {
        tcg_gen_mov_i32(v, x86_regs[reg]);
    }
}

TCGv_i32 x86_reg_src(DisasContext *s, MemOp ot, int reg)
{
    if (ot == MO_32) {
        return x86_regs[reg];
    }
    TCGv_i32 v = tcg_temp_new_i32();
    x86_gen_op_mov_v_reg(s, ot, v, reg);
    return v;
}

void x86_gen_op_mov_reg_v(DisasContext *s, MemOp ot, int reg, TCGv_i32 v)
{
    if (ot == MO_8 && reg >= 4) {
        tcg_gen_deposit_i32(x86_regs[reg - 4], x86_regs[reg - 4], v, 8, 8);
    } else if (ot == MO_8) {
        tcg_gen_deposit_i32(x86_regs[reg], x86_regs[reg], v, 0, 8);
    } else if (ot == MO_16) {
        tcg_gen_deposit_i32(x86_regs[reg], x86_regs[reg], v, 0, 16);
    } else {
        tcg_gen_mov_i32(x86_regs[reg], v);
    }
}

void x86_gen_ext(MemOp ot, TCGv_i32 d, TCGv_i32 v, bool sign)
{
    switch (ot) {
    case MO_8:
        if (sign) {
            tcg_gen_ext8s_i32(d, v);
        } else {
            tcg_gen_ext8u_i32(d, v);
        }
        break;
    case MO_16:
        if (sign) {
            tcg_gen_ext16s_i32(d, v);
        } else {
            tcg_gen_ext16u_i32(d, v);
        }
        break;
    default:
        if (d != v) {
            tcg_gen_mov_i32(d, v);
        }
        break;
    }
}

/* ---- addressing ---- */

void x86_note_seg(DisasContext *s, TCGv_i32 addr, int seg)
{
    int i = s->nb_addr_segs++ & 3;
    s->addr_segs[i].addr = addr;
    s->addr_segs[i].seg = seg;
}

void x86_gen_add_seg(DisasContext *s, TCGv_i32 addr, int def_seg, bool use_override)
{
    int seg = (use_override && s->override >= 0) ? s->override : def_seg;
    /* ES/CS/SS/DS are flat unless the block was translated with ADDSEG. */
    if (seg >= R_FS || s->addseg) {
        tcg_gen_add_i32(addr, addr, x86_seg_base[seg]);
    }
    x86_note_seg(s, addr, seg);
}

bool x86_seg_checked(DisasContext *s, int seg)
{
    return (s->tb_flags >> (HF_SEGCHK_SHIFT + seg)) & 1;
}

/* The segment x86_note_seg recorded for addr in this insn, or -1. */
static int x86_seg_of(DisasContext *s, TCGv_i32 addr)
{
    int n = s->nb_addr_segs < 4 ? s->nb_addr_segs : 4;
    for (int i = 0; i < n; i++) {
        if (s->addr_segs[i].addr == addr) {
            return s->addr_segs[i].seg;
        }
    }
    return -1;
}

/* Limit and type check of an access through a non-flat segment; records
 * the access in the insn_start data (X86_INSN_ACC_*). */
static void x86_gen_seg_check(DisasContext *s, TCGv_i32 addr, MemOp ot, bool write)
{
    int seg = x86_seg_of(s, addr);
    TCGOp *op = &tcg_ctx->ops[s->insn_start_idx];
    s->insn_accessed = true;
    uint64_t size = (uint64_t)(ot & 3) + 1;
    if (seg == R_SS) {
        op->args[1] |= (TCGArg)X86_INSN_ANY_SS;
    }
    if (size > ((op->args[1] & X86_INSN_ACC_MASK) >> X86_INSN_ACC_SHIFT)) {
        op->args[1] = (op->args[1] & ~(TCGArg)(X86_INSN_ACC_MASK | X86_INSN_ACC_SS)) |
                      (TCGArg)(size << X86_INSN_ACC_SHIFT) |
                      (seg == R_SS ? (TCGArg)X86_INSN_ACC_SS : 0);
    }
    if (write && seg == R_CS && (s->tb_flags & HF_PE_MASK) && !(s->tb_flags & VM_MASK) &&
        !x86_seg_checked(s, R_CS)) {
        /* A code segment is never writable in protected mode. */
        x86_gen_exception(s, EXCP0D_GPF);
        return;
    }
    if ((s->tb_flags & (0x3fu << HF_SEGCHK_SHIFT)) && seg >= 0 && x86_seg_checked(s, seg)) {
        tcg_gen_call3(&x86_helper_info_seg_check, NULL, tcg_env(),
                      tcg_constant_i32(seg | ((1 << (ot & 3)) << 4) | (write ? 0x100 : 0)),
                      addr);
    }
    if (s->align_check && (ot & 3) != MO_8) {
        tcg_gen_call3(&x86_helper_info_check_align, NULL, tcg_env(), addr,
                      tcg_constant_i32(((1u << (ot & 3)) - 1) |
                                       (seg == R_SS ? X86_ALIGN_SS : 0)));
    }
}

/* A memory operand of any size that generated code or helpers access
 * without x86_gen_ld/st (x87): user mode's 4 GiB limit (inline test; the
 * helper raises #GP(0), or #SS(0) through SS), then the segment checks
 * and #AC at the alignment of align_ot. */
void x86_gen_check_mem(DisasContext *s, TCGv_i32 addr, int size, MemOp align_ot, bool write)
{
    int seg = x86_seg_of(s, addr);
    /* The CPU accesses a larger operand in pieces of its alignment, the
     * first one first: only that one's crossing is a limit fault (the
     * others page-fault first, in the never-mapped top page). With #AC
     * on, the alignment check covers it. */
    int first = size < (1 << (align_ot & 3)) ? size : 1 << (align_ot & 3);
    if (first > 1 && !s->align_check) {
        TCGLabel *inside = gen_new_label();
        tcg_gen_brcondi_i32(TCG_COND_LEU, addr, UINT32_MAX - (uint32_t)(first - 1), inside);
        tcg_gen_call3(&x86_helper_info_check_wrap, NULL, tcg_env(), addr,
                      tcg_constant_i32((uint32_t)first | (seg == R_SS ? X86_WRAP_SS : 0)));
        gen_set_label(inside);
    }
    x86_gen_seg_check(s, addr, align_ot, write);
}

/* Before a helper that writes [addr] (LOCKed and atomic forms): the
 * segment, alignment and 4 GiB checks of a store of ot. */
void x86_gen_check_store(DisasContext *s, TCGv_i32 addr, MemOp ot)
{
    x86_gen_seg_check(s, addr, ot, true);
}

static TCGv_i32 x86_gen_ea16(DisasContext *s, X86Modrm m, int *def_seg)
{
    TCGv_i32 a = tcg_temp_new_i32();
    int32_t disp = 0;
    *def_seg = R_DS;
    if (m.mod == 0 && m.rm == 6) {
        disp = (int16_t)x86_lduw_code(s);
        tcg_gen_movi_i32(a, disp & 0xffff);
        return a;
    }
    if (m.mod == 1) {
        disp = (int8_t)x86_ldub_code(s);
    } else if (m.mod == 2) {
        disp = (int16_t)x86_lduw_code(s);
    }
    static const int8_t base_reg[8] = { R_EBX, R_EBX, R_EBP, R_EBP, R_ESI, R_EDI, R_EBP, R_EBX };
    static const int8_t index_reg[8] = { R_ESI, R_EDI, R_ESI, R_EDI, -1, -1, -1, -1 };
    tcg_gen_mov_i32(a, x86_regs[base_reg[m.rm]]);
    if (index_reg[m.rm] >= 0) {
        tcg_gen_add_i32(a, a, x86_regs[index_reg[m.rm]]);
    }
    if (disp) {
        tcg_gen_addi_i32(a, a, disp);
    }
    tcg_gen_ext16u_i32(a, a);
    if (base_reg[m.rm] == R_EBP) {
        *def_seg = R_SS;
    }
    return a;
}

static TCGv_i32 x86_gen_ea32(DisasContext *s, X86Modrm m, int *def_seg)
{
    int base = m.rm, index = -1, scale = 0;
    int32_t disp = 0;
    *def_seg = R_DS;
    if (m.rm == 4) {
        int sib = x86_ldub_code(s);
        scale = sib >> 6;
        index = (sib >> 3) & 7;
        base = sib & 7;
        if (index == 4) {
            index = -1;
        }
    }
    if (m.mod == 0 && base == 5) {
        base = -1;
        disp = (int32_t)x86_ldl_code(s);
    } else if (m.mod == 1) {
        disp = (int8_t)x86_ldub_code(s);
    } else if (m.mod == 2) {
        disp = (int32_t)x86_ldl_code(s);
    }
    if (base == R_ESP || base == R_EBP) {
        *def_seg = R_SS;
    }
    TCGv_i32 a = tcg_temp_new_i32();
    if (base >= 0 && index >= 0 && (scale || disp)) {
        /* one op (a host lea) rather than shift, add, add */
        tcg_gen_lea_i32(a, x86_regs[base], x86_regs[index], scale, disp);
        return a;
    } else if (base >= 0 && index >= 0) {
        tcg_gen_add_i32(a, x86_regs[base], x86_regs[index]);
    } else if (base >= 0 && disp) {
        /* one add (a host lea) rather than a copy and an add */
        tcg_gen_addi_i32(a, x86_regs[base], disp);
        return a;
    } else if (base >= 0) {
        tcg_gen_mov_i32(a, x86_regs[base]);
    } else if (index >= 0) {
        tcg_gen_shli_i32(a, x86_regs[index], scale);
    } else {
        tcg_gen_movi_i32(a, (uint32_t)disp);
        return a;
    }
    if (disp) {
        tcg_gen_addi_i32(a, a, disp);
    }
    return a;
}

TCGv_i32 x86_gen_ea_offset(DisasContext *s, int modrm, int *def_seg)
{
    X86Modrm m = x86_split_modrm(modrm);
    if (s->aflag == MO_16) {
        return x86_gen_ea16(s, m, def_seg);
    }
    return x86_gen_ea32(s, m, def_seg);
}

TCGv_i32 x86_gen_lea_modrm(DisasContext *s, int modrm)
{
    return x86_gen_lea_modrm_disp(s, modrm, NULL);
}

TCGv_i32 x86_gen_lea_modrm_disp(DisasContext *s, int modrm, TCGv_i32 disp)
{
    int def_seg;
    TCGv_i32 a = x86_gen_ea_offset(s, modrm, &def_seg);
    if (disp) {
        tcg_gen_add_i32(a, a, disp);
        if (s->aflag == MO_16) {
            tcg_gen_andi_i32(a, a, 0xffff);
        }
    }
    s->modrm_seg = s->override >= 0 ? s->override : def_seg;
    x86_gen_add_seg(s, a, def_seg, true);
    TCGOp *op = &tcg_ctx->ops[s->insn_start_idx];
    op->args[1] = (op->args[1] & ~(TCGArg)X86_INSN_MODRM_SEG_MASK) |
                  ((TCGArg)(s->modrm_seg + 1) << X86_INSN_MODRM_SEG_SHIFT);
    return a;
}

/* ---- operands ---- */

void x86_gen_ld(DisasContext *s, MemOp ot, TCGv_i32 v, TCGv_i32 addr)
{
    x86_gen_seg_check(s, addr, ot, false);
    tcg_gen_guest_ld_i32(v, addr, s->mmu_idx, MO_LE | ot);
}

void x86_gen_lds(DisasContext *s, MemOp ot, TCGv_i32 v, TCGv_i32 addr)
{
    x86_gen_seg_check(s, addr, ot, false);
    tcg_gen_guest_ld_i32(v, addr, s->mmu_idx, MO_LE | ot | (ot < MO_32 ? MO_SIGN : 0));
}

void x86_gen_st(DisasContext *s, MemOp ot, TCGv_i32 v, TCGv_i32 addr)
{
    x86_gen_seg_check(s, addr, ot, true);
    tcg_gen_guest_st_i32(v, addr, s->mmu_idx, MO_LE | ot);
}

void x86_gen_ld64(DisasContext *s, TCGv_i64 v, TCGv_i32 addr)
{
    x86_gen_seg_check(s, addr, MO_64, false);
    tcg_gen_guest_ld_i64(v, addr, s->mmu_idx, MO_LEUQ);
}

void x86_gen_st64(DisasContext *s, TCGv_i64 v, TCGv_i32 addr)
{
    x86_gen_seg_check(s, addr, MO_64, true);
    tcg_gen_guest_st_i64(v, addr, s->mmu_idx, MO_LEUQ);
}

void x86_gen_ld_rm(DisasContext *s, int modrm, MemOp ot, TCGv_i32 v,
                   TCGv_i32 *addr)
{
    X86Modrm m = x86_split_modrm(modrm);
    if (m.mod == 3) {
        x86_gen_op_mov_v_reg(s, ot, v, m.rm);
        if (addr) {
            *addr = NULL;
        }
        return;
    }
    TCGv_i32 a = x86_gen_lea_modrm(s, modrm);
    x86_gen_ld(s, ot, v, a);
    if (addr) {
        *addr = a;
    }
}

void x86_gen_st_rm(DisasContext *s, int modrm, MemOp ot, TCGv_i32 v,
                   TCGv_i32 addr)
{
    X86Modrm m = x86_split_modrm(modrm);
    if (m.mod == 3) {
        x86_gen_op_mov_reg_v(s, ot, m.rm, v);
    } else {
        x86_gen_st(s, ot, v, addr);
        x86_insn_mark_rmw(s);
    }
}

/* ---- stack ---- */

TCGv_i32 x86_gen_stack_addr(DisasContext *s, TCGv_i32 esp, int offset)
{
    TCGv_i32 a = tcg_temp_new_i32();
    tcg_gen_addi_i32(a, esp, offset);
    if (!s->ss32) {
        tcg_gen_ext16u_i32(a, a);
    }
    if (s->addseg) {
        tcg_gen_add_i32(a, a, x86_seg_base[R_SS]);
    }
    x86_note_seg(s, a, R_SS);
    return a;
}

static void x86_gen_set_esp(DisasContext *s, TCGv_i32 v)
{
    x86_gen_op_mov_reg_v(s, s->ss32 ? MO_32 : MO_16, R_ESP, v);
}

void x86_gen_push(DisasContext *s, MemOp ot, TCGv_i32 v)
{
    int size = 1 << ot;
    TCGv_i32 nesp = tcg_temp_new_i32(), a = nesp;
    tcg_gen_subi_i32(nesp, x86_regs[R_ESP], size);
    if (s->ss32 && !s->addseg) {
        x86_note_seg(s, a, R_SS);   /* the new ESP is the address */
    } else {
        a = x86_gen_stack_addr(s, nesp, 0);
    }
    x86_gen_st(s, ot, v, a);
    x86_gen_set_esp(s, nesp);
}

void x86_gen_pop(DisasContext *s, MemOp ot, TCGv_i32 v)
{
    TCGv_i32 a = x86_gen_stack_addr(s, x86_regs[R_ESP], 0);
    x86_gen_ld(s, ot, v, a);
}

void x86_gen_pop_update(DisasContext *s, MemOp ot)
{
    TCGv_i32 nesp = tcg_temp_new_i32();
    tcg_gen_addi_i32(nesp, x86_regs[R_ESP], 1 << ot);
    x86_gen_set_esp(s, nesp);
}

/* ---- block ends and exceptions ---- */

void x86_gen_update_cc_op(DisasContext *s)
{
    if (s->cc_op_dirty) {
        tcg_gen_movi_i32(x86_cc_op, s->cc_op);
        s->cc_op_dirty = false;
    }
}

void x86_gen_store_eip(DisasContext *s, uint32_t eip)
{
    tcg_gen_st_i32(tcg_constant_i32(eip), tcg_env(), ENV_OFF(eip), MO_32);
}

void x86_gen_store_eip_v(TCGv_i32 eip)
{
    tcg_gen_st_i32(eip, tcg_env(), ENV_OFF(eip), MO_32);
}

static void x86_gen_raise(DisasContext *s, int excp, uint32_t eip)
{
    x86_gen_update_cc_op(s);
    x86_gen_store_eip(s, eip);
    tcg_gen_call2(&x86_helper_info_raise_exception, NULL, tcg_env(),
                  tcg_constant_i32(excp));
    s->base.is_jmp = DISAS_NORETURN;
}

void x86_gen_exception(DisasContext *s, int excp)
{
    x86_gen_raise(s, excp, x86_eip_cur(s));
}

void x86_gen_exception_next(DisasContext *s, int excp)
{
    x86_gen_raise(s, excp, x86_eip_next(s));
}

/* With exit_to_loop: leave to the CPU loop if an interrupt is pending
 * (IF may have just been set); otherwise the block ends as usual. */
static void x86_gen_exit_if_interrupt(DisasContext *s)
{
    if (!s->exit_to_loop) {
        return;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    TCGLabel *none = gen_new_label();
    tcg_gen_ld_i32(t, tcg_env(), offsetof(CPUState, interrupt_request), MO_32);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, none);
    tcg_gen_exit_tb(0);
    gen_set_label(none);
}

/* EFLAGS.TF was set when the instruction began: the single-step trap
 * (#DB after it, DR6.BS), eip already stored. */
static void x86_gen_single_step(DisasContext *s)
{
    tcg_gen_call1(&x86_helper_info_single_step, NULL, tcg_env());
}

void x86_gen_jmp_eip(DisasContext *s, uint32_t eip, int slot)
{
    x86_gen_update_cc_op(s);
    uint32_t dest = eip + s->cs_base;
    if (s->tf) {
        x86_gen_store_eip(s, eip);
        x86_gen_single_step(s);
    } else if (s->exit_to_loop) {
        x86_gen_store_eip(s, eip);
        x86_gen_exit_if_interrupt(s);
        tcg_gen_lookup_and_goto_ptr();
    } else if (translator_use_goto_tb(&s->base, dest)) {
        tcg_gen_goto_tb(slot);
        x86_gen_store_eip(s, eip);
        tcg_gen_exit_tb((uintptr_t)s->base.tb | slot);
    } else {
        x86_gen_store_eip(s, eip);
        tcg_gen_lookup_and_goto_ptr();
    }
    s->base.is_jmp = DISAS_NORETURN;
}

/* The end of a block whose eip is stored: the next block by lookup, or
 * the CPU loop. */
static void x86_gen_goto_next(DisasContext *s)
{
    if (s->tf) {
        x86_gen_single_step(s);
        return;
    }
    x86_gen_exit_if_interrupt(s);
    tcg_gen_lookup_and_goto_ptr();
}

void x86_gen_jmp_v(DisasContext *s, TCGv_i32 eip)
{
    x86_gen_update_cc_op(s);
    x86_gen_store_eip_v(eip);
    x86_gen_goto_next(s);
    s->base.is_jmp = DISAS_NORETURN;
}

/* ---- decode ---- */

static int x86_seg_prefix(int b)
{
    switch (b) {
    case 0x26: return R_ES;
    case 0x2e: return R_CS;
    case 0x36: return R_SS;
    case 0x3e: return R_DS;
    case 0x64: return R_FS;
    case 0x65: return R_GS;
    default: return -1;
    }
}

/* Reads prefixes; returns the opcode (0x100 | byte for 0F xx), or -1 if
 * the instruction is too long. */
static int x86_decode_prefixes(DisasContext *s)
{
    for (int n = 0; n < 14; n++) {
        int b = x86_ldub_code(s);
        int seg = x86_seg_prefix(b);
        if (seg >= 0) {
            s->override = seg;
            continue;
        }
        switch (b) {
        case 0xf3:
            s->prefixes = (s->prefixes & ~PREFIX_REPNZ) | PREFIX_REPZ;
            continue;
        case 0xf2:
            s->prefixes = (s->prefixes & ~PREFIX_REPZ) | PREFIX_REPNZ;
            continue;
        case 0xf0:
            s->prefixes |= PREFIX_LOCK;
            continue;
        case 0x66:
            s->prefixes |= PREFIX_DATA;
            continue;
        case 0x67:
            s->prefixes |= PREFIX_ADR;
            continue;
        case 0x0f:
            return 0x100 | x86_ldub_code(s);
        default:
            return b;
        }
    }
    return -1;
}

/* Whether opcode b can take a LOCK prefix at all (before its ModRM). */
static bool x86_lock_candidate(int b)
{
    if (b < 0x40) {
        return (b & 7) < 2 && (b & 0x38) != 0x38;  /* ALU Ev,Gv but not CMP */
    }
    switch (b) {
    case 0x80: case 0x81: case 0x82: case 0x83: case 0x86: case 0x87:
    case 0xf6: case 0xf7: case 0xfe: case 0xff:
    case 0x1ab: case 0x1b3: case 0x1bb: case 0x1b0: case 0x1b1:
    case 0x1c0: case 0x1c1: case 0x1ba: case 0x1c7:
        return true;
    default:
        return false;
    }
}

/* Opcodes that accept a LOCK prefix (with a memory destination). */
static bool x86_lock_allowed(DisasContext *s, int b)
{
    if (!x86_lock_candidate(b)) {
        return false;
    }
    int modrm = translator_ldub(s->cpu, &s->base, s->base.pc_next);
    int reg = (modrm >> 3) & 7;
    if ((modrm >> 6) == 3) {
        return false;
    }
    switch (b) {
    case 0x80: case 0x81: case 0x82: case 0x83:
        return reg != 7;
    case 0xf6: case 0xf7:
        return reg == 2 || reg == 3;
    case 0xfe: case 0xff:
        return reg < 2;
    case 0x1ba:
        return reg >= 5;
    case 0x1c7:
        return reg == 1;
    default:
        return true;
    }
}

static void x86_translate_one(DisasContext *s)
{
    s->pc_start = s->base.pc_next;
    s->nb_addr_segs = 0;
    s->insn_accessed = false;
    s->modrm_seg = -1;
    s->prefixes = 0;
    s->override = -1;
    int b = x86_decode_prefixes(s);
    if ((b < 0xd8 || b > 0xdf) && !x87_run_continues(s, b)) {
        x87_gen_run_end(s);     /* before anything another insn emits */
    }
    if (b < 0 || x86_op_table[b] != x86_op_sse) {
        x86_sse_run_end(s);     /* the SIMD decoder decides for its own */
    }
    if (b < 0) {
        x86_gen_exception(s, EXCP0D_GPF);
        return;
    }
    bool data = (s->prefixes & PREFIX_DATA) != 0;
    bool adr = (s->prefixes & PREFIX_ADR) != 0;
    s->dflag = (s->code32 != data) ? MO_32 : MO_16;
    s->aflag = (s->code32 != adr) ? MO_32 : MO_16;
    if ((s->prefixes & PREFIX_LOCK) && !x86_lock_allowed(s, b)) {
        x86_gen_exception(s, EXCP06_ILLOP);
        return;
    }
    X86OpHandler h = x86_op_table[b];
    if (!h || !h(s, b)) {
        x86_gen_exception(s, EXCP06_ILLOP);
        return;
    }
}

bool x86_op_x87(DisasContext *s, int b)
{
    int modrm = -1;
    /* CR0.EM or TS: #NM before any x87 instruction; WAIT only with TS
     * and MP. */
    uint32_t nm = b == 0x9b ? HF_TS_MASK : (HF_TS_MASK | HF_EM_MASK);
    if ((s->tb_flags & nm) && (b != 0x9b || (s->tb_flags & HF_MP_MASK))) {
        x87_gen_run_end(s);
        x86_gen_exception(s, EXCP07_PREX);
        return true;
    }
    if (b != 0x9b) {
        modrm = x86_ldub_code(s);
    }
    return x86_translate_x87(s, b, modrm);
}

/* ---- the translator callbacks ---- */

/* Longer blocks gain little and cost IR temps and constants. */
#define X86_MAX_BLOCK_INSNS 256

static void x86_init_disas_context(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = (DisasContext *)db;
    s->cpu = cpu;
    s->cs_base = db->tb->cs_base;
    s->tb_flags = db->tb->flags;
    s->code32 = (s->tb_flags & HF_CS32_MASK) != 0;
    s->ss32 = (s->tb_flags & HF_SS32_MASK) != 0;
    s->addseg = (s->tb_flags & HF_ADDSEG_MASK) != 0;
    s->cpl = s->tb_flags & HF_CPL_MASK;
    s->align_check = s->cpl == 3 && (s->tb_flags & AC_MASK) && (s->tb_flags & HF_AM_MASK);
    s->iopl = (s->tb_flags & IOPL_MASK) >> 12;
    s->pe = (s->tb_flags & HF_PE_MASK) != 0;
    s->vm86 = (s->tb_flags & VM_MASK) != 0;
    s->tf = (s->tb_flags & TF_MASK) != 0;
    s->mmu_idx = s->cpl == 3 ? X86_MMU_IDX_USER : X86_MMU_IDX_KERNEL;
    s->cc_op = CC_OP_DYNAMIC;
    s->cc_op_dirty = false;
    s->cc_op_at_entry = true;
    s->cc_discarded = 0;
    s->override = -1;
    s->simd_features = x86_simd_features_of((CPUX86State *)cpu);
    tcg_ctx->block_cold = true;   /* until a jump closes a loop (translate-ctrl.c) */
    if (db->max_insns > X86_MAX_BLOCK_INSNS) {
        db->max_insns = X86_MAX_BLOCK_INSNS;
    }
    if (s->tf) {
        db->max_insns = 1;
    }
    if (s->tb_flags & HF_INHIBIT_IRQ_MASK) {
        /* The instruction in the STI / MOV SS shadow runs alone: the
         * shadow ends with it and an interrupt may follow. */
        db->max_insns = 1;
        db->tb_flags_may_change = true;
        s->exit_to_loop = true;
    }
}

static void x86_tb_start(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = (DisasContext *)db;
    x87_run_reset();
    x86_sse_run_reset();
    if (s->tb_flags & HF_INHIBIT_IRQ_MASK) {
        TCGv_i32 hf = tcg_temp_new_i32();
        tcg_gen_ld_i32(hf, tcg_env(), ENV_OFF(hflags), MO_32);
        tcg_gen_andi_i32(hf, hf, ~(uint32_t)HF_INHIBIT_IRQ_MASK);
        tcg_gen_st_i32(hf, tcg_env(), ENV_OFF(hflags), MO_32);
    }
}

static void x86_insn_start(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = (DisasContext *)db;
    tcg_gen_insn_start(db->pc_next, (uint32_t)s->cc_op);
    s->insn_start_idx = tcg_ctx->nb_ops - 1;
}

void x86_insn_cc_op_in_env(DisasContext *s)
{
    TCGOp *op = &tcg_ctx->ops[s->insn_start_idx];
    assert(op->opc == INDEX_op_insn_start);
    op->args[1] = (op->args[1] & ~(TCGArg)0xffffffffu) | (uint32_t)CC_OP_DYNAMIC;
}

void x86_insn_mark_rmw(DisasContext *s)
{
    TCGOp *op = &tcg_ctx->ops[s->insn_start_idx];
    assert(op->opc == INDEX_op_insn_start);
    op->args[1] |= (TCGArg)X86_INSN_RMW;
    /* The CPU reads the operand for writing: the loads from the address
     * of the instruction's last store become MO_RMW (tcg.h), so a fault
     * on them is the write fault the CPU reports (a read-only page never
     * touched: not present; a read-only page then an unmapped one: the
     * read-only one first). */
    TCGArg st_addr = 0;
    for (int i = tcg_ctx->nb_ops - 1; i > s->insn_start_idx && !st_addr; i--) {
        if (tcg_ctx->ops[i].opc == INDEX_op_guest_st) {
            st_addr = tcg_ctx->ops[i].args[1];
        }
    }
    for (int i = s->insn_start_idx + 1; st_addr && i < tcg_ctx->nb_ops; i++) {
        TCGOp *ld = &tcg_ctx->ops[i];
        if (ld->opc == INDEX_op_guest_ld && ld->args[1] == st_addr) {
            ld->args[2] |= MO_RMW;
        }
    }
}

/* Releases the block-local temps of the instruction just translated (no
 * temp lives from one guest instruction to the next). */
static void x86_free_insn_temps(void)
{
    TCGContext *c = tcg_ctx;
    for (int i = c->nb_globals; i < c->nb_temps; i++) {
        TCGTemp *t = &c->temps[i];
        if ((t->kind == TEMP_TB || t->kind == TEMP_EBB) && !t->free) {
            tcg_temp_free_internal(t);
        }
    }
}

/* Headroom of IR temps (constants included) kept for one more insn. */
#define X86_TEMP_HEADROOM 256

static void x86_translate_insn(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = (DisasContext *)db;
    x86_translate_one(s);
    x86_free_insn_temps();
    if (db->is_jmp == DISAS_NEXT &&
        tcg_ctx->nb_temps > TCG_MAX_TEMPS - X86_TEMP_HEADROOM) {
        db->is_jmp = DISAS_TOO_MANY;
    }
}

/* Long straight-line blocks (unrolled kernels: hashing, compression)
 * are few in short-lived programs and worth the optimizer where they run. */
#define X86_LONG_BLOCK_INSNS 24

static void x86_tb_stop(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = (DisasContext *)db;
    if (db->num_insns >= X86_LONG_BLOCK_INSNS) {
        tcg_ctx->block_cold = false;
    }
    if (db->is_jmp == DISAS_NORETURN) {
        x87_run_reset();
        x86_sse_run_reset();
    } else {
        x87_gen_run_end(s);
        x86_sse_run_end(s);
    }
    switch ((int)db->is_jmp) {
    case DISAS_NORETURN:
        break;
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        x86_gen_jmp_eip(s, x86_eip_next(s), 0);
        break;
    case DISAS_EOB_NEXT:
        x86_gen_update_cc_op(s);
        x86_gen_store_eip(s, x86_eip_next(s));
        x86_gen_goto_next(s);
        break;
    case DISAS_JUMP:
        x86_gen_update_cc_op(s);
        x86_gen_goto_next(s);
        break;
    default:
        break;
    }
}

static const TranslatorOps x86_translator_ops = {
    .init_disas_context = x86_init_disas_context,
    .tb_start = x86_tb_start,
    .insn_start = x86_insn_start,
    .translate_insn = x86_translate_insn,
    .tb_stop = x86_tb_stop,
};

void x86_translate(CPUState *cpu, TranslationBlock *tb, int max_insns)
{
    DisasContext s = { 0 };
    translator_loop(cpu, tb, max_insns, &x86_translator_ops, &s.base);
}
