/*
 * Shared set-up of the optimizer tests (see opt-harness.h).
 */
#include <criterion/criterion.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec/tb.h"
#include "opt-harness.h"

/* Weak, so the tests link (and skip the JIT) while it is not built. */
extern const TCGBackend tcg_backend_x86_64 __attribute__((weak));

TCGv_i32 opt_r[4];
TCGv_i64 opt_q[2];
int opt_helper_count;

static void stub_init(TCGContext *s)
{
}

static int stub_gen_code(TCGContext *s, struct TranslationBlock *tb)
{
    return 0;
}

/* For the dump-only tests: never runs anything. */
static const TCGBackend opt_stub_backend = {
    .name = "stub",
    .init = stub_init,
    .gen_code = stub_gen_code,
};

void opt_setup(const TCGBackend *backend)
{
    static const char *const rnames[4] = { "r0", "r1", "r2", "r3" };
    static const char *const qnames[2] = { "q0", "q1" };

    tcg_context_init(backend ? backend : &opt_stub_backend, 1 << 20);
    for (int i = 0; i < 4; i++) {
        opt_r[i] = tcg_global_mem_new_i32(offsetof(OptEnv, r[i]), rnames[i]);
    }
    for (int i = 0; i < 2; i++) {
        opt_q[i] = tcg_global_mem_new_i64(offsetof(OptEnv, q[i]), qnames[i]);
    }
    tcg_func_start(tcg_ctx);
}

char *opt_dump(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tcg_dump_ops(tcg_ctx, f);
    fclose(f);
    return buf;
}

void opt_check(const char *name, const char *before, const char *after)
{
    char *b = opt_dump();
    tcg_optimize(tcg_ctx);
    char *a = opt_dump();

    printf("==== %s\n-- before:\n%s-- after:\n%s", name, b, a);
    cr_expect_str_eq(b, before, "%s: dump before optimization:\n%s---- expected:\n%s",
                     name, b, before);
    cr_expect_str_eq(a, after, "%s: dump after optimization:\n%s---- expected:\n%s",
                     name, a, after);
    free(b);
    free(a);
}

static uint32_t helper_count_i32(uint32_t x)
{
    opt_helper_count++;
    return x + 1;
}

/* Sees the globals in env: r2 + x. */
static uint32_t helper_reads(void *env, uint32_t x)
{
    OptEnv *e = env;
    opt_helper_count++;
    return e->r[2] + x;
}

static uint32_t helper_writes(void *env, uint32_t x)
{
    OptEnv *e = env;
    opt_helper_count++;
    e->r[0] = x * 3;
    return x;
}

TCGHelperInfo opt_helper_pure =
    TCG_HELPER(helper_count_i32, TCG_CALL_PURE, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo opt_helper_reads =
    TCG_HELPER(helper_reads, TCG_CALL_READS_GLOBALS, TCG_HT_I32, TCG_HT_PTR,
               TCG_HT_I32);
TCGHelperInfo opt_helper_writes =
    TCG_HELPER(helper_writes, TCG_CALL_WRITES_GLOBALS, TCG_HT_I32, TCG_HT_PTR,
               TCG_HT_I32);
TCGHelperInfo opt_helper_raise =
    TCG_HELPER(helper_count_i32, TCG_CALL_MAY_RAISE, TCG_HT_I32, TCG_HT_I32);

int opt_backends(const TCGBackend **list)
{
    int n = 0;
    list[n++] = &tcg_backend_interp;
    if (&tcg_backend_x86_64 != NULL) {
        list[n++] = &tcg_backend_x86_64;
    } else {
        printf("note: the x86-64 JIT is not linked in; interpreter only\n");
    }
    return n;
}

void opt_begin(void)
{
    tcg_func_start(tcg_ctx);
    tcg_gen_insn_start(0x1000, 0);
}

uintptr_t opt_run(OptEnv *env, bool optimize)
{
    TCGContext *s = tcg_ctx;
    static TranslationBlock tb;

    /* Each block runs once right after translation: reuse the buffer. */
    if (s->code_gen_highwater - s->code_ptr < (256 << 10)) {
        s->code_ptr = (uint8_t *)s->code_gen_start;
    }
    memset(&tb, 0, sizeof(tb));
    tb.pc = 0x1000;
    tb.cflags = CF_NOCHAIN;
    s->optimize = optimize;
    int size = tcg_gen_code(s, &tb);
    cr_assert(size >= 0, "tcg_gen_code failed on %s", s->backend->name);
    return s->backend->exec(env, tb.tc_ptr);
}
