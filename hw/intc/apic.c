/*
 * A local APIC of one CPU (Intel SDM vol 3, "Advanced Programmable
 * Interrupt Controller"): registers at IA32_APIC_BASE, task/processor
 * priority, IRR/ISR/TMR, EOI, LVT with the timer (one-shot, periodic) on
 * the virtual clock, LINT0/LINT1 (ExtINT passes the 8259 through), error
 * status, and IPIs to itself. No x2APIC, no TSC-deadline timer.
 */
#include <stdlib.h>
#include <string.h>

#include "exec/memory.h"
#include "hw/intc/apic.h"
#include "sysemu/timer.h"

enum {                       /* register offsets >> 4 */
    REG_ID = 0x02, REG_VERSION = 0x03, REG_TPR = 0x08, REG_APR = 0x09,
    REG_PPR = 0x0a, REG_EOI = 0x0b, REG_RRD = 0x0c, REG_LDR = 0x0d,
    REG_DFR = 0x0e, REG_SVR = 0x0f, REG_ISR = 0x10, REG_TMR = 0x18,
    REG_IRR = 0x20, REG_ESR = 0x28, REG_ICR_LO = 0x30, REG_ICR_HI = 0x31,
    REG_LVT = 0x32,          /* 0x32-0x37: timer, thermal, perf, LINT0, LINT1, error */
    REG_TIMER_INIT = 0x38, REG_TIMER_CUR = 0x39, REG_TIMER_DCR = 0x3e,
};
enum { LVT_TIMER, LVT_THERMAL, LVT_PERF, LVT_LINT0, LVT_LINT1, LVT_ERROR, LVT_NB };
enum {
    LVT_MASKED = 1 << 16, LVT_LEVEL = 1 << 15, LVT_PERIODIC = 1 << 17,
    DM_FIXED = 0, DM_LOWEST = 1, DM_SMI = 2, DM_NMI = 4, DM_INIT = 5,
    DM_SIPI = 6, DM_EXTINT = 7,
    SVR_ENABLE = 1 << 8,
    ESR_SEND_ILLEGAL = 1 << 5, ESR_RECV_ILLEGAL = 1 << 6, ESR_ILLEGAL_REG = 1 << 7,
};
#define APIC_VERSION 0x00050014u    /* integrated APIC, 6 LVT entries */
#define APIC_MMIO_SIZE 0x1000

struct APICState {
    uint64_t base_msr;
    bool mapped;
    uint8_t id;
    uint32_t tpr, ldr, dfr, svr, esr, esr_pending, icr_lo, icr_hi;
    uint32_t lvt[LVT_NB];
    uint32_t irr[8], isr[8], tmr[8];
    uint32_t timer_initial, dcr;
    int64_t timer_start;           /* ns when the count was (re)loaded */
    Timer *timer;
    int lint_level[2];
    IRQLine lint[2];
    IRQLine intr, nmi;
    int intr_level;
};

static void apic_set_bit(uint32_t *bm, int v) { bm[v >> 5] |= 1u << (v & 31); }
static void apic_clear_bit(uint32_t *bm, int v) { bm[v >> 5] &= ~(1u << (v & 31)); }

/* Highest vector set in a 256-bit register, -1 if none. */
static int apic_highest(const uint32_t *bm)
{
    for (int i = 7; i >= 0; i--) {
        if (bm[i]) {
            return i * 32 + 31 - __builtin_clz(bm[i]);
        }
    }
    return -1;
}

int apic_enabled(const APICState *s)
{
    return (s->base_msr & APIC_BASE_ENABLE) != 0;
}

static bool apic_sw_enabled(const APICState *s)
{
    return s->svr & SVR_ENABLE;
}

/* PPR (SDM "Processor Priority Register"): TPR if its class is at least
 * the highest in-service class, else that class. */
static uint32_t apic_ppr(const APICState *s)
{
    int isrv = apic_highest(s->isr);
    uint32_t isr_class = isrv < 0 ? 0 : (uint32_t)isrv & 0xf0;
    return (s->tpr & 0xf0) >= isr_class ? s->tpr & 0xff : isr_class;
}

/* The IRR vector the CPU would take now, or -1. */
static int apic_deliverable(const APICState *s)
{
    int v = apic_highest(s->irr);
    if (v < 0 || !apic_sw_enabled(s)) {
        return -1;
    }
    return ((uint32_t)v & 0xf0) > (apic_ppr(s) & 0xf0) ? v : -1;
}

static bool apic_extint_active(const APICState *s)
{
    uint32_t lvt = s->lvt[LVT_LINT0];
    return !(lvt & LVT_MASKED) && ((lvt >> 8) & 7) == DM_EXTINT;
}

static void apic_update_intr(APICState *s)
{
    int level;
    if (!apic_enabled(s)) {
        level = s->lint_level[0];     /* no APIC: LINT0 is the INTR pin */
    } else {
        level = apic_deliverable(s) >= 0 ||
                (apic_extint_active(s) && s->lint_level[0]);
    }
    if (level != s->intr_level) {
        s->intr_level = level;
        irq_set(&s->intr, level);
    }
}

static void apic_error(APICState *s, uint32_t bit);

/* An interrupt for this APIC with a vector (fixed / lowest priority). */
static void apic_accept(APICState *s, int vector, bool level)
{
    if (vector < 16) {
        apic_error(s, ESR_RECV_ILLEGAL);
        return;
    }
    apic_set_bit(s->irr, vector);
    if (level) {
        apic_set_bit(s->tmr, vector);
    } else {
        apic_clear_bit(s->tmr, vector);
    }
    apic_update_intr(s);
}

/* A local interrupt source fires through its LVT entry. */
static void apic_deliver_lvt(APICState *s, int lvt_index)
{
    uint32_t lvt = s->lvt[lvt_index];
    if (lvt & LVT_MASKED) {
        return;
    }
    switch ((lvt >> 8) & 7) {
    case DM_FIXED:
        apic_accept(s, lvt & 0xff, lvt_index != LVT_TIMER && (lvt & LVT_LEVEL));
        break;
    case DM_NMI:
        irq_pulse(&s->nmi);
        break;
    default:      /* ExtINT is a level seen by apic_update_intr; SMI/INIT ignored */
        apic_update_intr(s);
        break;
    }
}

static void apic_error(APICState *s, uint32_t bit)
{
    bool first = !(s->esr_pending & bit);
    s->esr_pending |= bit;
    if (first && !(s->lvt[LVT_ERROR] & LVT_MASKED) && (s->lvt[LVT_ERROR] & 0xff) >= 16) {
        apic_deliver_lvt(s, LVT_ERROR);
    }
}

static void apic_lint_input(void *opaque, int n, int level)
{
    APICState *s = opaque;
    int old = s->lint_level[n];
    s->lint_level[n] = level;
    if (!apic_enabled(s)) {
        if (n == 1 && level && !old) {
            irq_pulse(&s->nmi);        /* no APIC: LINT1 is the NMI pin */
        }
        apic_update_intr(s);
        return;
    }
    uint32_t lvt = s->lvt[LVT_LINT0 + n];
    int mode = (lvt >> 8) & 7;
    if (mode == DM_EXTINT) {
        apic_update_intr(s);
    } else if (level && !old) {
        apic_deliver_lvt(s, LVT_LINT0 + n);
    }
}

IRQLine *apic_lint(APICState *s, int n)
{
    return (n == 0 || n == 1) ? &s->lint[n] : NULL;
}

/* ---- The timer (SDM "APIC Timer"): bus clock / divider ---- */

static unsigned apic_timer_divisor(const APICState *s)
{
    unsigned v = (s->dcr & 3) | ((s->dcr >> 1) & 4);
    return 1u << ((v + 1) & 7);        /* 000 = /2 ... 110 = /128, 111 = /1 */
}

static int64_t apic_tick_ns(const APICState *s)
{
    return (int64_t)apic_timer_divisor(s) * NANOSECONDS_PER_SECOND / APIC_BUS_HZ;
}

static uint32_t apic_timer_current(const APICState *s)
{
    if (!s->timer_initial) {
        return 0;
    }
    uint64_t ticks = (uint64_t)(clock_get_ns() - s->timer_start) / apic_tick_ns(s);
    if (s->lvt[LVT_TIMER] & LVT_PERIODIC) {
        return s->timer_initial - (uint32_t)(ticks % s->timer_initial);
    }
    return ticks >= s->timer_initial ? 0 : s->timer_initial - (uint32_t)ticks;
}

static void apic_timer_arm(APICState *s)
{
    if (!s->timer_initial) {
        timer_del(s->timer);
        return;
    }
    int64_t period = (int64_t)s->timer_initial * apic_tick_ns(s);
    int64_t now = clock_get_ns();
    int64_t n = (now - s->timer_start) / period + 1;
    if (!(s->lvt[LVT_TIMER] & LVT_PERIODIC) && n > 1) {
        timer_del(s->timer);            /* one-shot already expired */
        return;
    }
    timer_mod(s->timer, s->timer_start + n * period);
}

static void apic_timer_cb(void *opaque)
{
    APICState *s = opaque;
    apic_deliver_lvt(s, LVT_TIMER);
    if (s->lvt[LVT_TIMER] & LVT_PERIODIC) {
        apic_timer_arm(s);
    }
}

static void apic_write_dcr(APICState *s, uint32_t val)
{
    uint32_t cur = apic_timer_current(s);
    s->dcr = val & 0xb;
    /* The count goes on from where it is, at the new rate. */
    s->timer_start = clock_get_ns() - (int64_t)(s->timer_initial - cur) * apic_tick_ns(s);
    apic_timer_arm(s);
}

/* ---- IPIs (only this CPU exists) ---- */

static bool apic_match_dest(const APICState *s, uint8_t dest, bool logical)
{
    if (dest == 0xff) {
        return true;
    }
    if (!logical) {
        return dest == s->id;
    }
    uint8_t ldr = s->ldr >> 24;
    if ((s->dfr >> 28) == 0xf) {       /* flat model */
        return (ldr & dest) != 0;
    }
    return (ldr >> 4) == (dest >> 4) && (ldr & dest & 0x0f) != 0;  /* cluster */
}

static void apic_send_ipi(APICState *s)
{
    uint32_t icr = s->icr_lo;
    int vector = icr & 0xff, mode = (icr >> 8) & 7;
    bool to_self;
    switch ((icr >> 18) & 3) {
    case 1: case 2: to_self = true; break;        /* self, all including self */
    case 3: to_self = false; break;               /* all excluding self */
    default: to_self = apic_match_dest(s, s->icr_hi >> 24, icr & (1 << 11)); break;
    }
    if ((mode == DM_FIXED || mode == DM_LOWEST) && vector < 16) {
        apic_error(s, ESR_SEND_ILLEGAL);
        return;
    }
    if (!to_self) {
        return;                                   /* no other CPU */
    }
    if (mode == DM_FIXED || mode == DM_LOWEST) {
        apic_accept(s, vector, icr & (1 << 15));
    } else if (mode == DM_NMI) {
        irq_pulse(&s->nmi);
    }
}

/* ---- Registers ---- */

static void apic_eoi(APICState *s)
{
    int v = apic_highest(s->isr);
    if (v >= 0) {
        apic_clear_bit(s->isr, v);
        apic_update_intr(s);
    }
}

static uint32_t apic_read_reg(APICState *s, unsigned reg)
{
    if (reg >= REG_ISR && reg < REG_ISR + 8) {
        return s->isr[reg - REG_ISR];
    }
    if (reg >= REG_TMR && reg < REG_TMR + 8) {
        return s->tmr[reg - REG_TMR];
    }
    if (reg >= REG_IRR && reg < REG_IRR + 8) {
        return s->irr[reg - REG_IRR];
    }
    if (reg >= REG_LVT && reg < REG_LVT + LVT_NB) {
        return s->lvt[reg - REG_LVT];
    }
    switch (reg) {
    case REG_ID: return (uint32_t)s->id << 24;
    case REG_VERSION: return APIC_VERSION;
    case REG_TPR: return s->tpr;
    case REG_APR: return 0;
    case REG_PPR: return apic_ppr(s);
    case REG_LDR: return s->ldr;
    case REG_DFR: return s->dfr;
    case REG_SVR: return s->svr;
    case REG_ESR: return s->esr;
    case REG_ICR_LO: return s->icr_lo & ~(1u << 12);   /* delivered at once */
    case REG_ICR_HI: return s->icr_hi;
    case REG_TIMER_INIT: return s->timer_initial;
    case REG_TIMER_CUR: return apic_timer_current(s);
    case REG_TIMER_DCR: return s->dcr;
    default:
        apic_error(s, ESR_ILLEGAL_REG);
        return 0;
    }
}

static void apic_write_lvt(APICState *s, int i, uint32_t val)
{
    /* Writable bits: vector, delivery mode, polarity, trigger, mask,
     * timer mode (delivery status and remote IRR are read-only). */
    static const uint32_t writable[LVT_NB] = {
        0x000300ff, 0x000107ff, 0x000107ff, 0x0001a7ff, 0x0001a7ff, 0x000100ff,
    };
    uint32_t w = writable[i];
    if (!apic_sw_enabled(s)) {
        val |= LVT_MASKED;              /* software-disabled: masks stay set */
    }
    uint32_t old = s->lvt[i];
    s->lvt[i] = val & w;
    if (i == LVT_TIMER && ((old ^ s->lvt[i]) & LVT_PERIODIC)) {
        apic_timer_arm(s);
    }
    apic_update_intr(s);
}

static void apic_write_reg(APICState *s, unsigned reg, uint32_t val)
{
    if (reg >= REG_LVT && reg < REG_LVT + LVT_NB) {
        apic_write_lvt(s, reg - REG_LVT, val);
        return;
    }
    switch (reg) {
    case REG_ID:
        s->id = val >> 24;
        break;
    case REG_TPR:
        s->tpr = val & 0xff;
        apic_update_intr(s);
        break;
    case REG_EOI:
        apic_eoi(s);
        break;
    case REG_LDR:
        s->ldr = val & 0xff000000;
        break;
    case REG_DFR:
        s->dfr = val | 0x0fffffff;
        break;
    case REG_SVR:
        s->svr = val & 0x3ff;
        if (!apic_sw_enabled(s)) {
            for (int i = 0; i < LVT_NB; i++) {
                s->lvt[i] |= LVT_MASKED;
            }
        }
        apic_update_intr(s);
        break;
    case REG_ESR:                       /* a write latches the errors seen */
        s->esr = s->esr_pending;
        s->esr_pending = 0;
        break;
    case REG_ICR_LO:
        s->icr_lo = val & 0x000ccfff;
        apic_send_ipi(s);
        break;
    case REG_ICR_HI:
        s->icr_hi = val & 0xff000000;
        break;
    case REG_TIMER_INIT:
        s->timer_initial = val;
        s->timer_start = clock_get_ns();
        apic_timer_arm(s);
        break;
    case REG_TIMER_DCR:
        apic_write_dcr(s, val);
        break;
    case REG_VERSION: case REG_APR: case REG_PPR: case REG_RRD:
    case REG_TIMER_CUR:
        break;                          /* read-only */
    default:
        if (!(reg >= REG_ISR && reg < REG_IRR + 8)) {
            apic_error(s, ESR_ILLEGAL_REG);
        }
        break;
    }
}

/* Registers sit on 16-byte boundaries and are 32-bit wide; narrower reads
 * see part of the register, other writes are ignored. */
static uint64_t apic_mmio_read(void *opaque, hwaddr off, unsigned size)
{
    uint32_t v = apic_read_reg(opaque, (off >> 4) & 0xff);
    if ((off & 0xf) >= 4) {
        return 0;
    }
    v >>= 8 * (off & 3);
    return size >= 4 ? v : v & ((1u << (8 * size)) - 1);
}

static void apic_mmio_write(void *opaque, hwaddr off, uint64_t val, unsigned size)
{
    if ((off & 0xf) == 0 && size >= 4) {
        apic_write_reg(opaque, (off >> 4) & 0xff, (uint32_t)val);
    }
}

static const MemoryOps apic_ops = { apic_mmio_read, apic_mmio_write };

int apic_get_interrupt(APICState *s)
{
    if (!apic_enabled(s)) {
        return s->lint_level[0] ? APIC_INTR_EXTINT : APIC_INTR_NONE;
    }
    int v = apic_deliverable(s);
    if (v >= 0) {
        apic_clear_bit(s->irr, v);
        apic_set_bit(s->isr, v);
        apic_update_intr(s);
        return v;
    }
    if (apic_extint_active(s) && s->lint_level[0]) {
        return APIC_INTR_EXTINT;
    }
    return APIC_INTR_NONE;
}

/* SDM "Local APIC State After Power-Up or Reset". */
static void apic_reset_state(APICState *s)
{
    timer_del(s->timer);
    s->tpr = s->ldr = s->esr = s->esr_pending = s->icr_lo = s->icr_hi = 0;
    s->dfr = 0xffffffff;
    s->svr = 0xff;
    for (int i = 0; i < LVT_NB; i++) {
        s->lvt[i] = LVT_MASKED;
    }
    memset(s->irr, 0, sizeof(s->irr));
    memset(s->isr, 0, sizeof(s->isr));
    memset(s->tmr, 0, sizeof(s->tmr));
    s->timer_initial = 0;
    s->dcr = 0;
}

void apic_setup_virtual_wire(APICState *s)
{
    s->lvt[LVT_LINT0] = DM_EXTINT << 8;
    s->lvt[LVT_LINT1] = DM_NMI << 8;
    apic_update_intr(s);
}

uint64_t apic_get_base(APICState *s)
{
    return s->base_msr;
}

static hwaddr apic_mmio_base(const APICState *s)
{
    return s->base_msr & 0xffffff000ull;
}

void apic_set_base(APICState *s, uint64_t val)
{
    uint64_t msr = (val & (0xffffff000ull | APIC_BASE_ENABLE)) | (s->base_msr & APIC_BASE_BSP);
    if (msr == s->base_msr && s->mapped == apic_enabled(s)) {
        return;                       /* no change: keep the map (and TLBs) */
    }
    if (s->mapped) {
        mem_map_remove(apic_mmio_base(s), APIC_MMIO_SIZE);
        s->mapped = false;
    }
    bool was_enabled = apic_enabled(s);
    s->base_msr = msr;
    if (!apic_enabled(s) && was_enabled) {
        apic_reset_state(s);
    }
    if (apic_enabled(s)) {
        mem_map_mmio(apic_mmio_base(s), APIC_MMIO_SIZE, &apic_ops, s, "apic");
        s->mapped = true;
    }
    apic_update_intr(s);
}

void apic_reset(APICState *s)
{
    apic_reset_state(s);
    apic_setup_virtual_wire(s);
    apic_set_base(s, APIC_DEFAULT_BASE | APIC_BASE_ENABLE);
}

APICState *hw_apic_init(uint8_t id, IRQLine intr, IRQLine nmi)
{
    APICState *s = calloc(1, sizeof(*s));
    if (!s) {
        abort();
    }
    s->id = id;
    s->intr = intr;
    s->nmi = nmi;
    s->timer = timer_new(apic_timer_cb, s);
    for (int n = 0; n < 2; n++) {
        s->lint[n] = (IRQLine){ apic_lint_input, s, n };
    }
    s->base_msr = APIC_BASE_BSP;
    apic_reset(s);
    return s;
}
