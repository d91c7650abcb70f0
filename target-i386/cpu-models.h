/*
 * The i386 CPU models of `-cpu` (target-i386/cpu-models.c): one table
 * entry per model with its CPUID identity and feature words. CPUID,
 * linux-user's AT_HWCAP and /proc/cpuinfo read them; features advertise
 * only what Mimic implements (new words and bits are added as issues land).
 */
#ifndef TARGET_I386_CPU_MODELS_H
#define TARGET_I386_CPU_MODELS_H

#include <stdint.h>
#include <stdio.h>
#include "target-i386/cpu.h"

/* The feature words, named after the CPUID leaf and register they fill. */
typedef enum X86FeatureWord {
    X86_FEAT_1_EDX,
    X86_FEAT_1_ECX,
    X86_FEAT_8000_0001_EDX,
    X86_FEAT_8000_0001_ECX,
    X86_FEAT_7_0_EDX,
    X86_FEAT_WORDS,
} X86FeatureWord;

/* CPUID.1:EDX bits (SDM vol. 2A, CPUID, table 3-11). */
enum {
    X86_CPUID_FPU = 1u << 0, X86_CPUID_VME = 1u << 1, X86_CPUID_DE = 1u << 2,
    X86_CPUID_PSE = 1u << 3, X86_CPUID_TSC = 1u << 4, X86_CPUID_MSR = 1u << 5,
    X86_CPUID_PAE = 1u << 6, X86_CPUID_MCE = 1u << 7, X86_CPUID_CX8 = 1u << 8,
    X86_CPUID_APIC = 1u << 9, X86_CPUID_SEP = 1u << 11, X86_CPUID_MTRR = 1u << 12,
    X86_CPUID_PGE = 1u << 13, X86_CPUID_MCA = 1u << 14, X86_CPUID_CMOV = 1u << 15,
    X86_CPUID_PAT = 1u << 16, X86_CPUID_PSE36 = 1u << 17, X86_CPUID_CLFSH = 1u << 19,
    X86_CPUID_MMX = 1u << 23,
    X86_CPUID_FXSR = 1u << 24, X86_CPUID_SSE = 1u << 25, X86_CPUID_SSE2 = 1u << 26,
};
/* CPUID.1:ECX bits. */
enum { X86_CPUID_ECX_SSE3 = 1u << 0, X86_CPUID_ECX_SSSE3 = 1u << 9 };
/* CPUID.80000001H:EDX bits. */
enum { X86_CPUID_EXT_NX = 1u << 20 };
/* CPUID.(EAX=7,ECX=0):EDX bits. */
enum { X86_CPUID_7_ARCH_CAPABILITIES = 1u << 29 };

/* IA32_ARCH_CAPABILITIES (MSR 0x10a) of a model with that bit: Mimic
 * executes nothing speculatively, so it has none of the speculative-
 * execution flaws the MSR can rule out (RDCL_NO, SKIP_L1DFL_VMENTRY,
 * SSB_NO, MDS_NO, PSCHANGE_MC_NO, TAA_NO, SBDR_SSDP_NO, FBSDP_NO,
 * PSDP_NO, BHI_NO, PBRSB_NO, GDS_NO, RFDS_NO). A kernel then skips
 * page-table isolation, which would flush the TLB at every entry. */
#define X86_ARCH_CAPABILITIES_NOT_VULNERABLE 0x0d10e179ull

typedef struct X86CPUModel {
    const char *name;
    const char *description;     /* for -cpu help */
    char vendor[13];
    uint32_t level;              /* highest basic leaf */
    uint32_t xlevel;             /* highest extended leaf (0: none) */
    uint32_t family, model, stepping;
    uint32_t features[X86_FEAT_WORDS];
    const char *brand;           /* leaves 0x80000002..4 when xlevel covers them */
    uint32_t leaf2[4];           /* cache and TLB descriptors (leaf 2) */
    uint32_t phys_bits, virt_bits; /* leaf 0x80000008 when xlevel covers it */
    uint32_t ucode_rev;          /* IA32_BIOS_SIGN_ID bits 63:32 */
} X86CPUModel;

/* The model named `name` (case-sensitive), NULL if none. */
const X86CPUModel *x86_cpu_model_find(const char *name);
/* linux-user's model (env->cpu_model == NULL), and system mode's default. */
const X86CPUModel *x86_cpu_model_default_user(void);
const X86CPUModel *x86_cpu_model_default_system(void);
/* Sets linux-user's model (its -cpu option). */
void x86_cpu_model_set_user(const X86CPUModel *m);
#define X86_CPU_MODEL_SYSTEM_DEFAULT "max"
/* Prints the models, one per line with its description (-cpu help). */
void x86_cpu_model_list(FILE *f);
/* The model in effect for env. */
const X86CPUModel *x86_cpu_model_of(const CPUX86State *env);

/* CPUID leaf/subleaf as the CPU of env answers it (APIC bit only with a
 * board local APIC that is enabled in IA32_APIC_BASE). */
void x86_cpu_model_cpuid(const CPUX86State *env, uint32_t leaf, uint32_t sub,
                         uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx);
/* Whether the model of env has feature bit `bit` (X86_CPUID_*) of word w
 * (the real part's, not masked by what CPUID advertises). */
bool x86_cpu_has_feature(const CPUX86State *env, X86FeatureWord w, uint32_t bit);
/* Whether CPUID advertises it (the model has it and Mimic implements it). */
bool x86_cpu_advertises(const CPUX86State *env, X86FeatureWord w, uint32_t bit);

#endif
