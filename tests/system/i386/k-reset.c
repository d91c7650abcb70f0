/* runner: reboots (run without -no-reboot)
 * A platform reset returns the devices to the state the machine started
 * with: the first boot records what the devices hold on entry (before the
 * library programs any), in battery-backed CMOS RAM, then changes all of
 * it and resets the machine through port 0xcf9 (PIIX reset control, a
 * hard reset); the second boot records the state again and checks it
 * equals the first. An invariant rather than fixed values, so it holds
 * under QEMU (where SeaBIOS programs the devices before each boot) and
 * under Mimic (which boots the kernel directly from the power-on state):
 * 8259 IMRs, the 8254's channel 0 status (read-back), COM1's IER/LCR/MCR,
 * the i8042 command byte, RTC register B, port 0x92 (recorded, not
 * changed: the kernel lives above 1 MiB, where A20 off would alias it),
 * and the local APIC's SVR, LVT LINT0 and TPR. */
#include "bm.h"

#define CMOS_BOOTS 0x68          /* boot counter */
#define CMOS_SNAP 0x69           /* the first boot's snapshot */
#define APIC_BASE 0xfee00000u

enum { S_IMR0, S_IMR1, S_PIT0, S_IER, S_LCR, S_MCR, S_KBC, S_RTCB, S_P92,
       S_SVR, S_LINT0, S_TPR, S_N };
static const char *const snap_name[S_N] = {
    "pic.imr-master", "pic.imr-slave", "pit.ch0-status", "com1.ier", "com1.lcr",
    "com1.mcr", "i8042.command-byte", "rtc.reg-b", "port92", "apic.svr",
    "apic.lint0", "apic.tpr",
};
static uint8_t snap[S_N];
static int has_apic;

static uint8_t cmos(int reg)
{
    outb(0x70, (uint8_t)reg);
    return inb(0x71);
}

static void cmos_set(int reg, uint8_t v)
{
    outb(0x70, (uint8_t)reg);
    outb(0x71, v);
}

static void kbc_wait_in(void)
{
    for (int i = 0; i < 100000 && (inb(0x64) & 2); i++)
        ;
}

static uint8_t kbc_command_byte(void)
{
    kbc_wait_in();
    outb(0x64, 0x20);
    for (int i = 0; i < 100000 && !(inb(0x64) & 1); i++)
        ;
    return inb(0x60);
}

static void take_snapshot(void)
{
    uint32_t a, b, c, d;

    cpuid(1, &a, &b, &c, &d);
    has_apic = (d >> 9) & 1;
    snap[S_IMR0] = inb(0x21);
    snap[S_IMR1] = inb(0xa1);
    outb(0x43, 0xe2);            /* read-back: status of channel 0 */
    snap[S_PIT0] = inb(0x40) & 0x3f;   /* mode, access; not OUT or null count */
    snap[S_LCR] = inb(0x3fb);
    outb(0x3fb, snap[S_LCR] & 0x7f);
    snap[S_IER] = inb(0x3f9);
    outb(0x3fb, snap[S_LCR]);
    snap[S_MCR] = inb(0x3fc);
    snap[S_KBC] = kbc_command_byte();
    snap[S_RTCB] = cmos(0x0b);
    snap[S_P92] = inb(0x92);
    if (has_apic && (rdmsr(0x1b) & (1u << 11))) {
        snap[S_SVR] = (uint8_t)(mmio_read32(APIC_BASE + 0xf0) >> 4);   /* enable bit, vector high */
        uint32_t lint0 = mmio_read32(APIC_BASE + 0x350);
        snap[S_LINT0] = (uint8_t)((lint0 >> 8 & 7) | (lint0 >> 16 & 1) << 7);  /* mode, mask */
        snap[S_TPR] = (uint8_t)mmio_read32(APIC_BASE + 0x80);
    }
}

/* Changes every recorded register away from its boot value. */
static void scramble(void)
{
    pic_unmask(3);               /* IMRs: the library masked all but this */
    outb(0x43, 0x30);            /* PIT channel 0: mode 0, lobyte/hibyte */
    outb(0x40, 0x34);
    outb(0x40, 0x12);
    outb(0x3fb, 0x1b);           /* COM1: 8E1 */
    outb(0x3f9, 0x05);
    outb(0x3fc, 0x1b);           /* loopback on */
    kbc_wait_in();
    outb(0x64, 0x60);            /* i8042: command byte */
    kbc_wait_in();
    outb(0x60, 0x30);            /* both ports off, no interrupts */
    cmos_set(0x0b, (uint8_t)(cmos(0x0b) | 0x40));   /* periodic interrupt on */
    if (has_apic) {
        mmio_write32(APIC_BASE + 0x80, 0x20);
        mmio_write32(APIC_BASE + 0x350, 0x10000);
        mmio_write32(APIC_BASE + 0xf0, 0x3f);        /* software-disabled */
    }
}

void bm_early(void)
{
    take_snapshot();
}

void bm_main(void)
{
    uint8_t boots = cmos(CMOS_BOOTS);

    if (boots != 0xa5) {
        /* The first boot (any value but our mark: CMOS starts zeroed or
         * with what an earlier run left in QEMU's and Mimic's RAM). */
        for (int i = 0; i < S_N; i++)
            cmos_set(CMOS_SNAP + i, snap[i]);
        cmos_set(CMOS_BOOTS, 0xa5);
        scramble();
        bm_printf("first boot: devices changed, resetting through port 0xcf9\n");
        outb(0xcf9, 0x02);
        outb(0xcf9, 0x06);
        for (;;)
            __asm__ volatile("hlt");
    }
    cmos_set(CMOS_BOOTS, 0);
    for (int i = 0; i < S_N; i++)
        check_eq(snap_name[i], snap[i], cmos(CMOS_SNAP + i));
}
