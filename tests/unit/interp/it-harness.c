/*
 * The interpreter tests' harness (see it-harness.h).
 */
#include "it-harness.h"

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

ITEnv it_env;
TCGv_i32 it_g32[IT_NG];
TCGv_i64 it_g64[IT_NG];
static char it_names[2 * IT_NG][8];
static TranslationBlock it_tb;

void it_setup(void)
{
    tcg_context_init(&tcg_backend_interp, 4 << 20);
    for (int i = 0; i < IT_NG; i++) {
        snprintf(it_names[i], 8, "w%d", i);
        it_g32[i] = tcg_global_mem_new_i32(offsetof(ITEnv, r32) + 4 * i, it_names[i]);
        snprintf(it_names[IT_NG + i], 8, "q%d", i);
        it_g64[i] = tcg_global_mem_new_i64(offsetof(ITEnv, r64) + 8 * i, it_names[IT_NG + i]);
    }
    memset(&it_env, 0, sizeof(it_env));
}

void it_begin(uint64_t pc)
{
    tcg_func_start(tcg_ctx);
    tcg_gen_insn_start(pc, 0);
}

const void *it_translate(TranslationBlock *tb)
{
    TCGContext *s = tcg_ctx;

    /* Blocks run right after translation: start over when nearly full. */
    if (s->code_gen_highwater - s->code_ptr < (256 << 10)) {
        s->code_ptr = s->code_gen_start;
    }
    memset(tb, 0, sizeof(*tb));
    tb->pc = 0x1000;
    s->optimize = false;
    int size = tcg_gen_code(s, tb);
    cr_assert(size > 0, "tcg_gen_code failed (%d)", size);
    s->code_ptr += (size + 15) & ~15;
    return tb->tc_ptr;
}

const void *it_finish(void)
{
    tcg_gen_exit_tb(0);
    return it_translate(&it_tb);
}

uintptr_t it_exec(const void *tc)
{
    return tcg_backend_interp.exec(&it_env, tc);
}

void it_print_listing(const char *title, const TranslationBlock *tb)
{
    printf("%s (%u bytes):\n", title, tb->tc_size);
    tcg_backend_interp.disas(stdout, tb->tc_ptr, tb->tc_size);
}
