// mimic-test: mimic-opts -cpu max
/*
 * Calls and returns the return-address predictor must get right (it
 * may only ever jump where a lookup would): returns to a rewritten
 * return address, RET imm16, longjmp out of deep recursion, recursion
 * deeper than the predictor's ring, returns into code rewritten or
 * remapped while the callee ran, returns whose MXCSR (a block flag) the
 * callee changed, signal handlers, and threads. Native run is the oracle.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static uint32_t mix(uint32_t h, uint32_t v)
{
    return (h ^ v) * 16777619u;
}

/* ---- a callee that returns elsewhere: it adds 4 to its return address,
 * so the caller's `jmp 1f; (4 bytes)` is skipped over. ---- */
static uint32_t ret_skip(void)
{
    uint32_t r;
    __asm__ volatile(
        "call 2f\n\t"
        "movl $111, %0\n\t"      /* skipped: 5 bytes, the callee adds 5 */
        "jmp 3f\n\t"
        "2: addl $5, (%%esp)\n\t"
        "movl $222, %0\n\t"
        "ret\n\t"
        "3:\n\t"
        : "=r"(r) : : "memory");
    return r;
}

/* ---- RET imm16 (callee pops its arguments) ---- */
static uint32_t ret_imm16(uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__ volatile(
        "pushl %2\n\t"
        "pushl %1\n\t"
        "call 2f\n\t"
        "jmp 3f\n\t"
        "2: movl 4(%%esp), %0\n\t"
        "imull 8(%%esp), %0\n\t"
        "ret $8\n\t"
        "3:\n\t"
        : "=&r"(r) : "r"(a), "r"(b) : "memory");
    return r;
}

/* ---- recursion, deep and with longjmp ---- */
static jmp_buf jb;
static volatile uint32_t sink;

__attribute__((noinline)) static uint32_t rec(uint32_t n, uint32_t bail)
{
    if (n == bail) {
        longjmp(jb, (int)n + 1);
    }
    if (n == 0) {
        return 1;
    }
    uint32_t a = rec(n - 1, bail);
    sink = a;
    return mix(a, n) + (n & 1 ? rec(n / 3, ~0u) : 7);
}

static uint32_t test_recursion(void)
{
    uint32_t h = 0;
    for (uint32_t depth = 1; depth < 400; depth = depth * 3 + 1) {
        h = mix(h, rec(depth, ~0u));
        for (uint32_t bail = 0; bail < depth; bail += depth / 4 + 1) {
            int v = setjmp(jb);
            if (v == 0) {
                h = mix(h, rec(depth, bail));
            } else {
                h = mix(h, (uint32_t)v);
                h = mix(h, rec(depth / 2, ~0u));   /* returns after the jump */
            }
        }
    }
    return h;
}

/* ---- returns into code changed while the callee ran ---- */
typedef uint32_t (*code_fn)(uint32_t (*)(uint32_t), uint32_t);
static uint8_t *code;     /* RWX page */
static uint32_t imm_next;

/* The generated function: call *4(%esp) with 8(%esp) as argument, then
 * `add $imm, %eax; ret`; the imm is what the callee rewrites. */
static void emit_caller(uint8_t *p, uint32_t imm)
{
    static const uint8_t tmpl[] = {
        0xff, 0x74, 0x24, 0x08,        /* push 8(%esp) */
        0xff, 0x54, 0x24, 0x08,        /* call *8(%esp) (4(%esp) + 4 pushed) */
        0x83, 0xc4, 0x04,              /* add $4, %esp */
        0x05, 0, 0, 0, 0,              /* add $imm, %eax */
        0xc3,                          /* ret */
    };
    memcpy(p, tmpl, sizeof(tmpl));
    memcpy(p + 12, &imm, 4);
}

static uint32_t cb_plain(uint32_t x)
{
    return x * 3;
}

static uint32_t cb_rewrite(uint32_t x)
{
    memcpy(code + 12, &imm_next, 4);   /* the add after our return */
    return x * 5;
}

static uint32_t cb_remap(uint32_t x)
{
    /* The caller's page replaced by a fresh mapping with other code. */
    uint8_t *p = mmap(code, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (p != code) {
        return 0;
    }
    emit_caller(code, imm_next);
    return x * 7;
}

static uint32_t test_code_changes(void)
{
    uint32_t h = 0;
    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        return 0;
    }
    emit_caller(code, 1000);
    for (uint32_t i = 0; i < 300; i++) {
        uint32_t (*cb)(uint32_t) = i % 10 == 7 ? cb_rewrite : i % 10 == 9 ? cb_remap
                                                                        : cb_plain;
        imm_next = 1000 + i * 17;
        h = mix(h, ((code_fn)code)(cb, i));
    }
    munmap(code, 4096);
    return h;
}

/* ---- the callee changes MXCSR (rounding: part of the block flags) ---- */
__attribute__((noinline, target("sse"))) static void set_round(uint32_t mode)
{
    uint32_t m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    m = (m & ~0x6000u) | (mode << 13);
    __asm__ volatile("ldmxcsr %0" : : "m"(m));
}

__attribute__((target("sse"))) static uint32_t test_mxcsr(void)
{
    uint32_t h = 0;
    for (uint32_t i = 0; i < 200; i++) {
        float a = 1.0f + (float)i, b = 3.0f, q;
        set_round(i & 3);
        __asm__ volatile("movss %1, %%xmm0\n\tdivss %2, %%xmm0\n\tmovss %%xmm0, %0"
                         : "=m"(q) : "m"(a), "m"(b) : "xmm0");
        uint32_t bits;
        memcpy(&bits, &q, 4);
        h = mix(h, bits);
    }
    set_round(0);
    return h;
}

/* ---- signal handlers returning into interrupted calls ---- */
static volatile uint32_t sig_h;

static void on_alarm(int sig)
{
    sig_h = mix(sig_h, rec(20, ~0u) + (uint32_t)sig);
}

static uint32_t test_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sigaction(SIGUSR1, &sa, NULL);
    uint32_t h = 0;
    for (uint32_t i = 0; i < 50; i++) {
        h = mix(h, rec(i % 12, ~0u));
        raise(SIGUSR1);
        h = mix(h, rec(i % 7, ~0u));
    }
    return mix(h, sig_h);
}

/* ---- threads recursing at once ---- */
static void *thread_main(void *arg)
{
    uint32_t h = (uint32_t)(uintptr_t)arg;
    for (uint32_t i = 0; i < 150; i++) {
        h = mix(h, rec((i * 7 + h % 5) % 40, ~0u));
    }
    return (void *)(uintptr_t)h;
}

static uint32_t test_threads(void)
{
    pthread_t t[3];
    uint32_t h = 0;
    for (uintptr_t i = 0; i < 3; i++) {
        pthread_create(&t[i], NULL, thread_main, (void *)(i + 1));
    }
    for (int i = 0; i < 3; i++) {
        void *r;
        pthread_join(t[i], &r);
        h = mix(h, (uint32_t)(uintptr_t)r);
    }
    return h;
}

int main(void)
{
    uint32_t h = 0;
    for (int i = 0; i < 100; i++) {
        h = mix(h, ret_skip());
        h = mix(h, ret_imm16((uint32_t)i, 3));
    }
    printf("rewritten return address, ret imm16: %08x\n", h);
    printf("recursion, longjmp: %08x\n", test_recursion());
    printf("code rewritten/remapped under a return: %08x\n", test_code_changes());
    printf("mxcsr changed by the callee: %08x\n", test_mxcsr());
    printf("signal handlers: %08x\n", test_signals());
    printf("threads: %08x\n", test_threads());
    return 0;
}
