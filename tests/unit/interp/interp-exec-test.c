/*
 * Interpreter backend: helper calls through libffi (0..7 args, i32/i64/ptr
 * arguments and returns), tcg_interp_pc during calls, nested exec and
 * guest faults, insn_start end offsets, goto_tb chaining and unchaining,
 * goto_ptr (to a block and to the epilogue), buffer exhaustion, listing.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <criterion/criterion.h>

#include "it-harness.h"

TestSuite(interp_exec, .init = it_setup);

/* ---- helpers with every arity; each records its arguments ---- */

static uint64_t seen[8];
static int seen_n;
static uintptr_t seen_pc;

static uint64_t h0(void) { seen_n = 0; seen_pc = tcg_interp_pc; return 0x1122334455667788ull; }
static uint32_t h1(uint32_t a) { seen_n = 1; seen[0] = a; return 0x80000000u | a; }
static uint64_t h2(uint64_t a, uint32_t b) { seen_n = 2; seen[0] = a; seen[1] = b; return a + b; }
static uint32_t h3(uint32_t a, uint64_t b, uint32_t c)
{ seen_n = 3; seen[0] = a; seen[1] = b; seen[2] = c; return a ^ (uint32_t)b ^ c; }
static void *h4(void *env, uint32_t a, uint64_t b, uint32_t c)
{ seen_n = 4; seen[0] = (uintptr_t)env; seen[1] = a; seen[2] = b; seen[3] = c; return (char *)env + 8; }
static void h5(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint64_t e)
{ seen_n = 5; seen[0] = a; seen[1] = b; seen[2] = c; seen[3] = d; seen[4] = e; }
static uint64_t h6(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f)
{
    seen_n = 6; seen[0] = a; seen[1] = b; seen[2] = c; seen[3] = d; seen[4] = e; seen[5] = f;
    return a - b + c - d + e - f;
}
static uint32_t h7(uint32_t a, uint64_t b, uint32_t c, uint64_t d, uint32_t e, uint64_t f, uint32_t g)
{
    seen_n = 7; seen[0] = a; seen[1] = b; seen[2] = c; seen[3] = d; seen[4] = e; seen[5] = f; seen[6] = g;
    return a + (uint32_t)b + c + (uint32_t)d + e + (uint32_t)f + g;
}

static TCGHelperInfo info_h0 = TCG_HELPER(h0, TCG_CALL_SIDE_EFFECTS, TCG_HT_I64);
static TCGHelperInfo info_h1 = TCG_HELPER(h1, TCG_CALL_PURE, TCG_HT_I32, TCG_HT_I32);
static TCGHelperInfo info_h2 = TCG_HELPER(h2, TCG_CALL_PURE, TCG_HT_I64, TCG_HT_I64, TCG_HT_I32);
static TCGHelperInfo info_h3 = TCG_HELPER(h3, TCG_CALL_PURE, TCG_HT_I32, TCG_HT_I32, TCG_HT_I64, TCG_HT_I32);
static TCGHelperInfo info_h4 = TCG_HELPER(h4, TCG_CALL_PURE, TCG_HT_PTR, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I64, TCG_HT_I32);
static TCGHelperInfo info_h5 = TCG_HELPER(h5, TCG_CALL_SIDE_EFFECTS, TCG_HT_VOID, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32, TCG_HT_I64);
static TCGHelperInfo info_h6 = TCG_HELPER(h6, TCG_CALL_PURE, TCG_HT_I64, TCG_HT_I64, TCG_HT_I64, TCG_HT_I64, TCG_HT_I64, TCG_HT_I64, TCG_HT_I64);
static TCGHelperInfo info_h7 = TCG_HELPER(h7, TCG_CALL_PURE, TCG_HT_I32, TCG_HT_I32, TCG_HT_I64, TCG_HT_I32, TCG_HT_I64, TCG_HT_I32, TCG_HT_I64, TCG_HT_I32);

static TCGTemp *c32(uint32_t v) { return tcgv_i32_temp(tcg_constant_i32((int32_t)v)); }
static TCGTemp *c64(uint64_t v) { return tcgv_i64_temp(tcg_constant_i64((int64_t)v)); }
static TCGTemp *g32(int i) { return tcgv_i32_temp(it_g32[i]); }
static TCGTemp *g64(int i) { return tcgv_i64_temp(it_g64[i]); }

static void expect_seen(int n, const uint64_t *want)
{
    printf("  helper saw %d args:", seen_n);
    for (int i = 0; i < seen_n; i++) {
        printf(" %#llx", (unsigned long long)seen[i]);
    }
    printf("\n");
    cr_assert_eq(seen_n, n);
    for (int i = 0; i < n; i++) {
        cr_assert_eq(seen[i], want[i], "arg %d: got %#llx want %#llx", i,
                     (unsigned long long)seen[i], (unsigned long long)want[i]);
    }
}

Test(interp_exec, helper_calls_0_to_7_args)
{
    TCGv_i32 t32 = tcg_temp_new_i32();
    TCGv_i64 t64;

    /* 0 args, i64 return. */
    it_begin(0x1000);
    tcg_gen_call0(&info_h0, g64(0));
    const void *tc = it_finish();
    it_exec(tc);
    printf("h0() -> %#llx\n", (unsigned long long)it_env.r64[0]);
    cr_assert_eq(it_env.r64[0], 0x1122334455667788ull);
    cr_assert_eq(info_h0.cif != NULL, true);

    /* 1 arg, i32 return with bit 31 set: the i64 widening must not sign-extend. */
    it_begin(0x1000);
    t32 = tcg_temp_new_i32();
    tcg_gen_call1(&info_h1, tcgv_i32_temp(t32), g32(1));
    tcg_gen_extu_i32_i64(it_g64[0], t32);
    tc = it_finish();
    it_env.r32[1] = 0x7fffffff;
    it_exec(tc);
    printf("h1(0x7fffffff) -> %#llx (extu)\n", (unsigned long long)it_env.r64[0]);
    expect_seen(1, (uint64_t[]){ 0x7fffffff });
    cr_assert_eq(it_env.r64[0], 0xffffffffull);

    /* 2 args: i64 global, i32 constant with bit 31. */
    it_begin(0x1000);
    tcg_gen_call2(&info_h2, g64(0), g64(1), c32(0xfffffff0));
    tc = it_finish();
    it_env.r64[1] = 0x100000000ull;
    it_exec(tc);
    expect_seen(2, (uint64_t[]){ 0x100000000ull, 0xfffffff0 });
    cr_assert_eq(it_env.r64[0], 0x1fffffff0ull);

    /* 3 args mixed, i32 return into an i32 global. */
    it_begin(0x1000);
    tcg_gen_call3(&info_h3, g32(0), g32(1), c64(0x123456789ull), g32(2));
    tc = it_finish();
    it_env.r32[1] = 0xf0f0f0f0; it_env.r32[2] = 0x0000ffff;
    it_exec(tc);
    expect_seen(3, (uint64_t[]){ 0xf0f0f0f0, 0x123456789ull, 0xffff });
    cr_assert_eq(it_env.r32[0], 0xf0f0f0f0u ^ 0x23456789u ^ 0xffffu);

    /* 4 args with env as a pointer, pointer return. */
    it_begin(0x1000);
    tcg_gen_call4(&info_h4, g64(0), tcgv_ptr_temp(tcg_env()), c32(7), c64(~0ull), g32(1));
    tc = it_finish();
    it_env.r32[1] = 0x80000000;
    it_exec(tc);
    expect_seen(4, (uint64_t[]){ (uintptr_t)&it_env, 7, ~0ull, 0x80000000 });
    cr_assert_eq(it_env.r64[0], (uintptr_t)&it_env + 8);

    /* 5 args, void. */
    it_begin(0x1000);
    tcg_gen_call5(&info_h5, NULL, c32(1), c32(2), g32(3), c32(0xffffffff), g64(4));
    tc = it_finish();
    it_env.r32[3] = 3; it_env.r64[4] = 0xabcdef0123456789ull;
    it_exec(tc);
    expect_seen(5, (uint64_t[]){ 1, 2, 3, 0xffffffff, 0xabcdef0123456789ull });

    /* 6 args, all i64 from temps. */
    it_begin(0x1000);
    TCGTemp *a[6];
    for (int i = 0; i < 6; i++) {
        t64 = tcg_temp_new_i64();
        tcg_gen_movi_i64(t64, (int64_t)(0x1000000000ull * (i + 1) + i));
        a[i] = tcgv_i64_temp(t64);
    }
    tcg_gen_call6(&info_h6, g64(0), a[0], a[1], a[2], a[3], a[4], a[5]);
    tc = it_finish();
    it_exec(tc);
    uint64_t w6[6];
    for (int i = 0; i < 6; i++) {
        w6[i] = 0x1000000000ull * (i + 1) + i;
    }
    expect_seen(6, w6);
    cr_assert_eq(it_env.r64[0], w6[0] - w6[1] + w6[2] - w6[3] + w6[4] - w6[5]);

    /* 7 args, alternating types (some on the stack under SysV). */
    it_begin(0x1000);
    tcg_gen_callN(&info_h7, g32(0), (TCGTemp *[]){ c32(1), c64(0x200000002ull), c32(3),
                  g64(1), c32(5), c64(6), g32(2) });
    tc = it_finish();
    it_env.r64[1] = 0xffffffff00000004ull; it_env.r32[2] = 0xfffffff9;
    it_exec(tc);
    expect_seen(7, (uint64_t[]){ 1, 0x200000002ull, 3, 0xffffffff00000004ull, 5, 6, 0xfffffff9 });
    cr_assert_eq(it_env.r32[0], (uint32_t)(1 + 2 + 3 + 4 + 5 + 6 + 0xfffffff9u));
    cr_assert_eq(tcg_interp_pc, 0);
}

Test(interp_exec, interp_pc_in_helper_maps_to_insn)
{
    TranslationBlock tb;
    it_begin(0x1000);
    tcg_gen_addi_i32(it_g32[0], it_g32[0], 1);
    tcg_gen_insn_start(0x1004, 7);
    tcg_gen_addi_i32(it_g32[0], it_g32[0], 2);
    tcg_gen_call0(&info_h0, g64(0));
    tcg_gen_addi_i32(it_g32[0], it_g32[0], 3);
    tcg_gen_insn_start(0x1008, 9);
    tcg_gen_addi_i32(it_g32[0], it_g32[0], 4);
    tcg_gen_exit_tb(0);
    const void *tc = it_translate(&tb);
    TCGContext *s = tcg_ctx;
    it_print_listing("three insns", &tb);
    printf("insns %d, end offsets %u %u %u, data %#llx/%llu %#llx/%llu %#llx/%llu\n",
           s->gen_nb_insns, s->gen_insn_end_off[0], s->gen_insn_end_off[1],
           s->gen_insn_end_off[2], (unsigned long long)s->gen_insn_data[0][0],
           (unsigned long long)s->gen_insn_data[0][1], (unsigned long long)s->gen_insn_data[1][0],
           (unsigned long long)s->gen_insn_data[1][1], (unsigned long long)s->gen_insn_data[2][0],
           (unsigned long long)s->gen_insn_data[2][1]);
    cr_assert_eq(s->gen_nb_insns, 3);
    cr_assert_eq(s->gen_insn_data[1][0], 0x1004);
    cr_assert_eq(s->gen_insn_data[1][1], 7);
    cr_assert_eq(s->gen_insn_end_off[2], tb.tc_size);
    cr_assert(s->gen_insn_end_off[0] < s->gen_insn_end_off[1]);
    seen_pc = 0;
    it_exec(tc);
    uintptr_t off = seen_pc - (uintptr_t)tc;
    printf("tcg_interp_pc in helper = tc+%lu; after exec %#lx\n", (unsigned long)off,
           (unsigned long)tcg_interp_pc);
    cr_assert(seen_pc != 0);
    cr_assert(off >= s->gen_insn_end_off[0] && off < s->gen_insn_end_off[1],
              "helper pc not inside insn 1");
    cr_assert_eq(it_env.r32[0], 10);
    cr_assert_eq(tcg_interp_pc, 0);
}

/* A helper that runs another block through exec (re-entry). */
static const void *nested_tc;
static uintptr_t nested_pc_after;
static uint64_t h_nested(void *env)
{
    uintptr_t before = tcg_interp_pc;
    uintptr_t r = tcg_backend_interp.exec(env, nested_tc);
    nested_pc_after = tcg_interp_pc;
    cr_assert_eq(nested_pc_after, before, "exec did not restore tcg_interp_pc");
    return r;
}
static TCGHelperInfo info_nested = TCG_HELPER(h_nested, TCG_CALL_WRITES_GLOBALS, TCG_HT_I64, TCG_HT_PTR);

Test(interp_exec, nested_exec_restores_interp_pc)
{
    TranslationBlock tb_inner;
    it_begin(0x2000);
    tcg_gen_addi_i32(it_g32[1], it_g32[1], 5);
    tcg_gen_exit_tb(0x77);
    nested_tc = it_translate(&tb_inner);
    it_begin(0x1000);
    tcg_gen_call1(&info_nested, g64(0), tcgv_ptr_temp(tcg_env()));
    tcg_gen_addi_i32(it_g32[1], it_g32[1], 1);
    const void *tc;
    tc = it_finish();
    it_exec(tc);
    printf("nested exec returned %#llx, w1 = %u, tcg_interp_pc after inner exec = tc+%ld\n",
           (unsigned long long)it_env.r64[0], it_env.r32[1],
           (long)(nested_pc_after - (uintptr_t)tc));
    cr_assert_eq(it_env.r64[0], 0x77);
    cr_assert_eq(it_env.r32[1], 6);
    cr_assert(nested_pc_after >= (uintptr_t)tc && nested_pc_after < (uintptr_t)tc + 64);
    cr_assert_eq(tcg_interp_pc, 0);
}

/* ---- chaining ---- */

static TranslationBlock tb_a, tb_b;

/* A: w0 += 1; goto_tb 0; exit_tb(A|0).  B: w1 = w0 * 10; exit_tb(0x40). */
static void build_pair(void)
{
    it_begin(0x2000);
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_muli_i32(t, it_g32[0], 10);
    tcg_gen_mov_i32(it_g32[1], t);
    tcg_gen_exit_tb(0x40);
    it_translate(&tb_b);

    it_begin(0x1000);
    tcg_gen_addi_i32(it_g32[0], it_g32[0], 1);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb((uintptr_t)&tb_a | 0);
    it_translate(&tb_a);
}

Test(interp_exec, goto_tb_chain_and_unchain)
{
    build_pair();
    it_print_listing("block A", &tb_a);
    printf("A: jmp_insn_offset %u reset_offset %u target = tc+%ld; slot 1 reset %#x\n",
           tb_a.jmp_insn_offset[0], tb_a.jmp_reset_offset[0],
           (long)(tb_a.jmp_target_addr[0] - (uintptr_t)tb_a.tc_ptr), tb_a.jmp_reset_offset[1]);
    cr_assert_eq(tb_a.jmp_target_addr[0], (uintptr_t)tb_a.tc_ptr + tb_a.jmp_reset_offset[0]);
    cr_assert_eq(tb_a.jmp_reset_offset[1], 0xffff);

    uintptr_t r = it_exec(tb_a.tc_ptr);
    printf("unchained: exit %#lx (tb_a|0 = %#lx), w0 %u w1 %u\n", (unsigned long)r,
           (unsigned long)(uintptr_t)&tb_a, it_env.r32[0], it_env.r32[1]);
    cr_assert_eq(r, (uintptr_t)&tb_a | 0);
    cr_assert_eq(it_env.r32[0], 1);
    cr_assert_eq(it_env.r32[1], 0);

    tcg_backend_interp.set_jmp_target(&tb_a, 0, (uintptr_t)tb_b.tc_ptr);
    r = it_exec(tb_a.tc_ptr);
    printf("chained A->B: exit %#lx, w0 %u w1 %u\n", (unsigned long)r, it_env.r32[0],
           it_env.r32[1]);
    cr_assert_eq(r, 0x40);
    cr_assert_eq(it_env.r32[0], 2);
    cr_assert_eq(it_env.r32[1], 20);

    tcg_backend_interp.set_jmp_target(&tb_a, 0,
                                      (uintptr_t)tb_a.tc_ptr + tb_a.jmp_reset_offset[0]);
    r = it_exec(tb_a.tc_ptr);
    printf("unchained again: exit %#lx, w0 %u w1 %u\n", (unsigned long)r, it_env.r32[0],
           it_env.r32[1]);
    cr_assert_eq(r, (uintptr_t)&tb_a | 0);
    cr_assert_eq(it_env.r32[0], 3);
    cr_assert_eq(it_env.r32[1], 20);
}

Test(interp_exec, goto_ptr_block_and_epilogue)
{
    build_pair();
    it_begin(0x3000);
    TCGv_i64 p = tcg_temp_new_i64();
    tcg_gen_mov_i64(p, it_g64[0]);
    tcg_gen_op1(INDEX_op_goto_ptr, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(p)));
    const void *tc = it_finish();
    it_env.r64[0] = (uintptr_t)tb_b.tc_ptr;
    it_env.r32[0] = 4;
    uintptr_t r = it_exec(tc);
    printf("goto_ptr to B: exit %#lx, w1 %u\n", (unsigned long)r, it_env.r32[1]);
    cr_assert_eq(r, 0x40);
    cr_assert_eq(it_env.r32[1], 40);
    it_env.r64[0] = (uintptr_t)tcg_ctx->code_gen_epilogue;
    it_env.r32[1] = 0;
    r = it_exec(tc);
    printf("goto_ptr to epilogue: exit %#lx, w1 %u\n", (unsigned long)r, it_env.r32[1]);
    cr_assert_eq(r, 0);
    cr_assert_eq(it_env.r32[1], 0);
    cr_assert_neq(tcg_ctx->code_gen_epilogue, tcg_ctx->code_gen_prologue);
}

Test(interp_exec, buffer_full_returns_minus_one)
{
    TranslationBlock tb;
    TCGContext *s = tcg_ctx;
    uint8_t *hw = s->code_gen_highwater;
    it_begin(0x1000);
    for (int i = 0; i < 100; i++) {
        tcg_gen_addi_i32(it_g32[0], it_g32[0], i);
    }
    tcg_gen_exit_tb(0);
    s->code_gen_highwater = s->code_ptr + 256;
    memset(&tb, 0, sizeof(tb));
    int size = tcg_gen_code(s, &tb);
    s->code_gen_highwater = hw;
    printf("gen_code with 256 bytes left for 100 adds: %d\n", size);
    cr_assert_eq(size, -1);
}

/* ---- a guest fault: tcg_interp_pc names the faulting insn ---- */

static sigjmp_buf fault_jmp;
static volatile uintptr_t fault_pc;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    fault_pc = tcg_interp_pc;
    siglongjmp(fault_jmp, 1);
}

Test(interp_exec, guest_fault_pc_and_globals_in_env)
{
    TranslationBlock tb;
    long pg = 4096;
    uint8_t *mem = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(mem != MAP_FAILED);
    mprotect(mem + pg, pg, PROT_NONE);
    guest_base = (uintptr_t)mem;

    it_begin(0x1000);
    tcg_gen_movi_i32(it_g32[0], 111);
    tcg_gen_insn_start(0x1002, 0);
    tcg_gen_movi_i32(it_g32[1], 222);
    tcg_gen_guest_ld_i32(it_g32[2], it_g32[3], 0, MO_LEUL);
    tcg_gen_movi_i32(it_g32[4], 333);
    tcg_gen_insn_start(0x1005, 0);
    tcg_gen_movi_i32(it_g32[5], 444);
    tcg_gen_exit_tb(0);
    const void *tc = it_translate(&tb);
    int insn_end[3];
    for (int i = 0; i < 3; i++) {
        insn_end[i] = tcg_ctx->gen_insn_end_off[i];
    }

    struct sigaction sa = { 0 }, old;
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, &old);
    it_env.r32[3] = (uint32_t)pg + 16;
    if (sigsetjmp(fault_jmp, 1) == 0) {
        it_exec(tc);
        cr_assert_fail("the guest load did not fault");
    }
    sigaction(SIGSEGV, &old, NULL);
    tcg_interp_pc = 0;   /* what the CPU loop does after the longjmp */
    uintptr_t off = fault_pc - (uintptr_t)tc;
    printf("fault at tc+%lu (insn 1 spans %d..%d); w0 %u w1 %u w4 %u w5 %u\n",
           (unsigned long)off, insn_end[0], insn_end[1], it_env.r32[0], it_env.r32[1],
           it_env.r32[4], it_env.r32[5]);
    cr_assert(off >= (uintptr_t)insn_end[0] && off < (uintptr_t)insn_end[1]);
    cr_assert_eq(it_env.r32[0], 111);
    cr_assert_eq(it_env.r32[1], 222);
    cr_assert_eq(it_env.r32[4], 0);
    cr_assert_eq(it_env.r32[5], 0);
    munmap(mem, 2 * pg);
}

Test(interp_exec, listing_names_ops)
{
    TranslationBlock tb;
    char *buf = NULL;
    size_t len = 0;
    it_begin(0x1000);
    TCGLabel *l = gen_new_label();
    tcg_gen_brcondi_i64(TCG_COND_LTU, it_g64[0], 0x123456789ll, l);
    tcg_gen_ld_i32(it_g32[0], tcg_env(), offsetof(ITEnv, r32) + 4, MO_SW);
    tcg_gen_call1(&info_h1, g32(1), g32(2));
    gen_set_label(l);
    tcg_gen_goto_tb(1);
    tcg_gen_exit_tb(1);
    it_translate(&tb);
    FILE *f = open_memstream(&buf, &len);
    tcg_backend_interp.disas(f, tb.tc_ptr, tb.tc_size);
    fclose(f);
    printf("%s", buf);
    cr_assert(strstr(buf, "brcond_i64") && strstr(buf, "ltu") && strstr(buf, "$0x123456789"));
    cr_assert(strstr(buf, "ld_i32") && strstr(buf, "call") && strstr(buf, "h1") && strstr(buf, "s16") && strstr(buf, "goto_tb"));
    cr_assert(strstr(buf, "exit_tb"));
    free(buf);
}
