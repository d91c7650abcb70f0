/* Entry of the bare-metal test kernels: the multiboot v1 header, the
 * start code (stack, bss, then bm_start in C), the 256 exception and
 * interrupt stubs feeding trap_dispatch, the fault probes and the
 * ring-3 entry/exit used by the tests. */

#define MB_MAGIC 0x1badb002
#define MB_FLAGS 0

    .section .multiboot, "a"
    .align 4
    .long MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

    .text
    .globl _start
_start:
    cli
    mov $bm_stack_top, %esp
    cld
    mov $__bss_start, %edi
    mov $__bss_end, %ecx
    sub %edi, %ecx
    xor %eax, %eax
    rep stosb
    call bm_start
1:  hlt
    jmp 1b

/* One 16-byte stub per vector; those with an error code (SDM Vol. 3A,
 * Table 6-1: 8, 10-14, 17) do not push the dummy 0. */
    .align 16
stubs_begin:
    .set v, 0
    .rept 256
    .align 16
    .if (v == 8) || (v >= 10 && v <= 14) || (v == 17)
    .else
    push $0
    .endif
    push $v
    jmp trap_common
    .set v, v + 1
    .endr

trap_common:
    push %ds
    push %es
    push %fs
    push %gs
    pusha
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    cld
    push %esp
    call trap_dispatch
    add $4, %esp
    popa
    pop %gs
    pop %fs
    pop %es
    pop %ds
    add $8, %esp
    iret

    .data
    .align 4
    .globl stub_table
stub_table:
    .set v, 0
    .rept 256
    .long stubs_begin + v * 16
    .set v, v + 1
    .endr
    .text

/* Probes: arm trap_resume, do the access, disarm. A fault resumes at the
 * label with ESP restored from trap_resume_esp. */
    .globl probe_read32
probe_read32:
    call trap_reset
    mov 4(%esp), %ecx
    movl %esp, trap_resume_esp
    movl $1f, trap_resume
    xor %eax, %eax
    .globl probe_read32_insn
probe_read32_insn:
    mov (%ecx), %eax
1:  mov trap_resume_esp, %esp
    movl $0, trap_resume
    ret

    .globl probe_write32
probe_write32:
    call trap_reset
    mov 4(%esp), %ecx
    mov 8(%esp), %edx
    movl %esp, trap_resume_esp
    movl $1f, trap_resume
    .globl probe_write32_insn
probe_write32_insn:
    mov %edx, (%ecx)
1:  mov trap_resume_esp, %esp
    movl $0, trap_resume
    ret

    .globl probe_call
probe_call:
    push %ebx
    push %esi
    push %edi
    push %ebp
    call trap_reset
    mov 20(%esp), %ecx
    movl %esp, trap_resume_esp
    movl $1f, trap_resume
    call *%ecx
1:  mov trap_resume_esp, %esp
    movl $0, trap_resume
    xor %eax, %eax
    cmpl $0xffffffff, trap_last
    setne %al
    pop %ebp
    pop %edi
    pop %esi
    pop %ebx
    ret

/* uint32_t run_user(uint32_t (*fn)(void), uint32_t eflags) */
    .globl run_user
run_user:
    push %ebx
    push %esi
    push %edi
    push %ebp
    mov %esp, user_return_esp
    mov 20(%esp), %eax
    mov 24(%esp), %edx
    pushl bm_user_ds
    push $bm_ustack_top
    push %edx
    pushl bm_user_cs
    push $user_trampoline
    mov bm_user_ds, %ecx
    mov %cx, %ds
    mov %cx, %es
    mov %cx, %fs
    mov %cx, %gs
    iret
user_trampoline:
    call *%eax
    int $0x81

/* INT 0x81 (DPL 3 interrupt gate): back to the kernel side of run_user. */
    .globl user_exit_stub
user_exit_stub:
    mov $0x10, %cx
    mov %cx, %ds
    mov %cx, %es
    mov %cx, %fs
    mov %cx, %gs
    mov user_return_esp, %esp
    pop %ebp
    pop %edi
    pop %esi
    pop %ebx
    ret

    .bss
    .align 16
    .globl bm_stack_top, bm_kstack_top, bm_ustack_top
    .space 16384
bm_stack_top:
    .space 16384
bm_kstack_top:
    .space 16384
bm_ustack_top:
    .globl user_return_esp, trap_resume_esp, trap_resume
user_return_esp: .long 0
trap_resume_esp: .long 0
trap_resume: .long 0
    .data
    .globl bm_user_cs, bm_user_ds
bm_user_cs: .long 0x1b
bm_user_ds: .long 0x23
