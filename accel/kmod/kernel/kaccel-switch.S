/* The world switch of /dev/kaccel: enters guest ring-3 code in 32-bit
 * compatibility mode with the VM's IDT, GDT and page tables, and comes
 * back on any vector.  Everything here runs from pages the VM's page
 * tables also map (see kaccel_map_switch in kaccel-mmu.c); the only data
 * it touches is the switch area (kaccel-switch.h), found through IDTR
 * since page 0 of the area is the IDT. Called with interrupts off. */
#include "kaccel-switch.h"

	.section .text.kaccel_switch, "ax"
	.balign 4096
	.globl kaccel_switch_text_start
kaccel_switch_text_start:

/* void kaccel_switch_run(struct kaccel_area *area) */
	.globl kaccel_switch_run
	.type kaccel_switch_run, @function
kaccel_switch_run:
	endbr64
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rsp, KS_HOST_RSP(%rdi)
	mov %rdi, %rbx
	/* The kernel stack is not mapped under the VM's CR3: from here on
	 * the stack (for an NMI arriving meanwhile) is in the switch area. */
	lea KS_FRAME(%rbx), %rsp
	lidt KS_GUEST_IDTR(%rbx)
	lgdt KS_GUEST_GDTR(%rbx)
	xor %eax, %eax
	lldt %ax
	mov KS_GUEST_CR3(%rbx), %rax
	mov %rax, %cr3
	/* From here only the VM's mappings exist. */
	movzwl KS_GUEST_SEGS+0(%rbx), %eax
	mov %eax, %ds
	movzwl KS_GUEST_SEGS+2(%rbx), %eax
	mov %eax, %es
	movzwl KS_GUEST_SEGS+4(%rbx), %eax
	mov %eax, %fs
	movzwl KS_GUEST_SEGS+6(%rbx), %eax
	mov %eax, %gs
	xor %r8d, %r8d
	xor %r9d, %r9d
	xor %r10d, %r10d
	xor %r11d, %r11d
	xor %r12d, %r12d
	xor %r13d, %r13d
	xor %r14d, %r14d
	xor %r15d, %r15d
	mov KS_GUEST_GPR+0(%rbx), %rax
	mov KS_GUEST_GPR+8(%rbx), %rcx
	mov KS_GUEST_GPR+16(%rbx), %rdx
	mov KS_GUEST_GPR+40(%rbx), %rbp
	mov KS_GUEST_GPR+48(%rbx), %rsi
	mov KS_GUEST_GPR+56(%rbx), %rdi
	mov KS_GUEST_GPR+24(%rbx), %rbx
	iretq
	.size kaccel_switch_run, . - kaccel_switch_run

/* One 16-byte stub per vector: pushes a zero error code where the CPU
 * pushes none, then the vector. The C side builds the IDT from these. */
	.balign 16
	.globl kaccel_switch_stubs
kaccel_switch_stubs:
	.set vec, 0
	.rept 256
	.balign 16
	endbr64
	.if (vec == 8) || ((vec >= 10) && (vec <= 14)) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
	.else
	pushq $0
	.endif
	pushq $vec
	jmp kaccel_switch_common
	.set vec, vec + 1
	.endr

/* Stack: vector, error, rip, cs, rflags, rsp, ss. */
kaccel_switch_common:
	testb $3, 24(%rsp)
	jz .Lfrom_kernel
	push %rax
	push %rbx
	sub $16, %rsp
	sidt (%rsp)
	mov 2(%rsp), %rbx
	add $16, %rsp
	mov %rcx, KS_GUEST_GPR+8(%rbx)
	mov %rdx, KS_GUEST_GPR+16(%rbx)
	mov %rbp, KS_GUEST_GPR+40(%rbx)
	mov %rsi, KS_GUEST_GPR+48(%rbx)
	mov %rdi, KS_GUEST_GPR+56(%rbx)
	pop %rax
	mov %rax, KS_GUEST_GPR+24(%rbx)
	pop %rax
	mov %rax, KS_GUEST_GPR+0(%rbx)
	pop %rax
	mov %rax, KS_VECTOR(%rbx)
	pop %rax
	mov %rax, KS_ERROR(%rbx)
	pop %rax
	mov %rax, KS_FRAME+0(%rbx)
	pop %rax
	mov %rax, KS_FRAME+8(%rbx)
	pop %rax
	mov %rax, KS_FRAME+16(%rbx)
	pop %rax
	mov %rax, KS_FRAME+24(%rbx)
	pop %rax
	mov %rax, KS_FRAME+32(%rbx)
	mov %cr2, %rax
	mov %rax, KS_CR2(%rbx)
	mov %ds, %eax
	mov %ax, KS_GUEST_SEGS+0(%rbx)
	mov %es, %eax
	mov %ax, KS_GUEST_SEGS+2(%rbx)
	mov %fs, %eax
	mov %ax, KS_GUEST_SEGS+4(%rbx)
	mov %gs, %eax
	mov %ax, KS_GUEST_SEGS+6(%rbx)
.Lguest_saved:
	jmp .Lrestore_host

/* A vector taken inside the switch itself. An NMI or #MC is remembered
 * for the C side to forward and the switch gives up: it restores the host
 * without an IRET, so NMIs stay blocked until the host's own handler
 * returns (an "int $2" with NMIs unblocked could be overrun by the next
 * NMI on the host's NMI stack). If the guest had not run yet, KS_VECTOR
 * still says so (256). A #DB (a host breakpoint) resumes. Anything else
 * is a module bug, reported through KS_INTERNAL after restoring the
 * host. */
.Lfrom_kernel:
	push %rax
	push %rbx
	sub $16, %rsp
	sidt (%rsp)
	mov 2(%rsp), %rbx
	add $16, %rsp
	mov 16(%rsp), %rax
	cmp $2, %rax
	je .Lnmi
	cmp $18, %rax
	je .Lnmi
	cmp $1, %rax
	je .Lpend
	or $0x100, %rax
	mov %rax, KS_INTERNAL(%rbx)
	mov 32(%rsp), %rax
	mov %rax, KS_INTERNAL_RIP(%rbx)
	jmp .Lrestore_host
/* Between a stub's first instruction and .Lguest_saved the guest's state
 * is still on the stack and in registers: resume that (the forward then
 * runs with NMIs unblocked, a window of a few instructions). */
.Lnmi:
	push %rcx
	push %rdx
	mov 48(%rsp), %rcx              /* interrupted RIP */
	lea kaccel_switch_stubs(%rip), %rdx
	cmp %rdx, %rcx
	jb 1f
	lea .Lguest_saved(%rip), %rdx
	cmp %rdx, %rcx
	jae 1f
	pop %rdx
	pop %rcx
	jmp .Lpend
1:	pop %rdx
	pop %rcx
	lock btsq %rax, KS_PENDING(%rbx)
	jmp .Lrestore_host
.Lpend:
	lock btsq %rax, KS_PENDING(%rbx)
	pop %rbx
	pop %rax
	add $16, %rsp
	orq $0x10000, 16(%rsp)      /* RF: do not re-take an instruction breakpoint */
	iretq

/* rbx = area. Host CR3 first, then GDT and segments, the kernel GS base
 * before anything can use per-CPU data, and the host IDT last. */
.Lrestore_host:
	mov KS_HOST_CR3(%rbx), %rax
	mov %rax, %cr3
	lgdt KS_HOST_GDTR(%rbx)
	movzwl KS_HOST_SEGS+10(%rbx), %eax
	mov %eax, %ss
	movzwl KS_HOST_SEGS+8(%rbx), %eax
	lldt %ax
	movzwl KS_HOST_SEGS+0(%rbx), %eax
	mov %eax, %ds
	movzwl KS_HOST_SEGS+2(%rbx), %eax
	mov %eax, %es
	movzwl KS_HOST_SEGS+4(%rbx), %eax
	mov %eax, %fs
	mov KS_HOST_FSBASE(%rbx), %rax
	mov %rax, %rdx
	shr $32, %rdx
	mov $0xc0000100, %ecx
	wrmsr
	movzwl KS_HOST_SEGS+6(%rbx), %eax
	mov %eax, %gs
	mov KS_HOST_GSBASE(%rbx), %rax
	mov %rax, %rdx
	shr $32, %rdx
	mov $0xc0000101, %ecx
	wrmsr
	lidt KS_HOST_IDTR(%rbx)
	mov KS_HOST_RSP(%rbx), %rsp
	/* The delivery left the guest's DF and AC set: the kernel needs
	 * both clear (string functions, SMAP). */
	pushq $2
	popfq
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret

	.balign 4096
	.globl kaccel_switch_text_end
kaccel_switch_text_end:

/* kaccel_forward_table + 8 * n: "int $n; ret", to hand a vector taken in
 * the guest to the host's own handler (interrupts off, host IDT loaded). */
	.text
	.balign 8
	.globl kaccel_forward_table
kaccel_forward_table:
	.set vec, 0
	.rept 256
	.balign 8
	endbr64
	int $vec
	ret
	.set vec, vec + 1
	.endr
