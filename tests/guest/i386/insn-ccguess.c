/*
 * Flag readers at the start of a block that is entered after many kinds
 * of flag setters: the translator guesses the kind from the first entry,
 * so later entries take the other path. SETcc, CMOVcc, Jcc, INC (keeps
 * CF), ADC, SBB, RCL and PUSHF read the flags; undefined flags masked.
 */
#include <string.h>
#include "insn-common.h"

/* What the readers store through %edi. */
struct cg_out {
    uint8_t cc[16];     /* SETcc 0..15 */
    uint32_t cmov;      /* CMOVL/CMOVBE/CMOVO/CMOVP results (bits) */
    uint32_t j;         /* Jcc bits, condition 0 in bit 15 */
    uint32_t inc_f;     /* PUSHF after INC */
    uint32_t adc, sbb, rcl;
    uint32_t in_a, in_b, in_c, in_e;    /* operands, read by the setter */
    uint32_t scratch;
};

/* The flags each condition pair (O B E BE S P L LE) reads. */
static const uint32_t cg_deps[8] = {
    F_OF, F_CF, F_ZF, F_CF | F_ZF, F_SF, F_PF, F_SF | F_OF, F_SF | F_OF | F_ZF,
};

#define CG_J(cc) "lea (%esi,%esi), %esi\n\tj" cc " 1f\n\tlea 1(%esi), %esi\n1:\n\t"

/* Two copies of the readers (a, b), so each gets a different first
 * caller. Each reader starts a block with the flags unknown. */
#define CG_READERS(x)                                                        \
    ".text\n"                                                                \
    "cg_set_" x ":\n\t"                                                      \
    "seto 0(%edi)\n\tsetno 1(%edi)\n\tsetb 2(%edi)\n\tsetae 3(%edi)\n\t"     \
    "sete 4(%edi)\n\tsetne 5(%edi)\n\tsetbe 6(%edi)\n\tseta 7(%edi)\n\t"     \
    "sets 8(%edi)\n\tsetns 9(%edi)\n\tsetp 10(%edi)\n\tsetnp 11(%edi)\n\t"   \
    "setl 12(%edi)\n\tsetge 13(%edi)\n\tsetle 14(%edi)\n\tsetg 15(%edi)\n\t" \
    "ret\n"                                                                  \
    "cg_cmov_" x ":\n\t"                                                     \
    "movl $0, %esi\n\tmovl $1, %ecx\n\tcmovl %ecx, %esi\n\t"                 \
    "movl $0, %ebx\n\tmovl $2, %ecx\n\tcmovbe %ecx, %ebx\n\t"              \
    "orl %ebx, %esi\n\tret\n"                                               \
    "cg_jcc_" x ":\n\t"                                                      \
    "movl $0, %esi\n\t"                                                      \
    CG_J("no") CG_J("o") CG_J("ae") CG_J("b") CG_J("ne") CG_J("e")           \
    CG_J("a") CG_J("be") CG_J("ns") CG_J("s") CG_J("np") CG_J("p")           \
    CG_J("ge") CG_J("l") CG_J("g") CG_J("le")                                \
    "ret\n"                                                                  \
    "cg_inc_" x ":\n\t"                                                      \
    "incl %esi\n\tpushf\n\tpopl %esi\n\tret\n"                               \
    "cg_adc_" x ":\n\t"                                                      \
    "movl $0x100, %esi\n\tadcl $0, %esi\n\tret\n"                            \
    "cg_sbb_" x ":\n\t"                                                      \
    "sbbl %esi, %esi\n\tret\n"                                               \
    "cg_rcl_" x ":\n\t"                                                      \
    "movl $0x40000000, %esi\n\trcll $1, %esi\n\tret\n"

__asm__(CG_READERS("a") CG_READERS("b"));

/* Runs setter then one reader (operands from o.in_*, in eax ecx esi ebx,
 * edx = eax); the reader's %esi goes to byte offset off of o. */
#define CG_CALL(setter, reader, off)                                         \
    __asm__ volatile(                                                        \
        "movl 40(%%edi), %%eax\n\tmovl 48(%%edi), %%ecx\n\t"                 \
        "movl 52(%%edi), %%esi\n\tmovl 44(%%edi), %%ebx\n\t"                 \
        "movl %%eax, %%edx\n\tcmpl %%ecx, %%eax\n\t"                         \
        setter "\n\tcall " reader "\n\tmovl %%esi, " off "(%%edi)"           \
        :: "D"(&o) : "eax", "ebx", "ecx", "edx", "esi", "memory", "cc")

#define CG_ALL(setter, x)                                                    \
    do {                                                                     \
        CG_CALL(setter, "cg_set_" x, "56");                                  \
        CG_CALL(setter, "cg_cmov_" x, "16");                                 \
        CG_CALL(setter, "cg_jcc_" x, "20");                                  \
        CG_CALL(setter, "cg_inc_" x, "24");                                  \
        CG_CALL(setter, "cg_adc_" x, "28");                                  \
        CG_CALL(setter, "cg_sbb_" x, "32");                                  \
        CG_CALL(setter, "cg_rcl_" x, "36");                                  \
    } while (0)

static struct cg_out o;
_Static_assert(__builtin_offsetof(struct cg_out, in_a) == 40, "layout");
_Static_assert(__builtin_offsetof(struct cg_out, scratch) == 56, "layout");

static void cg_show(const char *name, const char *x, uint32_t a, uint32_t c,
                    uint32_t mask)
{
    uint32_t ccbits = 0, jbits = 0;
    for (int i = 0; i < 16; i++) {
        if ((cg_deps[i >> 1] & ~mask) == 0) {
            ccbits |= (uint32_t)(o.cc[i] & 1) << i;
            jbits |= ((o.j >> (15 - i)) & 1) << i;
        }
    }
    uint32_t cm = 0;
    if ((cg_deps[6] & ~mask) == 0) {
        cm |= o.cmov & 1;
    }
    if ((cg_deps[3] & ~mask) == 0) {
        cm |= o.cmov & 2;
    }
    /* INC defines all but CF, which it keeps. */
    uint32_t incm = (F_ARITH & ~F_CF) | (mask & F_CF);
    uint32_t cf_ok = mask & F_CF;
    printf("%-7s %s a=%08x c=%08x cc=%04x cmov=%x j=%04x inc=%03x adc=%x sbb=%x rcl=%x\n",
           name, x, a, c, ccbits, cm, jbits, o.inc_f & incm,
           cf_ok ? o.adc : 0, cf_ok ? o.sbb : 0, cf_ok ? o.rcl : 0);
}

/* Flags each setter leaves defined. */
enum { D_ALL = F_ARITH, D_NOAF = F_ARITH & ~F_AF, D_ROT = F_ARITH & ~F_OF };

#define CG_SETTERS(x)                                                        \
    CG_ONE("add32", "addl %%ecx, %%eax", D_ALL, x);                          \
    CG_ONE("sub8", "subb %%cl, %%al", D_ALL, x);                             \
    CG_ONE("cmp16", "cmpw %%cx, %%ax", D_ALL, x);                            \
    CG_ONE("adc32", "adcl %%ecx, %%eax", D_ALL, x);                          \
    CG_ONE("sbb32", "sbbl %%ecx, %%eax", D_ALL, x);                          \
    CG_ONE("sbb16", "sbbw %%cx, %%ax", D_ALL, x);                            \
    CG_ONE("and32", "andl %%ecx, %%eax", D_NOAF, x);                         \
    CG_ONE("test8", "testb %%cl, %%al", D_NOAF, x);                          \
    CG_ONE("inc32", "incl %%eax", D_ALL, x);                                 \
    CG_ONE("dec16", "decw %%ax", D_ALL, x);                                  \
    CG_ONE("neg32", "negl %%eax", D_ALL, x);                                 \
    CG_ONE("shl1", "shll $1, %%eax", D_NOAF, x);                             \
    CG_ONE("sar1", "sarl $1, %%eax", D_NOAF, x);                             \
    CG_ONE("popf", "pushl %%esi\n\tpopf", D_ALL, x);                         \
    CG_ONE("add-rol", "addl %%ecx, %%eax\n\troll $7, %%eax", D_ROT, x);      \
    CG_ONE("sub-rol1", "subl %%ecx, %%eax\n\troll $1, %%eax", D_ALL, x);     \
    CG_ONE("and-bt", "andl %%ecx, %%eax\n\tbtl $4, %%edx",                   \
           F_ZF | F_CF, x)

static const uint32_t cg_vals[][2] = {
    { 0, 0 }, { 1, 2 }, { 0x7fffffff, 0xffffffff }, { 0x80000000, 1 },
    { 0xffffffff, 0xffffffff }, { 0x12345678, 0x12345678 },
    { 0x00008000, 0x00000001 }, { 0x000000ff, 0x00000081 },
    { 0xfffffffe, 0x7fffffff }, { 0x40000000, 0xc0000000 },
};
#define N_VALS (sizeof(cg_vals) / sizeof(cg_vals[0]))

static void cg_forward(uint32_t a, uint32_t c)
{
    uint32_t b = 0x11, e = (a ^ c) & F_ARITH;
#define CG_ONE(name, setter, def, x)                                         \
    do {                                                                     \
        memset(&o, 0, sizeof(o));                                            \
        o.in_a = a, o.in_b = b, o.in_c = c, o.in_e = e;                      \
        CG_ALL(setter, x);                                                   \
        cg_show(name, x, a, c, def);                                         \
    } while (0)
    CG_SETTERS("a");
}

/* The same setters calling the b readers, last setter first. */
static void cg_backward(uint32_t a, uint32_t c)
{
    uint32_t b = 0x22, e = (a ^ ~c) & F_ARITH;
    CG_ONE("and-bt", "andl %%ecx, %%eax\n\tbtl $4, %%edx", F_ZF | F_CF, "b");
    CG_ONE("sub-rol1", "subl %%ecx, %%eax\n\troll $1, %%eax", D_ALL, "b");
    CG_ONE("add-rol", "addl %%ecx, %%eax\n\troll $7, %%eax", D_ROT, "b");
    CG_ONE("popf", "pushl %%esi\n\tpopf", D_ALL, "b");
    CG_SETTERS("b");
#undef CG_ONE
}

int main(void)
{
    /* First entries (the guesses) in one order, then the other. */
    for (unsigned v = 0; v < N_VALS; v++) {
        cg_forward(cg_vals[v][0], cg_vals[v][1]);
    }
    for (unsigned v = N_VALS; v-- > 0;) {
        cg_backward(cg_vals[v][0], cg_vals[v][1]);
    }
    return 0;
}
