/*
 * The table of i386 CPU models (`-cpu NAME`) and CPUID computed from it.
 * A model lists the features of the real part; CPUID advertises only
 * those Mimic implements (x86_implemented): no VME, DE, MCA or PSN.
 */
#include <string.h>
#include "target-i386/cpu-models.h"
#include "target-i386/mmu.h"

/* What the system CPU implements (mmu.c, misc_helper.c, seg_helper.c). */
#define X86_SYSTEM_EDX                                                     \
    (X86_CPUID_FPU | X86_CPUID_PSE | X86_CPUID_TSC | X86_CPUID_MSR |       \
     X86_CPUID_PAE | X86_CPUID_MCE | X86_CPUID_CX8 | X86_CPUID_APIC |      \
     X86_CPUID_SEP | X86_CPUID_MTRR | X86_CPUID_PGE | X86_CPUID_CMOV |     \
     X86_CPUID_PAT | X86_CPUID_PSE36)

/* Leaf 2 of the Pentium II/III: 32-entry ITLB (4K), 2-entry ITLB (4M),
 * 64-entry DTLB (4K), 8-entry DTLB (4M), 16K L1I, 16K L1D, 512K L2. */
#define X86_P6_LEAF2 { 0x03020101, 0, 0, 0x0c040843 }

/* The SIMD features of the real parts, cumulative. */
#define X86_P4_EDX_SIMD (X86_CPUID_MMX | X86_CPUID_FXSR | X86_CPUID_SSE | \
                         X86_CPUID_SSE2 | X86_CPUID_CLFSH)
#define X86_P2_EDX (X86_SYSTEM_EDX | X86_CPUID_MMX)
#define X86_P3_EDX (X86_P2_EDX | X86_CPUID_FXSR | X86_CPUID_SSE)
#define X86_P4_EDX (X86_P3_EDX | X86_CPUID_SSE2 | X86_CPUID_CLFSH)
#define X86_CORE2_ECX (X86_CPUID_ECX_SSE3 | X86_CPUID_ECX_SSSE3)

/* What Mimic implements of those: CPUID (and AT_HWCAP, /proc/cpuinfo)
 * shows a model's features masked by this; the decoder gates instructions
 * on the model's own features, so `-cpu pentiumpro` raises #UD for MMX. */
static const uint32_t x86_implemented[X86_FEAT_WORDS] = {
    [X86_FEAT_1_EDX] = X86_SYSTEM_EDX | X86_CPUID_MMX | X86_CPUID_FXSR |
                       X86_CPUID_SSE | X86_CPUID_SSE2 | X86_CPUID_CLFSH,
    /* SSE3 (with FISTTP, translate-x87.c) and SSSE3; never MONITOR/MWAIT
     * (not implemented; Linux leaves them #UD at CPL 3 anyway). */
    [X86_FEAT_1_ECX] = X86_CPUID_ECX_SSE3 | X86_CPUID_ECX_SSSE3,
    [X86_FEAT_8000_0001_EDX] = X86_CPUID_EXT_NX,
    [X86_FEAT_7_0_EDX] = X86_CPUID_7_ARCH_CAPABILITIES,
};

static const X86CPUModel x86_cpu_models[] = {
    {
        /* linux-user's default CPU: the identity it always had (family 6
         * model 3, so libgmp keeps its Pentium II MMX code) with every
         * SIMD extension Mimic implements, MMX to SSSE3, as `max`. */
        .name = "mimic-i686",
        .description = "Mimic i686 (linux-user default: FPU TSC CX8 CMOV MMX FXSR SSE SSE2 SSE3 SSSE3)",
        .vendor = "GenuineIntel",
        .level = 1, .xlevel = 0x80000004,
        .family = 6, .model = 3, .stepping = 3,
        .features = {
            [X86_FEAT_1_EDX] = X86_CPUID_FPU | X86_CPUID_TSC | X86_CPUID_CX8 |
                               X86_CPUID_CMOV | X86_P4_EDX_SIMD,
            [X86_FEAT_1_ECX] = X86_CORE2_ECX,
        },
        .brand = "Mimic i686 CPU",
    },
    {
        .name = "pentiumpro",
        .description = "Intel Pentium Pro: no MMX",
        .vendor = "GenuineIntel",
        .level = 2, .xlevel = 0,
        .family = 6, .model = 1, .stepping = 9,
        .features = { [X86_FEAT_1_EDX] = X86_SYSTEM_EDX },
        .leaf2 = X86_P6_LEAF2,
        .ucode_rev = 0x1,
    },
    {
        .name = "pentium2",
        .description = "Intel Pentium II (Deschutes): MMX",
        .vendor = "GenuineIntel",
        .level = 2, .xlevel = 0,
        .family = 6, .model = 5, .stepping = 2,
        .features = { [X86_FEAT_1_EDX] = X86_P2_EDX },
        .leaf2 = X86_P6_LEAF2,
        .ucode_rev = 0x2a,
    },
    {
        .name = "pentium3",
        .description = "Intel Pentium III (Katmai): MMX, SSE",
        .vendor = "GenuineIntel",
        .level = 2, .xlevel = 0,
        .family = 6, .model = 7, .stepping = 3,
        .features = { [X86_FEAT_1_EDX] = X86_P3_EDX },
        .leaf2 = X86_P6_LEAF2,
        .ucode_rev = 0x2,
    },
    {
        .name = "pentium4",
        .description = "Intel Pentium 4 (Willamette): MMX, SSE, SSE2",
        .vendor = "GenuineIntel",
        .level = 2, .xlevel = 0x80000004,
        .family = 15, .model = 1, .stepping = 2,
        .features = { [X86_FEAT_1_EDX] = X86_P4_EDX },
        .brand = "Intel(R) Pentium(R) 4 CPU 1.50GHz",
        .leaf2 = X86_P6_LEAF2,
        .ucode_rev = 0x2e,
    },
    {
        .name = "core2duo",
        .description = "Intel Core 2 Duo (Conroe) without x86-64: MMX to SSSE3",
        .vendor = "GenuineIntel",
        .level = 7, .xlevel = 0x80000008,
        .family = 6, .model = 15, .stepping = 11,
        .features = {
            [X86_FEAT_1_EDX] = X86_P4_EDX,
            [X86_FEAT_1_ECX] = X86_CORE2_ECX,
            [X86_FEAT_8000_0001_EDX] = X86_CPUID_EXT_NX,
        },
        .brand = "Intel(R) Core(TM)2 CPU          6600  @ 2.40GHz",
        .leaf2 = X86_P6_LEAF2,
        .phys_bits = X86_PHYS_BITS, .virt_bits = 32,
        .ucode_rev = 0xba,
    },
    {
        .name = "max",
        .description = "every feature Mimic implements, PAE with NX, "
                       "IA32_ARCH_CAPABILITIES (Pentium M class)",
        .vendor = "GenuineIntel",
        .level = 0x15, .xlevel = 0x80000008,   /* 0x15: the TSC's frequency */
        .family = 6, .model = 13, .stepping = 8,
        .features = {
            [X86_FEAT_1_EDX] = X86_P4_EDX,
            [X86_FEAT_1_ECX] = X86_CORE2_ECX,
            [X86_FEAT_8000_0001_EDX] = X86_CPUID_EXT_NX,
            [X86_FEAT_7_0_EDX] = X86_CPUID_7_ARCH_CAPABILITIES,
        },
        .brand = "Mimic i686 CPU (PAE, NX)",
        .leaf2 = X86_P6_LEAF2,
        .phys_bits = X86_PHYS_BITS, .virt_bits = 32,
        .ucode_rev = 0x1,
    },
};

#define X86_NB_MODELS (sizeof(x86_cpu_models) / sizeof(x86_cpu_models[0]))

const X86CPUModel *x86_cpu_model_find(const char *name)
{
    for (size_t i = 0; i < X86_NB_MODELS; i++) {
        if (strcmp(x86_cpu_models[i].name, name) == 0) {
            return &x86_cpu_models[i];
        }
    }
    return NULL;
}

/* linux-user's model (-cpu, QEMU_CPU), set once at start. */
static const X86CPUModel *x86_user_model = &x86_cpu_models[0];

const X86CPUModel *x86_cpu_model_default_user(void)
{
    return x86_user_model;
}

void x86_cpu_model_set_user(const X86CPUModel *m)
{
    x86_user_model = m;
}

const X86CPUModel *x86_cpu_model_default_system(void)
{
    return x86_cpu_model_find(X86_CPU_MODEL_SYSTEM_DEFAULT);
}

void x86_cpu_model_list(FILE *f)
{
    fprintf(f, "Available CPUs:\n");
    for (size_t i = 0; i < X86_NB_MODELS; i++) {
        fprintf(f, "  %-12s %s\n", x86_cpu_models[i].name,
                x86_cpu_models[i].description);
    }
}

const X86CPUModel *x86_cpu_model_of(const CPUX86State *env)
{
    return env->cpu_model ? env->cpu_model : x86_cpu_model_default_user();
}

bool x86_cpu_has_feature(const CPUX86State *env, X86FeatureWord w, uint32_t bit)
{
    return (x86_cpu_model_of(env)->features[w] & bit) != 0;
}

/* A feature word as CPUID reports it. */
static uint32_t x86_cpuid_word(const X86CPUModel *m, X86FeatureWord w)
{
    return m->features[w] & x86_implemented[w];
}

bool x86_cpu_advertises(const CPUX86State *env, X86FeatureWord w, uint32_t bit)
{
    return (x86_cpuid_word(x86_cpu_model_of(env), w) & bit) != 0;
}

static uint32_t x86_str4(const char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* The leaves of a model; env (NULL in x86_cpuid) adds the run-time part. */
static void x86_model_cpuid(const X86CPUModel *m, const CPUX86State *env,
                            uint32_t leaf, uint32_t sub, uint32_t *r)
{
    r[0] = r[1] = r[2] = r[3] = 0;   /* eax ebx ecx edx */
    if (leaf < 0x80000000u ? leaf > m->level : leaf > m->xlevel) {
        return;
    }
    switch (leaf) {
    case 0:
        r[0] = m->level;
        r[1] = x86_str4(m->vendor);
        r[3] = x86_str4(m->vendor + 4);
        r[2] = x86_str4(m->vendor + 8);
        break;
    case 1:
        r[0] = (m->family << 8) | (m->model << 4) | m->stepping;
        r[2] = x86_cpuid_word(m, X86_FEAT_1_ECX);
        r[3] = x86_cpuid_word(m, X86_FEAT_1_EDX);
        if (r[3] & X86_CPUID_CLFSH) {
            r[1] = 8 << 8;      /* CLFLUSH line size: 64 bytes */
        }
        /* The APIC bit follows the board and IA32_APIC_BASE.EN (SDM 10.4.3). */
        if (env && (!env->apic_base_write || !(env->apic_base_msr & (1u << 11)))) {
            r[3] &= ~(uint32_t)X86_CPUID_APIC;
        }
        break;
    case 7:
        if (sub == 0) {
            r[3] = x86_cpuid_word(m, X86_FEAT_7_0_EDX);   /* EAX = 0: no subleaf 1 */
        }
        break;
    case 2:
        memcpy(r, m->leaf2, sizeof(m->leaf2));
        break;
    case 0x15:
        /* TSC / crystal ratio and crystal Hz (SDM vol. 2A, CPUID): system
         * mode's TSC runs at 1 GHz of the host's clock (x86_tsc_clock), so
         * Linux need not calibrate it against the 8254, which an emulator
         * under load makes unreliable. linux-user's TSC is the host's, of
         * unknown rate: nothing enumerated there. */
        if (env && env->cs.tlb) {
            r[0] = 1;
            r[1] = 1000;
            r[2] = 1000000;     /* a 1 MHz crystal x 1000 = 1 GHz */
        }
        break;
    case 0x80000000:
        r[0] = m->xlevel;
        break;
    case 0x80000001:
        r[2] = x86_cpuid_word(m, X86_FEAT_8000_0001_ECX);
        r[3] = x86_cpuid_word(m, X86_FEAT_8000_0001_EDX);
        break;
    case 0x80000002:
    case 0x80000003:
    case 0x80000004: {
        char brand[48] = { 0 };
        strncpy(brand, m->brand ? m->brand : "", sizeof(brand) - 1);
        const char *p = brand + (leaf - 0x80000002) * 16;
        for (int i = 0; i < 4; i++) {
            r[i] = x86_str4(p + 4 * i);
        }
        break;
    }
    case 0x80000008:
        r[0] = m->phys_bits | (m->virt_bits << 8);
        break;
    default:
        break;
    }
}

void x86_cpu_model_cpuid(const CPUX86State *env, uint32_t leaf, uint32_t sub,
                         uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx)
{
    uint32_t r[4];
    x86_model_cpuid(x86_cpu_model_of(env), env->cpu_model ? env : NULL, leaf, sub, r);
    *eax = r[0];
    *ebx = r[1];
    *ecx = r[2];
    *edx = r[3];
}

void x86_cpuid(uint32_t leaf, uint32_t sub, uint32_t *eax, uint32_t *ebx,
               uint32_t *ecx, uint32_t *edx)
{
    uint32_t r[4];
    x86_model_cpuid(x86_cpu_model_default_user(), NULL, leaf, sub, r);
    *eax = r[0];
    *ebx = r[1];
    *ecx = r[2];
    *edx = r[3];
}
