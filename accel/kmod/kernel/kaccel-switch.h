/* Layout of the per-VM switch area shared by the world-switch assembly
 * (kaccel-switch.S) and the C side (struct kaccel_area in kaccel-int.h,
 * whose offsets are checked against these at build time).
 * Page 0 of the area is the VM's IDT; page 1 holds the data below. */
#ifndef KACCEL_SWITCH_H
#define KACCEL_SWITCH_H

#define KS_DATA         4096
#define KS_HOST_RSP     (KS_DATA + 0x00)
#define KS_HOST_CR3     (KS_DATA + 0x08)
#define KS_GUEST_CR3    (KS_DATA + 0x10)
#define KS_HOST_FSBASE  (KS_DATA + 0x18)
#define KS_HOST_GSBASE  (KS_DATA + 0x20)
#define KS_HOST_GDTR    (KS_DATA + 0x30)
#define KS_HOST_IDTR    (KS_DATA + 0x40)
#define KS_GUEST_GDTR   (KS_DATA + 0x50)
#define KS_GUEST_IDTR   (KS_DATA + 0x60)
/* u16 selectors: ds es fs gs ldt ss */
#define KS_HOST_SEGS    (KS_DATA + 0x70)
#define KS_GUEST_SEGS   (KS_DATA + 0x80)
/* 8 x u64 in x86 order: rax rcx rdx rbx rsp(unused) rbp rsi rdi */
#define KS_GUEST_GPR    (KS_DATA + 0x90)
/* iretq frame: rip cs rflags rsp ss (5 x u64), for entry and exit; the
 * stack from the switch's start until the guest runs, with room below it
 * for an NMI taken meanwhile (KS_NMI_ROOM up to KS_FRAME) */
#define KS_NMI_ROOM     (KS_DATA + 0x130)
#define KS_FRAME        (KS_DATA + 0x200)
#define KS_VECTOR       (KS_DATA + 0x100)
#define KS_ERROR        (KS_DATA + 0x108)
#define KS_CR2          (KS_DATA + 0x110)
#define KS_PENDING      (KS_DATA + 0x118)
#define KS_INTERNAL     (KS_DATA + 0x120)
#define KS_INTERNAL_RIP (KS_DATA + 0x128)

/* KS_VECTOR when the switch gave up before the guest ran. */
#define KACCEL_NO_VECTOR 256

/* Selectors of the module's own GDT (index 2 and 3, as in the host's). */
#define KS_KERNEL_CS    0x10
#define KS_KERNEL_DS    0x18

#endif
