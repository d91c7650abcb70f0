/*
 * The single-op test engine (see tt-ops.h): emits one block per group,
 * runs every vector of the group through it on each backend, optimized
 * and not, and compares with tcg_fold_op and the other backend.
 */
#include "tt-ops.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const tt_variant_names[TV_NB] = {
    "global", "temp", "ebb", "alias", "alias-b", "same", "const",
};

#define TT_IN_BASE 0    /* inputs in globals 0..3 */
#define TT_OUT_BASE 4   /* outputs in globals 4..5 */
#define TT_WIDE_BASE 6  /* i32 outputs zero-extended into i64 globals 6..7 */
#define TT_POISON 0xccccccccccccccccull

TCGType tt_op_in_type(TCGOpcode opc, TCGType t)
{
    if (opc == INDEX_op_ext_i32_i64 || opc == INDEX_op_extu_i32_i64) {
        return TCG_TYPE_I32;
    }
    if (opc == INDEX_op_extrl_i64_i32 || opc == INDEX_op_extrh_i64_i32) {
        return TCG_TYPE_I64;
    }
    return t;
}

TCGType tt_op_out_type(TCGOpcode opc, TCGType t)
{
    return t;
}

TTOpGroup *tt_group_new(TTOpRun *r, TCGOpcode opc, TCGType t, int variant,
                        int constmask, TCGArg c0, TCGArg c1)
{
    if (r->ngroups == r->gcap) {
        r->gcap = r->gcap ? 2 * r->gcap : 256;
        r->groups = realloc(r->groups, r->gcap * sizeof(*r->groups));
    }
    TTOpGroup *g = &r->groups[r->ngroups++];
    memset(g, 0, sizeof(*g));
    g->opc = opc;
    g->type = t;
    g->variant = variant;
    g->constmask = constmask;
    g->carg[0] = c0;
    g->carg[1] = c1;
    g->first = r->ncases;
    return g;
}

TTOpCase *tt_case_new(TTOpRun *r)
{
    if (r->ncases == r->ccap) {
        r->ccap = r->ccap ? 2 * r->ccap : 4096;
        r->cases = realloc(r->cases, r->ccap * sizeof(*r->cases));
    }
    TTOpCase *c = &r->cases[r->ncases++];
    memset(c, 0, sizeof(*c));
    r->groups[r->ngroups - 1].count++;
    return c;
}

static void add_group_with(TTOpRun *r, TCGOpcode opc, TCGType t, int variant,
                           int constmask, TCGArg c0, TCGArg c1,
                           const TTOpCase *vec, int nvec)
{
    tt_group_new(r, opc, t, variant, constmask, c0, c1);
    for (int i = 0; i < nvec; i++) {
        *tt_case_new(r) = vec[i];
    }
}

void tt_add_variants(TTOpRun *r, TCGOpcode opc, TCGType t, TCGArg c0,
                     TCGArg c1, const TTOpCase *vec, int nvec, bool full)
{
    const TCGOpDef *d = &tcg_op_defs[opc];
    int nin = d->nb_iargs, nout = d->nb_oargs;
    bool same_types = tt_op_in_type(opc, t) == t;

    add_group_with(r, opc, t, TV_GLOBAL, 0, c0, c1, vec, nvec);
    add_group_with(r, opc, t, TV_TEMP, 0, c0, c1, vec, nvec);
    if (!full) {
        return;
    }
    add_group_with(r, opc, t, TV_EBB, 0, c0, c1, vec, nvec);
    if (same_types && nin >= nout) {
        add_group_with(r, opc, t, TV_ALIAS, 0, c0, c1, vec, nvec);
    }
    if (same_types && nin >= 2) {
        add_group_with(r, opc, t, TV_ALIAS_B, 0, c0, c1, vec, nvec);
    }
    if (nin >= 2) {
        /* Every input the same: one vector per distinct first input. */
        tt_group_new(r, opc, t, TV_SAME, 0, c0, c1);
        uint64_t seen[48];
        int nseen = 0;
        for (int i = 0; i < nvec && nseen < 48; i++) {
            bool dup = false;
            for (int k = 0; k < nseen; k++) {
                dup |= seen[k] == vec[i].in[0];
            }
            if (dup) {
                continue;
            }
            seen[nseen++] = vec[i].in[0];
            TTOpCase *c = tt_case_new(r);
            for (int k = 0; k < 4; k++) {
                c->in[k] = vec[i].in[0];
            }
        }
    }
    /* One constant input: a group per distinct value (up to 12). */
    for (int k = 0; k < nin; k++) {
        uint64_t seen[12];
        int nseen = 0;
        for (int i = 0; i < nvec && nseen < 12; i++) {
            bool dup = false;
            for (int j = 0; j < nseen; j++) {
                dup |= seen[j] == vec[i].in[k];
            }
            if (dup) {
                continue;
            }
            seen[nseen++] = vec[i].in[k];
            tt_group_new(r, opc, t, TV_CONST, 1 << k, c0, c1);
            for (int j = i; j < nvec; j++) {
                if (vec[j].in[k] == vec[i].in[k]) {
                    *tt_case_new(r) = vec[j];
                }
            }
        }
    }
    /* Every input constant: one block per vector, up to 40 vectors. */
    int step = nvec > 40 ? nvec / 40 : 1;
    for (int i = 0; i < nvec; i += step) {
        add_group_with(r, opc, t, TV_CONST, (1 << nin) - 1, c0, c1, &vec[i], 1);
    }
}

/* ---- in the backend child ---- */

static TCGTemp *global_temp(TCGType t, int i)
{
    return t == TCG_TYPE_I32 ? tcgv_i32_temp(tt_g32(i)) : tcgv_i64_temp(tt_g64(i));
}

static void emit_mov(TCGType t, TCGTemp *d, TCGTemp *s)
{
    tcg_emit_op(INDEX_op_mov, t, 2, (TCGArg[]){ temp_arg(d), temp_arg(s) });
}

static void emit_group(const TTOpGroup *g, const TTOpCase *c0)
{
    const TCGOpDef *d = &tcg_op_defs[g->opc];
    int nin = d->nb_iargs, nout = d->nb_oargs;
    TCGType t = g->type, it = tt_op_in_type(g->opc, t);
    TCGType ot = tt_op_out_type(g->opc, t);
    TCGTempKind kind = g->variant == TV_EBB ? TEMP_EBB : TEMP_TB;
    TCGTemp *in[4], *out[2];

    for (int i = 0; i < nin; i++) {
        if (g->constmask & (1 << i)) {
            in[i] = tcg_constant_internal(it, (int64_t)tt_mask(it, c0->in[i]));
        } else if (g->variant == TV_GLOBAL) {
            in[i] = global_temp(it, TT_IN_BASE + i);
        } else if (g->variant == TV_SAME && i > 0) {
            in[i] = in[0];
        } else {
            in[i] = tcg_temp_new_internal(it, kind);
            emit_mov(it, in[i], global_temp(it, TT_IN_BASE + i));
        }
    }
    for (int j = 0; j < nout; j++) {
        if (g->variant == TV_GLOBAL) {
            out[j] = global_temp(ot, TT_OUT_BASE + j);
        } else if (g->variant == TV_ALIAS) {
            out[j] = in[j];
        } else if (g->variant == TV_ALIAS_B) {
            out[j] = nout == 1 ? in[1] : in[1 - j];
        } else {
            out[j] = tcg_temp_new_internal(ot, kind);
        }
    }
    TCGArg args[TCG_MAX_OP_ARGS];
    int n = 0;
    for (int j = 0; j < nout; j++) {
        args[n++] = temp_arg(out[j]);
    }
    for (int i = 0; i < nin; i++) {
        args[n++] = temp_arg(in[i]);
    }
    for (int k = 0; k < d->nb_cargs; k++) {
        args[n++] = g->carg[k];
    }
    tcg_emit_op(g->opc, t, n, args);
    if (g->variant != TV_GLOBAL) {
        for (int j = 0; j < nout; j++) {
            emit_mov(ot, global_temp(ot, TT_OUT_BASE + j), out[j]);
            if (ot == TCG_TYPE_I32) {
                /* An i32 value must be zero-extended in its register: widen
                 * it into i64 global TT_WIDE_BASE + j, and use it as a guest
                 * address (a dirty upper half would fault). */
                TCGTemp *byte = tcg_temp_new_internal(TCG_TYPE_I32, TEMP_EBB);
                tcg_emit_op(INDEX_op_extu_i32_i64, TCG_TYPE_I64, 2,
                            (TCGArg[]){ temp_arg(global_temp(TCG_TYPE_I64, TT_WIDE_BASE + j)),
                                        temp_arg(out[j]) });
                tcg_emit_op(INDEX_op_guest_ld, TCG_TYPE_I32, 4,
                            (TCGArg[]){ temp_arg(byte), temp_arg(out[j]), MO_UB, 0 });
            }
        }
    }
}

static void set_global(TCGType t, int i, uint64_t v)
{
    if (t == TCG_TYPE_I32) {
        tt_env->g32[2 * i] = (uint32_t)v;
    } else {
        tt_env->g64[i] = v;
    }
}

static uint64_t get_global(TCGType t, int i)
{
    return t == TCG_TYPE_I32 ? tt_env->g32[2 * i] : tt_env->g64[i];
}

static void run_case(const TTOpGroup *g, const TTOpCase *c, const void *tc,
                     TTOpResult *o)
{
    const TCGOpDef *d = &tcg_op_defs[g->opc];
    TCGType it = tt_op_in_type(g->opc, g->type);
    TCGType ot = tt_op_out_type(g->opc, g->type);

    memset(o, 0, sizeof(*o));
    if (!tc) {
        o->status = TT_ST_NOCODE;
        return;
    }
    for (int i = 0; i < d->nb_iargs; i++) {
        set_global(it, TT_IN_BASE + i, c->in[i]);
    }
    for (int j = 0; j < d->nb_oargs; j++) {
        set_global(ot, TT_OUT_BASE + j, TT_POISON);
        tt_env->g64[TT_WIDE_BASE + j] = TT_POISON;
    }
    uintptr_t ret = tt_exec(tc);
    o->status = TT_ST_RAN;
    if (ret != 0) {
        o->status |= TT_ST_EXIT;
    }
    if (!tt_canaries_ok()) {
        o->status |= TT_ST_CANARY;
        tt_env_reset();
    }
    for (int i = 0; i < d->nb_iargs; i++) {
        if (get_global(it, TT_IN_BASE + i) != tt_mask(it, c->in[i])) {
            o->status |= TT_ST_CLOBBER;
        }
    }
    for (int j = 0; j < d->nb_oargs; j++) {
        o->out[j] = get_global(ot, TT_OUT_BASE + j);
        if (ot == TCG_TYPE_I32 && g->variant != TV_GLOBAL &&
            tt_env->g64[TT_WIDE_BASE + j] != o->out[j]) {
            o->status |= TT_ST_DIRTY;
        }
    }
}

static void op_unit(int u, void *arg)
{
    TTOpRun *r = arg;
    const TTOpGroup *g = &r->groups[u];
    TTOpResult *res = r->res[tt_backend_index];
    for (int opt = 0; opt < 2; opt++) {
        tt_begin();
        emit_group(g, &r->cases[g->first]);
        const void *tc = tt_finish(opt);
        for (int i = 0; i < g->count; i++) {
            int ci = g->first + i;
            run_case(g, &r->cases[ci], tc, &res[2 * ci + opt]);
        }
    }
}

static void format_group(const TTOpGroup *g, char *buf, size_t n)
{
    const TCGOpDef *d = &tcg_op_defs[g->opc];
    int len = snprintf(buf, n, "%s_%s [%s", d->name,
                       g->type == TCG_TYPE_I32 ? "i32" : "i64",
                       tt_variant_names[g->variant]);
    if (g->variant == TV_CONST) {
        len += snprintf(buf + len, n - len, " mask=%x", g->constmask);
    }
    len += snprintf(buf + len, n - len, "]");
    if (g->opc == INDEX_op_setcond || g->opc == INDEX_op_movcond) {
        snprintf(buf + len, n - len, " cond=%s", tcg_cond_names[g->carg[0] & 15]);
    } else if (d->nb_cargs == 2) {
        snprintf(buf + len, n - len, " pos=%u len=%u", (unsigned)g->carg[0],
                 (unsigned)g->carg[1]);
    }
}

static void op_describe(int u, void *arg, char *buf, size_t n)
{
    TTOpRun *r = arg;
    format_group(&r->groups[u], buf, n);
}

/* ---- comparison in the parent ---- */

typedef struct OpStat {
    long vectors, bad[TT_NB_BACKENDS], nofold, crashed_groups[TT_NB_BACKENDS];
    long groups;
} OpStat;

static void format_outs(char *buf, size_t n, int nout, const uint64_t *v)
{
    if (nout == 1) {
        snprintf(buf, n, "%#" PRIx64, v[0]);
    } else {
        snprintf(buf, n, "(%#" PRIx64 ", %#" PRIx64 ")", v[0], v[1]);
    }
}

static void format_result(char *buf, size_t n, int nout, const TTOpResult *o,
                          bool crashed)
{
    if (crashed) {
        snprintf(buf, n, "CRASHED");
    } else if (!(o->status & TT_ST_RAN)) {
        snprintf(buf, n, "%s", o->status & TT_ST_NOCODE ? "NO-CODE" : "NOT-RUN");
    } else {
        format_outs(buf, n, nout, o->out);
        size_t l = strlen(buf);
        if (o->status & TT_ST_CANARY) {
            l += snprintf(buf + l, n - l, " +canary-overwritten");
        }
        if (o->status & TT_ST_CLOBBER) {
            l += snprintf(buf + l, n - l, " +input-global-clobbered");
        }
        if (o->status & TT_ST_EXIT) {
            l += snprintf(buf + l, n - l, " +bad-exit-value");
        }
        if (o->status & TT_ST_DIRTY) {
            snprintf(buf + l, n - l, " +i32-not-zero-extended");
        }
    }
}

/* True if backend result o equals ref (outputs masked to the out type). */
static bool result_ok(const TTOpResult *o, const uint64_t *ref, int nout,
                      TCGType ot)
{
    if (o->status != TT_ST_RAN) {
        return false;
    }
    for (int j = 0; j < nout; j++) {
        if (tt_mask(ot, o->out[j]) != tt_mask(ot, ref[j])) {
            return false;
        }
    }
    return true;
}

static int stat_index(const TTOpGroup *g)
{
    return g->opc * 2 + g->type;
}

static void print_stats(const TTOpRun *r, const OpStat *st)
{
    printf("[%s] per op: vectors (each run on jit and interp, unoptimized and "
           "optimized) and failures\n", r->title);
    for (int i = 0; i < NB_OPS * 2; i++) {
        const OpStat *s = &st[i];
        if (!s->groups) {
            continue;
        }
        printf("  %-14s %s: %5ld groups %7ld vectors; jit %ld bad%s, interp "
               "%ld bad%s%s\n",
               tcg_op_defs[i / 2].name, i % 2 ? "i64" : "i32", s->groups,
               s->vectors, s->bad[0],
               s->crashed_groups[0] ? " (crashes)" : "", s->bad[1],
               s->crashed_groups[1] ? " (crashes)" : "",
               s->nofold ? " [tcg_fold_op gave no value: backends compared "
                           "with each other only]" : "");
    }
}

static int compare_case(const TTOpRun *r, const TTOpGroup *g, int gi, int ci,
                        OpStat *s, int *printed)
{
    const TCGOpDef *d = &tcg_op_defs[g->opc];
    const TTOpCase *c = &r->cases[ci];
    TCGType it = tt_op_in_type(g->opc, g->type);
    TCGType ot = tt_op_out_type(g->opc, g->type);
    uint64_t in[4] = { 0 }, fold[2] = { 0 };
    int fails = 0;

    for (int i = 0; i < d->nb_iargs; i++) {
        in[i] = tt_mask(it, c->in[i]);
    }
    bool have_fold = tcg_fold_op(g->opc, g->type, in, g->carg, fold);
    bool fold_bad = r->has_expect && have_fold &&
                    !result_ok(&(TTOpResult){ { fold[0], fold[1] }, TT_ST_RAN },
                               c->expect, d->nb_oargs, ot);
    const uint64_t *ref = r->has_expect ? c->expect : fold;
    if (!have_fold) {
        s->nofold++;
    }
    for (int opt = 0; opt < 2; opt++) {
        const TTOpResult *o[2] = { &r->res[0][2 * ci + opt], &r->res[1][2 * ci + opt] };
        bool crashed[2] = { r->crashed[0][gi], r->crashed[1][gi] };
        bool ok[2];
        for (int b = 0; b < 2; b++) {
            if (crashed[b]) {
                ok[b] = false;
            } else if (have_fold || r->has_expect) {
                ok[b] = result_ok(o[b], ref, d->nb_oargs, ot);
            } else {
                /* No reference: the backends must agree with each other. */
                ok[b] = !crashed[1 - b] && result_ok(o[b], o[1 - b]->out,
                                                     d->nb_oargs, ot) &&
                        o[1 - b]->status == TT_ST_RAN;
            }
            if (!ok[b]) {
                s->bad[b]++;
                fails++;
            }
        }
        if ((fails || (fold_bad && opt == 0)) && (*printed)++ < 12) {
            char grp[128], sin[200] = "", sf[64], sj[128], si[128], se[64] = "";
            format_group(g, grp, sizeof(grp));
            size_t l = 0;
            for (int i = 0; i < d->nb_iargs; i++) {
                l += snprintf(sin + l, sizeof(sin) - l, "%s%#" PRIx64,
                              i ? ", " : "", in[i]);
            }
            if (have_fold) {
                format_outs(sf, sizeof(sf), d->nb_oargs, fold);
            } else {
                snprintf(sf, sizeof(sf), "none");
            }
            if (r->has_expect) {
                snprintf(se, sizeof(se), " expected=");
                format_outs(se + 10, sizeof(se) - 10, d->nb_oargs, c->expect);
            }
            format_result(sj, sizeof(sj), d->nb_oargs, o[0], crashed[0]);
            format_result(si, sizeof(si), d->nb_oargs, o[1], crashed[1]);
            printf("MISMATCH %s %s in=(%s):%s fold=%s jit=%s interp=%s\n",
                   grp, opt ? "optimized" : "unoptimized", sin, se, sf, sj, si);
        }
    }
    if (fold_bad) {
        fails++;
    }
    return fails;
}

int tt_op_run(TTOpRun *r)
{
    for (int b = 0; b < TT_NB_BACKENDS; b++) {
        r->res[b] = tt_shared_alloc((size_t)r->ncases * 2 * sizeof(TTOpResult));
        r->crashed[b] = tt_shared_alloc(r->ngroups);
    }
    tt_run_units_all(r->ngroups, op_unit, op_describe, r, r->crashed);
    OpStat *st = calloc(NB_OPS * 2, sizeof(OpStat));
    int fails = 0;
    for (int gi = 0; gi < r->ngroups; gi++) {
        const TTOpGroup *g = &r->groups[gi];
        OpStat *s = &st[stat_index(g)];
        int printed = 0;
        s->groups++;
        for (int b = 0; b < 2; b++) {
            s->crashed_groups[b] += r->crashed[b][gi];
        }
        for (int i = 0; i < g->count; i++) {
            s->vectors++;
            fails += compare_case(r, g, gi, g->first + i, s, &printed);
        }
        if (printed > 12) {
            printf("  ... %d more mismatching vectors in this group\n",
                   printed - 12);
        }
    }
    print_stats(r, st);
    printf("[%s] %d groups, %d vectors x 2 backends x 2 (unopt/opt): %d "
           "failures\n", r->title, r->ngroups, r->ncases, fails);
    fflush(stdout);
    free(st);
    return fails;
}

void tt_op_run_free(TTOpRun *r)
{
    for (int b = 0; b < TT_NB_BACKENDS; b++) {
        tt_shared_free(r->res[b], (size_t)r->ncases * 2 * sizeof(TTOpResult));
        tt_shared_free(r->crashed[b], r->ngroups);
    }
    free(r->groups);
    free(r->cases);
    memset(r, 0, sizeof(*r));
}
