/*
 * Interpreter backend: value ops on both types with operands in globals,
 * temps and constants, conditions (setcond, movcond, brcond, all 12),
 * labels and loops, host ld/st and guest_ld/st with every MemOp.
 * Oracles: native C arithmetic on the host and hand-checked vectors.
 */
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "it-harness.h"

TestSuite(interp_ops, .init = it_setup);

static const uint64_t edges[] = {
    0, 1, 2, 5, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x8000, 0xffff,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0x123456789abcdef0ull,
    0x8000000000000000ull, 0xfffffffffffffffeull, 0xffffffffffffffffull,
    0xfffffffffffff000ull, 0x00000000dead0000ull,
};
#define NEDGES (int)(sizeof(edges) / sizeof(edges[0]))

/* The host's own C arithmetic for the two-input ops. */
static uint64_t ref_binary(TCGOpcode opc, bool w64, uint64_t a, uint64_t b)
{
    uint64_t m = w64 ? ~0ull : 0xffffffffull;
    unsigned bits = w64 ? 64 : 32, n;
    a &= m;
    b &= m;
    n = (unsigned)(b % bits);
    switch (opc) {
    case INDEX_op_add: return (a + b) & m;
    case INDEX_op_sub: return (a - b) & m;
    case INDEX_op_mul: return (a * b) & m;
    case INDEX_op_and: return a & b;
    case INDEX_op_or: return a | b;
    case INDEX_op_xor: return a ^ b;
    case INDEX_op_andc: return a & ~b & m;
    case INDEX_op_orc: return (a | ~b) & m;
    case INDEX_op_eqv: return ~(a ^ b) & m;
    case INDEX_op_nand: return ~(a & b) & m;
    case INDEX_op_nor: return ~(a | b) & m;
    case INDEX_op_shl: return (a << n) & m;
    case INDEX_op_shr: return a >> n;
    case INDEX_op_sar:
        return w64 ? (uint64_t)((int64_t)a >> n) : (uint32_t)((int32_t)(uint32_t)a >> n);
    case INDEX_op_rotl: return n ? ((a << n) | (a >> (bits - n))) & m : a;
    case INDEX_op_rotr: return n ? ((a >> n) | (a << (bits - n))) & m : a;
    case INDEX_op_clz:
        return a == 0 ? b : (uint64_t)(w64 ? __builtin_clzll(a) : __builtin_clz((uint32_t)a));
    case INDEX_op_ctz:
        return a == 0 ? b : (uint64_t)(w64 ? __builtin_ctzll(a) : __builtin_ctz((uint32_t)a));
    default: cr_assert_fail("no reference for op %d", opc); return 0;
    }
}

static const TCGOpcode binary_ops[] = {
    INDEX_op_add, INDEX_op_sub, INDEX_op_mul, INDEX_op_and, INDEX_op_or,
    INDEX_op_xor, INDEX_op_andc, INDEX_op_orc, INDEX_op_eqv, INDEX_op_nand,
    INDEX_op_nor, INDEX_op_shl, INDEX_op_shr, INDEX_op_sar, INDEX_op_rotl,
    INDEX_op_rotr, INDEX_op_clz, INDEX_op_ctz,
};

/* One block: the op on globals (-> slot 0), temps (-> 3) and constants (-> 4). */
static void run_binary(TCGOpcode opc, bool w64, uint64_t a, uint64_t b, uint64_t out[3])
{
    TCGType ty = w64 ? TCG_TYPE_I64 : TCG_TYPE_I32;
    TCGTemp *g[5], *t0, *t1, *t2;

    for (int i = 0; i < 5; i++) {
        g[i] = w64 ? tcgv_i64_temp(it_g64[i]) : tcgv_i32_temp(it_g32[i]);
    }
    it_begin(0x1000);
    t0 = tcg_temp_new_internal(ty, TEMP_TB);
    t1 = tcg_temp_new_internal(ty, TEMP_EBB);
    t2 = tcg_temp_new_internal(ty, TEMP_TB);
    tcg_gen_op3(opc, ty, temp_arg(g[0]), temp_arg(g[1]), temp_arg(g[2]));
    tcg_gen_op2(INDEX_op_mov, ty, temp_arg(t1), temp_arg(g[1]));
    tcg_gen_op2(INDEX_op_mov, ty, temp_arg(t2), temp_arg(g[2]));
    tcg_gen_op3(opc, ty, temp_arg(t0), temp_arg(t1), temp_arg(t2));
    tcg_gen_op2(INDEX_op_mov, ty, temp_arg(g[3]), temp_arg(t0));
    tcg_gen_op3(opc, ty, temp_arg(g[4]), temp_arg(tcg_constant_internal(ty, (int64_t)a)),
                temp_arg(tcg_constant_internal(ty, (int64_t)b)));
    const void *tc = it_finish();
    memset(&it_env, 0, sizeof(it_env));
    if (w64) {
        it_env.r64[1] = a;
        it_env.r64[2] = b;
    } else {
        it_env.r32[1] = (uint32_t)a;
        it_env.r32[2] = (uint32_t)b;
    }
    cr_assert_eq(it_exec(tc), 0);
    for (int i = 0; i < 3; i++) {
        out[i] = w64 ? it_env.r64[i ? i + 2 : 0] : it_env.r32[i ? i + 2 : 0];
    }
}

Test(interp_ops, binary_ops_vs_host_c)
{
    int n = 0;
    for (int w = 0; w < 2; w++) {
        for (size_t k = 0; k < sizeof(binary_ops) / sizeof(binary_ops[0]); k++) {
            for (int i = 0; i < NEDGES; i++) {
                for (int j = 0; j < NEDGES; j++) {
                    uint64_t a = edges[i], b = edges[j], out[3];
                    uint64_t want = ref_binary(binary_ops[k], w, a, b);
                    run_binary(binary_ops[k], w, a, b, out);
                    for (int v = 0; v < 3; v++) {
                        cr_assert_eq(out[v], want, "%s_i%d(%#llx, %#llx) variant %d: got %#llx want %#llx",
                                     tcg_op_defs[binary_ops[k]].name, w ? 64 : 32,
                                     (unsigned long long)a, (unsigned long long)b, v,
                                     (unsigned long long)out[v], (unsigned long long)want);
                    }
                    n += 3;
                }
            }
        }
    }
    printf("binary ops: %d results (global/temp/const operands) equal host C\n", n);
}

/* Hand-checked vectors of the unary ops: {op, i64, in, out}. */
static const struct { TCGOpcode opc; bool w64; uint64_t in, out; } unary_vec[] = {
    { INDEX_op_neg, 0, 1, 0xffffffff },
    { INDEX_op_neg, 1, 0x8000000000000000ull, 0x8000000000000000ull },
    { INDEX_op_not, 0, 0x0000ffff, 0xffff0000 },
    { INDEX_op_not, 1, 0, 0xffffffffffffffffull },
    { INDEX_op_ext8s, 0, 0x1280, 0xffffff80 },
    { INDEX_op_ext8s, 1, 0x7f, 0x7f },
    { INDEX_op_ext8s, 1, 0xff, 0xffffffffffffffffull },
    { INDEX_op_ext8u, 1, 0xffffffffffffffffull, 0xff },
    { INDEX_op_ext16s, 0, 0x18000, 0xffff8000 },
    { INDEX_op_ext16s, 1, 0x8001, 0xffffffffffff8001ull },
    { INDEX_op_ext16u, 0, 0xffffffff, 0xffff },
    { INDEX_op_ext32s, 1, 0x80000000, 0xffffffff80000000ull },
    { INDEX_op_ext32s, 1, 0x1234567870000000ull, 0x70000000 },
    { INDEX_op_ext32u, 1, 0xffffffff80000000ull, 0x80000000 },
    { INDEX_op_bswap16, 0, 0x12345678, 0x7856 },
    { INDEX_op_bswap16, 1, 0xffffffffffff00ffull, 0xff00 },
    { INDEX_op_bswap32, 0, 0x12345678, 0x78563412 },
    { INDEX_op_bswap32, 1, 0xaaaaaaaa000000ffull, 0xff000000 },
    { INDEX_op_bswap64, 1, 0x0102030405060708ull, 0x0807060504030201ull },
    { INDEX_op_ctpop, 0, 0xffffffff, 32 },
    { INDEX_op_ctpop, 0, 0x00ff00f1, 13 },
    { INDEX_op_ctpop, 1, 0xffffffffffffffffull, 64 },
    { INDEX_op_ctpop, 1, 0, 0 },
    { INDEX_op_mov, 1, 0xfedcba9876543210ull, 0xfedcba9876543210ull },
};

Test(interp_ops, unary_hand_vectors)
{
    for (size_t k = 0; k < sizeof(unary_vec) / sizeof(unary_vec[0]); k++) {
        bool w = unary_vec[k].w64;
        TCGType ty = w ? TCG_TYPE_I64 : TCG_TYPE_I32;
        TCGTemp *out = w ? tcgv_i64_temp(it_g64[0]) : tcgv_i32_temp(it_g32[0]);
        TCGTemp *in = w ? tcgv_i64_temp(it_g64[1]) : tcgv_i32_temp(it_g32[1]);
        TCGTemp *out2 = w ? tcgv_i64_temp(it_g64[2]) : tcgv_i32_temp(it_g32[2]);
        it_begin(0x1000);
        tcg_gen_op2(unary_vec[k].opc, ty, temp_arg(out), temp_arg(in));
        tcg_gen_op2(unary_vec[k].opc, ty, temp_arg(out2),
                    temp_arg(tcg_constant_internal(ty, (int64_t)unary_vec[k].in)));
        const void *tc = it_finish();
        memset(&it_env, 0, sizeof(it_env));
        it_env.r64[1] = unary_vec[k].in;
        it_env.r32[1] = (uint32_t)unary_vec[k].in;
        it_exec(tc);
        uint64_t got = w ? it_env.r64[0] : it_env.r32[0];
        uint64_t got2 = w ? it_env.r64[2] : it_env.r32[2];
        printf("%s_i%d(%#llx) = %#llx (const input: %#llx), want %#llx\n",
               tcg_op_defs[unary_vec[k].opc].name, w ? 64 : 32,
               (unsigned long long)unary_vec[k].in, (unsigned long long)got,
               (unsigned long long)got2, (unsigned long long)unary_vec[k].out);
        cr_assert_eq(got, unary_vec[k].out);
        cr_assert_eq(got2, unary_vec[k].out);
    }
}

Test(interp_ops, type_changes)
{
    it_begin(0x1000);
    tcg_gen_ext_i32_i64(it_g64[0], it_g32[0]);
    tcg_gen_extu_i32_i64(it_g64[1], it_g32[0]);
    tcg_gen_extrl_i64_i32(it_g32[1], it_g64[2]);
    tcg_gen_extrh_i64_i32(it_g32[2], it_g64[2]);
    TCGv_i32 t = tcg_temp_new_i32();
    TCGv_i64 u = tcg_temp_new_i64();
    tcg_gen_extrh_i64_i32(t, it_g64[2]);     /* i32 in a slot, then widen */
    tcg_gen_extu_i32_i64(u, t);
    tcg_gen_mov_i64(it_g64[3], u);
    const void *tc = it_finish();
    it_env.r32[0] = 0x80000001;
    it_env.r64[2] = 0xcafebabe87654321ull;
    it_exec(tc);
    printf("ext_i32_i64(0x80000001)=%#llx extu=%#llx extrl=%#x extrh=%#x\n",
           (unsigned long long)it_env.r64[0], (unsigned long long)it_env.r64[1],
           it_env.r32[1], it_env.r32[2]);
    cr_assert_eq(it_env.r64[0], 0xffffffff80000001ull);
    cr_assert_eq(it_env.r64[1], 0x80000001ull);
    cr_assert_eq(it_env.r32[1], 0x87654321u);
    cr_assert_eq(it_env.r32[2], 0xcafebabeu);
    cr_assert_eq(it_env.r64[3], 0xcafebabeull);
}

Test(interp_ops, bit_fields)
{
    it_begin(0x1000);
    tcg_gen_deposit_i32(it_g32[0], it_g32[1], it_g32[2], 8, 8);
    tcg_gen_deposit_i64(it_g64[0], it_g64[1], it_g64[2], 60, 4);
    tcg_gen_deposit_i64(it_g64[3], it_g64[1], it_g64[2], 0, 64);
    tcg_gen_extract_i32(it_g32[3], it_g32[1], 28, 4);
    tcg_gen_sextract_i32(it_g32[4], it_g32[1], 28, 4);
    tcg_gen_sextract_i32(it_g32[5], it_g32[1], 0, 32);
    tcg_gen_extract_i64(it_g64[4], it_g64[1], 32, 32);
    tcg_gen_sextract_i64(it_g64[5], it_g64[1], 4, 8);
    tcg_gen_sextract_i64(it_g64[6], it_g64[1], 0, 64);
    const void *tc = it_finish();
    it_env.r32[1] = 0xf1234567;
    it_env.r32[2] = 0xffffffab;
    it_env.r64[1] = 0x0123456789abcdefull;
    it_env.r64[2] = 0xfedcba9876543215ull;
    it_exec(tc);
    printf("deposit32=%#x deposit64=%#llx extract32=%#x sextract32=%#x extract64=%#llx sextract64=%#llx\n",
           it_env.r32[0], (unsigned long long)it_env.r64[0], it_env.r32[3], it_env.r32[4],
           (unsigned long long)it_env.r64[4], (unsigned long long)it_env.r64[5]);
    cr_assert_eq(it_env.r32[0], 0xf123ab67u);
    cr_assert_eq(it_env.r64[0], 0x5123456789abcdefull);
    cr_assert_eq(it_env.r64[3], 0xfedcba9876543215ull);
    cr_assert_eq(it_env.r32[3], 0xfu);
    cr_assert_eq(it_env.r32[4], 0xffffffffu);
    cr_assert_eq(it_env.r32[5], 0xf1234567u);
    cr_assert_eq(it_env.r64[4], 0x01234567ull);
    cr_assert_eq(it_env.r64[5], 0xffffffffffffffdeull);   /* bits 4..11 = 0xde */
    cr_assert_eq(it_env.r64[6], 0x0123456789abcdefull);
}

Test(interp_ops, double_width)
{
    it_begin(0x1000);
    tcg_gen_mulu2_i32(it_g32[0], it_g32[1], it_g32[4], it_g32[5]);
    tcg_gen_muls2_i32(it_g32[2], it_g32[3], it_g32[4], it_g32[5]);
    tcg_gen_mulu2_i64(it_g64[0], it_g64[1], it_g64[4], it_g64[4]);
    tcg_gen_muls2_i64(it_g64[2], it_g64[3], it_g64[4], it_g64[5]);
    const void *tc = it_finish();
    it_env.r32[4] = 0xfffffffe;   /* -2 */
    it_env.r32[5] = 3;
    it_env.r64[4] = ~0ull;
    it_env.r64[5] = 7;
    it_exec(tc);
    printf("mulu2_i32(0xfffffffe,3)=%#x:%#x muls2_i32=%#x:%#x mulu2_i64(~0,~0)=%#llx:%#llx muls2_i64(-1,7)=%#llx:%#llx\n",
           it_env.r32[1], it_env.r32[0], it_env.r32[3], it_env.r32[2],
           (unsigned long long)it_env.r64[1], (unsigned long long)it_env.r64[0],
           (unsigned long long)it_env.r64[3], (unsigned long long)it_env.r64[2]);
    cr_assert_eq(it_env.r32[0], 0xfffffffa);  /* 0x2_fffffffa */
    cr_assert_eq(it_env.r32[1], 2);
    cr_assert_eq(it_env.r32[2], 0xfffffffa);  /* -6 */
    cr_assert_eq(it_env.r32[3], 0xffffffff);
    cr_assert_eq(it_env.r64[0], 1);
    cr_assert_eq(it_env.r64[1], 0xfffffffffffffffeull);
    cr_assert_eq(it_env.r64[2], (uint64_t)-7);
    cr_assert_eq(it_env.r64[3], ~0ull);

    it_begin(0x1000);
    tcg_gen_add2_i32(it_g32[0], it_g32[1], it_g32[4], it_g32[5], it_g32[6], it_g32[7]);
    tcg_gen_sub2_i32(it_g32[2], it_g32[3], it_g32[4], it_g32[5], it_g32[6], it_g32[7]);
    tcg_gen_add2_i64(it_g64[0], it_g64[1], it_g64[4], it_g64[5], it_g64[6], it_g64[7]);
    tcg_gen_sub2_i64(it_g64[2], it_g64[3], it_g64[4], it_g64[5], it_g64[6], it_g64[7]);
    tc = it_finish();
    memset(&it_env, 0, sizeof(it_env));
    it_env.r32[4] = 0xffffffff; it_env.r32[5] = 1;      /* 0x1_ffffffff */
    it_env.r32[6] = 2; it_env.r32[7] = 0;               /* 2 */
    it_env.r64[4] = 1; it_env.r64[5] = 5;               /* 5:1 */
    it_env.r64[6] = 2; it_env.r64[7] = 0;               /* 0:2 */
    it_exec(tc);
    printf("add2_i32=%#x:%#x sub2_i32=%#x:%#x add2_i64=%#llx:%#llx sub2_i64=%#llx:%#llx\n",
           it_env.r32[1], it_env.r32[0], it_env.r32[3], it_env.r32[2],
           (unsigned long long)it_env.r64[1], (unsigned long long)it_env.r64[0],
           (unsigned long long)it_env.r64[3], (unsigned long long)it_env.r64[2]);
    cr_assert_eq(it_env.r32[0], 1); cr_assert_eq(it_env.r32[1], 2);
    cr_assert_eq(it_env.r32[2], 0xfffffffd); cr_assert_eq(it_env.r32[3], 1);
    cr_assert_eq(it_env.r64[0], 3); cr_assert_eq(it_env.r64[1], 5);
    cr_assert_eq(it_env.r64[2], ~0ull); cr_assert_eq(it_env.r64[3], 4);
}

static const TCGCond all_conds[] = {
    TCG_COND_NEVER, TCG_COND_ALWAYS, TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT,
    TCG_COND_GE, TCG_COND_LE, TCG_COND_GT, TCG_COND_LTU, TCG_COND_GEU,
    TCG_COND_LEU, TCG_COND_GTU,
};

static bool ref_cond(TCGCond c, bool w64, uint64_t a, uint64_t b)
{
    int64_t sa = w64 ? (int64_t)a : (int32_t)a, sb = w64 ? (int64_t)b : (int32_t)b;
    uint64_t ua = w64 ? a : (uint32_t)a, ub = w64 ? b : (uint32_t)b;
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return ua == ub;
    case TCG_COND_NE: return ua != ub;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return ua < ub;
    case TCG_COND_GEU: return ua >= ub;
    case TCG_COND_LEU: return ua <= ub;
    case TCG_COND_GTU: return ua > ub;
    }
    return false;
}

/* setcond -> r[0], movcond(100, 200) -> r[1], brcond -> r[2] (1 if taken). */
static void run_conds(TCGCond c, bool w64, const void **tc_out)
{
    TCGType ty = w64 ? TCG_TYPE_I64 : TCG_TYPE_I32;
    TCGTemp *a = w64 ? tcgv_i64_temp(it_g64[4]) : tcgv_i32_temp(it_g32[4]);
    TCGTemp *b = w64 ? tcgv_i64_temp(it_g64[5]) : tcgv_i32_temp(it_g32[5]);
    TCGTemp *r[3];
    for (int i = 0; i < 3; i++) {
        r[i] = w64 ? tcgv_i64_temp(it_g64[i]) : tcgv_i32_temp(it_g32[i]);
    }
    TCGLabel *taken = gen_new_label(), *done = gen_new_label();
    tcg_gen_op4(INDEX_op_setcond, ty, temp_arg(r[0]), temp_arg(a), temp_arg(b), c);
    tcg_gen_op6(INDEX_op_movcond, ty, temp_arg(r[1]), temp_arg(a), temp_arg(b),
                temp_arg(tcg_constant_internal(ty, 100)),
                temp_arg(tcg_constant_internal(ty, 200)), c);
    /* Raw brcond, so NEVER and ALWAYS reach the backend too. */
    taken->refs++;
    tcg_gen_op4(INDEX_op_brcond, ty, temp_arg(a), temp_arg(b), c, label_arg(taken));
    tcg_gen_op2(INDEX_op_mov, ty, temp_arg(r[2]), temp_arg(tcg_constant_internal(ty, 0)));
    tcg_gen_br(done);
    gen_set_label(taken);
    tcg_gen_op2(INDEX_op_mov, ty, temp_arg(r[2]), temp_arg(tcg_constant_internal(ty, 1)));
    gen_set_label(done);
    *tc_out = it_finish();
}

Test(interp_ops, all_conditions)
{
    int n = 0;
    for (int w = 0; w < 2; w++) {
        for (size_t k = 0; k < sizeof(all_conds) / sizeof(all_conds[0]); k++) {
            const void *tc;
            it_begin(0x1000);
            run_conds(all_conds[k], w, &tc);
            for (int i = 0; i < NEDGES; i += 2) {
                for (int j = 0; j < NEDGES; j += 3) {
                    uint64_t a = edges[i], b = edges[j];
                    memset(&it_env, 0, sizeof(it_env));
                    it_env.r64[4] = a; it_env.r64[5] = b;
                    it_env.r32[4] = (uint32_t)a; it_env.r32[5] = (uint32_t)b;
                    it_exec(tc);
                    bool want = ref_cond(all_conds[k], w, a, b);
                    uint64_t r0 = w ? it_env.r64[0] : it_env.r32[0];
                    uint64_t r1 = w ? it_env.r64[1] : it_env.r32[1];
                    uint64_t r2 = w ? it_env.r64[2] : it_env.r32[2];
                    cr_assert(r0 == want && r1 == (want ? 100u : 200u) && r2 == want,
                              "cond %s i%d (%#llx, %#llx): setcond %llu movcond %llu brcond %llu, want %d",
                              tcg_cond_names[all_conds[k]], w ? 64 : 32,
                              (unsigned long long)a, (unsigned long long)b,
                              (unsigned long long)r0, (unsigned long long)r1,
                              (unsigned long long)r2, want);
                    n++;
                }
            }
        }
    }
    printf("conditions: %d (cond, type, a, b) cases: setcond/movcond/brcond agree with host C\n", n);
}

Test(interp_ops, backward_branch_loop)
{
    TranslationBlock tb;
    it_begin(0x1000);
    TCGv_i32 t = tcg_temp_new_i32();
    TCGLabel *top = gen_new_label();
    tcg_gen_movi_i32(t, 10);
    tcg_gen_movi_i32(it_g32[0], 0);
    gen_set_label(top);
    tcg_gen_add_i32(it_g32[0], it_g32[0], t);
    tcg_gen_subi_i32(t, t, 1);
    tcg_gen_brcondi_i32(TCG_COND_NE, t, 0, top);
    tcg_gen_exit_tb(0x55);
    const void *tc = it_translate(&tb);
    it_print_listing("loop", &tb);
    uintptr_t r = it_exec(tc);
    printf("sum 10..1 = %u, exit value %#lx\n", it_env.r32[0], (unsigned long)r);
    cr_assert_eq(it_env.r32[0], 55);
    cr_assert_eq(r, 0x55);

    /* The same ops translated again elsewhere (as after a full buffer). */
    TranslationBlock tb2;
    const void *tc2 = it_translate(&tb2);
    it_env.r32[0] = 0;
    r = it_exec(tc2);
    printf("second translation at tc+%ld: sum %u\n", (long)((const char *)tc2 - (const char *)tc),
           it_env.r32[0]);
    cr_assert_neq(tc2, tc);
    cr_assert_eq(it_env.r32[0], 55);
    cr_assert_eq(r, 0x55);
}

Test(interp_ops, host_ld_st_memops)
{
    static const uint8_t bytes[8] = { 0x81, 0x92, 0xa3, 0xb4, 0xc5, 0xd6, 0xe7, 0xf8 };
    static const struct { MemOp mo; uint64_t want64; } ld[] = {
        { MO_UB, 0x81 }, { MO_SB, 0xffffffffffffff81ull },
        { MO_LEUW, 0x9281 }, { MO_LESW, 0xffffffffffff9281ull },
        { MO_BEUW, 0x8192 }, { MO_BESW, 0xffffffffffff8192ull },
        { MO_LEUL, 0xb4a39281 }, { MO_LESL, 0xffffffffb4a39281ull },
        { MO_BEUL, 0x8192a3b4 }, { MO_BESL, 0xffffffff8192a3b4ull },
        { MO_LEUQ, 0xf8e7d6c5b4a39281ull }, { MO_BEUQ, 0x8192a3b4c5d6e7f8ull },
    };
    for (size_t k = 0; k < sizeof(ld) / sizeof(ld[0]); k++) {
        it_begin(0x1000);
        tcg_gen_ld_i64(it_g64[0], tcg_env(), offsetof(ITEnv, mem) + 8, ld[k].mo);
        if ((ld[k].mo & MO_SIZE) != MO_64) {
            tcg_gen_ld_i32(it_g32[0], tcg_env(), offsetof(ITEnv, mem) + 8, ld[k].mo);
        }
        /* Store the loaded value back with the same memop at mem+16. */
        tcg_gen_st_i64(it_g64[0], tcg_env(), offsetof(ITEnv, mem) + 16, ld[k].mo);
        const void *tc = it_finish();
        memset(&it_env, 0, sizeof(it_env));
        memcpy(it_env.mem + 8, bytes, 8);
        it_exec(tc);
        unsigned size = 1u << (ld[k].mo & MO_SIZE);
        printf("ld memop %#x: i64 %#llx i32 %#x, st back %s\n", ld[k].mo,
               (unsigned long long)it_env.r64[0], it_env.r32[0],
               memcmp(it_env.mem + 16, bytes, size) == 0 ? "same bytes" : "DIFFERENT");
        cr_assert_eq(it_env.r64[0], ld[k].want64);
        if (size < 8) {
            cr_assert_eq(it_env.r32[0], (uint32_t)ld[k].want64);
        }
        cr_assert_eq(memcmp(it_env.mem + 16, bytes, size), 0);
        cr_assert_eq(it_env.mem[16 + size], 0, "store wrote past its size");
    }
}

Test(interp_ops, guest_ld_st)
{
    static uint8_t guest[0x2000];
    guest_base = (uintptr_t)guest;
    it_begin(0x1000);
    /* st32 BE at w0, st16 LE at w0+8, ld back with both orders and signs. */
    tcg_gen_guest_st_i32(it_g32[1], it_g32[0], 0, MO_BEUL);
    TCGv_i32 a8 = tcg_temp_new_i32();
    tcg_gen_addi_i32(a8, it_g32[0], 8);
    tcg_gen_guest_st_i32(it_g32[1], a8, 0, MO_LEUW);
    tcg_gen_guest_ld_i32(it_g32[2], it_g32[0], 0, MO_LEUL);
    tcg_gen_guest_ld_i32(it_g32[3], a8, 0, MO_BESW);
    tcg_gen_guest_ld_i64(it_g64[0], it_g32[0], 0, MO_BEUQ);
    tcg_gen_guest_st_i64(it_g64[1], it_g32[4], 0, MO_LEUQ);
    tcg_gen_guest_ld_i64(it_g64[2], it_g32[4], 0, MO_SB);
    const void *tc = it_finish();
    memset(&it_env, 0, sizeof(it_env));
    it_env.r32[0] = 0x1000;
    it_env.r32[1] = 0x8899aabb;
    it_env.r32[4] = 0x1ff8;      /* the last 8 bytes of the buffer */
    it_env.r64[1] = 0x00000000000000f0ull;
    it_exec(tc);
    printf("guest bytes at 0x1000: %02x %02x %02x %02x, at 0x1008: %02x %02x; "
           "ld LEUL %#x, ld BESW %#x, ld BEUQ %#llx, ld SB %#llx\n",
           guest[0x1000], guest[0x1001], guest[0x1002], guest[0x1003], guest[0x1008],
           guest[0x1009], it_env.r32[2], it_env.r32[3],
           (unsigned long long)it_env.r64[0], (unsigned long long)it_env.r64[2]);
    cr_assert(guest[0x1000] == 0x88 && guest[0x1001] == 0x99 && guest[0x1002] == 0xaa &&
              guest[0x1003] == 0xbb);
    cr_assert(guest[0x1008] == 0xbb && guest[0x1009] == 0xaa && guest[0x100a] == 0);
    cr_assert_eq(it_env.r32[2], 0xbbaa9988u);
    cr_assert_eq(it_env.r32[3], 0xffffbbaau);
    cr_assert_eq(it_env.r64[0], 0x8899aabb00000000ull);
    cr_assert_eq(it_env.r64[2], 0xfffffffffffffff0ull);
    cr_assert_eq(tcg_interp_pc, 0, "tcg_interp_pc left set after exec");
}
