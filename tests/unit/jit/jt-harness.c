/*
 * The JIT test harness (see jt-harness.h).
 */
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "tests/unit/jit/jt-harness.h"

JTEnv jt_env;
TCGv_i64 jt_g64[JT_N];
TCGv_i32 jt_g32[JT_N];

static const char *const jt_names64[JT_N] = { "r64_0", "r64_1", "r64_2", "r64_3",
                                              "r64_4", "r64_5", "r64_6", "r64_7" };
static const char *const jt_names32[JT_N] = { "r32_0", "r32_1", "r32_2", "r32_3",
                                              "r32_4", "r32_5", "r32_6", "r32_7" };

void jt_setup(void)
{
    tcg_context_init(&tcg_backend_x86_64, 8 << 20);
    for (int i = 0; i < JT_N; i++) {
        jt_g64[i] = tcg_global_mem_new_i64(offsetof(JTEnv, r64) + 8 * i, jt_names64[i]);
        jt_g32[i] = tcg_global_mem_new_i32(offsetof(JTEnv, r32) + 4 * i, jt_names32[i]);
    }
    memset(&jt_env, 0, sizeof(jt_env));
}

void jt_begin(uint64_t pc)
{
    tcg_func_start(tcg_ctx);
    tcg_gen_insn_start(pc, 0);
}

const void *jt_translate(TranslationBlock *tb, bool optimize)
{
    static TranslationBlock dummy;
    if (!tb) {
        memset(&dummy, 0, sizeof(dummy));
        tb = &dummy;
    }
    tcg_ctx->optimize = optimize;
    int n = tcg_gen_code(tcg_ctx, tb);
    cr_assert(n > 0, "tcg_gen_code failed (%d)", n);
    return tb->tc_ptr;
}

const void *jt_finish(TranslationBlock *tb, bool optimize)
{
    tcg_gen_exit_tb(0);
    return jt_translate(tb, optimize);
}

uintptr_t jt_run(const void *tc)
{
    return tcg_backend_x86_64.exec(&jt_env, tc);
}
