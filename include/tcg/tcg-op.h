/*
 * The generator API front ends use to emit IR: typed handles (TCGv_i32,
 * TCGv_i64, TCGv_ptr) over the type-generic ops of tcg-opc.h. Each function
 * appends one op (or a few, for the derived ones in tcg/tcg-op.c).
 */
#ifndef TCG_TCG_OP_H
#define TCG_TCG_OP_H

#include "tcg/tcg.h"

typedef struct TCGv_i32_d *TCGv_i32;
typedef struct TCGv_i64_d *TCGv_i64;
typedef struct TCGv_ptr_d *TCGv_ptr;

static inline TCGTemp *tcgv_i32_temp(TCGv_i32 v) { return (TCGTemp *)v; }
static inline TCGTemp *tcgv_i64_temp(TCGv_i64 v) { return (TCGTemp *)v; }
static inline TCGTemp *tcgv_ptr_temp(TCGv_ptr v) { return (TCGTemp *)v; }
static inline TCGv_i32 temp_tcgv_i32(TCGTemp *t) { return (TCGv_i32)t; }
static inline TCGv_i64 temp_tcgv_i64(TCGTemp *t) { return (TCGv_i64)t; }
static inline TCGv_ptr temp_tcgv_ptr(TCGTemp *t) { return (TCGv_ptr)t; }

/* The CPU state pointer, valid after tcg_context_init. */
static inline TCGv_ptr tcg_env(void) { return temp_tcgv_ptr(tcg_ctx->env); }

/* Temps. *_new: keeps its value across labels; *_ebb_new: undefined after
 * the next set_label (cheaper). Freeing is optional but lets slots be reused. */
static inline TCGv_i32 tcg_temp_new_i32(void) { return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB)); }
static inline TCGv_i64 tcg_temp_new_i64(void) { return temp_tcgv_i64(tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB)); }
static inline TCGv_ptr tcg_temp_new_ptr(void) { return temp_tcgv_ptr(tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB)); }
static inline TCGv_i32 tcg_temp_ebb_new_i32(void) { return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, TEMP_EBB)); }
static inline TCGv_i64 tcg_temp_ebb_new_i64(void) { return temp_tcgv_i64(tcg_temp_new_internal(TCG_TYPE_I64, TEMP_EBB)); }
static inline void tcg_temp_free_i32(TCGv_i32 v) { tcg_temp_free_internal(tcgv_i32_temp(v)); }
static inline void tcg_temp_free_i64(TCGv_i64 v) { tcg_temp_free_internal(tcgv_i64_temp(v)); }
static inline void tcg_temp_free_ptr(TCGv_ptr v) { tcg_temp_free_internal(tcgv_ptr_temp(v)); }
static inline TCGv_i32 tcg_constant_i32(int32_t v) { return temp_tcgv_i32(tcg_constant_internal(TCG_TYPE_I32, (uint32_t)v)); }
static inline TCGv_i64 tcg_constant_i64(int64_t v) { return temp_tcgv_i64(tcg_constant_internal(TCG_TYPE_I64, v)); }
static inline TCGv_i32 tcg_global_mem_new_i32(intptr_t env_offset, const char *name)
{ return temp_tcgv_i32(tcg_global_mem_new(TCG_TYPE_I32, tcg_ctx->env, env_offset, name)); }
static inline TCGv_i64 tcg_global_mem_new_i64(intptr_t env_offset, const char *name)
{ return temp_tcgv_i64(tcg_global_mem_new(TCG_TYPE_I64, tcg_ctx->env, env_offset, name)); }

/* Raw emitters. */
static inline void tcg_gen_op1(TCGOpcode o, TCGType t, TCGArg a)
{ tcg_emit_op(o, t, 1, (TCGArg[]){a}); }
static inline void tcg_gen_op2(TCGOpcode o, TCGType t, TCGArg a, TCGArg b)
{ tcg_emit_op(o, t, 2, (TCGArg[]){a, b}); }
static inline void tcg_gen_op3(TCGOpcode o, TCGType t, TCGArg a, TCGArg b, TCGArg c)
{ tcg_emit_op(o, t, 3, (TCGArg[]){a, b, c}); }
static inline void tcg_gen_op4(TCGOpcode o, TCGType t, TCGArg a, TCGArg b, TCGArg c, TCGArg d)
{ tcg_emit_op(o, t, 4, (TCGArg[]){a, b, c, d}); }
static inline void tcg_gen_op5(TCGOpcode o, TCGType t, TCGArg a, TCGArg b, TCGArg c, TCGArg d, TCGArg e)
{ tcg_emit_op(o, t, 5, (TCGArg[]){a, b, c, d, e}); }
static inline void tcg_gen_op6(TCGOpcode o, TCGType t, TCGArg a, TCGArg b, TCGArg c, TCGArg d, TCGArg e, TCGArg f)
{ tcg_emit_op(o, t, 6, (TCGArg[]){a, b, c, d, e, f}); }


/* ---- i32 ---- */

static inline void tcg_gen_add_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_add, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_sub_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_sub, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_mul_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_mul, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_and_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_and, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_or_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_or, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_xor_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_xor, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_andc_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_andc, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_orc_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_orc, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_eqv_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_eqv, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_nand_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_nand, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_nor_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_nor, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_shl_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_shl, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_shr_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_shr, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_sar_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_sar, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_rotl_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_rotl, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_rotr_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_rotr, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_clz_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_clz, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_ctz_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op3(INDEX_op_ctz, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_mov_i32(TCGv_i32 d, TCGv_i32 a) { tcg_gen_op2(INDEX_op_mov, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a))); }
static inline void tcg_gen_neg_i32(TCGv_i32 d, TCGv_i32 a) { tcg_gen_op2(INDEX_op_neg, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a))); }
static inline void tcg_gen_not_i32(TCGv_i32 d, TCGv_i32 a) { tcg_gen_op2(INDEX_op_not, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a))); }
static inline void tcg_gen_ext8s_i32(TCGv_i32 d, TCGv_i32 a) { tcg_gen_op2(INDEX_op_ext8s, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a))); }
static inline void tcg_gen_ext8u_i32(TCGv_i32 d, TCGv_i32 a) { tcg_gen_op2(INDEX_op_ext8u, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a))); }
static inline void tcg_gen_ext16s_i32(TCGv_i32 d, TCGv_i32 a) { tcg_gen_op2(INDEX_op_ext16s, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a))); }
static inline void tcg_gen_ext16u_i32(TCGv_i32 d, TCGv_i32 a) { tcg_gen_op2(INDEX_op_ext16u, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a))); }
static inline void tcg_gen_bswap16_i32(TCGv_i32 d, TCGv_i32 a) { tcg_gen_op2(INDEX_op_bswap16, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a))); }
static inline void tcg_gen_bswap32_i32(TCGv_i32 d, TCGv_i32 a) { tcg_gen_op2(INDEX_op_bswap32, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a))); }
static inline void tcg_gen_ctpop_i32(TCGv_i32 d, TCGv_i32 a) { tcg_gen_op2(INDEX_op_ctpop, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a))); }
/* d = base + (index << shift) + disp, shift 0..3 (an address). */
static inline void tcg_gen_lea_i32(TCGv_i32 d, TCGv_i32 base, TCGv_i32 index, unsigned shift, int32_t disp) { tcg_gen_op5(INDEX_op_lea, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(base)), temp_arg(tcgv_i32_temp(index)), shift, (TCGArg)(uint32_t)disp); }
static inline void tcg_gen_mulu2_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op4(INDEX_op_mulu2, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(lo)), temp_arg(tcgv_i32_temp(hi)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_muls2_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op4(INDEX_op_muls2, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(lo)), temp_arg(tcgv_i32_temp(hi)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b))); }
static inline void tcg_gen_add2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah, TCGv_i32 bl, TCGv_i32 bh)
{ tcg_gen_op6(INDEX_op_add2, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(rl)), temp_arg(tcgv_i32_temp(rh)), temp_arg(tcgv_i32_temp(al)), temp_arg(tcgv_i32_temp(ah)), temp_arg(tcgv_i32_temp(bl)), temp_arg(tcgv_i32_temp(bh))); }
static inline void tcg_gen_sub2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah, TCGv_i32 bl, TCGv_i32 bh)
{ tcg_gen_op6(INDEX_op_sub2, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(rl)), temp_arg(tcgv_i32_temp(rh)), temp_arg(tcgv_i32_temp(al)), temp_arg(tcgv_i32_temp(ah)), temp_arg(tcgv_i32_temp(bl)), temp_arg(tcgv_i32_temp(bh))); }
static inline void tcg_gen_setcond_i32(TCGCond c, TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_op4(INDEX_op_setcond, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)), c); }
static inline void tcg_gen_movcond_i32(TCGCond c, TCGv_i32 d, TCGv_i32 c1, TCGv_i32 c2, TCGv_i32 v1, TCGv_i32 v2)
{ tcg_gen_op6(INDEX_op_movcond, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(c1)), temp_arg(tcgv_i32_temp(c2)), temp_arg(tcgv_i32_temp(v1)), temp_arg(tcgv_i32_temp(v2)), c); }
static inline void tcg_gen_brcond_i32(TCGCond c, TCGv_i32 a, TCGv_i32 b, TCGLabel *l) { if (c == TCG_COND_ALWAYS) { tcg_gen_op1(INDEX_op_br, TCG_TYPE_I32, label_arg(l)); } else if (c != TCG_COND_NEVER) { tcg_gen_op4(INDEX_op_brcond, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)), c, label_arg(l)); } }
static inline void tcg_gen_deposit_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b, unsigned pos, unsigned len) { tcg_gen_op5(INDEX_op_deposit, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)), pos, len); }
static inline void tcg_gen_extract_i32(TCGv_i32 d, TCGv_i32 a, unsigned pos, unsigned len) { tcg_gen_op4(INDEX_op_extract, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), pos, len); }
static inline void tcg_gen_sextract_i32(TCGv_i32 d, TCGv_i32 a, unsigned pos, unsigned len) { tcg_gen_op4(INDEX_op_sextract, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(a)), pos, len); }
/* Host memory at ptr + offset (normally env fields). */
static inline void tcg_gen_ld_i32(TCGv_i32 d, TCGv_ptr base, intptr_t offset, MemOp mo) { tcg_gen_op4(INDEX_op_ld, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_ptr_temp(base)), offset, mo); }
static inline void tcg_gen_st_i32(TCGv_i32 v, TCGv_ptr base, intptr_t offset, MemOp mo) { tcg_gen_op4(INDEX_op_st, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(v)), temp_arg(tcgv_ptr_temp(base)), offset, mo); }
/* Guest memory at a 32-bit guest address. */
static inline void tcg_gen_guest_ld_i32(TCGv_i32 d, TCGv_i32 addr, int mmu_idx, MemOp mo) { tcg_gen_op4(INDEX_op_guest_ld, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i32_temp(addr)), mo, mmu_idx); }
static inline void tcg_gen_guest_st_i32(TCGv_i32 v, TCGv_i32 addr, int mmu_idx, MemOp mo) { tcg_gen_op4(INDEX_op_guest_st, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(v)), temp_arg(tcgv_i32_temp(addr)), mo, mmu_idx); }
static inline void tcg_gen_discard_i32(TCGv_i32 a) { tcg_gen_op1(INDEX_op_discard, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(a))); }
static inline void tcg_gen_movi_i32(TCGv_i32 d, int64_t v) { tcg_gen_mov_i32(d, tcg_constant_i32(v)); }
void tcg_gen_addi_i32(TCGv_i32 d, TCGv_i32 a, int64_t imm);
void tcg_gen_subi_i32(TCGv_i32 d, TCGv_i32 a, int64_t imm);
void tcg_gen_muli_i32(TCGv_i32 d, TCGv_i32 a, int64_t imm);
void tcg_gen_andi_i32(TCGv_i32 d, TCGv_i32 a, int64_t imm);
void tcg_gen_ori_i32(TCGv_i32 d, TCGv_i32 a, int64_t imm);
void tcg_gen_xori_i32(TCGv_i32 d, TCGv_i32 a, int64_t imm);
void tcg_gen_shli_i32(TCGv_i32 d, TCGv_i32 a, int64_t imm);
void tcg_gen_shri_i32(TCGv_i32 d, TCGv_i32 a, int64_t imm);
void tcg_gen_sari_i32(TCGv_i32 d, TCGv_i32 a, int64_t imm);
void tcg_gen_rotli_i32(TCGv_i32 d, TCGv_i32 a, int64_t imm);
void tcg_gen_rotri_i32(TCGv_i32 d, TCGv_i32 a, int64_t imm);
void tcg_gen_brcondi_i32(TCGCond c, TCGv_i32 a, int64_t imm, TCGLabel *l);
void tcg_gen_setcondi_i32(TCGCond c, TCGv_i32 d, TCGv_i32 a, int64_t imm);
/* Division through runtime helpers; the divisor must not be 0 and
 * signed INT_MIN / -1 gives INT_MIN (remainder 0): front ends check first. */
void tcg_gen_div_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_rem_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_divu_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_remu_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b);

/* ---- i64 ---- */

static inline void tcg_gen_add_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_sub_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_sub, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_mul_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_mul, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_and_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_and, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_or_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_or, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_xor_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_xor, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_andc_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_andc, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_orc_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_orc, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_eqv_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_eqv, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_nand_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_nand, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_nor_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_nor, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_shl_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_shl, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_shr_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_shr, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_sar_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_sar, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_rotl_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_rotl, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_rotr_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_rotr, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_clz_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_clz, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_ctz_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_ctz, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_mov_i64(TCGv_i64 d, TCGv_i64 a) { tcg_gen_op2(INDEX_op_mov, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a))); }
static inline void tcg_gen_neg_i64(TCGv_i64 d, TCGv_i64 a) { tcg_gen_op2(INDEX_op_neg, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a))); }
static inline void tcg_gen_not_i64(TCGv_i64 d, TCGv_i64 a) { tcg_gen_op2(INDEX_op_not, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a))); }
static inline void tcg_gen_ext8s_i64(TCGv_i64 d, TCGv_i64 a) { tcg_gen_op2(INDEX_op_ext8s, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a))); }
static inline void tcg_gen_ext8u_i64(TCGv_i64 d, TCGv_i64 a) { tcg_gen_op2(INDEX_op_ext8u, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a))); }
static inline void tcg_gen_ext16s_i64(TCGv_i64 d, TCGv_i64 a) { tcg_gen_op2(INDEX_op_ext16s, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a))); }
static inline void tcg_gen_ext16u_i64(TCGv_i64 d, TCGv_i64 a) { tcg_gen_op2(INDEX_op_ext16u, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a))); }
static inline void tcg_gen_bswap16_i64(TCGv_i64 d, TCGv_i64 a) { tcg_gen_op2(INDEX_op_bswap16, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a))); }
static inline void tcg_gen_bswap32_i64(TCGv_i64 d, TCGv_i64 a) { tcg_gen_op2(INDEX_op_bswap32, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a))); }
static inline void tcg_gen_ctpop_i64(TCGv_i64 d, TCGv_i64 a) { tcg_gen_op2(INDEX_op_ctpop, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a))); }
static inline void tcg_gen_fadd_f64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_fadd, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_fsub_f64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_fsub, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_fmul_f64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_fmul, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_fdiv_f64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op3(INDEX_op_fdiv, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
/* d = a * b + c, one rounding; only if tcg_op_supported(INDEX_op_fma). */
static inline void tcg_gen_fma_f64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b, TCGv_i64 c) { tcg_gen_op4(INDEX_op_fma, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)), temp_arg(tcgv_i64_temp(c))); }
static inline void tcg_gen_ext32s_i64(TCGv_i64 d, TCGv_i64 a) { tcg_gen_op2(INDEX_op_ext32s, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a))); }
static inline void tcg_gen_ext32u_i64(TCGv_i64 d, TCGv_i64 a) { tcg_gen_op2(INDEX_op_ext32u, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a))); }
static inline void tcg_gen_bswap64_i64(TCGv_i64 d, TCGv_i64 a) { tcg_gen_op2(INDEX_op_bswap64, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a))); }
static inline void tcg_gen_mulu2_i64(TCGv_i64 lo, TCGv_i64 hi, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op4(INDEX_op_mulu2, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(lo)), temp_arg(tcgv_i64_temp(hi)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_muls2_i64(TCGv_i64 lo, TCGv_i64 hi, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op4(INDEX_op_muls2, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(lo)), temp_arg(tcgv_i64_temp(hi)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b))); }
static inline void tcg_gen_add2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 al, TCGv_i64 ah, TCGv_i64 bl, TCGv_i64 bh)
{ tcg_gen_op6(INDEX_op_add2, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(rl)), temp_arg(tcgv_i64_temp(rh)), temp_arg(tcgv_i64_temp(al)), temp_arg(tcgv_i64_temp(ah)), temp_arg(tcgv_i64_temp(bl)), temp_arg(tcgv_i64_temp(bh))); }
static inline void tcg_gen_sub2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 al, TCGv_i64 ah, TCGv_i64 bl, TCGv_i64 bh)
{ tcg_gen_op6(INDEX_op_sub2, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(rl)), temp_arg(tcgv_i64_temp(rh)), temp_arg(tcgv_i64_temp(al)), temp_arg(tcgv_i64_temp(ah)), temp_arg(tcgv_i64_temp(bl)), temp_arg(tcgv_i64_temp(bh))); }
static inline void tcg_gen_setcond_i64(TCGCond c, TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_op4(INDEX_op_setcond, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)), c); }
static inline void tcg_gen_movcond_i64(TCGCond c, TCGv_i64 d, TCGv_i64 c1, TCGv_i64 c2, TCGv_i64 v1, TCGv_i64 v2)
{ tcg_gen_op6(INDEX_op_movcond, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(c1)), temp_arg(tcgv_i64_temp(c2)), temp_arg(tcgv_i64_temp(v1)), temp_arg(tcgv_i64_temp(v2)), c); }
static inline void tcg_gen_brcond_i64(TCGCond c, TCGv_i64 a, TCGv_i64 b, TCGLabel *l) { if (c == TCG_COND_ALWAYS) { tcg_gen_op1(INDEX_op_br, TCG_TYPE_I64, label_arg(l)); } else if (c != TCG_COND_NEVER) { tcg_gen_op4(INDEX_op_brcond, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)), c, label_arg(l)); } }
static inline void tcg_gen_deposit_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b, unsigned pos, unsigned len) { tcg_gen_op5(INDEX_op_deposit, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)), pos, len); }
static inline void tcg_gen_extract_i64(TCGv_i64 d, TCGv_i64 a, unsigned pos, unsigned len) { tcg_gen_op4(INDEX_op_extract, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), pos, len); }
static inline void tcg_gen_sextract_i64(TCGv_i64 d, TCGv_i64 a, unsigned pos, unsigned len) { tcg_gen_op4(INDEX_op_sextract, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i64_temp(a)), pos, len); }
/* Host memory at ptr + offset (normally env fields). */
static inline void tcg_gen_ld_i64(TCGv_i64 d, TCGv_ptr base, intptr_t offset, MemOp mo) { tcg_gen_op4(INDEX_op_ld, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_ptr_temp(base)), offset, mo); }
static inline void tcg_gen_st_i64(TCGv_i64 v, TCGv_ptr base, intptr_t offset, MemOp mo) { tcg_gen_op4(INDEX_op_st, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(v)), temp_arg(tcgv_ptr_temp(base)), offset, mo); }
/* Guest memory at a 32-bit guest address. */
static inline void tcg_gen_guest_ld_i64(TCGv_i64 d, TCGv_i32 addr, int mmu_idx, MemOp mo) { tcg_gen_op4(INDEX_op_guest_ld, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i32_temp(addr)), mo, mmu_idx); }
static inline void tcg_gen_guest_st_i64(TCGv_i64 v, TCGv_i32 addr, int mmu_idx, MemOp mo) { tcg_gen_op4(INDEX_op_guest_st, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(v)), temp_arg(tcgv_i32_temp(addr)), mo, mmu_idx); }
static inline void tcg_gen_discard_i64(TCGv_i64 a) { tcg_gen_op1(INDEX_op_discard, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(a))); }
static inline void tcg_gen_movi_i64(TCGv_i64 d, int64_t v) { tcg_gen_mov_i64(d, tcg_constant_i64(v)); }
void tcg_gen_addi_i64(TCGv_i64 d, TCGv_i64 a, int64_t imm);
/* A host x87 instruction (INDEX_op_x87): JIT only (tcg_has_host_x87). */
static inline void tcg_gen_x87(TCGv_ptr base, int opc, int form, intptr_t operand) { tcg_gen_op4(INDEX_op_x87, TCG_TYPE_I64, temp_arg(tcgv_ptr_temp(base)), (TCGArg)opc, (TCGArg)form, (TCGArg)operand); }
static inline void tcg_gen_x87_guest(TCGv_i32 addr, int opc, int form) { tcg_gen_op4(INDEX_op_x87_guest, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(addr)), (TCGArg)opc, (TCGArg)form, 0); }
static inline bool tcg_has_host_x87(void) { return tcg_ctx->backend == &tcg_backend_x86_64; }
/* A host SSE instruction (INDEX_op_sse): insn, env offsets d, s, mx; the
 * helper of the same effect and its last argument (both backends). */
static inline void tcg_gen_sse(TCGv_ptr base, uint32_t insn, intptr_t d, intptr_t s, intptr_t mx,
                               uint32_t harg, TCGHelperInfo *helper)
{ tcg_emit_op(INDEX_op_sse, TCG_TYPE_I64, 7, (TCGArg[]){temp_arg(tcgv_ptr_temp(base)), insn, (TCGArg)d, (TCGArg)s, (TCGArg)mx, harg, (TCGArg)helper}); }
/* Whether INDEX_op_sse runs the host instruction (else the helper). */
static inline bool tcg_has_host_sse(void) { return tcg_ctx->backend == &tcg_backend_x86_64; }
void tcg_gen_subi_i64(TCGv_i64 d, TCGv_i64 a, int64_t imm);
void tcg_gen_muli_i64(TCGv_i64 d, TCGv_i64 a, int64_t imm);
void tcg_gen_andi_i64(TCGv_i64 d, TCGv_i64 a, int64_t imm);
void tcg_gen_ori_i64(TCGv_i64 d, TCGv_i64 a, int64_t imm);
void tcg_gen_xori_i64(TCGv_i64 d, TCGv_i64 a, int64_t imm);
void tcg_gen_shli_i64(TCGv_i64 d, TCGv_i64 a, int64_t imm);
void tcg_gen_shri_i64(TCGv_i64 d, TCGv_i64 a, int64_t imm);
void tcg_gen_sari_i64(TCGv_i64 d, TCGv_i64 a, int64_t imm);
void tcg_gen_rotli_i64(TCGv_i64 d, TCGv_i64 a, int64_t imm);
void tcg_gen_rotri_i64(TCGv_i64 d, TCGv_i64 a, int64_t imm);
void tcg_gen_brcondi_i64(TCGCond c, TCGv_i64 a, int64_t imm, TCGLabel *l);
void tcg_gen_setcondi_i64(TCGCond c, TCGv_i64 d, TCGv_i64 a, int64_t imm);
/* Division through runtime helpers; the divisor must not be 0 and
 * signed INT_MIN / -1 gives INT_MIN (remainder 0): front ends check first. */
void tcg_gen_div_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_rem_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_divu_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_remu_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b);

/* ---- between types ---- */
static inline void tcg_gen_ext_i32_i64(TCGv_i64 d, TCGv_i32 a) { tcg_gen_op2(INDEX_op_ext_i32_i64, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i32_temp(a))); }
static inline void tcg_gen_extu_i32_i64(TCGv_i64 d, TCGv_i32 a) { tcg_gen_op2(INDEX_op_extu_i32_i64, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(d)), temp_arg(tcgv_i32_temp(a))); }
static inline void tcg_gen_extrl_i64_i32(TCGv_i32 d, TCGv_i64 a) { tcg_gen_op2(INDEX_op_extrl_i64_i32, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i64_temp(a))); }
static inline void tcg_gen_extrh_i64_i32(TCGv_i32 d, TCGv_i64 a) { tcg_gen_op2(INDEX_op_extrh_i64_i32, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(d)), temp_arg(tcgv_i64_temp(a))); }
/* d = hi:lo */
void tcg_gen_concat_i32_i64(TCGv_i64 d, TCGv_i32 lo, TCGv_i32 hi);

/* ---- control ---- */
static inline void gen_set_label(TCGLabel *l) { tcg_gen_op1(INDEX_op_set_label, TCG_TYPE_I32, label_arg(l)); }
static inline void tcg_gen_br(TCGLabel *l) { tcg_gen_op1(INDEX_op_br, TCG_TYPE_I32, label_arg(l)); }
static inline void tcg_gen_mb(int kind) { tcg_gen_op1(INDEX_op_mb, TCG_TYPE_I32, kind); }
/* Marks the start of a guest instruction; data[0] is its pc. */
static inline void tcg_gen_insn_start(uint64_t pc, uint64_t extra) { tcg_gen_op2(INDEX_op_insn_start, TCG_TYPE_I32, (TCGArg)pc, (TCGArg)extra); }
/* Leaves the block returning val to the CPU loop (see exec/tb.h). */
static inline void tcg_gen_exit_tb(uintptr_t val) { tcg_gen_op1(INDEX_op_exit_tb, TCG_TYPE_I64, val); }
/* A chainable direct jump, slot 0 or 1; must be followed by exit_tb(tb | slot). */
static inline void tcg_gen_goto_tb(unsigned slot) { tcg_gen_op1(INDEX_op_goto_tb, TCG_TYPE_I64, slot); }
/* Jumps to the block for the current CPU state, found through the lookup
 * cache, or returns to the CPU loop if there is none. */
void tcg_gen_lookup_and_goto_ptr(void);

/* Helper calls: ret may be NULL for void helpers. */
static inline void tcg_gen_call(TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args) { tcg_gen_callN(info, ret, args); }
#define tcg_gen_call0(info, ret) tcg_gen_callN((info), (ret), NULL)
#define tcg_gen_call1(info, ret, a) tcg_gen_callN((info), (ret), (TCGTemp *[]){(TCGTemp *)(a)})
#define tcg_gen_call2(info, ret, a, b) tcg_gen_callN((info), (ret), (TCGTemp *[]){(TCGTemp *)(a), (TCGTemp *)(b)})
#define tcg_gen_call3(info, ret, a, b, c) tcg_gen_callN((info), (ret), (TCGTemp *[]){(TCGTemp *)(a), (TCGTemp *)(b), (TCGTemp *)(c)})
#define tcg_gen_call4(info, ret, a, b, c, d) tcg_gen_callN((info), (ret), (TCGTemp *[]){(TCGTemp *)(a), (TCGTemp *)(b), (TCGTemp *)(c), (TCGTemp *)(d)})
#define tcg_gen_call5(info, ret, a, b, c, d, e) tcg_gen_callN((info), (ret), (TCGTemp *[]){(TCGTemp *)(a), (TCGTemp *)(b), (TCGTemp *)(c), (TCGTemp *)(d), (TCGTemp *)(e)})
#define tcg_gen_call6(info, ret, a, b, c, d, e, f) tcg_gen_callN((info), (ret), (TCGTemp *[]){(TCGTemp *)(a), (TCGTemp *)(b), (TCGTemp *)(c), (TCGTemp *)(d), (TCGTemp *)(e), (TCGTemp *)(f)})

/* The helper that tcg_gen_lookup_and_goto_ptr calls; set by accel/tcg. */
extern TCGHelperInfo *tcg_lookup_tb_ptr_helper;
/* If set (by accel/tcg), may emit the whole lookup and jump itself (a
 * call to a lookup helper specialised for this block, then goto_ptr) and
 * return true; false leaves it to the generic helper call. */
extern bool (*tcg_gen_lookup_probe)(void);

#endif
