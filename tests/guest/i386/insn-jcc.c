/*
 * Conditions: all 16 SETcc/Jcc/CMOVcc conditions right after CMP, SUB,
 * ADD, TEST, AND, INC, DEC, NEG, SHL, SAR, ADC, SBB (chained too) at
 * 8/16/32 bits, so every specialised path of the lazy flags is compared
 * with hardware.
 * Each line holds one bit per condition (bit n = condition n holds).
 */
#include "insn-common.h"

static uint32_t g_a, g_b;

#define ONE_SET(insn, cc, cons_a)                                           \
    {                                                                       \
        uint8_t v; uint32_t x = g_a;                                        \
        __asm__ volatile(insn "\n\tset" cc " %1" : "+" cons_a(x), "=q"(v)  \
                         : "r"(g_b) : "cc");                                \
        bits |= (uint32_t)v << n++;                                         \
    }
#define ONE_JMP(insn, cc, cons_a)                                           \
    {                                                                       \
        uint32_t v, x = g_a;                                                \
        __asm__ volatile(insn "\n\tj" cc " 1f\n\tmov $0, %1\n\tjmp 2f\n"    \
                         "1:\tmov $1, %1\n2:"                               \
                         : "+" cons_a(x), "=r"(v) : "r"(g_b) : "cc");      \
        bits |= v << n++;                                                   \
    }
#define ONE_CMOV(insn, cc, cons_a)                                          \
    {                                                                       \
        uint32_t v = 0, x = g_a;                                            \
        __asm__ volatile(insn "\n\tcmov" cc " %3, %1"                       \
                         : "+" cons_a(x), "+r"(v) : "r"(g_b), "r"(1) : "cc"); \
        bits |= v << n++;                                                   \
    }

#define RUN(ONE, name, insn, cons_a)                                      \
    do {                                                                    \
        uint32_t bits = 0; unsigned n = 0;                                  \
        ONE(insn, "o", cons_a) ONE(insn, "no", cons_a)                      \
        ONE(insn, "b", cons_a) ONE(insn, "ae", cons_a)                      \
        ONE(insn, "e", cons_a) ONE(insn, "ne", cons_a)                      \
        ONE(insn, "be", cons_a) ONE(insn, "a", cons_a)                      \
        ONE(insn, "s", cons_a) ONE(insn, "ns", cons_a)                      \
        ONE(insn, "p", cons_a) ONE(insn, "np", cons_a)                      \
        ONE(insn, "l", cons_a) ONE(insn, "ge", cons_a)                      \
        ONE(insn, "le", cons_a) ONE(insn, "g", cons_a)                      \
        printf("%-5s %-18s a=%08x b=%08x -> %04x\n", name, insn, g_a, g_b, bits); \
    } while (0)

/* After MUL/IMUL only OF and CF are defined: conditions 0..3. */
#define RUN_OC(ONE, name, insn, cons_a)                                     \
    do {                                                                    \
        uint32_t bits = 0; unsigned n = 0;                                  \
        ONE(insn, "o", cons_a) ONE(insn, "no", cons_a)                      \
        ONE(insn, "b", cons_a) ONE(insn, "ae", cons_a)                      \
        printf("%-5s %-18s a=%08x b=%08x -> %x\n", name, insn, g_a, g_b, bits); \
    } while (0)

#define OC_KINDS(insn, cons_a)                                              \
    RUN_OC(ONE_SET, "set", insn, cons_a);                                   \
    RUN_OC(ONE_JMP, "jmp", insn, cons_a);                                   \
    RUN_OC(ONE_CMOV, "cmov", insn, cons_a)

#define ALL_KINDS(insn, cons_a)                                             \
    RUN(ONE_SET, "set", insn, cons_a);                                      \
    RUN(ONE_JMP, "jmp", insn, cons_a);                                      \
    RUN(ONE_CMOV, "cmov", insn, cons_a)

int main(void)
{
    for (unsigned i = 0; i < N_EDGE; i++) {
        for (unsigned j = 0; j < N_EDGE; j++) {
            g_a = edge_vals[i];
            g_b = edge_vals[j];
            ALL_KINDS("cmpl %2, %0", "r");
            ALL_KINDS("cmpw %w2, %w0", "r");
            ALL_KINDS("cmpb %b2, %b0", "q");
            ALL_KINDS("subl %2, %0", "r");
            ALL_KINDS("addl %2, %0", "r");
            ALL_KINDS("addb %b2, %b0", "q");
            ALL_KINDS("addw %w2, %w0", "r");
            ALL_KINDS("testl %2, %0", "r");
            ALL_KINDS("testb %b2, %b0", "q");
            ALL_KINDS("andw %w2, %w0", "r");
            ALL_KINDS("stc; adcl %2, %0", "r");
            ALL_KINDS("stc; sbbl %2, %0", "r");
            ALL_KINDS("clc; sbbb %b2, %b0", "q");
            /* ADC/SBB in other sizes and carries, and chained (the
             * second one reads CF from the first one's state). */
            ALL_KINDS("clc; adcl %2, %0", "r");
            ALL_KINDS("stc; adcw %w2, %w0", "r");
            ALL_KINDS("stc; adcb %b2, %b0", "q");
            ALL_KINDS("stc; sbbw %w2, %w0", "r");
            ALL_KINDS("stc; adcl %2, %0; adcl %2, %0", "r");
            ALL_KINDS("stc; sbbl %2, %0; sbbl %2, %0", "r");
            ALL_KINDS("stc; sbbb %b2, %b0; adcb %b2, %b0", "q");
            OC_KINDS("imull %2, %0", "r");
            OC_KINDS("imulw %w2, %w0", "r");
        }
        g_b = 0;
        ALL_KINDS("incl %0", "r");
        ALL_KINDS("decl %0", "r");
        ALL_KINDS("incb %b0", "q");
        ALL_KINDS("decw %w0", "r");
        ALL_KINDS("negl %0", "r");
        ALL_KINDS("negb %b0", "q");
        ALL_KINDS("shll %0", "r");
        ALL_KINDS("sarl %0", "r");
        ALL_KINDS("shrl %0", "r");
        ALL_KINDS("shlb $1, %b0", "q");
        ALL_KINDS("shrw $1, %w0", "r");
        ALL_KINDS("stc; rcll %0", "r");
        ALL_KINDS("clc; rcrb %b0", "q");
    }
    return 0;
}
