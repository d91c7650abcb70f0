/*
 * Flags after instructions that change only some of them (ROL ROR RCL RCR
 * BT BTS BTR BTC) over every kind of earlier flag setter, read by SETcc,
 * Jcc, PUSHF, ADC and by a fault (the signal frame's EFLAGS), in the same
 * block as the setter and across a block boundary. Undefined flags masked.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include "insn-common.h"

/* What one run stores through %edi. */
struct rf_out {
    uint8_t cc[16];     /* SETcc for conditions 0..15 */
    uint32_t f;         /* PUSHF */
    uint32_t j;         /* one bit per taken Jcc (bit 15 = condition 0) */
    uint32_t r;         /* the rotated register */
    uint32_t adc;       /* ADC $0 to 0 after the Jcc chain */
};

/* The flags each condition pair (O B E BE S P L LE) reads. */
static const uint32_t rf_deps[8] = {
    F_OF, F_CF, F_ZF, F_CF | F_ZF, F_SF, F_PF, F_SF | F_OF, F_SF | F_OF | F_ZF,
};

static sigjmp_buf rf_jmp;
static volatile uint32_t rf_fault_flags;

static void rf_on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    rf_fault_flags = ((ucontext_t *)uc)->uc_mcontext.gregs[REG_EFL];
    siglongjmp(rf_jmp, 1);
}

#define RF_SETCC                                                             \
    "seto 0(%%edi)\n\tsetno 1(%%edi)\n\tsetb 2(%%edi)\n\tsetae 3(%%edi)\n\t"  \
    "sete 4(%%edi)\n\tsetne 5(%%edi)\n\tsetbe 6(%%edi)\n\tseta 7(%%edi)\n\t"  \
    "sets 8(%%edi)\n\tsetns 9(%%edi)\n\tsetp 10(%%edi)\n\tsetnp 11(%%edi)\n\t" \
    "setl 12(%%edi)\n\tsetge 13(%%edi)\n\tsetle 14(%%edi)\n\tsetg 15(%%edi)\n\t"

/* Each Jcc ends a block, so the later ones see the flags state in env. */
#define RF_J(cc) "lea (%%esi,%%esi), %%esi\n\tj" cc " 1f\n\tlea 1(%%esi), %%esi\n1:\n\t"
#define RF_JCC                                                               \
    RF_J("no") RF_J("o") RF_J("ae") RF_J("b") RF_J("ne") RF_J("e")           \
    RF_J("a") RF_J("be") RF_J("ns") RF_J("s") RF_J("np") RF_J("p")           \
    RF_J("ge") RF_J("l") RF_J("g") RF_J("le")

/* Loads the operands, starts from defined flags (CMP), runs the setter
 * and the partial setter, then reads the flags every way. */
#define RF_RUN(setter, dyn, partial)                                         \
    __asm__ volatile(                                                        \
        "movl %[a], %%eax\n\tmovl %[b], %%edx\n\tmovl %[c], %%ecx\n\t"       \
        "movl %[e], %%esi\n\tcmpl %%ecx, %%eax\n\t"                          \
        setter "\n\t" dyn partial "\n\t" RF_SETCC                            \
        "pushf\n\tpopl 16(%%edi)\n\tmovl %%edx, 24(%%edi)\n\t"               \
        "movl $0, %%esi\n\t" RF_JCC                                          \
        "movl %%esi, 20(%%edi)\n\tmovl $0, %%eax\n\tadcl $0, %%eax\n\t"      \
        "movl %%eax, 28(%%edi)"                                              \
        :: [a] "m"(a), [b] "m"(b), [c] "m"(c), [e] "m"(e), "D"(&o)           \
        : "eax", "ecx", "edx", "esi", "memory", "cc")

/* The same, but a load from address 0 faults right after the partial
 * setter: the handler sees the flags. */
#define RF_FAULT(setter, dyn, partial)                                       \
    __asm__ volatile(                                                        \
        "movl %[a], %%eax\n\tmovl %[b], %%edx\n\tmovl %[c], %%ecx\n\t"       \
        "movl %[e], %%esi\n\tcmpl %%ecx, %%eax\n\t"                          \
        setter "\n\t" dyn partial "\n\tmovl %%edx, (%%edi)\n\t"              \
        "movl 0, %%esi\n\t"                                                  \
        :: [a] "m"(a), [b] "m"(b), [c] "m"(c), [e] "m"(e), "D"(&o)           \
        : "eax", "ecx", "edx", "esi", "memory", "cc")

#define RF_JMP "jmp 7f\n7:\n\t"

static void rf_show(const char *sn, const char *pn, const char *kind,
                    uint32_t a, uint32_t b, uint32_t c, uint32_t mask,
                    const struct rf_out *o)
{
    uint32_t ccbits = 0, jbits = 0;
    for (int i = 0; i < 16; i++) {
        if ((rf_deps[i >> 1] & ~mask) == 0) {
            ccbits |= (uint32_t)(o->cc[i] & 1) << i;
            jbits |= ((o->j >> (15 - i)) & 1) << i;
        }
    }
    printf("%-6s %-14s %s a=%08x b=%08x c=%02x f=%03x cc=%04x j=%04x adc=%x r=%08x\n",
           sn, pn, kind, a, b, c, o->f & mask, ccbits, jbits, o->adc, o->r);
}

static void rf_show_fault(const char *sn, const char *pn, const char *kind,
                          uint32_t a, uint32_t b, uint32_t c, uint32_t mask,
                          uint32_t r)
{
    printf("%-6s %-14s %s a=%08x b=%08x c=%02x fault f=%03x r=%08x\n",
           sn, pn, kind, a, b, c, rf_fault_flags & mask, r);
}

/* Flags an earlier setter leaves defined (AF is undefined after logic ops
 * and shifts, OF after shifts by more than 1). */
enum { D_ALL = F_ARITH, D_NOAF = F_ARITH & ~F_AF, D_SHIFTN = F_ARITH & ~(F_AF | F_OF) };

/* Partial setter kinds: how they change the defined set. */
enum { P_ROT, P_BT, P_BTROT };   /* P_BTROT: BT then a rotate */

struct rf_setter {
    const char *name;
    uint32_t defined;
};

struct rf_partial {
    const char *name;
    int kind;
    int count;          /* constant count, or -1: CL */
};

/* Defined flags after setter then partial with count c. */
static uint32_t rf_mask(uint32_t defined, const struct rf_partial *p, uint32_t c)
{
    if (p->kind != P_ROT) {
        defined = (defined & F_ZF) | F_CF;
        if (p->kind == P_BT) {
            return defined;
        }
    }
    uint32_t n = (p->count < 0 ? c : (uint32_t)p->count) & 31;
    if (n == 0) {
        return defined;
    }
    return n == 1 ? defined | F_CF | F_OF : (defined | F_CF) & ~F_OF;
}

/* One partial setter over every setter, in-block, cross-block, faulting. */
#define RF_SETTERS(P, pi)                                                    \
    RF_ONE("add32", "addl %%ecx, %%eax", D_ALL, P, pi);                      \
    RF_ONE("add8", "addb %%cl, %%al", D_ALL, P, pi);                         \
    RF_ONE("adc16", "adcw %%cx, %%ax", D_ALL, P, pi);                        \
    RF_ONE("sub32", "subl %%ecx, %%eax", D_ALL, P, pi);                      \
    RF_ONE("cmp16", "cmpw %%cx, %%ax", D_ALL, P, pi);                        \
    RF_ONE("sbb8", "sbbb %%cl, %%al", D_ALL, P, pi);                         \
    RF_ONE("and32", "andl %%ecx, %%eax", D_NOAF, P, pi);                     \
    RF_ONE("xor8", "xorb %%cl, %%al", D_NOAF, P, pi);                        \
    RF_ONE("test16", "testw %%cx, %%ax", D_NOAF, P, pi);                     \
    RF_ONE("inc32", "incl %%eax", D_ALL, P, pi);                             \
    RF_ONE("dec8", "decb %%al", D_ALL, P, pi);                               \
    RF_ONE("neg16", "negw %%ax", D_ALL, P, pi);                              \
    RF_ONE("shl1", "shll $1, %%eax", D_NOAF, P, pi);                         \
    RF_ONE("sar1b", "sarb $1, %%al", D_NOAF, P, pi);                         \
    RF_ONE("shr3w", "shrw $3, %%ax", D_SHIFTN, P, pi);                       \
    RF_ONE("shlcl", "shll %%cl, %%eax",                                     \
           (c & 31) == 0 ? D_ALL : (c & 31) == 1 ? D_NOAF : D_SHIFTN, P, pi); \
    RF_ONE("popf", "pushl %%esi\n\tpopf", D_ALL, P, pi);                     \
    RF_ONE("rolrol", "roll $1, %%eax\n\taddl %%ecx, %%eax\n\trorl $1, %%eax", \
           D_ALL, P, pi)

static const uint32_t rf_vals[][3] = {
    /* a, b (the partial setter's operand), c (ECX: count / second operand) */
    { 0x00000000, 0x80000001, 0x00 }, { 0x7fffffff, 0x00000001, 0x01 },
    { 0x80000000, 0xc0000000, 0x01 }, { 0xffffffff, 0x12345678, 0x08 },
    { 0x0000007f, 0x40000000, 0x11 }, { 0x12345678, 0xfedcba98, 0x20 },
    { 0xfffffffe, 0x00008000, 0x21 }, { 0x00000080, 0x000000c1, 0x1f },
    { 0x00008000, 0xffffffff, 0x10 }, { 0x55555555, 0x00000000, 0x07 },
};
#define N_VALS (sizeof(rf_vals) / sizeof(rf_vals[0]))

static const struct rf_partial rf_partials[] = {
    { "roll1", P_ROT, 1 }, { "roll5", P_ROT, 5 }, { "rorl1", P_ROT, 1 },
    { "rorl13", P_ROT, 13 }, { "rolw1", P_ROT, 1 }, { "rorw4", P_ROT, 4 },
    { "rolb1", P_ROT, 1 }, { "rorb7", P_ROT, 7 }, { "rolb8", P_ROT, 8 },
    { "roll0", P_ROT, 0 }, { "rollcl", P_ROT, -1 }, { "rorbcl", P_ROT, -1 },
    { "rolwcl", P_ROT, -1 }, { "rcll1", P_ROT, 1 }, { "rcrl1", P_ROT, 1 },
    { "rclb3", P_ROT, 3 }, { "rcrwcl", P_ROT, -1 }, { "rcrlcl", P_ROT, -1 },
    { "rolror1", P_ROT, 1 }, { "rolcl-rol1", P_ROT, 1 }, { "btl3", P_BT, 0 },
    { "btslcl", P_BT, 0 }, { "btrl", P_BT, 0 }, { "btcw", P_BT, 0 },
    { "rol-bt", P_BT, 0 }, { "bt-rolcl", P_BTROT, -1 },
    { "rol1-rolcl", P_ROT, -1 }, { "rorw3-rcrlcl", P_ROT, -1 },
    { "rorb1-rclb2", P_ROT, 2 },
};

static void rf_case(int pi, uint32_t a, uint32_t b, uint32_t c)
{
    static struct rf_out o;
    uint32_t e = (a ^ b) & F_ARITH;
    const struct rf_partial *p = &rf_partials[pi];
#define RF_ONE(sn, setter, def, P, pi_)                                      \
    do {                                                                     \
        uint32_t m = rf_mask(def, p, c);                                     \
        memset(&o, 0, sizeof(o));                                            \
        RF_RUN(setter, "", P);                                               \
        rf_show(sn, p->name, "blk", a, b, c, m, &o);                         \
        memset(&o, 0, sizeof(o));                                            \
        RF_RUN(setter, RF_JMP, P);                                           \
        rf_show(sn, p->name, "dyn", a, b, c, m, &o);                         \
        memset(&o, 0, sizeof(o));                                            \
        if (!sigsetjmp(rf_jmp, 1)) {                                         \
            RF_FAULT(setter, "", P);                                         \
        }                                                                    \
        rf_show_fault(sn, p->name, "blk", a, b, c, m, *(uint32_t *)&o);      \
        if (!sigsetjmp(rf_jmp, 1)) {                                         \
            RF_FAULT(setter, RF_JMP, P);                                     \
        }                                                                    \
        rf_show_fault(sn, p->name, "dyn", a, b, c, m, *(uint32_t *)&o);      \
    } while (0)
    switch (pi) {
    case 0: RF_SETTERS("roll $1, %%edx", pi); break;
    case 1: RF_SETTERS("roll $5, %%edx", pi); break;
    case 2: RF_SETTERS("rorl $1, %%edx", pi); break;
    case 3: RF_SETTERS("rorl $13, %%edx", pi); break;
    case 4: RF_SETTERS("rolw $1, %%dx", pi); break;
    case 5: RF_SETTERS("rorw $4, %%dx", pi); break;
    case 6: RF_SETTERS("rolb $1, %%dl", pi); break;
    case 7: RF_SETTERS("rorb $7, %%dl", pi); break;
    case 8: RF_SETTERS("rolb $8, %%dl", pi); break;
    case 9: RF_SETTERS(".byte 0xc1, 0xc2, 0x00", pi); break; /* roll $0, %edx */
    case 10: RF_SETTERS("roll %%cl, %%edx", pi); break;
    case 11: RF_SETTERS("rorb %%cl, %%dl", pi); break;
    case 12: RF_SETTERS("rolw %%cl, %%dx", pi); break;
    case 13: RF_SETTERS("rcll $1, %%edx", pi); break;
    case 14: RF_SETTERS("rcrl $1, %%edx", pi); break;
    case 15: RF_SETTERS("rclb $3, %%dl", pi); break;
    case 16: RF_SETTERS("rcrw %%cl, %%dx", pi); break;
    case 17: RF_SETTERS("rcrl %%cl, %%edx", pi); break;
    case 18: RF_SETTERS("roll $1, %%edx\n\trorl $1, %%edx", pi); break;
    case 19: RF_SETTERS("roll %%cl, %%edx\n\troll $1, %%edx", pi); break;
    case 20: RF_SETTERS("btl $3, %%edx", pi); break;
    case 21: RF_SETTERS("btsl %%ecx, %%edx", pi); break;
    case 22: RF_SETTERS("btrl $31, %%edx", pi); break;
    case 23: RF_SETTERS("btcw %%cx, %%dx", pi); break;
    case 24: RF_SETTERS("roll $1, %%edx\n\tbtl $7, %%edx", pi); break;
    case 25: RF_SETTERS("btl $2, %%edx\n\troll %%cl, %%edx", pi); break;
    /* A rotate's lazy CF/OF (the result kept) under a rotate by CL, whose
     * count of 0 keeps them, and under RCR/RCL, which read CF. */
    case 26: RF_SETTERS("roll $1, %%edx\n\troll %%cl, %%edx", pi); break;
    case 27: RF_SETTERS("rorw $3, %%dx\n\trcrl %%cl, %%edx", pi); break;
    case 28: RF_SETTERS("rorb $1, %%dl\n\trclb $2, %%dl", pi); break;
    }
#undef RF_ONE
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = rf_on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    int np = (int)(sizeof(rf_partials) / sizeof(rf_partials[0]));
    for (int pi = 0; pi < np; pi++) {
        for (unsigned v = 0; v < N_VALS; v++) {
            rf_case(pi, rf_vals[v][0], rf_vals[v][1], rf_vals[v][2]);
        }
    }
    return 0;
}
