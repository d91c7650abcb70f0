/*
 * The IR test harness (see tt-harness.h): one TCGContext per backend child,
 * globals over TTEnv, block build/translate/run, crash-tolerant children.
 */
#include "tt-harness.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec/tb.h"

const char *const tt_backend_names[TT_NB_BACKENDS] = { "jit", "interp" };

TTEnv *tt_env;
uint8_t *tt_guest;
int tt_backend_index = -1;

static TCGv_i64 tt_globals64[TT_N64];
static TCGv_i32 tt_globals32[TT_N32];
static char tt_global_names[TT_N64 + TT_N32][8];
static TranslationBlock tt_tb;

const uint64_t tt_edges32[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x10000,
    0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff,
    0x12345678, 0xdeadbeef, 0x0f0f00f0,
};
const int tt_nb_edges32 = sizeof(tt_edges32) / sizeof(tt_edges32[0]);

const uint64_t tt_edges64[] = {
    0, 1, 2, 0x7f, 0x80, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
    0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0x8000000000000001ull, 0xfffffffffffffffeull, 0xffffffffffffffffull,
    0xffffffff80000000ull, 0x123456789abcdef0ull, 0xdeadbeefcafef00dull,
    0x00000001fffffffeull,
};
const int tt_nb_edges64 = sizeof(tt_edges64) / sizeof(tt_edges64[0]);

const uint32_t tt_guest_regions[3] = { 0, 0x80000000u, 0xffff0000u };

/*
 * The guest space: 4 GiB readable and writable (MAP_NORESERVE: untouched
 * pages cost nothing and read as zero), with 4 GiB of PROT_NONE on each
 * side, so an i32 address that is not zero-extended (or is sign-extended)
 * faults instead of reading somewhere else.
 */
static void tt_guest_reserve(void)
{
    size_t four = 1ull << 32;
    uint8_t *p = mmap(NULL, 3 * four, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        perror("tt: reserving the guest space");
        abort();
    }
    tt_guest = p + four;
    guest_base = (uintptr_t)tt_guest;
    if (mmap(tt_guest, four, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0)
        == MAP_FAILED) {
        perror("tt: mapping the guest space");
        abort();
    }
}

bool tt_slow(void)
{
    const char *s = getenv("MIMIC_SLOW");
    return s && s[0] == '1';
}

void tt_init(int backend_index)
{
    const TCGBackend *b =
        backend_index == TT_JIT ? &tcg_backend_x86_64 : &tcg_backend_interp;
    tt_backend_index = backend_index;
    tcg_context_init(b, 16 << 20);
    tt_env = aligned_alloc(64, (sizeof(TTEnv) + 63) & ~(size_t)63);
    tt_guest_reserve();
    for (int i = 0; i < TT_N64; i++) {
        snprintf(tt_global_names[i], 8, "q%d", i);
        tt_globals64[i] = tcg_global_mem_new_i64(tt_off64(i), tt_global_names[i]);
    }
    for (int i = 0; i < TT_N32; i++) {
        char *n = tt_global_names[TT_N64 + i];
        snprintf(n, 8, "w%d", i);
        tt_globals32[i] = tcg_global_mem_new_i32(tt_off32(i), n);
    }
    tt_env_reset();
}

TCGv_i64 tt_g64(int i) { return tt_globals64[i]; }
TCGv_i32 tt_g32(int i) { return tt_globals32[i]; }

void tt_env_reset(void)
{
    memset(tt_env, 0, sizeof(*tt_env));
    for (int i = 0; i < TT_N32; i++) {
        tt_env->g32[2 * i + 1] = TT_CANARY32;
    }
    tt_env->guard = TT_GUARD;
    tt_env->guard2 = TT_GUARD;
    for (int i = 0; i < 3; i++) {
        memset(tt_guest + tt_guest_regions[i], 0, TT_GUEST_SIZE);
    }
}

bool tt_canaries_ok(void)
{
    for (int i = 0; i < TT_N32; i++) {
        if (tt_env->g32[2 * i + 1] != TT_CANARY32) {
            return false;
        }
    }
    return tt_env->guard == TT_GUARD && tt_env->guard2 == TT_GUARD;
}

void tt_begin(void)
{
    tcg_func_start(tcg_ctx);
    tcg_gen_insn_start(0x1000, 0);
}

/* Starts again at the beginning of the code buffer when it gets full:
 * each test block runs right after it is translated, so old code is dead. */
void tt_code_reset_if_full(void)
{
    TCGContext *s = tcg_ctx;
    if (s->code_gen_highwater - s->code_ptr < (1 << 20)) {
        s->code_ptr = s->code_gen_start;
    }
}

const void *tt_translate_tb(TranslationBlock *tb, bool optimize)
{
    TCGContext *s = tcg_ctx;
    s->optimize = optimize;
    memset(tb, 0, sizeof(*tb));
    tb->pc = 0x1000;
    uint8_t *start = s->code_ptr;
    int size = tcg_gen_code(s, tb);
    if (size < 0) {
        fprintf(stderr, "tt: tcg_gen_code failed (%d)\n", size);
        return NULL;
    }
    /* As accel/tcg does: past the block (the interpreter leaves code_ptr
     * alone), 16-byte aligned. */
    if (s->code_ptr == start) {
        s->code_ptr = start + size;
    }
    s->code_ptr = (uint8_t *)(((uintptr_t)s->code_ptr + 15) & ~(uintptr_t)15);
    return tb->tc_ptr;
}

const void *tt_translate(bool optimize)
{
    tt_code_reset_if_full();
    return tt_translate_tb(&tt_tb, optimize);
}

const void *tt_finish(bool optimize)
{
    tcg_gen_exit_tb(0);
    return tt_translate(optimize);
}

const TranslationBlock *tt_current_tb(void)
{
    return &tt_tb;
}

uintptr_t tt_exec(const void *tc)
{
    return tcg_ctx->backend->exec(tt_env, tc);
}

void *tt_shared_alloc(size_t size)
{
    void *p = mmap(NULL, size ? size : 1, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("tt: mmap");
        abort();
    }
    return p;
}

void tt_shared_free(void *p, size_t size)
{
    munmap(p, size ? size : 1);
}

/* One backend's run of units in child processes (see tt_run_units). */
typedef struct TTChildRun {
    int backend, nunits, start, nb_crashed, nb_hangs;
    pid_t pid;
    volatile int *progress;
    uint8_t *crashed;
} TTChildRun;

static void tt_child_start(TTChildRun *c, void (*unit_fn)(int u, void *arg),
                           void *arg)
{
    *c->progress = c->start;
    fflush(stdout);
    fflush(stderr);
    c->pid = fork();
    if (c->pid < 0) {
        perror("tt: fork");
        abort();
    }
    if (c->pid == 0) {
        tt_init(c->backend);
        for (int u = c->start; u < c->nunits; u++) {
            *c->progress = u;
            alarm(10);
            unit_fn(u, arg);
        }
        fflush(stdout);
        fflush(stderr);
        _exit(0);
    }
}

/* Handles the end of c's child; returns true if units are left to run. */
static bool tt_child_ended(TTChildRun *c, int st,
                           void (*describe)(int u, void *arg, char *buf, size_t n),
                           void *arg)
{
    c->pid = 0;
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
        return false;
    }
    int u = *c->progress;
    char desc[256] = "";
    if (describe) {
        describe(u, arg, desc, sizeof(desc));
    }
    printf("CRASH: backend %s died (%s %d%s) in unit %d: %s\n",
           tt_backend_names[c->backend],
           WIFSIGNALED(st) ? "signal" : "exit status",
           WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st),
           WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM ? ", a hang" : "", u, desc);
    if (c->crashed) {
        c->crashed[u] = 1;
    }
    c->nb_crashed++;
    c->nb_hangs += WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM;
    c->start = u + 1;
    if ((c->nb_crashed >= 40 || c->nb_hangs >= 3) && c->start < c->nunits) {
        printf("CRASH: backend %s: too many crashes, units %d..%d not run\n",
               tt_backend_names[c->backend], c->start, c->nunits - 1);
        for (; c->start < c->nunits; c->start++) {
            if (c->crashed) {
                c->crashed[c->start] = 1;
            }
            c->nb_crashed++;
        }
    }
    return c->start < c->nunits;
}

static int tt_run_children(TTChildRun *c, int n,
                           void (*unit_fn)(int u, void *arg),
                           void (*describe)(int u, void *arg, char *buf, size_t n),
                           void *arg)
{
    int running = 0, total = 0;
    for (int i = 0; i < n; i++) {
        c[i].progress = tt_shared_alloc(sizeof(int));
        if (c[i].start < c[i].nunits) {
            tt_child_start(&c[i], unit_fn, arg);
            running++;
        }
    }
    while (running) {
        int st;
        pid_t pid = waitpid(-1, &st, 0);
        if (pid < 0) {
            continue;
        }
        for (int i = 0; i < n; i++) {
            if (c[i].pid == pid) {
                running--;
                if (tt_child_ended(&c[i], st, describe, arg)) {
                    tt_child_start(&c[i], unit_fn, arg);
                    running++;
                }
            }
        }
    }
    for (int i = 0; i < n; i++) {
        tt_shared_free((void *)c[i].progress, sizeof(int));
        total += c[i].nb_crashed;
    }
    return total;
}

int tt_run_units(int backend_index, int nunits,
                 void (*unit_fn)(int u, void *arg),
                 void (*describe)(int u, void *arg, char *buf, size_t n),
                 void *arg, uint8_t *crashed)
{
    TTChildRun c = { .backend = backend_index, .nunits = nunits, .crashed = crashed };
    return tt_run_children(&c, 1, unit_fn, describe, arg);
}

int tt_run_units_all(int nunits, void (*unit_fn)(int u, void *arg),
                     void (*describe)(int u, void *arg, char *buf, size_t n),
                     void *arg, uint8_t *crashed[TT_NB_BACKENDS])
{
    TTChildRun c[TT_NB_BACKENDS];
    for (int b = 0; b < TT_NB_BACKENDS; b++) {
        c[b] = (TTChildRun){ .backend = b, .nunits = nunits, .crashed = crashed[b] };
    }
    return tt_run_children(c, TT_NB_BACKENDS, unit_fn, describe, arg);
}
