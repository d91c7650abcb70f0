// mimic-test: static-only
/*
 * Random x87 code against the native CPU: sequences of the instructions
 * Mimic runs inline (docs/x87.md, "Inline runs") and a few that end a run,
 * written to an executable buffer and run from random FPU states (stack
 * shapes with empty registers, special values, every precision and
 * rounding control, exceptions masked); from sequence 600 on also
 * FCOMI/FUCOMI(P) with SETcc of their flags and integer instructions in
 * between. Prints the state and the memory after each sequence.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include "x87-image.h"

/* This seed also hits FLD ST(i) of an empty register onto a full stack. */
static uint32_t rng = 7773;

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static const uint64_t specials[] = {
    0x3ff0000000000000ull, 0xbff8000000000000ull, 0x0000000000000001ull,
    0x7ff0000000000000ull, 0x7ff8000000000000ull, 0x7ff4000000000000ull,
    0x0010000000000000ull, 0x7fefffffffffffffull, 0x8000000000000000ull,
    0x400921fb54442d18ull, 0x3fd5555555555555ull, 0x41e0000000000000ull,
    0xc1e0000000200000ull, 0x4330000000000001ull, 0x000fffffffffffffull,
};

static uint8_t data[256] __attribute__((aligned(16)));
static uint8_t img[108];

static void random_data(void)
{
    for (int i = 0; i < 256; i += 8) {
        uint64_t v = (rnd() & 3) ? specials[rnd() % 15]
                                 : (uint64_t)rnd() << 32 | rnd();
        memcpy(data + i, &v, 8);
    }
}

/* The second part also emits FCOMI and friends (with a SETcc of the
 * EFLAGS they set) and integer instructions between the x87 ones. */
static int extended;

/* One random instruction at p; returns its length. */
static int emit_insn(uint8_t *p)
{
    static const uint8_t mem_ops[][2] = {
        { 0xd8, 0 }, { 0xd8, 1 }, { 0xd8, 2 }, { 0xd8, 3 }, { 0xd8, 4 },
        { 0xd8, 5 }, { 0xd8, 6 }, { 0xd8, 7 }, { 0xdc, 0 }, { 0xdc, 1 },
        { 0xdc, 3 }, { 0xdc, 4 }, { 0xdc, 6 }, { 0xdc, 7 }, { 0xda, 0 },
        { 0xda, 5 }, { 0xde, 1 }, { 0xde, 2 }, { 0xd9, 0 }, { 0xd9, 2 },
        { 0xd9, 3 }, { 0xdd, 0 }, { 0xdd, 0 }, { 0xdd, 2 }, { 0xdd, 3 },
        { 0xdd, 3 }, { 0xdb, 0 }, { 0xdb, 2 }, { 0xdb, 3 }, { 0xdb, 5 },
        { 0xdb, 7 }, { 0xdf, 0 }, { 0xdf, 2 }, { 0xdf, 3 }, { 0xdf, 5 },
        { 0xdf, 7 },
    };
    static const uint8_t reg_ops[][2] = {   /* opcode, modrm base */
        { 0xd8, 0xc0 }, { 0xd8, 0xc8 }, { 0xd8, 0xd0 }, { 0xd8, 0xd8 },
        { 0xd8, 0xe0 }, { 0xd8, 0xe8 }, { 0xd8, 0xf0 }, { 0xd8, 0xf8 },
        { 0xdc, 0xc0 }, { 0xdc, 0xc8 }, { 0xdc, 0xe0 }, { 0xdc, 0xe8 },
        { 0xdc, 0xf0 }, { 0xdc, 0xf8 }, { 0xde, 0xc0 }, { 0xde, 0xc8 },
        { 0xde, 0xe0 }, { 0xde, 0xe8 }, { 0xde, 0xf0 }, { 0xde, 0xf8 },
        { 0xd9, 0xc0 }, { 0xd9, 0xc0 }, { 0xd9, 0xc8 }, { 0xdd, 0xd0 },
        { 0xdd, 0xd8 }, { 0xdd, 0xd8 }, { 0xdd, 0xe0 }, { 0xdd, 0xe8 },
    };
    static const uint8_t singles[][2] = {
        { 0xd9, 0xe0 }, { 0xd9, 0xe1 }, { 0xd9, 0xe4 }, { 0xd9, 0xe8 },
        { 0xd9, 0xe9 }, { 0xd9, 0xeb }, { 0xd9, 0xee }, { 0xd9, 0xfa },
        { 0xde, 0xd9 }, { 0xda, 0xe9 },
        { 0xdf, 0xe0 },     /* fnstsw ax: ends a run */
        { 0xdb, 0xe2 },     /* fnclex: ends a run */
        { 0xd9, 0xfc },     /* frndint: helper */
        { 0x89, 0xd2 },     /* mov edx, edx: not x87 */
    };
    uint32_t k = rnd() % 100;

    if (k < 40) {
        const uint8_t *m = mem_ops[rnd() % (sizeof(mem_ops) / 2)];
        p[0] = m[0];
        p[1] = 0x41 | m[1] << 3;            /* [ecx + disp8] */
        p[2] = (rnd() % 16) * 8;          /* 0..120: inside data */
        return 3;
    }
    if (k < 85) {
        const uint8_t *r = reg_ops[rnd() % (sizeof(reg_ops) / 2)];
        p[0] = r[0];
        p[1] = r[1] + rnd() % 8;
        return 2;
    }
    if (extended && k < 92) {
        /* F(U)COMI(P) ST(i), then SETcc of its flags into data */
        static const uint8_t fcomi[][2] = {
            { 0xdb, 0xe8 }, { 0xdb, 0xf0 }, { 0xdf, 0xe8 }, { 0xdf, 0xf0 },
        };
        static const uint8_t cc[] = { 0x92, 0x94, 0x96, 0x9a, 0x97, 0x90 };
        const uint8_t *f = fcomi[rnd() % 4];
        p[0] = f[0];
        p[1] = f[1] + rnd() % 8;
        p[2] = 0x0f;
        p[3] = cc[rnd() % 6];
        p[4] = 0x41;                        /* [ecx + disp8] */
        p[5] = 128 + rnd() % 128;
        return 6;
    }
    if (extended && k < 97) {
        /* integer instructions, which a run goes on across */
        static const uint8_t ints[][2] = {
            { 0x03, 0x51 },     /* add edx, [ecx + d8] */
            { 0x89, 0x51 },     /* mov [ecx + d8], edx */
            { 0x8d, 0x52 },     /* lea edx, [edx + d8] */
            { 0x39, 0x51 },     /* cmp [ecx + d8], edx */
            { 0x31, 0x51 },     /* xor [ecx + d8], edx */
        };
        const uint8_t *n = ints[rnd() % 5];
        p[0] = n[0];
        p[1] = n[1];
        p[2] = (rnd() % 32) * 4 + 128;
        return 3;
    }
    const uint8_t *s = singles[rnd() % (sizeof(singles) / 2)];
    p[0] = s[0];
    p[1] = s[1];
    return 2;
}

/* A random FRSTOR image: control word, TOP, tags, values. */
static void random_state(uint8_t *st)
{
    static const uint16_t cws[] = { 0x037f, 0x027f, 0x007f, 0x077f,
                                    0x0b7f, 0x0f7f, 0x0c7f, 0x037f };
    uint16_t cw = cws[rnd() % 8], sw, tw = 0;
    int top = rnd() % 8, depth = rnd() % 9;

    memset(st, 0, 108);
    sw = (uint16_t)(top << 11) | (rnd() & 0x4720 & ((rnd() & 1) ? 0xffff : 0));
    for (int i = 0; i < 8; i++) {
        int phys = (top + i) & 7;
        int empty = i >= depth || (rnd() % 16) == 0;
        tw |= (empty ? 3 : 0) << (2 * phys);
        if (!empty) {
            long double v;
            double d;
            uint64_t b = specials[rnd() % 15];
            memcpy(&d, &b, 8);
            v = (rnd() & 1) ? (long double)d : (long double)d / 3;
            memcpy(st + 28 + 10 * i, &v, 10);
        }
    }
    memcpy(st + 0, &cw, 2);
    memcpy(st + 4, &sw, 2);
    memcpy(st + 8, &tw, 2);
}

static void print_state(int n)
{
    char name[16];
    uint32_t h = 2166136261u;

    snprintf(name, sizeof(name), "%4d", n);
    x87_print_image(name, img);
    for (int i = 0; i < 256; i++) {
        h = (h ^ data[i]) * 16777619u;
    }
    printf(" mem %08x\n", h);
}

int main(void)
{
    uint8_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint8_t st[108];

    if (code == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    for (int n = 0; n < 1000; n++) {
        int len = 0, count = 1 + rnd() % 24;
        if (n == 600) {
            extended = 1;
            rng = 4242;
        }
        for (int i = 0; i < count; i++) {
            len += emit_insn(code + len);
        }
        code[len] = 0xc3;                   /* ret */
        random_data();
        random_state(st);
        __asm__ volatile("frstor %0" :: "m"(st));
        uint32_t edx = 0x9e3779b9u * (uint32_t)n;
        __asm__ volatile("call *%1" : "+d"(edx) : "r"(code), "c"(data)
                         : "eax", "memory");
        __asm__ volatile("fnsave %0" : "=m"(img));
        print_state(n);
    }
    return 0;
}
