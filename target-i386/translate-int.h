/*
 * Declarations shared by the i386 front end's own files (not by the x87
 * decoder): IR globals, operand helpers, the per-class decoders and the
 * helper descriptors. See translate.h for the public part.
 */
#ifndef TARGET_I386_TRANSLATE_INT_H
#define TARGET_I386_TRANSLATE_INT_H

#include <stddef.h>
#include "target-i386/translate.h"

/* Extra DisasJumpType values. */
enum {
    DISAS_EOB_NEXT = DISAS_TARGET_0, /* end the block, continue at pc_next */
    DISAS_JUMP,                      /* eip stored: look the target up */
};

void x86_tcg_init(void);
void x86_translate(CPUState *cpu, TranslationBlock *tb, int max_insns);

/* IR globals (x86_tcg_init). */
extern TCGv_i32 x86_regs[8];
extern TCGv_i32 x86_cc_op, x86_cc_dst, x86_cc_src, x86_cc_src2, x86_cc_co;
extern TCGv_i32 x86_seg_base[NB_SEGS];
extern TCGv_i32 x86_df;

#define ENV_OFF(field) ((intptr_t)offsetof(CPUX86State, field))

/* A decoded ModRM byte. */
typedef struct X86Modrm {
    int mod, reg, rm;
} X86Modrm;

static inline X86Modrm x86_split_modrm(int modrm)
{
    X86Modrm m = { (modrm >> 6) & 3, (modrm >> 3) & 7, modrm & 7 };
    return m;
}

/* One opcode's translator: returns false for an invalid encoding (#UD).
 * b is the opcode (0x100 | second byte for 0F xx). */
typedef bool (*X86OpHandler)(DisasContext *s, int b);
extern const X86OpHandler x86_op_table[512];

/* ---- translate.c: operands ---- */
/* Operand size of a byte/full opcode pair: MO_8 if (b & 1) == 0. */
static inline MemOp x86_ot_b(DisasContext *s, int b)
{
    return (b & 1) ? s->dflag : MO_8;
}
void x86_gen_ld(DisasContext *s, MemOp ot, TCGv_i32 v, TCGv_i32 addr);
void x86_gen_lds(DisasContext *s, MemOp ot, TCGv_i32 v, TCGv_i32 addr);
void x86_gen_st(DisasContext *s, MemOp ot, TCGv_i32 v, TCGv_i32 addr);
/* The checks of a store of ot to addr (segment, #AC, 4 GiB) without the
 * store, before a helper that writes guest memory itself. */
void x86_gen_check_store(DisasContext *s, TCGv_i32 addr, MemOp ot);
/* 64-bit data accesses (MMX/SSE operands), with the same checks. */
void x86_gen_ld64(DisasContext *s, TCGv_i64 v, TCGv_i32 addr);
void x86_gen_st64(DisasContext *s, TCGv_i64 v, TCGv_i32 addr);
/* The checks of a memory operand of size bytes, aligned as align_ot for
 * #AC, that is accessed without x86_gen_ld/st (x87 forms). */
void x86_gen_check_mem(DisasContext *s, TCGv_i32 addr, int size, MemOp align_ot, bool write);
/* Reads the r/m operand (register or memory) into v; *addr receives the
 * address temp for memory operands (NULL for registers). */
void x86_gen_ld_rm(DisasContext *s, int modrm, MemOp ot, TCGv_i32 v,
                   TCGv_i32 *addr);
/* Writes v to the r/m operand (addr from x86_gen_ld_rm, or NULL). */
void x86_gen_st_rm(DisasContext *s, int modrm, MemOp ot, TCGv_i32 v,
                   TCGv_i32 addr);
/* Adds the segment base of seg (or the override) to a 32-bit offset. */
void x86_gen_add_seg(DisasContext *s, TCGv_i32 addr, int def_seg, bool use_override);
/* Records that addr (a linear address temp) is in segment seg, for the
 * segment checks of x86_gen_ld/st (x86_gen_add_seg does it). */
void x86_note_seg(DisasContext *s, TCGv_i32 addr, int seg);
/* Whether accesses through seg are checked in this block (not flat). */
bool x86_seg_checked(DisasContext *s, int seg);
/* The address without segment (for LEA). */
TCGv_i32 x86_gen_ea_offset(DisasContext *s, int modrm, int *def_seg);
/* Sign/zero extension of v to 32 bits from size ot. */
void x86_gen_ext(MemOp ot, TCGv_i32 d, TCGv_i32 v, bool sign);

/* Stack. */
void x86_gen_push(DisasContext *s, MemOp ot, TCGv_i32 v);
void x86_gen_pop(DisasContext *s, MemOp ot, TCGv_i32 v); /* no ESP update */
void x86_gen_pop_update(DisasContext *s, MemOp ot);
/* ESP-relative address (offset added, SS base added). */
TCGv_i32 x86_gen_stack_addr(DisasContext *s, TCGv_i32 esp, int offset);

/* Block ends. */
void x86_gen_jmp_eip(DisasContext *s, uint32_t eip, int slot);
void x86_gen_jmp_v(DisasContext *s, TCGv_i32 eip);  /* indirect */
void x86_gen_store_eip(DisasContext *s, uint32_t eip);
void x86_gen_store_eip_v(TCGv_i32 eip);
uint32_t x86_eip_next(DisasContext *s);
uint32_t x86_eip_cur(DisasContext *s);
void x86_gen_exception_next(DisasContext *s, int excp); /* eip after insn */

/* From here on env->cc_op is right for this instruction: a fault restores
 * no cc_op (used by REP CMPS/SCAS, whose iterations update the flags). */
void x86_insn_cc_op_in_env(DisasContext *s);
/* This instruction reads and writes a memory operand: a page fault on its
 * read is reported as a write, as the CPU does (X86_INSN_RMW). */
void x86_insn_mark_rmw(DisasContext *s);

/* ---- translate-cc.c: lazy flags ---- */
void x86_set_cc(DisasContext *s, int op_base, MemOp ot, TCGv_i32 dst,
                TCGv_i32 src, TCGv_i32 src2);
void x86_set_cc_op(DisasContext *s, int cc_op);
void x86_gen_compute_eflags(DisasContext *s);       /* -> CC_OP_EFLAGS */
void x86_gen_compute_c(DisasContext *s, TCGv_i32 dst); /* CF as 0/1 */
/* Only CF and OF change, to co (CC_C | CC_O bits); count: when non-NULL,
 * nothing changes where it is 0 at run time (rotates, RCL/RCR). */
void x86_set_cc_co(DisasContext *s, TCGv_i32 co, TCGv_i32 count);
/* ROL/ROR with result res (the 8/16-bit operand replicated over 32
 * bits): CF and OF from res, lazily (CC_OP_CO_ROL/ROR: cc_co = res)
 * when count is NULL (a constant count, not 0). */
void x86_set_cc_rot(DisasContext *s, bool left, TCGv_i32 res, TCGv_i32 count);
/* CF and OF (CC_C | CC_O bits) of a ROL/ROR result, as above. */
void x86_gen_rot_co(TCGv_i32 dst, TCGv_i32 res, bool left);
/* Only CF changes, to cf (0/1) (BT and friends). */
void x86_set_cc_cf(DisasContext *s, TCGv_i32 cf);
void x86_gen_jcc(DisasContext *s, int b, TCGLabel *l); /* branch if cc b */
/* dst = cc b ? v1 : v2 */
void x86_gen_movcond(DisasContext *s, int b, TCGv_i32 dst, TCGv_i32 v1,
                     TCGv_i32 v2);
/* Full EFLAGS (arith | DF | other bits). */
void x86_gen_get_eflags(DisasContext *s, TCGv_i32 dst);

/* ---- the per-class decoders ---- */
bool x86_op_alu(DisasContext *s, int b);        /* 00..3F ALU forms */
bool x86_op_grp1(DisasContext *s, int b);       /* 80..83 */
bool x86_op_test(DisasContext *s, int b);       /* 84, 85, A8, A9 */
bool x86_op_incdec_reg(DisasContext *s, int b); /* 40..4F */
bool x86_op_grp3(DisasContext *s, int b);       /* F6, F7 */
bool x86_op_grp4(DisasContext *s, int b);       /* FE */
bool x86_op_grp5(DisasContext *s, int b);       /* FF */
bool x86_op_imul(DisasContext *s, int b);       /* 69, 6B, 0F AF */
bool x86_op_xchg(DisasContext *s, int b);       /* 86, 87, 90..97 */
bool x86_op_mov(DisasContext *s, int b);        /* 88..8B, C6, C7, B0..BF */
bool x86_op_mov_moffs(DisasContext *s, int b);  /* A0..A3 */
bool x86_op_lea(DisasContext *s, int b);
bool x86_op_movx(DisasContext *s, int b);       /* 0F B6 B7 BE BF */
bool x86_op_cbw(DisasContext *s, int b);        /* 98, 99 */
bool x86_op_bcd(DisasContext *s, int b);        /* 27 2F 37 3F D4 D5 */
bool x86_op_salc(DisasContext *s, int b);
bool x86_op_cmpxchg(DisasContext *s, int b);
bool x86_op_xadd(DisasContext *s, int b);
bool x86_op_cmpxchg8b(DisasContext *s, int b);
bool x86_op_bt(DisasContext *s, int b);         /* 0F A3 AB B3 BB BA */
bool x86_op_bsf(DisasContext *s, int b);        /* 0F BC BD */
bool x86_op_bswap(DisasContext *s, int b);
bool x86_op_cmov(DisasContext *s, int b);
bool x86_op_setcc(DisasContext *s, int b);

bool x86_op_shift(DisasContext *s, int b);      /* C0 C1 D0..D3 */
bool x86_op_shld(DisasContext *s, int b);       /* 0F A4 A5 AC AD */

bool x86_op_string(DisasContext *s, int b);     /* A4..A7 AA..AF */
bool x86_op_io_string(DisasContext *s, int b);  /* 6C..6F */

bool x86_op_jcc(DisasContext *s, int b);        /* 70..7F, 0F 80..8F */
bool x86_op_jmp(DisasContext *s, int b);        /* E9 EB */
bool x86_op_call(DisasContext *s, int b);       /* E8 */
bool x86_op_ret(DisasContext *s, int b);        /* C2 C3 */
bool x86_op_loop(DisasContext *s, int b);       /* E0..E3 */
bool x86_op_far(DisasContext *s, int b);        /* 9A EA CA CB */
bool x86_op_iret(DisasContext *s, int b);       /* CF */
bool x86_op_int(DisasContext *s, int b);        /* CC CD CE F1 */
bool x86_op_enter(DisasContext *s, int b);
bool x86_op_leave(DisasContext *s, int b);
/* FF /2../5 (called from grp5). */
bool x86_gen_call_jmp_indirect(DisasContext *s, int op, int modrm);

bool x86_op_push_reg(DisasContext *s, int b);   /* 50..57 */
bool x86_op_pop_reg(DisasContext *s, int b);    /* 58..5F */
bool x86_op_push_imm(DisasContext *s, int b);   /* 68 6A */
bool x86_op_pop_rm(DisasContext *s, int b);     /* 8F */
bool x86_op_push_seg(DisasContext *s, int b);   /* 06 0E 16 1E 0F A0 0F A8 */
bool x86_op_pop_seg(DisasContext *s, int b);    /* 07 17 1F 0F A1 0F A9 */
bool x86_op_pusha(DisasContext *s, int b);
bool x86_op_popa(DisasContext *s, int b);
bool x86_op_pushf(DisasContext *s, int b);
bool x86_op_popf(DisasContext *s, int b);
bool x86_op_sahf(DisasContext *s, int b);
bool x86_op_lahf(DisasContext *s, int b);
bool x86_op_flagop(DisasContext *s, int b);     /* F5 F8 F9 FC FD */
bool x86_op_mov_seg(DisasContext *s, int b);    /* 8C 8E */
bool x86_op_lxs(DisasContext *s, int b);        /* C4 C5 0F B2 B4 B5 */
bool x86_op_xlat(DisasContext *s, int b);
bool x86_op_nop_modrm(DisasContext *s, int b);  /* 0F 18..1F */
bool x86_op_cpuid(DisasContext *s, int b);
bool x86_op_rdtsc(DisasContext *s, int b);
bool x86_op_privileged(DisasContext *s, int b); /* #GP */
bool x86_op_privileged_modrm(DisasContext *s, int b); /* #GP, ModRM read */
bool x86_op_ud(DisasContext *s, int b);         /* #UD */
bool x86_op_arpl(DisasContext *s, int b);
bool x86_op_bound(DisasContext *s, int b);

/* translate-sys.c: system instructions. */
bool x86_op_lar_lsl(DisasContext *s, int b);    /* 0F 02 0F 03 */
bool x86_op_hlt(DisasContext *s, int b);
bool x86_op_cli_sti(DisasContext *s, int b);    /* FA FB */
bool x86_op_in_out(DisasContext *s, int b);     /* E4..E7 EC..EF */
bool x86_op_grp6(DisasContext *s, int b);       /* 0F 00 */
bool x86_op_grp7(DisasContext *s, int b);       /* 0F 01 */
bool x86_op_clts(DisasContext *s, int b);       /* 0F 06 */
bool x86_op_sysenter(DisasContext *s, int b);   /* 0F 34 0F 35 */
/* translate-cr.c */
bool x86_op_mov_cr(DisasContext *s, int b);     /* 0F 20 0F 22 */
bool x86_op_mov_dr(DisasContext *s, int b);     /* 0F 21 0F 23 */
bool x86_op_msr(DisasContext *s, int b);        /* 0F 30 0F 32 */
bool x86_op_rdpmc(DisasContext *s, int b);      /* 0F 33 */
bool x86_op_invd(DisasContext *s, int b);       /* 0F 08 0F 09 */
/* Sets HF_INHIBIT_IRQ (STI, MOV/POP SS) and ends the block after this
 * instruction. */
void x86_gen_set_inhibit_irq(DisasContext *s);
bool x86_op_fence(DisasContext *s, int b);      /* 0F AE */
bool x86_op_x87(DisasContext *s, int b);        /* D8..DF, 9B */

/* ---- SIMD: MMX, SSE..SSSE3 (decode-sse.c, translate-sse.c) ----
 *
 * The SIMD opcodes are rows of one table (x86_simd_rows in decode-sse.c),
 * written in the Intel manual's notation. A row names:
 *   - the opcode: X86_OP_0F(xx), X86_OP_0F38(xx) or X86_OP_0F3A(xx);
 *   - its mandatory prefix: X86_PFX_NONE, X86_PFX_66, X86_PFX_F3 or
 *     X86_PFX_F2 (F3/F2 win over 66, as on the CPU; an encoding with no
 *     row is #UD);
 *   - its operands, destination first, as in the SDM's opcode tables:
 *     X86_Pq, X86_Qq, X86_Vx, X86_Wss, X86_Ed, ... (letter = where the
 *     operand is: P/V ModRM.reg MMX/XMM, Q/W ModRM.rm MMX/XMM or memory,
 *     N/U ModRM.rm register only, M memory only, E/G general register or
 *     memory / ModRM.reg; suffix = size) and X86_Ib if an imm8 follows;
 *   - for group encodings (0F 71..73, 0F AE) the ModRM.reg value: .grp =
 *     X86_GRP(n) ("/n" in the SDM); rows of one opcode may also split on
 *     the ModRM.mod (X86_SR_REG / X86_SR_MEM: MOVHLPS vs MOVLPS);
 *   - the CPU feature that gates it (X86_SIMD_MMX ... X86_SIMD_SSSE3): on a
 *     model without it the encoding is #UD (SIGILL in linux-user);
 *   - flags (X86_SR_*: unaligned 16-byte memory operand allowed,
 *     register-only or memory-only ModRM, a helper that may raise);
 *   - what it does: a helper (.helper, the agreed signature; .helper_imm
 *     when the row has an Ib) or an IR emitter (.gen).
 * The decoder (translate-sse.c) does everything else: the ModRM byte,
 * CR0.EM/TS and CR4.OSFXSR (#UD / #NM), the feature check, the MMX state
 * transition (fpstt = 0, all tags valid, sign_exp = 0xffff on the MMX
 * register written), and operand staging: a memory source is loaded into
 * env->simd_src (16-byte forms: #GP(0) if misaligned, unless
 * X86_SR_UNALIGNED), an Ib source operand as a 64-bit count there,
 * an E/G source's 32 bits into env->simd_src.l[0] (the rest zero); a
 * memory or E/G destination is produced in env->simd_dst and then stored.
 * So helpers and emitters only see env offsets.
 *
 * To add an instruction: write its helper with the signature below (or an
 * emitter), and add one row. Example (PADDB Pq,Qq and PADDB Vx,Wx):
 *   { "paddb", X86_OP_0F(0xfc), X86_PFX_NONE, X86_Pq, X86_Qq, 0, X86_SIMD_MMX,
 *     .helper_imm = x86_simd_paddb },
 *   { "paddb", X86_OP_0F(0xfc), X86_PFX_66, X86_Vx, X86_Wx, 0, X86_SIMD_SSE2,
 *     .helper_imm = x86_simd_paddb },
 * and an FP one (ssefp's, helper in sse_helper.c):
 *   { "addps", X86_OP_0F(0x58), X86_PFX_NONE, X86_Vps, X86_Wps, 0, X86_SIMD_SSE,
 *     X86_SR_MAY_RAISE, .helper = x86_sse_addps },
 * Rows are unit-checked at start (x86_simd_init asserts one way to run
 * each and no two rows for one encoding).
 */

/* SIMD features of a CPU model (DisasContext.simd_features). */
enum {
    X86_SIMD_MMX = 1 << 0, X86_SIMD_SSE = 1 << 1, X86_SIMD_SSE2 = 1 << 2,
    X86_SIMD_SSE3 = 1 << 3, X86_SIMD_SSSE3 = 1 << 4, X86_SIMD_CLFLUSH = 1 << 5,
};
/* The X86_SIMD_* features the model of env has. */
uint32_t x86_simd_features_of(const CPUX86State *env);

/* Row opcodes: the bytes after 0F. */
#define X86_OP_0F(b) (0x000 | (b))
#define X86_OP_0F38(b) (0x100 | (b))
#define X86_OP_0F3A(b) (0x200 | (b))
enum { X86_PFX_NONE, X86_PFX_66, X86_PFX_F3, X86_PFX_F2 };

/* Operand types: kind in bits 4..7 (X86_OK_*), size in bits 0..3 (log2 of
 * the bytes; 4 = 16 bytes). X86_OK_I: the imm8 as a source operand (the
 * shift-by-immediate forms): staged as a 64-bit count in env->simd_src. */
enum {
    X86_OK_NONE, X86_OK_P, X86_OK_Q, X86_OK_N, X86_OK_V, X86_OK_W, X86_OK_U,
    X86_OK_M, X86_OK_E, X86_OK_G, X86_OK_I,
};
#define X86_OPND(kind, lg) ((kind) << 4 | (lg))
#define X86_OPND_KIND(o) ((o) >> 4)
#define X86_OPND_LG(o) ((o) & 15)
enum {
    X86_Pd = X86_OPND(X86_OK_P, 2), X86_Pq = X86_OPND(X86_OK_P, 3),
    X86_Qd = X86_OPND(X86_OK_Q, 2), X86_Qq = X86_OPND(X86_OK_Q, 3),
    X86_Nq = X86_OPND(X86_OK_N, 3),
    X86_Vd = X86_OPND(X86_OK_V, 2), X86_Vq = X86_OPND(X86_OK_V, 3),
    X86_Vx = X86_OPND(X86_OK_V, 4),
    X86_Vss = X86_Vd, X86_Vsd = X86_Vq, X86_Vps = X86_Vx, X86_Vpd = X86_Vx,
    X86_Vdq = X86_Vx,
    X86_Wd = X86_OPND(X86_OK_W, 2), X86_Wq = X86_OPND(X86_OK_W, 3),
    X86_Wx = X86_OPND(X86_OK_W, 4),
    X86_Wss = X86_Wd, X86_Wsd = X86_Wq, X86_Wps = X86_Wx, X86_Wpd = X86_Wx,
    X86_Wdq = X86_Wx,
    X86_Ud = X86_OPND(X86_OK_U, 2), X86_Uq = X86_OPND(X86_OK_U, 3), X86_Ux = X86_OPND(X86_OK_U, 4),
    X86_Ups = X86_Ux, X86_Upd = X86_Ux, X86_Udq = X86_Ux,
    X86_Mb = X86_OPND(X86_OK_M, 0),
    X86_Mw = X86_OPND(X86_OK_M, 1), X86_Md = X86_OPND(X86_OK_M, 2),
    X86_Mq = X86_OPND(X86_OK_M, 3), X86_Mx = X86_OPND(X86_OK_M, 4),
    X86_Mps = X86_Mx, X86_Mpd = X86_Mx, X86_Mdq = X86_Mx,
    X86_Ew = X86_OPND(X86_OK_E, 1), X86_Ed = X86_OPND(X86_OK_E, 2),
    X86_Gd = X86_OPND(X86_OK_G, 2),
    X86_Ib = X86_OPND(X86_OK_I, 0),  /* as src; also the value of .imm */
};
/* X86SimdRow.grp: the ModRM.reg value of a group encoding (0F 71..73, 0F AE). */
#define X86_GRP(n) ((n) + 1)

/* X86SimdRow.flags */
enum {
    X86_SR_UNALIGNED = 1 << 0, /* 16-byte memory operand may be misaligned
                                * (else #GP(0), as for all legacy SSE forms) */
    X86_SR_REG = 1 << 1,       /* only with ModRM.mod = 3 */
    X86_SR_MEM = 1 << 2,       /* only with ModRM.mod != 3 */
    X86_SR_MAY_RAISE = 1 << 3, /* the helper may raise (#XM, ...) */
    X86_SR_NO_MODRM = 1 << 4,  /* no ModRM byte (EMMS) */
    X86_SR_SSE_STATE = 1 << 5, /* no XMM operand, but CR4.OSFXSR applies
                                * (LDMXCSR, STMXCSR) */
};

/* Helper signatures (agreed in TEAM.md). d and s point to env registers
 * (or env->simd_src/simd_dst). For .helper_imm, arg bits 0..7 are the Ib
 * operand (0 without one) and X86_SIMD_ARG_XMM says the operands are XMM
 * (16 bytes) rather than MMX (8 bytes, d and s are then MMXReg *), so one
 * helper serves the MMX and the SSE2 form of an integer instruction. */
#define X86_SIMD_ARG_XMM 0x100u
typedef void (*X86SimdHelper)(CPUX86State *env, XMMReg *d, const XMMReg *s);
typedef void (*X86SimdHelperImm)(CPUX86State *env, XMMReg *d, const XMMReg *s,
                                 uint32_t arg);

/* A decoded SIMD instruction, for emitters. */
typedef struct X86SimdRow X86SimdRow;
typedef struct X86SimdInsn {
    const X86SimdRow *row;
    X86Modrm m;
    bool mem;            /* the ModRM.rm operand is memory */
    TCGv_i32 addr;       /* its address (mem only) */
    intptr_t d_off;      /* env offset of the destination (register or simd_dst) */
    intptr_t s_off;      /* env offset of the source (register or simd_src) */
    uint32_t arg;        /* as for .helper_imm */
} X86SimdInsn;
/* An IR emitter: returns false for an invalid encoding (#UD). */
typedef bool (*X86SimdGen)(DisasContext *s, X86SimdInsn *insn);

struct X86SimdRow {
    const char *name;
    uint16_t op;
    uint8_t pfx;
    uint8_t dst, src;    /* X86_Pq ... */
    uint8_t imm;         /* X86_Ib: an imm8 follows (third operand) */
    uint8_t feature;     /* X86_SIMD_*; 0: every model (FXSAVE, fences) */
    uint8_t flags;       /* X86_SR_* */
    uint8_t grp;         /* X86_GRP(reg) for group encodings, else 0 */
    X86SimdHelper helper;
    X86SimdHelperImm helper_imm;
    X86SimdGen gen;
};
extern const X86SimdRow x86_simd_rows[];
extern const int x86_simd_nb_rows;

/* Env-to-env IR for emitters (translate-sse.c): register offsets, copies
 * and zeroing of byte ranges of env. */
intptr_t x86_simd_mmx_off(int i);
intptr_t x86_simd_xmm_off(int i);
void x86_simd_gen_copy(intptr_t d, intptr_t src, int bytes);
void x86_simd_gen_zero(intptr_t d, int from, int to);
/* Checks that a store of size bytes at the linear address addr may be
 * done (every page it touches, in order), before one done in parts. */
void x86_simd_gen_probe_store(DisasContext *s, TCGv_i32 addr, int size);
/* The row of an encoding (modrm = -1 for none), NULL if #UD. */
const X86SimdRow *x86_simd_lookup(int map, int b, int pfx, int modrm);

/* The decoder: 0F 10..17, 28..2F, 50..7F, C2..C6, D0..FF, 0F 38, 0F 3A. */
bool x86_op_sse(DisasContext *s, int b);
void x86_simd_init(void);

/* Generates `seg = selector v` (reads the GDT for FS/GS etc.). */
void x86_gen_load_seg(DisasContext *s, int seg, TCGv_i32 sel);

/* ---- helpers (helper.c, cc_helper.c, atomic_helper.c) ---- */
extern TCGHelperInfo x86_helper_info_cc_compute_all;
extern TCGHelperInfo x86_helper_info_cc_compute_c;
extern TCGHelperInfo x86_helper_info_raise_exception;
extern TCGHelperInfo x86_helper_info_raise_interrupt;
extern TCGHelperInfo x86_helper_info_single_step;
extern TCGHelperInfo x86_helper_info_lldt, x86_helper_info_ltr;
extern TCGHelperInfo x86_helper_info_lar_lsl, x86_helper_info_verr_verw;
extern TCGHelperInfo x86_helper_info_ljmp, x86_helper_info_lcall;
extern TCGHelperInfo x86_helper_info_lret, x86_helper_info_iret;
extern TCGHelperInfo x86_helper_info_sysenter, x86_helper_info_sysexit;
extern TCGHelperInfo x86_helper_info_check_io, x86_helper_info_in;
extern TCGHelperInfo x86_helper_info_out, x86_helper_info_hlt;
extern TCGHelperInfo x86_helper_info_cpuid;
extern TCGHelperInfo x86_helper_info_rdtsc;
extern TCGHelperInfo x86_helper_info_load_seg;
extern TCGHelperInfo x86_helper_info_seg_check;
extern TCGHelperInfo x86_helper_info_check_align;
extern TCGHelperInfo x86_helper_info_check_wrap;
extern TCGHelperInfo x86_helper_info_atomic_rmw;
extern TCGHelperInfo x86_helper_info_atomic_cmpxchg;
extern TCGHelperInfo x86_helper_info_atomic_cmpxchg8b;
extern TCGHelperInfo x86_helper_info_divide;
extern TCGHelperInfo x86_helper_info_rep_movs;

/* x86_helper_atomic_rmw operations (low 2 bits: MemOp size). */
enum {
    X86_ATOMIC_ADD = 0 << 2, X86_ATOMIC_AND = 1 << 2, X86_ATOMIC_OR = 2 << 2,
    X86_ATOMIC_XOR = 3 << 2, X86_ATOMIC_XCHG = 4 << 2, X86_ATOMIC_NEG = 5 << 2,
};
/* Does the atomic read-modify-write and returns the old value. */
uint32_t x86_helper_atomic_rmw(CPUX86State *env, uint32_t addr, uint32_t val,
                               uint32_t op);
uint32_t x86_helper_atomic_cmpxchg(CPUX86State *env, uint32_t addr,
                                   uint32_t cmp, uint32_t newv, uint32_t ot);
uint64_t x86_helper_atomic_cmpxchg8b(CPUX86State *env, uint32_t addr,
                                     uint64_t cmp, uint64_t newv);
_Noreturn void x86_helper_raise_exception(CPUX86State *env, uint32_t excp);
void x86_helper_cpuid(CPUX86State *env);
uint64_t x86_helper_rdtsc(CPUX86State *env);
void x86_helper_load_seg(CPUX86State *env, uint32_t seg, uint32_t sel);
/* DIV/IDIV: op = ot | (signed << 2); raises #DE. */
void x86_helper_divide(CPUX86State *env, uint32_t op, uint32_t divisor);

/* The fixed CPUID model. */
void x86_cpuid(uint32_t leaf, uint32_t sub, uint32_t *eax, uint32_t *ebx,
               uint32_t *ecx, uint32_t *edx);

/* The EFLAGS bits IRET and POPF may change at the current CPL/IOPL. */
uint32_t x86_eflags_write_mask(CPUX86State *env);

/* Segment descriptor flag bits (SegmentCache.flags, descriptor high word). */
enum {
    X86_DESC_B = 1 << 22,   /* 32-bit segment */
    X86_DESC_P = 1 << 15,
    X86_DESC_S = 1 << 12,
    X86_DESC_CODE = 1 << 11,
};

#endif
