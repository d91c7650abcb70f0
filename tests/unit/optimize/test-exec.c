/*
 * Optimized and unoptimized blocks must compute the same thing: each
 * scenario (one per group of rules) runs on every backend with and
 * without tcg_optimize over several inputs, and the whole state and exit
 * value are compared, also across backends.
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "opt-harness.h"

static int nb_out;

static void out32(TCGv_i32 v)
{
    tcg_gen_st_i32(v, tcg_env(), offsetof(OptEnv, out[nb_out++]), MO_UL);
}

static void out64(TCGv_i64 v)
{
    tcg_gen_st_i64(v, tcg_env(), offsetof(OptEnv, out[nb_out++]), MO_UQ);
}

static TCGv_i32 in32(int slot)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_ld_i32(t, tcg_env(), offsetof(OptEnv, mem[slot]), MO_UL);
    return t;
}

static TCGv_i64 in64(int slot)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_ld_i64(t, tcg_env(), offsetof(OptEnv, mem64[slot]), MO_UQ);
    return t;
}

static TCGv_i32 c32(int32_t v)
{
    return tcg_constant_i32(v);
}

static TCGv_i32 new32(void)
{
    return tcg_temp_new_i32();
}

static const uint32_t edges32[] = {
    0, 1, 2, 5, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
    0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x12345678, 0xdeadbeef,
};
static const uint64_t edges64[] = {
    0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
    0x123456789abcdef0ull, 0xfffffffffffffffeull,
};
#define NB_EDGES32 (sizeof(edges32) / sizeof(edges32[0]))
#define NB_EDGES64 (sizeof(edges64) / sizeof(edges64[0]))

/* Input set k: every field gets a different edge value. */
static void fill_env(OptEnv *e, int k)
{
    memset(e, 0, sizeof(*e));
    for (int i = 0; i < 16; i++) {
        e->mem[i] = edges32[(k * 7 + i * 3) % NB_EDGES32];
    }
    for (int i = 0; i < 4; i++) {
        e->r[i] = edges32[(k * 5 + i * 11 + 1) % NB_EDGES32];
    }
    for (int i = 0; i < 2; i++) {
        e->q[i] = edges64[(k * 3 + i * 5) % NB_EDGES64];
    }
    for (int i = 0; i < 8; i++) {
        e->mem64[i] = edges64[(k * 7 + i * 2 + 3) % NB_EDGES64];
    }
}

static void print_env(const char *what, const OptEnv *e, uintptr_t ret, int nout)
{
    printf("  %s: exit=%#" PRIxPTR " r=%08x,%08x,%08x,%08x q=%016" PRIx64 ",%016" PRIx64 " out=",
           what, ret, e->r[0], e->r[1], e->r[2], e->r[3], e->q[0], e->q[1]);
    for (int i = 0; i < nout; i++) {
        printf("%" PRIx64 "%s", e->out[i], i + 1 < nout ? "," : "\n");
    }
    if (nout == 0) {
        printf("-\n");
    }
}

/*
 * Runs gen on every backend, optimized and not, over nb_inputs input sets.
 * The reference is the unoptimized block on the first backend.
 */
static void run_scenario(const char *name, void (*gen)(void), int nb_inputs)
{
    const TCGBackend *backends[2];
    int nb = opt_backends(backends);
    static OptEnv ref[32], got;
    static uintptr_t ref_ret[32];

    cr_assert(nb_inputs <= 32);
    for (int b = 0; b < nb; b++) {
        opt_setup(backends[b]);
        for (int opt = 0; opt < 2; opt++) {
            for (int k = 0; k < nb_inputs; k++) {
                opt_begin();
                nb_out = 0;
                gen();
                int nops = tcg_ctx->nb_ops;
                fill_env(&got, k);
                uintptr_t ret = opt_run(&got, opt);
                if (b == 0 && opt == 0) {
                    ref[k] = got;
                    ref_ret[k] = ret;
                    if (k < 3) {
                        printf("%s input %d (%d ops):\n", name, k, nops);
                        print_env("reference (first backend, unoptimized)", &got, ret, nb_out);
                    }
                    continue;
                }
                bool same = memcmp(&got, &ref[k], sizeof(got)) == 0 && ret == ref_ret[k];
                if (!same || k < 1) {
                    printf("%s input %d on %s %s:\n", name, k, backends[b]->name,
                           opt ? "optimized" : "unoptimized");
                    print_env("got", &got, ret, nb_out);
                }
                if (!same) {
                    print_env("expected", &ref[k], ref_ret[k], nb_out);
                }
                cr_expect(same, "%s: input %d differs on %s (%s)", name, k,
                          backends[b]->name, opt ? "optimized" : "unoptimized");
            }
        }
    }
}

/* ---- scenarios ---- */

static void gen_identities(void)
{
    TCGv_i32 x = in32(0), y = in32(1), t = new32();
    tcg_gen_add_i32(t, x, c32(0)); out32(t);
    tcg_gen_add_i32(t, c32(0), x); out32(t);
    tcg_gen_sub_i32(t, x, x); out32(t);
    tcg_gen_sub_i32(t, x, c32(5)); out32(t);
    tcg_gen_sub_i32(t, c32(0), x); out32(t);
    tcg_gen_mul_i32(t, x, c32(1)); out32(t);
    tcg_gen_mul_i32(t, x, c32(0)); out32(t);
    tcg_gen_and_i32(t, x, c32(0)); out32(t);
    tcg_gen_and_i32(t, x, c32(-1)); out32(t);
    tcg_gen_or_i32(t, x, c32(0)); out32(t);
    tcg_gen_or_i32(t, x, c32(-1)); out32(t);
    tcg_gen_xor_i32(t, x, x); out32(t);
    tcg_gen_xor_i32(t, x, c32(-1)); out32(t);
    tcg_gen_and_i32(t, x, x); out32(t);
    tcg_gen_or_i32(t, x, x); out32(t);
    tcg_gen_andc_i32(t, x, x); out32(t);
    tcg_gen_orc_i32(t, x, x); out32(t);
    tcg_gen_eqv_i32(t, x, x); out32(t);
    tcg_gen_nand_i32(t, x, x); out32(t);
    tcg_gen_nor_i32(t, x, x); out32(t);
    tcg_gen_shl_i32(t, x, c32(0)); out32(t);
    tcg_gen_shr_i32(t, x, c32(32)); out32(t);
    tcg_gen_sar_i32(t, x, c32(0)); out32(t);
    tcg_gen_rotl_i32(t, x, c32(64)); out32(t);
    tcg_gen_rotr_i32(t, c32(0), y); out32(t);
    tcg_gen_andc_i32(t, x, c32(0xff)); out32(t);
    tcg_gen_orc_i32(t, x, c32(0xff)); out32(t);
    tcg_gen_eqv_i32(t, x, c32(0)); out32(t);
    tcg_gen_nand_i32(t, x, c32(-1)); out32(t);
    tcg_gen_nor_i32(t, x, c32(0)); out32(t);
    tcg_gen_shl_i32(t, c32(0), y); out32(t);
    tcg_gen_sub_i32(t, x, y); out32(t);
    tcg_gen_exit_tb(0);
}

Test(exec, identities)
{
    run_scenario("identities", gen_identities, 12);
}

static void gen_known_bits(void)
{
    TCGv_i32 x = in32(0), y = in32(1), a = new32(), b = new32(), t = new32();
    TCGv_i64 q = tcg_temp_new_i64(), r = tcg_temp_new_i64();
    tcg_gen_ext8u_i32(a, x);
    tcg_gen_and_i32(t, a, c32(0xff)); out32(t);
    tcg_gen_shr_i32(t, a, c32(8)); out32(t);
    tcg_gen_ext16u_i32(t, a); out32(t);
    tcg_gen_ext8s_i32(t, a); out32(t);
    tcg_gen_extract_i32(b, y, 4, 7);
    tcg_gen_ext8s_i32(t, b); out32(t);
    tcg_gen_sextract_i32(t, b, 0, 8); out32(t);
    tcg_gen_or_i32(t, b, c32(0x7f0)); out32(t);
    tcg_gen_setcond_i32(TCG_COND_LTU, t, a, c32(0x100)); out32(t);
    tcg_gen_setcond_i32(TCG_COND_EQ, t, a, c32(0x100)); out32(t);
    tcg_gen_setcond_i32(TCG_COND_GEU, t, a, c32(0x80)); out32(t);
    tcg_gen_setcond_i32(TCG_COND_GTU, t, b, c32(0x7f)); out32(t);
    tcg_gen_setcond_i32(TCG_COND_LEU, t, b, c32(0x7f)); out32(t);
    tcg_gen_setcond_i32(TCG_COND_NE, t, x, y);
    tcg_gen_and_i32(a, t, c32(1)); out32(a);
    tcg_gen_shl_i32(a, t, c32(31));
    tcg_gen_sar_i32(t, a, c32(31)); out32(t);
    tcg_gen_ctpop_i32(t, x);
    tcg_gen_and_i32(t, t, c32(0x3f)); out32(t);
    tcg_gen_clz_i32(t, x, c32(32)); out32(t);
    tcg_gen_ctz_i32(t, c32(0x80), y); out32(t);
    tcg_gen_clz_i32(t, c32(0), y); out32(t);
    tcg_gen_extu_i32_i64(q, x);
    tcg_gen_ext32u_i64(r, q); out64(r);
    tcg_gen_shr_i64(r, q, tcg_constant_i64(32)); out64(r);
    tcg_gen_ext_i32_i64(r, x);
    tcg_gen_ext32s_i64(r, r); out64(r);
    tcg_gen_bswap16_i32(t, x);
    tcg_gen_ext16u_i32(t, t); out32(t);
    tcg_gen_bswap32_i64(r, q);
    tcg_gen_shr_i64(r, r, tcg_constant_i64(32)); out64(r);
    tcg_gen_ld_i32(t, tcg_env(), offsetof(OptEnv, mem[2]), MO_UB);
    tcg_gen_ext8u_i32(t, t); out32(t);
    /* the sum of two bytes needs 9 bits */
    tcg_gen_ext8u_i32(a, x);
    tcg_gen_ext8u_i32(b, y);
    tcg_gen_add_i32(t, a, b);
    tcg_gen_shr_i32(a, t, c32(8)); out32(a);
    tcg_gen_and_i32(a, t, c32(0x1ff)); out32(a);
    tcg_gen_ext8u_i32(a, t); out32(a);
    tcg_gen_sub_i32(a, t, b);
    tcg_gen_shr_i32(a, a, c32(9)); out32(a);
    tcg_gen_shl_i32(a, x, c32(4));
    tcg_gen_mul_i32(b, a, y);
    tcg_gen_and_i32(b, b, c32(0x1f)); out32(b);
    tcg_gen_neg_i32(b, a);
    tcg_gen_ext8u_i32(b, b); out32(b);
    tcg_gen_exit_tb(0);
}

Test(exec, known_bits)
{
    run_scenario("known_bits", gen_known_bits, 16);
}

static void gen_conditions(void)
{
    TCGv_i32 x = in32(0), y = in32(1), z = in32(2), t = new32();
    static const TCGCond conds[] = {
        TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE, TCG_COND_LE,
        TCG_COND_GT, TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
    };
    for (unsigned i = 0; i < sizeof(conds) / sizeof(conds[0]); i++) {
        tcg_gen_setcond_i32(conds[i], t, c32(7), x); out32(t);
        tcg_gen_setcond_i32(conds[i], t, x, x); out32(t);
        tcg_gen_movcond_i32(conds[i], t, x, c32(-1), y, z); out32(t);
        tcg_gen_movcond_i32(conds[i], t, c32(3), c32(-3), y, z); out32(t);
    }
    tcg_gen_movcond_i32(TCG_COND_LT, t, x, y, z, z); out32(t);
    tcg_gen_exit_tb(0);
}

Test(exec, conditions)
{
    run_scenario("conditions", gen_conditions, 16);
}

static void gen_negation_fields(void)
{
    TCGv_i32 x = in32(0), y = in32(1), a = new32(), t = new32();
    TCGv_i64 q = in64(0), r = tcg_temp_new_i64(), s = tcg_temp_new_i64();
    tcg_gen_not_i32(a, x);
    tcg_gen_not_i32(t, a); out32(t);
    tcg_gen_neg_i32(a, x);
    tcg_gen_neg_i32(t, a); out32(t);
    tcg_gen_not_i32(a, x);
    tcg_gen_mov_i32(x, y);
    tcg_gen_not_i32(t, a); out32(t);
    tcg_gen_xor_i32(t, a, c32(-1)); out32(t);
    tcg_gen_deposit_i32(t, x, y, 0, 32); out32(t);
    tcg_gen_deposit_i32(t, x, a, 8, 8); out32(t);
    tcg_gen_deposit_i32(t, c32(0x12345678), c32(0xab), 28, 4); out32(t);
    tcg_gen_extract_i32(t, a, 0, 32); out32(t);
    tcg_gen_sextract_i32(t, a, 0, 32); out32(t);
    tcg_gen_sextract_i32(t, a, 3, 9); out32(t);
    tcg_gen_neg_i64(r, q);
    tcg_gen_neg_i64(s, r); out64(s);
    tcg_gen_deposit_i64(s, q, r, 0, 64); out64(s);
    tcg_gen_deposit_i64(s, q, r, 60, 4); out64(s);
    tcg_gen_extract_i64(s, q, 0, 64); out64(s);
    tcg_gen_sextract_i64(s, tcg_constant_i64(0x80000000ull), 16, 16); out64(s);
    tcg_gen_bswap64_i64(s, tcg_constant_i64(0x0102030405060708ull)); out64(s);
    tcg_gen_rotr_i64(s, q, tcg_constant_i64(68)); out64(s);
    tcg_gen_exit_tb(0);
}

Test(exec, negation_and_fields)
{
    run_scenario("negation_and_fields", gen_negation_fields, 12);
}

static void gen_double_width(void)
{
    TCGv_i32 x = in32(0), y = in32(1), lo = new32(), hi = new32();
    TCGv_i64 a = in64(0), b = in64(1), l = tcg_temp_new_i64(), h = tcg_temp_new_i64();
    tcg_gen_mulu2_i32(lo, hi, c32(-1), c32(-1)); out32(lo); out32(hi);
    tcg_gen_muls2_i32(lo, hi, c32(INT32_MIN), c32(2)); out32(lo); out32(hi);
    tcg_gen_mulu2_i32(lo, hi, x, y); out32(lo); out32(hi);
    tcg_gen_add2_i32(lo, hi, c32(-1), c32(7), c32(1), c32(0)); out32(lo); out32(hi);
    tcg_gen_sub2_i32(lo, hi, x, y, c32(1), c32(0)); out32(lo); out32(hi);
    tcg_gen_mulu2_i64(l, h, tcg_constant_i64(-1), tcg_constant_i64(2)); out64(l); out64(h);
    tcg_gen_muls2_i64(l, h, a, b); out64(l); out64(h);
    tcg_gen_sub2_i64(l, h, tcg_constant_i64(0), tcg_constant_i64(0),
                     tcg_constant_i64(1), tcg_constant_i64(0)); out64(l); out64(h);
    tcg_gen_add2_i64(l, h, a, b, a, b); out64(l); out64(h);
    tcg_gen_exit_tb(0);
}

Test(exec, double_width)
{
    run_scenario("double_width", gen_double_width, 12);
}

static void gen_branches(void)
{
    TCGv_i32 x = in32(0), y = in32(1), t = new32();
    TCGLabel *l0 = gen_new_label(), *l1 = gen_new_label(), *l2 = gen_new_label();
    TCGLabel *l3 = gen_new_label(), *l4 = gen_new_label();

    tcg_gen_movi_i32(t, 5);
    tcg_gen_brcond_i32(TCG_COND_LTU, c32(1), c32(2), l0);   /* always */
    tcg_gen_movi_i32(opt_r[0], 1);
    gen_set_label(l1);                                      /* no branch */
    tcg_gen_movi_i32(opt_r[1], 2);
    gen_set_label(l0);
    tcg_gen_brcond_i32(TCG_COND_LTU, c32(2), c32(1), l2);   /* never */
    tcg_gen_addi_i32(t, t, 1);
    tcg_gen_brcond_i32(TCG_COND_LT, x, y, l3);              /* runtime */
    tcg_gen_add_i32(t, t, x);
    tcg_gen_mov_i32(opt_r[2], t);
    tcg_gen_br(l4);
    tcg_gen_movi_i32(opt_r[3], 3);                          /* dead */
    gen_set_label(l3);
    tcg_gen_sub_i32(t, t, y);
    tcg_gen_mov_i32(opt_r[2], t);
    gen_set_label(l4);
    tcg_gen_brcond_i32(TCG_COND_EQ, x, x, l2);              /* always */
    tcg_gen_exit_tb(1);
    gen_set_label(l2);
    tcg_gen_add_i32(t, t, c32(100));
    out32(t);
    tcg_gen_exit_tb(2);
    tcg_gen_movi_i32(opt_r[3], 4);                          /* dead */
}

Test(exec, branches)
{
    run_scenario("branches", gen_branches, 16);
}

static void gen_globals(void)
{
    TCGv_i32 x = in32(0), y = in32(1), t = new32(), u = new32();
    TCGLabel *l0 = gen_new_label();

    /* dead stores and copies through globals */
    tcg_gen_mov_i32(opt_r[0], x);
    tcg_gen_insn_start(0x1004, 0);
    tcg_gen_add_i32(opt_r[0], y, c32(1));
    tcg_gen_mov_i32(t, opt_r[0]);
    tcg_gen_mov_i32(opt_r[1], t);
    tcg_gen_add_i32(u, opt_r[1], opt_r[0]);
    tcg_gen_mov_i32(opt_r[1], u);
    /* a helper that reads globals sees r2 */
    tcg_gen_mov_i32(opt_r[2], x);
    tcg_gen_call2(&opt_helper_reads, tcgv_i32_temp(t), tcgv_ptr_temp(tcg_env()),
                  tcgv_i32_temp(y));
    tcg_gen_mov_i32(opt_r[2], t);
    out32(t);
    /* a helper that writes r0 = 3 * arg */
    tcg_gen_movi_i32(opt_r[0], 9);
    tcg_gen_call2(&opt_helper_writes, tcgv_i32_temp(u), tcgv_ptr_temp(tcg_env()),
                  tcgv_i32_temp(x));
    tcg_gen_add_i32(t, opt_r[0], c32(1)); out32(t);
    out32(u);
    /* a pure helper does not touch r3 */
    tcg_gen_movi_i32(opt_r[3], 7);
    tcg_gen_call1(&opt_helper_pure, tcgv_i32_temp(t), tcgv_i32_temp(opt_r[3]));
    tcg_gen_add_i32(u, opt_r[3], t); out32(u);
    tcg_gen_mov_i32(opt_r[3], u);
    /* a store kept by a branch */
    tcg_gen_mov_i32(opt_r[2], y);
    tcg_gen_brcond_i32(TCG_COND_EQ, x, c32(0), l0);
    tcg_gen_mov_i32(opt_r[2], x);
    gen_set_label(l0);
    tcg_gen_mov_i64(opt_q[0], opt_q[1]);
    tcg_gen_mov_i64(opt_q[1], opt_q[0]);
    tcg_gen_exit_tb(0);
}

Test(exec, globals_and_calls)
{
    run_scenario("globals_and_calls", gen_globals, 16);
}

/* ---- random blocks, with tcg_fold_op as a third oracle ---- */

enum { RV32 = 8, RV64 = 6, RVE = 2, RVEBB = RV32 + RV64, RVARS = RVEBB + 2 * RVE };

/* Variables 0..3 are r0..r3, 4..7 i32 temps, 8..9 q0..q1, 10..13 i64
 * temps, 14..15 i32 EBB temps, 16..17 i64 EBB temps. EBB temps are only
 * read after a write since the last label (their value ends at labels). */
static TCGTemp *rvar[RVARS];

typedef struct ROp {
    TCGOpcode opc;
    TCGType type;
    int nout, nin, ncargs;
    int out[2];
    int in[4];          /* variable, or -1 for a constant */
    uint64_t cval[4];
    TCGArg cargs[2];
    int skip;           /* brcond: ops jumped over */
    bool off;           /* left out (while shrinking a failing block) */
    TCGHelperInfo *helper; /* calls: one of the opt_helper_* */
} ROp;

static uint64_t rng_state;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static bool ebb_defined[2 * RVE];

static int rvar_pick_kind(bool is64, bool for_output)
{
    if (rnd() % 4 == 0) {
        int e = (is64 ? RVE : 0) + (int)(rnd() % RVE);
        if (for_output || ebb_defined[e]) {
            return RVEBB + e;
        }
    }
    return is64 ? RV32 + (int)(rnd() % RV64) : (int)(rnd() % RV32);
}

static int rvar_pick(bool is64)
{
    return rvar_pick_kind(is64, false);
}

static int rvar_pick_out(bool is64)
{
    return rvar_pick_kind(is64, true);
}

static uint64_t rconst(bool is64)
{
    switch (rnd() % 5) {
    case 0: return rnd() % 8;
    case 4: return (1ull << (rnd() % (is64 ? 64 : 32))) - 1;  /* a mask */
    case 1: return is64 ? edges64[rnd() % NB_EDGES64] : edges32[rnd() % NB_EDGES32];
    case 2: return (uint64_t)-(int64_t)(rnd() % 4);
    default: return rnd();
    }
}

static void rop_input(ROp *op, int k, bool is64)
{
    if (rnd() % 10 < 3) {
        op->in[k] = -1;
        op->cval[k] = rconst(is64);
        if (!is64) {
            op->cval[k] &= 0xffffffff;
        }
    } else {
        op->in[k] = rvar_pick(is64);
    }
}

static const TCGOpcode rops[] = {
    INDEX_op_mov, INDEX_op_setcond, INDEX_op_movcond, INDEX_op_add,
    INDEX_op_sub, INDEX_op_mul, INDEX_op_neg, INDEX_op_mulu2, INDEX_op_muls2,
    INDEX_op_add2, INDEX_op_sub2, INDEX_op_and, INDEX_op_or, INDEX_op_xor,
    INDEX_op_andc, INDEX_op_orc, INDEX_op_eqv, INDEX_op_nand, INDEX_op_nor,
    INDEX_op_not, INDEX_op_shl, INDEX_op_shr, INDEX_op_sar, INDEX_op_rotl,
    INDEX_op_rotr, INDEX_op_ext8s, INDEX_op_ext8u, INDEX_op_ext16s,
    INDEX_op_ext16u, INDEX_op_ext32s, INDEX_op_ext32u, INDEX_op_ext_i32_i64,
    INDEX_op_extu_i32_i64, INDEX_op_extrl_i64_i32, INDEX_op_extrh_i64_i32,
    INDEX_op_deposit, INDEX_op_extract, INDEX_op_sextract, INDEX_op_bswap16,
    INDEX_op_bswap32, INDEX_op_bswap64, INDEX_op_clz, INDEX_op_ctz,
    INDEX_op_ctpop, INDEX_op_brcond,
};

static TCGCond rcond(void)
{
    static const TCGCond c[] = {
        TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE, TCG_COND_LE,
        TCG_COND_GT, TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
        TCG_COND_ALWAYS, TCG_COND_NEVER,
    };
    return c[rnd() % (sizeof(c) / sizeof(c[0]))];
}

/* A helper call: i32 in, i32 out; see opt-harness.c for what each does. */
static void rop_make_call(ROp *op)
{
    static TCGHelperInfo *const helpers[4] = {
        &opt_helper_pure, &opt_helper_reads, &opt_helper_writes, &opt_helper_raise,
    };
    op->opc = INDEX_op_call;
    op->type = TCG_TYPE_I32;
    op->helper = helpers[rnd() % 4];
    op->nout = 1;
    op->nin = 1;
    rop_input(op, 0, false);
    op->out[0] = rvar_pick_out(false);
}

static void rop_make(ROp *op, int remaining)
{
    const TCGOpDef *def;
    memset(op, 0, sizeof(*op));
    if (rnd() % 12 == 0) {
        rop_make_call(op);
        return;
    }
    op->opc = rops[rnd() % (sizeof(rops) / sizeof(rops[0]))];
    def = &tcg_op_defs[op->opc];
    op->type = rnd() % 2 ? TCG_TYPE_I64 : TCG_TYPE_I32;
    switch (op->opc) {
    case INDEX_op_ext32s: case INDEX_op_ext32u: case INDEX_op_bswap64:
    case INDEX_op_ext_i32_i64: case INDEX_op_extu_i32_i64:
        op->type = TCG_TYPE_I64;
        break;
    case INDEX_op_extrl_i64_i32: case INDEX_op_extrh_i64_i32:
        op->type = TCG_TYPE_I32;
        break;
    default:
        break;
    }
    bool is64 = op->type == TCG_TYPE_I64;
    op->nout = def->nb_oargs;
    op->nin = def->nb_iargs;
    op->ncargs = def->nb_cargs;
    for (int k = 0; k < op->nout; k++) {
        do {
            op->out[k] = rvar_pick_out(is64);
        } while (k == 1 && op->out[1] == op->out[0]);
    }
    bool in64 = is64;
    if (op->opc == INDEX_op_ext_i32_i64 || op->opc == INDEX_op_extu_i32_i64) {
        in64 = false;
    } else if (op->opc == INDEX_op_extrl_i64_i32 || op->opc == INDEX_op_extrh_i64_i32) {
        in64 = true;
    }
    for (int k = 0; k < op->nin; k++) {
        rop_input(op, k, in64);
    }
    unsigned w = is64 ? 64 : 32;
    switch (op->opc) {
    case INDEX_op_setcond: case INDEX_op_movcond:
        op->cargs[0] = rcond();
        if (op->cargs[0] == TCG_COND_ALWAYS || op->cargs[0] == TCG_COND_NEVER) {
            op->cargs[0] = TCG_COND_EQ;
        }
        break;
    case INDEX_op_brcond:
        op->cargs[0] = rcond();
        op->skip = 1 + (int)(rnd() % 3);
        if (op->skip > remaining) {
            op->skip = remaining;
        }
        break;
    case INDEX_op_deposit: case INDEX_op_extract: case INDEX_op_sextract: {
        unsigned len = 1 + (unsigned)(rnd() % w);
        unsigned pos = (unsigned)(rnd() % (w - len + 1));
        if (rnd() % 4 == 0) {
            pos = 0;
        }
        op->cargs[0] = pos;
        op->cargs[1] = len;
        break;
    }
    default:
        break;
    }
}

/* Emits a random program; brcond jumps forward over op->skip ops. */
static ROp rprog[64];
static int rprog_len;

static TCGTemp *rop_in_temp(const ROp *op, int k, bool is64)
{
    if (op->in[k] >= 0) {
        return rvar[op->in[k]];
    }
    return tcg_constant_internal(is64 ? TCG_TYPE_I64 : TCG_TYPE_I32, (int64_t)op->cval[k]);
}

static bool rop_in_is64(const ROp *op)
{
    if (op->opc == INDEX_op_ext_i32_i64 || op->opc == INDEX_op_extu_i32_i64) {
        return false;
    }
    if (op->opc == INDEX_op_extrl_i64_i32 || op->opc == INDEX_op_extrh_i64_i32) {
        return true;
    }
    return op->type == TCG_TYPE_I64;
}

static void gen_random(void)
{
    TCGLabel *pending[64] = { 0 };  /* label to set before op i */

    for (int v = 0; v < 4; v++) {
        rvar[v] = tcgv_i32_temp(opt_r[v]);
        rvar[4 + v] = tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB);
        tcg_gen_ld_i32(temp_tcgv_i32(rvar[4 + v]), tcg_env(),
                       offsetof(OptEnv, mem[v]), MO_UL);
    }
    for (int v = 0; v < 2; v++) {
        rvar[RV32 + v] = tcgv_i64_temp(opt_q[v]);
    }
    for (int e = 0; e < RVE; e++) {
        rvar[RVEBB + e] = tcg_temp_new_internal(TCG_TYPE_I32, TEMP_EBB);
        rvar[RVEBB + RVE + e] = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_EBB);
    }
    for (int v = 0; v < 4; v++) {
        rvar[RV32 + 2 + v] = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
        tcg_gen_ld_i64(temp_tcgv_i64(rvar[RV32 + 2 + v]), tcg_env(),
                       offsetof(OptEnv, mem64[v]), MO_UQ);
    }
    for (int i = 0; i <= rprog_len; i++) {
        if (pending[i]) {
            gen_set_label(pending[i]);
        }
        if (i == rprog_len) {
            break;
        }
        const ROp *op = &rprog[i];
        bool in64 = rop_in_is64(op);
        if (op->off) {
            continue;
        }
        TCGArg args[TCG_MAX_OP_ARGS];
        int n = 0;
        for (int k = 0; k < op->nout; k++) {
            args[n++] = temp_arg(rvar[op->out[k]]);
        }
        for (int k = 0; k < op->nin; k++) {
            args[n++] = temp_arg(rop_in_temp(op, k, in64));
        }
        for (int k = 0; k < op->ncargs && op->opc != INDEX_op_brcond; k++) {
            args[n++] = op->cargs[k];
        }
        if (op->opc == INDEX_op_brcond) {
            TCGLabel *l = pending[i + 1 + op->skip];
            if (!l) {
                l = pending[i + 1 + op->skip] = gen_new_label();
            }
            if (op->type == TCG_TYPE_I64) {
                tcg_gen_brcond_i64((TCGCond)op->cargs[0], temp_tcgv_i64(arg_temp(args[0])),
                                   temp_tcgv_i64(arg_temp(args[1])), l);
            } else {
                tcg_gen_brcond_i32((TCGCond)op->cargs[0], temp_tcgv_i32(arg_temp(args[0])),
                                   temp_tcgv_i32(arg_temp(args[1])), l);
            }
            continue;
        }
        if (op->opc == INDEX_op_call) {
            TCGTemp *x = arg_temp(args[1]);
            if (op->helper->nargs == 2) {
                tcg_gen_call2(op->helper, arg_temp(args[0]), tcgv_ptr_temp(tcg_env()), x);
            } else {
                tcg_gen_call1(op->helper, arg_temp(args[0]), x);
            }
            continue;
        }
        tcg_emit_op(op->opc, op->type, n, args);
    }
    for (int v = 0; v < 4; v++) {
        tcg_gen_st_i32(temp_tcgv_i32(rvar[4 + v]), tcg_env(),
                       offsetof(OptEnv, out[v]), MO_UL);
        tcg_gen_st_i64(temp_tcgv_i64(rvar[RV32 + 2 + v]), tcg_env(),
                       offsetof(OptEnv, out[4 + v]), MO_UQ);
    }
    tcg_gen_exit_tb(0);
}

/* The same program evaluated in C with tcg_fold_op. */
static void sim_random(OptEnv *e)
{
    uint64_t val[RVARS] = { 0 };
    for (int v = 0; v < 4; v++) {
        val[v] = e->r[v];
        val[4 + v] = e->mem[v];
        val[RV32 + 2 + v] = e->mem64[v];
    }
    val[RV32] = e->q[0];
    val[RV32 + 1] = e->q[1];
    for (int i = 0; i < rprog_len; i++) {
        const ROp *op = &rprog[i];
        uint64_t in[4] = { 0 }, out[2];
        if (op->off) {
            continue;
        }
        for (int k = 0; k < op->nin; k++) {
            in[k] = op->in[k] >= 0 ? val[op->in[k]] : op->cval[k];
        }
        if (op->opc == INDEX_op_brcond) {
            if (tcg_cond_eval((TCGCond)op->cargs[0], op->type, in[0], in[1])) {
                i += op->skip;
            }
            continue;
        }
        if (op->opc == INDEX_op_call) {
            uint32_t x = (uint32_t)in[0], r;
            if (op->helper == &opt_helper_reads) {
                r = (uint32_t)val[2] + x;         /* r2 + x */
            } else if (op->helper == &opt_helper_writes) {
                val[0] = (uint32_t)(x * 3);       /* r0 = 3x, returns x */
                r = x;
            } else {
                r = x + 1;
            }
            val[op->out[0]] = r;
            continue;
        }
        cr_assert(tcg_fold_op(op->opc, op->type, in, op->cargs, out),
                  "fold refused %s", tcg_op_defs[op->opc].name);
        for (int k = 0; k < op->nout; k++) {
            val[op->out[k]] = out[k];
        }
    }
    for (int v = 0; v < 4; v++) {
        e->r[v] = (uint32_t)val[v];
        e->out[v] = (uint32_t)val[4 + v];
        e->out[4 + v] = val[RV32 + 2 + v];
    }
    e->q[0] = val[RV32];
    e->q[1] = val[RV32 + 1];
}

/* A random program; EBB temps are read only after a write since the
 * last label. */
static void random_program(void)
{
    bool label_at[64] = { false };

    rprog_len = 4 + (int)(rnd() % 40);
    memset(ebb_defined, 0, sizeof(ebb_defined));
    for (int i = 0; i < rprog_len; i++) {
        if (label_at[i]) {
            memset(ebb_defined, 0, sizeof(ebb_defined));
        }
        rop_make(&rprog[i], rprog_len - 1 - i);
        for (int k = 0; k < rprog[i].nout; k++) {
            if (rprog[i].out[k] >= RVEBB) {
                ebb_defined[rprog[i].out[k] - RVEBB] = true;
            }
        }
        if (rprog[i].opc == INDEX_op_brcond) {
            label_at[i + 1 + rprog[i].skip] = true;
        }
    }
}

static bool rop_writes_ebb(const ROp *op)
{
    for (int k = 0; k < op->nout; k++) {
        if (op->out[k] >= RVEBB) {
            return true;
        }
    }
    return false;
}

static int random_blocks(void)
{
    const char *slow = getenv("MIMIC_SLOW");
    return slow && slow[0] == '1' ? 60000 : 3000;
}

/* Runs the current random program with input set k; true if it matches
 * tcg_fold_op. The ops as emitted are left in *dump (caller frees). */
static bool random_matches(int k, bool opt, OptEnv *got, OptEnv *want, char **dump)
{
    fill_env(want, k);
    sim_random(want);
    opt_begin();
    gen_random();
    *dump = opt_dump();
    fill_env(got, k);
    opt_run(got, opt);
    return memcmp(got, want, sizeof(*got)) == 0;
}

/* Leaves out ops one by one while the block still fails, then prints it. */
static void random_shrink(int k, bool opt, const char *backend)
{
    static OptEnv got, want;
    char *dump;
    for (int i = 0; i < rprog_len; i++) {
        if (rprog[i].opc == INDEX_op_brcond || rop_writes_ebb(&rprog[i])) {
            continue;
        }
        rprog[i].off = true;
        bool ok = random_matches(k, opt, &got, &want, &dump);
        free(dump);
        if (ok) {
            rprog[i].off = false;
        }
    }
    random_matches(k, opt, &got, &want, &dump);
    printf("-- shrunk failing block on %s (%s):\n%s", backend,
           opt ? "optimized" : "unoptimized", dump);
    if (opt) {
        tcg_optimize(tcg_ctx);
        char *after = opt_dump();
        printf("-- after tcg_optimize:\n%s", after);
        free(after);
    }
    print_env("got", &got, 0, 8);
    print_env("want", &want, 0, 8);
    free(dump);
}

Test(exec, random_differential, .timeout = 1200)
{
    const TCGBackend *backends[2];
    int nb = opt_backends(backends);
    int nblocks = random_blocks();
    long ops_before = 0, ops_after = 0, failures[2][2] = { { 0 } };
    static OptEnv want, got;

    for (int b = 0; b < nb; b++) {
        opt_setup(backends[b]);
        rng_state = 0x9e3779b97f4a7c15ull;
        for (int blk = 0; blk < nblocks; blk++) {
            random_program();
            int k = (int)(rnd() % 32);
            for (int opt = 0; opt < 2; opt++) {
                char *dump;
                bool ok = random_matches(k, opt, &got, &want, &dump);
                int before = 0, after = 0;
                for (int i = 0; i < tcg_ctx->nb_ops; i++) {
                    after += tcg_ctx->ops[i].opc != INDEX_op_nop;
                }
                for (const char *p = dump; *p; p++) {
                    before += *p == '\n';
                }
                if (opt) {
                    ops_before += before;
                    ops_after += after;
                }
                free(dump);
                if (!ok && ++failures[b][opt] <= 3) {
                    printf("block %d on %s (%s) differs from tcg_fold_op\n", blk,
                           backends[b]->name, opt ? "optimized" : "unoptimized");
                    random_shrink(k, opt, backends[b]->name);
                }
            }
        }
        printf("random: %d blocks on %s compared with tcg_fold_op: %ld failures "
               "unoptimized, %ld optimized\n", nblocks, backends[b]->name,
               failures[b][0], failures[b][1]);
        cr_expect_eq(failures[b][0], 0, "%s: unoptimized blocks differ (backend bug?)",
                     backends[b]->name);
        cr_expect_eq(failures[b][1], 0, "%s: optimized blocks differ", backends[b]->name);
    }
    printf("random: %ld ops emitted -> %ld after optimizer and liveness\n",
           ops_before, ops_after);
}
