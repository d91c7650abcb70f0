/*
 * Control registers, MSRs, INVLPG and the CPU models of the i386 system
 * CPU (target-i386/misc_helper.c, cpu-models.c) against the fake TLB of
 * mmu-fakes.c: #GP cases of SDM vol. 2B "MOV CR", the TLB flushes of SDM
 * vol. 3A 4.10.4.1, PDPTE loading of 4.4.1, the MSRs of SDM vol. 4.
 */
#include <criterion/criterion.h>
#include <string.h>
#include "mmu-fakes.h"
#include "target-i386/cpu-models.h"
#include "target-i386/misc_helper.h"

static CPUX86State env_s;
static CPUX86State *const env = &env_s;

static void setup(const char *model)
{
    fake_reset(env);
    env->cpu_model = x86_cpu_model_find(model);
    cr_assert_not_null(env->cpu_model, "model %s", model);
}

static int write_cr(int reg, uint32_t val)
{
    return RAISES(env, x86_cpu_write_cr(env, reg, val, 0x99));
}

static int wrmsr(uint32_t msr, uint64_t val)
{
    env->regs[R_ECX] = msr;
    env->regs[R_EAX] = (uint32_t)val;
    env->regs[R_EDX] = (uint32_t)(val >> 32);
    return RAISES(env, x86_helper_wrmsr(env));
}

static int rdmsr(uint32_t msr, uint64_t *val)
{
    env->regs[R_ECX] = msr;
    int r = RAISES(env, x86_helper_rdmsr(env));
    *val = ((uint64_t)env->regs[R_EDX] << 32) | env->regs[R_EAX];
    return r;
}

/* ---- CR0 ---- */

Test(cr, cr0_invalid_combinations_gp)
{
    setup("pentium3");
    cr_assert_eq(write_cr(0, CR0_PG_MASK), EXCP0D_GPF, "PG without PE");
    cr_assert_eq(env->cs.error_code, 0);
    cr_assert_eq(write_cr(0, CR0_PE_MASK | CR0_NW_MASK), EXCP0D_GPF, "NW without CD");
    cr_assert_eq(env->cr[0], 0x60000010u, "unchanged after #GP");
}

Test(cr, cr0_et_hardwired_and_flushes)
{
    setup("pentium3");
    cr_assert_eq(write_cr(0, CR0_PE_MASK), -1);
    cr_assert_eq(env->cr[0], CR0_PE_MASK | CR0_ET_MASK, "ET reads 1 on a P6");
    cr_assert_eq(fake_log.flush, 1, "PE change flushes");
    cr_assert(fake_log.hflags_updates > 0, "hflags recomputed");
    cr_assert_eq(write_cr(0, CR0_PE_MASK | CR0_TS_MASK), -1);
    cr_assert_eq(fake_log.flush, 1, "TS alone does not flush");
    cr_assert_eq(write_cr(0, CR0_PE_MASK | CR0_WP_MASK), -1);
    cr_assert_eq(fake_log.flush, 2, "WP changes the rights: flush");
    cr_assert_eq(write_cr(0, CR0_PE_MASK | CR0_WP_MASK | CR0_PG_MASK), -1);
    cr_assert_eq(fake_log.flush, 3, "PG: flush");
}

Test(cr, clts_and_lmsw)
{
    setup("pentium3");
    env->cr[0] = CR0_PE_MASK | CR0_ET_MASK | CR0_TS_MASK | CR0_MP_MASK;
    x86_helper_clts(env);
    cr_assert_eq(env->cr[0], CR0_PE_MASK | CR0_ET_MASK | CR0_MP_MASK);
    /* LMSW cannot clear PE (SDM vol. 2A LMSW), loads MP/EM/TS. */
    cr_assert_eq(RAISES(env, x86_helper_lmsw(env, CR0_TS_MASK | CR0_EM_MASK)), -1);
    cr_assert_eq(env->cr[0], CR0_PE_MASK | CR0_ET_MASK | CR0_TS_MASK | CR0_EM_MASK);
}

/* ---- CR3 and CR4 flushes ---- */

Test(cr, cr3_flush_keeps_globals_only_with_pge)
{
    setup("pentium3");
    cr_assert_eq(write_cr(3, 0x5000), -1);
    cr_assert_eq(env->cr[3], 0x5000);
    cr_assert_eq(fake_log.flush, 1);
    cr_assert_eq(fake_log.flush_nonglobal, 0);
    cr_assert_eq(write_cr(4, CR4_PGE_MASK), -1);
    cr_assert_eq(fake_log.flush, 2, "a PGE change flushes globals too");
    cr_assert_eq(write_cr(3, 0x6000), -1);
    cr_assert_eq(fake_log.flush, 2);
    cr_assert_eq(fake_log.flush_nonglobal, 1, "CR3 with PGE: non-global only");
}

Test(cr, cr4_reserved_bits_gp)
{
    setup("pentium3");
    cr_assert_eq(write_cr(4, 1u << 11), EXCP0D_GPF);
    /* VME is not implemented, so not in the model: reserved. */
    cr_assert_eq(write_cr(4, CR4_VME_MASK), EXCP0D_GPF);
    /* FXSR and SSE: OSFXSR and OSXMMEXCPT may be set. */
    cr_assert_eq(write_cr(4, CR4_OSFXSR_MASK | CR4_OSXMMEXCPT_MASK), -1);
    cr_assert_eq(write_cr(4, 0), -1);
    cr_assert_eq(write_cr(4, CR4_PSE_MASK | CR4_PAE_MASK | CR4_PGE_MASK |
                          CR4_TSD_MASK | CR4_PCE_MASK | CR4_MCE_MASK), -1);
    cr_assert_eq(fake_log.flush, 1);
    cr_assert_eq(write_cr(4, CR4_PAE_MASK | CR4_PGE_MASK | CR4_TSD_MASK), -1);
    cr_assert_eq(fake_log.flush, 2, "PSE change flushes");
    cr_assert_eq(write_cr(4, CR4_PAE_MASK | CR4_PGE_MASK), -1);
    cr_assert_eq(fake_log.flush, 2, "TSD change does not");
}

Test(cr, pae_pdptes_loaded_on_cr3_and_paging_on)
{
    setup("max");
    fake_put64(0x3000, 0x4000 | PG_P);
    fake_put64(0x3008, 0x5000 | PG_P);
    env->cr[3] = 0x3000;
    cr_assert_eq(write_cr(4, CR4_PAE_MASK), -1);
    cr_assert_eq(env->pdpte[0], 0, "paging off: not loaded yet");
    cr_assert_eq(write_cr(0, CR0_PE_MASK | CR0_PG_MASK), -1);
    cr_assert_eq(env->pdpte[0], 0x4000 | PG_P);
    cr_assert_eq(env->pdpte[1], 0x5000 | PG_P);
    /* Memory changes are not seen until a reload: CD changing is one. */
    fake_put64(0x3000, 0x6000 | PG_P);
    cr_assert_eq(write_cr(0, CR0_PE_MASK | CR0_PG_MASK | CR0_TS_MASK), -1);
    cr_assert_eq(env->pdpte[0], 0x4000 | PG_P, "TS: no reload");
    cr_assert_eq(write_cr(0, CR0_PE_MASK | CR0_PG_MASK | CR0_CD_MASK), -1);
    cr_assert_eq(env->pdpte[0], 0x6000 | PG_P, "CD: reload");
    /* A CR3 whose PDPT has a reserved bit in a present entry: #GP(0). */
    fake_put64(0x7000, 0x4000 | PG_P | (1u << 5));
    cr_assert_eq(write_cr(3, 0x7000), EXCP0D_GPF);
    cr_assert_eq(env->cr[3], 0x3000, "CR3 unchanged");
    /* The PDPT is 32-byte aligned in CR3 bits 31:5. */
    fake_put64(0x7020, 0x8000 | PG_P);
    cr_assert_eq(write_cr(3, 0x7020), -1);
    cr_assert_eq(env->pdpte[0], 0x8000 | PG_P);
}

Test(cr, invlpg_flushes_one_page)
{
    setup("pentium3");
    x86_helper_invlpg(env, 0xc0123456);
    cr_assert_eq(fake_log.flush_page, 1);
    cr_assert_eq(fake_log.flush_page_addr, 0xc0123456);
}

Test(cr, debug_registers)
{
    setup("pentium3");
    x86_helper_write_dr(env, 0, 0x1234);
    cr_assert_eq(x86_helper_read_dr(env, 0), 0x1234);
    cr_assert_eq(env->dr[6], 0xffff0ff0u, "reset value");
    cr_assert_eq(env->dr[7], 0x400u);
    /* DR4/DR5 alias DR6/DR7 with CR4.DE = 0 (SDM 17.2.2). */
    x86_helper_write_dr(env, 5, 0x3);
    cr_assert_eq(env->dr[7], 0x403);
    cr_assert_eq(x86_helper_read_dr(env, 4), 0xffff0ff0u);
    /* DR7.GD: the next MOV DR is #DB, DR6.BD set, GD cleared (17.2.4). */
    x86_helper_write_dr(env, 7, 0x2000);
    cr_assert_eq(RAISES(env, x86_helper_read_dr(env, 0)), EXCP01_DB);
    cr_assert_eq(env->dr[6], 0xffff2ff0u);
    cr_assert_eq(env->dr[7], 0x400);
    cr_assert_eq(RAISES(env, x86_helper_read_dr(env, 0)), -1, "GD cleared");
}

/* ---- MSRs ---- */

Test(msr, unknown_msr_gp)
{
    uint64_t v;
    setup("pentium3");
    cr_assert_eq(rdmsr(0x3a, &v), EXCP0D_GPF, "IA32_FEATURE_CONTROL: not on a P6");
    cr_assert_eq(env->cs.error_code, 0);
    cr_assert_eq(wrmsr(0x12345678, 0), EXCP0D_GPF);
    cr_assert_eq(rdmsr(MSR_EFER, &v), EXCP0D_GPF, "no EFER without NX");
    cr_assert_eq(wrmsr(MSR_MTRRCAP, 0), EXCP0D_GPF, "read-only");
}

Test(msr, efer_nxe_only)
{
    uint64_t v;
    setup("max");
    cr_assert_eq(wrmsr(MSR_EFER, EFER_LME_MASK), EXCP0D_GPF, "no long mode");
    cr_assert_eq(wrmsr(MSR_EFER, EFER_NXE_MASK), -1);
    cr_assert_eq(rdmsr(MSR_EFER, &v), -1);
    cr_assert_eq(v, EFER_NXE_MASK);
    cr_assert_eq(fake_log.flush, 1, "NXE changes what bit 63 means: flush");
}

Test(msr, sysenter_pat_mtrr_misc)
{
    uint64_t v;
    setup("pentium2");
    cr_assert_eq(wrmsr(MSR_IA32_SYSENTER_CS, 0x60), -1);
    cr_assert_eq(wrmsr(MSR_IA32_SYSENTER_EIP, 0xc0100000), -1);
    cr_assert_eq(env->sysenter_cs, 0x60);
    cr_assert_eq(env->sysenter_eip, 0xc0100000);
    cr_assert_eq(rdmsr(MSR_IA32_PAT, &v), -1);
    cr_assert_eq(v, 0x0007040600070406ull, "SDM 11.12.4: PAT at reset");
    cr_assert_eq(wrmsr(MSR_IA32_PAT, 0x0007010600070106ull), -1);
    cr_assert_eq(wrmsr(MSR_IA32_PAT, 0x0007040600070402ull), EXCP0D_GPF, "type 2");
    cr_assert_eq(rdmsr(MSR_MTRRCAP, &v), -1);
    cr_assert_eq(v & 0xff, 8, "8 variable MTRRs");
    cr_assert_eq(wrmsr(MSR_MTRR_PHYSBASE0 + 3, 0xff0000800ull), -1);
    cr_assert_eq(rdmsr(MSR_MTRR_PHYSBASE0 + 3, &v), -1);
    cr_assert_eq(v, 0xff0000800ull);
    cr_assert_eq(wrmsr(MSR_MTRR_PHYSBASE0 + 3, 1ull << 40), EXCP0D_GPF);
    cr_assert_eq(wrmsr(MSR_MTRR_FIX4K_F8000, 0x0606060606060606ull), -1);
    cr_assert_eq(rdmsr(MSR_MTRR_FIX4K_F8000, &v), -1);
    cr_assert_eq(v, 0x0606060606060606ull);
    cr_assert_eq(wrmsr(MSR_MTRR_DEF_TYPE, 0xc06), -1);
    cr_assert_eq(wrmsr(MSR_IA32_MISC_ENABLE, 1), -1);
    /* Linux reads the microcode revision after writing 0. */
    cr_assert_eq(wrmsr(MSR_IA32_BIOS_SIGN_ID, 0), -1);
    cr_assert_eq(rdmsr(MSR_IA32_BIOS_SIGN_ID, &v), -1);
    cr_assert_eq(v >> 32, x86_cpu_model_find("pentium2")->ucode_rev);
}

Test(msr, p6_perf_counters)
{
    uint64_t v;
    setup("pentium3");
    /* Linux's check_hw_exists: write counter ^ 0xffff, read it back. */
    cr_assert_eq(wrmsr(MSR_P6_PERFCTR0, 0xffff), -1);
    cr_assert_eq(rdmsr(MSR_P6_PERFCTR0, &v), -1);
    cr_assert_eq(v, 0xffff);
    /* The low 32 bits, sign-extended to 40 (SDM 18.22 for P6). */
    cr_assert_eq(wrmsr(MSR_P6_PERFCTR1, 0x80000000u), -1);
    env->regs[R_ECX] = 1;
    cr_assert_eq(x86_helper_rdpmc(env, 0), 0xff80000000ull);
    /* RDPMC at CPL 3 needs CR4.PCE; counter 2 does not exist. */
    cr_assert_eq(RAISES(env, x86_helper_rdpmc(env, 3)), EXCP0D_GPF);
    env->cr[4] = CR4_PCE_MASK;
    cr_assert_eq(RAISES(env, x86_helper_rdpmc(env, 3)), -1);
    env->regs[R_ECX] = 2;
    cr_assert_eq(RAISES(env, x86_helper_rdpmc(env, 0)), EXCP0D_GPF);
}

Test(msr, tsc_and_tsd)
{
    uint64_t v;
    setup("pentium3");
    cr_assert_eq(wrmsr(MSR_IA32_TSC, 1000000), -1);
    cr_assert_eq(rdmsr(MSR_IA32_TSC, &v), -1);
    cr_assert(v >= 1000000 && v < 1000000 + (1ull << 40), "TSC %llu",
              (unsigned long long)v);
    cr_assert_eq(RAISES(env, x86_helper_check_rdtsc(env, 3)), -1);
    env->cr[4] = CR4_TSD_MASK;
    cr_assert_eq(RAISES(env, x86_helper_check_rdtsc(env, 3)), EXCP0D_GPF);
    cr_assert_eq(RAISES(env, x86_helper_check_rdtsc(env, 0)), -1);
}

static uint64_t apic_seen;
static void fake_apic_base(void *opaque, uint64_t v)
{
    apic_seen = v;
}

Test(msr, apic_base_forwarded)
{
    uint64_t v;
    setup("pentium3");
    cr_assert_eq(rdmsr(MSR_IA32_APIC_BASE, &v), -1);
    cr_assert_eq(v, 0xfee00900ull, "SDM 10.4.4: base, BSP, enabled");
    env->apic_base_write = fake_apic_base;
    cr_assert_eq(wrmsr(MSR_IA32_APIC_BASE, 0xfee00000ull), -1);
    cr_assert_eq(apic_seen, 0xfee00100ull, "disable forwarded, BSP kept");
    cr_assert_eq(wrmsr(MSR_IA32_APIC_BASE, 0xfee00001ull), EXCP0D_GPF);
}

/* ---- CPU models ---- */

static void cpuid(uint32_t leaf, uint32_t *r)
{
    x86_cpu_model_cpuid(env, leaf, 0, &r[0], &r[1], &r[2], &r[3]);
}

Test(models, table_and_lookup)
{
    cr_assert_null(x86_cpu_model_find("i486"));
    cr_assert_not_null(x86_cpu_model_find("pentiumpro"));
    cr_assert_not_null(x86_cpu_model_find("core2duo"));
    cr_assert_not_null(x86_cpu_model_default_system());
    char buf[1024] = { 0 };
    FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");
    x86_cpu_model_list(f);
    fclose(f);
    cr_assert(strstr(buf, "pentium2") && strstr(buf, "pentium3") && strstr(buf, "max"));
}

Test(models, pentium3_leaves)
{
    uint32_t r[4];
    setup("pentium3");
    cpuid(0, r);
    cr_assert_eq(r[0], 2);
    cr_assert_eq(memcmp(&r[1], "Genu", 4), 0);
    cpuid(1, r);
    cr_assert_eq(r[0], 0x673, "family 6 model 7 stepping 3");
    /* MMX, FXSR, SSE (no SSE2); no VME; no APIC without a board APIC. */
    cr_assert_eq(r[3] & (X86_CPUID_MMX | X86_CPUID_SSE | X86_CPUID_FXSR),
                 X86_CPUID_MMX | X86_CPUID_SSE | X86_CPUID_FXSR);
    cr_assert_eq(r[3] & (X86_CPUID_SSE2 | X86_CPUID_VME | X86_CPUID_APIC), 0);
    uint32_t want = X86_CPUID_FPU | X86_CPUID_PSE | X86_CPUID_TSC | X86_CPUID_MSR |
                    X86_CPUID_PAE | X86_CPUID_CX8 | X86_CPUID_SEP | X86_CPUID_MTRR |
                    X86_CPUID_PGE | X86_CPUID_CMOV | X86_CPUID_PAT;
    cr_assert_eq(r[3] & want, want);
    env->apic_base_write = fake_apic_base;
    cpuid(1, r);
    cr_assert(r[3] & X86_CPUID_APIC, "board APIC, enabled in APIC_BASE");
    cpuid(0x80000000, r);
    cr_assert_eq(r[0], 0, "no extended leaves on a Pentium III");
}

Test(models, max_has_nx)
{
    uint32_t r[4];
    setup("max");
    cpuid(0x80000000, r);
    cr_assert_geq(r[0], 0x80000001);
    cpuid(0x80000001, r);
    cr_assert(r[3] & X86_CPUID_EXT_NX);
    cpuid(0x80000008, r);
    cr_assert_eq(r[0] & 0xff, 36);
    /* Leaf 7: IA32_ARCH_CAPABILITIES, and the MSR says RDCL_NO (bit 0:
     * no Meltdown, so no page-table isolation) and MDS_NO (bit 5). */
    cpuid(7, r);
    cr_assert(r[3] & X86_CPUID_7_ARCH_CAPABILITIES);
    uint64_t v;
    cr_assert_eq(rdmsr(MSR_IA32_ARCH_CAPABILITIES, &v), -1);
    cr_assert_eq(v & 0x21, 0x21);
    cr_assert_eq(wrmsr(MSR_IA32_ARCH_CAPABILITIES, 0), EXCP0D_GPF, "read-only");
    setup("pentium3");
    cr_assert_eq(rdmsr(MSR_IA32_ARCH_CAPABILITIES, &v), EXCP0D_GPF, "not on a P6");
}

Test(models, linux_user_model_unchanged)
{
    /* env->cpu_model NULL: the identity linux-user had before the table,
     * plus MMX, CLFSH, FXSR, SSE and SSE2 (issue 10). */
    uint32_t r[4];
    fake_reset(env);
    cpuid(1, r);
    cr_assert_eq(r[0], 0x633);
    cr_assert_eq(r[3], 0x07888111u);
    cpuid(0x80000000, r);
    cr_assert_eq(r[0], 0x80000004);
    cpuid(0x80000002, r);
    cr_assert_eq(memcmp(r, "Mimic i686 CPU\0\0", 16), 0);
}
