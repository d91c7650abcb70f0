/*
 * The x86-64 JIT's own sanity tests: arithmetic on globals, i32 zero
 * extension, register pressure (spills), branches and loops, helper calls
 * (7 arguments, global sync/reload), chaining and insn_start bookkeeping.
 * Expected values are computed by the same C expressions natively.
 */
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "tests/unit/jit/jt-harness.h"

TestSuite(jit, .init = jt_setup);

Test(jit, arith_on_globals)
{
    jt_begin(0x1000);
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_muli_i64(t, jt_g64[2], 3);
    tcg_gen_add_i64(jt_g64[0], jt_g64[1], t);
    tcg_gen_sub_i64(jt_g64[3], jt_g64[1], jt_g64[2]);
    tcg_gen_xor_i64(jt_g64[4], jt_g64[1], jt_g64[2]);
    tcg_gen_andi_i64(jt_g64[5], jt_g64[1], 0xff00);
    const void *tc = jt_finish(NULL, false);

    jt_env.r64[1] = 0x123456789abcdef0ull;
    jt_env.r64[2] = 0x1111111111111111ull;
    uintptr_t ret = jt_run(tc);
    uint64_t a = jt_env.r64[1], b = jt_env.r64[2];
    printf("arith: r0=%llx r3=%llx r4=%llx r5=%llx\n",
           (unsigned long long)jt_env.r64[0], (unsigned long long)jt_env.r64[3],
           (unsigned long long)jt_env.r64[4], (unsigned long long)jt_env.r64[5]);
    cr_expect_eq(ret, 0);
    cr_expect_eq(jt_env.r64[0], a + b * 3);
    cr_expect_eq(jt_env.r64[3], a - b);
    cr_expect_eq(jt_env.r64[4], a ^ b);
    cr_expect_eq(jt_env.r64[5], a & 0xff00);
}

/* An i32 result must be zero-extended in its host register. */
Test(jit, i32_zero_extension)
{
    jt_begin(0x1000);
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_addi_i32(t, jt_g32[0], 2);            /* 0xffffffff + 2 = 1 */
    tcg_gen_extu_i32_i64(jt_g64[0], t);
    tcg_gen_neg_i32(t, jt_g32[1]);
    tcg_gen_extu_i32_i64(jt_g64[1], t);
    tcg_gen_ext_i32_i64(jt_g64[2], t);
    tcg_gen_mov_i32(jt_g32[2], t);
    const void *tc = jt_finish(NULL, false);

    jt_env.r32[0] = 0xffffffffu;
    jt_env.r32[1] = 5;
    jt_run(tc);
    printf("zext: %llx %llx %llx\n", (unsigned long long)jt_env.r64[0],
           (unsigned long long)jt_env.r64[1], (unsigned long long)jt_env.r64[2]);
    cr_expect_eq(jt_env.r64[0], 1);
    cr_expect_eq(jt_env.r64[1], (uint32_t)-5);
    cr_expect_eq(jt_env.r64[2], (uint64_t)-5);
    cr_expect_eq(jt_env.r32[2], (uint32_t)-5);
}

/* 40 values live at once: more than the host has registers. */
Test(jit, spills_under_pressure)
{
    enum { N = 40 };
    TCGv_i64 t[N];
    jt_begin(0x1000);
    for (int i = 0; i < N; i++) {
        t[i] = tcg_temp_new_i64();
        tcg_gen_muli_i64(t[i], jt_g64[0], i + 1);
        tcg_gen_xori_i64(t[i], t[i], i * 0x1001);
    }
    TCGv_i64 acc = tcg_temp_new_i64();
    tcg_gen_movi_i64(acc, 0);
    for (int i = N - 1; i >= 0; i--) {
        tcg_gen_rotli_i64(acc, acc, 3);
        tcg_gen_add_i64(acc, acc, t[i]);
    }
    tcg_gen_mov_i64(jt_g64[1], acc);
    uint64_t spills0 = tcg_ctx->stats.spills;
    const void *tc = jt_finish(NULL, false);
    uint64_t spills = tcg_ctx->stats.spills - spills0;

    jt_env.r64[0] = 0x9e3779b97f4a7c15ull;
    jt_run(tc);
    uint64_t v[N], exp = 0;
    for (int i = 0; i < N; i++) {
        v[i] = (jt_env.r64[0] * (uint64_t)(i + 1)) ^ (uint64_t)(i * 0x1001);
    }
    for (int i = N - 1; i >= 0; i--) {
        exp = ((exp << 3) | (exp >> 61)) + v[i];
    }
    printf("pressure: got %llx expected %llx, %llu spills\n",
           (unsigned long long)jt_env.r64[1], (unsigned long long)exp,
           (unsigned long long)spills);
    cr_expect_eq(jt_env.r64[1], exp);
    cr_expect_gt(spills, 0);
}

/* sum = 1 + ... + n with a TB temp across a backward branch. */
Test(jit, loop_with_labels)
{
    jt_begin(0x1000);
    TCGv_i64 i = tcg_temp_new_i64(), sum = tcg_temp_new_i64();
    TCGLabel *top = gen_new_label(), *done = gen_new_label();
    tcg_gen_movi_i64(i, 0);
    tcg_gen_movi_i64(sum, 0);
    gen_set_label(top);
    tcg_gen_brcond_i64(TCG_COND_GEU, i, jt_g64[0], done);
    tcg_gen_addi_i64(i, i, 1);
    tcg_gen_add_i64(sum, sum, i);
    tcg_gen_br(top);
    gen_set_label(done);
    tcg_gen_mov_i64(jt_g64[1], sum);
    const void *tc = jt_finish(NULL, true);

    for (uint64_t n = 0; n < 50; n += 7) {
        jt_env.r64[0] = n;
        jt_run(tc);
        printf("loop n=%llu sum=%llu\n", (unsigned long long)n,
               (unsigned long long)jt_env.r64[1]);
        cr_expect_eq(jt_env.r64[1], n * (n + 1) / 2);
    }
}

static bool jt_native_cond(TCGCond c, bool is64, uint64_t a, uint64_t b)
{
    if (!is64) {
        uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
        int32_t sa = (int32_t)ua, sb = (int32_t)ub;
        switch (c) {
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
        case TCG_COND_ALWAYS: return true;
        default: return false;
        }
    }
    int64_t sa = (int64_t)a, sb = (int64_t)b;
    switch (c) {
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    case TCG_COND_ALWAYS: return true;
    default: return false;
    }
}

/* setcond, movcond and brcond for every condition, register and immediate. */
Test(jit, conditions)
{
    static const TCGCond conds[] = {
        TCG_COND_NEVER, TCG_COND_ALWAYS, TCG_COND_EQ, TCG_COND_NE,
        TCG_COND_LT, TCG_COND_GE, TCG_COND_LE, TCG_COND_GT,
        TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
    };
    static const uint64_t vals[] = { 0, 1, 0x7fffffff, 0x80000000, 0xffffffff,
                                     0x100000000ull, 0x8000000000000000ull,
                                     0xffffffffffffffffull, 5 };
    int checked = 0;
    for (int is64 = 0; is64 < 2; is64++) {
        for (unsigned ci = 0; ci < sizeof(conds) / sizeof(conds[0]); ci++) {
            TCGCond c = conds[ci];
            for (unsigned bi = 0; bi < sizeof(vals) / sizeof(vals[0]); bi++) {
                uint64_t bval = vals[bi];
                jt_begin(0x2000);
                TCGLabel *l = gen_new_label();
                if (is64) {
                    tcg_gen_setcond_i64(c, jt_g64[1], jt_g64[0], jt_g64[7]);
                    tcg_gen_setcondi_i64(c, jt_g64[2], jt_g64[0], bval);
                    tcg_gen_movcond_i64(c, jt_g64[3], jt_g64[0], jt_g64[7],
                                        jt_g64[5], jt_g64[6]);
                    tcg_gen_movi_i64(jt_g64[4], 0);
                    tcg_gen_brcond_i64(c, jt_g64[0], jt_g64[7], l);
                    tcg_gen_movi_i64(jt_g64[4], 1);
                } else {
                    tcg_gen_setcond_i32(c, jt_g32[1], jt_g32[0], jt_g32[7]);
                    tcg_gen_setcondi_i32(c, jt_g32[2], jt_g32[0], bval);
                    tcg_gen_movcond_i32(c, jt_g32[3], jt_g32[0], jt_g32[7],
                                        jt_g32[5], jt_g32[6]);
                    tcg_gen_movi_i32(jt_g32[4], 0);
                    tcg_gen_brcond_i32(c, jt_g32[0], jt_g32[7], l);
                    tcg_gen_movi_i32(jt_g32[4], 1);
                }
                gen_set_label(l);
                const void *tc = jt_finish(NULL, false);
                for (unsigned ai = 0; ai < sizeof(vals) / sizeof(vals[0]); ai++) {
                    uint64_t a = vals[ai];
                    bool want = jt_native_cond(c, is64, a, bval);
                    uint64_t got1, got2, got3, got4;
                    memset(jt_env.r64, 0, sizeof(jt_env.r64));
                    memset(jt_env.r32, 0, sizeof(jt_env.r32));
                    if (is64) {
                        jt_env.r64[0] = a;
                        jt_env.r64[7] = bval;
                        jt_env.r64[5] = 0x5555;
                        jt_env.r64[6] = 0x6666;
                        jt_run(tc);
                        got1 = jt_env.r64[1]; got2 = jt_env.r64[2];
                        got3 = jt_env.r64[3]; got4 = jt_env.r64[4];
                    } else {
                        jt_env.r32[0] = (uint32_t)a;
                        jt_env.r32[7] = (uint32_t)bval;
                        jt_env.r32[5] = 0x5555;
                        jt_env.r32[6] = 0x6666;
                        jt_run(tc);
                        got1 = jt_env.r32[1]; got2 = jt_env.r32[2];
                        got3 = jt_env.r32[3]; got4 = jt_env.r32[4];
                    }
                    cr_expect_eq(got1, want, "setcond %s i%d %llx,%llx", tcg_cond_names[c],
                                 is64 ? 64 : 32, (unsigned long long)a, (unsigned long long)bval);
                    cr_expect_eq(got2, want, "setcondi %s i%d %llx,%llx", tcg_cond_names[c],
                                 is64 ? 64 : 32, (unsigned long long)a, (unsigned long long)bval);
                    cr_expect_eq(got3, want ? 0x5555u : 0x6666u, "movcond %s", tcg_cond_names[c]);
                    cr_expect_eq(got4, want ? 0u : 1u, "brcond %s i%d %llx,%llx", tcg_cond_names[c],
                                 is64 ? 64 : 32, (unsigned long long)a, (unsigned long long)bval);
                    checked += 4;
                }
            }
        }
    }
    printf("conditions: %d results compared with native C comparisons\n", checked);
}

/* ---- helper calls ---- */

static uint64_t jt_h7(uint64_t a, uint32_t b, uint64_t c, uint32_t d,
                      uint64_t e, uint32_t f, uint64_t g)
{
    return a * 3 + b * 5 + c * 7 + d * 11 + e * 13 + f * 17 + g * 19;
}

static uint32_t jt_h_ret32(uint64_t a)
{
    return (uint32_t)(a >> 8) | 0x80000000u;
}

static TCGHelperInfo jt_h7_info = TCG_HELPER(jt_h7, TCG_CALL_PURE, TCG_HT_I64,
    TCG_HT_I64, TCG_HT_I32, TCG_HT_I64, TCG_HT_I32, TCG_HT_I64, TCG_HT_I32, TCG_HT_I64);
static TCGHelperInfo jt_h_ret32_info = TCG_HELPER(jt_h_ret32, TCG_CALL_PURE, TCG_HT_I32,
    TCG_HT_I64);

Test(jit, call_seven_args_and_live_temps)
{
    jt_begin(0x1000);
    TCGv_i64 live[12];
    for (int i = 0; i < 12; i++) {           /* values live across the call */
        live[i] = tcg_temp_new_i64();
        tcg_gen_addi_i64(live[i], jt_g64[0], i * 100);
    }
    TCGv_i64 r = tcg_temp_new_i64();
    TCGv_i32 b = tcg_temp_new_i32();
    tcg_gen_addi_i32(b, jt_g32[0], 1);
    TCGTemp *args[7] = {
        tcgv_i64_temp(jt_g64[1]), tcgv_i32_temp(b),
        tcgv_i64_temp(tcg_constant_i64(0x1234)), tcgv_i32_temp(jt_g32[1]),
        tcgv_i64_temp(live[3]), tcgv_i32_temp(tcg_constant_i32(-1)),
        tcgv_i64_temp(jt_g64[2]),
    };
    tcg_gen_callN(&jt_h7_info, tcgv_i64_temp(r), args);
    tcg_gen_mov_i64(jt_g64[3], r);
    TCGv_i64 acc = tcg_temp_new_i64();
    tcg_gen_movi_i64(acc, 0);
    for (int i = 0; i < 12; i++) {
        tcg_gen_xor_i64(acc, acc, live[i]);
        tcg_gen_rotli_i64(acc, acc, 5);
    }
    tcg_gen_mov_i64(jt_g64[4], acc);
    TCGv_i32 r32 = tcg_temp_new_i32();
    tcg_gen_call1(&jt_h_ret32_info, tcgv_i32_temp(r32), tcgv_i64_temp(jt_g64[1]));
    tcg_gen_extu_i32_i64(jt_g64[5], r32);
    const void *tc = jt_finish(NULL, false);

    jt_env.r64[0] = 1000;
    jt_env.r64[1] = 0xabcdef12345ull;
    jt_env.r64[2] = 77;
    jt_env.r32[0] = 41;
    jt_env.r32[1] = 0xfffffff0u;
    jt_run(tc);
    uint64_t exp = jt_h7(jt_env.r64[1], 42, 0x1234, 0xfffffff0u, 1300, 0xffffffffu, 77);
    uint64_t acc_exp = 0;
    for (int i = 0; i < 12; i++) {
        acc_exp ^= 1000 + i * 100;
        acc_exp = (acc_exp << 5) | (acc_exp >> 59);
    }
    printf("call7: got %llx expected %llx; live temps %llx expected %llx; ret32 %llx\n",
           (unsigned long long)jt_env.r64[3], (unsigned long long)exp,
           (unsigned long long)jt_env.r64[4], (unsigned long long)acc_exp,
           (unsigned long long)jt_env.r64[5]);
    cr_expect_eq(jt_env.r64[3], exp);
    cr_expect_eq(jt_env.r64[4], acc_exp);
    cr_expect_eq(jt_env.r64[5], (uint64_t)jt_h_ret32(jt_env.r64[1]));
}

/* A helper that reads globals sees their current values in env; one that
 * writes them makes the block reload them. */
static void jt_h_bump(JTEnv *env)
{
    env->scratch[0] = env->r64[0];      /* what the block stored before */
    env->r64[0] += 1000;
    env->r32[0] = 7;
}

static TCGHelperInfo jt_h_bump_info = TCG_HELPER(jt_h_bump, TCG_CALL_WRITES_GLOBALS,
    TCG_HT_VOID, TCG_HT_PTR);

Test(jit, call_syncs_and_reloads_globals)
{
    jt_begin(0x1000);
    tcg_gen_addi_i64(jt_g64[0], jt_g64[0], 5);
    tcg_gen_addi_i32(jt_g32[0], jt_g32[0], 1);
    tcg_gen_call1(&jt_h_bump_info, NULL, tcgv_ptr_temp(tcg_env()));
    tcg_gen_addi_i64(jt_g64[1], jt_g64[0], 1);
    tcg_gen_addi_i32(jt_g32[1], jt_g32[0], 1);
    const void *tc = jt_finish(NULL, false);

    jt_env.r64[0] = 10;
    jt_run(tc);
    printf("globals: seen by helper %llu, after %llu, r64_1 %llu, r32_1 %u\n",
           (unsigned long long)jt_env.scratch[0], (unsigned long long)jt_env.r64[0],
           (unsigned long long)jt_env.r64[1], jt_env.r32[1]);
    cr_expect_eq(jt_env.scratch[0], 15);
    cr_expect_eq(jt_env.r64[0], 1015);
    cr_expect_eq(jt_env.r64[1], 1016);
    cr_expect_eq(jt_env.r32[1], 8);
}

/* ---- chaining ---- */

Test(jit, goto_tb_chain_and_unchain)
{
    static TranslationBlock a, b;

    jt_begin(0x1000);
    tcg_gen_addi_i64(jt_g64[0], jt_g64[0], 1);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb((uintptr_t)&a | 0);
    jt_translate(&a, false);

    jt_begin(0x2000);
    tcg_gen_addi_i64(jt_g64[1], jt_g64[1], 10);
    jt_finish(&b, false);

    cr_assert_neq(a.jmp_insn_offset[0], 0xffff);
    cr_assert_eq(a.jmp_insn_offset[1], 0xffff);
    uintptr_t field = (uintptr_t)a.tc_ptr + a.jmp_insn_offset[0] + 1;
    cr_expect_eq(field & 3, 0, "rel32 of goto_tb must be 4-byte aligned");
    cr_expect_eq(a.jmp_reset_offset[0], a.jmp_insn_offset[0] + 5);

    uintptr_t ret = jt_run(a.tc_ptr);
    cr_expect_eq(ret, (uintptr_t)&a | 0);
    cr_expect_eq(jt_env.r64[0], 1);

    tcg_backend_x86_64.set_jmp_target(&a, 0, (uintptr_t)b.tc_ptr);
    cr_expect_eq(a.jmp_target_addr[0], (uintptr_t)b.tc_ptr);
    ret = jt_run(a.tc_ptr);
    cr_expect_eq(ret, 0);
    cr_expect_eq(jt_env.r64[0], 2);
    cr_expect_eq(jt_env.r64[1], 10);

    tcg_backend_x86_64.set_jmp_target(&a, 0,
        (uintptr_t)a.tc_ptr + a.jmp_reset_offset[0]);
    ret = jt_run(a.tc_ptr);
    cr_expect_eq(ret, (uintptr_t)&a | 0);
    cr_expect_eq(jt_env.r64[0], 3);
    cr_expect_eq(jt_env.r64[1], 10);
    printf("chain: unchained exit %#lx, chained ran b, unchained again\n",
           (unsigned long)ret);
}

Test(jit, goto_ptr_to_epilogue_and_block)
{
    static TranslationBlock a, b;
    jt_begin(0x2000);
    tcg_gen_addi_i64(jt_g64[1], jt_g64[1], 10);
    const void *tcb = jt_finish(&b, false);

    jt_begin(0x1000);
    TCGv_ptr p = tcg_temp_new_ptr();
    tcg_gen_ld_i64(temp_tcgv_i64(tcgv_ptr_temp(p)), tcg_env(),
                   offsetof(JTEnv, scratch), MO_UQ);
    tcg_gen_op1(INDEX_op_goto_ptr, TCG_TYPE_I64, temp_arg(tcgv_ptr_temp(p)));
    const void *tca = jt_translate(&a, false);

    jt_env.scratch[0] = (uintptr_t)tcg_ctx->code_gen_epilogue;
    cr_expect_eq(jt_run(tca), 0);
    cr_expect_eq(jt_env.r64[1], 0);
    jt_env.scratch[0] = (uintptr_t)tcb;
    cr_expect_eq(jt_run(tca), 0);
    cr_expect_eq(jt_env.r64[1], 10);
    printf("goto_ptr: epilogue returned 0, block target ran\n");
}

Test(jit, exit_tb_value_and_insn_offsets)
{
    static TranslationBlock a;
    jt_begin(0x1000);
    tcg_gen_addi_i64(jt_g64[0], jt_g64[0], 1);
    tcg_gen_insn_start(0x1004, 1);
    tcg_gen_addi_i64(jt_g64[0], jt_g64[0], 2);
    tcg_gen_insn_start(0x1008, 2);
    tcg_gen_muli_i64(jt_g64[0], jt_g64[0], 3);
    tcg_gen_exit_tb(0x123456789aull);
    jt_translate(&a, false);

    TCGContext *s = tcg_ctx;
    cr_assert_eq(s->gen_nb_insns, 3);
    for (int i = 0; i < 3; i++) {
        printf("insn %d: pc %llx end %u\n", i, (unsigned long long)s->gen_insn_data[i][0],
               s->gen_insn_end_off[i]);
        cr_expect_eq(s->gen_insn_data[i][0], 0x1000 + 4 * i);
        cr_expect_eq(s->gen_insn_data[i][1], (uint64_t)i);
        cr_expect(i == 0 || s->gen_insn_end_off[i] >= s->gen_insn_end_off[i - 1]);
    }
    cr_expect_leq(s->gen_insn_end_off[2], a.tc_size);
    cr_expect_eq(jt_run(a.tc_ptr), 0x123456789aull);
    cr_expect_eq(jt_env.r64[0], 9);
}

/* Liveness removes ops whose results nobody reads. */
Test(jit, liveness_removes_dead_ops)
{
    jt_begin(0x1000);
    TCGv_i64 dead = tcg_temp_new_i64();
    tcg_gen_mul_i64(dead, jt_g64[0], jt_g64[1]);
    tcg_gen_add_i64(jt_g64[2], jt_g64[0], jt_g64[1]);
    tcg_gen_exit_tb(0);
    tcg_liveness(tcg_ctx);
    int muls = 0, adds = 0;
    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
        muls += tcg_ctx->ops[i].opc == INDEX_op_mul;
        adds += tcg_ctx->ops[i].opc == INDEX_op_add;
    }
    printf("liveness: %d mul left (0 expected), %d add left (1 expected)\n", muls, adds);
    cr_expect_eq(muls, 0);
    cr_expect_eq(adds, 1);
    /* the add's output is a global: it must be synced */
    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
        if (tcg_ctx->ops[i].opc == INDEX_op_add) {
            cr_expect(tcg_ctx->ops[i].life & TCG_LIFE_SYNC(0));
        }
    }
}

/* W^X: the code is written through one view and run through another. */
Test(jit, code_buffer_dual_mapped)
{
    TCGContext *s = tcg_ctx;
    const uint8_t *rw = s->code_gen_buffer;
    const uint8_t *rx = rw + s->code_rx_offset;
    printf("code buffer: rw %p rx %p (offset %td), %zu bytes\n", (void *)rw,
           (void *)rx, s->code_rx_offset, s->code_gen_buffer_size);
    cr_expect_neq(s->code_rx_offset, 0);
    cr_expect(memcmp(rw, rx, 64) == 0, "both views show the same bytes");
    cr_expect_eq((uintptr_t)s->code_gen_prologue, (uintptr_t)rx + 0);
}

/* Past the high-water mark gen_code gives up (-1) so the caller can flush. */
Test(jit, buffer_full_returns_minus_one)
{
    static TranslationBlock tb;
    TCGContext *s = tcg_ctx;
    uint8_t *saved = s->code_gen_highwater;

    jt_begin(0x1000);
    for (int i = 0; i < 50; i++) {
        tcg_gen_addi_i64(jt_g64[i % JT_N], jt_g64[(i + 1) % JT_N], i);
    }
    tcg_gen_exit_tb(0);
    s->code_gen_highwater = s->code_ptr + 16;
    uint8_t *before = s->code_ptr;
    int n = tcg_gen_code(s, &tb);
    printf("buffer full: gen_code returned %d, code_ptr moved by %td\n", n,
           s->code_ptr - before);
    cr_expect_eq(n, -1);
    cr_expect_eq(s->code_ptr, before);
    s->code_gen_highwater = saved;
}

/* A goto_tb past the 16-bit offsets of tb.h: gen_code asks for a shorter
 * block instead of recording a truncated offset. */
Test(jit, goto_tb_past_64k_is_too_large)
{
    static TranslationBlock tb;
    TCGContext *s = tcg_ctx;

    jt_begin(0x1000);
    for (int i = 0; i < 7000; i++) {    /* ~11 bytes each */
        tcg_gen_st_i64(tcg_constant_i64(i % 500), tcg_env(), offsetof(JTEnv, big) + 8 * (i % 64),
                       MO_64);
    }
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb((uintptr_t)&tb);
    uint8_t *before = s->code_ptr;
    int n = tcg_gen_code(s, &tb);
    printf("64k block: gen_code returned %d (TCG_GEN_TOO_LARGE = %d)\n", n,
           TCG_GEN_TOO_LARGE);
    cr_expect_eq(n, TCG_GEN_TOO_LARGE);
    cr_expect_eq(s->code_ptr, before);
}
