/*
 * The PC's CPU at power-on and at the entry of a boot path: the SDM's
 * power-up state (vol. 3A, 9.1.1, table 9-1: real mode at the reset vector
 * F000:FFF0 with CS base 0xffff0000), and the flat 32-bit protected-mode
 * state the Linux 32-bit boot protocol and multiboot v1 enter with.
 */
#include <string.h>
#include "hw/i386/pc-cpu.h"
#include "target-i386/cc.h"
#include "target-i386/cpu-models.h"
#include "target-i386/mmu.h"
#include "target-i386/x87.h"

/* Segment cache attributes: bits 8-23 of a descriptor's high word. */
enum {
    SEG_A = 1 << 8, SEG_RW = 1 << 9, SEG_CODE = 1 << 11, SEG_S = 1 << 12,
    SEG_P = 1 << 15, SEG_B = 1 << 22, SEG_G = 1 << 23,
    SEG_TYPE_LDT = 2 << 8, SEG_TYPE_TSS32_BUSY = 11 << 8,
};

static void pc_cpu_set_seg(CPUX86State *env, int seg, uint32_t sel, uint32_t base,
                           uint32_t limit, uint32_t flags)
{
    env->segs[seg] = (SegmentCache){ sel, base, limit, flags };
}

void pc_cpu_power_on(CPUX86State *env)
{
    const X86CPUModel *m = env->cpu_model;
    size_t keep = offsetof(CPUX86State, regs);

    /* Everything after the common head, except what the board wired. */
    int (*get_intr_vector)(void *) = env->get_intr_vector;
    void *intr_opaque = env->intr_opaque;
    void (*apic_base_write)(void *, uint64_t) = env->apic_base_write;
    void *apic_opaque = env->apic_opaque;
    memset((char *)env + keep, 0, sizeof(*env) - keep);
    env->cpu_model = m;
    env->get_intr_vector = get_intr_vector;
    env->intr_opaque = intr_opaque;
    env->apic_base_write = apic_base_write;
    env->apic_opaque = apic_opaque;
    /* CRs, DRs, MSRs, A20 (target-i386/mmu.c). */
    x86_mmu_reset(env);

    env->eip = 0xfff0;
    env->eflags = 0x2;
    env->df = 1;
    env->cc_op = CC_OP_EFLAGS;
    env->regs[R_EDX] = m ? (m->family << 8) | (m->model << 4) | m->stepping : 0x600;
    pc_cpu_set_seg(env, R_CS, 0xf000, 0xffff0000, 0xffff, SEG_P | SEG_S | SEG_CODE | SEG_RW | SEG_A);
    for (int s = 0; s < NB_SEGS; s++) {
        if (s != R_CS) {
            pc_cpu_set_seg(env, s, 0, 0, 0xffff, SEG_P | SEG_S | SEG_RW | SEG_A);
        }
    }
    env->gdtr.limit = 0xffff;
    env->idtr.limit = 0xffff;
    env->ldt = (SegmentCache){ 0, 0, 0xffff, SEG_P | SEG_TYPE_LDT };
    env->tr = (SegmentCache){ 0, 0, 0xffff, SEG_P | SEG_TYPE_TSS32_BUSY };
    env->mxcsr = 0x1f80;
    env->old_exception = -1;
    x87_reset(env);
    env->fpuc = 0x40;           /* power-up FCW (FNINIT gives 0x37f) */
    env->hflags = 0;
    x86_update_hflags(env);
    env->cs.halted = false;
    env->cs.interrupt_request = 0;
}

void pc_cpu_enter_prot32(CPUX86State *env, const X86BootEntry *entry)
{
    uint32_t code = SEG_P | SEG_S | SEG_CODE | SEG_RW | SEG_A | SEG_B | SEG_G;
    uint32_t data = SEG_P | SEG_S | SEG_RW | SEG_A | SEG_B | SEG_G;

    env->cr[0] = CR0_PE_MASK | CR0_ET_MASK;
    env->gdtr.base = X86_BOOT_GDT_ADDR;
    env->gdtr.limit = 4 * 8 - 1;
    env->idtr.base = 0;
    env->idtr.limit = 0x3ff;
    pc_cpu_set_seg(env, R_CS, X86_BOOT_SEL_CODE, 0, 0xffffffff, code);
    for (int s = 0; s < NB_SEGS; s++) {
        if (s != R_CS) {
            pc_cpu_set_seg(env, s, X86_BOOT_SEL_DATA, 0, 0xffffffff, data);
        }
    }
    env->tr.flags = SEG_P | (11 << 8);
    env->eflags = 0x2;          /* IF clear */
    env->cc_op = CC_OP_EFLAGS;
    env->cc_src = 0;
    memset(env->regs, 0, sizeof(env->regs));
    env->regs[R_EAX] = entry->eax;
    env->regs[R_EBX] = entry->ebx;
    env->regs[R_ESI] = entry->esi;
    env->eip = entry->eip;
    env->hflags = 0;
    x86_update_hflags(env);
}
