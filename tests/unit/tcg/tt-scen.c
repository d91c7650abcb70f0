/*
 * Scenario engine (see tt-scen.h): units run in backend children, results
 * land in shared memory, the parent compares got/want on both backends.
 */
#include "tt-scen.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ScenRun {
    const TTScenUnit *units;
    TTScenResult *res[TT_NB_BACKENDS];
    uint8_t *crashed[TT_NB_BACKENDS];
} ScenRun;

void tt_scen_val(TTScenResult *o, uint64_t got, uint64_t want)
{
    if (o->n < TT_SCEN_VALS) {
        o->got[o->n] = got;
        o->want[o->n] = want;
        o->n++;
    }
}

bool tt_scen_run(TTScenResult *o, bool optimize)
{
    const void *tc = tt_finish(optimize);
    if (!tc) {
        o->status = 4;
        return false;
    }
    tt_exec(tc);
    o->status = 1 | (tt_canaries_ok() ? 0 : 2);
    return true;
}

static void scen_unit(int u, void *arg)
{
    ScenRun *r = arg;
    const TTScenUnit *un = &r->units[u];
    for (int opt = 0; opt < 2; opt++) {
        TTScenResult *o = &r->res[tt_backend_index][2 * u + opt];
        memset(o, 0, sizeof(*o));
        tt_env_reset();
        tt_begin();
        un->fn(un->param, opt, o);
        if (o->status & 2) {
            tt_env_reset();
        }
    }
}

static void scen_describe(int u, void *arg, char *buf, size_t n)
{
    ScenRun *r = arg;
    snprintf(buf, n, "scenario %s param %d", r->units[u].name, r->units[u].param);
}

static bool scen_ok(const TTScenResult *o)
{
    if (o->status != 1 || o->n == 0) {
        return false;
    }
    for (int i = 0; i < o->n; i++) {
        if (o->got[i] != o->want[i]) {
            return false;
        }
    }
    return true;
}

static void print_result(const char *who, const TTScenResult *o, bool crashed)
{
    if (crashed) {
        printf("    %-7s CRASHED\n", who);
        return;
    }
    printf("    %-7s status=%u", who, o->status);
    for (int i = 0; i < o->n; i++) {
        printf(" [%d] got %#" PRIx64 " want %#" PRIx64 "%s", i, o->got[i],
               o->want[i], o->got[i] != o->want[i] ? " <-" : "");
    }
    printf("\n");
}

int tt_scen_run_all(const char *title, const TTScenUnit *units, int n)
{
    ScenRun r = { .units = units };
    for (int b = 0; b < TT_NB_BACKENDS; b++) {
        r.res[b] = tt_shared_alloc((size_t)n * 2 * sizeof(TTScenResult));
        r.crashed[b] = tt_shared_alloc(n);
    }
    tt_run_units_all(n, scen_unit, scen_describe, &r, r.crashed);
    int fails = 0, printed = 0, i = 0;
    while (i < n) {
        int j = i, bad[2] = { 0, 0 };
        long vals = 0;
        while (j < n && units[j].name == units[i].name) {
            for (int opt = 0; opt < 2; opt++) {
                bool ok[2];
                for (int b = 0; b < 2; b++) {
                    const TTScenResult *o = &r.res[b][2 * j + opt];
                    ok[b] = !r.crashed[b][j] && scen_ok(o);
                    bad[b] += !ok[b];
                    vals += o->vectors ? o->vectors : o->n;
                }
                if ((!ok[0] || !ok[1]) && printed++ < 30) {
                    const TTScenResult *o0 = &r.res[0][2 * j + opt];
                    const TTScenResult *o1 = &r.res[1][2 * j + opt];
                    printf("MISMATCH %s param %d %s: %s\n", units[j].name,
                           units[j].param, opt ? "optimized" : "unoptimized",
                           o0->what[0] ? o0->what : o1->what);
                    print_result("jit", o0, r.crashed[0][j]);
                    print_result("interp", o1, r.crashed[1][j]);
                }
            }
            j++;
        }
        printf("  %-28s %5d blocks x 2 (unopt/opt), %7ld values compared (both "
               "backends, both modes): "
               "jit %d bad, interp %d bad\n", units[i].name, j - i, vals,
               bad[0], bad[1]);
        fails += bad[0] + bad[1];
        i = j;
    }
    printf("[%s] %d blocks on jit and interp, unoptimized and optimized: %d "
           "failures\n", title, n, fails);
    fflush(stdout);
    for (int b = 0; b < TT_NB_BACKENDS; b++) {
        tt_shared_free(r.res[b], (size_t)n * 2 * sizeof(TTScenResult));
        tt_shared_free(r.crashed[b], n);
    }
    return fails;
}
