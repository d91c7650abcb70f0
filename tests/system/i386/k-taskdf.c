/* A double fault through a task gate, as Linux i386 handles kernel stack
 * overflow: a kernel push below the mapped stack is a #PF whose delivery
 * pushes on the same unmapped stack, a second #PF, hence #DF (SDM Vol. 3A,
 * 6.15 "Interrupt 8", Table 6-5); IDT[8] is a task gate, so the CPU
 * switches to the double-fault TSS (7.3), saving the faulting state in
 * the current TSS and linking back to it. */
#include "bm.h"

#define VA_STACK  0x40001000u   /* one mapped page; 0x40000000 is not */

static struct tss df_tss __attribute__((aligned(128)));
static uint8_t df_stack[4096] __attribute__((aligned(16)));
volatile uint32_t df_esp;
extern uint8_t df_entry[], overflow_push[];
void df_main(void);

__asm__(
    ".text\n"
    "df_entry:\n\t"
    "mov %esp, df_esp\n\t"
    "call df_main\n"
    "1:\thlt\n\tjmp 1b\n"
    "stack_overflow:\n\t"
    "mov $0x40001010, %esp\n"
    "2:\n"
    "overflow_push:\n\t"
    "push %eax\n\t"
    "jmp 2b\n");
void stack_overflow(void);

static uint32_t str(void)
{
    uint16_t tr;
    __asm__ volatile("str %0" : "=r"(tr));
    return tr;
}

void df_main(void)
{
    uint32_t a, b;
    /* 7.3 step 9/10 and 7.4: the new task runs with NT = 1, TR = its TSS,
     * and its TSS links back to the interrupted task. */
    check_eq("df.tr", str(), SEL_TSS2);
    check_eq("df.eflags.nt", read_eflags() & EFL_NT, EFL_NT);
    check_eq("df.tss.link", df_tss.link, SEL_TSS);
    /* 6.15: #DF pushes an error code of 0 on the new task's stack. */
    check_eq("df.esp", df_esp, (uint32_t)&df_stack[4096] - 4);
    check_eq("df.errcode", *(volatile uint32_t *)df_esp, 0);
    /* 4.7: CR2 holds the address of the (second) faulting access. */
    check_eq("df.cr2", read_cr2(), VA_STACK - 4);
    /* 7.3 step 7: the old task's state is saved: the faulting push is
     * restarted (EIP at it, ESP before it). */
    check_eq("df.old.eip", bm_tss.eip, (uint32_t)overflow_push);
    check_eq("df.old.esp", bm_tss.esp, VA_STACK);
    check_eq("df.old.cs", bm_tss.cs, SEL_KCODE);
    /* 7.2.2: both TSS descriptors are busy (type 0xb) in a nested switch. */
    a = (uint32_t)(bm_gdt[SEL_TSS >> 3] >> 40) & 0xf;
    b = (uint32_t)(bm_gdt[SEL_TSS2 >> 3] >> 40) & 0xf;
    check_eq("df.old_tss.busy", a, 0xb);
    check_eq("df.new_tss.busy", b, 0xb);
    bm_finish();
}

void bm_main(void)
{
    uint32_t *dir = pt2_new();
    pt2_identity(dir, 4u << 20, PG_P | PG_W);
    pt2_map(dir, VA_STACK, frame_alloc(), PG_P | PG_W);
    paging_on_2level(dir, 0);

    df_tss.cr3 = read_cr3();
    df_tss.eip = (uint32_t)df_entry;
    df_tss.eflags = 0x2;
    df_tss.esp = (uint32_t)&df_stack[4096];
    df_tss.cs = SEL_KCODE;
    df_tss.ss = df_tss.ds = df_tss.es = df_tss.fs = df_tss.gs = SEL_KDATA;
    df_tss.iomap_base = 104;
    gdt_set(SEL_TSS2 >> 3, (uint32_t)&df_tss, 103, 0x89, 0);
    idt_set(8, 0, SEL_TSS2, GATE_TASK, 0);
    bm_printf("overflowing the kernel stack\n");
    stack_overflow();
    check_true("df.taken", 0, 0, "the #DF task to run");
}
