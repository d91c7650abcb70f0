/*
 * Bit instructions and flag handling: BT/BTS/BTR/BTC (register, memory
 * with positive and negative offsets, immediate), BSF/BSR, BSWAP, XADD,
 * CMPXCHG, CMPXCHG8B, LAHF/SAHF, CLC/STC/CMC, PUSHF/POPF, SALC.
 */
#include "insn-common.h"

/* BT*: CF is defined, ZF is kept; OF SF AF PF are undefined. */
#define M_BT (F_CF | F_ZF)

static void bt_tests(uint32_t v, uint32_t off, uint32_t fin)
{
    uint32_t r, f;
#define BTR(n, insn)                                                        \
    r = v;                                                                  \
    __asm__ volatile("push %3\n\tpopf\n\t" insn " %2, %0\n\tpushf\n\tpop %1" \
                     : "+r"(r), "=&r"(f) : "r"(off), "r"(fin) : "cc");      \
    printf("%-5s v=%08x off=%08x fin=%03x -> %08x f=%03x\n", n, v, off, fin, r, f & M_BT)
    BTR("bt", "btl"); BTR("bts", "btsl"); BTR("btr", "btrl"); BTR("btc", "btcl");
#define BTW(n, insn)                                                        \
    r = v;                                                                  \
    __asm__ volatile("push %3\n\tpopf\n\t" insn " %w2, %w0\n\tpushf\n\tpop %1" \
                     : "+r"(r), "=&r"(f) : "r"(off), "r"(fin) : "cc");      \
    printf("%-5s v=%08x off=%08x fin=%03x -> %08x f=%03x\n", n, v, off, fin, r, f & M_BT)
    BTW("btw", "btw"); BTW("btsw", "btsw"); BTW("btrw", "btrw"); BTW("btcw", "btcw");
    /* Memory with a register offset: the offset selects the dword. */
    uint32_t mem[8];
    for (int i = 0; i < 8; i++) {
        mem[i] = v ^ (i * 0x11111111u);
    }
    int32_t soff = (int32_t)(off % 200) - 100;
#define BTM(n, insn)                                                        \
    __asm__ volatile("push %3\n\tpopf\n\t" insn " %2, %0\n\tpushf\n\tpop %1" \
                     : "+m"(mem[4]), "=&r"(f) : "r"(soff), "r"(fin) : "cc", "memory"); \
    printf("%-5s off=%4d fin=%03x -> %08x %08x %08x %08x %08x %08x %08x %08x f=%03x\n", n, \
           soff, fin, mem[0], mem[1], mem[2], mem[3], mem[4], mem[5], mem[6], mem[7], f & M_BT)
    BTM("btm", "btl"); BTM("btsm", "btsl"); BTM("btrm", "btrl"); BTM("btcm", "btcl");
    BTM("lbtsm", "lock btsl"); BTM("lbtcm", "lock btcl");
    r = v;
    __asm__ volatile("push %2\n\tpopf\n\tbtsl $35, %0\n\tpushf\n\tpop %1"
                     : "+r"(r), "=&r"(f) : "r"(fin) : "cc");
    printf("btsi  v=%08x fin=%03x -> %08x f=%03x\n", v, fin, r, f & M_BT);
    __asm__ volatile("push %2\n\tpopf\n\tbtrw $17, %0\n\tpushf\n\tpop %1"
                     : "+m"(mem[2]), "=&r"(f) : "r"(fin) : "cc");
    printf("btrwi fin=%03x -> %08x f=%03x\n", fin, mem[2], f & M_BT);
}

static void scan_tests(uint32_t v)
{
    uint32_t r, f;
    r = 0xdeadbeef;
    __asm__ volatile("bsfl %2, %0\n\tpushf\n\tpop %1" : "+r"(r), "=r"(f) : "r"(v) : "cc");
    printf("bsf   %08x -> %08x zf=%x\n", v, r, f & F_ZF);
    r = 0xdeadbeef;
    __asm__ volatile("bsrl %2, %0\n\tpushf\n\tpop %1" : "+r"(r), "=r"(f) : "r"(v) : "cc");
    printf("bsr   %08x -> %08x zf=%x\n", v, r, f & F_ZF);
    r = 0xdeadbeef;
    __asm__ volatile("bsfw %w2, %w0\n\tpushf\n\tpop %1" : "+r"(r), "=r"(f) : "r"(v) : "cc");
    printf("bsfw  %08x -> %08x zf=%x\n", v, r, f & F_ZF);
    r = 0xdeadbeef;
    __asm__ volatile("bsrw %w2, %w0\n\tpushf\n\tpop %1" : "+r"(r), "=r"(f) : "r"(v) : "cc");
    printf("bsrw  %08x -> %08x zf=%x\n", v, r, f & F_ZF);
    r = v;
    __asm__ volatile("bswap %0" : "+r"(r));
    printf("bswap %08x -> %08x\n", v, r);
}

static void xchg_tests(uint32_t a, uint32_t b, uint32_t fin)
{
    uint32_t r, s, f, acc;
    r = a; s = b;
    __asm__ volatile("push %3\n\tpopf\n\txaddl %1, %0\n\tpushf\n\tpop %2"
                     : "+r"(r), "+r"(s), "=&r"(f) : "r"(fin) : "cc");
    printf("xadd   %08x %08x -> %08x %08x f=%03x\n", a, b, r, s, f & F_ARITH);
    r = a; s = b;
    __asm__ volatile("push %3\n\tpopf\n\tlock xaddw %w1, %0\n\tpushf\n\tpop %2"
                     : "+m"(r), "+r"(s), "=&r"(f) : "r"(fin) : "cc");
    printf("xaddw  %08x %08x -> %08x %08x f=%03x\n", a, b, r, s, f & F_ARITH);
    r = a; acc = b;
    __asm__ volatile("push %4\n\tpopf\n\tcmpxchgl %3, %0\n\tpushf\n\tpop %2"
                     : "+r"(r), "+a"(acc), "=&r"(f) : "r"(0x5a5a5a5a), "r"(fin) : "cc");
    printf("cmpxchg  %08x %08x -> %08x %08x f=%03x\n", a, b, r, acc, f & F_ARITH);
    r = a; acc = a;
    __asm__ volatile("push %4\n\tpopf\n\tlock cmpxchgl %3, %0\n\tpushf\n\tpop %2"
                     : "+m"(r), "+a"(acc), "=&r"(f) : "r"(b), "r"(fin) : "cc");
    printf("lcmpxchg %08x %08x -> %08x %08x f=%03x\n", a, b, r, acc, f & F_ARITH);
    r = a; acc = b;
    __asm__ volatile("push %4\n\tpopf\n\tcmpxchgb %b3, %0\n\tpushf\n\tpop %2"
                     : "+m"(r), "+a"(acc), "=&r"(f) : "q"(0xa5), "r"(fin) : "cc");
    printf("cmpxchgb %08x %08x -> %08x %08x f=%03x\n", a, b, r, acc, f & F_ARITH);
    uint64_t m = ((uint64_t)b << 32) | a;
    uint32_t lo = a, hi = (a & 1) ? b : ~b;
    __asm__ volatile("push %5\n\tpopf\n\tlock cmpxchg8b %0\n\tpushf\n\tpop %4"
                     : "+m"(m), "+a"(lo), "+d"(hi), "+b"(acc), "=&r"(f)
                     : "r"(fin), "c"(0x13572468) : "cc");
    printf("cmpxchg8b %08x %08x -> %016llx %08x %08x f=%03x\n", a, b,
           (unsigned long long)m, lo, hi, f & F_ARITH);
    r = a; s = b;
    __asm__ volatile("xchgl %1, %0" : "+m"(r), "+r"(s));
    printf("xchg   %08x %08x -> %08x %08x\n", a, b, r, s);
    r = a; s = b;
    __asm__ volatile("xchgb %b1, %h0" : "+Q"(r), "+q"(s));
    printf("xchgbh %08x %08x -> %08x %08x\n", a, b, r, s);
}

static void flag_tests(uint32_t fin)
{
    uint32_t r, f;
    __asm__ volatile("push %2\n\tpopf\n\tlahf\n\tpushf\n\tpop %1"
                     : "=a"(r), "=r"(f) : "r"(fin), "a"(0x12345678) : "cc");
    printf("lahf   fin=%03x -> %08x\n", fin, r);
    __asm__ volatile("push %2\n\tpopf\n\tsahf\n\tpushf\n\tpop %1"
                     : "=a"(r), "=r"(f) : "r"(fin), "a"(fin << 8 ^ 0xd500) : "cc");
    printf("sahf   fin=%03x -> f=%03x\n", fin, f & F_ARITH);
    __asm__ volatile("push %1\n\tpopf\n\tcmc\n\tpushf\n\tpop %0" : "=r"(f) : "r"(fin) : "cc");
    printf("cmc    fin=%03x -> f=%03x\n", fin, f & F_ARITH);
    __asm__ volatile("push %1\n\tpopf\n\tstc\n\tpushf\n\tpop %0" : "=r"(f) : "r"(fin) : "cc");
    printf("stc    fin=%03x -> f=%03x\n", fin, f & F_ARITH);
    __asm__ volatile("push %1\n\tpopf\n\tclc\n\tpushf\n\tpop %0" : "=r"(f) : "r"(fin) : "cc");
    printf("clc    fin=%03x -> f=%03x\n", fin, f & F_ARITH);
    __asm__ volatile("push %1\n\tpopf\n\tstd\n\tpushf\n\tcld\n\tpop %0" : "=r"(f) : "r"(fin) : "cc");
    printf("std    fin=%03x -> f=%03x\n", fin, f & (F_ARITH | 0x400));
    __asm__ volatile("push %2\n\tpopf\n\t.byte 0xd6\n\tpushf\n\tpop %1"
                     : "=a"(r), "=r"(f) : "r"(fin), "a"(0x12345678) : "cc");
    printf("salc   fin=%03x -> %08x\n", fin, r);
    /* POPF: which bits stick at CPL 3 (IF/IOPL do not change). */
    static const uint32_t tries[] = { 0x0, 0xffffffff & ~0x100u, 0x240cd5, 0x4000, 0x40000, 0x200000 };
    for (unsigned i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
        __asm__ volatile("pushf\n\tpush %1\n\tpopf\n\tpushf\n\tpop %0\n\tpopf"
                         : "=r"(f) : "r"(tries[i] ^ (fin & 1)) : "cc");
        printf("popf   %08x -> %08x\n", tries[i] ^ (fin & 1), f);
    }
    uint16_t w;
    __asm__ volatile("push %1\n\tpopf\n\tpushfw\n\tpopw %0" : "=r"(w) : "r"(fin) : "cc");
    printf("pushfw fin=%03x -> %04x\n", fin, w);
}

int main(void)
{
    for (unsigned k = 0; k < 2; k++) {
        for (unsigned i = 0; i < N_EDGE; i++) {
            for (unsigned j = 0; j < N_EDGE; j += 3) {
                bt_tests(edge_vals[i], edge_vals[j] * 7 + i, flag_ins[k]);
                xchg_tests(edge_vals[i], edge_vals[j], flag_ins[k]);
            }
        }
        flag_tests(flag_ins[k]);
        flag_tests(flag_ins[k] ^ 0x45);
    }
    for (unsigned i = 0; i < N_EDGE; i++) {
        scan_tests(edge_vals[i]);
        scan_tests(edge_vals[i] << 3);
    }
    return 0;
}
