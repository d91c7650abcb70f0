/* HLT woken by the PIT: IRQ0 of the 8254 (mode 2, ~1 ms) through the 8259
 * at vector 0x20. SDM Vol. 2A, HLT: an enabled interrupt resumes the CPU
 * and the interrupt's saved EIP is the instruction after HLT; Vol. 2B,
 * STI: interrupts stay inhibited until after the instruction following
 * STI, so "sti; hlt" cannot lose the wake-up. With IF = 0 the pending
 * IRQ waits and is taken right after STI + 1 instruction. */
#include "bm.h"

static volatile uint32_t ticks, tick_vector, tick_eip, arm_eip, armed_eip;
extern uint8_t after_hlt[], after_sti_nop[];

static void pit_irq(struct trap_frame *f)
{
    ticks++;
    tick_vector = f->vector;
    tick_eip = f->eip;
    if (arm_eip) {              /* the EIP of the first tick after arming */
        armed_eip = f->eip;
        arm_eip = 0;
    }
    pic_eoi(0);
}

static void sti_hlt_cli(void)
{
    __asm__ volatile("sti\n\thlt\n"
                     ".globl after_hlt\n"
                     "after_hlt:\n\tcli" ::: "memory");
}

void bm_main(void)
{
    trap_handlers[0x20] = pit_irq;
    /* 8254: counter 0, lobyte/hibyte, mode 2 (rate generator), 1193 ticks
     * of 1.193182 MHz = 1 ms (Intel 8254 datasheet). */
    outb(0x43, 0x34);
    outb(0x40, 1193 & 0xff);
    outb(0x40, 1193 >> 8);
    pic_unmask(0);

    /* Each HLT returns only after an interrupt; more than one may be taken
     * when a host delay lets two periods pass (the handler returns to the
     * CLI with IF = 1), so the count is a lower bound. */
    for (int i = 0; i < 5; i++) {
        arm_eip = 1;
        sti_hlt_cli();
        if (armed_eip != (uint32_t)after_hlt)
            break;
    }
    check_true("pit.hlt.wakeups", ticks >= 5, ticks, ">= 5");
    check_eq("pit.vector", tick_vector, 0x20);
    check_eq("pit.saved_eip_after_hlt", armed_eip, (uint32_t)after_hlt);

    /* IF = 0 until the 8259 holds IRQ0 in its IRR (OCW3 read IRR: 8259A
     * datasheet): nothing is delivered, then it is taken after STI and
     * one more instruction (the NOP), not before. */
    uint32_t before = ticks;
    int pending = 0;
    for (int spins = 0; !pending && spins < 20000000; spins++) {
        outb(0x20, 0x0a);
        pending = inb(0x20) & 1;
    }
    check_eq("pit.if0.irr_pending", pending, 1);
    check_eq("pit.if0.ticks_held", ticks, before);
    arm_eip = 1;
    __asm__ volatile("sti\n\tnop\n"
                     ".globl after_sti_nop\n"
                     "after_sti_nop:\n\tnop\n\tcli" ::: "memory");
    check_true("pit.pending_taken_after_sti.ticks", ticks >= before + 1, ticks - before, ">= 1");
    check_eq("pit.pending_taken_after_sti.eip", armed_eip, (uint32_t)after_sti_nop);
    outb(0x21, 0xff);
}
