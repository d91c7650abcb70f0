/*
 * The local APIC through its MMIO registers (Intel SDM vol 3, chapter
 * "Advanced Programmable Interrupt Controller": register address map,
 * power-up state, TPR/PPR, IRR/ISR/EOI, LVT, "APIC Timer" divide table,
 * ICR shorthands, ESR; IA32_APIC_BASE), on a hand-set virtual clock.
 */
#include <criterion/criterion.h>
#include <stdio.h>

#include "hw-test-bus.h"
#include "hw/intc/apic.h"

#define A(reg) (APIC_DEFAULT_BASE + (reg))

static TestLine intr, nmi;
static APICState *apic;

static void setup_apic(void)
{
    bus_reset();
    test_line_init(&intr);
    test_line_init(&nmi);
    apic = hw_apic_init(0, intr.line, nmi.line);
}

static void enable_apic(void)
{
    mmio_write32(A(0xf0), 0x1ff);     /* software enable, spurious 0xff */
}

static int bit_in(hwaddr base, int v)
{
    return (mmio_read32(A(base) + (v / 32) * 0x10) >> (v % 32)) & 1;
}

static void self_ipi(int vector)
{
    mmio_write32(A(0x300), (1 << 18) | vector);   /* shorthand: self, fixed */
}

Test(apic, power_up_state)
{
    setup_apic();
    HW_CHECK("IA32_APIC_BASE: 0xfee00000 | enable | BSP", apic_get_base(apic), 0xfee00900);
    HW_CHECK("ID", mmio_read32(A(0x20)), 0);
    HW_CHECK("version: 0x14, max LVT 5", mmio_read32(A(0x30)), 0x00050014);
    HW_CHECK("DFR", mmio_read32(A(0xe0)), 0xffffffff);
    HW_CHECK("SVR: vector 0xff, software-disabled", mmio_read32(A(0xf0)), 0xff);
    HW_CHECK("LVT timer masked", mmio_read32(A(0x320)), 0x10000);
    HW_CHECK("LVT error masked", mmio_read32(A(0x370)), 0x10000);
    HW_CHECK("LINT0 ExtINT (as the BIOS leaves it)", mmio_read32(A(0x350)), 0x700);
    HW_CHECK("LINT1 NMI", mmio_read32(A(0x360)), 0x400);
    mmio_write32(A(0x320), 0x30);
    HW_CHECK("LVT stays masked while software-disabled", mmio_read32(A(0x320)), 0x10030);
}

Test(apic, priority_and_eoi)
{
    setup_apic();
    self_ipi(0x40);
    HW_CHECK("IRR bit 0x40 set while software-disabled", bit_in(0x200, 0x40), 1);
    HW_CHECK("no INTR while software-disabled", intr.level, 0);
    enable_apic();
    HW_CHECK("INTR once enabled", intr.level, 1);
    HW_CHECK("acknowledge returns 0x40", apic_get_interrupt(apic), 0x40);
    HW_CHECK("ISR bit 0x40", bit_in(0x100, 0x40), 1);
    HW_CHECK("IRR bit 0x40 cleared", bit_in(0x200, 0x40), 0);
    HW_CHECK("PPR = in-service class", mmio_read32(A(0xa0)), 0x40);
    self_ipi(0x45);
    HW_CHECK("same class 0x45 blocked by ISR 0x40", intr.level, 0);
    self_ipi(0x61);
    HW_CHECK("higher class 0x61 nests", intr.level, 1);
    HW_CHECK("acknowledge 0x61", apic_get_interrupt(apic), 0x61);
    mmio_write32(A(0xb0), 0);
    HW_CHECK("EOI clears the highest ISR (0x61)", bit_in(0x100, 0x61), 0);
    HW_CHECK("0x40 still in service", bit_in(0x100, 0x40), 1);
    HW_CHECK("0x45 still blocked", intr.level, 0);
    mmio_write32(A(0xb0), 0);
    HW_CHECK("after second EOI 0x45 is deliverable", intr.level, 1);
    mmio_write32(A(0x80), 0x50);
    HW_CHECK("TPR 0x50 blocks class 4", intr.level, 0);
    HW_CHECK("PPR = TPR", mmio_read32(A(0xa0)), 0x50);
    HW_CHECK("acknowledge with nothing deliverable", apic_get_interrupt(apic), APIC_INTR_NONE);
    mmio_write32(A(0x80), 0x00);
    HW_CHECK("acknowledge 0x45 after TPR lowered", apic_get_interrupt(apic), 0x45);
    mmio_write32(A(0x300), (1 << 18) | (1 << 15) | 0x80);  /* level-triggered self IPI */
    HW_CHECK("TMR bit for a level-triggered interrupt", bit_in(0x180, 0x80), 1);
}

Test(apic, timer_one_shot)
{
    setup_apic();
    enable_apic();
    mmio_write32(A(0x3e0), 0x3);      /* divide by 16 */
    mmio_write32(A(0x320), 0x30);     /* one-shot, vector 0x30 */
    mmio_write32(A(0x380), 1000);
    /* 1 GHz bus: 16 ns a count, expiry 16 us after the write. */
    bus_set_time(8000);
    HW_CHECK("current count half way", mmio_read32(A(0x390)), 500);
    bus_set_time(15999);
    HW_CHECK("no interrupt before expiry", bit_in(0x200, 0x30), 0);
    bus_set_time(16000);
    HW_CHECK("IRR 0x30 at expiry", bit_in(0x200, 0x30), 1);
    HW_CHECK("INTR", intr.level, 1);
    HW_CHECK("current count 0 after a one-shot", mmio_read32(A(0x390)), 0);
    HW_CHECK("ack", apic_get_interrupt(apic), 0x30);
    mmio_write32(A(0xb0), 0);
    bus_set_time(100000);
    HW_CHECK("one-shot fires once", bit_in(0x200, 0x30), 0);
}

Test(apic, timer_periodic_and_mask)
{
    setup_apic();
    enable_apic();
    mmio_write32(A(0x3e0), 0xb);      /* divide by 1 */
    mmio_write32(A(0x320), 0x20031);  /* periodic, vector 0x31 */
    mmio_write32(A(0x380), 100);
    int n = 0;
    for (int64_t t = 50; t <= 1000; t += 50) {
        bus_set_time(t);
        if (intr.level && apic_get_interrupt(apic) == 0x31) {
            n++;
            mmio_write32(A(0xb0), 0);
        }
    }
    HW_CHECK("periodic timer: interrupts in 1000 ns at 100 ns", n, 10);
    bus_set_time(1030);
    HW_CHECK("current count reloads", mmio_read32(A(0x390)), 70);
    mmio_write32(A(0x320), 0x30031);  /* masked */
    bus_set_time(2000);
    HW_CHECK("masked timer: no interrupt", bit_in(0x200, 0x31), 0);
    HW_CHECK("masked timer still counts", mmio_read32(A(0x390)), 100);
    mmio_write32(A(0x380), 0);
    bus_set_time(5000);
    HW_CHECK("initial count 0 stops the timer", mmio_read32(A(0x390)), 0);
}

Test(apic, timer_divide_table)
{
    static const struct { uint32_t dcr; int div; } table[] = {
        { 0x0, 2 }, { 0x1, 4 }, { 0x2, 8 }, { 0x3, 16 },
        { 0x8, 32 }, { 0x9, 64 }, { 0xa, 128 }, { 0xb, 1 },
    };
    for (unsigned i = 0; i < 8; i++) {
        setup_apic();
        enable_apic();
        mmio_write32(A(0x3e0), table[i].dcr);
        mmio_write32(A(0x380), 100000);
        bus_set_time(1280);
        char what[64];
        snprintf(what, sizeof(what), "DCR 0x%x: count after 1280 ns (/%d)", table[i].dcr, table[i].div);
        HW_CHECK(what, mmio_read32(A(0x390)), 100000 - 1280 / table[i].div);
    }
}

Test(apic, lint0_extint_passes_the_pic)
{
    setup_apic();
    IRQLine *lint0 = apic_lint(apic, 0);
    irq_raise(lint0);
    HW_CHECK("INTR follows the PIC through ExtINT", intr.level, 1);
    HW_CHECK("acknowledge says: ask the 8259", apic_get_interrupt(apic), APIC_INTR_EXTINT);
    enable_apic();
    self_ipi(0x50);
    HW_CHECK("a fixed interrupt is acknowledged before ExtINT", apic_get_interrupt(apic), 0x50);
    mmio_write32(A(0xb0), 0);
    mmio_write32(A(0x350), 0x10700);
    HW_CHECK("masked LINT0: INTR low", intr.level, 0);
    irq_lower(lint0);
    irq_raise(apic_lint(apic, 1));
    HW_CHECK("LINT1 in NMI mode pulses NMI", nmi.rises, 1);
}

Test(apic, base_msr_disable_and_relocate)
{
    setup_apic();
    enable_apic();
    HW_CHECK("registers mapped at 0xfee00000", mmio_mapped(A(0x30)), 1);
    apic_set_base(apic, 0xfee00000);  /* enable bit clear */
    HW_CHECK("disabled: registers unmapped", mmio_mapped(A(0x30)), 0);
    HW_CHECK("BSP bit kept", apic_get_base(apic), 0xfee00100);
    irq_raise(apic_lint(apic, 0));
    HW_CHECK("disabled: LINT0 is INTR", intr.level, 1);
    HW_CHECK("disabled: acknowledge goes to the 8259", apic_get_interrupt(apic), APIC_INTR_EXTINT);
    irq_lower(apic_lint(apic, 0));
    apic_set_base(apic, 0xfed00000 | APIC_BASE_ENABLE);
    HW_CHECK("relocated: mapped at 0xfed00000", mmio_mapped(0xfed00030), 1);
    HW_CHECK("relocated: not at 0xfee00000", mmio_mapped(A(0x30)), 0);
    HW_CHECK("re-enabled in power-up state (SVR 0xff)", mmio_read32(0xfed000f0), 0xff);
    HW_CHECK("MSR read back", apic_get_base(apic), 0xfed00900);
}

Test(apic, esr_and_logical_destinations)
{
    setup_apic();
    enable_apic();
    mmio_write32(A(0x300), (1 << 18) | 0x05);   /* illegal vector */
    HW_CHECK("ESR reads 0 until written", mmio_read32(A(0x280)), 0);
    mmio_write32(A(0x280), 0);
    HW_CHECK("ESR: send illegal vector", mmio_read32(A(0x280)), 0x20);
    mmio_write32(A(0x280), 0);
    HW_CHECK("ESR cleared by the next write", mmio_read32(A(0x280)), 0);
    mmio_write32(A(0xd0), 0x01000000);          /* logical ID bit 0, flat */
    mmio_write32(A(0x310), 0x01000000);
    mmio_write32(A(0x300), (1 << 11) | 0x70);    /* logical, no shorthand */
    HW_CHECK("flat logical destination 0x01 matches", bit_in(0x200, 0x70), 1);
    mmio_write32(A(0x310), 0x02000000);
    mmio_write32(A(0x300), (1 << 11) | 0x71);
    HW_CHECK("flat logical destination 0x02 does not", bit_in(0x200, 0x71), 0);
    mmio_write32(A(0x310), 0x00000000);
    mmio_write32(A(0x300), 0x72);                /* physical, ID 0 */
    HW_CHECK("physical destination = own ID", bit_in(0x200, 0x72), 1);
    mmio_write32(A(0x300), (3 << 18) | 0x73);    /* all excluding self */
    HW_CHECK("all-excluding-self skips this CPU", bit_in(0x200, 0x73), 0);
    HW_CHECK("ICR delivery status reads idle", (mmio_read32(A(0x300)) >> 12) & 1, 0);
}

Test(apic, machine_reset)
{
    setup_apic();
    enable_apic();
    mmio_write32(A(0x80), 0x20);
    self_ipi(0x40);
    apic_set_base(apic, 0xfed00000 | APIC_BASE_ENABLE);
    apic_reset(apic);
    HW_CHECK("base MSR back to 0xfee00900", apic_get_base(apic), 0xfee00900);
    HW_CHECK("mapped at 0xfee00000 again", mmio_mapped(A(0x30)), 1);
    HW_CHECK("not at the old 0xfed00000", mmio_mapped(0xfed00030), 0);
    HW_CHECK("SVR 0xff", mmio_read32(A(0xf0)), 0xff);
    HW_CHECK("TPR 0", mmio_read32(A(0x80)), 0);
    HW_CHECK("IRR empty", bit_in(0x200, 0x40), 0);
    HW_CHECK("LINT0 ExtINT again", mmio_read32(A(0x350)), 0x700);
}
