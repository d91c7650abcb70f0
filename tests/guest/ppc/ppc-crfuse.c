/* Compares and record forms followed by conditional branches (which Mimic
 * turns into one compare-and-branch on the operands), with the CR field or
 * the operands changed in between, and XER[SO] (a block flag in Mimic)
 * changed by mtxer, OE forms and mcrxr just before compares. Prints the
 * branch outcomes and CR/XER as hex; the oracle is qemu-ppc. */
#include <stdint.h>
#include <stdio.h>

/* mtcr writes every CR field: asm that uses it clobbers them all. */
#define CR_ALL "cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6", "cr7"

static const uint32_t vals[] = {
    0, 1, 2, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0xfffffffe, 0x21, 0x8000,
};
#define NV (sizeof(vals) / sizeof(vals[0]))

/* "cmp a,b ; branch" -> 1 if taken. */
#define BR2(name, cmp, br)                                                        \
    static int name(uint32_t a, uint32_t b)                                       \
    {                                                                             \
        int t;                                                                    \
        asm volatile("li %0,0\n\t" cmp " %1,%2\n\t" br " 1f\n\tb 2f\n1:\tli %0,1\n2:" \
                     : "=&r"(t) : "r"(a), "r"(b) : CR_ALL);                       \
        return t;                                                                 \
    }
BR2(s_lt, "cmpw", "blt") BR2(s_gt, "cmpw", "bgt") BR2(s_eq, "cmpw", "beq")
BR2(s_ge, "cmpw", "bge") BR2(s_le, "cmpw", "ble") BR2(s_ne, "cmpw", "bne")
BR2(u_lt, "cmplw", "blt") BR2(u_gt, "cmplw", "bgt") BR2(u_eq, "cmplw", "beq")
BR2(u_ge, "cmplw", "bge") BR2(u_le, "cmplw", "ble") BR2(u_ne, "cmplw", "bne")
BR2(c5_lt, "cmpw 5,", "blt 5,") BR2(c5u_gt, "cmplw 5,", "bgt 5,")

/* Immediate compares and record forms, from XER = 0. */
#define BR1(name, insn, br)                                                       \
    static int name(uint32_t a)                                                   \
    {                                                                             \
        int t;                                                                    \
        uint32_t d;                                                               \
        asm volatile("li %1,0\n\tmtxer %1\n\tli %0,0\n\t" insn "\n\t" br " 1f\n\t" \
                     "b 2f\n1:\tli %0,1\n2:"                                    \
                     : "=&r"(t), "=&r"(d) : "r"(a) : CR_ALL, "xer");              \
        return t;                                                                 \
    }
BR1(i_lt, "cmpwi %2,-1", "blt") BR1(i_gt, "cmpwi %2,33", "bgt") BR1(i_eq, "cmpwi %2,2", "beq")
BR1(iu_lt, "cmplwi %2,0x8000", "blt") BR1(iu_gt, "cmplwi %2,1", "bgt")
BR1(r_subf_eq, "subf. %1,%2,%2", "beq") BR1(r_add_lt, "add. %1,%2,%2", "blt")
BR1(r_add_gt, "add. %1,%2,%2", "bgt") BR1(r_and_eq, "andi. %1,%2,3", "beq")
BR1(r_rlw_gt, "rlwinm. %1,%2,1,0,30", "bgt") BR1(r_addic_lt, "addic. %1,%2,-2", "blt")
BR1(r_srawi_lt, "srawi. %1,%2,3", "blt") BR1(r_neg_gt, "neg. %1,%2", "bgt")
/* the operand is overwritten between the compare and the branch */
BR1(o_lt, "cmpwi %2,1\n\tmr %1,%2\n\tli %2,5\n\tmr %2,%1", "blt")
BR1(o_eq, "addi %1,%2,0\n\tcmpw %1,%2\n\taddi %1,%1,1", "beq")
/* the field is changed between the compare and the branch */
BR1(f_crxor, "cmpwi %2,0\n\tcrxor 2,2,2", "beq")
BR1(f_crnot, "cmpwi %2,0\n\tcrnot 0,0", "blt")
BR1(f_mcrf, "cmpwi %2,0\n\tcmpwi 1,%2,1\n\tmcrf 0,1", "bgt")
BR1(f_mtcrf, "cmpwi %2,0\n\tli %1,-1\n\tmtcrf 0x80,%1", "beq")
BR1(f_other, "cmpwi %2,0\n\tcmpwi 1,%2,7", "beq")
/* the field's SO bit */
BR1(so_bso, "cmpwi %2,0", "bso")
BR1(so_mtxer, "lis %1,0x8000\n\tmtxer %1\n\tcmpwi %2,0", "bso")
BR1(so_mtxer_eq, "lis %1,0x8000\n\tmtxer %1\n\tcmpwi %2,0", "beq")
BR1(so_addo, "addo %1,%2,%2\n\tcmpwi %2,0", "bso")
BR1(so_addo_rc, "addo. %1,%2,%2", "bso")
BR1(so_clear, "lis %1,0x8000\n\tmtxer %1\n\tmcrxr 1\n\tcmpwi %2,0", "bso")
/* CTR and a condition together */
BR1(ctr_t, "li %1,2\n\tmtctr %1\n\tcmpwi %2,0", "bdnzt 2,")
BR1(ctr_f, "li %1,1\n\tmtctr %1\n\tcmpwi %2,0", "bdzf 0,")

typedef int (*fn2)(uint32_t, uint32_t);
typedef int (*fn1)(uint32_t);
static const struct { const char *n; fn2 f; } t2[] = {
    { "cmpw/blt", s_lt }, { "cmpw/bgt", s_gt }, { "cmpw/beq", s_eq },
    { "cmpw/bge", s_ge }, { "cmpw/ble", s_le }, { "cmpw/bne", s_ne },
    { "cmplw/blt", u_lt }, { "cmplw/bgt", u_gt }, { "cmplw/beq", u_eq },
    { "cmplw/bge", u_ge }, { "cmplw/ble", u_le }, { "cmplw/bne", u_ne },
    { "cr5 cmpw/blt", c5_lt }, { "cr5 cmplw/bgt", c5u_gt },
};
static const struct { const char *n; fn1 f; } t1[] = {
    { "cmpwi -1/blt", i_lt }, { "cmpwi 33/bgt", i_gt }, { "cmpwi 2/beq", i_eq },
    { "cmplwi 0x8000/blt", iu_lt }, { "cmplwi 1/bgt", iu_gt },
    { "subf./beq", r_subf_eq }, { "add./blt", r_add_lt }, { "add./bgt", r_add_gt },
    { "andi./beq", r_and_eq }, { "rlwinm./bgt", r_rlw_gt }, { "addic./blt", r_addic_lt },
    { "srawi./blt", r_srawi_lt }, { "neg./bgt", r_neg_gt },
    { "operand changed/blt", o_lt }, { "operand changed/beq", o_eq },
    { "crxor/beq", f_crxor }, { "crnot/blt", f_crnot }, { "mcrf/bgt", f_mcrf },
    { "mtcrf/beq", f_mtcrf }, { "other field/beq", f_other },
    { "cmpwi/bso", so_bso }, { "mtxer SO/bso", so_mtxer }, { "mtxer SO/beq", so_mtxer_eq },
    { "addo/bso", so_addo }, { "addo./bso", so_addo_rc }, { "mcrxr/bso", so_clear },
    { "bdnzt", ctr_t }, { "bdzf", ctr_f },
};

int main(void)
{
    for (size_t i = 0; i < NV; i++) {
        for (size_t j = 0; j < NV; j++) {
            printf("%08x %08x:", vals[i], vals[j]);
            for (size_t k = 0; k < sizeof(t2) / sizeof(t2[0]); k++) {
                printf(" %d", t2[k].f(vals[i], vals[j]));
            }
            printf("\n");
        }
    }
    for (size_t k = 0; k < sizeof(t1) / sizeof(t1[0]); k++) {
        printf("%-20s", t1[k].n);
        for (size_t i = 0; i < NV; i++) {
            printf(" %d", t1[k].f(vals[i]));
        }
        printf("\n");
    }
    /* CR and XER after SO changes and compares in one sequence */
    for (size_t i = 0; i < NV; i++) {
        uint32_t cr, xer, d;
        asm volatile("li %2,0\n\tmtxer %2\n\taddo %2,%3,%3\n\tcmpw 3,%3,%2\n\t"
                     "cmplwi 4,%3,5\n\tmfcr %0\n\tmfxer %1"
                     : "=&r"(cr), "=&r"(xer), "=&r"(d) : "r"(vals[i]) : CR_ALL, "xer");
        printf("addo+cmp %08x -> %08x cr3,4=%02x xer=%08x\n", vals[i], d, (cr >> 12) & 0xff, xer);
        asm volatile("lis %2,0x8000\n\tmtxer %2\n\tsubf. %2,%3,%3\n\tcmpwi 7,%3,0\n\t"
                     "mfcr %0\n\tmfxer %1"
                     : "=&r"(cr), "=&r"(xer), "=&r"(d) : "r"(vals[i]) : CR_ALL, "xer");
        printf("so+subf. %08x -> cr0=%x cr7=%x xer=%08x\n", vals[i], cr >> 28, cr & 15, xer);
    }
    return 0;
}
