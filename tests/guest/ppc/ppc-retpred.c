/*
 * Calls and returns the return-address predictor must get right on
 * PowerPC (bl/bcctrl record, blr returns): a callee that moves its own
 * return address, conditional returns (beqlr), calls through CTR,
 * longjmp out of deep recursion, recursion deeper than the predictor's
 * ring, signal handlers and threads. qemu-ppc is the oracle.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t mix(uint32_t h, uint32_t v)
{
    return (h ^ v) * 16777619u;
}

/* bl to a callee that adds 4 to LR: the caller's `b 3f` is skipped. */
static uint32_t ret_skip(void)
{
    uint32_t r;
    __asm__ volatile(
        "bl 2f\n\t"
        "li %0, 111\n\t"
        "b 3f\n\t"
        "2: mflr 9\n\t"
        "addi 9, 9, 4\n\t"
        "mtlr 9\n\t"
        "li %0, 222\n\t"
        "blr\n\t"
        "3:\n\t"
        : "=&r"(r) : : "r9", "lr", "memory");
    return r;
}

/* beqlr / bnelr: a return taken or not depending on cr0. */
static uint32_t cond_ret(uint32_t x)
{
    uint32_t r;
    __asm__ volatile(
        "li %0, 0\n\t"
        "bl 2f\n\t"
        "b 3f\n\t"
        "2: cmpwi %1, 0\n\t"
        "li %0, 5\n\t"
        "beqlr\n\t"
        "li %0, 9\n\t"
        "blr\n\t"
        "3:\n\t"
        : "=&r"(r) : "r"(x) : "lr", "cr0", "memory");
    return r;
}

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
                h = mix(h, rec(depth / 2, ~0u));
            }
        }
    }
    return h;
}

/* Calls through a pointer (bcctrl), the callee chosen per call. */
__attribute__((noinline)) static uint32_t op_a(uint32_t x) { return x * 3 + 1; }
__attribute__((noinline)) static uint32_t op_b(uint32_t x) { return rec(x % 9, ~0u) ^ x; }
__attribute__((noinline)) static uint32_t op_c(uint32_t x) { return op_a(x) + op_b(x + 1); }

static uint32_t (*volatile ops[3])(uint32_t) = { op_a, op_b, op_c };

static uint32_t test_indirect(void)
{
    uint32_t h = 0;
    for (uint32_t i = 0; i < 3000; i++) {
        h = mix(h, ops[(i * 7) % 3](i));
    }
    return h;
}

static volatile uint32_t sig_h;

static void on_usr1(int sig)
{
    sig_h = mix(sig_h, rec(20, ~0u) + (uint32_t)sig);
}

static uint32_t test_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    uint32_t h = 0;
    for (uint32_t i = 0; i < 50; i++) {
        h = mix(h, rec(i % 12, ~0u));
        raise(SIGUSR1);
        h = mix(h, rec(i % 7, ~0u));
    }
    return mix(h, sig_h);
}

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
    for (uint32_t i = 0; i < 100; i++) {
        h = mix(h, ret_skip());
        h = mix(h, cond_ret(i % 3));
    }
    printf("moved return address, conditional returns: %08x\n", h);
    printf("recursion, longjmp: %08x\n", test_recursion());
    printf("calls through CTR: %08x\n", test_indirect());
    printf("signal handlers: %08x\n", test_signals());
    printf("threads: %08x\n", test_threads());
    return 0;
}
