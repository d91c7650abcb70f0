/* HLT woken by the local APIC timer (SDM Vol. 3A, 10.5.4): one-shot and
 * periodic modes at vector 0x30 with the 8259 fully masked; the APIC base
 * MSR (10.4.4), the software enable in the spurious-vector register
 * (10.9), the current count stopping at 0 in one-shot mode, and a masked
 * LVT entry delivering nothing. */
#include "bm.h"

#define APIC 0xfee00000u
#define APIC_EOI   0x0b0
#define APIC_SVR   0x0f0
#define APIC_LVT_T 0x320
#define APIC_ICR   0x380
#define APIC_CCR   0x390
#define APIC_DCR   0x3e0
#define VEC        0x30

static volatile uint32_t fired, fired_vector;

static void apic_irq(struct trap_frame *f)
{
    fired++;
    fired_vector = f->vector;
    mmio_write32(APIC + APIC_EOI, 0);
}

static void sti_hlt_cli(void)
{
    __asm__ volatile("sti\n\thlt\n\tcli" ::: "memory");
}

void bm_main(void)
{
    bm_require_cpuid(CPUID_APIC | CPUID_MSR, "cpuid.apic");
    /* IA32_APIC_BASE: base 0xfee00000, enable (bit 11), BSP (bit 8). */
    check_eq("apic.base_msr", (uint32_t)rdmsr(0x1b) & 0xfffff900u, 0xfee00900u);
    trap_handlers[VEC] = apic_irq;
    mmio_write32(APIC + APIC_SVR, 0x100 | 0xff);
    check_eq("apic.svr", mmio_read32(APIC + APIC_SVR) & 0x1ff, 0x1ff);
    mmio_write32(APIC + APIC_DCR, 0xb);                /* divide by 1 */
    check_eq("apic.dcr", mmio_read32(APIC + APIC_DCR) & 0xf, 0xb);

    /* One-shot: one interrupt, then the current count stays 0. */
    mmio_write32(APIC + APIC_LVT_T, VEC);
    mmio_write32(APIC + APIC_ICR, 200000);
    sti_hlt_cli();
    check_eq("apic.oneshot.fired", fired, 1);
    check_eq("apic.oneshot.vector", fired_vector, VEC);
    check_eq("apic.oneshot.ccr_after", mmio_read32(APIC + APIC_CCR), 0);
    check_eq("apic.icr_readback", mmio_read32(APIC + APIC_ICR), 200000);

    /* Periodic (LVT bit 17): every HLT ends with an interrupt (more than
     * one may be taken if a period passes while the handler runs). */
    mmio_write32(APIC + APIC_LVT_T, (1u << 17) | VEC);
    mmio_write32(APIC + APIC_ICR, 1000000);
    for (int i = 0; i < 3; i++)
        sti_hlt_cli();
    check_true("apic.periodic.fired", fired >= 4, fired, ">= 4");
    check_true("apic.periodic.ccr_running", mmio_read32(APIC + APIC_CCR) <= 1000000,
               mmio_read32(APIC + APIC_CCR), "<= initial count");
    /* Initial count 0 stops the timer; take what may already be pending. */
    mmio_write32(APIC + APIC_ICR, 0);
    __asm__ volatile("sti\n\tnop\n\tnop\n\tcli");
    uint32_t fired_before = fired;

    /* Masked (LVT bit 16): the count runs out, nothing is delivered. */
    mmio_write32(APIC + APIC_LVT_T, (1u << 16) | VEC);
    mmio_write32(APIC + APIC_ICR, 1000);
    for (int spins = 0; mmio_read32(APIC + APIC_CCR) && spins < 10000000; spins++)
        ;
    check_eq("apic.masked.ccr_expired", mmio_read32(APIC + APIC_CCR), 0);
    __asm__ volatile("sti\n\tnop\n\tnop\n\tcli");
    check_eq("apic.masked.not_fired", fired, fired_before);
}
