/*
 * A local APIC (hw/intc/apic.c), memory-mapped at 0xfee00000 by default:
 * TPR/PPR, EOI, ISR/TMR/IRR, LVT (timer, LINT0/1, error), the timer on the
 * virtual clock, self-IPIs. LINT0 in ExtINT mode passes the 8259's output
 * through. One CPU: other destinations of an IPI are dropped.
 */
#ifndef HW_INTC_APIC_H
#define HW_INTC_APIC_H

#include <stdint.h>

#include "hw/irq.h"

#define APIC_DEFAULT_BASE 0xfee00000u
#define APIC_BASE_BSP (1u << 8)        /* IA32_APIC_BASE bits */
#define APIC_BASE_ENABLE (1u << 11)
/* The APIC timer's bus clock: 1 GHz (1 ns per tick before the divider). */
#define APIC_BUS_HZ 1000000000LL

/* apic_get_interrupt: none pending, or the 8259 must be acknowledged. */
#define APIC_INTR_NONE (-1)
#define APIC_INTR_EXTINT (-2)

typedef struct APICState APICState;

/* Maps the registers at APIC_DEFAULT_BASE with IA32_APIC_BASE =
 * 0xfee00000 | BSP | ENABLE, APIC ID `id`, in the power-up state (SDM vol 3
 * 10.4.7.1: software-disabled, LVT masked) except for LINT0 = ExtINT and
 * LINT1 = NMI, what a BIOS leaves and QEMU's BSP starts with, so the 8259
 * reaches the CPU on a direct kernel boot. `intr` is the CPU's INTR pin,
 * `nmi` its NMI (pulsed). */
APICState *hw_apic_init(uint8_t id, IRQLine intr, IRQLine nmi);
/* Machine reset: the state hw_apic_init gives, base MSR included. */
void apic_reset(APICState *s);
/* LINT0/LINT1 inputs; the board wires the 8259's output to LINT0
 * (apic_lint(s, 0)). */
IRQLine *apic_lint(APICState *s, int n);
/* LINT0 = ExtINT, LINT1 = NMI, unmasked (the MP spec's "virtual wire"):
 * for a board that resets the APIC and wants the 8259 through again. */
void apic_setup_virtual_wire(APICState *s);
/* The CPU's acknowledge: the vector of the highest IRR above PPR (moved to
 * ISR), APIC_INTR_EXTINT when the 8259's request is passed through LINT0
 * (or the APIC is globally disabled), APIC_INTR_NONE when nothing is
 * deliverable any more. */
int apic_get_interrupt(APICState *s);
/* IA32_APIC_BASE (MSR 0x1b), for the CPU's RDMSR/WRMSR: the enable bit
 * maps/withdraws the registers (disabling resets the APIC), the base bits
 * relocate them. */
uint64_t apic_get_base(APICState *s);
void apic_set_base(APICState *s, uint64_t val);
/* Whether the APIC is globally enabled (IA32_APIC_BASE bit 11). */
int apic_enabled(const APICState *s);

#endif
