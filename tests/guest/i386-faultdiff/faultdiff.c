/*
 * Differential fault fuzzer for i386 (issue 11): for each seed, generates a
 * random instruction sequence (faulting, trapping and well-behaved forms,
 * memory operands aimed at mapped, unmapped, read-only, PROT_NONE,
 * page-crossing and 4 GiB-wrapping addresses), runs it from random
 * registers, flags, x87 state and memory, and prints one digest line of what
 * the signal handler saw: signal, si_code, si_addr, trapno, error code, all
 * registers, EFLAGS, DS/ES/SS, x87 control/status/tags/registers and a hash
 * of the data pages. run.sh compares the lines of the native run (the host
 * CPU is the oracle) with mimic-i386's on both backends.
 *
 * Usage: faultdiff FIRST COUNT      digests of seeds FIRST..FIRST+COUNT-1
 *        faultdiff dump SEED FILE   writes the seed's code bytes to FILE
 *        faultdiff mem SEED FILE    runs the seed, writes the data pages
 *
 * Everything the code can touch is at fixed addresses (the same natively
 * and under Mimic); registers used as addresses are loaded just before use,
 * and instructions whose results are undefined (flags after shifts, MUL,
 * DIV, BCD...; BSF/BSR of 0) are followed by instructions that define them
 * again, so only architected state is compared. Left out on purpose (see
 * docs/linux-user.md): CPUID, RDTSC, SMSW/SGDT-style reads, SYSCALL,
 * SYSENTER and INT 0x80 (host-specific values or real system calls),
 * transcendental x87 instructions, and FS/GS loads (the handler needs GS).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define PG 4096u
#define CODE_ADDR 0x50000000u
#define CODE_SIZE (4 * PG)
#define DATA 0x51000000u
/* Data pages: P0 unmapped, P1 P2 read-write, P3 read-only, P4 unmapped,
 * P5 PROT_NONE, P6 P7 read-write (the stack), P8 unmapped, P9 read-write
 * (the sink: not hashed, for FNSAVE/FNSTENV, whose instruction pointers
 * differ between CPUs), P10 unmapped, P11 read-only and never touched
 * before a run (mapped again for each seed: its page-table entry is not
 * present, so a write there has error code 6, not 7), P12 unmapped. */
#define PAGE(n) (DATA + (n) * PG)
#define N_HASHED 5
static const int hashed_pages[N_HASHED] = { 1, 2, 3, 6, 7 };

enum { EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI };

typedef struct Gen {
    uint8_t *buf;
    int len;
    uint64_t s;
    bool nocross;   /* no access across pages (x87 environment loads) */
    bool clean;     /* this seed: mostly good addresses, few traps (runs
                     * long sequences to their end) */
    bool no_esp;    /* no [esp + disp8] operand (unhashed stores) */
    int avoid;      /* a register the address must not use, or -1 */
} Gen;

static uint32_t rnd(Gen *g)
{
    g->s ^= g->s << 13;
    g->s ^= g->s >> 7;
    g->s ^= g->s << 17;
    return (uint32_t)(g->s >> 16);
}

static uint32_t rn(Gen *g, uint32_t n)
{
    return rnd(g) % n;
}

static bool chance(Gen *g, uint32_t one_in)
{
    return rn(g, one_in) == 0;
}

static void b(Gen *g, uint32_t v)
{
    g->buf[g->len++] = (uint8_t)v;
}

static void d16(Gen *g, uint32_t v)
{
    b(g, v);
    b(g, v >> 8);
}

static void d32(Gen *g, uint32_t v)
{
    d16(g, v);
    d16(g, v >> 16);
}

/* An immediate of 1, 2 or 4 random bytes. */
static void imm(Gen *g, int bytes)
{
    uint32_t v = rnd(g);
    if (bytes == 1) {
        b(g, v);
    } else if (bytes == 2) {
        d16(g, v);
    } else {
        d32(g, v);
    }
}

/* A register a 32/16-bit instruction may write: not ESP. */
static int dreg(Gen *g)
{
    static const int r[7] = { EAX, ECX, EDX, EBX, EBP, ESI, EDI };
    return r[rn(g, 7)];
}

/* Operand width: 1, 2 or 4 bytes. */
static int width(Gen *g)
{
    uint32_t r = rn(g, 20);
    return r < 12 ? 4 : r < 17 ? 1 : 2;
}

/* ---- addresses ---- */

/* An address for an access of `size` bytes, from the interesting places. */
static uint32_t pick_addr_any(Gen *g, uint32_t size);

static uint32_t pick_addr(Gen *g, uint32_t size)
{
    uint32_t a = pick_addr_any(g, size);
    if (g->nocross && (a & 0xfff) + size > 0x1000) {
        a &= ~0xfffu;
    }
    return a;
}

static uint32_t pick_addr_any(Gen *g, uint32_t size)
{
    uint32_t k = size > 1 ? 1 + rn(g, size - 1) : 1;   /* bytes before an edge */
    uint32_t a;
    uint32_t r = rn(g, 27);
    if (g->clean && rn(g, 16)) {
        r = r & 1 ? 0 : 18;   /* read-write data or stack */
    }
    switch (r) {
    case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7:
        a = PAGE(1) + rn(g, 2 * PG - size);
        if (rn(g, 2)) {
            a &= ~(size >= 8 ? 7u : size >= 4 ? 3u : size - 1);
        }
        return a;
    case 8:  return PAGE(2) - k;                 /* RW | RW */
    case 9:  return PAGE(3) - k;                 /* RW | read-only */
    case 10: return PAGE(3) + rn(g, PG - size);  /* read-only */
    case 11: return PAGE(4) - k;                 /* read-only | unmapped */
    case 12: return PAGE(4) + rn(g, PG);         /* unmapped */
    case 13: return rn(g, 2) ? PAGE(5) + rn(g, PG) : PAGE(6) - k;  /* PROT_NONE */
    case 14: return PAGE(1) - k;                 /* unmapped | RW */
    case 15: return rn(g, 2) ? 0u - k : 0xfffffff0u + rn(g, 16);   /* 4 GiB */
    case 16: return 0xffffe000u + rn(g, PG);     /* top pages, not wrapping */
    case 17: return rn(g, 0x100);                /* NULL page */
    case 24: return PAGE(11) + rn(g, PG - size); /* read-only, untouched */
    case 25: return PAGE(12) - k;                /* untouched read-only | unmapped */
    case 26: return rn(g, 2) ? PAGE(11) - k : PAGE(4) - k;   /* unmapped | untouched; RO | unmapped */
    default:
        a = PAGE(6) + rn(g, 2 * PG - size);
        if (rn(g, 2)) {
            a &= ~3u;
        }
        return a;
    }
}

/* Where FNSAVE/FNSTENV may store: the sink page, or a faulting place. */
static uint32_t pick_sink(Gen *g, uint32_t size)
{
    /* Not across into an unmapped page: which of their several stores
     * faults first is the CPU's own business (it differs natively). */
    switch (rn(g, 6)) {
    case 0: return 0u - 1 - rn(g, size - 1);   /* across 4 GiB */
    case 1: return PAGE(4) + rn(g, PG);
    case 2: return PAGE(3) + rn(g, PG - size);
    default: return PAGE(9) + rn(g, PG - size);
    }
}

/* A memory operand: the ModRM byte (reg field 0) and what follows it;
 * registers it uses are loaded by instructions emitted by mem_prep. */
typedef struct Mem {
    uint8_t t[8];
    int n;
    int seg;        /* segment-override prefix byte, or 0 */
    int addr16;     /* 0x67 */
} Mem;

static void mov_imm(Gen *g, int reg, uint32_t v)
{
    b(g, 0xb8 + reg);
    d32(g, v);
}

static void mem_at(Gen *g, Mem *m, uint32_t addr)
{
    uint8_t *t = m->t;
    m->n = 0;
    m->seg = 0;
    m->addr16 = 0;
    uint32_t r = rn(g, 16);
    if (r < 5) {                          /* [disp32] */
        t[m->n++] = 0x05;
        memcpy(t + m->n, &addr, 4);
        m->n += 4;
    } else if (r < 11) {                  /* [base + disp8/disp32] */
        int base;
        do {
            base = dreg(g);
        } while (base == g->avoid);
        int32_t disp = rn(g, 2) ? (int32_t)rn(g, 256) - 128 : (int32_t)rnd(g);
        mov_imm(g, base, addr - (uint32_t)disp);
        if (disp >= -128 && disp < 128) {
            t[m->n++] = (uint8_t)(0x40 | base);
            t[m->n++] = (uint8_t)disp;
        } else {
            t[m->n++] = (uint8_t)(0x80 | base);
            memcpy(t + m->n, &disp, 4);
            m->n += 4;
        }
    } else if (r < 15) {                  /* [base + index*scale + disp8] */
        int base, index;
        do {
            base = dreg(g);
        } while (base == g->avoid);
        do {
            index = dreg(g);
        } while (index == base || index == g->avoid);
        int scale = rn(g, 4);
        uint32_t iv = rn(g, 64) - 32;
        int32_t disp = (int32_t)rn(g, 256) - 128;
        mov_imm(g, index, iv);
        mov_imm(g, base, addr - (uint32_t)disp - (iv << scale));
        t[m->n++] = 0x44;
        t[m->n++] = (uint8_t)((scale << 6) | (index << 3) | base);
        t[m->n++] = (uint8_t)disp;
    } else if (rn(g, 4) && !g->no_esp) {
        /* [esp + disp8]: the stack. */
        t[m->n++] = 0x44;
        t[m->n++] = 0x24;
        t[m->n++] = (uint8_t)(rn(g, 64) - 32);
    } else {                              /* addr16 [disp16]: the NULL page */
        m->addr16 = 1;
        t[m->n++] = 0x06;
        t[m->n++] = (uint8_t)addr;
        t[m->n++] = (uint8_t)(addr >> 8);
    }
    switch (rn(g, 24)) {
    case 0: m->seg = 0x36; break;   /* SS: #SS instead of #GP */
    case 1: m->seg = 0x26; break;
    case 2: m->seg = 0x2e; break;   /* CS: readable, never writable (#GP(0)) */
    default: break;
    }
}

static void mem_prep(Gen *g, Mem *m, uint32_t size)
{
    mem_at(g, m, pick_addr(g, size));
}

/* FLDENV/FRSTOR: not across into another page, where which of their reads
 * faults first is the CPU's business (AMD's is not the first byte). */
static void mem_prep_nocross(Gen *g, Mem *m, uint32_t size)
{
    g->nocross = true;
    mem_prep(g, m, size);
    g->nocross = false;
}

/* Prefixes (LOCK, segment, address and operand size), then the opcode
 * bytes are the caller's, then put_mem. */
static void prefixes(Gen *g, const Mem *m, bool lock, bool o16)
{
    if (lock) {
        b(g, 0xf0);
    }
    if (m && m->seg) {
        b(g, m->seg);
    }
    if (m && m->addr16) {
        b(g, 0x67);
    }
    if (o16) {
        b(g, 0x66);
    }
}

static void put_mem(Gen *g, const Mem *m, int regfield)
{
    b(g, m->t[0] | (regfield << 3));
    for (int i = 1; i < m->n; i++) {
        b(g, m->t[i]);
    }
}

static void put_rr(Gen *g, int reg, int rm)
{
    b(g, 0xc0 | (reg << 3) | rm);
}

/* ADD r32, r32: defines OF SF ZF AF PF CF after an instruction that left
 * some undefined. */
static void define_flags(Gen *g)
{
    b(g, 0x01);
    put_rr(g, rn(g, 8), dreg(g));
}

/* ---- instruction classes ---- */

/* ALU op (ADD OR ADC SBB AND SUB XOR CMP) in its register, immediate and
 * memory forms, LOCKed on memory sometimes (and wrongly, for #UD). */
static void i_alu(Gen *g)
{
    int op = rn(g, 8), w = width(g);
    bool o16 = w == 2, lock = false;
    int wb = w > 1;
    Mem m;
    switch (rn(g, 6)) {
    case 0:
        prefixes(g, NULL, chance(g, 40), o16);
        b(g, op * 8 + wb + (rn(g, 2) ? 2 : 0));
        put_rr(g, w == 1 ? rn(g, 8) : dreg(g), w == 1 ? rn(g, 8) : dreg(g));
        break;
    case 1: {
        prefixes(g, NULL, false, o16);
        int opc = w == 1 ? 0x80 : rn(g, 2) ? 0x83 : 0x81;
        if (rn(g, 3) == 0) {
            b(g, op * 8 + 4 + wb);   /* AL/AX/EAX, imm */
            opc = w == 1 ? 0x80 : 0x81;
        } else {
            b(g, opc);
            put_rr(g, op, w == 1 ? rn(g, 8) : dreg(g));
        }
        if (opc != 0x81) {
            b(g, rnd(g));
        } else if (w == 2) {
            d16(g, rnd(g));
        } else {
            d32(g, rnd(g) ^ (rnd(g) << 16));
        }
        break;
    }
    case 2: case 3:
        mem_prep(g, &m, w);
        lock = op != 7 ? chance(g, 3) : chance(g, 30);
        prefixes(g, &m, lock, o16);
        b(g, op * 8 + wb);
        put_mem(g, &m, rn(g, 8));
        break;
    case 4:
        mem_prep(g, &m, w);
        prefixes(g, &m, chance(g, 30), o16);
        b(g, op * 8 + 2 + wb);
        put_mem(g, &m, w == 1 ? rn(g, 8) : dreg(g));
        break;
    default: {
        mem_prep(g, &m, w);
        lock = op != 7 ? chance(g, 3) : chance(g, 30);
        prefixes(g, &m, lock, o16);
        int opc = w == 1 ? 0x80 : rn(g, 2) ? 0x83 : 0x81;
        b(g, opc);
        put_mem(g, &m, op);
        imm(g, opc != 0x81 ? 1 : w);
        break;
    }
    }
    if (op == 1 || op == 4 || op == 6) {
        define_flags(g);   /* AF is undefined after logic operations */
    }
}

/* INC DEC NOT NEG TEST on registers and memory. */
static void i_unary(Gen *g)
{
    int w = width(g);
    bool o16 = w == 2;
    int sub = rn(g, 5);   /* 0 TEST imm, 1 INC, 2 DEC, 3 NOT, 4 NEG */
    static const int f6[5] = { 0, 0, 0, 2, 3 };
    Mem m;
    bool mem = rn(g, 2);
    if (mem) {
        mem_prep(g, &m, w);
    }
    prefixes(g, mem ? &m : NULL, mem && sub ? chance(g, 3) : chance(g, 50), o16);
    if (sub == 1 || sub == 2) {
        if (!mem && w > 1 && rn(g, 2)) {
            b(g, (sub == 1 ? 0x40 : 0x48) + dreg(g));
            return;
        }
        b(g, w == 1 ? 0xfe : 0xff);
    } else {
        b(g, w == 1 ? 0xf6 : 0xf7);
    }
    int rf = sub == 1 ? 0 : sub == 2 ? 1 : f6[sub];
    if (mem) {
        put_mem(g, &m, rf);
    } else {
        put_rr(g, rf, w == 1 ? rn(g, 8) : dreg(g));
    }
    if (sub == 0) {
        imm(g, w);
        define_flags(g);
    }
}

/* Shifts and rotates (by 1, CL, imm8), SHLD/SHRD. */
static void i_shift(Gen *g)
{
    int w = width(g), op = rn(g, 8);
    Mem m;
    bool mem = chance(g, 3);
    if (rn(g, 5) == 0) {   /* SHLD/SHRD, 32-bit or 16-bit with a count < 16 */
        bool o16 = chance(g, 3);
        bool cl = rn(g, 2);
        if (cl && o16) {
            mem = false;   /* mem_prep could load ECX after the count */
        }
        if (cl) {
            b(g, 0xb1);    /* mov $n, %cl */
            b(g, rn(g, o16 ? 16 : 32));
        }
        if (mem) {
            mem_prep(g, &m, o16 ? 2 : 4);
        }
        prefixes(g, mem ? &m : NULL, false, o16);
        b(g, 0x0f);
        b(g, (rn(g, 2) ? 0xa4 : 0xac) + cl);
        int src = rn(g, 8);
        if (mem) {
            put_mem(g, &m, src);
        } else {
            put_rr(g, src, dreg(g));
        }
        if (!cl) {
            b(g, rn(g, o16 ? 16 : 32));
        }
        define_flags(g);
        return;
    }
    if (mem) {
        mem_prep(g, &m, w);
    }
    prefixes(g, mem ? &m : NULL, false, w == 2);
    int kind = rn(g, 3);
    b(g, (kind == 0 ? 0xd0 : kind == 1 ? 0xd2 : 0xc0) + (w > 1));
    if (mem) {
        put_mem(g, &m, op);
    } else {
        put_rr(g, op, w == 1 ? rn(g, 8) : dreg(g));
    }
    if (kind == 2) {
        b(g, rn(g, 4) ? rn(g, 40) : rnd(g));
    }
    define_flags(g);
}

/* MUL IMUL DIV IDIV (with #DE), IMUL r, r/m [, imm]. */
static void i_muldiv(Gen *g)
{
    int w = width(g);
    Mem m;
    bool mem = chance(g, 3);
    int op = 4 + rn(g, 4);
    if (rn(g, 4) == 0) {   /* IMUL r, r/m (, imm) */
        bool o16 = chance(g, 4);
        int form = rn(g, 3);
        if (mem) {
            mem_prep(g, &m, o16 ? 2 : 4);
        }
        prefixes(g, mem ? &m : NULL, false, o16);
        if (form == 0) {
            b(g, 0x0f);
            b(g, 0xaf);
        } else {
            b(g, form == 1 ? 0x6b : 0x69);
        }
        if (mem) {
            put_mem(g, &m, dreg(g));
        } else {
            put_rr(g, dreg(g), rn(g, 8));
        }
        if (form == 1) {
            b(g, rnd(g));
        } else if (form == 2) {
            if (o16) {
                d16(g, rnd(g));
            } else {
                d32(g, rnd(g));
            }
        }
        define_flags(g);
        return;
    }
    if (op >= 6) {   /* dividends that sometimes fit */
        switch (rn(g, 4)) {
        case 0:
            b(g, 0x31);
            put_rr(g, EDX, EDX);     /* xor %edx, %edx */
            b(g, 0xb4);
            b(g, rn(g, 4));          /* mov $small, %ah */
            break;
        case 1:
            b(g, 0x99);              /* cdq */
            break;
        default:
            break;
        }
    }
    int rm = rn(g, 8);
    if (!mem && chance(g, 6)) {
        b(g, 0x31);
        put_rr(g, rm, rm);         /* a zero divisor */
    }
    if (mem) {
        mem_prep(g, &m, w);
    }
    prefixes(g, mem ? &m : NULL, false, w == 2);
    b(g, w == 1 ? 0xf6 : 0xf7);
    if (mem) {
        put_mem(g, &m, op);
    } else {
        put_rr(g, op, rm);
    }
    define_flags(g);
}

/* BT BTS BTR BTC (register offsets into memory kept small), BSF BSR. */
static void i_bits(Gen *g)
{
    bool o16 = chance(g, 4);
    Mem m;
    bool mem = rn(g, 2);
    if (chance(g, 3)) {   /* BSF/BSR; the destination is undefined for 0 */
        int d = dreg(g);
        if (mem) {
            mem_prep(g, &m, o16 ? 2 : 4);
        }
        prefixes(g, mem ? &m : NULL, false, o16);
        b(g, 0x0f);
        b(g, rn(g, 2) ? 0xbc : 0xbd);
        if (mem) {
            put_mem(g, &m, d);
        } else {
            put_rr(g, d, rn(g, 8));
        }
        b(g, 0x75);          /* jnz over mov $imm, d */
        b(g, 5);
        mov_imm(g, d, rnd(g));
        define_flags(g);
        return;
    }
    bool imm = rn(g, 2);
    int src = dreg(g);
    if (mem && !imm) {
        mov_imm(g, src, rn(g, 256) - 128);
    }
    int op = rn(g, 4);
    if (mem) {
        g->avoid = imm ? -1 : src;   /* the bit offset stays small */
        mem_prep(g, &m, o16 ? 2 : 4);
        g->avoid = -1;
    }
    prefixes(g, mem ? &m : NULL, mem && op ? chance(g, 3) : false, o16);
    b(g, 0x0f);
    if (imm) {
        b(g, 0xba);
        if (mem) {
            put_mem(g, &m, 4 + op);
        } else {
            put_rr(g, 4 + op, dreg(g));
        }
        b(g, rnd(g));
    } else {
        b(g, 0xa3 + 8 * op);
        if (mem) {
            put_mem(g, &m, src);
        } else {
            put_rr(g, rn(g, 8), dreg(g));
        }
    }
    define_flags(g);
}

/* SETcc, CMOVcc (which reads its memory operand whatever the condition). */
static void i_cond(Gen *g)
{
    Mem m;
    bool mem = rn(g, 2);
    if (rn(g, 2)) {
        if (mem) {
            mem_prep(g, &m, 1);
        }
        prefixes(g, mem ? &m : NULL, false, false);
        b(g, 0x0f);
        b(g, 0x90 + rn(g, 16));
        if (mem) {
            put_mem(g, &m, 0);
        } else {
            put_rr(g, 0, rn(g, 8));
        }
        return;
    }
    bool o16 = chance(g, 4);
    if (mem) {
        mem_prep(g, &m, o16 ? 2 : 4);
    }
    prefixes(g, mem ? &m : NULL, false, o16);
    b(g, 0x0f);
    b(g, 0x40 + rn(g, 16));
    if (mem) {
        put_mem(g, &m, dreg(g));
    } else {
        put_rr(g, dreg(g), rn(g, 8));
    }
}

/* MOV forms, MOVZX/MOVSX, XCHG, LEA, BSWAP, CBW/CWDE/CDQ, XLAT. */
static void i_mov(Gen *g)
{
    int w = width(g);
    bool o16 = w == 2;
    Mem m;
    switch (rn(g, 9)) {
    case 0:
        mov_imm(g, dreg(g), rnd(g) ^ (rnd(g) << 16));
        return;
    case 1: case 2:
        mem_prep(g, &m, w);
        if (chance(g, 8)) {
            m.seg = 0x2e;   /* CS: readable, never writable (#GP(0)) */
        }
        prefixes(g, &m, false, o16);
        b(g, 0x88 + (w > 1) + (rn(g, 2) ? 2 : 0));
        put_mem(g, &m, (g->buf[g->len - 1] & 2) && w > 1 ? dreg(g) : rn(g, 8));
        return;
    case 3:
        mem_prep(g, &m, w);
        prefixes(g, &m, false, o16);
        b(g, w == 1 ? 0xc6 : 0xc7);
        put_mem(g, &m, 0);
        imm(g, w);
        return;
    case 4: {
        bool word = rn(g, 2);
        bool mem = rn(g, 2);
        if (mem) {
            mem_prep(g, &m, word ? 2 : 1);
        }
        prefixes(g, mem ? &m : NULL, false, chance(g, 5));
        b(g, 0x0f);
        b(g, (rn(g, 2) ? 0xb6 : 0xbe) + word);
        if (mem) {
            put_mem(g, &m, dreg(g));
        } else {
            put_rr(g, dreg(g), rn(g, 8));
        }
        return;
    }
    case 5:   /* XCHG with memory (always locked) */
        mem_prep(g, &m, w);
        prefixes(g, &m, chance(g, 4), o16);
        b(g, 0x86 + (w > 1));
        put_mem(g, &m, w == 1 ? rn(g, 8) : dreg(g));
        return;
    case 6:
        if (chance(g, 20)) {
            b(g, 0x8d);
            put_rr(g, dreg(g), rn(g, 8));   /* LEA with a register: #UD */
            return;
        }
        mem_prep(g, &m, 1);
        prefixes(g, &m, false, o16);
        b(g, 0x8d);
        put_mem(g, &m, dreg(g));
        return;
    case 7:
        if (rn(g, 2)) {
            b(g, 0x0f);
            b(g, 0xc8 + dreg(g));
        } else {
            prefixes(g, NULL, false, chance(g, 3));
            b(g, rn(g, 2) ? 0x98 : 0x99);
        }
        return;
    default:   /* XLAT */
        mov_imm(g, EBX, pick_addr(g, 1) - rn(g, 256));
        b(g, 0xd7);
        return;
    }
}

/* MOVS CMPS STOS LODS SCAS with REP/REPE/REPNE, either direction, counts
 * that run into faults. */
static void i_string(Gen *g)
{
    static const uint8_t ops[5] = { 0xa4, 0xa6, 0xaa, 0xac, 0xae };
    int op = ops[rn(g, 5)];
    int w = width(g);
    bool down = chance(g, 3);
    b(g, down ? 0xfd : 0xfc);
    /* CMPS: which of its two reads faults first when both would is the
     * CPU's choice (AMD reads ES:EDI first): the source is readable. */
    uint32_t src = pick_addr(g, w);
    if (op == 0xa6) {
        src = (PAGE(1) + rn(g, 2 * PG - 0x1000)) & ~(uint32_t)(w - 1);
    }
    mov_imm(g, ESI, src);
    mov_imm(g, EDI, pick_addr(g, w));
    uint32_t r = rn(g, 20), n;
    n = r < 1 ? 0 : r < 11 ? 1 + rn(g, 16) : r < 18 ? 17 + rn(g, 300) : 0x1000 + rn(g, 0x2000);
    mov_imm(g, ECX, n);
    if (chance(g, 4) && (op == 0xa4 || op == 0xa6 || op == 0xac)) {
        /* CMPS reads through CS (not SS, nor a DS that may be null):
         * a fault of its source read must not compete with one of the
         * ES:EDI read, which the CPU may do first. */
        static const uint8_t segs[3] = { 0x2e, 0x36, 0x26 };
        int seg = segs[rn(g, 3)];
        b(g, op == 0xa6 && seg == 0x36 ? 0x2e : seg);
    } else if (op == 0xa6) {
        b(g, 0x2e);   /* (DS may be null: CS, which is not) */
    }
    if (w == 2) {
        b(g, 0x66);
    }
    uint32_t p = rn(g, 8);
    if (p < 5) {
        b(g, 0xf3);
    } else if (p < 7) {
        b(g, 0xf2);
    }
    b(g, op + (w > 1));
    if (down) {
        b(g, 0xfc);
    }
}

/* PUSH POP (registers, immediates, memory, flags, segments), PUSHA POPA,
 * ENTER (nesting levels up to 31) LEAVE, CALL, ESP moved near edges. */
static void i_stack(Gen *g)
{
    Mem m;
    uint32_t kind = rn(g, 16);
    switch (kind) {
    case 0:
        prefixes(g, NULL, false, chance(g, 5));
        b(g, 0x50 + rn(g, 8));
        return;
    case 1:
        prefixes(g, NULL, false, chance(g, 5));
        b(g, 0x58 + dreg(g));
        return;
    case 2:
        if (rn(g, 2)) {
            b(g, 0x6a);
            b(g, rnd(g));
        } else {
            b(g, 0x68);
            d32(g, rnd(g));
        }
        return;
    case 3: case 4:   /* PUSH m, POP m */
        mem_prep(g, &m, 4);
        prefixes(g, &m, false, chance(g, 6));
        b(g, kind == 3 ? 0xff : 0x8f);
        put_mem(g, &m, kind == 3 ? 6 : 0);
        return;
    case 5:
        prefixes(g, NULL, false, chance(g, 5));
        b(g, 0x9c);
        return;
    case 6: {   /* POPF of chosen flags: arithmetic, DF, sometimes AC, TF, NT */
        uint32_t f = (rnd(g) & 0xcd5) | 2;
        if (chance(g, 4)) {
            f |= 1u << 18;
        }
        if (chance(g, 12)) {
            f |= 1u << 14;
        }
        bool tf = chance(g, 16);
        if (tf) {
            f |= 1u << 8;
        }
        b(g, 0x68);
        d32(g, f);
        if (chance(g, 6)) {
            b(g, 0x66);   /* POPFW: pops 16 bits, leaving 2 on the stack */
        }
        b(g, 0x9d);
        if (tf) {
            b(g, 0x90);   /* the trap comes after this NOP */
        }
        return;
    }
    case 7:
        prefixes(g, NULL, false, chance(g, 6));
        b(g, rn(g, 2) ? 0x60 : 0x61);
        return;
    case 8: case 9: {
        int level = rn(g, 2) ? 0 : rn(g, 3) ? 1 + rn(g, 4) : rn(g, 64);
        uint32_t size = rn(g, 4) ? rn(g, 64) * 4 : rn(g, 0x3000);
        if (level) {
            mov_imm(g, EBP, rn(g, 3) ? pick_addr(g, 4) : PAGE(6) + rn(g, 2 * PG));
        }
        prefixes(g, NULL, false, chance(g, 8));
        b(g, 0xc8);
        d16(g, size);
        b(g, level);
        return;
    }
    case 10:
        mov_imm(g, EBP, rn(g, 2) ? pick_addr(g, 4) : PAGE(6) + rn(g, 2 * PG));
        prefixes(g, NULL, false, chance(g, 8));
        b(g, 0xc9);
        return;
    case 11:
        b(g, 0xe8);
        d32(g, 0);
        return;
    case 12: {   /* a new ESP near an edge */
        uint32_t sp;
        switch (rn(g, 6)) {
        case 0: sp = PAGE(6) + rn(g, 24); break;
        case 1: sp = rn(g, 12); break;
        case 2: sp = pick_addr(g, 4); break;
        case 3: sp = PAGE(2) + rn(g, 24); break;   /* above read-only P3? no: RW */
        case 4: sp = PAGE(4) + rn(g, 24); break;   /* above read-only P3 */
        default: sp = PAGE(6) + rn(g, 2 * PG); break;
        }
        mov_imm(g, ESP, sp);
        return;
    }
    case 13: {   /* DS/ES/SS pushes and pops */
        /* Not POP DS (see the null DS below) nor POP ES of random stack
         * data: the host's GDT has entries (the 64-bit code segment 0x33)
         * that Mimic's has not. */
        static const uint8_t ops[4] = { 0x06, 0x1e, 0x16, 0x06 };
        int op = ops[rn(g, 4)];
        if (!(op & 1)) {
            b(g, 0x83);   /* and $-4, %esp: no #AC question (see below) */
            b(g, 0xe4);
            b(g, 0xfc);
        }
        b(g, op);
        if (!(op & 1)) {
            /* PUSH sreg writes 2 bytes (recent Intel) or 4 (AMD): the
             * upper half of the slot is made the same either way. */
            b(g, 0x66);
            b(g, 0xc7);
            b(g, 0x44);
            b(g, 0x24);
            b(g, 0x02);
            d16(g, 0);
            define_flags(g);
        }
        return;
    }
    case 14: {   /* MOV to DS/ES/SS: null, valid, code, LDT, bad */
        /* (not 0x63, the TLS entry: its base differs from run to run) */
        static const uint32_t sels[5] = { 0, 0x2b, 0x23, 0x2f, 0x1234 };
        uint32_t sel = chance(g, 4) ? rnd(g) : sels[rn(g, 5)];
        int r = dreg(g);
        mov_imm(g, r, sel);
        static const int sregs[3] = { 0, 3, 2 };
        int sreg = sregs[rn(g, 3)];
        b(g, 0x8e);
        put_rr(g, sreg, r);
        return;
    }
    default:
        b(g, 0x66);
        b(g, 0x6a);
        b(g, rnd(g));
        return;
    }
}

/* CMPXCHG XADD CMPXCHG8B, with and without LOCK; XCHG with registers. */
static void i_atomic(Gen *g)
{
    int w = width(g);
    Mem m;
    uint32_t r = rn(g, 6);
    if (r == 5) {
        if (chance(g, 10)) {
            b(g, 0x0f);
            b(g, 0xc7);
            put_rr(g, 1, rn(g, 8));   /* register form: #UD */
            return;
        }
        mem_prep(g, &m, 8);
        prefixes(g, &m, rn(g, 2), false);
        b(g, 0x0f);
        b(g, 0xc7);
        put_mem(g, &m, 1);
        return;
    }
    if (r == 4) {
        prefixes(g, NULL, false, w == 2);
        b(g, 0x86 + (w > 1));
        put_rr(g, w == 1 ? rn(g, 8) : dreg(g), w == 1 ? rn(g, 8) : dreg(g));
        return;
    }
    bool mem = r < 3;
    if (mem) {
        mem_prep(g, &m, w);
    }
    prefixes(g, mem ? &m : NULL, mem ? rn(g, 2) : chance(g, 20), w == 2);
    b(g, 0x0f);
    b(g, (rn(g, 2) ? 0xb0 : 0xc0) + (w > 1));
    int reg = w == 1 ? rn(g, 8) : dreg(g);
    if (mem) {
        put_mem(g, &m, reg);
    } else {
        put_rr(g, reg, w == 1 ? rn(g, 8) : dreg(g));
    }
}

/* x87: loads, stores, arithmetic with memory and registers, control and
 * status words, environment and state saves. */
static void i_x87(Gen *g)
{
    Mem m;
    static const uint8_t regops[][2] = {
        { 0xd9, 0xe0 }, { 0xd9, 0xe1 }, { 0xd9, 0xe4 }, { 0xd9, 0xe5 },
        { 0xd9, 0xe8 }, { 0xd9, 0xee }, { 0xd9, 0xeb }, { 0xd9, 0xf7 },
        { 0xd9, 0xf6 }, { 0xd9, 0xfa }, { 0xd9, 0xfc }, { 0xdf, 0xe0 },
        { 0xdb, 0xe2 }, { 0xdb, 0xe3 }, { 0x9b, 0x90 },
    };
    switch (rn(g, 12)) {
    case 0: case 1: {   /* loads: FLD m32/m64/m80, FILD m16/m32/m64 */
        static const uint8_t ld[6][3] = {
            { 0xd9, 0, 4 }, { 0xdd, 0, 8 }, { 0xdb, 5, 10 },
            { 0xdf, 0, 2 }, { 0xdb, 0, 4 }, { 0xdf, 5, 8 },
        };
        int i = rn(g, 6);
        mem_prep(g, &m, ld[i][2]);
        prefixes(g, &m, false, false);
        b(g, ld[i][0]);
        put_mem(g, &m, ld[i][1]);
        return;
    }
    case 2: case 3: {   /* stores: FST(P) m32/m64, FSTP m80, FIST(P) m16/m32, FISTP m64 */
        static const uint8_t st[9][3] = {
            { 0xd9, 2, 4 }, { 0xd9, 3, 4 }, { 0xdd, 2, 8 }, { 0xdd, 3, 8 },
            { 0xdb, 7, 10 }, { 0xdf, 2, 2 }, { 0xdf, 3, 2 }, { 0xdb, 3, 4 },
            { 0xdf, 7, 8 },
        };
        int i = rn(g, 9);
        mem_prep(g, &m, st[i][2]);
        prefixes(g, &m, false, false);
        b(g, st[i][0]);
        put_mem(g, &m, st[i][1]);
        return;
    }
    case 4: {   /* arithmetic with m32/m64 real, m32/m16 integer */
        static const uint8_t ar[4][2] = { { 0xd8, 4 }, { 0xdc, 8 }, { 0xda, 4 }, { 0xde, 2 } };
        int i = rn(g, 4);
        mem_prep(g, &m, ar[i][1]);
        prefixes(g, &m, false, false);
        b(g, ar[i][0]);
        put_mem(g, &m, rn(g, 8));
        return;
    }
    case 5: case 6: {   /* register arithmetic, FXCH, FLD/FST(P) st(i), FFREE */
        static const uint8_t op[] = { 0xd8, 0xdc, 0xde };
        switch (rn(g, 4)) {
        case 0: {
            int opc = op[rn(g, 3)], rm = 0xc0 | rn(g, 64);
            b(g, opc);
            b(g, rm);
            return;
        }
        case 1:
            b(g, 0xd9);
            b(g, (rn(g, 2) ? 0xc8 : 0xc0) + rn(g, 8));
            return;
        case 2:
            b(g, 0xdd);
            b(g, (rn(g, 3) ? 0xd0 + 8 * rn(g, 2) : 0xc0) + rn(g, 8));
            return;
        default:   /* FCOMI/FUCOMI(P): ZF PF CF */
            b(g, rn(g, 2) ? 0xdb : 0xdf);
            b(g, (rn(g, 2) ? 0xf0 : 0xe8) + rn(g, 8));
            return;
        }
    }
    case 7: case 8: {
        int i = rn(g, sizeof(regops) / sizeof(regops[0]));
        b(g, regops[i][0]);
        if (regops[i][0] != 0x9b) {
            b(g, regops[i][1]);
        }
        return;
    }
    case 9: {   /* FNSTSW/FNSTCW m16, FLDCW m16 */
        mem_prep(g, &m, 2);
        prefixes(g, &m, false, false);
        int k = rn(g, 3);
        b(g, k == 0 ? 0xdd : 0xd9);
        put_mem(g, &m, k == 0 ? 7 : k == 1 ? 7 : 5);
        return;
    }
    case 10: {   /* FLDENV / FRSTOR from anywhere */
        bool env = rn(g, 2);
        bool o16 = chance(g, 4);
        mem_prep_nocross(g, &m, env ? (o16 ? 14 : 28) : (o16 ? 94 : 108));
        prefixes(g, &m, false, o16);
        b(g, env ? 0xd9 : 0xdd);
        put_mem(g, &m, 4);
        return;
    }
    default: {   /* FNSTENV / FNSAVE to the sink or a faulting place */
        bool env = rn(g, 2);
        bool o16 = chance(g, 4);
        uint32_t size = env ? (o16 ? 14 : 28) : (o16 ? 94 : 108);
        g->no_esp = true;
        mem_at(g, &m, pick_sink(g, size));
        g->no_esp = false;
        m.addr16 = 0;
        if (m.t[0] == 0x06) {   /* mem_at chose addr16: use [disp32] */
            uint32_t a = pick_sink(g, size);
            m.t[0] = 0x05;
            memcpy(m.t + 1, &a, 4);
            m.n = 5;
        }
        prefixes(g, &m, false, o16);
        b(g, env ? 0xd9 : 0xdd);
        put_mem(g, &m, 6);
        return;
    }
    }
}

/* DAA DAS AAA AAS AAM AAD (AAM 0: #DE), flag instructions, SAHF/LAHF. */
static void i_misc(Gen *g)
{
    switch (rn(g, 4)) {
    case 0: case 1: {
        static const uint8_t ops[6] = { 0x27, 0x2f, 0x37, 0x3f, 0xd4, 0xd5 };
        int op = ops[rn(g, 6)];
        b(g, op);
        if (op == 0xd4 || op == 0xd5) {
            b(g, chance(g, 6) ? 0 : rn(g, 2) ? 10 : rnd(g));
        }
        define_flags(g);
        return;
    }
    default: {
        static const uint8_t ops[9] = { 0xf5, 0xf8, 0xf9, 0xfc, 0xfd, 0x9e, 0x9f, 0xd6, 0x90 };
        b(g, ops[rn(g, 9)]);
        return;
    }
    }
}

/* Instructions that fault or trap at CPL 3: UD2/UD1, INT n, INT3, INTO,
 * INT1, HLT, CLI/STI, I/O, privileged 0F forms, BOUND, ARPL, LDS/LES, MOV
 * to CS. */
static void i_trap(Gen *g)
{
    Mem m;
    switch (rn(g, 14)) {
    case 0:
        b(g, 0x0f);
        b(g, 0x0b);
        return;
    case 1: {
        uint32_t n;
        do {
            n = rn(g, 256);
        } while (n == 0x80);   /* a real system call */
        b(g, 0xcd);
        b(g, n);
        return;
    }
    case 2:
        b(g, 0xcc);
        return;
    case 3:
        b(g, 0xce);
        return;
    case 4:
        b(g, 0xf1);
        return;
    case 5: {
        static const uint8_t ops[10] = { 0xf4, 0xfa, 0xfb, 0xe4, 0xe5, 0xe6, 0xe7, 0xec, 0xee, 0x6c };
        int op = ops[rn(g, 10)];
        b(g, op);
        if (op >= 0xe4 && op <= 0xe7) {
            b(g, rnd(g));
        }
        return;
    }
    case 6: {   /* privileged 0F: CLTS INVD WBINVD WRMSR RDMSR MOV CR/DR */
        static const uint8_t ops[5] = { 0x06, 0x08, 0x09, 0x30, 0x32 };
        b(g, 0x0f);
        if (rn(g, 2)) {
            b(g, ops[rn(g, 5)]);
        } else {
            b(g, 0x20 + rn(g, 4));
            b(g, 0xc0 | rn(g, 64));
        }
        return;
    }
    case 7:   /* LGDT/LIDT/LMSW, LLDT/LTR (memory forms) */
        mem_prep(g, &m, 6);
        prefixes(g, &m, false, false);
        b(g, 0x0f);
        if (rn(g, 2)) {
            b(g, 0x01);
            put_mem(g, &m, (const int[]){ 2, 3, 6 }[rn(g, 3)]);
        } else {
            b(g, 0x00);
            put_mem(g, &m, 2 + rn(g, 2));
        }
        return;
    case 8: {   /* BOUND: #BR when out of range; register form #UD */
        bool o16 = chance(g, 4);
        if (chance(g, 10)) {
            b(g, 0x62);
            put_rr(g, rn(g, 8), rn(g, 8));
            return;
        }
        mem_prep(g, &m, o16 ? 4 : 8);
        prefixes(g, &m, false, o16);
        b(g, 0x62);
        put_mem(g, &m, rn(g, 8));
        return;
    }
    case 9:   /* ARPL r/m16, r16 */
        if (rn(g, 2)) {
            mem_prep(g, &m, 2);
            prefixes(g, &m, false, false);
            b(g, 0x63);
            put_mem(g, &m, rn(g, 8));
        } else {
            b(g, 0x63);
            put_rr(g, rn(g, 8), dreg(g));
        }
        return;
    case 10:   /* LES/LDS: random selectors */
        mem_prep(g, &m, 6);
        prefixes(g, &m, false, false);
        b(g, rn(g, 2) ? 0xc4 : 0xc5);
        put_mem(g, &m, dreg(g));
        return;
    case 11: {   /* undefined opcodes */
        static const uint8_t ops[6][2] = {
            { 0x0f, 0xb9 }, { 0x0f, 0x0e }, { 0x0f, 0x24 }, { 0x8e, 0xc8 },
            { 0x0f, 0x04 }, { 0xfe, 0xf8 },
        };
        int i = rn(g, 6);
        b(g, ops[i][0]);
        b(g, ops[i][1]);
        if (ops[i][1] == 0xb9 || ops[i][1] == 0x24) {
            b(g, 0xc0);
        }
        return;
    }
    default:   /* LOCK on something that cannot be locked */
        b(g, 0xf0);
        b(g, (const uint8_t[]){ 0x90, 0x40, 0x88, 0x8b }[rn(g, 4)]);
        if (g->buf[g->len - 1] >= 0x88) {
            put_rr(g, dreg(g), dreg(g));
        }
        return;
    }
}

typedef void (*InsnGen)(Gen *g);
static const struct { InsnGen fn; int weight; } classes[] = {
    { i_alu, 12 }, { i_unary, 5 }, { i_shift, 6 }, { i_muldiv, 5 },
    { i_bits, 4 }, { i_cond, 4 }, { i_mov, 8 }, { i_string, 6 },
    { i_stack, 8 }, { i_atomic, 4 }, { i_x87, 7 }, { i_misc, 3 },
    { i_trap, 2 },
};

static void emit_unit(Gen *g)
{
    int total = 0;
    for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
        total += classes[i].weight;
    }
    int r = rn(g, total);
    for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
        r -= classes[i].weight;
        if (r < 0) {
            if (g->clean && classes[i].fn == i_trap && rn(g, 4)) {
                i_alu(g);
                return;
            }
            classes[i].fn(g);
            return;
        }
    }
}

/* The seed's sequence: units, some behind a forward Jcc/JCXZ/LOOP, ending
 * with INT3. */
static void generate(Gen *g, int seed)
{
    g->s = 0x9e3779b97f4a7c15ull * (uint64_t)(seed + 1);
    g->len = 0;
    g->clean = seed % 4 == 3;
    g->avoid = -1;
    int units = g->clean ? 16 + rn(g, 48) : 4 + rn(g, 20);
    for (int u = 0; u < units; u++) {
        if (chance(g, 6)) {
            uint8_t *buf = g->buf;
            int at = g->len;
            uint32_t kind = rn(g, 10);
            b(g, kind < 8 ? 0x70 + rn(g, 16) : kind == 8 ? 0xe3 : 0xe0 + rn(g, 3));
            b(g, 0);
            emit_unit(g);
            int skip = g->len - at - 2;
            if (skip > 127) {
                g->len = at;   /* too long to skip: drop it */
                continue;
            }
            buf[at + 1] = (uint8_t)skip;
        } else {
            emit_unit(g);
        }
    }
    b(g, 0xcc);
}

/* ---- running ---- */

typedef struct Regs {
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi, efl;
} Regs;

Regs fd_init;
uint32_t fd_saved_esp;
uint16_t fd_ds, fd_es;
uint8_t fd_fpinit[30];
static sigjmp_buf fd_jb;

typedef struct Result {
    int sig, code;
    uint32_t addr, trapno, err, cr2;
    uint32_t r[8], eip, efl, ds, es, ss;
    uint32_t fcw, fsw, ftag, fhash;
} Result;
static Result res;

void fd_run(void);
__asm__(".text\n"
        ".globl fd_run\n"
        "fd_run:\n"
        "  pushal\n"
        "  mov %esp, fd_saved_esp\n"
        "  mov fd_ds, %ax\n"
        "  mov %ax, %ds\n"
        "  mov fd_es, %ax\n"
        "  mov %ax, %es\n"
        "  fninit\n"
        "  fldt fd_fpinit+20\n"
        "  fldt fd_fpinit+10\n"
        "  fldt fd_fpinit\n"
        "  mov $fd_init, %eax\n"
        "  pushl 32(%eax)\n"
        "  popfl\n"
        "  mov 4(%eax), %ecx\n"
        "  mov 8(%eax), %edx\n"
        "  mov 12(%eax), %ebx\n"
        "  mov 16(%eax), %esp\n"
        "  mov 20(%eax), %ebp\n"
        "  mov 24(%eax), %esi\n"
        "  mov 28(%eax), %edi\n"
        "  mov (%eax), %eax\n"
        "  jmp 0x50000000\n");

static uint32_t hash_words(const uint32_t *p, size_t n, uint32_t h)
{
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 16777619u;
        h ^= h >> 15;
    }
    return h;
}

static void handler(int sig, siginfo_t *si, void *ucv)
{
    __asm__ volatile("pushf\n\tandl $~0x40100, (%%esp)\n\tpopf" ::: "memory", "cc");
    ucontext_t *uc = ucv;
    greg_t *gr = uc->uc_mcontext.gregs;
    res.sig = sig;
    res.code = si->si_code;
    res.addr = (uint32_t)(uintptr_t)si->si_addr;
    res.trapno = gr[REG_TRAPNO];
    res.err = gr[REG_ERR];
    res.cr2 = uc->uc_mcontext.cr2;
    static const int order[8] = { REG_EAX, REG_ECX, REG_EDX, REG_EBX,
                                  REG_ESP, REG_EBP, REG_ESI, REG_EDI };
    for (int i = 0; i < 8; i++) {
        res.r[i] = gr[order[i]];
    }
    res.eip = gr[REG_EIP];
    res.efl = gr[REG_EFL];
    res.ds = gr[REG_DS] & 0xffff;
    res.es = gr[REG_ES] & 0xffff;
    res.ss = gr[REG_SS] & 0xffff;
    struct _libc_fpstate *fp = uc->uc_mcontext.fpregs;
    if (fp) {
        res.fcw = fp->cw & 0xffff;
        res.fsw = fp->sw & 0xffff;
        res.ftag = fp->tag & 0xffff;
        /* All eight registers, those tagged empty too: a popped value
         * stays in its physical register (FNSAVE shows it). */
        res.fhash = hash_words((const uint32_t *)fp->_st, sizeof(fp->_st) / 4, 2166136261u);
    }
    siglongjmp(fd_jb, 1);
}

static void map_fixed(uint32_t addr, uint32_t len, int prot)
{
    void *p = mmap((void *)(uintptr_t)addr, len, prot,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p != (void *)(uintptr_t)addr) {
        fprintf(stderr, "faultdiff: cannot map %#x (got %p)\n", addr, p);
        exit(2);
    }
}

static uint32_t pattern[N_HASHED][PG / 4];

static void setup(void)
{
    map_fixed(CODE_ADDR, CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC);
    map_fixed(PAGE(1), 2 * PG, PROT_READ | PROT_WRITE);
    map_fixed(PAGE(3), PG, PROT_READ | PROT_WRITE);
    map_fixed(PAGE(5), PG, PROT_NONE);
    map_fixed(PAGE(6), 2 * PG, PROT_READ | PROT_WRITE);
    map_fixed(PAGE(9), PG, PROT_READ | PROT_WRITE);
    Gen g = { .s = 0x1234567887654321ull };
    for (int i = 0; i < N_HASHED; i++) {
        for (uint32_t j = 0; j < PG / 4; j++) {
            uint32_t v = rnd(&g);
            /* some small values, zeros and -1: divisors, counts, selectors */
            switch (v & 15) {
            case 0: v = 0; break;
            case 1: v &= 0xff; break;
            case 2: v = ~0u; break;
            default: break;
            }
            pattern[i][j] = v;
        }
    }
    /* Read-only page: written once, then protected; every data page is
     * touched before each run, so page-table state (the present bit of
     * the error code) is the same natively and emulated. */
    memcpy((void *)(uintptr_t)PAGE(3), pattern[2], PG);
    mprotect((void *)(uintptr_t)PAGE(3), PG, PROT_READ);
    memset((void *)(uintptr_t)PAGE(9), 0, PG);

    static uint8_t altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    sigaltstack(&ss, NULL);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    sigemptyset(&sa.sa_mask);
    static const int sigs[5] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };
    for (int i = 0; i < 5; i++) {
        sigaction(sigs[i], &sa, NULL);
    }
    __asm__ volatile("mov %%ds, %0\n\tmov %%es, %1" : "=r"(fd_ds), "=r"(fd_es));
}

static uint32_t random_reg(Gen *g)
{
    switch (rn(g, 4)) {
    case 0: return pick_addr(g, 4);
    case 1: return rn(g, 64) - 16;
    default: return rnd(g) ^ (rnd(g) << 16);
    }
}

static void run_seed(int seed, Gen *g)
{
    generate(g, seed);
    /* P11 read-only and never touched (its page-table entry not present) */
    munmap((void *)(uintptr_t)PAGE(11), PG);
    map_fixed(PAGE(11), PG, PROT_READ);
    /* Initial state from the seed (after the code, same stream). */
    for (int i = 0; i < N_HASHED; i++) {
        if (hashed_pages[i] != 3) {
            memcpy((void *)(uintptr_t)PAGE(hashed_pages[i]), pattern[i], PG);
        }
    }
    for (int i = 0; i < 16; i++) {
        int pg = (const int[]){ 1, 2, 6, 7 }[rn(g, 4)];
        ((uint32_t *)(uintptr_t)PAGE(pg))[rn(g, PG / 4)] = rnd(g);
    }
    uint32_t *r = &fd_init.eax;
    for (int i = 0; i < 8; i++) {
        r[i] = random_reg(g);
    }
    fd_init.esp = (PAGE(6) + 0x200 + rn(g, 0x1c00)) & (rn(g, 6) ? ~3u : ~0u);
    fd_init.efl = (rnd(g) & 0x8d5) | 0x202 | (chance(g, 5) ? 1u << 18 : 0);
    for (int i = 0; i < 30; i++) {
        fd_fpinit[i] = (uint8_t)rnd(g);
    }
    for (int i = 0; i < 3; i++) {   /* mostly normal numbers */
        if (rn(g, 4)) {
            fd_fpinit[i * 10 + 7] |= 0x80;
            fd_fpinit[i * 10 + 9] = (fd_fpinit[i * 10 + 9] & 0x80) | 0x40;
        }
    }
    memset(&res, 0, sizeof(res));
    if (!sigsetjmp(fd_jb, 1)) {
        fd_run();
    }
}

static void print_result(int seed)
{
    uint32_t h = 2166136261u;
    for (int i = 0; i < N_HASHED; i++) {
        h = hash_words((const uint32_t *)(uintptr_t)PAGE(hashed_pages[i]), PG / 4, h);
    }
    uint32_t eip = res.eip - CODE_ADDR < CODE_SIZE ? res.eip - CODE_ADDR : res.eip;
    printf("%d sig=%d code=%d addr=%08x trapno=%u err=%x cr2=%08x eax=%08x ecx=%08x "
           "edx=%08x ebx=%08x esp=%08x ebp=%08x esi=%08x edi=%08x eip=%x efl=%08x "
           "ds=%x es=%x ss=%x mem=%08x fcw=%04x fsw=%04x ftag=%04x fst=%08x\n",
           seed, res.sig, res.code, res.addr, res.trapno, res.err,
           res.trapno == 14 ? res.cr2 : 0, res.r[0], res.r[1], res.r[2], res.r[3],
           res.r[4], res.r[5], res.r[6], res.r[7], eip, res.efl, res.ds, res.es, res.ss,
           h, res.fcw, res.fsw, res.ftag, res.fhash);
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "dump") == 0) {
        static uint8_t buf[CODE_SIZE];
        Gen g = { .buf = buf };
        generate(&g, atoi(argv[2]));
        FILE *f = fopen(argv[3], "wb");
        if (!f || fwrite(buf, 1, g.len, f) != (size_t)g.len || fclose(f)) {
            perror(argv[3]);
            return 2;
        }
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "mem") == 0) {   /* the data pages after a run */
        setup();
        Gen g = { .buf = (uint8_t *)(uintptr_t)CODE_ADDR };
        run_seed(atoi(argv[2]), &g);
        FILE *f = fopen(argv[3], "wb");
        for (int i = 0; f && i < N_HASHED; i++) {
            fwrite((const void *)(uintptr_t)PAGE(hashed_pages[i]), 1, PG, f);
        }
        return !f || fclose(f);
    }
    if (argc != 3) {
        fprintf(stderr, "usage: faultdiff FIRST COUNT | faultdiff dump SEED FILE\n");
        return 2;
    }
    int first = atoi(argv[1]), count = atoi(argv[2]);
    setup();
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    Gen g = { .buf = (uint8_t *)(uintptr_t)CODE_ADDR };
    for (int seed = first; seed < first + count; seed++) {
        run_seed(seed, &g);
        print_result(seed);
    }
    return 0;
}
