/*
 * Calls and returns the return-address predictor must get right on
 * PowerPC (bl/bcctrl record, blr returns): a callee that moves its own
 * return address, conditional returns (beqlr), calls through CTR,
 * longjmp out of deep recursion, recursion deeper than the predictor's
 * ring, signal handlers and threads. qemu-ppc is the oracle.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "../i386/retpred-common.h"

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
