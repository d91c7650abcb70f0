/*
 * x87 arithmetic: FADD FSUB FSUBR FMUL FDIV FDIVR in register, popping and
 * memory forms (m32fp m64fp m16int m32int) over special values, in every
 * rounding mode and precision. Prints 80-bit results and status words;
 * groups are summarised by a hash, the default control word in full.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct F80 { uint64_t m; uint16_t e; } __attribute__((packed)) F80;

static const F80 vals[] = {
    { 0, 0 }, { 0, 0x8000 },
    { 0x8000000000000000ull, 0x3fff }, { 0xc000000000000000ull, 0xbfff },
    { 0xc90fdaa22168c235ull, 0x4000 }, { 0xaaaaaaaaaaaaaaabull, 0x3ffd },
    { 0xffffffffffffffffull, 0x7ffe }, { 0x8000000000000000ull, 0x0001 },
    { 0x0000000000000001ull, 0x0000 }, { 0x8000000000000001ull, 0x0000 },
    { 0x8000000000000000ull, 0x7fff }, { 0x8000000000000000ull, 0xffff },
    { 0xc000000000000001ull, 0x7fff }, { 0x8000000000000005ull, 0x7fff },
    { 0x4000000000000000ull, 0x4000 }, { 0xb504f333f9de6484ull, 0x3ffe },
    { 0x8000000000000001ull, 0x4035 }, { 0xfffe000000000000ull, 0xc00e },
};
#define NV (int)(sizeof(vals) / sizeof(vals[0]))

static const uint32_t m32s[] = { 0, 0x80000000, 0x3f800000, 0x7f800000,
    0x7fc00000, 0x7f800001, 0x00000001, 0x7f7fffff, 0x3eaaaaab, 0xc0490fdb };
static const uint64_t m64s[] = { 0, 0x8000000000000000ull,
    0x3ff0000000000000ull, 0x7ff0000000000000ull, 0x7ff8000000000000ull,
    0x7ff0000000000001ull, 1, 0x7fefffffffffffffull, 0x3fd5555555555555ull,
    0xc00921fb54442d18ull };
static const int16_t i16s[] = { 0, 1, -1, 32767, -32768, 12345, 3 };
static const int32_t i32s[] = { 0, 1, -1, 2147483647, (int32_t)0x80000000,
    123456789, 3 };

static const uint16_t cws[] = {
    0x037f, 0x077f, 0x0b7f, 0x0f7f, 0x027f, 0x067f, 0x0a7f, 0x0e7f,
    0x007f, 0x047f, 0x087f, 0x0c7f,
};
#define NCW (int)(sizeof(cws) / sizeof(cws[0]))

static int verbose;
static uint64_t hash;

/* Hashes a result; prints it too for the default control word (every
 * selected cases) or for all with any argument given. */
static void report(const char *op, const char *operand, uint16_t cw,
                   const F80 *a, const F80 *r, uint16_t sw, int print)
{
    hash = (hash ^ r->m) * 0x100000001b3ull;
    hash = (hash ^ ((uint32_t)r->e << 16 | sw)) * 0x100000001b3ull;
    if (print) {
        printf("%s %s cw=%04x a=%04x:%016llx -> %04x:%016llx sw=%04x\n", op,
               operand, cw, a->e, (unsigned long long)a->m, r->e,
               (unsigned long long)r->m, sw);
    }
}

/* ST0 = a, ST1 = b; register form op, result from ST0 (or ST1 for the
 * ST(i),ST(0) forms), status word after. */
static uint16_t reg_op(int op, const F80 *a, const F80 *b, F80 *r, uint16_t cw)
{
    uint16_t sw;
#define REGOP(insn)                                                        \
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" \
                     insn "\n\tfnstsw %[sw]\n\tfstpt %[r]\n\tfninit"       \
                     : [r] "=m"(*r), [sw] "=m"(sw)                          \
                     : [a] "m"(*a), [b] "m"(*b), [cw] "m"(cw) : "memory")
    switch (op) {
    case 0: REGOP("fadd %%st(1), %%st"); break;
    case 1: REGOP("fmul %%st(1), %%st"); break;
    case 2: REGOP("fsub %%st(1), %%st"); break;
    case 3: REGOP("fsubr %%st(1), %%st"); break;
    case 4: REGOP("fdiv %%st(1), %%st"); break;
    case 5: REGOP("fdivr %%st(1), %%st"); break;
    /* DC forms: ST(1) = ST(1) op ST(0); then pop via fstp st(0) so the
     * result is on top (.byte encodings avoid assembler mnemonic swaps) */
    case 6: REGOP(".byte 0xdc, 0xc1\n\tfstp %%st(0)"); break;   /* fadd st1,st0 */
    case 7: REGOP(".byte 0xdc, 0xe9\n\tfstp %%st(0)"); break;   /* fsub st1,st0 */
    case 8: REGOP(".byte 0xdc, 0xe1\n\tfstp %%st(0)"); break;   /* fsubr st1,st0 */
    case 9: REGOP(".byte 0xdc, 0xf9\n\tfstp %%st(0)"); break;   /* fdiv st1,st0 */
    case 10: REGOP(".byte 0xdc, 0xf1\n\tfstp %%st(0)"); break;  /* fdivr st1,st0 */
    case 11: REGOP(".byte 0xdc, 0xc9\n\tfstp %%st(0)"); break;  /* fmul st1,st0 */
    /* DE forms pop: the result lands in ST0 */
    case 12: REGOP(".byte 0xde, 0xc1"); break;                 /* faddp */
    case 13: REGOP(".byte 0xde, 0xe9"); break;                 /* fsubp */
    case 14: REGOP(".byte 0xde, 0xe1"); break;                 /* fsubrp */
    case 15: REGOP(".byte 0xde, 0xf9"); break;                 /* fdivp */
    case 16: REGOP(".byte 0xde, 0xf1"); break;                 /* fdivrp */
    case 17: REGOP(".byte 0xde, 0xc9"); break;                 /* fmulp */
    }
#undef REGOP
    return sw;
}

static const char *const reg_names[] = {
    "fadd st0,st1", "fmul st0,st1", "fsub st0,st1", "fsubr st0,st1",
    "fdiv st0,st1", "fdivr st0,st1", "fadd st1,st0", "fsub st1,st0",
    "fsubr st1,st0", "fdiv st1,st0", "fdivr st1,st0", "fmul st1,st0",
    "faddp", "fsubp", "fsubrp", "fdivp", "fdivrp", "fmulp",
};

/* ST0 = a; op with a memory operand of kind k (0 m32, 1 m64, 2 m16int,
 * 3 m32int) and operation op (0 add 1 mul 2 sub 3 subr 4 div 5 divr). */
static uint16_t mem_op(int k, int op, const F80 *a, const void *m, F80 *r,
                       uint16_t cw)
{
    uint16_t sw;
#define MEMOP(insn)                                                        \
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\t" insn         \
                     " %[m]\n\tfnstsw %[sw]\n\tfstpt %[r]\n\tfninit"       \
                     : [r] "=m"(*r), [sw] "=m"(sw)                          \
                     : [a] "m"(*a), [m] "m"(*(const uint64_t *)m),          \
                       [cw] "m"(cw) : "memory")
    switch (k * 8 + op) {
    case 0: MEMOP("fadds"); break;
    case 1: MEMOP("fmuls"); break;
    case 2: MEMOP("fsubs"); break;
    case 3: MEMOP("fsubrs"); break;
    case 4: MEMOP("fdivs"); break;
    case 5: MEMOP("fdivrs"); break;
    case 8: MEMOP("faddl"); break;
    case 9: MEMOP("fmull"); break;
    case 10: MEMOP("fsubl"); break;
    case 11: MEMOP("fsubrl"); break;
    case 12: MEMOP("fdivl"); break;
    case 13: MEMOP("fdivrl"); break;
    case 16: MEMOP("fiadds"); break;
    case 17: MEMOP("fimuls"); break;
    case 18: MEMOP("fisubs"); break;
    case 19: MEMOP("fisubrs"); break;
    case 20: MEMOP("fidivs"); break;
    case 21: MEMOP("fidivrs"); break;
    case 24: MEMOP("fiaddl"); break;
    case 25: MEMOP("fimull"); break;
    case 26: MEMOP("fisubl"); break;
    case 27: MEMOP("fisubrl"); break;
    case 28: MEMOP("fidivl"); break;
    case 29: MEMOP("fidivrl"); break;
    }
#undef MEMOP
    return sw;
}

static const char *const mem_ops[] = { "add", "mul", "sub", "subr", "div",
                                       "divr" };
static const char *const mem_kinds[] = { "m32", "m64", "i16", "i32" };

int main(int argc, char **argv)
{
    verbose = argc > 1;
    for (int op = 0; op < 18; op++) {
        for (int c = 0; c < NCW; c++) {
            hash = 0xcbf29ce484222325ull;
            for (int i = 0; i < NV; i++) {
                for (int j = 0; j < NV; j++) {
                    F80 r;
                    uint16_t sw = reg_op(op, &vals[i], &vals[j], &r, cws[c]);
                    char operand[32] = "";
                    int print = verbose || (cws[c] == 0x037f && j % 3 == 0);
                    if (print) {
                        snprintf(operand, sizeof(operand), "b=%04x:%016llx",
                                 vals[j].e, (unsigned long long)vals[j].m);
                    }
                    report(reg_names[op], operand, cws[c], &vals[i], &r, sw,
                           print);
                }
            }
            printf("%-14s cw=%04x hash %016llx\n", reg_names[op], cws[c],
                   (unsigned long long)hash);
        }
    }
    for (int k = 0; k < 4; k++) {
        int n = k == 0 ? 10 : k == 1 ? 10 : 7;
        for (int op = 0; op < 6; op++) {
            for (int c = 0; c < NCW; c++) {
                hash = 0xcbf29ce484222325ull;
                for (int i = 0; i < NV; i++) {
                    for (int j = 0; j < n; j++) {
                        uint64_t m = 0;
                        F80 r;
                        char name[16] = "", operand[32] = "";
                        int print = verbose || (cws[c] == 0x037f && i % 4 == 0);
                        if (k == 0) memcpy(&m, &m32s[j], 4);
                        if (k == 1) memcpy(&m, &m64s[j], 8);
                        if (k == 2) memcpy(&m, &i16s[j], 2);
                        if (k == 3) memcpy(&m, &i32s[j], 4);
                        uint16_t sw = mem_op(k, op, &vals[i], &m, &r, cws[c]);
                        if (print) {
                            snprintf(name, sizeof(name), "f%s", mem_ops[op]);
                            snprintf(operand, sizeof(operand), "%s %016llx",
                                     mem_kinds[k], (unsigned long long)m);
                        }
                        report(name, operand, cws[c], &vals[i], &r, sw, print);
                    }
                }
                printf("f%s %s cw=%04x hash %016llx\n", mem_ops[op],
                       mem_kinds[k], cws[c], (unsigned long long)hash);
            }
        }
    }
    return 0;
}
