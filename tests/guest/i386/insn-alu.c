/*
 * Integer ALU instructions at 8/16/32 bits over edge operands, with the
 * carry in clear and set: ADD ADC SUB SBB AND OR XOR CMP TEST, INC DEC
 * NEG NOT, register and memory forms. Prints result and the defined flags.
 */
#include "insn-common.h"

#define BIN32(insn, a, b, fin, r, f)                                        \
    do {                                                                    \
        r = (a);                                                            \
        __asm__ volatile("push %3\n\tpopf\n\t" insn " %2, %0\n\tpushf\n\tpop %1" \
                         : "+r"(r), "=&r"(f) : "r"(b), "r"(fin) : "cc");    \
    } while (0)
#define BIN16(insn, a, b, fin, r, f)                                        \
    do {                                                                    \
        r = (a);                                                            \
        __asm__ volatile("push %3\n\tpopf\n\t" insn " %w2, %w0\n\tpushf\n\tpop %1" \
                         : "+r"(r), "=&r"(f) : "r"(b), "r"(fin) : "cc");    \
    } while (0)
#define BIN8(insn, a, b, fin, r, f)                                         \
    do {                                                                    \
        r = (a);                                                            \
        __asm__ volatile("push %3\n\tpopf\n\t" insn " %b2, %b0\n\tpushf\n\tpop %1" \
                         : "+q"(r), "=&r"(f) : "q"(b), "r"(fin) : "cc");    \
    } while (0)
#define MEM32(insn, a, b, fin, r, f)                                        \
    do {                                                                    \
        r = (a);                                                            \
        __asm__ volatile("push %3\n\tpopf\n\t" insn " %2, %0\n\tpushf\n\tpop %1" \
                         : "+m"(r), "=&r"(f) : "r"(b), "r"(fin) : "cc");    \
    } while (0)
#define UN32(insn, a, fin, r, f)                                            \
    do {                                                                    \
        r = (a);                                                            \
        __asm__ volatile("push %2\n\tpopf\n\t" insn " %0\n\tpushf\n\tpop %1" \
                         : "+r"(r), "=&r"(f) : "r"(fin) : "cc");            \
    } while (0)
#define UN16(insn, a, fin, r, f)                                            \
    do {                                                                    \
        r = (a);                                                            \
        __asm__ volatile("push %2\n\tpopf\n\t" insn " %w0\n\tpushf\n\tpop %1" \
                         : "+r"(r), "=&r"(f) : "r"(fin) : "cc");            \
    } while (0)
#define UN8(insn, a, fin, r, f)                                             \
    do {                                                                    \
        r = (a);                                                            \
        __asm__ volatile("push %2\n\tpopf\n\t" insn " %b0\n\tpushf\n\tpop %1" \
                         : "+q"(r), "=&r"(f) : "r"(fin) : "cc");            \
    } while (0)

static void show(const char *name, uint32_t a, uint32_t b, uint32_t fin,
                 uint32_t r, uint32_t f, uint32_t mask)
{
    printf("%-6s a=%08x b=%08x fin=%03x -> r=%08x f=%03x\n", name, a, b, fin,
           r, f & mask);
}

/* Logic ops leave AF undefined. */
#define M_LOGIC (F_ARITH & ~F_AF)

static void binops(uint32_t a, uint32_t b, uint32_t fin)
{
    uint32_t r, f;
    BIN32("addl", a, b, fin, r, f); show("add32", a, b, fin, r, f, F_ARITH);
    BIN32("adcl", a, b, fin, r, f); show("adc32", a, b, fin, r, f, F_ARITH);
    BIN32("subl", a, b, fin, r, f); show("sub32", a, b, fin, r, f, F_ARITH);
    BIN32("sbbl", a, b, fin, r, f); show("sbb32", a, b, fin, r, f, F_ARITH);
    BIN32("andl", a, b, fin, r, f); show("and32", a, b, fin, r, f, M_LOGIC);
    BIN32("orl", a, b, fin, r, f); show("or32", a, b, fin, r, f, M_LOGIC);
    BIN32("xorl", a, b, fin, r, f); show("xor32", a, b, fin, r, f, M_LOGIC);
    BIN32("cmpl", a, b, fin, r, f); show("cmp32", a, b, fin, r, f, F_ARITH);
    BIN32("testl", a, b, fin, r, f); show("test32", a, b, fin, r, f, M_LOGIC);
    BIN16("addw", a, b, fin, r, f); show("add16", a, b, fin, r, f, F_ARITH);
    BIN16("adcw", a, b, fin, r, f); show("adc16", a, b, fin, r, f, F_ARITH);
    BIN16("subw", a, b, fin, r, f); show("sub16", a, b, fin, r, f, F_ARITH);
    BIN16("sbbw", a, b, fin, r, f); show("sbb16", a, b, fin, r, f, F_ARITH);
    BIN16("andw", a, b, fin, r, f); show("and16", a, b, fin, r, f, M_LOGIC);
    BIN16("orw", a, b, fin, r, f); show("or16", a, b, fin, r, f, M_LOGIC);
    BIN16("xorw", a, b, fin, r, f); show("xor16", a, b, fin, r, f, M_LOGIC);
    BIN16("cmpw", a, b, fin, r, f); show("cmp16", a, b, fin, r, f, F_ARITH);
    BIN8("addb", a, b, fin, r, f); show("add8", a, b, fin, r, f, F_ARITH);
    BIN8("adcb", a, b, fin, r, f); show("adc8", a, b, fin, r, f, F_ARITH);
    BIN8("subb", a, b, fin, r, f); show("sub8", a, b, fin, r, f, F_ARITH);
    BIN8("sbbb", a, b, fin, r, f); show("sbb8", a, b, fin, r, f, F_ARITH);
    BIN8("andb", a, b, fin, r, f); show("and8", a, b, fin, r, f, M_LOGIC);
    BIN8("xorb", a, b, fin, r, f); show("xor8", a, b, fin, r, f, M_LOGIC);
    BIN8("cmpb", a, b, fin, r, f); show("cmp8", a, b, fin, r, f, F_ARITH);
    BIN8("testb", a, b, fin, r, f); show("test8", a, b, fin, r, f, M_LOGIC);
    MEM32("addl", a, b, fin, r, f); show("addm32", a, b, fin, r, f, F_ARITH);
    MEM32("sbbl", a, b, fin, r, f); show("sbbm32", a, b, fin, r, f, F_ARITH);
    MEM32("xorl", a, b, fin, r, f); show("xorm32", a, b, fin, r, f, M_LOGIC);
}

static void unops(uint32_t a, uint32_t fin)
{
    uint32_t r, f;
    UN32("incl", a, fin, r, f); show("inc32", a, 0, fin, r, f, F_ARITH);
    UN32("decl", a, fin, r, f); show("dec32", a, 0, fin, r, f, F_ARITH);
    UN32("negl", a, fin, r, f); show("neg32", a, 0, fin, r, f, F_ARITH);
    UN32("notl", a, fin, r, f); show("not32", a, 0, fin, r, f, F_ARITH);
    UN16("incw", a, fin, r, f); show("inc16", a, 0, fin, r, f, F_ARITH);
    UN16("decw", a, fin, r, f); show("dec16", a, 0, fin, r, f, F_ARITH);
    UN16("negw", a, fin, r, f); show("neg16", a, 0, fin, r, f, F_ARITH);
    UN8("incb", a, fin, r, f); show("inc8", a, 0, fin, r, f, F_ARITH);
    UN8("decb", a, fin, r, f); show("dec8", a, 0, fin, r, f, F_ARITH);
    UN8("negb", a, fin, r, f); show("neg8", a, 0, fin, r, f, F_ARITH);
    UN8("notb", a, fin, r, f); show("not8", a, 0, fin, r, f, F_ARITH);
}

/* Immediate forms (sign-extended imm8, imm32, AL/EAX short forms). */
static void immops(uint32_t a, uint32_t fin)
{
    uint32_t r, f;
    r = a;
    __asm__ volatile("push %2\n\tpopf\n\taddl $-1, %0\n\tpushf\n\tpop %1"
                     : "+r"(r), "=&r"(f) : "r"(fin) : "cc");
    show("addi8", a, -1, fin, r, f, F_ARITH);
    r = a;
    __asm__ volatile("push %2\n\tpopf\n\tsbbl $0x12345678, %0\n\tpushf\n\tpop %1"
                     : "+r"(r), "=&r"(f) : "r"(fin) : "cc");
    show("sbbi32", a, 0x12345678, fin, r, f, F_ARITH);
    r = a;
    __asm__ volatile("push %2\n\tpopf\n\tsubb $0x80, %%al\n\tpushf\n\tpop %1"
                     : "+a"(r), "=&r"(f) : "r"(fin) : "cc");
    show("subal", a, 0x80, fin, r, f, F_ARITH);
    r = a;
    __asm__ volatile("push %2\n\tpopf\n\tadcw $0x8001, %%ax\n\tpushf\n\tpop %1"
                     : "+a"(r), "=&r"(f) : "r"(fin) : "cc");
    show("adcax", a, 0x8001, fin, r, f, F_ARITH);
    r = a;
    __asm__ volatile("push %2\n\tpopf\n\tcmpl $0x80000000, %0\n\tpushf\n\tpop %1"
                     : "+r"(r), "=&r"(f) : "r"(fin) : "cc");
    show("cmpi32", a, 0x80000000, fin, r, f, F_ARITH);
    r = a;
    __asm__ volatile("push %2\n\tpopf\n\torw $0x8000, %w0\n\tpushf\n\tpop %1"
                     : "+r"(r), "=&r"(f) : "r"(fin) : "cc");
    show("ori16", a, 0x8000, fin, r, f, M_LOGIC);
    /* high byte registers */
    r = a;
    __asm__ volatile("push %2\n\tpopf\n\taddb %%ah, %%al\n\tsubb %%al, %%ah\n\tpushf\n\tpop %1"
                     : "+a"(r), "=&r"(f) : "r"(fin) : "cc");
    show("ahal", a, 0, fin, r, f, F_ARITH);
}

int main(void)
{
    for (unsigned k = 0; k < 2; k++) {
        for (unsigned i = 0; i < N_EDGE; i++) {
            for (unsigned j = 0; j < N_EDGE; j++) {
                binops(edge_vals[i], edge_vals[j], flag_ins[k]);
            }
            unops(edge_vals[i], flag_ins[k]);
            immops(edge_vals[i], flag_ins[k]);
        }
    }
    return 0;
}
