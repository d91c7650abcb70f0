/*
 * Derived generators: operations with an immediate, division through
 * runtime helpers, and block exits that need a helper. Each expands into
 * the ops of tcg-opc.h; trivial immediates are simplified on the spot.
 */
#include "tcg/tcg-op.h"

TCGHelperInfo *tcg_lookup_tb_ptr_helper;

/* x OP imm for the binary ops, with the identities that need no op. */
static void gen_binop_imm(TCGOpcode opc, TCGType type, TCGTemp *d, TCGTemp *a,
                          int64_t imm)
{
    uint64_t mask = type == TCG_TYPE_I32 ? 0xffffffffu : ~(uint64_t)0;
    uint64_t v = (uint64_t)imm & mask;
    bool identity = false;

    switch (opc) {
    case INDEX_op_add: case INDEX_op_sub: case INDEX_op_or:
    case INDEX_op_xor: case INDEX_op_shl: case INDEX_op_shr:
    case INDEX_op_sar: case INDEX_op_rotl: case INDEX_op_rotr:
        identity = v == 0;
        break;
    case INDEX_op_mul:
        identity = v == 1;
        break;
    case INDEX_op_and:
        identity = v == mask;
        break;
    default:
        break;
    }
    if (identity) {
        if (d != a) {
            tcg_gen_op2(INDEX_op_mov, type, temp_arg(d), temp_arg(a));
        }
        return;
    }
    tcg_gen_op3(opc, type, temp_arg(d), temp_arg(a),
                temp_arg(tcg_constant_internal(type, (int64_t)v)));
}

#define T32(x) tcgv_i32_temp(x)
#define T64(x) tcgv_i64_temp(x)

void tcg_gen_addi_i32(TCGv_i32 d, TCGv_i32 a, int64_t i) { gen_binop_imm(INDEX_op_add, TCG_TYPE_I32, T32(d), T32(a), i); }
void tcg_gen_subi_i32(TCGv_i32 d, TCGv_i32 a, int64_t i) { gen_binop_imm(INDEX_op_sub, TCG_TYPE_I32, T32(d), T32(a), i); }
void tcg_gen_muli_i32(TCGv_i32 d, TCGv_i32 a, int64_t i) { gen_binop_imm(INDEX_op_mul, TCG_TYPE_I32, T32(d), T32(a), i); }
void tcg_gen_andi_i32(TCGv_i32 d, TCGv_i32 a, int64_t i) { gen_binop_imm(INDEX_op_and, TCG_TYPE_I32, T32(d), T32(a), i); }
void tcg_gen_ori_i32(TCGv_i32 d, TCGv_i32 a, int64_t i) { gen_binop_imm(INDEX_op_or, TCG_TYPE_I32, T32(d), T32(a), i); }
void tcg_gen_xori_i32(TCGv_i32 d, TCGv_i32 a, int64_t i) { gen_binop_imm(INDEX_op_xor, TCG_TYPE_I32, T32(d), T32(a), i); }
void tcg_gen_shli_i32(TCGv_i32 d, TCGv_i32 a, int64_t i) { gen_binop_imm(INDEX_op_shl, TCG_TYPE_I32, T32(d), T32(a), i); }
void tcg_gen_shri_i32(TCGv_i32 d, TCGv_i32 a, int64_t i) { gen_binop_imm(INDEX_op_shr, TCG_TYPE_I32, T32(d), T32(a), i); }
void tcg_gen_sari_i32(TCGv_i32 d, TCGv_i32 a, int64_t i) { gen_binop_imm(INDEX_op_sar, TCG_TYPE_I32, T32(d), T32(a), i); }
void tcg_gen_rotli_i32(TCGv_i32 d, TCGv_i32 a, int64_t i) { gen_binop_imm(INDEX_op_rotl, TCG_TYPE_I32, T32(d), T32(a), i); }
void tcg_gen_rotri_i32(TCGv_i32 d, TCGv_i32 a, int64_t i) { gen_binop_imm(INDEX_op_rotr, TCG_TYPE_I32, T32(d), T32(a), i); }
void tcg_gen_addi_i64(TCGv_i64 d, TCGv_i64 a, int64_t i) { gen_binop_imm(INDEX_op_add, TCG_TYPE_I64, T64(d), T64(a), i); }
void tcg_gen_subi_i64(TCGv_i64 d, TCGv_i64 a, int64_t i) { gen_binop_imm(INDEX_op_sub, TCG_TYPE_I64, T64(d), T64(a), i); }
void tcg_gen_muli_i64(TCGv_i64 d, TCGv_i64 a, int64_t i) { gen_binop_imm(INDEX_op_mul, TCG_TYPE_I64, T64(d), T64(a), i); }
void tcg_gen_andi_i64(TCGv_i64 d, TCGv_i64 a, int64_t i) { gen_binop_imm(INDEX_op_and, TCG_TYPE_I64, T64(d), T64(a), i); }
void tcg_gen_ori_i64(TCGv_i64 d, TCGv_i64 a, int64_t i) { gen_binop_imm(INDEX_op_or, TCG_TYPE_I64, T64(d), T64(a), i); }
void tcg_gen_xori_i64(TCGv_i64 d, TCGv_i64 a, int64_t i) { gen_binop_imm(INDEX_op_xor, TCG_TYPE_I64, T64(d), T64(a), i); }
void tcg_gen_shli_i64(TCGv_i64 d, TCGv_i64 a, int64_t i) { gen_binop_imm(INDEX_op_shl, TCG_TYPE_I64, T64(d), T64(a), i); }
void tcg_gen_shri_i64(TCGv_i64 d, TCGv_i64 a, int64_t i) { gen_binop_imm(INDEX_op_shr, TCG_TYPE_I64, T64(d), T64(a), i); }
void tcg_gen_sari_i64(TCGv_i64 d, TCGv_i64 a, int64_t i) { gen_binop_imm(INDEX_op_sar, TCG_TYPE_I64, T64(d), T64(a), i); }
void tcg_gen_rotli_i64(TCGv_i64 d, TCGv_i64 a, int64_t i) { gen_binop_imm(INDEX_op_rotl, TCG_TYPE_I64, T64(d), T64(a), i); }
void tcg_gen_rotri_i64(TCGv_i64 d, TCGv_i64 a, int64_t i) { gen_binop_imm(INDEX_op_rotr, TCG_TYPE_I64, T64(d), T64(a), i); }

void tcg_gen_brcondi_i32(TCGCond c, TCGv_i32 a, int64_t imm, TCGLabel *l)
{
    tcg_gen_brcond_i32(c, a, tcg_constant_i32(imm), l);
}

void tcg_gen_brcondi_i64(TCGCond c, TCGv_i64 a, int64_t imm, TCGLabel *l)
{
    tcg_gen_brcond_i64(c, a, tcg_constant_i64(imm), l);
}

void tcg_gen_setcondi_i32(TCGCond c, TCGv_i32 d, TCGv_i32 a, int64_t imm)
{
    tcg_gen_setcond_i32(c, d, a, tcg_constant_i32(imm));
}

void tcg_gen_setcondi_i64(TCGCond c, TCGv_i64 d, TCGv_i64 a, int64_t imm)
{
    tcg_gen_setcond_i64(c, d, a, tcg_constant_i64(imm));
}

static TCGHelperInfo helper_div_i32 = TCG_HELPER(tcg_helper_div_i32, TCG_CALL_PURE, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
static TCGHelperInfo helper_rem_i32 = TCG_HELPER(tcg_helper_rem_i32, TCG_CALL_PURE, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
static TCGHelperInfo helper_divu_i32 = TCG_HELPER(tcg_helper_divu_i32, TCG_CALL_PURE, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
static TCGHelperInfo helper_remu_i32 = TCG_HELPER(tcg_helper_remu_i32, TCG_CALL_PURE, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
static TCGHelperInfo helper_div_i64 = TCG_HELPER(tcg_helper_div_i64, TCG_CALL_PURE, TCG_HT_I64, TCG_HT_I64, TCG_HT_I64);
static TCGHelperInfo helper_rem_i64 = TCG_HELPER(tcg_helper_rem_i64, TCG_CALL_PURE, TCG_HT_I64, TCG_HT_I64, TCG_HT_I64);
static TCGHelperInfo helper_divu_i64 = TCG_HELPER(tcg_helper_divu_i64, TCG_CALL_PURE, TCG_HT_I64, TCG_HT_I64, TCG_HT_I64);
static TCGHelperInfo helper_remu_i64 = TCG_HELPER(tcg_helper_remu_i64, TCG_CALL_PURE, TCG_HT_I64, TCG_HT_I64, TCG_HT_I64);

void tcg_gen_div_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_call2(&helper_div_i32, T32(d), a, b); }
void tcg_gen_rem_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_call2(&helper_rem_i32, T32(d), a, b); }
void tcg_gen_divu_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_call2(&helper_divu_i32, T32(d), a, b); }
void tcg_gen_remu_i32(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b) { tcg_gen_call2(&helper_remu_i32, T32(d), a, b); }
void tcg_gen_div_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_call2(&helper_div_i64, T64(d), a, b); }
void tcg_gen_rem_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_call2(&helper_rem_i64, T64(d), a, b); }
void tcg_gen_divu_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_call2(&helper_divu_i64, T64(d), a, b); }
void tcg_gen_remu_i64(TCGv_i64 d, TCGv_i64 a, TCGv_i64 b) { tcg_gen_call2(&helper_remu_i64, T64(d), a, b); }

void tcg_gen_concat_i32_i64(TCGv_i64 d, TCGv_i32 lo, TCGv_i32 hi)
{
    TCGv_i64 t = tcg_temp_ebb_new_i64();
    tcg_gen_extu_i32_i64(t, hi);
    tcg_gen_extu_i32_i64(d, lo);
    tcg_gen_deposit_i64(d, d, t, 32, 32);
    tcg_temp_free_i64(t);
}

bool (*tcg_gen_lookup_probe)(void);

void tcg_gen_lookup_and_goto_ptr(void)
{
    if (tcg_gen_lookup_probe && tcg_gen_lookup_probe()) {
        return;
    }
    TCGv_i64 ptr = tcg_temp_ebb_new_i64();
    tcg_gen_call1(tcg_lookup_tb_ptr_helper, T64(ptr), tcg_env());
    tcg_gen_op1(INDEX_op_goto_ptr, TCG_TYPE_I64, temp_arg(T64(ptr)));
    tcg_temp_free_i64(ptr);
}
