// mimic-test: static-only
/*
 * Addresses with a base, a scaled index and a displacement (the ModRM +
 * SIB forms the translator turns into one IR lea): LEA and a load through
 * the address for every base (ESP and EBP included, mod 0/1/2), every
 * index, every scale and displacements of 0, -8-bit and 32-bit size, with
 * register values that wrap the 32-bit sum. The code of each form is
 * written at run time into an executable page (self-modifying code for
 * the translator), so every encoding runs; the runner compares with the
 * native run.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static uint8_t *code;
static uint32_t saved_esp, lea_out, load_out;
static uint32_t target[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };

static uint8_t *put32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4);
    return p + 4;
}

/* Runs: save the registers and ESP, load all eight registers, lea edx
 * (load 0) or mov edx (load 1) through [base + index * 2^scale + disp]
 * (mod from disp), store edx, restore. base 5 with mod 0 is disp32 alone
 * (no base). */
static void run(int base, int index, int scale, int32_t disp, int mod,
                const uint32_t *regs, int load)
{
    uint8_t *p = code;
    *p++ = 0x60;                                        /* pusha */
    *p++ = 0x89; *p++ = 0x25; p = put32(p, (uint32_t)(uintptr_t)&saved_esp);
    for (int r = 0; r < 8; r++) {
        *p++ = (uint8_t)(0xb8 + r);                     /* mov r, imm32 */
        p = put32(p, regs[r]);
    }
    *p++ = load ? 0x8b : 0x8d;                          /* mov / lea edx, m */
    *p++ = (uint8_t)((mod << 6) | (2 << 3) | 4);
    *p++ = (uint8_t)((scale << 6) | (index << 3) | base);
    if (mod == 1) {
        *p++ = (uint8_t)disp;
    } else if (mod == 2 || (mod == 0 && base == 5)) {
        p = put32(p, (uint32_t)disp);
    }
    *p++ = 0x89; *p++ = 0x15;
    p = put32(p, (uint32_t)(uintptr_t)(load ? &load_out : &lea_out));
    *p++ = 0x8b; *p++ = 0x25; p = put32(p, (uint32_t)(uintptr_t)&saved_esp);
    *p++ = 0x61;                                        /* popa */
    *p++ = 0xc3;
    ((void (*)(void))code)();
}

int main(void)
{
    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        return 1;
    }
    static const int32_t disps[] = { 0, -8, 0x7ffffff0, -0x12345678 };
    uint32_t t = (uint32_t)(uintptr_t)&target[1];
    unsigned n = 0;
    uint32_t sum = 0;
    for (int base = 0; base < 8; base++) {
        for (int index = 0; index < 8; index++) {        /* 4: no index */
            for (int scale = 0; scale < 4; scale++) {
                for (unsigned d = 0; d < sizeof(disps) / sizeof(disps[0]); d++) {
                    int32_t disp = disps[d];
                    int mod = d == 0 ? 0 : d == 1 ? 1 : 2;
                    if (mod == 0 && base == 5) {
                        continue;   /* disp32 without base: below */
                    }
                    /* Registers: the index term wraps to 0 mod 2^32
                     * (a multiple of 2^32 >> scale), the base is
                     * target - disp; with index = base the sum is just
                     * computed (no load). */
                    uint32_t regs[8];
                    for (int r = 0; r < 8; r++) {
                        regs[r] = 0x01010101u * (uint32_t)(r + 1);
                    }
                    if (index != 4) {
                        regs[index] = (0x40000000u >> scale) * 4 * (uint32_t)(1 + base);
                    }
                    regs[base] = t - (uint32_t)disp;
                    lea_out = load_out = 0;
                    run(base, index, scale, disp, mod, regs, 0);
                    if (index == 4 || index != base) {
                        run(base, index, scale, disp, mod, regs, 1);
                    }
                    printf("b%d i%d s%d d%08x: lea %08x load %08x\n", base, index, scale,
                           (uint32_t)disp, lea_out - t, load_out);
                    sum = sum * 31 + lea_out - t + load_out;
                    n++;
                }
            }
        }
    }
    /* disp32 with no base (mod 0, base 5): index * scale + disp */
    for (int index = 0; index < 8; index++) {
        for (int scale = 0; scale < 4; scale++) {
            uint32_t regs[8];
            for (int r = 0; r < 8; r++) {
                regs[r] = 0x01010101u * (uint32_t)(r + 1);
            }
            if (index != 4) {
                regs[index] = (0x40000000u >> scale) * 4;   /* wraps to 0 */
            }
            lea_out = load_out = 0;
            run(5, index, scale, (int32_t)t, 0, regs, 0);
            run(5, index, scale, (int32_t)t, 0, regs, 1);
            printf("nobase i%d s%d: lea %08x load %08x\n", index, scale, lea_out - t, load_out);
            n++;
        }
    }
    printf("%u forms, sum %08x\n", n, sum);
    return 0;
}
