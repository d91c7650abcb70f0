// mimic-test: static-only
/*
 * Random fixed-point code (issue 11: the decoder on random instructions,
 * executed): per seed, a sequence of 32 instructions drawn from the
 * integer forms (D-form immediates, add/subtract/multiply families with
 * random OE and Rc, logical, shifts, rotates with random masks, compares
 * into random CR fields, extensions, count leading zeros) with random
 * register fields over r3..r11, from random register, CR and XER values;
 * prints r3..r11, CR and XER after it. Division is left out (its result
 * is undefined for a zero divisor). The oracle is qemu-ppc.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define NINSN 32
#define NSEEDS 1500

static uint64_t rs;

static uint32_t rnd(void)
{
    rs ^= rs << 13;
    rs ^= rs >> 7;
    rs ^= rs << 17;
    return (uint32_t)(rs >> 16);
}

static uint32_t reg(void)
{
    return 3 + rnd() % 9;   /* r3..r11; r12 holds the result buffer */
}

static uint32_t d_form(uint32_t op, uint32_t rt, uint32_t ra, uint32_t imm)
{
    return op << 26 | rt << 21 | ra << 16 | (imm & 0xffff);
}

static uint32_t x_form(uint32_t rt, uint32_t ra, uint32_t rb, uint32_t xo, uint32_t rc)
{
    return 31u << 26 | rt << 21 | ra << 16 | rb << 11 | xo << 1 | rc;
}

/* One random instruction of the integer forms. */
static uint32_t random_insn(void)
{
    static const uint8_t d_ops[] = { 7, 8, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29 };
    /* XO forms (OE allowed) and X forms with a 10-bit XO */
    static const uint16_t xo_ops[] = { 266, 10, 138, 202, 234, 40, 8, 136, 200, 232, 104, 235 };
    static const uint16_t x_ops[] = { 28, 60, 444, 412, 316, 476, 124, 284, 24, 536, 792,
                                      75, 11 };
    uint32_t rt = reg(), ra = reg(), rb = reg(), rc = rnd() & 1;
    uint32_t imm = rnd() % 4 ? rnd() : (uint32_t)(int32_t)(int8_t)rnd();
    switch (rnd() % 8) {
    case 0: case 1:
        return d_form(d_ops[rnd() % sizeof(d_ops)], rt, ra, imm);
    case 2: {
        uint32_t xo = xo_ops[rnd() % (sizeof(xo_ops) / 2)];
        uint32_t oe = rnd() & 1;
        if (xo == 202 || xo == 234 || xo == 200 || xo == 232 || xo == 104) {
            rb = 0;   /* one-operand forms */
        }
        return x_form(rt, ra, rb, oe << 9 | xo, rc);
    }
    case 3: case 4:
        /* logical, shifts (rS is the rt field), mulhw/mulhwu */
        return x_form(rt, ra, rb, x_ops[rnd() % (sizeof(x_ops) / 2)], rc);
    case 5:
        switch (rnd() % 4) {
        case 0: return x_form(rt, ra, rnd() % 32, 824, rc);          /* srawi */
        case 1: return x_form(rt, ra, 0, 26, rc);                    /* cntlzw */
        case 2: return x_form(rt, ra, 0, 954, rc);                   /* extsb */
        default: return x_form(rt, ra, 0, 922, rc);                  /* extsh */
        }
    case 6: {
        /* rlwinm, rlwimi, rlwnm: sh/rb, mb, me */
        uint32_t op = (uint32_t[]){ 21, 20, 23 }[rnd() % 3];
        uint32_t sh = op == 23 ? rb : rnd() % 32;
        return op << 26 | rt << 21 | ra << 16 | sh << 11 | (rnd() % 32) << 6 |
               (rnd() % 32) << 1 | rc;
    }
    default: {
        /* cmp, cmpl, cmpi, cmpli into a random CR field (L = 0) */
        uint32_t bf = rnd() % 8;
        switch (rnd() % 4) {
        case 0: return x_form(bf << 2, ra, rb, 0, 0);
        case 1: return x_form(bf << 2, ra, rb, 32, 0);
        case 2: return d_form(11, bf << 2, ra, imm);
        default: return d_form(10, bf << 2, ra, imm);
        }
    }
    }
}

/* lis/ori reg, value */
static int load_imm(uint32_t *p, uint32_t r, uint32_t v)
{
    p[0] = d_form(15, r, 0, v >> 16);
    p[1] = d_form(24, r, r, v);
    return 2;
}

int main(void)
{
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    static uint32_t out[11];
    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    for (int seed = 0; seed < NSEEDS; seed++) {
        rs = 0x9e3779b97f4a7c15ull ^ ((uint64_t)seed << 20 | (uint64_t)seed);
        for (int i = 0; i < 8; i++) {
            rnd();
        }
        int n = 0;
        /* the start state: r3..r11, CR (through r0), XER's SO/OV/CA */
        for (uint32_t r = 3; r <= 11; r++) {
            uint32_t v = rnd();
            switch (rnd() % 6) {
            case 0: v = 0; break;
            case 1: v = 0x80000000u + rnd() % 3 - 1; break;
            case 2: v = rnd() % 64 - 32; break;
            default: break;
            }
            n += load_imm(code + n, r, v);
        }
        n += load_imm(code + n, 12, (uint32_t)(uintptr_t)out);
        n += load_imm(code + n, 0, rnd());
        code[n++] = 0x7c0ff120;                           /* mtcrf 0xff, r0 */
        n += load_imm(code + n, 0, rnd() & 0xe0000000u);
        code[n++] = 0x7c0103a6;                           /* mtxer r0 */
        for (int i = 0; i < NINSN; i++) {
            code[n++] = random_insn();
        }
        for (uint32_t r = 3; r <= 11; r++) {
            code[n++] = d_form(36, r, 12, (r - 3) * 4);  /* stw r, (r-3)*4(r12) */
        }
        code[n++] = 0x7c000026;                           /* mfcr r0 */
        code[n++] = d_form(36, 0, 12, 36);
        code[n++] = 0x7c0102a6;                           /* mfxer r0 */
        code[n++] = d_form(36, 0, 12, 40);
        code[n++] = 0x4e800020;                           /* blr */
        __builtin___clear_cache((char *)code, (char *)(code + n));
        memset(out, 0, sizeof(out));
        __asm__ volatile("mtctr %0\n\tbctrl"
                         : : "r"(code)
                         : "r0", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11",
                           "r12", "lr", "ctr", "xer", "cr0", "cr1", "cr2", "cr3", "cr4",
                           "cr5", "cr6", "cr7", "memory");
        printf("%d", seed);
        for (int i = 0; i < 11; i++) {
            printf(" %08x", out[i]);
        }
        printf("\n");
    }
    return 0;
}
