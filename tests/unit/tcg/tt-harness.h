/*
 * Shared harness of the IR tests in tests/unit/tcg: a test CPU state with
 * globals, building/running one block on the current backend, and running
 * a test body once per backend in a child process (each owns a TCGContext).
 */
#ifndef TT_HARNESS_H
#define TT_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exec/cpu.h"
#include "exec/tb.h"
#include "tcg/tcg-op.h"

#define TT_N64 16
#define TT_N32 16
#define TT_MEM_SIZE 256
#define TT_GUEST_SIZE 65536
#define TT_CANARY32 0xa5c3e1f7u
#define TT_GUARD 0x5a5a5a5a5a5a5a5aull

/* The env of every test block. Its head is a CPUState (env convention). */
typedef struct TTEnv {
    CPUState cpu;
    uint64_t g64[TT_N64];
    uint32_t g32[2 * TT_N32];   /* global i at [2i]; [2i+1] is a canary */
    uint64_t guard;
    uint8_t mem[TT_MEM_SIZE];   /* host memory for ld/st */
    uint64_t guard2;
} TTEnv;

enum { TT_JIT = 0, TT_INTERP = 1, TT_NB_BACKENDS = 2 };
extern const char *const tt_backend_names[TT_NB_BACKENDS];

/* Valid inside a backend child (after tt_init). */
extern TTEnv *tt_env;
/* guest_base: all 4 GiB are mapped (zero unless written), with PROT_NONE
 * guards below and above. tt_env_reset clears TT_GUEST_SIZE bytes at each
 * of tt_guest_regions, the parts tests write to. */
extern uint8_t *tt_guest;
extern const uint32_t tt_guest_regions[3];
extern int tt_backend_index;

void tt_init(int backend_index);
TCGv_i64 tt_g64(int i);
TCGv_i32 tt_g32(int i);
static inline size_t tt_off64(int i) { return offsetof(TTEnv, g64) + 8 * i; }
static inline size_t tt_off32(int i) { return offsetof(TTEnv, g32) + 8 * i; }

/* Zeroes the globals, memory and guest buffer and sets the canaries. */
void tt_env_reset(void);
/* True if no canary or guard around the globals was overwritten. */
bool tt_canaries_ok(void);

/* Starts a block (tcg_func_start + one insn_start). */
void tt_begin(void);
/* Ends the block with exit_tb(0) and translates it; returns the code. */
const void *tt_finish(bool optimize);
/* Translates the ops emitted so far without adding an exit. */
const void *tt_translate(bool optimize);
uintptr_t tt_exec(const void *tc);
/* The TB that tt_translate/tt_finish translate into (for exit_tb values). */
const struct TranslationBlock *tt_current_tb(void);
/* Translates into a caller-owned TB (zeroed first) without recycling the
 * code buffer; call tt_code_reset_if_full() before a series of these. */
const void *tt_translate_tb(struct TranslationBlock *tb, bool optimize);
void tt_code_reset_if_full(void);

/* Memory shared between the test process and its backend children. */
void *tt_shared_alloc(size_t size);
void tt_shared_free(void *p, size_t size);

/*
 * Runs unit_fn(u, arg) for u in [0, nunits) in a child process that has
 * called tt_init(backend_index). If the child dies (signal, or a unit
 * running past a 10 s alarm), the crash is printed with describe(u) and
 * the run goes on in a new child from unit u + 1 (after 40 crashes or
 * 3 hangs the remaining units are marked crashed). Returns the number of
 * units that crashed; crashed[u] (if non-NULL, shared) is set for them.
 */
int tt_run_units(int backend_index, int nunits,
                 void (*unit_fn)(int u, void *arg),
                 void (*describe)(int u, void *arg, char *buf, size_t n),
                 void *arg, uint8_t *crashed);

/* The same for every backend at once (one child each, in parallel). */
int tt_run_units_all(int nunits, void (*unit_fn)(int u, void *arg),
                     void (*describe)(int u, void *arg, char *buf, size_t n),
                     void *arg, uint8_t *crashed[TT_NB_BACKENDS]);

/* Deterministic PRNG (xorshift64*). */
typedef struct TTRng { uint64_t s; } TTRng;
static inline uint64_t tt_rand(TTRng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545f4914f6cdd1dull;
}
static inline void tt_seed(TTRng *r, uint64_t seed)
{
    r->s = seed * 0x9e3779b97f4a7c15ull + 0x1234567;
    if (!r->s) {
        r->s = 1;
    }
    tt_rand(r);
}

/* Edge values of a type, then a few fixed random ones. */
extern const uint64_t tt_edges32[];
extern const int tt_nb_edges32;
extern const uint64_t tt_edges64[];
extern const int tt_nb_edges64;

static inline uint64_t tt_mask(TCGType t, uint64_t v)
{
    return t == TCG_TYPE_I32 ? (uint32_t)v : v;
}

/* 1 when MIMIC_SLOW=1 is set (make check-slow). */
bool tt_slow(void);

#endif
