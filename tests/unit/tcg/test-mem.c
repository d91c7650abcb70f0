/*
 * Loads and stores of every size, sign and byte order on both backends:
 * host memory (ld/st relative to env or a pointer temp) and guest memory
 * (guest_ld/guest_st at guest_base + 32-bit address, low/middle/top of the
 * 4 GiB space), guest loads also as MO_RMW (the bytes must keep their
 * value). Reference: the bytes, assembled by hand in C.
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt-harness.h"

typedef enum MemKind { M_LD, M_ST, M_GLD, M_GST, M_NB } MemKind;
static const char *const kind_names[M_NB] = { "ld", "st", "guest_ld", "guest_st" };

/* Where the address comes from. Host: env + offset, or a pointer temp with
 * a negative offset. Guest: an i32 global, a constant, a temp computed by
 * an add, or an add that wraps around 2^32. */
typedef enum AddrKind { A_ENV, A_PTR, A_GLOBAL, A_CONST, A_TEMP, A_WRAP } AddrKind;
static const char *const addr_names[] = { "env", "ptr", "global", "const", "temp", "wrap" };

typedef struct MemCase {
    uint8_t kind, type, memop, addr_kind, val_const, pattern;
    uint32_t addr;              /* host: offset in mem; guest: address */
    uint64_t value;             /* stored value */
} MemCase;

typedef struct MemResult {
    uint64_t value;
    uint8_t window[32];         /* bytes [addr - 8, addr + 24) after the run */
    uint32_t status;
} MemResult;

enum { ST_RAN = 1, ST_CANARY = 2, ST_NOCODE = 4 };

typedef struct MemRun {
    MemCase *cases;
    int n, cap;
    MemResult *res[TT_NB_BACKENDS];
    uint8_t *crashed[TT_NB_BACKENDS];
} MemRun;

static uint8_t pattern_byte(int pattern, int k)
{
    uint8_t b = (uint8_t)(k * 0x9d + 0x35);
    return pattern == 1 ? b | 0x80 : pattern == 2 ? b & 0x7f : b;
}

static uint8_t *window_of(const MemCase *c)
{
    bool guest = c->kind == M_GLD || c->kind == M_GST;
    return (guest ? tt_guest : tt_env->mem) + c->addr - 8;
}

/* ---- reference ---- */

static uint64_t ref_load(const MemCase *c)
{
    int size = 1 << (c->memop & MO_SIZE);
    uint64_t v = 0;
    for (int i = 0; i < size; i++) {
        int k = c->memop & MO_BSWAP ? size - 1 - i : i;
        v |= (uint64_t)pattern_byte(c->pattern, 8 + k) << (8 * i);
    }
    if ((c->memop & MO_SIGN) && size < 8) {
        int sh = 64 - 8 * size;
        v = (uint64_t)((int64_t)(v << sh) >> sh);
    }
    return tt_mask(c->type, v);
}

static void ref_window(const MemCase *c, uint8_t *w)
{
    for (int k = 0; k < 32; k++) {
        w[k] = pattern_byte(c->pattern, k);
    }
    if (c->kind == M_ST || c->kind == M_GST) {
        int size = 1 << (c->memop & MO_SIZE);
        for (int i = 0; i < size; i++) {
            int k = c->memop & MO_BSWAP ? size - 1 - i : i;
            w[8 + k] = (uint8_t)(c->value >> (8 * i));
        }
    }
}

/* ---- backend child ---- */

static TCGTemp *guest_addr(const MemCase *c)
{
    TCGTemp *g = tcgv_i32_temp(tt_g32(1));
    TCGTemp *t;
    switch (c->addr_kind) {
    case A_GLOBAL:
        return g;
    case A_CONST:
        return tcg_constant_internal(TCG_TYPE_I32, c->addr);
    case A_TEMP:   /* global holds addr - 16 */
        t = tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB);
        tcg_emit_op(INDEX_op_add, TCG_TYPE_I32, 3, (TCGArg[]){ temp_arg(t), temp_arg(g),
                    temp_arg(tcg_constant_internal(TCG_TYPE_I32, 16)) });
        return t;
    default:       /* A_WRAP: global holds addr + 1, plus 0xffffffff */
        t = tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB);
        tcg_emit_op(INDEX_op_add, TCG_TYPE_I32, 3, (TCGArg[]){ temp_arg(t), temp_arg(g),
                    temp_arg(tcg_constant_internal(TCG_TYPE_I32, 0xffffffff)) });
        return t;
    }
}

static uint32_t guest_addr_global(const MemCase *c)
{
    return c->addr_kind == A_TEMP ? c->addr - 16
         : c->addr_kind == A_WRAP ? c->addr + 1 : c->addr;
}

static void emit_mem(const MemCase *c)
{
    TCGType t = c->type;
    TCGTemp *env = tcg_ctx->env, *base = env;
    intptr_t off = offsetof(TTEnv, mem) + c->addr;
    TCGTemp *gval = t == TCG_TYPE_I32 ? tcgv_i32_temp(tt_g32(0)) : tcgv_i64_temp(tt_g64(0));
    TCGTemp *gout = t == TCG_TYPE_I32 ? tcgv_i32_temp(tt_g32(4)) : tcgv_i64_temp(tt_g64(4));
    TCGTemp *val = c->val_const ? tcg_constant_internal(t, (int64_t)tt_mask(t, c->value)) : gval;

    if (c->addr_kind == A_PTR) {
        base = tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB);
        tcg_emit_op(INDEX_op_add, TCG_TYPE_I64, 3, (TCGArg[]){ temp_arg(base), temp_arg(env),
                    temp_arg(tcg_constant_internal(TCG_TYPE_I64, off + 64)) });
        off = -64;
    }
    switch (c->kind) {
    case M_LD:
        tcg_emit_op(INDEX_op_ld, t, 4, (TCGArg[]){ temp_arg(gout), temp_arg(base),
                    (TCGArg)off, c->memop });
        break;
    case M_ST:
        tcg_emit_op(INDEX_op_st, t, 4, (TCGArg[]){ temp_arg(val), temp_arg(base),
                    (TCGArg)off, c->memop });
        break;
    case M_GLD:
        tcg_emit_op(INDEX_op_guest_ld, t, 4, (TCGArg[]){ temp_arg(gout),
                    temp_arg(guest_addr(c)), c->memop, 0 });
        break;
    default:
        tcg_emit_op(INDEX_op_guest_st, t, 4, (TCGArg[]){ temp_arg(val),
                    temp_arg(guest_addr(c)), c->memop, 0 });
        break;
    }
}

static void mem_unit(int u, void *arg)
{
    MemRun *r = arg;
    const MemCase *c = &r->cases[u];
    for (int opt = 0; opt < 2; opt++) {
        MemResult *o = &r->res[tt_backend_index][2 * u + opt];
        tt_begin();
        emit_mem(c);
        const void *tc = tt_finish(opt);
        if (!tc) {
            o->status = ST_NOCODE;
            continue;
        }
        uint8_t *w = window_of(c);
        for (int k = 0; k < 32; k++) {
            w[k] = pattern_byte(c->pattern, k);
        }
        if (c->type == TCG_TYPE_I32) {
            tt_env->g32[0] = (uint32_t)c->value;
            tt_env->g32[8] = 0xcccccccc;
        } else {
            tt_env->g64[0] = c->value;
            tt_env->g64[4] = 0xccccccccccccccccull;
        }
        tt_env->g32[2] = guest_addr_global(c);
        tt_exec(tc);
        o->status = ST_RAN | (tt_canaries_ok() ? 0 : ST_CANARY);
        o->value = c->type == TCG_TYPE_I32 ? tt_env->g32[8] : tt_env->g64[4];
        memcpy(o->window, w, 32);
        if (o->status & ST_CANARY) {
            tt_env_reset();
        }
    }
}

static void format_memop(char *buf, size_t n, const MemCase *c)
{
    snprintf(buf, n, "%s_i%d %s%d%s%s", kind_names[c->kind],
             c->type == TCG_TYPE_I32 ? 32 : 64, c->memop & MO_SIGN ? "s" : "u",
             8 << (c->memop & MO_SIZE), c->memop & MO_BSWAP ? "be" : "le",
             c->memop & MO_RMW ? " rmw" : "");
}

static void mem_describe(int u, void *arg, char *buf, size_t n)
{
    MemRun *r = arg;
    const MemCase *c = &r->cases[u];
    char m[48];
    format_memop(m, sizeof(m), c);
    snprintf(buf, n, "%s addr=%#x (%s) value=%#" PRIx64 "%s", m, c->addr,
             addr_names[c->addr_kind], c->value, c->val_const ? " (const)" : "");
}

/* ---- building the cases ---- */

static MemCase *case_new(MemRun *r)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 1024;
        r->cases = realloc(r->cases, r->cap * sizeof(*r->cases));
    }
    MemCase *c = &r->cases[r->n++];
    memset(c, 0, sizeof(*c));
    return c;
}

static const uint64_t store_values[] = {
    0x8182838485868788ull, 0x0102030405060708ull, ~0ull, 0x7f,
};

static void add_cases(MemRun *r, MemKind kind, TCGType t, MemOp mo)
{
    static const uint32_t offs[4] = { 0, 1, 3, 7 };
    bool guest = kind == M_GLD || kind == M_GST;
    bool store = kind == M_ST || kind == M_GST;
    int nregions = guest ? 3 : 1;
    int akinds[4], nak = 0;
    if (guest) {
        akinds[nak++] = A_GLOBAL;
        akinds[nak++] = A_CONST;
        akinds[nak++] = A_TEMP;
        akinds[nak++] = A_WRAP;
    } else {
        akinds[nak++] = A_ENV;
        akinds[nak++] = A_PTR;
    }
    for (int reg = 0; reg < nregions; reg++) {
        uint32_t base = guest ? (reg == 2 ? 0xffffffd0u : tt_guest_regions[reg] + 0x100) : 16;
        for (int o = 0; o < 4; o++) {
            for (int a = 0; a < nak; a++) {
                int nv = store ? 8 : 3;
                for (int v = 0; v < nv; v++) {
                    MemCase *c = case_new(r);
                    c->kind = kind;
                    c->type = t;
                    c->memop = mo;
                    c->addr = base + offs[o];
                    c->addr_kind = akinds[a];
                    if (store) {
                        c->value = tt_mask(t, store_values[v % 4]);
                        c->val_const = v >= 4;
                        c->pattern = v % 3;
                    } else {
                        c->pattern = v;
                    }
                }
            }
        }
    }
}

static void build(MemRun *r, MemKind kind)
{
    bool store = kind == M_ST || kind == M_GST;
    for (int t = 0; t < 2; t++) {
        for (int size = 0; size <= (t ? 3 : 2); size++) {
            for (int sign = 0; sign < (store ? 1 : 2); sign++) {
                for (int bs = 0; bs < (size ? 2 : 1); bs++) {
                    for (int rmw = 0; rmw < (kind == M_GLD ? 2 : 1); rmw++) {
                        if (sign && size == 3) {
                            continue;
                        }
                        add_cases(r, kind, (TCGType)t,
                                  (MemOp)(size | (sign ? MO_SIGN : 0) | (bs ? MO_BSWAP : 0) |
                                          (rmw ? MO_RMW : 0)));
                    }
                }
            }
        }
    }
}

/* ---- comparison ---- */

static bool result_ok(const MemCase *c, const MemResult *o, uint64_t *want,
                      uint8_t *wwin)
{
    *want = ref_load(c);
    ref_window(c, wwin);
    if (o->status != ST_RAN || memcmp(o->window, wwin, 32) != 0) {
        return false;
    }
    bool load = c->kind == M_LD || c->kind == M_GLD;
    return !load || tt_mask(c->type, o->value) == *want;
}

static void print_window(const char *who, const uint8_t *w)
{
    printf("    %-8s", who);
    for (int k = 0; k < 32; k++) {
        printf("%s%02x", k == 8 ? " |" : " ", w[k]);
    }
    printf("\n");
}

static int run_kind(MemKind kind)
{
    MemRun r = { 0 };
    build(&r, kind);
    for (int b = 0; b < TT_NB_BACKENDS; b++) {
        r.res[b] = tt_shared_alloc((size_t)r.n * 2 * sizeof(MemResult));
        r.crashed[b] = tt_shared_alloc(r.n);
    }
    tt_run_units_all(r.n, mem_unit, mem_describe, &r, r.crashed);
    int fails = 0, printed = 0, i = 0;
    while (i < r.n) {
        /* One summary line per memop. */
        int j = i, bad[2] = { 0, 0 };
        while (j < r.n && r.cases[j].type == r.cases[i].type &&
               r.cases[j].memop == r.cases[i].memop) {
            const MemCase *c = &r.cases[j];
            for (int opt = 0; opt < 2; opt++) {
                uint64_t want = 0;
                uint8_t wwin[32];
                bool ok[2];
                for (int b = 0; b < 2; b++) {
                    ok[b] = !r.crashed[b][j] &&
                            result_ok(c, &r.res[b][2 * j + opt], &want, wwin);
                    bad[b] += !ok[b];
                }
                if ((!ok[0] || !ok[1]) && printed++ < 20) {
                    char d[160];
                    mem_describe(j, &r, d, sizeof(d));
                    printf("MISMATCH %s %s pattern=%d: expected value %#" PRIx64
                           " jit %s%#" PRIx64 " interp %s%#" PRIx64 "\n", d,
                           opt ? "optimized" : "unoptimized", c->pattern, want,
                           r.crashed[0][j] ? "CRASHED " : "", r.res[0][2 * j + opt].value,
                           r.crashed[1][j] ? "CRASHED " : "", r.res[1][2 * j + opt].value);
                    print_window("expected", wwin);
                    print_window("jit", r.res[0][2 * j + opt].window);
                    print_window("interp", r.res[1][2 * j + opt].window);
                }
            }
            j++;
        }
        char m[48];
        format_memop(m, sizeof(m), &r.cases[i]);
        printf("  %-22s %4d cases x 2 (unopt/opt): jit %d bad, interp %d bad\n",
               m, j - i, bad[0], bad[1]);
        fails += bad[0] + bad[1];
        i = j;
    }
    printf("[%s] %d cases (every size/sign/byte order, 4 alignments, %s), "
           "each on jit and interp, unoptimized and optimized: %d failures\n",
           kind_names[kind], r.n,
           kind == M_LD || kind == M_ST ? "base env or pointer temp"
                                        : "addresses low/mid/top of 4 GiB, "
                                          "global/const/temp/wrapping add",
           fails);
    fflush(stdout);
    for (int b = 0; b < TT_NB_BACKENDS; b++) {
        tt_shared_free(r.res[b], (size_t)r.n * 2 * sizeof(MemResult));
        tt_shared_free(r.crashed[b], r.n);
    }
    free(r.cases);
    return fails;
}

Test(tcg_mem, host_load) { cr_assert_eq(run_kind(M_LD), 0); }
Test(tcg_mem, host_store) { cr_assert_eq(run_kind(M_ST), 0); }
Test(tcg_mem, guest_load) { cr_assert_eq(run_kind(M_GLD), 0); }
Test(tcg_mem, guest_store) { cr_assert_eq(run_kind(M_GST), 0); }
