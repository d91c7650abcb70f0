/*
 * Differential random test: generates (fixed seed) sequences of integer
 * instructions into an executable buffer, runs each from a known state
 * and prints the registers, the flags (AF masked: never read here) and a
 * hash of a scratch area. Only instructions whose results and flags are
 * fully defined are used, so native and emulated runs must agree. Short
 * forward Jcc skips make the lazy flags cross block boundaries.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define N_SEQ 3000
#define SEQ_LEN 24

struct state {
    uint32_t r[8];      /* eax ecx edx ebx esp(unused) ebp(scratch) esi edi */
    uint32_t flags;
};

static uint32_t rng = 12345;

static uint32_t rnd(void)
{
    rng = rng * 1103515245u + 12345u;
    return rng >> 8;
}

/* Registers the code may read and write: eax ecx edx ebx esi edi. */
static int rreg(void)
{
    static const int regs[6] = { 0, 1, 2, 3, 6, 7 };
    return regs[rnd() % 6];
}

static uint8_t *emit_modrm_reg(uint8_t *p, int reg, int rm)
{
    *p++ = (uint8_t)(0xc0 | (reg << 3) | rm);
    return p;
}

/* [ebp + disp8] memory operand */
static uint8_t *emit_modrm_mem(uint8_t *p, int reg)
{
    *p++ = (uint8_t)(0x45 | (reg << 3));
    *p++ = (uint8_t)(rnd() % 120);
    return p;
}

/* One instruction with fully defined results (except AF). */
static uint8_t *emit_insn(uint8_t *p)
{
    int kind = rnd() % 24;
    int op = rnd() % 8;
    bool wide16 = rnd() % 5 == 0;
    switch (kind) {
    case 0: case 1: case 2: /* ALU r32/r16, r */
        if (wide16) {
            *p++ = 0x66;
        }
        *p++ = (uint8_t)(op * 8 + 1 + (rnd() & 2));
        return emit_modrm_reg(p, rreg(), rreg());
    case 3: /* ALU r8, r8 (AL..BH) */
        *p++ = (uint8_t)(op * 8 + (rnd() & 2));
        return emit_modrm_reg(p, rnd() % 8, rnd() % 8);
    case 4: /* ALU r, imm8 sign-extended / imm32 */
        if (rnd() & 1) {
            *p++ = 0x83;
            p = emit_modrm_reg(p, op, rreg());
            *p++ = (uint8_t)rnd();
        } else {
            *p++ = 0x81;
            p = emit_modrm_reg(p, op, rreg());
            uint32_t v = rnd() * 0x10001u;
            memcpy(p, &v, 4);
            p += 4;
        }
        return p;
    case 5: /* ALU with memory (either direction), sometimes LOCKed */
        if (!(op == 7) && (rnd() & 3) == 0) {
            *p++ = 0xf0;
            *p++ = (uint8_t)(op * 8 + 1);
        } else {
            *p++ = (uint8_t)(op * 8 + 1 + (rnd() & 2));
        }
        return emit_modrm_mem(p, rreg());
    case 6: /* INC/DEC/NOT/NEG */
        if (rnd() & 1) {
            *p++ = (uint8_t)(0x40 + (rnd() & 8) + rreg());
            return p;
        }
        *p++ = 0xf7;
        return emit_modrm_reg(p, 2 + (rnd() & 1), rreg());
    case 7: /* shifts and rotates by 1 (OF defined) */
        *p++ = (rnd() & 1) ? 0xd1 : 0xd0;
        return emit_modrm_reg(p, op == 6 ? 4 : op, rreg() & 3);
    case 8: /* SETcc r8 */
        *p++ = 0x0f;
        *p++ = (uint8_t)(0x90 + rnd() % 16);
        return emit_modrm_reg(p, 0, rnd() % 8);
    case 9: /* CMOVcc */
        *p++ = 0x0f;
        *p++ = (uint8_t)(0x40 + rnd() % 16);
        return emit_modrm_reg(p, rreg(), rreg());
    case 10: { /* LEA r, [base + index*s + disp8] */
        *p++ = 0x8d;
        *p++ = (uint8_t)(0x44 | (rreg() << 3));
        int idx = rreg();
        *p++ = (uint8_t)(((rnd() % 4) << 6) | (idx << 3) | rreg());
        *p++ = (uint8_t)rnd();
        return p;
    }
    case 11: /* MOVZX/MOVSX from r8 (any) or r16 (not SP/BP) */
        *p++ = 0x0f;
        if (rnd() & 1) {
            *p++ = (rnd() & 1) ? 0xb6 : 0xbe;
            return emit_modrm_reg(p, rreg(), rnd() % 8);
        }
        *p++ = (rnd() & 1) ? 0xb7 : 0xbf;
        return emit_modrm_reg(p, rreg(), rreg());
    case 12: /* XCHG, XADD, CMPXCHG r, r */
        switch (rnd() % 3) {
        case 0:
            *p++ = 0x87;
            return emit_modrm_reg(p, rreg(), rreg());
        case 1:
            *p++ = 0x0f;
            *p++ = 0xc1;
            return emit_modrm_reg(p, rreg(), rreg());
        default:
            *p++ = 0x0f;
            *p++ = 0xb1;
            return emit_modrm_reg(p, rreg(), rreg());
        }
    case 13: /* flag ops: CMC CLC STC, SALC */
        *p++ = (const uint8_t[]){ 0xf5, 0xf8, 0xf9, 0xd6 }[rnd() % 4];
        return p;
    case 14: /* MOV r, imm32 / MOV r8, imm8 */
        if (rnd() & 1) {
            *p++ = (uint8_t)(0xb8 + rreg());
            uint32_t v = rnd() ^ (rnd() << 16);
            memcpy(p, &v, 4);
            return p + 4;
        }
        *p++ = (uint8_t)(0xb0 + rnd() % 8);
        *p++ = (uint8_t)rnd();
        return p;
    case 15: /* MOV to/from memory, XCHG with memory */
        *p++ = (const uint8_t[]){ 0x89, 0x8b, 0x87, 0x88 }[rnd() % 4];
        return emit_modrm_mem(p, rreg());
    case 16: /* BSWAP, CWDE/CDQ */
        if (rnd() & 1) {
            *p++ = 0x0f;
            *p++ = (uint8_t)(0xc8 + rreg());
            return p;
        }
        *p++ = (rnd() & 1) ? 0x98 : 0x99;
        return p;
    case 17: /* ADC/SBB chains with carry */
        *p++ = (uint8_t)((rnd() & 1 ? 0x11 : 0x19) + (rnd() & 2));
        return emit_modrm_reg(p, rreg(), rreg());
    case 18: /* TEST r, r / TEST r8, imm8 */
        if (rnd() & 1) {
            *p++ = 0x85;
            return emit_modrm_reg(p, rreg(), rreg());
        }
        *p++ = 0xf6;
        p = emit_modrm_reg(p, 0, rnd() % 8);
        *p++ = (uint8_t)rnd();
        return p;
    case 19: /* SAHF: flags from AH (all defined) */
        *p++ = 0x9e;
        return p;
    default:
        /* Instructions that leave some flags undefined, each followed by
         * an ADD that defines them all again. */
        switch (rnd() % 7) {
        case 0: /* shift/rotate r by CL or imm8 */
            if (rnd() & 1) {
                *p++ = (rnd() & 1) ? 0xd3 : 0xd2;
                p = emit_modrm_reg(p, op == 6 ? 4 : op, rreg() & 3);
            } else {
                *p++ = (rnd() & 1) ? 0xc1 : 0xc0;
                p = emit_modrm_reg(p, op == 6 ? 4 : op, rreg() & 3);
                *p++ = (uint8_t)(rnd() % 40);
            }
            break;
        case 1: /* MUL/IMUL r */
            *p++ = 0xf7;
            p = emit_modrm_reg(p, 4 + (rnd() & 1), rreg());
            break;
        case 2: /* IMUL r, r / IMUL r, r, imm8 */
            if (rnd() & 1) {
                *p++ = 0x0f;
                *p++ = 0xaf;
                p = emit_modrm_reg(p, rreg(), rreg());
            } else {
                *p++ = 0x6b;
                p = emit_modrm_reg(p, rreg(), rreg());
                *p++ = (uint8_t)rnd();
            }
            break;
        case 3: /* BT/BTS/BTR/BTC r, r and r, imm8 */
            *p++ = 0x0f;
            if (rnd() & 1) {
                *p++ = (uint8_t)(0xa3 + 8 * (rnd() % 4));
                p = emit_modrm_reg(p, rreg(), rreg());
            } else {
                *p++ = 0xba;
                p = emit_modrm_reg(p, 4 + rnd() % 4, rreg());
                *p++ = (uint8_t)rnd();
            }
            break;
        case 4: /* BSF/BSR with a non-zero source */
            *p++ = 0x0d;   /* or $1, %eax: keep EAX non-zero */
            *p++ = 1; *p++ = 0; *p++ = 0; *p++ = 0;
            *p++ = 0x0f;
            *p++ = (rnd() & 1) ? 0xbc : 0xbd;
            p = emit_modrm_reg(p, rreg(), 0);
            break;
        case 5: /* SHLD/SHRD r, r, CL or imm8 (32-bit) */
            *p++ = 0x0f;
            if (rnd() & 1) {
                *p++ = (rnd() & 1) ? 0xa5 : 0xad;
                p = emit_modrm_reg(p, rreg(), rreg());
            } else {
                *p++ = (rnd() & 1) ? 0xa4 : 0xac;
                p = emit_modrm_reg(p, rreg(), rreg());
                *p++ = (uint8_t)(rnd() % 32);
            }
            break;
        default: /* RCL/RCR by CL (flags in, undefined OF out) */
            *p++ = 0xd3;
            p = emit_modrm_reg(p, 2 + (rnd() & 1), rreg());
            break;
        }
        *p++ = 0x01;
        return emit_modrm_reg(p, rreg(), rreg());
    }
}

static const uint8_t prologue[] = {
    0x60, 0x8b, 0x44, 0x24, 0x24, 0x50, 0xff, 0x70, 0x20, 0x9d,
    0x8b, 0x48, 0x04, 0x8b, 0x50, 0x08, 0x8b, 0x58, 0x0c, 0x8b, 0x68, 0x14,
    0x8b, 0x70, 0x18, 0x8b, 0x78, 0x1c, 0x8b, 0x00,
};
static const uint8_t epilogue[] = {
    0x9c, 0x50, 0x8b, 0x44, 0x24, 0x08, 0x8f, 0x00, 0x8f, 0x40, 0x20,
    0x89, 0x48, 0x04, 0x89, 0x50, 0x08, 0x89, 0x58, 0x0c, 0x89, 0x68, 0x14,
    0x89, 0x70, 0x18, 0x89, 0x78, 0x1c, 0x58, 0x61, 0xc3,
};

static uint8_t scratch[256];

int main(void)
{
    uint8_t *buf = mmap(NULL, 65536, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    /* Each sequence goes to its own slot so old translations stay valid
     * for some and are overwritten for others. */
    for (int seq = 0; seq < N_SEQ; seq++) {
        uint8_t *start = buf + (seq % 64) * 1024;
        uint8_t *p = start;
        memcpy(p, prologue, sizeof(prologue));
        p += sizeof(prologue);
        for (int i = 0; i < SEQ_LEN; i++) {
            if (rnd() % 6 == 0) {
                /* Jcc over the next instruction */
                uint8_t tmp[16];
                uint8_t *e = emit_insn(tmp);
                *p++ = (uint8_t)(0x70 + rnd() % 16);
                *p++ = (uint8_t)(e - tmp);
                memcpy(p, tmp, e - tmp);
                p += e - tmp;
            } else {
                p = emit_insn(p);
            }
        }
        memcpy(p, epilogue, sizeof(epilogue));
        struct state st;
        for (int i = 0; i < 8; i++) {
            st.r[i] = rnd() ^ (rnd() << 12);
        }
        for (int i = 0; i < 256; i++) {
            scratch[i] = (uint8_t)rnd();
        }
        st.r[5] = (uint32_t)(uintptr_t)scratch;
        st.flags = (rnd() & 0x8d5) | 0x202;
        ((void (*)(struct state *))start)(&st);
        uint32_t h = 2166136261u;
        for (int i = 0; i < 256; i++) {
            h = (h ^ scratch[i]) * 16777619u;
        }
        printf("%4d: %08x %08x %08x %08x %08x %08x f=%03x mem=%08x\n", seq,
               st.r[0], st.r[1], st.r[2], st.r[3], st.r[6], st.r[7],
               st.flags & 0x8c5, h);
    }
    /* A few long straight runs: blocks end at the instruction limit or a
     * page boundary rather than at a branch. */
    uint8_t *big = mmap(NULL, 65536, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int seq = 0; seq < 4; seq++) {
        uint8_t *p = big;
        memcpy(p, prologue, sizeof(prologue));
        p += sizeof(prologue);
        for (int i = 0; i < 4000; i++) {
            p = emit_insn(p);
        }
        memcpy(p, epilogue, sizeof(epilogue));
        struct state st;
        for (int i = 0; i < 8; i++) {
            st.r[i] = rnd() ^ (rnd() << 12);
        }
        st.r[5] = (uint32_t)(uintptr_t)scratch;
        st.flags = (rnd() & 0x8d5) | 0x202;
        ((void (*)(struct state *))big)(&st);
        printf("long %d: %08x %08x %08x %08x %08x %08x f=%03x\n", seq, st.r[0],
               st.r[1], st.r[2], st.r[3], st.r[6], st.r[7], st.flags & 0x8c5);
    }
    return 0;
}
