/* Guest ring-3 code snippets for kaccel-test.c, assembled as 32-bit code
 * by the host assembler. Each snippet lies between gc_NAME and
 * gc_NAME_end and is copied to guest linear 0x400000 (position
 * independent). */
	.section .rodata
	.code32

	.globl gc_int3, gc_int3_end
gc_int3:
	mov $0x12345678, %eax
	add $1, %eax
	int3
gc_int3_end:
	.globl gc_incall, gc_incall_end
gc_incall:
	inc %eax
	inc %ecx
	inc %edx
	inc %ebx
	inc %ebp
	inc %esi
	inc %edi
	hlt
gc_incall_end:
	.globl gc_int80, gc_int80_end
gc_int80:
	int $0x80
gc_int80_end:
	.globl gc_into, gc_into_end
gc_into:
	mov $0x7fffffff, %eax
	add $1, %eax
	into
gc_into_end:
	.globl gc_sysenter, gc_sysenter_end
gc_sysenter:
	sysenter
gc_sysenter_end:
	.globl gc_syscall, gc_syscall_end
gc_syscall:
	syscall
gc_syscall_end:
	.globl gc_out, gc_out_end
gc_out:
	out %al, $0x80
gc_out_end:
	.globl gc_in, gc_in_end
gc_in:
	in $0x60, %al
gc_in_end:
	.globl gc_cli, gc_cli_end
gc_cli:
	cli
gc_cli_end:
	.globl gc_movcr, gc_movcr_end
gc_movcr:
	mov %cr0, %eax
gc_movcr_end:
	.globl gc_div0, gc_div0_end
gc_div0:
	xor %ecx, %ecx
	div %ecx
gc_div0_end:
	.globl gc_ud2, gc_ud2_end
gc_ud2:
	ud2
gc_ud2_end:
	.globl gc_load, gc_load_end
gc_load:
	mov (%ebx), %eax
	int3
gc_load_end:
	.globl gc_store, gc_store_end
gc_store:
	mov %eax, (%ebx)
	int3
gc_store_end:
	.globl gc_jmpebx, gc_jmpebx_end
gc_jmpebx:
	jmp *%ebx
gc_jmpebx_end:
	.globl gc_loop, gc_loop_end
gc_loop:
1:	jmp 1b
gc_loop_end:
	.globl gc_cpuid, gc_cpuid_end
gc_cpuid:
	cpuid
	int3
gc_cpuid_end:
	.globl gc_rdtsc, gc_rdtsc_end
gc_rdtsc:
	rdtsc
	int3
gc_rdtsc_end:
	.globl gc_sgdt, gc_sgdt_end
gc_sgdt:
	sgdt (%ebx)
	int3
gc_sgdt_end:
	.globl gc_sidt, gc_sidt_end
gc_sidt:
	sidt (%ebx)
	int3
gc_sidt_end:
	.globl gc_sldt, gc_sldt_end
gc_sldt:
	sldt %eax
	int3
gc_sldt_end:
	.globl gc_str, gc_str_end
gc_str:
	str %eax
	int3
gc_str_end:
	.globl gc_smsw, gc_smsw_end
gc_smsw:
	smsw %eax
	int3
gc_smsw_end:
	.globl gc_pushf, gc_pushf_end
gc_pushf:
	pushf
	pop %eax
	int3
gc_pushf_end:
	.globl gc_popf, gc_popf_end
gc_popf:
	pushf
	andl $~0x3200, (%esp)
	orl $0x3000, (%esp)
	popf
	pushf
	pop %eax
	int3
gc_popf_end:
	.globl gc_sse, gc_sse_end
gc_sse:
	addps %xmm1, %xmm0
	fld1
	faddp
	int3
gc_sse_end:
	.globl gc_segload, gc_segload_end
gc_segload:
	mov $0x83, %eax
	mov %eax, %ds
	int3
gc_segload_end:
	.globl gc_sum, gc_sum_end
gc_sum:
	xor %eax, %eax
1:	add %ecx, %eax
	dec %ecx
	jnz 1b
	int3
gc_sum_end:
	.globl gc_touch, gc_touch_end
gc_touch:
1:	mov %eax, (%ebx)
	add $4096, %ebx
	dec %ecx
	jnz 1b
	int3
gc_touch_end:
/* Writes EAX into the page-table entry at [EBX], reads [ECX], repeats
 * with EAX += EDX, ESI times: the guest rewriting its own tables. */
	.globl gc_selfpt, gc_selfpt_end
gc_selfpt:
1:	mov %eax, (%ebx)
	mov (%ecx), %edi
	add %edx, %eax
	dec %esi
	jnz 1b
	int3
gc_selfpt_end:
/* DF and AC set across a long loop, so host interrupts arrive with them
 * set in the guest. */
	.globl gc_stdloop, gc_stdloop_end
gc_stdloop:
	std
	pushf
	orl $0x40000, (%esp)
	popf
1:	dec %ecx
	jnz 1b
	mov $0x1234, %ebx
	int3
gc_stdloop_end:
/* A store (the test performs it when it exits as a write to a guest
 * page table), then a load through the tables it may have changed. */
	.globl gc_wpstore, gc_wpstore_end
gc_wpstore:
	mov %eax, (%ebx)
	mov (%ecx), %edx
	int3
gc_wpstore_end:
/* The table kaccel-test.c looks snippets up in: name, start, end. */
	.section .data.rel.ro
	.balign 8
	.globl gc_table
gc_table:
	.quad gc_name_int3, gc_int3, gc_int3_end
	.quad gc_name_incall, gc_incall, gc_incall_end
	.quad gc_name_int80, gc_int80, gc_int80_end
	.quad gc_name_into, gc_into, gc_into_end
	.quad gc_name_sysenter, gc_sysenter, gc_sysenter_end
	.quad gc_name_syscall, gc_syscall, gc_syscall_end
	.quad gc_name_out, gc_out, gc_out_end
	.quad gc_name_in, gc_in, gc_in_end
	.quad gc_name_cli, gc_cli, gc_cli_end
	.quad gc_name_movcr, gc_movcr, gc_movcr_end
	.quad gc_name_div0, gc_div0, gc_div0_end
	.quad gc_name_ud2, gc_ud2, gc_ud2_end
	.quad gc_name_load, gc_load, gc_load_end
	.quad gc_name_store, gc_store, gc_store_end
	.quad gc_name_jmpebx, gc_jmpebx, gc_jmpebx_end
	.quad gc_name_loop, gc_loop, gc_loop_end
	.quad gc_name_cpuid, gc_cpuid, gc_cpuid_end
	.quad gc_name_rdtsc, gc_rdtsc, gc_rdtsc_end
	.quad gc_name_sgdt, gc_sgdt, gc_sgdt_end
	.quad gc_name_sidt, gc_sidt, gc_sidt_end
	.quad gc_name_sldt, gc_sldt, gc_sldt_end
	.quad gc_name_str, gc_str, gc_str_end
	.quad gc_name_smsw, gc_smsw, gc_smsw_end
	.quad gc_name_pushf, gc_pushf, gc_pushf_end
	.quad gc_name_popf, gc_popf, gc_popf_end
	.quad gc_name_sse, gc_sse, gc_sse_end
	.quad gc_name_segload, gc_segload, gc_segload_end
	.quad gc_name_sum, gc_sum, gc_sum_end
	.quad gc_name_touch, gc_touch, gc_touch_end
	.quad gc_name_selfpt, gc_selfpt, gc_selfpt_end
	.quad gc_name_stdloop, gc_stdloop, gc_stdloop_end
	.quad gc_name_wpstore, gc_wpstore, gc_wpstore_end
	.quad 0, 0, 0
	.section .rodata
gc_name_int3:	.asciz "int3"
gc_name_incall:	.asciz "incall"
gc_name_int80:	.asciz "int80"
gc_name_into:	.asciz "into"
gc_name_sysenter:	.asciz "sysenter"
gc_name_syscall:	.asciz "syscall"
gc_name_out:	.asciz "out"
gc_name_in:	.asciz "in"
gc_name_cli:	.asciz "cli"
gc_name_movcr:	.asciz "movcr"
gc_name_div0:	.asciz "div0"
gc_name_ud2:	.asciz "ud2"
gc_name_load:	.asciz "load"
gc_name_store:	.asciz "store"
gc_name_jmpebx:	.asciz "jmpebx"
gc_name_loop:	.asciz "loop"
gc_name_cpuid:	.asciz "cpuid"
gc_name_rdtsc:	.asciz "rdtsc"
gc_name_sgdt:	.asciz "sgdt"
gc_name_sidt:	.asciz "sidt"
gc_name_sldt:	.asciz "sldt"
gc_name_str:	.asciz "str"
gc_name_smsw:	.asciz "smsw"
gc_name_pushf:	.asciz "pushf"
gc_name_popf:	.asciz "popf"
gc_name_sse:	.asciz "sse"
gc_name_segload:	.asciz "segload"
gc_name_sum:	.asciz "sum"
gc_name_touch:	.asciz "touch"
gc_name_selfpt:	.asciz "selfpt"
gc_name_stdloop:	.asciz "stdloop"
gc_name_wpstore:	.asciz "wpstore"
	.section .note.GNU-stack, "", @progbits
