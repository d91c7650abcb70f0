// mimic-test: mimic-opts -cpu max
/*
 * Calls and returns the return-address predictor must get right (it
 * may only ever jump where a lookup would): returns to a rewritten
 * return address, RET imm16, longjmp out of deep recursion, recursion
 * deeper than the predictor's ring, returns into code rewritten or
 * remapped while the callee ran, returns whose MXCSR (a block flag) the
 * callee changed, signal handlers, and threads. Native run is the oracle.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "retpred-common.h"

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
