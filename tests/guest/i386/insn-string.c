/*
 * String instructions: MOVS STOS LODS CMPS SCAS at 8/16/32 bits, single
 * and with REP/REPE/REPNE, forwards and backwards (DF), counts 0..n, and
 * the 16-bit address size form (0x67). Prints registers, flags, buffers.
 */
#include <string.h>
#include "insn-common.h"

static uint8_t src[64], dst[64];

static void dump(const char *name, uint32_t esi, uint32_t edi, uint32_t ecx,
                 uint32_t eax, uint32_t f)
{
    printf("%-10s esi=%+3d edi=%+3d ecx=%u eax=%08x f=%03x dst:", name,
           (int)(esi - (uint32_t)(uintptr_t)src), (int)(edi - (uint32_t)(uintptr_t)dst),
           ecx, eax, f & F_ARITH);
    for (int i = 0; i < 64; i++) {
        printf("%02x", dst[i]);
    }
    printf("\n");
}

static void reset(void)
{
    for (int i = 0; i < 64; i++) {
        src[i] = (uint8_t)(i * 7 + 3);
        dst[i] = (uint8_t)(i ^ 0x55);
    }
    dst[40] = src[40];
}

#define STR(name, code, off, n, eax_in)                                     \
    do {                                                                    \
        reset();                                                            \
        uint32_t esi = (uint32_t)(uintptr_t)(src + (off)), edi = (uint32_t)(uintptr_t)(dst + (off)); \
        uint32_t ecx = (n), eax = (eax_in), f;                              \
        __asm__ volatile("push %5\n\tpopf\n\t" code "\n\tpushf\n\tpop %4\n\tcld" \
                         : "+S"(esi), "+D"(edi), "+c"(ecx), "+a"(eax), "=&r"(f) \
                         : "r"(0x8d5u) : "cc", "memory");                   \
        dump(name, esi, edi, ecx, eax, f);                                  \
    } while (0)

int main(void)
{
    static const uint32_t counts[] = { 0, 1, 2, 5, 13 };
    for (unsigned i = 0; i < 5; i++) {
        uint32_t n = counts[i];
        STR("movsb", "movsb", 0, n, 0);
        STR("rep movsb", "rep movsb", 0, n, 0);
        STR("rep movsw", "rep movsw", 0, n, 0);
        STR("rep movsl", "rep movsl", 0, n, 0);
        STR("std movsl", "std\n\trep movsl", 40, n, 0);
        STR("std movsb", "std\n\trep movsb", 40, n, 0);
        STR("rep stosb", "rep stosb", 3, n, 0x11223344);
        STR("rep stosw", "rep stosw", 3, n, 0x11223344);
        STR("rep stosl", "rep stosl", 3, n, 0x11223344);
        STR("std stosw", "std\n\trep stosw", 30, n, 0x11223344);
        STR("lodsl", "lodsl", 4, n, 0);
        STR("rep lodsb", "rep lodsb", 4, n, 0xaaaaaaaa);
        STR("std lodsw", "std\n\trep lodsw", 4, n, 0xaaaaaaaa);
        STR("cmpsb", "cmpsb", 0, n, 0);
        STR("repe cmpsb", "repe cmpsb", 40, n, 0);
        STR("repne cmpsb", "repne cmpsb", 30, n, 0);
        STR("repe cmpsl", "repe cmpsl", 0, n, 0);
        STR("repne cmpsw", "repne cmpsw", 36, n, 0);
        STR("scasb", "scasb", 0, n, 0x55);
        STR("repne scasb", "repne scasb", 0, n, 0x50);
        STR("repe scasb", "repe scasb", 0, n, 0x55);
        STR("repne scasl", "repne scasl", 0, n, 0x5d5e5f58);
        STR("std scasb", "std\n\trepne scasb", 20, n, 0x50);
        if (n == 0) {
            /* 16-bit address size: only CX counts (CX = 0 here). */
            STR("a16 movsb", "addr16 rep movsb", 0, 0xabcd0000, 0);
        }
    }
    /* Overlapping copies behave element by element (a pattern fill). */
    static uint8_t big[3 * 4096 + 64];
    for (int k = 0; k < 6; k++) {
        for (int i = 0; i < (int)sizeof(big); i++) {
            big[i] = (uint8_t)(i * 13 + k);
        }
        uint32_t esi = (uint32_t)(uintptr_t)(big + 4000), edi = esi + (k % 3) + 1;
        uint32_t ecx = k < 3 ? 300 + k * 1000 : (300 + k * 1000) / 4;
        if (k < 3) {
            __asm__ volatile("rep movsb" : "+S"(esi), "+D"(edi), "+c"(ecx) :: "memory");
        } else {
            esi -= 1; edi -= 1;   /* unaligned dwords crossing page edges */
            __asm__ volatile("rep movsl" : "+S"(esi), "+D"(edi), "+c"(ecx) :: "memory");
        }
        uint32_t h = 0;
        for (int i = 0; i < (int)sizeof(big); i++) {
            h = h * 31 + big[i];
        }
        printf("overlap %d: hash %08x ecx=%u\n", k, h, ecx);
        /* backwards, overlapping the other way */
        esi = (uint32_t)(uintptr_t)(big + 8000);
        edi = esi + 2;
        ecx = 2000 + k;
        __asm__ volatile("std\n\trep movsw\n\tcld" : "+S"(esi), "+D"(edi), "+c"(ecx) :: "memory");
        h = 0;
        for (int i = 0; i < (int)sizeof(big); i++) {
            h = h * 31 + big[i];
        }
        printf("overlap back %d: hash %08x\n", k, h);
        uint32_t eax = 0x9abcdef0 + k;
        edi = (uint32_t)(uintptr_t)(big + 4093 + k);
        ecx = 1500;
        __asm__ volatile("rep stosl" : "+D"(edi), "+c"(ecx) : "a"(eax) : "memory");
        __asm__ volatile("std\n\trep stosw\n\tcld" : "+D"(edi), "+c"(ecx) : "a"(eax) : "memory");
        h = 0;
        for (int i = 0; i < (int)sizeof(big); i++) {
            h = h * 31 + big[i];
        }
        printf("stos %d: hash %08x\n", k, h);
    }
    /* string functions of the C library exercise the same paths */
    char buf[256];
    memset(buf, 'x', sizeof(buf));
    memcpy(buf + 3, "hello, world", 13);
    printf("%s %zu %d\n", buf + 3, strlen(buf + 3), memcmp(buf, buf + 1, 3));
    return 0;
}
