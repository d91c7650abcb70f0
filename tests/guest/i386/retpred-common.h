/*
 * The portable part of the return-predictor tests (lu-retpred.c here,
 * tests/guest/ppc/ppc-retpred.c): recursion deeper than the predictor's
 * table with longjmp out of it, signal handlers returning into
 * interrupted calls, threads recursing at once. Each prints a hash.
 */
#ifndef RETPRED_COMMON_H
#define RETPRED_COMMON_H

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>

static uint32_t mix(uint32_t h, uint32_t v)
{
    return (h ^ v) * 16777619u;
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

#endif
