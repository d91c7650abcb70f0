/* Protected mode -> real mode -> protected mode (SDM Vol. 3A, 9.9.2 and
 * 9.9.1): through a 16-bit code segment, CR0.PE cleared, a far jump to
 * real mode; there segment:offset addressing (20.1.1), an INT through the
 * IVT at IDTR base 0 pushing FLAGS, CS, IP (20.1.4); then CR0.PE set and a
 * far jump back to the 32-bit code segment. The 16-bit code is copied to
 * 0x7000 and records what it sees at 0x6000. */
#include "bm.h"

#define TRAMP 0x7000u
#define DATA  0x6000u
#define SEL_CODE16 ((GDT_FREE + 0) << 3)   /* 0x38 */
#define SEL_DATA16 ((GDT_FREE + 1) << 3)   /* 0x40 */

extern uint8_t rm_start[], rm_end[], rm_after_int[];
volatile uint32_t rm_saved_esp;
volatile struct { uint16_t limit; uint32_t base; } __attribute__((packed)) rm_saved_idtr;
void rm_switch(void), int50(void);

#define T(sym) "(" #sym " - rm_start + 0x7000)"
__asm__(
    ".text\n"
    "rm_switch:\n\t"
    "pusha\n\t"
    "sidt rm_saved_idtr\n\t"
    "mov %esp, rm_saved_esp\n\t"
    "ljmp $0x38, $0x7000\n"
    "int50:\n\tint $0x50\n\tret\n"
    "rm_back:\n\t"
    "mov $0x10, %ax\n\tmov %ax, %ds\n\tmov %ax, %es\n\tmov %ax, %ss\n\t"
    "mov %ax, %fs\n\tmov %ax, %gs\n\t"
    "mov rm_saved_esp, %esp\n\t"
    "lidt rm_saved_idtr\n\t"
    "popa\n\t"
    "ret\n"
    ".code16\n"
    "rm_start:\n\t"                               /* 16-bit protected mode */
    "mov $0x40, %ax\n\tmov %ax, %ds\n\tmov %ax, %es\n\tmov %ax, %ss\n\t"
    "mov %ax, %fs\n\tmov %ax, %gs\n\t"
    "mov %cr0, %eax\n\tand $0xfffffffe, %eax\n\tmov %eax, %cr0\n\t"
    "ljmp $0, $" T(rm_real) "\n"
    "rm_real:\n\t"                                /* real mode */
    "xor %ax, %ax\n\tmov %ax, %ds\n\tmov %ax, %es\n\tmov %ax, %ss\n\t"
    "mov $0x6ff0, %sp\n\t"
    "mov %cr0, %eax\n\tmov %eax, 0x6000\n\t"
    "mov %cs, %ax\n\tmov %ax, 0x6004\n\t"
    "mov $0x0600, %ax\n\tmov %ax, %ds\n\t"
    "movw $0xbeef, 0x0010\n\t"                    /* linear 0x6010 */
    "xor %ax, %ax\n\tmov %ax, %ds\n\t"
    "lidt " T(rm_ivt) "\n\t"
    "movw $" T(rm_int60) ", 0x180\n\t"
    "movw $0, 0x182\n\t"
    "int $0x60\n"
    "rm_after_int:\n\t"
    "mov %sp, 0x6006\n\t"
    "mov %cr0, %eax\n\tor $1, %eax\n\tmov %eax, %cr0\n\t"
    "ljmpl $0x08, $rm_back\n"
    "rm_int60:\n\t"
    "mov %sp, 0x6008\n\t"
    "mov %sp, %bx\n\t"
    "mov (%bx), %ax\n\tmov %ax, 0x600a\n\t"
    "mov 2(%bx), %ax\n\tmov %ax, 0x600c\n\t"
    "mov 4(%bx), %ax\n\tmov %ax, 0x600e\n\t"
    "iret\n"
    "rm_ivt:\n\t"
    ".word 0x3ff\n\t.long 0\n"
    "rm_end:\n\t"
    ".code32\n");

static uint32_t rd16(uint32_t a) { return *(volatile uint16_t *)a; }

void bm_main(void)
{
    gdt_set(SEL_CODE16 >> 3, 0, 0xffff, 0x9a, 0x0);
    gdt_set(SEL_DATA16 >> 3, 0, 0xffff, 0x92, 0x0);
    for (uint32_t i = 0; i < (uint32_t)(rm_end - rm_start); i++)
        ((volatile uint8_t *)TRAMP)[i] = rm_start[i];
    for (uint32_t a = DATA; a < DATA + 0x20; a += 4)
        *(volatile uint32_t *)a = 0xffffffff;

    rm_switch();
    check_eq("realmode.back.cs", read_cs(), SEL_KCODE);
    check_eq("realmode.back.cr0.pe", read_cr0() & CR0_PE, CR0_PE);
    /* 9.9.2: PE cleared + far jump = real mode, CS = the jump's segment. */
    check_eq("realmode.cr0.pe", *(volatile uint32_t *)DATA & CR0_PE, 0);
    check_eq("realmode.cs", rd16(DATA + 4), 0);
    /* 20.1.1: linear = segment * 16 + offset. */
    check_eq("realmode.seg_offset.write", rd16(DATA + 0x10), 0xbeef);
    /* 20.1.4: INT n pushes FLAGS, CS, IP (6 bytes) and IRET pops them. */
    check_eq("realmode.int.sp", rd16(DATA + 8), 0x6ff0 - 6);
    check_eq("realmode.int.ip", rd16(DATA + 0xa), (uint32_t)(rm_after_int - rm_start) + TRAMP);
    check_eq("realmode.int.cs", rd16(DATA + 0xc), 0);
    check_eq("realmode.int.flags.bit1", rd16(DATA + 0xe) & 0x2, 0x2);
    check_eq("realmode.iret.sp", rd16(DATA + 6), 0x6ff0);
    /* The protected-mode IDT is back: INT 0x50 reaches the library. */
    probe_call(int50);
    check_eq("realmode.back.idt.vector", trap_last.vector, 0x50);
}
