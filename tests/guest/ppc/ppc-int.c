/* Fixed-point arithmetic: every CA/OV/SO/CR0 effect of the add/subtract,
 * multiply and divide families at edge operands, printed as hex. */
#include <stdint.h>
#include <stdio.h>

/* mtcr writes every CR field: asm that uses it clobbers them all. */
#define CR_ALL "cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6", "cr7"

static const uint32_t vals[] = {
    0, 1, 2, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0xfffffffe,
    0x12345678, 0xdeadbeef, 0x00010000, 0x0000ffff,
};
#define NV (sizeof(vals) / sizeof(vals[0]))

/* Runs "insn d,a,b" with XER = xer_in and CR cleared; prints d, CR0/CR1, XER. */
#define T3(insn)                                                               \
    static void t_##insn##_f(uint32_t a, uint32_t b, uint32_t xer_in)          \
    {                                                                          \
        uint32_t d, cr, xer;                                                   \
        asm volatile("mtxer %4\n\tmtcr %5\n\t" #insn " %0,%3,%6\n\t"          \
                     "mfcr %1\n\tmfxer %2"                                     \
                     : "=&r"(d), "=&r"(cr), "=&r"(xer)                         \
                     : "r"(a), "r"(xer_in), "r"(0), "r"(b)                     \
                     : CR_ALL, "xer");                                          \
        printf("%-9s %08x %08x x=%08x -> %08x cr=%02x xer=%08x\n", #insn, a, b, \
               xer_in, d, cr >> 24, xer);                                      \
    }
#define T2(insn)                                                               \
    static void t_##insn##_f(uint32_t a, uint32_t b, uint32_t xer_in)          \
    {                                                                          \
        uint32_t d, cr, xer;                                                   \
        (void)b;                                                               \
        asm volatile("mtxer %4\n\tmtcr %5\n\t" #insn " %0,%3\n\t"             \
                     "mfcr %1\n\tmfxer %2"                                     \
                     : "=&r"(d), "=&r"(cr), "=&r"(xer)                         \
                     : "r"(a), "r"(xer_in), "r"(0)                             \
                     : CR_ALL, "xer");                                          \
        printf("%-9s %08x x=%08x -> %08x cr=%02x xer=%08x\n", #insn, a, xer_in, \
               d, cr >> 24, xer);                                              \
    }

/* gcc wants identifiers: name the dotted/o forms through macros */
#define add_dot "add."
T3(add) T3(addc) T3(adde) T3(addo) T3(subf) T3(subfc) T3(subfe) T3(subfo)
T3(mullw) T3(mulhw) T3(mulhwu) T3(mullwo) T3(divw) T3(divwu) T3(divwo) T3(divwuo)
T3(addeo) T3(subfeo) T3(addco) T3(subfco)
T2(addme) T2(addze) T2(subfme) T2(subfze) T2(neg) T2(nego) T2(addmeo) T2(addzeo)
T2(subfmeo) T2(subfzeo)

#define T3R(name, insn)                                                        \
    static void name(uint32_t a, uint32_t b, uint32_t xer_in)                  \
    {                                                                          \
        uint32_t d, cr, xer;                                                   \
        asm volatile("mtxer %4\n\tmtcr %5\n\t" insn " %0,%3,%6\n\t"           \
                     "mfcr %1\n\tmfxer %2"                                     \
                     : "=&r"(d), "=&r"(cr), "=&r"(xer)                         \
                     : "r"(a), "r"(xer_in), "r"(0), "r"(b)                     \
                     : CR_ALL, "xer");                                          \
        printf("%-9s %08x %08x x=%08x -> %08x cr=%02x xer=%08x\n", insn, a, b,  \
               xer_in, d, cr >> 24, xer);                                      \
    }
T3R(t_addrc, "add.") T3R(t_addorc, "addo.") T3R(t_subfrc, "subf.") T3R(t_subfeorc, "subfeo.")
T3R(t_mullworc, "mullwo.") T3R(t_divworc, "divwo.") T3R(t_andrc, "and.") T3R(t_orrc, "or.")
T3R(t_xorrc, "xor.") T3R(t_nandrc, "nand.") T3R(t_norrc, "nor.") T3R(t_eqvrc, "eqv.")
T3R(t_andcrc, "andc.") T3R(t_orcrc, "orc.") T3R(t_adderc, "adde.") T3R(t_mulhwrc, "mulhw.")

typedef void (*tfn)(uint32_t, uint32_t, uint32_t);
static const tfn tests[] = {
    t_add_f, t_addc_f, t_adde_f, t_addo_f, t_subf_f, t_subfc_f, t_subfe_f, t_subfo_f,
    t_mullw_f, t_mulhw_f, t_mulhwu_f, t_mullwo_f, t_divw_f, t_divwu_f, t_divwo_f,
    t_divwuo_f, t_addeo_f, t_subfeo_f, t_addco_f, t_subfco_f, t_addme_f, t_addze_f,
    t_subfme_f, t_subfze_f, t_neg_f, t_nego_f, t_addmeo_f, t_addzeo_f, t_subfmeo_f,
    t_subfzeo_f, t_addrc, t_addorc, t_subfrc, t_subfeorc, t_mullworc, t_divworc, t_andrc,
    t_orrc, t_xorrc, t_nandrc, t_norrc, t_eqvrc, t_andcrc, t_orcrc, t_adderc, t_mulhwrc,
};

int main(void)
{
    /* XER inputs: clear, CA set, SO set, SO+OV+CA set */
    static const uint32_t xers[] = { 0, 0x20000000, 0x80000000, 0xe0000000 };
    for (size_t t = 0; t < sizeof(tests) / sizeof(tests[0]); t++) {
        for (size_t i = 0; i < NV; i++) {
            for (size_t j = 0; j < NV; j += 1) {
                tests[t](vals[i], vals[j], xers[(i + j + t) & 3]);
            }
        }
    }
    /* immediates */
    for (size_t i = 0; i < NV; i++) {
        uint32_t a = vals[i], d, cr, xer;
        asm volatile("mtxer %4\n\tmtcr %4\n\taddic. %0,%3,-1\n\tmfcr %1\n\tmfxer %2"
                     : "=&r"(d), "=&r"(cr), "=&r"(xer) : "r"(a), "r"(0) : CR_ALL, "xer");
        printf("addic. %08x -> %08x cr=%02x xer=%08x\n", a, d, cr >> 24, xer);
        asm volatile("mtxer %4\n\tsubfic %0,%3,100\n\tmfxer %2\n\tmfcr %1"
                     : "=&r"(d), "=&r"(cr), "=&r"(xer) : "r"(a), "r"(0) : "cr0", "xer");
        printf("subfic %08x -> %08x xer=%08x\n", a, d, xer);
        asm volatile("mulli %0,%1,-7" : "=r"(d) : "r"(a));
        printf("mulli %08x -> %08x\n", a, d);
        asm volatile("mtxer %4\n\tmtcr %4\n\tandi. %0,%3,0x8001\n\tmfcr %1\n\tandis. %2,%3,0x8001"
                     : "=&r"(d), "=&r"(cr), "=&r"(xer) : "r"(a), "r"(0) : CR_ALL, "xer");
        printf("andi./andis. %08x -> %08x %08x cr=%02x\n", a, d, xer, cr >> 24);
        for (size_t j = 0; j < NV; j++) {
            uint32_t b = vals[j];
            asm volatile("mtcr %3\n\tcmpw cr1,%1,%2\n\tcmplw cr6,%1,%2\n\tmfcr %0"
                         : "=&r"(cr) : "r"(a), "r"(b), "r"(0) : CR_ALL);
            printf("cmp %08x %08x cr=%08x\n", a, b, cr);
        }
    }
    return 0;
}
