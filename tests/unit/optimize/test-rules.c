/*
 * The optimizer's rules, one block each: the dump before and after
 * tcg_optimize is compared with text worked out by hand from the rule
 * (the comment above each expectation says why).
 */
#include <criterion/criterion.h>
#include <stddef.h>

#include "opt-harness.h"

static void setup(void)
{
    opt_setup(NULL);
}

TestSuite(rules, .init = setup);

/* n fresh TB temps, created before any constant so they are loc0.. */
static void new_temps(TCGv_i32 *t, int n)
{
    for (int i = 0; i < n; i++) {
        t[i] = tcg_temp_new_i32();
    }
}

/* An unknown i32 value in a temp: a load from the env. */
static void gen_unknown(TCGv_i32 t, int slot)
{
    tcg_gen_ld_i32(t, tcg_env(), offsetof(OptEnv, mem[slot]), MO_UL);
}

static TCGv_i32 c32(int32_t v)
{
    return tcg_constant_i32(v);
}

Test(rules, fold_constants)
{
    TCGv_i32 t[2];
    new_temps(t, 2);
    tcg_gen_movi_i32(t[0], 2);
    tcg_gen_add_i32(t[1], t[0], c32(3));
    tcg_gen_mov_i32(opt_r[0], t[1]);
    tcg_gen_exit_tb(0);
    opt_check("fold_constants",
              " mov_i32 loc0,$0x2\n"
              " add_i32 loc1,loc0,$0x3\n"
              " mov_i32 r0,loc1\n"
              " exit_tb $0x0\n",
              /* 2 + 3 = 5, and r0 takes the known 5 */
              " mov_i32 loc0,$0x2\n"
              " mov_i32 loc1,$0x5\n"
              " mov_i32 r0,$0x5\n"
              " exit_tb $0x0\n");
}

Test(rules, fold_two_outputs)
{
    TCGv_i64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    tcg_gen_mulu2_i64(lo, hi, tcg_constant_i64(-1), tcg_constant_i64(2));
    tcg_gen_mov_i64(opt_q[0], lo);
    tcg_gen_mov_i64(opt_q[1], hi);
    tcg_gen_exit_tb(0);
    opt_check("fold_two_outputs",
              " mulu2_i64 loc0,loc1,$0xffffffffffffffff,$0x2\n"
              " mov_i64 q0,loc0\n"
              " mov_i64 q1,loc1\n"
              " exit_tb $0x0\n",
              /* (2^64-1)*2 = 2^65-2: lo = 2^64-2, hi = 1 */
              " mov_i64 loc0,$0xfffffffffffffffe\n"
              " mov_i64 loc1,$0x1\n"
              " mov_i64 q0,$0xfffffffffffffffe\n"
              " mov_i64 q1,$0x1\n"
              " exit_tb $0x0\n");
}

Test(rules, fold_add2_i32)
{
    TCGv_i32 t[2];
    new_temps(t, 2);
    tcg_gen_add2_i32(t[0], t[1], c32(-1), c32(7), c32(1), c32(0));
    tcg_gen_mov_i32(opt_r[0], t[0]);
    tcg_gen_mov_i32(opt_r[1], t[1]);
    tcg_gen_exit_tb(0);
    opt_check("fold_add2_i32",
              " add2_i32 loc0,loc1,$0xffffffff,$0x7,$0x1,$0x0\n"
              " mov_i32 r0,loc0\n"
              " mov_i32 r1,loc1\n"
              " exit_tb $0x0\n",
              /* 7:ffffffff + 0:1 = 8:0 */
              " mov_i32 loc0,$0x0\n"
              " mov_i32 loc1,$0x8\n"
              " mov_i32 r0,$0x0\n"
              " mov_i32 r1,$0x8\n"
              " exit_tb $0x0\n");
}

Test(rules, known_bits)
{
    TCGv_i32 t[5];
    new_temps(t, 5);
    tcg_gen_ext8u_i32(t[0], opt_r[0]);
    tcg_gen_and_i32(t[1], t[0], c32(0xff));
    tcg_gen_shr_i32(t[2], t[1], c32(8));
    tcg_gen_mov_i32(opt_r[1], t[2]);
    tcg_gen_setcond_i32(TCG_COND_LTU, t[3], opt_r[2], opt_r[3]);
    tcg_gen_and_i32(t[4], t[3], c32(1));
    tcg_gen_mov_i32(opt_r[2], t[4]);
    tcg_gen_exit_tb(0);
    opt_check("known_bits",
              " ext8u_i32 loc0,r0\n"
              " and_i32 loc1,loc0,$0xff\n"
              " shr_i32 loc2,loc1,$0x8\n"
              " mov_i32 r1,loc2\n"
              " setcond_i32 loc3,r2,r3,ltu\n"
              " and_i32 loc4,loc3,$0x1\n"
              " mov_i32 r2,loc4\n"
              " exit_tb $0x0\n",
              /* loc0 < 256, so the and is a copy and the shift gives 0;
               * setcond gives 0 or 1, so and 1 is a copy */
              " ext8u_i32 loc0,r0\n"
              " mov_i32 loc1,loc0\n"
              " mov_i32 loc2,$0x0\n"
              " mov_i32 r1,$0x0\n"
              " setcond_i32 loc3,r2,r3,ltu\n"
              " mov_i32 loc4,loc3\n"
              " mov_i32 r2,loc3\n"
              " exit_tb $0x0\n");
}

Test(rules, known_bits_extensions)
{
    TCGv_i32 t[5];
    new_temps(t, 5);
    gen_unknown(t[0], 0);
    tcg_gen_extract_i32(t[1], t[0], 0, 8);
    tcg_gen_ext8u_i32(t[2], t[1]);
    tcg_gen_ext16u_i32(t[3], t[2]);
    tcg_gen_ext8s_i32(t[4], t[1]);
    tcg_gen_mov_i32(opt_r[1], t[3]);
    tcg_gen_mov_i32(opt_r[2], t[4]);
    tcg_gen_exit_tb(0);
    opt_check("known_bits_extensions",
              " ld_i32 loc0,env,$0x0,u32\n"
              " extract_i32 loc1,loc0,$0x0,$0x8\n"
              " ext8u_i32 loc2,loc1\n"
              " ext16u_i32 loc3,loc2\n"
              " ext8s_i32 loc4,loc1\n"
              " mov_i32 r1,loc3\n"
              " mov_i32 r2,loc4\n"
              " exit_tb $0x0\n",
              /* loc1 < 256: both zero-extensions are copies of loc1; the
               * sign extension stays (bit 7 unknown) */
              " ld_i32 loc0,env,$0x0,u32\n"
              " extract_i32 loc1,loc0,$0x0,$0x8\n"
              " mov_i32 loc2,loc1\n"
              " mov_i32 loc3,loc1\n"
              " ext8s_i32 loc4,loc1\n"
              " mov_i32 r1,loc1\n"
              " mov_i32 r2,loc4\n"
              " exit_tb $0x0\n");
}

Test(rules, known_bits_i64)
{
    TCGv_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64(), c = tcg_temp_new_i64();
    tcg_gen_extu_i32_i64(a, opt_r[0]);
    tcg_gen_ext32u_i64(b, a);
    tcg_gen_shr_i64(c, b, tcg_constant_i64(32));
    tcg_gen_mov_i64(opt_q[0], c);
    tcg_gen_exit_tb(0);
    opt_check("known_bits_i64",
              " extu_i32_i64_i64 loc0,r0\n"
              " ext32u_i64 loc1,loc0\n"
              " shr_i64 loc2,loc1,$0x20\n"
              " mov_i64 q0,loc2\n"
              " exit_tb $0x0\n",
              /* the high half of loc0 is zero: ext32u copies, shr gives 0 */
              " extu_i32_i64_i64 loc0,r0\n"
              " mov_i64 loc1,loc0\n"
              " mov_i64 loc2,$0x0\n"
              " mov_i64 q0,$0x0\n"
              " exit_tb $0x0\n");
}

Test(rules, copy_propagation)
{
    TCGv_i32 t[4];
    new_temps(t, 4);
    tcg_gen_mov_i32(t[0], opt_r[0]);
    tcg_gen_mov_i32(t[1], t[0]);
    tcg_gen_add_i32(t[2], t[1], t[1]);
    tcg_gen_mov_i32(t[0], t[1]);
    tcg_gen_add_i32(t[3], opt_r[0], c32(1));
    tcg_gen_mov_i32(opt_r[1], t[2]);
    tcg_gen_mov_i32(opt_r[2], t[3]);
    tcg_gen_exit_tb(0);
    opt_check("copy_propagation",
              " mov_i32 loc0,r0\n"
              " mov_i32 loc1,loc0\n"
              " add_i32 loc2,loc1,loc1\n"
              " mov_i32 loc0,loc1\n"
              " add_i32 loc3,r0,$0x1\n"
              " mov_i32 r1,loc2\n"
              " mov_i32 r2,loc3\n"
              " exit_tb $0x0\n",
              /* uses go to the oldest block temp holding the value (loc0);
               * loc0 = loc1 is already true, so that mov goes */
              " mov_i32 loc0,r0\n"
              " mov_i32 loc1,loc0\n"
              " add_i32 loc2,loc0,loc0\n"
              " add_i32 loc3,loc0,$0x1\n"
              " mov_i32 r1,loc2\n"
              " mov_i32 r2,loc3\n"
              " exit_tb $0x0\n");
}

Test(rules, copy_invalidated_by_write)
{
    TCGv_i32 t[2];
    new_temps(t, 2);
    tcg_gen_mov_i32(t[0], opt_r[0]);
    tcg_gen_movi_i32(opt_r[0], 5);
    tcg_gen_add_i32(t[1], t[0], opt_r[0]);
    tcg_gen_mov_i32(opt_r[1], t[1]);
    tcg_gen_exit_tb(0);
    opt_check("copy_invalidated_by_write",
              " mov_i32 loc0,r0\n"
              " mov_i32 r0,$0x5\n"
              " add_i32 loc1,loc0,r0\n"
              " mov_i32 r1,loc1\n"
              " exit_tb $0x0\n",
              /* loc0 keeps the old r0; r0 is now the constant 5 */
              " mov_i32 loc0,r0\n"
              " mov_i32 r0,$0x5\n"
              " add_i32 loc1,loc0,$0x5\n"
              " mov_i32 r1,loc1\n"
              " exit_tb $0x0\n");
}

Test(rules, identities)
{
    TCGv_i32 x = tcg_temp_new_i32(), y = tcg_temp_new_i32(), t[27];
    new_temps(t, 27);
    gen_unknown(x, 0);
    gen_unknown(y, 1);
    tcg_gen_add_i32(t[0], x, c32(0));
    tcg_gen_add_i32(t[1], c32(0), x);
    tcg_gen_sub_i32(t[2], x, x);
    tcg_gen_sub_i32(t[3], x, c32(5));
    tcg_gen_sub_i32(t[4], c32(0), x);
    tcg_gen_mul_i32(t[5], x, c32(1));
    tcg_gen_mul_i32(t[6], x, c32(0));
    tcg_gen_and_i32(t[7], x, c32(0));
    tcg_gen_and_i32(t[8], x, c32(-1));
    tcg_gen_or_i32(t[9], x, c32(0));
    tcg_gen_or_i32(t[10], x, c32(-1));
    tcg_gen_xor_i32(t[11], x, x);
    tcg_gen_xor_i32(t[12], x, c32(-1));
    tcg_gen_and_i32(t[13], x, x);
    tcg_gen_or_i32(t[14], x, x);
    tcg_gen_andc_i32(t[15], x, x);
    tcg_gen_orc_i32(t[16], x, x);
    tcg_gen_eqv_i32(t[17], x, x);
    tcg_gen_nand_i32(t[18], x, x);
    tcg_gen_nor_i32(t[19], x, x);
    tcg_gen_shl_i32(t[20], x, c32(0));
    tcg_gen_shr_i32(t[21], x, c32(32));
    tcg_gen_sar_i32(t[22], x, c32(0));
    tcg_gen_rotl_i32(t[23], x, c32(64));
    tcg_gen_rotr_i32(t[24], c32(0), y);
    tcg_gen_andc_i32(t[25], x, c32(0xff));
    tcg_gen_mul_i32(t[26], x, y);
    opt_check("identities",
              " ld_i32 loc0,env,$0x0,u32\n"
              " ld_i32 loc1,env,$0x4,u32\n"
              " add_i32 loc2,loc0,$0x0\n"
              " add_i32 loc3,$0x0,loc0\n"
              " sub_i32 loc4,loc0,loc0\n"
              " sub_i32 loc5,loc0,$0x5\n"
              " sub_i32 loc6,$0x0,loc0\n"
              " mul_i32 loc7,loc0,$0x1\n"
              " mul_i32 loc8,loc0,$0x0\n"
              " and_i32 loc9,loc0,$0x0\n"
              " and_i32 loc10,loc0,$0xffffffff\n"
              " or_i32 loc11,loc0,$0x0\n"
              " or_i32 loc12,loc0,$0xffffffff\n"
              " xor_i32 loc13,loc0,loc0\n"
              " xor_i32 loc14,loc0,$0xffffffff\n"
              " and_i32 loc15,loc0,loc0\n"
              " or_i32 loc16,loc0,loc0\n"
              " andc_i32 loc17,loc0,loc0\n"
              " orc_i32 loc18,loc0,loc0\n"
              " eqv_i32 loc19,loc0,loc0\n"
              " nand_i32 loc20,loc0,loc0\n"
              " nor_i32 loc21,loc0,loc0\n"
              " shl_i32 loc22,loc0,$0x0\n"
              " shr_i32 loc23,loc0,$0x20\n"
              " sar_i32 loc24,loc0,$0x0\n"
              " rotl_i32 loc25,loc0,$0x40\n"
              " rotr_i32 loc26,$0x0,loc1\n"
              " andc_i32 loc27,loc0,$0xff\n"
              " mul_i32 loc28,loc0,loc1\n",
              " ld_i32 loc0,env,$0x0,u32\n"
              " ld_i32 loc1,env,$0x4,u32\n"
              " mov_i32 loc2,loc0\n"                 /* x+0 */
              " mov_i32 loc3,loc0\n"                 /* 0+x */
              " mov_i32 loc4,$0x0\n"                 /* x-x */
              " add_i32 loc5,loc0,$0xfffffffb\n"     /* x-5 = x+(-5) */
              " neg_i32 loc6,loc0\n"                 /* 0-x */
              " mov_i32 loc7,loc0\n"                 /* x*1 */
              " mov_i32 loc8,$0x0\n"                 /* x*0 */
              " mov_i32 loc9,$0x0\n"                 /* x&0 */
              " mov_i32 loc10,loc0\n"                /* x&-1 */
              " mov_i32 loc11,loc0\n"                /* x|0 */
              " mov_i32 loc12,$0xffffffff\n"         /* x|-1 */
              " mov_i32 loc13,$0x0\n"                /* x^x */
              " not_i32 loc14,loc0\n"                /* x^-1 */
              " mov_i32 loc15,loc0\n"                /* x&x */
              " mov_i32 loc16,loc0\n"                /* x|x */
              " mov_i32 loc17,$0x0\n"                /* x&~x */
              " mov_i32 loc18,$0xffffffff\n"         /* x|~x */
              " mov_i32 loc19,$0xffffffff\n"         /* ~(x^x) */
              " not_i32 loc20,loc0\n"                /* ~(x&x) */
              " not_i32 loc21,loc0\n"                /* ~(x|x) */
              " mov_i32 loc22,loc0\n"                /* x<<0 */
              " mov_i32 loc23,loc0\n"                /* x>>32 = x>>0 */
              " mov_i32 loc24,loc0\n"                /* x>>0 */
              " mov_i32 loc25,loc0\n"                /* rotl 64 = rotl 0 */
              " mov_i32 loc26,$0x0\n"                /* rotr of 0 */
              " and_i32 loc27,loc0,$0xffffff00\n"    /* x&~0xff */
              " mul_i32 loc28,loc0,loc1\n");         /* nothing to do */
}

Test(rules, double_negation)
{
    TCGv_i32 x = tcg_temp_new_i32(), t[7];
    new_temps(t, 7);
    gen_unknown(x, 0);
    tcg_gen_not_i32(t[0], x);
    tcg_gen_not_i32(t[1], t[0]);
    tcg_gen_neg_i32(t[2], x);
    tcg_gen_neg_i32(t[3], t[2]);
    tcg_gen_not_i32(t[4], x);
    gen_unknown(x, 1);
    tcg_gen_not_i32(t[5], t[4]);
    tcg_gen_xor_i32(t[6], t[0], c32(-1));
    opt_check("double_negation",
              " ld_i32 loc0,env,$0x0,u32\n"
              " not_i32 loc1,loc0\n"
              " not_i32 loc2,loc1\n"
              " neg_i32 loc3,loc0\n"
              " neg_i32 loc4,loc3\n"
              " not_i32 loc5,loc0\n"
              " ld_i32 loc0,env,$0x4,u32\n"
              " not_i32 loc6,loc5\n"
              " xor_i32 loc7,loc1,$0xffffffff\n",
              /* not(not x) = x while x is unchanged; after x is reloaded
               * the second not stays. loc1 ^ -1 = not(loc1) = old x, which
               * is gone, so it stays a not. */
              " ld_i32 loc0,env,$0x0,u32\n"
              " not_i32 loc1,loc0\n"
              " mov_i32 loc2,loc0\n"
              " neg_i32 loc3,loc0\n"
              " mov_i32 loc4,loc0\n"
              " not_i32 loc5,loc0\n"
              " ld_i32 loc0,env,$0x4,u32\n"
              " not_i32 loc6,loc5\n"
              " not_i32 loc7,loc1\n");
}

Test(rules, bitfields_full_width)
{
    TCGv_i32 x = tcg_temp_new_i32(), y = tcg_temp_new_i32(), t[4];
    new_temps(t, 4);
    gen_unknown(x, 0);
    gen_unknown(y, 1);
    tcg_gen_deposit_i32(t[0], x, y, 0, 32);
    tcg_gen_extract_i32(t[1], x, 0, 32);
    tcg_gen_sextract_i32(t[2], x, 0, 32);
    tcg_gen_deposit_i32(t[3], x, y, 8, 8);
    opt_check("bitfields_full_width",
              " ld_i32 loc0,env,$0x0,u32\n"
              " ld_i32 loc1,env,$0x4,u32\n"
              " deposit_i32 loc2,loc0,loc1,$0x0,$0x20\n"
              " extract_i32 loc3,loc0,$0x0,$0x20\n"
              " sextract_i32 loc4,loc0,$0x0,$0x20\n"
              " deposit_i32 loc5,loc0,loc1,$0x8,$0x8\n",
              " ld_i32 loc0,env,$0x0,u32\n"
              " ld_i32 loc1,env,$0x4,u32\n"
              " mov_i32 loc2,loc1\n"
              " mov_i32 loc3,loc0\n"
              " mov_i32 loc4,loc0\n"
              " deposit_i32 loc5,loc0,loc1,$0x8,$0x8\n");
}

Test(rules, conditions)
{
    TCGv_i32 x = tcg_temp_new_i32(), y = tcg_temp_new_i32(), z = tcg_temp_new_i32();
    TCGv_i32 t[11];
    new_temps(t, 11);
    gen_unknown(x, 0);
    gen_unknown(y, 1);
    gen_unknown(z, 2);
    tcg_gen_movcond_i32(TCG_COND_LT, t[0], x, y, z, z);
    tcg_gen_setcond_i32(TCG_COND_EQ, t[1], x, x);
    tcg_gen_setcond_i32(TCG_COND_LTU, t[2], x, x);
    tcg_gen_setcond_i32(TCG_COND_LT, t[3], c32(-1), c32(2));
    tcg_gen_movcond_i32(TCG_COND_EQ, t[4], c32(3), c32(3), x, y);
    tcg_gen_movcond_i32(TCG_COND_NE, t[5], x, x, x, y);
    tcg_gen_setcond_i32(TCG_COND_LTU, t[6], c32(5), x);
    tcg_gen_ext8u_i32(t[7], x);
    tcg_gen_setcond_i32(TCG_COND_LTU, t[8], t[7], c32(0x100));
    tcg_gen_setcond_i32(TCG_COND_EQ, t[9], t[7], c32(0x100));
    tcg_gen_setcond_i32(TCG_COND_LE, t[10], t[7], y);
    opt_check("conditions",
              " ld_i32 loc0,env,$0x0,u32\n"
              " ld_i32 loc1,env,$0x4,u32\n"
              " ld_i32 loc2,env,$0x8,u32\n"
              " movcond_i32 loc3,loc0,loc1,loc2,loc2,lt\n"
              " setcond_i32 loc4,loc0,loc0,eq\n"
              " setcond_i32 loc5,loc0,loc0,ltu\n"
              " setcond_i32 loc6,$0xffffffff,$0x2,lt\n"
              " movcond_i32 loc7,$0x3,$0x3,loc0,loc1,eq\n"
              " movcond_i32 loc8,loc0,loc0,loc0,loc1,ne\n"
              " setcond_i32 loc9,$0x5,loc0,ltu\n"
              " ext8u_i32 loc10,loc0\n"
              " setcond_i32 loc11,loc10,$0x100,ltu\n"
              " setcond_i32 loc12,loc10,$0x100,eq\n"
              " setcond_i32 loc13,loc10,loc1,le\n",
              " ld_i32 loc0,env,$0x0,u32\n"
              " ld_i32 loc1,env,$0x4,u32\n"
              " ld_i32 loc2,env,$0x8,u32\n"
              " mov_i32 loc3,loc2\n"             /* both choices equal */
              " mov_i32 loc4,$0x1\n"             /* x == x */
              " mov_i32 loc5,$0x0\n"             /* x <u x */
              " mov_i32 loc6,$0x1\n"             /* -1 < 2 signed */
              " mov_i32 loc7,loc0\n"             /* 3 == 3 */
              " mov_i32 loc8,loc1\n"             /* x != x is false */
              " setcond_i32 loc9,loc0,$0x5,gtu\n"/* constant second */
              " ext8u_i32 loc10,loc0\n"
              " mov_i32 loc11,$0x1\n"            /* (x&0xff) <u 0x100 */
              " mov_i32 loc12,$0x0\n"            /* bit 8 differs */
              " setcond_i32 loc13,loc10,loc1,le\n");
}

Test(rules, branch_folding)
{
    TCGLabel *l0 = gen_new_label(), *l1 = gen_new_label(), *l2 = gen_new_label();
    tcg_gen_brcond_i32(TCG_COND_LTU, c32(1), c32(2), l0);
    tcg_gen_movi_i32(opt_r[0], 1);
    gen_set_label(l1);
    tcg_gen_movi_i32(opt_r[1], 2);
    gen_set_label(l0);
    tcg_gen_brcond_i32(TCG_COND_LTU, c32(2), c32(1), l2);
    tcg_gen_movi_i32(opt_r[2], 3);
    tcg_gen_exit_tb(0);
    tcg_gen_movi_i32(opt_r[3], 4);
    gen_set_label(l2);
    tcg_gen_insn_start(0x1000, 0);
    tcg_gen_movi_i32(opt_r[3], 5);
    tcg_gen_exit_tb(0);
    opt_check("branch_folding",
              " brcond_i32 $0x1,$0x2,ltu,$L0\n"
              " mov_i32 r0,$0x1\n"
              "L1:\n"
              " mov_i32 r1,$0x2\n"
              "L0:\n"
              " brcond_i32 $0x2,$0x1,ltu,$L2\n"
              " mov_i32 r2,$0x3\n"
              " exit_tb $0x0\n"
              " mov_i32 r3,$0x4\n"
              "L2:\n"
              " ---- 0x1000 0x0\n"
              " mov_i32 r3,$0x5\n"
              " exit_tb $0x0\n",
              /* 1 <u 2: always taken, the code up to L0 is unreachable (L1
               * has no branch to it) and the br falls into L0; 2 <u 1:
               * never taken. After exit_tb nothing is reachable (L2 lost
               * its only branch), but insn_start stays. */
              " mov_i32 r2,$0x3\n"
              " exit_tb $0x0\n"
              " ---- 0x1000 0x0\n");
}

Test(rules, branch_same_operands)
{
    TCGv_i32 x = tcg_temp_new_i32();
    TCGLabel *l0 = gen_new_label(), *l1 = gen_new_label();
    gen_unknown(x, 0);
    tcg_gen_brcond_i32(TCG_COND_NE, x, x, l0);
    tcg_gen_brcond_i32(TCG_COND_GEU, x, x, l1);
    tcg_gen_movi_i32(opt_r[0], 1);
    gen_set_label(l0);
    tcg_gen_movi_i32(opt_r[1], 2);
    gen_set_label(l1);
    tcg_gen_exit_tb(0);
    opt_check("branch_same_operands",
              " ld_i32 loc0,env,$0x0,u32\n"
              " brcond_i32 loc0,loc0,ne,$L0\n"
              " brcond_i32 loc0,loc0,geu,$L1\n"
              " mov_i32 r0,$0x1\n"
              "L0:\n"
              " mov_i32 r1,$0x2\n"
              "L1:\n"
              " exit_tb $0x0\n",
              /* x != x never holds; x >=u x always does: the br reaches L1
               * with nothing between, so both go */
              " ld_i32 loc0,env,$0x0,u32\n"
              " exit_tb $0x0\n");
}

Test(rules, labels_reset_knowledge)
{
    TCGv_i32 t[3];
    TCGLabel *l0 = gen_new_label();
    new_temps(t, 3);
    tcg_gen_movi_i32(t[0], 5);
    tcg_gen_brcond_i32(TCG_COND_EQ, opt_r[0], c32(0), l0);
    tcg_gen_add_i32(t[2], t[0], c32(1));
    tcg_gen_mov_i32(opt_r[2], t[2]);
    gen_set_label(l0);
    tcg_gen_add_i32(t[1], t[0], c32(1));
    tcg_gen_mov_i32(opt_r[1], t[1]);
    tcg_gen_exit_tb(0);
    opt_check("labels_reset_knowledge",
              " mov_i32 loc0,$0x5\n"
              " brcond_i32 r0,$0x0,eq,$L0\n"
              " add_i32 loc2,loc0,$0x1\n"
              " mov_i32 r2,loc2\n"
              "L0:\n"
              " add_i32 loc1,loc0,$0x1\n"
              " mov_i32 r1,loc1\n"
              " exit_tb $0x0\n",
              /* known on the fall-through path, forgotten at the label */
              " mov_i32 loc0,$0x5\n"
              " brcond_i32 r0,$0x0,eq,$L0\n"
              " mov_i32 loc2,$0x6\n"
              " mov_i32 r2,$0x6\n"
              "L0:\n"
              " add_i32 loc1,loc0,$0x1\n"
              " mov_i32 r1,loc1\n"
              " exit_tb $0x0\n");
}

Test(rules, calls_and_globals)
{
    TCGv_i32 t[5];
    new_temps(t, 5);
    tcg_gen_movi_i32(opt_r[0], 5);
    tcg_gen_call1(&opt_helper_pure, tcgv_i32_temp(t[1]), tcgv_i32_temp(opt_r[0]));
    tcg_gen_add_i32(t[2], opt_r[0], c32(1));
    tcg_gen_call2(&opt_helper_writes, tcgv_i32_temp(t[3]), tcgv_ptr_temp(tcg_env()),
                  tcgv_i32_temp(t[1]));
    tcg_gen_add_i32(t[4], opt_r[0], c32(1));
    tcg_gen_mov_i32(opt_r[1], t[2]);
    tcg_gen_mov_i32(opt_r[2], t[4]);
    tcg_gen_exit_tb(0);
    opt_check("calls_and_globals",
              " mov_i32 r0,$0x5\n"
              " call helper_count_i32,$0x0,loc1,r0\n"
              " add_i32 loc2,r0,$0x1\n"
              " call helper_writes,$0x3,loc3,env,loc1\n"
              " add_i32 loc4,r0,$0x1\n"
              " mov_i32 r1,loc2\n"
              " mov_i32 r2,loc4\n"
              " exit_tb $0x0\n",
              /* r0 = 5 survives the pure call, not the one writing globals */
              " mov_i32 r0,$0x5\n"
              " call helper_count_i32,$0x0,loc1,$0x5\n"
              " mov_i32 loc2,$0x6\n"
              " call helper_writes,$0x3,loc3,env,loc1\n"
              " add_i32 loc4,r0,$0x1\n"
              " mov_i32 r1,$0x6\n"
              " mov_i32 r2,loc4\n"
              " exit_tb $0x0\n");
}

Test(rules, dead_global_stores)
{
    TCGv_i32 x = tcg_temp_new_i32(), y = tcg_temp_new_i32(), t[3];
    TCGLabel *l0 = gen_new_label();
    new_temps(t, 3);
    gen_unknown(x, 0);
    gen_unknown(y, 1);
    /* r0: written twice, nothing between: first store dead */
    tcg_gen_mov_i32(opt_r[0], x);
    tcg_gen_insn_start(0x1000, 0);
    tcg_gen_add_i32(opt_r[0], y, c32(1));
    /* r1: a guest load may fault between: kept */
    tcg_gen_mov_i32(opt_r[1], x);
    tcg_gen_guest_ld_i32(t[0], y, 0, MO_UL);
    tcg_gen_mov_i32(opt_r[1], y);
    /* r2: a call that reads globals between: kept */
    tcg_gen_mov_i32(opt_r[2], x);
    tcg_gen_call2(&opt_helper_reads, tcgv_i32_temp(t[1]), tcgv_ptr_temp(tcg_env()),
                  tcgv_i32_temp(y));
    tcg_gen_mov_i32(opt_r[2], y);
    /* r3: read between: kept; a pure call between: dead */
    tcg_gen_mov_i32(opt_r[3], x);
    tcg_gen_add_i32(t[2], opt_r[3], opt_r[1]);
    tcg_gen_mov_i32(opt_r[3], t[2]);
    tcg_gen_call1(&opt_helper_pure, tcgv_i32_temp(t[1]), tcgv_i32_temp(y));
    tcg_gen_mov_i32(opt_r[3], y);
    /* r0 again: a conditional branch between: kept */
    tcg_gen_mov_i32(opt_r[0], x);
    tcg_gen_brcond_i32(TCG_COND_EQ, y, c32(0), l0);
    tcg_gen_mov_i32(opt_r[0], t[0]);
    gen_set_label(l0);
    tcg_gen_exit_tb(0);
    opt_check("dead_global_stores",
              " ld_i32 loc0,env,$0x0,u32\n"
              " ld_i32 loc1,env,$0x4,u32\n"
              " mov_i32 r0,loc0\n"
              " ---- 0x1000 0x0\n"
              " add_i32 r0,loc1,$0x1\n"
              " mov_i32 r1,loc0\n"
              " guest_ld_i32 loc2,loc1,u32,mmu0\n"
              " mov_i32 r1,loc1\n"
              " mov_i32 r2,loc0\n"
              " call helper_reads,$0x1,loc3,env,loc1\n"
              " mov_i32 r2,loc1\n"
              " mov_i32 r3,loc0\n"
              " add_i32 loc4,r3,r1\n"
              " mov_i32 r3,loc4\n"
              " call helper_count_i32,$0x0,loc3,loc1\n"
              " mov_i32 r3,loc1\n"
              " mov_i32 r0,loc0\n"
              " brcond_i32 loc1,$0x0,eq,$L0\n"
              " mov_i32 r0,loc2\n"
              "L0:\n"
              " exit_tb $0x0\n",
              /* the add reads r3 and r1 through their copies loc0 and loc1,
               * so "mov r3,loc0" is dead too; "mov r3,loc4" dies at the
               * next write of r3 across the pure call */
              " ld_i32 loc0,env,$0x0,u32\n"
              " ld_i32 loc1,env,$0x4,u32\n"
              " ---- 0x1000 0x0\n"
              " add_i32 r0,loc1,$0x1\n"
              " mov_i32 r1,loc0\n"
              " guest_ld_i32 loc2,loc1,u32,mmu0\n"
              " mov_i32 r1,loc1\n"
              " mov_i32 r2,loc0\n"
              " call helper_reads,$0x1,loc3,env,loc1\n"
              " mov_i32 r2,loc1\n"
              " add_i32 loc4,loc0,loc1\n"
              " call helper_count_i32,$0x0,loc3,loc1\n"
              " mov_i32 r3,loc1\n"
              " mov_i32 r0,loc0\n"
              " brcond_i32 loc1,$0x0,eq,$L0\n"
              " mov_i32 r0,loc2\n"
              "L0:\n"
              " exit_tb $0x0\n");
}

Test(rules, unreachable_after_goto_ptr)
{
    TCGLabel *l0 = gen_new_label();
    tcg_gen_brcond_i32(TCG_COND_EQ, opt_r[0], c32(0), l0);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(0x1000);
    tcg_gen_movi_i32(opt_r[1], 1);
    gen_set_label(l0);
    tcg_gen_movi_i32(opt_r[1], 2);
    tcg_gen_op1(INDEX_op_goto_ptr, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(opt_q[0])));
    tcg_gen_movi_i32(opt_r[1], 3);
    opt_check("unreachable_after_goto_ptr",
              " brcond_i32 r0,$0x0,eq,$L0\n"
              " goto_tb $0x0\n"
              " exit_tb $0x1000\n"
              " mov_i32 r1,$0x1\n"
              "L0:\n"
              " mov_i32 r1,$0x2\n"
              " goto_ptr q0\n"
              " mov_i32 r1,$0x3\n",
              /* goto_tb falls through to its exit_tb when unchained */
              " brcond_i32 r0,$0x0,eq,$L0\n"
              " goto_tb $0x0\n"
              " exit_tb $0x1000\n"
              "L0:\n"
              " mov_i32 r1,$0x2\n"
              " goto_ptr q0\n");
}

Test(rules, brcond_constant_second)
{
    TCGLabel *l0 = gen_new_label();
    tcg_gen_brcond_i32(TCG_COND_LTU, c32(5), opt_r[0], l0);
    tcg_gen_movi_i32(opt_r[1], 1);
    gen_set_label(l0);
    tcg_gen_exit_tb(0);
    opt_check("brcond_constant_second",
              " brcond_i32 $0x5,r0,ltu,$L0\n"
              " mov_i32 r1,$0x1\n"
              "L0:\n"
              " exit_tb $0x0\n",
              /* 5 <u r0  is  r0 >u 5 */
              " brcond_i32 r0,$0x5,gtu,$L0\n"
              " mov_i32 r1,$0x1\n"
              "L0:\n"
              " exit_tb $0x0\n");
}

Test(rules, store_to_load_forwarding)
{
    TCGv_i32 t[6];
    new_temps(t, 6);
    gen_unknown(t[0], 0);
    tcg_gen_st_i32(t[0], tcg_env(), offsetof(OptEnv, mem[1]), MO_UL);
    tcg_gen_ld_i32(t[1], tcg_env(), offsetof(OptEnv, mem[1]), MO_UL);
    tcg_gen_ld_i32(t[2], tcg_env(), offsetof(OptEnv, mem[1]), MO_UB);
    tcg_gen_addi_i32(t[0], t[0], 1);
    tcg_gen_ld_i32(t[3], tcg_env(), offsetof(OptEnv, mem[1]), MO_UL);
    tcg_gen_st_i32(t[3], tcg_env(), offsetof(OptEnv, mem[2]), MO_UL);
    tcg_gen_call1(&opt_helper_pure, tcgv_i32_temp(t[4]), tcgv_i32_temp(t[3]));
    tcg_gen_ld_i32(t[5], tcg_env(), offsetof(OptEnv, mem[2]), MO_UL);
    tcg_gen_mov_i32(opt_r[0], t[1]);
    tcg_gen_add_i32(opt_r[1], t[2], t[3]);
    tcg_gen_add_i32(opt_r[2], t[4], t[5]);
    tcg_gen_mov_i32(opt_r[3], t[0]);
    tcg_gen_exit_tb(0);
    opt_check("store_to_load_forwarding",
              " ld_i32 loc0,env,$0x0,u32\n"
              " st_i32 loc0,env,$0x4,u32\n"
              " ld_i32 loc1,env,$0x4,u32\n"
              " ld_i32 loc2,env,$0x4,u8\n"
              " add_i32 loc0,loc0,$0x1\n"
              " ld_i32 loc3,env,$0x4,u32\n"
              " st_i32 loc3,env,$0x8,u32\n"
              " call helper_count_i32,$0x0,loc4,loc3\n"
              " ld_i32 loc5,env,$0x8,u32\n"
              " mov_i32 r0,loc1\n"
              " add_i32 r1,loc2,loc3\n"
              " add_i32 r2,loc4,loc5\n"
              " mov_i32 r3,loc0\n"
              " exit_tb $0x0\n",
              /* the same-width reload right after the store reads loc0; a
               * narrower load, a load after loc0 changed and a load after a
               * call (helpers may write the state) stay loads */
              " ld_i32 loc0,env,$0x0,u32\n"
              " st_i32 loc0,env,$0x4,u32\n"
              " mov_i32 loc1,loc0\n"
              " ld_i32 loc2,env,$0x4,u8\n"
              " add_i32 loc0,loc0,$0x1\n"
              " ld_i32 loc3,env,$0x4,u32\n"
              " st_i32 loc3,env,$0x8,u32\n"
              " call helper_count_i32,$0x0,loc4,loc3\n"
              " ld_i32 loc5,env,$0x8,u32\n"
              " mov_i32 r0,loc1\n"
              " add_i32 r1,loc2,loc3\n"
              " add_i32 r2,loc4,loc5\n"
              " mov_i32 r3,loc0\n"
              " exit_tb $0x0\n");
}

Test(rules, copy_of_env_never_replaces_env)
{
    /* p = env + 0 (generated as a mov) is a copy of env. Uses of env must
     * stay env (a fixed register the backend addresses with its own bias)
     * and uses of p become env; never the other way round (ssefp found
     * the JIT storing EIP through a zeroed copy of env). */
    TCGv_ptr p = tcg_temp_new_ptr();
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_addi_i64((TCGv_i64)p, (TCGv_i64)tcg_env(), 0);
    gen_unknown(t, 0);
    tcg_gen_st_i32(t, p, offsetof(OptEnv, mem[1]), MO_UL);
    tcg_gen_st_i32(t, tcg_env(), offsetof(OptEnv, mem[2]), MO_UL);
    tcg_gen_exit_tb(0);
    opt_check("copy_of_env_never_replaces_env",
              " mov_i64 loc0,env\n"
              " ld_i32 loc1,env,$0x0,u32\n"
              " st_i32 loc1,loc0,$0x4,u32\n"
              " st_i32 loc1,env,$0x8,u32\n"
              " exit_tb $0x0\n",
              /* the store through p goes through env; env stays env */
              " mov_i64 loc0,env\n"
              " ld_i32 loc1,env,$0x0,u32\n"
              " st_i32 loc1,env,$0x4,u32\n"
              " st_i32 loc1,env,$0x8,u32\n"
              " exit_tb $0x0\n");
}
