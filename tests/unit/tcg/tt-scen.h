/*
 * Scenario engine for hand-built blocks (helpers, labels, branches,
 * register pressure): each unit builds a block, runs it and records the
 * values it got next to the values it wants (from native C or by hand).
 */
#ifndef TT_SCEN_H
#define TT_SCEN_H

#include "tt-harness.h"

#define TT_SCEN_VALS 8

typedef struct TTScenResult {
    uint64_t got[TT_SCEN_VALS], want[TT_SCEN_VALS];
    int n;
    uint32_t vectors;           /* input vectors run (0: one per value) */
    uint32_t status;            /* 1 = ran, 2 = canary, 4 = no code */
    char what[160];             /* what was compared, for messages */
} TTScenResult;

/* Builds, translates (optimized or not), runs and fills o. */
typedef void (*TTScenFn)(int param, bool optimize, TTScenResult *o);

typedef struct TTScenUnit {
    TTScenFn fn;
    int param;
    const char *name;           /* scenario name, for the summary */
} TTScenUnit;

/* Records one compared value. */
void tt_scen_val(TTScenResult *o, uint64_t got, uint64_t want);
/* Translates the current ops with exit_tb(0) and runs them; sets status.
 * Returns false (and sets status) if no code came out. */
bool tt_scen_run(TTScenResult *o, bool optimize);

/* Runs every unit on both backends and compares; prints a summary per
 * scenario name; returns the number of failures. */
int tt_scen_run_all(const char *title, const TTScenUnit *units, int n);

#endif
