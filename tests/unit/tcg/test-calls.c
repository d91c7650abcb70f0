/*
 * Helper calls on both backends: 0..7 arguments of mixed i32/i64/ptr from
 * globals, temps and constants; i32/i64/ptr/void returns; the call flags
 * (pure, dead pure removable, side effects kept, reads/writes globals).
 * Reference: the same helper called natively from C.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tt-scen.h"

#define HT_I32 TCG_HT_I32
#define HT_I64 TCG_HT_I64
#define HT_PTR TCG_HT_PTR

static int helper_calls;

static uint64_t mix(uint64_t h, uint64_t v)
{
    return (h ^ v) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
}

static uint64_t ptr_tag(void *p)
{
    /* A pointer argument must be env; its g64[15] is read through it. */
    return p == (void *)tt_env ? 0x77 ^ ((TTEnv *)p)->g64[15] : 0xbad;
}

static uint64_t h_a0(void) { helper_calls++; return 0x1234567890abcdefull; }
static uint32_t h_a1(uint32_t a) { helper_calls++; return (uint32_t)mix(1, a); }
static uint64_t h_a2(uint64_t a, uint32_t b) { helper_calls++; return mix(mix(2, a), b); }
static uint64_t h_a3(uint32_t a, uint64_t b, void *p)
{ helper_calls++; return mix(mix(mix(3, a), b), ptr_tag(p)); }
static uint32_t h_a4(uint64_t a, uint32_t b, uint32_t c, uint64_t d)
{ helper_calls++; return (uint32_t)mix(mix(mix(mix(4, a), b), c), d) ^ (uint32_t)(mix(5, d) >> 32); }
static uint64_t h_a5(void *p, uint64_t a, uint32_t b, uint64_t c, uint32_t d)
{ helper_calls++; return mix(mix(mix(mix(mix(5, ptr_tag(p)), a), b), c), d); }
static uint64_t h_a6(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e, uint32_t f)
{ helper_calls++; return mix(mix(mix(mix(mix(mix(6, a), b), c), d), e), f); }
static uint64_t h_a7(uint32_t a, uint64_t b, uint32_t c, uint64_t d, void *p, uint32_t e, uint64_t f)
{ helper_calls++; return mix(mix(mix(mix(mix(mix(mix(7, a), b), c), d), ptr_tag(p)), e), f); }
static uint32_t h_a7w(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint32_t f, uint32_t g)
{ helper_calls++; return (uint32_t)mix(mix(mix(mix(mix(mix(mix(8, a), b), c), d), e), f), g); }
static void *h_ptr(void *p, uint64_t off) { helper_calls++; return (char *)p + off; }

static TCGHelperInfo helpers[] = {
    TCG_HELPER(h_a0, TCG_CALL_PURE, HT_I64),
    TCG_HELPER(h_a1, TCG_CALL_PURE, HT_I32, HT_I32),
    TCG_HELPER(h_a2, TCG_CALL_PURE, HT_I64, HT_I64, HT_I32),
    TCG_HELPER(h_a3, TCG_CALL_PURE, HT_I64, HT_I32, HT_I64, HT_PTR),
    TCG_HELPER(h_a4, TCG_CALL_PURE, HT_I32, HT_I64, HT_I32, HT_I32, HT_I64),
    TCG_HELPER(h_a5, TCG_CALL_PURE, HT_I64, HT_PTR, HT_I64, HT_I32, HT_I64, HT_I32),
    TCG_HELPER(h_a6, TCG_CALL_PURE, HT_I64, HT_I32, HT_I32, HT_I32, HT_I32, HT_I32, HT_I32),
    TCG_HELPER(h_a7, TCG_CALL_PURE, HT_I64, HT_I32, HT_I64, HT_I32, HT_I64, HT_PTR, HT_I32, HT_I64),
    TCG_HELPER(h_a7w, TCG_CALL_PURE, HT_I32, HT_I64, HT_I64, HT_I64, HT_I64, HT_I64, HT_I32, HT_I32),
};
#define NB_HELPERS ((int)(sizeof(helpers) / sizeof(helpers[0])))

/* Calls helper h natively with args a[] (ptr args: env). */
static uint64_t native_call(int h, const uint64_t *a)
{
    void *p = tt_env;
    switch (h) {
    case 0: return h_a0();
    case 1: return h_a1(a[0]);
    case 2: return h_a2(a[0], a[1]);
    case 3: return h_a3(a[0], a[1], p);
    case 4: return h_a4(a[0], a[1], a[2], a[3]);
    case 5: return h_a5(p, a[1], a[2], a[3], a[4]);
    case 6: return h_a6(a[0], a[1], a[2], a[3], a[4], a[5]);
    case 7: return h_a7(a[0], a[1], a[2], a[3], p, a[5], a[6]);
    default: return h_a7w(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    }
}

static TCGTemp *g_temp(TCGType t, int i)
{
    return t == TCG_TYPE_I32 ? tcgv_i32_temp(tt_g32(i)) : tcgv_i64_temp(tt_g64(i));
}

static void set_g(TCGType t, int i, uint64_t v)
{
    if (t == TCG_TYPE_I32) {
        tt_env->g32[2 * i] = (uint32_t)v;
    } else {
        tt_env->g64[i] = v;
    }
}

static uint64_t get_g(TCGType t, int i)
{
    return t == TCG_TYPE_I32 ? tt_env->g32[2 * i] : tt_env->g64[i];
}

static void emit2(TCGOpcode opc, TCGType t, TCGTemp *d, TCGTemp *a)
{
    tcg_emit_op(opc, t, 2, (TCGArg[]){ temp_arg(d), temp_arg(a) });
}

static TCGTemp *cst64(uint64_t v)
{
    return tcg_constant_internal(TCG_TYPE_I64, (int64_t)v);
}

static void emit3(TCGOpcode opc, TCGType t, TCGTemp *d, TCGTemp *a, TCGTemp *b)
{
    tcg_emit_op(opc, t, 3, (TCGArg[]){ temp_arg(d), temp_arg(a), temp_arg(b) });
}

/*
 * param = helper * 64 + source selector: args come from globals, temps
 * or constants (chosen per argument from the selector), values from a
 * fixed list of edge values.
 */
static void scen_args(int param, bool opt, TTScenResult *o)
{
    int h = param / 64, sel = param % 64;
    TCGHelperInfo *info = &helpers[h];
    TCGTemp *args[TCG_MAX_HELPER_ARGS];
    uint64_t vals[TCG_MAX_HELPER_ARGS];
    static const uint64_t pool[] = {
        0, 1, 0xffffffffffffffffull, 0x8000000000000000ull, 0x7fffffff,
        0x80000000, 0x123456789abcdef0ull, 0xfedcba9876543210ull,
    };
    tt_env->g64[15] = 0x5151515151515151ull;
    for (int i = 0; i < info->nargs; i++) {
        TCGType t = info->args[i] == HT_I32 ? TCG_TYPE_I32 : TCG_TYPE_I64;
        vals[i] = tt_mask(t, pool[(sel + 3 * i) % 8]);
        int src = (sel / 8 + i) % 3;
        if (info->args[i] == HT_PTR) {
            args[i] = tcg_ctx->env;
            continue;
        }
        set_g(t, i, vals[i]);
        if (src == 0) {
            args[i] = g_temp(t, i);
        } else if (src == 1) {
            args[i] = tcg_temp_new_internal(t, TEMP_TB);
            emit2(INDEX_op_mov, t, args[i], g_temp(t, i));
        } else {
            args[i] = tcg_constant_internal(t, (int64_t)vals[i]);
        }
    }
    TCGType rt = info->ret == HT_I32 ? TCG_TYPE_I32 : TCG_TYPE_I64;
    TCGTemp *ret = tcg_temp_new_internal(rt, TEMP_TB);
    tcg_gen_callN(info, ret, args);
    emit2(INDEX_op_mov, rt, g_temp(rt, 8), ret);
    if (rt == TCG_TYPE_I32) {
        /* An i32 result must be zero-extended when widened. */
        TCGTemp *w = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
        emit2(INDEX_op_extu_i32_i64, TCG_TYPE_I64, w, ret);
        emit2(INDEX_op_mov, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 9), w);
    }
    snprintf(o->what, sizeof(o->what), "call %s (%d args, selector %d)",
             info->name, info->nargs, sel);
    if (!tt_scen_run(o, opt)) {
        return;
    }
    uint64_t want = native_call(h, vals);
    tt_scen_val(o, get_g(rt, 8), tt_mask(rt, want));
    if (rt == TCG_TYPE_I32) {
        tt_scen_val(o, tt_env->g64[9], (uint32_t)want);
    }
}

/* An i32 helper whose return register has garbage in its upper half. */
__asm__(".text\n"
        ".globl tt_h_ret32_dirty\n"
        ".type tt_h_ret32_dirty, @function\n"
        "tt_h_ret32_dirty:\n"
        "    movq %rdi, %rax\n"
        "    ret\n");
uint32_t tt_h_ret32_dirty(uint64_t x);
static TCGHelperInfo h_dirty = TCG_HELPER(tt_h_ret32_dirty, TCG_CALL_PURE, HT_I32, HT_I64);

static void scen_dirty_ret(int param, bool opt, TTScenResult *o)
{
    uint64_t x = param ? 0xdeadbeef00000100ull : 0xffffffff80000104ull;
    TCGTemp *r = tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB);
    TCGTemp *w = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    TCGTemp *l = tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB);
    TCGTemp *s = tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB);
    tt_env->g64[0] = x;
    tcg_gen_callN(&h_dirty, r, (TCGTemp *[]){ g_temp(TCG_TYPE_I64, 0) });
    emit2(INDEX_op_extu_i32_i64, TCG_TYPE_I64, w, r);
    emit2(INDEX_op_mov, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 4), w);
    /* As a guest address: must not fault, must read guest[(uint32_t)x]. */
    tcg_emit_op(INDEX_op_guest_ld, TCG_TYPE_I32, 4,
                (TCGArg[]){ temp_arg(l), temp_arg(r), MO_UL, 0 });
    emit2(INDEX_op_mov, TCG_TYPE_I32, g_temp(TCG_TYPE_I32, 4), l);
    tcg_emit_op(INDEX_op_setcond, TCG_TYPE_I32, 4,
                (TCGArg[]){ temp_arg(s), temp_arg(r),
                            temp_arg(tcg_constant_internal(TCG_TYPE_I32, (uint32_t)x)),
                            TCG_COND_EQ });
    emit2(INDEX_op_mov, TCG_TYPE_I32, g_temp(TCG_TYPE_I32, 5), s);
    memcpy(tt_guest + (uint32_t)x, "\x11\x22\x33\x44", 4);
    snprintf(o->what, sizeof(o->what), "i32 helper result with dirty upper "
             "half (%#llx): extu, guest address, setcond", (unsigned long long)x);
    if (!tt_scen_run(o, opt)) {
        return;
    }
    tt_scen_val(o, tt_env->g64[4], (uint32_t)x);
    tt_scen_val(o, tt_env->g32[8], 0x44332211);
    tt_scen_val(o, tt_env->g32[10], 1);
}

/* Pointer result: the helper returns env + offset of g64[3]; ld through it. */
static TCGHelperInfo h_ptr_info = TCG_HELPER(h_ptr, TCG_CALL_PURE, HT_PTR, HT_PTR, HT_I64);

static void scen_ptr_ret(int param, bool opt, TTScenResult *o)
{
    TCGTemp *p = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    TCGTemp *v = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    tt_env->g64[3] = 0x0badc0ffee0ddf00ull + param;
    tcg_gen_callN(&h_ptr_info, p, (TCGTemp *[]){ tcg_ctx->env,
                  tcg_constant_internal(TCG_TYPE_I64, tt_off64(3)) });
    tcg_emit_op(INDEX_op_ld, TCG_TYPE_I64, 4,
                (TCGArg[]){ temp_arg(v), temp_arg(p), 0, MO_UQ });
    emit2(INDEX_op_mov, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 4), v);
    snprintf(o->what, sizeof(o->what), "ptr helper result used as ld base");
    if (tt_scen_run(o, opt)) {
        tt_scen_val(o, tt_env->g64[4], 0x0badc0ffee0ddf00ull + param);
    }
}

/* ---- flags ---- */

static uint64_t h_count(uint64_t a) { helper_calls++; return a * 3 + 1; }
static TCGHelperInfo h_pure_count = TCG_HELPER(h_count, TCG_CALL_PURE, HT_I64, HT_I64);
static TCGHelperInfo h_side_count = TCG_HELPER(h_count, TCG_CALL_SIDE_EFFECTS, HT_I64, HT_I64);

/* param 0: pure, result used; 1: pure, result dead (the optimizer may drop
 * it: with optimization on it must be gone); 2: side effects, result dead
 * (never dropped). */
static void scen_pure(int param, bool opt, TTScenResult *o)
{
    TCGTemp *r = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    tt_env->g64[0] = 0x1000 + param;
    tcg_gen_callN(param == 2 ? &h_side_count : &h_pure_count, r,
                  (TCGTemp *[]){ g_temp(TCG_TYPE_I64, 0) });
    if (param == 0) {
        emit2(INDEX_op_mov, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 4), r);
    }
    snprintf(o->what, sizeof(o->what), "%s: [0] result [1] number of calls",
             param == 0 ? "pure helper, result used"
             : param == 1 ? "pure helper, result dead (must be removed when optimizing)"
                          : "side-effect helper, result dead (must stay)");
    helper_calls = 0;
    if (!tt_scen_run(o, opt)) {
        return;
    }
    tt_scen_val(o, param == 0 ? tt_env->g64[4] : 0, param == 0 ? 0x1000 * 3 + 1 : 0);
    if (param == 1 && !opt) {
        /* Unoptimized, either is correct: report what happened. */
        tt_scen_val(o, helper_calls, helper_calls);
        snprintf(o->what + strlen(o->what), sizeof(o->what) - strlen(o->what),
                 " (unoptimized: %d calls)", helper_calls);
    } else {
        tt_scen_val(o, helper_calls, param == 1 ? 0 : 1);
    }
}

static uint64_t h_read(void *p)
{
    TTEnv *e = p;
    return e->g64[0] * 3 + e->g32[0] + ((uint64_t)e->g32[2] << 40);
}

static void h_write(void *p)
{
    TTEnv *e = p;
    e->g64[1] = e->g64[1] * 5 + 3;
    e->g32[2] ^= 0xff00ff;
    e->g64[2] = e->g64[1] + e->g32[2];
}

static TCGHelperInfo h_read_info = TCG_HELPER(h_read, TCG_CALL_READS_GLOBALS, HT_I64, HT_PTR);
static TCGHelperInfo h_write_info = TCG_HELPER(h_write, TCG_CALL_WRITES_GLOBALS, TCG_HT_VOID, HT_PTR);

/* READS_GLOBALS: the helper sees the latest values of globals modified
 * earlier in the block (i64 and i32), also after a label. */
static void scen_reads(int param, bool opt, TTScenResult *o)
{
    uint64_t a = param ? 0xfffffffffffffff0ull : 5;
    uint32_t b = param ? 0xfffffffe : 9, c = 0x33;
    TCGTemp *ga = g_temp(TCG_TYPE_I64, 0), *gb = g_temp(TCG_TYPE_I32, 0);
    TCGTemp *gc = g_temp(TCG_TYPE_I32, 1);
    TCGTemp *r = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    tt_env->g64[0] = a;
    tt_env->g32[0] = b;
    tt_env->g32[2] = c;
    emit3(INDEX_op_add, TCG_TYPE_I64, ga, ga, tcg_constant_internal(TCG_TYPE_I64, 7));
    emit3(INDEX_op_xor, TCG_TYPE_I32, gb, gb, tcg_constant_internal(TCG_TYPE_I32, 0x100));
    emit2(INDEX_op_mov, TCG_TYPE_I32, gc, tcg_constant_internal(TCG_TYPE_I32, 0x44));
    if (param == 2) {
        TCGLabel *l = gen_new_label();
        tcg_gen_br(l);
        gen_set_label(l);
    }
    tcg_gen_callN(&h_read_info, r, (TCGTemp *[]){ tcg_ctx->env });
    emit2(INDEX_op_mov, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 4), r);
    /* Written again after the call: only the sync before the call makes
     * the values above visible to the helper. */
    emit3(INDEX_op_add, TCG_TYPE_I64, ga, ga, tcg_constant_internal(TCG_TYPE_I64, 1));
    emit3(INDEX_op_add, TCG_TYPE_I32, gb, gb, tcg_constant_internal(TCG_TYPE_I32, 1));
    emit2(INDEX_op_mov, TCG_TYPE_I32, gc, tcg_constant_internal(TCG_TYPE_I32, 0x55));
    snprintf(o->what, sizeof(o->what), "READS_GLOBALS helper sees globals "
             "changed earlier in the block%s", param == 2 ? " (after a label)" : "");
    if (tt_scen_run(o, opt)) {
        uint64_t na = a + 7;
        uint32_t nb = b ^ 0x100;
        tt_scen_val(o, tt_env->g64[4], na * 3 + nb + ((uint64_t)0x44 << 40));
        tt_scen_val(o, tt_env->g64[0], na + 1);
        tt_scen_val(o, tt_env->g32[0], nb + 1);
        tt_scen_val(o, tt_env->g32[2], 0x55);
    }
}

/* WRITES_GLOBALS: globals written by the helper are seen by later ops,
 * including ones held in registers before the call; a temp copied before
 * the call keeps the old value. */
static void scen_writes(int param, bool opt, TTScenResult *o)
{
    uint64_t a = param ? 0x8000000000000000ull : 11;
    uint32_t c = param ? 0xffffffff : 0x1234;
    TCGTemp *ga = g_temp(TCG_TYPE_I64, 1), *gc = g_temp(TCG_TYPE_I32, 1);
    TCGTemp *g2 = g_temp(TCG_TYPE_I64, 2);
    TCGTemp *old = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    TCGTemp *t = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    TCGTemp *t32 = tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB);
    tt_env->g64[1] = a;
    tt_env->g32[2] = c;
    tt_env->g64[2] = 0;
    emit3(INDEX_op_add, TCG_TYPE_I64, ga, ga, tcg_constant_internal(TCG_TYPE_I64, 1));
    emit2(INDEX_op_mov, TCG_TYPE_I64, old, ga);
    emit3(INDEX_op_add, TCG_TYPE_I32, gc, gc, gc);
    emit2(INDEX_op_mov, TCG_TYPE_I64, t, g2);   /* g2 now in a register */
    tcg_gen_callN(&h_write_info, NULL, (TCGTemp *[]){ tcg_ctx->env });
    emit3(INDEX_op_add, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 4), ga,
          tcg_constant_internal(TCG_TYPE_I64, 0));
    emit2(INDEX_op_mov, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 5), old);
    emit3(INDEX_op_add, TCG_TYPE_I32, t32, gc, tcg_constant_internal(TCG_TYPE_I32, 1));
    emit2(INDEX_op_mov, TCG_TYPE_I32, g_temp(TCG_TYPE_I32, 4), t32);
    emit3(INDEX_op_sub, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 6), g2, t);
    snprintf(o->what, sizeof(o->what), "WRITES_GLOBALS helper's writes seen "
             "by later ops; temp copied before keeps the old value");
    if (tt_scen_run(o, opt)) {
        uint64_t na = (a + 1) * 5 + 3;
        uint32_t nc = (uint32_t)(c + c) ^ 0xff00ff;
        tt_scen_val(o, tt_env->g64[4], na);
        tt_scen_val(o, tt_env->g64[5], a + 1);
        tt_scen_val(o, tt_env->g32[8], nc + 1);
        tt_scen_val(o, tt_env->g64[6], na + nc);
        tt_scen_val(o, tt_env->g64[1], na);
        tt_scen_val(o, tt_env->g32[2], nc);
    }
}


static void h_write_all(void *p)
{
    TTEnv *e = p;
    for (int i = 0; i < TT_N64; i++) {
        e->g64[i] += 1000 + i;
    }
    for (int i = 0; i < TT_N32; i++) {
        e->g32[2 * i] ^= 0x10001u << (i % 16);
    }
}
static TCGHelperInfo h_write_all_info = TCG_HELPER(h_write_all, TCG_CALL_WRITES_GLOBALS,
                                                   TCG_HT_VOID, HT_PTR);

/* WRITES_GLOBALS with every global live in a register (some in callee-saved
 * ones): each is read and changed before the call and read after it. */
static void scen_writes_all(int param, bool opt, TTScenResult *o)
{
    uint64_t w64[TT_N64];
    uint32_t w32[TT_N32];
    TCGTemp *keep = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
    emit2(INDEX_op_mov, TCG_TYPE_I64, keep, cst64(0));
    for (int i = 0; i < TT_N64; i++) {
        w64[i] = tt_env->g64[i] = 0x0101010101010101ull * (i + 1) + param;
        emit3(INDEX_op_add, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, i), g_temp(TCG_TYPE_I64, i),
              cst64(i + 1));
        emit3(INDEX_op_xor, TCG_TYPE_I64, keep, keep, g_temp(TCG_TYPE_I64, i));
        w64[i] += i + 1;
    }
    for (int i = 0; i < TT_N32; i++) {
        w32[i] = tt_env->g32[2 * i] = 0x01010101u * (i + 1) + param;
        emit3(INDEX_op_sub, TCG_TYPE_I32, g_temp(TCG_TYPE_I32, i), g_temp(TCG_TYPE_I32, i),
              tcg_constant_internal(TCG_TYPE_I32, 3));
        w32[i] -= 3;
    }
    uint64_t kv = 0;
    for (int i = 0; i < TT_N64; i++) {
        kv ^= w64[i];
    }
    tcg_gen_callN(&h_write_all_info, NULL, (TCGTemp *[]){ tcg_ctx->env });
    for (int i = 0; i < TT_N64; i++) {
        w64[i] += 1000 + i;
        emit3(INDEX_op_add, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, i), g_temp(TCG_TYPE_I64, i),
              cst64(7));
        w64[i] += 7;
    }
    for (int i = 0; i < TT_N32; i++) {
        w32[i] ^= 0x10001u << (i % 16);
        emit3(INDEX_op_add, TCG_TYPE_I32, g_temp(TCG_TYPE_I32, i), g_temp(TCG_TYPE_I32, i),
              tcg_constant_internal(TCG_TYPE_I32, 5));
        w32[i] += 5;
    }
    /* keep (a temp) must still hold the xor of the values before the call */
    emit2(INDEX_op_mov, TCG_TYPE_I64, g_temp(TCG_TYPE_I64, 0), keep);
    w64[0] = kv;
    snprintf(o->what, sizeof(o->what), "WRITES_GLOBALS with all %d globals "
             "live in registers: [0] hash [1] first wrong global (100+: i32)",
             TT_N64 + TT_N32);
    if (tt_scen_run(o, opt)) {
        uint64_t hg = 0, hw = 0;
        int bad = -1;
        for (int i = 0; i < TT_N64; i++) {
            hg = hg * 31 + tt_env->g64[i];
            hw = hw * 31 + w64[i];
            if (bad < 0 && tt_env->g64[i] != w64[i]) {
                bad = i;
            }
        }
        for (int i = 0; i < TT_N32; i++) {
            hg = hg * 31 + tt_env->g32[2 * i];
            hw = hw * 31 + w32[i];
            if (bad < 0 && tt_env->g32[2 * i] != w32[i]) {
                bad = 100 + i;
            }
        }
        tt_scen_val(o, hg, hw);
        tt_scen_val(o, bad, -1);
    }
}


/* ---- GETPC under each backend ---- */

static uintptr_t getpc_seen;
static uint64_t getpc_g0;
static void h_getpc(void *env)
{
    getpc_seen = GETPC();
    getpc_g0 = ((TTEnv *)env)->g64[0];
}
static TCGHelperInfo h_getpc_info = TCG_HELPER(h_getpc, TCG_CALL_MAY_RAISE, TCG_HT_VOID, HT_PTR);

/*
 * A MAY_RAISE helper in the second of three guest instructions: its
 * GETPC() must lie in the block's code and map (first i with
 * pc - tc_ptr < insn_end_off[i]) to instruction 1, as cpu_restore_state
 * does; globals changed before it are in env; under the interpreter
 * tcg_interp_pc is 0 again after the block.
 */
static void scen_getpc(int param, bool opt, TTScenResult *o)
{
    static TranslationBlock tb;
    TCGContext *s = tcg_ctx;
    TCGTemp *g0 = g_temp(TCG_TYPE_I64, 0);
    tcg_func_start(s);
    tcg_gen_insn_start(0x100, 0);
    emit3(INDEX_op_add, TCG_TYPE_I64, g0, g0, cst64(1));
    tcg_gen_insn_start(0x104, 1);
    emit3(INDEX_op_add, TCG_TYPE_I64, g0, g0, cst64(2));
    if (param) {
        TCGLabel *l = gen_new_label();
        tcg_gen_br(l);
        gen_set_label(l);
    }
    tcg_gen_callN(&h_getpc_info, NULL, (TCGTemp *[]){ tcg_ctx->env });
    tcg_gen_insn_start(0x108, 2);
    emit3(INDEX_op_add, TCG_TYPE_I64, g0, g0, cst64(4));
    tcg_gen_exit_tb(0);
    tt_code_reset_if_full();
    const void *tc = tt_translate_tb(&tb, opt);
    snprintf(o->what, sizeof(o->what), "GETPC in a MAY_RAISE helper: [0] inside "
             "the block [1] maps to insn 1 [2] q0 [3] tcg_interp_pc after [4] q0 "
             "seen by the helper");
    if (!tc) {
        o->status = 4;
        return;
    }
    tt_env->g64[0] = 10;
    getpc_seen = 0;
    tt_exec(tc);
    o->status = 1 | (tt_canaries_ok() ? 0 : 2);
    uintptr_t off = getpc_seen - (uintptr_t)tc;
    int insn = -1;
    for (int i = 0; i < s->gen_nb_insns; i++) {
        if (off < s->gen_insn_end_off[i]) {
            insn = i;
            break;
        }
    }
    tt_scen_val(o, off < tb.tc_size, 1);
    tt_scen_val(o, insn, 1);
    tt_scen_val(o, tt_env->g64[0], 17);
    tt_scen_val(o, tcg_interp_pc, 0);
    tt_scen_val(o, getpc_g0, 13);
}

static TTScenUnit units[2048];

static int add_units(TTScenFn fn, const char *name, int from, int to)
{
    static int n;
    for (int p = from; p < to; p++) {
        units[n++] = (TTScenUnit){ fn, p, name };
    }
    return n;
}

Test(tcg_calls, helpers)
{
    add_units(scen_args, "args 0..7 mixed, ret i32/i64", 0, NB_HELPERS * 64);
    add_units(scen_dirty_ret, "i32 ret, dirty upper half", 0, 2);
    add_units(scen_ptr_ret, "ptr ret", 0, 2);
    add_units(scen_pure, "pure/dead/side-effects", 0, 3);
    add_units(scen_reads, "READS_GLOBALS", 0, 3);
    add_units(scen_writes, "WRITES_GLOBALS", 0, 2);
    add_units(scen_writes_all, "WRITES_GLOBALS, all globals live", 0, 2);
    int n = add_units(scen_getpc, "GETPC / insn map (MAY_RAISE)", 0, 2);
    int fails = tt_scen_run_all("helper calls", units, n);
    cr_assert_eq(fails, 0, "helper calls: %d failures", fails);
}
