/*
 * Shared by the simd-*.c guest tests: runs one SIMD instruction, given as
 * its encoding, on a state of MMX/XMM/general registers and a memory
 * operand, by generating a small function at run time (so every register
 * pair and every imm8 can be tried). The host CPU is the oracle: the tests
 * print what they computed and run.sh compares with the native run.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

typedef struct SimdState {
    uint64_t mm[8];
    uint8_t xmm[8][16];
    uint32_t eax, edx, edi, pad;
    uint8_t mem[64] __attribute__((aligned(16)));
} __attribute__((aligned(16))) SimdState;

static uint8_t *simd_code;
static sigjmp_buf simd_jmp;
static volatile int simd_last_sig;
/* Added to the memory operand's displacement (misalignment tests). */
static uint32_t simd_mem_skew;
/* Run the bare instruction: no register loads/stores (SIGILL tests). */
static bool simd_bare;

static void simd_on_signal(int sig)
{
    simd_last_sig = sig;
    siglongjmp(simd_jmp, 1);
}

static void simd_init(void)
{
    simd_code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (simd_code == MAP_FAILED) {
        perror("mmap");
        _exit(2);
    }
    struct sigaction sa = { 0 };
    sa.sa_handler = simd_on_signal;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
}

static uint8_t *simd_put32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4);
    return p + 4;
}

/* op reg, [ecx + disp32] with a ModRM of mod 2, rm 1. */
static uint8_t *simd_put_ecx_op(uint8_t *p, const uint8_t *op, int n, int reg, uint32_t disp)
{
    memcpy(p, op, (size_t)n);
    p += n;
    *p++ = (uint8_t)(0x81 | (reg << 3));
    return simd_put32(p, disp);
}

/*
 * Builds and runs: load all registers from *st, the instruction (prefix
 * bytes + opcode bytes, then ModRM = modrm; for a memory form (mod = 2,
 * rm = 1) a disp32 to st->mem follows; then imm8 if imm >= 0), store all
 * registers back. Returns 0, or the signal it raised.
 */
static int simd_run(SimdState *st, const uint8_t *enc, int n, int modrm, int imm)
{
    static const uint8_t movq_ld[] = { 0x0f, 0x6f }, movq_st[] = { 0x0f, 0x7f };
    static const uint8_t movdqu_ld[] = { 0xf3, 0x0f, 0x6f }, movdqu_st[] = { 0xf3, 0x0f, 0x7f };
    static const uint8_t mov_ld[] = { 0x8b }, mov_st[] = { 0x89 };
    uint8_t *p = simd_code;
    *p++ = 0x57;                                  /* push edi */
    *p++ = 0x8b; *p++ = 0x4c; *p++ = 0x24; *p++ = 0x08;   /* mov ecx, [esp+8] */
    for (int i = 0; i < 8 && !simd_bare; i++) {
        p = simd_put_ecx_op(p, movq_ld, 2, i, offsetof(SimdState, mm[i]));
        p = simd_put_ecx_op(p, movdqu_ld, 3, i, offsetof(SimdState, xmm[i]));
    }
    p = simd_put_ecx_op(p, mov_ld, 1, 0, offsetof(SimdState, eax));
    p = simd_put_ecx_op(p, mov_ld, 1, 2, offsetof(SimdState, edx));
    p = simd_put_ecx_op(p, mov_ld, 1, 7, offsetof(SimdState, edi));
    memcpy(p, enc, (size_t)n);
    p += n;
    *p++ = (uint8_t)modrm;
    if ((modrm & 0xc7) == 0x81) {
        p = simd_put32(p, offsetof(SimdState, mem) + simd_mem_skew);
    }
    if (imm >= 0) {
        *p++ = (uint8_t)imm;
    }
    for (int i = 0; i < 8 && !simd_bare; i++) {
        p = simd_put_ecx_op(p, movq_st, 2, i, offsetof(SimdState, mm[i]));
        p = simd_put_ecx_op(p, movdqu_st, 3, i, offsetof(SimdState, xmm[i]));
    }
    p = simd_put_ecx_op(p, mov_st, 1, 0, offsetof(SimdState, eax));
    p = simd_put_ecx_op(p, mov_st, 1, 2, offsetof(SimdState, edx));
    *p++ = 0x5f;                                  /* pop edi */
    *p++ = 0xc3;
    __builtin___clear_cache((char *)simd_code, (char *)p);
    simd_last_sig = 0;
    if (sigsetjmp(simd_jmp, 1) == 0) {
        ((void (*)(SimdState *))simd_code)(st);
    }
    /* Leave MMX state for the x87 code of printf and friends. */
    if (!simd_bare) {
        __asm__ volatile("emms");
    } else {
        __asm__ volatile("fninit");
    }
    return simd_last_sig;
}

/* xorshift64*: the same sequence natively and under Mimic. */
static uint64_t simd_rng = 0x9e3779b97f4a7c15ull;

static uint64_t simd_rand(void)
{
    simd_rng ^= simd_rng >> 12;
    simd_rng ^= simd_rng << 25;
    simd_rng ^= simd_rng >> 27;
    return simd_rng * 0x2545f4914f6cdd1dull;
}

/* A value with edge cases mixed in: lanes of 0, all ones, sign bits,
 * saturation limits. */
static uint64_t simd_value(void)
{
    static const uint64_t edge[] = {
        0, ~0ull, 0x8000000000000000ull, 0x7fffffffffffffffull,
        0x8000800080008000ull, 0x7fff7fff7fff7fffull, 0x8080808080808080ull,
        0x7f7f7f7f7f7f7f7full, 0x0001000100010001ull, 0xff00ff00ff00ff00ull,
        0x0000000080000000ull, 0xffffffff00000000ull,
    };
    uint64_t r = simd_rand();
    if ((r & 7) == 0) {
        return edge[(r >> 3) % (sizeof(edge) / sizeof(edge[0]))];
    }
    if ((r & 7) == 1) {
        return simd_rand() & edge[(r >> 3) % (sizeof(edge) / sizeof(edge[0]))];
    }
    return simd_rand();
}

static void simd_fill(SimdState *st)
{
    memset(st, 0, sizeof(*st));
    for (int i = 0; i < 8; i++) {
        st->mm[i] = simd_value();
        uint64_t v[2] = { simd_value(), simd_value() };
        memcpy(st->xmm[i], v, 16);
    }
    for (int i = 0; i < 64; i += 8) {
        uint64_t v = simd_value();
        memcpy(st->mem + i, &v, 8);
    }
    st->eax = (uint32_t)simd_rand();
    st->edx = (uint32_t)simd_rand();
    st->edi = 0;
}

/* FNV-1a over the state (registers and memory). */
static uint64_t simd_hash(uint64_t h, const SimdState *st)
{
    const uint8_t *p = (const uint8_t *)st;
    for (size_t i = 0; i < sizeof(*st); i++) {
        h = (h ^ p[i]) * 0x100000001b3ull;
    }
    return h;
}
