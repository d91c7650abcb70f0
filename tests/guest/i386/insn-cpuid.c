// mimic-test: static-only
/*
 * CPUID as the guest sees it: Mimic's default i686 model (GenuineIntel,
 * family 6, FPU TSC CX8 CMOV and MMX..SSE2), never the host's; so the output is
 * compared with insn-cpuid.expected rather than with a native run.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void cpuid(uint32_t leaf, uint32_t r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
                     : "a"(leaf), "c"(0));
}

int main(void)
{
    uint32_t r[4];
    char vendor[13] = { 0 };
    cpuid(0, r);
    memcpy(vendor, &r[1], 4);
    memcpy(vendor + 4, &r[3], 4);
    memcpy(vendor + 8, &r[2], 4);
    printf("max leaf %u vendor %s\n", r[0], vendor);
    cpuid(1, r);
    printf("family %u model %u stepping %u\n", (r[0] >> 8) & 0xf, (r[0] >> 4) & 0xf,
           r[0] & 0xf);
    printf("leaf1 ecx %08x edx %08x\n", r[2], r[3]);
    static const char *const names[32] = {
        "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic",
        "", "sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", "psn",
        "clfsh", "", "ds", "acpi", "mmx", "fxsr", "sse", "sse2", "ss", "htt",
        "tm", "", "pbe",
    };
    printf("features:");
    for (int i = 0; i < 32; i++) {
        if (r[3] & (1u << i)) {
            printf(" %s", names[i]);
        }
    }
    printf("\n");
    return 0;
}
